//! Prints how long building the built-in gazetteer and actor base takes, and the memory they hold.
//!
//!     cargo run -p annalist-knowledge --release --example load_time

use annalist_knowledge::{ActorBase, Gazetteer};
use std::time::Instant;

fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

fn main() {
    let before = resident_mb().unwrap_or(0.0);
    let t = Instant::now();
    let g = Gazetteer::builtin();
    let gaz = t.elapsed();
    let t = Instant::now();
    let a = ActorBase::builtin();
    let act = t.elapsed();
    let (names, places) = g.size();
    println!(
        "gazetteer: {:.1} ms ({places} places, {names} names); actors: {:.1} ms ({} actors); resident {:.1} MB (+{:.1} MB)",
        gaz.as_secs_f64() * 1e3,
        act.as_secs_f64() * 1e3,
        a.actors().len(),
        resident_mb().unwrap_or(0.0),
        resident_mb().unwrap_or(0.0) - before
    );
}
