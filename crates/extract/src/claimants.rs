//! Perpetrators the actor base does not know, from the phrases that say who did an attack: the
//! group a source blames ("police attributed the raid to Tiv militants", "blamed the bombing on
//! the Grey Wolves"), suspects ("suspected the involvement of Muslim extremists", "suspected
//! that the New People's Army was behind it") or that claims it ("Ahl al Marouf claimed
//! responsibility"). Each names a candidate for the perpetrator model (`perpetrators.rs`), which
//! decides as it does for the groups the actor base finds; the phrase gives the relation.
//!
//! A name is a run of capitalised words (with the particles of group names between them: "al",
//! "of", "for", "the", "de", "el"), or such a run or a "-wing" word followed by a noun for an armed
//! group ("extremists", "militia"); a parenthesised abbreviation after it is left out.

use crate::learn::tokens;
use annalist_model::{AttributionRelation, Span};

/// A group named by a phrase of blame, suspicion or claim, its span in the article's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claimant {
    pub span: Span,
    pub name: String,
    pub relation: AttributionRelation,
}

/// Lower-case words that may stand inside a group's name.
const PARTICLES: &[&str] = &["al", "al-", "el", "of", "for", "the", "de", "del", "la", "wa", "in", "bin", "ibn", "e"];

/// Nouns for an armed group that end a name ("Fulani extremists", "Anti-Balaka militia").
const GROUP_NOUNS: &[&str] = &[
    "extremists",
    "militants",
    "militia",
    "militias",
    "militiamen",
    "rebels",
    "insurgents",
    "separatists",
    "fighters",
    "herdsmen",
    "gunmen",
    "guerrillas",
    "faction",
    "group",
    "movement",
    "army",
    "brigade",
    "brigades",
];

/// What a group claims when it claims an attack ("claimed the bombing").
const CLAIMED_ACTS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "killing",
    "killings",
    "assault",
    "raid",
    "blast",
    "explosion",
    "shooting",
    "abduction",
    "kidnapping",
    "ambush",
];

/// What every cue word of `find` starts with ("attributed", "blamed", "suspect…", "claimed").
const CUE_STEMS: &[&str] = &["attributed", "blamed", "suspect", "claimed"];

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Words that begin a run but name no one who did it ("No group claimed", "Police suspected").
const NOT_CLAIMANTS: &[&str] = &[
    "no",
    "none",
    "nobody",
    "police",
    "officials",
    "authorities",
    "sources",
    "security",
    "government",
    "the",
    "it",
    "they",
    "he",
    "she",
    "however",
    "assailants",
    "attackers",
    "unknown",
    "unidentified",
];

/// The groups the sentence at `sentence` of `text` names by blame, suspicion or claim.
pub(crate) fn find(text: &str, sentence: Span) -> Vec<Claimant> {
    let s = sentence.slice(text);
    // most sentences hold no cue: they cost one scan, no tokens
    if !CUE_STEMS.iter().any(|cue| contains_ignoring_case(s, cue)) {
        return Vec::new();
    }
    let toks = tokens(s);
    let words: Vec<String> = toks.iter().map(|&(a, b)| s[a..b].to_lowercase()).collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let mut out = Vec::new();
    let mut push = |range: Option<(usize, usize)>, relation: AttributionRelation| {
        if let Some((first, last)) = range {
            let (a, b) = (toks[first].0, toks[last].1);
            let span = Span::new(sentence.start + a, sentence.start + b);
            if !out.iter().any(|c: &Claimant| c.span == span) {
                out.push(Claimant { span, name: s[a..b].to_string(), relation });
            }
        }
    };
    for i in 0..words.len() {
        match word(i) {
            // "attributed the attack to X", "attributed it to X", "blamed the bombing on X"
            "attributed" | "blamed" => {
                let cue = if word(i) == "attributed" { "to" } else { "on" };
                if let Some(to) = (i + 1..(i + 5).min(words.len())).find(|&j| word(j) == cue) {
                    push(name_after(s, &toks, &words, to + 1), AttributionRelation::Blamed);
                }
                if word(i) == "blamed" {
                    // "blamed X for the attack"
                    push(name_after(s, &toks, &words, i + 1), AttributionRelation::Blamed);
                }
            }
            // "suspected the involvement of X", "suspected that X was behind it", "suspected X"
            "suspected" | "suspect" => {
                let mut j = i + 1;
                if word(j) == "that" {
                    j += 1;
                }
                if word(j) == "the" && word(j + 1) == "involvement" && word(j + 2) == "of" {
                    j += 3;
                }
                push(name_after(s, &toks, &words, j), AttributionRelation::Suspected);
            }
            // "X claimed responsibility", "X claimed the attack"
            "claimed"
                if matches!(word(i + 1), "responsibility" | "credit")
                    || (word(i + 1) == "the" && CLAIMED_ACTS.contains(&word(i + 2))) =>
            {
                push(name_before(s, &toks, &words, i), AttributionRelation::Claimed);
            }
            _ => {}
        }
    }
    out
}

fn capitalised(s: &str, tok: (usize, usize)) -> bool {
    s[tok.0..tok.1].chars().next().is_some_and(char::is_uppercase)
}

/// The name that starts at word `from` (past an article "the"), as a range of words.
fn name_after(s: &str, toks: &[(usize, usize)], words: &[String], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    if words.get(i).is_some_and(|w| w == "the") {
        i += 1;
    }
    let first = i;
    let mut last = None;
    while i < words.len() {
        let w = words[i].as_str();
        let next_capitalised = toks.get(i + 1).is_some_and(|&t| capitalised(s, t));
        if capitalised(s, toks[i]) || w.ends_with("-wing") {
            last = Some(i);
        } else if PARTICLES.contains(&w) && last.is_some() && next_capitalised {
            // a particle inside a name
        } else if GROUP_NOUNS.contains(&w) && last.is_some() {
            last = Some(i);
            break;
        } else {
            break;
        }
        i += 1;
    }
    let last = last?;
    if NOT_CLAIMANTS.contains(&words[first].as_str()) {
        return None;
    }
    Some((first, last))
}

/// Whether the particle at word `j` has a capitalised word before it, past other particles.
fn particle_inside(s: &str, toks: &[(usize, usize)], words: &[String], j: usize) -> bool {
    let mut k = j;
    while k > 0 && PARTICLES.contains(&words[k - 1].as_str()) {
        k -= 1;
    }
    k > 0 && capitalised(s, toks[k - 1])
}

/// The name that ends right before word `at`, as a range of words.
fn name_before(s: &str, toks: &[(usize, usize)], words: &[String], at: usize) -> Option<(usize, usize)> {
    let last = at.checked_sub(1)?;
    let mut first = None;
    let mut i = last as isize;
    while i >= 0 {
        let j = i as usize;
        let w = words[j].as_str();
        if capitalised(s, toks[j]) || w.ends_with("-wing") || (j == last && GROUP_NOUNS.contains(&w)) {
            first = Some(j);
        } else if PARTICLES.contains(&w) && first.is_some() && particle_inside(s, toks, words, j) {
            // a particle inside a name ("Sons of the Valley")
        } else {
            break;
        }
        i -= 1;
    }
    let mut first = first?;
    // "The Sons of the Valley claimed": the article is not the name's
    if words[first] == "the" && first < last {
        first += 1;
    }
    // a run that is only a group noun names no one ("militants claimed")
    if first == last && GROUP_NOUNS.contains(&words[last].as_str()) {
        return None;
    }
    if NOT_CLAIMANTS.contains(&words[first].as_str()) {
        return None;
    }
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, AttributionRelation)> {
        find(text, Span::new(0, text.len())).into_iter().map(|c| (c.name, c.relation)).collect()
    }

    #[test]
    fn blame_suspicion_and_claim_name_groups_the_actor_base_may_lack() {
        assert_eq!(
            names("No group claimed responsibility; however, sources attributed the attack to Tiv extremists."),
            vec![("Tiv extremists".to_string(), AttributionRelation::Blamed)]
        );
        assert_eq!(
            names("Officials suspected the involvement of the Liberation Front of Ogaden in the raid."),
            vec![("Liberation Front of Ogaden".to_string(), AttributionRelation::Suspected)]
        );
        assert_eq!(
            names("The Sons of the Valley claimed responsibility for the bombing."),
            vec![("Sons of the Valley".to_string(), AttributionRelation::Claimed)]
        );
        assert_eq!(
            names("Police blamed left-wing extremists for the arson."),
            vec![("left-wing extremists".to_string(), AttributionRelation::Blamed)]
        );
    }

    #[test]
    fn no_one_named_is_no_candidate() {
        assert!(names("No one has claimed responsibility so far.").is_empty());
        assert!(names("Police suspected that the attackers fled on foot.").is_empty());
        assert!(names("Militants claimed responsibility for the attack.").is_empty());
    }
}
