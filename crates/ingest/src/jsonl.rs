//! JSON Lines: one article per line, an object with `url`, `title`, `date`, `text` or `html`,
//! and optionally `id` and `outlet`. Blank lines are passed over; a bad line is skipped by number.

use crate::sniff::Compression;
use crate::source::{self, Declared, Line, Stream};
use crate::{human_bytes, Skipped};
use annalist_model::{Document, MediaType};
use serde_json::{Map, Value};

pub(crate) struct JsonLines {
    stream: Stream,
    origin: String,
    /// The file's id, for records with neither `id` nor `url`: `stem:line`.
    file_id: String,
    compression: Compression,
    max: u64,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    pub(crate) fn new(
        stream: Stream,
        origin: String,
        file_id: String,
        compression: Compression,
        max: u64,
    ) -> JsonLines {
        JsonLines { stream, origin, file_id, compression, max, line_no: 0, buf: Vec::new(), done: false }
    }

    pub(crate) fn next(&mut self) -> Option<Result<Document, Skipped>> {
        loop {
            if self.done {
                return None;
            }
            self.line_no += 1;
            let origin = format!("{}:{}", self.origin, self.line_no);
            let max = usize::try_from(self.max).unwrap_or(usize::MAX);
            match source::read_line_capped(&mut *self.stream, &mut self.buf, max) {
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(n)) => {
                    let reason =
                        format!("line too long: {} is over the limit of {}", human_bytes(n), human_bytes(self.max));
                    return Some(Err(Skipped { origin, reason }));
                }
                Ok(Line::Read) => {
                    if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(self.record(origin));
                }
                Err(e) if crate::gzip::resumed(&e) => {
                    // one damaged gzip member: its lines are lost, the next member's are read
                    let reason = format!("{}; reading goes on", source::read_error(&e, self.compression));
                    return Some(Err(Skipped { origin, reason }));
                }
                Err(e) => {
                    self.done = true;
                    let reason = format!("reading stopped: {}", source::read_error(&e, self.compression));
                    return Some(Err(Skipped { origin, reason }));
                }
            }
        }
    }

    fn record(&self, origin: String) -> Result<Document, Skipped> {
        let skip = |reason: String| Skipped { origin: origin.clone(), reason };
        let value: Value = serde_json::from_slice(&self.buf).map_err(|e| skip(format!("not valid JSON: {e}")))?;
        let Value::Object(object) = value else {
            return Err(skip("not a JSON object".into()));
        };
        let string = |key: &str| field_string(&object, key);
        let url = string("url").or_else(|| string("link"));
        let id = string("id").or_else(|| url.clone()).unwrap_or_else(|| format!("{}:{}", self.file_id, self.line_no));
        let (media_type, body) = match (string_raw(&object, "text"), string_raw(&object, "html")) {
            (Some(text), _) if !text.trim().is_empty() => (MediaType::Text, text),
            (_, Some(html)) if !html.trim().is_empty() => (MediaType::Html, html),
            _ => return Err(skip("no `text` or `html` field with content".into())),
        };
        let date = ["date", "published", "datePublished", "published_date"]
            .iter()
            .find_map(|k| string(k))
            .and_then(|d| parse_date(&d));
        let declared = Declared {
            url,
            charset: Some("utf-8".into()),
            title: string("title"),
            date,
            outlet: string("outlet").or_else(|| string("source")).or_else(|| string("site_name")),
        };
        source::document(id, origin, media_type, body.as_bytes().to_vec(), declared)
    }
}

fn string_raw<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// A field as a trimmed, non-empty string (numbers are accepted, for ids).
fn field_string(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A declared date: `YYYY-MM-DD`, alone or at the start of a timestamp.
pub(crate) fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let head = s.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_timestamps() {
        assert_eq!(parse_date("2024-01-12T08:00:00Z"), chrono::NaiveDate::from_ymd_opt(2024, 1, 12));
        assert_eq!(parse_date("12 January 2024"), None);
        assert_eq!(parse_date("2024"), None);
    }
}
