//! The complete syntax model (lemmatizer, tagger, parser), its file format,
//! and the embedded copy every sitrep binary carries.

use crate::binfmt::{FormatError, Reader, Writer};
use crate::depparse::DepParser;
use crate::lemma::Lemmatizer;
use crate::parse::{Parse, Token};
use crate::tagger::{word_atoms, Tagger};
use crate::tags::Upos;
use crate::tokenize::{split_sentences, tokenize_span};
use sitrep_model::Span;
use std::path::Path;
use std::sync::OnceLock;
use thiserror::Error;

const MAGIC: &[u8; 14] = b"SITREP-SYNTAX\0";
const VERSION: u64 = 1;

/// The model trained from UD English EWT, shipped in the crate.
static EMBEDDED: &[u8] = include_bytes!("../model/en_ewt.model");

/// Why a model could not be loaded.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("cannot read model {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("model {path}: not a sitrep syntax model (bad magic bytes)")]
    Magic { path: String },
    #[error("model {path}: format version {found}, this build reads version {VERSION}")]
    Version { path: String, found: u64 },
    #[error("model {path}: {source}")]
    Format {
        path: String,
        #[source]
        source: FormatError,
    },
}

/// Tokenizer, tagger, lemmatizer and parser together.
#[derive(Clone, Debug)]
pub struct Parser {
    tagger: Option<Tagger>,
    parser: Option<DepParser>,
    lemmas: Lemmatizer,
    info: String,
}

impl Parser {
    /// The embedded model, loaded once per process. If the embedded bytes
    /// cannot be read (a build without a trained model) this is a fallback
    /// that tags everything `X` and attaches every word to the first, so
    /// callers never panic; [`Parser::is_trained`] tells the difference.
    pub fn embedded() -> &'static Parser {
        static P: OnceLock<Parser> = OnceLock::new();
        P.get_or_init(|| Parser::from_bytes(EMBEDDED, "<embedded>").unwrap_or_else(|_| Parser::untrained()))
    }

    /// A parser with no model (see [`Parser::embedded`]).
    pub fn untrained() -> Parser {
        Parser { tagger: None, parser: None, lemmas: Lemmatizer::default(), info: "untrained".to_string() }
    }

    pub fn new(tagger: Tagger, parser: DepParser, lemmas: Lemmatizer, info: String) -> Parser {
        Parser { tagger: Some(tagger), parser: Some(parser), lemmas, info }
    }

    /// The model with the parser's weak features dropped (see
    /// [`DepParser::without_weak_features`]); the floor is recorded in
    /// [`Parser::info`] as `parser_feature_floor`. The tagger keeps all of
    /// its features: its table is small and every tagging error reaches the
    /// parse.
    pub fn with_parser_feature_floor(self, floor: f32) -> Parser {
        let mut info: String =
            self.info.lines().filter(|l| !l.starts_with("parser_feature_floor =")).flat_map(|l| [l, "\n"]).collect();
        info.push_str(&format!("parser_feature_floor = {floor}\n"));
        Parser { parser: self.parser.map(|p| p.without_weak_features(floor)), info, ..self }
    }

    pub fn is_trained(&self) -> bool {
        self.tagger.is_some() && self.parser.is_some()
    }

    /// What the model was trained from (`key = value` lines).
    pub fn info(&self) -> &str {
        &self.info
    }

    pub fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref()
    }

    pub fn dep_parser(&self) -> Option<&DepParser> {
        self.parser.as_ref()
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmas
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Parser, ModelError> {
        let bytes =
            std::fs::read(path).map_err(|source| ModelError::Io { path: path.display().to_string(), source })?;
        Parser::from_bytes(&bytes, &path.display().to_string())
    }

    /// Reads a model from bytes; `name` appears in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Parser, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::Magic { path: name.to_string() });
        }
        let mut r = Reader::new(&bytes[MAGIC.len()..]);
        let fmt = |source| ModelError::Format { path: name.to_string(), source };
        let version = r.u64("version").map_err(fmt)?;
        if version != VERSION {
            return Err(ModelError::Version { path: name.to_string(), found: version });
        }
        let info = r.str("info").map_err(fmt)?.to_string();
        let lemmas = Lemmatizer::read(&mut r).map_err(fmt)?;
        let tagger = Tagger::read(&mut r).map_err(fmt)?;
        let parser = DepParser::read(&mut r).map_err(fmt)?;
        Ok(Parser { tagger: Some(tagger), parser: Some(parser), lemmas, info })
    }

    /// Serialises the model (the inverse of [`Parser::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.u64(VERSION);
        w.str(&self.info);
        self.lemmas.write(&mut w);
        if let (Some(t), Some(p)) = (&self.tagger, &self.parser) {
            t.write(&mut w);
            p.write(&mut w);
        }
        w.into_bytes()
    }

    /// Tags words: (UPOS, XPOS) per word.
    pub fn tag(&self, forms: &[&str]) -> Vec<(Upos, &'static str)> {
        match &self.tagger {
            Some(t) => t
                .tag(forms)
                .into_iter()
                .map(|c| {
                    let c = t.classes()[usize::from(c)];
                    (c.upos, c.xpos)
                })
                .collect(),
            None => forms.iter().map(|_| (Upos::X, "_")).collect(),
        }
    }

    /// Tokenizes and parses `text[span]` as one sentence. Token spans point
    /// into `text`.
    pub fn parse(&self, text: &str, span: Span) -> Parse {
        let spans = tokenize_span(text, span);
        self.parse_spans(text, &spans)
    }

    /// Parses pre-tokenized words of `text`.
    pub fn parse_spans(&self, text: &str, spans: &[Span]) -> Parse {
        let forms: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        self.parse_forms(&forms, spans)
    }

    /// Parses words given as strings (gold tokenization). Spans are those
    /// of the words joined by single spaces.
    pub fn parse_tokens(&self, forms: &[&str]) -> Parse {
        let mut spans = Vec::with_capacity(forms.len());
        let mut at = 0;
        for f in forms {
            spans.push(Span::new(at, at + f.len()));
            at += f.len() + 1;
        }
        self.parse_forms(forms, &spans)
    }

    /// Splits `text` into sentences ([`split_sentences`]) and parses each.
    pub fn parse_document(&self, text: &str) -> Vec<Parse> {
        split_sentences(text, Span::new(0, text.len())).into_iter().map(|s| self.parse(text, s)).collect()
    }

    fn parse_forms(&self, forms: &[&str], spans: &[Span]) -> Parse {
        let (Some(tagger), Some(parser)) = (&self.tagger, &self.parser) else {
            let tokens = forms
                .iter()
                .zip(spans)
                .enumerate()
                .map(|(i, (f, s))| Token {
                    span: *s,
                    form: f.to_string(),
                    upos: Upos::X,
                    xpos: "_",
                    lemma: f.to_string(),
                    head: usize::from(i > 0),
                    deprel: if i == 0 { "root" } else { "dep" },
                })
                .collect();
            return Parse::new(tokens);
        };
        let atoms: Vec<_> = forms.iter().map(|f| word_atoms(f)).collect();
        let mut classes = tagger.tag_atoms(forms, &atoms);
        past_tense_repair(tagger, forms, &mut classes);
        relative_verb_repair(tagger, forms, &mut classes);
        word_not_punct_repair(tagger, forms, &mut classes);
        present_verb_repair(tagger, forms, &mut classes);
        let words: Vec<u64> = atoms.iter().map(|a| a.norm).collect();
        let arcs = parser.parse(&words, &classes);
        let tokens = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let c = tagger.classes()[usize::from(classes[i])];
                Token {
                    span: spans[i],
                    form: f.to_string(),
                    upos: c.upos,
                    xpos: c.xpos,
                    lemma: self.lemmas.lemma(f, c.upos, c.xpos),
                    head: arcs.heads[i],
                    deprel: arcs.labels[i],
                }
            })
            .collect();
        Parse::new(tokens)
    }
}

/// News sentences have a finite verb; web text, which the tagger learned
/// from, often does not, so "Turkish artillery shelled Kurdish positions"
/// comes out as a noun phrase with a participle. When a sentence has no
/// finite verb at all, the first participle that follows a noun or pronoun
/// with no auxiliary before it and is followed by more words becomes a
/// past tense verb. Irregular verbs whose past tense and participle are
/// one form ("Ukrainian drones struck Russian units") count as well.
fn past_tense_repair(tagger: &Tagger, forms: &[&str], classes: &mut [u16]) {
    let tc = tagger.classes();
    let xpos = |c: u16| tc[usize::from(c)].xpos;
    if classes.iter().any(|c| matches!(xpos(*c), "VBD" | "VBZ" | "VBP" | "MD")) {
        return;
    }
    let Some(vbd) = tc.iter().position(|c| c.upos == Upos::Verb && c.xpos == "VBD") else {
        return;
    };
    const IRREGULAR_PAST: &[&str] = &[
        "struck", "hit", "shot", "fought", "held", "led", "sent", "brought", "caught", "left", "lost", "met", "won",
        "put", "set", "cut", "fled", "shut", "built", "burnt", "overran", "overrun", "laid", "paid", "sold", "told",
        "found", "kept", "sought", "taught", "spent", "swept", "withheld", "upheld",
    ];
    const AUX: &[&str] =
        &["be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "having", "get", "got"];
    for i in 1..classes.len().saturating_sub(1) {
        let prev = xpos(classes[i - 1]);
        if xpos(classes[i]) == "VBN"
            && matches!(prev, "NN" | "NNS" | "NNP" | "NNPS" | "PRP")
            && !forms[..i].iter().any(|f| AUX.contains(&f.to_lowercase().as_str()))
            && (forms[i].ends_with("ed") || IRREGULAR_PAST.contains(&forms[i].to_lowercase().as_str()))
        {
            classes[i] = vbd as u16;
            return;
        }
    }
}

/// "Ukrainian troops control about 1,000 square kilometres", "rebels hold
/// the town": a verb of holding after a plural noun, before what is held
/// (a determiner, number, name or "about"), is the present tense; web text
/// mostly has "troops control" as a compound noun ("arms control talks"
/// keeps it: a common noun follows).
fn present_verb_repair(tagger: &Tagger, forms: &[&str], classes: &mut [u16]) {
    const HOLDING: &[&str] = &["control", "hold", "occupy", "besiege", "back", "support", "oppose", "remain"];
    let tc = tagger.classes();
    let xpos = |c: u16| tc[usize::from(c)].xpos;
    let Some(vbp) = tc.iter().position(|c| c.upos == Upos::Verb && c.xpos == "VBP") else {
        return;
    };
    for i in 1..classes.len().saturating_sub(1) {
        if matches!(xpos(classes[i]), "NN" | "VB")
            && HOLDING.contains(&forms[i])
            && matches!(xpos(classes[i - 1]), "NNS" | "NNPS")
            && (matches!(xpos(classes[i + 1]), "DT" | "CD" | "NNP" | "PRP$" | "PDT")
                || matches!(forms[i + 1], "about" | "around" | "nearly" | "almost" | "most" | "much" | "parts"))
        {
            classes[i] = vbp as u16;
        }
    }
}

/// A word with letters is never punctuation: a name with an apostrophe
/// ("Ta'ang", "Sana'a") can come out of the tagger as one, and a
/// punctuation token in the middle of a name breaks the parse around it.
/// Capitalised it is a proper noun, otherwise a noun.
fn word_not_punct_repair(tagger: &Tagger, forms: &[&str], classes: &mut [u16]) {
    let tc = tagger.classes();
    let find = |x: &str| tc.iter().position(|c| c.xpos == x);
    let (Some(nnp), Some(nn)) = (find("NNP"), find("NN")) else {
        return;
    };
    for (c, f) in classes.iter_mut().zip(forms) {
        if tc[usize::from(*c)].upos == Upos::Punct && f.chars().filter(|ch| ch.is_alphabetic()).count() >= 2 {
            let upper = f.chars().next().is_some_and(char::is_uppercase);
            *c = if upper { nnp } else { nn } as u16;
        }
    }
}

/// A plural-looking word right after ", which" or ", who" is the relative
/// clause's verb: "Turkey, which backs some opposition factions, called
/// for ..." has "backs" as a verb, though web text mostly has it as a noun
/// (and a mistagged "backs" made the whole sentence one noun phrase).
fn relative_verb_repair(tagger: &Tagger, forms: &[&str], classes: &mut [u16]) {
    let tc = tagger.classes();
    let Some(vbz) = tc.iter().position(|c| c.upos == Upos::Verb && c.xpos == "VBZ") else {
        return;
    };
    for i in 2..classes.len() {
        let c = tc[usize::from(classes[i])];
        if c.xpos == "NNS"
            && forms[i - 2] == ","
            && matches!(forms[i - 1], "which" | "who")
            && forms[i].len() > 2
            && forms[i].ends_with('s')
            && !forms[i].ends_with("ss")
            && forms[i].chars().all(|ch| ch.is_ascii_lowercase())
        {
            classes[i] = vbz as u16;
        }
    }
    // With the relative clause's verb a verb, the main verb after the
    // clause's closing comma is often left a participle ("..., called for
    // the fighting to stop" hung on "factions" as a reduced relative). When
    // every finite verb of the sentence lies inside such clauses, a past
    // participle right after one's closing comma, not starting a passive
    // phrase ("backed by"), is the main clause's past tense.
    let xpos = |c: u16| tc[usize::from(c)].xpos;
    let Some(vbd) = tc.iter().position(|c| c.upos == Upos::Verb && c.xpos == "VBD") else {
        return;
    };
    let mut inside = vec![false; classes.len()];
    let mut closers = Vec::new();
    let mut i = 1;
    while i + 1 < classes.len() {
        if forms[i - 1] == "," && matches!(forms[i], "which" | "who") {
            let end = (i + 1..classes.len()).find(|&j| forms[j] == ",").unwrap_or(classes.len());
            inside[i..end].iter_mut().for_each(|x| *x = true);
            if end + 1 < classes.len() {
                closers.push(end + 1);
            }
            i = end;
        }
        i += 1;
    }
    let finite = |c: u16| matches!(xpos(c), "VBD" | "VBZ" | "VBP" | "MD");
    if closers.is_empty() || classes.iter().zip(&inside).any(|(c, inside)| finite(*c) && !inside) {
        return;
    }
    for at in closers {
        if xpos(classes[at]) == "VBN" && forms[at].ends_with("ed") && forms.get(at + 1) != Some(&"by") {
            classes[at] = vbd as u16;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_model_bytes_give_typed_errors() {
        let e = Parser::from_bytes(b"nonsense", "x.model").unwrap_err().to_string();
        assert!(e.starts_with("model x.model: not a sitrep"), "{e}");
        let mut b = MAGIC.to_vec();
        b.push(9);
        let e = Parser::from_bytes(&b, "y.model").unwrap_err().to_string();
        assert!(e.contains("version 9"), "{e}");
        let mut b = MAGIC.to_vec();
        b.push(1);
        let e = Parser::from_bytes(&b, "z.model").unwrap_err().to_string();
        assert!(e.contains("`info`"), "{e}");
    }

    #[test]
    fn a_headline_past_tense_is_a_verb_even_when_irregular() {
        let p = Parser::embedded();
        for (text, verb) in [
            ("Ukrainian drones struck units of the Russian army in Kherson region.", "struck"),
            ("Turkish jets hit Kurdish positions near Afrin.", "hit"),
            ("Government forces shelled rebel positions in Homs.", "shelled"),
        ] {
            let parse = p.parse(text, Span::new(0, text.len()));
            let v = parse.tokens.iter().position(|t| t.form == verb).unwrap();
            assert_eq!((parse.tokens[v].upos, parse.tokens[v].deprel), (Upos::Verb, "root"), "{}", parse.render());
        }
    }

    #[test]
    fn a_plural_looking_word_after_comma_which_is_the_relative_verb() {
        let p = Parser::embedded();
        let text = "Turkey, which backs some opposition factions in the north, called for the fighting to stop.";
        let parse = p.parse(text, Span::new(0, text.len()));
        let backs = parse.tokens.iter().position(|t| t.form == "backs").unwrap();
        let called = parse.tokens.iter().position(|t| t.form == "called").unwrap();
        assert_eq!(parse.tokens[backs].upos, Upos::Verb, "{}", parse.render());
        assert_eq!(parse.tokens[called].deprel, "root", "{}", parse.render());
        assert_eq!(parse.tokens[0].head, called + 1, "{}", parse.render());
    }

    #[test]
    fn a_name_with_an_apostrophe_is_no_punctuation() {
        let p = Parser::embedded();
        let text = "The alliance, which also includes the Ta'ang National Liberation Army, has since captured dozens of towns.";
        let parse = p.parse(text, Span::new(0, text.len()));
        let taang = parse.tokens.iter().position(|t| t.form == "Ta'ang").unwrap();
        assert_eq!(parse.tokens[taang].upos, Upos::Propn, "{}", parse.render());
        let captured = parse.tokens.iter().position(|t| t.form == "captured").unwrap();
        assert_eq!(parse.tokens[captured].deprel, "root", "{}", parse.render());
    }

    #[test]
    fn untrained_parser_still_returns_a_tree() {
        let p = Parser::untrained();
        let parse = p.parse_tokens(&["Rebels", "fled", "."]);
        assert_eq!(parse.tokens.len(), 3);
        assert_eq!(parse.tokens[0].head, 0);
        assert_eq!(parse.tokens[2].head, 1);
    }
}
