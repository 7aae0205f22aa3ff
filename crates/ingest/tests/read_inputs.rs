//! Ingest as the CLI uses it: real files and folders, junk among them, containers of records.

use annalist_ingest::{read_inputs, IngestOptions, Skipped};
use annalist_model::{Document, MediaType};
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The evaluation kit and corpora, next to the repository (see `annalist_testkit`).
fn shared(rel: &str) -> Option<PathBuf> {
    annalist_testkit::shared(rel)
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn read_all(paths: &[PathBuf], options: &IngestOptions) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for item in read_inputs(paths, options) {
        match item {
            Ok(d) => docs.push(d),
            Err(s) => skipped.push(s),
        }
    }
    (docs, skipped)
}

fn kerman_file(dir: &Path, prefix: &str) -> Vec<u8> {
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let path = names.into_iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).unwrap();
    std::fs::read(path).unwrap()
}

#[test]
fn the_real_corpus_folder_reads_as_five_text_documents_in_name_order() {
    let Some(kerman) = shared("corpus/kerman-2024") else { return };
    let (docs, skipped) = read_all(&[kerman], &IngestOptions::default());
    assert!(skipped.is_empty(), "{skipped:?}");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 5);
    assert!(ids.contains(&"000_223a02e823e94c0a"));
    for d in &docs {
        assert_eq!(d.media_type, MediaType::Text);
        assert_eq!(d.content_hash, annalist_model::content_hash(&d.raw));
        assert!(d.origin.ends_with(".txt"));
    }
}

#[test]
fn folders_are_walked_recursively_with_compressed_files_and_hidden_ones_left_out() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("b/inner")).unwrap();
    std::fs::write(dir.join("a.txt"), "A plain article about a bombing.\n").unwrap();
    std::fs::write(dir.join("b/inner/page.html.gz"), gzip(b"<html><body><p>Hello there.</p></body></html>")).unwrap();
    std::fs::write(dir.join("b/z.txt.zst"), zstd::encode_all(&b"Compressed with zstd."[..], 3).unwrap()).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "secret").unwrap();
    let (docs, skipped) = read_all(std::slice::from_ref(&dir), &IngestOptions::default());
    assert!(skipped.is_empty(), "{skipped:?}");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "page", "z"]);
    assert_eq!(docs[1].media_type, MediaType::Html);
    assert_eq!(docs[1].raw, b"<html><body><p>Hello there.</p></body></html>");
    assert_eq!(docs[2].raw, b"Compressed with zstd.");
}

#[test]
fn junk_is_skipped_by_name_and_the_rest_is_still_read() {
    let dir = scratch("junk");
    std::fs::write(dir.join("1-binary.txt"), [0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.join("2-empty.txt"), "").unwrap();
    std::fs::write(dir.join("3-latin1.txt"), b"caf\xe9 bombing in the capital").unwrap();
    std::fs::write(dir.join("4-blank.html"), "  \n\n ").unwrap();
    std::fs::write(dir.join("5-nul.html"), b"<html>\0\0\0\x01\x02</html>").unwrap();
    std::fs::write(dir.join("6-good.txt"), "A real article.").unwrap();
    std::fs::write(dir.join("7-broken.txt.gz"), &gzip(b"a long enough article body to compress")[..12]).unwrap();
    let (docs, skipped) = read_all(&[dir.clone(), dir.join("missing.txt")], &IngestOptions::default());
    // legacy 8-bit text is read, undecoded: clean detects its encoding
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["3-latin1", "6-good"]);
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|s| s.origin.contains(name))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} not reported: {skipped:?}"))
    };
    assert!(reason("1-binary").contains("binary"));
    assert!(reason("2-empty").contains("empty"));
    assert!(reason("4-blank").contains("empty"));
    assert!(reason("5-nul").contains("binary"));
    assert!(reason("7-broken").contains("gzip"));
    assert!(reason("missing.txt").contains("cannot open"));
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let dir = scratch("large");
    std::fs::write(dir.join("big.txt"), "word ".repeat(1000)).unwrap();
    std::fs::write(dir.join("big2.txt.gz"), gzip("word ".repeat(1000).as_bytes())).unwrap();
    std::fs::write(dir.join("small.txt"), "word").unwrap();
    let options = IngestOptions { max_document_bytes: 100, ..IngestOptions::default() };
    let (docs, skipped) = read_all(&[dir], &options);
    assert_eq!(docs.len(), 1);
    assert_eq!(skipped.len(), 2);
    assert!(skipped.iter().all(|s| s.reason.contains("too large")), "{skipped:?}");
}

#[test]
fn json_lines_records_take_their_id_or_url_and_bad_lines_are_skipped_by_number() {
    let dir = scratch("jsonl");
    let lines = [
        r#"{"id": "r1", "url": "https://example.org/a", "title": "A", "date": "2024-01-04T10:00:00Z", "text": "Body one."}"#,
        "",
        r#"{"url": "https://example.org/b", "html": "<p>Body two.</p>", "outlet": "Example"}"#,
        r#"{"text": "Body three."}"#,
        r#"{not json"#,
        r#"{"title": "no body"}"#,
    ];
    std::fs::write(dir.join("feed.jsonl.gz"), gzip(lines.join("\n").as_bytes())).unwrap();
    let (docs, skipped) = read_all(&[dir.join("feed.jsonl.gz")], &IngestOptions::default());
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["r1", "https://example.org/b", "feed:4"]);
    assert_eq!(docs[0].declared_date, chrono::NaiveDate::from_ymd_opt(2024, 1, 4));
    assert_eq!(docs[0].declared_title.as_deref(), Some("A"));
    assert_eq!(docs[1].media_type, MediaType::Html);
    assert_eq!(docs[1].declared_outlet.as_deref(), Some("Example"));
    assert_eq!(skipped.len(), 2);
    assert!(skipped[0].origin.ends_with("feed.jsonl.gz:5") && skipped[0].reason.contains("JSON"));
    assert!(skipped[1].origin.ends_with(":6"));
}

#[test]
fn a_json_line_over_the_limit_is_skipped_and_the_next_line_read() {
    let dir = scratch("longline");
    let long = format!(r#"{{"text": "{}"}}"#, "x".repeat(3_000_000));
    let content = format!("{long}\n{{\"text\": \"after\"}}\n");
    std::fs::write(dir.join("long.jsonl"), content).unwrap();
    let options = IngestOptions { max_document_bytes: 1 << 20, ..IngestOptions::default() };
    let (docs, skipped) = read_all(&[dir.join("long.jsonl")], &options);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].raw, b"after");
    assert!(skipped[0].reason.contains("line too long"), "{skipped:?}");
}

// ---- WARC ----

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    warc_record_in("1.1", kind, uri, block)
}

fn warc_record_in(version: &str, kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/{version}\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(700) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[test]
fn a_warc_of_real_pages_round_trips_with_http_stripped_and_encodings_undone() {
    let Some(kerman) = shared("corpus/kerman-2024") else { return };
    let dir = scratch("warc");
    let page1 = kerman_file(&kerman, "002");
    let page2 = kerman_file(&kerman, "003");
    let html =
        format!("<html><head><title>T</title></head><body><p>{}</p></body></html>", String::from_utf8_lossy(&page2));
    let mut warc = Vec::new();
    // gzip per record, as crawlers write them
    warc.extend(gzip(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 9\r\n\r\nsoftware:\r\n\r\n"));
    warc.extend(gzip(&warc_record("request", "https://a.example/one", b"GET /one HTTP/1.1\r\n\r\n")));
    warc.extend(gzip(&warc_record(
        "response",
        "https://a.example/one",
        &http_response("Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n", &chunked(&page1)),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://b.example/two",
        &http_response("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &gzip(html.as_bytes())),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://b.example/logo.png",
        &http_response("Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0\0"),
    )));
    std::fs::write(dir.join("crawl.warc.gz"), &warc).unwrap();
    let (docs, skipped) = read_all(&[dir.join("crawl.warc.gz")], &IngestOptions::default());
    assert_eq!(docs.len(), 2, "{skipped:?}");
    assert_eq!(docs[0].id, "https://a.example/one");
    assert_eq!(docs[0].raw, page1);
    assert_eq!(docs[0].media_type, MediaType::Text);
    assert_eq!(docs[0].declared_charset.as_deref(), Some("utf-8"));
    assert_eq!(docs[1].raw, html.as_bytes());
    assert_eq!(docs[1].media_type, MediaType::Html);
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].origin.ends_with("crawl.warc.gz#5"), "{skipped:?}");
    assert!(skipped[0].reason.contains("image/png"));
}

#[test]
fn a_warc_record_with_a_wrong_length_is_reported_and_the_next_one_read() {
    let dir = scratch("warc-bad");
    let good =
        warc_record("response", "https://x/1", &http_response("Content-Type: text/html\r\n", b"<p>first page</p>"));
    let mut bad =
        warc_record("response", "https://x/2", &http_response("Content-Type: text/html\r\n", b"<p>second page</p>"));
    let text = String::from_utf8(bad.clone()).unwrap().replacen("Content-Length: ", "Content-Length: 1", 1);
    bad = text.into_bytes(); // claims 100 bytes more than it holds: eats into the third record
    let third = warc_record("resource", "https://x/3", b"third page as plain text");
    let mut warc = [good, bad, third].concat();
    warc.extend(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\ncut short");
    std::fs::write(dir.join("bad.warc"), &warc).unwrap();
    let (docs, skipped) = read_all(&[dir.join("bad.warc")], &IngestOptions::default());
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"https://x/1"));
    assert!(!skipped.is_empty());
    assert!(skipped.iter().any(|s| s.reason.contains("truncated")), "{skipped:?}");
    assert!(skipped.iter().any(|s| s.origin.ends_with("#2") && s.reason.contains("Content-Length")), "{skipped:?}");
    assert!(skipped.iter().all(|s| s.origin.contains("bad.warc#")));
}

#[test]
fn a_truncated_gzip_warc_keeps_the_records_before_the_cut() {
    let dir = scratch("warc-cut");
    let mut warc = Vec::new();
    for i in 0..3 {
        let page = format!("<p>page number {i} with some text</p>");
        warc.extend(gzip(&warc_record("response", &format!("https://x/{i}"), &http_response("", page.as_bytes()))));
    }
    let cut = warc.len() - 20;
    std::fs::write(dir.join("cut.warc.gz"), &warc[..cut]).unwrap();
    let (docs, skipped) = read_all(&[dir.join("cut.warc.gz")], &IngestOptions::default());
    assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["https://x/0", "https://x/1"]);
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].origin.ends_with("cut.warc.gz#3"), "{skipped:?}");
    assert!(skipped[0].reason.contains("truncated or corrupt gzip"), "{skipped:?}");
    // the same cut in a compressed JSON Lines file: the lines before it are kept
    let lines: String =
        (1..=400).map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Article number {i}.\"}}\n")).collect();
    let packed = gzip(lines.as_bytes());
    std::fs::write(dir.join("cut.jsonl.gz"), &packed[..packed.len() * 2 / 3]).unwrap();
    let (docs, skipped) = read_all(&[dir.join("cut.jsonl.gz")], &IngestOptions::default());
    assert!(docs.len() > 100 && docs.len() < 400, "{} documents", docs.len());
    assert!(docs.iter().enumerate().all(|(i, d)| d.id == format!("r{}", i + 1)));
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].origin.ends_with(&format!("cut.jsonl.gz:{}", docs.len() + 1)), "{skipped:?}");
    assert!(skipped[0].reason.contains("truncated or corrupt gzip"), "{skipped:?}");
}

#[test]
fn a_damaged_gzip_member_in_the_middle_of_a_warc_loses_only_its_record() {
    let dir = scratch("warc-damaged-member");
    let members: Vec<Vec<u8>> = (0..5)
        .map(|i| {
            let page = format!("<p>page number {i}: {}</p>", "a line of words that compress well ".repeat(40));
            gzip(&warc_record("response", &format!("https://x/{i}"), &http_response("", page.as_bytes())))
        })
        .collect();
    let mut damaged = members.clone();
    let middle = damaged[2].len() / 2;
    for b in &mut damaged[2][middle..middle + 24] {
        *b ^= 0xa5;
    }
    std::fs::write(dir.join("crawl.warc.gz"), damaged.concat()).unwrap();
    let (docs, skipped) = read_all(&[dir.join("crawl.warc.gz")], &IngestOptions::default());
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["https://x/0", "https://x/1", "https://x/3", "https://x/4"], "{skipped:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].origin.ends_with("crawl.warc.gz#3"), "{skipped:?}");
    assert!(skipped[0].reason.contains("corrupt gzip") && skipped[0].reason.contains("goes on"), "{skipped:?}");

    // JSON Lines compressed in several members: the damaged member's lines are lost, not the rest
    let member_of = |from: usize| {
        let lines: String =
            (from..from + 50).map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Article number {i}.\"}}\n")).collect();
        gzip(lines.as_bytes())
    };
    let mut parts = [member_of(0), member_of(50), member_of(100)];
    let middle = parts[1].len() / 2;
    for b in &mut parts[1][middle..middle + 8] {
        *b ^= 0xa5;
    }
    std::fs::write(dir.join("feed.jsonl.gz"), parts.concat()).unwrap();
    let (docs, skipped) = read_all(&[dir.join("feed.jsonl.gz")], &IngestOptions::default());
    assert!(docs.iter().any(|d| d.id == "r0") && docs.iter().any(|d| d.id == "r149"), "{skipped:?}");
    assert!(docs.iter().filter(|d| d.id.starts_with('r')).count() >= 100, "{} documents", docs.len());
    assert!(skipped.iter().any(|s| s.reason.contains("corrupt gzip")), "{skipped:?}");
}

#[test]
fn a_huge_garbage_line_and_a_binary_record_in_a_warc_are_skipped_and_reading_goes_on() {
    let dir = scratch("warc-garbage");
    let first =
        warc_record("response", "https://x/1", &http_response("Content-Type: text/html\r\n", b"<p>first page</p>"));
    let binary = warc_record(
        "response",
        "https://x/blob",
        &http_response("Content-Type: text/html\r\n", b"\x00\x01\x02\x03binary\x00payload"),
    );
    let last =
        warc_record("response", "https://x/3", &http_response("Content-Type: text/html\r\n", b"<p>last page</p>"));
    let garbage = vec![b'z'; 3 * 1024 * 1024];
    let warc = [first, garbage, b"\r\n".to_vec(), binary, last].concat();
    std::fs::write(dir.join("g.warc"), &warc).unwrap();
    let options = IngestOptions { max_document_bytes: 1 << 20, ..IngestOptions::default() };
    let (docs, skipped) = read_all(&[dir.join("g.warc")], &options);
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    // the record before the garbage cannot be trusted: its length does not lead to a header
    assert_eq!(ids, ["https://x/3"], "{skipped:?}");
    assert!(skipped[0].origin.ends_with("#1") && skipped[0].reason.contains("Content-Length"), "{skipped:?}");
    assert!(skipped[1].origin.ends_with("#2") && skipped[1].reason.contains("binary"), "{skipped:?}");
    assert!(skipped.iter().all(|s| s.origin.contains("g.warc#")));
}

#[cfg(unix)]
#[test]
fn a_link_back_to_a_parent_folder_is_walked_once() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/a.txt"), "An article.").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/back")).unwrap();
    let (docs, skipped) = read_all(std::slice::from_ref(&dir), &IngestOptions::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].reason.contains("already walked"));
}

#[test]
fn damaged_warc_files_never_panic_and_always_end() {
    let dir = scratch("warc-damaged");
    let mut warc = Vec::new();
    for i in 0..4 {
        let body = chunked(format!("<p>page {i} text</p>").as_bytes());
        warc.extend(warc_record(
            "response",
            &format!("https://x/{i}"),
            &http_response("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", &body),
        ));
    }
    let mut state = 0x2545f4914f6cdd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..150 {
        let mut damaged = warc.clone();
        for _ in 0..(1 + next() % 6) {
            let at = (next() as usize) % damaged.len();
            match next() % 3 {
                0 => damaged[at] = next() as u8,
                1 => damaged.truncate(at.max(1)),
                _ => damaged.insert(at, b'\n'),
            }
        }
        let path = dir.join(format!("d{round}.warc"));
        std::fs::write(&path, &damaged).unwrap();
        let (docs, skipped) = read_all(&[path], &IngestOptions::default());
        assert!(docs.len() + skipped.len() <= 8, "round {round}: {} items", docs.len() + skipped.len());
    }
}

#[test]
fn a_json_array_is_refused_with_advice() {
    let dir = scratch("json-array");
    std::fs::write(dir.join("export.json"), r#"[{"text": "a"}, {"text": "b"}]"#).unwrap();
    std::fs::write(dir.join("one.json"), r#"{"text": "An article in a .json file."}"#).unwrap();
    let (docs, skipped) = read_all(&[dir], &IngestOptions::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].raw, b"An article in a .json file.");
    assert!(skipped[0].reason.contains("one object per line"), "{skipped:?}");
}

/// Real pages of the article-extraction benchmark with their URLs, `n` of them spread over it.
fn real_pages(n: usize) -> Option<Vec<(String, Vec<u8>)>> {
    let dir = shared("eval/data/article-extraction")?;
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap()).unwrap();
    let mut keys: Vec<&String> = gold.keys().collect();
    keys.sort();
    let step = (keys.len() / n).max(1);
    let pages = keys
        .into_iter()
        .step_by(step)
        .take(n)
        .map(|key| {
            let file = std::fs::File::open(dir.join("html").join(format!("{key}.html.gz"))).unwrap();
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(file).read_to_end(&mut raw).unwrap();
            (gold[key]["url"].as_str().unwrap().to_string(), raw)
        })
        .collect();
    Some(pages)
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn raw_deflate(bytes: &[u8]) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_warc_of_real_html_pages_round_trips_however_it_is_packed() {
    let Some(pages) = real_pages(10) else { return };
    assert_eq!(pages.len(), 10);
    let dir = scratch("warc-real");
    let mut records =
        vec![b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 15\r\n\r\nformat: WARC\r\n\r\n\r\n".to_vec()];
    let mut expected = Vec::new(); // (record number, url, page)
    for (i, (url, page)) in pages.iter().enumerate() {
        let version = if i % 2 == 0 { "1.0" } else { "1.1" };
        records.push(warc_record_in(version, "request", url, b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"));
        let (headers, body) = match i % 5 {
            0 => ("Content-Type: text/html; charset=UTF-8\r\n", page.clone()),
            1 => ("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked(page)),
            2 => ("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzip(page)),
            3 => (
                "Content-Type: text/html\r\nContent-Encoding: deflate\r\nTransfer-Encoding: chunked\r\n",
                chunked(&zlib(page)),
            ),
            _ => ("Content-Encoding: deflate\r\n", raw_deflate(page)),
        };
        records.push(warc_record_in(version, "response", url, &http_response(headers, &body)));
        expected.push((records.len(), url.clone(), page.clone()));
        if i == 4 {
            records.push(warc_record("metadata", url, b"fetchTimeMs: 120\r\n"));
            let mut missing =
                warc_record("response", "https://x.example/gone", b"HTTP/1.1 404 Not Found\r\n\r\nnot here");
            missing.splice(10..10, b"Extra: \xff\r\n".iter().copied()); // a header that is not UTF-8
            records.push(missing);
        }
    }
    let missing_record = 13;
    let plain = records.concat();
    let per_record_gzip: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let whole_zstd = zstd::encode_all(&plain[..], 3).unwrap();
    for (name, bytes) in [("crawl.warc", &plain), ("crawl.warc.gz", &per_record_gzip), ("crawl.warc.zst", &whole_zstd)]
    {
        std::fs::write(dir.join(name), bytes).unwrap();
        let (docs, skipped) = read_all(&[dir.join(name)], &IngestOptions::default());
        assert_eq!(docs.len(), expected.len(), "{name}: {skipped:?}");
        for (doc, (number, url, page)) in docs.iter().zip(&expected) {
            assert_eq!(&doc.id, url, "{name}");
            assert_eq!(doc.url.as_ref(), Some(url), "{name}");
            assert_eq!(doc.origin, format!("{}#{number}", dir.join(name).display()));
            assert_eq!(doc.media_type, MediaType::Html, "{name} {url}");
            assert!(doc.raw == *page, "{name} {url}: the page did not come back byte for byte");
            assert_eq!(doc.content_hash, annalist_model::content_hash(page));
        }
        assert_eq!(docs[0].declared_charset.as_deref(), Some("UTF-8"));
        assert_eq!(skipped.len(), 1, "{name}: {skipped:?}");
        assert!(skipped[0].origin.ends_with(&format!("{name}#{missing_record}")), "{skipped:?}");
        assert_eq!(skipped[0].reason, "HTTP status 404, not a page (record for https://x.example/gone)");
    }
}

/// `record` with its Content-Length changed by `delta` bytes.
fn with_length_off_by(record: Vec<u8>, delta: i64) -> Vec<u8> {
    let text = String::from_utf8(record).unwrap();
    let start = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let end = start + text[start..].find('\r').unwrap();
    let length: i64 = text[start..end].parse().unwrap();
    format!("{}{}{}", &text[..start], length + delta, &text[end..]).into_bytes()
}

#[test]
fn records_after_a_wrong_content_length_are_still_read_and_numbered_right() {
    let dir = scratch("warc-lengths");
    let page = |i: usize| {
        let body = format!("<html><body><p>Page number {i}, with a sentence or two of text.</p></body></html>");
        warc_record(
            "response",
            &format!("https://x/{i}"),
            &http_response("Content-Type: text/html\r\n", body.as_bytes()),
        )
    };
    let warc = [
        page(1),
        with_length_off_by(page(2), 40), // runs into the header of record 3
        page(3),
        page(4),
        with_length_off_by(page(5), -10), // stops inside its own body
        page(6),
        with_length_off_by(page(7), 5000), // runs past the end of the file, over record 8
        page(8),
    ]
    .concat();
    std::fs::write(dir.join("lengths.warc"), &warc).unwrap();
    let (docs, skipped) = read_all(&[dir.join("lengths.warc")], &IngestOptions::default());
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["https://x/1", "https://x/3", "https://x/4", "https://x/6", "https://x/8"], "{skipped:?}");
    for (doc, n) in docs.iter().zip([1, 3, 4, 6, 8]) {
        assert!(doc.origin.ends_with(&format!("lengths.warc#{n}")), "{}", doc.origin);
        assert!(String::from_utf8_lossy(&doc.raw).contains(&format!("Page number {n},")));
    }
    let shown: Vec<String> = skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    for (line, n) in shown.iter().zip([2, 5, 7]) {
        assert!(line.contains(&format!("lengths.warc#{n}: ")), "{line}");
        assert!(line.contains("Content-Length"), "{line}");
        assert!(line.ends_with(&format!("(record for https://x/{n})")), "{line}");
    }
}

#[test]
fn an_html_bomb_in_a_warc_reaches_the_cleaner_under_its_record_name_and_the_rest_is_read() {
    // Ingest does not parse HTML: the bomb passes as one document named by its record, for the
    // cleaner to refuse (see annalist-clean's tests/html.rs), and the records after it are read.
    let dir = scratch("warc-bomb");
    let bomb = format!("<html><body>{}boom{}</body></html>", "<div>".repeat(200_000), "</div>".repeat(200_000));
    let warc = [
        warc_record("response", "https://x/1", &http_response("Content-Type: text/html\r\n", b"<p>first</p>")),
        warc_record("response", "https://x/bomb", &http_response("Content-Type: text/html\r\n", bomb.as_bytes())),
        warc_record("response", "https://x/3", &http_response("Content-Type: text/html\r\n", b"<p>third</p>")),
    ]
    .concat();
    std::fs::write(dir.join("bomb.warc.gz"), gzip(&warc)).unwrap();
    let (docs, skipped) = read_all(&[dir.join("bomb.warc.gz")], &IngestOptions::default());
    assert!(skipped.is_empty(), "{skipped:?}");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["https://x/1", "https://x/bomb", "https://x/3"]);
    assert!(docs[1].origin.ends_with("bomb.warc.gz#2"));
    assert_eq!(docs[1].raw, bomb.as_bytes());
}

/// The child half of `a_dash_reads_standard_input_compressed_or_not`: reads `-` and prints what
/// it read. Ignored in ordinary runs; the test below starts it with its own standard input.
#[test]
#[ignore = "run as a child process by a_dash_reads_standard_input_compressed_or_not"]
fn stdin_child() {
    if std::env::var_os("ANNALIST_INGEST_STDIN_CHILD").is_none() {
        return;
    }
    for item in read_inputs(&[PathBuf::from("-")], &IngestOptions::default()) {
        match item {
            Ok(d) => println!("doc {} {} {:?} {:?}", d.id, d.origin, d.media_type, String::from_utf8_lossy(&d.raw)),
            Err(s) => println!("skip {s}"),
        }
    }
}

#[test]
fn a_dash_reads_standard_input_compressed_or_not() {
    let jsonl = b"{\"id\": \"a\", \"text\": \"First.\"}\n{\"oops\n{\"id\": \"b\", \"html\": \"<p>Second.</p>\"}\n";
    let warc = warc_record("response", "https://x/1", &http_response("Content-Type: text/html\r\n", b"<p>Page.</p>"));
    let cases: [(Vec<u8>, &[&str]); 4] = [
        (b"An article read from a pipe.\n".to_vec(), &[r#"doc stdin - Text "An article read from a pipe.\n""#]),
        (gzip(b"<!DOCTYPE html><p>Hi.</p>"), &[r#"doc stdin - Html "<!DOCTYPE html><p>Hi.</p>""#]),
        (
            zstd::encode_all(&jsonl[..], 3).unwrap(),
            &[r#"doc a -:1 Text "First.""#, "skip -:2: not valid JSON: ", r#"doc b -:3 Html "<p>Second.</p>""#],
        ),
        (gzip(&warc), &[r#"doc https://x/1 -#1 Html "<p>Page.</p>""#]),
    ];
    for (input, expected) in cases {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["stdin_child", "--exact", "--ignored", "--nocapture", "--test-threads", "1"])
            .env("ANNALIST_INGEST_STDIN_CHILD", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(output.status.success());
        let stdout = String::from_utf8_lossy(&output.stdout);
        let lines: Vec<&str> = stdout
            .lines()
            .map(|l| l.trim_start_matches("test stdin_child ... "))
            .filter(|l| l.starts_with("doc ") || l.starts_with("skip "))
            .collect();
        // each line as expected (a skip's reason from the JSON parser only by its beginning)
        assert_eq!(lines.len(), expected.len(), "{lines:?}");
        for (line, want) in lines.iter().zip(expected) {
            assert!(if want.starts_with("skip ") { line.starts_with(want) } else { line == want }, "{line} != {want}");
        }
    }
}

#[test]
fn files_of_one_name_in_different_folders_keep_ids_of_their_own() {
    let dir = scratch("same-names");
    for section in ["business", "sport"] {
        std::fs::create_dir_all(dir.join(section)).unwrap();
        std::fs::write(dir.join(section).join("001.txt"), format!("A {section} story, long enough to be read.\n"))
            .unwrap();
    }
    let docs: Vec<Document> =
        read_inputs(std::slice::from_ref(&dir), &IngestOptions::default()).filter_map(Result::ok).collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["001", "sport/001"], "the first keeps its name, the second is qualified by its folder");
    // the same walk gives the same ids again
    let again: Vec<String> =
        read_inputs(&[dir], &IngestOptions::default()).filter_map(Result::ok).map(|d| d.id).collect();
    assert_eq!(again, ids);
}

#[test]
fn the_run_date_dates_only_what_declares_no_date() {
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 9);
    let options = IngestOptions { date: day, ..IngestOptions::BUILT_IN };
    let read = |name: &str, body: &str| {
        annalist_ingest::read_reader(name, Box::new(std::io::Cursor::new(body.as_bytes().to_vec())), &options)
            .map(|d| d.unwrap().declared_date)
            .collect::<Vec<_>>()
    };
    assert_eq!(read("note.txt", "Gunmen attacked a checkpoint."), vec![day]);
    let lines =
        "{\"id\": \"a\", \"text\": \"A blast.\", \"date\": \"2023-01-02\"}\n{\"id\": \"b\", \"text\": \"A raid.\"}\n";
    assert_eq!(read("n.jsonl", lines), vec![chrono::NaiveDate::from_ymd_opt(2023, 1, 2), day]);
}
