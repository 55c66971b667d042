//! CoNLL-U in and out, and the CoNLL 2018 style evaluation of a parser
//! against a gold treebank.
//!
//! Reading keeps only the syntactic words: multiword-token lines (`1-2`)
//! and empty nodes (`8.1`) are skipped, as the evaluation of basic trees
//! requires. Errors name the file, the line and the field at fault.

use crate::parse::Parse;
use crate::Parser;
use std::fmt::Write as _;
use std::path::Path;
use thiserror::Error;

/// Why a CoNLL-U file could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConlluError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: field `{field}`: {reason}")]
    Malformed { path: String, line: usize, field: &'static str, reason: String },
}

/// One syntactic word of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based head, 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A sentence: its comment lines (without `# `) and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
}

impl Sentence {
    /// The `# text = ...` comment, when present.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// The `# sent_id = ...` comment, when present.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then_some(v.trim())
        })
    }

    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, ConlluError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConlluError::Io { path: path.display().to_string(), source })?;
    parse_conllu(&text, &path.display().to_string())
}

/// Parses CoNLL-U text; `source` names it in error messages.
pub fn parse_conllu(text: &str, source: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let bad = |line: usize, field: &'static str, reason: String| ConlluError::Malformed {
        path: source.to_string(),
        line,
        field,
        reason,
    };
    for (i, raw) in text.lines().enumerate() {
        let ln = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(ln, "line", format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id.parse().map_err(|_| bad(ln, "ID", format!("not a word index: {id:?}")))?;
        if id != cur.words.len() + 1 {
            return Err(bad(ln, "ID", format!("expected word {}, found {id}", cur.words.len() + 1)));
        }
        let head: usize = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| bad(ln, "HEAD", format!("not a head index: {:?}", cols[6])))?
        };
        cur.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for (si, s) in out.iter().enumerate() {
        if let Some(w) = s.words.iter().find(|w| w.head > s.words.len()) {
            return Err(ConlluError::Malformed {
                path: source.to_string(),
                line: 0,
                field: "HEAD",
                reason: format!("sentence {}: word {} has head {} beyond the sentence", si + 1, w.id, w.head),
            });
        }
    }
    Ok(out)
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Writes one parse as a CoNLL-U sentence. `text` is the document the
/// parse's spans point into; `SpaceAfter=No` is derived from it.
pub fn write_parse(out: &mut String, parse: &Parse, text: &str, sent_id: Option<&str>) {
    if let Some(id) = sent_id {
        let _ = writeln!(out, "# sent_id = {id}");
    }
    let sent = parse.span().slice(text).replace(['\n', '\r'], " ");
    let _ = writeln!(out, "# text = {}", sent.trim());
    for (i, t) in parse.tokens.iter().enumerate() {
        let next = parse.tokens.get(i + 1).map(|n| n.span.start);
        let misc = match next {
            Some(s) if s == t.span.end => "SpaceAfter=No",
            _ => "_",
        };
        let form = t.form.replace(['\t', '\n'], " ");
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            or_blank(&form),
            or_blank(&t.lemma),
            t.upos.as_str(),
            or_blank(t.xpos),
            t.head,
            or_blank(t.deprel),
            misc
        );
    }
    out.push('\n');
}

/// Accuracy figures over all words (punctuation included, as in the CoNLL
/// 2018 shared task). `las` compares the universal part of the label
/// (`nsubj` for `nsubj:pass`); `las_full` the whole label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
}

impl Scores {
    fn ratio(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            n as f64 / self.words as f64
        }
    }
    pub fn upos_acc(&self) -> f64 {
        self.ratio(self.upos)
    }
    pub fn xpos_acc(&self) -> f64 {
        self.ratio(self.xpos)
    }
    pub fn lemma_acc(&self) -> f64 {
        self.ratio(self.lemma)
    }
    pub fn uas(&self) -> f64 {
        self.ratio(self.uas)
    }
    pub fn las(&self) -> f64 {
        self.ratio(self.las)
    }
    pub fn las_full(&self) -> f64 {
        self.ratio(self.las_full)
    }

    /// Adds the comparison of one predicted sentence with its gold.
    pub fn add(&mut self, gold: &Sentence, pred: &Parse) {
        self.sentences += 1;
        for (g, p) in gold.words.iter().zip(&pred.tokens) {
            self.words += 1;
            self.upos += usize::from(g.upos == p.upos.as_str());
            self.xpos += usize::from(g.xpos == p.xpos);
            self.lemma += usize::from(g.lemma == p.lemma);
            if g.head == p.head {
                self.uas += 1;
                let gu = g.deprel.split(':').next().unwrap_or("");
                let pu = p.deprel.split(':').next().unwrap_or("");
                self.las += usize::from(gu == pu);
                self.las_full += usize::from(g.deprel == p.deprel);
            }
        }
        // Words the prediction lacks count as errors.
        self.words += gold.words.len().saturating_sub(pred.tokens.len());
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sentences {} words {}  UPOS {:.4}  XPOS {:.4}  lemma {:.4}  UAS {:.4}  LAS {:.4}  LAS(full labels) {:.4}",
            self.sentences,
            self.words,
            self.upos_acc(),
            self.xpos_acc(),
            self.lemma_acc(),
            self.uas(),
            self.las(),
            self.las_full()
        )
    }
}

/// Parses every gold sentence from its gold tokenization and scores it.
pub fn evaluate(parser: &Parser, gold: &[Sentence]) -> Scores {
    let mut s = Scores::default();
    for g in gold {
        let forms = g.forms();
        let p = parser.parse_tokens(&forms);
        s.add(g, &p);
    }
    s
}

/// One call for a CLI: reads a CoNLL-U file and scores the parser on it.
pub fn evaluate_file(parser: &Parser, path: &Path) -> Result<Scores, ConlluError> {
    Ok(evaluate(parser, &read_conllu(path)?))
}

/// One call for a CLI: re-parses the words of a CoNLL-U file (its gold
/// tokenization) and returns the parses as CoNLL-U.
pub fn reparse_conllu_file(parser: &Parser, path: &Path) -> Result<String, ConlluError> {
    Ok(reparse(parser, &read_conllu(path)?))
}

/// [`reparse_conllu_file`] on CoNLL-U text already read (`source` names it in errors).
pub fn reparse_conllu(parser: &Parser, text: &str, source: &str) -> Result<String, ConlluError> {
    Ok(reparse(parser, &parse_conllu(text, source)?))
}

fn reparse(parser: &Parser, gold: &[Sentence]) -> String {
    let mut out = String::new();
    for (i, g) in gold.iter().enumerate() {
        let forms = g.forms();
        let joined = forms.join(" ");
        let p = parser.parse_tokens(&forms);
        let id = g.sent_id().map(str::to_string).unwrap_or_else(|| format!("{}", i + 1));
        write_parse(&mut out, &p, &joined, Some(&id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = t1\n# text = Rebels don't retreat.\n\
1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t4\tnsubj\t4:nsubj\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n\
3.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n\
4\tretreat\tretreat\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn skips_multiword_tokens_and_empty_nodes() {
        let s = parse_conllu(SAMPLE, "sample").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].forms(), ["Rebels", "do", "n't", "retreat", "."]);
        assert_eq!(s[0].text(), Some("Rebels don't retreat."));
        assert_eq!(s[0].sent_id(), Some("t1"));
        assert_eq!(s[0].words[3].head, 0);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let cases = [
            ("1\tA\ta\tX\tX\t_\t0\troot\t_\n", "sample:1: field `line`"),
            ("1\tA\ta\tX\tX\t_\tz\troot\t_\t_\n", "sample:1: field `HEAD`"),
            ("2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "sample:1: field `ID`"),
            ("1\tA\ta\tX\tX\t_\t7\troot\t_\t_\n", "field `HEAD`"),
        ];
        for (input, want) in cases {
            let e = parse_conllu(input, "sample").unwrap_err().to_string();
            assert!(e.contains(want), "{e} lacks {want}");
        }
    }
}
