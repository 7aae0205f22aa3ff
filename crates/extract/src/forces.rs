//! Perpetrators the actor base cannot name: a state's forces told by common nouns ("army
//! troops opened fire", "killed by the armed forces", "blamed the government and the armed
//! forces"), and an armed group told through its members ("killed by members of the 22nd
//! front of the FARC") or naming the event ("a Shining Path attack").
//!
//! A force is a perpetrator only as the doer: the subject of a verbal trigger, the agent after
//! "by", or the one blamed — never the object ("attacked an army post") or the arrester. Its
//! name is the text's words, with the demonym that qualifies them ("Salvadoran army"), since no
//! canonical entry exists; its evidence is the words of the force itself. Only organisations
//! count ("army", "armed forces", "police"); individuals ("soldiers", "guerrillas") are the
//! attackers, not a perpetrator organisation.

use super::{is_word_at, last_words, prev_word, tail_contains_any, RawFrame, Scan, Trigger};
use crate::lexicon::BLAME_CUES;
use annalist_model::{Article, AttributionStatus, EventType, Evidenced, Perpetrator, Span};

/// Nouns of a state's armed or police organisations, longest first.
const FORCE_NOUNS: &[&str] = &[
    "armed forces",
    "security forces",
    "government forces",
    "government troops",
    "national guard",
    "national police",
    "air force",
    "death squads",
    "death squad",
    "military",
    "army",
    "police",
    "navy",
];

/// Words that may qualify a force before its noun ("Salvadoran army", "the country's armed forces").
fn qualifier(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !matches!(w, "The" | "A" | "An")
}

/// Ties the forces named in the sentence at `sentence` to its events as perpetrators.
pub(crate) fn attach(article: &Article, m: &Scan, sentence: Span, triggers: &[&Trigger], frames: &mut [RawFrame]) {
    let text = &article.text;
    let s = &text[sentence.start..sentence.end];
    let lower = s.to_ascii_lowercase();
    let mut taken: Vec<Span> = m.actors.iter().filter(|a| sentence.contains(a.span)).map(|a| a.span).collect();
    for noun in FORCE_NOUNS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(noun) {
            let at = from + i;
            from = at + noun.len();
            let span = Span::new(sentence.start + at, sentence.start + at + noun.len());
            if !is_word_at(text, span)
                || taken.iter().any(|t| t.start < span.end && span.start < t.end)
                || names_a_group(text, span)
            {
                continue;
            }
            let Some((status, i)) = doer_of(text, sentence, span, triggers) else { continue };
            taken.push(span);
            let f = &mut frames[i];
            if f.event_type == EventType::Arrest {
                continue;
            }
            let name = named(text, sentence, span);
            if !f.perpetrators.iter().any(|p| p.value.name.eq_ignore_ascii_case(&name)) {
                f.perpetrators.push(Evidenced::read(Perpetrator { name, status }, span, article));
            }
        }
    }
}

/// The force's name: its noun with the capitalised qualifiers right before it ("Salvadoran army").
fn named(text: &str, sentence: Span, span: Span) -> String {
    let mut start = span.start;
    loop {
        let w = prev_word(text, start);
        let at = text[..start].trim_end().len().saturating_sub(w.len());
        let raw = &text[at..at + w.len()];
        if w.is_empty() || at < sentence.start || !qualifier(raw) {
            break;
        }
        start = at;
    }
    text[start..span.end].to_string()
}

/// Whether the force at `span` did one of the sentence's events, and which: the subject right
/// before a verbal trigger, the agent after "by" right after a trigger, or the one blamed.
fn doer_of(text: &str, sentence: Span, span: Span, triggers: &[&Trigger]) -> Option<(AttributionStatus, usize)> {
    let before = &text[sentence.start..span.start];
    if tail_contains_any(before, 50, BLAME_CUES) {
        let i = super::nearest_trigger(triggers, span);
        return Some((AttributionStatus::Alleged, i));
    }
    // "army troops opened fire", "the police shot dead": at most two words to a verbal trigger
    if let Some(i) = triggers.iter().position(|t| t.span.start >= span.end) {
        let t = triggers[i];
        let gap = &text[span.end..t.span.start];
        let words = gap.split_whitespace().count();
        if t.sense.verbal
            && words <= 2
            && !gap.contains([',', '.', ';', '(', ')'])
            && !after_object(text, sentence, span)
        {
            return Some((AttributionStatus::Attributed, i));
        }
    }
    // "members of the armed forces massacred", "armed forces personnel murdered"
    if let Some(i) = triggers.iter().position(|t| t.span.start >= span.end) {
        let t = triggers[i];
        let gap = text[span.end..t.span.start].to_lowercase();
        let members_before = last_words(before, 3).starts_with("members of") || last_words(before, 2) == "members of";
        let personnel_after = gap.split_whitespace().next().is_some_and(|w| {
            matches!(w, "personnel" | "members" | "troops" | "soldiers" | "officers" | "units" | "agents")
        });
        let close = gap.split_whitespace().count() <= 3 && !gap.contains([',', '.', ';', '(', ')']);
        if t.sense.verbal && close && (members_before || personnel_after) {
            return Some((AttributionStatus::Attributed, i));
        }
    }
    // "was attacked by the armed forces", "killed by Salvadoran army troops"
    let agent = last_words(before, 4);
    let by = agent.split(' ').rev().take(3).any(|w| w == "by");
    if by {
        let i = triggers.iter().rposition(|t| t.span.end <= span.start)?;
        let gap = &text[triggers[i].span.end..span.start];
        if gap.len() <= 40 && !gap.contains([';', '.']) {
            return Some((AttributionStatus::Attributed, i));
        }
    }
    None
}

/// Whether the force is the object of something before it ("attacked an army post", "clashed
/// with the army", "soldiers of the army"): a preposition or a trigger right before it.
fn after_object(text: &str, sentence: Span, span: Span) -> bool {
    let before = &text[sentence.start..span.start];
    let w = last_words(before, 2);
    let last = w.rsplit(' ').next().unwrap_or("");
    let prev = if matches!(last, "the" | "a" | "an") { w.split(' ').next().unwrap_or("") } else { last };
    matches!(
        prev,
        "with" | "against" | "on" | "of" | "at" | "by" | "to" | "from" | "and" | "attacked" | "ambushed" | "killed"
    )
}

/// Whether an armed group named at `start` is the agent through its members: "by (alleged)
/// members of (the 22nd front of) the FARC".
pub(crate) fn agent_through_members(text: &str, floor: usize, start: usize) -> bool {
    let from = text[..start].char_indices().rev().nth(60).map_or(floor, |(i, _)| i.max(floor));
    let window = text[from..start].to_lowercase();
    let Some(by) = window.rfind(" by ") else { return false };
    let rest = &window[by..];
    (rest.contains(" members of ") || rest.contains(" units of ") || rest.contains(" a unit of "))
        && !rest.contains([';', '.'])
}

/// The trigger an armed group's name modifies, when it names the event ("a Shining Path
/// attack", "an ELN car bomb attack"): right before it, with at most one word between that is a
/// name or says the kind of attack — not a verb ("the Taliban said attacks").
pub(crate) fn names_trigger(text: &str, span: Span, triggers: &[&Trigger]) -> Option<usize> {
    triggers.iter().position(|t| {
        t.span.start >= span.end && {
            let gap = &text[span.end..t.span.start];
            let words: Vec<&str> = gap.split_whitespace().collect();
            gap.len() <= 16
                && !gap.contains([',', '.', ';', ':', '(', ')'])
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || matches!(
                            w.to_ascii_lowercase().as_str(),
                            "suicide"
                                | "guerrilla"
                                | "rebel"
                                | "militant"
                                | "terrorist"
                                | "car"
                                | "bomb"
                                | "rocket"
                                | "mortar"
                                | "grenade"
                                | "dynamite"
                                | "armed"
                                | "gun"
                        )
                })
                && words.len() <= 1
        }
    })
}

/// Whether the force noun is part of a group's own name ("Army of National Liberation",
/// "Revolutionary Armed Forces", "the people's army"): followed by "of", or after a word
/// that names an insurgency rather than a state.
pub(crate) fn names_a_group(text: &str, span: Span) -> bool {
    let next = super::next_word(text, span.end);
    let prev = prev_word(text, span.start);
    next == "of"
        || matches!(
            prev.as_str(),
            "liberation"
                | "revolutionary"
                | "popular"
                | "people's"
                | "peoples"
                | "republican"
                | "secret"
                | "anticommunist"
                | "guerrilla"
                | "rebel"
                | "insurgent"
                | "patriotic"
                | "zapatista"
                | "red"
                | "islamic"
                | "mahdi"
                | "liberating"
                | "resistance"
                | "private"
        )
}
