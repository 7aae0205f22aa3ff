//! A syndicated copy that dedup's exact stage decided (its sketch estimate said otherwise) keeps
//! its link through a restart: the start-up rebuild re-decides borderline pairs on the stored
//! texts, so a second ingest, or an ingest in two runs, ends with the very same links.

mod common;

use annalist_dedup::{exact_similarity, DedupConfig, Sketch};
use annalist_store::Store;
use common::{ok, scratch, snapshot, Rng};
use std::path::Path;

/// Made-up words (no digits, so no figures and no events), from a seeded generator.
fn words(seed: u64, n: usize) -> Vec<String> {
    const PARTS: [&str; 12] = ["bra", "ne", "lu", "kor", "est", "vi", "dam", "oy", "sel", "tu", "rin", "aq"];
    let mut rng = Rng::new(seed);
    (0..n).map(|_| (0..2 + rng.below(2)).map(|_| PARTS[rng.below(12) as usize]).collect()).collect()
}

/// Writes pairs of reports: a long one, and a shorter one that opens with `shared` of its words
/// and goes on with words of its own, so that about half of it is in the long one.
fn write_pairs(dir: &Path) -> Vec<(String, String)> {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut pairs = Vec::new();
    for k in 0..48u64 {
        let long = words(7 + k, 420);
        let own = words(900 + k, 210);
        let shared = 100 + (k as usize % 8) * 3;
        let short: Vec<&String> = long[..shared].iter().chain(&own[..210 - shared]).collect();
        let join = |w: &[&String]| w.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
        let (a, b) = (format!("long-{k:02}"), format!("short-{k:02}"));
        std::fs::write(corpus.join(format!("{a}.txt")), join(&long.iter().collect::<Vec<_>>())).unwrap();
        std::fs::write(corpus.join(format!("{b}.txt")), join(&short)).unwrap();
        pairs.push((a, b));
    }
    pairs
}

#[test]
fn a_copy_the_exact_stage_decided_survives_a_restart() {
    let dir = scratch("dedup-restart");
    let pairs = write_pairs(&dir);
    let corpus = dir.join("corpus");
    let db = dir.join("one.db");
    ok(&["ingest", "--quiet", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);

    // The pairs whose link the exact stage decided against the estimate, on the stored texts.
    let config = DedupConfig::default();
    let store = Store::open(&db).unwrap();
    let mut decided_exactly = 0;
    for (long, short) in &pairs {
        let (a, b) = (store.text(long).unwrap().unwrap(), store.text(short).unwrap().unwrap());
        let exact = config.is_duplicate(&exact_similarity(&b, &a));
        let estimate = config.is_duplicate(&Sketch::of(&b).compare(&Sketch::of(&a)));
        let linked = store.documents().unwrap().into_iter().find(|d| &d.id == short).unwrap().duplicate_of;
        if exact && !estimate {
            assert_eq!(linked.as_deref(), Some(long.as_str()), "the exact stage links {short}");
            decided_exactly += 1;
        }
    }
    drop(store);
    assert!(decided_exactly > 0, "some pairs near the bar are copies only by the exact check");

    // A restart (the same inputs again) and an ingest in two runs end with the same links.
    let before = snapshot(&db);
    ok(&["ingest", "--quiet", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
    let after = snapshot(&db);
    let moved: Vec<&String> =
        before.documents.iter().filter(|(id, d)| after.documents.get(*id) != Some(d)).map(|(id, _)| id).collect();
    assert!(moved.is_empty(), "a restart changed the links of {moved:?}");
    assert_eq!(after, before);
    let two = dir.join("two.db");
    let first: Vec<String> =
        pairs.iter().take(20).map(|p| corpus.join(format!("{}.txt", p.0)).display().to_string()).collect();
    let mut args = vec!["ingest", "--quiet", "--db", two.to_str().unwrap()];
    args.extend(first.iter().map(String::as_str));
    ok(&args);
    ok(&["ingest", "--quiet", "--db", two.to_str().unwrap(), corpus.to_str().unwrap()]);
    let (a, b) = (snapshot(&db), snapshot(&two));
    assert_eq!(a.documents, b.documents, "two runs link as one does");
    std::fs::remove_dir_all(&dir).ok();
}
