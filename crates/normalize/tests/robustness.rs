//! Any text, however odd, is scanned without a panic and gives spans on char boundaries.

use annalist_normalize::{find_quantities, find_times, TimeOptions, TimeValue};
use chrono::NaiveDate;

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const PIECES: &[&str] = &[
    "January",
    "Jan",
    ".",
    ",",
    "3",
    "31",
    "2024",
    "99999999999999999999999",
    "mid",
    "-",
    "–",
    "late",
    "the",
    "next",
    "day",
    "last",
    "Wednesday",
    "since",
    "past",
    "few",
    "weeks",
    "nearly",
    "more",
    "than",
    "dozens",
    "of",
    "thousands",
    "tens",
    "’",
    "'",
    "s",
    "1990",
    "/",
    ":",
    "$",
    "1,200",
    "1.2",
    "million",
    "between",
    "and",
    "to",
    "a",
    "dozen",
    "ago",
    "summer",
    "early",
    "é",
    "日本",
    "🙂",
    "\u{0}",
    "\n",
    " ",
    "  ",
    "twenty",
    "one",
    "hundred",
    "0",
    "00",
    "29",
    "February",
    "9999",
    "-9",
    "up",
    "at",
    "least",
    "May",
    "may",
];

fn check(text: &str) {
    for reference in
        [None, NaiveDate::from_ymd_opt(2024, 1, 12), NaiveDate::from_ymd_opt(1, 1, 1), NaiveDate::MAX.into()]
    {
        for day_first in [false, true] {
            let found = find_times(text, reference, &TimeOptions { day_first });
            for e in &found {
                assert!(text.get(e.span.start..e.span.end).is_some(), "{text:?}: {e:?}");
                if let TimeValue::Interval(iv) = e.value {
                    assert!(iv.start <= iv.end);
                }
            }
        }
    }
    for q in find_quantities(text) {
        assert!(text.get(q.span.start..q.span.end).is_some(), "{text:?}: {q:?}");
        assert!(q.count.high.is_none_or(|h| h >= q.count.low), "{text:?}: {q:?}");
    }
}

/// How many random texts each test feeds; `ANNALIST_FUZZ_ROUNDS` raises it for a longer run.
fn rounds(default: usize) -> usize {
    std::env::var("ANNALIST_FUZZ_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_token_soups_never_panic() {
    let mut rng = Lcg(7);
    for _ in 0..rounds(3_000) {
        let n = rng.next() % 14;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(PIECES[(rng.next() as usize) % PIECES.len()]);
            if !rng.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        check(&text);
    }
}

#[test]
fn random_characters_never_panic() {
    let mut rng = Lcg(11);
    for _ in 0..rounds(2_000) {
        let n = rng.next() % 40;
        let text: String = (0..n).filter_map(|_| char::from_u32((rng.next() % 0x3000) as u32)).collect();
        check(&text);
    }
}

#[test]
fn empty_and_edge_texts_give_nothing() {
    for text in ["", " ", "\u{FEFF}", "-", "..."] {
        check(text);
        assert!(find_quantities(text).is_empty());
    }
}
