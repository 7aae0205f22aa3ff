//! Odd input never panics the cleaner, and whatever it returns keeps its promises: paragraphs
//! and sentences are in order, on character boundaries, inside the text.

use annalist_clean::clean;
use annalist_model::{content_hash, Article, Document, MediaType};

/// A small deterministic generator (xorshift), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "The",
    "blast",
    "killed",
    "U.S.",
    "Lt.",
    "Jan.",
    "3.5",
    "é",
    "—",
    "“",
    "”",
    "’",
    "。",
    "！",
    "\u{3000}",
    "\u{a0}",
    " ",
    " ",
    " ",
    ". ",
    "? ",
    "\n",
    "\n\n",
    "<p>",
    "</p>",
    "<div class=\"share\">",
    "</div>",
    "<a href=x>",
    "</a>",
    "<br>",
    "<h2>",
    "</h2>",
    "<script>",
    "</script>",
    "<li>",
    "<!--",
    "-->",
    "&amp;",
    "&#8217;",
    "date 2024-01-12 (X)",
    "Credit: AP",
    "Previous",
    "|",
    "20240112",
    "/2024/13/45/",
    "<meta charset=gbk>",
    "\u{feff}",
    "\r\n",
    "\t",
    "…",
    "قتل",
    "Керман",
    "爆炸",
    "<time datetime=\"2024-02-30\">",
    "<html lang=\"\">",
    "<",
    ">",
    "&",
    "\"",
];

fn check(article: &Article) {
    let mut end = 0;
    for p in &article.paragraphs {
        assert!(p.start >= end && p.end <= article.text.len());
        assert!(article.text.is_char_boundary(p.start) && article.text.is_char_boundary(p.end));
        end = p.end;
    }
    let mut end = 0;
    for s in &article.sentences {
        assert!(s.span.start >= end);
        assert!(article.paragraphs[s.paragraph].contains(s.span));
        assert!(article.text.is_char_boundary(s.span.start) && article.text.is_char_boundary(s.span.end));
        end = s.span.end;
    }
}

#[test]
fn generated_pages_never_panic_and_spans_hold() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for round in 0..400 {
        let mut text = String::new();
        let len = 5 + rng.next() % 200;
        for _ in 0..len {
            text.push_str(rng.pick(PIECES));
        }
        for media_type in [MediaType::Text, MediaType::Html] {
            let raw = text.clone().into_bytes();
            let doc = Document {
                id: format!("r{round}"),
                origin: "generated".into(),
                url: Some("https://example.org/2024/01/12/x".into()),
                media_type,
                declared_charset: None,
                declared_title: None,
                declared_date: None,
                declared_outlet: None,
                content_hash: content_hash(&raw),
                raw,
            };
            if let Ok(article) = clean(&doc) {
                check(&article);
            }
        }
    }
}

#[test]
fn random_bytes_are_refused_or_cleaned_without_panicking() {
    let mut rng = Rng(42);
    for _ in 0..200 {
        let raw: Vec<u8> = (0..(rng.next() % 3000)).map(|_| rng.next() as u8).collect();
        for media_type in [MediaType::Text, MediaType::Html] {
            let doc = Document {
                id: "b".into(),
                origin: "bytes".into(),
                url: None,
                media_type,
                declared_charset: Some("bogus-charset".into()),
                declared_title: None,
                declared_date: None,
                declared_outlet: None,
                content_hash: content_hash(&raw),
                raw: raw.clone(),
            };
            if let Ok(article) = clean(&doc) {
                check(&article);
            }
        }
    }
}
