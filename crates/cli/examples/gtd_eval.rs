//! Per-summary extraction against the Global Terrorism Database's coders: each row of a GTD split
//! (`../shared/eval/data/gtd/{train,dev,test}.jsonl`, one coder's summary as `text` with its
//! date as the JSON `date`) is read, cleaned and extracted as `annalist extract` does (the
//! JSON Lines reader, the cleaner, the extractor), and the main frame (else the first) is held
//! against the row's gold fields, as `../shared/eval/gtd_score.py` scores them:
//!
//! - killed / wounded: the frame's low toll equals `nkill` / `nwound` (no frame or no toll reads
//!   as 0), on all rows and on the rows where the gold toll is above 0 (the figures that count);
//!   GTD's `nkill` counts the attackers who died among the dead, so the frame's victims killed
//!   and attackers killed are summed for it, as the `gtd-csv` export sums them;
//! - country (ISO alpha-2), place (the frame's place name equals the gold city, folded to ASCII
//!   letters and digits), perpetrator (the gold group name, when not "Unknown", names one of the
//!   frame's perpetrators that is not denied, `gtd::same_group`: one folded name holds the
//!   other, or one of the actor base's names for the group stands as whole words in GTD's), type (the
//!   contract's type of GTD's first attack type).
//!
//! The last line is `gtd SPLIT docs=N killed_pos=… wounded_pos=… perpetrator=… country=… type=…
//! place=…`. `--misses N` prints N misses of each field, on the train and dev splits only (the
//! test split is for reported figures, never read error by error).
//!
//!     cargo run --release -p annalist --example gtd_eval [-- --split dev|test|train|all] [--misses N]

#[path = "common/gtd.rs"]
mod gtd;

use annalist_clean::clean;
use annalist_extract::Extractor;
use annalist_model::{AttributionStatus, EventFrame, EventType};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Default)]
struct Tally {
    hits: HashMap<&'static str, usize>,
    of: HashMap<&'static str, usize>,
}

impl Tally {
    fn add(&mut self, field: &'static str, hit: bool) {
        *self.of.entry(field).or_default() += 1;
        *self.hits.entry(field).or_default() += usize::from(hit);
    }
    fn share(&self, field: &str) -> f64 {
        let of = self.of.get(field).copied().unwrap_or(0);
        if of == 0 {
            0.0
        } else {
            self.hits.get(field).copied().unwrap_or(0) as f64 / of as f64
        }
    }
    fn line(&self, field: &str) -> String {
        let of = self.of.get(field).copied().unwrap_or(0);
        let hits = self.hits.get(field).copied().unwrap_or(0);
        format!("{:.3} ({hits}/{of})", self.share(field))
    }
}

fn score(split: &str, misses: usize) {
    let (docs, gold) = gtd::read(split);
    let extractor = Extractor::builtin();
    let started = std::time::Instant::now();
    let read: Vec<(String, String, Vec<EventFrame>)> = docs
        .par_iter()
        .map(|doc| match clean(doc) {
            Ok(article) => (article.id.clone(), article.text.clone(), extractor.frames(&article)),
            Err(_) => (doc.id.clone(), String::new(), Vec::new()),
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let mut tally = Tally::default();
    let mut confusion: HashMap<(EventType, Option<EventType>), usize> = HashMap::new();
    let mut shown: HashMap<&str, usize> = HashMap::new();
    let show_misses = misses > 0 && split != "test";
    let mut miss = |field: &'static str, id: &str, gold: String, got: String, text: &str| {
        let n = shown.entry(field).or_default();
        if show_misses && *n < misses {
            *n += 1;
            println!("  MISS {field} {id} gold={gold} got={got} :: {}", text.chars().take(300).collect::<String>());
        }
    };
    for (id, text, frames) in &read {
        let Some(g) = gold.get(id) else { continue };
        let main = frames.iter().find(|f| f.main).or(frames.first());
        tally.add("found", main.is_some());
        for (field, pos, key) in [("killed", "killed_pos", "nkill"), ("wounded", "wounded_pos", "nwound")] {
            let Some(want) = g.get(key).and_then(Value::as_u64) else { continue };
            let got =
                main.and_then(
                    |f| if field == "killed" { all_killed(f) } else { f.wounded.as_ref().map(|t| t.value.low) },
                );
            tally.add(field, got.unwrap_or(0) == want);
            if want > 0 {
                tally.add(pos, got == Some(want));
                if got != Some(want) {
                    miss(pos, id, want.to_string(), format!("{got:?}"), text);
                }
            }
        }
        if let Some(want) = g.get("country").and_then(Value::as_str) {
            let got = main.and_then(|f| f.country.as_ref()).map(|c| c.value.as_str());
            tally.add("country", got == Some(want));
            if got != Some(want) {
                miss("country", id, want.into(), format!("{got:?}"), text);
            }
        }
        if let Some(want) = g.get("city").and_then(Value::as_str) {
            let got = main.and_then(|f| f.place.as_ref()).map(|p| gtd::fold(&p.value.name)).unwrap_or_default();
            let ok = !got.is_empty() && got == gtd::fold(want);
            tally.add("place", ok);
            if !ok {
                miss("place", id, want.into(), got, text);
            }
        }
        let group = gtd::fold(g.get("gname").and_then(Value::as_str).unwrap_or(""));
        if !group.is_empty() && group != "unknown" {
            let names: Vec<String> = main
                .map(|f| {
                    f.perpetrators
                        .iter()
                        .filter(|p| p.value.status != AttributionStatus::Denied)
                        .map(|p| p.value.name.clone())
                        .collect()
                })
                .unwrap_or_default();
            let ok = names.iter().any(|n| gtd::same_group(n, &group));
            tally.add("perpetrator", ok);
            if !ok {
                miss("perpetrator", id, group.clone(), format!("{names:?}"), text);
            }
        }
        if let Some(want) = g.get("attacktype").and_then(Value::as_str).and_then(gtd::contract_type) {
            let got = main.map(|f| f.event_type);
            tally.add("type", got == Some(want));
            *confusion.entry((want, got)).or_default() += 1;
            if got != Some(want) {
                miss("type", id, format!("{want:?}"), format!("{got:?}"), text);
            }
        }
    }
    println!("gtd {split}: {} summaries read, extracted in {seconds:.1} s", read.len());
    for (field, label) in [
        ("found", "a frame"),
        ("killed", "killed exact, all"),
        ("killed_pos", "killed exact, nkill > 0"),
        ("wounded", "wounded exact, all"),
        ("wounded_pos", "wounded exact, nwound > 0"),
        ("perpetrator", "perpetrator (gname known)"),
        ("country", "country"),
        ("type", "attack type"),
        ("place", "place == city"),
    ] {
        println!("  {label:28} {}", tally.line(field));
    }
    print_confusion(&confusion);
    println!(
        "gtd {split} docs={} killed_pos={:.3} wounded_pos={:.3} perpetrator={:.3} country={:.3} type={:.3} place={:.3}",
        read.len(),
        tally.share("killed_pos"),
        tally.share("wounded_pos"),
        tally.share("perpetrator"),
        tally.share("country"),
        tally.share("type"),
        tally.share("place")
    );
}

/// The attack types as a table: a row per gold type, its count, and the types read for it
/// (aggregate counts, printed for every split).
fn print_confusion(confusion: &HashMap<(EventType, Option<EventType>), usize>) {
    println!("  types read per gold type:");
    for want in EventType::ALL {
        let mut row: Vec<(usize, String)> = confusion
            .iter()
            .filter(|((w, _), _)| *w == want)
            .map(|((_, got), n)| (*n, got.map_or("none".to_string(), |t| t.as_str().to_string())))
            .collect();
        if row.is_empty() {
            continue;
        }
        row.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let total: usize = row.iter().map(|r| r.0).sum();
        let cells: Vec<String> = row.iter().map(|(n, t)| format!("{t} {n}")).collect();
        println!("    {:18} {total:5}: {}", want.as_str(), cells.join(", "));
    }
}

fn main() {
    let mut splits = vec!["dev".to_string(), "test".to_string()];
    let mut misses = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--split" => {
                let s = args.next().unwrap_or_default();
                splits = if s == "all" { vec!["train".into(), "dev".into(), "test".into()] } else { vec![s] };
            }
            "--misses" => misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            other => panic!("unknown argument {other}; usage: gtd_eval [--split dev|test|train|all] [--misses N]"),
        }
    }
    for split in &splits {
        score(split, misses);
    }
}

/// Everyone a frame tells died, victims and attackers (GTD's `nkill`), if it tells either.
fn all_killed(f: &EventFrame) -> Option<u64> {
    match (&f.killed, &f.attackers_killed) {
        (None, None) => None,
        (k, a) => Some(k.as_ref().map_or(0, |k| k.value.low) + a.as_ref().map_or(0, |a| a.value.low)),
    }
}
