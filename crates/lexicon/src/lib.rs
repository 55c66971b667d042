//! sitrep-lexicon: who is named in this text?
//!
//! The lexicon is data: TOML files of entities (groups, coalitions, states,
//! organizations, people with dated roles, agreements) and generic-reference
//! rules, embedded in the binary at build time (`data/*.toml`, format in
//! `data/README.md`) and extensible with user directories
//! ([`Lexicon::from_dirs`]) or the Phoenix/PETRARCH actor dictionaries
//! ([`Lexicon::import_petrarch_dir`]).
//!
//! A key design decision is that all matching happens on *folded* text
//! ([`sitrep_text::fold`]): every alias is folded once into a key, all keys
//! go into one leftmost-longest Aho-Corasick automaton, and a document is
//! folded once and scanned once. Folding collapses the spellings reporters
//! mix up (ash-/al-, Jaysh/Jaish, Fateh/Fatah, Touman/Tuman, Haqq/Haq), so
//! one alias covers them all, while each folded byte still knows its original
//! bytes, so every [`Mention`] carries an exact span of the document. Short
//! or ambiguous aliases carry case guards checked on the original text ("US"
//! is not "us"; "Nusra" must be capitalised).
//!
//! On top of the alias matches, [`Lexicon::mentions`] applies in-document
//! rules: demonyms with sector nouns ("Russian air forces"), capitals as
//! speakers ("Damascus said"), generic references ("the regime", "the
//! coalition"), titles with surnames ("Mr Kirby", "MR TONER"), short forms of
//! names already seen ("Ahrar" after "Ahrar al-Sham"), and finally unknown
//! actor-like names ("Liwa Suqur al-Jabal") as provisional mentions for
//! curation. Matching is pure: it never fails and never panics.
//!
//! ```
//! use sitrep_lexicon::Lexicon;
//! let lex = Lexicon::embedded();
//! assert_eq!(lex.resolve("Jaysh al-Fatah").map(|e| e.id.as_str()), Some("jaish_al_fateh"));
//! let text = "Ahrar ash-Sham fighters entered Khan Tuman. Ahrar later withdrew.";
//! let seg = sitrep_lexicon::whole_text_segmentation(text);
//! let found: Vec<_> = lex.mentions(text, &seg).into_iter().map(|m| (m.span.slice(text).to_string(), m.rule)).collect();
//! assert_eq!(found[0], ("Ahrar ash-Sham".to_string(), "alias".to_string()));
//! assert!(found.contains(&("Ahrar".to_string(), "short-form".to_string())));
//! ```

mod entity;
mod mentions;
pub mod petrarch;

pub use entity::{Entity, Generic, Refers, Role};
pub use mentions::HELD_NOUNS;
pub use sitrep_model::Mention;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use entity::LexiconFile;
use sitrep_model::{ActorType, Paragraph, ParagraphKind, Segmentation, Sentence, Span};
use sitrep_text::fold::{article_variants, fold_key};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Errors reading lexicon files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    #[error("cannot read lexicon file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid lexicon file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid lexicon file {path}: entity {id:?} is defined twice")]
    DuplicateId { path: PathBuf, id: String },
    #[error("invalid PETRARCH dictionary {path} line {line}: {message}")]
    Petrarch { path: PathBuf, line: usize, message: String },
}

pub type Result<T> = std::result::Result<T, LexiconError>;

/// How a folded key may match, checked on the original surface text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Any case.
    None,
    /// The surface must start with an uppercase letter (single proper-noun
    /// words such as "Nusra", "Syrians").
    Capitalised,
    /// The surface's letters and digits must equal these exactly ("US", "IS",
    /// "CoH"): short acronyms collide with ordinary words.
    Exact(String),
}

impl Guard {
    fn for_alias(alias: &str, key: &str) -> Guard {
        let letters: String = alias.chars().filter(|c| c.is_alphanumeric()).collect();
        let upper = letters.chars().filter(|c| c.is_uppercase()).count();
        if letters.chars().count() <= 4 && upper >= 2 {
            return Guard::Exact(letters);
        }
        let single = !key.contains(' ');
        if single && alias.chars().next().is_some_and(char::is_uppercase) {
            return Guard::Capitalised;
        }
        Guard::None
    }

    pub(crate) fn passes(&self, surface: &str) -> bool {
        match self {
            Guard::None => true,
            Guard::Capitalised => surface.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase()),
            Guard::Exact(letters) => surface.chars().filter(|c| c.is_alphanumeric()).eq(letters.chars()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum KeyKind {
    Alias,
    Demonym,
    Capital,
    Generic(usize),
}

/// One reading of a folded key.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    /// Entity index (unused for generics).
    pub entity: usize,
    pub kind: KeyKind,
    pub guard: Guard,
    /// Lower sorts first: (derived variant, file priority, kind).
    pub rank: (bool, u16, KeyKind),
}

/// The actor lexicon. Cheap to share: build once, match many documents.
pub struct Lexicon {
    entities: Vec<Entity>,
    priority: Vec<u16>,
    by_id: HashMap<String, usize>,
    generics: Vec<Generic>,
    hosts: Vec<String>,
    pub(crate) patterns: Vec<String>,
    pub(crate) targets: Vec<Vec<Target>>,
    pub(crate) key_index: HashMap<String, usize>,
    pub(crate) automaton: AhoCorasick,
    /// Folded surname -> person entities.
    pub(crate) surnames: HashMap<String, Vec<usize>>,
    /// Per entity, the state it belongs to: its affiliation chain's state,
    /// else the state entity of its country code.
    pub(crate) state_of: Vec<Option<usize>>,
    /// State index -> its armed forces (an organization or group affiliated
    /// with the state, called an army, military or armed forces, whose CAMEO
    /// code is the state's with MIL), where the lexicon lists them.
    pub(crate) forces_of: HashMap<usize, Vec<usize>>,
    diagnostics: Vec<String>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entities", &self.entities.len())
            .field("keys", &self.patterns.len())
            .field("generics", &self.generics.len())
            .finish()
    }
}

/// File priority: curated conflict-specific files win over broad ones when
/// two entities share a folded key.
fn file_priority(name: &str) -> u16 {
    const ORDER: [&str; 7] = [
        "groups.toml",
        "people.toml",
        "agreements.toml",
        "generic.toml",
        "organizations.toml",
        "states.toml",
        "media.toml",
    ];
    ORDER.iter().position(|n| *n == name).map_or(50, |p| p as u16 * 10)
}

/// Priority of entities from user directories (after the bundled files) and
/// of PETRARCH imports (last).
const USER_PRIORITY: u16 = 100;
const PETRARCH_PRIORITY: u16 = 200;

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    priority: Vec<u16>,
    generics: Vec<Generic>,
    hosts: Vec<String>,
    diagnostics: Vec<String>,
}

impl Builder {
    fn add_file(&mut self, path: &Path, src: &str, priority: u16) -> Result<()> {
        let file: LexiconFile = toml::from_str(src)
            .map_err(|e| LexiconError::Parse { path: path.to_path_buf(), message: first_line(&e) })?;
        for e in file.entity {
            if self.entities.iter().any(|x| x.id == e.id) {
                return Err(LexiconError::DuplicateId { path: path.to_path_buf(), id: e.id });
            }
            self.entities.push(e);
            self.priority.push(priority);
        }
        for g in file.generic {
            let g = g.into_generic().map_err(|message| LexiconError::Parse { path: path.to_path_buf(), message })?;
            self.generics.push(g);
        }
        for h in file.hosts {
            if !self.hosts.contains(&h) {
                self.hosts.push(h);
            }
        }
        Ok(())
    }

    fn add_entities(&mut self, entities: Vec<Entity>, priority: u16) {
        for e in entities {
            if self.entities.iter().any(|x| x.id == e.id) {
                self.diagnostics.push(format!("skipped duplicate entity id {:?}", e.id));
                continue;
            }
            self.entities.push(e);
            self.priority.push(priority);
        }
    }

    fn build(self) -> Lexicon {
        let Builder { entities, priority, generics, hosts, mut diagnostics } = self;
        let mut by_id = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            by_id.entry(e.id.clone()).or_insert(i);
        }
        for e in &entities {
            if let Some(a) = &e.affiliation {
                if !by_id.contains_key(a) {
                    diagnostics.push(format!("entity {:?}: affiliation {:?} is not in the lexicon", e.id, a));
                }
            }
        }
        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |key: String, t: Target| {
            if key.is_empty() {
                return;
            }
            let i = *key_index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                targets.push(Vec::new());
                targets.len() - 1
            });
            let list = &mut targets[i];
            match list.iter_mut().find(|x| x.entity == t.entity && x.kind == t.kind) {
                // The same key twice for one entity: the canonical name "Civilians" (capitalised,
                // so guarded) and the alias "civilians" listed to match in any case. A reading
                // that matches in any case was listed on purpose and wins over a guarded one.
                Some(x) => {
                    if t.guard == Guard::None && !t.rank.0 {
                        x.guard = Guard::None;
                    }
                }
                None => list.push(t),
            }
        };
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            let p = priority[i];
            for alias in e.names() {
                let key = fold_key(alias);
                for v in article_variants(&key) {
                    let guard = if v.contains(' ') { Guard::None } else { Guard::Capitalised };
                    add(v, Target { entity: i, kind: KeyKind::Alias, guard, rank: (true, p, KeyKind::Alias) });
                }
                let guard = Guard::for_alias(alias, &key);
                add(key, Target { entity: i, kind: KeyKind::Alias, guard, rank: (false, p, KeyKind::Alias) });
            }
            for d in &e.demonyms {
                let key = fold_key(d);
                let guard = Guard::for_alias(d, &key);
                add(key, Target { entity: i, kind: KeyKind::Demonym, guard, rank: (false, p, KeyKind::Demonym) });
            }
            if let Some(c) = &e.capital {
                let key = fold_key(c);
                let guard = Guard::for_alias(c, &key);
                add(key, Target { entity: i, kind: KeyKind::Capital, guard, rank: (false, p, KeyKind::Capital) });
            }
            if e.kind == ActorType::Person {
                if let Some(last) = e.name.split_whitespace().last() {
                    let key = fold_key(last);
                    if key.len() >= 3 {
                        surnames.entry(key).or_default().push(i);
                    }
                }
            }
        }
        for (g, gen) in generics.iter().enumerate() {
            for ph in &gen.phrases {
                let kind = KeyKind::Generic(g);
                add(fold_key(ph), Target { entity: usize::MAX, kind, guard: Guard::None, rank: (false, 500, kind) });
            }
        }
        for (key, i) in &key_index {
            let list = &mut targets[*i];
            list.sort_by_key(|t| t.rank);
            let firsts: Vec<&Target> = list.iter().filter(|t| t.rank == list[0].rank).collect();
            if firsts.len() > 1 {
                let ids: Vec<&str> =
                    firsts.iter().filter_map(|t| entities.get(t.entity)).map(|e| e.id.as_str()).collect();
                diagnostics.push(format!("key {key:?} is shared by {ids:?}; the first defined wins"));
            }
        }
        diagnostics.sort();
        let padded: Vec<String> = patterns.iter().map(|p| format!(" {p} ")).collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&padded)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("an empty automaton always builds"));
        let mut lex = Lexicon {
            entities,
            priority,
            by_id,
            generics,
            hosts,
            patterns,
            targets,
            key_index,
            automaton,
            surnames,
            state_of: Vec::new(),
            forces_of: HashMap::new(),
            diagnostics,
        };
        let mut by_country: HashMap<&str, usize> = HashMap::default();
        for (i, e) in lex.entities.iter().enumerate() {
            if let (ActorType::State, Some(c)) = (e.kind, e.country.as_deref()) {
                by_country.entry(c).or_insert(i);
            }
        }
        let state_of: Vec<Option<usize>> = lex
            .entities
            .iter()
            .map(|e| {
                lex.served_state(&e.id)
                    .and_then(|id| lex.index_of(&id))
                    .or_else(|| e.country.as_deref().and_then(|c| by_country.get(c).copied()))
            })
            .collect();
        lex.state_of = state_of;
        let mut forces_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, e) in lex.entities.iter().enumerate() {
            let Some(state) = e.affiliation.as_deref().and_then(|a| lex.index_of(a)) else { continue };
            let st = &lex.entities[state];
            // The armed forces, not the ministry, a staff or a command: named
            // (or also called) an army, a military or armed forces.
            let called_army = std::iter::once(&e.name).chain(&e.aliases).any(|n| {
                let n = n.to_ascii_lowercase();
                ["army", "military", "armed forces"].iter().any(|x| n.ends_with(x))
            });
            let office = ["Ministry", "Staff", "Command"].iter().any(|x| e.name.contains(x));
            let army = matches!(e.kind, ActorType::Organization | ActorType::Group)
                && st.kind == ActorType::State
                && called_army
                && !office
                && st
                    .cameo
                    .as_deref()
                    .zip(e.cameo.as_deref())
                    .is_some_and(|(sc, ec)| ec.strip_prefix(sc).is_some_and(|rest| rest == "MIL"));
            if army {
                forces_of.entry(state).or_default().push(i);
            }
        }
        lex.forces_of = forces_of;
        lex
    }
}

fn first_line(e: &toml::de::Error) -> String {
    e.to_string().lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join(" ")
}

fn builtin_builder() -> Builder {
    let mut b = Builder::default();
    for (name, src) in embedded::EMBEDDED {
        // The bundled files are tested at build time of the test suite; a
        // broken one is reported as a diagnostic rather than a panic here.
        if let Err(e) = b.add_file(Path::new(name), src, file_priority(name)) {
            b.diagnostics.push(e.to_string());
        }
    }
    b
}

impl Lexicon {
    /// The bundled lexicon, built once per process.
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| builtin_builder().build())
    }

    /// The bundled files, checked strictly: the first invalid file is an
    /// error (used by tests and `sitrep` to validate the data).
    pub fn embedded_strict() -> Result<Lexicon> {
        let mut b = Builder::default();
        for (name, src) in embedded::EMBEDDED {
            b.add_file(Path::new(name), src, file_priority(name))?;
        }
        Ok(b.build())
    }

    /// The bundled lexicon plus every `*.toml` file in the given directories
    /// (in name order). User entities rank after bundled ones on shared keys.
    pub fn from_dirs(extra: &[&Path]) -> Result<Lexicon> {
        Lexicon::load(extra, None)
    }

    /// The bundled lexicon plus the Phoenix/PETRARCH actor dictionaries
    /// (`*.actors.txt`) found in `dir`. Imported actors rank last.
    pub fn import_petrarch_dir(dir: &Path) -> Result<Lexicon> {
        Lexicon::load(&[], Some(dir))
    }

    /// The bundled lexicon, plus the `*.toml` entity files of `extra` (user
    /// entities rank after bundled ones on shared keys), plus the
    /// Phoenix/PETRARCH actor dictionaries of `petrarch` (ranked last).
    pub fn load(extra: &[&Path], petrarch: Option<&Path>) -> Result<Lexicon> {
        let mut b = builtin_builder();
        for dir in extra {
            for f in files_in(dir, |name| name.ends_with(".toml"))? {
                let src = std::fs::read_to_string(&f).map_err(|source| LexiconError::Io { path: f.clone(), source })?;
                b.add_file(&f, &src, USER_PRIORITY)?;
            }
        }
        if let Some(dir) = petrarch {
            for f in files_in(dir, |name| name.ends_with(".actors.txt"))? {
                let entities = petrarch::read_actors_file(&f)?;
                b.add_entities(entities, PETRARCH_PRIORITY);
            }
        }
        Ok(b.build())
    }

    /// A lexicon from the given TOML sources only (no bundled data), for
    /// tests and tools: `(file name, contents)` pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Lexicon> {
        let mut b = Builder::default();
        for (name, src) in sources {
            b.add_file(Path::new(name), src, file_priority(name))?;
        }
        Ok(b.build())
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The state at the end of entity `id`'s affiliation chain (a spokesman's ministry's state), if
    /// any; a state serves itself.
    pub fn served_state(&self, id: &str) -> Option<String> {
        let mut id = Some(id);
        // The chain is data: a few steps reach any state, and a loop in it must not hang.
        for _ in 0..6 {
            let e = self.get(id?)?;
            if e.kind == ActorType::State {
                return Some(e.id.clone());
            }
            id = e.affiliation.as_deref();
        }
        None
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Generic-reference rules.
    pub fn generics(&self) -> &[Generic] {
        &self.generics
    }

    /// Notes for curators: keys shared by several entities, dangling
    /// affiliations, files that failed to load.
    pub fn diagnostics(&self) -> &[String] {
        &self.diagnostics
    }

    /// Number of distinct folded keys in the automaton.
    pub fn key_count(&self) -> usize {
        self.patterns.len()
    }

    /// The folded keys, for tools that want to compare against a plain scan.
    pub fn keys(&self) -> &[String] {
        &self.patterns
    }

    /// Every alias as written in the lexicon files (names, aliases,
    /// demonyms, capitals and generic phrases), before folding: the list a
    /// plain multi-literal scan would use as a reference for the matcher.
    pub fn surface_aliases(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.entities {
            out.extend(e.names());
            out.extend(e.demonyms.iter().map(String::as_str));
            out.extend(e.capital.as_deref());
        }
        for g in &self.generics {
            out.extend(g.phrases.iter().map(String::as_str));
        }
        out.retain(|a| !a.trim().is_empty());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Resolve a name as written (any spelling the folding covers) to an
    /// entity: a full alias, a demonym or capital, an alias without a leading
    /// "the", or a person's unique surname.
    pub fn resolve(&self, name: &str) -> Option<&Entity> {
        let key = fold_key(name);
        let stripped = key.strip_prefix("thi ").unwrap_or(&key).to_string();
        for k in [key.clone(), stripped] {
            if let Some(&i) = self.key_index.get(&k) {
                let list = &self.targets[i];
                let best =
                    list.iter().filter(|t| !matches!(t.kind, KeyKind::Generic(_))).find(|t| t.guard.passes(name));
                if let Some(t) = best {
                    return self.entities.get(t.entity);
                }
                if let Some(t) = list.first() {
                    if let KeyKind::Generic(g) = t.kind {
                        if let Some(Refers::Entity(id)) = self.generics.get(g).map(|g| &g.refers) {
                            return self.get(id);
                        }
                        let host = self.generics.get(g).and_then(|g| g.fallback.as_deref());
                        if let Some(e) = host.and_then(|id| self.get(id)) {
                            return Some(e);
                        }
                        if let Some(Refers::HostState) = self.generics.get(g).map(|g| &g.refers) {
                            return self.hosts.first().and_then(|id| self.get(id));
                        }
                    }
                }
            }
        }
        let persons = self.surnames.get(&key)?;
        if persons.len() == 1 {
            return self.entities.get(persons[0]);
        }
        None
    }

    /// The priority rank of an entity (lower wins on shared keys).
    pub fn priority_of(&self, id: &str) -> Option<u16> {
        self.by_id.get(id).map(|&i| self.priority[i])
    }

    /// Every mention of an actor inside the sentences (and transcript speaker
    /// labels) of `seg`, in text order, never overlapping.
    pub fn mentions(&self, text: &str, seg: &Segmentation) -> Vec<Mention> {
        mentions::find(self, text, seg)
    }

    pub(crate) fn entity_at(&self, i: usize) -> Option<&Entity> {
        self.entities.get(i)
    }

    pub(crate) fn generic_at(&self, g: usize) -> Option<&Generic> {
        self.generics.get(g)
    }

    pub(crate) fn host_ids(&self) -> &[String] {
        &self.hosts
    }

    /// The armed forces of the state at index `state`, where listed (some
    /// states have more than one entry: "Syrian Armed Forces", "Syrian Arab Army").
    pub(crate) fn forces_of(&self, state: usize) -> &[usize] {
        self.forces_of.get(&state).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// A segmentation with one paragraph and one sentence covering all of
/// `text`, for callers (and examples) that have not segmented the text.
pub fn whole_text_segmentation(text: &str) -> Segmentation {
    let span = Span::new(0, text.len());
    Segmentation {
        paragraphs: vec![Paragraph { index: 0, span, kind: ParagraphKind::Text, speaker_label: None }],
        sentences: vec![Sentence { index: 0, paragraph: 0, span }],
    }
}

/// The files of `dir` whose names pass `keep`, in name order.
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|source| LexiconError::Io { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| keep(&n.to_string_lossy())))
        .collect();
    files.sort();
    Ok(files)
}
