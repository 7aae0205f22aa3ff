//! Ingest: reads what users' crawlers keep (files, folders, stdin; `.txt`, `.html`, `.jsonl`,
//! `.warc`, news archives of many records in one SGML/XML file: Reuters-21578 `<REUTERS>`,
//! LDC/TREC `<DOC>`; `.csv`/`.tsv` tables with a header, one article a row; any of them gzip- or zstd-compressed) into `Document`s, one at a time,
//! streaming.
//!
//! Not for: decoding charsets, removing boilerplate or reading metadata out of the page itself
//! (that is `annalist-clean`). Ingest only opens containers, unpacks records, applies size
//! limits and turns away inputs that cannot be articles (binary data, empty files), each with a
//! reason that names the input.
//!
//! CONTRACT (used by the CLI):
//! - `read_inputs(&[PathBuf], &IngestOptions) -> Inputs`, an iterator of
//!   `Result<Document, Skipped>` that reads lazily; bad inputs become `Skipped { origin, reason }`
//!   and never stop the walk. A damaged gzip member inside a multi-member file (a `.warc.gz`
//!   holds one per record) loses only what it held: its record or lines are skipped with the
//!   reason, and reading goes on at the next member (`gzip.rs`).
//! - Memory holds one document (at most `max_document_bytes`) and one directory listing at a
//!   time, whatever the size of the corpus or of one WARC file.

mod archive;
mod gzip;
mod jsonl;
mod sniff;
mod source;
mod table;
mod walk;
mod warc;

use std::path::PathBuf;

pub use walk::{escape_text, origin_path, path_text, Inputs};

/// The environment variable that sets [`IngestOptions::max_document_bytes`].
pub const ENV_MAX_DOCUMENT_BYTES: &str = "ANNALIST_MAX_DOCUMENT_BYTES";
/// The environment variable that sets [`IngestOptions::date`] (`YYYY-MM-DD`).
pub const ENV_DATE: &str = "ANNALIST_DATE";
/// The environment variable that sets [`IngestOptions::max_records_per_file`].
pub const ENV_MAX_RECORDS_PER_FILE: &str = "ANNALIST_MAX_RECORDS_PER_FILE";

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
    /// A container (JSON Lines or WARC file) is read for at most this many records (documents
    /// and skipped records alike); the rest of the file is not read, and one skip says so.
    /// Default 1,000,000.
    pub max_records_per_file: u64,
    /// The publication day of every document whose container declares none (a file, or a JSON
    /// Lines record without a `date` field): what the user says of undated inputs
    /// (`ingest --date`). It stands for a declared date, so it wins over a date the text states.
    /// Default none.
    pub date: Option<chrono::NaiveDate>,
}

impl IngestOptions {
    /// The built-in limits.
    pub const BUILT_IN: IngestOptions = IngestOptions {
        max_document_bytes: 32 * 1024 * 1024,
        skip_hidden: true,
        max_records_per_file: 1_000_000,
        date: None,
    };

    /// The built-in limits, each replaced by its environment variable when that is set
    /// (`ANNALIST_MAX_DOCUMENT_BYTES`, `ANNALIST_MAX_RECORDS_PER_FILE`: positive whole numbers;
    /// the byte count may end in K, M or G for KiB, MiB, GiB; `ANNALIST_DATE`: `YYYY-MM-DD`).
    /// A bad value is an error naming it.
    pub fn from_env() -> Result<IngestOptions, String> {
        let mut options = IngestOptions::BUILT_IN;
        if let Some(v) = env_value(ENV_MAX_DOCUMENT_BYTES) {
            options.max_document_bytes = parse_limit(&v, true).ok_or_else(|| {
                format!("{ENV_MAX_DOCUMENT_BYTES}={v:?} is not a size in bytes (such as 1048576 or 32M)")
            })?;
        }
        if let Some(v) = env_value(ENV_MAX_RECORDS_PER_FILE) {
            options.max_records_per_file = parse_limit(&v, false)
                .ok_or_else(|| format!("{ENV_MAX_RECORDS_PER_FILE}={v:?} is not a positive whole number"))?;
        }
        if let Some(v) = env_value(ENV_DATE) {
            options.date = Some(
                chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("{ENV_DATE}={v:?} is not a day written YYYY-MM-DD"))?,
            );
        }
        Ok(options)
    }
}

impl Default for IngestOptions {
    /// [`IngestOptions::from_env`], or the built-in limits when a variable is malformed (the
    /// CLI checks `from_env` first, so that a bad value is reported rather than ignored).
    fn default() -> IngestOptions {
        IngestOptions::from_env().unwrap_or(IngestOptions::BUILT_IN)
    }
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Whether `doc`'s id was made from its file's name (`sport/001.txt` → `001` or `sport/001`),
/// not declared by its container (a JSON Lines `id`, a WARC record's URI). Such ids are unique
/// within one run only; the caller keeps them apart from another run's files of the same name.
pub fn id_from_file_name(doc: &annalist_model::Document) -> bool {
    let Some(name) = std::path::Path::new(&doc.origin).file_name() else { return false };
    let stem = sniff::id_of_file_name(&name.to_string_lossy());
    doc.id == stem || doc.id.ends_with(&format!("/{stem}"))
}

/// A positive count; with `sizes`, an optional K/M/G suffix (binary units).
pub fn parse_limit(s: &str, sizes: bool) -> Option<u64> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().last() {
        Some((i, c)) if sizes && matches!(c.to_ascii_uppercase(), 'K' | 'M' | 'G') => {
            let unit = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                _ => 1 << 30,
            };
            (&s[..i], unit)
        }
        _ => (s, 1),
    };
    let n: u64 = digits.parse().ok()?;
    n.checked_mul(unit).filter(|&n| n > 0)
}

/// Reads one input already open (a pipe, a socket, bytes in memory) as if it were a file named
/// `name`: the name's extension and compression suffix choose the reader as for a file
/// (`x.warc.gz`, `y.jsonl`, `z.html`), and with none the content is sniffed.
pub fn read_reader(name: &str, reader: Box<dyn std::io::Read + Send>, options: &IngestOptions) -> Inputs {
    Inputs::from_reader(name, reader, options.clone())
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
