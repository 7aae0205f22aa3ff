//! The document decision, taken before any event is read: does this article report a violent
//! incident, an arrest or a plot at all? Most news does not, and what it says of violence is a
//! figure of speech ("a shooting video", "a most promising attack"), a passing mention of an old
//! event, or fiction: an article judged not to report one gives no event frames.
//!
//! A trained linear model (`models/relevance.bin`, rebuilt by the `train_extract` example;
//! `models/PROVENANCE.md`) over features of the whole text, each present once: its words as
//! crude lemmas and their bigrams, the lemmas of the sentences that hold a trigger apart (what
//! tells "gunmen attacked" from "a most promising attack"), the title's words and whether it
//! names violence, which trigger types of the extractor's
//! lexicon it holds (after its sense filters) and how many, whether one stands in the title or
//! the opening, and how many casualty phrases ("five were killed", "killing two") it has; and
//! what the extractor reads of it: how many frames, and the main one's type, status, toll,
//! place, perpetrator and age (days or years before the article's day). Its
//! score is the model's probability that the article reports an incident; the article does at
//! or above [`THRESHOLD`].
//!
//! Cost: one pass over the text's words (the trigger scan is the extractor's own) and as many
//! weight look-ups as distinct features.

use crate::learn::{distance_bucket, stem, tokens, Features, Linear};
use annalist_model::{Article, EventFrame, EventStatus, EventType, Relevance, Span};
use std::sync::OnceLock;

/// The version of this model's feature definitions (`features`), stored in its file.
pub const FEATURE_VERSION: u32 = 1;

/// The score at and above which an article reports an incident: chosen on the training pool's
/// dev hold-out (`train_extract` prints precision and recall at each step), where F1 is best
/// both over the pool and on MUC-4 alone (retrained 2026-12-07: 0.2 gives P 0.966 R 0.981 over
/// the pool, 0.781 / 0.810 on MUC-4 alone; 0.3: 0.974 / 0.979 and 0.812 / 0.798; 0.4: 0.978 /
/// 0.974 and 0.817 / 0.767). A report that leads with a recent toll is kept below it
/// (`leads_with_a_toll`), since a report gated out loses its rows for good.
pub const THRESHOLD: f32 = 0.3;

/// The sentences with a trigger whose words the features read apart (a long story's first ones).
const MAX_SENTENCES: usize = 12;

/// The words of a text the features read (a long text says what it is about by then).
const MAX_WORDS: usize = 3000;

/// The bytes of the opening: a trigger there is the article's news, not a passing mention.
const OPENING_BYTES: usize = 400;

/// Set to `off`, the decision is still taken and stored but gates nothing: every article's
/// events are read, as before the decision existed (for a desk that wants every mention, and
/// for measuring what the gate changes).
pub const GATE_ENV: &str = "ANNALIST_RELEVANCE";

/// Whether the decision gates extraction (`GATE_ENV` not `off`), read once.
pub fn gating() -> bool {
    static GATING: OnceLock<bool> = OnceLock::new();
    *GATING.get_or_init(|| std::env::var(GATE_ENV).map_or(true, |v| v != "off"))
}

static MODEL_BYTES: &[u8] = include_bytes!("../models/relevance.bin");

/// The committed relevance model (class 1: the article reports an incident).
pub fn model() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| {
        Linear::from_bytes(MODEL_BYTES, FEATURE_VERSION).unwrap_or_else(|e| panic!("models/relevance.bin: {e}"))
    })
}

/// The decision of `model` on an article's `features`.
pub fn decide(model: &Linear, features: &[u32]) -> Relevance {
    let s = model.scores(features);
    let score = 1.0 / (1.0 + (s[0] - s[1]).exp());
    Relevance { reported: score >= THRESHOLD, score }
}

/// Words that say people died or were hurt.
fn casualty_word(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "killing"
            | "kill"
            | "kills"
            | "dead"
            | "died"
            | "deaths"
            | "death"
            | "wounded"
            | "wounding"
            | "injured"
            | "injuring"
            | "injuries"
            | "hurt"
            | "casualties"
            | "bodies"
            | "lives"
    )
}

/// Words of violence a title names its story by.
fn triggers_words(w: &str) -> bool {
    matches!(
        stem(w),
        "attack"
            | "bomb"
            | "bomber"
            | "blast"
            | "explosion"
            | "shoot"
            | "gunmen"
            | "gunman"
            | "kill"
            | "dead"
            | "kidnap"
            | "hostage"
            | "arrest"
            | "plot"
            | "massacre"
            | "assassinat"
            | "airstrike"
            | "raid"
            | "terror"
            | "terrorist"
            | "militant"
            | "insurgent"
            | "clash"
            | "suicide"
    )
}

/// Counts in words a casualty phrase gives.
const COUNT_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen",
    "dozens", "scores", "hundreds", "several",
];

/// A count: digits or a number word.
fn number_word(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit() || b == b',') || COUNT_WORDS.contains(&w)
}

fn type_name(t: EventType) -> String {
    format!("{t:?}")
}

/// How long before the article's day an event was: a report tells of days ago, a passing
/// mention of years.
fn age(frame: &EventFrame, published: Option<chrono::NaiveDate>) -> &'static str {
    let (Some(date), Some(day)) = (&frame.date, published) else {
        return if frame.date.is_some() { "undated article" } else { "undated" };
    };
    match (day - date.value.end).num_days() {
        ..=-1 => "after",
        0..=7 => "week",
        8..=31 => "month",
        32..=365 => "year",
        _ => "older",
    }
}

/// The model's features of an article (the reading view where its text is in capitals): its
/// text and title, the extractor's `triggers` in it (span and type) and the `frames` it reads
/// of it.
pub fn features(article: &Article, triggers: &[(Span, EventType)], frames: &[EventFrame], out: &mut Features) {
    let (text, title) = (article.text.as_str(), article.title.as_deref());
    out.add(&["bias"]);
    let lower = text.to_lowercase();
    let words: Vec<(usize, &str)> = tokens(&lower)
        .into_iter()
        .map(|(s, e)| (s, &lower[s..e]))
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .collect();
    let lemma = |w: &str| -> String {
        if w.bytes().any(|b| b.is_ascii_digit()) {
            "<num>".to_string()
        } else {
            stem(w).to_string()
        }
    };
    // the words of the sentences that hold a trigger: what tells "gunmen attacked the convoy"
    // from "the most promising attack" or "shooting video", in any outlet's style (the rest of
    // the text says more about the outlet than about the event)
    let told: Vec<Span> = article
        .sentences
        .iter()
        .map(|s| s.span)
        .filter(|s| triggers.iter().any(|t| s.contains(t.0)))
        .take(MAX_SENTENCES)
        .collect();
    let lemmas: Vec<String> = words.iter().take(MAX_WORDS).map(|(_, w)| lemma(w)).collect();
    for (i, ((at, _), l)) in words.iter().zip(&lemmas).enumerate() {
        out.add(&["w", l]);
        if let Some(next) = lemmas.get(i + 1) {
            out.add(&["bi", l, next]);
        }
        if told.iter().any(|s| s.start <= *at && *at < s.end) {
            out.add(&["told", l]);
        }
    }
    let words: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    // casualty phrases: a casualty word with a count within three words of it
    let casualties = (0..words.len())
        .filter(|&i| casualty_word(words[i]))
        .filter(|&i| words[i.saturating_sub(3)..(i + 4).min(words.len())].iter().any(|w| number_word(w)))
        .count();
    out.add(&["casualty phrases", distance_bucket(casualties)]);
    if let Some(title) = title {
        let t = title.to_lowercase();
        for (s, e) in tokens(&t) {
            if t[s..e].chars().any(char::is_alphanumeric) {
                out.add(&["t", &lemma(&t[s..e])]);
            }
        }
        if tokens(&t).iter().any(|&(s, e)| triggers_words(&t[s..e])) {
            out.add(&["violence in the title"]);
        }
    }
    out.add(&["triggers", distance_bucket(triggers.len())]);
    let mut types: Vec<EventType> = triggers.iter().map(|t| t.1).collect();
    types.sort_by_key(|t| type_name(*t));
    for t in &types {
        let n = types.iter().filter(|u| *u == t).count();
        out.add(&["trigger", &type_name(*t), distance_bucket(n)]);
        out.add(&["trigger", &type_name(*t)]);
    }
    if triggers.iter().any(|t| t.0.start < OPENING_BYTES) {
        out.add(&["trigger in the opening"]);
    }
    // per thousand words: a story about an attack keeps coming back to it
    let density = triggers.len() * 1000 / words.len().max(1);
    out.add(&["trigger density", distance_bucket(density / 5)]);
    // what the extractor reads: a main event of days ago with a toll is news, one of years
    // ago a passing mention
    out.add(&["frames", distance_bucket(frames.len())]);
    let with_toll = frames.iter().filter(|f| f.killed.is_some() || f.wounded.is_some()).count();
    out.add(&["frames with a toll", distance_bucket(with_toll)]);
    let happened = frames.iter().filter(|f| f.status == EventStatus::Happened).count();
    out.add(&["frames that happened", distance_bucket(happened)]);
    match frames.iter().find(|f| f.main) {
        None => out.add(&["no main frame"]),
        Some(f) => {
            let kind = type_name(f.event_type);
            let status = format!("{:?}", f.status);
            let when = age(f, article.published);
            out.add(&["main", &kind]);
            out.add(&["main status", &status]);
            out.add(&["main age", when]);
            out.add(&["main age status", when, &status]);
            out.add(&["main toll", if f.killed.is_some() || f.wounded.is_some() { "yes" } else { "no" }]);
            out.add(&["main place", if f.place.is_some() { "yes" } else { "no" }]);
            out.add(&["main country", if f.country.is_some() { "yes" } else { "no" }]);
            out.add(&["main perpetrator", if f.perpetrators.is_empty() { "no" } else { "yes" }]);
            out.add(&["main recalled", if f.recalled { "yes" } else { "no" }]);
        }
    }
    out.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_loads_and_was_trained_on_these_features() {
        let m = Linear::from_bytes(MODEL_BYTES, FEATURE_VERSION).expect("models/relevance.bin loads");
        assert_eq!(m.classes(), 2);
        assert_eq!(MODEL_BYTES[8..12], FEATURE_VERSION.to_le_bytes());
    }

    fn article(text: &str) -> Article {
        let doc = annalist_model::Document::from_text("t", text, None);
        Article {
            id: doc.id,
            url: None,
            outlet: None,
            title: None,
            published: None,
            language: None,
            text: text.to_string(),
            reading: None,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            content_hash: doc.content_hash,
        }
    }

    #[test]
    fn each_feature_counts_once_however_often_its_word_comes() {
        let mut once = Features::new();
        features(&article("The match ended."), &[], &[], &mut once);
        let mut twice = Features::new();
        features(&article("The match ended. The match ended."), &[], &[], &mut twice);
        // the second copy adds only the bigram across the sentences
        assert_eq!(twice.ids().len(), once.ids().len() + 1);
    }
}
