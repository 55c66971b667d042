//! The document view (text cut into annotated pieces) and the alliance graph, as JSON.
//!
//! Spans in the store are byte offsets into the document text; browsers count
//! UTF-16 units. Rather than send offsets, the server cuts the text at every
//! span boundary and sends the pieces, each with the annotations covering it,
//! so the page only has to put each piece in a text node.

use crate::api::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};
use sitrep_model::{Provenance, Span};
use sitrep_store::{RecordTable, Store};
use std::collections::{BTreeMap, BTreeSet};

/// One annotation: what it is, which part of the record it marks, and its index in its list.
struct Mark {
    span: Span,
    kind: &'static str,
    role: &'static str,
    index: usize,
}

/// A stored record (its exchange JSON as stored, key order kept) with the text its provenance points at.
#[derive(Serialize)]
struct Wrapped {
    record: Box<RawValue>,
    sentence_text: String,
    span_text: String,
}

/// The stored JSON of a record as it is, or `null` if it does not parse.
pub(crate) fn raw(s: &str) -> Box<RawValue> {
    RawValue::from_string(s.to_owned())
        .unwrap_or_else(|_| RawValue::from_string("null".to_owned()).expect("null is valid JSON"))
}

#[derive(Serialize)]
pub(crate) struct View {
    document: Value,
    sentences: usize,
    blocks: Vec<Value>,
    marks: Vec<Value>,
    mentions: Vec<sitrep_model::Mention>,
    events: Vec<Wrapped>,
    relations: Vec<Wrapped>,
    statements: Vec<Wrapped>,
}

#[derive(Deserialize)]
struct WithProvenance {
    provenance: Provenance,
}

/// Where a piece of text belongs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph(usize),
    Removed(usize),
    Gap,
}

/// The document `id` (or unique prefix) with its metadata, pieces, marks and records; `None` when absent.
pub(crate) fn build(store: &Store, id: &str) -> Result<Option<View>, ApiError> {
    let Some(doc) = store.document(id)? else { return Ok(None) };
    let text = doc.text.as_str();
    let seg = store.segmentation(&doc.id)?;
    let mentions = store.mentions(&doc.id)?;
    let mut marks: Vec<Mark> = Vec::new();
    for (index, m) in mentions.iter().enumerate() {
        marks.push(Mark { span: m.span, kind: "mention", role: "actor", index });
    }
    let mut lists: Vec<Vec<Wrapped>> = Vec::new();
    for (table, kind) in
        [(RecordTable::Events, "event"), (RecordTable::Relations, "relation"), (RecordTable::Statements, "statement")]
    {
        let mut items = Vec::new();
        store.for_each_record_json(table, &doc.id, |raw| {
            let index = items.len();
            let record = self::raw(raw);
            let prov = serde_json::from_str::<WithProvenance>(raw).ok().map(|w| w.provenance);
            let (mut sentence_text, mut span_text) = (String::new(), String::new());
            if let Some(p) = prov {
                sentence_text = p.sentence_span.slice(text).to_owned();
                span_text = p.span.slice(text).to_owned();
                if kind == "statement" {
                    marks.push(Mark { span: p.span, kind, role: "quote", index });
                } else {
                    marks.push(Mark { span: p.sentence_span, kind, role: "sentence", index });
                    marks.push(Mark { span: p.span, kind, role: "trigger", index });
                }
            }
            items.push(Wrapped { record, sentence_text, span_text });
            Ok(())
        })?;
        lists.push(items);
    }

    // Cut points: every boundary of a paragraph, sentence, removed span or mark.
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    let spans = seg
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(seg.sentences.iter().map(|s| s.span))
        .chain(doc.removed.iter().map(|r| r.span))
        .chain(marks.iter().map(|m| m.span));
    for s in spans {
        cuts.insert(floor_boundary(text, s.start));
        cuts.insert(floor_boundary(text, s.end));
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();

    let removed = Sorted::new(doc.removed.iter().enumerate().map(|(i, r)| (r.span, i)));
    let paragraphs = Sorted::new(seg.paragraphs.iter().map(|p| (p.span, p.index)));
    let sentences = Sorted::new(seg.sentences.iter().map(|s| (s.span, s.index)));
    marks.sort_by_key(|m| (m.span.start, m.span.end));
    let mut next_mark = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut blocks: Vec<Value> = Vec::new();
    let mut current: Option<(Block, Vec<Value>)> = None;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        while next_mark < marks.len() && marks[next_mark].span.start <= a {
            active.push(next_mark);
            next_mark += 1;
        }
        active.retain(|&i| marks[i].span.end > a);
        let block = if let Some(i) = removed.covering(a, b) {
            Block::Removed(i)
        } else if let Some(i) = paragraphs.covering(a, b) {
            Block::Paragraph(i)
        } else {
            Block::Gap
        };
        let mut piece = Map::new();
        piece.insert("t".into(), Value::String(text[a..b].to_owned()));
        if let Some(s) = sentences.covering(a, b) {
            piece.insert("s".into(), json!(s));
        }
        let on: Vec<usize> = active.iter().copied().filter(|&i| marks[i].span.end >= b).collect();
        if !on.is_empty() {
            piece.insert("m".into(), json!(on));
        }
        match &mut current {
            Some((blk, pieces)) if *blk == block => pieces.push(Value::Object(piece)),
            _ => {
                if let Some(done) = current.take() {
                    push_block(&mut blocks, &doc, &seg, done);
                }
                current = Some((block, vec![Value::Object(piece)]));
            }
        }
    }
    if let Some(done) = current.take() {
        push_block(&mut blocks, &doc, &seg, done);
    }

    let marks_json: Vec<Value> =
        marks.iter().map(|m| json!({ "kind": m.kind, "role": m.role, "index": m.index })).collect();
    let m = &doc.meta;
    let document = json!({
        "id": doc.id,
        "title": m.title,
        "outlet": m.outlet,
        "author": m.author,
        "published": m.published.map(|d| d.to_string()),
        "url": m.url,
        "path": m.path,
        "language": m.language,
        "format": m.format,
        "primary": m.primary,
        "extra": m.extra,
        "bytes": text.len(),
    });
    let mut lists = lists.into_iter();
    let view = View {
        document,
        sentences: seg.sentences.len(),
        blocks,
        marks: marks_json,
        mentions,
        events: lists.next().unwrap_or_default(),
        relations: lists.next().unwrap_or_default(),
        statements: lists.next().unwrap_or_default(),
    };
    Ok(Some(view))
}

fn push_block(
    blocks: &mut Vec<Value>,
    doc: &sitrep_model::Document,
    seg: &sitrep_model::Segmentation,
    (block, pieces): (Block, Vec<Value>),
) {
    match block {
        Block::Paragraph(i) => {
            let kind = seg.paragraphs.iter().find(|p| p.index == i).map(|p| p.kind);
            blocks.push(json!({ "kind": "paragraph", "paragraph": i, "form": kind, "pieces": pieces }));
        }
        Block::Removed(i) => {
            let reason = doc.removed.get(i).map(|r| r.reason.as_str()).unwrap_or("");
            blocks.push(json!({ "kind": "removed", "reason": reason, "pieces": pieces }));
        }
        Block::Gap => {
            // Line breaks between paragraphs are not worth a block; other unsegmented text is shown as is.
            let blank = pieces.iter().all(|p| p["t"].as_str().is_none_or(|t| t.trim().is_empty()));
            if !blank {
                blocks.push(json!({ "kind": "other", "pieces": pieces }));
            }
        }
    }
}

/// Spans sorted by start, each with a value, for finding the one covering a piece quickly.
struct Sorted {
    spans: Vec<(Span, usize)>,
}

impl Sorted {
    fn new(spans: impl Iterator<Item = (Span, usize)>) -> Sorted {
        let mut spans: Vec<(Span, usize)> = spans.collect();
        spans.sort_by_key(|(s, _)| (s.start, s.end));
        Sorted { spans }
    }

    /// The value of a span containing `[a, b)`; spans are expected not to overlap (the last one starting
    /// at or before `a` is checked).
    fn covering(&self, a: usize, b: usize) -> Option<usize> {
        let n = self.spans.partition_point(|(s, _)| s.start <= a);
        let (s, v) = self.spans.get(n.checked_sub(1)?)?;
        (s.start <= a && b <= s.end).then_some(*v)
    }
}

/// The largest char boundary of `text` at or below `i` (spans from a damaged store never panic).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts after every date string with the same prefix.
const DATE_MAX: &str = "\u{10ffff}";

/// True when the interval `[start, end]` (either may be open) contains `date` (any precision).
pub fn holds_at(start: Option<&str>, end: Option<&str>, date: &str) -> bool {
    let upper = format!("{date}{DATE_MAX}");
    start.is_none_or(|s| s <= upper.as_str()) && end.is_none_or(|e| format!("{e}{DATE_MAX}").as_str() >= date)
}

/// Builds the graph JSON from relation records: nodes, edges merged by (type, subject, object) with the
/// records behind them, and the date range the slider should cover.
pub(crate) fn graph(records: &[String], date: Option<&str>, undated: bool, total: i64) -> Value {
    let mut min: Option<String> = None;
    let mut max: Option<String> = None;
    let mut edges: BTreeMap<(String, String, String), Vec<Value>> = BTreeMap::new();
    let mut nodes: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for raw in records {
        let Ok(r) = serde_json::from_str::<Value>(raw) else { continue };
        let s = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_owned);
        let (start, end) = (s("start"), s("end"));
        for d in [&start, &end].into_iter().flatten() {
            if min.as_ref().is_none_or(|m| d < m) {
                min = Some(d.clone());
            }
            if max.as_ref().is_none_or(|m| d > m) {
                max = Some(d.clone());
            }
        }
        let dated = start.is_some() || end.is_some();
        let keep = match date {
            _ if !dated => undated,
            Some(d) => holds_at(start.as_deref(), end.as_deref(), d),
            None => true,
        };
        if !keep {
            continue;
        }
        let (Some(kind), Some(subject), Some(object)) = (s("type"), s("subject"), s("object")) else { continue };
        let sid = s("subject_id").unwrap_or_else(|| format!("name:{subject}"));
        let oid = s("object_id").unwrap_or_else(|| format!("name:{object}"));
        nodes.entry(sid.clone()).or_insert_with(|| (subject, 0)).1 += 1;
        nodes.entry(oid.clone()).or_insert_with(|| (object, 0)).1 += 1;
        let prov = r.get("provenance");
        edges.entry((kind, sid, oid)).or_default().push(json!({
            "id": r.get("id"),
            "doc": r.get("doc"),
            "sentence": r.get("sentence"),
            "sentence_index": prov.and_then(|p| p.get("sentence_index")),
            "start": start,
            "end": end,
            "modality": r.get("modality"),
        }));
    }
    let nodes: Vec<Value> =
        nodes.into_iter().map(|(id, (name, degree))| json!({ "id": id, "name": name, "degree": degree })).collect();
    let edges: Vec<Value> = edges
        .into_iter()
        .map(|((kind, source, target), recs)| {
            let dated = recs.iter().any(|r| !r["start"].is_null() || !r["end"].is_null());
            json!({ "type": kind, "source": source, "target": target, "dated": dated, "records": recs })
        })
        .collect();
    json!({
        "date": date,
        "undated": undated,
        "range": { "min": min, "max": max },
        "relations_read": records.len(),
        "relations_total": total,
        "nodes": nodes,
        "edges": edges,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_contain_dates_at_any_precision() {
        assert!(holds_at(Some("2016-05"), None, "2016-05-10"));
        assert!(holds_at(Some("2016-05-02"), None, "2016-05"));
        assert!(!holds_at(Some("2016-05-02"), None, "2016-05-01"));
        assert!(holds_at(None, Some("2015-10"), "2015-10-31"));
        assert!(!holds_at(None, Some("2015-10"), "2015-11-01"));
        assert!(holds_at(None, None, "2020-01-01"));
    }

    #[test]
    fn boundaries_never_split_characters() {
        let t = "Khān";
        assert_eq!(floor_boundary(t, 3), 2);
        assert_eq!(floor_boundary(t, 99), t.len());
    }
}
