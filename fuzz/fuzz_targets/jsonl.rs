//! The JSON Lines reader (records, fields, declared dates), then the cleaner.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| annalist_fuzz::read_all("fuzz.jsonl", data, true));
