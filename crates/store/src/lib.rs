//! The annalist store: everything a run keeps, in one embedded SQLite file.
//!
//! It holds the cleaned articles (with their dedup sketch and `duplicate_of` link), the event
//! frames read from each, and the fused incident ledger. It is the only crate that does
//! database I/O; it knows nothing of how articles are cleaned, frames extracted or incidents
//! fused, and stores those values as they are given (frames and incidents as JSON, with the
//! columns queries filter on beside them).
//!
//! Guarantees: ids are content-derived upstream, so re-saving the same article is a no-op
//! (`DocumentState::Unchanged`); every batch is one transaction in WAL mode, so a crash loses
//! at most the batch in flight and never what was committed before it.

mod query;
mod reviews;

pub use query::{fts_query, IncidentPage, IncidentQuery, IncidentRow, IncidentSort, LedgerFacets, SearchHit};

use annalist_model::{Article, EventFrame, Incident, Relevance};
use annalist_review::ReviewState;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// A store failure, with what was being done.
#[derive(Debug)]
pub struct StoreError {
    context: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    fn new(context: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> StoreError {
        let mut context = context.into();
        let refused = (&source as &dyn std::error::Error)
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| code == rusqlite::ErrorCode::ReadOnly);
        if refused {
            context.push_str(
                " (the store is read-only here: a file, folder or medium without write access, or opened for \
                 reading only; writing needs write access)",
            );
        }
        StoreError { context, source: Some(Box::new(source)) }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(e) => write!(f, "{}: {}", self.context, e),
            None => f.write_str(&self.context),
        }
    }
}

impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

trait Context<T> {
    fn context(self, what: &str) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, what: &str) -> Result<T> {
        self.map_err(|e| StoreError::new(what, e))
    }
}

/// Whether a document is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentState {
    New,
    /// Stored with the same content hash: nothing to do.
    Unchanged,
    /// Stored with other content: it will be replaced.
    Changed,
}

/// One article as the pipeline hands it to the store.
#[derive(Debug, Clone)]
pub struct ArticleRecord {
    pub article: Article,
    /// Where it was read from (path, `path#record`).
    pub origin: String,
    pub duplicate_of: Option<String>,
    /// The dedup sketch, as `annalist_dedup::Sketch::to_bytes` wrote it.
    pub sketch: Vec<u8>,
    /// The document decision (does it report an incident at all?), when one was taken.
    pub relevance: Option<Relevance>,
    pub frames: Vec<EventFrame>,
}

/// A stored document, as listed and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    pub id: String,
    pub origin: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub duplicate_of: Option<String>,
    pub text: String,
    /// Insertion order: the first document stored has the lowest.
    pub seq: i64,
    /// The document decision and its score; None for a document stored before it existed.
    pub relevance: Option<Relevance>,
}

/// A persisted dedup sketch with what the index needs to pick the fullest, earliest copy.
#[derive(Debug, Clone)]
pub struct StoredSketch {
    pub id: String,
    pub sketch: Vec<u8>,
    pub published: Option<NaiveDate>,
    pub text_len: usize,
    /// The stored `duplicate_of` link, so that a restarted run can mend links an interrupted
    /// run changed in memory but did not save.
    pub duplicate_of: Option<String>,
}

/// A frame with the facts about its document that fusion needs.
#[derive(Debug, Clone)]
pub struct StoredFrame {
    pub frame: EventFrame,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub duplicate_of: Option<String>,
    pub seq: i64,
}

/// What replacing the ledger changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LedgerChanges {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

pub struct Store {
    conn: Connection,
    /// Whether the review tables exist (a store an older annalist wrote, opened read-only
    /// where it cannot be written, has none: then it has no reviews either).
    reviews: bool,
    /// Whether the incidents' search index exists (as `reviews`, for an older store read where
    /// it cannot be written: its text filter then reads places, actors and ids only).
    incident_search: bool,
    /// Whether the documents have the decision's columns (a store an older annalist wrote,
    /// opened read-only where it cannot be written, has none: its documents read as undecided).
    relevance: bool,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    duplicate_of TEXT,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    sentences TEXT NOT NULL,
    sketch BLOB NOT NULL,
    reported INTEGER,
    relevance REAL
);
CREATE TABLE IF NOT EXISTS frames (
    document TEXT NOT NULL,
    idx INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    country TEXT,
    killed_low INTEGER,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_date ON incidents (date_start);
CREATE INDEX IF NOT EXISTS documents_by_origin ON documents (origin);
";

/// `path` as an SQLite URI (`file:` with the characters a URI reserves percent-encoded).
fn file_uri(path: &Path) -> String {
    use std::fmt::Write;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().into_owned().into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri
}

impl Store {
    /// Opens (creating if needed) the store at `path` for writing. A store that cannot be
    /// written (a read-only file or folder, read-only media) is refused here with a message
    /// that says so; reading commands open it with [`Store::open_read_only`].
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).context(&format!("cannot open the store {}", path.display()))?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError {
                context: format!(
                    "the store {} is read-only (file or folder permissions, or read-only media): this command writes \
                     to it; the reading commands (incidents, show, export, serve) work on it as it is",
                    path.display()
                ),
                source: None,
            });
        }
        Store::init(conn, &path.display().to_string())
    }

    /// Opens the existing store at `path` for reading only: nothing is written, not even the
    /// set-up a writer does, so a read-only file, folder or medium is read as it is. In WAL
    /// mode SQLite needs the `-shm` file beside the store; where it is missing and cannot be
    /// made (a read-only folder), the store is read as immutable (its `-wal`, if any, unread:
    /// a store on read-only media has no writer). Every connection is `query_only`.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let what = format!("cannot read the store {}", path.display());
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let ready = |conn: Connection| -> rusqlite::Result<Connection> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            conn.pragma_update(None, "query_only", true)?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            Ok(conn)
        };
        let conn = match Connection::open_with_flags(path, flags).and_then(ready) {
            Ok(conn) => conn,
            Err(_) => Connection::open_with_flags(format!("{}?mode=ro&immutable=1", file_uri(path)), flags)
                .and_then(ready)
                .context(&what)?,
        };
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('documents', 'incidents', 'annalist_meta')",
                [],
                |r| r.get(0),
            )
            .context(&what)?;
        if tables < 3 {
            // an older annalist's store whose search tables are not built yet: built once where
            // the store can be written (as the writing open does), then read as before
            if Store::open(path).is_ok() {
                return Store::open_read_only(path);
            }
            return Err(StoreError {
                context: format!(
                    "{what}: it is not an annalist database, or one an older annalist wrote whose search tables \
                     are not built yet (run `annalist ingest --db {} ...` once with write access)",
                    path.display()
                ),
                source: None,
            });
        }
        conn.set_prepared_statement_cache_capacity(64);
        let reviews: bool = conn
            .query_row("SELECT count(*) = 2 FROM sqlite_master WHERE name IN ('reviews', 'incident_review')", [], |r| {
                r.get(0)
            })
            .context(&what)?;
        let incident_search: bool = conn
            .query_row(
                "SELECT count(*) = 1 FROM annalist_meta WHERE key = 'incident_fts' AND value = ?1",
                [query::INCIDENT_FTS_VERSION],
                |r| r.get(0),
            )
            .context(&what)?;
        let relevance = has_relevance(&conn).context(&what)?;
        if (!reviews || !incident_search || !relevance) && Store::open(path).is_ok() {
            return Store::open_read_only(path);
        }
        Ok(Store { conn, reviews, incident_search, relevance })
    }

    /// A store that lives in memory only (tests, dry runs).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().context("cannot open an in-memory store")?;
        Store::init(conn, ":memory:")
    }

    fn init(conn: Connection, name: &str) -> Result<Store> {
        let what = format!("cannot set up the store {name} (is it an annalist database?)");
        conn.pragma_update(None, "journal_mode", "WAL").context(&what)?;
        conn.pragma_update(None, "synchronous", "NORMAL").context(&what)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).context(&what)?;
        conn.execute_batch(SCHEMA).context(&what)?;
        conn.execute_batch(reviews::SCHEMA).context(&what)?;
        // stores made before the document decision: its columns are added, their documents
        // undecided (NULL) until they are ingested again
        if !has_relevance(&conn).context(&what)? {
            conn.execute_batch(
                "ALTER TABLE documents ADD COLUMN reported INTEGER; ALTER TABLE documents ADD COLUMN relevance REAL;",
            )
            .context(&what)?;
        }
        conn.set_prepared_statement_cache_capacity(64);
        query::init_derived(&conn, &what)?;
        Ok(Store { conn, reviews: true, incident_search: true, relevance: true })
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`):
    /// `"ok"`, or the problems it found, one a line.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").context("cannot check the store")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .context("cannot check the store")?
            .collect::<std::result::Result<_, _>>()
            .context("cannot check the store")?;
        Ok(rows.join("\n"))
    }

    /// Where the stored document `id` was read from (its `origin`), if it is stored.
    pub fn origin_of(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT origin FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .context("cannot look up a document's origin")
    }

    /// The id of the stored document read from `origin` (a file's path as given), if any.
    pub fn id_of_origin(&self, origin: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT id FROM documents WHERE origin = ?1 ORDER BY seq LIMIT 1", [origin], |r| r.get(0))
            .optional()
            .context("cannot look up a document by its origin")
    }

    pub fn document_state(&self, id: &str, content_hash: &str) -> Result<DocumentState> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT content_hash FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .context("cannot look up a document")?;
        Ok(match stored {
            None => DocumentState::New,
            Some(h) if h == content_hash => DocumentState::Unchanged,
            Some(_) => DocumentState::Changed,
        })
    }

    /// Saves a batch of articles with their frames in one transaction; a changed document
    /// replaces the stored one (keeping its place in insertion order).
    pub fn save_batch(&mut self, batch: &[ArticleRecord]) -> Result<()> {
        let tx = self.conn.transaction().context("cannot start a transaction")?;
        for rec in batch {
            let a = &rec.article;
            let paragraphs = serde_json::to_string(&a.paragraphs).context("cannot encode paragraphs")?;
            let sentences = serde_json::to_string(&a.sentences).context("cannot encode sentences")?;
            tx.execute(
                "INSERT INTO documents (id, content_hash, origin, url, outlet, title, published, language,
                     duplicate_of, text, paragraphs, sentences, sketch, reported, relevance)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, origin = excluded.origin,
                     url = excluded.url, outlet = excluded.outlet, title = excluded.title,
                     published = excluded.published, language = excluded.language,
                     duplicate_of = excluded.duplicate_of, text = excluded.text,
                     paragraphs = excluded.paragraphs, sentences = excluded.sentences, sketch = excluded.sketch,
                     reported = excluded.reported, relevance = excluded.relevance",
                params![
                    a.id,
                    a.content_hash,
                    rec.origin,
                    a.url,
                    a.outlet,
                    a.title,
                    a.published.map(|d| d.to_string()),
                    a.language,
                    rec.duplicate_of,
                    a.text,
                    paragraphs,
                    sentences,
                    rec.sketch,
                    rec.relevance.map(|r| r.reported),
                    rec.relevance.map(|r| f64::from(r.score))
                ],
            )
            .context(&format!("cannot save document {}", a.id))?;
            tx.execute("DELETE FROM frames WHERE document = ?1", [&a.id]).context("cannot replace frames")?;
            for (i, f) in rec.frames.iter().enumerate() {
                let json = serde_json::to_string(f).context("cannot encode a frame")?;
                tx.execute(
                    "INSERT INTO frames (document, idx, json) VALUES (?1, ?2, ?3)",
                    params![a.id, i as i64, json],
                )
                .context(&format!("cannot save the frames of {}", a.id))?;
            }
        }
        tx.commit().context("cannot commit a batch")
    }

    /// Keeps one event of a run in the store's log (`kind` such as `skipped`; `origin` the
    /// input it is about), stamped with the time (UTC).
    pub fn log(&self, kind: &str, origin: &str, message: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO log (at, kind, origin, message) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3)",
                params![kind, origin, message],
            )
            .context("cannot write to the store's log")?;
        Ok(())
    }

    /// The store's log, oldest first: `(at, kind, origin, message)`.
    pub fn log_entries(&self) -> Result<Vec<(String, String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, kind, origin, message FROM log ORDER BY seq")
            .context("cannot read the log")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .context("cannot read the log")?
            .collect::<std::result::Result<Vec<_>, _>>()
            .context("cannot read the log")?;
        Ok(rows)
    }

    /// Points `copy` at `original` (dedup found a fuller version after `copy` was stored).
    pub fn set_duplicate_of(&self, copy: &str, original: Option<&str>) -> Result<()> {
        self.conn
            .execute("UPDATE documents SET duplicate_of = ?2 WHERE id = ?1", params![copy, original])
            .context("cannot update duplicate_of")?;
        Ok(())
    }

    pub fn document_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .context("cannot count documents")?;
        Ok(n as usize)
    }

    /// How many stored documents are syndicated copies (have a `duplicate_of`).
    pub fn duplicate_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL", [], |r| r.get(0))
            .context("cannot count syndicated copies")?;
        Ok(n as usize)
    }

    /// All persisted sketches in insertion order, to rebuild the dedup index.
    pub fn sketches(&self) -> Result<Vec<StoredSketch>> {
        let mut stmt = self
            .conn
            // bytes, as `Article::text.len()` counts them: `length(text)` would count characters,
            // and a restarted run would then choose other originals for its copies
            .prepare(
                "SELECT id, sketch, published, length(CAST(text AS BLOB)), duplicate_of FROM documents ORDER BY seq",
            )
            .context("cannot read sketches")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredSketch {
                    id: r.get(0)?,
                    sketch: r.get(1)?,
                    published: parse_day(r.get::<_, Option<String>>(2)?),
                    text_len: r.get::<_, i64>(3)? as usize,
                    duplicate_of: r.get(4)?,
                })
            })
            .context("cannot read sketches")?;
        rows.collect::<std::result::Result<Vec<_>, _>>().context("cannot read sketches")
    }

    /// Replaces a document's stored sketch (one recomputed from its text, when the stored one
    /// was written by an older build).
    pub fn set_sketch(&self, id: &str, sketch: &[u8]) -> Result<()> {
        self.conn
            .execute("UPDATE documents SET sketch = ?2 WHERE id = ?1", params![id, sketch])
            .context("cannot update a sketch")?;
        Ok(())
    }

    /// The frames read from document `id`, in text order.
    pub fn document_frames(&self, id: &str) -> Result<Vec<EventFrame>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT json FROM frames WHERE document = ?1 ORDER BY idx")
            .context("cannot read a document's frames")?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0)).context("cannot read a document's frames")?;
        let mut out = Vec::new();
        for row in rows {
            let json = row.context("cannot read a document's frames")?;
            out.push(serde_json::from_str(&json).context("a stored frame is not readable")?);
        }
        Ok(out)
    }

    /// Every stored frame with its document's facts, in insertion order.
    pub fn frames(&self) -> Result<Vec<StoredFrame>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.json, d.outlet, d.published, d.duplicate_of, d.seq
                 FROM frames f JOIN documents d ON d.id = f.document ORDER BY d.seq, f.idx",
            )
            .context("cannot read frames")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .context("cannot read frames")?;
        let mut out = Vec::new();
        for row in rows {
            let (json, outlet, published, duplicate_of, seq) = row.context("cannot read frames")?;
            let frame: EventFrame = serde_json::from_str(&json).context("a stored frame is not readable")?;
            out.push(StoredFrame { frame, outlet, published: parse_day(published), duplicate_of, seq });
        }
        Ok(out)
    }

    /// Replaces the ledger with `incidents` as the machine fused them, no review applied.
    pub fn replace_incidents(&mut self, incidents: &[Incident]) -> Result<LedgerChanges> {
        self.replace_ledger(incidents, &BTreeMap::new())
    }

    /// Replaces the ledger with `incidents` and what review changed on them (`states`, by
    /// incident id), reporting what is new, updated, unchanged or gone.
    pub fn replace_ledger(
        &mut self,
        incidents: &[Incident],
        states: &BTreeMap<String, ReviewState>,
    ) -> Result<LedgerChanges> {
        let tx = self.conn.transaction().context("cannot start a transaction")?;
        // (the row's JSON, its review state's JSON) by id, as stored now
        let mut old: HashMap<String, (String, String)> = HashMap::new();
        {
            let mut stmt = tx
                .prepare(
                    "SELECT i.id, i.json, coalesce(r.json, '') FROM incidents i
                     LEFT JOIN incident_review r ON r.incident = i.id",
                )
                .context("cannot read incidents")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))))
                .context("cannot read incidents")?;
            for row in rows {
                let (id, json) = row.context("cannot read incidents")?;
                old.insert(id, json);
            }
        }
        // Only rows that changed are written: an unchanged row keeps its derived rows (facets,
        // search index) as they are, so an ingest that adds a few incidents rewrites a few.
        let mut changes = LedgerChanges::default();
        for inc in incidents {
            let json = serde_json::to_string(inc).context("cannot encode an incident")?;
            let state = match states.get(&inc.id) {
                Some(state) => serde_json::to_string(state).context("cannot encode a review state")?,
                None => String::new(),
            };
            let sql = match old.remove(&inc.id) {
                Some((prev, prev_state)) if prev == json => {
                    if prev_state == state {
                        changes.unchanged += 1;
                    } else {
                        changes.updated += 1;
                    }
                    continue;
                }
                Some(_) => {
                    changes.updated += 1;
                    "UPDATE incidents SET event_type = ?2, date_start = ?3, date_end = ?4, country = ?5,
                     killed_low = ?6, json = ?7 WHERE id = ?1"
                }
                None => {
                    changes.new += 1;
                    "INSERT INTO incidents (id, event_type, date_start, date_end, country, killed_low, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                }
            };
            tx.execute(
                sql,
                params![
                    inc.id,
                    inc.event_type.as_str(),
                    inc.date_start.map(|d| d.to_string()),
                    inc.date_end.map(|d| d.to_string()),
                    inc.country,
                    inc.killed.map(|k| k.low as i64),
                    json
                ],
            )
            .context(&format!("cannot save incident {}", inc.id))?;
        }
        {
            let mut gone = tx.prepare("DELETE FROM incidents WHERE id = ?1").context("cannot replace incidents")?;
            for id in old.keys() {
                gone.execute([id]).context("cannot replace incidents")?;
            }
        }
        changes.removed = old.len();
        reviews::replace_states(&tx, states)?;
        tx.commit().context("cannot commit the ledger")?;
        Ok(changes)
    }

    /// The ledger, ordered by date then id.
    pub fn incidents(&self) -> Result<Vec<Incident>> {
        let mut stmt = self
            .conn
            .prepare("SELECT json FROM incidents ORDER BY date_start IS NULL, date_start, id")
            .context("cannot read incidents")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).context("cannot read incidents")?;
        let mut out = Vec::new();
        for json in rows {
            let json = json.context("cannot read incidents")?;
            out.push(serde_json::from_str(&json).context("a stored incident is not readable")?);
        }
        Ok(out)
    }

    /// One incident by id, or by a unique prefix of its id.
    pub fn incident(&self, id: &str) -> Result<Option<Incident>> {
        let mut stmt = self
            .conn
            .prepare("SELECT json FROM incidents WHERE id = ?1 OR id LIKE ?2 ESCAPE '\\' LIMIT 2")
            .context("cannot read an incident")?;
        let pattern = format!("{}%", id.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let rows: Vec<String> = stmt
            .query_map(params![id, pattern], |r| r.get(0))
            .context("cannot read an incident")?
            .collect::<std::result::Result<_, _>>()
            .context("cannot read an incident")?;
        match rows.as_slice() {
            [one] => Ok(Some(serde_json::from_str(one).context("a stored incident is not readable")?)),
            _ => Ok(None),
        }
    }

    /// All stored documents in insertion order.
    pub fn documents(&self) -> Result<Vec<StoredDocument>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {} FROM documents ORDER BY seq", self.document_columns()))
            .context("cannot read documents")?;
        let rows = stmt.query_map([], stored_document).context("cannot read documents")?;
        rows.collect::<std::result::Result<Vec<_>, _>>().context("cannot read documents")
    }

    /// The cleaned text of one stored document (dedup's exact stage reads it; cheaper than
    /// [`Store::article`], which decodes paragraphs and sentences too).
    pub fn text(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT text FROM documents WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)).optional())
            .context("cannot read a document's text")
    }

    /// One stored article, rebuilt with its paragraphs and sentences.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, url, outlet, title, published, language, text, content_hash, paragraphs, sentences
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let article = Article {
                        id: r.get(0)?,
                        url: r.get(1)?,
                        outlet: r.get(2)?,
                        title: r.get(3)?,
                        published: parse_day(r.get(4)?),
                        language: r.get(5)?,
                        text: r.get(6)?,
                        reading: None,
                        content_hash: r.get(7)?,
                        paragraphs: Vec::new(),
                        sentences: Vec::new(),
                    };
                    Ok((article, r.get::<_, String>(8)?, r.get::<_, String>(9)?))
                },
            )
            .optional()
            .context("cannot read an article")?;
        let Some((mut article, paragraphs, sentences)) = row else {
            return Ok(None);
        };
        article.paragraphs = serde_json::from_str(&paragraphs).context("stored paragraphs are not readable")?;
        article.sentences = serde_json::from_str(&sentences).context("stored sentences are not readable")?;
        Ok(Some(article))
    }
}

/// Whether the documents table has the document decision's columns.
fn has_relevance(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) = 2 FROM pragma_table_info('documents') WHERE name IN ('reported', 'relevance')",
        [],
        |r| r.get(0),
    )
}

impl Store {
    /// The columns `stored_document` reads, the decision's as NULL where the store has none.
    fn document_columns(&self) -> &'static str {
        if self.relevance {
            "id, origin, url, outlet, title, published, duplicate_of, text, seq, reported, relevance"
        } else {
            "id, origin, url, outlet, title, published, duplicate_of, text, seq, NULL, NULL"
        }
    }
}

/// A document row of `Store::document_columns`.
fn stored_document(r: &rusqlite::Row) -> rusqlite::Result<StoredDocument> {
    let reported: Option<bool> = r.get(9)?;
    let score: Option<f64> = r.get(10)?;
    Ok(StoredDocument {
        id: r.get(0)?,
        origin: r.get(1)?,
        url: r.get(2)?,
        outlet: r.get(3)?,
        title: r.get(4)?,
        published: parse_day(r.get(5)?),
        duplicate_of: r.get(6)?,
        text: r.get(7)?,
        seq: r.get(8)?,
        relevance: reported.zip(score).map(|(reported, score)| Relevance { reported, score: score as f32 }),
    })
}

fn parse_day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{CountRange, EventType, Sentence, Span};

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            url: None,
            outlet: Some("Example Wire".into()),
            title: Some("A title".into()),
            published: NaiveDate::from_ymd_opt(2024, 1, 5),
            language: Some("en".into()),
            text: text.into(),
            reading: None,
            paragraphs: vec![Span::new(0, text.len())],
            sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph: 0 }],
            content_hash: annalist_model::content_hash(text.as_bytes()),
        }
    }

    fn frame(doc: &str) -> EventFrame {
        let mut f = EventFrame::new(doc, EventType::Bombing, Span::new(0, 4), Span::new(0, 10), "A bomb exp");
        f.main = true;
        f
    }

    fn incident(id: &str, killed: u64) -> Incident {
        Incident {
            id: id.into(),
            event_type: EventType::Bombing,
            date_start: NaiveDate::from_ymd_opt(2024, 1, 3),
            date_end: NaiveDate::from_ymd_opt(2024, 1, 3),
            country: Some("IR".into()),
            place: Some("Kerman".into()),
            lat: None,
            lon: None,
            perpetrators: vec![],
            killed: Some(CountRange::exact(killed)),
            wounded: None,
            suicide: None,
            attackers: None,
            attackers_killed: None,
            weapon: None,
            target: None,
            sources: vec!["a".into()],
            independent_sources: 1,
            claims: vec![],
            conflicts: vec![],
            related: vec![],
            mentioned_in: vec![],
        }
    }

    #[test]
    fn a_read_only_store_is_read_as_it_is_and_a_write_is_refused_with_a_clear_message() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("annalist ro #1%?{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ledger.db");
        Store::open(&path).unwrap().replace_incidents(&[incident("inc_1", 3)]).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        mode(&path, 0o444);
        mode(&dir, 0o555);
        // as root permissions do not bind: then only the reading path is checked
        let privileged = std::fs::write(dir.join("probe"), b"").is_ok();
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.incidents().unwrap().len(), 1);
        let refused = store.log("skipped", "x", "y").unwrap_err().to_string();
        assert!(refused.contains("the store is read-only here"), "{refused}");
        drop(store);
        // the immutable way in (a read-only folder that holds no -shm) reads the same
        let uri = format!("{}?mode=ro&immutable=1", file_uri(&path));
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&uri, flags).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "{uri}");
        drop(conn);
        if !privileged {
            let e = Store::open(&path).err().expect("a write open is refused").to_string();
            assert!(e.contains("is read-only") && e.contains("reading commands"), "{e}");
        }
        mode(&dir, 0o755);
        mode(&path, 0o644);
        assert_eq!(std::fs::read(&path).unwrap(), before, "reading wrote nothing");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_saved_article_comes_back_whole_and_is_then_unchanged() {
        let mut store = Store::in_memory().unwrap();
        let a = article("a", "A bomb exploded.");
        assert_eq!(store.document_state("a", &a.content_hash).unwrap(), DocumentState::New);
        let rec = ArticleRecord {
            article: a.clone(),
            origin: "a.txt".into(),
            duplicate_of: None,
            sketch: vec![1, 2, 3],
            relevance: Some(Relevance { reported: true, score: 0.75 }),
            frames: vec![frame("a")],
        };
        store.save_batch(std::slice::from_ref(&rec)).unwrap();
        assert_eq!(store.document_state("a", &a.content_hash).unwrap(), DocumentState::Unchanged);
        assert_eq!(store.document_state("a", "other").unwrap(), DocumentState::Changed);
        assert_eq!(store.article("a").unwrap().unwrap(), a);
        assert_eq!(store.text("a").unwrap().as_deref(), Some(a.text.as_str()));
        assert_eq!(store.text("nobody").unwrap(), None);
        assert_eq!(store.frames().unwrap().len(), 1);
        assert_eq!(store.sketches().unwrap()[0].sketch, vec![1, 2, 3]);
        assert_eq!(store.documents().unwrap()[0].relevance, Some(Relevance { reported: true, score: 0.75 }));
        assert_eq!(store.document("a").unwrap().unwrap().relevance, rec.relevance);
        // saving again replaces, never duplicates
        store.save_batch(&[rec]).unwrap();
        assert_eq!(store.document_count().unwrap(), 1);
        assert_eq!(store.frames().unwrap().len(), 1);
        assert_eq!(store.duplicate_count().unwrap(), 0);
        store.set_duplicate_of("a", Some("b")).unwrap();
        assert_eq!(store.duplicate_count().unwrap(), 1);
    }

    #[test]
    fn replacing_the_ledger_counts_new_updated_unchanged_and_removed() {
        let mut store = Store::in_memory().unwrap();
        let first = store.replace_incidents(&[incident("i1", 5), incident("i2", 7)]).unwrap();
        assert_eq!(first, LedgerChanges { new: 2, ..Default::default() });
        let second = store.replace_incidents(&[incident("i1", 5), incident("i3", 1)]).unwrap();
        assert_eq!(second, LedgerChanges { new: 1, unchanged: 1, removed: 1, updated: 0 });
        let third = store.replace_incidents(&[incident("i1", 6), incident("i3", 1)]).unwrap();
        assert_eq!(third.updated, 1);
        assert_eq!(store.incident("i1").unwrap().unwrap().killed, Some(CountRange::exact(6)));
    }

    #[test]
    fn an_incident_is_found_by_a_unique_id_prefix_only() {
        let mut store = Store::in_memory().unwrap();
        store.replace_incidents(&[incident("abc1", 1), incident("abc2", 1)]).unwrap();
        assert!(store.incident("abc").unwrap().is_none(), "ambiguous prefix");
        assert_eq!(store.incident("abc2").unwrap().unwrap().id, "abc2");
        assert!(store.incident("%").unwrap().is_none(), "wildcards are literal");
    }

    #[test]
    fn a_stored_sketch_gives_the_text_length_in_bytes_as_the_article_does() {
        // found by the crash-safety test: with `length(text)` (characters) a restarted ingest
        // weighed stored copies against new ones by another measure and chose other originals
        let text = "KERMAN, 3 January 2024 — Two bombs exploded. “Quoted” words: café.";
        let mut store = Store::in_memory().unwrap();
        store
            .save_batch(&[ArticleRecord {
                article: article("a", text),
                origin: "a.txt".into(),
                duplicate_of: None,
                sketch: vec![1, 2, 3],
                relevance: None,
                frames: vec![],
            }])
            .unwrap();
        let stored = store.sketches().unwrap();
        assert_eq!(stored[0].text_len, text.len());
        assert!(text.len() > text.chars().count());
    }

    #[test]
    fn a_store_made_before_the_document_decision_gets_its_columns_and_reads_its_documents_as_undecided() {
        let dir = std::env::temp_dir().join(format!("annalist-store-relevance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        let _ = std::fs::remove_file(&path);
        {
            // the documents table as annalist wrote it before the decision
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&SCHEMA.replace(",\n    reported INTEGER,\n    relevance REAL", "")).unwrap();
            assert!(!has_relevance(&conn).unwrap());
            conn.execute(
                "INSERT INTO documents (id, content_hash, origin, text, paragraphs, sentences, sketch)
                 VALUES ('old', 'h', 'old.txt', 'A bomb exploded.', '[]', '[]', x'')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert!(has_relevance(&store.conn).unwrap());
        let docs = store.documents().unwrap();
        assert_eq!((docs[0].id.as_str(), docs[0].relevance), ("old", None));
        drop(store);
        assert_eq!(Store::open_read_only(&path).unwrap().document("old").unwrap().unwrap().relevance, None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_new_store_passes_the_integrity_check() {
        let mut store = Store::in_memory().unwrap();
        store
            .save_batch(&[ArticleRecord {
                article: article("a", "A bomb exploded."),
                origin: "a.txt".into(),
                duplicate_of: None,
                sketch: vec![],
                relevance: None,
                frames: vec![frame("a")],
            }])
            .unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("annalist-store-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("junk.db");
        std::fs::write(&path, b"this is not sqlite at all, just some text long enough to be a header").unwrap();
        let err = Store::open(&path).err().expect("junk must not open").to_string();
        assert!(err.contains("junk.db"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
