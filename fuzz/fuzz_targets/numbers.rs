//! The quantity normaliser (counts, ranges, vague and bounded figures), alone and in the joint
//! pass with the time normaliser, which must agree.
#![no_main]
use annalist_normalize::{find_quantities, find_times_and_quantities, TimeOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let quantities = find_quantities(&text);
    let mut last = 0;
    for q in &quantities {
        annalist_fuzz::check_span(&text, q.span, "quantity");
        assert!(q.span.start >= last, "quantities overlap");
        last = q.span.end;
        if let Some(high) = q.count.high {
            assert!(q.count.low <= high, "a range {:?} for {:?}", q.count, &text[q.span.start..q.span.end]);
        }
    }
    let (_, joint) = find_times_and_quantities(&text, None, &TimeOptions::default());
    assert_eq!(joint, quantities, "the joint pass disagrees");
});
