//! News archives as researchers hold them: many articles in one SGML/XML file, each record a
//! document with its own id, title and date. Reuters-21578 (`<REUTERS ... NEWID="n">` records
//! with `<DATE>`, `<TITLE>`, `<DATELINE>` and `<BODY>`, in `reut2-*.sgm` or `.xml`) and the
//! LDC/TREC `<DOC>` form of Gigaword, TDT and TREC (`<DOC id="..">` or `<DOCNO>`, `<HEADLINE>`
//! or `<TITLE>`, `<DATE>` or `<DATE_TIME>`, `<TEXT>` with `<P>` paragraphs).
//!
//! Records are read one at a time, line by line, each at most the document limit (a longer one
//! is skipped and read past); the body keeps its line breaks (clean unwraps them) and its
//! bytes undecoded (clean decodes them; archives of the 1980s hold Latin-1 bytes).

use crate::sniff::Compression;
use crate::source::{self, Declared, Line, Stream};
use crate::{human_bytes, Skipped};
use annalist_model::{Document, MediaType};

/// Which archive form a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Reuters,
    Doc,
}

impl Kind {
    fn open(self) -> &'static [u8] {
        match self {
            Kind::Reuters => b"<REUTERS",
            Kind::Doc => b"<DOC",
        }
    }
    fn close(self) -> &'static [u8] {
        match self {
            Kind::Reuters => b"</REUTERS>",
            Kind::Doc => b"</DOC>",
        }
    }
}

/// The archive form of a file from its first bytes, if it is one.
pub(crate) fn kind_of(head: &[u8]) -> Option<Kind> {
    let head = &head[..head.len().min(4096)];
    if find(head, b"<REUTERS ").is_some() || find(head, b"<REUTERS>").is_some() {
        return Some(Kind::Reuters);
    }
    let trimmed = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&head[..0], |i| &head[i..]);
    (trimmed.starts_with(b"<DOC>") || trimmed.starts_with(b"<DOC ")).then_some(Kind::Doc)
}

pub(crate) struct Archive {
    stream: Stream,
    origin: String,
    kind: Kind,
    compression: Compression,
    max: u64,
    record_no: u64,
    line: Vec<u8>,
    done: bool,
}

impl Archive {
    pub(crate) fn new(stream: Stream, origin: String, kind: Kind, compression: Compression, max: u64) -> Archive {
        Archive { stream, origin, kind, compression, max, record_no: 0, line: Vec::new(), done: false }
    }

    pub(crate) fn next(&mut self) -> Option<Result<Document, Skipped>> {
        let max = usize::try_from(self.max).unwrap_or(usize::MAX);
        let mut record: Vec<u8> = Vec::new();
        let mut inside = false;
        let mut oversize = false;
        loop {
            if self.done {
                return None;
            }
            match source::read_line_capped(&mut *self.stream, &mut self.line, max) {
                Ok(Line::Eof) => {
                    self.done = true;
                    if inside {
                        self.record_no += 1;
                        let origin = format!("{}#{}", self.origin, self.record_no);
                        return Some(Err(Skipped {
                            origin,
                            reason: "record not closed at the end of the file".into(),
                        }));
                    }
                    return None;
                }
                Ok(Line::TooLong(_)) => {
                    if inside {
                        oversize = true;
                        record.clear();
                    }
                }
                Ok(Line::Read) => {
                    if !inside {
                        match find(&self.line, self.kind.open()) {
                            Some(at) if is_tag_end(self.line.get(at + self.kind.open().len())) => {
                                inside = true;
                                record.extend_from_slice(&self.line[at..]);
                            }
                            _ => continue,
                        }
                    } else if !oversize {
                        if record.len() + self.line.len() > max {
                            oversize = true;
                            record.clear();
                        } else {
                            record.extend_from_slice(&self.line);
                        }
                    }
                    if inside && find(&self.line, self.kind.close()).is_some() {
                        self.record_no += 1;
                        let origin = format!("{}#{}", self.origin, self.record_no);
                        if oversize {
                            let reason = format!("record too large: over the limit of {}", human_bytes(self.max));
                            return Some(Err(Skipped { origin, reason }));
                        }
                        return Some(self.record(&record, origin));
                    }
                }
                Err(e) => {
                    self.done = true;
                    let reason = format!("reading stopped: {}", source::read_error(&e, self.compression));
                    return Some(Err(Skipped { origin: self.origin.clone(), reason }));
                }
            }
        }
    }

    fn record(&self, record: &[u8], origin: String) -> Result<Document, Skipped> {
        let skip = |reason: &str| Skipped { origin: origin.clone(), reason: reason.to_string() };
        let open_tag = &record[..record.iter().position(|&b| b == b'>').unwrap_or(record.len())];
        let (id, title, date, mut body, outlet) = match self.kind {
            Kind::Reuters => {
                let newid = attribute(open_tag, b"NEWID").ok_or_else(|| skip("a Reuters record without NEWID"))?;
                let date = element(record, b"DATE").and_then(|d| reuters_date(&text_of(d)));
                let mut body = Vec::new();
                if let Some(dateline) = element(record, b"DATELINE") {
                    body.extend_from_slice(trim(dateline));
                    body.push(b' ');
                }
                match element(record, b"BODY") {
                    Some(b) => body.extend_from_slice(b),
                    // an unprocessed record's text stands in <TEXT> itself
                    None => body.extend_from_slice(&without_tags(
                        element(record, b"TEXT").unwrap_or(b""),
                        &[b"TITLE", b"DATELINE"],
                    )),
                }
                (
                    format!("reuters-{}", text_of(newid)),
                    element(record, b"TITLE"),
                    date,
                    body,
                    Some("Reuters".to_string()),
                )
            }
            Kind::Doc => {
                let id = attribute(open_tag, b"id")
                    .or_else(|| attribute(open_tag, b"ID"))
                    .or_else(|| element(record, b"DOCNO"))
                    .map(|v| text_of(v).trim().to_string())
                    .ok_or_else(|| skip("a <DOC> record without an id or <DOCNO>"))?;
                let date = element(record, b"DATE")
                    .or_else(|| element(record, b"DATE_TIME"))
                    .and_then(|d| crate::jsonl::parse_date(text_of(d).trim()))
                    .or_else(|| date_in_id(&id));
                let title = element(record, b"HEADLINE").or_else(|| element(record, b"TITLE"));
                let text = element(record, b"TEXT").unwrap_or(b"");
                (id, title, date, paragraphs_of(text), None)
            }
        };
        body = unescape(&body);
        let trimmed = trim(&body);
        if !trimmed.iter().any(u8::is_ascii_alphanumeric) || trimmed.eq_ignore_ascii_case(b"reuter") {
            return Err(skip("empty: a record without a body"));
        }
        let title = title.map(|t| String::from_utf8_lossy(&unescape(trim(t))).trim().to_string());
        let utf8 = std::str::from_utf8(&body).is_ok();
        let declared = Declared {
            url: None,
            // the bytes of an old archive are often Latin-1: clean detects them
            charset: utf8.then(|| "utf-8".to_string()),
            title: title.filter(|t| !t.is_empty()),
            date,
            outlet,
        };
        source::document(id, origin, MediaType::Text, body, declared)
    }
}

fn is_tag_end(b: Option<&u8>) -> bool {
    matches!(b, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n'))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &bytes[start..end.max(start)]
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The content of the first `<NAME ...>...</NAME>` in `record`.
fn element<'a>(record: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut open = b"<".to_vec();
    open.extend_from_slice(name);
    let mut from = 0;
    let start = loop {
        let at = from + find(&record[from..], &open)?;
        let after = at + open.len();
        if is_tag_end(record.get(after)) {
            let end = after + record[after..].iter().position(|&b| b == b'>')?;
            break end + 1;
        }
        from = after;
    };
    let mut close = b"</".to_vec();
    close.extend_from_slice(name);
    close.push(b'>');
    let end = start + find(&record[start..], &close)?;
    Some(&record[start..end])
}

/// The value of `NAME="..."` in an opening tag.
fn attribute<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut key = b" ".to_vec();
    key.extend_from_slice(name);
    key.extend_from_slice(b"=\"");
    let start = find(tag, &key)? + key.len();
    let end = start + tag[start..].iter().position(|&b| b == b'"')?;
    Some(&tag[start..end])
}

/// `text` with the elements named removed (tags and content).
fn without_tags(text: &[u8], names: &[&[u8]]) -> Vec<u8> {
    let mut out = text.to_vec();
    for name in names {
        if let Some(content) = element(&out, name) {
            let mut open = b"<".to_vec();
            open.extend_from_slice(name);
            if let Some(s) = find(&out, &open) {
                let content_end = content.as_ptr() as usize - out.as_ptr() as usize + content.len();
                let end = (content_end + name.len() + 3).min(out.len());
                out.drain(s..end);
            }
        }
    }
    out
}

/// A `<TEXT>` of `<P>` paragraphs as lines separated by blank lines; other tags dropped.
fn paragraphs_of(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'<' {
            let end = text[i..].iter().position(|&b| b == b'>').map_or(text.len(), |e| i + e + 1);
            let tag = &text[i..end];
            if tag.eq_ignore_ascii_case(b"<P>") || tag.eq_ignore_ascii_case(b"</P>") {
                out.extend_from_slice(b"\n\n");
            }
            i = end;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// SGML character references and the five XML entities; `&#3;` (Reuters' end-of-text mark) and
/// other control characters are dropped, an unknown entity is kept as written.
fn unescape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'&' {
            if let Some(len) = bytes[i..].iter().take(12).position(|&b| b == b';') {
                let name = &bytes[i + 1..i + len];
                let c = match name {
                    b"lt" => Some('<'),
                    b"gt" => Some('>'),
                    b"amp" => Some('&'),
                    b"quot" => Some('"'),
                    b"apos" => Some('\''),
                    [b'#', b'x' | b'X', hex @ ..] => std::str::from_utf8(hex)
                        .ok()
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32),
                    [b'#', dec @ ..] => {
                        std::str::from_utf8(dec).ok().and_then(|d| d.parse::<u32>().ok()).and_then(char::from_u32)
                    }
                    _ => None,
                };
                if let Some(c) = c {
                    if !c.is_control() || c == '\n' || c == '\t' {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    i += len + 1;
                    continue;
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Reuters' `26-FEB-1987 15:01:01.79`.
fn reuters_date(s: &str) -> Option<chrono::NaiveDate> {
    let day = s.split_whitespace().next()?;
    chrono::NaiveDate::parse_from_str(&day.to_ascii_lowercase(), "%d-%b-%Y").ok()
}

/// The day in a Gigaword id (`AFP_ENG_19940512.0001`): eight digits after an underscore.
fn date_in_id(id: &str) -> Option<chrono::NaiveDate> {
    id.split(['_', '.', '-']).find_map(|part| {
        (part.len() == 8 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| chrono::NaiveDate::parse_from_str(part, "%Y%m%d").ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(bytes: &[u8], kind: Kind, max: u64) -> Vec<Result<Document, Skipped>> {
        let stream: Stream = Box::new(Cursor::new(bytes.to_vec()));
        let mut archive = Archive::new(stream, "a.sgm".into(), kind, Compression::None, max);
        std::iter::from_fn(|| archive.next()).collect()
    }

    const REUTERS: &[u8] = b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"NO\" NEWID=\"7\">\n<DATE> 3-MAR-1987 09:15:00.00</DATE>\n<TEXT>\n<TITLE>TRADERS SEE &lt;GRAIN&gt; PRICES UP</TITLE>\n<DATELINE>    CHICAGO, March 3 - </DATELINE><BODY>Grain traders said prices would rise\nthis week as stocks fell.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS=\"NO\" NEWID=\"8\">\n<DATE> 3-MAR-1987 09:16:00.00</DATE>\n<TEXT TYPE=\"BRIEF\">\n<TITLE>BRIEF ITEM</TITLE>\n</TEXT>\n</REUTERS>\n";

    #[test]
    fn each_reuters_record_is_a_dated_document_of_its_own() {
        let docs = read(REUTERS, Kind::Reuters, 1 << 20);
        assert_eq!(docs.len(), 2);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.id, "reuters-7");
        assert_eq!(doc.declared_date.map(|d| d.to_string()).as_deref(), Some("1987-03-03"));
        assert_eq!(doc.declared_title.as_deref(), Some("TRADERS SEE <GRAIN> PRICES UP"));
        let body = String::from_utf8(doc.raw.clone()).unwrap();
        assert!(body.starts_with("CHICAGO, March 3 - Grain traders said prices would rise\nthis week"), "{body}");
        assert!(!body.contains("&#3;"));
        assert!(docs[1].as_ref().unwrap_err().reason.contains("without a body"));
    }

    #[test]
    fn ldc_doc_records_give_their_id_headline_date_and_paragraphs() {
        let gigaword = b"<DOC id=\"XIN_ENG_20030115.0042\" type=\"story\" >\n<HEADLINE>\nBlast hits market\n</HEADLINE>\n<TEXT>\n<P>\nA bomb went off in a market on\nWednesday, police said.\n</P>\n<P>\nNo one was hurt.\n</P>\n</TEXT>\n</DOC>\n";
        let docs = read(gigaword, Kind::Doc, 1 << 20);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.id, "XIN_ENG_20030115.0042");
        assert_eq!(doc.declared_date.map(|d| d.to_string()).as_deref(), Some("2003-01-15"));
        assert_eq!(doc.declared_title.as_deref(), Some("Blast hits market"));
        let body = String::from_utf8(doc.raw.clone()).unwrap();
        assert!(body.contains("market on\nWednesday, police said.\n") && body.contains("\n\n"), "{body:?}");
        let trec = b"<DOC>\n<DOCNO> AP880212-0001 </DOCNO>\n<TEXT>\nGunmen fired on a patrol.\n</TEXT>\n</DOC>\n";
        assert_eq!(read(trec, Kind::Doc, 1 << 20)[0].as_ref().unwrap().id, "AP880212-0001");
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_and_the_next_one_read() {
        let mut big = b"<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>\n".to_vec();
        for _ in 0..50 {
            big.extend_from_slice(b"A line of text that repeats to make the record large.\n");
        }
        big.extend_from_slice(b"</TEXT>\n</DOC>\n<DOC>\n<DOCNO>B</DOCNO>\n<TEXT>\nShort.\n</TEXT>\n</DOC>\n");
        let docs = read(&big, Kind::Doc, 1000);
        assert!(docs[0].as_ref().unwrap_err().reason.contains("too large"));
        assert_eq!(docs[1].as_ref().unwrap().id, "B");
    }

    #[test]
    fn entities_never_panic_and_latin1_bytes_are_kept_for_clean() {
        assert_eq!(unescape(b"a &#xZZ; &#99999999999; &#3; &amp; &"), b"a &#xZZ; &#99999999999;  & &".to_vec());
        let latin1 = b"<DOC>\n<DOCNO>L</DOCNO>\n<TEXT>\nS\xe3o Paulo police said.\n</TEXT>\n</DOC>\n";
        let doc = read(latin1, Kind::Doc, 1 << 20).remove(0).unwrap();
        assert_eq!(doc.declared_charset, None);
        assert!(doc.raw.contains(&0xe3));
        assert_eq!(kind_of(REUTERS), Some(Kind::Reuters));
        assert_eq!(kind_of(b"  <DOC id=\"x\">"), Some(Kind::Doc));
        assert_eq!(kind_of(b"<html><body>"), None);
    }
}
