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
    match DETECTOR.detect(sample) {
        Some(info) if info.is_reliable() || (letters >= 80 && info.confidence() >= 0.3) => {
            let code = info.lang().code();
            ISO1.iter().find(|(three, _)| *three == code).map_or("und", |(_, two)| two).to_string()
        }
        _ => "und".into(),
    }
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
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
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
