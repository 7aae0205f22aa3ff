//! Read queries for the workbench: the ledger filtered, sorted and paged; full-text search over
//! the stored articles (SQLite FTS5); the incidents citing a document or naming an actor.
//!
//! The tables these read (`incident_facets`, `incident_actors`, `incident_sources` and the FTS5
//! index `documents_fts`) are derived from `incidents` and `documents` by triggers, so the
//! writing methods stay as they are; `Store::open` backfills them for a database written before
//! they existed. Every value from a user reaches SQL as a parameter; the only SQL text chosen
//! at run time is picked from fixed strings (which filters are present, which sort column).

use crate::{parse_day, Context, Result, Store, StoredDocument};
use annalist_model::{CountRange, Incident, Perpetrator};
use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension};

/// The facet columns of one incident, read from its JSON `i.json` (and `i.id`, ...).
const FACET_COLUMNS: &str = "id, event_type, date_start, date_end, country, place, killed_low, killed_high,
    wounded_low, wounded_high, lat, lon, perpetrators, sources, independent, conflicts";
const FACET_SELECT: &str = "SELECT i.id, i.event_type, i.date_start, i.date_end, i.country,
    json_extract(i.json, '$.place'), json_extract(i.json, '$.killed.low'), json_extract(i.json, '$.killed.high'),
    json_extract(i.json, '$.wounded.low'), json_extract(i.json, '$.wounded.high'),
    json_extract(i.json, '$.lat'), json_extract(i.json, '$.lon'),
    coalesce(json_extract(i.json, '$.perpetrators'), '[]'),
    coalesce(json_array_length(i.json, '$.sources'), 0),
    coalesce(json_extract(i.json, '$.independent_sources'), 0),
    coalesce((SELECT json_group_array(json_extract(c.value, '$.field')) FROM json_each(i.json, '$.conflicts') c), '[]')";
const ACTOR_SELECT: &str = "SELECT DISTINCT i.id, json_extract(p.value, '$.name')";
const ACTOR_FROM: &str = "json_each(i.json, '$.perpetrators') p WHERE json_extract(p.value, '$.name') IS NOT NULL";
const SOURCE_SELECT: &str = "SELECT DISTINCT i.id, s.value";
const SOURCE_FROM: &str = "json_each(i.json, '$.sources') s";

fn derived_schema() -> String {
    let new_row = "(SELECT new.id AS id, new.event_type AS event_type, new.date_start AS date_start,
        new.date_end AS date_end, new.country AS country, new.json AS json) AS i";
    let search_new = incident_search_select("new");
    format!(
        "
CREATE TABLE IF NOT EXISTS incident_facets (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    country TEXT,
    place TEXT,
    killed_low INTEGER,
    killed_high INTEGER,
    wounded_low INTEGER,
    wounded_high INTEGER,
    lat REAL,
    lon REAL,
    perpetrators TEXT NOT NULL,
    sources INTEGER NOT NULL,
    independent INTEGER NOT NULL,
    conflicts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_facets_by_date ON incident_facets (date_start, id);
CREATE INDEX IF NOT EXISTS incident_facets_by_killed ON incident_facets (killed_low, id);
CREATE INDEX IF NOT EXISTS incident_facets_by_country ON incident_facets (country, date_start);
CREATE TABLE IF NOT EXISTS incident_actors (
    incident TEXT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (actor, incident)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incident_sources (
    incident TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (document, incident)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS incident_facets_insert AFTER INSERT ON incidents BEGIN
    INSERT OR REPLACE INTO incident_facets ({FACET_COLUMNS}) {FACET_SELECT} FROM {new_row};
    INSERT OR IGNORE INTO incident_actors (incident, actor) {ACTOR_SELECT} FROM {new_row}, {ACTOR_FROM};
    INSERT OR IGNORE INTO incident_sources (incident, document) {SOURCE_SELECT} FROM {new_row}, {SOURCE_FROM};
END;
CREATE TRIGGER IF NOT EXISTS incident_facets_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_facets WHERE id = old.id;
    DELETE FROM incident_actors WHERE incident = old.id;
    DELETE FROM incident_sources WHERE incident = old.id;
END;
CREATE TRIGGER IF NOT EXISTS incident_facets_update AFTER UPDATE ON incidents BEGIN
    DELETE FROM incident_facets WHERE id = old.id;
    DELETE FROM incident_actors WHERE incident = old.id;
    DELETE FROM incident_sources WHERE incident = old.id;
    INSERT OR REPLACE INTO incident_facets ({FACET_COLUMNS}) {FACET_SELECT} FROM {new_row};
    INSERT OR IGNORE INTO incident_actors (incident, actor) {ACTOR_SELECT} FROM {new_row}, {ACTOR_FROM};
    INSERT OR IGNORE INTO incident_sources (incident, document) {SOURCE_SELECT} FROM {new_row}, {SOURCE_FROM};
END;
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS incidents_fts USING fts5(
    id UNINDEXED, names, places, actors, quotes, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS incidents_fts_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incidents_fts (rowid, id, names, places, actors, quotes) {search_new};
END;
CREATE TRIGGER IF NOT EXISTS incidents_fts_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incidents_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS incidents_fts_update AFTER UPDATE ON incidents BEGIN
    DELETE FROM incidents_fts WHERE rowid = old.rowid;
    INSERT INTO incidents_fts (rowid, id, names, places, actors, quotes) {search_new};
END;
CREATE TABLE IF NOT EXISTS annalist_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"
    )
}

/// What the incidents' search index holds for the incident row `alias` (a trigger's `new`, or
/// the table itself when the index is filled from scratch): the names the sources give the
/// event, its places (the reconciled one and every place and country a source gives), its
/// actors (perpetrators and who claimed, blamed or denied) and the quotes of its evidence.
/// Read from the row's JSON, so the index follows the ledger as `replace_ledger` rewrites it.
fn incident_search_select(alias: &str) -> String {
    // every distinct `what` of the claims on `fields` (all claims where none are named)
    let claims = |fields: &str, what: &str| {
        let only = if fields.is_empty() {
            String::new()
        } else {
            format!(" WHERE json_extract(c.value, '$.field') IN ({fields})")
        };
        format!(
            "coalesce((SELECT group_concat(DISTINCT json_extract(c.value, '$.{what}')) FROM json_each({alias}.json, '$.claims') c{only}), '')"
        )
    };
    format!(
        "SELECT {alias}.rowid, {alias}.id, {names},
            coalesce(json_extract({alias}.json, '$.place'), '') || ' ; ' || {places},
            coalesce((SELECT group_concat(json_extract(p.value, '$.name'), ' ; ') FROM json_each({alias}.json, '$.perpetrators') p), '')
                || ' ; ' || {actors},
            {quotes}",
        names = claims("'name'", "value"),
        places = claims("'place', 'country'", "value"),
        actors = claims("'perpetrator', 'attribution'", "value"),
        quotes = claims("", "quote"),
    )
}

/// The version of the incidents' search index (`incidents_fts`); a store whose index is of
/// another version (or has none) is indexed again when opened for writing.
pub(crate) const INCIDENT_FTS_VERSION: &str = "v1";

/// The version of the full-text index: v2 stems English words (FTS5's porter tokenizer over
/// unicode61), so "bomber", "bombers" and "bombing" find one another.
const FTS_VERSION: &str = "v2";

/// Creates the derived tables, indexes and triggers, and fills them for a database written
/// before they existed (or by a version that did not keep them).
pub(crate) fn init_derived(conn: &Connection, what: &str) -> Result<()> {
    let fresh: bool = conn
        .query_row("SELECT count(*) = 0 FROM sqlite_master WHERE name = 'annalist_meta'", [], |r| r.get(0))
        .context(what)?;
    let stale = |conn: &Connection| -> Result<bool> {
        let fts_done: Option<String> = conn
            .query_row("SELECT value FROM annalist_meta WHERE key = 'fts'", [], |r| r.get(0))
            .optional()
            .context(what)?;
        let facets_behind: bool = conn
            .query_row("SELECT (SELECT count(*) FROM incidents) != (SELECT count(*) FROM incident_facets)", [], |r| {
                r.get(0)
            })
            .context(what)?;
        let incidents_indexed: Option<String> = conn
            .query_row("SELECT value FROM annalist_meta WHERE key = 'incident_fts'", [], |r| r.get(0))
            .optional()
            .context(what)?;
        Ok(fts_done.as_deref() != Some(FTS_VERSION)
            || facets_behind
            || incidents_indexed.as_deref() != Some(INCIDENT_FTS_VERSION))
    };
    if !fresh && !stale(conn)? {
        return add_indexes(conn, what);
    }
    conn.execute_batch("BEGIN IMMEDIATE").context(what)?;
    let done = (|| -> Result<()> {
        conn.execute_batch(&derived_schema()).context(what)?;
        if !stale(conn)? {
            return Ok(());
        }
        // An index built by another version (v1 had no stemming) is dropped and built again:
        // FTS5 keeps its tokenizer for the table's life.
        let fts_version: Option<String> = conn
            .query_row("SELECT value FROM annalist_meta WHERE key = 'fts'", [], |r| r.get(0))
            .optional()
            .context(what)?;
        if fts_version.as_deref() != Some(FTS_VERSION) {
            conn.execute_batch("DROP TABLE IF EXISTS documents_fts;").context(what)?;
            conn.execute_batch(&derived_schema()).context(what)?;
        }
        let all = "incidents AS i";
        let search = incident_search_select("incidents");
        conn.execute_batch(&format!(
            "DELETE FROM incident_facets; DELETE FROM incident_actors; DELETE FROM incident_sources;
             INSERT INTO incident_facets ({FACET_COLUMNS}) {FACET_SELECT} FROM {all};
             INSERT OR IGNORE INTO incident_actors (incident, actor) {ACTOR_SELECT} FROM {all}, {ACTOR_FROM};
             INSERT OR IGNORE INTO incident_sources (incident, document) {SOURCE_SELECT} FROM {all}, {SOURCE_FROM};
             INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
             INSERT OR REPLACE INTO annalist_meta (key, value) VALUES ('fts', '{FTS_VERSION}');
             DELETE FROM incidents_fts;
             INSERT INTO incidents_fts (rowid, id, names, places, actors, quotes) {search} FROM incidents;
             INSERT OR REPLACE INTO annalist_meta (key, value) VALUES ('incident_fts', '{INCIDENT_FTS_VERSION}');"
        ))
        .context("cannot fill the search tables")
    })();
    match done {
        Ok(()) => {
            conn.execute_batch("COMMIT").context(what)?;
            add_indexes(conn, what)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Indexes for filtered pages (a country's incidents by date or by killed), added to stores made
/// before them; a no-op once they exist.
fn add_indexes(conn: &Connection, what: &str) -> Result<()> {
    let exists: bool = conn
        .query_row("SELECT count(*) = 2 FROM sqlite_master WHERE name IN ('incident_facets_country_date', 'incident_facets_country_killed')", [], |r| r.get(0))
        .context(what)?;
    if exists {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS incident_facets_country_date ON incident_facets (country, date_start, id);
         CREATE INDEX IF NOT EXISTS incident_facets_country_killed ON incident_facets (country, killed_low, id);
         CREATE INDEX IF NOT EXISTS incident_facets_type_date ON incident_facets (event_type, date_start, id);",
    )
    .context(what)
}

/// What the ledger can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IncidentSort {
    #[default]
    Date,
    Killed,
    Wounded,
    Country,
    Type,
    Place,
    Sources,
}

impl IncidentSort {
    pub const ALL: [IncidentSort; 7] = [
        IncidentSort::Date,
        IncidentSort::Killed,
        IncidentSort::Wounded,
        IncidentSort::Country,
        IncidentSort::Type,
        IncidentSort::Place,
        IncidentSort::Sources,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            IncidentSort::Date => "date",
            IncidentSort::Killed => "killed",
            IncidentSort::Wounded => "wounded",
            IncidentSort::Country => "country",
            IncidentSort::Type => "type",
            IncidentSort::Place => "place",
            IncidentSort::Sources => "sources",
        }
    }
    pub fn parse(s: &str) -> Option<IncidentSort> {
        IncidentSort::ALL.into_iter().find(|k| k.as_str() == s)
    }
    fn column(&self) -> &'static str {
        match self {
            IncidentSort::Date => "date_start",
            IncidentSort::Killed => "killed_low",
            IncidentSort::Wounded => "wounded_low",
            IncidentSort::Country => "country",
            IncidentSort::Type => "event_type",
            IncidentSort::Place => "place",
            IncidentSort::Sources => "independent",
        }
    }
}

/// Which incidents to list, in what order, which page.
#[derive(Debug, Clone, Default)]
pub struct IncidentQuery {
    /// ISO 3166-1 alpha-2, exact.
    pub country: Option<String>,
    /// The contract's type name (`bombing`), exact.
    pub event_type: Option<String>,
    /// A perpetrator's canonical name, exact.
    pub actor: Option<String>,
    /// Incidents whose interval ends on or after this day.
    pub date_from: Option<NaiveDate>,
    /// Incidents whose interval starts on or before this day.
    pub date_to: Option<NaiveDate>,
    /// At least this many killed (the low end of the reconciled count).
    pub min_killed: Option<u64>,
    /// Words: stemmed, in the incident's names, places, actors and evidence quotes (FTS5,
    /// `incidents_fts`); as typed, within its place, perpetrators or id.
    pub text: Option<String>,
    /// Only rows a person reviewed (`Some(true)`) or did not (`Some(false)`).
    pub reviewed: Option<bool>,
    /// Rejected rows too (they are left out otherwise).
    pub include_rejected: bool,
    pub sort: IncidentSort,
    pub descending: bool,
    pub limit: usize,
    pub offset: usize,
}

/// One ledger row: the reconciled fields without the claims.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentRow {
    pub id: String,
    pub event_type: String,
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub country: Option<String>,
    pub place: Option<String>,
    pub killed: Option<CountRange>,
    pub wounded: Option<CountRange>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub perpetrators: Vec<Perpetrator>,
    pub sources: usize,
    pub independent_sources: usize,
    /// The fields on which sources disagree.
    pub conflicts: Vec<String>,
    /// Whether a person reviewed the row.
    pub reviewed: bool,
    /// Why a person rejected the row (`duplicate`, ...), if they did.
    pub rejected: Option<String>,
}

/// A page of ledger rows and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentPage {
    pub total: usize,
    pub rows: Vec<IncidentRow>,
}

/// A document found by full-text search; `snippet` marks matches with `\u{2}` … `\u{3}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub duplicate_of: Option<String>,
    pub snippet: String,
}

/// Per-value counts over the ledger, for filter menus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LedgerFacets {
    pub countries: Vec<(String, usize)>,
    pub types: Vec<(String, usize)>,
    pub actors: Vec<(String, usize)>,
}

/// Words as an FTS5 query that cannot be a syntax error: each word a quoted phrase, all required.
pub fn fts_query(words: &str) -> Option<String> {
    let phrases: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

fn like_pattern(s: &str) -> String {
    format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

fn count(low: Option<i64>, high: Option<i64>) -> Option<CountRange> {
    low.map(|low| CountRange { low: low.max(0) as u64, high: high.map(|h| h.max(0) as u64) })
}

const ROW_COLUMNS: &str = "id, event_type, date_start, date_end, country, place, killed_low, killed_high,
    wounded_low, wounded_high, lat, lon, perpetrators, sources, independent, conflicts,
    coalesce((SELECT r.reviewed FROM incident_review r WHERE r.incident = incident_facets.id), 0),
    (SELECT r.rejected FROM incident_review r WHERE r.incident = incident_facets.id)";
/// As `ROW_COLUMNS`, for a store without review tables.
const ROW_COLUMNS_UNREVIEWED: &str = "id, event_type, date_start, date_end, country, place, killed_low, killed_high,
    wounded_low, wounded_high, lat, lon, perpetrators, sources, independent, conflicts, 0, NULL";
/// Rows a person rejected, left out of every listing unless asked for.
const NOT_REJECTED: &str = "id NOT IN (SELECT incident FROM incident_review WHERE rejected IS NOT NULL)";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(IncidentRow, String, String)> {
    Ok((
        IncidentRow {
            id: r.get(0)?,
            event_type: r.get(1)?,
            date_start: parse_day(r.get(2)?),
            date_end: parse_day(r.get(3)?),
            country: r.get(4)?,
            place: r.get(5)?,
            killed: count(r.get(6)?, r.get(7)?),
            wounded: count(r.get(8)?, r.get(9)?),
            lat: r.get(10)?,
            lon: r.get(11)?,
            perpetrators: Vec::new(),
            sources: r.get::<_, i64>(13)?.max(0) as usize,
            independent_sources: r.get::<_, i64>(14)?.max(0) as usize,
            conflicts: Vec::new(),
            reviewed: r.get(16)?,
            rejected: r.get(17)?,
        },
        r.get(12)?,
        r.get(15)?,
    ))
}

fn finish_row((mut row, perps, conflicts): (IncidentRow, String, String)) -> Result<IncidentRow> {
    row.perpetrators = serde_json::from_str(&perps).context("stored perpetrators are not readable")?;
    row.conflicts = serde_json::from_str(&conflicts).context("stored conflicts are not readable")?;
    Ok(row)
}

impl Store {
    fn row_columns(&self) -> &'static str {
        if self.reviews {
            ROW_COLUMNS
        } else {
            ROW_COLUMNS_UNREVIEWED
        }
    }

    /// `AND` the clause leaving rejected rows out, where the store has reviews (`alias.id`).
    fn unrejected(&self, alias: &str) -> String {
        if self.reviews {
            format!(" AND {alias}.id NOT IN (SELECT incident FROM incident_review WHERE rejected IS NOT NULL)")
        } else {
            String::new()
        }
    }

    /// A page of the ledger matching `q`, sorted as it asks (ties broken by id).
    pub fn query_incidents(&self, q: &IncidentQuery) -> Result<IncidentPage> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(c) = &q.country {
            clauses.push("country = ?");
            args.push(Box::new(c.clone()));
        }
        if let Some(t) = &q.event_type {
            clauses.push("event_type = ?");
            args.push(Box::new(t.clone()));
        }
        if let Some(a) = &q.actor {
            clauses.push("id IN (SELECT incident FROM incident_actors WHERE actor = ?)");
            args.push(Box::new(a.clone()));
        }
        if let Some(d) = q.date_from {
            clauses.push("coalesce(date_end, date_start) >= ?");
            args.push(Box::new(d.to_string()));
        }
        if let Some(d) = q.date_to {
            clauses.push("date_start <= ?");
            args.push(Box::new(d.to_string()));
        }
        if let Some(k) = q.min_killed {
            clauses.push("killed_low >= ?");
            args.push(Box::new(k.min(i64::MAX as u64) as i64));
        }
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            // The words, stemmed, in the incident's names, places, actors and evidence quotes
            // (`incidents_fts`); the text as typed within the place, a perpetrator or the id.
            let like = like_pattern(text.trim());
            match fts_query(text).filter(|_| self.incident_search) {
                Some(fts) => {
                    clauses.push(
                        "(place LIKE ? ESCAPE '\\' OR perpetrators LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\'
                          OR id IN (SELECT id FROM incidents_fts WHERE incidents_fts MATCH ?))",
                    );
                    args.push(Box::new(like.clone()));
                    args.push(Box::new(like.clone()));
                    args.push(Box::new(like));
                    args.push(Box::new(fts));
                }
                None => {
                    clauses
                        .push("(place LIKE ? ESCAPE '\\' OR perpetrators LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\')");
                    args.push(Box::new(like.clone()));
                    args.push(Box::new(like.clone()));
                    args.push(Box::new(like));
                }
            }
        }
        if self.reviews && !q.include_rejected {
            clauses.push(NOT_REJECTED);
        }
        match (q.reviewed, self.reviews) {
            (Some(true), true) => clauses.push("id IN (SELECT incident FROM incident_review WHERE reviewed)"),
            (Some(false), true) => clauses.push("id NOT IN (SELECT incident FROM incident_review WHERE reviewed)"),
            (Some(true), false) => clauses.push("0"),
            _ => {}
        }
        let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        let total: i64 = {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM incident_facets{filter}"))
                .context("cannot count incidents")?;
            stmt.query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0)).context("cannot count incidents")?
        };
        let dir = if q.descending { "DESC" } else { "ASC" };
        let col = q.sort.column();
        let columns = self.row_columns();
        let sql =
            format!("SELECT {columns} FROM incident_facets{filter} ORDER BY {col} {dir}, id {dir} LIMIT ? OFFSET ?");
        args.push(Box::new(q.limit.min(i64::MAX as usize) as i64));
        args.push(Box::new(q.offset.min(i64::MAX as usize) as i64));
        let mut stmt = self.conn.prepare_cached(&sql).context("cannot list incidents")?;
        let raw = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), read_row)
            .context("cannot list incidents")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot list incidents")?;
        let rows = raw.into_iter().map(finish_row).collect::<Result<Vec<_>>>()?;
        Ok(IncidentPage { total: total.max(0) as usize, rows })
    }

    /// Ledger rows by id, in the order given (ids not found are left out).
    pub fn incident_rows(&self, ids: &[String]) -> Result<Vec<IncidentRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {} FROM incident_facets WHERE id = ?1", self.row_columns()))
            .context("cannot read incidents")?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(raw) = stmt.query_row([id], read_row).optional().context("cannot read incidents")? {
                out.push(finish_row(raw)?);
            }
        }
        Ok(out)
    }

    /// One incident by its exact id.
    pub fn incident_exact(&self, id: &str) -> Result<Option<Incident>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM incidents WHERE id = ?1")
            .context("cannot read an incident")?
            .query_row([id], |r| r.get(0))
            .optional()
            .context("cannot read an incident")?;
        json.map(|j| serde_json::from_str(&j).context("a stored incident is not readable")).transpose()
    }

    /// Ids of the other incidents that share a source document with `id`, most shared first.
    pub fn related_incidents(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT b.incident FROM incident_sources a JOIN incident_sources b ON b.document = a.document
                 WHERE a.incident = ?1 AND b.incident != ?1 GROUP BY b.incident ORDER BY count(*) DESC, b.incident",
            )
            .context("cannot find related incidents")?;
        let ids = stmt
            .query_map([id], |r| r.get(0))
            .context("cannot find related incidents")?
            .collect::<std::result::Result<Vec<String>, _>>()
            .context("cannot find related incidents")?;
        Ok(ids)
    }

    /// Whole incidents citing `document` as a source, by date.
    pub fn incidents_citing(&self, document: &str) -> Result<Vec<Incident>> {
        self.incidents_where(
            &format!(
                "SELECT i.json FROM incidents i JOIN incident_sources s ON s.incident = i.id
                 WHERE s.document = ?1{} ORDER BY i.date_start, i.id",
                self.unrejected("i")
            ),
            document,
        )
    }

    /// Whole incidents naming `actor` (canonical name) as a perpetrator, by date.
    pub fn incidents_by_actor(&self, actor: &str) -> Result<Vec<Incident>> {
        self.incidents_where(
            &format!(
                "SELECT i.json FROM incidents i JOIN incident_actors a ON a.incident = i.id
                 WHERE a.actor = ?1{} ORDER BY i.date_start, i.id",
                self.unrejected("i")
            ),
            actor,
        )
    }

    fn incidents_where(&self, sql: &str, arg: &str) -> Result<Vec<Incident>> {
        let mut stmt = self.conn.prepare_cached(sql).context("cannot read incidents")?;
        let rows = stmt
            .query_map([arg], |r| r.get::<_, String>(0))
            .context("cannot read incidents")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot read incidents")?;
        rows.iter().map(|j| serde_json::from_str(j).context("a stored incident is not readable")).collect()
    }

    /// One stored document by id.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        self.conn
            .prepare_cached(&format!("SELECT {} FROM documents WHERE id = ?1", self.document_columns()))
            .context("cannot read a document")?
            .query_row([id], crate::stored_document)
            .optional()
            .context("cannot read a document")
    }

    /// Full-text search over the stored articles (title and text), best matches first: how many
    /// match in all and the page asked for. `words` are all required; FTS syntax in them is literal.
    pub fn search_documents(&self, words: &str, limit: usize, offset: usize) -> Result<(usize, Vec<SearchHit>)> {
        let Some(fts) = fts_query(words) else {
            return Ok((0, Vec::new()));
        };
        let total: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1")
            .context("cannot search")?
            .query_row([&fts], |r| r.get(0))
            .context("cannot search")?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.outlet, d.published, d.duplicate_of,
                        snippet(documents_fts, 1, char(2), char(3), '…', 24)
                 FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 ORDER BY rank, d.seq LIMIT ?2 OFFSET ?3",
            )
            .context("cannot search")?;
        let hits = stmt
            .query_map(params![fts, limit.min(i64::MAX as usize) as i64, offset.min(i64::MAX as usize) as i64], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    outlet: r.get(2)?,
                    published: parse_day(r.get(3)?),
                    duplicate_of: r.get(4)?,
                    snippet: r.get(5)?,
                })
            })
            .context("cannot search")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot search")?;
        Ok((total.max(0) as usize, hits))
    }

    /// A number that changes whenever another connection commits to the database (SQLite's
    /// `data_version`): a reader holding one connection can tell whether what it read is stale.
    pub fn data_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).context("cannot read the data version")
    }

    /// How many incidents each country, type and actor has, most first.
    pub fn ledger_facets(&self) -> Result<LedgerFacets> {
        let counts = |sql: &str| -> Result<Vec<(String, usize)>> {
            let mut stmt = self.conn.prepare_cached(sql).context("cannot count the ledger")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as usize)))
                .context("cannot count the ledger")?
                .collect::<std::result::Result<Vec<_>, _>>()
                .context("cannot count the ledger")?;
            Ok(rows)
        };
        let kept = self.unrejected("f");
        let kept_actor = self.unrejected("a").replace("a.id", "a.incident");
        Ok(LedgerFacets {
            countries: counts(&format!(
                "SELECT country, count(*) n FROM incident_facets f WHERE country IS NOT NULL{kept} GROUP BY country ORDER BY n DESC, country"
            ))?,
            types: counts(&format!(
                "SELECT event_type, count(*) n FROM incident_facets f WHERE 1{kept} GROUP BY event_type ORDER BY n DESC, event_type"
            ))?,
            actors: counts(&format!(
                "SELECT actor, count(*) n FROM incident_actors a WHERE 1{kept_actor} GROUP BY actor ORDER BY n DESC, actor"
            ))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{AttributionStatus, Claim, Conflict, EventType, Field};

    fn incident(id: &str, country: &str, day: u32, killed: u64, actor: Option<&str>) -> Incident {
        Incident {
            id: id.into(),
            event_type: EventType::Bombing,
            date_start: NaiveDate::from_ymd_opt(2024, 1, day),
            date_end: NaiveDate::from_ymd_opt(2024, 1, day),
            country: Some(country.into()),
            place: Some(format!("Place {id}")),
            lat: Some(30.0),
            lon: Some(57.0),
            perpetrators: actor
                .map(|a| vec![Perpetrator { name: a.into(), status: AttributionStatus::Claimed }])
                .unwrap_or_default(),
            killed: Some(CountRange { low: killed, high: None }),
            wounded: None,
            suicide: None,
            attackers: None,
            attackers_killed: None,
            weapon: None,
            target: None,
            sources: vec![format!("doc-{id}"), "shared".into()],
            independent_sources: 2,
            claims: vec![Claim {
                field: Field::Killed,
                value: killed.to_string(),
                document: "shared".into(),
                outlet: None,
                published: None,
                quote: "q".into(),
                start: 0,
                end: 1,
            }],
            conflicts: vec![Conflict { field: Field::Killed, note: "n".into() }],
            related: vec![],
            mentioned_in: vec![],
        }
    }

    fn ledger() -> Store {
        let mut store = Store::in_memory().unwrap();
        store
            .replace_incidents(&[
                incident("a1", "IR", 3, 95, Some("Islamic State")),
                incident("b2", "PK", 5, 10, None),
                incident("c3", "IR", 9, 1, Some("Jaish al-Adl")),
            ])
            .unwrap();
        store
    }

    #[test]
    fn the_ledger_filters_sorts_and_pages() {
        let store = ledger();
        let all = store.query_incidents(&IncidentQuery { limit: 10, ..Default::default() }).unwrap();
        assert_eq!(all.total, 3);
        assert_eq!(all.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a1", "b2", "c3"]);
        let r = &all.rows[0];
        assert_eq!(r.killed, Some(CountRange { low: 95, high: None }));
        assert_eq!(r.perpetrators[0].name, "Islamic State");
        assert_eq!(r.conflicts, ["killed"]);
        assert_eq!((r.sources, r.independent_sources), (2, 2));
        let iran = IncidentQuery { country: Some("IR".into()), limit: 1, descending: true, ..Default::default() };
        let page = store.query_incidents(&iran).unwrap();
        assert_eq!((page.total, page.rows[0].id.as_str()), (2, "c3"));
        let by_killed = IncidentQuery { sort: IncidentSort::Killed, descending: true, limit: 10, ..Default::default() };
        assert_eq!(store.query_incidents(&by_killed).unwrap().rows[0].id, "a1");
        let actor = IncidentQuery { actor: Some("Jaish al-Adl".into()), limit: 10, ..Default::default() };
        assert_eq!(store.query_incidents(&actor).unwrap().rows.len(), 1);
        let dates = IncidentQuery {
            date_from: NaiveDate::from_ymd_opt(2024, 1, 4),
            date_to: NaiveDate::from_ymd_opt(2024, 1, 8),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(store.query_incidents(&dates).unwrap().rows[0].id, "b2");
        let killed = IncidentQuery { min_killed: Some(10), limit: 10, ..Default::default() };
        assert_eq!(store.query_incidents(&killed).unwrap().total, 2);
        let text = IncidentQuery { text: Some("place c3".into()), limit: 10, ..Default::default() };
        assert_eq!(store.query_incidents(&text).unwrap().total, 1);
        assert_eq!(store.related_incidents("a1").unwrap(), ["b2", "c3"]);
        assert_eq!(store.incidents_by_actor("Islamic State").unwrap()[0].id, "a1");
        assert_eq!(store.incidents_citing("shared").unwrap().len(), 3);
        let facets = store.ledger_facets().unwrap();
        assert_eq!(facets.countries[0], ("IR".to_string(), 2));
    }

    #[test]
    fn hostile_filter_values_are_only_values() {
        let store = ledger();
        for evil in
            ["' OR 1=1 --", "IR' --", "%", "_", "\" OR \"\"=\"", "NEAR(a b)", "a* OR b", "); DROP TABLE incidents; --"]
        {
            let q = IncidentQuery {
                country: Some(evil.into()),
                actor: Some(evil.into()),
                event_type: Some(evil.into()),
                limit: 10,
                ..Default::default()
            };
            assert_eq!(store.query_incidents(&q).unwrap().total, 0, "{evil}");
            let q = IncidentQuery { text: Some(evil.into()), limit: 10, ..Default::default() };
            assert_eq!(store.query_incidents(&q).unwrap().total, 0, "{evil}");
            store.search_documents(evil, 10, 0).unwrap();
        }
        assert_eq!(store.query_incidents(&IncidentQuery { limit: 10, ..Default::default() }).unwrap().total, 3);
    }

    #[test]
    fn a_database_written_before_the_search_tables_is_backfilled() {
        let dir = std::env::temp_dir().join(format!("annalist-store-backfill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        {
            let mut store = Store::open(&path).unwrap();
            store.replace_incidents(&[incident("a1", "IR", 3, 95, None)]).unwrap();
            // as an older version left it: no derived tables, no triggers
            store
                .conn
                .execute_batch(
                    "DROP TRIGGER incident_facets_insert; DROP TRIGGER incident_facets_delete; DROP TRIGGER incident_facets_update;
                     DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; DROP TRIGGER documents_fts_update;
                     DROP TABLE incident_facets; DROP TABLE incident_actors; DROP TABLE incident_sources;
                     DROP TABLE documents_fts; DROP TABLE annalist_meta;",
                )
                .unwrap();
            store.conn.execute("INSERT INTO documents (id, content_hash, origin, text, paragraphs, sentences, sketch) VALUES ('d', 'h', 'o', 'a quiet shrine road', '[]', '[]', x'')", []).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.query_incidents(&IncidentQuery { limit: 10, ..Default::default() }).unwrap().total, 1);
        let (n, hits) = store.search_documents("shrine", 10, 0).unwrap();
        assert_eq!((n, hits[0].id.as_str()), (1, "d"));
        assert!(hits[0].snippet.contains("\u{2}shrine\u{3}"), "{}", hits[0].snippet);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn search_stems_words_and_an_unstemmed_index_is_rebuilt() {
        let dir = std::env::temp_dir().join(format!("annalist-store-stems-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v1.db");
        {
            let store = Store::open(&path).unwrap();
            // The index as version 1 built it: no stemming.
            store
                .conn
                .execute_batch(
                    "DROP TABLE documents_fts;
                     CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content = 'documents',
                         content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
                     UPDATE annalist_meta SET value = 'v1' WHERE key = 'fts';",
                )
                .unwrap();
            store.conn.execute("INSERT INTO documents (id, content_hash, origin, text, paragraphs, sentences, sketch) VALUES ('one', 'h1', 'o', 'a lone bomber struck the depot', '[]', '[]', x'')", []).unwrap();
            store.conn.execute("INSERT INTO documents (id, content_hash, origin, text, paragraphs, sentences, sketch) VALUES ('two', 'h2', 'o', 'two bombers were arrested', '[]', '[]', x'')", []).unwrap();
            assert_eq!(store.search_documents("bombers", 10, 0).unwrap().0, 1, "v1 matches the word only");
        }
        let store = Store::open(&path).unwrap();
        for words in ["bomber", "bombers", "Bombers"] {
            let (n, hits) = store.search_documents(words, 10, 0).unwrap();
            let mut ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
            ids.sort();
            assert_eq!((n, ids), (2, vec!["one", "two"]), "{words}");
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    fn claim(field: Field, value: &str, quote: &str) -> Claim {
        Claim {
            field,
            value: value.into(),
            document: "doc".into(),
            outlet: None,
            published: None,
            quote: quote.into(),
            start: 0,
            end: quote.len(),
        }
    }

    /// A new folder for one test's files.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("annalist-store-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn ids(store: &Store, words: &str) -> Vec<String> {
        let q = IncidentQuery { text: Some(words.into()), limit: 10, ..Default::default() };
        store.query_incidents(&q).unwrap().rows.into_iter().map(|r| r.id).collect()
    }

    #[test]
    fn incidents_are_found_by_stemmed_words_of_their_names_places_actors_and_quotes() {
        let mut store = Store::in_memory().unwrap();
        let mut shrine = incident("a1", "IR", 3, 95, Some("Islamic State"));
        shrine.claims.push(claim(Field::Name, "the Kerman bombings", "the Kerman bombings"));
        shrine.claims.push(claim(Field::Place, "Golzar-e Shohada cemetery", "near the cemetery"));
        shrine.claims.push(claim(Field::Killed, "95", "Two suicide bombers killed 95 mourners on the road."));
        let mut market = incident("b2", "PK", 5, 10, None);
        market.claims.push(claim(Field::Attribution, "Jaish al-Adl denied", "Jaish al-Adl denied any part in it."));
        store.replace_incidents(&[shrine, market]).unwrap();
        assert_eq!(ids(&store, "bomber"), ["a1"], "a quote's 'bombers', stemmed");
        assert_eq!(ids(&store, "bombing"), ["a1"], "a name");
        assert_eq!(ids(&store, "cemeteries"), ["a1"], "a place a source gives");
        assert_eq!(ids(&store, "Islamic"), ["a1"], "a perpetrator");
        assert_eq!(ids(&store, "jaish denies"), ["b2"], "who denied, stemmed");
        assert_eq!(ids(&store, "mourner road"), ["a1"], "every word of a quote, in any order");
        assert!(ids(&store, "mourners market").is_empty(), "all words are required");
        assert_eq!(ids(&store, "Place b"), ["b2"], "the place as typed");
    }

    #[test]
    fn the_incidents_index_follows_the_ledger_as_it_is_rewritten_and_is_built_for_an_older_store() {
        let dir = scratch("incident-fts");
        let path = dir.join("ledger.db");
        {
            let mut store = Store::open(&path).unwrap();
            let mut first = incident("a1", "IR", 3, 95, None);
            first.claims.push(claim(Field::Killed, "95", "a blast at the shrine"));
            store.replace_incidents(&[first, incident("b2", "PK", 5, 10, None)]).unwrap();
            assert_eq!(ids(&store, "blasts"), ["a1"]);
            // the next ingest fuses it again from other words, and b2 is gone
            let mut again = incident("a1", "IR", 3, 95, None);
            again.claims.push(claim(Field::Killed, "95", "an explosion on the road"));
            store.replace_incidents(&[again.clone()]).unwrap();
            assert!(ids(&store, "blast").is_empty(), "words of the old quote still found");
            assert_eq!(ids(&store, "explosions"), ["a1"]);
            assert!(ids(&store, "Place b2").is_empty());
            // unchanged on the same ledger written twice
            store.replace_incidents(&[again]).unwrap();
            assert_eq!(ids(&store, "explosion"), ["a1"]);
            let n: i64 = store.conn.query_row("SELECT count(*) FROM incidents_fts", [], |r| r.get(0)).unwrap();
            assert_eq!(n, 1);
            // as a store written before the index existed left it
            store
                .conn
                .execute_batch(
                    "DROP TRIGGER incidents_fts_insert; DROP TRIGGER incidents_fts_delete; DROP TRIGGER incidents_fts_update;
                     DROP TABLE incidents_fts; DELETE FROM annalist_meta WHERE key = 'incident_fts';",
                )
                .unwrap();
        }
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(ids(&store, "explosion"), ["a1"], "built on the first open");
        std::fs::remove_dir_all(&dir).ok();
    }
}
