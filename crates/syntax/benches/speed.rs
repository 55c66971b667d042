//! Throughput of the syntax layer on news-like sentences: tokenizer,
//! tagger and parser measured separately, one thread. Each benchmark
//! asserts a count so it cannot silently measure nothing.
//!
//! Run with `cargo bench -p sitrep-syntax --bench speed`; divan reports
//! time per iteration, and one iteration processes all 16 sentences, so
//! sentences per second = 16 / time.

use sitrep_model::Span;
use sitrep_syntax::{split_sentences, tokenize_span, Parser};

const TEXT: &str = include_str!("../tests/data/news.txt");
const SENTENCES: usize = 16;
const TOKENS: usize = 322;

fn main() {
    divan::main();
}

fn sentences() -> Vec<Span> {
    let s = split_sentences(TEXT, Span::new(0, TEXT.len()));
    assert_eq!(s.len(), SENTENCES);
    s
}

fn tokenized() -> Vec<Vec<&'static str>> {
    sentences().into_iter().map(|s| tokenize_span(TEXT, s).into_iter().map(|t| t.slice(TEXT)).collect()).collect()
}

#[divan::bench]
fn tokenizer(b: divan::Bencher) {
    let sents = sentences();
    b.bench(|| {
        let n: usize = sents.iter().map(|s| tokenize_span(TEXT, *s).len()).sum();
        assert_eq!(n, TOKENS);
        n
    });
}

#[divan::bench]
fn tagger(b: divan::Bencher) {
    let p = Parser::embedded();
    let toks = tokenized();
    b.bench(|| {
        let n: usize = toks.iter().map(|t| p.tag(t).len()).sum();
        assert_eq!(n, TOKENS);
        n
    });
}

#[divan::bench]
fn parser_only(b: divan::Bencher) {
    let p = Parser::embedded();
    let (Some(tagger), Some(dep)) = (p.tagger(), p.dep_parser()) else {
        return;
    };
    let prepared: Vec<(Vec<u64>, Vec<u16>)> = tokenized()
        .iter()
        .map(|t| {
            let words =
                t.iter().map(|f| sitrep_syntax::hash::str_hash(&sitrep_syntax::tagger::normalize_form(f))).collect();
            (words, tagger.tag(t))
        })
        .collect();
    b.bench(|| {
        let n: usize = prepared.iter().map(|(w, t)| dep.parse(w, t).heads.len()).sum();
        assert_eq!(n, TOKENS);
        n
    });
}

#[divan::bench]
fn full_pipeline(b: divan::Bencher) {
    let p = Parser::embedded();
    let sents = sentences();
    b.bench(|| {
        let n: usize = sents.iter().map(|s| p.parse(TEXT, *s).len()).sum();
        assert_eq!(n, TOKENS);
        n
    });
}
