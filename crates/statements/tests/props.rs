//! Property tests: extraction and verification never panic, whatever the
//! text, segmentation or mentions, and every span they report lies inside
//! the document on character boundaries.

use proptest::prelude::*;
use sitrep_model::{
    DocMeta, Document, Mention, Paragraph, ParagraphKind, PartialDate, Segmentation, Sentence, Span, Statement,
};
use sitrep_statements::{extract, verify, SpeakerTable};

/// Fragments that exercise the attribution machinery when shuffled together.
const FRAGMENTS: &[&str] = &[
    "MR TONER: ",
    "Q ",
    "Q:  ",
    "QUESTION: ",
    "\tMR. EARNEST:  ",
    "THE PRESIDENT: ",
    "Mr Kirby said:",
    "he said",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "\u{2019}",
    " said that ",
    ", according to Al-Hayat newspaper, ",
    "\n\n",
    "\n",
    ":",
    ". ",
    "...",
    "\u{2026}",
    "[...]",
    "(inaudible)",
    "[",
    "](#)",
    "*",
    "## ",
    "April 28",
    " on May 4, 2016 ",
    "the next day",
    "Thirteen hours later",
    "About 10 days ago",
    "we",
    "I'm not",
    " but ",
    "Khān Ṭūmān",
    "حلب",
    "Abu Yazid Taftanaz",
    " told Reuters ",
    "the spokesman",
    " warned ",
    "END",
    "1:55 P.M. EDT",
    ", the ",
    "—",
    "-",
    "4/18/2016",
    "a",
    " ",
    "\t",
];

fn doc(text: String) -> Document {
    Document {
        id: "p".into(),
        meta: DocMeta { published: Some(PartialDate::ymd(2016, 5, 8)), ..DocMeta::default() },
        text,
        removed: Vec::new(),
    }
}

fn ctx() -> SpeakerTable {
    SpeakerTable::new().with("mark_toner", "Mark Toner", Some(("spokesman", None, None))).with(
        "john_kirby",
        "John Kirby",
        None,
    )
}

fn check(d: &Document, out: &[Statement]) {
    for s in out {
        for span in [s.provenance.span, s.provenance.sentence_span] {
            assert!(span.start <= span.end && span.end <= d.text.len(), "{span:?} out of bounds");
            assert!(
                d.text.is_char_boundary(span.start) && d.text.is_char_boundary(span.end),
                "{span:?} splits a character"
            );
        }
        assert!(!s.speaker.is_empty());
        if let Some(date) = &s.date {
            assert!(PartialDate::parse_iso(date).is_some() || date.starts_with("--"), "bad date {date}");
        }
    }
}

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extract_never_panics_on_fragments(text in fragment_text()) {
        let d = doc(text);
        let out = extract(&d, &Segmentation::default(), &[], &ctx());
        check(&d, &out);
    }

    #[test]
    fn extract_never_panics_on_any_text(text in "\\PC{0,400}") {
        let d = doc(text);
        let out = extract(&d, &Segmentation::default(), &[], &ctx());
        check(&d, &out);
    }

    /// Segmentation and mentions from another stage may be wrong: spans out
    /// of bounds, inside characters, overlapping.
    #[test]
    fn extract_survives_bad_segmentation(
        text in fragment_text(),
        spans in prop::collection::vec((0usize..600, 0usize..600, any::<bool>()), 0..12),
    ) {
        let d = doc(text);
        let paragraphs = spans.iter().enumerate().map(|(i, (a, b, turn))| Paragraph {
            index: i,
            span: Span::new(*a, *b),
            kind: if *turn { ParagraphKind::Turn } else { ParagraphKind::Text },
            speaker_label: turn.then(|| Span::new(*a, a + 3)),
        }).collect();
        let sentences = spans.iter().enumerate().map(|(i, (a, b, _))| Sentence { index: i, paragraph: i, span: Span::new(*a.min(b), *a.max(b)) }).collect();
        let mentions: Vec<Mention> = spans.iter().map(|(a, b, _)| Mention {
            span: Span::new(*a, *b),
            actor: Some("x".into()),
            name: "X".into(),
            rule: "alias".into(),
            sector: None,
        }).collect();
        let out = extract(&d, &Segmentation { paragraphs, sentences }, &mentions, &ctx());
        check(&d, &out);
    }

    #[test]
    fn verify_never_panics(primary in fragment_text(), quote in fragment_text(), window in -5i64..30) {
        let p = doc(primary);
        let statements = extract(&p, &Segmentation::default(), &[], &ctx());
        let q = Statement {
            id: "q".into(), doc: "q".into(), speaker: "Mark Toner".into(), speaker_id: None, role: None,
            date: Some("2016-05-04".into()), venue: None, text: quote, form: "direct".into(), verification: None,
            provenance: Default::default(),
        };
        let v = verify(&q, &[(&p, statements.as_slice())], window);
        prop_assert!((0.0..=1.0).contains(&v.similarity));
        prop_assert!(["exact", "altered", "truncated", "not_found"].contains(&v.status.as_str()));
    }

    /// A quote made of a primary turn's own words is always found.
    #[test]
    fn verbatim_turns_are_exact(words in prop::collection::vec("[a-z]{2,8}", 6..30), cut in 0usize..4) {
        let body = words.join(" ");
        let p = doc(format!("MR TONER: {body}.\n\nQ: Thanks.\n"));
        let statements = extract(&p, &Segmentation::default(), &[], &ctx());
        let quoted = words[cut..].join(" ");
        let q = Statement {
            id: "q".into(), doc: "q".into(), speaker: "Mark Toner".into(), speaker_id: None, role: None,
            date: None, venue: None, text: quoted, form: "direct".into(), verification: None,
            provenance: Default::default(),
        };
        let v = verify(&q, &[(&p, statements.as_slice())], 3);
        // Random words may include a sense marker (`if`, `no`) next to the cut.
        prop_assert!(v.status == "exact" || v.status == "truncated", "{v:?}");
        prop_assert_eq!(v.similarity, 1.0);
    }
}
