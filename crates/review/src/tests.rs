use super::*;
use annalist_model::{AttributionStatus, Claim, CountRange, EventType, Incident, Perpetrator};
use chrono::NaiveDate;
use serde_json::json;

fn claim(field: Field, value: &str, document: &str, start: usize) -> Claim {
    Claim {
        field,
        value: value.into(),
        document: document.into(),
        outlet: None,
        published: None,
        quote: format!("{value} in {document}"),
        start,
        end: start + 5,
    }
}

fn incident(id: &str, day: u32, killed: u64, sources: &[&str]) -> Incident {
    Incident {
        date_start: NaiveDate::from_ymd_opt(2024, 1, day),
        date_end: NaiveDate::from_ymd_opt(2024, 1, day),
        country: Some("IR".into()),
        place: Some("Kerman".into()),
        lat: Some(30.28),
        lon: Some(57.08),
        killed: Some(CountRange::exact(killed)),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        independent_sources: sources.len(),
        claims: sources.iter().map(|s| claim(Field::Killed, &killed.to_string(), s, 10)).collect(),
        ..Incident::new(id, EventType::Bombing)
    }
}

fn review(id: i64, inc: &Incident, action: Action) -> Review {
    Review {
        id,
        created_at: "2026-12-07T06:00:00Z".into(),
        review: NewReview {
            incident: inc.id.clone(),
            sources: inc.sources.clone(),
            action,
            author: "ana".into(),
            note: None,
            quote: None,
        },
    }
}

fn no_fusion(_: &[String]) -> Vec<Incident> {
    Vec::new()
}

fn ids(ledger: &ReviewedLedger) -> Vec<&str> {
    ledger.incidents.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn a_set_field_shows_the_reviewed_value_and_keeps_what_the_machine_said() {
    let a = incident("a", 3, 95, &["d1"]);
    let value = parse_value(Field::Killed, "84-95").unwrap();
    let reviews = [review(1, &a, Action::Set { field: Field::Killed, value })];
    let ledger = apply_reviews(vec![a], &reviews, &no_fusion);
    assert_eq!(ledger.incidents[0].killed, Some(CountRange { low: 84, high: Some(95) }));
    let state = &ledger.states["a"];
    assert_eq!(state.machine["killed"], json!({"low": 95, "high": 95}));
    assert!(state.reviewed() && !state.marked && state.rejected.is_none());
}

#[test]
fn a_cleared_field_is_unknown_and_a_second_set_keeps_the_first_machine_value() {
    let a = incident("a", 3, 95, &["d1"]);
    let reviews = [
        review(1, &a, Action::Set { field: Field::Killed, value: json!(null) }),
        review(2, &a, Action::Set { field: Field::Killed, value: parse_value(Field::Killed, "7").unwrap() }),
        review(3, &a, Action::Set { field: Field::Place, value: Value::Null }),
    ];
    let ledger = apply_reviews(vec![a], &reviews, &no_fusion);
    let inc = &ledger.incidents[0];
    assert_eq!(inc.killed, Some(CountRange::exact(7)));
    assert_eq!((inc.place.as_deref(), inc.lat), (None, None));
    assert_eq!(ledger.states["a"].machine["killed"], json!({"low": 95, "high": 95}));
    assert_eq!(ledger.states["a"].reviews, [1, 2, 3]);
}

#[test]
fn a_review_follows_its_incident_when_the_id_changes_by_its_sources() {
    let before = incident("old", 3, 95, &["d1", "d2"]);
    let reviews = [review(1, &before, Action::Reject { reason: Rejection::Duplicate })];
    // re-fusion: a bridging report made the incident another's; it keeps d1 and d2
    let after = incident("new", 3, 95, &["d0", "d1", "d2"]);
    let other = incident("other", 9, 1, &["d1", "d9", "d8", "d7"]);
    let ledger = apply_reviews(vec![after, other], &reviews, &no_fusion);
    assert_eq!(ledger.states["new"].rejected, Some(Rejection::Duplicate));
    assert!(!ledger.states.contains_key("other"));
}

#[test]
fn a_review_whose_incident_is_gone_applies_to_nothing() {
    let gone = incident("gone", 3, 95, &["d1", "d2"]);
    let reviews = [review(1, &gone, Action::Mark)];
    let ledger = apply_reviews(vec![incident("x", 3, 1, &["d1", "d5", "d6"])], &reviews, &no_fusion);
    assert!(ledger.states.is_empty(), "one shared source of two is not the incident: {:?}", ledger.states);
}

#[test]
fn a_merge_makes_one_row_of_two_and_survives_a_new_source() {
    let a = incident("a", 3, 95, &["d1"]);
    let mut b = incident("b", 4, 84, &["d2"]);
    b.perpetrators = vec![Perpetrator { name: "Islamic State".into(), status: AttributionStatus::Claimed }];
    let merge = [review(1, &a, Action::Merge { other: "b".into(), other_sources: b.sources.clone() })];
    let ledger = apply_reviews(vec![a.clone(), b.clone()], &merge, &no_fusion);
    assert_eq!(ids(&ledger), ["a"]);
    let m = &ledger.incidents[0];
    assert_eq!(m.sources, ["d1", "d2"]);
    assert_eq!(m.killed, Some(CountRange { low: 84, high: Some(95) }));
    assert_eq!(m.perpetrators[0].name, "Islamic State");
    assert_eq!(m.independent_sources, 2);
    assert_eq!(m.claims.len(), 2);
    assert!(m.conflicts.iter().any(|c| c.field == Field::Killed));
    assert_eq!(ledger.states["a"].merged, ["b"]);
    // a third report joins b at the next fusion: the merge still holds, with it
    let b2 = incident("b", 4, 84, &["d2", "d3"]);
    let ledger = apply_reviews(vec![a, b2], &merge, &no_fusion);
    assert_eq!(ids(&ledger), ["a"]);
    assert_eq!(ledger.incidents[0].sources, ["d1", "d2", "d3"]);
}

#[test]
fn a_split_moves_documents_to_a_new_row_whose_values_come_from_their_own_fusion() {
    let mut whole = incident("a", 3, 95, &["d1", "d2", "d3"]);
    whole.claims.push(claim(Field::Type, "bombing", "d3", 0));
    let split = [review(7, &whole, Action::Split { documents: vec!["d3".into()] })];
    let refuse = |docs: &[String]| -> Vec<Incident> {
        if docs == ["d3"] {
            let mut alone = incident("fused-d3", 20, 2, &["d3"]);
            alone.claims.push(claim(Field::Type, "bombing", "d3", 0));
            vec![incident("unrelated", 1, 0, &["d3"]), alone]
        } else {
            Vec::new()
        }
    };
    let ledger = apply_reviews(vec![whole], &split, &refuse);
    let new_id = split_id(7);
    let mut expected = vec!["a", new_id.as_str()];
    expected.sort_by_key(|id| if *id == "a" { 3 } else { 20 });
    assert_eq!(ids(&ledger), expected);
    let rest = &ledger.incidents[0];
    assert_eq!((rest.sources.clone(), rest.killed), (vec!["d1".to_string(), "d2".into()], Some(CountRange::exact(95))));
    assert!(rest.claims.iter().all(|c| c.document != "d3"));
    let new = &ledger.incidents[1];
    assert_eq!((new.sources.clone(), new.killed), (vec!["d3".to_string()], Some(CountRange::exact(2))));
    assert_eq!(ledger.states[&new_id].split_from.as_deref(), Some("a"));
    assert_eq!(ledger.states["a"].reviews, [7]);
}

#[test]
fn a_split_keeps_the_values_a_person_set_on_what_remains() {
    let whole = incident("a", 3, 95, &["d1", "d2"]);
    let reviews = [
        review(1, &whole, Action::Set { field: Field::Killed, value: parse_value(Field::Killed, "90").unwrap() }),
        review(2, &whole, Action::Split { documents: vec!["d2".into()] }),
    ];
    let ledger = apply_reviews(vec![whole], &reviews, &no_fusion);
    let rest = ledger.incidents.iter().find(|i| i.id == "a").unwrap();
    assert_eq!((rest.sources.len(), rest.killed), (1, Some(CountRange::exact(90))));
}

#[test]
fn a_retracted_review_is_not_applied() {
    let a = incident("a", 3, 95, &["d1"]);
    let reviews =
        [review(1, &a, Action::Reject { reason: Rejection::OutOfScope }), review(2, &a, Action::Retract { review: 1 })];
    let ledger = apply_reviews(vec![a], &reviews, &no_fusion);
    assert_eq!(ledger.states.get("a").and_then(|s| s.rejected), None);
}

#[test]
fn typed_values_are_read_and_bad_ones_say_what_is_expected() {
    assert_eq!(parse_value(Field::Killed, "300+").unwrap(), json!({"low": 300, "high": null}));
    assert_eq!(
        parse_value(Field::Date, "2024-01-03..2024-01-05").unwrap(),
        json!({"start": "2024-01-03", "end": "2024-01-05"})
    );
    assert_eq!(parse_value(Field::Country, "ir").unwrap(), json!("IR"));
    assert_eq!(parse_value(Field::Type, "armed assault").unwrap(), json!("armed_assault"));
    assert_eq!(
        parse_value(Field::Perpetrator, "Islamic State (claimed); Jaish al-Adl").unwrap(),
        json!([{"name": "Islamic State", "status": "claimed"}, {"name": "Jaish al-Adl", "status": "attributed"}])
    );
    assert_eq!(
        parse_value(Field::Place, "Kerman; 30.28, 57.08").unwrap(),
        json!({"name": "Kerman", "lat": 30.28, "lon": 57.08})
    );
    assert_eq!(parse_value(Field::Suicide, "").unwrap(), Value::Null);
    let err = |f: Field, t: &str| parse_value(f, t).unwrap_err().to_string();
    assert!(err(Field::Killed, "many").contains("a number (12), a range (10-15)"));
    assert!(err(Field::Killed, "9-3").contains("low end"));
    assert!(err(Field::Date, "yesterday").contains("YYYY-MM-DD"));
    assert!(err(Field::Country, "Iran").contains("two-letter"));
    assert!(err(Field::Type, "riot").contains("bombing"));
    assert!(err(Field::Perpetrator, "X (blamed)").contains("claimed, attributed"));
    assert!(parse_field("weather").unwrap_err().to_string().contains("one of: type, date"));
    assert_eq!(parse_field("Dates").unwrap(), Field::Date);
    assert_eq!(render_value(Field::Killed, &json!({"low": 84, "high": 95})), "84–95");
    assert_eq!(render_value(Field::Killed, &Value::Null), "unknown");
}

#[test]
fn a_split_must_move_some_but_not_all_sources_of_its_incident() {
    let a = incident("a", 3, 95, &["d1", "d2"]);
    let new = |documents: Vec<String>| NewReview {
        incident: a.id.clone(),
        sources: a.sources.clone(),
        action: Action::Split { documents },
        author: "ana".into(),
        note: None,
        quote: None,
    };
    assert!(check(&new(vec!["d2".into()])).is_ok());
    assert!(check(&new(vec!["d9".into()])).unwrap_err().0.contains("not a source"));
    assert!(check(&new(vec!["d1".into(), "d2".into()])).unwrap_err().0.contains("at least one"));
}

#[test]
fn actions_round_trip_their_stored_parts() {
    let actions = [
        Action::Set { field: Field::Killed, value: json!({"low": 1, "high": 2}) },
        Action::Set { field: Field::Place, value: Value::Null },
        Action::Reject { reason: Rejection::NotAnIncident },
        Action::Merge { other: "b".into(), other_sources: vec!["d2".into()] },
        Action::Split { documents: vec!["d3".into()] },
        Action::Mark,
        Action::Retract { review: 4 },
    ];
    for a in actions {
        let back = Action::from_parts(a.name(), a.field().map(|f| f.as_str()), a.payload()).unwrap();
        assert_eq!(back, a);
    }
}
