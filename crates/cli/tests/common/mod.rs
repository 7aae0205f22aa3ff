//! What the reliability tests share: the binary, a generated corpus, store snapshots.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_annalist")
}

pub fn annalist(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("the binary runs")
}

pub fn ok(args: &[&str]) -> String {
    let out = annalist(args);
    assert!(out.status.success(), "annalist {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-rel-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small deterministic generator (xorshift64*), so that a failing run can be repeated from
/// its printed seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A seed from the environment (`ANNALIST_TEST_SEED`) or the clock, printed.
pub fn seed() -> u64 {
    let seed = std::env::var("ANNALIST_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("seed {seed} (repeat with ANNALIST_TEST_SEED={seed})");
    seed
}

const PLACES: [(&str, &str); 10] = [
    ("Kabul", "Afghanistan"),
    ("Baghdad", "Iraq"),
    ("Mogadishu", "Somalia"),
    ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"),
    ("Maiduguri", "Nigeria"),
    ("Aden", "Yemen"),
    ("Kerman", "Iran"),
    ("Damascus", "Syria"),
    ("Bamako", "Mali"),
];

const ATTACKS: [(&str, &str); 4] = [
    ("Car bomb hits market", "A car bomb exploded near a crowded market"),
    ("Gunmen attack checkpoint", "Gunmen opened fire on a police checkpoint"),
    ("Suicide bombing at mosque", "A suicide bomber blew himself up at a mosque"),
    ("Militants storm police station", "Militants stormed a police station"),
];

const DETAILS: [&str; 16] = [
    "Ambulances ferried the injured to two hospitals across the city.",
    "Shop owners said the blast shattered windows several streets away.",
    "The interior ministry promised a full investigation into the security failure.",
    "Local television showed burnt-out vehicles and debris scattered over the road.",
    "A curfew was imposed in the surrounding districts until further notice.",
    "Hospital officials appealed for blood donations as the toll rose.",
    "Security forces sealed off the area and began searching nearby houses.",
    "The United Nations envoy condemned the violence in a statement.",
    "Residents said gunfire could be heard for nearly an hour afterwards.",
    "Schools in the province were closed for the rest of the week.",
    "A spokesman for the provincial governor described the attackers as cowards.",
    "Funerals for several of the victims were held the following morning.",
    "Analysts said the attack bore the hallmarks of earlier insurgent operations.",
    "Traffic on the main highway was diverted while investigators worked.",
    "Relatives gathered outside the morgue waiting for news of the missing.",
    "Police later arrested two suspects in connection with the attack.",
];

/// Writes `n` small generated news reports into `dir` (three reports of each event, their
/// figures disagreeing a little, every tenth a syndicated copy of the one before), as `.txt`
/// files; answers the folder.
pub fn write_corpus(dir: &Path, n: usize) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut previous = String::new();
    for i in 0..n {
        let text = if i % 10 == 9 {
            previous.clone()
        } else {
            let event = i / 3;
            let (city, country) = PLACES[event % PLACES.len()];
            let (title, lead) = ATTACKS[(event / PLACES.len()) % ATTACKS.len()];
            let day = epoch + chrono::Duration::days(event as i64);
            let killed = 3 + (event * 7) % 40 + i % 3;
            let wounded = killed * 2 + i % 5;
            let colour = |k: usize| DETAILS[(i * 7 + k * 13 + event) % DETAILS.len()];
            format!(
                "{title} in {city}\n\n{upper}, {date} — {lead} in {city}, {country}, on {weekday}, killing {killed} people and wounding {wounded} others, officials said.\n\n{} {} {} No group has claimed responsibility for the attack (report {i}, event {event}).\n",
                colour(0),
                colour(1),
                colour(2),
                upper = city.to_uppercase(),
                date = day.format("%-d %B %Y"),
                weekday = day.format("%A"),
            )
        };
        std::fs::write(corpus.join(format!("report-{i:05}.txt")), &text).unwrap();
        previous = text;
    }
    corpus
}

/// What a store holds, for comparing runs: each document with its content hash, duplicate link
/// and frame count; the integrity check's answer.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub documents: BTreeMap<String, (String, Option<String>)>,
    pub frames: BTreeMap<String, usize>,
    pub integrity: String,
    pub document_rows: usize,
}

pub fn snapshot(db: &Path) -> Snapshot {
    let store = annalist_store::Store::open(db).expect("the store opens after a kill");
    let integrity = store.integrity_check().expect("the integrity check runs");
    let docs = store.documents().expect("documents read");
    let document_rows = docs.len();
    let mut documents = BTreeMap::new();
    for d in docs {
        let hash = store.article(&d.id).unwrap().map(|a| a.content_hash).unwrap_or_default();
        documents.insert(d.id, (hash, d.duplicate_of));
    }
    let mut frames = BTreeMap::new();
    for f in store.frames().expect("frames read") {
        *frames.entry(f.frame.document.clone()).or_insert(0) += 1;
    }
    Snapshot { documents, frames, integrity, document_rows }
}
