//! Snapshot tests over the fixtures in `tests/data/`: for every document read
//! from a fixture, its metadata, removed spans and first sentences, rendered
//! as text. Refresh with `INSTA_UPDATE=always cargo test -p sitrep-ingest`.

use sitrep_ingest::{discover, read_input, Options};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Everything read from one fixture, as stable text (paths relative).
fn render(name: &str) -> String {
    let path = data(name);
    let base = path.parent().unwrap().to_string_lossy().into_owned();
    let mut out = String::new();
    for input in discover(&[path]) {
        let input = input.expect("fixture is discoverable");
        for doc in read_input(&input, &Options::default()) {
            let doc = match doc {
                Ok(d) => d,
                Err(e) => {
                    writeln!(out, "ERROR {}", e.to_string().replace(&base, "data")).unwrap();
                    continue;
                }
            };
            let m = &doc.meta;
            writeln!(out, "id: {}", doc.id).unwrap();
            writeln!(out, "path: {}", m.path.replace(&base, "data")).unwrap();
            writeln!(out, "format: {} language: {} primary: {}", m.format, m.language, m.primary).unwrap();
            writeln!(out, "source_id: {:?}", m.source_id).unwrap();
            writeln!(out, "title: {:?}", m.title).unwrap();
            writeln!(out, "outlet: {:?}", m.outlet).unwrap();
            writeln!(out, "author: {:?}", m.author).unwrap();
            writeln!(out, "published: {:?}", m.published.map(|d| d.to_string())).unwrap();
            writeln!(out, "url: {:?}", m.url).unwrap();
            for (k, v) in &m.extra {
                writeln!(out, "extra.{k}: {v:?}").unwrap();
            }
            for r in &doc.removed {
                let t: String = r.span.slice(&doc.text).chars().take(70).collect();
                writeln!(out, "removed {:>16}: {:?}", r.reason, t).unwrap();
            }
            let seg = sitrep_text::segment(&doc);
            for s in seg.sentences.iter().take(4) {
                let t: String = s.span.slice(&doc.text).chars().take(90).collect();
                writeln!(out, "sentence {}: {:?}", s.index, t).unwrap();
            }
            writeln!(out, "sentences: {} paragraphs: {}", seg.sentences.len(), seg.paragraphs.len()).unwrap();
            if m.format == "html" || m.path.contains("jsonl:7") {
                writeln!(out, "text:\n{}", doc.text).unwrap();
            }
            writeln!(out, "---").unwrap();
        }
    }
    out
}

macro_rules! fixture_tests {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!($file, render($file));
        }
    )*};
}

fixture_tests! {
    french_site_boilerplate => "french_site.md",
    briefing_transcript => "briefing.txt",
    wire_copy => "wire.txt",
    site_name_from_home_link_and_reading_time_dateline => "site_nav.md",
    site_name_from_source_credit => "source_credit.md",
    yaml_front_matter_of_a_clipped_page => "front_matter.md",
    wire_copy_with_dated_dateline => "wire_dated.txt",
    short_wire_report_with_dateline => "wire_short.txt",
    html_page_with_chrome => "page.html",
    latin1_file => "latin1.txt",
    utf16_file => "utf16.txt",
    jsonl_corpus_with_bad_lines => "corpus.jsonl",
    csv_corpus_with_bad_lines => "corpus.csv",
}

#[test]
fn directory_walk_is_sorted_and_complete() {
    let dir = data("");
    let inputs = discover(&[dir]);
    let names: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Ok(i) => i.path.file_name().unwrap().to_string_lossy().into_owned(),
            Err(e) => format!("ERR {e}"),
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"corpus.jsonl".to_string()) && names.contains(&"page.html".to_string()));
}

#[test]
fn same_content_same_id_regardless_of_path() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    std::fs::write(&a, "Aleppo truce holds.\r\nFighting eased on Friday.\r\n").unwrap();
    std::fs::write(&b, "Aleppo truce holds.\nFighting eased on Friday.").unwrap();
    let ids: Vec<String> = discover(&[a, b])
        .into_iter()
        .flat_map(|i| read_input(&i.unwrap(), &Options::default()).collect::<Vec<_>>())
        .map(|d| d.unwrap().id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
}
