//! The fields a person can review and their values: read from what an analyst types
//! (`2024-01-03..2024-01-05`, `90-100`, `Islamic State (claimed); Jaish al-Adl`), kept as JSON
//! (the form [`value_of`] gives for an incident's field), written back onto an incident, and
//! rendered for people.

use crate::ReviewError;
use annalist_model::{AttributionStatus, CountRange, EventType, Field, Incident, Perpetrator};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The fields a review can set or clear.
pub const REVIEWABLE: [Field; 10] = [
    Field::Type,
    Field::Date,
    Field::Place,
    Field::Country,
    Field::Perpetrator,
    Field::Killed,
    Field::Wounded,
    Field::Suicide,
    Field::Attackers,
    Field::AttackersKilled,
];

/// A field by its contract name (`type`, `date`, `place`, `country`, `perpetrators`, `killed`,
/// `wounded`, `suicide`, `attackers`, `attackers_killed`; `dates` and `perpetrator` too).
pub fn parse_field(name: &str) -> Result<Field, ReviewError> {
    let name = name.trim().to_ascii_lowercase();
    let name = match name.as_str() {
        "dates" => "date",
        "perpetrator" => "perpetrators",
        other => other,
    };
    REVIEWABLE.into_iter().find(|f| f.as_str() == name).ok_or_else(|| {
        let names: Vec<&str> = REVIEWABLE.iter().map(Field::as_str).collect();
        ReviewError(format!("{name:?} is not a field a review can set; one of: {}", names.join(", ")))
    })
}

/// The place as a review keeps it.
#[derive(Serialize, Deserialize)]
struct PlaceValue {
    name: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// The dates as a review keeps them.
#[derive(Serialize, Deserialize)]
struct DatesValue {
    start: NaiveDate,
    end: NaiveDate,
}

/// An incident's field as JSON: the form reviews store values in.
pub fn value_of(inc: &Incident, field: Field) -> Value {
    match field {
        Field::Type => json!(inc.event_type.as_str()),
        Field::Date => match (inc.date_start, inc.date_end.or(inc.date_start)) {
            (Some(start), Some(end)) => json!(DatesValue { start, end }),
            _ => Value::Null,
        },
        Field::Country => json!(inc.country),
        Field::Place => match &inc.place {
            Some(name) => json!(PlaceValue { name: name.clone(), lat: inc.lat, lon: inc.lon }),
            None => Value::Null,
        },
        Field::Perpetrator => json!(inc.perpetrators),
        Field::Killed => json!(inc.killed),
        Field::Wounded => json!(inc.wounded),
        Field::Suicide => json!(inc.suicide),
        Field::Attackers => json!(inc.attackers),
        Field::AttackersKilled => json!(inc.attackers_killed),
        _ => Value::Null,
    }
}

fn unreadable(field: Field, value: &Value) -> ReviewError {
    ReviewError(format!("{value} is not a value of {}", field.as_str()))
}

fn from<T: serde::de::DeserializeOwned>(field: Field, value: &Value) -> Result<T, ReviewError> {
    serde_json::from_value(value.clone()).map_err(|_| unreadable(field, value))
}

/// Writes `value` (as [`value_of`] gives it; null for unknown) into the incident's field.
pub(crate) fn set_value(inc: &mut Incident, field: Field, value: &Value) -> Result<(), ReviewError> {
    match field {
        Field::Type => {
            inc.event_type = match value {
                Value::Null => EventType::Unknown,
                v => v.as_str().and_then(EventType::parse).ok_or_else(|| unreadable(field, v))?,
            }
        }
        Field::Date => {
            let dates: Option<DatesValue> = from(field, value)?;
            inc.date_start = dates.as_ref().map(|d| d.start);
            inc.date_end = dates.as_ref().map(|d| d.end);
        }
        Field::Country => inc.country = from(field, value)?,
        Field::Place => {
            let place: Option<PlaceValue> = from(field, value)?;
            inc.lat = place.as_ref().and_then(|p| p.lat);
            inc.lon = place.as_ref().and_then(|p| p.lon);
            inc.place = place.map(|p| p.name);
        }
        Field::Perpetrator => inc.perpetrators = from::<Option<Vec<Perpetrator>>>(field, value)?.unwrap_or_default(),
        Field::Killed => inc.killed = from(field, value)?,
        Field::Wounded => inc.wounded = from(field, value)?,
        Field::Suicide => inc.suicide = from(field, value)?,
        Field::Attackers => inc.attackers = from(field, value)?,
        Field::AttackersKilled => inc.attackers_killed = from(field, value)?,
        other => return Err(ReviewError(format!("the field {} cannot be reviewed", other.as_str()))),
    }
    Ok(())
}

/// Whether `value` is a value of `field` in the stored form.
pub(crate) fn check_value(field: Field, value: &Value) -> Result<(), ReviewError> {
    let mut probe = probe_incident();
    set_value(&mut probe, field, value)
}

fn probe_incident() -> Incident {
    Incident::new("", EventType::Unknown)
}

fn day(field: Field, s: &str) -> Result<NaiveDate, ReviewError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        ReviewError(format!("{s:?} is not a day: {} takes YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", field.as_str()))
    })
}

fn count(field: Field, s: &str) -> Result<CountRange, ReviewError> {
    let bad = || {
        ReviewError(format!(
            "{s:?} is not a count: {} takes a number (12), a range (10-15) or an open range (300+)",
            field.as_str()
        ))
    };
    let n = |t: &str| t.trim().parse::<u64>().map_err(|_| bad());
    let s = s.trim();
    if let Some(low) = s.strip_suffix('+') {
        return Ok(CountRange { low: n(low)?, high: None });
    }
    match s.split_once(['-', '–']) {
        Some((low, high)) => {
            let (low, high) = (n(low)?, n(high)?);
            if low > high {
                return Err(ReviewError(format!("{s:?}: the low end of a range comes first")));
            }
            Ok(CountRange { low, high: Some(high) })
        }
        None => Ok(CountRange::exact(n(s)?)),
    }
}

fn status(s: &str) -> Result<AttributionStatus, ReviewError> {
    use AttributionStatus::*;
    [Claimed, Attributed, Alleged, Suspected, Denied].into_iter().find(|st| st.as_str() == s.trim()).ok_or_else(|| {
        ReviewError(format!("{s:?} is not a status; one of: claimed, attributed, alleged, suspected, denied"))
    })
}

/// One perpetrator as typed: `Islamic State (claimed)`, or a name alone (attributed).
fn perpetrator(s: &str) -> Result<Perpetrator, ReviewError> {
    let s = s.trim();
    let (name, st) = match s.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((name, st)) => (name.trim(), status(st)?),
        None => (s, AttributionStatus::Attributed),
    };
    if name.is_empty() {
        return Err(ReviewError(format!("{s:?} names no perpetrator")));
    }
    Ok(Perpetrator { name: name.to_string(), status: st })
}

/// One coordinate pair as typed after a place's name: `Kerman; 30.28, 57.08`.
fn place(s: &str) -> Result<Value, ReviewError> {
    let (name, coords) = match s.split_once(';') {
        Some((name, coords)) => (name.trim(), Some(coords)),
        None => (s.trim(), None),
    };
    if name.is_empty() {
        return Err(ReviewError("a place needs a name (Kerman, or Kerman; 30.28, 57.08)".into()));
    }
    let (lat, lon) = match coords {
        None => (None, None),
        Some(c) => {
            let bad = || ReviewError(format!("{c:?} is not a latitude, longitude pair (30.28, 57.08)"));
            let (lat, lon) = c.split_once(',').ok_or_else(bad)?;
            let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
            let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(bad());
            }
            (Some(lat), Some(lon))
        }
    };
    Ok(json!(PlaceValue { name: name.to_string(), lat, lon }))
}

/// What an analyst typed for `field`, as the stored value; an empty text clears the field.
pub fn parse_value(field: Field, text: &str) -> Result<Value, ReviewError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Value::Null);
    }
    let value = match field {
        Field::Type => {
            let t = text.to_ascii_lowercase().replace([' ', '-'], "_");
            let parsed = EventType::parse(&t).ok_or_else(|| {
                let names: Vec<&str> = EventType::ALL.iter().map(EventType::as_str).collect();
                ReviewError(format!("{text:?} is not a type; one of: {}", names.join(", ")))
            })?;
            json!(parsed.as_str())
        }
        Field::Date => {
            let (start, end) = match text.split_once("..") {
                Some((a, b)) => (day(field, a)?, day(field, b)?),
                None => (day(field, text)?, day(field, text)?),
            };
            if start > end {
                return Err(ReviewError(format!("{text:?}: the first day comes first")));
            }
            json!(DatesValue { start, end })
        }
        Field::Country => {
            if text.len() != 2 || !text.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(ReviewError(format!("{text:?} is not a country: a two-letter ISO 3166-1 code (PK, FR)")));
            }
            json!(text.to_ascii_uppercase())
        }
        Field::Place => place(text)?,
        Field::Perpetrator => {
            let list = text.split(';').filter(|p| !p.trim().is_empty()).map(perpetrator);
            json!(list.collect::<Result<Vec<_>, _>>()?)
        }
        Field::Killed | Field::Wounded | Field::AttackersKilled => json!(count(field, text)?),
        Field::Suicide => match text.to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" => json!(true),
            "no" | "false" | "0" => json!(false),
            _ => return Err(ReviewError(format!("{text:?}: suicide takes yes or no"))),
        },
        Field::Attackers => {
            json!(text.parse::<u32>().map_err(|_| ReviewError(format!("{text:?}: attackers takes a whole number")))?)
        }
        other => return Err(ReviewError(format!("the field {} cannot be reviewed", other.as_str()))),
    };
    Ok(value)
}

/// A stored value for people ("2024-01-03", "90–100", "Islamic State (claimed)", "unknown").
pub fn render_value(field: Field, value: &Value) -> String {
    let mut probe = probe_incident();
    if value.is_null() || set_value(&mut probe, field, value).is_err() {
        return "unknown".into();
    }
    match field {
        Field::Type => probe.event_type.as_str().to_string(),
        Field::Date => match (probe.date_start, probe.date_end) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.to_string(),
            _ => "unknown".into(),
        },
        Field::Country => probe.country.unwrap_or_default(),
        Field::Place => match (probe.place, probe.lat, probe.lon) {
            (Some(p), Some(lat), Some(lon)) => format!("{p} ({lat}, {lon})"),
            (Some(p), _, _) => p,
            _ => "unknown".into(),
        },
        Field::Perpetrator if probe.perpetrators.is_empty() => "none".into(),
        Field::Perpetrator => probe
            .perpetrators
            .iter()
            .map(|p| format!("{} ({})", p.name, p.status.as_str()))
            .collect::<Vec<_>>()
            .join("; "),
        Field::Killed => probe.killed.map(|c| c.to_string()).unwrap_or_default(),
        Field::Wounded => probe.wounded.map(|c| c.to_string()).unwrap_or_default(),
        Field::Suicide => if probe.suicide == Some(true) { "yes" } else { "no" }.into(),
        Field::Attackers => probe.attackers.map(|a| a.to_string()).unwrap_or_default(),
        Field::AttackersKilled => probe.attackers_killed.map(|c| c.to_string()).unwrap_or_default(),
        _ => value.to_string(),
    }
}
