//! Text renderings for the terminal: the ledger table and one incident with its evidence.

use annalist_model::{CountRange, Field, Incident};
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

/// The ledger as an aligned table, one incident per row.
pub fn ledger_table(out: &mut dyn Write, incidents: &[Incident]) -> io::Result<()> {
    let header = ["id", "date", "type", "place", "country", "perpetrator", "killed", "wounded", "sources"];
    let rows: Vec<[String; 9]> = incidents
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

/// One incident: the reconciled fields, then each field's claims with their quotes.
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
    writeln!(out, "  weapon       {}{}", inc.weapon.map_or("-", |w| w.as_str()), disputed(Field::Weapon))?;
    writeln!(out, "  target       {}{}", inc.target.map_or("-", |t| t.as_str()), disputed(Field::Target))?;
    writeln!(out, "  sources      {} documents, {} independent", inc.sources.len(), inc.independent_sources)?;
    for s in &inc.sources {
        writeln!(out, "               {s}")?;
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
    writeln!(out, "\nclaims, by field")?;
    let mut last = None;
    for c in &inc.claims {
        if last != Some(c.field) {
            writeln!(out, "  {}{}", c.field.as_str(), disputed(c.field))?;
            last = Some(c.field);
        }
        let when = c.published.map(|d| format!(", {d}")).unwrap_or_default();
        let outlet = c.outlet.as_deref().map(|o| format!(" ({o}{when})")).unwrap_or_default();
        writeln!(out, "    {:<18} {}{} [{}..{}]", c.value, c.document, outlet, c.start, c.end)?;
        writeln!(out, "      “{}”", cut(c.quote.trim(), 300))?;
    }
    Ok(())
}
