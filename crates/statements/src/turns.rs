//! Transcript speaker labels: `MR TONER:`, `MR. EARNEST:`, `MS. PSAKI:`,
//! `Q`, `Q:`, `QUESTION:`, `SPOKESPERSON:`, `THE PRESIDENT:`,
//! `ADMIRAL KIRBY:`, `Mr Kirby:`.
//!
//! Segmentation may already have marked turns; this module detects labels
//! itself as well so extraction works on any segmentation. An all-capitals
//! label needs a title word (`MR`, `ADMIRAL`, `SPOKESPERSON`) or must recur in
//! the document, which keeps datelines (`BEIRUT:`) and notes (`END`) out.

use sitrep_model::Span;

/// A speaker label at the start of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label words, without the colon.
    pub span: Span,
    /// Where the spoken words begin.
    pub body_start: usize,
    /// A journalist's question (`Q`, `QUESTION`).
    pub question: bool,
    /// Accepted only if the same label recurs in the document.
    pub needs_repeat: bool,
}

const QUESTION_LABELS: &[&str] =
    &["Q", "QUESTION", "QUESTIONER", "REPORTER", "JOURNALIST", "AUDIENCE MEMBER", "PARTICIPANT"];

const TITLE_WORDS: &[&str] = &[
    "MR",
    "MRS",
    "MS",
    "MISS",
    "DR",
    "ADMIRAL",
    "GENERAL",
    "COLONEL",
    "COL",
    "GEN",
    "CAPTAIN",
    "MAJOR",
    "SECRETARY",
    "AMBASSADOR",
    "MINISTER",
    "PRESIDENT",
    "SPOKESPERSON",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "MODERATOR",
    "OPERATOR",
    "SENATOR",
    "GOVERNOR",
    "CHAIRMAN",
    "CHAIR",
    "DIRECTOR",
    "PRIME",
    "FOREIGN",
    "DEPUTY",
    "SHEIKH",
    "LIEUTENANT",
    "PROFESSOR",
    "OFFICIAL",
    "MINISTRY",
];

fn title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_uppercase();
    TITLE_WORDS.contains(&w.as_str())
}

/// The name an all-capitals label gives after its title words, in title case:
/// "Sabrina Singh" of `DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH`, "Lavrov" of
/// `FOREIGN MINISTER LAVROV`. `None` when no title word comes before a last word, or only
/// courtesy titles do.
pub(crate) fn name_after_title(label: &str) -> Option<String> {
    if label.chars().any(char::is_lowercase) {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let last_title = words.iter().rposition(|w| title_word(w))?;
    // `MS OKAFOR` has a courtesy title, not an office: it stays as labelled.
    let courtesy =
        |w: &&str| matches!(w.trim_end_matches('.').to_uppercase().as_str(), "MR" | "MRS" | "MS" | "MISS" | "DR");
    if words[..=last_title].iter().all(courtesy) {
        return None;
    }
    let name = &words[last_title + 1..];
    if name.is_empty() || name.iter().any(|w| title_word(w)) {
        return None;
    }
    let cased: Vec<String> = name.iter().map(|w| title_case(w)).collect();
    Some(cased.join(" "))
}

/// A word in capitals in title case: `SINGH` -> `Singh`.
pub(crate) fn title_case(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut cs = lower.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

/// Detects a speaker label at the start of `para` in the masked text.
pub(crate) fn label_at(masked: &str, para: Span) -> Option<Label> {
    let text = para.slice(masked);
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    let base = para.start + lead;
    // Candidate label: the text before the first colon within 60 bytes, or
    // before a run of two spaces / a tab (White House style, `Q    Okay`).
    let colon = t
        .char_indices()
        .take_while(|(i, _)| *i < 60)
        .find(|(_, c)| *c == ':' || *c == '\n')
        .filter(|(_, c)| *c == ':')
        .map(|(i, _)| i);
    let gap = t.find("  ").into_iter().chain(t.find('\t')).min().filter(|g| *g < 60);
    let (end, body, has_colon) = match (colon, gap) {
        (Some(c), Some(g)) if g < c => (g, g, false),
        (Some(c), _) => (c, c + 1, true),
        (None, Some(g)) => (g, g, false),
        (None, None) => {
            // `Q Okay, Josh`: a bare Q followed by one space and a capital.
            let mut cs = t.chars();
            if cs.next() == Some('Q') && cs.next() == Some(' ') && cs.next().is_some_and(|c| c.is_uppercase()) {
                return Some(Label {
                    span: Span::new(base, base + 1),
                    body_start: base + 2,
                    question: true,
                    needs_repeat: false,
                });
            }
            return None;
        }
    };
    let raw = t[..end].trim_end();
    if raw.is_empty() {
        return None;
    }
    let body_ws = t[body..].len() - t[body..].trim_start().len();
    let body_start = base + body + body_ws;
    if body_start >= para.end {
        // A label with nothing after it is a heading or a stray line.
        return None;
    }
    let label = Label { span: Span::new(base, base + raw.len()), body_start, question: false, needs_repeat: false };
    let upper = raw.to_uppercase();
    let q = upper.trim_end_matches('.');
    if QUESTION_LABELS.contains(&q) && (raw == upper || has_colon) {
        return Some(Label { question: true, ..label });
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let label_chars = |c: char| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}');
    if !raw.chars().all(label_chars) || raw.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let has_title = words.iter().any(|w| title_word(w));
    if raw == upper {
        if has_title {
            return Some(label);
        }
        // Without a title word only a colon label that recurs is trusted.
        return has_colon.then_some(Label { needs_repeat: true, ..label });
    }
    // Title case is accepted only as `Mr Toner:` / `Spokesperson:` with a colon.
    if has_colon
        && title_word(words[0])
        && words.len() <= 4
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return Some(label);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str) -> Option<(String, String, bool)> {
        let l = label_at(text, Span::new(0, text.len()))?;
        Some((l.span.slice(text).to_string(), text[l.body_start..].to_string(), l.question))
    }

    #[test]
    fn label_styles() {
        type Case<'a> = (&'a str, Option<(&'a str, &'a str, bool)>);
        let cases: &[Case] = &[
            ("MR TONER: No, we think that.", Some(("MR TONER", "No, we think that.", false))),
            ("\tMR. EARNEST:  Good afternoon.", Some(("MR. EARNEST", "Good afternoon.", false))),
            ("MS. PSAKI: Thanks.", Some(("MS. PSAKI", "Thanks.", false))),
            ("\tQ    Okay, Josh.", Some(("Q", "Okay, Josh.", true))),
            ("Q: Will you?", Some(("Q", "Will you?", true))),
            ("Q Will you?", Some(("Q", "Will you?", true))),
            ("QUESTION: Do you agree?", Some(("QUESTION", "Do you agree?", true))),
            ("SPOKESPERSON: We reject it.", Some(("SPOKESPERSON", "We reject it.", false))),
            ("THE PRESIDENT: Thank you.", Some(("THE PRESIDENT", "Thank you.", false))),
            ("ADMIRAL KIRBY: Well, look.", Some(("ADMIRAL KIRBY", "Well, look.", false))),
            ("\tMR. EARNEST   I would not.", Some(("MR. EARNEST", "I would not.", false))),
            ("Mr Kirby: We are not blind.", Some(("Mr Kirby", "We are not blind.", false))),
            ("Note: this is prose.", None),
            ("The town fell: rebels took it.", None),
            ("And again on April 28:", None),
            ("END", None),
            ("Quite: a word.", None),
        ];
        for (text, want) in cases {
            let got = label(text);
            let want = want.map(|(a, b, c)| (a.to_string(), b.to_string(), c));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn bare_caps_label_needs_repeat() {
        let t = "LAVROV: We will respond.";
        assert!(label_at(t, Span::new(0, t.len())).unwrap().needs_repeat);
    }
}
