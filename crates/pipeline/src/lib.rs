//! The engine: one document in, everything sitrep derives from it out.
//!
//! [`Engine::process`] runs the pure stages in order (segment, match actors,
//! extract statements, find places and dates, code events and relations) and
//! returns a [`sitrep_store::Coded`] ready to be written. The engine holds the
//! loaded lexicon, speaker table, coder patterns and gazetteer; it is built
//! once, shared by reference across worker threads, and never fails on a
//! document: odd input yields fewer records, not an error.

use sitrep_coder::stages::{code_document, explain_document, LexiconTypes};
use sitrep_coder::{Coder, Patterns};
use sitrep_geo::Gazetteer;
use sitrep_lexicon::Lexicon;
use sitrep_model::{ActorRecord, ActorType, Document, Segmentation};
use sitrep_statements::{ExtractOptions, SpeakerEntry, SpeakerTable};
use sitrep_store::Coded;
use std::path::{Path, PathBuf};

/// What the engine is built from.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// Extra lexicon directories of TOML entity files.
    pub lexicon_dirs: Vec<PathBuf>,
    /// A directory of Phoenix/PETRARCH actor and agent dictionaries to import.
    pub petrarch_dir: Option<PathBuf>,
    /// A directory of extra coder pattern files (`*.toml`).
    pub patterns_dir: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    #[error(transparent)]
    Lexicon(#[from] sitrep_lexicon::LexiconError),
    #[error(transparent)]
    Patterns(#[from] sitrep_coder::PatternError),
}

/// The loaded stages. Cheap to share by reference across worker threads.
pub struct Engine {
    lexicon: &'static Lexicon,
    speakers: SpeakerTable,
    coder: Coder,
    extract: ExtractOptions,
}

impl Engine {
    /// Loads the lexicon (the bundled one, plus any extra directories) and
    /// the coder's patterns. The gazetteer is decoded on first use.
    pub fn new(options: EngineOptions) -> Result<Engine, EngineError> {
        let lexicon: &'static Lexicon = if options.lexicon_dirs.is_empty() && options.petrarch_dir.is_none() {
            Lexicon::embedded()
        } else {
            let dirs: Vec<&Path> = options.lexicon_dirs.iter().map(PathBuf::as_path).collect();
            // Loaded once per process and used until it ends.
            Box::leak(Box::new(Lexicon::load(&dirs, options.petrarch_dir.as_deref())?))
        };
        let mut patterns = Patterns::builtin();
        if let Some(dir) = &options.patterns_dir {
            patterns.load_dir(dir)?;
        }
        let coder = Coder::new(patterns).with_actor_types(Box::new(LexiconTypes(lexicon)));
        Ok(Engine { lexicon, speakers: speaker_table(lexicon), coder, extract: ExtractOptions::default() })
    }

    /// The engine with the bundled data only.
    pub fn embedded() -> Engine {
        let lexicon = Lexicon::embedded();
        let coder = Coder::new(Patterns::builtin()).with_actor_types(Box::new(LexiconTypes(lexicon)));
        Engine { lexicon, speakers: speaker_table(lexicon), coder, extract: ExtractOptions::default() }
    }

    pub fn lexicon(&self) -> &'static Lexicon {
        self.lexicon
    }

    pub fn speakers(&self) -> &SpeakerTable {
        &self.speakers
    }

    /// The exchange `actor` record of a lexicon entity.
    pub fn actor_record(&self, id: &str) -> Option<ActorRecord> {
        self.lexicon.get(id).map(|e| e.to_record())
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: &Document) -> Coded {
        let segmentation = sitrep_text::segment(doc);
        self.process_segmented(doc, segmentation)
    }

    /// Runs the stages after segmentation (for re-coding a stored document
    /// whose segmentation is kept).
    pub fn process_segmented(&self, doc: &Document, segmentation: Segmentation) -> Coded {
        let mentions = self.lexicon.mentions(&doc.text, &segmentation);
        let statements = sitrep_statements::extract_with(doc, &segmentation, &mentions, &self.speakers, &self.extract);
        let coded = code_document(&self.coder, doc, &segmentation, &mentions, &statements, Gazetteer::embedded());
        Coded { segmentation, mentions, events: coded.events, relations: coded.relations, statements }
    }

    /// How one sentence of a document was coded: tokens, actor groups,
    /// places, which pattern produced which record.
    pub fn explain(&self, doc: &Document, segmentation: &Segmentation, sentence: usize) -> String {
        let mentions = self.lexicon.mentions(&doc.text, segmentation);
        let statements = sitrep_statements::extract_with(doc, segmentation, &mentions, &self.speakers, &self.extract);
        explain_document(&self.coder, doc, segmentation, &mentions, &statements, Gazetteer::embedded(), sentence)
    }
}

/// The lexicon's people, with their dated roles, as speakers.
fn speaker_table(lexicon: &Lexicon) -> SpeakerTable {
    let entries = lexicon
        .entities()
        .iter()
        .filter(|e| e.kind == ActorType::Person)
        .map(|e| SpeakerEntry {
            id: e.id.clone(),
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            roles: e.roles.iter().map(|r| (r.title.clone(), r.start.clone(), r.end.clone())).collect(),
        })
        .collect();
    SpeakerTable { entries }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DocMeta, PartialDate};

    fn doc(text: &str) -> Document {
        Document {
            id: "doc_test".into(),
            meta: DocMeta { published: Some(PartialDate::ymd(2016, 5, 8)), ..DocMeta::default() },
            text: text.into(),
            removed: vec![],
        }
    }

    #[test]
    fn a_report_yields_mentions_events_and_statements() {
        let engine = Engine::embedded();
        let d = doc("Syrian government aircraft bombed the town of Khan Touman on Friday, monitors said.\n\n\
                     MR TONER: We call on all parties to respect the cessation of hostilities.\n");
        let coded = engine.process(&d);
        assert!(coded.segmentation.sentences.len() >= 2);
        assert!(coded.mentions.iter().any(|m| m.actor.is_some()));
        assert!(coded.events.iter().any(|e| e.kind == "ASSAULT"), "{:#?}", coded.events);
        let s = coded.statements.iter().find(|s| s.text.contains("respect the cessation")).expect("the turn");
        assert_eq!(s.speaker, "Mark Toner");
    }

    #[test]
    fn an_empty_document_yields_nothing() {
        let coded = Engine::embedded().process(&doc(""));
        assert!(coded.events.is_empty() && coded.relations.is_empty() && coded.statements.is_empty());
    }

    #[test]
    fn actor_records_come_from_the_lexicon() {
        let engine = Engine::embedded();
        let id = engine.lexicon().resolve("Jaysh al-Fatah").expect("resolves").id.clone();
        let rec = engine.actor_record(&id).expect("record");
        assert_eq!(rec.id, id);
        assert!(engine.actor_record("no_such_actor").is_none());
    }
}
