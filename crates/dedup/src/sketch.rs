//! The per-article fingerprint: word 5-shingles, one-permutation MinHash with densification,
//! stored as b-bit fingerprints (32 bits for the LSH bins, 4 bits for most of the rest), and a
//! small sample of the text's figures with the words before them (the verification stage that
//! tells a copy from another issue of a formulaic series).

use crate::DedupError;
use std::cell::RefCell;

/// Number of MinHash bins (one-permutation MinHash: each shingle falls in exactly one bin).
pub const BINS: usize = 128;
/// 32-bit slots of a sketch (`BandKey`s): `MINHASH_BANDS` bins, then `LEAD_KEYS` lead keys.
pub const WIDE_BINS: usize = MINHASH_BANDS + LEAD_KEYS;
/// Bins kept at 32 bits; they double as LSH bands (one bin per band). Keys of 32 bits (31 of
/// fingerprint and the borrowed flag) make a chance agreement of two unrelated texts' keys
/// about one in two billion, so a bucket look-up costs the same at a million articles as at
/// ten thousand; 16-bit keys agreed by chance once per 32,768 articles in every band, and the
/// candidates they gave grew with the store (59 of 59 comparisons per add at 100,000 were
/// such chance agreements).
/// A band key: a wide bin's fingerprint or a lead key.
pub type BandKey = u32;
pub const MINHASH_BANDS: usize = 10;
/// Keys of the text's lead (its first `LEAD_SHINGLES` shingles), each an LSH band of its own:
/// the smallest hashes of the lead, which a truncated copy keeps however short it is.
pub const LEAD_KEYS: usize = 2;
/// Shingles of the lead the lead keys are drawn from.
pub const LEAD_SHINGLES: usize = 48;
/// Lead hashes a sketch looks up (its `LEAD_KEYS` and the next smallest ones).
const LEAD_PROBES: usize = 4;
/// Further values a sketch looks up per minhash band: the next smallest hashes of its bin.
const BIN_PROBES: usize = 2;
/// Look-up keys persisted with a sketch but not kept in the index (see `Sketch::probes`).
pub const PROBES: usize = MINHASH_BANDS * BIN_PROBES + LEAD_PROBES - LEAD_KEYS;
/// Bins kept at 4 bits, two to a byte.
pub const NARROW_BINS: usize = 116;
/// Bins the sketch keeps and compares (the bins after the minhash bands that the lead keys
/// take the place of are not kept).
pub const STORED_BINS: usize = MINHASH_BANDS + NARROW_BINS;
const NARROW_BYTES: usize = NARROW_BINS / 2;
/// Figure slots: bottom-k sampling of the text's (context, figure) pairs, 21 bits each (16 of
/// context, 5 of figure), packed into `FIGURE_WORDS` 16-bit words.
pub const FIGURE_SLOTS: usize = 3;
const FIGURE_WORDS: usize = 4;
const SLOT_BITS: u32 = 21;
const BIN_SHIFT: u32 = 64 - BINS.trailing_zeros();
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Words before a figure that make its context.
const FIGURE_CONTEXT_WORDS: usize = 3;

const FORMAT_VERSION: u8 = 5;
/// Length of `Sketch::to_bytes()`: version, shingle count (u16), wide bins and lead keys (u32
/// each), narrow bins (two to a byte), figure slots (a little-endian u64 of three 21-bit
/// slots), probes (u32 each).
pub const SKETCH_BYTES: usize = 1 + CORE_BYTES + 4 * PROBES;
const CORE_BYTES: usize = 2 + 4 * WIDE_BINS + NARROW_BYTES + 2 * FIGURE_WORDS;

/// A compact fingerprint of one article's text.
///
/// Two sketches estimate the Jaccard similarity of their texts' shingle sets (the share of bins
/// whose fingerprints agree) and, with the stored shingle counts, how much of the shorter text
/// is contained in the longer one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sketch {
    pub(crate) core: Core,
    /// Keys the sketch looks up when it is added but that the index does not keep: for each
    /// minhash band the next `BIN_PROBES` smallest hashes of its bin (`NO_KEY` when the bin has
    /// fewer), then the lead hashes after the lead keys. A fuller text added after a shorter
    /// one it contains finds it through them: the shorter text's minimum is in the fuller
    /// text, often among its few smallest.
    pub(crate) probes: [BandKey; PROBES],
}

/// The part of a sketch the index keeps and compares.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Core {
    /// Distinct shingles in the text (saturating at 65,535, far beyond a news article); 0 means
    /// the text had no words.
    pub(crate) shingles: u16,
    pub(crate) wide: [BandKey; WIDE_BINS],
    /// 4-bit fingerprints, bin `2i` in the low half of byte `i`.
    pub(crate) narrow: [u8; NARROW_BYTES],
    /// Sampled figures: three 21-bit slots (16 bits of the context's hash above 5 bits of the
    /// figure's; 0 is empty) in a u64 kept as 16-bit words, so that the struct stays 4-aligned.
    pub(crate) figures: [u16; FIGURE_WORDS],
}

/// Scratch buffers of one thread: shingle hashes and (context, figure) hashes.
#[derive(Default)]
struct Scratch {
    shingles: Vec<u64>,
    figures: Vec<(u64, u64)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Sketch {
    /// The sketch of `text`: case, punctuation, whitespace and the kind of quote marks are ignored.
    pub fn of(text: &str) -> Sketch {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => Sketch::of_with(text, &mut scratch),
            // Only reachable if `of` were re-entered on one thread; stay correct anyway.
            Err(_) => Sketch::of_with(text, &mut Scratch::default()),
        })
    }

    fn of_with(text: &str, scratch: &mut Scratch) -> Sketch {
        let lead = Sketch::collect(text, &mut scratch.shingles, &mut scratch.figures);
        let mut sketch = Sketch::from_shingle_hashes(&scratch.shingles);
        if !sketch.is_empty() {
            sketch.core.figures = figure_slots(&scratch.figures);
            // The lead: keys first, then the probes after the bin probes. A lead with fewer
            // distinct hashes than keys repeats its smallest (equal texts, equal keys).
            let key = |k: usize| lead.get(k).copied().filter(|&h| h != u64::MAX).map(lead_fingerprint);
            for k in 0..LEAD_PROBES {
                let value = key(k);
                if k < LEAD_KEYS {
                    sketch.core.wide[MINHASH_BANDS + k] = value.or_else(|| key(0)).unwrap_or(NO_KEY);
                } else {
                    sketch.probes[MINHASH_BANDS * BIN_PROBES + k - LEAD_KEYS] = value.unwrap_or(NO_KEY);
                }
            }
        }
        sketch
    }

    /// The exact shingle set a sketch summarises: sorted, distinct 64-bit shingle hashes.
    /// For evaluation and diagnostics (it is as large as the text); the index never keeps it.
    pub fn shingle_set(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        Sketch::collect(text, &mut out, &mut Vec::new());
        out
    }

    /// The exact figures a sketch samples: `(context, figure)` hashes, sorted and distinct, where
    /// a figure is a run of words holding a digit and its context the two words before it.
    /// For evaluation and diagnostics; the index never keeps it.
    pub fn figure_set(text: &str) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        Sketch::collect(text, &mut Vec::new(), &mut out);
        out
    }

    /// Both exact sets at once (one pass): `(shingle_set, figure_set)`, for the exact stage.
    pub(crate) fn exact_sets(text: &str) -> (Vec<u64>, Vec<(u64, u64)>) {
        let (mut shingles, mut figures) = (Vec::new(), Vec::new());
        Sketch::collect(text, &mut shingles, &mut figures);
        (shingles, figures)
    }

    /// Fills `shingles` with the text's distinct shingle hashes, sorted, and `figures` with its
    /// distinct (context, figure) hashes, sorted; answers the lead's `LEAD_PROBES` smallest
    /// distinct lead hashes, ascending (`u64::MAX` past the end).
    fn collect(text: &str, shingles: &mut Vec<u64>, figures: &mut Vec<(u64, u64)>) -> [u64; LEAD_PROBES] {
        shingles.clear();
        figures.clear();
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        // The words before the current figure, and the figure's hash so far: a figure is a run
        // of digit-bearing words glued by punctuation ("1.5", "7-3/4", "45,000").
        let mut context = [0u64; FIGURE_CONTEXT_WORDS];
        let mut figure: Option<u64> = None;
        for_each_word(text, |w| {
            window.rotate_left(1);
            window[SHINGLE_WORDS - 1] = w.hash;
            words += 1;
            if words >= SHINGLE_WORDS {
                shingles.push(shingle_hash(&window));
            }
            match figure {
                Some(f) if w.digit && w.glued => figure = Some(fmix64(f.rotate_left(29) ^ w.hash)),
                _ => {
                    if let Some(f) = figure.take() {
                        figures.push((shingle_hash(&context), f));
                    }
                    if w.digit {
                        figure = Some(fmix64(FIGURE_SEED ^ w.hash));
                    } else {
                        context.rotate_left(1);
                        context[FIGURE_CONTEXT_WORDS - 1] = w.hash;
                    }
                }
            }
        });
        if let Some(f) = figure {
            figures.push((shingle_hash(&context), f));
        }
        if (1..SHINGLE_WORDS).contains(&words) {
            // A text shorter than one shingle is one shingle of all its words.
            shingles.push(shingle_hash(&window[SHINGLE_WORDS - words..]));
        }
        // The lead's smallest hashes, by a mix of their own (independent of the bins).
        let mut lead = [u64::MAX; LEAD_PROBES];
        for &s in shingles.iter().take(LEAD_SHINGLES) {
            let h = fmix64(s ^ LEAD_SEED);
            if h < lead[LEAD_PROBES - 1] && !lead.contains(&h) {
                lead[LEAD_PROBES - 1] = h;
                lead.sort_unstable();
            }
        }
        shingles.sort_unstable();
        shingles.dedup();
        figures.sort_unstable();
        figures.dedup();
        lead
    }

    /// Sketch of a set of distinct, well-mixed 64-bit shingle hashes (figure slots and lead
    /// keys empty).
    fn from_shingle_hashes(shingles: &[u64]) -> Sketch {
        let mut sketch = Sketch {
            core: Core { shingles: 0, wide: [0; WIDE_BINS], narrow: [0; NARROW_BYTES], figures: [0; FIGURE_WORDS] },
            probes: [NO_KEY; PROBES],
        };
        if shingles.is_empty() {
            return sketch;
        }
        // The bin is the top 7 bits; the rank inside a bin is the rest. The minhash bands also
        // keep their bins' next smallest ranks, for the probes.
        let mut min = [u64::MAX; BINS];
        let mut next = [[u64::MAX; BIN_PROBES]; MINHASH_BANDS];
        for &s in shingles {
            let bin = (s >> BIN_SHIFT) as usize;
            let rank = s & RANK_MASK;
            let mut displaced = s;
            if rank < min[bin] & RANK_MASK || min[bin] == u64::MAX {
                displaced = std::mem::replace(&mut min[bin], s);
            }
            if bin < MINHASH_BANDS && displaced != u64::MAX {
                let list = &mut next[bin];
                let r = displaced & RANK_MASK;
                if list[BIN_PROBES - 1] == u64::MAX || r < list[BIN_PROBES - 1] & RANK_MASK {
                    list[BIN_PROBES - 1] = displaced;
                    list.sort_unstable_by_key(|&v| if v == u64::MAX { u64::MAX } else { v & RANK_MASK });
                }
            }
        }
        // Densification for the LSH bins: an empty wide bin borrows the minimum of a filled bin
        // chosen by a fixed probe sequence that depends only on the bin, so equal sets still
        // give equal band keys; it is marked as borrowed so that comparisons skip it (a short
        // text would otherwise repeat one shared minimum in many bins and look more similar
        // than it is). Empty narrow bins stay empty (0). The bins after the minhash bands,
        // up to the first narrow one, are not kept (their slots hold the lead keys).
        let filled = min;
        let core = &mut sketch.core;
        core.shingles = u16::try_from(shingles.len()).unwrap_or(u16::MAX);
        for (i, &s) in min.iter().enumerate() {
            if i < MINHASH_BANDS {
                let (value, borrowed) = if s == u64::MAX { (borrow_for(i, &filled), BORROWED) } else { (s, 0) };
                core.wide[i] = wide_fingerprint(value) | borrowed;
            } else if (WIDE_BINS..WIDE_BINS + NARROW_BINS).contains(&i) && s != u64::MAX {
                let j = i - WIDE_BINS;
                core.narrow[j / 2] |= narrow_fingerprint(s) << (4 * (j % 2));
            }
        }
        for (band, list) in next.iter().enumerate() {
            for (k, &v) in list.iter().enumerate() {
                if v != u64::MAX {
                    sketch.probes[band * BIN_PROBES + k] = wide_fingerprint(v);
                }
            }
        }
        sketch
    }

    /// The persisted form: exactly `SKETCH_BYTES` bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let c = &self.core;
        let mut out = Vec::with_capacity(SKETCH_BYTES);
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&c.shingles.to_le_bytes());
        for w in c.wide {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&c.narrow);
        for f in c.figures {
            out.extend_from_slice(&f.to_le_bytes());
        }
        for p in self.probes {
            out.extend_from_slice(&p.to_le_bytes());
        }
        out
    }

    /// Reads what `to_bytes` wrote; any other length or version is an error, never a panic.
    /// (Sketches of earlier versions cannot be compared with these: the caller sketches the
    /// text again.)
    pub fn from_bytes(bytes: &[u8]) -> Result<Sketch, DedupError> {
        if let Some(&version) = bytes.first().filter(|&&v| v != FORMAT_VERSION) {
            return Err(DedupError::SketchVersion { found: version, supported: FORMAT_VERSION });
        }
        if bytes.len() != SKETCH_BYTES {
            return Err(DedupError::SketchLength { expected: SKETCH_BYTES, found: bytes.len() });
        }
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let u32_at = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let wide = std::array::from_fn(|i| u32_at(3 + 4 * i));
        let at = 3 + 4 * WIDE_BINS;
        let mut narrow = [0u8; NARROW_BYTES];
        narrow.copy_from_slice(&bytes[at..at + NARROW_BYTES]);
        let at = at + NARROW_BYTES;
        let figures = std::array::from_fn(|i| u16_at(at + 2 * i));
        let at = at + 2 * FIGURE_WORDS;
        let probes = std::array::from_fn(|i| u32_at(at + 4 * i));
        Ok(Sketch { core: Core { shingles: u16_at(1), wide, narrow, figures }, probes })
    }

    /// Distinct word shingles in the text this sketch was made from (saturating at 65,535).
    pub fn shingle_count(&self) -> u32 {
        u32::from(self.core.shingles)
    }

    /// True when the text had no words: such a sketch matches nothing.
    pub fn is_empty(&self) -> bool {
        self.core.is_empty()
    }

    /// Agreeing 32-bit minhash bins: each is near-certain evidence of a shared shingle.
    pub fn agreeing_wide_bins(&self, other: &Sketch) -> usize {
        self.core.agreeing(&other.core).0
    }

    pub fn compare(&self, other: &Sketch) -> Similarity {
        self.core.compare(&other.core)
    }

    /// The keys this sketch looks up in LSH band `band`: its own key first, then its probes
    /// (`NO_KEY` for none).
    pub(crate) fn lookup_keys(&self, band: usize) -> impl Iterator<Item = BandKey> + '_ {
        let probes: &[BandKey] = if band < MINHASH_BANDS {
            &self.probes[band * BIN_PROBES..(band + 1) * BIN_PROBES]
        } else {
            &self.probes[MINHASH_BANDS * BIN_PROBES..]
        };
        // A lead band looks up every lead key and probe: the copy's lead may be shifted.
        let own: &[BandKey] =
            if band < MINHASH_BANDS { &self.core.wide[band..=band] } else { &self.core.wide[MINHASH_BANDS..] };
        own.iter().copied().chain(probes.iter().copied().filter(|&k| k != NO_KEY))
    }
}

impl Core {
    pub(crate) fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// Bin counts of a comparison: `(wide agreeing, wide held by either, narrow agreeing,
    /// narrow held by both, narrow held by either)`; borrowed wide bins and empty narrow bins
    /// are not held.
    fn agreeing(&self, other: &Core) -> (usize, usize, usize, usize, usize) {
        let (mut wide, mut wide_held) = (0, 0);
        for (&a, &b) in self.wide[..MINHASH_BANDS].iter().zip(&other.wide[..MINHASH_BANDS]) {
            let (held_a, held_b) = (a & BORROWED == 0, b & BORROWED == 0);
            wide += usize::from(held_a && a == b);
            wide_held += usize::from(held_a || held_b);
        }
        // Sixteen 4-bit bins at a time: one bit per bin that is non-zero (held), and one per
        // bin where the two agree.
        let (mut narrow, mut both, mut either) = (0u32, 0u32, 0u32);
        for i in 0..NARROW_WORDS {
            let (a, b) = (narrow_word(&self.narrow, i), narrow_word(&other.narrow, i));
            let (ha, hb) = (held_bins(a), held_bins(b));
            narrow += (!held_bins(a ^ b) & ha).count_ones();
            both += (ha & hb).count_ones();
            either += (ha | hb).count_ones();
        }
        let (narrow, both, either) = (narrow as usize, both as usize, either as usize);
        (wide, wide_held, narrow, both, either)
    }

    /// Estimated bins whose minimum shingle the two texts share, and the bins either text
    /// holds: the agreeing 32-bit bins, plus the agreeing 4-bit bins less those expected by
    /// chance (one in 15 of the bins both hold).
    fn shared_bins(&self, other: &Core) -> (f64, f64) {
        let (wide, wide_held, narrow, both, either) = self.agreeing(other);
        let chance = 1.0 / 15.0;
        let narrow_true = ((narrow as f64 - both as f64 * chance) / (1.0 - chance)).max(0.0);
        (wide as f64 + narrow_true, (wide_held + either) as f64)
    }

    /// Figure slots the two sketches both sampled with the same context: `(agreeing,
    /// conflicting)`, where a conflict is one context followed by different figures.
    fn figure_evidence(&self, other: &Core) -> (u32, u32) {
        let (mut agree, mut conflict) = (0, 0);
        if self.figures == [0; FIGURE_WORDS] || other.figures == [0; FIGURE_WORDS] {
            return (0, 0);
        }
        let theirs = other.figure_slots();
        for a in self.figure_slots().into_iter().filter(|&a| a != 0) {
            if let Some(&b) = theirs.iter().find(|&&b| b != 0 && a >> FIGURE_BITS == b >> FIGURE_BITS) {
                if a == b {
                    agree += 1;
                } else {
                    conflict += 1;
                }
            }
        }
        (agree, conflict)
    }

    /// The figure slots, unpacked.
    fn figure_slots(&self) -> [u32; FIGURE_SLOTS] {
        let packed = self.figures.iter().rev().fold(0u64, |acc, &w| (acc << 16) | u64::from(w));
        std::array::from_fn(|i| ((packed >> (SLOT_BITS * i as u32)) & ((1 << SLOT_BITS) - 1)) as u32)
    }

    pub(crate) fn compare(&self, other: &Core) -> Similarity {
        if self.is_empty() || other.is_empty() {
            return Similarity {
                jaccard: 0.0,
                containment: 0.0,
                shared_bins: 0.0,
                smaller_shingles: 0,
                figures_agreeing: 0,
                figures_conflicting: 0,
                exact: false,
            };
        }
        // One-permutation MinHash without densification: the share of the bins either text
        // holds whose minimum both hold.
        let (shared_bins, held) = self.shared_bins(other);
        let jaccard = (shared_bins / held.max(1.0)).min(1.0);
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
        let shared = jaccard * (a + b) / (1.0 + jaccard);
        let containment = (shared / a.min(b)).min(1.0);
        let (figures_agreeing, figures_conflicting) = self.figure_evidence(other);
        Similarity {
            jaccard,
            containment,
            shared_bins,
            smaller_shingles: u32::from(self.shingles.min(other.shingles)),
            figures_agreeing,
            figures_conflicting,
            exact: false,
        }
    }

    /// The key this text is filed under in LSH band `band`.
    pub(crate) fn band_key(&self, band: usize) -> BandKey {
        self.wide[band]
    }
}

/// What two sketches say about their texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Estimated Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Estimated share of the smaller shingle set found in the larger one.
    pub containment: f64,
    /// Estimated bins (out of `STORED_BINS`) whose minimum shingle both texts hold: the evidence
    /// (for an exact comparison, the shingles both texts hold).
    pub shared_bins: f64,
    /// Distinct shingles of the shorter text.
    pub smaller_shingles: u32,
    /// Sampled figure slots where both texts have the same context and the same figure (for an
    /// exact comparison: contexts both texts have, followed by a common figure).
    pub figures_agreeing: u32,
    /// Sampled figure slots where both texts have the same context but different figures
    /// ("rose 5 pct" against "rose 7 pct"): the mark of another issue of a series (for an exact
    /// comparison: contexts both texts have, followed only by different figures).
    pub figures_conflicting: u32,
    /// Computed exactly on the two texts (the exact stage), not estimated from sketches.
    pub exact: bool,
}

impl Similarity {
    /// Share of the compared figure slots that conflict (0 when none were compared).
    pub fn figure_conflict_share(&self) -> f64 {
        let compared = self.figures_agreeing.saturating_add(self.figures_conflicting);
        if compared == 0 {
            0.0
        } else {
            f64::from(self.figures_conflicting) / f64::from(compared)
        }
    }
}

/// 64-bit words the narrow bins fill (the last one partly).
const NARROW_WORDS: usize = NARROW_BYTES.div_ceil(8);

/// Word `i` of the narrow bins, little-endian, zero-padded past the end.
#[inline]
fn narrow_word(narrow: &[u8; NARROW_BYTES], i: usize) -> u64 {
    let mut w = [0u8; 8];
    let start = 8 * i;
    let end = (start + 8).min(NARROW_BYTES);
    w[..end - start].copy_from_slice(&narrow[start..end]);
    u64::from_le_bytes(w)
}

/// One bit (the lowest of each nibble) per non-zero 4-bit bin of `x`.
#[inline]
fn held_bins(x: u64) -> u64 {
    const LOW_BITS: u64 = 0x1111_1111_1111_1111;
    let t = x | (x >> 1);
    (t | (t >> 2)) & LOW_BITS
}

/// The top bit of a wide bin: its value was borrowed from another bin (the bin was empty).
const BORROWED: BandKey = 1 << 31;

/// A look-up key that is none (a bin with too few hashes for a probe).
pub(crate) const NO_KEY: BandKey = BandKey::MAX;

/// The 32-bit fingerprint of a wide bin's value (the top bit is the borrowed flag).
fn wide_fingerprint(s: u64) -> BandKey {
    fmix64(s ^ FINGERPRINT_SEED) as BandKey & !BORROWED
}

/// The 32-bit key of a lead hash (never `NO_KEY`; its top bit clear, as own minhash keys).
fn lead_fingerprint(h: u64) -> BandKey {
    fmix64(h ^ FINGERPRINT_SEED) as BandKey & !BORROWED
}

/// A 4-bit fingerprint of a bin's minimum, never 0 (0 is an empty bin).
fn narrow_fingerprint(s: u64) -> u8 {
    1 + (fmix64(s ^ FINGERPRINT_SEED) % 15) as u8
}

/// Bits of a figure slot that fingerprint the figure (the rest fingerprint its context).
const FIGURE_BITS: u32 = SLOT_BITS - 16;

/// Bottom-k sampling of (context, figure) pairs: the `FIGURE_SLOTS` pairs with the smallest
/// context hashes, so two texts that share most of their figure contexts (two issues of one
/// template) sample the same ones. A context followed by several different figures in one
/// text ("rose 5 pct ... rose 7 pct") is left out: a copy holding only one of them would
/// otherwise look like a contradiction.
fn figure_slots(figures: &[(u64, u64)]) -> [u16; FIGURE_WORDS] {
    // The smallest mixed context hashes seen so far, with their figures, ascending.
    let mut best = [(u64::MAX, 0u64); FIGURE_SLOTS];
    for (k, &(context, figure)) in figures.iter().enumerate() {
        // `figures` is sorted by context, so the figures of one context are adjacent.
        let several = figures.get(k + 1).is_some_and(|n| n.0 == context) || (k > 0 && figures[k - 1].0 == context);
        if several {
            continue;
        }
        let c = fmix64(context ^ FIGURE_SEED);
        if c < best[FIGURE_SLOTS - 1].0 {
            best[FIGURE_SLOTS - 1] = (c, figure);
            best.sort_unstable();
        }
    }
    let mut packed = 0u64;
    for (i, &(c, f)) in best.iter().enumerate() {
        if c == u64::MAX {
            continue;
        }
        let context_bits = (c & 0xFFFF).max(1);
        let slot = (context_bits << FIGURE_BITS) | (fmix64(f) & ((1 << FIGURE_BITS) - 1));
        packed |= slot << (SLOT_BITS * i as u32);
    }
    std::array::from_fn(|i| (packed >> (16 * i)) as u16)
}

const RANK_MASK: u64 = (1 << BIN_SHIFT) - 1;
const WORD_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const SHINGLE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const FINGERPRINT_SEED: u64 = 0xd6e8_feb8_6659_fd93;
const PROBE_SEED: u64 = 0xa076_1d64_78bd_642f;
const FIGURE_SEED: u64 = 0xe703_7ed1_a0b4_28db;
const LEAD_SEED: u64 = 0x8ebc_6af0_9c88_c6e3;

/// The finaliser of MurmurHash3: a bijective 64-bit mix.
#[inline]
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

#[inline]
fn shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(SHINGLE_SEED, |acc, &w| fmix64(acc.rotate_left(23) ^ w))
}

fn borrow_for(bin: usize, filled: &[u64; BINS]) -> u64 {
    for attempt in 1..=256u64 {
        let probe = (fmix64(PROBE_SEED ^ ((bin as u64) << 16) ^ attempt) >> BIN_SHIFT) as usize;
        if filled[probe] != u64::MAX {
            return filled[probe];
        }
    }
    // With at least one filled bin, 256 random probes all missing is vanishingly rare;
    // fall back to the next filled bin so the result stays deterministic.
    (1..=BINS).map(|d| filled[(bin + d) % BINS]).find(|&v| v != u64::MAX).unwrap_or(0)
}

/// One word of a text, as `for_each_word` reports it.
#[derive(Debug, Clone, Copy)]
struct Word {
    hash: u64,
    /// The word holds a digit.
    digit: bool,
    /// The word follows the previous one with no whitespace between (`1.5`, `45,000`, `7-3/4`).
    glued: bool,
}

/// Calls `f` with each word of `text`, in order.
///
/// A word is a run of letters and digits, lower-cased; apostrophes (straight or typographic)
/// inside a word are dropped (`Iran’s` = `Iran's` = `irans`), every other character separates.
fn for_each_word(text: &str, mut f: impl FnMut(Word)) {
    let mut h = WORD_SEED;
    let mut in_word = false;
    let mut digit = false;
    // Whitespace seen since the last word ended; and whether it was, when this word began.
    let mut spaced = true;
    let mut glued = false;
    let add = |h: &mut u64, c: u32| {
        *h = (*h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    };
    for c in text.chars() {
        let letter = if c.is_ascii() {
            if c == '\'' || c == '`' {
                continue;
            }
            c.is_ascii_alphanumeric()
        } else {
            if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}') {
                continue;
            }
            c.is_alphanumeric()
        };
        if letter {
            if !in_word {
                glued = !spaced;
                in_word = true;
            }
            if c.is_ascii() {
                add(&mut h, c.to_ascii_lowercase() as u32);
                digit |= c.is_ascii_digit();
            } else {
                for lower in c.to_lowercase() {
                    add(&mut h, lower as u32);
                }
                digit |= c.is_numeric();
            }
            continue;
        }
        if in_word {
            f(Word { hash: fmix64(h), digit, glued });
            h = WORD_SEED;
            in_word = false;
            digit = false;
            spaced = false;
        }
        spaced |= c.is_whitespace();
    }
    if in_word {
        f(Word { hash: fmix64(h), digit, glued });
    }
}

#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.hash));
    out
}
