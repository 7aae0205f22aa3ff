//! Files of the same name read by different runs from different folders are two documents:
//! the later one's id is qualified by its folder instead of replacing the earlier file.

use std::path::PathBuf;
use std::process::Command;

fn ingest(db: &str, input: &str) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["ingest", "--quiet", "--db", db, input])
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "ingest {input} failed: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn stored_ids(db: &str, dir: &std::path::Path) -> Vec<String> {
    let out = dir.join("docs.jsonl");
    let status = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["export", "--db", db, "--what", "documents", "-o", out.to_str().unwrap()])
        .output()
        .expect("the binary runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let mut ids: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-ids-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FIRST: &str = "A bomb exploded at a bus stop in Quetta, Pakistan, on Monday, killing three people.\n";
const SECOND: &str = "Gunmen attacked a checkpoint in Kandahar, Afghanistan, on Tuesday, wounding five soldiers.\n";

/// A scratch folder with `monday/001.txt` and `tuesday/001.txt`, two reports.
fn two_folders(name: &str) -> PathBuf {
    let dir = scratch(name);
    for (folder, text) in [("monday", FIRST), ("tuesday", SECOND)] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("001.txt"), text).unwrap();
    }
    dir
}

#[test]
fn a_namesake_from_another_folder_is_a_second_document_and_its_id_names_the_folder() {
    let dir = two_folders("namesake");
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();
    let (monday, tuesday) = (dir.join("monday"), dir.join("tuesday"));
    let (monday, tuesday) = (monday.to_str().unwrap(), tuesday.to_str().unwrap());

    ingest(db, monday);
    let (summary, notes) = ingest(db, tuesday);
    assert!(summary.contains("1 new"), "{summary}");
    assert!(notes.contains("stored as tuesday/001"), "{notes}");
    assert_eq!(stored_ids(db, &dir), ["001", "tuesday/001"]);

    // both read again: nothing changes
    for input in [monday, tuesday] {
        let (summary, _) = ingest(db, input);
        assert!(summary.contains("0 new") && summary.contains("1 unchanged"), "{summary}");
    }
    // an edited file is still a new version of itself
    std::fs::write(dir.join("monday").join("001.txt"), format!("{FIRST}Police said two suspects fled.\n")).unwrap();
    let (summary, _) = ingest(db, monday);
    assert!(summary.contains("1 changed"), "{summary}");
    assert_eq!(stored_ids(db, &dir), ["001", "tuesday/001"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_read_again_with_its_folder_keeps_the_id_it_was_stored_under() {
    let dir = two_folders("again");
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();
    // tuesday's file first, alone: it is "001"
    ingest(db, dir.join("tuesday").to_str().unwrap());
    // then both folders: the walk meets monday's 001 first and would call tuesday's
    // "tuesday/001"; it is the file stored as "001", and monday's is the newcomer
    let (summary, _) = ingest(db, dir.to_str().unwrap());
    assert!(summary.contains("1 new") && summary.contains("1 unchanged"), "{summary}");
    assert_eq!(stored_ids(db, &dir), ["001", "monday/001"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_their_bytes_apart_and_a_newline_never_enters_an_id() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("bytes");
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    // Latin-1 "café" and "cafè": both read as "caf\u{fffd}" by a lossy conversion
    std::fs::write(a.join(OsStr::from_bytes(b"caf\xe9.txt")), FIRST).unwrap();
    std::fs::write(b.join(OsStr::from_bytes(b"caf\xe8.txt")), SECOND).unwrap();
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();
    ingest(db, a.to_str().unwrap());
    let (out, _) = ingest(db, b.to_str().unwrap());
    assert!(out.contains("1 new, 0 changed"), "{out}");
    assert_eq!(stored_ids(db, &dir), ["caf%E8", "caf%E9"]);
    // the same undecodable name in another folder, by a later run: stored beside, not replacing
    let c = dir.join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(c.join(OsStr::from_bytes(b"caf\xe9.txt")), "Police in Lahore arrested two men over the attack.\n")
        .unwrap();
    let (out, err) = ingest(db, c.to_str().unwrap());
    assert!(out.contains("1 new, 0 changed"), "{out} {err}");
    assert_eq!(stored_ids(db, &dir), ["c/caf%E9", "caf%E8", "caf%E9"]);
    // a newline (and a percent sign) in a name are escaped in its id and in messages
    let d = dir.join("d");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("evil\nname 100%.txt"), "").unwrap();
    std::fs::write(d.join("two\nlines.txt"), SECOND.replace("Tuesday", "Wednesday")).unwrap();
    let (_, err) = ingest(db, d.to_str().unwrap());
    assert!(err.contains("evil%0Aname 100%25.txt: empty file"), "{err}");
    assert!(stored_ids(db, &dir).contains(&"two%0Alines".to_string()));
    std::fs::remove_dir_all(&dir).ok();
}
