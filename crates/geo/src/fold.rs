//! Tokenizing and transliteration-aware folding of place names.
//!
//! Place names reach reports in many romanizations of one Arabic (or Russian,
//! or Pashto) name: Deir ez-Zor / Deir al-Zour / Dayr az Zawr, Khan Touman /
//! Khan Tuman, Idlib / Idleb. Gazetteer names and text are cut into the same
//! tokens and each token is folded to a consonant-heavy skeleton (diacritics
//! dropped, ou/o/aw -> u, e -> i, q -> k, doubled letters collapsed,
//! final -ah/-eh -> -a); Arabic articles (al-, el-, ash-, ...) are dropped from
//! keys. Two names match when their keys are equal: no edit-distance threshold,
//! so Khan Tuman and Khan Shaykhun can never merge.
//!
//! Words are folded with the shared `sitrep_text::fold`, the same folding the
//! actor lexicon uses; both sides of every comparison go through
//! [`fold_token`], so gazetteer keys and text n-grams always agree.

use sitrep_model::Span;
use std::rc::Rc;
use unicode_normalization::char::is_combining_mark;

/// How a token is separated from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Plain spaces (a single line break inside a paragraph counts as one).
    Space,
    /// A hyphen with no spaces: `ez-Zor`, `al-Ghab`.
    Hyphen,
    /// Anything else: punctuation, a paragraph break, the start of the text.
    Break,
}

/// One word of the original text.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub span: Span,
    pub sep: Sep,
    /// The characters between the previous token and this one (trimmed of
    /// nothing), used to recognise commas and sentence ends.
    pub gap: Span,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Folded skeleton of the token.
    pub folded: Rc<str>,
    /// An Arabic article (`al`, `el`, `ash`, ...) that keys leave out.
    pub article: bool,
    /// Followed directly by a possessive `'s`.
    pub possessive: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BF}' | '\u{02BE}' | '\u{00B4}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Articles and particles that romanized Arabic names attach to the next word, and the
/// Persian ezafe between the words of a name (`i` is "e" or "i" folded: Mazar-e Sharif,
/// Mazar-i-Sharif).
pub(crate) fn is_article(folded: &str) -> bool {
    matches!(
        folded,
        "i" | "al"
            | "il"
            | "ul"
            | "ar"
            | "as"
            | "ash"
            | "ad"
            | "at"
            | "az"
            | "an"
            | "ir"
            | "is"
            | "ish"
            | "id"
            | "it"
            | "iz"
            | "in"
    )
}

/// Cuts `text` into word tokens with byte spans. Never panics.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    // Folded words are kept across the documents a thread handles (the same
    // names recur from report to report), up to a bound.
    thread_local! {
        static CACHE: std::cell::RefCell<FoldCache> = std::cell::RefCell::new(FoldCache::default());
    }
    CACHE.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => {
            if cache.len() > 100_000 {
                cache.clear();
            }
            tokenize_with(text, &mut cache)
        }
        Err(_) => tokenize_with(text, &mut FoldCache::default()),
    })
}

/// Folded forms of words already seen. Words recur within a document and
/// across gazetteer names, and folding is the dominant cost.
pub(crate) type FoldCache = std::collections::HashMap<String, Rc<str>, foldhash::fast::FixedState>;

/// [`tokenize`] with a fold cache shared across calls.
pub(crate) fn tokenize_with(text: &str, cache: &mut FoldCache) -> Vec<Token> {
    let mut out = Vec::new();
    let empty: Rc<str> = Rc::from("");
    let mut chars = text.char_indices().peekable();
    let mut prev_end = 0usize;
    while let Some(&(i, c)) = chars.peek() {
        if !c.is_alphanumeric() {
            chars.next();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut possessive = false;
        // Initialisms (U.S., U.K., U.A.E.) are one token, dots included.
        let dotted = initialism_len(&text[i..]);
        if dotted > 0 {
            end = i + dotted;
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
        }
        while let Some(&(j, d)) = chars.peek().filter(|_| dotted == 0) {
            if d.is_alphanumeric() || is_combining_mark(d) {
                end = j + d.len_utf8();
                chars.next();
            } else if is_apostrophe(d) {
                // Keep internal apostrophes (Dara'a, Ma'arrat) but stop before a possessive 's.
                let rest = &text[j + d.len_utf8()..];
                let mut rc = rest.chars();
                let next = rc.next();
                let after = rc.next();
                match next {
                    Some('s') | Some('S') if after.is_none_or(|a| !a.is_alphanumeric()) => {
                        possessive = true;
                        break;
                    }
                    Some(n) if n.is_alphanumeric() => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let gap = Span::new(prev_end, start);
        let gap_text = &text[prev_end..start];
        let sep = if out.is_empty() {
            Sep::Break
        } else if gap_text.chars().count() == 1 && gap_text.chars().all(is_hyphen) {
            Sep::Hyphen
        } else if !gap_text.is_empty()
            && gap_text.chars().all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u{a0}')
            && gap_text.matches('\n').count() <= 1
        {
            Sep::Space
        } else {
            Sep::Break
        };
        let word = &text[start..end];
        // Only words that can be part of a name are folded: capitalised ones and
        // the short lowercase particles inside names. This is most of the cost.
        let cap = word.chars().next().is_some_and(char::is_uppercase);
        let folded = if cap || word.len() <= 5 || crate::words::contains(crate::words::NAME_LOWER, word) {
            match cache.get(word) {
                Some(f) => f.clone(),
                None => {
                    let f: Rc<str> = fold_token(word).into();
                    cache.insert(word.to_string(), f.clone());
                    f
                }
            }
        } else {
            empty.clone()
        };
        // (A capital "I" is a numeral, "Nioko I", not the ezafe.)
        let article = is_article(&folded) && !(cap && &*folded == "i");
        out.push(Token { span: Span::new(start, end), sep, gap, cap, folded, article, possessive });
        prev_end = end;
    }
    out
}

/// Length of an initialism such as "U.S." at the start of `s`, or 0.
fn initialism_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    while n + 1 < b.len() && b[n].is_ascii_uppercase() && b[n + 1] == b'.' {
        n += 2;
    }
    let followed_by_letter = b.get(n).is_some_and(|c| c.is_ascii_alphanumeric());
    if n >= 4 && !followed_by_letter {
        n
    } else {
        0
    }
}

/// Folds one word to its matching skeleton: the shared name folding of
/// `sitrep_text::fold` (diacritics, scripts, doubled letters, ou/u, e/i, o/u,
/// q/k, final -ah/-eh), plus two place-name alternations it leaves alone:
/// "aw"/"au" for a long u (Zawr/Zour, Hawran/Houran) and "dh" for d.
pub(crate) fn fold_token(word: &str) -> String {
    // French romanizations end a final -an/-in/-oun with a mute e (Toumane, Rastane, Hajine).
    let lower = word.to_ascii_lowercase();
    let word = if word.len() > 4
        && word.is_ascii()
        && ["ane", "ine", "une", "ene", "one"].iter().any(|s| lower.ends_with(s))
    {
        &word[..word.len() - 1]
    } else {
        word
    };
    let key = sitrep_text::fold::fold_key(word);
    let b = key.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied().unwrap_or(0);
        let (sub, adv): (u8, usize) = match (b[i], next) {
            (b'a', b'w') | (b'a', b'u') => (b'u', 2),
            (b'd', b'h') => (b'd', 2),
            (c, _) => (c, 1),
        };
        if out.last() != Some(&sub) || !sub.is_ascii_alphabetic() {
            out.push(sub);
        }
        i += adv;
    }
    // The shared fold yields ASCII only, so byte edits keep the string valid.
    String::from_utf8(out).unwrap_or_default()
}

/// The matching key of a whole name: folded tokens without articles, joined by spaces.
pub(crate) fn name_key(name: &str) -> String {
    name_key_with(name, &mut FoldCache::default())
}

/// [`name_key`] with a fold cache shared across calls.
pub(crate) fn name_key_with(name: &str, cache: &mut FoldCache) -> String {
    let toks = tokenize_with(name, cache);
    let content = toks.iter().filter(|t| !t.article).count();
    let mut key = String::new();
    for t in &toks {
        if t.article && content > 0 {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&t.folded);
    }
    key
}

/// FNV-1a over a key, fed piecewise so text n-grams hash without allocating.
#[derive(Clone, Copy)]
pub(crate) struct KeyHasher {
    h: u64,
    empty: bool,
}

impl KeyHasher {
    pub fn new() -> KeyHasher {
        KeyHasher { h: 0xcbf2_9ce4_8422_2325, empty: true }
    }
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.h ^= u64::from(b);
            self.h = self.h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// Appends one folded token, with a separating space after the first.
    pub fn push(&mut self, folded: &str) {
        if !self.empty {
            self.feed(b" ");
        }
        self.feed(folded.as_bytes());
        self.empty = false;
    }
    pub fn finish(&self) -> u64 {
        self.h
    }
}

/// Hash of a whole key string, equal to pushing its space-separated parts.
pub(crate) fn key_hash(key: &str) -> u64 {
    let mut h = KeyHasher::new();
    for part in key.split(' ') {
        h.push(part);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        let groups: &[&[&str]] = &[
            &["Aleppo", "Aleppo"],
            &["Khan Touman", "Khan Tuman", "Khan Toman", "Khan Tumane", "Khān Ṭūmān"],
            &["Khan Shaykhun", "Khan Sheikhoun", "Khān Shaykhūn"],
            &["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Dair az-Zaur"],
            &["Raqqa", "Ar-Raqqah", "Raqqah", "al-Raqqa"],
            &["Idlib", "Idleb", "İdlib"],
            &["Al-Mastuma", "Al-Mastumah", "Mastuma", "al-Mastouma"],
            &["al-Ghab plain", "Ghab Plain", "Al-Ghab Plain"],
        ];
        for g in groups {
            let k0 = name_key(g[0]);
            for n in &g[1..] {
                assert_eq!(name_key(n), k0, "{n} vs {}", g[0]);
            }
        }
        assert_ne!(name_key("Khan Tuman"), name_key("Khan Shaykhun"));
        assert_ne!(name_key("Homs"), name_key("Hama"));
    }

    #[test]
    fn tokens_split_possessives_and_hyphens() {
        let t = tokenize("Aleppo's east, Deir ez-Zor and Dara'a");
        let words: Vec<_> = t.iter().map(|t| (&t.folded[..], t.sep, t.possessive)).collect();
        assert_eq!(
            words,
            vec![
                ("alipu", Sep::Break, true),
                ("s", Sep::Break, false),
                ("iast", Sep::Space, false),
                ("dair", Sep::Break, false),
                ("iz", Sep::Space, false),
                ("zur", Sep::Hyphen, false),
                ("and", Sep::Space, false),
                ("dara", Sep::Space, false),
            ]
        );
    }
}
