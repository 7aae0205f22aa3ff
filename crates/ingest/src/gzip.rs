//! Gzip streams of many members (a `.warc.gz` holds one member per record) read so that one
//! corrupt member does not end the file: the error is returned once, the compressed bytes are
//! searched for the next member's header, and reading goes on from there.
//!
//! flate2's `MultiGzDecoder` reads members one after another but stops for good at the first
//! bad one, losing every record after it; it has no way to resume, so the member loop is kept
//! here, over flate2's single-member `bufread::GzDecoder`.

use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, Read};

/// The first bytes of a gzip member: the magic number and the deflate method.
const MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// What went wrong in a member, returned once as the `io::Error`'s inner error.
#[derive(Debug)]
pub(crate) struct CorruptMember {
    /// Compressed bytes read before the error was found.
    pub at: u64,
    /// Compressed bytes passed over to the next member's header.
    pub skipped: u64,
    /// Whether another member was found (reading goes on) or the file ended.
    pub resumed: bool,
    pub cause: String,
}

impl std::fmt::Display for CorruptMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.resumed {
            write!(
                f,
                "{} near compressed byte {}; {} bytes passed over to the next gzip member",
                self.cause, self.at, self.skipped
            )
        } else {
            write!(f, "{} near compressed byte {}", self.cause, self.at)
        }
    }
}

impl std::error::Error for CorruptMember {}

/// Whether `e` reports a corrupt member after which reading goes on at the next one.
pub(crate) fn resumed(e: &io::Error) -> bool {
    e.get_ref().and_then(|inner| inner.downcast_ref::<CorruptMember>()).is_some_and(|c| c.resumed)
}

/// The compressed input: counts what is consumed and can put back the first bytes of a header
/// found across two reads.
struct Compressed<R> {
    inner: R,
    prefix: Vec<u8>,
    consumed: u64,
}

impl<R: BufRead> Read for Compressed<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        crate::source::read_from_buf(self, out)
    }
}

impl<R: BufRead> BufRead for Compressed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.prefix.is_empty() {
            self.inner.fill_buf()
        } else {
            Ok(&self.prefix)
        }
    }

    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        if self.prefix.is_empty() {
            self.inner.consume(n);
        } else {
            self.prefix.drain(..n.min(self.prefix.len()));
        }
    }
}

impl<R: BufRead> Compressed<R> {
    /// Passes over bytes up to the next member header; whether one was found.
    fn seek_member(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let len = buf.len();
            let found = (0..len).find(|&i| {
                let rest = &buf[i..];
                rest.len() >= MEMBER_MAGIC.len() && rest[..MEMBER_MAGIC.len()] == MEMBER_MAGIC
            });
            if let Some(i) = found {
                self.consume(i);
                return Ok(true);
            }
            // a header may begin in the last two bytes and go on in the next read
            let tail_start = len.saturating_sub(MEMBER_MAGIC.len() - 1);
            let tail: Vec<u8> = buf[tail_start..].to_vec();
            let keep = (0..tail.len()).find(|&i| MEMBER_MAGIC.starts_with(&tail[i..])).map(|i| tail[i..].to_vec());
            self.consume(len);
            if let Some(keep) = keep {
                let next = self.fill_buf()?;
                let wanted = MEMBER_MAGIC.len() - keep.len();
                if next.len() >= wanted && next[..wanted] == MEMBER_MAGIC[keep.len()..] {
                    self.consumed -= keep.len() as u64;
                    self.prefix = keep;
                    return Ok(true);
                }
            }
        }
    }
}

/// Gzip members decoded one after another (see the module docs).
pub(crate) struct Members<R: BufRead> {
    decoder: Option<GzDecoder<Compressed<R>>>,
    /// Compressed bytes consumed when the current member began.
    member_start: u64,
    /// The current member was found by searching after an error and has given nothing yet: a
    /// failure now is the same damage (or a chance match of the header bytes), not news.
    searching: bool,
}

impl<R: BufRead> Members<R> {
    pub(crate) fn new(inner: R) -> Members<R> {
        let compressed = Compressed { inner, prefix: Vec::new(), consumed: 0 };
        Members { decoder: Some(GzDecoder::new(compressed)), member_start: 0, searching: false }
    }

    fn start_member(&mut self, compressed: Compressed<R>) {
        self.member_start = compressed.consumed;
        self.decoder = Some(GzDecoder::new(compressed));
    }

    /// After a failed member (or bytes that do not begin one): finds the next member; returns
    /// the error to report, if any.
    fn recover(&mut self, mut compressed: Compressed<R>, cause: String) -> io::Result<Option<io::Error>> {
        let at = compressed.consumed;
        // the search must move on from a header that failed before using a byte
        if compressed.consumed == self.member_start && !compressed.fill_buf()?.is_empty() {
            compressed.consume(1);
        }
        let before = compressed.consumed;
        let found = compressed.seek_member()?;
        let skipped = compressed.consumed - before;
        if found {
            self.start_member(compressed);
        }
        let report = !self.searching;
        self.searching = found;
        Ok(report
            .then(|| io::Error::new(io::ErrorKind::InvalidData, CorruptMember { at, skipped, resumed: found, cause })))
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(decoder) = self.decoder.as_mut() else { return Ok(0) };
            let (compressed, cause) = match decoder.read(out) {
                Ok(0) => {
                    // the member ended: another one, trailing junk, or the end of the file
                    let mut compressed = self.decoder.take().expect("a decoder").into_inner();
                    let next = compressed.fill_buf()?;
                    if next.is_empty() {
                        return Ok(0);
                    }
                    if next.starts_with(&MEMBER_MAGIC[..next.len().min(MEMBER_MAGIC.len())]) {
                        self.start_member(compressed);
                        continue;
                    }
                    // (not handed to a decoder: its header parse would read past the junk)
                    self.member_start = compressed.consumed;
                    (compressed, "bytes after a gzip member that are not gzip".to_string())
                }
                Ok(n) => {
                    self.searching = false;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => (self.decoder.take().expect("a decoder").into_inner(), e.to_string()),
            };
            if let Some(e) = self.recover(compressed, cause)? {
                return Err(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn member(text: &str) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap()
    }

    /// Reads to the end, collecting the text and the errors.
    fn read_through(bytes: &[u8], chunk: usize) -> (String, Vec<String>) {
        let reader = io::BufReader::with_capacity(chunk, bytes);
        let mut members = Members::new(reader);
        let (mut text, mut errors) = (Vec::new(), Vec::new());
        let mut buf = vec![0u8; 7];
        for _ in 0..10_000 {
            match members.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => text.extend_from_slice(&buf[..n]),
                Err(e) => {
                    let resumed = resumed(&e);
                    errors.push(format!("{e} resumed={resumed}"));
                    if !resumed {
                        break;
                    }
                }
            }
        }
        (String::from_utf8_lossy(&text).into_owned(), errors)
    }

    #[test]
    fn members_are_read_one_after_another() {
        let bytes = [member("first "), member("second "), member("third")].concat();
        for chunk in [3, 64, 8192] {
            assert_eq!(read_through(&bytes, chunk), ("first second third".to_string(), vec![]));
        }
    }

    #[test]
    fn a_corrupt_member_is_reported_once_and_the_next_one_read() {
        let good = member("first ");
        let mut bad = member(&"the second member, long enough to damage in its middle ".repeat(20));
        let middle = bad.len() / 2;
        for b in &mut bad[middle..middle + 16] {
            *b ^= 0x5a;
        }
        let bytes = [good, bad, member("third")].concat();
        for chunk in [3, 5, 64, 8192] {
            let (text, errors) = read_through(&bytes, chunk);
            assert!(text.starts_with("first "), "{text:?}");
            assert!(text.ends_with("third"), "chunk {chunk}: {text:?} {errors:?}");
            assert_eq!(errors.len(), 1, "chunk {chunk}: {errors:?}");
            assert!(errors[0].contains("passed over to the next gzip member") && errors[0].contains("resumed=true"));
        }
    }

    #[test]
    fn a_cut_last_member_ends_the_stream_with_one_error() {
        let bytes = [member("first "), member("second member cut short")].concat();
        let (text, errors) = read_through(&bytes[..bytes.len() - 10], 64);
        assert!(text.starts_with("first "), "{text:?}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("resumed=false"), "{errors:?}");
    }

    #[test]
    fn junk_between_members_is_passed_over() {
        let bytes = [member("first "), b"\x00\x00junk\x1f\x8b".to_vec(), member("second")].concat();
        let (text, errors) = read_through(&bytes, 4);
        assert_eq!(text, "first second");
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
