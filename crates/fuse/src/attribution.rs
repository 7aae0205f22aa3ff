//! The attribution ledger of one incident: every source's statement of who claimed it, who
//! blamed whom, who confirmed or denied it and who is suspected, as claims of the field
//! `Field::Attribution` — one per statement and document, each with its quote, so `annalist
//! show` can list them beside the other fields' evidence.
//!
//! Not for: reading the statements (extract does, per article) or deciding the perpetrator
//! (the incident's `perpetrators` are reconciled from the frames' own perpetrator fields).

use crate::{evidence_claim, SourcedFrame};
use annalist_model::{Claim, Field};

/// The ledger of the frames of one incident: a claim per statement and document, in the order
/// of the frames, a statement two frames of one document share told once.
pub fn ledger(frames: &[&SourcedFrame]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for f in frames {
        for e in &f.frame.attributions {
            let claim = evidence_claim(Field::Attribution, e.value.describe(), f, e);
            if !out.contains(&claim) {
                out.push(claim);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{Attribution, AttributionRelation, EventFrame, EventType, Evidenced, Span};

    fn frame(doc: &str, entries: &[(Option<&str>, AttributionRelation, Option<&str>)]) -> SourcedFrame {
        let quote = "Iranian officials blamed Israel for the attack.";
        let attributions = entries
            .iter()
            .map(|(speaker, relation, actor)| Evidenced {
                value: Attribution {
                    speaker: speaker.map(String::from),
                    speaker_span: None,
                    actor: actor.map(String::from),
                    actor_span: None,
                    relation: *relation,
                },
                span: Span::new(0, 31),
                sentence: Span::new(0, quote.len()),
                quote: quote.into(),
            })
            .collect();
        let mut frame = EventFrame::new(doc, EventType::Bombing, Span::new(36, 42), Span::new(0, quote.len()), quote);
        frame.main = true;
        frame.attributions = attributions;
        SourcedFrame {
            frame,
            outlet: Some("Outlet".into()),
            published: None,
            duplicate_of: None,
            seq: 0,
            article_country: None,
        }
    }

    #[test]
    fn each_statement_of_each_source_is_one_claim_with_its_quote() {
        use AttributionRelation::*;
        let a = frame("a", &[(Some("Iranian officials"), Blamed, Some("Israel"))]);
        // the same statement in a second frame of the same document is told once
        let a2 = frame("a", &[(Some("Iranian officials"), Blamed, Some("Israel"))]);
        let b = frame("b", &[(Some("Iranian officials"), Blamed, Some("Israel")), (Some("police"), Confirmed, None)]);
        let claims = ledger(&[&a, &a2, &b]);
        let values: Vec<(&str, &str)> = claims.iter().map(|c| (c.document.as_str(), c.value.as_str())).collect();
        assert_eq!(
            values,
            vec![
                ("a", "blamed: Israel (by Iranian officials)"),
                ("b", "blamed: Israel (by Iranian officials)"),
                ("b", "confirmed (by police)"),
            ]
        );
        assert!(claims.iter().all(|c| c.field == Field::Attribution && c.quote.starts_with("Iranian officials")));
        assert_eq!((claims[0].start, claims[0].end), (0, a.frame.quote.len()));
    }
}
