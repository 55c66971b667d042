//! Listing commands: `docs`, `events`, `relations`, `statements`.
//!
//! Each prints an aligned table for people or, with `--json`, one exchange
//! record per line for scripts.

use crate::DbArgs;
use anyhow::Result;
use clap::Args;
use sitrep_model::{Event, Relation, Statement};
use sitrep_store::Filter;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct DocsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Only records of this document (id or unique id prefix).
    #[arg(long)]
    pub doc: Option<String>,
    /// Event type (ASSAULT, ...), relation type (member_of, ...) or statement form (turn, block, direct, reported).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Actor name or id, matched anywhere in the record (case-insensitive).
    #[arg(long)]
    pub actor: Option<String>,
    /// Place name (events).
    #[arg(long)]
    pub place: Option<String>,
    /// Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Latest date (inclusive; YYYY-MM covers the whole month).
    #[arg(long)]
    pub to: Option<String>,
    /// Text search in statements.
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    /// One exchange record per line instead of a table.
    #[arg(long)]
    pub json: bool,
}

impl ListArgs {
    fn filter(&self) -> Filter {
        Filter {
            doc: self.doc.clone(),
            kind: self.kind.clone(),
            actor: self.actor.clone(),
            place: self.place.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            text: self.text.clone(),
            limit: self.limit,
        }
    }
}

/// Shortens `s` to at most `n` characters for a table cell.
pub fn cell(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn print_json<T: serde::Serialize>(kind: &str, items: &[T]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for item in items {
        let mut v = serde_json::to_value(item)?;
        if let serde_json::Value::Object(m) = &mut v {
            m.insert("kind".into(), kind.into());
        }
        writeln!(out, "{}", serde_json::to_string(&v)?)?;
    }
    Ok(())
}

pub fn docs(args: DocsArgs) -> Result<ExitCode> {
    let store = args.db.open_existing()?;
    let docs = store.documents(args.limit)?;
    if args.json {
        print_json("document_summary", &docs)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<22} {:<10} {:<18} {:>4} {:>4} {:>4}  title", "id", "published", "outlet", "ev", "rel", "st")?;
    for d in docs {
        writeln!(
            out,
            "{:<22} {:<10} {:<18} {:>4} {:>4} {:>4}  {}{}",
            cell(&d.id, 22),
            d.published.as_deref().unwrap_or("-"),
            cell(d.outlet.as_deref().unwrap_or("-"), 18),
            d.events,
            d.relations,
            d.statements,
            cell(d.title.as_deref().unwrap_or(&d.path), 60),
            if d.current { "" } else { " (superseded)" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn events(args: ListArgs) -> Result<ExitCode> {
    let items: Vec<Event> = args.db.open_existing()?.events(&args.filter())?;
    if args.json {
        print_json("event", &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<10} {:<10} {:<24} {:<24} {:<16} {:<12}  sentence",
        "date", "type", "source", "target", "place", "modality"
    )?;
    for e in &items {
        writeln!(
            out,
            "{:<10} {:<10} {:<24} {:<24} {:<16} {:<12}  {}",
            e.date.as_ref().map(|d| d.start.as_str()).unwrap_or("-"),
            cell(&format!("{}{}", e.kind, e.mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default()), 10),
            cell(&e.source.join(", "), 24),
            cell(&e.target.join(", "), 24),
            cell(e.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-"), 16),
            format!("{:?}", e.modality).to_lowercase(),
            cell(&e.sentence, 70)
        )?;
    }
    writeln!(out, "{} events", items.len())?;
    Ok(ExitCode::SUCCESS)
}

pub fn relations(args: ListArgs) -> Result<ExitCode> {
    let items: Vec<Relation> = args.db.open_existing()?.relations(&args.filter())?;
    if args.json {
        print_json("relation", &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<14} {:<24} {:<24} {:<10} {:<10} {:<12}  sentence",
        "type", "subject", "object", "start", "end", "modality"
    )?;
    for r in &items {
        writeln!(
            out,
            "{:<14} {:<24} {:<24} {:<10} {:<10} {:<12}  {}",
            r.kind,
            cell(&r.subject, 24),
            cell(&r.object, 24),
            r.start.as_deref().unwrap_or("-"),
            r.end.as_deref().unwrap_or("-"),
            format!("{:?}", r.modality).to_lowercase(),
            cell(&r.sentence, 70)
        )?;
    }
    writeln!(out, "{} relations", items.len())?;
    Ok(ExitCode::SUCCESS)
}

pub fn statements(args: ListArgs) -> Result<ExitCode> {
    let items: Vec<Statement> = args.db.open_existing()?.statements(&args.filter())?;
    if args.json {
        print_json("statement", &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<10} {:<20} {:<16} {:<9} {:<10}  text", "date", "speaker", "venue", "form", "verified")?;
    for s in &items {
        writeln!(
            out,
            "{:<10} {:<20} {:<16} {:<9} {:<10}  {}",
            s.date.as_deref().unwrap_or("-"),
            cell(&s.speaker, 20),
            cell(s.venue.as_deref().unwrap_or("-"), 16),
            s.form,
            s.verification.as_ref().map(|v| v.status.as_str()).unwrap_or("-"),
            cell(&s.text, 80)
        )?;
    }
    writeln!(out, "{} statements", items.len())?;
    Ok(ExitCode::SUCCESS)
}
