//! Ingest: reads what users' crawlers keep (files, folders, stdin; `.txt`, `.html`, `.jsonl`,
//! `.warc`, compressed) into `Document`s, one at a time, streaming.
//!
//! Not for: decoding charsets or removing boilerplate (that is `annalist-clean`).
//!
//! CONTRACT (used by the CLI):
//! - `read_inputs(&[PathBuf], &IngestOptions) -> impl Iterator<Item = Result<Document, Skipped>>`
//!   yields documents lazily; bad inputs become `Skipped { origin, reason }` and never stop the walk.

use annalist_model::Document;
use std::path::PathBuf;

/// An input that was not read, with the reason, for the run summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub origin: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {}

pub fn read_inputs(_inputs: &[PathBuf], _options: &IngestOptions) -> impl Iterator<Item = Result<Document, Skipped>> {
    std::iter::empty()
}
