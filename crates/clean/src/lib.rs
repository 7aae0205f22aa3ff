//! Clean: turns a `Document` into an `Article` (decoded, boilerplate removed, metadata read,
//! paragraphs and sentences segmented with byte offsets).
//!
//! CONTRACT (used by the CLI): `clean(&Document) -> Result<Article, CleanError>`;
//! `CleanError` displays a reason a user understands ("binary data", "no text after cleaning").

use annalist_model::{Article, Document};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanError(pub String);

impl std::fmt::Display for CleanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for CleanError {}

pub fn clean(_doc: &Document) -> Result<Article, CleanError> {
    Err(CleanError("not built yet".into()))
}
