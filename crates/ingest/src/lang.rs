//! Language of a document body, as an ISO 639-1 code (`und` when unknown).
//!
//! whatlang works per document and is unreliable on a line or two, so short
//! bodies that it is not sure about are left undetermined rather than
//! guessed.

/// ISO 639-3 (as whatlang names languages) to ISO 639-1.
const ISO1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// How many bytes of body text are enough to tell the language (whatlang
/// is reliable well below this, and its cost grows with the sample).
const SAMPLE: usize = 3 * 1024;

/// whatlang scores every candidate language's trigram profile, a fixed cost
/// per document that dominated ingest of short reports. Candidates are the
/// languages conflict reporting comes in, plus every language of a
/// non-Latin script (those are told apart by script first, cheaply). A
/// document in a Latin-script language outside the list is reported as the
/// closest listed one.
static DETECTOR: std::sync::LazyLock<whatlang::Detector> = std::sync::LazyLock::new(|| {
    use whatlang::Lang::*;
    whatlang::Detector::with_allowlist(vec![
        Eng, Fra, Spa, Deu, Ita, Por, Nld, Tur, Ind, Pol, Swe, Ron, Rus, Ukr, Bul, Srp, Mkd, Bel, Ara, Pes, Urd, Heb,
        Yid, Cmn, Jpn, Kor, Ell, Hin, Kat, Hye, Tha, Ben, Amh,
    ])
});

/// Detect the language of `text` (ISO 639-1, or `und`).
pub fn detect(text: &str) -> String {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 12 {
        return "und".into();
    }
    if plainly_english(sample) {
        return "en".into();
    }
    match DETECTOR.detect(sample) {
        Some(info) if info.is_reliable() || (letters >= 80 && info.confidence() >= 0.3) => {
            let code = info.lang().code();
            ISO1.iter().find(|(three, _)| *three == code).map_or("und", |(_, two)| two).to_string()
        }
        _ => "und".into(),
    }
}

/// English function words that no other language of the allowlist writes as words of its own
/// (not "in", "was", "will", "an", "on", "is": German, Dutch or French have them too).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "with", "for", "said", "from", "which", "were", "has", "have", "by", "this",
    "their", "they", "been", "would", "its",
];

/// Whether `sample` is English beyond doubt: at least 15 words, and one in eight of them one of
/// [`ENGLISH_FUNCTION_WORDS`] (running English has one in four or five; other languages next to
/// none). Most of a news flow is English, and this answers it without scoring trigram profiles,
/// which was a tenth of an ingest's time.
fn plainly_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut english = 0usize;
    for word in sample.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        words += 1;
        if word.len() <= 6 && ENGLISH_FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word)) {
            english += 1;
        }
    }
    words >= 15 && english * 8 >= words
}

/// Normalise a language given in input metadata (`en`, `EN`, `en-US`,
/// `eng`, `English`, `français`) to ISO 639-1 where it can be recognised.
pub fn normalize_code(given: &str) -> String {
    let g = given.trim().to_lowercase();
    let base = g.split(['-', '_']).next().unwrap_or("");
    if base.len() == 2 && base.chars().all(|c| c.is_ascii_lowercase()) {
        return base.to_string();
    }
    if let Some((_, two)) = ISO1.iter().find(|(three, _)| *three == base) {
        return (*two).to_string();
    }
    let named = [
        ("english", "en"),
        ("french", "fr"),
        ("français", "fr"),
        ("francais", "fr"),
        ("arabic", "ar"),
        ("spanish", "es"),
        ("español", "es"),
        ("german", "de"),
        ("deutsch", "de"),
        ("russian", "ru"),
        ("italian", "it"),
        ("turkish", "tr"),
        ("persian", "fa"),
        ("farsi", "fa"),
        ("kurdish", "ku"),
        ("fre", "fr"),
        ("ger", "de"),
        ("per", "fa"),
        ("chi", "zh"),
        ("zho", "zh"),
    ];
    named.iter().find(|(n, _)| *n == base).map_or_else(|| "und".to_string(), |(_, c)| (*c).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_table() {
        let cases = [
            ("Syrian government forces backed by Russian air strikes advanced on the northern city of Aleppo on Sunday, cutting a key supply route used by rebels.", "en"),
            ("Les forces gouvernementales syriennes, appuyées par l'aviation russe, ont progressé dimanche vers la ville d'Alep, coupant une route d'approvisionnement.", "fr"),
            ("Las fuerzas del gobierno sirio, apoyadas por ataques aéreos rusos, avanzaron el domingo hacia la ciudad de Alepo y cortaron una ruta clave.", "es"),
            ("ok", "und"),
            ("", "und"),
            // Long enough for the function-word test, which must leave these to whatlang.
            ("Die syrischen Regierungstruppen sind am Sonntag mit Unterstützung russischer Luftangriffe auf die nördliche Stadt Aleppo vorgerückt und haben eine wichtige Versorgungsroute der Rebellen abgeschnitten.", "de"),
            ("De Syrische regeringstroepen zijn zondag met steun van Russische luchtaanvallen opgerukt naar de noordelijke stad Aleppo en hebben een belangrijke aanvoerroute van de rebellen afgesneden, zo meldde een waarnemer.", "nl"),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn function_words_tell_english_only() {
        assert!(plainly_english(
            "The ministry said that the convoy, which had been stopped at the border for three days, was allowed through on Monday by the authorities."
        ));
        assert!(!plainly_english("Syrian forces took the town."), "too short to be sure");
        for other in [
            "Les forces gouvernementales syriennes, appuyées par l'aviation russe, ont progressé dimanche vers la ville d'Alep, coupant une route d'approvisionnement essentielle aux rebelles.",
            "Las fuerzas del gobierno sirio, apoyadas por ataques aéreos rusos, avanzaron el domingo hacia la ciudad de Alepo y cortaron una ruta clave de suministro de los rebeldes.",
            "Die syrischen Regierungstruppen sind am Sonntag mit Unterstützung russischer Luftangriffe auf die nördliche Stadt Aleppo vorgerückt und haben eine wichtige Versorgungsroute abgeschnitten.",
        ] {
            assert!(!plainly_english(other), "{other}");
        }
    }

    #[test]
    fn normalize_table() {
        for (given, want) in
            [("en", "en"), ("EN-us", "en"), ("eng", "en"), ("French", "fr"), ("fra", "fr"), ("??", "und")]
        {
            assert_eq!(normalize_code(given), want, "{given}");
        }
    }
}
