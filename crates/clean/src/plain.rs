//! Plain-text pages: each line is a paragraph or a piece of page chrome. Lines are classified by
//! their shape (length, closing stop, title case, separators), by chrome vocabulary, and by
//! position: before the first and after the last line that is surely body text, only sentences
//! survive; in between, headings stay too. A dateline such as
//! `date 2024-01-12 (MENAFN- Asia Times) Since ...` gives the date and outlet and is cut off.

use crate::chrome::{self, normalized, word_count};
use crate::{dates, Extracted};
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A dateline at the very start: an optional label, a date, the source in brackets, a dash.
fn dateline_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:(?:date|dated|published|posted|updated)\s*:?\s*)?(\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}|[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4})\s*\(([^()]{2,80})\)\s*[-–—:]?\s*",
        )
        .expect("dateline pattern")
    })
}

/// A wire dateline opening the lede: `KABUL, Afghanistan (AP) —`; the agency is the outlet
/// when nothing else names one. The words stay: they are the first sentence's.
fn wire_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^[A-Z][A-Z .'-]{1,40}(?:, [A-Z][A-Za-z .'-]{1,40})?(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? \((AP|Reuters|AFP|UPI|Xinhua|dpa|ANI|IANS|PTI|Bloomberg|AA|TASS|IRNA|Anadolu)\) ?[—–-]")
            .expect("wire pattern")
    })
}

/// A place-and-date dateline opening the lede: `MANCHESTER, England, 23 May 2017 (Wire) —`,
/// and as wire and monitoring services write them, in capitals with a two-digit year:
/// `LIMA, 10 JAN 90 (EFE) -- [TEXT]`, `PRAGUE (CZECHOSLOVAKIA), 21 MAY 88 --`.
fn place_dateline_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^[A-Z][A-Za-z .'-]{1,40}(?: \([A-Z][A-Za-z .'-]{1,40}\))?(?:, [A-Z][A-Za-z .'-]{1,40})?, (\d{4}-\d{2}-\d{2}|[A-Z][A-Za-z]{2,8}\.? \d{1,2},? \d{2,4}|\d{1,2} [A-Z][A-Za-z]{2,8}\.? \d{2,4})(?: \(([^()]{2,40})\))? ?(?:--|[—–-])")
            .expect("place dateline pattern")
    })
}

/// The date of a place-and-date dateline at the start of `line`.
pub(crate) fn place_dateline(line: &str) -> Option<chrono::NaiveDate> {
    dates::parse_dateline(place_dateline_pattern().captures(line)?.get(1)?.as_str())
}

/// The agency of a wire dateline at the start of `line`, if there is one: a known agency after
/// a place, or the source a place-and-date dateline names in brackets (`(ACAN-EFE)`).
pub(crate) fn wire_agency(line: &str) -> Option<String> {
    wire_pattern().captures(line).map(|c| c[1].to_string()).or_else(|| {
        let caps = place_dateline_pattern().captures(line)?;
        dates::parse_dateline(caps.get(1)?.as_str())?;
        Some(caps.get(2)?.as_str().trim().to_string())
    })
}

/// Tidies one line: no-break and zero-width spaces, tabs and runs of spaces become one space.
fn tidy(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        let c = match c {
            '\u{a0}' | '\t' | '\u{2009}' | '\u{202f}' | '\u{2007}' | '\u{3000}' => ' ',
            '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => continue,
            c if c.is_control() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Reads a dateline at the start of `line`: `(date, outlet, rest of the line)`.
pub(crate) fn dateline(line: &str) -> Option<(chrono::NaiveDate, Option<String>, String)> {
    let caps = dateline_pattern().captures(line)?;
    let date = dates::parse(caps.get(1)?.as_str())?;
    let source = caps.get(2)?.as_str().trim();
    // "MENAFN- Asia Times": a distributor's tag, then the outlet
    let outlet = match source.split_once('-') {
        Some((tag, rest)) if tag.len() <= 12 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest.trim(),
        _ => source,
    };
    let outlet = (!outlet.is_empty()).then(|| outlet.to_string());
    Some((date, outlet, line[caps.get(0)?.end()..].to_string()))
}

/// A short line that only states when the page was published or updated.
fn date_line(line: &str) -> Option<chrono::NaiveDate> {
    if word_count(line) > 10 {
        return None;
    }
    dates::parse(line).or_else(|| {
        let lower = line.to_lowercase();
        let rest =
            ["published", "posted", "updated", "last updated", "date"].iter().find_map(|p| lower.strip_prefix(p))?;
        dates::parse(rest.trim_start_matches([':', ' ', 'o', 'n']))
    })
}

/// A line marked as an item of a list ("- Best actor - ...", "• ...", "3. ...").
fn is_list_item(line: &str) -> bool {
    let marked = ["- ", "– ", "• ", "* ", "· ", "▪ "].iter().any(|m| line.starts_with(m));
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    (marked || numbered) && word_count(line) >= 2
}

/// A list entry that opens with a full date ("*2015-12-21, Special Agent ..., US Bomb", "- 3
/// January 2024: two blasts in Kerman"): an entry of a timeline or a list of the dead, which
/// the page tells as its own, not a menu's link.
fn is_dated_entry(line: &str) -> bool {
    let Some(rest) = ["*", "-", "–", "•", "·", "▪"].iter().find_map(|m| line.strip_prefix(m)) else {
        return false;
    };
    let opening: String = rest.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    word_count(line) >= 4 && dates::parse(opening.trim_end_matches([',', ':', ';'])).is_some()
}

fn is_byline(line: &str) -> bool {
    ["by ", "written by", "author:"].iter().any(|p| chrome::starts_with_ignore_case(line, p))
        && word_count(line) <= 8
        && !chrome::ends_sentence(line)
}

/// Which of the shape-and-position rules `select` applies (plain text needs them all; in HTML
/// links are marked, and the container already bounds the article).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    /// Outside the first and last surely-body lines, keep only sentences.
    pub positional: bool,
    /// Drop runs of three or more headline-shaped lines (lists of article titles).
    pub link_runs: bool,
    /// Drop lines that repeat an earlier line.
    pub repeats: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Drop,
    /// Surely body: long and ending like a sentence, no notice vocabulary.
    Body,
    /// Kept when between body lines: headings, short sentences.
    Maybe,
}

pub(crate) fn extract(text: &str, declared_title: Option<&str>) -> Extracted {
    let mut found = Extracted::default();
    let text = crate::wrap::unwrap(text);
    // a hard-wrapped text was typed to be read as it is (wire copy, an archive's record), not
    // saved from a page: no positional, link-list or repeat rules, only chrome lines go
    let typed = matches!(text, std::borrow::Cow::Owned(_));
    let mut lines: Vec<String> = text.lines().map(tidy).filter(|l| !l.is_empty()).collect();
    // the dateline opens the first line, or the lede under a headline
    if let Some(line) = lines.iter_mut().take(2).find(|l| dateline(l).is_some()) {
        if let Some((date, outlet, rest)) = dateline(line) {
            found.published = Some(date);
            found.outlet = outlet;
            *line = rest;
        }
    }
    lines.retain(|l| !l.is_empty());
    // "MANCHESTER, 23 May 2017 —": a place-and-date dateline opening the lede; its words stay
    if found.published.is_none() {
        found.published = lines.iter().take(12).find_map(|l| place_dateline(l));
    }
    if found.outlet.is_none() {
        found.outlet = lines.iter().take(3).find_map(|l| wire_agency(l));
    }
    let n = lines.len();
    let mut dropped = vec![false; n];

    // metadata lines near the top or the bottom; but where bare dates also head lines in
    // between, the page is a timeline ("April 14, 2013" / what happened / "April 15, 2013" /
    // ...) and its bare dates are headings of the body, whichever line they sit on
    let metadata_zone = |i: usize| i < 8 || i + 3 >= n;
    let bare_dates: Vec<usize> =
        (0..n).filter(|&i| word_count(&lines[i]) <= 6 && dates::parse(&lines[i]).is_some()).collect();
    let timeline = bare_dates.len() >= 2 && bare_dates.iter().any(|&i| !metadata_zone(i));
    for i in (0..n.min(8)).chain(n.saturating_sub(3)..n) {
        if timeline && bare_dates.contains(&i) {
            continue;
        }
        if let Some(date) = date_line(&lines[i]) {
            found.published.get_or_insert(date);
            dropped[i] = true;
        }
    }

    // the title: declared, or a first line shaped like a headline
    let title = declared_title.map(tidy).filter(|t| !t.is_empty()).or_else(|| {
        let first = lines.first()?;
        let headline = n > 1
            && word_count(first) <= 25
            && first.len() <= 250
            && !first.ends_with(['.', ',', ';', ':'])
            && !chrome::is_nav(first)
            && !chrome::is_breadcrumb(first)
            && !chrome::is_credit(first);
        headline.then(|| first.clone())
    });
    let title_norm = title.as_deref().map(normalized).unwrap_or_default();
    found.title = title;

    let page_rules = !typed;
    let rules = Rules { positional: page_rules, link_runs: page_rules, repeats: page_rules };
    let mut keep = select(&lines, &title_norm, &dropped, rules);
    // plain text is a body: a short note (no line long enough and closed like a sentence to be
    // surely body) keeps every line that is not chrome, and one made only of what looks like
    // chrome ("No comment from police" alone) is still the whole body: only navigation labels,
    // breadcrumbs and separators are sure to be none of it
    if !keep.contains(&true) {
        keep = select(&lines, &title_norm, &dropped, Rules { positional: false, link_runs: false, repeats: true });
    }
    if !keep.contains(&true) {
        keep =
            lines.iter().map(|l| !(chrome::is_separator(l) || chrome::is_nav(l) || chrome::is_breadcrumb(l))).collect();
        if keep.contains(&true) {
            found.title = None;
        }
    }
    found.paragraphs = lines.into_iter().zip(keep).filter_map(|(line, keep)| keep.then_some(line)).collect();
    found
}

/// Which of a page's lines are article body: `dropped` marks lines already known to be chrome
/// (metadata lines), `title_norm` is the normalised title (repeats of it go).
pub(crate) fn select(lines: &[String], title_norm: &str, dropped: &[bool], rules: Rules) -> Vec<bool> {
    let n = lines.len();
    let mut kinds = vec![Kind::Maybe; n];
    let mut seen: HashSet<String> = HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        let norm = if rules.repeats || !title_norm.is_empty() { normalized(line) } else { String::new() };
        let is_title = !title_norm.is_empty() && norm == title_norm;
        let repeated = rules.repeats && !seen.insert(norm);
        let drop = dropped.get(i).copied().unwrap_or(false)
            || is_title
            || repeated
            || chrome::is_separator(line)
            || chrome::is_nav(line)
            || chrome::is_breadcrumb(line)
            || chrome::is_credit(line)
            || chrome::is_notice(line)
            || is_byline(line);
        kinds[i] = if drop {
            Kind::Drop
        } else if word_count(line) >= 12 && (chrome::ends_sentence(line) || word_count(line) >= 40) {
            Kind::Body
        } else {
            Kind::Maybe
        };
    }
    // a caption stands right before its credit line
    for i in 0..n.saturating_sub(1) {
        if chrome::is_credit(&lines[i + 1]) && word_count(&lines[i]) <= 40 && !chrome::is_credit(&lines[i]) {
            kinds[i] = Kind::Drop;
        }
    }
    // three or more headline-shaped lines in a row are a list of links
    let mut i = 0;
    while rules.link_runs && i < n {
        let run = (i..n)
            .take_while(|&j| {
                kinds[j] != Kind::Body && chrome::is_headline_like(&lines[j]) && !is_dated_entry(&lines[j])
            })
            .count();
        if run >= 3 {
            for kind in &mut kinds[i..i + run] {
                *kind = Kind::Drop;
            }
        }
        i += run.max(1);
    }

    let first_body = kinds.iter().position(|&k| k == Kind::Body);
    let last_body = kinds.iter().rposition(|&k| k == Kind::Body);
    // after the body, the first notice ends the article: what follows is the page's
    let tail_end = last_body
        .and_then(|last| (last + 1..n).find(|&j| chrome::notice_score(&lines[j]) > 0 || chrome::is_nav(&lines[j])))
        .unwrap_or(n);
    // a heading such as "Related" or "You may also like" after the body starts a list of links
    // (unless the article goes on after it at more length than before: an inline box)
    let body_chars = |range: std::ops::Range<usize>| -> usize {
        range.filter(|&j| kinds[j] == Kind::Body).map(|j| lines[j].len()).sum()
    };
    let list_start = first_body.and_then(|first| {
        (first + 1..n).find(|&j| chrome::is_list_heading(&lines[j]) && body_chars(j..n) < 4 * body_chars(0..j) + 1)
    });
    let tail_end = tail_end.min(list_start.unwrap_or(n));
    let mut keep = vec![false; n];
    for (i, line) in lines.iter().enumerate().take(tail_end) {
        keep[i] = match (kinds[i], first_body, last_body) {
            (Kind::Drop, _, _) => false,
            (Kind::Body, _, _) => true,
            (Kind::Maybe, Some(first), Some(last)) if i > first && i < last => true,
            (Kind::Maybe, _, _) if !rules.positional => true,
            // outside the body: only sentences and list items, not headlines or link titles
            (Kind::Maybe, _, _) => {
                (chrome::ends_sentence(line) && word_count(line) >= 5 && !chrome::is_headline_like(line))
                    || (last_body.is_some_and(|last| i > last) && is_list_item(line))
                    || is_dated_entry(line)
            }
        };
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_gives_date_and_outlet_and_leaves_the_sentence() {
        let (date, outlet, rest) =
            dateline(" date 2024-01-12 (MENAFN- Asia Times) Since the war began, things changed.").unwrap();
        assert_eq!(date.to_string(), "2024-01-12");
        assert_eq!(outlet.as_deref(), Some("Asia Times"));
        assert_eq!(rest, "Since the war began, things changed.");
        let (date, outlet, _) = dateline("January 5, 2024 (Reuters) - Iran said on Friday").unwrap();
        assert_eq!((date.to_string(), outlet.as_deref()), ("2024-01-05".to_string(), Some("Reuters")));
        assert!(dateline("The 2024-01-12 report (in full) said").is_none());
        let d = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(place_dateline("MANCHESTER, England, 23 May 2017 (Albion Wire) — Police said"), d("2017-05-23"));
        assert_eq!(place_dateline("PESHAWAR, 12 March 2023 — Gunmen opened fire"), d("2023-03-12"));
        assert_eq!(place_dateline("WASHINGTON, Jan. 5, 2024 - The"), d("2024-01-05"));
        assert_eq!(place_dateline("In Kerman, 3 January 2024 was a day of mourning"), None);
        assert_eq!(place_dateline("QUITO, 10 MAR 90 (WIRE SERVICE) -- [TEXT] A BOMB"), d("1990-03-10"));
        assert_eq!(place_dateline("SANTIAGO, Chile, 28 DEC 89 (RADIO) -- [REPORT] TWO"), d("1989-12-28"));
        assert_eq!(wire_agency("QUITO, 10 MAR 90 (WIRE SERVICE) -- [TEXT] A BOMB").as_deref(), Some("WIRE SERVICE"));
        assert_eq!(place_dateline("OSLO (NORWAY), 2 JUN 88 -- [EXCERPT] THE"), d("1988-06-02"));
        assert_eq!(place_dateline("QUITO, NO DATE (RADIO) -- [TEXT] A BOMB"), None);
    }

    #[test]
    fn wire_datelines_name_the_agency() {
        assert_eq!(wire_agency("KABUL, Afghanistan (AP) — A suicide bomber struck").as_deref(), Some("AP"));
        assert_eq!(wire_agency("DUBAI, Jan 3 (Reuters) - Two explosions").as_deref(), Some("Reuters"));
        assert_eq!(wire_agency("The group (AP) said"), None);
    }

    #[test]
    fn dated_list_entries_above_the_body_are_the_pages_own_but_a_menu_is_not() {
        let page = "Victims\n*2015-12-21, Special Agent Ann Roe, Air Force Office of Special Investigations, Bomb\n*2015-12-21, Technical Sergeant John Doe, Air Force Security Forces, Bomb\n- 21 December 2015: Staff Sergeant Sam Poe, Air Force Security Forces, Bomb\nA spokesman for the group claimed it was responsible for the attack in messages sent to reporters.";
        let found = extract(page, None);
        assert_eq!(found.paragraphs.len(), 4, "{:?}", found.paragraphs);
        assert!(found.paragraphs[0].starts_with("*2015-12-21, Special Agent"));
        let menu = "Home\n* World News\n* Business Today\n* Sport Results\nA spokesman for the group claimed it was responsible for the attack in messages sent to reporters.";
        let found = extract(menu, None);
        assert_eq!(found.paragraphs.len(), 1, "{:?}", found.paragraphs);
    }

    #[test]
    fn a_timeline_keeps_its_date_headings_while_a_page_date_goes() {
        let timeline = "How the plot unfolded\nMarch 30, 2013\nThe two brothers rented handguns at a range in the north of the state and practised there for an hour.\nApril 8, 2013\nThe elder brother bought parts for remote controls at a hobby shop a few miles from the family home.\nApril 13, 2013\nThe elder brother bought ammunition at a store across the state line and sent money to his mother.\nApril 14, 2013\nThe younger brother opened a prepaid phone account under a false name, which he used the next day.\nApril 15, 2013\nTwo bombs went off near the finish line of the marathon, killing three people and wounding many more.\nLess than half an hour after the bombs went off, the younger brother was seen buying milk at a shop.\nApril 19, 2013\nThe younger brother was found hiding in a boat in a back yard after a day-long search of the town.\nMore on the story";
        let found = extract(timeline, None);
        for heading in ["April 8, 2013", "April 15, 2013", "April 19, 2013"] {
            assert!(found.paragraphs.iter().any(|p| p == heading), "{heading}: {:?}", found.paragraphs);
        }
        assert_eq!(found.published, None);
        // one date on a line of its own at the bottom is the page's
        let page = "Police name the bomber\nPolice on Tuesday named the man who set off a bomb at a market in the city, killing four people.\nHe had been known to the security services for years, officials said at a news briefing.\nApril 19, 2013";
        let found = extract(page, None);
        assert_eq!(found.published.map(|d| d.to_string()).as_deref(), Some("2013-04-19"));
        assert!(found.paragraphs.iter().all(|p| p != "April 19, 2013"), "{:?}", found.paragraphs);
    }

    #[test]
    fn tidy_collapses_odd_spaces() {
        assert_eq!(tidy("\u{a0} a\u{a0}\u{a0}b\tc \u{200b}"), "a b c");
    }
}
