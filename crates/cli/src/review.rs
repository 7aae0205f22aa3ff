//! `annalist review`: an analyst's reviews of the ledger on the command line, and the one way a
//! review is recorded (the workbench's forms call [`record`] too): the request checked against
//! the ledger as it stands, the review stored, the ledger rebuilt with it.

use crate::pipeline;
use annalist_review::{
    check, parse_field, parse_value, split_id, Action, NewReview, Outcome, Rejection, Request, ReviewError,
};
use annalist_store::Store;
use anyhow::{anyhow, bail, Result};
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

#[derive(Subcommand, Debug, Clone)]
pub enum ReviewCommand {
    /// Set a field: type, date, place, country, perpetrators, killed, wounded, suicide or
    /// attackers. Values: `bombing`; `2024-01-03` or `2024-01-03..2024-01-05`; `Kerman` or
    /// `Kerman; 30.28, 57.08`; `IR`; `Islamic State (claimed); Jaish al-Adl (suspected)`;
    /// `95`, `84-95` or `300+`; `yes`/`no`; `4`.
    Set { id: String, field: String, value: String },
    /// Clear a field: its value becomes unknown.
    Clear { id: String, field: String },
    /// Reject a row: it is left out of `incidents` and every export (unless --include-rejected).
    Reject {
        id: String,
        /// not_an_incident, duplicate or out_of_scope.
        #[arg(long, default_value = "not_an_incident")]
        reason: String,
    },
    /// Merge the second incident into the first: one row with the sources of both.
    Merge { id: String, other: String },
    /// Move these source documents off the incident into a new one.
    Split {
        id: String,
        #[arg(required = true)]
        documents: Vec<String>,
    },
    /// Mark a row reviewed.
    Mark { id: String },
    /// Withdraw an earlier review (by the number `review list` prints); the retraction is kept.
    Retract { review: i64 },
    /// List every review: number, time, author, what it did, the row it applies to now.
    List,
}

impl ReviewCommand {
    /// The command as a request (author, note and quote added by the caller).
    fn request(self) -> Option<Request> {
        let r = |incident: String, action: &str| Request { incident, action: action.into(), ..Request::default() };
        Some(match self {
            ReviewCommand::Set { id, field, value } => {
                Request { field: Some(field), value: Some(value), ..r(id, "set") }
            }
            ReviewCommand::Clear { id, field } => Request { field: Some(field), ..r(id, "clear") },
            ReviewCommand::Reject { id, reason } => Request { reason: Some(reason), ..r(id, "reject") },
            ReviewCommand::Merge { id, other } => Request { other: Some(other), ..r(id, "merge") },
            ReviewCommand::Split { id, documents } => Request { documents, ..r(id, "split") },
            ReviewCommand::Mark { id } => r(id, "mark"),
            ReviewCommand::Retract { review } => Request { review: Some(review), ..r(String::new(), "retract") },
            ReviewCommand::List => return None,
        })
    }
}

/// `annalist review ...`: records the review (or lists them all) and prints what it did.
pub fn run(
    db: &Path,
    command: ReviewCommand,
    author: String,
    note: Option<String>,
    quote: Option<String>,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match command.request() {
        None => list(&crate::open_existing(db)?, &mut out),
        Some(request) => {
            let outcome = record(db, Request { author, note, quote, ..request })?;
            writeln!(out, "{}", outcome.message)?;
            Ok(())
        }
    }
}

/// The stored incident `id` names (exactly, or by a unique prefix), with its sources.
fn incident(store: &Store, id: &str) -> Result<(String, Vec<String>)> {
    let id = id.trim();
    match store.incident(id)? {
        Some(inc) => Ok((inc.id, inc.sources)),
        None => bail!("no incident with id {id:?} (or the prefix matches several); see `annalist incidents`"),
    }
}

/// The review a request asks for, its incidents looked up in `store`.
fn new_review(store: &Store, req: &Request) -> Result<NewReview> {
    let missing = |what: &str| anyhow!("{} needs {what}", req.action);
    let action = match req.action.as_str() {
        "set" => {
            let field = parse_field(req.field.as_deref().ok_or_else(|| missing("a field"))?)?;
            Action::Set { field, value: parse_value(field, req.value.as_deref().ok_or_else(|| missing("a value"))?)? }
        }
        "clear" => Action::Set {
            field: parse_field(req.field.as_deref().ok_or_else(|| missing("a field"))?)?,
            value: serde_json::Value::Null,
        },
        "reject" => Action::Reject { reason: Rejection::parse(req.reason.as_deref().unwrap_or("not_an_incident"))? },
        "merge" => {
            let (other, other_sources) =
                incident(store, req.other.as_deref().ok_or_else(|| missing("a second incident"))?)?;
            Action::Merge { other, other_sources }
        }
        "split" => Action::Split { documents: req.documents.iter().map(|d| d.trim().to_string()).collect() },
        "mark" => Action::Mark,
        "retract" => return retraction(store, req),
        other => {
            bail!(ReviewError(format!("{other:?} is not a review; one of: {}", annalist_review::ACTIONS.join(", "))))
        }
    };
    let (id, sources) = incident(store, &req.incident)?;
    Ok(NewReview {
        incident: id,
        sources,
        action,
        author: author(req),
        note: req.note.clone(),
        quote: req.quote.clone(),
    })
}

/// A retraction: of an existing review that is not itself a retraction.
fn retraction(store: &Store, req: &Request) -> Result<NewReview> {
    let number = req.review.ok_or_else(|| anyhow!("retract needs the number of a review (see `review list`)"))?;
    let reviews = store.reviews()?;
    let Some(earlier) = reviews.iter().find(|r| r.id == number) else {
        bail!("no review #{number}; see `annalist review list`");
    };
    if matches!(earlier.review.action, Action::Retract { .. }) {
        bail!("review #{number} is a retraction; make the review again instead");
    }
    Ok(NewReview {
        incident: earlier.review.incident.clone(),
        sources: earlier.review.sources.clone(),
        action: Action::Retract { review: number },
        author: author(req),
        note: req.note.clone(),
        quote: req.quote.clone(),
    })
}

fn author(req: &Request) -> String {
    let a = req.author.trim();
    if a.is_empty() {
        "unknown".into()
    } else {
        a.to_string()
    }
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// Records a review in the store at `db` and rebuilds the ledger with it.
pub fn record(db: &Path, req: Request) -> Result<Outcome> {
    let req = Request { note: clean(&req.note), quote: clean(&req.quote), ..req };
    let mut store = Store::open(db)?;
    let review = new_review(&store, &req)?;
    check(&review)?;
    let number = store.add_review(&review)?;
    let changes = pipeline::rebuild_ledger(&mut store)?;
    let shown = match review.action {
        Action::Split { .. } => split_id(number),
        _ => review.incident.clone(),
    };
    let message = format!(
        "review #{number} by {}: {} {} (ledger: {} new, {} updated, {} removed)",
        review.author,
        review.incident,
        review.action.describe(),
        changes.new,
        changes.updated,
        changes.removed
    );
    Ok(Outcome { message, incident: shown })
}

/// Every review, one a line: number, time, author, what it did, where it applies now.
fn list(store: &Store, out: &mut dyn Write) -> Result<()> {
    let reviews = store.reviews()?;
    let states = store.review_states()?;
    let applied = annalist_review::applied_to(&states);
    let retracted: std::collections::HashSet<i64> = reviews
        .iter()
        .filter_map(|r| match r.review.action {
            Action::Retract { review } => Some(review),
            _ => None,
        })
        .collect();
    if reviews.is_empty() {
        writeln!(out, "no reviews")?;
    }
    for r in &reviews {
        let now = if retracted.contains(&r.id) {
            "retracted".to_string()
        } else if matches!(r.review.action, Action::Retract { .. }) {
            String::new()
        } else {
            match applied.get(&r.id) {
                Some(id) => format!("applies to {id}"),
                None => "matches no incident now".into(),
            }
        };
        let mut line = format!(
            "#{:<4} {}  {:<12} {} {}  [{now}]",
            r.id,
            r.created_at,
            r.review.author,
            r.review.incident,
            r.review.action.describe()
        );
        if let Some(note) = &r.review.note {
            line.push_str(&format!("  note: {note}"));
        }
        if let Some(quote) = &r.review.quote {
            line.push_str(&format!("  quote: \"{quote}\""));
        }
        writeln!(out, "{}", crate::boundary::one_line(&line, 2000))?;
    }
    Ok(())
}
