//! Server-rendered pages. Built as strings; every value from the store or the request is
//! escaped with `esc` (text, attributes) or `enc` (URLs) as it is written.

use crate::api::{self, actor_ref, claims_by_field, fields, kind_str, path_id, short_id};
use crate::html::{enc, esc, page, query_string, Nav};
use crate::params::{ledger_query, ApiError, Params, LEDGER_PARAMS};
use crate::{svg, AppState};
use annalist_model::{Claim, CountRange, Field};
use annalist_store::{IncidentQuery, IncidentRow, IncidentSort, LedgerFacets, StoredDocument};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const STYLE: &str = include_str!("../assets/style.css");
pub(crate) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

fn error_page(e: ApiError) -> Response {
    let title = match e.status.as_u16() {
        404 => "Not found",
        414 => "Request too long",
        400..=499 => "Bad request",
        _ => "Server error",
    };
    let body = format!(
        "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to the ledger</a></p>",
        esc(title),
        esc(&e.message)
    );
    html(e.status, page(title, Nav::None, &body))
}

type PageResult = Result<Response, ApiError>;

fn respond(r: PageResult) -> Response {
    r.unwrap_or_else(error_page)
}

fn count(c: &Option<CountRange>) -> String {
    c.map(|c| c.to_string()).unwrap_or_else(|| "–".into())
}

fn date_text(s: Option<chrono::NaiveDate>, e: Option<chrono::NaiveDate>) -> String {
    match (s, e) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => "–".into(),
    }
}

fn country_text(c: Option<&str>) -> String {
    match c {
        // The map's shapes name most countries; the gazetteer names the rest (Hong Kong,
        // Singapore and others too small for the map).
        Some(c) => match svg::country_name(c)
            .map(str::to_string)
            .or_else(|| annalist_knowledge::Gazetteer::builtin().country(c).map(|country| country.name.clone()))
        {
            Some(n) => format!("{n} ({c})"),
            None => c.to_string(),
        },
        None => "–".into(),
    }
}

/// The fields in disagreement, each once (a field can disagree in several ways).
fn distinct(fields: &[String]) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for f in fields {
        if !seen.contains(&f.as_str()) {
            seen.push(f);
        }
    }
    seen
}

/// "1 incident matches", "3 incidents match".
fn incidents_match(n: usize) -> String {
    if n == 1 {
        "1 incident matches".into()
    } else {
        format!("{n} incidents match")
    }
}

fn type_text(t: &str) -> String {
    t.replace('_', " ")
}

/// The filter pairs of a ledger query (for links that keep the filters).
fn filter_pairs(q: &IncidentQuery) -> Vec<(&'static str, String)> {
    vec![
        ("country", q.country.clone().unwrap_or_default()),
        ("type", q.event_type.clone().unwrap_or_default()),
        ("actor", q.actor.clone().unwrap_or_default()),
        ("from", q.date_from.map(|d| d.to_string()).unwrap_or_default()),
        ("to", q.date_to.map(|d| d.to_string()).unwrap_or_default()),
        ("min_killed", q.min_killed.map(|d| d.to_string()).unwrap_or_default()),
        ("q", q.text.clone().unwrap_or_default()),
        ("reviewed", q.reviewed.map(|r| if r { "yes" } else { "no" }.to_string()).unwrap_or_default()),
        ("rejected", if q.include_rejected { "include".to_string() } else { String::new() }),
    ]
}

/// Links that download the view on screen: its filters and sort, every row.
fn download_links(q: &IncidentQuery) -> String {
    let mut s = String::from("<p class=\"download\" id=\"download\">Download this view (all rows): ");
    let labels = [
        ("csv", "CSV"),
        ("gtd-csv", "GTD CSV"),
        ("acled-csv", "ACLED CSV"),
        ("jsonl", "JSON Lines"),
        ("geojson", "GeoJSON"),
    ];
    for (i, (format, label)) in labels.iter().enumerate() {
        let mut pairs = filter_pairs(q);
        pairs.push(("sort", q.sort.as_str().to_string()));
        pairs.push(("order", if q.descending { "desc" } else { "asc" }.to_string()));
        pairs.push(("format", format.to_string()));
        if i > 0 {
            s.push_str(" · ");
        }
        let _ = write!(s, "<a id=\"download-{format}\" href=\"/export{}\" download>{label}</a>", query_string(&pairs));
    }
    s.push_str("</p>");
    s
}

fn select(name: &str, label: &str, current: Option<&str>, options: &[(String, String)]) -> String {
    let mut s = format!("<label>{label} <select name=\"{name}\" id=\"f-{name}\"><option value=\"\">any</option>");
    for (value, text) in options {
        let sel = if current == Some(value.as_str()) { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{}\"{sel}>{}</option>", esc(value), esc(text));
    }
    s.push_str("</select></label>");
    s
}

fn filter_form(action: &str, q: &IncidentQuery, facets: &LedgerFacets) -> String {
    let countries: Vec<(String, String)> =
        facets.countries.iter().map(|(c, n)| (c.clone(), format!("{} · {n}", country_text(Some(c))))).collect();
    let types: Vec<(String, String)> =
        facets.types.iter().map(|(t, n)| (t.clone(), format!("{} · {n}", type_text(t)))).collect();
    let actors: Vec<(String, String)> = facets.actors.iter().map(|(a, n)| (a.clone(), format!("{a} · {n}"))).collect();
    let mut s = format!("<form class=\"filters\" method=\"get\" action=\"{action}\">");
    s.push_str(&select("country", "Country", q.country.as_deref(), &countries));
    s.push_str(&select("type", "Type", q.event_type.as_deref(), &types));
    s.push_str(&select("actor", "Actor", q.actor.as_deref(), &actors));
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let _ = write!(
        s,
        "<label>From <input type=\"date\" name=\"from\" value=\"{}\"></label><label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>",
        day(q.date_from),
        day(q.date_to)
    );
    let _ = write!(
        s,
        "<label>Killed ≥ <input type=\"number\" min=\"0\" name=\"min_killed\" value=\"{}\" size=\"5\"></label>",
        q.min_killed.map(|k| k.to_string()).unwrap_or_default()
    );
    let _ = write!(
        s,
        "<label>Text <input type=\"search\" name=\"q\" maxlength=\"200\" value=\"{}\" placeholder=\"place, actor, words\"></label>",
        esc(q.text.as_deref().unwrap_or(""))
    );
    if action == "/" {
        let _ = write!(s, "<input type=\"hidden\" name=\"sort\" value=\"{}\">", q.sort.as_str());
        let _ =
            write!(s, "<input type=\"hidden\" name=\"order\" value=\"{}\">", if q.descending { "desc" } else { "asc" });
    }
    let _ = write!(s, "<button type=\"submit\" id=\"apply\">Filter</button> <a href=\"{action}\">clear</a></form>");
    s
}

fn perpetrators_cell(r: &IncidentRow) -> String {
    if r.perpetrators.is_empty() {
        return "–".into();
    }
    r.perpetrators
        .iter()
        .map(|p| {
            format!(
                "<a href=\"/actors/{}\">{}</a> <span class=\"status\">{}</span>",
                enc(&actor_ref(&p.name)),
                esc(&p.name),
                p.status.as_str()
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn ledger_table(rows: &[IncidentRow], q: Option<&IncidentQuery>) -> String {
    let mut s = String::from("<table class=\"ledger\"><thead><tr>");
    let cols: [(&str, Option<IncidentSort>); 9] = [
        ("Date", Some(IncidentSort::Date)),
        ("Type", Some(IncidentSort::Type)),
        ("Place", Some(IncidentSort::Place)),
        ("Country", Some(IncidentSort::Country)),
        ("Perpetrators", None),
        ("Killed", Some(IncidentSort::Killed)),
        ("Wounded", Some(IncidentSort::Wounded)),
        ("Sources", Some(IncidentSort::Sources)),
        ("Disputed", None),
    ];
    for (label, sort) in cols {
        match (sort, q) {
            (Some(sort), Some(q)) => {
                let here = q.sort == sort;
                let desc = if here {
                    !q.descending
                } else {
                    !matches!(sort, IncidentSort::Country | IncidentSort::Type | IncidentSort::Place)
                };
                let mut pairs = filter_pairs(q);
                pairs.push(("sort", sort.as_str().to_string()));
                pairs.push(("order", if desc { "desc" } else { "asc" }.to_string()));
                let arrow = if here {
                    if q.descending {
                        " ▼"
                    } else {
                        " ▲"
                    }
                } else {
                    ""
                };
                let aria = if here {
                    if q.descending {
                        " aria-sort=\"descending\""
                    } else {
                        " aria-sort=\"ascending\""
                    }
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "<th{aria}><a class=\"sort\" data-sort=\"{}\" href=\"/{}\">{label}{arrow}</a></th>",
                    sort.as_str(),
                    query_string(&pairs)
                );
            }
            _ => {
                let _ = write!(s, "<th>{label}</th>");
            }
        }
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        let href = format!("/incidents/{}", enc(&r.id));
        let disputed = if r.conflicts.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"disputed\" title=\"sources disagree\">{}</span>",
                esc(&distinct(&r.conflicts).join(", "))
            )
        };
        let badge = match (&r.rejected, r.reviewed) {
            (Some(why), _) => format!(" <span class=\"badge rejected\">rejected: {}</span>", esc(why)),
            (None, true) => " <span class=\"badge reviewed\">reviewed</span>".to_string(),
            _ => String::new(),
        };
        let _ = write!(
            s,
            "<tr data-id=\"{}\"><td class=\"date\"><a class=\"row-link\" href=\"{href}\">{}</a>{badge}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} <span class=\"sub\">({} docs)</span></td><td>{disputed}</td></tr>",
            esc(&r.id),
            esc(&date_text(r.date_start, r.date_end)),
            esc(&type_text(&r.event_type)),
            esc(r.place.as_deref().unwrap_or("–")),
            esc(&country_text(r.country.as_deref())),
            perpetrators_cell(r),
            esc(&count(&r.killed)),
            esc(&count(&r.wounded)),
            r.independent_sources,
            r.sources
        );
    }
    if rows.is_empty() {
        s.push_str("<tr><td colspan=\"9\" class=\"empty\">No incidents match.</td></tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// What review changed on an incident: a rejection, the reviewed values beside what the
/// machine said, merges, a split, and each review with its author, time, note and quote.
fn review_panel(state: Option<&annalist_review::ReviewState>, reviews: &[annalist_review::Review]) -> String {
    let Some(state) = state else {
        return "<p class=\"review-state\" id=\"review-state\">Not reviewed: as the machine read it.</p>".into();
    };
    let mut s = String::from("<section class=\"review\" id=\"review-state\"><h2>Review</h2>");
    match state.rejected {
        Some(r) => {
            let _ = write!(
                s,
                "<p class=\"rejected\">Rejected ({}): left out of the ledger and exports.</p>",
                esc(r.as_str())
            );
        }
        None => s.push_str("<p class=\"reviewed\">Reviewed by a person.</p>"),
    }
    if !state.machine.is_empty() {
        s.push_str("<ul class=\"machine\">");
        for (field, value) in &state.machine {
            let shown = annalist_review::parse_field(field)
                .map(|f| annalist_review::render_value(f, value))
                .unwrap_or_else(|_| value.to_string());
            let _ = write!(
                s,
                "<li data-field=\"{}\">{}: the machine said <b>{}</b></li>",
                esc(field),
                esc(field),
                esc(&shown)
            );
        }
        s.push_str("</ul>");
    }
    for merged in &state.merged {
        let _ = write!(s, "<p>Merged from {}.</p>", esc(merged));
    }
    if let Some(from) = &state.split_from {
        let _ = write!(s, "<p>Split from <a href=\"/incidents/{}\">{}</a>.</p>", enc(from), esc(from));
    }
    s.push_str("<ol class=\"reviews\">");
    for r in reviews {
        s.push_str(&review_item(r));
    }
    s.push_str("</ol></section>");
    s
}

fn review_item(r: &annalist_review::Review) -> String {
    let mut s = format!(
        "<li id=\"review-{}\">#{} {} · {}: {}",
        r.id,
        r.id,
        esc(&r.created_at),
        esc(&r.review.author),
        esc(&r.review.action.describe())
    );
    if let Some(note) = &r.review.note {
        let _ = write!(s, " <span class=\"note\">{}</span>", esc(note));
    }
    if let Some(quote) = &r.review.quote {
        let _ = write!(s, "<blockquote class=\"quote\">{}</blockquote>", esc(quote));
    }
    s.push_str("</li>");
    s
}

/// `/reviews`: every review, newest first, with the row it applies to now (the audit trail).
pub async fn reviews(State(state): State<AppState>) -> Response {
    respond(
        async {
            let (reviews, states) = state
                .with_store(|s| Ok((s.reviews()?, s.review_states()?)))
                .await
                .map_err(ApiError::internal)?;
            let applied = annalist_review::applied_to(&states);
            let retracted: BTreeSet<i64> = reviews
                .iter()
                .filter_map(|r| match r.review.action {
                    annalist_review::Action::Retract { review } => Some(review),
                    _ => None,
                })
                .collect();
            let mut body = format!("<h1>Reviews</h1><p class=\"count\" id=\"count\">{} reviews</p>", reviews.len());
            body.push_str("<table class=\"ledger reviews\"><thead><tr><th>#</th><th>When</th><th>Who</th><th>Incident</th><th>What</th><th>Note</th><th>Now</th></tr></thead><tbody>");
            for r in reviews.iter().rev() {
                let now = if retracted.contains(&r.id) {
                    "retracted".to_string()
                } else {
                    match applied.get(&r.id) {
                        Some(id) => format!("<a href=\"/incidents/{}\">{}</a>", enc(id), esc(id)),
                        None if matches!(r.review.action, annalist_review::Action::Retract { .. }) => String::new(),
                        None => "matches no incident now".into(),
                    }
                };
                let _ = write!(
                    body,
                    "<tr data-review=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{now}</td></tr>",
                    r.id,
                    r.id,
                    esc(&r.created_at),
                    esc(&r.review.author),
                    esc(&r.review.incident),
                    esc(&r.review.action.describe()),
                    esc(r.review.note.as_deref().unwrap_or(""))
                );
            }
            if reviews.is_empty() {
                body.push_str("<tr><td colspan=\"7\" class=\"empty\">No reviews yet.</td></tr>");
            }
            body.push_str("</tbody></table>");
            Ok(html(StatusCode::OK, page("Reviews", Nav::Reviews, &body)))
        }
        .await,
    )
}

/// Under a chart: the rows it draws, at most `TABLE_ROWS` of them (the ledger pages the rest).
const TABLE_ROWS: usize = 500;

fn capped_table(rows: &[IncidentRow]) -> String {
    let mut s = ledger_table(&rows[..rows.len().min(TABLE_ROWS)], None);
    if rows.len() > TABLE_ROWS {
        let _ = write!(
            s,
            "<p class=\"sub\">First {TABLE_ROWS} of {} incidents; the ledger pages through all.</p>",
            rows.len()
        );
    }
    s
}

async fn ledger_data(
    state: &AppState,
    raw: Option<&str>,
    paged: bool,
) -> Result<(IncidentQuery, LedgerFacets, annalist_store::IncidentPage), ApiError> {
    let p = Params::parse(raw, LEDGER_PARAMS)?;
    ledger_rows(state, &p, paged).await
}

async fn ledger_rows(
    state: &AppState,
    p: &Params,
    paged: bool,
) -> Result<(IncidentQuery, LedgerFacets, annalist_store::IncidentPage), ApiError> {
    let q = ledger_query(p, paged)?;
    let q2 = q.clone();
    let (facets, rows) = state
        .with_store(move |s| Ok((s.ledger_facets()?, s.query_incidents(&q2)?)))
        .await
        .map_err(ApiError::internal)?;
    Ok((q, facets, rows))
}

pub async fn ledger(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    respond(
        async {
            let (q, facets, found) = ledger_data(&state, raw.as_deref(), true).await?;
            let mut body = String::from("<h1>Incident ledger</h1>");
            body.push_str(&filter_form("/", &q, &facets));
            let shown_to = q.offset + found.rows.len();
            let _ = write!(
                body,
                "<p class=\"count\" id=\"count\">{}{}</p>",
                incidents_match(found.total),
                if found.total > found.rows.len() {
                    format!("; showing {}–{shown_to}", q.offset + usize::from(!found.rows.is_empty()))
                } else {
                    String::new()
                }
            );
            body.push_str(&download_links(&q));
            body.push_str(&ledger_table(&found.rows, Some(&q)));
            let mut pager = String::new();
            let mut link = |label: &str, offset: usize| {
                let mut pairs = filter_pairs(&q);
                pairs.push(("sort", q.sort.as_str().to_string()));
                pairs.push(("order", if q.descending { "desc" } else { "asc" }.to_string()));
                pairs.push(("limit", q.limit.to_string()));
                pairs.push(("offset", offset.to_string()));
                let _ = write!(pager, "<a href=\"/{}\">{label}</a> ", query_string(&pairs));
            };
            if q.offset > 0 {
                link("← previous", q.offset.saturating_sub(q.limit));
            }
            if shown_to < found.total {
                link("next →", shown_to);
            }
            if !pager.is_empty() {
                let _ = write!(body, "<nav class=\"pager\">{pager}</nav>");
            }
            let pairs = filter_pairs(&q);
            let _ = write!(
                body,
                "<p class=\"also\">Same filters: <a href=\"/timeline{qs}\">timeline</a> · <a href=\"/map{qs}\">map</a> · <a href=\"/api/incidents{qs}\">JSON</a></p>",
                qs = query_string(&pairs)
            );
            Ok(html(StatusCode::OK, page("Ledger", Nav::Ledger, &body)))
        }
        .await,
    )
}

pub async fn timeline(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    respond(
        async {
            let (q, facets, found) = ledger_data(&state, raw.as_deref(), false).await?;
            let mut body = String::from("<h1>Timeline</h1>");
            body.push_str(&filter_form("/timeline", &q, &facets));
            body.push_str("<p class=\"legend\">Each dot is an incident at the middle of its dates (a bar spans an uncertain date); height: killed (square-root scale); size: wounded; hollow: killed unknown.</p>");
            let _ = write!(body, "<figure class=\"chart\">{}</figure>", svg::timeline(&found.rows));
            let mut rows = found.rows;
            rows.sort_by(|a, b| (a.date_start, &a.id).cmp(&(b.date_start, &b.id)));
            body.push_str(&capped_table(&rows));
            Ok(html(StatusCode::OK, page("Timeline", Nav::Timeline, &body)))
        }
        .await,
    )
}

/// `/map`: zoom and pan are links (no script): each carries the filters and a `bbox` of the
/// view it opens; without one the view fits the filtered incidents (a country filter, that
/// country). Nearby incidents at the zoom shown are one mark with their count, linking to a
/// closer view.
pub async fn map(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    respond(
        async {
            // the ledger's filters and the part of the world shown
            let p = Params::parse_with(raw.as_deref(), LEDGER_PARAMS, &["bbox"])?;
            let asked = match p.get("bbox") {
                None => None,
                Some(b) => Some(svg::View::from_bbox(b).ok_or_else(|| {
                    ApiError::bad(format!(
                        "`bbox` must be west,south,east,north in degrees (west < east, south < north), not `{}`",
                        b.chars().take(60).collect::<String>()
                    ))
                })?),
            };
            let (q, facets, found) = ledger_rows(&state, &p, false).await?;
            let fit = svg::fitted(&found.rows, q.country.as_deref());
            let view = asked.unwrap_or(fit);
            let filters = filter_pairs(&q);
            let href = |v: &svg::View| {
                let mut pairs = filters.clone();
                pairs.push(("bbox", v.bbox()));
                format!("/map{}", query_string(&pairs))
            };
            let mut body = String::from("<h1>Map</h1>");
            body.push_str(&filter_form("/map", &q, &facets));
            let shown: Vec<IncidentRow> = found.rows.iter().filter(|r| svg::in_view(r, &view)).cloned().collect();
            let located = found.rows.iter().filter(|r| r.lat.is_some() && r.lon.is_some()).count();
            let _ = write!(
                body,
                "<p class=\"legend\" id=\"map-count\">{} of {} incidents in this view ({located} placed: a town's point, else the country's centre); dot size: killed and wounded; a numbered circle: incidents close together at this zoom (click it to look closer); shaded: countries with incidents. Country shapes: Natural Earth.</p>",
                shown.len(),
                found.rows.len()
            );
            body.push_str("<nav class=\"map-controls\" aria-label=\"Zoom and pan\">");
            let control = |id: &str, label: &str, v: svg::View| {
                format!("<a class=\"control\" id=\"map-{id}\" href=\"{}\">{label}</a>", esc(&href(&v)))
            };
            let mut controls = vec![
                control("in", "+ zoom in", view.zoomed(2.0)),
                control("out", "− zoom out", view.zoomed(0.5)),
                control("west", "← west", view.panned(-0.5, 0.0)),
                control("north", "↑ north", view.panned(0.0, -0.5)),
                control("south", "↓ south", view.panned(0.0, 0.5)),
                control("east", "→ east", view.panned(0.5, 0.0)),
            ];
            controls.push(format!(
                "<a class=\"control\" id=\"map-fit\" href=\"/map{}\">fit to the incidents</a>",
                esc(&query_string(&filters))
            ));
            controls.push(control("world", "whole world", svg::View::WORLD));
            body.push_str(&controls.join(" "));
            let _ = write!(body, " <span class=\"sub\">zoom ×{:.0}</span></nav>", view.zoom().max(1.0));
            let cluster_href = |k: &svg::Cluster| href(&svg::closer(k, &view));
            let _ = write!(body, "<figure class=\"chart\">{}</figure>", svg::map(&found.rows, &view, &cluster_href));
            body.push_str(&capped_table(&shown));
            Ok(html(StatusCode::OK, page("Map", Nav::Map, &body)))
        }
        .await,
    )
}

/// Text with spans marked: `<mark>` around each quoted range (overlaps merged into one mark
/// naming every field), the first mark of a span carrying an anchor id.
fn highlighted(text: &str, spans: &[(usize, usize, String, String)]) -> String {
    let valid: Vec<&(usize, usize, String, String)> = spans
        .iter()
        .filter(|(s, e, _, _)| s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e))
        .collect();
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for (s, e, _, _) in &valid {
        cuts.insert(*s);
        cuts.insert(*e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut anchored: BTreeSet<String> = BTreeSet::new();
    let mut out = String::with_capacity(text.len() * 11 / 10);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg = &text[a..b];
        let active: Vec<&&(usize, usize, String, String)> =
            valid.iter().filter(|(s, e, _, _)| *s <= a && b <= *e).collect();
        if active.is_empty() {
            out.push_str(&esc(seg));
            continue;
        }
        let labels: BTreeSet<&str> = active.iter().map(|x| x.2.as_str()).collect();
        let anchor = active.iter().find(|x| x.0 == a && anchored.insert(x.3.clone())).map(|x| x.3.clone());
        let fields: Vec<&str> =
            labels.iter().map(|l| l.split(':').next().unwrap_or("")).collect::<BTreeSet<_>>().into_iter().collect();
        let _ = write!(
            out,
            "<mark class=\"quote\" data-fields=\"{}\" title=\"{}\"{}>{}</mark>",
            esc(&fields.join(" ")),
            esc(&labels.into_iter().collect::<Vec<_>>().join("; ")),
            anchor.map(|a| format!(" id=\"{}\"", esc(&a))).unwrap_or_default(),
            esc(seg)
        );
    }
    out
}

fn anchor_for(doc_index: usize, start: usize) -> String {
    format!("q-{doc_index}-{start}")
}

/// The document decision: whether the article reports an incident, with the model's score.
fn decision(d: &StoredDocument) -> String {
    match d.relevance {
        Some(r) if r.reported => format!("<p class=\"decision\">Reports an incident (score {:.2}).</p>", r.score),
        Some(r) => format!(
            "<p class=\"decision\">Reports no violent incident, arrest or plot (score {:.2}): no events were read from it.</p>",
            r.score
        ),
        None => "<p class=\"decision\">Not decided whether it reports an incident (stored before the decision).</p>"
            .to_string(),
    }
}

fn doc_meta(d: &StoredDocument) -> String {
    let mut parts = Vec::new();
    if let Some(o) = &d.outlet {
        parts.push(format!("<span class=\"outlet\">{}</span>", esc(o)));
    }
    if let Some(p) = d.published {
        parts.push(format!("<span class=\"published\">{p}</span>"));
    }
    parts.push(format!("<a href=\"/documents/{}\" class=\"doc\">{}</a>", enc(&d.id), esc(&d.id)));
    parts.join(" · ")
}

pub async fn incident(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    respond(
        async {
            let view = api::load_incident(&state, path_id(id)?).await?;
            let inc = &view.incident;
            let doc_index: BTreeMap<&str, usize> =
                view.sources.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
            let doc_of = |id: &str| view.sources.iter().find(|d| d.id == id);
            let mut body = String::new();
            let title = format!(
                "{} in {}, {}",
                type_text(inc.event_type.as_str()),
                inc.place.as_deref().unwrap_or("an unknown place"),
                date_text(inc.date_start, inc.date_end)
            );
            let _ = write!(body, "<h1>{}</h1><p class=\"id\">{}</p>", esc(&title), esc(&inc.id));
            body.push_str(&review_panel(view.review.as_ref(), &view.reviews));
            if state.0.review.is_some() {
                match crate::writes::session(&state, &headers) {
                    Some((sid, author)) => {
                        let token = crate::writes::csrf(&state, &sid);
                        body.push_str(&crate::writes::forms(&inc.id, &inc.sources, &token, &author));
                    }
                    None => body.push_str("<p class=\"sign-in\"><a href=\"/review/login\" id=\"sign-in-link\">Sign in to review</a></p>"),
                }
            }
            let _ = write!(
                body,
                "<ul class=\"summary\"><li><b>{}</b> killed</li><li><b>{}</b> wounded</li><li><b>{}</b> independent source{} ({} documents)</li><li><b>{}</b> conflict{}</li></ul>",
                esc(&count(&inc.killed)),
                esc(&count(&inc.wounded)),
                inc.independent_sources,
                if inc.independent_sources == 1 { "" } else { "s" },
                inc.sources.len(),
                inc.conflicts.len(),
                if inc.conflicts.len() == 1 { "" } else { "s" }
            );
            if !inc.conflicts.is_empty() {
                body.push_str("<section class=\"conflicts\" id=\"conflicts\"><h2>Where the sources disagree</h2><ul>");
                for c in &inc.conflicts {
                    let _ = write!(
                        body,
                        "<li class=\"conflict\" data-field=\"{}\"><a href=\"#f-{}\">{}</a>: {}</li>",
                        c.field.as_str(),
                        c.field.as_str(),
                        c.field.as_str(),
                        esc(&c.note)
                    );
                }
                body.push_str("</ul></section>");
            }
            body.push_str("<section class=\"fields\"><h2>Fields and their claims</h2>");
            let by_field = claims_by_field(inc);
            // the contract's fields, then the attribution ledger: who claimed, blamed, confirmed
            // or denied, each statement with its quote
            let mut rows = fields(inc);
            if let Some(named) = by_field.get(&Field::Name) {
                let mut names: Vec<&str> = named.iter().map(|c| c.value.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                rows.push((Field::Name, names.join("; ")));
            }
            let statements = by_field.get(&Field::Attribution).map_or(0, |v| v.len());
            if statements > 0 {
                let s = if statements == 1 { "" } else { "s" };
                rows.push((Field::Attribution, format!("{statements} statement{s} of who did it")));
            }
            for (field, value) in rows {
                let claims: &[&Claim] = by_field.get(&field).map(|v| v.as_slice()).unwrap_or(&[]);
                if value.is_empty() && claims.is_empty() {
                    continue;
                }
                let conflict = inc.conflicts.iter().find(|c| c.field == field);
                let _ = write!(
                    body,
                    "<section class=\"field{}\" id=\"f-{}\" data-field=\"{}\"><h3>{} <span class=\"value\">{}</span>{}</h3>",
                    if conflict.is_some() { " disputed-field" } else { "" },
                    field.as_str(),
                    field.as_str(),
                    field.as_str(),
                    if value.is_empty() { "–".to_string() } else { esc(&value) },
                    if conflict.is_some() { " <span class=\"disputed\">sources disagree</span>" } else { "" }
                );
                if let Some(c) = conflict {
                    let _ = write!(body, "<p class=\"note\">{}</p>", esc(&c.note));
                }
                if field == Field::Perpetrator && !inc.perpetrators.is_empty() {
                    body.push_str("<p class=\"actors\">");
                    for p in &inc.perpetrators {
                        let _ = write!(body, "<a href=\"/actors/{}\">{}</a> ", enc(&actor_ref(&p.name)), esc(&p.name));
                    }
                    body.push_str("</p>");
                }
                let claim_li = |c: &Claim| -> String {
                    let copy = doc_of(&c.document).and_then(|d| d.duplicate_of.as_deref());
                    let anchor = doc_index.get(c.document.as_str()).map(|i| anchor_for(*i, c.start));
                    format!(
                        "<li class=\"claim\"><span class=\"claim-value\">{}</span> <span class=\"by\">{}{}{}{}</span><blockquote class=\"quote\">{}</blockquote></li>",
                        esc(&c.value),
                        c.outlet.as_deref().map(|o| format!("<span class=\"outlet\">{}</span> · ", esc(o))).unwrap_or_default(),
                        c.published.map(|p| format!("{p} · ")).unwrap_or_default(),
                        match &anchor {
                            Some(a) => format!("<a href=\"#{}\">{}</a>", esc(a), esc(&c.document)),
                            None => esc(&c.document),
                        },
                        copy.map(|o| format!(" <span class=\"copy\">copy of {}</span>", esc(o))).unwrap_or_default(),
                        esc(c.quote.trim())
                    )
                };
                let from_copy = |c: &&&Claim| doc_of(&c.document).is_some_and(|d| d.duplicate_of.is_some());
                let (copies, originals): (Vec<&&Claim>, Vec<&&Claim>) = claims.iter().partition(from_copy);
                let mut list = String::from("<ul class=\"claims\">");
                for c in &originals {
                    list.push_str(&claim_li(c));
                }
                list.push_str("</ul>");
                if !copies.is_empty() {
                    let _ = write!(
                        list,
                        "<details class=\"copy-claims\"><summary>{} more from syndicated copies (counted once)</summary><ul class=\"claims\">",
                        copies.len()
                    );
                    for c in &copies {
                        list.push_str(&claim_li(c));
                    }
                    list.push_str("</ul></details>");
                }
                let open = conflict.is_some() || matches!(field, Field::Killed | Field::Wounded | Field::Attribution);
                if open || claims.len() <= 1 {
                    body.push_str(&list);
                } else {
                    let docs: BTreeSet<&str> = claims.iter().map(|c| c.document.as_str()).collect();
                    let _ = write!(
                        body,
                        "<details class=\"claims-fold\"><summary>{} claims from {} documents, all agreeing</summary>{list}</details>",
                        claims.len(),
                        docs.len()
                    );
                }
                body.push_str("</ul></section>");
            }
            body.push_str("</section>");

            // sources: originals grouped by outlet, each with its copies folded beneath it
            let ids: BTreeSet<&str> = view.sources.iter().map(|d| d.id.as_str()).collect();
            let is_copy = |d: &StoredDocument| d.duplicate_of.as_deref().is_some_and(|o| ids.contains(o) && o != d.id);
            let mut outlets: BTreeMap<String, Vec<&StoredDocument>> = BTreeMap::new();
            for d in view.sources.iter().filter(|d| !is_copy(d)) {
                outlets.entry(d.outlet.clone().unwrap_or_else(|| "(outlet unknown)".into())).or_default().push(d);
            }
            let missing: Vec<&String> = inc.sources.iter().filter(|s| !ids.contains(s.as_str())).collect();
            body.push_str("<section class=\"sources\" id=\"sources\"><h2>Sources, by outlet</h2>");
            for (outlet, docs) in &outlets {
                let _ = write!(body, "<section class=\"outlet-group\"><h3>{}</h3><ul>", esc(outlet));
                for d in docs {
                    let copies: Vec<&StoredDocument> =
                        view.sources.iter().filter(|c| is_copy(c) && c.duplicate_of.as_deref() == Some(&d.id)).collect();
                    let _ = write!(
                        body,
                        "<li class=\"source\"><a href=\"#doc-{}\">{}</a> <span class=\"sub\">{}</span>",
                        doc_index[d.id.as_str()],
                        esc(d.title.as_deref().unwrap_or(&d.id)),
                        doc_meta(d)
                    );
                    if inc.mentioned_in.contains(&d.id) {
                        body.push_str(" <span class=\"badge passing\" title=\"the article tells of it only in passing, as background to its own news\">told in passing</span>");
                    }
                    if !copies.is_empty() {
                        let _ = write!(
                            body,
                            "<details class=\"copies\"><summary>{} syndicated cop{}, counted once</summary><ul>",
                            copies.len(),
                            if copies.len() == 1 { "y" } else { "ies" }
                        );
                        for c in copies {
                            let _ = write!(
                                body,
                                "<li>{} <span class=\"sub\">{}</span></li>",
                                esc(c.title.as_deref().unwrap_or(&c.id)),
                                doc_meta(c)
                            );
                        }
                        body.push_str("</ul></details>");
                    }
                    body.push_str("</li>");
                }
                body.push_str("</ul></section>");
            }
            for m in missing {
                let _ = write!(body, "<p class=\"sub\">{} (no longer stored)</p>", esc(m));
            }
            body.push_str("</section>");

            // the articles, quotes highlighted; copies folded
            body.push_str("<section class=\"articles\"><h2>The articles, quotes highlighted</h2>");
            for (i, d) in view.sources.iter().enumerate() {
                let spans: Vec<(usize, usize, String, String)> = inc
                    .claims
                    .iter()
                    .filter(|c| c.document == d.id)
                    .map(|c| (c.start, c.end, format!("{}: {}", c.field.as_str(), c.value), anchor_for(i, c.start)))
                    .collect();
                let head = format!(
                    "<h3>{}</h3><p class=\"sub\">{}</p>",
                    esc(d.title.as_deref().unwrap_or(&d.id)),
                    doc_meta(d)
                );
                let text = format!("<div class=\"text\">{}</div>", highlighted(&d.text, &spans));
                if is_copy(d) {
                    let _ = write!(
                        body,
                        "<details class=\"article copy\" id=\"doc-{i}\"><summary>Copy of {}: {}</summary>{head}{text}</details>",
                        esc(d.duplicate_of.as_deref().unwrap_or("")),
                        esc(d.title.as_deref().unwrap_or(&d.id))
                    );
                } else {
                    let _ = write!(body, "<article class=\"article\" id=\"doc-{i}\">{head}{text}</article>");
                }
            }
            body.push_str("</section>");
            if !view.related.is_empty() {
                body.push_str("<section class=\"related\"><h2>Other incidents in the same articles</h2>");
                body.push_str(&ledger_table(&view.related, None));
                body.push_str("</section>");
            }
            Ok(html(StatusCode::OK, page(&title, Nav::Ledger, &body)))
        }
        .await,
    )
}

pub async fn document(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Response {
    respond(
        async {
            let view = api::load_document(&state, path_id(id)?).await?;
            let d = &view.document;
            let mut body =
                format!("<h1>{}</h1><p class=\"sub\">{}</p>", esc(d.title.as_deref().unwrap_or(&d.id)), doc_meta(d));
            if let Some(o) = &d.duplicate_of {
                let _ = write!(
                    body,
                    "<p class=\"copy\">A syndicated copy of <a href=\"/documents/{}\">{}</a>.</p>",
                    enc(o),
                    esc(o)
                );
            }
            if let Some(u) = &d.url {
                let _ = write!(body, "<p class=\"sub\">URL: {}</p>", esc(u));
            }
            body.push_str(&decision(d));
            let incidents: BTreeSet<&str> = view.evidence.iter().map(|(i, _)| i.as_str()).collect();
            if !incidents.is_empty() {
                body.push_str("<p>Evidence for: ");
                for i in incidents {
                    let _ = write!(body, "<a href=\"/incidents/{}\">{}</a> ", enc(i), esc(i));
                }
                body.push_str("</p>");
            }
            if !view.passing.is_empty() {
                body.push_str("<section class=\"passing\"><h2>Told in passing</h2><p class=\"sub\">Events this article names only as background to its own news. One story's passing mention makes no ledger row; two stories that tell of one event do, each listed there as told in passing.</p><ul>");
                for f in &view.passing {
                    let date = f.date.as_ref().map_or_else(|| "undated".to_string(), |d| date_text(Some(d.value.start), Some(d.value.end)));
                    let place = f.place.as_ref().map(|p| p.value.name.as_str()).unwrap_or("no place");
                    let _ = write!(
                        body,
                        "<li>{} · {} · {} <q>{}</q></li>",
                        esc(f.event_type.as_str()),
                        esc(&date),
                        esc(place),
                        esc(&f.quote)
                    );
                }
                body.push_str("</ul></section>");
            }
            let spans: Vec<(usize, usize, String, String)> = view
                .evidence
                .iter()
                .map(|(i, c)| {
                    (c.start, c.end, format!("{}: {} ({i})", c.field.as_str(), c.value), format!("e-{}", c.start))
                })
                .collect();
            let _ = write!(
                body,
                "<article class=\"article\"><div class=\"text\">{}</div></article>",
                highlighted(&d.text, &spans)
            );
            let title = d.title.clone().unwrap_or_else(|| d.id.clone());
            Ok(html(StatusCode::OK, page(&title, Nav::None, &body)))
        }
        .await,
    )
}

pub async fn actor(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Response {
    respond(
        async {
            let view = api::load_actor(&state, path_id(id)?).await?;
            let mut body = format!("<h1>{}</h1>", esc(&view.name));
            match &view.known {
                Some(a) => {
                    let _ = write!(body, "<p class=\"sub\">{} · id {}", kind_str(a.kind).replace('_', " "), esc(&a.id));
                    if let Some(c) = &a.country {
                        let _ = write!(body, " · {}", esc(&country_text(Some(c))));
                    }
                    if let Some(p) = &a.parent {
                        let _ = write!(body, " · part of <a href=\"/actors/{}\">{}</a>", enc(p), esc(p));
                    }
                    body.push_str("</p>");
                    if !a.aliases.is_empty() {
                        body.push_str("<h2>Also known as</h2><ul class=\"aliases\">");
                        for al in &a.aliases {
                            let _ = write!(body, "<li>{}</li>", esc(al));
                        }
                        body.push_str("</ul>");
                    }
                }
                None => body.push_str("<p class=\"sub\">Not in the actor knowledge base; named by the ledger.</p>"),
            }
            let _ = write!(body, "<h2>Incidents ({})</h2>", view.incidents.len());
            body.push_str("<table class=\"ledger\"><thead><tr><th>Date</th><th>Type</th><th>Place</th><th>Status</th><th>Killed</th><th>Wounded</th></tr></thead><tbody>");
            for i in &view.incidents {
                let status = i.perpetrators.iter().find(|p| p.name == view.name).map(|p| p.status.as_str()).unwrap_or("");
                let _ = write!(
                    body,
                    "<tr><td><a class=\"row-link\" href=\"/incidents/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    enc(&i.id),
                    esc(&date_text(i.date_start, i.date_end)),
                    esc(&type_text(i.event_type.as_str())),
                    esc(&format!("{}, {}", i.place.as_deref().unwrap_or("–"), i.country.as_deref().unwrap_or("–"))),
                    status,
                    esc(&count(&i.killed)),
                    esc(&count(&i.wounded))
                );
            }
            body.push_str("</tbody></table>");
            let claims = view.claims();
            let _ = write!(body, "<h2>Claims naming {} ({})</h2><ul class=\"claims\">", esc(&view.name), claims.len());
            for (inc, c) in claims {
                let _ = write!(
                    body,
                    "<li class=\"claim\"><span class=\"claim-value\">{}</span> <span class=\"by\">{}{} · <a href=\"/incidents/{}\">{}</a></span><blockquote class=\"quote\">{}</blockquote></li>",
                    esc(&c.value),
                    c.outlet.as_deref().map(|o| format!("<span class=\"outlet\">{}</span> · ", esc(o))).unwrap_or_default(),
                    esc(&c.document),
                    enc(inc),
                    esc(inc),
                    esc(c.quote.trim())
                );
            }
            body.push_str("</ul>");
            Ok(html(StatusCode::OK, page(&view.name, Nav::None, &body)))
        }
        .await,
    )
}

/// Incidents the search page lists before the articles (the ledger link shows them all).
const SEARCH_INCIDENTS: usize = 20;

pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    respond(
        async {
            let p = Params::parse(raw.as_deref(), &["q", "limit", "offset"])?;
            let q = p.text("q")?;
            let (limit, offset) = p.paging()?;
            let mut body = format!(
                "<h1>Search incidents and articles</h1><form class=\"filters\" method=\"get\" action=\"/search\"><label>Words <input type=\"search\" name=\"q\" maxlength=\"200\" value=\"{}\"></label><button type=\"submit\">Search</button></form>",
                esc(q.as_deref().unwrap_or(""))
            );
            if let Some(q) = q {
                let words = q.clone();
                let incident_query = IncidentQuery { text: Some(q.clone()), limit: SEARCH_INCIDENTS, ..Default::default() };
                let (incidents, (total, hits)) = state
                    .with_store(move |s| {
                        Ok((s.query_incidents(&incident_query)?, s.search_documents(&words, limit, offset)?))
                    })
                    .await
                    .map_err(ApiError::internal)?;
                // the incidents first: their names, places, actors and evidence quotes hold the words
                let _ = write!(
                    body,
                    "<h2>Incidents</h2><p class=\"count\" id=\"incident-count\">{} (<a href=\"/{}\">in the ledger</a>)</p>",
                    incidents_match(incidents.total),
                    crate::html::query_string(&[("q", q.clone())])
                );
                if !incidents.rows.is_empty() {
                    body.push_str(&ledger_table(&incidents.rows, None));
                }
                let _ = write!(body, "<h2>Articles</h2><p class=\"count\">{total} article{} match</p><ol class=\"hits\">", if total == 1 { "" } else { "s" });
                for h in hits {
                    let mut snippet = String::new();
                    for (m, t) in api::snippet_segments(&h.snippet) {
                        if m {
                            let _ = write!(snippet, "<mark>{}</mark>", esc(&t));
                        } else {
                            snippet.push_str(&esc(&t));
                        }
                    }
                    let _ = write!(
                        body,
                        "<li><a href=\"/documents/{}\">{}</a> <span class=\"sub\">{}{}</span><p class=\"snippet\">{snippet}</p></li>",
                        enc(&h.id),
                        esc(h.title.as_deref().unwrap_or(&h.id)),
                        esc(h.outlet.as_deref().unwrap_or("")),
                        h.published.map(|p| format!(" · {p}")).unwrap_or_default()
                    );
                }
                body.push_str("</ol>");
            }
            Ok(html(StatusCode::OK, page("Search", Nav::Search, &body)))
        }
        .await,
    )
}

pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE)
        .into_response()
}

pub async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

pub async fn not_found(uri: Uri) -> Response {
    error_page(ApiError::not_found(format!("nothing at {}", short_id(uri.path()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_disputed_twice_is_listed_once() {
        let fields = ["wounded".to_string(), "wounded".to_string(), "killed".to_string()];
        assert_eq!(distinct(&fields), ["wounded", "killed"]);
    }

    #[test]
    fn countries_too_small_for_the_map_are_named() {
        assert_eq!(country_text(Some("HK")), "Hong Kong (HK)");
        assert_eq!(country_text(Some("FR")), "France (FR)");
    }
}
