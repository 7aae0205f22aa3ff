//! Counts as casualty sentences state them.

use annalist_model::CountRange;
use annalist_normalize::{find_quantities, Qualifier};

fn open(low: u64) -> CountRange {
    CountRange { low, high: None }
}

fn between(low: u64, high: u64) -> CountRange {
    CountRange { low, high: Some(high) }
}

/// The one count in `text` with its qualifier and quoted words.
fn one(text: &str) -> (CountRange, Qualifier, String) {
    let found = find_quantities(text);
    assert_eq!(found.len(), 1, "expected one count in {text:?}, got {found:?}");
    (found[0].count, found[0].qualifier, found[0].span.slice(text).to_string())
}

#[test]
fn digits_and_number_words_are_exact_counts() {
    assert_eq!(one("Two Tajik members were arrested.").0, CountRange::exact(2));
    assert_eq!(one("eleven people were hurt").0, CountRange::exact(11));
    assert_eq!(one("a dozen houses burned").0, CountRange::exact(12));
    assert_eq!(one("1,200 people fled").0, CountRange::exact(1200));
    assert_eq!(one("1.2 million people fled").0, CountRange::exact(1_200_000));
    assert_eq!(one("3 million people fled").0, CountRange::exact(3_000_000));
    assert_eq!(one("twenty-five soldiers").0, CountRange::exact(25));
    assert_eq!(one("one hundred and five bodies").0, CountRange::exact(105));
    assert_eq!(one("Two Tajik members were arrested.").1, Qualifier::Exact);
}

#[test]
fn hedges_bound_the_count() {
    assert_eq!(one("nearly 100 people were killed").0, between(90, 99));
    assert_eq!(one("almost 100 people were killed").1, Qualifier::Approximate);
    assert_eq!(one("about 100 people").0, CountRange::exact(100));
    assert_eq!(one("some 200 people").1, Qualifier::Approximate);
    assert_eq!(one("more than 300 were wounded").0, open(301));
    assert_eq!(one("over 300 were wounded").1, Qualifier::MoreThan);
    assert_eq!(one("at least 15 were killed").0, open(15));
    assert_eq!(one("up to 20 gunmen").0, between(0, 20));
    assert_eq!(one("at least five million").0, open(5_000_000));
    assert_eq!(one("more than a dozen").0, open(13));
}

#[test]
fn the_hedge_is_part_of_the_span() {
    assert_eq!(one("Officials said nearly 100 people died.").2, "nearly 100");
}

#[test]
fn vague_words_are_ranges() {
    assert_eq!(one("dozens were wounded"), (between(24, 99), Qualifier::Vague, "dozens".to_string()));
    assert_eq!(one("scores of people").0, between(40, 199));
    assert_eq!(one("hundreds marched").0, between(200, 999));
    assert_eq!(one("several guards").0, between(3, 9));
    assert_eq!(one("tens of thousands mourned").0, between(20_000, 99_999));
}

#[test]
fn ranges_in_words_and_digits() {
    for text in ["between 90 and 103 dead", "95-103 dead", "90 to 103 dead"] {
        let (count, q, _) = one(text);
        assert_eq!(q, Qualifier::Range, "{text}");
        assert!(count.high == Some(103), "{text}: {count:?}");
    }
    assert_eq!(one("two or three attackers").0, between(2, 3));
}

#[test]
fn ordinals_years_ids_and_money_are_not_counts() {
    for text in [
        "the fourth anniversary",
        "the 4th anniversary",
        "in 1979 the revolution",
        "the 2022 attack",
        "See Issue 31",
        "Quran 2:191",
        "a reward of $2,000",
        "an F-16 crashed",
        "COVID-19 rules",
        "at 10:30",
        "40 percent of voters",
        "On January 3, 2024",
    ] {
        assert!(find_quantities(text).is_empty(), "{text:?} gave {:?}", find_quantities(text));
    }
}

#[test]
fn dates_spoken_with_counts_are_not_counts() {
    let found = find_quantities("Two days before the attack, 14 men were seen.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].count, CountRange::exact(14));
}

#[test]
fn one_pass_for_both_gives_what_each_gives_alone() {
    use annalist_normalize::{find_times, find_times_and_quantities, TimeOptions};
    let reference = chrono::NaiveDate::from_ymd_opt(2024, 1, 12);
    let text = "About 3 weeks ago, more than 300 people fled; two days later at least 15 died on January 4.";
    let (times, counts) = find_times_and_quantities(text, reference, &TimeOptions::default());
    assert_eq!(times, find_times(text, reference, &TimeOptions::default()));
    assert_eq!(counts, find_quantities(text));
    assert_eq!(times.len(), 3, "{times:?}");
}

#[test]
fn scales_glued_to_digits_but_not_calibres_or_lengths() {
    assert_eq!(one("a budget of 2bn").0, CountRange::exact(2_000_000_000));
    assert_eq!(one("13 lakh people").0, CountRange::exact(1_300_000));
    assert!(find_quantities("a 9mm pistol").is_empty());
    assert_eq!(one("77m people watched").0, CountRange::exact(77_000_000));
    assert!(find_quantities("a wall 1m high").is_empty());
}

#[test]
fn ordinals_are_ranks_whatever_their_case_or_digits() {
    for w in ["third", "Thirteenth", "13th", "21st", "first"] {
        assert!(annalist_normalize::is_ordinal(w), "{w}");
    }
    for w in ["three", "13", "th", "month", "thirteen"] {
        assert!(!annalist_normalize::is_ordinal(w), "{w}");
    }
}
