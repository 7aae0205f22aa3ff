//! Learned decisions: hashed sparse features and the linear models that score them.
//!
//! A decision (which role a count fills, whether an actor is the perpetrator) is a class out of
//! a few, chosen by a linear model over binary features of the candidate and its sentence. A
//! feature is a string ("w+1=people"), hashed (FNV-1a) into one of 2^`DIMENSION_BITS` buckets;
//! the model keeps one weight per bucket and class. Models are trained by the averaged
//! perceptron (`Perceptron`, deterministic for a given order of examples) and stored sparse
//! (`Linear::to_bytes`: only buckets with a weight), with the version of the feature
//! definitions they were trained on: a model of another version does not load.
//!
//! Cost: a decision hashes its few dozen feature strings and sums as many weights per class.

/// log2 of the number of feature buckets.
pub const DIMENSION_BITS: u32 = 18;
const DIMENSION: usize = 1 << DIMENSION_BITS;
const MAGIC: &[u8; 8] = b"ANNLIN1\0";

/// The features of one candidate, as bucket ids.
#[derive(Debug, Default, Clone)]
pub struct Features {
    ids: Vec<u32>,
}

impl Features {
    pub fn new() -> Features {
        Features { ids: Vec::with_capacity(64) }
    }

    /// Adds the feature spelt by `parts` (joined with a separator no word holds).
    pub fn add(&mut self, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
            }
            for b in part.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        self.ids.push((h % DIMENSION as u64) as u32);
    }

    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// Keeps each bucket once (features of presence: a document's words, however often they come).
    pub fn dedup(&mut self) {
        self.ids.sort_unstable();
        self.ids.dedup();
    }
}

/// A linear multi-class model: one weight per feature bucket and class.
#[derive(Debug, Clone)]
pub struct Linear {
    classes: usize,
    weights: Vec<f32>,
}

impl Linear {
    /// The model stored by `to_bytes`; an error when the bytes are not one, or were trained
    /// on another version of the features than `features` (each model's feature definitions
    /// carry their own version, bumped whenever a feature is added, dropped or spelt
    /// otherwise, so stale weights fail to load).
    pub fn from_bytes(bytes: &[u8], features: u32) -> Result<Linear, String> {
        let word = |at: usize| -> Result<u32, String> {
            bytes
                .get(at..at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| "model file cut short".to_string())
        };
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a linear model file".into());
        }
        let (version, classes, bits, rows) = (word(8)?, word(12)? as usize, word(16)?, word(20)? as usize);
        if version != features {
            return Err(format!("model of feature version {version}, features are version {features}"));
        }
        if bits != DIMENSION_BITS || classes == 0 || classes > 16 {
            return Err(format!("model of {classes} classes over 2^{bits} buckets"));
        }
        let mut weights = vec![0.0f32; DIMENSION * classes];
        let row_bytes = 4 * (1 + classes);
        if bytes.len() != 24 + rows * row_bytes {
            return Err("model file of the wrong length".into());
        }
        for r in 0..rows {
            let at = 24 + r * row_bytes;
            let bucket = word(at)? as usize;
            if bucket >= DIMENSION {
                return Err("bucket out of range".into());
            }
            for c in 0..classes {
                weights[bucket * classes + c] = f32::from_bits(word(at + 4 + 4 * c)?);
            }
        }
        Ok(Linear { classes, weights })
    }

    /// The model's bytes: a header (magic, feature version, classes, bucket bits, rows), then
    /// each bucket with a weight and its classes' weights, little-endian.
    pub fn to_bytes(&self, features: u32) -> Vec<u8> {
        let k = self.classes;
        let rows: Vec<usize> =
            (0..DIMENSION).filter(|b| self.weights[b * k..(b + 1) * k].iter().any(|w| *w != 0.0)).collect();
        let mut out = MAGIC.to_vec();
        for v in [features, k as u32, DIMENSION_BITS, rows.len() as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for b in rows {
            out.extend_from_slice(&(b as u32).to_le_bytes());
            for w in &self.weights[b * k..(b + 1) * k] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// The mean of models of one shape (the snapshots a training run took at each epoch's end:
    /// their mean varies far less from run to run and epoch to epoch than the last snapshot).
    pub fn mean(models: &[Linear]) -> Linear {
        let first = &models[0];
        let mut weights = vec![0.0f32; first.weights.len()];
        for m in models {
            assert_eq!(m.weights.len(), weights.len(), "models of one shape");
            weights.iter_mut().zip(&m.weights).for_each(|(w, x)| *w += x);
        }
        let n = models.len() as f32;
        weights.iter_mut().for_each(|w| *w /= n);
        Linear { classes: first.classes, weights }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The model less every bucket whose weights all lie within `min` of 0 (a smaller file;
    /// such a bucket moves a score by less than `min`).
    pub fn pruned(&self, min: f32) -> Linear {
        let k = self.classes;
        let mut weights = self.weights.clone();
        for row in weights.chunks_mut(k) {
            if row.iter().all(|w| w.abs() < min) {
                row.iter_mut().for_each(|w| *w = 0.0);
            }
        }
        Linear { classes: k, weights }
    }

    /// Each class's score for the features.
    pub fn scores(&self, features: &[u32]) -> Vec<f32> {
        let k = self.classes;
        let mut s = vec![0.0f32; k];
        for &f in features {
            let row = &self.weights[f as usize * k..(f as usize + 1) * k];
            for (s, w) in s.iter_mut().zip(row) {
                *s += w;
            }
        }
        s
    }

    /// The best-scoring class (the lowest of a tie).
    pub fn best(&self, features: &[u32]) -> usize {
        argmax(&self.scores(features))
    }
}

fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// The averaged perceptron: trains a `Linear` one example at a time.
pub struct Perceptron {
    model: Linear,
    /// Each update weighted by the step it came at (for the average).
    stepped: Vec<f32>,
    step: f32,
}

impl Perceptron {
    pub fn new(classes: usize) -> Perceptron {
        Perceptron {
            model: Linear { classes, weights: vec![0.0; DIMENSION * classes] },
            stepped: vec![0.0; DIMENSION * classes],
            step: 1.0,
        }
    }

    /// Learns from one example of class `gold`; true when the model already chose it.
    pub fn learn(&mut self, features: &[u32], gold: usize) -> bool {
        let k = self.model.classes;
        let guess = self.model.best(features);
        if guess != gold {
            for &f in features {
                let at = f as usize * k;
                self.model.weights[at + gold] += 1.0;
                self.model.weights[at + guess] -= 1.0;
                self.stepped[at + gold] += self.step;
                self.stepped[at + guess] -= self.step;
            }
        }
        self.step += 1.0;
        guess == gold
    }

    /// Of `allowed` classes, the one the model as trained so far scores highest: the label of
    /// an example whose distant label is one of several (a count equal to both tolls).
    pub fn best_of(&self, features: &[u32], allowed: &[usize]) -> usize {
        let s = self.model.scores(features);
        let mut best = allowed[0];
        for &c in allowed {
            if s[c] > s[best] {
                best = c;
            }
        }
        best
    }

    /// The model averaged over every step so far.
    pub fn averaged(&self) -> Linear {
        let weights = self.model.weights.iter().zip(&self.stepped).map(|(w, u)| w - u / self.step).collect();
        Linear { classes: self.model.classes, weights }
    }
}

/// A committed model (`committed`, the file `name` compiled in), or the file the environment
/// variable `env` names (a model the `train_extract` example has just written), of feature
/// version `version`; a model that does not load is a build defect, so it panics naming it.
pub fn load_model(env: &str, committed: &[u8], version: u32, name: &str) -> Linear {
    match std::env::var_os(env) {
        Some(path) => {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.to_string_lossy()));
            Linear::from_bytes(&bytes, version).unwrap_or_else(|e| panic!("{}: {e}", path.to_string_lossy()))
        }
        None => Linear::from_bytes(committed, version).unwrap_or_else(|e| panic!("{name}: {e}")),
    }
}

/// Multinomial logistic regression trained by stochastic gradient descent with L2 shrinkage
/// (lazily applied per bucket): smoother weights than the perceptron's where examples are few,
/// and a label may be a set of classes (the likelihood of any of them is maximised).
pub struct Logistic {
    model: Linear,
    /// The step at which each bucket's weights were last shrunk.
    shrunk_at: Vec<u32>,
    step: u32,
    rate: f32,
    l2: f32,
}

impl Logistic {
    pub fn new(classes: usize, rate: f32, l2: f32) -> Logistic {
        Logistic {
            model: Linear { classes, weights: vec![0.0; DIMENSION * classes] },
            shrunk_at: vec![0; DIMENSION],
            step: 0,
            rate,
            l2,
        }
    }

    /// Learns from one example whose class is one of `allowed`.
    pub fn learn(&mut self, features: &[u32], allowed: &[usize]) {
        let k = self.model.classes;
        self.step += 1;
        for &f in features {
            let b = f as usize;
            let idle = self.step - self.shrunk_at[b] - 1;
            if idle > 0 {
                let keep = (1.0 - self.rate * self.l2).powi(idle as i32);
                self.model.weights[b * k..(b + 1) * k].iter_mut().for_each(|w| *w *= keep);
            }
            self.shrunk_at[b] = self.step - 1;
        }
        let scores = self.model.scores(features);
        let top = scores.iter().copied().fold(f32::MIN, f32::max);
        let exp: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
        let total: f32 = exp.iter().sum();
        let in_allowed: f32 = allowed.iter().map(|&c| exp[c]).sum();
        for (c, e) in exp.iter().enumerate() {
            let p = e / total;
            let q = if allowed.contains(&c) { e / in_allowed } else { 0.0 };
            let g = self.rate * (q - p);
            for &f in features {
                let w = &mut self.model.weights[f as usize * k + c];
                *w = *w * (1.0 - self.rate * self.l2) + g;
            }
        }
        for &f in features {
            self.shrunk_at[f as usize] = self.step;
        }
    }

    /// Learns at `rate` from now on (a schedule that slows with the epochs settles where a
    /// fixed rate keeps swinging); the shrinkage owed at the old rate is applied first.
    pub fn set_rate(&mut self, rate: f32) {
        self.model = self.model();
        self.shrunk_at.iter_mut().for_each(|s| *s = self.step);
        self.rate = rate;
    }

    /// The model with every bucket's shrinkage brought up to date.
    pub fn model(&self) -> Linear {
        let k = self.model.classes;
        let mut m = self.model.clone();
        for b in 0..DIMENSION {
            let idle = self.step - self.shrunk_at[b];
            if idle > 0 && m.weights[b * k..(b + 1) * k].iter().any(|w| *w != 0.0) {
                let keep = (1.0 - self.rate * self.l2).powi(idle as i32);
                m.weights[b * k..(b + 1) * k].iter_mut().for_each(|w| *w *= keep);
            }
        }
        m
    }
}

/// A fixed pseudo-random order of `n` items (the training examples' shuffle, the same on every
/// machine for one `seed`).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    for i in (1..n).rev() {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Words of a sentence for features: runs of letters, digits, apostrophes and inner hyphens,
/// and each other visible character alone, with their byte ranges.
pub fn tokens(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let wordy = c.is_alphanumeric() || c == '\'' || (c == '-' && start.is_some());
        match (wordy, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => {}
        }
        if !wordy && !c.is_whitespace() {
            out.push((i, i + c.len_utf8()));
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// A sentence's words (as features spell them) around a candidate: which words it spans, and
/// the words before and after it (`<s>` and `</s>` past the sentence's ends).
pub struct Window {
    pub words: Vec<String>,
    /// The first and last word the candidate spans.
    pub first: usize,
    pub last: usize,
}

impl Window {
    /// The window of the candidate at `at` (a byte range) among words at `toks`.
    pub fn new(toks: &[(usize, usize)], words: Vec<String>, at: (usize, usize)) -> Window {
        let first = toks.iter().position(|&(s, e)| e > at.0 && s < at.1).unwrap_or(0);
        let last = toks.iter().rposition(|&(s, e)| e > at.0 && s < at.1).unwrap_or(first);
        Window { words, first, last }
    }

    /// The word `d` before the candidate.
    pub fn before(&self, d: usize) -> &str {
        self.first.checked_sub(d).map_or("<s>", |i| self.words[i].as_str())
    }

    /// The word `d` after the candidate.
    pub fn after(&self, d: usize) -> &str {
        self.words.get(self.last + d).map_or("</s>", String::as_str)
    }
}

/// A crude lemma: the word less a plural or verb ending ("killing", "killed" → "kill").
pub fn stem(w: &str) -> &str {
    for suffix in ["ings", "ing", "ied", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            return &w[..w.len() - suffix.len()];
        }
    }
    w
}

/// The last `n` characters of `w` (its suffix feature).
pub fn suffix(w: &str, n: usize) -> &str {
    let at = w.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &w[at..]
}

/// A distance as a coarse bucket ("0", "1", "2", "3-4", "5-8", "9+").
pub fn distance_bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        _ => "9+",
    }
}
