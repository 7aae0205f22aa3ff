//! Violent verbs that name an event only when an armed agent does them: "gunmen killed four
//! people", "militants shot two policemen", "insurgents blew up a pipeline", "urban commandos
//! set off a bomb". The same verbs with any other subject are not read as attacks ("the storm
//! killed four", "police killed two suspects", "the senate killed the bill", "a crew shot a
//! film"); the state's forces are perpetrators only through the verbs that always name violence
//! (`forces.rs`). The event's type comes from the verb, else from the agent ("a suicide bomber
//! killed": a bombing; "gunmen killed": an armed assault), or is an assassination when the one
//! killed is an official.
//!
//! Cost: a look at the clause before each candidate verb and the few words after it; the actor
//! base is searched only over that clause, and only when no agent noun stands there.

use crate::lexicon::{ARMED_AGENT_NOUNS, OFFICIAL_VICTIMS, PERSON_NOUNS};
use crate::{is_word_char, word_spans};
use annalist_knowledge::{ActorBase, ActorKind};
use annalist_model::{EventType, Span};

/// What a gated verb needs after it to be violence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    /// People: a count, a person noun, a pronoun or a name ("killed four", "shot a policeman").
    People,
    /// People, or what is aimed at ("shot at a police officer").
    Aimed,
    /// A device ("set off a bomb", "detonated explosives").
    Device,
    /// A projectile or a device ("fired three rockets", "launched explosives-laden drones").
    Projectile,
    /// Anything: the verb is violent whatever it is done to ("blew up a bridge").
    Any,
}

/// Words that may stand between the agent and its verb ("gunmen on Sunday killed",
/// "militants reportedly shot").
const GAP_WORDS: &[&str] = &[
    "reportedly",
    "allegedly",
    "suspectedly",
    "of",
    "the",
    "apparently",
    "also",
    "then",
    "later",
    "first",
    "again",
    "have",
    "has",
    "had",
    "on",
    "in",
    "at",
    "near",
    "yesterday",
    "today",
    "overnight",
    "early",
    "late",
    "last",
    "night",
    "morning",
    "evening",
    "afternoon",
    "who",
    "riding",
    "attempted",
    "tried",
    "to",
    "motorcycles",
    "motorbikes",
];

/// Words right before the agent that make it the object or a party, not the doer ("fighting
/// militants killed", "clashes between troops and rebels killed").
const NOT_DOER_BEFORE: &[&str] = &[
    "by",
    "with",
    "against",
    "of",
    "fighting",
    "fought",
    "killing",
    "killed",
    "captured",
    "arrested",
    "against",
    "targeting",
    "hunting",
    "between",
    "among",
    "from",
    "to",
    "for",
    "on",
    "at",
];

/// Words that may qualify an agent noun before it ("two suspected Islamist militants").
const AGENT_MODIFIERS: &[&str] = &[
    "a",
    "an",
    "the",
    "suspected",
    "alleged",
    "armed",
    "unidentified",
    "unknown",
    "masked",
    "heavily",
    "islamist",
    "jihadist",
    "suicide",
    "urban",
    "several",
    "some",
    "group",
    "of",
    "band",
    "gang",
    "heavily-armed",
    "rebel",
    "guerrilla",
    "militant",
    "separatist",
    "dissident",
];

/// Words that make armed men a state's ("police commandos", "army snipers").
const STATE_WORDS: &[&str] =
    &["police", "army", "military", "security", "government", "state", "navy", "troops", "soldiers", "forces"];

/// Devices whose setting off is a bombing.
const DEVICES: &[&str] = &[
    "bomb",
    "bombs",
    "explosive",
    "explosives",
    "device",
    "devices",
    "charge",
    "charges",
    "dynamite",
    "grenade",
    "grenades",
    "mine",
    "mines",
    "car",
    "vest",
    "belt",
];

/// What is fired or launched at a target, besides the devices.
const PROJECTILES: &[&str] = &[
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "mortar",
    "mortars",
    "shell",
    "shells",
    "projectile",
    "projectiles",
    "drone",
    "drones",
    "rpg",
    "rpgs",
];

/// Objects a violent verb takes in its other senses ("killed the bill", "shot a video").
const NOT_LIVING: &[&str] = &[
    "bill",
    "bills",
    "deal",
    "proposal",
    "plan",
    "plans",
    "talks",
    "idea",
    "chance",
    "chances",
    "hopes",
    "video",
    "videos",
    "film",
    "footage",
    "scene",
    "scenes",
    "documentary",
    "motion",
    "measure",
    "engine",
    "lights",
    "story",
    "ball",
    "goal",
    "shot",
    "photo",
    "photos",
    "picture",
    "pictures",
    "round",
    "rounds",
];

/// Pronouns and words that name people as the object.
const PEOPLE_OBJECTS: &[&str] = &[
    "him",
    "his",
    "her",
    "them",
    "dozens",
    "scores",
    "hundreds",
    "several",
    "many",
    "at",
    "least",
    "more",
    "than",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "victims",
    "hostages",
    "guard",
    "guards",
    "bodyguard",
    "bodyguards",
    "family",
    "relatives",
    "journalist",
    "priest",
    "priests",
    "judge",
    "mayor",
];

/// The kind of armed agent before a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agent {
    /// Gunmen, snipers, "armed men": the event is an armed assault.
    Gunmen,
    /// Bombers: the event is a bombing.
    Bombers,
    /// Any other armed agent (militants, rebels, a named armed group).
    Other,
}

/// The type of the event a gated verb at `span` names, or None when its subject is no armed
/// agent or its object does not fit. `verb_type` is the verb's own type (Unknown for "killed").
pub(crate) fn event_type(
    text: &str,
    span: Span,
    verb_type: EventType,
    object: Object,
    actors: &ActorBase,
) -> Option<EventType> {
    let (from, to) = crate::sentence_bounds(text, span);
    let after = &text[span.end..to];
    if !object_fits(after, object) {
        return None;
    }
    let agent = agent_before(text, from, span.start, actors)?;
    if verb_type != EventType::Unknown {
        return Some(verb_type);
    }
    Some(match agent {
        Agent::Gunmen => EventType::ArmedAssault,
        Agent::Bombers => EventType::Bombing,
        Agent::Other => EventType::Unknown,
    })
}

/// The words of `s` up to its first clause mark, lowercase.
fn words_until_break(s: &str, n: usize) -> Vec<String> {
    let end = s.find([',', '.', ';', ':', '(', ')', '"', '—', '–']).unwrap_or(s.len());
    let s = &s[..end];
    word_spans(s).into_iter().take(n).map(|(a, b)| s[a..b].to_lowercase()).collect()
}

/// Whether `s` opens with a count phrase ("at least 129 people", "up to ten", "dozens of").
fn starts_with_count(s: &str) -> bool {
    let head = &s[..s.len().min(80)];
    annalist_normalize::find_quantities(head).first().is_some_and(|q| q.span.start == 0)
}

/// Whether the text before a passive verb ("an explosives-laden drone was intercepted", "two
/// devices were safely defused") has for its subject what the verb must be done to: a device
/// (or, for `Object::Projectile`, a projectile too) among the clause's last words.
pub(crate) fn passive_subject_fits(before: &str, object: Object) -> bool {
    let start = before.rfind([',', '.', ';', ':', '(', ')', '"', '—', '–']).map_or(0, |i| i + 1);
    let clause = &before[start..];
    let words: Vec<String> = word_spans(clause).into_iter().map(|(a, b)| clause[a..b].to_lowercase()).collect();
    let mut end = words.len();
    while end > 0 && matches!(words[end - 1].as_str(), "safely" | "successfully" | "later" | "also") {
        end -= 1;
    }
    if end == 0 || !matches!(words[end - 1].as_str(), "was" | "were" | "been" | "being") {
        return false;
    }
    let subject = &words[end.saturating_sub(7)..end - 1];
    subject.iter().any(|w| {
        let head = w.rsplit('-').next().unwrap_or(w);
        DEVICES.contains(&head) || (object == Object::Projectile && PROJECTILES.contains(&head))
    })
}

/// Whether what follows the verb is what it must be done to.
pub(crate) fn object_fits(after: &str, object: Object) -> bool {
    let raw = after.trim_start();
    // "intercepted and destroyed three drones", "killed and wounded twelve": the object of the
    // second verb is the first's too
    let raw = match raw.strip_prefix("and ") {
        Some(rest) => {
            let verb_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            if rest[..verb_end].ends_with("ed") {
                rest[verb_end..].trim_start()
            } else {
                raw
            }
        }
        None => raw,
    };
    // "killed at least 129 people", "shot up to ten": a count's modifier is no preposition
    if object != Object::Device && starts_with_count(raw) {
        return true;
    }
    let first = raw.split(|c: char| !is_word_char(c)).next().unwrap_or("").to_ascii_lowercase();
    if first.is_empty() {
        return false;
    }
    let aimed_at = object == Object::Aimed && matches!(first.as_str(), "at" | "upon");
    // "killed in the blast", "shot by police", "killed and wounded": passive or no object
    let no_object = matches!(
        first.as_str(),
        "in" | "by" | "during" | "when" | "as" | "after" | "while" | "on" | "at" | "and" | "or" | "last" | "earlier"
    );
    if no_object && !aimed_at {
        // "blew up on Sunday" still did something
        return object == Object::Any && !matches!(first.as_str(), "in" | "by" | "and" | "or");
    }
    match object {
        Object::Any => true,
        Object::Aimed if aimed_at => true,
        Object::Device => words_until_break(raw, 5).iter().any(|w| DEVICES.contains(&w.as_str())),
        Object::Projectile => {
            words_until_break(raw, 5).iter().any(|w| DEVICES.contains(&w.as_str()) || PROJECTILES.contains(&w.as_str()))
        }
        Object::People | Object::Aimed => {
            // a name or a number right after ("killed Ahmed Khan", "shot 12"), a name's particle
            // too ("killed al-Khadar al-Saeedi")
            if raw.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || opens_a_name(raw) {
                return true;
            }
            let words = words_until_break(raw, 6);
            // "shot a former militant dead"; "killed a village head" (not "killed the bill")
            let determined = matches!(first.as_str(), "a" | "an" | "the" | "his" | "their");
            if words.iter().any(|w| w == "dead")
                || (determined && !words.iter().take(4).any(|w| NOT_LIVING.contains(&w.as_str())))
            {
                return true;
            }
            words.iter().take(4).any(|w| {
                let w = w.as_str();
                PEOPLE_OBJECTS.contains(&w)
                    || (PERSON_NOUNS.contains(&w) && !is_filler(w))
                    || OFFICIAL_VICTIMS.contains(&w)
            })
        }
    }
}

/// Whether `s` opens with a name's lower-case particle joined to a capitalised word
/// ("al-Saeedi", "el-Sisi", "ad-Din").
fn opens_a_name(s: &str) -> bool {
    ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|rest| rest.starts_with(char::is_uppercase)))
}

/// Person-noun list entries that are no nouns ("were", "of", "and").
fn is_filler(w: &str) -> bool {
    matches!(w, "were" | "are" | "was" | "have" | "had" | "been" | "being" | "of" | "and" | "more" | "also" | "them")
}

/// The armed agent that is the subject of the verb at `at`, reading back from it within its
/// clause of the sentence starting at `floor`.
fn agent_before(text: &str, floor: usize, at: usize, actors: &ActorBase) -> Option<Agent> {
    let before = &text[floor..at];
    let clause_from = before
        .rfind([',', ';', ':', '(', ')', '"', '—', '–'])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let clause = &before[clause_from..];
    let words = word_spans(clause);
    let lower: Vec<String> = words.iter().map(|&(a, b)| clause[a..b].to_lowercase()).collect();
    // the agent noun: the last word of the clause, past at most four gap words
    let mut k = lower.len();
    let mut gap = 0;
    while k > 0 {
        let w = lower[k - 1].as_str();
        if ARMED_AGENT_NOUNS.contains(&w) || (w == "men" && k >= 2 && armed_men(&lower[k - 2])) {
            break;
        }
        let raw = &clause[words[k - 1].0..words[k - 1].1];
        let capital = raw.chars().next().is_some_and(char::is_uppercase) && k > 1;
        if gap >= 4 || !(GAP_WORDS.contains(&w) || capital) {
            return named_group(clause, actors);
        }
        gap += 1;
        k -= 1;
    }
    if k == 0 {
        return named_group(clause, actors);
    }
    let noun = lower[k - 1].as_str();
    // "gunmen who were killed", "militants have been": not the doer of this verb
    if lower[k..].iter().any(|w| w == "who") && lower[k..].iter().any(|w| matches!(w.as_str(), "were" | "was")) {
        return None;
    }
    // what stands before the noun phrase: the object of something else ("fighting militants")
    let mut j = k - 1;
    while j > 0 && (AGENT_MODIFIERS.contains(&lower[j - 1].as_str()) || is_count(&lower[j - 1])) {
        if lower[j - 1] == "of"
            && !matches!(lower.get(j.wrapping_sub(2)).map(String::as_str), Some("group" | "band" | "gang"))
        {
            break;
        }
        j -= 1;
    }
    if j > 0 && NOT_DOER_BEFORE.contains(&lower[j - 1].as_str()) {
        return None;
    }
    if lower[..k].iter().any(|w| w == "between") {
        return None;
    }
    // "state police commandos", "army snipers": a state's forces, told by `forces.rs` when their
    // verb always names violence; but a word of an armed group's name is the group's own
    // ("Popular Liberation Army guerrillas")
    let at_clause = floor + clause_from;
    let state = (k.saturating_sub(3)..k - 1).any(|i| {
        let raw = &clause[words[i].0..words[i].1];
        let span = Span::new(at_clause + words[i].0, at_clause + words[i].1);
        let capitalised_name = i > 0 && raw.starts_with(char::is_uppercase) && {
            let prev = &clause[words[i - 1].0..words[i - 1].1];
            prev.starts_with(char::is_uppercase)
        };
        STATE_WORDS.contains(&lower[i].as_str()) && !capitalised_name && !crate::forces::names_a_group(text, span)
    });
    if state {
        return None;
    }
    Some(match noun {
        "gunmen" | "gunman" | "snipers" | "sniper" | "men" | "shooter" | "shooters" => Agent::Gunmen,
        "bomber" | "bombers" => Agent::Bombers,
        _ => Agent::Other,
    })
}

/// "armed men", "masked men": men told as armed.
fn armed_men(w: &str) -> bool {
    matches!(w, "armed" | "masked" | "heavily-armed" | "hooded" | "uniformed")
}

/// A count word before an agent noun ("two gunmen", "12 militants") or a verb's object.
pub(crate) fn is_count(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "scores"
                | "hundreds"
        )
}

/// An armed group of the actor base that ends the clause (at most three words of gap), as the
/// subject ("Boko Haram killed", "the Taliban on Sunday killed").
fn named_group(clause: &str, actors: &ActorBase) -> Option<Agent> {
    // names are capitalised (or all capitals): a clause without a capital names no group
    if !clause.chars().any(char::is_uppercase) {
        return None;
    }
    let m = actors.find_actors(clause).into_iter().rfind(|a| a.kind == ActorKind::ArmedGroup)?;
    let gap = &clause[m.span.end..];
    let gap_words = words_until_break(gap, 8);
    let fits = gap_words.len() <= 3
        && gap_words
            .iter()
            .all(|w| GAP_WORDS.contains(&w.as_str()) || ARMED_AGENT_NOUNS.contains(&w.as_str()) || w == "men");
    let before = crate::prev_word(clause, m.span.start);
    (fits && !NOT_DOER_BEFORE.contains(&before.as_str())).then_some(Agent::Other)
}
