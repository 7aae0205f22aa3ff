//! Event and argument extraction against WikiEvents (dev and test, 40 articles): attack
//! (`Conflict.Attack.*`), die (`Life.Die.*`) and injure (`Life.Injure.*`) events and their
//! Attacker, Target, Instrument, Place and Victim arguments.
//!
//! Each article is one document, its sentences one paragraph each (WikiEvents keeps no
//! paragraphs; `--one-paragraph` puts them all in one), cleaned and extracted. annalist's
//! frames become predicted events (arrests and negated or hypothetical frames left out):
//!
//! - every frame is an attack in its trigger's sentence, with Attacker ← the perpetrators'
//!   and the attackers' evidence, Target ← the target's, Instrument ← the weapon's, Place ← the
//!   place's (and the country's, when its words differ);
//! - a frame with a killed count of at least one is also a die event in the sentence of that
//!   count, with Victim ← the count's words and a target that is people, and the same
//!   Attacker and Place; a wounded count likewise an injure event, with the Instrument too
//!   (KAIROS gives a death no Instrument role).
//!
//! Predicted events of one kind in one sentence are one event (their arguments pooled).
//! WikiEvents' roles are read into these: Killer and Injurer are Attacker, ExplosiveDevice is
//! Instrument.
//!
//! Matching: per article and kind, predicted and gold events are paired one-to-one, only
//! within the same sentence (a trigger overlap implies it), maximising 1 + the matched
//! arguments of each pair. Within a pair, per role, predicted and gold arguments are paired
//! one-to-one by head word: the last word of one (lower case) is a word of the other. The
//! "coref" figures also accept any mention coreferent with the gold argument (WikiEvents'
//! coreference clusters). Arguments of unpaired events count as wrong or missed.
//!
//!     cargo run --release -p annalist --example wikievents_eval [-- --data DIR] [--one-paragraph] [--errors N]

// Slots, roles and kinds are parallel fixed-size arrays indexed together.
#![allow(clippy::needless_range_loop)]

mod common;
use annalist_clean::clean;
use annalist_extract::Extractor;
use annalist_model::{Document, EventFrame, EventStatus, EventType, Span};
use common::assign;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const KINDS: [&str; 3] = ["attack", "die", "injure"];
const ROLES: [&str; 5] = ["Attacker", "Target", "Instrument", "Place", "Victim"];

/// Which roles each kind is scored on, by the KAIROS ontology WikiEvents follows: an attack
/// has no Victim role, a death no Target or Instrument (its Killer is read as Attacker), an
/// injury no Target.
fn scored(kind: usize, role: usize) -> bool {
    !matches!((kind, role), (0, 4) | (1, 1 | 2) | (2, 1))
}

fn kind_of(event_type: &str) -> Option<usize> {
    if event_type.starts_with("Conflict.Attack") {
        Some(0)
    } else if event_type.starts_with("Life.Die") {
        Some(1)
    } else if event_type.starts_with("Life.Injure") {
        Some(2)
    } else {
        None
    }
}

fn role_of(role: &str) -> Option<usize> {
    match role {
        "Attacker" | "Killer" | "Injurer" => Some(0),
        "Target" => Some(1),
        "Instrument" | "ExplosiveDevice" => Some(2),
        "Place" => Some(3),
        "Victim" => Some(4),
        _ => None,
    }
}

/// A gold argument: its text and every mention coreferent with it.
struct GoldArg {
    text: String,
    coref: Vec<String>,
}

struct Event {
    kind: usize,
    sentence: usize,
    trigger: String,
    args: [Vec<GoldArg>; 5],
}

struct Article {
    id: String,
    sentences: Vec<String>,
    events: Vec<Event>,
}

fn read(dir: &Path) -> Result<Vec<Article>, String> {
    let mut out = Vec::new();
    for split in ["dev", "test"] {
        let path = dir.join(format!("{split}.jsonl"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // coreference clusters, when the coref folder is there
        let coref_path = dir.join("coref").join(format!("{split}.jsonlines"));
        let mut cluster_of: BTreeMap<String, usize> = BTreeMap::new();
        let mut clusters: Vec<Vec<String>> = Vec::new();
        if let Ok(c) = std::fs::read_to_string(&coref_path) {
            for line in c.lines().filter(|l| !l.trim().is_empty()) {
                let Ok(v) = serde_json::from_str::<Value>(line) else { continue };
                for cl in v["clusters"].as_array().into_iter().flatten() {
                    let ids: Vec<String> =
                        cl.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_string)).collect();
                    for id in &ids {
                        cluster_of.insert(id.clone(), clusters.len());
                    }
                    clusters.push(ids);
                }
            }
        }
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: Value =
                serde_json::from_str(line).map_err(|e| format!("{}:{}: bad line: {e}", path.display(), n + 1))?;
            let sentences: Vec<String> = v["sentences"]
                .as_array()
                .map(|a| a.iter().filter_map(|s| s[1].as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            let mention_text: BTreeMap<String, String> = v["entity_mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| Some((m["id"].as_str()?.to_string(), m["text"].as_str()?.to_string())))
                .collect();
            let mut events = Vec::new();
            for e in v["event_mentions"].as_array().into_iter().flatten() {
                let Some(kind) = e["event_type"].as_str().and_then(kind_of) else { continue };
                let mut args: [Vec<GoldArg>; 5] = Default::default();
                for a in e["arguments"].as_array().into_iter().flatten() {
                    let Some(role) = a["role"].as_str().and_then(role_of) else { continue };
                    if !scored(kind, role) {
                        continue;
                    }
                    let entity = a["entity_id"].as_str().unwrap_or("");
                    let coref = cluster_of
                        .get(entity)
                        .map(|&c| clusters[c].iter().filter_map(|id| mention_text.get(id).cloned()).collect())
                        .unwrap_or_default();
                    args[role].push(GoldArg { text: a["text"].as_str().unwrap_or("").to_string(), coref });
                }
                events.push(Event {
                    kind,
                    sentence: e["trigger"]["sent_idx"].as_u64().unwrap_or(0) as usize,
                    trigger: e["trigger"]["text"].as_str().unwrap_or("").to_string(),
                    args,
                });
            }
            out.push(Article { id: v["doc_id"].as_str().unwrap_or("?").to_string(), sentences, events });
        }
    }
    Ok(out)
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

/// Head-word match: the last word of either is a word of the other.
fn head_match(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    wa.last().is_some_and(|h| wb.contains(h)) || wb.last().is_some_and(|h| wa.contains(h))
}

/// A predicted event: kind, sentence and argument strings per role.
struct Predicted {
    kind: usize,
    sentence: usize,
    trigger: String,
    args: [Vec<String>; 5],
}

/// Where each WikiEvents sentence starts in the cleaned text, found in order, as (start,
/// sentence index) pairs; sentences the cleaner dropped (as page chrome) or changed beyond
/// finding are left out and counted.
fn sentence_starts(text: &str, sentences: &[String]) -> (Vec<(usize, usize)>, usize) {
    let mut starts = Vec::with_capacity(sentences.len());
    let mut lost = 0;
    let mut cursor = 0;
    for (k, s) in sentences.iter().enumerate() {
        let probe: String = s.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(40).collect();
        match text.get(cursor..).and_then(|rest| rest.find(&probe)).map(|i| cursor + i) {
            Some(i) if !probe.is_empty() => {
                starts.push((i, k));
                cursor = i + probe.len();
            }
            _ => lost += 1,
        }
    }
    (starts, lost)
}

/// The WikiEvents sentence holding byte `offset` of the cleaned text.
fn sentence_of(starts: &[(usize, usize)], offset: usize) -> usize {
    let i = starts.partition_point(|&(s, _)| s <= offset);
    if i == 0 {
        starts.first().map_or(0, |s| s.1)
    } else {
        starts[i - 1].1
    }
}

/// The predicted events of an article, and how many of its sentences were not found again.
fn predict(article: &Article, one_paragraph: bool) -> (Vec<Predicted>, usize) {
    let text = article.sentences.join(if one_paragraph {
        " "
    } else {
        "

"
    });
    let doc = Document::from_text(&article.id, &text, None);
    let Ok(cleaned) = clean(&doc) else {
        eprintln!("wikievents_eval: {} could not be cleaned", article.id);
        return (Vec::new(), article.sentences.len());
    };
    let text = &cleaned.text;
    let (starts, lost) = sentence_starts(text, &article.sentences);
    let cut = |s: Span| s.slice(text).to_string();
    let frames: Vec<EventFrame> = Extractor::builtin()
        .frames(&cleaned)
        .into_iter()
        .filter(|f| f.event_type != EventType::Arrest)
        .filter(|f| !matches!(f.status, EventStatus::Negated | EventStatus::Hypothetical))
        .collect();
    let mut events: BTreeMap<(usize, usize), Predicted> = BTreeMap::new();
    let mut add = |kind: usize, at: usize, trigger: String, role_args: [Vec<String>; 5]| {
        let sentence = sentence_of(&starts, at);
        let e = events.entry((kind, sentence)).or_insert_with(|| Predicted {
            kind,
            sentence,
            trigger,
            args: Default::default(),
        });
        for (r, args) in role_args.into_iter().enumerate() {
            for a in args {
                if scored(kind, r) && !a.trim().is_empty() && !e.args[r].contains(&a) {
                    e.args[r].push(a);
                }
            }
        }
    };
    for f in &frames {
        let mut attackers: Vec<String> = f.perpetrators.iter().map(|p| cut(p.span)).collect();
        attackers.extend(f.attackers.as_ref().map(|a| cut(a.span)));
        let instrument: Vec<String> = f.weapon.iter().map(|w| cut(w.span)).collect();
        let mut place: Vec<String> = f.place.iter().map(|p| cut(p.span)).collect();
        if let Some(c) = f.country.as_ref().map(|c| cut(c.span)).filter(|c| !place.contains(c)) {
            place.push(c);
        }
        let target: Vec<String> = f.target.iter().map(|t| cut(t.span)).collect();
        let people: Vec<String> = f.target.iter().filter(|t| t.value.is_people()).map(|t| cut(t.span)).collect();
        add(
            0,
            f.trigger.start,
            cut(f.trigger),
            [attackers.clone(), target, instrument.clone(), place.clone(), Vec::new()],
        );
        for (kind, count) in [(1, &f.killed), (2, &f.wounded)] {
            if let Some(c) = count.as_ref().filter(|c| c.value.low >= 1 || c.value.high.is_none()) {
                let mut victims = vec![cut(c.span)];
                victims.extend(people.iter().cloned());
                add(
                    kind,
                    c.span.start,
                    cut(f.trigger),
                    [attackers.clone(), Vec::new(), instrument.clone(), place.clone(), victims],
                );
            }
        }
    }
    (events.into_values().collect(), lost)
}

#[derive(Default, Clone, Copy)]
struct Score {
    correct: usize,
    predicted: usize,
    gold: usize,
}

impl Score {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }
    fn line(&self, name: &str) -> String {
        let (p, r, f) = self.prf();
        format!(
            "  {name:<22} P {p:>6.2}  R {r:>6.2}  F1 {f:>6.2}   ({} correct / {} predicted / {} gold)",
            self.correct, self.predicted, self.gold
        )
    }
}

/// How many of `gold` the `pred` strings match one-to-one.
fn matched_args(pred: &[String], gold: &[GoldArg], coref: bool) -> Vec<(usize, usize)> {
    let w: Vec<Vec<f64>> = pred
        .iter()
        .map(|p| {
            gold.iter()
                .map(|g| {
                    let hit = head_match(p, &g.text) || coref && g.coref.iter().any(|m| head_match(p, m));
                    if hit {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    assign(&w)
}

struct Scores {
    events: [Score; 3],
    args: [[Score; 5]; 3],
    misses: Vec<String>,
}

fn score(articles: &[Article], preds: &[Vec<Predicted>], coref: bool) -> Scores {
    let mut res = Scores { events: [Score::default(); 3], args: [[Score::default(); 5]; 3], misses: Vec::new() };
    for (article, pred) in articles.iter().zip(preds) {
        for kind in 0..3 {
            let p: Vec<&Predicted> = pred.iter().filter(|e| e.kind == kind).collect();
            let g: Vec<&Event> = article.events.iter().filter(|e| e.kind == kind).collect();
            let weights: Vec<Vec<f64>> = p
                .iter()
                .map(|pe| {
                    g.iter()
                        .map(|ge| {
                            if pe.sentence != ge.sentence {
                                return 0.0;
                            }
                            1.0 + (0..5)
                                .map(|r| matched_args(&pe.args[r], &ge.args[r], coref).len() as f64)
                                .sum::<f64>()
                        })
                        .collect()
                })
                .collect();
            let pairs = assign(&weights);
            res.events[kind].correct += pairs.len();
            res.events[kind].predicted += p.len();
            res.events[kind].gold += g.len();
            for pe in &p {
                for r in 0..5 {
                    res.args[kind][r].predicted += pe.args[r].len();
                }
            }
            for ge in &g {
                for r in 0..5 {
                    res.args[kind][r].gold += ge.args[r].len();
                }
            }
            for &(i, j) in &pairs {
                for r in 0..5 {
                    let m = matched_args(&p[i].args[r], &g[j].args[r], coref);
                    res.args[kind][r].correct += m.len();
                    let hit: BTreeSet<usize> = m.iter().map(|x| x.1).collect();
                    let used: BTreeSet<usize> = m.iter().map(|x| x.0).collect();
                    let missed: Vec<&str> = (0..g[j].args[r].len())
                        .filter(|k| !hit.contains(k))
                        .map(|k| g[j].args[r][k].text.as_str())
                        .collect();
                    let wrong: Vec<&str> = (0..p[i].args[r].len())
                        .filter(|k| !used.contains(k))
                        .map(|k| p[i].args[r][k].as_str())
                        .collect();
                    if !missed.is_empty() || !wrong.is_empty() {
                        res.misses.push(format!(
                            "{} {} s{} '{}' {}: gold missed {:?}, ours unmatched {:?}",
                            article.id, KINDS[kind], g[j].sentence, g[j].trigger, ROLES[r], missed, wrong
                        ));
                    }
                }
            }
            let pi: BTreeSet<usize> = pairs.iter().map(|x| x.0).collect();
            let gi: BTreeSet<usize> = pairs.iter().map(|x| x.1).collect();
            for (k, e) in g.iter().enumerate().filter(|(k, _)| !gi.contains(k)) {
                let _ = k;
                res.misses
                    .push(format!("{} {} s{} '{}': event missed", article.id, KINDS[kind], e.sentence, e.trigger));
            }
            for (k, e) in p.iter().enumerate().filter(|(k, _)| !pi.contains(k)) {
                let _ = k;
                res.misses
                    .push(format!("{} {} s{} '{}': spurious event", article.id, KINDS[kind], e.sentence, e.trigger));
            }
        }
    }
    res
}

fn print(label: &str, res: &Scores) {
    println!("\n{label}:");
    println!(" event detection");
    for (k, kind) in KINDS.iter().enumerate() {
        println!("{}", res.events[k].line(kind));
    }
    println!(" arguments");
    let mut all = Score::default();
    for (k, kind) in KINDS.iter().enumerate() {
        for (r, role) in ROLES.iter().enumerate().filter(|(r, _)| scored(k, *r)) {
            println!("{}", res.args[k][r].line(&format!("{kind} {role}")));
            all.correct += res.args[k][r].correct;
            all.predicted += res.args[k][r].predicted;
            all.gold += res.args[k][r].gold;
        }
    }
    println!("{}", all.line("all arguments"));
}

fn main() {
    let mut dir = PathBuf::from("../shared/eval/data/wikievents/data/wikievents");
    let mut one_paragraph = false;
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--one-paragraph" => one_paragraph = true,
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            other => {
                eprintln!(
                    "unknown argument {other}; usage: wikievents_eval [--data DIR] [--one-paragraph] [--errors N]"
                );
                std::process::exit(2);
            }
        }
    }
    let articles = read(&dir).unwrap_or_else(|e| {
        eprintln!("wikievents_eval: {e}\n(WikiEvents is expected under {}; pass --data DIR)", dir.display());
        std::process::exit(1);
    });
    let (preds, lost): (Vec<Vec<Predicted>>, Vec<usize>) = articles.iter().map(|a| predict(a, one_paragraph)).unzip();
    let gold_events: usize = articles.iter().map(|a| a.events.len()).sum();
    println!(
        "wikievents (dev + test): {} articles, {} sentences, {gold_events} gold attack/die/injure events, {} predicted; {}; {} sentences not found in the cleaned text",
        articles.len(),
        articles.iter().map(|a| a.sentences.len()).sum::<usize>(),
        preds.iter().map(|p| p.len()).sum::<usize>(),
        if one_paragraph { "each article one paragraph" } else { "each sentence a paragraph" },
        lost.iter().sum::<usize>()
    );
    let head = score(&articles, &preds, false);
    let coref = score(&articles, &preds, true);
    print("head-word match", &head);
    print("head-word match, coreferent mentions accepted", &coref);
    for m in head.misses.iter().take(errors) {
        println!("  {m}");
    }
}
