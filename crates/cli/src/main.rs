//! `annalist`: the command line. It parses arguments and wires the stage crates together;
//! it holds no extraction, fusion or storage logic of its own.

mod bench;
mod boundary;
mod export;
mod filter;
mod fuse_jsonl;
mod pipeline;
mod render;
mod review;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// annalist reads news articles about political violence and keeps an incident ledger:
/// one record per real-world attack, arrest or foiled plot, with what happened, where, when,
/// who did or claimed it and how many were killed and wounded. Every field cites the sentence
/// it came from, every source's figure is kept beside the reconciled one, and syndicated
/// copies of one story are counted once.
///
/// Typical use:
///   annalist ingest examples/corpus      read articles into annalist.db
///   annalist incidents                   list the ledger
///   annalist show inc_3f2a               one incident with its sources and quotes
///   annalist export --what incidents -o incidents.jsonl
#[derive(Parser)]
#[command(name = "annalist", version, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files or folders of .txt, .html, .jsonl; `-` for standard input), clean
    /// them, find syndicated copies, extract events, fuse them into incidents and store it all.
    /// Re-reading the same input changes nothing. Bad inputs are reported, skipped and counted.
    Ingest {
        #[arg(long, default_value = "annalist.db", help = DB_HELP)]
        db: PathBuf,
        /// Files or folders to read (folders are read recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Do not draw a progress bar even on a terminal.
        #[arg(long)]
        quiet: bool,
        /// Skip any document (file, JSON line, WARC record) larger than this, unread past the
        /// limit: bytes, or with K, M or G (default 32M; or set ANNALIST_MAX_DOCUMENT_BYTES).
        #[arg(long, value_name = "SIZE")]
        max_document_bytes: Option<String>,
        /// Read at most this many records of one JSON Lines or WARC file; the rest of the file
        /// is skipped with a message (default 1000000; or set ANNALIST_MAX_RECORDS_PER_FILE).
        #[arg(long, value_name = "N")]
        max_records_per_file: Option<String>,
        /// The publication day (YYYY-MM-DD) of every input that declares none (plain text,
        /// pages, JSON Lines records without a `date` field); or set ANNALIST_DATE.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Read, clean and extract articles without storing anything: one JSON line per document
    /// with its id, title, publication date, cleaned text and event frames (every value with
    /// its span and sentence). This is the per-document stage a cluster job runs on each
    /// partition; skipped inputs are reported on standard error.
    Extract {
        /// Files or folders to read (folders are read recursively; `-` for standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The publication day (YYYY-MM-DD) of every input that declares none, as for `ingest`.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Fuse the JSON Lines that `annalist extract` wrote (files, or `-` for standard input):
    /// find syndicated copies, fuse frames into incidents and write them in the export schema,
    /// as `annalist ingest` and `annalist export --what incidents` would for the same documents
    /// in the same order. No store; this is the step a cluster job runs on each block.
    Fuse {
        /// Files of `annalist extract` output (`-` for standard input), read in order.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Benchmark the whole ingest run (read, clean, dedup, extract, store, fuse) on a named
    /// corpus into a fresh store; prints articles/s, MB/s, time per stage and peak memory.
    /// Corpora: bbc, reuters, mix (both), large:N (N articles made by varying the mix, streamed).
    Bench {
        /// bbc, reuters, mix or large:N (e.g. large:1000000 or large:1M).
        corpus: bench::Corpus,
        /// The folder holding bbc-news/ and reuters21578/.
        #[arg(long, default_value = "../shared/eval/data")]
        root: PathBuf,
        /// The store to write (default: a new file in the temporary folder, removed afterwards).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// Print the incident ledger as a table: date, type, place, country, perpetrator, killed,
    /// wounded and the number of independent sources.
    Incidents {
        #[arg(long, default_value = "annalist.db", help = DB_HELP)]
        db: PathBuf,
        #[command(flatten)]
        filter: filter::LedgerFilter,
    },
    /// Show one incident: every field with each source's claim and the sentence it came from,
    /// with the fields where sources disagree marked; or one stored document: whether it
    /// reports an incident (the document decision and its score).
    Show {
        #[arg(long, default_value = "annalist.db", help = DB_HELP)]
        db: PathBuf,
        /// The incident id, or an unambiguous prefix of it (as `annalist incidents` prints it),
        /// or a document id.
        id: String,
    },
    /// Write the ledger or the cleaned documents: JSON Lines in the schema of the export contract,
    /// or the ledger as GTD-style CSV, ACLED-style CSV or GeoJSON.
    Export {
        #[arg(long, default_value = "annalist.db", help = DB_HELP)]
        db: PathBuf,
        /// What to export.
        #[arg(long, value_enum)]
        what: What,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Which incidents (all when none is given; documents are never filtered).
        #[command(flatten)]
        filter: filter::LedgerFilter,
    },
    /// Review the ledger as an analyst: set or clear a field, reject a row, merge two incidents,
    /// split sources off into a new one, mark a row reviewed, retract a review, or list them.
    /// Reviews are kept in the store beside the machine's claims, with their author, time, note
    /// and quote, and hold through every later ingest.
    ///
    ///   annalist review reject inc_3f2a --reason duplicate --note "same as inc_9c1d"
    ///   annalist review set inc_3f2a killed 84-95 --quote "84 people were killed"
    ///   annalist review merge inc_3f2a inc_9c1d
    ///   annalist review split inc_3f2a doc-7 doc-9
    #[command(verbatim_doc_comment)]
    Review {
        #[arg(long, default_value = "annalist.db", help = DB_HELP, global = true)]
        db: PathBuf,
        /// Who makes the review (default: $USER).
        #[arg(long, global = true)]
        author: Option<String>,
        /// Why, in words.
        #[arg(long, global = true)]
        note: Option<String>,
        /// Evidence: the words of a source the review rests on.
        #[arg(long, global = true)]
        quote: Option<String>,
        #[command(subcommand)]
        action: review::ReviewCommand,
    },
    /// Serve the analyst's workbench over HTTP: the ledger (filterable, sortable), incident pages
    /// with every claim and its quote highlighted in the article, a timeline, a map, actor pages,
    /// full-text search and a JSON API (`/api/openapi.json`). Everything is embedded in the
    /// binary; nothing is fetched from the network.
    Serve {
        #[arg(long, default_value = "annalist.db", help = DB_HELP)]
        db: PathBuf,
        /// Address to listen on. The default is loopback only; any other address lets everyone
        /// who can reach it read the ledger.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Accept `POST /api/ingest` (articles as JSON Lines) from requests bearing the token.
        #[arg(long)]
        allow_ingest: bool,
        /// Accept reviews from the workbench's forms, after a sign-in with the token (the
        /// workbench is read-only without it).
        #[arg(long)]
        allow_review: bool,
        /// The token for `POST /api/ingest` (bearer) and the review sign-in (or set ANNALIST_TOKEN).
        #[arg(long)]
        token: Option<String>,
    },
}

const DB_HELP: &str = "The annalist database (SQLite; created if missing)";

#[derive(Clone, Copy, ValueEnum)]
enum What {
    /// One incident per line.
    Incidents,
    /// One cleaned document per line, with its duplicate_of link.
    Documents,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// JSON Lines: one JSON object per line (the export contract; incidents or documents).
    Jsonl,
    /// CSV of the export contract's fields (incidents only).
    Csv,
    /// CSV in the Global Terrorism Database's column set (incidents only).
    GtdCsv,
    /// CSV in ACLED's column set (incidents only).
    AcledCsv,
    /// A GeoJSON FeatureCollection, one point per incident (incidents only).
    Geojson,
}

impl Format {
    fn ledger(self) -> export::LedgerFormat {
        match self {
            Format::Jsonl => export::LedgerFormat::Jsonl,
            Format::Csv => export::LedgerFormat::Csv,
            Format::GtdCsv => export::LedgerFormat::GtdCsv,
            Format::AcledCsv => export::LedgerFormat::AcledCsv,
            Format::Geojson => export::LedgerFormat::Geojson,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        // `annalist show ID | head`: the reader left; that is not an error
        if e.chain()
            .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
        {
            return;
        }
        eprintln!("annalist: error: {e:#}");
        std::process::exit(1);
    }
}

fn open_existing(db: &std::path::Path) -> Result<annalist_store::Store> {
    if !db.exists() {
        bail!("no database at {} (run `annalist ingest --db {} INPUT...` first)", db.display(), db.display());
    }
    Ok(annalist_store::Store::open_read_only(db)?)
}

/// A buffered writer on `path`, or on standard output.
fn open_sink(path: Option<&std::path::Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Ingest { db, inputs, quiet, max_document_bytes, max_records_per_file, date } => {
            // the limits reach the reader through its environment variables, checked here
            for (value, name) in [
                (max_document_bytes, annalist_ingest::ENV_MAX_DOCUMENT_BYTES),
                (max_records_per_file, annalist_ingest::ENV_MAX_RECORDS_PER_FILE),
                (date, annalist_ingest::ENV_DATE),
            ] {
                if let Some(value) = value {
                    std::env::set_var(name, value);
                }
            }
            annalist_ingest::IngestOptions::from_env().map_err(|e| {
                anyhow::anyhow!("{e} (from --max-document-bytes, --max-records-per-file, --date or the environment)")
            })?;
            let mut store = annalist_store::Store::open(&db)?;
            let summary = pipeline::ingest(&mut store, &inputs, !quiet)?;
            println!("{summary}");
            fail_on_missing(&inputs)?;
        }
        Command::Extract { inputs, output, date } => {
            if let Some(date) = date {
                std::env::set_var(annalist_ingest::ENV_DATE, date);
            }
            annalist_ingest::IngestOptions::from_env()
                .map_err(|e| anyhow::anyhow!("{e} (from --date or the environment)"))?;
            let mut sink = open_sink(output.as_deref())?;
            let summary = pipeline::extract_jsonl(&inputs, &mut sink)?;
            sink.flush()?;
            eprintln!("{summary}");
            fail_on_missing(&inputs)?;
        }
        Command::Fuse { inputs, output } => {
            let mut sink = open_sink(output.as_deref())?;
            let summary = fuse_jsonl::fuse_jsonl(&inputs, &mut sink)?;
            sink.flush()?;
            eprintln!("{summary}");
        }
        Command::Bench { corpus, root, db } => {
            let temp = std::env::temp_dir().join(format!("annalist-bench-{}", std::process::id()));
            let path = db.clone().unwrap_or_else(|| temp.join("bench.db"));
            if db.is_none() {
                std::fs::create_dir_all(&temp)?;
            } else if path.exists() {
                bail!("{} exists; the bench writes a new store", path.display());
            }
            let report = bench::run(corpus, &root, &path);
            if db.is_none() {
                std::fs::remove_dir_all(&temp).ok();
            }
            println!("{}", report?);
        }
        Command::Incidents { db, filter } => {
            let store = open_existing(&db)?;
            let selected = filter.select(&store)?;
            let mut out = std::io::stdout().lock();
            render::ledger_table(&mut out, &selected.incidents, &selected.states)?;
        }
        Command::Show { db, id } => {
            let store = open_existing(&db)?;
            let Some(incident) = store.incident(&id)? else {
                if let Some(doc) = store.document(&id)? {
                    return Ok(render::document_detail(&mut std::io::stdout().lock(), &doc)?);
                }
                bail!("no incident or document with id {id} (or the prefix matches several); see `annalist incidents`");
            };
            let state = store.review_state(&incident.id)?;
            let mut out = std::io::stdout().lock();
            render::incident_detail(&mut out, &incident)?;
            render::review_detail(&mut out, state.as_ref(), &store.reviews()?)?;
        }
        Command::Review { db, author, note, quote, action } => {
            let author = author.or_else(|| std::env::var("USER").ok()).unwrap_or_default();
            open_existing(&db)?;
            review::run(&db, action, author, note, quote)?;
        }
        Command::Export { db, what, format, output, filter } => {
            if matches!(what, What::Documents) && !matches!(format, Format::Jsonl) {
                bail!("documents export only as jsonl; the CSV and GeoJSON formats are for incidents");
            }
            let store = open_existing(&db)?;
            let mut sink = open_sink(output.as_deref())?;
            let n = match what {
                What::Documents => export::documents_jsonl(&store, &mut sink)?,
                What::Incidents => {
                    let selected = filter.select(&store)?;
                    let written = export::write_ledger(
                        format.ledger(),
                        &store,
                        &selected.incidents,
                        &selected.states,
                        &mut sink,
                    )?;
                    if written.left_out > 0 {
                        eprintln!(
                            "gtd-csv: left out {} incidents GTD does not code (arrests, plots foiled before an attack, air strikes)",
                            written.left_out
                        );
                    }
                    written.rows
                }
            };
            sink.flush()?;
            if let Some(path) = output {
                eprintln!("wrote {n} records to {}", path.display());
            }
        }
        Command::Serve { db, addr, allow_ingest, allow_review, token } => {
            open_existing(&db)?;
            let token = token.or_else(|| std::env::var("ANNALIST_TOKEN").ok());
            let review = match (allow_review, token.clone()) {
                (false, _) => None,
                (true, Some(token)) if !token.is_empty() => {
                    Some(annalist_web::Review { token, run: std::sync::Arc::new(review::record) })
                }
                (true, _) => bail!("--allow-review needs a token: --token TOKEN or ANNALIST_TOKEN"),
            };
            let ingest = match (allow_ingest, token) {
                (false, _) => None,
                (true, Some(token)) if !token.is_empty() => {
                    Some(annalist_web::Ingest { token, run: std::sync::Arc::new(ingest_posted) })
                }
                (true, _) => bail!("--allow-ingest needs a token: --token TOKEN or ANNALIST_TOKEN"),
            };
            let export: std::sync::Arc<annalist_web::ExportFn> = std::sync::Arc::new(export::write_view);
            annalist_web::serve(annalist_web::ServeOptions { db, addr, ingest, export: Some(export), review })?;
        }
    }
    Ok(())
}

/// A run given a path that does not exist read the others; then it fails, naming it.
fn fail_on_missing(inputs: &[PathBuf]) -> Result<()> {
    let missing = pipeline::missing_inputs(inputs);
    if !missing.is_empty() {
        bail!("no such file or folder: {} (the other inputs were read)", missing.join(", "));
    }
    Ok(())
}

/// `POST /api/ingest`: the posted JSON Lines, ingested like a file.
fn ingest_posted(db: &std::path::Path, body: &[u8]) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("annalist-posted-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("posted.jsonl");
    std::fs::write(&path, body)?;
    let mut store = annalist_store::Store::open(db)?;
    let summary = pipeline::ingest(&mut store, &[path], false);
    std::fs::remove_dir_all(&dir).ok();
    Ok(summary?.to_string())
}
