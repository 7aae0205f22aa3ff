//! The attribution ledger of one sentence: who claimed an event, who blamed whom, who
//! confirmed or denied it, and who is suspected.
//!
//! Each statement is read around a cue phrase (`lexicon::ATTRIBUTION_CUES`). Its speaker is
//! the subject before the cue — the actor base's canonical name where the base knows it (or
//! knows the armed group whose outlet speaks: "IS's Amaq news agency said"), else the text's
//! own words ("Iranian officials", "police"). The actors it is about are the names after the
//! cue, a coordinated list of them ("accused Israel and the United States"), or the subject for
//! passives and "suspected of". `lib.rs` ties each statement to the event it is about.
//!
//! Cost: one automaton pass over the sentence (built once); the rest is linear in its words.

use super::{find_any_word, is_word_at, next_word, prev_word, prev_word_start, word_spans};
use crate::lexicon::{
    automaton, AttributionCue, AGENT_PHRASES, ATTACKER_NOUNS, ATTRIBUTION_CUES, CLAIM_VERBS, DENIED_PART, DOER_PHRASES,
    GROUP_NOUNS, SPEAKER_FILLERS, SPEAKER_NOUNS,
};
use aho_corasick::AhoCorasick;
use annalist_knowledge::{ActorKind, ActorMatch};
use annalist_model::{Attribution, AttributionRelation, Span};
use std::sync::OnceLock;

/// One statement of the ledger and the words it spans.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    /// From the first to the last word of speaker, cue and actor.
    pub span: Span,
    pub attribution: Attribution,
}

fn cues() -> &'static AhoCorasick {
    static CUES: OnceLock<AhoCorasick> = OnceLock::new();
    CUES.get_or_init(|| automaton(&ATTRIBUTION_CUES.iter().map(|(p, _)| *p).collect::<Vec<_>>()))
}

/// A party named in the text: its name for the ledger and the words that name it.
#[derive(Debug, Clone)]
struct Party {
    name: String,
    span: Span,
    /// The actor base's kind, when the base knows the party.
    kind: Option<ActorKind>,
    /// The head of the words is a group noun ("the group", "Baloch separatists").
    group: bool,
}

impl Party {
    fn of(a: &ActorMatch) -> Party {
        Party { name: a.name.clone(), span: a.span, kind: Some(a.kind), group: false }
    }
    /// An armed group by the actor base, or a group the text names by a group noun.
    fn armed(&self) -> bool {
        self.kind == Some(ActorKind::ArmedGroup) || (self.kind.is_none() && self.group)
    }
}

/// Every statement of the sentence at `sentence`, in text order, without repeats.
pub(crate) fn statements(text: &str, sentence: Span, actors: &[ActorMatch]) -> Vec<Statement> {
    let s = &text[sentence.start..sentence.end];
    let actors: Vec<&ActorMatch> = actors.iter().filter(|a| sentence.contains(a.span)).collect();
    let reader = Reader { text, sentence, actors: &actors };
    let mut out: Vec<Statement> = Vec::new();
    for m in cues().find_iter(s) {
        let cue = Span::new(sentence.start + m.start(), sentence.start + m.end());
        if !is_word_at(text, cue) || reader.negated(cue.start) {
            continue;
        }
        for st in reader.read(ATTRIBUTION_CUES[m.pattern().as_usize()].1, cue) {
            if !out.iter().any(|o| o.attribution == st.attribution) {
                out.push(st);
            }
        }
    }
    out
}

struct Reader<'a> {
    text: &'a str,
    sentence: Span,
    actors: &'a [&'a ActorMatch],
}

const NEGATIONS: &[&str] = &["no", "not", "never", "none", "nobody", "yet", "neither", "nor", "without"];

impl Reader<'_> {
    fn read(&self, cue_kind: AttributionCue, cue: Span) -> Vec<Statement> {
        use AttributionCue::*;
        use AttributionRelation as R;
        let passive = matches!(prev_word(self.text, cue.start).as_str(), "was" | "were" | "been" | "is" | "are" | "be");
        let speaker = if passive { None } else { self.speaker_before(cue.start) };
        let after = self.clause_after(cue.end);
        let one = |relation, speaker: Option<&Party>, actor: Option<&Party>| {
            vec![self.statement(relation, cue, speaker, actor, cue.end)]
        };
        match cue_kind {
            Claim => {
                let explicit = self.text[cue.start..cue.end].contains(' ');
                let next = next_word(self.text, cue.end);
                let bare_ok = matches!(next.as_str(), "the" | "it" | "that" | "this" | "an" | "a" | "both" | "its");
                let lives = find_any_word(after.slice(self.text), &["lives", "life"]).is_some_and(|(i, _)| i < 12);
                match speaker {
                    Some(sp)
                        if (explicit || (bare_ok && !lives))
                            && (sp.kind == Some(ActorKind::ArmedGroup) || (explicit && sp.armed())) =>
                    {
                        one(R::Claimed, Some(&sp), Some(&sp))
                    }
                    _ => Vec::new(),
                }
            }
            ClaimedBy => match self.parties_after(cue.end, 40).into_iter().next() {
                Some(p) if p.armed() => one(R::Claimed, Some(&p), Some(&p)),
                _ => Vec::new(),
            },
            Say => {
                let Some(sp) = speaker else { return Vec::new() };
                // "..., officials said": what is said is the clause before the speaker
                let reported = if after.slice(self.text).trim_matches(|c: char| !c.is_alphanumeric()).is_empty() {
                    Span::new(self.sentence.start, sp.span.start)
                } else {
                    after
                };
                if sp.armed() {
                    if let Some(end) = self.says_it_did(reported) {
                        return vec![self.statement(R::Claimed, cue, Some(&sp), Some(&sp), end)];
                    }
                }
                let doers = self.doers_in(reported);
                // the group's own outlet ("the group's news agency Amaq said") speaks for the group
                let outlet = !sp.armed() && self.owned_by_group(sp.span.start);
                doers
                    .iter()
                    .filter(|d| d.kind.is_some() || sp.armed())
                    .map(|d| {
                        if d.name == sp.name || (sp.armed() && d.kind.is_none()) {
                            self.statement(R::Claimed, cue, Some(&sp), Some(&sp), d.span.end)
                        } else if outlet && d.armed() {
                            let group = Party { span: sp.span, ..d.clone() };
                            self.statement(R::Claimed, cue, Some(&group), Some(d), d.span.end)
                        } else {
                            self.statement(R::Blamed, cue, Some(&sp), Some(d), d.span.end)
                        }
                    })
                    .collect()
            }
            Blame if passive => match self.subject_before(cue.start) {
                Some(actor) => one(R::Blamed, None, Some(&actor)),
                None => Vec::new(),
            },
            Blame => {
                // "the accused", "Accused bomber X": an adjective or a noun, not a blame
                let opens = self.text[cue.start..cue.end].starts_with(char::is_uppercase);
                if speaker.is_none()
                    && (opens || matches!(prev_word(self.text, cue.start).as_str(), "the" | "a" | "an"))
                {
                    return Vec::new();
                }
                let blamed: Vec<Party> = self
                    .parties_after(cue.end, 70)
                    .into_iter()
                    .filter(|p| speaker.as_ref().is_none_or(|s| s.name != p.name))
                    .collect();
                blamed.iter().map(|p| self.statement(R::Blamed, cue, speaker.as_ref(), Some(p), cue.end)).collect()
            }
            BlamedOn => self
                .parties_after(cue.end, 40)
                .iter()
                .map(|p| self.statement(R::Blamed, cue, None, Some(p), cue.end))
                .collect(),
            Confirm => {
                let Some(sp) = speaker else { return Vec::new() };
                if sp.armed() {
                    if let Some(end) = self.says_it_did(after) {
                        return vec![self.statement(R::Claimed, cue, Some(&sp), Some(&sp), end)];
                    }
                }
                let doers: Vec<Party> =
                    self.doers_in(after).into_iter().filter(|d| d.name != sp.name && d.kind.is_some()).collect();
                if doers.is_empty() {
                    return one(R::Confirmed, Some(&sp), None);
                }
                doers.iter().map(|d| self.statement(R::Confirmed, cue, Some(&sp), Some(d), cue.end)).collect()
            }
            Deny => {
                let Some(sp) = speaker else { return Vec::new() };
                let part = leading_phrase(after.slice(self.text), DENIED_PART);
                let bare = after.slice(self.text).trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
                let doers: Vec<Party> = self.doers_in(after).into_iter().filter(|d| d.kind.is_some()).collect();
                if !doers.is_empty() {
                    doers.iter().map(|d| self.statement(R::Denied, cue, Some(&sp), Some(d), cue.end)).collect()
                } else if (part.is_some() || bare) && sp.kind.is_some() {
                    let end = part.map_or(cue.end, |n| after.start + n);
                    vec![self.statement(R::Denied, cue, Some(&sp), Some(&sp), end)]
                } else {
                    Vec::new()
                }
            }
            Suspect if next_word(self.text, cue.end) == "of" => match self.subject_before(cue.start) {
                Some(actor) => one(R::Suspected, None, Some(&actor)),
                None => Vec::new(),
            },
            Suspect => {
                // "suspected ISKP militants" (an adjective) or "police suspect X" (a verb; "the
                // suspects" is a noun)
                let article = matches!(prev_word(self.text, cue.start).as_str(), "a" | "an" | "the" | "two" | "three");
                let sp = if article { None } else { speaker };
                let adjective = self.text[cue.start..cue.end].eq_ignore_ascii_case("suspected");
                if !adjective && (article || sp.is_none()) {
                    return Vec::new();
                }
                match self.suspects_after(cue.end) {
                    // a singular noun without an article is a modifier ("suspected terrorist ties")
                    Some(actor) if actor.kind.is_some() || article || actor.name.ends_with('s') || !adjective => {
                        one(R::Suspected, sp.as_ref(), Some(&actor))
                    }
                    _ => Vec::new(),
                }
            }
            BelievedBehind => match self.subject_before(cue.start) {
                Some(actor) => one(R::Suspected, None, Some(&actor)),
                None => Vec::new(),
            },
            BelievedBy => match self.parties_after(cue.end, 40).into_iter().next() {
                Some(actor) => one(R::Suspected, None, Some(&actor)),
                None => Vec::new(),
            },
        }
    }

    fn statement(
        &self,
        relation: AttributionRelation,
        cue: Span,
        speaker: Option<&Party>,
        actor: Option<&Party>,
        reach: usize,
    ) -> Statement {
        let spans = [Some(cue), speaker.map(|p| p.span), actor.map(|p| p.span)];
        let start = spans.iter().flatten().map(|s| s.start).min().unwrap_or(cue.start);
        let end = spans.iter().flatten().map(|s| s.end).max().unwrap_or(cue.end).max(reach);
        Statement {
            span: Span::new(start, end),
            attribution: Attribution {
                speaker: speaker.map(|p| p.name.clone()),
                speaker_span: speaker.map(|p| p.span),
                actor: actor.map(|p| p.name.clone()),
                actor_span: actor.map(|p| p.span),
                relation,
            },
        }
    }

    /// Whether the clause before `at` denies what the cue says ("no group has claimed", "has yet to claim").
    fn negated(&self, at: usize) -> bool {
        let before = &self.text[self.clause_start(at)..at];
        let words: Vec<String> = before.split_whitespace().rev().take(6).map(|w| w.to_lowercase()).collect();
        words.iter().any(|w| NEGATIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())) || w.ends_with("n't"))
    }

    /// Where the clause holding `at` starts: after the last clause mark before it in the sentence.
    fn clause_start(&self, at: usize) -> usize {
        let before = &self.text[self.sentence.start..at];
        before.rfind([',', ';', '(', ')', '—', '–', ':', '"', '“', '”']).map_or(self.sentence.start, |i| {
            let c = before[i..].chars().next().map_or(1, char::len_utf8);
            self.sentence.start + i + c
        })
    }

    /// The rest of the clause after `from`: up to a semicolon, dash or the sentence's end, at most 160 bytes.
    fn clause_after(&self, from: usize) -> Span {
        let rest = &self.text[from..self.sentence.end];
        let mut end = rest.find([';', '—', '–', '(']).unwrap_or(rest.len()).min(160);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(from, from + end)
    }

    /// The speaker of a cue at `at`: the subject right before it, past fillers ("on Thursday",
    /// "later") and one aside set off by commas ("IS's branch, based in Afghanistan, claimed").
    fn speaker_before(&self, at: usize) -> Option<Party> {
        let mut end = at;
        let trimmed = self.text[self.sentence.start..end].trim_end();
        if trimmed.ends_with(',') {
            // skip one aside back to the comma that opens it
            let aside_end = self.sentence.start + trimmed.len() - 1;
            let opening = self.text[self.sentence.start..aside_end].rfind(',')?;
            if aside_end - (self.sentence.start + opening) > 80 {
                return None;
            }
            end = self.sentence.start + opening;
        }
        let from = self.clause_start(end);
        let words = word_spans(&self.text[from..end]);
        let lower = |i: usize| self.text[from + words[i].0..from + words[i].1].to_lowercase();
        let mut last = words.len();
        let mut skipped = 0;
        let filler = |w: &str| SPEAKER_FILLERS.contains(&w) || (w.len() > 4 && w.ends_with("ly"));
        while last > 0 && filler(&lower(last - 1)) && skipped < 4 {
            last -= 1;
            skipped += 1;
        }
        if last == 0 {
            return None;
        }
        let head_end = from + words[last - 1].1;
        // an actor that ends the phrase is the speaker, unless an armed group owns it ("IS's Amaq")
        let mut first = last - 1;
        while first > 0 && last - first < 7 {
            let w = &self.text[from + words[first - 1].0..from + words[first - 1].1];
            let ok = w.chars().next().is_some_and(char::is_uppercase)
                || SPEAKER_NOUNS.contains(&w.to_lowercase().as_str())
                || matches!(
                    w.to_lowercase().as_str(),
                    "of" | "s"
                        | "state"
                        | "local"
                        | "senior"
                        | "security"
                        | "interior"
                        | "foreign"
                        | "intelligence"
                        | "news"
                        | "provincial"
                        | "federal"
                        | "top"
                        | "defence"
                        | "defense"
                        | "regional"
                        | "district"
                        | "national"
                        | "official"
                );
            if !ok {
                break;
            }
            first -= 1;
        }
        while first < last - 1 && matches!(lower(first).as_str(), "of" | "s" | "the") {
            first += 1;
        }
        let phrase = Span::new(from + words[first].0, head_end);
        let inside: Vec<&&ActorMatch> = self.actors.iter().filter(|a| phrase.contains(a.span)).collect();
        if let Some(owner) =
            inside.iter().find(|a| a.kind == ActorKind::ArmedGroup && possessive(self.text, a.span.end))
        {
            return Some(Party { span: phrase, ..Party::of(owner) });
        }
        if let Some(head) = inside.iter().find(|a| a.span.end == head_end) {
            return Some(Party::of(head));
        }
        // "Taliban insurgents", "ISKP militants": the group its fighters speak for
        let nouns_only = |from: usize| {
            word_spans(&self.text[from..head_end]).iter().all(|&(a, b)| {
                let w = self.text[from + a..from + b].to_lowercase();
                GROUP_NOUNS.contains(&w.as_str()) || ATTACKER_NOUNS.contains(&w.as_str())
            })
        };
        if let Some(group) = inside.iter().find(|a| a.kind == ActorKind::ArmedGroup && nouns_only(a.span.end)) {
            return Some(Party { span: phrase, ..Party::of(group) });
        }
        let head = lower(last - 1);
        if matches!(head.as_str(), "it" | "they" | "he" | "she" | "we" | "this" | "that" | "which" | "who") {
            return None;
        }
        let noun = SPEAKER_NOUNS.contains(&head.as_str());
        let group = GROUP_NOUNS.contains(&head.as_str());
        let name_like = self.text[phrase.start..phrase.end].chars().next().is_some_and(char::is_uppercase)
            && first + 1 == last
            && phrase.start > self.sentence.start;
        (noun || group || name_like).then(|| Party {
            name: self.text[phrase.start..phrase.end].to_string(),
            span: phrase,
            kind: None,
            group,
        })
    }

    /// The subject before `at` as the actor a statement is about ("X was blamed", "militants
    /// suspected of"): an actor of the base, or words headed by a group noun.
    fn subject_before(&self, at: usize) -> Option<Party> {
        let mut at = at;
        // past the auxiliary of a passive ("X is believed to be behind", "X was blamed")
        for _ in 0..2 {
            let w = prev_word(self.text, at);
            let w_start = prev_word_start(self.text, at);
            // (not into the sentence before: "... it has. Blamed on ...")
            if w_start >= self.sentence.start
                && matches!(w.as_str(), "was" | "were" | "is" | "are" | "been" | "being" | "has" | "have" | "had")
            {
                at = w_start;
            }
        }
        self.speaker_before(at).filter(|p| p.kind.is_some() || p.group)
    }

    /// The actors right after `from` within `reach` bytes: the first one and any coordinated
    /// with it ("Israel and the United States"), else words headed by a group noun ("separatists").
    fn parties_after(&self, from: usize, reach: usize) -> Vec<Party> {
        let clause = self.clause_after(from);
        let mut out: Vec<Party> = Vec::new();
        // "the U.S. citizen" is a person, not the state
        let person = |a: &ActorMatch| {
            let next = next_word(self.text, a.span.end);
            matches!(next.as_str(), "citizen" | "citizens" | "national" | "nationals" | "man" | "woman" | "resident")
                || self.text[a.span.end..].starts_with("-born")
        };
        for a in self.actors.iter().filter(|a| clause.contains(a.span) && !person(a)) {
            match out.last() {
                None if a.span.start - from <= reach => out.push(Party::of(a)),
                Some(prev) if coordinated(&self.text[prev.span.end..a.span.start]) => out.push(Party::of(a)),
                _ => break,
            }
        }
        if out.is_empty() {
            out.extend(self.group_after(from, 5));
        }
        out
    }

    /// Words headed by a group noun among the first `n` words after `from` ("Baloch separatists").
    fn group_after(&self, from: usize, n: usize) -> Option<Party> {
        let clause = self.clause_after(from);
        let s = clause.slice(self.text);
        let words = word_spans(s);
        let lower: Vec<String> = words.iter().map(|&(a, b)| s[a..b].to_lowercase()).collect();
        let k = lower
            .iter()
            .take(n)
            .position(|w| GROUP_NOUNS.contains(&w.as_str()) || ATTACKER_NOUNS.contains(&w.as_str()))?;
        if s[..words[k].0].contains([',', '.', ';', ':']) {
            return None;
        }
        let mut i = k;
        while i > 0 {
            let w = &s[words[i - 1].0..words[i - 1].1];
            let modifier = w.chars().next().is_some_and(char::is_uppercase)
                || w.contains('-')
                || matches!(
                    lower[i - 1].as_str(),
                    "armed" | "islamist" | "unidentified" | "unknown" | "local" | "foreign" | "suicide" | "separatist"
                );
            if !modifier {
                break;
            }
            i -= 1;
        }
        let span = Span::new(clause.start + words[i].0, clause.start + words[k].1);
        Some(Party { name: span.slice(self.text).to_string(), span, kind: None, group: true })
    }

    /// Who a suspicion is about, right after "suspected": an actor among the next words, else
    /// the words up to a group noun ("suspected Islamist militants").
    fn suspects_after(&self, from: usize) -> Option<Party> {
        let window = self.clause_after(from);
        let near = |a: &&&ActorMatch| window.contains(a.span) && a.span.start - from <= 30;
        if let Some(a) = self.actors.iter().find(near) {
            return Some(Party::of(a));
        }
        self.group_after(from, 4)
    }

    /// The actors a statement names as doers: "carried out by X", "X was behind the attack".
    fn doers_in(&self, clause: Span) -> Vec<Party> {
        let s = clause.slice(self.text);
        let mut out = Vec::new();
        if let Some((_, end)) = find_any_word(s, AGENT_PHRASES) {
            out.extend(self.parties_after(clause.start + end, 30));
        }
        for a in self.actors.iter().filter(|a| clause.contains(a.span)) {
            if starts_with_any(&self.text[a.span.end..clause.end], DOER_PHRASES)
                && !out.iter().any(|p: &Party| p.name == a.name)
            {
                out.push(Party::of(a));
            }
        }
        out
    }

    /// Whether a statement says its speaker did it ("it carried out", "its fighters attacked"):
    /// where the doing verb ends.
    fn says_it_did(&self, clause: Span) -> Option<usize> {
        let s = clause.slice(self.text);
        let (_, end) = find_any_word(s, &["it", "its", "they", "their"])?;
        let rest = &s[end..];
        let head = &rest[..floor_boundary(rest, 50)];
        find_any_word(head, CLAIM_VERBS).map(|(_, e)| clause.start + end + e)
    }

    /// Whether the words right before `at` make what follows a group's own ("its news agency",
    /// "the group's outlet").
    fn owned_by_group(&self, at: usize) -> bool {
        let before = &self.text[self.clause_start(at)..at];
        before.split_whitespace().rev().take(4).any(|w| {
            let w = w.to_lowercase();
            w == "its" || w.starts_with("group's") || w.starts_with("group’s") || w.starts_with("militants'")
        })
    }
}

/// Whether `s` (the words after a cue) begins with one of `phrases`, past spaces.
fn starts_with_any(s: &str, phrases: &[&str]) -> bool {
    leading_phrase(s, phrases).is_some()
}

/// The end (byte offset into `s`) of the one of `phrases` that `s` begins with, past spaces.
fn leading_phrase(s: &str, phrases: &[&str]) -> Option<usize> {
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let lower = trimmed.to_lowercase();
    if lower.len() != trimmed.len() {
        return None;
    }
    phrases
        .iter()
        .filter(|p| lower.starts_with(*p) && lower[p.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
        .map(|p| lead + p.len())
        .max()
}

/// Whether the text between two names joins them in one list ("X and the United States", "X, Y").
fn coordinated(gap: &str) -> bool {
    let words: Vec<String> =
        gap.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    !gap.trim().is_empty()
        && words.len() <= 4
        && words.iter().all(|w| matches!(w.as_str(), "and" | "or" | "the" | "as" | "well" | "its" | "ally"))
}

/// Whether a possessive "'s" follows byte `at` ("IS's", "Iran’s").
fn possessive(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with("' ")
}

/// The largest char boundary of `s` at or below `n`.
fn floor_boundary(s: &str, n: usize) -> usize {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    #[test]
    fn a_passive_cue_that_opens_a_sentence_looks_for_its_subject_in_that_sentence_only() {
        // the line before ends in an auxiliary ("had"), the next opens with the cue
        let text = "Prices rose faster than the traders had\nsuspected of the rebels, a broker said.";
        let sentence = Span::new(text.find("suspected").unwrap(), text.len());
        assert!(statements(text, sentence, &[]).iter().all(|s| s.span.start >= sentence.start));
        let text = "The board was told the loss was\u{2014}\nblamed on the weather, it said.";
        let sentence = Span::new(text.find("blamed").unwrap(), text.len());
        assert!(statements(text, sentence, &[]).iter().all(|s| s.span.start >= sentence.start));
    }
}
