//! Reviews from the workbench (`serve --allow-review --token TOKEN`): a sign-in with the token
//! and a name gives a session cookie (HttpOnly, SameSite=Strict); every review form carries a
//! CSRF token tied to that session and the server's secret, checked before the review is
//! recorded through the [`crate::Review`] hook. Without `--allow-review` these routes refuse
//! and the workbench stays read-only.

use crate::api::same;
use crate::html::{enc, esc, page, Nav};
use crate::params::ApiError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

const COOKIE: &str = "annalist_review";

/// A value no one can guess: the hash of process randomness, the time and a counter.
pub(crate) fn random_token() -> String {
    use std::hash::BuildHasher;
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let a = std::collections::hash_map::RandomState::new().hash_one((n, now));
    let b = std::collections::hash_map::RandomState::new().hash_one((now, n, a));
    annalist_model::content_hash(format!("{a:x}{b:x}{now}{n}").as_bytes())
}

fn forbidden(message: &str) -> ApiError {
    ApiError { status: StatusCode::FORBIDDEN, message: message.into() }
}

/// The signed-in reviewer of a request: (session, author), if its cookie names a session.
pub(crate) fn session(state: &AppState, headers: &HeaderMap) -> Option<(String, String)> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    let sid = cookies.split(';').filter_map(|c| c.trim().split_once('=')).find(|(k, _)| *k == COOKIE)?.1;
    let sessions = state.0.sessions.lock().unwrap_or_else(|e| e.into_inner());
    sessions.get(sid).map(|author| (sid.to_string(), author.clone()))
}

/// The CSRF token of a session's forms.
pub(crate) fn csrf(state: &AppState, session: &str) -> String {
    annalist_model::content_hash(format!("csrf:{}:{session}", state.0.secret).as_bytes())
}

fn form(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
}

fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let mut r = (status, page(title, Nav::Reviews, body)).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(crate::pages::CSP));
    r
}

fn error_page(e: ApiError) -> Response {
    let body = format!(
        "<h1>Review refused</h1><p class=\"error\" id=\"error\">{}</p><p><a href=\"/\">Back to the ledger</a></p>",
        esc(&e.message)
    );
    html(e.status, "Review refused", &body)
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// `GET /review/login`: the sign-in form.
pub async fn login_form(State(state): State<AppState>) -> Response {
    if state.0.review.is_none() {
        return error_page(forbidden("reviews are disabled; start the server with --allow-review and a token"));
    }
    let body = "<h1>Sign in to review</h1><form method=\"post\" action=\"/review/login\" class=\"login\">\
        <label>Your name <input name=\"author\" id=\"author\" required maxlength=\"80\"></label> \
        <label>Token <input type=\"password\" name=\"token\" id=\"token\" required></label> \
        <button type=\"submit\" id=\"sign-in\">Sign in</button></form>";
    html(StatusCode::OK, "Sign in", body)
}

/// `POST /review/login`: a session for the name given with the right token.
pub async fn login(State(state): State<AppState>, body: Bytes) -> Response {
    let Some(review) = state.0.review.clone() else {
        return error_page(forbidden("reviews are disabled; start the server with --allow-review and a token"));
    };
    let form = form(&body);
    let token = field(&form, "token").unwrap_or("");
    if !same(token.as_bytes(), review.token.as_bytes()) {
        return error_page(ApiError { status: StatusCode::UNAUTHORIZED, message: "wrong token".into() });
    }
    let author: String = field(&form, "author").unwrap_or("unknown").trim().chars().take(80).collect();
    let sid = random_token();
    state.0.sessions.lock().unwrap_or_else(|e| e.into_inner()).insert(sid.clone(), author);
    let mut r = see_other("/");
    let cookie = format!("{COOKIE}={sid}; HttpOnly; SameSite=Strict; Path=/");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// `POST /incidents/{id}/review`: one review from the incident page's forms.
pub async fn review(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match record(state, id, headers, body).await {
        Ok(r) => r,
        Err(e) => error_page(e),
    }
}

async fn record(
    state: AppState,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(review) = state.0.review.clone() else {
        return Err(forbidden("reviews are disabled; start the server with --allow-review and a token"));
    };
    let id = crate::api::path_id(id)?;
    let Some((sid, author)) = session(&state, &headers) else {
        return Err(forbidden("sign in first (/review/login)"));
    };
    let form = form(&body);
    if !same(field(&form, "csrf").unwrap_or("").as_bytes(), csrf(&state, &sid).as_bytes()) {
        return Err(forbidden("the form's CSRF token does not match this session; reload the page"));
    }
    let text = |name: &str| field(&form, name).map(String::from);
    let request = annalist_review::Request {
        incident: id,
        action: text("action").unwrap_or_default(),
        field: text("field"),
        value: text("value"),
        reason: text("reason"),
        other: text("other"),
        documents: form.iter().filter(|(k, v)| k == "documents" && !v.is_empty()).map(|(_, v)| v.clone()).collect(),
        review: text("review").and_then(|r| r.trim().parse().ok()),
        author,
        note: text("note"),
        quote: text("quote"),
    };
    let _one_at_a_time = state.0.ingest_lock.lock().await;
    let db = state.0.db.clone();
    let run = review.run.clone();
    let outcome = tokio::task::spawn_blocking(move || run(&db, request))
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("the review thread failed: {e}")))?
        .map_err(|e| ApiError::bad(format!("{e:#}")))?;
    Ok(see_other(&format!("/incidents/{}", enc(&outcome.incident))))
}

/// The review forms of an incident page, for a signed-in reviewer: one box per action, each
/// input with its label, the note and quote fields the same in every box.
pub(crate) fn forms(id: &str, sources: &[String], csrf: &str, author: &str) -> String {
    let action = format!("/incidents/{}/review", enc(id));
    let open = |form: &str, a: &str, legend: &str| {
        format!(
            "<form method=\"post\" action=\"{action}\" id=\"form-{form}\" class=\"review-form\"><fieldset><legend>{legend}</legend><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"action\" value=\"{a}\">",
            esc(csrf)
        )
    };
    let note = "<label class=\"note\">Note <input name=\"note\" maxlength=\"500\" placeholder=\"why (optional)\"></label><label class=\"quote\">Evidence quote <input name=\"quote\" maxlength=\"2000\" placeholder=\"a sentence that shows it (optional)\"></label>";
    let mut s = format!(
        "<section class=\"review-forms\" id=\"review-forms\"><h2>Review as {}</h2><p class=\"sub\">Each change is recorded with your name and the time, kept beside what the machine read, and holds when new sources arrive.</p><div class=\"review-grid\">",
        esc(author)
    );
    s.push_str(&open("set", "set", "Set or clear a field"));
    s.push_str("<label>Field <select name=\"field\" id=\"set-field\">");
    for f in annalist_review::REVIEWABLE {
        let _ = write!(s, "<option>{}</option>", f.as_str());
    }
    let _ = write!(
        s,
        "</select></label><label class=\"wide\">Value <input name=\"value\" id=\"set-value\" placeholder=\"e.g. 95, 84-95, 300+, 2024-01-03, Kerman; empty clears\"></label>{note}<button id=\"set\">Set</button></fieldset></form>"
    );
    s.push_str(&open("reject", "reject", "Reject the row"));
    s.push_str("<label>Reason <select name=\"reason\" id=\"reject-reason\">");
    for r in annalist_review::Rejection::ALL {
        let _ = write!(s, "<option value=\"{}\">{}</option>", r.as_str(), r.as_str().replace('_', " "));
    }
    let _ =
        write!(s, "</select></label>{note}<button id=\"reject\" class=\"danger\">Reject</button></fieldset></form>");
    s.push_str(&open("merge", "merge", "Merge another incident into this one"));
    let _ = write!(
        s,
        "<label class=\"wide\">Incident id <input name=\"other\" id=\"merge-other\" placeholder=\"inc_…\"></label>{note}<button id=\"merge\">Merge</button></fieldset></form>"
    );
    s.push_str(&open("split", "split", "Split sources off into a new incident"));
    s.push_str("<div class=\"documents\">");
    for d in sources {
        let _ = write!(
            s,
            "<label class=\"check\"><input type=\"checkbox\" name=\"documents\" value=\"{}\"> {}</label>",
            esc(d),
            esc(d)
        );
    }
    let _ = write!(s, "</div>{note}<button id=\"split\">Split off</button></fieldset></form>");
    s.push_str(&open("mark", "mark", "Mark as reviewed"));
    let _ = write!(s, "{note}<button id=\"mark\">Mark reviewed</button></fieldset></form></div></section>");
    s
}
