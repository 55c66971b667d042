//! The names the generator writes with, drawn from sitrep's own data: armed
//! groups, forces, states and office holders from the embedded actor lexicon,
//! towns from the embedded gazetteer. A benchmark on a few dozen hard-coded
//! names measures caches that real text never keeps warm; with the lexicon's
//! thousands of names and the gazetteer's towns the matcher, the gazetteer
//! and the parser see the spread of words a news flow has.

use sitrep_geo::{EntryKind, Gazetteer};
use sitrep_lexicon::Lexicon;
use sitrep_model::{ActorType, PartialDate};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A state at war on its own soil or abroad, with the armed actors and the
/// towns its reports name.
#[derive(Clone, Debug)]
pub(crate) struct Theatre {
    pub country: String,
    pub demonym: Option<String>,
    pub capital: Option<String>,
    /// Armed groups and state forces of the country, as reports write them
    /// (the canonical name or one of its aliases).
    pub armed: Vec<Vec<String>>,
    /// Which of `armed` are the state's own forces.
    pub is_force: Vec<bool>,
    /// Towns and cities, most populous first.
    pub places: Vec<String>,
}

/// Someone who speaks for an office in a given period.
#[derive(Clone, Debug)]
pub(crate) struct Official {
    pub name: String,
    pub title: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

impl Official {
    pub fn serves_in(&self, year: i32) -> bool {
        let y = |d: Option<PartialDate>| d.and_then(|d| d.year).map(i32::from);
        y(self.start).is_none_or(|s| s <= year) && y(self.end).is_none_or(|e| e >= year)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Vocab {
    pub theatres: Vec<Theatre>,
    pub officials: Vec<Official>,
    /// Outside powers: state names that back, condemn and mediate, the
    /// ones reports name most often first ([`Vocab::major`] of them).
    pub powers: Vec<String>,
    pub major: usize,
    /// International organisations and aid agencies.
    pub agencies: Vec<String>,
    /// Countries with their towns, for general news.
    pub world: Vec<(String, Vec<String>)>,
}

/// Aliases that read as a name in running text: no bare lowercase phrase
/// ("rebels"), not too long.
fn usable(alias: &str) -> bool {
    alias.chars().next().is_some_and(char::is_uppercase) && alias.len() <= 40 && !alias.contains(['(', ')', '/'])
}

fn names_of(name: &str, aliases: &[String]) -> Vec<String> {
    let mut out = vec![name.to_string()];
    out.extend(aliases.iter().filter(|a| usable(a)).take(6).cloned());
    out
}

impl Vocab {
    /// An outside power: mostly one of the major ones.
    pub fn power(&self, rng: &mut crate::Rng) -> &str {
        let n = if self.major > 0 && rng.chance(80) { self.major } else { self.powers.len() };
        &self.powers[rng.below(n)]
    }

    pub fn get() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| Vocab::build(Lexicon::embedded(), Gazetteer::embedded()))
    }

    fn build(lexicon: &Lexicon, gazetteer: &Gazetteer) -> Vocab {
        let entities = lexicon.entities();
        // Towns per ISO alpha-2 country, most populous first.
        let mut towns: BTreeMap<&str, Vec<(u64, &str)>> = BTreeMap::new();
        for e in gazetteer.entries() {
            if e.kind == EntryKind::City && e.name.is_ascii() && !e.name.is_empty() {
                towns.entry(e.country.as_str()).or_default().push((e.population, e.name.as_str()));
            }
        }
        for list in towns.values_mut() {
            list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            list.dedup_by(|a, b| a.1 == b.1);
            list.truncate(120);
        }
        let iso2 = |state: &str| {
            gazetteer.lookup(state).into_iter().find(|e| e.kind == EntryKind::Country).map(|e| e.country.clone())
        };
        let mut v = Vocab::default();
        for state in entities.iter().filter(|e| e.kind == ActorType::State) {
            let Some(code) = state.country.as_deref() else { continue };
            let Some(places) = iso2(&state.name).and_then(|c| towns.get(c.as_str())) else { continue };
            if places.len() < 8 {
                continue;
            }
            let places: Vec<String> = places.iter().map(|(_, n)| n.to_string()).collect();
            v.world.push((state.name.clone(), places.iter().take(30).cloned().collect()));
            let (mut armed, mut is_force) = (Vec::new(), Vec::new());
            for e in entities.iter().filter(|e| e.country.as_deref() == Some(code)) {
                let force = e.kind == ActorType::Organization && e.cameo.as_deref().is_some_and(|c| c.ends_with("MIL"));
                if e.kind == ActorType::Group || force {
                    armed.push(names_of(&e.name, &e.aliases));
                    is_force.push(force);
                }
            }
            if armed.len() >= 3 && is_force.iter().any(|f| !f) {
                v.theatres.push(Theatre {
                    country: state.name.clone(),
                    demonym: state.demonyms.first().cloned(),
                    capital: state.capital.clone(),
                    armed,
                    is_force,
                    places,
                });
            }
            v.powers.push(state.name.clone());
        }
        // The powers most named in conflict reporting lead the list.
        const MAJOR: &[&str] = &[
            "United States",
            "Russia",
            "China",
            "France",
            "United Kingdom",
            "Turkey",
            "Iran",
            "Saudi Arabia",
            "Qatar",
            "Egypt",
            "Germany",
            "India",
            "Pakistan",
            "Israel",
            "United Arab Emirates",
            "Jordan",
        ];
        let mut major: Vec<String> =
            MAJOR.iter().filter(|m| v.powers.iter().any(|p| p == *m)).map(|m| m.to_string()).collect();
        v.major = major.len();
        major.extend(v.powers.iter().filter(|p| !MAJOR.contains(&p.as_str())).cloned());
        v.powers = major;
        for e in entities {
            match e.kind {
                ActorType::Person => {
                    for r in &e.roles {
                        v.officials.push(Official {
                            name: e.name.clone(),
                            title: r.title.clone(),
                            start: r.start.as_deref().and_then(PartialDate::parse_iso),
                            end: r.end.as_deref().and_then(PartialDate::parse_iso),
                        });
                    }
                }
                ActorType::Organization
                    if e.country.is_none()
                        && e.cameo.as_deref().is_some_and(|c| c.starts_with("IGO") || c.starts_with("NGO")) =>
                {
                    v.agencies.push(e.name.clone());
                }
                _ => {}
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_spans_many_theatres_and_names() {
        let v = Vocab::get();
        assert!(v.theatres.len() >= 15, "{} theatres", v.theatres.len());
        let names: usize = v.theatres.iter().flat_map(|t| &t.armed).map(Vec::len).sum();
        assert!(names >= 500, "{names} armed-actor names");
        assert!(v.theatres.iter().any(|t| t.country == "Syria" && t.places.iter().any(|p| p == "Aleppo")));
        assert!(v.officials.len() >= 200 && v.agencies.len() >= 20 && v.world.len() >= 60);
    }
}
