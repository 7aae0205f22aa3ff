//! How much of real input text survives the reader, as `annalist ingest` reads it: for each set
//! of the evaluation kit, the documents stored and skipped, the words kept (words of the cleaned
//! bodies over words of the input bodies) and the publication days read.
//!
//! - ACLED Asia 2015 coders' notes, as JSON Lines records (`id`, `text`) and as the CSV file
//!   ACLED ships (its `NOTES` column);
//! - GTD summaries, the kit's JSON Lines files as they are;
//! - MUC-4's 1,700 wire texts, each a `.txt` file of its text as given (capitals, wrapped,
//!   datelined): days read against the day the dateline states (`10 JAN 90`);
//! - Reuters-21578, its `reut2-*.xml` files as shipped: records stored, empty bodies skipped,
//!   days read against each record's `<DATE>`, words kept over the records with a `<BODY>`.
//!
//!     cargo run --release -p annalist --example reading_eval [-- --root ../shared/eval/data] [--only muc4|acled|gtd|reuters]

mod common;
use common::{read_as_ingest, words};
use rayon::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Tally {
    inputs: usize,
    stored: usize,
    skipped: Vec<String>,
    words_in: usize,
    words_kept: usize,
    dated: usize,
    dated_right: usize,
}

impl Tally {
    fn print(&self, name: &str) {
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        println!(
            "{name}: {} inputs, {} stored, {} skipped; words kept {:.3} ({}/{}); dates read {:.3} ({}/{})",
            self.inputs,
            self.stored,
            self.skipped.len(),
            share(self.words_kept, self.words_in),
            self.words_kept,
            self.words_in,
            share(self.dated_right, self.dated),
            self.dated_right,
            self.dated
        );
        for reason in self.skipped.iter().take(3) {
            println!("  skipped: {}", reason.chars().take(160).collect::<String>());
        }
    }
}

fn acled(root: &Path) -> Tally {
    let path = root.join("acled-asia-2015/acled.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (id, notes) = (col("EVENT_ID_CNTY"), col("NOTES"));
    let mut lines = String::new();
    let mut t = Tally::default();
    for r in reader.records().filter_map(|r| r.ok()) {
        t.inputs += 1;
        t.words_in += words(&r[notes]);
        lines.push_str(&serde_json::json!({"id": &r[id], "text": &r[notes]}).to_string());
        lines.push('\n');
    }
    let mut shipped = Tally { inputs: t.inputs, words_in: t.words_in, ..Tally::default() };
    tally(&mut t, read_as_ingest("acled.jsonl", lines.into_bytes()));
    // and the CSV file as ACLED ships it (its NOTES column is the text)
    tally(&mut shipped, read_as_ingest("acled.csv", std::fs::read(&path).unwrap_or_default()));
    shipped.print("acled notes (csv as shipped)");
    t
}

fn tally(t: &mut Tally, reads: Vec<Result<annalist_model::Article, String>>) {
    for read in reads {
        match read {
            Ok(a) => {
                t.stored += 1;
                t.words_kept += words(&a.text);
            }
            Err(e) => t.skipped.push(e),
        }
    }
}

fn gtd(root: &Path) -> Tally {
    let mut t = Tally::default();
    for split in ["train", "dev", "test"] {
        let path = root.join(format!("gtd/{split}.jsonl"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for line in String::from_utf8_lossy(&bytes).lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            t.inputs += 1;
            t.words_in += words(v["text"].as_str().unwrap_or(""));
        }
        tally(&mut t, read_as_ingest(&format!("{split}.jsonl"), bytes));
    }
    t
}

/// The day a MUC-4 dateline states ("LIMA, 10 JAN 90 (EFE) --"): the gold the reader is held
/// against, read here from the first line alone.
fn muc_dateline_day(text: &str) -> Option<chrono::NaiveDate> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let head = first.split("--").next()?;
    let words: Vec<&str> = head.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].parse().ok()?;
        let month = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            .iter()
            .position(|m| w[1].eq_ignore_ascii_case(m))?;
        let year: i32 = (w[2].len() == 2).then(|| w[2].parse().ok()).flatten()?;
        chrono::NaiveDate::from_ymd_opt(1900 + year, month as u32 + 1, day)
    })
}

fn muc4(root: &Path) -> Tally {
    let mut texts = Vec::new();
    for split in ["dev_train1300", "tst1", "tst2", "tst3", "tst4"] {
        let path = root.join(format!("muc4/muc34_jsonl/{split}.jsonl"));
        let all = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for line in all.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            texts.push((v["docid"].as_str().unwrap_or("?").to_string(), v["text"].as_str().unwrap_or("").to_string()));
        }
    }
    let reads: Vec<_> = texts
        .par_iter()
        .map(|(id, text)| read_as_ingest(&format!("{id}.txt"), text.clone().into_bytes()).pop())
        .collect();
    let mut t = Tally::default();
    for ((_, text), read) in texts.iter().zip(reads) {
        t.inputs += 1;
        t.words_in += words(text);
        let gold = muc_dateline_day(text);
        t.dated += usize::from(gold.is_some());
        match read {
            Some(Ok(a)) => {
                t.stored += 1;
                t.words_kept += words(&a.text);
                t.dated_right += usize::from(gold.is_some() && a.published == gold);
            }
            Some(Err(e)) => t.skipped.push(e),
            None => t.skipped.push("nothing read".into()),
        }
    }
    t
}

fn reuters(root: &Path) -> Tally {
    let dir = root.join("reuters21578/reuters21578-xml");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("reut2-")))
        .collect();
    files.sort();
    let mut t = Tally::default();
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let xml = String::from_utf8_lossy(&bytes).into_owned();
        // the gold: each record's <DATE> and body words, read here from the markup
        let mut gold = std::collections::HashMap::new();
        for record in xml.split("<REUTERS ").skip(1) {
            let Some(newid) = record.split("NEWID=\"").nth(1).and_then(|r| r.split('"').next()) else { continue };
            let body = record.split("<BODY>").nth(1).and_then(|b| b.split("</BODY>").next());
            let dateline = record.split("<DATELINE>").nth(1).and_then(|b| b.split("</DATELINE>").next()).unwrap_or("");
            let date = record
                .split("<DATE>")
                .nth(1)
                .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..11)?.trim(), "%d-%b-%Y").ok());
            t.inputs += 1;
            // words kept are counted over the records with a body (the dateline opens it)
            let body_words = body.map(|b| words(dateline) + words(&b.replace("&lt;", "<").replace("&amp;", "&")));
            t.words_in += body_words.unwrap_or(0);
            gold.insert(format!("reuters-{newid}"), (date, body_words.is_some()));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for read in read_as_ingest(&name, bytes) {
            match read {
                Ok(a) => {
                    t.stored += 1;
                    let (day, has_body) = gold.get(&a.id).copied().unwrap_or((None, false));
                    if has_body {
                        t.words_kept += words(&a.text);
                        if std::env::var_os("READING_SHOW").is_some_and(|v| v == a.id.as_str()) {
                            println!("{}\n---", a.text);
                        }
                    }
                    t.dated += usize::from(day.is_some());
                    t.dated_right += usize::from(day.is_some() && a.published == day);
                }
                Err(e) => t.skipped.push(e),
            }
        }
    }
    t
}

fn main() {
    let mut root = PathBuf::from("../shared/eval/data");
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().unwrap_or_default()),
            "--only" => only = args.next(),
            other => panic!("unknown argument {other:?}"),
        }
    }
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    if wanted("acled") {
        acled(&root).print("acled notes (jsonl)");
    }
    if wanted("gtd") {
        gtd(&root).print("gtd summaries (jsonl)");
    }
    if wanted("muc4") {
        muc4(&root).print("muc4 texts (.txt)");
    }
    if wanted("reuters") {
        reuters(&root).print("reuters-21578 (xml)");
    }
}
