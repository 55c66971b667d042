//! sitrep-coder: turns sentences into PLOVER events and relations that hold
//! over time, each traced to the sentence and pattern it came from.
//!
//! A key design decision in this crate is that *what* is coded lives in data
//! and *how* roles are found lives in code. The trigger lexicon, relation
//! patterns, modality cues and the CAMEO-to-PLOVER crosswalk are TOML files
//! (`data/*.toml`, embedded; users add their own with
//! [`Patterns::load_dir`]). The code matches those patterns against a
//! sentence analysed into tokens, actor groups (coordination, apposition,
//! title and sponsor modifiers, resolved pronouns and anaphors) and place
//! candidates, then fills the roles a pattern leaves open: the clause subject
//! (passives turned round, relative clauses skipped), the object or
//! prepositional target, the "by" agent. Sentences where a pattern matched
//! and an actor is named are also parsed (`sitrep-syntax`, see [`deps`]); the
//! parse checks those roles (the verb's agent and patient, the agent of a
//! noun trigger, the subject of a gerund after "accused X of", the speaker of
//! reported speech, partners "with X in the lead") where the left-to-right
//! scan is easily misled.
//!
//! Coding never fails: odd input yields fewer records and diagnostics.
//! Attributed claims are never asserted facts: a sentence inside a statement
//! is `reported` by its speaker, "according to X" and "X said" make it
//! `reported` by X, negation and denial make it `negated`, modals, wishes,
//! proposals and questions make it `hypothetical`.
//!
//! ```
//! use sitrep_coder::{Coder, Patterns};
//! use sitrep_model::{DocMeta, Document, Mention, Segmentation, Sentence, Span};
//!
//! let text = "Turkish jets struck Kurdish militia positions near Afrin.";
//! let doc = Document { id: "d1".into(), meta: DocMeta::default(), text: text.into(), removed: vec![] };
//! let seg = Segmentation { paragraphs: vec![], sentences: vec![Sentence { index: 0, paragraph: 0, span: Span::new(0, text.len()) }] };
//! let mention = |s: &str, name: &str| {
//!     let start = text.find(s).unwrap();
//!     Mention { span: Span::new(start, start + s.len()), actor: None, name: name.into(), rule: "alias".into(), sector: None }
//! };
//! let mentions = [mention("Turkish jets", "Turkey"), mention("Kurdish militia", "YPG")];
//! let coded = Coder::new(Patterns::builtin()).code(&doc, &seg, &mentions, &[]);
//! let e = &coded.events[0];
//! assert_eq!((e.kind.as_str(), e.source[0].as_str(), e.target[0].as_str()), ("ASSAULT", "Turkey", "YPG"));
//! assert_eq!(e.mode.as_deref(), Some("aerial"));
//! assert_eq!(e.place.as_ref().unwrap().name, "Afrin");
//! ```

pub mod cameo;
pub mod dates;
pub mod deps;
mod engine;
pub mod forms;
pub mod memory;
pub mod patterns;
pub mod roles;
pub mod sentence;
pub mod stages;
pub mod tokens;

pub use dates::{DateResolver, FallbackTimeline};
pub use patterns::{PatternError, Patterns};
pub use sentence::{ActorTypes, PlaceHit, PlaceResolver};

use sitrep_model::{Document, Event, Mention, Relation, Segmentation, Statement};
use std::collections::HashMap;

/// What coding one document produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    /// Things a curator may want to look at (an unresolved pronoun, a
    /// pattern that matched without the actors it needs).
    pub diagnostics: Vec<String>,
    /// Sentences that went through the dependency parser: only those where
    /// a pattern matched and an actor is named are parsed.
    pub sentences_parsed: usize,
}

/// Everything coding one document reads. Build it with [`Inputs::new`] and
/// add the time stage's timeline and the gazetteer's places when you have
/// them; without them the coder uses its fallback timeline and a simple
/// capitalised-name place finder.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub doc: &'a Document,
    pub seg: &'a Segmentation,
    pub mentions: &'a [Mention],
    pub statements: &'a [Statement],
    pub dates: Option<&'a dyn DateResolver>,
    pub places: Option<&'a dyn PlaceResolver>,
}

impl<'a> Inputs<'a> {
    pub fn new(
        doc: &'a Document,
        seg: &'a Segmentation,
        mentions: &'a [Mention],
        statements: &'a [Statement],
    ) -> Inputs<'a> {
        Inputs { doc, seg, mentions, statements, dates: None, places: None }
    }
    pub fn with_dates(mut self, dates: &'a dyn DateResolver) -> Inputs<'a> {
        self.dates = Some(dates);
        self
    }
    pub fn with_places(mut self, places: &'a dyn PlaceResolver) -> Inputs<'a> {
        self.places = Some(places);
        self
    }
}

/// A pattern word -> the rules it starts.
pub(crate) type WordIndex = HashMap<String, Vec<usize>, foldhash::fast::FixedState>;

/// The event and relation coder. Build it once; `code` is `&self` and can be
/// shared across threads.
pub struct Coder {
    pub(crate) patterns: Patterns,
    /// First required word -> event rules (looked up for every word of
    /// every sentence: a fast hash, the keys are the patterns' own words).
    pub(crate) event_index: WordIndex,
    pub(crate) relation_index: WordIndex,
    pub(crate) types: Option<Box<dyn ActorTypes + Send + Sync>>,
}

impl Coder {
    pub fn new(patterns: Patterns) -> Coder {
        let mut event_index = WordIndex::default();
        for (i, r) in patterns.events.iter().enumerate() {
            for w in r.pattern.key_words() {
                event_index.entry(w).or_default().push(i);
            }
        }
        let mut relation_index = WordIndex::default();
        for (i, r) in patterns.relations.iter().enumerate() {
            for w in r.pattern.key_words() {
                relation_index.entry(w).or_default().push(i);
            }
        }
        for v in event_index.values_mut().chain(relation_index.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        Coder { patterns, event_index, relation_index, types: None }
    }

    /// Uses the lexicon's actor types (group, coalition, state, person, ...)
    /// for anaphora and agreement slots.
    pub fn with_actor_types(mut self, types: Box<dyn ActorTypes + Send + Sync>) -> Coder {
        self.types = Some(types);
        self
    }

    pub fn patterns(&self) -> &Patterns {
        &self.patterns
    }

    /// Codes a document with the fallback timeline and place finder.
    pub fn code(&self, doc: &Document, seg: &Segmentation, mentions: &[Mention], statements: &[Statement]) -> Coded {
        self.code_inputs(&Inputs::new(doc, seg, mentions, statements))
    }

    /// Codes a document from all its inputs.
    pub fn code_inputs(&self, inputs: &Inputs<'_>) -> Coded {
        self.run(inputs, None).0
    }

    /// A human-readable account of how one sentence was coded: its tokens,
    /// actor groups and places, which pattern produced which record, and
    /// the records themselves (for `sitrep explain`).
    pub fn explain(
        &self,
        doc: &Document,
        seg: &Segmentation,
        mentions: &[Mention],
        statements: &[Statement],
        sentence_index: usize,
    ) -> String {
        self.explain_inputs(&Inputs::new(doc, seg, mentions, statements), sentence_index)
    }

    pub fn explain_inputs(&self, inputs: &Inputs<'_>, sentence_index: usize) -> String {
        self.run(inputs, Some(sentence_index)).1
    }

    fn run(&self, inputs: &Inputs<'_>, trace: Option<usize>) -> (Coded, String) {
        let fallback;
        let dates: &dyn DateResolver = match inputs.dates {
            Some(d) => d,
            None => {
                fallback = FallbackTimeline::build(inputs.doc, inputs.seg);
                &fallback
            }
        };
        engine::run(self, inputs, dates, trace)
    }
}
