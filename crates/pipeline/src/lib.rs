//! The engine: one document in, everything sitrep derives from it out.
//!
//! [`Engine::process`] runs the pure stages in order (segment, match actors,
//! extract statements, find places and dates, code events and relations) and
//! returns a [`sitrep_store::Coded`] ready to be written. The engine holds the
//! loaded lexicon, speaker table, coder patterns and gazetteer; it is built
//! once, shared by reference across worker threads, and never fails on a
//! document: odd input yields fewer records, not an error.

use sitrep_coder::sentence::PlaceResolver;
use sitrep_coder::stages::{explain_document, DocPlaces, LexiconTypes};
use sitrep_coder::{Coder, Inputs, Patterns};
use sitrep_geo::Gazetteer;
use sitrep_lexicon::Lexicon;
use sitrep_model::{ActorRecord, ActorType, Document, Segmentation};
use sitrep_statements::{ExtractOptions, SpeakerEntry, SpeakerRole, SpeakerTable};
use sitrep_store::Coded;
use sitrep_time::Timeline;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub mod stream;
pub use stream::{stream, Feed, StreamOptions};

/// Wall time spent in each stage, summed over the documents processed (on
/// several threads the sum exceeds the elapsed time: it is time per core).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTimes {
    pub segment: Duration,
    pub lexicon: Duration,
    pub statements: Duration,
    pub time: Duration,
    pub geo: Duration,
    pub coder: Duration,
}

impl StageTimes {
    pub fn total(&self) -> Duration {
        self.segment + self.lexicon + self.statements + self.time + self.geo + self.coder
    }
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: StageTimes) {
        self.segment += o.segment;
        self.lexicon += o.lexicon;
        self.statements += o.statements;
        self.time += o.time;
        self.geo += o.geo;
        self.coder += o.coder;
    }
}

/// How much work the cheap filters saved, counted since the engine was built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SkipStats {
    /// Documents processed.
    pub documents: u64,
    /// Sentences in those documents.
    pub sentences: u64,
    /// Documents without a single actor mention: neither places nor coding
    /// were run for them (nothing can be coded without an actor).
    pub documents_skipped: u64,
    /// Sentences in the skipped documents.
    pub sentences_skipped: u64,
    /// Sentences the coder parsed (a trigger and an actor in them); the
    /// rest of the coded documents' sentences skipped the parser.
    pub sentences_parsed: u64,
}

#[derive(Default)]
struct SkipCounters {
    documents: AtomicU64,
    sentences: AtomicU64,
    documents_skipped: AtomicU64,
    sentences_skipped: AtomicU64,
    sentences_parsed: AtomicU64,
}

/// What the engine is built from.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// Extra lexicon directories of TOML entity files.
    pub lexicon_dirs: Vec<PathBuf>,
    /// A directory of Phoenix/PETRARCH actor and agent dictionaries to import.
    pub petrarch_dir: Option<PathBuf>,
    /// A directory of extra coder pattern files (`*.toml`).
    pub patterns_dir: Option<PathBuf>,
    /// A CAMEO verb dictionary (TABARI/PETRARCH format) imported as extra event triggers.
    pub cameo_verbs: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    #[error(transparent)]
    Lexicon(#[from] sitrep_lexicon::LexiconError),
    #[error(transparent)]
    Patterns(#[from] sitrep_coder::PatternError),
    #[error("cannot read CAMEO verb dictionary {path}: {source}")]
    CameoVerbs {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A document a stage failed on (a defect, not bad input): nothing of it
/// was coded.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path} ({doc}): coding failed, the document was not stored: {reason} (a defect in sitrep; please report it with the document)")]
pub struct CodingFailed {
    pub doc: String,
    pub path: String,
    pub reason: String,
}

/// The loaded stages. Cheap to share by reference across worker threads.
pub struct Engine {
    lexicon: &'static Lexicon,
    speakers: SpeakerTable,
    coder: Coder,
    extract: ExtractOptions,
    skips: SkipCounters,
    filters: bool,
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
        if let Some(path) = &options.cameo_verbs {
            let bytes = std::fs::read(path).map_err(|source| EngineError::CameoVerbs { path: path.clone(), source })?;
            let rules = sitrep_coder::cameo::parse(&String::from_utf8_lossy(&bytes)).to_rules(&patterns, "cameo");
            patterns.add_event_rules(rules);
        }
        let coder = Coder::new(patterns).with_actor_types(Box::new(LexiconTypes(lexicon)));
        Ok(Engine::assemble(lexicon, coder))
    }

    /// The engine with the bundled data only.
    pub fn embedded() -> Engine {
        let lexicon = Lexicon::embedded();
        let coder = Coder::new(Patterns::builtin()).with_actor_types(Box::new(LexiconTypes(lexicon)));
        Engine::assemble(lexicon, coder)
    }

    fn assemble(lexicon: &'static Lexicon, coder: Coder) -> Engine {
        Engine {
            lexicon,
            speakers: speaker_table(lexicon),
            coder,
            extract: ExtractOptions::default(),
            skips: SkipCounters::default(),
            filters: true,
        }
    }

    /// The engine with the cheap filters off: every stage runs on every
    /// document (to check that the filters change no output).
    pub fn without_filters(mut self) -> Engine {
        self.filters = false;
        self
    }

    /// What the cheap filters skipped so far (all threads together).
    pub fn skip_stats(&self) -> SkipStats {
        SkipStats {
            documents: self.skips.documents.load(Ordering::Relaxed),
            sentences: self.skips.sentences.load(Ordering::Relaxed),
            documents_skipped: self.skips.documents_skipped.load(Ordering::Relaxed),
            sentences_skipped: self.skips.sentences_skipped.load(Ordering::Relaxed),
            sentences_parsed: self.skips.sentences_parsed.load(Ordering::Relaxed),
        }
    }

    pub fn lexicon(&self) -> &'static Lexicon {
        self.lexicon
    }

    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    pub fn speakers(&self) -> &SpeakerTable {
        &self.speakers
    }

    /// The exchange `actor` record of a lexicon entity.
    pub fn actor_record(&self, id: &str) -> Option<ActorRecord> {
        self.lexicon.get(id).map(|e| e.to_record())
    }

    /// [`Engine::process`], with a defect in a stage caught: the stages
    /// are meant never to fail, but if one panics on some text, that
    /// document comes back as a [`CodingFailed`] naming it, and the caller
    /// goes on with the others instead of losing the whole run.
    pub fn try_process(&self, doc: &Document) -> Result<Coded, CodingFailed> {
        self.guarded(doc, || self.process(doc))
    }

    /// [`Engine::process_segmented`] with the same guard as [`Engine::try_process`].
    pub fn try_process_segmented(&self, doc: &Document, segmentation: Segmentation) -> Result<Coded, CodingFailed> {
        self.guarded(doc, || self.process_segmented(doc, segmentation))
    }

    fn guarded(&self, doc: &Document, run: impl FnOnce() -> Coded) -> Result<Coded, CodingFailed> {
        // The stages share nothing mutable across documents but per-thread
        // caches, which hold only derived values: nothing is left half-updated
        // that the next document could see.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|payload| {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            CodingFailed { doc: doc.id.clone(), path: doc.meta.path.clone(), reason }
        })
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: &Document) -> Coded {
        self.process_timed(doc, &mut StageTimes::default())
    }

    /// [`Engine::process`], adding the time each stage took to `times`.
    pub fn process_timed(&self, doc: &Document, times: &mut StageTimes) -> Coded {
        let t = Instant::now();
        let segmentation = sitrep_text::segment(doc);
        times.segment += t.elapsed();
        self.run(doc, segmentation, times)
    }

    /// Runs the stages after segmentation (for re-coding a stored document
    /// whose segmentation is kept).
    pub fn process_segmented(&self, doc: &Document, segmentation: Segmentation) -> Coded {
        self.run(doc, segmentation, &mut StageTimes::default())
    }

    fn run(&self, doc: &Document, segmentation: Segmentation, times: &mut StageTimes) -> Coded {
        let mut t = Instant::now();
        let mut lap = |slot: &mut Duration| {
            let now = Instant::now();
            *slot += now - t;
            t = now;
        };
        let mut mentions = self.lexicon.mentions(&doc.text, &segmentation);
        lap(&mut times.lexicon);
        let statements = sitrep_statements::extract_with(doc, &segmentation, &mentions, &self.speakers, &self.extract);
        lap(&mut times.statements);
        let n_sentences = segmentation.sentences.len() as u64;
        self.skips.documents.fetch_add(1, Ordering::Relaxed);
        self.skips.sentences.fetch_add(n_sentences, Ordering::Relaxed);
        // Every event and relation has an actor among the document's
        // mentions: without one there is nothing to code, so the timeline,
        // the gazetteer and the coder are skipped.
        if self.filters && !mentions.iter().any(|m| m.actor.is_some()) {
            self.skips.documents_skipped.fetch_add(1, Ordering::Relaxed);
            self.skips.sentences_skipped.fetch_add(n_sentences, Ordering::Relaxed);
            return Coded { segmentation, mentions, events: Vec::new(), relations: Vec::new(), statements };
        }
        let timeline = Timeline::build(&doc.text, &segmentation.sentences, doc.meta.published);
        lap(&mut times.time);
        let places = DocPlaces::find(Gazetteer::embedded(), doc, &segmentation, &mentions);
        // "Sadr" in "Sadr City" is the place: the coder skips such mentions,
        // and the store does not keep them.
        mentions.retain(|m| !places.covers(m.span));
        lap(&mut times.geo);
        let inputs = Inputs::new(doc, &segmentation, &mentions, &statements).with_dates(&timeline).with_places(&places);
        let coded = self.coder.code_inputs(&inputs);
        self.skips.sentences_parsed.fetch_add(coded.sentences_parsed as u64, Ordering::Relaxed);
        lap(&mut times.coder);
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
            state: lexicon.served_state(&e.id),
            roles: e
                .roles
                .iter()
                .map(|r| SpeakerRole {
                    title: r.title.clone(),
                    org: r.org.clone(),
                    start: r.start.clone(),
                    end: r.end.clone(),
                })
                .collect(),
        })
        .collect();
    SpeakerTable::from_entries(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DocMeta, Modality, PartialDate, Statement};

    fn doc(text: &str) -> Document {
        Document {
            id: "doc_test".into(),
            meta: DocMeta { published: Some(PartialDate::ymd(2016, 5, 8)), ..DocMeta::default() },
            text: text.into(),
            removed: vec![],
        }
    }

    #[test]
    fn a_stage_that_fails_on_a_document_names_it_and_the_engine_goes_on() {
        let engine = Engine::embedded();
        let mut d = doc("Rebels shelled the town on Friday.\n");
        d.meta.path = "reports/one.txt".into();
        let err = engine.guarded(&d, || panic!("index out of range")).unwrap_err();
        assert_eq!(
            (err.doc.as_str(), err.path.as_str(), err.reason.as_str()),
            ("doc_test", "reports/one.txt", "index out of range")
        );
        let msg = err.to_string();
        assert!(msg.starts_with("reports/one.txt (doc_test): coding failed"), "{msg}");
        // The same engine codes the next document.
        assert!(engine.try_process(&d).is_ok());
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
    fn a_briefer_the_lexicon_lacks_speaks_for_what_the_label_names() {
        let engine = Engine::embedded();
        let coded = engine.process(&doc("DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH: Good afternoon. On Friday, U.S. forces struck 85 targets in Iraq and Syria.

             Q: Were the strikes effective?

             MS. SINGH: We believe the strikes were effective. And we will hold them accountable if they attack our personnel again.
"));
        let turns: Vec<&Statement> = coded.statements.iter().filter(|s| s.form == "turn").collect();
        assert_eq!(turns.len(), 2, "{turns:#?}");
        assert!(turns.iter().all(|s| s.speaker == "Sabrina Singh"), "{turns:#?}");
        let ev: Vec<String> =
            coded.events.iter().map(|e| format!("{} {:?} -> {:?}", e.kind, e.source, e.target)).collect();
        // Her "we" and "our" are the department the label names, not her, nor the lexicon's other Singh.
        assert!(ev.iter().all(|e| !e.contains("Singh")), "{ev:?}");
        assert!(ev.iter().any(|e| e.contains("US Department of Defense")), "{ev:?}");
        // The strikes judged are those told before: one attack.
        assert_eq!(
            coded.events.iter().filter(|e| e.kind == "ASSAULT" && e.modality != Modality::Hypothetical).count(),
            1,
            "{ev:?}"
        );
    }

    #[test]
    fn an_actor_alias_inside_a_town_s_name_is_the_town() {
        let engine = Engine::embedded();
        let coded = engine
            .process(&doc("Muqtada al-Sadr addressed his followers. A car bomb exploded in Sadr City on Sunday. \
             Sadr said the attack would not go unanswered."));
        let sadr: Vec<(usize, Option<&str>)> =
            coded.mentions.iter().map(|m| (m.span.start, m.actor.as_deref())).collect();
        let city = "Muqtada al-Sadr addressed his followers. A car bomb exploded in ".len();
        assert!(sadr.iter().all(|(start, _)| *start != city), "{sadr:?}");
        assert!(sadr.iter().filter(|(_, a)| *a == Some("muqtada_al_sadr")).count() >= 2, "{sadr:?}");
    }

    #[test]
    fn an_event_in_undated_reported_speech_takes_the_day_it_was_said() {
        let engine = Engine::embedded();
        let coded = engine.process(&doc("Fighting went on in Hama province.\n\n\
             The Syrian army said in a statement that its troops had seized the village of Maan.\n\n\
             Residents said government aircraft bombed Kafr Zita last weekend.\n"));
        let seized = coded.events.iter().find(|e| e.kind == "COERCE").expect("the seizure");
        // No date in the sentence or the narrative: the statement's, the publication date.
        assert_eq!(seized.date.as_ref().map(|d| d.start.as_str()), Some("2016-05-08"), "{seized:?}");
        // A time the timeline cannot place is not replaced by the report's day.
        let bombed = coded.events.iter().find(|e| e.kind == "ASSAULT").expect("the bombing");
        assert!(bombed.date.is_none(), "{bombed:?}");
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
