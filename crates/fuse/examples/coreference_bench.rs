//! Coreference cost at corpus scale: fuses N synthetic frames (default 50,000) spread over 60
//! countries, 12 cities each and four years — a mix of exact days, months, undated main
//! reports and country-only mentions, as a large news crawl gives — once with the blocked
//! candidate search `fuse` uses and once scanning every cluster (up to `SCAN_LIMIT` frames; the
//! scan is quadratic), checks that both give the same incidents, and prints frames per second.
//!
//!     cargo run --release -p annalist-fuse --example coreference_bench [-- N]

use annalist_fuse::{fuse_with, Coreference, SourcedFrame};
use annalist_model::{
    CountRange, DateInterval, DatePrecision, EventFrame, EventType, Evidenced, Place, PlaceKind, Span,
};
use chrono::{Duration, NaiveDate};
use std::time::Instant;

fn ev<T>(value: T) -> Option<Evidenced<T>> {
    Some(Evidenced { value, span: Span::new(0, 1), sentence: Span::new(0, 10), quote: "a sentence".into() })
}

/// A deterministic generator (64-bit LCG), so every run fuses the same frames.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn frames(n: usize) -> Vec<SourcedFrame> {
    let mut rng = Lcg(42);
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid day");
    let types = [EventType::Bombing, EventType::ArmedAssault, EventType::Airstrike, EventType::Kidnapping];
    (0..n)
        .map(|seq| {
            let country = format!("C{}", rng.below(60));
            let day = first + Duration::days(rng.below(4 * 365) as i64);
            let mut f = EventFrame::new(
                &format!("doc{seq}"),
                types[rng.below(types.len() as u64) as usize],
                Span::new(0, 4),
                Span::new(0, 10),
                "a sentence",
            );
            f.main = rng.below(2) == 0;
            f.date = match rng.below(6) {
                0 => None,
                1 => ev(DateInterval { start: day, end: day + Duration::days(29), precision: DatePrecision::Month }),
                _ => ev(DateInterval::day(day)),
            };
            f.country = ev(country.clone());
            if rng.below(3) != 0 {
                f.place = ev(Place {
                    name: format!("{country}-city{}", rng.below(12)),
                    country: country.clone(),
                    kind: PlaceKind::City,
                    lat: None,
                    lon: None,
                    admin1: None,
                });
            }
            if rng.below(4) == 0 {
                f.killed = ev(CountRange::exact(rng.below(30)));
            }
            let published = day + Duration::days(rng.below(3) as i64);
            SourcedFrame {
                frame: f,
                outlet: None,
                published: Some(published),
                duplicate_of: None,
                seq: seq as i64,
                article_country: None,
            }
        })
        .collect()
}

/// Above this many frames only the blocked search runs.
const SCAN_LIMIT: usize = 50_000;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let frames = frames(n);
    let centroid = |_: &str| None;
    let mut results = Vec::new();
    let modes: &[Coreference] =
        if n <= SCAN_LIMIT { &[Coreference::Blocked, Coreference::Scan] } else { &[Coreference::Blocked] };
    for &mode in modes {
        let started = Instant::now();
        let incidents = fuse_with(&frames, &centroid, mode);
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{mode:?}: {n} frames -> {} incidents in {secs:.2} s, {:.0} frames/s",
            incidents.len(),
            n as f64 / secs
        );
        results.push(incidents.into_iter().map(|i| (i.id, i.sources)).collect::<Vec<_>>());
    }
    if let [blocked, scanned] = &results[..] {
        assert_eq!(blocked, scanned, "blocked and scanning coreference must give the same incidents");
        println!("same incidents both ways");
    } else {
        println!("scan skipped above {SCAN_LIMIT} frames");
    }
}
