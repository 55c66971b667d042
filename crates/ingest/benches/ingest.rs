//! Ingest throughput (decode, HTML extraction, header and boilerplate rules,
//! language, id) on the bundled fixtures. Run with
//! `cargo bench -p sitrep-ingest`. Each benchmark asserts what it produced
//! so it cannot silently measure nothing.

use divan::counter::BytesCount;
use sitrep_ingest::{document_from_text, Format, Options};
use std::path::Path;

fn main() {
    divan::main();
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).expect("fixture")
}

#[divan::bench(args = [("french_site.md", Format::Md, 14), ("page.html", Format::Html, 3), ("wire.txt", Format::Txt, 6)])]
fn one_document(bencher: divan::Bencher, (name, format, removed): (&str, Format, usize)) {
    let bytes = fixture(name);
    let opts = Options::default();
    let doc = document_from_text(name, &bytes, format, &opts).expect("fixture reads");
    assert_eq!(doc.removed.len(), removed);
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| document_from_text(name, divan::black_box(&bytes), format, &opts));
}

/// A long Markdown report: the fixture body repeated to ~600 KB.
#[divan::bench]
fn long_markdown(bencher: divan::Bencher) {
    let one = String::from_utf8(fixture("french_site.md")).expect("utf-8");
    let body = one.split("---").next().expect("body").to_string();
    let text = format!("{one}\n\n{}", body.repeat(400));
    let opts = Options::default();
    let doc = document_from_text("long.md", text.as_bytes(), Format::Md, &opts).expect("reads");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2016-03-27"));
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| document_from_text("long.md", divan::black_box(text.as_bytes()), Format::Md, &opts));
}
