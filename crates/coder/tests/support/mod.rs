//! Test support: documents written with inline actor markup.
//!
//! `[Government forces|Syrian government]` marks a mention of the actor named
//! after the bar (the surface itself when there is no bar); `{{T:Speaker}}`
//! at the start of a paragraph makes it a transcript turn. Paragraphs are
//! separated by blank lines and sentences split with the text crate.

#![allow(dead_code)]

use sitrep_coder::{Coded, Coder, Patterns};
use sitrep_model::{DocMeta, Document, Mention, PartialDate, Span};

pub fn parse_markup(src: &str) -> (String, Vec<Mention>) {
    let mut text = String::new();
    let mut mentions = Vec::new();
    let mut rest = src;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &rest[open + 1..open + close];
        let (surface, name) = inner.split_once('|').unwrap_or((inner, inner));
        let start = text.len();
        text.push_str(surface);
        mentions.push(Mention {
            span: Span::new(start, text.len()),
            actor: Some(name.to_lowercase().replace(' ', "_")),
            name: name.to_string(),
            rule: "alias".into(),
            sector: None,
        });
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    (text, mentions)
}

pub fn doc(text: &str, published: Option<PartialDate>) -> Document {
    Document {
        id: "doc_test".into(),
        meta: DocMeta { path: "test.txt".into(), published, language: "en".into(), ..DocMeta::default() },
        text: text.into(),
        removed: vec![],
    }
}

pub fn code(src: &str) -> (Document, Coded) {
    let (text, mentions) = parse_markup(src);
    let d = doc(&text, Some(PartialDate::ymd(2016, 5, 8)));
    let seg = sitrep_text::segment(&d);
    let coded = Coder::new(Patterns::builtin()).code(&d, &seg, &mentions, &[]);
    (d, coded)
}

/// One line per record, stable and short enough to read in a snapshot.
pub fn render(c: &Coded) -> String {
    let mut out = String::new();
    for e in &c.events {
        let place = e.place.as_ref().map(|p| format!(" @{}", p.name)).unwrap_or_default();
        let date = e.date.as_ref().map(|d| format!(" {}", d.start)).unwrap_or_default();
        let mode = e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default();
        let by = e.reported_by.as_ref().map(|r| format!(" by {r}")).unwrap_or_default();
        out.push_str(&format!(
            "event {}{mode} {} -> {}{place}{date} {:?}{by}\n",
            e.kind,
            e.source.join("+"),
            e.target.join("+"),
            e.modality
        ));
    }
    for r in &c.relations {
        let by = r.reported_by.as_ref().map(|x| format!(" by {x}")).unwrap_or_default();
        out.push_str(&format!(
            "relation {} {} -> {} start={} end={} {:?}{by}\n",
            r.kind,
            r.subject,
            r.object,
            r.start.as_deref().unwrap_or("-"),
            r.end.as_deref().unwrap_or("-"),
            r.modality
        ));
    }
    out
}

/// Codes plain `text` through the whole chain: the embedded lexicon's mentions
/// (with its actor types), the embedded gazetteer and the built-in patterns.
pub fn code_with_lexicon(text: &str, published: PartialDate) -> Coded {
    use sitrep_coder::stages::{code_document, LexiconTypes};
    let lex = sitrep_lexicon::Lexicon::embedded();
    let coder = Coder::new(Patterns::builtin()).with_actor_types(Box::new(LexiconTypes(lex)));
    let d = doc(text, Some(published));
    let seg = sitrep_text::segment(&d);
    let mentions = lex.mentions(&d.text, &seg);
    code_document(&coder, &d, &seg, &mentions, &[], sitrep_geo::Gazetteer::embedded())
}

/// `TYPE source+source -> target+target` per event, in order.
pub fn event_lines(c: &Coded) -> Vec<String> {
    c.events.iter().map(|e| format!("{} {} -> {}", e.kind, e.source.join("+"), e.target.join("+"))).collect()
}
