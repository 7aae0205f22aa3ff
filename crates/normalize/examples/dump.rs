//! Prints every time expression and count found in the `.txt` files under a folder, one a line,
//! for comparing two versions of the scanners.
//!
//!     cargo run -p annalist-normalize --release --example dump -- DIR

use annalist_normalize::{find_quantities, find_times, TimeOptions};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let reference = NaiveDate::from_ymd_opt(2005, 1, 1);
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let name = f.display();
        for e in find_times(&text, reference, &TimeOptions::default()) {
            println!("{name}\ttime\t{}\t{:?}", e.span.slice(&text), e.value);
        }
        for q in find_quantities(&text) {
            println!("{name}\tcount\t{}\t{}", q.span.slice(&text), q.count);
        }
    }
}
