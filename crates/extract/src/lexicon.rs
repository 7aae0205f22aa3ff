//! The words the extractor looks for: event triggers with their types, and the cue phrases
//! that tie numbers, actors and places to an event. Data, compiled once into automata.

use crate::agents::Object;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use annalist_model::{EventType, Target, Weapon};

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
    // "the windows were blown out": a blast told by what it broke (see `senses::figurative`)
    ("were blown out", sense(Bombing, false, false, false)),
    ("was blown out", sense(Bombing, false, false, false)),
    ("were blown in", sense(Bombing, false, false, false)),
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
    ("skirmish", sense(ArmedAssault, false, false, false)),
    ("skirmishes", sense(ArmedAssault, false, true, false)),
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
    ("been killed", sense(Unknown, false, true, false)),
    // people hurt, told by their count ("352 people had been wounded"): see `lib::injury_told_by_count`
    ("was wounded", sense(Unknown, false, false, false)),
    ("was injured", sense(Unknown, false, false, false)),
    ("was hurt", sense(Unknown, false, false, false)),
    ("were wounded", sense(Unknown, false, true, false)),
    ("were injured", sense(Unknown, false, true, false)),
    ("were hurt", sense(Unknown, false, true, false)),
    ("been wounded", sense(Unknown, false, true, false)),
    ("been injured", sense(Unknown, false, true, false)),
    ("been hurt", sense(Unknown, false, true, false)),
    ("was murdered", sense(Unknown, false, false, false)),
    ("were murdered", sense(Unknown, false, true, false)),
    // the active verbs: their subject did it ("members of the armed forces murdered six priests")
    ("murdered", sense(Unknown, false, false, true)),
    ("massacred", sense(ArmedAssault, false, false, true)),
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

/// Verbs that name an event only with an armed agent as their subject ("gunmen killed four",
/// "insurgents blew up a pipeline"; not "the storm killed four"), with what they must be done
/// to. Their type is the verb's, or read from the agent when Unknown (see `agents.rs`).
pub const AGENT_TRIGGERS: &[(&str, TriggerSense, Object)] = &[
    ("killed", sense(Unknown, false, false, true), Object::People),
    ("wounded", sense(Unknown, false, false, true), Object::People),
    ("injured", sense(Unknown, false, false, true), Object::People),
    ("shot", sense(ArmedAssault, false, false, true), Object::Aimed),
    ("shot and killed", sense(ArmedAssault, false, false, true), Object::People),
    ("beheaded", sense(ArmedAssault, false, false, true), Object::People),
    ("executed", sense(ArmedAssault, false, false, true), Object::People),
    ("fired on", sense(ArmedAssault, false, false, true), Object::Any),
    ("fired at", sense(ArmedAssault, false, false, true), Object::Any),
    ("fired upon", sense(ArmedAssault, false, false, true), Object::Any),
    ("fired shots at", sense(ArmedAssault, false, false, true), Object::Any),
    ("raided", sense(ArmedAssault, false, false, true), Object::Any),
    ("blew up", sense(Bombing, false, false, true), Object::Any),
    ("set off", sense(Bombing, false, false, true), Object::Device),
    ("exploded", sense(Bombing, false, false, true), Object::Device),
    ("shot and injured", sense(ArmedAssault, false, false, true), Object::People),
    ("shot and wounded", sense(ArmedAssault, false, false, true), Object::People),
    ("stab", sense(ArmedAssault, false, false, true), Object::People),
    ("shelled", sense(Bombing, false, false, true), Object::Any),
    ("fired", sense(Bombing, false, false, true), Object::Projectile),
    ("launched", sense(Bombing, false, false, true), Object::Projectile),
    ("threw", sense(Bombing, false, false, true), Object::Device),
    ("hurled", sense(Bombing, false, false, true), Object::Device),
    ("lobbed", sense(Bombing, false, false, true), Object::Device),
];

/// Verbs that name an event whoever does them, when what they are done to is a device or a
/// projectile ("security forces defused two explosive devices", "intercepted an
/// explosives-laden drone"; not "defused the row"): a bombing that failed (its status is
/// foiled; a plot foiled before any device was set is `FoiledPlot`).
pub const OBJECT_TRIGGERS: &[(&str, TriggerSense, Object)] = &[
    ("defused", sense(Bombing, false, false, true), Object::Device),
    ("intercepted", sense(Bombing, false, false, true), Object::Projectile),
];

/// Armed agents whose violent verbs name an attack ("gunmen killed", "a suicide bomber killed").
pub const ARMED_AGENT_NOUNS: &[&str] = &[
    "gunmen",
    "gunman",
    "militants",
    "militant",
    "insurgents",
    "insurgent",
    "attackers",
    "attacker",
    "assailants",
    "assailant",
    "bombers",
    "bomber",
    "rebels",
    "guerrillas",
    "guerrilla",
    "extremists",
    "terrorists",
    "terrorist",
    "jihadists",
    "jihadist",
    "fighters",
    "militiamen",
    "commandos",
    "kidnappers",
    "abductors",
    "snipers",
    "sniper",
    "shooter",
    "assassins",
    "assassin",
    // South Asia's insurgents by their creed
    "maoists",
    "naxals",
    "naxalites",
];

/// Officials whose killing by armed men is an assassination ("gunmen killed the governor").
pub const OFFICIAL_VICTIMS: &[&str] = &[
    "governor",
    "mayor",
    "judge",
    "minister",
    "lawmaker",
    "legislator",
    "senator",
    "prosecutor",
    "deputy",
    "councillor",
    "councilor",
    "commissioner",
    "chief",
    "commander",
    "president",
    "ambassador",
    "official",
    "magistrate",
    "parliamentarian",
    "mp",
];

/// Death phrases that tell of one victim after "a ..." ("a teacher was killed", "an activist
/// hacked to death"); "killed" and "died" need the passive or the intransitive to be sure.
pub const ONE_VICTIM_DEATHS: &[&str] = &[
    "was killed",
    "was shot and killed",
    "was stabbed and killed",
    "was beheaded",
    "was executed",
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
/// Active killing verbs whose object, when it is one person, is one dead ("shot and killed
/// Reynaldo Bugayong", "killed the head of the council").
pub const KILLING_VERBS: &[&str] = &[
    "shot and killed",
    "stabbed and killed",
    "opened fire and killed",
    "killed",
    "shot dead",
    "assassinated",
    "murdered",
    "beheaded",
    "executed",
    "gunned down",
    "hacked to death",
    "stabbed to death",
    "beat to death",
    "beaten to death",
];

/// Active verbs that hurt one person named or described after them ("shot and injured a
/// farmer", "opened fire and wounded the village chief").
pub const INJURING_VERBS: &[&str] = &[
    "shot and injured",
    "shot and wounded",
    "stabbed and injured",
    "stabbed and wounded",
    "opened fire and injured",
    "opened fire and wounded",
    "injured",
    "wounded",
];
/// Words that end the noun phrase a killing verb takes ("killed the head of the council in").
pub const OBJECT_STOPS: &[&str] = &[
    "of", "in", "at", "near", "on", "while", "as", "from", "with", "outside", "inside", "along", "during", "after",
    "before", "who", "and", "when", "by", "for", "to", "after", "later", "shortly", "earlier",
];

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
    // plurals only where the singular also modifies ("a guerrilla attack", "a sniper rifle")
    "guerrillas",
    "commandos",
    "insurgents",
    "kidnappers",
    "kidnapper",
    "assassins",
    "assassin",
    "snipers",
    "militiamen",
];

/// Phrases before a place that make it the origin or base of someone, not where the event was.
pub const NOT_LOCATION_BEFORE: &[&str] =
    &["from", "based in", "born in", "native of", "citizen of", "national of", "headquartered in", "exiled to"];

/// Verbs of bringing the dead and injured somewhere: a place a few words after one ("taken to
/// hospitals in Kabul", "airlifted to Karachi") is where they were brought, not the scene.
pub const TAKEN_TO_CUES: &[&str] = &[
    "taken to",
    "transported to",
    "transferred to",
    "rushed to",
    "evacuated to",
    "airlifted to",
    "flown to",
    "moved to",
];

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

/// Of the modal cues, those that make the event threatened ("vowed to carry out attacks").
pub const THREAT_CUES: &[&str] = &[
    "threatened to",
    "threatening to",
    "threatens to",
    "vowed to",
    "vows to",
    "urged",
    "urging",
    "called for",
    "calling for",
    "calls for",
    "warned of",
];
/// Nouns right after a trigger that make it a threat, not an attack ("a bomb scare", "bomb
/// threats", "a bomb hoax"): the warning happened, the attack did not.
pub const THREAT_NOUNS: &[&str] =
    &["scare", "scares", "threat", "threats", "hoax", "hoaxes", "alert", "alerts", "warning", "warnings"];
/// Modal auxiliaries that, as the predicate of a trigger's own clause, put the event in the
/// future ("attacks would go on", "strikes will resume"): the speaker threatens or foresees it.
pub const FUTURE_MODALS: &[&str] = &["will", "would", "shall", "could", "might", "may"];
/// Verbs of going on or coming that, after a future modal, make the trigger's event one foretold
/// rather than one that happened ("would continue", "will go on", "may follow").
pub const CONTINUATION_VERBS: &[&str] =
    &["continue", "go", "resume", "intensify", "increase", "escalate", "follow", "happen", "occur", "take", "come"];
/// Of the modal cues, those that make the event only a possibility ("may have sought to strike").
pub const HYPOTHETICAL_CUES: &[&str] = &["could", "may", "might", "would", "if"];
/// Of the modal cues, those that make it an attempt: it happened, and failed.
pub const ATTEMPT_CUES: &[&str] = &["tried to", "trying to", "attempted to", "attempting to"];
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
    "issued",
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
    // the court and the aftermath: "on Wednesday pleaded not guilty", "on Friday called the
    // explosion an attack" date the hearing or the remark, not the attack
    "pleaded",
    "pleads",
    "charged",
    "convicted",
    "sentenced",
    "indicted",
    "testified",
    "apologized",
    "apologised",
    "called",
    "condemned",
    "reopened",
    "questioned",
    "visited",
];
/// Nouns of people a place name can describe ("a Texas woman", "Delaware residents").
pub const ORIGIN_NOUNS: &[&str] = &[
    "woman",
    "women",
    "man",
    "men",
    "girl",
    "boy",
    "resident",
    "residents",
    "native",
    "natives",
    "teenager",
    "student",
    "couple",
    "mother",
    "father",
    "businessman",
    "businesswoman",
];
/// Words of a sentence about what is yet to happen ("will host", "is scheduled to start").
pub const FUTURE_CUES: &[&str] = &[" will ", " scheduled ", " is due to ", " are due to ", " plans to ", " is set to "];
/// Vague times a sentence gives of its own event: it takes no date from the sentence before.
pub const VAGUE_TIME_CUES: &[&str] = &[
    "in the past",
    "previously",
    "in previous years",
    "in recent years",
    "in recent months",
    "in recent weeks",
    "in recent days",
    "over the past year",
    "over the past months",
    "in the last few years",
    "over the years",
    "historically",
    "once",
];
/// Death phrases whose grammatical subject, when it is a name, is one victim ("Mazid Uddin, an
/// activist of the party, was killed"; "Enrique Lopez Albujar died today").
pub const NAMED_VICTIM_DEATHS: &[&str] = &[
    "was killed",
    "was shot and killed",
    "was stabbed and killed",
    "was beheaded",
    "was executed",
    "was shot dead",
    "was murdered",
    "was assassinated",
    "was gunned down",
    "was hacked to death",
    "was stabbed to death",
    "was beaten to death",
    "died",
    "succumbed",
];
/// Injury phrases whose grammatical subject, a name or one person described ("Ozdag was
/// injured in the attack", "another was wounded", "the driver was hurt"), is one wounded.
pub const ONE_VICTIM_INJURIES: &[&str] = &[
    "was injured",
    "was wounded",
    "was hurt",
    "was shot and injured",
    "was shot and wounded",
    "was seriously injured",
    "was seriously wounded",
    "was critically injured",
    "was critically wounded",
    "was slightly injured",
    "was slightly wounded",
    "has been injured",
    "had been injured",
    "has been wounded",
    "had been wounded",
    "sustained injuries",
    "suffered injuries",
];
/// Capitalised words that are not names of victims: pronouns, determiners, attackers, bodies.
pub const NOT_VICTIM_NAMES: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "the",
    "a",
    "an",
    "one",
    "who",
    "which",
    "police",
    "army",
    "bomber",
    "attacker",
    "gunman",
    "assailant",
    "militant",
    "suspect",
    "driver",
    "no",
    "nobody",
    "none",
    "everyone",
    "someone",
    "mr",
    "mrs",
    "ms",
    "dr",
    "and",
    "or",
    "but",
    "also",
    "later",
    "then",
    "reportedly",
];
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
/// Words right before a count that make it an age ("aged 34").
pub const AGE_CUES: &[&str] = &["aged", "age", "ages"];
/// Words right before a trigger that make it point back to an event named elsewhere.
pub const REFERENCE_CUES: &[&str] = &["before the", "after the", "since the", "following the", "ahead of the"];
/// Words a few before a trigger that refers back that set its event within hours of what the
/// sentence tells ("less than a half hour after the bombs went off", "moments after the blast").
pub const SAME_DAY_CUES: &[&str] = &["minutes", "minute", "hour", "hours", "moments", "shortly", "soon", "immediately"];
/// Words right before a trigger that negate it.
pub const NEGATION_CUES: &[&str] = &["no", "not", "never", "without", "nor"];
/// Words right before a trigger that say it was stopped before it happened.
pub const FOILED_CUES: &[&str] = &["foiled", "thwarted", "disrupted", "prevented", "averted", "failed"];
/// Words before a date that make it bound something other than the event ("since 1979").
pub const SINCE_CUES: &[&str] = &["since", "until", "till", "by"];
/// Words in a trigger's clause before it that set the event as background to the story: the
/// state of things it began ("on high alert since the group launched attacks"), what the news
/// follows ("the blast follows two other attacks"), what it recalls.
pub const BACKGROUND_CUES: &[&str] = &[
    "since",
    "follows",
    "followed",
    "comes after",
    "came after",
    "reminiscent of",
    "similar to",
    "recalled",
    "recalling",
    "anniversary of",
    "unlike",
    // the cause the news answers ("in retaliation for the shootings")
    "retaliation for",
    "retaliation against",
    "reprisal for",
    "in response to",
    "revenge for",
    "to avenge",
    "avenging",
];
/// Words right before a trigger that make it an earlier event than the one reported ("a
/// previous attack", "last year's bombing", "past attacks").
pub const EARLIER_CUES: &[&str] =
    &["previous", "earlier", "past", "prior", "last year's", "last year’s", "former", "other", "another", "separate"];
/// Words after a place name that make it a speaker standing for an institution ("the White
/// House said", "the Kremlin issued a statement"), not where the event was.
pub const SPEAKER_AFTER: &[&str] =
    &["issued", "office", "spokesman", "spokeswoman", "spokesperson", "press", "statement"];
/// Nouns of office and rank after a country name: the country is whose official it is ("the U.S.
/// Secretary of Defense", "U.S. officials"), not where the event was.
pub const OFFICE_NOUNS: &[&str] = &[
    "secretary",
    "president",
    "minister",
    "ambassador",
    "envoy",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "diplomat",
    "diplomats",
    "lawmaker",
    "lawmakers",
    "senator",
    "attorney",
    "prosecutors",
    "investigators",
    "intelligence",
    "embassy",
    "troops",
    "forces",
    "soldiers",
    "military",
    "service",
    "servicemen",
    "marines",
    "army",
    // "U.S. Air Force Office of Special Investigations": the country's own force
    "air",
    "navy",
    "naval",
    "citizen",
    "citizens",
    "nationals",
];
/// Nouns of sources and members that, besides the speaker nouns, head a speaker's phrase ("a
/// second source in Ghazni said", "a council member in Herat said").
pub const SOURCE_NOUNS: &[&str] = &["source", "sources", "member", "members", "ambassador", "envoy", "diplomat"];
/// Verbs of being, living and staying that, after "who", say where people were rather than
/// where the event was ("rebels who were in Havana for peace talks").
pub const STAY_VERBS: &[&str] = &[
    "were", "was", "are", "is", "been", "had", "have", "has", "live", "lives", "lived", "stayed", "stay", "resided",
    "reside", "remained",
];
/// Nouns of people a trigger can modify ("the bombing suspects", "attack survivors").
pub const MODIFIED_PEOPLE: &[&str] = &[
    "suspect",
    "suspects",
    "survivor",
    "survivors",
    "victim",
    "victims",
    "defendant",
    "defendants",
    "convict",
    "mastermind",
    "masterminds",
    "plotter",
    "plotters",
];
/// Periods that make what a sentence tells a trend ("a hallmark of militant groups in recent
/// years"), not one event.
pub const TREND_CUES: &[&str] = &["in recent years", "in recent months", "in recent weeks", "over the years"];
/// Words that make a sentence tell of a pattern of attacks, not of one of them ("multiple
/// bombs detonated at once have been a hallmark of militant groups", "a tactic used by the
/// Taliban").
pub const PATTERN_CUES: &[&str] = &[
    "a hallmark of",
    "the hallmark of",
    "hallmarks of",
    "a trademark of",
    "the trademark of",
    "a tactic used by",
    "a tactic favoured by",
    "a tactic favored by",
    "a tactic of",
    "a common tactic",
    "a favoured tactic",
    "a favored tactic",
];
/// Words of a phrase that tells what someone is charged with or suspected of ("Abaaoud, who
/// is suspected of organising the attacks, died in a raid on Wednesday"): an event named inside
/// it is told apart from the clause around it, whose date and place are not its own.
pub const CHARGE_CUES: &[&str] = &[
    "suspected of",
    "accused of",
    "charged with",
    "charged over",
    "charged in",
    "convicted of",
    "wanted for",
    "wanted over",
    "blamed for",
    "jailed for",
    "believed to have",
    "thought to have",
];
/// Verbs of getting things ("bought remote-control car devices from a shop in Malden"): the
/// place and day of a purchase are not those of the bombing the things were for.
pub const PURCHASE_VERBS: &[&str] = &[
    "bought",
    "buys",
    "buy",
    "buying",
    "purchased",
    "purchases",
    "purchase",
    "purchasing",
    "borrowed",
    "borrows",
    "rented",
    "rents",
    "ordered",
    "orders",
    "acquired",
    "acquires",
];
/// Verbs of what things are for when made into or used with a bomb ("needed to remotely trigger
/// the bombs", "used to carry the bombs").
pub const PREPARATION_VERBS: &[&str] = &[
    "trigger",
    "detonate",
    "carry",
    "make",
    "build",
    "assemble",
    "power",
    "hide",
    "transport",
    "construct",
    "fashion",
];
/// Words that set what a sentence tells after the story's event ("three days later", "the
/// following day").
pub const SEQUEL_CUES: &[&str] = &[
    "days later",
    "hours later",
    "weeks later",
    "minutes later",
    "a day later",
    "later that day",
    "the following day",
    "the next day",
];
/// Words that say an event is recent when no date is given ("recently apprehended").
pub const RECENCY_CUES: &[&str] = &["recently", "recent", "this week", "last week", "in recent days", "lately"];
/// Verbs of what came of an event for the people behind it (trials, sentences, releases): a
/// date a few words after one dates that ("released in June 1977", "sentenced to death on
/// Wednesday"), not the event.
pub const AFTERMATH_VERBS: &[&str] = &[
    "released",
    "freed",
    "tried",
    "sentenced",
    "convicted",
    "acquitted",
    "pardoned",
    "amnestied",
    "paroled",
    "extradited",
    "deported",
    "jailed",
    "imprisoned",
    "charged",
    "indicted",
    "guilty",
    // the proceedings themselves: "after a two-day trial in September"
    "trial",
    "retrial",
    "hearing",
    "verdict",
    "sentencing",
    "inquest",
];

/// An automaton over `patterns`, ASCII case-insensitive, longest match first.
pub fn automaton(patterns: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the lexicon compiles")
}

/// Words that name a weapon, with its kind. Longest match wins ("petrol bomb" over "bomb").
pub const WEAPON_WORDS: &[(&str, Weapon)] = &[
    ("bomb", Weapon::Explosive),
    ("bombs", Weapon::Explosive),
    ("explosive", Weapon::Explosive),
    ("explosives", Weapon::Explosive),
    ("explosive device", Weapon::Explosive),
    ("improvised explosive device", Weapon::Explosive),
    ("ied", Weapon::Explosive),
    ("ieds", Weapon::Explosive),
    ("car bomb", Weapon::Explosive),
    ("truck bomb", Weapon::Explosive),
    ("roadside bomb", Weapon::Explosive),
    ("suicide vest", Weapon::Explosive),
    ("explosive vest", Weapon::Explosive),
    ("explosive belt", Weapon::Explosive),
    ("grenade", Weapon::Explosive),
    ("grenades", Weapon::Explosive),
    ("hand grenade", Weapon::Explosive),
    ("landmine", Weapon::Explosive),
    ("landmines", Weapon::Explosive),
    ("dynamite", Weapon::Explosive),
    ("tnt", Weapon::Explosive),
    ("pressure cooker", Weapon::Explosive),
    ("crude bomb", Weapon::Explosive),
    ("crude bombs", Weapon::Explosive),
    ("gun", Weapon::Firearm),
    ("guns", Weapon::Firearm),
    ("rifle", Weapon::Firearm),
    ("rifles", Weapon::Firearm),
    ("assault rifle", Weapon::Firearm),
    ("assault rifles", Weapon::Firearm),
    ("ak-47", Weapon::Firearm),
    ("kalashnikov", Weapon::Firearm),
    ("pistol", Weapon::Firearm),
    ("pistols", Weapon::Firearm),
    ("handgun", Weapon::Firearm),
    ("machine gun", Weapon::Firearm),
    ("machine guns", Weapon::Firearm),
    ("machinegun", Weapon::Firearm),
    ("automatic weapons", Weapon::Firearm),
    ("firearm", Weapon::Firearm),
    ("firearms", Weapon::Firearm),
    ("shotgun", Weapon::Firearm),
    ("gunfire", Weapon::Firearm),
    ("bullets", Weapon::Firearm),
    ("petrol bomb", Weapon::Incendiary),
    ("petrol bombs", Weapon::Incendiary),
    ("molotov cocktail", Weapon::Incendiary),
    ("molotov cocktails", Weapon::Incendiary),
    ("firebomb", Weapon::Incendiary),
    ("firebombs", Weapon::Incendiary),
    ("incendiary device", Weapon::Incendiary),
    ("knife", Weapon::Melee),
    ("knives", Weapon::Melee),
    ("machete", Weapon::Melee),
    ("machetes", Weapon::Melee),
    ("axe", Weapon::Melee),
    ("sword", Weapon::Melee),
    ("sharp weapons", Weapon::Melee),
    ("missile", Weapon::Missile),
    ("missiles", Weapon::Missile),
    ("rocket", Weapon::Missile),
    ("rockets", Weapon::Missile),
    ("mortar", Weapon::Missile),
    ("mortars", Weapon::Missile),
    ("mortar shells", Weapon::Missile),
    ("artillery", Weapon::Missile),
    ("rpg", Weapon::Missile),
    ("rocket-propelled grenade", Weapon::Missile),
    ("rocket-propelled grenades", Weapon::Missile),
    ("chemical weapons", Weapon::Chemical),
    ("sarin", Weapon::Chemical),
    ("chlorine gas", Weapon::Chemical),
    ("poison gas", Weapon::Chemical),
    ("nerve agent", Weapon::Chemical),
    ("acid", Weapon::Chemical),
];

/// The weapon a trigger itself names, when no weapon word does ("opened fire": a firearm).
pub fn weapon_of_trigger(trigger: &str, event_type: EventType) -> Option<Weapon> {
    let t = trigger.to_ascii_lowercase();
    let has = |w: &str| t.contains(w);
    if has("fire") && !has("set fire") || has("shoot") || has("shot") || has("gun") {
        Some(Weapon::Firearm)
    } else if has("stab") || has("knife") || has("hacked") || has("chopped") {
        Some(Weapon::Melee)
    } else if has("petrol") || has("arson") || has("torch") || has("ablaze") || has("set fire") {
        Some(Weapon::Incendiary)
    } else if event_type == EventType::Airstrike {
        Some(Weapon::Missile)
    } else if event_type == EventType::Bombing {
        Some(Weapon::Explosive)
    } else {
        None
    }
}

/// Words that name what an attack struck, with its kind. Longest match wins.
pub const TARGET_WORDS: &[(&str, Target)] = &[
    ("civilians", Target::Civilians),
    ("residents", Target::Civilians),
    ("villagers", Target::Civilians),
    ("shoppers", Target::Civilians),
    ("passers-by", Target::Civilians),
    ("passersby", Target::Civilians),
    ("crowd", Target::Civilians),
    ("concert-goers", Target::Civilians),
    ("concertgoers", Target::Civilians),
    ("fans", Target::Civilians),
    ("wedding", Target::Civilians),
    ("family", Target::Civilians),
    ("families", Target::Civilians),
    ("police", Target::Police),
    ("policemen", Target::Police),
    ("police officers", Target::Police),
    ("police station", Target::Police),
    ("police post", Target::Police),
    ("police checkpoint", Target::Police),
    ("police van", Target::Police),
    ("police convoy", Target::Police),
    ("police patrol", Target::Police),
    ("police headquarters", Target::Police),
    ("constables", Target::Police),
    ("security forces", Target::Police),
    ("soldiers", Target::Military),
    ("troops", Target::Military),
    ("army", Target::Military),
    ("military base", Target::Military),
    ("army base", Target::Military),
    ("army camp", Target::Military),
    ("military convoy", Target::Military),
    ("military checkpoint", Target::Military),
    ("barracks", Target::Military),
    ("garrison", Target::Military),
    ("military training center", Target::Military),
    ("military academy", Target::Military),
    ("minister", Target::Officials),
    ("governor", Target::Officials),
    ("mayor", Target::Officials),
    ("lawmaker", Target::Officials),
    ("politician", Target::Officials),
    ("candidate", Target::Officials),
    ("judge", Target::Officials),
    ("officials", Target::Officials),
    ("official", Target::Officials),
    ("journalist", Target::Journalists),
    ("journalists", Target::Journalists),
    ("reporter", Target::Journalists),
    ("reporters", Target::Journalists),
    ("newspaper", Target::Journalists),
    ("worshippers", Target::Worshippers),
    ("worshipers", Target::Worshippers),
    ("pilgrims", Target::Worshippers),
    ("mourners", Target::Worshippers),
    ("congregation", Target::Worshippers),
    ("procession", Target::Worshippers),
    ("mosque", Target::ReligiousSite),
    ("mosques", Target::ReligiousSite),
    ("church", Target::ReligiousSite),
    ("churches", Target::ReligiousSite),
    ("shrine", Target::ReligiousSite),
    ("temple", Target::ReligiousSite),
    ("synagogue", Target::ReligiousSite),
    ("cathedral", Target::ReligiousSite),
    ("monastery", Target::ReligiousSite),
    ("seminary", Target::ReligiousSite),
    ("ministry", Target::Government),
    ("parliament", Target::Government),
    ("courthouse", Target::Government),
    ("court", Target::Government),
    ("polling station", Target::Government),
    ("election office", Target::Government),
    ("town hall", Target::Government),
    ("government building", Target::Government),
    ("government offices", Target::Government),
    ("market", Target::Business),
    ("marketplace", Target::Business),
    ("bazaar", Target::Business),
    ("shop", Target::Business),
    ("shops", Target::Business),
    ("hotel", Target::Business),
    ("hotels", Target::Business),
    ("restaurant", Target::Business),
    ("restaurants", Target::Business),
    ("bank", Target::Business),
    ("mall", Target::Business),
    ("shopping mall", Target::Business),
    ("cafe", Target::Business),
    ("bar", Target::Business),
    ("bars", Target::Business),
    ("nightclub", Target::Business),
    ("concert hall", Target::Business),
    ("supermarket", Target::Business),
    ("school", Target::Education),
    ("schools", Target::Education),
    ("university", Target::Education),
    ("college", Target::Education),
    ("students", Target::Education),
    ("bus", Target::Transport),
    ("buses", Target::Transport),
    ("train", Target::Transport),
    ("train station", Target::Transport),
    ("railway station", Target::Transport),
    ("bus station", Target::Transport),
    ("airport", Target::Transport),
    ("metro", Target::Transport),
    ("subway", Target::Transport),
    ("passengers", Target::Transport),
    ("truck", Target::Transport),
    ("ferry", Target::Transport),
    ("pipeline", Target::Infrastructure),
    ("power station", Target::Infrastructure),
    ("power plant", Target::Infrastructure),
    ("power line", Target::Infrastructure),
    ("pylon", Target::Infrastructure),
    ("pylons", Target::Infrastructure),
    ("bridge", Target::Infrastructure),
    ("electricity", Target::Infrastructure),
    ("embassy", Target::Diplomatic),
    ("consulate", Target::Diplomatic),
    ("diplomats", Target::Diplomatic),
    ("diplomat", Target::Diplomatic),
];

/// What an attribution cue says: how the sentence around it ties an actor to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionCue {
    /// "claimed responsibility", "claimed credit": the subject claims the event.
    Claim,
    /// "claimed by": the actor after it claims the event.
    ClaimedBy,
    /// "said", "announced": a statement whose content may claim or attribute the event.
    Say,
    /// "blamed", "accused", "pointed fingers at": the subject blames the actors after it.
    Blame,
    /// "blamed on": the actors after it are blamed by whoever the sentence names before.
    BlamedOn,
    Confirm,
    Deny,
    /// "suspected": an adjective ("suspected militants"), a verb ("police suspect X") or
    /// "suspected of" (the subject is suspected).
    Suspect,
    /// "believed to be behind": the subject before it is suspected.
    BelievedBehind,
    /// "believed to be", "thought to have been carried out by": the actor after it is suspected.
    BelievedBy,
}

/// Cue phrases of the attribution ledger, lowercase; the longest match wins.
pub const ATTRIBUTION_CUES: &[(&str, AttributionCue)] = {
    use AttributionCue::*;
    &[
        ("claimed responsibility", Claim),
        ("claims responsibility", Claim),
        ("claim responsibility", Claim),
        ("claiming responsibility", Claim),
        ("claimed credit", Claim),
        ("claims credit", Claim),
        ("claiming credit", Claim),
        ("took responsibility", Claim),
        ("accepted responsibility", Claim),
        ("claimed", Claim),
        ("claims", Claim),
        ("claimed by", ClaimedBy),
        ("said", Say),
        ("says", Say),
        ("announced", Say),
        ("stated", Say),
        ("declared", Say),
        ("blamed", Blame),
        ("blames", Blame),
        ("blaming", Blame),
        ("accused", Blame),
        ("accuses", Blame),
        ("accusing", Blame),
        ("pointed fingers at", Blame),
        ("pointing fingers at", Blame),
        ("pointed the finger at", Blame),
        ("pointing the finger at", Blame),
        ("held responsible", Blame),
        ("holds responsible", Blame),
        ("blamed on", BlamedOn),
        ("pinned on", BlamedOn),
        ("attributed to", BlamedOn),
        ("confirmed", Confirm),
        ("confirms", Confirm),
        ("confirming", Confirm),
        ("denied", Deny),
        ("denies", Deny),
        ("denying", Deny),
        ("rejected responsibility", Deny),
        ("rejected any involvement", Deny),
        ("suspected", Suspect),
        ("suspect", Suspect),
        ("suspects", Suspect),
        ("believed to be behind", BelievedBehind),
        ("believed to have been behind", BelievedBehind),
        ("believed to have been carried out by", BelievedBy),
        ("thought to be behind", BelievedBehind),
        ("thought to have been carried out by", BelievedBy),
        ("believed to be", BelievedBy),
    ]
};

/// Nouns that head a speaker who is not in the actor base ("Iranian officials", "police").
pub const SPEAKER_NOUNS: &[&str] = &[
    "officials",
    "official",
    "police",
    "authorities",
    "ministry",
    "government",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "military",
    "army",
    "minister",
    "president",
    "governor",
    "commander",
    "chief",
    "investigators",
    "prosecutors",
    "prosecutor",
    "media",
    "television",
    "agency",
    "sources",
    "officers",
    "office",
    "service",
    "services",
    "forces",
    "leader",
    "leaders",
    "group",
    "statement",
    "regime",
    "administration",
];

/// Words that may stand between a speaker and the cue ("Iran on Thursday blamed", "IS later claimed").
pub const SPEAKER_FILLERS: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "quickly",
    "swiftly",
    "immediately",
    "then",
    "publicly",
    "officially",
    "reportedly",
    "repeatedly",
    "formally",
    "already",
    "subsequently",
    "promptly",
    "initially",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "earlier",
];

/// Nouns for a blamed or suspected party the actor base does not name ("blamed separatists").
pub const GROUP_NOUNS: &[&str] = &[
    "militants",
    "militant",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "separatists",
    "separatist",
    "terrorists",
    "terrorist",
    "extremists",
    "extremist",
    "jihadists",
    "jihadist",
    "islamists",
    "gunmen",
    "gunman",
    "attackers",
    "attacker",
    "bombers",
    "bomber",
    "assailants",
    "assailant",
    "fighters",
    "guerrillas",
    "guerrilla",
    "group",
    "groups",
    "elements",
    "agents",
    "mercenaries",
    "cell",
    "network",
];

/// Verbs by which a group says it did an event ("said it carried out", "said its fighters attacked").
pub const CLAIM_VERBS: &[&str] = &[
    "carried out",
    "was behind",
    "were behind",
    "conducted",
    "staged",
    "launched",
    "executed",
    "attacked",
    "targeted",
    "killed",
    "detonated",
    "struck",
    "planted",
    "ambushed",
    "shot",
];

/// Phrases in a statement that name who did the event ("the attack was carried out by X").
pub const AGENT_PHRASES: &[&str] =
    &["carried out by", "perpetrated by", "orchestrated by", "committed by", "conducted by", "masterminded by"];

/// Phrases after an actor that make it the doer, in a statement ("X was behind the attack").
pub const DOER_PHRASES: &[&str] = &[
    "was behind",
    "were behind",
    "is behind",
    "are behind",
    "was responsible",
    "were responsible",
    "is responsible",
    "carried out",
    "had carried out",
    "perpetrated",
    "orchestrated",
];

/// Words after a denial that say what is denied is a part in the event ("denied involvement").
pub const DENIED_PART: &[&str] = &[
    "involvement",
    "responsibility",
    "any role",
    "any part",
    "any link",
    "any links",
    "any connection",
    "any hand",
    "that it",
    "it was",
    "it",
    "being behind",
    "carrying out",
    "having",
    "the accusation",
    "the accusations",
    "the allegation",
    "the allegations",
    "the charge",
    "the charges",
    "the claim",
    "the claims",
];

/// Words in a sentence without a trigger that tie its attribution to an event told before it.
pub const RESPONSIBILITY_WORDS: &[&str] = &[
    "responsibility",
    "responsible",
    "behind",
    "involvement",
    "involved",
    "complicity",
    "carried out",
    "credit",
    "role in",
];

/// Nouns that name the people of a nationality without making them attackers on their own
/// ("a Pakistani national", "two Afghan citizens").
pub const NATIONAL_NOUNS: &[&str] = &["national", "nationals", "citizen", "citizens"];

/// Words before an attacker phrase that make its people victims or captives, not attackers
/// ("killed two Tajik militants", "an attack on Afghan fighters").
pub const NOT_ATTACKER_BEFORE: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "against",
    "on",
    "targeting",
    "targeted",
    "arrested",
    "detained",
    "captured",
    "deported",
    "expelled",
    "recruiting",
    "recruited",
    "training",
    "trained",
    "deployed",
    "deploying",
    "arming",
    "funding",
];

/// Nouns after a demonym and a noun that make the noun a thing ("Israeli fighter jets").
pub const NOT_PEOPLE_AFTER: &[&str] = &["jet", "jets", "plane", "planes", "aircraft"];
