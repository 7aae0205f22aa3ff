//! [`apply_reviews`]: the machine's fused incidents and the stored reviews in, the reviewed
//! ledger out. Reviews apply in the order they were made, each to the row it names now: the
//! row with the review's incident id, else the row holding most of the documents the incident
//! rested on when it was reviewed (more than half of them). A review that matches no row is
//! left unapplied (the audit page says so); a retracted review is skipped.

use crate::value::{set_value, value_of};
use crate::{Action, Review, ReviewState};
use annalist_model::{content_hash, Conflict, CountRange, EventType, Field, Incident};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Fuses the stored frames of the given documents alone (the machine's fusion, on a subset):
/// how a split finds the values its two parts rest on.
pub type Refuse<'a> = &'a dyn Fn(&[String]) -> Vec<Incident>;

/// The reviewed ledger: every row (rejected ones too, marked so) and what review changed on
/// each reviewed row, by incident id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewedLedger {
    pub incidents: Vec<Incident>,
    pub states: BTreeMap<String, ReviewState>,
}

/// The id of the incident a split makes: stable, since it comes from the review.
pub fn split_id(review: i64) -> String {
    format!("inc_{}", &content_hash(format!("split:{review}").as_bytes())[..12])
}

/// Applies `reviews` (in id order) to the machine's `incidents`; `refuse` fuses a subset of
/// documents for splits.
pub fn apply_reviews(incidents: Vec<Incident>, reviews: &[Review], refuse: Refuse) -> ReviewedLedger {
    let retracted: HashSet<i64> = reviews
        .iter()
        .filter_map(|r| match r.review.action {
            Action::Retract { review } => Some(review),
            _ => None,
        })
        .collect();
    let mut ledger = ReviewedLedger { incidents, states: BTreeMap::new() };
    let mut ordered: Vec<&Review> = reviews.iter().filter(|r| !retracted.contains(&r.id)).collect();
    ordered.sort_by_key(|r| r.id);
    for r in ordered {
        ledger.apply(r, refuse);
    }
    ledger.incidents.sort_by(|a, b| (a.date_start, &a.id).cmp(&(b.date_start, &b.id)));
    ledger
}

impl ReviewedLedger {
    /// The row a review of `id` (resting then on `sources`) means now.
    fn resolve(&self, id: &str, sources: &[String]) -> Option<usize> {
        if let Some(i) = self.incidents.iter().position(|inc| inc.id == id) {
            return Some(i);
        }
        let wanted: BTreeSet<&str> = sources.iter().map(String::as_str).collect();
        let mut best: Option<(usize, usize)> = None;
        for (i, inc) in self.incidents.iter().enumerate() {
            let shared = inc.sources.iter().filter(|s| wanted.contains(s.as_str())).count();
            if shared * 2 > wanted.len() && best.is_none_or(|(_, n)| shared > n) {
                best = Some((i, shared));
            }
        }
        best.map(|(i, _)| i)
    }

    fn state(&mut self, id: &str) -> &mut ReviewState {
        self.states.entry(id.to_string()).or_default()
    }

    fn apply(&mut self, r: &Review, refuse: Refuse) {
        let Some(i) = self.resolve(&r.review.incident, &r.review.sources) else { return };
        let id = self.incidents[i].id.clone();
        match &r.review.action {
            Action::Set { field, value } => {
                let machine = value_of(&self.incidents[i], *field);
                if set_value(&mut self.incidents[i], *field, value).is_err() {
                    return;
                }
                self.state(&id).machine.entry(field.as_str().to_string()).or_insert(machine);
            }
            Action::Reject { reason } => self.state(&id).rejected = Some(*reason),
            Action::Mark => self.state(&id).marked = true,
            Action::Merge { other, other_sources } => {
                let Some(j) = self.resolve(other, other_sources).filter(|&j| j != i) else { return };
                self.merge(i, j);
            }
            Action::Split { documents } => {
                if !self.split(i, documents, r.id, refuse) {
                    return;
                }
            }
            Action::Retract { .. } => return,
        }
        self.state(&id).reviews.push(r.id);
    }

    /// Row `j` joins row `i` (which keeps its id and, where both know one, its values).
    fn merge(&mut self, i: usize, j: usize) {
        let gone = self.incidents[j].clone();
        let merged = merged(&self.incidents[i], &gone);
        let id = merged.id.clone();
        self.incidents[i] = merged;
        self.incidents.remove(j);
        for inc in &mut self.incidents {
            for rel in &mut inc.related {
                if rel.id == gone.id {
                    rel.id = id.clone();
                }
            }
            let own = inc.id.clone();
            inc.related.retain(|rel| rel.id != own);
        }
        let absorbed = self.states.remove(&gone.id).unwrap_or_default();
        let state = self.state(&id);
        state.merged.push(gone.id);
        state.merged.extend(absorbed.merged);
        state.reviews.extend(absorbed.reviews);
        state.reviews.sort_unstable();
        for (field, machine) in absorbed.machine {
            state.machine.entry(field).or_insert(machine);
        }
        state.marked |= absorbed.marked;
    }

    /// `documents` leave row `i` into a new row; false when the split no longer applies
    /// (none of them is a source now, or all of them are).
    fn split(&mut self, i: usize, documents: &[String], review: i64, refuse: Refuse) -> bool {
        let whole = self.incidents[i].clone();
        let (moved, kept): (Vec<String>, Vec<String>) =
            whole.sources.iter().cloned().partition(|s| documents.contains(s));
        if moved.is_empty() || kept.is_empty() {
            return false;
        }
        let mut rest = part(&whole, &kept, refuse);
        rest.id = whole.id.clone();
        // values a person set on the row stay set on what remains of it
        if let Some(state) = self.states.get(&whole.id) {
            for field in state.machine.keys() {
                if let Ok(field) = crate::parse_field(field) {
                    let _ = set_value(&mut rest, field, &value_of(&whole, field));
                }
            }
        }
        let mut new = part(&whole, &moved, refuse);
        new.id = split_id(review);
        new.related.clear();
        self.states.insert(
            new.id.clone(),
            ReviewState { split_from: Some(whole.id.clone()), reviews: vec![review], ..Default::default() },
        );
        self.incidents[i] = rest;
        self.incidents.push(new);
        true
    }
}

/// What the `documents` of `whole` say of it alone: the machine's fusion of those documents'
/// frames (the incident among its results that shares most claims with `whole`), else `whole`
/// cut down to those documents' sources and claims.
fn part(whole: &Incident, documents: &[String], refuse: Refuse) -> Incident {
    let claim_keys: HashSet<(Field, &str, usize)> =
        whole.claims.iter().map(|c| (c.field, c.document.as_str(), c.start)).collect();
    let shared = |inc: &Incident| {
        inc.claims.iter().filter(|c| claim_keys.contains(&(c.field, c.document.as_str(), c.start))).count()
    };
    let fused = refuse(documents);
    let best = fused.into_iter().map(|inc| (shared(&inc), inc)).filter(|(n, _)| *n > 0).max_by_key(|(n, _)| *n);
    match best {
        Some((_, mut inc)) => {
            inc.sources.retain(|s| documents.contains(s));
            inc.claims.retain(|c| documents.contains(&c.document));
            inc
        }
        None => {
            let mut inc = whole.clone();
            inc.sources.retain(|s| documents.contains(s));
            inc.claims.retain(|c| documents.contains(&c.document));
            inc.independent_sources = inc.independent_sources.min(inc.sources.len()).max(1);
            inc
        }
    }
}

/// The range covering both counts (open when either is); the one known when only one is.
fn covering(a: Option<CountRange>, b: Option<CountRange>) -> Option<CountRange> {
    match (a, b) {
        (Some(a), Some(b)) => Some(CountRange {
            low: a.low.min(b.low),
            high: match (a.high, b.high) {
                (Some(x), Some(y)) => Some(x.max(y)),
                _ => None,
            },
        }),
        (a, b) => a.or(b),
    }
}

/// Two rows as one: `a`'s values where it knows them, else `b`'s; counts cover both (a
/// conflict says so when they differ); sources, claims, perpetrators and links of both.
fn merged(a: &Incident, b: &Incident) -> Incident {
    let mut m = a.clone();
    if m.event_type == EventType::Unknown {
        m.event_type = b.event_type;
    }
    if m.date_start.is_none() {
        (m.date_start, m.date_end) = (b.date_start, b.date_end);
    }
    m.country = m.country.or_else(|| b.country.clone());
    if m.place.is_none() {
        (m.place, m.lat, m.lon) = (b.place.clone(), b.lat, b.lon);
    }
    for p in &b.perpetrators {
        if !m.perpetrators.iter().any(|q| q.name == p.name) {
            m.perpetrators.push(p.clone());
        }
    }
    for (field, mine, theirs) in [(Field::Killed, a.killed, b.killed), (Field::Wounded, a.wounded, b.wounded)] {
        if let (Some(x), Some(y)) = (mine, theirs) {
            if x != y {
                m.conflicts.push(Conflict { field, note: format!("merged incidents said {x} and {y}") });
            }
        }
    }
    m.killed = covering(a.killed, b.killed);
    m.wounded = covering(a.wounded, b.wounded);
    m.suicide = m.suicide.or(b.suicide);
    m.attackers = m.attackers.or(b.attackers);
    m.weapon = m.weapon.or(b.weapon);
    m.target = m.target.or(b.target);
    let shared = a.sources.iter().filter(|s| b.sources.contains(s)).count();
    let sources: BTreeSet<String> = a.sources.iter().chain(&b.sources).cloned().collect();
    m.sources = sources.into_iter().collect();
    m.independent_sources =
        (a.independent_sources + b.independent_sources).saturating_sub(shared).max(a.independent_sources);
    m.claims.extend(b.claims.iter().cloned());
    m.claims.sort_by(|x, y| (x.field, &x.document, x.start).cmp(&(y.field, &y.document, y.start)));
    m.claims.dedup();
    m.conflicts.extend(b.conflicts.iter().cloned());
    m.related.extend(b.related.iter().filter(|r| r.id != a.id && !a.related.iter().any(|q| q.id == r.id)).cloned());
    m
}
