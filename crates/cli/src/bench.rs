//! `annalist bench`: the whole ingest run (read, clean, dedup, extract, store, fuse) over a named
//! corpus, timed stage by stage, with throughput and peak memory.
//!
//! It runs the very code path of `annalist ingest` ([`pipeline::ingest_documents`]), fed by a
//! corpus reader instead of the file walker, into a fresh store. Corpora (under `--root`):
//!
//! - `bbc`: BBC News 2004-2005 (`bbc-news/bbc/{business,...}/NNN.txt`, read by annalist-ingest,
//!   ids `bbc-SECTION-NNN`);
//! - `reuters`: Reuters-21578 (`reuters21578/reuters21578-xml/reut2-NNN.xml`, read by
//!   annalist-ingest as shipped: each `<REUTERS>` record one document, its dateline and body as
//!   text, its `<TITLE>` and `<DATE>` declared);
//! - `mix`: both, BBC first;
//! - `large:N`: N articles made from the mix, streamed: the first pass is the mix itself, and
//!   pass `r` rebuilds each article: its title, then a body of as many sentences as its own (at
//!   least six), drawn from all the sentences of the mix (so it is not a syndicated copy), with a
//!   new id and its date `r` weeks later.
//!   Only the mix (about 35 MB) is held in memory, never the N articles.

use crate::pipeline::{self, RunOptions, Stages, Summary};
use annalist_ingest::{read_inputs, IngestOptions, Skipped};
use annalist_model::{content_hash, Document};
use annalist_store::Store;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A corpus the bench can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    Bbc,
    Reuters,
    Mix,
    Large(usize),
}

impl std::str::FromStr for Corpus {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Corpus, String> {
        match s {
            "bbc" => Ok(Corpus::Bbc),
            "reuters" => Ok(Corpus::Reuters),
            "mix" => Ok(Corpus::Mix),
            _ => {
                let n = s.strip_prefix("large:").ok_or_else(|| {
                    format!(
                        "unknown corpus {s:?}: expected bbc, reuters, mix or large:N (N articles, e.g. large:1000000)"
                    )
                })?;
                let n = n.replace('_', "");
                let n = match n.strip_suffix(['k', 'K']) {
                    Some(k) => k.parse::<usize>().map(|k| k * 1_000),
                    None => match n.strip_suffix(['m', 'M']) {
                        Some(m) => m.parse::<usize>().map(|m| m * 1_000_000),
                        None => n.parse::<usize>(),
                    },
                }
                .map_err(|_| {
                    format!("large:N needs a number of articles (e.g. large:1000000 or large:1M), not {s:?}")
                })?;
                Ok(Corpus::Large(n))
            }
        }
    }
}

impl std::fmt::Display for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Corpus::Bbc => f.write_str("bbc"),
            Corpus::Reuters => f.write_str("reuters"),
            Corpus::Mix => f.write_str("mix"),
            Corpus::Large(n) => write!(f, "large:{n}"),
        }
    }
}

type Item = std::result::Result<Document, Skipped>;

const BBC_SECTIONS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

fn bbc(root: &Path) -> Result<Box<dyn Iterator<Item = Item>>> {
    let dir = root.join("bbc-news").join("bbc");
    if !dir.is_dir() {
        bail!("no BBC corpus at {} (set --root to the folder holding bbc-news/)", dir.display());
    }
    // Each section numbers its files from 001: the section makes the ids unique.
    let sections = BBC_SECTIONS.iter().map(move |section| {
        read_inputs(&[dir.join(section)], &IngestOptions::default()).map(move |item| {
            item.map(|mut doc| {
                doc.id = format!("bbc-{section}-{}", doc.id);
                doc
            })
        })
    });
    Ok(Box::new(sections.flatten()))
}

fn reuters(root: &Path) -> Result<Box<dyn Iterator<Item = Item>>> {
    let dir = root.join("reuters21578").join("reuters21578-xml");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("no Reuters corpus at {} (set --root)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("reut2-") && name.ends_with(".xml")
        })
        .collect();
    files.sort();
    // read as `annalist ingest` reads them: each <REUTERS> record one document, streamed
    Ok(Box::new(read_inputs(&files, &IngestOptions::default())))
}

fn mix(root: &Path) -> Result<Box<dyn Iterator<Item = Item>>> {
    Ok(Box::new(bbc(root)?.chain(reuters(root)?)))
}

/// One article of the mix, split into paragraphs, as the generator reuses it.
struct Base {
    doc: Document,
    /// Byte ranges of the paragraphs of `doc.raw` (separated by blank lines).
    paragraphs: Vec<(usize, usize)>,
    /// Byte ranges of the sentences of the paragraphs after the first (the title), cut after
    /// ". ", "? " and "! ".
    sentences: Vec<(usize, usize)>,
}

fn sentences(raw: &[u8], paragraphs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(s, e) in paragraphs.iter().skip(1) {
        let mut start = s;
        let mut i = s;
        while i + 1 < e {
            if matches!(raw[i], b'.' | b'?' | b'!') && raw[i + 1] == b' ' {
                out.push((start, i + 1));
                start = i + 2;
                i += 2;
            } else {
                i += 1;
            }
        }
        if start < e {
            out.push((start, e));
        }
    }
    out
}

fn paragraphs(raw: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == b'\n' && raw[i + 1] == b'\n' {
            if i > start {
                out.push((start, i));
            }
            while i < raw.len() && raw[i] == b'\n' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if start < raw.len() {
        out.push((start, raw.len()));
    }
    out
}

/// Sentences in the body of a made article, at least.
const MADE_SENTENCES: usize = 6;

/// A 64-bit mixing function (splitmix64's finaliser): a cheap, fixed pseudo-random choice.
fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// `n` articles: the mix, then varied passes over it, made one at a time.
struct Large {
    base: Vec<Base>,
    /// Every body sentence of the mix, as (article, sentence) indexes.
    pool: Vec<(u32, u32)>,
    next: usize,
    n: usize,
    raw: Vec<u8>,
}

impl Large {
    fn new(root: &Path, n: usize) -> Result<Large> {
        let mut base = Vec::new();
        // Records the reader turns away (no body) are not articles: they are left out.
        for doc in mix(root)?.flatten() {
            let paragraphs = paragraphs(&doc.raw);
            let sentences = sentences(&doc.raw, &paragraphs);
            base.push(Base { doc, paragraphs, sentences });
        }
        let pool: Vec<(u32, u32)> = base
            .iter()
            .enumerate()
            .flat_map(|(d, b)| (0..b.sentences.len()).map(move |n| (d as u32, n as u32)))
            .collect();
        if pool.is_empty() {
            bail!("the mix corpus under {} is empty", root.display());
        }
        Ok(Large { base, pool, next: 0, n, raw: Vec::new() })
    }

    fn make(&mut self, k: usize) -> Document {
        let len = self.base.len();
        let (pass, i) = (k / len, k % len);
        let own = &self.base[i];
        if pass == 0 {
            return own.doc.clone();
        }
        // The body: as many sentences as its own, at least MADE_SENTENCES, each drawn (by a
        // hash of pass, article and place) from the sentences of the whole mix; an article of
        // three or more sentences keeps its own first (dateline and lede). Two made articles
        // share a sentence now and then, never most of their text: they are not copies, as
        // most of a real crawl is not.
        let own_sentences = own.sentences.len();
        self.raw.clear();
        if let Some(&(s, e)) = own.paragraphs.first() {
            self.raw.extend_from_slice(&own.doc.raw[s..e]);
        }
        for t in 0..own_sentences.max(MADE_SENTENCES) {
            let (src, (s, e)) = if t == 0 && own_sentences >= 3 {
                (own, own.sentences[0])
            } else {
                let (d, n) =
                    self.pool[mix64(((pass as u64) << 40) ^ ((i as u64) << 8) ^ t as u64) as usize % self.pool.len()];
                let src = &self.base[d as usize];
                (src, src.sentences[n as usize])
            };
            self.raw.extend_from_slice(if t % 2 == 0 { b"\n\n" } else { b" " });
            self.raw.extend_from_slice(&src.doc.raw[s..e]);
        }
        self.raw.push(b'\n');
        let raw = self.raw.clone();
        let d = &own.doc;
        Document {
            id: format!("{}~{pass}", d.id),
            origin: format!("large:{k}"),
            url: None,
            media_type: d.media_type,
            declared_charset: d.declared_charset.clone(),
            declared_title: d.declared_title.clone(),
            declared_date: d.declared_date.map(|day| day + chrono::Duration::weeks(pass as i64)),
            declared_outlet: d.declared_outlet.clone(),
            content_hash: content_hash(&raw),
            raw,
        }
    }
}

impl Iterator for Large {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if self.next >= self.n {
            return None;
        }
        let k = self.next;
        self.next += 1;
        Some(Ok(self.make(k)))
    }
}

/// Peak resident memory of this process (VmHWM), in bytes, where /proc says it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// User plus system CPU time of this process so far, where /proc says it (clock ticks of 1/100 s).
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name, which is in parentheses and may hold spaces
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// What one bench run measured.
pub struct Report {
    pub corpus: Corpus,
    pub summary: Summary,
    pub stages: Stages,
    pub elapsed: Duration,
    pub threads: usize,
    pub peak_rss: Option<u64>,
    /// CPU time (user + system) the run took, all threads.
    pub cpu: Option<Duration>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, t) = (&self.stages, self.elapsed.as_secs_f64().max(1e-9));
        let mb = s.bytes as f64 / 1e6;
        writeln!(
            f,
            "bench {}: {} articles, {:.1} MB in {:.2} s on {} threads: {:.0} articles/s, {:.2} MB/s; peak RSS {}",
            self.corpus,
            self.summary.read,
            mb,
            t,
            self.threads,
            self.summary.read as f64 / t,
            mb / t,
            self.peak_rss.map_or("unknown".into(), |b| format!("{:.0} MB", b as f64 / 1e6)),
        )?;
        writeln!(
            f,
            "  wall:  read {}, store lookups {}, clean+extract+sketch on the workers {} (store of the previous chunk overlapped), dedup {}, store {}, fuse {}, ledger {}",
            secs(s.read),
            secs(s.lookup),
            secs(s.parallel),
            secs(s.dedup),
            secs(s.store),
            secs(s.fuse),
            secs(s.ledger)
        )?;
        let (w, adds) = (&s.dedup_work, s.dedup_articles.max(1) as f64);
        writeln!(
            f,
            "  dedup: {:.1} us per article; per add {:.1} bucket entries walked, {:.1} sketches compared, {:.2} exact checks ({} articles in the index)",
            s.dedup.as_secs_f64() * 1e6 / adds,
            w.walked as f64 / adds,
            w.compared as f64 / adds,
            w.exact_checks as f64 / adds,
            s.dedup_articles
        )?;
        writeln!(
            f,
            "  worker thread time (summed over threads; includes time waiting for a core): clean {}, extract {}, sketch {}",
            secs(s.clean),
            secs(s.extract),
            secs(s.sketch)
        )?;
        if let Some(cpu) = self.cpu {
            writeln!(
                f,
                "  process CPU time {} (user + system, all threads): {:.2} ms per article",
                secs(cpu),
                cpu.as_secs_f64() * 1e3 / (self.summary.read.max(1) as f64)
            )?;
        }
        write!(f, "  {}", self.summary)
    }
}

/// Runs the ingest pipeline over `corpus` into the store at `db` (which should be new).
pub fn run(corpus: Corpus, root: &Path, db: &Path) -> Result<Report> {
    let mut store = Store::open(db)?;
    let docs: Box<dyn Iterator<Item = Item>> = match corpus {
        Corpus::Bbc => bbc(root)?,
        Corpus::Reuters => reuters(root)?,
        Corpus::Mix => mix(root)?,
        Corpus::Large(n) => Box::new(Large::new(root, n)?),
    };
    let mut stages = Stages::default();
    let options = RunOptions { progress: true, report_skips: false };
    let (start, cpu0) = (Instant::now(), cpu_time());
    let summary = pipeline::ingest_documents(&mut store, docs, options, &mut stages)?;
    let elapsed = start.elapsed();
    let cpu = cpu_time().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
    Ok(Report { corpus, summary, stages, elapsed, threads: rayon::current_num_threads(), peak_rss: peak_rss(), cpu })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_names_parse() {
        assert_eq!("bbc".parse::<Corpus>(), Ok(Corpus::Bbc));
        assert_eq!("large:1M".parse::<Corpus>(), Ok(Corpus::Large(1_000_000)));
        assert_eq!("large:2_500".parse::<Corpus>(), Ok(Corpus::Large(2_500)));
        assert!("large:x".parse::<Corpus>().is_err());
        assert!("wiki".parse::<Corpus>().is_err());
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(paragraphs(b"a\n\nbc\n\n\nd\n"), vec![(0, 1), (3, 5), (8, 10)]);
    }

    #[test]
    fn body_sentences_split_after_stops() {
        let raw = b"Title\n\nOne. Two? Three";
        let ranges = sentences(raw, &paragraphs(raw));
        let texts: Vec<&[u8]> = ranges.iter().map(|&(s, e)| &raw[s..e]).collect();
        assert_eq!(texts, vec![&b"One."[..], &b"Two?"[..], &b"Three"[..]]);
    }
}
