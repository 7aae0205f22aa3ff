//! The extractor against MUC-4's answer keys, two ways.
//!
//! **Template slots.** Each MUC-3/4 message is one document: read, cleaned, extracted and fused
//! on its own, and the incidents annalist
//! makes of it are matched one-to-one to the message's gold templates. The matching maximises
//! the number of slots on which a pair agrees (Hungarian assignment per document); a pair that
//! agrees on nothing is left unmatched (that scores the same as matching it). Arrests are not
//! MUC incidents and are left out; everything else annalist makes is scored, so an incident
//! made of an irrelevant message (all its templates `*`) is a false positive, and attempted or
//! threatened templates are gold like the rest. Per slot, precision is correct over the values
//! annalist gave, recall correct over the values the keys give:
//!
//! - type: annalist's type mapped to MUC's (`muc_type`); correct when it is one of slot 4's
//!   alternatives.
//! - date: the incident's interval, when no wider than 31 days, meets the gold date (slot 2: a
//!   day, a range `D1 - D2`, or `- D`, "on or before D", read as the 31 days up to D).
//! - country: the gazetteer's English name of annalist's ISO code against slot 3's first part.
//! - perpetrator organisation: each line of slot 10 is one organisation with `/` alternatives;
//!   an annalist perpetrator (not a denied one) matches it when, normalised (upper case, no
//!   accents or punctuation), its name or one of its aliases in the actor base equals an
//!   alternative or holds it as whole words, or the other way round. One-to-one.
//! - weapon: slot 7's instrument types mapped to annalist's categories (`muc_weapon`) against
//!   the weapons of the frames the incident was fused from. One-to-one.
//! - died / injured: whether slot 23 has a `DEATH` (`INJURY`) effect, against a killed
//!   (wounded) count of at least one.
//! - killed / wounded count: on matched pairs whose gold count is exact (slot 21's numbers
//!   joined to slot 23's effects by their quoted names), whether the gold count lies in
//!   annalist's range.
//!
//! Every text is read as `annalist ingest` reads a `.txt` file of it as given (all capitals,
//! hard-wrapped, with its dateline): the reader unwraps it, dates it by its dateline, and
//! extraction reads its case-restored view; this command prepares nothing.
//!
//! **GRIT's five role slots** (PerpInd, PerpOrg, Target, Victim, Weapon) on GRIT's processed
//! split of the same messages, scored as GRIT's published evaluation scores them (CEAF-REE,
//! strict): mentions are normalised (lower case, ASCII punctuation removed, the words a/an/the
//! removed, spaces collapsed); a predicted entity scores 1 against a gold entity when all its
//! mentions are among the gold entity's mentions; predicted and gold entities are matched
//! one-to-one to maximise the score (per document and role); precision is the score over the
//! predicted entities, recall over the gold ones, micro-averaged over documents and over the
//! five roles. Predicted fillers come from annalist's frames of the document (arrests and
//! negated or hypothetical frames left out): PerpInd the attackers' evidence, PerpOrg the
//! perpetrators' evidence (one entity per actor, named by its first mention), Target the
//! targets that are not people, Victim those that are, Weapon the weapons; other fillers are one
//! entity per distinct normalised string. Run on the MUC text as given and on GRIT's lowercased text.
//!
//!     cargo run --release -p annalist --example muc4_eval [-- --split dev|test] [--data DIR] [--errors N]

// Slots, roles and kinds are parallel fixed-size arrays indexed together.
#![allow(clippy::needless_range_loop)]

mod common;
use annalist_extract::Extractor;
use annalist_fuse::{fuse, SourcedFrame};
use annalist_knowledge::{ActorBase, Gazetteer};
use annalist_model::{AttributionStatus, CountRange, EventFrame, EventStatus, EventType, Field, Incident, Weapon};
use chrono::NaiveDate;
use common::{assign, read_as_ingest};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------- gold templates

/// One gold template, its slots read into what is scored.
#[derive(Debug, Default)]
struct Template {
    /// Slot 4's alternatives.
    types: Vec<String>,
    /// Slot 2 as day intervals (alternatives).
    dates: Vec<(NaiveDate, NaiveDate)>,
    /// Slot 3's country alternatives, normalised.
    countries: Vec<String>,
    /// Slot 10: one entry per organisation, each with its alternatives, normalised.
    perp_orgs: Vec<Vec<String>>,
    /// Slot 7: one entry per instrument, the annalist categories it may be.
    weapons: Vec<BTreeSet<Weapon>>,
    died: bool,
    injured: bool,
    killed: Option<u64>,
    wounded: Option<u64>,
    stage: String,
}

struct MucDoc {
    id: String,
    text: String,
    /// Empty for an irrelevant message.
    templates: Vec<Template>,
}

/// Upper case, accents and punctuation dropped, spaces collapsed.
fn norm_upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'Á' => 'A',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'E',
            'í' | 'ì' | 'î' | 'ï' | 'Í' => 'I',
            'ó' | 'ò' | 'ô' | 'ö' | 'Ó' => 'O',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' => 'U',
            'ñ' | 'Ñ' => 'N',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A slot value without its uncertainty marks and brackets.
fn bare(s: &str) -> &str {
    s.trim().trim_start_matches('?').trim().trim_matches(|c| c == '(' || c == ')').trim()
}

fn is_empty_slot(s: &str) -> bool {
    matches!(bare(s), "" | "-" | "*")
}

/// The `/`-separated alternatives of a slot value, quotes stripped.
fn alternatives(s: &str) -> Vec<String> {
    s.split(" / ")
        .map(|a| bare(a).trim_matches('"').trim().to_string())
        .filter(|a| !a.is_empty() && a != "-" && a != "*")
        .collect()
}

fn month(m: &str) -> Option<u32> {
    let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    let m = m.to_ascii_uppercase();
    months.iter().position(|x| m.starts_with(x)).map(|i| i as u32 + 1)
}

/// "02 FEB 90" → 1990-02-02.
fn muc_day(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 3 {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    let y = if y < 100 { 1900 + y } else { y };
    NaiveDate::from_ymd_opt(y, month(parts[1])?, d)
}

/// Slot 2 as intervals: "D", "D1 - D2", "- D" (the 31 days up to D).
fn muc_dates(lines: &[String]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for line in lines {
        for alt in line.split(" / ") {
            let alt = bare(alt);
            if let Some(before) = alt.strip_prefix('-') {
                if let Some(d) = muc_day(before.trim()) {
                    out.push((d - chrono::Duration::days(31), d));
                }
            } else if let Some((a, b)) = alt.split_once(" - ") {
                if let (Some(a), Some(b)) = (muc_day(a.trim()), muc_day(b.trim())) {
                    out.push((a.min(b), a.max(b)));
                }
            } else if let Some(d) = muc_day(alt) {
                out.push((d, d));
            }
        }
    }
    out
}

/// MUC's instrument types → annalist's weapon categories (none for TORTURE and the like).
fn muc_weapon(t: &str) -> Option<Weapon> {
    let t = t.to_ascii_uppercase();
    Some(match t.as_str() {
        "GUN" | "MACHINE GUN" | "RIFLE" | "PISTOL" | "SHOTGUN" | "HANDGUN" => Weapon::Firearm,
        "BOMB" | "VEHICLE BOMB" | "EXPLOSIVE" | "DYNAMITE" | "GRENADE" | "MINE" | "AERIAL BOMB"
        | "STICK OF DYNAMITE" => Weapon::Explosive,
        "MORTAR" | "ROCKET" | "MISSILE" | "ARTILLERY" => Weapon::Missile,
        "MOLOTOV COCKTAIL" | "FIRE" | "INCENDIARY" => Weapon::Incendiary,
        "CUTTING DEVICE" | "STONE" | "KNIFE" | "MACHETE" => Weapon::Melee,
        _ => return None,
    })
}

fn slot(t: &Value, prefix: &str) -> Vec<String> {
    let Some(obj) = t.as_object() else { return Vec::new() };
    obj.iter()
        .find(|(k, _)| k.starts_with(prefix))
        .and_then(|(_, v)| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The value before the first `: ` of a slot line ("DEATH: \"CIVILIAN\"" → "DEATH").
fn head_of(line: &str) -> &str {
    line.split_once(": ").map(|(h, _)| h).unwrap_or(line).trim()
}

/// The quoted filler after the first `: ` ("1: \"CIVILIAN\"" → "\"CIVILIAN\"").
fn tail_of(line: &str) -> &str {
    line.split_once(": ").map(|(_, t)| t).unwrap_or("").trim()
}

/// Exact count of the fillers whose effect (slot 23) is `effect`, by joining slot 21's numbers.
fn count_of(numbers: &[String], effects: &[String], effect: &str) -> Option<u64> {
    let hit: Vec<&str> =
        effects.iter().filter(|l| alternatives(head_of(l)).iter().any(|a| a == effect)).map(|l| tail_of(l)).collect();
    if hit.is_empty() {
        return None;
    }
    let mut total = 0;
    for filler in hit {
        let n = numbers.iter().find(|l| tail_of(l) == filler)?;
        total += bare(head_of(n)).parse::<u64>().ok()?;
    }
    Some(total)
}

fn read_template(t: &Value) -> Option<Template> {
    let types: Vec<String> = slot(t, "4.").iter().flat_map(|l| alternatives(l)).collect();
    if types.is_empty() {
        return None; // an irrelevant message's `*` template
    }
    let countries = slot(t, "3.")
        .first()
        .map(|l| alternatives(l.split(':').next().unwrap_or("")).iter().map(|c| norm_upper(c)).collect())
        .unwrap_or_default();
    let perp_orgs = slot(t, "10.")
        .iter()
        .filter(|l| !is_empty_slot(l))
        .map(|l| alternatives(l).iter().map(|a| norm_upper(a)).filter(|a| !a.is_empty()).collect::<Vec<_>>())
        .filter(|e| !e.is_empty())
        .collect();
    let mut weapons: Vec<BTreeSet<Weapon>> = Vec::new();
    for line in slot(t, "7.") {
        let set: BTreeSet<Weapon> = alternatives(head_of(&line)).iter().filter_map(|a| muc_weapon(a)).collect();
        if !set.is_empty() && !weapons.contains(&set) {
            weapons.push(set);
        }
    }
    let effects = slot(t, "23.");
    let numbers = slot(t, "21.");
    let has = |e: &str| effects.iter().any(|l| alternatives(head_of(l)).iter().any(|a| a == e));
    Some(Template {
        types,
        dates: muc_dates(&slot(t, "2.")),
        countries,
        perp_orgs,
        weapons,
        died: has("DEATH"),
        injured: has("INJURY"),
        killed: count_of(&numbers, &effects, "DEATH"),
        wounded: count_of(&numbers, &effects, "INJURY"),
        stage: slot(t, "5.").first().cloned().unwrap_or_default(),
    })
}

fn read_muc(dir: &Path, files: &[&str]) -> Result<Vec<MucDoc>, String> {
    let mut out = Vec::new();
    for f in files {
        let path = dir.join("muc34_jsonl").join(format!("{f}.jsonl"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: Value =
                serde_json::from_str(line).map_err(|e| format!("{}:{}: bad line: {e}", path.display(), n + 1))?;
            let text = v["text"].as_str().unwrap_or("").to_string();
            let templates = v["templates"].as_array().map(|a| a.iter().filter_map(read_template).collect());
            out.push(MucDoc {
                id: v["docid"].as_str().unwrap_or("?").to_string(),
                text,
                templates: templates.unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- running annalist

/// What annalist read of one text.
struct Reading {
    text: String,
    frames: Vec<EventFrame>,
    incidents: Vec<Incident>,
}

/// Reads one message as `annalist ingest` reads a file `ID.txt` holding its text as given
/// (capitals, hard-wrapped, datelined): the reader unwraps it, dates it by its dateline and
/// reads it through its case-restored view; nothing is prepared here.
fn read_text(id: &str, text: &str) -> Reading {
    let article = match read_as_ingest(&format!("{id}.txt"), text.as_bytes().to_vec()).pop() {
        Some(Ok(a)) => a,
        other => {
            eprintln!("muc4_eval: {id} not read: {:?}", other.map(|r| r.err()));
            return Reading { text: String::new(), frames: Vec::new(), incidents: Vec::new() };
        }
    };
    let frames = Extractor::builtin().frames(&article);
    let country = annalist_fuse::article_country(&frames);
    let sourced: Vec<SourcedFrame> = frames
        .iter()
        .map(|f| SourcedFrame {
            frame: f.clone(),
            outlet: None,
            published: article.published,
            duplicate_of: None,
            seq: 0,
            article_country: country.clone(),
        })
        .collect();
    let gazetteer = Gazetteer::builtin();
    let centroid = |iso2: &str| gazetteer.country(iso2).map(|c| (c.lat, c.lon));
    let incidents = fuse(&sourced, &centroid);
    Reading { text: article.text, frames, incidents }
}

// ---------------------------------------------------------------- predicted incidents

/// An incident of annalist's, in MUC's terms.
#[derive(Debug)]
struct Predicted {
    muc_type: &'static str,
    date: Option<(NaiveDate, NaiveDate)>,
    country: Option<String>,
    perps: Vec<String>,
    weapons: BTreeSet<Weapon>,
    killed: Option<CountRange>,
    wounded: Option<CountRange>,
    quote: String,
}

/// annalist's type → MUC's incident type. A weapon seen in the incident's frames refines it:
/// fire makes any attack an ARSON; explosives make an untyped attack, a facility attack or a
/// foiled plot a BOMBING.
fn muc_type(t: EventType, weapons: &BTreeSet<Weapon>) -> &'static str {
    use EventType::*;
    if weapons.contains(&Weapon::Incendiary) && !matches!(t, Kidnapping | HostageTaking | Hijacking) {
        return "ARSON";
    }
    match t {
        Bombing | Airstrike => "BOMBING",
        Kidnapping | HostageTaking | Hijacking => "KIDNAPPING",
        Unknown | FacilityAttack | FoiledPlot if weapons.contains(&Weapon::Explosive) => "BOMBING",
        _ => "ATTACK",
    }
}

fn predicted(reading: &Reading) -> Vec<Predicted> {
    let gazetteer = Gazetteer::builtin();
    reading
        .incidents
        .iter()
        .filter(|i| i.event_type != EventType::Arrest)
        .map(|inc| {
            let sentences: BTreeSet<usize> =
                inc.claims.iter().filter(|c| c.field == Field::Type).map(|c| c.start).collect();
            let frames: Vec<&EventFrame> =
                reading.frames.iter().filter(|f| sentences.contains(&f.sentence.start)).collect();
            let weapons: BTreeSet<Weapon> = frames.iter().filter_map(|f| f.weapon.as_ref().map(|w| w.value)).collect();
            Predicted {
                muc_type: muc_type(inc.event_type, &weapons),
                date: inc.date_start.zip(inc.date_end),
                country: inc
                    .country
                    .as_deref()
                    .map(|c| gazetteer.country(c).map(|c| norm_upper(&c.name)).unwrap_or(c.to_string())),
                perps: inc
                    .perpetrators
                    .iter()
                    .filter(|p| p.status != AttributionStatus::Denied)
                    .map(|p| p.name.clone())
                    .collect(),
                weapons,
                killed: inc.killed,
                wounded: inc.wounded,
                quote: frames.first().map(|f| f.quote.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- assignment

// ---------------------------------------------------------------- template scoring

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    correct: f64,
    predicted: f64,
    gold: f64,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
    fn p(&self) -> f64 {
        if self.predicted == 0.0 {
            0.0
        } else {
            self.correct / self.predicted
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0.0 {
            0.0
        } else {
            self.correct / self.gold
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn line(&self, name: &str) -> String {
        format!(
            "  {name:<22} P {:>6.2}  R {:>6.2}  F1 {:>6.2}   ({} correct / {} predicted / {} gold)",
            100.0 * self.p(),
            100.0 * self.r(),
            100.0 * self.f1(),
            self.correct,
            self.predicted,
            self.gold
        )
    }
}

const SLOTS: [&str; 7] = ["type", "date", "country", "perpetrator org", "weapon", "died", "injured"];

/// Whether annalist's perpetrator `name` is the organisation a template names by `alts`.
fn perp_matches(name: &str, alts: &[String]) -> bool {
    let mut names = vec![norm_upper(name)];
    if let Some(actor) = ActorBase::builtin().lookup(name) {
        names.push(norm_upper(&actor.name));
        names.extend(actor.aliases.iter().map(|a| norm_upper(a)));
    }
    let within = |a: &str, b: &str| format!(" {b} ").contains(&format!(" {a} "));
    names.iter().filter(|n| !n.is_empty()).any(|n| alts.iter().any(|a| n == a || within(a, n) || within(n, a)))
}

/// How many of `gold` entries `predicted` values match, one-to-one.
fn matched<P, G>(pred: &[P], gold: &[G], fits: impl Fn(&P, &G) -> bool) -> usize {
    let w: Vec<Vec<f64>> =
        pred.iter().map(|p| gold.iter().map(|g| if fits(p, g) { 1.0 } else { 0.0 }).collect()).collect();
    assign(&w).len()
}

/// Correct counts per slot of a predicted incident against a template.
fn agreement(p: &Predicted, t: &Template) -> [usize; 7] {
    let date_ok =
        p.date.is_some_and(|(s, e)| (e - s).num_days() <= 31 && t.dates.iter().any(|&(gs, ge)| s <= ge && gs <= e));
    let weapons: Vec<Weapon> = p.weapons.iter().copied().collect();
    [
        usize::from(t.types.iter().any(|x| x == p.muc_type)),
        usize::from(date_ok),
        usize::from(p.country.as_ref().is_some_and(|c| t.countries.contains(c))),
        matched(&p.perps, &t.perp_orgs, |n, alts| perp_matches(n, alts)),
        matched(&weapons, &t.weapons, |w, set| set.contains(w)),
        usize::from(t.died && p.killed.is_some_and(|k| k.low >= 1)),
        usize::from(t.injured && p.wounded.is_some_and(|k| k.low >= 1)),
    ]
}

fn predicted_values(p: &Predicted) -> [usize; 7] {
    [
        1,
        usize::from(p.date.is_some()),
        usize::from(p.country.is_some()),
        p.perps.len(),
        p.weapons.len(),
        usize::from(p.killed.is_some_and(|k| k.low >= 1)),
        usize::from(p.wounded.is_some_and(|k| k.low >= 1)),
    ]
}

fn gold_values(t: &Template) -> [usize; 7] {
    [
        1,
        usize::from(!t.dates.is_empty()),
        usize::from(!t.countries.is_empty()),
        t.perp_orgs.len(),
        t.weapons.len(),
        usize::from(t.died),
        usize::from(t.injured),
    ]
}

fn in_range(n: u64, r: &CountRange) -> bool {
    n >= r.low && r.high.is_none_or(|h| n <= h)
}

#[derive(Default)]
struct TemplateResult {
    slots: [Score; 7],
    killed: Score,
    wounded: Score,
    incidents: Score,
    irrelevant_docs: usize,
    irrelevant_with_incident: usize,
    /// Per gold stage of execution and per gold type: (templates matched, templates).
    by_stage: BTreeMap<String, (usize, usize)>,
    by_type: BTreeMap<String, (usize, usize)>,
    errors: Vec<(usize, String)>,
}

fn describe_gold(t: &Template) -> String {
    format!(
        "{} [{}] {:?} {:?} perps {:?} weapons {:?} died {} injured {}",
        t.types.join("/"),
        t.stage,
        t.dates.first().map(|d| d.0.to_string() + ".." + &d.1.to_string()),
        t.countries,
        t.perp_orgs,
        t.weapons,
        t.died,
        t.injured
    )
}

fn describe_pred(p: &Predicted) -> String {
    format!(
        "{} {:?} {:?} perps {:?} weapons {:?} killed {:?} wounded {:?} | {}",
        p.muc_type,
        p.date.map(|d| d.0.to_string() + ".." + &d.1.to_string()),
        p.country,
        p.perps,
        p.weapons,
        p.killed.map(|k| k.to_string()),
        p.wounded.map(|k| k.to_string()),
        p.quote.chars().take(160).collect::<String>().replace('\n', " ")
    )
}

fn score_templates(docs: &[MucDoc], readings: &[Reading]) -> TemplateResult {
    let mut res = TemplateResult::default();
    for (doc, reading) in docs.iter().zip(readings) {
        let preds = predicted(reading);
        if doc.templates.is_empty() {
            res.irrelevant_docs += 1;
            res.irrelevant_with_incident += usize::from(!preds.is_empty());
        }
        let agree: Vec<Vec<[usize; 7]>> =
            preds.iter().map(|p| doc.templates.iter().map(|t| agreement(p, t)).collect()).collect();
        let weights: Vec<Vec<f64>> =
            agree.iter().map(|row| row.iter().map(|a| a.iter().sum::<usize>() as f64).collect()).collect();
        let pairs = assign(&weights);
        for p in &preds {
            let v = predicted_values(p);
            for s in 0..7 {
                res.slots[s].predicted += v[s] as f64;
            }
        }
        for t in &doc.templates {
            let v = gold_values(t);
            for s in 0..7 {
                res.slots[s].gold += v[s] as f64;
            }
        }
        res.incidents.add(Score {
            correct: pairs.len() as f64,
            predicted: preds.len() as f64,
            gold: doc.templates.len() as f64,
        });
        for &(i, j) in &pairs {
            let (p, t) = (&preds[i], &doc.templates[j]);
            for s in 0..7 {
                res.slots[s].correct += agree[i][j][s] as f64;
            }
            let got = gold_values(t);
            let gave = predicted_values(p);
            for s in 0..7 {
                if agree[i][j][s] < got[s].max(gave[s]) {
                    res.errors.push((
                        s,
                        format!(
                            "{} {}\n      gold {}\n      ours {}",
                            SLOTS[s],
                            doc.id,
                            describe_gold(t),
                            describe_pred(p)
                        ),
                    ));
                }
            }
            for (gold, ours, score) in [(t.killed, p.killed, &mut res.killed), (t.wounded, p.wounded, &mut res.wounded)]
            {
                if let Some(n) = gold.filter(|&n| n > 0) {
                    score.gold += 1.0;
                    if let Some(r) = ours.filter(|r| r.low >= 1) {
                        score.predicted += 1.0;
                        score.correct += f64::from(u8::from(in_range(n, &r)));
                    }
                }
            }
        }
        let matched_p: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
        let matched_t: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
        for (j, t) in doc.templates.iter().enumerate() {
            let hit = usize::from(matched_t.contains(&j));
            let stage = res.by_stage.entry(bare(&t.stage).to_string()).or_default();
            *stage = (stage.0 + hit, stage.1 + 1);
            let kind = res.by_type.entry(t.types.join(" / ")).or_default();
            *kind = (kind.0 + hit, kind.1 + 1);
        }
        for (i, p) in preds.iter().enumerate().filter(|(i, _)| !matched_p.contains(i)) {
            let _ = i;
            res.errors.push((
                7,
                format!(
                    "spurious {} ({} gold templates)\n      ours {}",
                    doc.id,
                    doc.templates.len(),
                    describe_pred(p)
                ),
            ));
        }
        for (_, t) in doc.templates.iter().enumerate().filter(|(j, _)| !matched_t.contains(j)) {
            res.errors.push((8, format!("missed {}\n      gold {}", doc.id, describe_gold(t))));
        }
    }
    res
}

fn print_templates(label: &str, res: &TemplateResult, readings: &[Reading]) {
    println!("\nMUC-4 template slots, {label}:");
    let frames: Vec<&EventFrame> = readings.iter().flat_map(|r| r.frames.iter()).collect();
    println!(
        "  annalist read {} frames ({} happened, {} with a country, {} with a date), fused message by message into {} incidents",
        frames.len(),
        frames.iter().filter(|f| f.status == EventStatus::Happened).count(),
        frames.iter().filter(|f| f.country.is_some()).count(),
        frames.iter().filter(|f| f.date.is_some()).count(),
        readings.iter().map(|r| r.incidents.len()).sum::<usize>()
    );
    println!(
        "  incidents: {} gold templates, {} annalist incidents, {} matched; {} irrelevant messages, {} of them given an incident",
        res.incidents.gold, res.incidents.predicted, res.incidents.correct, res.irrelevant_docs, res.irrelevant_with_incident
    );
    println!("{}", res.incidents.line("incident (matched)"));
    let breakdown = |m: &BTreeMap<String, (usize, usize)>| {
        m.iter().map(|(k, (hit, n))| format!("{k} {hit}/{n}")).collect::<Vec<_>>().join(", ")
    };
    println!("  templates matched by stage: {}", breakdown(&res.by_stage));
    println!("  templates matched by type: {}", breakdown(&res.by_type));
    let mut all = Score::default();
    for (s, name) in SLOTS.iter().enumerate() {
        println!("{}", res.slots[s].line(name));
        all.add(res.slots[s]);
    }
    println!("{}", all.line("all seven slots"));
    println!("{}", res.killed.line("killed count (exact)"));
    println!("{}", res.wounded.line("wounded count (exact)"));
}

// ---------------------------------------------------------------- GRIT role slots

const ROLES: [&str; 5] = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"];

/// GRIT's mention normalisation: lower case, ASCII punctuation out, a/an/the out, spaces collapsed.
fn norm_mention(s: &str) -> String {
    let lower: String = s.to_lowercase().chars().filter(|c| !c.is_ascii_punctuation()).collect();
    lower.split_whitespace().filter(|w| !matches!(*w, "a" | "an" | "the")).collect::<Vec<_>>().join(" ")
}

struct GritDoc {
    id: String,
    text: String,
    /// Per role: entities, each its normalised mentions.
    gold: [Vec<Vec<String>>; 5],
}

fn read_grit(path: &Path) -> Result<Vec<GritDoc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: bad line: {e}", path.display(), n + 1))?;
        let gold = ROLES.map(|role| {
            v["extracts"][role]
                .as_array()
                .map(|entities| {
                    entities
                        .iter()
                        .filter_map(|e| {
                            let mentions: Vec<String> =
                                e.as_array()?.iter().filter_map(|m| m[0].as_str().map(norm_mention)).collect();
                            (!mentions.is_empty()).then_some(mentions)
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        out.push(GritDoc {
            id: v["docid"].as_str().unwrap_or("?").to_string(),
            text: v["doctext"].as_str().unwrap_or("").to_string(),
            gold,
        });
    }
    Ok(out)
}

/// Predicted role fillers of a document, per role: entities of normalised mentions.
fn role_fillers(reading: &Reading) -> [Vec<Vec<String>>; 5] {
    let text = &reading.text;
    let cut = |s: annalist_model::Span| norm_mention(s.slice(text));
    let mut roles: [Vec<Vec<String>>; 5] = Default::default();
    let mut push = |role: usize, m: String| {
        if !m.is_empty() && !roles[role].iter().any(|e| e.contains(&m)) {
            roles[role].push(vec![m]);
        }
    };
    let mut actors: BTreeMap<String, String> = BTreeMap::new();
    let mut frames: Vec<&EventFrame> = reading
        .frames
        .iter()
        .filter(|f| f.event_type != EventType::Arrest)
        .filter(|f| !matches!(f.status, EventStatus::Negated | EventStatus::Hypothetical))
        .collect();
    frames.sort_by_key(|f| f.trigger.start);
    let mut perps: Vec<(usize, String, String)> = Vec::new();
    for f in &frames {
        if let Some(a) = &f.attackers {
            push(0, cut(a.span));
        }
        for p in &f.perpetrators {
            perps.push((p.span.start, p.value.name.clone(), cut(p.span)));
        }
        if let Some(t) = &f.target {
            push(if t.value.is_people() { 3 } else { 2 }, cut(t.span));
        }
        if let Some(w) = &f.weapon {
            push(4, cut(w.span));
        }
    }
    // one PerpOrg entity per actor, named by its first mention in the text
    perps.sort();
    for (_, name, mention) in perps {
        if !mention.is_empty() {
            actors.entry(name).or_insert(mention);
        }
    }
    let mut seen = BTreeSet::new();
    for mention in actors.into_values() {
        if seen.insert(mention.clone()) {
            roles[1].push(vec![mention]);
        }
    }
    roles
}

#[derive(Default)]
struct RoleResult {
    roles: [Score; 5],
    examples: Vec<String>,
}

fn score_roles(docs: &[GritDoc], preds: &[[Vec<Vec<String>>; 5]]) -> RoleResult {
    let mut res = RoleResult::default();
    for (doc, pred) in docs.iter().zip(preds) {
        for r in 0..5 {
            let w: Vec<Vec<f64>> = pred[r]
                .iter()
                .map(|p| doc.gold[r].iter().map(|g| if p.iter().all(|m| g.contains(m)) { 1.0 } else { 0.0 }).collect())
                .collect();
            let pairs = assign(&w);
            res.roles[r].add(Score {
                correct: pairs.len() as f64,
                predicted: pred[r].len() as f64,
                gold: doc.gold[r].len() as f64,
            });
            let hit: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
            let found: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
            for (i, p) in pred[r].iter().enumerate().filter(|(i, _)| !hit.contains(i)) {
                let _ = i;
                res.examples.push(format!("{} {} spurious {:?}", ROLES[r], doc.id, p));
            }
            for (j, g) in doc.gold[r].iter().enumerate().filter(|(j, _)| !found.contains(j)) {
                let _ = j;
                res.examples.push(format!("{} {} missed {:?}", ROLES[r], doc.id, g));
            }
        }
    }
    res
}

fn print_roles(label: &str, res: &RoleResult) {
    println!("\nGRIT role slots (CEAF-REE strict), {label}:");
    let mut all = Score::default();
    for (r, name) in ROLES.iter().enumerate() {
        println!("{}", res.roles[r].line(name));
        all.add(res.roles[r]);
    }
    println!("{}", all.line("micro avg (5 roles)"));
}

// ---------------------------------------------------------------- main

fn main() {
    let mut split = "dev".to_string();
    let mut dir = PathBuf::from("../shared/eval/data/muc4");
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--split" => split = args.next().unwrap_or_default(),
            "--data" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            other => {
                eprintln!("unknown argument {other}; usage: muc4_eval [--split dev|test] [--data DIR] [--errors N]");
                std::process::exit(2);
            }
        }
    }
    let (muc_files, grit_files): (&[&str], &[&str]) = match split.as_str() {
        "dev" => (&["dev_train1300", "tst1", "tst2"], &["train", "dev"]),
        "test" => (&["tst3", "tst4"], &["test"]),
        other => {
            eprintln!("--split must be dev or test, not {other:?}");
            std::process::exit(2);
        }
    };
    let fail = |e: String| -> ! {
        eprintln!("muc4_eval: {e}\n(the MUC-4 data is expected under {}; pass --data DIR)", dir.display());
        std::process::exit(1);
    };
    let docs = read_muc(&dir, muc_files).unwrap_or_else(|e| fail(e));
    let mut grit = Vec::new();
    for f in grit_files {
        grit.extend(read_grit(&dir.join("grit").join(format!("{f}.json"))).unwrap_or_else(|e| fail(e)));
    }
    let started = std::time::Instant::now();
    let raw: Vec<Reading> = docs.par_iter().map(|d| read_text(&d.id, &d.text)).collect();
    let by_id: BTreeMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let lower: Vec<Reading> = grit.par_iter().map(|g| read_text(&g.id, &g.text)).collect();
    let seconds = started.elapsed().as_secs_f64();

    let splits = if split == "dev" { "dev_train1300 + tst1 + tst2" } else { "tst3 + tst4" };
    println!(
        "muc4 {split} ({splits}), each text read as a .txt file through the ingest reader: {} messages ({} irrelevant), {} gold templates; GRIT {} documents; read in {seconds:.1} s",
        docs.len(),
        docs.iter().filter(|d| d.templates.is_empty()).count(),
        docs.iter().map(|d| d.templates.len()).sum::<usize>(),
        grit.len()
    );
    println!("type map: bombing, airstrike → BOMBING; kidnapping, hostage taking, hijacking → KIDNAPPING; any with an incendiary weapon → ARSON; untyped, facility attack, foiled plot with explosives → BOMBING; the rest → ATTACK; arrests left out");

    let raw_t = score_templates(&docs, &raw);
    print_templates("MUC text as given (raw .txt)", &raw_t, &raw);

    let picked: Vec<[Vec<Vec<String>>; 5]> =
        grit.iter().map(|g| by_id.get(g.id.as_str()).map(|&i| role_fillers(&raw[i])).unwrap_or_default()).collect();
    let lower_r = score_roles(&grit, &lower.iter().map(role_fillers).collect::<Vec<_>>());
    let raw_r = score_roles(&grit, &picked);
    print_roles("GRIT's lowercased text", &lower_r);
    print_roles("MUC text as given (raw .txt)", &raw_r);
    println!("\npublished (test = tst3 + tst4, five role slots): GRIT F1 54.50, GTT F1 50.23");
    let f1 = |r: &RoleResult| {
        let mut all = Score::default();
        r.roles.iter().for_each(|s| all.add(*s));
        100.0 * all.f1()
    };
    let mut template = Score::default();
    raw_t.slots.iter().for_each(|s| template.add(*s));
    println!(
        "annalist {split}: role-slot F1 {:.2} (raw MUC text), {:.2} (GRIT's lowercased text); template slots F1 {:.2} (raw MUC text)",
        f1(&raw_r),
        f1(&lower_r),
        100.0 * template.f1()
    );

    if errors > 0 {
        let names = ["type", "date", "country", "perpetrator org", "weapon", "died", "injured", "spurious", "missed"];
        for (s, name) in names.iter().enumerate() {
            println!("\n-- {name} errors, first {errors}:");
            for (_, e) in raw_t.errors.iter().filter(|(k, _)| *k == s).take(errors) {
                println!("  {e}");
            }
        }
        println!("\n-- role errors, first {}:", errors * 5);
        for e in raw_r.examples.iter().take(errors * 5) {
            println!("  {e}");
        }
    }
}
