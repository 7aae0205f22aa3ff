//! Tables of articles: CSV or TSV with a header row, one article a row. The text is the first
//! column named `text`, `body`, `content`, `article`, `notes` or `summary`; `title` (or
//! `headline`), `date` (or `published`, `publish_date`, `pubdate`), `url` (or `link`) and `id`
//! columns are read when present, as JSON Lines fields are. A row's text keeps its line breaks
//! (clean unwraps them). A row is read under the document limit: one that runs past it ends the
//! reading of the file, with a skip that says so (a field can hold a whole file).

use crate::sniff::Compression;
use crate::source::{self, Declared, Stream};
use crate::{human_bytes, Skipped};
use annalist_model::{Document, MediaType};
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const TEXT: &[&str] = &["text", "body", "content", "article", "notes", "summary"];
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &["date", "published", "publish_date", "pubdate", "published_date"];
const URL: &[&str] = &["url", "link"];
const ID: &[&str] = &["id", "doc_id", "docid"];

/// The stream, letting through at most `left` more bytes (reset after every row).
struct Capped {
    inner: Stream,
    left: Arc<AtomicU64>,
}

impl Read for Capped {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let left = self.left.load(Ordering::Relaxed);
        if left == 0 {
            return Ok(0);
        }
        let n = out.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut out[..n])?;
        self.left.fetch_sub(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// Which columns hold what.
struct Columns {
    text: usize,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    id: Option<usize>,
}

pub(crate) struct Table {
    reader: csv::Reader<Capped>,
    left: Arc<AtomicU64>,
    columns: Option<Columns>,
    origin: String,
    file_id: String,
    compression: Compression,
    max: u64,
    row: u64,
    record: csv::ByteRecord,
    done: bool,
}

impl Table {
    pub(crate) fn new(
        stream: Stream,
        origin: String,
        file_id: String,
        tabs: bool,
        compression: Compression,
        max: u64,
    ) -> Table {
        let slack = 64 * 1024;
        let left = Arc::new(AtomicU64::new(max.saturating_add(slack)));
        let reader = csv::ReaderBuilder::new()
            .delimiter(if tabs { b'\t' } else { b',' })
            .flexible(true)
            .has_headers(false)
            .from_reader(Capped { inner: stream, left: left.clone() });
        Table {
            reader,
            left,
            columns: None,
            origin,
            file_id,
            compression,
            max,
            row: 0,
            record: csv::ByteRecord::new(),
            done: false,
        }
    }

    fn reset(&self) {
        self.left.store(self.max.saturating_add(64 * 1024), Ordering::Relaxed);
    }

    pub(crate) fn next(&mut self) -> Option<Result<Document, Skipped>> {
        loop {
            if self.done {
                return None;
            }
            let read = self.reader.read_byte_record(&mut self.record);
            let exhausted = self.left.load(Ordering::Relaxed) == 0;
            self.row += 1;
            let origin = format!("{}:{}", self.origin, self.row);
            match read {
                Ok(_) if exhausted => {
                    self.done = true;
                    let reason =
                        format!("a row over the limit of {}: the rest of the file is not read", human_bytes(self.max));
                    return Some(Err(Skipped { origin, reason }));
                }
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    self.reset();
                    if self.columns.is_none() {
                        match columns(&self.record) {
                            Some(c) => {
                                self.columns = Some(c);
                                continue;
                            }
                            None => {
                                self.done = true;
                                let reason = format!(
                                    "a table without a text column in its header (one of: {})",
                                    TEXT.join(", ")
                                );
                                return Some(Err(Skipped { origin: self.origin.clone(), reason }));
                            }
                        }
                    }
                    if self.record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                        continue;
                    }
                    return Some(self.document(origin));
                }
                Err(e) => {
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        self.done = true;
                        let reason = match e.into_kind() {
                            csv::ErrorKind::Io(io) => source::read_error(&io, self.compression),
                            _ => "read error".into(),
                        };
                        return Some(Err(Skipped { origin, reason: format!("reading stopped: {reason}") }));
                    }
                    self.reset();
                    return Some(Err(Skipped { origin, reason: format!("not a table row: {e}") }));
                }
            }
        }
    }

    fn document(&self, origin: String) -> Result<Document, Skipped> {
        let Some(c) = &self.columns else {
            return Err(Skipped { origin, reason: "no header".into() });
        };
        let field = |i: Option<usize>| -> Option<String> {
            let bytes = self.record.get(i?)?;
            let s = String::from_utf8_lossy(bytes).trim().to_string();
            (!s.is_empty()).then_some(s)
        };
        let text = self.record.get(c.text).unwrap_or(b"");
        if text.iter().all(u8::is_ascii_whitespace) {
            return Err(Skipped { origin, reason: "empty: no text in the row's text column".into() });
        }
        let url = field(c.url);
        let id = field(c.id).or_else(|| url.clone()).unwrap_or_else(|| format!("{}:{}", self.file_id, self.row));
        let utf8 = std::str::from_utf8(text).is_ok();
        let declared = Declared {
            url,
            charset: utf8.then(|| "utf-8".to_string()),
            title: field(c.title),
            date: field(c.date).and_then(|d| crate::jsonl::parse_date(&d)),
            outlet: None,
        };
        source::document(id, origin, MediaType::Text, text.to_vec(), declared)
    }
}

fn columns(header: &csv::ByteRecord) -> Option<Columns> {
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let find = |wanted: &[&str]| wanted.iter().find_map(|w| names.iter().position(|n| n == w));
    Some(Columns { text: find(TEXT)?, title: find(TITLE), date: find(DATE), url: find(URL), id: find(ID) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(bytes: &[u8], tabs: bool, max: u64) -> Vec<Result<Document, Skipped>> {
        let stream: Stream = Box::new(io::BufReader::new(Cursor::new(bytes.to_vec())));
        let mut table = Table::new(stream, "t.csv".into(), "t".into(), tabs, Compression::None, max);
        std::iter::from_fn(|| table.next()).collect()
    }

    #[test]
    fn each_row_is_a_document_with_its_columns() {
        let csv = b"id,Title,date,body\n7,Blast in market,2024-02-03,\"A bomb went off in a market,\nkilling two.\"\n,No id,,Gunmen fired on a bus\n";
        let docs = read(csv, false, 1 << 20);
        assert_eq!(docs.len(), 2);
        let first = docs[0].as_ref().unwrap();
        assert_eq!(first.id, "7");
        assert_eq!(first.declared_title.as_deref(), Some("Blast in market"));
        assert_eq!(first.declared_date.map(|d| d.to_string()).as_deref(), Some("2024-02-03"));
        assert_eq!(first.raw, b"A bomb went off in a market,\nkilling two.");
        assert_eq!(docs[1].as_ref().unwrap().id, "t:3");
        let tsv = b"headline\ttext\nA raid\tPolice raided a house.\n";
        assert_eq!(read(tsv, true, 1 << 20)[0].as_ref().unwrap().raw, b"Police raided a house.");
    }

    #[test]
    fn a_table_without_a_text_column_and_an_oversized_row_are_reported() {
        let no_text = read(b"a,b\n1,2\n", false, 1 << 20);
        assert!(no_text[0].as_ref().unwrap_err().reason.contains("text column"));
        let mut big = b"text\nshort row\n\"".to_vec();
        big.extend(std::iter::repeat_n(b'x', 200_000));
        big.extend_from_slice(b"\"\nafter\n");
        let docs = read(&big, false, 1000);
        assert_eq!(docs[0].as_ref().unwrap().raw, b"short row");
        assert!(docs[1].as_ref().unwrap_err().reason.contains("over the limit"), "{:?}", docs[1]);
        assert_eq!(docs.len(), 2);
    }
}
