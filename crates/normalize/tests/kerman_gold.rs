//! Every date of the Kerman development gold (`../shared/eval/kerman-2024.gold.jsonl`) comes out
//! of the normaliser with the right interval, read from the real article sentence that states it.
//!
//! The articles are not part of this repository; they are read from the shared evaluation kit
//! next to the workspace. Where the kit is absent the test says so and checks nothing.

use annalist_model::DatePrecision;
use annalist_normalize::{find_times, TimeKind, TimeOptions, TimeValue};
use chrono::NaiveDate;
use std::path::PathBuf;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn corpus() -> PathBuf {
    annalist_testkit::root().join("corpus/kerman-2024")
}

/// The sentence of document `doc` that holds `words` (cut at full stops and line breaks).
fn sentence_with(doc: &str, words: &str) -> Option<String> {
    let text = std::fs::read_to_string(corpus().join(format!("{doc}.txt"))).ok()?;
    let at = text.find(words)?;
    let start = text[..at].rfind(['\n', '.']).map_or(0, |i| i + 1);
    let end = text[at + words.len()..].find(['\n', '.']).map_or(text.len(), |i| at + words.len() + i);
    Some(text[start..end].to_string())
}

/// A gold incident, the document, its publication date as the reference, the date words, and
/// the interval they give (inside the gold interval; narrower where the words are).
type Case = (&'static str, &'static str, &'static str, &'static str, (&'static str, &'static str));

const CASES: &[Case] = &[
    ("kerman-bombings", "000_223a02e823e94c0a", "2024-01-12", "On January 3, 2024", ("2024-01-03", "2024-01-03")),
    ("kerman-bombings", "001_20ef21ed89424267", "2024-01-12", "On Jan. 3, 2024", ("2024-01-03", "2024-01-03")),
    // The Dispatch piece ran the Wednesday after the attack.
    ("kerman-bombings", "002_2f1e8d4f56e975e3", "2024-01-10", "last Wednesday", ("2024-01-03", "2024-01-03")),
    ("kerman-bombings", "003_3569284ef16430e3", "2024-01-31", "On January 3, two", ("2024-01-03", "2024-01-03")),
    ("kerman-bombings", "004_f9b7d2b55e2429b9", "2024-01-20", "On January 3rd in Kerman", ("2024-01-03", "2024-01-03")),
    ("shah-cheragh-2022", "000_223a02e823e94c0a", "2024-01-12", "in October 2022", ("2022-10-01", "2022-10-31")),
    ("shah-cheragh-2022", "003_3569284ef16430e3", "2024-01-31", "In late October 2022", ("2022-10-16", "2022-10-31")),
    ("shah-cheragh-2023", "001_20ef21ed89424267", "2024-01-12", "and August 2023", ("2023-08-01", "2023-08-31")),
    ("shah-cheragh-2023", "003_3569284ef16430e3", "2024-01-31", "In August 2023", ("2023-08-01", "2023-08-31")),
    ("jalal-abad-plot", "002_2f1e8d4f56e975e3", "2024-01-10", "in late December", ("2023-12-16", "2023-12-31")),
    ("soleimani-killing", "000_223a02e823e94c0a", "2024-01-12", "drone strike in 2020", ("2020-01-01", "2020-12-31")),
    ("germany-arrests-2020", "001_20ef21ed89424267", "2024-01-12", "in April 2020", ("2020-04-01", "2020-04-30")),
    (
        "germany-netherlands-arrests-2023",
        "002_2f1e8d4f56e975e3",
        "2024-01-10",
        "Over the summer",
        ("2023-06-01", "2023-08-31"),
    ),
    (
        "europe-holiday-plot-arrests-2023",
        "002_2f1e8d4f56e975e3",
        "2024-01-10",
        "In the past few weeks",
        ("2023-12-13", "2024-01-10"),
    ),
    ("iran-attacks-2017", "004_f9b7d2b55e2429b9", "2024-01-20", "in 2017 and 2022", ("2017-01-01", "2017-12-31")),
];

/// The gold intervals, for the containment check.
fn gold(key: &str) -> (NaiveDate, NaiveDate) {
    let path =
        annalist_testkit::shared("eval/kerman-2024.gold.jsonl").expect("the gold file is here when the corpus is");
    let text = std::fs::read_to_string(path).expect("the gold file is readable when the corpus is");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("gold lines are JSON");
        if v["key"] == key {
            return (d(v["date"][0].as_str().unwrap()), d(v["date"][1].as_str().unwrap()));
        }
    }
    panic!("no gold incident {key}");
}

#[test]
fn every_gold_date_is_read_from_its_sentence() {
    if annalist_testkit::shared("corpus/kerman-2024").is_none() {
        return;
    }
    for &(key, doc, published, words, (start, end)) in CASES {
        let sentence = sentence_with(doc, words).unwrap_or_else(|| panic!("{doc} has no sentence with {words:?}"));
        let found = find_times(&sentence, Some(d(published)), &TimeOptions::default());
        let at = sentence.find(words).unwrap();
        let hit = found
            .iter()
            .find(|e| e.span.start >= at && e.span.start < at + words.len())
            .unwrap_or_else(|| panic!("{key}: no time expression in {words:?} of {sentence:?}: {found:?}"));
        let TimeValue::Interval(iv) = hit.value else { panic!("{key}: {hit:?} is not an interval") };
        assert_eq!((iv.start, iv.end), (d(start), d(end)), "{key} from {words:?}");
        let (gold_start, gold_end) = gold(key);
        assert!(gold_start <= iv.start && iv.end <= gold_end, "{key}: {iv:?} lies outside the gold interval");
        if key == "europe-holiday-plot-arrests-2023" {
            assert_eq!(hit.kind, TimeKind::Duration);
        } else {
            assert_eq!(hit.kind, TimeKind::Date);
        }
        if start == end {
            assert_eq!(iv.precision, DatePrecision::Day);
        }
    }
}
