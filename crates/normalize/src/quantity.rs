//! Quantities: counts in digits or words, with their hedges, read off the token stream.

use crate::token::{Kind, Lex, Toks, Vague, W};
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

/// A cardinal number at `i`, in digits ("1,200", "1.2 million") or words ("twenty-five",
/// "a dozen", "one hundred and five"). Ids, ordinals, money, percentages, clock times and
/// bare years are not counts.
fn number_at(t: Toks, i: usize, hedged: bool, second: bool) -> Option<(u64, usize)> {
    if let Some(n) = t.num(i) {
        let tok = t.get(i)?;
        if !tok.gap && !second {
            if let Some(p) = t.prev(i) {
                if t.is_word(p) || t.num(p).is_some() {
                    return None; // "A4", glued to a word
                }
                if t.is_dash(p) && p > 0 && t.tight(p) && (t.is_word(p - 1) || t.num(p - 1).is_some()) {
                    return None; // "F-16", "COVID-19"
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
        // "10k", "10M", "2bn": but "1m" is a metre
        let single = t.get(i + 1).is_some_and(|x| x.end - x.start == 1);
        let glued_scale = match t.w(i + 1) {
            Some(W::Kilo) => Some(1e3),
            // "77m people", "10M", "2mil", "1MM"; but "1m tall" is a length and "9mm" a calibre
            Some(W::Mega)
                if t.cap(i + 1)
                    || t.get(i + 1).is_some_and(|x| x.end - x.start == 3)
                    || (single && !t.is_w(i + 2, W::Measure)) =>
            {
                Some(1e6)
            }
            Some(W::Giga) if !single || t.cap(i + 1) => Some(1e9),
            Some(W::MegaWord) => Some(1e6),
            Some(W::GigaWord) => Some(1e9),
            _ => None,
        }
        .filter(|_| t.tight(i + 1) && !(t.tight(i + 2) && (t.is_word(i + 2) || t.num(i + 2).is_some())));
        if let Some(scale) = glued_scale {
            let value = n.value * scale;
            return (value.fract() == 0.0).then_some((value as u64, i + 2));
        }
        if t.tight(i + 1) {
            if t.is_word(i + 1) || t.punct(i + 1, '%') || t.punct(i + 1, ':') || t.punct(i + 1, '/') {
                return None;
            }
            if t.is_dash(i + 1) && t.is_word(i + 2) && t.tight(i + 2) {
                return None; // "35-minute", "10-year-old"
            }
            if t.punct(i + 1, '.') && t.num(i + 2).is_some() && t.tight(i + 2) {
                return None; // "3.1.2024"
            }
        }
        if matches!(t.lex(i + 1), Lex::W(W::Percent | W::Clock | W::Currency)) {
            return None;
        }
        if t.is_w(i + 1, W::A) && t.punct(i + 2, '.') {
            return None; // "10 a.m."
        }
        if n.is_plain() && n.digits == 4 && (1900..=2099).contains(&n.int) && !hedged {
            return None; // a year, as counts this size are written "2,000"
        }
        let mut value = n.value;
        let mut end = i + 1;
        while let Lex::Scale(s) = t.lex(end) {
            value *= s as f64;
            end += 1;
        }
        // "10 bn", "3 mln"
        if end == i + 1 {
            let scale = match t.w(end) {
                Some(W::MegaWord) => Some(1e6),
                Some(W::GigaWord) => Some(1e9),
                _ => None,
            };
            if let Some(scale) = scale {
                value *= scale;
                end += 1;
            }
        }
        if matches!(t.lex(end), Lex::Dozen | Lex::Vague(Vague::Dozens)) {
            value *= 12.0;
            end += 1;
        }
        if value.fract() != 0.0 {
            return None;
        }
        return Some((value as u64, end));
    }
    words_number(t, i)
}

/// Number words: "two", "twenty-five", "a dozen", "two dozen", "one hundred and five", "a million".
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
                if t.is_dash(k) && t.tight(k) && t.tight(k + 1) && matches!(t.lex(k + 1), Lex::Card(1..=9)) {
                    k += 1;
                }
            }
            Lex::Scale(s) if seen || cur > 0 => {
                if s == 100 {
                    cur = cur.max(1).saturating_mul(100);
                } else {
                    total = total.saturating_add(cur.max(1).saturating_mul(s));
                    cur = 0;
                }
                seen = true;
                last_card = None;
                k += 1;
                if t.is_w(k, W::And) && matches!(t.lex(k + 1), Lex::Card(_)) {
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
