//! Human review through the binary: a field set, two incidents merged, one split, one
//! rejected, then more articles ingested: every review holds in `incidents`, `show` and every
//! export, and bad reviews are refused with a message that says why.

mod common;

use common::{annalist, ok, scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn refused(args: &[&str]) -> String {
    let out = annalist(args);
    assert!(!out.status.success(), "annalist {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The example corpus in two halves: articles 01-09, then 10 and 11.
fn halves(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = scratch(&format!("review-{name}"));
    let (first, second) = (dir.join("first"), dir.join("second"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let half = if name.starts_with('0') { &first } else { &second };
        std::fs::copy(&path, half.join(&name)).unwrap();
    }
    (dir.join("a.db"), first, second)
}

fn incidents(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "--db", db, "--what", "incidents"];
    args.extend_from_slice(extra);
    ok(&args).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The id of the row placed at `place`.
fn at(rows: &[Value], place: &str) -> String {
    let row = rows.iter().find(|r| r["place"] == place).unwrap_or_else(|| panic!("no row at {place}: {rows:?}"));
    row["id"].as_str().unwrap().to_string()
}

/// The id of the row of type `kind` that `document` is a source of.
fn of(rows: &[Value], kind: &str, document: &str) -> String {
    let row = rows
        .iter()
        .find(|r| r["type"] == kind && r["sources"].as_array().unwrap().iter().any(|s| s == document))
        .unwrap_or_else(|| panic!("no {kind} row from {document}: {rows:?}"));
    row["id"].as_str().unwrap().to_string()
}

#[test]
fn reviews_hold_through_a_later_ingest_in_listings_and_exports() {
    let (db, first, second) = halves("hold");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, first.to_str().unwrap()]);
    let machine = incidents(db, &[]);
    let (manchester, sri_lanka) =
        (at(&machine, "Manchester Arena"), of(&machine, "bombing", "08_bay-herald-sri-lanka"));
    let (paris, detention, raids, london) =
        (at(&machine, "Bataclan"), at(&machine, "Tripoli"), at(&machine, "Nuneaton"), at(&machine, "London"));

    let said =
        ok(&["review", "--db", db, "set", &manchester, "killed", "22-23", "--author", "ana", "--note", "coroner"]);
    assert!(said.contains("set killed to 22–23"), "{said}");
    // the coder takes the father's detention and the raids for one police operation
    ok(&["review", "--db", db, "merge", &raids, &detention, "--author", "ana"]);
    let split = ok(&["review", "--db", db, "split", &paris, "07_lowlands-tribune-abdeslam-arrest"]);
    assert!(split.contains("split off"), "{split}");
    ok(&["review", "--db", db, "reject", &london, "--reason", "out-of-scope", "--note", "background mention"]);

    // more sources arrive: 10 reports the Sri Lanka bombings, 11 the Paris attack
    ok(&["ingest", "--quiet", "--db", db, second.to_str().unwrap()]);
    let rows = incidents(db, &[]);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).cloned();
    let m = row(&manchester).expect("the reviewed row");
    assert_eq!((m["killed"]["low"].as_u64(), m["killed"]["high"].as_u64()), (Some(22), Some(23)));
    assert_eq!(m["machine"]["killed"]["low"], 22, "what the machine said is kept: {m}");
    assert_eq!(m["reviewed"], true);
    assert!(row(&detention).is_none(), "the merged row is gone");
    let merged = row(&raids).expect("the merged row");
    assert_eq!(merged["sources"], serde_json::json!(["04_harbour-daily-manchester-inquiry"]), "{merged}");
    let c = row(&sri_lanka).unwrap();
    let sources: Vec<&str> = c["sources"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(sources.contains(&"08_bay-herald-sri-lanka") && sources.contains(&"10_island-dispatch-sri-lanka-revised"));
    let p = row(&paris).unwrap();
    assert!(p["sources"].as_array().unwrap().iter().all(|s| s != "07_lowlands-tribune-abdeslam-arrest"), "{p}");
    assert!(p["sources"].as_array().unwrap().iter().any(|s| s == "11_crossroads-news-paris-overnight"), "{p}");
    assert!(rows.iter().any(|r| r["sources"] == serde_json::json!(["07_lowlands-tribune-abdeslam-arrest"])));
    assert!(row(&london).is_none(), "a rejected row does not come back");

    // the table, the filters and --include-rejected
    let table = ok(&["incidents", "--db", db]);
    assert!(!table.contains(&london) && table.contains("22–23"), "{table}");
    let reviewed = incidents(db, &["--reviewed", "yes"]);
    assert_eq!(reviewed.len(), 4, "set, merge and both sides of the split: {reviewed:?}");
    let all = incidents(db, &["--include-rejected"]);
    let rejected = all.iter().find(|r| r["id"] == london.as_str()).unwrap();
    assert_eq!(rejected["rejected"], "out_of_scope");

    // every CSV carries the reviewed values and the flag
    for format in ["csv", "gtd-csv", "acled-csv"] {
        let csv = ok(&["export", "--db", db, "--what", "incidents", "--format", format]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.iter().rev().take(2).collect::<Vec<_>>(), ["rejected", "reviewed"], "{format}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(rows.iter().all(|r| &r[0] != london.as_str()), "{format}");
        let m = rows.iter().find(|r| &r[0] == manchester.as_str()).unwrap();
        assert_eq!(&m[headers.len() - 2], "1", "{format}");
    }
    let geo: Value =
        serde_json::from_str(&ok(&["export", "--db", db, "--what", "incidents", "--format", "geojson"])).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), rows.len());

    let show = ok(&["show", "--db", db, &manchester]);
    assert!(show.contains("machine said killed: 22") && show.contains("(coroner)"), "{show}");
    let list = ok(&["review", "--db", db, "list"]);
    assert_eq!(list.lines().count(), 4, "{list}");
    assert!(list.contains("applies to") && list.contains("background mention"), "{list}");

    // a retraction brings the rejected row back
    ok(&["review", "--db", db, "retract", "4"]);
    assert!(incidents(db, &[]).iter().any(|r| r["id"] == london.as_str()));
}

#[test]
fn bad_reviews_say_what_is_wrong() {
    let (db, first, _) = halves("bad");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, first.to_str().unwrap()]);
    let rows = incidents(db, &[]);
    let paris = at(&rows, "Bataclan");
    assert!(refused(&["review", "--db", db, "set", "inc_nobody", "killed", "3"]).contains("no incident with id"));
    assert!(refused(&["review", "--db", db, "set", &paris, "weather", "fine"]).contains("one of: type, date"));
    assert!(refused(&["review", "--db", db, "set", &paris, "killed", "many"]).contains("a range (10-15)"));
    assert!(refused(&["review", "--db", db, "set", &paris, "date", "last week"]).contains("YYYY-MM-DD"));
    assert!(refused(&["review", "--db", db, "reject", &paris, "--reason", "boring"]).contains("duplicate"));
    assert!(refused(&["review", "--db", db, "split", &paris, "nodoc"]).contains("not a source"));
    assert!(refused(&["review", "--db", db, "merge", &paris, &paris]).contains("with itself"));
    assert!(refused(&["review", "--db", db, "retract", "99"]).contains("no review #99"));
    assert_eq!(ok(&["review", "--db", db, "list"]).trim(), "no reviews");
}
