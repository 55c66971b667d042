//! Helpers shared by the integration tests: a plain paragraph and sentence
//! splitter (the real segmenter lives in another crate; these tests only need
//! sentence spans in document order) and a compact rendering of resolutions.

#![allow(dead_code)]

use sitrep_model::{Sentence, Span};
use sitrep_time::{to_range, Resolved};

/// Splits on blank lines into paragraphs and on `. `/`? `/`! ` before a
/// capital or quote into sentences, keeping byte spans.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut par = 0;
    let mut pos = 0;
    for block in text.split("\n\n") {
        let start = pos;
        pos += block.len() + 2;
        if block.trim().is_empty() {
            continue;
        }
        let mut s = start + (block.len() - block.trim_start().len());
        let end = start + block.trim_end().len();
        let bytes = text.as_bytes();
        let mut i = s;
        while i < end {
            let c = bytes[i];
            if matches!(c, b'.' | b'?' | b'!') && i + 2 < end && bytes[i + 1] == b' ' {
                let next = bytes[i + 2];
                let word_start = text[..i].rfind(' ').map_or(s, |p| p + 1);
                let word = &text[word_start..i];
                let abbrev = matches!(
                    word,
                    "Mr" | "Mrs" | "Dr" | "Gen" | "U.S" | "St" | "Sept" | "Jan" | "Feb" | "Aug" | "Oct" | "Nov" | "Dec"
                );
                if (next.is_ascii_uppercase() || next == b'"') && !abbrev {
                    out.push(Sentence { index: out.len(), paragraph: par, span: Span::new(s, i + 1) });
                    s = i + 2;
                }
            }
            i += 1;
        }
        if s < end {
            out.push(Sentence { index: out.len(), paragraph: par, span: Span::new(s, end) });
        }
        par += 1;
    }
    out
}

/// "2016-05-03" or "2016-03-24..2016-04-25 day" style rendering.
pub fn show(r: &Resolved) -> String {
    if !r.is_known() {
        return "?".to_string();
    }
    let d = to_range(r);
    let p = format!("{:?}", d.precision).to_lowercase();
    if d.start == d.end {
        format!("{} {p}", d.start)
    } else {
        format!("{}..{} {p}", d.start, d.end)
    }
}
