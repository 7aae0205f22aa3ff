//! The relevance model's data (does an article report a violent incident, arrest or plot?),
//! every text read as `annalist ingest` reads it (`read_as_ingest`), from the training splits
//! of the evaluation kit only:
//!
//! - MUC-4 `dev_train1300`, `tst1`, `tst2`: a message with a template reports one, a message
//!   whose only template is `*` (irrelevant) does not;
//! - GTD `train.jsonl` and `dev.jsonl`: every summary reports one;
//! - CASE 2021 task 2, rows on even line numbers (header = line 0): a snippet of a violent
//!   subtype reports one, one of a plainly non-violent subtype (agreements, diplomacy,
//!   disasters, peaceful protest, ...) does not, the rest are left out;
//! - WikiEvents, all 40 articles (the kit gives all 40 for development; long news on bombings,
//!   as modern web news is written): every one reports one;
//! - BBC, the even-numbered files of `business`, `entertainment`, `sport` and `tech`: none does.
//!
//! Never the BBC `politics` section or an odd-numbered file, MUC-4 `tst3`/`tst4`, GTD test or
//! ACLED. The dev hold-out is GTD `dev.jsonl` and a fifth of the rest, by a stable hash of the
//! id (FNV-1a); MUC-4 `tst3` + `tst4` (`muc4_test`) is the test, run and reported only.

use super::read_as_ingest;
use annalist_model::Article;
use rayon::prelude::*;
use serde_json::Value;

const DATA: &str = "../shared/eval/data";

/// One labelled article of the pool.
pub struct Example {
    pub article: Article,
    /// The set it came from ("muc4", "gtd", "case2021", "bbc-sport", ...).
    pub source: &'static str,
    pub reported: bool,
    /// In the dev hold-out (tuning), else training.
    pub dev: bool,
}

/// The dev hold-out by a stable hash of the id: a fifth of the items.
pub fn held_out(id: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(5)
}

/// CASE 2021 subtypes that report violence, an arrest or a plot, and those that plainly do not.
const CASE_VIOLENT: &[&str] = &[
    "ABDUCT_DISSAP",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARREST",
    "ART_MISS_ATTACK",
    "ATTACK",
    "CHEM_WEAP",
    "DISR_WEAP",
    "FORCE_AGAINST_PROTEST",
    "GRENADE",
    "MOB_VIOL",
    "REM_EXPLOS",
    "SUIC_BOMB",
];
const CASE_PEACEFUL: &[&str] = &[
    "AGREEMENT",
    "DIPLO",
    "HQ_ESTABLISHED",
    "MAN_MADE_DISASTER",
    "NATURAL_DISASTER",
    "NON_VIOL_TERRIT_TRANSFER",
    "PEACE_PROTEST",
    "CHANGE_TO_GROUP_ACT",
];

fn read_file(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// One read text, or a note naming it where the reader gave none.
fn one(name: &str, bytes: Vec<u8>) -> Option<Article> {
    match read_as_ingest(name, bytes).pop() {
        Some(Ok(a)) => Some(a),
        other => {
            eprintln!("relevance data: {name} not read: {:?}", other.map(|r| r.err()));
            None
        }
    }
}

/// MUC-4 messages of `splits` as `ID.txt` files holding their text as given, with whether a
/// template says they report an incident.
pub fn muc4(splits: &[&str]) -> Vec<(Article, bool)> {
    let mut rows: Vec<Value> = Vec::new();
    for split in splits {
        let path = format!("{DATA}/muc4/muc34_jsonl/{split}.jsonl");
        let text = String::from_utf8_lossy(&read_file(&path)).into_owned();
        rows.extend(text.lines().filter_map(|l| serde_json::from_str(l).ok()));
    }
    rows.par_iter()
        .filter_map(|v| {
            let id = v["docid"].as_str()?;
            let reported = v["templates"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t["1. MESSAGE: TEMPLATE"].as_array().is_some_and(|a| a.iter().any(|x| x != "*")));
            Some((one(&format!("{id}.txt"), v["text"].as_str()?.as_bytes().to_vec())?, reported))
        })
        .collect()
}

/// The whole training pool, in a fixed order.
pub fn pool() -> Vec<Example> {
    let mut out = Vec::new();
    for (article, reported) in muc4(&["dev_train1300", "tst1", "tst2"]) {
        let dev = held_out(&article.id);
        out.push(Example { article, source: "muc4", reported, dev });
    }
    for (split, dev) in [("train", false), ("dev", true)] {
        let path = format!("{DATA}/gtd/{split}.jsonl");
        for article in read_as_ingest(&format!("{split}.jsonl"), read_file(&path)).into_iter().flatten() {
            out.push(Example { article, source: "gtd", reported: true, dev });
        }
    }
    for half in ["dev", "test"] {
        let path = format!("{DATA}/wikievents/data/wikievents/{half}.jsonl");
        let text = String::from_utf8_lossy(&read_file(&path)).into_owned();
        for v in text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
            let sentences: Vec<&str> =
                v["sentences"].as_array().into_iter().flatten().filter_map(|s| s[1].as_str()).collect();
            let id = v["doc_id"].as_str().unwrap_or("?");
            // the gold format's sentences as one JSON Lines record, a paragraph each
            let record = serde_json::json!({"id": id, "text": sentences.join("\n\n")}).to_string();
            if let Some(article) = one("wikievents.jsonl", record.into_bytes()) {
                let dev = held_out(&article.id);
                out.push(Example { article, source: "wikievents", reported: true, dev });
            }
        }
    }
    let path = format!("{DATA}/case2021-task2/task2/test_dataset/test_set_final_release_with_labels.tsv");
    let table = String::from_utf8_lossy(&read_file(&path)).into_owned();
    for (n, line) in table.lines().enumerate().filter(|(n, _)| *n > 0 && n.is_multiple_of(2)) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(snippet), Some(kind)) = (cols.get(1), cols.get(2)) else { continue };
        let reported = if CASE_VIOLENT.contains(kind) {
            true
        } else if CASE_PEACEFUL.contains(kind) {
            false
        } else {
            continue;
        };
        // the gold format as a JSON Lines record, read by the product's reader
        let record = serde_json::json!({"id": format!("case2021-{n}"), "text": snippet}).to_string();
        if let Some(article) = one("case2021.jsonl", record.into_bytes()) {
            let dev = held_out(&article.id);
            out.push(Example { article, source: "case2021", reported, dev });
        }
    }
    for (section, source) in [
        ("business", "bbc-business"),
        ("entertainment", "bbc-entertainment"),
        ("sport", "bbc-sport"),
        ("tech", "bbc-tech"),
    ] {
        let dir = format!("{DATA}/bbc-news/bbc/{section}");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.strip_suffix(".txt").and_then(|s| s.parse::<u32>().ok()).is_some_and(|n| n.is_multiple_of(2)))
            .collect();
        names.sort();
        let read: Vec<Option<Article>> = names.par_iter().map(|n| one(n, read_file(&format!("{dir}/{n}")))).collect();
        for mut article in read.into_iter().flatten() {
            // ids as ingest gives them to a folder of sections: the section qualifies the stem
            article.id = format!("{section}/{}", article.id);
            let dev = held_out(&article.id);
            out.push(Example { article, source, reported: false, dev });
        }
    }
    out
}
