//! A GTD split of the evaluation kit (`../shared/eval/data/gtd/SPLIT.jsonl`) as `annalist
//! extract` reads it (the JSON Lines reader), with each row's gold fields by document id.

use annalist_ingest::{read_inputs, IngestOptions};
use annalist_model::{Document, EventType};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

pub const DATA: &str = "../shared/eval/data/gtd";

/// The split's documents, read by the product's reader, and its rows by id.
pub fn read(split: &str) -> (Vec<Document>, HashMap<String, Value>) {
    let path = PathBuf::from(format!("{DATA}/{split}.jsonl"));
    let gold = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| Some((v.get("id")?.as_str()?.to_string(), v)))
        .collect();
    let docs = read_inputs(std::slice::from_ref(&path), &IngestOptions::default()).flatten().collect();
    (docs, gold)
}

/// A name folded as the scorer folds it: Latin letters without their accents, lower case,
/// apostrophes dropped, every other run of non-alphanumerics one space.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in s.chars() {
        if matches!(c, '\'' | '`' | '\u{2019}') {
            continue;
        }
        let base = match c {
            'à'..='å' | 'À'..='Å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'Ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'Ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'š' | 'ş' | 'ś' | 'Š' | 'Ş' => 's',
            'ž' | 'ź' | 'ż' | 'Ž' => 'z',
            'ğ' | 'Ğ' => 'g',
            c => c,
        };
        if base.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(base.to_ascii_lowercase());
        } else if base.is_ascii() {
            gap = true;
        }
    }
    out
}

/// The contract's type of GTD's `attacktype1_txt` (its "Unknown" is not one: no type to score).
pub fn contract_type(attack: &str) -> Option<EventType> {
    Some(match attack {
        "Bombing/Explosion" => EventType::Bombing,
        "Armed Assault" => EventType::ArmedAssault,
        "Assassination" => EventType::Assassination,
        "Hijacking" => EventType::Hijacking,
        "Hostage Taking (Kidnapping)" => EventType::Kidnapping,
        "Hostage Taking (Barricade Incident)" => EventType::HostageTaking,
        "Facility/Infrastructure Attack" => EventType::FacilityAttack,
        "Unarmed Assault" => EventType::UnarmedAssault,
        _ => return None,
    })
}

/// Whether the group the extractor names `name` (an actor base canonical name, or a name a
/// claim gives) is GTD's group `gname` (folded): one folded name holds the other, as the
/// scorer reads names, or one of the actor base's names for that group, of three letters or
/// more, stands as whole words in GTD's ("ansar allah" in "houthi extremists ansar allah"):
/// the two codebooks name one group differently, and the actor base knows both names.
pub fn same_group(name: &str, gname: &str) -> bool {
    let folded = fold(name);
    if gname.is_empty() || folded.is_empty() {
        return false;
    }
    if folded.contains(gname) || gname.contains(folded.as_str()) {
        return true;
    }
    let Some(actor) = annalist_knowledge::ActorBase::builtin().lookup(name) else { return false };
    let words = format!(" {gname} ");
    std::iter::once(&actor.name)
        .chain(&actor.aliases)
        .map(|a| fold(a))
        .any(|a| a.len() >= 3 && words.contains(&format!(" {a} ")))
}
