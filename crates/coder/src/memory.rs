//! Discourse memory across the sentences of one document: the actors named
//! so far (for pronouns and anaphors such as "they", "this coalition",
//! "these groups"), the last place and agreement, and who holds which place.
//!
//! Resolution prefers recent clause subjects, because reporting keeps the
//! actor it is talking about in subject position ("The coalition formed in
//! March. It took Idlib in April.").

use sitrep_model::{ActorType, Place};

pub(crate) type Named = (String, Option<String>, Option<ActorType>);
type Holders = Vec<(String, Option<String>)>;
type Control = (String, Holders, Option<usize>);
/// An attack coded: its sentence, its sources, its place.
type Attack = (usize, Holders, Option<String>, Option<String>);

#[derive(Clone, Debug)]
struct Entry {
    sentence: usize,
    actors: Vec<Named>,
    subject: bool,
    oblique: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Memory {
    entries: Vec<Entry>,
    places: Vec<Place>,
    agreements: Vec<(String, Option<String>)>,
    /// Place key -> holders and the relation record that states it.
    controls: Vec<Control>,
    lost: Vec<Control>,
    /// Actors known to be coalitions (objects of member_of).
    coalitions: Vec<Named>,
    /// Who carried out the attacks coded, in which sentence, where and how (the
    /// event's mode), latest last; the last few only.
    attacks: Vec<Attack>,
    /// The last two sides seen fighting (an attack's source and target), and in which sentence.
    fight: Option<(usize, Vec<Named>)>,
}

/// How many attacks [`Memory::last_attacker`] looks back over.
const ATTACKS_KEPT: usize = 8;

fn usable(a: &Named) -> bool {
    !matches!(a.2, Some(ActorType::Person | ActorType::Agreement))
}

pub fn place_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "al" | "el"
                        | "the"
                        | "town"
                        | "city"
                        | "of"
                        | "village"
                        | "south"
                        | "north"
                        | "east"
                        | "west"
                        | "province"
                        | "governorate"
                )
        })
        .collect();
    words.join(" ")
}

impl Memory {
    pub fn add_group(&mut self, sentence: usize, actors: Vec<Named>, subject: bool, oblique: bool) {
        if actors.is_empty() {
            return;
        }
        for a in &actors {
            if a.2 == Some(ActorType::Agreement) {
                self.agreements.push((a.0.clone(), a.1.clone()));
            }
        }
        self.entries.push(Entry { sentence, actors, subject, oblique });
    }

    pub fn add_place(&mut self, p: Place) {
        self.places.push(p);
    }

    pub fn last_place(&self) -> Option<Place> {
        self.places.last().cloned()
    }

    /// The last place finer than a region or division named ("in El Fasher,
    /// in North Darfur ... the city" is El Fasher), else the last place.
    pub fn last_settlement(&self) -> Option<Place> {
        self.places.iter().rev().find(|p| p.precision < 3).cloned().or_else(|| self.last_place())
    }

    pub fn note_attack(
        &mut self,
        sentence: usize,
        source: Vec<(String, Option<String>)>,
        place: Option<String>,
        mode: Option<String>,
    ) {
        if self.attacks.len() == ATTACKS_KEPT {
            self.attacks.remove(0);
        }
        self.attacks.push((sentence, source, place, mode));
    }

    /// "President X condemned the attack": who carried out the attack coded
    /// in the last six sentences, if any; when the phrase names a place
    /// ("the attack on Battir"), the last attack there. A phrase that names
    /// how ("the strikes": `mode` "aerial") is the last attack done that way
    /// in the last twelve sentences, over a nearer one done otherwise.
    pub fn last_attacker(
        &self,
        current: usize,
        place: Option<&str>,
        mode: Option<&str>,
    ) -> Vec<(String, Option<String>)> {
        let there = |was: &Option<String>| match place {
            Some(p) => was.as_deref().is_some_and(|w| place_key(w) == place_key(p)),
            None => true,
        };
        let by_mode = mode.and_then(|m| {
            self.attacks
                .iter()
                .rev()
                .find(|(at, _, was, how)| *at + 12 >= current && how.as_deref() == Some(m) && there(was))
        });
        let last_there = || self.attacks.iter().rev().find(|(at, _, was, _)| *at + 6 >= current && there(was));
        match by_mode.or_else(last_there) {
            Some((_, who, _, _)) => who.clone(),
            None => Vec::new(),
        }
    }

    pub fn last_agreement(&self) -> Option<(String, Option<String>)> {
        self.agreements.last().cloned()
    }

    /// A lexicon-resolved agreement to name a bare "ceasefire" by, when the
    /// document has named one.
    pub fn agreement_like(&self, _surface: &str) -> Option<(String, Option<String>)> {
        self.agreements.iter().rev().find(|(_, id)| id.is_some()).cloned()
    }

    /// Entries of the last `window` sentences, latest sentence first and,
    /// within a sentence, in text order (its first argument is its topic).
    fn recent(&self, current: usize, window: usize) -> impl Iterator<Item = &Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().filter(|e| e.sentence + window >= current).collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.sentence));
        v.into_iter()
    }

    /// "they", "them": the last subject group, else the last group. An
    /// actor for which `named_later` holds (one the sentence names after
    /// the pronoun: "they continue to hit ... under the guise of attacking
    /// Nusra") is no antecedent.
    pub fn resolve_plural(&self, current: usize, named_later: &dyn Fn(&Named) -> bool) -> Vec<Named> {
        let pick = |e: &Entry| e.actors.iter().filter(|a| usable(a) && !named_later(a)).cloned().collect::<Vec<_>>();
        for pass in 0..3 {
            for e in self.recent(current, 3) {
                let ok = match pass {
                    0 => e.subject && !e.oblique,
                    1 => !e.oblique,
                    _ => true,
                };
                if ok && !pick(e).is_empty() {
                    return pick(e);
                }
            }
        }
        Vec::new()
    }

    /// "it": the last single actor that is not a person or an agreement
    /// (nor one the sentence names later, as for [`Memory::resolve_plural`]).
    pub fn resolve_singular(&self, current: usize, named_later: &dyn Fn(&Named) -> bool) -> Vec<Named> {
        for pass in 0..2 {
            for e in self.recent(current, 3) {
                let ok = if pass == 0 { e.subject && !e.oblique } else { true };
                if ok && e.actors.len() == 1 && usable(&e.actors[0]) && !named_later(&e.actors[0]) {
                    return e.actors.clone();
                }
            }
        }
        Vec::new()
    }

    /// "he", "she": the person who was last a clause subject, in this
    /// sentence or the two before, else the last person named alone there.
    pub fn resolve_person(&self, current: usize) -> Vec<Named> {
        let person = |e: &&Entry| e.actors.len() == 1 && e.actors[0].2 == Some(ActorType::Person);
        let subject = self.recent(current, 2).filter(|e| e.subject && !e.oblique).find(person);
        match subject.or_else(|| self.recent(current, 2).find(person)) {
            Some(e) => e.actors.clone(),
            None => Vec::new(),
        }
    }

    /// "The resolution calls on ...": the last body named that passes resolutions (a council,
    /// an assembly, a parliament), in the last twelve sentences, else none.
    pub fn resolve_body(&self, current: usize) -> Vec<Named> {
        const BODIES: &[&str] = &["council", "assembly", "parliament", "congress", "senate", "house", "board"];
        for e in self.recent(current, 12) {
            let body = e.actors.iter().find(|a| {
                let name = a.0.to_lowercase();
                a.2 != Some(ActorType::Person) && name.split_whitespace().any(|w| BODIES.contains(&w))
            });
            if let Some(a) = body {
                return vec![a.clone()];
            }
        }
        Vec::new()
    }

    /// "these groups", "both factions": the last set of two or more.
    pub fn resolve_set(&self, current: usize) -> Vec<Named> {
        for e in self.recent(current, 6) {
            let u: Vec<Named> =
                e.actors.iter().filter(|a| usable(a) && a.2 != Some(ActorType::State)).cloned().collect();
            if u.len() >= 2 {
                return u;
            }
        }
        Vec::new()
    }

    /// An attack by `source` on `target`: the sides "both parties" may mean.
    pub fn note_fight(&mut self, sentence: usize, source: &[Named], target: &[Named]) {
        // A strike on civilians is no fight between two sides.
        let armed = |a: &Named| a.2 != Some(ActorType::Population);
        if let ([a], [b]) = (source, target) {
            if a.0 != b.0 && armed(a) && armed(b) {
                self.fight = Some((sentence, vec![a.clone(), b.clone()]));
            }
        }
    }

    /// "both sides", "the warring parties": the last two or more actors named
    /// together (states too: "Russia and Ukraine ... both sides"), unless neither
    /// of them is among the two sides last seen fighting in the last twelve
    /// sentences: "talks brokered by the United States and Saudi Arabia ... we
    /// call on both parties" are the army and the RSF.
    pub fn resolve_sides(&self, current: usize) -> Vec<Named> {
        let fight = self.fight.as_ref().filter(|(at, _)| at + 12 >= current).map(|(_, f)| f);
        for e in self.recent(current, 3) {
            let u: Vec<Named> =
                e.actors.iter().filter(|a| usable(a) && a.2 != Some(ActorType::Population)).cloned().collect();
            if u.len() >= 2 {
                if let Some(f) = fight.filter(|f| !u.iter().any(|a| f.iter().any(|x| x.0 == a.0))) {
                    return f.clone();
                }
                return u;
            }
        }
        fight.cloned().unwrap_or_default()
    }

    /// "both countries", "the two neighbours": the last two states named in the last six
    /// sentences, else none.
    pub fn resolve_two_states(&self, current: usize) -> Vec<Named> {
        let mut out: Vec<Named> = Vec::new();
        for e in self.recent(current, 6) {
            for a in e.actors.iter().filter(|a| a.2 == Some(ActorType::State)) {
                if out.len() < 2 && !out.iter().any(|o| o.0 == a.0) {
                    out.push(a.clone());
                }
            }
        }
        if out.len() == 2 {
            out
        } else {
            Vec::new()
        }
    }

    /// "this coalition", "the group": the last actor of that kind, a recent
    /// subject first ("IS fighters attacked a checkpoint manned by peshmerga.
    /// The coalition struck the group": the group is IS).
    pub fn resolve_kind(&self, kind: ActorType, current: usize) -> Vec<Named> {
        self.resolve_kind_except(kind, current, &|_| false)
    }

    /// [`Memory::resolve_kind`] passing over the actors `skip` accepts: "the al-Qaeda-linked
    /// group" is a group, but not al-Qaeda.
    pub fn resolve_kind_except(&self, kind: ActorType, current: usize, skip: &dyn Fn(&Named) -> bool) -> Vec<Named> {
        let of_kind =
            |a: &&Named| (a.2 == Some(kind) || kind == ActorType::Coalition && self.is_coalition(&a.0)) && !skip(a);
        for e in self.recent(current, 1).filter(|e| e.subject && !e.oblique) {
            if let Some(a) = e.actors.iter().find(of_kind) {
                return vec![a.clone()];
            }
        }
        for e in self.entries.iter().rev().take(40) {
            if let Some(a) = e.actors.iter().find(of_kind) {
                return vec![a.clone()];
            }
        }
        Vec::new()
    }

    /// "the spokesman": the last organisation (or state) named.
    pub fn resolve_speaker_org(&self) -> Vec<Named> {
        for kind in [ActorType::Organization, ActorType::State] {
            for e in self.entries.iter().rev().take(12) {
                if let Some(a) = e.actors.iter().find(|a| a.2 == Some(kind)) {
                    return vec![a.clone()];
                }
            }
        }
        Vec::new()
    }

    pub fn add_coalition(&mut self, name: &str, id: Option<String>) {
        if !self.is_coalition(name) {
            self.coalitions.push((name.to_string(), id, Some(ActorType::Coalition)));
        }
    }

    pub fn is_coalition(&self, name: &str) -> bool {
        self.coalitions.iter().any(|c| c.0 == name)
    }

    pub fn set_holder(&mut self, place: &str, holders: Vec<(String, Option<String>)>, relation: Option<usize>) {
        let key = place_key(place);
        // Earlier holders stay behind the current one, so that an event in
        // the sentence that reports the capture still finds who lost it.
        if let Some(pos) = self.controls.iter().rposition(|(k, _, _)| *k == key) {
            let old = self.controls.remove(pos);
            self.lost.push(old);
        }
        self.controls.push((key, holders, relation));
    }

    /// The holder of a place other than `not` (the current one, else the one before).
    pub fn holder_other_than(&self, place: &str, not: &[(String, Option<String>)]) -> Vec<(String, Option<String>)> {
        let key = place_key(place);
        let other = |h: &Vec<(String, Option<String>)>| -> Vec<(String, Option<String>)> {
            h.iter().filter(|x| !not.iter().any(|n| n.0 == x.0)).cloned().collect()
        };
        for (k, h, _) in self.controls.iter().rev().chain(self.lost.iter().rev()) {
            if *k == key && !k.is_empty() {
                let o = other(h);
                if !o.is_empty() {
                    return o;
                }
            }
        }
        Vec::new()
    }

    /// Who holds a place, and the record that says so.
    pub fn holder(&self, place: &str) -> Option<(Holders, Option<usize>)> {
        let key = place_key(place);
        self.controls.iter().rev().find(|(k, _, _)| *k == key && !k.is_empty()).map(|(_, h, r)| (h.clone(), *r))
    }
}
