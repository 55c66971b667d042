//! The real example report, run through every stage up to the coder, written
//! as an exchange-format JSON Lines export for the scorer:
//!
//! ```text
//! cargo test -p sitrep-coder --test seed -- --nocapture
//! python3 ../shared/tools/score.py --system $TMPDIR/sitrep-coder-seed.jsonl --gold ../shared/gold/dev --details
//! ```
//!
//! Skips (with a note) when the shared folder is absent.

use std::io::Write as _;
use std::path::PathBuf;

use serde_json::json;
use sitrep_coder::stages::{code_document, LexiconTypes};
use sitrep_coder::{Coder, Patterns};
use sitrep_lexicon::Lexicon;
use sitrep_model::{ActorType, PartialDate};
use sitrep_statements::{ResolvedSpeaker, SpeakerContext};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

/// Speakers are the lexicon's people.
struct LexiconSpeakers(&'static Lexicon);

impl SpeakerContext for LexiconSpeakers {
    fn speaker(&self, label: &str, _date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        let e = self.0.resolve(label)?;
        (e.kind == ActorType::Person).then(|| ResolvedSpeaker {
            id: Some(e.id.clone()),
            name: e.name.clone(),
            role: None,
        })
    }
}

#[test]
fn seed_document_export() {
    let Some(shared) = shared() else {
        eprintln!("note: ../shared is absent; seed export skipped");
        return;
    };
    let path = shared.join("corpus/seeds/000_bbdecdbfa3fa171b.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("note: seed document absent; skipped");
        return;
    };
    let format = sitrep_ingest::Format::from_path(&path).unwrap_or(sitrep_ingest::Format::Txt);
    let doc =
        sitrep_ingest::document_from_text(&path.to_string_lossy(), &bytes, format, &sitrep_ingest::Options::default())
            .expect("the seed document ingests");
    let seg = sitrep_text::segment(&doc);
    let lex = Lexicon::embedded();
    let mentions = lex.mentions(&doc.text, &seg);
    let statements = sitrep_statements::extract(&doc, &seg, &mentions, &LexiconSpeakers(lex));
    let coder = Coder::new(Patterns::builtin()).with_actor_types(Box::new(LexiconTypes(lex)));
    let coded = code_document(&coder, &doc, &seg, &mentions, &statements, sitrep_geo::Gazetteer::embedded());

    let out = std::env::temp_dir().join("sitrep-coder-seed.jsonl");
    let mut f = std::fs::File::create(&out).expect("temp file");
    let m = &doc.meta;
    let document = json!({
        "kind": "document", "id": doc.id, "path": path.file_name().map(|n| n.to_string_lossy().to_string()),
        "source_id": m.source_id, "title": m.title, "outlet": m.outlet, "author": m.author,
        "published": m.published.map(|d| d.to_string()), "language": m.language,
    });
    writeln!(f, "{document}").unwrap();
    for e in &coded.events {
        let mut v = serde_json::to_value(e).unwrap();
        v["kind"] = json!("event");
        v["type"] = json!(e.kind);
        writeln!(f, "{v}").unwrap();
    }
    for r in &coded.relations {
        let mut v = serde_json::to_value(r).unwrap();
        v["kind"] = json!("relation");
        v["type"] = json!(r.kind);
        writeln!(f, "{v}").unwrap();
    }
    for s in &statements {
        let mut v = serde_json::to_value(s).unwrap();
        v["kind"] = json!("statement");
        writeln!(f, "{v}").unwrap();
    }
    println!(
        "wrote {} ({} events, {} relations, {} statements)",
        out.display(),
        coded.events.len(),
        coded.relations.len(),
        statements.len()
    );
    if std::env::var_os("SITREP_EXPLAIN").is_some() {
        for s in &seg.sentences {
            let e = sitrep_coder::stages::explain_document(
                &coder,
                &doc,
                &seg,
                &mentions,
                &statements,
                sitrep_geo::Gazetteer::embedded(),
                s.index,
            );
            if e.contains("  event") || e.contains("  relation") {
                println!("{e}");
            }
        }
    }
    // Every record names its sentence and at least one actor.
    assert!(coded.events.len() >= 10, "{}", coded.events.len());
    assert!(coded.relations.len() >= 10, "{}", coded.relations.len());
    for e in &coded.events {
        assert!(doc.text.contains(&e.sentence));
        assert!(!(e.source.is_empty() && e.target.is_empty()));
    }
}
