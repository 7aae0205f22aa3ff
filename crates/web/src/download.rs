//! `GET /export`: a download of exactly the ledger on screen (the same filters and sort, every
//! row, no cap), streamed as it is written: the [`crate::ExportFn`] hook writes on a blocking
//! thread into a channel the response body reads, a chunk at a time.

use crate::params::{ledger_query, ApiError, Params, LEDGER_PARAMS};
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// The download formats: name, media type, file name.
pub const FORMATS: [(&str, &str, &str); 5] = [
    ("csv", "text/csv; charset=utf-8", "incidents.csv"),
    ("gtd-csv", "text/csv; charset=utf-8", "incidents-gtd.csv"),
    ("acled-csv", "text/csv; charset=utf-8", "incidents-acled.csv"),
    ("jsonl", "application/x-ndjson; charset=utf-8", "incidents.jsonl"),
    ("geojson", "application/geo+json", "incidents.geojson"),
];

/// Bytes handed to the body at a time.
const CHUNK: usize = 64 * 1024;

/// A writer that sends what it is given to the response body in chunks.
struct ChannelWriter {
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left the download"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The response body: the chunks the writer sends, until it is done (or failed: then the
/// download ends unfinished, which the client sees as a broken transfer, not a short file).
struct Download(mpsc::Receiver<std::io::Result<Bytes>>);

impl hyper::body::Body for Download {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Bytes>, std::io::Error>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|r| r.map(hyper::body::Frame::data)))
    }
}

pub async fn export(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    match download(state, raw.as_deref()) {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

fn download(state: AppState, raw: Option<&str>) -> Result<Response, ApiError> {
    let mut allowed: Vec<&str> = LEDGER_PARAMS.to_vec();
    allowed.push("format");
    let p = Params::parse(raw, &allowed)?;
    let name = p.get("format").unwrap_or("csv");
    let Some(&(format, media, file)) = FORMATS.iter().find(|f| f.0 == name) else {
        let names: Vec<&str> = FORMATS.iter().map(|f| f.0).collect();
        return Err(ApiError::bad(format!("`format` must be one of {}, not `{name}`", names.join(", "))));
    };
    let mut query = ledger_query(&p, false)?;
    // the whole view: every row the filters take, in the order on screen
    query.limit = usize::MAX;
    query.offset = 0;
    let Some(export) = state.0.export.clone() else {
        return Err(ApiError { status: StatusCode::NOT_FOUND, message: "downloads are not available here".into() });
    };
    let (tx, rx) = mpsc::channel(8);
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter { tx: tx.clone(), buf: Vec::new() };
        let done =
            state.with_store_now(|store| export(store, &query, format, &mut out)).and_then(|()| Ok(out.flush()?));
        if let Err(e) = done {
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let mut response = (StatusCode::OK, Body::new(Download(rx))).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    let disposition = format!("attachment; filename=\"{file}\"");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}
