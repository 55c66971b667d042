//! Word tokens of one sentence, with byte offsets into the document text.
//!
//! The coder matches its patterns against these tokens rather than raw text so
//! that every match can be traced back to bytes. The tokenizer is deliberately
//! simple and total: it folds case and typographic quotes, splits clitics
//! (`'s`, `n't`), treats a hyphen between letters as a word joiner (so that
//! "US-backed" yields "us" and "backed"), and skips Markdown link targets.

use sitrep_model::Span;

/// What a token is, for the scanners that look for clause boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// Punctuation that ends a clause for role scanning (`;`, `:`, `?`, `!`, a dash).
    Boundary,
    Comma,
    /// Other punctuation: brackets, quotes, slashes.
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the document text.
    pub span: Span,
    /// Lowercased, quote-folded form.
    pub norm: String,
    pub kind: TokKind,
    /// True when the surface form starts with an uppercase letter.
    pub capitalized: bool,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word | TokKind::Number)
    }
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Tokenizes `text[span]`; offsets are absolute. Never panics: a span that is
/// out of bounds or not on character boundaries yields no tokens.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let Some(s) = text.get(span.range()) else {
        return Vec::new();
    };
    let base = span.start;
    let chars: Vec<(usize, char)> = s.char_indices().map(|(i, c)| (i, fold_char(c))).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let end_of = |k: usize| -> usize { chars.get(k).map(|&(o, _)| o).unwrap_or(s.len()) };
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // Markdown link target `](...)`: the target is not prose.
        if c == ']' && chars.get(i + 1).map(|x| x.1) == Some('(') {
            let mut j = i + 2;
            while j < chars.len() && chars[j].1 != ')' && !chars[j].1.is_whitespace() {
                j += 1;
            }
            if j < chars.len() && chars[j].1 == ')' {
                i = j + 1;
                continue;
            }
        }
        if is_word_char(c) {
            let mut j = i;
            while j < chars.len() {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                // A period inside an abbreviation such as "U.S." stays in the word.
                if cj == '.'
                    && chars.get(j + 1).is_some_and(|x| x.1.is_alphabetic())
                    && chars.get(j + 2).is_some_and(|x| x.1 == '.')
                {
                    j += 2;
                    continue;
                }
                break;
            }
            // Keep the final period of "U.S." style abbreviations.
            let word_end =
                if j < chars.len() && chars[j].1 == '.' && (j - i) >= 2 && chars[j - 2].1 == '.' { j + 1 } else { j };
            let surface = &s[off..end_of(word_end)];
            let norm: String = surface.chars().map(fold_char).flat_map(char::to_lowercase).collect();
            let norm = if norm.contains('.') { norm.replace('.', "") } else { norm };
            let numeric = surface.chars().all(|c| c.is_ascii_digit());
            // "don't" is split as "do" + "n't" so negation is one token.
            if norm.ends_with('n')
                && chars.get(word_end).is_some_and(|x| x.1 == '\'')
                && chars.get(word_end + 1).is_some_and(|x| x.1 == 't')
                && norm.len() > 1
            {
                let stem_end = off + surface.len() - 1;
                out.push(Token {
                    span: Span::new(base + off, base + stem_end),
                    norm: norm[..norm.len() - 1].to_string(),
                    kind: TokKind::Word,
                    capitalized: surface.starts_with(char::is_uppercase),
                });
                let tend = end_of(word_end + 2);
                out.push(Token {
                    span: Span::new(base + stem_end, base + tend),
                    norm: "n't".into(),
                    kind: TokKind::Word,
                    capitalized: false,
                });
                i = word_end + 2;
                continue;
            }
            out.push(Token {
                span: Span::new(base + off, base + end_of(word_end)),
                norm,
                kind: if numeric { TokKind::Number } else { TokKind::Word },
                capitalized: surface.starts_with(char::is_uppercase),
            });
            i = word_end;
            continue;
        }
        if c == '\'' {
            // Clitics: 's, 're, 've, 'll, 'd, 'm.
            let mut j = i + 1;
            while j < chars.len() && chars[j].1.is_alphabetic() && j - i <= 3 {
                j += 1;
            }
            let clitic: String = chars[i..j].iter().map(|x| x.1).flat_map(char::to_lowercase).collect();
            let ok = matches!(clitic.as_str(), "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m")
                && !chars.get(j).is_some_and(|x| x.1.is_alphanumeric())
                && i > 0
                && is_word_char(chars[i - 1].1);
            if ok {
                out.push(Token {
                    span: Span::new(base + off, base + end_of(j)),
                    norm: clitic,
                    kind: TokKind::Word,
                    capitalized: false,
                });
                i = j;
                continue;
            }
        }
        if c == '-' {
            let prev_word = i > 0 && is_word_char(chars[i - 1].1);
            let next_word = chars.get(i + 1).is_some_and(|x| is_word_char(x.1));
            if prev_word && next_word {
                // A joiner inside a compound word.
                i += 1;
                continue;
            }
        }
        let kind = match c {
            ';' | ':' | '?' | '!' | '\u{2014}' | '\u{2013}' | '-' => TokKind::Boundary,
            ',' => TokKind::Comma,
            _ => TokKind::Punct,
        };
        let mut j = i + 1;
        if c == '-' {
            while j < chars.len() && chars[j].1 == '-' {
                j += 1;
            }
        }
        let norm: String = chars[i..j].iter().map(|x| x.1).collect();
        out.push(Token { span: Span::new(base + off, base + end_of(j)), norm, kind, capitalized: false });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len())).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn tokens_fold_and_split() {
        let cases: &[(&str, &str)] = &[
            ("US-backed rebels", "us backed rebels"),
            ("the U.S. said", "the us said"),
            ("forces' hands", "forces ' hands"),
            ("Al-Qaeda's branch", "al qaeda 's branch"),
            ("don't go", "do n't go"),
            ("They\u{2019}ve - it's", "they 've - it 's"),
            ("[Al-Hayat newspaper](#) on May 2", "[ al hayat newspaper on may 2"),
            ("Nusra; Ahrar: x", "nusra ; ahrar : x"),
        ];
        for (input, want) in cases {
            assert_eq!(norms(input).join(" "), *want, "{input}");
        }
    }

    #[test]
    fn offsets_point_at_the_surface() {
        let s = "Khān Ṭūmān fell.";
        let toks = tokenize(s, Span::new(0, s.len()));
        assert_eq!(toks[1].span.slice(s), "Ṭūmān");
        assert_eq!(toks[3].kind, TokKind::Punct);
    }
}
