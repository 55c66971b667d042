//! Sentence boundaries inside one paragraph's content.
//!
//! A rule-based splitter tuned for news English (and usable on French,
//! Spanish and German): a boundary needs terminal punctuation, then optional
//! closing quotes/brackets, then whitespace, then something that can start a
//! sentence. Abbreviations, initials, acronyms with periods and Markdown
//! links veto a boundary. Working on bytes at ASCII positions keeps every
//! offset on a character boundary.

use sitrep_model::Span;

/// Longest sentence emitted, in bytes. A run of text with no terminal
/// punctuation this long is almost always a table, a list without stops or
/// garbage, and later stages should not be handed megabytes as one sentence.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Titles and other abbreviations that are followed by a name or number and
/// essentially never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "mme", "mlle", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "adm", "cmdr", "brig", "gov", "sen", "rep", "reps", "sens", "rev", "fr", "hon", "pres", "amb", "supt",
    "insp", "det", "gens", "cols", "lieut", "sheikh", "mt", "ft", "ste", "cf", "vs", "viz", "approx", "dept", "univ",
    "assn", "ave", "blvd", "rd", "mgr", "mons", "sra", "sr", "srta", "hr",
];

/// Abbreviations that can end a sentence; they do only when the next word
/// is a typical sentence opener (or, for those before numbers, never when a
/// number follows).
const AMBIGUOUS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "nr", "st",
    "inc", "ltd", "co", "corp", "jr", "bros", "etc", "al", "est", "fig", "figs", "vol", "vols", "p", "pp", "art", "ch",
    "sec", "para", "min", "max", "km", "approx", "ca", "op", "ed", "eds", "govt",
];

/// Words that typically open an English sentence; used to decide whether an
/// ambiguous abbreviation ("U.S.", "etc.", "Inc.") ended the previous one.
const OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "few",
    "finally",
    "for",
    "from",
    "further",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "other",
    "our",
    "over",
    "several",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "thus",
    "to",
    "today",
    "two",
    "under",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yesterday",
    "yet",
    "you",
    "il",
    "elle",
    "ils",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "mais",
    "et",
    "el",
    "los",
    "las",
    "pero",
    "der",
    "die",
    "das",
    "er",
    "sie",
    "es",
    "aber",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '*' | '_' | '」' | '』')
}

fn is_opener_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '*' | '_' | '„' | '¿' | '¡' | '—' | '–' | '「')
}

/// Can `c` start a sentence?
fn can_start(c: char) -> bool {
    if c.is_numeric() || is_opener_punct(c) {
        return true;
    }
    // Uppercase, or a letter of a caseless script (Arabic, CJK, ...).
    c.is_alphabetic() && !c.is_lowercase()
}

/// Byte ranges inside which no boundary may fall: Markdown links and images
/// `[text](url)`, bare URLs and e-mail-like tokens.
fn protected_ranges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b == b'[' {
            // Find the matching "](" on the same stretch (no blank line), then ")".
            let limit = (i + 600).min(end);
            let mut depth = 0usize;
            let mut j = i;
            let mut close = None;
            while j < limit {
                match bytes[j] {
                    b'[' => depth += 1,
                    b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            close = Some(j);
                            break;
                        }
                    }
                    b'\n' if j + 1 < limit && bytes[j + 1] == b'\n' => break,
                    _ => {}
                }
                j += 1;
            }
            if let Some(c) = close {
                if c + 1 < end && bytes[c + 1] == b'(' {
                    let mut k = c + 2;
                    let limit = (k + 2000).min(end);
                    while k < limit && bytes[k] != b')' && !bytes[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    if k < limit && bytes[k] == b')' {
                        out.push((i, k + 1));
                        i = k + 1;
                        continue;
                    }
                }
            }
        } else if (b == b'h' || b == b'w')
            && (text[i..end].starts_with("http://")
                || text[i..end].starts_with("https://")
                || text[i..end].starts_with("www."))
            && (i == start || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let mut k = i;
            while k < end && !bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            // A URL at the end of a sentence keeps its final period outside.
            let mut stop = k;
            while stop > i && matches!(bytes[stop - 1], b'.' | b',' | b')' | b'!' | b'?' | b'"') {
                stop -= 1;
            }
            out.push((i, stop));
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The word (letters, digits, internal periods) that ends right before byte `dot`.
fn word_before(text: &str, lo: usize, dot: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = dot;
    while s > lo {
        let b = bytes[s - 1];
        if b.is_ascii_alphanumeric() || b == b'.' || b >= 0x80 {
            s -= 1;
        } else {
            break;
        }
    }
    // Never split a multi-byte character.
    while s < dot && !text.is_char_boundary(s) {
        s += 1;
    }
    &text[s..dot]
}

/// The first word (letters only) starting at byte `at`, lowercased.
fn word_after(text: &str, at: usize, end: usize) -> String {
    text[at..end]
        .trim_start_matches(|c: char| is_opener_punct(c) || c.is_whitespace())
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(24)
        .flat_map(char::to_lowercase)
        .collect()
}

fn contains_ci(list: &[&str], w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    list.contains(&lower.as_str())
}

/// Decide whether the period at `dot` (part of `word.`) ends a sentence when
/// the next sentence would start at `next`.
fn period_ends_sentence(text: &str, lo: usize, dot: usize, next: usize, end: usize) -> bool {
    let word = word_before(text, lo, dot);
    if word.is_empty() {
        return true;
    }
    let bare = word.trim_end_matches('.');
    if bare.is_empty() {
        // An ellipsis written as dots: a boundary when a capital follows.
        return true;
    }
    let next_char = text[next..end].chars().next().unwrap_or(' ');
    let next_word = word_after(text, next, end);
    let opener = OPENERS.contains(&next_word.as_str());
    if contains_ci(NEVER_FINAL, bare) && bare.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut chars = bare.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single capital is an initial ("George W. Bush") unless a typical
        // opener follows ("... Plan B. The army ...").
        if c.is_uppercase() {
            return opener && next_word != "a" && next_word != "i";
        }
    }
    if bare.contains('.') {
        // Acronyms with periods: U.S., U.N., e.g., i.e., a.m.
        return opener;
    }
    if contains_ci(AMBIGUOUS, bare) {
        if next_char.is_ascii_digit() {
            return false;
        }
        return opener;
    }
    true
}

/// Split `text[span]` into sentence spans (trimmed, non-empty, containing at
/// least one letter or digit, in order, inside `span`). Never panics: a span
/// out of bounds or off a character boundary yields nothing.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    if span.end > text.len() || span.start >= span.end {
        return out;
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return out;
    }
    let (lo, hi) = (span.start, span.end);
    let protected = protected_ranges(text, lo, hi);
    let mut prot_i = 0;
    let mut sent_start = lo;
    let char_at = |i: usize| text[i..hi].chars().next();
    let mut pos = lo;
    while pos < hi {
        let Some(c) = char_at(pos) else { break };
        let after = pos + c.len_utf8();
        if !is_terminal(c) {
            pos = after;
            continue;
        }
        while prot_i < protected.len() && protected[prot_i].1 <= pos {
            prot_i += 1;
        }
        if prot_i < protected.len() && protected[prot_i].0 <= pos && pos < protected[prot_i].1 {
            pos = after;
            continue;
        }
        // Absorb further terminal punctuation and closing quotes/brackets,
        // including a French closing guillemet after a (narrow) space.
        let mut j = after;
        let mut k;
        let mut saw_space;
        loop {
            while let Some(d) = char_at(j) {
                if is_terminal(d) || is_closer(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            k = j;
            saw_space = false;
            let mut newline = false;
            while let Some(d) = char_at(k) {
                if d.is_whitespace() {
                    saw_space = true;
                    newline |= d == '\n';
                    k += d.len_utf8();
                } else if d == '>' && newline {
                    // The markers of a block quote's next line.
                    k += 1;
                } else {
                    break;
                }
            }
            match char_at(k) {
                Some(d @ ('»' | '”')) if saw_space && k - j <= 3 && !text[j..k].contains('\n') => {
                    j = k + d.len_utf8();
                }
                _ => break,
            }
        }
        if k >= hi {
            break;
        }
        if !saw_space {
            pos = j;
            continue;
        }
        let next = char_at(k).unwrap_or(' ');
        if !can_start(next)
            || (c == '.' && !text[pos..j].starts_with("..") && !period_ends_sentence(text, lo, pos, k, hi))
        {
            pos = k;
            continue;
        }
        push_sentence(text, &mut out, sent_start, j);
        sent_start = k;
        pos = k;
    }
    push_sentence(text, &mut out, sent_start, hi);
    out
}

fn push_sentence(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_start >= trimmed_end {
        return;
    }
    if !text[trimmed_start..trimmed_end].chars().any(char::is_alphanumeric) {
        return;
    }
    let mut s = trimmed_start;
    while trimmed_end - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer to cut at the last whitespace in the window.
        if let Some(ws) = text[s..cut].rfind(char::is_whitespace) {
            if ws > 0 {
                cut = s + ws;
            }
        }
        let piece_end = s + text[s..cut].trim_end().len();
        if piece_end > s {
            out.push(Span::new(s, piece_end));
        }
        s = cut;
        while s < trimmed_end {
            let ch = text[s..].chars().next().unwrap_or('x');
            if ch.is_whitespace() {
                s += ch.len_utf8();
            } else {
                break;
            }
        }
    }
    if s < trimmed_end {
        out.push(Span::new(s, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, Span::new(0, s.len())).into_iter().map(|sp| sp.slice(s)).collect()
    }

    #[test]
    fn table_of_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr. Kirby spoke. Then he left.", &["Mr. Kirby spoke.", "Then he left."]),
            ("The U.S. military said so.", &["The U.S. military said so."]),
            ("It came from the U.S. The army denied it.", &["It came from the U.S.", "The army denied it."]),
            ("George W. Bush visited.", &["George W. Bush visited."]),
            ("Growth was 2.5 percent. Prices rose.", &["Growth was 2.5 percent.", "Prices rose."]),
            ("By 7:00 am it had fallen. Rebels cheered.", &["By 7:00 am it had fallen.", "Rebels cheered."]),
            ("He said \"it's over.\" Then he left.", &["He said \"it's over.\"", "Then he left."]),
            ("\"Why?\" he asked. Nobody knew.", &["\"Why?\" he asked.", "Nobody knew."]),
            ("On Jan. 5 they met. Talks failed.", &["On Jan. 5 they met.", "Talks failed."]),
            ("Tanks, guns, etc. were seized.", &["Tanks, guns, etc. were seized."]),
            ("He waited... Nothing came.", &["He waited...", "Nothing came."]),
            ("He waited… and waited.", &["He waited… and waited."]),
            (
                "See [the U.S. report. Here](http://x.org/a.b) now. Next.",
                &["See [the U.S. report. Here](http://x.org/a.b) now.", "Next."],
            ),
            ("Gen. Smith and Col. Jones met Lt. Gray.", &["Gen. Smith and Col. Jones met Lt. Gray."]),
            ("Is it over? No. It is not!", &["Is it over?", "No.", "It is not!"]),
            ("(Laughter.)  Almost.", &["(Laughter.)", "Almost."]),
            ("Troops left — then returned. 12 died.", &["Troops left — then returned.", "12 died."]),
            ("Il a dit : « Non. » Puis il est parti.", &["Il a dit : « Non. »", "Puis il est parti."]),
            ("***", &[]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(&split(input), want, "input: {input:?}");
        }
    }

    #[test]
    fn long_runs_are_capped() {
        let s = "word ".repeat(3000);
        let got = split_sentences(&s, Span::new(0, s.len()));
        assert!(got.len() >= 3);
        assert!(got.iter().all(|sp| sp.len() <= MAX_SENTENCE_BYTES));
    }
}
