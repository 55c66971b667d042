//! Property tests: ingest never panics on arbitrary bytes in any format, and
//! what it returns is sound: removed spans in bounds, on character
//! boundaries, sorted and disjoint; ids stable; dates found in any string
//! lie on character boundaries.

use proptest::prelude::*;
use sitrep_ingest::{dates::find_dates, document_from_text, read_input, Format, Input, Options};

fn check_doc(doc: &sitrep_model::Document) -> Result<(), TestCaseError> {
    let mut last = 0;
    for r in &doc.removed {
        prop_assert!(r.span.start < r.span.end && r.span.end <= doc.text.len(), "{:?}", r.span);
        prop_assert!(doc.text.is_char_boundary(r.span.start) && doc.text.is_char_boundary(r.span.end));
        prop_assert!(r.span.start >= last, "removed spans overlap or are out of order");
        last = r.span.end;
    }
    prop_assert!(doc.id.starts_with("doc_") && doc.id.len() == 20);
    prop_assert_eq!(&doc.id, &sitrep_ingest::doc_id(&doc.text));
    prop_assert!(!doc.meta.language.is_empty());
    Ok(())
}

/// Text made of pieces that trigger the header and boilerplate rules.
fn pagey() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "# Title here\n",
        "By Jane Doe\n",
        "Par [X Y](#)\n",
        "Outlet.ca, 08 mai 2016\n",
        "Published: May 7, 2016\n",
        "Share this:\n",
        "Tweet\n",
        "Photo: AFP\n",
        "Tags: [a](b)\n",
        "---\n",
        "\n",
        "\n\n",
        "© 2016 Site\n",
        "BEIRUT (Reuters) - ",
        "MR TONER: ",
        "QUESTION: ",
        "Rebels took the town. ",
        "The army said so.\n",
        "<p>",
        "</p>",
        "<div>",
        "é",
        "ß",
        "حلب",
        "\r\n",
        "\u{feff}",
        "[link](http://a.b)",
        "Avis de non-responsabilité : ",
        "droit d'auteur, permission, reproduire ",
        "Read more",
        "1er mai 2016",
        "30/02/2016",
        "Q  ",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), f in 0usize..3) {
        let format = [Format::Txt, Format::Md, Format::Html][f];
        if let Ok(doc) = document_from_text("prop.bin", &bytes, format, &Options::default()) {
            check_doc(&doc)?;
        }
    }

    #[test]
    fn page_like_text_is_sound(text in pagey(), f in 0usize..3) {
        let format = [Format::Txt, Format::Md, Format::Html][f];
        match document_from_text("prop.md", text.as_bytes(), format, &Options::default()) {
            Ok(doc) => {
                check_doc(&doc)?;
                let seg = sitrep_text::segment(&doc);
                for s in &seg.sentences {
                    for r in &doc.removed {
                        prop_assert!(!s.span.overlaps(r.span), "sentence inside removed span");
                    }
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("prop.md")),
        }
    }

    #[test]
    fn jsonl_lines_never_panic(lines in prop::collection::vec(prop::sample::select(vec![
        "{\"text\": \"Rebels advanced.\"}", "{\"body\": \"x\", \"id\": 3}", "{", "[]", "null", "",
        "{\"text\": \"\"}", "{\"content\": \"<p>Hi there</p>\", \"date\": \"8 mai 2016\"}", "\u{fffd}",
        "{\"text\": \"a\", \"author\": [\"A\", \"B\"], \"x\": {\"y\": 1}}",
    ]), 0..20)) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("c.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let input = Input { path, size: 0, format: Some(Format::Jsonl) };
        for doc in read_input(&input, &Options::default()) {
            match doc {
                Ok(d) => check_doc(&d)?,
                Err(e) => prop_assert!(e.to_string().contains("c.jsonl:"), "{}", e),
            }
        }
    }

    #[test]
    fn dates_are_on_char_boundaries(s in "\\PC{0,80}") {
        for (r, d) in find_dates(&s) {
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.start < r.end);
            prop_assert!(d.year.is_some());
        }
    }
}
