//! The vocabulary of annalist: the types that flow through the pipeline
//! (`Document` → `Article` → `Mention`s and `EventFrame`s → `Incident`s with `Claim`s).
//!
//! This crate is what every stage speaks. It holds plain data, small pure helpers
//! (content hashes, day intervals, casualty ranges) and nothing else: no I/O, no
//! parsing of outside input, no knowledge of how a stage does its work. A stage
//! crate depends on this one and never on another stage's internals.
//!
//! Offsets: every `Span` is a half-open byte range into `Article::text`, the cleaned
//! body of one article. Evidence quotes are always cut from that text with that span,
//! so a user can find the sentence again in the exported document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into an article's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The same range moved by `offset` bytes (for spans found in a slice of the text).
    pub fn shifted(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
    /// The text this span covers, or `""` when it does not fall on char boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A stable content hash (hex, 16 bytes of BLAKE3): the identity of bytes and texts.
pub fn content_hash(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    hash.as_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// How the body of a `Document` is to be read by the cleaner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaType {
    /// Plain text: paragraphs are lines; page chrome may still be present as lines.
    Text,
    /// An HTML page.
    Html,
}

/// One input as read by ingest: raw bytes plus whatever metadata the container declared.
/// Nothing here has been interpreted yet (no charset decoding, no boilerplate removal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The export id: a file's name without its extension, or a record's URL or `id`.
    pub id: String,
    /// Where it was read from, for messages: a path, `path:line` or `path#record`.
    pub origin: String,
    pub url: Option<String>,
    pub media_type: MediaType,
    /// Charset declared by the container (HTTP header, JSON Lines is always UTF-8), if any.
    pub declared_charset: Option<String>,
    /// Title, date and outlet declared by the container (JSON Lines fields, WARC headers).
    pub declared_title: Option<String>,
    pub declared_date: Option<NaiveDate>,
    pub declared_outlet: Option<String>,
    /// The body bytes, undecoded.
    #[serde(skip)]
    pub raw: Vec<u8>,
    /// `content_hash(raw)`: identical inputs get identical hashes.
    pub content_hash: String,
}

impl Document {
    /// A plain-text UTF-8 document read from memory (evaluation sets, generated inputs): its
    /// origin is its id, and nothing else is declared but the publication date.
    pub fn from_text(id: &str, text: &str, published: Option<NaiveDate>) -> Document {
        let raw = text.as_bytes().to_vec();
        Document {
            id: id.to_string(),
            origin: id.to_string(),
            url: None,
            media_type: MediaType::Text,
            declared_charset: Some("utf-8".into()),
            declared_title: None,
            declared_date: published,
            declared_outlet: None,
            content_hash: content_hash(&raw),
            raw,
        }
    }
}

/// A sentence of an article's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Article::paragraphs`.
    pub paragraph: usize,
}

/// A cleaned article: the body text with boilerplate removed, segmented, with metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Same id as the `Document` it came from.
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// ISO 639-1 code when known.
    pub language: Option<String>,
    /// The cleaned body; paragraphs separated by a single `\n`.
    pub text: String,
    /// A case-restored view of `text` for reading, when `text` is written in capitals (wire
    /// copy, telex): the same byte length, only ASCII case differs, so every span into it is a
    /// span of `text`. Extraction matches on it; spans, quotes and the store keep `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// Paragraph spans into `text`, in order, not overlapping, newlines excluded.
    pub paragraphs: Vec<Span>,
    /// Sentence spans into `text`, in order, each inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// `content_hash` of the source document's raw bytes.
    pub content_hash: String,
}

impl Article {
    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// How precisely a date interval is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Season,
    Year,
    Decade,
}

/// A closed interval of days `[start, end]`: the earliest and latest day something can have happened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
}

impl DateInterval {
    pub fn day(d: NaiveDate) -> DateInterval {
        DateInterval { start: d, end: d, precision: DatePrecision::Day }
    }
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
    pub fn overlaps(&self, other: &DateInterval, slack_days: i64) -> bool {
        let slack = chrono::Duration::days(slack_days);
        self.start <= other.end + slack && other.start <= self.end + slack
    }
    /// The intersection, or `None` when the intervals are disjoint.
    pub fn intersect(&self, other: &DateInterval) -> Option<DateInterval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then(|| DateInterval { start, end, precision: self.precision.min(other.precision) })
    }
}

/// A count as the text gives it: `low..=high`, `high == None` when open ("more than 300" is 301..).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountRange {
    pub low: u64,
    pub high: Option<u64>,
}

impl CountRange {
    pub fn exact(n: u64) -> CountRange {
        CountRange { low: n, high: Some(n) }
    }
}

impl fmt::Display for CountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.high {
            Some(h) if h == self.low => write!(f, "{}", self.low),
            Some(h) => write!(f, "{}–{}", self.low, h),
            None => write!(f, "{}+", self.low),
        }
    }
}

/// The incident types of the export contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Bombing,
    ArmedAssault,
    Assassination,
    Hijacking,
    HostageTaking,
    Kidnapping,
    FacilityAttack,
    UnarmedAssault,
    Airstrike,
    Arrest,
    FoiledPlot,
    Unknown,
}

impl EventType {
    pub const ALL: [EventType; 12] = [
        EventType::Bombing,
        EventType::ArmedAssault,
        EventType::Assassination,
        EventType::Hijacking,
        EventType::HostageTaking,
        EventType::Kidnapping,
        EventType::FacilityAttack,
        EventType::UnarmedAssault,
        EventType::Airstrike,
        EventType::Arrest,
        EventType::FoiledPlot,
        EventType::Unknown,
    ];
    /// The contract's name (`armed_assault`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Bombing => "bombing",
            EventType::ArmedAssault => "armed_assault",
            EventType::Assassination => "assassination",
            EventType::Hijacking => "hijacking",
            EventType::HostageTaking => "hostage_taking",
            EventType::Kidnapping => "kidnapping",
            EventType::FacilityAttack => "facility_attack",
            EventType::UnarmedAssault => "unarmed_assault",
            EventType::Airstrike => "airstrike",
            EventType::Arrest => "arrest",
            EventType::FoiledPlot => "foiled_plot",
            EventType::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// Whether two mentions typed `self` and `other` can be one event: an unknown type fits
    /// any attack; "an airstrike" can be "the assassination" of one man; "gunmen and suicide
    /// bombers struck" is one coordinated attack told by both its parts. An arrest is its own
    /// event: the same as a foiled plot, never as an attack ("the attack" and "arresting 11
    /// people" after it).
    pub fn can_name_one_event_with(self, other: EventType) -> bool {
        use EventType::*;
        let arrest_like = |t: EventType| matches!(t, Arrest | FoiledPlot);
        if (self == Arrest) != (other == Arrest) && !(arrest_like(self) && arrest_like(other)) {
            return false;
        }
        self == other
            || self == Unknown
            || other == Unknown
            || matches!((self, other), (Arrest, FoiledPlot) | (FoiledPlot, Arrest))
            || matches!((self, other), (Airstrike, Assassination) | (Assassination, Airstrike))
            || matches!((self, other), (Bombing, ArmedAssault) | (ArmedAssault, Bombing))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the event happened, by the text's own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Happened,
    Foiled,
    Planned,
    Threatened,
    Hypothetical,
    Negated,
}

/// How firmly an actor is tied to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionStatus {
    /// The actor said it did it.
    Claimed,
    /// Attributed by the reporter or authorities as a fact ("carried out by").
    Attributed,
    /// Blamed by a party with an interest ("Iran blamed Israel").
    Alleged,
    /// Suspected ("suspected militants", "believed to be").
    Suspected,
    /// The actor denied it.
    Denied,
}

impl AttributionStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            AttributionStatus::Claimed => "claimed",
            AttributionStatus::Attributed => "attributed",
            AttributionStatus::Alleged => "alleged",
            AttributionStatus::Suspected => "suspected",
            AttributionStatus::Denied => "denied",
        }
    }
}

/// A place a frame or incident is located at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical name ("Kerman", "Shah Cheragh", "Balochistan").
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub kind: PlaceKind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The first-level division it lies in (GeoNames admin1 code; in the US the state's postal
    /// code), for regions and cities where the gazetteer knows it; places stored before this
    /// field read as unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
}

/// Great-circle distance in kilometres between two points given in degrees.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// How far a named site may lie from a city's point and still be in that city.
pub const SITE_IN_CITY_KM: f64 = 25.0;

/// Whether one place is a site and the other the city it lies in (same country, within
/// `SITE_IN_CITY_KM`): "Manchester Arena" and "Manchester" name one scene.
pub fn site_in_city(a: &Place, b: &Place) -> bool {
    site_to_city_km(a, b).is_some_and(|d| d <= SITE_IN_CITY_KM)
}

/// When one place is a site and the other a city of the same country, both with points: how
/// far the site lies from the city's point.
pub fn site_to_city_km(a: &Place, b: &Place) -> Option<f64> {
    let (site, city) = match (a.kind, b.kind) {
        (PlaceKind::Site, PlaceKind::City) => (a, b),
        (PlaceKind::City, PlaceKind::Site) => (b, a),
        _ => return None,
    };
    match (site.lat, site.lon, city.lat, city.lon) {
        (Some(a1), Some(o1), Some(a2), Some(o2)) if site.country == city.country => Some(distance_km(a1, o1, a2, o2)),
        _ => None,
    }
}

/// Whether `inner` lies inside `outer` (site ⊂ city ⊂ region ⊂ country), as far as the places
/// say: a site in a city by distance (`site_in_city`), a city or site in a region by their
/// shared admin1 code, anything below a country in that country. Two places of one level are
/// never nested, and a place whose division is unknown is not placed in any region.
pub fn place_within(inner: &Place, outer: &Place) -> bool {
    if inner.country != outer.country || inner.kind.specificity() <= outer.kind.specificity() {
        return false;
    }
    match outer.kind {
        PlaceKind::Country => true,
        PlaceKind::Region => inner.admin1.is_some() && inner.admin1 == outer.admin1,
        PlaceKind::City => site_in_city(inner, outer),
        PlaceKind::Site => false,
    }
}

/// Whether one of two places lies inside the other (`place_within` either way round).
pub fn places_nested(a: &Place, b: &Place) -> bool {
    place_within(a, b) || place_within(b, a)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Region,
    City,
    Site,
}

impl PlaceKind {
    /// How precise a place of this kind is: a site is more precise than a city, a city than a
    /// region, a region than a country.
    pub fn specificity(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::City => 2,
            PlaceKind::Site => 3,
        }
    }
}

/// An actor tied to an event, by canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Perpetrator {
    /// Canonical name from the actor knowledge base ("Islamic State Khorasan Province").
    pub name: String,
    pub status: AttributionStatus,
}

/// A value read from an article, with the words and the sentence it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidenced<T> {
    pub value: T,
    /// The words the value was read from (a number, a date, a name).
    pub span: Span,
    /// The sentence holding those words: the quote shown to users.
    pub sentence: Span,
    /// The sentence's text (`sentence.slice(article.text)`), kept so later stages need not reload the article.
    pub quote: String,
}

impl<T> Evidenced<T> {
    /// Evidence for `value` read from `span`, quoting the sentence of `article` that holds it
    /// (or the span itself when it lies outside every sentence).
    pub fn read(value: T, span: Span, article: &Article) -> Evidenced<T> {
        let sentence = article.sentence_at(span.start).map(|i| article.sentences[i].span).unwrap_or(span);
        Evidenced { value, span, sentence, quote: sentence.slice(&article.text).to_string() }
    }

    /// Cuts the quote again from `text` by its sentence span (left as it is where the span does
    /// not fit `text`).
    pub fn requote(&mut self, text: &str) {
        if let Some(quote) = text.get(self.sentence.start..self.sentence.end) {
            quote.clone_into(&mut self.quote);
        }
    }
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MentionKind {
    Time { interval: DateInterval },
    Quantity { count: CountRange },
    Place { place: Place },
    Actor { name: String },
    Trigger { event_type: EventType },
}

/// A typed span of an article, found by extract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    #[serde(flatten)]
    pub kind: MentionKind,
}

/// The document decision taken before events are read: whether the article reports a violent
/// incident, arrest or plot at all (`reported`), and the model's probability that it does. An
/// article that does not gives no event frames.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Relevance {
    pub reported: bool,
    pub score: f32,
}

/// One event as one article reports it: a type, its arguments, each with evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFrame {
    /// Id of the article it was read from.
    pub document: String,
    pub event_type: EventType,
    pub status: EventStatus,
    /// The trigger words ("bomb attack", "opened fire").
    pub trigger: Span,
    /// The sentence the trigger is in, and its text.
    pub sentence: Span,
    pub quote: String,
    pub date: Option<Evidenced<DateInterval>>,
    pub country: Option<Evidenced<String>>,
    pub place: Option<Evidenced<Place>>,
    pub perpetrators: Vec<Evidenced<Perpetrator>>,
    /// The victims killed: attackers who died are `attackers_killed`, not counted here.
    pub killed: Option<Evidenced<CountRange>>,
    pub wounded: Option<Evidenced<CountRange>>,
    pub suicide: Option<Evidenced<bool>>,
    pub attackers: Option<Evidenced<u32>>,
    /// The attackers who died ("six guards and three gunmen were killed": three), kept apart
    /// from the victims as coders keep them (GTD's `nkillter`; frames stored before this field
    /// read as none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attackers_killed: Option<Evidenced<CountRange>>,
    /// The means ("a car bomb", "rifles"); its span is the words that name it.
    #[serde(default)]
    pub weapon: Option<Evidenced<Weapon>>,
    /// Who or what was attacked ("a police station", "worshippers"); its span names it.
    #[serde(default)]
    pub target: Option<Evidenced<Target>>,
    /// True for the event the article is mainly about; false for background events.
    pub main: bool,
    /// The text tells of the event through what followed it (a plea, a trial, a verdict, an
    /// anniversary): the report is not news of the event, so an undated one happened some time
    /// before it, not in its week (frames stored before this field read as false).
    #[serde(default)]
    pub recalled: bool,
    /// Who claimed, blamed, confirmed, denied or suspected whom, each read from its own words
    /// (frames stored before this field read as none).
    #[serde(default)]
    pub attributions: Vec<Evidenced<Attribution>>,
    /// The attackers' nationalities as ISO 3166-1 alpha-2 codes ("two Tajik members": `TJ`),
    /// each with the words that give it (frames stored before this field read as none).
    #[serde(default)]
    pub attacker_nationalities: Vec<Evidenced<String>>,
    /// The names the text gives the event itself ("the Rolando bombing": `Rolando`), without
    /// the places, groups and dates that also name it (frames stored before this field read as
    /// none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Evidenced<String>>,
    /// Whether the article reports the event as its news or tells of it in passing (frames
    /// stored before this field read as reported).
    #[serde(default, skip_serializing_if = "Telling::is_reported")]
    pub telling: Telling,
}

/// How an article tells of an event: as news it reports, or in passing, as background to its
/// news ("since 7 July 2005, when four suicide bombers killed 52"). Only reported events become
/// ledger rows; a background mention is kept as a link of its article to the incident it
/// matches, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Telling {
    #[default]
    Reported,
    Background,
}

impl Telling {
    pub fn is_reported(&self) -> bool {
        *self == Telling::Reported
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            Telling::Reported => "reported",
            Telling::Background => "background",
        }
    }
}

impl EventFrame {
    /// Cuts every quote of the frame again from `text` by its spans: for a frame read from an
    /// article's case-restored view (`Article::reading`), so that what it quotes is the stored text.
    pub fn requote(&mut self, text: &str) {
        if let Some(quote) = text.get(self.sentence.start..self.sentence.end) {
            quote.clone_into(&mut self.quote);
        }
        macro_rules! each {
            ($($field:expr),*) => {$( for e in $field.iter_mut() { e.requote(text); } )*};
        }
        each!(
            self.date,
            self.country,
            self.place,
            self.perpetrators,
            self.killed,
            self.wounded,
            self.suicide,
            self.attackers,
            self.attackers_killed,
            self.weapon,
            self.target,
            self.attributions,
            self.attacker_nationalities,
            self.names
        );
    }

    /// A frame of `event_type` that happened, read at `trigger` in `sentence` (whose text is
    /// `quote`), with no argument yet and not the main event: the start of a frame built by
    /// hand (tests, readers of structured sources), so new fields need no edit there.
    pub fn new(document: &str, event_type: EventType, trigger: Span, sentence: Span, quote: &str) -> EventFrame {
        EventFrame {
            document: document.to_string(),
            event_type,
            status: EventStatus::Happened,
            trigger,
            sentence,
            quote: quote.to_string(),
            date: None,
            country: None,
            place: None,
            perpetrators: Vec::new(),
            killed: None,
            wounded: None,
            suicide: None,
            attackers: None,
            attackers_killed: None,
            weapon: None,
            target: None,
            main: false,
            recalled: false,
            attributions: Vec::new(),
            attacker_nationalities: Vec::new(),
            names: Vec::new(),
            telling: Telling::Reported,
        }
    }
}

/// Whether two names can be one event's: the words of one are among the other's ("Rolando"
/// and "Cafetería Rolando"), compared word by word without case or punctuation.
pub fn event_names_match(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(a), words(b));
    let within = |x: &[String], y: &[String]| !x.is_empty() && x.iter().all(|w| y.contains(w));
    within(&a, &b) || within(&b, &a)
}

/// What a party said about who did an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionRelation {
    /// The actor said it did it ("X claimed responsibility", "X said it carried out").
    Claimed,
    /// A party blamed or accused another ("Iran accused Israel").
    Blamed,
    /// A party confirmed the event or who did it ("police confirmed").
    Confirmed,
    /// A party denied a part in it ("X denied involvement").
    Denied,
    /// The actor is suspected ("suspected militants", "officials suspect X").
    Suspected,
}

impl AttributionRelation {
    pub fn as_str(&self) -> &'static str {
        match self {
            AttributionRelation::Claimed => "claimed",
            AttributionRelation::Blamed => "blamed",
            AttributionRelation::Confirmed => "confirmed",
            AttributionRelation::Denied => "denied",
            AttributionRelation::Suspected => "suspected",
        }
    }
}

/// One entry of an attribution ledger: who said what about whom. The `Evidenced` it travels in
/// spans the statement ("Iranian officials blamed Israel") and quotes its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    /// Who speaks: the actor base's canonical name when it knows the speaker, else the text's
    /// own words ("Iranian officials", "police"); `None` when no speaker is named ("the attack
    /// was blamed on ...", "suspected militants").
    pub speaker: Option<String>,
    /// The words that name the speaker.
    pub speaker_span: Option<Span>,
    /// Who is claimed, blamed, denied or suspected: a canonical actor name, else the text's words
    /// ("militants"); `None` when what is confirmed is the event itself, not who did it.
    pub actor: Option<String>,
    /// The words that name the actor.
    pub actor_span: Option<Span>,
    pub relation: AttributionRelation,
}

impl Attribution {
    /// The entry in words: "blamed: Israel (by Iranian officials)", "claimed: Islamic State",
    /// "confirmed (by police)".
    pub fn describe(&self) -> String {
        let mut s = self.relation.as_str().to_string();
        if let Some(actor) = &self.actor {
            s.push_str(": ");
            s.push_str(actor);
        }
        match &self.speaker {
            Some(speaker) if self.actor.as_ref() != Some(speaker) => s.push_str(&format!(" (by {speaker})")),
            _ => {}
        }
        s
    }
}

/// The kind of weapon an event was carried out with (GTD's weapon types, coarsened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weapon {
    Firearm,
    Explosive,
    Incendiary,
    Melee,
    Vehicle,
    Missile,
    Chemical,
}

impl Weapon {
    pub fn as_str(&self) -> &'static str {
        match self {
            Weapon::Firearm => "firearm",
            Weapon::Explosive => "explosive",
            Weapon::Incendiary => "incendiary",
            Weapon::Melee => "melee",
            Weapon::Vehicle => "vehicle",
            Weapon::Missile => "missile",
            Weapon::Chemical => "chemical",
        }
    }
}

/// The kind of target an event struck (GTD's target types, coarsened). The first group are
/// people, the second places and things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Civilians,
    Police,
    Military,
    Officials,
    Journalists,
    Worshippers,
    ReligiousSite,
    Government,
    Business,
    Education,
    Transport,
    Infrastructure,
    Diplomatic,
}

impl Target {
    pub fn as_str(&self) -> &'static str {
        match self {
            Target::Civilians => "civilians",
            Target::Police => "police",
            Target::Military => "military",
            Target::Officials => "officials",
            Target::Journalists => "journalists",
            Target::Worshippers => "worshippers",
            Target::ReligiousSite => "religious_site",
            Target::Government => "government",
            Target::Business => "business",
            Target::Education => "education",
            Target::Transport => "transport",
            Target::Infrastructure => "infrastructure",
            Target::Diplomatic => "diplomatic",
        }
    }
    /// Whether the target is people (a victim) rather than a place or thing.
    pub fn is_people(&self) -> bool {
        matches!(
            self,
            Target::Civilians
                | Target::Police
                | Target::Military
                | Target::Officials
                | Target::Journalists
                | Target::Worshippers
        )
    }
}

/// The fields of an incident that claims are made about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Type,
    Date,
    Country,
    Place,
    Perpetrator,
    Killed,
    Wounded,
    Suicide,
    Attackers,
    /// The attackers who died.
    AttackersKilled,
    Weapon,
    Target,
    /// A statement of the attribution ledger: who claimed, blamed, confirmed, denied or suspected whom.
    Attribution,
    /// A name a source gives the event itself ("the Rolando bombing"), which fusion links by.
    Name,
}

impl Field {
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Date => "date",
            Field::Country => "country",
            Field::Place => "place",
            Field::Perpetrator => "perpetrators",
            Field::Killed => "killed",
            Field::Wounded => "wounded",
            Field::Suicide => "suicide",
            Field::Attackers => "attackers",
            Field::AttackersKilled => "attackers_killed",
            Field::Weapon => "weapon",
            Field::Target => "target",
            Field::Attribution => "attribution",
            Field::Name => "name",
        }
    }
}

/// What one source says about one field of an incident, and where it says it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub field: Field,
    /// The value as this source gives it, rendered for people ("nearly 100" → "90–100").
    pub value: String,
    pub document: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// The sentence the value was read from.
    pub quote: String,
    /// Byte offsets of `quote` in the document's cleaned text.
    pub start: usize,
    pub end: usize,
}

/// A field on which the sources disagree, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: Field,
    pub note: String,
}

/// A link from one incident to another of the same series ("the same group attacked the same
/// shrine before"; "the arrests that followed the attack").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// The other incident's id.
    pub id: String,
    /// How they are related, in words.
    pub relation: String,
}

/// One real-world incident, reconciled across its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub event_type: EventType,
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub country: Option<String>,
    pub place: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub perpetrators: Vec<Perpetrator>,
    /// The victims killed, attackers who died not among them.
    pub killed: Option<CountRange>,
    pub wounded: Option<CountRange>,
    pub suicide: Option<bool>,
    pub attackers: Option<u32>,
    /// The attackers who died, across the sources (ledgers stored before this field read as
    /// none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attackers_killed: Option<CountRange>,
    /// The weapon most independent sources name (ledgers stored before this field read as none).
    #[serde(default)]
    pub weapon: Option<Weapon>,
    /// The target most independent sources name.
    #[serde(default)]
    pub target: Option<Target>,
    /// Every document that reports it, copies included, sorted.
    pub sources: Vec<String>,
    /// How many independent stories (copies folded into their original) report it.
    pub independent_sources: usize,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    /// Other incidents of the same series (stored ledgers from before this field read as none).
    #[serde(default)]
    pub related: Vec<Related>,
    /// The documents that tell of it only in passing (background mentions), sorted; never its
    /// sources (ledgers stored before this field read as none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentioned_in: Vec<String>,
}

impl Incident {
    /// An incident of `event_type` with nothing else known: the base for one built by hand
    /// (tests, a reviewer's probe), so new fields need no edit there.
    pub fn new(id: &str, event_type: EventType) -> Incident {
        Incident {
            id: id.to_string(),
            event_type,
            date_start: None,
            date_end: None,
            country: None,
            place: None,
            lat: None,
            lon: None,
            perpetrators: Vec::new(),
            killed: None,
            wounded: None,
            suicide: None,
            attackers: None,
            attackers_killed: None,
            weapon: None,
            target: None,
            sources: Vec::new(),
            independent_sources: 0,
            claims: Vec::new(),
            conflicts: Vec::new(),
            related: Vec::new(),
            mentioned_in: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requoting_a_frame_requotes_every_field_it_holds_evidence_for() {
        let stored = "TWO ASSAILANTS WERE KILLED.";
        let view = "Two assailants were killed.";
        let sentence = Span::new(0, stored.len());
        let evidence = |v| Evidenced { value: v, span: Span::new(0, 3), sentence, quote: view.to_string() };
        let mut f = EventFrame::new("d", EventType::ArmedAssault, Span::new(15, 21), sentence, view);
        f.killed = Some(evidence(CountRange::exact(1)));
        f.wounded = Some(evidence(CountRange::exact(1)));
        f.attackers_killed = Some(evidence(CountRange::exact(2)));
        f.requote(stored);
        let quotes =
            [&f.quote, &f.killed.unwrap().quote, &f.wounded.unwrap().quote, &f.attackers_killed.unwrap().quote];
        assert!(quotes.iter().all(|q| q.as_str() == stored), "{quotes:?}");
    }

    #[test]
    fn event_names_match_when_one_holds_the_others_words() {
        assert!(event_names_match("Rolando", "Cafetería Rolando"));
        assert!(event_names_match("Marathon", "marathon"));
        assert!(!event_names_match("Rolando", "Hipercor"));
        assert!(!event_names_match("", "Rolando"));
    }

    #[test]
    fn span_slices_only_on_char_boundaries() {
        let text = "Iran’s";
        assert_eq!(Span::new(0, 4).slice(text), "Iran");
        assert_eq!(Span::new(0, 5).slice(text), "");
    }

    #[test]
    fn content_hash_is_stable_and_distinguishes_inputs() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_eq!(content_hash(b"abc").len(), 32);
    }

    #[test]
    fn intervals_intersect_and_overlap_with_slack() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let month = DateInterval { start: d("2022-10-01"), end: d("2022-10-31"), precision: DatePrecision::Month };
        let day = DateInterval::day(d("2022-10-26"));
        assert_eq!(month.intersect(&day), Some(DateInterval::day(d("2022-10-26"))));
        let next = DateInterval::day(d("2022-11-01"));
        assert!(month.intersect(&next).is_none());
        assert!(month.overlaps(&next, 1));
        assert!(!month.overlaps(&next, 0));
    }

    #[test]
    fn an_arrest_is_never_the_same_event_as_an_attack() {
        use EventType::*;
        assert!(Arrest.can_name_one_event_with(FoiledPlot));
        assert!(!Arrest.can_name_one_event_with(Unknown) && !Unknown.can_name_one_event_with(Arrest));
        assert!(Unknown.can_name_one_event_with(Bombing) && Bombing.can_name_one_event_with(ArmedAssault));
        assert!(!Bombing.can_name_one_event_with(Kidnapping));
    }

    #[test]
    fn a_site_lies_in_the_city_beside_it_but_not_in_a_far_one() {
        let place = |name: &str, kind, lat, lon| Place {
            name: name.into(),
            country: "GB".into(),
            kind,
            lat: Some(lat),
            lon: Some(lon),
            admin1: None,
        };
        let arena = place("Manchester Arena", PlaceKind::Site, 53.4882, -2.2440);
        let manchester = place("Manchester", PlaceKind::City, 53.4809, -2.2374);
        let london = place("London", PlaceKind::City, 51.5085, -0.1257);
        assert!(site_in_city(&arena, &manchester) && site_in_city(&manchester, &arena));
        assert!(!site_in_city(&arena, &london));
        assert!(!site_in_city(&manchester, &london), "two cities are not nested");
        assert!((distance_km(53.4809, -2.2374, 51.5085, -0.1257) - 262.0).abs() < 5.0);
    }

    #[test]
    fn places_nest_site_in_city_in_region_in_country() {
        let place = |name: &str, kind, admin1: Option<&str>, lat, lon| Place {
            name: name.into(),
            country: "GB".into(),
            kind,
            lat: Some(lat),
            lon: Some(lon),
            admin1: admin1.map(String::from),
        };
        let station = place("Europa Buscentre", PlaceKind::Site, None, 54.5950, -5.9390);
        let belfast = place("Belfast", PlaceKind::City, Some("NIR"), 54.5968, -5.9254);
        let derry = place("Derry", PlaceKind::City, Some("NIR"), 54.9966, -7.3086);
        let ulster = place("Northern Ireland", PlaceKind::Region, Some("NIR"), 54.6, -6.7);
        let england = place("England", PlaceKind::Region, Some("ENG"), 52.5, -1.5);
        let london = place("London", PlaceKind::City, Some("ENG"), 51.5085, -0.1257);
        let uk = place("United Kingdom", PlaceKind::Country, None, 54.0, -2.0);
        assert!(place_within(&station, &belfast) && place_within(&belfast, &ulster) && place_within(&derry, &ulster));
        assert!(place_within(&ulster, &uk) && place_within(&station, &uk));
        assert!(!place_within(&ulster, &belfast), "the outer place is not inside the inner");
        assert!(!place_within(&london, &ulster) && !places_nested(&belfast, &england));
        assert!(!places_nested(&belfast, &derry), "two cities of one region are two places");
        assert!(places_nested(&ulster, &derry));
        let unknown_division = Place { admin1: None, ..derry.clone() };
        assert!(!place_within(&unknown_division, &ulster));
    }

    #[test]
    fn sentence_lookup_by_offset() {
        let text = "One. Two.".to_string();
        let article = Article {
            id: "a".into(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            language: None,
            paragraphs: vec![Span::new(0, 9)],
            sentences: vec![
                Sentence { span: Span::new(0, 4), paragraph: 0 },
                Sentence { span: Span::new(5, 9), paragraph: 0 },
            ],
            text,
            reading: None,
            content_hash: String::new(),
        };
        assert_eq!(article.sentence_at(0), Some(0));
        assert_eq!(article.sentence_at(4), None);
        assert_eq!(article.sentence_at(6), Some(1));
    }

    #[test]
    fn an_attribution_says_who_said_what_of_whom() {
        let entry = |speaker: Option<&str>, relation, actor: Option<&str>| Attribution {
            speaker: speaker.map(String::from),
            speaker_span: None,
            actor: actor.map(String::from),
            actor_span: None,
            relation,
        };
        use AttributionRelation::*;
        assert_eq!(entry(Some("Iran"), Blamed, Some("Israel")).describe(), "blamed: Israel (by Iran)");
        assert_eq!(entry(Some("Islamic State"), Claimed, Some("Islamic State")).describe(), "claimed: Islamic State");
        assert_eq!(entry(Some("police"), Confirmed, None).describe(), "confirmed (by police)");
        assert_eq!(entry(None, Suspected, Some("militants")).describe(), "suspected: militants");
    }

    #[test]
    fn a_frame_stored_before_the_ledger_still_loads() {
        let frame = EventFrame::new("d", EventType::Bombing, Span::new(0, 4), Span::new(0, 10), "A bomb hit");
        let mut json: serde_json::Value = serde_json::to_value(&frame).unwrap();
        let object = json.as_object_mut().unwrap();
        object.remove("attributions");
        object.remove("attacker_nationalities");
        let loaded: EventFrame = serde_json::from_value(json).unwrap();
        assert_eq!(loaded, frame);
    }

    #[test]
    fn event_types_round_trip_their_contract_names() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
    }
}
