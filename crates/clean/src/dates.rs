//! Reading publication dates as pages and datelines write them, and hosts from URLs.

use chrono::NaiveDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month from its name or a 3+ letter abbreviation ("Jan", "Sept", "janvier" is not known).
pub(crate) fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&w) || (w == "sept" && *m == "september")).map(|i| i as u32 + 1)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date written as a page's metadata writes it: ISO (`2024-01-12`, `2024-01-12T08:00:00Z`,
/// `2024/01/12`), RFC 2822 (`Fri, 12 Jan 2024 08:00:00 GMT`), or in words (`January 12, 2024`,
/// `12 January 2024`, `Jan. 12 2024`).
pub(crate) fn parse(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(d) = iso_prefix(t) {
        return Some(d);
    }
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(8).collect();
    for i in 0..words.len() {
        if let Some(m) = month(words[i]) {
            // Month D, YYYY
            if let (Some(d), Some(y)) = (words.get(i + 1).and_then(|w| day(w)), words.get(i + 2).and_then(|w| year(w)))
            {
                return ymd(y, m, d);
            }
            // D Month YYYY
            if let (Some(d), Some(y)) =
                (i.checked_sub(1).and_then(|j| day(words[j])), words.get(i + 1).and_then(|w| year(w)))
            {
                return ymd(y, m, d);
            }
        }
    }
    None
}

/// A date as a wire dateline writes it, where a two-digit year is usual: `10 JAN 90`,
/// `Jan. 5, 24`, or any form [`parse`] reads. Two digits are a year of 1950-2049; a dateline
/// states its day, so any year from 1900 on is taken.
pub(crate) fn parse_dateline(text: &str) -> Option<NaiveDate> {
    if let Some(d) = parse(text) {
        return Some(d);
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let short_year = |w: &str| -> Option<i32> {
        let y: i32 = (w.len() == 2 || w.len() == 4).then(|| w.parse().ok()).flatten()?;
        Some(match y {
            0..=49 => 2000 + y,
            50..=99 => 1900 + y,
            _ => y,
        })
    };
    let (d, m, y) = match words.as_slice() {
        [d, m, y] if day(d).is_some() => (day(d)?, month(m)?, short_year(y)?),
        [m, d, y] => (day(d)?, month(m)?, short_year(y)?),
        _ => return None,
    };
    (1900..=2100).contains(&y).then(|| NaiveDate::from_ymd_opt(y, m, d)).flatten()
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` at the start of `t`.
fn iso_prefix(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    let y = t.get(..4)?.parse().ok()?;
    let m = t.get(5..7)?.parse().ok()?;
    let d = t.get(8..10)?.parse().ok()?;
    if b.get(10).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    ymd(y, m, d)
}

/// A date in a URL path: `/2024/01/12/`, `/2024-01-12`, `/20240112`.
pub(crate) fn from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let parts: Vec<&str> = path.split(['/', '?', '#', '_']).collect();
    for w in parts.windows(3) {
        if let (Ok(y), Ok(m), Ok(d)) = (w[0].parse::<i32>(), w[1].parse::<u32>(), w[2].parse::<u32>()) {
            if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    for part in &parts {
        // a segment holding an ISO date or eight digits
        for (i, _) in part.char_indices() {
            let rest = &part[i..];
            if (i == 0 || !part.as_bytes()[i - 1].is_ascii_digit()) && rest.len() >= 8 {
                if let Some(d) = iso_prefix(rest) {
                    return Some(d);
                }
                let Some(digits) = rest.get(..8) else { continue };
                let boundary = rest.as_bytes().get(8).is_none_or(|c| !c.is_ascii_digit());
                if boundary && digits.bytes().all(|c| c.is_ascii_digit()) {
                    if let (Ok(y), Ok(m), Ok(d)) = (digits[..4].parse(), digits[4..6].parse(), digits[6..].parse()) {
                        if let Some(date) = ymd(y, m, d) {
                            return Some(date);
                        }
                    }
                }
            }
        }
    }
    None
}

/// The host of a URL without `www.` ("https://www.example.org/a" → "example.org").
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn metadata_dates_in_their_usual_forms() {
        assert_eq!(parse("2024-01-12T08:30:00+03:30"), d(2024, 1, 12));
        assert_eq!(parse("2024/01/12"), d(2024, 1, 12));
        assert_eq!(parse("Fri, 12 Jan 2024 08:00:00 GMT"), d(2024, 1, 12));
        assert_eq!(parse("January 12, 2024"), d(2024, 1, 12));
        assert_eq!(parse("Published Jan. 3rd 2024 at 10:00"), d(2024, 1, 3));
        assert_eq!(parse("2024-13-40"), None);
        assert_eq!(parse("the 12 people"), None);
    }

    #[test]
    fn dateline_dates_with_two_digit_years() {
        assert_eq!(parse_dateline("10 JAN 90"), d(1990, 1, 10));
        assert_eq!(parse_dateline("28 DEC 89"), d(1989, 12, 28));
        assert_eq!(parse_dateline("Jan. 5, 24"), d(2024, 1, 5));
        assert_eq!(parse_dateline("5 January 2024"), d(2024, 1, 5));
        assert_eq!(parse_dateline("NO DATE"), None);
        assert_eq!(parse_dateline("31 FEB 90"), None);
    }

    #[test]
    fn url_dates_and_hosts() {
        assert_eq!(from_url("https://x.org/news/2024/01/12/kerman-blast"), d(2024, 1, 12));
        assert_eq!(from_url("https://x.org/2024-01-04-iran"), d(2024, 1, 4));
        assert_eq!(from_url("https://x.org/a/20240104/iran.html"), d(2024, 1, 4));
        assert_eq!(from_url("https://x.org/article/123456789012"), None);
        assert_eq!(host_of("https://www.Example.org:8080/a?b"), Some("example.org".into()));
    }
}
