//! The lexicon's records: entities with their aliases and dated roles, generic
//! references, and the TOML file format they are read from (documented in
//! `data/README.md`).

use serde::Deserialize;
use sitrep_model::{ActorRecord, ActorType, PartialDate};

/// One actor: a group, coalition, state, organization, person, population or
/// agreement.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable snake_case id.
    pub id: String,
    /// Canonical display name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// Other surface forms. Case is ignored except for short all-capital
    /// forms ("US", "IS", "SAA") and single capitalised words ("Nusra"),
    /// which must appear capitalised in the text.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-3 code of the state the actor is or belongs to.
    #[serde(default)]
    pub country: Option<String>,
    /// CAMEO actor code.
    #[serde(default)]
    pub cameo: Option<String>,
    /// Id of the entity this one belongs to.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// For states: adjective and plural forms ("Syrian", "Syrians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// For states: the capital used by metonymy ("Damascus said").
    #[serde(default)]
    pub capital: Option<String>,
    /// Dated positions, for people.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The state the entity belongs to the wars of: written in lower case ("the cessation of
    /// hostilities"), its name is this entity only in documents whose host state is this one.
    #[serde(default)]
    pub host: Option<String>,
    /// Free-text note for curators; not used in matching.
    #[serde(default)]
    pub note: Option<String>,
}

/// A dated position held by a person.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// "State Department spokesperson".
    pub title: String,
    /// Id of the organization or state the role belongs to.
    #[serde(default)]
    pub org: Option<String>,
    /// ISO date (`2015`, `2015-05`, `2015-05-26`) the role began.
    #[serde(default)]
    pub start: Option<String>,
    /// ISO date the role ended; open when absent.
    #[serde(default)]
    pub end: Option<String>,
}

impl Role {
    /// True when the role was held at `date`: the date's earliest day is not
    /// after the end's last day and its latest day not before the start.
    pub fn held_at(&self, date: PartialDate) -> bool {
        let (lo, hi) = (bound(date, false), bound(date, true));
        let start_ok = match self.start.as_deref().and_then(PartialDate::parse_iso) {
            Some(s) => hi >= bound(s, false),
            None => true,
        };
        let end_ok = match self.end.as_deref().and_then(PartialDate::parse_iso) {
            Some(e) => lo <= bound(e, true),
            None => true,
        };
        start_ok && end_ok
    }
}

fn bound(d: PartialDate, upper: bool) -> (i16, u8, u8) {
    let y = d.year.unwrap_or(if upper { i16::MAX } else { i16::MIN });
    let m = d.month.unwrap_or(if upper { 12 } else { 1 });
    let day = d.day.unwrap_or(if upper { 31 } else { 1 });
    (y, m, day)
}

impl Entity {
    /// The exchange `actor` record: the canonical name first among the
    /// aliases, then the listed aliases and demonyms, without duplicates.
    pub fn to_record(&self) -> ActorRecord {
        let mut aliases: Vec<String> = vec![self.name.clone()];
        for a in self.aliases.iter().chain(&self.demonyms) {
            if !aliases.contains(a) {
                aliases.push(a.clone());
            }
        }
        ActorRecord {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            aliases,
            affiliation: self.affiliation.clone(),
            country: self.country.clone(),
            cameo: self.cameo.clone(),
        }
    }

    /// The role held at `date`; the latest-starting one when several overlap.
    pub fn role_at(&self, date: PartialDate) -> Option<&Role> {
        self.roles
            .iter()
            .filter(|r| r.held_at(date))
            .max_by_key(|r| r.start.as_deref().and_then(PartialDate::parse_iso).map(|d| bound(d, false)))
    }

    /// All names the entity is known by: canonical name then aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// What a generic phrase ("the regime", "the coalition") refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refers {
    /// The host state of the document: the most mentioned of the `hosts`
    /// states listed in the generic file; when the document names none of
    /// them, the state it names most; when it names no state, the first host.
    HostState,
    /// The last coalition named before the phrase, else `fallback`.
    LastCoalition,
    /// The last group named before the phrase.
    LastGroup,
    /// The last agreement named before the phrase.
    LastAgreement,
    /// A fixed entity id.
    Entity(String),
}

/// A generic reference rule from a `[[generic]]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generic {
    pub phrases: Vec<String>,
    pub refers: Refers,
    pub sector: Option<String>,
    /// Entity used when the rule finds no antecedent.
    pub fallback: Option<String>,
    /// Only in documents whose host state is this one: elsewhere the phrase
    /// stays unresolved ("the rebels" are the Syrian opposition in a report
    /// on Syria, not in one on Colombia).
    pub host: Option<String>,
    /// What the phrase refers to in documents about another host (with
    /// `host`): "the rebels" in a report on Congo are the armed group it
    /// last named.
    pub elsewhere: Option<Refers>,
    /// In a transcript whose speakers are one state's officials, the phrase
    /// is that state ("the government" in a White House briefing).
    pub home: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGeneric {
    pub phrases: Vec<String>,
    pub refers: String,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub fallback: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub elsewhere: Option<String>,
    #[serde(default)]
    pub home: bool,
}

impl RawGeneric {
    pub(crate) fn into_generic(self) -> Result<Generic, String> {
        let refers = parse_refers(&self.refers)?;
        let elsewhere = match (&self.elsewhere, &self.host) {
            (Some(_), None) => return Err("`elsewhere` needs a `host`".into()),
            (Some(e), Some(_)) => Some(parse_refers(e)?),
            (None, _) => None,
        };
        Ok(Generic {
            phrases: self.phrases,
            refers,
            sector: self.sector,
            fallback: self.fallback,
            host: self.host,
            elsewhere,
            home: self.home,
        })
    }
}

fn parse_refers(value: &str) -> Result<Refers, String> {
    Ok(match value {
        "host-state" => Refers::HostState,
        "last-coalition" => Refers::LastCoalition,
        "last-group" => Refers::LastGroup,
        "last-agreement" => Refers::LastAgreement,
        s if s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') && !s.is_empty() => {
            Refers::Entity(s.to_string())
        }
        s => return Err(format!("unknown refers value {s:?}")),
    })
}

/// One lexicon file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    #[serde(default)]
    pub entity: Vec<Entity>,
    #[serde(default)]
    pub generic: Vec<RawGeneric>,
    /// Host states for `refers = "host-state"`, in order of preference.
    #[serde(default)]
    pub hosts: Vec<String>,
}
