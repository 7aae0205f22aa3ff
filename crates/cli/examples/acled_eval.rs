//! Short-text extraction against ACLED coders: each note of the ACLED Asia 2015 export (10,194
//! events) is read as a JSON Lines record (`id`, `text`, `date`) through the ingest reader and
//! cleaner, extracted as one article dated the last day of its event's month, and
//! what annalist reads is held against what the coder recorded.
//!
//! - fatalities: the largest low death toll among the note's events that happened (0 when it
//!   reports none), against ACLED's `FATALITIES`, exact match. Most ACLED events have none
//!   (protests), so the figure is printed beside the "always 0" baseline and separately for the
//!   notes with and without deaths — the last two are the ones that say something.
//! - event type: the type of the note's main event, mapped to ACLED's 2015 categories, against
//!   the coder's `EVENT_TYPE`, as a confusion table (annalist has no protest or battle types:
//!   those are outside what it codes, and show as such).
//!
//!     cargo run --release -p annalist --example acled_eval [-- ACLED_CSV] [--misses N]

mod common;
use annalist_extract::Extractor;
use annalist_model::{CountRange, EventFrame, EventStatus, EventType, Evidenced};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// ACLED's 2015 category for an annalist event type.
fn acled_category(t: Option<EventType>) -> &'static str {
    match t {
        None => "(no event)",
        Some(EventType::Bombing | EventType::Airstrike) => "Remote violence",
        Some(
            EventType::ArmedAssault
            | EventType::Assassination
            | EventType::Kidnapping
            | EventType::HostageTaking
            | EventType::Hijacking
            | EventType::UnarmedAssault
            | EventType::FacilityAttack,
        ) => "Violence against civilians",
        Some(EventType::Arrest | EventType::FoiledPlot) => "Strategic development",
        Some(EventType::Unknown) => "(untyped event)",
    }
}

/// "01-January-2015" → the last day of that month.
fn month_end(event_date: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(event_date, "%d-%B-%Y").ok()?;
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)?
    };
    next.pred_opt()
}

struct Row {
    id: String,
    date: Option<NaiveDate>,
    event_type: String,
    notes: String,
    fatalities: u64,
}

struct Read {
    fatalities: u64,
    main_type: Option<EventType>,
}

fn main() {
    let mut path = "../shared/eval/data/acled-asia-2015/acled.csv".to_string();
    let mut misses = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--misses" {
            misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            path = arg;
        }
    }
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let headers = reader.headers().expect("a header row").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (id, date, kind, notes, fatalities) =
        (col("EVENT_ID_CNTY"), col("EVENT_DATE"), col("EVENT_TYPE"), col("NOTES"), col("FATALITIES"));
    let rows: Vec<Row> = reader
        .records()
        .filter_map(|r| r.ok())
        .map(|r| Row {
            id: r[id].to_string(),
            date: month_end(&r[date]),
            event_type: r[kind].trim().to_string(),
            notes: r[notes].to_string(),
            fatalities: r[fatalities].trim().parse().unwrap_or(0),
        })
        .collect();

    let extractor = Extractor::builtin();
    let started = std::time::Instant::now();
    let read: Vec<Read> = rows
        .par_iter()
        .map(|row| {
            // one JSON Lines record, as a user exports the notes: id, text, date
            let record =
                serde_json::json!({"id": &row.id, "text": &row.notes, "date": row.date.map(|d| d.to_string())});
            let read = common::read_as_ingest("acled.jsonl", record.to_string().into_bytes()).pop();
            let Some(Ok(article)) = read else { return Read { fatalities: 0, main_type: None } };
            let frames = extractor.frames(&article);
            let happened = frames.iter().filter(|f| matches!(f.status, EventStatus::Happened));
            // ACLED's fatalities are everyone who died, attackers among them
            let dead = |f: &EventFrame| {
                let low = |c: &Option<Evidenced<CountRange>>| c.as_ref().map(|c| c.value.low);
                low(&f.killed).into_iter().chain(low(&f.attackers_killed)).reduce(|a, b| a + b)
            };
            let fatalities = happened.filter_map(dead).max().unwrap_or(0);
            let main_type = frames.iter().find(|f| f.main).or(frames.first()).map(|f| f.event_type);
            Read { fatalities, main_type }
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();

    let share = |hits: usize, n: usize| if n == 0 { 0.0 } else { hits as f64 / n as f64 };
    let exact = rows.iter().zip(&read).filter(|(r, p)| r.fatalities == p.fatalities).count();
    let deadly: Vec<(&Row, &Read)> = rows.iter().zip(&read).filter(|(r, _)| r.fatalities > 0).collect();
    let deadly_exact = deadly.iter().filter(|(r, p)| r.fatalities == p.fatalities).count();
    let calm: Vec<(&Row, &Read)> = rows.iter().zip(&read).filter(|(r, _)| r.fatalities == 0).collect();
    let calm_exact = calm.iter().filter(|(_, p)| p.fatalities == 0).count();
    let baseline = calm.len();
    println!("acled-asia-2015: {} notes, cleaned and extracted in {seconds:.1} s", rows.len());
    println!(
        "fatalities exact match: {:.3} ({exact}/{}); always-0 baseline {:.3}",
        share(exact, rows.len()),
        rows.len(),
        share(baseline, rows.len())
    );
    println!(
        "  notes with deaths: {:.3} ({deadly_exact}/{}); notes without: {:.3} ({calm_exact}/{})",
        share(deadly_exact, deadly.len()),
        deadly.len(),
        share(calm_exact, calm.len()),
        calm.len()
    );

    let mut confusion: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (r, p) in rows.iter().zip(&read) {
        *confusion.entry(r.event_type.as_str()).or_default().entry(acled_category(p.main_type)).or_default() += 1;
    }
    let columns =
        ["Remote violence", "Violence against civilians", "Strategic development", "(untyped event)", "(no event)"];
    println!("\nevent type: ACLED (rows) by annalist's main event (columns)");
    print!("{:<45}", "");
    for c in columns {
        print!("{:>14}", c.chars().take(13).collect::<String>());
    }
    println!();
    for (acled, row) in &confusion {
        print!("{:<45}", acled);
        for c in columns {
            print!("{:>14}", row.get(c).copied().unwrap_or(0));
        }
        println!();
    }
    let comparable = ["Remote violence", "Violence against civilians", "Strategic development"];
    let (agree, total) = rows
        .iter()
        .zip(&read)
        .filter(|(r, _)| comparable.contains(&r.event_type.as_str()))
        .fold((0, 0), |(a, t), (r, p)| (a + usize::from(acled_category(p.main_type) == r.event_type), t + 1));
    println!("agreement on the types annalist codes: {:.3} ({agree}/{total})", share(agree, total));

    for (r, p) in deadly.iter().filter(|(r, p)| r.fatalities != p.fatalities).take(misses) {
        println!("\n{} ACLED {} annalist {}: {}", r.id, r.fatalities, p.fatalities, r.notes.replace('\n', " "));
    }
}
