//! Reads the time expressions and the counts in a news text and turns them into values a
//! ledger can hold: a time expression becomes a closed interval of days with a precision
//! ("October 2022" → 2022-10-01..2022-10-31, month), or a day offset from the event the
//! sentence is about ("the next day" → +1); a count becomes a range with the hedge that
//! bounds it ("nearly 100" → 90..99, "more than 300" → 301.., "dozens" → 24..99). Every value
//! carries the byte span it was read from.
//!
//! It is not an extractor: it does not decide which date is the date of an attack or which
//! number counts the dead; it does not read clock times, money, percentages or ordinals; it
//! does no I/O and keeps no state between calls. English only.
//!
//! # Conventions
//! - Relative dates count from the `reference` date (the article's date). Without one they
//!   are not returned; offsets from the event (`TimeValue::RelativeToEvent`) always are.
//! - A month and day without a year ("January 3rd"), a lone month ("in October") and a lone
//!   weekday ("on Tuesday") are the latest such day or month not after the reference; "last
//!   Wednesday" is the latest Wednesday strictly before it. In a clause that speaks of the
//!   future (see "in 2 weeks" below) a month and day, a lone weekday and a holiday are the
//!   nearest such day either way ("will meet on Sunday" said on a Friday is two days on; "will
//!   honour the victims of January 3" said on January 12 is still January 3). A day a month does not have ("February 30", "2/29/2023", "the fifth
//!   Sunday" of a month with four, "the 31st of this month" in November) is that month.
//! - Digits that can only be a date are one even when glued to a name: "report-2002-10-09.xlsx",
//!   "20170302" (eight digits, year first, a valid day from 1900 to 2100).
//! - "early", "mid", "late" (the cuts of the Recognizers-Text specs): days 1–15, 10–20, 16–end of
//!   a month; January–June, May–August, July–December of a year, and the narrower thirds
//!   January–April, May–August, September–December for "the beginning/middle/end of"; Monday–
//!   Wednesday, Tuesday–Friday, Thursday–Sunday of a week; the first, second, third month of a
//!   season; years 0–3, 4–6, 7–9 of a decade. As an end of a range, "the start/middle/end of"
//!   a period is a day: "from the end of March to the middle of September" is 1 April to 15
//!   September, "from 2007 to the start of 2008" is 2007.
//! - Seasons are meteorological, northern hemisphere: spring March–May, summer June–August,
//!   autumn September–November, winter December to February (winter 2023 starts in December
//!   2023). A lone season is the latest one that started on or before the reference.
//! - Durations ("in the past few weeks", "in recent months") end on the reference; "few" and
//!   "recent" reach back 4 units, "several" 7, "a couple of" 2. "the 5 upcoming years", "the 10
//!   previous weeks" are "the next 5 years", "the previous 10 weeks". "to date", "till current
//!   date" are `TimeKind::Until` the reference day; "from March to date" and "the year to date"
//!   run to it. "the past week", "the previous week", "past week" are the seven days up to the
//!   reference; "previous week" and "last week" without "the" the calendar week before.
//! - "next Friday" is the Friday of next week; "this Friday" the one of this week; "this Friday,
//!   June 15" is that date in the year nearest the reference. "three Fridays ago", "two Sundays
//!   from now" count such weekdays back or on. A weekday after a counted day or a week ("in 3
//!   days on Friday", "next week Mon", "last week - Monday") or before one ("Monday two weeks
//!   from now") is that weekday of the week (Monday to Sunday) holding it.
//! - "N days ago" is that day; "N weeks ago" that day ± 3; "N months/years ago" the whole
//!   calendar month or year it falls in (news uses them loosely); "1 month and 21 days ago" is
//!   that day. "N days before/after the attack" is an offset from the event; "N days after
//!   January 12", "two months after next Friday" and "16 days from 01/02/2018" are counted from
//!   that date (months and years in calendar months). "in two weeks' time" is ahead of the
//!   reference whatever the clause. "4 weeks in the future", "2 days hence", "the next
//!   fortnight" start the day after the reference. "for 3 days starting Monday" runs from that
//!   day. "in 2 weeks" is the day two weeks after the reference, "in 4 business days" four
//!   weekdays on, and "within 5 days" the reference day and the four after it, but only in a
//!   clause that speaks of the future ("will", "shall", "'ll", "please", "plans", "wants",
//!   "hopes", "intends", "expects" among the eight words before): elsewhere they say how long
//!   something took ("killed 40 in two days").
//! - Ranges join their ends into one interval, both ends included: "from 4 to 22 January
//!   1995", "2014-2018", "2016-17", "Jan-Feb 2017" (a lone first month takes the year of the
//!   second). "the first week of X" is the Monday-to-Sunday week holding X's 4th day; so are
//!   the weeks of "the first two weeks of 2021", "the last 3 weeks of this year". "the week of
//!   April 10" is the week holding that day; "Week 31", "week 3 of 2027" are ISO weeks; "the week
//!   after next" is two weeks on. "the first six months of 2023", "the 15th day of next month",
//!   "the third month of 2021" count units from the start (or end) of the period.
//! - Holidays with a Gregorian date, or a rule on one: Christmas (Eve, Day), New Year's Eve and
//!   Day, Easter (by its computus), Halloween, Nowruz (21 March), Valentine's Day, St Patrick's
//!   Day, Earth Day (22 April), International Workers' Day (1 May), Veterans Day (11 November),
//!   Boxing Day; and by the United States' calendar where countries differ: Independence Day (4
//!   July), Martin Luther King Day ("MLK Day", third Monday of January), Memorial Day (last Monday
//!   of May), Mother's Day (second Sunday of May), Father's Day (third Sunday of June), Labor
//!   Day (first Monday of September), Thanksgiving (fourth Thursday of November), Black Friday
//!   (the day after). Eid al-Fitr and Eid al-Adha are the days Saudi Arabia kept, from a table
//!   of the years 2010 to 2026 (other years are not resolved; a lone "Eid" does not say which);
//!   other holidays of lunar calendars (Ramadan) are not read. Quarters and
//!   halves: "Q3 2016", "the third quarter of", "H2 2019", "2016H1". "CY 2008", "calendar year
//!   2008" are 2008. A fiscal year ("fiscal 2019", "FY19", "financial year 2019") is named by
//!   the year it ends in or, in Japan and India, starts in: February 2018 to March 2020 holds
//!   every such twelve months. A school year ("SY 2008") is August 2007 to July 2009 for the
//!   same reason. "this/last fiscal year" is counted from the reference: twelve months that may
//!   start on any month's first. "this/last school year" runs August to July.
//! - "4.22" and "on 4-22" are a month and day (day first by option) only after "on", "in",
//!   "by", "since", "until", "before", "after" or a weekday, and not before a unit or "%";
//!   "2015.3" is March 2015 where nothing follows it. A bare day ("on 15", "for the 27th.") is
//!   a day of the reference's month or the two before, only after a preposition and at a
//!   clause's end. "next 5/12" is the first such day after the reference; a range without
//!   years runs forward from its first end ("from December 20 to January 5"). "Sat", "Sun",
//!   "Wed", "Mon" are weekdays only before the day they name ("Sat 14th").
//! - "the next 4 business days" counts weekdays (Monday to Friday); "this working week", "next
//!   workweek" are Monday to Friday. "Labor Day weekend" is the Saturday to Monday,
//!   "Thanksgiving weekend" Thursday to Sunday.
//! - "since X" and "after X" are `TimeKind::Since`, "until X", "by X", "before X" are
//!   `TimeKind::Until`; their value is the interval of X itself.
//! - Counts: "about/around/some/approximately N" → N..N, `Approximate` (the figure as given);
//!   "nearly/almost N" → ⌈0.9·N⌉..N−1, `Approximate`; "more than/over N" → N+1.. open;
//!   "at least N" → N.. open; "up to/as many as/at most N" → 0..N; "fewer than/under N" → 0..N−1.
//! - Vague counts are read literally, not with ACLED's single figures (ACLED codes "several"
//!   as 10, "dozens" as 12, "hundreds" as 100): a handful/a few 2–5, several 3–9, a couple of
//!   2–3, dozens 24–99, scores 40–199, hundreds 200–999, thousands 2,000–9,999, tens of
//!   thousands 20,000–99,999, hundreds of thousands 200,000–999,999, millions 2,000,000 or more.
//! - Ranges and bounds: "between 90 and 103", "95-103", "90 to 103", "two or three" →
//!   `Range`; "500 or more" → 500..; "more than 20 and less than 40" → 21..39, `Range`.
//! - Scales: "1.2 million", "a dozen", "two dozen", "13 lakh", "2 crore", "10 bn", and glued
//!   "77m", "2bn", "10k" (but not "9mm", "1m tall" or "$2m": calibres, lengths and money are
//!   not counts).
//! - A four-digit number from 1900 to 2099 written without a comma is a year, not a count,
//!   unless a hedge stands before it ("more than 2000"). Numbers glued to letters or dashes
//!   ("F-16", "COVID-19", "A4"), after an id word ("Issue 31"), in clock times and verse
//!   references ("2:191"), before "%"/"percent" or after a currency sign are not counts.
//!
//! # Conformance
//! `cargo run -p annalist-normalize --release --example recognizers_conformance` runs the
//! Microsoft Recognizers-Text English specs of the shared evaluation kit and prints, per file,
//! the cases in scope and how many pass; the example's documentation says what is in scope.
//!
//! # Cost model
//! A call makes one left-to-right pass over the bytes that cuts the text into tokens (words,
//! digit runs, punctuation) held in one vector: that vector and the results are the only
//! allocations. ASCII bytes are classified without decoding. A word is looked up by packing its
//! lower-cased bytes into a `u128` and probing a hash table of the vocabulary (about 440 words
//! in 1,024 slots) built once in a `OnceLock`: one or two integer comparisons, no heap. Then one
//! pass over the tokens tries the patterns at each token; tokens no pattern can start with
//! (most words, most punctuation, "the" before an ordinary word) are left after one `match`,
//! and every pattern looks at a bounded number of tokens (about a dozen at most), so the whole
//! is linear in the text. Counts are found in the same pass, after the time patterns, so that
//! dates never become counts; `find_times_and_quantities` gives both for the price of one.
//! On the BBC News set (5 MB) both scanners together run at 85–95 MB/s on one core of the
//! development machine (`cargo run -p annalist-normalize --release --example throughput`).
//!

mod quantity;
mod time;
mod token;

use annalist_model::{CountRange, DateInterval, Span};
use chrono::NaiveDate;

/// How to read ambiguous numeric dates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeOptions {
    /// Read "3/1/2024" as 3 January (day first) rather than March 1.
    pub day_first: bool,
}

/// What a time expression says about the time of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// It happened within the interval ("on January 3", "in October 2022").
    Date,
    /// From the interval on ("since 2021", "after October").
    Since,
    /// Up to the interval ("until 2018", "by 2018", "before March").
    Until,
    /// A period that ends at the reference ("in the past few weeks").
    Duration,
}

/// The value of a time expression.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeValue {
    Interval(DateInterval),
    /// Days from the event the sentence is about: "the next day" is +1, "two days before the attack" −2.
    RelativeToEvent {
        days: i64,
    },
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpression {
    pub span: Span,
    pub value: TimeValue,
    pub kind: TimeKind,
}

/// The time expressions of `text` in text order, not overlapping. Relative expressions are
/// resolved against `reference` and left out when it is `None`.
pub fn find_times(text: &str, reference: Option<NaiveDate>, options: &TimeOptions) -> Vec<TimeExpression> {
    scan(text, reference, options, false).0
}

/// Both scanners in one pass: the time expressions and the counts of `text`, as `find_times`
/// and `find_quantities` give them, for half the work of calling both.
pub fn find_times_and_quantities(
    text: &str,
    reference: Option<NaiveDate>,
    options: &TimeOptions,
) -> (Vec<TimeExpression>, Vec<Quantity>) {
    scan(text, reference, options, true)
}

/// The one pass. Two cursors walk the tokens together: the time cursor tries a time expression
/// at each token it reaches and jumps past what it finds; the count cursor does the same with
/// counts, but first jumps past any time expression starting where it stands, so dates never
/// become counts. The time expression at a token is worked out once for both cursors.
fn scan(
    text: &str,
    reference: Option<NaiveDate>,
    options: &TimeOptions,
    quantities: bool,
) -> (Vec<TimeExpression>, Vec<Quantity>) {
    let tokens = token::tokenize(text);
    let t = token::Toks(&tokens);
    let scanner = time::TimeScanner { t, reference, day_first: options.day_first, start: std::cell::Cell::new(0) };
    let (mut times, mut counts) = (Vec::new(), Vec::new());
    let (mut time_next, mut count_next) = (0, 0);
    for i in 0..tokens.len() {
        // The end of the time expression starting at token `i`, when the time cursor looked.
        let mut time_end_here: Option<Option<usize>> = None;
        if i >= time_next {
            let hit = scanner.at(i);
            if let Some(hit) = &hit {
                let end = hit.end.clamp(i + 1, tokens.len());
                if let Some(value) = hit.value.clone() {
                    times.push(TimeExpression {
                        span: Span::new(tokens[i].start, tokens[end - 1].end),
                        value,
                        kind: hit.kind,
                    });
                }
                time_next = end;
            }
            time_end_here = Some(hit.map(|h| h.end.clamp(i + 1, tokens.len())));
        }
        if quantities && i >= count_next {
            let time_end = time_end_here.unwrap_or_else(|| scanner.at(i).map(|h| h.end.clamp(i + 1, tokens.len())));
            if let Some(end) = time_end {
                count_next = end;
            } else if let Some((q, end)) = quantity::at(t, i) {
                counts.push(q);
                count_next = end;
            }
        }
    }
    (times, counts)
}

/// How a count is hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "15".
    Exact,
    /// "about 15", "nearly 100".
    Approximate,
    /// "at least 15".
    AtLeast,
    /// "more than 300", "over 300".
    MoreThan,
    /// "up to 20", "as many as 20".
    AtMost,
    /// "fewer than 20".
    LessThan,
    /// "dozens", "several", "hundreds".
    Vague,
    /// "between 90 and 103", "95-103", "two or three".
    Range,
}

/// A count found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub span: Span,
    pub count: CountRange,
    pub qualifier: Qualifier,
}

/// Whether `word` is an ordinal ("third", "Thirteenth", "13th", "first"): a rank, not a count.
pub fn is_ordinal(word: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
        "hundredth",
        "thousandth",
        "millionth",
    ];
    let w = word.to_lowercase();
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
    ORDINALS.contains(&w.as_str())
        || (!digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th"))
}

/// The counts of `text` in text order, not overlapping. Dates, years, ordinals, ids, money,
/// percentages and clock times are not counts.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    scan(text, None, &TimeOptions::default(), true).1
}
