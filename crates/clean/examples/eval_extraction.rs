//! Scores the HTML cleaner on the article-extraction benchmark (181 real news pages with gold
//! article bodies) the way that benchmark scores: precision, recall and F1 over 4-word shingles
//! per page, each page's counts normalised, precision and recall averaged over pages. Also prints
//! the cleaner's throughput on one core (decompression not counted).
//!
//! `cargo run -p annalist-clean --release --example eval_extraction [-- [DIR] [--worst N] [--show ID] [--dump FILE]]`
//! DIR defaults to the evaluation kit's `data/article-extraction`. `--dump FILE` writes the
//! extracted bodies in the benchmark's own output format (`{id: {"articleBody": ...}}`), so that
//! its `evaluate.py` can check these numbers.

use annalist_model::{content_hash, Document, MediaType};
use regex::Regex;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const DEFAULT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/data/article-extraction");

fn shingles<'a>(tokens: &[&'a str], n: usize) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let count = if tokens.len() >= n { tokens.len() - n + 1 } else { 1 };
    for i in 0..count {
        let end = (i + n).min(tokens.len());
        *out.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// Normalised (tp, fp, fn) of one page.
fn match_shingles(word: &Regex, gold: &str, predicted: &str) -> (f64, f64, f64) {
    let g: Vec<&str> = word.find_iter(gold).map(|m| m.as_str()).collect();
    let p: Vec<&str> = word.find_iter(predicted).map(|m| m.as_str()).collect();
    let (gs, ps) = (shingles(&g, 4), shingles(&p, 4));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in gs.keys().chain(ps.keys().filter(|k| !gs.contains_key(*k))) {
        let t = *gs.get(key).unwrap_or(&0) as f64;
        let q = *ps.get(key).unwrap_or(&0) as f64;
        tp += t.min(q);
        fp += (q - t).max(0.0);
        fn_ += (t - q).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn main() {
    let mut dir = PathBuf::from(DEFAULT_DIR);
    let mut worst = 0usize;
    let mut show: Option<String> = None;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--worst" => worst = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--show" => show = args.next(),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dir = PathBuf::from(arg),
        }
    }
    let gold_text = match std::fs::read_to_string(dir.join("ground-truth.json")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.join("ground-truth.json").display());
            std::process::exit(2);
        }
    };
    let gold: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&gold_text).expect("ground-truth.json");
    let word = Regex::new(r"\w+").expect("word pattern");
    let mut keys: Vec<&String> = gold.keys().collect();
    keys.sort();
    let mut results = Vec::new();
    let mut elapsed = Duration::ZERO;
    let mut bytes = 0usize;
    let mut failures = 0;
    let mut dumped = serde_json::Map::new();
    for key in keys {
        let path = dir.join("html").join(format!("{key}.html.gz"));
        let mut raw = Vec::new();
        let read = std::fs::File::open(&path).and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut raw));
        if let Err(e) = read {
            eprintln!("{}: {e}", path.display());
            continue;
        }
        let url = gold[key]["url"].as_str().map(String::from);
        let doc = Document {
            id: key.clone(),
            origin: path.display().to_string(),
            url: url.clone(),
            media_type: MediaType::Html,
            declared_charset: None,
            declared_title: None,
            declared_date: None,
            declared_outlet: None,
            content_hash: content_hash(&raw),
            raw,
        };
        bytes += doc.raw.len();
        let start = Instant::now();
        let cleaned = annalist_clean::clean(&doc);
        elapsed += start.elapsed();
        let predicted = match cleaned {
            Ok(a) => a.text,
            Err(_) => {
                failures += 1;
                String::new()
            }
        };
        let gold_body = gold[key]["articleBody"].as_str().unwrap_or("");
        if show.as_deref() == Some(key.as_str()) {
            println!("=== GOLD\n{gold_body}\n=== PREDICTED\n{predicted}\n===");
        }
        let counts = match_shingles(&word, gold_body, &predicted);
        if dump.is_some() {
            dumped.insert(key.clone(), serde_json::json!({ "articleBody": predicted }));
        }
        results.push((key.clone(), url.unwrap_or_default(), counts));
    }
    let ps: Vec<f64> =
        results.iter().filter(|r| r.2 .0 + r.2 .1 > 0.0).map(|r| precision(r.2 .0, r.2 .1, r.2 .2)).collect();
    let rs: Vec<f64> =
        results.iter().filter(|r| r.2 .0 + r.2 .2 > 0.0).map(|r| recall(r.2 .0, r.2 .1, r.2 .2)).collect();
    let p = ps.iter().sum::<f64>() / ps.len().max(1) as f64;
    let r = rs.iter().sum::<f64>() / rs.len().max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    if worst > 0 {
        let mut by_f1: Vec<_> = results
            .iter()
            .map(|(k, u, c)| {
                let (pp, rr) = (precision(c.0, c.1, c.2), recall(c.0, c.1, c.2));
                let f = if pp + rr > 0.0 { 2.0 * pp * rr / (pp + rr) } else { 0.0 };
                (f, pp, rr, k, u)
            })
            .collect();
        by_f1.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, pp, rr, k, u) in by_f1.iter().take(worst) {
            println!("{f:.3} P={pp:.3} R={rr:.3} {} {u}", &k[..12]);
        }
    }
    if let Some(path) = &dump {
        let json = serde_json::Value::Object(dumped).to_string();
        if let Err(e) = std::fs::write(path, json) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!("pages={} failed={failures}", results.len());
    println!(
        "throughput: {:.0} pages/s/core, {:.1} MB/s (clean only, one thread, {:.2} s for {:.1} MB)",
        results.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        secs,
        bytes as f64 / 1e6
    );
    println!("extraction P={p:.3} R={r:.3} F1={f1:.3}");
}
