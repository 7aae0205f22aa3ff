//! Time expressions: patterns over the token stream, resolved into day intervals.
//!
//! Matching is structural and does not need the reference date: a pattern that matches but
//! cannot be resolved (a relative expression without a reference) still claims its tokens,
//! so the quantity scanner can use the same matcher to keep dates out of its counts.

use crate::token::{Holiday, Lex, Num, Part, Toks, Unit, W};
use crate::{TimeKind, TimeValue};
use annalist_model::{DateInterval, DatePrecision};
use chrono::{Datelike, Days, Months, NaiveDate};
use std::cell::Cell;

/// A pattern that matched from some token up to `end` (exclusive).
pub(crate) struct Hit {
    pub end: usize,
    pub value: Option<TimeValue>,
    pub kind: TimeKind,
}

/// How many units "a few", "several", "a couple of" and "recent" stand for when they bound a
/// period: the generous end, because an interval must hold every day the event can be on.
const FEW: u64 = 4;
const SEVERAL: u64 = 7;
const COUPLE: u64 = 2;

pub(crate) struct TimeScanner<'a> {
    pub t: Toks<'a>,
    pub reference: Option<NaiveDate>,
    pub day_first: bool,
    /// The token the expression being read starts at (set by `at`): its clause decides
    /// whether a date without a year may lie ahead of the reference.
    pub start: Cell<usize>,
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn span(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> Option<DateInterval> {
    (start <= end).then_some(DateInterval { start, end, precision })
}

pub(crate) fn month_interval(y: i32, m: u32) -> Option<DateInterval> {
    let start = date(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    span(start, end, DatePrecision::Month)
}

pub(crate) fn year_interval(y: i32) -> Option<DateInterval> {
    span(date(y, 1, 1)?, date(y, 12, 31)?, DatePrecision::Year)
}

/// Meteorological seasons of the northern hemisphere: spring March–May, summer June–August,
/// autumn September–November, winter December of `y` to the end of February of `y + 1`.
pub(crate) fn season_interval(y: i32, s: u32) -> Option<DateInterval> {
    let first = 3 + 3 * s; // 3, 6, 9, 12
    let start = date(y, first, 1)?;
    let end = start.checked_add_months(Months::new(3))?.pred_opt()?;
    span(start, end, DatePrecision::Season)
}

fn decade_interval(y: i32) -> Option<DateInterval> {
    span(date(y, 1, 1)?, date(y + 9, 12, 31)?, DatePrecision::Decade)
}

/// Early, mid or late part of an interval: of a month by halves (1–15, 16–end) with the middle
/// days 10–20 for "mid"; of a year by halves for "early" and "late" (January–June, July–December)
/// and by thirds for "mid" and for the narrower "the beginning/middle/end of" (`thirds`:
/// January–April, May–August, September–December); of a season by month; of a decade by years
/// (0–3, 4–6, 7–9). These are the cuts the Recognizers-Text specs use; news is loose about
/// "late October", so a wide interval is the one that holds the day.
pub(crate) fn part_of(iv: DateInterval, part: Part, thirds: bool) -> Option<DateInterval> {
    let k = match part {
        Part::Early => 0,
        Part::Mid => 1,
        Part::Late => 2,
    };
    let s = iv.start;
    match iv.precision {
        DatePrecision::Month => {
            let (a, b) = [(0, 14), (9, 19), (15, 40)][k as usize];
            let start = s.checked_add_days(Days::new(a))?;
            let end = s.checked_add_days(Days::new(b))?.min(iv.end);
            span(start, end, DatePrecision::Week)
        }
        DatePrecision::Year => {
            let (first, months) = if thirds || part == Part::Mid { (4 * k, 4) } else { (3 * k, 6) };
            let start = s.checked_add_months(Months::new(first as u32))?;
            let end = start.checked_add_months(Months::new(months))?.pred_opt()?;
            span(start, end, DatePrecision::Season)
        }
        DatePrecision::Season => {
            let start = s.checked_add_months(Months::new(k as u32))?;
            let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
            span(start, end, DatePrecision::Month)
        }
        DatePrecision::Decade => {
            let (a, b) = [(0, 3), (4, 6), (7, 9)][k as usize];
            span(date(s.year() + a, 1, 1)?, date(s.year() + b, 12, 31)?, DatePrecision::Year)
        }
        DatePrecision::Week if iv.days() == 7 => {
            // Monday–Wednesday, Tuesday–Friday, Thursday–Sunday
            let (a, b) = [(0, 2), (1, 4), (3, 6)][k as usize];
            span(s.checked_add_days(Days::new(a))?, s.checked_add_days(Days::new(b))?, DatePrecision::Day)
        }
        DatePrecision::Week | DatePrecision::Day => Some(iv),
    }
}

fn week_of(d: NaiveDate) -> Option<DateInterval> {
    let monday = d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))?;
    span(monday, monday.checked_add_days(Days::new(6))?, DatePrecision::Week)
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The latest `month`/`day` that is not after `reference`.
fn recent_month_day(reference: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    (0..8).filter_map(|back| date(reference.year() - back, m, d)).find(|x| *x <= reference)
}

/// The `n`th weekday (Monday to Friday) after (`forward`) or before `d`.
fn business_days(d: NaiveDate, n: u64, forward: bool) -> Option<NaiveDate> {
    let mut x = d;
    let mut left = n.min(5_000);
    while left > 0 {
        x = if forward { x.succ_opt()? } else { x.pred_opt()? };
        if x.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    Some(x)
}

/// Whether tokens `from..to` name a year (four digits).
fn year_named(t: Toks, from: usize, to: usize) -> bool {
    (from..to).any(|x| year_number(t, x).is_some() || t.num(x).is_some_and(|n| n.digits == 4))
}

/// The second end of a range, written without a year, moved on by a year while it ends before
/// the range's start (a range runs forward from its first end).
fn year_after_start(start: NaiveDate, b: DateInterval) -> DateInterval {
    let mut b = b;
    while b.end < start {
        let next = (b.start.checked_add_months(Months::new(12)), b.end.checked_add_months(Months::new(12)));
        let (Some(s), Some(e)) = next else { break };
        b = DateInterval { start: s, end: e, precision: b.precision };
    }
    b
}

/// The latest month `m` that starts on or before `reference`.
fn recent_month(reference: NaiveDate, m: u32) -> Option<DateInterval> {
    let y = if m <= reference.month() { reference.year() } else { reference.year() - 1 };
    month_interval(y, m)
}

/// The latest season `s` that starts on or before `reference`.
fn recent_season(reference: NaiveDate, s: u32) -> Option<DateInterval> {
    (0..3).filter_map(|back| season_interval(reference.year() - back, s)).find(|iv| iv.start <= reference)
}

/// The latest weekday `w` (0 = Monday) on or before (`strict`: before) `reference`.
fn recent_weekday(reference: NaiveDate, w: u32, strict: bool) -> Option<NaiveDate> {
    let today = reference.weekday().num_days_from_monday();
    let mut back = (today + 7 - w) % 7;
    if strict && back == 0 {
        back = 7;
    }
    reference.checked_sub_days(Days::new(u64::from(back)))
}

/// Easter Sunday of year `y` in the Gregorian calendar (the anonymous computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let y64 = i64::from(y);
    let a = y64.rem_euclid(19);
    let b = y64.div_euclid(100);
    let c = y64.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    date(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn day_interval(d: Option<NaiveDate>) -> Option<DateInterval> {
    d.map(DateInterval::day)
}

/// That day of a month, or the month itself where the day does not exist in it ("Feb 30",
/// "2/29/2019"): a slip in the day still leaves the month known.
fn day_or_month(y: i32, m: u32, d: u32) -> Option<DateInterval> {
    match date(y, m, d) {
        Some(x) => Some(DateInterval::day(x)),
        None if (1..=31).contains(&d) => month_interval(y, m),
        None => None,
    }
}

/// `day` (the month and day resolved), or the latest such month where the day never exists
/// in it ("Feb 30").
fn recent_day_or_month(reference: NaiveDate, m: u32, d: u32, day: Option<NaiveDate>) -> Option<DateInterval> {
    match day {
        Some(x) => Some(DateInterval::day(x)),
        None if (1..=31).contains(&d) => recent_month(reference, m),
        None => None,
    }
}

fn iv_value(iv: Option<DateInterval>) -> Option<TimeValue> {
    iv.map(TimeValue::Interval)
}

/// `n` units as months and days: `(months, days)`; `None` for units that are not spans of days.
fn unit_span(unit: Unit, n: u64) -> Option<(u32, u64)> {
    let n32 = u32::try_from(n.min(10_000)).ok()?;
    Some(match unit {
        Unit::Day => (0, n),
        Unit::Week => (0, n.checked_mul(7)?),
        Unit::Fortnight => (0, n.checked_mul(14)?),
        Unit::Month => (n32, 0),
        Unit::Year => (n32.checked_mul(12)?, 0),
        Unit::Decade => (n32.checked_mul(120)?, 0),
        Unit::Quarter => (n32.checked_mul(3)?, 0),
        Unit::DayPart | Unit::Weekend | Unit::Hour => return None,
    })
}

/// A unit of a period as it bounds a duration: how far back `n` of them reach from `d`.
fn back_from(d: NaiveDate, unit: Unit, n: u64) -> Option<NaiveDate> {
    let (months, days) = unit_span(unit, n)?;
    d.checked_sub_months(Months::new(months))?.checked_sub_days(Days::new(days))
}

/// How far forward `n` units reach from `d`.
fn forward_from(d: NaiveDate, unit: Unit, n: u64) -> Option<NaiveDate> {
    let (months, days) = unit_span(unit, n)?;
    d.checked_add_months(Months::new(months))?.checked_add_days(Days::new(days))
}

fn unit_precision(unit: Unit) -> DatePrecision {
    match unit {
        Unit::Day | Unit::DayPart | Unit::Hour => DatePrecision::Day,
        Unit::Week | Unit::Fortnight | Unit::Weekend => DatePrecision::Week,
        Unit::Month => DatePrecision::Month,
        Unit::Quarter => DatePrecision::Season,
        Unit::Year => DatePrecision::Year,
        Unit::Decade => DatePrecision::Decade,
    }
}

fn unit_days(unit: Unit) -> Option<i64> {
    match unit {
        Unit::Day => Some(1),
        Unit::Week => Some(7),
        Unit::Fortnight => Some(14),
        _ => None,
    }
}

/// A small count as it stands before a unit ("two days", "3 weeks", "a week", "a few days"):
/// `(low, high, next)`.
fn small_count(t: Toks, i: usize) -> Option<(u64, u64, usize)> {
    match t.lex(i) {
        Lex::Card(n) => {
            if let (Lex::Card(20..=90), true, Lex::Card(u @ 1..=9)) = (t.lex(i), t.is_dash(i + 1), t.lex(i + 2)) {
                return Some((n + u, n + u, i + 3));
            }
            Some((n, n, i + 1))
        }
        Lex::Vague(crate::token::Vague::Several) => Some((3, SEVERAL, i + 1)),
        Lex::W(W::A) => match t.w(i + 1) {
            Some(W::Few) => Some((2, FEW, i + 2)),
            Some(W::Couple) => Some((2, COUPLE, if t.is_w(i + 2, W::Of) { i + 3 } else { i + 2 })),
            _ => Some((1, 1, i + 1)),
        },
        Lex::W(W::Few) => Some((2, FEW, i + 1)),
        Lex::W(W::Couple) => Some((2, COUPLE, if t.is_w(i + 1, W::Of) { i + 2 } else { i + 1 })),
        _ => {
            let n = t.num(i)?;
            (n.is_plain() && n.digits <= 4).then_some((n.int, n.int, i + 1))
        }
    }
}

/// A day of the month written as digits, 1–31, not part of a clock time or an amount,
/// with its ordinal suffix if any: `(day, next, had_suffix)`.
fn day_number(t: Toks, i: usize) -> Option<(u32, usize, bool)> {
    let n = t.num(i)?;
    if !n.is_plain() || n.digits > 2 || !(1..=31).contains(&n.int) {
        return None;
    }
    // not in a clock time ("10:30"), nor after a currency sign; "says:30 December" is a day
    let clock_before = i > 1 && t.punct(i - 1, ':') && t.num(i - 2).is_some();
    if t.punct(i + 1, ':') || (i > 0 && (clock_before || t.punct(i - 1, '$')) && t.tight(i)) {
        return None;
    }
    if t.tight(i + 1) && t.is_word(i + 1) {
        return match t.lex(i + 1) {
            Lex::OrdSuffix => Some((n.int as u32, i + 2, true)),
            Lex::Month { .. } => Some((n.int as u32, i + 1, false)), // "22april"
            _ => None,
        };
    }
    Some((n.int as u32, i + 1, false))
}

/// A day of the month in words: "first", "ninth", "twenty-first", "twenty one", "thirty first".
fn word_day(t: Toks, i: usize) -> Option<(u32, usize, bool)> {
    match t.lex(i) {
        Lex::Ordinal(n) if n <= 31 => Some((n, i + 1, true)),
        Lex::Card(tens @ (20 | 30)) => {
            let k = if t.is_dash(i + 1) { i + 2 } else { i + 1 };
            match t.lex(k) {
                Lex::Ordinal(u) if u <= 9 && tens as u32 + u <= 31 => Some((tens as u32 + u, k + 1, true)),
                Lex::Card(u) if (1..=9).contains(&u) && tens + u <= 31 => Some(((tens + u) as u32, k + 1, false)),
                Lex::Card(_) => None,
                _ => Some((tens as u32, i + 1, false)),
            }
        }
        _ => None,
    }
}

/// Whether token `k` ends a clause: the end of the text or sentence punctuation (not a dash:
/// "the seventh-largest").
fn ends_clause(t: Toks, k: usize) -> bool {
    t.get(k).is_none() || [',', '.', ';', '!', '?', ')', '"', '”'].iter().any(|&c| t.punct(k, c))
}

/// A four-digit year that stands on its own (not part of a longer number or a word).
fn year_number(t: Toks, i: usize) -> Option<i32> {
    let n: Num = t.num(i)?;
    if !n.is_plain() || n.digits != 4 || !(1000..=2999).contains(&n.int) {
        return None;
    }
    if t.tight(i + 1) && (t.is_word(i + 1) || t.punct(i + 1, ':') || t.punct(i + 1, '%')) {
        return None;
    }
    if t.tight(i + 1) && (t.is_dash(i + 1) || t.punct(i + 1, '/')) && t.num(i + 2).is_some() {
        return None;
    }
    Some(n.int as i32)
}

/// Years that are not (or need not be) calendar years, named by a number or counted from a day.
#[derive(Clone, Copy)]
enum YearKind {
    Calendar,
    Fiscal,
    School,
}

impl YearKind {
    /// The year named `y`. A fiscal year is named by the calendar year it ends in (a company's
    /// may end in January, so it starts in February of the year before) or, in Japan and India,
    /// by the one it starts in (April to March): February of `y - 1` to March of `y + 1` holds
    /// all of them. A school year runs from August or September to June or July and is named by
    /// either of its calendar years: August of `y - 1` to July of `y + 1`.
    fn named(self, y: i32) -> Option<DateInterval> {
        match self {
            YearKind::Calendar => year_interval(y),
            YearKind::Fiscal => span(date(y - 1, 2, 1)?, date(y + 1, 3, 31)?, DatePrecision::Year),
            YearKind::School => span(date(y - 1, 8, 1)?, date(y + 1, 7, 31)?, DatePrecision::Year),
        }
    }

    /// The year holding day `r` (`which` 0), or the one before (-1) or after (1) it. A fiscal year
    /// of twelve months may start on the first of any month: the one holding `r` started at most
    /// eleven months before `r`'s month and ends at most twelve months after its start. A school
    /// year is August to July (northern hemisphere).
    fn holding(self, r: NaiveDate, which: i32) -> Option<DateInterval> {
        match self {
            YearKind::Calendar => year_interval(r.year() + which),
            YearKind::Fiscal => {
                let month = date(r.year(), r.month(), 1)?;
                let first = month.checked_sub_months(Months::new(11))?;
                let start = if which < 0 {
                    first.checked_sub_months(Months::new(12))?
                } else {
                    first.checked_add_months(Months::new(12 * which as u32))?
                };
                let end = start.checked_add_months(Months::new(23))?.pred_opt()?;
                span(start, end, DatePrecision::Year)
            }
            YearKind::School => {
                let y = if r.month() >= 8 { r.year() } else { r.year() - 1 } + which;
                span(date(y, 8, 1)?, date(y + 1, 7, 31)?, DatePrecision::Year)
            }
        }
    }
}

/// `n` whole calendar quarters, the first `from` quarters after the reference's own (negative:
/// before it): "the last two quarters" are the two before the current one, "the next 7
/// quarters" the seven after it. Quarters are reporting periods, so they are never counted from
/// the day itself.
fn calendar_quarters(r: NaiveDate, from: i64, n: i64) -> Option<TimeValue> {
    if !(1..=400).contains(&n) {
        return None;
    }
    let this = i64::from(r.year()) * 4 + i64::from(r.month0() / 3);
    let first = this + from;
    let last = first + n - 1;
    let start = date(i32::try_from(first.div_euclid(4)).ok()?, u32::try_from(first.rem_euclid(4)).ok()? * 3 + 1, 1)?;
    let after =
        date(i32::try_from((last + 1).div_euclid(4)).ok()?, u32::try_from((last + 1).rem_euclid(4)).ok()? * 3 + 1, 1)?;
    span(start, after.pred_opt()?, DatePrecision::Season).map(TimeValue::Interval)
}

/// A number from one to ninety-nine in words ("seven", "twelve", "eighty nine", "thirty-three"): `(n, next)`.
fn word_below_hundred(t: Toks, i: usize) -> Option<(u64, usize)> {
    match t.lex(i) {
        Lex::Card(tens @ (20 | 30 | 40 | 50 | 60 | 70 | 80 | 90)) => {
            let k = if t.is_dash(i + 1) { i + 2 } else { i + 1 };
            match t.lex(k) {
                Lex::Card(u @ 1..=9) => Some((tens + u, k + 1)),
                _ => Some((tens, i + 1)),
            }
        }
        Lex::Card(n @ 1..=19) => Some((n, i + 1)),
        _ => None,
    }
}

/// A year in words, as years are said: "nineteen seventy eight", "nineteen zero one", "nineteen
/// hundred ninety three", "two thousand and fifteen", "one thousand seven hundred and eighty nine".
/// Only forms that are not also ordinary counts of a few things: a lone "two thousand" is a year
/// only where the caller's context says so. `(year, next)`.
fn word_year(t: Toks, i: usize) -> Option<(i32, usize)> {
    let and = |k: usize| if t.is_w(k, W::And) { k + 1 } else { k };
    // "two thousand [and] [seven hundred [and]] [fifteen]"
    if let (Lex::Card(th @ 1..=2), Lex::Scale(1_000)) = (t.lex(i), t.lex(i + 1)) {
        let mut y = th * 1000;
        let mut k = i + 2;
        if let (Lex::Card(h @ 1..=9), Lex::Scale(100)) = (t.lex(and(k)), t.lex(and(k) + 1)) {
            y += h * 100;
            k = and(k) + 2;
        }
        if let Some((n, e)) = word_below_hundred(t, and(k)) {
            y += n;
            k = e;
        }
        return Some((i32::try_from(y).ok()?, k));
    }
    // "nineteen seventy eight", "nineteen hundred [and] ninety three", "nineteen zero one", "twenty twenty"
    let Lex::Card(hi @ 10..=20) = t.lex(i) else { return None };
    if hi == 20 && t.is_dash(i + 1) {
        return None; // "twenty-one"
    }
    let base = hi * 100;
    if t.lex(i + 1) == Lex::Scale(100) {
        let (n, e) = word_below_hundred(t, and(i + 2)).unwrap_or((0, i + 2));
        return Some((i32::try_from(base + n).ok()?, e));
    }
    if let (Lex::Card(0), Lex::Card(u @ 1..=9)) = (t.lex(i + 1), t.lex(i + 2)) {
        return Some((i32::try_from(base + u).ok()?, i + 3));
    }
    let (n, e) = word_below_hundred(t, i + 1)?;
    (n >= 10).then_some((i32::try_from(base + n).ok()?, e))
}

/// A year in digits ([`year_number`]) or in words ([`word_year`]): `(year, next)`.
fn year_at(t: Toks, i: usize) -> Option<(i32, usize)> {
    year_number(t, i).map(|y| (y, i + 1)).or_else(|| word_year(t, i))
}

/// When a holiday falls in a year.
#[derive(Clone, Copy)]
enum HolidayRule {
    Fixed(u32, u32),
    /// The `n`th weekday `wd` (0 = Monday) of month `m`; `n` = 0 for the last one.
    Nth(u32, u32, u32),
    Easter,
    /// The day after Thanksgiving.
    BlackFriday,
    /// A day of the Islamic calendar, from a table of years (`EID_AL_FITR`, `EID_AL_ADHA`).
    Table(&'static [(u32, u32); TABLE_YEARS]),
}

/// The first year of the tables of Islamic holidays; years outside them are not resolved.
const TABLE_FIRST: i32 = 2010;
const TABLE_YEARS: usize = 17;

/// Eid al-Fitr (1 Shawwal), 2010 to 2026, as the day Saudi Arabia kept it (announced on the
/// sighting of the moon; 2026 by the Umm al-Qura calendar). Countries that wait for their own
/// sighting often keep the day after.
const EID_AL_FITR: [(u32, u32); TABLE_YEARS] = [
    (9, 10),
    (8, 30),
    (8, 19),
    (8, 8),
    (7, 28),
    (7, 17),
    (7, 6),
    (6, 25),
    (6, 15),
    (6, 4),
    (5, 24),
    (5, 13),
    (5, 2),
    (4, 21),
    (4, 10),
    (3, 30),
    (3, 20),
];

/// Eid al-Adha (10 Dhu al-Hijjah), 2010 to 2026, as Saudi Arabia kept it (the day after the
/// day of Arafah of the Hajj; 2026 by the Umm al-Qura calendar).
const EID_AL_ADHA: [(u32, u32); TABLE_YEARS] = [
    (11, 16),
    (11, 6),
    (10, 26),
    (10, 15),
    (10, 4),
    (9, 24),
    (9, 12),
    (9, 1),
    (8, 21),
    (8, 11),
    (7, 31),
    (7, 20),
    (7, 9),
    (6, 28),
    (6, 16),
    (6, 6),
    (5, 27),
];

impl HolidayRule {
    fn on(self, y: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed(m, d) => date(y, m, d),
            HolidayRule::Nth(m, wd, n) => nth_weekday_of_month(y, m, wd, n),
            HolidayRule::Easter => easter(y),
            HolidayRule::BlackFriday => nth_weekday_of_month(y, 11, 3, 4)?.succ_opt(),
            HolidayRule::Table(days) => {
                let (m, d) = days.get(usize::try_from(y - TABLE_FIRST).ok()?)?;
                date(y, *m, *d)
            }
        }
    }
}

/// The `n`th weekday `wd` (0 = Monday) of a month, `n` = 0 for the last one.
/// `nth_weekday_of_month`, or the month itself where it has no fifth such weekday ("the fifth
/// Sunday" of a month with four): the month is still what the text names.
fn nth_weekday_or_month(y: i32, m: u32, wd: u32, n: u32) -> Option<DateInterval> {
    match nth_weekday_of_month(y, m, wd, n) {
        Some(d) => Some(DateInterval::day(d)),
        None if n == 5 => month_interval(y, m),
        None => None,
    }
}

fn nth_weekday_of_month(y: i32, m: u32, wd: u32, n: u32) -> Option<NaiveDate> {
    let iv = month_interval(y, m)?;
    if n == 0 {
        let back = (iv.end.weekday().num_days_from_monday() + 7 - wd) % 7;
        return iv.end.checked_sub_days(Days::new(u64::from(back)));
    }
    let ahead = (wd + 7 - iv.start.weekday().num_days_from_monday()) % 7;
    iv.start.checked_add_days(Days::new(u64::from(ahead + 7 * (n - 1)))).filter(|d| *d <= iv.end)
}

/// The long weekend of a holiday: Saturday and Sunday with the holiday when it is a Monday or
/// a Thursday or Friday before them ("Labor Day weekend" is Saturday to Monday, "Thanksgiving
/// weekend" Thursday to Sunday), else the weekend it falls on or the one before it.
fn holiday_weekend(d: NaiveDate) -> Option<DateInterval> {
    let wd = d.weekday().num_days_from_monday();
    let saturday = match wd {
        3 | 4 => d.checked_add_days(Days::new(u64::from(5 - wd)))?,
        5 | 6 => d.checked_sub_days(Days::new(u64::from(wd - 5)))?,
        _ => d.checked_sub_days(Days::new(u64::from(wd + 2)))?,
    };
    let sunday = saturday.succ_opt()?;
    span(saturday.min(d), sunday.max(d), DatePrecision::Week)
}

/// A possessive after a word: "'s", "’s", "'" ("Workers' Day"); the token after it.
fn after_possessive(t: Toks, k: usize) -> usize {
    let apostrophe = |k: usize| t.punct(k, '\'') || t.punct(k, '’');
    if apostrophe(k) && t.tight(k) {
        if t.is_w(k + 1, W::S) && t.tight(k + 1) {
            return k + 2;
        }
        return k + 1;
    }
    k
}

/// The name of a holiday at `j` and where it ends. Dates are those of the United States where
/// countries differ (Independence Day is 4 July, Labor Day the first Monday of September,
/// Memorial Day the last Monday of May, Mother's Day the second Sunday of May, Father's Day the
/// third Sunday of June, Martin Luther King Day the third Monday of January).
fn holiday_name(t: Toks, j: usize) -> Option<(HolidayRule, usize)> {
    use HolidayRule::{Fixed, Nth};
    // "Day", not "days" ("workers' days off")
    let day_after = |k: usize| -> Option<usize> {
        let k = after_possessive(t, k);
        let singular = t.get(k).is_some_and(|w| w.end - w.start == 3);
        (t.lex(k) == Lex::Unit(Unit::Day) && singular).then_some(k + 1)
    };
    let Lex::Holiday(h) = t.lex(j) else {
        if t.is_w(j, W::New) && t.lex(j + 1) == Lex::Unit(Unit::Year) {
            let k = after_possessive(t, j + 2);
            if t.is_w(k, W::Eve) {
                return Some((Fixed(12, 31), k + 1));
            } else if t.lex(k) == Lex::Unit(Unit::Day) {
                return Some((Fixed(1, 1), k + 1));
            } else if (t.cap(j) && t.cap(j + 1)) || matches!(t.w(j.wrapping_sub(1)), Some(W::Before | W::After)) {
                // "New Year", and "before new year" (not "in the new year", a season)
                return Some((Fixed(1, 1), j + 2));
            }
        }
        return None;
    };
    let optional_day = |k: usize| day_after(k).unwrap_or(k);
    Some(match h {
        Holiday::Christmas if t.is_w(j + 1, W::Eve) => (Fixed(12, 24), j + 2),
        Holiday::Christmas => (Fixed(12, 25), optional_day(j + 1)),
        Holiday::Halloween => (Fixed(10, 31), j + 1),
        Holiday::Nowruz => (Fixed(3, 21), j + 1),
        Holiday::Easter => {
            (HolidayRule::Easter, if t.is_word(j + 1) && t.lex(j + 1) == Lex::Weekday(6) { j + 2 } else { j + 1 })
        }
        Holiday::Thanksgiving => (Nth(11, 3, 4), optional_day(j + 1)),
        Holiday::Patrick => {
            // "St Patrick's Day", "Saint Patrick 2020" (not "St Patrick's Cathedral", not a name)
            let saint = j > 0 && t.is_w(j - 1, W::Saint);
            match day_after(j + 1) {
                Some(e) => (Fixed(3, 17), e),
                None if saint && year_number(t, after_possessive(t, j + 1)).is_some() => {
                    (Fixed(3, 17), after_possessive(t, j + 1))
                }
                None => return None,
            }
        }
        Holiday::Valentine => (Fixed(2, 14), day_after(j + 1)?),
        Holiday::Independence => (Fixed(7, 4), day_after(j + 1)?),
        Holiday::Memorial => (Nth(5, 0, 0), day_after(j + 1)?),
        Holiday::Labor => (Nth(9, 0, 1), day_after(j + 1)?),
        Holiday::Mother => (Nth(5, 6, 2), day_after(j + 1)?),
        Holiday::Father => (Nth(6, 6, 3), day_after(j + 1)?),
        Holiday::Mlk => (Nth(1, 0, 3), optional_day(j + 1)),
        Holiday::Earth => (Fixed(4, 22), day_after(j + 1)?),
        Holiday::Veterans => (Fixed(11, 11), day_after(j + 1)?),
        Holiday::Workers => (Fixed(5, 1), day_after(j + 1)?),
        Holiday::Boxing => (Fixed(12, 26), day_after(j + 1)?),
        Holiday::Black if t.lex(j + 1) == Lex::Weekday(4) => (HolidayRule::BlackFriday, j + 2),
        Holiday::Black => return None,
        // "Eid al-Fitr", "Eid ul Adha", "Eid-al-Fitr": a lone "Eid" does not say which
        Holiday::Eid => {
            let mut k = j + 1;
            if t.is_dash(k) {
                k += 1;
            }
            if t.get(k).is_some_and(|w| w.end - w.start == 2) && t.is_word(k) {
                k += 1;
                if t.is_dash(k) {
                    k += 1;
                }
            }
            match t.lex(k) {
                Lex::Holiday(Holiday::Fitr) => (HolidayRule::Table(&EID_AL_FITR), k + 1),
                Lex::Holiday(Holiday::Adha) => (HolidayRule::Table(&EID_AL_ADHA), k + 1),
                _ => return None,
            }
        }
        Holiday::Fitr | Holiday::Adha => return None,
    })
}

impl<'a> TimeScanner<'a> {
    /// The time expression starting at token `i`, if any.
    pub fn at(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        self.start.set(i);
        // "to" starts only "to date"
        if t.is_w(i, W::To) && self.date_word(i + 1).is_none() {
            return None;
        }
        // Most tokens are words no pattern starts with: leave them at once.
        match t.get(i)?.kind {
            crate::token::Kind::Num(_) => {}
            crate::token::Kind::Punct(_) => return None,
            crate::token::Kind::Word(
                Lex::Other | Lex::OrdSuffix | Lex::Scale(_) | Lex::Dozen | Lex::Score | Lex::Vague(_),
            ) => return None,
            crate::token::Kind::Word(Lex::W(W::The | W::A)) => {
                // "the"/"a" start a date only before a word of time or number
                if matches!(
                    t.get(i + 1).map(|n| n.kind),
                    Some(crate::token::Kind::Word(Lex::Other)) | Some(crate::token::Kind::Punct(_)) | None
                ) {
                    return None;
                }
            }
            // "for" starts a date only before a count ("for three days starting Monday")
            crate::token::Kind::Word(Lex::W(W::For)) => {
                if !matches!(t.lex(i + 1), Lex::Card(_) | Lex::W(W::A)) && t.num(i + 1).is_none() {
                    return None;
                }
            }
            crate::token::Kind::Word(Lex::W(w)) => {
                if !matches!(
                    w,
                    W::The
                        | W::A
                        | W::Since
                        | W::After
                        | W::Until
                        | W::By
                        | W::Before
                        | W::Through
                        | W::From
                        | W::Between
                        | W::Last
                        | W::This
                        | W::Next
                        | W::Past
                        | W::Previous
                        | W::Following
                        | W::Coming
                        | W::Earlier
                        | W::Later
                        | W::Recent
                        | W::Few
                        | W::Couple
                        | W::Beginning
                        | W::Middle
                        | W::End
                        | W::Q
                        | W::New
                        | W::Rest
                        | W::Saint
                        | W::Wc
                        | W::For
                        | W::Within
                        | W::H
                        | W::To
                        | W::Date
                        | W::Fiscal
                        | W::Financial
                        | W::School
                        | W::Calendar
                        | W::Fy
                        | W::Cy
                        | W::Sy
                ) {
                    return None;
                }
            }
            crate::token::Kind::Word(_) => {}
        }
        let wrapper = match t.w(i) {
            Some(W::Since | W::After) => Some(TimeKind::Since),
            Some(W::Until | W::By | W::Before | W::Through | W::To) => Some(TimeKind::Until),
            _ => None,
        };
        if let Some(kind) = wrapper {
            if let Some(inner) = self.ranged(i + 1) {
                if inner.kind == TimeKind::Date {
                    return Some(Hit { kind, ..inner });
                }
            }
        }
        // "later than 2018", "earlier than March"
        if let (Some(w @ (W::Later | W::Earlier)), true) = (t.w(i), t.is_w(i + 1, W::Than)) {
            if let Some(inner) =
                self.core(i + 2).or_else(|| self.year(i + 2, true)).filter(|h| h.kind == TimeKind::Date)
            {
                let kind = if w == W::Later { TimeKind::Since } else { TimeKind::Until };
                return Some(Hit { kind, ..inner });
            }
        }
        if let Some(W::From | W::Between) = t.w(i) {
            if let Some(hit) = self.range_from(i + 1, false) {
                return Some(hit);
            }
        }
        self.ranged(i)
    }

    /// A time expression at `i`, joined to a second one by "to", "until", "through" or a dash
    /// into one interval ("October 2 to October 22", "2014-2018", "4 to 22 January 1995").
    fn ranged(&self, i: usize) -> Option<Hit> {
        let hit = self.range_from(i, true)?;
        self.weekday_after(&hit).or(Some(hit))
    }

    /// A day or week followed by the weekday it falls in: "in 3 days on Friday", "the first
    /// week of October on Friday", "next week Mon", "last week - Monday": that weekday of the
    /// week (Monday to Sunday) holding the day, or the middle of the week.
    fn weekday_after(&self, hit: &Hit) -> Option<Hit> {
        let t = self.t;
        if hit.kind != TimeKind::Date {
            return None;
        }
        let Some(TimeValue::Interval(iv)) = hit.value else { return None };
        let week = iv.days() == 7 && iv.start.weekday().num_days_from_monday() == 0;
        // a counted day ("in 3 days", "two months from today"), not a named date whose
        // weekday is known ("January 3 on Friday" says something else)
        let counted = || (hit.end.saturating_sub(8)..hit.end).any(|k| matches!(t.lex(k), Lex::Unit(_)));
        // "the first week of Oct. on Friday": the full stop of an abbreviation, not a sentence's end
        let on = if t.punct(hit.end, '.') && t.tight(hit.end) && !t.cap(hit.end + 1) { hit.end + 1 } else { hit.end };
        let k = if t.is_w(on, W::On) && (week || (iv.days() <= 7 && counted())) {
            on + 1
        } else if week && t.is_dash(hit.end) {
            hit.end + 1
        } else if week {
            hit.end
        } else {
            return None;
        };
        let (Lex::Weekday(wd) | Lex::WeekdayAbbr(wd)) = t.lex(k) else { return None };
        let middle = iv.start.checked_add_days(Days::new((iv.days() / 2) as u64))?;
        let d = week_of(middle).and_then(|w| shift_days(w.start, i64::from(wd)));
        Some(Hit { end: k + 1, value: iv_value(day_interval(d)), kind: TimeKind::Date })
    }

    /// Whether token `k` joins two ends of a range (`and` only after "between").
    fn joiner(&self, k: usize, and_ok: bool) -> bool {
        let t = self.t;
        t.is_dash(k)
            || t.punct(k, '~')
            || matches!(t.w(k), Some(W::To | W::Until | W::Through))
            || (and_ok && t.is_w(k, W::And))
    }

    /// A range starting at `i`; with `fallback`, the single expression at `i` where no second
    /// end follows.
    fn range_from(&self, i: usize, fallback: bool) -> Option<Hit> {
        let t = self.t;
        let names_year = |from: usize, to: usize| year_named(t, from, to);
        let and_ok = i > 0 && t.is_w(i - 1, W::Between);
        let between = |a: Option<TimeValue>, b: Option<TimeValue>, end: usize| -> Option<Hit> {
            let value = match (a, b) {
                (Some(TimeValue::Interval(x)), Some(TimeValue::Interval(y))) => {
                    // A first end resolved without a year ("Nov 18-Dec 19, 2015") moves back to the second's year.
                    let mut start = x.start;
                    for back in [0, 1] {
                        if start > y.end {
                            start = date(y.end.year() - back, x.start.month(), x.start.day()).unwrap_or(start);
                        }
                    }
                    span(start, y.end, x.precision.max(y.precision)).map(TimeValue::Interval)
                }
                _ => None,
            };
            Some(Hit { end, value, kind: TimeKind::Date })
        };
        // A bare day first: "4 to 22 January, 1995", "between 4 and 22 this month", "9 to 12 of
        // June", "between the ninth and the seventeenth of April".
        let the_day = |k: usize| {
            day_number(t, k).or_else(|| word_day(t, k)).or_else(|| {
                t.is_w(k, W::The).then(|| day_number(t, k + 1).or_else(|| word_day(t, k + 1))).flatten().filter(|d| d.2)
            })
        };
        if let Some((d1, k, _)) = the_day(i) {
            if self.month_word(k).is_none() && !t.is_w(k, W::Of) && self.joiner(k, and_ok) {
                if let Some(b) = self.core(k + 1).filter(|b| b.kind == TimeKind::Date) {
                    if let Some(TimeValue::Interval(y)) = b.value {
                        if y.precision == DatePrecision::Day {
                            let a = date(y.start.year(), y.start.month(), d1)
                                .map(|d| TimeValue::Interval(DateInterval::day(d)));
                            return between(a, b.value, b.end);
                        }
                    }
                    if b.value.is_none() {
                        return Some(Hit { end: b.end, value: None, kind: TimeKind::Date });
                    }
                }
                if let Some((d2, k2, _)) = day_number(t, k + 1).or_else(|| word_day(t, k + 1)) {
                    let k3 = if t.is_w(k2, W::Of) || t.is_w(k2, W::In) { k2 + 1 } else { k2 };
                    if let Some(m) = self.month_first(k3, true).or_else(|| self.relative(k3)) {
                        if let Some(TimeValue::Interval(mi)) = m.value {
                            if mi.precision == DatePrecision::Month {
                                let a = date(mi.start.year(), mi.start.month(), d1)
                                    .map(|d| TimeValue::Interval(DateInterval::day(d)));
                                let b = date(mi.start.year(), mi.start.month(), d2)
                                    .map(|d| TimeValue::Interval(DateInterval::day(d)));
                                return between(a, b, m.end);
                            }
                        }
                        if m.value.is_none() {
                            return Some(Hit { end: m.end, value: None, kind: TimeKind::Date });
                        }
                    }
                }
            }
        }
        // "between now and November 15th": from the reference to the first such day after it
        if t.is_w(i, W::Now) && self.joiner(i + 1, and_ok) {
            let b = self.core(i + 2).filter(|b| b.kind == TimeKind::Date)?;
            let value = match (b.value, self.reference) {
                (Some(TimeValue::Interval(y)), Some(r)) => {
                    let y = if names_year(i + 2, b.end) { y } else { year_after_start(r, y) };
                    span(r, y.end, y.precision).map(TimeValue::Interval)
                }
                _ => None,
            };
            return Some(Hit { end: b.end, value, kind: TimeKind::Date });
        }
        // "2014-2018", "2014 to 2018": two years, the second later.
        let plain_year = |k: usize| {
            t.num(k).filter(|n| n.is_plain() && n.digits == 4 && (1800..=2100).contains(&n.int)).map(|n| n.int as i32)
        };
        // "2016-17": a span of two years, the second written short
        if let (Some(y1), true) = (plain_year(i), t.is_dash(i + 1)) {
            if let Some(n) = t.num(i + 2).filter(|n| n.is_plain() && n.digits == 2) {
                let y2 = y1 - y1.rem_euclid(100) + n.int as i32;
                if y2 == y1 + 1 && !(t.tight(i + 3) && t.is_word(i + 3)) {
                    return between(iv_value(year_interval(y1)), iv_value(year_interval(y2)), i + 3);
                }
            }
        }
        // not inside a run of digits and dashes ("138-2010-2015", a phone number)
        let glued_before = i > 0 && t.tight(i) && (t.is_dash(i - 1) || t.num(i - 1).is_some());
        let glued_after = t.tight(i + 3) && (t.is_dash(i + 3) || t.is_word(i + 3));
        if let (Some(y1), true, false) = (plain_year(i), self.joiner(i + 1, and_ok), glued_before || glued_after) {
            if let Some(y2) = plain_year(i + 2).filter(|y2| *y2 > y1) {
                return between(iv_value(year_interval(y1)), iv_value(year_interval(y2)), i + 3);
            }
        }
        // "from January to April 2015", "Jan-Feb 2017": a lone month takes the year of the second.
        if let Some((m1, e1)) = self.month_word(i) {
            if self.joiner(e1, and_ok) && day_number(t, e1).is_none() {
                if let Some(b) =
                    self.month_first(e1 + 1, true).or_else(|| self.core(e1 + 1)).filter(|b| b.kind == TimeKind::Date)
                {
                    match b.value {
                        // "from August to October", no year: the latest August, to the October after it
                        Some(TimeValue::Interval(y)) if !names_year(e1 + 1, b.end) && self.reference.is_some() => {
                            let a = self.reference.and_then(|r| recent_month(r, m1));
                            let b_value = a.map(|a| TimeValue::Interval(year_after_start(a.start, y)));
                            return between(iv_value(a), b_value, b.end);
                        }
                        Some(TimeValue::Interval(y)) => {
                            let year = if m1 <= y.start.month() { y.start.year() } else { y.start.year() - 1 };
                            return between(iv_value(month_interval(year, m1)), b.value, b.end);
                        }
                        None if self.month_word(e1 + 1).is_some() => {
                            return Some(Hit { end: b.end, value: None, kind: TimeKind::Date })
                        }
                        _ => {}
                    }
                }
            }
        }
        let a = self.core(i)?;
        // the rest, joined to a second end; without one, `a` itself where the caller wants it
        let joined = |a: &Hit| -> Option<Hit> {
            // "last week - Monday": the Monday of that week (`weekday_after`), not a range
            let week_then_day = t.is_dash(a.end)
                && matches!(t.lex(a.end + 1), Lex::Weekday(_))
                && matches!(a.value, Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Week);
            if a.kind != TimeKind::Date || !self.joiner(a.end, and_ok) || week_then_day {
                return None;
            }
            let k = a.end + 1;
            // "between Jan 2019 and now", "from March until now": up to the reference day.
            if t.is_w(k, W::Now) {
                if let (Some(TimeValue::Interval(x)), Some(r)) = (&a.value, self.reference) {
                    let value = span(x.start, r, x.precision).map(TimeValue::Interval);
                    return Some(Hit { end: k + 1, value, kind: TimeKind::Date });
                }
                return None;
            }
            // "September 4th through 8th", "April the ninth till the seventeenth": a bare day after a day.
            if let Some(TimeValue::Interval(x)) = a.value {
                if x.precision == DatePrecision::Day
                    && self.core(k).is_none_or(|h| h.value.is_none() || t.is_w(k, W::The))
                {
                    if let Some((d2, e, _)) = the_day(k) {
                        let b = date(x.start.year(), x.start.month(), d2)
                            .map(|d| TimeValue::Interval(DateInterval::day(d)));
                        return between(a.value.clone(), b, e);
                    }
                }
            }
            // "2014-2018", "between May 2015 and 2018": a bare year as the second end.
            if let Some(TimeValue::Interval(x)) = a.value {
                if matches!(x.precision, DatePrecision::Year | DatePrecision::Month | DatePrecision::Season) {
                    if let Some(y) = year_number(t, k).filter(|_| self.month_word(k + 1).is_none()) {
                        return between(a.value.clone(), iv_value(year_interval(y)), k + 1);
                    }
                }
            }
            // "from next Monday to Friday": a lone weekday after a day is the first such day from it
            if let (Some(TimeValue::Interval(x)), Lex::Weekday(wd)) = (&a.value, t.lex(k)) {
                if x.precision == DatePrecision::Day && ends_clause(t, k + 1) {
                    let ahead = (wd + 7 - x.start.weekday().num_days_from_monday()) % 7;
                    let b = x.start.checked_add_days(Days::new(u64::from(ahead))).map(DateInterval::day);
                    return between(a.value.clone(), iv_value(b), k + 1);
                }
            }
            let b = self.core(k).filter(|b| b.kind == TimeKind::Date)?;
            if matches!(b.value, Some(TimeValue::RelativeToEvent { .. }))
                || matches!(a.value, Some(TimeValue::RelativeToEvent { .. }))
            {
                return None;
            }
            // A first end written without a year ("Feb 1st to March 2019") is in the second's year;
            // a second end without one is the first such day from the first ("from 10/1 to 11/7").
            let b_value = match (&a.value, &b.value) {
                (Some(TimeValue::Interval(x)), Some(TimeValue::Interval(y))) if !names_year(k, b.end) => {
                    // two days of months, neither with a year, more than a year apart: the first
                    // is a 29 February of years back ("2/29-3/1"); the second is the day after it
                    let days = x.precision == DatePrecision::Day && y.precision == DatePrecision::Day;
                    let y = match date(x.start.year(), y.start.month(), y.start.day()) {
                        Some(moved)
                            if days
                                && moved >= x.start
                                && (y.start - x.start).num_days() > 366
                                && !names_year(i, a.end)
                                && !self.counted_from_reference(k) =>
                        {
                            DateInterval::day(moved)
                        }
                        _ => *y,
                    };
                    Some(TimeValue::Interval(year_after_start(x.start, y)))
                }
                _ => b.value.clone(),
            };
            let a_value = match (&a.value, &b.value) {
                (Some(TimeValue::Interval(x)), Some(TimeValue::Interval(y)))
                    if !names_year(i, a.end)
                        && names_year(k, b.end)
                        && x.precision <= DatePrecision::Month
                        && !self.counted_from_reference(i) =>
                {
                    let moved = date(y.start.year(), x.start.month(), x.start.day());
                    let end_moved = date(y.start.year(), x.end.month(), x.end.day());
                    match (moved, end_moved) {
                        (Some(s0), Some(e0)) if s0 <= y.end => {
                            Some(TimeValue::Interval(DateInterval { start: s0, end: e0, precision: x.precision }))
                        }
                        _ => a.value.clone(),
                    }
                }
                _ => a.value.clone(),
            };
            // an end written "the end of 2007" is a day, not the last third of the year
            let first = self.edge_day(i, a, &a_value);
            let last = self.edge_day(k, &b, &b_value).and_then(|d| d.pred_opt());
            if let (Some(TimeValue::Interval(x)), Some(TimeValue::Interval(y))) = (&a_value, &b_value) {
                if first.is_some() || last.is_some() {
                    let (start, end) = (first.unwrap_or(x.start), last.unwrap_or(y.end));
                    let value = span(start, end, x.precision.max(y.precision)).map(TimeValue::Interval);
                    return Some(Hit { end: b.end, value, kind: TimeKind::Date });
                }
            }
            between(a_value, b_value, b.end)
        };
        match joined(&a) {
            None if fallback => Some(a),
            hit => hit,
        }
    }

    /// Whether the expression at `i` is counted from the reference ("next Friday", "this May",
    /// "tomorrow"), so that its year is not taken from a later end of a range.
    fn counted_from_reference(&self, i: usize) -> bool {
        matches!(
            self.t.lex(i),
            Lex::W(W::Next | W::Last | W::This | W::Previous | W::Coming | W::Following) | Lex::DayWord(_)
        )
    }

    fn core(&self, i: usize) -> Option<Hit> {
        self.to_date(i)
            .or_else(|| self.week_of_day(i))
            .or_else(|| self.nth_week(i))
            .or_else(|| self.units_of(i))
            .or_else(|| self.iso_week(i))
            .or_else(|| self.units_from(i))
            .or_else(|| self.quarter(i))
            .or_else(|| self.accounting_year(i))
            .or_else(|| self.holiday(i))
            .or_else(|| self.bounded_span(i))
            .or_else(|| self.relative_to_event(i))
            .or_else(|| self.counted_weekdays(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.part(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.odd_order(i))
            .or_else(|| self.month_first(i, false))
            .or_else(|| self.day_first_form(i))
            .or_else(|| self.numeric(i))
            .or_else(|| self.season(i, false))
            .or_else(|| self.year(i, false))
    }

    /// Dates in an uncommon order, written as one word: "September-2020-23", "23-2020-September",
    /// "2020/23/Sep"; or year, month and day apart: "2016 10 16". The year has four digits, each
    /// part one separator, and nothing is glued on either side, so codes and counts stay out.
    fn odd_order(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let year = |k: usize| {
            t.num(k).filter(|n| n.is_plain() && n.digits == 4 && (1900..=2100).contains(&n.int)).map(|n| n.int as i32)
        };
        let small = |k: usize| t.num(k).filter(|n| n.is_plain() && n.digits <= 2).map(|n| n.int as u32);
        let month = |k: usize| match t.lex(k) {
            Lex::Month { m, ambiguous, .. } if !ambiguous || t.cap(k) => Some(m),
            _ => None,
        };
        let glued = |k: usize| t.num(k).is_some() || t.is_word(k) || t.is_dash(k) || t.punct(k, '/');
        if (i > 0 && t.tight(i) && glued(i - 1)) || (t.tight(i + 5) && glued(i + 5) && t.tight(i + 3)) {
            return None;
        }
        let dash = |k: usize| t.tight(k) && t.tight(k + 1) && t.is_dash(k);
        let slash = |k: usize| t.tight(k) && t.tight(k + 1) && t.punct(k, '/');
        let (y, m, d, end) = if dash(i + 1) && dash(i + 3) {
            match (month(i), small(i), year(i + 2), small(i + 4), month(i + 4)) {
                (Some(m), _, Some(y), Some(d), _) => (y, m, d, i + 5),
                (_, Some(d), Some(y), _, Some(m)) => (y, m, d, i + 5),
                _ => return None,
            }
        } else if slash(i + 1) && slash(i + 3) {
            (year(i)?, month(i + 4)?, small(i + 2)?, i + 5)
        } else if !(t.tight(i + 1) || t.tight(i + 2) || (t.tight(i + 3) && glued(i + 3))) {
            let (y, m, d) = (year(i)?, small(i + 1)?, small(i + 2)?);
            if t.num(i + 3).is_some() || (i > 0 && t.num(i - 1).is_some()) {
                return None;
            }
            (y, m, d, i + 3)
        } else {
            return None;
        };
        let day = date(y, m, d)?;
        self.date_hit(end, Some(DateInterval::day(day)))
    }

    /// The kind of year at `k` and the token after its words: "fiscal year", "fiscal", "FY",
    /// "school year", "CY", "calendar year".
    fn year_kind(&self, k: usize) -> Option<(YearKind, usize)> {
        let t = self.t;
        let year = t.lex(k + 1) == Lex::Unit(Unit::Year);
        match t.w(k)? {
            W::Cy => Some((YearKind::Calendar, k + 1)),
            W::Fy => Some((YearKind::Fiscal, k + 1)),
            W::Sy => Some((YearKind::School, k + 1)),
            W::Fiscal => Some((YearKind::Fiscal, if year { k + 2 } else { k + 1 })),
            W::Calendar if year => Some((YearKind::Calendar, k + 2)),
            W::Financial if year => Some((YearKind::Fiscal, k + 2)),
            W::School if year => Some((YearKind::School, k + 2)),
            _ => None,
        }
    }

    /// "fiscal 2019", "FY2019", "fy18", "financial year 2020", "cy 2008", "SY 2008"; "in fiscal
    /// year", "the school year." at a clause's end: the one holding the reference.
    fn accounting_year(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (kind, j) = self.year_kind(i)?;
        if let Some(y) = year_number(t, j) {
            return self.date_hit(j + 1, kind.named(y));
        }
        // two digits glued to the letters or after an apostrophe: "FY18", "FY'19"
        let at = if (t.punct(j, '\'') || t.punct(j, '’')) && t.tight(j) && t.tight(j + 1) { j + 1 } else { j };
        let short = t.num(at).filter(|n| n.is_plain() && n.digits == 2 && t.tight(at));
        if let Some(n) = short.filter(|_| !(t.tight(at + 1) && (t.is_word(at + 1) || t.num(at + 1).is_some()))) {
            return self.date_hit(at + 1, kind.named(2000 + n.int as i32));
        }
        let after_in = matches!(t.prev_lex(i), Lex::W(W::In | W::During | W::The));
        if j == i + 2 && after_in && ends_clause(t, j) {
            return self.date_hit(j, self.reference.and_then(|r| kind.holding(r, 0)));
        }
        None
    }

    /// "two Sundays from now", "three Fridays ago", "two Monday later": the nth such weekday
    /// after (or before) the reference.
    fn counted_weekdays(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (Lex::Weekday(wd) | Lex::Weekdays(wd)) = t.lex(i + 1) else { return None };
        let n = match t.lex(i) {
            Lex::Card(n) => n,
            _ => t.num(i).filter(|n| n.is_plain())?.int,
        };
        if !(1..=12).contains(&n) {
            return None;
        }
        let (forward, end) = match (t.w(i + 2), t.w(i + 3)) {
            (Some(W::From), Some(W::Now)) => (true, i + 4),
            (Some(W::Later | W::Hence), _) => (true, i + 3),
            (Some(W::Ago), _) => (false, i + 3),
            _ => return None,
        };
        let weeks = 7 * (n as i64 - 1);
        let d = self.reference.and_then(|r| {
            if forward {
                shift_days(recent_weekday(shift_days(r, 7)?, wd, false)?, weeks)
            } else {
                shift_days(recent_weekday(r, wd, true)?, -weeks)
            }
        });
        self.date_hit(end, day_interval(d))
    }

    /// "this Friday-Jun-15", "next Friday 7.6", "this friday 5/12": a weekday counted from the
    /// reference and the date it falls on; the date, in the year that puts it nearest the
    /// reference (a weekday counted from it is within a week or two of it).
    fn dated_weekday(&self, j: usize, r: Option<NaiveDate>) -> Option<Hit> {
        let t = self.t;
        let k = if t.punct(j + 1, ',') || (t.is_dash(j + 1) && t.tight(j + 1)) { j + 2 } else { j + 1 };
        let h = self.month_first(k, false).or_else(|| self.day_first_form(k)).or_else(|| self.numeric(k))?;
        let Some(TimeValue::Interval(iv)) = h.value else { return None };
        if iv.precision != DatePrecision::Day {
            return None;
        }
        if year_named(t, k, h.end) {
            return Some(h);
        }
        let r = r?;
        let d = [-1, 0, 1]
            .iter()
            .filter_map(|dy| date(r.year() + dy, iv.start.month(), iv.start.day()))
            .min_by_key(|d| (*d - r).num_days().abs())?;
        self.date_hit(h.end, Some(DateInterval::day(d)))
    }

    /// "date" or "current date" at `k`: the token after it.
    fn date_word(&self, k: usize) -> Option<usize> {
        let t = self.t;
        if t.is_w(k, W::Date) {
            Some(k + 1)
        } else if t.is_w(k, W::This) && t.is_w(k + 1, W::Date) {
            Some(k + 2)
        } else {
            None
        }
    }

    /// "(up) to date", "till current date": the reference day, as the end of a range ("from
    /// March to date") or a bound; "the year to date", "year-to-date", "month to date": from the
    /// start of the reference's year or month to the reference day.
    fn to_date(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if let Lex::Unit(unit @ (Unit::Year | Unit::Month | Unit::Week)) = t.lex(i) {
            let k = if t.is_dash(i + 1) { i + 2 } else { i + 1 };
            if !t.is_w(k, W::To) {
                return None;
            }
            let end = self.date_word(if t.is_dash(k + 1) { k + 2 } else { k + 1 })?;
            let iv = self.reference.and_then(|r| span(self.this_unit(r, unit)?.start, r, DatePrecision::Day));
            return Some(Hit { end, value: iv_value(iv), kind: TimeKind::Duration });
        }
        // not "up to date", "bring it up to date"
        let joined = i > 0 && matches!(t.w(i - 1), Some(W::To | W::Until)) && !(i > 1 && t.is_w(i - 2, W::Up));
        let end = self.date_word(i).filter(|_| joined)?;
        // not a field compared to a value ("equals to date 1", "to date from 2010-01-01")
        if t.num(end).is_some() || t.is_w(end, W::From) {
            return None;
        }
        self.date_hit(end, day_interval(self.reference))
    }

    fn date_hit(&self, end: usize, iv: Option<DateInterval>) -> Option<Hit> {
        Some(Hit { end, value: iv_value(iv), kind: TimeKind::Date })
    }

    /// "within 2 weeks from today", "less than 3 days after tomorrow": the days from that day
    /// up to the end of the span.
    fn bounded_span(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let bounded = t.w(i.wrapping_sub(1)) == Some(W::Within)
            || (t.is_w(i.wrapping_sub(1), W::Than) && matches!(t.w(i.wrapping_sub(2)), Some(W::Less | W::Fewer)));
        if !bounded {
            return None;
        }
        let (lo, hi, k) = small_count(t, i)?;
        let (Lex::Unit(unit), Lex::DayWord(d)) = (t.lex(k), t.lex(k + 2)) else { return None };
        if lo != hi || !matches!(t.w(k + 1), Some(W::From | W::After)) {
            return None;
        }
        let iv = self.reference.and_then(|r| {
            let first = shift_days(r, d)?;
            span(first, forward_from(first, unit, lo)?.pred_opt()?, unit_precision(unit))
        });
        Some(Hit { end: k + 3, value: iv_value(iv), kind: TimeKind::Duration })
    }

    /// "the next day", "the day after", "the previous night", "two days before", "a week later".
    fn relative_to_event(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let event = |end: usize, days: i64| {
            Some(Hit { end, value: Some(TimeValue::RelativeToEvent { days }), kind: TimeKind::Date })
        };
        let j = if t.is_w(i, W::The) { i + 1 } else { i };
        let day_like = |k: usize| matches!(t.lex(k), Lex::Unit(Unit::Day | Unit::DayPart));
        match t.w(j) {
            Some(W::Next | W::Following) if day_like(j + 1) => return event(j + 2, 1),
            Some(W::Previous) if day_like(j + 1) && j > i => return event(j + 2, -1),
            _ => {}
        }
        if j > i && day_like(j) {
            // "the day before yesterday", "the day after tomorrow"
            if let (Some(w @ (W::Before | W::After)), Lex::DayWord(d)) = (t.w(j + 1), t.lex(j + 2)) {
                let shift = if w == W::Before { d - 1 } else { d + 1 };
                return self.date_hit(j + 3, day_interval(self.reference.and_then(|r| shift_days(r, shift))));
            }
            match t.w(j + 1) {
                Some(W::After) => return event(j + 2, 1),
                Some(W::Before) => return event(j + 2, -1),
                _ => {}
            }
        }
        let (lo, hi, k) = small_count(t, i)?;
        let Lex::Unit(unit) = t.lex(k) else { return None };
        if lo != hi {
            return None;
        }
        // "two months after next Friday", "a year before 3 May 2020": counted in calendar months
        // from that day
        if let (Unit::Month | Unit::Year, Some(w @ (W::After | W::Before))) = (unit, t.w(k + 1)) {
            let anchor = self.core(k + 2).filter(|h| h.kind == TimeKind::Date)?;
            let iv = match anchor.value {
                Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => iv,
                None => return self.date_hit(anchor.end, None), // no reference to count from
                _ => return None,
            };
            let months = Months::new(u32::try_from(lo).ok()?.checked_mul(if unit == Unit::Year { 12 } else { 1 })?);
            let d =
                if w == W::After { iv.start.checked_add_months(months) } else { iv.start.checked_sub_months(months) };
            return self.date_hit(anchor.end, day_interval(d));
        }
        let per = unit_days(unit)?;
        let n = i64::try_from(lo).ok()?.checked_mul(per)?;
        let n = match t.w(k + 1) {
            Some(W::Later | W::After) => n,
            Some(W::Earlier | W::Before) => -n,
            _ => return None,
        };
        // "three days after January 12th": counted from that date, not from the event.
        if matches!(t.w(k + 1), Some(W::After | W::Before)) {
            if let Some(anchor) = self.core(k + 2).filter(|h| h.kind == TimeKind::Date) {
                let value = match anchor.value {
                    Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => {
                        shift_days(iv.start, n).map(|d| TimeValue::Interval(DateInterval::day(d)))
                    }
                    Some(TimeValue::Interval(_)) | Some(TimeValue::RelativeToEvent { .. }) => return event(k + 2, n),
                    None => None,
                };
                return Some(Hit { end: anchor.end, value, kind: TimeKind::Date });
            }
        }
        event(k + 2, n)
    }

    /// "past few weeks", "last three years" (after "the"), "recent months": periods ending at the reference.
    fn duration(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "the next 4 business days", "the previous 4 working days": weekdays only
        if let (Some(dir @ (W::Next | W::Past | W::Previous | W::Last | W::Coming | W::Following)), Some((lo, hi, k))) =
            (t.w(i), small_count(t, i + 1))
        {
            if lo == hi && t.is_w(k, W::Business) && t.lex(k + 1) == Lex::Unit(Unit::Day) {
                let forward = matches!(dir, W::Next | W::Coming | W::Following);
                let iv = self.reference.and_then(|r| {
                    let far = business_days(r, lo, forward)?;
                    let near = business_days(r, 1, forward)?;
                    if forward {
                        span(near, far, DatePrecision::Day)
                    } else {
                        span(far, near, DatePrecision::Day)
                    }
                });
                return Some(Hit { end: k + 2, value: iv_value(iv), kind: TimeKind::Duration });
            }
        }
        let (n, k) = match t.w(i) {
            Some(W::Past | W::Previous) | Some(W::Last) => {
                // "the last 3 months and 2 weeks": back from the reference by the sum
                if let Some((months, days, end)) = self.compound_units(i + 1).filter(|c| !t.is_w(c.2, W::Ago)) {
                    let iv = self.reference.and_then(|r| {
                        let first = r.checked_sub_months(Months::new(months))?.checked_sub_days(Days::new(days))?;
                        span(first, r, DatePrecision::Day)
                    });
                    return Some(Hit { end, value: iv_value(iv), kind: TimeKind::Duration });
                }
                let after_the = i > 0 && t.is_w(i - 1, W::The);
                match small_count(t, i + 1) {
                    Some((_, hi, k)) if matches!(t.lex(k), Lex::Unit(_)) => (hi, k),
                    _ if matches!(t.lex(i + 1), Lex::Unit(_)) && (after_the || t.is_w(i, W::Past)) => (1, i + 1),
                    _ => return None,
                }
            }
            Some(W::Recent) if matches!(t.lex(i + 1), Lex::Unit(_)) => (FEW, i + 1),
            Some(W::A) | None => {
                if let Some(hit) = self.count_then_direction(i) {
                    return Some(hit);
                }
                // "4 weeks in the future", "2 days hence"
                let (n, unit, end) = self.ahead(i)?;
                let value = self.reference.and_then(|r| {
                    let last = forward_from(r, unit, n)?;
                    span(r.succ_opt()?, last, unit_precision(unit)).map(TimeValue::Interval)
                });
                return Some(Hit { end, value, kind: TimeKind::Duration });
            }
            Some(W::Next | W::Coming | W::Following) => {
                // "the next two days": a period starting at the reference.
                let (_, hi, k) = small_count(t, i + 1).filter(|c| c.0 == c.1 && !t.is_w(i + 1, W::A))?;
                let Lex::Unit(
                    unit @ (Unit::Day
                    | Unit::Week
                    | Unit::Fortnight
                    | Unit::Month
                    | Unit::Quarter
                    | Unit::Year
                    | Unit::Decade),
                ) = t.lex(k)
                else {
                    return None;
                };
                if unit == Unit::Quarter {
                    let value = self.reference.and_then(|r| calendar_quarters(r, 1, i64::try_from(hi).ok()?));
                    return Some(Hit { end: k + 1, value, kind: TimeKind::Duration });
                }
                // "within the next 3 years": from the reference day on
                let within = (i >= 2 && t.is_w(i - 1, W::The) && t.is_w(i - 2, W::Within))
                    || (i >= 1 && t.is_w(i - 1, W::Within));
                let value = self.reference.and_then(|r| {
                    let (first, last) = if within {
                        (r, forward_from(r, unit, hi)?.pred_opt()?)
                    } else {
                        (r.succ_opt()?, forward_from(r, unit, hi)?)
                    };
                    span(first, last, unit_precision(unit)).map(TimeValue::Interval)
                });
                return Some(Hit { end: k + 1, value, kind: TimeKind::Duration });
            }
            _ => return None,
        };
        let Lex::Unit(unit) = t.lex(k) else { return None };
        if matches!(unit, Unit::DayPart | Unit::Weekend | Unit::Hour) {
            return None;
        }
        if unit == Unit::Quarter {
            let n = i64::try_from(n).ok()?;
            let value = self.reference.and_then(|r| calendar_quarters(r, -n, n));
            return Some(Hit { end: k + 1, value, kind: TimeKind::Duration });
        }
        let value = self.reference.and_then(|r| {
            let start = back_from(r, unit, n)?;
            span(start, r, unit_precision(unit)).map(TimeValue::Interval)
        });
        Some(Hit { end: k + 1, value, kind: TimeKind::Duration })
    }

    /// "the 5 upcoming years", "the 10 previous weeks": the count before its direction, read as
    /// "the next 5 years", "the previous 10 weeks".
    fn count_then_direction(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if i == 0 || !t.is_w(i - 1, W::The) {
            return None;
        }
        let (lo, hi, k) = small_count(t, i).filter(|c| c.0 == c.1)?;
        let forward = match t.w(k)? {
            W::Next | W::Coming | W::Following => true,
            W::Past | W::Previous | W::Last => false,
            _ => return None,
        };
        let Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month | Unit::Year | Unit::Decade)) =
            t.lex(k + 1)
        else {
            return None;
        };
        let value = self.reference.and_then(|r| {
            let (first, last) =
                if forward { (r.succ_opt()?, forward_from(r, unit, hi)?) } else { (back_from(r, unit, lo)?, r) };
            span(first, last, unit_precision(unit)).map(TimeValue::Interval)
        });
        Some(Hit { end: k + 2, value, kind: TimeKind::Duration })
    }

    /// "4 weeks in the future", "2 days hence": `(n, unit, next)`.
    fn ahead(&self, i: usize) -> Option<(u64, Unit, usize)> {
        let t = self.t;
        let (lo, hi, k) = small_count(t, i)?;
        let Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month | Unit::Year)) = t.lex(k) else {
            return None;
        };
        if lo != hi {
            return None;
        }
        if t.is_w(k + 1, W::Hence) {
            return Some((lo, unit, k + 2));
        }
        (t.is_w(k + 1, W::In) && t.is_w(k + 2, W::The) && t.is_w(k + 3, W::Future)).then_some((lo, unit, k + 4))
    }

    /// Expressions counted from the reference date: "yesterday", "last Wednesday", "this month",
    /// "earlier this year", "three days ago".
    fn relative(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let r = self.reference;
        if let Lex::DayWord(d) = t.lex(i) {
            return self.date_hit(i + 1, day_interval(r.and_then(|r| shift_days(r, d))));
        }
        // "the rest of the year", "rest of this week": from the reference to the end
        if t.is_w(i, W::Rest) || (t.is_w(i, W::The) && t.is_w(i + 1, W::Rest)) {
            let mut k = if t.is_w(i, W::The) { i + 2 } else { i + 1 };
            if t.is_w(k, W::Of) {
                k += 1;
            }
            if matches!(t.w(k), Some(W::The | W::This)) {
                k += 1;
            }
            if let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) = t.lex(k) {
                let iv = r.and_then(|r| span(r, self.nth_unit(r, unit, 0)?.end, unit_precision(unit)));
                return self.date_hit(k + 1, iv);
            }
            return None;
        }
        // "the seventies", "the noughties", "the nineteen seventies", "the twenty-tens", "the two thousands"
        if t.is_w(i, W::The) {
            if let Some((start, e)) = self.decade_words(i + 1) {
                return self.date_hit(e, decade_interval(start));
            }
        }
        // "in nineties", "during the seventies"
        if let (Lex::DecadeWord(_), Lex::W(W::In | W::During | W::Since)) = (t.lex(i), t.prev_lex(i)) {
            if let Some((start, e)) = self.decade_words(i) {
                return self.date_hit(e, decade_interval(start));
            }
        }
        // "the 21st century", "the nineteenth century"
        if let Some((n, k)) = match (t.lex(i), day_number(t, i)) {
            (Lex::Ordinal(n), _) => Some((n, i + 1)),
            (_, Some((n, k, true))) => Some((n, k)),
            _ => None,
        } {
            if t.is_w(k, W::Century) && (1..=30).contains(&n) {
                let first = 100 * (n as i32 - 1);
                let iv = date(first, 1, 1)
                    .zip(date(first + 99, 12, 31))
                    .and_then(|(a, b)| span(a, b, DatePrecision::Decade));
                return self.date_hit(k + 1, iv);
            }
        }
        if t.is_w(i, W::The) && t.lex(i + 1) == Lex::Unit(Unit::Weekend) {
            let iv = r.and_then(|r| {
                let back = (r.weekday().num_days_from_monday() + 7 - 5) % 7; // days since the last Saturday
                let sat = r.checked_sub_days(Days::new(u64::from(back)))?;
                span(sat, sat.succ_opt()?, DatePrecision::Day)
            });
            return self.date_hit(i + 2, iv);
        }
        if let Some(w @ (W::Earlier | W::Later)) = t.w(i) {
            // "earlier this month" holds the reference day, "earlier in the week" ends before it
            let (k, strict) = match (t.w(i + 1), t.w(i + 2)) {
                (Some(W::This), _) => (i + 2, false),
                (Some(W::In), Some(W::The)) => (i + 3, true),
                _ => return None,
            };
            if let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) = t.lex(k) {
                let iv = r.and_then(|r| {
                    let whole = self.this_unit(r, unit)?;
                    let (s, e) = match (w, strict) {
                        (W::Earlier, false) => (whole.start, r),
                        (W::Earlier, true) => (whole.start, r.pred_opt()?),
                        _ => (r, whole.end),
                    };
                    span(s, e, whole.precision)
                });
                return self.date_hit(k + 1, iv);
            }
            return None;
        }
        if let Some(dir @ (W::Last | W::This | W::Next | W::Coming | W::Previous | W::Following)) = t.w(i) {
            // "this coming Friday", "this upcoming week": as "coming"
            let (dir, j) = if dir == W::This && t.is_w(i + 1, W::Coming) { (W::Coming, i + 2) } else { (dir, i + 1) };
            // "this calendar year"
            let j = if t.is_w(j, W::Calendar) && t.lex(j + 1) == Lex::Unit(Unit::Year) { j + 1 } else { j };
            let which = match dir {
                W::Last | W::Previous => -1,
                W::This => 0,
                _ => 1,
            };
            // "last fiscal year", "this school year"
            if let Some((kind, end)) = self.year_kind(j).filter(|(_, end)| t.lex(end - 1) == Lex::Unit(Unit::Year)) {
                return self.date_hit(end, r.and_then(|r| kind.holding(r, which as i32)));
            }
            // "this working week", "next workweek": Monday to Friday of that week
            let work_week = if t.is_w(j, W::Business) && t.lex(j + 1) == Lex::Unit(Unit::Week) {
                Some(j + 2)
            } else {
                t.is_w(j, W::Workweek).then_some(j + 1)
            };
            if let Some(end) = work_week {
                let iv = r.and_then(|r| {
                    let week = self.nth_unit(r, Unit::Week, which)?;
                    span(week.start, shift_days(week.start, 4)?, DatePrecision::Week)
                });
                return self.date_hit(end, iv);
            }
            match t.lex(j) {
                Lex::Weekday(_) if self.dated_weekday(j, r).is_some() => return self.dated_weekday(j, r),
                Lex::Weekday(wd) => {
                    let d = r.and_then(|r| match which {
                        // "the coming Friday": the first one after the reference
                        _ if dir == W::Coming => shift_days(recent_weekday(r, wd, false)?, 7),
                        -1 => recent_weekday(r, wd, true),
                        0 => week_of(r).and_then(|w| shift_days(w.start, i64::from(wd))),
                        _ => week_of(r).and_then(|w| shift_days(w.start, 7 + i64::from(wd))),
                    });
                    return self.date_hit(j + 1, day_interval(d));
                }
                Lex::Unit(Unit::Fortnight) => {
                    // "the next fortnight", "the past fortnight": the fourteen days after or up to the reference
                    let iv = r.and_then(|r| match which {
                        1 => span(r.succ_opt()?, forward_from(r, Unit::Fortnight, 1)?, DatePrecision::Week),
                        -1 => span(back_from(r, Unit::Fortnight, 1)?, r, DatePrecision::Week),
                        _ => None,
                    });
                    return self.date_hit(j + 1, iv);
                }
                Lex::Unit(
                    unit @ (Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Weekend | Unit::Decade),
                ) => {
                    // "next week Friday", "this week on Tuesday"
                    if unit == Unit::Week {
                        let k = if t.is_w(j + 1, W::On) { j + 2 } else { j + 1 };
                        if let Lex::Weekday(wd) = t.lex(k) {
                            let d = r
                                .and_then(|r| shift_days(r, 7 * which))
                                .and_then(week_of)
                                .and_then(|w| shift_days(w.start, i64::from(wd)));
                            return self.date_hit(k + 1, day_interval(d));
                        }
                    }
                    let iv = r.and_then(|r| self.nth_unit(r, unit, which));
                    return self.date_hit(j + 1, iv);
                }
                Lex::Month { m, .. } if self.month_word(j).is_some() => {
                    let iv = r.and_then(|r| {
                        let y = match which {
                            -1 if m < r.month() => r.year(),
                            -1 => r.year() - 1,
                            0 => r.year(),
                            _ if m > r.month() => r.year(),
                            _ => r.year() + 1,
                        };
                        month_interval(y, m)
                    });
                    return self.date_hit(j + 1, iv);
                }
                Lex::Season(s) => {
                    let iv = r.and_then(|r| {
                        let years = [r.year() + 1, r.year(), r.year() - 1, r.year() - 2];
                        let all = years.iter().filter_map(|&y| season_interval(y, s));
                        match which {
                            -1 => all.clone().find(|iv| iv.end < r),
                            0 => all
                                .clone()
                                .find(|iv| iv.start <= r && r <= iv.end)
                                .or_else(|| season_interval(r.year(), s)),
                            _ => all.clone().rfind(|iv| iv.start > r),
                        }
                    });
                    return self.date_hit(j + 1, iv);
                }
                // "next 5/12", "next 6th of April": the first such day after the reference
                _ if which == 1 && t.num(j).is_some() => {
                    let day = self.numeric(j).or_else(|| self.day_first_form(j))?;
                    let value = match day.value {
                        Some(TimeValue::Interval(x))
                            if x.precision == DatePrecision::Day && !year_named(t, j, day.end) =>
                        {
                            r.map(|r| TimeValue::Interval(year_after_start(r.succ_opt().unwrap_or(r), x)))
                        }
                        _ => return None,
                    };
                    return Some(Hit { end: day.end, value, kind: TimeKind::Date });
                }
                _ => return None,
            }
        }
        // "three days ago", "a week ago", "a few months ago"; "two weeks from now"
        let (lo, hi, k) = small_count(t, i)?;
        // "will pay in four business days": that many weekdays ahead
        if lo == hi && t.is_w(k, W::Business) && t.lex(k + 1) == Lex::Unit(Unit::Day) {
            if t.is_w(i.wrapping_sub(1), W::In) && self.future_clause(i - 1) {
                return self.date_hit(k + 2, day_interval(r.and_then(|r| business_days(r, lo, true))));
            }
            return None;
        }
        let Lex::Unit(unit) = t.lex(k) else { return None };
        // "will leave in two weeks": the day that far ahead; "will be back within 5 days": the
        // reference day and the days after it, five in all. Only in a clause that speaks of the future ("will", "shall", "'ll", or a request: "please"),
        // since "killed 40 in two days" says how long, not when.
        if let (Some(W::Within), Some((months, days, end))) = (t.w(i.wrapping_sub(1)), self.compound_units(i)) {
            if self.future_clause(i - 1) {
                let iv = r.and_then(|r| {
                    let last = r.checked_add_months(Months::new(months))?.checked_add_days(Days::new(days))?;
                    span(r, last.pred_opt()?, DatePrecision::Day)
                });
                return Some(Hit { end, value: iv_value(iv), kind: TimeKind::Duration });
            }
        }
        // "in two weeks' time", "in a fortnight's time": ahead whatever the clause
        let time_after = after_possessive(t, k + 1);
        let units_time = time_after > k + 1 && t.is_w(time_after, W::Time);
        if let (true, Some(w @ (W::In | W::Within))) = (lo == hi, t.w(i.wrapping_sub(1))) {
            if matches!(unit, Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month | Unit::Year)
                && (self.future_clause(i - 1) || (units_time && w == W::In))
                && !t.is_w(k + 1, W::Of)
            {
                let end = if units_time { time_after + 1 } else { k + 1 };
                let value = r.and_then(|r| {
                    let last = forward_from(r, unit, lo)?;
                    if w == W::In {
                        Some(DateInterval::day(last))
                    } else {
                        span(r, last.pred_opt()?, unit_precision(unit))
                    }
                });
                let kind = if w == W::In { TimeKind::Date } else { TimeKind::Duration };
                return Some(Hit { end, value: iv_value(value), kind });
            }
        }
        // "two weeks from now", "3 days from tomorrow", "16 days from 01/02/2018": that day
        if t.is_w(k + 1, W::From) && lo == hi {
            let base =
                match t.lex(k + 2) {
                    Lex::W(W::Now) => Some((r, k + 3)),
                    Lex::DayWord(d) => Some((r.and_then(|r| shift_days(r, d)), k + 3)),
                    // not "five months from 3 August to 24 December": a length, then a range
                    _ => self.core(k + 2).filter(|h| h.kind == TimeKind::Date && !self.joiner(h.end, false)).and_then(
                        |h| match h.value {
                            Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => {
                                Some((Some(iv.start), h.end))
                            }
                            None => Some((None, h.end)),
                            _ => None,
                        },
                    ),
                };
            if let Some((base, end)) = base {
                return self.date_hit(end, day_interval(base.and_then(|b| forward_from(b, unit, lo))));
            }
        }
        if let Some((months, days, end)) = self.compound_ago(i) {
            let d = r.and_then(|r| r.checked_sub_months(Months::new(months))?.checked_sub_days(Days::new(days)));
            return self.date_hit(end, day_interval(d));
        }
        if !t.is_w(k + 1, W::Ago) {
            return None;
        }
        let iv = r.and_then(|r| {
            let latest = back_from(r, unit, lo)?;
            let earliest = back_from(r, unit, hi)?;
            match unit {
                Unit::Day => span(earliest, latest, DatePrecision::Day),
                Unit::Week | Unit::Fortnight => span(
                    earliest.checked_sub_days(Days::new(3))?,
                    latest.checked_add_days(Days::new(3))?,
                    DatePrecision::Week,
                ),
                Unit::Month => {
                    let a = month_interval(earliest.year(), earliest.month())?;
                    let b = month_interval(latest.year(), latest.month())?;
                    span(a.start, b.end, DatePrecision::Month)
                }
                Unit::Year | Unit::Decade => {
                    span(year_interval(earliest.year())?.start, year_interval(latest.year())?.end, DatePrecision::Year)
                }
                _ => None,
            }
        });
        self.date_hit(k + 2, iv)
    }

    /// A decade in words after "the": "seventies", "nineteen seventies", "twenty-tens", "two
    /// thousands", "two thousand and tens": `(first year, next)`.
    fn decade_words(&self, k: usize) -> Option<(i32, usize)> {
        let t = self.t;
        // the century given first: "nineteen", "twenty", "two thousand [and]"
        let (century, k) = match (t.lex(k), t.lex(k + 1)) {
            (Lex::Card(2), Lex::Vague(crate::token::Vague::Thousands)) => return Some((2000, k + 2)),
            (Lex::Card(2), Lex::Scale(1_000)) => (Some(2000), if t.is_w(k + 2, W::And) { k + 3 } else { k + 2 }),
            (Lex::Card(c @ (10..=20)), _) => (Some(100 * c as i32), if t.is_dash(k + 1) { k + 2 } else { k + 1 }),
            _ => (None, k),
        };
        let tens = match t.lex(k) {
            Lex::DecadeWord(d) => d as i32,
            Lex::Vague(crate::token::Vague::Tens) if century.is_some() => 10,
            _ => return None,
        };
        let start = match century {
            Some(c) => c + tens,
            None if tens == 0 => 2000,
            None => 1900 + tens,
        };
        Some((start, k + 1))
    }

    /// "1 month 21 days ago", "2 years, 1 month and 21 days ago": a sum of two or more units
    /// back from the reference, one day: `(months, days, next)`.
    fn compound_ago(&self, i: usize) -> Option<(u32, u64, usize)> {
        let (months, days, k) = self.compound_units(i)?;
        self.t.is_w(k, W::Ago).then_some((months, days, k + 1))
    }

    /// Two or more counted units in a row ("5 years 1 month 12 days", "1 month, 21 days"):
    /// `(months, days, next)`.
    fn compound_units(&self, i: usize) -> Option<(u32, u64, usize)> {
        let t = self.t;
        let (mut months, mut days, mut parts, mut k) = (0u32, 0u64, 0, i);
        while let Some((lo, hi, e)) = small_count(t, k) {
            if lo != hi || lo > 1000 {
                return None;
            }
            match t.lex(e) {
                Lex::Unit(Unit::Year) => months += 12 * lo as u32,
                Lex::Unit(Unit::Month) => months += lo as u32,
                Lex::Unit(Unit::Week) => days += 7 * lo,
                Lex::Unit(Unit::Day) => days += lo,
                _ => break,
            }
            parts += 1;
            k = e + 1;
            let joined = t.punct(k, ',') || t.is_w(k, W::And);
            if joined && small_count(t, k + 1).is_some() {
                k += 1;
            }
            if parts >= 4 {
                break;
            }
        }
        (parts >= 2).then_some((months, days, k))
    }

    fn this_unit(&self, r: NaiveDate, unit: Unit) -> Option<DateInterval> {
        self.nth_unit(r, unit, 0)
    }

    /// The calendar week, weekend, month, year or decade `which` steps from the one holding `r`.
    fn nth_unit(&self, r: NaiveDate, unit: Unit, which: i64) -> Option<DateInterval> {
        match unit {
            Unit::Week => week_of(shift_days(r, 7 * which)?),
            Unit::Weekend => {
                let w = week_of(shift_days(r, 7 * which)?)?;
                // "last weekend" seen from a Monday–Friday is the weekend just gone.
                let sat = if which < 0 && r.weekday().num_days_from_monday() < 5 {
                    shift_days(w.start, 12)?
                } else {
                    shift_days(w.start, 5)?
                };
                span(sat, shift_days(sat, 1)?, DatePrecision::Day)
            }
            Unit::Month => {
                let first = date(r.year(), r.month(), 1)?;
                let m = if which < 0 {
                    first.checked_sub_months(Months::new(which.unsigned_abs() as u32))?
                } else {
                    first.checked_add_months(Months::new(which as u32))?
                };
                month_interval(m.year(), m.month())
            }
            Unit::Quarter => {
                let first = date(r.year(), 1 + 3 * ((r.month() - 1) / 3), 1)?;
                let q = if which < 0 {
                    first.checked_sub_months(Months::new(3 * which.unsigned_abs() as u32))?
                } else {
                    first.checked_add_months(Months::new(3 * which as u32))?
                };
                span(q, q.checked_add_months(Months::new(3))?.pred_opt()?, DatePrecision::Season)
            }
            Unit::Year => year_interval(r.year() + which as i32),
            Unit::Decade => decade_interval(r.year() - r.year().rem_euclid(10) + 10 * which as i32),
            _ => None,
        }
    }

    /// "the week of April 10th", "the week beginning February 4", "the week starting on Monday":
    /// the Monday-to-Sunday week that holds the day; "the week after next", "the month after
    /// the next": two steps on from the reference's.
    fn week_of_day(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "w/c 4 February": the week commencing that day
        let one_letter = |k: usize| t.get(k).is_some_and(|w| w.end - w.start == 1) && t.is_word(k);
        if t.is_w(i, W::Wc) && t.punct(i + 1, '/') && t.tight(i + 1) && t.tight(i + 2) && one_letter(i + 2) {
            let day = self.core(i + 3).filter(|h| h.kind == TimeKind::Date)?;
            return match day.value {
                Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => {
                    self.date_hit(day.end, week_of(iv.start))
                }
                Some(_) => None,
                None => self.date_hit(day.end, None),
            };
        }
        let j = if t.is_w(i, W::The) { i + 1 } else { i };
        let Lex::Unit(unit) = t.lex(j) else { return None };
        if t.is_w(j + 1, W::After) {
            let k = if t.is_w(j + 2, W::The) { j + 3 } else { j + 2 };
            if !t.is_w(k, W::Next) || !matches!(unit, Unit::Week | Unit::Weekend | Unit::Month | Unit::Year) {
                return None;
            }
            return self.date_hit(k + 1, self.reference.and_then(|r| self.nth_unit(r, unit, 2)));
        }
        let announced = i == 0 || matches!(t.prev_lex(i), Lex::W(W::For | W::In | W::During | W::Over));
        if unit != Unit::Week || (j == i && !t.cap(i) && !announced) {
            return None;
        }
        let mut k = j + 1;
        match t.w(k) {
            Some(W::Of) => k += 1,
            Some(W::Beginning) => {
                k += 1;
                if matches!(t.w(k), Some(W::On | W::From)) {
                    k += 1;
                }
            }
            _ => return None,
        }
        let day = self.core(k).filter(|h| h.kind == TimeKind::Date)?;
        let value = match day.value {
            Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => {
                week_of(iv.start).map(TimeValue::Interval)
            }
            Some(_) => return None,
            None => None,
        };
        Some(Hit { end: day.end, value, kind: TimeKind::Date })
    }

    /// "Week 31", "the week 1", "week 3 of 2027", "week 27 of last year": ISO weeks (Monday to
    /// Sunday, week 1 holding the year's first Thursday), of the reference's year unless one is named.
    fn iso_week(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let the = t.is_w(i, W::The);
        let j = if the { i + 1 } else { i };
        if t.lex(j) != Lex::Unit(Unit::Week) {
            return None;
        }
        let n = t.num(j + 1).filter(|n| n.is_plain() && n.digits <= 2 && (1..=53).contains(&n.int))?;
        if t.tight(j + 2) && (t.is_word(j + 2) || t.punct(j + 2, ':')) {
            return None;
        }
        let announced = the
            || t.cap(j)
            || i == 0
            || matches!(t.prev_lex(i), Lex::W(W::In | W::From | W::To | W::Between | W::And | W::On | W::During))
            || (i >= 2 && t.punct(i - 1, ',') && matches!(t.lex(i - 2), Lex::Weekday(_))); // "Thursday, week 23"
        if !announced {
            return None;
        }
        let (year, end) = match self.year_phrase(j + 3).filter(|_| t.is_w(j + 2, W::Of)) {
            Some((y, e)) => (Some(y), e),
            None if t.is_w(j + 2, W::Of) => return None, // "week 10 of the war"
            None => (self.reference.map(|r| r.year()), j + 2),
        };
        let iv = year.and_then(|y| {
            let monday = NaiveDate::from_isoywd_opt(y, n.int as u32, chrono::Weekday::Mon)?;
            span(monday, monday.checked_add_days(Days::new(6))?, DatePrecision::Week)
        });
        self.date_hit(end, iv)
    }

    /// "for three days starting Monday", "for 2 weeks starting May 20th", "for 1 week, from 20th
    /// Dec", "for 3 days from today": that many units from the day named.
    fn units_from(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if !t.is_w(i, W::For) {
            return None;
        }
        let (lo, hi, k) = small_count(t, i + 1)?;
        let Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month)) = t.lex(k) else {
            return None;
        };
        let mut k = if t.punct(k + 1, ',') { k + 2 } else { k + 1 };
        match t.w(k) {
            Some(W::Beginning) => {
                k += 1;
                if matches!(t.w(k), Some(W::On | W::From)) {
                    k += 1;
                }
            }
            Some(W::From) => k += 1,
            _ => return None,
        }
        if lo != hi {
            return None;
        }
        let first = self.core(k).filter(|h| h.kind == TimeKind::Date)?;
        let value = match first.value {
            Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Day => {
                let last = forward_from(iv.start, unit, lo).and_then(|d| d.pred_opt());
                last.and_then(|l| span(iv.start, l, unit_precision(unit))).map(TimeValue::Interval)
            }
            Some(_) => return None,
            None => None,
        };
        Some(Hit { end: first.end, value, kind: TimeKind::Date })
    }

    /// "the first six months of 2023", "the last 3 weeks of this year", "the first ten days of
    /// last year", "the third month of 2021", "the 15th day of next month": units counted from
    /// the start or the end of a period (weeks from Monday, as in [`Self::nth_week`]).
    fn units_of(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let j = if t.is_w(i, W::The) { i + 1 } else { i };
        if !matches!(t.lex(j), Lex::Ordinal(_) | Lex::Card(20 | 30) | Lex::W(W::Last)) && t.num(j).is_none() {
            return None;
        }
        // (from the end, how many, the nth only, the unit's token)
        let (from_end, n, nth, k) = match (t.lex(j), small_count(t, j + 1)) {
            (Lex::Ordinal(1) | Lex::W(W::Last), Some((n, m, k))) if n == m && !t.is_w(j + 1, W::A) => {
                (t.is_w(j, W::Last), n, false, k)
            }
            (Lex::W(W::Last), None) if t.lex(j + 1) == Lex::Unit(Unit::Day) => (true, 1, false, j + 1),
            _ => {
                let (n, k, suffix) = word_day(t, j).or_else(|| day_number(t, j))?;
                if !suffix {
                    return None;
                }
                (false, u64::from(n), true, k)
            }
        };
        let Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Month)) = t.lex(k) else { return None };
        if !t.is_w(k + 1, W::Of) || !(1..=366).contains(&n) || (nth && unit == Unit::Week) {
            return None;
        }
        let period = self.period_at(k + 2)?;
        let value = match period.value {
            Some(TimeValue::Interval(iv)) if iv.precision > unit_precision(unit) => {
                let n = n as u32;
                let (start, end) = match (unit, from_end) {
                    (Unit::Day, false) => (
                        iv.start.checked_add_days(Days::new(u64::from(if nth { n - 1 } else { 0 })))?,
                        iv.start.checked_add_days(Days::new(u64::from(n - 1)))?,
                    ),
                    (Unit::Day, true) => (iv.end.checked_sub_days(Days::new(u64::from(n - 1)))?, iv.end),
                    (Unit::Week, false) => {
                        let first = week_of(iv.start.checked_add_days(Days::new(3))?)?.start;
                        (first, first.checked_add_days(Days::new(u64::from(7 * n - 1)))?)
                    }
                    (Unit::Week, true) => {
                        let last = week_of(iv.end.checked_sub_days(Days::new(3))?)?.end;
                        (last.checked_sub_days(Days::new(u64::from(7 * n - 1)))?, last)
                    }
                    (_, false) => {
                        let first = iv.start.checked_add_months(Months::new(if nth { n - 1 } else { 0 }))?;
                        (first, iv.start.checked_add_months(Months::new(n))?.pred_opt()?)
                    }
                    (_, true) => (iv.end.succ_opt()?.checked_sub_months(Months::new(n))?, iv.end),
                };
                let precision =
                    if nth || n == 1 { unit_precision(unit) } else { unit_precision(unit).max(DatePrecision::Week) };
                let inside = span(start, end, precision).filter(|x| iv.start <= x.start && x.end <= iv.end);
                // "the 31st of this month" in November: the month, as for "November 31"
                let slip = unit == Unit::Day && nth && !from_end && n <= 31 && iv.precision == DatePrecision::Month;
                inside.or(slip.then_some(iv)).map(TimeValue::Interval)
            }
            Some(_) => return None,
            None => None,
        };
        Some(Hit { end: period.end, value, kind: TimeKind::Date })
    }

    /// A period that units can be counted in: "October", "2021", "next month", "this year",
    /// "the month" (the reference's).
    fn period_at(&self, k: usize) -> Option<Hit> {
        let t = self.t;
        if let (true, Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year))) = (t.is_w(k, W::The), t.lex(k + 1)) {
            return self.date_hit(k + 2, self.reference.and_then(|r| self.nth_unit(r, unit, 0)));
        }
        self.month_first(k, true).or_else(|| self.year(k, true)).or_else(|| self.relative(k))
    }

    /// "the first week of October", "the last week of 2016", "3rd week of Jan": weeks from Monday,
    /// the first being the one that holds the period's 4th day, the last the one that holds its
    /// 4th day from the end.
    fn nth_week(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let j = if t.is_w(i, W::The) { i + 1 } else { i };
        let (n, k) = match t.lex(j) {
            Lex::Ordinal(n) if n <= 5 => (Some(n), j + 1),
            Lex::W(W::Last) => (None, j + 1),
            _ => match day_number(t, j) {
                Some((n, k, true)) if n <= 5 => (Some(n), k),
                _ => return None,
            },
        };
        if let (Lex::Weekday(wd), true) = (t.lex(k), t.is_w(k + 1, W::Of)) {
            // "the first Friday of July", "the last Monday of next month"
            let inner = self.month_first(k + 2, true).or_else(|| self.relative(k + 2))?;
            let value = match inner.value {
                Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Month => {
                    nth_weekday_or_month(iv.start.year(), iv.start.month(), wd, n.unwrap_or(0)).map(TimeValue::Interval)
                }
                _ => None,
            };
            return Some(Hit { end: inner.end, value, kind: TimeKind::Date });
        }
        // "the second Sunday": of the reference's month
        if let (Lex::Weekday(wd), Some(n), true) = (t.lex(k), n, ends_clause(t, k + 1)) {
            let iv = self.reference.and_then(|r| nth_weekday_or_month(r.year(), r.month(), wd, n));
            return self.date_hit(k + 1, iv);
        }
        // "the third week of October"; "the third week next year" without "of" before a period
        // counted from the reference
        let relative_period = matches!(t.w(k + 1), Some(W::Next | W::Last | W::This))
            && matches!(t.lex(k + 2), Lex::Unit(Unit::Month | Unit::Year));
        if t.lex(k) != Lex::Unit(Unit::Week) || !(t.is_w(k + 1, W::Of) || relative_period) {
            return None;
        }
        let at = if relative_period { k + 1 } else { k + 2 };
        let inner = self.month_first(at, true).or_else(|| self.year(at, true)).or_else(|| self.relative(at))?;
        let value = match inner.value {
            Some(TimeValue::Interval(iv)) => {
                let anchor = match n {
                    Some(n) => iv.start.checked_add_days(Days::new(3 + 7 * (u64::from(n) - 1))),
                    None => iv.end.checked_sub_days(Days::new(3)),
                };
                anchor.and_then(week_of).map(TimeValue::Interval)
            }
            _ => None,
        };
        Some(Hit { end: inner.end, value, kind: TimeKind::Date })
    }

    /// "Q3 2016", "2016 Q3", "2019-Q1", "the third quarter of 2016", "Q2" (the latest one begun).
    fn quarter(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "Q3", "H2": (which, months in one)
        let q_at = |k: usize| -> Option<(u32, u32)> {
            let len = match t.w(k) {
                Some(W::Q) => 3,
                Some(W::H) => 6,
                _ => return None,
            };
            let n = t.num(k + 1).filter(|n| n.is_plain() && (1..=u64::from(12 / len)).contains(&n.int))?;
            (t.tight(k + 1) && !(t.tight(k + 2) && t.is_word(k + 2))).then_some((n.int as u32, len))
        };
        let of_year = |y: i32, (q, len): (u32, u32)| -> Option<DateInterval> {
            let start = date(y, len * (q - 1) + 1, 1)?;
            span(start, start.checked_add_months(Months::new(len))?.pred_opt()?, DatePrecision::Season)
        };
        let year_after = |k: usize| {
            let k = if t.is_dash(k) { k + 1 } else { k };
            self.year_phrase(k)
        };
        // "2016 Q3", "2019-Q1", "2016H2", "2016 the third quarter"
        if let Some(y) = t.num(i).filter(|n| n.is_plain() && n.digits == 4).map(|n| n.int as i32) {
            let k = if t.is_dash(i + 1) { i + 2 } else { i + 1 };
            if let Some(q) = q_at(k) {
                return self.date_hit(k + 2, of_year(y, q));
            }
            let (q, e) = self.ordinal_quarter(k).filter(|_| t.is_w(k, W::The))?;
            return self.date_hit(e, of_year(y, (q, 3)));
        }
        // "Q3 2016", "Q3 this year", "Q3"
        if let Some(q) = q_at(i) {
            let k = if t.is_w(i + 2, W::Of) { i + 3 } else { i + 2 };
            if let Some((y, e)) = year_after(k) {
                return self.date_hit(e, of_year(y, q));
            }
            if q.1 == 6 {
                return None; // a lone "H2" is not a date
            }
            let latest = self.reference.and_then(|r| {
                let y = if of_year(r.year(), q)?.start <= r { r.year() } else { r.year() - 1 };
                of_year(y, q)
            });
            return self.date_hit(i + 2, latest);
        }
        // "the third quarter of 2016", "the first quarter of the year"
        if !matches!(t.lex(i), Lex::W(W::The) | Lex::Ordinal(_)) && t.num(i).is_none() {
            return None;
        }
        let (q, k) = self.ordinal_quarter(i)?;
        let k = if t.is_w(k, W::Of) { k + 1 } else { k };
        let (y, e) = year_after(k)?;
        self.date_hit(e, of_year(y, (q, 3)))
    }

    /// "[the] third quarter", "[the] 1st quarter": the quarter and the token after it.
    fn ordinal_quarter(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        let j = if t.is_w(i, W::The) { i + 1 } else { i };
        let q = match t.lex(j) {
            Lex::Ordinal(n) if (1..=4).contains(&n) => n,
            _ => match day_number(t, j) {
                Some((n, _, true)) if n <= 4 => n,
                _ => return None,
            },
        };
        let k = if t.num(j).is_some() { j + 2 } else { j + 1 };
        (t.lex(k) == Lex::Unit(Unit::Quarter)).then_some((q, k + 1))
    }

    /// A year as a period's year is named: "2016", "two thousand and twenty", "this year",
    /// "next year", "last year", "the year" (the reference's): `(year, next)`.
    fn year_phrase(&self, k: usize) -> Option<(i32, usize)> {
        let t = self.t;
        if let Some(found) = year_at(t, k) {
            return Some(found);
        }
        let r = self.reference?;
        match (t.w(k), t.lex(k + 1)) {
            (Some(W::This | W::The), Lex::Unit(Unit::Year)) => Some((r.year(), k + 2)),
            (Some(W::Next), Lex::Unit(Unit::Year)) => Some((r.year() + 1, k + 2)),
            (Some(W::Last | W::Previous), Lex::Unit(Unit::Year)) => Some((r.year() - 1, k + 2)),
            _ => None,
        }
    }

    /// "Christmas", "Christmas Eve 2023", "New Year's Eve", "Easter 2018", "last Easter",
    /// "Labor Day 2021", "the Independence Day of this year", "St Patrick's Day".
    fn holiday(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "the weekend of Halloween", "weekend of Thanksgiving 2023"
        let weekend_of = {
            let k = if t.is_w(i, W::The) { i + 1 } else { i };
            (t.lex(k) == Lex::Unit(Unit::Weekend) && t.is_w(k + 1, W::Of)).then_some(k + 2)
        };
        let which = match t.w(i) {
            Some(W::Last | W::Previous) => Some(-1),
            Some(W::Next | W::Following | W::Coming) => Some(1),
            Some(W::This) => Some(0),
            _ => None,
        };
        let mut j = weekend_of.unwrap_or(if which.is_some() { i + 1 } else { i });
        if t.is_w(j, W::The) || t.is_w(j, W::Saint) {
            j += 1;
        }
        let (rule, mut e) = holiday_name(t, j)?;
        if t.punct(e, ',') && year_number(t, e + 1).is_some() {
            e += 1;
        }
        let (mut d, mut e) = if let Some(y) = year_number(t, e) {
            (rule.on(y), e + 1)
        } else if let Some((y, k)) = self.year_phrase(e + 1).filter(|_| t.is_w(e, W::Of)) {
            // "of this year", "of next year"
            (rule.on(y), k)
        } else {
            let d = self.reference.and_then(|r| {
                let years = [r.year() + 1, r.year(), r.year() - 1, r.year() - 2];
                match which {
                    Some(1) => years.iter().rev().filter_map(|&y| rule.on(y)).find(|d| *d > r),
                    Some(0) => rule.on(r.year()),
                    Some(_) => years.iter().filter_map(|&y| rule.on(y)).find(|d| *d < r),
                    None => self.nearest_ahead(
                        r,
                        years.iter().filter_map(|&y| rule.on(y)).find(|d| *d <= r),
                        years.iter().rev().filter_map(|&y| rule.on(y)).find(|d| *d >= r),
                    ),
                }
            });
            (d, e)
        };
        // "Labor Day weekend", "Halloween weekend 2021": the weekend joined to the holiday
        let weekend = weekend_of.is_some() || t.lex(e) == Lex::Unit(Unit::Weekend);
        if !weekend {
            return self.date_hit(e, day_interval(d));
        }
        if weekend_of.is_none() {
            e += 1;
            // "Halloween weekend 2021"
            if let Some(y) = year_number(t, e).filter(|_| year_number(t, e - 2).is_none()) {
                d = rule.on(y);
                e += 1;
            }
        }
        self.date_hit(e, d.and_then(holiday_weekend))
    }

    /// "early 2023", "mid-December", "late October 2022", "the end of last year".
    fn part(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (part, inner) = self.part_inner(i)?;
        let value = match inner.value {
            Some(TimeValue::Interval(iv)) => {
                part_of(iv, part, !matches!(t.lex(i), Lex::Part(_))).map(TimeValue::Interval)
            }
            _ => None,
        };
        Some(Hit { end: inner.end, value, kind: TimeKind::Date })
    }

    /// The day a range begins or ends at when that end is written "the start/middle/end of"
    /// a period: its first day, its middle day or the day after it ("from the end of March to
    /// the middle of September" is 1 April to 15 September). `hit` is the end as `part` read
    /// it and `moved` as the range resolved it, whose year the period takes.
    fn edge_day(&self, i: usize, hit: &Hit, moved: &Option<TimeValue>) -> Option<NaiveDate> {
        if matches!(self.t.lex(i), Lex::Part(_)) {
            return None;
        }
        let (part, inner) = self.part_inner(i).filter(|(_, inner)| inner.end == hit.end)?;
        let (Some(TimeValue::Interval(p)), Some(TimeValue::Interval(read)), Some(TimeValue::Interval(now))) =
            (inner.value, &hit.value, moved)
        else {
            return None;
        };
        let years = now.start.year() - read.start.year();
        let start = match years {
            0 => p.start,
            y if y > 0 => p.start.checked_add_months(Months::new(12 * y as u32))?,
            y => p.start.checked_sub_months(Months::new(12 * (-y) as u32))?,
        };
        let end = start.checked_add_days(Days::new(p.days() as u64 - 1))?;
        match part {
            Part::Early => Some(start),
            Part::Mid => start.checked_add_days(Days::new(p.days() as u64 / 2)),
            Part::Late => end.succ_opt(),
        }
    }

    /// The part and the period of "early 2023", "the end of last year" (for `part`).
    fn part_inner(&self, i: usize) -> Option<(Part, Hit)> {
        let t = self.t;
        let (part, mut j) = match t.lex(i) {
            Lex::Part(p) => (p, i + 1),
            Lex::W(W::The | W::Beginning | W::Middle | W::End) => {
                let k = if t.is_w(i, W::The) { i + 1 } else { i };
                let p = match t.w(k) {
                    Some(W::Beginning) => Part::Early,
                    Some(W::Middle) => Part::Mid,
                    Some(W::End) => Part::Late,
                    _ => return None,
                };
                if !t.is_w(k + 1, W::Of) {
                    return None;
                }
                (p, k + 2)
            }
            _ => return None,
        };
        if t.is_dash(j) && t.tight(j) {
            j += 1;
        }
        let bare_unit = || {
            // "end of month", "the end of the week": of the current one
            let k = if t.is_w(j, W::The) { j + 1 } else { j };
            let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) = t.lex(k) else { return None };
            if i == j.saturating_sub(1) {
                return None; // "early month" is not a date
            }
            self.date_hit(k + 1, self.reference.and_then(|r| self.nth_unit(r, unit, 0)))
        };
        let inner = self
            .month_first(j, true)
            .or_else(|| self.season(j, true))
            .or_else(|| self.year(j, true))
            .or_else(|| self.relative(j))
            .or_else(bare_unit)?;
        Some((part, inner))
    }

    /// "Wednesday", "on Tuesday", "Wednesday, January 3, 2024".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // "Sat", "Sun", "Wed", "Mon" are also words ("he sat", "Mon State"): weekdays only
        // before the day they name ("Sat 14th", "Wed, 22 of Jan", "Sun Oct 26").
        let (wd, abbr) = match t.lex(i) {
            Lex::Weekday(wd) => (wd, false),
            Lex::WeekdayAbbr(wd) => (wd, true),
            _ => return None,
        };
        // "Bloody Friday", "Black Sunday in Derry": a capitalised word that is no date word
        // ("On", "Last", "Early", a holiday's "Black") makes the weekday part of a day's name,
        // which says nothing of the week it fell in
        if let Some(p) = t.prev(i) {
            if t.cap(p) && t.is_word(p) && t.lex(p) == Lex::Other {
                return None;
            }
        }
        let j = if t.punct(i + 1, ',') { i + 2 } else { i + 1 };
        // "Wednesday, January 3, 2024": the weekday joins a date that names a day and a month.
        if let Some(h) = self.day_first_form(j).filter(|h| (j..h.end).any(|k| matches!(t.lex(k), Lex::Month { .. }))) {
            return Some(h);
        }
        if let Some((_, after_month)) = self.month_word(j) {
            if day_number(t, after_month).is_some() || word_day(t, after_month).is_some_and(|w| w.2) {
                if let Some(h) = self.month_first(j, false) {
                    return Some(h);
                }
            }
        }
        // "Friday the 15th", "Mon 13th", "tuesday the eleventh", "Sunday 31!": the month nearest
        // the reference where that day falls on that weekday.
        let the = t.is_w(i + 1, W::The);
        let at = if the { i + 2 } else { i + 1 };
        let named_day = day_number(t, at)
            .filter(|d| d.2 || the || (ends_clause(t, d.1) && !abbr))
            .or_else(|| word_day(t, at).filter(|w| w.2 || (the && ends_clause(t, w.1))))
            .or_else(|| match t.lex(at) {
                // "Friday the fifteen"
                Lex::Card(n) if the && (1..=19).contains(&n) && ends_clause(t, at + 1) => {
                    Some((n as u32, at + 1, false))
                }
                _ => None,
            });
        if let Some((d, e, _)) = named_day.filter(|d| self.month_word(d.1).is_none() && !t.is_w(d.1, W::Of)) {
            let found = self.reference.and_then(|r| {
                (-12i32..=12)
                    .filter_map(|off| {
                        let first = date(r.year(), r.month(), 1)?;
                        let m = if off >= 0 {
                            first.checked_add_months(Months::new(off as u32))?
                        } else {
                            first.checked_sub_months(Months::new(off.unsigned_abs()))?
                        };
                        date(m.year(), m.month(), d).filter(|x| x.weekday().num_days_from_monday() == wd)
                    })
                    .min_by_key(|x| {
                        let diff = (*x - r).num_days();
                        (diff.abs(), diff > 0)
                    })
            });
            return self.date_hit(e, day_interval(found));
        }
        if abbr {
            return None;
        }
        // "Monday two weeks from now", "Thursday, two years from now": that weekday of the week
        // holding the counted day
        if let Some(h) = self.core(j).filter(|h| h.kind == TimeKind::Date) {
            if let Some(TimeValue::Interval(iv)) = h.value {
                if iv.days() == 1 && (j..h.end).any(|k| matches!(t.lex(k), Lex::Unit(_))) {
                    let d = week_of(iv.start).and_then(|w| shift_days(w.start, i64::from(wd)));
                    return self.date_hit(h.end, day_interval(d));
                }
            }
        }
        let mut k = if t.is_w(i + 1, W::Of) { i + 2 } else { i + 1 };
        if k == i + 2 && t.is_w(k, W::The) {
            k += 1; // "Monday of the following week"
        }
        if let (
            Some(dir @ (W::Next | W::Last | W::This | W::Previous | W::Following | W::Coming)),
            Lex::Unit(Unit::Week),
        ) = (t.w(k), t.lex(k + 1))
        {
            let which = match dir {
                W::Next | W::Following | W::Coming => 1,
                W::This => 0,
                _ => -1,
            };
            let d = self
                .reference
                .and_then(|r| shift_days(r, 7 * which))
                .and_then(week_of)
                .and_then(|w| shift_days(w.start, i64::from(wd)));
            return self.date_hit(k + 2, day_interval(d));
        }
        let d = self.reference.and_then(|r| {
            self.nearest_ahead(r, recent_weekday(r, wd, false), recent_weekday(shift_days(r, 7)?, wd, false))
        });
        self.date_hit(i + 1, day_interval(d))
    }

    /// Whether a month word at `i` reads as a month here (not "may" the verb, not "Mar" the name).
    fn month_word(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        let Lex::Month { m, abbr, ambiguous } = t.lex(i) else { return None };
        let mut j = i + 1;
        if abbr && t.punct(j, '.') && t.tight(j) {
            if t.num(j + 1).is_some() {
                j += 1;
            } else {
                return (t.cap(i)).then_some((m, j));
            }
        } else if t.punct(j, '.') && t.tight(j) && t.tight(j + 1) && day_number(t, j + 1).is_some_and(|d| d.2) {
            j += 1; // "september.16th"
        }
        // Lower-case "may", "march", "jan" are months only after a word that announces a date
        // ("on may 5", "since march 2020") and before a number.
        let announced = matches!(
            t.prev_lex(i),
            Lex::W(
                W::On
                    | W::In
                    | W::Since
                    | W::By
                    | W::Until
                    | W::From
                    | W::Of
                    | W::The
                    | W::Before
                    | W::After
                    | W::During
                    | W::To
                    | W::Through
                    | W::Last
                    | W::Next
                    | W::This
            ) | Lex::Weekday(_)
                | Lex::Part(_)
        ) || t.punct(i.wrapping_sub(1), ',');
        let ordinal_day = day_number(t, j).is_some_and(|d| d.2) || word_day(t, j).is_some_and(|d| d.2);
        // "in may." ends a clause, where "may" the verb cannot stand
        let in_at_end = t.is_w(i.wrapping_sub(1), W::In) && ends_clause(t, j) && !t.punct(j, '?');
        let reads_as_month = t.cap(i) || ordinal_day || (announced && t.num(j).is_some()) || in_at_end;
        if ambiguous && !reads_as_month {
            return None;
        }
        Some((m, j))
    }

    /// Month first: "January 3, 2024", "Jan. 3", "January 3rd", "October 2022", "Jan, 2001", "in October".
    fn month_first(&self, i: usize, lone_ok: bool) -> Option<Hit> {
        let t = self.t;
        let (m, mut j) = self.month_word(i)?;
        if t.tight(j) && (t.is_dash(j) || t.punct(j, '/')) && day_number(t, j + 1).is_some() {
            j += 1; // "Oct-2", "Jan/1"
        }
        if t.punct(j, ',') && day_number(t, j + 1).is_some_and(|d| d.2) {
            j += 1; // "October, 1st"
        }
        // "November between 19 and 20", "Feb between 2-7 2018": days of that month
        if t.is_w(j, W::Between) {
            if let (Some((d1, k1, _)), Some((d2, k2, _))) = (day_number(t, j + 1), day_number(t, j + 3)) {
                if (t.is_w(k1, W::And) || t.is_dash(k1)) && k1 + 1 == j + 3 && d1 <= d2 {
                    let (year, end) = match year_at(t, k2) {
                        Some((y, e)) => (Some(y), e),
                        None => (self.reference.and_then(|r| recent_month_day(r, m, d1)).map(|d| d.year()), k2),
                    };
                    let iv = year.and_then(|y| span(date(y, m, d1)?, date(y, m, d2)?, DatePrecision::Day));
                    return self.date_hit(end, iv);
                }
            }
        }
        let the_day = if t.is_w(j, W::The) { j + 1 } else { j };
        // A day in cardinal words ("May twenty nine") only before a year or at a clause's end,
        // so that "in March twenty people died" stays a month.
        let day = day_number(t, j).or_else(|| day_number(t, the_day).filter(|d| the_day > j && d.2)).or_else(|| {
            word_day(t, the_day).filter(|w| {
                w.2 || year_at(t, w.1).is_some()
                    || (t.punct(w.1, ',') && year_at(t, w.1 + 1).is_some())
                    || ends_clause(t, w.1)
            })
        });
        if let Some((d, k, _)) = day {
            let mut e = k;
            let joins_year = t.punct(e, ',') || t.is_w(e, W::Of) || (t.tight(e) && (t.is_dash(e) || t.punct(e, '/')));
            if joins_year && year_at(t, e + 1).is_some() {
                e += 1;
            }
            if let Some((y, ye)) = year_at(t, e).or_else(|| self.short_year(k)) {
                return self.date_hit(ye, day_or_month(y, m, d));
            }
            return self
                .date_hit(k, self.reference.and_then(|r| recent_day_or_month(r, m, d, self.month_day(r, m, d))));
        }
        let mut e = j;
        if t.punct(e, ',') || t.is_w(e, W::Of) || (t.tight(e) && t.tight(e + 1) && (t.is_dash(e) || t.punct(e, '/'))) {
            e += 1;
        }
        if let Some((y, ye)) = year_at(t, e).or_else(|| self.short_year(j)) {
            return self.date_hit(ye, month_interval(y, m));
        }
        // "June in 2017"
        if t.is_w(j, W::In) {
            if let Some((y, ye)) = year_at(t, j + 1) {
                return self.date_hit(ye, month_interval(y, m));
            }
        }
        // "June next year", "March last year"
        if let (Some(dir @ (W::Next | W::Last | W::This)), Lex::Unit(Unit::Year)) = (t.w(j), t.lex(j + 1)) {
            let shift = match dir {
                W::Next => 1,
                W::Last => -1,
                _ => 0,
            };
            return self.date_hit(j + 2, self.reference.and_then(|r| month_interval(r.year() + shift, m)));
        }
        let context = matches!(
            t.prev_lex(i),
            Lex::W(
                W::In
                    | W::Since
                    | W::Until
                    | W::By
                    | W::During
                    | W::Of
                    | W::From
                    | W::To
                    | W::Through
                    | W::Before
                    | W::After
            ) | Lex::Part(_)
        );
        let plain_full = matches!(t.lex(i), Lex::Month { abbr: false, ambiguous: false, .. }) && t.cap(i);
        // "in the april": a month after "the" after a preposition
        let after_the = i >= 2
            && t.is_w(i - 1, W::The)
            && matches!(t.w(i - 2), Some(W::In | W::During | W::Since | W::Until | W::By));
        if !(lone_ok || context || plain_full || after_the) {
            return None;
        }
        // "may" the verb, unless "in may" ends a clause (as `month_word` lets it)
        let month_at_end = t.is_w(i.wrapping_sub(1), W::In) && ends_clause(t, j);
        if matches!(t.lex(i), Lex::Month { ambiguous: true, .. }) && !t.cap(i) && !month_at_end {
            return None;
        }
        self.date_hit(j, self.reference.and_then(|r| recent_month(r, m)))
    }

    /// Day first: "3 January 2024", "3rd of January", "the 3rd of January".
    fn day_first_form(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let the = t.is_w(i, W::The);
        let j = if the { i + 1 } else { i };
        if !matches!(t.lex(j), Lex::Ordinal(_) | Lex::Card(_)) && t.num(j).is_none() {
            return None;
        }
        // A bare day ("for the 27.", "on the second!", "on 15") only after a preposition and at
        // a clause's end, where nothing follows that it could number.
        let after_preposition = j.checked_sub(usize::from(the) + 1).is_some_and(|b| {
            matches!(t.w(b), Some(W::On | W::For | W::By | W::Until | W::Since | W::Before | W::After | W::Around))
        });
        let ordinal_word = word_day(t, j).is_some_and(|w| w.2);
        let (d, mut k, suffix) = match t.lex(j) {
            Lex::Ordinal(_) | Lex::Card(20 | 30) if ordinal_word => {
                let (n, k, suffix) = word_day(t, j).filter(|w| w.2)?;
                let alone = after_preposition && ends_clause(t, k);
                if !(t.is_w(k, W::Of) || matches!(t.lex(k), Lex::Month { .. }) || alone) {
                    return None;
                }
                (n, k, suffix)
            }
            // "fifteen August nineteen ninety three", "twenty five January 1986": a day in
            // cardinal words only before a month and a year
            Lex::Card(_) => {
                let (n, k) = word_below_hundred(t, j).filter(|w| (1..=31).contains(&w.0))?;
                let month_then_year = matches!(t.lex(k), Lex::Month { .. }) && year_at(t, k + 1).is_some();
                if !month_then_year {
                    return None;
                }
                (n as u32, k, false)
            }
            _ => day_number(t, j)?,
        };
        // (not "on 14, 20 and 27 April": a list of days before their month)
        let alone = after_preposition && ends_clause(t, k) && !t.punct(k, ',');
        if the && !suffix && !alone {
            return None;
        }
        let of = t.is_w(k, W::Of);
        let dotted_year = |m: usize| year_number(t, if t.punct(m + 1, '.') { m + 2 } else { m + 1 }).is_some();
        if of {
            k += 1;
        } else if t.punct(k, '.') && t.tight(k) && matches!(t.lex(k + 1), Lex::Month { .. }) && dotted_year(k + 1) {
            k += 1; // "16. Nov. 2016"
        } else if t.tight(k)
            && t.tight(k + 1)
            && (t.is_dash(k) || t.punct(k, '/'))
            && matches!(t.lex(k + 1), Lex::Month { .. })
        {
            k += 1; // "05-Aug-2016"
        }
        if of {
            if let Some(rel) =
                self.relative(k).filter(|_| matches!(t.w(k), Some(W::This | W::Next | W::Last | W::Previous)))
            {
                let value = match rel.value {
                    Some(TimeValue::Interval(iv)) if iv.precision == DatePrecision::Month => {
                        day_or_month(iv.start.year(), iv.start.month(), d).map(TimeValue::Interval)
                    }
                    _ => None,
                };
                return Some(Hit { end: rel.end, value, kind: TimeKind::Date });
            }
        }
        let Lex::Month { m, abbr, ambiguous } = t.lex(k) else {
            // "on the 27th.": a day of the current month, when nothing follows that it could number.
            let on = j.checked_sub(usize::from(the) + 1).is_some_and(|b| t.is_w(b, W::On));
            if (the || on) && (suffix || alone) && !of && ends_clause(t, k) {
                let d0 = self.reference.and_then(|r| {
                    (0..3u32)
                        .filter_map(|back| r.checked_sub_months(Months::new(back)))
                        .find_map(|x| date(x.year(), x.month(), d).filter(|c| *c <= r))
                });
                return self.date_hit(k, day_interval(d0));
            }
            return None;
        };
        let mut e = k + 1;
        if abbr && t.punct(e, '.') && t.tight(e) {
            e += 1;
        }
        let mut ye = e;
        if t.punct(ye, ',')
            || t.is_w(ye, W::Of)
            || (t.tight(ye) && t.tight(ye + 1) && (t.is_dash(ye) || t.punct(ye, '/')))
        {
            ye += 1;
        }
        let year = year_at(t, ye).or_else(|| self.short_year(e));
        if ambiguous && !t.cap(k) && !suffix && !of && year.is_none() {
            return None;
        }
        if let Some((y, after)) = year {
            return self.date_hit(after, day_or_month(y, m, d));
        }
        // "28 June in 2020"
        if let Some((y, after)) = year_at(t, e + 1).filter(|_| t.is_w(e, W::In)) {
            return self.date_hit(after, day_or_month(y, m, d));
        }
        if abbr && t.punct(e - 1, '.') && e - 1 > k {
            e -= 1; // a full stop after "Jan" that ends the sentence is not part of the date
        }
        self.date_hit(e, self.reference.and_then(|r| recent_day_or_month(r, m, d, self.month_day(r, m, d))))
    }

    /// "2024-01-03", "3/1/2024" (day-month order by option), "01/03/24", "4/22", "2015-3", "3/2015".
    fn numeric(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        // Dotted dates: "13.5.2015" (day first, as written where dots are used), "2015.5.13".
        if let Some(a) = t.num(i).filter(|n| n.decimal && !n.grouped && n.frac_digits <= 2) {
            if let Some(hit) = self.dotted_month_day(i, a) {
                return Some(hit);
            }
            // "2015.3", "2015.03": a year and a month, where nothing follows that it could measure
            let free = !t.tight(i + 1) && (ends_clause(t, i + 1) || matches!(t.lex(i + 1), Lex::W(W::To | W::And)));
            if a.digits == 4 && (1900..=2100).contains(&a.int) && (1..=12).contains(&a.frac) && free {
                return self.date_hit(i + 1, month_interval(a.int as i32, a.frac as u32));
            }
            if t.punct(i + 1, '.') && t.tight(i + 1) && t.tight(i + 2) {
                let c = t.num(i + 2).filter(|n| n.is_plain())?;
                if t.tight(i + 3)
                    && (t.is_word(i + 3) || t.num(i + 3).is_some() || t.punct(i + 3, '.') && t.num(i + 4).is_some())
                {
                    return None;
                }
                let d = if a.digits <= 2 && c.digits == 4 {
                    date(c.int as i32, a.frac as u32, a.int as u32)
                } else if a.digits == 4 && c.digits <= 2 {
                    date(a.int as i32, a.frac as u32, c.int as u32)
                } else {
                    return None;
                };
                return self.date_hit(i + 3, day_interval(d));
            }
            return None;
        }
        let a = t.num(i).filter(|n| n.is_plain())?;
        if let Some(hit) = self.full_digit_date(i, a) {
            return Some(hit);
        }
        // glued to what comes before, unless it is the second end of a range of numeric dates
        // ("10/1-11/7", "5/1/2019-5/7/2020")
        let slashed = i >= 4 && t.punct(i - 3, '/') && t.num(i - 4).is_some() && t.punct(i + 1, '/');
        let dashed = i >= 6
            && t.is_dash(i - 3)
            && t.is_dash(i - 5)
            && t.num(i - 6).is_some()
            && t.num(i - 2).is_some_and(|n| n.digits == 4)
            && t.is_dash(i + 1);
        let second_end = i >= 4 && t.is_dash(i - 1) && t.num(i - 2).is_some() && (slashed || dashed);
        if i > 0
            && t.tight(i)
            && (t.is_word(i - 1) || t.num(i - 1).is_some() || t.punct(i - 1, '/') || (t.is_dash(i - 1) && !second_end))
        {
            return None;
        }
        let sep = |k: usize| -> Option<char> {
            match t.get(k)?.kind {
                crate::token::Kind::Punct(c @ ('/' | '-')) if t.tight(k) && t.tight(k + 1) => Some(c),
                _ => None,
            }
        };
        let small = |n: Num| n.digits <= 2;
        let plain = |k: usize| t.num(k).filter(|n| n.is_plain());
        // "11 / 2016", "2016 - 11": a month and a year, however spaced.
        if let (Some(b), true) = (plain(i + 2), t.is_dash(i + 1) || t.punct(i + 1, '/')) {
            let free = !(t.tight(i + 3)
                && (t.is_word(i + 3) || t.num(i + 4).is_some() || t.is_dash(i + 3) || t.punct(i + 3, '/')));
            let year = |n: Num| n.digits == 4 && (1900..=2100).contains(&n.int);
            let month = |n: Num| n.digits <= 2 && (1..=12).contains(&n.int);
            if free && (!t.tight(i + 1) || !t.tight(i + 2) || t.is_dash(i + 1)) {
                if year(a) && month(b) {
                    return self.date_hit(i + 3, month_interval(a.int as i32, b.int as u32));
                }
                if month(a) && year(b) {
                    return self.date_hit(i + 3, month_interval(b.int as i32, a.int as u32));
                }
            }
        }
        let s1 = sep(i + 1)?;
        if a.digits == 4 {
            if let (Lex::Month { m, .. }, Some(s2)) = (t.lex(i + 2), sep(i + 3)) {
                if s2 == s1 {
                    if let Some((d, e, _)) = day_number(t, i + 4) {
                        return self.date_hit(e, day_or_month(a.int as i32, m, d));
                    }
                }
            }
        }
        let b = plain(i + 2)?;
        // The order of month and day: by option, or the other way when only that is a valid date.
        let md = |x: u64, y: u64| -> Option<(u32, u32)> {
            let (m, d) = if self.day_first { (y, x) } else { (x, y) };
            let ok = |m: u64, d: u64| (1..=12).contains(&m) && (1..=31).contains(&d);
            if ok(m, d) {
                Some((m as u32, d as u32))
            } else if ok(d, m) {
                Some((d as u32, m as u32))
            } else {
                None
            }
        };
        if sep(i + 3) == Some(s1) {
            let c = plain(i + 4)?;
            let date_follows = t.num(i + 6).is_some() && (t.punct(i + 7, '/') || sep(i + 7) == Some(s1));
            // "2016-12-16T12:23:59": a clock time joined by a one-letter "T"
            let clock_follows =
                t.get(i + 5).is_some_and(|w| w.end - w.start == 1 && w.cap) && t.tight(i + 6) && t.num(i + 6).is_some();
            if t.tight(i + 5)
                && ((t.is_word(i + 5) && !clock_follows) || t.punct(i + 5, '/') || (t.is_dash(i + 5) && !date_follows))
            {
                return None;
            }
            let d = if a.digits == 4 && small(b) && small(c) {
                date(a.int as i32, b.int as u32, c.int as u32)
            } else if small(a) && small(b) && (c.digits == 4 || c.digits == 2) {
                let y = if c.digits == 4 {
                    c.int as i32
                } else if c.int <= 30 {
                    2000 + c.int as i32
                } else {
                    1900 + c.int as i32
                };
                let Some((m, d)) = md(a.int, b.int) else { return self.date_hit(i + 5, None) };
                return self.date_hit(i + 5, day_or_month(y, m, d));
            } else {
                return None;
            };
            return self.date_hit(i + 5, day_interval(d));
        }
        let date_follows = |k: usize| t.num(k + 1).is_some() && t.punct(k + 2, '/');
        if t.tight(i + 3)
            && (t.is_word(i + 3)
                || t.punct(i + 3, '/')
                || (t.is_dash(i + 3) && !date_follows(i + 3))
                || t.punct(i + 3, '%'))
        {
            return None;
        }
        // Year and month: "2015-3", "2015/3", "3/2015".
        if a.digits == 4 && small(b) && (1..=12).contains(&b.int) && (1000..=2999).contains(&a.int) {
            return self.date_hit(i + 3, month_interval(a.int as i32, b.int as u32));
        }
        if s1 == '/' && small(a) && (1..=12).contains(&a.int) && b.digits == 4 && (1000..=2999).contains(&b.int) {
            return self.date_hit(i + 3, month_interval(b.int as i32, a.int as u32));
        }
        // Month and day without a year, "4/22", "22/04": not "1/2" or "3/4", which are fractions;
        // with a dash ("on 4-22") only after a preposition and at a clause's end, not a range.
        let dashed_day = s1 == '-' && self.announced_date(i) && ends_clause(t, i + 3);
        // "5/1" is a day where a date follows it in a range or a word before it announces one
        // (not odds: "from 4/1 to 5/2", "4/9 and 8/13")
        let year_soon = (i + 4..i + 10).any(|k| t.num(k).is_some_and(|n| n.digits == 4));
        let dated = dashed_day
            || second_end
            || (t.is_dash(i + 3) && t.tight(i + 3) && date_follows(i + 3) && year_soon)
            || (self.announced_date(i) && !matches!(t.prev_lex(i), Lex::Weekday(_)) && ends_clause(t, i + 3));
        if (s1 != '/' && !dashed_day) || !small(a) || !small(b) || (a.digits == 1 && b.digits == 1 && !dated) {
            return None;
        }
        let (m, d) = md(a.int, b.int)?;
        if t.punct(i + 3, ',') {
            if let Some(y) = year_number(t, i + 4).or_else(|| {
                let n = plain(i + 4)?;
                let followed = t.is_w(i + 5, W::Of) || matches!(t.lex(i + 5), Lex::Month { .. });
                (n.digits == 2 && !followed).then_some(2000 + n.int as i32)
            }) {
                return self.date_hit(i + 5, day_or_month(y, m, d));
            }
        }
        self.date_hit(i + 3, self.reference.and_then(|r| recent_day_or_month(r, m, d, self.month_day(r, m, d))))
    }

    /// A whole date in digits, year first, that no count or code is written as: "2002-10-09"
    /// (four, two and two digits) and "20170302" (eight), read even where glued to a name
    /// ("report-2002-10-09.xlsx", "archive-20180923"), but not inside a longer run of numbers.
    fn full_digit_date(&self, i: usize, a: Num) -> Option<Hit> {
        let t = self.t;
        let digits = |k: usize, n: u8| t.num(k).filter(|x| x.is_plain() && x.digits == n && t.tight(k));
        let linked = |k: usize| t.tight(k) && (t.is_dash(k) || t.punct(k, '/') || t.punct(k, '.'));
        let in_numbers_before = i >= 2 && linked(i) && t.num(i - 2).is_some() && t.tight(i - 1);
        if in_numbers_before || (i > 0 && t.tight(i) && t.num(i - 1).is_some()) {
            return None;
        }
        let (y, m, d, end) = if a.digits == 8 {
            ((a.int / 10_000) as i32, (a.int / 100 % 100) as u32, (a.int % 100) as u32, i + 1)
        } else if a.digits == 4 && t.is_dash(i + 1) && t.is_dash(i + 3) {
            let (b, c) = (digits(i + 2, 2)?, digits(i + 4, 2)?);
            if !t.tight(i + 1) || !t.tight(i + 3) {
                return None;
            }
            (a.int as i32, b.int as u32, c.int as u32, i + 5)
        } else {
            return None;
        };
        // not the first part of a longer run ("2020-07-01-3", "20170302.5")
        if t.tight(end) && (t.num(end).is_some() || (linked(end) && t.num(end + 1).is_some() && t.tight(end + 1))) {
            return None;
        }
        if !(1900..=2100).contains(&y) {
            return None;
        }
        date(y, m, d).and_then(|x| self.date_hit(end, Some(DateInterval::day(x))))
    }

    /// A year in two digits after a month: "of 87" at a clause's end, "'99", "’87": `(year, next)`.
    /// The century is the one that puts the year not more than a year after the reference's.
    fn short_year(&self, k: usize) -> Option<(i32, usize)> {
        let t = self.t;
        let apostrophe = (t.punct(k, '\'') || t.punct(k, '’')) && t.tight(k + 1);
        // "of 87", "'99", or a bare "99" that cannot be a day ("August 99")
        let bare = t.num(k).is_some_and(|n| n.is_plain() && n.digits == 2 && n.int > 31) && ends_clause(t, k + 1);
        let at = if apostrophe || t.is_w(k, W::Of) {
            k + 1
        } else if bare {
            k
        } else {
            return None;
        };
        let n = t.num(at).filter(|n| n.is_plain() && n.digits == 2)?;
        if !(apostrophe || ends_clause(t, at + 1)) || (t.tight(at + 1) && t.is_word(at + 1)) {
            return None;
        }
        let now = self.reference.map_or(2030, |r| r.year() + 1);
        let y = 2000 + n.int as i32;
        Some((if y > now { y - 100 } else { y }, at + 1))
    }

    /// Whether the clause before token `i` speaks of the future: "will", "shall" or "'ll" among
    /// the eight tokens before it, within its sentence.
    /// A month and day without a year: the latest not after the reference, or in a clause that
    /// speaks of the future the nearest either way ("will happen 3 days after January 12th"
    /// written in November is the coming January).
    fn month_day(&self, r: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
        let past = recent_month_day(r, m, d);
        if past == Some(r) {
            return past;
        }
        let next = || (0..8).filter_map(|f| date(r.year() + f, m, d)).find(|x| *x >= r);
        if self.future_clause(self.start.get()) {
            return self.nearest_ahead(r, past, next());
        }
        past
    }

    /// `past`, or in a clause that speaks of the future whichever of `past` and `next` is
    /// nearer the reference (`next` on a tie): "will meet on Tuesday" said on a Monday is the
    /// next day, "will honour the victims of January 3" said on January 12 is still January 3.
    fn nearest_ahead(&self, r: NaiveDate, past: Option<NaiveDate>, next: Option<NaiveDate>) -> Option<NaiveDate> {
        match (past, next) {
            (Some(p), Some(n)) if p != n && self.future_clause(self.start.get()) => {
                Some(if (n - r) <= (r - p) { n } else { p })
            }
            (None, n) if self.future_clause(self.start.get()) => n,
            (p, _) => p,
        }
    }

    fn future_clause(&self, i: usize) -> bool {
        let t = self.t;
        let mut words = (i.saturating_sub(8)..i)
            .rev()
            .take_while(|&k| !(t.punct(k, '.') || t.punct(k, '?') || t.punct(k, '!') || t.punct(k, ';')))
            .take_while(|&k| !matches!(t.lex(k), Lex::Ordinal(_) | Lex::W(W::Last | W::Most)));
        // "will be the first annual fall in nine years" counts years, it names no date
        words.any(|k| matches!(t.w(k), Some(W::Will | W::Please | W::Intend)))
    }

    /// Whether the word before `i` announces a date: "on", "in", "by", "until", "since",
    /// "before", "after", or a weekday.
    fn announced_date(&self, i: usize) -> bool {
        let t = self.t;
        i > 0
            && matches!(
                t.lex(i - 1),
                Lex::W(W::On | W::In | W::By | W::Until | W::Since | W::Before | W::After) | Lex::Weekday(_)
            )
    }

    /// "on 4.22", "Friday 7.6": a month and day written with a dot (day first by option), after a
    /// preposition or a weekday and before nothing it could count.
    fn dotted_month_day(&self, i: usize, a: Num) -> Option<Hit> {
        let t = self.t;
        if !self.announced_date(i) || !(1..=2).contains(&a.frac_digits) || a.digits > 2 || t.tight(i + 1) {
            return None;
        }
        let after_weekday = matches!(t.lex(i - 1), Lex::Weekday(_));
        let counts = match t.lex(i + 1) {
            Lex::W(w) => matches!(
                w,
                W::Percent | W::Kilo | W::Mega | W::Giga | W::MegaWord | W::GigaWord | W::Measure | W::Currency
            ),
            Lex::Other => t.is_word(i + 1) && !after_weekday,
            _ => t.is_word(i + 1),
        };
        if counts {
            return None;
        }
        let (x, y) = (a.int, a.frac);
        let (m, d) = if self.day_first { (y, x) } else { (x, y) };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let day = self.reference.and_then(|r| self.month_day(r, m as u32, d as u32));
        self.date_hit(i + 1, day_interval(day))
    }

    /// "summer 2023", "the summer of 2023", "over the summer", "in the spring".
    fn season(&self, i: usize, lone_ok: bool) -> Option<Hit> {
        let t = self.t;
        let the = t.is_w(i, W::The);
        let j = if the { i + 1 } else { i };
        let Lex::Season(s) = t.lex(j) else { return None };
        let mut e = j + 1;
        if t.is_w(e, W::Of) || t.punct(e, ',') {
            e += 1;
        }
        if let Some(y) = year_number(t, e) {
            return self.date_hit(e + 1, season_interval(y, s));
        }
        let context = i.checked_sub(1).is_some_and(|p| {
            matches!(
                t.lex(p),
                Lex::W(W::In | W::During | W::Over | W::Since | W::Until | W::By | W::Through | W::Before | W::After)
            )
        });
        if !(lone_ok || the || context) {
            return None;
        }
        self.date_hit(j + 1, self.reference.and_then(|r| recent_season(r, s)))
    }

    /// "2020" after "in", "since", "by", "of"...; "the 1990s"; "from 2019 to 2021".
    fn year(&self, i: usize, lone_ok: bool) -> Option<Hit> {
        let t = self.t;
        if t.num(i).is_none() {
            return self.word_year_alone(i);
        }
        let n = t.num(i)?;
        // Decades: "1990s", "1990's", and "1990 s" at a clause's end (an "s" split off).
        if n.is_plain() && n.digits == 4 && n.int % 10 == 0 && (1000..=2990).contains(&n.int) {
            if t.is_w(i + 1, W::S) && (t.tight(i + 1) || ends_clause(t, i + 2)) {
                return self.date_hit(i + 2, decade_interval(n.int as i32));
            }
            if t.tight(i + 1) && (t.punct(i + 1, '\'') || t.punct(i + 1, '’')) && t.tight(i + 2) && t.is_w(i + 2, W::S)
            {
                return self.date_hit(i + 3, decade_interval(n.int as i32));
            }
        }
        if n.is_plain() && n.digits == 2 && n.int % 10 == 0 {
            let apostrophe = |k: usize| t.punct(k, '\'') || t.punct(k, '’');
            let s_at = if t.tight(i + 1) && t.is_w(i + 1, W::S) {
                Some(i + 2)
            } else if t.tight(i + 1) && apostrophe(i + 1) && t.tight(i + 2) && t.is_w(i + 2, W::S) {
                Some(i + 3)
            } else {
                None
            };
            if let Some(end) = s_at {
                let century = if n.int >= 30 { 1900 } else { 2000 };
                return self.date_hit(end, decade_interval(century + n.int as i32));
            }
        }
        let y = year_number(t, i)?;
        let another_date = t.num(i + 3).is_some() || matches!(t.lex(i + 3), Lex::Month { .. });
        if let (true, Some(w @ (W::Later | W::Earlier | W::After | W::Before)), false) =
            (t.is_w(i + 1, W::Or), t.w(i + 2), another_date)
        {
            let kind = if matches!(w, W::Later | W::After) { TimeKind::Since } else { TimeKind::Until };
            return Some(Hit { end: i + 3, value: iv_value(year_interval(y)), kind });
        }
        // "2017 April", "2016, Nov"
        let k = if t.punct(i + 1, ',') { i + 2 } else { i + 1 };
        if let Some((m, e)) =
            self.month_word(k).filter(|_| !matches!(t.lex(k), Lex::Month { ambiguous: true, .. }) || t.cap(k))
        {
            if day_number(t, e).is_none() {
                return self.date_hit(e, month_interval(y, m));
            }
        }
        let prev = t.prev_lex(i);
        if let Lex::W(W::From | W::Between) = prev {
            let joined = t.is_w(i + 1, W::To)
                || (t.is_w(i + 1, W::And) && prev == Lex::W(W::Between))
                || t.is_w(i + 1, W::Until)
                || t.is_w(i + 1, W::Through)
                || t.is_dash(i + 1);
            if let Some(y2) = year_number(t, i + 2).filter(|_| joined) {
                let iv = year_interval(y)
                    .zip(year_interval(y2))
                    .and_then(|(a, b)| span(a.start, b.end, DatePrecision::Year));
                return self.date_hit(i + 3, iv);
            }
        }
        let context = lone_ok
            || match prev {
                Lex::W(
                    W::In
                    | W::Since
                    | W::Until
                    | W::By
                    | W::During
                    | W::From
                    | W::Through
                    | W::Before
                    | W::After
                    | W::Between,
                ) => true,
                Lex::Unit(Unit::Year) => true,
                // "in 2017 and 2022"
                Lex::W(W::And | W::Or) => {
                    i >= 2
                        && year_number(t, i - 2).is_some()
                        && matches!(t.prev_lex(i - 2), Lex::W(W::In | W::Of | W::During | W::Since | W::From))
                }
                // "of 2017", but not "of 2000 people"
                Lex::W(W::Of) => !(t.is_word(i + 1) && t.lex(i + 1) == Lex::Other && !t.cap(i + 1)),
                _ => false,
            };
        if !context || !(1800..=2100).contains(&y) {
            return None;
        }
        self.date_hit(i + 1, year_interval(y))
    }

    /// A year in words on its own ("in nineteen ninety six", "since two thousand and fifteen"):
    /// after a word that announces a time, and not before a noun it could count ("in two
    /// thousand homes").
    fn word_year_alone(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (y, e) = word_year(t, i)?;
        let announced = matches!(
            t.prev_lex(i),
            Lex::W(W::In | W::Since | W::Until | W::During | W::Of | W::From | W::Before | W::After | W::Through)
                | Lex::Unit(Unit::Year)
        );
        let counts_a_noun =
            matches!(t.lex(e), Lex::Other | Lex::Unit(_) | Lex::Scale(_) | Lex::Vague(_)) && t.is_word(e) && !t.cap(e);
        // "two thousand" alone is a year only at a clause's end ("from one thousand to ..." is a count).
        let range_of_years = self.joiner(e, false) && word_year(t, e + 1).is_some();
        let bare_thousand = e == i + 2 && t.lex(i + 1) == Lex::Scale(1_000) && !ends_clause(t, e) && !range_of_years;
        if !announced || counts_a_noun || bare_thousand || !(1100..=2100).contains(&y) {
            return None;
        }
        self.date_hit(e, year_interval(y))
    }
}
