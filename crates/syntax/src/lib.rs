//! sitrep's syntax layer: tokenizer, part-of-speech tagger, lemmatizer and
//! labelled dependency parser for news English, in pure Rust, with a model
//! embedded in the binary.
//!
//! Who did what to whom is a question of sentence structure, so the event
//! coder asks this crate for subjects, objects, passive agents, obliques,
//! coordination groups and reported speech, and gets answers as byte spans
//! into the original document. A key design decision is that the parser is
//! fast and greedy rather than exact: a transition-based parser with an
//! averaged perceptron (trained with a dynamic oracle) parses thousands of
//! sentences per second per core, which is what a corpus of millions of
//! reports needs, at an accuracy close to the neural parsers of a few
//! years ago on the UD English Web Treebank.
//!
//! ```
//! use sitrep_model::Span;
//! use sitrep_syntax::Parser;
//!
//! let text = "A camp for Congolese refugees was attacked by Burundian militiamen.";
//! let parse = Parser::embedded().parse(text, Span::new(0, text.len()));
//! let verb = parse.find_lemma("attack").expect("a verb");
//! assert!(parse.is_passive(verb));
//! let agent = parse.agents(verb);
//! let patient = parse.patients(verb);
//! assert_eq!(parse.np_text(text, agent[0]), "Burundian militiamen");
//! assert_eq!(parse.np_text(text, patient[0]), "A camp for Congolese refugees");
//! ```
//!
//! The model is trained by `sitrep-train` from UD English EWT (CC BY-SA
//! 4.0); see the crate README for how to reproduce it.

pub mod binfmt;
pub mod conllu;
pub mod depparse;
pub mod hash;
pub mod lemma;
pub mod parse;
pub mod perceptron;
pub mod tagger;
pub mod tags;
pub mod tokenize;

mod model;

pub use conllu::{evaluate, evaluate_file, reparse_conllu, reparse_conllu_file, ConlluError, Scores};
pub use model::{ModelError, Parser};
pub use parse::{Parse, ReportedSpeech, Token};
pub use tags::Upos;
pub use tokenize::{split_sentences, tokenize, tokenize_span};

use sitrep_model::Span;

/// Parses free text with the embedded model and returns CoNLL-U, one
/// sentence per block (sentences found by [`split_sentences`]).
pub fn parse_text_to_conllu(text: &str) -> String {
    let p = Parser::embedded();
    let mut out = String::new();
    for (i, sent) in split_sentences(text, Span::new(0, text.len())).into_iter().enumerate() {
        let parse = p.parse(text, sent);
        conllu::write_parse(&mut out, &parse, text, Some(&(i + 1).to_string()));
    }
    out
}
