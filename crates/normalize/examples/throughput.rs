//! Throughput of both scanners on a folder of plain-text articles (default: the BBC News set of
//! the shared evaluation kit), on one core.
//!
//!     cargo run -p annalist-normalize --release --example throughput [DIR]
//!
//! Reads every `.txt` file under DIR into memory first, then times both scanners in their one
//! pass (`find_times_and_quantities`) over all of them, several rounds, and prints MB/s per core.

use annalist_normalize::{find_times_and_quantities, TimeOptions};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            if let Ok(bytes) = std::fs::read(&p) {
                out.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/data/bbc-news"));
    let mut texts = Vec::new();
    collect(&dir, &mut texts);
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        eprintln!("no .txt files under {}", dir.display());
        std::process::exit(1);
    }
    let reference = NaiveDate::from_ymd_opt(2005, 1, 1);
    let options = TimeOptions::default();
    let rounds = 5;
    let (mut times, mut counts) = (0usize, 0usize);
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        times = 0;
        counts = 0;
        for t in &texts {
            let (found_times, found_counts) = find_times_and_quantities(t, reference, &options);
            times += found_times.len();
            counts += found_counts.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {:.1} MB: {} time expressions, {} quantities; best of {rounds} rounds {:.3} s = {:.1} MB/s per core (both scanners)",
        texts.len(),
        mb,
        times,
        counts,
        best,
        mb / best
    );
}
