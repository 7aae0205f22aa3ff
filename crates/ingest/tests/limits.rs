//! Limits of one run: records per container file, limits from the environment, and inputs
//! already open (`read_reader`), the entry the fuzz targets use.

use annalist_ingest::{parse_limit, read_inputs, read_reader, IngestOptions, Skipped};
use annalist_model::Document;
use std::path::PathBuf;

fn split(items: impl Iterator<Item = Result<Document, Skipped>>) -> (Vec<Document>, Vec<Skipped>) {
    let (mut docs, mut skipped) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            Ok(d) => docs.push(d),
            Err(s) => skipped.push(s),
        }
    }
    (docs, skipped)
}

fn lines(n: usize) -> String {
    (0..n).map(|i| format!("{{\"id\":\"r{i}\",\"text\":\"A bomb exploded in Kerman, record {i}.\"}}\n")).collect()
}

#[test]
fn a_file_with_more_records_than_the_limit_is_read_up_to_it_with_one_clear_skip() {
    let dir = std::env::temp_dir().join(format!("annalist-ingest-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("many.jsonl");
    std::fs::write(&path, lines(10)).unwrap();
    std::fs::write(dir.join("after.txt"), "A second file is still read after the cut.").unwrap();
    let options = IngestOptions { max_records_per_file: 4, ..IngestOptions::BUILT_IN };
    let (docs, skipped) = split(read_inputs(&[path.clone(), dir.join("after.txt")], &options));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["r0", "r1", "r2", "r3", "after"]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].origin, path.display().to_string());
    assert!(skipped[0].reason.contains("more than 4 records"), "{}", skipped[0].reason);
    assert!(skipped[0].reason.contains("ANNALIST_MAX_RECORDS_PER_FILE"), "{}", skipped[0].reason);
    // exactly at the limit: no skip
    std::fs::write(&path, lines(4)).unwrap();
    let (docs, skipped) = split(read_inputs(&[path], &options));
    assert_eq!((docs.len(), skipped.len()), (4, 0));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_open_reader_is_read_by_its_name_or_by_sniffing() {
    let bytes = lines(3).into_bytes();
    let (docs, skipped) =
        split(read_reader("feed.jsonl", Box::new(std::io::Cursor::new(bytes.clone())), &IngestOptions::BUILT_IN));
    assert_eq!((docs.len(), skipped.len()), (3, 0));
    let (docs, _) = split(read_reader("unnamed", Box::new(std::io::Cursor::new(bytes)), &IngestOptions::BUILT_IN));
    assert_eq!(docs.len(), 3, "sniffed as JSON Lines");
    let (docs, _) = split(read_reader(
        "page.html",
        Box::new(std::io::Cursor::new(b"<html><body><p>Text.</p></body></html>".to_vec())),
        &IngestOptions::BUILT_IN,
    ));
    assert_eq!(docs[0].id, "page");
    let none: Vec<PathBuf> = Vec::new();
    assert_eq!(read_inputs(&none, &IngestOptions::BUILT_IN).count(), 0);
}

#[test]
fn limits_are_read_from_numbers_with_units_and_bad_ones_are_refused() {
    assert_eq!(parse_limit("1048576", true), Some(1 << 20));
    assert_eq!(parse_limit("32M", true), Some(32 << 20));
    assert_eq!(parse_limit("2k", true), Some(2048));
    assert_eq!(parse_limit("1G", true), Some(1 << 30));
    assert_eq!(parse_limit("10", false), Some(10));
    for bad in ["", "0", "-5", "ten", "5M", "99999999999999999999"] {
        assert_eq!(parse_limit(bad, false), None, "{bad}");
    }
    assert_eq!(parse_limit("99999999999G", true), None, "overflow");
}

#[test]
fn limits_come_from_the_environment_and_a_bad_value_names_the_variable() {
    // the only test in this binary that sets these variables
    std::env::set_var("ANNALIST_MAX_RECORDS_PER_FILE", "7");
    std::env::set_var("ANNALIST_MAX_DOCUMENT_BYTES", "2K");
    let o = IngestOptions::from_env().unwrap();
    assert_eq!((o.max_records_per_file, o.max_document_bytes), (7, 2048));
    std::env::set_var("ANNALIST_MAX_DOCUMENT_BYTES", "lots");
    let e = IngestOptions::from_env().unwrap_err();
    assert!(e.contains("ANNALIST_MAX_DOCUMENT_BYTES") && e.contains("lots"), "{e}");
    std::env::remove_var("ANNALIST_MAX_DOCUMENT_BYTES");
    std::env::remove_var("ANNALIST_MAX_RECORDS_PER_FILE");
    assert_eq!(IngestOptions::from_env().unwrap().max_records_per_file, IngestOptions::BUILT_IN.max_records_per_file);
}
