//! The WARC reader (records, HTTP heads, chunked and compressed bodies), then the cleaner.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| annalist_fuzz::read_all("fuzz.warc", data, true));
