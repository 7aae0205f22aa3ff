//! Perpetrators of the article's main event from anywhere in it: which armed group named in
//! the text did it, decided by a trained linear model (`models/perpetrator.bin`, rebuilt by the
//! `train_extract` example; `models/PROVENANCE.md`) over features of the group's mention and
//! its sentence: the words around it, the claim, blame and suspicion cue words of its sentence
//! and on which side of it they stand ("claimed responsibility", "attributed the attack to",
//! "is suspected", "no group claimed ... however"), what the attribution ledger says it did
//! (claimed, blamed, denied, suspected), whether its sentence names an attack, and where the
//! sentence stands in the text. The status is the ledger's word for the group where it has one
//! (claimed, denied, suspected; a blame is an attribution), else attributed.

use crate::learn::{distance_bucket, stem, tokens, Features, Linear, Window};
use annalist_model::{AttributionRelation, AttributionStatus};
use std::sync::OnceLock;

/// The version of this model's feature definitions (`features`), stored in its file.
pub const FEATURE_VERSION: u32 = 2;

static MODEL_BYTES: &[u8] = include_bytes!("../models/perpetrator.bin");

/// The environment variable naming a perpetrator model file to read instead of the committed
/// one (the `train_extract` example sets it to the model it has just trained).
pub const MODEL_ENV: &str = "ANNALIST_PERPETRATOR_MODEL";

/// The committed perpetrator model (class 1: the main event's perpetrator), or the file
/// `ANNALIST_PERPETRATOR_MODEL` names.
pub fn model() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| crate::learn::load_model(MODEL_ENV, MODEL_BYTES, FEATURE_VERSION, "models/perpetrator.bin"))
}

fn cue_class(w: &str) -> Option<&'static str> {
    Some(match w {
        "claimed" | "claim" | "claims" | "claiming" | "responsibility" => "claim",
        "attributed" | "attribute" | "blamed" | "blame" | "accused" | "accuse" | "behind" | "responsible" => "blame",
        "suspected" | "suspect" | "suspects" | "suspicion" | "believed" | "likely" | "involvement" | "alleged" => {
            "suspect"
        }
        "denied" | "deny" | "denies" | "rejected" => "deny",
        "no" | "not" | "unknown" => "neg",
        "however" | "but" | "although" => "contrast",
        "by" => "by",
        "against" | "targeting" | "targeted" | "on" | "at" => "target",
        "sources" | "officials" | "police" | "authorities" | "government" => "source",
        _ => return None,
    })
}

/// The model's features of the group named at `at` (byte range in `sentence`), into `out`.
pub fn features(
    sentence: &str,
    at: (usize, usize),
    triggered: bool,
    relation: Option<AttributionRelation>,
    position: &str,
    out: &mut Features,
) {
    let toks = tokens(sentence);
    let words: Vec<String> = toks.iter().map(|&(s, e)| sentence[s..e].to_lowercase()).collect();
    let win = Window::new(&toks, words, at);
    let (first, last, words) = (win.first, win.last, &win.words);
    out.add(&["bias"]);
    for d in 1..=3 {
        out.add(&[["", "w-1", "w-2", "w-3"][d], win.before(d)]);
        out.add(&[["", "w+1", "w+2", "w+3"][d], win.after(d)]);
    }
    out.add(&["l+1", stem(win.after(1))]);
    out.add(&["bi+", win.after(1), win.after(2)]);
    out.add(&["bi-", win.before(2), win.before(1)]);
    out.add(&["triggered", if triggered { "yes" } else { "no" }]);
    out.add(&["position", position]);
    out.add(&[
        "relation",
        match relation {
            Some(AttributionRelation::Claimed) => "claimed",
            Some(AttributionRelation::Blamed) => "blamed",
            Some(AttributionRelation::Confirmed) => "confirmed",
            Some(AttributionRelation::Denied) => "denied",
            Some(AttributionRelation::Suspected) => "suspected",
            None => "none",
        },
    ]);
    if first <= 1 {
        out.add(&["initial"]);
    }
    let mut classes: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i >= first && i <= last {
            continue;
        }
        let Some(class) = cue_class(w) else { continue };
        let side = if i < first { "before" } else { "after" };
        let d = distance_bucket(if i < first { first - i - 1 } else { i - last - 1 });
        out.add(&["cue", class, side]);
        out.add(&["cued", class, side, d]);
        out.add(&["cuew", w, side]);
        classes.push(class);
    }
    // the order of the sentence's cue classes, to tell "no group claimed ...; however, sources
    // attributed it to X" from "X claimed"
    classes.dedup();
    let order: String = classes.iter().take(4).copied().collect::<Vec<_>>().join(">");
    out.add(&["order", &order]);
}

/// The status of a perpetrator the model chose, from what the ledger says it did.
pub fn status(relation: Option<AttributionRelation>) -> AttributionStatus {
    match relation {
        Some(AttributionRelation::Claimed) => AttributionStatus::Claimed,
        Some(AttributionRelation::Denied) => AttributionStatus::Denied,
        Some(AttributionRelation::Suspected) => AttributionStatus::Suspected,
        _ => AttributionStatus::Attributed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_loads_and_was_trained_on_these_features() {
        let m = Linear::from_bytes(MODEL_BYTES, FEATURE_VERSION).expect("models/perpetrator.bin loads");
        assert_eq!(m.classes(), 2);
        assert_eq!(MODEL_BYTES[8..12], FEATURE_VERSION.to_le_bytes());
    }
}
