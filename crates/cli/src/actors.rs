//! Actor commands: `resolve`, `actors list|show|unknown`.

use crate::{DbArgs, EngineArgs};
use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;
use sitrep_statements::SpeakerContext;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ResolveArgs {
    /// Names to resolve, as they are written in text.
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `sitrep resolve`: one JSON object a line, in the order given.
pub fn resolve(args: ResolveArgs) -> Result<ExitCode> {
    let engine = args.engine.engine()?;
    let lex = engine.lexicon();
    let mut out = std::io::stdout().lock();
    for name in &args.names {
        // A person named with a title or by surname ("Mr Kirby", "MR TONER")
        // resolves through the speaker table when the lexicon's names do not.
        let hit = lex.resolve(name).map(|e| (e.id.clone(), e.name.clone())).or_else(|| {
            let s = engine.speakers().speaker(name, None)?;
            Some((s.id?, s.name))
        });
        let line = json!({"input": name, "id": hit.as_ref().map(|h| &h.0), "name": hit.as_ref().map(|h| &h.1)});
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(subcommand)]
    pub command: Option<ActorsCommand>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Subcommand, Debug)]
pub enum ActorsCommand {
    /// List the lexicon's entities (the default).
    List {
        /// Only this type: group, coalition, state, organization, person, population, agreement.
        #[arg(long = "type")]
        kind: Option<String>,
        /// One exchange `actor` record per line.
        #[arg(long)]
        json: bool,
    },
    /// Show one entity: its names, affiliation, codes and dated roles.
    Show {
        /// Entity id, or any name it is known by.
        id: String,
    },
    /// Actor-like names found in stored documents that the lexicon lacks, most frequent first.
    Unknown {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: ActorsArgs) -> Result<ExitCode> {
    let engine = args.engine.engine()?;
    let lex = engine.lexicon();
    let mut out = std::io::stdout().lock();
    match args.command.unwrap_or(ActorsCommand::List { kind: None, json: false }) {
        ActorsCommand::List { kind, json } => {
            for e in lex.entities() {
                if kind.as_deref().is_some_and(|k| !k.eq_ignore_ascii_case(e.kind.as_str())) {
                    continue;
                }
                if json {
                    let mut v = serde_json::to_value(e.to_record())?;
                    v["kind"] = json!("actor");
                    writeln!(out, "{v}")?;
                } else {
                    writeln!(
                        out,
                        "{:<32} {:<13} {:<5} {}",
                        e.id,
                        e.kind.as_str(),
                        e.country.as_deref().unwrap_or("-"),
                        e.name
                    )?;
                }
            }
        }
        ActorsCommand::Show { id } => {
            let Some(e) = lex.get(&id).or_else(|| lex.resolve(&id)) else {
                eprintln!("sitrep: no actor {id:?} in the lexicon");
                return Ok(ExitCode::from(1));
            };
            writeln!(out, "{} ({})", e.name, e.id)?;
            writeln!(out, "  type         {}", e.kind.as_str())?;
            for (label, value) in [
                ("country", &e.country),
                ("cameo", &e.cameo),
                ("affiliation", &e.affiliation),
                ("capital", &e.capital),
                ("note", &e.note),
            ] {
                if let Some(v) = value {
                    writeln!(out, "  {label:<12} {v}")?;
                }
            }
            if !e.aliases.is_empty() {
                writeln!(out, "  aliases      {}", e.aliases.join("; "))?;
            }
            if !e.demonyms.is_empty() {
                writeln!(out, "  demonyms     {}", e.demonyms.join("; "))?;
            }
            for r in &e.roles {
                writeln!(
                    out,
                    "  role         {} [{} .. {}]{}",
                    r.title,
                    r.start.as_deref().unwrap_or("?"),
                    r.end.as_deref().unwrap_or(""),
                    r.org.as_deref().map(|o| format!(" ({o})")).unwrap_or_default()
                )?;
            }
        }
        ActorsCommand::Unknown { db, limit, json } => {
            let store = db.open_existing()?;
            for u in store.unknown_actors(limit)? {
                // A name the lexicon now knows (after a lexicon edit) is not unknown.
                if lex.resolve(&u.name).is_some() {
                    continue;
                }
                if json {
                    let line = json!({
                        "name": u.name, "count": u.count, "documents": u.documents,
                        "example_doc": u.example_doc, "example_sentence": u.example_sentence,
                    });
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(
                        out,
                        "{:>5} {:>4} doc(s)  {:<36} {}",
                        u.count,
                        u.documents,
                        crate::query::cell(&u.name, 36),
                        crate::query::cell(u.example_sentence.trim(), 100)
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
