//! A 200 MB line, generated at test time and written out in pieces (never whole in memory): in a
//! JSON Lines file it is skipped by line number, in a WARC record by record number; the records
//! around it are read, and reading it holds no more than the size limit in memory.

use annalist_ingest::{read_inputs, IngestOptions, Skipped};
use annalist_model::Document;
use flate2::write::GzEncoder;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Length of the long line's filler: 200 MiB.
const LONG: usize = 200 * 1024 * 1024;
const PIECE: usize = 1024 * 1024;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_all(path: &Path) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for item in read_inputs(&[path.to_path_buf()], &IngestOptions::default()) {
        match item {
            Ok(d) => docs.push(d),
            Err(s) => skipped.push(s),
        }
    }
    (docs, skipped)
}

/// Writes `LONG` bytes of words without a line break, a piece at a time.
fn write_filler(out: &mut impl Write) {
    let piece = "word ".repeat(PIECE / 5 + 1);
    let piece = &piece.as_bytes()[..PIECE];
    for _ in 0..LONG / PIECE {
        out.write_all(piece).unwrap();
    }
}

/// The most memory this process has held so far, in bytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Whatever else runs in this process at the same time, a 200 MB line held whole would pass this.
fn assert_never_held_whole() {
    if let Some(peak) = peak_memory() {
        assert!(peak < 160 * 1024 * 1024, "peak memory {} MiB: the long line was held", peak >> 20);
    }
}

#[test]
fn a_200_mb_json_line_is_skipped_by_number_and_the_next_lines_read() {
    let dir = scratch("line-200mb");
    let path = dir.join("feed.jsonl");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    out.write_all(b"{\"id\": \"first\", \"text\": \"The first article.\"}\n{\"id\": \"long\", \"text\": \"").unwrap();
    write_filler(&mut out);
    out.write_all(b"\"}\n{\"id\": \"third\", \"text\": \"The third article.\"}\n").unwrap();
    out.into_inner().unwrap().sync_all().unwrap();
    let (docs, skipped) = read_all(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["first", "third"], "{skipped:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].origin.ends_with("feed.jsonl:2"), "{skipped:?}");
    assert!(skipped[0].reason.contains("line too long: 200.0 MiB"), "{skipped:?}");
    assert_never_held_whole();
}

fn gzip_member(out: &mut impl Write, bytes: &[u8]) {
    let mut enc = GzEncoder::new(out, flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap();
}

fn record_head(uri: &str, length: usize) -> String {
    format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n")
}

fn small_record(uri: &str, body: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    format!("{}{block}\r\n\r\n", record_head(uri, block.len())).into_bytes()
}

#[test]
fn a_warc_record_holding_a_200_mb_line_is_skipped_by_number_and_the_next_record_read() {
    let dir = scratch("warc-200mb");
    let path = dir.join("crawl.warc.gz");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    gzip_member(&mut out, &small_record("https://x/1", "<p>The first page.</p>"));
    // the long record spans many gzip members, each compressed from one piece
    let http_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>";
    let tail = "</p></body></html>";
    let length = http_head.len() + LONG + tail.len();
    gzip_member(&mut out, format!("{}{http_head}", record_head("https://x/long", length)).as_bytes());
    let piece = "word ".repeat(PIECE / 5 + 1);
    let mut member = Vec::new();
    gzip_member(&mut member, &piece.as_bytes()[..PIECE]);
    for _ in 0..LONG / PIECE {
        out.write_all(&member).unwrap();
    }
    gzip_member(&mut out, format!("{tail}\r\n\r\n").as_bytes());
    gzip_member(&mut out, &small_record("https://x/3", "<p>The third page.</p>"));
    out.into_inner().unwrap().sync_all().unwrap();
    let (docs, skipped) = read_all(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["https://x/1", "https://x/3"], "{skipped:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].origin.ends_with("crawl.warc.gz#2"), "{skipped:?}");
    assert!(skipped[0].reason.contains("too large: 200.0 MiB"), "{skipped:?}");
    assert_never_held_whole();
}
