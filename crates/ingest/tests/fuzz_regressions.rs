//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found that broke an invariant, kept so
//! that they stay fixed.

use annalist_ingest::{read_reader, IngestOptions};
use annalist_model::Document;

fn documents(name: &str, bytes: &[u8]) -> Vec<Document> {
    read_reader(name, Box::new(std::io::Cursor::new(bytes.to_vec())), &IngestOptions::BUILT_IN)
        .filter_map(Result::ok)
        .collect()
}

fn record(target_uri: &str, record_id: &str, body: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {target_uri}\r\nWARC-Record-ID: {record_id}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
}

/// fuzz/warc: `WARC-Target-URI: ` (empty) gave a document with the empty string as its id (and
/// URL), so every such record of a crawl was one document and each replaced the one before.
#[test]
fn warc_records_with_an_empty_target_uri_or_record_id_keep_ids_of_their_own() {
    let warc = [
        record("", "<urn:uuid:1>", "A bomb exploded in the first report."),
        record("", "<>", "Gunmen attacked in the second report."),
        record(" ", "", "Militants struck in the third report."),
    ]
    .concat();
    let docs = documents("crawl.warc", warc.as_bytes());
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["urn:uuid:1", "crawl.warc#2", "crawl.warc#3"]);
    assert!(docs.iter().all(|d| d.url.is_none()), "an empty URI is no URL");
}
