//! `sitrep ingest`: read inputs, code them on all cores, store them in batches.
//!
//! Documents are read in order into bounded batches on a reader thread; each
//! batch is coded in parallel (rayon) and written in one transaction on a
//! writer thread ([`sitrep_pipeline::stream`]), so reading, coding and
//! writing overlap. Memory holds a few batches of documents and their records,
//! whatever the corpus size, and an interrupted run leaves whole batches only:
//! re-running it skips what is stored and yields the same store as an
//! uninterrupted run.

use crate::{DbArgs, EngineArgs};
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_model::Document;
use sitrep_pipeline::CodingFailed;
use sitrep_store::{PutOutcome, Store};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or directories (read recursively); `-` reads one document or JSON Lines corpus from stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Mark these documents as primary sources (transcripts, official statements) for quote verification.
    #[arg(long)]
    pub primary: bool,
    /// Documents coded and written per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    /// Largest single file accepted, in megabytes.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_file_mb: u64,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Default)]
struct Tally {
    stored: u64,
    skipped: u64,
    rejected: u64,
    bytes: u64,
    events: u64,
    relations: u64,
    statements: u64,
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let engine = args.engine.engine()?;
    let mut store = args.db.open()?;
    let opts = sitrep_ingest::Options {
        primary: args.primary,
        max_file_bytes: args.max_file_mb.saturating_mul(1 << 20),
        ..sitrep_ingest::Options::default()
    };

    let inputs = sitrep_ingest::discover(&args.paths);
    let total_bytes: u64 = inputs.iter().filter_map(|i| i.as_ref().ok()).map(|i| i.size).sum();
    let bar = if std::io::stderr().is_terminal() && !args.quiet {
        ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    // Documents already stored are skipped before coding; the reader asks
    // through its own connection while the writer's transactions go on.
    let known = args.db.open()?;
    // A load that adds as much as the store holds builds its indexes once, at the end.
    let deferred = store.defer_indexes(total_bytes)?;
    let reader_bar = bar.clone();
    let produce = move |feed: &mut sitrep_pipeline::Feed| {
        let mut read = ReadTally::default();
        for input in inputs {
            let input = match input {
                Ok(i) => i,
                Err(err) => {
                    read.rejected += 1;
                    reader_bar.suspend(|| eprintln!("sitrep: rejected: {err}"));
                    continue;
                }
            };
            for doc in sitrep_ingest::read_input(&input, &opts) {
                match doc {
                    Ok(doc) => {
                        if known.has_document(&doc.id).unwrap_or(false) {
                            read.skipped += 1;
                        } else if !feed.push(doc) {
                            return read;
                        }
                    }
                    Err(err) => {
                        read.rejected += 1;
                        reader_bar.suspend(|| eprintln!("sitrep: rejected: {err}"));
                    }
                }
            }
            reader_bar.inc(input.size);
        }
        read
    };
    let mut tally = Tally::default();
    let writer_bar = bar.clone();
    let consume = |batch: Vec<(Document, Result<sitrep_store::Coded, CodingFailed>)>| -> Result<()> {
        store_batch(&mut store, &batch, &mut tally, &writer_bar)?;
        writer_bar.set_message(format!("{} stored", tally.stored));
        Ok(())
    };
    let stream_opts = sitrep_pipeline::StreamOptions { batch: args.batch.max(1), ..Default::default() };
    let (read, written) = sitrep_pipeline::stream(stream_opts, produce, |d| engine.try_process(d), consume);
    bar.finish_and_clear();
    // Also after a failed batch: what was stored keeps its indexes.
    let indexed = deferred.then(|| {
        let built = Instant::now();
        let indexed = store.ensure_indexes().context("building the store's indexes");
        // Worth a line only where it took a while (a big load; a small one builds them in no time).
        if !args.quiet && indexed.is_ok() && built.elapsed().as_secs_f64() >= 1.0 {
            eprintln!("sitrep: indexes built in {:.1}s", built.elapsed().as_secs_f64());
        }
        indexed
    });
    written?;
    indexed.transpose()?;
    tally.skipped += read.skipped;
    tally.rejected += read.rejected;

    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "sitrep: {} stored, {} skipped (already stored), {} rejected; {} events, {} relations, {} statements; {:.2}s, {:.1} MB/s -> {}",
            tally.stored,
            tally.skipped,
            tally.rejected,
            tally.events,
            tally.relations,
            tally.statements,
            secs,
            tally.bytes as f64 / 1e6 / secs.max(1e-9),
            store.path().display()
        );
        let k = engine.skip_stats();
        if k.sentences > 0 {
            eprintln!(
                "sitrep: cheap filters: {} of {} sentences parsed ({:.1}%); {} of {} documents named no actor and skipped coding",
                k.sentences_parsed,
                k.sentences,
                100.0 * k.sentences_parsed as f64 / k.sentences as f64,
                k.documents_skipped,
                k.documents
            );
        }
    }
    Ok(if tally.rejected > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Counts kept by the reader thread.
#[derive(Default)]
struct ReadTally {
    skipped: u64,
    rejected: u64,
}

/// Writes one coded batch in one transaction.
fn store_batch(
    store: &mut Store,
    coded: &[(Document, Result<sitrep_store::Coded, CodingFailed>)],
    tally: &mut Tally,
    bar: &ProgressBar,
) -> Result<()> {
    if coded.is_empty() {
        return Ok(());
    }
    let batch = store.batch()?;
    for (doc, coded) in coded {
        let coded = match coded {
            Ok(c) => c,
            Err(err) => {
                tally.rejected += 1;
                bar.suspend(|| eprintln!("sitrep: rejected: {err}"));
                continue;
            }
        };
        let outcome = match batch.put(doc, coded) {
            // A document this store cannot hold (PostgreSQL: a NUL character); nothing of it was written.
            Err(err @ sitrep_store::StoreError::Unstorable { .. }) => {
                tally.rejected += 1;
                bar.suspend(|| eprintln!("sitrep: rejected: {err}"));
                continue;
            }
            other => other.with_context(|| format!("storing {}", doc.meta.path))?,
        };
        match outcome {
            PutOutcome::Stored { .. } => {
                tally.stored += 1;
                tally.bytes += doc.text.len() as u64;
                tally.events += coded.events.len() as u64;
                tally.relations += coded.relations.len() as u64;
                tally.statements += coded.statements.len() as u64;
            }
            // The same content twice within one batch or in flight (e.g. duplicate files).
            PutOutcome::Unchanged => tally.skipped += 1,
        }
    }
    batch.commit()?;
    Ok(())
}
