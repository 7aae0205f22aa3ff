//! The analyst's workbench: `annalist serve`. A JSON API over the store (ledger with filters,
//! incidents with their claims and evidence, documents, actors, full-text search, an OpenAPI
//! document) and server-rendered pages (ledger, incident, timeline, map, actor, document,
//! search), all assets embedded in the binary.
//!
//! It reads through `annalist-store` only (a small pool of SQLite connections, each query on a
//! blocking thread) and holds no pipeline logic: the optional `POST /api/ingest` calls back into
//! whatever [`Ingest`] hook the binary hands it. Every piece of article text is escaped before it
//! reaches a page (`html::esc`); pages carry a Content-Security-Policy that allows no script.

mod api;
mod download;
mod html;
mod pages;
mod params;
mod svg;
mod writes;

use annalist_store::Store;
use anyhow::{bail, Context};
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use params::{Limits, ENV_MAX_BODY, ENV_MAX_QUERY, MAX_BODY, MAX_LIMIT, MAX_QUERY_STRING, MAX_TEXT};

/// The API's query-string check as the ledger routes run it (`/api/incidents`, `/`, `/timeline`,
/// `/map`): the parsed filters, or the status and message a request would get. For the fuzz
/// targets and tests; the server itself goes through the routes.
#[doc(hidden)]
pub fn parse_ledger_query(raw: &str, paged: bool) -> Result<annalist_store::IncidentQuery, (u16, String)> {
    params::Params::parse(Some(raw), params::LEDGER_PARAMS)
        .and_then(|p| params::ledger_query(&p, paged))
        .map_err(|e| (e.status.as_u16(), e.message))
}

/// The search routes' query-string check (`/api/search`, `/search`): words, limit, offset.
#[doc(hidden)]
pub fn parse_search_query(raw: &str) -> Result<(Option<String>, usize, usize), (u16, String)> {
    params::Params::parse(Some(raw), &["q", "limit", "offset"])
        .and_then(|p| {
            let q = p.text("q")?;
            let (limit, offset) = p.paging()?;
            Ok((q, limit, offset))
        })
        .map_err(|e| (e.status.as_u16(), e.message))
}

/// What `POST /api/ingest` runs, given the store's path and the request body (articles as JSON
/// Lines); answers the run's summary line. Called on a blocking thread, one call at a time.
pub type IngestFn = dyn Fn(&Path, &[u8]) -> anyhow::Result<String> + Send + Sync;

/// Write access: only when the server was started with `--allow-ingest` and a token.
#[derive(Clone)]
pub struct Ingest {
    /// The bearer token a request must present (`Authorization: Bearer TOKEN`).
    pub token: String,
    pub run: Arc<IngestFn>,
}

/// What a download of the ledger runs (`GET /export`): the rows the query selects, all of
/// them in its order, written to the stream in the named format (`csv`, `gtd-csv`,
/// `acled-csv`, `jsonl`, `geojson`). Called on a blocking thread.
pub type ExportFn =
    dyn Fn(&Store, &annalist_store::IncidentQuery, &str, &mut dyn std::io::Write) -> anyhow::Result<()> + Send + Sync;

/// What a review from the workbench runs, given the store's path and the form as a request;
/// answers what it did and the incident to show next. Called on a blocking thread.
pub type ReviewFn = dyn Fn(&Path, annalist_review::Request) -> anyhow::Result<annalist_review::Outcome> + Send + Sync;

/// Reviews from the workbench: only with `--allow-review` and a token to sign in with.
#[derive(Clone)]
pub struct Review {
    pub token: String,
    pub run: Arc<ReviewFn>,
}

/// How to serve.
pub struct ServeOptions {
    pub db: PathBuf,
    pub addr: SocketAddr,
    pub ingest: Option<Ingest>,
    /// The ledger's downloads; without it `/export` says downloads are not available.
    pub export: Option<Arc<ExportFn>>,
    /// Reviews from the workbench's forms; without it the workbench is read-only.
    pub review: Option<Review>,
}

struct Inner {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    /// A connection kept only to ask whether the database changed (`data_version`).
    watch: Mutex<Store>,
    /// Encoded `/api/incidents` answers by query string, valid while `data_version` holds.
    cache: Option<Mutex<ResponseCache>>,
    ingest: Option<Ingest>,
    export: Option<Arc<ExportFn>>,
    review: Option<Review>,
    /// Signed-in reviewers: session id → author.
    sessions: Mutex<std::collections::HashMap<String, String>>,
    /// What CSRF tokens are made from, new each start.
    secret: String,
    /// Held while an ingest runs: one at a time.
    ingest_lock: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct ResponseCache {
    version: i64,
    entries: std::collections::HashMap<String, axum::body::Bytes>,
}

const CACHE_ENTRIES: usize = 512;

/// The server's shared state: where the store is, a pool of open connections, the ingest hook.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Opens the store at `db` (which must exist) and checks it can be read.
    pub fn open(db: &Path, ingest: Option<Ingest>) -> anyhow::Result<AppState> {
        AppState::open_with(db, ingest, true)
    }

    /// As [`AppState::open`]; `cache` false answers every ledger request from the store (for
    /// measuring the query path).
    pub fn open_with(db: &Path, ingest: Option<Ingest>, cache: bool) -> anyhow::Result<AppState> {
        if !db.exists() {
            bail!("no database at {} (run `annalist ingest --db {} INPUT...` first)", db.display(), db.display());
        }
        let store = Store::open_read_only(db)?;
        store.document_count()?;
        let watch = Store::open_read_only(db)?;
        Ok(AppState(Arc::new(Inner {
            db: db.to_path_buf(),
            pool: Mutex::new(vec![store]),
            watch: Mutex::new(watch),
            cache: cache.then(|| Mutex::new(ResponseCache::default())),
            ingest,
            export: None,
            review: None,
            sessions: Mutex::new(std::collections::HashMap::new()),
            secret: writes::random_token(),
            ingest_lock: tokio::sync::Mutex::new(()),
        })))
    }

    /// The state with reviews from the workbench accepted through `review`.
    pub fn with_review(mut self, review: Review) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.review = Some(review);
        }
        self
    }

    /// The state with the ledger's downloads (`GET /export`) served by `export`.
    pub fn with_export(mut self, export: Arc<ExportFn>) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.export = Some(export);
        }
        self
    }

    fn take(&self) -> anyhow::Result<Store> {
        let pooled = self.0.pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match pooled {
            Some(s) => Ok(s),
            None => Ok(Store::open_read_only(&self.0.db)?),
        }
    }

    fn give(&self, store: Store) {
        let mut pool = self.0.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 16 {
            pool.push(store);
        }
    }

    /// A cached answer for `key`, if the database has not changed since it was made.
    fn cached(&self, key: &str) -> Option<axum::body::Bytes> {
        let cache = self.0.cache.as_ref()?;
        let version = self.0.watch.lock().unwrap_or_else(|e| e.into_inner()).data_version().ok()?;
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        if c.version != version {
            c.entries.clear();
            c.version = version;
            return None;
        }
        c.entries.get(key).cloned()
    }

    /// Keeps `body` as the answer for `key` (made while the database was at `version`).
    fn remember(&self, key: String, version: i64, body: axum::body::Bytes) {
        let Some(cache) = self.0.cache.as_ref() else { return };
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        if c.version != version {
            return;
        }
        if c.entries.len() >= CACHE_ENTRIES {
            c.entries.clear();
        }
        c.entries.insert(key, body);
    }

    /// The database's change counter as the watch connection sees it.
    fn version(&self) -> Option<i64> {
        self.0.cache.as_ref()?;
        self.0.watch.lock().unwrap_or_else(|e| e.into_inner()).data_version().ok()
    }

    /// Runs `f` with a pooled store on this thread: for short, bounded queries only.
    fn with_store_now<T>(&self, f: impl FnOnce(&Store) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let store = self.take()?;
        let out = f(&store);
        self.give(store);
        out
    }

    /// Runs `f` with a pooled store on a blocking thread.
    async fn with_store<T, F>(&self, f: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> anyhow::Result<T> + Send + 'static,
    {
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = this.take()?;
            let out = f(&store);
            this.give(store);
            out
        })
        .await
        .context("a query thread failed")?
    }
}

/// Every route: the API under `/api`, pages elsewhere, embedded assets under `/assets`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/incidents", get(api::incidents))
        .route("/api/incidents/{id}", get(api::incident))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/actors/{id}", get(api::actor))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/ingest", post(api::ingest))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found).post(api::not_found))
        .route("/", get(pages::ledger))
        .route("/incidents/{id}", get(pages::incident))
        .route("/documents/{id}", get(pages::document))
        .route("/actors/{id}", get(pages::actor))
        .route("/timeline", get(pages::timeline))
        .route("/map", get(pages::map))
        .route("/search", get(pages::search))
        .route("/export", get(download::export))
        .route("/reviews", get(pages::reviews))
        .route("/review/login", get(writes::login_form).post(writes::login))
        .route("/incidents/{id}/review", post(writes::review))
        .route("/assets/style.css", get(pages::style))
        .route("/favicon.ico", get(pages::favicon))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(params::limits().max_body))
        .with_state(state)
}

/// Serves on `listener` until Ctrl-C.
pub async fn run(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let mut app = router(state);
    let addr = listener.local_addr()?;
    if addr.ip().is_loopback() {
        // DNS rebinding: a page elsewhere must not reach this server under a name of its own
        let port = addr.port();
        let allowed: Arc<Vec<String>> = Arc::new(
            ["127.0.0.1", "localhost", "[::1]"].iter().flat_map(|h| [h.to_string(), format!("{h}:{port}")]).collect(),
        );
        app = app.layer(axum::middleware::from_fn(move |req: axum::extract::Request, next: axum::middleware::Next| {
            let allowed = allowed.clone();
            async move {
                let host = req.headers().get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
                if allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) {
                    next.run(req).await
                } else {
                    axum::response::IntoResponse::into_response(params::ApiError {
                        status: axum::http::StatusCode::MISDIRECTED_REQUEST,
                        message: "this server answers only to its loopback address".into(),
                    })
                }
            }
        }));
    }
    serve_connections(listener, app, ConnectionLimits::default()).await
}

/// How long a client may take and how many connections it may hold (`annalist serve`).
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's headers must arrive within this; a kept-alive connection waiting this long
    /// for its next request is closed too (the idle timeout).
    pub header_read: std::time::Duration,
    /// Connections one client address may hold at once; past it a new one is closed unread.
    pub per_client: usize,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits { header_read: std::time::Duration::from_secs(10), per_client: 64 }
    }
}

/// One client's open connections, counted down when a connection ends.
struct ClientSlot {
    counts: Arc<Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
    ip: std::net::IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

/// The accept loop: HTTP/1.1 connections with a header-read (and idle) timeout and a cap on
/// each client's concurrent connections, until Ctrl-C.
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: ConnectionLimits,
) -> std::io::Result<()> {
    let counts: Arc<Mutex<std::collections::HashMap<std::net::IpAddr, usize>>> = Arc::default();
    let service = hyper_util::service::TowerToHyperService::new(app);
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // out of file descriptors and the like: wait a moment rather than spin
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let slot = {
            let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
            let n = c.entry(peer.ip()).or_insert(0);
            if *n >= limits.per_client {
                None
            } else {
                *n += 1;
                Some(ClientSlot { counts: counts.clone(), ip: peer.ip() })
            }
        };
        let Some(slot) = slot else { continue }; // dropped: closed unread
        let _ = stream.set_nodelay(true);
        let service = service.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(limits.header_read)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// `annalist serve`: opens the store, binds `addr` (loopback unless told otherwise) and serves
/// until Ctrl-C.
pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    // a malformed limit in the environment is an error now, not a silent default later
    Limits::from_env().map_err(anyhow::Error::msg)?;
    let mut state = AppState::open(&opts.db, opts.ingest.clone())?;
    if let Some(export) = opts.export.clone() {
        state = state.with_export(export);
    }
    if let Some(review) = opts.review.clone() {
        state = state.with_review(review);
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .with_context(|| format!("cannot listen on {}", opts.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!("annalist: warning: serving on {addr}, which is not a loopback address: anyone who can reach it can read the ledger");
        }
        if opts.review.is_some() {
            eprintln!("annalist: reviews from the workbench are enabled (sign in at /review/login with the token)");
        }
        if opts.ingest.is_some() {
            eprintln!("annalist: POST /api/ingest is enabled (bearer token required)");
        }
        println!("annalist: serving {} on http://{addr}/ (Ctrl-C to stop)", opts.db.display());
        run(listener, state).await.context("the server failed")
    })
}
