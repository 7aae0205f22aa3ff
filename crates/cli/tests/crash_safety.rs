//! `annalist ingest` killed (SIGKILL) at random points of a large ingest and restarted each
//! time: the store stays consistent, what was stored before a kill stays stored, nothing is
//! stored twice, and the final ledger equals that of an uninterrupted run.
//!
//! Size and kills: ANNALIST_CRASH_DOCS (default 2000), ANNALIST_CRASH_KILLS (default 6); the kill
//! points come from ANNALIST_TEST_SEED (printed) so that a failure can be repeated.

mod common;

use common::{ok, scratch, seed, snapshot, write_corpus, Rng};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn an_ingest_killed_at_random_points_loses_and_duplicates_nothing() {
    let n = env_or("ANNALIST_CRASH_DOCS", 2000);
    let kills = env_or("ANNALIST_CRASH_KILLS", 6);
    let dir = scratch("crash");
    let corpus = write_corpus(&dir, n);
    let corpus = corpus.to_str().unwrap();

    // the uninterrupted run
    let reference_db = dir.join("reference.db");
    let t = Instant::now();
    ok(&["ingest", "--quiet", "--db", reference_db.to_str().unwrap(), corpus]);
    let full = t.elapsed();
    let reference_incidents = dir.join("reference.jsonl");
    ok(&[
        "export",
        "--db",
        reference_db.to_str().unwrap(),
        "--what",
        "incidents",
        "-o",
        reference_incidents.to_str().unwrap(),
    ]);
    let reference = snapshot(&reference_db);
    assert_eq!(reference.integrity, "ok");
    assert!(reference.documents.len() >= n * 9 / 10, "the corpus was read: {} documents", reference.documents.len());
    eprintln!("uninterrupted: {} documents in {full:?}", reference.documents.len());

    let db = dir.join("killed.db");
    let db_arg = db.to_str().unwrap();
    let mut rng = Rng::new(seed());
    let mut before = std::collections::BTreeMap::new();
    let mut survived = 0;
    for k in 0..kills {
        // the kill point: when the store holds a random number of documents between what it
        // held and the last batch (a reader watching, as a workbench would), then up to 800 ms
        // more (a batch takes about that long: the kill may fall inside one); the last kill
        // falls in the fusing after the last document is stored
        let total = reference.documents.len();
        let stored = before.len();
        let room = total.saturating_sub(stored + 300);
        let target = if k + 1 < kills && room > 0 { stored + 1 + rng.below(room as u64) as usize } else { total };
        let extra = Duration::from_millis(rng.below(800));
        let mut child = Command::new(common::bin())
            .args(["ingest", "--quiet", "--db", db_arg, corpus])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let t = Instant::now();
        let mut finished = false;
        loop {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            let count = if db.exists() {
                annalist_store::Store::open(&db).and_then(|s| s.document_count()).unwrap_or(0)
            } else {
                0
            };
            if count >= target {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(extra);
        finished |= child.try_wait().unwrap().is_some();
        let delay = t.elapsed();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        let now = snapshot(&db);
        assert_eq!(now.integrity, "ok", "after kill {k}");
        assert_eq!(now.document_rows, now.documents.len(), "a document stored twice after kill {k}");
        for (id, (hash, _)) in &before {
            assert_eq!(now.documents.get(id).map(|d| &d.0), Some(hash), "{id} lost by kill {k}");
        }
        // (a duplicate link may still change: a later copy can become the original; it is
        // compared at the end)
        for (id, (hash, _)) in &now.documents {
            let (ref_hash, _) = &reference.documents[id];
            assert_eq!(hash, ref_hash, "{id} differs from the uninterrupted run after kill {k}");
            assert_eq!(
                now.frames.get(id),
                reference.frames.get(id),
                "{id} is stored without all its frames after kill {k}"
            );
        }
        if finished {
            eprintln!("run {k}: finished before the kill at {delay:?}");
        } else {
            survived += 1;
            eprintln!(
                "kill {k} after {delay:.2?} (once {target} were stored, then {extra:.2?}): {} of {} documents stored",
                now.documents.len(),
                reference.documents.len()
            );
        }
        before = now.documents;
    }

    // the last run to its end equals the uninterrupted one
    ok(&["ingest", "--quiet", "--db", db_arg, corpus]);
    let end = snapshot(&db);
    let differences: Vec<String> = reference
        .documents
        .iter()
        .filter(|(id, d)| end.documents.get(*id) != Some(d))
        .map(|(id, d)| format!("{id}: {:?} after the kills, {d:?} uninterrupted", end.documents.get(id)))
        .chain(
            reference
                .frames
                .iter()
                .filter(|(id, n)| end.frames.get(*id) != Some(n))
                .map(|(id, n)| format!("{id}: {:?} frames after the kills, {n} uninterrupted", end.frames.get(id))),
        )
        .take(10)
        .collect();
    assert!(differences.is_empty(), "the store after kills and restarts differs:\n{}", differences.join("\n"));
    assert_eq!(end, reference, "the store after kills and restarts differs from the uninterrupted run");
    let incidents = dir.join("killed.jsonl");
    ok(&["export", "--db", db_arg, "--what", "incidents", "-o", incidents.to_str().unwrap()]);
    let (got, want) =
        (std::fs::read_to_string(&incidents).unwrap(), std::fs::read_to_string(&reference_incidents).unwrap());
    assert!(!want.is_empty(), "the generated corpus makes incidents");
    assert!(got == want, "the ledger differs from the uninterrupted run's");
    eprintln!("kill points survived: {survived} of {kills}; {} incidents equal", want.lines().count());
    std::fs::remove_dir_all(&dir).ok();
}

/// The deterministic half of the above: an ingest stopped cleanly after some documents and run
/// again over everything ends as one run does (the restarted index weighs stored copies by the
/// same measures as new ones).
#[test]
fn an_ingest_in_two_runs_ends_as_one_run_does() {
    let dir = scratch("two-runs");
    let corpus = write_corpus(&dir, 900);
    let one = dir.join("one.db");
    ok(&["ingest", "--quiet", "--db", one.to_str().unwrap(), corpus.to_str().unwrap()]);
    let two = dir.join("two.db");
    let first: Vec<String> =
        (0..431).map(|i| corpus.join(format!("report-{i:05}.txt")).display().to_string()).collect();
    let mut args = vec!["ingest", "--quiet", "--db", two.to_str().unwrap()];
    args.extend(first.iter().map(String::as_str));
    ok(&args);
    ok(&["ingest", "--quiet", "--db", two.to_str().unwrap(), corpus.to_str().unwrap()]);
    let (a, b) = (snapshot(&one), snapshot(&two));
    let differing: Vec<&String> =
        a.documents.iter().filter(|(id, d)| b.documents.get(*id) != Some(d)).map(|(id, _)| id).collect();
    assert!(
        differing.is_empty(),
        "documents differ between one run and two: {:?}",
        &differing[..differing.len().min(10)]
    );
    assert_eq!(a, b);
    let export = |db: &std::path::Path| ok(&["export", "--db", db.to_str().unwrap(), "--what", "incidents"]);
    assert!(export(&one) == export(&two), "the ledgers differ");
    std::fs::remove_dir_all(&dir).ok();
}
