//! Quantities: counts in digits or words, with their hedges, read off the token stream.
//!
//! A count is a whole number of things. Besides the conventions of the crate documentation:
//! - A fraction counts as a part of a scale: "one and a half million" is 1,500,000, and so are
//!   "half a million" (500,000), "a quarter of a million", "3 million and a half", "a dozen and
//!   a half" (18). "two and a half years" and "4.22" are not whole, so they are not counts.
//! - Digits are grouped by commas or by single spaces ("40 000", "1 414 021 100"); a group of
//!   three glued to what follows ("10 737-800s") is not taken into the number before it.
//! - Digits mix with scale words ("4 thousand 3 hundred and 21"); scales multiply ("three lakh
//!   crore", "a thousand million"); "tn" is a trillion, "dz" and "doz" a dozen.
//! - A number with a minus sign ("-5") is not a count.

use crate::token::{Kind, Lex, Num, Toks, Unit, Vague, W};
use crate::{Qualifier, Quantity};
use annalist_model::{CountRange, Span};

/// The hedge in front of a number, as it bounds the count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hedge {
    None,
    About,
    Nearly,
    MoreThan,
    AtLeast,
    AtMost,
    LessThan,
    Between,
    Equal,
}

/// The range a vague quantity word stands for. Literal readings, not ACLED's single figures:
/// "dozens" is at least two dozen and fewer than a hundred, and so on.
pub(crate) fn vague_range(v: Vague) -> CountRange {
    let (low, high) = match v {
        Vague::Handful => (2, Some(5)),
        Vague::Several => (3, Some(9)),
        Vague::Dozens => (24, Some(99)),
        Vague::Scores => (40, Some(199)),
        Vague::Hundreds => (200, Some(999)),
        Vague::Thousands => (2_000, Some(9_999)),
        Vague::Millions => (2_000_000, None),
        Vague::Tens => (20, Some(99)),
    };
    CountRange { low, high }
}

/// The count that starts at token `i`, if any, and the token after it.
pub(crate) fn at(t: Toks, i: usize) -> Option<(Quantity, usize)> {
    let (count, qualifier, end) = quantity_at(t, i)?;
    let first = t.get(i)?;
    let last = t.get(end.checked_sub(1)?)?;
    Some((Quantity { span: Span::new(first.start, last.end), count, qualifier }, end.max(i + 1)))
}

/// "or equal to", "or equal than", "than or equal to" after a comparison: where it ends, if there.
fn or_equal(t: Toks, k: usize) -> Option<usize> {
    let k = if t.is_w(k, W::Than) { k + 1 } else { k };
    if t.is_w(k, W::Or) && t.is_w(k + 1, W::Equal) {
        let e = k + 2;
        return Some(if t.is_w(e, W::To) || t.is_w(e, W::Than) { e + 1 } else { e });
    }
    None
}

/// The hedge words at `i` and where the number after them starts.
fn hedge_at(t: Toks, i: usize) -> (Hedge, usize) {
    let w = |k: usize| t.w(k);
    let comparison = |lower: bool, k: usize| -> (Hedge, usize) {
        // k: after "more"/"less"; "than" may follow, and "or equal to" may widen it.
        if let Some(e) = or_equal(t, k) {
            return (if lower { Hedge::AtLeast } else { Hedge::AtMost }, e);
        }
        if t.is_w(k, W::Than) {
            return (if lower { Hedge::MoreThan } else { Hedge::LessThan }, k + 1);
        }
        (Hedge::None, i)
    };
    if t.punct(i, '>') || t.punct(i, '<') {
        if i > 0 && t.tight(i) && (t.punct(i - 1, '<') || t.punct(i - 1, '>') || t.punct(i - 1, '=')) {
            return (Hedge::None, i); // "<>30", "=>30" are not comparisons
        }
        let lower = t.punct(i, '>');
        if t.punct(i + 1, '=') {
            return (if lower { Hedge::AtLeast } else { Hedge::AtMost }, i + 2);
        }
        return (if lower { Hedge::MoreThan } else { Hedge::LessThan }, i + 1);
    }
    if t.punct(i, '≥') {
        return (Hedge::AtLeast, i + 1);
    }
    if t.punct(i, '≤') {
        return (Hedge::AtMost, i + 1);
    }
    match (w(i), w(i + 1), w(i + 2)) {
        (Some(W::Nearly | W::Almost), ..) => (Hedge::Nearly, i + 1),
        (Some(W::Close), Some(W::To), _) => (Hedge::Nearly, i + 2),
        (Some(W::Just), Some(W::Under), _) => (Hedge::Nearly, i + 2),
        (Some(W::Just), Some(W::Over), _) => (Hedge::MoreThan, i + 2),
        (Some(W::About | W::Around | W::Approx | W::Some | W::Estimated), ..) => (Hedge::About, i + 1),
        (Some(W::A), Some(W::Estimated), _) => (Hedge::About, i + 2),
        (Some(W::Over), ..) => (Hedge::MoreThan, i + 1),
        (Some(W::More), ..) => comparison(true, i + 1),
        (Some(W::Upwards), Some(W::Of), _) => (Hedge::MoreThan, i + 2),
        (Some(W::In), Some(W::Excess), Some(W::Of)) => (Hedge::MoreThan, i + 3),
        (Some(W::At), Some(W::Least), _) => (Hedge::AtLeast, or_equal(t, i + 2).unwrap_or(i + 2)),
        (Some(W::No), Some(W::Fewer | W::Less), Some(W::Than)) => (Hedge::AtLeast, i + 3),
        (Some(W::Up), Some(W::To), _) => (Hedge::AtMost, i + 2),
        (Some(W::As), Some(W::Many), Some(W::As)) => (Hedge::AtMost, i + 3),
        (Some(W::At), Some(W::Most), _) => (Hedge::AtMost, i + 2),
        (Some(W::No), Some(W::More), Some(W::Than)) => (Hedge::AtMost, i + 3),
        (Some(W::Fewer | W::Less), ..) => comparison(false, i + 1),
        (Some(W::Under), ..) => (Hedge::LessThan, i + 1),
        (Some(W::Between), ..) => (Hedge::Between, i + 1),
        (Some(W::Equal), ..) => {
            let k = if t.is_w(i + 1, W::To) { i + 2 } else { i + 1 };
            // "equal to or less than 30", "equal to or more than 30"
            match (w(k), w(k + 1), w(k + 2)) {
                (Some(W::Or), Some(W::Less | W::Fewer), Some(W::Than)) => (Hedge::AtMost, k + 3),
                (Some(W::Or), Some(W::More), Some(W::Than)) => (Hedge::AtLeast, k + 3),
                _ => (Hedge::Equal, k),
            }
        }
        _ => (Hedge::None, i),
    }
}

/// A bound that follows the number: "500 or more", "200 or greater", "5000 or less", "more than 5000 or equal".
fn trailing_bound(t: Toks, hedge: Hedge, k: usize) -> Option<(Hedge, usize)> {
    let after = |e: usize| if t.is_w(e, W::Than) || t.is_w(e, W::To) { e + 1 } else { e };
    match (hedge, t.w(k), t.w(k + 1)) {
        // "500 or more"; but "5000 or more than 4500" is two counts
        (Hedge::None | Hedge::Equal | Hedge::About, Some(W::Or | W::And), Some(W::More | W::Over))
            if t.num(after(k + 2)).is_none() =>
        {
            Some((Hedge::AtLeast, after(k + 2)))
        }
        (Hedge::None | Hedge::Equal | Hedge::About, Some(W::Or), Some(W::Less | W::Fewer | W::Under))
            if t.num(after(k + 2)).is_none() =>
        {
            Some((Hedge::AtMost, after(k + 2)))
        }
        (Hedge::MoreThan, Some(W::Or), Some(W::Equal)) if t.num(after(k + 2)).is_none() => {
            Some((Hedge::AtLeast, after(k + 2)))
        }
        (Hedge::LessThan, Some(W::Or), Some(W::Equal)) if t.num(after(k + 2)).is_none() => {
            Some((Hedge::AtMost, after(k + 2)))
        }
        _ => None,
    }
}

fn quantity_at(t: Toks, i: usize) -> Option<(CountRange, Qualifier, usize)> {
    // Most tokens cannot start a count: leave them after one look.
    match t.get(i)?.kind {
        Kind::Num(_) => {}
        Kind::Punct(c) => {
            if !matches!(c, '>' | '<' | '≥' | '≤') {
                return None;
            }
        }
        // "quarter million" starts with a unit word
        Kind::Word(Lex::Unit(Unit::Quarter)) => {}
        Kind::Word(
            Lex::Other | Lex::Month { .. } | Lex::Weekday(_) | Lex::Unit(_) | Lex::Season(_) | Lex::OrdSuffix,
        ) => return None,
        Kind::Word(_) => {}
    }
    let (hedge, j) = hedge_at(t, i);
    if hedge == Hedge::None {
        if let Some(v) = vague_at(t, i) {
            return Some(v);
        }
    }
    let hedged = hedge != Hedge::None;
    let (n, mut end) = number_at(t, j, hedged, false)?;
    // Ranges: "95-103", "90 to 103", "two or three", "between 90 and 103".
    let joiner = if hedge == Hedge::Between {
        t.is_w(end, W::And).then_some(end + 1)
    } else if t.is_dash(end) || t.punct(end, '~') || matches!(t.w(end), Some(W::To | W::Or | W::Through)) {
        Some(end + 1)
    } else {
        None
    };
    if let Some(k) = joiner {
        if let Some((m, e2)) = number_at(t, k, true, true) {
            if m > n || (hedge == Hedge::Between && m >= n) {
                return Some((CountRange { low: n, high: Some(m) }, Qualifier::Range, e2));
            }
        }
    }
    if hedge == Hedge::Between {
        // "between" without a second number is not a range; read the number as it stands.
        end = end.max(j + 1);
    }
    let (hedge, end) = match trailing_bound(t, hedge, end) {
        Some((h, e)) => (h, e),
        None => (hedge, end),
    };
    // "more than 20 and less than 40", "at most 100 and at least 20": one range.
    if matches!(t.w(end), Some(W::And | W::But)) || t.punct(end, ',') {
        if let Some((other, e2)) = bound_at(t, end + 1) {
            let this = bound_of(hedge, n);
            let (low, high) = match (this, other) {
                ((Some(lo), None), (None, Some(hi))) | ((None, Some(hi)), (Some(lo), None)) => (lo, hi),
                _ => (u64::MAX, 0),
            };
            if low <= high {
                return Some((CountRange { low, high: Some(high) }, Qualifier::Range, e2));
            }
        }
    }
    let (count, qualifier) = match hedge {
        Hedge::None | Hedge::Between | Hedge::Equal => (CountRange::exact(n), Qualifier::Exact),
        Hedge::About => (CountRange::exact(n), Qualifier::Approximate),
        Hedge::Nearly => {
            let high = n.saturating_sub(1);
            let low = ((n as f64) * 0.9).ceil() as u64;
            (CountRange { low: low.min(high), high: Some(high) }, Qualifier::Approximate)
        }
        Hedge::MoreThan => (CountRange { low: n.saturating_add(1), high: None }, Qualifier::MoreThan),
        Hedge::AtLeast => (CountRange { low: n, high: None }, Qualifier::AtLeast),
        Hedge::AtMost => (CountRange { low: 0, high: Some(n) }, Qualifier::AtMost),
        Hedge::LessThan => (CountRange { low: 0, high: Some(n.saturating_sub(1)) }, Qualifier::LessThan),
    };
    Some((count, qualifier, end))
}

/// The lowest and highest a count can be, where known.
type Bounds = (Option<u64>, Option<u64>);

/// The bounds a one-sided hedge puts on `n`.
fn bound_of(hedge: Hedge, n: u64) -> Bounds {
    match hedge {
        Hedge::MoreThan => (Some(n.saturating_add(1)), None),
        Hedge::AtLeast => (Some(n), None),
        Hedge::LessThan => (None, Some(n.saturating_sub(1))),
        Hedge::AtMost => (None, Some(n)),
        _ => (None, None),
    }
}

/// A one-sided hedged number at `i` ("less than 40"), as bounds and where it ends.
fn bound_at(t: Toks, i: usize) -> Option<(Bounds, usize)> {
    let (hedge, j) = hedge_at(t, i);
    if !matches!(hedge, Hedge::MoreThan | Hedge::AtLeast | Hedge::LessThan | Hedge::AtMost) {
        return None;
    }
    let (n, end) = number_at(t, j, true, false)?;
    let (hedge, end) = trailing_bound(t, hedge, end).unwrap_or((hedge, end));
    Some((bound_of(hedge, n), end))
}

/// "dozens", "scores of", "hundreds", "tens of thousands", "several", "a handful", "a few", "a couple of".
fn vague_at(t: Toks, i: usize) -> Option<(CountRange, Qualifier, usize)> {
    let vague = |r: CountRange, end: usize| Some((r, Qualifier::Vague, end));
    match t.lex(i) {
        Lex::Vague(v @ (Vague::Tens | Vague::Hundreds)) if t.is_w(i + 1, W::Of) => {
            if let Lex::Vague(big @ (Vague::Thousands | Vague::Millions)) = t.lex(i + 2) {
                let unit = if big == Vague::Thousands { 1_000 } else { 1_000_000 };
                let base = vague_range(v);
                let r = CountRange { low: base.low * unit, high: base.high.map(|h| (h + 1) * unit - 1) };
                return vague(r, i + 3);
            }
            (v == Vague::Hundreds).then(|| (vague_range(v), Qualifier::Vague, i + 1))
        }
        Lex::Vague(Vague::Tens) => None,
        Lex::Vague(v) => vague(vague_range(v), i + 1),
        Lex::W(W::A) => match (t.w(i + 1), t.lex(i + 1)) {
            (Some(W::Few), _) => vague(CountRange { low: 2, high: Some(5) }, i + 2),
            (Some(W::Couple), _) if t.is_w(i + 2, W::Of) => vague(CountRange { low: 2, high: Some(3) }, i + 2),
            (_, Lex::Vague(Vague::Handful)) => vague(vague_range(Vague::Handful), i + 2),
            _ => None,
        },
        _ => None,
    }
}

/// A cardinal number at `i`, in digits ("1,200", "40 000", "1.2 million") or words
/// ("twenty-five", "a dozen", "one hundred and five", "one and a half million", "half a
/// million"). Ids, ordinals, money, percentages, clock times, bare years and numbers that are
/// not whole ("4.22", "two and a half") are not counts.
fn number_at(t: Toks, i: usize, hedged: bool, second: bool) -> Option<(u64, usize)> {
    let (value, end) = match t.num(i) {
        Some(n) => digits_number(t, i, n, hedged, second)?,
        None => match fraction_of_scale(t, i) {
            Some(v) => v,
            None => words_number(t, i).map(|(v, e)| (v as f64, e))?,
        },
    };
    let (value, end) = and_a_fraction(t, value, end)?;
    Some((whole(value)?, end))
}

/// `value` as a whole number, if it is one up to the rounding of its decimal digits ("2.33 k").
fn whole(value: f64) -> Option<u64> {
    let r = value.round();
    ((value - r).abs() <= 1e-9 * r.abs().max(1.0) && r >= 0.0).then_some(r as u64)
}

/// A number in digits at `i` (its token `n`), with the scale words after it; not yet known to be whole.
fn digits_number(t: Toks, i: usize, n: Num, hedged: bool, second: bool) -> Option<(f64, usize)> {
    let tok = t.get(i)?;
    if !tok.gap && !second {
        if let Some(p) = t.prev(i) {
            if t.is_word(p) || t.num(p).is_some() {
                return None; // "A4", glued to a word
            }
            if t.is_dash(p) && p > 0 && t.tight(p) && (t.is_word(p - 1) || t.num(p - 1).is_some()) {
                return None; // "F-16", "COVID-19"
            }
            if (t.is_dash(p) || t.punct(p, '−')) && !t.tight(p) {
                return None; // "-5", a negative number: not a count
            }
            if let Some(pt) = t.get(p) {
                if matches!(pt.kind, Kind::Punct('#' | '$' | '€' | '£' | '¥' | '₹' | ':' | '/' | '.' | '@' | '+'))
                {
                    return None;
                }
            }
        }
    }
    if matches!(t.prev_lex(i), Lex::W(W::Id)) && t.cap(i.checked_sub(1)?) {
        return None; // "Issue 31", "Article 5"
    }
    let (mut value, last) = spaced_groups(t, i, n);
    // From here on the number ends at token `last`.
    // "10k", "10M", "2bn": but "1m" is a metre, and "4b" or "802.11b" a name
    let single = t.get(last + 1).is_some_and(|x| x.end - x.start == 1);
    let glued_scale = match t.w(last + 1) {
        Some(W::Kilo) => Some(1e3),
        // "77m people", "10M", "2mil", "1MM"; but "1m tall" is a length and "9mm" a calibre
        Some(W::Mega)
            if t.cap(last + 1)
                || t.get(last + 1).is_some_and(|x| x.end - x.start == 3)
                || (single && !t.is_w(last + 2, W::Measure)) =>
        {
            Some(1e6)
        }
        Some(W::Giga) if !single || t.cap(last + 1) => Some(1e9),
        Some(w) => word_scale(w),
        _ => None,
    }
    .filter(|_| t.tight(last + 1) && !(t.tight(last + 2) && (t.is_word(last + 2) || t.num(last + 2).is_some())));
    if let Some(scale) = glued_scale {
        return Some((value * scale, last + 2));
    }
    if t.tight(last + 1) {
        if t.is_word(last + 1) || t.punct(last + 1, '%') || t.punct(last + 1, ':') || t.punct(last + 1, '/') {
            return None;
        }
        if t.is_dash(last + 1) && t.is_word(last + 2) && t.tight(last + 2) {
            return None; // "35-minute", "10-year-old"
        }
        if t.punct(last + 1, '.') && t.num(last + 2).is_some() && t.tight(last + 2) {
            return None; // "3.1.2024"
        }
    }
    if matches!(t.lex(last + 1), Lex::W(W::Percent | W::Clock | W::Currency)) {
        return None;
    }
    if t.is_w(last + 1, W::A) && t.punct(last + 2, '.') {
        return None; // "10 a.m."
    }
    if last == i && n.is_plain() && n.digits == 4 && (1900..=2099).contains(&n.int) && !hedged {
        return None; // a year, as counts this size are written "2,000"
    }
    let mut end = last + 1;
    let mut last_scale = None;
    while let Lex::Scale(s) = t.lex(end) {
        value *= s as f64;
        last_scale = Some(s);
        end += 1;
    }
    if end == last + 1 {
        // "10 bn", "3 mln", "10 tln"; and after a figure that is not whole, "2.33 k", "1,674.5 M"
        let letter = match t.w(end) {
            Some(W::Kilo) => Some(1e3),
            Some(W::Mega) if t.cap(end) => Some(1e6),
            _ => None,
        }
        .filter(|_| whole(value).is_none());
        if let Some(scale) = t.w(end).and_then(word_scale).or(letter) {
            value *= scale;
            end += 1;
        }
    }
    // Only after whole digits: then each lower part is below a smaller scale, which bounds the
    // recursion ("1 million 0.5 thousand 0.5 thousand ..." is not one number).
    if let Some(s) = last_scale.filter(|_| last == i && n.is_plain() && n.int >= 1) {
        if let Some((rest, e)) = rest_of_compound(t, s, end) {
            value += rest;
            end = e;
        }
    }
    if matches!(t.lex(end), Lex::Dozen | Lex::Vague(Vague::Dozens)) {
        value *= 12.0;
        end += 1;
    }
    Some((value, end))
}

/// The lower part of a number in digits and scale words that follows its scale `s` at `k`:
/// "4 thousand 3 hundred and 21", "3 hundred and one", "6 crore and two hundred". After "and"
/// any number below the scale (below 100 after "hundred") that is not zero ("3 hundred and 0"
/// are two numbers); without "and" only a number with a scale of its own ("4 thousand 3
/// hundred"), so "5 million 200 people" stays two.
fn rest_of_compound(t: Toks, s: u64, k: usize) -> Option<(f64, usize)> {
    let and = t.is_w(k, W::And);
    let k = if and { k + 1 } else { k };
    if !and && !matches!(t.lex(k + 1), Lex::Scale(_)) {
        return None;
    }
    let (rest, e) = match t.num(k) {
        Some(n) => digits_number(t, k, n, true, true)?,
        None => words_number(t, k).map(|(v, e)| (v as f64, e))?,
    };
    let below = if s == 100 { 100.0 } else { s as f64 };
    (rest > 0.0 && rest < below && whole(rest).is_some()).then_some((rest, e))
}

/// "mn", "bn", "tn" and their kin, glued to digits or apart from them.
fn word_scale(w: W) -> Option<f64> {
    match w {
        W::MegaWord => Some(1e6),
        W::GigaWord => Some(1e9),
        W::TeraWord => Some(1e12),
        _ => None,
    }
}

/// Groups of three digits after the number at `i` (its token `n`), each after one space, a
/// no-break or a thin space: "40 000", "1 414 021 100". The value and the token of the last
/// group (`i` when there is none). Only a first group of one to three plain digits starts them,
/// so "2019 200 people" stays a year and a count, and "423 0000" two numbers; six groups at
/// most (a quintillion), so that the look-ahead stays bounded.
fn spaced_groups(t: Toks, i: usize, n: Num) -> (f64, usize) {
    let (mut value, mut last) = (n.value, i);
    if !n.is_plain() || n.digits > 3 {
        return (value, last);
    }
    while let (Some(prev), Some(next), Some(g)) = (t.get(last), t.get(last + 1), t.num(last + 1)) {
        let one_space = next.gap && next.start - prev.end <= 3;
        // "10 737-800s" is a count and a model, "5 100m" a count and a length
        let sentence_punct = [',', '.', ';', ':', '!', '?', ')', '"', '\'', '’', '”'];
        let glued_after = t.tight(last + 2) && !sentence_punct.iter().any(|&c| t.punct(last + 2, c));
        if !one_space || g.grouped || g.digits != 3 || glued_after || last - i == 6 {
            break;
        }
        value = value * 1000.0 + g.value;
        last += 1;
        if g.decimal {
            break;
        }
    }
    (value, last)
}

/// A fraction that can multiply a scale, at `k`: "half", "a half", "one half", "a quarter",
/// "three quarters". Its value and the token after it.
fn fraction_at(t: Toks, k: usize) -> Option<(f64, usize)> {
    let (numerator, d) = match t.lex(k) {
        Lex::W(W::A) => (1, k + 1),
        Lex::Card(n @ 1..=3) => (n, k + 1),
        _ => (1, k),
    };
    match t.lex(d) {
        Lex::W(W::Half) if numerator == 1 => Some((0.5, d + 1)),
        Lex::Unit(Unit::Quarter) => Some((numerator as f64 / 4.0, d + 1)),
        _ => None,
    }
}

/// The scale word at `k` a fraction can be of: "hundred" to "trillion", "lakh", "crore", "dozen", "bn".
fn scale_word(t: Toks, k: usize) -> Option<f64> {
    match t.lex(k) {
        Lex::Scale(s) => Some(s as f64),
        Lex::Dozen => Some(12.0),
        Lex::W(w) => word_scale(w),
        _ => None,
    }
}

/// A fraction of a scale at `i`: "half a million", "half million", "a quarter of a million",
/// "three quarters of a million", "half a dozen".
fn fraction_of_scale(t: Toks, i: usize) -> Option<(f64, usize)> {
    let (f, mut k) = fraction_at(t, i)?;
    if t.is_w(k, W::Of) {
        k += 1;
    }
    if t.is_w(k, W::A) {
        k += 1;
    }
    Some((f * scale_word(t, k)?, k + 1))
}

/// "and a half" after a number that ends at `end`: of the scale after it ("one and a half
/// million", "one billion and a quarter million") or of the scale it ends with ("3 million and
/// a half", "a dozen and a half"; not "hundred": "one hundred and three quarters" is 100¾).
/// With a scale on neither side the number is not whole ("two and a half"): `None`.
fn and_a_fraction(t: Toks, value: f64, end: usize) -> Option<(f64, usize)> {
    let unchanged = Some((value, end));
    if !t.is_w(end, W::And) {
        return unchanged;
    }
    let Some((f, e)) = fraction_at(t, end + 1) else { return unchanged };
    let glued = match t.w(end.checked_sub(1)?) {
        Some(W::Kilo) => Some(1e3),
        Some(W::Mega) => Some(1e6),
        Some(W::Giga) => Some(1e9),
        _ => None,
    };
    let before = glued.or_else(|| scale_word(t, end - 1)).filter(|&s| s != 100.0);
    match (before, scale_word(t, e)) {
        (Some(b), Some(s)) if s < b => Some((value + f * s, e + 1)),
        (Some(_), Some(_)) => unchanged,
        (None, Some(s)) => Some(((value + f) * s, e + 1)),
        (Some(b), None) => Some((value + f * b, e)),
        // "Halo 2 and Half-Life 2": a bare "half" may be a name
        (None, None) if t.is_w(end + 1, W::Half) => unchanged,
        (None, None) => None,
    }
}

/// Number words: "two", "twenty-five", "fifty - two", "a dozen", "two dozen", "one hundred and
/// five", "a million", "three lakh crore".
fn words_number(t: Toks, i: usize) -> Option<(u64, usize)> {
    let mut k = i;
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut seen = false;
    if t.is_w(k, W::A) {
        if !matches!(t.lex(k + 1), Lex::Scale(_) | Lex::Dozen) {
            return None;
        }
        cur = 1;
        k += 1;
    } else if t.lex(k) == Lex::Card(1)
        && matches!(t.prev_lex(k), Lex::W(W::The | W::No | W::Any | W::Each | W::Every | W::That | W::This))
    {
        return None; // "the one who", "no one"
    }
    let mut last_card: Option<u64> = None;
    loop {
        match t.lex(k) {
            Lex::Card(n) => {
                match last_card {
                    Some(tens) if (20..=90).contains(&tens) && tens % 10 == 0 && (1..=9).contains(&n) => cur += n,
                    Some(_) => break,
                    None => cur += n,
                }
                last_card = Some(n);
                seen = true;
                k += 1;
                // "twenty-five", and "fifty - two" with a spaced dash
                let tens = (20..=90).contains(&n) && n % 10 == 0;
                if tens && t.is_dash(k) && t.tight(k) == t.tight(k + 1) && matches!(t.lex(k + 1), Lex::Card(1..=9)) {
                    k += 1;
                }
            }
            Lex::Scale(s) if seen || cur > 0 => {
                if s == 100 {
                    cur = cur.max(1).saturating_mul(100);
                } else if cur == 0 && matches!(t.prev_lex(k), Lex::Scale(p) if p != 100 && p < s) {
                    // "three lakh crore", "a thousand million": a scale of the scale before
                    total = total.saturating_mul(s);
                } else {
                    total = total.saturating_add(cur.max(1).saturating_mul(s));
                    cur = 0;
                }
                seen = true;
                last_card = None;
                k += 1;
                // "one hundred and five"; but "one billion and three quarters" is a fraction
                if t.is_w(k, W::And) && matches!(t.lex(k + 1), Lex::Card(_)) && fraction_at(t, k + 1).is_none() {
                    k += 1;
                }
            }
            Lex::Dozen | Lex::Vague(Vague::Dozens) if seen || cur > 0 => {
                // "two dozen" is 24; "three hundred and two dozen" is 300 + 24
                let small = cur % 100;
                cur = if small == 0 { cur.max(1).saturating_mul(12) } else { cur - small + small * 12 };
                seen = true;
                last_card = None;
                k += 1;
            }
            _ => break,
        }
    }
    seen.then_some((total.saturating_add(cur), k))
}

#[cfg(test)]
mod tests {
    use crate::{find_quantities, Qualifier};
    use annalist_model::CountRange;

    /// The counts in `text` as (quoted words, range, qualifier).
    fn counts(text: &str) -> Vec<(&str, CountRange, Qualifier)> {
        find_quantities(text).into_iter().map(|q| (q.span.slice(text), q.count, q.qualifier)).collect()
    }

    fn exact(text: &str) -> Vec<u64> {
        find_quantities(text).into_iter().map(|q| q.count.low).collect()
    }

    #[test]
    fn fractions_of_a_scale_are_whole_counts() {
        assert_eq!(exact("One and a half million people fled the region."), [1_500_000]);
        assert_eq!(exact("Half a million refugees crossed."), [500_000]);
        assert_eq!(exact("a quarter of a million homes lost power"), [250_000]);
        assert_eq!(exact("three quarters of a million voters"), [750_000]);
        assert_eq!(exact("The city has 3 million and a half inhabitants."), [3_500_000]);
        assert_eq!(exact("one billion and a quarter million"), [1_000_250_000]);
        assert_eq!(exact("a dozen and a half soldiers"), [18]);
        assert_eq!(exact("half a dozen gunmen"), [6]);
        let (_, count, q) = counts("more than half a million were displaced")[0];
        assert_eq!((count, q), (CountRange { low: 500_001, high: None }, Qualifier::MoreThan));
    }

    #[test]
    fn fractions_without_a_scale_are_not_counts() {
        assert!(counts("after two and a half years in prison").is_empty());
        assert!(counts("a growth rate of 4.22 per cent").is_empty());
        // a bare "half" can be part of a name; the number before it stays
        assert_eq!(exact("Halo 2 and Half-Life 2 sold well"), [2, 2]);
    }

    #[test]
    fn digits_grouped_by_spaces() {
        assert_eq!(exact("Some 40 000 people marched."), [40_000]);
        assert_eq!(exact("a population of 1 414 021 100."), [1_414_021_100]);
        assert_eq!(exact("it holds 40\u{202f}000 seats"), [40_000]);
        assert_eq!(exact("rows of 423 0000"), [423, 0]);
        assert_eq!(exact("1 000 000 000 000 000 000 000"), [1_000_000_000_000_000_000, 0]);
        assert_eq!(counts("The airline ordered 10 737-800 jets.")[0].0, "10");
    }

    #[test]
    fn digits_and_words_and_scales_combine() {
        assert_eq!(exact("4 thousand 3 hundred and 21 votes"), [4321]);
        assert_eq!(exact("3 hundred and one were freed"), [301]);
        assert_eq!(exact("6 crore and two hundred"), [60_000_200]);
        assert_eq!(exact("3 hundred and 2 hundred"), [300, 200]);
        assert_eq!(exact("a crowd of 5 million 200 people"), [5_000_000, 200]);
        assert_eq!(exact("three lakh crore rupees"), [3_000_000_000_000]);
        assert_eq!(exact("a thousand million"), [1_000_000_000]);
        assert_eq!(exact("debts of 10 tln and 2tn"), [10_000_000_000_000, 2_000_000_000_000]);
        assert_eq!(exact("fifty - two men and forty-one women"), [52, 41]);
        assert_eq!(exact("8.2bn people"), [8_200_000_000]);
        assert_eq!(exact("a score of 2.33 k"), [2330]);
    }

    #[test]
    fn a_long_chain_of_scales_is_read_without_deep_recursion() {
        let chain =
            "1 million ".to_string() + &"0.5 thousand ".repeat(100_000) + "and 0 thousand ".repeat(100_000).as_str();
        assert!(!counts(&chain).is_empty());
    }

    #[test]
    fn dozen_forms() {
        assert_eq!(exact("two dozen houses"), [24]);
        assert_eq!(exact("3 dozens eggs"), [36]);
        assert_eq!(exact("five doz. eggs and 3 dzs pears"), [60, 36]);
        assert_eq!(exact("three hundred and two dozens"), [324]);
    }

    #[test]
    fn ranges_and_bounds_keep_their_open_ends() {
        let range = |text: &str| counts(text).first().map(|c| (c.1, c.2));
        let r = |low, high| Some((CountRange { low, high: Some(high) }, Qualifier::Range));
        assert_eq!(range("from 5 to 10 were killed"), r(5, 10));
        assert_eq!(range("between 20 and 30 died"), r(20, 30));
        assert_eq!(range("5-10 dead"), r(5, 10));
        assert_eq!(range("5 000 to 10 000 fled"), r(5_000, 10_000));
        assert_eq!(range("less than 5 hurt"), Some((CountRange { low: 0, high: Some(4) }, Qualifier::LessThan)));
        assert_eq!(range("at most 7 hurt"), Some((CountRange { low: 0, high: Some(7) }, Qualifier::AtMost)));
        assert_eq!(range("no more than 9 hurt"), Some((CountRange { low: 0, high: Some(9) }, Qualifier::AtMost)));
        assert_eq!(range("30 or more were hurt"), Some((CountRange { low: 30, high: None }, Qualifier::AtLeast)));
        assert_eq!(range("more than 20 died"), Some((CountRange { low: 21, high: None }, Qualifier::MoreThan)));
        assert_eq!(range("a couple of gunmen"), Some((CountRange { low: 2, high: Some(3) }, Qualifier::Vague)));
    }

    #[test]
    fn ranks_and_negatives_are_not_counts() {
        assert!(counts("He finished between the tenth and the fifteenth.").is_empty());
        assert!(counts("Temperatures fell to -5 overnight.").is_empty());
    }
}
