//! Clean: turns a `Document` into an `Article`: bytes decoded to text (declared charset, BOM,
//! `<meta charset>`, then detection), boilerplate removed (navigation, breadcrumbs, captions and
//! credits, share bars, related links, comment policies, subscription and cookie notices), the
//! body kept whole, metadata read (title, publication date, outlet, language), and the body
//! segmented into paragraphs and sentences with byte offsets into the cleaned text.
//!
//! Not for: reading files or containers (that is `annalist-ingest`), nor understanding what the
//! text says (that is `annalist-extract`). `clean` is a pure function of one document: no I/O,
//! no global state besides vocabularies and patterns built once.
//!
//! CONTRACT (used by the CLI): `clean(&Document) -> Result<Article, CleanError>`;
//! `CleanError` displays a reason a user understands ("binary data", "no text after cleaning").
//!
//! Measured: `cargo run -p annalist-clean --release --example eval_extraction` scores the HTML
//! cleaner on the 181 pages of the article-extraction benchmark (4-word shingles, the benchmark's
//! own averaging) and prints its single-core throughput; `--worst N` lists the weakest pages.
//! `cargo run -p annalist-clean --example clean_file -- FILE...` shows what it makes of a page.
//!
//! Metadata precedence: what the container declared (JSON Lines fields, WARC/HTTP charset) wins;
//! then the page (`og:*`, JSON-LD, `<time>`, `<html lang>`), then the URL (date, host), then the
//! text (dateline, wire agency, writing system).

mod case;
mod chrome;
mod dates;
mod decode;
mod html;
mod language;
mod plain;
mod segment;
mod wrap;

use annalist_model::{Article, Document, MediaType};

pub use case::reading_view;
pub use decode::decode;
pub use segment::{segment, split_sentences};

/// Why a document gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanError(pub String);

impl std::fmt::Display for CleanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for CleanError {}

/// What a cleaner found in one page before segmentation.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Body paragraphs, in order, each on one line.
    pub paragraphs: Vec<String>,
}

/// The environment variable that sets the deepest HTML nesting a page may have before it is
/// refused unparsed (default 3000; a positive whole number).
pub const ENV_MAX_HTML_DEPTH: &str = "ANNALIST_MAX_HTML_DEPTH";

/// The nesting limit in force: [`ENV_MAX_HTML_DEPTH`] when set to a positive number, read once
/// per process, else the built-in 3000. (The walk of a page's DOM reads no deeper than 256
/// levels whatever this is.)
pub fn max_html_depth() -> usize {
    static DEPTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *DEPTH.get_or_init(|| {
        std::env::var(ENV_MAX_HTML_DEPTH)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(html::MAX_SOURCE_DEPTH)
    })
}

/// Cleans one document into an article.
pub fn clean(doc: &Document) -> Result<Article, CleanError> {
    if doc.raw.is_empty() {
        return Err(CleanError("empty document".into()));
    }
    if doc.raw.iter().take(8192).any(|&b| b == 0) && !decode::has_utf16_bom(&doc.raw) {
        return Err(CleanError("binary data, not text".into()));
    }
    let is_html = doc.media_type == MediaType::Html;
    let decoded = decode(&doc.raw, doc.declared_charset.as_deref(), is_html);
    let max_depth = max_html_depth();
    let (depth, work) = if is_html { html::source_shape(&decoded.text) } else { (0, 0) };
    if depth > max_depth {
        return Err(CleanError(format!(
            "HTML nested more than {max_depth} levels deep (an HTML bomb?); not parsed (set {ENV_MAX_HTML_DEPTH} to raise the limit)"
        )));
    }
    if work > html::MAX_NESTING_WORK {
        return Err(CleanError(format!(
            "HTML nesting work over {} (tags × their depth: many tags deep down, an HTML bomb?); not parsed",
            html::MAX_NESTING_WORK
        )));
    }
    let mut found = match doc.media_type {
        MediaType::Html => html::extract(&decoded.text, doc.url.as_deref()),
        MediaType::Text => plain::extract(&decoded.text, doc.declared_title.as_deref()),
    };
    if found.paragraphs.is_empty() {
        return Err(CleanError("no article text after cleaning (only page chrome, or nothing readable)".into()));
    }
    // What the container declared wins over what the page suggests, except where it is absent.
    if let Some(title) = doc.declared_title.as_ref().filter(|t| !t.trim().is_empty()) {
        found.title = Some(title.trim().to_string());
    }
    let published = doc.declared_date.or(found.published);
    let outlet = doc
        .declared_outlet
        .clone()
        .or(found.outlet)
        .or_else(|| doc.url.as_deref().or(found.url.as_deref()).and_then(dates::host_of));
    let (text, paragraphs, sentences) = segment(&found.paragraphs);
    let language = found.language.or_else(|| language::detect(&text));
    let reading = case::reading_view(&text);
    Ok(Article {
        id: doc.id.clone(),
        url: doc.url.clone().or(found.url),
        outlet,
        title: found.title,
        published,
        language,
        text,
        reading,
        paragraphs,
        sentences,
        content_hash: doc.content_hash.clone(),
    })
}
