//! Dedup: finds syndicated and near-duplicate copies among articles, so that a story
//! republished by many outlets is counted once.
//!
//! This crate is for deciding, one article at a time, whether a cleaned article's text copies
//! one already seen: a near-equal copy (high Jaccard similarity of word shingles) or a partial
//! one (a truncated copy, perhaps under a new dateline or headline, whose text is mostly
//! contained in a longer version). Copies are grouped into story families; each family's
//! original is its fullest, then earliest, member, and every copy points at it directly.
//! It is not for finding articles that report the same *event* in their own words (that is
//! fuse's coreference), and it does no I/O: the store persists each article's [`Sketch`] and
//! rebuilds a [`DedupIndex`] at start-up by re-adding them in their original order, with the
//! stored texts as the exact stage's [`TextSource`], so that every decision comes out as it did.
//!
//! # Contract
//! - [`Sketch::of`] fingerprints a text; [`Sketch::to_bytes`] / [`Sketch::from_bytes`] are the
//!   persisted form (exactly [`SKETCH_BYTES`] = 205 bytes, format version 5). Sketches of other
//!   versions cannot be compared with these: `from_bytes` refuses them and the caller sketches
//!   the stored text again (the ingest does, at start-up).
//! - [`DedupIndex::new`] with a [`DedupConfig`]; [`DedupIndex::add`] returns a [`DedupOutcome`]:
//!   `duplicate_of` names the family's original when the new article is a copy; when the new
//!   article is fuller than the family's original it becomes the original, `duplicate_of` is
//!   `None` and `repointed` lists `(copy, new original)` for every member that moved. Adding an
//!   id already present changes nothing and reports its current original.
//! - [`DedupIndex::add_checked`] does the same with a [`TextSource`] (`id -> Option<text>`, a
//!   closure will do) that answers for the article being added and for earlier ones: borderline
//!   comparisons are then decided on the exact texts (below). `add` is `add_checked` with
//!   [`NoTexts`]; where the source answers `None` the estimate decides. The index keeps no text.
//!
//! # How
//! Words are runs of letters and digits, lower-cased, with apostrophes of every kind dropped,
//! so case, punctuation, line wrapping and typographic quotes do not matter. Each run of five
//! words is a shingle, hashed to 64 bits (five rather than three: the issues of a formulaic
//! series such as "Qtly div 10 cts vs 10 cts prior" share short runs, copies share long ones).
//! The sketch is a one-permutation MinHash over the distinct shingles (128 bins by the hash's
//! top bits, the smallest hash kept per bin), stored as b-bit fingerprints: 10 bins at 32 bits
//! (31 bits and a flag), 116 at 4 bits (bins 12 to 127; bins 10 and 11 are not kept, their
//! slots hold the two lead keys below), plus the distinct-shingle count (16 bits,
//! saturating). Empty 32-bit bins borrow a filled bin's minimum by a fixed probe
//! sequence (densification, so short texts still have LSH keys) and are flagged as borrowed;
//! empty 4-bit bins stay empty. A comparison counts only bins that one of the two texts really
//! fills: the share of those whose fingerprints agree (4-bit chance agreements, 1 in 15,
//! subtracted) estimates the Jaccard similarity J. Counting borrowed bins, as the version 2
//! sketch did, repeats a short text's few shared minima across many bins and overestimated its
//! containment in unrelated longer texts. With the two shingle counts J gives the containment
//! of the smaller set in the larger, `J (|A| + |B|) / ((1 + J) min(|A|, |B|))`.
//!
//! Verification of figures: a formulaic series (a daily money-market report, a company's
//! quarterly results, a bond issue) repeats its wording with other figures, so wording alone
//! makes it look like a copy. A figure is a run of digit-bearing words glued by punctuation
//! (`1.5`, `7-3/4`, `45,000`); its context is the three words before it. The sketch keeps the
//! three (context, figure) pairs with the smallest context hashes (bottom-k sampling, so two
//! issues of one template, which share most contexts, sample the same ones; a context
//! followed by several figures in one text is left out), 16 bits of context and 5 of figure
//! each, in 8 bytes. Two texts that sampled the same context with different figures
//! contradict each other there; a pair with more than
//! [`DedupConfig::max_figure_conflict_share`] of its compared contexts in contradiction is not
//! a copy unless its texts are near-equal (a corrected figure). Additions (a dateline, a
//! footer, a paragraph) bring new contexts, not contradictions. One-permutation slots (one
//! context per slot by hash) were tried first: two contexts of a short report often fall in
//! one slot and the contradiction goes unseen (Reuters precision 0.966 against 0.980).

//! Exact stage: a sketch estimates; at 128 bins an estimated containment near one half errs by
//! about ±0.07 (20 of the 27 Reuters same-story pairs the estimates missed were exactly 0.45
//! to 0.7 contained), and three figure samples judge a series by one or two contexts. So a
//! compared pair whose estimated decision is not clear-cut is decided on its texts
//! ([`DedupConfig::is_borderline`]): when the decision at the estimate moved up by
//! [`DedupConfig::verify_band`] (Jaccard and containment raised by it, sampled figure conflicts
//! and the shared-bin floor disregarded) differs from the decision at the estimate moved down by
//! it, the index asks its [`TextSource`] for both texts and compares their full shingle sets
//! (the sketch's shingling: Jaccard, and containment of the smaller set in the larger) and
//! their figure contexts (every context both texts have; a context conflicts when no figure
//! after it in one text follows it in the other). The same decision rules then apply to the
//! exact figures, without the shared-bin floor, which only guards estimates. Clear-cut pairs
//! (nearly all of them: an unrelated candidate, a near-equal copy) keep the estimate.

//! Candidates come from locality-sensitive hashing with 12 bands of one 32-bit key each.
//! Ten are the 32-bit bins: two texts with Jaccard J share one of them with probability
//! `1 - (1 - J)^10` (0.94 at J = 0.25, 0.99 at J = 0.37). A band keyed by a bin's minimum is
//! weak for partial copies: a truncated copy holding a fifth of the original's shingles holds
//! the original's minimum of a bin one time in five. Two mechanisms aim at them:
//! - Lead keys: the two smallest hashes (by a mix of their own) of the text's first
//!   [`LEAD_SHINGLES`] = 48 shingles, each a band. A truncated copy keeps its original's
//!   beginning, so the two leads are mostly the same shingles whatever the copy's length; a
//!   new headline, dateline or byline shifts a few. A sketch looks up its four smallest lead
//!   hashes in both lead bands.
//! - Probes: besides its own minimum, a sketch looks up the next two smallest hashes of each
//!   of its 10 bins ([`PROBES`] = 22 keys with the lead's third and fourth, persisted with the
//!   sketch but not kept in the index). When the shorter text was added first, its bin
//!   minimum is in the fuller text, often among that bin's three smallest.
//!
//! Measured on BBC seed 1 (see Thresholds), copies that the decision accepts against their
//! source but that were never grouped with it went from 13 (6 of them added before their
//! source) with 12 minhash bands to 3 with the lead keys and probes, and to 0 with the member
//! rule below. A candidate stands for its family, and the
//! new article is judged against the family's *original* ([`DedupConfig::is_duplicate`]), so
//! families are stars around their original and cannot grow by chains of resemblance; only a
//! near-identical copy of a member (J >= 0.9), or a copy mostly contained in a member or
//! containing it (estimated containment >= [`DedupConfig::member_containment`] = 0.8, and the
//! duplicate decision), joins through that member, and members are compared only for families
//! whose original did not match. (A fuller copy of a story, its source with a paragraph added,
//! becomes the family's original; a truncated copy of the source then resembles the source far
//! more than that original: 0.8 takes BBC recall from 0.9800 to 0.9817 on seed 1 and from
//! 0.9823 to 0.9863 on seed 2, and changes nothing on Reuters.) An article matching
//! several families' originals merges them under the fullest original.
//!
//! # Thresholds
//! The defaults ([`DedupConfig::default`]) were chosen on two sets printed by
//! `examples/dedup_eval.rs`: BBC News with seeded, generated copies (seed 1; seed 2 is held out)
//! and Reuters-21578 under its documented same-story labels (exact rules on the full texts;
//! Reuters was looked at while choosing, so its figures are not held out). Measured with 12
//! minhash bands, before the lead keys, probes and member rule (BBC seed 1 P/R, Reuters
//! same-story P/R): containment 0.5 with 8 shared bins, the default, 1.000/0.978
//! and 0.982/0.964 (now, estimates only, 1.000/0.982 and 0.982/0.969; seed 2 1.000/0.986); with 12 or 16 bins Reuters precision rises a little (0.983, 0.985) and both
//! recalls fall; containment 0.45 gives BBC R=0.982 but Reuters P=0.934; 0.55 gives Reuters
//! P=0.995 but BBC R=0.970. The two sets pull apart at a containment of one half: 1.2 % of the
//! BBC copies (a 30 % truncation with a paragraph, header and footer added) are less than half
//! contained in their source, while Reuters pairs just under one half are as often other
//! reports as rewrites. The figure check (a share of 0.25) moves Reuters precision from 0.932
//! (off) to 0.983 at 12 bins and costs BBC 0.002 of recall; a share of 0.5 lets series back in
//! (0.966). The Jaccard bar hardly matters for partial copies (containment is never below
//! Jaccard) and is kept at 0.5 for equal-length rewrites. Short texts (under 25 shingles) give
//! noisy estimates and are copies only at J >= 0.95; copies must be published within 3 days of
//! their family's first article when both dates are known, unless the texts are identical.
//!
//! The exact stage's band, 0.15, is the narrowest at which both sets stop improving (band: BBC
//! seed 1 recall, Reuters same-story precision, share of adds that asked for texts on BBC and
//! Reuters; precision 1.000 on BBC and recall 0.9953 on Reuters from 0.05 on): 0 (off) 0.9817,
//! 0.9823; 0.05 0.9829, 0.9942, 0.97 % and 0.85 %; 0.10 0.9846, 0.9954, 1.8 % and 1.5 %; 0.15
//! 0.9846, 0.9977, 2.9 % and 2.1 %; 0.20 and 0.30 the same figures with 4.6 % and 2.9 %, 8.7 %
//! and 5.5 % of adds asking. With it on, BBC seed 1 goes from P/R 1.000/0.9817 to
//! 1.000/0.9846, seed 2 (held out) from 1.000/0.9863 to 1.000/0.9872, Reuters same-story from
//! 0.9823/0.9686 to 0.9977/0.9953. That last figure is partly circular: for a borderline pair
//! the exact stage applies the very rule the same-story labels are made with (exact
//! containment 0.5 of at least 25 shingles, figure conflicts at most a quarter, 3 days, J 0.9),
//! so against those labels it measures candidate generation and the clear-cut estimates, not
//! the rule. Labels made with other constants show what the rule itself costs (containment 0.4:
//! R 0.921; 0.6: P 0.946; no figure conflict allowed: P 0.956; 15 shingles: R 0.900), and BBC's
//! copies, labelled by how they were generated and not by any similarity, are the independent
//! measure.

//! # Cost model
//! - Sketching: one pass over the text and a sort of its shingle hashes (n log n, n = words);
//!   no allocation after the first call on a thread.
//! - Adding: up to 38 bucket walks (12 own keys, 20 bin probes and 6 lead probes, capped at
//!   `max_bucket_walk` entries and `max_bucket_matches` candidates each; a bin with fewer
//!   than three hashes has fewer probes). The bucket table doubles whenever the index holds
//!   more articles than a band has buckets, so a bucket holds about one unrelated article at
//!   any size, and 32-bit keys agree by chance about once in two billion pairs: the work of
//!   an add depends on how many earlier texts really share its shingles, not on the store's
//!   size. (With 16-bit keys and a fixed table of 32,768 buckets a band, a bucket held
//!   N / 32,768 unrelated articles and every band gave N / 65,536 chance candidates: at
//!   100,000 articles 106 entries walked and 59 comparisons per add, nearly all chance, and
//!   ten times that at a million.) Texts that share a sentence or two with the new one (in a
//!   store of a million, any new text shares some with many) are families found by one
//!   look-up or two; an add compares at most `max_families_compared` originals, those found
//!   most often, and as many members, so its cost is bounded however self-similar the store.
//!   `annalist bench large:N` prints the work per add; on `large:1M` (made of 35 MB of
//!   articles, whose sentences recur about 25 times each by the millionth) before that bound:
//!   106 entries walked, 68 comparisons and 2.5 exact checks per add, against 38, 16 and 0.6
//!   at 100,000. A sketch comparison reads 110 bytes. Becoming a family's new original costs one step per member (each
//!   one is reported in `repointed`).
//! - Exact checks: a borderline comparison fetches both texts (the new article's once per
//!   add) and shingles them, O(n log n) in their words, with allocation; nothing of it stays
//!   in the index. In `examples/dedup_bench.rs` (100,000 articles, texts in memory) 18 % of
//!   adds asked for texts, 1.8 checks each, 11 to 13 us per check, 17 % of the add time;
//!   on the labelled sets 2-3 % of adds ask (their copies are fewer and less mangled). At
//!   ingest a text comes from the chunk in memory or one SQLite read by id.
//! - Memory: 180 bytes per article in the index entry (48 bytes of 32-bit bins and lead keys, 58 of 4-bit
//!   bins, 8 of figure slots, 2 shingle count, 48 LSH links, 8 family links, 4 length and
//!   4 of dates as 16-bit day numbers from 1900, so dates after 2079 count as unknown), 4 bytes of id offset, 5 to 6.5 bytes of id hash table (hashbrown buckets, at most
//!   7/8 full), plus the id's own bytes; plus the bucket heads (4 bytes a band per bucket: 1.5 MiB up
//!   to 32,768 articles, then between 48 and 96 bytes per article, 50 MiB at a million). The figure slots
//!   took the place of the shingle count's upper half, of the padding and of the dates' upper
//!   halves, so the entry is the size it was. Vectors grow by an eighth, not by doubling, so spare capacity stays
//!   under 12.5 %. Measured at 100,000 articles (ids of 19 bytes on average) by counting the
//!   allocator's live bytes in `examples/dedup_bench.rs`: 291.5 bytes per article as built by
//!   adds, 272.3 after [`DedupIndex::shrink_to_fit`]; of the used content, 251.9 bytes per
//!   article without the id text and 270.5 with it (the lead keys took two bins' places, the
//!   probes are not kept; 218 and 199 with 16-bit keys and a fixed table). Long ids (URLs)
//!   add their length. The persisted sketch is 205 bytes (137 with 16-bit keys).

mod exact;
mod index;
mod sketch;

pub use exact::{exact_similarity, sorted_intersection, NoTexts, TextSource};
pub use index::{DedupIndex, Work, ENTRY_BYTES};
pub use sketch::{
    Similarity, Sketch, BINS, FIGURE_SLOTS, LEAD_KEYS, LEAD_SHINGLES, MINHASH_BANDS, NARROW_BINS, PROBES,
    SHINGLE_WORDS, SKETCH_BYTES, STORED_BINS, WIDE_BINS,
};

use chrono::NaiveDate;

/// Why a persisted sketch could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DedupError {
    #[error("a dedup sketch is {expected} bytes, this one is {found}")]
    SketchLength { expected: usize, found: usize },
    #[error("dedup sketch format version {found} is not supported (this build reads version {supported})")]
    SketchVersion { found: u8, supported: u8 },
}

/// Thresholds of the duplicate decision.
///
/// A pair is a copy when its estimated Jaccard similarity reaches `jaccard`, or when the
/// estimated containment of the shorter text in the longer reaches `containment` and at least
/// `min_shared_bins` bins are estimated to be shared (the evidence floor that keeps a few
/// shared words between a very short and a very long text from counting as containment).
/// A shorter text under `min_containment_shingles` must reach `short_text_jaccard` instead,
/// and dated copies must fall within `max_days_apart` of their family's first article. The
/// defaults are justified in the crate docs by the measurements printed by
/// `cargo run -p annalist-dedup --release --example dedup_eval`.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Estimated Jaccard similarity at or above which two texts are near-equal copies.
    pub jaccard: f64,
    /// Estimated containment at or above which the shorter text is a partial copy.
    pub containment: f64,
    /// Fewest shared bins (of 128, estimated) for a containment decision.
    pub min_shared_bins: f64,
    /// Fewest distinct shingles (about words) the shorter text needs for a containment
    /// decision: a short template text ("Qtly div 10 cts vs 10 cts prior...") is contained in
    /// many unrelated ones, so short texts are copies only when near-equal.
    pub min_containment_shingles: u32,
    /// Estimated Jaccard similarity at or above which a text joins the family of any member it
    /// nearly equals; every other match is judged against the family's original alone.
    pub member_jaccard: f64,
    /// Estimated containment at or above which a text that passes the duplicate decision
    /// against a family member (not the original) joins that family: a copy of the story's
    /// source, when a fuller copy of the source (one with a paragraph added) became the
    /// family's original and the two copies do not resemble each other enough.
    pub member_containment: f64,
    /// Estimated Jaccard similarity two texts need when the shorter is below
    /// `min_containment_shingles`: short texts are copies only when nearly equal.
    pub short_text_jaccard: f64,
    /// Most days between the publication date of a copy and the earliest of its family (when
    /// both are known; identical texts are exempt); `None` for no limit. Syndicated copies
    /// appear within days; the issues of a formulaic series (a weekly market report, a daily
    /// central-bank operation) are alike in wording but days or weeks apart.
    pub max_days_apart: Option<u32>,
    /// Largest share of the compared figure slots (the same two words followed by a figure in
    /// both texts) that may hold different figures: above it the pair is two issues of a
    /// formulaic series ("rose 5 pct" against "rose 7 pct"), not a copy, unless the texts are
    /// near-equal (estimated Jaccard at least `figure_exempt_jaccard`: a corrected figure).
    pub max_figure_conflict_share: f64,
    /// Estimated Jaccard similarity at or above which differing figures do not matter.
    pub figure_exempt_jaccard: f64,
    /// Most articles looked at per LSH bucket in one add: bounds the cost of an add when
    /// thousands of identical texts share buckets (one of them is enough to find the family).
    pub max_bucket_walk: usize,
    /// Most articles taken as candidates from one LSH bucket in one add, newest first. A
    /// bucket whose key many unrelated texts share (a sentence a thousand articles quote, the
    /// boilerplate lead of a formulaic series) would otherwise give a candidate for each of
    /// them, and an add would cost more the larger the store; a copy shares several bands' keys
    /// with its family, so the newest few of each bucket are enough to find it.
    pub max_bucket_matches: usize,
    /// Most families whose original one add compares with: those its look-ups found most
    /// often. In a large store many texts share a sentence or two with any new one (each a
    /// family found once); a copy shares many keys with its family, so it is among the first.
    pub max_families_compared: usize,
    /// The borderline band of the exact stage: a compared pair is verified on its texts when
    /// moving its estimated Jaccard and containment up or down by this much (and, upwards,
    /// ignoring sampled figure conflicts and the shared-bin floor) would change the decision.
    /// 0 turns the exact stage off.
    pub verify_band: f64,
}

impl Default for DedupConfig {
    fn default() -> DedupConfig {
        DedupConfig {
            jaccard: 0.5,
            containment: 0.5,
            min_shared_bins: 8.0,
            min_containment_shingles: 25,
            member_jaccard: 0.9,
            member_containment: 0.8,
            short_text_jaccard: 0.95,
            max_days_apart: Some(3),
            max_figure_conflict_share: 0.25,
            figure_exempt_jaccard: 0.9,
            max_bucket_walk: 256,
            max_bucket_matches: 8,
            max_families_compared: 16,
            verify_band: 0.15,
        }
    }
}

impl DedupConfig {
    /// Whether a compared pair satisfies the date window: the new article's publication day
    /// and its family's first (days from 1900-01-01, `UNDATED` when unknown) are at most
    /// `max_days_apart` apart, unless the texts are identical as far as the sketch can tell
    /// (estimated Jaccard at least `short_text_jaccard`): a re-run of the same text is a copy
    /// whenever it appears.
    pub(crate) fn in_window(&self, sim: &Similarity, published: u16, family_first: u16) -> bool {
        match self.max_days_apart {
            Some(max) if published != index::UNDATED && family_first != index::UNDATED => {
                u32::from(published.abs_diff(family_first)) <= max || sim.jaccard >= self.short_text_jaccard
            }
            _ => true,
        }
    }

    /// The decision for a text compared with a family member other than the original.
    pub fn is_near_identical(&self, sim: &Similarity) -> bool {
        let bar = if sim.smaller_shingles < self.min_containment_shingles {
            self.member_jaccard.max(self.short_text_jaccard)
        } else {
            self.member_jaccard
        };
        sim.jaccard >= bar && self.figures_agree(sim)
    }

    /// Whether a text joins the family of a member (not the original) it was compared with:
    /// it nearly equals the member, or it is a copy of it that is mostly contained in it (or
    /// contains it).
    pub fn joins_member(&self, sim: &Similarity) -> bool {
        self.is_near_identical(sim) || (sim.containment >= self.member_containment && self.is_duplicate(sim))
    }

    /// The verification stage: the sampled figures of the two texts do not contradict each
    /// other (or the texts are near-equal, when a differing figure is a correction).
    pub fn figures_agree(&self, sim: &Similarity) -> bool {
        sim.jaccard >= self.figure_exempt_jaccard || sim.figure_conflict_share() <= self.max_figure_conflict_share
    }

    /// The duplicate decision for one compared pair.
    pub fn is_duplicate(&self, sim: &Similarity) -> bool {
        if sim.smaller_shingles < self.min_containment_shingles {
            return sim.jaccard >= self.short_text_jaccard.max(self.jaccard) && self.figures_agree(sim);
        }
        // The shared-bin floor guards estimates; an exact containment needs none.
        let evidence = sim.exact || sim.shared_bins >= self.min_shared_bins;
        let similar = sim.jaccard >= self.jaccard || (sim.containment >= self.containment && evidence);
        similar && self.figures_agree(sim)
    }

    /// Whether an estimated comparison is too close to call, given the decision `decide` it is
    /// put to (monotone in the similarity): the decision differs between the estimate moved up
    /// by [`DedupConfig::verify_band`] (Jaccard and containment raised, sampled figure
    /// conflicts and the shared-bin floor disregarded) and moved down by it. Exact comparisons
    /// and a band of 0 are never borderline.
    pub fn is_borderline(&self, sim: &Similarity, decide: impl Fn(&Similarity) -> bool) -> bool {
        let band = self.verify_band;
        if sim.exact || band <= 0.0 {
            return false;
        }
        let up = Similarity {
            jaccard: (sim.jaccard + band).min(1.0),
            containment: (sim.containment + band).min(1.0),
            shared_bins: sim.shared_bins.max(self.min_shared_bins),
            figures_conflicting: 0,
            ..*sim
        };
        let down = Similarity {
            jaccard: (sim.jaccard - band).max(0.0),
            containment: (sim.containment - band).max(0.0),
            ..*sim
        };
        decide(&up) != decide(&down)
    }
}

/// What the index needs to know about an article besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArticleMeta {
    /// Publication date, when known (unknown dates count as later than any known one).
    pub published: Option<NaiveDate>,
    /// Length of the cleaned text in bytes: the fuller version of a story is the original.
    pub text_len: usize,
}

/// What adding one article changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DedupOutcome {
    /// The original this article copies, or `None` when it is an original.
    pub duplicate_of: Option<String>,
    /// `(copy, new original)` for every earlier article whose original changed.
    pub repointed: Vec<(String, String)>,
}

#[cfg(test)]
mod tests;
