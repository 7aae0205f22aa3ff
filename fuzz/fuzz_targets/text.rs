//! The plain-text cleaner: decoding, chrome lines, title and dateline, segmentation.
#![no_main]
use annalist_model::{content_hash, Document, MediaType};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = Document {
        id: "fuzz".into(),
        origin: "fuzz.txt".into(),
        url: None,
        media_type: MediaType::Text,
        declared_charset: None,
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        raw: data.to_vec(),
        content_hash: content_hash(data),
    };
    if let Ok(article) = annalist_clean::clean(&doc) {
        annalist_fuzz::check_article(&article);
    }
});
