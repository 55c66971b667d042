//! Lemmatisation: English inflection rules plus an exception table learned
//! from a treebank's (form, UPOS) -> lemma pairs.
//!
//! The table only keeps pairs the rules get wrong (irregular verbs, plurals
//! such as "casualties", pronouns), so it stays small and the rules carry
//! every word the treebank never saw.

use crate::binfmt::{FormatError, Reader, Writer};
use crate::tags::Upos;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    table: HashMap<(String, Upos), String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !is_vowel(c)
}

/// Restores what a verb stem lost before `-ed`/`-ing`: a doubled final
/// consonant ("stopp" -> "stop") or a silent `e` ("seiz" -> "seize").
fn verb_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && matches!(b[n - 1], b'b' | b'd' | b'g' | b'm' | b'n' | b'p' | b'r' | b't') {
        return stem[..n - 1].to_string();
    }
    if n == 0 || !stem.is_ascii() {
        return stem.to_string();
    }
    let last = b[n - 1];
    let needs_e = matches!(last, b'v' | b'c')
        || (last == b'z' && n >= 2 && b[n - 2] != b'z')
        || (n >= 3 && last == b'r' && matches!(b[n - 2], b'a' | b'u' | b'i') && is_consonant(b[n - 3]))
        || ((2..=4).contains(&n)
            && is_consonant(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(b[n - 2])
            && (n == 2 || is_consonant(b[n - 3])))
        || (n >= 3 && &b[n - 2..] == b"at" && is_consonant(b[n - 3]))
        || (n >= 2 && last == b'g' && matches!(b[n - 2], b'n' | b'r') && n >= 4 && b[n - 3] == b'a')
        || stem.ends_with("iz")
        || stem.ends_with("is") && n > 4
        || (n >= 3 && last == b'u')
        || (n >= 3 && last == b'd' && b[n - 2] == b'i' && is_consonant(b[n - 3]) && n >= 5);
    if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// The rule-based lemma of `form` with tags `upos`/`xpos`.
pub fn rule_lemma(form: &str, upos: Upos, xpos: &str) -> String {
    if matches!(upos, Upos::Propn | Upos::Punct | Upos::Sym | Upos::Num | Upos::X) {
        return form.to_string();
    }
    let low = form.to_lowercase();
    let strip = |suf: &str| low.strip_suffix(suf).filter(|s| s.len() >= 2);
    match xpos {
        "NNS" if upos == Upos::Noun => {
            if let Some(s) = strip("ies").filter(|s| s.len() >= 2) {
                return format!("{s}y");
            }
            for suf in ["sses", "shes", "ches", "xes", "zes"] {
                if low.ends_with(suf) {
                    return low[..low.len() - 2].to_string();
                }
            }
            if low.ends_with("men") && low.len() > 4 {
                return format!("{}man", &low[..low.len() - 3]);
            }
            if low.ends_with("ss") || low.ends_with("us") || low.ends_with("is") {
                return low;
            }
            if let Some(s) = strip("s") {
                return s.to_string();
            }
            low
        }
        "VBZ" => {
            if let Some(s) = strip("ies") {
                return format!("{s}y");
            }
            for suf in ["sses", "shes", "ches", "xes", "zes", "oes"] {
                if low.ends_with(suf) {
                    return low[..low.len() - 2].to_string();
                }
            }
            strip("s").map(str::to_string).unwrap_or(low)
        }
        "VBG" => match strip("ing") {
            Some(s) => verb_stem(s),
            None => low,
        },
        "VBD" | "VBN" => {
            if let Some(s) = strip("ied") {
                return format!("{s}y");
            }
            if let Some(s) = low.strip_suffix("ed").filter(|s| s.len() >= 2) {
                if s.ends_with('e') {
                    return s.to_string();
                }
                return verb_stem(s);
            }
            low
        }
        "JJR" | "RBR" => {
            if let Some(s) = strip("ier") {
                return format!("{s}y");
            }
            match strip("er") {
                Some(s) => verb_stem(s),
                None => low,
            }
        }
        "JJS" | "RBS" => {
            if let Some(s) = strip("iest") {
                return format!("{s}y");
            }
            match strip("est") {
                Some(s) => verb_stem(s),
                None => low,
            }
        }
        _ => low,
    }
}

impl Lemmatizer {
    /// Learns the exception table from (form, UPOS, XPOS, lemma) quadruples:
    /// the majority lemma of each (form, UPOS) is kept when the rules miss it.
    pub fn learn<'a>(pairs: impl IntoIterator<Item = (&'a str, Upos, &'a str, &'a str)>) -> Lemmatizer {
        let mut counts: HashMap<(String, Upos), HashMap<(String, String), u32>> = HashMap::new();
        for (form, upos, xpos, lemma) in pairs {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            *counts
                .entry((form.to_string(), upos))
                .or_default()
                .entry((lemma.to_string(), xpos.to_string()))
                .or_default() += 1;
        }
        let mut table = HashMap::new();
        for ((form, upos), m) in counts {
            let mut v: Vec<(&(String, String), &u32)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            let Some(((lemma, xpos), _)) = v.first() else {
                continue;
            };
            if rule_lemma(&form, upos, xpos) != *lemma {
                table.insert((form, upos), lemma.clone());
            }
        }
        Lemmatizer { table }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn lemma(&self, form: &str, upos: Upos, xpos: &str) -> String {
        if let Some(l) = self.table.get(&(form.to_string(), upos)) {
            return l.clone();
        }
        // A capitalised word at the start of a sentence is usually the
        // lower-case word the table knows.
        if form.chars().next().is_some_and(char::is_uppercase) && upos != Upos::Propn {
            let low = form.to_lowercase();
            if let Some(l) = self.table.get(&(low, upos)) {
                return l.clone();
            }
        }
        rule_lemma(form, upos, xpos)
    }

    pub fn write(&self, w: &mut Writer) {
        let mut v: Vec<(&(String, Upos), &String)> = self.table.iter().collect();
        v.sort();
        w.u64(v.len() as u64);
        for ((form, upos), lemma) in v {
            w.str(form);
            w.u8(Upos::ALL.iter().position(|u| u == upos).unwrap_or(16) as u8);
            w.str(lemma);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, FormatError> {
        let n = r.u64("lemmas")? as usize;
        let mut table = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let form = r.str("lemmas.form")?.to_string();
            let u = r.u8("lemmas.upos")?;
            let upos = *Upos::ALL.get(usize::from(u)).ok_or_else(|| r.error("lemmas.upos", "unknown UPOS"))?;
            let lemma = r.str("lemmas.lemma")?.to_string();
            table.insert((form, upos), lemma);
        }
        Ok(Lemmatizer { table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cover_regular_inflection() {
        let cases = [
            ("militias", Upos::Noun, "NNS", "militia"),
            ("casualties", Upos::Noun, "NNS", "casualty"),
            ("churches", Upos::Noun, "NNS", "church"),
            ("gunmen", Upos::Noun, "NNS", "gunman"),
            ("attacked", Upos::Verb, "VBD", "attack"),
            ("seized", Upos::Verb, "VBD", "seize"),
            ("captured", Upos::Verb, "VBN", "capture"),
            ("shelled", Upos::Verb, "VBD", "shell"),
            ("stopped", Upos::Verb, "VBD", "stop"),
            ("carried", Upos::Verb, "VBD", "carry"),
            ("stated", Upos::Verb, "VBD", "state"),
            ("announced", Upos::Verb, "VBD", "announce"),
            ("fighting", Upos::Verb, "VBG", "fight"),
            ("making", Upos::Verb, "VBG", "make"),
            ("using", Upos::Verb, "VBG", "use"),
            ("running", Upos::Verb, "VBG", "run"),
            ("targets", Upos::Verb, "VBZ", "target"),
            ("pushes", Upos::Verb, "VBZ", "push"),
            ("larger", Upos::Adj, "JJR", "large"),
            ("biggest", Upos::Adj, "JJS", "big"),
            ("Aleppo", Upos::Propn, "NNP", "Aleppo"),
            ("The", Upos::Det, "DT", "the"),
        ];
        for (form, upos, xpos, want) in cases {
            assert_eq!(rule_lemma(form, upos, xpos), want, "{form}/{xpos}");
        }
    }

    #[test]
    fn exception_table_overrides_rules() {
        let l = Lemmatizer::learn([
            ("fled", Upos::Verb, "VBD", "flee"),
            ("fled", Upos::Verb, "VBD", "flee"),
            ("attacked", Upos::Verb, "VBD", "attack"),
            ("was", Upos::Aux, "VBD", "be"),
        ]);
        assert_eq!(l.len(), 2, "only the irregular pairs are stored");
        assert_eq!(l.lemma("fled", Upos::Verb, "VBD"), "flee");
        assert_eq!(l.lemma("Was", Upos::Aux, "VBD"), "be");
        assert_eq!(l.lemma("shelled", Upos::Verb, "VBD"), "shell");
        let mut w = Writer::default();
        l.write(&mut w);
        let b = w.into_bytes();
        let back = Lemmatizer::read(&mut Reader::new(&b)).unwrap();
        assert_eq!(back.lemma("fled", Upos::Verb, "VBD"), "flee");
    }
}
