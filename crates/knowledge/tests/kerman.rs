//! Every place and group the Kerman gold names resolves to the right entry in the Kerman corpus.
//!
//! Reads `../shared/eval/kerman-2024.gold.jsonl` and `../shared/corpus/kerman-2024/` (neither is
//! committed; without them the test says so and checks nothing). For each gold incident and each
//! of its source articles, every occurrence of a gold place name must be found as a place of a
//! gold country, and every occurrence of a gold perpetrator name must be found as the expected actor.

use annalist_knowledge::{ActorBase, ActorKind, Gazetteer};
use serde_json::Value;

/// The actor a gold perpetrator name means: the gold lists one group's names (and its parent's).
fn expected_actor(incident: &str, name: &str) -> Option<&'static str> {
    match (incident, name) {
        (_, "Islamic State") => Some("is"),
        ("kerman-bombings" | "shah-cheragh-2022" | "shah-cheragh-2023" | "jalal-abad-plot", _) => Some("iskp"),
        ("iran-strikes-pakistan", "Iran" | "Islamic Republic of Iran") => Some("state-ir"),
        ("iran-strikes-pakistan", "Islamic Revolutionary Guard Corps" | "IRGC") => Some("irgc"),
        ("pakistan-strikes-iran", "Pakistan") => Some("state-pk"),
        ("soleimani-killing", "United States" | "U.S." | "US") => Some("state-us"),
        _ => None,
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    }
}

/// Byte ranges where `needle` occurs in `text` as a whole word (case-sensitive).
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    text.match_indices(needle)
        .map(|(i, _)| (i, i + needle.len()))
        .filter(|&(s, e)| !word(text[..s].chars().next_back()) && !word(text[e..].chars().next()))
        .collect()
}

#[test]
fn every_gold_place_and_group_of_the_kerman_corpus_resolves() {
    let (Some(gold), Some(corpus)) =
        (annalist_testkit::shared("eval/kerman-2024.gold.jsonl"), annalist_testkit::shared("corpus/kerman-2024"))
    else {
        return;
    };
    let gold = std::fs::read_to_string(gold).expect("the Kerman gold is readable");
    let corpus = corpus.display().to_string();
    let (gazetteer, actors) = (Gazetteer::builtin(), ActorBase::builtin());
    let (mut places_checked, mut actors_checked) = (0, 0);
    let mut failures = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).expect("gold lines are JSON");
        let incident = record["key"].as_str().unwrap_or_default().to_string();
        let countries = strings(&record["country"]);
        let place_names = strings(&record["place"]);
        let perpetrators = strings(&record["perpetrator"]);
        let places_before = places_checked;
        for source in strings(&record["sources"]) {
            let path = format!("{corpus}/{source}.txt");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let found = gazetteer.find_places(&text);
            for name in &place_names {
                for (s, e) in occurrences(&text, name) {
                    let Some(m) = found.iter().find(|m| m.span.start <= s && e <= m.span.end) else {
                        failures.push(format!("{incident} {source}: place {name:?} at {s} not found"));
                        continue;
                    };
                    places_checked += 1;
                    // A longer name around it is another place ("Sistan and Baluchestan" in Iran).
                    let longer = m.span.end - m.span.start > e - s;
                    if !longer && !countries.contains(&m.place.country) {
                        failures.push(format!("{incident} {source}: {name:?} at {s} → {:?}", m.place));
                    }
                }
            }
            let named = actors.find_actors(&text);
            // Occurrences of the gold names, less those inside a longer gold name ("Islamic State" in ISKP's).
            let mut spans: Vec<(usize, usize, &str)> = perpetrators
                .iter()
                .flat_map(|n| occurrences(&text, n).into_iter().map(move |(s, e)| (s, e, n.as_str())))
                .collect();
            let all = spans.clone();
            spans.retain(|&(s, e, _)| !all.iter().any(|&(s2, e2, _)| s2 <= s && e <= e2 && e2 - s2 > e - s));
            for (s, e, name) in spans {
                let Some(want) = expected_actor(&incident, name) else {
                    failures.push(format!("{incident}: no expected actor for {name:?}"));
                    continue;
                };
                let Some(m) = named.iter().find(|m| m.span.start <= s && e <= m.span.end) else {
                    failures.push(format!("{incident} {source}: actor {name:?} at {s} not found"));
                    continue;
                };
                actors_checked += 1;
                // A longer name may name a branch or force of the expected actor ("Islamic State's
                // Khorasan branch", "U.S. forces"): then the expected actor is its parent.
                let parent = actors.actor(&m.actor).and_then(|a| a.parent.as_deref());
                let longer_branch = parent == Some(want) && m.span.end - m.span.start > e - s;
                if m.actor != want && !longer_branch {
                    failures.push(format!("{incident} {source}: {name:?} at {s} → {} (want {want})", m.actor));
                }
            }
        }
        if !place_names.is_empty() && places_checked == places_before {
            failures.push(format!("{incident}: none of {place_names:?} occurs in its sources"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(places_checked >= 20 && actors_checked >= 20, "{places_checked} places, {actors_checked} actors checked");
    eprintln!("{places_checked} place and {actors_checked} actor mentions resolved");
}

#[test]
fn the_state_beside_the_khorasan_branch_is_a_state() {
    let text = "Officials blamed the Islamic State-Khorasan Province (ISKP), whose fighters train in Afghanistan.";
    let found: Vec<(String, ActorKind)> =
        ActorBase::builtin().find_actors(text).into_iter().map(|m| (m.actor, m.kind)).collect();
    assert!(found.contains(&("iskp".to_string(), ActorKind::ArmedGroup)), "{found:?}");
    assert!(found.contains(&("state-af".to_string(), ActorKind::State)), "{found:?}");
    assert!(!found.iter().any(|(id, k)| id == "state-af" && *k != ActorKind::State), "{found:?}");
}
