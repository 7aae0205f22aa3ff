//! An input with no telling name: compression (gzip, zstd) and format sniffed from the bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| annalist_fuzz::read_all("input", data, false));
