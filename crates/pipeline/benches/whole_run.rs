//! Whole-run benchmark: ingest, code and store a corpus the way `sitrep
//! ingest` does, and report side by side, in one run, the throughput of every
//! stage and of the whole, the peak memory, and a plain Aho-Corasick scan of
//! the same text with the lexicon's alias list (the physical limit the
//! matcher is compared with).
//!
//! ```text
//! sitrep gen-corpus --size-mb 1000 --seed 1 --out /tmp/corpus.jsonl
//! cargo bench -p sitrep-pipeline --bench whole_run -- /tmp/corpus.jsonl [--db /tmp/bench.db] \
//!     [--threads N] [--batch 256] [--limit-mb M] [--no-filters] [--check-filters]
//! ```
//!
//! Without `--db` the records are written to a store in a temporary
//! directory that is removed afterwards. `--check-filters` also codes every
//! document the cheap filters skipped and fails if that would have yielded a
//! record (it costs the time the filters save).
//!
//! Figures: *wall* figures divide by elapsed time; *per core* figures divide
//! by elapsed time times the number of worker threads (end to end) or by the
//! time summed over threads (stages), so they compare across machines with
//! different core counts.

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use sitrep_model::Document;
use sitrep_pipeline::{Engine, StageTimes};
use sitrep_store::{PutOutcome, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Args {
    paths: Vec<PathBuf>,
    db: Option<PathBuf>,
    threads: usize,
    batch: usize,
    limit_bytes: u64,
    filters: bool,
    check_filters: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        paths: Vec::new(),
        db: None,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        batch: 256,
        limit_bytes: u64::MAX,
        filters: true,
        check_filters: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            // Passed by `cargo bench`.
            "--bench" => {}
            "--db" => a.db = Some(PathBuf::from(value("--db")?)),
            "--threads" => a.threads = value("--threads")?.parse().map_err(|e| format!("--threads: {e}"))?,
            "--batch" => a.batch = value("--batch")?.parse().map_err(|e| format!("--batch: {e}"))?,
            "--limit-mb" => {
                let mb: f64 = value("--limit-mb")?.parse().map_err(|e| format!("--limit-mb: {e}"))?;
                a.limit_bytes = (mb * 1e6) as u64;
            }
            "--no-filters" => a.filters = false,
            "--check-filters" => a.check_filters = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => a.paths.push(PathBuf::from(s)),
        }
    }
    a.threads = a.threads.max(1);
    a.batch = a.batch.max(1);
    Ok(a)
}

/// Peak resident set size of this process in bytes (Linux), if known.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// User plus system CPU time of this process (Linux), if known.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line, in clock ticks (100 per second on
    // every Linux configuration in use).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

#[derive(Default)]
struct Totals {
    docs: u64,
    bytes: u64,
    sentences: u64,
    events: u64,
    relations: u64,
    statements: u64,
    mentions: u64,
    read: Duration,
    code: Duration,
    store: Duration,
    /// Building the indexes the load deferred (part of `store`).
    index_build: Duration,
    stages: StageTimes,
    filter_mismatches: u64,
    /// Sentences without any mention (known or provisional actor).
    bare_sentences: u64,
}

/// Sentences of a coded document that contain no mention at all (mentions
/// and sentences are both in text order).
fn bare_sentences(coded: &sitrep_store::Coded) -> u64 {
    let ms = &coded.mentions;
    let mut k = 0;
    let mut n = 0;
    for s in &coded.segmentation.sentences {
        while k < ms.len() && ms[k].span.start < s.span.start {
            k += 1;
        }
        let any = ms[k..].iter().take_while(|m| m.span.start < s.span.end).any(|m| s.span.contains(m.span));
        n += u64::from(!any);
    }
    n
}

/// The allocator `sitrep` uses, set up the same way (see the CLI's main).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's option enum.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let args = match parse_args() {
        Ok(a) if !a.paths.is_empty() => a,
        Ok(_) => {
            eprintln!("usage: whole_run CORPUS... [--db PATH] [--threads N] [--batch N] [--limit-mb M] [--no-filters] [--check-filters]");
            eprintln!("(make a corpus with `sitrep gen-corpus --size-mb 1000 --seed 1 --out /tmp/corpus.jsonl`)");
            std::process::exit(2);
        }
        Err(e) => {
            eprintln!("whole_run: {e}");
            std::process::exit(2);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build().expect("a thread pool");
    let tmp = std::env::temp_dir().join(format!("sitrep-whole-run-{}", std::process::id()));
    let db = args.db.clone().unwrap_or_else(|| tmp.join("bench.db"));
    if args.db.is_none() {
        std::fs::create_dir_all(&tmp).expect("a temporary directory");
    }
    let mut store = Store::open(&db).expect("the store opens");
    let corpus_bytes = sitrep_ingest::discover(&args.paths).into_iter().flatten().map(|i| i.size).sum::<u64>();
    store.defer_indexes(corpus_bytes.min(args.limit_bytes)).expect("the store defers its indexes");

    let setup = Instant::now();
    let engine = if args.filters { Engine::embedded() } else { Engine::embedded().without_filters() };
    let check = args.check_filters.then(|| Engine::embedded().without_filters());
    // Decode the gazetteer and build the lexicon before the clock starts.
    let warm = Document {
        id: "warm-up".into(),
        meta: sitrep_model::DocMeta::default(),
        text: "Syrian forces shelled Aleppo on Friday.".into(),
        removed: Vec::new(),
    };
    let _ = engine.process(&warm);
    let setup = setup.elapsed();
    let cpu0 = cpu_time();

    let started = Instant::now();
    let mut t = Totals::default();
    let opts = sitrep_ingest::Options::default();
    // Reading, coding and storing overlap as in `sitrep ingest`: a reader
    // thread, the coding pool, a writer thread, bounded channels between.
    let paths = args.paths.clone();
    let limit = args.limit_bytes;
    let produce = |feed: &mut sitrep_pipeline::Feed| {
        let mut read = Duration::ZERO;
        let mut read_bytes = 0u64;
        'inputs: for input in sitrep_ingest::discover(&paths).into_iter().flatten() {
            let mut docs = sitrep_ingest::read_input(&input, &opts);
            loop {
                let r0 = Instant::now();
                let next = docs.next();
                read += r0.elapsed();
                let Some(doc) = next else { break };
                let Ok(doc) = doc else { continue };
                read_bytes += doc.text.len() as u64;
                if !feed.push(doc) || read_bytes >= limit {
                    break 'inputs;
                }
            }
        }
        (read, read_bytes)
    };
    let code = |d: &Document| {
        let c0 = Instant::now();
        let mut times = StageTimes::default();
        let coded = engine.process_timed(d, &mut times);
        // A skipped document: coding it in full must give no records.
        let skipped = !coded.mentions.iter().any(|m| m.actor.is_some());
        let mismatch = check.as_ref().filter(|_| skipped).is_some_and(|full| {
            let c = full.process(d);
            c.events.len() != coded.events.len() || c.relations.len() != coded.relations.len()
        });
        (coded, times, mismatch, c0.elapsed())
    };
    let consume = |batch: Vec<(Document, (sitrep_store::Coded, StageTimes, bool, Duration))>| {
        let s0 = Instant::now();
        let tx = store.batch()?;
        for (doc, (coded, times, mismatch, took)) in &batch {
            t.stages += *times;
            t.code += *took;
            t.filter_mismatches += u64::from(*mismatch);
            if let Ok(PutOutcome::Stored { .. }) = tx.put(doc, coded) {
                t.docs += 1;
                t.bytes += doc.text.len() as u64;
                t.sentences += coded.segmentation.sentences.len() as u64;
                t.events += coded.events.len() as u64;
                t.relations += coded.relations.len() as u64;
                t.statements += coded.statements.len() as u64;
                t.mentions += coded.mentions.len() as u64;
                t.bare_sentences += bare_sentences(coded);
            }
        }
        tx.commit()?;
        t.store += s0.elapsed();
        Ok::<(), sitrep_store::StoreError>(())
    };
    let stream_opts = sitrep_pipeline::StreamOptions { batch: args.batch, ..Default::default() };
    let ((read, read_bytes), written) = pool.install(|| sitrep_pipeline::stream(stream_opts, produce, code, consume));
    written.expect("the store takes every batch");
    // As `sitrep ingest`: indexes deferred for the load are built at the end, on the clock.
    let i0 = Instant::now();
    store.ensure_indexes().expect("the store builds its indexes");
    t.store += i0.elapsed();
    t.index_build = i0.elapsed();
    t.read = read;
    let wall = started.elapsed();
    let cpu = match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a)),
        _ => None,
    };
    let rss = peak_rss();
    let skips = engine.skip_stats();
    drop(store);

    // The reference: a plain leftmost-longest, ASCII-case-insensitive
    // Aho-Corasick scan of the same document texts with the lexicon's alias
    // list, on one core, reading the corpus again (reading is not timed).
    let aliases = engine.lexicon().surface_aliases();
    let plain = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)
        .expect("the alias automaton builds");
    let mut scan = Duration::ZERO;
    let mut scan_bytes = 0u64;
    let mut scan_hits = 0u64;
    'scan: for input in sitrep_ingest::discover(&args.paths).into_iter().flatten() {
        for doc in sitrep_ingest::read_input(&input, &opts).flatten() {
            let s0 = Instant::now();
            scan_hits += plain.find_iter(doc.text.as_str()).count() as u64;
            scan += s0.elapsed();
            scan_bytes += doc.text.len() as u64;
            if scan_bytes >= read_bytes {
                break 'scan;
            }
        }
    }
    if args.db.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }

    let mb = t.bytes as f64 / 1e6;
    let cores = args.threads as f64;
    let secs = wall.as_secs_f64().max(1e-9);
    println!(
        "corpus: {} documents, {:.1} MB, {} sentences ({} threads, batch {})",
        t.docs, mb, t.sentences, args.threads, args.batch
    );
    println!("setup (lexicon, gazetteer, coder): {:.2} s, not counted", setup.as_secs_f64());
    println!();
    println!("{:<34} {:>9} {:>9} {:>12} {:>14}", "", "seconds", "MB/s", "sentences/s", "sent/s/core");
    let row = |name: &str, d: Duration, per_core_div: f64| {
        let s = d.as_secs_f64().max(1e-9);
        println!(
            "{:<34} {:>9.2} {:>9.2} {:>12.0} {:>14.0}",
            name,
            s,
            mb / s,
            t.sentences as f64 / s,
            t.sentences as f64 / s / per_core_div
        );
    };
    println!("stages (time summed over threads):");
    row("  segment", t.stages.segment, 1.0);
    row("  lexicon match", t.stages.lexicon, 1.0);
    row("  statements", t.stages.statements, 1.0);
    row("  time", t.stages.time, 1.0);
    row("  geo (places)", t.stages.geo, 1.0);
    row("  coder", t.stages.coder, 1.0);
    row("  time + geo + coder", t.stages.time + t.stages.geo + t.stages.coder, 1.0);
    row("  all stages", t.stages.total(), 1.0);
    println!("threads (busy time, overlapping):");
    row("  read + decode (reader thread)", t.read, 1.0);
    row("  code (summed over workers)", t.code, 1.0);
    row("  store (writer thread)", t.store, 1.0);
    row("    of which index build at the end", t.index_build, 1.0);
    row("end to end (elapsed)", wall, cores);
    if let Some(cpu) = cpu {
        row("end to end (CPU time, all threads)", cpu, 1.0);
    }
    let s = scan.as_secs_f64().max(1e-9);
    let scan_mb = scan_bytes as f64 / 1e6;
    println!(
        "{:<34} {:>9.2} {:>9.2} {:>12} {:>14}   ({} aliases, {} hits)",
        "plain aho-corasick scan (1 core)",
        s,
        scan_mb / s,
        "",
        "",
        aliases.len(),
        scan_hits
    );
    println!();
    let e2e_core = t.sentences as f64 / secs / cores;
    println!(
        "end to end: {:.2} MB/s, {:.0} sentences/s ({:.0} per core), {:.0} events/s, {:.0} records/s",
        mb / secs,
        t.sentences as f64 / secs,
        e2e_core,
        t.events as f64 / secs,
        (t.events + t.relations + t.statements) as f64 / secs
    );
    println!(
        "records: {} events, {} relations, {} statements, {} mentions",
        t.events, t.relations, t.statements, t.mentions
    );
    println!(
        "per core, plain scan / end to end: {:.0}x ({:.2} MB/s vs {:.3} MB/s)",
        (scan_mb / s) / (mb / secs / cores),
        scan_mb / s,
        mb / secs / cores
    );
    match rss {
        Some(r) => println!("peak RSS: {:.0} MB", r as f64 / 1e6),
        None => println!("peak RSS: unknown on this platform"),
    }
    println!(
        "cheap filters: {} of {} documents ({:.1}%) and {} of {} sentences ({:.1}%) skipped places and coding",
        skips.documents_skipped,
        skips.documents,
        100.0 * skips.documents_skipped as f64 / skips.documents.max(1) as f64,
        skips.sentences_skipped,
        skips.sentences,
        100.0 * skips.sentences_skipped as f64 / skips.sentences.max(1) as f64
    );
    println!(
        "parser: {} of {} sentences ({:.1}%) parsed; the others had no trigger with an actor and skipped it",
        skips.sentences_parsed,
        skips.sentences,
        100.0 * skips.sentences_parsed as f64 / skips.sentences.max(1) as f64
    );
    println!(
        "sentences without any mention: {} of {} ({:.1}%): what a sentence-level filter in the coder could skip",
        t.bare_sentences,
        t.sentences,
        100.0 * t.bare_sentences as f64 / t.sentences.max(1) as f64
    );
    if args.check_filters {
        println!("filter check: {} skipped documents would have yielded records", t.filter_mismatches);
        if t.filter_mismatches > 0 {
            std::process::exit(1);
        }
    }
}
