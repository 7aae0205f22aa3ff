//! Tests that read like the sentences they check. Articles are built with a plain splitter
//! (paragraph per line, sentence per ". ") so that only extraction is under test here; the
//! real-article test goes through `annalist-clean`.

use super::*;
use annalist_model::{AttributionRelation, Sentence};

fn article(published: Option<&str>, text: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let p = paragraphs.len();
        paragraphs.push(Span::new(offset, offset + line.len()));
        let mut start = 0;
        for (i, _) in line.match_indices(". ") {
            sentences.push(Sentence { span: Span::new(offset + start, offset + i + 1), paragraph: p });
            start = i + 2;
        }
        if start < line.len() {
            sentences.push(Sentence { span: Span::new(offset + start, offset + line.len()), paragraph: p });
        }
        offset += line.len() + 1;
    }
    Article {
        id: "test".into(),
        url: None,
        outlet: None,
        title: None,
        published: published.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        language: Some("en".into()),
        text: text.into(),
        reading: None,
        paragraphs,
        sentences,
        content_hash: String::new(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn happened(frames: &[EventFrame]) -> Vec<&EventFrame> {
    frames.iter().filter(|f| f.status == EventStatus::Happened).collect()
}

#[test]
fn a_sentence_about_what_is_to_come_dates_nothing_that_happened() {
    let a = article(
        Some("2019-05-26"),
        "The festival is scheduled to open in the city on 7 June. After the explosion, the mayor ordered more police onto the streets.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none()), "{frames:?}");
    // while a scene set in the past still dates the event after it
    let a = article(
        Some("2019-05-26"),
        "Crowds gathered in the square on 24 May. After the explosion, the mayor ordered more police onto the streets.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(frames[0].date.as_ref().map(|d| d.value), Some(DateInterval::day(day("2019-05-24"))));
}

#[test]
fn a_place_that_says_where_a_victim_is_from_is_not_where_the_attack_was() {
    let a = article(
        Some("2015-04-22"),
        "A Houston woman who lost a leg in the marathon bombing spoke to the court on Tuesday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && frames.iter().all(|f| f.place.is_none()), "{frames:?}");
    let a = article(Some("2015-04-22"), "A bomb exploded in Houston on Monday, police said.");
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(frames[0].place.as_ref().map(|p| p.value.name.as_str()), Some("Houston"));
}

#[test]
fn gunmen_opening_fire_on_a_market_is_an_armed_assault_with_its_toll() {
    let a = article(
        Some("2023-03-12"),
        "Gunmen opened fire on a crowded market in Peshawar, Pakistan, on Saturday, killing at least 12 people and wounding more than 30 others, police said.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.event_type, EventType::ArmedAssault);
    assert_eq!(f.country.as_ref().unwrap().value, "PK");
    assert_eq!(f.place.as_ref().unwrap().value.name, "Peshawar");
    assert_eq!(f.date.as_ref().unwrap().value, DateInterval::day(day("2023-03-11")));
    assert_eq!(f.killed.as_ref().unwrap().value, CountRange { low: 12, high: None });
    assert_eq!(f.wounded.as_ref().unwrap().value, CountRange { low: 31, high: None });
    assert!(f.main);
    // evidence quotes the sentence the toll was read from
    let k = f.killed.as_ref().unwrap();
    assert_eq!(k.quote, k.sentence.slice(&a.text));
    assert!(k.quote.contains("killing at least 12"));
}

#[test]
fn a_claim_of_responsibility_names_the_perpetrator_as_claimed() {
    let a = article(
        Some("2024-05-14"),
        "A suicide bombing at a mosque in Kabul, Afghanistan, on Monday killed 20 worshippers. The Islamic State claimed responsibility for the bombing the next day.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main: Vec<&EventFrame> = frames.iter().filter(|f| f.main).collect();
    assert_eq!(main.len(), 1);
    let f = main[0];
    assert_eq!(f.event_type, EventType::Bombing);
    assert_eq!(f.suicide.as_ref().map(|s| s.value), Some(true));
    assert_eq!(f.killed.as_ref().unwrap().value, CountRange::exact(20));
    assert_eq!(f.perpetrators.len(), 1, "{:?}", f.perpetrators);
    assert_eq!(f.perpetrators[0].value.name, "Islamic State");
    assert_eq!(f.perpetrators[0].value.status, AttributionStatus::Claimed);
}

#[test]
fn background_attacks_are_dated_by_their_own_time_expressions() {
    let a = article(
        Some("2024-01-12"),
        "The blast in Kerman, Iran, on January 3 killed dozens. It follows two earlier attacks on the Shah Cheragh shrine in Shiraz, Iran, in October 2022 and August 2023.",
    );
    let frames = Extractor::builtin().frames(&a);
    let dated: Vec<(NaiveDate, NaiveDate)> =
        frames.iter().filter_map(|f| f.date.as_ref().map(|d| (d.value.start, d.value.end))).collect();
    assert!(dated.contains(&(day("2024-01-03"), day("2024-01-03"))), "{dated:?}");
    assert!(dated.contains(&(day("2022-10-01"), day("2022-10-31"))), "{dated:?}");
    assert!(dated.contains(&(day("2023-08-01"), day("2023-08-31"))), "{dated:?}");
    let main: Vec<&EventFrame> = frames.iter().filter(|f| f.main).collect();
    assert_eq!(main.len(), 1);
    assert_eq!(main[0].place.as_ref().unwrap().value.name, "Kerman");
}

#[test]
fn a_planned_bombing_is_not_an_attack_that_happened_but_the_arrest_is() {
    let a = article(
        Some("2024-01-02"),
        "Security officers in Bishkek, Kyrgyzstan, arrested two men on Sunday who were planning to detonate a bomb at a church.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(
        frames.iter().any(|f| f.event_type == EventType::Arrest && f.status == EventStatus::Happened),
        "{frames:#?}"
    );
    assert!(
        frames.iter().all(|f| f.event_type != EventType::Bombing || f.status != EventStatus::Happened),
        "{frames:#?}"
    );
}

#[test]
fn blame_from_a_government_is_an_allegation() {
    let a = article(
        Some("2024-01-05"),
        "A bomb attack in Kerman, Iran, on Wednesday killed 95 people. Iranian officials blamed Israel for the attack.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = frames.iter().find(|f| f.main).unwrap();
    let israel = f.perpetrators.iter().find(|p| p.value.name == "Israel").expect("Israel kept as a perpetrator");
    assert_eq!(israel.value.status, AttributionStatus::Alleged);
}

#[test]
fn a_place_after_from_is_an_origin_not_the_location() {
    let a = article(
        Some("2023-09-01"),
        "In August 2023, a militant from Tajikistan attacked a shrine in Shiraz, Iran, killing two people.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.country.as_ref().unwrap().value, "IR");
    assert_eq!(f.attackers.as_ref().map(|a| a.value), Some(1));
}

#[test]
fn no_trigger_no_frame() {
    let a =
        article(Some("2024-01-01"), "Officials in Tehran met on Monday to discuss the economy, which grew 3 percent.");
    assert!(Extractor::builtin().frames(&a).is_empty());
}

#[test]
fn odd_text_never_panics() {
    for text in [
        "",
        "attack",
        "ðŸ’£ bomb’s blast — “killed” 3",
        "killed killed 5 5 dead",
        "\u{0}\u{1} attacks in 2020 and 2021",
    ] {
        let a = article(None, text);
        let _ = Extractor::builtin().frames(&a);
        let _ = Extractor::builtin().mentions(&a);
    }
}

#[test]
fn a_dateline_date_is_the_day_of_writing_not_of_the_attack() {
    let a = article(
        None,
        "QUETTA, 9 May 2024 — A roadside bomb struck a police van near Quetta, Pakistan, on Wednesday, killing three officers.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.event_type, EventType::Bombing);
    assert_eq!(f.date.as_ref().unwrap().value, DateInterval::day(day("2024-05-08")), "the Wednesday before 9 May");
}

#[test]
fn a_country_before_the_trigger_is_its_agent_not_its_place() {
    let a = article(Some("2024-02-01"), "The commander was killed in a US drone strike in 2020.");
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert!(f.place.is_none(), "no location: {:?}", f.place);
    assert!(f.perpetrators.iter().any(|p| p.value.name == "United States"), "{:?}", f.perpetrators);
}

#[test]
fn a_locative_country_wins_over_one_that_modifies_a_noun() {
    let a = article(
        Some("2024-02-01"),
        "Four men were arrested over a plot against US and NATO targets in Germany in April 2020.",
    );
    let frames = Extractor::builtin().frames(&a);
    let arrest = frames.iter().find(|f| f.event_type == EventType::Arrest).expect("an arrest");
    assert_eq!(arrest.country.as_ref().unwrap().value, "DE");
}

#[test]
fn a_town_in_the_country_the_sentence_names_wins_over_a_namesake_abroad() {
    let a = article(Some("2024-02-01"), "Gunmen killed three farmers in Bristol, near Mbalgori, Borno, Nigeria.");
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.country.as_ref().unwrap().value, "NG");
    assert_eq!(f.place.as_ref().unwrap().value.name, "Mbalgori");
}

#[test]
fn an_arrest_that_foils_a_plot_is_placed_where_the_plot_was_aimed() {
    let a = article(
        Some("2024-01-10"),
        "Police in Kyrgyzstan recently detained two men who were planning to set off a bomb in the main square of Osh on New Year's Eve.",
    );
    let frames = Extractor::builtin().frames(&a);
    let arrest = frames.iter().find(|f| f.event_type == EventType::Arrest && f.status == EventStatus::Happened);
    let arrest = arrest.unwrap_or_else(|| panic!("an arrest in {frames:#?}"));
    assert_eq!(arrest.place.as_ref().unwrap().value.name, "Osh");
    let date = arrest.date.as_ref().expect("a date").value;
    assert!(date.end <= day("2023-12-31"), "the arrest came before the planned day: {date:?}");
    assert!(
        frames.iter().all(|f| f.event_type == EventType::Arrest || f.status != EventStatus::Happened),
        "the bombing did not happen: {frames:#?}"
    );
}

#[test]
fn an_event_referred_to_with_before_the_takes_no_date_from_the_clause_before() {
    let a = article(
        Some("2024-01-10"),
        "A bombing in Kerman, Iran, on January 3 killed 95 people.\nHe entered Iran in mid-December, and left two days before the attack, officials said.",
    );
    let frames = Extractor::builtin().frames(&a);
    let dated: Vec<_> = happened(&frames).into_iter().filter(|f| f.date.is_some()).collect();
    assert_eq!(dated.len(), 1, "{dated:#?}");
    assert_eq!(dated[0].date.as_ref().unwrap().value, DateInterval::day(day("2024-01-03")));
}

#[test]
fn a_date_next_to_a_verb_of_saying_dates_the_statement_not_the_attack() {
    let a = article(
        Some("2019-04-23"),
        "The government said on Monday that the bombings of churches on Easter Sunday had killed 290 people and wounded about 500.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.date.as_ref().unwrap().value, DateInterval::day(day("2019-04-21")));
    assert_eq!(f.killed.as_ref().unwrap().value, CountRange::exact(290));
    assert_eq!(f.wounded.as_ref().unwrap().value, CountRange::exact(500));
}

#[test]
fn the_count_named_by_the_word_after_it_is_not_taken_for_the_dead() {
    let a =
        article(Some("2017-05-23"), "At least 22 people were killed and 59 injured when a bomb went off at the arena.");
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.killed.as_ref().unwrap().value.low, 22);
    assert_eq!(f.wounded.as_ref().unwrap().value.low, 59);
}

#[test]
fn scattered_dates_do_not_split_a_plural_trigger_into_several_events() {
    let a = article(
        Some("2019-04-24"),
        "Islamic State claimed the Easter Sunday bombings in Sri Lanka, whose toll rose to 359 on Wednesday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(happened(&frames).len(), 1, "{frames:#?}");
}

#[test]
fn one_victim_told_without_a_number_is_one_dead() {
    let a = article(
        Some("2015-01-31"),
        "A local party leader was killed and six others were injured in a clash between two groups in Khulna, Bangladesh, on Thursday.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    assert_eq!(f.killed.as_ref().unwrap().value, CountRange::exact(1));
    assert_eq!(f.wounded.as_ref().unwrap().value, CountRange::exact(6));
    // but "a bomb attack killed five" is five, not one
    let b = article(Some("2015-01-31"), "A bomb attack killed five people in the market.");
    let frames = Extractor::builtin().frames(&b);
    assert_eq!(happened(&frames)[0].killed.as_ref().unwrap().value, CountRange::exact(5));
}

#[test]
fn an_age_is_not_a_toll() {
    let a = article(
        Some("2015-01-31"),
        "An unidentified man, aged 34, was killed in a gunfight with police in Dhaka on Monday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(happened(&frames)[0].killed.as_ref().unwrap().value, CountRange::exact(1));
    let b = article(Some("2015-01-31"), "Rubel, 22, was shot dead in a clash with police in Noakhali.");
    let frames = Extractor::builtin().frames(&b);
    assert!(happened(&frames).iter().all(|f| f.killed.as_ref().is_none_or(|k| k.value.low != 22)), "{frames:#?}");
}

#[test]
fn a_killing_in_an_accident_is_not_an_event() {
    let a = article(Some("2015-01-31"), "Three people were killed in a road accident near Dhaka on Monday.");
    assert!(Extractor::builtin().frames(&a).is_empty());
}

/// The largest death toll of any frame of `text`, published on `day`.
fn largest_death_toll(day: &str, text: &str) -> Option<u64> {
    let frames = Extractor::builtin().frames(&article(Some(day), text));
    frames.iter().filter_map(|f| f.killed.as_ref()).map(|k| k.value.low).max()
}

#[test]
fn a_toll_update_counts_the_dead() {
    let text =
        "The number of people killed in the attacks on Paris has risen to 130 after a wounded victim died in hospital.";
    assert_eq!(largest_death_toll("2015-11-20", text), Some(130));
}

#[test]
fn the_weapon_and_the_target_come_with_the_words_that_name_them() {
    let a = article(
        Some("2024-03-10"),
        "Gunmen armed with assault rifles opened fire on worshippers at a mosque in Herat, Afghanistan, on Friday, killing six people.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = happened(&frames)[0];
    let weapon = f.weapon.as_ref().expect("a weapon");
    assert_eq!(weapon.value, Weapon::Firearm);
    assert_eq!(weapon.span.slice(&a.text), "assault rifles");
    let target = f.target.as_ref().expect("a target");
    assert_eq!(target.value, Target::Worshippers);
    assert_eq!(target.span.slice(&a.text), "worshippers");
    // the police who speak are not the target
    let b = article(Some("2024-03-10"), "A bomb exploded in a market in Quetta, police said.");
    let frames = Extractor::builtin().frames(&b);
    let f = happened(&frames)[0];
    assert_eq!(f.weapon.as_ref().unwrap().value, Weapon::Explosive);
    assert_eq!(f.target.as_ref().unwrap().value, Target::Business);
}

#[test]
fn threats_possibilities_and_attempts_are_told_apart() {
    let status = |text: &str| {
        let a = article(Some("2024-01-10"), text);
        let frames = Extractor::builtin().frames(&a);
        frames.first().map(|f| f.status).unwrap_or_else(|| panic!("no frame in {text:?}"))
    };
    assert_eq!(status("The group vowed to carry out more attacks in the capital."), EventStatus::Threatened);
    assert_eq!(
        status("Officials said the cell may have sought to stage a bombing at the festival."),
        EventStatus::Hypothetical
    );
    assert_eq!(status("A man attempted to detonate a bomb at the station in Lyon on Monday."), EventStatus::Foiled);
    assert_eq!(status("Militants were planning to launch an attack on the base."), EventStatus::Planned);
    // an attack whose own predicate is a future of going on is foretold, not one that happened
    assert_eq!(status("The rebels said the attacks on the oil fields will continue."), EventStatus::Threatened);
    assert_eq!(
        status("The bombing of the hotel, which could have killed hundreds, shocked the city on Monday."),
        EventStatus::Happened
    );
}

#[test]
fn a_named_victim_is_one_dead_but_he_who_blew_himself_up_is_not_counted() {
    let a = article(
        Some("2015-01-06"),
        "On Monday afternoon, Mazid Uddin (45), an activist of the party in Charghat, was killed as police opened fire on a procession.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(happened(&frames)[0].killed.as_ref().unwrap().value, CountRange::exact(1));
    let b = article(Some("2017-05-23"), "The bomber set off his device in the foyer. He was killed in the blast.");
    let frames = Extractor::builtin().frames(&b);
    assert!(frames.iter().all(|f| f.killed.is_none()), "{frames:#?}");
}

/// The toll `pick` takes from the main event of `text` (an article of 2021-02-02).
fn main_toll(text: &str, pick: fn(&EventFrame) -> Option<&Evidenced<CountRange>>) -> Option<CountRange> {
    let a = article(Some("2021-02-02"), text);
    let frames = Extractor::builtin().frames(&a);
    frames.iter().find(|f| f.main).and_then(|f| pick(f).map(|c| c.value))
}

#[test]
fn one_person_hurt_by_name_or_description_is_one_wounded_and_a_counted_subject_tells_an_injury() {
    let wounded = |text: &str| main_toll(text, |f| f.wounded.as_ref());
    assert_eq!(
        wounded("Gunmen fired on the car of Leila Haddad outside Sidon on Tuesday. Haddad was wounded in the attack."),
        Some(CountRange::exact(1))
    );
    assert_eq!(
        wounded("A roadside bomb struck a patrol near Tikrit on Monday. One soldier died and another was injured in the blast."),
        Some(CountRange::exact(1))
    );
    // the count opens its clause, and a bracketed acronym stands in its noun phrase
    assert_eq!(
        wounded(
            "A mine went off under a truck near Gao on Friday. Three Malian Armed Forces (FAMa) drivers were hurt."
        ),
        Some(CountRange::exact(3))
    );
    // with no count and no attack in its sentence, an injury is no event
    assert_eq!(wounded("The striker was injured in training and will miss the cup final."), None);
}

/// The ledger entries of every frame as (speaker, relation, actor) triples, and their statements' words.
fn ledger(a: &Article) -> Vec<(Option<String>, AttributionRelation, Option<String>, String)> {
    let frames = Extractor::builtin().frames(a);
    frames
        .iter()
        .flat_map(|f| f.attributions.iter())
        .map(|e| {
            let v = &e.value;
            (v.speaker.clone(), v.relation, v.actor.clone(), e.span.slice(&a.text).to_string())
        })
        .collect()
}

fn entry(
    speaker: Option<&str>,
    relation: AttributionRelation,
    actor: Option<&str>,
) -> (Option<String>, AttributionRelation, Option<String>) {
    (speaker.map(String::from), relation, actor.map(String::from))
}

fn entries(a: &Article) -> Vec<(Option<String>, AttributionRelation, Option<String>)> {
    ledger(a).into_iter().map(|(s, r, a, _)| (s, r, a)).collect()
}

#[test]
fn a_claim_of_responsibility_is_a_ledger_entry_of_the_group_with_its_words() {
    let a = article(
        Some("2024-05-14"),
        "A suicide bombing at a mosque in Kabul on Monday killed 20 worshippers. The Islamic State claimed responsibility for the bombing.",
    );
    let l = ledger(&a);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(
        (l[0].0.as_deref(), l[0].1, l[0].2.as_deref()),
        (Some("Islamic State"), AttributionRelation::Claimed, Some("Islamic State"))
    );
    assert_eq!(l[0].3, "Islamic State claimed responsibility");
    // a group that says it did it claims it too
    let b =
        article(Some("2024-05-14"), "The Islamic State group said it carried out the bombing in Jalalabad on Sunday.");
    let l = ledger(&b);
    assert_eq!(l[0].1, AttributionRelation::Claimed, "{l:?}");
    assert_eq!(l[0].3, "Islamic State group said it carried out");
}

#[test]
fn a_blame_names_who_blamed_and_every_party_blamed() {
    let a = article(
        Some("2024-01-05"),
        "A bomb attack in Kerman, Iran, on Wednesday killed 95 people.\nIran accused Israel and the United States of being behind it.",
    );
    assert_eq!(
        entries(&a),
        vec![
            entry(Some("Iran"), AttributionRelation::Blamed, Some("Israel")),
            entry(Some("Iran"), AttributionRelation::Blamed, Some("United States")),
        ]
    );
    // the speaker the actor base does not know keeps the text's words
    let b = article(
        Some("2024-01-05"),
        "A bomb attack in Kerman, Iran, on Wednesday killed 95 people. Iranian officials on Thursday blamed Israel for the attack.",
    );
    assert_eq!(entries(&b), vec![entry(Some("Iranian officials"), AttributionRelation::Blamed, Some("Israel"))]);
}

#[test]
fn denials_confirmations_and_suspicions_are_told_apart() {
    let a = article(
        Some("2024-01-05"),
        "Gunmen stormed a hotel in Kabul on Monday, killing 12 people. The Taliban denied involvement, and police confirmed the toll.",
    );
    assert_eq!(
        entries(&a),
        vec![
            entry(Some("Taliban"), AttributionRelation::Denied, Some("Taliban")),
            entry(Some("police"), AttributionRelation::Confirmed, None),
        ]
    );
    let b = article(
        Some("2024-01-05"),
        "Suspected militants attacked a police post in Quetta on Friday, killing four officers.",
    );
    assert_eq!(entries(&b), vec![entry(None, AttributionRelation::Suspected, Some("militants"))]);
}

#[test]
fn a_statement_after_its_clause_and_a_groups_own_outlet_are_read() {
    let a = article(
        Some("2024-03-25"),
        "The attack in Moscow on Friday was carried out by two members of ISKP, officials said.",
    );
    assert_eq!(
        entries(&a),
        vec![entry(Some("officials"), AttributionRelation::Blamed, Some("Islamic State Khorasan Province"))]
    );
    let b = article(
        Some("2024-03-25"),
        "The group's news agency Amaq said the attack in Kabul was carried out by Islamic State fighters.",
    );
    let l = ledger(&b);
    assert_eq!(l[0].1, AttributionRelation::Claimed, "{l:?}");
    assert_eq!(l[0].0.as_deref(), Some("Islamic State"));
}

#[test]
fn no_claim_is_no_entry_and_a_toll_that_claims_lives_is_no_claim() {
    for text in [
        "No group has claimed responsibility for the bombing in Peshawar on Monday.",
        "The blast in the market claimed the lives of 20 people on Monday.",
        "The bombing in Peshawar on Monday has yet to be claimed.",
    ] {
        let a = article(Some("2024-01-05"), text);
        assert!(ledger(&a).is_empty(), "{text}: {:?}", ledger(&a));
    }
}

#[test]
fn attackers_are_counted_with_their_nationality_but_victims_are_not() {
    let nat = |text: &str| {
        let a = article(Some("2024-03-25"), text);
        let frames = Extractor::builtin().frames(&a);
        let f = happened(&frames).first().copied().cloned().unwrap_or_else(|| panic!("no event in {text}"));
        let n: Vec<(String, String)> =
            f.attacker_nationalities.iter().map(|n| (n.value.clone(), n.span.slice(&a.text).to_string())).collect();
        (n, f.attackers.as_ref().map(|a| a.value))
    };
    assert_eq!(
        nat("The attack in Moscow on Friday was carried out by two Tajik members of ISKP, officials said."),
        (vec![("TJ".into(), "two Tajik members".into())], Some(2))
    );
    assert_eq!(
        nat("A Pakistani national opened fire at a church in Lahore on Sunday, killing three people."),
        (vec![("PK".into(), "A Pakistani national".into())], Some(1))
    );
    assert_eq!(
        nat("Three gunmen from Afghanistan stormed a checkpoint in Chaman on Monday."),
        (vec![("AF".into(), "Three gunmen from Afghanistan".into())], Some(3))
    );
    // the people of a nationality who were killed or who only live there are not the attackers
    assert_eq!(nat("A bomb in Kabul on Monday killed two Pakistani nationals.").0, vec![]);
    assert_eq!(nat("Two Afghan soldiers were killed in a bombing in Kandahar on Monday.").0, vec![]);
}

/// Every value of every frame carries its quote: the sentence its span lies in, cut from the
/// article's text, never empty; a ledger entry's speaker and actor words lie inside its statement.
fn assert_every_value_quoted(a: &Article, frames: &[EventFrame]) -> usize {
    let text = &a.text;
    let mut checked = 0;
    let mut check = |what: &str, span: Span, sentence: Span, quote: &str| {
        assert!(!span.slice(text).is_empty(), "{}: {what} has no words at {span:?}", a.id);
        assert!(!quote.is_empty(), "{}: {what} has no quote", a.id);
        assert_eq!(quote, sentence.slice(text), "{}: {what}'s quote is not its sentence", a.id);
        assert!(sentence.start <= span.start && span.start < sentence.end, "{}: {what} outside its sentence", a.id);
        checked += 1;
    };
    for f in frames {
        check("trigger", f.trigger, f.sentence, &f.quote);
        macro_rules! each {
            ($($field:ident),*) => {$(
                for e in f.$field.iter() {
                    check(stringify!($field), e.span, e.sentence, &e.quote);
                }
            )*};
        }
        each!(
            date,
            country,
            place,
            perpetrators,
            killed,
            wounded,
            suicide,
            attackers,
            weapon,
            target,
            attacker_nationalities
        );
        for e in &f.attributions {
            check("attribution", e.span, e.sentence, &e.quote);
            for words in [e.value.speaker_span, e.value.actor_span].into_iter().flatten() {
                assert!(e.span.contains(words) && !words.is_empty(), "{}: {:?} outside {:?}", a.id, words, e.span);
            }
        }
    }
    checked
}

fn shared(path: &str) -> Option<std::path::PathBuf> {
    annalist_testkit::shared(path)
}

fn cleaned(id: &str, text: &str) -> Article {
    annalist_clean::clean(&annalist_model::Document::from_text(id, text, None)).expect("a plain text cleans")
}

#[test]
fn every_value_read_from_the_kerman_articles_carries_its_quote() {
    let Some(dir) = shared("corpus/kerman-2024") else { return };
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let (mut checked, mut ledger, mut nationalities) = (0, Vec::new(), Vec::new());
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let a = cleaned(&path.file_stem().unwrap().to_string_lossy(), &std::fs::read_to_string(path).unwrap());
        let frames = Extractor::builtin().frames(&a);
        checked += assert_every_value_quoted(&a, &frames);
        for f in &frames {
            ledger.extend(f.attributions.iter().map(|e| (e.value.relation, e.value.actor.clone())));
            nationalities.extend(f.attacker_nationalities.iter().map(|n| n.value.clone()));
        }
    }
    assert!(checked > 50, "only {checked} values read from {} articles", paths.len());
    // the articles report the group's claim and the attackers' nationality; both must be read
    assert!(
        ledger.contains(&(AttributionRelation::Claimed, Some("Islamic State Khorasan Province".into()))),
        "{ledger:?}"
    );
    assert!(nationalities.iter().any(|n| n == "TJ"), "{nationalities:?}");
}

#[test]
fn every_value_read_from_wikievents_articles_carries_its_quote() {
    let Some(dir) = shared("eval/data/wikievents/data/wikievents") else { return };
    let mut checked = 0;
    let mut articles = 0;
    for split in ["dev", "test"] {
        let lines = std::fs::read_to_string(dir.join(format!("{split}.jsonl"))).unwrap();
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let sentences: Vec<&str> =
                v["sentences"].as_array().unwrap().iter().filter_map(|s| s[1].as_str()).collect();
            let a = cleaned(v["doc_id"].as_str().unwrap_or("wikievents"), &sentences.join("\n"));
            checked += assert_every_value_quoted(&a, &Extractor::builtin().frames(&a));
            articles += 1;
        }
    }
    assert!(articles >= 40 && checked > 300, "{checked} values from {articles} articles");
}

fn perpetrators_of(text: &str) -> Vec<(String, AttributionStatus)> {
    let a = article(Some("1989-03-20"), text);
    let frames = Extractor::builtin().frames(&a);
    frames.iter().flat_map(|f| f.perpetrators.iter()).map(|p| (p.value.name.clone(), p.value.status)).collect()
}

#[test]
fn a_states_forces_are_perpetrators_when_they_did_it_not_when_they_were_hit() {
    assert_eq!(
        perpetrators_of("Salvadoran army troops opened fire on a march in San Miguel on Monday, killing five people."),
        vec![("Salvadoran army".to_string(), AttributionStatus::Attributed)]
    );
    assert_eq!(
        perpetrators_of("The peasants were ambushed by the armed forces near Chalatenango on Sunday."),
        vec![("armed forces".to_string(), AttributionStatus::Attributed)]
    );
    assert_eq!(
        perpetrators_of("The rebels blamed the armed forces for the bombing in San Salvador on Monday."),
        vec![("armed forces".to_string(), AttributionStatus::Alleged)]
    );
    assert_eq!(
        perpetrators_of(
            "The president said members of the armed forces massacred six priests in San Salvador on 16 November."
        ),
        vec![("armed forces".to_string(), AttributionStatus::Attributed)]
    );
    for text in [
        "Guerrillas attacked an army post in Chalatenango on Monday.",
        "Police arrested two men in Lima on Monday.",
        "The Army of National Liberation kidnapped a mayor in Bolivar on Friday.",
    ] {
        assert!(
            perpetrators_of(text).iter().all(|(name, _)| !name.to_lowercase().contains("army") && name != "Police"),
            "{text}: {:?}",
            perpetrators_of(text)
        );
    }
}

#[test]
fn a_group_that_names_the_attack_or_whose_members_did_it_is_its_perpetrator() {
    let names = |text: &str| perpetrators_of(text).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names("A Shining Path attack in Ayacucho, Peru, on Monday killed three people."), vec!["Shining Path"]);
    assert!(
        names("Three peasants were killed by alleged members of the 22nd front of the FARC near Medellin on Friday.")
            .contains(&"Revolutionary Armed Forces of Colombia".to_string()),
        "{:?}",
        perpetrators_of(
            "Three peasants were killed by alleged members of the 22nd front of the FARC near Medellin on Friday."
        )
    );
    // a verb between the group and the noun is no naming: "the Taliban said attacks"
    assert!(names("The Taliban said attacks in Kabul would go on.").is_empty());
}
#[test]
fn a_groups_outlet_a_statement_and_a_passive_claim_are_claims() {
    let claimed = |text: &str| {
        let a = article(Some("2024-01-05"), text);
        entries(&a).into_iter().filter(|e| e.1 == AttributionRelation::Claimed).map(|e| e.0).collect::<Vec<_>>()
    };
    assert_eq!(
        claimed("A bomb exploded at a market in Kabul on Monday. Islamic State's Amaq news agency said the attack was carried out by its fighters."),
        vec![Some("Islamic State".to_string())]
    );
    assert_eq!(
        claimed("A bomb exploded at a market in Kabul on Monday. The Taliban said in a statement that its fighters had carried out the attack."),
        vec![Some("Taliban".to_string())]
    );
    assert_eq!(
        claimed("A car bomb exploded in Quetta on Friday. The attack was claimed by Tehrik-e-Taliban Pakistan."),
        vec![Some("Tehrik-e-Taliban Pakistan".to_string())]
    );
    assert!(claimed("A car bomb exploded in Quetta on Friday. Officials said no group had claimed responsibility.")
        .is_empty());
}

#[test]
fn a_sentence_without_an_event_tells_of_the_main_one() {
    let a = article(
        Some("2024-01-05"),
        "A gunman opened fire at a church in Lahore on Sunday.\nPolice said the attacker was a Pakistani national.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = main_frame(&frames);
    let n: Vec<&str> = main.attacker_nationalities.iter().map(|n| n.value.as_str()).collect();
    assert_eq!(n, vec!["PK"]);
    let b = article(
        Some("2024-01-05"),
        "A bomb exploded at a market in Kabul on Monday. The Taliban denied any role in the blast, while Afghan officials suspected the Islamic State.",
    );
    assert_eq!(
        entries(&b),
        vec![
            entry(Some("Taliban"), AttributionRelation::Denied, Some("Taliban")),
            entry(Some("Afghan officials"), AttributionRelation::Suspected, Some("Islamic State")),
        ]
    );
}

fn main_frame(frames: &[EventFrame]) -> &EventFrame {
    frames.iter().find(|f| f.main).unwrap_or_else(|| panic!("no main event in {frames:#?}"))
}

fn place_names(frames: &[EventFrame]) -> Vec<&str> {
    frames.iter().filter_map(|f| f.place.as_ref().map(|p| p.value.name.as_str())).collect()
}

#[test]
fn an_event_the_story_recalls_is_not_its_main_event() {
    let a = article(
        Some("2019-05-26"),
        "The country has been on high alert since militants launched a wave of attacks across Paris.\nA parcel bomb exploded outside a bakery in Lyon on Friday, injuring 13 people.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(main_frame(&frames).place.as_ref().map(|p| p.value.name.as_str()), Some("Lyon"));
    let a = article(
        Some("2019-05-26"),
        "A previous bombing in Manchester killed 22 people.\nA bomb exploded at a station in Leeds on Friday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(main_frame(&frames).place.as_ref().map(|p| p.value.name.as_str()), Some("Leeds"));
}

#[test]
fn an_event_set_after_the_one_referred_back_to_is_its_sequel() {
    let a = article(
        Some("2019-05-26"),
        "The suspect died in a gunfight with police in Leeds two days after the bombing.\nThe bombing at the station in York on Friday killed four people.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = main_frame(&frames);
    assert_eq!(main.event_type, EventType::Bombing);
    assert_eq!(main.place.as_ref().map(|p| p.value.name.as_str()), Some("York"));
}

#[test]
fn bare_mentions_of_its_kind_make_an_event_the_main_one() {
    let a = article(
        Some("2019-05-26"),
        "Gunmen shot dead a guard at a bank in Mosul on Monday.\nA car bomb exploded at a market in Basra on Tuesday.\nResidents said the bombing shook the whole street.\nThe bombing was the deadliest this year.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = main_frame(&frames);
    assert_eq!(main.event_type, EventType::Bombing);
    assert_eq!(main.place.as_ref().map(|p| p.value.name.as_str()), Some("Basra"));
}

#[test]
fn two_triggers_of_a_sentence_share_its_date_and_place() {
    let one_event = |published: &str, text: &str| {
        let all = Extractor::builtin().frames(&article(Some(published), text));
        let frames = happened(&all);
        assert_eq!(frames.len(), 1, "{frames:#?}");
        frames[0].clone()
    };
    let f = one_event(
        "2019-03-05",
        "On 1 March 2019, gunmen and suicide bombers attacked an army base in Helmand, Afghanistan.",
    );
    assert_eq!(f.date.as_ref().map(|d| d.value), Some(DateInterval::day(day("2019-03-01"))));
    assert_eq!(f.country.as_ref().map(|c| c.value.as_str()), Some("AF"));
    // however far apart, when the later one is a definite mention ("the April 3 attack") that
    // refers back to the event the sentence told of
    let f = one_event(
        "2013-05-20",
        "Police questioned the relatives of the two Leeds bombing suspects at length about where the pair had travelled in the weeks before the April 3 attack.",
    );
    assert_eq!(f.place.as_ref().map(|p| p.value.name.as_str()), Some("Leeds"));
    assert_eq!(f.date.as_ref().map(|d| d.value), Some(DateInterval::day(day("2013-04-03"))));
}

#[test]
fn a_bare_trigger_names_the_kind_of_its_sentences_event() {
    let a = article(
        Some("2019-05-26"),
        "The cafe bombing was an attack on 13 September 1974 in Madrid, Spain.\nA bomb exploded in Seville, Spain, on 2 October 1974.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = main_frame(&frames);
    assert_eq!(main.event_type, EventType::Bombing);
    assert_eq!(main.date.as_ref().map(|d| d.value), Some(DateInterval::day(day("1974-09-13"))));
}

#[test]
fn a_place_that_speaks_or_whose_officials_speak_is_not_where_the_event_was() {
    let a = article(
        Some("2019-05-26"),
        "A suicide bomber killed six soldiers on Monday.\nThe White House issued a statement condemning the attack.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!place_names(&frames).contains(&"White House"), "{frames:#?}");
    let a = article(
        Some("2019-05-26"),
        "The United States ambassador said a roadside bomb killed three soldiers on Monday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(place_names(&frames).is_empty(), "{frames:#?}");
    // while a place set by a locative stays the event's, whatever verb follows
    let a = article(Some("2019-05-26"), "The bombing in Kabul claimed 20 lives on Monday.");
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(place_names(&frames), vec!["Kabul"]);
}

#[test]
fn where_people_stay_or_whom_a_name_is_with_is_not_the_events_place() {
    let a = article(
        Some("2019-01-20"),
        "The rebels, who were in Havana for peace talks, were blamed for the car bombing on Thursday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && place_names(&frames).is_empty(), "{frames:#?}");
    let a = article(
        Some("2014-06-04"),
        "He had dinner with the bombers, Dzhokhar and his brother, on the night of the attack.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && place_names(&frames).is_empty(), "{frames:#?}");
    let a = article(Some("2019-05-26"), "Bombs have struck cities from Iraq to Israel.");
    let frames = Extractor::builtin().frames(&a);
    assert!(!place_names(&frames).contains(&"Israel"), "{frames:#?}");
}

#[test]
fn the_suspects_of_a_bombing_are_not_where_it_happened() {
    let a = article(Some("2013-04-24"), "Investigators questioned the parents of the bombing suspects in Dagestan.");
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && place_names(&frames).is_empty(), "{frames:#?}");
}

#[test]
fn a_plea_on_one_day_does_not_date_the_bombing() {
    let a = article(
        Some("2016-11-17"),
        "Rahman pleaded not guilty on Thursday to charges that he set off a bomb in Leeds in September.",
    );
    let frames = Extractor::builtin().frames(&a);
    let f = main_frame(&frames);
    let d = f.date.as_ref().expect("the month of the bombing").value;
    assert_eq!((d.start, d.end), (day("2016-09-01"), day("2016-09-30")));
}

#[test]
fn a_weekday_with_an_article_or_every_is_no_one_day() {
    let a = article(Some("2019-05-26"), "The bomb exploded on a Friday afternoon at the entrance of a cafe in Madrid.");
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none()), "{frames:#?}");
    // but "a Friday blast" is that Friday's
    let a = article(Some("2019-05-26"), "Police in Lyon are searching for the man behind a Friday blast.");
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(frames[0].date.as_ref().map(|d| d.value), Some(DateInterval::day(day("2019-05-24"))));
}

#[test]
fn a_trend_is_not_the_main_event() {
    let a = article(
        Some("2019-05-26"),
        "Bombings in Baghdad have been a hallmark of militant groups in recent years.\nA car bomb killed nine people in Kirkuk on Monday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(main_frame(&frames).place.as_ref().map(|p| p.value.name.as_str()), Some("Kirkuk"));
}

#[test]
fn a_statement_issued_on_a_day_does_not_date_the_event() {
    let a = article(
        Some("2019-09-20"),
        "A bomb exploded at a park in Leeds.\nThe group, on 15 September, issued a statement denying the bombing.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none()), "{frames:#?}");
}

#[test]
fn an_event_dated_years_before_the_article_is_not_its_main_event() {
    let a = article(
        Some("2015-03-10"),
        "The man was wanted for an attack on a police post in Gaya, India, in 2003.\nPolice arrested him in Patna, India, on Saturday.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(main_frame(&frames).event_type, EventType::Arrest, "{frames:#?}");
}

#[test]
fn an_attack_of_no_kind_told_again_does_not_outweigh_the_bombing_it_names() {
    let a = article(
        Some("2015-03-10"),
        "Two people were hurt in a petrol bomb attack on a bus in Chittagong on Monday.\nThe attack took place near a market in Mirzapur on Monday night.\nPolice said the attack was planned.\nThe attack shocked residents.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(main_frame(&frames).event_type, EventType::Bombing, "{frames:#?}");
}

#[test]
fn what_happened_days_later_is_not_the_main_event() {
    let main_place = |text: &str| {
        let frames = Extractor::builtin().frames(&article(Some("2019-05-26"), text));
        main_frame(&frames).place.as_ref().map(|p| p.value.name.clone())
    };
    let text = "Gunmen attacked a police post in Leeds three days later.\nA bomb exploded at the station in York on Friday, killing four.";
    assert_eq!(main_place(text).as_deref(), Some("York"));
    // nor is what the trigger's clause sets "later"
    let text =
        "The rifle was later used in a gunfight with police in York.\nA bomb exploded at a market in Leeds on Friday.";
    assert_eq!(main_place(text).as_deref(), Some("Leeds"));
    // but a later statement about an event does not make the event a sequel
    let text = "Police later said a bomb had exploded at a market in Leeds on Friday.\nA gunman opened fire on a bus in York on Saturday.";
    assert_eq!(main_place(text).as_deref(), Some("Leeds"));
}

/// The frames of a one-line article published on 2024-03-10.
fn frames_of(text: &str) -> Vec<EventFrame> {
    Extractor::builtin().frames(&article(Some("2024-03-10"), text))
}

#[test]
fn gunmen_who_killed_people_make_an_armed_assault_with_its_toll() {
    let frames = frames_of("Gunmen killed four people in a crowded market in Kano on Saturday.");
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.event_type, EventType::ArmedAssault, "{f:?}");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(4)), "{f:?}");
    assert_eq!(f.status, EventStatus::Happened);
    // with a day between the agent and its verb, and the toll told by the victims' role
    let frames = frames_of("Suspected militants on Sunday killed two policemen at a checkpoint.");
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(2)), "{f:?}");
}

#[test]
fn a_bomber_who_killed_makes_a_bombing_and_an_official_killed_an_assassination() {
    let frames = frames_of("A bomber killed 12 worshippers at a mosque in Quetta.");
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.event_type, EventType::Bombing, "{f:?}");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(12)), "{f:?}");
    let frames = frames_of("Gunmen killed the provincial governor near his home.");
    assert!(frames.iter().any(|f| f.event_type == EventType::Assassination), "{frames:?}");
    // with no means told, the model may be too unsure to type it, but gives no other kind
    let frames = frames_of("Insurgents killed the provincial governor near his home.");
    assert!(frames.iter().all(|f| matches!(f.event_type, EventType::Assassination | EventType::Unknown)), "{frames:?}");
    let frames = frames_of("Rebels set off explosives outside the barracks.");
    assert!(frames.iter().any(|f| f.event_type == EventType::Bombing), "{frames:?}");
    let frames = frames_of("Rebels set off fireworks outside the barracks.");
    assert!(frames.is_empty(), "{frames:?}");
    let frames = frames_of("Militants shot two policemen at a checkpoint.");
    assert!(frames.iter().any(|f| f.event_type == EventType::ArmedAssault), "{frames:?}");
    let frames = frames_of("Popular Liberation Army guerrillas blew up a bridge in the north.");
    assert!(frames.iter().any(|f| f.event_type == EventType::Bombing), "{frames:?}");
    let frames = frames_of("Guerrillas blew up two power pylons overnight.");
    assert!(frames.iter().any(|f| f.event_type == EventType::Bombing), "{frames:?}");
}

#[test]
fn violent_verbs_without_an_armed_agent_make_no_attack() {
    for text in [
        "The storm killed four people in the coastal villages.",
        "Police killed two suspects in a raid on a hideout.",
        "Troops killed 20 militants in the mountains.",
        "The senate killed the bill on Tuesday.",
        "Rebels shot down the proposal for a ceasefire.",
        "The rebels killed the peace deal with their demands.",
        "The crew shot a documentary about the militants.",
        "Five militants killed in the fighting were buried on Monday.",
        "Soldiers fighting insurgents killed a goat by mistake.",
        "State police commandos shot two men at a checkpoint.",
    ] {
        let frames = frames_of(text);
        assert!(frames.is_empty(), "{text}: {frames:?}");
    }
}

#[test]
fn an_armed_agent_that_did_not_or_may_kill_makes_no_event_that_happened() {
    for text in [
        "Gunmen never killed anyone in the town, residents said.",
        "Officials warned that militants could have killed dozens of people.",
    ] {
        let frames = frames_of(text);
        assert!(happened(&frames).is_empty(), "{text}: {frames:?}");
    }
}

#[test]
fn a_named_armed_group_as_subject_is_the_perpetrator_of_its_killing() {
    let frames = frames_of("Boko Haram killed nine farmers in Borno state.");
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(9)), "{f:?}");
    assert!(f.perpetrators.iter().any(|p| p.value.name.contains("Boko Haram")), "{f:?}");
}

#[test]
fn a_dash_before_an_armed_agent_ends_its_clause_on_a_char_boundary() {
    let frames = frames_of("It was quiet — then gunmen killed three guards at the gate.");
    assert!(frames.iter().any(|f| f.event_type == EventType::ArmedAssault), "{frames:?}");
}

#[test]
fn counted_guerrillas_are_the_attackers_but_a_guerrilla_attack_counts_no_one() {
    let a = article(Some("2024-03-10"), "Some 40 guerrillas attacked the town hall of Usulutan on Friday.");
    let frames = Extractor::builtin().frames(&a);
    let f = frames.iter().find(|f| f.main).expect("a frame");
    let attackers = f.attackers.as_ref().expect("attackers");
    assert_eq!((attackers.value, attackers.span.slice(&a.text)), (40, "Some 40 guerrillas"), "{f:?}");
    let frames = frames_of("A guerrilla attack destroyed a bridge near Usulutan on Friday.");
    assert!(frames.iter().all(|f| f.attackers.is_none()), "{frames:?}");
}

#[test]
fn armed_men_who_shot_at_or_killed_someone_named_by_role_make_an_attack() {
    for text in [
        "Unidentified assailants shot at a shopkeeper near the bazaar on Monday.",
        "Maoists killed a village headman in the district on Sunday night.",
        "Suspected militants of the Eastern Front fired upon a checkpoint on Tuesday.",
        "Two gunmen shot a former informer dead outside his house.",
    ] {
        let frames = frames_of(text);
        assert!(
            happened(&frames).iter().any(|f| matches!(
                f.event_type,
                EventType::ArmedAssault | EventType::Assassination | EventType::Unknown
            )),
            "{text}: {frames:?}"
        );
    }
    // but a video shot by militants is not an attack
    assert!(frames_of("The militants shot a video of their training camp.").is_empty());
}

#[test]
fn an_attack_told_of_through_its_trial_or_anniversary_is_recalled_news_of_it_is_not() {
    let ex = Extractor::builtin();
    for text in [
        "A taxi driver pleaded not guilty on Tuesday to lying about his ties to the men accused of the bombing of the stadium in Lahore.",
        "Relatives gathered on the fifth anniversary of the bombing of the market in Lahore.",
    ] {
        let frames = ex.frames(&article(Some("2016-05-04"), text));
        let bombing = frames.iter().find(|f| f.event_type == EventType::Bombing).expect(text);
        assert!(bombing.recalled, "{text}");
    }
    for text in [
        "A bomb exploded at a market in Lahore, killing four people, police said.",
        // the anniversary is of something else: the bombing struck its procession
        "A bomb exploded at a procession marking the anniversary of a general's death in Lahore.",
        "On the anniversary of his death, a bomb exploded at a market in Lahore.",
    ] {
        let frames = ex.frames(&article(Some("2016-05-04"), text));
        assert!(frames.iter().all(|f| !f.recalled), "{text}: {frames:?}");
    }
}

#[test]
fn a_bombing_named_bare_is_the_main_event_over_the_shooting_that_followed_it() {
    for text in [
        "The jury also convicted him of the fatal shooting of a guard in York two days later.\nA nurse who lost her sight in the bombing spoke at the hearing.",
        // a half that names its event only bare has it as main
        "Survivors of the bombing met the mayor on the steps of the hall.",
    ] {
        let frames = frames_of(text);
        assert_eq!(main_frame(&frames).event_type, EventType::Bombing, "{frames:#?}");
    }
    // "the attack" alone names no kind
    let frames = frames_of("Survivors of the attack met the mayor on the steps of the hall.");
    assert!(frames.iter().all(|f| !f.main), "{frames:#?}");
}

#[test]
fn a_release_or_a_sentence_does_not_date_the_bombing_its_people_were_tried_for() {
    let frames = frames_of("The two women were never tried for the cafe bombing, as they were freed in June 1977.");
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none()), "{frames:#?}");
    let frames = frames_of("He was sentenced to death on Wednesday for the bombing of the station.");
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none()), "{frames:#?}");
    // a date that modifies the trigger still dates it
    let frames = frames_of("He was convicted of the April 15, 2013, bombing of the station.");
    let d = main_frame(&frames).date.as_ref().expect("the bombing's day").value;
    assert_eq!((d.start, d.end), (day("2013-04-15"), day("2013-04-15")));
}

#[test]
fn where_the_attackers_had_lived_or_a_speaker_sits_is_not_the_events_place() {
    for text in [
        "Two brothers who had lived in the Netherlands for a decade carried the bombs in backpacks.",
        "“Forty soldiers were killed in the blast at the barracks,” said a senior official in the interior ministry in Kabul.",
        "A council member in Herat said nine people died in the explosion.",
        "A second source in Herat said the explosion killed nine people.",
    ] {
        let frames = frames_of(text);
        assert!(!frames.is_empty() && place_names(&frames).is_empty(), "{text}: {frames:#?}");
    }
    // while the event an official tells of keeps its place
    assert_eq!(place_names(&frames_of("An official said a bomb exploded at a market in Kabul.")), vec!["Kabul"]);
    let frames = frames_of("Officials said Taliban forces in Helmand attacked a checkpoint with rockets.");
    assert_eq!(place_names(&frames), vec!["Helmand"], "{frames:#?}");
}

#[test]
fn a_bomber_named_by_a_place_tells_of_the_bombing_there() {
    // the day of what the bomber did is not the bombing's
    let frames = frames_of("The Leeds Marathon bomber rose to his feet in court on Wednesday and apologized.");
    let f = main_frame(&frames);
    assert_eq!((f.event_type, f.date.is_none(), f.weapon.is_none()), (EventType::Bombing, true, true), "{frames:#?}");
    assert_eq!(place_names(&frames), vec!["Leeds"]);
    // a sentence that tells of the bombing itself names it once, with the bomber's place and
    // the device as its weapon
    let text = "The accused Madrid bomber, Ali Khan, denied charges that he set off an explosive device in September.";
    let all = frames_of(text);
    let frames = happened(&all);
    assert_eq!(frames.len(), 1, "{frames:#?}");
    assert_eq!(frames[0].place.as_ref().map(|p| p.value.name.as_str()), Some("Madrid"));
    assert_eq!(frames[0].weapon.as_ref().map(|w| w.span.slice(text)), Some("explosive device"));
}

#[test]
fn where_the_wounded_were_taken_is_not_the_scene() {
    let frames = frames_of("A car bomb exploded at a checkpoint, and the wounded were taken to hospitals in Kabul.");
    assert!(!frames.is_empty() && place_names(&frames).is_empty(), "{frames:#?}");
}

#[test]
fn an_event_of_last_week_is_not_the_one_of_monday() {
    // (published on a Tuesday: Monday is the day after last week ends)
    let frames_on = |text: &str| Extractor::builtin().frames(&article(Some("2020-01-07"), text));
    let frames = frames_on(
        "Gunmen stormed a police post in Helmand on Monday.\nLast week, militants set off a bomb at a compound.",
    );
    assert_eq!(happened(&frames).len(), 2, "{frames:#?}");
    // nor does "last week", a date of its own, make the car bomb of its sentence a recent one
    // that Monday's event could be
    let frames = frames_on(
        "Gunmen stormed a police post in Helmand on Monday.\nLast week, fighters set off a car bomb outside a compound in Kabul.",
    );
    assert_eq!(main_frame(&frames).place.as_ref().map(|p| p.value.name.as_str()), Some("Helmand"), "{frames:#?}");
}

#[test]
fn a_sentence_about_a_pattern_of_attacks_makes_no_event() {
    // plural bombs in a sentence about what militants have done for years: no one event, and
    // no place (the dateline's city, a country in the list) or period to date one by
    each_reads(
        &[
            "CAIRO — Car bombs set off within minutes of each other have been a hallmark of insurgents in recent years from Somalia to Syria.",
            "Suicide bombings are a tactic used by the group across the Sahel.",
        ],
        |frames| frames.is_empty(),
    );
    // while one event told beside a trend keeps its frame
    let frames = frames_of("A car bomb killed 12 people in Kabul on Monday, as attacks have risen in recent months.");
    assert_eq!(place_names(&happened(&frames).into_iter().cloned().collect::<Vec<_>>()), vec!["Kabul"], "{frames:#?}");
}

#[test]
fn an_event_someone_is_charged_with_takes_nothing_from_the_clause_around_it() {
    // the operation's day and town are not those of the bombings he is suspected of planning
    let frames = frames_of(
        "Police said that Karim Said, a mechanic who is suspected of planning the bombings, was among those who died during a police operation in Lyon on Tuesday.",
    );
    assert!(!frames.is_empty() && frames.iter().all(|f| f.date.is_none() && f.place.is_none()), "{frames:#?}");
    // what the phrase itself says of the event is still its own
    let text = "Ali Khan, who is accused of the bombing in Madrid on 3 May, appeared in court in London on Friday.";
    let frames = frames_of(text);
    assert_eq!(place_names(&frames), vec!["Madrid"], "{frames:#?}");
    assert_eq!(frames[0].date.as_ref().map(|d| d.span.slice(text)), Some("3 May"));
}

#[test]
fn the_event_another_is_set_after_is_the_story_s_own() {
    // "another bomb" that the story's attack came hours after is the earlier event, not the
    // story's, though it is the only one told with a place
    let frames = frames_of(
        "Ahmed Noor pleaded not guilty on Monday.\nThe attack came hours after another bomb planted by the same man went off beside a race in Trenton.",
    );
    let main = main_frame(&frames);
    assert!(main.place.is_none(), "{frames:#?}");
    // nor is it the story's where "that blast" names it again, though the place is nearer that
    let frames = frames_of(
        "Ahmed Noor pleaded not guilty on Monday.\nThe attack came hours after another bomb planted by the same man went off beside a race in Trenton, though that blast hurt no one.",
    );
    assert!(main_frame(&frames).place.is_none(), "{frames:#?}");
    // without "another", "came two days after" is what sets the bomb before the story's event
    let frames = frames_of("The shooting came two days after a bomb went off at a market in Trenton.");
    assert_eq!(main_frame(&frames).event_type, EventType::ArmedAssault, "{frames:#?}");
}

/// Checks `ok` on the frames of each text.
fn each_reads(texts: &[&str], ok: impl Fn(&[EventFrame]) -> bool) {
    for text in texts {
        let frames = frames_of(text);
        assert!(ok(&frames), "{text}: {frames:#?}");
    }
}

#[test]
fn the_shop_where_bomb_parts_were_bought_is_not_the_bombing_s_place() {
    each_reads(
        &[
            "On 2 March, Omar bought three kitchen timers from a hardware store in Leeds, which investigators say were needed to detonate the bombs.",
            "He buys two rucksacks at a supermarket in Bradford that were used to carry the bombs.",
        ],
        |frames| !frames.is_empty() && frames.iter().all(|f| f.date.is_none() && f.place.is_none()),
    );
}

#[test]
fn an_event_referred_back_to_in_an_opening_clause_takes_no_place_from_the_rest_of_the_sentence() {
    let a = article(
        Some("2013-04-20"),
        "Minutes after the bombs went off in Boston, the suspect was seen entering a shop in Cambridge.",
    );
    let frames = Extractor::builtin().frames(&a);
    let places: Vec<&str> = frames.iter().filter_map(|f| f.place.as_ref()).map(|p| p.value.name.as_str()).collect();
    assert!(places.contains(&"Boston") && !places.contains(&"Cambridge"), "{frames:?}");
    let a = article(
        Some("2013-04-20"),
        "Minutes after the bombs went off, the suspect was seen entering a shop in Cambridge.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(frames.iter().all(|f| f.place.as_ref().is_none_or(|p| p.value.name != "Cambridge")), "{frames:?}");
}

#[test]
fn a_timeline_dates_its_entries_by_the_heading_above_them() {
    let text = "March 30, 2013\nThe brothers rented two handguns at a range.\nApril 15, 2013\nTwo bombs exploded near the finish line of the Boston Marathon, killing three.\nMinutes after the bombs went off, one brother was seen buying milk.";
    let frames = Extractor::builtin().frames(&article(None, text));
    let bombing = frames.iter().find(|f| f.event_type == EventType::Bombing).expect("a bombing");
    let date = bombing.date.as_ref().expect("dated by its heading");
    assert_eq!((date.value.start, date.value.end), (day("2013-04-15"), day("2013-04-15")), "{frames:?}");
    // an event an entry names as known is not dated by its heading
    let text = "April 15, 2013\nTwo bombs exploded near the finish line of the Boston Marathon, killing three.\nApril 26, 2013\nAgents found a receipt for a gun recovered from the Watertown shootout scene.";
    let frames = Extractor::builtin().frames(&article(None, text));
    let shootout = frames.iter().find(|f| f.event_type == EventType::ArmedAssault).expect("a shootout");
    assert!(shootout.date.is_none(), "{frames:?}");
    // one date alone above a text is not a timeline (it may be the day of writing)
    let text = "April 15, 2013\nTwo bombs exploded near the finish line of the Boston Marathon, killing three.";
    let frames = Extractor::builtin().frames(&article(None, text));
    assert!(frames.iter().all(|f| f.date.is_none()), "{frames:?}");
}

#[test]
fn a_trigger_referred_back_to_late_in_its_clause_keeps_the_time_and_place_after_its_comma() {
    let a = article(
        Some("2015-08-20"),
        "Camera footage showed the man left the shrine just minutes before the blast occurred, during rush hour as the area in central Bangkok was full of people.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(frames.iter().any(|f| f.place.as_ref().is_some_and(|p| p.value.name == "Bangkok")), "{frames:?}");
}

#[test]
fn the_story_s_attack_is_main_over_a_dated_bombing_whose_toll_is_another_s() {
    let text = "A defence official said 120 people were killed in the explosion at the training centre.\nThe governor's office said militants had carried out an attack on intelligence staff in Maidan Shahr.\nInsurgents later claimed the complex attack.\nOn Sunday, a suicide bombing in Logar province left eight policemen dead.";
    let frames = Extractor::builtin().frames(&article(Some("2019-01-22"), text));
    let main = main_frame(&frames);
    assert_eq!(main.place.as_ref().map(|p| p.value.name.as_str()), Some("Maidan Shahr"), "{frames:?}");
}

#[test]
fn a_date_before_a_named_writer_and_their_verb_dates_what_they_wrote_not_the_attack_in_it() {
    let a = article(
        Some("2020-01-01"),
        "In 1981 Lidia Falcon published a pamphlet which suggested that her role in the Rolando bombing had been large.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(frames.iter().all(|f| f.date.is_none()), "{frames:?}");
    // while a date before a named group and what it did dates that
    let a = article(Some("2020-01-01"), "In 1981 ETA gunmen attacked a barracks near Bilbao.");
    let frames = Extractor::builtin().frames(&a);
    assert!(frames.iter().any(|f| f.date.is_some()), "{frames:?}");
}

#[test]
fn a_blast_told_by_the_windows_it_blew_out_is_the_story_not_the_attacks_recalled_after_it() {
    let a = article(
        Some("2020-03-21"),
        "Police searched the area near the bakery.\n\"There were bits of electric wire near me. The windows were blown out,\" she told AFP.\nHe said the device had low force.\nFrance has been on high alert since the \"Islamic State\" group launched a series of attacks across Paris, killing 130 people.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = main_frame(&frames);
    assert_eq!(main.event_type, EventType::Bombing);
    assert!(main.quote.contains("blown out"), "{}", main.quote);
    assert!(main.place.is_none(), "Paris is where the recalled attacks were");
}

#[test]
fn a_look_back_years_later_dates_what_it_quotes_by_the_time_it_tells_of() {
    // an encyclopedia entry read in 2020: the statement's "today" was 21 December 2015
    let text = "On December 21, 2015 a suicide bomber blew himself up near Bagram, killing six soldiers.\nThe White House issued a statement: \"we condemn today\u{2019}s Taliban attack near Bagram.\"";
    let frames = Extractor::builtin().frames(&article(Some("2020-09-13"), text));
    assert!(!frames.is_empty());
    for f in &frames {
        let date = f.date.as_ref().expect("dated");
        assert_eq!(date.value.start, day("2015-12-21"), "{}", f.quote);
    }
    // news of its day, which says "on Monday" in its own voice, counts from its publication
    let news = "On Monday a suicide bomber blew himself up near Bagram, killing six soldiers, police said.\nIt was the deadliest attack since December 21, 2015.";
    let a = article(Some("2020-09-16"), news);
    assert_eq!(told_from_of(&a), Some(day("2020-09-16")));
    let look_back = article(Some("2020-09-16"), text);
    assert_eq!(told_from_of(&look_back), Some(day("2015-12-21")));
}

#[test]
fn an_event_is_named_by_its_own_words_without_its_place_group_or_day() {
    let names = |text: &str| -> Vec<String> {
        let frames = Extractor::builtin().frames(&article(Some("2020-05-05"), text));
        frames.iter().flat_map(|f| f.names.iter().map(|n| n.value.clone())).collect()
    };
    assert_eq!(
        names("The Cafetería Rolando bombing was an attack on 13 September 1974 in Madrid, Spain, which killed 13 people."),
        vec!["Cafetería Rolando"]
    );
    assert_eq!(names("Survivors of the 2013 Boston Marathon bombing met on Monday in Boston."), vec!["Marathon"]);
    assert!(names("The Taliban attack on Monday killed 12 people in Kabul, Afghanistan.").is_empty());
    assert!(names("The Friday blast in Lyon, France, injured 13 people.").is_empty());
    assert!(names("From the outset, the IRA's bombing of the city caused chaos in Belfast.").is_empty());
    assert!(names("It was heightened by the May 17 Iraqi missile attack on a frigate in the Gulf.").is_empty());
}

#[test]
fn a_victims_later_death_and_a_killing_a_year_before_do_not_make_the_story() {
    // "died in 1977" is the victim's day, not the attack's; "one year before" sets the
    // assassination before the story, whose event is the bombing named bare
    let a = article(
        Some("2020-05-05"),
        "A thirteenth victim died in 1977 of injuries suffered during the attack.\nTwo women stayed in prison, charged with complicity in the assassination of Luis Carrero Blanco one year before.\nNeither was tried for the Rolando bombing.",
    );
    let frames = Extractor::builtin().frames(&a);
    assert!(frames.iter().all(|f| f.date.is_none() || f.event_type == EventType::Assassination), "{frames:#?}");
    // nor is "a thirteenth victim" a toll of one
    assert!(frames.iter().all(|f| f.killed.is_none()), "{frames:#?}");
    let main = main_frame(&frames);
    assert_eq!(main.event_type, EventType::Bombing);
    assert_eq!(main.names.iter().map(|n| n.value.as_str()).collect::<Vec<_>>(), vec!["Rolando"]);
}

#[test]
fn a_countrys_air_force_is_whose_force_not_where_the_bomb_was() {
    let a = article(Some("2015-12-22"), "A bomb killed two U.S. Air Force officers on Monday.");
    let frames = Extractor::builtin().frames(&a);
    assert_eq!(frames.len(), 1);
    assert!(frames[0].place.is_none(), "{:?}", frames[0].place);
}

fn told_from_of(a: &Article) -> Option<NaiveDate> {
    let options = TimeOptions::default();
    let times = a.published.map(|day| find_times(&a.text, Some(day), &options));
    narrative::told_from(a, times.as_deref(), &options)
}

#[test]
fn the_filing_place_places_an_event_only_where_the_text_places_it_nowhere() {
    let place_of = |text: &str| {
        let frames = Extractor::builtin().frames(&article(Some("2024-05-09"), text));
        let main = main_frame(&frames);
        (main.place.as_ref().map(|p| p.value.name.clone()), main.country.as_ref().map(|c| c.value.clone()))
    };
    // filed from one city about another: the text's place
    let (place, country) =
        place_of("WASHINGTON (AP) — A car bomb killed 12 people in the Iraqi city of Mosul on Monday, officials said.");
    assert_eq!((place.as_deref(), country.as_deref()), (Some("Mosul"), Some("IQ")));
    let (place, _) = place_of(
        "TEHRAN, Iran (AP) — Two bombs exploded at a memorial ceremony in Kerman on Wednesday, killing 84 people.",
    );
    assert_eq!(place.as_deref(), Some("Kerman"));
    // the text names no place: the story's event is where it was filed, quoted from the dateline
    let text =
        "KABUL, Afghanistan (AP) — A suicide bomber killed five people at a wedding party on Sunday, police said.";
    let frames = Extractor::builtin().frames(&article(Some("2024-05-09"), text));
    let main = main_frame(&frames);
    let place = main.place.as_ref().expect("the filing place");
    assert_eq!((place.value.name.as_str(), place.span.slice(text)), ("Kabul", "KABUL"));
    assert_eq!(main.country.as_ref().map(|c| c.value.as_str()), Some("AF"));
    // nor does a filing place override the country the text gives
    let (place, country) = place_of(
        "LONDON (Reuters) — Gunmen killed three soldiers at a checkpoint in Somalia on Tuesday, the army said.",
    );
    assert_eq!((place.as_deref(), country.as_deref()), (Some("Somalia"), Some("SO")));
}

#[test]
fn an_attack_told_without_its_means_takes_its_type_from_the_weapon_named() {
    let type_of = |text: &str| {
        let frames = frames_of(text);
        assert_eq!(frames.len(), 1, "{frames:#?}");
        frames[0].event_type
    };
    // the weapon in the sentence the attack's own sentence refers back to
    assert_eq!(
        type_of("Assailants fired two rockets at a military base near the town. No one was hurt in the attack."),
        EventType::Bombing
    );
    assert_eq!(
        type_of("An attack with knives on a bus station left four people wounded on Monday."),
        EventType::ArmedAssault
    );
    // an attack named with no weapon and nothing else the codebook tells kinds by is of
    // unknown type, or the kind coders most often give an attack on a post (the type model is
    // near its threshold there); never a bombing
    assert!(matches!(type_of("Their post came under attack on Monday."), EventType::Unknown | EventType::ArmedAssault));
    // soldiers killed at their post: the type model gives the kind coders give it
    assert_eq!(type_of("Three soldiers were killed in an attack on their post on Monday."), EventType::ArmedAssault);
}

#[test]
fn an_article_judged_to_report_no_incident_gives_no_frames() {
    let texts = [
        "The striker was on target twice as the visitors beat their rivals 3-1 on Saturday.\n\
         Their coach praised a most promising attack and said the side would shoot for the title.",
        "Gunmen killed four policemen in an attack on a checkpoint in Peshawar on Monday.",
    ];
    for text in texts {
        let a = article(Some("2005-02-12"), text);
        let (relevance, frames) = Extractor::builtin().read(&a);
        assert!((0.0..=1.0).contains(&relevance.score));
        assert_eq!(relevance.reported, relevance.score >= relevance::THRESHOLD);
        if !relevance.reported {
            assert!(frames.is_empty());
        }
        assert_eq!(Extractor::builtin().frames(&a), frames);
    }
}

#[test]
fn a_report_of_an_attack_reports_an_incident_and_keeps_its_frames() {
    let text = "Gunmen killed four policemen and wounded seven others in an attack on a checkpoint in \
                Peshawar on Monday, officials said.\nNo group claimed responsibility for the attack.";
    let a = article(Some("2023-03-14"), text);
    let (relevance, frames) = Extractor::builtin().read(&a);
    assert!(relevance.reported, "score {}", relevance.score);
    assert!((0.0..=1.0).contains(&relevance.score));
    assert!(!frames.is_empty());
}

#[test]
fn an_article_opening_with_the_toll_of_its_event_reports_an_incident_whatever_its_style() {
    let leads = |published: Option<&str>, text: &str| {
        let a = article(published, text);
        leads_with_a_toll(&a, &Extractor::builtin().event_frames(&a))
    };
    let lede = "Paris — More than 120 people were killed overnight in a series of shootings and explosions across Paris, officials said.";
    assert!(leads(Some("2015-11-14"), lede));
    // history told in the opening is not news, nor is a dated event of an undated article
    let history = "Five people were killed when a bomb exploded in a pub in Woolwich on 7 November 1974, police said.";
    assert!(!leads(Some("2005-02-10"), history));
    assert!(!leads(None, history));
    // nor is an opening without a toll
    assert!(!leads(Some("2015-11-14"), "Gunmen attacked a police post in Helmand on Friday, officials said."));
}

#[test]
fn the_type_model_decides_only_what_the_words_leave_open() {
    let main_type = |text: &str| {
        let frames = frames_of(text);
        frames.iter().find(|f| f.main).or(frames.first()).map(|f| f.event_type)
    };
    // a kind the text names in its own words is the text's, whatever else the article says
    assert_eq!(
        main_type("Suicide bombings at three churches killed 290 people on Sunday, the prime minister said."),
        Some(EventType::Bombing)
    );
    // a shooting of an office holder is an assassination in the codebook's terms
    assert_eq!(
        main_type("Gunmen shot dead the district governor outside his office on Monday."),
        Some(EventType::Assassination)
    );
    // an armed attack that carried people off is a kidnapping
    assert_eq!(
        main_type("Gunmen attacked a bus on the highway and abducted 12 passengers on Friday."),
        Some(EventType::Kidnapping)
    );
}

#[test]
fn an_event_dated_long_before_the_article_is_told_in_passing_and_kept_apart_from_its_news() {
    let text = "A car bomb killed nine people outside a court in Mardin on Monday, officials said.\n\
                It was the deadliest attack in the province since 4 June 2011, when two gunmen killed 14 villagers.";
    let frames = Extractor::builtin().frames(&article(Some("2024-03-12"), text));
    let news = frames.iter().find(|f| f.main).expect("the news");
    assert_eq!(news.telling, Telling::Reported, "{frames:#?}");
    assert_eq!(news.killed.as_ref().map(|k| k.value), Some(CountRange::exact(9)), "{news:?}");
    // the day after "since", told by its when-clause, dates that clause's event, an old one
    let old = frames.iter().find(|f| f.telling == Telling::Background).expect("a background event");
    let date = old.date.as_ref().expect("dated by its own words");
    assert_eq!((date.value.start, date.value.end), (day("2011-06-04"), day("2011-06-04")), "{old:?}");
    // "two gunmen killed 14": the gunmen did it, they are no toll
    assert_eq!(old.killed.as_ref().map(|k| k.value), Some(CountRange::exact(14)), "{old:?}");
}

#[test]
fn the_cause_a_sentence_names_is_another_event_and_a_statements_day_dates_no_event() {
    let text = "Police told reporters on Thursday that the bombing of the depot was carried out in revenge for the shooting of two farmers in Tarnow in January.";
    let frames = Extractor::builtin().frames(&article(Some("2024-03-15"), text));
    let bombing = frames.iter().find(|f| f.event_type == EventType::Bombing).expect("the bombing");
    assert!(bombing.date.is_none(), "the day of the statement is not the bombing's: {bombing:?}");
    assert!(bombing.place.as_ref().is_none_or(|p| p.value.name != "Tarnow"), "{bombing:?}");
    assert!(frames.iter().any(|f| f.event_type != EventType::Bombing), "the shooting is its own event: {frames:#?}");
}

#[test]
fn a_bomb_scare_is_a_threat_not_a_bombing() {
    let a = article(Some("2024-03-10"), "Shoppers were led out of a mall in Leeds on Saturday after a bomb scare.");
    let frames = Extractor::builtin().event_frames(&a);
    assert!(frames.iter().any(|f| f.status == EventStatus::Threatened), "{frames:#?}");
    assert!(frames.iter().all(|f| f.status != EventStatus::Happened), "{frames:#?}");
}

#[test]
fn a_group_the_actor_base_lacks_is_the_perpetrator_its_blame_names() {
    let frames = frames_of(
        "Gunmen killed six farmers in Agatu on Sunday. No group claimed responsibility; however, sources attributed the attack to Tiv extremists.",
    );
    let main = frames.iter().find(|f| f.main).expect("a main event");
    let named: Vec<(&str, AttributionStatus)> =
        main.perpetrators.iter().map(|p| (p.value.name.as_str(), p.value.status)).collect();
    assert_eq!(named, vec![("Tiv extremists", AttributionStatus::Attributed)], "{main:?}");
}

#[test]
fn one_person_named_by_role_is_a_toll_and_counted_buildings_are_none() {
    let frames = frames_of("Gunmen opened fire on a teacher in Herat on Monday. The teacher was killed in the attack.");
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.killed.as_ref().map(|k| k.value), Some(CountRange::exact(1)), "{frames:#?}");
    let frames = frames_of("Bombs went off at three churches and two hotels in Colombo on Sunday, killing 40 people.");
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.killed.as_ref().map(|k| k.value), Some(CountRange::exact(40)), "{frames:#?}");
}

#[test]
fn the_day_of_a_trial_dates_the_trial_not_the_crime() {
    let text = "After a three-day trial in October, a jury convicted the man of bombing a mosque in Leeds.";
    let frames = Extractor::builtin().event_frames(&article(Some("2024-11-20"), text));
    assert!(!frames.is_empty(), "the bombing is still read");
    assert!(frames.iter().all(|f| f.date.is_none()), "{frames:#?}");
}

#[test]
fn a_toll_revised_to_a_figure_takes_the_role_of_what_it_counts() {
    let text = "Officials have lowered the number of people killed in Sunday's bombings in Kandy to about 140, saying some victims were counted twice.";
    assert_eq!(largest_death_toll("2024-04-26", text), Some(140));
}

#[test]
fn a_count_with_its_modifier_is_the_object_of_a_killing() {
    for text in [
        "Gunmen killed at least 29 people in a market in Kano on Saturday.",
        "Militants killed more than 20 villagers near Maiduguri.",
        "Gunmen shot up to ten passengers on the bus.",
    ] {
        let frames = frames_of(text);
        let f = frames.iter().find(|f| f.main).unwrap_or_else(|| panic!("{text}: no frame"));
        assert_eq!(f.event_type, EventType::ArmedAssault, "{text}: {f:?}");
        assert!(f.killed.is_some() || text.contains("shot"), "{text}: {f:?}");
    }
    // a preposition is still no object
    assert!(frames_of("Gunmen killed at night in the town.").is_empty());
}

#[test]
fn people_hurt_told_by_their_count_in_a_perfect_passive_are_the_wounded() {
    let frames = frames_of(
        "Gunmen attacked a concert hall in the city on Friday. The prosecutor said on Saturday that 140 people had been wounded, 30 of them critically.",
    );
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.wounded.as_ref().map(|w| w.value), Some(CountRange::exact(140)), "{frames:?}");
    let frames = frames_of("A bomb went off at the station. Officials said 12 people have been killed.");
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(12)), "{frames:?}");
}

#[test]
fn an_injury_without_a_count_of_people_is_no_event() {
    for text in [
        "The striker was injured in training and will miss the final.",
        "Two players were hurt in a collision during the match.",
        "He said nobody had been hurt by the decision.",
    ] {
        assert!(frames_of(text).is_empty(), "{text}: {:?}", frames_of(text));
    }
}

#[test]
fn a_bombing_aimed_at_a_named_person_is_told_apart_from_one_aimed_at_a_place() {
    let named = |text: &str| {
        let a = article(Some("2024-03-10"), text);
        let frames = Extractor::builtin().frames(&a);
        frames.iter().any(|f| crate::types::names_a_person_as_target(&a, f))
    };
    assert!(named("A bomb went off targeting the vehicle of Ahmad Karimi, a district judge, in Herat on Monday."));
    assert!(named("Gunmen opened fire on Maria Santos outside her home in Cebu on Monday."));
    assert!(!named("A bomb went off targeting the vehicle of security forces in Herat on Monday."));
    assert!(!named("Gunmen opened fire on Monday at a checkpoint in Herat."));
}

#[test]
fn a_figure_named_as_earlier_is_not_the_toll_the_report_gives() {
    let frames = frames_of(
        "A bomb killed 40 people at the market on Sunday, officials said, revising the earlier figure of 52.",
    );
    let f = frames.iter().find(|f| f.main).expect("a frame");
    assert_eq!(f.killed.as_ref().map(|k| k.value), Some(CountRange::exact(40)), "{frames:?}");
}

#[test]
fn a_device_defused_or_a_projectile_intercepted_is_a_bombing_that_failed_but_a_row_defused_is_nothing() {
    let mains = |text: &str| {
        let a = article(Some("2021-02-02"), text);
        Extractor::builtin()
            .frames(&a)
            .into_iter()
            .filter(|f| f.main)
            .map(|f| (f.event_type, f.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        mains("Police discovered and defused three explosive devices on a road outside Jalalabad on Tuesday."),
        vec![(EventType::Bombing, EventStatus::Foiled)]
    );
    assert_eq!(
        mains("Air defences intercepted two rockets aimed at the airport in Erbil on Monday."),
        vec![(EventType::Bombing, EventStatus::Foiled)]
    );
    assert!(mains("The minister defused the row over tuition fees in Cardiff on Monday.").is_empty());
    assert!(mains("The keeper intercepted the cross in the final minute at Anfield.").is_empty());
    // the passive, its device or projectile the subject
    assert_eq!(mains("A bomb-laden drone was intercepted over the port of Aden on Monday.").len(), 1);
    assert_eq!(mains("Two explosive devices were safely defused near a school in Quetta on Monday.").len(), 1);
    assert!(mains("The pass was intercepted near the halfway line at Anfield on Monday.").is_empty());
}

#[test]
fn what_an_attack_answers_is_background_past_an_acronym_in_brackets() {
    let a = article(
        Some("2021-05-15"),
        "Air defences intercepted a missile launched at Ashdod, Israel. No one was hurt in the \
         attack. A militant group claimed the incident and said that the attack was in \
         retaliation against Israel Defense Forces (IDF) attacks on farmers in Rafah.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.event_type, EventType::Bombing, "{frames:?}");
}

#[test]
fn an_attack_aimed_at_no_one_in_particular_is_no_assassination() {
    let frames = frames_of("Gunmen shot and killed four guards at a checkpoint in Kunduz on Monday.");
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_ne!(main.event_type, EventType::Assassination, "{frames:?}");
}

#[test]
fn armed_men_who_throw_fire_or_launch_a_device_or_shell_a_place_make_an_attack() {
    let main_type = |text: &str| {
        let a = article(Some("2021-02-02"), text);
        Extractor::builtin().frames(&a).into_iter().find(|f| f.main).map(|f| f.event_type)
    };
    assert_eq!(main_type("Militants threw a grenade at a police post in Pulwama on Sunday."), Some(EventType::Bombing));
    assert_eq!(
        main_type("Rebels fired four mortar shells at the army camp near Goma on Friday."),
        Some(EventType::Bombing)
    );
    assert_eq!(main_type("Insurgents shelled the village of Tal Tamr on Thursday."), Some(EventType::Bombing));
    // "threw" and "fired" without an armed subject or a device name nothing
    assert_eq!(main_type("The chairman fired the manager and threw a party in Leeds on Friday."), None);
}

#[test]
fn two_coordinated_acts_share_the_place_named_after_both() {
    let a = article(
        Some("2021-02-02"),
        "Gunmen opened fire on villagers and set fire to houses in Gwoza, Borno, Nigeria on Monday.",
    );
    let frames = Extractor::builtin().frames(&a);
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.place.as_ref().map(|p| p.value.name.as_str()), Some("Gwoza"), "{frames:#?}");
}

#[test]
fn one_person_killed_as_the_object_of_an_active_verb_is_one_dead_but_an_attacker_or_a_plural_is_not() {
    let killed = |text: &str| main_toll(text, |f| f.killed.as_ref());
    assert_eq!(
        killed("Gunmen shot and killed Amina Yusuf, a district councillor, in Maiduguri, Nigeria, on Monday."),
        Some(CountRange::exact(1))
    );
    assert_eq!(
        killed("Militants killed the head of the local water board outside his home in Baidoa on Monday."),
        Some(CountRange::exact(1))
    );
    assert_eq!(killed("Gunmen shot and killed Afghan soldiers at a checkpoint in Herat on Monday."), None);
    assert_eq!(killed("Soldiers opened fire and killed the attacker at a checkpoint in Hebron on Monday."), None);
    // the passive is one victim's too, a definite description as well as a name
    assert_eq!(
        killed("Gunmen stormed the district centre in Ghazni on Monday. The district police chief, Ali Rahimi, was killed in the attack."),
        Some(CountRange::exact(1))
    );
}

#[test]
fn people_taken_hostage_and_carried_off_are_kidnapped_and_an_abduction_outranks_an_assault() {
    let main_type = |text: &str| {
        let a = article(Some("2021-04-18"), text);
        Extractor::builtin().frames(&a).into_iter().find(|f| f.main).map(|f| f.event_type)
    };
    assert_eq!(
        main_type(
            "Gunmen stormed a police post in Sangin, Helmand, Afghanistan, on Sunday. Nine officers \
             were taken hostage and freed two days later."
        ),
        Some(EventType::Kidnapping)
    );
    assert_eq!(
        main_type(
            "Gunmen opened fire on a quarry in Ikole, Ekiti, Nigeria, on Sunday. Two guards were \
             killed and three workers were abducted in the attack."
        ),
        Some(EventType::Kidnapping)
    );
    // hostages held where they were taken: a barricade incident
    assert_eq!(
        main_type(
            "Gunmen held hostage twenty shoppers inside a mall in Nairobi, Kenya, for a day during a siege on Sunday."
        ),
        Some(EventType::HostageTaking)
    );
}

#[test]
fn a_sentence_without_a_trigger_tells_the_casualties_of_the_event_just_before() {
    let main_tolls = |text: &str| {
        let a = article(Some("2021-04-18"), text);
        let frames = Extractor::builtin().frames(&a);
        frames.into_iter().find(|f| f.main).map(|f| (f.killed.map(|k| k.value.low), f.wounded.map(|k| k.value.low)))
    };
    assert_eq!(
        main_tolls(
            "Gunmen abducted Amadou Diallo near Kidal, Mali, on Sunday. Diallo was shot and killed \
             two days later, and three of his guards were wounded."
        ),
        Some((Some(1), Some(3)))
    );
    // a toll the event has already stands
    assert_eq!(
        main_tolls(
            "A bomb killed four soldiers near Kidal, Mali, on Sunday. Another soldier was killed \
             the next day."
        ),
        Some((Some(4), None))
    );
}

#[test]
fn one_person_told_by_kin_or_role_is_one_hurt() {
    let frames = frames_of(
        "Gunmen opened fire on a councillor in Marawi on Monday. The councillor was killed and his nephew was \
         wounded in the attack.",
    );
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.wounded.as_ref().map(|w| w.value.low), Some(1), "{frames:?}");
}

#[test]
fn one_person_hurt_as_the_object_of_an_active_verb_is_one_wounded() {
    let frames = frames_of("Gunmen shot and injured a shopkeeper in Quetta, Pakistan, on Monday.");
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.wounded.as_ref().map(|w| w.value.low), Some(1), "{frames:?}");
    // an attacker hurt is none of the victims
    let frames =
        frames_of("Gunmen attacked a post in Quetta, Pakistan, on Monday; police shot and injured the assailant.");
    assert!(frames.iter().all(|f| f.wounded.is_none()), "{frames:?}");
}
