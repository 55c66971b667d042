//! Low-level scanning shared by extraction and verification.
//!
//! Everything here works on byte offsets into the original document text, so
//! a span found in a cleaned view can be reported against the text as read.
//! The key trick is [`mask_markup`]: Markdown link and emphasis syntax is
//! overwritten with ASCII spaces, which keeps every byte offset (and UTF-8
//! validity) while letting the parsers see `April 28:` instead of
//! `[April 28](#):`.

use sitrep_model::Span;

/// Returns a copy of `text` of the same byte length in which Markdown markup
/// (`[label](url)` brackets and targets, `*`/`_` emphasis, heading `#` and
/// quote `>` markers at line start, backslash escapes) is replaced by spaces.
pub(crate) fn mask_markup(text: &str) -> String {
    let mut b: Vec<u8> = text.as_bytes().to_vec();
    let n = b.len();
    let mut i = 0;
    let mut line_start = true;
    while i < n {
        let c = b[i];
        if line_start {
            // Skip indentation, then blank heading and quote markers.
            let mut j = i;
            while j < n && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            let mut k = j;
            while k < n && (b[k] == b'#' || b[k] == b'>') {
                k += 1;
            }
            if k > j && (k == n || b[k] == b' ') {
                for x in &mut b[j..k] {
                    *x = b' ';
                }
            }
            line_start = false;
            continue;
        }
        match c {
            b'\n' => line_start = true,
            b'*' => b[i] = b' ',
            b'\\' if i + 1 < n && b[i + 1].is_ascii_punctuation() => b[i] = b' ',
            b'_' => {
                let prev_word = i > 0 && b[i - 1].is_ascii_alphanumeric();
                let next_word = i + 1 < n && b[i + 1].is_ascii_alphanumeric();
                if !(prev_word && next_word) {
                    b[i] = b' ';
                }
            }
            b'[' => {
                if let Some((close, end)) = link_at(&b, i) {
                    if i > 0 && b[i - 1] == b'!' {
                        b[i - 1] = b' ';
                    }
                    b[i] = b' ';
                    for x in &mut b[close..end] {
                        *x = b' ';
                    }
                    // Continue inside the label so nested emphasis is masked too.
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were overwritten, and only whole ASCII characters or
    // whole runs delimited by ASCII characters, so this cannot fail; fall back
    // to the original text rather than panic if it ever did.
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// For a `[` at `open`, finds `](target)` on the same line and returns the
/// byte range of `](target)`.
fn link_at(b: &[u8], open: usize) -> Option<(usize, usize)> {
    let mut i = open + 1;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'\n' => return None,
            b'[' => depth += 1,
            b']' if depth > 0 => depth -= 1,
            b']' => break,
            _ => {}
        }
        i += 1;
    }
    if i + 1 >= b.len() || b[i + 1] != b'(' {
        return None;
    }
    let close = i;
    let mut j = i + 2;
    while j < b.len() {
        match b[j] {
            b')' => return Some((close, j + 1)),
            b'\n' | b' ' => return None,
            _ => j += 1,
        }
    }
    None
}

/// A word token: a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | '&')
}

/// Word tokens inside `span` of `text`: runs of alphanumerics, joined by an
/// apostrophe, hyphen, ampersand or dot when both neighbours are alphanumeric
/// (`al-Nusra`, `we're`, `U.S`, `7.5`).
pub(crate) fn words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let Some(slice) = text.get(span.range()) else {
        return out;
    };
    // The character at byte `i` of `slice` and its length; ASCII without decoding.
    let at = |i: usize| -> Option<(char, usize)> {
        let b = *slice.as_bytes().get(i)?;
        if b.is_ascii() {
            Some((char::from(b), 1))
        } else {
            slice[i..].chars().next().map(|c| (c, c.len_utf8()))
        }
    };
    let mut i = 0;
    while let Some((c, len)) = at(i) {
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        let start = i;
        let mut j = i + len;
        loop {
            match at(j) {
                Some((c, len)) if c.is_alphanumeric() => j += len,
                Some((c, len)) if is_joiner(c) && at(j + len).is_some_and(|(d, _)| d.is_alphanumeric()) => {
                    j += len + at(j + len).map_or(0, |(_, l)| l);
                }
                _ => break,
            }
        }
        out.push(Word { start: span.start + start, end: span.start + j });
        i = j;
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "sen", "rep", "gov", "prof", "jr",
    "sr", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    "corp", "mt", "ft", "cmdr", "brig", "pres", "amb", "approx", "dept", "fig", "op",
];

/// Splits `span` of `text` into sentences. Paragraph-internal blank lines
/// always end a sentence; `.`/`!`/`?`/`…` end one when followed by space and
/// a capital, digit or opening quote, except after a known abbreviation or a
/// single capital letter (initials, `U.S.`).
pub(crate) fn sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(slice) = text.get(span.range()) else {
        return out;
    };
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let mut cut: Option<usize> = None;
        if c == '\n' && i + 1 < chars.len() && chars[i + 1].1 == '\n' {
            cut = Some(pos);
        } else if matches!(c, '.' | '!' | '?' | '\u{2026}') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\'')
            {
                j += 1;
            }
            let end = if j < chars.len() { chars[j].0 } else { slice.len() };
            if j >= chars.len() {
                cut = Some(end);
            } else if chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next = chars.get(k).map(|x| x.1);
                let opener = matches!(
                    next,
                    Some(n) if n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201c}' | '(' | '[' | '\u{2018}' | '\'' | '\u{2014}' | '-')
                );
                if opener && !(c == '.' && is_abbreviation(slice, pos)) {
                    cut = Some(end);
                }
            }
        }
        if let Some(e) = cut {
            push_trimmed(&mut out, slice, span.start, start, e);
            start = e;
            // Always move on: a blank-line cut sits at the current character.
            i += 1;
            while i < chars.len() && chars[i].0 < e {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, slice, span.start, start, slice.len());
    out
}

fn is_abbreviation(slice: &str, dot: usize) -> bool {
    let before = &slice[..dot];
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    if word.is_empty() {
        return false;
    }
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(out: &mut Vec<Span>, slice: &str, base: usize, s: usize, e: usize) {
    let part = &slice[s..e];
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if lead + trail < part.len() {
        out.push(Span::new(base + s + lead, base + e - trail));
    }
}

/// Trims whitespace (and masked markup, which is whitespace in the masked
/// view) from both ends of `span`.
pub(crate) fn trim(masked: &str, span: Span) -> Span {
    let s = span.slice(masked);
    if s.is_empty() {
        return span;
    }
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// A quotation: the span including the marks and the span of the words inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quotation {
    pub outer: Span,
    pub inner: Span,
    /// False when the quotation runs to the end of the paragraph unclosed,
    /// the convention for a quote that continues in the next paragraph.
    pub closed: bool,
}

/// Top-level double quotations inside `span`. Curly quotes pair by
/// direction; straight quotes alternate.
pub(crate) fn quotations(text: &str, span: Span) -> Vec<Quotation> {
    let mut out = Vec::new();
    let Some(slice) = text.get(span.range()) else {
        return out;
    };
    let mut open: Option<(usize, usize, char)> = None;
    for (pos, c) in slice.char_indices() {
        let len = c.len_utf8();
        match (open, c) {
            (None, '\u{201c}' | '\u{201e}' | '\u{ab}' | '"') => open = Some((pos, pos + len, c)),
            (Some((o, inner, oc)), '\u{201d}' | '\u{bb}' | '"' | '\u{201c}') => {
                let pairs = match oc {
                    '"' => c == '"' || c == '\u{201d}',
                    '\u{ab}' => c == '\u{bb}',
                    _ => c == '\u{201d}' || c == '"' || c == '\u{201c}',
                };
                if pairs {
                    out.push(Quotation {
                        outer: Span::new(span.start + o, span.start + pos + len),
                        inner: Span::new(span.start + inner, span.start + pos),
                        closed: true,
                    });
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((o, inner, _)) = open {
        out.push(Quotation {
            outer: Span::new(span.start + o, span.end),
            inner: Span::new(span.start + inner, span.end),
            closed: false,
        });
    }
    out.retain(|q| !is_nickname(text, q));
    out
}

/// A nickname inside a person's name, not a quotation: `Jimmy "Barbecue" Cherizier`, one to
/// three capitalised words between two capitalised names, a space on each side.
fn is_nickname(text: &str, q: &Quotation) -> bool {
    let inner = q.inner.slice(text);
    let words: Vec<&str> = inner.split(' ').collect();
    let name_word = |w: &str| is_capitalized(w) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
    let before = text[..q.outer.start].strip_suffix(' ').and_then(|b| b.rsplit(char::is_whitespace).next());
    let after = text[q.outer.end..].strip_prefix(' ').and_then(|a| a.split(char::is_whitespace).next());
    q.closed
        && (1..=3).contains(&words.len())
        && words.iter().all(|w| name_word(w))
        && before.is_some_and(name_word)
        && after.is_some_and(|a| name_word(a.trim_end_matches([',', '.', ';', ':'])))
}

/// Collapses runs of spaces and tabs inside each line and trims lines, keeping
/// blank-line paragraph breaks, so statement text reads cleanly.
pub(crate) fn clean_text(s: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    for block in s.split("\n\n") {
        let joined = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if !joined.is_empty() {
            paras.push(joined);
        }
    }
    paras.join("\n\n")
}

/// True for a word that is written with an initial capital.
pub(crate) fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_offsets() {
        let t = "At the [press briefing](#) of *April 25*:\n## Heading";
        let m = mask_markup(t);
        assert_eq!(m.len(), t.len());
        assert_eq!(m, "At the  press briefing     of  April 25 :\n   Heading");
    }

    #[test]
    fn words_equal_a_per_character_reading_on_mixed_scripts() {
        // The plain reading over a vector of characters, as a reference.
        fn reference(text: &str, span: Span) -> Vec<Word> {
            let slice = &text[span.range()];
            let chars: Vec<(usize, char)> = slice.char_indices().collect();
            let (mut out, mut i) = (Vec::new(), 0);
            while i < chars.len() {
                if !chars[i].1.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                loop {
                    if j < chars.len() && chars[j].1.is_alphanumeric() {
                        j += 1;
                    } else if j + 1 < chars.len() && is_joiner(chars[j].1) && chars[j + 1].1.is_alphanumeric() {
                        j += 2;
                    } else {
                        break;
                    }
                }
                let end = if j < chars.len() { chars[j].0 } else { slice.len() };
                out.push(Word { start: span.start + chars[i].0, end: span.start + end });
                i = j;
            }
            out
        }
        let alphabet =
            ['a', 'Z', '7', ' ', '.', '-', '\'', '\u{2019}', '\u{2011}', '&', 'é', 'ب', '\u{301}', ',', '"', '\n'];
        let mut state = 0x2545_f491_u64;
        for len in 0..400 {
            let text: String = (0..len % 40)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            let starts: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
            let from = starts[len % starts.len()];
            let span = Span::new(from, text.len());
            assert_eq!(words(&text, span), reference(&text, span), "{text:?} from {from}");
        }
    }

    #[test]
    fn words_join_inner_punctuation() {
        let t = "We're in al-Nusra's U.S. zone, 7.5 km.";
        let ws: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|w| w.text(t)).collect();
        assert_eq!(ws, ["We're", "in", "al-Nusra's", "U.S", "zone", "7.5", "km"]);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let t = "Mr. Toner said the U.S. Army left. Then he stopped! \"Why?\" Done\n\nNext one";
        let ss: Vec<&str> = sentences(t, Span::new(0, t.len())).iter().map(|s| s.slice(t)).collect();
        assert_eq!(ss, ["Mr. Toner said the U.S. Army left.", "Then he stopped!", "\"Why?\"", "Done", "Next one"]);
    }

    #[test]
    fn quotations_pair() {
        let t = "He said \u{201c}we will\u{201d} and \"they won't\" then \u{201c}open";
        let q = quotations(t, Span::new(0, t.len()));
        let inner: Vec<&str> = q.iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(inner, ["we will", "they won't", "open"]);
        assert!(!q[2].closed);
    }
}
