//! Here is a document, give me paragraphs and sentences.
//!
//! [`segment`] cuts [`Document::text`] into paragraph-level units
//! ([`ParagraphKind`]: text, Markdown heading, list item, block quote,
//! transcript turn) and sentences, all as byte spans into the text. Spans the
//! ingest stage marked as [`Removed`] (boilerplate, title, byline, ...) are
//! never part of a paragraph: a removed span inside a block splits it.
//!
//! Blocks are separated by blank lines. Inside a block, lines are joined into
//! one paragraph when the text looks hard-wrapped (both lines at most
//! [`WRAP_COLUMNS`] characters); otherwise each line is its own paragraph, so
//! "one paragraph per line" exports segment well too. A line that opens a
//! heading, list item, block quote or speaker turn always starts a new unit.
//!
//! Segmentation never fails and never panics: malformed spans in
//! `removed` are clamped, and any input gives some (possibly empty) result.

mod sentences;
mod turns;

pub use sentences::{split_sentences, MAX_SENTENCE_BYTES};
pub use turns::speaker_label;

use sitrep_model::{Document, Paragraph, ParagraphKind, Removed, Segmentation, Sentence, Span};

/// Lines at most this many characters long are taken as hard-wrapped and
/// joined with the next line of the same block.
pub const WRAP_COLUMNS: usize = 100;

/// Segment a document, skipping its removed spans.
pub fn segment(doc: &Document) -> Segmentation {
    segment_text(&doc.text, &doc.removed)
}

/// Segment `text`, skipping the `removed` spans (in any order, possibly
/// overlapping or out of bounds: they are normalised first).
pub fn segment_text(text: &str, removed: &[Removed]) -> Segmentation {
    let mut seg = Segmentation::default();
    for (a, b) in live_ranges(text, removed) {
        segment_chunk(text, a, b, &mut seg);
    }
    seg
}

/// The byte ranges of `text` outside every removed span, in order.
pub fn live_ranges(text: &str, removed: &[Removed]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = removed
        .iter()
        .filter_map(|r| {
            let s = floor_boundary(text, r.span.start.min(text.len()));
            let e = ceil_boundary(text, r.span.end.min(text.len()));
            (s < e).then_some((s, e))
        })
        .collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in cuts {
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < text.len() {
        out.push((at, text.len()));
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// What a single line opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Heading { content: usize },
    ListItem { content: usize },
    Quote { content: usize },
    Turn { label: (usize, usize), content: usize },
    Rule,
    Text,
}

/// A paragraph under construction: its full span, the span sentences are
/// read from, and its last line (to decide about joining the next one).
struct Open {
    kind: ParagraphKind,
    span: (usize, usize),
    content: (usize, usize),
    label: Option<(usize, usize)>,
    last_line_chars: usize,
}

fn segment_chunk(text: &str, a: usize, b: usize, seg: &mut Segmentation) {
    let mut open: Option<Open> = None;
    let mut line_start = a;
    while line_start < b {
        let line_end = text[line_start..b].find('\n').map_or(b, |i| line_start + i);
        let raw = &text[line_start..line_end];
        let lead = raw.len() - raw.trim_start().len();
        let (ls, le) = (line_start + lead, line_start + raw.trim_end().len());
        let next_line = line_end + 1;
        if ls >= le {
            flush(text, &mut open, seg);
            line_start = next_line;
            continue;
        }
        let kind = classify(text, ls, le);
        let chars = text[ls..le].chars().count();
        match kind {
            LineKind::Rule => flush(text, &mut open, seg),
            LineKind::Heading { content } => {
                flush(text, &mut open, seg);
                open = Some(Open {
                    kind: ParagraphKind::Heading,
                    span: (ls, le),
                    content: (content, le),
                    label: None,
                    last_line_chars: usize::MAX,
                });
                flush(text, &mut open, seg);
            }
            LineKind::Quote { content } => {
                let continues = open.as_ref().is_some_and(|o| o.kind == ParagraphKind::Quote);
                if content >= le {
                    // A bare ">" separates paragraphs of one quote.
                    flush(text, &mut open, seg);
                } else if continues {
                    extend(&mut open, le, chars);
                } else {
                    flush(text, &mut open, seg);
                    open = Some(Open {
                        kind: ParagraphKind::Quote,
                        span: (ls, le),
                        content: (content, le),
                        label: None,
                        last_line_chars: chars,
                    });
                }
            }
            LineKind::ListItem { content } => {
                flush(text, &mut open, seg);
                open = Some(Open {
                    kind: ParagraphKind::ListItem,
                    span: (ls, le),
                    content: (content, le),
                    label: None,
                    last_line_chars: chars,
                });
            }
            LineKind::Turn { label, content } => {
                flush(text, &mut open, seg);
                open = Some(Open {
                    kind: ParagraphKind::Turn,
                    span: (ls, le),
                    content: (content, le),
                    label: Some(label),
                    last_line_chars: chars,
                });
            }
            LineKind::Text => {
                let joins = open.as_ref().is_some_and(|o| {
                    o.kind != ParagraphKind::Heading
                        && o.last_line_chars <= WRAP_COLUMNS
                        && (chars <= WRAP_COLUMNS || o.content.0 >= o.content.1)
                });
                if joins {
                    extend(&mut open, le, chars);
                } else {
                    flush(text, &mut open, seg);
                    open = Some(Open {
                        kind: ParagraphKind::Text,
                        span: (ls, le),
                        content: (ls, le),
                        label: None,
                        last_line_chars: chars,
                    });
                }
            }
        }
        line_start = next_line;
    }
    flush(text, &mut open, seg);
}

fn extend(open: &mut Option<Open>, le: usize, chars: usize) {
    if let Some(o) = open {
        // A turn label alone on its line takes its words from the next line,
        // so the content end moves even when the content was empty.
        o.span.1 = le;
        o.content.1 = le;
        o.last_line_chars = chars;
    }
}

fn flush(text: &str, open: &mut Option<Open>, seg: &mut Segmentation) {
    let Some(o) = open.take() else { return };
    let (cs, ce) = strip_emphasis(text, o.content.0, o.content.1);
    let index = seg.paragraphs.len();
    let sentences = split_sentences(text, Span::new(cs, ce));
    if sentences.is_empty() && o.kind != ParagraphKind::Turn {
        // Nothing readable (a lone "*", a row of dashes): no paragraph.
        return;
    }
    seg.paragraphs.push(Paragraph {
        index,
        span: Span::new(o.span.0, o.span.1),
        kind: o.kind,
        speaker_label: o.label.map(|(s, e)| Span::new(s, e)),
    });
    for span in sentences {
        let i = seg.sentences.len();
        seg.sentences.push(Sentence { index: i, paragraph: index, span });
    }
}

/// Drop Markdown emphasis wrapping a whole paragraph (`*...*`, `**...**`,
/// `_..._`) so the markers do not become part of the first and last
/// sentences.
fn strip_emphasis(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    for marker in ["***", "**", "*", "__", "_"] {
        let piece = &text[s..e];
        if piece.len() > 2 * marker.len() && piece.starts_with(marker) {
            let inner_end = piece.trim_end_matches([' ', '\t']);
            if inner_end.ends_with(marker) && !inner_end[..inner_end.len() - marker.len()].ends_with(' ') {
                s += marker.len();
                e = s - marker.len() + inner_end.len() - marker.len();
                break;
            }
        }
    }
    (s, e)
}

fn classify(text: &str, ls: usize, le: usize) -> LineKind {
    let line = &text[ls..le];
    let bytes = line.as_bytes();
    match bytes[0] {
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            if hashes <= 6 && (hashes == bytes.len() || bytes[hashes] == b' ' || bytes[hashes] == b'\t') {
                let rest = &line[hashes..];
                let content = le - rest.trim_start().len();
                return LineKind::Heading { content };
            }
        }
        b'>' => {
            let mut i = 0;
            while i < bytes.len() && (bytes[i] == b'>' || bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            return LineKind::Quote { content: ls + i };
        }
        b'-' | b'*' | b'_' | b'=' => {
            let ch = bytes[0];
            if bytes.len() >= 3 && bytes.iter().all(|&b| b == ch || b == b' ') {
                return LineKind::Rule;
            }
            if (ch == b'-' || ch == b'*') && bytes.len() > 2 && bytes[1] == b' ' {
                let content = le - line[1..].trim_start().len();
                return LineKind::ListItem { content };
            }
        }
        b'+' if bytes.len() > 2 && bytes[1] == b' ' => {
            let content = le - line[1..].trim_start().len();
            return LineKind::ListItem { content };
        }
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits <= 3
                && bytes.len() > digits + 2
                && matches!(bytes[digits], b'.' | b')')
                && bytes[digits + 1] == b' '
            {
                let content = le - line[digits + 1..].trim_start().len();
                return LineKind::ListItem { content };
            }
        }
        _ => {}
    }
    if let Some(rest) = line.strip_prefix('•').or_else(|| line.strip_prefix('·')) {
        if rest.starts_with(' ') {
            return LineKind::ListItem { content: le - rest.trim_start().len() };
        }
    }
    if let Some((label, content)) = speaker_label(line) {
        return LineKind::Turn { label: (ls + label.start, ls + label.end), content: ls + content };
    }
    LineKind::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(ParagraphKind, Vec<&str>)> {
        let seg = segment_text(text, &[]);
        seg.paragraphs
            .iter()
            .map(|p| {
                let sents =
                    seg.sentences.iter().filter(|s| s.paragraph == p.index).map(|s| s.span.slice(text)).collect();
                (p.kind, sents)
            })
            .collect()
    }

    #[test]
    fn blocks_of_every_kind() {
        let text = "# Siege of Aleppo\n\nA short lead. Another sentence.\n\n- first item\n- second item\n\n> Quoted words.\n> More of them.\n\nMR TONER: We agree. Thank you.\n\n---\n\n*Wrapped in emphasis. Two sentences.*\n";
        let got = kinds(text);
        assert_eq!(
            got,
            vec![
                (ParagraphKind::Heading, vec!["Siege of Aleppo"]),
                (ParagraphKind::Text, vec!["A short lead.", "Another sentence."]),
                (ParagraphKind::ListItem, vec!["first item"]),
                (ParagraphKind::ListItem, vec!["second item"]),
                (ParagraphKind::Quote, vec!["Quoted words.", "More of them."]),
                (ParagraphKind::Turn, vec!["We agree.", "Thank you."]),
                (ParagraphKind::Text, vec!["Wrapped in emphasis.", "Two sentences."]),
            ]
        );
    }

    #[test]
    fn removed_spans_are_skipped_even_when_malformed() {
        let text = "Title line\n\nBody one. Body two.\n\nCopyright 2016";
        let removed = vec![
            Removed { span: Span::new(33, 500), reason: "copyright".into() },
            Removed { span: Span::new(0, 10), reason: "title".into() },
            Removed { span: Span::new(3, 5), reason: "overlap".into() },
        ];
        let seg = segment_text(text, &removed);
        let sents: Vec<_> = seg.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(sents, vec!["Body one.", "Body two."]);
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "x".repeat(120);
        let text = format!("{long} one.\n{long} two.\n");
        assert_eq!(segment_text(&text, &[]).paragraphs.len(), 2);
        let wrapped = "A line that wraps\nonto the next one.\n";
        assert_eq!(segment_text(wrapped, &[]).paragraphs.len(), 1);
    }
}
