//! The per-article fingerprint: word 5-shingles, one-permutation MinHash with densification,
//! stored as b-bit fingerprints (16 bits for the LSH bins, 4 bits for the rest).

use crate::DedupError;
use std::cell::RefCell;

/// Number of MinHash bins (one-permutation MinHash: each shingle falls in exactly one bin).
pub const BINS: usize = 128;
/// Bins kept at 16 bits; they double as the LSH bands (one bin per band).
pub const WIDE_BINS: usize = 12;
/// Bins kept at 4 bits, two to a byte.
pub const NARROW_BINS: usize = BINS - WIDE_BINS;
const NARROW_BYTES: usize = NARROW_BINS / 2;
const BIN_SHIFT: u32 = 64 - BINS.trailing_zeros();
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

const FORMAT_VERSION: u8 = 2;
/// Length of `Sketch::to_bytes()`: version, shingle count (u32), wide bins (u16 each), narrow
/// bins (two to a byte).
pub const SKETCH_BYTES: usize = 1 + 4 + 2 * WIDE_BINS + NARROW_BYTES;

/// A compact fingerprint of one article's text.
///
/// Two sketches estimate the Jaccard similarity of their texts' shingle sets (the share of bins
/// whose fingerprints agree) and, with the stored shingle counts, how much of the shorter text
/// is contained in the longer one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sketch {
    /// Distinct shingles in the text (saturating); 0 means the text had no words.
    pub(crate) shingles: u32,
    pub(crate) wide: [u16; WIDE_BINS],
    /// 4-bit fingerprints, bin `2i` in the low half of byte `i`.
    pub(crate) narrow: [u8; NARROW_BYTES],
}

thread_local! {
    static SCRATCH: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

impl Sketch {
    /// The sketch of `text`: case, punctuation, whitespace and the kind of quote marks are ignored.
    pub fn of(text: &str) -> Sketch {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => Sketch::of_with(text, &mut scratch),
            // Only reachable if `of` were re-entered on one thread; stay correct anyway.
            Err(_) => Sketch::of_with(text, &mut Vec::new()),
        })
    }

    fn of_with(text: &str, shingles: &mut Vec<u64>) -> Sketch {
        Sketch::collect_shingles(text, shingles);
        Sketch::from_shingle_hashes(shingles)
    }

    /// The exact shingle set a sketch summarises: sorted, distinct 64-bit shingle hashes.
    /// For evaluation and diagnostics (it is as large as the text); the index never keeps it.
    pub fn shingle_set(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        Sketch::collect_shingles(text, &mut out);
        out
    }

    /// Fills `shingles` with the text's distinct shingle hashes, sorted.
    fn collect_shingles(text: &str, shingles: &mut Vec<u64>) {
        shingles.clear();
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        for_each_word_hash(text, |h| {
            window.rotate_left(1);
            window[SHINGLE_WORDS - 1] = h;
            words += 1;
            if words >= SHINGLE_WORDS {
                shingles.push(shingle_hash(&window));
            }
        });
        if (1..SHINGLE_WORDS).contains(&words) {
            // A text shorter than one shingle is one shingle of all its words.
            shingles.push(shingle_hash(&window[SHINGLE_WORDS - words..]));
        }
        shingles.sort_unstable();
        shingles.dedup();
    }

    /// Sketch of a set of distinct, well-mixed 64-bit shingle hashes.
    fn from_shingle_hashes(shingles: &[u64]) -> Sketch {
        let mut empty = Sketch { shingles: 0, wide: [0; WIDE_BINS], narrow: [0; NARROW_BYTES] };
        if shingles.is_empty() {
            return empty;
        }
        // The bin is the top 7 bits; the rank inside a bin is the rest.
        let mut min = [u64::MAX; BINS];
        for &s in shingles {
            let bin = (s >> BIN_SHIFT) as usize;
            let rank = s & RANK_MASK;
            if rank < min[bin] & RANK_MASK || min[bin] == u64::MAX {
                min[bin] = s;
            }
        }
        // Densification: an empty bin borrows the minimum of a filled bin chosen by a fixed
        // probe sequence that depends only on the bin, so equal sets still give equal sketches.
        let filled = min;
        for (bin, slot) in min.iter_mut().enumerate() {
            if *slot != u64::MAX {
                continue;
            }
            *slot = borrow_for(bin, &filled);
        }
        empty.shingles = u32::try_from(shingles.len()).unwrap_or(u32::MAX);
        for (i, &s) in min.iter().enumerate() {
            let f = fmix64(s ^ FINGERPRINT_SEED);
            if i < WIDE_BINS {
                empty.wide[i] = f as u16;
            } else {
                let j = i - WIDE_BINS;
                empty.narrow[j / 2] |= ((f & 0xF) as u8) << (4 * (j % 2));
            }
        }
        empty
    }

    /// The persisted form: exactly `SKETCH_BYTES` (87) bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SKETCH_BYTES);
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for w in self.wide {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.narrow);
        out
    }

    /// Reads what `to_bytes` wrote; any other length or version is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Sketch, DedupError> {
        if bytes.len() != SKETCH_BYTES {
            return Err(DedupError::SketchLength { expected: SKETCH_BYTES, found: bytes.len() });
        }
        if bytes[0] != FORMAT_VERSION {
            return Err(DedupError::SketchVersion { found: bytes[0], supported: FORMAT_VERSION });
        }
        let shingles = u32::from_le_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]);
        let mut wide = [0u16; WIDE_BINS];
        for (i, w) in wide.iter_mut().enumerate() {
            let at = 5 + 2 * i;
            *w = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        }
        let mut narrow = [0u8; NARROW_BYTES];
        narrow.copy_from_slice(&bytes[5 + 2 * WIDE_BINS..]);
        Ok(Sketch { shingles, wide, narrow })
    }

    /// Distinct word shingles in the text this sketch was made from.
    pub fn shingle_count(&self) -> u32 {
        self.shingles
    }

    /// True when the text had no words: such a sketch matches nothing.
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    fn agreeing(&self, other: &Sketch) -> (usize, usize) {
        let wide = self.wide.iter().zip(&other.wide).filter(|(a, b)| a == b).count();
        let narrow = self
            .narrow
            .iter()
            .zip(&other.narrow)
            .map(|(a, b)| {
                let x = a ^ b;
                usize::from(x & 0x0F == 0) + usize::from(x & 0xF0 == 0)
            })
            .sum();
        (wide, narrow)
    }

    /// Estimated number of bins (out of `BINS`) whose minimum shingle the two texts share:
    /// the agreeing 16-bit bins, plus the agreeing 4-bit bins less those expected by chance.
    fn shared_bins(&self, other: &Sketch) -> f64 {
        let (wide, narrow) = self.agreeing(other);
        // A 4-bit fingerprint agrees by chance with probability 1/16.
        let chance = 1.0 / 16.0;
        let narrow_true = ((narrow as f64 - NARROW_BINS as f64 * chance) / (1.0 - chance)).max(0.0);
        wide as f64 + narrow_true
    }

    /// Agreeing 16-bit bins: each is near-certain evidence of a shared shingle.
    pub fn agreeing_wide_bins(&self, other: &Sketch) -> usize {
        self.agreeing(other).0
    }

    /// Similarity estimates of two texts; both zero when either text had no words.
    pub fn compare(&self, other: &Sketch) -> Similarity {
        if self.is_empty() || other.is_empty() {
            return Similarity { jaccard: 0.0, containment: 0.0, shared_bins: 0.0, smaller_shingles: 0 };
        }
        let shared_bins = self.shared_bins(other);
        let jaccard = (shared_bins / BINS as f64).min(1.0);
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
        let shared = jaccard * (a + b) / (1.0 + jaccard);
        let containment = (shared / a.min(b)).min(1.0);
        Similarity { jaccard, containment, shared_bins, smaller_shingles: self.shingles.min(other.shingles) }
    }

    pub(crate) fn band_key(&self, band: usize) -> u16 {
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
    /// Estimated bins (out of `BINS`) whose minimum shingle both texts hold: the evidence.
    pub shared_bins: f64,
    /// Distinct shingles of the shorter text.
    pub smaller_shingles: u32,
}

const RANK_MASK: u64 = (1 << BIN_SHIFT) - 1;
const WORD_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const SHINGLE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const FINGERPRINT_SEED: u64 = 0xd6e8_feb8_6659_fd93;
const PROBE_SEED: u64 = 0xa076_1d64_78bd_642f;

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

/// Calls `f` with a hash of each word of `text`, in order.
///
/// A word is a run of letters and digits, lower-cased; apostrophes (straight or typographic)
/// inside a word are dropped (`Iran’s` = `Iran's` = `irans`), every other character separates.
fn for_each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    let mut h = WORD_SEED;
    let mut in_word = false;
    let add = |h: &mut u64, c: u32| {
        *h = (*h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                add(&mut h, c.to_ascii_lowercase() as u32);
                in_word = true;
                continue;
            }
            if c == '\'' || c == '`' {
                continue;
            }
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                add(&mut h, lower as u32);
            }
            in_word = true;
            continue;
        } else if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}') {
            continue;
        }
        if in_word {
            f(fmix64(h));
            h = WORD_SEED;
            in_word = false;
        }
    }
    if in_word {
        f(fmix64(h));
    }
}

#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word_hash(text, |h| out.push(h));
    out
}
