//! The whole path, through the binary: ingest → incidents/show/export, on inputs written here
//! and on the real Kerman articles in `../shared` (skipped with a note when the kit is absent).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn annalist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annalist")).args(args).output().expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = annalist(args);
    assert!(out.status.success(), "annalist {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const REPORT: &str = "Gunmen attack market in Peshawar\n\
PESHAWAR, 12 March 2023 — Gunmen opened fire on a crowded market in Peshawar, Pakistan, on Saturday, \
killing at least 12 people and wounding more than 30 others, police said.\n\
The attackers fled on motorcycles. No group has claimed responsibility so far.\n";

#[test]
fn junk_is_skipped_by_name_and_good_input_is_stored_once() {
    let dir = scratch("junk");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("report.txt"), REPORT).unwrap();
    std::fs::write(inputs.join("empty.txt"), b"").unwrap();
    std::fs::write(inputs.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 255, 0, 7]).unwrap();
    std::fs::write(inputs.join("latin.txt"), b"caf\xe9 \xff\xfe bomb \xc3\x28 blast").unwrap();
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();

    let out = annalist(&["ingest", "--quiet", "--db", db, inputs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(stderr.contains("empty.txt"), "empty file named: {stderr}");
    assert!(stderr.contains("binary.txt"), "binary file named: {stderr}");
    assert!(summary.contains("read 4 documents"), "{summary}");
    // 8-bit text that is not UTF-8 is decoded by detection, not skipped
    assert!(summary.contains("2 new"), "{summary}");

    let again = ok(&["ingest", "--quiet", "--db", db, inputs.to_str().unwrap()]);
    assert!(again.contains("0 new") && again.contains("2 unchanged"), "{again}");

    let docs = dir.join("docs.jsonl");
    ok(&["export", "--db", db, "--what", "documents", "-o", docs.to_str().unwrap()]);
    let docs = jsonl(&docs);
    assert_eq!(docs.len(), 2);
    let report = docs.iter().find(|d| d["id"] == "report").expect("the report stored");
    assert!(report["text"].as_str().unwrap().contains("opened fire"));
    let latin = docs.iter().find(|d| d["id"] == "latin").expect("the Latin-1 text stored");
    assert!(latin["text"].as_str().unwrap().starts_with("café"), "{latin}");
}

#[test]
fn an_article_becomes_an_evidenced_incident() {
    let dir = scratch("report");
    std::fs::write(dir.join("report.txt"), REPORT).unwrap();
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, dir.join("report.txt").to_str().unwrap()]);

    let table = ok(&["incidents", "--db", db]);
    assert!(table.contains("armed_assault"), "{table}");
    assert!(table.contains("Peshawar"), "{table}");

    let path = dir.join("incidents.jsonl");
    ok(&["export", "--db", db, "--what", "incidents", "--format", "jsonl", "-o", path.to_str().unwrap()]);
    let incidents = jsonl(&path);
    assert_eq!(incidents.len(), 1, "{incidents:?}");
    let inc = &incidents[0];
    assert_eq!(inc["type"], "armed_assault");
    assert_eq!(inc["country"], "PK");
    assert_eq!(inc["date_start"], "2023-03-11", "Saturday before Sunday 12 March 2023");
    assert_eq!(inc["killed"]["low"], 12);
    assert_eq!(inc["wounded"]["low"], 31);
    assert_eq!(inc["sources"][0], "report");
    // every evidence quote is the slice of the document's text it points at
    let docs_path = dir.join("docs.jsonl");
    ok(&["export", "--db", db, "--what", "documents", "-o", docs_path.to_str().unwrap()]);
    let text = jsonl(&docs_path)[0]["text"].as_str().unwrap().to_string();
    let evidence = inc["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    for e in evidence {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..t], e["quote"].as_str().unwrap());
    }

    let id = inc["id"].as_str().unwrap();
    let shown = ok(&["show", "--db", db, &id[..8]]);
    assert!(shown.contains("killed") && shown.contains("opened fire"), "{shown}");
}

#[test]
fn commands_on_a_missing_database_say_what_to_do() {
    let dir = scratch("missing");
    let db = dir.join("nope.db");
    let out = annalist(&["incidents", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("annalist ingest"));
}

#[test]
fn the_kerman_articles_give_the_kerman_bombing() {
    let Some(corpus) = annalist_testkit::shared("corpus/kerman-2024") else { return };
    let dir = scratch("kerman");
    let db = dir.join("k.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, corpus.to_str().unwrap()]);
    let path = dir.join("incidents.jsonl");
    ok(&["export", "--db", db, "--what", "incidents", "-o", path.to_str().unwrap()]);
    let incidents = jsonl(&path);
    let kerman = incidents
        .iter()
        .find(|i| i["place"] == "Kerman" && i["type"] == "bombing")
        .unwrap_or_else(|| panic!("no Kerman bombing in {incidents:#?}"));
    assert_eq!(kerman["country"], "IR");
    assert_eq!(kerman["date_start"], "2024-01-03");
    assert_eq!(kerman["suicide"], true);
    let killed = kerman["killed"]["low"].as_u64().unwrap();
    assert!((90..=101).contains(&killed), "killed low {killed}");
    assert!(kerman["sources"].as_array().unwrap().len() >= 4);

    let docs = dir.join("docs.jsonl");
    ok(&["export", "--db", db, "--what", "documents", "-o", docs.to_str().unwrap()]);
    let docs = jsonl(&docs);
    let copy = docs.iter().find(|d| d["id"] == "000_223a02e823e94c0a").unwrap();
    assert_eq!(copy["duplicate_of"], "001_20ef21ed89424267", "the truncated syndicated copy points at the full one");
}

#[test]
fn extract_writes_one_line_per_document_without_a_store() {
    let dir = scratch("extract");
    std::fs::write(dir.join("report.txt"), REPORT).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let out = annalist(&["extract", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"), "the skipped input is named");
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "report");
    let frames = lines[0]["frames"].as_array().unwrap();
    assert!(frames.iter().any(|f| f["event_type"] == "armed_assault"), "{frames:?}");
    let text = lines[0]["text"].as_str().unwrap();
    for f in frames {
        let (s, e) =
            (f["sentence"]["start"].as_u64().unwrap() as usize, f["sentence"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["quote"].as_str().unwrap(), "a frame's quote is its sentence");
    }
}

#[test]
fn the_example_corpus_gives_its_four_main_incidents() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let dir = scratch("examples");
    let db = dir.join("e.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, corpus.to_str().unwrap()]);
    let path = dir.join("incidents.jsonl");
    ok(&["export", "--db", db, "--what", "incidents", "-o", path.to_str().unwrap()]);
    let incidents = jsonl(&path);
    let find = |country: &str, day: &str| {
        incidents
            .iter()
            .filter(|i| {
                i["country"] == country && i["date_start"].as_str() <= Some(day) && i["date_end"].as_str() >= Some(day)
            })
            .max_by_key(|i| i["sources"].as_array().map_or(0, |s| s.len()))
            .unwrap_or_else(|| panic!("no incident in {country} on {day}: {incidents:#?}"))
    };
    let manchester = find("GB", "2017-05-22");
    assert_eq!(manchester["type"], "bombing");
    // the ranges across sources that examples/expected.md gives
    let range = |i: &Value, field: &str| (i[field]["low"].as_u64(), i[field]["high"].as_u64());
    assert_eq!(range(manchester, "killed"), (Some(22), Some(22)), "{manchester}");
    assert_eq!(range(manchester, "wounded"), (Some(59), Some(119)), "{manchester}");
    assert!(manchester["perpetrators"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Islamic State" && p["status"] == "claimed"));
    let sources = manchester["sources"].as_array().unwrap();
    assert!(sources.iter().any(|s| s == "03_pennine-gazette-manchester"), "the syndicated copy is a source");
    let paris = find("FR", "2015-11-13");
    assert_eq!(range(paris, "killed"), (Some(121), Some(130)), "{paris}");
    assert_eq!(find("BE", "2016-03-18")["type"], "arrest");
    let easter = find("LK", "2019-04-21");
    assert_eq!(easter["type"], "bombing");
    assert_eq!(range(easter, "killed"), (Some(253), Some(359)), "the revised-down report spans in: {easter}");
}

#[test]
fn the_ledger_exports_as_gtd_and_acled_csv_and_as_geojson() {
    let dir = scratch("formats");
    std::fs::write(dir.join("report.txt"), REPORT).unwrap();
    let db = dir.join("a.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", "--quiet", "--db", db, dir.join("report.txt").to_str().unwrap()]);

    let gtd = ok(&["export", "--db", db, "--what", "incidents", "--format", "gtd-csv"]);
    let mut rows = gtd.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let row: Vec<&str> = rows.next().expect("one incident").split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} column"))];
    assert_eq!((col("iyear"), col("imonth"), col("iday")), ("2023", "3", "11"));
    assert_eq!(col("country_txt"), "Pakistan");
    assert_eq!(col("city"), "Peshawar");
    assert_eq!(col("attacktype1_txt"), "Armed Assault");
    assert_eq!((col("nkill"), col("nwound")), ("12", "31"));

    let acled = ok(&["export", "--db", db, "--what", "incidents", "--format", "acled-csv"]);
    let mut rows = acled.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert!(header.contains(&"sub_event_type") && header.contains(&"fatalities"), "{header:?}");
    assert!(rows.next().unwrap().contains("2023-03-11"));

    let geo: Value =
        serde_json::from_str(&ok(&["export", "--db", db, "--what", "incidents", "--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let point = &geo["features"][0]["geometry"]["coordinates"];
    assert!((point[1].as_f64().unwrap() - 34.0).abs() < 0.5, "Peshawar's latitude: {point}");

    let refused = annalist(&["export", "--db", db, "--what", "documents", "--format", "geojson"]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("only as jsonl"));
}

#[test]
fn extract_then_fuse_gives_the_incidents_of_ingest_then_export() {
    let dir = scratch("fuse");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let corpus = corpus.to_str().unwrap();
    let db = dir.join("a.db");
    let (db, exported, frames, fused) =
        (db.to_str().unwrap(), dir.join("exported.jsonl"), dir.join("frames.jsonl"), dir.join("fused.jsonl"));
    ok(&["ingest", "--quiet", "--db", db, corpus]);
    ok(&["export", "--db", db, "--what", "incidents", "-o", exported.to_str().unwrap()]);
    ok(&["extract", corpus, "-o", frames.to_str().unwrap()]);
    ok(&["fuse", frames.to_str().unwrap(), "-o", fused.to_str().unwrap()]);
    let (exported, fused) = (jsonl(&exported), jsonl(&fused));
    assert!(!exported.is_empty());
    assert_eq!(exported, fused, "same incidents, ids, values and order");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn incidents_and_export_take_the_workbench_filters() {
    let dir = scratch("filters");
    let db = dir.join("f.db");
    let db = db.to_str().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    ok(&["ingest", "--quiet", "--db", db, corpus.to_str().unwrap()]);
    let all = ok(&["export", "--db", db, "--what", "incidents"]).lines().count();
    let french = ok(&["export", "--db", db, "--what", "incidents", "--country", "fr"]);
    let french: Vec<Value> = french.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!french.is_empty() && french.len() < all, "{} of {all}", french.len());
    assert!(french.iter().all(|i| i["country"] == "FR"), "{french:?}");
    let deadly = ok(&["export", "--db", db, "--what", "incidents", "--min-killed", "100", "--format", "acled-csv"]);
    assert!(deadly.lines().count() >= 2, "a header and the deadly rows: {deadly}");
    let none = ok(&["export", "--db", db, "--what", "incidents", "--from", "2090-01-01", "--format", "gtd-csv"]);
    assert_eq!(none.lines().count(), 1, "the header alone: {none}");
    let listed = ok(&["incidents", "--db", db, "--country", "FR"]);
    assert!(listed.contains("FR"), "{listed}");
    let refused = annalist(&["incidents", "--db", db, "--type", "riot"]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("bombing"));
}

#[test]
fn an_undated_text_is_stored_and_counted_and_date_gives_it_a_day() {
    let dir = scratch("undated");
    let text = dir.join("note.txt");
    std::fs::write(&text, "Gunmen attacked a police post in Quetta, killing four officers, police said.\n").unwrap();
    let db = dir.join("u.db");
    let out = annalist(&["ingest", "--db", db.to_str().unwrap(), text.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("1 stored without a date"), "{said}");
    let db2 = dir.join("d.db");
    let out = annalist(&["ingest", "--db", db2.to_str().unwrap(), "--date", "2024-03-05", text.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !said.contains("without a date"), "{said}");
    let docs = ok(&["export", "--db", db2.to_str().unwrap(), "--what", "documents"]);
    assert!(docs.contains("2024-03-05"), "{docs}");
}

#[test]
fn text_finds_incidents_by_stemmed_words_of_their_evidence_and_holds_after_reingest() {
    let dir = scratch("text");
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    let first = dir.join("first");
    std::fs::create_dir_all(&first).unwrap();
    std::fs::write(first.join("peshawar.txt"), REPORT).unwrap();
    ok(&["ingest", "--quiet", "--db", db, first.to_str().unwrap()]);
    let ids = |words: &str| -> Vec<String> {
        let out = ok(&["export", "--db", db, "--what", "incidents", "--text", words]);
        out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect()
    };
    let found = ids("gunmen crowds markets");
    assert_eq!(found.len(), 1, "'crowded market' in a quote, stemmed");
    assert!(ids("Peshawar").len() == 1 && ids("Quetta").is_empty());
    // a second report of the same attack and an unrelated one arrive: the index follows
    let second = dir.join("second");
    std::fs::create_dir_all(&second).unwrap();
    std::fs::write(
        second.join("peshawar-update.txt"),
        "Death toll in Peshawar market attack rises\nPESHAWAR, 13 March 2023 — The death toll from Saturday's \
         gun attack on a market in Peshawar, Pakistan, rose to 15, hospital officials said.\n",
    )
    .unwrap();
    std::fs::write(
        second.join("quetta.txt"),
        "Bomb hits bus in Quetta\nQUETTA, 20 March 2023 — A roadside bomb struck a bus in Quetta, Pakistan, \
         on Monday, killing four passengers, police said.\n",
    )
    .unwrap();
    ok(&["ingest", "--quiet", "--db", db, first.to_str().unwrap(), second.to_str().unwrap()]);
    assert_eq!(ids("gunmen crowds markets"), found, "the same incident, found once");
    assert_eq!(ids("passenger").len(), 1, "the new incident is searchable");
    assert!(ids("passenger gunmen").is_empty(), "all words of one incident");
}
