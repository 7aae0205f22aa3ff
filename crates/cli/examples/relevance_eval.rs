//! The document decision (does an article report a violent incident, arrest or plot at all?)
//! against what its sets say, with the committed model as `annalist ingest` runs it: precision,
//! recall and F1 of "reports one" on the training pool's dev hold-out (`common/relevance.rs`:
//! GTD dev and a fifth of the rest by a stable hash of the id), per set, and on MUC-4 `tst3` +
//! `tst4` (the test split: a message with a template reports an incident), read from the raw
//! texts through the ingest reader. The test is run and reported, never read error by error.
//!
//!     cargo run --release -p annalist --example relevance_eval
//!
//! The last line is `relevance muc4_test P=… R=… F1=…`.

mod common;

use annalist_extract::Extractor;
use rayon::prelude::*;

fn prf(pairs: &[(bool, bool)]) -> (f64, f64, f64) {
    let tp = pairs.iter().filter(|(d, g)| *d && *g).count();
    let fp = pairs.iter().filter(|(d, g)| *d && !*g).count();
    let fn_ = pairs.iter().filter(|(d, g)| !*d && *g).count();
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE))
}

fn line(name: &str, pairs: &[(bool, bool)]) {
    let (p, r, f) = prf(pairs);
    let right = pairs.iter().filter(|(d, g)| d == g).count();
    println!(
        "  {name}: P {p:.3} R {r:.3} F1 {f:.3}, decided right {right}/{} ({} report an incident)",
        pairs.len(),
        pairs.iter().filter(|(_, g)| *g).count()
    );
}

fn main() {
    let extractor = Extractor::builtin();
    let pool = common::relevance::pool();
    let dev: Vec<(&'static str, bool, bool)> = pool
        .par_iter()
        .filter(|e| e.dev)
        .map(|e| (e.source, extractor.read(&e.article).0.reported, e.reported))
        .collect();
    println!("dev hold-out (tuning):");
    line("all", &dev.iter().map(|(_, d, g)| (*d, *g)).collect::<Vec<_>>());
    let mut sources: Vec<&str> = dev.iter().map(|(s, _, _)| *s).collect();
    sources.dedup();
    for source in sources {
        line(source, &dev.iter().filter(|(s, _, _)| *s == source).map(|(_, d, g)| (*d, *g)).collect::<Vec<_>>());
    }
    println!("test:");
    let mut all = Vec::new();
    for split in ["tst3", "tst4"] {
        let pairs: Vec<(bool, bool)> = common::relevance::muc4(&[split])
            .par_iter()
            .map(|(article, reported)| (extractor.read(article).0.reported, *reported))
            .collect();
        line(&format!("MUC-4 {split}"), &pairs);
        all.extend(pairs);
    }
    line("MUC-4 tst3 + tst4", &all);
    let (p, r, f) = prf(&all);
    println!("relevance muc4_test P={p:.3} R={r:.3} F1={f:.3}");
}
