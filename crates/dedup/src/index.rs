//! The incremental index: LSH buckets for candidates, a sketch comparison with an exact check
//! of borderline pairs on their texts, and story families whose original is the fullest, then
//! earliest, member.

use crate::exact::{ExactSets, NoTexts, TextSource};
use crate::sketch::{BandKey, Core, Sketch, WIDE_BINS};
use crate::{ArticleMeta, DedupConfig, DedupOutcome, Similarity};
use hashbrown::HashTable;
use std::cmp::Ordering;
use std::time::Instant;

/// LSH bands: one 32-bit key each (a minhash bin or a lead key), of which the index's
/// `key_bits` low bits address the bucket table.
const BANDS: usize = WIDE_BINS;
/// Address bits of a new index's bucket table (32,768 buckets a band, 1.5 MiB of heads).
const MIN_KEY_BITS: u32 = 15;
/// The most address bits (16 M buckets a band): past 16 M articles buckets grow longer.
const MAX_KEY_BITS: u32 = 24;
const NONE: u32 = u32::MAX;
/// The day number of an unknown date (sorts after every date).
pub(crate) const UNDATED: u16 = u16::MAX;
/// Day numbers count from this date; dates before it, or more than 65,534 days after it
/// (after 2079-06-05), count as unknown.
const DAY_ZERO: (i32, u32, u32) = (1900, 1, 1);
/// Look-ups that must find a member before it is compared with: texts that are copies of one
/// another share several of the 12 bands' keys and probes, while one shared key is one shared
/// shingle, which a member of a family shares with many texts that are not its copies.
const MEMBER_HITS: usize = 2;
/// Bytes of one index entry (the cost model in the crate docs).
pub const ENTRY_BYTES: usize = std::mem::size_of::<Entry>();

/// One article as the index keeps it (156 bytes; see the crate docs for the cost model).
#[derive(Debug, Clone)]
struct Entry {
    sketch: Core,
    /// Index of the family's original (itself when it is the original).
    original: u32,
    /// Next member of the same family (a singly linked list starting at the original).
    next_member: u32,
    /// Next older article in the same bucket, per band.
    next_in_band: [u32; BANDS],
    text_len: u32,
    /// Days from 1900-01-01; `UNDATED` when unknown (sorts after every date).
    published: u16,
    /// On an original: the earliest publication day in its family (`UNDATED` when none is
    /// known). The date window is measured from it, so a family cannot drift through time
    /// by each new, slightly fuller issue of a series becoming its original.
    first_published: u16,
}

/// Finds near-duplicate and syndicated copies among the articles added to it.
///
/// Built by adding articles one at a time; at start-up the store re-adds the persisted
/// sketches (with their metadata) in their original order, which rebuilds the same families.
#[derive(Debug, Clone)]
pub struct DedupIndex {
    config: DedupConfig,
    entries: Vec<Entry>,
    /// Bucket heads per band: the newest article whose band key falls in the bucket.
    heads: Vec<u32>,
    /// Low bits of a band key that address its bucket: the table doubles when the index holds
    /// more articles than a band has buckets, so a bucket holds about one unrelated article
    /// however large the store (see `grow_buckets`).
    key_bits: u32,
    /// Ids, concatenated; `id_ends[i]` is where article `i`'s id ends.
    id_bytes: String,
    id_ends: Vec<u32>,
    /// Article indices, hashed by id.
    by_id: HashTable<u32>,
    /// Scratch for candidates, kept between calls so adding allocates nothing in the common case.
    candidates: Vec<u32>,
    /// Scratch for the candidates' families (their originals).
    families: Vec<u32>,
    work: Work,
}

/// Counts of the work adds have done, for the cost model and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Bucket entries stepped over.
    pub walked: u64,
    /// Sketch comparisons (distinct candidates).
    pub compared: u64,
    /// Family members re-pointed at a new original.
    pub repointed: u64,
    /// Borderline comparisons decided exactly on the two texts.
    pub exact_checks: u64,
    /// Borderline comparisons left to the estimate: a text was not at hand.
    pub without_text: u64,
    /// Adds with at least one borderline comparison (that asked for a text).
    pub adds_asking: u64,
    /// Nanoseconds spent in exact checks, fetching the texts included.
    pub exact_nanos: u64,
}

impl DedupIndex {
    pub fn new(config: DedupConfig) -> DedupIndex {
        DedupIndex {
            config,
            entries: Vec::new(),
            heads: vec![NONE; BANDS << MIN_KEY_BITS],
            key_bits: MIN_KEY_BITS,
            id_bytes: String::new(),
            id_ends: Vec::new(),
            by_id: HashTable::new(),
            candidates: Vec::new(),
            families: Vec::new(),
            work: Work::default(),
        }
    }

    /// The work done by all adds so far.
    pub fn work(&self) -> Work {
        self.work
    }

    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether an article with this id has been added.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    /// The original an added article copies, or `None` when it is an original (or unknown).
    pub fn duplicate_of(&self, id: &str) -> Option<&str> {
        let i = self.find(id)?;
        let original = self.entries[i as usize].original;
        (original != i).then(|| self.id(original))
    }

    /// Bytes of memory the index has allocated (capacity, ids included).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * ENTRY_BYTES
            + self.heads.capacity() * 4
            + self.id_bytes.capacity()
            + self.id_ends.capacity() * 4
            + id_table_bytes(self.by_id.capacity())
            + self.candidates.capacity() * 4
            + self.families.capacity() * 4
    }

    /// Bytes the index's content occupies (lengths, not capacities; ids included): what
    /// `heap_bytes` comes to after `shrink_to_fit`, less the id table's spare slots.
    pub fn used_bytes(&self) -> usize {
        self.entries.len() * ENTRY_BYTES
            + self.heads.len() * 4
            + self.id_bytes.len()
            + self.id_ends.len() * 4
            + self.by_id.len() * (std::mem::size_of::<u32>() + 1)
    }

    /// Gives back spare capacity (after a bulk rebuild, say).
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.id_bytes.shrink_to_fit();
        self.id_ends.shrink_to_fit();
        let (id_bytes, id_ends) = (&self.id_bytes, &self.id_ends);
        self.by_id.shrink_to_fit(|&i| hash_id(id_at(id_bytes, id_ends, i)));
    }

    /// Bytes of id text alone (part of `used_bytes`; they are the caller's strings).
    pub fn id_bytes(&self) -> usize {
        self.id_bytes.len()
    }

    /// Adds one article, every decision by the sketch estimate alone (no text at hand). See the
    /// crate docs for what the outcome means.
    pub fn add(&mut self, id: &str, sketch: Sketch, meta: ArticleMeta) -> DedupOutcome {
        self.add_checked(id, sketch, meta, &mut NoTexts)
    }

    /// Adds one article; a borderline comparison ([`DedupConfig::is_borderline`]) is decided on
    /// the exact texts, which `texts` gives for `id` (the article being added) and for the ids
    /// added before. Where it has no text, the estimate decides, as in [`DedupIndex::add`].
    pub fn add_checked(
        &mut self,
        id: &str,
        sketch: Sketch,
        meta: ArticleMeta,
        texts: &mut dyn TextSource,
    ) -> DedupOutcome {
        if let Some(existing) = self.find(id) {
            let original = self.entries[existing as usize].original;
            let duplicate_of = (original != existing).then(|| self.id(original).to_string());
            return DedupOutcome { duplicate_of, repointed: Vec::new() };
        }
        let Ok(new) = u32::try_from(self.entries.len()) else {
            // 4 billion articles: beyond what one index is built for; report it as an original.
            return DedupOutcome::default();
        };
        if new == NONE {
            return DedupOutcome::default();
        }
        let mut verifier = Verifier { source: texts, id, own: None, asked: false };
        let best = self.matching_originals(&sketch, day_number(meta.published), &mut verifier);
        self.work.adds_asking += u64::from(verifier.asked);
        self.push_entry(id, sketch, meta, new);

        if best.is_empty() {
            return DedupOutcome::default();
        }
        // The family's new original: the fullest, then earliest, then first added of the
        // matched families' originals and the new article.
        let mut original = new;
        for &(o, _) in &best {
            if self.fuller(o, original) == Ordering::Greater {
                original = o;
            }
        }
        let first = best
            .iter()
            .map(|&(o, _)| self.entries[o as usize].first_published)
            .fold(self.entries[new as usize].published, u16::min);
        self.entries[original as usize].first_published = first;
        let mut repointed = Vec::new();
        for &(o, _) in &best {
            if o == original {
                continue;
            }
            // Every member of this family now copies `original`.
            let mut m = o;
            let mut last = o;
            while m != NONE {
                self.entries[m as usize].original = original;
                repointed.push((self.id(m).to_string(), self.id(original).to_string()));
                self.work.repointed += 1;
                last = m;
                m = self.entries[m as usize].next_member;
            }
            // Splice the whole list in after `original`.
            let after = self.entries[original as usize].next_member;
            self.entries[last as usize].next_member = after;
            self.entries[original as usize].next_member = o;
        }
        if original != new {
            self.entries[new as usize].original = original;
            let after = self.entries[original as usize].next_member;
            self.entries[new as usize].next_member = after;
            self.entries[original as usize].next_member = new;
        }
        let duplicate_of = (original != new).then(|| self.id(original).to_string());
        DedupOutcome { duplicate_of, repointed }
    }

    /// The originals of the families whose original the sketch matches, best match first.
    fn matching_originals(&mut self, sketch: &Sketch, published: u16, verifier: &mut Verifier<'_>) -> Vec<(u32, f64)> {
        let mut found: Vec<(u32, f64)> = Vec::new();
        if sketch.is_empty() {
            return found;
        }
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        for band in 0..BANDS {
            for key in sketch.lookup_keys(band) {
                let mut at = self.heads[self.bucket(band, key)];
                let (mut walked, mut matched) = (0, 0);
                while at != NONE && walked < self.config.max_bucket_walk && matched < self.config.max_bucket_matches {
                    let entry = &self.entries[at as usize];
                    if entry.sketch.band_key(band) == key {
                        candidates.push(at);
                        matched += 1;
                    }
                    at = entry.next_in_band[band];
                    walked += 1;
                }
                self.work.walked += walked as u64;
            }
        }
        // A candidate stands for its family, and the family is judged by its original: every
        // copy must resemble the original itself, so families cannot grow by chains of
        // resemblance (A like B, B like C, ...) into unrelated texts.
        // The exceptions: a near-identical copy of any member, or a copy mostly contained in a
        // member (or containing it), joins that member's family: the family's original may have
        // changed since the member was judged (a fuller copy of the story's source, with a
        // paragraph added, became the original, and a truncated copy of the source resembles
        // the source far more than that fuller copy).
        candidates.sort_unstable();
        let mut families = std::mem::take(&mut self.families);
        families.clear();
        families.extend(candidates.iter().map(|&c| self.entries[c as usize].original));
        families.sort_unstable();
        keep_most_found(&mut families, self.config.max_families_compared);
        self.work.compared += families.len() as u64;
        for &family in &families {
            let original = &self.entries[family as usize];
            let sim = sketch.core.compare(&original.sketch);
            let window = (published, original.first_published);
            if let Some(sim) = self.judge(sim, family, false, window, verifier) {
                found.push((family, sim.containment.max(sim.jaccard)));
            }
        }
        // Members are compared only for the families whose original did not match, and only
        // when found in `MEMBER_HITS` look-ups (one is often a chance agreement of 16 bits).
        let (mut run, mut members_compared) = (0, 0);
        for (k, &c) in candidates.iter().enumerate() {
            if members_compared >= self.config.max_families_compared {
                break;
            }
            run += 1;
            if candidates.get(k + 1) == Some(&c) {
                continue;
            }
            let hits = std::mem::replace(&mut run, 0);
            let entry = &self.entries[c as usize];
            if hits < MEMBER_HITS || entry.original == c || found.iter().any(|f| f.0 == entry.original) {
                continue;
            }
            let sim = sketch.core.compare(&entry.sketch);
            self.work.compared += 1;
            members_compared += 1;
            let (family, first) = (entry.original, self.entries[entry.original as usize].first_published);
            if let Some(sim) = self.judge(sim, c, true, (published, first), verifier) {
                found.push((family, sim.containment.max(sim.jaccard)));
            }
        }
        self.families = families;
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        found.dedup_by_key(|f| f.0);
        self.candidates = candidates;
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    /// The decision on the new article against entry `other` (a family's original, or a member
    /// when `member`), with the date window `(published, family's first)`: the similarity it
    /// was decided on when it is a match. A borderline estimate is replaced by the exact
    /// comparison when the verifier has both texts.
    fn judge(
        &mut self,
        estimate: Similarity,
        other: u32,
        member: bool,
        (published, first): (u16, u16),
        verifier: &mut Verifier<'_>,
    ) -> Option<Similarity> {
        let config = &self.config;
        let decide = |s: &Similarity| {
            (if member { config.joins_member(s) } else { config.is_duplicate(s) })
                && config.in_window(s, published, first)
        };
        let mut sim = estimate;
        if config.is_borderline(&estimate, decide) {
            let t = Instant::now();
            match verifier.exact(id_at(&self.id_bytes, &self.id_ends, other)) {
                Some(exact) => {
                    sim = exact;
                    self.work.exact_checks += 1;
                }
                None => self.work.without_text += 1,
            }
            self.work.exact_nanos += t.elapsed().as_nanos().min(u64::MAX as u128) as u64;
        }
        decide(&sim).then_some(sim)
    }

    fn push_entry(&mut self, id: &str, sketch: Sketch, meta: ArticleMeta, new: u32) {
        let mut next_in_band = [NONE; BANDS];
        if !sketch.is_empty() {
            for (band, next) in next_in_band.iter_mut().enumerate() {
                let at = self.bucket(band, sketch.core.band_key(band));
                *next = std::mem::replace(&mut self.heads[at], new);
            }
        }
        let published = day_number(meta.published);
        grow_gently(&mut self.entries);
        grow_gently(&mut self.id_ends);
        if self.id_bytes.capacity() - self.id_bytes.len() < id.len() {
            self.id_bytes.reserve_exact(id.len().max(self.id_bytes.len() / GROWTH_DIVISOR).max(MIN_GROWTH));
        }
        self.entries.push(Entry {
            sketch: sketch.core,
            original: new,
            next_member: NONE,
            next_in_band,
            text_len: u32::try_from(meta.text_len).unwrap_or(u32::MAX),
            published,
            first_published: published,
        });
        self.id_bytes.push_str(id);
        self.id_ends.push(u32::try_from(self.id_bytes.len()).unwrap_or(u32::MAX));
        let hash = hash_id(id);
        let (id_bytes, id_ends) = (&self.id_bytes, &self.id_ends);
        self.by_id.insert_unique(hash, new, |&i| hash_id(id_at(id_bytes, id_ends, i)));
        if self.entries.len() > 1 << self.key_bits && self.key_bits < MAX_KEY_BITS {
            self.grow_buckets();
        }
    }

    /// Doubles the bucket table and files every article again, oldest first, so each bucket
    /// lists its articles newest first as adds would have (amortised: one step per article
    /// and band each time the store doubles).
    fn grow_buckets(&mut self) {
        self.key_bits += 1;
        self.heads = vec![NONE; BANDS << self.key_bits];
        for i in 0..self.entries.len() {
            if self.entries[i].sketch.is_empty() {
                continue;
            }
            for band in 0..BANDS {
                let at = self.bucket(band, self.entries[i].sketch.band_key(band));
                self.entries[i].next_in_band[band] = std::mem::replace(&mut self.heads[at], i as u32);
            }
        }
    }

    /// The bucket of `key` in LSH band `band`.
    fn bucket(&self, band: usize, key: BandKey) -> usize {
        (band << self.key_bits) | (key as usize & ((1 << self.key_bits) - 1))
    }

    /// `Greater` when `a` is the better original: fuller, then earlier, then added first.
    fn fuller(&self, a: u32, b: u32) -> Ordering {
        let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
        ea.text_len.cmp(&eb.text_len).then(eb.published.cmp(&ea.published)).then(b.cmp(&a))
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.by_id.find(hash_id(id), |&i| id_at(&self.id_bytes, &self.id_ends, i) == id).copied()
    }

    fn id(&self, i: u32) -> &str {
        id_at(&self.id_bytes, &self.id_ends, i)
    }
}

/// The exact stage's side of one add: the text source, and the new article's exact sets once
/// a borderline comparison asked for them.
struct Verifier<'a> {
    source: &'a mut dyn TextSource,
    /// The id being added.
    id: &'a str,
    /// `None` until asked; then the new article's sets, or `None` when it has no text.
    own: Option<Option<ExactSets>>,
    asked: bool,
}

impl Verifier<'_> {
    /// The exact similarity of the new article and `other`, when both texts are at hand.
    fn exact(&mut self, other: &str) -> Option<Similarity> {
        self.asked = true;
        if self.own.is_none() {
            let id = self.id;
            self.own = Some(self.source.text(id).map(|t| ExactSets::of(&t)));
        }
        let own = self.own.as_ref()?.as_ref()?;
        let other = ExactSets::of(&self.source.text(other)?);
        Some(own.compare(&other))
    }
}

impl Default for DedupIndex {
    fn default() -> DedupIndex {
        DedupIndex::new(DedupConfig::default())
    }
}

/// Bytes hashbrown allocates for a table of `u32` with room for `capacity` items: a power of two
/// of buckets, kept at most 7/8 full, each a 4-byte slot and a control byte, plus one group of
/// 16 trailing control bytes.
fn id_table_bytes(capacity: usize) -> usize {
    let buckets = match capacity {
        0 => return 0,
        1..=3 => 4,
        4..=7 => 8,
        _ => (capacity * 8 / 7).next_power_of_two(),
    };
    buckets * (std::mem::size_of::<u32>() + 1) + 16
}

/// A full vector grows by a 1/`GROWTH_DIVISOR` of its length rather than doubling, so spare
/// capacity stays under 12.5 % of what is used (doubling leaves up to half of it spare: 255
/// instead of 199 bytes per article at 100,000). Growth stays geometric, so pushes stay
/// amortised O(1); large reallocations are remapped, not copied, by the system allocator.
const GROWTH_DIVISOR: usize = 8;
const MIN_GROWTH: usize = 1024;

fn grow_gently<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.len() / GROWTH_DIVISOR).max(MIN_GROWTH));
    }
}

/// Days from `DAY_ZERO`, or `UNDATED` (also for dates outside the range a `u16` holds).
fn day_number(date: Option<chrono::NaiveDate>) -> u16 {
    let (y, m, d) = DAY_ZERO;
    let zero = chrono::NaiveDate::from_ymd_opt(y, m, d);
    match (date, zero) {
        (Some(date), Some(zero)) => {
            u16::try_from((date - zero).num_days()).ok().filter(|&n| n != UNDATED).unwrap_or(UNDATED)
        }
        _ => UNDATED,
    }
}

/// Keeps one of each value of the sorted `values`, at most `cap` of them: those that occur
/// most often (ties to the smaller value), in ascending order. A family found by more look-ups
/// shares more of the new text's keys: a copy shares many, a text quoting one sentence of the
/// new one shares one.
fn keep_most_found(values: &mut Vec<u32>, cap: usize) {
    let mut runs: Vec<(usize, u32)> = Vec::new();
    let mut k = 0;
    while k < values.len() {
        let run = values[k..].iter().take_while(|&&v| v == values[k]).count();
        runs.push((run, values[k]));
        k += run;
    }
    if runs.len() > cap {
        runs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        runs.truncate(cap);
        runs.sort_unstable_by_key(|r| r.1);
    }
    values.clear();
    values.extend(runs.iter().map(|r| r.1));
}

fn id_at<'a>(bytes: &'a str, ends: &[u32], i: u32) -> &'a str {
    let i = i as usize;
    let end = ends.get(i).copied().unwrap_or(0) as usize;
    let start = if i == 0 { 0 } else { ends.get(i - 1).copied().unwrap_or(0) as usize };
    bytes.get(start..end).unwrap_or("")
}

fn hash_id(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}
