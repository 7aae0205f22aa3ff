//! Trigger words in their other senses: the clash of a debate or a match, an attack on a
//! budget, an explosion in rents, cattle slaughtered, an ambition thwarted. A trigger is kept
//! only when the words around it read as violence; these checks run on each trigger before any
//! frame is built, over its own sentence.

use crate::{find_any_word, next_word, sentence_bounds};
use annalist_model::{EventType, Span};

/// Words of a sentence that make a clash physical: casualties, weapons, or the kind of people
/// who fight in the street ("mourners clashed with police", "troops clashed with rebels").
const CLASH_CONTEXT: &[&str] = &[
    "killed",
    "dead",
    "died",
    "wounded",
    "injured",
    "injuring",
    "hurt",
    "casualties",
    "fire",
    "gunfire",
    "shots",
    "stones",
    "tear gas",
    "batons",
    "rifles",
    "weapons",
    "armed",
    "police",
    "troops",
    "soldiers",
    "militants",
    "rebels",
    "insurgents",
    "guerrillas",
    "guerrilla",
    "forces",
    "militia",
    "militiamen",
    "gunmen",
    "protesters",
    "rioters",
    "demonstrators",
    "army",
    "fighters",
    "security",
    "riot",
    "riots",
    "clans",
    "tribesmen",
    "border",
    "villagers",
    "supporters",
    "factions",
    "mob",
    "students",
    "activists",
    "crowd",
    "crowds",
    "residents",
    "communities",
    "gang",
    "gangs",
    "workers",
    "cadres",
    "members",
    "groups",
    "violent",
];

/// What a verbal attack can be aimed at without violence ("attacked the budget proposals",
/// "attacked the government's record"): the words right after the verb.
const ABSTRACT_OBJECTS: &[&str] = &[
    "proposal",
    "proposals",
    "plan",
    "plans",
    "policy",
    "policies",
    "budget",
    "decision",
    "decisions",
    "report",
    "remarks",
    "comments",
    "bill",
    "law",
    "laws",
    "idea",
    "ideas",
    "record",
    "stance",
    "move",
    "moves",
    "deal",
    "reforms",
    "reform",
    "strategy",
    "claims",
    "view",
    "views",
    "textile",
    "trade",
    "tax",
    "taxes",
    "prices",
    "critics",
    "media",
    "press",
    "rules",
    "regulations",
    "spending",
    "cuts",
    "scheme",
    "manifesto",
    "speech",
];

/// Nouns an "explosion in" or "explosion of" can be about without a blast ("an explosion in
/// rents", "an explosion of interest").
const ECONOMIC_NOUNS: &[&str] = &[
    "rents",
    "prices",
    "demand",
    "growth",
    "sales",
    "popularity",
    "interest",
    "costs",
    "numbers",
    "use",
    "debt",
    "inflation",
    "spending",
    "creativity",
    "activity",
    "traffic",
    "imports",
    "exports",
    "lending",
    "credit",
    "investment",
    "applications",
    "membership",
    "colour",
    "color",
    "joy",
    "anger",
    "talent",
    "data",
    "content",
];

/// Animals a killing word can be about ("cattle were slaughtered").
const LIVESTOCK: &[&str] =
    &["cattle", "livestock", "sheep", "pigs", "hogs", "poultry", "chickens", "birds", "animals", "cows", "herds"];

/// What a thwarted or foiled plan must be, for the foiling to be of an attack.
const ATTACK_WORDS: &[&str] = &[
    "attack",
    "attacks",
    "plot",
    "plots",
    "bomb",
    "bombs",
    "bombing",
    "bombings",
    "assassination",
    "hijacking",
    "kidnapping",
    "massacre",
    "explosives",
    "terror",
    "terrorist",
    "terrorists",
    "militants",
    "raid",
    "shooting",
];

/// What a blast blows out or in ("the windows were blown out").
const BLOWN_OUT_THINGS: &[&str] =
    &["window", "windows", "windowpanes", "glass", "door", "doors", "shopfront", "shopfronts"];

/// Words that put an explosive in a text.
const EXPLOSIVE_CUES: &[&str] =
    &["device", "bomb", "bombs", "explosive", "explosives", "explosion", "blast", "detonated", "detonation"];

/// Whether the trigger at `span` (of type `event_type`) is used in a sense that is not
/// political violence, judged from its sentence.
pub(crate) fn figurative(text: &str, span: Span, event_type: EventType) -> bool {
    let word = text[span.start..span.end].to_ascii_lowercase();
    let (from, to) = sentence_bounds(text, span);
    let sentence = &text[from..to];
    let has = |cues: &[&str]| find_any_word(sentence, cues).is_some();
    if word.starts_with("clash") {
        return !has(CLASH_CONTEXT);
    }
    if word == "attacked" || word == "attacking" {
        // the first words after the verb, past articles and possessives
        let after = &text[span.end..to];
        let object = after
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .take(5)
            .map(str::to_ascii_lowercase)
            .find(|w| ABSTRACT_OBJECTS.contains(&w.as_str()));
        return object.is_some() && !has(&["killed", "wounded", "injured", "dead", "fire", "bomb", "gunmen"]);
    }
    if word == "explosion" || word == "explosions" {
        let follows = next_word(text, span.end);
        if matches!(follows.as_str(), "in" | "of") {
            let rest = &text[span.end..to];
            let noun = rest
                .split_whitespace()
                .nth(1)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase());
            if noun.is_some_and(|n| ECONOMIC_NOUNS.contains(&n.as_str())) {
                return true;
            }
        }
    }
    if word.contains(" blown ") {
        // "the windows were blown out" tells of a blast only where the thing blown is glass or
        // a door and the text has an explosive in it ("the device had low force"); a storm or
        // a tyre blows out too
        let before = &text[from..span.start];
        let subject = before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .take(3)
            .any(|w| BLOWN_OUT_THINGS.contains(&w.to_ascii_lowercase().as_str()));
        return !(subject && find_any_word(text, EXPLOSIVE_CUES).is_some());
    }
    if word == "slaughtered" || word == "slaughter" {
        return has(LIVESTOCK);
    }
    if event_type == EventType::FoiledPlot && (word == "thwarted" || word == "foiled") {
        return !has(ATTACK_WORDS);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str, word: &str, event_type: EventType) -> bool {
        let start = text.find(word).expect("the word is in the text");
        figurative(text, Span::new(start, start + word.len()), event_type)
    }

    #[test]
    fn windows_blown_out_tell_of_a_blast_only_beside_an_explosive() {
        let blast =
            "Police found wires near the bakery. \"The windows were blown out,\" she said. The device had low force.";
        assert!(!first(blast, "were blown out", EventType::Bombing));
        let storm = "Gusts reached 150 km/h and the windows were blown out in several homes.";
        assert!(first(storm, "were blown out", EventType::Bombing));
        let tyre = "A tyre was blown out and the bus overturned near the bomb disposal unit.";
        assert!(first(tyre, "was blown out", EventType::Bombing));
    }

    #[test]
    fn a_clash_of_words_or_teams_is_not_a_fight_but_one_with_police_is() {
        assert!(first("The minister clashed with his party over tuition fees.", "clashed", EventType::ArmedAssault));
        assert!(first("They face a clash against France in the final.", "clash", EventType::ArmedAssault));
        assert!(!first("Mourners clashed with police after the funeral.", "clashed", EventType::ArmedAssault));
        assert!(!first("Two people were killed in clashes in the north.", "clashes", EventType::ArmedAssault));
    }

    #[test]
    fn an_attack_on_a_budget_is_criticism_but_an_attack_on_a_convoy_is_not() {
        assert!(first("The prime minister attacked the budget proposals on Monday.", "attacked", EventType::Unknown));
        assert!(!first("Gunmen attacked a convoy near the border.", "attacked", EventType::Unknown));
        assert!(!first("Militants attacked the police station, killing four.", "attacked", EventType::Unknown));
    }

    #[test]
    fn explosions_in_prices_cattle_and_thwarted_ambitions_are_not_violence() {
        assert!(first("An explosion in rents has forced families out.", "explosion", EventType::Bombing));
        assert!(!first("An explosion in Kabul killed six.", "explosion", EventType::Bombing));
        assert!(first("Some 8,700 head of cattle were slaughtered.", "slaughtered", EventType::ArmedAssault));
        assert!(!first("Villagers were slaughtered by the militia.", "slaughtered", EventType::ArmedAssault));
        assert!(first("His attempt to win the seat was thwarted.", "thwarted", EventType::FoiledPlot));
        assert!(!first("Police thwarted a bomb plot against the embassy.", "thwarted", EventType::FoiledPlot));
    }
}
