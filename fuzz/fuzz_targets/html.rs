//! The HTML cleaner: decoding (declared charset from the first byte), DOM walk, chrome removal,
//! metadata, segmentation.
#![no_main]
use annalist_model::{content_hash, Document, MediaType};

const CHARSETS: [Option<&str>; 5] = [None, Some("utf-8"), Some("windows-1252"), Some("utf-16le"), Some("bogus")];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, raw)) = data.split_first() else { return };
    let doc = Document {
        id: "fuzz".into(),
        origin: "fuzz.html".into(),
        url: (first & 8 != 0).then(|| "https://example.org/a/b.html".into()),
        media_type: MediaType::Html,
        declared_charset: CHARSETS[(first as usize) % CHARSETS.len()].map(str::to_string),
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        raw: raw.to_vec(),
        content_hash: content_hash(raw),
    };
    if let Ok(article) = annalist_clean::clean(&doc) {
        annalist_fuzz::check_article(&article);
    }
});
