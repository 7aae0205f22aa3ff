//! Conformance against the Microsoft Recognizers-Text English specs.
//!
//!     cargo run -p annalist-normalize --release --example recognizers_conformance [SPECS_DIR] [-v FILE]
//!
//! SPECS_DIR defaults to `../shared/eval/data/recognizers/Specs` next to the workspace.
//! With `-v FILE` the failed cases of that file are printed.
//!
//! What is in scope, per file:
//! - DateTimeModel, Date*, DatePeriod*: cases whose expected results are all dates or date
//!   ranges (so no clock times, durations, sets or time zones), including cases that expect
//!   nothing. Cases the reference .NET implementation itself does not support
//!   (`NotSupported` naming dotnet) are left out.
//! - DateTime*: cases whose expected datetime text names a day in words or digits (a month, a
//!   weekday, today/tomorrow/yesterday/tonight, a numeric date); only that day is checked, not
//!   the clock time. Datetimes that are clock times on an implied day ("in 5 hours", "8am this
//!   morning", "now") are out of scope.
//! - NumberModel: cases whose expected numbers are all whole and not negative (a count is),
//!   whatever subtype Recognizers gives them ("5.00", "2.33 k", "3 hundred and 21"), and cases
//!   that expect nothing. Left out: negative numbers and numbers that are not whole ("-1",
//!   "4.22", "two thirds"), which count nothing; fractions that come out whole as ratios
//!   ("twenty fifths" is 4) rather than as part of a scale of a thousand or more (in scope:
//!   "five and a half million", "half a million"); powers ("1e10", "1.1^23"), a notation for
//!   measurements; numbers glued to other characters (ids such as "SCP-173", phone numbers,
//!   "$10000") or in a dotted run of digits ("192.168.1.2"), which annalist reads as not counts
//!   by design.
//! - NumberRangeModel: cases whose ranges have integer bounds that are not negative and are
//!   not ordinals ("between the tenth and the fifteenth" ranks, it does not count). "equal to
//!   170" is the range [170, 170] to Recognizers and an exact count to annalist: an exact
//!   count whose words begin with "equal" is compared as that range.
//!
//! Number cases in scope that fail, by choice or as known gaps: "1m" (a million to annalist,
//! as in "77m people"; not a number to Recognizers); "10G" and "1,674.5 G" (a "g" after digits
//! is grams or a network generation in news); "1.2b" (a lone lower-case "b" after digits is
//! read as a name, "802.11b", not a billion); "two million and three fifths" (fifths are not
//! read); "from 200 to 300 in 2008" (a range of counts to annalist; Recognizers reads clock
//! times there and expects nothing).
//!
//! A case passes when every expected result is overlapped by one result of ours with the same
//! value (for parsers and models) and every result of ours overlaps an expected one. Spans are
//! compared by overlap, not exactly: annalist includes hedges in a count's span, and leaves out
//! prepositions that Recognizers sometimes keeps. Dates resolve towards the past (news reports
//! what happened), so a date matches when it equals the past or the future resolution.
//!
//! Failed cases are counted by why: `missed` (an expected result nothing of ours overlaps),
//! `spurious` (a result of ours where none is expected), `value` (overlapping, other value).
//! Many `value` and `missed` failures of the date files are conventions annalist keeps on
//! purpose, for news (see the crate's documentation), and are counted as failed:
//! - "last Wednesday" is the latest Wednesday before the article (Recognizers: the Wednesday of
//!   last week), and "last September" seen from November is this year's: a report on Friday
//!   about "last Wednesday" means two days before.
//! - "two months ago", "two years ago" are that calendar month or year, "a few days ago" two to
//!   four days back (Recognizers: one day): an event "two months ago" is seldom on that very
//!   day, and the interval must hold the day it was on.
//! - "the past two decades" counts back twenty years from the article's date (Recognizers:
//!   1990–2009 seen from 2016); "earlier this month" runs to the article's date.
//! - "in two weeks", "within 5 days", "in 3 years" are read as dates only in a clause that
//!   speaks of the future ("will", "'ll"; Recognizers: always): in news they are as often how
//!   long something took ("killed 40 in two days").
//! - "the same week", "that weekend", "that year" refer to a time named before, not to the
//!   article's week (Recognizers: the reference's), and are not read.
//! - A date without a year, a lone month or holiday, "the weekend" resolve to the past (news
//!   reports what happened); some cases of the model file give only the future reading. In a
//!   clause that speaks of the future ("will", "'ll", "please") a day without a year, a lone
//!   weekday or holiday is the nearest either way, so "3 weeks after Christmas" said in spring
//!   is still last Christmas's (Recognizers: the next).
//!
//! Days that do not exist ("Feb 30", "2/29/2019", "the fifth Sunday" of a month with four) are
//! read as their month; Recognizers extracts them without a value (`not resolved` in the
//! model file, the empty date 0001-01-01 in the parser files), which any value of ours matches.
//!
//! In the DatePeriod files, which annotate periods only, a single day of ours where nothing is
//! expected is not counted against a case ("in 3 weeks" is a date, not a period, to them).
//!
//! No case of the date files is left out for failing: beyond the scope above (clock times,
//! durations, sets and time zones in the model file; datetimes without a named day), every case
//! counts. The run prints these exclusions after its table.

use annalist_model::CountRange;
use annalist_normalize::{find_quantities, find_times, Qualifier, TimeOptions, TimeValue};
use chrono::{Days, NaiveDate};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq)]
enum Family {
    DateModel,
    DateExtractor,
    DateParser,
    DateTimeExtractor,
    DateTimeParser,
    NumberModel,
    NumberRange,
}

const FILES: &[(&str, Family)] = &[
    ("DateTime/English/DateTimeModel.json", Family::DateModel),
    ("DateTime/English/DateExtractor.json", Family::DateExtractor),
    ("DateTime/English/DateParser.json", Family::DateParser),
    ("DateTime/English/DatePeriodExtractor.json", Family::DateExtractor),
    ("DateTime/English/DatePeriodParser.json", Family::DateParser),
    ("DateTime/English/DateTimeExtractor.json", Family::DateTimeExtractor),
    ("DateTime/English/DateTimeParser.json", Family::DateTimeParser),
    ("Number/English/NumberModel.json", Family::NumberModel),
    ("Number/English/NumberRangeModel.json", Family::NumberRange),
];

/// What an expected result says its value is.
#[derive(Debug, Clone)]
enum Want {
    /// Span only (extractors, and values Recognizers leaves unresolved).
    Any,
    /// Alternative day intervals `[start, end]`, `None` for an open side, with Recognizers' own
    /// (exclusive) end day when it gave one.
    Days(Vec<(Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>)>),
    Number(u64),
    /// Inclusive bounds; a second upper bound where Recognizers leaves the upper end of a
    /// two-sided range open ("between 20 and 30" is `[20,30)` to it, 20..=30 to annalist).
    Range(Option<u64>, Option<u64>, Option<u64>),
}

#[derive(Debug, Clone)]
struct Expected {
    start: usize,
    end: usize,
    want: Want,
}

/// One result of ours, in byte offsets, with the values it can be compared by.
#[derive(Debug, Clone)]
struct Got {
    start: usize,
    end: usize,
    days: Option<(NaiveDate, NaiveDate)>,
    numbers: Vec<u64>,
    range: Option<(Option<u64>, Option<u64>)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut verbose: Option<String> = None;
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-v" {
            verbose = it.next().cloned();
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let dir = dir
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/data/recognizers/Specs"));
    println!(
        "{:<30} {:>6} {:>8} {:>7} {:>7} {:>7}   failed as: {:>6} {:>8} {:>6}",
        "file", "cases", "in scope", "passed", "failed", "pass %", "missed", "spurious", "value"
    );
    let (mut all_in, mut all_pass) = (0, 0);
    for &(name, family) in FILES {
        let path = dir.join(name);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                println!("{name}: cannot read {}: {e}", path.display());
                continue;
            }
        };
        let cases: Vec<Value> = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
            Ok(Value::Array(v)) => v,
            _ => {
                println!("{name}: not a JSON array");
                continue;
            }
        };
        let short = name.rsplit('/').next().unwrap_or(name);
        let periods_only = short.starts_with("DatePeriod");
        let show = verbose.as_deref().is_some_and(|v| short.starts_with(v));
        let (mut in_scope, mut passed) = (0, 0);
        let (mut missed, mut spurious, mut value) = (0, 0, 0);
        for case in &cases {
            let Some(expected) = expectations(case, family) else { continue };
            in_scope += 1;
            let input = case["Input"].as_str().unwrap_or("");
            let mut got = ours(input, case, family);
            if periods_only {
                // A date-period file annotates periods only: one day of ours where it expects
                // nothing is not a period it leaves out ("in 3 weeks" is a date to Recognizers).
                got.retain(|g| {
                    g.days.is_none_or(|(s, e)| s != e)
                        || expected.iter().any(|x| overlaps((x.start, x.end), (g.start, g.end)))
                });
            }
            if passes(&expected, &got) {
                passed += 1;
                continue;
            }
            match failure(&expected, &got) {
                Failure::Missed => missed += 1,
                Failure::Spurious => spurious += 1,
                Failure::Value => value += 1,
            }
            if show {
                println!("FAIL {input:?}\n  want {expected:?}\n  got  {got:?}");
            }
        }
        all_in += in_scope;
        all_pass += passed;
        let pct = if in_scope == 0 { 0.0 } else { 100.0 * passed as f64 / in_scope as f64 };
        println!(
            "{:<30} {:>6} {in_scope:>8} {passed:>7} {:>7} {pct:>6.1}%               {missed:>6} {spurious:>8} {value:>6}",
            short.trim_end_matches(".json"),
            cases.len(),
            in_scope - passed
        );
    }
    let pct = if all_in == 0 { 0.0 } else { 100.0 * all_pass as f64 / all_in as f64 };
    println!("{:<30} {:>6} {all_in:>8} {all_pass:>7} {:>7} {pct:>6.1}%", "all", "", all_in - all_pass);
    println!();
    println!("date files, out of scope: cases the .NET implementation does not support; in DateTimeModel,");
    println!("cases expecting a clock time, duration, set or time zone; in DateTime*, datetimes that name no");
    println!("day (\"in 5 hours\"), and only the day is checked. Number files: see the documentation.");
}

fn reference(case: &Value) -> NaiveDate {
    case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2016, 11, 7).expect("a valid day"))
}

fn day(v: &Value) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.as_str()?.get(..10)?, "%Y-%m-%d").ok()
}

/// Recognizers' ranges end on the day after; ours end on the last day.
fn exclusive_end(v: &Value) -> Option<NaiveDate> {
    day(v).and_then(|d| d.checked_sub_days(Days::new(1)))
}

/// Byte offsets of the char range `[start, end)` of `input`.
fn bytes_of(input: &str, start: usize, end: usize) -> (usize, usize) {
    let at = |c: usize| input.char_indices().nth(c).map_or(input.len(), |(b, _)| b);
    (at(start), at(end))
}

fn not_by_dotnet(case: &Value) -> bool {
    case["NotSupported"].as_str().is_some_and(|s| s.to_lowercase().contains("dotnet"))
}

/// The expected results of a case, or `None` when the case is out of scope.
fn expectations(case: &Value, family: Family) -> Option<Vec<Expected>> {
    if not_by_dotnet(case) {
        return None;
    }
    let input = case["Input"].as_str()?;
    let results = case["Results"].as_array()?;
    let mut out = Vec::new();
    for r in results {
        let kind = r["TypeName"].as_str().or_else(|| r["Type"].as_str()).unwrap_or("");
        let start = r["Start"].as_u64()? as usize;
        let end = match r["End"].as_u64() {
            Some(e) => e as usize + 1,
            None => start + r["Length"].as_u64()? as usize,
        };
        let (start, end) = bytes_of(input, start, end);
        let want = match family {
            Family::DateModel => {
                if kind != "datetimeV2.date" && kind != "datetimeV2.daterange" {
                    return None;
                }
                let values = r["Resolution"]["values"].as_array()?;
                let mut alts = Vec::new();
                for v in values {
                    if v["value"].as_str() == Some("not resolved") {
                        continue;
                    }
                    if v["type"] == "date" {
                        alts.push((day(&v["value"]), day(&v["value"]), None));
                    } else {
                        alts.push((day(&v["start"]), exclusive_end(&v["end"]), day(&v["end"])));
                    }
                }
                if alts.is_empty() {
                    Want::Any
                } else {
                    Want::Days(alts)
                }
            }
            Family::DateExtractor | Family::DateTimeExtractor => {
                if family == Family::DateExtractor && kind != "date" && kind != "daterange" {
                    return None;
                }
                if family == Family::DateTimeExtractor && !names_a_day(&r["Text"]) {
                    return None;
                }
                Want::Any
            }
            Family::DateParser => {
                let v = &r["Value"];
                let mut alts = Vec::new();
                for res in [&v["PastResolution"], &v["FutureResolution"]] {
                    if kind == "date" {
                        alts.push((day(&res["date"]), day(&res["date"]), None));
                    } else {
                        alts.push((day(&res["startDate"]), exclusive_end(&res["endDate"]), day(&res["endDate"])));
                    }
                }
                // 0001-01-01 is Recognizers' empty date: the span found, no value given
                // ("Feb 30"), as "not resolved" is in the model file.
                let empty = NaiveDate::from_ymd_opt(1, 1, 1);
                alts.retain(|a| (a.0.is_some() || a.1.is_some()) && a.0 != empty);
                if alts.is_empty() {
                    Want::Any
                } else {
                    Want::Days(alts)
                }
            }
            Family::DateTimeParser => {
                let v = &r["Value"];
                let timex = v["Timex"].as_str().unwrap_or("");
                if !timex_names_a_day(timex) || !names_a_day(&r["Text"]) {
                    return None;
                }
                let alts: Vec<_> = [&v["PastResolution"]["dateTime"], &v["FutureResolution"]["dateTime"]]
                    .into_iter()
                    .filter_map(day)
                    .map(|d| (Some(d), Some(d), None))
                    .collect();
                Want::Days(alts)
            }
            Family::NumberModel => {
                let res = &r["Resolution"];
                // whole and not negative, whatever the subtype says ("5.00", "2.33 k")
                let n: u64 = res["value"].as_str()?.parse().ok()?;
                match res["subtype"].as_str() {
                    Some("power") => return None,
                    Some("fraction") if !names_a_large_scale(r["Text"].as_str().unwrap_or("")) => return None,
                    _ => {}
                }
                if glued(input, start, end) {
                    return None;
                }
                Want::Number(n)
            }
            Family::NumberRange => {
                if names_an_ordinal(r["Text"].as_str().unwrap_or("")) {
                    return None;
                }
                let value = r["Resolution"]["value"].as_str()?;
                let (low, high) = parse_range(value)?;
                let inclusive_high = (low.is_some() && value.ends_with(')')).then(|| high.map(|h| h + 1)).flatten();
                Want::Range(low, high, inclusive_high)
            }
        };
        out.push(Expected { start, end, want });
    }
    if family == Family::DateTimeParser || family == Family::DateTimeExtractor {
        // A datetime file has no negative cases; a case with no dated result is out of scope.
        if out.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// A datetime timex that begins with a date: "2016-11-07T22", "XXXX-10-23T07", "XXXX-WXX-1T08".
fn timex_names_a_day(timex: &str) -> bool {
    let b = timex.as_bytes();
    b.len() >= 10 && (b[..4].iter().all(u8::is_ascii_digit) || &b[..4] == b"XXXX") && b[4] == b'-'
}

/// Whether the text of a datetime extraction names a day: a month, a weekday, a day word or digits with separators.
fn names_a_day(text: &Value) -> bool {
    let t = text.as_str().unwrap_or("").to_lowercase();
    let words = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
    ];
    words.iter().any(|w| t.contains(w)) || t.contains('/') || t.matches('-').count() >= 2
}

/// A number glued to characters other than spaces and sentence punctuation ("SCP-173",
/// "$10000", "+1-222"), or one of a dotted run of digits ("192.168.1.2": an address, not a count).
fn glued(input: &str, start: usize, end: usize) -> bool {
    let mut before = input.get(..start).unwrap_or("").chars().rev();
    let mut after = input.get(end..).unwrap_or("").chars();
    let (b, bb) = (before.next(), before.next());
    let (a, aa) = (after.next(), after.next());
    let loose = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ".,;!?\"'()".contains(c));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let dotted = (b == Some('.') && digit(bb)) || (a == Some('.') && digit(aa));
    !loose(b) || !loose(a) || dotted
}

/// Whether a range's text has an ordinal for a bound ("between the tenth and the fifteenth"):
/// ranks, not counts.
fn names_an_ordinal(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(annalist_normalize::is_ordinal)
}

/// Whether a fraction's text is of a scale of a thousand or more ("five and a half million",
/// "half a million"): a whole count, unlike the ratios "twenty fifths" (4) or "one hundred and
/// thirty fifths" (26).
fn names_a_large_scale(text: &str) -> bool {
    let scales = ["thousand", "million", "billion", "trillion", "lakh", "crore"];
    text.split(|c: char| !c.is_alphabetic()).any(|w| scales.contains(&w.to_lowercase().as_str()))
}

/// "[20,100)" → (20, 99); "(,170)" → (None, 169); non-integer or negative bounds → out of scope.
fn parse_range(v: &str) -> Option<(Option<u64>, Option<u64>)> {
    let open_low = v.starts_with('(');
    let open_high = v.ends_with(')');
    let inner = v.get(1..v.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let bound = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            return Some(None);
        }
        s.parse::<u64>().ok().map(Some)
    };
    let (a, b) = (bound(a)?, bound(b)?);
    let low = match a {
        Some(a) if open_low => Some(a + 1),
        other => other,
    };
    let high = match b {
        Some(b) if open_high => Some(b.checked_sub(1)?),
        other => other,
    };
    Some((low, high))
}

fn ours(input: &str, case: &Value, family: Family) -> Vec<Got> {
    match family {
        Family::NumberModel | Family::NumberRange => find_quantities(input)
            .into_iter()
            .filter_map(|q| {
                let numbers = stated_numbers(q.count, q.qualifier);
                // "equal to 170" is the range [170, 170] to Recognizers, an exact count to annalist
                let equal = q.qualifier == Qualifier::Exact
                    && q.span.slice(input).get(..5).is_some_and(|w| w.eq_ignore_ascii_case("equal"));
                let ranged =
                    equal || !matches!(q.qualifier, Qualifier::Exact | Qualifier::Approximate | Qualifier::Vague);
                if family == Family::NumberRange && !ranged {
                    return None;
                }
                let low = (q.count.low > 0 || q.qualifier == Qualifier::Range).then_some(q.count.low);
                Some(Got {
                    start: q.span.start,
                    end: q.span.end,
                    days: None,
                    numbers,
                    range: Some((low, q.count.high)),
                })
            })
            .collect(),
        _ => {
            let r = reference(case);
            find_times(input, Some(r), &TimeOptions::default())
                .into_iter()
                .map(|e| {
                    let days = match e.value {
                        TimeValue::Interval(iv) => Some((iv.start, iv.end)),
                        TimeValue::RelativeToEvent { days } => {
                            let d = if days >= 0 {
                                r.checked_add_days(Days::new(days as u64))
                            } else {
                                r.checked_sub_days(Days::new(days.unsigned_abs()))
                            };
                            d.map(|d| (d, d))
                        }
                    };
                    Got { start: e.span.start, end: e.span.end, days, numbers: vec![], range: None }
                })
                .collect()
        }
    }
}

/// The figures a count was stated with ("more than 300" was stated as 300).
fn stated_numbers(c: CountRange, q: Qualifier) -> Vec<u64> {
    match (q, c.high) {
        (Qualifier::Exact | Qualifier::AtLeast, _) => vec![c.low],
        (Qualifier::Approximate, Some(h)) if h == c.low => vec![c.low],
        (Qualifier::Approximate, Some(h)) => vec![h + 1],
        (Qualifier::MoreThan, _) => vec![c.low.saturating_sub(1)],
        (Qualifier::AtMost, Some(h)) => vec![h],
        (Qualifier::LessThan, Some(h)) => vec![h + 1],
        (Qualifier::Range, Some(h)) => vec![c.low, h],
        _ => vec![],
    }
}

/// Recognizers ends a range before its last named day, week, month or year ("2014 through 2018"
/// ends on 2018-01-01, exclusive; "week 31 to week 35" on the Monday of week 35); annalist
/// includes it. Both readings are accepted.
fn includes_last(raw_end: NaiveDate, e: NaiveDate) -> bool {
    use chrono::Datelike;
    let last_of_week = raw_end.weekday() == chrono::Weekday::Mon && raw_end.checked_add_days(Days::new(6)) == Some(e);
    // the last of a quarter or half named ("q1 of 2017 - q3 of 2018")
    let last_of_months = |n: u32| {
        raw_end.day() == 1 && raw_end.checked_add_months(chrono::Months::new(n)).and_then(|x| x.pred_opt()) == Some(e)
    };
    let last_of_quarter = last_of_months(3) || last_of_months(6);
    let last_of_month =
        e.succ_opt().is_some_and(|n| n.day() == 1) && (e.year(), e.month()) == (raw_end.year(), raw_end.month());
    let last_of_year =
        raw_end.ordinal() == 1 && e.year() == raw_end.year() && e.ordinal() >= 365 && e.month() == 12 && e.day() == 31;
    e == raw_end || last_of_week || last_of_quarter || (raw_end.day() == 1 && (last_of_month || last_of_year))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn value_matches(want: &Want, got: &Got) -> bool {
    match want {
        Want::Any => true,
        Want::Days(alts) => got.days.is_some_and(|(s, e)| {
            alts.iter().any(|&(ws, we, raw)| match (ws, we) {
                (Some(ws), Some(we)) => ws == s && (we == e || raw.is_some_and(|raw| includes_last(raw, e))),
                // open ranges ("since the end of 1989"): the bound that is given
                (Some(ws), None) => ws == s || e.succ_opt() == Some(ws),
                (None, Some(we)) => we == e || s.pred_opt() == Some(we),
                (None, None) => true,
            })
        }),
        Want::Number(n) => got.numbers.contains(n),
        Want::Range(lo, hi, alt) => got.range == Some((*lo, *hi)) || (alt.is_some() && got.range == Some((*lo, *alt))),
    }
}

/// Why a case failed: an expected result nobody overlaps, a result of ours where none is
/// expected, or overlapping results with another value (often a convention that differs).
enum Failure {
    Missed,
    Spurious,
    Value,
}

fn failure(expected: &[Expected], got: &[Got]) -> Failure {
    let missed = expected.iter().any(|x| !got.iter().any(|g| overlaps((x.start, x.end), (g.start, g.end))));
    let spurious = got.iter().any(|g| !expected.iter().any(|x| overlaps((x.start, x.end), (g.start, g.end))));
    if missed {
        Failure::Missed
    } else if spurious {
        Failure::Spurious
    } else {
        Failure::Value
    }
}

fn passes(expected: &[Expected], got: &[Got]) -> bool {
    let every_expected_found = expected
        .iter()
        .all(|x| got.iter().any(|g| overlaps((x.start, x.end), (g.start, g.end)) && value_matches(&x.want, g)));
    let nothing_spurious = got.iter().all(|g| expected.iter().any(|x| overlaps((x.start, x.end), (g.start, g.end))));
    every_expected_found && nothing_spurious
}
