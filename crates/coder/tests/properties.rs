//! Property tests: the tokenizer, the pattern parser, the CAMEO importer and
//! the coder never panic, and every record points inside its sentence.

use proptest::prelude::*;
use sitrep_coder::{cameo, patterns::Pattern, tokens::tokenize, Coder, Patterns};
use sitrep_model::{DocMeta, Document, Mention, Segmentation, Sentence, Span};

proptest! {
    #[test]
    fn tokens_stay_in_bounds(text in "\\PC{0,120}", a in 0usize..140, b in 0usize..140) {
        let span = Span::new(a.min(b), a.max(b));
        for t in tokenize(&text, span) {
            prop_assert!(span.contains(t.span));
            prop_assert!(text.get(t.span.range()).is_some());
        }
    }

    #[test]
    fn pattern_parser_total(src in "[a-z@{}*?|STOPA0-9 ]{0,40}") {
        let _ = Pattern::parse(&src);
        let _ = cameo::parse(&src);
    }

    #[test]
    fn coder_never_panics(words in proptest::collection::vec("(Russia|rebels|attacked|the|town|of|Aleppo|it|they|,|\\.|not|said|captured|backed|by|and|May|5|ceasefire|\\?|-|'s)", 0..40), marks in proptest::collection::vec(0usize..40, 0..6)) {
        let text = words.join(" ");
        let doc = Document { id: "p".into(), meta: DocMeta::default(), text: text.clone(), removed: vec![] };
        let seg = Segmentation { paragraphs: vec![], sentences: vec![Sentence { index: 0, paragraph: 0, span: Span::new(0, text.len()) }] };
        // Mentions on arbitrary word boundaries, possibly overlapping.
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1)).collect();
        let mentions: Vec<Mention> = marks.iter().filter_map(|&k| {
            let s = *starts.get(k % starts.len().max(1))?;
            let e = text[s..].find(' ').map(|x| s + x).unwrap_or(text.len());
            Some(Mention { span: Span::new(s, e), actor: None, name: text[s..e].to_string(), rule: "alias".into(), sector: None })
        }).collect();
        let coded = Coder::new(Patterns::builtin()).code(&doc, &seg, &mentions, &[]);
        for e in &coded.events {
            prop_assert!(seg.sentences[0].span.contains(e.provenance.span));
        }
        for r in &coded.relations {
            prop_assert!(seg.sentences[0].span.contains(r.provenance.span));
        }
    }
}
