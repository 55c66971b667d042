//! Snapshot tests: segment the fixtures under `tests/data/` and compare a
//! readable rendering (one line per paragraph, one indented line per
//! sentence) with the stored snapshot. Refresh with `INSTA_UPDATE=always`.

use sitrep_model::{DocMeta, Document, Removed, Segmentation, Span};
use std::path::Path;

fn doc(text: String, removed: Vec<Removed>) -> Document {
    Document { id: "doc_test".into(), meta: DocMeta::default(), text, removed }
}

fn render(doc: &Document, seg: &Segmentation) -> String {
    let mut out = String::new();
    for p in &seg.paragraphs {
        let label = p.speaker_label.map(|l| format!(" <{}>", l.slice(&doc.text))).unwrap_or_default();
        out.push_str(&format!("[{:?}{}] {}..{}\n", p.kind, label, p.span.start, p.span.end));
        for s in seg.sentences.iter().filter(|s| s.paragraph == p.index) {
            out.push_str(&format!("  | {}\n", s.span.slice(&doc.text).replace('\n', "⏎")));
        }
    }
    out
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn check(name: &str) {
    let d = doc(fixture(name), vec![]);
    let seg = sitrep_text::segment(&d);
    insta::assert_snapshot!(name, render(&d, &seg));
}

#[test]
fn briefing_transcript() {
    check("briefing.txt");
}

#[test]
fn markdown_report() {
    check("report.md");
}

#[test]
fn one_paragraph_per_line() {
    check("oneline.txt");
}

#[test]
fn removed_heading_is_skipped() {
    let text = fixture("report.md");
    let end = text.find('\n').unwrap_or(text.len());
    let d = doc(text, vec![Removed { span: Span::new(0, end), reason: "title".into() }]);
    let seg = sitrep_text::segment(&d);
    assert_ne!(seg.paragraphs[0].kind, sitrep_model::ParagraphKind::Heading);
    assert!(seg.sentences.iter().all(|s| s.span.start > end));
}
