//! The news-archive reader (Reuters-21578 `<REUTERS>` and LDC/TREC `<DOC>` records: tags,
//! attributes, entities, the record limit), then the cleaner (unwrapping, datelines, the
//! reading view of capitals).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annalist_fuzz::read_all("fuzz.sgm", data, true);
});
