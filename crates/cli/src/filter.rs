//! The ledger filters of `annalist incidents` and `annalist export`: the workbench's filters
//! (country, dates, type, perpetrator, toll, words) on the command line, so that what a coder
//! narrows down on screen can be listed or exported the same way, with no row cap. Rows a
//! person rejected are left out unless `--include-rejected` asks for them.

use annalist_model::{EventType, Incident};
use annalist_review::ReviewState;
use annalist_store::{IncidentQuery, Store};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Whether a person reviewed a row.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    Yes,
    No,
}

/// The incidents a filter took, with what review changed on each (by incident id).
pub struct Selection {
    pub incidents: Vec<Incident>,
    pub states: HashMap<String, ReviewState>,
}

/// Which incidents a listing or an export takes (all when no option is given).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LedgerFilter {
    /// Only incidents in this country (ISO 3166-1 alpha-2, e.g. PK).
    #[arg(long)]
    pub country: Option<String>,
    /// Only incidents whose dates reach this day or later (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// Only incidents whose dates begin on this day or earlier (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Only incidents of this type (the export contract's name: bombing, armed_assault, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Only incidents with this perpetrator (the canonical name `annalist show` prints).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only incidents with at least this many killed (the low end of the reconciled toll).
    #[arg(long, value_name = "N")]
    pub min_killed: Option<u64>,
    /// Only incidents with all these words (stemmed: "bombers" finds "bomber") in their names,
    /// places, actors or evidence quotes, or this text within their place, perpetrators or id.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only incidents a person reviewed (yes) or did not (no).
    #[arg(long, value_enum)]
    pub reviewed: Option<Reviewed>,
    /// Rows a person rejected too (left out otherwise).
    #[arg(long)]
    pub include_rejected: bool,
}

impl LedgerFilter {
    fn is_empty(&self) -> bool {
        self.country.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.event_type.is_none()
            && self.actor.is_none()
            && self.min_killed.is_none()
            && self.text.is_none()
            && self.reviewed.is_none()
    }

    /// The query the workbench would run for these filters, all rows at once; a bad value is
    /// an error that says what is expected.
    fn query(&self) -> Result<IncidentQuery> {
        let country = match &self.country {
            Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
            Some(c) => bail!("--country takes a two-letter ISO 3166-1 code (PK, FR), not {c:?}"),
            None => None,
        };
        let event_type = match &self.event_type {
            Some(t) if EventType::parse(t).is_some() => Some(t.clone()),
            Some(t) => {
                let names: Vec<&str> = EventType::ALL.iter().map(EventType::as_str).collect();
                bail!("--type {t:?} is not a type; one of: {}", names.join(", "))
            }
            None => None,
        };
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
        }
        Ok(IncidentQuery {
            country,
            event_type,
            actor: self.actor.clone(),
            date_from: self.from,
            date_to: self.to,
            min_killed: self.min_killed,
            text: self.text.clone(),
            reviewed: self.reviewed.map(|r| r == Reviewed::Yes),
            include_rejected: self.include_rejected,
            limit: usize::MAX,
            ..IncidentQuery::default()
        })
    }

    /// The ledger's incidents these filters take, in the ledger's order.
    pub fn select(&self, store: &Store) -> Result<Selection> {
        let mut incidents = store.incidents()?;
        let states = store.review_states()?;
        if self.is_empty() {
            let rejected = |inc: &Incident| states.get(&inc.id).is_some_and(|s| s.rejected.is_some());
            incidents.retain(|inc| self.include_rejected || !rejected(inc));
            return Ok(Selection { incidents, states });
        }
        let page = store.query_incidents(&self.query()?)?;
        let wanted: HashSet<String> = page.rows.into_iter().map(|r| r.id).collect();
        incidents.retain(|inc| wanted.contains(&inc.id));
        Ok(Selection { incidents, states })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_filter_values_say_what_is_expected() {
        let bad = |f: LedgerFilter| f.query().unwrap_err().to_string();
        assert!(bad(LedgerFilter { country: Some("Pakistan".into()), ..Default::default() }).contains("two-letter"));
        assert!(bad(LedgerFilter { event_type: Some("riot".into()), ..Default::default() }).contains("bombing"));
        let (from, to) = (NaiveDate::from_ymd_opt(2024, 2, 1), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert!(bad(LedgerFilter { from, to, ..Default::default() }).contains("after"));
        let q = LedgerFilter { country: Some("pk".into()), ..Default::default() }.query().unwrap();
        assert_eq!(q.country.as_deref(), Some("PK"));
    }
}
