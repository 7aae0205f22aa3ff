//! Text renderings for the terminal: the ledger table and one incident with its evidence and
//! its attribution ledger (who claimed, blamed, confirmed, denied or suspected whom).

use annalist_model::{Claim, CountRange, Field, Incident, Relevance};
use annalist_review::{parse_field, render_value, Review, ReviewState};
use annalist_store::StoredDocument;
use std::collections::HashMap;
use std::io::{self, Write};

fn range(c: &Option<CountRange>) -> String {
    c.map(|c| c.to_string()).unwrap_or_else(|| "-".into())
}

fn date(inc: &Incident) -> String {
    match (inc.date_start, inc.date_end) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => "-".into(),
    }
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A row's review column: `reviewed`, `rejected: duplicate`, or nothing.
fn review_cell(state: Option<&ReviewState>) -> String {
    match state {
        Some(ReviewState { rejected: Some(r), .. }) => format!("rejected: {}", r.as_str()),
        Some(s) if s.reviewed() => "reviewed".into(),
        _ => String::new(),
    }
}

/// The ledger as an aligned table, one incident per row; the last column says whether a person
/// reviewed (or rejected) the row.
pub fn ledger_table(
    out: &mut dyn Write,
    incidents: &[Incident],
    states: &HashMap<String, ReviewState>,
) -> io::Result<()> {
    let header = ["id", "date", "type", "place", "country", "perpetrator", "killed", "wounded", "sources", "review"];
    let rows: Vec<[String; 10]> = incidents
        .iter()
        .map(|i| {
            [
                i.id.clone(),
                date(i),
                i.event_type.as_str().to_string(),
                cut(i.place.as_deref().unwrap_or("-"), 24),
                i.country.clone().unwrap_or_else(|| "-".into()),
                cut(
                    &i.perpetrators
                        .first()
                        .map(|p| format!("{} ({})", p.name, p.status.as_str()))
                        .unwrap_or_else(|| "-".into()),
                    44,
                ),
                range(&i.killed),
                range(&i.wounded),
                i.independent_sources.to_string(),
                review_cell(states.get(&i.id)),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w.saturating_sub(c.chars().count())));
            }
        }
        writeln!(out, "{s}")
    };
    line(out, &header)?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    writeln!(out, "{} incidents", incidents.len())
}

/// What review changed on an incident: the reviews applied, the machine's values of the fields
/// a person set, a rejection, merges and a split.
pub fn review_detail(out: &mut dyn Write, state: Option<&ReviewState>, reviews: &[Review]) -> io::Result<()> {
    let Some(state) = state else {
        return writeln!(out, "review: none (as the machine read it)");
    };
    match state.rejected {
        Some(r) => writeln!(out, "review: REJECTED ({}): left out of listings and exports", r.as_str())?,
        None => writeln!(out, "review: reviewed by a person{}", if state.marked { " (marked)" } else { "" })?,
    }
    for (field, value) in &state.machine {
        let shown = parse_field(field).map(|f| render_value(f, value)).unwrap_or_else(|_| value.to_string());
        writeln!(out, "  machine said {field}: {shown}")?;
    }
    if !state.merged.is_empty() {
        writeln!(out, "  merged from  {}", state.merged.join(", "))?;
    }
    if let Some(from) = &state.split_from {
        writeln!(out, "  split from   {from}")?;
    }
    for r in reviews.iter().filter(|r| state.reviews.contains(&r.id)) {
        let note = r.review.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        writeln!(out, "  review #{} {} {}: {}{note}", r.id, r.created_at, r.review.author, r.review.action.describe())?;
    }
    Ok(())
}

/// One incident: the reconciled fields, then each field's claims with their quotes.
/// The document decision in words: "reports an incident (score 0.93)".
pub fn relevance_line(r: Option<Relevance>) -> String {
    match r {
        Some(r) if r.reported => format!("reports an incident (score {:.2})", r.score),
        Some(r) => format!("reports no incident (score {:.2}): no events read", r.score),
        None => "not decided (stored before the document decision; ingest it again)".to_string(),
    }
}

/// One stored document: where it came from and the document decision.
pub fn document_detail(out: &mut dyn Write, d: &StoredDocument) -> io::Result<()> {
    writeln!(out, "document {}", d.id)?;
    writeln!(out, "  title        {}", d.title.as_deref().unwrap_or("-"))?;
    writeln!(out, "  published    {}", d.published.map_or_else(|| "-".to_string(), |p| p.to_string()))?;
    writeln!(out, "  origin       {}", d.origin)?;
    if let Some(original) = &d.duplicate_of {
        writeln!(out, "  copy of      {original}")?;
    }
    writeln!(out, "  decision     {}", relevance_line(d.relevance))
}

pub fn incident_detail(out: &mut dyn Write, inc: &Incident) -> io::Result<()> {
    let disputed = |f: Field| if inc.conflicts.iter().any(|c| c.field == f) { "  [sources disagree]" } else { "" };
    writeln!(out, "incident {}", inc.id)?;
    writeln!(out, "  type         {}{}", inc.event_type, disputed(Field::Type))?;
    writeln!(out, "  date         {}{}", date(inc), disputed(Field::Date))?;
    writeln!(
        out,
        "  place        {} ({}){}",
        inc.place.as_deref().unwrap_or("-"),
        inc.country.as_deref().unwrap_or("-"),
        disputed(Field::Place)
    )?;
    if let (Some(lat), Some(lon)) = (inc.lat, inc.lon) {
        writeln!(out, "  coordinates  {lat:.4}, {lon:.4}")?;
    }
    let perps: Vec<String> = inc.perpetrators.iter().map(|p| format!("{} ({})", p.name, p.status.as_str())).collect();
    writeln!(
        out,
        "  perpetrators {}{}",
        if perps.is_empty() { "-".into() } else { perps.join("; ") },
        disputed(Field::Perpetrator)
    )?;
    writeln!(out, "  killed       {}{}", range(&inc.killed), disputed(Field::Killed))?;
    writeln!(out, "  wounded      {}{}", range(&inc.wounded), disputed(Field::Wounded))?;
    writeln!(out, "  suicide      {}", inc.suicide.map(|s| s.to_string()).unwrap_or_else(|| "-".into()))?;
    writeln!(out, "  attackers    {}", inc.attackers.map(|s| s.to_string()).unwrap_or_else(|| "-".into()))?;
    if inc.attackers_killed.is_some() {
        writeln!(out, "  attackers killed {}{}", range(&inc.attackers_killed), disputed(Field::AttackersKilled))?;
    }
    writeln!(out, "  weapon       {}{}", inc.weapon.map_or("-", |w| w.as_str()), disputed(Field::Weapon))?;
    writeln!(out, "  target       {}{}", inc.target.map_or("-", |t| t.as_str()), disputed(Field::Target))?;
    let mut names: Vec<&str> = inc.claims.iter().filter(|c| c.field == Field::Name).map(|c| c.value.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if !names.is_empty() {
        writeln!(out, "  named        {}", names.join("; "))?;
    }
    writeln!(out, "  sources      {} documents, {} independent", inc.sources.len(), inc.independent_sources)?;
    for s in &inc.sources {
        let passing = if inc.mentioned_in.contains(s) { "  (told in passing)" } else { "" };
        writeln!(out, "               {s}{passing}")?;
    }
    if !inc.conflicts.is_empty() {
        writeln!(out, "\nconflicts")?;
        for c in &inc.conflicts {
            writeln!(out, "  ! {}: {}", c.field.as_str(), c.note)?;
        }
    }
    if !inc.related.is_empty() {
        writeln!(out, "\nrelated incidents")?;
        for r in &inc.related {
            writeln!(out, "  {}  {}", r.id, r.relation)?;
        }
    }
    let (ledger, claims): (Vec<&Claim>, Vec<&Claim>) = inc.claims.iter().partition(|c| c.field == Field::Attribution);
    if !ledger.is_empty() {
        writeln!(out, "\nattribution ledger (who said who did it)")?;
        for c in &ledger {
            writeln!(out, "  {}", c.value)?;
            evidence(out, c)?;
        }
    }
    writeln!(out, "\nclaims, by field")?;
    let mut last = None;
    for c in claims {
        if last != Some(c.field) {
            writeln!(out, "  {}{}", c.field.as_str(), disputed(c.field))?;
            last = Some(c.field);
        }
        write!(out, "    {:<18} ", c.value)?;
        evidence(out, c)?;
    }
    Ok(())
}

/// A claim's source (document, outlet and date, offsets) and its quote on the next line.
fn evidence(out: &mut dyn Write, c: &Claim) -> io::Result<()> {
    let when = c.published.map(|d| format!(", {d}")).unwrap_or_default();
    let outlet = c.outlet.as_deref().map(|o| format!(" ({o}{when})")).unwrap_or_default();
    if c.field == Field::Attribution {
        write!(out, "    ")?;
    }
    writeln!(out, "{}{} [{}..{}]", c.document, outlet, c.start, c.end)?;
    writeln!(out, "      “{}”", cut(c.quote.trim(), 300))
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::EventType;

    fn claim(field: Field, value: &str, quote: &str) -> Claim {
        Claim {
            field,
            value: value.into(),
            document: "doc1".into(),
            outlet: Some("Wire".into()),
            published: None,
            quote: quote.into(),
            start: 0,
            end: quote.len(),
        }
    }

    #[test]
    fn show_lists_the_attribution_ledger_apart_with_its_quotes() {
        let blame = "Iranian officials blamed Israel for the attack.";
        let toll = "The blast killed 95 people.";
        let inc = Incident {
            id: "inc_1".into(),
            event_type: EventType::Bombing,
            date_start: None,
            date_end: None,
            country: Some("IR".into()),
            place: Some("Kerman".into()),
            lat: None,
            lon: None,
            perpetrators: vec![],
            killed: Some(CountRange::exact(95)),
            wounded: None,
            suicide: None,
            attackers: None,
            attackers_killed: None,
            weapon: None,
            target: None,
            sources: vec!["doc1".into()],
            independent_sources: 1,
            claims: vec![
                claim(Field::Killed, "95", toll),
                claim(Field::Attribution, "blamed: Israel (by Iranian officials)", blame),
                claim(Field::Name, "Golzar", "The Golzar blast killed 95 people."),
                claim(Field::Name, "Golzar", "Mourners recalled the Golzar blast."),
            ],
            conflicts: vec![],
            related: vec![],
            mentioned_in: vec![],
        };
        let mut out = Vec::new();
        incident_detail(&mut out, &inc).unwrap();
        let text = String::from_utf8(out).unwrap();
        let ledger = text.find("attribution ledger").expect("a ledger section");
        let claims = text.find("claims, by field").unwrap();
        let entry = text.find("blamed: Israel (by Iranian officials)").unwrap();
        assert!(ledger < entry && entry < claims, "{text}");
        assert!(text[entry..claims].contains(&format!("“{blame}”")), "{text}");
        assert!(!text[claims..].contains("attribution"), "the ledger is not repeated among the fields: {text}");
        assert!(text[claims..].contains(&format!("“{toll}”")));
        // the names sources give it, once each in the head, every one with its quote below
        assert_eq!(text.matches("named        Golzar\n").count(), 1, "{text}");
        assert!(text[claims..].contains("“Mourners recalled the Golzar blast.”"), "{text}");
    }
}
