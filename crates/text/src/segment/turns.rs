//! Transcript speaker labels: `MR TONER:`, `MR. EARNEST:`, `QUESTION:`,
//! `Q`, `Q:`, `THE PRESIDENT:`, `SECRETARY KERRY:`.
//!
//! Press-briefing transcripts (State Department, White House, UN, foreign
//! ministries) mark each turn with an upper-case label and a colon, or a bare
//! `Q` followed by spaces. The label is kept out of the turn's sentences so a
//! statement's text is only the words spoken.

use std::ops::Range;

/// Upper-case words that open a line with a colon but name no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "NOTE",
    "NOTES",
    "UPDATE",
    "UPDATED",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "EDITORS NOTE",
    "CORRECTION",
    "WARNING",
    "BREAKING",
    "BREAKING NEWS",
    "WATCH",
    "READ MORE",
    "READ",
    "RELATED",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "SOURCE",
    "SOURCES",
    "TAGS",
    "URGENT",
    "ALERT",
    "LIVE",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "FACT CHECK",
    "UPDATES",
    "CLARIFICATION",
    "DISCLAIMER",
    "PS",
    "P.S.",
    "NB",
    "N.B.",
    "FYI",
    "TL;DR",
    "ADVERTISEMENT",
    "SUMMARY",
    "BACKGROUND",
    "CONTEXT",
    "WHAT",
    "WHY",
    "WHEN",
    "WHERE",
    "WHO",
    "HOW",
    "DATE",
    "TIME",
    "PLACE",
    "LOCATION",
    "TOPIC",
    "TOPICS",
    "SUBJECT",
    "RE",
    "FROM",
    "TO",
    "CC",
    "ISBN",
    "URL",
    "HTTP",
    "HTTPS",
    "EDT",
    "EST",
    "GMT",
    "UTC",
    "AM",
    "PM",
    "A.M.",
    "P.M.",
    "AP",
    "AFP",
    "REUTERS",
    "UN",
    "U.N.",
    "US",
    "U.S.",
    "UK",
    "EU",
    "NATO",
    "ISIS",
    "ISIL",
    "IS",
    "SDF",
    "YPG",
    "FSA",
    "SAA",
    "PYD",
    "PKK",
    "IRGC",
    "TASS",
    "SANA",
    "RT",
    "BBC",
    "CNN",
];

/// Mixed-case labels accepted as speakers.
const MIXED_CASE: &[&str] = &["Question", "Answer", "Q", "A", "Spokesperson", "Spokesman", "Moderator"];

/// If `line` (already trimmed) opens with a speaker label, return the label's
/// byte range and the byte offset where the spoken words begin (both relative
/// to `line`). The colon is excluded from the label.
pub fn speaker_label(line: &str) -> Option<(Range<usize>, usize)> {
    let bytes = line.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    // "Q" followed by a tab or several spaces (White House style), "Q." or "Q:".
    if bytes[0] == b'Q' {
        let rest = &line[1..];
        let spaces = rest.len() - rest.trim_start().len();
        let words = line.len() - rest.trim_start().len();
        if (rest.starts_with('\t') || spaces >= 2) && words < line.len() {
            return Some((0..1, words));
        }
        if let Some(after) = rest.strip_prefix(['.', ':']) {
            if after.starts_with([' ', '\t']) || after.is_empty() {
                let words = line.len() - after.trim_start().len();
                return Some((0..1, words));
            }
        }
    }
    // Labels are short; a colon further in belongs to a sentence.
    let colon = bytes.iter().take(64).position(|&b| b == b':')?;
    let label = line[..colon].trim_end();
    if label.is_empty() {
        return None;
    }
    // Words follow a colon with a space, or the label stands alone.
    let after = &line[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    if !is_label(label) {
        return None;
    }
    let words = line.len() - after.trim_start().len();
    Some((0..label.len(), words))
}

fn is_label(label: &str) -> bool {
    if MIXED_CASE.contains(&label) {
        return true;
    }
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() > 5 || words.iter().any(|w| w.is_empty()) {
        return false;
    }
    let mut letters = 0;
    for c in label.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, ' ' | '.' | '\'' | '’' | '-') {
            return false;
        }
    }
    if letters < 2 {
        return false;
    }
    !NOT_SPEAKERS.contains(&label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_table() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("MR TONER: No, we think not.", Some("MR TONER"), "No, we think not."),
            ("MR. EARNEST:  Good afternoon.", Some("MR. EARNEST"), "Good afternoon."),
            ("QUESTION: Do you agree?", Some("QUESTION"), "Do you agree?"),
            ("Q    Okay, Josh.", Some("Q"), "Okay, Josh."),
            ("Q\tOkay.", Some("Q"), "Okay."),
            ("Q: Is it true?", Some("Q"), "Is it true?"),
            ("THE PRESIDENT: Thank you all.", Some("THE PRESIDENT"), "Thank you all."),
            ("MS. PSAKI: Go ahead.", Some("MS. PSAKI"), "Go ahead."),
            ("SPOKESPERSON: We deny it.", Some("SPOKESPERSON"), "We deny it."),
            ("QUESTION:", Some("QUESTION"), ""),
            ("UPDATE: The toll rose.", None, ""),
            ("NATO: a primer", None, ""),
            ("Region: Middle East", None, ""),
            ("Quarterly figures rose.", None, ""),
            ("Q1 results", None, ""),
            ("WASHINGTON (Reuters) - Talks resumed.", None, ""),
            ("TIME: 10:30", None, ""),
            ("https://example.org/a", None, ""),
        ];
        for (line, label, words) in cases {
            let got = speaker_label(line);
            match label {
                Some(l) => {
                    let (r, w) = got.unwrap_or_else(|| panic!("no label in {line:?}"));
                    assert_eq!(&line[r], *l, "{line:?}");
                    assert_eq!(&line[w..], *words, "{line:?}");
                }
                None => assert!(got.is_none(), "unexpected label in {line:?}: {got:?}"),
            }
        }
    }
}
