//! The gazetteer: countries, first-level regions, cities and well-known sites, and the
//! toponym finder that reads them out of an article.
//!
//! Recognition: every run of up to six words that starts with a capital letter is folded to a
//! key (see `text`) and looked up in one hash map built once from the data files; the longest
//! run that names something wins. Words that are also ordinary English words ("Most", "Bar")
//! need a locative cue ("in Most", "near Bar") or a following country or state name, and a
//! capitalised word glued to other capitalised words ("Michael Jackson", "Washington Post") is
//! taken as part of a longer name, not as a place.
//!
//! Resolution: among the entries a name can mean, the one with the highest score wins: the log
//! of its population (countries and regions get fixed priors), plus a bonus when its country
//! (or US state) is named elsewhere in the same text, plus a larger one when a country or state
//! name follows it directly ("Paris, Texas"), minus a penalty when the name is only one of the
//! place's alternate names.

use crate::text::{key, key_of, tokens, Token};
use annalist_model::{Place, PlaceKind, Span};
use std::collections::{HashMap, HashSet};
use std::io::Read;
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

#[derive(Debug, Clone)]
struct Entry {
    place: Place,
    /// Population for cities; a fixed prior for countries, regions and sites.
    weight: f64,
    /// First-level division code (GeoNames admin1; US: the state's postal code) for cities and US states.
    admin1: String,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    entry: u32,
    /// The key is one of the entry's alternate names, not its main one.
    alternate: bool,
    demonym: bool,
}

/// The places annalist knows, compiled once into a key → entries map.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: HashMap<String, Vec<Posting>>,
    countries: Vec<Country>,
    country_entry: HashMap<String, u32>,
    /// Keys of city names that are also ordinary English words.
    common: HashSet<String>,
}

const CITIES_GZ: &[u8] = include_bytes!("../data/cities.tsv.gz");
const COUNTRIES: &str = include_str!("../data/countries.tsv");
const COUNTRY_EXTRA: &str = include_str!("../data/country_extra.tsv");
const US_STATES: &str = include_str!("../data/us_states.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");
const SITES: &str = include_str!("../data/sites.tsv");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

const COUNTRY_PRIOR: f64 = 2.0e7;
const REGION_PRIOR: f64 = 3.0e6;
const SITE_PRIOR: f64 = 1.0e6;

/// Words after a region's name that still name the region ("Balochistan province").
const REGION_SUFFIXES: &[&str] = &["province", "region", "state", "governorate", "oblast", "district"];
/// Lower-case words allowed inside a multi-word name ("Sistan and Baluchestan", "Rio de Janeiro").
const CONNECTORS: &[&str] =
    &["and", "of", "de", "del", "da", "do", "dos", "la", "le", "el", "al", "the", "on", "upon", "e", "i", "y"];
/// Words before a name that say a place follows.
const LOCATIVE_CUES: &[&str] = &[
    "in", "at", "near", "from", "to", "of", "outside", "across", "around", "into", "toward", "towards", "via", "city",
    "town", "village", "province", "region", "capital", "between", "northern", "southern", "eastern", "western",
    "central", "downtown", "suburban", "through", "within", "and",
];
/// Capitalised words right after a place name that make it part of an organisation's or street's name.
const NAME_TAILS: &[&str] = &[
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
    "post",
    "times",
    "university",
    "college",
    "school",
    "high",
    "hospital",
    "church",
    "park",
    "bridge",
    "river",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "bay",
    "beach",
    "hotel",
    "center",
    "centre",
    "stadium",
    "company",
    "corporation",
    "inc",
    "club",
    "fc",
    "united",
    "city",
    "journal",
    "herald",
    "tribune",
    "news",
    "daily",
    "press",
    "gazette",
    "police",
    "department",
    "airport",
    "heights",
    "hills",
    "township",
    "parish",
    "square",
    "mall",
    "station",
    "creek",
    "island",
    "islands",
    "peninsula",
    "harbor",
    "harbour",
    "court",
    "hall",
];
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
    "saint",
    "st",
    "sheriff",
    "officer",
    "coach",
    "prof",
    "chief",
    "mayor",
];

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Gazetteer {
    /// The gazetteer built from the data shipped in this crate, compiled on first use.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load_builtin)
    }

    fn load_builtin() -> Gazetteer {
        let mut cities = String::new();
        // The archive is part of the binary; a failure here would be a build defect, and the
        // gazetteer then simply has no cities rather than stopping the run.
        if flate2::read::GzDecoder::new(CITIES_GZ).read_to_string(&mut cities).is_err() {
            cities.clear();
        }
        let mut g = Gazetteer {
            entries: Vec::with_capacity(70_000),
            index: HashMap::with_capacity(140_000),
            countries: Vec::new(),
            country_entry: HashMap::new(),
            common: COMMON_WORDS.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        };
        g.load_countries(COUNTRIES, COUNTRY_EXTRA);
        g.load_regions(REGIONS, US_STATES);
        g.load_sites(SITES);
        g.load_cities(&cities);
        g
    }

    fn push(&mut self, entry: Entry) -> u32 {
        self.entries.push(entry);
        (self.entries.len() - 1) as u32
    }

    fn add_key(&mut self, name: &str, entry: u32, alternate: bool, demonym: bool) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        let list = self.index.entry(k).or_default();
        if !list.iter().any(|p| p.entry == entry && p.demonym == demonym) {
            list.push(Posting { entry, alternate, demonym });
        }
    }

    fn load_countries(&mut self, base: &str, extra: &str) {
        let mut extra_names: HashMap<&str, (Vec<&str>, Vec<&str>)> = HashMap::new();
        for line in extra.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let e = extra_names.entry(f[0]).or_default();
            e.0.extend(f.get(1).into_iter().flat_map(|s| s.split('|')).filter(|s| !s.is_empty()));
            e.1.extend(f.get(2).into_iter().flat_map(|s| s.split('|')).filter(|s| !s.is_empty()));
        }
        for line in base.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            let iso2 = f[0].to_string();
            let name = f[1].to_string();
            let id = self.push(Entry {
                place: Place {
                    name: name.clone(),
                    country: iso2.clone(),
                    kind: PlaceKind::Country,
                    lat: Some(lat),
                    lon: Some(lon),
                },
                weight: COUNTRY_PRIOR,
                admin1: String::new(),
            });
            self.countries.push(Country { iso2: iso2.clone(), name: name.clone(), lat, lon });
            self.country_entry.insert(iso2.clone(), id);
            self.add_key(&name, id, false, false);
            let (more_names, more_dems) = extra_names.remove(iso2.as_str()).unwrap_or_default();
            for alt in f[4].split('|').chain(more_names).filter(|s| !s.is_empty()) {
                self.add_key(alt, id, false, false);
            }
            for dem in f[5].split('|').chain(more_dems).filter(|s| !s.is_empty()) {
                self.add_key(dem, id, false, true);
                // Plurals: "Iranians", "Afghans"; not for "British", "Chinese", "Swiss".
                if !dem.ends_with('s') && !dem.ends_with("sh") && !dem.ends_with("ch") && !dem.ends_with("ese") {
                    self.add_key(&format!("{dem}s"), id, false, true);
                }
            }
        }
    }

    fn country_weight(&self, iso2: &str) -> Option<u32> {
        self.country_entry.get(iso2).copied()
    }

    fn load_regions(&mut self, regions: &str, us_states: &str) {
        for line in us_states.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            // "Washington" alone is the capital far more often than the state ("Washington state").
            let weight = if f[0] == "Washington" { 1.0e5 } else { REGION_PRIOR };
            let id = self.push(Entry {
                place: Place {
                    name: f[0].into(),
                    country: "US".into(),
                    kind: PlaceKind::Region,
                    lat: Some(lat),
                    lon: Some(lon),
                },
                weight,
                admin1: f[1].into(),
            });
            self.add_key(f[0], id, false, false);
            self.add_key(&format!("{} state", f[0]), id, false, false);
        }
        // name, country, lat, lon, aliases (|), admin1 (optional)
        for line in regions.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            let id = self.push(Entry {
                place: Place {
                    name: f[0].into(),
                    country: f[1].into(),
                    kind: PlaceKind::Region,
                    lat: Some(lat),
                    lon: Some(lon),
                },
                weight: REGION_PRIOR,
                admin1: f.get(5).map(|s| s.trim().to_string()).unwrap_or_default(),
            });
            let aliases: Vec<&str> =
                f.get(4).map(|s| s.split('|').filter(|a| !a.is_empty()).collect()).unwrap_or_default();
            for name in std::iter::once(f[0]).chain(aliases) {
                self.add_key(name, id, false, false);
                let has_suffix = REGION_SUFFIXES.iter().any(|s| key(name).ends_with(s));
                if !has_suffix {
                    for s in REGION_SUFFIXES {
                        self.add_key(&format!("{name} {s}"), id, false, false);
                    }
                }
            }
        }
    }

    fn load_sites(&mut self, sites: &str) {
        // name, country, lat, lon, aliases (|)
        for line in sites.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[2]), parse_f64(f[3])) else { continue };
            let id = self.push(Entry {
                place: Place {
                    name: f[0].into(),
                    country: f[1].into(),
                    kind: PlaceKind::Site,
                    lat: Some(lat),
                    lon: Some(lon),
                },
                weight: SITE_PRIOR,
                admin1: String::new(),
            });
            self.add_key(f[0], id, false, false);
            for a in f.get(4).map(|s| s.split('|').collect::<Vec<_>>()).unwrap_or_default() {
                if !a.is_empty() {
                    self.add_key(a, id, false, false);
                }
            }
        }
    }

    fn load_cities(&mut self, cities: &str) {
        // name, country, admin1, population, lat, lon, common flag, alternates (|)
        for line in cities.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let (Some(lat), Some(lon)) = (parse_f64(f[4]), parse_f64(f[5])) else { continue };
            let pop = parse_f64(f[3]).unwrap_or(0.0);
            let id = self.push(Entry {
                place: Place {
                    name: f[0].into(),
                    country: f[1].into(),
                    kind: PlaceKind::City,
                    lat: Some(lat),
                    lon: Some(lon),
                },
                weight: pop.max(1.0),
                admin1: f[2].into(),
            });
            self.add_key(f[0], id, false, false);
            for a in f[7].split('|').filter(|a| !a.is_empty()) {
                self.add_key(a, id, true, false);
            }
        }
    }

    /// The country with this ISO 3166-1 alpha-2 code (either case).
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        let up = iso2.trim().to_ascii_uppercase();
        self.country_weight(&up).and_then(|_| self.countries.iter().find(|c| c.iso2 == up))
    }

    /// All countries, in ISO code order.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// How many names (keys) and entries the gazetteer holds.
    pub fn size(&self) -> (usize, usize) {
        (self.index.len(), self.entries.len())
    }

    /// Places named in `text`, resolved, not overlapping, in text order.
    pub fn find_places(&self, text: &str) -> Vec<PlaceMatch> {
        let toks = tokens(text);
        let cands = self.candidates(text, &toks);
        self.resolve(text, &toks, cands)
    }

    /// Longest capitalised token runs that name something, with the plausibility filters applied.
    fn candidates<'a>(&'a self, text: &str, toks: &[Token]) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].capital {
                i += 1;
                continue;
            }
            let mut found: Option<(usize, &'a Vec<Posting>)> = None;
            let max = (i + 7).min(toks.len());
            let mut j = i + 1;
            while j <= max {
                if j > i + 1 && !toks[j - 1].joined {
                    break;
                }
                let k = key_of(text, &toks[i..j]);
                if let Some(list) = self.index.get(&k) {
                    if name_case_ok(text, &toks[i..j]) {
                        found = Some((j, list));
                    }
                }
                j += 1;
            }
            match found {
                Some((j, postings)) => {
                    if self.plausible(text, toks, i, j, postings) {
                        out.push(Candidate { first: i, last: j, postings });
                    }
                    i = j;
                }
                None => i += 1,
            }
        }
        out
    }

    fn plausible(&self, text: &str, toks: &[Token], i: usize, j: usize, postings: &[Posting]) -> bool {
        let word = |n: usize| text[toks[n].start..toks[n].end].to_ascii_lowercase();
        let strong = postings.iter().any(|p| {
            let e = &self.entries[p.entry as usize];
            !p.alternate && matches!(e.place.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::Site)
        });
        let demonym_only = postings.iter().all(|p| p.demonym);
        let surface = &text[toks[i].start..toks[j - 1].end];
        // All-capital words of two or three letters are acronyms, rarely places ("US" is listed as a country name).
        if j == i + 1 && surface.len() <= 3 && surface.chars().all(|c| c.is_ascii_uppercase()) && !strong {
            return false;
        }
        let prev = i.checked_sub(1);
        // A capitalised word right before ("Michael Jackson"), unless it is a sentence-initial
        // function word ("In Kerman", "The Hague" is one name and matched whole).
        let glued_prev = prev.is_some_and(|p| {
            toks[i].joined && toks[p].capital && !LOCATIVE_CUES.contains(&word(p).as_str()) && word(p) != "the"
        });
        let glued_next = j < toks.len() && toks[j].joined && toks[j].capital;
        if let Some(p) = prev {
            if toks[i].joined && PERSON_TITLES.contains(&word(p).as_str()) && !strong {
                return false;
            }
        }
        let country =
            postings.iter().any(|p| !p.alternate && self.entries[p.entry as usize].place.kind == PlaceKind::Country);
        if !demonym_only
            && j < toks.len()
            && toks[j].joined
            && toks[j].capital
            && NAME_TAILS.contains(&word(j).as_str())
            && !country
        {
            return false;
        }
        if demonym_only {
            return true;
        }
        if (glued_prev || glued_next) && !strong {
            // "Michael Jackson", "Kerman Street", "Washington Post": part of a longer name.
            // A following place name is fine ("Kerman Iran" is rare, "Paris France" happens).
            let next_is_place = j < toks.len() && self.index.contains_key(&key_of(text, &toks[j..j + 1]));
            if glued_prev || !next_is_place {
                return false;
            }
        }
        let single = j == i + 1;
        let k = key_of(text, &toks[i..j]);
        if single && self.common.contains(&k) && !strong {
            let cue = prev.is_some_and(|p| LOCATIVE_CUES.contains(&word(p).as_str()));
            let followed_by_place = j < toks.len()
                && text.get(toks[j - 1].end..toks[j].start).is_some_and(|g| g.trim() == ",")
                && self.index.get(&key_of(text, &toks[j..j + 1])).is_some_and(|ps| {
                    ps.iter().any(|p| {
                        matches!(self.entries[p.entry as usize].place.kind, PlaceKind::Country | PlaceKind::Region)
                    })
                });
            let big = postings.iter().any(|p| !p.alternate && self.entries[p.entry as usize].weight >= 1.0e6);
            if !(cue || followed_by_place || (big && !sentence_start(text, toks, i))) {
                return false;
            }
        }
        // A capitalised word at a sentence start that is only an alternate name: too weak.
        if sentence_start(text, toks, i) && postings.iter().all(|p| p.alternate) {
            return false;
        }
        true
    }

    fn resolve(&self, text: &str, toks: &[Token], cands: Vec<Candidate<'_>>) -> Vec<PlaceMatch> {
        // Context: the countries and US states the text names without ambiguity.
        let mut countries: HashMap<&str, f64> = HashMap::new();
        let mut states: HashSet<&str> = HashSet::new();
        for c in &cands {
            let kinds: Vec<&Entry> = c.postings.iter().map(|p| &self.entries[p.entry as usize]).collect();
            let distinct: HashSet<&str> = kinds.iter().map(|e| e.place.country.as_str()).collect();
            if distinct.len() == 1 {
                if let Some(cc) = distinct.into_iter().next() {
                    *countries.entry(cc).or_default() += 1.0;
                }
            }
            for (p, e) in c.postings.iter().zip(&kinds) {
                if e.place.kind == PlaceKind::Country && !p.alternate {
                    *countries.entry(e.place.country.as_str()).or_default() += 1.0;
                }
                if e.place.kind == PlaceKind::Region && e.place.country == "US" && c.postings.len() == 1 {
                    states.insert(e.admin1.as_str());
                }
            }
        }
        let mut out = Vec::with_capacity(cands.len());
        for (n, c) in cands.iter().enumerate() {
            // "Paris, Texas" / "Kerman, Iran": the next candidate right after a comma qualifies this one.
            let qualifier = cands.get(n + 1).filter(|q| {
                q.first == c.last
                    && text.get(toks[c.last - 1].end..toks[q.first].start).is_some_and(|g| g.trim() == ",")
            });
            let mut best: Option<(f64, Posting)> = None;
            for p in c.postings.iter() {
                let e = &self.entries[p.entry as usize];
                let mut score = e.weight.ln();
                if let Some(w) = countries.get(e.place.country.as_str()) {
                    score += 2.0 + w.min(3.0) * 0.5;
                }
                if e.place.country == "US" && !e.admin1.is_empty() && states.contains(e.admin1.as_str()) {
                    score += 2.0;
                }
                if p.alternate {
                    score -= 2.5;
                }
                if let Some(q) = qualifier {
                    let fits = q.postings.iter().any(|qp| {
                        let qe = &self.entries[qp.entry as usize];
                        qe.place.country == e.place.country
                            && (qe.place.kind == PlaceKind::Country || qe.admin1.is_empty() || qe.admin1 == e.admin1)
                            && qe.place.kind != PlaceKind::City
                    });
                    if fits {
                        score += 8.0;
                    }
                }
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, *p));
                }
            }
            if let Some((_, p)) = best {
                let e = &self.entries[p.entry as usize];
                out.push(PlaceMatch {
                    span: Span::new(toks[c.first].start, toks[c.last - 1].end),
                    place: e.place.clone(),
                    role: if p.demonym { PlaceRole::Demonym } else { PlaceRole::Location },
                });
            }
        }
        out
    }
}

struct Candidate<'a> {
    first: usize,
    last: usize,
    postings: &'a [Posting],
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

/// Whether token `i` begins a sentence (or the text, or a line).
fn sentence_start(text: &str, toks: &[Token], i: usize) -> bool {
    let before = if i == 0 { &text[..toks[i].start] } else { &text[toks[i - 1].end..toks[i].start] };
    i == 0 || before.contains(['.', '!', '?', '\n', ':', '"', '“']) && !before.contains(',')
}
