//! The analysts' reviews and what they changed on each ledger row: the `reviews` table (every
//! review as made, never rewritten: a retraction is a review of its own) and `incident_review`
//! (per ledger row, the review state the last ledger rebuild gave it, written with the ledger).

use crate::{Context, Result, Store, StoreError};
use annalist_review::{Action, NewReview, Review, ReviewState};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident TEXT NOT NULL,
    sources TEXT NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    value TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT,
    quote TEXT
);
CREATE TABLE IF NOT EXISTS incident_review (
    incident TEXT PRIMARY KEY,
    reviewed INTEGER NOT NULL,
    rejected TEXT,
    json TEXT NOT NULL
);
";

/// Writes the review states of a rebuilt ledger (inside its transaction).
pub(crate) fn replace_states(tx: &Connection, states: &std::collections::BTreeMap<String, ReviewState>) -> Result<()> {
    tx.execute("DELETE FROM incident_review", []).context("cannot replace the review states")?;
    for (id, state) in states {
        let json = serde_json::to_string(state).context("cannot encode a review state")?;
        tx.execute(
            "INSERT INTO incident_review (incident, reviewed, rejected, json) VALUES (?1, ?2, ?3, ?4)",
            params![id, state.reviewed(), state.rejected.map(|r| r.as_str()), json],
        )
        .context(&format!("cannot save the review state of {id}"))?;
    }
    Ok(())
}

/// A `reviews` row as stored, before its JSON is read.
struct StoredReview {
    id: i64,
    incident: String,
    sources: String,
    action: String,
    field: Option<String>,
    value: String,
    author: String,
    created_at: String,
    note: Option<String>,
    quote: Option<String>,
}

impl StoredReview {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredReview> {
        Ok(StoredReview {
            id: r.get(0)?,
            incident: r.get(1)?,
            sources: r.get(2)?,
            action: r.get(3)?,
            field: r.get(4)?,
            value: r.get(5)?,
            author: r.get(6)?,
            created_at: r.get(7)?,
            note: r.get(8)?,
            quote: r.get(9)?,
        })
    }

    fn decode(self) -> Result<Review> {
        let id = self.id;
        let unreadable =
            |e: String| StoreError { context: format!("stored review #{id} is not readable: {e}"), source: None };
        let sources: Vec<String> = serde_json::from_str(&self.sources).map_err(|e| unreadable(e.to_string()))?;
        let payload = serde_json::from_str(&self.value).map_err(|e| unreadable(e.to_string()))?;
        let action = Action::from_parts(&self.action, self.field.as_deref(), payload).map_err(|e| unreadable(e.0))?;
        let review = NewReview {
            incident: self.incident,
            sources,
            action,
            author: self.author,
            note: self.note,
            quote: self.quote,
        };
        Ok(Review { id, created_at: self.created_at, review })
    }
}

impl Store {
    /// Keeps a review; its id (the order reviews apply in) comes back.
    pub fn add_review(&self, review: &NewReview) -> Result<i64> {
        let sources = serde_json::to_string(&review.sources).context("cannot encode a review")?;
        let value = serde_json::to_string(&review.action.payload()).context("cannot encode a review")?;
        self.conn
            .execute(
                "INSERT INTO reviews (incident, sources, action, field, value, author, created_at, note, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7, ?8)",
                params![
                    review.incident,
                    sources,
                    review.action.name(),
                    review.action.field().map(|f| f.as_str()),
                    value,
                    review.author,
                    review.note,
                    review.quote
                ],
            )
            .context("cannot save a review")?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every review, oldest first.
    pub fn reviews(&self) -> Result<Vec<Review>> {
        if !self.reviews {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, incident, sources, action, field, value, author, created_at, note, quote
                 FROM reviews ORDER BY id",
            )
            .context("cannot read the reviews")?;
        let rows = stmt
            .query_map([], StoredReview::read)
            .context("cannot read the reviews")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot read the reviews")?;
        rows.into_iter().map(StoredReview::decode).collect()
    }

    /// What review changed on each ledger row, by incident id (rows no review touched are absent).
    pub fn review_states(&self) -> Result<HashMap<String, ReviewState>> {
        if !self.reviews {
            return Ok(HashMap::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT incident, json FROM incident_review")
            .context("cannot read review states")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .context("cannot read review states")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot read review states")?;
        rows.into_iter()
            .map(|(id, json)| Ok((id, serde_json::from_str(&json).context("a stored review state is not readable")?)))
            .collect()
    }

    /// What review changed on one ledger row, if any review touched it.
    pub fn review_state(&self, id: &str) -> Result<Option<ReviewState>> {
        if !self.reviews {
            return Ok(None);
        }
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM incident_review WHERE incident = ?1")
            .context("cannot read a review state")?
            .query_row([id], |r| r.get(0))
            .optional()
            .context("cannot read a review state")?;
        json.map(|j| serde_json::from_str(&j).context("a stored review state is not readable")).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IncidentQuery;
    use annalist_model::{CountRange, EventType, Incident};
    use annalist_review::Rejection;
    use std::collections::BTreeMap;

    fn incident(id: &str, day: u32) -> Incident {
        Incident {
            date_start: chrono::NaiveDate::from_ymd_opt(2024, 1, day),
            date_end: chrono::NaiveDate::from_ymd_opt(2024, 1, day),
            country: Some("IR".into()),
            place: Some("Kerman".into()),
            killed: Some(CountRange::exact(3)),
            sources: vec![format!("doc-{id}")],
            independent_sources: 1,
            ..Incident::new(id, EventType::Bombing)
        }
    }

    fn new_review(incident: &str, action: Action) -> NewReview {
        NewReview {
            incident: incident.into(),
            sources: vec![format!("doc-{incident}")],
            action,
            author: "ana".into(),
            note: Some("checked against the wire".into()),
            quote: None,
        }
    }

    #[test]
    fn reviews_are_kept_in_order_with_author_time_and_note() {
        let store = Store::in_memory().unwrap();
        let first = store.add_review(&new_review("a", Action::Reject { reason: Rejection::Duplicate })).unwrap();
        let second = store.add_review(&new_review("b", Action::Mark)).unwrap();
        assert!(first < second);
        let reviews = store.reviews().unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0].review.action, Action::Reject { reason: Rejection::Duplicate });
        assert_eq!(reviews[0].review.note.as_deref(), Some("checked against the wire"));
        assert_eq!(reviews[1].review.sources, ["doc-b"]);
        assert!(reviews[1].created_at.ends_with('Z'), "{}", reviews[1].created_at);
    }

    #[test]
    fn a_rejected_row_is_left_out_of_listings_unless_asked_for_and_reviewed_rows_can_be_picked() {
        let mut store = Store::in_memory().unwrap();
        let mut states = BTreeMap::new();
        states.insert(
            "a".to_string(),
            ReviewState { rejected: Some(Rejection::OutOfScope), reviews: vec![1], ..Default::default() },
        );
        states.insert("b".to_string(), ReviewState { marked: true, reviews: vec![2], ..Default::default() });
        store.replace_ledger(&[incident("a", 1), incident("b", 2), incident("c", 3)], &states).unwrap();
        let ids = |q: IncidentQuery| -> Vec<String> {
            store.query_incidents(&IncidentQuery { limit: 10, ..q }).unwrap().rows.into_iter().map(|r| r.id).collect()
        };
        assert_eq!(ids(IncidentQuery::default()), ["b", "c"]);
        assert_eq!(ids(IncidentQuery { include_rejected: true, ..Default::default() }), ["a", "b", "c"]);
        assert_eq!(ids(IncidentQuery { reviewed: Some(true), ..Default::default() }), ["b"]);
        assert_eq!(ids(IncidentQuery { reviewed: Some(false), ..Default::default() }), ["c"]);
        let rows =
            store.query_incidents(&IncidentQuery { include_rejected: true, limit: 10, ..Default::default() }).unwrap();
        assert_eq!((rows.rows[0].rejected.as_deref(), rows.rows[1].reviewed), (Some("out_of_scope"), true));
        assert_eq!(store.ledger_facets().unwrap().countries, [("IR".to_string(), 2)]);
        assert!(store.incidents_citing("doc-a").unwrap().is_empty());
        assert_eq!(store.review_states().unwrap().len(), 2);
        assert!(store.review_state("b").unwrap().unwrap().marked);
        // a state change alone is an update of the row
        let changes =
            store.replace_ledger(&[incident("a", 1), incident("b", 2), incident("c", 3)], &BTreeMap::new()).unwrap();
        assert_eq!((changes.updated, changes.unchanged), (2, 1));
        assert!(store.review_states().unwrap().is_empty());
    }
}
