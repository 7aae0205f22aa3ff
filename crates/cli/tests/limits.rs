//! The limits as the command line sets them: each failure a clear message naming the input and
//! the limit; a malformed limit stops the run before anything is read; the server listens on
//! loopback unless told otherwise.

mod common;

use common::{annalist, scratch};

#[test]
fn ingest_limits_from_flags_skip_with_a_message_and_bad_values_are_refused() {
    let dir = scratch("limits");
    let feed = dir.join("feed.jsonl");
    let line = |i: usize| {
        format!("{{\"id\":\"r{i}\",\"text\":\"Gunmen attacked a checkpoint in Kabul, Afghanistan, on 3 May 2021, killing {i} soldiers.\"}}\n")
    };
    std::fs::write(&feed, (1..=3).map(line).collect::<String>()).unwrap();
    let big = dir.join("big.txt");
    std::fs::write(&big, "A bomb exploded. ".repeat(200)).unwrap();
    let db = dir.join("l.db");
    let (db, feed, big) = (db.to_str().unwrap(), feed.to_str().unwrap(), big.to_str().unwrap());

    let out = annalist(&[
        "ingest",
        "--quiet",
        "--db",
        db,
        "--max-records-per-file",
        "2",
        "--max-document-bytes",
        "1K",
        feed,
        big,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{feed}: more than 2 records in one file")), "{stderr}");
    assert!(stderr.contains(&format!("{big}: too large")) && stderr.contains("1.0 KiB"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 new"), "{stdout}");

    for (flag, value) in [("--max-document-bytes", "lots"), ("--max-records-per-file", "0")] {
        let out = annalist(&["ingest", "--quiet", "--db", db, flag, value, feed]);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("{value:?}")) && stderr.contains(flag), "{stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_server_listens_on_loopback_by_default_and_writes_only_with_a_token() {
    let help = String::from_utf8(annalist(&["serve", "--help"]).stdout).unwrap();
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
    let dir = scratch("serve-token");
    let db = dir.join("s.db");
    std::fs::write(dir.join("a.txt"), "A bomb exploded in Kabul on 3 May 2021, killing 4 people.").unwrap();
    let out = annalist(&["ingest", "--quiet", "--db", db.to_str().unwrap(), dir.join("a.txt").to_str().unwrap()]);
    assert!(out.status.success());
    let out = std::process::Command::new(common::bin())
        .args(["serve", "--db", db.to_str().unwrap(), "--addr", "127.0.0.1:0", "--allow-ingest"])
        .env_remove("ANNALIST_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success(), "served writes without a token");
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a token"));
    std::fs::remove_dir_all(&dir).ok();
}
