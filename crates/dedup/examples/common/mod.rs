//! Shared by the dedup evaluation and benchmark: loading the public corpora, a seeded
//! generator of edited copies, and pair counting. Evaluation code, not part of the crate.
#![allow(dead_code)]

use annalist_dedup::{sorted_intersection, Sketch};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One article of an evaluation set.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
}

/// The shared data folder, or the first command-line argument.
pub fn data_dir() -> PathBuf {
    std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/data")))
}

fn read_latin1(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Reuters-21578 stories that have a body: id `NEWID`, text the body, date from `<DATE>`.
pub fn reuters(data: &Path) -> std::io::Result<Vec<Doc>> {
    let dir = data.join("reuters21578/reuters21578-xml");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("reut2-")))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for file in files {
        let xml = read_latin1(&file)?;
        for story in xml.split("<REUTERS ").skip(1) {
            let Some(id) = between(story, "NEWID=\"", "\"") else { continue };
            let Some(body) = between(story, "<BODY>", "</BODY>") else { continue };
            let published = between(story, "<DATE>", "</DATE>")
                .and_then(|d| d.split_whitespace().next())
                .and_then(|d| NaiveDate::parse_from_str(d, "%d-%b-%Y").ok());
            docs.push(Doc { id: format!("reuters-{id}"), text: unescape(body), published });
        }
    }
    Ok(docs)
}

/// BBC News articles: id `category/NNN`, text the whole file (headline, blank line, body).
pub fn bbc(data: &Path) -> std::io::Result<Vec<Doc>> {
    let root = data.join("bbc-news/bbc");
    let mut docs = Vec::new();
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files {
            let text = read_latin1(&file)?;
            let category = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let stem = file.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            docs.push(Doc { id: format!("bbc-{category}-{stem}"), text, published: None });
        }
    }
    Ok(docs)
}

/// SplitMix64: a small seeded generator, so every run generates the same set.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

const CITIES: [&str; 8] = ["LONDON", "NEW YORK", "PARIS", "NAIROBI", "DELHI", "SYDNEY", "LAGOS", "TORONTO"];
const AGENCIES: [&str; 5] = ["Newswire", "Global Press", "Wire Services", "City Desk", "Agency Report"];
const MONTHS: [&str; 6] = ["Jan", "Feb", "March", "April", "May", "June"];
const FOOTERS: [&str; 5] = [
    "Copyright {agency}. All rights reserved. This material may not be republished without permission.",
    "Reporting by staff correspondents; editing by the {agency} news desk.",
    "Follow {agency} on social media for the latest updates.\nSign up for our daily newsletter.",
    "({agency})",
    "More stories from {agency}: business, politics, technology.",
];

/// Which edits made one copy (for the per-edit report).
#[derive(Debug, Clone, Copy, Default)]
pub struct Edits {
    pub truncated_to: Option<f64>,
    pub header: bool,
    pub footer: bool,
    pub headline: bool,
    pub inserted: bool,
    pub dropped: bool,
    pub quotes: bool,
    pub rewrapped: bool,
}

/// A copy of `text` (headline line, blank line, paragraphs) with realistic syndication edits.
/// `donor` supplies an inserted paragraph.
pub fn edited_copy(text: &str, donor: &str, rng: &mut Rng) -> (String, Edits) {
    let mut lines = text.lines();
    let mut headline = lines.next().unwrap_or("").trim().to_string();
    let mut paragraphs: Vec<String> = lines.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    let mut edits = Edits::default();
    while !(edits.truncated_to.is_some()
        || edits.header
        || edits.footer
        || edits.headline
        || edits.inserted
        || edits.dropped
        || edits.quotes)
    {
        if rng.chance(0.5) {
            edits.truncated_to = Some(rng.uniform(0.3, 0.9));
        }
        edits.header = rng.chance(0.4);
        edits.footer = rng.chance(0.4);
        edits.headline = rng.chance(0.4);
        edits.inserted = rng.chance(0.3);
        edits.dropped = rng.chance(0.3) && paragraphs.len() >= 3;
        edits.quotes = rng.chance(0.5);
        edits.rewrapped = rng.chance(0.3);
    }
    let agency = *rng.pick(&AGENCIES);
    if edits.dropped {
        let at = rng.below(paragraphs.len());
        paragraphs.remove(at);
    }
    if edits.inserted {
        // A paragraph of 20 to 60 words (BBC paragraphs average about 35) from the donor text.
        let words: Vec<&str> = donor.split_whitespace().collect();
        if words.len() > 60 {
            let len = 20 + rng.below(41);
            let from = rng.below(words.len() - len + 1);
            let p = words[from..from + len].join(" ");
            let at = rng.below(paragraphs.len() + 1);
            paragraphs.insert(at, p);
        }
    }
    if let Some(share) = edits.truncated_to {
        let total: usize = paragraphs.iter().map(|p| p.len() + 1).sum();
        let keep = (total as f64 * share) as usize;
        let mut used = 0;
        let mut kept = Vec::new();
        for p in paragraphs {
            if used + p.len() < keep {
                used += p.len() + 1;
                kept.push(p);
                continue;
            }
            // Cut inside this paragraph at the last sentence end, or else at a word, before `keep`.
            let room = keep.saturating_sub(used).min(p.len());
            let mut cut = room;
            while cut > 0 && !p.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &p[..cut];
            let cut = head.rfind(". ").map(|i| i + 1).or_else(|| head.rfind(' ')).unwrap_or(0);
            if cut > 0 {
                kept.push(p[..cut].to_string());
            }
            break;
        }
        paragraphs = kept;
    }
    if edits.headline {
        headline = match rng.below(3) {
            0 => format!("UPDATE {}-{}", 1 + rng.below(3), headline.to_uppercase()),
            1 => {
                let words: Vec<&str> = paragraphs.first().map(|p| p.split(' ').take(8).collect()).unwrap_or_default();
                words.join(" ").trim_end_matches([',', '.']).to_string()
            }
            _ => format!("{headline} - {agency}"),
        };
    }
    if edits.header {
        let city = *rng.pick(&CITIES);
        let month = *rng.pick(&MONTHS);
        let dateline = format!("{city}, {month} {} ({agency}) -", 1 + rng.below(28));
        match (rng.below(2), paragraphs.first_mut()) {
            (0, Some(first)) => *first = format!("{dateline} {first}"),
            _ => paragraphs.insert(0, format!("By {agency} staff | Published {} {month} 2005", 1 + rng.below(28))),
        }
    }
    if edits.footer {
        paragraphs.push(rng.pick(&FOOTERS).replace("{agency}", agency));
    }
    let mut out = format!("{headline}\n\n");
    let separator = if edits.rewrapped { "\n" } else { "\n\n" };
    out.push_str(&paragraphs.join(separator));
    if edits.rewrapped {
        out = rewrap(&out, 60 + rng.below(20));
    }
    if edits.quotes {
        out = swap_quotes(&out);
    }
    (out, edits)
}

/// Straight quotes become typographic ones and typographic ones straight.
fn swap_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut open = true;
    let mut prev = ' ';
    for c in text.chars() {
        let next = match c {
            '"' => {
                let q = if open { '“' } else { '”' };
                open = !open;
                q
            }
            '\'' if prev.is_alphanumeric() => '’',
            '\'' => '‘',
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            other => other,
        };
        out.push(next);
        prev = c;
    }
    out
}

/// Hard line breaks every `width` columns, as some feeds deliver text.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for paragraph in text.split('\n') {
        let mut col = 0;
        for word in paragraph.split(' ') {
            if col > 0 && col + word.len() > width {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += word.len();
        }
        out.push('\n');
    }
    out
}

/// Pairs counted from two labelings of the same items: (true positives, gold pairs, predicted pairs).
pub fn pair_counts(gold: &[usize], predicted: &[usize]) -> (u64, u64, u64) {
    let choose2 = |n: u64| n * n.saturating_sub(1) / 2;
    let mut g: HashMap<usize, u64> = HashMap::new();
    let mut p: HashMap<usize, u64> = HashMap::new();
    let mut both: HashMap<(usize, usize), u64> = HashMap::new();
    for (&a, &b) in gold.iter().zip(predicted) {
        *g.entry(a).or_default() += 1;
        *p.entry(b).or_default() += 1;
        *both.entry((a, b)).or_default() += 1;
    }
    (
        both.values().map(|&n| choose2(n)).sum(),
        g.values().map(|&n| choose2(n)).sum(),
        p.values().map(|&n| choose2(n)).sum(),
    )
}

/// Groups of items whose whitespace-normalised texts are identical: one label per item.
pub fn identical_text_groups(texts: &[&str]) -> Vec<usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| *seen.entry(t.split_whitespace().collect::<Vec<_>>().join(" ")).or_insert(i))
        .collect()
}

/// Every pair of texts sharing shingles, with exact Jaccard and containment of the full
/// shingle sets (shingles held by more than `max_df` texts are skipped when pairing).
pub fn exact_similar_pairs(texts: &[&str], max_df: usize, min_containment: f64) -> Vec<(usize, usize, f64, f64)> {
    let sets: Vec<Vec<u64>> = texts.iter().map(|t| Sketch::shingle_set(t)).collect();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for &s in set {
            postings.entry(s).or_default().push(i as u32);
        }
    }
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for list in postings.values() {
        if list.len() > max_df {
            continue;
        }
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for &(a, b) in shared.keys() {
        let (sa, sb) = (&sets[a as usize], &sets[b as usize]);
        let inter = sorted_intersection(sa, sb);
        let union = sa.len() + sb.len() - inter;
        let jaccard = inter as f64 / union.max(1) as f64;
        let containment = inter as f64 / sa.len().min(sb.len()).max(1) as f64;
        if containment >= min_containment {
            out.push((a as usize, b as usize, jaccard, containment));
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out
}

/// Union-find labels: items joined by `pairs` share a label.
pub fn components(n: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    (0..n).map(|i| root(&mut parent, i)).collect()
}

/// Peak resident memory of this process in KiB (`VmHWM`), when the kernel reports it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
