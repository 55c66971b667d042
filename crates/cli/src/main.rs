//! `sitrep`: conflict reporting in, verifiable event data out.
//!
//! This binary is glue: it parses arguments, opens the store, builds the
//! engine from the library crates and prints results. All the work happens in
//! the libraries (see ARCHITECTURE.md).

mod actors;
mod coding;
mod export;
mod ingest;
mod parse;
mod query;
mod serve;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "sitrep",
    version,
    about = "Turn conflict reporting into verifiable event, relation and statement data",
    after_help = "Examples:\n  sitrep ingest examples/corpus\n  sitrep events --actor nusra --from 2016-05\n  sitrep export --format jsonl --out export.jsonl"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every command that touches the store shares.
#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// The store: an SQLite file, created if missing, or a PostgreSQL database that several
    /// processes share, as a URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE; needs a build with
    /// `--features postgres`).
    #[arg(long, env = "SITREP_DB", hide_env_values = true, default_value = "sitrep.db", global = true)]
    pub db: PathBuf,
}

/// Options that change how documents are coded.
#[derive(Args, Debug, Clone, Default)]
pub struct EngineArgs {
    /// Extra lexicon directory of TOML entity files (repeatable).
    #[arg(long = "lexicon", value_name = "DIR")]
    pub lexicon: Vec<PathBuf>,
    /// Import Phoenix/PETRARCH actor and agent dictionaries from this directory.
    #[arg(long = "lexicon-petrarch", value_name = "DIR")]
    pub lexicon_petrarch: Option<PathBuf>,
    /// Extra coder pattern files (`*.toml`) from this directory.
    #[arg(long = "patterns", value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Import a CAMEO verb dictionary (TABARI/PETRARCH format) as extra event triggers.
    #[arg(long = "cameo-verbs", value_name = "FILE")]
    pub cameo_verbs: Option<PathBuf>,
}

impl DbArgs {
    /// Where the store is: an SQLite path or a PostgreSQL URL (shown with its password masked).
    pub fn locator(&self) -> sitrep_store::Locator {
        sitrep_store::Locator::from_path(&self.db)
    }

    /// The store, created if missing.
    pub fn open(&self) -> Result<sitrep_store::Store> {
        Ok(self.locator().open()?)
    }

    /// The store, which must exist already (reading commands never create one).
    pub fn open_existing(&self) -> Result<sitrep_store::Store> {
        Ok(self.locator().open_existing()?)
    }
}

impl EngineArgs {
    pub fn engine(&self) -> Result<sitrep_pipeline::Engine> {
        Ok(sitrep_pipeline::Engine::new(sitrep_pipeline::EngineOptions {
            lexicon_dirs: self.lexicon.clone(),
            petrarch_dir: self.lexicon_petrarch.clone(),
            patterns_dir: self.patterns.clone(),
            cameo_verbs: self.cameo_verbs.clone(),
        })?)
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read documents, code them and store the results.
    #[command(
        after_help = "Examples:\n  sitrep ingest report.html notes.md\n  sitrep ingest --db cases.db corpus/\n  sitrep ingest wire-2016.parquet\n  cat feed.jsonl | sitrep ingest -\n  sitrep ingest --primary briefings/\n\nExit status: 0 all inputs stored, 1 some inputs rejected, 2 usage error."
    )]
    Ingest(ingest::IngestArgs),
    /// Write the store in the exchange format (JSON Lines), CSV, GeoJSON or a Parquet tree.
    #[command(
        after_help = "Examples:\n  sitrep export --format jsonl --out export.jsonl\n  sitrep export --format csv --kind events > events.csv\n  sitrep export --format geojson --out events.geojson\n  sitrep export --format parquet --out tree/\n\nParquet writes one table per record kind (documents, events, relations, statements, actors),\npartitioned as <kind>/outlet=<outlet>/year=<yyyy>/month=<mm>/part-0.parquet."
    )]
    Export(export::ExportArgs),
    /// List stored documents.
    #[command(after_help = "Example:\n  sitrep docs --limit 20")]
    Docs(query::DocsArgs),
    /// List coded events.
    #[command(
        after_help = "Examples:\n  sitrep events\n  sitrep events --type ASSAULT --place aleppo --from 2016-05-01 --to 2016-05-31\n  sitrep events --actor \"Jaish al-Fateh\" --json"
    )]
    Events(query::ListArgs),
    /// List coded relations (membership, control, backing, agreements).
    #[command(after_help = "Examples:\n  sitrep relations --type member_of\n  sitrep relations --actor ahrar --json")]
    Relations(query::ListArgs),
    /// List statements attributed to speakers.
    #[command(
        after_help = "Examples:\n  sitrep statements --actor kirby\n  sitrep statements --text intermingling --from 2016-04-25"
    )]
    Statements(query::ListArgs),
    /// Resolve actor names to lexicon ids (one JSON object a line).
    #[command(after_help = "Examples:\n  sitrep resolve \"Jaysh al-Fatah\" \"Army of Conquest\" \"Mr Kirby\"")]
    Resolve(actors::ResolveArgs),
    /// Browse the actor lexicon and the actor-like names it lacks.
    #[command(
        after_help = "Examples:\n  sitrep actors list --type coalition\n  sitrep actors show jaish_al_fateh\n  sitrep actors unknown --limit 20\n  sitrep actors --lexicon my-actors/ list --json"
    )]
    Actors(actors::ActorsArgs),
    /// Re-code stored documents after a lexicon or pattern change.
    #[command(after_help = "Examples:\n  sitrep recode\n  sitrep recode --lexicon my-actors/ --doc doc_3f2a")]
    Recode(coding::RecodeArgs),
    /// Show how one sentence was coded: parse, mentions, patterns, records.
    #[command(
        after_help = "Example:\n  sitrep explain doc_3f2a 14\n\nSentence indexes are in every record's provenance."
    )]
    Explain(coding::ExplainArgs),
    /// Check quotes in secondary documents against primary transcripts.
    #[command(
        after_help = "Examples:\n  sitrep ingest --primary briefings/\n  sitrep ingest articles/\n  sitrep verify-quotes\n  sitrep verify-quotes --doc doc_3f2a --window 7 --json"
    )]
    VerifyQuotes(coding::VerifyArgs),
    /// Code documents without a store: JSON Lines in, exchange records out (shard mode).
    #[command(
        after_help = "Examples:\n  sitrep code < shard-0001.jsonl > records-0001.jsonl\n  sitrep code reports/ > records.jsonl\n  sitrep code --parquet-out tree/ --part 1 < shard-0001.jsonl\n\nOutput is in input order; actor records follow the documents. With --parquet-out the records\nland in a partitioned Parquet tree (as `sitrep export --format parquet`), in files named\npart-<N>.parquet, so shards can write into one tree."
    )]
    Code(coding::CodeArgs),
    /// Print the dependency parse of text as CoNLL-U.
    #[command(
        after_help = "Examples:\n  echo \"Rebels shelled the town.\" | sitrep parse\n  sitrep parse report.txt\n  sitrep parse --conllu en_ewt-ud-test.conllu > reparsed.conllu"
    )]
    Parse(parse::ParseArgs),
    /// Score the parser on a CoNLL-U treebank (gold tokenization).
    #[command(after_help = "Example:\n  sitrep eval-parse en_ewt-ud-test.conllu")]
    EvalParse(parse::EvalParseArgs),
    /// Write a deterministic synthetic corpus (JSON Lines) for benchmarks.
    #[command(after_help = "Example:\n  sitrep gen-corpus --size-mb 1000 --seed 7 --out synthetic.jsonl")]
    GenCorpus(coding::GenArgs),
    /// Browse the store in a local web UI (documents, highlights, tables, timeline, alliance graph).
    #[command(
        after_help = "Examples:\n  sitrep serve\n  sitrep serve --db cases.db --addr 127.0.0.1:9000\n\nOpen the printed address in a browser. Only this machine can connect unless --addr says otherwise."
    )]
    Serve(serve::ServeArgs),
}

/// mimalloc: the coding stages allocate many short strings and vectors per
/// sentence, and glibc's allocator spent about a tenth of ingest's CPU time
/// on them (ingest of 20 MB: 12-15% less CPU time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's option enum (the Rust bindings
/// stop naming options before it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the system at once instead of after 10 ms: peak
/// memory of an ingest is then what glibc gave (about 230 MB, not 290), at no
/// measurable cost in time.
fn tune_allocator() {
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(code) => code,
        // A reader that stops early (`sitrep parse | head`) is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sitrep: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest::run(args),
        Command::Export(args) => export::run(args),
        Command::Docs(args) => query::docs(args),
        Command::Events(args) => query::events(args),
        Command::Relations(args) => query::relations(args),
        Command::Statements(args) => query::statements(args),
        Command::Resolve(args) => actors::resolve(args),
        Command::Actors(args) => actors::run(args),
        Command::Recode(args) => coding::recode(args),
        Command::Explain(args) => coding::explain(args),
        Command::VerifyQuotes(args) => coding::verify_quotes(args),
        Command::Code(args) => coding::code(args),
        Command::Parse(args) => parse::parse(args),
        Command::EvalParse(args) => parse::eval_parse(args),
        Command::GenCorpus(args) => coding::gen_corpus(args),
        Command::Serve(args) => serve::run(args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
