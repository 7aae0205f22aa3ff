//! Opening byte streams: decompression chosen by magic bytes, capped reads, capped lines,
//! and the checks every document passes before it leaves ingest.

use crate::sniff::{self, Compression};
use crate::{human_bytes, Skipped};
use annalist_model::{content_hash, Document, MediaType};
use std::io::{self, BufRead, BufReader, Read};

/// A buffered, decompressed byte stream.
pub(crate) type Stream = Box<dyn BufRead + Send>;

/// Wraps `reader` in the decompressor its first bytes call for; returns what was chosen.
pub(crate) fn open(reader: Box<dyn Read + Send>) -> io::Result<(Stream, Compression)> {
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let compression = sniff::compression_of(buffered.fill_buf()?);
    let stream: Stream = match compression {
        Compression::Gzip => Box::new(BufReader::with_capacity(64 * 1024, crate::gzip::Members::new(buffered))),
        Compression::Zstd => Box::new(BufReader::with_capacity(64 * 1024, zstd::Decoder::with_buffer(buffered)?)),
        Compression::None => Box::new(buffered),
    };
    Ok((stream, compression))
}

/// `Read::read` for a reader whose `BufRead` side is the real one (a stream with bytes put back
/// in front of it): copies what `fill_buf` offers and consumes it.
pub(crate) fn read_from_buf(reader: &mut impl BufRead, out: &mut [u8]) -> io::Result<usize> {
    let available = reader.fill_buf()?;
    let n = available.len().min(out.len());
    out[..n].copy_from_slice(&available[..n]);
    reader.consume(n);
    Ok(n)
}

/// Reads everything left in `reader` if it is at most `limit` bytes; `Ok(None)` when it is more
/// (having read only `limit + 1` bytes).
pub(crate) fn read_capped(reader: &mut dyn Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= limit).then_some(out))
}

/// What `read_line_capped` found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of input, nothing read.
    Eof,
    /// A line (in the buffer, newline included when there was one).
    Read,
    /// A line longer than the cap, of this many bytes; it was read past and dropped.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), never holding more than `max` bytes of it.
pub(crate) fn read_line_capped(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let mut dropped: u64 = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if dropped > 0 || buf.len() + take > max {
            dropped += (buf.len() + take) as u64;
            buf.clear();
        } else {
            buf.extend_from_slice(&available[..take]);
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(if !any {
        Line::Eof
    } else if dropped > 0 {
        Line::TooLong(dropped)
    } else {
        Line::Read
    })
}

/// A message for a read that failed part-way, mentioning compression when it is the likely cause.
pub(crate) fn read_error(e: &io::Error, compression: Compression) -> String {
    match compression {
        Compression::Gzip => format!("truncated or corrupt gzip data ({e})"),
        Compression::Zstd => format!("truncated or corrupt zstd data ({e})"),
        Compression::None => format!("read error ({e})"),
    }
}

/// What a container declared about one document besides its bytes.
#[derive(Debug, Default)]
pub(crate) struct Declared {
    pub url: Option<String>,
    pub charset: Option<String>,
    pub title: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub outlet: Option<String>,
}

/// Builds a document after the checks every input passes: not empty, not binary, and for
/// plain text without a declared charset, valid UTF-8.
pub(crate) fn document(
    id: String,
    origin: String,
    media_type: MediaType,
    raw: Vec<u8>,
    declared: Declared,
) -> Result<Document, Skipped> {
    let skip = |reason: String| Skipped { origin: origin.clone(), reason };
    if raw.is_empty() {
        return Err(skip("empty: no bytes to read".into()));
    }
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(skip("empty: only whitespace".into()));
    }
    if let Some(reason) = sniff::binary_reason(&raw) {
        return Err(skip(reason));
    }
    // plain text that is not UTF-8 (Windows-1252, Latin-1, legacy Cyrillic or Arabic code
    // pages) goes on undecoded: clean detects its encoding
    let content_hash = content_hash(&raw);
    // every document has an id: where the container gave an empty one, its place in the input
    let id = if id.trim().is_empty() { origin.clone() } else { id };
    Ok(Document {
        id,
        origin,
        url: declared.url,
        media_type,
        declared_charset: declared.charset,
        declared_title: declared.title,
        declared_date: declared.date,
        declared_outlet: declared.outlet,
        raw,
        content_hash,
    })
}

/// The message for a document over the size limit.
pub(crate) fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(n) => format!("too large: {} is over the limit of {}", human_bytes(n), human_bytes(limit)),
        None => format!("too large: over the limit of {}", human_bytes(limit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_dropped_without_being_kept() {
        let data = format!("short\n{}\nlast", "x".repeat(10_000));
        let mut reader = io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut reader, &mut buf, 100).unwrap(), Line::Read);
        assert_eq!(buf, b"short\n");
        assert_eq!(read_line_capped(&mut reader, &mut buf, 100).unwrap(), Line::TooLong(10_001));
        assert!(buf.is_empty());
        assert_eq!(read_line_capped(&mut reader, &mut buf, 100).unwrap(), Line::Read);
        assert_eq!(buf, b"last");
        assert_eq!(read_line_capped(&mut reader, &mut buf, 100).unwrap(), Line::Eof);
    }

    #[test]
    fn capped_reads_refuse_more_than_the_limit() {
        assert_eq!(read_capped(&mut &b"abcd"[..], 4).unwrap(), Some(b"abcd".to_vec()));
        assert_eq!(read_capped(&mut &b"abcde"[..], 4).unwrap(), None);
    }
}
