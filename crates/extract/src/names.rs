//! The names a text gives an event: "the Rolando bombing", "the Cafetería Rolando bombing",
//! "the Boston Marathon bombing". A later article, or an encyclopedia page, often tells of an
//! attack by its name alone, with no date or place beside it; the name is then what ties the
//! report to the incident (see `annalist_fuse`). What a name holds that other fields already
//! say — a place ("Boston"), a group ("the Taliban attack"), a day ("the Friday blast"), a
//! nationality — is left out of it, so a name is what only the event's own name says.

use crate::Scan;
use annalist_model::Span;

/// Month names, which date an event ("the May 17 missile attack") rather than name it.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// How many capitalised words before a trigger can make its name.
const MAX_NAME_WORDS: usize = 4;

/// The span of the name `text` gives the event of a noun trigger at `trigger`, read back from
/// the trigger over capitalised words to "the" ("the Cafetería Rolando bombing": `Cafetería
/// Rolando`), less the places, groups, days and nationalities among them; `from` is where the
/// trigger's sentence starts.
pub(crate) fn event_name(text: &str, from: usize, trigger: Span, m: &Scan) -> Option<Span> {
    let before = &text[from..trigger.start];
    let mut words: Vec<Span> = Vec::new();
    let mut end = before.len();
    let mut determined = false;
    for (start, word) in words_backwards(before) {
        // the words must run straight up to the trigger: no comma, dash or quote between
        if !before[start + word.len()..end].chars().all(char::is_whitespace) {
            break;
        }
        end = start;
        if word.eq_ignore_ascii_case("the") {
            determined = true;
            break;
        }
        // ("the 2013 Boston Marathon bombing": a year among the words is a date, left out below)
        // "the IRA's bombing": a possessor is who did it, not what the event is called
        if word.ends_with("'s") || word.ends_with("’s") {
            break;
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
            || word.bytes().all(|b| b.is_ascii_digit());
        if !capitalised || words.len() == MAX_NAME_WORDS {
            break;
        }
        words.push(Span::new(from + start, from + start + word.len()));
    }
    if !determined || words.is_empty() {
        return None;
    }
    // what other fields say is not the name
    let said_elsewhere = |w: &Span| {
        MONTHS.iter().any(|mo| w.slice(text).eq_ignore_ascii_case(mo))
            || m.place_names.iter().chain(m.origins.iter().map(|p| &p.span)).any(|s| overlaps(*s, *w))
            || m.actors.iter().any(|a| overlaps(a.span, *w))
            || m.times.iter().any(|t| overlaps(t.span, *w))
    };
    let year = |w: &Span| w.slice(text).bytes().all(|b| b.is_ascii_digit());
    // the name is the run of its own words nearest the trigger (the words are in reverse
    // order): "Marathon" in "the 2013 Boston Marathon bombing"
    let own: Vec<&Span> = words
        .iter()
        .skip_while(|w| said_elsewhere(w) || year(w))
        .take_while(|w| !said_elsewhere(w) && !year(w))
        .collect();
    let (first, last) = (own.last()?, own.first()?);
    Some(Span::new(first.start, last.end))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The words of `s` from its end back, each with its byte offset: runs of letters, digits,
/// hyphens and apostrophes.
fn words_backwards(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let mut out = Vec::new();
    let mut end = None;
    for (i, c) in s.char_indices().rev() {
        match (is_word(c), end) {
            (true, None) => end = Some(i + c.len_utf8()),
            (false, Some(e)) => {
                let start = i + c.len_utf8();
                out.push((start, &s[start..e]));
                end = None;
            }
            _ => {}
        }
    }
    if let Some(e) = end {
        out.push((0, &s[..e]));
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_run_backwards_with_their_offsets() {
        let words: Vec<(usize, &str)> = words_backwards("the Cafetería Rolando ").collect();
        assert_eq!(words, vec![(15, "Rolando"), (4, "Cafetería"), (0, "the")]);
    }
}
