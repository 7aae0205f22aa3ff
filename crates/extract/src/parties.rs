//! Ties the attribution ledger (`attribution.rs`) and the attackers' origins (`attackers.rs`)
//! to the events they are about: in a sentence with triggers, the nearest trigger's event; in a
//! sentence without one, the latest event of its paragraph told before it, else — when the
//! sentence speaks of responsibility ("Iran accused Israel of being behind it") or of the
//! attackers — the article's main event.

use super::{attackers, attribution, find_any_word, nearest_trigger, RawFrame, Scan, Trigger};
use crate::lexicon::RESPONSIBILITY_WORDS;
use annalist_model::{Article, Attribution, EventType, Evidenced, Span};

/// What sentences without a trigger say of no event of their own paragraph: it goes to the main event.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    pub attributions: Vec<Evidenced<Attribution>>,
    pub nationalities: Vec<Evidenced<String>>,
}

/// The statements and origins of a sentence with triggers, each to its nearest trigger's frame.
pub(crate) fn attach_in_sentence(
    article: &Article,
    m: &Scan,
    sentence: Span,
    triggers: &[&Trigger],
    frames: &mut [RawFrame],
) {
    let text = &article.text;
    for st in attribution::statements(text, sentence, &m.actors) {
        let i = nearest_trigger(triggers, st.span);
        add_attribution(&mut frames[i].attributions, Evidenced::read(st.attribution, st.span, article));
    }
    let verbal: Vec<Span> = triggers.iter().filter(|t| t.sense.verbal).map(|t| t.span).collect();
    for o in attackers::origins(text, sentence, &m.origins, &m.quantities, &verbal, false) {
        let f = &mut frames[nearest_trigger(triggers, o.span)];
        add_origin(f, o, article);
    }
}

/// The statements and origins of sentences without a trigger, tied to the paragraph's latest
/// event before them; what has no such event is returned for the main event.
pub(crate) fn attach_untriggered(article: &Article, m: &Scan, raw: &mut [RawFrame]) -> Pending {
    let text = &article.text;
    let mut pending = Pending::default();
    let mut triggers = m.triggers.iter().peekable();
    for (si, sentence) in article.sentences.iter().enumerate() {
        while triggers.peek().is_some_and(|t| t.span.end <= sentence.span.start) {
            triggers.next();
        }
        if triggers.peek().is_some_and(|t| sentence.span.contains(t.span)) {
            continue;
        }
        let statements = attribution::statements(text, sentence.span, &m.actors);
        let origins = attackers::origins(text, sentence.span, &m.origins, &m.quantities, &[], true);
        if statements.is_empty() && origins.is_empty() {
            continue;
        }
        let target = raw.iter().rposition(|f| f.paragraph == sentence.paragraph && f.sentence < si);
        let about_event = find_any_word(sentence.span.slice(text), RESPONSIBILITY_WORDS).is_some();
        for st in statements {
            let e = Evidenced::read(st.attribution, st.span, article);
            match target {
                Some(i) => add_attribution(&mut raw[i].attributions, e),
                None if about_event => add_attribution(&mut pending.attributions, e),
                None => {}
            }
        }
        for o in origins {
            match target {
                Some(i) => add_origin(&mut raw[i], o, article),
                None => {
                    if !pending.nationalities.iter().any(|n| n.value == o.country) {
                        pending.nationalities.push(Evidenced::read(o.country, o.span, article));
                    }
                }
            }
        }
    }
    pending
}

/// Folds the ledger entries and nationalities of one frame into another, without repeats.
pub(crate) fn merge(
    into: &mut RawFrame,
    attributions: Vec<Evidenced<Attribution>>,
    nationalities: Vec<Evidenced<String>>,
) {
    for a in attributions {
        add_attribution(&mut into.attributions, a);
    }
    for n in nationalities {
        if !into.nationalities.iter().any(|e| e.value == n.value) {
            into.nationalities.push(n);
        }
    }
}

fn add_attribution(list: &mut Vec<Evidenced<Attribution>>, a: Evidenced<Attribution>) {
    if !list.iter().any(|e| e.value == a.value && e.span == a.span) {
        list.push(a);
    }
}

/// The attackers' nationality, and their count when the frame has none; not for an arrest
/// (the arrested are suspects, told by the arrest's own frame).
fn add_origin(f: &mut RawFrame, o: attackers::Origin, article: &Article) {
    if f.event_type == EventType::Arrest {
        return;
    }
    if f.attackers.is_none() {
        if let Some(n) = o.count {
            f.attackers = Some(Evidenced::read(n, o.span, article));
        }
    }
    if !f.nationalities.iter().any(|n| n.value == o.country) {
        f.nationalities.push(Evidenced::read(o.country, o.span, article));
    }
}
