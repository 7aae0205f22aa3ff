//! The JSON API. Every answer is JSON, errors included (`params::ApiError`).

use crate::params::{ledger_query, ApiError, Params, LEDGER_PARAMS};
use crate::AppState;
use annalist_knowledge::{ActorBase, ActorKind};
use annalist_model::{Claim, CountRange, EventFrame, Field, Incident};
use annalist_store::{IncidentRow, StoredDocument};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

pub const MAX_ID: usize = 512;

pub type ApiResult = Result<Json<Value>, ApiError>;

/// A path id, checked: decodable, not empty, not absurdly long.
pub fn path_id(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = p.map_err(|e| ApiError::bad(format!("bad path: {e}")))?;
    if id.is_empty() || id.len() > MAX_ID {
        return Err(ApiError::bad(format!("an id must be 1 to {MAX_ID} bytes")));
    }
    Ok(id)
}

pub fn count_json(c: &Option<CountRange>) -> Value {
    match c {
        Some(c) => json!({"low": c.low, "high": c.high, "text": c.to_string()}),
        None => Value::Null,
    }
}

/// The id an actor is reached by: its knowledge-base id, or its name where it has none.
/// Perpetrator names are canonical names, so a table of those answers most without a search.
pub fn actor_ref(name: &str) -> String {
    static BY_NAME: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let by_name = BY_NAME
        .get_or_init(|| ActorBase::builtin().actors().iter().map(|a| (a.name.as_str(), a.id.as_str())).collect());
    match by_name.get(name) {
        Some(id) => id.to_string(),
        None => ActorBase::builtin().lookup(name).map(|a| a.id.clone()).unwrap_or_else(|| name.to_string()),
    }
}

pub fn kind_str(k: ActorKind) -> &'static str {
    match k {
        ActorKind::ArmedGroup => "armed_group",
        ActorKind::State => "state",
        ActorKind::StateForce => "state_force",
        ActorKind::Organisation => "organisation",
    }
}

#[derive(Serialize)]
struct CountOut {
    low: u64,
    high: Option<u64>,
    text: String,
}

fn count_out(c: &Option<CountRange>) -> Option<CountOut> {
    c.map(|c| CountOut { low: c.low, high: c.high, text: c.to_string() })
}

#[derive(Serialize)]
struct PerpetratorOut<'a> {
    name: &'a str,
    status: &'static str,
    actor: String,
}

#[derive(Serialize)]
struct LinksOut {
    #[serde(rename = "self")]
    this: String,
    page: String,
}

/// A ledger row as the list answers it (the same shape as [`row_json`]).
#[derive(Serialize)]
struct RowOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    event_type: &'a str,
    date_start: Option<String>,
    date_end: Option<String>,
    country: Option<&'a str>,
    place: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    perpetrators: Vec<PerpetratorOut<'a>>,
    killed: Option<CountOut>,
    wounded: Option<CountOut>,
    sources: usize,
    independent_sources: usize,
    conflicts: &'a [String],
    links: LinksOut,
}

fn row_out(r: &IncidentRow) -> RowOut<'_> {
    let id = crate::html::enc(&r.id);
    RowOut {
        id: &r.id,
        event_type: &r.event_type,
        date_start: r.date_start.map(|d| d.to_string()),
        date_end: r.date_end.map(|d| d.to_string()),
        country: r.country.as_deref(),
        place: r.place.as_deref(),
        lat: r.lat,
        lon: r.lon,
        perpetrators: r
            .perpetrators
            .iter()
            .map(|p| PerpetratorOut { name: &p.name, status: p.status.as_str(), actor: actor_ref(&p.name) })
            .collect(),
        killed: count_out(&r.killed),
        wounded: count_out(&r.wounded),
        sources: r.sources,
        independent_sources: r.independent_sources,
        conflicts: &r.conflicts,
        links: LinksOut { this: format!("/api/incidents/{id}"), page: format!("/incidents/{id}") },
    }
}

#[derive(Serialize)]
struct PageOut<'a> {
    total: usize,
    limit: usize,
    offset: usize,
    sort: &'static str,
    order: &'static str,
    incidents: Vec<RowOut<'a>>,
}

pub fn row_json(r: &IncidentRow) -> Value {
    json!({
        "id": r.id,
        "type": r.event_type,
        "date_start": r.date_start.map(|d| d.to_string()),
        "date_end": r.date_end.map(|d| d.to_string()),
        "country": r.country,
        "place": r.place,
        "lat": r.lat,
        "lon": r.lon,
        "perpetrators": r.perpetrators.iter().map(|p| json!({"name": p.name, "status": p.status.as_str(), "actor": actor_ref(&p.name)})).collect::<Vec<_>>(),
        "killed": count_json(&r.killed),
        "wounded": count_json(&r.wounded),
        "sources": r.sources,
        "independent_sources": r.independent_sources,
        "conflicts": r.conflicts,
        "links": {"self": format!("/api/incidents/{}", crate::html::enc(&r.id)), "page": format!("/incidents/{}", crate::html::enc(&r.id))},
    })
}

fn claim_json(c: &Claim) -> Value {
    json!({
        "field": c.field.as_str(),
        "value": c.value,
        "document": c.document,
        "outlet": c.outlet,
        "published": c.published.map(|d| d.to_string()),
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
    })
}

/// An incident with its sources' facts and the incidents that share a source with it.
pub struct IncidentView {
    pub incident: Incident,
    pub sources: Vec<StoredDocument>,
    pub related: Vec<IncidentRow>,
    /// What review changed on the row, and the reviews applied to it.
    pub review: Option<annalist_review::ReviewState>,
    pub reviews: Vec<annalist_review::Review>,
}

pub async fn load_incident(state: &AppState, id: String) -> Result<IncidentView, ApiError> {
    let found = state
        .with_store(move |s| {
            let Some(incident) = s.incident_exact(&id)? else { return Ok(Err(id)) };
            let mut sources = Vec::new();
            for d in &incident.sources {
                if let Some(doc) = s.document(d)? {
                    sources.push(doc);
                }
            }
            // the series fusion found first, then the incidents sharing a source
            let mut ids: Vec<String> = incident.related.iter().map(|r| r.id.clone()).collect();
            for id in s.related_incidents(&incident.id)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            let related = s.incident_rows(&ids)?;
            let review = s.review_state(&incident.id)?;
            let applied = review.as_ref().map(|r| r.reviews.clone()).unwrap_or_default();
            let reviews = s.reviews()?.into_iter().filter(|r| applied.contains(&r.id)).collect();
            Ok(Ok(IncidentView { incident, sources, related, review, reviews }))
        })
        .await
        .map_err(ApiError::internal)?;
    found.map_err(|id| ApiError::not_found(format!("no incident with id `{}`", short_id(&id))))
}

pub fn short_id(id: &str) -> String {
    id.chars().take(80).collect()
}

/// The fields of an incident in display order with the reconciled value as text.
pub fn fields(inc: &Incident) -> Vec<(Field, String)> {
    let perps: Vec<String> = inc.perpetrators.iter().map(|p| format!("{} ({})", p.name, p.status.as_str())).collect();
    let date = match (inc.date_start, inc.date_end) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => a.to_string(),
        _ => String::new(),
    };
    vec![
        (Field::Type, inc.event_type.as_str().to_string()),
        (Field::Date, date),
        (Field::Country, inc.country.clone().unwrap_or_default()),
        (Field::Place, inc.place.clone().unwrap_or_default()),
        (Field::Perpetrator, perps.join("; ")),
        (Field::Killed, inc.killed.map(|k| k.to_string()).unwrap_or_default()),
        (Field::Wounded, inc.wounded.map(|k| k.to_string()).unwrap_or_default()),
        (Field::Suicide, inc.suicide.map(|s| s.to_string()).unwrap_or_default()),
        (Field::Attackers, inc.attackers.map(|s| s.to_string()).unwrap_or_default()),
        (Field::AttackersKilled, inc.attackers_killed.map(|k| k.to_string()).unwrap_or_default()),
    ]
}

fn source_json(d: &StoredDocument) -> Value {
    json!({
        "document": d.id,
        "outlet": d.outlet,
        "title": d.title,
        "url": d.url,
        "published": d.published.map(|p| p.to_string()),
        "duplicate_of": d.duplicate_of,
        "links": {"self": format!("/api/documents/{}", crate::html::enc(&d.id))},
    })
}

pub async fn incidents(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), LEDGER_PARAMS)?;
    let q = ledger_query(&p, true)?;
    let key = raw.unwrap_or_default();
    if let Some(body) = state.cached(&key) {
        return Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response());
    }
    // read before the query: a change committed meanwhile makes the entry stale, never wrong
    let version = state.version();
    let (limit, offset, sort, desc) = (q.limit, q.offset, q.sort, q.descending);
    let scans = q.text.is_some();
    let work = move |s: &annalist_store::Store| -> anyhow::Result<Vec<u8>> {
        let page = s.query_incidents(&q)?;
        let out = PageOut {
            total: page.total,
            limit,
            offset,
            sort: sort.as_str(),
            order: if desc { "desc" } else { "asc" },
            incidents: page.rows.iter().map(row_out).collect(),
        };
        Ok(serde_json::to_vec(&out)?)
    };
    // A page without free text is a few indexed reads (a bounded page, sorted by an index or
    // a top-N sort): answered on this thread, far cheaper than handing it to a blocking thread.
    // Free text may scan the ledger, so it goes to a blocking thread.
    let body =
        if scans { state.with_store(work).await } else { state.with_store_now(work) }.map_err(ApiError::internal)?;
    let body = axum::body::Bytes::from(body);
    if let Some(v) = version {
        state.remember(key, v, body.clone());
    }
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

pub async fn incident(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Params::parse(raw.as_deref(), &[])?;
    let view = load_incident(&state, path_id(id)?).await?;
    let inc = &view.incident;
    let fields: Vec<Value> = fields(inc)
        .into_iter()
        .map(|(f, value)| {
            let conflict = inc.conflicts.iter().find(|c| c.field == f);
            json!({
                "field": f.as_str(),
                "value": if value.is_empty() { Value::Null } else { Value::String(value) },
                "disputed": conflict.is_some(),
                "conflict": conflict.map(|c| c.note.clone()),
                "claims": inc.claims.iter().filter(|c| c.field == f).map(claim_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({
        "id": inc.id,
        "type": inc.event_type.as_str(),
        "date_start": inc.date_start.map(|d| d.to_string()),
        "date_end": inc.date_end.map(|d| d.to_string()),
        "country": inc.country,
        "place": inc.place,
        "lat": inc.lat,
        "lon": inc.lon,
        "perpetrators": inc.perpetrators.iter().map(|p| json!({"name": p.name, "status": p.status.as_str(), "actor": actor_ref(&p.name)})).collect::<Vec<_>>(),
        "killed": count_json(&inc.killed),
        "wounded": count_json(&inc.wounded),
        "suicide": inc.suicide,
        "attackers": inc.attackers,
        "attackers_killed": count_json(&inc.attackers_killed),
        "independent_sources": inc.independent_sources,
        "fields": fields,
        "conflicts": inc.conflicts.iter().map(|c| json!({"field": c.field.as_str(), "note": c.note})).collect::<Vec<_>>(),
        "claims": inc.claims.iter().map(claim_json).collect::<Vec<_>>(),
        "sources": view.sources.iter().map(source_json).collect::<Vec<_>>(),
        "related": view.related.iter().map(|r| {
            let mut v = row_json(r);
            v["relation"] = json!(inc.related.iter().find(|x| x.id == r.id).map_or("shares a source", |x| x.relation.as_str()));
            v
        }).collect::<Vec<_>>(),
    })))
}

/// A document with every claim any incident reads from it.
pub struct DocumentView {
    pub document: StoredDocument,
    /// (incident id, claim), by position in the text.
    pub evidence: Vec<(String, Claim)>,
    /// The events the article tells of only in passing (background to its news), in text order.
    pub passing: Vec<EventFrame>,
}

pub async fn load_document(state: &AppState, id: String) -> Result<DocumentView, ApiError> {
    let found = state
        .with_store(move |s| {
            let Some(document) = s.document(&id)? else { return Ok(Err(id)) };
            let mut evidence = Vec::new();
            for inc in s.incidents_citing(&document.id)? {
                for c in inc.claims.iter().filter(|c| c.document == document.id) {
                    evidence.push((inc.id.clone(), c.clone()));
                }
            }
            evidence.sort_by(|a, b| (a.1.start, a.1.end, &a.0).cmp(&(b.1.start, b.1.end, &b.0)));
            let passing = s.document_frames(&document.id)?.into_iter().filter(|f| !f.telling.is_reported()).collect();
            Ok(Ok(DocumentView { document, evidence, passing }))
        })
        .await
        .map_err(ApiError::internal)?;
    found.map_err(|id| ApiError::not_found(format!("no document with id `{}`", short_id(&id))))
}

pub async fn document(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Params::parse(raw.as_deref(), &[])?;
    let view = load_document(&state, path_id(id)?).await?;
    let d = &view.document;
    Ok(Json(json!({
        "id": d.id,
        "title": d.title,
        "outlet": d.outlet,
        "url": d.url,
        "published": d.published.map(|p| p.to_string()),
        "duplicate_of": d.duplicate_of,
        "text": d.text,
        "evidence": view.evidence.iter().map(|(inc, c)| json!({
            "incident": inc, "field": c.field.as_str(), "value": c.value, "start": c.start, "end": c.end, "quote": c.quote,
        })).collect::<Vec<_>>(),
        "told_in_passing": view.passing,
    })))
}

/// An actor: from the knowledge base when it is there, with the incidents naming it.
pub struct ActorView {
    pub id: String,
    pub name: String,
    pub known: Option<annalist_knowledge::Actor>,
    pub incidents: Vec<Incident>,
}

impl ActorView {
    /// Each perpetrator claim naming this actor, with its incident.
    pub fn claims(&self) -> Vec<(&str, &Claim)> {
        let prefix = format!("{} (", self.name);
        self.incidents
            .iter()
            .flat_map(|inc| {
                inc.claims
                    .iter()
                    .filter(|c| c.field == Field::Perpetrator && (c.value.starts_with(&prefix) || c.value == self.name))
                    .map(move |c| (inc.id.as_str(), c))
            })
            .collect()
    }
}

pub async fn load_actor(state: &AppState, id: String) -> Result<ActorView, ApiError> {
    let base = ActorBase::builtin();
    let known = base.actor(&id).or_else(|| base.lookup(&id)).cloned();
    let name = known.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| id.clone());
    let lookup = name.clone();
    let incidents = state.with_store(move |s| Ok(s.incidents_by_actor(&lookup)?)).await.map_err(ApiError::internal)?;
    if known.is_none() && incidents.is_empty() {
        return Err(ApiError::not_found(format!("no actor `{}` in the knowledge base or the ledger", short_id(&id))));
    }
    let id = known.as_ref().map(|a| a.id.clone()).unwrap_or(id);
    Ok(ActorView { id, name, known, incidents })
}

pub async fn actor(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Params::parse(raw.as_deref(), &[])?;
    let view = load_actor(&state, path_id(id)?).await?;
    let k = view.known.as_ref();
    let rows: Vec<Value> = view
        .incidents
        .iter()
        .map(|i| {
            let status = i.perpetrators.iter().find(|p| p.name == view.name).map(|p| p.status.as_str());
            json!({"id": i.id, "type": i.event_type.as_str(), "date_start": i.date_start.map(|d| d.to_string()),
                   "country": i.country, "place": i.place, "killed": count_json(&i.killed), "status": status})
        })
        .collect();
    Ok(Json(json!({
        "id": view.id,
        "name": view.name,
        "in_knowledge_base": k.is_some(),
        "kind": k.map(|a| kind_str(a.kind)),
        "aliases": k.map(|a| a.aliases.clone()).unwrap_or_default(),
        "parent": k.and_then(|a| a.parent.clone()),
        "country": k.and_then(|a| a.country.clone()),
        "incidents": rows,
        "claims": view.claims().into_iter().map(|(inc, c)| {
            let mut v = claim_json(c);
            v["incident"] = json!(inc);
            v
        }).collect::<Vec<_>>(),
    })))
}

/// Snippet text with FTS match marks (`\u{2}` … `\u{3}`) as segments.
pub fn snippet_segments(s: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut matched = false;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '\u{2}' | '\u{3}' => {
                if !cur.is_empty() {
                    out.push((matched, std::mem::take(&mut cur)));
                }
                matched = c == '\u{2}';
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push((matched, cur));
    }
    out
}

pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw.as_deref(), &["q", "limit", "offset"])?;
    let Some(q) = p.text("q")? else {
        return Err(ApiError::bad("`q` is required: the words to search the articles for"));
    };
    let (limit, offset) = p.paging()?;
    let words = q.clone();
    let (total, hits) =
        state.with_store(move |s| Ok(s.search_documents(&words, limit, offset)?)).await.map_err(ApiError::internal)?;
    Ok(Json(json!({
        "q": q,
        "total": total,
        "limit": limit,
        "offset": offset,
        "hits": hits.iter().map(|h| json!({
            "id": h.id,
            "title": h.title,
            "outlet": h.outlet,
            "published": h.published.map(|d| d.to_string()),
            "duplicate_of": h.duplicate_of,
            "snippet": snippet_segments(&h.snippet).into_iter().map(|(m, t)| json!({"text": t, "match": m})).collect::<Vec<_>>(),
            "links": {"self": format!("/api/documents/{}", crate::html::enc(&h.id))},
        })).collect::<Vec<_>>(),
    })))
}

const OPENAPI: &str = include_str!("../assets/openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such API endpoint; see /api/openapi.json")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError { status: StatusCode::METHOD_NOT_ALLOWED, message: "method not allowed here".into() }
}

/// Whether two byte strings are equal, in time that depends on their lengths only.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn ingest(State(state): State<AppState>, headers: HeaderMap, body: axum::body::Body) -> ApiResult {
    let Some(ingest) = state.0.ingest.clone() else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "ingest is disabled; start the server with --allow-ingest and a token".into(),
        });
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|t| same(t.as_bytes(), ingest.token.as_bytes())) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "a valid `Authorization: Bearer TOKEN` is required".into(),
        });
    }
    // read only now that the token is good, and never past the limit
    let max = crate::params::limits().max_body;
    let too_large = || ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "the body is over the limit of {max} bytes; send fewer articles per request (or raise {})",
            crate::params::ENV_MAX_BODY
        ),
    };
    if headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > max as u64)
    {
        return Err(too_large());
    }
    let body = axum::body::to_bytes(body, max).await.map_err(|e| {
        if std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            too_large()
        } else {
            ApiError::bad(format!("the body could not be read: {e}"))
        }
    })?;
    if body.is_empty() {
        return Err(ApiError::bad("the body is empty: send articles as JSON Lines"));
    }
    let _one_at_a_time = state.0.ingest_lock.lock().await;
    let db = state.0.db.clone();
    let run = ingest.run.clone();
    let summary = tokio::task::spawn_blocking(move || run(&db, &body))
        .await
        .map_err(|e| ApiError::internal(e.into()))?
        .map_err(|e| ApiError::bad(format!("ingest failed: {e:#}")))?;
    Ok(Json(json!({"summary": summary})))
}

/// Claims grouped by field, in field order.
pub fn claims_by_field(inc: &Incident) -> BTreeMap<Field, Vec<&Claim>> {
    let mut out: BTreeMap<Field, Vec<&Claim>> = BTreeMap::new();
    for c in &inc.claims {
        out.entry(c.field).or_default().push(c);
    }
    out
}
