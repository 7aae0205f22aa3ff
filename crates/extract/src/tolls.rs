//! Casualty counts: which count phrase of a sentence is a death toll, which an injury toll and
//! which neither, decided by a trained linear model (`models/toll.bin`, rebuilt by the
//! `train_extract` example; `models/PROVENANCE.md`) over features of the count and its
//! sentence: the words around it, their lemmas and endings, the nearest casualty or other cue
//! words on either side with their distance and what stands between (another count, "and",
//! "including", "were"), "others" after it, its size. Counts of several groups the model gives
//! one role in one phrase ("three officers and one civilian were wounded") are summed.

use crate::learn::{distance_bucket, stem, suffix, tokens, Features, Linear, Window};
use annalist_model::{CountRange, Span};
use std::sync::OnceLock;

/// The roles a count can fill, as the model's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TollRole {
    None = 0,
    Killed = 1,
    Wounded = 2,
}

impl TollRole {
    pub const ALL: [TollRole; 3] = [TollRole::None, TollRole::Killed, TollRole::Wounded];
}

/// The version of this model's feature definitions (`features`), stored in its file.
pub const FEATURE_VERSION: u32 = 4;

static MODEL_BYTES: &[u8] = include_bytes!("../models/toll.bin");

/// The environment variable naming a toll model file to read instead of the committed one
/// (the `train_extract` example sets it to the model it has just trained).
pub const MODEL_ENV: &str = "ANNALIST_TOLL_MODEL";

/// The committed toll model, or the file `ANNALIST_TOLL_MODEL` names.
pub fn model() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| crate::learn::load_model(MODEL_ENV, MODEL_BYTES, FEATURE_VERSION, "models/toll.bin"))
}

/// Cue words and the class each stands for in features.
fn cue_class(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "killing" | "kill" | "kills" | "dead" | "died" | "die" | "dies" | "death" | "deaths" | "toll"
        | "fatalities" | "fatality" | "lives" | "life" | "murdered" | "slain" | "beheaded" | "executed" | "bodies"
        | "succumbed" | "lynched" | "fatally" | "perished" | "massacred" | "assassinated" => "death",
        "wounded" | "wounding" | "injured" | "injuring" | "injuries" | "injury" | "hurt" | "hurting" | "wounds"
        | "casualties" | "hospitalized" | "hospitalised" | "wound" | "injure" => "injury",
        "kidnapped" | "abducted" | "abducting" | "kidnapping" | "hostage" | "hostages" | "arrested" | "detained"
        | "rescued" | "released" | "missing" | "captured" | "displaced" | "freed" | "escaped" | "unharmed" => "other",
        "including" | "among" => "incl",
        _ => return None,
    })
}

/// The model's features of the count at `q` (byte range in `sentence`, whose other counts are
/// at `counts`), into `out`.
pub fn features(sentence: &str, q: (usize, usize), counts: &[(usize, usize)], count: CountRange, out: &mut Features) {
    let toks = tokens(sentence);
    let words: Vec<String> = toks
        .iter()
        .zip(sense_marked(sentence, &toks))
        .map(|(&(s, e), word)| {
            if counts.iter().any(|&(cs, ce)| s >= cs && e <= ce) || sentence[s..e].bytes().all(|b| b.is_ascii_digit()) {
                "#".to_string()
            } else {
                word
            }
        })
        .collect();
    let win = Window::new(&toks, words, q);
    let (first, last, words) = (win.first, win.last, &win.words);
    out.add(&["bias"]);
    // the word before only as a class: its spelling ("said", "officials") tells the summaries'
    // style, not the count's role
    out.add(&[
        "c-1",
        cue_class(win.before(1)).unwrap_or(if GOVERNED_GAP.contains(&win.before(1)) { "gap" } else { "-" }),
    ]);
    for d in 1..=2 {
        out.add(&[["", "w+1", "w+2"][d], win.after(d)]);
        out.add(&[["", "l+1", "l+2"][d], stem(win.after(d))]);
    }
    out.add(&["s+1", suffix(win.after(1), 3)]);
    out.add(&["s+2", suffix(win.after(2), 3)]);
    out.add(&["bi+", win.after(1), win.after(2)]);
    if first < words.len() && matches!(words[first].as_str(), "a" | "an" | "another") {
        out.add(&["article"]);
    }
    out.add(&["mag", if count.low == 1 { "1" } else { "n" }]);
    if count.high != Some(count.low) {
        out.add(&["open"]);
    }
    if first <= 1 {
        out.add(&["initial"]);
    }
    // the cues after: the first two, what lies between the count and the first
    let mut seen = 0;
    let mut next: Option<(&'static str, usize, bool)> = None;
    let mut between: Vec<&str> = Vec::new();
    let (mut number, mut and, mut passive, mut comma) = (false, false, false, false);
    for (i, w) in words.iter().enumerate().skip(last + 1) {
        let w = w.as_str();
        if w == ";" || w == "." {
            break;
        }
        if let Some(class) = cue_class(w) {
            seen += 1;
            let d = distance_bucket(i - last - 1);
            if seen == 1 {
                next = Some((class, i - last - 1, and));
                out.add(&["nc", class]);
                out.add(&["ncw", w]);
                out.add(&["ncd", class, d]);
                out.add(&["ncn", class, if number { "num" } else { "-" }]);
                out.add(&["nca", class, if and { "and" } else { "-" }]);
                out.add(&["ncp", class, if passive { "pass" } else { "-" }]);
                out.add(&["ncc", class, if comma { "comma" } else { "-" }]);
                out.add(&["ncw1", class, win.after(1)]);
                for b in &between {
                    out.add(&["btw", b]);
                }
                if class == "incl" {
                    continue;
                }
            } else {
                out.add(&["nc2", class]);
                out.add(&["nc2n", class, if number { "num" } else { "-" }]);
                break;
            }
        }
        match w {
            "#" => number = true,
            "and" | "&" => and = true,
            "were" | "was" | "been" | "be" | "being" => passive = true,
            "," => comma = true,
            _ => {}
        }
        if seen == 0 && between.len() < 8 {
            between.push(w);
        }
    }
    if seen == 0 {
        out.add(&["nc", "none"]);
    }
    // the cue before, and what lies between it and the count
    let mut number = false;
    let mut found = false;
    for i in (0..first).rev() {
        let w = words[i].as_str();
        if w == ";" {
            break;
        }
        if let Some(class) = cue_class(w) {
            let d = distance_bucket(first - i - 1);
            out.add(&["pc", class]);
            out.add(&["pcw", w]);
            out.add(&["pcd", class, d]);
            out.add(&["pcn", class, if number { "num" } else { "-" }]);
            let d_before = first - i - 1;
            if let Some((nclass, d_after, and)) = next {
                out.add(&["pc|nc", class, nclass, if and { "and" } else { "-" }]);
                let nearer = if d_before <= d_after { ("before", class) } else { ("after", nclass) };
                out.add(&["near", nearer.0, nearer.1]);
            } else {
                out.add(&["near", "before", class]);
            }
            for b in &words[i + 1..first] {
                if first - i <= 7 {
                    out.add(&["btp", b]);
                }
            }
            found = true;
            break;
        }
        if w == "#" {
            number = true;
        }
    }
    if !found {
        out.add(&["pc", "none"]);
        if let Some((nclass, _, _)) = next {
            out.add(&["near", "after", nclass]);
        }
    }
    if words[last + 1..words.len().min(last + 4)].iter().any(|w| w == "others" || w == "other") {
        out.add(&["others"]);
    }
    governed_by_cue(&win, out);
    agreement(&win, count, out);
    if words[last + 1..words.len().min(last + 4)].iter().any(|w| AGENT_NOUNS.contains(&w.as_str())) {
        out.add(&["agent-noun", if win.before(1) == "by" { "by" } else { "-" }]);
    }
}

/// Words that may stand between a cue and the count it governs ("the deaths of over 100
/// people", "killing at least five", "injuries to some 20").
const GOVERNED_GAP: &[&str] = &["of", "the", "to", "at", "least", "some", "nearly", "about", "around", "almost", "up"];

/// "killing five", "the deaths of 12 people", "left 20 injured" read alike: the cue just
/// before the count governs it, whatever the gap words.
fn governed_by_cue(win: &Window, out: &mut Features) {
    for d in 1..=4 {
        let w = win.before(d);
        if let Some(class) = cue_class(w) {
            out.add(&["gov-before", class]);
            return;
        }
        if !GOVERNED_GAP.contains(&w) {
            return;
        }
    }
}

/// The verb that follows the count agrees with it or not: "two members, ... who was killed"
/// tells of someone else's death; "five people were killed" of theirs.
fn agreement(win: &Window, count: CountRange, out: &mut Features) {
    let words = &win.words;
    for i in win.last + 1..words.len() {
        let w = words[i].as_str();
        if w == "." || w == ";" {
            return;
        }
        if cue_class(w).is_some_and(|c| c == "death" || c == "injury") {
            let prev = &words[i.saturating_sub(2)..i];
            let number = if prev.iter().any(|p| p == "was" || p == "is" || p == "has") {
                "sing"
            } else if prev.iter().any(|p| p == "were" || p == "are" || p == "have") {
                "plur"
            } else {
                return;
            };
            let relative = prev.iter().any(|p| p == "who" || p == "which" || p == "that");
            let many = if count.low == 1 { "one" } else { "many" };
            out.add(&["agree", number, many, if relative { "rel" } else { "-" }]);
            return;
        }
    }
}

/// Nouns for those who carry out an attack ("two Tajik ISIS-K members", "five gunmen").
const AGENT_NOUNS: &[&str] = &[
    "members",
    "member",
    "militants",
    "gunmen",
    "gunman",
    "attackers",
    "assailants",
    "bombers",
    "fighters",
    "insurgents",
    "suspects",
    "perpetrators",
    "terrorists",
];

/// Grammar the training data hardly shows, which no count phrase can fill a toll against: a
/// toll needs a casualty word in its sentence; a count after "by" is the agent of what is told ("carried out by two members", "killed by
/// three gunmen"), and a count of many whose only casualty word after it stands in a singular
/// relative clause ("two members ... a general who was killed") tells of someone else.
fn cannot_be_toll(win: &Window, count: CountRange) -> bool {
    if win.before(1) == "by"
        || is_agent_of_casualties(win)
        || NOT_PEOPLE.contains(&win.after(1))
        || is_an_earlier_figure(win)
    {
        return true;
    }
    let words = &win.words;
    if !words.iter().any(|w| cue_class(w).is_some_and(|c| c == "death" || c == "injury")) {
        return true;
    }
    let cue_before = (0..win.first).rev().take_while(|&i| words[i] != ";").any(|i| cue_class(&words[i]).is_some());
    if count.low < 2 || cue_before {
        return false;
    }
    let mut cues = (win.last + 1..words.len())
        .take_while(|&i| words[i] != "." && words[i] != ";")
        .filter(|&i| cue_class(&words[i]).is_some_and(|c| c == "death" || c == "injury"));
    let Some(first) = cues.next() else { return false };
    let lead = &words[first.saturating_sub(2)..first];
    let singular_relative = matches!(lead, [r, v] if matches!(r.as_str(), "who" | "which") && matches!(v.as_str(), "was" | "is" | "has"))
        || matches!(lead.last().map(String::as_str), Some("who")) && matches!(words[first].as_str(), "died" | "dies");
    singular_relative && cues.next().is_none()
}

/// "the earlier figure of 359", "up from an initial toll of 20": a figure the report names as
/// superseded is not the toll it gives.
fn is_an_earlier_figure(win: &Window) -> bool {
    win.before(1) == "of"
        && matches!(win.before(2), "figure" | "toll" | "estimate" | "count" | "tally")
        && matches!(win.before(3), "earlier" | "previous" | "initial" | "original" | "first" | "old" | "preliminary")
}

/// The role of a count a toll rises or falls to ("the number of people killed has risen to
/// 130", "the death toll climbed to 359", "the number of injured stood at 80"): the casualty word
/// of the subject before the verb gives it. News updates tolls so; coders' summaries never do,
/// so the model has not seen it.
fn updated_toll(win: &Window) -> Option<TollRole> {
    let role = |w: &str| match cue_class(w) {
        Some("death") => Some(TollRole::Killed),
        Some("injury") if w != "casualties" => Some(TollRole::Wounded),
        _ => None,
    };
    // "to about 253": past the word that makes the count approximate
    let k = if matches!(win.before(1), "about" | "around" | "some" | "nearly" | "almost" | "approximately" | "roughly")
    {
        2
    } else {
        1
    };
    let clause =
        |from: usize| (from..=from + 12).map(|d| win.before(d)).take_while(|w| !matches!(*w, "<s>" | ";" | "." | ","));
    match win.before(k) {
        // "risen to 130", "stood at 80"; "lowered the number of people killed in the bombings to
        // about 253", "raised the death toll to 45": the object's casualty word
        "to" | "at" => {
            let words: Vec<&str> = clause(k + 1).collect();
            let verb = words.iter().position(|w| TOLL_VERBS.contains(w))?;
            // the casualty word of the subject ("the toll has risen") or of the object, between
            words[..verb].iter().chain(&words[verb + 1..]).find_map(|w| role(w))
        }
        // "reached 130"
        "reached" | "hit" | "passed" | "topped" => clause(k + 1).find_map(role),
        _ => None,
    }
}

/// Verbs a toll rises or falls by, or is revised by.
const TOLL_VERBS: &[&str] = &[
    "risen",
    "rose",
    "rises",
    "climbed",
    "climbs",
    "increased",
    "jumped",
    "reached",
    "stood",
    "stands",
    "fell",
    "fallen",
    "dropped",
    "lowered",
    "revised",
    "raised",
    "put",
    "puts",
];

/// Nouns a count of which counts no people: buildings and places, vehicles and devices, events,
/// spans of time and measures ("the blasts at three churches", "two bombs", "four days").
const NOT_PEOPLE: &[&str] = &[
    "churches",
    "mosques",
    "temples",
    "shrines",
    "hotels",
    "houses",
    "homes",
    "buildings",
    "shops",
    "schools",
    "hospitals",
    "villages",
    "towns",
    "cities",
    "districts",
    "provinces",
    "states",
    "countries",
    "sites",
    "locations",
    "vehicles",
    "cars",
    "buses",
    "trucks",
    "trains",
    "boats",
    "aircraft",
    "planes",
    "helicopters",
    "drones",
    "bombs",
    "explosions",
    "blasts",
    "rockets",
    "mortars",
    "shells",
    "grenades",
    "missiles",
    "devices",
    "mines",
    "attacks",
    "incidents",
    "raids",
    "strikes",
    "days",
    "hours",
    "minutes",
    "weeks",
    "months",
    "years",
    "times",
    "miles",
    "kilometres",
    "kilometers",
    "km",
    "metres",
    "meters",
    "percent",
    "points",
    "goals",
    "seats",
    "votes",
    "dollars",
    "euros",
    "pounds",
];

/// Whether the count is the subject of an active casualty verb with its own object ("a gunman
/// killed 50 worshippers", "two attackers shot a guard"): who did it, not who suffered it (while
/// "two people killed in the blast" is passive, the verb without an object).
fn is_agent_of_casualties(win: &Window) -> bool {
    let casualty_verb = |w: &str| matches!(w, "killed" | "wounded" | "injured" | "shot" | "stabbed" | "murdered");
    // "an assailant shot and killed a guard": the object after both verbs
    let (verb, object) = if win.after(2) == "and" && casualty_verb(win.after(3)) {
        (win.after(1), win.after(4))
    } else {
        (win.after(1), win.after(2))
    };
    // "two gunmen opened fire", "a militant detonated his vest": the acts of an attack
    let attacks = matches!(verb, "opened" | "attacked" | "detonated" | "stormed" | "ambushed" | "raided" | "threw");
    attacks
        || casualty_verb(verb)
            && (crate::agents::is_count(object)
                || matches!(object, "a" | "an" | "the" | "at" | "his" | "her" | "their" | "several" | "one"))
}

/// The role grammar gives a count whatever the model says: the casualty word that governs it
/// from just before ("killing five", "the deaths of over 100 people", "injuring at least 12",
/// "kidnapped 11": none) or that stands right after it ("left 300 wounded", "8 dead"), or
/// none where it cannot be a toll (`cannot_be_toll`).
pub fn grammar_role(sentence: &str, q: (usize, usize), count: CountRange) -> Option<TollRole> {
    let toks = tokens(sentence);
    let win = Window::new(&toks, sense_marked(sentence, &toks), q);
    if cannot_be_toll(&win, count) {
        return Some(TollRole::None);
    }
    if let Some(role) = updated_toll(&win) {
        return Some(role);
    }
    for d in 1..=4 {
        let w = win.before(d);
        match cue_class(w) {
            Some("death") => return Some(TollRole::Killed),
            Some("injury") if w != "casualties" => return Some(TollRole::Wounded),
            Some("other") => return Some(TollRole::None),
            Some(_) => return None,
            None if GOVERNED_GAP.contains(&w) => {}
            None => break,
        }
    }
    // "left more than 300 wounded", "8 dead and 20 injured", "352 people had been wounded": a
    // casualty word right after the count (past "people" or "others", and the auxiliaries of
    // a passive) reads as its role
    let mut d = if matches!(win.after(1), "people" | "others" | "persons") { 2 } else { 1 };
    while d < 6 && matches!(win.after(d), "had" | "have" | "has" | "were" | "are" | "been") {
        d += 1;
    }
    let first_after = win.after(d);
    match cue_class(first_after) {
        Some("death") if matches!(first_after, "dead" | "killed" | "slain" | "fatalities" | "deaths") => {
            Some(TollRole::Killed)
        }
        Some("injury") if matches!(first_after, "wounded" | "injured" | "hurt" | "injuries") => Some(TollRole::Wounded),
        _ => None,
    }
}

/// A sentence's words, lower-cased, with the words that name no casualty in their context
/// marked so that no cue reads them: "executed a suicide attack" (carried out, not put to
/// death).
fn sense_marked(sentence: &str, toks: &[(usize, usize)]) -> Vec<String> {
    let mut words: Vec<String> = toks.iter().map(|&(s, e)| sentence[s..e].to_lowercase()).collect();
    for i in 0..words.len() {
        if matches!(words[i].as_str(), "executed" | "execute" | "executing")
            && words[i + 1..words.len().min(i + 5)].iter().any(|w| OPERATION_NOUNS.contains(&w.as_str()))
        {
            words[i] = "carried-out".to_string();
        }
    }
    words
}

/// What an attacker carries out ("executed a suicide attack").
const OPERATION_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "operation",
    "operations",
    "assault",
    "raid",
    "plan",
    "plot",
    "strike",
];

/// Singular nouns for a person a toll can count ("a civilian", "an officer").
const PERSON: &[&str] = &[
    "person",
    "civilian",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "baby",
    "teenager",
    "youth",
    "officer",
    "policeman",
    "policewoman",
    "soldier",
    "guard",
    "militiaman",
    "member",
    "employee",
    "worker",
    "teacher",
    "student",
    "journalist",
    "reporter",
    "leader",
    "official",
    "commander",
    "farmer",
    "driver",
    "villager",
    "resident",
    "trader",
    "shopkeeper",
    "businessman",
    "merchant",
    "doctor",
    "nurse",
    "priest",
    "pastor",
    "imam",
    "cleric",
    "elder",
    "chief",
    "activist",
    "assailant",
    "attacker",
    "militant",
    "fighter",
    "gunman",
    "bomber",
    "contractor",
    "judge",
    "lawyer",
    "politician",
    "candidate",
    "councilor",
    "councillor",
    "mayor",
    "spokesman",
    "informant",
    "herder",
    "herdsman",
    "passenger",
    "pilgrim",
    "worshipper",
    "bystander",
    "relative",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "father",
    "mother",
    "local",
    "security",
    "personnel",
    "staffer",
    "volunteer",
    "engineer",
    "agent",
    "operative",
    "tribesman",
    "servant",
    "former",
    "individual",
    "victim",
    "principal",
    "chairman",
    "chairwoman",
    "chairperson",
    "editor",
    "director",
    "head",
    "lecturer",
    "professor",
    "vendor",
    "labourer",
    "laborer",
    "mechanic",
    "miner",
    "fisherman",
    "shepherd",
    "ranger",
    "lawmaker",
    "legislator",
    "senator",
    "governor",
    "minister",
    "prosecutor",
    "commissioner",
    "deputy",
    "inspector",
    "sergeant",
    "captain",
    "colonel",
    "constable",
    "recruit",
    "veteran",
    "refugee",
    "migrant",
    "pupil",
    "photographer",
    "cameraman",
    "monk",
    "nun",
    "bishop",
    "rabbi",
    "sheikh",
    "pilot",
    "tourist",
    "patient",
    "prisoner",
    "detainee",
    "hostage",
    "informer",
    "assistant",
    "bodyguard",
    "aide",
    "escort",
    "companion",
    "colleague",
    "friend",
    "secretary",
    "neighbour",
    "neighbor",
    "owner",
    "sister",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "fiance",
    "fiancee",
    "lieutenant",
    "corporal",
    "brigadier",
];

/// Nouns for people in numbers no count gives ("police and a civilian were killed"): a
/// subject holding one is no sum of counted groups.
const COLLECTIVE: &[&str] =
    &["police", "people", "troops", "forces", "security", "personnel", "staff", "crew", "family", "others"];

/// The verbs of a passive casualty clause whose subject may be a list of victims ("Mkhize and
/// his assistant were killed").
const CASUALTY_PARTICIPLES: &[&str] =
    &["killed", "injured", "wounded", "hurt", "shot", "murdered", "slain", "executed", "beheaded", "abducted"];

/// Words that end a list of victims on its left: a clause's or a phrase's start.
const LIST_STARTS: &[&str] = &[
    ".", ";", ":", "but", "while", "when", "after", "as", "where", "which", "who", "whom", "that", "in", "on", "at",
    "during", "by", "said", "say", "says",
];

/// Words that open one victim's phrase in a list ("his assistant", "the farmer").
const ONE_VICTIM_OPENERS: &[&str] = &["a", "an", "one", "another", "the", "his", "her", "their", "its"];

/// How many words after "a" or "an" the noun of one person may stand ("a Ministry of the
/// Interior security officer").
const ONE_PERSON_REACH: usize = 7;

/// Words that end the phrase of one person before its noun: a preposition of place or time, a
/// verb, a conjunction ("a bomb in a market": no person).
const ONE_PERSON_STOPS: &[&str] =
    &["in", "at", "on", "near", "with", "from", "to", "by", "was", "were", "is", "and", "or", "who", "that", "which"];

/// "a civilian", "an off-duty police officer", "another guard", "the teacher was killed": one
/// person a toll may count, as sentence-relative byte ranges from the article to the noun (none
/// overlapping `counts`). (A name after a killing verb, "shot and killed Ahmed Karimi", was
/// tried as one too: GTD dev killed 0.724 -> 0.692, the model reading names as tolls.)
pub fn one_person(sentence: &str, counts: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let toks = tokens(sentence);
    let mut out = Vec::new();
    let lower: Vec<String> = toks.iter().map(|&(s, e)| sentence[s..e].to_ascii_lowercase()).collect();
    let free = |s: usize, e: usize| !counts.iter().any(|&(cs, ce)| s < ce && cs < e);
    for (i, &(s, e)) in toks.iter().enumerate() {
        // "the teacher was killed", "the owner's son was shot dead": one person named by role
        if lower[i] == "the" {
            let noun = (i + 1..(i + 4).min(toks.len())).find(|&j| PERSON.contains(&lower[j].as_str()));
            if let Some(j) = noun {
                let passive = matches!(lower.get(j + 1).map(String::as_str), Some("was" | "had"))
                    && lower.get(j + 2..(j + 4).min(lower.len())).is_some_and(|ws| {
                        ws.iter().any(|w| {
                            matches!(w.as_str(), "killed" | "shot" | "injured" | "wounded" | "hurt" | "murdered")
                        })
                    });
                if passive && free(s, toks[j].1) {
                    out.push((s, toks[j].1));
                }
            }
        }
        if !matches!(lower[i].as_str(), "a" | "an" | "another") || !free(s, e) {
            continue;
        }
        for &(ns, ne) in toks.iter().skip(i + 1).take(ONE_PERSON_REACH) {
            let noun = sentence[ns..ne].to_ascii_lowercase();
            // "a thirteenth victim died": the toll rose to thirteen, not one
            if !noun.chars().next().is_some_and(char::is_alphanumeric)
                || (annalist_normalize::is_ordinal(&noun) && noun != "first")
                || ONE_PERSON_STOPS.contains(&noun.as_str())
            {
                break;
            }
            if PERSON.contains(&noun.as_str()) {
                // "a and two security staff": a number inside is its own candidate
                if !counts.iter().any(|&(cs, ce)| s < ce && cs < ne) {
                    out.push((s, ne));
                }
                break;
            }
        }
    }
    out
}

/// The victims of a list that are no count: "Mkhize and his assistant were killed", "the
/// farmer and an Amotekun member were killed", "Abdunur and at least seven other soldiers": the
/// subject of a passive casualty verb, split at "and" and commas, each member of which is a
/// count, one person by role ("his driver", "the informer") or a name ("Mkhize"), gives each
/// member that is no count as one person (sentence-relative byte ranges). A member that is
/// none of these ("soldiers", "in the attack") leaves the list unread; an "including" aside is
/// a part of the list's people, not a member.
pub fn listed_victims(sentence: &str, counts: &[(usize, usize)]) -> Vec<ListedVictim> {
    let toks = tokens(sentence);
    let lower: Vec<String> = toks.iter().map(|&(s, e)| sentence[s..e].to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    for verb in 1..toks.len() {
        let Some(participle) = lower.get(verb + 1).filter(|w| CASUALTY_PARTICIPLES.contains(&w.as_str())) else {
            continue;
        };
        if lower[verb] != "were" {
            continue;
        }
        let role = match participle.as_str() {
            "shot" => None,
            "injured" | "wounded" | "hurt" => Some(TollRole::Wounded),
            "abducted" => Some(TollRole::None),
            _ => Some(TollRole::Killed),
        };
        // "at least seven": a degree, not a place
        let starts_list = |i: usize| {
            LIST_STARTS.contains(&lower[i].as_str())
                && !(lower[i] == "at" && lower.get(i + 1).is_some_and(|w| w == "least"))
        };
        let start = (0..verb).rev().find(|&i| starts_list(i)).map_or(0, |i| i + 1);
        if !lower[start..verb].iter().any(|w| w == "and") {
            continue;
        }
        let mut members: Vec<(usize, usize)> = Vec::new();
        let mut from = start;
        for (i, word) in lower.iter().enumerate().take(verb + 1).skip(start) {
            if i == verb || word == "and" || word == "," {
                if from < i {
                    members.push((from, i));
                }
                from = i + 1;
            }
        }
        let mut found = Vec::new();
        // "two people, Suleyol Emberga and Iorliam Door Aggwei, were killed": names after a
        // count and its comma name the people it counts
        let mut naming_a_count = false;
        // "Shahin, a former police chief, his son and two guards": a description after a name
        // and its comma is who the named one is
        let mut after_a_name = false;
        let whole = members.iter().all(|&(a, b)| {
            let (s, e) = (toks[a].0, toks[b - 1].1);
            let comma_before = a > 0 && lower[a - 1] == ",";
            if counts.iter().any(|&(cs, ce)| s < ce && cs < e) {
                naming_a_count = lower.get(b).is_some_and(|w| w == ",");
                after_a_name = false;
                return true;
            }
            if lower[a] == "including" {
                return true;
            }
            let opened = ONE_VICTIM_OPENERS.contains(&lower[a].as_str());
            if naming_a_count && !opened {
                return one_victim(sentence, &toks[a..b], &lower[a..b], false).is_some();
            }
            if after_a_name && comma_before && matches!(lower[a].as_str(), "a" | "an" | "the") {
                after_a_name = false;
                // no one more: no toll ("a former police chief" is no candidate of its own)
                found.push(ListedVictim { span: (s, e), role: Some(TollRole::None) });
                return one_victim(sentence, &toks[a..b], &lower[a..b], false).is_some();
            }
            naming_a_count = false;
            match one_victim(sentence, &toks[a..b], &lower[a..b], a == 0) {
                Some(()) => {
                    after_a_name = !opened;
                    found.push(ListedVictim { span: (s, e), role });
                    true
                }
                None => false,
            }
        });
        if whole {
            out.extend(found);
        }
    }
    out.extend(added_victims(sentence, &toks, &lower, counts));
    out
}

/// "In addition to the assailant, at least two people were killed": one person named before
/// the toll as beside it, with the role of the first casualty word after.
fn added_victims(
    sentence: &str,
    toks: &[(usize, usize)],
    lower: &[String],
    counts: &[(usize, usize)],
) -> Vec<ListedVictim> {
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(3) {
        if lower[i..i + 3] != ["in", "addition", "to"] || !ONE_VICTIM_OPENERS.contains(&lower[i + 3].as_str()) {
            continue;
        }
        let Some(end) = (i + 4..toks.len()).find(|&j| lower[j] == ",") else { continue };
        let (s, e) = (toks[i + 3].0, toks[end - 1].1);
        if counts.iter().any(|&(cs, ce)| s < ce && cs < e)
            || one_victim(sentence, &toks[i + 3..end], &lower[i + 3..end], false).is_none()
        {
            continue;
        }
        let role = lower[end..].iter().find_map(|w| match cue_class(w) {
            Some("death") => Some(TollRole::Killed),
            Some("injury") if w != "casualties" => Some(TollRole::Wounded),
            _ => None,
        });
        if role.is_some() {
            out.push(ListedVictim { span: (s, e), role });
        }
    }
    out
}

/// One person of a list of victims (`listed_victims`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListedVictim {
    /// Sentence-relative byte range.
    pub span: (usize, usize),
    /// The role the list's verb gives its people ("were killed": killed), if it tells one;
    /// none for a description of a person already listed ("Karimov, a former judge, ...").
    pub role: Option<TollRole>,
}

/// Whether a member of a list of victims (its tokens and their lower-cased words) tells of one
/// person: an opener and a singular person's noun ("his assistant", "the local imam"), or a
/// name of at most four capitalised words (at the sentence's start, no plural or collective
/// noun capitalised there).
fn one_victim(sentence: &str, toks: &[(usize, usize)], lower: &[String], opens_sentence: bool) -> Option<()> {
    let noun_of = |w: &str| w.split('-').next().map(str::to_string).unwrap_or_default();
    if ONE_VICTIM_OPENERS.contains(&lower[0].as_str()) {
        // "a Border Security Force (BSF) officer": an acronym in brackets is no word
        // of the phrase's length
        let bracketed = match (lower.iter().position(|w| w == "("), lower.iter().position(|w| w == ")")) {
            (Some(open), Some(close)) if open < close => close + 1 - open,
            _ => 0,
        };
        return (toks.len() - bracketed <= ONE_PERSON_REACH
            && PERSON.contains(&noun_of(&lower[toks.len() - 1]).as_str()))
        .then_some(());
    }
    let capitalised = toks.iter().all(|&(s, e)| sentence[s..e].chars().next().is_some_and(char::is_uppercase));
    let common = |w: &str| {
        COLLECTIVE.contains(&w) || PERSON.contains(&w) || w.strip_suffix('s').is_some_and(|n| PERSON.contains(&n))
    };
    (capitalised && toks.len() <= 4 && !(opens_sentence && toks.len() == 1 && common(&lower[0]))).then_some(())
}

/// A count the model read as a toll.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Toll {
    pub role: TollRole,
    pub count: CountRange,
    /// From the first group's count to the last's.
    pub span: Span,
    /// How many of `count` are the attackers ("six guards and three gunmen were killed":
    /// two), whom a ledger keeps apart from the victims.
    pub attackers: u64,
}

impl Toll {
    /// The victims of the toll: its count less the attackers, if any are left.
    pub fn victims(&self) -> Option<CountRange> {
        let low = self.count.low.checked_sub(self.attackers)?;
        let high = self.count.high.map(|h| h.saturating_sub(self.attackers));
        (low > 0 || high.is_some_and(|h| h > 0)).then_some(CountRange { low, high })
    }
}

/// Nouns for those who carried out an attack, as a toll counts them ("two assailants", "the
/// suicide bomber"): those who died or were hurt so are the attackers' losses, not victims.
const ATTACKER_NOUNS: &[&str] = &[
    "assailant",
    "assailants",
    "attacker",
    "attackers",
    "gunman",
    "gunmen",
    "militant",
    "militants",
    "insurgent",
    "insurgents",
    "bomber",
    "bombers",
    "perpetrator",
    "perpetrators",
    "terrorist",
    "terrorists",
    "jihadist",
    "jihadists",
];

/// Words that may stand between a count and the attackers' noun it counts ("two suspected
/// assailants", "three other militants").
const ATTACKER_MODIFIERS: &[&str] = &["suicide", "suspected", "other", "more", "armed", "alleged", "of", "the"];

/// Whether the candidate at `q` (a byte range of `sentence`) counts attackers: its last word,
/// or the first word after it past modifiers, is an attacker's noun.
pub fn counts_attackers(sentence: &str, q: (usize, usize)) -> bool {
    let own = &sentence[q.0..q.1];
    let last = tokens(own).last().map(|&(a, b)| own[a..b].to_lowercase());
    if last.as_deref().is_some_and(|w| ATTACKER_NOUNS.contains(&w)) {
        return true;
    }
    let after = &sentence[q.1..];
    tokens(after)
        .iter()
        .map(|&(a, b)| after[a..b].to_lowercase())
        .take(3)
        .find(|w| !ATTACKER_MODIFIERS.contains(&w.as_str()))
        .is_some_and(|w| ATTACKER_NOUNS.contains(&w.as_str()))
}

/// The tolls of one sentence from its counts (sentence-relative byte ranges, in text order,
/// each with its count and the role the model gave it): the counts of one role that stand in
/// one phrase, joined by "and" or a comma with no cue word between ("three officers and one
/// civilian were wounded"), are summed.
pub fn group(sentence: &str, offset: usize, counts: &[((usize, usize), CountRange, TollRole)]) -> Vec<Toll> {
    let mut out: Vec<Toll> = Vec::new();
    let mut last_end: Option<usize> = None;
    for &((s, e), count, role) in counts {
        // "four officers, including a commander, and five gunmen": a part of a group
        // already counted is neither a group of its own nor an end of the list
        if is_a_part_of_a_group(&sentence[..s]) {
            continue;
        }
        if role == TollRole::None {
            last_end = None;
            continue;
        }
        // a candidate that overlaps the one before (one person's words around a number) never
        // joins it
        let joins = last_end.is_some_and(|le| le <= s)
            && last_end.is_some_and(|le| {
                let prev = out.last().expect("a toll before");
                let between = &sentence[le..s];
                let words =
                    without_asides(tokens(between).iter().map(|&(a, b)| between[a..b].to_lowercase()).collect());
                prev.role == role
                    && words.len() <= 6
                    && words.iter().any(|w| w == "and" || w == ",")
                    && !words.iter().any(|w| {
                        cue_class(w).is_some()
                            || matches!(w.as_str(), "of" | "them" | "whom" | "while" | "but" | "." | ";" | "(" | ")")
                    })
            });
        let attackers = if counts_attackers(sentence, (s, e)) { count.low } else { 0 };
        if joins {
            let prev = out.last_mut().expect("a toll before");
            prev.count = CountRange {
                low: prev.count.low + count.low,
                high: prev.count.high.zip(count.high).map(|(a, b)| a + b),
            };
            prev.span = Span::new(prev.span.start, offset + e);
            prev.attackers += attackers;
        } else {
            out.push(Toll { role, count, span: Span::new(offset + s, offset + e), attackers });
        }
        last_end = Some(e);
    }
    out
}

/// Whether a candidate after `before` is a part of the group before it ("including at least
/// two children"): "including" stands right before it, past words of degree.
fn is_a_part_of_a_group(before: &str) -> bool {
    let toks = tokens(before);
    let mut words = toks.iter().rev().map(|&(a, b)| before[a..b].to_lowercase());
    words.find(|w| !GOVERNED_GAP.contains(&w.as_str())).is_some_and(|w| w == "including")
}

/// The words between two groups of a list without its asides ("including a commander,"),
/// each from "including" to the comma that closes it.
fn without_asides(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut aside = false;
    for w in words {
        match (aside, w.as_str()) {
            (false, "including") => aside = true,
            (true, ",") => aside = false,
            (true, _) => {}
            (false, _) => out.push(w),
        }
    }
    // an aside the comma never closed is no list's: its words stand, to keep the groups apart
    if aside {
        out.push("including".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_loads_and_was_trained_on_these_features() {
        let m = Linear::from_bytes(MODEL_BYTES, FEATURE_VERSION).expect("models/toll.bin loads");
        assert_eq!(m.classes(), TollRole::ALL.len());
        assert_eq!(MODEL_BYTES[8..12], FEATURE_VERSION.to_le_bytes());
    }

    #[test]
    fn counts_of_groups_in_one_phrase_are_summed() {
        let s = "Three officers and one civilian were wounded.";
        let counts =
            [((0, 5), CountRange::exact(3), TollRole::Wounded), ((19, 22), CountRange::exact(1), TollRole::Wounded)];
        let tolls = group(s, 0, &counts);
        assert_eq!(tolls.len(), 1);
        assert_eq!(tolls[0].count, CountRange::exact(4));
    }

    #[test]
    fn overlapping_candidates_are_not_joined_and_do_not_panic() {
        let s = "A and two security staff were injured.";
        let counts =
            [((0, 24), CountRange::exact(1), TollRole::Wounded), ((6, 9), CountRange::exact(2), TollRole::Wounded)];
        assert_eq!(group(s, 0, &counts).len(), 2);
        assert!(one_person(s, &[(6, 9)]).is_empty());
    }

    #[test]
    fn the_people_of_a_list_of_victims_are_one_each_with_the_role_of_its_verb() {
        let s = "Karimov and his bodyguard were killed in the ambush.";
        let listed = listed_victims(s, &[]);
        let spans: Vec<&str> = listed.iter().map(|v| &s[v.span.0..v.span.1]).collect();
        assert_eq!(spans, ["Karimov", "his bodyguard"]);
        assert!(listed.iter().all(|v| v.role == Some(TollRole::Killed)));
        // a count in the list is its own candidate; the named one beside it is one more
        let s = "The mayor and at least four guards were wounded.";
        let listed = listed_victims(s, &[(14, 34)]);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].role, Some(TollRole::Wounded));
        // a member that is no person ("soldiers", a phrase of place) leaves the list unread
        assert!(listed_victims("Soldiers and a nurse were killed.", &[]).is_empty());
        assert!(listed_victims("Police and the driver were hurt.", &[]).is_empty());
        assert!(listed_victims("The market and a mosque were hit.", &[]).is_empty());
        // a description after a name is the named one's
        let s = "Karimov, a former judge, and his driver were killed.";
        let roles: Vec<Option<TollRole>> = listed_victims(s, &[]).iter().map(|v| v.role).collect();
        assert_eq!(roles, [Some(TollRole::Killed), Some(TollRole::None), Some(TollRole::Killed)]);
        // names after a count name its people
        let s = "Two people, Ali Musa and Omar Bello, were killed.";
        assert!(listed_victims(s, &[(0, 10)]).is_empty());
        // one person told as beside the toll
        let s = "In addition to the bomber, three guards were killed.";
        let listed = listed_victims(s, &[(27, 39)]);
        assert_eq!(listed.len(), 1);
        assert_eq!(&s[listed[0].span.0..listed[0].span.1], "the bomber");
        assert_eq!(listed[0].role, Some(TollRole::Killed));
    }

    #[test]
    fn attackers_in_a_toll_are_kept_apart_from_its_victims() {
        let s = "Six guards and three gunmen were killed.";
        let counts =
            [((0, 10), CountRange::exact(6), TollRole::Killed), ((15, 27), CountRange::exact(3), TollRole::Killed)];
        let tolls = group(s, 0, &counts);
        assert_eq!(tolls.len(), 1);
        assert_eq!((tolls[0].count.low, tolls[0].attackers), (9, 3));
        assert_eq!(tolls[0].victims(), Some(CountRange::exact(6)));
        // a toll of attackers alone has no victims
        let s = "Twenty militants were killed.";
        let tolls = group(s, 0, &[((0, 16), CountRange::exact(20), TollRole::Killed)]);
        assert_eq!((tolls[0].attackers, tolls[0].victims()), (20, None));
        assert!(counts_attackers("two suspected gunmen died", (0, 3)));
        assert!(!counts_attackers("two police officers died", (0, 3)));
    }

    #[test]
    fn a_part_of_a_group_is_not_added_to_the_list() {
        let s = "Six guards, including two women, and three drivers were killed.";
        let counts = [
            ((0, 10), CountRange::exact(6), TollRole::Killed),
            ((22, 31), CountRange::exact(2), TollRole::Killed),
            ((37, 50), CountRange::exact(3), TollRole::Killed),
        ];
        let tolls = group(s, 0, &counts);
        assert_eq!(tolls.len(), 1);
        assert_eq!(tolls[0].count, CountRange::exact(9));
    }

    #[test]
    fn counts_of_two_clauses_are_not_summed() {
        let s = "Two were killed and five others were killed later.";
        let counts =
            [((0, 3), CountRange::exact(2), TollRole::Killed), ((20, 24), CountRange::exact(5), TollRole::Killed)];
        assert_eq!(group(s, 0, &counts).len(), 2);
    }
}
