//! The day an article is told from. For news it is the publication day: "on Monday" and
//! "yesterday" count back from it, and an attack dated years before it is background. A
//! *retrospective* — an encyclopedia entry, a look back written years later — tells its events
//! in its own voice by absolute dates only ("On December 21, 2015 a suicide bomber ..."), all
//! long before it was published; the relative dates it holds are in what it quotes ("today's
//! attack", in a statement issued that day), and they count from the time it tells of, its
//! latest stated day, not from its publication years later.

use annalist_model::{Article, DatePrecision, Span};
use annalist_normalize::{find_times, TimeExpression, TimeKind, TimeOptions, TimeValue};
use chrono::{Duration, NaiveDate};

/// How long before its publication an article's latest stated day must lie for the article to
/// be a look back rather than news (the same year that makes an event background to news).
pub(crate) const RETROSPECTIVE_DAYS: i64 = 365;

/// The day `article` is told from, when it has a publication day: that day, or for a
/// retrospective (see the module's note) the latest day its text states in full.
/// `published_times` are the text's time expressions read against the publication day (as
/// `find_times` gives them); only a text that states a day over `RETROSPECTIVE_DAYS` before it
/// is read again.
pub(crate) fn told_from(
    article: &Article,
    published_times: Option<&[TimeExpression]>,
    options: &TimeOptions,
) -> Option<NaiveDate> {
    let published = article.published?;
    let full_day = |t: &TimeExpression| match t.value {
        TimeValue::Interval(i) if i.precision == DatePrecision::Day && t.kind == TimeKind::Date => Some(i.end),
        _ => None,
    };
    let old = |d: &NaiveDate| *d + Duration::days(RETROSPECTIVE_DAYS) < published;
    // an absolute day reads the same with or without a reference: news that states no old day
    // needs no second reading
    let Some(resolved) = published_times else { return Some(published) };
    if !resolved.iter().filter_map(full_day).any(|d| old(&d)) {
        return Some(published);
    }
    let text = &article.text;
    let absolute = find_times(text, None, options);
    let Some(latest) = absolute.iter().filter_map(full_day).max().filter(old) else {
        return Some(published);
    };
    // a date the text gives only relative to its writing, in its own voice ("on Monday", "last
    // week" outside quotation marks), makes it news of its day, whatever else it recalls
    let quoted = quoted_spans(text);
    let own_voice_relative = resolved.iter().any(|t| {
        t.kind == TimeKind::Date
            && !absolute.iter().any(|a| a.span == t.span)
            && !quoted.iter().any(|q| q.contains(t.span))
    });
    Some(if own_voice_relative { published } else { latest })
}

/// The spans of `text` inside quotation marks, paragraph by paragraph: curly quotes pair as
/// opening and closing, straight ones alternate; a quotation left open runs to its paragraph's
/// end (news often closes a quoted paragraph only in the next one).
pub(crate) fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => {
                if let Some(start) = open.take() {
                    out.push(Span::new(start, i));
                }
            }
            '“' if open.is_none() => open = Some(i),
            '”' => {
                if let Some(start) = open.take() {
                    out.push(Span::new(start, i + c.len_utf8()));
                }
            }
            '"' => match open.take() {
                Some(start) => out.push(Span::new(start, i + 1)),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(Span::new(start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_pair_curly_marks_alternate_straight_ones_and_close_at_the_paragraph() {
        let text = "He said “we will rebuild” and \"never\" again.\n\"It was loud, she said.\nNo quote here.";
        let quoted: Vec<&str> = quoted_spans(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(quoted, vec!["“we will rebuild”", "\"never\"", "\"It was loud, she said."]);
    }
}
