//! Fuse: turns the event frames of many articles into incidents — one per real-world event —
//! keeping every source's claim beside the reconciled value and marking where sources disagree.
//!
//! Not for: reading text (frames arrive with their evidence already cut), storage or output.
//! This crate is a pure function of its input frames: the same frames give the same incidents
//! with the same ids, whatever order other incidents were built in.
//!
//! How it works, in three steps:
//! 1. Coreference: frames are taken in the order their documents were first stored; each joins
//!    the most compatible open cluster or starts a new one. Compatible means: types that can
//!    name one event, no contradiction on country, date interval or place (two cities of one
//!    country, a city outside the named region), and at least one positive link: overlapping
//!    dates in one country, the same or a nested place below the country (site ⊂ city ⊂
//!    region), or, for an undated main report, an event of its publication week in its country.
//!    An article's undated main event is dated by its publication (the `REPORT_WINDOW_DAYS`
//!    before it), and the claim says so; against an event dated outside that week only the same
//!    named city or site links it (a later article about an earlier attack). A frame with no
//!    country is taken to be in its article's (the one its other frames name most), for
//!    linking only; with no country at all it links by a date only with a group in common.
//!    The same name for the event ("the Rolando bombing", `EventFrame::names`) links two reports
//!    whatever their weeks, with or without a country, where nothing else contradicts.
//!    Two cities within `URBAN_AREA_KM` are one urban area; a site outside a city is another
//!    scene, as another city is. The same country named on both
//!    sides is blocking's level, not a link; a place given by an untyped mention ("troops moved
//!    into Derry") neither links nor keeps another city out. An event the text tells of through
//!    its trial or anniversary (`EventFrame::recalled`) is not dated by its report's week. A
//!    frame linked to two clusters that nothing keeps apart (no frame of either contradicts the
//!    other) bridges them: they merge, their frames taken again in coreference order, so a
//!    report of Boston with no date and a report of 15 April with no city become one incident
//!    once a third names both.
//! 2. Reconciliation, field by field, over the claims of *independent* sources (a syndicated
//!    copy's claim counts once, with its original): type by majority; date by intersecting
//!    intervals (the narrowest when they contradict); the most specific place; perpetrators
//!    with their strongest status; casualties as the range across sources — low is the lowest
//!    credible low (the conservative rule ACLED uses), high the largest figure given, open only
//!    where an open figure ("more than 500") goes beyond every closed one; a later day's report
//!    that differs from the first is noted as a revision, and the range still spans them.
//! 3. Conflicts: disjoint casualty ranges, contradicting dates, places or types, and competing
//!    attributions (a claim against a blame) are recorded as data with a note saying how.
//!
//! Cost: coreference scores a frame only against the clusters of its country whose dates touch
//! its weeks (`Blocks`), plus the undated and country-less ones; a test holds it equal to a scan
//! of every cluster.

pub mod attribution;

use annalist_model::{
    content_hash, AttributionStatus, Claim, Conflict, CountRange, DateInterval, EventFrame, EventStatus, EventType,
    Evidenced, Field, Incident, Perpetrator, Place, PlaceKind, Related,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A frame with the facts about its document that fusion needs.
#[derive(Debug, Clone)]
pub struct SourcedFrame {
    pub frame: EventFrame,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// The document this one copies, if it is a syndicated copy.
    pub duplicate_of: Option<String>,
    /// Insertion order of the document: earlier documents anchor incident ids.
    pub seq: i64,
    /// The country the document's frames name most (`article_country` over all of them, not
    /// only those handed to one fuse call): where a frame with no place most likely happened.
    pub article_country: Option<String>,
}

impl SourcedFrame {
    /// The story family this frame's document belongs to (the original's id).
    fn family(&self) -> &str {
        self.duplicate_of.as_deref().unwrap_or(&self.frame.document)
    }
}

/// How many independent stories must tell of an event in passing, when none reports it, for it
/// to be a ledger row: two that recall one attack with its place and day corroborate each other
/// ("the 2022 attack on the Shah Cheragh shrine" in two reports of a later one); one alone is a
/// passing mention (a budget speech naming 9/11).
pub const MENTIONS_FOR_A_ROW: usize = 2;

/// Looks up a country's representative coordinates, for incidents with no finer place.
pub type CountryCentroid<'a> = &'a dyn Fn(&str) -> Option<(f64, f64)>;

/// Fuses frames into incidents. Frames that did not happen (planned, threatened, hypothetical,
/// negated) are left out; so are clusters that never learn their country or date, since an
/// incident nobody can place or date is not a ledger row, and clusters of unknown type with no
/// toll, no place below the country and only a month-or-coarser date (a passing mention).
pub fn fuse(frames: &[SourcedFrame], centroid: CountryCentroid) -> Vec<Incident> {
    fuse_with(frames, centroid, Coreference::Blocked)
}

/// How coreference finds a frame's candidate clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coreference {
    /// Only the clusters of the frame's country and weeks (`fuse` uses this).
    Blocked,
    /// Every cluster: the reference the blocked run equals, for benchmarks and tests.
    Scan,
}

/// `fuse` with the candidate search chosen; both give the same incidents.
pub fn fuse_with(frames: &[SourcedFrame], centroid: CountryCentroid, coreference: Coreference) -> Vec<Incident> {
    let mut order: Vec<&SourcedFrame> =
        frames.iter().filter(|f| matches!(f.frame.status, EventStatus::Happened | EventStatus::Foiled)).collect();
    order.sort_by(|a, b| order_key(a).cmp(&order_key(b)));

    let clusters = corefer(&order, coreference == Coreference::Blocked);
    let mut built: Vec<(Incident, &Cluster)> =
        clusters.iter().filter_map(|c| c.reconcile(centroid).map(|i| (i, c))).collect();
    // Ids are unique by construction (one anchor frame per cluster); should two anchors ever
    // hash alike, the later one gets a suffix rather than overwriting the earlier.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (inc, _) in &mut built {
        let base = inc.id.clone();
        let mut n = 2;
        while !seen.insert(inc.id.clone()) {
            inc.id = format!("{base}-{n}");
            n += 1;
        }
    }
    relate(&mut built);
    let mut incidents: Vec<Incident> = built.into_iter().map(|(i, _)| i).collect();
    incidents.sort_by(|a, b| (a.date_start, &a.id).cmp(&(b.date_start, &b.id)));
    incidents
}

/// The order coreference takes frames in: by document insertion, then by place in the text.
fn order_key(f: &SourcedFrame) -> (i64, usize, &str) {
    (f.seq, f.frame.trigger.start, f.frame.document.as_str())
}

/// Coreference: each frame, in order, joins the cluster it fits best (ties to the oldest) or
/// starts one. With `blocked`, only the clusters `Blocks` offers are scored; without, every
/// cluster is (the reference the blocked run must equal, kept for tests).
fn corefer<'a>(order: &[&'a SourcedFrame], blocked: bool) -> Vec<Cluster<'a>> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut blocks = Blocks::default();
    let mut candidates: Vec<usize> = Vec::new();
    // clusters merged into another one: left empty, never offered again
    let mut merged_away: BTreeSet<usize> = BTreeSet::new();
    for &f in order {
        candidates.clear();
        if blocked {
            blocks.candidates(f, clusters.len(), &mut candidates);
        } else {
            candidates.extend(0..clusters.len());
        }
        let linked: Vec<(f64, usize)> = candidates
            .iter()
            .filter(|&&i| !merged_away.contains(&i))
            .filter_map(|&i| match clusters[i].fit(f, f.article_country.as_deref()) {
                Fit::Linked(s) => Some((s, i)),
                _ => None,
            })
            .collect();
        let best = linked
            .iter()
            .copied()
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(b.1.cmp(&a.1)));
        let i = match best {
            Some((_, i)) => {
                clusters[i].add(f);
                // A frame tied to two clusters that nothing keeps apart bridges them: "the
                // April 15 attack" in the US, between a Boston bombing of 2013 and an attack of
                // that day with no city. They become one, kept under the older cluster.
                let mut i = i;
                for &(_, j) in &linked {
                    if j == i || merged_away.contains(&j) || !clusters[i].compatible(&clusters[j]) {
                        continue;
                    }
                    let (keep, gone) = (i.min(j), i.max(j));
                    clusters[keep] = clusters[keep].merged(&clusters[gone]);
                    clusters[gone].frames.clear();
                    merged_away.insert(gone);
                    i = keep;
                }
                i
            }
            None => {
                let mut c = Cluster::new(f);
                if c.country.is_none() {
                    c.inferred_country = f.article_country.clone();
                }
                clusters.push(c);
                clusters.len() - 1
            }
        };
        if blocked {
            blocks.file(i, &clusters[i]);
        }
    }
    clusters.retain(|c| !c.frames.is_empty());
    clusters
}

/// The country an article's frames name most, when one country leads alone: a frame of the
/// article with no place of its own ("on Saturday, the attack...") most likely happened
/// there. Callers compute it over all of a document's frames and put it on each
/// `SourcedFrame`. Fusion uses it only to link and keep apart, never as a claim: an incident's
/// country is always one a source named for it.
pub fn article_country<'a>(frames: impl IntoIterator<Item = &'a EventFrame>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in frames {
        if let Some(c) = &f.country {
            *counts.entry(c.value.as_str()).or_default() += 1;
        }
    }
    let top = counts.values().copied().max()?;
    let mut leaders = counts.iter().filter(|(_, n)| **n == top);
    let first = leaders.next()?;
    leaders.next().is_none().then(|| first.0.to_string())
}

/// Dates longer than this are not filed by week (a cluster dated "in 2019" would sit in 53
/// buckets); such clusters, and undated ones, are candidates for every frame of their country.
const LONG_DATE_DAYS: i64 = 62;

/// Where coreference looks for a frame's cluster. Affinity is none across two known countries
/// and across known dates more than a day apart, so offering only the clusters of the frame's
/// country whose dates touch the frame's weeks — plus every cluster without a country, and the
/// country's undated or loosely dated ones — changes nothing but the cost: O(frames × clusters
/// of one country and week) instead of O(frames × clusters).
#[derive(Default)]
struct Blocks {
    /// Clusters that do not know their country yet.
    stateless: BTreeSet<usize>,
    /// Per country, every cluster: for frames with no date or a long one.
    by_country: BTreeMap<String, Vec<usize>>,
    /// Per country, clusters with no date or a long one: for every frame of the country.
    loose: BTreeMap<String, Vec<usize>>,
    /// Per country and week, clusters whose date (widened by a day each side) touches it.
    weekly: BTreeMap<(String, i64), Vec<usize>>,
    /// What each cluster was last filed under.
    filed: BTreeMap<usize, Filing>,
}

/// A cluster's country, and the first and last week its date touches, if it is filed by week.
type Filing = (Option<String>, Option<(i64, i64)>);

fn week_of(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d)).div_euclid(7)
}

impl Blocks {
    /// Puts the candidates for frame `f` into `out`, sorted and without repeats.
    /// A frame with no country of its own is blocked by its article's, which `Cluster::fit`
    /// takes for it (a cluster of another country contradicts it).
    fn candidates(&self, f: &SourcedFrame, n: usize, out: &mut Vec<usize>) {
        let fr = &f.frame;
        let Some(country) = fr.country.as_ref().map(|c| &c.value).or(f.article_country.as_ref()) else {
            out.extend(0..n);
            return;
        };
        out.extend(self.stateless.iter().copied());
        match fr.date.as_ref().map(|d| d.value).filter(|d| d.days() <= LONG_DATE_DAYS) {
            None => out.extend(self.by_country.get(country).into_iter().flatten().copied()),
            Some(d) => {
                out.extend(self.loose.get(country).into_iter().flatten().copied());
                for w in week_of(d.start)..=week_of(d.end) {
                    out.extend(self.weekly.get(&(country.clone(), w)).into_iter().flatten().copied());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Files cluster `i` (new or just grown) under its country and weeks. Entries it had are
    /// left where they are: a stale entry only offers a candidate that scores nothing.
    fn file(&mut self, i: usize, c: &Cluster) {
        let weeks = c
            .date
            .filter(|d| d.days() <= LONG_DATE_DAYS)
            .map(|d| (week_of(d.start - chrono::Duration::days(1)), week_of(d.end + chrono::Duration::days(1))));
        let now = (c.country.clone(), weeks);
        let before = self.filed.get(&i);
        if before == Some(&now) {
            return;
        }
        let country_before = before.and_then(|b| b.0.clone());
        let weeks_before = before.and_then(|b| b.1);
        match &c.country {
            None => {
                self.stateless.insert(i);
            }
            Some(country) => {
                self.stateless.remove(&i);
                if country_before.as_ref() != Some(country) {
                    self.by_country.entry(country.clone()).or_default().push(i);
                }
                match weeks {
                    None => {
                        if country_before.as_ref() != Some(country) || weeks_before.is_some() {
                            self.loose.entry(country.clone()).or_default().push(i);
                        }
                    }
                    Some((from, to)) => {
                        for w in from..=to {
                            let list = self.weekly.entry((country.clone(), w)).or_default();
                            if list.last() != Some(&i) {
                                list.push(i);
                            }
                        }
                    }
                }
            }
        }
        self.filed.insert(i, now);
    }
}

/// How long after an attack arrests still count as its follow-up.
const FOLLOW_UP_DAYS: i64 = 60;

/// Links incidents of one series: the same perpetrator at the same place (two attacks on one
/// shrine), and arrests or foiled plots that follow an attack in the same country and are
/// reported by the same articles or tied to the same group.
fn relate(built: &mut [(Incident, &Cluster)]) {
    let named: Vec<BTreeSet<&str>> = built
        .iter()
        .map(|(inc, _)| {
            inc.perpetrators
                .iter()
                .filter(|p| !matches!(p.status, AttributionStatus::Alleged | AttributionStatus::Denied))
                .map(|p| p.name.as_str())
                .collect()
        })
        .collect();
    // Every link needs a perpetrator in common or a report in common, so only incidents that
    // share one are compared (not every pair of the ledger).
    let mut sharing: BTreeMap<(bool, &str), Vec<usize>> = BTreeMap::new();
    for (i, (inc, _)) in built.iter().enumerate() {
        for name in &named[i] {
            sharing.entry((true, name)).or_default().push(i);
        }
        for source in &inc.sources {
            sharing.entry((false, source.as_str())).or_default().push(i);
        }
    }
    let mut keys_of: Vec<Vec<(bool, &str)>> = vec![Vec::new(); built.len()];
    for (key, members) in &sharing {
        for &i in members {
            keys_of[i].push(*key);
        }
    }
    let mut links: Vec<(usize, Related)> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    for a in 0..built.len() {
        others.clear();
        for key in &keys_of[a] {
            others.extend(sharing[key].iter().copied().filter(|&b| b != a));
        }
        others.sort_unstable();
        others.dedup();
        for &b in &others {
            let (ia, ca) = (&built[a].0, built[a].1);
            let (ib, cb) = (&built[b].0, built[b].1);
            let shared: Vec<&str> = named[a].intersection(&named[b]).copied().collect();
            let same_place = ca.places.iter().filter(|p| p.kind != PlaceKind::Country).find(|p| {
                cb.places.iter().any(|q| {
                    q.kind != PlaceKind::Country && (same_name(&p.name, &q.name) || annalist_model::site_in_city(p, q))
                })
            });
            if let (false, Some(place)) = (shared.is_empty(), same_place) {
                links.push((
                    a,
                    Related { id: ib.id.clone(), relation: format!("also by {} at {}", shared.join(", "), place.name) },
                ));
            }
            let arrest_b = matches!(ib.event_type, EventType::Arrest | EventType::FoiledPlot);
            let attack_a = !matches!(ia.event_type, EventType::Arrest | EventType::FoiledPlot);
            if attack_a && arrest_b && ia.country == ib.country {
                let (Some(attack_day), Some(arrest_day)) = (ia.date_start, ib.date_end) else { continue };
                let after = (arrest_day - attack_day).num_days();
                let reported_together = ia.sources.iter().any(|s| ib.sources.contains(s));
                if (0..=FOLLOW_UP_DAYS).contains(&after) && (reported_together || !shared.is_empty()) {
                    links.push((a, Related { id: ib.id.clone(), relation: "arrests that followed the attack".into() }));
                    links.push((b, Related { id: ia.id.clone(), relation: "arrests after the attack".into() }));
                }
            }
        }
    }
    for (i, link) in links {
        let related = &mut built[i].0.related;
        if !related.iter().any(|r| r.id == link.id) {
            related.push(link);
        }
    }
    for (inc, _) in built.iter_mut() {
        inc.related.sort_by(|x, y| x.id.cmp(&y.id));
    }
}

/// Whether one place is a site and the other a city of its country that the site is not in
/// (farther than `SITE_IN_CITY_KM` from its centre, `annalist_model::site_in_city`): two
/// scenes, as two cities are.
fn site_far_from_city(a: &Place, b: &Place) -> bool {
    annalist_model::site_to_city_km(a, b).is_some_and(|d| d > annalist_model::SITE_IN_CITY_KM)
}

/// How close two cities' points must be for them to name one urban area. The gazetteer keeps
/// a borough and its city, or a town and the suburb grown into it, as two cities (Manhattan
/// and New York are 8 km apart); two towns of one country this close are one scene for a
/// report, not two places that keep two reports apart.
pub const URBAN_AREA_KM: f64 = 10.0;

/// Whether two cities of one country lie within `URBAN_AREA_KM` of each other.
fn one_urban_area(a: &Place, b: &Place) -> bool {
    match (a.kind, b.kind, a.lat, a.lon, b.lat, b.lon) {
        (PlaceKind::City, PlaceKind::City, Some(a1), Some(o1), Some(a2), Some(o2)) if a.country == b.country => {
            annalist_model::distance_km(a1, o1, a2, o2) <= URBAN_AREA_KM
        }
        _ => false,
    }
}

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    norm(a) == norm(b)
}

struct Cluster<'a> {
    frames: Vec<&'a SourcedFrame>,
    event_type: EventType,
    country: Option<String>,
    date: Option<DateInterval>,
    /// For a cluster no source dates: the days its undated main reports allow (see `reported`).
    reported: Option<DateInterval>,
    /// The places its frames give, each once (with `typed_places` and `place_frames`): a
    /// cluster of thousands of reports of one attack names a handful of places, and fitting a
    /// frame costs what the distinct places cost, not what the reports do.
    places: Vec<Place>,
    /// For a cluster no source gives a country: its first article's country (see
    /// `article_countries`), for linking only.
    inferred_country: Option<String>,
    /// For each of `places`, whether a frame of known type gave it: only such places keep
    /// another city out (an untyped aftermath mention, "troops moved into Derry", does not).
    typed_places: Vec<bool>,
    /// For each of `places`, how many frames gave it so.
    place_frames: Vec<usize>,
    /// The names its frames give the event ("Cafetería Rolando").
    names: Vec<String>,
    /// The groups its frames name as perpetrators, other than alleged or denied ones.
    groups: BTreeSet<&'a str>,
    /// Whether any of its frames' articles has a publication date.
    published: bool,
}

/// How many days before its publication an article's undated main event is taken to have
/// happened. News reports an attack the day it happens or the next ("a bomb exploded in a
/// market, killing 12"); a week bounds the stragglers (a weekly's round-up) while keeping two
/// reports of the same kind of attack at one place a fortnight apart as two incidents.
pub const REPORT_WINDOW_DAYS: i64 = 7;

/// The days an undated frame can have happened on, when it is its article's main event and the
/// article has a publication date: the `REPORT_WINDOW_DAYS` up to and including that date.
/// Background events ("since the 2015 attacks") get none: an article is not about them; nor
/// do events it tells of through their trial or anniversary (`EventFrame::recalled`), which
/// happened some time before it.
fn reported(f: &SourcedFrame) -> Option<DateInterval> {
    if f.frame.date.is_some() || !f.frame.main || f.frame.recalled {
        return None;
    }
    let end = f.published?;
    Some(DateInterval {
        start: end - chrono::Duration::days(REPORT_WINDOW_DAYS),
        end,
        precision: annalist_model::DatePrecision::Week,
    })
}

/// How a frame stands to a cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fit {
    /// Something the two say cannot both be true: another country, type, day, city or window.
    Contradicts,
    /// Nothing contradicts, but nothing ties them either.
    Unlinked,
    /// Tied, with how strongly.
    Linked(f64),
}

impl<'a> Cluster<'a> {
    fn new(f: &'a SourcedFrame) -> Cluster<'a> {
        let mut c = Cluster {
            frames: Vec::new(),
            event_type: EventType::Unknown,
            country: None,
            date: None,
            reported: None,
            places: vec![],
            inferred_country: None,
            typed_places: vec![],
            place_frames: vec![],
            names: vec![],
            groups: BTreeSet::new(),
            published: false,
        };
        c.add(f);
        c
    }

    fn add(&mut self, f: &'a SourcedFrame) {
        let fr = &f.frame;
        if self.event_type == EventType::Unknown {
            self.event_type = fr.event_type;
        }
        if self.country.is_none() {
            self.country = fr.country.as_ref().map(|c| c.value.clone());
        }
        if let Some(d) = &fr.date {
            self.date = Some(match self.date {
                None => d.value,
                Some(cur) => cur.intersect(&d.value).unwrap_or(if d.value.days() < cur.days() { d.value } else { cur }),
            });
        }
        if let Some(w) = reported(f) {
            self.reported = Some(match self.reported {
                None => w,
                Some(cur) => cur.intersect(&w).unwrap_or(cur),
            });
        }
        if let Some(p) = &fr.place {
            let typed = fr.event_type != EventType::Unknown;
            let seen = (0..self.places.len()).find(|&i| self.typed_places[i] == typed && self.places[i] == p.value);
            match seen {
                Some(i) => self.place_frames[i] += 1,
                None => {
                    self.places.push(p.value.clone());
                    self.typed_places.push(typed);
                    self.place_frames.push(1);
                }
            }
        }
        self.groups.extend(
            fr.perpetrators
                .iter()
                .filter(|p| !matches!(p.value.status, AttributionStatus::Alleged | AttributionStatus::Denied))
                .map(|p| p.value.name.as_str()),
        );
        self.published |= f.published.is_some();
        for n in &fr.names {
            if !self.names.contains(&n.value) {
                self.names.push(n.value.clone());
            }
        }
        self.frames.push(f);
    }

    /// Whether this cluster and `other` can be one event: of one kind, not in two countries, at
    /// no two dates or places, and no frame of either contradicting the other.
    fn compatible(&self, other: &Cluster) -> bool {
        if !self.event_type.can_name_one_event_with(other.event_type) {
            return false;
        }
        fn country<'c>(c: &'c Cluster) -> Option<&'c str> {
            c.country.as_deref().or(c.inferred_country.as_deref())
        }
        if let (Some(a), Some(b)) = (country(self), country(other)) {
            if a != b {
                return false;
            }
        }
        let fits = |c: &Cluster, frames: &[&SourcedFrame]| {
            frames.iter().all(|g| c.fit(g, g.article_country.as_deref()) != Fit::Contradicts)
        };
        fits(self, &other.frames) && fits(other, &self.frames)
    }

    /// This cluster with `other`'s frames, all taken again in the order coreference met them
    /// (so the earliest frame still anchors the incident's id).
    fn merged(&self, other: &Cluster<'a>) -> Cluster<'a> {
        let mut frames: Vec<&'a SourcedFrame> = self.frames.iter().chain(&other.frames).copied().collect();
        frames.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        let mut c = Cluster::new(frames[0]);
        if c.country.is_none() {
            c.inferred_country = frames[0].article_country.clone();
        }
        for f in &frames[1..] {
            c.add(f);
        }
        c
    }

    /// How well frame `fr` fits this cluster: linked (with a score), not linked, or
    /// contradicting it. `article_country` is the frame's article's country when the frame
    /// names none.
    fn fit(&self, f: &SourcedFrame, article_country: Option<&str>) -> Fit {
        let fr = &f.frame;
        if !self.event_type.can_name_one_event_with(fr.event_type) {
            return Fit::Contradicts;
        }
        // two undated reports, each its article's main event, published too far apart to be
        // about one attack (a dated source settles it either way, so dates win over windows)
        if let (None, Some(w), Some(fw)) = (&self.date, &self.reported, reported(f)) {
            if !w.overlaps(&fw, 0) {
                return Fit::Contradicts;
            }
        }
        // a frame or cluster with no country of its own is taken to be in its article's
        let ours = self.country.as_deref().or(self.inferred_country.as_deref());
        let theirs = fr.country.as_ref().map(|c| c.value.as_str()).or(article_country);
        if let (Some(c), Some(fc)) = (ours, theirs) {
            if c != fc {
                return Fit::Contradicts;
            }
        }
        let mut score = 0.0;
        let mut linked = false;
        let mut date_only_link = false;
        // both sides are in one country, so a date in common is an event of one country and time
        let located = ours.is_some() && theirs.is_some();
        if let (Some(d), Some(fd)) = (&self.date, &fr.date) {
            if !d.overlaps(&fd.value, 1) {
                return Fit::Contradicts;
            }
            let precise = fd.value.days() <= 7 && d.days() <= 7;
            // without a country on one side a date in common is a coincidence (a ledger holds
            // several attacks a day worldwide), unless the same group is named and the day
            // or week is the same (see below)
            linked = located;
            date_only_link = precise && !located;
            score += if precise { 2.0 } else { 1.0 };
        } else {
            // an undated main report and an event of its week in the same country: a weak link
            // (places, checked below, still keep two cities apart)
            let ours = self.date.or(self.reported);
            let theirs = fr.date.as_ref().map(|d| d.value).or_else(|| reported(f));
            let same_country = located;
            if let (Some(d), Some(fd), true) = (ours, theirs, same_country) {
                if d.overlaps(&fd, 0) && (self.reported.is_some() || reported(f).is_some()) {
                    linked = true;
                    score += 0.5;
                }
            }
        }
        // An undated main report dated by its publication week, against an event dated outside
        // that week (or the other way round): a report about an earlier attack that its text
        // does not date ("the trial of the Boston Marathon bombers"), or another attack. Only
        // the same named city or site says which; the same region, or a place nested in the
        // other (a city in a region), does not.
        let window_disagrees = match (self.date, self.reported, &fr.date, reported(f)) {
            (Some(d), _, None, Some(fw)) => !d.overlaps(&fw, 0),
            (None, Some(w), Some(fd), _) => !w.overlaps(&fd.value, 0),
            _ => false,
        };
        // A frame no date reaches (none in its text, no publication date: an undated document)
        // against a cluster some date reaches, or the other way round: the same place alone is
        // not the same event (a football "shootout" at Old Trafford is not the Manchester Arena
        // bombing); the same group or the same name still links them.
        let cluster_dated = self.date.is_some() || self.published;
        let frame_dated = fr.date.is_some() || f.published.is_some();
        let place_alone_links = cluster_dated == frame_dated;
        let mut place_link = false;
        if let Some(fp) = &fr.place {
            let fp = &fp.value;
            for ((p, &typed), &frames) in self.places.iter().zip(&self.typed_places).zip(&self.place_frames) {
                let frames = frames as f64;
                let below_country = p.kind != PlaceKind::Country && fp.kind != PlaceKind::Country;
                let same = same_name(&p.name, &fp.name);
                let city_or_site = fp.kind.specificity() >= PlaceKind::City.specificity();
                let nested = annalist_model::places_nested(p, fp) || one_urban_area(p, fp);
                let strong = if window_disagrees { same && city_or_site } else { same || nested };
                if below_country && strong {
                    score += 2.0 * frames;
                    place_link = place_link || self.event_type == fr.event_type || fr.event_type == EventType::Unknown;
                } else if same || (below_country && nested) {
                    // the same country named on both sides (blocking's level, not a link), or a
                    // nested place across a report's week and another date
                    score += 0.5 * frames;
                } else if !typed {
                    // an untyped mention's place neither links nor keeps out
                } else if p.kind == fp.kind && p.kind != PlaceKind::Country && p.country == fp.country {
                    // two different cities (or sites) of one country: two events
                    return Fit::Contradicts;
                } else if p.country == fp.country
                    && p.kind != PlaceKind::Country
                    && fp.kind != PlaceKind::Country
                    && p.admin1.is_some()
                    && fp.admin1.is_some()
                    && p.admin1 != fp.admin1
                {
                    // a city outside the region (Boston and Texas): two events
                    return Fit::Contradicts;
                } else if site_far_from_city(p, fp) {
                    // a site outside the city (an airbase 47 km from the capital)
                    return Fit::Contradicts;
                }
            }
        }
        let same_group = fr
            .perpetrators
            .iter()
            .filter(|p| !matches!(p.value.status, AttributionStatus::Alleged | AttributionStatus::Denied))
            .any(|p| self.groups.contains(p.value.name.as_str()));
        // an undated, unlocated report of the same kind of event in the same country by the same
        // group ("ISKP members planned a foiled attack in Kyrgyzstan in late December", with no
        // year to anchor it); without the group, a country and a type match half a newspaper
        let vague = fr.date.is_none() && fr.place.as_ref().is_none_or(|p| p.value.kind == PlaceKind::Country);
        if vague && same_group && fr.event_type != EventType::Unknown && fr.event_type == self.event_type {
            if let (Some(c), Some(fc)) = (&self.country, &fr.country) {
                linked = linked || *c == fc.value;
            }
        }
        if same_group {
            score += 1.0;
            linked = linked || date_only_link;
        }
        if place_link && (place_alone_links || same_group) {
            linked = true;
        }
        // the same name ("the Rolando bombing", "the Cafetería Rolando bombing"): one event,
        // however far apart its reports' weeks, and with or without a country on either side
        // (what the two say of countries, dates, places and kinds was checked above)
        if fr.names.iter().any(|n| self.names.iter().any(|m| annalist_model::event_names_match(&n.value, m))) {
            score += 2.0;
            linked = true;
        }
        if self.event_type == fr.event_type {
            score += 0.5;
        }
        if linked {
            Fit::Linked(score)
        } else {
            Fit::Unlinked
        }
    }

    /// Whether the cluster says more than "an attack somewhere in a country in some month or
    /// year": a type, a toll, or a place finer than the country. Less than that is a passing
    /// mention ("the group has targeted Iran in 2017"), kept as frames but not a ledger row;
    /// so is an event dated only to a span longer than a year without a toll or a perpetrator.
    fn says_enough(&self, date: &DateInterval) -> bool {
        let typed = self.event_type != EventType::Unknown;
        let toll = self.frames.iter().any(|f| f.frame.killed.is_some() || f.frame.wounded.is_some());
        let located = self.places.iter().any(|p| p.kind != PlaceKind::Country);
        let named = self.frames.iter().any(|f| !f.frame.perpetrators.is_empty());
        if date.days() > 366 {
            // "in the 1990s", "in the 17th century": history, unless it says who or how many
            return toll || named;
        }
        typed || toll || located || date.days() <= 31
    }

    fn reconcile(&self, centroid: CountryCentroid) -> Option<Incident> {
        let country = self.country.clone()?;
        let date = self.date.or(self.reported)?;
        if !self.says_enough(&date) {
            return None;
        }
        let anchor = self.frames[0];
        // One trigger can name several events ("attacks in October 2022 and August 2023"), so
        // the anchor frame's own date is part of its identity.
        let anchor_date = anchor.frame.date.as_ref().map(|d| render_interval(&d.value)).unwrap_or_default();
        let id = format!(
            "inc_{}",
            &content_hash(
                format!("{}:{}:{}", anchor.frame.document, anchor.frame.trigger.start, anchor_date).as_bytes()
            )[..12]
        );
        let mut claims = Vec::new();
        let mut conflicts = Vec::new();

        // type: majority of the typed frames, ties to the first seen
        let mut type_votes: BTreeMap<EventType, usize> = BTreeMap::new();
        for f in &self.frames {
            if f.frame.event_type != EventType::Unknown {
                *type_votes.entry(f.frame.event_type).or_default() += 1;
            }
            claims.push(claim(
                Field::Type,
                f.frame.event_type.as_str().to_string(),
                f,
                f.frame.sentence,
                f.frame.quote.clone(),
            ));
        }
        let event_type = type_votes
            .iter()
            .max_by_key(|(t, votes)| (**votes, std::cmp::Reverse(first_index(self, **t))))
            .map_or(EventType::Unknown, |(t, _)| *t);
        if type_votes.len() > 1 {
            let kinds: Vec<&str> = type_votes.keys().map(|t| t.as_str()).collect();
            conflicts.push(Conflict { field: Field::Type, note: format!("sources call it {}", kinds.join(" / ")) });
        }

        // date: the intersection kept while clustering; a note when sources contradict
        let mut contradicting = false;
        for f in &self.frames {
            if let Some(d) = &f.frame.date {
                claims.push(evidence_claim(Field::Date, render_interval(&d.value), f, d));
                if d.value.intersect(&date).is_none() {
                    contradicting = true;
                }
            }
        }
        if self.date.is_none() {
            // no source dates it: the claim says so, citing the main report's sentence
            for f in self.frames.iter().filter(|f| reported(f).is_some()) {
                let published = f.published.map(|d| d.to_string()).unwrap_or_default();
                let value = format!(
                    "{} (undated; reported {published}, taken as the {REPORT_WINDOW_DAYS} days before)",
                    render_interval(&date)
                );
                claims.push(claim(Field::Date, value, f, f.frame.sentence, f.frame.quote.clone()));
            }
        }
        if contradicting {
            conflicts.push(Conflict {
                field: Field::Date,
                note: "sources give dates that do not overlap; the narrowest is kept".into(),
            });
        }

        for f in &self.frames {
            if let Some(c) = &f.frame.country {
                claims.push(evidence_claim(Field::Country, c.value.clone(), f, c));
            }
        }

        // place: one an event of known type was read at (an untyped aftermath mention names
        // where troops went, not the scene), then the most specific level named, then the name
        // most sources use
        let mut place: Option<(bool, &Place)> = None;
        let mut place_votes: BTreeMap<String, usize> = BTreeMap::new();
        for f in &self.frames {
            if let Some(p) = &f.frame.place {
                if p.value.country != country {
                    continue;
                }
                claims.push(evidence_claim(Field::Place, p.value.name.clone(), f, p));
                *place_votes.entry(p.value.name.clone()).or_default() += 1;
            }
        }
        for (p, &typed) in self.places.iter().zip(&self.typed_places) {
            if p.country != country {
                continue;
            }
            let better = match place {
                None => true,
                Some((cur_typed, cur)) => {
                    (typed, p.kind.specificity(), place_votes.get(&p.name))
                        > (cur_typed, cur.kind.specificity(), place_votes.get(&cur.name))
                }
            };
            if better {
                place = Some((typed, p));
            }
        }
        let place = place.map(|(_, p)| p);
        let distinct_cities: BTreeSet<&str> =
            self.places.iter().filter(|p| p.kind == PlaceKind::City).map(|p| p.name.as_str()).collect();
        if distinct_cities.len() > 1 {
            let names: Vec<&str> = distinct_cities.into_iter().collect();
            conflicts.push(Conflict { field: Field::Place, note: format!("sources name {}", names.join(" / ")) });
        }
        let (lat, lon) = match place {
            Some(Place { lat: Some(lat), lon: Some(lon), .. }) => (Some(*lat), Some(*lon)),
            _ => centroid(&country).map_or((None, None), |(a, b)| (Some(a), Some(b))),
        };

        // perpetrators: the strongest status per actor, claimed first
        let mut actors: BTreeMap<String, (AttributionStatus, BTreeSet<&str>)> = BTreeMap::new();
        for f in &self.frames {
            for p in &f.frame.perpetrators {
                claims.push(evidence_claim(
                    Field::Perpetrator,
                    format!("{} ({})", p.value.name, p.value.status.as_str()),
                    f,
                    p,
                ));
                let e = actors.entry(p.value.name.clone()).or_insert((p.value.status, BTreeSet::new()));
                e.0 = e.0.min(p.value.status);
                e.1.insert(f.family());
            }
        }
        let mut perpetrators: Vec<(AttributionStatus, usize, String)> =
            actors.iter().map(|(name, (status, fams))| (*status, fams.len(), name.clone())).collect();
        perpetrators.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let claimed: Vec<&str> =
            perpetrators.iter().filter(|p| p.0 == AttributionStatus::Claimed).map(|p| p.2.as_str()).collect();
        let blamed: Vec<&str> =
            perpetrators.iter().filter(|p| p.0 == AttributionStatus::Alleged).map(|p| p.2.as_str()).collect();
        if !claimed.is_empty() && !blamed.is_empty() {
            conflicts.push(Conflict {
                field: Field::Perpetrator,
                note: format!(
                    "claimed by {}; others blamed {} (alleged, contradicted by the claim)",
                    claimed.join(", "),
                    blamed.join(", ")
                ),
            });
        }
        let perpetrators: Vec<Perpetrator> =
            perpetrators.into_iter().map(|(status, _, name)| Perpetrator { name, status }).collect();

        let killed = self.casualties(Field::Killed, |f| f.killed.as_ref(), &mut claims, &mut conflicts);
        let wounded = self.casualties(Field::Wounded, |f| f.wounded.as_ref(), &mut claims, &mut conflicts);
        let attackers_killed =
            self.casualties(Field::AttackersKilled, |f| f.attackers_killed.as_ref(), &mut claims, &mut conflicts);

        let mut suicide = None;
        for f in &self.frames {
            if let Some(s) = &f.frame.suicide {
                claims.push(evidence_claim(Field::Suicide, s.value.to_string(), f, s));
                suicide = Some(suicide.unwrap_or(false) || s.value);
            }
        }

        let mut attacker_votes: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
        for f in &self.frames {
            if let Some(a) = &f.frame.attackers {
                claims.push(evidence_claim(Field::Attackers, a.value.to_string(), f, a));
                attacker_votes.entry(a.value).or_default().insert(f.family());
            }
        }
        let attackers = attacker_votes.iter().max_by_key(|(n, fams)| (fams.len(), **n)).map(|(n, _)| *n);
        if attacker_votes.len() > 1 {
            let counts: Vec<String> = attacker_votes.keys().map(|n| n.to_string()).collect();
            conflicts.push(Conflict {
                field: Field::Attackers,
                note: format!("sources count {} attackers", counts.join(" / ")),
            });
        }

        let weapon = self.majority(Field::Weapon, |f| f.weapon.as_ref(), |w| w.as_str(), &mut claims);
        let target = self.majority(Field::Target, |f| f.target.as_ref(), |t| t.as_str(), &mut claims);
        // the names sources give the event: what ties a report that names it alone
        for f in &self.frames {
            for n in &f.frame.names {
                claims.push(evidence_claim(Field::Name, n.value.clone(), f, n));
            }
        }

        let sources: BTreeSet<&str> = self.frames.iter().map(|f| f.frame.document.as_str()).collect();
        let families: BTreeSet<&str> = self.frames.iter().map(|f| f.family()).collect();
        // the documents that tell of it only in passing; an event no source reports, told in
        // passing by one story alone, is a mention, not a ledger row
        let reporting: BTreeSet<&str> =
            self.frames.iter().filter(|f| f.frame.telling.is_reported()).map(|f| f.frame.document.as_str()).collect();
        let mentioned_in: Vec<String> =
            sources.iter().filter(|d| !reporting.contains(*d)).map(|d| d.to_string()).collect();
        if reporting.is_empty() && families.len() < MENTIONS_FOR_A_ROW {
            return None;
        }
        // who claimed, blamed, confirmed or denied, each statement once per document
        claims.extend(attribution::ledger(&self.frames));
        claims.sort_by(|a, b| (a.field, &a.document, a.start).cmp(&(b.field, &b.document, b.start)));
        claims.dedup();

        Some(Incident {
            id,
            event_type,
            date_start: Some(date.start),
            date_end: Some(date.end),
            country: Some(country),
            place: place.map(|p| p.name.clone()),
            lat,
            lon,
            perpetrators,
            killed,
            wounded,
            suicide,
            attackers,
            attackers_killed,
            weapon,
            target,
            sources: sources.into_iter().map(String::from).collect(),
            independent_sources: families.len(),
            claims,
            conflicts,
            related: Vec::new(),
            mentioned_in,
        })
    }

    /// The value most story families give for a categorical field (a syndicated copy votes
    /// with its original), ties to the smaller value; every source's value is kept as a claim.
    fn majority<T: Copy + Ord>(
        &self,
        field: Field,
        get: impl Fn(&EventFrame) -> Option<&Evidenced<T>>,
        name: impl Fn(&T) -> &'static str,
        claims: &mut Vec<Claim>,
    ) -> Option<T> {
        let mut votes: BTreeMap<T, BTreeSet<&str>> = BTreeMap::new();
        for f in &self.frames {
            if let Some(e) = get(&f.frame) {
                claims.push(evidence_claim(field, name(&e.value).to_string(), f, e));
                votes.entry(e.value).or_default().insert(f.family());
            }
        }
        votes.iter().max_by_key(|(v, fams)| (fams.len(), std::cmp::Reverse(**v))).map(|(v, _)| *v)
    }

    /// Reconciles a casualty field: one figure per story family (its largest low, as a later
    /// paragraph usually updates an earlier one), then the range across families — low the
    /// lowest family low, high the largest closed high, open only when an open figure's low
    /// lies above every closed high ("at least 22" beside 22 is 22–22; "more than 500" beside
    /// "about 500" stays open). Every figure stays a claim. Disjoint figures are noted as a
    /// conflict, and so is a revision: a family first publishing a day or more after the first
    /// reports with another figure (the wounded die, an estimate is corrected). The range still
    /// spans the revised figures, as the export contract's "range across sources" says; the
    /// note tells a coder which is the latest.
    fn casualties(
        &self,
        field: Field,
        get: impl Fn(&EventFrame) -> Option<&Evidenced<CountRange>>,
        claims: &mut Vec<Claim>,
        conflicts: &mut Vec<Conflict>,
    ) -> Option<CountRange> {
        let per_family = self.family_figures(field, &get, claims);
        let all: Vec<CountRange> = per_family.values().map(|(r, _)| *r).collect();
        if let Some(note) = disjoint_note(&per_family) {
            conflicts.push(Conflict { field, note });
        }
        if let Some(note) = revision_note(&per_family) {
            conflicts.push(Conflict { field, note });
        }
        span(&all)
    }

    /// Each story family's figure for a casualty field (its largest low) and the family's
    /// first publication day; every figure read is pushed as a claim.
    fn family_figures(
        &self,
        field: Field,
        get: &impl Fn(&EventFrame) -> Option<&Evidenced<CountRange>>,
        claims: &mut Vec<Claim>,
    ) -> BTreeMap<&str, (CountRange, Option<NaiveDate>)> {
        let mut per_family: BTreeMap<&str, (CountRange, Option<NaiveDate>)> = BTreeMap::new();
        for f in &self.frames {
            if let Some(c) = get(&f.frame) {
                claims.push(evidence_claim(field, c.value.to_string(), f, c));
                // a family is dated by its earliest publication: a copy reprinted a day later
                // is the same report, not a revision
                let e = per_family.entry(f.family()).or_insert((c.value, f.published));
                if c.value.low > e.0.low {
                    e.0 = c.value;
                }
                e.1 = match (e.1, f.published) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        per_family
    }
}

/// The range across the families' figures: the lowest low; the largest closed high, unless an
/// open figure starts above it (or every figure is open), when the range is open.
fn span(figures: &[CountRange]) -> Option<CountRange> {
    let low = figures.iter().map(|r| r.low).min()?;
    let closed_high = figures.iter().filter_map(|r| r.high).max();
    let open_above = figures.iter().filter(|r| r.high.is_none()).map(|r| r.low).max();
    let high = match (closed_high, open_above) {
        (Some(h), Some(open)) if open > h => None,
        (Some(h), _) => Some(h),
        (None, _) => None,
    };
    Some(CountRange { low, high })
}

/// "sources disagree: …" when some family's figure lies wholly below another's.
fn disjoint_note(per_family: &BTreeMap<&str, (CountRange, Option<NaiveDate>)>) -> Option<String> {
    let lowest_high = per_family.values().filter_map(|(r, _)| r.high).min();
    let highest_low = per_family.values().map(|(r, _)| r.low).max();
    if !matches!((lowest_high, highest_low), (Some(h), Some(l)) if h < l) {
        return None;
    }
    let figures: BTreeSet<String> = per_family.iter().map(|(fam, (r, _))| format!("{r} ({fam})")).collect();
    Some(format!("sources disagree: {}; the range spans them", figures.into_iter().collect::<Vec<_>>().join(", ")))
}

/// "revised: …" when the families of the latest publication day give figures the earlier ones
/// did not.
fn revision_note(per_family: &BTreeMap<&str, (CountRange, Option<NaiveDate>)>) -> Option<String> {
    let first_day = per_family.values().filter_map(|(_, d)| *d).min()?;
    let last_day = per_family.values().filter_map(|(_, d)| *d).max()?;
    if last_day <= first_day {
        return None;
    }
    let latest: HashSet<CountRange> =
        per_family.values().filter(|(_, d)| *d == Some(last_day)).map(|(r, _)| *r).collect();
    let earlier: BTreeSet<String> = per_family
        .values()
        .filter(|(r, d)| *d != Some(last_day) && !latest.contains(r))
        .map(|(r, _)| r.to_string())
        .collect();
    if earlier.is_empty() {
        return None;
    }
    let now: BTreeSet<String> = latest.iter().map(|r| r.to_string()).collect();
    Some(format!(
        "revised: earlier reports gave {}; the latest, of {last_day}, give {}; the range spans them",
        earlier.into_iter().collect::<Vec<_>>().join(", "),
        now.into_iter().collect::<Vec<_>>().join(", ")
    ))
}

fn first_index(c: &Cluster, t: EventType) -> usize {
    c.frames.iter().position(|f| f.frame.event_type == t).unwrap_or(usize::MAX)
}

fn claim(field: Field, value: String, f: &SourcedFrame, span: annalist_model::Span, quote: String) -> Claim {
    Claim {
        field,
        value,
        document: f.frame.document.clone(),
        outlet: f.outlet.clone(),
        published: f.published,
        quote,
        start: span.start,
        end: span.end,
    }
}

fn evidence_claim<T>(field: Field, value: String, f: &SourcedFrame, e: &Evidenced<T>) -> Claim {
    claim(field, value, f, e.sentence, e.quote.clone())
}

fn render_interval(d: &DateInterval) -> String {
    if d.start == d.end {
        d.start.to_string()
    } else {
        format!("{}..{}", d.start, d.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{DatePrecision, Span, Telling};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ev<T>(value: T) -> Option<Evidenced<T>> {
        Some(Evidenced { value, span: Span::new(0, 1), sentence: Span::new(0, 10), quote: "a sentence".into() })
    }

    fn kerman() -> Place {
        Place {
            name: "Kerman".into(),
            country: "IR".into(),
            kind: PlaceKind::City,
            lat: Some(30.28),
            lon: Some(57.08),
            admin1: None,
        }
    }

    fn frame(doc: &str, seq: i64, date: Option<DateInterval>, killed: Option<CountRange>) -> SourcedFrame {
        let mut frame = EventFrame::new(doc, EventType::Bombing, Span::new(0, 4), Span::new(0, 10), "a sentence");
        frame.date = date.and_then(ev);
        frame.country = ev("IR".to_string());
        frame.place = ev(kerman());
        frame.killed = killed.and_then(ev);
        frame.main = true;
        SourcedFrame { frame, outlet: None, published: None, duplicate_of: None, seq, article_country: None }
    }

    fn no_centroid(_: &str) -> Option<(f64, f64)> {
        None
    }

    #[test]
    fn two_reports_of_one_bombing_become_one_incident_with_a_range_and_a_conflict() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let frames = vec![
            frame("a", 1, Some(jan3), Some(CountRange { low: 101, high: None })),
            frame("b", 2, Some(jan3), Some(CountRange { low: 90, high: Some(99) })),
        ];
        let incidents = fuse(&frames, &no_centroid);
        assert_eq!(incidents.len(), 1);
        let inc = &incidents[0];
        assert_eq!(inc.killed, Some(CountRange { low: 90, high: None }));
        assert_eq!(inc.sources, vec!["a", "b"]);
        assert_eq!(inc.independent_sources, 2);
        assert!(inc.conflicts.iter().any(|c| c.field == Field::Killed), "{:?}", inc.conflicts);
        assert_eq!(inc.place.as_deref(), Some("Kerman"));
        assert_eq!(inc.lat, Some(30.28));
    }

    #[test]
    fn an_event_only_told_in_passing_is_a_row_only_when_two_stories_tell_of_it() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let passing = |doc: &str, seq: i64| {
            let mut f = frame(doc, seq, Some(jan3), Some(CountRange::exact(12)));
            f.frame.main = false;
            f.frame.telling = Telling::Background;
            f
        };
        assert!(fuse(&[passing("a", 1)], &no_centroid).is_empty(), "one passing mention is no row");
        // a syndicated copy is no second story
        let mut copy = passing("copy", 2);
        copy.duplicate_of = Some("a".into());
        assert!(fuse(&[passing("a", 1), copy], &no_centroid).is_empty());
        let two = fuse(&[passing("a", 1), passing("b", 2)], &no_centroid);
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].mentioned_in, vec!["a", "b"]);
        // a report of it makes it a row, and the passing mention is listed as such
        let with_report = fuse(&[passing("a", 1), frame("c", 3, Some(jan3), None)], &no_centroid);
        assert_eq!(with_report.len(), 1);
        assert_eq!((with_report[0].sources.len(), with_report[0].mentioned_in.clone()), (2, vec!["a".to_string()]));
    }

    #[test]
    fn a_syndicated_copy_is_a_source_but_not_an_independent_one() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let mut copy = frame("copy", 1, Some(jan3), None);
        copy.duplicate_of = Some("orig".into());
        let frames = vec![copy, frame("orig", 2, Some(jan3), None)];
        let inc = &fuse(&frames, &no_centroid)[0];
        assert_eq!(inc.sources.len(), 2);
        assert_eq!(inc.independent_sources, 1);
    }

    #[test]
    fn attacks_in_different_months_at_one_place_stay_apart() {
        let oct = DateInterval { start: day("2022-10-01"), end: day("2022-10-31"), precision: DatePrecision::Month };
        let aug = DateInterval { start: day("2023-08-01"), end: day("2023-08-31"), precision: DatePrecision::Month };
        let frames = vec![frame("a", 1, Some(oct), None), frame("a", 1, Some(aug), None)];
        assert_eq!(fuse(&frames, &no_centroid).len(), 2);
    }

    #[test]
    fn an_undated_mention_joins_the_dated_incident_at_the_same_place() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let mut mention = frame("b", 2, None, Some(CountRange::exact(95)));
        mention.published = Some(day("2024-01-05"));
        let frames = vec![frame("a", 1, Some(jan3), None), mention];
        let incidents = fuse(&frames, &no_centroid);
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].killed, Some(CountRange::exact(95)));
    }

    #[test]
    fn a_document_no_date_reaches_joins_a_dated_incident_only_by_more_than_its_place() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        // an undated text with no publication date, at the same place: not the same event
        let undated = frame("b", 2, None, Some(CountRange::exact(95)));
        let incidents = fuse(&[frame("a", 1, Some(jan3), None), undated.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1, "the undated frame is no row of its own");
        assert_eq!((incidents[0].sources.as_slice(), incidents[0].killed), (&["a".to_string()][..], None));
        // naming the same group as the dated report ties them
        let group =
            || ev(annalist_model::Perpetrator { name: "Islamic State".into(), status: AttributionStatus::Claimed });
        let (mut dated, mut named) = (frame("a", 1, Some(jan3), None), undated);
        dated.frame.perpetrators.extend(group());
        named.frame.perpetrators.extend(group());
        let incidents = fuse(&[dated, named], &no_centroid);
        assert_eq!(incidents[0].sources, vec!["a", "b"]);
        assert_eq!(incidents[0].killed, Some(CountRange::exact(95)));
    }

    #[test]
    fn incidents_without_a_date_are_not_ledger_rows_and_ids_are_stable() {
        let frames = vec![frame("a", 1, None, None)];
        assert!(fuse(&frames, &no_centroid).is_empty());
        let jan3 = DateInterval::day(day("2024-01-03"));
        let frames = vec![frame("a", 1, Some(jan3), None), frame("b", 2, Some(jan3), None)];
        let first = fuse(&frames, &no_centroid)[0].id.clone();
        let more = vec![frames[0].clone(), frames[1].clone(), frame("c", 3, Some(jan3), None)];
        assert_eq!(fuse(&more, &no_centroid)[0].id, first, "a later source keeps the id");
    }

    #[test]
    fn an_undated_main_report_is_dated_by_its_publication_and_says_so() {
        let mut a = frame("a", 1, None, Some(CountRange::exact(12)));
        a.published = Some(day("2024-03-10"));
        let incidents = fuse(&[a.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].date_start, Some(day("2024-03-03")));
        assert_eq!(incidents[0].date_end, Some(day("2024-03-10")));
        let date_claim = incidents[0].claims.iter().find(|c| c.field == Field::Date).expect("a date claim");
        assert!(date_claim.value.contains("undated"), "{}", date_claim.value);
        // a background mention is not what its article is about: no window, no ledger row
        a.frame.main = false;
        assert!(fuse(&[a], &no_centroid).is_empty());
    }

    #[test]
    fn undated_reports_a_month_apart_are_two_incidents_and_a_dated_one_settles_the_date() {
        let report = |doc: &str, seq, published: &str| {
            let mut f = frame(doc, seq, None, None);
            f.published = Some(day(published));
            f
        };
        let frames = vec![report("a", 1, "2024-03-10"), report("b", 2, "2024-04-10")];
        assert_eq!(fuse(&frames, &no_centroid).len(), 2);
        let frames = vec![report("a", 1, "2024-03-10"), report("b", 2, "2024-03-12")];
        assert_eq!(fuse(&frames, &no_centroid).len(), 1, "two reports of one week at one place");
        let frames =
            vec![report("a", 1, "2024-03-10"), frame("b", 2, Some(DateInterval::day(day("2024-03-09"))), None)];
        let incidents = fuse(&frames, &no_centroid);
        assert_eq!(incidents.len(), 1);
        assert_eq!(
            (incidents[0].date_start, incidents[0].date_end),
            (Some(day("2024-03-09")), Some(day("2024-03-09")))
        );
    }

    #[test]
    fn a_city_joins_the_incident_in_its_region_but_not_one_in_another() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let place = |name: &str, kind, admin1: &str| Place {
            name: name.into(),
            country: "IR".into(),
            kind,
            lat: None,
            lon: None,
            admin1: Some(admin1.into()),
        };
        let mut province = frame("a", 1, Some(jan3), None);
        province.frame.place = ev(place("Kerman Province", PlaceKind::Region, "29"));
        let mut city = frame("b", 2, Some(jan3), None);
        city.frame.place = ev(place("Kerman", PlaceKind::City, "29"));
        let incidents = fuse(&[province.clone(), city.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].place.as_deref(), Some("Kerman"), "the most specific place");
        city.frame.place = ev(place("Shiraz", PlaceKind::City, "07"));
        assert_eq!(fuse(&[province, city], &no_centroid).len(), 2);
    }

    #[test]
    fn the_toll_is_the_range_across_reports_and_a_revision_is_noted() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let report = |doc: &str, seq, published: &str, killed| {
            let mut f = frame(doc, seq, Some(jan3), Some(killed));
            f.published = Some(day(published));
            f
        };
        let exact = CountRange::exact;
        let open = |low| CountRange { low, high: None };
        // the same day: the conservative low, the largest high
        let same_day = vec![report("a", 1, "2024-01-03", exact(103)), report("b", 2, "2024-01-03", exact(95))];
        let inc = &fuse(&same_day, &no_centroid)[0];
        assert_eq!(inc.killed, Some(CountRange { low: 95, high: Some(103) }));
        assert!(!inc.conflicts.iter().any(|c| c.note.starts_with("revised")));
        // two days later the count is revised down: the range still spans both, with a note
        let revised = vec![report("a", 1, "2024-01-03", exact(103)), report("b", 2, "2024-01-05", exact(95))];
        let inc = &fuse(&revised, &no_centroid)[0];
        assert_eq!(inc.killed, Some(CountRange { low: 95, high: Some(103) }));
        assert_eq!(inc.claims.iter().filter(|c| c.field == Field::Killed).count(), 2);
        let note = inc.conflicts.iter().find(|c| c.note.starts_with("revised")).expect("a revision note");
        assert!(note.note.contains("103") && note.note.contains("of 2024-01-05, give 95"), "{}", note.note);
        // an open figure within a closed one closes nothing; one beyond every closed one opens it
        let within = vec![report("a", 1, "2024-01-03", open(22)), report("b", 2, "2024-01-03", exact(22))];
        assert_eq!(fuse(&within, &no_centroid)[0].killed, Some(exact(22)));
        let beyond = vec![report("a", 1, "2024-01-03", open(501)), report("b", 2, "2024-01-03", exact(500))];
        assert_eq!(fuse(&beyond, &no_centroid)[0].killed, Some(open(500)));
        // a syndicated copy reprinted later is the same report, not a revision
        let mut copy = report("c", 3, "2024-01-06", exact(80));
        copy.duplicate_of = Some("a".into());
        let copied = vec![report("a", 1, "2024-01-03", exact(103)), report("b", 2, "2024-01-03", exact(95)), copy];
        let inc = &fuse(&copied, &no_centroid)[0];
        assert_eq!(inc.killed, Some(CountRange { low: 95, high: Some(103) }));
        assert!(!inc.conflicts.iter().any(|c| c.note.starts_with("revised")));
    }

    #[test]
    fn blocking_by_country_and_week_finds_the_clusters_a_full_scan_finds() {
        // a deterministic mix: three countries (and none), places, exact days, months, years,
        // undated main reports with publication days, so every kind of block is exercised
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let cities = [("Kerman", "IR"), ("Shiraz", "IR"), ("Kabul", "AF"), ("Herat", "AF"), ("Quetta", "PK")];
        let mut frames = Vec::new();
        for seq in 0..600 {
            let start = day("2023-01-01") + chrono::Duration::days(next(400) as i64);
            let date = match next(5) {
                0 => None,
                1 => Some(DateInterval {
                    start,
                    end: start + chrono::Duration::days(30),
                    precision: DatePrecision::Month,
                }),
                2 => Some(DateInterval {
                    start,
                    end: start + chrono::Duration::days(364),
                    precision: DatePrecision::Year,
                }),
                _ => Some(DateInterval::day(start)),
            };
            let mut f = frame(&format!("d{seq}"), seq, date, None);
            f.published = Some(start + chrono::Duration::days(next(3) as i64));
            f.frame.main = next(2) == 0;
            let (city, country) = cities[next(cities.len() as u64) as usize];
            f.frame.country = if next(8) == 0 { None } else { ev(country.to_string()) };
            f.frame.place = match next(3) {
                0 => None,
                _ => ev(Place {
                    name: city.into(),
                    country: country.into(),
                    kind: PlaceKind::City,
                    lat: None,
                    lon: None,
                    admin1: None,
                }),
            };
            frames.push(f);
        }
        let order: Vec<&SourcedFrame> = frames.iter().collect();
        let members = |clusters: Vec<Cluster>| -> Vec<Vec<String>> {
            clusters.iter().map(|c| c.frames.iter().map(|f| f.frame.document.clone()).collect()).collect()
        };
        let blocked = members(corefer(&order, true));
        let scanned = members(corefer(&order, false));
        assert!(blocked.len() > 50 && blocked.len() < 550, "a mix that both merges and splits: {}", blocked.len());
        assert_eq!(blocked, scanned);
    }

    #[test]
    fn a_claim_and_a_blame_are_kept_apart_and_marked() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let mut a = frame("a", 1, Some(jan3), None);
        a.frame.perpetrators = vec![
            ev(Perpetrator { name: "Islamic State".into(), status: AttributionStatus::Claimed }).unwrap(),
            ev(Perpetrator { name: "Israel".into(), status: AttributionStatus::Alleged }).unwrap(),
        ];
        let inc = &fuse(&[a], &no_centroid)[0];
        assert_eq!(inc.perpetrators[0].name, "Islamic State");
        assert_eq!(inc.perpetrators[0].status, AttributionStatus::Claimed);
        assert_eq!(inc.perpetrators[1].status, AttributionStatus::Alleged);
        assert!(inc.conflicts.iter().any(|c| c.field == Field::Perpetrator));
    }

    #[test]
    fn an_undated_report_in_the_same_country_joins_the_dated_incident_of_its_type_by_its_group() {
        let dec = DateInterval { start: day("2023-12-01"), end: day("2023-12-31"), precision: DatePrecision::Month };
        let kg = |name: &str, kind| Place {
            name: name.into(),
            country: "KG".into(),
            kind,
            lat: None,
            lon: None,
            admin1: None,
        };
        let mut dated = frame("a", 1, Some(dec), None);
        dated.frame.event_type = EventType::FoiledPlot;
        dated.frame.place = ev(kg("Jalal-Abad", PlaceKind::City));
        dated.frame.country = ev("KG".to_string());
        let mut vague = frame("b", 2, None, None);
        vague.frame.event_type = EventType::FoiledPlot;
        vague.frame.place = ev(kg("Kyrgyzstan", PlaceKind::Country));
        vague.frame.country = ev("KG".to_string());
        // without a group in common, a country and a type are not enough
        assert_eq!(fuse(&[dated.clone(), vague.clone()], &no_centroid)[0].sources, vec!["a"]);
        let iskp = ev(Perpetrator { name: "ISKP".into(), status: AttributionStatus::Suspected }).unwrap();
        dated.frame.perpetrators = vec![iskp.clone()];
        vague.frame.perpetrators = vec![iskp];
        let incidents = fuse(&[dated, vague.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].sources, vec!["a", "b"]);
        assert_eq!(incidents[0].place.as_deref(), Some("Jalal-Abad"));
        // but not an undated report of another kind of event
        let mut other = vague;
        other.frame.event_type = EventType::Bombing;
        let dated = incidents_of(&[frame_kg_dated(dec), other]);
        assert_eq!(dated, 1, "the bombing has no date and is not a row of its own");
    }

    #[test]
    fn a_passing_mention_of_an_untyped_attack_in_some_year_is_not_a_ledger_row() {
        let y2017 = DateInterval { start: day("2017-01-01"), end: day("2017-12-31"), precision: DatePrecision::Year };
        let mut vague = frame("a", 1, Some(y2017), None);
        vague.frame.event_type = EventType::Unknown;
        vague.frame.place = ev(Place {
            name: "Iran".into(),
            country: "IR".into(),
            kind: PlaceKind::Country,
            lat: None,
            lon: None,
            admin1: None,
        });
        assert!(fuse(std::slice::from_ref(&vague), &no_centroid).is_empty());
        // the same mention with a toll is a row
        vague.frame.killed = ev(CountRange::exact(17));
        assert_eq!(fuse(&[vague], &no_centroid).len(), 1);
    }

    #[test]
    fn two_attacks_by_one_group_on_one_shrine_are_related_but_stay_two_incidents() {
        let oct = DateInterval { start: day("2022-10-01"), end: day("2022-10-31"), precision: DatePrecision::Month };
        let aug = DateInterval { start: day("2023-08-01"), end: day("2023-08-31"), precision: DatePrecision::Month };
        let group = |f: &mut SourcedFrame| {
            f.frame.perpetrators =
                vec![ev(Perpetrator { name: "Islamic State".into(), status: AttributionStatus::Attributed }).unwrap()];
        };
        let (mut a, mut b) = (frame("a", 1, Some(oct), None), frame("b", 2, Some(aug), None));
        group(&mut a);
        group(&mut b);
        let incidents = fuse(&[a, b], &no_centroid);
        assert_eq!(incidents.len(), 2);
        assert_eq!(incidents[0].related.len(), 1, "{:?}", incidents[0].related);
        assert_eq!(incidents[0].related[0].id, incidents[1].id);
        assert!(incidents[0].related[0].relation.contains("Kerman"));
    }

    #[test]
    fn arrests_reported_with_an_attack_soon_after_it_are_its_follow_up() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let jan6 = DateInterval::day(day("2024-01-06"));
        let attack = frame("a", 1, Some(jan3), None);
        let mut arrest = frame("a", 1, Some(jan6), None);
        arrest.frame.event_type = EventType::Arrest;
        arrest.frame.trigger = Span::new(40, 48);
        arrest.frame.place = None;
        let incidents = fuse(&[attack, arrest], &no_centroid);
        assert_eq!(incidents.len(), 2, "{incidents:?}");
        assert!(incidents.iter().all(|i| i.related.len() == 1), "{incidents:?}");
        let far = DateInterval::day(day("2024-06-01"));
        let mut late = frame("b", 2, Some(far), None);
        late.frame.event_type = EventType::Arrest;
        late.frame.place = None;
        let incidents = fuse(&[frame("a", 1, Some(jan3), None), late], &no_centroid);
        assert!(incidents.iter().all(|i| i.related.is_empty()), "five months later is not a follow-up");
    }

    fn frame_kg_dated(dec: DateInterval) -> SourcedFrame {
        let mut f = frame("a", 1, Some(dec), None);
        f.frame.event_type = EventType::FoiledPlot;
        f.frame.place = None;
        f.frame.country = ev("KG".to_string());
        f
    }

    fn incidents_of(frames: &[SourcedFrame]) -> usize {
        let incidents = fuse(frames, &no_centroid);
        assert!(incidents.iter().all(|i| i.sources.len() == 1), "{incidents:?}");
        incidents.len()
    }

    fn place_in(name: &str, country: &str, kind: PlaceKind, admin1: Option<&str>) -> Place {
        Place { name: name.into(), country: country.into(), kind, lat: None, lon: None, admin1: admin1.map(Into::into) }
    }

    #[test]
    fn a_report_with_no_country_joins_another_only_through_a_group_it_names() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let mut anaphoric = frame("b", 2, Some(jan3), None);
        anaphoric.frame.country = None;
        anaphoric.frame.place = None;
        let frames = [frame("a", 1, Some(jan3), None), anaphoric.clone()];
        assert_eq!(fuse(&frames, &no_centroid)[0].sources, vec!["a"], "a day in common, anywhere in the world");
        let iskp = ev(Perpetrator { name: "ISKP".into(), status: AttributionStatus::Claimed }).unwrap();
        let mut named = frame("a", 1, Some(jan3), None);
        named.frame.perpetrators = vec![iskp.clone()];
        anaphoric.frame.perpetrators = vec![iskp];
        assert_eq!(fuse(&[named, anaphoric], &no_centroid)[0].sources, vec!["a", "b"]);
    }

    #[test]
    fn naming_the_same_country_is_not_a_link() {
        let mut a = frame("a", 1, None, None);
        a.frame.place = ev(place_in("Iran", "IR", PlaceKind::Country, None));
        a.frame.date = ev(DateInterval::day(day("2024-01-03")));
        let mut b = frame("b", 2, None, Some(CountRange::exact(3)));
        b.frame.place = ev(place_in("Iran", "IR", PlaceKind::Country, None));
        let incidents = fuse(&[a, b], &no_centroid);
        assert_eq!(incidents[0].sources, vec!["a"], "an undated toll somewhere in the country");
    }

    #[test]
    fn a_report_that_names_an_attack_joins_it_across_the_years_without_a_country() {
        let mut attack = frame("a", 1, Some(DateInterval::day(day("1974-09-13"))), Some(CountRange::exact(13)));
        attack.frame.country = ev("ES".to_string());
        attack.frame.place = ev(place_in("Madrid", "ES", PlaceKind::City, None));
        attack.frame.names = ev("Cafetería Rolando".to_string()).into_iter().collect();
        // an encyclopedia's later section: "neither was tried for the Rolando bombing"
        let mut later = frame("b", 2, None, None);
        later.published = Some(day("2020-05-05"));
        later.frame.country = None;
        later.frame.place = None;
        later.frame.names = ev("Rolando".to_string()).into_iter().collect();
        let incidents = fuse(&[attack.clone(), later.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1, "{incidents:?}");
        assert_eq!(incidents[0].sources, vec!["a", "b"]);
        let names: Vec<&str> =
            incidents[0].claims.iter().filter(|c| c.field == Field::Name).map(|c| c.value.as_str()).collect();
        assert_eq!(names, vec!["Cafetería Rolando", "Rolando"], "each source's name is a claim");
        // another name is another bombing: the later report stands alone (and, with no
        // country, is no ledger row)
        later.frame.names = ev("Hipercor".to_string()).into_iter().collect();
        let incidents = fuse(&[attack, later], &no_centroid);
        assert_eq!(incidents.iter().map(|i| i.sources.clone()).collect::<Vec<_>>(), vec![vec!["a".to_string()]]);
    }

    #[test]
    fn an_undated_report_joins_an_earlier_attack_only_at_the_same_city() {
        let old = DateInterval::day(day("2013-04-15"));
        let mut attack = frame("a", 1, Some(old), None);
        attack.frame.place = ev(place_in("Boston", "US", PlaceKind::City, Some("MA")));
        let mut trial = frame("b", 2, None, None);
        trial.published = Some(day("2015-06-24"));
        trial.frame.place = ev(place_in("Boston", "US", PlaceKind::City, Some("MA")));
        trial.frame.country = ev("US".to_string());
        attack.frame.country = ev("US".to_string());
        let incidents = fuse(&[attack.clone(), trial.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1, "the trial's article is about the 2013 bombing in Boston");
        // a region around the city, two years later: another attack, dated by its report
        trial.frame.place = ev(place_in("Massachusetts", "US", PlaceKind::Region, Some("MA")));
        let incidents = fuse(&[attack, trial], &no_centroid);
        assert_eq!(incidents.len(), 2, "{incidents:?}");
    }

    #[test]
    fn an_undated_event_told_of_through_its_trial_is_not_dated_by_the_report() {
        let mut trial = frame("b", 2, None, None);
        trial.published = Some(day("2015-06-24"));
        trial.frame.recalled = true;
        // alone it says nothing of when the attack was: no ledger row dated to the trial's week
        assert!(fuse(&[trial.clone()], &no_centroid).is_empty());
        // read as news, the same report would have made one
        let mut news = trial.clone();
        news.frame.recalled = false;
        assert_eq!(fuse(&[news], &no_centroid)[0].date_start, Some(day("2015-06-17")));
        // with the dated attack at its place, after it as before it, it joins that attack
        let attack = frame("a", 1, Some(DateInterval::day(day("2014-02-01"))), None);
        for order in [vec![trial.clone(), attack.clone()], vec![attack.clone(), trial.clone()]] {
            let incidents = fuse(&order, &no_centroid);
            assert_eq!(incidents.len(), 1, "{incidents:?}");
            assert_eq!(incidents[0].date_start, Some(day("2014-02-01")));
        }
    }

    #[test]
    fn a_report_tied_to_two_incidents_that_nothing_keeps_apart_makes_them_one() {
        let boston = || ev(place_in("Boston", "US", PlaceKind::City, Some("MA")));
        let april15 = DateInterval::day(day("2013-04-15"));
        // a trial report naming the Boston Marathon bombing, with no date
        let mut trial = frame("a", 1, None, None);
        trial.frame.place = boston();
        trial.frame.country = ev("US".to_string());
        trial.frame.recalled = true;
        trial.published = Some(day("2014-06-04"));
        // "the April 15, 2013, attack, which killed three", with no place, in a US story
        let mut dated = frame("b", 2, Some(april15), None);
        dated.frame.place = None;
        dated.frame.country = None;
        dated.article_country = Some("US".to_string());
        // "the April 15, 2013, bombing at the Boston Marathon": tied to both
        let mut both = frame("c", 3, Some(april15), None);
        both.frame.place = boston();
        both.frame.country = ev("US".to_string());
        let incidents = fuse(&[trial, dated, both], &no_centroid);
        assert_eq!(incidents.len(), 1, "{incidents:?}");
        assert_eq!(incidents[0].sources, vec!["a", "b", "c"]);
        assert_eq!(incidents[0].date_start, Some(april15.start));

        // a report of "the attacks on Tuesday" in Afghanistan is tied to both of that day's
        // bombings, but Kabul and Charikar are two scenes: they stay two
        let tuesday = DateInterval::day(day("2019-09-17"));
        let in_city = |doc: &str, seq, city: &str| {
            let mut f = frame(doc, seq, Some(tuesday), None);
            f.frame.place = ev(place_in(city, "AF", PlaceKind::City, None));
            f.frame.country = ev("AF".to_string());
            f
        };
        let mut vague = frame("z", 3, Some(tuesday), None);
        vague.frame.event_type = EventType::Unknown;
        vague.frame.place = None;
        vague.frame.country = ev("AF".to_string());
        let incidents = fuse(&[in_city("x", 1, "Kabul"), in_city("y", 2, "Charikar"), vague], &no_centroid);
        assert_eq!(incidents.len(), 2, "{incidents:?}");
    }

    #[test]
    fn a_place_from_an_untyped_mention_does_not_keep_another_city_out() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let mut region = frame("a", 1, Some(jan3), None);
        region.frame.place = ev(place_in("Kerman Province", "IR", PlaceKind::Region, Some("29")));
        let mut aftermath = frame("a", 1, Some(jan3), None);
        aftermath.frame.event_type = EventType::Unknown;
        aftermath.frame.place = ev(place_in("Bam", "IR", PlaceKind::City, Some("29")));
        let mut later = frame("b", 2, Some(jan3), None);
        later.frame.place = ev(place_in("Kerman", "IR", PlaceKind::City, Some("29")));
        // the cluster holds the province (typed) and Bam (untyped): a report at Kerman joins it
        let incidents = fuse(&[region.clone(), aftermath.clone(), later.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1, "{incidents:?}");
        assert_eq!(incidents[0].sources, vec!["a", "b"]);
        // a bombing at Bam keeps Kerman out
        aftermath.frame.event_type = EventType::Bombing;
        let incidents = fuse(&[region, aftermath, later], &no_centroid);
        assert_eq!(incidents.len(), 2, "{incidents:?}");
    }

    #[test]
    fn a_borough_and_its_city_are_one_scene_two_distant_cities_are_not() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let city = |name: &str, lat: f64, lon: f64| Place {
            name: name.into(),
            country: "US".into(),
            kind: PlaceKind::City,
            lat: Some(lat),
            lon: Some(lon),
            admin1: Some("NY".into()),
        };
        let mut a = frame("a", 1, Some(jan3), None);
        a.frame.country = ev("US".to_string());
        a.frame.place = ev(city("New York City", 40.714, -74.006));
        let mut b = frame("b", 2, Some(jan3), None);
        b.frame.country = ev("US".to_string());
        b.frame.place = ev(city("Manhattan", 40.783, -73.966));
        assert_eq!(fuse(&[a.clone(), b.clone()], &no_centroid).len(), 1);
        b.frame.place = ev(city("Buffalo", 42.886, -78.878));
        assert_eq!(fuse(&[a, b], &no_centroid).len(), 2);
    }

    #[test]
    fn a_frame_with_no_place_is_taken_to_be_in_its_articles_country() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        // article b: a located frame in Iran and "the attack on Wednesday" with no place
        let located = frame("b", 2, None, None);
        let mut anaphoric = frame("b", 2, Some(jan3), Some(CountRange::exact(4)));
        anaphoric.frame.country = None;
        anaphoric.frame.place = None;
        anaphoric.frame.trigger = Span::new(5, 9);
        anaphoric.article_country = article_country([&located.frame, &anaphoric.frame]);
        assert_eq!(anaphoric.article_country.as_deref(), Some("IR"));
        let incidents = fuse(&[frame("a", 1, Some(jan3), None), located.clone(), anaphoric.clone()], &no_centroid);
        assert_eq!(incidents.len(), 1, "{incidents:?}");
        assert_eq!(incidents[0].killed, Some(CountRange::exact(4)));
        // the same words in an article about France stay out of the Iranian incident
        let mut french = located;
        french.frame.country = ev("FR".to_string());
        french.frame.place = ev(place_in("France", "FR", PlaceKind::Country, None));
        anaphoric.article_country = article_country([&french.frame, &anaphoric.frame]);
        let incidents = fuse(&[frame("a", 1, Some(jan3), None), french.clone(), anaphoric.clone()], &no_centroid);
        assert!(incidents.iter().all(|i| i.killed.is_none()), "{incidents:?}");
        // two countries named as often: none leads
        let mut iranian = french.clone();
        iranian.frame.country = ev("IR".to_string());
        assert_eq!(article_country([&french.frame, &iranian.frame, &anaphoric.frame]), None);
    }

    #[test]
    fn a_site_far_outside_a_city_is_another_scene() {
        let jan3 = DateInterval::day(day("2024-01-03"));
        let at = |name: &str, kind, lat: f64, lon: f64| Place {
            name: name.into(),
            country: "AF".into(),
            kind,
            lat: Some(lat),
            lon: Some(lon),
            admin1: None,
        };
        let mut city = frame("a", 1, Some(jan3), None);
        city.frame.country = ev("AF".to_string());
        city.frame.place = ev(at("Kabul", PlaceKind::City, 34.53, 69.17));
        let mut site = frame("b", 2, Some(jan3), None);
        site.frame.country = ev("AF".to_string());
        site.frame.place = ev(at("Bagram Airfield", PlaceKind::Site, 34.95, 69.27));
        assert_eq!(fuse(&[city.clone(), site.clone()], &no_centroid).len(), 2);
        site.frame.place = ev(at("Kabul airport", PlaceKind::Site, 34.57, 69.21));
        assert_eq!(fuse(&[city, site], &no_centroid).len(), 1);
    }
}
