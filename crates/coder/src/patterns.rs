//! Coding patterns as data: the trigger lexicon for events, the relation
//! patterns, modality cues and the CAMEO-to-PLOVER crosswalk.
//!
//! The built-in files under `data/` are embedded in the binary; a user adds or
//! overrides patterns by pointing [`Patterns::load_dir`] at a directory of
//! TOML files in the same format, without recompiling. A pattern is a
//! space-separated sequence of elements:
//!
//! - `word` matches that word (case-insensitive); `a|b` matches either;
//! - `@lemma` matches any inflection of a verb ("@seize" matches "seized");
//! - a trailing `?` makes an element optional (`the?`);
//! - `*` skips up to three ordinary words, `*N` up to N;
//! - `{S}` and `{T}` (events) or `{S}` and `{O}` (relations) bind an actor group
//!   (coordinated actors count as one group); `{P}` binds a place and `{A}` an
//!   agreement (a ceasefire, a truce).
//!
//! Roles a pattern leaves unbound are found from the sentence around the match:
//! `left` is the clause subject (passives are turned round), `right` the first
//! actor group after the match (directly, or after one of the `preps`), `by`
//! the agent of a following "by" phrase, `speaker` the person speaking.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::forms::verb_forms;

/// Errors from loading user pattern files. Built-in data never fails to load:
/// it is checked by the crate's tests.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PatternError {
    #[error("cannot read pattern file {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("invalid pattern file {path}: {message}")]
    Toml { path: PathBuf, message: String },
    #[error("invalid pattern `{pattern}` in {path}: {message}")]
    Pattern { path: PathBuf, pattern: String, message: String },
}

const BUILTIN: &[(&str, &str)] = &[
    ("events.toml", include_str!("../data/events.toml")),
    ("relations.toml", include_str!("../data/relations.toml")),
    ("cues.toml", include_str!("../data/cues.toml")),
    ("crosswalk.toml", include_str!("../data/crosswalk.toml")),
];

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// Any of these lowercase words; `lemma` is set when it came from `@lemma`.
    Word { any: Vec<String>, optional: bool, verb: bool },
    /// Up to this many ordinary words.
    Gap(usize),
    /// An actor group (`S`, `T`, `O`), place (`P`) or agreement (`A`).
    Slot(char),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub source: String,
    pub elems: Vec<Elem>,
}

impl Pattern {
    pub fn parse(src: &str) -> Result<Pattern, String> {
        let mut elems = Vec::new();
        for raw in src.split_whitespace() {
            if raw == "*" {
                elems.push(Elem::Gap(3));
                continue;
            }
            if let Some(n) = raw.strip_prefix('*') {
                let n: usize = n.parse().map_err(|_| format!("bad gap `{raw}`"))?;
                elems.push(Elem::Gap(n.min(12)));
                continue;
            }
            if raw.starts_with('{') {
                let inner = raw.trim_start_matches('{').trim_end_matches('}');
                let c = inner.chars().next().filter(|_| inner.len() == 1).ok_or_else(|| format!("bad slot `{raw}`"))?;
                if !"STOPA".contains(c) {
                    return Err(format!("unknown slot `{raw}` (use S, T, O, P or A)"));
                }
                elems.push(Elem::Slot(c));
                continue;
            }
            let (body, optional) = match raw.strip_suffix('?') {
                Some(b) if !b.is_empty() => (b, true),
                _ => (raw, false),
            };
            let mut any = Vec::new();
            let mut verb = false;
            for alt in body.split('|').filter(|a| !a.is_empty()) {
                if let Some(lemma) = alt.strip_prefix('@') {
                    verb = true;
                    any.extend(verb_forms(lemma));
                } else {
                    any.push(alt.to_lowercase());
                }
            }
            if any.is_empty() {
                return Err(format!("empty element `{raw}`"));
            }
            elems.push(Elem::Word { any, optional, verb });
        }
        if !elems.iter().any(|e| matches!(e, Elem::Word { optional: false, .. })) {
            return Err("a pattern needs at least one required word".into());
        }
        if matches!(elems.first(), Some(Elem::Gap(_))) || matches!(elems.last(), Some(Elem::Gap(_))) {
            return Err("a pattern cannot start or end with a gap".into());
        }
        Ok(Pattern { source: src.to_string(), elems })
    }

    pub fn has_slot(&self, c: char) -> bool {
        self.elems.contains(&Elem::Slot(c))
    }

    /// The first required word: the matcher's index key.
    pub fn key_words(&self) -> Vec<String> {
        for e in &self.elems {
            if let Elem::Word { any, optional: false, .. } = e {
                return any.clone();
            }
        }
        Vec::new()
    }
}

fn default_left() -> String {
    "left".into()
}
fn default_right() -> String {
    "right".into()
}
fn yes() -> bool {
    true
}
fn default_time() -> String {
    "start".into()
}

/// An event trigger as written in a pattern file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub id: String,
    /// One pattern, or several alternatives sharing the rest of the entry.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub cameo: Option<String>,
    /// left, by, speaker, none, or a slot (bound automatically).
    #[serde(default = "default_left")]
    pub source: String,
    /// right, left, by, none, controller (whoever holds the event's place).
    #[serde(default = "default_right")]
    pub target: String,
    /// Prepositions after which a `right` target may stand.
    #[serde(default)]
    pub preps: Vec<String>,
    /// A noun trigger: no direct object, no passive.
    #[serde(default)]
    pub nominal: bool,
    /// One event per place when the place is a coordination ("in A, B and C").
    #[serde(default = "yes")]
    pub each_place: bool,
    /// Needs a target to fire (for verbs that are too common alone).
    #[serde(default)]
    pub needs_target: bool,
    /// Content of the event is a proposition (an accusation, a request):
    /// events nested inside it are reported by this event's source.
    #[serde(default)]
    pub frames_content: bool,
    /// What the trigger's object must name for the event to fire, for verbs
    /// that mean seizing or advancing only with ground as their object
    /// ("took two towns", not "took a look"): `ground` (a place, a place
    /// noun, territory) or `ground-or-actor` (also an actor: "moved against
    /// the rebels"); `none` for triggers that name the event only without
    /// an object ("demonstrated in the capital", not "demonstrated its
    /// resolve"; "the advance on Aleppo", not "to advance nuclear security");
    /// `forces` for deployments: no object, or one that names forces, arms,
    /// positions or an actor ("deployed troops", not "mobilized resources");
    /// `proposal` for verbs that also report claims: a that-clause must ask
    /// for something ("suggested that Congress act", not "suggested that
    /// Iran would never comply").
    #[serde(default)]
    pub object: Option<String>,
    /// Words that may not stand right before the match ("in advance").
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Words that may not stand right after the match ("push for", "advance
    /// team").
    #[serde(default)]
    pub unless_after: Vec<String>,
}

/// A relation pattern as written in a pattern file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    pub id: String,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// Used instead of `type` when the match is negated ("not part of").
    #[serde(default)]
    pub negated_type: Option<String>,
    #[serde(default = "default_left")]
    pub subject: String,
    #[serde(default = "default_right")]
    pub object: String,
    #[serde(default)]
    pub preps: Vec<String>,
    /// What the object is: actor, place or agreement.
    #[serde(default = "default_object_kind")]
    pub object_kind: String,
    /// Whether the sentence's date is the relation's start, end, or neither.
    #[serde(default = "default_time")]
    pub time: String,
    /// A change of hands: also ends the previous holder's control.
    #[serde(default)]
    pub transfer: bool,
    /// Also emit the matching event.
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub event_mode: Option<String>,
    #[serde(default)]
    pub event_cameo: Option<String>,
    /// Words that may not stand right before the match ("that part of
    /// it" is a portion, "bring back" a particle).
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Words that may not stand right after the match.
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// When set, one of these words must stand right before the match ("is
    /// part of", "are not part of"; not "in the eastern part of").
    #[serde(default)]
    pub only_after: Vec<String>,
    /// Words that may not follow the trigger word itself, inside the match
    /// ("Iran-backed militias", not "forces backed by the coalition").
    #[serde(default)]
    pub unless_after_key: Vec<String>,
}

fn default_object_kind() -> String {
    "actor".into()
}

/// Modality and attribution cues.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub hypothetical: Vec<String>,
    #[serde(default)]
    pub suppress: Vec<String>,
    /// Wishes and proposals: a relation under one does not hold.
    #[serde(default)]
    pub desire: Vec<String>,
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    #[serde(default)]
    pub according: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub light_verbs: Vec<String>,
    #[serde(default)]
    pub agreements: Vec<String>,
    #[serde(default)]
    pub place_nouns: Vec<String>,
    #[serde(default)]
    pub mode_cue: Vec<ModeCue>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeCue {
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: String,
    pub words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event: Vec<EventSpec>,
    #[serde(default)]
    relation: Vec<RelationSpec>,
    #[serde(default)]
    cues: Option<Cues>,
    /// CAMEO code -> "PLOVER_TYPE [mode]".
    #[serde(default)]
    crosswalk: BTreeMap<String, String>,
}

/// A compiled event rule.
#[derive(Clone, Debug)]
pub struct EventRule {
    pub spec: EventSpec,
    pub pattern: Pattern,
}

/// A compiled relation rule.
#[derive(Clone, Debug)]
pub struct RelationRule {
    pub spec: RelationSpec,
    pub pattern: Pattern,
}

/// Every pattern the coder uses.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    pub events: Vec<EventRule>,
    pub relations: Vec<RelationRule>,
    pub cues: Cues,
    pub crosswalk: BTreeMap<String, (String, Option<String>)>,
}

impl Patterns {
    /// The built-in patterns.
    pub fn builtin() -> Patterns {
        let mut p = Patterns::default();
        for (name, text) in BUILTIN {
            // The built-in files are tested; a failure here is a build defect.
            if let Err(e) = p.add_toml(text, Path::new(name)) {
                debug_assert!(false, "{e}");
            }
        }
        p
    }

    /// Adds the patterns in a TOML text; `path` names it in errors.
    pub fn add_toml(&mut self, text: &str, path: &Path) -> Result<(), PatternError> {
        let file: File = toml::from_str(text)
            .map_err(|e| PatternError::Toml { path: path.to_path_buf(), message: e.to_string() })?;
        for spec in file.event {
            for src in spec.pattern.iter().chain(spec.patterns.iter()) {
                let pattern = Pattern::parse(src).map_err(|message| PatternError::Pattern {
                    path: path.to_path_buf(),
                    pattern: src.clone(),
                    message,
                })?;
                check_type(&spec.kind, path, src)?;
                if let Some(o) = spec
                    .object
                    .as_deref()
                    .filter(|o| !matches!(*o, "ground" | "ground-or-actor" | "none" | "forces" | "proposal"))
                {
                    return Err(PatternError::Pattern {
                        path: path.to_path_buf(),
                        pattern: src.clone(),
                        message: format!("unknown object `{o}` (ground, ground-or-actor, none, forces, proposal)"),
                    });
                }
                self.events.push(EventRule { spec: spec.clone(), pattern });
            }
        }
        for spec in file.relation {
            for src in spec.pattern.iter().chain(spec.patterns.iter()) {
                let pattern = Pattern::parse(src).map_err(|message| PatternError::Pattern {
                    path: path.to_path_buf(),
                    pattern: src.clone(),
                    message,
                })?;
                self.relations.push(RelationRule { spec: spec.clone(), pattern });
            }
        }
        if let Some(c) = file.cues {
            merge_cues(&mut self.cues, c);
        }
        for (code, v) in file.crosswalk {
            let mut it = v.split_whitespace();
            let kind = it.next().unwrap_or("").to_string();
            let mode = it.next().map(str::to_string);
            self.crosswalk.insert(code, (kind, mode));
        }
        Ok(())
    }

    /// Adds event rules built elsewhere (the CAMEO dictionary importer).
    pub fn add_event_rules(&mut self, rules: Vec<EventRule>) {
        self.events.extend(rules);
    }

    /// Adds every `*.toml` file in `dir`, in name order.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), PatternError> {
        let rd = std::fs::read_dir(dir).map_err(|source| PatternError::Io { path: dir.to_path_buf(), source })?;
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| PatternError::Io { path: f.clone(), source })?;
            self.add_toml(&text, &f)?;
        }
        Ok(())
    }

    /// PLOVER type and mode for a CAMEO code, trying its shorter prefixes.
    pub fn plover_for(&self, cameo: &str) -> Option<(String, Option<String>)> {
        let mut code = cameo.trim();
        while !code.is_empty() {
            if let Some(v) = self.crosswalk.get(code) {
                return Some(v.clone());
            }
            code = &code[..code.len() - 1];
        }
        None
    }
}

pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

fn check_type(kind: &str, path: &Path, src: &str) -> Result<(), PatternError> {
    if PLOVER_TYPES.contains(&kind) {
        Ok(())
    } else {
        Err(PatternError::Pattern {
            path: path.to_path_buf(),
            pattern: src.to_string(),
            message: format!("unknown PLOVER type `{kind}`"),
        })
    }
}

fn merge_cues(into: &mut Cues, c: Cues) {
    into.negation.extend(c.negation);
    into.hypothetical.extend(c.hypothetical);
    into.suppress.extend(c.suppress);
    into.desire.extend(c.desire);
    into.reporting_verbs.extend(c.reporting_verbs);
    into.according.extend(c.according);
    into.titles.extend(c.titles);
    into.light_verbs.extend(c.light_verbs);
    into.agreements.extend(c.agreements);
    into.place_nouns.extend(c.place_nouns);
    into.mode_cue.extend(c.mode_cue);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_load() {
        let mut p = Patterns::default();
        for (name, text) in BUILTIN {
            p.add_toml(text, Path::new(name)).unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(p.events.len() > 50, "{}", p.events.len());
        assert!(p.relations.len() > 20, "{}", p.relations.len());
        assert_eq!(p.plover_for("1831").map(|x| x.0), Some("ASSAULT".into()));
        assert_eq!(p.plover_for("0871"), Some(("RETREAT".into(), Some("ceasefire".into()))));
    }

    #[test]
    fn pattern_syntax() {
        let p = Pattern::parse("@fall into the hands of {S}").unwrap();
        assert_eq!(p.elems.len(), 6);
        assert!(p.has_slot('S'));
        assert!(p.key_words().contains(&"fell".to_string()));
        for bad in ["{X} took", "* took", "took *", "{S}", "*x took"] {
            assert!(Pattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn user_files_report_their_path() {
        let mut p = Patterns::default();
        let err = p.add_toml("[[event]]\nid='x'\npattern='@x'\ntype='BOGUS'\n", Path::new("mine.toml")).unwrap_err();
        assert!(err.to_string().starts_with("invalid pattern `@x` in mine.toml"), "{err}");
        let err = p.add_toml("[[event]\n", Path::new("broken.toml")).unwrap_err();
        assert!(err.to_string().starts_with("invalid pattern file broken.toml"), "{err}");
    }
}
