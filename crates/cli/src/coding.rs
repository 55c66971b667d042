//! Commands that run the engine on stored or streamed documents: `recode`,
//! `explain`, `verify-quotes` and the storeless shard mode `code`.

use crate::export::document_record;
use crate::{DbArgs, EngineArgs};
use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use serde_json::{json, Value};
use sitrep_columnar::{Kind as ColumnarKind, Partition, TreeWriter, WriterOptions};
use sitrep_model::{Document, Statement};
use sitrep_statements::{is_substantive, PrimaryIndex};
use sitrep_store::{Coded, Filter, Store};
use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn find_document(store: &Store, id: &str) -> Result<Document> {
    store.document(id)?.with_context(|| format!("no stored document {id:?} (see `sitrep docs`)"))
}

#[derive(Args, Debug)]
pub struct RecodeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Only this document (id or unique id prefix).
    #[arg(long)]
    pub doc: Option<String>,
    /// Documents coded and written per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
}

/// `sitrep recode`: runs the current lexicon and patterns over stored
/// documents again and replaces their derived records, batch by batch.
/// Quote verifications are cleared with the old statements (run
/// `sitrep verify-quotes` again).
pub fn recode(args: RecodeArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let engine = args.engine.engine()?;
    let mut store = args.db.open_existing()?;
    let ids = match &args.doc {
        Some(id) => vec![find_document(&store, id)?.id],
        None => store.document_ids(true)?,
    };
    let (mut events, mut relations, mut statements, mut failed) = (0usize, 0usize, 0usize, 0usize);
    for chunk in ids.chunks(args.batch.max(1)) {
        let docs: Vec<Document> =
            chunk.iter().map(|id| find_document(&store, id)).collect::<Result<Vec<Document>>>()?;
        let coded: Vec<_> = docs.par_iter().map(|d| engine.try_process(d)).collect();
        let batch = store.batch()?;
        for (doc, c) in docs.iter().zip(&coded) {
            // A document a stage fails on keeps the records it had.
            let c = match c {
                Ok(c) => c,
                Err(err) => {
                    failed += 1;
                    eprintln!("sitrep: not recoded: {err}");
                    continue;
                }
            };
            batch.replace_derived(&doc.id, c)?;
            events += c.events.len();
            relations += c.relations.len();
            statements += c.statements.len();
        }
        batch.commit()?;
    }
    eprintln!(
        "sitrep: recoded {} documents; {events} events, {relations} relations, {statements} statements; {:.2}s",
        ids.len() - failed,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Document id (or unique id prefix).
    pub doc: String,
    /// Sentence index (as in the records' provenance, `sentence_index`).
    pub sentence: usize,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `sitrep explain`: the parse, the actor mentions and the patterns behind
/// the records of one sentence.
pub fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let engine = args.engine.engine()?;
    let store = args.db.open_existing()?;
    let doc = find_document(&store, &args.doc)?;
    let seg = store.segmentation(&doc.id)?;
    let Some(sentence) = seg.sentences.iter().find(|s| s.index == args.sentence) else {
        anyhow::bail!("document {} has {} sentences; no sentence {}", doc.id, seg.sentences.len(), args.sentence);
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "document {}  sentence {}  bytes {}..{}",
        doc.id, sentence.index, sentence.span.start, sentence.span.end
    )?;
    writeln!(out, "\n{}\n", sentence.span.slice(&doc.text).trim())?;
    let mut conllu = String::new();
    let parse = sitrep_syntax::Parser::embedded().parse(&doc.text, sentence.span);
    sitrep_syntax::conllu::write_parse(&mut conllu, &parse, &doc.text, Some(&sentence.index.to_string()));
    writeln!(out, "parse (CoNLL-U):\n{conllu}")?;
    writeln!(out, "mentions:")?;
    for m in store.mentions(&doc.id)?.iter().filter(|m| sentence.span.contains(m.span)) {
        writeln!(
            out,
            "  {:>6}..{:<6} {:<28} -> {} [{}]{}",
            m.span.start,
            m.span.end,
            m.span.slice(&doc.text),
            m.actor.as_deref().unwrap_or("(unknown)"),
            m.rule,
            m.sector.as_deref().map(|s| format!(" sector={s}")).unwrap_or_default()
        )?;
    }
    writeln!(out, "\ncoding:\n{}", engine.explain(&doc, &seg, sentence.index))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Only the quotes of this document (id or unique id prefix).
    #[arg(long)]
    pub doc: Option<String>,
    /// Days either side of a quote's date searched in the primary sources.
    #[arg(long, default_value_t = 3, value_name = "DAYS")]
    pub window: i64,
    /// One JSON object per quote instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `sitrep verify-quotes`: aligns each quote in secondary documents with the
/// primary documents (ingested with `--primary`) and stores the result.
pub fn verify_quotes(args: VerifyArgs) -> Result<ExitCode> {
    let mut store = args.db.open_existing()?;
    let statements_of =
        |store: &Store, doc: &str| store.statements(&Filter { doc: Some(doc.to_owned()), ..Filter::default() });
    let mut primaries: Vec<(Document, Vec<Statement>)> = Vec::new();
    let mut secondaries: Vec<String> = Vec::new();
    let only = match &args.doc {
        Some(id) => Some(find_document(&store, id)?.id),
        None => None,
    };
    for id in store.document_ids(true)? {
        let doc = find_document(&store, &id)?;
        if doc.meta.primary {
            let st = statements_of(&store, &id)?;
            primaries.push((doc, st));
        } else if only.as_deref().is_none_or(|o| o == id) {
            secondaries.push(id);
        }
    }
    if primaries.is_empty() {
        eprintln!("sitrep: no primary documents in the store; ingest transcripts with `sitrep ingest --primary DIR`");
    }
    let refs: Vec<(&Document, &[Statement])> = primaries.iter().map(|(d, s)| (d, s.as_slice())).collect();
    let index = PrimaryIndex::new(&refs);
    let mut tally: std::collections::BTreeMap<String, usize> = Default::default();
    let mut out = std::io::stdout().lock();
    for id in secondaries {
        let mut quotes: Vec<Statement> = statements_of(&store, &id)?.into_iter().filter(is_substantive).collect();
        if quotes.is_empty() {
            continue;
        }
        quotes.par_iter_mut().for_each(|q| q.verification = Some(index.verify(q, args.window)));
        for q in &quotes {
            let Some(v) = &q.verification else { continue };
            *tally.entry(v.status.clone()).or_default() += 1;
            if args.json {
                let line = json!({"statement": q.id, "doc": q.doc, "speaker": q.speaker, "date": q.date,
                    "text": q.text, "verification": v});
                writeln!(out, "{line}")?;
            } else {
                writeln!(
                    out,
                    "{:<10} {:>4.2}  {:<18} {:<10}  {}",
                    v.status,
                    v.similarity,
                    crate::query::cell(&q.speaker, 18),
                    q.date.as_deref().unwrap_or("-"),
                    crate::query::cell(&q.text.replace('\n', " "), 90)
                )?;
                for e in v.edits.iter().take(6) {
                    writeln!(out, "{:>34}{}: quoted {:?} / primary {:?}", "", e.op, e.quoted, e.primary)?;
                }
            }
        }
        store.update_statements(&quotes)?;
    }
    let summary: Vec<String> = tally.iter().map(|(k, n)| format!("{n} {k}")).collect();
    eprintln!(
        "sitrep: {} primary documents; quotes: {}",
        primaries.len(),
        if summary.is_empty() { "none".to_owned() } else { summary.join(", ") }
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Inputs (files, directories, `-` for standard input, the default).
    #[arg(default_value = "-", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Documents coded together (bounds memory).
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    /// Also write journalists' questions and floor-managing turns as statements.
    #[arg(long)]
    pub all_statements: bool,
    /// Write the records as a partitioned Parquet tree under this directory
    /// instead of JSON Lines on standard output (several shards may write
    /// into one tree, each with its own --part).
    #[arg(long, value_name = "DIR")]
    pub parquet_out: Option<PathBuf>,
    /// The shard's number: its files are named part-<N>.parquet.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "parquet_out")]
    pub part: u32,
}

/// Where `sitrep code` writes: JSON Lines on standard output, or a Parquet tree.
enum Sink<'a> {
    Jsonl(BufWriter<std::io::StdoutLock<'a>>),
    Parquet { writer: TreeWriter, partition: Partition },
}

impl Sink<'_> {
    /// One exchange record (with `kind`); a document sets the partition of
    /// the records that follow it.
    fn put(&mut self, kind: &str, v: &Value) -> Result<()> {
        match self {
            Sink::Jsonl(out) => writeln!(out, "{v}")?,
            Sink::Parquet { writer, partition } => {
                let kind = ColumnarKind::from_exchange(kind).with_context(|| format!("no Parquet table for {kind}"))?;
                if kind == ColumnarKind::Document {
                    *partition = Partition::of_document(v);
                }
                writer.write(kind, partition, v)?;
            }
        }
        Ok(())
    }
}

/// The exchange records of one coded document, in output order: the
/// document, its events, relations and statements (substantive ones unless
/// `all_statements`), each with its `kind`.
pub fn exchange_records(doc: &Document, c: &Coded, all_statements: bool) -> Result<Vec<(&'static str, Value)>> {
    let mut out = vec![("document", document_record(doc))];
    let records = c
        .events
        .iter()
        .map(|e| ("event", serde_json::to_value(e)))
        .chain(c.relations.iter().map(|r| ("relation", serde_json::to_value(r))))
        .chain(
            c.statements
                .iter()
                .filter(|s| all_statements || is_substantive(s))
                .map(|s| ("statement", serde_json::to_value(s))),
        );
    for (kind, v) in records {
        let mut v = v?;
        if let Value::Object(map) = &mut v {
            map.insert("kind".into(), kind.into());
        }
        out.push((kind, v));
    }
    Ok(out)
}

/// `sitrep code`: the storeless shard mode. Reads documents (a JSON Lines
/// corpus on standard input by default), writes exchange records on standard
/// output in input order (or, with `--parquet-out`, into a partitioned
/// Parquet tree), then the actor records the shard used. Errors go to
/// standard error and the other documents continue.
pub fn code(args: CodeArgs) -> Result<ExitCode> {
    let engine = args.engine.engine()?;
    let opts = sitrep_ingest::Options::default();
    let mut out = match &args.parquet_out {
        Some(dir) => Sink::Parquet {
            writer: TreeWriter::create(dir, args.part, WriterOptions::default())?,
            partition: Partition::default(),
        },
        None => Sink::Jsonl(BufWriter::new(std::io::stdout().lock())),
    };
    let mut actors = BTreeSet::new();
    let mut rejected = 0usize;
    let mut pending: Vec<Document> = Vec::new();
    let flush = |pending: &mut Vec<Document>,
                 out: &mut Sink,
                 actors: &mut BTreeSet<String>,
                 rejected: &mut usize|
     -> Result<()> {
        let coded: Vec<_> = pending.par_iter().map(|d| engine.try_process(d)).collect();
        for (doc, c) in pending.iter().zip(&coded) {
            let c = match c {
                Ok(c) => c,
                Err(err) => {
                    *rejected += 1;
                    eprintln!("sitrep: rejected: {err}");
                    continue;
                }
            };
            for (kind, v) in exchange_records(doc, c, args.all_statements)? {
                out.put(kind, &v)?;
            }
            actors.extend(c.mentions.iter().filter_map(|m| m.actor.clone()));
        }
        pending.clear();
        Ok(())
    };
    for input in sitrep_ingest::discover(&args.paths) {
        let input = match input {
            Ok(i) => i,
            Err(err) => {
                rejected += 1;
                eprintln!("sitrep: rejected: {err}");
                continue;
            }
        };
        for doc in sitrep_ingest::read_input(&input, &opts) {
            match doc {
                Ok(doc) => {
                    pending.push(doc);
                    if pending.len() >= args.batch.max(1) {
                        flush(&mut pending, &mut out, &mut actors, &mut rejected)?;
                    }
                }
                Err(err) => {
                    rejected += 1;
                    eprintln!("sitrep: rejected: {err}");
                }
            }
        }
    }
    flush(&mut pending, &mut out, &mut actors, &mut rejected)?;
    for id in &actors {
        if let Some(rec) = engine.actor_record(id) {
            let mut v = serde_json::to_value(&rec)?;
            if let Value::Object(map) = &mut v {
                map.insert("kind".into(), "actor".into());
            }
            out.put("actor", &v)?;
        }
    }
    match out {
        Sink::Jsonl(mut w) => w.flush()?,
        Sink::Parquet { writer, .. } => {
            writer.finish()?;
        }
    }
    Ok(if rejected > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[derive(Args, Debug)]
pub struct GenArgs {
    /// Size of the corpus to write, in megabytes.
    #[arg(long, default_value_t = 100, value_name = "MB")]
    pub size_mb: u64,
    /// Seed of the generator (the same seed gives the same corpus).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output JSON Lines file (default: standard output).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Percent of the documents that are general news (markets, sport, weather, health, culture, politics)
    /// rather than conflict reports, as in a real news flow; 0 writes conflict reports only.
    #[arg(long, default_value_t = 0, value_name = "PCT", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub news_share: u8,
}

/// `sitrep gen-corpus`: a deterministic synthetic corpus for benchmarks.
pub fn gen_corpus(args: GenArgs) -> Result<ExitCode> {
    let bytes = args.size_mb.saturating_mul(1_000_000);
    let stats = match &args.out {
        Some(path) => {
            let mut stats = None;
            crate::export::atomic_write(path, |w| {
                stats = Some(sitrep_corpusgen::generate_mixed(args.seed, bytes, args.news_share.into(), w)?);
                Ok(())
            })?;
            stats.unwrap_or_default()
        }
        None => {
            let mut w = BufWriter::new(std::io::stdout().lock());
            let s = sitrep_corpusgen::generate_mixed(args.seed, bytes, args.news_share.into(), &mut w)?;
            w.flush()?;
            s
        }
    };
    eprintln!("sitrep: generated {} documents, {:.1} MB", stats.documents, stats.bytes as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}
