//! A case-restored reading of text written in capitals (wire copy, telex, monitoring
//! transcripts, shouted headlines). The extractor's vocabularies, name finders and sentence
//! rules read mixed case; a text that is mostly capitals gets a second view of the same byte
//! length, in which only case differs (ASCII letters only), so every span found in it is a span
//! of the stored text and every quote is cut from the stored text.
//!
//! The view: everything lower case except sentence starts, the words of places and actors the
//! gazetteer and actor base find in the capitals, month and day names, up to four words after a
//! title ("president cerezo" → "president Cerezo") that are not function words, and acronyms
//! (a bracketed word, or a word of two to six letters without a vowel), which stay in capitals.

use annalist_knowledge::{ActorBase, Gazetteer};

/// The case-restored view of `text` when it is written mostly in capitals (four fifths or more
/// of its letters upper case, among at least 40 letters); `None` when it is mixed case.
pub fn reading_view(text: &str) -> Option<String> {
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    (letters >= 40 && upper * 5 >= letters * 4).then(|| truecase(text))
}

const TITLES: &[&str] = &[
    "president",
    "colonel",
    "col",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "major",
    "mayor",
    "minister",
    "father",
    "bishop",
    "archbishop",
    "monsignor",
    "msgr",
    "mr",
    "mrs",
    "dr",
    "senator",
    "judge",
    "commander",
    "sergeant",
    "sgt",
    "governor",
    "ambassador",
    "deputy",
    "councilman",
    "priest",
    "attorney",
    "journalist",
    "leader",
    "chief",
    "professor",
    "engineer",
    "doctor",
    "lawyer",
    "brother",
    "sister",
];

const FUNCTION_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "or",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "said",
    "says",
    "say",
    "told",
    "who",
    "whose",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "a",
    "an",
    "that",
    "which",
    "he",
    "she",
    "it",
    "its",
    "we",
    "us",
    "our",
    "you",
    "they",
    "them",
    "their",
    "his",
    "her",
    "my",
    "i",
    "also",
    "as",
    "from",
    "been",
    "be",
    "will",
    "would",
    "today",
    "yesterday",
    "not",
    "but",
    "this",
    "these",
    "when",
    "where",
    "after",
    "before",
    "during",
    "announced",
    "stated",
    "reported",
    "added",
    "noted",
    "met",
    "did",
    "does",
    "gives",
    "give",
    "staff",
];

/// Day names, capitalised in the view (month names too: `dates::month`).
const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The view itself (see the module's comment); the same byte length as `text`.
fn truecase(text: &str) -> String {
    let mut out: Vec<u8> = text.to_ascii_lowercase().into_bytes();
    let bytes = text.as_bytes();
    let mut cap = vec![false; bytes.len()];
    let mut keep = vec![false; bytes.len()];
    for m in Gazetteer::builtin().find_places(text) {
        for (i, c) in cap.iter_mut().enumerate().take(m.span.end).skip(m.span.start) {
            *c = i == m.span.start || !bytes[i - 1].is_ascii_alphabetic();
        }
    }
    for m in ActorBase::builtin().find_actors(text) {
        let surface = &text[m.span.start..m.span.end];
        let acronym = !surface.contains(' ') && surface.len() <= 6;
        for i in m.span.start..m.span.end {
            if acronym {
                keep[i] = true;
            } else {
                cap[i] = i == m.span.start || !bytes[i - 1].is_ascii_alphabetic();
            }
        }
    }
    // words, with their byte ranges
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1; // "5TH": an ordinal, not a word
            }
        } else if bytes[i].is_ascii_alphabetic() {
            let s = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
                i += 1;
            }
            words.push((s, i));
        } else {
            i += 1;
        }
    }
    let lower = |w: (usize, usize)| text[w.0..w.1].to_ascii_lowercase();
    let mut after_title = 0usize;
    for (k, &(s, e)) in words.iter().enumerate() {
        let w = lower((s, e));
        let before = text[..s].trim_end_matches([' ', '"', '\'']);
        let sentence_start = before.is_empty()
            || before.ends_with(['.', '!', '?', ']', ':', '\n'])
            || text[..s].ends_with("\n\n")
            || text[..s].trim_end_matches(' ').ends_with("\n\n");
        let bracketed = s > 0 && matches!(bytes[s - 1], b'(' | b'[') && matches!(bytes.get(e), Some(b')' | b']'));
        let no_vowel = (2..=6).contains(&(e - s)) && !w.contains(['a', 'e', 'i', 'o', 'u', 'y']);
        if bracketed || no_vowel || w == "i" && e - s == 1 {
            keep[s..e].iter_mut().for_each(|x| *x = true);
        }
        if sentence_start || DAYS.contains(&w.as_str()) || (w.len() >= 3 && crate::dates::month(&w).is_some()) {
            cap[s] = true;
        }
        if after_title > 0 {
            if FUNCTION_WORDS.contains(&w.as_str()) || TITLES.contains(&w.as_str()) {
                after_title = 0;
            } else {
                cap[s] = true;
                after_title -= 1;
            }
        }
        // a comma or other break ends a name run
        if k + 1 < words.len() && text[e..words[k + 1].0].trim() != "" {
            after_title = 0;
        }
        if TITLES.contains(&w.as_str()) {
            after_title = 4;
        }
    }
    for i in 0..out.len() {
        if keep[i] {
            out[i] = bytes[i];
        } else if cap[i] {
            out[i] = out[i].to_ascii_uppercase();
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_get_a_mixed_case_view_of_the_same_length() {
        let text = "GUERRILLAS OF THE FMLN ATTACKED A POLICE POST IN SAN MIGUEL ON 3 JANUARY. PRESIDENT JUAN PEREZ SAID TWO AGENTS DIED.";
        let view = reading_view(text).unwrap();
        assert_eq!(view.len(), text.len());
        assert!(
            view.starts_with("Guerrillas of the FMLN attacked a police post in San Miguel on 3 January."),
            "{view}"
        );
        assert!(view.contains("President Juan Perez said two agents died."), "{view}");
        assert_eq!(reading_view("Gunmen attacked a police post in the city on Monday, officials said."), None);
    }
}
