//! Property tests: the scanner, the resolver, the metadata parser and the
//! timeline never panic, and every span lies inside the scanned span on
//! character boundaries, in order and without overlap.

use proptest::prelude::*;
use sitrep_model::{PartialDate, Sentence, Span};
use sitrep_time::{find_time_expressions, parse_date, to_range, TimeContext, Timeline};

/// Fragments that exercise the grammar far more often than random text does.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("May".to_string()),
        Just("mai".to_string()),
        Just("Sept.".to_string()),
        Just("1er".to_string()),
        Just("3rd of".to_string()),
        Just("the next day,".to_string()),
        Just("the day before".to_string()),
        Just("Thirteen hours later".to_string()),
        Just("two and a half months".to_string()),
        Just("ago".to_string()),
        Just("between".to_string()),
        Just("and".to_string()),
        Just(" - ".to_string()),
        Just("–".to_string()),
        Just("7:00 am".to_string()),
        Just("that day's".to_string()),
        Just("Tuesday,".to_string()),
        Just("last".to_string()),
        Just("since the start of".to_string()),
        Just("Khān Ṭūmān".to_string()),
        (0u32..3000).prop_map(|n| n.to_string()),
        "[0-9/.:-]{1,10}",
        "\\PC{0,6}",
    ]
}

fn sentence_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..14).prop_map(|v| v.join(" "))
}

fn doc_date() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1800i16..2200, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Some(PartialDate::ymd(y, m, d))),
        (1800i16..2200).prop_map(|y| Some(PartialDate::y(y))),
        Just(Some(PartialDate { year: None, month: Some(5), day: Some(3) })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn scanner_spans_stay_in_bounds(text in sentence_text(), a in 0usize..200, b in 0usize..200, doc in doc_date()) {
        let span = Span::new(a.min(b), a.max(b));
        let found = find_time_expressions(&text, span);
        let mut last_end = 0;
        let mut ctx = TimeContext::new(doc);
        for e in &found {
            prop_assert!(e.span.start < e.span.end);
            prop_assert!(e.span.start >= span.start.min(text.len()));
            prop_assert!(e.span.end <= span.end.min(text.len()));
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            prop_assert!(e.span.start >= last_end);
            last_end = e.span.end;
            let r = ctx.resolve(e);
            let range = to_range(&r);
            prop_assert_eq!(range.start.is_empty(), !r.is_known());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}", doc in doc_date()) {
        let mut ctx = TimeContext::new(doc);
        for e in find_time_expressions(&text, Span::new(0, text.len())) {
            let _ = ctx.resolve_with_anchor(&e, doc);
        }
        let _ = parse_date(&text);
    }

    #[test]
    fn metadata_parser_never_panics(text in sentence_text()) {
        if let Some(d) = parse_date(&text) {
            if let (Some(m), Some(day)) = (d.month, d.day) {
                prop_assert!((1..=12).contains(&m) && (1..=31).contains(&day));
            }
        }
    }

    #[test]
    fn timeline_never_panics(parts in prop::collection::vec(sentence_text(), 0..8), doc in doc_date(), probe in 0usize..10) {
        let mut text = String::new();
        let mut sents = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            let start = text.len();
            text.push_str(p);
            sents.push(Sentence { index: i, paragraph: i / 2, span: Span::new(start, text.len()) });
            text.push_str(if i % 2 == 1 { "\n\n" } else { " " });
        }
        let tl = Timeline::build(&text, &sents, doc);
        let span = sents.get(probe).map_or(Span::new(0, 0), |s| s.span);
        if let Some(r) = tl.date_for(probe, span) {
            prop_assert!(r.is_known());
        }
        let _ = tl.speech_date(probe);
    }
}
