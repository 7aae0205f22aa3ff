//! WARC (1.0 and 1.1): `response` and `resource` records become documents, other record types
//! (`request`, `metadata`, `warcinfo`, ...) are passed over. HTTP headers are stripped, chunked
//! transfer and gzip/deflate content encodings undone. A record is held in memory only up to the
//! size limit; a bad record is reported as `path#n` (with its target URI when it has one) and
//! reading goes on at the next header. A Content-Length that runs past its record gives back
//! the records it swallowed: the block is searched for the next record's version line.

use crate::sniff::{self, Compression};
use crate::source::{self, Declared, Line, Stream};
use crate::Skipped;
use annalist_model::{Document, MediaType};
use std::io::{self, BufRead, Read};

/// Header lines longer than this are not WARC headers.
const MAX_HEADER_LINE: usize = 64 * 1024;

pub(crate) struct Warc {
    stream: Rewind,
    origin: String,
    compression: Compression,
    max: u64,
    /// Number of the record being read (1-based).
    record: u64,
    /// A version line already read while checking the end of the previous record.
    pending_version: Option<String>,
    buf: Vec<u8>,
    /// The target URI of the record being read, for messages.
    uri: Option<String>,
    done: bool,
}

/// The decompressed stream with bytes put back in front of it (what a too-long block swallowed
/// of the records after it).
struct Rewind {
    back: Vec<u8>,
    at: usize,
    inner: Stream,
}

impl Rewind {
    /// Puts `bytes` back, to be read before anything not yet read.
    fn put_back(&mut self, bytes: &[u8]) {
        let mut back = Vec::with_capacity(bytes.len() + self.back.len() - self.at);
        back.extend_from_slice(bytes);
        back.extend_from_slice(&self.back[self.at..]);
        self.back = back;
        self.at = 0;
    }
}

impl Read for Rewind {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        crate::source::read_from_buf(self, out)
    }
}

impl BufRead for Rewind {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.back.len() {
            Ok(&self.back[self.at..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.back.len() {
            self.at = (self.at + n).min(self.back.len());
            if self.at == self.back.len() {
                self.back = Vec::new();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// Where a record header begins inside `block` (a version line at the start of a line, after
/// the start), for blocks whose Content-Length ran past their record.
fn embedded_record(block: &[u8]) -> Option<usize> {
    let mut from = 1;
    while let Some(i) = block.get(from..).and_then(|rest| find(rest, b"\nWARC/1.")) {
        let at = from + i + 1;
        let rest = &block[at + 7..];
        if rest.first().is_some_and(u8::is_ascii_digit)
            && (rest[1..].starts_with(b"\r\n") || rest[1..].starts_with(b"\n"))
        {
            return Some(at);
        }
        from = at;
    }
    None
}

/// The fields of a WARC header that matter here.
#[derive(Default)]
struct Header {
    warc_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
}

impl Warc {
    pub(crate) fn new(stream: Stream, origin: String, compression: Compression, max: u64) -> Warc {
        Warc {
            stream: Rewind { back: Vec::new(), at: 0, inner: stream },
            origin,
            compression,
            max,
            record: 0,
            pending_version: None,
            buf: Vec::new(),
            uri: None,
            done: false,
        }
    }

    fn origin(&self) -> String {
        format!("{}#{}", self.origin, self.record)
    }

    fn skip(&self, reason: impl Into<String>) -> Option<Result<Document, Skipped>> {
        Some(Err(Skipped { origin: self.origin(), reason: self.reason(reason.into()) }))
    }

    /// A reason with the record's target URI, when it has one.
    fn reason(&self, reason: String) -> String {
        match &self.uri {
            Some(uri) => format!("{reason} (record for {uri})"),
            None => reason,
        }
    }

    fn stop(&mut self, e: &io::Error) -> Option<Result<Document, Skipped>> {
        if crate::gzip::resumed(e) {
            // one damaged gzip member: this record is lost, the next member's records are not
            let reason = format!("{}; reading goes on at the next record", source::read_error(e, self.compression));
            let skipped = self.skip(reason);
            match self.resync() {
                Ok(next) => {
                    self.done = next.is_none();
                    self.pending_version = next;
                }
                Err(_) => self.done = true,
            }
            return skipped;
        }
        self.done = true;
        self.skip(format!("reading stopped: {}", source::read_error(e, self.compression)))
    }

    /// The next non-blank line, without its line ending; `None` at the end.
    fn next_nonblank_line(&mut self) -> io::Result<Option<String>> {
        loop {
            match source::read_line_capped(&mut self.stream, &mut self.buf, MAX_HEADER_LINE)? {
                Line::Eof => return Ok(None),
                Line::TooLong(_) => return Ok(Some(String::from("<a very long line>"))),
                Line::Read => {
                    let line = String::from_utf8_lossy(&self.buf);
                    let line = line.trim_end_matches(['\r', '\n']);
                    if !line.trim().is_empty() {
                        return Ok(Some(line.to_string()));
                    }
                }
            }
        }
    }

    /// Reads past lines until a WARC version line; `None` at the end.
    fn resync(&mut self) -> io::Result<Option<String>> {
        loop {
            match self.next_nonblank_line()? {
                None => return Ok(None),
                Some(line) if line.starts_with("WARC/") => return Ok(Some(line)),
                Some(_) => {}
            }
        }
    }

    pub(crate) fn next(&mut self) -> Option<Result<Document, Skipped>> {
        loop {
            if self.done {
                return None;
            }
            let version = match self.pending_version.take() {
                Some(v) => v,
                None => match self.next_nonblank_line() {
                    Ok(Some(line)) => line,
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => return self.stop(&e),
                },
            };
            self.record += 1;
            self.uri = None;
            if !version.starts_with("WARC/") {
                let shown: String = version.chars().take(40).collect();
                match self.resync() {
                    Ok(next) => {
                        self.pending_version = next;
                        self.done = self.pending_version.is_none();
                    }
                    Err(e) => return self.stop(&e),
                }
                return self.skip(format!("expected a WARC header, found {shown:?}; skipped to the next record"));
            }
            let header = match self.header() {
                Ok(h) => h,
                Err(e) => return self.stop(&e),
            };
            self.uri = header.target_uri.clone();
            let Some(length) = header.content_length else {
                match self.resync() {
                    Ok(next) => self.pending_version = next,
                    Err(e) => return self.stop(&e),
                }
                return self.skip("WARC record without a valid Content-Length; skipped to the next record");
            };
            let wanted = matches!(header.warc_type.as_str(), "response" | "resource" | "conversion");
            if !wanted || length > self.max {
                if let Err(e) = io::copy(&mut (&mut self.stream).take(length), &mut io::sink()) {
                    return self.stop(&e);
                }
                if let Err(e) = self.check_record_end(&[]) {
                    return self.stop(&e);
                }
                if wanted {
                    return self.skip(source::too_large(Some(length), self.max));
                }
                continue;
            }
            let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
            if let Err(e) = (&mut self.stream).take(length).read_to_end(&mut block) {
                return self.stop(&e);
            }
            if (block.len() as u64) < length {
                let reason = format!(
                    "truncated record: Content-Length says {length} bytes, the file ends after {}",
                    block.len()
                );
                match embedded_record(&block) {
                    Some(at) => {
                        self.stream.put_back(&block[at..]);
                        return self
                            .skip(format!("{reason}, and another record begins inside it; Content-Length is wrong"));
                    }
                    None => {
                        self.done = true;
                        return self.skip(reason);
                    }
                }
            }
            match self.check_record_end(&block) {
                Ok(true) => {}
                Ok(false) => {
                    return self.skip(format!(
                        "Content-Length ({length}) does not match the record: no WARC header follows it; skipped to the next record"
                    ))
                }
                Err(e) => return self.stop(&e),
            }
            return Some(self.document(&header, block));
        }
    }

    /// After a block: true when the next thing is a WARC header (kept pending) or the end.
    /// When it is not, reading goes on at the first record header found inside `block` (its
    /// Content-Length ran past the record), else at the next one in the stream.
    fn check_record_end(&mut self, block: &[u8]) -> io::Result<bool> {
        let mut consumed = Vec::new();
        let line = loop {
            match source::read_line_capped(&mut self.stream, &mut self.buf, MAX_HEADER_LINE)? {
                Line::Eof => break None,
                Line::TooLong(_) => break Some(String::from("<a very long line>")),
                Line::Read => {
                    consumed.extend_from_slice(&self.buf);
                    let text = String::from_utf8_lossy(&self.buf);
                    let text = text.trim_end_matches(['\r', '\n']);
                    if !text.trim().is_empty() {
                        break Some(text.to_string());
                    }
                }
            }
        };
        match line {
            None => Ok(true),
            Some(line) if line.starts_with("WARC/") => {
                self.pending_version = Some(line);
                Ok(true)
            }
            Some(_) => {
                if let Some(at) = embedded_record(block) {
                    // a line after the block too long to keep is lost here; the record it
                    // belongs to then fails its own check
                    consumed.splice(0..0, block[at..].iter().copied());
                    self.stream.put_back(&consumed);
                } else {
                    self.pending_version = self.resync()?;
                }
                Ok(false)
            }
        }
    }

    fn header(&mut self) -> io::Result<Header> {
        let mut header = Header::default();
        loop {
            match source::read_line_capped(&mut self.stream, &mut self.buf, MAX_HEADER_LINE)? {
                Line::Eof => return Ok(header),
                Line::TooLong(_) => continue,
                Line::Read => {}
            }
            let line = String::from_utf8_lossy(&self.buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(header);
            }
            let Some((name, value)) = line.split_once(':') else { continue };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "content-length" => header.content_length = value.parse().ok(),
                // an empty value is no value: an empty id would make every such record one document
                "warc-target-uri" => header.target_uri = non_empty(value.trim_matches(['<', '>'])),
                "warc-record-id" => header.record_id = non_empty(value.trim_matches(['<', '>'])),
                "content-type" => header.content_type = Some(value),
                _ => {}
            }
        }
    }

    fn document(&self, header: &Header, block: Vec<u8>) -> Result<Document, Skipped> {
        let origin = self.origin();
        let skip = |reason: String| Skipped { origin: origin.clone(), reason: self.reason(reason) };
        let is_http =
            header.content_type.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("application/http"))
                || block.starts_with(b"HTTP/");
        let (content_type, body) = if is_http && header.warc_type == "response" {
            let http = parse_http(&block).map_err(skip)?;
            if !(200..300).contains(&http.status) {
                return Err(skip(format!("HTTP status {}, not a page", http.status)));
            }
            let mut body = block[http.body_start..].to_vec();
            if http.chunked {
                body = dechunk(&body).map_err(|e| skip(format!("bad chunked transfer encoding: {e}")))?;
            }
            if let Some(encoding) = &http.content_encoding {
                body = decode_content(encoding, body, self.max).map_err(skip)?;
            }
            (http.content_type, body)
        } else {
            (header.content_type.clone(), block)
        };
        let (mime, charset) = split_content_type(content_type.as_deref());
        let media_type = match mime.as_deref() {
            Some("text/html" | "application/xhtml+xml") => MediaType::Html,
            Some("text/plain") => MediaType::Text,
            None => {
                if sniff::looks_like_html(&body) {
                    MediaType::Html
                } else {
                    MediaType::Text
                }
            }
            Some(other) => return Err(skip(format!("not an article: content type {other}"))),
        };
        let url = header.target_uri.clone();
        let id = url.clone().or_else(|| header.record_id.clone()).unwrap_or_else(|| origin.clone());
        source::document(id, origin, media_type, body, Declared { url, charset, ..Declared::default() })
            .map_err(|s| Skipped { reason: self.reason(s.reason), ..s })
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

struct Http {
    status: u16,
    body_start: usize,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
}

/// Reads an HTTP response head (status line and headers) at the start of `block`.
fn parse_http(block: &[u8]) -> Result<Http, String> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| find(block, b"\n\n").map(|i| i + 2))
        .ok_or("HTTP headers without an end")?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", status_line.chars().take(40).collect::<String>()))?;
    let mut http = Http { status, body_start: end, content_type: None, content_encoding: None, chunked: false };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => http.content_type = Some(value.to_string()),
            "content-encoding" if !value.eq_ignore_ascii_case("identity") => {
                http.content_encoding = Some(value.to_ascii_lowercase())
            }
            "transfer-encoding" => http.chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Ok(http)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `text/html; charset=windows-1256` → (`text/html`, `windows-1256`).
fn split_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else { return (None, None) };
    let mut parts = value.split(';');
    let mime = parts.next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (mime, charset.filter(|c| !c.is_empty()))
}

/// Undoes chunked transfer encoding.
fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = find(rest, b"\n").ok_or("chunk size line missing")?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.trim().split(';').next().unwrap_or("").trim().to_string();
        let size = usize::from_str_radix(&size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = rest.get(..size).ok_or("chunk longer than the record")?;
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
        if rest.is_empty() {
            return Ok(out); // a missing last chunk: keep what came
        }
    }
}

/// Undoes a gzip or deflate content encoding (bodies some crawlers already decoded pass as they are).
fn decode_content(encoding: &str, body: Vec<u8>, max: u64) -> Result<Vec<u8>, String> {
    let mut reader: Box<dyn Read> = match encoding {
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => Box::new(flate2::read::MultiGzDecoder::new(&body[..])),
        "gzip" | "x-gzip" => return Ok(body),
        "deflate" => {
            if body.first().is_some_and(|b| b & 0x0f == 8) {
                Box::new(flate2::read::ZlibDecoder::new(&body[..]))
            } else {
                Box::new(flate2::read::DeflateDecoder::new(&body[..]))
            }
        }
        other => return Err(format!("content encoding {other} is not supported")),
    };
    match source::read_capped(&mut reader, max) {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(source::too_large(None, max)),
        Err(e) => Err(format!("bad {encoding} content encoding ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(dechunk(b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n").unwrap(), b"hello world");
        assert!(dechunk(b"zz\r\nhello").is_err());
    }

    #[test]
    fn record_headers_are_found_inside_a_block_only_at_line_starts() {
        assert_eq!(embedded_record(b"body\r\n\r\nWARC/1.1\r\nWARC-Type: response"), Some(8));
        assert_eq!(embedded_record(b"a\nWARC/1.0\n"), Some(2));
        assert_eq!(embedded_record(b"WARC/1.0\r\n"), None, "the record's own header is not another record");
        assert_eq!(embedded_record(b"see WARC/1.0\r\n and\nWARC/1.x\n or\nWARC/1.10\n"), None);
    }

    #[test]
    fn bytes_put_back_are_read_first_then_the_stream() {
        let inner: Stream = Box::new(io::Cursor::new(b"stream".to_vec()));
        let mut rewind = Rewind { back: Vec::new(), at: 0, inner };
        let mut two = [0u8; 2];
        rewind.read_exact(&mut two).unwrap();
        rewind.put_back(b"old ");
        rewind.read_exact(&mut two).unwrap();
        rewind.put_back(b"new ");
        let mut rest = String::new();
        rewind.read_to_string(&mut rest).unwrap();
        assert_eq!((&two, rest.as_str()), (b"ol", "new d ream"));
    }

    #[test]
    fn content_types_split_into_mime_and_charset() {
        assert_eq!(
            split_content_type(Some("text/html; charset=\"Windows-1256\"")),
            (Some("text/html".into()), Some("Windows-1256".into()))
        );
        assert_eq!(split_content_type(Some("text/plain")), (Some("text/plain".into()), None));
    }
}
