//! Query-string parsing with limits: every request parameter is checked here, and a bad one is a
//! 4xx [`ApiError`] naming the parameter, never a panic or a silently ignored value.

use annalist_model::EventType;
use annalist_store::{IncidentQuery, IncidentSort};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde_json::json;

/// The most rows one page may ask for.
pub const MAX_LIMIT: usize = 200;
/// The longest query string accepted (bytes, encoded); longer is 414.
pub const MAX_QUERY_STRING: usize = 4096;
/// The longest free-text value (`q`, `actor`), in characters.
pub const MAX_TEXT: usize = 200;
/// The furthest offset a page may start at.
pub const MAX_OFFSET: usize = 1_000_000;
const DEFAULT_LIMIT: usize = 50;
/// The largest request body accepted (`POST /api/ingest`), in bytes; larger is 413.
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// The environment variable that sets the longest query string ([`MAX_QUERY_STRING`] if unset).
pub const ENV_MAX_QUERY: &str = "ANNALIST_MAX_QUERY_BYTES";
/// The environment variable that sets the largest request body ([`MAX_BODY`] if unset).
pub const ENV_MAX_BODY: &str = "ANNALIST_MAX_BODY_BYTES";

/// The request limits of a server: built in, or set by the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_query_string: usize,
    pub max_body: usize,
}

impl Limits {
    pub const BUILT_IN: Limits = Limits { max_query_string: MAX_QUERY_STRING, max_body: MAX_BODY };

    /// The built-in limits, each replaced by its variable (a positive number of bytes) when set;
    /// a malformed value is an error that names it.
    pub fn from_env() -> Result<Limits, String> {
        let read = |name: &str, default: usize| -> Result<usize, String> {
            match std::env::var(name) {
                Err(_) => Ok(default),
                Ok(v) => match v.trim().parse::<usize>() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => Err(format!("{name}={v:?} is not a positive number of bytes")),
                },
            }
        };
        Ok(Limits { max_query_string: read(ENV_MAX_QUERY, MAX_QUERY_STRING)?, max_body: read(ENV_MAX_BODY, MAX_BODY)? })
    }
}

/// The limits in force in this process (read from the environment once).
pub fn limits() -> Limits {
    static LIMITS: std::sync::OnceLock<Limits> = std::sync::OnceLock::new();
    *LIMITS.get_or_init(|| Limits::from_env().unwrap_or(Limits::BUILT_IN))
}

/// An error answered as `{"error": {"status", "code", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }
    pub fn internal(e: anyhow::Error) -> ApiError {
        eprintln!("annalist: error: {e:#}");
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: "the store could not answer".into() }
    }
    pub fn code(&self) -> &'static str {
        match self.status.as_u16() {
            400 => "bad_request",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            405 => "method_not_allowed",
            413 => "payload_too_large",
            414 => "uri_too_long",
            421 => "misdirected_request",
            _ => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "code": self.code(), "message": self.message}});
        (self.status, axum::Json(body)).into_response()
    }
}

/// The decoded parameters of one request, each name at most once and from the allowed set.
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        Params::parse_with(raw, allowed, &[])
    }

    /// As [`Params::parse`], with the parameters of `more` allowed too (a page's own beside the
    /// ledger's filters).
    pub fn parse_with(raw: Option<&str>, allowed: &[&str], more: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        let max = limits().max_query_string;
        if raw.len() > max {
            return Err(ApiError {
                status: StatusCode::URI_TOO_LONG,
                message: format!("the query string is {} bytes; at most {max} are accepted", raw.len()),
            });
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&k.as_ref()) && !more.contains(&k.as_ref()) {
                let name: String = k.chars().take(40).collect();
                let known: Vec<&str> = allowed.iter().chain(more).copied().collect();
                return Err(ApiError::bad(format!("unknown parameter `{name}` (known: {})", known.join(", "))));
            }
            if out.iter().any(|(seen, _)| *seen == k) {
                return Err(ApiError::bad(format!("parameter `{k}` given more than once")));
            }
            out.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params(out))
    }

    /// The value of `name`, trimmed; an empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            Some(v) if v.chars().count() > MAX_TEXT => {
                Err(ApiError::bad(format!("`{name}` is longer than {MAX_TEXT} characters")))
            }
            Some(v) if v.chars().any(|c| c.is_control()) => {
                Err(ApiError::bad(format!("`{name}` holds control characters")))
            }
            v => Ok(v.map(str::to_string)),
        }
    }

    pub fn number(&self, name: &str, max: u64) -> Result<Option<u64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max => Ok(Some(n)),
                _ => Err(ApiError::bad(format!("`{name}` must be a whole number from 0 to {max}, not `{}`", short(v)))),
            },
        }
    }

    pub fn day(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ApiError::bad(format!("`{name}` must be a day as YYYY-MM-DD, not `{}`", short(v)))),
        }
    }

    /// Paging: `limit` (1..=MAX_LIMIT, default 50) and `offset`.
    pub fn paging(&self) -> Result<(usize, usize), ApiError> {
        let limit = match self.number("limit", u64::MAX)? {
            None => DEFAULT_LIMIT,
            Some(n) if (1..=MAX_LIMIT as u64).contains(&n) => n as usize,
            Some(n) => return Err(ApiError::bad(format!("`limit` must be from 1 to {MAX_LIMIT}, not {n}"))),
        };
        let offset = self.number("offset", MAX_OFFSET as u64)?.unwrap_or(0) as usize;
        Ok((limit, offset))
    }
}

fn short(v: &str) -> String {
    let s: String = v.chars().take(40).collect();
    if s.len() < v.len() {
        format!("{s}…")
    } else {
        s
    }
}

/// The parameters of the ledger (`/api/incidents`, `/`, `/timeline`, `/map`).
pub const LEDGER_PARAMS: &[&str] = &[
    "country",
    "type",
    "actor",
    "from",
    "to",
    "min_killed",
    "q",
    "reviewed",
    "rejected",
    "sort",
    "order",
    "limit",
    "offset",
];

/// The ledger filters of a request; `paged` false ignores nothing but takes no paging (all rows).
pub fn ledger_query(p: &Params, paged: bool) -> Result<IncidentQuery, ApiError> {
    let country = match p.get("country") {
        None => None,
        Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
        Some(c) => {
            return Err(ApiError::bad(format!(
                "`country` must be an ISO 3166-1 alpha-2 code such as IR, not `{}`",
                short(c)
            )))
        }
    };
    let event_type = match p.get("type") {
        None => None,
        Some(t) => match EventType::parse(t) {
            Some(t) => Some(t.as_str().to_string()),
            None => {
                let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                return Err(ApiError::bad(format!("`type` must be one of {}, not `{}`", known.join(", "), short(t))));
            }
        },
    };
    let date_from = p.day("from")?;
    let date_to = p.day("to")?;
    if let (Some(f), Some(t)) = (date_from, date_to) {
        if f > t {
            return Err(ApiError::bad(format!("`from` ({f}) is after `to` ({t})")));
        }
    }
    let sort = match p.get("sort") {
        None => IncidentSort::Date,
        Some(s) => IncidentSort::parse(s).ok_or_else(|| {
            let known: Vec<&str> = IncidentSort::ALL.iter().map(|k| k.as_str()).collect();
            ApiError::bad(format!("`sort` must be one of {}, not `{}`", known.join(", "), short(s)))
        })?,
    };
    let descending = match p.get("order") {
        None => {
            matches!(sort, IncidentSort::Date | IncidentSort::Killed | IncidentSort::Wounded | IncidentSort::Sources)
        }
        Some("asc") => false,
        Some("desc") => true,
        Some(o) => return Err(ApiError::bad(format!("`order` must be asc or desc, not `{}`", short(o)))),
    };
    let reviewed = match p.get("reviewed") {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(r) => return Err(ApiError::bad(format!("`reviewed` must be yes or no, not `{}`", short(r)))),
    };
    let include_rejected = match p.get("rejected") {
        None => false,
        Some("include") => true,
        Some(r) => return Err(ApiError::bad(format!("`rejected` can only be include, not `{}`", short(r)))),
    };
    let (limit, offset) = if paged { p.paging()? } else { (100_000, 0) };
    Ok(IncidentQuery {
        country,
        event_type,
        actor: p.text("actor")?,
        date_from,
        date_to,
        min_killed: p.number("min_killed", 10_000_000)?,
        text: p.text("q")?,
        reviewed,
        include_rejected,
        sort,
        descending,
        limit,
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_bad_ones_say_why() {
        let p = Params::parse(Some("country=ir&type=bombing&min_killed=5&from=2024-01-01&limit=10"), LEDGER_PARAMS)
            .unwrap();
        let q = ledger_query(&p, true).unwrap();
        assert_eq!(q.country.as_deref(), Some("IR"));
        assert_eq!((q.limit, q.min_killed), (10, Some(5)));
        for bad in [
            "country=Iran",
            "type=bomb",
            "from=2024-13-01",
            "min_killed=-1",
            "limit=0",
            "limit=201",
            "sort=x",
            "order=up",
            "from=2024-02-01&to=2024-01-01",
            "nope=1",
            "q=a&q=b",
            "reviewed=maybe",
            "rejected=1",
        ] {
            let err = Params::parse(Some(bad), LEDGER_PARAMS).and_then(|p| ledger_query(&p, true)).err();
            assert_eq!(err.map(|e| e.status), Some(StatusCode::BAD_REQUEST), "{bad}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_STRING));
        assert_eq!(Params::parse(Some(&long), LEDGER_PARAMS).err().unwrap().status, StatusCode::URI_TOO_LONG);
    }
}
