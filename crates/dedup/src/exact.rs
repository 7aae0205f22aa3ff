//! The exact verification stage: for a candidate pair whose sketch estimate is not clear-cut,
//! the two texts' full shingle sets and figure contexts, compared exactly. The index keeps no
//! text; a caller-supplied [`TextSource`] answers for the ids it asks about.

use crate::sketch::Sketch;
use crate::Similarity;

/// Where the index gets the cleaned text of an article it has to verify exactly: the one being
/// added and any article added before it. `None` when the text is not at hand; the sketch
/// estimate then decides.
pub trait TextSource {
    fn text(&mut self, id: &str) -> Option<String>;
}

impl<F: FnMut(&str) -> Option<String>> TextSource for F {
    fn text(&mut self, id: &str) -> Option<String> {
        self(id)
    }
}

/// A source that has no texts: every decision is the sketch estimate's.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTexts;

impl TextSource for NoTexts {
    fn text(&mut self, _id: &str) -> Option<String> {
        None
    }
}

/// The exact similarity of two texts, as the exact stage computes it for a borderline pair.
pub fn exact_similarity(a: &str, b: &str) -> Similarity {
    ExactSets::of(a).compare(&ExactSets::of(b))
}

/// A text's exact shingle set and figure contexts, as the sketch samples them.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExactSets {
    /// Distinct shingle hashes, sorted.
    shingles: Vec<u64>,
    /// Distinct `(context, figure)` hashes, sorted.
    figures: Vec<(u64, u64)>,
}

impl ExactSets {
    pub(crate) fn of(text: &str) -> ExactSets {
        let (shingles, figures) = Sketch::exact_sets(text);
        ExactSets { shingles, figures }
    }

    /// The exact similarity of two texts: Jaccard and containment of the smaller shingle set in
    /// the larger, and of the figure contexts both texts have, how many are followed by a
    /// common figure (agreeing) and how many only by different ones (conflicting).
    pub(crate) fn compare(&self, other: &ExactSets) -> Similarity {
        let (a, b) = (self.shingles.len(), other.shingles.len());
        let shared = sorted_intersection(&self.shingles, &other.shingles);
        let union = a + b - shared;
        let (agreeing, conflicting) = figure_agreement(&self.figures, &other.figures);
        Similarity {
            jaccard: if union == 0 { 0.0 } else { shared as f64 / union as f64 },
            containment: if a.min(b) == 0 { 0.0 } else { shared as f64 / a.min(b) as f64 },
            shared_bins: shared as f64,
            smaller_shingles: u32::try_from(a.min(b)).unwrap_or(u32::MAX),
            figures_agreeing: u32::try_from(agreeing).unwrap_or(u32::MAX),
            figures_conflicting: u32::try_from(conflicting).unwrap_or(u32::MAX),
            exact: true,
        }
    }
}

/// How many hashes two sorted, distinct hash lists (shingle sets as [`Sketch::shingle_set`]
/// gives them) have in common.
pub fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Over the contexts both sorted lists have: `(contexts with a figure in common, contexts with
/// only different figures)`.
fn figure_agreement(a: &[(u64, u64)], b: &[(u64, u64)]) -> (usize, usize) {
    let (mut i, mut j) = (0, 0);
    let (mut agree, mut conflict) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ca, cb) = (a[i].0, b[j].0);
        if ca < cb {
            i += 1;
        } else if cb < ca {
            j += 1;
        } else {
            // The figures of this context in each text (adjacent, sorted).
            let ea = i + a[i..].iter().take_while(|f| f.0 == ca).count();
            let eb = j + b[j..].iter().take_while(|f| f.0 == ca).count();
            let common = a[i..ea].iter().any(|fa| b[j..eb].iter().any(|fb| fb.1 == fa.1));
            if common {
                agree += 1;
            } else {
                conflict += 1;
            }
            (i, j) = (ea, eb);
        }
    }
    (agree, conflict)
}
