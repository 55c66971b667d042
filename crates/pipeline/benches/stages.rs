//! Per-stage throughput on the same generated reports, side by side with a
//! plain Aho-Corasick scan of the same text with the lexicon's alias list.
//!
//! `cargo bench -p sitrep-pipeline --bench stages`. Each stage is measured
//! on the inputs the stages before it produced (computed once, outside the
//! timing), so the figures add up to the whole `Engine::process`, which is
//! measured last. Throughput is reported in bytes of document text.

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_coder::stages::DocPlaces;
use sitrep_coder::Inputs;
use sitrep_geo::Gazetteer;
use sitrep_model::{DocMeta, Document, PartialDate};
use sitrep_pipeline::Engine;
use sitrep_time::Timeline;
use std::hint::black_box;

/// About `bytes` of generated reports (seeded, so every run sees the same).
fn corpus(bytes: u64) -> Vec<Document> {
    let mut raw = Vec::new();
    sitrep_corpusgen::generate(7, bytes, &mut raw).expect("writing to memory cannot fail");
    String::from_utf8_lossy(&raw)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .enumerate()
        .map(|(i, v)| {
            let published = v["published"].as_str().and_then(|d| {
                let mut p = d.split('-').map(|x| x.parse::<u32>().ok());
                Some(PartialDate::ymd(p.next()?? as i16, p.next()?? as u8, p.next()?? as u8))
            });
            Document {
                id: format!("bench-{i}"),
                meta: DocMeta { published, ..DocMeta::default() },
                text: v["text"].as_str().unwrap_or_default().to_string(),
                removed: Vec::new(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::embedded();
    let lex = engine.lexicon();
    let gaz = Gazetteer::embedded();
    let coder = engine.coder();
    let docs = corpus(256 << 10);
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let segs: Vec<_> = docs.iter().map(sitrep_text::segment).collect();
    let mentions: Vec<_> = docs.iter().zip(&segs).map(|(d, s)| lex.mentions(&d.text, s)).collect();
    let statements: Vec<_> = docs
        .iter()
        .zip(&segs)
        .zip(&mentions)
        .map(|((d, s), m)| sitrep_statements::extract_with(d, s, m, engine.speakers(), &Default::default()))
        .collect();
    let timelines: Vec<_> =
        docs.iter().zip(&segs).map(|(d, s)| Timeline::build(&d.text, &s.sentences, d.meta.published)).collect();
    let places: Vec<_> =
        docs.iter().zip(&segs).zip(&mentions).map(|((d, s), m)| DocPlaces::find(gaz, d, s, m)).collect();
    let aliases = lex.surface_aliases();
    let plain = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)
        .expect("the alias automaton builds");

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("plain_aho_corasick", |b| {
        b.iter(|| docs.iter().map(|d| plain.find_iter(d.text.as_str()).count()).sum::<usize>())
    });
    g.bench_function("segment", |b| {
        b.iter(|| docs.iter().map(|d| sitrep_text::segment(d).sentences.len()).sum::<usize>())
    });
    g.bench_function("lexicon", |b| {
        b.iter(|| docs.iter().zip(&segs).map(|(d, s)| lex.mentions(&d.text, s).len()).sum::<usize>())
    });
    g.bench_function("statements", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&segs)
                .zip(&mentions)
                .map(|((d, s), m)| {
                    sitrep_statements::extract_with(d, s, m, engine.speakers(), &Default::default()).len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("time", |b| {
        b.iter(|| {
            docs.iter().zip(&segs).for_each(|(d, s)| {
                black_box(Timeline::build(&d.text, &s.sentences, d.meta.published));
            })
        })
    });
    g.bench_function("geo", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&segs)
                .zip(&mentions)
                .map(|((d, s), m)| DocPlaces::find(gaz, d, s, m).hits().len())
                .sum::<usize>()
        })
    });
    g.bench_function("coder", |b| {
        b.iter(|| {
            (0..docs.len())
                .map(|i| {
                    let inputs = Inputs::new(&docs[i], &segs[i], &mentions[i], &statements[i])
                        .with_dates(&timelines[i])
                        .with_places(&places[i]);
                    coder.code_inputs(&inputs).events.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("process_end_to_end", |b| {
        b.iter(|| docs.iter().map(|d| engine.process(d).events.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
