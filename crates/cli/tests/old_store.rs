//! A store written by an earlier build, or left by an interrupted run, is ingested into without
//! stopping: sketches in a format this build cannot read are recomputed from the stored texts,
//! and duplicate links that a run changed in memory but did not save are mended at start-up.

mod common;

use annalist_dedup::{Sketch, SKETCH_BYTES};
use annalist_store::Store;
use common::{ok, scratch, snapshot, write_corpus};
use std::path::Path;

/// Ingests the first `first` reports of `corpus` into `db`.
fn ingest_first(db: &Path, corpus: &Path, first: usize) {
    let files: Vec<String> =
        (0..first).map(|i| corpus.join(format!("report-{i:05}.txt")).display().to_string()).collect();
    let mut args = vec!["ingest", "--quiet", "--db", db.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    ok(&args);
}

#[test]
fn sketches_of_an_older_format_are_recomputed_and_the_ingest_goes_on() {
    let dir = scratch("old-sketches");
    let corpus = write_corpus(&dir, 120);
    let reference = dir.join("reference.db");
    ok(&["ingest", "--quiet", "--db", reference.to_str().unwrap(), corpus.to_str().unwrap()]);

    let db = dir.join("old.db");
    ingest_first(&db, &corpus, 70);
    {
        let store = Store::open(&db).unwrap();
        let ids: Vec<String> = store.documents().unwrap().into_iter().map(|d| d.id).collect();
        assert!(ids.len() > 10);
        // version 2 at today's length, and an older, shorter blob
        let mut old = vec![0u8; SKETCH_BYTES];
        old[0] = 2;
        for (k, id) in ids.iter().enumerate() {
            let blob: &[u8] = if k % 2 == 0 { &old } else { &[1, 7, 7, 7] };
            store.set_sketch(id, blob).unwrap();
        }
    }
    ok(&["ingest", "--quiet", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
    let (got, want) = (snapshot(&db), snapshot(&reference));
    assert!(want.documents.values().any(|d| d.1.is_some()), "the corpus has copies");
    assert_eq!(got, want, "an old store ingested into ends as a fresh one does");
    let store = Store::open(&db).unwrap();
    for s in store.sketches().unwrap() {
        assert!(Sketch::from_bytes(&s.sketch).is_ok(), "the sketch of {} was rewritten", s.id);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn duplicate_links_an_interrupted_run_did_not_save_are_mended() {
    let dir = scratch("stale-links");
    let corpus = write_corpus(&dir, 120);
    let reference = dir.join("reference.db");
    ok(&["ingest", "--quiet", "--db", reference.to_str().unwrap(), corpus.to_str().unwrap()]);

    let db = dir.join("stale.db");
    ok(&["ingest", "--quiet", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
    let copies: Vec<String> = {
        let store = Store::open(&db).unwrap();
        let copies: Vec<String> =
            store.documents().unwrap().into_iter().filter(|d| d.duplicate_of.is_some()).map(|d| d.id).collect();
        // as if the run had been killed after saving its batch, before saving the re-pointed links
        for id in &copies {
            store.set_duplicate_of(id, None).unwrap();
        }
        copies
    };
    assert!(!copies.is_empty(), "the corpus has copies");
    ok(&["ingest", "--quiet", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
    assert_eq!(snapshot(&db), snapshot(&reference), "the links are those of an uninterrupted run");
    std::fs::remove_dir_all(&dir).ok();
}
