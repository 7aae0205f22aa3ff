//! Hard-wrapped plain text back into paragraphs. Wire copy, mailing lists, telex archives and
//! many corpora break every paragraph into lines of a fixed width; the cleaner reads one line as
//! one paragraph, so those breaks have to go before it looks. A blank line, or an indented line
//! in a text whose paragraphs open indented, starts a paragraph. Inside one, a break is a wrap
//! when the text is fixed-width and the line reaches that width (the next word would not have
//! fitted), or when the sentence plainly goes on (no closing stop, and the next line opens in
//! lower case or the line ends on a comma, a hyphen or a joining word). A word hyphenated across
//! the break is joined. Headlines, list items and table rows stay lines of their own.
//!
//! Cost: one pass over the lines to measure them, one to join; the text is copied once, and not
//! at all when nothing is wrapped.

use crate::chrome::ends_sentence;
use std::borrow::Cow;

/// Words after which a sentence cannot stop: a line ending on one goes on in the next.
const JOINING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "that",
    "which", "who", "whose", "than", "its", "their", "his", "her", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "said", "into", "near", "after", "before", "during", "between", "against", "about", "over",
];

/// The shape of one text's lines.
struct Layout {
    /// The width lines are wrapped at (the longest line's length in chars), when the text is
    /// fixed-width: most lines close to one width, none far past it.
    width: Option<usize>,
    /// Paragraphs open with an indented line (some lines indented, most not).
    indented_paragraphs: bool,
}

fn chars(line: &str) -> usize {
    line.trim_end().chars().count()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn layout(lines: &[&str]) -> Layout {
    let lengths: Vec<usize> = lines.iter().map(|l| chars(l)).filter(|&n| n > 0).collect();
    let indented = lines.iter().filter(|l| !l.trim().is_empty() && indent(l) >= 2).count();
    let indented_paragraphs = indented > 0 && indented * 2 <= lengths.len();
    let Some(&max) = lengths.iter().max() else {
        return Layout { width: None, indented_paragraphs };
    };
    // fixed width: at least three lines, at most a terminal's width, half the lines or more
    // within a fifth of the widest (paragraph ends and headlines are the shorter ones), and a
    // third of those ending inside a sentence (one paragraph a line ends each on a stop)
    let near: Vec<&&str> = lines.iter().filter(|l| chars(l) > 0 && chars(l) * 5 >= max * 4).collect();
    let open = near.iter().filter(|l| !ends_sentence(l)).count();
    let fixed =
        lengths.len() >= 3 && (30..=160).contains(&max) && near.len() * 2 >= lengths.len() && open * 3 >= near.len();
    Layout { width: fixed.then_some(max), indented_paragraphs }
}

/// A line marked as an item of a list ("- ...", "• ...", "3. ...", "a) ...").
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if ["- ", "– ", "— ", "• ", "* ", "· ", "▪ ", "o "].iter().any(|m| t.starts_with(m)) {
        return true;
    }
    let (head, _) = t.split_once([' ', '\t']).unwrap_or((t, ""));
    let marker = head.trim_end_matches(['.', ')']);
    head.len() > marker.len()
        && !marker.is_empty()
        && marker.len() <= 3
        && (marker.bytes().all(|b| b.is_ascii_digit())
            || (marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_lowercase())))
}

/// A row of a table: columns set apart by tabs, bars or runs of spaces inside the line.
fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('\t') || t.matches('|').count() >= 2 || t.contains("   ") || t.chars().all(|c| !c.is_alphabetic())
}

/// A line shaped like a headline or heading: short, no closing stop, most words capitalised.
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 || ends_sentence(t) || t.ends_with([',', '-']) {
        return false;
    }
    // in capitals, every line looks capitalised: only a short one is taken for a headline
    if !t.chars().any(char::is_lowercase) && words.len() >= 8 {
        return false;
    }
    let content: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised =
        content.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    content.is_empty() || capitalised * 3 >= content.len() * 2
}

fn last_word(line: &str) -> &str {
    line.split_whitespace().next_back().unwrap_or("")
}

fn first_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or("")
}

/// Whether the sentence of `line` plainly goes on in `next`.
fn goes_on(line: &str, next: &str) -> bool {
    if ends_sentence(line) {
        return false;
    }
    let t = line.trim_end();
    let starts_lower = next.trim_start().chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let last = last_word(t).trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    starts_lower || t.ends_with([',', '-', '–', '—', '(', '/']) || JOINING.contains(&last.as_str())
}

/// Whether the break between `line` and `next` (both non-blank, in one block) is a wrap.
fn is_wrap(line: &str, next: &str, layout: &Layout) -> bool {
    if is_list_item(next) || is_table_row(line) || is_table_row(next) {
        return false;
    }
    if layout.indented_paragraphs && indent(next) >= 2 {
        return false;
    }
    let lower_next = next.trim_start().starts_with(char::is_lowercase);
    if goes_on(line, next) && (lower_next || !is_heading(line)) {
        return true;
    }
    match layout.width {
        // the next word would not have fitted on the line: the wrapper broke it there
        Some(width) => {
            let room = chars(line) + 1 + first_word(next).chars().count();
            room * 10 > width * 9 && !is_heading(line)
        }
        None => false,
    }
}

/// Joins `next` onto `out` (which holds the paragraph so far): a space between, or nothing
/// where a word was hyphenated across the break ("wound-" / "ed").
fn join(out: &mut String, next: &str) {
    let next = next.trim();
    let hyphenated = out.ends_with('-')
        && out[..out.len() - 1].chars().next_back().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        out.pop();
    } else {
        out.push(' ');
    }
    out.push_str(next);
}

/// The text with its hard wraps undone: each paragraph on one line, blank lines between
/// paragraphs dropped (a paragraph is a line), every other line as it was. Borrowed when
/// nothing needed joining.
pub(crate) fn unwrap(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let layout = layout(&lines);
    let wraps: Vec<bool> = lines
        .windows(2)
        .map(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty() && is_wrap(w[0], w[1], &layout))
        .collect();
    if !wraps.contains(&true) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 && wraps[i - 1] {
            join(&mut out, line);
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line.trim_end());
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        unwrap(text).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn a_story_wrapped_at_sixty_columns_is_one_paragraph() {
        let story = "A car packed with explosives blew up beside a minibus on the\n\
                     main road out of the northern town on Tuesday morning,\n\
                     killing four passengers and wounding nine others, the\n\
                     provincial governor said. No group said it had set the\n\
                     bomb.\n";
        let p = paragraphs(story);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("on the main road") && p[0].ends_with("set the bomb."), "{p:?}");
    }

    #[test]
    fn blank_lines_and_indents_separate_paragraphs() {
        let blank = "   GUNMEN FIRED ON A POLICE PATROL IN THE CAPITAL TONIGHT, KILLING\nTWO OFFICERS AND A DRIVER, A SPOKESMAN FOR THE NATIONAL POLICE SAID\nIN A STATEMENT BROADCAST BY THE STATE RADIO NETWORK THIS EVENING.\n\n   THE ATTACKERS ESCAPED IN A STOLEN CAR AND HAVE NOT BEEN FOUND, THE\nSPOKESMAN ADDED.";
        let p = paragraphs(blank);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("THIS EVENING.") && p[1].ends_with("SPOKESMAN ADDED."), "{p:?}");
        let indented = "Rain fell across the region during the week, easing a drought\nthat had lasted since the start of the year, traders said.\n    Deliveries for the week came to 12,000 tonnes, against\n9,500 tonnes a year earlier, the board said on Friday.\n    Prices held steady.";
        let p = paragraphs(indented);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[1].starts_with("Deliveries") && p[1].ends_with("on Friday."), "{p:?}");
    }

    #[test]
    fn hyphenated_words_are_joined_across_the_break() {
        let text = "Three people were killed and eleven others were wound-\ned when a grenade was thrown into the crowded market.";
        assert_eq!(paragraphs(text), vec!["Three people were killed and eleven others were wounded when a grenade was thrown into the crowded market."]);
    }

    #[test]
    fn headlines_lists_and_tables_stay_lines() {
        let text = "Bomb Kills Four Near Market\n\
                    A bomb went off near the central market on Friday, killing four\n\
                    people and wounding a dozen, police said on Friday evening.\n\
                    The dead were:\n\
                    - a shopkeeper and his son\n\
                    - two farmers from a nearby village\n\
                    Shr   1.20 dlrs   vs   1.10 dlrs\n\
                    Net   4.5 mln     vs   3.9 mln\n";
        let p = paragraphs(text);
        assert_eq!(p[0], "Bomb Kills Four Near Market");
        assert!(p[1].starts_with("A bomb went off") && p[1].ends_with("Friday evening."), "{p:?}");
        assert!(p.contains(&"- a shopkeeper and his son".to_string()), "{p:?}");
        assert!(p.iter().any(|l| l.starts_with("Shr")) && p.iter().any(|l| l.starts_with("Net")), "{p:?}");
    }

    #[test]
    fn one_paragraph_per_line_is_left_as_it_is() {
        let text = "The blast struck a checkpoint at dawn on Monday, officials said, and the road was closed for hours afterwards while investigators searched the area.\nNo group has said it was behind the attack, which came a week after a similar one in the same province killed two soldiers.\nThe army said it would step up patrols.";
        assert!(matches!(unwrap(text), Cow::Borrowed(_)));
    }
}
