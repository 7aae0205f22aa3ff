//! What every fuzz target checks besides "no panic": the invariants the rest of the pipeline
//! relies on (spans on char boundaries inside their text, limits held).

use annalist_ingest::{read_reader, IngestOptions};
use annalist_model::{Article, Span};

/// A limit small enough that the fuzzer reaches it.
pub const MAX_DOCUMENT: u64 = 64 * 1024;

/// Reads `data` as an input named `name` to the end, checking each document against the limit;
/// the documents are cleaned too when `clean` is set.
pub fn read_all(name: &str, data: &[u8], clean: bool) {
    let options =
        IngestOptions { max_document_bytes: MAX_DOCUMENT, max_records_per_file: 64, ..IngestOptions::BUILT_IN };
    let mut n = 0usize;
    for item in read_reader(name, Box::new(std::io::Cursor::new(data.to_vec())), &options) {
        n += 1;
        assert!(n <= 64 + 1, "more items than the record limit allows");
        match item {
            Ok(doc) => {
                assert!(doc.raw.len() as u64 <= MAX_DOCUMENT, "a document over the limit: {} bytes", doc.raw.len());
                assert!(!doc.id.is_empty(), "a document without an id");
                if clean {
                    if let Ok(article) = annalist_clean::clean(&doc) {
                        check_article(&article);
                    }
                }
            }
            Err(skipped) => assert!(!skipped.reason.is_empty(), "a skip without a reason"),
        }
    }
}

/// `span` is a non-empty-or-empty range on char boundaries of `text`.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} outside a text of {} bytes", text.len());
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
}

/// The article invariants of ARCHITECTURE.md.
pub fn check_article(a: &Article) {
    assert!(!a.text.is_empty(), "an article without text");
    if let Some(reading) = &a.reading {
        assert_eq!(reading.len(), a.text.len(), "a reading view of another length than the text");
    }
    let mut last = 0;
    for p in &a.paragraphs {
        check_span(&a.text, *p, "paragraph");
        assert!(p.start >= last, "paragraphs out of order");
        last = p.end;
    }
    let mut last = 0;
    for s in &a.sentences {
        check_span(&a.text, s.span, "sentence");
        assert!(s.span.start >= last, "sentences out of order or overlapping");
        last = s.span.end;
        let p = a.paragraphs.get(s.paragraph).expect("a sentence's paragraph exists");
        assert!(p.start <= s.span.start && s.span.end <= p.end, "a sentence outside its paragraph");
    }
}
