//! The ingest run: inputs → clean → dedup → extract → store, then fuse the ledger.
//!
//! Documents are read lazily and processed in chunks: cleaning, extraction and sketching (pure
//! functions of one document) run in parallel with rayon; dedup and storage run in input
//! order, one SQLite transaction per chunk, so a crash loses at most the chunks in flight. A
//! chunk's batch is written while the next chunk is cleaned and extracted.

use crate::boundary::{guarded, one_line};
use annalist_clean::clean;
use annalist_dedup::{ArticleMeta, DedupConfig, DedupIndex, Sketch, TextSource};
use annalist_extract::Extractor;
use annalist_fuse::{fuse, SourcedFrame};
use annalist_ingest::{read_inputs, IngestOptions, Skipped};
use annalist_knowledge::Gazetteer;
use annalist_model::{Article, Document, EventFrame, Relevance};
use annalist_store::{ArticleRecord, DocumentState, LedgerChanges, Store};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const CHUNK: usize = 256;

/// What one ingest run did, printed as its last line.
#[derive(Debug, Default)]
pub struct Summary {
    pub read: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub skipped: BTreeMap<String, usize>,
    /// Of the documents this run stored, those that are syndicated copies of another.
    pub duplicates: usize,
    pub frames: usize,
    pub ledger: LedgerChanges,
    pub incidents: usize,
    /// Of the documents this run stored, those no date reaches (none in the text, the input or
    /// `--date`): stored, and their frames join no dated incident by place alone.
    pub undated: usize,
    /// Of the documents this run stored, those the document decision says report no violent
    /// incident, arrest or plot: stored, with no events read.
    pub not_reported: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let skipped: usize = self.skipped.values().sum();
        write!(
            f,
            "read {} documents: {} new, {} changed, {} unchanged, {} skipped",
            self.read, self.new, self.changed, self.unchanged, skipped
        )?;
        if skipped > 0 {
            let reasons: Vec<String> = self.skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        write!(
            f,
            "; {} syndicated copies; {} event frames; incidents: {} new, {} updated, {} unchanged, {} removed ({} in the ledger)",
            self.duplicates,
            self.frames,
            self.ledger.new,
            self.ledger.updated,
            self.ledger.unchanged,
            self.ledger.removed,
            self.incidents
        )?;
        if self.undated > 0 {
            write!(f, "; {} stored without a date (give one with --date)", self.undated)?;
        }
        if self.not_reported > 0 {
            write!(f, "; {} report no incident (no events read)", self.not_reported)?;
        }
        Ok(())
    }
}

/// The short category of a skip reason, for the summary ("binary data", "empty").
fn reason_kind(reason: &str) -> String {
    reason.split([':', '(']).next().unwrap_or(reason).trim().to_string()
}

enum Processed {
    Skipped(Skipped),
    Unchanged,
    Ready {
        article: Box<Article>,
        origin: String,
        changed: bool,
        relevance: Relevance,
        frames: Vec<EventFrame>,
        sketch: Box<Sketch>,
    },
}

/// Where a run spent its time, and how much it read (for `annalist bench`).
///
/// `read`, `lookup`, `dedup`, `store`, `fuse` and `ledger` are wall time on the run's own
/// thread; `parallel` is the wall time of the overlapped section (the worker threads clean,
/// extract and sketch one chunk while the run's thread stores the previous one, so it holds
/// most of `store`), and `clean`, `extract` and `sketch` the CPU time spent in each on the
/// worker threads, summed.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    pub read: Duration,
    pub lookup: Duration,
    pub parallel: Duration,
    pub clean: Duration,
    pub extract: Duration,
    pub sketch: Duration,
    pub dedup: Duration,
    pub store: Duration,
    pub fuse: Duration,
    pub ledger: Duration,
    /// Raw (undecoded) bytes of the documents read.
    pub bytes: u64,
    /// What the dedup index's adds did (the rebuild from the store's sketches included), and
    /// how many articles it held at the end: the per-article cost the benchmark prints.
    pub dedup_work: annalist_dedup::Work,
    pub dedup_articles: usize,
}

/// How an ingest run reports as it goes.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Draw a progress bar (on a terminal only).
    pub progress: bool,
    /// Print each skipped input on standard error.
    pub report_skips: bool,
}

/// Ingests the files and folders in `inputs` (see [`ingest_documents`]).
pub fn ingest(store: &mut Store, inputs: &[PathBuf], progress: bool) -> Result<Summary> {
    let docs = read_inputs(inputs, &IngestOptions::default());
    let options = RunOptions { progress, report_skips: true };
    ingest_documents(store, docs, options, &mut Stages::default())
}

/// The inputs named on the command line that do not exist (a mistyped path): the run reads
/// the rest, then fails naming them.
pub fn missing_inputs(inputs: &[PathBuf]) -> Vec<String> {
    inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.symlink_metadata().is_err())
        .map(|p| annalist_ingest::path_text(p.as_os_str()))
        .collect()
}

fn nanos(d: Duration) -> u64 {
    d.as_nanos().min(u64::MAX as u128) as u64
}

/// The ingest run over any stream of documents: the one code path of `annalist ingest` and
/// `annalist bench`. Documents are pulled lazily, `CHUNK` at a time; `stages` accumulates
/// where the time went.
pub fn ingest_documents(
    store: &mut Store,
    docs: impl Iterator<Item = Result<Document, Skipped>>,
    options: RunOptions,
    stages: &mut Stages,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut index = DedupIndex::new(DedupConfig::default());
    let t = Instant::now();
    let stored = store.sketches()?;
    let mut recomputed = 0usize;
    // The rebuild re-decides every stored article in its order, borderline pairs on the stored
    // texts, as the run that stored them decided them on the same texts: the families come out
    // as they were (and links a killed run did not save are mended).
    for s in &stored {
        let sketch = match Sketch::from_bytes(&s.sketch) {
            Ok(sketch) => sketch,
            // Written by another build (an older format): sketch the stored text again.
            Err(e) => match store.article(&s.id)? {
                Some(article) => {
                    if recomputed == 0 {
                        eprintln!("the stored sketch of {} is unreadable ({e}); recomputing it from its text", s.id);
                    }
                    recomputed += 1;
                    let sketch = Sketch::of(&article.text);
                    store.set_sketch(&s.id, &sketch.to_bytes())?;
                    sketch
                }
                None => {
                    eprintln!("the stored sketch of {} is unreadable ({e}) and it has no text; dedup skips it", s.id);
                    continue;
                }
            },
        };
        let mut texts = StoredTexts { store, unsaved: &[], current: None, error: None };
        index.add_checked(&s.id, sketch, ArticleMeta { published: s.published, text_len: s.text_len }, &mut texts);
        texts.finish()?;
    }
    if recomputed > 1 {
        eprintln!("recomputed {recomputed} stored dedup sketches from their texts");
    }
    // The rebuilt families are those of an uninterrupted run (adds in the same order); a run
    // stopped between saving a batch and saving the copies it re-pointed left stale links.
    for s in &stored {
        let now = index.duplicate_of(&s.id);
        if index.contains(&s.id) && now != s.duplicate_of.as_deref() {
            store.set_duplicate_of(&s.id, now)?;
        }
    }
    stages.dedup += t.elapsed();
    let extractor = Extractor::builtin();

    let bar = if options.progress && std::io::stderr().is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );

    let (clean_ns, extract_ns, sketch_ns) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    // Cleaning, extraction and sketching are pure functions of one document.
    let process = |slot: Slot| match slot {
        Slot::Done(p) => p,
        Slot::Pending(doc, changed) => {
            let skip = |reason: String| Processed::Skipped(Skipped { origin: doc.origin.clone(), reason });
            let t0 = Instant::now();
            let cleaned = guarded("clean", &doc.id, || clean(&doc));
            let t1 = Instant::now();
            clean_ns.fetch_add(nanos(t1 - t0), Ordering::Relaxed);
            let article = match cleaned {
                Err(panic) => return skip(panic),
                Ok(Err(e)) => return skip(e.to_string()),
                Ok(Ok(article)) => article,
            };
            let frames = guarded("extract", &doc.id, || extract_frames(extractor, &article));
            let t2 = Instant::now();
            extract_ns.fetch_add(nanos(t2 - t1), Ordering::Relaxed);
            let sketch = guarded("dedup", &doc.id, || Sketch::of(&article.text));
            sketch_ns.fetch_add(nanos(t2.elapsed()), Ordering::Relaxed);
            match (frames, sketch) {
                (Err(panic), _) | (_, Err(panic)) => skip(panic),
                (Ok((relevance, frames)), Ok(sketch)) => {
                    let origin = doc.origin.clone();
                    let (article, sketch) = (Box::new(article), Box::new(sketch));
                    Processed::Ready { article, origin, changed, relevance, frames, sketch }
                }
            }
        }
    };
    let mut docs = docs;
    // The batch of the previous chunk, not yet saved: it is written while this chunk is
    // cleaned and extracted on the other threads. Its ids count as stored for the lookups.
    let mut unsaved: Vec<ArticleRecord> = Vec::new();
    let mut unsaved_repoints: Vec<(String, String)> = Vec::new();
    let mut unsaved_ids: HashMap<String, String> = HashMap::new();
    // The documents this run stored (new or changed), for its count of syndicated copies.
    let mut run_ids: Vec<String> = Vec::new();
    loop {
        let t = Instant::now();
        let chunk: Vec<Result<Document, Skipped>> = docs.by_ref().take(CHUNK).collect();
        stages.read += t.elapsed();
        if chunk.is_empty() {
            break;
        }
        // In order, on this thread: is it already stored? (SQLite lookups are cheap.)
        let t = Instant::now();
        let mut slots = Vec::with_capacity(chunk.len());
        for item in chunk {
            slots.push(match item {
                Err(s) => Slot::Done(Processed::Skipped(s)),
                Ok(mut doc) => {
                    stages.bytes += doc.raw.len() as u64;
                    if !unsaved_ids.contains_key(&doc.id) {
                        keep_apart_from_other_files(store, &mut doc)?;
                    }
                    let state = match unsaved_ids.get(&doc.id) {
                        Some(hash) if *hash == doc.content_hash => DocumentState::Unchanged,
                        Some(_) => DocumentState::Changed,
                        None => store.document_state(&doc.id, &doc.content_hash)?,
                    };
                    match state {
                        DocumentState::Unchanged => Slot::Done(Processed::Unchanged),
                        state => Slot::Pending(Box::new(doc), state == DocumentState::Changed),
                    }
                }
            });
        }
        stages.lookup += t.elapsed();
        // In parallel: this chunk on the worker threads, the previous chunk's batch to the
        // store on this one.
        let t = Instant::now();
        let (processed, saved) = std::thread::scope(|scope| {
            let worker = scope.spawn(|| slots.into_par_iter().map(&process).collect::<Vec<Processed>>());
            let t = Instant::now();
            let saved = save(store, &unsaved, &unsaved_repoints);
            stages.store += t.elapsed();
            (worker.join(), saved)
        });
        saved?;
        let processed = processed.map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
        stages.parallel += t.elapsed();
        unsaved.clear();
        unsaved_repoints.clear();
        unsaved_ids.clear();
        let t = Instant::now();
        for p in processed {
            summary.read += 1;
            bar.inc(1);
            match p {
                Processed::Skipped(s) if s.reason.starts_with(PANIC) => {
                    panicked(store, &mut summary, options, &bar, s)?;
                }
                Processed::Skipped(s) => {
                    if options.report_skips {
                        bar.suspend(|| eprintln!("skipped {}: {}", one_line(&s.origin, 400), s.reason));
                    }
                    *summary.skipped.entry(reason_kind(&s.reason)).or_default() += 1;
                }
                Processed::Unchanged => summary.unchanged += 1,
                Processed::Ready { article, origin, changed, relevance, frames, sketch } => {
                    let bytes = sketch.to_bytes();
                    let meta = ArticleMeta { published: article.published, text_len: article.text.len() };
                    // Borderline pairs are verified on the texts: this article's, the chunk's
                    // not yet saved, the store's.
                    let mut texts = StoredTexts {
                        store,
                        unsaved: &unsaved,
                        current: Some((&article.id, &article.text)),
                        error: None,
                    };
                    let outcome =
                        guarded("dedup", &article.id, || index.add_checked(&article.id, *sketch, meta, &mut texts));
                    texts.finish()?;
                    let outcome = match outcome {
                        Ok(outcome) => outcome,
                        Err(reason) => {
                            panicked(store, &mut summary, options, &bar, Skipped { origin, reason })?;
                            continue;
                        }
                    };
                    summary.undated += usize::from(article.published.is_none());
                    if changed {
                        summary.changed += 1;
                    } else {
                        summary.new += 1;
                    }
                    unsaved_repoints.extend(outcome.repointed);
                    summary.frames += frames.len();
                    summary.not_reported += usize::from(!relevance.reported);
                    unsaved_ids.insert(article.id.clone(), article.content_hash.clone());
                    run_ids.push(article.id.clone());
                    unsaved.push(ArticleRecord {
                        article: *article,
                        origin,
                        duplicate_of: outcome.duplicate_of,
                        sketch: bytes,
                        relevance: Some(relevance),
                        frames,
                    });
                }
            }
        }
        stages.dedup += t.elapsed();
        bar.set_message(format!("{} new", summary.new));
    }
    let t = Instant::now();
    save(store, &unsaved, &unsaved_repoints)?;
    stages.store += t.elapsed();
    bar.finish_and_clear();
    stages.clean += Duration::from_nanos(clean_ns.into_inner());
    stages.extract += Duration::from_nanos(extract_ns.into_inner());
    stages.sketch += Duration::from_nanos(sketch_ns.into_inner());
    stages.dedup_work = index.work();
    stages.dedup_articles = index.len();

    let t = Instant::now();
    summary.duplicates = run_ids.iter().filter(|id| index.duplicate_of(id).is_some()).count();
    let frames = sourced_frames(store)?;
    let ledger = reviewed_ledger(store, &frames)?;
    summary.incidents = ledger.incidents.len();
    stages.fuse += t.elapsed();
    let t = Instant::now();
    summary.ledger = store.replace_ledger(&ledger.incidents, &ledger.states)?;
    stages.ledger += t.elapsed();
    Ok(summary)
}

/// The start of a skip reason made from a panic (see `boundary::guarded`).
const PANIC: &str = "panic in ";

/// A document a stage panicked on: reported, counted and kept in the store's log.
fn panicked(store: &Store, summary: &mut Summary, options: RunOptions, bar: &ProgressBar, s: Skipped) -> Result<()> {
    if options.report_skips {
        bar.suspend(|| eprintln!("skipped {}: {}", one_line(&s.origin, 400), s.reason));
    }
    *summary.skipped.entry(reason_kind(&s.reason)).or_default() += 1;
    store.log("skipped", &s.origin, &s.reason)?;
    Ok(())
}

/// The document decision on one article and the extractor's frames of it (none where it
/// reports no incident). In this crate's tests, an article whose text holds
/// [`tests::PANIC_MARK`] panics here, to exercise the boundary.
fn extract_frames(extractor: &Extractor, article: &Article) -> (Relevance, Vec<EventFrame>) {
    #[cfg(test)]
    if article.text.contains(tests::PANIC_MARK) {
        panic!("a test article asked for a panic\nover two lines");
    }
    extractor.read(article)
}

/// The texts dedup's exact stage reads during an ingest: the article being added, the articles
/// of the chunk not yet saved, then the store's.
struct StoredTexts<'a> {
    store: &'a Store,
    unsaved: &'a [ArticleRecord],
    current: Option<(&'a str, &'a str)>,
    /// The first store error, reported after the add.
    error: Option<anyhow::Error>,
}

impl StoredTexts<'_> {
    fn finish(self) -> Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl TextSource for StoredTexts<'_> {
    fn text(&mut self, id: &str) -> Option<String> {
        if let Some((_, text)) = self.current.filter(|c| c.0 == id) {
            return Some(text.to_string());
        }
        if let Some(record) = self.unsaved.iter().rev().find(|r| r.article.id == id) {
            return Some(record.article.text.clone());
        }
        match self.store.text(id) {
            Ok(text) => text,
            Err(e) => {
                self.error.get_or_insert(e.into());
                None
            }
        }
    }
}

/// A file named like one stored by an earlier run from another folder (`a/001.txt` stored,
/// `b/001.txt` read now) is another document, not a new version of it: its id is qualified by
/// its parent folders (`b/001`), as the walk does within one run, and a note says so. The same
/// file read again keeps the id it was stored under (even where this run's walk qualified it,
/// having met a namesake first), as does a file read by another spelling of its path and one
/// whose stored namesake no longer exists (it was moved, then changed). Ids declared by a
/// container (JSON Lines, WARC) are never changed.
fn keep_apart_from_other_files(store: &Store, doc: &mut Document) -> Result<()> {
    if !annalist_ingest::id_from_file_name(doc) {
        return Ok(());
    }
    if let Some(stored) = store.id_of_origin(&doc.origin)? {
        doc.id = stored;
        return Ok(());
    }
    let same_file = |origin: &str| {
        origin == doc.origin
            || match (
                std::fs::canonicalize(annalist_ingest::origin_path(origin)),
                std::fs::canonicalize(annalist_ingest::origin_path(&doc.origin)),
            ) {
                (Ok(a), Ok(b)) => a == b,
                // the stored file is gone: this is where it went
                (Err(_), _) => true,
                (Ok(_), Err(_)) => false,
            }
    };
    let taken = |id: &str| -> Result<bool> { Ok(store.origin_of(id)?.is_some_and(|origin| !same_file(&origin))) };
    if !taken(&doc.id)? {
        return Ok(());
    }
    let first_holder = store.origin_of(&doc.id)?.unwrap_or_default();
    let folders: Vec<String> = std::path::Path::new(&doc.origin)
        .parent()
        .into_iter()
        .flat_map(|p| p.components().rev())
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let mut id = doc.id.clone();
    let mut folders = folders.into_iter().skip(doc.id.matches('/').count());
    let mut n = 1;
    while taken(&id)? {
        id = match folders.next() {
            Some(folder) => format!("{folder}/{id}"),
            None => {
                n += 1;
                format!("{}#{n}", doc.id)
            }
        };
    }
    eprintln!("note: {}: the id {} belongs to {first_holder}, stored earlier; stored as {id}", doc.origin, doc.id);
    doc.id = id;
    Ok(())
}

/// Saves one chunk's batch in one transaction, then the copies dedup moved to a new original.
fn save(store: &mut Store, batch: &[ArticleRecord], repoints: &[(String, String)]) -> Result<()> {
    if batch.is_empty() && repoints.is_empty() {
        return Ok(());
    }
    store.save_batch(batch).context("saving a batch of articles")?;
    for (copy, original) in repoints {
        store.set_duplicate_of(copy, Some(original))?;
    }
    Ok(())
}

/// The machine's ledger from `frames` (every stored frame), then the stored reviews applied:
/// the ledger a person sees. A split fuses the frames of its documents alone.
pub fn reviewed_ledger(store: &Store, frames: &[SourcedFrame]) -> Result<annalist_review::ReviewedLedger> {
    let reviews = store.reviews()?;
    let machine = fuse_frames(frames);
    let refuse = |documents: &[String]| -> Vec<annalist_model::Incident> {
        let wanted: std::collections::HashSet<&str> = documents.iter().map(String::as_str).collect();
        let subset: Vec<SourcedFrame> =
            frames.iter().filter(|f| wanted.contains(f.frame.document.as_str())).cloned().collect();
        fuse_frames(&subset)
    };
    Ok(annalist_review::apply_reviews(machine, &reviews, &refuse))
}

/// Rebuilds the stored ledger (fusion, then the reviews) after a review: what changed.
pub fn rebuild_ledger(store: &mut Store) -> Result<annalist_store::LedgerChanges> {
    let frames = sourced_frames(store)?;
    let ledger = reviewed_ledger(store, &frames)?;
    Ok(store.replace_ledger(&ledger.incidents, &ledger.states)?)
}

/// Every stored frame with what fusion needs of its document, in insertion order.
fn sourced_frames(store: &Store) -> Result<Vec<SourcedFrame>> {
    let stored = store.frames()?;
    let mut by_document: HashMap<&str, Vec<&EventFrame>> = HashMap::new();
    for f in &stored {
        by_document.entry(f.frame.document.as_str()).or_default().push(&f.frame);
    }
    let countries: HashMap<&str, Option<String>> =
        by_document.into_iter().map(|(doc, frames)| (doc, annalist_fuse::article_country(frames))).collect();
    let frames: Vec<SourcedFrame> = stored
        .iter()
        .map(|f| SourcedFrame {
            frame: f.frame.clone(),
            outlet: f.outlet.clone(),
            published: f.published,
            duplicate_of: f.duplicate_of.clone(),
            seq: f.seq,
            article_country: countries.get(f.frame.document.as_str()).cloned().flatten(),
        })
        .collect();
    Ok(frames)
}

/// Fuses frames with the built-in gazetteer's country centroids (the one fuse call of ingest
/// and of `annalist fuse`).
pub fn fuse_frames(frames: &[SourcedFrame]) -> Vec<annalist_model::Incident> {
    let gazetteer = Gazetteer::builtin();
    let centroid = |iso2: &str| gazetteer.country(iso2).map(|c| (c.lat, c.lon));
    fuse(frames, &centroid)
}

enum Slot {
    Done(Processed),
    Pending(Box<Document>, bool),
}

/// What `annalist extract` did.
#[derive(Debug, Default)]
pub struct ExtractSummary {
    pub read: usize,
    pub skipped: usize,
    /// Of the skipped, those a stage panicked on.
    pub panics: usize,
    pub frames: usize,
}

impl fmt::Display for ExtractSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "read {} documents: {} skipped", self.read, self.skipped)?;
        if self.panics > 0 {
            write!(f, " ({} on a panic)", self.panics)?;
        }
        write!(f, "; {} event frames", self.frames)
    }
}

/// Cleans and extracts every input, writing one JSON line per article (no store, no fusion).
pub fn extract_jsonl(inputs: &[PathBuf], out: &mut dyn std::io::Write) -> Result<ExtractSummary> {
    let extractor = Extractor::builtin();
    let mut summary = ExtractSummary::default();
    let mut docs = read_inputs(inputs, &IngestOptions::default());
    loop {
        let chunk: Vec<Result<Document, Skipped>> = docs.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let lines: Vec<std::result::Result<(String, usize), Skipped>> = chunk
            .into_par_iter()
            .map(|item| {
                let doc = item?;
                let skip = |reason: String| Skipped { origin: doc.origin.clone(), reason };
                let article =
                    guarded("clean", &doc.id, || clean(&doc)).map_err(skip)?.map_err(|e| skip(e.to_string()))?;
                let (relevance, frames) =
                    guarded("extract", &doc.id, || extract_frames(extractor, &article)).map_err(skip)?;
                let line = serde_json::json!({
                    "id": article.id,
                    "origin": doc.origin,
                    "url": article.url,
                    "outlet": article.outlet,
                    "title": article.title,
                    "published": article.published.map(|d| d.to_string()),
                    "text": article.text,
                    "relevance": relevance,
                    "frames": frames,
                });
                Ok((line.to_string(), frames.len()))
            })
            .collect();
        for line in lines {
            summary.read += 1;
            match line {
                Err(s) => {
                    eprintln!("skipped {}: {}", one_line(&s.origin, 400), s.reason);
                    summary.skipped += 1;
                    if s.reason.starts_with(PANIC) {
                        summary.panics += 1;
                    }
                }
                Ok((line, frames)) => {
                    summary.frames += frames;
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                }
            }
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Result<Document, Skipped> {
        Ok(Document { origin: format!("{id}.txt"), ..Document::from_text(id, text, None) })
    }

    /// An article holding this panics in extraction (see `extract_frames`).
    pub(super) const PANIC_MARK: &str = "zzpanic-for-the-test";

    #[test]
    fn a_document_a_stage_panics_on_is_skipped_with_its_reason_and_the_run_goes_on() {
        let mut store = Store::in_memory().unwrap();
        let docs = vec![doc("a", &text(1)), doc("bad", &text(2).replace("road works", PANIC_MARK)), doc("c", &text(3))];
        let options = RunOptions { progress: false, report_skips: false };
        let summary = ingest_documents(&mut store, docs.into_iter(), options, &mut Stages::default()).unwrap();
        assert_eq!((summary.read, summary.new), (3, 2), "{summary}");
        assert_eq!(summary.skipped.get("panic in extract"), Some(&1), "{summary}");
        assert!(summary.to_string().contains("1 skipped (1 panic in extract)"), "{summary}");
        let log = store.log_entries().unwrap();
        assert_eq!(log.len(), 1);
        let (_, kind, origin, message) = &log[0];
        assert_eq!((kind.as_str(), origin.as_str()), ("skipped", "bad.txt"));
        assert!(
            message
                .starts_with("panic in extract (document bad): a test article asked for a panic\\nover two lines at "),
            "{message}"
        );
        assert!(message.contains("pipeline.rs:"), "{message}");
    }

    #[test]
    fn extract_runs_on_past_a_document_that_panics() {
        let dir = std::env::temp_dir().join(format!("annalist-panic-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), text(1)).unwrap();
        std::fs::write(dir.join("b.txt"), text(2).replace("road works", PANIC_MARK)).unwrap();
        std::fs::write(dir.join("c.txt"), text(3)).unwrap();
        let mut out = Vec::new();
        let summary = extract_jsonl(std::slice::from_ref(&dir), &mut out).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!((summary.read, summary.skipped, summary.panics), (3, 1, 1), "{summary}");
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    }

    fn text(n: usize) -> String {
        format!("Report {n}\n\nThe council of town number {n} met on a quiet Tuesday to discuss road works and a new library for item {n}.\n")
    }

    #[test]
    fn a_document_seen_in_the_chunk_before_is_stored_already_though_not_yet_written() {
        let mut store = Store::in_memory().unwrap();
        let mut docs: Vec<Result<Document, Skipped>> =
            (0..CHUNK + 10).map(|n| doc(&format!("d{n}"), &text(n))).collect();
        // the second chunk repeats one document of the first as it was, and changes another
        docs.push(doc("d3", &text(3)));
        docs.push(doc("d4", &text(1004)));
        let options = RunOptions { progress: false, report_skips: false };
        let summary = ingest_documents(&mut store, docs.into_iter(), options, &mut Stages::default()).unwrap();
        assert_eq!((summary.read, summary.unchanged, summary.changed), (CHUNK + 12, 1, 1), "{summary}");
        assert_eq!(summary.new + summary.skipped.values().sum::<usize>(), CHUNK + 10, "{summary}");
        assert_eq!(store.document_count().unwrap(), summary.new);
    }
}
