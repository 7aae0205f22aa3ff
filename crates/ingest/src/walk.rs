//! The walk over the user's inputs: paths, folders (recursively, sorted by name), standard input;
//! each file becomes one document or a container (JSON Lines, WARC) read record by record.

use crate::archive::Archive;
use crate::jsonl::JsonLines;
use crate::sniff::{self, Compression, Format};
use crate::source::{self, Declared, Stream};
use crate::table::Table;
use crate::warc::Warc;
use crate::{IngestOptions, Skipped};
use annalist_model::{Document, MediaType};
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// The documents of a run's inputs, read lazily (see `read_inputs`).
pub struct Inputs {
    options: IngestOptions,
    /// Paths still to visit; the next one is at the end.
    stack: Vec<Pending>,
    /// The container being read, if any.
    current: Option<Container>,
    /// Records read from the current container so far, and its origin (for the limit's message).
    records: u64,
    current_origin: String,
    /// Folders already walked (canonical paths), so that links in a circle are walked once.
    walked: HashSet<PathBuf>,
    /// Ids given to files so far: a second `001.txt` in another folder is `sport/001`, not a
    /// replacement of the first (corpora sorted into folders repeat file names).
    file_ids: HashSet<String>,
}

enum Pending {
    Path(PathBuf),
    Stdin,
    /// An input already open, with the name it goes by.
    Reader(String, Box<dyn Read + Send>),
}

enum Container {
    JsonLines(JsonLines),
    Warc(Warc),
    Archive(Archive),
    Table(Table),
}

impl Inputs {
    pub(crate) fn new(inputs: &[PathBuf], options: IngestOptions) -> Inputs {
        let stack = inputs
            .iter()
            .rev()
            .map(|p| if p.as_os_str() == "-" { Pending::Stdin } else { Pending::Path(p.clone()) })
            .collect();
        Inputs::with(stack, options)
    }

    pub(crate) fn from_reader(name: &str, reader: Box<dyn Read + Send>, options: IngestOptions) -> Inputs {
        Inputs::with(vec![Pending::Reader(name.to_string(), reader)], options)
    }

    fn with(stack: Vec<Pending>, options: IngestOptions) -> Inputs {
        Inputs {
            options,
            stack,
            current: None,
            records: 0,
            current_origin: String::new(),
            walked: HashSet::new(),
            file_ids: HashSet::new(),
        }
    }

    fn visit(&mut self, pending: Pending) -> Option<Result<Document, Skipped>> {
        match pending {
            Pending::Stdin => {
                let opened = source::open(Box::new(io::stdin()));
                self.open_stream(opened, "-".to_string(), "stdin".to_string(), None, None)
            }
            Pending::Path(path) => self.visit_path(&path),
            Pending::Reader(name, reader) => {
                let name = escape_text(&name);
                let (_, named_format) = sniff::by_name(&name);
                let id = sniff::id_of_file_name(&name);
                self.open_stream(source::open(reader), name, id, named_format, None)
            }
        }
    }

    fn visit_path(&mut self, path: &Path) -> Option<Result<Document, Skipped>> {
        let origin = path_text(path.as_os_str());
        let skip = |reason: String| Some(Err(Skipped { origin: origin.clone(), reason }));
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return skip(format!("cannot open: {e}")),
        };
        if meta.is_dir() {
            let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if !self.walked.insert(canonical) {
                return skip("folder already walked (a link leads back to it)".into());
            }
            return match sorted_entries(path, self.options.skip_hidden) {
                Ok(entries) => {
                    self.stack.extend(entries.into_iter().rev().map(Pending::Path));
                    None
                }
                Err(e) => skip(format!("cannot list folder: {e}")),
            };
        }
        if !meta.is_file() {
            return skip("not a regular file".into());
        }
        if meta.len() == 0 {
            return skip("empty file".into());
        }
        let name = path.file_name().map(path_text).unwrap_or_default();
        let (named_compression, named_format) = sniff::by_name(&name);
        let uncompressed_size = named_compression.is_none().then_some(meta.len());
        if let (Some(size), Some(Format::Text | Format::Html)) = (uncompressed_size, named_format) {
            if size > self.options.max_document_bytes {
                return skip(source::too_large(Some(size), self.options.max_document_bytes));
            }
        }
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return skip(format!("cannot open: {e}")),
        };
        let opened = source::open(Box::new(file));
        let id = self.unique_file_id(path, sniff::id_of_file_name(&name));
        self.open_stream(opened, origin, id, named_format, uncompressed_size)
    }

    /// The file's id: its name without extensions, or, when another file of this run already has
    /// that id, the name qualified by as many parent folders as make it unique (`sport/001`).
    fn unique_file_id(&mut self, path: &Path, stem: String) -> String {
        let mut id = stem.clone();
        let mut parents = path.parent().into_iter().flat_map(|p| p.components().rev()).filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(path_text(n)),
            _ => None,
        });
        while self.file_ids.contains(&id) {
            match parents.next() {
                Some(parent) => id = format!("{parent}/{id}"),
                None => {
                    id = format!("{stem}#{}", self.file_ids.len());
                    break;
                }
            }
        }
        self.file_ids.insert(id.clone());
        id
    }

    fn start_container(&mut self, origin: String) {
        self.records = 0;
        self.current_origin = origin;
    }

    /// Starts reading one opened input: a container becomes `current`, a single document is read now.
    fn open_stream(
        &mut self,
        opened: io::Result<(Stream, Compression)>,
        origin: String,
        id: String,
        named_format: Option<Format>,
        known_size: Option<u64>,
    ) -> Option<Result<Document, Skipped>> {
        let skip = |reason: String| Some(Err(Skipped { origin: origin.clone(), reason }));
        let (mut stream, compression) = match opened {
            Ok(s) => s,
            Err(e) => return skip(format!("cannot read: {e}")),
        };
        let head = match stream.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => return skip(source::read_error(&e, compression)),
        };
        if head.is_empty() {
            return skip("empty file (nothing after decompression)".into());
        }
        let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
        if matches!(named_format, None | Some(Format::JsonLines)) && first == Some(b'[') {
            return skip("a JSON array, not JSON Lines: write one object per line (.jsonl)".into());
        }
        let format = named_format.unwrap_or_else(|| sniff::format_of(&head));
        let max = self.options.max_document_bytes;
        // a news archive (Reuters-21578 SGML, LDC/TREC <DOC>): one document per record
        if let Some(kind) =
            matches!(named_format, None | Some(Format::Text)).then(|| crate::archive::kind_of(&head)).flatten()
        {
            self.start_container(origin.clone());
            self.current = Some(Container::Archive(Archive::new(stream, origin, kind, compression, max)));
            return None;
        }
        match format {
            Format::Warc => {
                self.start_container(origin.clone());
                self.current = Some(Container::Warc(Warc::new(stream, origin, compression, max)));
                None
            }
            Format::Table { tabs } => {
                if let Some(reason) = sniff::binary_reason(&head) {
                    return skip(reason);
                }
                self.start_container(origin.clone());
                self.current = Some(Container::Table(Table::new(stream, origin, id, tabs, compression, max)));
                None
            }
            Format::JsonLines => {
                if let Some(reason) = sniff::binary_reason(&head) {
                    return skip(reason);
                }
                self.start_container(origin.clone());
                self.current = Some(Container::JsonLines(JsonLines::new(stream, origin, id, compression, max)));
                None
            }
            Format::Text | Format::Html => {
                if let Some(size) = known_size.filter(|&s| s > max) {
                    return skip(source::too_large(Some(size), max));
                }
                let raw = match source::read_capped(&mut stream as &mut dyn Read, max) {
                    Ok(Some(raw)) => raw,
                    Ok(None) => return skip(source::too_large(None, max)),
                    Err(e) => return skip(source::read_error(&e, compression)),
                };
                let media_type = match format {
                    Format::Html => MediaType::Html,
                    _ if named_format.is_none() && sniff::looks_like_html(&raw) => MediaType::Html,
                    _ => MediaType::Text,
                };
                Some(source::document(id, origin, media_type, raw, Declared::default()))
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Document, Skipped>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(container) = &mut self.current {
                let item = match container {
                    Container::JsonLines(c) => c.next(),
                    Container::Warc(c) => c.next(),
                    Container::Archive(c) => c.next(),
                    Container::Table(c) => c.next(),
                };
                match item {
                    Some(_) if self.records >= self.options.max_records_per_file => {
                        // one record past the limit: the rest of the file is not read
                        self.current = None;
                        let limit = self.options.max_records_per_file;
                        return Some(Err(Skipped {
                            origin: self.current_origin.clone(),
                            reason: format!(
                                "more than {limit} records in one file: the rest of it is not read (set {} to raise the limit)",
                                crate::ENV_MAX_RECORDS_PER_FILE
                            ),
                        }));
                    }
                    Some(item) => {
                        self.records += 1;
                        return Some(self.dated(item));
                    }
                    None => self.current = None,
                }
            }
            let pending = self.stack.pop()?;
            if let Some(item) = self.visit(pending) {
                return Some(self.dated(item));
            }
        }
    }
}

/// A path (or one of its names) as text for document ids, origins and messages, keeping
/// different names apart: a name that is valid UTF-8 with no control characters is itself; in
/// any other, each byte that is not valid UTF-8, each control character (a newline, a tab) and
/// `%` itself are written as `%XX` (percent-encoding of their bytes), so two such names never
/// read alike and nothing in them breaks a line. [`origin_path`] turns it back.
pub fn path_text(path: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    match String::from_utf8(bytes) {
        Ok(text) => escape_text(&text),
        Err(e) => percent_escaped(e.as_bytes()),
    }
}

/// `text` with its control characters percent-escaped (and then `%` too), as [`path_text`].
pub fn escape_text(text: &str) -> String {
    if text.chars().any(char::is_control) {
        percent_escaped(text.as_bytes())
    } else {
        text.to_string()
    }
}

fn percent_escaped(mut bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() + 8);
    let escape = |out: &mut String, b: u8| {
        let _ = write!(out, "%{b:02X}");
    };
    while !bytes.is_empty() {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(all) => (all, &[][..]),
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
        };
        for c in valid.chars() {
            if c.is_control() || c == '%' {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf).bytes().for_each(|b| escape(&mut out, b));
            } else {
                out.push(c);
            }
        }
        if let Some((&bad, after)) = rest.split_first() {
            escape(&mut out, bad);
            bytes = after;
        } else {
            bytes = rest;
        }
    }
    out
}

/// The path an origin made by [`path_text`] names: the text itself when such a file exists,
/// else the text with its `%XX` escapes turned back into bytes.
pub fn origin_path(origin: &str) -> PathBuf {
    let literal = PathBuf::from(origin);
    if !origin.contains('%') || literal.symlink_metadata().is_ok() {
        return literal;
    }
    let b = origin.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex =
            b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                i += 3;
            }
            (byte, _) => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    #[cfg(unix)]
    return PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes));
    #[cfg(not(unix))]
    return PathBuf::from(String::from_utf8_lossy(&bytes).into_owned());
}

impl Inputs {
    /// The run's `--date` on a document whose container declared no date.
    fn dated(&self, item: Result<Document, Skipped>) -> Result<Document, Skipped> {
        item.map(|mut doc| {
            if doc.declared_date.is_none() {
                doc.declared_date = self.options.date;
            }
            doc
        })
    }
}

/// A folder's entries sorted by name (byte order), hidden ones left out when asked.
fn sorted_entries(dir: &Path, skip_hidden: bool) -> io::Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !(skip_hidden && hidden) {
            entries.push(entry.path());
        }
    }
    entries.sort();
    Ok(entries)
}
