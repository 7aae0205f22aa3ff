//! Prints the places and actors found in a file or in standard input, one per line.
//!
//!     cargo run -p annalist-knowledge --example places -- FILE

use annalist_knowledge::{ActorBase, Gazetteer};
use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(&path).unwrap_or_else(|e| format!("cannot read {path}: {e}")),
        None => {
            if std::io::stdin().read_to_string(&mut text).is_err() {
                eprintln!("standard input is not UTF-8 text");
            }
        }
    }
    for m in Gazetteer::builtin().find_places(&text) {
        let (lat, lon) = (m.place.lat.unwrap_or(f64::NAN), m.place.lon.unwrap_or(f64::NAN));
        println!(
            "place\t{}..{}\t{:?}\t{} ({}, {:?}, {:?}) {lat:.3},{lon:.3}",
            m.span.start,
            m.span.end,
            m.span.slice(&text),
            m.place.name,
            m.place.country,
            m.place.kind,
            m.role
        );
    }
    for m in ActorBase::builtin().find_actors(&text) {
        println!(
            "actor\t{}..{}\t{:?}\t{} ({}, {:?})",
            m.span.start,
            m.span.end,
            m.span.slice(&text),
            m.name,
            m.actor,
            m.kind
        );
    }
}
