//! Segmentation throughput on the bundled fixtures, repeated to ~1 MB.
//! Run with `cargo bench -p sitrep-text`. The sentence count is asserted so
//! the benchmark cannot silently measure nothing.

use divan::counter::BytesCount;
use sitrep_model::{DocMeta, Document};
use std::path::Path;

fn main() {
    divan::main();
}

/// Sentences in one copy of the three fixtures (see the snapshots).
const SENTENCES_PER_COPY: usize = 43;
const COPIES: usize = 300;

fn corpus() -> Document {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut one = String::new();
    for name in ["briefing.txt", "report.md", "oneline.txt"] {
        one.push_str(&std::fs::read_to_string(dir.join(name)).expect("fixture"));
        one.push_str("\n\n");
    }
    Document { id: "doc_bench".into(), meta: DocMeta::default(), text: one.repeat(COPIES), removed: vec![] }
}

#[divan::bench]
fn segment_fixtures(bencher: divan::Bencher) {
    let doc = corpus();
    assert_eq!(sitrep_text::segment(&doc).sentences.len(), SENTENCES_PER_COPY * COPIES);
    bencher.counter(BytesCount::new(doc.text.len())).bench(|| sitrep_text::segment(divan::black_box(&doc)));
}
