//! The real seed report against its hand-coded gold statements: every gold
//! statement must be found with the right speaker, date and words, with few
//! extra records. Skips when the shared corpus is absent.

use sitrep_lexicon::Lexicon;
use sitrep_model::ActorType;
use sitrep_model::{DocMeta, Document, Paragraph, ParagraphKind, PartialDate, Segmentation, Span, Statement};
use sitrep_statements::{extract, is_substantive, label_key, ResolvedSpeaker, SpeakerContext, SpeakerTable};
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Blank-line paragraphs: a stand-in for the segmenter, as plain as possible.
fn paragraphs(text: &str) -> Segmentation {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let end = start + part.len();
        if !part.trim().is_empty() {
            let heading = part.trim_start().starts_with('#');
            paragraphs.push(Paragraph {
                index: paragraphs.len(),
                span: Span::new(start, end),
                kind: if heading { ParagraphKind::Heading } else { ParagraphKind::Text },
                speaker_label: None,
            });
        }
        start = end + 2;
    }
    Segmentation { paragraphs, sentences: Vec::new() }
}

fn people() -> SpeakerTable {
    SpeakerTable::new()
        .with("john_kirby", "John Kirby", Some(("State Department spokesman", Some("2015-05-01"), Some("2017-01-20"))))
        .with("mark_toner", "Mark Toner", Some(("State Department deputy spokesman", Some("2015-06-01"), None)))
        .with(
            "steve_warren",
            "Steve Warren",
            Some(("Operation Inherent Resolve spokesman", Some("2015-01-01"), Some("2016-08-31"))),
        )
}

/// The scorer's text folding: case, curly quotes, dashes and spacing.
fn fold_text(s: &str) -> String {
    let s = s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    let s: String = s.chars().map(|c| if ('\u{2010}'..='\u{2015}').contains(&c) { '-' } else { c }).collect();
    let mut out = String::new();
    let mut prev_dash = false;
    for c in s.chars() {
        if c == '-' && prev_dash {
            continue;
        }
        prev_dash = c == '-';
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn matches(st: &Statement, speaker: &str, date: &str, contains: &str, tol: i64) -> bool {
    let speaker_ok = st.speaker.to_uppercase().contains(speaker);
    let date_ok = match (st.date.as_deref().and_then(PartialDate::parse_iso), PartialDate::parse_iso(date)) {
        (Some(a), Some(b)) if a.day.is_some() => {
            let days = |d: PartialDate| {
                i64::from(d.year.unwrap_or(0)) * 372
                    + i64::from(d.month.unwrap_or(0)) * 31
                    + i64::from(d.day.unwrap_or(0))
            };
            (days(a) - days(b)).abs() <= tol
        }
        _ => false,
    };
    speaker_ok && date_ok && fold_text(&st.text).contains(&fold_text(contains))
}

fn load() -> Option<(Document, serde_json::Value)> {
    let dir = shared();
    let Ok(text) = std::fs::read_to_string(dir.join("corpus/seeds/000_bbdecdbfa3fa171b.txt")) else {
        eprintln!("note: shared seed corpus absent, skipping");
        return None;
    };
    let Ok(gold) = std::fs::read_to_string(dir.join("gold/dev/000_bbdecdbfa3fa171b.gold.json")) else {
        eprintln!("note: shared gold absent, skipping");
        return None;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold is JSON");
    let doc = Document {
        id: "seed".into(),
        meta: DocMeta {
            published: Some(PartialDate::ymd(2016, 5, 8)),
            language: "en".into(),
            format: "txt".into(),
            ..DocMeta::default()
        },
        text,
        removed: Vec::new(),
    };
    Some((doc, gold))
}

/// Every required gold statement matched (speaker, date, words), at most
/// `max_extra` unmatched records besides journalists' questions.
fn check_gold(doc: &Document, gold: &serde_json::Value, statements: &[Statement], max_extra: usize) {
    for s in statements {
        eprintln!(
            "{:?} | {:?} | {:?} | {} | {} | {}",
            s.speaker,
            s.date,
            s.venue,
            s.form,
            s.provenance.rule,
            s.text.chars().take(90).collect::<String>()
        );
    }
    let mut used = vec![false; statements.len()];
    let mut missing = Vec::new();
    for g in gold["statements"].as_array().expect("statements array") {
        let speaker = g["speaker_any"][0].as_str().unwrap_or("");
        let date = g["date"].as_str().unwrap_or("");
        let contains = g["contains"].as_str().unwrap_or("");
        let tol = g["date_tol_days"].as_i64().unwrap_or(0);
        let optional = g["optional"].as_bool().unwrap_or(false);
        match statements.iter().enumerate().position(|(i, s)| !used[i] && matches(s, speaker, date, contains, tol)) {
            Some(i) => used[i] = true,
            None if !optional => missing.push(format!("{speaker} {date} {contains}")),
            None => {}
        }
    }
    assert!(missing.is_empty(), "gold statements not found: {missing:#?}");
    let extras: Vec<&Statement> =
        statements.iter().enumerate().filter(|(i, s)| !used[*i] && is_substantive(s)).map(|(_, s)| s).collect();
    assert!(extras.len() <= max_extra, "too many extra statements: {extras:#?}");
    for s in statements {
        assert!(s.provenance.span.end <= doc.text.len() && s.provenance.span.start <= s.provenance.span.end);
    }
}

#[test]
fn seed_statements_match_gold() {
    let Some((doc, gold)) = load() else { return };
    let seg = paragraphs(&doc.text);
    let statements = extract(&doc, &seg, &[], &people());
    check_gold(&doc, &gold, &statements, 1);
}

/// A speaker context over the curated actor lexicon, as the CLI builds one:
/// people only, with the role held on the date said.
struct LexiconSpeakers(&'static Lexicon);

impl SpeakerContext for LexiconSpeakers {
    fn speaker(&self, label: &str, date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        let e = self.0.resolve(label).or_else(|| self.0.resolve(&label_key(label)))?;
        if e.kind != ActorType::Person {
            return None;
        }
        let role = e.roles.iter().find(|r| date.is_none_or(|d| r.held_at(d))).map(|r| r.title.clone());
        Some(ResolvedSpeaker { id: Some(e.id.clone()), name: e.name.clone(), role })
    }
}

/// The same check with the real segmenter and the lexicon's mentions.
#[test]
fn seed_with_segmenter_and_lexicon() {
    let Some((doc, gold)) = load() else { return };
    let seg = sitrep_text::segment(&doc);
    let lex = Lexicon::embedded();
    let mentions = lex.mentions(&doc.text, &seg);
    let statements = extract(&doc, &seg, &mentions, &LexiconSpeakers(lex));
    check_gold(&doc, &gold, &statements, 1);
}
