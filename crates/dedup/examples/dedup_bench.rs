//! Throughput and memory of dedup on 100,000 articles.
//!
//!     cargo run -p annalist-dedup --release --example dedup_bench [DATA_DIR] [ARTICLES]
//!
//! The articles are Reuters-21578 bodies and BBC News articles, then seeded edited copies of
//! them (the same edits as the evaluation) until there are ARTICLES (default 100,000).
//! Sketching runs on a rayon pool of 2 threads; adding to the index is sequential, with the
//! exact stage reading borderline pairs' texts from memory (ingest reads them from the store).
//! The same adds without texts (estimates only) are timed for comparison.

mod common;

use annalist_dedup::{ArticleMeta, DedupConfig, DedupIndex, Sketch, ENTRY_BYTES, SKETCH_BYTES};
use common::*;
use rayon::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes live on the heap: the index's real footprint is
/// the growth of this count while it is built (capacities, hash-table buckets and all).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        if !out.is_null() {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let data = data_dir();
    let target: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let mut base = match (reuters(&data), bbc(&data)) {
        (Ok(mut r), Ok(b)) => {
            r.extend(b);
            r
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("cannot read the corpora under {}: {e}", data.display());
            std::process::exit(1);
        }
    };
    base.retain(|d| !d.text.trim().is_empty());
    let mut rng = Rng::new(7);
    let mut docs = base.clone();
    let mut round = 0;
    while docs.len() < target {
        round += 1;
        for (i, d) in base.iter().enumerate() {
            if docs.len() >= target {
                break;
            }
            let donor = &base[rng.below(base.len())].text;
            let (text, _) = edited_copy(&d.text, donor, &mut rng);
            docs.push(Doc { id: format!("{}~{round}-{i}", d.id), text, published: d.published });
        }
    }
    docs.truncate(target);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "{} articles ({} originals, the rest edited copies), {:.1} MB of text, mean {} bytes",
        docs.len(),
        base.len().min(docs.len()),
        bytes as f64 / 1e6,
        bytes / docs.len().max(1)
    );
    let rss_corpus = rss_kib();

    let pool = match rayon::ThreadPoolBuilder::new().num_threads(2).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start 2 threads: {e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    let sketches: Vec<Sketch> = pool.install(|| docs.par_iter().map(|d| Sketch::of(&d.text)).collect());
    let sketch_s = start.elapsed().as_secs_f64();

    let by_id: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let mut texts = |id: &str| by_id.get(id).map(|&i| docs[i].text.clone());
    let live_before = live_bytes();
    let added = Instant::now();
    let mut index = DedupIndex::new(DedupConfig::default());
    let mut copies = 0usize;
    let mut repointed = 0usize;
    for (d, s) in docs.iter().zip(&sketches) {
        let meta = ArticleMeta { published: d.published, text_len: d.text.len() };
        let outcome = index.add_checked(&d.id, s.clone(), meta, &mut texts);
        copies += usize::from(outcome.duplicate_of.is_some());
        repointed += outcome.repointed.len();
    }
    let add_s = added.elapsed().as_secs_f64();
    let index_live = live_bytes().saturating_sub(live_before);
    let total_s = start.elapsed().as_secs_f64();

    let estimated = Instant::now();
    let mut estimates_only = DedupIndex::new(DedupConfig::default());
    for (d, s) in docs.iter().zip(&sketches) {
        estimates_only.add(&d.id, s.clone(), ArticleMeta { published: d.published, text_len: d.text.len() });
    }
    let estimated_s = estimated.elapsed().as_secs_f64();
    let changed = docs.iter().filter(|d| estimates_only.duplicate_of(&d.id) != index.duplicate_of(&d.id)).count();
    let n = docs.len() as f64;
    println!(
        "sketch (2 threads):      {:>8.3} s  {:>10.0} articles/s  ({:.1} MB/s)",
        sketch_s,
        n / sketch_s,
        bytes as f64 / 1e6 / sketch_s
    );
    println!("add (1 thread):          {:>8.3} s  {:>10.0} articles/s  (exact stage on)", add_s, n / add_s);
    println!("sketch + add end to end: {:>8.3} s  {:>10.0} articles/s", total_s, n / total_s);
    println!(
        "add, estimates only:     {:>8.3} s  {:>10.0} articles/s  ({changed} articles with another original than with the exact stage)",
        estimated_s,
        n / estimated_s
    );
    println!("copies found at add time {copies}, repointed {repointed}");
    let work = index.work();
    println!(
        "per add: {:.1} bucket entries walked, {:.1} sketches compared, {:.2} members re-pointed",
        work.walked as f64 / n,
        work.compared as f64 / n,
        work.repointed as f64 / n
    );
    println!(
        "exact stage: {} adds ({:.2} %) asked for texts, {} exact checks ({:.2} per asking add), {:.1} us per check (texts fetched and shingled), {:.1} % of add time",
        work.adds_asking,
        100.0 * work.adds_asking as f64 / n,
        work.exact_checks,
        work.exact_checks as f64 / work.adds_asking.max(1) as f64,
        work.exact_nanos as f64 / 1e3 / work.exact_checks.max(1) as f64,
        100.0 * work.exact_nanos as f64 / 1e9 / add_s
    );

    // Start-up: rebuild the index from persisted sketches, re-deciding borderline pairs on the
    // texts (the store's, at ingest).
    let persisted: Vec<Vec<u8>> = sketches.iter().map(Sketch::to_bytes).collect();
    let live_before = live_bytes();
    let rebuilt = Instant::now();
    let mut again = DedupIndex::new(DedupConfig::default());
    for (d, b) in docs.iter().zip(&persisted) {
        if let Ok(s) = Sketch::from_bytes(b) {
            again.add_checked(&d.id, s, ArticleMeta { published: d.published, text_len: d.text.len() }, &mut texts);
        }
    }
    let rebuild_s = rebuilt.elapsed().as_secs_f64();
    let rebuilt_live = live_bytes().saturating_sub(live_before);
    let before_shrink = live_bytes();
    again.shrink_to_fit();
    let shrunk_live = rebuilt_live.saturating_sub(before_shrink.saturating_sub(live_bytes()));
    let same = docs.iter().filter(|d| again.duplicate_of(&d.id) == index.duplicate_of(&d.id)).count();
    println!(
        "rebuild from persisted:  {:>8.3} s  {:>10.0} articles/s  (same original for {same}/{})",
        rebuild_s,
        n / rebuild_s,
        docs.len()
    );

    let (allocated, used, ids) = (index.heap_bytes(), index.used_bytes(), index.id_bytes());
    println!(
        "index memory: {used} bytes used = {:.1} bytes/article ({:.1} without id text; entry {ENTRY_BYTES} bytes; persisted sketch {SKETCH_BYTES} bytes); {allocated} allocated ({:.1}/article, Vec growth slack)",
        used as f64 / n,
        (used - ids) as f64 / n,
        allocated as f64 / n,
    );
    println!(
        "index heap, counted by the allocator: {:.1} bytes/article built by adds ({:.1} rebuilt from persisted sketches, {:.1} after shrink_to_fit; heap_bytes() says {:.1})",
        index_live as f64 / n,
        rebuilt_live as f64 / n,
        shrunk_live as f64 / n,
        allocated as f64 / n,
    );
    println!(
        "RSS: corpus loaded {:.1} MiB, now {:.1} MiB, peak (VmHWM) {:.1} MiB",
        rss_corpus as f64 / 1024.0,
        rss_kib() as f64 / 1024.0,
        peak_rss_kib().unwrap_or(0) as f64 / 1024.0
    );
}
