//! Property tests: segmentation never panics, and every span it returns is in
//! bounds, on character boundaries, ordered, outside removed spans, and every
//! sentence lies inside its paragraph.

use proptest::prelude::*;
use sitrep_model::{Removed, Span};

fn pieces() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Mr. ",
        "U.S. ",
        "The ",
        "army ",
        "said. ",
        "\n",
        "\n\n",
        "# ",
        "> ",
        "- ",
        "1. ",
        "MR TONER: ",
        "Q  ",
        "QUESTION:",
        "\"",
        "“",
        "”",
        "...",
        "…",
        "?",
        "!",
        " ",
        "\t",
        "*",
        "**",
        "[link](http://a.b/c.d)",
        "é",
        "Ḥalab",
        "حلب",
        "—",
        "2.5",
        "7:00",
        "e.g. ",
        "George W. Bush",
        "(",
        ")",
        "\r\n",
        "»",
        "« ",
        "\u{a0}",
        "x",
        "ok.",
        "A. ",
        ":",
        "---",
        ">",
        "#",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

fn check(text: &str, removed: &[Removed]) -> Result<(), TestCaseError> {
    let seg = sitrep_text::segment_text(text, removed);
    let mut last_p = 0;
    for (i, p) in seg.paragraphs.iter().enumerate() {
        prop_assert_eq!(p.index, i);
        prop_assert!(p.span.start < p.span.end && p.span.end <= text.len());
        prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        prop_assert!(p.span.start >= last_p, "paragraphs out of order");
        last_p = p.span.end;
        if let Some(l) = p.speaker_label {
            prop_assert!(p.span.contains(l));
        }
        for r in removed {
            let s = Span::new(r.span.start.min(text.len()), r.span.end.min(text.len()));
            prop_assert!(!p.span.overlaps(s) || s.is_empty(), "paragraph {:?} overlaps removed {:?}", p.span, s);
        }
    }
    let mut last_s = 0;
    for (i, s) in seg.sentences.iter().enumerate() {
        prop_assert_eq!(s.index, i);
        prop_assert!(s.span.start < s.span.end && s.span.end <= text.len());
        prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        prop_assert!(s.span.start >= last_s, "sentences out of order");
        last_s = s.span.end;
        let p = &seg.paragraphs[s.paragraph];
        prop_assert!(p.span.contains(s.span), "sentence {:?} outside paragraph {:?}", s.span, p.span);
        if let Some(l) = p.speaker_label {
            prop_assert!(!l.overlaps(s.span), "speaker label inside a sentence");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_are_sound(text in pieces()) {
        check(&text, &[])?;
    }

    #[test]
    fn spans_are_sound_with_removed(text in pieces(), cuts in prop::collection::vec((0usize..400, 0usize..60), 0..5)) {
        let removed: Vec<Removed> = cuts
            .into_iter()
            .map(|(s, l)| Removed { span: Span::new(s, s + l), reason: "test".into() })
            .collect();
        check(&text, &removed)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        check(&text, &[])?;
    }
}
