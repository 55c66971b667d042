//! Who is speaking: the [`SpeakerContext`] trait the caller implements with
//! its actor lexicon, and [`SpeakerTable`], a small in-memory implementation.
//!
//! Extraction finds speaker *labels* as written (`MR TONER`, `Mr Kirby`,
//! `Ahrar al-Sham commander Abu Yazid Taftanaz`) and asks the context to turn
//! them into a canonical person with the role they held on the date said.
//! Keeping this behind a trait lets this crate stay independent of how the
//! lexicon stores people and dated roles.

use sitrep_model::PartialDate;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A speaker as the caller's lexicon knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedSpeaker {
    /// Actor id, when the speaker is a known actor.
    pub id: Option<String>,
    /// Canonical display name ("John Kirby").
    pub name: String,
    /// Role held on the date asked about ("State Department spokesman").
    pub role: Option<String>,
}

/// Resolves speaker labels to people. Implemented by the CLI with the actor
/// lexicon; [`SpeakerTable`] is a simple table-backed implementation.
pub trait SpeakerContext {
    /// Resolves `label` as written in the text (a transcript label such as
    /// `MR. EARNEST`, a name such as `Mr Kirby` or `Mark Toner`, or the
    /// canonical name of a mention) for a statement made on `date`.
    fn speaker(&self, label: &str, date: Option<PartialDate>) -> Option<ResolvedSpeaker>;

    /// The state a known speaker (actor id `id`) serves, as an actor id: the White House press
    /// secretary's is the United States.
    fn state_of(&self, _id: &str) -> Option<String> {
        None
    }

    /// Who held `office` (the first words of a role title: "President", "Vice President") of state
    /// `state` on `date`. `None` without a date, or unless exactly one person did.
    fn office_holder(&self, _office: &str, _state: &str, _date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        None
    }
}

/// A context that knows nobody: every speaker stays as written.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSpeakers;

impl SpeakerContext for NoSpeakers {
    fn speaker(&self, _label: &str, _date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        None
    }
}

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "admiral",
    "adm",
    "general",
    "gen",
    "colonel",
    "col",
    "lt",
    "lieutenant",
    "major",
    "maj",
    "captain",
    "capt",
    "sheikh",
    "sheik",
    "sir",
    "ambassador",
    "secretary",
    "minister",
    "president",
    "senator",
    "sen",
    "representative",
    "rep",
    "governor",
    "gov",
    "prof",
    "professor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "prime",
    "of",
    "state",
    "the",
    "press",
];

/// Whether a lowercase word is a title or honorific a label may start with.
pub(crate) fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word)
}

/// A lookup key for a speaker label: lowercase words with honorifics and
/// titles removed (`MR. EARNEST` and `Josh Earnest` -> `earnest` /
/// `josh earnest`). Use [`surname_key`] to compare across the two.
pub fn label_key(label: &str) -> String {
    let lowered = label.to_lowercase().replace(['.', ',', ':'], " ");
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().copied().skip_while(|w| HONORIFICS.contains(w)).collect();
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

/// The last word of [`label_key`]: the surname for most Western names and
/// the last element of most transliterated Arabic names.
pub fn surname_key(label: &str) -> String {
    label_key(label).rsplit(' ').next().unwrap_or("").to_string()
}

/// One person of a [`SpeakerTable`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerEntry {
    pub id: String,
    pub name: String,
    /// Extra names to match besides the surname and the full name.
    pub aliases: Vec<String>,
    /// The state the person serves (actor id), for [`SpeakerContext::state_of`].
    pub state: Option<String>,
    pub roles: Vec<SpeakerRole>,
}

/// A role held over an inclusive ISO date range (`None` = open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerRole {
    /// "White House press secretary".
    pub title: String,
    /// Actor id of the state or organisation the role is of.
    pub org: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl SpeakerRole {
    /// Whether the role was held on the ISO date `on` (any date when `None`).
    fn held_on(&self, on: Option<&str>) -> bool {
        on.is_none_or(|d| self.start.as_deref().is_none_or(|s| s <= d) && self.end.as_deref().is_none_or(|e| d <= e))
    }
}

/// A speaker context backed by a list of people; labels match by full name,
/// alias, or surname (`MR TONER` -> Mark Toner).
#[derive(Clone, Debug, Default)]
pub struct SpeakerTable {
    entries: Vec<SpeakerEntry>,
    /// Lookup keys of the entries, computed on first use.
    index: OnceLock<KeyIndex>,
}

/// Entry positions by [`label_key`] of the name, of each alias, and by
/// [`surname_key`] of the name.
#[derive(Clone, Debug, Default)]
struct KeyIndex {
    names: HashMap<String, Vec<usize>>,
    aliases: HashMap<String, Vec<usize>>,
    surnames: HashMap<String, Vec<usize>>,
}

impl KeyIndex {
    fn build(entries: &[SpeakerEntry]) -> KeyIndex {
        let mut ix = KeyIndex::default();
        let add = |map: &mut HashMap<String, Vec<usize>>, key: String, i: usize| {
            if key.is_empty() {
                return;
            }
            let list = map.entry(key).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        };
        for (i, e) in entries.iter().enumerate() {
            add(&mut ix.names, label_key(&e.name), i);
            // A one- or two-letter last word ("Un" of Kim Jong Un) is no surname to find people
            // by: labels that short are acronyms ("according to the UN ...").
            let surname = surname_key(&e.name);
            if surname.chars().count() >= 3 {
                add(&mut ix.surnames, surname, i);
            }
            for a in &e.aliases {
                add(&mut ix.aliases, label_key(a), i);
            }
        }
        ix
    }
}

impl SpeakerTable {
    pub fn new() -> SpeakerTable {
        SpeakerTable::default()
    }

    /// A table of the given people.
    pub fn from_entries(entries: Vec<SpeakerEntry>) -> SpeakerTable {
        SpeakerTable { entries, index: OnceLock::new() }
    }

    pub fn entries(&self) -> &[SpeakerEntry] {
        &self.entries
    }

    /// Adds a person holding one role over an optional date range.
    pub fn with(mut self, id: &str, name: &str, role: Option<(&str, Option<&str>, Option<&str>)>) -> SpeakerTable {
        self.entries.push(SpeakerEntry {
            id: id.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            state: None,
            roles: role
                .map(|(r, s, e)| SpeakerRole {
                    title: r.to_string(),
                    org: None,
                    start: s.map(str::to_string),
                    end: e.map(str::to_string),
                })
                .into_iter()
                .collect(),
        });
        self.index = OnceLock::new();
        self
    }

    fn role_on(entry: &SpeakerEntry, date: Option<PartialDate>) -> Option<String> {
        let on = date.map(|d| d.to_string());
        entry.roles.iter().find(|r| r.held_on(on.as_deref())).map(|r| r.title.clone())
    }
}

impl SpeakerContext for SpeakerTable {
    fn speaker(&self, label: &str, date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        let key = label_key(label);
        if key.is_empty() {
            return None;
        }
        let ix = self.index.get_or_init(|| KeyIndex::build(&self.entries));
        // An entry matches when its name key is the label key or ends it
        // ("state department spokesman john kirby"), when an alias key is
        // the label key, or, for a one-word label, by surname.
        let mut hits: Vec<usize> = Vec::new();
        let mut take = |list: Option<&Vec<usize>>| hits.extend(list.into_iter().flatten().copied());
        take(ix.names.get(key.as_str()));
        for (at, _) in key.match_indices(' ') {
            take(ix.names.get(&key[at + 1..]));
        }
        take(ix.aliases.get(key.as_str()));
        if !key.contains(' ') {
            take(ix.surnames.get(key.as_str()));
        }
        hits.sort_unstable();
        hits.dedup();
        // Two people sharing a surname: refuse to guess.
        if hits.len() != 1 {
            return None;
        }
        let e = self.entries.get(hits[0])?;
        Some(ResolvedSpeaker { id: Some(e.id.clone()), name: e.name.clone(), role: SpeakerTable::role_on(e, date) })
    }

    fn state_of(&self, id: &str) -> Option<String> {
        self.entries.iter().find(|e| e.id == id)?.state.clone()
    }

    fn office_holder(&self, office: &str, state: &str, date: Option<PartialDate>) -> Option<ResolvedSpeaker> {
        let on = date?.to_string();
        let office = office.to_lowercase();
        let holds = |r: &SpeakerRole| {
            let title = r.title.to_lowercase();
            // "President" is "President of the United States", not "Vice President" or "Presidential envoy".
            let named = title.strip_prefix(&office).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
            named && r.org.as_deref() == Some(state) && r.held_on(Some(&on))
        };
        let mut holders = self.entries.iter().filter_map(|e| Some((e, e.roles.iter().find(|r| holds(r))?)));
        let (e, role) = holders.next()?;
        if holders.next().is_some() {
            return None;
        }
        Some(ResolvedSpeaker { id: Some(e.id.clone()), name: e.name.clone(), role: Some(role.title.clone()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_titles() {
        assert_eq!(label_key("MR. EARNEST"), "earnest");
        assert_eq!(label_key("ADMIRAL KIRBY"), "kirby");
        assert_eq!(label_key("THE PRESIDENT"), "the president");
        assert_eq!(surname_key("Abu Yazid Taftanaz"), "taftanaz");
    }

    #[test]
    fn table_resolves_by_surname_and_date() {
        let t = SpeakerTable::new()
            .with("mark_toner", "Mark Toner", Some(("State Department deputy spokesman", Some("2015-01-01"), None)))
            .with(
                "john_kirby",
                "John Kirby",
                Some(("State Department spokesman", Some("2015-05-01"), Some("2017-01-20"))),
            );
        let r = t.speaker("MR TONER", None).unwrap();
        assert_eq!(r.name, "Mark Toner");
        let k = t.speaker("Mr Kirby", Some(PartialDate::ymd(2018, 1, 1))).unwrap();
        assert_eq!(k.role, None);
        assert_eq!(
            t.speaker("Mr Kirby", Some(PartialDate::ymd(2016, 4, 25))).unwrap().role.as_deref(),
            Some("State Department spokesman")
        );
        assert_eq!(t.speaker("QUESTION", None), None);
    }

    #[test]
    fn offices_resolve_by_state_and_date() {
        let role = |title: &str, org: &str, start: &str, end: Option<&str>| SpeakerRole {
            title: title.into(),
            org: Some(org.into()),
            start: Some(start.into()),
            end: end.map(str::to_string),
        };
        let person = |id: &str, name: &str, roles: Vec<SpeakerRole>| SpeakerEntry {
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            state: Some("united_states".into()),
            roles,
        };
        let t = SpeakerTable::from_entries(vec![
            person(
                "barack_obama",
                "Barack Obama",
                vec![role("President of the United States", "united_states", "2009-01-20", Some("2017-01-20"))],
            ),
            person(
                "donald_trump",
                "Donald Trump",
                vec![role("President of the United States", "united_states", "2017-01-20", Some("2021-01-20"))],
            ),
            person(
                "joe_biden",
                "Joe Biden",
                vec![role("Vice President of the United States", "united_states", "2009-01-20", Some("2017-01-20"))],
            ),
        ]);
        let holder = |office: &str, state: &str, date| t.office_holder(office, state, date).map(|r| r.name);
        let may_2016 = Some(PartialDate::ymd(2016, 5, 8));
        assert_eq!(holder("President", "united_states", may_2016).as_deref(), Some("Barack Obama"));
        assert_eq!(
            holder("president", "united_states", Some(PartialDate::ymd(2018, 3, 1))).as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(holder("Vice President", "united_states", may_2016).as_deref(), Some("Joe Biden"));
        assert_eq!(holder("President", "russia", may_2016), None, "another state's office");
        assert_eq!(holder("President", "united_states", None), None, "no date, no guess");
        assert_eq!(t.state_of("joe_biden").as_deref(), Some("united_states"));
    }

    #[test]
    fn table_matches_full_names_titles_aliases_and_refuses_shared_surnames() {
        let mut t = SpeakerTable::new()
            .with("john_kirby", "John Kirby", Some(("State Department spokesman", None, None)))
            .with("sergei_lavrov", "Sergei Lavrov", None)
            .with("ali_khan", "Ali Khan", None)
            .with("omar_khan", "Omar Khan", None)
            .with("kim_jong_un", "Kim Jong Un", None);
        let mut entries = t.entries().to_vec();
        entries[1].aliases.push("Sergey Lavrov".into());
        t = SpeakerTable::from_entries(entries);
        let id = |label: &str| t.speaker(label, None).and_then(|r| r.id);
        assert_eq!(id("State Department spokesman John Kirby").as_deref(), Some("john_kirby"));
        assert_eq!(id("ADMIRAL KIRBY").as_deref(), Some("john_kirby"));
        assert_eq!(id("Sergey Lavrov").as_deref(), Some("sergei_lavrov"));
        assert_eq!(id("Foreign Minister Sergei Lavrov").as_deref(), Some("sergei_lavrov"));
        assert_eq!(id("Mr Khan"), None);
        assert_eq!(id("Omar Khan").as_deref(), Some("omar_khan"));
        assert_eq!(id("Kirby Smith"), None);
        assert_eq!(id(""), None);
        // An acronym is no two-letter surname.
        assert_eq!(id("UN"), None);
        assert_eq!(id("Kim Jong Un").as_deref(), Some("kim_jong_un"));
    }
}
