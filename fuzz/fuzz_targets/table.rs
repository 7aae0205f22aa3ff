//! The CSV/TSV table reader (header columns, quoted fields, the per-row limit), then the cleaner.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annalist_fuzz::read_all("fuzz.csv", data, true);
});
