//! Throughput of `find_places` on a bundled report-like text.

use divan::counter::BytesCount;
use divan::Bencher;
use sitrep_geo::Gazetteer;

const TEXT: &str = include_str!("../tests/data/report.txt");

fn main() {
    divan::main();
}

#[divan::bench]
fn find_places(bencher: Bencher) {
    let gaz = Gazetteer::embedded();
    // A benchmark that found nothing would measure nothing.
    assert!(gaz.find_places(TEXT, &[], &[]).len() >= 10);
    bencher.counter(BytesCount::of_str(TEXT)).bench(|| gaz.find_places(divan::black_box(TEXT), &[], &[]));
}

#[divan::bench]
fn lookup_variants() -> usize {
    let gaz = Gazetteer::embedded();
    ["Deir al-Zour", "Tripoli", "Khan Sheikhoun", "Halab"].iter().map(|n| gaz.lookup(divan::black_box(n)).len()).sum()
}
