//! Pattern matching over an analysed sentence, and the role heuristics that
//! fill what a pattern leaves open: the clause subject to the left (with
//! passives turned round and relative clauses skipped), the object or
//! prepositional target to the right, the "by" agent, and modality cues.

use crate::forms::is_participle;
use crate::patterns::{Cues, Elem, Pattern};
use crate::sentence::{is_prep, Modifier, Sent, DETERMINERS, POSSESSIVES};
use crate::tokens::TokKind;

/// What a slot bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Group(usize),
    /// A place candidate (first of its list when `each`).
    Place(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub t0: usize,
    pub t1: usize,
    /// Token of the first required word (the trigger proper).
    pub key: usize,
    /// Token of the first verb element, when the pattern has one.
    pub verb: Option<usize>,
    pub slots: Vec<(char, Bound)>,
}

impl Match {
    pub fn slot(&self, c: char) -> Option<Bound> {
        self.slots.iter().find(|(s, _)| *s == c).map(|x| x.1)
    }
}

/// Words between a side's adjective and the attack noun it owns ("Russian missile and drone strikes").
const NP_FILLERS: &[&str] =
    &["missile", "missiles", "drone", "drones", "air", "rocket", "rockets", "artillery", "naval", "mortar", "and", ","];

fn skip_dets(s: &Sent, mut i: usize) -> usize {
    while i < s.toks.len()
        && DETERMINERS.contains(&s.word(i))
        && s.group_at(i).is_none()
        && s.tok_place.get(i).copied().flatten().is_none()
    {
        i += 1;
    }
    i
}

fn is_plain_word(s: &Sent, i: usize) -> bool {
    s.toks.get(i).is_some_and(|t| t.is_word() || t.kind == TokKind::Punct && t.norm == "'")
}

/// All matches of `p` whose first required word is at token `key`.
pub fn match_at(p: &Pattern, s: &Sent, key: usize) -> Vec<Match> {
    let ki = p.elems.iter().position(|e| matches!(e, Elem::Word { optional: false, .. }));
    let Some(ki) = ki else { return Vec::new() };
    let mut out = Vec::new();
    let lo = key.saturating_sub(14);
    for start in (lo..=key).rev() {
        let mut st = State { slots: Vec::new(), key_at: None, verb_at: None };
        if let Some(end) = go(p, s, 0, start, ki, key, &mut st) {
            if st.key_at == Some(key) {
                out.push(Match { t0: start, t1: end, key, verb: st.verb_at, slots: st.slots.clone() });
                break;
            }
        }
    }
    out
}

struct State {
    slots: Vec<(char, Bound)>,
    key_at: Option<usize>,
    verb_at: Option<usize>,
}

fn go(p: &Pattern, s: &Sent, ei: usize, pos: usize, ki: usize, key: usize, st: &mut State) -> Option<usize> {
    let Some(e) = p.elems.get(ei) else {
        return Some(pos);
    };
    match e {
        Elem::Word { any, optional, verb } => {
            if let Some(t) = s.toks.get(pos) {
                if any.contains(&t.norm) && (ei != ki || pos == key) {
                    let saved = (st.key_at, st.verb_at);
                    if ei == ki {
                        st.key_at = Some(pos);
                    }
                    if *verb && st.verb_at.is_none() {
                        st.verb_at = Some(pos);
                    }
                    if let Some(end) = go(p, s, ei + 1, pos + 1, ki, key, st) {
                        return Some(end);
                    }
                    (st.key_at, st.verb_at) = saved;
                }
            }
            if *optional {
                return go(p, s, ei + 1, pos, ki, key, st);
            }
            None
        }
        Elem::Gap(n) => {
            let mut q = pos;
            #[allow(clippy::explicit_counter_loop)]
            for _ in 0..=*n {
                if let Some(end) = go(p, s, ei + 1, q, ki, key, st) {
                    return Some(end);
                }
                // "1,000 square kilometres": a thousands separator is part of a number.
                let in_number = s.word(q) == ","
                    && q > 0
                    && s.word(q - 1).bytes().all(|b| b.is_ascii_digit())
                    && s.toks
                        .get(q + 1)
                        .is_some_and(|t| t.norm.len() == 3 && t.norm.bytes().all(|b| b.is_ascii_digit()));
                if !(is_plain_word(s, q) || in_number) || s.group_at(q).is_some() || q == key {
                    break;
                }
                q += 1;
            }
            None
        }
        Elem::Slot(c) => {
            let q = skip_dets(s, pos);
            match c {
                'P' => {
                    // "Russia's Kursk region", "Syria's Idlib province": the state owning a place
                    // is not the place.
                    let q = match s.group_at(q) {
                        Some(g) if s.groups[g].t0 == q && s.word(s.groups[g].t1) == "'s" => s.groups[g].t1 + 1,
                        _ => q,
                    };
                    // "two towns north of Hama", "the outskirts of Aleppo": a place located by
                    // another is not that place ("took two towns north of Hama" holds no Hama).
                    if q >= 2 && s.toks[q - 1].norm == "of" && RELATIVE_TO.contains(&s.toks[q - 2].norm.as_str()) {
                        return None;
                    }
                    // "the town of X": the place noun introduces the name.
                    let introduced = (q..(q + 3).min(s.toks.len())).find_map(|i| {
                        s.tok_place.get(i).copied().flatten().filter(|&k| s.places[k].introduced && s.places[k].t0 == i)
                    });
                    let k = s.tok_place.get(q).copied().flatten().or(introduced)?;
                    let q = s.places[k].t0;
                    if s.places[k].t0 != q {
                        return None;
                    }
                    // Take the whole coordinated list.
                    let list = s.places[k].list;
                    let end = s.places.iter().filter(|x| x.list == list).map(|x| x.t1).max().unwrap_or(s.places[k].t1);
                    st.slots.push(('P', Bound::Place(k)));
                    let r = go(p, s, ei + 1, end, ki, key, st);
                    if r.is_none() {
                        st.slots.pop();
                    }
                    r
                }
                _ => {
                    let g = s.group_at(q)?;
                    if s.groups[g].t0 != q {
                        return None;
                    }
                    // "from US-backed rebels": the slot takes the group sponsored, not its sponsor
                    // (unless the pattern goes on with the sponsoring word: "{O} backed {S}").
                    let sponsor_next = matches!(p.elems.get(ei + 1), Some(Elem::Word { any, .. })
                        if any.iter().any(|w| SPONSORING.contains(&w.as_str())));
                    let (g, q) = match s.groups[g].modifier {
                        Some(Modifier::Sponsor) if !sponsor_next && SPONSORING.contains(&s.word(s.groups[g].t1)) => {
                            let at = s.groups[g].t1 + 1;
                            match s.group_at(at).filter(|&h| s.groups[h].t0 == at) {
                                Some(h) => (h, at),
                                None => (g, q),
                            }
                        }
                        _ => (g, q),
                    };
                    // "warned that Israel would strike": the subject of the clause "that" opens
                    // is no object of the verb.
                    let clause_subject = (pos..q).any(|k| s.word(k) == "that")
                        && s.toks.get(s.groups[g].t1).is_some_and(|t| CLAUSE_VERBS.contains(&t.norm.as_str()));
                    if clause_subject {
                        return None;
                    }
                    // "part of our strategy": a possessive before a common noun
                    // names whose thing it is, not the thing ("accepted its
                    // terms" still accepts the truce it stands for).
                    let t1 = s.groups[g].t1;
                    if *c != 'A'
                        && t1 == q + 1
                        && POSSESSIVES.contains(&s.word(q))
                        && s.toks.get(t1).is_some_and(|t| t.is_word())
                        && s.group_at(t1).is_none()
                    {
                        return None;
                    }
                    let want_agreement = *c == 'A';
                    let agreement = s.groups[g]
                        .members
                        .iter()
                        .all(|&m| s.actors[m].is_agreement() || s.actors[m].alt_agreement.is_some());
                    if want_agreement && !agreement {
                        return None;
                    }
                    st.slots.push((*c, Bound::Group(g)));
                    let r = go(p, s, ei + 1, s.groups[g].t1, ki, key, st);
                    if r.is_none() {
                        st.slots.pop();
                    }
                    r
                }
            }
        }
    }
}

/// Words that, before "of", place something relative to the place that follows.
const RELATIVE_TO: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
    "edge",
    "edges",
    "gates",
];

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got", "gets", "getting"];
const ADVERBS: &[&str] = &[
    "not",
    "n't",
    "also",
    "reportedly",
    "allegedly",
    "apparently",
    "being",
    "been",
    "repeatedly",
    "heavily",
    "just",
    "already",
    "still",
    "recently",
    "now",
    "then",
    "later",
    "again",
    "never",
    "often",
    "frequently",
    "all",
    "both",
    "once",
    "previously",
    "directly",
    "indirectly",
    "clearly",
    "largely",
    "mostly",
    "partly",
    "openly",
    "secretly",
];
const RELATIVIZERS: &[&str] = &["that", "which", "who", "whom"];

/// Verbs that only report speech: what follows them is another clause, whose
/// agent is not the speaker ("Saree said the strikes had killed five fighters").
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "stated",
    "insisted",
    "noted",
    "explained",
    "argued",
];

/// Modals and auxiliaries that show a name before them is a clause's subject.
const CLAUSE_VERBS: &[&str] = &[
    "would", "will", "could", "might", "may", "must", "should", "can", "had", "has", "have", "was", "were", "is", "are",
];

/// Words that count people: "scores of civilians", "dozens of fighters".
const COUNTS: &[&str] = &["scores", "dozens", "hundreds", "thousands", "tens", "millions", "number", "handful"];

/// Nouns for people acting together: "a group of gunmen", "a crowd of protesters".
const GATHERINGS: &[&str] = &["crowd", "crowds", "group", "groups", "band", "unit", "squad", "team", "column"];

/// Participles that bind a sponsor to what follows ("Rwanda-backed M23", "GNA-aligned forces").
const SPONSORING: &[&str] =
    &["backed", "led", "sponsored", "supported", "funded", "allied", "aligned", "linked", "affiliated"];

/// Nouns for an actor's people, whose "from X" / "of X" names the actor acted on.
/// Those who carry out an attack, named by what they did.
const ATTACKERS: &[&str] = &[
    "bomber",
    "bombers",
    "gunman",
    "gunmen",
    "attacker",
    "attackers",
    "assailant",
    "assailants",
    "militant",
    "militants",
];

/// What a side holds, hit in its stead: "shelled positions of ethnic Armenian forces".
const HOLDINGS: &[&str] = &[
    "positions",
    "position",
    "bases",
    "posts",
    "outposts",
    "checkpoints",
    "strongholds",
    "trenches",
    "camps",
    "convoy",
    "convoys",
    "headquarters",
    "depots",
    "barracks",
];

const PERSONNEL: &[&str] = &[
    "fighters",
    "militants",
    "members",
    "troops",
    "soldiers",
    "gunmen",
    "units",
    "loyalists",
    "commanders",
    "leaders",
    "operatives",
    "insurgents",
    "separatists",
    "rebels",
    "jihadists",
    "mercenaries",
    "militiamen",
    "personnel",
    "officers",
    "forces",
    // "The representative of the Russian Federation said ... and accused ...": who speaks for X.
    "representative",
    "representatives",
    "delegation",
    "delegate",
];

/// Formations of an actor: "attacked the 33rd Front of the FARC dissidents", "a brigade of X".
const UNITS: &[&str] = &[
    "front",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "regiment",
    "division",
    "wing",
    "faction",
    "factions",
    "branch",
    "cell",
    "cells",
];

/// Whether token `k` is a formation noun of someone's ("a brigade of", "the 33rd Front of"), not
/// a word of a name ("National Resistance Front of Afghanistan").
fn is_unit(s: &Sent, k: usize) -> bool {
    UNITS.contains(&s.word(k))
        && (!s.toks[k].capitalized
            || k > 0
                && s.word(k - 1)
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .chars()
                    .any(|c| c.is_ascii_digit()))
}

/// Participles after a place or thing that name its holder in a "by" phrase.
const HOLDING: &[&str] = &[
    "held",
    "controlled",
    "occupied",
    "manned",
    "run",
    "used",
    "operated",
    "guarded",
    "defended",
    "besieged",
    "administered",
    "dominated",
];

/// A verb in the passive: "were targeted", "was seized by".
pub fn is_passive(s: &Sent, verb: usize) -> bool {
    if !is_participle(s.word(verb)) {
        return false;
    }
    let mut i = verb;
    for _ in 0..4 {
        if i == 0 {
            break;
        }
        i -= 1;
        let w = s.word(i);
        if BE.contains(&w) {
            return true;
        }
        if !ADVERBS.contains(&w) {
            break;
        }
    }
    // Reduced relative: "positions shelled by the army".
    s.word(verb + 1) == "by" && s.group_at(verb + 2).or_else(|| s.group_at(skip_dets(s, verb + 2))).is_some()
}

/// Token `k` opens a noun phrase at the start of a clause (after its
/// determiners and numbers): "Fighters of IS attacked", "..., and the
/// fighters of IS", not "shelled units of X".
fn opens_clause(s: &Sent, k: usize) -> bool {
    let mut i = k;
    // ("Tuareg separatists of the CSP": a capitalised modifier belongs to the phrase too.)
    while i > 0
        && (DETERMINERS.contains(&s.word(i - 1))
            || s.toks[i - 1].kind == TokKind::Number
            || s.toks[i - 1].capitalized && s.toks[i - 1].kind == TokKind::Word && s.group_at(i - 1).is_none())
    {
        i -= 1;
    }
    i == 0
        || matches!(s.toks[i - 1].kind, TokKind::Boundary | TokKind::Comma)
        || matches!(s.word(i - 1), "that" | "and" | "but" | "while" | "when" | "as" | "after" | "before" | "because")
}

/// The clause subject left of token `at`.
pub fn subject_of(s: &Sent, at: usize) -> Option<usize> {
    subject_scan(s, at, true)
}

/// [`subject_of`] for a relation: a reported clause's subject may be the
/// speaker's own ("X said the new operations room will include Y and Z":
/// the room is X's).
pub fn relation_subject_of(s: &Sent, at: usize) -> Option<usize> {
    subject_scan(s, at, false)
}

/// The determiner opening an object with a restrictive relative clause of its own subject
/// that ends at the "and" at `and_at` ("the deal that Biden outlined on May 31 and ..."), with
/// no comma or clause boundary between. A clause without a subject ("the group that attacked
/// the base and killed ...") goes on with its own verbs and gives none.
fn object_relative_before(s: &Sent, and_at: usize) -> Option<usize> {
    for k in (2..and_at).rev() {
        let t = &s.toks[k];
        if t.kind == TokKind::Boundary || t.kind == TokKind::Comma {
            return None;
        }
        if !matches!(t.norm.as_str(), "that" | "which") {
            continue;
        }
        let own_subject = s.group_at(k + 1).is_some()
            || matches!(s.word(k + 1), "the" | "a" | "an" | "its" | "their" | "he" | "she" | "they" | "it" | "we");
        if !own_subject {
            return None;
        }
        let nominal = |j: usize| {
            let t = &s.toks[j];
            let w = s.word(j);
            t.kind == TokKind::Word
                && !t.capitalized
                && s.group_at(j).is_none()
                && !DETERMINERS.contains(&w)
                && !w.ends_with("ed")
                && !matches!(
                    w,
                    "is" | "was" | "are" | "were" | "be" | "been" | "has" | "have" | "had" | "said" | "says" | "told"
                )
        };
        return (2..=4)
            .filter(|&back| k >= back)
            .find(|&back| DETERMINERS.contains(&s.word(k - back)) && (k - back + 1..k).all(nominal))
            .map(|back| k - back);
    }
    None
}

/// "Pashinyan said his country's army was not involved and accused Azerbaijan of ...": a
/// second speech act after "and", past a clause reported by a speech verb, is the speaker's,
/// not the reported clause's subject's.
pub fn speaker_of_second_act(s: &Sent, at: usize) -> Option<usize> {
    if at < 2 || s.word(at - 1) != "and" || !SECOND_VERBS.contains(&s.word(at)) {
        return None;
    }
    let said = (0..at - 1)
        .rev()
        .take_while(|&k| s.toks[k].kind != TokKind::Boundary)
        .find(|&k| SAYING.contains(&s.word(k)) && !s.toks[k].capitalized && s.group_at(k).is_none())?;
    if said + 2 >= at - 1 {
        return None;
    }
    subject_scan(s, said, false)
}

fn subject_scan(s: &Sent, at: usize, reported_clause: bool) -> Option<usize> {
    // "accused X of targeting", "prevented X from reaching": X is the subject.
    if at >= 2 && matches!(s.word(at - 1), "of" | "for" | "from") && s.word(at).ends_with("ing") {
        if let Some(g) = s.group_at(at - 2) {
            return Some(g);
        }
    }
    let gerund = s.word(at).ends_with("ing");
    if let Some(g) = speaker_of_second_act(s, at) {
        return Some(g);
    }
    // "The resolution welcomes the deal that Biden outlined and urges both sides to ...": the
    // second verb's subject is the first verb's, not the relative clause's.
    let mut i = if at >= 2 && s.word(at - 1) == "and" { object_relative_before(s, at - 1).unwrap_or(at) } else { at };
    let mut first = true;
    while i > 0 {
        i -= 1;
        let t = &s.toks[i];
        // A parenthesis is an aside: "(March 24 - April 25)".
        if t.norm == ")" {
            while i > 0 && s.toks[i].norm != "(" {
                i -= 1;
            }
            continue;
        }
        if t.kind == TokKind::Boundary {
            break;
        }
        // "X said (that) the strikes had killed ...": the clause reported
        // opens after the speech verb and names nobody before the trigger.
        // A first person in it ("said that we call on") is the speaker.
        if reported_clause
            && SAYING.contains(&t.norm.as_str())
            && !t.capitalized
            && i + 1 < at
            && s.group_at(i).is_none()
            && !(i + 1..at).any(|k| matches!(s.word(k), "we" | "i"))
        {
            return None;
        }
        if let Some(g) = s.group_at(i) {
            let grp = &s.groups[g];
            // "Hundreds of protesters", "a group of gunmen", "fighters of the Islamic
            // State": the people counted, or the side whose people they are, are the subject.
            // ("Tuareg separatists of the CSP": past the article to "of" and the noun before it.)
            let mut of_at = grp.t0;
            while of_at > 0 && DETERMINERS.contains(&s.word(of_at - 1)) {
                of_at -= 1;
            }
            // (Not a possessor: "most of Yemen's north".)
            let counted = grp.oblique.as_deref() == Some("of")
                && !matches!(s.word(grp.t1), "'s" | "'")
                && of_at >= 2
                && s.word(of_at - 1) == "of"
                && (COUNTS.contains(&s.word(of_at - 2))
                    || GATHERINGS.contains(&s.word(of_at - 2))
                    || (PERSONNEL.contains(&s.word(of_at - 2)) || is_unit(s, of_at - 2)) && opens_clause(s, of_at - 2));
            // "a wave of Russian missile and drone strikes": a demonym inside the
            // trigger's own noun phrase is whose strikes they are, after "of" too.
            // "A suicide bomber from the Pakistani Taliban blew himself up", "Militants loyal to the
            // Islamic State attacked": the attacker's side, at the head of the clause.
            let member_of_side = of_at >= 2
                && opens_clause(s, of_at - 2)
                && match (grp.oblique.as_deref(), s.word(of_at - 1)) {
                    (Some("from"), "from") => {
                        PERSONNEL.contains(&s.word(of_at - 2)) || ATTACKERS.contains(&s.word(of_at - 2))
                    }
                    (Some("to"), "to") => {
                        of_at >= 3
                            && matches!(s.word(of_at - 2), "loyal" | "affiliated" | "linked" | "allied" | "aligned")
                            && (PERSONNEL.contains(&s.word(of_at - 3)) || ATTACKERS.contains(&s.word(of_at - 3)))
                            && opens_clause(s, of_at - 3)
                    }
                    _ => false,
                };
            let counted = counted || member_of_side;
            let attributive = grp.t1 <= at
                && grp.members.iter().all(|&a| s.actors[a].rule == "demonym")
                && (grp.t1..at).all(|k| NP_FILLERS.contains(&s.word(k)));
            let ok = (grp.oblique.is_none() || counted || attributive)
                && grp.modifier.is_none_or(|m| m == Modifier::Holder)
                && !grp.paren;
            // "defeat the army, taking ...": a participle right after the
            // object of a verb belongs to that verb's subject.
            let object_of_verb = gerund
                && first
                && grp.t1 + 1 >= at
                && grp.t0 > 0
                && s.toks[grp.t0 - 1].kind == TokKind::Word
                && !matches!(s.word(grp.t0 - 1), "and" | "or" | "but" | "that" | "which" | "who")
                && !is_prep(s.word(grp.t0 - 1))
                && !DETERMINERS.contains(&s.word(grp.t0 - 1));
            first = false;
            // "soldiers defending it", "attacked X and": the object of a verb ("GNA-aligned
            // forces" are not: the participle binds a sponsor to them).
            let sponsored = grp.t0 >= 2
                && SPONSORING.contains(&s.word(grp.t0 - 1))
                && s.group_at(grp.t0 - 2).is_some_and(|h| s.groups[h].modifier == Some(Modifier::Sponsor));
            let after_verb = grp.t0 > 0 && !sponsored && {
                let w = s.word(grp.t0 - 1);
                s.toks[grp.t0 - 1].kind == TokKind::Word
                    && w.len() > 4
                    && (w.ends_with("ing") || w.ends_with("ed"))
                    && grp.t0 - 1 != at
            };
            if object_of_verb || after_verb {
                i = grp.t0;
                continue;
            }
            // A possessive ("X's offensive", "X's renewed air campaign") is the agent of a noun
            // trigger in its own phrase (not "most of Yemen's north, have vowed to keep attacking").
            let possessor = s.word(grp.t1) == "'s"
                && grp.modifier.is_none()
                && at <= grp.t1 + 5
                && (grp.t1 + 1..at).all(|k| s.toks[k].kind == TokKind::Word);
            if ok || possessor {
                return Some(g);
            }
            i = grp.t0;
            continue;
        }
        if RELATIVIZERS.contains(&t.norm.as_str()) && i > 0 {
            // "groups that are backed by", "al-Nusrah that want to": the
            // antecedent; "parties who are ..." with no actor: nobody.
            let mut j = i;
            while j > 0 && s.toks[j - 1].kind == TokKind::Comma {
                j -= 1;
            }
            if j > 0 {
                if let Some(g) = s.group_at(j - 1) {
                    if s.groups[g].modifier.is_none() && !s.groups[g].paren {
                        return Some(g);
                    }
                }
            }
            // "said in an address that the strikes had killed": a clause
            // with a subject phrase of its own that names no actor.
            if reported_clause && t.norm == "that" && i + 1 < at && DETERMINERS.contains(&s.word(i + 1)) {
                return None;
            }
            // "They were the ones who": the cleft's subject is further left.
            let cleft = j > 0 && matches!(s.word(j - 1), "ones" | "one");
            if t.norm != "that" && !cleft {
                return None;
            }
        }
    }
    None
}

/// The first actor group right of `from`: a direct object (unless `nominal`)
/// or one after a preposition in `preps`. Groups after other prepositions are
/// skipped, and the scan stops at a clause boundary.
/// Verbs that, after "and", open a second clause of the same subject rather
/// than go on with an object.
const SECOND_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "called",
    "urged",
    "vowed",
    "promised",
    "warned",
    "pledged",
    "demanded",
    "accused",
    "insisted",
    "announced",
    "ordered",
    "directed",
    "instructed",
    "declared",
    "appealed",
    "expressed",
    "offered",
];

pub fn object_of(s: &Sent, from: usize, preps: &[String], nominal: bool) -> Option<usize> {
    // A pattern that ends in its preposition ("successes against").
    let mut prep: Option<&str> = (from > 0 && is_prep(s.word(from - 1))).then(|| s.word(from - 1));
    let mut j = from;
    let mut words = 0;
    while j < s.toks.len() && words < 12 {
        let t = &s.toks[j];
        if t.kind == TokKind::Boundary
            || matches!(t.norm.as_str(), "which" | "who" | "whom" | "while" | "because" | "but" | "after" | "when")
        {
            break;
        }
        // "condemned the attack and said the government would ...": a second verb of the subject
        // starts a clause of its own.
        if t.norm == "and" && s.toks.get(j + 1).is_some_and(|n| SECOND_VERBS.contains(&n.norm.as_str())) {
            break;
        }
        if let Some(g) = s.group_at(j) {
            let grp = &s.groups[g];
            let eligible = !grp.paren && grp.modifier.is_none_or(|m| m == Modifier::Holder);
            let direct = prep.is_none() && !nominal;
            // "pounded fighters from X", "killed five members of X", "killed scores of Syrian
            // civilians": the people of X, or the people counted.
            let of_at = if j >= 1 && matches!(s.word(j - 1), "from" | "of") {
                Some(j - 1)
            } else if j >= 2
                && matches!(s.word(j - 2), "from" | "of")
                && s.toks[j - 1].is_word()
                && !is_prep(s.word(j - 1))
            {
                Some(j - 2)
            } else {
                None
            };
            let of_people = !nominal
                && matches!(prep, Some("from" | "of"))
                && of_at.is_some_and(|k| {
                    k >= 1
                        && (PERSONNEL.contains(&s.word(k - 1))
                            || (s.word(k) == "of" && HOLDINGS.contains(&s.word(k - 1)))
                            || is_unit(s, k - 1)
                            || (s.word(k) == "of" && COUNTS.contains(&s.word(k - 1))))
                        && (from..k - 1).all(|x| !is_prep(s.word(x)))
                })
                && !matches!(s.word(j), "their" | "its" | "his" | "her" | "our" | "your" | "my");
            let via = of_people || prep.is_some_and(|p| preps.iter().any(|x| x == p));
            if eligible && (direct || via) {
                return Some(g);
            }
            // "from US-backed rebels": past the sponsor, the preposition still holds.
            if grp.modifier == Some(Modifier::Sponsor) && SPONSORING.contains(&s.word(grp.t1)) {
                j = grp.t1 + 1;
                continue;
            }
            j = grp.t1;
            prep = None;
            words += 1;
            continue;
        }
        // "strikes on dozens of Houthi targets": a count keeps the preposition before it.
        let counted = t.norm == "of" && j > from && COUNTS.contains(&s.word(j - 1)) && prep.is_some();
        if is_prep(&t.norm) && !counted {
            // "strikes on bases held by the RSF", "shelled areas controlled by
            // rebels": the holder of the place struck is the one struck ("blamed
            // the attack on forces associated with X": X).
            let holder = (t.norm == "by" && j > from && HOLDING.contains(&s.word(j - 1))
                || matches!(t.norm.as_str(), "with" | "to")
                    && j > from
                    && matches!(s.word(j - 1), "associated" | "affiliated" | "linked" | "loyal" | "allied"))
                && (prep.is_some_and(|p| preps.iter().any(|x| x == p)) || (prep.is_none() && !nominal));
            if !holder {
                prep = Some(t.norm.as_str());
            }
        } else if t.kind == TokKind::Comma {
            prep = None;
            // A comma ends a direct object's reach, not a prepositional one.
            if !nominal && words > 0 {
                break;
            }
        } else if t.norm == "to"
            || (t.kind == TokKind::Word && !DETERMINERS.contains(&t.norm.as_str()) && prep.is_none() && words > 3)
        {
            // Far from the trigger without a preposition: not its object.
            if !nominal && preps.is_empty() {
                break;
            }
        }
        if t.is_word() {
            words += 1;
        }
        j += 1;
    }
    None
}

/// The holder of what a verb's direct object names: "seized the local army
/// garrison" (the army), "overran an RSF base", "captured the rebels'
/// stronghold". Only determiners and modifiers may stand between the verb
/// and the holder.
pub fn holder_in_object(s: &Sent, from: usize) -> Option<usize> {
    for j in from..from + 4 {
        let t = s.toks.get(j)?;
        if let Some(g) = s.group_at(j) {
            let grp = &s.groups[g];
            let mut k = grp.t1;
            if matches!(s.word(k), "'s" | "'") {
                k += 1;
            }
            return sitrep_lexicon::HELD_NOUNS.contains(&s.word(k)).then_some(g);
        }
        if !t.is_word() || is_prep(&t.norm) || matches!(t.norm.as_str(), "and" | "or" | "that" | "which") {
            return None;
        }
    }
    None
}

/// The agent of a following "by" phrase.
pub fn by_agent(s: &Sent, from: usize) -> Option<usize> {
    for j in from..(from + 5).min(s.toks.len()) {
        if s.word(j) == "by" {
            let q = skip_dets(s, j + 1);
            return s.group_at(q);
        }
        if s.toks[j].kind == TokKind::Boundary {
            break;
        }
    }
    None
}

/// Cue phrases (one or more words) ending within `window` tokens before `at`,
/// not across a clause boundary.
pub fn cue_before(s: &Sent, at: usize, cues: &[String], window: usize) -> Option<usize> {
    let lo = at.saturating_sub(window);
    for i in (lo..at).rev() {
        if s.toks[i].kind == TokKind::Boundary {
            return None;
        }
        let last = s.word(i);
        for c in cues {
            // The phrase ends at token i: its last word rules most phrases
            // out (a suffix test first: this runs for every word and cue).
            let c0 = c.trim_end();
            if last.is_empty()
                || !c0.ends_with(last)
                || !c0[..c0.len() - last.len()].chars().next_back().is_none_or(char::is_whitespace)
            {
                continue;
            }
            let n = c.split_whitespace().count();
            if n == 0 || i + 1 < n {
                continue;
            }
            let st = i + 1 - n;
            // "May 5", "on 10 May" are dates, not a modal.
            let month = n == 1
                && c.trim() == "may"
                && s.toks[st].capitalized
                && (s.toks.get(st + 1).is_some_and(|t| t.kind == TokKind::Number)
                    || st > 0 && s.toks[st - 1].kind == TokKind::Number);
            if !month && c.split_whitespace().enumerate().all(|(k, w)| s.word(st + k) == w) {
                return Some(st);
            }
        }
    }
    None
}

/// True when a negation cue governs the trigger at `at`.
pub fn negated(s: &Sent, at: usize, cues: &Cues) -> bool {
    if let Some(st) = cue_before(s, at, &cues.negation, 3) {
        // "said the army was not involved and accused Azerbaijan": a second speech act after
        // "and" is not under the first clause's negation.
        return !(SECOND_VERBS.contains(&s.word(at)) && (st..at).any(|k| s.word(k) == "and"));
    }
    // A nominal trigger under "no": "carried out no strikes", "no air
    // strikes were reported"; but "no fewer than 20 strikes" is a count.
    let quantity = |i: usize| matches!(s.word(i), "fewer" | "less" | "more" | "longer" | "sooner");
    (at >= 1 && s.word(at - 1) == "no") || (at >= 2 && s.word(at - 2) == "no" && !quantity(at - 1))
}

/// True when the trigger is hypothetical: a modal, a wish or proposal, or a question.
pub fn hypothetical(s: &Sent, at: usize, cues: &Cues) -> bool {
    if cue_before(s, at, &cues.hypothetical, 5).is_some() {
        return true;
    }
    s.toks.last().is_some_and(|t| t.norm == "?")
}

/// True when the trigger is the content of a request or refusal ("refrain
/// from targeting"): not an event that happened.
pub fn suppressed(s: &Sent, at: usize, cues: &Cues) -> bool {
    cue_before(s, at, &cues.suppress, 3).is_some()
}
