//! The seed report: every actor of the hand-coded gold that appears in the
//! text is found as a mention covering that text. Skips when the shared data
//! is absent.

use sitrep_lexicon::Lexicon;
use sitrep_model::Span;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

#[test]
fn gold_actors_of_the_seed_are_found() {
    let text_path = shared().join("corpus/seeds/000_bbdecdbfa3fa171b.txt");
    let gold_path = shared().join("gold/dev/000_bbdecdbfa3fa171b.gold.json");
    let (Ok(text), Ok(gold)) = (std::fs::read_to_string(&text_path), std::fs::read_to_string(&gold_path)) else {
        eprintln!("note: shared seed or gold absent, skipping");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold is JSON");
    let actors = gold["actors"].as_object().expect("gold has an actors table");
    let seg = sitrep_text::segment_text(&text, &[]);
    let lex = Lexicon::embedded();
    let mentions = lex.mentions(&text, &seg);
    if std::env::var_os("SHOW_MENTIONS").is_some() {
        for m in &mentions {
            eprintln!(
                "{:>5} {:<40} {:<28} {:<18} {:?}",
                m.span.start,
                m.span.slice(&text),
                m.actor.as_deref().unwrap_or("-"),
                m.rule,
                m.sector
            );
        }
    }
    let in_sentence = |s: Span| {
        seg.sentences.iter().any(|x| x.span.contains(s))
            || seg.paragraphs.iter().any(|p| p.speaker_label.is_some_and(|l| l.contains(s)))
    };
    let mut missing = Vec::new();
    let mut found_actors = 0;
    for (gold_id, aliases) in actors {
        let mut seen = false;
        for alias in aliases.as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
            for (at, _) in text.match_indices(alias) {
                let span = Span::new(at, at + alias.len());
                // Only whole words inside sentences count.
                let before = text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
                let after = text[span.end..].chars().next().is_some_and(char::is_alphanumeric);
                if before || after || !in_sentence(span) {
                    continue;
                }
                seen = true;
                if !mentions.iter().any(|m| m.span.overlaps(span)) {
                    missing.push(format!("{gold_id}: {alias:?} at {at}"));
                }
            }
        }
        found_actors += usize::from(seen);
    }
    assert!(found_actors >= 15, "the seed names most gold actors, saw {found_actors}");
    assert!(missing.is_empty(), "gold actor text not found as a mention:\n{}", missing.join("\n"));
}
