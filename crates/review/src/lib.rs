//! Human review of the ledger, stored as data.
//!
//! An analyst's review is a claim about the ledger beside the machine's claims: set or clear a
//! field, reject a row, merge two incidents, split sources off into a new one, mark a row
//! reviewed, or retract an earlier review. Each carries its author, time and an optional note
//! and evidence quote. This crate holds the reviews' vocabulary, the syntax of the values an
//! analyst types (`value.rs`), and [`apply_reviews`] (`apply.rs`): the pure last step that
//! turns the machine's fused incidents into the reviewed ledger, keeping what the machine said
//! beside every value a person changed.
//!
//! Reviews are keyed by the incident's id and the documents it rested on when it was reviewed
//! (ids come from an incident's first-stored frame, so they hold as sources are added; where an
//! id is gone, the incident holding more than half of those documents is meant), so every review survives
//! re-ingest and re-fusion. It does no I/O: the store keeps the reviews, the CLI and the
//! workbench make them.

mod apply;
mod value;

pub use apply::{apply_reviews, split_id, Refuse, ReviewedLedger};
pub use value::{parse_field, parse_value, render_value, value_of, REVIEWABLE};

use annalist_model::Field;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A review that cannot be made: what was wrong with it, in words for the analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewError(pub String);

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReviewError {}

/// Why a row is not a ledger row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejection {
    NotAnIncident,
    Duplicate,
    OutOfScope,
}

impl Rejection {
    pub const ALL: [Rejection; 3] = [Rejection::NotAnIncident, Rejection::Duplicate, Rejection::OutOfScope];

    pub fn as_str(&self) -> &'static str {
        match self {
            Rejection::NotAnIncident => "not_an_incident",
            Rejection::Duplicate => "duplicate",
            Rejection::OutOfScope => "out_of_scope",
        }
    }

    /// `not_an_incident`, `not-an-incident`, `duplicate`, `out_of_scope`, ...
    pub fn parse(s: &str) -> Result<Rejection, ReviewError> {
        let s = s.trim().replace('-', "_").to_ascii_lowercase();
        Rejection::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            ReviewError(format!("{s:?} is not a reason to reject; one of: not_an_incident, duplicate, out_of_scope"))
        })
    }
}

/// What a review does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets a field to a value in [`value_of`]'s form; `Value::Null` clears it (unknown).
    Set { field: Field, value: Value },
    /// The row is not a ledger row; it stays out of listings and exports.
    Reject { reason: Rejection },
    /// The other incident is this one: its sources and claims join this incident.
    Merge { other: String, other_sources: Vec<String> },
    /// These documents leave the incident and make a new one.
    Split { documents: Vec<String> },
    /// A person checked the row.
    Mark,
    /// An earlier review no longer holds.
    Retract { review: i64 },
}

impl Action {
    /// The action's name, as stored and as the CLI spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Set { value: Value::Null, .. } => "clear",
            Action::Set { .. } => "set",
            Action::Reject { .. } => "reject",
            Action::Merge { .. } => "merge",
            Action::Split { .. } => "split",
            Action::Mark => "mark",
            Action::Retract { .. } => "retract",
        }
    }

    /// The field a set or clear is about.
    pub fn field(&self) -> Option<Field> {
        match self {
            Action::Set { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// The action's payload as stored (the value set, the reason, the other incident, the
    /// documents moved, the review retracted).
    pub fn payload(&self) -> Value {
        match self {
            Action::Set { value, .. } => value.clone(),
            Action::Reject { reason } => Value::String(reason.as_str().into()),
            Action::Merge { other, other_sources } => serde_json::json!({"incident": other, "sources": other_sources}),
            Action::Split { documents } => serde_json::json!(documents),
            Action::Mark => Value::Null,
            Action::Retract { review } => serde_json::json!(review),
        }
    }

    /// An action back from its stored name, field and payload.
    pub fn from_parts(name: &str, field: Option<&str>, payload: Value) -> Result<Action, ReviewError> {
        let bad = || ReviewError(format!("a stored {name} review is not readable"));
        Ok(match name {
            "set" | "clear" => Action::Set { field: parse_field(field.ok_or_else(bad)?)?, value: payload },
            "reject" => Action::Reject { reason: Rejection::parse(payload.as_str().ok_or_else(bad)?)? },
            "merge" => Action::Merge {
                other: payload["incident"].as_str().ok_or_else(bad)?.to_string(),
                other_sources: serde_json::from_value(payload["sources"].clone()).map_err(|_| bad())?,
            },
            "split" => Action::Split { documents: serde_json::from_value(payload).map_err(|_| bad())? },
            "mark" => Action::Mark,
            "retract" => Action::Retract { review: payload.as_i64().ok_or_else(bad)? },
            _ => return Err(bad()),
        })
    }

    /// The action in words ("set killed to 95", "split off doc-3, doc-4").
    pub fn describe(&self) -> String {
        match self {
            Action::Set { field, value: Value::Null } => format!("cleared {}", field.as_str()),
            Action::Set { field, value } => format!("set {} to {}", field.as_str(), render_value(*field, value)),
            Action::Reject { reason } => format!("rejected: {}", reason.as_str().replace('_', " ")),
            Action::Merge { other, .. } => format!("merged {other} into it"),
            Action::Split { documents } => format!("split off {}", documents.join(", ")),
            Action::Mark => "marked reviewed".into(),
            Action::Retract { review } => format!("retracted review #{review}"),
        }
    }
}

/// A review before the store has given it an id and a time.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReview {
    /// The incident's id when it was reviewed.
    pub incident: String,
    /// The documents it rested on then (its `sources`).
    pub sources: Vec<String>,
    pub action: Action,
    pub author: String,
    pub note: Option<String>,
    /// Evidence for the review: the words of a source it rests on.
    pub quote: Option<String>,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Order of making: reviews apply in this order.
    pub id: i64,
    /// When it was made (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub created_at: String,
    pub review: NewReview,
}

/// What review changed on one ledger row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReviewState {
    /// Set when the row was rejected: it stays out of listings and exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Rejection>,
    /// What the machine said for each field a review set or cleared (field name → value).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub machine: BTreeMap<String, Value>,
    /// The reviews applied to the row, in order.
    pub reviews: Vec<i64>,
    /// Incidents merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// The incident this one was split from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
    /// A person marked the row reviewed.
    #[serde(default)]
    pub marked: bool,
}

impl ReviewState {
    /// Whether a person reviewed the row in any way.
    pub fn reviewed(&self) -> bool {
        !self.reviews.is_empty()
    }
}

/// Checks a review against the row it is about before it is stored: the field is reviewable,
/// a split moves some but not all of the row's sources, a merge names another row.
pub fn check(review: &NewReview) -> Result<(), ReviewError> {
    match &review.action {
        Action::Set { field, value } => {
            if !REVIEWABLE.contains(field) {
                return Err(ReviewError(format!("the field {} cannot be reviewed", field.as_str())));
            }
            value::check_value(*field, value)
        }
        Action::Split { documents } => {
            if documents.is_empty() {
                return Err(ReviewError("a split names the documents that leave the incident".into()));
            }
            if let Some(d) = documents.iter().find(|d| !review.sources.contains(d)) {
                return Err(ReviewError(format!(
                    "document {d} is not a source of incident {} (its sources: {})",
                    review.incident,
                    review.sources.join(", ")
                )));
            }
            if review.sources.iter().all(|s| documents.contains(s)) {
                return Err(ReviewError(format!(
                    "a split must leave incident {} at least one of its sources ({})",
                    review.incident,
                    review.sources.join(", ")
                )));
            }
            Ok(())
        }
        Action::Merge { other, .. } if *other == review.incident => {
            Err(ReviewError(format!("incident {other} cannot be merged with itself")))
        }
        _ => Ok(()),
    }
}

/// A review as a person asks for it (the CLI's arguments, the workbench's form), before the
/// incidents it names are looked up: the action's name and its words as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// The incident's id (or a unique prefix of it); for `retract`, ignored.
    pub incident: String,
    /// `set`, `clear`, `reject`, `merge`, `split`, `mark` or `retract`.
    pub action: String,
    /// The field of a `set` or `clear`.
    pub field: Option<String>,
    /// The value of a `set`, as typed.
    pub value: Option<String>,
    /// The reason of a `reject` (`not_an_incident` when none is given).
    pub reason: Option<String>,
    /// The other incident of a `merge`.
    pub other: Option<String>,
    /// The documents a `split` moves.
    pub documents: Vec<String>,
    /// The review a `retract` withdraws.
    pub review: Option<i64>,
    pub author: String,
    pub note: Option<String>,
    pub quote: Option<String>,
}

/// What recording a review did: a line for the person, and the incident to show next.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub message: String,
    pub incident: String,
}

/// The action names a [`Request`] takes.
pub const ACTIONS: [&str; 7] = ["set", "clear", "reject", "merge", "split", "mark", "retract"];

/// Which row each applied review now applies to (review id → incident id).
pub fn applied_to<'a>(states: impl IntoIterator<Item = (&'a String, &'a ReviewState)>) -> BTreeMap<i64, String> {
    let mut out = BTreeMap::new();
    for (id, state) in states {
        for r in &state.reviews {
            out.entry(*r).or_insert_with(|| id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
