//! JSON Lines exports in the schema of the export contract (`shared/eval/README.md`, schema v1).

use annalist_model::{CountRange, Incident};
use annalist_store::Store;
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;

fn count(c: &Option<CountRange>) -> Value {
    match c {
        Some(c) => json!({"low": c.low, "high": c.high}),
        None => Value::Null,
    }
}

/// One incident as an export-contract object.
pub fn incident_json(inc: &Incident) -> Value {
    let evidence: Vec<Value> = inc
        .claims
        .iter()
        .map(|c| json!({"field": c.field.as_str(), "document": c.document, "quote": c.quote, "start": c.start, "end": c.end}))
        .collect();
    json!({
        "id": inc.id,
        "type": inc.event_type.as_str(),
        "date_start": inc.date_start.map(|d| d.to_string()),
        "date_end": inc.date_end.map(|d| d.to_string()),
        "country": inc.country,
        "place": inc.place,
        "lat": inc.lat,
        "lon": inc.lon,
        "perpetrators": inc.perpetrators.iter().map(|p| json!({"name": p.name, "status": p.status.as_str()})).collect::<Vec<_>>(),
        "killed": count(&inc.killed),
        "wounded": count(&inc.wounded),
        "suicide": inc.suicide,
        "attackers": inc.attackers,
        "sources": inc.sources,
        "evidence": evidence,
    })
}

pub fn incidents_jsonl(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let incidents = store.incidents()?;
    for inc in &incidents {
        serde_json::to_writer(&mut *out, &incident_json(inc))?;
        out.write_all(b"\n")?;
    }
    Ok(incidents.len())
}

pub fn documents_jsonl(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let docs = store.documents()?;
    for d in &docs {
        let v = json!({
            "id": d.id,
            "title": d.title,
            "published": d.published.map(|p| p.to_string()),
            "duplicate_of": d.duplicate_of,
            "text": d.text,
        });
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(docs.len())
}
