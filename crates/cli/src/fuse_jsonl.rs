//! `annalist fuse`: the cross-document half of the pipeline without a store. It reads the JSON
//! Lines that `annalist extract` writes (one document per line: id, outlet, published, text,
//! frames), finds syndicated copies among them, fuses their frames and writes incidents in the
//! export schema — what `annalist ingest` followed by `annalist export --what incidents` gives
//! for the same documents in the same order.
//!
//! Order matters as it does in the store: documents are taken in input order (or by an integer
//! `seq` field where the lines carry one, as a cluster job adds when it regroups lines into
//! blocks), which decides dedup's originals and the frame that anchors each incident id.

use crate::export::incident_json;
use crate::pipeline::fuse_frames;
use annalist_dedup::{ArticleMeta, DedupConfig, DedupIndex, Sketch};
use annalist_fuse::SourcedFrame;
use annalist_model::{EventFrame, Incident};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// One line of `annalist extract`'s output, as far as fusion needs it.
#[derive(Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
    text: String,
    #[serde(default)]
    frames: Vec<EventFrame>,
    /// Input order, where a job that regrouped the lines kept it.
    #[serde(default)]
    seq: Option<i64>,
    /// The country all of the document's frames name most (`annalist_fuse::article_country`),
    /// where a job that sends only some of them kept it: `""` when no country leads. Absent,
    /// it is computed from `frames`.
    #[serde(default)]
    article_country: Option<String>,
}

struct Doc {
    seq: i64,
    id: String,
    outlet: Option<String>,
    published: Option<NaiveDate>,
    sketch: Sketch,
    /// The cleaned text, for dedup's exact check of borderline pairs.
    text: String,
    frames: Vec<EventFrame>,
    article_country: Option<String>,
}

/// What `annalist fuse` did.
#[derive(Debug, Default)]
pub struct FuseSummary {
    pub documents: usize,
    pub frames: usize,
    pub duplicates: usize,
    pub incidents: usize,
}

impl std::fmt::Display for FuseSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "read {} documents: {} syndicated copies; {} event frames; {} incidents",
            self.documents, self.duplicates, self.frames, self.incidents
        )
    }
}

fn read_lines(inputs: &[PathBuf], mut each: impl FnMut(&str, String) -> Result<()>) -> Result<()> {
    for input in inputs {
        let name = input.display().to_string();
        let reader: Box<dyn BufRead> = if name == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(input).with_context(|| format!("cannot read {name}"))?,
            ))
        };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {name}"))?;
            if !line.trim().is_empty() {
                each(&format!("{name}:{}", n + 1), line)?;
            }
        }
    }
    Ok(())
}

/// Fuses the documents of `inputs` (files of extract's JSON Lines, `-` for standard input) and
/// returns the incidents in ledger order (date, then id).
pub fn fuse_documents(inputs: &[PathBuf]) -> Result<(Vec<Incident>, FuseSummary)> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut next_seq = 0i64;
    read_lines(inputs, |origin, line| {
        let l: Line = serde_json::from_str(&line)
            .with_context(|| format!("{origin}: not a line of `annalist extract` output"))?;
        next_seq += 1;
        let seq = l.seq.unwrap_or(next_seq);
        let doc = Doc {
            seq,
            published: l.published.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            sketch: Sketch::of(&l.text),
            text: l.text,
            id: l.id,
            outlet: l.outlet,
            article_country: match l.article_country {
                Some(kept) => Some(kept).filter(|c| !c.is_empty()),
                None => annalist_fuse::article_country(&l.frames),
            },
            frames: l.frames,
        };
        // A document read twice replaces its frames and keeps its first place, as in the store.
        match by_id.get(&doc.id) {
            Some(&i) => docs[i] = Doc { seq: docs[i].seq, ..doc },
            None => {
                by_id.insert(doc.id.clone(), docs.len());
                docs.push(doc);
            }
        }
        Ok(())
    })?;
    docs.sort_by_key(|d| d.seq);

    // Dedup in document order, as ingest does; later fuller versions repoint earlier copies.
    // Borderline pairs are verified on the lines' texts, as ingest verifies them on the stored.
    let position: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let mut texts = |id: &str| position.get(id).map(|&i| docs[i].text.clone());
    let mut index = DedupIndex::new(DedupConfig::default());
    let mut duplicate_of: HashMap<String, Option<String>> = HashMap::new();
    for d in &docs {
        let meta = ArticleMeta { published: d.published, text_len: d.text.len() };
        let outcome = index.add_checked(&d.id, d.sketch.clone(), meta, &mut texts);
        duplicate_of.insert(d.id.clone(), outcome.duplicate_of);
        for (copy, original) in outcome.repointed {
            duplicate_of.insert(copy, Some(original));
        }
    }

    let mut summary = FuseSummary { documents: docs.len(), ..FuseSummary::default() };
    summary.duplicates = duplicate_of.values().filter(|d| d.is_some()).count();
    let mut frames = Vec::new();
    for d in docs {
        let dup = duplicate_of.get(&d.id).cloned().flatten();
        for frame in d.frames {
            frames.push(SourcedFrame {
                frame,
                outlet: d.outlet.clone(),
                published: d.published,
                duplicate_of: dup.clone(),
                seq: d.seq,
                article_country: d.article_country.clone(),
            });
        }
    }
    summary.frames = frames.len();
    let mut incidents = fuse_frames(&frames);
    // The store keeps incidents as JSON; read them back the same way so that every value
    // (floats included) is what an export from the store would print.
    for inc in &mut incidents {
        *inc = serde_json::from_str(&serde_json::to_string(inc)?)?;
    }
    incidents.sort_by(|a, b| {
        (a.date_start.is_none(), a.date_start, &a.id).cmp(&(b.date_start.is_none(), b.date_start, &b.id))
    });
    summary.incidents = incidents.len();
    Ok((incidents, summary))
}

/// `annalist fuse`: writes one incident per line in the export schema.
pub fn fuse_jsonl(inputs: &[PathBuf], out: &mut dyn Write) -> Result<FuseSummary> {
    let (incidents, summary) = fuse_documents(inputs)?;
    for inc in &incidents {
        serde_json::to_writer(&mut *out, &incident_json(inc, None))?;
        out.write_all(b"\n")?;
    }
    Ok(summary)
}
