//! Speed of extraction and verification on the public-domain White House
//! briefings (about 1.3 MB, 23 transcripts): extraction throughput, building
//! the primary index, and verifying a thousand quotes drawn from the turns
//! (half verbatim, half with a word changed). Each benchmark asserts a count
//! so it cannot silently measure nothing. Without the shared data the
//! benchmarks fall back to the bundled quote articles.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, PrimaryIndex, SpeakerTable};
use std::path::PathBuf;

fn main() {
    divan::main();
}

fn people() -> SpeakerTable {
    SpeakerTable::new().with("josh_earnest", "Josh Earnest", Some(("White House Press Secretary", None, None))).with(
        "eric_schultz",
        "Eric Schultz",
        Some(("Principal Deputy Press Secretary", None, None)),
    )
}

fn corpus() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../../../shared/data/briefings/whitehouse-2016");
    let dir = if shared.is_dir() { shared } else { root.join("tests/data/quotes") };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let published = name.get(..10).and_then(PartialDate::parse_iso);
            Some(Document {
                id: name.clone(),
                meta: DocMeta { path: name, published, primary: true, ..DocMeta::default() },
                text: std::fs::read_to_string(p).ok()?,
                removed: Vec::new(),
            })
        })
        .collect()
}

fn extract_all(docs: &[Document]) -> Vec<Vec<Statement>> {
    let ctx = people();
    docs.iter().map(|d| extract(d, &Segmentation::default(), &[], &ctx)).collect()
}

/// Quotes drawn from the turns: a stretch of words from every other
/// sentence-sized window, every second one with one word replaced.
fn quotes(statements: &[Vec<Statement>], n: usize) -> Vec<Statement> {
    let mut out = Vec::new();
    let turns: Vec<&Statement> = statements.iter().flatten().filter(|s| s.form == "turn" && s.speaker != "Q").collect();
    let mut k = 0usize;
    while out.len() < n && !turns.is_empty() {
        let t = turns[k % turns.len()];
        let words: Vec<&str> = t.text.split_whitespace().collect();
        if words.len() >= 20 {
            let start = (k * 7) % (words.len() - 15);
            let mut w: Vec<String> = words[start..start + 15].iter().map(|s| s.to_string()).collect();
            if k % 2 == 1 {
                w[7] = "allegedly".into();
            }
            let mut q = t.clone();
            q.text = w.join(" ");
            q.form = "direct".into();
            out.push(q);
        }
        k += 1;
    }
    out
}

#[divan::bench(sample_count = 10)]
fn extract_briefings(bencher: divan::Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let out = extract_all(&docs);
        let n: usize = out.iter().map(Vec::len).sum();
        assert!(n > 10, "only {n} statements");
        n
    });
}

#[divan::bench(sample_count = 10)]
fn build_index(bencher: divan::Bencher) {
    let docs = corpus();
    let statements = extract_all(&docs);
    let refs: Vec<(&Document, &[Statement])> = docs.iter().zip(&statements).map(|(d, s)| (d, s.as_slice())).collect();
    bencher.bench(|| {
        let index = PrimaryIndex::new(&refs);
        assert!(index.len() > 10);
        index.len()
    });
}

#[divan::bench(sample_count = 10)]
fn verify_1000_quotes(bencher: divan::Bencher) {
    let docs = corpus();
    let statements = extract_all(&docs);
    let refs: Vec<(&Document, &[Statement])> = docs.iter().zip(&statements).map(|(d, s)| (d, s.as_slice())).collect();
    let index = PrimaryIndex::new(&refs);
    let qs = quotes(&statements, 1000);
    bencher.counter(divan::counter::ItemsCount::new(qs.len())).bench(|| {
        let found = qs.iter().filter(|q| index.verify(q, 3).status != "not_found").count();
        assert!(found * 10 >= qs.len() * 9, "only {found} of {} found", qs.len());
        found
    });
}
