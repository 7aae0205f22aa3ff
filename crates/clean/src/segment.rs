//! Paragraphs and sentences with byte offsets. The cleaned text is the paragraphs joined by
//! single newlines; sentences never cross a paragraph. Sentence ends are `.`, `!`, `?`, `…` and
//! CJK stops, followed by space and a word that does not begin in lower case, except after
//! abbreviations that are nearly always followed by a name or a number ("Lt.", "Jan.", "No."),
//! initials ("J."), dotted acronyms ("U.S.") and inside numbers ("3.5").

use annalist_model::{Sentence, Span};

/// Joins paragraphs into the cleaned text and segments it: `(text, paragraphs, sentences)`.
pub fn segment(paragraphs: &[String]) -> (String, Vec<Span>, Vec<Sentence>) {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.len() + 1).sum());
    let mut spans = Vec::with_capacity(paragraphs.len());
    let mut sentences = Vec::new();
    for paragraph in paragraphs.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(paragraph);
        let index = spans.len();
        spans.push(Span::new(start, text.len()));
        sentences.extend(
            split_sentences(paragraph).into_iter().map(|s| Sentence { span: s.shifted(start), paragraph: index }),
        );
    }
    (text, spans, sentences)
}

/// Abbreviations after which a capitalised word does not start a new sentence (lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "fr", "st", "hon", "pres", "supt", "insp", "det", "brig", "amb", "gens", "sens", "reps",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "vol",
    "pp", "p", "fig", "approx", "ca", "cf", "al", "mt", "ft", "ave", "messrs", "mme", "mlle",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '」' | '』')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '「' | '『' | '¿' | '¡')
}

/// Sentence spans of one paragraph, relative to it, trimmed of surrounding space.
pub fn split_sentences(paragraph: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let cjk = matches!(c, '。' | '！' | '？');
        if !(matches!(c, '.' | '!' | '?' | '…') || cjk) {
            i += 1;
            continue;
        }
        // extend over repeated stops and closing quotes/brackets
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…' | '。' | '！' | '？') || is_closing(chars[j].1))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(paragraph.len(), |&(p, _)| p);
        let followed_by_space = j < chars.len() && chars[j].1.is_whitespace();
        if j >= chars.len() {
            break;
        }
        if !(followed_by_space || cjk) {
            i = j;
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let Some(&(_, next)) = chars.get(k) else { break };
        let starts_sentence = next.is_uppercase()
            || next.is_ascii_digit()
            || is_opening(next)
            || (next.is_alphabetic() && !next.is_lowercase());
        if starts_sentence && (c != '.' || j > i + 1 || !is_abbreviation(&paragraph[..pos], next)) {
            push_trimmed(&mut out, paragraph, start, end);
            start = end;
        }
        i = j;
    }
    push_trimmed(&mut out, paragraph, start, paragraph.len());
    out
}

/// Whether the word before a period (ending at byte `before.len()`) is an abbreviation.
fn is_abbreviation(before: &str, next: char) -> bool {
    let word_start = before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_start_matches(is_opening);
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let first = letters.next().unwrap_or(' ');
    if letters.next().is_none() && first.is_uppercase() {
        return true; // an initial: "J. Smith"
    }
    if word.contains('.') {
        // dotted acronyms ("U.S", "U.N") hold; "a.m" and "p.m" end sentences often
        return word.chars().any(|c| c.is_uppercase()) || matches!(word, "e.g" | "i.e");
    }
    let lower = word.to_lowercase();
    if matches!(lower.as_str(), "no" | "nos") {
        return next.is_ascii_digit(); // "No. 5", but "said no. Then"
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(out: &mut Vec<Span>, paragraph: &str, start: usize, end: usize) {
    let piece = &paragraph[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_sentences() {
        let text =
            "On Jan. 3, 2024, Lt. Gen. Soleimani's memorial was hit. Officials in the U.S. Government said 3.5 tonnes \
                    were used. Donald J. Trump spoke at 10 a.m. The group claimed it!";
        assert_eq!(
            sentences(text),
            [
                "On Jan. 3, 2024, Lt. Gen. Soleimani's memorial was hit.",
                "Officials in the U.S. Government said 3.5 tonnes were used.",
                "Donald J. Trump spoke at 10 a.m.",
                "The group claimed it!"
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let text = "He said: “We will strike again.” The statement was posted online. “Where?” he asked.";
        assert_eq!(
            sentences(text),
            ["He said: “We will strike again.”", "The statement was posted online.", "“Where?” he asked."]
        );
    }

    #[test]
    fn lower_case_after_a_period_continues_the_sentence() {
        assert_eq!(
            sentences("The U.S. and NATO were targeted. no split here."),
            ["The U.S. and NATO were targeted. no split here."]
        );
    }

    #[test]
    fn paragraphs_join_with_one_newline_and_spans_point_into_the_text() {
        let (text, paragraphs, sentences) = segment(&["First one. Second one.".into(), "  ".into(), "Third.".into()]);
        assert_eq!(text, "First one. Second one.\nThird.");
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(paragraphs[1].slice(&text), "Third.");
        let got: Vec<_> = sentences.iter().map(|s| (s.span.slice(&text), s.paragraph)).collect();
        assert_eq!(got, [("First one.", 0), ("Second one.", 0), ("Third.", 1)]);
    }

    #[test]
    fn wide_spaces_before_an_abbreviation_are_no_trouble() {
        assert_eq!(sentences("Met\u{3000}Lt. Smith. Then left."), ["Met\u{3000}Lt. Smith.", "Then left."]);
    }

    #[test]
    fn chinese_stops_split_without_spaces() {
        assert_eq!(sentences("发生两起爆炸。伊斯兰国宣称负责。"), ["发生两起爆炸。", "伊斯兰国宣称负责。"]);
    }
}
