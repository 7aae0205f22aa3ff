//! The gazetteer: countries, first-level regions, cities and well-known sites, and the
//! toponym finder that reads them out of an article.
//!
//! Recognition: every run of up to seven words that starts with a capital letter is folded to a
//! key (see `text`) and looked up in one index built once from the data files (a sorted array
//! of key hashes, see `NameIndex`: about 55 ms and 14 MB for 111,000 names); the longest
//! run that names something wins. Then the run must look like a place where it stands:
//! - a word that is also an ordinary English word ("Most", "Bar", "We") needs a locative cue
//!   before it ("in Most") or a country or state after it ("Bar, Montenegro");
//! - a word glued to a capitalised word before it ("Michael Jackson") is part of a person's
//!   name, and so is every later lone use of that word in the same text ("Jackson said"), and
//!   so is a small town's name that owns what only a person has ("Obama's two terms");
//! - a name followed by a street or feature word ("Kerman Street", "Jordan River") names
//!   another place, and one followed by a newspaper word ("Washington Post") a newspaper;
//! - a name inside an armed group's or organisation's name ("Hamas", "NATO") is not a place;
//! - month and weekday names, continents and oceans are never returned.
//!
//! Resolution: among the entries a name can mean, the one with the highest score wins: the log
//! of its weight (population for cities and countries, fixed priors for regions and sites),
//! plus a bonus growing with the share of the text's unambiguous places that lie in its country,
//! plus a bonus when its first-level division (a US state, a province) is named in the text (or a
//! US county lies in it: "Walker County" counts for Alabama, Georgia and Texas), plus a
//! large one when a country or division name follows it after a comma ("Paris, Texas",
//! "Quetta, Balochistan") and the same for that qualifier's sense (the province of "Toronto,
//! Ontario"), minus a penalty when the name is only one of its alternate names. A division
//! joined before a town by a hyphen or a campus's "at" qualifies it as a comma after it would
//! ("the University of Wisconsin-Madison"); where no sense of the town lies in that division
//! the town is one the gazetteer lacks and is not returned ("Massachusetts-Dartmouth" is no
//! Dartmouth of Nova Scotia).
//! A neighbourhood or borough of a large city (a site listed with its cities) is a sense only
//! where the text names one of those cities ("Chelsea" beside "New York" or "Manhattan"), or
//! where its name means nothing but neighbourhoods ("Karrada").
//! One sense per text: a name qualified once keeps that sense in its other mentions.
//! A region's name without its "Region", "State" or "Governorate" ("Gedo", "Delta") is one of
//! its other names where no town of its country has it; an Arabic article opens a name
//! ("Al Hasakah"), and a town's name glued by a hyphen to a capitalised word that names no
//! place is part of a longer name ("Kafr-Roum" is no Rome).
//!
//! Localities of a comma chain ("Locality, Region, Country", "the village of X, Region", "X
//! village in Region"): the name right before a region or country (or before a town followed
//! by one) lies there. Where the gazetteer has that name only in other countries, only in part
//! ("Ras" of "Ras al-Ain") or not at all, it is a town the gazetteer lacks: kind city, the
//! chain's country and division, no coordinates (see `localities`).

use crate::actors::{ActorBase, ActorKind};
use crate::text::{key, key_into, key_of, key_of_into, tokens, Token};
use annalist_model::{Place, PlaceKind, Span};
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::sync::OnceLock;

/// A country of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// Common English name ("Iran", "United States").
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// How a place is named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceRole {
    /// The text names the place itself ("in Kerman").
    Location,
    /// The text names the place's people ("a Tajik national", "Iranian officials"); the place is the country.
    Demonym,
}

/// A place named in a text, resolved to a gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMatch {
    pub span: Span,
    pub place: Place,
    pub role: PlaceRole,
}

/// One place. Its strings point into the data compiled into the binary (or, for cities, into
/// the inflated table, kept for the life of the program), so building 70,000 entries allocates nothing per entry.
#[derive(Debug, Clone)]
struct Entry {
    name: &'static str,
    /// ISO 3166-1 alpha-2.
    country: &'static str,
    kind: PlaceKind,
    lat: f64,
    lon: f64,
    /// Population for cities and countries; a fixed prior for regions and sites.
    weight: f64,
    /// First-level division code (GeoNames admin1; US: the state's postal code), when known.
    admin1: &'static str,
}

impl Entry {
    fn place(&self) -> Place {
        Place {
            name: self.name.to_string(),
            country: self.country.to_string(),
            kind: self.kind,
            lat: Some(self.lat),
            lon: Some(self.lon),
            admin1: (!self.admin1.is_empty()).then(|| self.admin1.to_string()),
        }
    }
}

/// Names → entries: a sorted array of 64-bit hashes of keys beside the postings they lead to.
/// Building it is one push per name and one sort; no key string is kept (among 10^5 keys a
/// 64-bit collision has a chance of about 10^-9, and a lookup of any other word sequence one
/// of about 10^-14).
#[derive(Debug, Default)]
struct NameIndex {
    hashes: Vec<u64>,
    postings: Vec<Posting>,
    /// How many leading items are sorted (and searched); items pushed since wait for `seal`.
    sealed: usize,
}

impl NameIndex {
    fn hash(key: &str) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        h.write(key.as_bytes());
        h.finish()
    }

    fn insert(&mut self, key: &str, posting: Posting) {
        self.hashes.push(NameIndex::hash(key));
        self.postings.push(posting);
    }

    /// Sorts by hash (keeping insertion order within a key) and drops repeated postings.
    fn seal(&mut self) {
        let mut pairs: Vec<(u64, Posting)> =
            std::mem::take(&mut self.hashes).into_iter().zip(std::mem::take(&mut self.postings)).collect();
        pairs.sort_by_key(|(h, _)| *h);
        // Within one key, keep the first posting of each (entry, demonym).
        let mut kept: Vec<(u64, Posting)> = Vec::with_capacity(pairs.len());
        let mut group_start = 0;
        for (h, p) in pairs {
            if kept.last().is_none_or(|(last, _)| *last != h) {
                group_start = kept.len();
            }
            if !kept[group_start..].iter().any(|(_, q)| q.entry == p.entry && q.demonym == p.demonym) {
                kept.push((h, p));
            }
        }
        let pairs = kept;
        (self.hashes, self.postings) = pairs.into_iter().unzip();
        self.sealed = self.hashes.len();
    }

    fn get(&self, key: &str) -> Option<&[Posting]> {
        let h = NameIndex::hash(key);
        let hashes = &self.hashes[..self.sealed];
        let lo = hashes.partition_point(|&x| x < h);
        let hi = lo + hashes[lo..].partition_point(|&x| x == h);
        (lo < hi).then(|| &self.postings[lo..hi])
    }

    fn keys(&self) -> usize {
        self.hashes.windows(2).filter(|w| w[0] != w[1]).count() + usize::from(!self.hashes.is_empty())
    }
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    entry: u32,
    /// The key is one of the entry's alternate names, not its main one.
    alternate: bool,
    demonym: bool,
    /// An abbreviation ("Ky.", "B.C.") that only qualifies a preceding name after a comma.
    qualifier_only: bool,
}

/// The places annalist knows, compiled once into a key → entries map.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: NameIndex,
    countries: Vec<Country>,
    country_index: HashMap<String, usize>,
    /// Keys of city names that are also ordinary English words.
    common: HashSet<String>,
    /// Keys of city names that are also common first names or surnames.
    person_names: HashSet<String>,
    /// Keys that look like places but are never returned (continents, months).
    blocked: HashSet<String>,
    /// Keys of US county and parish names ("walker county") → the states that have one.
    counties: HashMap<String, Vec<&'static str>>,
    /// Neighbourhoods and boroughs of large cities (sites listed with "@City") → the city
    /// entries whose naming makes them eligible.
    quarters: HashMap<u32, Vec<u32>>,
    /// A reusable buffer for folding names while building.
    scratch: String,
}

const CITIES_ZST: &[u8] = include_bytes!("../data/cities.tsv.zst");
const COUNTRIES: &str = include_str!("../data/countries.tsv");
const COUNTRY_EXTRA: &str = include_str!("../data/country_extra.tsv");
const US_STATES: &str = include_str!("../data/us_states.tsv");
const US_COUNTIES: &str = include_str!("../data/us_counties.tsv");
const TOWNS: &str = include_str!("../data/towns.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");
const SITES: &str = include_str!("../data/sites.tsv");
const ABBREVIATIONS: &str = include_str!("../data/abbreviations.tsv");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");
const NOT_PLACES: &str = include_str!("../data/not_places.txt");
const PERSON_NAMES: &str = include_str!("../data/person_names.txt");

/// Countries count as this many times their population: a country's name is far more often
/// meant than a town's of the same name ("Jordan", "Lebanon").
const COUNTRY_FACTOR: f64 = 4.0;
const REGION_PRIOR: f64 = 3.0e6;
const SITE_PRIOR: f64 = 1.0e6;
/// A neighbourhood weighs as a town of this size: once its city is named it beats the small
/// towns elsewhere that share its name ("Chelsea" in a New York story), not the city itself.
const QUARTER_PRIOR: f64 = 1.0e5;
/// Rounds in which the senses chosen so far (their divisions and points) inform the next choice
/// (a second round changed nothing on the development sets).
const REFINEMENTS: usize = 1;

/// Bonus for a town whose first-level division (a US state, a province) the text names, or
/// where a county the text names lies.
const DIVISION_BONUS: f64 = 2.5;
/// Words after a region's name that still name the region ("Balochistan province").
const REGION_SUFFIXES: &[&str] = &["province", "region", "state", "governorate", "oblast", "district"];
/// Arabic articles that open a name ("Al Hasakah", "El Fasher").
const ARTICLES: &[&str] = &["al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "es"];
/// Lower-case words allowed inside a multi-word name ("Sistan and Baluchestan", "Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "and", "of", "de", "del", "da", "do", "dos", "la", "le", "el", "al", "the", "on", "upon", "e", "i", "y", "es",
    "ez", "az", "as", "ad", "an", "ash", "at", "ul", "en", "sur", "am", "im", "an", "der", "di",
];
/// Words before a name that say a place follows.
const LOCATIVE_CUES: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "of",
    "outside",
    "across",
    "around",
    "into",
    "toward",
    "towards",
    "via",
    "city",
    "town",
    "village",
    "province",
    "region",
    "capital",
    "between",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "downtown",
    "suburban",
    "through",
    "within",
    "and",
    "rural",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "neighbouring",
    "neighboring",
];
/// Capitalised words after a name that make the whole another place ("Jordan River", "Kerman Street").
const FEATURE_TAILS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "lane",
    "way",
    "county",
    "district",
    "subdistrict",
    "river",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "bay",
    "beach",
    "park",
    "bridge",
    "creek",
    "island",
    "islands",
    "peninsula",
    "harbor",
    "harbour",
    "square",
    "heights",
    "hills",
    "township",
    "parish",
    "canyon",
    "falls",
    "springs",
    "highway",
    "pike",
    "trail",
    "plaza",
];
/// Capitalised words after a name that make the whole a newspaper or a person ("Washington Post").
const NAME_TAILS: &[&str] =
    &["post", "times", "journal", "herald", "tribune", "gazette", "globe", "chronicle", "inquirer", "examiner"];
/// Titles before a capitalised word that make it a person's name.
const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "president",
    "minister",
    "judge",
    "rev",
    "father",
    "sheriff",
    "officer",
    "coach",
    "prof",
    "chief",
    "mayor",
    "sir",
    "lady",
    "lord",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sister",
    "brother",
    "uncle",
    "aunt",
];
/// Nouns after a name that make it a place modifying them ("Richmond police", "Mansfield officials").
const LOCAL_NOUNS: &[&str] = &[
    "police",
    "officials",
    "official",
    "residents",
    "resident",
    "man",
    "woman",
    "men",
    "women",
    "area",
    "city",
    "county",
    "council",
    "mayor",
    "school",
    "schools",
    "native",
    "family",
    "home",
    "officers",
    "firefighters",
    "community",
    "neighborhood",
    "neighbourhood",
    "teen",
    "boy",
    "girl",
    "couple",
    "businesses",
    "authorities",
    "airport",
    "hospital",
    "district",
    "region",
    "suburb",
    "campus",
    "mosque",
    "church",
    "market",
    "station",
    "attack",
    "bombing",
    "bomb",
    "bombs",
    "shooting",
    "blast",
    "attacker",
    "attackers",
    "gunman",
    "bomber",
    "court",
    "prison",
    "street",
    "streets",
];
/// Words after a place's name that make the two an event held or done there ("Boston
/// Marathon", "Oklahoma City bombing"): with them even a name that is also a word or a given
/// name is the place, when it does not open the sentence.
const EVENT_NOUNS: &[&str] = &[
    "marathon",
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "bomb",
    "bombs",
    "bomber",
    "bombers",
    "shooting",
    "shootings",
    "blast",
    "blasts",
    "explosion",
    "explosions",
    "massacre",
    "siege",
    "riots",
];
/// Words after a lone name that make it a person ("Jones said").
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "noted",
    "wrote",
    "asked",
    "stated",
    "testified",
    "recalled",
    "argued",
    "insisted",
    "replied",
    "who",
];

/// What a person has and a town does not, after a possessive ("Obama's two terms", "Bush's
/// administration", "Jones's wife").
const PERSONS_THINGS: &[&str] = &[
    "term",
    "terms",
    "presidency",
    "administration",
    "tenure",
    "wife",
    "husband",
    "son",
    "daughter",
    "father",
    "mother",
    "brother",
    "sister",
    "lawyer",
    "lawyers",
    "campaign",
    "cabinet",
    "predecessor",
    "successor",
];

/// Whether the word ending at `end` is a possessive ("'s", "’s") of a person's thing, past at
/// most one number or ordinal word ("two terms", "first term").
fn owns_a_persons_thing(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s ")) else {
        return false;
    };
    let words: Vec<String> =
        after.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(2).map(str::to_lowercase).collect();
    let counted = |w: &str| {
        matches!(w, "two" | "three" | "first" | "second" | "third" | "last" | "final" | "own" | "late" | "former")
    };
    match words.as_slice() {
        [w, ..] if PERSONS_THINGS.contains(&w.as_str()) => true,
        [n, w] => counted(n) && PERSONS_THINGS.contains(&w.as_str()),
        _ => false,
    }
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn data_lines(s: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    s.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

impl Gazetteer {
    /// The gazetteer built from the data shipped in this crate, compiled on first use.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load_builtin)
    }

    fn load_builtin() -> Gazetteer {
        // The archive is part of the binary; should it ever fail to inflate, the gazetteer
        // has no cities rather than stopping the run.
        let cities = zstd::bulk::decompress(CITIES_ZST, 16 << 20)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        // Built once per program (see `builtin`): the table lives as long as the gazetteer does.
        let cities: &'static str = Box::leak(cities.into_boxed_str());
        let mut g = Gazetteer {
            entries: Vec::with_capacity(70_000),
            index: NameIndex::default(),
            countries: Vec::new(),
            country_index: HashMap::new(),
            common: COMMON_WORDS.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            person_names: PERSON_NAMES.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            blocked: NOT_PLACES.lines().filter(|l| !l.starts_with('#')).map(key).filter(|k| !k.is_empty()).collect(),
            counties: data_lines(US_COUNTIES)
                .filter(|f| f.len() >= 2)
                .map(|f| (key(f[0]), f[1].split('|').filter(|s| !s.is_empty()).collect()))
                .collect(),
            quarters: HashMap::new(),
            scratch: String::new(),
        };
        g.load_countries(COUNTRIES, COUNTRY_EXTRA);
        g.load_cities(cities);
        g.load_towns(TOWNS, false);
        // Regions find their division codes through city names (and towns their other names'
        // cities): seal once before, once after.
        g.index.seal();
        g.load_towns(TOWNS, true);
        g.load_regions(REGIONS, US_STATES);
        g.load_sites(SITES);
        g.load_abbreviations(ABBREVIATIONS);
        g.index.seal();
        g
    }

    fn push(&mut self, entry: Entry) -> u32 {
        self.entries.push(entry);
        (self.entries.len() - 1) as u32
    }

    fn add_key(&mut self, name: &str, posting: Posting) {
        let mut k = std::mem::take(&mut self.scratch);
        key_into(name, &mut k);
        if !k.is_empty() {
            self.index.insert(&k, posting);
        }
        self.scratch = k;
    }

    fn add_name(&mut self, name: &str, entry: u32) {
        self.add_key(name, Posting { entry, alternate: false, demonym: false, qualifier_only: false });
    }

    fn load_countries(&mut self, base: &'static str, extra: &'static str) {
        // iso2, extra names (|), extra demonyms (|), optional "lat,lon" replacing the base point, English name
        let mut extras: HashMap<&str, Vec<&'static str>> = HashMap::new();
        for f in data_lines(extra) {
            extras.insert(f[0], f[1..].to_vec());
        }
        // iso2, name, lat, lon, names (|), demonyms (|), population
        for f in data_lines(base) {
            if f.len() < 7 {
                continue;
            }
            let ex = extras.remove(f[0]).unwrap_or_default();
            let point =
                ex.get(2).and_then(|p| p.split_once(',')).and_then(|(a, b)| Some((parse_f64(a)?, parse_f64(b)?)));
            let Some((lat, lon)) = point.or_else(|| Some((parse_f64(f[2])?, parse_f64(f[3])?))) else { continue };
            let iso2 = f[0];
            // The name English-language news uses, where the base data has another ("Türkiye" → "Turkey").
            let name = ex.get(3).copied().filter(|n| !n.trim().is_empty()).unwrap_or(f[1]);
            let population = parse_f64(f[6]).unwrap_or(0.0).max(1.0e5);
            let id = self.push(Entry {
                name,
                country: iso2,
                kind: PlaceKind::Country,
                lat,
                lon,
                weight: population * COUNTRY_FACTOR,
                admin1: "",
            });
            self.country_index.insert(iso2.to_string(), self.countries.len());
            self.countries.push(Country { iso2: iso2.to_string(), name: name.to_string(), lat, lon });
            self.add_name(name, id);
            self.add_name(f[1], id);
            let names = f[4].split('|').chain(ex.first().copied().unwrap_or("").split('|'));
            for alt in names.filter(|s| !s.is_empty()) {
                self.add_name(alt, id);
            }
            let dems = f[5].split('|').chain(ex.get(1).copied().unwrap_or("").split('|'));
            for dem in dems.filter(|s| !s.is_empty()) {
                let posting = Posting { entry: id, alternate: false, demonym: true, qualifier_only: false };
                self.add_key(dem, posting);
                // Plurals: "Iranians", "Afghans"; not for "British", "Chinese", "Swiss".
                if !dem.ends_with('s') && !dem.ends_with("sh") && !dem.ends_with("ch") && !dem.ends_with("ese") {
                    self.add_key(&format!("{dem}s"), posting);
                }
            }
        }
    }

    fn load_cities(&mut self, cities: &'static str) {
        // name, country, admin1, population, lat, lon, common flag, alternates (|)
        for line in cities.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[4]), parse_f64(f[5])) else { continue };
            let pop = parse_f64(f[3]).unwrap_or(0.0);
            let id = self.push(Entry {
                name: f[0],
                country: f[1],
                kind: PlaceKind::City,
                lat,
                lon,
                weight: pop.max(1.0),
                admin1: f[2],
            });
            self.add_name(f[0], id);
            for a in f[7].split('|').filter(|a| !a.is_empty()) {
                self.add_key(a, Posting { entry: id, alternate: true, demonym: false, qualifier_only: false });
            }
        }
    }

    /// Towns the city list lacks (`towns.tsv`): with `renamed` false, the new towns, as cities;
    /// with `renamed` true (once the index is sealed), the names of rows marked "=City", added
    /// to that city of the list, which has the town under another name.
    fn load_towns(&mut self, towns: &'static str, renamed: bool) {
        // name, country, admin1, lat, lon, population, aliases (|), "=City" (optional)
        for f in data_lines(towns) {
            if f.len() < 7 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[3]), parse_f64(f[4])) else { continue };
            let aliases = f[6].split('|').filter(|a| !a.is_empty());
            let id = match f.get(7).and_then(|c| c.trim().strip_prefix('=')) {
                None if !renamed => self.push(Entry {
                    name: f[0],
                    country: f[1],
                    kind: PlaceKind::City,
                    lat,
                    lon,
                    weight: parse_f64(f[5]).unwrap_or(0.0).max(1.0),
                    admin1: f[2],
                }),
                Some(city) if renamed => match self.city_entry(city, f[1]) {
                    Some(id) => id,
                    None => continue,
                },
                _ => continue,
            };
            for name in std::iter::once(f[0]).chain(aliases) {
                self.add_name(name, id);
            }
        }
    }

    /// The most populous city called `name` (by any of its names) in `country`.
    fn city_entry(&self, name: &str, country: &str) -> Option<u32> {
        let list = self.index.get(&key(name))?;
        list.iter()
            .map(|p| (p.entry, &self.entries[p.entry as usize]))
            .filter(|(_, e)| e.kind == PlaceKind::City && e.country == country)
            .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
            .map(|(id, _)| id)
    }

    /// The admin1 code of the most populous city called `name` in `country`.
    fn admin1_of_city(&self, name: &str, country: &str) -> Option<&'static str> {
        self.city_entry(name, country).map(|id| self.entries[id as usize].admin1)
    }

    fn load_regions(&mut self, regions: &'static str, us_states: &'static str) {
        for f in data_lines(us_states) {
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            // "Washington" alone is the capital far more often than the state ("Washington state").
            let weight = if f[0] == "Washington" { 1.0e5 } else { REGION_PRIOR };
            let id =
                self.push(Entry { name: f[0], country: "US", kind: PlaceKind::Region, lat, lon, weight, admin1: f[1] });
            self.add_name(f[0], id);
            self.add_name(&format!("{} state", f[0]), id);
        }
        // name, country, lat, lon, aliases (|), "@City" whose admin1 code the region shares
        let mut held: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
        for f in data_lines(regions) {
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            // a code belongs to one region: the first listed for it is the division ("England",
            // of London's code); one after it sharing the code lies inside it ("Kent", of
            // Maidstone's) and is placed in no division, or every English city would be in Kent
            let admin1 = f
                .get(5)
                .and_then(|a| a.trim().strip_prefix('@'))
                .and_then(|city| self.admin1_of_city(city, f[1]))
                .filter(|code| held.insert((f[1], *code)))
                .unwrap_or_default();
            let id = self.push(Entry {
                name: f[0],
                country: f[1],
                kind: PlaceKind::Region,
                lat,
                lon,
                weight: REGION_PRIOR,
                admin1,
            });
            let aliases: Vec<&str> =
                f.get(4).map(|s| s.split('|').filter(|a| !a.is_empty()).collect()).unwrap_or_default();
            for name in std::iter::once(f[0]).chain(aliases) {
                self.add_name(name, id);
                let k = key(name);
                // "Gedo" for "Gedo Region", "Delta" for "Delta State": the bare name is another
                // name of the region, unless a town of its country has it ("Ghazni" is the city,
                // "Ghazni province" the province)
                let bare = REGION_SUFFIXES.iter().find_map(|s| k.strip_suffix(s).and_then(|b| b.strip_suffix(' ')));
                if let Some(bare) = bare.filter(|b| !b.is_empty() && b.contains(|c: char| c.is_alphabetic())) {
                    if self.city_entry(bare, f[1]).is_none() {
                        let posting = Posting { entry: id, alternate: true, demonym: false, qualifier_only: false };
                        self.add_key(bare, posting);
                    }
                }
                if !REGION_SUFFIXES.iter().any(|s| k.ends_with(s)) {
                    for s in REGION_SUFFIXES {
                        self.add_name(&format!("{name} {s}"), id);
                    }
                }
            }
        }
    }

    fn load_sites(&mut self, sites: &'static str) {
        // name, country, lat, lon, aliases (|), "@City|Other" for a neighbourhood of those cities
        for f in data_lines(sites) {
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            let within = f.get(5).and_then(|a| a.trim().strip_prefix('@'));
            let cities: Vec<u32> = within
                .map(|list| list.split('|').filter_map(|city| self.city_entry(city, f[1])).collect())
                .unwrap_or_default();
            let admin1 = cities.first().map_or("", |&c| self.entries[c as usize].admin1);
            let id = self.push(Entry {
                name: f[0],
                country: f[1],
                kind: PlaceKind::Site,
                lat,
                lon,
                weight: if within.is_some() { QUARTER_PRIOR } else { SITE_PRIOR },
                admin1,
            });
            if within.is_some() {
                self.quarters.insert(id, cities);
            }
            self.add_name(f[0], id);
            for a in f.get(4).map(|s| s.split('|').collect::<Vec<_>>()).unwrap_or_default() {
                if !a.is_empty() {
                    self.add_name(a, id);
                }
            }
        }
    }

    fn load_abbreviations(&mut self, abbreviations: &'static str) {
        let regions: HashMap<(&str, &str), u32> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == PlaceKind::Region && !e.admin1.is_empty())
            .map(|(i, e)| ((e.country, e.admin1), i as u32))
            .collect();
        // abbreviation, country, admin1: the region with that code
        for f in data_lines(abbreviations) {
            if f.len() < 3 {
                continue;
            }
            if let Some(&t) = regions.get(&(f[1], f[2])) {
                self.add_key(f[0], Posting { entry: t, alternate: false, demonym: false, qualifier_only: true });
            }
        }
    }

    /// The country with this ISO 3166-1 alpha-2 code (either case).
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_index.get(&iso2.trim().to_ascii_uppercase()).map(|&i| &self.countries[i])
    }

    /// All countries, in ISO code order.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// How many names (keys) and entries the gazetteer holds.
    pub fn size(&self) -> (usize, usize) {
        (self.index.keys(), self.entries.len())
    }

    /// Places named in `text`, resolved, not overlapping, in text order.
    pub fn find_places(&self, text: &str) -> Vec<PlaceMatch> {
        let toks = tokens(text);
        // Spans of armed groups and organisations: "Hamas", "NATO", "Islamic State Khorasan Province".
        let groups: Vec<Span> = ActorBase::builtin()
            .find_actors(text)
            .into_iter()
            .filter(|m| m.kind != ActorKind::State)
            .map(|m| m.span)
            .collect();
        let mut raw = self.candidates(text, &toks);
        raw.retain(|c| {
            let (s, e) = (toks[c.first].start, toks[c.last - 1].end);
            !groups.iter().any(|g| g.start < e && s < g.end)
        });
        let cands = self.filter(text, &toks, raw);
        let counties = self.county_states(text, &toks);
        let found = self.resolve(text, &toks, cands, &counties);
        self.localities(text, &toks, &groups, found)
    }

    /// Localities of a comma chain ("Locality, Region, Country", "the village of X, Region",
    /// "X village in Region"): the name written right before a region or country (or before a
    /// town that is itself followed by one) lies in it. Where the gazetteer has that name only
    /// in other countries ("Kuda" of India before "Borno, Nigeria"), or has only part of it
    /// ("Ras" of "Ras al-Ain"), or lacks it ("Tchombangou, Tillaberi region"), the name is a
    /// town of the chain's country it does not know: kind city, the division of what follows
    /// it, no coordinates (unknown, not its region's). A trailing "village" or "town" is left
    /// out of the name, a "district" kept ("Waghaz district" is not the town Waghaz);
    /// neighbourhoods, areas and streets are not localities.
    fn localities(&self, text: &str, toks: &[Token], groups: &[Span], found: Vec<PlaceMatch>) -> Vec<PlaceMatch> {
        let mut out = found;
        let mut unknown = vec![false; out.len()];
        let mut k = out.len();
        while k > 0 {
            k -= 1;
            let q = out[k].clone();
            // "X, Nigeria's capital" is no chain
            let possessive = text[q.span.end..].starts_with("'s") || text[q.span.end..].starts_with("’s");
            let chained_town = q.place.kind == PlaceKind::City && {
                let after = text[q.span.end..].trim_start();
                after.starts_with(',') && out.get(k + 1).is_some_and(|n| text[q.span.end..n.span.start].trim() == ",")
            };
            let qualifies =
                matches!(q.place.kind, PlaceKind::Region | PlaceKind::Country) || unknown[k] || chained_town;
            if q.role != PlaceRole::Location || possessive || !qualifies {
                continue;
            }
            let before = text[..q.span.start].trim_end();
            let end = if let Some(b) = before.strip_suffix(',') {
                b.len()
            } else if let Some(b) = before.strip_suffix(" in").filter(|b| {
                let b = b.to_ascii_lowercase();
                b.ends_with(" village") || b.ends_with(" town")
            }) {
                b.len()
            } else {
                continue;
            };
            let Some(span) = name_before(text, toks, end) else { continue };
            if groups.iter().any(|g| g.start < span.end && span.start < g.end) {
                continue;
            }
            let inside: Vec<usize> =
                (0..k).filter(|&n| out[n].span.start < span.end && span.start < out[n].span.end).collect();
            if inside.iter().any(|&n| !span.contains(out[n].span)) {
                continue;
            }
            let lies_in = |p: &Place| p.country == q.place.country && p.kind != PlaceKind::Country;
            match inside.as_slice() {
                [n] if out[*n].span == span && lies_in(&out[*n].place) => continue,
                [n] if out[*n].place.kind == PlaceKind::Country || out[*n].role != PlaceRole::Location => continue,
                [] if sentence_start(text, toks, toks.partition_point(|t| t.start < span.start)) => continue,
                _ => {}
            }
            let at = inside.first().copied().unwrap_or_else(|| out.partition_point(|m| m.span.start < span.start));
            for &n in inside.iter().rev() {
                out.remove(n);
                unknown.remove(n);
            }
            let admin1 = if q.place.kind == PlaceKind::Country { None } else { q.place.admin1.clone() };
            let place = Place {
                name: text[span.start..span.end].to_string(),
                country: q.place.country.clone(),
                kind: PlaceKind::City,
                lat: None,
                lon: None,
                admin1,
            };
            out.insert(at, PlaceMatch { span, place, role: PlaceRole::Location });
            unknown.insert(at, true);
            k = at + 1;
        }
        out
    }

    /// The states of the US counties and parishes the text names ("Walker County" → AL, GA, TX),
    /// one list per mention. They are not returned as places (the gazetteer has no points for
    /// them) but say which state the story is in.
    fn county_states(&self, text: &str, toks: &[Token]) -> Vec<&[&'static str]> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for (n, t) in toks.iter().enumerate() {
            let w = &text[t.start..t.end];
            if !(t.capital && t.joined && (w == "County" || w == "Parish")) || n == 0 {
                continue;
            }
            // The longest run of up to three capitalised words before it that names a county.
            for len in (1..=3.min(n)).rev() {
                let run = &toks[n - len..=n];
                if !run.iter().all(|t| t.capital) || !run[1..].iter().all(|t| t.joined) {
                    continue;
                }
                buf.clear();
                key_of_into(text, run, &mut buf);
                if let Some(states) = self.counties.get(buf.as_str()) {
                    out.push(states.as_slice());
                    break;
                }
            }
        }
        out
    }

    /// Longest capitalised token runs that name something (blocked names consumed, not kept).
    fn candidates<'a>(&'a self, text: &str, toks: &[Token]) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].capital {
                i += 1;
                continue;
            }
            let mut found: Option<(usize, Option<&'a [Posting]>)> = None;
            let mut buf = String::new();
            let max = (i + 7).min(toks.len());
            let mut j = i + 1;
            while j <= max {
                if j > i + 1 && !toks[j - 1].joined {
                    break;
                }
                buf.clear();
                key_of_into(text, &toks[i..j], &mut buf);
                let k = buf.as_str();
                if self.blocked.contains(k) {
                    found = Some((j, None));
                } else if let Some(list) = self.index.get(k) {
                    // A longer run that is only an alternate name ("Dublin City") does not
                    // hide a shorter one that is a main name ("Dublin", of which there are several).
                    // Nor does an Arabic article that is a town's name too ("Al Hasakah", not "Al").
                    let only_alternate = list.iter().all(|p| p.alternate);
                    let article = |end: usize| end == i + 1 && ARTICLES.contains(&key_of(text, &toks[i..end]).as_str());
                    let have_main = found
                        .is_some_and(|(end, l)| !article(end) && l.is_some_and(|l| l.iter().any(|p| !p.alternate)));
                    if name_case_ok(text, &toks[i..j]) && !(only_alternate && have_main) {
                        found = Some((j, Some(list)));
                    }
                }
                j += 1;
            }
            match found {
                Some((j, Some(postings))) => {
                    out.push(Candidate { first: i, last: j, postings, key: key_of(text, &toks[i..j]) });
                    i = j;
                }
                Some((j, None)) => i = j,
                None => i += 1,
            }
        }
        out
    }

    fn is_strong(&self, postings: &[Posting]) -> bool {
        postings.iter().any(|p| {
            let e = &self.entries[p.entry as usize];
            // A neighbourhood's name is often a town's or a person's too ("Chelsea"): not strong.
            !p.alternate
                && !p.qualifier_only
                && !self.quarters.contains_key(&p.entry)
                && matches!(e.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::Site)
        })
    }

    fn is_place_word(&self, text: &str, tok: &[Token]) -> bool {
        self.index.get(&key_of(text, tok)).is_some_and(|ps| self.is_strong(ps))
    }

    /// Drops candidates that do not read as places where they stand.
    fn filter<'a>(&'a self, text: &str, toks: &[Token], cands: Vec<Candidate<'a>>) -> Vec<Candidate<'a>> {
        let word = |n: usize| text[toks[n].start..toks[n].end].to_ascii_lowercase();
        let gap = |a: usize, b: usize| text.get(toks[a].end..toks[b].start).unwrap_or("");
        // Words used as surnames in this text: "Michael Jackson" makes every lone "Jackson" a person.
        let mut persons: HashSet<String> = HashSet::new();
        for c in &cands {
            if c.last == c.first + 1 && !self.is_strong(c.postings) {
                if let Some(p) = c.first.checked_sub(1) {
                    // "Sunday.The Chelsea explosion": a sentence glued to the last one's end by
                    // a lost space; the word before the name is what follows the period.
                    let w = word(p).rsplit('.').next().unwrap_or_default().to_string();
                    let title_case = text[toks[p].start..toks[p].end].chars().skip(1).any(char::is_lowercase);
                    if toks[c.first].joined
                        && toks[p].capital
                        && title_case
                        && gap(p, c.first).trim().is_empty()
                        && !LOCATIVE_CUES.contains(&w.as_str())
                        && w != "the"
                        && !self.is_place_word(text, &toks[p..p + 1])
                    {
                        persons.insert(c.key.clone());
                    }
                }
            }
        }
        // "during Obama's two terms", "Bush's administration": a small town's name owning what only
        // a person has is that person, here and in its lone uses
        for c in &cands {
            if c.last == c.first + 1 && !self.is_strong(c.postings) && owns_a_persons_thing(text, toks[c.first].end) {
                let heaviest = c.postings.iter().map(|p| self.entries[p.entry as usize].weight).fold(0.0, f64::max);
                if heaviest < 3.0e5 {
                    persons.insert(c.key.clone());
                }
            }
        }
        // "Dzhokhar Tsarnaev ... Dzhokhar was found", "President Obama ... Obama is scheduled": a
        // small town's name that the text once writes as a given name before a surname, or after
        // a title, is that person in its lone uses too
        for c in &cands {
            if c.last != c.first + 1 || self.is_strong(c.postings) {
                continue;
            }
            let heaviest = c.postings.iter().map(|p| self.entries[p.entry as usize].weight).fold(0.0, f64::max);
            let titled = c
                .first
                .checked_sub(1)
                .is_some_and(|p| toks[c.first].joined && toks[p].capital && PERSON_TITLES.contains(&word(p).as_str()));
            // Only a two-word name: "Paranaque Regional Trial Court" is an institution's name.
            let after_surname = c.last + 1;
            let two_words = !(after_surname < toks.len() && toks[after_surname].joined && toks[after_surname].capital);
            if (titled && heaviest < 3.0e5) || (two_words && self.given_name_before_surname(text, toks, c)) {
                persons.insert(c.key.clone());
            }
        }
        // A locative word before token `i`: "in Most", but not the "of" of "Chamber of Commerce".
        let cue_before = |i: usize| {
            i.checked_sub(1).is_some_and(|p| {
                let w = word(p);
                LOCATIVE_CUES.contains(&w.as_str())
                    && !toks[p].capital
                    && !((w == "of" || w == "and") && p.checked_sub(1).is_some_and(|pp| toks[pp].capital))
            })
        };
        let mut out = Vec::with_capacity(cands.len());
        for c in cands {
            let (i, j) = (c.first, c.last);
            let strong = self.is_strong(c.postings);
            let country = c
                .postings
                .iter()
                .any(|p| !p.alternate && !p.demonym && self.entries[p.entry as usize].kind == PlaceKind::Country);
            let demonym_only = c.postings.iter().all(|p| p.demonym);
            let single = j == i + 1;
            let surface = &text[toks[i].start..toks[j - 1].end];
            let prev = i.checked_sub(1);
            let after_comma = prev.is_some_and(|p| gap(p, i).trim() == ",");
            if c.postings.iter().all(|p| p.qualifier_only) {
                // "Ky.", "W.Va.", "TX"; not "Ms." (a title) for MS.
                let dotted = (surface.contains('.') || text[toks[j - 1].end..].starts_with('.'))
                    && !PERSON_TITLES.contains(&surface.to_ascii_lowercase().as_str());
                if after_comma && (dotted || surface.len() >= 4 || surface.chars().all(|ch| ch.is_ascii_uppercase())) {
                    out.push(c);
                }
                continue;
            }
            // All-capital words of up to four letters are acronyms, rarely places ("US" is listed as a country name).
            if single && surface.len() <= 4 && surface.chars().all(|ch| ch.is_ascii_uppercase()) && !strong {
                continue;
            }
            if let Some(p) = prev {
                if toks[i].joined && PERSON_TITLES.contains(&word(p).as_str()) && !country {
                    continue;
                }
            }
            let next_capital = j < toks.len() && toks[j].joined && toks[j].capital;
            if !demonym_only && next_capital {
                let w = word(j);
                if (FEATURE_TAILS.contains(&w.as_str()) || NAME_TAILS.contains(&w.as_str())) && !country {
                    continue;
                }
            }
            if demonym_only {
                out.push(c);
                continue;
            }
            if self.given_name_before_surname(text, toks, &c) {
                continue;
            }
            if strong {
                out.push(c);
                continue;
            }
            // "Dara-e-Taimoor", "Khenig-Roum": a town's name glued by a hyphen to a capitalised
            // word that names no place is part of a longer name the gazetteer lacks
            let glued_before = prev.is_some_and(|p| {
                hyphen_only(gap(p, i)) && toks[p].capital && !self.is_place_word(text, &toks[p..p + 1])
            });
            let glued_after = j < toks.len() && hyphen_only(gap(j - 1, j)) && {
                let capital_after = |n: usize| n < toks.len() && toks[n].capital && hyphen_only(gap(n - 1, n));
                let next = if CONNECTORS.contains(&word(j).as_str()) && !toks[j].capital { j + 1 } else { j };
                (next == j && toks[j].capital || capital_after(next))
                    && !self.is_place_word(text, &toks[next..next + 1])
            };
            if single && (glued_before || glued_after) && !self.common.contains(&c.key) {
                continue;
            }
            if persons.contains(&c.key) {
                continue;
            }
            let heaviest = c
                .postings
                .iter()
                .filter(|p| !p.alternate)
                .map(|p| self.entries[p.entry as usize].weight)
                .fold(0.0, f64::max);
            // "Jones said" is a person; "Moscow said" a capital standing for its government.
            if single
                && heaviest < 3.0e5
                && j < toks.len()
                && SPEECH_VERBS.contains(&word(j).as_str())
                && gap(i, j).trim().is_empty()
            {
                continue;
            }
            // "Richmond police", "Mansfield officials", "Dublin City Council": a place modifying a local noun.
            let modifies = j < toks.len() && toks[j].joined && LOCAL_NOUNS.contains(&word(j).as_str());
            let followed_by_place = j < toks.len()
                && gap(j - 1, j).trim() == ","
                && self
                    .index
                    .get(&key_of(text, &toks[j..j + 1]))
                    .is_some_and(|ps| ps.iter().any(|p| p.qualifier_only || self.is_strong(std::slice::from_ref(p))));
            // "the Boston Marathon", "the Boston bombing": a capitalised name inside a sentence
            // that names an event held or done there is that place, even where the name is
            // also a word or a given name
            let names_event = j < toks.len()
                && toks[j].joined
                && EVENT_NOUNS.contains(&word(j).as_str())
                && !sentence_start(text, toks, i);
            // "to the Boston street", "a Boston hospital": inside a sentence, a capitalised
            // name before a lower-case noun of a town's streets, people or services is the town
            // ("Most residents" opens its sentence and stays a word)
            let names_local = modifies && !toks[j].capital && !sentence_start(text, toks, i);
            // "Wisconsin-Madison": a division's name joined by a hyphen places the town after it.
            let after_division = prev.is_some_and(|p| {
                hyphen_only(gap(p, i)) && (0..3.min(p + 1)).any(|back| self.is_place_word(text, &toks[p - back..=p]))
            });
            if single && self.common.contains(&c.key) {
                let big = heaviest >= 1.0e6 && !sentence_start(text, toks, i);
                if !(cue_before(i) || followed_by_place || big || names_event || names_local || after_division) {
                    continue;
                }
            }
            // "David", "Lincoln", "Scott": a town's name that is also a person's needs a cue.
            if single
                && self.person_names.contains(&c.key)
                && heaviest < 3.0e5
                && !(cue_before(i) || followed_by_place || modifies || names_event || after_division)
            {
                continue;
            }
            // A single capitalised word at a sentence start that is only an alternate name: too weak.
            if single && sentence_start(text, toks, i) && c.postings.iter().all(|p| p.alternate) {
                continue;
            }
            out.push(c);
        }
        out
    }

    /// "Dzhokhar Tsarnaev": a single word that is only a town's other name (and no strong
    /// place), followed by a surname (a capitalised word that names no place, no feature and no
    /// local noun), is a person's given name.
    fn given_name_before_surname(&self, text: &str, toks: &[Token], c: &Candidate<'_>) -> bool {
        let j = c.last;
        let single = j == c.first + 1;
        let next_capital = j < toks.len() && toks[j].joined && toks[j].capital;
        if !(single && next_capital && c.postings.iter().all(|p| p.alternate)) || self.is_strong(c.postings) {
            return false;
        }
        let heaviest_alt = c.postings.iter().map(|p| self.entries[p.entry as usize].weight).fold(0.0, f64::max);
        let next_is_place = self.index.get(&key_of(text, &toks[j..j + 1])).is_some();
        let w = text[toks[j].start..toks[j].end].to_ascii_lowercase();
        let tail = FEATURE_TAILS.contains(&w.as_str())
            || NAME_TAILS.contains(&w.as_str())
            || LOCAL_NOUNS.contains(&w.as_str());
        heaviest_alt < 1.0e6 && !next_is_place && !tail
    }

    fn resolve(
        &self,
        text: &str,
        toks: &[Token],
        cands: Vec<Candidate<'_>>,
        counties: &[&[&'static str]],
    ) -> Vec<PlaceMatch> {
        // Context: the countries and first-level divisions the text names without ambiguity.
        let mut countries: HashMap<&str, f64> = HashMap::new();
        let mut divisions: HashSet<(&str, &str)> = HashSet::new();
        let mut total: f64 = 0.0;
        for c in &cands {
            let entries: Vec<&Entry> = c.postings.iter().map(|p| &self.entries[p.entry as usize]).collect();
            let distinct: HashSet<&str> = entries.iter().map(|e| e.country).collect();
            if distinct.len() == 1 {
                if let Some(cc) = distinct.into_iter().next() {
                    *countries.entry(cc).or_default() += 1.0;
                    total += 1.0;
                }
            }
            if entries.len() == 1 && !entries[0].admin1.is_empty() && entries[0].kind != PlaceKind::Country {
                divisions.insert((entries[0].country, entries[0].admin1));
            }
        }
        // A county places the story in the states that have a county of that name: even a common
        // one ("Walker County": Alabama, Georgia or Texas) rules out most states.
        for states in counties {
            // And any county is a mention of the United States.
            *countries.entry("US").or_default() += 1.0;
            total += 1.0;
            for state in states.iter() {
                divisions.insert(("US", state));
            }
        }
        let qualifiers = self.qualifiers(text, toks, &cands);
        // Every sense of every name in the text: a neighbourhood is eligible once its city is among them.
        let named: HashSet<u32> = cands.iter().flat_map(|c| c.postings.iter()).map(|p| p.entry).collect();
        let ctx = Context { countries, total, points: Vec::new(), named };
        let qual = |n: usize| Near {
            qualifier: qualifiers.get(n).copied().flatten().map(|q| &cands[q]),
            qualified: [n.checked_sub(1), Some(n + 1)]
                .into_iter()
                .flatten()
                .find(|&m| qualifiers.get(m) == Some(&Some(n)))
                .map(|m| &cands[m]),
        };
        // One sense per text: what a qualified mention resolved to holds for the same name elsewhere.
        let mut sense: HashMap<&str, u32> = HashMap::new();
        for (n, c) in cands.iter().enumerate() {
            if let Some(q) = qualifiers[n] {
                let near = Near { qualifier: Some(&cands[q]), qualified: None };
                if let Some(p) = self.best(c, near, &ctx, &divisions, None) {
                    if self.fits(&self.entries[p.entry as usize], &cands[q]) {
                        sense.insert(c.key.as_str(), p.entry);
                    }
                }
            }
        }
        // Second pass: the divisions the first pass settled on become context too
        // ("Paris and Henry County" beside "Tennessee"; "London" beside "Ontario").
        let mut choice: Vec<Option<Posting>> = cands
            .iter()
            .enumerate()
            .map(|(n, c)| self.best(c, qual(n), &ctx, &divisions, sense.get(c.key.as_str()).copied()))
            .collect();
        let mut ctx = ctx;
        for _ in 0..REFINEMENTS {
            let mut settled = divisions.clone();
            ctx.points.clear();
            for (c, p) in cands.iter().zip(&choice) {
                let Some(p) = p else { continue };
                let e = &self.entries[p.entry as usize];
                if !e.admin1.is_empty() && matches!(e.kind, PlaceKind::Region | PlaceKind::City) {
                    settled.insert((e.country, e.admin1));
                }
                if matches!(e.kind, PlaceKind::City | PlaceKind::Site) && !p.demonym {
                    ctx.points.push(Point {
                        key: c.key.as_str(),
                        lat: e.lat,
                        lon: e.lon,
                        country: e.country,
                        admin1: e.admin1,
                    });
                }
            }
            choice = cands
                .iter()
                .enumerate()
                .map(|(n, c)| self.best(c, qual(n), &ctx, &settled, sense.get(c.key.as_str()).copied()))
                .collect();
        }
        // "Massachusetts-Dartmouth" where the gazetteer has no Dartmouth in Massachusetts: the town
        // is one it does not know, here and in the name's other mentions, not a namesake elsewhere.
        let unknown_towns: HashSet<&str> = (1..cands.len())
            .filter(|&n| qualifiers[n] == Some(n - 1))
            .filter(|&n| !cands[n].postings.iter().any(|p| self.fits(&self.entries[p.entry as usize], &cands[n - 1])))
            .map(|n| cands[n].key.as_str())
            .collect();
        let mut out = Vec::with_capacity(cands.len());
        for (n, (c, p)) in cands.iter().zip(choice).enumerate() {
            let Some(p) = p else { continue };
            let e = &self.entries[p.entry as usize];
            let qualified_here = qualifiers[n].is_some_and(|q| self.fits(e, &cands[q]));
            if unknown_towns.contains(c.key.as_str()) && !qualified_here {
                continue;
            }
            out.push(PlaceMatch {
                span: Span::new(toks[c.first].start, toks[c.last - 1].end),
                place: e.place(),
                role: if p.demonym { PlaceRole::Demonym } else { PlaceRole::Location },
            });
        }
        out
    }

    /// For each candidate, the index of the candidate that qualifies it: ", <country or division>"
    /// right after, or a division joined before it by a hyphen or "at" (see `prefix_qualifier`).
    fn qualifiers(&self, text: &str, toks: &[Token], cands: &[Candidate<'_>]) -> Vec<Option<usize>> {
        (0..cands.len())
            .map(|n| {
                let after = cands.get(n + 1).and_then(|q| {
                    let c = &cands[n];
                    let comma = text.get(toks[c.last - 1].end..toks[q.first].start).is_some_and(|g| g.trim() == ",");
                    (q.first == c.last && comma).then_some(n + 1)
                });
                after.or_else(|| self.prefix_qualifier(text, toks, cands, n).then(|| n - 1))
            })
            .collect()
    }

    /// Whether candidate `n`, a town's name, is qualified by the division named just before it:
    /// "the University of Massachusetts-Dartmouth", "Wisconsin–Madison", "the University of
    /// California at Berkeley" say "Dartmouth, Massachusetts" as a comma would. The division must
    /// be the main sense of its name ("New York" is first the city, so "New York-Boston" is a
    /// route), and the town a name with no wider sense ("Israel-Gaza" is a pair).
    fn prefix_qualifier(&self, text: &str, toks: &[Token], cands: &[Candidate<'_>], n: usize) -> bool {
        let (Some(q), Some(c)) = (n.checked_sub(1).map(|m| &cands[m]), cands.get(n)) else { return false };
        let word = |t: usize| text[toks[t].start..toks[t].end].to_ascii_lowercase();
        let gap = text.get(toks[q.last - 1].end..toks[c.first].start).unwrap_or("");
        let hyphen = q.last == c.first && hyphen_only(gap);
        // "of California at Berkeley": the "at" of a campus, after the "of" of an institution.
        let campus = q.last + 1 == c.first
            && word(q.last) == "at"
            && q.first.checked_sub(1).is_some_and(|p| word(p) == "of" && !toks[p].capital);
        if !(hyphen || campus) {
            return false;
        }
        let town = c.postings.iter().all(|p| !p.demonym && self.entries[p.entry as usize].kind == PlaceKind::City);
        let heaviest = |kind: PlaceKind| {
            q.postings
                .iter()
                .filter(|p| !p.alternate && !p.demonym && self.entries[p.entry as usize].kind == kind)
                .map(|p| self.entries[p.entry as usize].weight)
                .fold(0.0, f64::max)
        };
        // Only a division whose towns the gazetteer knows ("Kashmir-Srinagar" names a region
        // without a division code: a road, not a qualified town).
        let division = q
            .postings
            .iter()
            .filter(|p| !p.alternate && !p.demonym)
            .map(|p| &self.entries[p.entry as usize])
            .filter(|e| e.kind == PlaceKind::Region && !e.admin1.is_empty())
            .map(|e| e.weight)
            .fold(0.0, f64::max);
        town && division > 0.0 && division >= heaviest(PlaceKind::City) && heaviest(PlaceKind::Country) == 0.0
    }

    /// Whether entry `e` lies in a place the qualifier `q` can name.
    fn fits(&self, e: &Entry, q: &Candidate<'_>) -> bool {
        q.postings.iter().any(|qp| self.encloses(qp, e))
    }

    /// Whether the place of qualifier posting `qp` contains entry `e` (a country its cities, a division its towns).
    fn encloses(&self, qp: &Posting, e: &Entry) -> bool {
        let qe = &self.entries[qp.entry as usize];
        qe.country == e.country
            && match qe.kind {
                PlaceKind::Country => e.kind != PlaceKind::Country,
                PlaceKind::Region => !qe.admin1.is_empty() && qe.admin1 == e.admin1 && e.kind == PlaceKind::City,
                _ => qp.qualifier_only && qe.admin1 == e.admin1 && e.kind == PlaceKind::City,
            }
    }

    /// The best-scoring posting of a candidate, `q` the candidate qualifying it (see the module documentation).
    fn best(
        &self,
        c: &Candidate<'_>,
        near: Near<'_, '_>,
        ctx: &Context<'_>,
        divisions: &HashSet<(&str, &str)>,
        chosen: Option<u32>,
    ) -> Option<Posting> {
        let names_own_region = |e: &Entry| {
            c.postings.iter().any(|o| {
                let oe = &self.entries[o.entry as usize];
                oe.kind == PlaceKind::Region && oe.country == e.country && oe.admin1 == e.admin1
            })
        };
        let score = |p: &Posting| {
            let e = &self.entries[p.entry as usize];
            let mut s = e.weight.ln();
            if let Some(n) = ctx.countries.get(e.country) {
                s += 2.5 + 4.0 * n / ctx.total.max(1.0);
            }
            let in_division = !e.admin1.is_empty() && divisions.contains(&(e.country, e.admin1));
            // A city does not win over its own region by lying in it ("Quebec" the province, not the city).
            // A neighbourhood lies in its city's division as the city does.
            let town = e.kind == PlaceKind::City || self.quarters.contains_key(&p.entry);
            if in_division && town && !names_own_region(e) {
                s += DIVISION_BONUS;
            }
            if p.alternate {
                s -= 2.5;
            }
            // Places in one story lie near each other ("Dublin" beside "Columbus" is Dublin, Ohio).
            if c.postings.len() > 1 && e.kind != PlaceKind::Country {
                let near = ctx
                    .points
                    .iter()
                    .filter(|pt| pt.key != c.key)
                    .map(|pt| {
                        // A region is near the places that lie in it, wherever its centre is ("Toronto" and "Ontario").
                        let inside = e.kind == PlaceKind::Region
                            && !e.admin1.is_empty()
                            && (pt.country, pt.admin1) == (e.country, e.admin1);
                        if inside {
                            0.0
                        } else {
                            km(e.lat, e.lon, pt.lat, pt.lon)
                        }
                    })
                    .fold(f64::INFINITY, f64::min);
                s += if near < 50.0 {
                    3.5
                } else if near < 150.0 {
                    2.5
                } else if near < 400.0 {
                    1.0
                } else {
                    0.0
                };
            }
            if near.qualifier.is_some_and(|q| self.fits(e, q)) {
                s += 10.0;
            }
            // A qualifier names the place that holds the name before it ("Toronto, Ontario" is the province).
            if near
                .qualified
                .is_some_and(|d| d.postings.iter().any(|dp| self.encloses(p, &self.entries[dp.entry as usize])))
            {
                s += 10.0;
            }
            if chosen == Some(p.entry) {
                s += 10.0;
            }
            s
        };
        // A neighbourhood ("Chelsea" of Manhattan) is a sense only where the text names its
        // city, or where the name means nothing but neighbourhoods.
        let eligible = |p: &Posting| {
            self.quarters.get(&p.entry).is_none_or(|cities| cities.iter().any(|city| ctx.named.contains(city)))
        };
        let only_quarters = c.postings.iter().all(|p| self.quarters.contains_key(&p.entry));
        let any_eligible = only_quarters && c.postings.iter().any(eligible);
        c.postings
            .iter()
            .filter(|p| !p.qualifier_only || near.qualifier.is_none())
            .filter(|p| eligible(p) || (only_quarters && !any_eligible))
            .map(|p| (score(p), *p))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
    }
}

/// What the whole text says that helps resolve each name.
struct Context<'a> {
    /// How many unambiguous mentions each country has.
    countries: HashMap<&'a str, f64>,
    total: f64,
    /// Where the other places of the text were put by the first pass.
    points: Vec<Point<'a>>,
    /// Entries any name of the text can mean.
    named: HashSet<u32>,
}

/// Where the first pass put one place of the text.
struct Point<'a> {
    key: &'a str,
    lat: f64,
    lon: f64,
    country: &'a str,
    admin1: &'a str,
}

/// The candidates around one: the one qualifying it after a comma, and the one it qualifies.
#[derive(Clone, Copy)]
struct Near<'a, 'b> {
    qualifier: Option<&'b Candidate<'a>>,
    qualified: Option<&'b Candidate<'a>>,
}

struct Candidate<'a> {
    first: usize,
    last: usize,
    postings: &'a [Posting],
    key: String,
}

/// Distance in kilometres between two points (equirectangular: close enough below 1,000 km).
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let x = (lon2 - lon1).to_radians() * ((lat1 + lat2) / 2.0).to_radians().cos();
    let y = (lat2 - lat1).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

/// The first and last words must be capitalised; lower-case words inside must be connectors
/// ("Sistan and Baluchestan") and a trailing one a region word ("Balochistan province").
fn name_case_ok(text: &str, toks: &[Token]) -> bool {
    let n = toks.len();
    toks.iter().enumerate().all(|(i, t)| {
        if t.capital || text[t.start..t.end].starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let w = text[t.start..t.end].to_ascii_lowercase();
        if i + 1 == n {
            REGION_SUFFIXES.contains(&w.as_str()) && n > 1
        } else {
            i > 0 && CONNECTORS.contains(&w.as_str())
        }
    })
}

/// The name written right before byte `end` ("Ras al-Ain", "the village of Tchombangou",
/// "Quitunda village", "Waghaz district"): up to five capitalised words joined by spaces,
/// hyphens and connectors, a trailing "village" or "town" left out, a trailing "district"
/// kept. None where the words before are no such name, or name a street, a feature or a
/// neighbourhood ("Al Khamseen Street", "Creggan neighbourhood").
fn name_before(text: &str, toks: &[Token], end: usize) -> Option<Span> {
    let word = |n: usize| text[toks[n].start..toks[n].end].to_ascii_lowercase();
    let mut last = toks.partition_point(|t| t.end <= end);
    if last == 0 || !text[toks[last - 1].end..end].trim().is_empty() {
        return None;
    }
    let mut span_end = toks[last - 1].end;
    match word(last - 1).as_str() {
        "village" | "town" => {
            last -= 1;
            span_end = toks.get(last.checked_sub(1)?)?.end;
        }
        "district" | "subdistrict" => last -= 1,
        _ => {}
    }
    let name_last = last.checked_sub(1)?;
    if !toks[name_last].capital {
        return None;
    }
    let w = word(name_last);
    if FEATURE_TAILS.contains(&w.as_str()) || NAME_TAILS.contains(&w.as_str()) {
        return None;
    }
    let mut first = name_last;
    while first > 0 && toks[first].joined && name_last - first < 5 {
        let p = first - 1;
        if toks[p].capital {
            first = p;
        } else if CONNECTORS.contains(&word(p).as_str()) && p > 0 && toks[p].joined && toks[p - 1].capital {
            first = p - 1;
        } else {
            break;
        }
    }
    Some(Span::new(toks[first].start, span_end))
}

/// Whether the bytes between two words are one hyphen or en dash ("Wisconsin-Madison", "Wisconsin–Madison").
fn hyphen_only(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2010}" | "\u{2011}" | "\u{2013}")
}

/// Whether token `i` begins a sentence (or the text, or a line).
fn sentence_start(text: &str, toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let before = text.get(toks[i - 1].end..toks[i].start).unwrap_or("");
    before.contains(['.', '!', '?', '\n', ':', '"', '“']) && !before.contains(',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(entry: u32) -> Posting {
        Posting { entry, alternate: false, demonym: false, qualifier_only: false }
    }

    #[test]
    fn the_name_index_finds_what_was_sealed_and_drops_repeats() {
        let mut index = NameIndex::default();
        index.insert("kerman", posting(1));
        index.insert("shiraz", posting(2));
        index.insert("kerman", posting(3));
        index.insert("kerman", posting(1));
        assert!(index.get("kerman").is_none(), "nothing is searchable before sealing");
        index.seal();
        let found: Vec<u32> = index.get("kerman").unwrap_or_default().iter().map(|p| p.entry).collect();
        assert_eq!(found, [1, 3]);
        assert!(index.get("tehran").is_none());
        assert_eq!(index.keys(), 2);
    }

    #[test]
    fn every_neighbourhood_lies_in_the_cities_it_names() {
        let g = Gazetteer::builtin();
        let mut quarters = 0;
        for f in data_lines(SITES) {
            let Some(list) = f.get(5).and_then(|a| a.trim().strip_prefix('@')) else { continue };
            quarters += 1;
            let (lat, lon) = (parse_f64(f[2]).unwrap_or(0.0), parse_f64(f[3]).unwrap_or(0.0));
            for city in list.split('|') {
                let Some(id) = g.city_entry(city, f[1]) else { panic!("{}: no city {city} in {}", f[0], f[1]) };
                let e = &g.entries[id as usize];
                let d = km(lat, lon, e.lat, e.lon);
                assert!(d < 25.0, "{} lies {d:.0} km from {city}", f[0]);
            }
        }
        assert!(quarters >= 30, "{quarters}");
        assert_eq!(g.quarters.len(), quarters);
    }

    #[test]
    fn every_region_capital_is_a_city_of_its_country() {
        let g = Gazetteer::builtin();
        for f in data_lines(REGIONS) {
            if let Some(city) = f.get(5).and_then(|a| a.trim().strip_prefix('@')) {
                assert!(g.admin1_of_city(city, f[1]).is_some_and(|a| !a.is_empty()), "{}: @{city}", f[0]);
            }
        }
    }

    #[test]
    fn every_town_lies_in_a_known_region_and_every_renamed_one_is_its_city() {
        let g = Gazetteer::builtin();
        let region = |country: &str, admin1: &str| {
            g.entries.iter().any(|e| e.kind == PlaceKind::Region && e.country == country && e.admin1 == admin1)
        };
        for f in data_lines(TOWNS) {
            assert!(region(f[1], f[2]), "{}: no region of {} with admin1 {}", f[0], f[1], f[2]);
            let (lat, lon) = (parse_f64(f[3]).unwrap_or(0.0), parse_f64(f[4]).unwrap_or(0.0));
            let id = match f.get(7).and_then(|c| c.trim().strip_prefix('=')) {
                Some(city) => g.city_entry(city, f[1]).unwrap_or_else(|| panic!("{}: no city {city}", f[0])),
                None => g.city_entry(f[0], f[1]).unwrap_or_else(|| panic!("{}: not loaded", f[0])),
            };
            let e = &g.entries[id as usize];
            assert_eq!(e.admin1, f[2], "{}", f[0]);
            let d = km(lat, lon, e.lat, e.lon);
            assert!(d < 5.0, "{} lies {d:.1} km from {}", f[0], e.name);
            assert_eq!(g.city_entry(f[0], f[1]), Some(id), "{} names its own city", f[0]);
        }
    }

    #[test]
    fn distances_are_close_enough_at_news_scales() {
        // Kerman to Shiraz is about 445 km.
        let d = km(30.283, 57.079, 29.610, 52.531);
        assert!((420.0..470.0).contains(&d), "{d}");
    }
}
