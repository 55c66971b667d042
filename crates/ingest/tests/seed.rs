//! The real example report in the shared folder: its metadata must come out
//! of general rules. Skips (with a note) when the shared folder is absent.

use sitrep_ingest::{discover, read_input, Options};
use std::path::PathBuf;

fn seed() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds/000_bbdecdbfa3fa171b.txt");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} is absent; skipping the seed document test", p.display());
        None
    }
}

#[test]
fn seed_document_metadata() {
    let Some(path) = seed() else { return };
    let inputs = discover(std::slice::from_ref(&path));
    let input = inputs.into_iter().next().expect("one input").expect("discoverable");
    let docs: Vec<_> = read_input(&input, &Options::default()).collect();
    assert_eq!(docs.len(), 1);
    let doc = docs.into_iter().next().unwrap().expect("readable");
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("Battle for Aleppo: Washington Openly Supports Al Qaeda"));
    assert_eq!(m.outlet.as_deref(), Some("Mondialisation.ca"));
    assert_eq!(m.author.as_deref(), Some("Yalla La Barra"));
    assert_eq!(m.published.map(|d| d.to_string()).as_deref(), Some("2016-05-08"));
    assert_eq!(m.language, "en");
    assert_eq!(m.format, "txt");

    // The French footer is set aside, the body is not.
    let removed_text: Vec<(&str, &str)> =
        doc.removed.iter().map(|r| (r.reason.as_str(), r.span.slice(&doc.text))).collect();
    for (reason, text) in &removed_text {
        eprintln!("{reason:>16}: {}", text.chars().take(90).collect::<String>());
    }
    let covered = |needle: &str| {
        let at = doc.text.find(needle).expect("needle in text");
        doc.removed.iter().any(|r| r.span.start <= at && at < r.span.end)
    };
    for footer in [
        "Avis de non-responsabilité",
        "accorde la permission de reproduire",
        "Pour publier des articles",
        "contient du matériel protégé",
        "Il est mis à la disposition",
        "Contact média",
        "Articles Par",
        "La source originale",
        "Région :",
        "Thème:",
        "Analyses: [SYRIA]",
        "Par [Yalla La Barra]",
    ] {
        assert!(covered(footer), "footer not removed: {footer}");
    }
    for body in ["Throughout the two and a half months", "QUESTION: Russia has proposed", "God help Syria"] {
        assert!(!covered(body), "body text removed: {body}");
    }

    // Segmentation sees the transcript turns and no footer sentences.
    let seg = sitrep_text::segment(&doc);
    let turns = seg.paragraphs.iter().filter(|p| p.kind == sitrep_model::ParagraphKind::Turn).count();
    assert!(turns >= 15, "only {turns} turns");
    assert!(seg.sentences.iter().all(|s| !s.span.slice(&doc.text).contains("droit d'auteur")));
}

/// The shared White House transcripts: every one must yield its briefing
/// date (the file name starts with it, written `4/26/16` or `5/2/2016` in
/// the text), keep its speaker turns, and lose no turn to boilerplate rules.
#[test]
fn shared_briefings_dates_and_turns() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/briefings/whitehouse-2016");
    if !dir.exists() {
        eprintln!("note: {} is absent; skipping the briefings test", dir.display());
        return;
    }
    let mut checked = 0;
    for input in discover(&[dir]).into_iter().flatten() {
        if input.path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let name = input.path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = read_input(&input, &Options::default()).next().unwrap().expect("readable transcript");
        assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some(&name[..10]), "{name}");
        assert_eq!(doc.meta.language, "en", "{name}");
        let seg = sitrep_text::segment(&doc);
        let turns = seg.paragraphs.iter().filter(|p| p.kind == sitrep_model::ParagraphKind::Turn).count();
        assert!(turns >= 20, "{name}: only {turns} turns");
        for r in &doc.removed {
            let t = r.span.slice(&doc.text);
            assert!(sitrep_text::speaker_label(t).is_none(), "{name}: turn removed as {}: {t:?}", r.reason);
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} transcripts read");
}
