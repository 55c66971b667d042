//! White House press briefings (public domain, April-May 2016): every
//! `MR. EARNEST:` / `MR. SCHULTZ:` / `MR. RHODES:` / `Q` turn becomes one
//! statement with the speaker resolved and the briefing's date. Skips when
//! the shared data is absent.

use sitrep_model::{DocMeta, Document, PartialDate, Segmentation, Statement};
use sitrep_statements::{extract, SpeakerTable};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/briefings/whitehouse-2016")
}

fn people() -> SpeakerTable {
    SpeakerTable::new()
        .with(
            "josh_earnest",
            "Josh Earnest",
            Some(("White House Press Secretary", Some("2014-05-30"), Some("2017-01-20"))),
        )
        .with(
            "eric_schultz",
            "Eric Schultz",
            Some(("Principal Deputy Press Secretary", Some("2014-06-01"), Some("2017-01-20"))),
        )
        .with(
            "ben_rhodes",
            "Ben Rhodes",
            Some(("Deputy National Security Advisor", Some("2009-01-20"), Some("2017-01-20"))),
        )
}

/// Turn labels found independently of the extractor: lines opening with a
/// capitalised `MR.`/`MS.` label or a bare `Q`. Returns the byte offset of
/// each such line's end (inside the turn's body).
fn label_line_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let l = raw.trim_start();
        // One transcript writes `Mr. EARNEST:`.
        let title = ["MR. ", "MS. ", "MRS. "].iter().any(|t| l.to_uppercase().starts_with(t));
        let name_caps =
            l.split_whitespace().nth(1).is_some_and(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == ':'));
        if l.starts_with("Q  ") || l.starts_with("Q\t") || (title && name_caps) {
            out.push(start + raw.trim_end().len());
        }
    }
    out
}

fn load(name: &str) -> Option<(Document, PartialDate)> {
    let text = std::fs::read_to_string(dir().join(name)).ok()?;
    let date = PartialDate::parse_iso(&name[..10])?;
    let doc = Document {
        id: name.to_string(),
        meta: DocMeta {
            path: name.to_string(),
            language: "en".into(),
            format: "txt".into(),
            primary: false,
            ..DocMeta::default()
        },
        text,
        removed: Vec::new(),
    };
    Some((doc, date))
}

fn turns(doc: &Document) -> Vec<Statement> {
    extract(doc, &Segmentation::default(), &[], &people())
        .into_iter()
        .filter(|s| s.form == "turn" || s.form == "question")
        .collect()
}

#[test]
fn every_turn_is_attributed_with_the_briefing_date() {
    let Ok(entries) = std::fs::read_dir(dir()) else {
        eprintln!("note: shared briefings absent, skipping");
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut total = 0;
    for name in &names {
        let Some((doc, date)) = load(name) else {
            continue;
        };
        let ts = turns(&doc);
        // Every labelled paragraph is in a turn: its own, or the answer it
        // resumes after a short interjection ("MR TONER: ... And we've —").
        let ends = label_line_ends(&doc.text);
        let resumed = ts.iter().filter(|t| t.provenance.rule == "turn-resumed").count();
        assert!(ts.len() <= ends.len() && ts.len() + 3 * resumed >= ends.len(), "{name}: turn count");
        for end in &ends {
            assert!(
                ts.iter().any(|t| t.provenance.span.start <= *end && *end <= t.provenance.span.end),
                "{name}: label line ending at {end} is in no turn"
            );
        }
        for t in &ts {
            // A guest not in the table (an actress's skit on 2016-04-29) takes the full name she
            // gives herself ("my name is Allison Janney").
            let known = matches!(t.speaker.as_str(), "Josh Earnest" | "Eric Schultz" | "Ben Rhodes" | "Q");
            assert!(known || t.speaker == "Allison Janney", "{name}: speaker {}", t.speaker);
            assert_eq!(
                t.date.as_deref(),
                Some(date.to_string().as_str()),
                "{name}: date of {:?}",
                &t.text[..t.text.len().min(60)]
            );
            assert!(matches!(t.venue.as_deref(), Some("press briefing" | "press gaggle")), "{name}: {:?}", t.venue);
            assert!(!t.text.is_empty());
            if known && t.speaker != "Q" {
                assert!(t.speaker_id.is_some() && t.role.is_some(), "{name}: {t:?}");
            }
        }
        total += ts.len();
    }
    assert!(total > 2500, "only {total} turns");
}

/// A sample of turns checked by content: who opens the briefing, how a
/// multi-paragraph answer continues, and where a turn ends.
#[test]
fn sampled_turns() {
    let Some((doc, _)) = load("2016-04-18_wh_73.txt") else {
        eprintln!("note: shared briefings absent, skipping");
        return;
    };
    let ts = turns(&doc);
    // (index, speaker, text starts with, text contains, text does not contain)
    let cases: &[(usize, &str, &str, &str, &str)] = &[
        (0, "Josh Earnest", "Good afternoon, everybody.", "go straight to your questions", "Okay, Josh"),
        (1, "Q", "Okay, Josh.", "landmark immigration case", "Well, Kevin"),
        (2, "Josh Earnest", "Well, Kevin, I think", "withhold any prognostications", "Apache"),
        (4, "Josh Earnest", "Well, I can tell you that Secretary Carter", "Tim.", "First Lady"),
    ];
    for (i, speaker, starts, contains, not) in cases {
        let t = &ts[*i];
        assert_eq!(t.speaker, *speaker, "turn {i}");
        assert!(t.text.starts_with(starts), "turn {i}: {}", t.text);
        assert!(t.text.contains(contains), "turn {i}: {}", t.text);
        assert!(!t.text.contains(not), "turn {i}: {}", t.text);
        assert_eq!(t.date.as_deref(), Some("2016-04-18"));
    }
    let last = ts.last().expect("turns");
    assert!(!last.text.contains("END") && !last.text.contains("P.M. EDT"), "{}", last.text);
}
