//! The kind of attack an event is, decided by a trained linear model (`models/type.bin`,
//! rebuilt by the `train_extract` example; `models/PROVENANCE.md`) among the attack types of
//! the Global Terrorism Database's codebook (bombing, armed assault, assassination, hijacking,
//! barricade hostage taking, kidnapping, facility attack, unarmed assault). The lexicon's reading
//! stands unless the model is sure of another kind (`MIN_CONFIDENCE`): an event whose words name
//! no kind ("assailants attacked a post") stays unknown, and GTD's own coders, who leave such
//! reports now unknown, now armed assault, teach nothing from them (their rows are left out).
//!
//! The trigger lexicon's sense of the event's words ("bomb attack", "gunmen", "abducted") is one
//! feature among the rest: the event's words and the words of its sentence and the next, their
//! pairs, the means and the target read for it, whether anyone was killed or hurt and how many.
//! What the lexicon cannot see is learnt so: a shooting of a mayor is an assassination, "set
//! ablaze" a facility attack, an "attack" whose means the next sentence names takes that means.
//! Types outside the codebook's attacks (airstrikes, arrests, foiled plots) are the lexicon's
//! and stay as they are.

use crate::learn::{stem, tokens, Features, Linear};
use crate::lexicon::OFFICIAL_VICTIMS;
use annalist_model::{Article, EventFrame, EventType};
use std::sync::OnceLock;

/// The version of this model's feature definitions (`features`), stored in its file.
pub const FEATURE_VERSION: u32 = 6;

static MODEL_BYTES: &[u8] = include_bytes!("../models/type.bin");

/// The environment variable naming a type model file to read instead of the committed one
/// (the `train_extract` example sets it to the model it has just trained).
pub const MODEL_ENV: &str = "ANNALIST_TYPE_MODEL";

/// The model's classes, in the order of its scores: the codebook's attacks, the first eight
/// of the contract's types.
pub const CLASSES: &[EventType] = EventType::ALL.split_at(8).0;

/// How many of the article's first sentences are read as its opening.
const OPENING_SENTENCES: usize = 4;

/// How sure the model must be of a kind to give it in place of the lexicon's reading.
pub const MIN_CONFIDENCE: f32 = 0.5;

/// The committed type model, or the file `ANNALIST_TYPE_MODEL` names.
pub fn model() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| crate::learn::load_model(MODEL_ENV, MODEL_BYTES, FEATURE_VERSION, "models/type.bin"))
}

/// The class of `t`, if it is one of the model's.
pub fn class_of(t: EventType) -> Option<usize> {
    CLASSES.iter().position(|c| *c == t)
}

/// Whether the model decides the type of an event the lexicon read as `t`: an attack of no
/// named kind or an armed one, whose kind the codebook tells by whom it was on and what it did
/// (a shooting of a mayor is an assassination, an attack that carried people off a
/// kidnapping). A kind the text names in its own words (a bombing, an abduction, an arson) is
/// the text's, and airstrikes, arrests and plots are no attacks of the codebook's.
pub fn decides(t: EventType) -> bool {
    matches!(t, EventType::Unknown | EventType::ArmedAssault)
}

/// Words that name what belongs to a person an attack is aimed at ("the vehicle of ...").
const BELONGINGS: &[&str] = &["vehicle", "convoy", "car", "motorcade", "house", "home", "residence", "office"];

/// Words after which a name is the one the attack is done to.
const AIMED_AT: &[&str] =
    &["on", "killed", "shot", "stabbed", "assassinated", "targeted", "targeting", "abducted", "kidnapped", "attacked"];

/// Nouns of places and buildings that make a capitalised phrase a place, not a person, when
/// they stand in it or right after it ("King Khalid Air Base", "Adam Kolo neighborhood").
const PLACE_NOUNS: &[&str] = &[
    "neighborhood",
    "neighbourhood",
    "area",
    "district",
    "village",
    "town",
    "city",
    "province",
    "region",
    "base",
    "airbase",
    "airport",
    "hospital",
    "palace",
    "road",
    "street",
    "highway",
    "camp",
    "university",
    "school",
    "college",
    "market",
    "mosque",
    "church",
    "temple",
    "bridge",
    "station",
    "front",
    "facility",
    "port",
    "hotel",
    "building",
    "compound",
    "checkpoint",
    "square",
    "park",
    "field",
];

/// Words that begin a capitalised phrase naming no person: days, months, articles.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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

/// Whether the sentence of `frame` names a person as what the attack was done to: a name after
/// a belonging ("the convoy of Reynalbert Insular") or after the act ("opened fire on Basit
/// Kamid", "shot and killed Tariqul Islam Khan"), two capitalised words that are not the
/// event's place.
pub fn names_a_person_as_target(article: &Article, frame: &EventFrame) -> bool {
    let sentence = frame.sentence.slice(&article.text);
    let words: Vec<&str> = tokens(sentence).into_iter().map(|(a, b)| &sentence[a..b]).collect();
    let place = frame.place.as_ref().map(|p| p.value.name.as_str()).unwrap_or("");
    let is_name_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !NOT_NAMES.contains(&w.to_lowercase().as_str())
            && !place.split_whitespace().any(|p| p == w)
    };
    (0..words.len()).any(|i| {
        let lower = words[i].to_lowercase();
        let name_at = |j: usize| words.get(j).is_some_and(|w| is_name_word(w));
        if BELONGINGS.contains(&lower.as_str()) && words.get(i + 1) == Some(&"of") {
            return name_at(i + 2);
        }
        AIMED_AT.contains(&lower.as_str()) && name_at(i + 1) && name_at(i + 2) && !names_a_place(&words, i + 1)
    })
}

/// Whether the event of `frame` is told as aimed at a person: an office holder near its words
/// or a person named as what it was done to.
fn aims_at_a_person(article: &Article, frame: &EventFrame) -> bool {
    office_near(article, frame) || names_a_person_as_target(article, frame)
}

/// Whether an office holder stands within `OFFICE_REACH` words of the event's own ("shot dead
/// the mayor", "the governor's convoy was attacked").
fn office_near(article: &Article, frame: &EventFrame) -> bool {
    let sentence = frame.sentence.slice(&article.text);
    let toks = tokens(sentence);
    let at = (frame.trigger.start - frame.sentence.start, frame.trigger.end - frame.sentence.start);
    let first = toks.iter().position(|&(_, e)| e > at.0).unwrap_or(0);
    let last = toks.iter().rposition(|&(s, _)| s < at.1).unwrap_or(first);
    toks[first.saturating_sub(OFFICE_REACH)..(last + 1 + OFFICE_REACH).min(toks.len())]
        .iter()
        .any(|&(s, e)| is_office(stem(&sentence[s..e].to_lowercase())))
}

/// Whether the capitalised run of `words` from `from` names a place or a building: a place
/// noun stands in it or right after it ("King Khalid Air Base", "Adam Kolo neighborhood").
fn names_a_place(words: &[&str], from: usize) -> bool {
    let run = words[from..].iter().take_while(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    words[from..(from + run + 1).min(words.len())].iter().any(|w| PLACE_NOUNS.contains(&w.to_lowercase().as_str()))
}

/// The type the model gives an event the lexicon read as `lexicon`, from its features.
pub fn decide(model: &Linear, lexicon: EventType, features: &[u32]) -> EventType {
    decide_at(model, lexicon, features, MIN_CONFIDENCE)
}

/// `decide` with the lexicon's reading kept unless the model gives its kind `confidence`.
pub fn decide_at(model: &Linear, lexicon: EventType, features: &[u32], confidence: f32) -> EventType {
    let scores = model.scores(features);
    let top = scores.iter().copied().fold(f32::MIN, f32::max);
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    let best = scores.iter().position(|s| *s == top).unwrap_or(0);
    if 1.0 / total < confidence {
        lexicon
    } else {
        CLASSES[best]
    }
}

/// Gives every frame whose type the model decides the model's type (each decided on the
/// lexicon's types of them all).
pub fn retype(article: &Article, frames: &mut [EventFrame]) {
    let decided: Vec<EventType> = (0..frames.len())
        .map(|i| {
            let lexicon = frames[i].event_type;
            // a bombing aimed at a person the text names ("a bomb targeting the vehicle of
            // Mohammad Khan") may be an assassination, and nothing else the model says
            let aimed_bombing = lexicon == EventType::Bombing && names_a_person_as_target(article, &frames[i]);
            if !decides(lexicon) && !aimed_bombing {
                return lexicon;
            }
            let mut features = Features::new();
            self::features(article, frames, i, &mut features);
            match decide(model(), lexicon, features.ids()) {
                t if aimed_bombing && t != EventType::Assassination => lexicon,
                // the codebook's assassination is of a person: an attack the text tells as aimed
                // at no one in particular ("gunmen killed three guards") stays what it was
                EventType::Assassination if !aimed_bombing && !aims_at_a_person(article, &frames[i]) => lexicon,
                t => t,
            }
        })
        .collect();
    for (frame, t) in frames.iter_mut().zip(decided) {
        frame.event_type = t;
    }
    hostages_carried_off(article, frames);
    abduction_takes_precedence(article, frames);
}

/// Words that tell of hostages held where they were taken (the codebook's barricade incident:
/// a siege, a stand-off), not carried off.
const BARRICADE_CUES: &[&str] =
    &["siege", "besieged", "barricaded", "barricade", "standoff", "stand-off", "holed", "held", "inside", "stormed"];

/// "Eleven officers were taken hostage … and released the next day": people taken and carried
/// off are kidnapped in the codebook's sense; a hostage taking is a barricade incident, told by
/// a siege or a stand-off in the event's sentence or the next (or named so: "a hostage-taking",
/// "held hostage").
fn hostages_carried_off(article: &Article, frames: &mut [EventFrame]) {
    for frame in frames.iter_mut().filter(|f| f.event_type == EventType::HostageTaking) {
        // a hostage taking named as such, or hostages held, is one (an attack the model typed
        // by the hostages its report tells of is read as "taken hostage" is)
        let trigger = frame.trigger.slice(&article.text).to_lowercase();
        if matches!(trigger.as_str(), "hostage-taking" | "hostage taking" | "held hostage") {
            continue;
        }
        let at = article.sentences.iter().position(|s| s.span == frame.sentence);
        let told = at.map_or(frame.sentence, |i| {
            let end = article.sentences.get(i + 1).map_or(frame.sentence.end, |n| n.span.end);
            annalist_model::Span::new(frame.sentence.start, end)
        });
        let words = lemmas(told.slice(&article.text));
        if !words.iter().any(|w| BARRICADE_CUES.iter().any(|c| stem(c) == w)) {
            frame.event_type = EventType::Kidnapping;
        }
    }
}

/// The codebook ranks a kidnapping above an armed assault, a facility attack or an unarmed
/// one: an attack whose report tells, in the same paragraph, of people it carried off ("…
/// opened fire on the site; four workers were abducted in the attack") is a kidnapping.
fn abduction_takes_precedence(article: &Article, frames: &mut [EventFrame]) {
    let paragraph = |f: &EventFrame| article.sentences.iter().find(|s| s.span == f.sentence).map(|s| s.paragraph);
    let Some(main) = frames.iter().position(|f| f.main) else { return };
    let outranked = matches!(
        frames[main].event_type,
        EventType::ArmedAssault | EventType::FacilityAttack | EventType::UnarmedAssault | EventType::Unknown
    );
    let abduction = frames.iter().enumerate().any(|(i, f)| {
        i != main
            && f.event_type == EventType::Kidnapping
            && f.status == annalist_model::EventStatus::Happened
            && f.telling.is_reported()
            && paragraph(f).is_some()
            && paragraph(f) == paragraph(&frames[main])
    });
    if outranked && abduction {
        frames[main].event_type = EventType::Kidnapping;
    }
}

/// The lower-cased words of `text` that hold a letter, as crude lemmas.
fn lemmas(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .map(|(s, e)| text[s..e].to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| stem(&w).to_string())
        .collect()
}

/// Whether a lemma names an office holder (whose killing is an assassination).
fn is_office(lemma: &str) -> bool {
    OFFICIAL_VICTIMS.contains(&lemma) || matches!(lemma, "official" | "politician" | "candidate" | "chairman")
}

/// How many words from the event's own an office holder is read as its victim ("shot dead the
/// mayor", "the governor's convoy was attacked"); further off, news names officials as the
/// ones who speak of it.
const OFFICE_REACH: usize = 4;

/// The class of cue a lemma is, for the kinds the codebook tells apart: what the attack did (an abduction, a hostage held, a fire or
/// damage to a site, a hijacking) and by what means (shooting, blasts, bare hands and stones).
fn cue_class(lemma: &str) -> Option<&'static str> {
    Some(match lemma {
        "abduct" | "abduction" | "kidnap" | "kidnapp" | "kidnapper" | "ransom" | "captive" | "abductor" => "abduct",
        "hostage" | "barricad" | "besieg" | "siege" | "held" => "hostage",
        "hijack" | "hijacker" | "hijacking" => "hijack",
        "arson" | "torch" | "ablaze" | "burn" | "burnt" | "fire" | "set" | "flame" | "firebomb" | "molotov"
        | "petrol" => "fire",
        "damag" | "destroy" | "vandaliz" | "vandalis" | "sabotag" | "pipeline" | "tower" | "facility" => "damage",
        // what was taken: a raid on property (the codebook's facility attacks include robberies)
        "loot" | "stolen" | "stole" | "steal" | "robb" | "robbery" | "plunder" | "ransack" => "theft",
        "shot" | "shoot" | "gunmen" | "gunman" | "gunfire" | "firearm" | "rifle" | "pistol" => "shooting",
        "bomb" | "explosive" | "explosion" | "blast" | "grenade" | "detonat" | "ied" | "mine" | "explod" => "blast",
        "stone" | "rock" | "beat" | "beaten" | "punch" | "poison" | "stab" | "knife" | "machete" => "hands",
        "target" | "vehicle" | "convoy" | "residence" | "home" | "house" => "target",
        "attempt" | "fail" | "fled" | "repell" | "escap" => "attempt",
        _ => return None,
    })
}

/// The cue classes of `text`'s words, each once, as features of `place` ("sentence", "next",
/// "opening").
fn add_cues(text: &str, place: &str, out: &mut Features) {
    let mut seen: Vec<&str> = Vec::new();
    for w in lemmas(text) {
        if let Some(class) = cue_class(&w) {
            if !seen.contains(&class) {
                seen.push(class);
                out.add(&["cue", place, class]);
            }
        }
    }
}

/// The model's features of `frames[at]` among the article's `frames` (their types as the
/// lexicon and the means read them, before the model), into `out`: no word of the text enters
/// but the event's own and its cue class, so that a coder's summary and a news story are read
/// alike.
pub fn features(article: &Article, frames: &[EventFrame], at: usize, out: &mut Features) {
    let text = &article.text;
    let frame = &frames[at];
    // the kinds and means the article's other events are told with ("abducted" in the next
    // sentence of an "attack")
    for (i, other) in frames.iter().enumerate() {
        if i != at {
            out.add(&["other", other.event_type.as_str()]);
            if let Some(w) = &other.weapon {
                out.add(&["other-weapon", w.value.as_str()]);
            }
        }
    }
    out.add(&["bias"]);
    out.add(&["lexicon", frame.event_type.as_str()]);
    out.add(&["status", &format!("{:?}", frame.status)]);
    let weapon = frame.weapon.as_ref().map_or("none", |w| w.value.as_str());
    let target = frame.target.as_ref().map_or("none", |t| t.value.as_str());
    out.add(&["weapon", weapon]);
    out.add(&["target", target]);
    out.add(&["lexicon-weapon", frame.event_type.as_str(), weapon]);
    out.add(&["lexicon-target", frame.event_type.as_str(), target]);
    let killed = frame.killed.as_ref().map(|k| k.value.low);
    let wounded = frame.wounded.as_ref().map(|k| k.value.low);
    let many = |n: Option<u64>| match n {
        None => "none",
        Some(0) => "0",
        Some(1) => "1",
        Some(2..=4) => "2-4",
        Some(_) => "5+",
    };
    out.add(&["killed", many(killed)]);
    out.add(&["wounded", many(wounded)]);
    out.add(&["tolls", many(killed), many(wounded)]);
    for w in lemmas(frame.trigger.slice(text)) {
        out.add(&["trigger", &w]);
    }
    add_cues(frame.sentence.slice(text), "sentence", out);
    let near = office_near(article, frame);
    let named = names_a_person_as_target(article, frame);
    if near {
        out.add(&["office-near"]);
    }
    if named {
        out.add(&["named-target"]);
    }
    // one feature for both ways of telling that the attack was on a person, so that what the
    // summaries teach of named victims (most of them office holders) carries to either
    if near || named {
        out.add(&["person-target"]);
        out.add(&["person-target", frame.event_type.as_str()]);
    }
    let next =
        article.sentences.iter().position(|s| s.span == frame.sentence).and_then(|i| article.sentences.get(i + 1));
    if let Some(next) = next {
        add_cues(next.span.slice(text), "next", out);
    }
    // the article's opening, where news tells its main event (and a coder's summary all of it)
    for s in article.sentences.iter().take(OPENING_SENTENCES) {
        add_cues(s.span.slice(text), "opening", out);
    }
    out.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_loads_and_was_trained_on_these_features() {
        let m = Linear::from_bytes(MODEL_BYTES, FEATURE_VERSION).expect("models/type.bin loads");
        assert_eq!(m.classes(), CLASSES.len());
        assert_eq!(MODEL_BYTES[8..12], FEATURE_VERSION.to_le_bytes());
    }
}
