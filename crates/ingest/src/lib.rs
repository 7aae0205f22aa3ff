//! Ingest: reads what users' crawlers keep (files, folders, stdin; `.txt`, `.html`, `.jsonl`,
//! `.warc`, any of them gzip- or zstd-compressed) into `Document`s, one at a time, streaming.
//!
//! Not for: decoding charsets, removing boilerplate or reading metadata out of the page itself
//! (that is `annalist-clean`). Ingest only opens containers, unpacks records, applies size
//! limits and turns away inputs that cannot be articles (binary data, empty files), each with a
//! reason that names the input.
//!
//! CONTRACT (used by the CLI):
//! - `read_inputs(&[PathBuf], &IngestOptions) -> Inputs`, an iterator of
//!   `Result<Document, Skipped>` that reads lazily; bad inputs become `Skipped { origin, reason }`
//!   and never stop the walk.
//! - Memory holds one document (at most `max_document_bytes`) and one directory listing at a
//!   time, whatever the size of the corpus or of one WARC file.

mod jsonl;
mod sniff;
mod source;
mod walk;
mod warc;

use std::path::PathBuf;

pub use walk::Inputs;

/// An input that was not read, with the reason, for the run summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The input: a path, `path:line` for a JSON Lines record, `path#n` for the n-th WARC record.
    pub origin: String,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// Limits and choices for one ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// A document (file, record or line) larger than this, once decompressed, is skipped
    /// without being held in memory. Default 32 MiB.
    pub max_document_bytes: u64,
    /// Skip files and folders whose names begin with `.` when walking a folder. Default true.
    pub skip_hidden: bool,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions { max_document_bytes: 32 * 1024 * 1024, skip_hidden: true }
    }
}

/// Reads `inputs` (files, folders walked recursively in sorted order, `-` for standard input)
/// lazily into documents.
pub fn read_inputs(inputs: &[PathBuf], options: &IngestOptions) -> Inputs {
    Inputs::new(inputs, options.clone())
}

/// Human-readable byte counts for messages ("32 MiB").
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
