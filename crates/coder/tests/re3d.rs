//! The Dstl re3d US State Department and CENTCOM documents, run through the
//! real pipeline (segmentation, lexicon, gazetteer, coder), with the recall of
//! their FightingAgainst, AlliesOf and BelongsTo annotations printed. A gold
//! relation counts as recalled when a record from a sentence overlapping the
//! annotation names both its ends: FightingAgainst by an ASSAULT or COERCE
//! event, AlliesOf by allied_with, backed_by or a COOPERATE/AID/SUPPORT event
//! (either direction), BelongsTo by member_of. Skips when the data is absent.

use std::collections::HashMap;
use std::path::PathBuf;

use sitrep_coder::stages::{code_document, LexiconTypes};
use sitrep_coder::{Coded, Coder, Patterns};
use sitrep_lexicon::Lexicon;
use sitrep_model::{DocMeta, Document, Span};

fn folded(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2019}', '\''], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "al" | "of"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Byte offset of a character offset.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map(|(b, _)| b).unwrap_or(text.len())
}

fn names_match(lex: &Lexicon, gold: &str, coded: &[String]) -> bool {
    let g = folded(gold);
    let canon = lex.resolve(gold).map(|e| folded(&e.name));
    coded.iter().any(|c| {
        let c = folded(c);
        !c.is_empty() && (c == g || g.contains(&c) || c.contains(&g) || canon.as_deref() == Some(c.as_str()))
    })
}

fn recalled(lex: &Lexicon, kind: &str, src: &str, tgt: &str, span: Span, coded: &Coded) -> bool {
    let both = |a: &[String], b: &[String]| names_match(lex, src, a) && names_match(lex, tgt, b);
    let either = |a: &[String], b: &[String]| both(a, b) || (names_match(lex, tgt, a) && names_match(lex, src, b));
    let near = |s: Span| s.overlaps(span) || s.contains(span);
    match kind {
        "FightingAgainst" => coded.events.iter().any(|e| {
            // An attack on a place ("attacks on Aleppo") counts with the place as target.
            let mut target = e.target.clone();
            target.extend(e.place.iter().map(|p| p.name.clone()));
            near(e.provenance.sentence_span)
                && matches!(e.kind.as_str(), "ASSAULT" | "COERCE")
                && either(&e.source, &target)
        }),
        "AlliesOf" => {
            coded.events.iter().any(|e| {
                near(e.provenance.sentence_span)
                    && matches!(e.kind.as_str(), "COOPERATE" | "AID" | "SUPPORT")
                    && either(&e.source, &e.target)
            }) || coded.relations.iter().any(|r| {
                near(r.provenance.sentence_span)
                    && matches!(r.kind.as_str(), "allied_with" | "backed_by")
                    && either(std::slice::from_ref(&r.subject), std::slice::from_ref(&r.object))
            })
        }
        _ => coded.relations.iter().any(|r| {
            near(r.provenance.sentence_span)
                && r.kind == "member_of"
                && both(std::slice::from_ref(&r.subject), std::slice::from_ref(&r.object))
        }),
    }
}

#[test]
fn re3d_relation_recall() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/re3d");
    if !root.is_dir() {
        eprintln!("note: ../shared/data/re3d is absent; skipped");
        return;
    }
    let lex = Lexicon::embedded();
    let coder = Coder::new(Patterns::builtin()).with_actor_types(Box::new(LexiconTypes(lex)));
    let gaz = sitrep_geo::Gazetteer::embedded();
    let mut total_docs = 0;
    let mut lines = Vec::new();
    for source in ["US State Department", "CENTCOM"] {
        let dir = root.join(source);
        let Ok(docs) = std::fs::read_to_string(dir.join("documents.json")) else {
            continue;
        };
        let rels = std::fs::read_to_string(dir.join("relations.json")).unwrap_or_default();
        // Raw control characters occur inside the strings; JSON wants them escaped.
        let parse = |l: &str| serde_json::from_str::<serde_json::Value>(&l.replace(['\n', '\r', '\t'], " ")).ok();
        let mut coded_by_doc: HashMap<String, (String, Coded)> = HashMap::new();
        for line in docs.lines().filter(|l| !l.trim().is_empty()) {
            let Some(v) = parse(line) else { continue };
            let (Some(id), Some(text)) = (v["_id"].as_str(), v["text"].as_str()) else {
                continue;
            };
            let doc = Document { id: id.into(), meta: DocMeta::default(), text: text.into(), removed: vec![] };
            let seg = sitrep_text::segment(&doc);
            let mentions = lex.mentions(&doc.text, &seg);
            let coded = code_document(&coder, &doc, &seg, &mentions, &[], gaz);
            coded_by_doc.insert(id.to_string(), (text.to_string(), coded));
            total_docs += 1;
        }
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for line in rels.lines() {
            let Some(v) = parse(line) else { continue };
            let kind: &'static str = match v["type"].as_str() {
                Some("FightingAgainst") => "FightingAgainst",
                Some("AlliesOf") => "AlliesOf",
                Some("BelongsTo") => "BelongsTo",
                _ => continue,
            };
            let Some((text, coded)) = v["documentId"].as_str().and_then(|d| coded_by_doc.get(d)) else {
                continue;
            };
            let (b, e) = (v["begin"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize);
            let span = Span::new(byte_at(text, b), byte_at(text, e));
            let hit = recalled(
                lex,
                kind,
                v["source"].as_str().unwrap_or(""),
                v["target"].as_str().unwrap_or(""),
                span,
                coded,
            );
            if !hit && std::env::var_os("RE3D_MISSES").is_some() {
                let evs: Vec<String> = coded
                    .events
                    .iter()
                    .filter(|e| e.provenance.sentence_span.overlaps(span))
                    .map(|e| format!("{} {:?}->{:?}", e.kind, e.source, e.target))
                    .collect();
                let rs: Vec<String> = coded
                    .relations
                    .iter()
                    .filter(|r| r.provenance.sentence_span.overlaps(span))
                    .map(|r| format!("{} {}->{}", r.kind, r.subject, r.object))
                    .collect();
                println!(
                    "miss {kind}: {:?} -> {:?} in `{}` | coded {evs:?} {rs:?}",
                    v["source"],
                    v["target"],
                    span.slice(text)
                );
            }
            let c = counts.entry(kind).or_default();
            c.0 += usize::from(hit);
            c.1 += 1;
        }
        for kind in ["FightingAgainst", "AlliesOf", "BelongsTo"] {
            let (hit, n) = counts.get(kind).copied().unwrap_or_default();
            let pct = if n == 0 { 0.0 } else { 100.0 * hit as f64 / n as f64 };
            lines.push(format!("re3d {source}: {kind} recall {hit}/{n} ({pct:.1}%)"));
        }
    }
    for l in &lines {
        println!("{l}");
    }
    assert_eq!(total_docs, 45, "22 State Department and 23 CENTCOM documents");
    assert_eq!(lines.len(), 6);
}
