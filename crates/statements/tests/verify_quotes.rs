//! Quote verification on a corpus of short articles written for this test
//! (`tests/data/quotes/`), which quote the public-domain White House
//! briefings of April-May 2016 exactly, with words changed, cut so the sense
//! shifts, or invented. `expected.tsv` says what `verify` must answer for
//! each quote. Skips when the shared briefings are absent.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, verify, PrimaryIndex, SpeakerTable};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn people() -> SpeakerTable {
    SpeakerTable::new()
        .with(
            "josh_earnest",
            "Josh Earnest",
            Some(("White House Press Secretary", Some("2014-05-30"), Some("2017-01-20"))),
        )
        .with("eric_schultz", "Eric Schultz", Some(("Principal Deputy Press Secretary", None, None)))
        .with("ben_rhodes", "Ben Rhodes", Some(("Deputy National Security Advisor", None, None)))
}

fn document(path: &Path, published: Option<PartialDate>, primary: bool) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Document {
        id: name.clone(),
        meta: DocMeta {
            path: name,
            published,
            primary,
            language: "en".into(),
            format: "txt".into(),
            ..DocMeta::default()
        },
        text,
        removed: Vec::new(),
    }
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn primaries() -> Option<Vec<(Document, Vec<Statement>)>> {
    let dir = manifest().join("../../../shared/data/briefings/whitehouse-2016");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let ctx = people();
    Some(
        names
            .iter()
            .map(|p| {
                let date = p.file_name().and_then(|n| n.to_str()).and_then(|n| PartialDate::parse_iso(n.get(..10)?));
                let doc = document(p, date, true);
                let turns = extract(&doc, &Segmentation::default(), &[], &ctx)
                    .into_iter()
                    .filter(|s| s.form == "turn")
                    .collect();
                (doc, turns)
            })
            .collect(),
    )
}

#[test]
fn quotes_are_classified_as_expected() {
    let Some(primary) = primaries() else {
        eprintln!("note: shared briefings absent, skipping");
        return;
    };
    let refs: Vec<(&Document, &[Statement])> = primary.iter().map(|(d, s)| (d, s.as_slice())).collect();
    let index = PrimaryIndex::new(&refs);
    let data = manifest().join("tests/data/quotes");
    let published: Vec<Vec<String>> = rows(&data.join("articles.tsv"));
    let ctx = people();
    let mut failures = Vec::new();
    let expected = rows(&data.join("expected.tsv"));
    assert!(expected.len() >= 12);
    for row in &expected {
        let (file, key, want) = (&row[0], &row[1], &row[2]);
        let date = published.iter().find(|r| &r[0] == file).and_then(|r| PartialDate::parse_iso(&r[1]));
        let doc = document(&data.join(file), date, false);
        let statements = extract(&doc, &Segmentation::default(), &[], &ctx);
        let Some(quote) = statements.iter().find(|s| s.form != "reported" && s.text.contains(key.as_str())) else {
            failures.push(format!(
                "{file}: no quote statement containing {key:?}; got {:#?}",
                statements.iter().map(|s| (&s.speaker, &s.form, &s.text)).collect::<Vec<_>>()
            ));
            continue;
        };
        assert_eq!(quote.speaker, "Josh Earnest", "{file}: {key}");
        let v = index.verify(quote, 3);
        if &v.status != want {
            failures.push(format!(
                "{file}: {key:?}: want {want}, got {} ({:.3}) {:?} date {:?}",
                v.status, v.similarity, v.edits, quote.date
            ));
        }
        // The one-call API agrees with the index.
        assert_eq!(verify(quote, &refs, 3).status, v.status, "{file}: {key}");
        match v.status.as_str() {
            "exact" => {
                assert!(v.edits.is_empty() && v.similarity == 1.0 && v.primary_doc.is_some())
            }
            "altered" => assert!(!v.edits.is_empty() && v.similarity >= 0.6 && v.similarity < 1.0),
            "truncated" => assert!(v.edits.iter().all(|e| e.op == "delete" && !e.primary.is_empty())),
            _ => assert!(v.primary_doc.is_none()),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The edits name the words that changed, from both sides.
#[test]
fn edits_show_what_changed() {
    let Some(primary) = primaries() else {
        eprintln!("note: shared briefings absent, skipping");
        return;
    };
    let refs: Vec<(&Document, &[Statement])> = primary.iter().map(|(d, s)| (d, s.as_slice())).collect();
    let index = PrimaryIndex::new(&refs);
    let make = |text: &str, date: &str| Statement {
        id: "q".into(),
        doc: "article".into(),
        speaker: "Josh Earnest".into(),
        speaker_id: Some("josh_earnest".into()),
        role: None,
        date: Some(date.into()),
        venue: None,
        text: text.into(),
        form: "direct".into(),
        verification: None,
        provenance: Default::default(),
    };
    let v = index.verify(&make("It's the Assad regime that has signed onto the ceasefire.", "2016-05-02"), 3);
    assert_eq!(v.status, "altered");
    assert_eq!(v.primary_doc.as_deref(), Some("2016-05-02_wh_63.txt"));
    assert_eq!(v.edits.len(), 1);
    assert_eq!(
        (v.edits[0].op.as_str(), v.edits[0].quoted.as_str(), v.edits[0].primary.as_str()),
        ("replace", "ceasefire", "cessation of hostilities")
    );
    let v = index.verify(&make("There have been a number of consultations about that.", "2016-05-11"), 3);
    assert_eq!(v.status, "truncated");
    assert!(v.edits[0].primary.starts_with("But those consultations have stopped short"), "{:?}", v.edits);
    // Dashes, case, curly apostrophes and (Laughter.) never count as edits.
    let v = index.verify(&make("WE'RE particularly appalled by an airstrike on an MSF supported hospital in Aleppo \u{2014} that killed at least 14 patients", "2016-04-28"), 3);
    assert_eq!(v.status, "exact", "{v:?}");
}
