//! Prints what the normaliser reads in each argument, for a quick look.
//!
//!     cargo run -p annalist-normalize --example probe -- [--ref YYYY-MM-DD] "text" ...

use annalist_normalize::{find_quantities, find_times, TimeOptions};
use chrono::NaiveDate;

fn main() {
    let mut reference = NaiveDate::from_ymd_opt(2024, 1, 12);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--ref" {
            reference = args.next().and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            continue;
        }
        println!("{a}");
        for e in find_times(&a, reference, &TimeOptions::default()) {
            println!("  time {:?} {:?} {:?}", e.span.slice(&a), e.kind, e.value);
        }
        for q in find_quantities(&a) {
            println!("  count {:?} {} {:?}", q.span.slice(&a), q.count, q.qualifier);
        }
    }
}
