//! One sentence as the coder sees it: tokens, the actors named in it (lexicon
//! mentions, resolved pronouns and anaphors, agreement nouns), actor groups
//! built by coordination, and place candidates.
//!
//! This is the fallback "chunker" the roles module works on. It leans on the
//! facts a dependency parse would give (coordination, obliques, apposition,
//! title modifiers) but derives them from word classes and mention order, so
//! the coder works with nothing but mentions.

use sitrep_model::{ActorType, Mention, Place, Span};

use crate::memory::{Memory, Named};
use crate::patterns::Cues;
use crate::tokens::{tokenize, TokKind, Token};

/// Where the coder learns what kind of actor an id names (the lexicon).
pub trait ActorTypes {
    fn actor_type(&self, id: &str) -> Option<ActorType>;
    /// The organisation or state a person speaks for: (name, id).
    fn affiliation(&self, _id: &str) -> Option<(String, String)> {
        None
    }
}

/// A place the gazetteer found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceHit {
    pub span: Span,
    pub place: Place,
}

/// The gazetteer as the coder needs it: find places in a stretch of text.
pub trait PlaceResolver {
    fn find(&self, text: &str, span: Span) -> Vec<PlaceHit>;
    /// True when `span` lies strictly inside a longer place name ("Sadr" in
    /// "Sadr City"): a mention there names the place, not the actor.
    fn covers(&self, _span: Span) -> bool {
        false
    }
}

pub const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "to",
    "from",
    "by",
    "with",
    "for",
    "at",
    "on",
    "against",
    "into",
    "about",
    "over",
    "under",
    "between",
    "among",
    "alongside",
    "near",
    "toward",
    "towards",
    "after",
    "before",
    "during",
    "through",
    "within",
    "without",
    "like",
    "including",
    "than",
    "despite",
    "across",
    "around",
    "inside",
    "outside",
    "upon",
    "onto",
    "via",
    "behind",
    "beside",
    "besides",
    "throughout",
    "amid",
    "amongst",
    "per",
];

/// Possessive determiners: "part of our strategy", "Our understanding is".
pub const POSSESSIVES: &[&str] = &["our", "their", "its", "his", "her", "my", "your"];

pub const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "both",
    "some",
    "several",
    "other",
    "two",
    "three",
    "four",
    "many",
    "all",
    "most",
    "major",
    "main",
    "reformed",
    "so-called",
    "various",
];

pub fn is_prep(w: &str) -> bool {
    PREPOSITIONS.contains(&w)
}

/// One actor named in the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub name: String,
    pub id: Option<String>,
    pub kind: Option<ActorType>,
    /// Token range `[t0, t1)`.
    pub t0: usize,
    pub t1: usize,
    pub sector: Option<String>,
    /// How it was found: the mention's rule, `pronoun`, `anaphor`, `agreement-noun`, `speaker`.
    pub rule: String,
    /// Where a pronoun (`it`) could also mean the last agreement named.
    pub alt_agreement: Option<(String, Option<String>)>,
}

impl Actor {
    pub fn is_agreement(&self) -> bool {
        self.kind == Some(ActorType::Agreement)
    }
}

/// Why a group is not a clause argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// "US-backed", "Russian-led": a sponsor or leader inside a noun phrase.
    Sponsor,
    /// "rebel-held": the holder of a place.
    Holder,
    /// "Ahrar al-Sham commander X": an affiliation before a title.
    Title,
}

/// Actors joined by coordination, one clause argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub members: Vec<usize>,
    pub t0: usize,
    pub t1: usize,
    /// The preposition governing the group, when there is one.
    pub oblique: Option<String>,
    pub modifier: Option<Modifier>,
    /// In parentheses after another actor: an apposition, not an argument.
    pub paren: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlaceCand {
    pub t0: usize,
    pub t1: usize,
    pub place: Place,
    /// Places coordinated with this one ("in A, B and C") share a list id.
    pub list: usize,
    /// After "the town of", "the village of": a settlement named outright.
    pub introduced: bool,
}

/// The analysed sentence.
#[derive(Clone, Debug)]
pub struct Sent {
    pub index: usize,
    pub span: Span,
    pub toks: Vec<Token>,
    pub actors: Vec<Actor>,
    pub groups: Vec<Group>,
    /// Token -> group.
    pub tok_group: Vec<Option<usize>>,
    pub places: Vec<PlaceCand>,
    pub tok_place: Vec<Option<usize>>,
}

impl Sent {
    pub fn word(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
    }
    pub fn group_at(&self, i: usize) -> Option<usize> {
        self.tok_group.get(i).copied().flatten()
    }
    /// Names of a group's members, deduplicated by actor.
    pub fn group_names(&self, g: usize) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        for &m in &self.groups[g].members {
            let a = &self.actors[m];
            let dup = out.iter().any(|(n, id)| (id.is_some() && *id == a.id) || *n == a.name);
            if !dup {
                out.push((a.name.clone(), a.id.clone()));
            }
        }
        out
    }
    pub fn text_of<'t>(&self, text: &'t str, t0: usize, t1: usize) -> &'t str {
        if t0 >= t1 || t1 > self.toks.len() {
            return "";
        }
        Span::new(self.toks[t0].span.start, self.toks[t1 - 1].span.end).slice(text)
    }
}

const PRONOUNS_PLURAL: &[&str] = &["they", "them", "their"];
const PRONOUNS_SINGULAR: &[&str] = &["it", "its"];
const FIRST_PERSON: &[&str] = &["we", "us", "our", "i"];
/// Words after a name that make it the sponsor or ally of what follows ("the al-Qaeda-linked
/// group", "Iran-backed militias").
const SPONSOR_WORDS: &[&str] = &["linked", "backed", "allied", "affiliated", "aligned", "sponsored", "funded"];
/// What a resolution does as the subject of its sentence ("the resolution also calls on").
const RESOLUTION_VERBS: &[&str] = &[
    "calls",
    "urges",
    "demands",
    "welcomes",
    "condemns",
    "says",
    "stresses",
    "reiterates",
    "expresses",
    "requests",
    "decides",
    "rejects",
    "affirms",
    "reaffirms",
    "underlines",
    "emphasizes",
    "emphasises",
    "notes",
    "encourages",
    "authorizes",
    "authorises",
    "imposes",
    "also",
    "further",
    "called",
    "urged",
    "demanded",
    "condemned",
];
const GROUP_NOUNS: &[&str] = &["group", "faction", "organization", "organisation", "militia", "movement"];
const GROUP_NOUNS_PL: &[&str] = &["groups", "factions", "organizations", "organisations", "militias", "movements"];
const COALITION_NOUNS: &[&str] = &["coalition", "alliance", "operations room"];
/// Plural nouns for the two states of "both countries", "the two neighbours".
const COUNTRY_SIDES: &[&str] = &["countries", "nations", "neighbours", "neighbors"];
/// Words that make "the X group" an armed group the story has named.
const GROUP_KINDS: &[&str] =
    &["rebel", "armed", "militant", "jihadist", "insurgent", "extremist", "paramilitary", "guerrilla", "islamist"];

/// Inputs for building a sentence.
pub struct Build<'a> {
    pub text: &'a str,
    pub index: usize,
    pub span: Span,
    pub mentions: &'a [Mention],
    pub types: Option<&'a dyn ActorTypes>,
    pub places: Option<&'a dyn PlaceResolver>,
    pub cues: &'a Cues,
    /// The speaker when the sentence is inside a statement.
    pub speaker: Option<(String, Option<String>)>,
    /// What a speaker the lexicon does not know speaks for, as the turn label's title names it
    /// (the Pentagon of `DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH`).
    pub speaks_for: Option<(String, Option<String>)>,
    /// A person the statement stage found speaking in the sentence before this one ("A junta
    /// spokesman, Major General Zaw Min Tun, acknowledged ... He accused ..."), whom the lexicon
    /// may not know.
    pub last_speaker: Option<(String, Option<String>)>,
}

/// A transcript's label for a question from the floor: `Q`, `QUESTION`,
/// `REPORTER`, `AUDIENCE MEMBER`.
fn is_questioner(label: &str) -> bool {
    let l = label.trim().trim_end_matches(['.', ':']).to_lowercase();
    matches!(l.as_str(), "q" | "question" | "reporter" | "journalist" | "audience member" | "audience")
}

pub fn guess_type(name: &str, rule: &str) -> Option<ActorType> {
    let n = name.to_lowercase();
    if ["cessation", "ceasefire", "cease-fire", "truce", "agreement", "accord", "armistice"]
        .iter()
        .any(|w| n.contains(w))
    {
        return Some(ActorType::Agreement);
    }
    if rule == "title" || rule == "person" {
        return Some(ActorType::Person);
    }
    if COALITION_NOUNS.iter().any(|w| n.contains(w)) {
        return Some(ActorType::Coalition);
    }
    None
}

fn is_plural_name(name: &str) -> bool {
    let n = name.to_lowercase();
    let last = n.split_whitespace().last().unwrap_or("");
    last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") && last.len() > 3
}

pub fn analyse(b: &Build<'_>, memory: &Memory) -> Sent {
    let toks = tokenize(b.text, b.span);
    let n = toks.len();
    let mut actors: Vec<Actor> = Vec::new();
    let mut covered = vec![false; n];
    // Lexicon mentions.
    let mut ms: Vec<&Mention> = b
        .mentions
        .iter()
        .filter(|m| b.span.contains(m.span) && !m.span.is_empty() && !b.places.is_some_and(|p| p.covers(m.span)))
        .collect();
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    for m in ms {
        let t0 = toks.iter().position(|t| t.span.end > m.span.start);
        let t1 = toks.iter().rposition(|t| t.span.start < m.span.end).map(|x| x + 1);
        let (Some(t0), Some(t1)) = (t0, t1) else {
            continue;
        };
        if t0 >= t1 || covered[t0..t1].iter().any(|c| *c) {
            continue;
        }
        // "7:00 am Damascus time": a time zone, not the government.
        if toks.get(t1).is_some_and(|t| t.norm == "time") {
            continue;
        }
        covered[t0..t1].iter_mut().for_each(|c| *c = true);
        let kind = m
            .actor
            .as_deref()
            .and_then(|id| b.types.and_then(|t| t.actor_type(id)))
            .or_else(|| guess_type(&m.name, &m.rule));
        actors.push(Actor {
            name: m.name.clone(),
            id: m.actor.clone(),
            kind,
            t0,
            t1,
            sector: m.sector.clone(),
            rule: m.rule.clone(),
            alt_agreement: None,
        });
    }
    // Agreement nouns the lexicon did not name.
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        let mut best: Option<usize> = None;
        let norm = toks[i].norm.as_str();
        for a in &b.cues.agreements {
            // The first word rules most phrases out before any counting
            // (a prefix test first: this runs for every token and phrase).
            let a0 = a.trim_start();
            if norm.is_empty()
                || !a0.starts_with(norm)
                || !a0[norm.len()..].chars().next().is_none_or(char::is_whitespace)
            {
                continue;
            }
            let len = a.split_whitespace().count();
            let ok = a
                .split_whitespace()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.norm == w && !covered[i + k]));
            if ok && best.is_none_or(|l| len > l) {
                best = Some(len);
            }
        }
        if let Some(len) = best {
            // A "ceasefire violation" or "truce talks" still names the agreement.
            let name = Span::new(toks[i].span.start, toks[i + len - 1].span.end).slice(b.text).to_string();
            let (name, id) = memory.agreement_like(&name).unwrap_or((name, None));
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            actors.push(Actor {
                name,
                id,
                kind: Some(ActorType::Agreement),
                t0: i,
                t1: i + len,
                sector: None,
                rule: "agreement-noun".into(),
                alt_agreement: None,
            });
            i += len;
            continue;
        }
        i += 1;
    }
    // "the 2015 Algiers peace agreement", "the Minsk agreements": a capital
    // (any other name of a state than its own, not an acronym) right before
    // an agreement is where it was signed, not a party to anything.
    let venues: Vec<usize> = actors
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let surface = Span::new(toks[a.t0].span.start, toks[a.t1 - 1].span.end).slice(b.text);
            a.kind == Some(ActorType::State)
                && a.rule == "alias"
                && !surface.eq_ignore_ascii_case(&a.name)
                && surface.chars().any(char::is_lowercase)
                && actors.iter().any(|x| x.is_agreement() && x.t0 == a.t1)
        })
        .map(|(k, _)| k)
        .collect();
    for k in venues.into_iter().rev() {
        actors.remove(k);
    }
    // Pronouns and anaphoric noun phrases, resolved against what came before.
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        let w = toks[i].norm.as_str();
        let next = toks.get(i + 1).map(|t| t.norm.as_str()).unwrap_or("");
        let next2 = toks.get(i + 2).map(|t| t.norm.as_str()).unwrap_or("");
        if FIRST_PERSON.contains(&w) && !(w == "us" && toks[i].capitalized) {
            // A reporter's question ("Q: I wanted to ask about the attack")
            // puts nobody in the events it asks about.
            if let Some((name, id)) = b.speaker.as_ref().filter(|(name, id)| id.is_some() || !is_questioner(name)) {
                // An official's "we" is what they speak for: the State
                // Department spokesman's "we call on" is the department's.
                let speaks_for = (w != "i")
                    .then(|| {
                        id.as_deref()
                            .and_then(|id| b.types.and_then(|t| t.affiliation(id)))
                            .or_else(|| b.speaks_for.clone().and_then(|(n, aid)| Some((n, aid?))))
                    })
                    .flatten()
                    .map(|(n, aid)| {
                        let kind = b.types.and_then(|t| t.actor_type(&aid));
                        (n, Some(aid), kind)
                    });
                let who = speaks_for.unwrap_or_else(|| (name.clone(), id.clone(), Some(ActorType::Person)));
                push(&mut actors, vec![who], (i, i + 1), "speaker", None);
            }
            i += 1;
            continue;
        }
        // "taking from them", "it will include": a name earlier in the
        // same clause, when there is one, else the discourse memory.
        let local = match w {
            "them" => object_antecedent(&actors, &toks, i),
            "it" | "its" => nearest_before(&actors, &toks, i),
            _ => Vec::new(),
        };
        if !local.is_empty() {
            push(&mut actors, local, (i, i + 1), "pronoun", memory.last_agreement());
            i += 1;
            continue;
        }
        // "The Ethiopian Human Rights Commission said it had ...": a body the lexicon does not
        // know, named as the subject of the reporting verb right before "it".
        if matches!(w, "it" | "its") {
            if let Some(name) = unknown_body_said_before(b, &toks, &actors, i) {
                push(&mut actors, vec![(name, None, Some(ActorType::Organization))], (i, i + 1), "pronoun", None);
                i += 1;
                continue;
            }
        }
        // A pronoun does not stand for an actor its own sentence names by
        // name after it (the lexicon's mentions are all in `actors` by now),
        // unless a copula makes the name its predicate ("It was this
        // coalition that ...", "they are Nusra fighters").
        let predicate = matches!(next, "is" | "was" | "are" | "were" | "'s" | "'re" | "remains" | "remain" | "became");
        let named_later = |x: &Named| {
            !predicate
                && actors.iter().any(|a| {
                    a.t0 > i
                        && !matches!(
                            a.rule.as_str(),
                            "agreement-noun" | "coalition-anaphor" | "anaphor" | "pronoun" | "speaker"
                        )
                        && if x.1.is_some() { a.id == x.1 } else { a.name == x.0 }
                })
        };
        // "X said they had ...", "X warned that they would ...": an actor
        // named before the pronoun in its own sentence comes before the
        // discourse memory.
        let local = if w == "they" { antecedent_in_sentence(&actors, &toks, i) } else { Vec::new() };
        if !local.is_empty() {
            push(&mut actors, local, (i, i + 1), "pronoun", None);
            i += 1;
            continue;
        }
        // "Blinken said ... He blamed the attack on X": a person, named before
        // it in its sentence (not after a preposition), else the last subject.
        // Not in a transcript turn: there "he" is mostly an office holder the
        // speakers talk about ("Would he veto it?"), rarely the last named.
        if matches!(w, "he" | "she") && b.speaker.is_none() {
            let local = nearest_person_before(&actors, &toks, i);
            let res = if !local.is_empty() {
                local
            } else if let Some((name, id)) = b.last_speaker.clone() {
                vec![(name, id, Some(ActorType::Person))]
            } else {
                memory.resolve_person(b.index)
            };
            push(&mut actors, res, (i, i + 1), "pronoun", None);
            i += 1;
            continue;
        }
        if PRONOUNS_PLURAL.contains(&w) {
            let res = memory.resolve_plural(b.index, &named_later);
            push(&mut actors, res, (i, i + 1), "pronoun", None);
            i += 1;
            continue;
        }
        if PRONOUNS_SINGULAR.contains(&w)
            && next != "'s"
            && !(w == "it" && matches!(next, "is" | "was") && next2 == "why")
        {
            let alt = memory.last_agreement();
            let mut res = memory.resolve_singular(b.index, &named_later);
            if res.is_empty() {
                if let Some((name, id)) = alt.clone() {
                    res.push((name, id, Some(ActorType::Agreement)));
                }
            }
            push(&mut actors, res, (i, i + 1), "pronoun", alt);
            i += 1;
            continue;
        }
        // "both sides had agreed to a ceasefire", "the two parties", "the warring
        // sides": the actors last named together, in this sentence ("talks
        // between the military and the alliance") or a recent one.
        // "urged both countries to show restraint", "the two neighbours".
        let sides = |x: &str| matches!(x, "sides" | "parties") || COUNTRY_SIDES.contains(&x);
        let sides_len = match (w, next, next2) {
            ("both", x, _) if sides(x) => 2,
            ("both" | "the", "warring", x) if sides(x) => 3,
            ("the", "two", x) if sides(x) => 3,
            _ => 0,
        };
        // "the two countries, U.S. and India": the names follow, nothing to resolve.
        let named_after = sides_len > 0
            && toks.get(i + sides_len).is_some_and(|t| matches!(t.norm.as_str(), "," | ":" | "("))
            && actors.iter().any(|a| a.t0 > i + sides_len && a.t0 <= i + sides_len + 3);
        if sides_len > 0 && !named_after && (i..i + sides_len).all(|k| !covered[k]) {
            let named: Vec<&Actor> = actors
                .iter()
                .filter(|a| a.t1 <= i && !matches!(a.rule.as_str(), "pronoun" | "anaphor" | "speaker"))
                .filter(|a| !matches!(a.kind, Some(ActorType::Person | ActorType::Agreement)))
                .collect();
            let pair = named.windows(2).rev().find(|p| {
                let between: Vec<&str> =
                    toks.get(p[0].t1..p[1].t0).unwrap_or(&[]).iter().map(|t| t.norm.as_str()).collect();
                // "The United States and China urged both countries": the pair that asks is not
                // the pair asked.
                let verb_between = &toks[p[1].t1..i];
                let asks = !verb_between.is_empty()
                    && verb_between.len() <= 3
                    && verb_between
                        .iter()
                        .all(|t| t.kind == TokKind::Word && !matches!(t.norm.as_str(), "and" | "of" | "between"));
                !asks && matches!(between.as_slice(), ["and"] | [",", "and"] | ["and", "the"])
            });
            let res = match pair {
                Some(p) => p.iter().map(|a| (a.name.clone(), a.id.clone(), a.kind)).collect(),
                // "both countries": the two states named last, in the last six sentences.
                None if COUNTRY_SIDES.contains(&toks[i + sides_len - 1].norm.as_str()) => {
                    memory.resolve_two_states(b.index)
                }
                None => memory.resolve_sides(b.index),
            };
            push(&mut actors, res, (i, i + sides_len), "anaphor", None);
            i += sides_len;
            continue;
        }
        // "The al-Qaeda-linked group claimed ...": a group its sponsor or ally describes is
        // another group, the one last named (al-Shabaab), not the sponsor.
        if w == "the" {
            let sponsor = actors.iter().find(|a| a.t0 == i + 1 && !matches!(a.rule.as_str(), "pronoun" | "anaphor"));
            let described = sponsor.filter(|a| {
                toks.get(a.t1).is_some_and(|t| SPONSOR_WORDS.contains(&t.norm.as_str()))
                    && toks.get(a.t1 + 1).is_some_and(|t| GROUP_NOUNS.contains(&t.norm.as_str()))
                    // ("The al-Qaeda-linked Group for the Support of Islam and Muslims": the
                    // group noun begins the group's own name.)
                    && covered.get(a.t1 + 1).is_some_and(|c| !*c)
            });
            if let Some(a) = described {
                let (id, name, head) = (a.id.clone(), a.name.clone(), a.t1 + 1);
                let skip = |x: &Named| if id.is_some() { x.1 == id } else { x.0 == name };
                let res = memory.resolve_kind_except(ActorType::Group, b.index, &skip);
                push(&mut actors, res, (head, head + 1), "anaphor", None);
                i = head + 1;
                continue;
            }
        }
        let demonstrative = matches!(w, "this" | "that" | "the" | "these" | "those" | "both");
        if demonstrative {
            // "these (two) groups", "both factions", "this coalition", "the group".
            let mut j = i + 1;
            if matches!(toks.get(j).map(|t| t.norm.as_str()), Some("two" | "three" | "other")) {
                j += 1;
            }
            let head = toks.get(j).map(|t| t.norm.as_str()).unwrap_or("");
            let head2 = toks.get(j + 1).map(|t| t.norm.as_str()).unwrap_or("");
            // "two factions, X and Y": the names follow, nothing to resolve.
            let cataphoric = toks.get(j + 1).is_some_and(|t| matches!(t.norm.as_str(), "," | ":" | "("))
                && actors.iter().any(|a| a.t0 > j && a.t0 <= j + 3);
            let plural_det = matches!(w, "these" | "those" | "both") || (w == "the" && j == i + 2);
            let singular_det = matches!(w, "this" | "that" | "the");
            // "The resolution calls on Hamas to ...": the body that passed it.
            if j == i + 1
                && matches!(w, "the" | "this")
                && matches!(head, "resolution" | "declaration")
                && !covered[j]
                && RESOLUTION_VERBS.contains(&head2)
            {
                let body = memory.resolve_body(b.index);
                if !body.is_empty() {
                    push(&mut actors, body, (i, j + 1), "anaphor", None);
                    i = j + 1;
                    continue;
                }
            }
            // "the spokesman": the organisation he speaks for.
            if j == i + 1 && w == "the" && matches!(head, "spokesman" | "spokeswoman" | "spokesperson") && !covered[j] {
                push(&mut actors, memory.resolve_speaker_org(), (i, j + 1), "anaphor", None);
                i = j + 1;
                continue;
            }
            if j < n && !covered[j] && !cataphoric {
                if GROUP_NOUNS_PL.contains(&head) && plural_det {
                    push(&mut actors, memory.resolve_set(b.index), (i, j + 1), "anaphor", None);
                    i = j + 1;
                    continue;
                }
                if singular_det
                    && (head == "operations" && head2 == "room"
                        || COALITION_NOUNS.contains(&head) && head != "operations room")
                {
                    let end = if head == "operations" { j + 2 } else { j + 1 };
                    if toks.get(end).is_none_or(|t| t.norm != "of") {
                        push(
                            &mut actors,
                            memory.resolve_kind(ActorType::Coalition, b.index),
                            (i, end),
                            "anaphor",
                            None,
                        );
                        i = end;
                        continue;
                    }
                }
                // "accusing the rebel group of war crimes", "the armed group".
                if singular_det
                    && j == i + 1
                    && GROUP_KINDS.contains(&head)
                    && GROUP_NOUNS.contains(&head2)
                    && !covered[j + 1]
                    // ("the armed group of Abu X" names it; "accusing the rebel group of committing" does not.)
                    && (toks.get(j + 2).is_none_or(|t| t.norm != "of")
                        || toks.get(j + 3).is_some_and(|t| t.norm.ends_with("ing")))
                {
                    // A group its own sentence named before it comes first.
                    let here = actors
                        .iter()
                        .filter(|a| a.t1 <= i && a.kind == Some(ActorType::Group) && a.rule != "pronoun")
                        .max_by_key(|a| a.t0)
                        .map(|a| vec![(a.name.clone(), a.id.clone(), a.kind)]);
                    let res = here.unwrap_or_else(|| memory.resolve_kind(ActorType::Group, b.index));
                    push(&mut actors, res, (i, j + 2), "anaphor", None);
                    i = j + 2;
                    continue;
                }
                if singular_det
                    && GROUP_NOUNS.contains(&head)
                    && toks.get(j + 1).is_none_or(|t| t.norm != "of")
                    && j == i + 1
                {
                    push(&mut actors, memory.resolve_kind(ActorType::Group, b.index), (i, j + 1), "anaphor", None);
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    actors.sort_by_key(|a| (a.t0, a.t1));
    // "X is a coalition of ...", "X, an alliance of ...": learn the type.
    for a in actors.iter_mut() {
        if a.kind.is_some() {
            continue;
        }
        let after: Vec<&str> = toks[a.t1.min(n)..(a.t1 + 6).min(n)].iter().map(|t| t.norm.as_str()).collect();
        let copula = matches!(after.first(), Some(&"is" | &"was" | &"," | &"("))
            && matches!(after.get(1), Some(&"a" | &"an" | &"the"));
        if copula
            && after[2..].iter().take(3).any(|w| matches!(*w, "coalition" | "alliance" | "umbrella" | "operations"))
        {
            a.kind = Some(ActorType::Coalition);
        }
        if memory.is_coalition(&a.name) {
            a.kind = Some(ActorType::Coalition);
        }
    }
    for a in actors.iter_mut() {
        if a.kind.is_none() && is_plural_name(&a.name) {
            a.kind = Some(ActorType::Group);
        }
    }
    let (groups, tok_group) = build_groups(&toks, &actors, b.cues);
    let (places, tok_place) = find_places(b, &toks, &tok_group, memory);
    Sent { index: b.index, span: b.span, toks, actors, groups, tok_group, places, tok_place }
}

type Resolved = Vec<(String, Option<String>, Option<ActorType>)>;

/// The nearest named (not pronoun) actor before token `at` in its clause.
fn nearest_before(actors: &[Actor], toks: &[Token], at: usize) -> Resolved {
    let boundary = clause_start(toks, at);
    // "An armed group in Myanmar said it had captured ...": a name after a
    // locative preposition is where something is, not what "it" stands for.
    let located = |a: &Actor| {
        let mut k = a.t0;
        while k > boundary && DETERMINERS.contains(&toks[k - 1].norm.as_str()) {
            k -= 1;
        }
        k > boundary && crate::stages::LOCATIVES.contains(&toks[k - 1].norm.as_str())
    };
    let named = |a: &&Actor| {
        a.t1 <= at
            && a.t0 >= boundary
            && !matches!(a.rule.as_str(), "pronoun" | "anaphor" | "speaker")
            // ("26 civilians were killed ... and that its air force": people are no "it".)
            && !matches!(a.kind, Some(ActorType::Person | ActorType::Agreement | ActorType::Population))
            && !located(a)
            // ("The al-Qaeda-linked group ... its radio station": the sponsor is not "it".)
            && !toks.get(a.t1).is_some_and(|t| SPONSOR_WORDS.contains(&t.norm.as_str()))
    };
    // "United Nations experts say it ...": a name before the people it qualifies is not "it".
    const PEOPLE: &[&str] = &[
        "experts",
        "officials",
        "investigators",
        "sources",
        "diplomats",
        "monitors",
        "analysts",
        "researchers",
        "inspectors",
        "envoys",
        "observers",
        "staff",
    ];
    // "Rwanda denies backing the M23, but ... it has deployed": the object of a verb in -ing
    // yields to an antecedent named before it.
    let object_of_gerund = |a: &Actor| {
        let mut k = a.t0;
        while k > 0 && matches!(toks[k - 1].norm.as_str(), "the" | "a" | "an") {
            k -= 1;
        }
        k > 0 && toks[k - 1].norm.len() > 4 && toks[k - 1].norm.ends_with("ing")
    };
    let cands: Vec<&Actor> = actors
        .iter()
        .filter(named)
        .filter(|a| !toks.get(a.t1).is_some_and(|t| PEOPLE.contains(&t.norm.as_str())))
        .collect();
    let best = cands
        .iter()
        .filter(|a| !object_of_gerund(a))
        .max_by_key(|a| a.t0)
        .or_else(|| cands.iter().max_by_key(|a| a.t0));
    match best {
        Some(b) => vec![(b.name.clone(), b.id.clone(), b.kind)],
        None => Vec::new(),
    }
}

/// The first token of the clause holding token `at` (after the last clause
/// boundary before it).
pub(crate) fn clause_start(toks: &[Token], at: usize) -> usize {
    (0..at).rev().find(|&k| toks[k].kind == TokKind::Boundary).map_or(0, |k| k + 1)
}

/// The antecedent of an object "them" in its own sentence: the nearest actors
/// named before it that do not open the clause, since an object pronoun is
/// not its clause's subject ("Blinken called Burhan and Dagalo and urged them
/// to agree": Burhan and Dagalo, not the United States). Coordinated persons
/// count as a plural. Else the nearest actor before it, as for "it".
fn object_antecedent(actors: &[Actor], toks: &[Token], at: usize) -> Resolved {
    let boundary = clause_start(toks, at);
    // "before the army pushed them out": the subject of the verb whose object
    // "them" is stands for somebody else.
    let subject_of_verb = |a: &Actor| a.t1 + 1 == at || (a.t1 + 2 == at && toks[a.t1].norm.ends_with("ly"));
    let cands: Vec<&Actor> = actors
        .iter()
        .filter(|a| {
            a.t1 <= at
                && !subject_of_verb(a)
                && a.t0 >= boundary
                && !matches!(a.rule.as_str(), "pronoun" | "anaphor" | "speaker" | "agreement-noun")
                && a.kind != Some(ActorType::Agreement)
        })
        .collect();
    let joined =
        |a: &Actor, b: &Actor| a.t1 <= b.t0 && toks[a.t1..b.t0].iter().all(|t| matches!(t.norm.as_str(), "," | "and"));
    let opens_clause = |a: &Actor| {
        let mut k = a.t0;
        while k > boundary && DETERMINERS.contains(&toks[k - 1].norm.as_str()) {
            k -= 1;
        }
        k == boundary || matches!(toks[k - 1].norm.as_str(), "that" | "which" | "who")
    };
    let Some(last) = cands.iter().rposition(|a| {
        !opens_clause(a)
            && (a.kind != Some(ActorType::Person)
                || cands.iter().any(|b| b.kind == Some(ActorType::Person) && (joined(a, b) || joined(b, a))))
    }) else {
        let rest: Vec<Actor> = actors.iter().filter(|a| !subject_of_verb(a)).cloned().collect();
        return nearest_before(&rest, toks, at);
    };
    let mut first = last;
    while first > 0 && joined(cands[first - 1], cands[first]) {
        first -= 1;
    }
    cands[first..=last].iter().map(|a| (a.name.clone(), a.id.clone(), a.kind)).collect()
}

/// The person named nearest before `at` in its clause, not governed by a
/// preposition ("Blinken said he would ..."), with nobody else named between.
fn nearest_person_before(actors: &[Actor], toks: &[Token], at: usize) -> Resolved {
    let boundary = clause_start(toks, at);
    let Some(a) = actors
        .iter()
        .filter(|a| a.t1 <= at && a.t0 >= boundary && !matches!(a.rule.as_str(), "pronoun" | "anaphor" | "speaker"))
        .max_by_key(|a| a.t0)
    else {
        return Vec::new();
    };
    let governed = a.t0 > 0 && is_prep(&toks[a.t0 - 1].norm);
    if a.kind == Some(ActorType::Person) && !governed {
        vec![(a.name.clone(), a.id.clone(), a.kind)]
    } else {
        Vec::new()
    }
}

/// The antecedent of a subject "they" in its own sentence: the nearest
/// actors named before it in its clause that no preposition or possessive
/// governs ("Jaish al-Islam fighters said they had ...", "Russia accused the
/// rebels of shelling Latakia, saying they ..."), with those coordinated
/// with them ("Nusra and Ahrar al-Sham said they ...").
fn antecedent_in_sentence(actors: &[Actor], toks: &[Token], at: usize) -> Resolved {
    let boundary = clause_start(toks, at);
    let named = |a: &&Actor| {
        a.t1 <= at
            && a.t0 >= boundary
            && !matches!(a.rule.as_str(), "pronoun" | "anaphor" | "speaker" | "agreement-noun")
            && !matches!(a.kind, Some(ActorType::Person | ActorType::Agreement))
    };
    let mut cands: Vec<&Actor> = actors.iter().filter(named).collect();
    cands.sort_by_key(|a| a.t0);
    let governed = |a: &Actor| {
        let mut k = a.t0;
        while k > 0 && matches!(toks[k - 1].norm.as_str(), "the" | "a" | "an") {
            k -= 1;
        }
        k > 0 && (is_prep(&toks[k - 1].norm) || matches!(toks[k - 1].norm.as_str(), "'s" | "’s"))
    };
    let Some(last) = cands.iter().rposition(|a| !governed(a)) else {
        return Vec::new();
    };
    let mut first = last;
    while first > 0 {
        let (prev, cur) = (cands[first - 1], cands[first]);
        let joined = prev.t1 <= cur.t0
            && toks[prev.t1..cur.t0].iter().all(|t| matches!(t.norm.as_str(), "," | "and" | "or" | "the"))
            && !governed(prev);
        if !joined {
            break;
        }
        first -= 1;
    }
    let mut out: Resolved = Vec::new();
    for a in &cands[first..=last] {
        if !out.iter().any(|o| o.0 == a.name) {
            out.push((a.name.clone(), a.id.clone(), a.kind));
        }
    }
    out
}

fn push(
    actors: &mut Vec<Actor>,
    res: Resolved,
    (t0, t1): (usize, usize),
    rule: &str,
    alt: Option<(String, Option<String>)>,
) {
    for (name, id, kind) in res {
        actors.push(Actor { name, id, kind, t0, t1, sector: None, rule: rule.into(), alt_agreement: alt.clone() });
    }
}

/// A word that can sit in a descriptive noun phrase ("the other major
/// indigenous Jihadist faction"), not a verb, preposition or clause word.
fn is_descriptive(w: &str) -> bool {
    w.chars().all(char::is_alphabetic)
        && !is_prep(w)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !matches!(
            w,
            "that"
                | "which"
                | "who"
                | "then"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "said"
                | "say"
                | "says"
                | "not"
                | "also"
                | "but"
                | "and"
                | "or"
                | "it"
                | "they"
        )
}

/// The name of an organisation the lexicon does not know that opens the sentence as the
/// subject of a reporting verb right before token `i` ("The Ethiopian Human Rights
/// Commission said it ..."): capitalised words, the last one a word for a body.
fn unknown_body_said_before(b: &Build<'_>, toks: &[Token], actors: &[Actor], i: usize) -> Option<String> {
    const BODY_WORDS: &[&str] = &[
        "commission",
        "committee",
        "council",
        "ministry",
        "agency",
        "office",
        "network",
        "union",
        "association",
        "federation",
        "organization",
        "organisation",
        "observatory",
        "group",
        "movement",
        "front",
        "party",
        "institute",
        "foundation",
        "centre",
        "center",
        "authority",
        "board",
        "coalition",
        "alliance",
        "forces",
        "command",
        "monitor",
    ];
    let verb = i.checked_sub(1)?;
    if !b.cues.reporting_verbs.iter().any(|v| *v == toks[verb].norm) || actors.iter().any(|a| a.t0 < i) {
        return None;
    }
    let mut k = verb;
    while k > 0 && toks[k - 1].capitalized && toks[k - 1].kind == TokKind::Word {
        k -= 1;
    }
    if toks[k].norm == "the" {
        k += 1;
    }
    let start = if k > 0 && toks[k - 1].norm == "the" { k - 1 } else { k };
    // The whole clause before the verb is the name: "the Ethiopian ... Commission said".
    let opens = start == 0 || matches!(toks[start - 1].norm.as_str(), "," | ";" | ":" | "\"" | "but" | "and");
    if verb - k < 2 || !opens || !BODY_WORDS.contains(&toks[verb - 1].norm.as_str()) {
        return None;
    }
    Some(Span::new(toks[k].span.start, toks[verb - 1].span.end).slice(b.text).to_string())
}

/// Plural nouns for an armed actor's people, after its name: "Wagner mercenaries".
const MEMBER_NOUNS: &[&str] = &[
    "fighters",
    "mercenaries",
    "soldiers",
    "troops",
    "militants",
    "militiamen",
    "gunmen",
    "rebels",
    "forces",
    "personnel",
    "commandos",
    "contractors",
];

/// Words that may stand between coordinated actors.
fn is_connector(w: &str) -> bool {
    matches!(w, "," | "and" | "&" | "or" | "nor" | "as" | "well" | "along" | "with" | "plus")
        || DETERMINERS.contains(&w)
}

fn build_groups(toks: &[Token], actors: &[Actor], cues: &Cues) -> (Vec<Group>, Vec<Option<usize>>) {
    let n = toks.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut k = 0;
    while k < actors.len() {
        let a = &actors[k];
        let mut g = Group { members: vec![k], t0: a.t0, t1: a.t1, oblique: None, modifier: None, paren: false };
        k += 1;
        // Actors sharing a token range come from one plural anaphor.
        while k < actors.len() && actors[k].t0 == g.t0 && actors[k].t1 == g.t1 {
            g.members.push(k);
            k += 1;
        }
        while let Some(next) = actors.get(k) {
            // An actor that begins inside the group is never its next member.
            if next.t0 < g.t1 {
                break;
            }
            let between: Vec<&str> = toks[g.t1..next.t0].iter().map(|t| t.norm.as_str()).collect();
            // "the Ta'ang National Liberation Army (TNLA) and the Arakan Army": the member's
            // own short name in parentheses stays in its group when the list goes on.
            let last = &actors[*g.members.last().unwrap_or(&k)];
            let alias = between == ["("]
                && toks.get(next.t1).is_some_and(|t| t.norm == ")")
                && (next.id.is_some() && next.id == last.id)
                && toks.get(next.t1 + 1).is_some_and(|t| matches!(t.norm.as_str(), "and" | "," | "or"))
                && actors.get(k + 1).is_some_and(|a| a.t0 > next.t1);
            if alias {
                g.members.push(k);
                g.t1 = next.t1 + 1;
                k += 1;
                continue;
            }
            let has_conj = between.iter().any(|w| matches!(*w, "and" | "&" | "or" | "nor" | "," | "along"))
                || (between.len() >= 2 && between[0] == "as" && between[1] == "well");
            let only_connectors = between.iter().all(|w| is_connector(w));
            // "A and the other major faction B": a descriptive noun phrase
            // between the conjunction and the next name.
            let described = between.first().is_some_and(|w| *w == "and" || *w == ",")
                && between.len() <= 8
                && between[1..].iter().all(|w| is_descriptive(w));
            // "A and B" or "A, B and C"; "along with" too. A plain "with" only
            // joins in "X with Y and Z in the lead".
            let with_lead = between.first() == Some(&"with") && lead_follows(toks, actors, k);
            let along = between.len() >= 2 && between[0] == "along" && between[1] == "with";
            // An agreement and a party, or a speaker's "we", never coordinate.
            let last = &actors[*g.members.last().unwrap_or(&k)];
            let compatible =
                last.is_agreement() == next.is_agreement() && (last.rule == "speaker") == (next.rule == "speaker");
            // "Hezbollah, the Iran-backed group": a sponsor inside an
            // apposition, not a second member.
            let sponsor = toks.get(next.t1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "backed" | "led" | "sponsored" | "supported" | "funded" | "allied" | "aligned"
                )
            });
            if !compatible || (sponsor && !between.contains(&"and")) {
                break;
            }
            // "Russian Wagner mercenaries and Malian soldiers": the first member's own head noun
            // before the conjunction.
            let headed = between.len() >= 2
                && MEMBER_NOUNS.contains(&between[0])
                && between[1..].iter().all(|w| is_connector(w))
                && between[1..].iter().any(|w| matches!(*w, "and" | "or"));
            if !((has_conj && only_connectors && !between.contains(&"with"))
                || along
                || with_lead
                || described
                || headed)
            {
                break;
            }
            // "In support of X, Y conducted ...": a comma alone joins only in
            // a list that a conjunction closes ("A, B and C").
            let coordinator = |w: &&str| matches!(*w, "and" | "&" | "or" | "nor" | "along" | "well");
            if !between.iter().any(coordinator) && !list_closes(toks, actors, k) {
                break;
            }
            g.members.push(k);
            g.t1 = next.t1;
            k += 1;
            while k < actors.len() && actors[k].t0 == next.t0 && actors[k].t1 == next.t1 {
                g.members.push(k);
                k += 1;
            }
        }
        // "with X and Y in the lead": consume the trailing words into the group.
        if toks.get(g.t1).is_some_and(|t| t.norm == "in")
            && toks.get(g.t1 + 1).is_some_and(|t| t.norm == "the")
            && toks.get(g.t1 + 2).is_some_and(|t| t.norm == "lead")
        {
            g.t1 += 3;
        }
        groups.push(g);
    }
    // Obliques, modifiers, parentheses.
    for gi in 0..groups.len() {
        let (t0, t1) = (groups[gi].t0, groups[gi].t1);
        let mut p = t0;
        while p > 0 && DETERMINERS.contains(&toks[p - 1].norm.as_str()) && toks[p - 1].norm != "that" {
            p -= 1;
        }
        if p > 0 {
            let w = toks[p - 1].norm.as_str();
            // "before the regime started": a subordinator, not a preposition.
            if is_prep(w) && !matches!(w, "before" | "after" | "since") {
                // "according to X" and "along with X" are not arguments either way.
                groups[gi].oblique = Some(w.to_string());
            }
            if w == "(" || w == "[" && p >= 2 && groups.iter().any(|h| h.t1 == p - 1) {
                groups[gi].paren = w == "(";
            }
        }
        let after = toks.get(t1).map(|t| t.norm.as_str()).unwrap_or("");
        let after2 = toks.get(t1 + 1).map(|t| t.norm.as_str()).unwrap_or("");
        if matches!(
            after,
            "backed"
                | "led"
                | "sponsored"
                | "supported"
                | "allied"
                | "affiliated"
                | "linked"
                | "aligned"
                | "funded"
                | "armed"
                | "trained"
                | "run"
                | "dominated"
                | "proxy"
        ) {
            groups[gi].modifier = Some(Modifier::Sponsor);
        } else if matches!(after, "held" | "controlled" | "occupied" | "besieged") {
            groups[gi].modifier = Some(Modifier::Holder);
        } else if (cues.titles.iter().any(|t| t == after)
            && (toks.get(t1 + 1).is_some_and(|t| t.capitalized)
                || groups.iter().any(|h| h.t0 == t1 + 1 || h.t0 == t1 + 2)))
            || (after == "'s"
                && matches!(after2, "branch" | "affiliate" | "wing" | "arm" | "ally" | "allies" | "proxy" | "proxies"))
        {
            groups[gi].modifier = Some(Modifier::Title);
        }
        // Two actors side by side ("State Department spokesman Mark Toner" after
        // title removal, or "Ahrar al-Sham Abu Yazid"): the first modifies.
        if gi + 1 < groups.len() && groups[gi + 1].t0 == t1 && groups[gi].members.len() == 1 {
            groups[gi].modifier.get_or_insert(Modifier::Title);
        }
        // "from US-backed rebels": the group its sponsor binds stands where the sponsor does,
        // after the same preposition.
        if gi > 0
            && groups[gi - 1].modifier == Some(Modifier::Sponsor)
            && groups[gi - 1].t1 + 1 == t0
            && groups[gi].oblique.is_none()
        {
            groups[gi].oblique = groups[gi - 1].oblique.clone();
        }
    }
    let mut tok_group = vec![None; n];
    for (gi, g) in groups.iter().enumerate() {
        for t in tok_group.iter_mut().take(g.t1.min(n)).skip(g.t0) {
            *t = Some(gi);
        }
    }
    (groups, tok_group)
}

/// Does the comma list that actor `k` continues end in a conjunction before
/// its last member ("A, B, C and D")?
fn list_closes(toks: &[Token], actors: &[Actor], mut k: usize) -> bool {
    while let (Some(a), Some(b)) = (actors.get(k), actors.get(k + 1)) {
        if b.t0 < a.t1 {
            k += 1;
            continue;
        }
        let between: Vec<&str> = toks[a.t1..b.t0].iter().map(|t| t.norm.as_str()).collect();
        if between.is_empty() || !between.iter().all(|w| is_connector(w) || is_descriptive(w)) {
            return false;
        }
        if between.iter().any(|w| matches!(*w, "and" | "&" | "or" | "nor" | "along" | "well")) {
            return true;
        }
        if !between.contains(&",") {
            return false;
        }
        k += 1;
    }
    false
}

fn lead_follows(toks: &[Token], actors: &[Actor], k: usize) -> bool {
    // Find the end of the coordination starting at actor k, then "in the lead".
    let mut end = actors[k].t1;
    let mut j = k + 1;
    while let Some(a) = actors.get(j) {
        if a.t0 >= end && toks[end..a.t0].iter().all(|t| is_connector(&t.norm)) {
            end = a.t1;
            j += 1;
        } else {
            break;
        }
    }
    toks.get(end).is_some_and(|t| t.norm == "in") && toks.get(end + 2).is_some_and(|t| t.norm == "lead")
}

/// Bodies named "of" their remit: "Ministry of Health", "Secretary of State".
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "minister",
    "department",
    "secretary",
    "office",
    "bureau",
    "council",
    "university",
    "court",
    "institute",
    "commission",
    "agency",
    "committee",
    "directorate",
    "chamber",
    "bank",
    "school",
    "faculty",
];

const PLACE_PREPS: &[&str] = &[
    "in",
    "on",
    "near",
    "at",
    "around",
    "outside",
    "into",
    "of",
    "across",
    "toward",
    "towards",
    "from",
    "inside",
    "to",
    "took",
    "take",
    "seized",
    "captured",
    "retook",
    "recaptured",
    "overran",
    "besieged",
    "entered",
    "held",
    "holds",
    "controls",
    "stormed",
    "shelled",
    "struck",
];

/// Verbs of a government speaking through its capital ("Kinshasa says", "Kigali has long denied").
const CAPITAL_SPEAKS: &[&str] = &[
    "said",
    "says",
    "say",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "rejected",
    "rejects",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "warned",
    "warns",
    "condemned",
    "condemns",
    "responded",
    "announced",
];

/// Place candidates: gazetteer hits, capitalised names after place
/// prepositions or "the town of", and "the town" anaphors.
fn find_places(
    b: &Build<'_>,
    toks: &[Token],
    tok_group: &[Option<usize>],
    memory: &Memory,
) -> (Vec<PlaceCand>, Vec<Option<usize>>) {
    let n = toks.len();
    let mut out: Vec<PlaceCand> = Vec::new();
    let mut taken = vec![false; n];
    let tok_range = |span: Span| -> Option<(usize, usize)> {
        let t0 = toks.iter().position(|t| t.span.end > span.start)?;
        let t1 = toks.iter().rposition(|t| t.span.start < span.end)? + 1;
        (t0 < t1).then_some((t0, t1))
    };
    if let Some(pr) = b.places {
        for hit in pr.find(b.text, b.span) {
            if let Some((t0, t1)) = tok_range(hit.span) {
                if taken[t0..t1].iter().any(|x| *x) {
                    continue;
                }
                // "a charge Kigali has long denied", "Kinshasa says": a capital read as its
                // government and speaking is who speaks, not where anything happened.
                let speaks = (t1..(t1 + 4).min(n)).any(|k| CAPITAL_SPEAKS.contains(&toks[k].norm.as_str()))
                    // "Tehran would support", "Moscow has sent troops": the subject of a verb
                    // phrase is the government acting, not where it acts.
                    // ("Kyiv has been hit", "Kyiv has come under fire" are still where.)
                    || toks.get(t1).is_some_and(|t| match t.norm.as_str() {
                        "would" | "will" | "could" | "can" | "should" | "may" | "might" | "must" | "wants"
                        | "wanted" | "hopes" | "sent" | "sends" => true,
                        "has" | "had" => toks.get(t1 + 1).is_some_and(|u| {
                            !matches!(u.norm.as_str(), "been" | "come" | "seen" | "faced" | "suffered" | "endured")
                        }),
                        _ => false,
                    });
                // "has turned to Moscow for help": the government one turns to.
                let turned_to = t0 >= 2
                    && toks[t0 - 1].norm == "to"
                    && matches!(
                        toks[t0 - 2].norm.as_str(),
                        "turned" | "turn" | "turns" | "turning" | "appealed" | "looked" | "out" | "pivoted"
                    );
                if tok_group[t0..t1].iter().all(Option::is_some) && (speaks || turned_to) {
                    continue;
                }
                taken[t0..t1].iter_mut().for_each(|x| *x = true);
                let introduced =
                    t0 >= 2 && toks[t0 - 1].norm == "of" && b.cues.place_nouns.contains(&toks[t0 - 2].norm);
                out.push(PlaceCand { t0, t1, place: hit.place, list: 0, introduced });
            }
        }
    }
    // Capitalised names the gazetteer lacks, after a place preposition or a
    // place noun ("the town of Khan Touman"), not inside an actor mention.
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        let prev = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
        let prev2 = if i > 1 { toks[i - 2].norm.as_str() } else { "" };
        let introduced = prev == "of" && b.cues.place_nouns.iter().any(|p| p == prev2);
        let continues_list = matches!(prev, "," | "and" | "or") && out.iter().any(|p| p.t1 + 1 == i);
        // "the State Ministry of Health", "the Department of Defense": what a body is of is no place.
        let body_of = prev == "of" && INSTITUTIONS.contains(&prev2);
        // "the Line of Control", "the Strait of Hormuz": a capitalised name goes on through "of".
        let name_of = prev == "of" && i >= 2 && toks[i - 2].capitalized && toks[i - 2].kind == TokKind::Word;
        // "in the Gulf of Aden", "through the Strait of Hormuz": the body of water is the place,
        // by its whole name (the gazetteer has no seas).
        let water = name_of && matches!(toks[i - 2].norm.as_str(), "gulf" | "sea" | "strait" | "straits" | "bay");
        if water && t.capitalized && !taken[i] && !taken[i - 2] && tok_group[i].is_none() {
            let mut j = i + 1;
            while j < n && toks[j].capitalized && toks[j].kind == TokKind::Word && tok_group[j].is_none() && !taken[j] {
                j += 1;
            }
            let name = Span::new(toks[i - 2].span.start, toks[j - 1].span.end).slice(b.text).to_string();
            taken[i - 2..j].iter_mut().for_each(|x| *x = true);
            out.push(PlaceCand {
                t0: i - 2,
                t1: j,
                place: Place { name, lat: None, lon: None, country: None, precision: 3, gazetteer_id: None },
                list: 0,
                introduced: false,
            });
            i = j;
            continue;
        }
        let after_prep = (PLACE_PREPS.contains(&prev) && !body_of && !name_of) || introduced || continues_list;
        if t.capitalized
            && t.kind == TokKind::Word
            && !taken[i]
            && tok_group[i].is_none()
            && after_prep
            && !crate::dates::is_calendar_word(&t.norm)
        {
            let mut j = i + 1;
            while j < n
                && !taken[j]
                && tok_group[j].is_none()
                && (toks[j].capitalized
                    || (matches!(toks[j].norm.as_str(), "al" | "el" | "ash" | "as" | "ad" | "ar" | "an")
                        && toks.get(j + 1).is_some_and(|t| t.capitalized)))
            {
                j += 1;
            }
            // A trailing "province", "governorate" belongs to the name.
            if j < n && matches!(toks[j].norm.as_str(), "province" | "governorate" | "district" | "city") {
                j += 1;
            }
            let name = Span::new(toks[i].span.start, toks[j - 1].span.end).slice(b.text).to_string();
            // "scores of Syrian civilians", "of Lebanese origin": a demonym before a common noun,
            // or before an actor's name ("dozens of Russian Wagner mercenaries").
            let demonym = j - i == 1
                && ["ian", "ians", "ese", "ish", "ean"].iter().any(|s| t.norm.ends_with(s))
                && toks.get(j).is_some_and(|x| {
                    (x.kind == TokKind::Word
                        && !x.capitalized
                        && !is_prep(&x.norm)
                        && !matches!(x.norm.as_str(), "and" | "or" | "after" | "before" | "when" | "while" | "as"))
                        || tok_group[j].is_some()
                });
            if !is_stop_name(&name) && !demonym && (introduced || j - i <= 4) {
                taken[i..j].iter_mut().for_each(|x| *x = true);
                out.push(PlaceCand {
                    t0: i,
                    t1: j,
                    place: Place { name, lat: None, lon: None, country: None, precision: 1, gazetteer_id: None },
                    list: 0,
                    introduced,
                });
            }
            i = j;
            continue;
        }
        i += 1;
    }
    // "the town", "the city": the last settlement named ("the region", "the
    // province" are no settlement).
    for i in 0..n {
        if toks[i].norm == "the"
            && toks.get(i + 1).is_some_and(|t| {
                b.cues.place_nouns.contains(&t.norm)
                    && !matches!(t.norm.as_str(), "region" | "province" | "governorate" | "area" | "district")
            })
            && toks.get(i + 2).is_none_or(|t| t.norm != "of")
            && !taken[i + 1]
        {
            // A town named earlier in the same sentence ("in Fallujah, which the
            // government hasn't retaken, they are laying siege to the city").
            let earlier = out
                .iter()
                .filter(|p| p.t1 <= i && p.place.precision == 1 && p.place.lat.is_some())
                .max_by_key(|p| p.t0)
                .map(|p| p.place.clone());
            if let Some(p) = earlier.or_else(|| memory.last_settlement()) {
                out.push(PlaceCand { t0: i, t1: i + 2, place: p, list: 0, introduced: false });
            }
        }
    }
    out.sort_by_key(|p| p.t0);
    // Coordinated lists: "in A, B and C".
    let mut list = 0;
    for k in 0..out.len() {
        if k > 0 {
            let between = &toks[out[k - 1].t1..out[k].t0.max(out[k - 1].t1)];
            // "in El Fasher, North Darfur": a coarser place after a comma locates the one before.
            let locates =
                between.len() == 1 && between[0].norm == "," && out[k].place.precision > out[k - 1].place.precision;
            let joined = !locates
                && !between.is_empty()
                && between.iter().all(|t| matches!(t.norm.as_str(), "," | "and" | "or"));
            if !joined {
                list += 1;
            }
        }
        out[k].list = list;
    }
    // A village the gazetteer lacks takes the coordinates of an enclosing or
    // nearby place named in the same sentence.
    let known: Option<Place> = out.iter().find(|p| p.place.lat.is_some()).map(|p| p.place.clone());
    if let Some(k) = known {
        for p in out.iter_mut() {
            if p.place.lat.is_none() {
                p.place.lat = k.lat;
                p.place.lon = k.lon;
                p.place.country = k.country.clone();
                p.place.precision = 2;
            }
        }
    }
    let mut tok_place = vec![None; n];
    for (k, p) in out.iter().enumerate() {
        for t in tok_place.iter_mut().take(p.t1.min(n)).skip(p.t0) {
            *t = Some(k);
        }
    }
    (out, tok_place)
}

fn is_stop_name(name: &str) -> bool {
    let n = name.to_lowercase();
    matches!(
        n.as_str(),
        "the"
            | "i"
            | "we"
            | "they"
            | "it"
            | "he"
            | "she"
            | "this"
            | "that"
            | "islamic law"
            | "english"
            | "arabic"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "damascus time"
            // "Secretary of State", "a post on Facebook": offices and platforms.
            | "state"
            | "facebook"
            | "twitter"
            | "telegram"
            | "youtube"
            | "instagram"
            | "tiktok"
            | "whatsapp"
            | "truth social"
    ) || n.ends_with(" time")
}
