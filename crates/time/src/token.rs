//! A small tokenizer that cuts text into words, digit runs and single
//! punctuation marks, each with its byte span, so the time grammar can match on
//! token sequences instead of regexes.
//!
//! Words are lowercased once into a shared buffer (one allocation per scan),
//! because every lookup in the grammar is case-insensitive; the original case
//! stays available for the few rules that need it (English month names are
//! only months when capitalised: "3 May" versus "3 may have died").

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    lower: (u32, u32),
}

pub(crate) struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    lower: String,
}

impl<'t> Tokens<'t> {
    /// Tokenizes `text[start..end]`; spans stay relative to `text`.
    pub fn new(text: &'t str, start: usize, end: usize) -> Tokens<'t> {
        let mut toks = Vec::new();
        let mut lower = String::new();
        let slice = text.get(start..end).unwrap_or("");
        let mut it = slice.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let s = start + i;
            if c.is_whitespace() {
                continue;
            }
            if c.is_ascii_digit() {
                let mut e = s + 1;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        e = start + j + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                toks.push(Token { start: s, end: e, kind: Kind::Num, lower: (0, 0) });
            } else if c.is_alphabetic() {
                let lo = lower.len() as u32;
                lower.extend(c.to_lowercase());
                let mut e = s + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() {
                        lower.extend(d.to_lowercase());
                        e = start + j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                toks.push(Token { start: s, end: e, kind: Kind::Word, lower: (lo, lower.len() as u32) });
            } else {
                let lo = lower.len() as u32;
                lower.push(c);
                toks.push(Token {
                    start: s,
                    end: s + c.len_utf8(),
                    kind: Kind::Punct,
                    lower: (lo, lower.len() as u32),
                });
            }
        }
        Tokens { text, toks, lower }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lowercased word at `i`, if token `i` is a word.
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Word).then(|| &self.lower[t.lower.0 as usize..t.lower.1 as usize])
    }

    /// True when token `i` is one of `words` (lowercase).
    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }

    /// True when the token before `i` is one of `words`.
    pub fn prev_is(&self, i: usize, words: &[&str]) -> bool {
        i > 0 && self.is(i - 1, words)
    }

    /// The value and digit count of the number at `i`.
    pub fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let digits = t.end - t.start;
        if digits > 9 {
            return None;
        }
        self.text.get(t.start..t.end)?.parse().ok().map(|v| (v, digits))
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Punct).then(|| self.lower[t.lower.0 as usize..].chars().next()).flatten()
    }

    pub fn is_punct(&self, i: usize, chars: &[char]) -> bool {
        self.punct(i).is_some_and(|c| chars.contains(&c))
    }

    /// True when tokens `i` and `i + 1` touch (no whitespace between them).
    pub fn touches(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// True when the word at `i` starts with an uppercase letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    }

    pub fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.start)
    }

    /// End byte of the token before `i` (the end of a match that stops at `i`).
    pub fn end_before(&self, i: usize) -> usize {
        i.checked_sub(1).and_then(|j| self.toks.get(j)).map_or(0, |t| t.end)
    }

    /// The apostrophe-s of a possessive ("that day's") at `i`, returning the
    /// index after it.
    pub fn possessive(&self, i: usize) -> Option<usize> {
        (self.is_punct(i, &['\'', '\u{2019}']) && self.touches(i.wrapping_sub(1)) && self.is(i + 1, &["s"]))
            .then_some(i + 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_spans_and_lowercase() {
        let text = "On Mai 8, 2016 at 7:00 — day's Août";
        let t = Tokens::new(text, 0, text.len());
        let shown: Vec<String> = (0..t.len())
            .map(|i| match t.toks[i].kind {
                Kind::Word => format!("w:{}", t.word(i).unwrap()),
                Kind::Num => format!("n:{}", t.num(i).unwrap().0),
                Kind::Punct => format!("p:{}", t.punct(i).unwrap()),
            })
            .collect();
        assert_eq!(shown.join(" "), "w:on w:mai n:8 p:, n:2016 w:at n:7 p:: n:0 p:— w:day p:' w:s w:août");
        for tok in &t.toks {
            assert!(text.get(tok.start..tok.end).is_some());
        }
        assert_eq!(t.possessive(11), Some(13));
    }
}
