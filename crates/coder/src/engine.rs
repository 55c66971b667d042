//! The coding loop: sentence by sentence, match patterns, fill roles, decide
//! modality, date and place, and keep the discourse memory up to date.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use sitrep_model::{
    record_id, ActorType, DateRange, Document, Event, Mention, Modality, ParagraphKind, Place, Provenance, Relation,
    Segmentation, Span, Statement,
};

use crate::dates::DateResolver;
use crate::deps::Deps;
use crate::memory::Memory;
use crate::patterns::{Elem, EventRule, RelationRule};
use crate::roles::{
    by_agent, cue_before, holder_in_object, hypothetical, is_passive, match_at, negated, object_of,
    relation_subject_of, subject_of, suppressed, Bound, Match,
};
use crate::sentence::{analyse, clause_start, is_prep, Build, Sent, POSSESSIVES};
use crate::tokens::TokKind;
use crate::{Coded, Coder, Inputs};

type Named = (String, Option<String>);

struct Speech {
    speaker: Named,
    /// When the words were said, as the statements stage dated them.
    date: Option<String>,
    /// For a speaker the lexicon does not know, the actor the turn label's title names.
    speaks_for: Option<Named>,
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "al" | "mr" | "ms" | "mrs"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Speaker of each sentence: from statements, else from transcript turns.
fn speakers(
    doc: &Document,
    seg: &Segmentation,
    mentions: &[Mention],
    statements: &[Statement],
    types: Option<&dyn crate::sentence::ActorTypes>,
) -> Vec<Option<Speech>> {
    let mut out: Vec<Option<Speech>> = seg.sentences.iter().map(|_| None).collect();
    let mut own: HashMap<String, Named> = HashMap::new();
    for (k, s) in seg.sentences.iter().enumerate() {
        if let Some(st) = statements.iter().find(|st| st.provenance.span.overlaps(s.span) && st.form != "reported") {
            // `DEPUTY PENTAGON PRESS SECRETARY SABRINA SINGH:`: an actor named on the label's line;
            // `MS. SINGH:` later on speaks for what her first label named.
            let speaks_for = match own.get(&st.speaker) {
                Some(x) => Some(x.clone()),
                None => {
                    let body = st.provenance.span.start;
                    let found = (st.speaker_id.is_none() && st.form == "turn" && st.role.is_some())
                        .then(|| {
                            mentions.iter().rev().find(|m| {
                                let kind = m.actor.as_deref().and_then(|id| types.and_then(|t| t.actor_type(id)));
                                matches!(kind, Some(ActorType::State | ActorType::Organization))
                                    && m.span.end <= body
                                    && body - m.span.start <= 120
                                    && doc.text.get(m.span.end..body).is_some_and(|gap| !gap.contains('\n'))
                            })
                        })
                        .flatten()
                        .map(|m| (m.name.clone(), m.actor.clone()));
                    if let Some(x) = &found {
                        own.insert(st.speaker.clone(), x.clone());
                    }
                    found
                }
            };
            out[k] = Some(Speech {
                speaker: (st.speaker.clone(), st.speaker_id.clone()),
                date: st.date.clone(),
                speaks_for,
            });
            continue;
        }
        let Some(p) = seg.paragraphs.iter().find(|p| p.index == s.paragraph) else {
            continue;
        };
        if p.kind != ParagraphKind::Turn {
            continue;
        }
        let Some(label) = p.speaker_label.map(|l| l.slice(&doc.text).to_string()) else {
            continue;
        };
        // "MR TONER" is the Mark Toner the document names elsewhere.
        let last = fold(&label).split(' ').next_back().unwrap_or("").to_string();
        let named = mentions
            .iter()
            .find(|m| !last.is_empty() && fold(&m.name).split(' ').next_back() == Some(last.as_str()))
            .map(|m| (m.name.clone(), m.actor.clone()));
        out[k] = Some(Speech { speaker: named.unwrap_or((label, None)), date: None, speaks_for: None });
    }
    out
}

/// Participles after a comma that open what the actors said or who reports it.
const REPORTING_PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "claiming",
    "citing",
    "arguing",
    "insisting",
    "stressing",
    "noting",
    "accusing",
    "blaming",
    "according",
];

/// A speaker the lexicon does not know whose name reads as a person's: two to four
/// capitalised words, none of them an organisation's ("Zaw Min Tun", not "Security Council").
fn looks_like_person(name: &str) -> bool {
    const ORG_WORDS: &[&str] = &[
        "Council",
        "Ministry",
        "Army",
        "Forces",
        "Office",
        "Department",
        "Government",
        "Committee",
        "Agency",
        "Command",
        "Observatory",
        "Front",
        "Party",
        "Movement",
        "Assembly",
        "Nations",
        "Union",
        "Brigade",
        "Group",
        "News",
        "Press",
        "Organization",
        "Organisation",
        "Commission",
        "House",
        "Kremlin",
        "Pentagon",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words.iter().any(|w| ORG_WORDS.contains(w))
}

/// "at least 37 people", "12 villagers", "dozens of worshippers" right after token `from`:
/// people counted, not named.
fn killed_people(s: &Sent, from: usize) -> bool {
    const PEOPLE: &[&str] = &[
        "people",
        "persons",
        "villagers",
        "worshippers",
        "worshipers",
        "passengers",
        "students",
        "pupils",
        "women",
        "men",
        "others",
        "miners",
        "farmers",
        "herders",
        "fishermen",
        "mourners",
        "shoppers",
        "guests",
        "patients",
        "traders",
        "travellers",
        "travelers",
        "pilgrims",
        "wedding",
    ];
    let end = (from + 6).min(s.toks.len());
    let Some(noun) = (from..end).find(|&k| PEOPLE.contains(&s.word(k))) else { return false };
    (from..noun).any(|k| s.word(k).chars().all(|c| c.is_ascii_digit() || c == ',') || COUNT_WORDS.contains(&s.word(k)))
        && (from..noun).all(|k| {
            s.toks[k].is_word() && s.group_at(k).is_none() && !matches!(s.word(k), "and" | "or" | "in" | "of")
                || s.word(k) == "of" && k > from && matches!(s.word(k - 1), "dozens" | "scores" | "hundreds")
        })
}

const COUNT_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens", "scores",
    "hundreds", "several", "dozen",
];

/// Index in `out.events` of the first event coded from sentence `index`.
fn events_before_sentence(out: &Coded, index: usize) -> usize {
    out.events.iter().rposition(|e| e.provenance.sentence_index != index).map_or(0, |k| k + 1)
}

/// "the attackers", "of the gunmen" at token `k`: those who carried out the attack just told.
fn names_perpetrators(s: &Sent, k: usize) -> bool {
    k > 0
        && matches!(s.word(k - 1), "the" | "of")
        && matches!(s.word(k), "attackers" | "assailants" | "gunmen" | "bombers" | "raiders" | "perpetrators")
}

/// "According to X", "X said": who the sentence attributes its content to.
fn report_source(c: &Coder, s: &Sent, text: &str, deps: Option<&Deps>) -> Option<(String, usize)> {
    for i in 0..s.toks.len() {
        if s.word(i) == "according" && s.word(i + 1) == "to" {
            let mut j = i + 2;
            while matches!(s.word(j), "the" | "[" | "a") {
                j += 1;
            }
            if let Some(g) = s.group_at(j) {
                return s.group_names(g).first().map(|n| (n.0.clone(), i));
            }
            // A source the lexicon does not know: its capitalised name.
            let mut k = j;
            while k < s.toks.len() && s.toks[k].capitalized {
                k += 1;
            }
            if k > j {
                return Some((s.text_of(text, j, k).to_string(), i));
            }
            // "according to a hospital official who spoke on condition of anonymity": the
            // unnamed source's noun phrase, up to a relative pronoun, a comma or a preposition.
            let mut k = j;
            while k < s.toks.len()
                && k < j + 4
                && s.toks[k].is_word()
                && s.group_at(k).is_none()
                && !is_prep(s.word(k))
                && !matches!(s.word(k), "who" | "which" | "that" | "and" | "or" | "but")
            {
                k += 1;
            }
            if k > j {
                return Some((s.text_of(text, i + 2, k).to_string(), i));
            }
        }
    }
    for i in 0..s.toks.len() {
        if c.patterns.cues.reporting_verbs.iter().any(|v| v == s.word(i)) {
            // "Port Said", "a reporter named Said": a capitalised verb inside a sentence is a name.
            if about_a_claim(s, i) || (i > 0 && s.toks[i].capitalized) {
                continue;
            }
            // The parse knows who spoke even when the lexicon does not.
            match deps.and_then(|d| d.speaker(text, i)) {
                Some(Ok(g)) => return s.group_names(g).first().map(|n| (n.0.clone(), i)),
                // ("The Ethiopian Human Rights Commission said": the name without its article.)
                Some(Err(name)) => {
                    let name = match name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")) {
                        Some(rest) if rest.starts_with(char::is_uppercase) => rest.to_string(),
                        _ => name,
                    };
                    return Some((name, i));
                }
                None => {}
            }
            // "..., the regional governor said": a speaker the lexicon does
            // not know, set off by a comma, is not the actor before it.
            if let Some(name) = unnamed_speaker_before(s, text, i) {
                return Some((name, i));
            }
            if let Some(g) = subject_of(s, i) {
                return s.group_names(g).first().map(|n| (n.0.clone(), i));
            }
            // "..., said X": the speaker after the verb.
            if let Some(g) = s.group_at(i + 1) {
                return s.group_names(g).first().map(|n| (n.0.clone(), i));
            }
        }
    }
    None
}

/// "Iran, which backs the Houthis, denied that ...": a relative clause set off by commas before
/// the reporting verb at `cue` describes its subject in the writer's words, not the speaker's.
fn writers_aside(s: &Sent, at: usize, cue: usize) -> bool {
    if at >= cue {
        return false;
    }
    let Some(open) = (0..at).rev().find(|&k| matches!(s.word(k), "which" | "who" | "whose")) else { return false };
    open > 0
        && s.word(open - 1) == ","
        && (open + 1..cue)
            .find(|&k| s.word(k) == ",")
            .is_some_and(|close| close > at && (close + 1..cue).all(|k| s.toks[k].is_word()) && cue - close <= 3)
}

/// ", a charge the group denied", ", a claim Moscow rejects": the verb at `i`
/// is in a relative clause about what the sentence said, not its attribution.
fn about_a_claim(s: &Sent, i: usize) -> bool {
    let Some(comma) = (0..i).rev().find(|&k| s.word(k) == ",") else { return false };
    i > comma + 3
        && i - comma <= 8
        && matches!(s.word(comma + 1), "a" | "an" | "the")
        && matches!(
            s.word(comma + 2),
            "charge" | "claim" | "accusation" | "allegation" | "assertion" | "version" | "account"
        )
}

/// Whether group `g` is the reporter of an attribution whose cue is token `cue` ([`report_source`]):
/// "according to (the) X", ", X said", ", said X".
fn attribution_group(s: &Sent, cue: usize, g: usize) -> bool {
    let grp = &s.groups[g];
    if s.word(cue) == "according" {
        return grp.t0 >= cue + 2 && grp.t0 <= cue + 4;
    }
    if grp.t0 == cue + 1 {
        return cue > 0 && s.word(cue - 1) == ",";
    }
    // ", a commander with X said": the group is in the words after the last comma before the verb.
    let comma = (0..cue).rev().find(|&k| s.word(k) == ",");
    grp.t1 <= cue && cue - grp.t1 <= 2 && comma.is_some_and(|c| c < grp.t0 && grp.t0 - c <= 6)
}

/// The words between a comma and a reporting verb at `i` when they name no
/// actor and are not a pronoun: "the regional governor", "a military
/// spokesman", "witnesses".
fn unnamed_speaker_before(s: &Sent, text: &str, i: usize) -> Option<String> {
    let mut k = i;
    while k > 0 && i - k < 6 {
        let w = s.word(k - 1);
        if w == "," || s.group_at(k - 1).is_some() || !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
            break;
        }
        k -= 1;
    }
    if k == i || k == 0 || s.word(k - 1) != "," {
        return None;
    }
    let words: Vec<&str> = (k..i).map(|j| s.word(j)).collect();
    const NOT_SPEAKERS: &[&str] = &[
        "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "and", "but", "also", "had", "has", "have",
    ];
    if words.iter().any(|w| NOT_SPEAKERS.contains(w)) || words.iter().all(|w| matches!(*w, "the" | "a" | "an")) {
        return None;
    }

    Some(s.text_of(text, k, i).to_string())
}

fn date_string(d: &Option<DateRange>, use_end: bool) -> Option<String> {
    d.as_ref().map(|d| if use_end { d.end.clone() } else { d.start.clone() })
}

struct Ctx<'a> {
    c: &'a Coder,
    doc: &'a Document,
    sent: &'a Sent,
    text: &'a str,
    sentence_text: String,
    speech: Option<&'a Speech>,
    /// When the reported speech that covers the sentence was said ("X said
    /// that its troops had seized ..."): the latest an event it reports can
    /// have happened, and its date when the sentence gives none.
    said_on: Option<&'a str>,
    report: Option<(String, usize)>,
    dates: &'a dyn DateResolver,
    /// The dependency parse, for sentences where a pattern matched.
    deps: Option<&'a Deps>,
}

impl Ctx<'_> {
    fn modality(&self, at: usize, extra_reporter: Option<&str>) -> (Modality, Option<String>) {
        let cues = &self.c.patterns.cues;
        let s = self.sent;
        let reporter =
            self.speech.map(|sp| sp.speaker.0.clone()).or_else(|| extra_reporter.map(str::to_string)).or_else(|| {
                self.report.as_ref().filter(|(_, i)| *i != at && !writers_aside(s, at, *i)).map(|r| r.0.clone())
            });
        // "denied the accusation and blamed X": a second predicate joined
        // by "and" is asserted, not denied ("denied shelling and killing"
        // still is).
        let denial =
            (0..at).rev().find(|&i| matches!(s.word(i), "denied" | "denies" | "deny" | "denying")).is_some_and(|d| {
                !(d + 1..at).any(|j| {
                    matches!(s.word(j), "and" | "but")
                        && (j + 1 == at && !s.word(at).ends_with("ing") || s.word(j + 1).ends_with("ed"))
                })
            });
        if negated(s, at, cues) || denial {
            return (Modality::Negated, reporter);
        }
        if hypothetical(s, at, cues) {
            return (Modality::Hypothetical, reporter);
        }
        match reporter {
            Some(r) => (Modality::Reported, Some(r)),
            None => (Modality::Asserted, None),
        }
    }

    fn provenance(&self, m: &Match, rule: &str) -> Provenance {
        let s = self.sent;
        let span = if m.t1 > m.t0 && m.t1 <= s.toks.len() {
            Span::new(s.toks[m.t0].span.start, s.toks[m.t1 - 1].span.end)
        } else {
            s.span
        };
        Provenance {
            doc: self.doc.id.clone(),
            sentence_index: s.index,
            sentence_span: s.span,
            span,
            rule: rule.to_string(),
        }
    }

    fn date(&self, m: &Match) -> Option<DateRange> {
        self.date_with(m, true)
    }

    /// The date of what matched at `m`; `published` lets the publication day
    /// date it when nothing else does.
    fn date_with(&self, m: &Match, published: bool) -> Option<DateRange> {
        let t = &self.sent.toks[m.key.min(self.sent.toks.len() - 1)];
        let own = self.dates.date_for(self.sent.index, t.span);
        // Speech dated to the day refines a coarser date carried into it.
        let said = self.speech.and_then(|sp| sp.date.clone()).filter(|d| d.len() == 10);
        // Reported speech dates only what its sentence leaves undated: "said on Monday that in
        // October the rebels ..." keeps October.
        // Not when the sentence names a time the timeline cannot place ("last weekend"): the day
        // of the report, or of publication, would be days off.
        let vague = self.sent.toks.iter().any(|t| t.norm == "weekend");
        let reported = self.said_on.filter(|d| d.len() == 10 && !vague).map(str::to_string);
        match (own, said) {
            (Some(o), Some(d)) if d.starts_with(&o.start) && d.len() > o.start.len() => {
                Some(DateRange { start: d.clone(), end: d, precision: sitrep_model::DatePrecision::Day })
            }
            (None, Some(d)) => {
                Some(DateRange { start: d.clone(), end: d, precision: sitrep_model::DatePrecision::Day })
            }
            (None, None) => reported
                .or_else(|| if published && !vague { self.published_fallback(m) } else { None })
                .map(|d| DateRange { start: d.clone(), end: d, precision: sitrep_model::DatePrecision::Day }),
            (o, _) => o,
        }
    }

    /// The publication day, for an event neither its sentence, the narrative
    /// nor reported speech dates (the convention of news event data: the
    /// report's day), unless its verb is in the past perfect ("had seized
    /// power in a coup"): background, not news.
    fn published_fallback(&self, m: &Match) -> Option<String> {
        let p = self.doc.meta.published.filter(|p| p.day.is_some() && p.year.is_some())?;
        let s = self.sent;
        let start = clause_start(&s.toks, m.key);
        let perfect = (start.max(m.key.saturating_sub(4))..m.key).any(|i| matches!(s.word(i), "had" | "'d"));
        (!perfect).then(|| p.to_string())
    }

    /// Checks the shallow roles of an event against the parse: the verb's
    /// agent in the tree wins over the nearest group to the left, and a
    /// group the tree puts in another role (object, oblique) is not the
    /// source. Noun triggers take the possessor or the subject of the verb
    /// that governs them when the scan found no source.
    fn refine_event(
        &self,
        rule: &EventRule,
        m: &Match,
        src: Option<usize>,
        tgt: Option<usize>,
        passive: bool,
        log: Option<&mut String>,
    ) -> (Option<usize>, Option<usize>) {
        let Some(deps) = self.deps else { return (src, tgt) };
        let spec = &rule.spec;
        let free_src = spec.source == "left" && !rule.pattern.has_slot('S');
        let free_tgt = spec.target == "right" && !rule.pattern.has_slot('T');
        let vt = m.verb.unwrap_or(m.key);
        let (mut s2, mut t2) = (src, tgt);
        // A parse that reads the voice differently from the surface (a
        // headline verb taken for a reduced relative: "jets struck ...")
        // is not trusted with the roles.
        if deps.is_verb(vt) && deps.is_passive(vt) == passive {
            let Some(args) = deps.args(vt) else { return (src, tgt) };
            // "Our understanding is that X overran ..., killing 52": a
            // possessive determiner heads no clause that acts.
            let possessive = |g: usize| {
                let grp = &self.sent.groups[g];
                grp.t1 == grp.t0 + 1 && POSSESSIVES.contains(&self.sent.word(grp.t0))
            };
            // "OCHA says that ... after RSF fighters stormed the compound": an actor
            // right before the verb is its subject even where the parse hangs the
            // verb on an earlier one; nor is the speaker the agent of what the
            // clause it introduced goes on to tell ("... and opened fire").
            let cue = self.report.as_ref().map(|r| r.1);
            let surface_wins = |a: usize, g: usize| {
                let (ga, gg) = (&self.sent.groups[a], &self.sent.groups[g]);
                let adjacent = ga.t1 == m.t0 && !ga.paren;
                let reported = cue.is_some_and(|c| ga.t0 > c && c < m.t0);
                a != g && (adjacent || reported) && gg.t1 <= ga.t0 && (ga.t1 == m.t0 || cue.is_some_and(|c| gg.t1 <= c))
            };
            // (A second speech act of the speaker keeps the speaker the parse hung elsewhere.)
            let second_act = crate::roles::speaker_of_second_act(self.sent, m.t0);
            if free_src && second_act.is_some() && src == second_act {
                s2 = src;
            } else if free_src {
                match args.agent().filter(|&g| !possessive(g)) {
                    Some(g) if src.is_some_and(|a| surface_wins(a, g)) => s2 = src,
                    Some(g) => s2 = Some(g),
                    None => {
                        // "..., and drones hit Kyiv": an actor further left is
                        // not the agent of a verb whose subject names none.
                        if src.is_some_and(|g| args.non_agent(g)) || deps.unnamed_agent(vt) {
                            s2 = None;
                        }
                    }
                }
            }
            // "dropped barrel bombs on ...": words of the trigger are not its target.
            let in_trigger = |g: usize| self.sent.groups[g].t0 >= m.t0 && self.sent.groups[g].t1 <= m.t1;
            if free_tgt && !spec.nominal {
                match args.patient() {
                    Some(g) if Some(g) != s2 && !in_trigger(g) => t2 = Some(g),
                    _ => {
                        if tgt.is_some_and(|g| args.agents.contains(&Some(g))) {
                            t2 = None;
                        }
                    }
                }
                // "opened fire on fighters from X": a target phrase the scan
                // could not read, after one of the rule's prepositions.
                if t2.is_none() {
                    t2 = args.obliques.iter().find(|(p, g)| spec.preps.contains(p) && Some(*g) != s2).map(|(_, g)| *g);
                }
            }
            // "seized X from Y": Y must hang from the verb or its object.
            if spec.target == "controller" && t2.is_some_and(|g| deps.under_other_oblique(g, vt)) {
                t2 = None;
            }
        } else if free_src && !(m.verb.is_some() && deps.is_function_word(vt)) {
            // (A verb the parse read as a function word, "has since overrun" as a preposition,
            // keeps the scan's roles: the noun rules below would find an agent inside its object.)
            match deps.noun_agent(m.key) {
                Some(g) => s2 = Some(g),
                None => {
                    if src.is_some_and(|g| {
                        deps.patients_of_governor(m.key).contains(&g)
                            || deps.is_object(g)
                            || deps.agents_of_other_verb(m.key).contains(&g)
                    }) {
                        s2 = None;
                    }
                }
            }
        }
        if let Some(l) = log {
            if (s2, t2) != (src, tgt) {
                let _ = writeln!(
                    l,
                    "  parse: roles of `{}` {:?}/{:?} -> {:?}/{:?}",
                    self.sent.word(m.key),
                    src,
                    tgt,
                    s2,
                    t2
                );
            }
        }
        (s2, t2)
    }

    /// The subject of a relation predicate from the parse ("groups that are
    /// backed by", "X, which is part of"), when the parse names an actor.
    fn refine_subject(&self, how: &str, m: &Match, subj: Option<usize>, log: Option<&mut String>) -> Option<usize> {
        let Some(deps) = self.deps else { return subj };
        if how != "left" || m.slot('S').is_some() {
            return subj;
        }
        let vt = m.verb.unwrap_or(m.key);
        let Some(found) = deps.subjects(vt) else { return subj };
        let s2 = match found.iter().flatten().next() {
            Some(&g) => Some(g),
            None => subj,
        };
        if let Some(l) = log {
            if s2 != subj {
                let _ = writeln!(l, "  parse: subject of `{}` {:?} -> {:?}", self.sent.word(m.key), subj, s2);
            }
        }
        s2
    }

    /// Whether an actor is a population (civilians, residents, refugees) in the lexicon.
    fn is_population(&self, x: &Named) -> bool {
        x.1.as_deref().and_then(|id| self.c.types.as_ref()?.actor_type(id)) == Some(ActorType::Population)
    }

    fn group(&self, g: Option<usize>) -> Vec<Named> {
        g.map(|g| self.sent.group_names(g)).unwrap_or_default()
    }

    /// Place of an event: the bound place, else the first place after the
    /// trigger in its clause (a named settlement first), else the nearest
    /// before it.
    fn places_for(&self, m: &Match, each: bool) -> Vec<Place> {
        let s = self.sent;
        let pick = |k: usize| -> Vec<Place> {
            let list = s.places[k].list;
            if each {
                s.places.iter().filter(|p| p.list == list).map(|p| p.place.clone()).collect()
            } else {
                vec![s.places[k].place.clone()]
            }
        };
        if let Some(Bound::Place(k)) = m.slot('P') {
            return pick(k);
        }
        // ", saying they act in solidarity with Palestinians in Gaza": what the
        // actors said, or who reports it, is not where it happened.
        let boundary = (m.t1..s.toks.len())
            .find(|&i| {
                s.toks[i].kind == TokKind::Boundary
                    || (s.toks[i].kind == TokKind::Comma
                        && s.toks.get(i + 1).is_some_and(|t| REPORTING_PARTICIPLES.contains(&t.norm.as_str())))
            })
            .unwrap_or(s.toks.len());
        let after: Vec<usize> =
            (0..s.places.len()).filter(|&k| s.places[k].t0 >= m.t1 && s.places[k].t0 < boundary).collect();
        // "strikes on bases in Khartoum, as fighting spread to the region of
        // Darfur": a place in the trigger's own phrase (before a comma) comes
        // first; "the town of X" beats a place named beside it.
        let comma = (m.t1..boundary).find(|&i| s.toks[i].kind == TokKind::Comma).unwrap_or(boundary);
        let near: Vec<usize> = after.iter().copied().filter(|&k| s.places[k].t0 < comma).collect();
        let among = if near.is_empty() { &after } else { &near };
        if let Some(&k) = among.iter().find(|&&k| s.places[k].introduced).or(among.first()) {
            // "in Nigeria's northeastern Yobe state": the part the country's possessive names.
            let part = (s.places[k].place.precision == 3 && s.word(s.places[k].t1) == "'s")
                .then(|| {
                    among
                        .iter()
                        .copied()
                        .find(|&j| j != k && s.places[j].t0 > s.places[k].t1 && s.places[j].t0 <= s.places[k].t1 + 3)
                })
                .flatten();
            return pick(part.unwrap_or(k));
        }
        // "fighting continued in Rakhine State, where the Arakan Army attacked
        // police outposts": the place the relative "where" stands for.
        let start = clause_start(&s.toks, m.t0);
        if let Some(w) = (start..m.t0).rev().find(|&i| s.toks[i].norm == "where") {
            let end = if w > 0 && s.toks[w - 1].kind == TokKind::Comma { w - 1 } else { w };
            if let Some(k) = (0..s.places.len()).find(|&k| s.places[k].t1 == end) {
                return pick(k);
            }
        }
        // Before the trigger, in its clause: the finest place ("In Nyala, the
        // capital of South Darfur, fighters seized ..." happened in Nyala),
        // the last of equals.
        let before = (0..s.places.len())
            .filter(|&k| s.places[k].t1 <= m.t0 && s.places[k].t0 >= start)
            .min_by_key(|&k| (s.places[k].place.precision, std::cmp::Reverse(k)));
        if let Some(k) = before.or_else(|| (0..s.places.len()).rev().find(|&k| s.places[k].t1 <= m.t0)) {
            return pick(k);
        }
        Vec::new()
    }

    fn mode_for(&self, kind: &str, base: Option<&str>, source: Option<usize>, m: &Match) -> Option<String> {
        let s = self.sent;
        let mut hay = String::new();
        if let Some(g) = source {
            // "targeted by coalition air strikes": the words after a source
            // named behind the trigger say how.
            let t1 = if s.groups[g].t0 >= m.t1 { (s.groups[g].t1 + 3).min(s.toks.len()) } else { s.groups[g].t1 };
            hay.push_str(&s.text_of(self.text, s.groups[g].t0, t1).to_lowercase());
            for &a in &s.groups[g].members {
                if let Some(sec) = &s.actors[a].sector {
                    hay.push(' ');
                    hay.push_str(&sec.to_lowercase());
                }
            }
        }
        hay.push(' ');
        hay.push_str(&s.text_of(self.text, m.t0, m.t1).to_lowercase());
        // A pattern's own specific mode (suicide-attack) beats a cue word.
        if base.is_some_and(|b| b != "military") {
            return base.map(str::to_string);
        }
        for cue in &self.c.patterns.cues.mode_cue {
            if cue.kind == kind && cue.words.iter().any(|w| hay.contains(w.as_str())) {
                return Some(cue.mode.clone());
            }
        }
        base.map(str::to_string)
    }
}

/// Verbs whose object is an attack that failed: the attack was made on their subject.
const REPELLING: &[&str] = &[
    "repelled",
    "repel",
    "repels",
    "repelling",
    "repulsed",
    "repulse",
    "foiled",
    "foil",
    "thwarted",
    "thwart",
    "fended",
    "fought",
    "withstood",
    "withstand",
    "survived",
    "beat",
    "beaten",
];

/// The "by" agent of a noun trigger ending before `from`: right after it, or
/// after a participle ("claimed by", "carried out by").
fn noun_by_agent(s: &Sent, from: usize) -> Option<usize> {
    // "A suicide bomber from the Pakistani Taliban": whose side the attacker is on.
    if from > 0 && s.word(from) == "from" && matches!(s.word(from - 1), "bomber" | "bombers" | "gunman" | "gunmen") {
        let mut j = from + 1;
        while j < s.toks.len() && matches!(s.word(j), "the" | "a" | "an") {
            j += 1;
        }
        if let Some(g) = s.group_at(j) {
            return Some(g);
        }
    }
    let by = (from..(from + 6).min(s.toks.len())).find(|&j| s.word(j) == "by")?;
    if (from..by).any(|j| s.toks[j].kind == TokKind::Boundary || s.toks[j].kind == TokKind::Comma) {
        return None;
    }
    let before = s.word(by.wrapping_sub(1));
    let participle = before.ends_with("ed") || matches!(before, "out" | "done" | "made" | "led" | "undertaken");
    if by != from && !participle {
        return None;
    }
    by_agent(s, by)
}

/// Within one sentence's events (from `from` on): "shelled a market, killing 12 civilians", "fired
/// rockets at a convoy of X, wounding two soldiers". The participle names whom the attack before it
/// hit, not a second act: its targets join that attack's (same type, source and modality) and the
/// participle's own event goes.
fn fold_casualties(events: &mut Vec<Event>, from: usize, text: &str) {
    let mut k = from;
    while k < events.len() {
        let e = &events[k];
        let trigger = e.provenance.span.slice(text);
        let participle = e.provenance.rule == "event:assault.kill" && trigger.len() > 4 && trigger.ends_with("ing");
        let attack = (from..k).rev().find(|&j| {
            let o = &events[j];
            o.kind == e.kind
                && o.modality == e.modality
                && o.source == e.source
                && o.provenance.span.end <= e.provenance.span.start
        });
        match attack.filter(|_| participle) {
            Some(j) => {
                let e = events.remove(k);
                let o = &mut events[j];
                for (name, id) in e.target.into_iter().zip(e.target_ids) {
                    if !o.target.contains(&name) {
                        o.target.push(name);
                        o.target_ids.push(id);
                    }
                }
                if o.place.is_none() {
                    o.place = e.place;
                }
            }
            None => k += 1,
        }
    }
}

/// Within one sentence's events (from `from` on): an event that repeats
/// another's type, source, place and modality with no target, or the same
/// target, says nothing new ("attacked and seized a base", a capture coded by
/// a pattern and by the change of hands).
fn drop_subsumed(events: &mut Vec<Event>, from: usize) {
    let mut k = from;
    while k < events.len() {
        let e = &events[k];
        let covered = (from..events.len()).any(|j| {
            let o = &events[j];
            j != k
                && o.kind == e.kind
                && o.source == e.source
                && o.modality == e.modality
                && (o.place.as_ref().map(|p| &p.name) == e.place.as_ref().map(|p| &p.name) || e.place.is_none())
                && (e.target.is_empty() || o.target == e.target)
                && (o.target.len() > e.target.len() || o.place.is_some() && e.place.is_none() || j < k)
        });
        if covered {
            events.remove(k);
        } else {
            k += 1;
        }
    }
}

fn remove_overlap(source: &[Named], target: Vec<Named>) -> Vec<Named> {
    target
        .into_iter()
        .filter(|t| !source.iter().any(|s| (s.1.is_some() && s.1 == t.1) || fold(&s.0) == fold(&t.0)))
        .collect()
}

/// Whether the token that ends at `t1` is joined to the next by a hyphen ("Iran-backed").
fn hyphen_after(s: &Sent, text: &str, t1: usize) -> bool {
    match (t1.checked_sub(1).and_then(|k| s.toks.get(k)), s.toks.get(t1)) {
        (Some(a), Some(b)) => text.get(a.span.end..b.span.start) == Some("-"),
        _ => false,
    }
}

/// Keeps the longest match per (type, trigger token).
fn select<R>(mut found: Vec<(&R, Match, String)>) -> Vec<(&R, Match, String)> {
    found.sort_by_key(|(_, m, _)| std::cmp::Reverse(m.t1 - m.t0));
    let mut kept: Vec<(&R, Match, String)> = Vec::new();
    for f in found {
        let dup = kept.iter().any(|k| k.2 == f.2 && (k.1.t0..k.1.t1).contains(&f.1.key));
        if !dup {
            kept.push(f);
        }
    }
    kept.sort_by_key(|(_, m, _)| (m.key, m.t0));
    kept
}

pub(crate) fn run(c: &Coder, inputs: &Inputs<'_>, dates: &dyn DateResolver, trace: Option<usize>) -> (Coded, String) {
    let Inputs { doc, seg, mentions, statements, .. } = *inputs;
    let mut out = Coded::default();
    let mut log = String::new();
    let mut memory = Memory::default();
    let speech =
        speakers(doc, seg, mentions, statements, c.types.as_deref().map(|t| t as &dyn crate::sentence::ActorTypes));
    let mut seen_events: HashSet<String> = HashSet::new();
    let mut seen_relations: HashSet<String> = HashSet::new();
    // Transcript turns: (speaker, actors the turn is about).
    let mut cur_turn: Option<(String, Vec<Named>)> = None;
    let mut last_turn: Option<(String, Vec<Named>)> = None;
    for (si, s) in seg.sentences.iter().enumerate() {
        let tracing = trace == Some(s.index);
        let sp = speech[si].as_ref();
        let sent = analyse(
            &Build {
                text: &doc.text,
                index: s.index,
                span: s.span,
                mentions,
                types: c.types.as_deref().map(|t| t as &dyn crate::sentence::ActorTypes),
                places: inputs.places,
                cues: &c.patterns.cues,
                speaker: sp.map(|x| x.speaker.clone()),
                speaks_for: sp.and_then(|x| x.speaks_for.clone()),
                last_speaker: si.checked_sub(1).and_then(|p| {
                    let before = seg.sentences[p].span;
                    statements
                        .iter()
                        .filter(|st| matches!(st.form.as_str(), "reported" | "direct"))
                        .filter(|st| st.provenance.span.overlaps(before))
                        .find(|st| match st.speaker_id.as_deref() {
                            Some(id) => c.types.as_deref().and_then(|t| t.actor_type(id)) == Some(ActorType::Person),
                            None => looks_like_person(&st.speaker),
                        })
                        .map(|st| (st.speaker.clone(), st.speaker_id.clone()))
                }),
            },
            &memory,
        );
        if sent.toks.is_empty() {
            continue;
        }
        // ---- Relations first: a change of hands informs the events' targets.
        let mut found_rel: Vec<(&RelationRule, Match, String)> = Vec::new();
        for (i, t) in sent.toks.iter().enumerate() {
            for &ri in c.relation_index.get(&t.norm).map(Vec::as_slice).unwrap_or(&[]) {
                let rule = &c.patterns.relations[ri];
                for m in match_at(&rule.pattern, &sent, i) {
                    found_rel.push((rule, m, rule.spec.kind.clone() + &rule.spec.id));
                }
            }
        }
        // ---- Events.
        let mut found_ev: Vec<(&EventRule, Match, String)> = Vec::new();
        for (i, t) in sent.toks.iter().enumerate() {
            for &ri in c.event_index.get(&t.norm).map(Vec::as_slice).unwrap_or(&[]) {
                let rule = &c.patterns.events[ri];
                for m in match_at(&rule.pattern, &sent, i) {
                    found_ev.push((rule, m, rule.spec.kind.clone()));
                }
            }
        }
        // Parse only where a pattern matched and an actor is named.
        let deps = if (found_rel.is_empty() && found_ev.is_empty()) || sent.groups.is_empty() {
            None
        } else {
            Deps::build(&doc.text, &sent)
        };
        out.sentences_parsed += usize::from(deps.is_some());
        let report = report_source(c, &sent, &doc.text, deps.as_ref());
        // "..., captured one alive, he said", "killing 6, OCHA said": a word with no capital the
        // parse took for the speaker ("one", "6") is not; the statement stage knows who spoke.
        let report = match report {
            Some((name, i)) if !name.chars().any(char::is_uppercase) => statements
                .iter()
                .find(|st| {
                    st.form == "reported"
                        && st.provenance.span.overlaps(s.span)
                        && st.speaker.chars().any(char::is_uppercase)
                })
                .map(|st| (st.speaker.clone(), i))
                .or(Some((name, i))),
            r => r,
        };
        // "Jimmy Cherizier, a former police officer who leads the gang alliance known as Viv
        // Ansanm, said": the statement stage read past the aside to who spoke; the scan stopped
        // at the group the aside names.
        let report = report.map(|(name, i)| {
            let spoke = statements
                .iter()
                .filter(|st| st.form == "reported" && st.provenance.span.overlaps(s.span))
                .filter_map(|st| st.speaker_id.as_deref().map(|id| (st, id)))
                .find(|(_, id)| {
                    sent.groups
                        .iter()
                        .any(|g| g.t1 <= i && g.members.iter().any(|&a| sent.actors[a].id.as_deref() == Some(*id)))
                })
                .map(|(st, _)| st.speaker.clone());
            (spoke.unwrap_or(name), i)
        });
        let ctx = Ctx {
            c,
            doc,
            sent: &sent,
            text: &doc.text,
            sentence_text: s.span.slice(&doc.text).to_string(),
            speech: sp,
            said_on: statements
                .iter()
                .find(|st| st.form == "reported" && st.provenance.span.overlaps(s.span))
                .and_then(|st| st.date.as_deref()),
            report,
            dates,
            deps: deps.as_ref(),
        };
        if tracing {
            trace_sentence(&mut log, &ctx);
        }
        let mut subjects: HashSet<usize> = HashSet::new();

        let events_at_start = out.events.len();
        for (rule, m, _) in select(found_rel) {
            code_relation(
                &ctx,
                rule,
                &m,
                &mut memory,
                &mut out,
                &mut seen_relations,
                &mut subjects,
                tracing.then_some(&mut log),
            );
        }

        let events_before = out.events.len();
        // A turn that opens with "No," rejects what the previous speaker put.
        let turn =
            seg.paragraphs.iter().find(|p| p.index == s.paragraph).is_some_and(|p| p.kind == ParagraphKind::Turn);
        let first_in_para = si == 0 || seg.sentences[si - 1].paragraph != s.paragraph;
        if turn && first_in_para {
            last_turn = cur_turn.take();
            cur_turn = sp.map(|x| (x.speaker.0.clone(), Vec::new()));
        }
        if let (true, true, Some(speech), Some((prev_speaker, put))) = (turn, first_in_para, sp, &last_turn) {
            if sent.word(0) == "no"
                && matches!(sent.word(1), "," | ".")
                && *prev_speaker != speech.speaker.0
                && !put.is_empty()
            {
                let m = Match { t0: 0, t1: 1, key: 0, verb: None, slots: Vec::new() };
                let id = record_id("ev", &[&doc.id, &s.index.to_string(), "reject.answer-no"]);
                out.events.push(Event {
                    id,
                    doc: doc.id.clone(),
                    sentence: ctx.sentence_text.clone(),
                    kind: "REJECT".into(),
                    mode: None,
                    cameo: Some("120".into()),
                    source: vec![speech.speaker.0.clone()],
                    target: put.iter().map(|x| x.0.clone()).collect(),
                    place: None,
                    date: ctx.date(&m),
                    modality: Modality::Reported,
                    reported_by: Some(speech.speaker.0.clone()),
                    source_ids: vec![speech.speaker.1.clone()],
                    target_ids: put.iter().map(|x| x.1.clone()).collect(),
                    provenance: ctx.provenance(&m, "event:reject.answer-no"),
                    diagnostics: Vec::new(),
                });
                if tracing {
                    let _ = writeln!(log, "  event reject.answer-no: REJECT [{}] -> {:?}", speech.speaker.0, put);
                }
            }
        }
        let mut framing: Vec<(usize, String, bool)> = Vec::new();
        let mut recalled: Vec<usize> = Vec::new();
        for (rule, m, _) in select(found_ev) {
            code_event(
                &ctx,
                rule,
                &m,
                &memory,
                &mut out,
                &mut seen_events,
                &mut subjects,
                &mut framing,
                &mut recalled,
                tracing.then_some(&mut log),
            );
        }

        // "Security forces killed five of the attackers": fire on those who attacked answers the
        // attack, and "the attack" condemned after it is still theirs.
        let answers = (0..sent.toks.len()).any(|k| names_perpetrators(&sent, k));
        // An attack told, else a seizure ("the rebels took control of the city ... condemned
        // the offensive").
        let told = |kind: &str, e: &&Event| {
            !answers
                && e.kind == kind
                && (kind == "ASSAULT" || e.mode.as_deref() == Some("seize"))
                && !e.source.is_empty()
                && matches!(e.modality, Modality::Asserted | Modality::Reported)
        };
        let recent = &out.events[events_before..];
        if let Some(e) =
            recent.iter().rev().find(|e| told("ASSAULT", e)).or_else(|| recent.iter().rev().find(|e| told("COERCE", e)))
        {
            let named = |names: &[String], ids: &[Option<String>]| -> Vec<crate::memory::Named> {
                names
                    .iter()
                    .zip(ids)
                    .map(|(n, id)| {
                        let kind = id.as_deref().and_then(|id| c.types.as_deref().and_then(|t| t.actor_type(id)));
                        (n.clone(), id.clone(), kind)
                    })
                    .collect()
            };
            memory.note_fight(s.index, &named(&e.source, &e.source_ids), &named(&e.target, &e.target_ids));
            memory.note_attack(
                s.index,
                e.source.iter().cloned().zip(e.source_ids.iter().cloned()).collect(),
                e.place.as_ref().map(|p| p.name.clone()),
                e.mode.clone(),
            );
        }
        fold_casualties(&mut out.events, events_at_start, &doc.text);
        drop_subsumed(&mut out.events, events_at_start);
        // What this turn put to the next speaker: who its first event is by.
        if let Some((_, put)) = cur_turn.as_mut().filter(|_| turn) {
            if put.is_empty() {
                if let Some(e) = out.events[events_before..].first() {
                    *put = e.source.iter().cloned().zip(e.source_ids.iter().cloned()).collect();
                }
            }
        }
        // ---- Memory: groups (subjects marked), places.
        let first_arg = (0..sent.groups.len())
            .find(|&g| sent.groups[g].oblique.is_none() && sent.groups[g].modifier.is_none() && !sent.groups[g].paren);
        for (gi, g) in sent.groups.iter().enumerate() {
            if g.paren || g.modifier == Some(crate::sentence::Modifier::Title) {
                continue;
            }
            // The organisation behind a speaker's "we" is no antecedent for a
            // later "they".
            let speaks_for = |a: &crate::sentence::Actor| a.rule == "speaker" && a.kind != Some(ActorType::Person);
            let actors = g.members.iter().filter(|&&m| !speaks_for(&sent.actors[m])).map(|&m| {
                let a = &sent.actors[m];
                (a.name.clone(), a.id.clone(), a.kind)
            });
            let mut actors: Vec<_> = actors.collect();
            actors.dedup_by(|a, b| a.0 == b.0);
            memory.add_group(
                s.index,
                actors,
                subjects.contains(&gi) || first_arg == Some(gi),
                // "fell into the hands of X": X is the agent, whatever its preposition.
                g.oblique.is_some() && !subjects.contains(&gi),
            );
        }
        for p in &sent.places {
            memory.add_place(p.place.clone());
        }
    }
    (out, log)
}

/// Whether the trigger's object names ground: a place the sentence names, a
/// capitalised name that is no actor ("took Kafr Nabouda"), a place noun
/// ("two towns", "the airport") or a word of territory ("40 percent of the
/// territory"); with `actors`, an actor too ("moved against the rebels").
/// The object is looked for in the few words after the trigger, up to a
/// clause boundary or a preposition that starts something else ("move on to
/// the next crisis", "take a look at"); of a passive trigger, before it ("the
/// town was taken").
fn object_is_ground(s: &Sent, m: &Match, passive: bool, place_nouns: &[String], actors: bool) -> bool {
    const TERRITORY: &[&str] = &[
        "territory",
        "territories",
        "ground",
        "control",
        "position",
        "positions",
        "hill",
        "hills",
        "hilltop",
        "checkpoint",
        "checkpoints",
        "stronghold",
        "strongholds",
        "outskirts",
        "road",
        "highway",
        "bridge",
        "dam",
        "oilfield",
        "oilfields",
        "refinery",
        "island",
        "islands",
        "valley",
        "ridge",
        "front",
        "frontline",
        "pocket",
        "enclave",
        "quarter",
        "quarters",
        "barracks",
        "garrison",
        "outpost",
        "outposts",
        "capital",
        "heights",
    ];
    const NOT_OBJECT: &[&str] = &[
        "at",
        "to",
        "in",
        "into",
        "on",
        "for",
        "with",
        "about",
        "after",
        "before",
        "as",
        "than",
        "that",
        "which",
        "who",
        "because",
        "if",
        "when",
        "while",
        "seriously",
        "place",
        "part",
    ];
    let ground_at = |k: usize| -> bool {
        let t = &s.toks[k];
        let w = t.norm.as_str();
        let singular = w.strip_suffix('s').unwrap_or(w);
        s.tok_place.get(k).copied().flatten().is_some()
            || (actors && s.group_at(k).is_some())
            // Capitalised mid-sentence: a name; at the start, any word is.
            || (k > 0 && t.capitalized && t.is_word() && w.len() > 1 && s.group_at(k).is_none() && !crate::dates::is_calendar_word(w))
            || TERRITORY.contains(&w)
            || place_nouns.iter().any(|p| p.split_whitespace().next_back().is_some_and(|last| last == w || last == singular))
    };
    let stops = |k: usize| s.toks[k].kind == TokKind::Boundary || s.toks[k].kind == TokKind::Comma;
    if passive {
        let lo = m.t0.saturating_sub(8);
        for k in (lo..m.t0).rev() {
            if stops(k) {
                return false;
            }
            if ground_at(k) {
                return true;
            }
        }
        return false;
    }
    for k in m.t1..(m.t1 + 7).min(s.toks.len()) {
        if stops(k) || NOT_OBJECT.contains(&s.word(k)) {
            return false;
        }
        if ground_at(k) {
            return true;
        }
    }
    false
}

/// What is condemned or blamed as an act: "the attack by X".
const CONDEMNED_ACTS: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "shelling",
    "bombing",
    "bombings",
    "killing",
    "killings",
    "assault",
    "raid",
    "raids",
    "offensive",
    "massacre",
    "violence",
    "abuses",
    "atrocities",
    "crimes",
    "invasion",
    "incursion",
    "seizure",
    "detention",
    "execution",
    "executions",
];

/// The mode of attack a condemned act's noun names, as the event rules code it.
fn act_mode(noun: &str) -> Option<&'static str> {
    match noun {
        "strike" | "strikes" | "bombing" | "bombings" => Some("aerial"),
        _ => None,
    }
}

/// Words of time that follow an event noun without modifying it ("the attack yesterday").
const TIME_WORDS: &[&str] = &["yesterday", "today", "tonight", "overnight", "earlier", "last", "this", "late", "early"];

#[allow(clippy::too_many_arguments)]
fn code_event(
    ctx: &Ctx<'_>,
    rule: &EventRule,
    m: &Match,
    memory: &Memory,
    out: &mut Coded,
    seen: &mut HashSet<String>,
    subjects: &mut HashSet<usize>,
    framing: &mut Vec<(usize, String, bool)>,
    recalled: &mut Vec<usize>,
    mut log: Option<&mut String>,
) {
    let s = ctx.sent;
    let spec = &rule.spec;
    let cues = &ctx.c.patterns.cues;
    // "Iran condemned the strikes": the strikes the condemnation was aimed at the authors of.
    // "We believe the strikes were effective": the strikes told before, judged.
    let after_determiner = m.key > 0 && matches!(s.word(m.key - 1), "the" | "these" | "those" | "this" | "that");
    let judged = after_determiner && ctx.deps.is_some_and(|d| d.is_judged(m.key));
    if recalled.contains(&m.key) || judged {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(
                l,
                "  event {} at `{}`: an act told before, condemned or judged, dropped",
                spec.id,
                s.word(m.key)
            );
        }
        return;
    }
    // "Rapid Support Forces", "Operation Inherent Resolve": a trigger word
    // inside an actor's name is no trigger.
    if s.group_at(m.key).is_some() && !rule.pattern.has_slot('S') && !rule.pattern.has_slot('T') {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: inside an actor name, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    // "rocket launchers", "attack helicopters", "strike aircraft": a
    // trigger word that only modifies another noun names no event.
    if let Some(d) = ctx.deps.filter(|_| !rule.pattern.has_slot('S') && !rule.pattern.has_slot('T')) {
        // A name after it ("retook Palmyra" mis-tagged) is a verb's object.
        // "air raid sirens": the match's last word modifies the noun after it.
        let last = if m.t1 > m.key + 1 && !d.is_verb(m.key) { m.t1 - 1 } else { m.key };
        // ("the attack yesterday by the RSF": a word of time after it modifies nothing.)
        let common_noun_next = s.toks.get(last + 1).is_some_and(|t| {
            !t.capitalized
                && t.is_word()
                && t.norm.chars().next().is_some_and(|c| c.is_alphabetic())
                && !TIME_WORDS.contains(&t.norm.as_str())
        });
        let single = m.t1 <= m.key + 1 || last != m.key;
        if single && d.is_noun_modifier(last) && common_noun_next && !s.word(last).ends_with("ed") {
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(l, "  event {} at `{}`: modifies a noun, dropped", spec.id, s.word(m.key));
            }
            return;
        }
    }
    // "condemned the strike as a \"deliberate bombing\"", "described it as an
    // attack on ...": a noun naming what something was called is no act.
    if !rule.pattern.has_slot('S') {
        let as_at = (m.t0.saturating_sub(5)..m.t0).rev().find(|&i| s.word(i) == "as");
        let called = as_at.is_some_and(|i| {
            i > 0
                && !matches!(s.word(i - 1), "such" | "well" | "same" | "soon" | "long" | "far")
                && (matches!(s.word(i + 1), "a" | "an" | "the") || !s.toks[i + 1].is_word())
                && !matches!(s.word(i + 2), "result" | "consequence" | "precaution" | "whole")
                && (i + 1..m.t0).all(|k| {
                    !s.toks[k].is_word()
                        || (!is_prep(s.word(k))
                            && s.group_at(k).is_none()
                            && !s.toks[k].capitalized
                            && !matches!(
                                s.word(k),
                                "is" | "are" | "was" | "were" | "be" | "been" | "being" | "has" | "have" | "had"
                            ))
                })
        });
        if called {
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(l, "  event {} at `{}`: what something was called, dropped", spec.id, s.word(m.key));
            }
            return;
        }
    }
    if suppressed(s, m.key, cues) {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: suppressed (content of a request)", spec.id, s.word(m.key));
        }
        return;
    }
    let passive = !spec.nominal && m.verb.is_some_and(|v| is_passive(s, v)) && !rule.pattern.has_slot('S');
    let before = m.t0.checked_sub(1).map(|i| s.word(i));
    let after = (m.t1 < s.toks.len()).then(|| s.word(m.t1));
    if before.is_some_and(|w| spec.unless_before.iter().any(|x| x == w))
        || after.is_some_and(|w| spec.unless_after.iter().any(|x| x == w))
    {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: excluded by the word beside it, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    let deps = ctx.deps;
    let object_fails = match spec.object.as_deref() {
        None => None,
        Some("none") => deps.is_some_and(|d| d.has_object(m.key)).then_some("takes an object"),
        Some("proposal") => deps.is_some_and(|d| d.clause_is_claim(m.key)).then_some("its clause states, not asks"),
        Some("forces") => {
            (deps.and_then(|d| d.object_is_force(m.key)) == Some(false)).then_some("its object names no forces")
        }
        Some(object) => (!object_is_ground(s, m, passive, &cues.place_nouns, object == "ground-or-actor"))
            .then_some("its object names no ground"),
    };
    if let Some(why) = object_fails {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: {why}, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    // A trigger that is mostly a noun ("the fighting", "a clash with") used
    // as a verb takes a direct object right after it: "has been fighting X",
    // "fought the X" (not a group further on: "fight mosquito populations in
    // communities where we ...").
    let as_verb = spec.nominal && m.t1 == m.key + 1 && ctx.deps.is_some_and(|d| d.is_verb(m.key));
    let fill = |how: &str, slot: char| -> Option<usize> {
        if let Some(Bound::Group(g)) = m.slot(slot) {
            return Some(g);
        }
        match (how, passive) {
            ("left", false) => subject_of(s, m.t0),
            ("left", true) => by_agent(s, m.t1),
            ("right", false) => as_verb
                .then(|| object_of(s, m.t1, &[], false))
                .flatten()
                .filter(|&g| s.groups[g].t0 <= m.t1 + 3)
                .or_else(|| object_of(s, m.t1, &spec.preps, spec.nominal)),
            ("right", true) => subject_of(s, m.t0),
            ("by", _) => by_agent(s, m.t1),
            // "seized X from Y": the loser, when named.
            ("controller", false) => object_of(s, m.t1, &spec.preps, true).or_else(|| holder_in_object(s, m.t1)),
            ("controller", true) => object_of(s, m.t1, &spec.preps, true),
            _ => None,
        }
    };
    let src_g = fill(&spec.source, 'S');
    let mut tgt_g = fill(&spec.target, 'T');
    // "seized X from Y", not "took X with air support from Y": a loser
    // named after another prepositional phrase is not one.
    if spec.target == "controller" {
        if let Some(g) = tgt_g {
            let t0 = s.groups[g].t0;
            if t0 > m.t1 && (m.t1..t0).any(|k| matches!(s.word(k), "with" | "by" | "under" | "amid")) {
                tgt_g = None;
            }
        }
    }
    let (src_g, tgt_g) = ctx.refine_event(rule, m, src_g, tgt_g, passive, log.as_deref_mut());
    // "its fighters repelled an attack by government forces": the attack is the
    // agent's, made on those who repelled it; with no agent named, nobody's.
    let repelled = (m.t0.saturating_sub(3)..m.t0).rev().find(|&i| REPELLING.contains(&s.word(i))).filter(|&i| {
        (i + 1..m.t0).all(|k| {
            s.toks[k].is_word()
                && (!is_prep(s.word(k)) || matches!(s.word(k), "off" | "back"))
                && s.group_at(k).is_none()
        })
    });
    let (src_g, tgt_g) = if let Some(verb) = repelled {
        let agent = noun_by_agent(s, m.t1);
        if agent.is_none() {
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(l, "  event {} at `{}`: repelled, by nobody named, dropped", spec.id, s.word(m.key));
            }
            return;
        }
        (agent, subject_of(s, verb).filter(|&g| Some(g) != agent))
    } else {
        (src_g, tgt_g)
    };
    // "The Pentagon will look at the report on the strike": the subject of
    // the clause did not strike ("an end to the regime's attacks on
    // Aleppo": the possessor of the noun did).
    let possessor_of_trigger = |g: usize| {
        let grp = &s.groups[g];
        grp.t1 < m.t0 && m.t0 - grp.t1 <= 3 && matches!(s.word(grp.t1), "'s" | "'")
    };
    // "The army regained control of Lalibela after days of heavy fighting with the Fano militia":
    // a fight with a side named, in a time adjunct of the clause, is the subject's own fight
    // (unless the subject is a population: "residents fled after fighting with ...").
    let own_fight = |g: usize| {
        spec.nominal
            && spec.preps.iter().any(|p| p == "with" || p == "against")
            && tgt_g.is_some_and(|t| t != g && matches!(s.groups[t].oblique.as_deref(), Some("with" | "against")))
            && s.groups[g].t1 <= m.t0
            && (m.t0.saturating_sub(6)..m.t0).any(|k| {
                matches!(s.word(k), "after" | "during" | "amid" | "following")
                    && (k + 1..m.t0).all(|j| {
                        s.toks[j].is_word() && s.group_at(j).is_none() && !is_prep(s.word(j)) || s.word(j) == "of"
                    })
            })
            && s.groups[g].members.iter().all(|&a| s.actors[a].kind != Some(ActorType::Population))
    };
    let src_g = src_g.filter(|&g| {
        possessor_of_trigger(g)
            || own_fight(g)
            || !(spec.source == "left"
                && !rule.pattern.has_slot('S')
                && ctx.deps.is_some_and(|d| d.is_adjunct_noun(m.key)))
    });
    // "attacks by X", "a suicide attack in Kabul claimed by X": the agent of
    // a noun trigger named after it.
    let src_g = match src_g {
        None if spec.nominal && spec.source == "left" && !rule.pattern.has_slot('S') => {
            noun_by_agent(s, m.t1).filter(|&g| Some(g) != tgt_g)
        }
        g => g,
    };
    // Agreements are what events are about, never who acts or is acted on.
    let no_agreements = |v: Vec<Named>| -> Vec<Named> {
        v.into_iter()
            .filter(|(_, id)| {
                id.as_deref().and_then(|id| ctx.c.types.as_ref().and_then(|t| t.actor_type(id)))
                    != Some(ActorType::Agreement)
            })
            .collect()
    };
    let agreement_group =
        |g: Option<usize>| g.is_some_and(|g| s.groups[g].members.iter().all(|&a| s.actors[a].is_agreement()));
    let src_g = if agreement_group(src_g) { None } else { src_g };
    let tgt_g = if agreement_group(tgt_g) { None } else { tgt_g };
    let mut source = no_agreements(ctx.group(src_g));
    if spec.source == "speaker" {
        if let Some(sp) = ctx.speech {
            source = vec![sp.speaker.clone()];
        }
    }
    // "X, with Y and Z in the lead, stormed ...": the partners act too.
    if let Some(deps) = ctx.deps.filter(|_| spec.source == "left" && !rule.pattern.has_slot('S')) {
        let vt = m.verb.unwrap_or(m.key);
        if src_g.is_some() && deps.is_verb(vt) && deps.is_passive(vt) == passive {
            for g in deps.partners(vt) {
                if Some(g) != tgt_g && Some(g) != src_g {
                    for n in no_agreements(ctx.group(Some(g))) {
                        if !source.contains(&n) {
                            source.push(n);
                        }
                    }
                }
            }
        }
    }
    // "..., killing 13 and wounding 39 others, according to X": who reports the attack after it
    // was not hit by it.
    let tgt_g = match tgt_g {
        Some(g) if m.key < s.groups[g].t0 && ctx.report.as_ref().is_some_and(|r| attribution_group(s, r.1, g)) => {
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(l, "  event {} at `{}`: target is who reports it, dropped", spec.id, s.word(m.key));
            }
            None
        }
        g => g,
    };
    let mut target = no_agreements(remove_overlap(&source, ctx.group(tgt_g)));
    // "fighting between the army and the RSF", "talks between X and Y": the
    // first side with the others.
    if target.is_empty() && spec.nominal && !rule.pattern.has_slot('S') {
        let between = (0..s.groups.len()).find(|&g| {
            let grp = &s.groups[g];
            grp.oblique.as_deref() == Some("between") && grp.t0 >= m.t1 && grp.t0 <= m.t1 + 2
        });
        let mut sides = no_agreements(ctx.group(between));
        // "between the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF)": an
        // abbreviation in parentheses parts the two sides into groups of their own.
        if let (1, Some(b)) = (sides.len(), between) {
            let next = (b + 1..s.groups.len()).find(|&g| !s.groups[g].paren);
            if let Some(n) = next {
                let has_and = (s.groups[b].t1..s.groups[n].t0).any(|k| s.word(k) == "and");
                let joined = (s.groups[b].t1..s.groups[n].t0).all(|k| {
                    s.groups.iter().any(|g| g.paren && g.t0 <= k && k < g.t1)
                        || matches!(s.word(k), "(" | ")" | "and" | "the")
                });
                if joined && has_and {
                    sides.extend(no_agreements(ctx.group(Some(n))));
                }
            }
        }
        if sides.len() >= 2 {
            source = vec![sides[0].clone()];
            target = sides[1..].to_vec();
        }
    }
    // "condemns the attack yesterday by the RSF on Wad Madani": who carried out the act
    // condemned is whom the condemnation is aimed at.
    if target.is_empty() && spec.kind == "ACCUSE" && !rule.pattern.has_slot('T') {
        let by = (0..s.groups.len()).find(|&g| {
            let grp = &s.groups[g];
            grp.oblique.as_deref() == Some("by")
                && grp.t0 > m.t1
                && grp.t0 <= m.t1 + 12
                && (m.t1..grp.t0).any(|k| CONDEMNED_ACTS.contains(&s.word(k)))
                && (m.t1..grp.t0).all(|k| !matches!(s.word(k), "," | ";" | "that" | "which" | "who"))
        });
        target = remove_overlap(&source, ctx.group(by));
        // "President Mohamud condemned the attack": the attack the story has just told of.
        let definite = (m.t1..(m.t1 + 4).min(s.toks.len())).any(|k| {
            matches!(s.word(k), "the" | "this" | "these" | "that" | "those")
                && (k + 1..(k + 4).min(s.toks.len())).any(|j| CONDEMNED_ACTS.contains(&s.word(j)))
        });
        if target.is_empty() && by.is_none() && definite {
            let named = s.places.iter().find(|p| p.t0 >= m.t1 && p.t0 <= m.t1 + 7).map(|p| p.place.name.as_str());
            let act = (m.t1..(m.t1 + 4).min(s.toks.len())).find(|&k| CONDEMNED_ACTS.contains(&s.word(k)));
            let how = act.and_then(|k| act_mode(s.word(k)));
            target = remove_overlap(&source, memory.last_attacker(s.index, named, how));
            // The act condemned is the one told before, no new event.
            if let (Some(k), false) = (act, target.is_empty()) {
                recalled.push(k);
            }
        }
    }
    if let Some(g) = src_g {
        subjects.insert(g);
    }
    // "Security forces killed five of the attackers": those who carried out the attack just told.
    if target.is_empty()
        && matches!(spec.kind.as_str(), "ASSAULT" | "COERCE")
        && (m.t1..(m.t1 + 5).min(s.toks.len())).any(|k| names_perpetrators(s, k))
    {
        target = remove_overlap(&source, memory.last_attacker(s.index, None, None));
    }
    let places = ctx.places_for(m, spec.each_place);
    let mut date = ctx.date(m);
    // "We call on both parties ...," the spokesman told reporters: what a speaker asks, accuses
    // or threatens in the words quoted is done when they are spoken, not on the date the
    // narrative carried from the sentence before ("talks collapsed last year").
    if matches!(spec.kind.as_str(), "REQUEST" | "ACCUSE" | "THREATEN" | "REJECT") {
        // ("The commission said it had received reports ... and called on all parties": the
        // call is made when the report was given.)
        let spoken = ctx
            .speech
            .and_then(|sp| sp.date.clone())
            .or_else(|| ctx.said_on.map(str::to_string))
            .filter(|d| d.len() == 10);
        if let Some(d) = spoken.filter(|_| date.is_some() && date == ctx.dates.carried(s.index)) {
            date = Some(DateRange { start: d.clone(), end: d, precision: sitrep_model::DatePrecision::Day });
        }
    }
    // An attack on a place is an attack on whoever holds it.
    if target.is_empty() && (spec.target == "controller" || matches!(spec.kind.as_str(), "ASSAULT" | "COERCE")) {
        if let Some(p) = places.first() {
            target = memory.holder_other_than(&p.name, &source);
        }
    }
    // What a request asks for ("called on all parties to respect the truce")
    // is not done by the one asking: the asker is no source of it, and what
    // is left is hypothetical.
    let framer = framing.iter().rev().find(|f| f.0 < m.key).cloned();
    let requested = framer.as_ref().is_some_and(|f| f.2);
    if let Some((_, asker, true)) = &framer {
        source.retain(|x| &x.0 != asker);
    }
    // Civilians, residents and refugees protest, demand, accuse and refuse; they do not fight,
    // withdraw, deploy or sanction ("refugees that are fleeing violence", "civilians killed in").
    if !matches!(spec.kind.as_str(), "PROTEST" | "REQUEST" | "ACCUSE" | "REJECT") {
        source.retain(|x| !ctx.is_population(x));
    }
    // "Congo's foreign minister, Therese Kayikwamba Wagner, accused Rwanda ... and said": a
    // speaker the lexicon does not know, named in apposition right before the verb, accuses.
    if source.is_empty() && matches!(spec.kind.as_str(), "ACCUSE" | "REQUEST" | "REJECT" | "THREATEN") {
        if let Some((name, _)) =
            ctx.report.as_ref().filter(|(n, _)| n.contains(' ') && n.starts_with(char::is_uppercase))
        {
            let key_at = s.toks[m.key].span.start;
            let before = ctx.text.get(s.span.start..key_at).unwrap_or("").trim_end().trim_end_matches(',').trim_end();
            if before.ends_with(name.as_str()) {
                source = vec![(name.clone(), None)];
            }
        }
    }
    // An event needs someone doing it; a target alone says too little.
    if source.is_empty() {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: no actors, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    // "Suspected Boko Haram insurgents killed at least 37 people": a killing told in its own
    // clause, of people counted but not named, is an attack on nobody named; not when the
    // sentence has already told the attack it belongs to ("stormed the prison and killed 12").
    let counted_victims = spec.kind == "ASSAULT"
        && matches!(s.word(m.key), "killed" | "massacred" | "slaughtered")
        && killed_people(s, m.t1)
        // (The clause's own subject, right before it: not through "that" from "a strike that killed".)
        && src_g.is_some_and(|g| {
            let grp = &s.groups[g];
            grp.t1 <= m.t0 && m.t0 - grp.t1 <= 3 && (grp.t1..m.t0).all(|k| s.toks[k].is_word() && !matches!(s.word(k), "that" | "which" | "who"))
        })
        && !out.events[events_before_sentence(out, s.index)..].iter().any(|e| e.kind == "ASSAULT");
    if spec.needs_target && target.is_empty() && !counted_victims {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  event {} at `{}`: needs a target, none found, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    // A nested event inside an accusation is the accuser's claim.
    let (mut modality, reported_by) = ctx.modality(m.key, framer.as_ref().map(|f| f.1.as_str()));
    if requested && modality != Modality::Negated {
        modality = Modality::Hypothetical;
    }
    if spec.frames_content {
        if let Some(first) = source.first() {
            framing.push((m.t1, first.0.clone(), spec.kind == "REQUEST"));
        }
    }
    let mode = ctx.mode_for(&spec.kind, spec.mode.as_deref(), src_g, m);
    let place_list: Vec<Option<Place>> =
        if places.is_empty() { vec![None] } else { places.into_iter().map(Some).collect() };
    // "Ukraine and Russia have accused each other": each did it to the other.
    // So have two sides that "exchanged fire".
    let reciprocal = target.is_empty()
        && source.len() == 2
        && ((m.t1..(m.t1 + 3).min(s.toks.len()))
            .any(|k| matches!((s.word(k), s.word(k + 1)), ("each", "other") | ("one", "another")))
            || spec.id == "assault.exchange_fire");
    let sides: Vec<(Vec<Named>, Vec<Named>, String)> = if reciprocal {
        vec![
            (vec![source[0].clone()], vec![source[1].clone()], "0".to_string()),
            (vec![source[1].clone()], vec![source[0].clone()], "1".to_string()),
        ]
    } else {
        vec![(source, target, String::new())]
    };
    for (source, target, side) in sides {
        for place in place_list.iter().cloned() {
            let pname = place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
            let key = format!(
                "{}|{}|{:?}|{:?}|{}|{:?}",
                s.index,
                spec.kind,
                source.iter().map(|x| fold(&x.0)).collect::<Vec<_>>(),
                target.iter().map(|x| fold(&x.0)).collect::<Vec<_>>(),
                fold(&pname),
                date.as_ref().map(|d| d.start.clone())
            );
            if !seen.insert(key) {
                continue;
            }
            let id = if side.is_empty() {
                record_id("ev", &[&ctx.doc.id, &s.index.to_string(), &spec.id, &m.key.to_string(), &pname])
            } else {
                record_id("ev", &[&ctx.doc.id, &s.index.to_string(), &spec.id, &m.key.to_string(), &pname, &side])
            };
            let ev = Event {
                id,
                doc: ctx.doc.id.clone(),
                sentence: ctx.sentence_text.clone(),
                kind: spec.kind.clone(),
                mode: mode.clone(),
                cameo: spec.cameo.clone(),
                source: source.iter().map(|x| x.0.clone()).collect(),
                target: target.iter().map(|x| x.0.clone()).collect(),
                place,
                date: date.clone(),
                modality,
                reported_by: reported_by.clone(),
                source_ids: source.iter().map(|x| x.1.clone()).collect(),
                target_ids: target.iter().map(|x| x.1.clone()).collect(),
                provenance: ctx.provenance(m, &format!("event:{}", spec.id)),
                diagnostics: Vec::new(),
            };
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(
                    l,
                    "  event {} [{}] at `{}`{}: {} {:?} -> {:?} place={:?} date={:?} {:?}{}",
                    spec.id,
                    rule.pattern.source,
                    s.word(m.key),
                    if passive { " (passive)" } else { "" },
                    ev.kind,
                    ev.source,
                    ev.target,
                    ev.place.as_ref().map(|p| &p.name),
                    ev.date.as_ref().map(|d| &d.start),
                    ev.modality,
                    ev.reported_by.as_ref().map(|r| format!(" by {r}")).unwrap_or_default()
                );
            }
            out.events.push(ev);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn code_relation(
    ctx: &Ctx<'_>,
    rule: &RelationRule,
    m: &Match,
    memory: &mut Memory,
    out: &mut Coded,
    seen: &mut HashSet<String>,
    subjects: &mut HashSet<usize>,
    mut log: Option<&mut String>,
) {
    let s = ctx.sent;
    let spec = &rule.spec;
    let cues = &ctx.c.patterns.cues;
    let before = m.t0.checked_sub(1).map(|i| s.word(i));
    let after = (m.t1 < s.toks.len()).then(|| s.word(m.t1));
    // The matcher starts at the key, so the pattern's optional words before
    // it ("a key part of") are skipped here to find the word before them.
    let before_lead = || {
        let mut start = m.t0;
        let lead = rule.pattern.elems.iter().map_while(|e| match e {
            Elem::Word { any, optional: true, .. } => Some(any),
            _ => None,
        });
        for any in lead.collect::<Vec<_>>().into_iter().rev() {
            if start > 0 && any.iter().any(|w| w == s.word(start - 1)) {
                start -= 1;
            }
        }
        start.checked_sub(1).map(|i| s.word(i))
    };
    // "rebel-held areas of Idlib": a participle bound to the word before by a hyphen describes
    // a place; only a rule that takes that word as its subject ("{S} held {P}") reads it.
    let glued = m.key > 0 && {
        let (prev, key) = (&s.toks[m.key - 1], &s.toks[m.key]);
        ctx.text.get(prev.span.end..key.span.start) == Some("-")
    };
    let slot_first = matches!(rule.pattern.elems.first(), Some(Elem::Slot(_)));
    if glued && !slot_first {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  relation {} at `{}`: bound to the word before it, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    if before.is_some_and(|w| spec.unless_before.iter().any(|x| x == w))
        || after.is_some_and(|w| spec.unless_after.iter().any(|x| x == w))
        || !spec.only_after.is_empty() && !before_lead().is_some_and(|w| spec.only_after.iter().any(|x| x == w))
        || spec.unless_after_key.iter().any(|x| x == s.word(m.key + 1))
    {
        if let Some(l) = log.as_deref_mut() {
            let _ =
                writeln!(l, "  relation {} at `{}`: excluded by the word beside it, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    let fill = |how: &str, slot: char| -> Option<usize> {
        if let Some(Bound::Group(g)) = m.slot(slot) {
            return Some(g);
        }
        match how {
            "left" => relation_subject_of(s, m.t0),
            "right" => object_of(s, m.t1, &spec.preps, false),
            "by" => by_agent(s, m.t1),
            _ => None,
        }
    };
    let subj_g = fill(&spec.subject, 'S');
    let subj_g = ctx.refine_subject(&spec.subject, m, subj_g, log.as_deref_mut());
    let mut subjects_named = ctx.group(subj_g);
    if spec.subject == "speaker" {
        if let Some(sp) = ctx.speech {
            subjects_named = vec![sp.speaker.clone()];
        }
    }
    if let Some(g) = subj_g {
        subjects.insert(g);
    }
    // The object: an actor group, an agreement, or a place.
    let objects: Vec<Named> = match spec.object_kind.as_str() {
        "place" => {
            let places = ctx.places_for(m, true);
            places.into_iter().map(|p| (p.name, None)).collect()
        }
        "agreement" => {
            let g = match m.slot('A') {
                Some(Bound::Group(g)) => Some(g),
                _ => fill(&spec.object, 'O'),
            };
            match g {
                Some(g) => s.groups[g]
                    .members
                    .iter()
                    .filter_map(|&a| {
                        let a = &s.actors[a];
                        if a.is_agreement() {
                            Some((a.name.clone(), a.id.clone()))
                        } else {
                            a.alt_agreement.clone()
                        }
                    })
                    .take(1)
                    .collect(),
                None => Vec::new(),
            }
        }
        _ => match fill(&spec.object, 'O') {
            // An agreement is never a coalition or a sponsor.
            Some(g) if s.groups[g].members.iter().all(|&a| s.actors[a].is_agreement()) => Vec::new(),
            // "between Israel and Iran-backed Hezbollah": only the name the hyphen binds backs it.
            Some(g) if s.groups[g].members.len() > 1 && hyphen_after(s, ctx.text, s.groups[g].t1) => s.groups[g]
                .members
                .last()
                .map(|&a| (s.actors[a].name.clone(), s.actors[a].id.clone()))
                .into_iter()
                .collect(),
            g => ctx.group(g),
        },
    };
    // Civilians, refugees, residents are acted upon and speak, but hold no relation: "civilians or
    // opposition groups that they know are parties to the cessation" names no party.
    let objects: Vec<Named> = objects.into_iter().filter(|o| !ctx.is_population(o)).collect();
    let subjects_named: Vec<Named> = subjects_named
        .into_iter()
        .filter(|x| !ctx.is_population(x))
        .filter(|x| spec.object_kind == "agreement" || !objects.iter().any(|o| fold(&o.0) == fold(&x.0)))
        .collect();
    if subjects_named.is_empty() || objects.is_empty() {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  relation {} at `{}`: missing subject or object, dropped", spec.id, s.word(m.key));
        }
        return;
    }
    // "wanted them to be excluded", "insisted they be part of": a wish, not a
    // state of affairs; the wish itself is coded as an event.
    if cue_before(s, m.t0.max(1), &cues.desire, 8).is_some() {
        if let Some(l) = log.as_deref_mut() {
            let _ = writeln!(l, "  relation {} at `{}`: a wish, not coded as a relation", spec.id, s.word(m.key));
        }
        return;
    }
    let neg = roles_negated(ctx, m);
    let (mut modality, reported_by) = ctx.modality(m.key, None);
    let kind = match (&spec.negated_type, neg) {
        (Some(t), true) => {
            if modality == Modality::Negated {
                modality = if reported_by.is_some() { Modality::Reported } else { Modality::Asserted };
                if hypothetical(s, m.key, cues) {
                    modality = Modality::Hypothetical;
                }
            }
            t.clone()
        }
        _ => spec.kind.clone(),
    };
    // A change of control the story does not date happened about when it was
    // reported; a membership or alliance did not begin on the publication day.
    let date = ctx.date_with(m, kind == "controls");
    // "The MNDAA is part of the alliance", "which also includes the TNLA": a state told in the
    // present began at no date the narrative carried into its sentence.
    let date = date.filter(|d| {
        kind == "controls"
            || ctx.dates.carried(s.index).is_none_or(|c| c.start != d.start)
            || !ctx.deps.is_some_and(|d| d.is_present(m.key))
    });
    let (start, end) = match spec.time.as_str() {
        "start" => (date_string(&date, spec.transfer), None),
        "end" => (None, date_string(&date, spec.transfer)),
        _ => (None, None),
    };
    let mut new_records = Vec::new();
    for subj in &subjects_named {
        for obj in &objects {
            // One relation per document, whatever the precision it is dated to; a denial of it
            // ("Rwanda denies backing the M23") is a record of its own.
            let month = |d: &Option<String>| d.as_ref().map(|d| d.chars().take(7).collect::<String>());
            let denied = if modality == Modality::Negated { "|denied" } else { "" };
            let key =
                format!("{}|{}|{}|{:?}|{:?}{denied}", kind, fold(&subj.0), fold(&obj.0), month(&start), month(&end));
            if !seen.insert(key) {
                continue;
            }
            let id = record_id("rel", &[&ctx.doc.id, &s.index.to_string(), &spec.id, &subj.0, &obj.0]);
            let r = Relation {
                id,
                doc: ctx.doc.id.clone(),
                sentence: ctx.sentence_text.clone(),
                kind: kind.clone(),
                subject: subj.0.clone(),
                object: obj.0.clone(),
                start: start.clone(),
                end: end.clone(),
                modality,
                reported_by: reported_by.clone(),
                subject_id: subj.1.clone(),
                object_id: obj.1.clone(),
                provenance: ctx.provenance(m, &format!("relation:{}", spec.id)),
                diagnostics: Vec::new(),
            };
            if let Some(l) = log.as_deref_mut() {
                let _ = writeln!(
                    l,
                    "  relation {} [{}] at `{}`: {} {} -> {} start={:?} end={:?} {:?}{}",
                    spec.id,
                    rule.pattern.source,
                    s.word(m.key),
                    r.kind,
                    r.subject,
                    r.object,
                    r.start,
                    r.end,
                    r.modality,
                    r.reported_by.as_ref().map(|x| format!(" by {x}")).unwrap_or_default()
                );
            }
            new_records.push(out.relations.len());
            out.relations.push(r);
        }
    }
    if kind == "member_of" && modality != Modality::Negated {
        for o in &objects {
            memory.add_coalition(&o.0, o.1.clone());
        }
    }
    let mut previous: Vec<Named> = Vec::new();
    if let Some(Bound::Group(g)) = m.slot('O') {
        if kind == "controls" {
            previous = remove_overlap(&subjects_named, ctx.group(Some(g)));
        }
    }
    // Who holds a place; a change of hands ends the previous holder's control.
    if kind == "controls" && modality != Modality::Negated && modality != Modality::Hypothetical {
        for obj in &objects {
            let mut later_start: Option<String> = None;
            if spec.transfer {
                let known = memory.holder(&obj.0);
                let (prev, rec) = match known {
                    Some((p, r)) => (remove_overlap(&subjects_named, p), r),
                    None => (previous.clone(), None),
                };
                for p in &prev {
                    if !previous.contains(p) {
                        previous.push(p.clone());
                    }
                }
                // A holder the document named earlier but whose hold began later than this
                // capture ("the army regained Lalibela on Tuesday ... the fighting erupted when
                // Fano seized Lalibela in early August"): this capture's hold ends where theirs
                // begins, and they stay the holder.
                {
                    if !prev.is_empty() {
                        match rec.and_then(|r| out.relations.get_mut(r)) {
                            Some(r) if r.end.is_none() => {
                                let end = date_string(&date, true);
                                match (&r.start, &end) {
                                    (Some(began), Some(e)) if e < began && !began.starts_with(e.as_str()) => {
                                        later_start = Some(began.clone());
                                    }
                                    _ => r.end = end,
                                }
                            }
                            _ => {
                                for p in prev {
                                    let id =
                                        record_id("rel", &[&ctx.doc.id, &s.index.to_string(), "lost", &p.0, &obj.0]);
                                    out.relations.push(Relation {
                                        id,
                                        doc: ctx.doc.id.clone(),
                                        sentence: ctx.sentence_text.clone(),
                                        kind: "controls".into(),
                                        subject: p.0.clone(),
                                        object: obj.0.clone(),
                                        start: None,
                                        end: date_string(&date, true),
                                        modality,
                                        reported_by: reported_by.clone(),
                                        subject_id: p.1.clone(),
                                        object_id: None,
                                        provenance: ctx.provenance(m, &format!("relation:{}:previous-holder", spec.id)),
                                        diagnostics: Vec::new(),
                                    });
                                }
                            }
                        }
                    }
                }
            }
            let rec = new_records.iter().copied().find(|&r| out.relations[r].object == obj.0);
            if let Some(began) = later_start {
                for &r in &new_records {
                    if out.relations[r].object == obj.0 {
                        out.relations[r].end = Some(began.clone());
                    }
                }
                continue;
            }
            memory.set_holder(&obj.0, subjects_named.clone(), rec);
        }
    }
    // A capture is also an event (COERCE seize) by the new holder.
    if let Some(ev_kind) = &spec.event {
        let places = if spec.object_kind == "place" { ctx.places_for(m, false) } else { Vec::new() };
        let date2 = date.clone();
        let id = record_id("ev", &[&ctx.doc.id, &s.index.to_string(), &spec.id, &m.key.to_string()]);
        let ev = Event {
            id,
            doc: ctx.doc.id.clone(),
            sentence: ctx.sentence_text.clone(),
            kind: ev_kind.clone(),
            mode: spec.event_mode.clone(),
            cameo: spec.event_cameo.clone(),
            source: subjects_named.iter().map(|x| x.0.clone()).collect(),
            target: previous.iter().map(|x| x.0.clone()).collect(),
            place: places.into_iter().next(),
            date: date2,
            modality,
            reported_by,
            source_ids: subjects_named.iter().map(|x| x.1.clone()).collect(),
            target_ids: previous.iter().map(|x| x.1.clone()).collect(),
            provenance: ctx.provenance(m, &format!("relation-event:{}", spec.id)),
            diagnostics: Vec::new(),
        };
        out.events.push(ev);
    }
}

fn roles_negated(ctx: &Ctx<'_>, m: &Match) -> bool {
    let cues = &ctx.c.patterns.cues;
    negated(ctx.sent, m.key, cues)
        || cue_before(ctx.sent, m.t0.max(1), &cues.negation, 3).is_some()
        || (m.t0..m.t1).any(|i| matches!(ctx.sent.word(i), "not" | "n't"))
}

fn trace_sentence(log: &mut String, ctx: &Ctx<'_>) {
    let s = ctx.sent;
    let _ = writeln!(log, "sentence {}: {}", s.index, ctx.sentence_text);
    let toks: Vec<&str> = s.toks.iter().map(|t| t.norm.as_str()).collect();
    let _ = writeln!(log, "  tokens: {}", toks.join(" "));
    for (gi, g) in s.groups.iter().enumerate() {
        let names: Vec<String> = g
            .members
            .iter()
            .map(|&a| {
                let a = &s.actors[a];
                let kind = a.kind.as_ref().map(ActorType::as_str).unwrap_or("?");
                format!("{} ({kind}, {})", a.name, a.rule)
            })
            .collect();
        let mut notes = Vec::new();
        if let Some(p) = &g.oblique {
            notes.push(format!("after `{p}`"));
        }
        if let Some(m) = g.modifier {
            notes.push(format!("{m:?} modifier"));
        }
        if g.paren {
            notes.push("in parentheses".into());
        }
        let _ = writeln!(
            log,
            "  group {gi} `{}`: {}{}",
            s.text_of(ctx.text, g.t0, g.t1),
            names.join(" + "),
            if notes.is_empty() { String::new() } else { format!(" [{}]", notes.join(", ")) }
        );
    }
    for p in &s.places {
        let _ = writeln!(
            log,
            "  place `{}`: {} lat={:?} lon={:?} precision {}",
            s.text_of(ctx.text, p.t0, p.t1),
            p.place.name,
            p.place.lat,
            p.place.lon,
            p.place.precision
        );
    }
    if let Some(d) = ctx.deps {
        let _ = writeln!(log, "  parse: {}", d.parse.render());
    }
    if let Some(sp) = ctx.speech {
        let _ = writeln!(log, "  speaker: {}", sp.speaker.0);
    }
    if let Some((r, _)) = &ctx.report {
        let _ = writeln!(log, "  reported by: {r}");
    }
}
