//! The run's summary line tells this run's work, and a run given a path that does not exist
//! reads the others, then fails naming it.

use std::process::Command;

fn annalist(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_annalist")).args(args).output().expect("the binary runs")
}

const REPORT: &str = "A bomb exploded at a crowded bus stop in Quetta, Pakistan, on Monday morning, killing three \
people and wounding eleven, police said. No group has said it carried out the attack, the second in the city this month.\n";

#[test]
fn a_mistyped_path_fails_the_run_after_the_rest_is_read_and_copies_are_this_runs() {
    let dir = std::env::temp_dir().join(format!("annalist-summary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("wire.txt"), REPORT).unwrap();
    std::fs::write(dir.join("copy.txt"), REPORT).unwrap();
    let db = dir.join("s.db");
    let db = db.to_str().unwrap();
    let missing = dir.join("no-such-folder");
    let good = dir.to_str().unwrap();
    let out = annalist(&["ingest", "--quiet", "--db", db, missing.to_str().unwrap(), good]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "{stdout} {stderr}");
    assert!(stdout.contains("2 new") && stdout.contains("1 syndicated copies"), "{stdout}");
    assert!(stderr.contains("no such file or folder") && stderr.contains("no-such-folder"), "{stderr}");
    // read again: nothing new, and no copy is this run's
    let out = annalist(&["ingest", "--quiet", "--db", db, good]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("2 unchanged") && stdout.contains("0 syndicated copies"), "{stdout}");
    // extract too
    let out = annalist(&["extract", "-o", dir.join("x.jsonl").to_str().unwrap(), missing.to_str().unwrap(), good]);
    assert!(!out.status.success());
    std::fs::remove_dir_all(&dir).ok();
}
