use super::*;
use crate::sketch::words_of;

const HARBOUR: &str = "\
Two explosions struck the harbour district of a coastal city on Tuesday evening, killing at least 14 people and wounding dozens more, local officials said.
The first blast hit a crowded fish market shortly after sunset, when traders were closing their stalls. A second device went off about twenty minutes later near an ambulance station, as rescuers arrived.
The provincial governor told reporters that the attack bore the marks of a coordinated plan and that investigators were examining footage from cameras along the waterfront.
No group had claimed responsibility by Wednesday morning. A militant faction active in the hills north of the city has carried out similar attacks on markets in the past two years.
Hospitals in the region appealed for blood donors, and the health ministry said several of the wounded were in critical condition.
Security forces closed the main coastal road and set up checkpoints at the entrances to the port, while the interior minister promised a full inquiry.";

const PIPELINE: &str = "\
Gunmen attacked a convoy guarding pipeline workers in a remote desert province on Friday, officials said, in the third assault on the project this year.
Four guards and a driver were killed when the attackers opened fire from two pickup trucks, according to a statement from the energy company building the line.
The company said it had suspended work on the eastern section and moved its staff to a base near the provincial capital.
A separatist group that opposes the project on the grounds that local people gain nothing from it said in a message to journalists that its fighters had carried out the raid.
The government condemned the killing and said troops had been sent to search the area, which borders a mountain range often used by armed groups to cross the frontier.";

const ELECTION: &str = "\
Voters in the capital queued for hours on Sunday in a parliamentary election that the opposition had threatened to boycott until the last minute.
Turnout reached 58 per cent by mid afternoon, the electoral commission said, higher than at the previous vote four years ago.
Observers from a regional body reported delays at several polling stations where ballot papers ran short, but said they had seen no sign of organised fraud.
The governing party is expected to keep its majority, although polls suggest the opposition alliance will win most seats in the northern provinces.
Results are due on Tuesday.";

fn meta(text: &str) -> ArticleMeta {
    ArticleMeta { published: None, text_len: text.len() }
}

fn dated(text: &str, day: &str) -> ArticleMeta {
    ArticleMeta { published: NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(), text_len: text.len() }
}

/// The first `share` of `text`'s lines, cut at a line boundary.
fn first_lines(text: &str, lines: usize) -> String {
    text.lines().take(lines).collect::<Vec<_>>().join("\n")
}

#[test]
fn words_ignore_case_punctuation_and_quote_style() {
    assert_eq!(words_of("Iran’s “big” day, he said."), words_of("IRAN'S \"big\" day -- he said"));
    assert_ne!(words_of("big day"), words_of("bigday"));
    assert!(words_of("  ...  “ ” ").is_empty());
}

#[test]
fn sketch_round_trips_through_its_persisted_bytes() {
    let sketch = Sketch::of(HARBOUR);
    let bytes = sketch.to_bytes();
    assert_eq!(bytes.len(), SKETCH_BYTES);
    assert_eq!(Sketch::from_bytes(&bytes), Ok(sketch));
}

#[test]
fn damaged_sketch_bytes_are_errors_not_panics() {
    let bytes = Sketch::of(PIPELINE).to_bytes();
    assert_eq!(Sketch::from_bytes(&bytes[..10]), Err(DedupError::SketchLength { expected: SKETCH_BYTES, found: 10 }));
    let mut wrong_version = bytes.clone();
    wrong_version[0] = 99;
    assert!(matches!(Sketch::from_bytes(&wrong_version), Err(DedupError::SketchVersion { found: 99, .. })));
    assert!(Sketch::from_bytes(&[]).is_err());
}

#[test]
fn reformatted_copy_is_near_equal() {
    let reformatted = HARBOUR.replace('\n', "\n\n").replace("said.", "said .").to_uppercase();
    let sim = Sketch::of(HARBOUR).compare(&Sketch::of(&reformatted));
    assert_eq!(sim.jaccard, 1.0);
}

#[test]
fn different_stories_are_far_apart() {
    for (a, b) in [(HARBOUR, PIPELINE), (HARBOUR, ELECTION), (PIPELINE, ELECTION)] {
        let sim = Sketch::of(a).compare(&Sketch::of(b));
        assert!(sim.jaccard < 0.1, "{sim:?}");
        assert!(!DedupConfig::default().is_duplicate(&sim), "{sim:?}");
    }
}

#[test]
fn truncated_copy_with_dateline_is_contained() {
    let copy = format!("PORT CITY, March 4 (Wire) -\n{}", first_lines(HARBOUR, 3));
    let sim = Sketch::of(&copy).compare(&Sketch::of(HARBOUR));
    assert!(sim.jaccard < 0.7, "a partial copy is not near-equal: {sim:?}");
    assert!(sim.containment > 0.8, "{sim:?}");
    assert!(DedupConfig::default().is_duplicate(&sim));
}

#[test]
fn copy_added_after_its_original_points_at_it() {
    let mut index = DedupIndex::default();
    let copy = format!("PORT CITY (Wire) -- {}", first_lines(HARBOUR, 4));
    assert_eq!(index.add("full", Sketch::of(HARBOUR), meta(HARBOUR)), DedupOutcome::default());
    assert_eq!(index.add("other", Sketch::of(PIPELINE), meta(PIPELINE)), DedupOutcome::default());
    let outcome = index.add("copy", Sketch::of(&copy), meta(&copy));
    assert_eq!(outcome.duplicate_of.as_deref(), Some("full"));
    assert!(outcome.repointed.is_empty());
    assert_eq!(index.duplicate_of("copy"), Some("full"));
    assert_eq!(index.duplicate_of("full"), None);
    assert_eq!(index.duplicate_of("other"), None);
}

#[test]
fn fuller_version_arriving_later_becomes_the_original() {
    let mut index = DedupIndex::default();
    let short = first_lines(HARBOUR, 3);
    let medium = format!("{}\nRead more: our coverage of the region.", first_lines(HARBOUR, 5));
    assert_eq!(index.add("short", Sketch::of(&short), meta(&short)).duplicate_of, None);
    let outcome = index.add("medium", Sketch::of(&medium), meta(&medium));
    assert_eq!(outcome.duplicate_of, None);
    assert_eq!(outcome.repointed, vec![("short".to_string(), "medium".to_string())]);

    let outcome = index.add("full", Sketch::of(HARBOUR), meta(HARBOUR));
    assert_eq!(outcome.duplicate_of, None);
    let mut moved = outcome.repointed.clone();
    moved.sort();
    assert_eq!(moved, vec![("medium".to_string(), "full".to_string()), ("short".to_string(), "full".to_string())]);
    assert_eq!(index.duplicate_of("short"), Some("full"));
    assert_eq!(index.duplicate_of("medium"), Some("full"));
}

#[test]
fn equal_length_copies_prefer_the_earliest_date() {
    let mut index = DedupIndex::default();
    let later = index.add("later", Sketch::of(PIPELINE), dated(PIPELINE, "2024-01-05"));
    assert_eq!(later, DedupOutcome::default());
    let earlier = index.add("earlier", Sketch::of(PIPELINE), dated(PIPELINE, "2024-01-04"));
    assert_eq!(earlier.duplicate_of, None);
    assert_eq!(earlier.repointed, vec![("later".to_string(), "earlier".to_string())]);
    // Same length, unknown date: the dated one stays the original.
    let undated = index.add("undated", Sketch::of(PIPELINE), meta(PIPELINE));
    assert_eq!(undated.duplicate_of.as_deref(), Some("earlier"));
}

#[test]
fn adding_an_id_again_changes_nothing() {
    let mut index = DedupIndex::default();
    index.add("a", Sketch::of(ELECTION), meta(ELECTION));
    let b = index.add("b", Sketch::of(ELECTION), meta(ELECTION));
    assert_eq!(b.duplicate_of.as_deref(), Some("a"));
    let again = index.add("a", Sketch::of(HARBOUR), meta(HARBOUR));
    assert_eq!(again, DedupOutcome::default());
    let again = index.add("b", Sketch::of(ELECTION), meta(ELECTION));
    assert_eq!(again.duplicate_of.as_deref(), Some("a"));
    assert_eq!(index.len(), 2);
}

#[test]
fn texts_without_words_match_nothing() {
    let mut index = DedupIndex::default();
    assert!(Sketch::of("").is_empty());
    index.add("empty-1", Sketch::of(""), meta(""));
    let outcome = index.add("empty-2", Sketch::of(" -- "), meta(" -- "));
    assert_eq!(outcome, DedupOutcome::default());
}

#[test]
fn a_shared_quote_does_not_make_a_copy() {
    // Two different reports that share one long quoted sentence.
    let quote = "The provincial governor told reporters that the attack bore the marks of a coordinated plan and that investigators were examining footage from cameras along the waterfront.";
    let other = format!("{PIPELINE}\n{quote}");
    let sim = Sketch::of(&other).compare(&Sketch::of(HARBOUR));
    assert!(!DedupConfig::default().is_duplicate(&sim), "{sim:?}");
}

#[test]
fn rebuilding_from_persisted_sketches_gives_the_same_families() {
    let texts = [HARBOUR.to_string(), first_lines(HARBOUR, 2), PIPELINE.to_string(), first_lines(PIPELINE, 3)];
    let mut first = DedupIndex::default();
    let stored: Vec<Vec<u8>> = texts.iter().map(|t| Sketch::of(t).to_bytes()).collect();
    for (i, t) in texts.iter().enumerate() {
        first.add(&i.to_string(), Sketch::of(t), meta(t));
    }
    let mut rebuilt = DedupIndex::default();
    for (i, (bytes, t)) in stored.iter().zip(&texts).enumerate() {
        rebuilt.add(&i.to_string(), Sketch::from_bytes(bytes).unwrap(), meta(t));
    }
    for i in 0..texts.len() {
        let id = i.to_string();
        assert_eq!(first.duplicate_of(&id), rebuilt.duplicate_of(&id));
    }
    assert_eq!(rebuilt.duplicate_of("1"), Some("0"));
    assert_eq!(rebuilt.duplicate_of("3"), Some("2"));
}

#[test]
fn kerman_truncated_syndicated_copy_is_grouped_and_the_rest_stay_distinct() {
    let Some(dir) = annalist_testkit::shared("corpus/kerman-2024") else { return };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the shared Kerman corpus")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let mut index = DedupIndex::default();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("UTF-8 text");
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        index.add(&id, Sketch::of(&text), meta(&text));
    }
    let id = |prefix: &str| {
        files
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
            .find(|s| s.starts_with(prefix))
            .unwrap()
    };
    assert_eq!(index.duplicate_of(&id("000")), Some(id("001").as_str()));
    for other in ["001", "002", "003", "004"] {
        assert_eq!(index.duplicate_of(&id(other)), None, "{other} is an original");
    }
}

#[test]
fn index_entry_is_as_small_as_the_cost_model_says() {
    assert_eq!(ENTRY_BYTES, 180);
    assert_eq!(SKETCH_BYTES, 205);
}

#[test]
fn issues_of_a_short_formulaic_series_are_not_copies() {
    let mut index = DedupIndex::default();
    let first = "Qtly div 12 cts vs 12 cts prior\nPay April 15\nRecord March 31\n";
    let second = "Qtly div 12 cts vs 12 cts prior\nPay May 20\nRecord April 30\n";
    index.add("first", Sketch::of(first), meta(first));
    assert_eq!(index.add("second", Sketch::of(second), meta(second)).duplicate_of, None);
    // The very same notice twice is a copy, however short.
    assert_eq!(index.add("again", Sketch::of(first), meta(first)).duplicate_of.as_deref(), Some("first"));
}

#[test]
fn copies_are_published_within_days_of_their_original() {
    let mut index = DedupIndex::default();
    let partial = format!("PORT CITY (Wire) -- {}", first_lines(HARBOUR, 4));
    index.add("january", Sketch::of(HARBOUR), dated(HARBOUR, "2024-01-07"));
    let weeks_later = index.add("february", Sketch::of(&partial), dated(&partial, "2024-02-11"));
    assert_eq!(weeks_later.duplicate_of, None);
    let next_day = index.add("next-day", Sketch::of(&partial), dated(&partial, "2024-01-08"));
    assert_eq!(next_day.duplicate_of.as_deref(), Some("january"));
    // The very same text is a copy whenever it appears (a re-run), and without a date the
    // window does not apply.
    let rerun = index.add("rerun", Sketch::of(HARBOUR), dated(HARBOUR, "2024-03-01"));
    assert_eq!(rerun.duplicate_of.as_deref(), Some("january"));
    let undated = index.add("undated", Sketch::of(&partial), meta(&partial));
    assert!(undated.duplicate_of.is_some());
}

#[test]
fn families_do_not_grow_by_chains_of_resemblance() {
    // b shares its first half with a and its second half with c; a and c share nothing.
    let a = first_lines(HARBOUR, 6);
    let c = first_lines(PIPELINE, 5);
    let b = format!("{}\n{}", first_lines(HARBOUR, 3), first_lines(PIPELINE, 2));
    let mut index = DedupIndex::default();
    index.add("a", Sketch::of(&a), meta(&a));
    index.add("c", Sketch::of(&c), meta(&c));
    index.add("b", Sketch::of(&b), meta(&b));
    assert_eq!(index.duplicate_of("a"), None);
    assert_eq!(index.duplicate_of("c"), None);
}

#[test]
fn memory_accounting_counts_what_was_added() {
    let mut index = DedupIndex::default();
    let empty = index.used_bytes();
    index.add("one", Sketch::of(HARBOUR), meta(HARBOUR));
    index.add("two", Sketch::of(PIPELINE), meta(PIPELINE));
    assert!(index.used_bytes() >= empty + 2 * ENTRY_BYTES + "onetwo".len());
    index.shrink_to_fit();
    assert!(index.heap_bytes() >= index.used_bytes() - 16);
    assert_eq!(index.len(), 2);
}

#[test]
fn lightly_edited_copy_is_found_by_the_jaccard_rule_alone() {
    // A rewrite of the same length: a new headline, one word changed, a sentence added.
    let edited = format!(
        "Blasts kill 14 in harbour district\n{}\nThe city's mayor declared three days of mourning.",
        HARBOUR.replace("wounding dozens more", "wounding scores more")
    );
    // With the toll changed as well, the one figure after the same words contradicts the
    // wire's: the figure check sees it (and, short of near-equal texts, takes it for another
    // report, as it takes the next issue of a series).
    let new_toll = edited.replace("at least 14 people", "at least 15 people");
    let sim = Sketch::of(&new_toll).compare(&Sketch::of(HARBOUR));
    assert_eq!((sim.figures_agreeing, sim.figures_conflicting), (0, 1), "{sim:?}");
    let sim = Sketch::of(&edited).compare(&Sketch::of(HARBOUR));
    assert!(sim.jaccard > 0.6 && sim.jaccard < 0.97, "near-equal, not identical: {sim:?}");
    // With containment switched off, the Jaccard bar alone groups it.
    let config = DedupConfig { containment: f64::INFINITY, ..DedupConfig::default() };
    let mut index = DedupIndex::new(config);
    index.add("wire", Sketch::of(HARBOUR), meta(HARBOUR));
    index.add("other", Sketch::of(ELECTION), meta(ELECTION));
    assert_eq!(index.add("rewrite", Sketch::of(&edited), meta(&edited)).duplicate_of, None);
    assert_eq!(index.duplicate_of("wire"), Some("rewrite"), "the fuller rewrite is the original");
    assert_eq!(index.duplicate_of("other"), None);
}

#[test]
fn thresholds_are_the_configured_ones() {
    // A truncated copy with a dateline: a copy under the defaults, not when containment must be
    // near-total, and not when copies must be near-equal.
    let copy = format!("PORT CITY, March 4 (Wire) -\n{}", first_lines(HARBOUR, 3));
    let strict = DedupConfig { containment: 0.99, ..DedupConfig::default() };
    let near_equal_only = DedupConfig { containment: f64::INFINITY, ..DedupConfig::default() };
    for (config, grouped) in [(DedupConfig::default(), true), (strict, false), (near_equal_only, false)] {
        let mut index = DedupIndex::new(config.clone());
        index.add("full", Sketch::of(HARBOUR), meta(HARBOUR));
        let outcome = index.add("copy", Sketch::of(&copy), meta(&copy));
        assert_eq!(outcome.duplicate_of.is_some(), grouped, "{config:?}");
    }
}

/// A daily report from one template: the same sentences with other figures.
fn money_market_report(day: &str, amount: &str, rate: &str, deficit: &str) -> String {
    format!(
        "The central bank said it had provided the money market with {amount} mln crowns of assistance \
         in the morning session, after forecasting a shortage of around {deficit} mln crowns for the day.\n\
         The bank bought bills in band one at an interest rate of {rate} pct and said it would review \
         the position again in the afternoon, when dealers expect further help. The report is for {day}."
    )
}

#[test]
fn another_issue_of_a_formulaic_series_is_not_a_copy() {
    let monday = money_market_report("Monday", "215", "9-7/8", "400");
    let tuesday = money_market_report("Tuesday", "380", "9-13/16", "650");
    let sim = Sketch::of(&tuesday).compare(&Sketch::of(&monday));
    // The wording alone would make it a copy; the figures after the same words differ.
    let without_figures = DedupConfig { max_figure_conflict_share: 1.0, ..DedupConfig::default() };
    assert!(without_figures.is_duplicate(&sim), "{sim:?}");
    assert!(sim.figures_conflicting > 0, "{sim:?}");
    assert!(!DedupConfig::default().is_duplicate(&sim), "{sim:?}");
    // The same report again, under a dateline, is a copy.
    let resent = format!("LONDON, March 4 (Wire) - {monday}\nCopyright 2024 Wire.");
    let sim = Sketch::of(&resent).compare(&Sketch::of(&monday));
    assert_eq!(sim.figures_conflicting, 0, "{sim:?}");
    assert!(DedupConfig::default().is_duplicate(&sim), "{sim:?}");
}

#[test]
fn figures_are_glued_digit_runs_after_three_words() {
    let figures = Sketch::figure_set("Prices rose 1.5 pct to 7-3/4 in 2024 and 12 000 people came.");
    // "1.5", "7-3/4", "2024", "12" and "000" (space-separated: two figures with one context).
    assert_eq!(figures.len(), 5);
    let same_context = Sketch::figure_set("Prices rose 2.5 pct");
    let original = Sketch::figure_set("Prices rose 1.5 pct");
    assert_eq!(same_context.len(), 1);
    assert_eq!(same_context[0].0, original[0].0, "same three words before the figure");
    assert_ne!(same_context[0].1, original[0].1, "another figure");
    assert!(Sketch::figure_set("No figures here at all.").is_empty());
}

#[test]
fn a_short_text_is_not_contained_in_a_long_one_by_one_shared_sentence() {
    // Without densified bins in the comparison a short text's few bins are not repeated.
    let short = "The provincial governor told reporters that the attack bore the marks of a coordinated plan. Schools will reopen on Monday, the education office said, and exams are postponed by a week.";
    let sim = Sketch::of(short).compare(&Sketch::of(HARBOUR));
    assert!(sim.containment < 0.5, "{sim:?}");
    assert!(!DedupConfig::default().is_duplicate(&sim), "{sim:?}");
}

/// The three reports above, one after another: a long text for the tests of partial copies.
fn long_report() -> String {
    format!("{HARBOUR}\n{PIPELINE}\n{ELECTION}")
}

#[test]
fn a_truncated_copy_under_a_new_dateline_shares_a_lead_key_with_its_original() {
    let original = Sketch::of(&long_report());
    for lines in 2..=5 {
        let copy = format!("PORT CITY, May 4 (Wire) - {}", first_lines(HARBOUR, lines));
        let copy = Sketch::of(&copy);
        let shared = (MINHASH_BANDS..WIDE_BINS).any(|band| {
            let filed = original.core.band_key(band);
            copy.lookup_keys(band).any(|k| k == filed)
        });
        assert!(shared, "a copy of the first {lines} lines finds its original by its lead");
    }
    // An unrelated text shares none.
    let other = Sketch::of(PIPELINE);
    assert!(!(MINHASH_BANDS..WIDE_BINS).any(|b| other.lookup_keys(b).any(|k| k == original.core.band_key(b))));
}

#[test]
fn a_fuller_text_added_after_a_short_one_it_contains_looks_up_its_minima() {
    // The short text's bin minimum is in the fuller text; the fuller text looks up its own
    // smallest values of each bin, so it finds the short one in more bands than by its
    // minima alone.
    let short = Sketch::of(&first_lines(HARBOUR, 2));
    let full = Sketch::of(&long_report());
    let by_minima = (0..MINHASH_BANDS).filter(|&b| full.core.band_key(b) == short.core.band_key(b)).count();
    let by_probes = (0..MINHASH_BANDS).filter(|&b| full.lookup_keys(b).any(|k| k == short.core.band_key(b))).count();
    assert!(by_probes > by_minima, "{by_probes} bands by probes, {by_minima} by minima");
    let mut index = DedupIndex::default();
    let short_text = first_lines(HARBOUR, 2);
    index.add("short", Sketch::of(&short_text), meta(&short_text));
    let outcome = index.add("full", full, meta(&long_report()));
    assert_eq!(outcome.repointed, vec![("short".to_string(), "full".to_string())]);
}

#[test]
fn a_short_lead_added_after_its_long_original_is_a_copy() {
    let mut index = DedupIndex::default();
    let long = long_report();
    index.add("long", Sketch::of(&long), meta(&long));
    let lead = format!("By Wire staff\n\n{}", first_lines(HARBOUR, 3));
    assert_eq!(index.add("lead", Sketch::of(&lead), meta(&lead)).duplicate_of.as_deref(), Some("long"));
}

#[test]
fn a_copy_of_the_source_joins_when_a_fuller_rewrite_became_the_original() {
    let lines =
        |text: &str, from: usize, to: usize| text.lines().skip(from).take(to - from).collect::<Vec<_>>().join("\n");
    // The source; a fuller version of it with its second half dropped and a report added;
    // a copy of the source's second half, which that fuller version lacks.
    let source = format!("{HARBOUR}\n{ELECTION}");
    let fuller = format!("{}\n{ELECTION}\n{PIPELINE}", lines(HARBOUR, 0, 3));
    let copy = format!("{}\n{}", lines(HARBOUR, 3, 6), lines(ELECTION, 0, 1));
    let run = |config: DedupConfig| {
        let mut index = DedupIndex::new(config);
        index.add("source", Sketch::of(&source), meta(&source));
        assert_eq!(index.add("fuller", Sketch::of(&fuller), meta(&fuller)).repointed.len(), 1);
        index.add("copy", Sketch::of(&copy), meta(&copy)).duplicate_of
    };
    assert_eq!(run(DedupConfig::default()).as_deref(), Some("fuller"));
    let members_only_when_near_equal = DedupConfig { member_containment: f64::INFINITY, ..DedupConfig::default() };
    assert_eq!(run(members_only_when_near_equal), None);
}

/// A text of `words` made-up words drawn by a seeded generator (no digits, so no figures).
fn made_up_words(seed: u64, words: usize) -> Vec<String> {
    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "mi", "reth", "su", "tan", "vo", "bel", "dri", "nu", "gar", "pe", "os", "wyn", "ti", "harl"];
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..words)
        .map(|_| {
            let n = 2 + (next() % 2) as usize;
            (0..n).map(|_| SYLLABLES[(next() % 16) as usize]).collect::<String>()
        })
        .collect()
}

/// Pairs (longer text, shorter text that copies `shared` of its first words and adds words of
/// its own), with exact containment of the shorter in the longer around one half.
fn half_contained_pairs() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for seed in 0..12u64 {
        let long = made_up_words(seed, 400);
        let own = made_up_words(seed + 1000, 200);
        for shared in (96..=124).step_by(4) {
            let short: Vec<&str> = long[..shared].iter().chain(&own[..200 - shared]).map(String::as_str).collect();
            pairs.push((long.join(" "), short.join(" ")));
        }
    }
    pairs
}

#[test]
fn a_borderline_pair_the_estimate_gets_wrong_is_decided_on_the_texts() {
    let config = DedupConfig::default();
    let wrong = half_contained_pairs().into_iter().find(|(long, short)| {
        let estimate = Sketch::of(short).compare(&Sketch::of(long));
        config.is_duplicate(&exact_similarity(short, long)) != config.is_duplicate(&estimate)
    });
    let (long, short) = wrong.expect("among pairs near the containment bar, the estimate errs on some");
    let exact = exact_similarity(&short, &long);
    let says = config.is_duplicate(&exact);
    assert!((exact.containment - config.containment).abs() < 0.1, "{exact:?}");

    let texts = [("long", long.clone()), ("short", short.clone())];
    let mut source = |id: &str| texts.iter().find(|t| t.0 == id).map(|t| t.1.clone());
    let mut index = DedupIndex::default();
    index.add_checked("long", Sketch::of(&long), meta(&long), &mut source);
    let outcome = index.add_checked("short", Sketch::of(&short), meta(&short), &mut source);
    assert_eq!(outcome.duplicate_of.is_some(), says, "the exact decision, {exact:?}");
    assert_eq!(index.work().exact_checks, 1);

    // Without texts the estimate decides, the other way.
    let mut estimated = DedupIndex::default();
    estimated.add("long", Sketch::of(&long), meta(&long));
    assert_eq!(estimated.add("short", Sketch::of(&short), meta(&short)).duplicate_of.is_some(), !says);
}

#[test]
fn a_pair_without_its_texts_falls_back_to_the_estimate() {
    let config = DedupConfig::default();
    let (long, short) = half_contained_pairs()
        .into_iter()
        .find(|(long, short)| {
            let estimate = Sketch::of(short).compare(&Sketch::of(long));
            config.is_duplicate(&exact_similarity(short, long)) != config.is_duplicate(&estimate)
        })
        .expect("a pair the estimate gets wrong");
    let estimate = config.is_duplicate(&Sketch::of(&short).compare(&Sketch::of(&long)));
    // The source knows the new article's text but not the earlier one's.
    let own = short.clone();
    let mut source = |id: &str| (id == "short").then(|| own.clone());
    let mut index = DedupIndex::default();
    index.add_checked("long", Sketch::of(&long), meta(&long), &mut source);
    let outcome = index.add_checked("short", Sketch::of(&short), meta(&short), &mut source);
    assert_eq!(outcome.duplicate_of.is_some(), estimate);
    assert_eq!((index.work().exact_checks, index.work().without_text), (0, 1));
}

#[test]
fn clear_cut_pairs_keep_the_estimate_and_ask_for_no_text() {
    let mut asked = Vec::new();
    let mut source = |id: &str| {
        asked.push(id.to_string());
        None
    };
    let mut index = DedupIndex::default();
    let copy = HARBOUR.to_uppercase();
    index.add_checked("harbour", Sketch::of(HARBOUR), meta(HARBOUR), &mut source);
    index.add_checked("pipeline", Sketch::of(PIPELINE), meta(PIPELINE), &mut source);
    let outcome = index.add_checked("copy", Sketch::of(&copy), meta(&copy), &mut source);
    assert_eq!(outcome.duplicate_of.as_deref(), Some("harbour"));
    assert!(asked.is_empty(), "asked for {asked:?}");
    // The band is what makes a pair borderline: with none, nothing is ever verified.
    let config = DedupConfig { verify_band: 0.0, ..DedupConfig::default() };
    let sim = Similarity { jaccard: 0.3, containment: 0.5, ..Sketch::of(HARBOUR).compare(&Sketch::of(HARBOUR)) };
    assert!(!config.is_borderline(&sim, |s| config.is_duplicate(s)));
    assert!(DedupConfig::default().is_borderline(&sim, |s| DedupConfig::default().is_duplicate(s)));
}

#[test]
fn exact_figures_count_contexts_followed_by_different_figures() {
    let a = "the central bank said on monday it bought 120 mln dlrs of bills and sold 40 mln dlrs of bonds";
    let b = "the central bank said on monday it bought 95 mln dlrs of bills and sold 40 mln dlrs of bonds";
    let sim = exact_similarity(a, b);
    assert_eq!((sim.figures_agreeing, sim.figures_conflicting), (1, 1), "{sim:?}");
    assert!(sim.exact && sim.containment < 1.0 && sim.jaccard > 0.0);
    assert_eq!(exact_similarity(a, a).jaccard, 1.0);
}

/// A text of `words` words no other text of the test shares a run of five with.
fn unrelated_text(n: usize, words: usize) -> String {
    (0..words).map(|w| format!("w{n}x{w}")).collect::<Vec<_>>().join(" ")
}

#[test]
fn adds_cost_no_more_as_the_index_outgrows_its_first_bucket_table() {
    let mut index = DedupIndex::default();
    // Past 32,768 articles the bucket table has doubled at least once.
    let n = 40_000;
    for i in 0..n {
        let text = unrelated_text(i, 12);
        index.add(&i.to_string(), Sketch::of(&text), meta(&text));
    }
    // Unrelated texts share no shingle: a comparison is a chance agreement of 31-bit keys,
    // about 38 look-ups x N / 2^31 per add (16-bit keys gave one per 1,700 articles a look-up).
    let compared_per_add = index.work().compared as f64 / n as f64;
    assert!(compared_per_add < 0.01, "{compared_per_add} comparisons per add among {n} unrelated texts");
    // A copy of an article filed before the table grew is found through the refiled buckets.
    let copy = unrelated_text(7, 12);
    assert_eq!(index.add("copy", Sketch::of(&copy), meta(&copy)).duplicate_of.as_deref(), Some("7"));
    let walked_per_add = index.work().walked as f64 / index.len() as f64;
    assert!(walked_per_add < 40.0, "{walked_per_add} bucket entries walked per add");
}

/// Comparisons made by the last of `n` adds of texts sharing their opening sentence (the lead
/// bands' keys) and nothing else, under `config`.
fn comparisons_of_the_last_add(config: DedupConfig, n: usize) -> u64 {
    let mut index = DedupIndex::new(config);
    let lead = "the same opening sentence of a long running formulaic weekly series is here";
    for i in 0..n {
        let text = format!("{lead} {}", unrelated_text(i, 60));
        index.add(&i.to_string(), Sketch::of(&text), meta(&text));
    }
    let before = index.work().compared;
    let text = format!("{lead} {}", unrelated_text(n, 60));
    index.add("last", Sketch::of(&text), meta(&text));
    index.work().compared - before
}

#[test]
fn a_bucket_many_texts_share_gives_only_its_newest_candidates() {
    let capped = comparisons_of_the_last_add(DedupConfig::default(), 300);
    let uncapped = comparisons_of_the_last_add(
        DedupConfig { max_bucket_matches: usize::MAX, max_families_compared: usize::MAX, ..Default::default() },
        300,
    );
    assert!(capped >= 1, "the shared lead finds earlier texts");
    assert!(capped < uncapped, "capped {capped}, uncapped {uncapped}");
    let cap = DedupConfig::default().max_families_compared as u64;
    assert!(capped <= 2 * cap, "{capped} comparisons: at most {cap} originals and {cap} members");
    // The capped cost does not grow with the texts sharing the buckets.
    let more = comparisons_of_the_last_add(DedupConfig::default(), 600);
    let uncapped_more = comparisons_of_the_last_add(
        DedupConfig { max_bucket_matches: usize::MAX, max_families_compared: usize::MAX, ..Default::default() },
        600,
    );
    assert!(uncapped_more > uncapped, "without the cap an add costs more as texts share its buckets");
    assert!(
        more <= capped + capped / 4,
        "capped {capped} at 300 texts, {more} at 600 (uncapped {uncapped}, {uncapped_more})"
    );
}
