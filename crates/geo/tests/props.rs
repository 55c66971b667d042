//! Property tests: `find_places` never panics and its spans are in bounds, on
//! character boundaries, and equal to the names they carry.

use proptest::prelude::*;
use sitrep_geo::Gazetteer;
use sitrep_model::{Sentence, Span};

fn words() -> impl Strategy<Value = String> {
    let w = prop::sample::select(vec![
        "in",
        "the",
        "town",
        "of",
        "Aleppo",
        "al-",
        "Khan",
        "Touman",
        ",",
        ".",
        "Idlib",
        "province",
        "South",
        "near",
        "Tripoli",
        "Syria",
        "Ghab",
        "plain",
        "and",
        "Ahrar",
        "al-Sham",
        "Khān",
        "Ṭūmān",
        "'s",
        "\n\n",
        "-",
        "É",
        "ﬁ",
        "حلب",
        "  ",
        "Deir",
        "ez-Zor",
        "US",
        "Reading",
    ]);
    prop::collection::vec(w, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_on_arbitrary_text(text in ".{0,200}", cut in 0usize..50) {
        let n = text.len();
        let mid = (0..=cut.min(n)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let sentences = vec![
            Sentence { index: 0, paragraph: 0, span: Span::new(0, mid) },
            Sentence { index: 1, paragraph: 1, span: Span::new(mid, n) },
        ];
        for m in Gazetteer::embedded().find_places(&text, &sentences, &[Span::new(3, 9)]) {
            prop_assert!(m.span.end <= n && m.span.start < m.span.end);
            prop_assert_eq!(m.span.slice(&text), m.name.as_str());
        }
    }

    #[test]
    fn spans_are_consistent_on_place_like_text(text in words()) {
        for m in Gazetteer::embedded().find_places(&text, &[], &[]) {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert_eq!(m.span.slice(&text), m.name.as_str());
            prop_assert_eq!(&m.place.name, &m.name);
            if let (Some(lat), Some(lon)) = (m.place.lat, m.place.lon) {
                prop_assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
            }
        }
    }

    #[test]
    fn lookup_never_panics(name in ".{0,40}") {
        let _ = Gazetteer::embedded().lookup(&name);
    }
}
