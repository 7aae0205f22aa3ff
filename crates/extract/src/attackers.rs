//! Who the attackers were: their nationalities ("two Tajik ISIS-K members", "a Pakistani
//! national who opened fire", "a militant from Tajikistan") and, where the same words count
//! them, how many. Demonyms and country names come from the gazetteer (`annalist-knowledge`,
//! whose country table carries each country's demonyms); this module only decides whether the
//! people they describe are the attackers, not victims, captives or bystanders.
//!
//! Cost: linear in the demonyms and countries of a sentence.

use super::{is_word_char, prev_word, prev_word_start, word_spans};
use crate::lexicon::{ATTACKER_NOUNS, CLAIM_VERBS, NATIONAL_NOUNS, NOT_ATTACKER_BEFORE, NOT_PEOPLE_AFTER};
use annalist_knowledge::{PlaceMatch, PlaceRole};
use annalist_model::{PlaceKind, Span};
use annalist_normalize::Quantity;

/// Attackers of one nationality, as one phrase of the text tells them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Origin {
    /// The words, from the count or article to the noun ("two Tajik ISIS-K members").
    pub span: Span,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// How many, when the same words count them.
    pub count: Option<u32>,
}

/// Words after a people noun that make them victims ("two Tajik militants were killed").
const VICTIM_AFTER: &[&str] = &[
    "were killed",
    "was killed",
    "were wounded",
    "was wounded",
    "were injured",
    "was injured",
    "died",
    "were shot",
    "was shot",
    "killed in",
    "wounded in",
    "injured in",
];

/// Nouns that make attackers of people of a nationality without an agent cue.
fn attacker_noun(w: &str) -> bool {
    ATTACKER_NOUNS.contains(&w) || matches!(w, "suspect" | "suspects" | "recruits" | "recruit")
}

/// The attackers' origins told in the sentence at `sentence`. `places` are the gazetteer's
/// matches of the text (demonyms and countries alike), `verbal` the spans of verbal triggers.
/// A sentence that names no event (`strict`) must say they did it ("carried out by", "the
/// bomber was"): there, "Afghan fighters" are only people of a nationality.
pub(crate) fn origins(
    text: &str,
    sentence: Span,
    places: &[PlaceMatch],
    quantities: &[Quantity],
    verbal: &[Span],
    strict: bool,
) -> Vec<Origin> {
    let mut out: Vec<Origin> = Vec::new();
    for p in places.iter().filter(|p| sentence.contains(p.span)) {
        let found = if p.role == PlaceRole::Demonym {
            demonym_phrase(text, sentence, p, quantities, verbal)
        } else if p.place.kind == PlaceKind::Country && prev_word(text, p.span.start) == "from" {
            from_phrase(text, sentence, p, quantities)
        } else {
            None
        };
        if let Some(o) = found.filter(|o| !strict || agent_before(text, sentence, o.span.start)) {
            if !out.iter().any(|e| e.country == o.country && e.span.start == o.span.start) {
                out.push(o);
            }
        }
    }
    out
}

/// "two Tajik ISIS-K members", "a Pakistani national who opened fire".
fn demonym_phrase(
    text: &str,
    sentence: Span,
    p: &PlaceMatch,
    quantities: &[Quantity],
    verbal: &[Span],
) -> Option<Origin> {
    let after = &text[p.span.end..sentence.end];
    let words = word_spans(after);
    let lower: Vec<String> = words.iter().take(5).map(|&(a, b)| after[a..b].to_lowercase()).collect();
    let k = lower.iter().position(|w| attacker_noun(w) || NATIONAL_NOUNS.contains(&w.as_str()))?;
    if after[..words[k].0].contains([',', '.', ';', ':', '(', ')']) {
        return None;
    }
    // between the demonym and the noun only names and modifiers ("Tajik ISIS-K members")
    let modifiers_only = (0..k).all(|i| {
        let w = &after[words[i].0..words[i].1];
        w.chars().next().is_some_and(char::is_uppercase)
            || w.contains('-')
            || matches!(lower[i].as_str(), "and" | "islamist" | "armed" | "suicide" | "jihadist" | "radical")
    });
    if !modifiers_only {
        return None;
    }
    let noun = lower[k].as_str();
    let noun_end = p.span.end + words[k].1;
    let rest = &text[noun_end..sentence.end];
    let rest_words: Vec<String> = word_spans(rest).iter().take(3).map(|&(a, b)| rest[a..b].to_lowercase()).collect();
    if rest_words.first().is_some_and(|w| NOT_PEOPLE_AFTER.contains(&w.as_str())) {
        return None;
    }
    // "members of parliament", "members of the public": not a group's members
    if noun.starts_with("member") && rest_words.first().is_some_and(|w| w == "of") {
        let of_end = noun_end + rest.find("of").map_or(0, |i| i + 2);
        let next = text[of_end..sentence.end].split_whitespace().find(|w| !w.eq_ignore_ascii_case("the"));
        if !next.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            return None;
        }
    }
    let (start, count) = counted_from(text, sentence, p.span.start, noun, quantities);
    if !plausibly_attackers(text, sentence, start, noun_end) {
        return None;
    }
    if NATIONAL_NOUNS.contains(&noun) && !agent_before(text, sentence, start) && !agent_after(text, noun_end, verbal) {
        return None;
    }
    Some(Origin { span: Span::new(start, noun_end), country: p.place.country.clone(), count })
}

/// "a militant from Tajikistan", "two attackers from Afghanistan".
fn from_phrase(text: &str, sentence: Span, p: &PlaceMatch, quantities: &[Quantity]) -> Option<Origin> {
    let before = text[sentence.start..p.span.start].trim_end();
    let before = before.strip_suffix("from")?.trim_end();
    let noun_end = sentence.start + before.len();
    let noun = prev_word(text, noun_end);
    if !(attacker_noun(&noun) || NATIONAL_NOUNS.contains(&noun.as_str())) {
        return None;
    }
    let noun_start = noun_end - noun.len();
    let (start, count) = counted_from(text, sentence, noun_start, &noun, quantities);
    if !plausibly_attackers(text, sentence, start, p.span.end) || NATIONAL_NOUNS.contains(&noun.as_str()) {
        return None;
    }
    Some(Origin { span: Span::new(start, p.span.end), country: p.place.country.clone(), count })
}

/// Where a people phrase starting at `at` really starts, and its count: a number right before
/// it ("two Tajik"), or an article before a singular noun ("a Pakistani national" is one).
/// Neither reaches back past the start of the sentence at `sentence`.
fn counted_from(text: &str, sentence: Span, at: usize, noun: &str, quantities: &[Quantity]) -> (usize, Option<u32>) {
    let within = |q: &&Quantity| q.span.start >= sentence.start && q.span.end <= at;
    if let Some(q) = quantities.iter().filter(within).find(|q| text[q.span.end..at].trim().is_empty()) {
        let exact = q.count.high == Some(q.count.low);
        let n = u32::try_from(q.count.low).ok().filter(|n| exact && *n > 0 && *n < 1000);
        return (q.span.start, n);
    }
    let w = prev_word(text, at);
    if matches!(w.as_str(), "a" | "an" | "one" | "lone") && !noun.ends_with('s') {
        let start = prev_word_start(text, at);
        if start >= sentence.start {
            return (start, Some(1));
        }
    }
    (at, None)
}

/// Whether the people at `start..end` can be attackers: not the object of a killing or an
/// arrest ("killed two Tajik militants") nor the subject of their own death ("were killed").
fn plausibly_attackers(text: &str, sentence: Span, start: usize, end: usize) -> bool {
    if start > sentence.start && NOT_ATTACKER_BEFORE.contains(&prev_word(text, start).as_str()) {
        return false;
    }
    let rest = text[end..sentence.end].trim_start().to_lowercase();
    !VICTIM_AFTER.iter().any(|v| rest.starts_with(v))
}

/// An agent cue before the phrase: "carried out by", or a copula after an attacker noun ("the
/// bomber was a Pakistani national").
fn agent_before(text: &str, sentence: Span, start: usize) -> bool {
    let before = &text[sentence.start..start];
    let words: Vec<String> = before
        .split(|c: char| !(is_word_char(c) || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .map(str::to_lowercase)
        .collect();
    if words.iter().take(3).any(|w| matches!(w.as_str(), "by" | "involving" | "involvement")) {
        return true;
    }
    let copula = words.first().is_some_and(|w| matches!(w.as_str(), "was" | "were" | "as" | "is" | "are"));
    copula && words.iter().skip(1).any(|w| attacker_noun(w))
}

/// A verbal trigger or a doing verb right after the phrase ("a Pakistani national opened fire").
fn agent_after(text: &str, end: usize, verbal: &[Span]) -> bool {
    if verbal.iter().any(|t| t.start >= end && t.start - end <= 25 && !text[end..t.start].contains([',', '.', ';'])) {
        return true;
    }
    let rest = text[end..].trim_start().to_lowercase();
    CLAIM_VERBS.iter().any(|v| rest.starts_with(v))
}

#[cfg(test)]
mod offset_tests {
    use crate::Extractor;
    use annalist_model::{Article, Sentence, Span};

    /// An article of one sentence per line.
    fn lines(text: &str) -> Article {
        let mut sentences = Vec::new();
        let mut offset = 0;
        for (p, line) in text.split('\n').enumerate() {
            sentences.push(Sentence { span: Span::new(offset, offset + line.len()), paragraph: p });
            offset += line.len() + 1;
        }
        Article {
            id: "t".into(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            language: Some("en".into()),
            text: text.into(),
            paragraphs: sentences.iter().map(|s| s.span).collect(),
            sentences,
            content_hash: String::new(),
            reading: None,
        }
    }

    #[test]
    fn a_count_or_an_article_ending_the_line_before_is_not_the_attackers_count() {
        // a number (or "a") ends one line with no stop, and the next opens with the people phrase
        for text in [
            "Attendance at the rally in the city was put at 300\nPakistani nationals carried out the bombing of the market in Quetta, police said.",
            "The shop sold a\nPakistani national who opened fire on the crowd in Quetta, police said.",
            "They fled from the town with 40\nmilitants from Afghanistan who attacked the checkpoint in Quetta.",
        ] {
            let article = lines(text);
            for f in Extractor::builtin().frames(&article) {
                if let Some(span) = f.attackers.as_ref().map(|a| a.span) {
                    assert!(text.is_char_boundary(span.start) && span.start <= span.end, "{f:?}");
                }
            }
        }
    }
}
