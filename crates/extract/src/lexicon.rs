//! The words the extractor looks for: event triggers with their types, and the cue phrases
//! that tie numbers, actors and places to an event. Data, compiled once into automata.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use annalist_model::EventType;

/// How a trigger word names an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerSense {
    pub event_type: EventType,
    /// The word itself says it was a suicide attack.
    pub suicide: bool,
    /// A plural noun ("attacks"): may stand for several events, one per date given.
    pub plural: bool,
    /// A verb or verbal phrase ("opened fire"): its subject is the perpetrator.
    pub verbal: bool,
}

const fn sense(event_type: EventType, suicide: bool, plural: bool, verbal: bool) -> TriggerSense {
    TriggerSense { event_type, suicide, plural, verbal }
}

use EventType::*;

/// Trigger phrases, lowercase. Longest match wins ("suicide bombing" over "bombing").
pub const TRIGGERS: &[(&str, TriggerSense)] = &[
    ("bombing", sense(Bombing, false, false, false)),
    ("bombings", sense(Bombing, false, true, false)),
    ("bomb attack", sense(Bombing, false, false, false)),
    ("bomb attacks", sense(Bombing, false, true, false)),
    ("bomb blast", sense(Bombing, false, false, false)),
    ("bomb blasts", sense(Bombing, false, true, false)),
    ("bomb explosion", sense(Bombing, false, false, false)),
    ("blast", sense(Bombing, false, false, false)),
    ("blasts", sense(Bombing, false, true, false)),
    ("explosion", sense(Bombing, false, false, false)),
    // "a bomb went off in the foyer", "bombs hidden in bags": the device names the event
    ("bomb", sense(Bombing, false, false, false)),
    ("bombs", sense(Bombing, false, true, false)),
    ("bomb went off", sense(Bombing, false, false, false)),
    ("bomb exploded", sense(Bombing, false, false, false)),
    ("explosive device", sense(Bombing, false, false, false)),
    ("device exploded", sense(Bombing, false, false, false)),
    ("explosions", sense(Bombing, false, true, false)),
    ("car bomb", sense(Bombing, false, false, false)),
    ("car bombing", sense(Bombing, false, false, false)),
    ("truck bomb", sense(Bombing, false, false, false)),
    ("roadside bomb", sense(Bombing, false, false, false)),
    ("explosive device", sense(Bombing, false, false, false)),
    ("improvised explosive device", sense(Bombing, false, false, false)),
    ("suicide bombing", sense(Bombing, true, false, false)),
    ("suicide bombings", sense(Bombing, true, true, false)),
    ("suicide attack", sense(Bombing, true, false, false)),
    ("suicide attacks", sense(Bombing, true, true, false)),
    ("suicide blast", sense(Bombing, true, false, false)),
    ("suicide bomber", sense(Bombing, true, false, false)),
    ("suicide bombers", sense(Bombing, true, true, false)),
    ("detonated", sense(Bombing, false, false, true)),
    ("detonate", sense(Bombing, false, false, true)),
    ("blew himself up", sense(Bombing, true, false, true)),
    ("blew herself up", sense(Bombing, true, false, true)),
    ("blew themselves up", sense(Bombing, true, false, true)),
    ("bombed", sense(Bombing, false, false, true)),
    ("opened fire", sense(ArmedAssault, false, false, true)),
    ("open fire", sense(ArmedAssault, false, false, true)),
    ("shooting", sense(ArmedAssault, false, false, false)),
    ("shootings", sense(ArmedAssault, false, true, false)),
    ("mass shooting", sense(ArmedAssault, false, false, false)),
    ("gun attack", sense(ArmedAssault, false, false, false)),
    ("gun attacks", sense(ArmedAssault, false, true, false)),
    ("armed attack", sense(ArmedAssault, false, false, false)),
    ("armed attacks", sense(ArmedAssault, false, true, false)),
    ("armed assault", sense(ArmedAssault, false, false, false)),
    ("shot dead", sense(ArmedAssault, false, false, true)),
    ("gunned down", sense(ArmedAssault, false, false, true)),
    ("stormed", sense(ArmedAssault, false, false, true)),
    ("massacre", sense(ArmedAssault, false, false, false)),
    ("knife attack", sense(ArmedAssault, false, false, false)),
    ("stabbing", sense(ArmedAssault, false, false, false)),
    // clashes and killings as short reports tell them ("killed in a clash between two groups")
    ("clash", sense(ArmedAssault, false, false, false)),
    ("clashes", sense(ArmedAssault, false, true, false)),
    ("clashed", sense(ArmedAssault, false, false, true)),
    ("gunfight", sense(ArmedAssault, false, false, false)),
    ("gun battle", sense(ArmedAssault, false, false, false)),
    ("firefight", sense(ArmedAssault, false, false, false)),
    ("exchanged fire", sense(ArmedAssault, false, false, true)),
    ("exchange of fire", sense(ArmedAssault, false, false, false)),
    ("ambush", sense(ArmedAssault, false, false, false)),
    ("ambushed", sense(ArmedAssault, false, false, true)),
    ("hacked to death", sense(ArmedAssault, false, false, true)),
    ("chopped to death", sense(ArmedAssault, false, false, true)),
    ("stabbed to death", sense(ArmedAssault, false, false, true)),
    ("beaten to death", sense(UnarmedAssault, false, false, true)),
    ("shootout", sense(ArmedAssault, false, false, false)),
    ("shoot-out", sense(ArmedAssault, false, false, false)),
    ("slaughtered", sense(ArmedAssault, false, false, true)),
    ("petrol bomb", sense(Bombing, false, false, false)),
    ("petrol bombs", sense(Bombing, false, true, false)),
    ("crude bomb", sense(Bombing, false, false, false)),
    ("crude bombs", sense(Bombing, false, true, false)),
    // a killing told without its means ("a party leader was killed in the town"): an event of
    // unknown type, unless the sentence tells of an accident or a disaster (see ACCIDENT_CUES)
    ("was killed", sense(Unknown, false, false, false)),
    ("were killed", sense(Unknown, false, true, false)),
    ("was murdered", sense(Unknown, false, false, false)),
    ("were murdered", sense(Unknown, false, true, false)),
    ("lynched", sense(UnarmedAssault, false, false, true)),
    ("stabbed", sense(ArmedAssault, false, false, true)),
    ("assassinated", sense(Assassination, false, false, true)),
    ("assassination", sense(Assassination, false, false, false)),
    ("kidnapped", sense(Kidnapping, false, false, true)),
    ("kidnapping", sense(Kidnapping, false, false, false)),
    ("abducted", sense(Kidnapping, false, false, true)),
    ("abduction", sense(Kidnapping, false, false, false)),
    ("hostage-taking", sense(HostageTaking, false, false, false)),
    ("hostage taking", sense(HostageTaking, false, false, false)),
    ("took hostage", sense(HostageTaking, false, false, true)),
    ("taken hostage", sense(HostageTaking, false, false, true)),
    ("held hostage", sense(HostageTaking, false, false, true)),
    ("hijacked", sense(Hijacking, false, false, true)),
    ("hijacking", sense(Hijacking, false, false, false)),
    ("airstrike", sense(Airstrike, false, false, false)),
    ("airstrikes", sense(Airstrike, false, true, false)),
    ("air strike", sense(Airstrike, false, false, false)),
    ("air strikes", sense(Airstrike, false, true, false)),
    ("drone strike", sense(Airstrike, false, false, false)),
    ("drone strikes", sense(Airstrike, false, true, false)),
    ("missile strike", sense(Airstrike, false, false, false)),
    ("missile strikes", sense(Airstrike, false, true, false)),
    ("missile attack", sense(Airstrike, false, false, false)),
    ("missile attacks", sense(Airstrike, false, true, false)),
    ("air raid", sense(Airstrike, false, false, false)),
    ("air raids", sense(Airstrike, false, true, false)),
    ("arrested", sense(Arrest, false, false, true)),
    ("arresting", sense(Arrest, false, false, true)),
    ("arrests", sense(Arrest, false, true, false)),
    ("detained", sense(Arrest, false, false, true)),
    ("apprehended", sense(Arrest, false, false, true)),
    ("rounded up", sense(Arrest, false, false, true)),
    ("taken into custody", sense(Arrest, false, false, true)),
    ("foiled", sense(FoiledPlot, false, false, true)),
    ("thwarted", sense(FoiledPlot, false, false, true)),
    ("arson attack", sense(FacilityAttack, false, false, false)),
    ("set fire to", sense(FacilityAttack, false, false, true)),
    ("set ablaze", sense(FacilityAttack, false, false, true)),
    ("torched", sense(FacilityAttack, false, false, true)),
    ("attack", sense(Unknown, false, false, false)),
    ("attacks", sense(Unknown, false, true, false)),
    ("attacked", sense(Unknown, false, false, true)),
    ("terrorist attack", sense(Unknown, false, false, false)),
    ("terrorist attacks", sense(Unknown, false, true, false)),
    ("terror attack", sense(Unknown, false, false, false)),
    ("terror attacks", sense(Unknown, false, true, false)),
];

/// Words that, just before a count, say the count is of the dead ("killing two", "deaths of 90").
pub const KILLED_BEFORE: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "kill",
    "deaths of",
    "death of",
    "lives of",
    "death toll of",
    "death toll to",
    "death toll at",
    "toll of",
    "toll to",
    "toll at",
    "toll rose to",
    "toll climbed to",
];
/// Words just after a count (past "people", "others"...) that say it is of the dead.
pub const KILLED_AFTER: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "fatalities",
    "lives",
    "fatality",
    "death",
    "shot dead",
    "gunned down",
    "hacked to death",
    "chopped to death",
    "stabbed to death",
    "beaten to death",
    "burnt to death",
    "burned to death",
    "lynched",
    "succumbed",
    "lost their lives",
    "lost his life",
    "lost her life",
];
/// Death phrases that tell of one victim after "a ..." ("a teacher was killed", "an activist
/// hacked to death"); "killed" and "died" need the passive or the intransitive to be sure.
pub const ONE_VICTIM_DEATHS: &[&str] = &[
    "was killed",
    "was shot dead",
    "was gunned down",
    "was hacked to death",
    "was stabbed to death",
    "was beaten to death",
    "was lynched",
    "was murdered",
    "got killed",
    "has been killed",
    "had been killed",
    "died",
    "succumbed",
    "shot dead",
    "hacked to death",
    "chopped to death",
    "stabbed to death",
    "beaten to death",
    "lost his life",
    "lost her life",
];
pub const WOUNDED_BEFORE: &[&str] =
    &["wounded", "wounding", "injured", "injuring", "wounds", "injuries to", "hurt", "hurting"];
pub const WOUNDED_AFTER: &[&str] = &["wounded", "injured", "injuries", "hurt", "casualties", "wounds", "injury"];
/// Nouns for people that may stand between a count and its casualty word ("two people killed").
pub const PERSON_NOUNS: &[&str] = &[
    "people",
    "persons",
    "others",
    "other",
    "civilians",
    "worshippers",
    "pilgrims",
    "mourners",
    "soldiers",
    "troops",
    "policemen",
    "police",
    "officers",
    "children",
    "women",
    "men",
    "students",
    "residents",
    "were",
    "are",
    "was",
    "have",
    "had",
    "been",
    "being",
    "reportedly",
    "people's",
    "of",
    "them",
    "and",
    "more",
    // one victim ("one person was killed")
    "person",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "civilian",
    "soldier",
    "policeman",
    "officer",
    "worker",
    "activist",
    "leader",
    "student",
    "teacher",
    "youth",
    "villager",
    "farmer",
    // the victims short reports name by role ("two BNP activists were shot dead")
    "activists",
    "workers",
    "leaders",
    "supporters",
    "villagers",
    "farmers",
    "youths",
    "boys",
    "girls",
    "personnel",
    "jawans",
    "cadres",
    "rebels",
    "insurgents",
    "militants",
    "passengers",
    "guards",
    "officials",
    "security",
    "forces",
    "members",
    "men's",
    "persons'",
    "policemen's",
    "also",
    "allegedly",
];
/// Nouns for the people who carried out an attack ("two Tajik members", "a gunman").
pub const ATTACKER_NOUNS: &[&str] = &[
    "members",
    "member",
    "militants",
    "militant",
    "attackers",
    "attacker",
    "gunmen",
    "gunman",
    "bombers",
    "bomber",
    "assailants",
    "assailant",
    "fighters",
    "fighter",
    "perpetrators",
    "perpetrator",
    "operatives",
    "operative",
    "terrorists",
    "terrorist",
    "jihadists",
    "jihadist",
];

/// Phrases before a place that make it the origin or base of someone, not where the event was.
pub const NOT_LOCATION_BEFORE: &[&str] =
    &["from", "based in", "born in", "native of", "citizen of", "national of", "headquartered in", "exiled to"];

/// Phrases saying an actor claimed the event; the claiming actor is the subject before them.
pub const CLAIM_CUES: &[&str] = &[
    "claimed responsibility",
    "claimed credit",
    "claimed the",
    "claimed it",
    "claimed that it",
    "claim of responsibility",
    "took responsibility",
    "claiming responsibility",
    "has claimed",
    "have claimed",
    "accepted responsibility",
];
/// Phrases after which the actor named is blamed by a party (alleged).
pub const BLAME_CUES: &[&str] =
    &["blamed", "blaming", "pointing fingers at", "pointed fingers at", "accused", "accusing", "held responsible"];
/// Phrases after which the actor named did it, by the reporter's account.
pub const AGENT_CUES: &[&str] = &[
    "carried out by",
    "perpetrated by",
    "conducted by",
    "executed by",
    "committed by",
    "orchestrated by",
    "pointed to",
    "behind the",
    "by",
];
/// Words before an actor that make the tie a suspicion.
pub const SUSPECT_CUES: &[&str] =
    &["suspected", "alleged", "allegedly", "believed to be", "purportedly", "presumed", "possible", "likely"];
pub const DENY_CUES: &[&str] = &["denied", "denies", "deny", "rejected responsibility"];

/// Phrases before a trigger that make the event planned, threatened or hypothetical.
pub const MODAL_CUES: &[&str] = &[
    "planning to",
    "planned to",
    "plans to",
    "plotting to",
    "plotted to",
    "plot to",
    "sought to",
    "seek to",
    "seeking to",
    "intended to",
    "intending to",
    "aimed to",
    "aiming to",
    "tried to",
    "trying to",
    "attempted to",
    "urged",
    "urging",
    "called for",
    "calling for",
    "calls for",
    "threatened to",
    "threatening to",
    "vowed to",
    "could",
    "may",
    "might",
    "would",
    "will",
    "to carry out",
    "to launch",
    "to stage",
    "to conduct",
    "to commit",
];
/// Planning words whose reach runs through a coordinated verb ("planning to detonate a bomb in
/// the square and launch an armed attack").
pub const PLAN_CUES: &[&str] = &[
    "planning to",
    "planned to",
    "plotting to",
    "plotted to",
    "preparing to",
    "prepared to",
    "intended to",
    "intending to",
    "sought to",
    "seeking to",
    "aimed to",
    "aiming to",
];
/// Verbs of saying and claiming: a date right next to one ("said on Monday", "on Tuesday
/// claimed") dates the statement, not the event.
pub const STATEMENT_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "claimed",
    "announced",
    "confirmed",
    "named",
    "reported",
    "added",
    "stated",
    "warned",
    "denied",
    "blamed",
    "revealed",
    "published",
    "released",
    "identified",
    "wrote",
    "tweeted",
    "posted",
];
/// Vague times a sentence gives of its own event: it takes no date from the sentence before.
pub const VAGUE_TIME_CUES: &[&str] =
    &["in the past", "previously", "in previous years", "in recent years", "over the years", "historically", "once"];
/// Words that make a killing an accident or a disaster, not political violence.
pub const ACCIDENT_CUES: &[&str] = &[
    "accident",
    "crash",
    "collision",
    "collided",
    "earthquake",
    "flood",
    "floods",
    "landslide",
    "storm",
    "cyclone",
    "typhoon",
    "hurricane",
    "avalanche",
    "lightning",
    "drowned",
    "road accident",
    "car crash",
    "plane crash",
    "derailed",
    "stampede",
];
/// Words before a count that update a toll named earlier in the sentence ("the number of
/// people killed has risen to 130").
pub const TOLL_UPDATE_CUES: &[&str] = &["risen to", "rose to", "climbed to", "jumped to", "increased to", "reached"];
/// Words right before a count that make it an age ("aged 34").
pub const AGE_CUES: &[&str] = &["aged", "age", "ages"];
/// Words right before a trigger that make it point back to an event named elsewhere.
pub const REFERENCE_CUES: &[&str] = &["before the", "after the", "since the", "following the", "ahead of the"];
/// Words right before a trigger that negate it.
pub const NEGATION_CUES: &[&str] = &["no", "not", "never", "without", "nor"];
/// Words right before a trigger that say it was stopped before it happened.
pub const FOILED_CUES: &[&str] = &["foiled", "thwarted", "disrupted", "prevented", "averted", "failed"];
/// Words before a date that make it bound something other than the event ("since 1979").
pub const SINCE_CUES: &[&str] = &["since", "until", "till", "by"];
/// Words that say an event is recent when no date is given ("recently apprehended").
pub const RECENCY_CUES: &[&str] = &["recently", "recent", "this week", "last week", "in recent days", "lately"];

/// An automaton over `patterns`, ASCII case-insensitive, longest match first.
pub fn automaton(patterns: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the lexicon compiles")
}
