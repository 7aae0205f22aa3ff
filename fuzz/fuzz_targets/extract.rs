//! Extraction on any cleaned text: event frames whose every span lies on char boundaries of the
//! article's text and whose quotes are the slices they name. (Built with `--features extract`.)
#![no_main]
use annalist_fuzz::check_span;
use annalist_model::{content_hash, Document, MediaType, Span};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = Document {
        id: "fuzz".into(),
        origin: "fuzz.txt".into(),
        url: None,
        media_type: MediaType::Text,
        declared_charset: Some("utf-8".into()),
        declared_title: None,
        declared_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 4),
        declared_outlet: None,
        raw: data.to_vec(),
        content_hash: content_hash(data),
    };
    let Ok(article) = annalist_clean::clean(&doc) else { return };
    let text = &article.text;
    for f in annalist_extract::Extractor::builtin().frames(&article) {
        check_span(text, f.trigger, "trigger");
        check_span(text, f.sentence, "frame sentence");
        assert_eq!(f.quote, text[f.sentence.start..f.sentence.end], "frame quote");
        let mut spans: Vec<(Span, Span, &str)> = Vec::new();
        if let Some(e) = &f.date {
            spans.push((e.span, e.sentence, &e.quote));
        }
        if let Some(e) = &f.country {
            spans.push((e.span, e.sentence, &e.quote));
        }
        if let Some(e) = &f.place {
            spans.push((e.span, e.sentence, &e.quote));
        }
        if let Some(e) = &f.killed {
            spans.push((e.span, e.sentence, &e.quote));
        }
        if let Some(e) = &f.wounded {
            spans.push((e.span, e.sentence, &e.quote));
        }
        for e in &f.perpetrators {
            spans.push((e.span, e.sentence, &e.quote));
        }
        for (span, sentence, quote) in spans {
            check_span(text, span, "evidence");
            check_span(text, sentence, "evidence sentence");
            assert_eq!(quote, &text[sentence.start..sentence.end], "evidence quote");
        }
    }
});
