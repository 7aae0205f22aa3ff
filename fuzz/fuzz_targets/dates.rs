//! The time normaliser: expressions found, resolved against a reference day taken from the
//! first bytes (any day from year 1 to 9999, or none), numeric dates read either way.
#![no_main]
use annalist_normalize::{find_times, TimeOptions, TimeValue};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]) as i64 * 56; // spans 0001..9999
    let reference =
        (data[2] & 1 == 0).then(|| chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Duration::days(days));
    let options = TimeOptions { day_first: data[2] & 2 != 0 };
    let text = String::from_utf8_lossy(&data[3..]);
    let mut last = 0;
    for t in find_times(&text, reference, &options) {
        annalist_fuzz::check_span(&text, t.span, "time expression");
        assert!(t.span.start >= last, "time expressions overlap");
        last = t.span.end;
        if let TimeValue::Interval(i) = t.value {
            assert!(
                i.start <= i.end,
                "an interval ending before it starts: {i:?} for {:?}",
                &text[t.span.start..t.span.end]
            );
        }
    }
});
