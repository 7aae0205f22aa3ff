//! The actor knowledge base: armed groups, states, state forces and organisations, with their
//! aliases, and the finder that reads them out of an article.
//!
//! Two Aho–Corasick automata are built once from `data/actors.json`: one for names and aliases,
//! matched without regard to ASCII case on a copy of the text in which typographic apostrophes
//! and dashes are made plain; one for acronyms ("IS", "ISKP", "US"), matched case-sensitively,
//! because "IS" and "us" are also ordinary words. Matches must start and end on word
//! boundaries; overlapping matches are settled leftmost-longest.
//!
//! Cost: building both automata takes a few milliseconds; a search is linear in the text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use annalist_model::Span;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of actor an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum ActorKind {
    /// A non-state armed group (ISKP, Hamas, Tehrik-e-Taliban Pakistan).
    ArmedGroup,
    /// A state or government ("Iran", "the United States").
    State,
    /// An armed force or security service of a state (IRGC, Quds Force).
    StateForce,
    /// Any other organisation (UN agencies, parties, NGOs).
    Organisation,
}

/// One actor of the knowledge base.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Stable id ("iskp").
    pub id: String,
    /// Canonical English name ("Islamic State Khorasan Province").
    pub name: String,
    pub kind: ActorKind,
    /// Every other name the actor is found by, acronyms included.
    pub aliases: Vec<String>,
    /// Id of the organisation it is a branch or province of.
    pub parent: Option<String>,
    /// ISO 3166-1 alpha-2 of the state it belongs to (state forces) or mainly operates in.
    pub country: Option<String>,
}

/// An actor named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch {
    pub span: Span,
    /// The actor's id.
    pub actor: String,
    /// The actor's canonical name.
    pub name: String,
    pub kind: ActorKind,
}

#[derive(Deserialize)]
struct RawActor {
    id: String,
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<String>,
    /// Matched case-sensitively.
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

/// The actors annalist knows, compiled once into two automata.
#[derive(Debug)]
pub struct ActorBase {
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    names: Option<AhoCorasick>,
    name_owner: Vec<usize>,
    /// Each name pattern as written in the data, for its capitals.
    name_case: Vec<String>,
    acronyms: Option<AhoCorasick>,
    acronym_owner: Vec<usize>,
}

const ACTORS_JSON: &str = include_str!("../data/actors.json");

/// Plain form of a character for matching: typographic apostrophes and dashes to ASCII.
fn plain(c: char) -> Option<char> {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => Some('\''),
        '–' | '—' | '‐' | '‑' | '‒' | '−' => Some('-'),
        '\u{a0}' => Some(' '),
        _ => None,
    }
}

/// The text with [`plain`] applied, and for each byte of it the byte offset in the original.
fn plain_text(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let d = plain(c).unwrap_or(c);
        for _ in 0..d.len_utf8() {
            map.push(i);
        }
        out.push(d);
    }
    map.push(text.len());
    (out, map)
}

fn plain_str(s: &str) -> String {
    s.chars().map(|c| plain(c).unwrap_or(c)).collect()
}

impl ActorBase {
    /// The actor base built from the data shipped in this crate, compiled on first use.
    pub fn builtin() -> &'static ActorBase {
        static B: OnceLock<ActorBase> = OnceLock::new();
        B.get_or_init(|| ActorBase::from_json(ACTORS_JSON).unwrap_or_else(|_| ActorBase::empty()))
    }

    fn empty() -> ActorBase {
        ActorBase {
            actors: Vec::new(),
            by_id: HashMap::new(),
            names: None,
            name_owner: Vec::new(),
            name_case: Vec::new(),
            acronyms: None,
            acronym_owner: Vec::new(),
        }
    }

    /// Builds a base from JSON in the format of `data/actors.json`.
    pub fn from_json(json: &str) -> Result<ActorBase, serde_json::Error> {
        let raw: Vec<RawActor> = serde_json::from_str(json)?;
        let mut base = ActorBase::empty();
        let mut names: Vec<String> = Vec::new();
        let mut acronyms: Vec<String> = Vec::new();
        let mut seen_name: HashMap<String, usize> = HashMap::new();
        let mut seen_acr: HashMap<String, usize> = HashMap::new();
        for r in raw {
            let idx = base.actors.len();
            if base.by_id.contains_key(&r.id) {
                continue;
            }
            for n in std::iter::once(&r.name).chain(&r.aliases) {
                let p = plain_str(n).to_ascii_lowercase();
                if p.trim().is_empty() {
                    continue;
                }
                match seen_name.get(&p) {
                    // The same name written twice ("Haqqani Network", "Haqqani network"): either capitals fit.
                    Some(&k) if base.name_owner[k] == idx => {
                        base.name_case[k] = lower_where_either(&base.name_case[k], n)
                    }
                    Some(_) => {}
                    None => {
                        seen_name.insert(p.clone(), names.len());
                        names.push(p);
                        base.name_owner.push(idx);
                        base.name_case.push(plain_str(n));
                    }
                }
            }
            for a in &r.acronyms {
                let p = plain_str(a);
                if !p.trim().is_empty() && !seen_acr.contains_key(&p) {
                    seen_acr.insert(p.clone(), idx);
                    acronyms.push(p);
                    base.acronym_owner.push(idx);
                }
            }
            let mut aliases = r.aliases;
            aliases.extend(r.acronyms);
            base.by_id.insert(r.id.clone(), idx);
            base.actors.push(Actor {
                id: r.id,
                name: r.name,
                kind: r.kind,
                aliases,
                parent: r.parent,
                country: r.country,
            });
        }
        base.names = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok();
        base.acronyms = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&acronyms).ok();
        Ok(base)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// All actors, in data order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor whose canonical name or alias is exactly `name` (case-insensitive), if any.
    pub fn lookup(&self, name: &str) -> Option<&Actor> {
        let found = self.find_actors(name);
        match found.as_slice() {
            [m] if m.span.start == 0 && m.span.end == name.len() => self.actor(&m.actor),
            _ => None,
        }
    }

    /// Actors named in `text`: not overlapping, in text order, the longest name winning.
    pub fn find_actors(&self, text: &str) -> Vec<ActorMatch> {
        let (plain, map) = plain_text(text);
        let bytes = plain.as_bytes();
        let boundary = |start: usize, end: usize| {
            let before = plain[..start].chars().next_back();
            let after = plain[end..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
        };
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(ac) = &self.names {
            for m in ac.find_overlapping_iter_safe(&plain) {
                if boundary(m.0, m.1) && capitals_fit(&plain[m.0..m.1], &self.name_case[m.2]) {
                    found.push((m.0, m.1, self.name_owner[m.2]));
                }
            }
        }
        if let Some(ac) = &self.acronyms {
            for m in ac.find_iter(&plain) {
                let (s, e) = (m.start(), m.end());
                if boundary(s, e) && !in_capitals_run(bytes, s, e) {
                    found.push((s, e, self.acronym_owner[m.pattern().as_usize()]));
                }
            }
        }
        // Leftmost, then longest; drop anything overlapping an earlier pick.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<ActorMatch> = Vec::new();
        let mut last_end = 0;
        for (s, e, idx) in found {
            if s < last_end {
                continue;
            }
            let a = &self.actors[idx];
            let (Some(&os), Some(&oe)) = (map.get(s), map.get(e)) else { continue };
            out.push(ActorMatch { span: Span::new(os, oe), actor: a.id.clone(), name: a.name.clone(), kind: a.kind });
            last_end = e;
        }
        out
    }
}

/// Whether the words the name capitalises are capitalised in the text too: "Islamic Group" is
/// a name, "an Islamic group" a description; "al-Qaeda" may be written "Al-Qaeda".
fn capitals_fit(found: &str, name: &str) -> bool {
    initials(found).zip(initials(name)).all(|(f, n)| !n.is_uppercase() || f.is_uppercase())
}

/// `a` with each character lower-cased where `b` has it in lower case (same letters, other capitals).
fn lower_where_either(a: &str, b: &str) -> String {
    let b = plain_str(b);
    if a.chars().count() != b.chars().count() {
        return a.to_string();
    }
    a.chars().zip(b.chars()).map(|(x, y)| if y.is_lowercase() { x.to_ascii_lowercase() } else { x }).collect()
}

/// The first character of each word of `s`.
fn initials(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split(|c: char| !c.is_alphanumeric()).filter_map(|w| w.chars().next())
}

/// Whether an acronym sits among other all-capital words ("THIS IS A TEST"), as in a shouted headline.
fn in_capitals_run(bytes: &[u8], start: usize, end: usize) -> bool {
    let word_before =
        bytes[..start].iter().rev().skip_while(|b| !b.is_ascii_alphabetic()).take_while(|b| b.is_ascii_alphabetic());
    let word_after =
        bytes[end..].iter().skip_while(|b| !b.is_ascii_alphabetic()).take_while(|b| b.is_ascii_alphabetic());
    let caps = |w: Vec<&u8>| w.len() >= 2 && w.iter().all(|b| b.is_ascii_uppercase());
    caps(word_before.collect()) && caps(word_after.collect())
}

/// Leftmost-longest non-overlapping search, restarted at every match start so that a shorter
/// name at an earlier offset does not hide nothing: returns (start, end, pattern) triples.
trait SafeIter {
    fn find_overlapping_iter_safe(&self, hay: &str) -> Vec<(usize, usize, usize)>;
}

impl SafeIter for AhoCorasick {
    fn find_overlapping_iter_safe(&self, hay: &str) -> Vec<(usize, usize, usize)> {
        // Leftmost-longest over the whole text; a match that fails the word-boundary test
        // ("isis" inside "crisis" is not possible here, but "hamas" inside "hamasite" is)
        // would otherwise hide a valid match starting inside it, so search again after each.
        let mut out = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let input = aho_corasick::Input::new(hay).range(at..);
            match self.find(input) {
                Some(m) => {
                    out.push((m.start(), m.end(), m.pattern().as_usize()));
                    // Continue from the next character after the match start.
                    let next = hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                    at = m.start() + next;
                }
                None => break,
            }
        }
        out
    }
}
