//! The dependency parse of one sentence, aligned with the coder's tokens and
//! actor groups, and the role questions the coder asks of it.
//!
//! The shallow role scanners in [`crate::roles`] read a clause from left to
//! right; they go wrong where the structure is not linear: a relative clause
//! between a subject and its verb, a gerund whose subject is far away, an
//! object that the scanner takes for the next clause's subject. The parser
//! (`sitrep-syntax`) answers these questions from the tree. A sentence is
//! parsed only when a pattern matched in it and it names an actor, so the
//! cost stays with the sentences that are coded.

use sitrep_model::Span;
use sitrep_syntax::{Parse, Parser, Upos};

use crate::sentence::Sent;

/// A parse with the coder's tokens and groups mapped onto it.
pub struct Deps {
    pub parse: Parse,
    /// Coder token -> parse token (the first parse token it overlaps).
    ptok: Vec<Option<usize>>,
    /// Parse token -> actor group (the group whose tokens it overlaps).
    group: Vec<Option<usize>>,
}

/// What the parse says about a verb's arguments, as actor groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// Agents found in the parse (`None`: an agent that names no actor).
    pub agents: Vec<Option<usize>>,
    pub patients: Vec<Option<usize>>,
    /// Groups in the verb's obliques, with their preposition.
    pub obliques: Vec<(String, usize)>,
}

impl Args {
    pub fn agent(&self) -> Option<usize> {
        self.agents.iter().flatten().copied().next()
    }
    pub fn patient(&self) -> Option<usize> {
        self.patients.iter().flatten().copied().next()
    }
    /// The groups the parse puts anywhere but in the agent role.
    pub fn non_agent(&self, g: usize) -> bool {
        !self.agents.contains(&Some(g))
            && (self.patients.contains(&Some(g)) || self.obliques.iter().any(|(_, o)| *o == g))
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl Deps {
    /// Parses the sentence with the embedded model; `None` when no model is
    /// available or the sentence is empty.
    pub fn build(text: &str, s: &Sent) -> Option<Deps> {
        let parser = Parser::embedded();
        if !parser.is_trained() || s.toks.is_empty() || text.get(s.span.range()).is_none() {
            return None;
        }
        let parse = parser.parse(text, s.span);
        if parse.is_empty() {
            return None;
        }
        let mut ptok = vec![None; s.toks.len()];
        let mut group = vec![None; parse.len()];
        let mut j = 0;
        for (i, t) in s.toks.iter().enumerate() {
            while j < parse.len() && parse.tokens[j].span.end <= t.span.start {
                j += 1;
            }
            if j < parse.len() && overlaps(parse.tokens[j].span, t.span) {
                ptok[i] = Some(j);
                if let Some(g) = s.group_at(i) {
                    // Every parse token the coder token overlaps.
                    let mut k = j;
                    while k < parse.len() && overlaps(parse.tokens[k].span, t.span) {
                        group[k].get_or_insert(g);
                        k += 1;
                    }
                }
            }
        }
        Some(Deps { parse, ptok, group })
    }

    /// The parse token of coder token `i`.
    pub fn ptok(&self, i: usize) -> Option<usize> {
        self.ptok.get(i).copied().flatten()
    }

    /// Whether coder token `i` is a verb (or a participle) in the parse.
    pub fn is_verb(&self, i: usize) -> bool {
        self.ptok(i).is_some_and(|p| {
            let t = &self.parse.tokens[p];
            t.upos == Upos::Verb || (t.upos == Upos::Adj && t.xpos == "VBN")
        })
    }

    /// Whether the parse tags the word at coder token `i` as a function word
    /// (adposition, determiner, pronoun, conjunction, particle, numeral, punctuation).
    pub fn is_function_word(&self, i: usize) -> bool {
        self.ptok(i).is_some_and(|p| {
            matches!(
                self.parse.tokens[p].upos,
                Upos::Adp | Upos::Det | Upos::Pron | Upos::Cconj | Upos::Sconj | Upos::Part | Upos::Num | Upos::Punct
            )
        })
    }

    /// Whether the word at coder token `i` has a direct object or a clausal
    /// complement in the parse ("demonstrated its resolve", "demonstrated
    /// that ...").
    pub fn has_object(&self, i: usize) -> bool {
        self.ptok(i).is_some_and(|p| !self.parse.children_with(p, &["obj", "iobj", "ccomp"]).is_empty())
    }

    /// Whether the direct objects of the word at coder token `i` name
    /// forces ("deployed troops", "reinforced its positions", "sent the
    /// Wagner Group"): `None` when it has none, `Some(false)` when they
    /// name something else ("mobilized the international community",
    /// "reinforce our efforts").
    pub fn object_is_force(&self, i: usize) -> Option<bool> {
        const FORCES: &[&str] = &[
            "troop",
            "troops",
            "force",
            "forces",
            "soldier",
            "army",
            "navy",
            "ship",
            "warship",
            "vessel",
            "gunboat",
            "carrier",
            "submarine",
            "fleet",
            "jet",
            "aircraft",
            "warplane",
            "plane",
            "bomber",
            "helicopter",
            "drone",
            "unit",
            "reinforcement",
            "battalion",
            "brigade",
            "division",
            "regiment",
            "squadron",
            "contingent",
            "detachment",
            "marine",
            "commando",
            "paratrooper",
            "sniper",
            "tank",
            "artillery",
            "battery",
            "missile",
            "launcher",
            "rocket",
            "weapon",
            "armour",
            "armor",
            "fighter",
            "militia",
            "militiaman",
            "police",
            "policeman",
            "guard",
            "guardsman",
            "reservist",
            "conscript",
            "volunteer",
            "mercenary",
            "personnel",
            "position",
            "line",
            "front",
            "garrison",
            "base",
            "border",
            "asset",
            "system",
            "equipment",
            "hardware",
            "vehicle",
            "boat",
            "howitzer",
            "mortar",
            "radar",
            "interceptor",
        ];
        let p = self.ptok(i)?;
        let mut objs = self.parse.children_with(p, &["obj"]);
        // "resources and personnel": every conjunct counts.
        for k in 0..objs.len() {
            let conj = self.parse.children_with(objs[k], &["conj"]);
            objs.extend(conj);
        }
        // "deploying what's called a THAAD battery": the parse does not say.
        let unknown = |o: &usize| self.parse.tokens[*o].upos == Upos::Pron;
        if objs.is_empty() || objs.iter().any(unknown) {
            return None;
        }
        Some(objs.iter().any(|&o| {
            let lemma = self.parse.tokens[o].lemma.to_lowercase();
            FORCES.contains(&lemma.as_str()) || self.group_of(o).is_some()
        }))
    }

    /// Whether the clause the word at coder token `i` introduces states
    /// something rather than asks for it: "suggested that Iran would never
    /// comply", "suggest that the rule took too long", "... is not
    /// interested" (a past or third-person verb, or auxiliaries without
    /// "should" or "must"), not "suggested that Congress take action", "...
    /// that we close the prison" or "... should be examined".
    pub fn clause_is_claim(&self, i: usize) -> bool {
        let Some(p) = self.ptok(i) else { return false };
        self.parse.children_with(p, &["ccomp"]).iter().any(|&c| {
            let aux: Vec<String> = self
                .parse
                .children_with(c, &["aux", "cop"])
                .into_iter()
                .map(|a| self.parse.tokens[a].lemma.to_lowercase())
                .collect();
            if aux.iter().any(|l| matches!(l.as_str(), "should" | "must" | "shall")) {
                return false;
            }
            matches!(self.parse.tokens[c].xpos, "VBD" | "VBZ" | "MD") || aux.iter().any(|l| l != "to")
        })
    }

    /// Whether the predicate at coder token `i` is in the present tense:
    /// itself a present verb ("includes") or with a present copula or
    /// auxiliary of "be" ("is part of", "are backed by"); not the present
    /// perfect ("has allied itself to" tells what just happened).
    pub fn is_present(&self, i: usize) -> bool {
        self.ptok(i).is_some_and(|p| {
            let present = |t: usize| matches!(self.parse.tokens[t].xpos, "VBZ" | "VBP");
            let aux = self.parse.children_with(p, &["aux", "aux:pass", "cop"]);
            if aux.iter().any(|&a| self.parse.tokens[a].lemma != "be") {
                return false;
            }
            present(p) || aux.into_iter().any(present)
        })
    }

    /// Whether the parse reads the verb at coder token `i` as passive.
    pub fn is_passive(&self, i: usize) -> bool {
        self.ptok(i).is_some_and(|p| self.parse.is_passive(p))
    }

    /// The actor group a noun phrase headed by parse token `h` names: the
    /// head itself, else a name part, modifier or possessor of the head
    /// ("Kurdish militia positions", "the army's tanks").
    pub fn group_of(&self, h: usize) -> Option<usize> {
        if let Some(g) = self.group.get(h).copied().flatten() {
            return Some(g);
        }
        let p = &self.parse;
        let h2 = p.phrase_head(h);
        if let Some(g) = self.group.get(h2).copied().flatten() {
            return Some(g);
        }
        for &c in p.children(h2) {
            let rel = p.tokens[c].deprel;
            if matches!(rel, "compound" | "flat" | "amod" | "nmod:poss" | "appos") {
                if let Some(g) = self.group.get(c).copied().flatten() {
                    return Some(g);
                }
            }
        }
        // "positions held by the YPG", "areas controlled by the rebels", "a
        // base used by", "a convoy belonging to", "fighters loyal to": an
        // attack on them is an attack on the holder.
        let named = |n: usize| self.group_at(n);
        for &c in p.children(h2) {
            let t = &p.tokens[c];
            let lemma = t.lemma.to_lowercase();
            if t.rel() == "acl"
                && matches!(lemma.as_str(), "hold" | "control" | "occupy" | "man" | "use" | "operate" | "run")
            {
                if let Some(g) = p.passive_agent(c).into_iter().find_map(named) {
                    return Some(g);
                }
            }
            // "The representative of the Russian Federation said ... and accused ...": who
            // speaks for a state in a council is that state.
            if t.rel() == "nmod"
                && p.preposition(c).as_deref() == Some("of")
                && matches!(
                    p.tokens[h2].lemma.to_lowercase().as_str(),
                    "representative" | "delegation" | "delegate" | "ambassador"
                )
            {
                if let Some(g) = named(p.phrase_head(c)) {
                    return Some(g);
                }
            }
            if (t.rel() == "acl" && lemma == "belong")
                || (t.rel() == "amod" && matches!(lemma.as_str(), "loyal" | "linked" | "affiliated"))
            {
                let to = p.children(c).iter().copied().filter(|&o| p.preposition(o).as_deref() == Some("to"));
                if let Some(g) = to.into_iter().find_map(|o| named(p.phrase_head(o))) {
                    return Some(g);
                }
            }
        }
        None
    }

    /// The actor group parse token `n` belongs to.
    fn group_at(&self, n: usize) -> Option<usize> {
        self.group.get(n).copied().flatten()
    }

    /// [`Deps::group_of`], or for a target the group a phrase is part of:
    /// an attack on "fighters from IS" or "units of the army" is an attack
    /// on the group. Not for agents: "one of them" or "the efforts of" do
    /// not make the group the doer.
    pub fn target_group_of(&self, h: usize) -> Option<usize> {
        if let Some(g) = self.group_of(h) {
            return Some(g);
        }
        let p = &self.parse;
        let h2 = p.phrase_head(h);
        let named = |n: usize| self.group_at(n);
        // "fighters from IS", "units of the army", "a convoy of the coalition",
        // "the actions of the regime": people, units and what they hold or
        // do; not "the town of Sanaa" or "weapons from Iran".
        const MEMBER_NOUNS: &[&str] = &[
            "fighter",
            "militant",
            "soldier",
            "troop",
            "member",
            "unit",
            "force",
            "position",
            "convoy",
            "base",
            "checkpoint",
            "camp",
            "headquarters",
            "post",
            "outpost",
            "leader",
            "commander",
            "brigade",
            "battalion",
            "division",
            "patrol",
            "stronghold",
            "hideout",
            "official",
            "officer",
            "delegation",
            "envoy",
            "representative",
            "effort",
            "action",
            "operation",
            "offensive",
            "ranks",
            "militia",
            "gunman",
            "supporter",
            "loyalist",
        ];
        let lemma = p.tokens[h2].lemma.to_lowercase();
        let member_noun = MEMBER_NOUNS.contains(&lemma.as_str()) || MEMBER_NOUNS.contains(&lemma.trim_end_matches('s'));
        for &c in p.children(h2).iter().filter(|_| member_noun) {
            if p.tokens[c].rel() == "nmod" && matches!(p.preposition(c).as_deref(), Some("of" | "from")) {
                if let Some(g) = named(c).or_else(|| named(p.phrase_head(c))) {
                    return Some(g);
                }
            }
        }
        None
    }

    /// The verb's arguments (agents, patients, obliques) as groups.
    pub fn args(&self, verb_tok: usize) -> Option<Args> {
        let v = self.ptok(verb_tok)?;
        let p = &self.parse;
        let mut agents = p.agents(v);
        // "accused X of attacking", "X was blamed for shelling", "stopped X
        // from reaching": the gerund's subject is the governing verb's patient.
        if agents.is_empty() && p.tokens[v].xpos == "VBG" && matches!(p.tokens[v].rel(), "advcl" | "acl") {
            let marked = p
                .children_with(v, &["mark", "case"])
                .iter()
                .any(|&c| matches!(p.tokens[c].lemma.to_lowercase().as_str(), "of" | "for" | "from"));
            if let Some(h) = p.head_of(v).filter(|&h| marked && p.tokens[h].upos == Upos::Verb) {
                agents = p.patients(h);
            }
        }
        let mut a = Args {
            agents: agents.into_iter().map(|h| self.group_of(h)).collect(),
            patients: p.patients(v).into_iter().map(|h| self.target_group_of(h)).collect(),
            obliques: Vec::new(),
        };
        for (prep, o) in p.obliques(v) {
            if let Some(g) = self.target_group_of(o) {
                a.obliques.push((prep, g));
            }
        }
        // "opened fire on X", "launched strikes against X": the phrase hangs
        // off the verb's object, the attack noun.
        for o in p.children_with(v, &["obj"]) {
            if !matches!(
                p.tokens[o].lemma.to_lowercase().as_str(),
                "fire" | "attack" | "strike" | "raid" | "offensive" | "assault"
            ) {
                continue;
            }
            for &c in p.children(o) {
                let prep = p.preposition(c);
                if p.tokens[c].rel() == "nmod" && matches!(prep.as_deref(), Some("on" | "at" | "against" | "into")) {
                    if let Some(g) = self.target_group_of(c) {
                        a.obliques.push((prep.unwrap_or_default(), g));
                    }
                }
            }
        }
        // A reflexive or relative pronoun the coder could not resolve still
        // fills the role: keep it as "someone" only when nothing else did.
        a.agents.dedup();
        a.patients.dedup();
        Some(a)
    }

    /// The agent of a noun trigger, when the parse names one: a name or
    /// possessor inside the phrase ("the Israeli raid", "Turkey's
    /// offensive"), a "by" phrase ("attacks by the militia", "an attack
    /// claimed by X"), the subject of a verb that carries the event out
    /// ("launched an offensive", "claimed a suicide attack"), or the agent
    /// of the clause the noun is the setting of ("killed six in a raid").
    pub fn noun_agent(&self, noun_tok: usize) -> Option<usize> {
        let mut n = self.ptok(noun_tok)?;
        let p = &self.parse;
        // A pattern keyed on its preposition ("in support of"): the noun it marks.
        if p.tokens[n].upos == Upos::Adp && p.tokens[n].rel() == "case" {
            n = p.head_of(n)?;
        }
        if !matches!(p.tokens[n].upos, Upos::Noun | Upos::Propn) {
            return None;
        }
        let n = p.phrase_head(n);
        for &c in p.children(n) {
            let t = &p.tokens[c];
            let own = matches!(t.deprel, "compound" | "amod" | "nmod:poss")
                || (t.rel() == "nmod" && p.preposition(c).as_deref() == Some("by"));
            if own {
                if let Some(g) = self.group_of(c) {
                    return Some(g);
                }
            }
            // "an attack claimed by X", "strikes carried out by X".
            if t.rel() == "acl" && t.xpos == "VBN" {
                if let Some(g) = p.passive_agent(c).into_iter().find_map(|a| self.group_of(a)) {
                    return Some(g);
                }
            }
        }
        // "carried out several rounds of air strikes", "launched a wave of attacks": the
        // quantity's verb carries the events out.
        let n = match p.head_of(n) {
            Some(q)
                if p.tokens[n].rel() == "nmod"
                    && p.preposition(n).as_deref() == Some("of")
                    && QUANTITY_NOUNS.contains(&p.tokens[q].lemma.to_lowercase().as_str()) =>
            {
                q
            }
            _ => n,
        };
        let h = p.head_of(n)?;
        let ht = &p.tokens[h];
        if ht.upos != Upos::Verb || p.is_passive(h) {
            return None;
        }
        let carries = p.tokens[n].rel() == "obj" && is_light(&ht.lemma);
        let setting = p.tokens[n].rel() == "obl" && matches!(p.preposition(n).as_deref(), Some("in" | "during"));
        // "blamed Russian forces for the attacks": the accused did it.
        let blamed = p.tokens[n].rel() == "obl"
            && matches!(p.preposition(n).as_deref(), Some("for" | "of"))
            && matches!(
                ht.lemma.to_lowercase().as_str(),
                "blame" | "accuse" | "hold" | "condemn" | "criticize" | "criticise"
            );
        if blamed {
            return p.patients(h).into_iter().find_map(|a| self.group_of(a));
        }
        if carries || setting {
            return p.agents(h).into_iter().find_map(|a| self.group_of(a));
        }
        None
    }

    /// Whether the parse makes group `g` the direct or indirect object of a
    /// verb ("supports the SDF"): such a group is acted on in its clause and
    /// is not the agent of a noun trigger elsewhere in the sentence.
    pub fn is_object(&self, g: usize) -> bool {
        let p = &self.parse;
        (0..p.len()).any(|t| {
            self.group[t] == Some(g)
                && matches!(p.tokens[t].rel(), "obj" | "iobj")
                && p.head_of(t).is_some_and(|h| self.group[h] != Some(g) && p.tokens[h].upos == Upos::Verb)
        })
    }

    /// The agents of the verb a noun trigger is the object of when that verb
    /// does not carry the event out ("Turkey condemned the airstrikes":
    /// Turkey is not who struck).
    pub fn agents_of_other_verb(&self, noun_tok: usize) -> Vec<usize> {
        let Some(n) = self.ptok(noun_tok) else { return Vec::new() };
        let p = &self.parse;
        let n = p.phrase_head(n);
        let Some(h) = p.head_of(n) else { return Vec::new() };
        let ht = &p.tokens[h];
        if p.tokens[n].rel() != "obj" || ht.upos != Upos::Verb || p.is_passive(h) || is_light(&ht.lemma) {
            return Vec::new();
        }
        p.agents(h).into_iter().filter_map(|a| self.group_of(a)).collect()
    }

    /// Whether the parse gives the verb at coder token `verb_tok` only
    /// subjects that are common nouns with no actor anywhere in their phrase
    /// ("drones hit Kyiv", "the shells landed"): the verb's agent is unnamed.
    pub fn unnamed_agent(&self, verb_tok: usize) -> bool {
        let Some(v) = self.ptok(verb_tok) else { return false };
        let p = &self.parse;
        let agents = p.agents(v);
        // An actor within three heads below the subject belongs to its phrase.
        let below = |t: usize, a: usize| std::iter::successors(Some(t), |&c| p.head_of(c)).take(4).any(|c| c == a);
        let holds_group =
            |a: usize| (0..p.len()).any(|t| self.group.get(t).copied().flatten().is_some() && below(t, a));
        !agents.is_empty()
            && agents.iter().all(|&a| p.tokens[a].upos == Upos::Noun && self.group_of(a).is_none() && !holds_group(a))
    }

    /// Whether group `g` hangs under a noun in another oblique of the verb
    /// at coder token `verb_tok` ("retook Palmyra with air support from
    /// Russia": Russia is no one the town was taken from).
    pub fn under_other_oblique(&self, g: usize, verb_tok: usize) -> bool {
        let Some(v) = self.ptok(verb_tok) else { return false };
        let p = &self.parse;
        let Some(head) = (0..p.len()).find(|&t| {
            self.group[t] == Some(g) && p.head_of(t).is_none_or(|h| self.group.get(h).copied().flatten() != Some(g))
        }) else {
            return false;
        };
        let Some(parent) = p.head_of(head) else { return false };
        parent != v
            && matches!(p.tokens[parent].upos, Upos::Noun | Upos::Propn)
            && p.tokens[parent].rel() == "obl"
            && p.head_of(parent) == Some(v)
    }

    /// Whether the noun at coder token `i` is what a copula says something of: the subject of a
    /// predicate adjective ("we believe the strikes were effective"). Such a sentence judges
    /// an act the story has told, it does not tell one.
    pub fn is_judged(&self, i: usize) -> bool {
        let Some(t) = self.ptok(i) else { return false };
        let p = &self.parse;
        p.tokens[t].rel() == "nsubj"
            && p.head_of(t).is_some_and(|h| {
                p.tokens[h].upos == Upos::Adj && p.children_with(h, &["cop"]).iter().any(|&c| c < h && c > t)
            })
    }

    /// Whether coder token `i` is a compound modifier of a following noun
    /// in the parse ("rocket" in "rocket launchers").
    pub fn is_noun_modifier(&self, i: usize) -> bool {
        let Some(t) = self.ptok(i) else { return false };
        let p = &self.parse;
        p.tokens[t].deprel == "compound"
            && p.head_of(t).is_some_and(|h| h > t && matches!(p.tokens[h].upos, Upos::Noun | Upos::Propn))
    }

    /// Whether the noun trigger at coder token `i` is what something else is
    /// about or when it happened, not an act of the clause's subject: a
    /// modifier of another noun ("the report on the strike"), or an adjunct
    /// under a preposition of topic or sequence ("ask about the attack",
    /// "after the strikes"; not "during", whose event is often the subject's
    /// own: "met them during a visit"). The clause's subject is then not its
    /// agent.
    pub fn is_adjunct_noun(&self, i: usize) -> bool {
        const TOPIC_OR_TIME: &[&str] =
            &["about", "on", "regarding", "concerning", "over", "after", "following", "since", "before"];
        let Some(t) = self.ptok(i) else { return false };
        let p = &self.parse;
        let n = p.phrase_head(t);
        if !matches!(p.tokens[n].upos, Upos::Noun | Upos::Propn) {
            return false;
        }
        let case = p.children_with(n, &["case"]);
        match p.tokens[n].deprel {
            // ("carried out several rounds of air strikes": the events counted are what the
            // light verb carries out; "condemned a wave of attacks" stays an adjunct.)
            "nmod" => p.head_of(n).is_some_and(|h| {
                let carried = p.preposition(n).as_deref() == Some("of")
                    && QUANTITY_NOUNS.contains(&p.tokens[h].lemma.to_lowercase().as_str())
                    && p.tokens[h].rel() == "obj"
                    && p.head_of(h).is_some_and(|v| is_light(&p.tokens[v].lemma));
                matches!(p.tokens[h].upos, Upos::Noun | Upos::Propn) && !carried
            }),
            "obl" => case.iter().any(|&c| TOPIC_OR_TIME.contains(&p.tokens[c].lemma.to_lowercase().as_str())),
            _ => false,
        }
    }

    /// Groups that are patients of the passive verb whose "by" phrase holds
    /// the noun trigger ("rebels were targeted by air strikes": the rebels
    /// are not who struck).
    pub fn patients_of_governor(&self, noun_tok: usize) -> Vec<usize> {
        let Some(n) = self.ptok(noun_tok) else { return Vec::new() };
        let p = &self.parse;
        let n = p.phrase_head(n);
        let Some(h) = p.head_of(n) else { return Vec::new() };
        if !p.is_passive(h) || !p.passive_agent(h).contains(&n) {
            return Vec::new();
        }
        p.subjects(h).into_iter().filter_map(|x| self.group_of(x)).collect()
    }

    /// Who the parse says spoke with the speech verb at coder token `i`: an
    /// actor group, or the text of a speaker the lexicon does not name ("the
    /// army said"). `None` when the parse has no speech there.
    pub fn speaker(&self, text: &str, i: usize) -> Option<Result<usize, String>> {
        let v = self.ptok(i)?;
        let p = &self.parse;
        let rs = p.reported_speech().into_iter().find(|r| r.verb == v)?;
        let first = *rs.speakers.first()?;
        if let Some(g) = rs.speakers.iter().find_map(|&sp| self.group_of(sp)) {
            return Some(Ok(g));
        }
        let t = &p.tokens[first];
        // A pronoun is the coder's to resolve.
        if t.upos == Upos::Pron {
            return None;
        }
        Some(Err(p.core_text(text, first).to_string()))
    }

    /// Partners named with the agent: "X, with Y and Z in the lead",
    /// "X along with Y".
    pub fn partners(&self, verb_tok: usize) -> Vec<usize> {
        let Some(v) = self.ptok(verb_tok) else { return Vec::new() };
        let p = &self.parse;
        let mut out = Vec::new();
        for a in p.agents(v) {
            for x in p.associates(a) {
                if let Some(g) = self.group_of(x) {
                    if !out.contains(&g) {
                        out.push(g);
                    }
                }
            }
        }
        out
    }
}

/// Is `lemma` a light verb? Tolerates a lemma that lost its final `e`
/// ("impos" for "imposed").
fn is_light(lemma: &str) -> bool {
    let l = lemma.to_lowercase();
    LIGHT_VERBS.contains(&l.as_str()) || LIGHT_VERBS.iter().any(|v| v.strip_suffix('e') == Some(l.as_str()))
}

/// Nouns that count or group the events after them ("several rounds of air strikes").
const QUANTITY_NOUNS: &[&str] = &[
    "round",
    "rounds",
    "wave",
    "waves",
    "series",
    "spate",
    "string",
    "barrage",
    "volley",
    "salvo",
    "number",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "flurry",
    "succession",
];

/// Verbs whose object is an event their subject carries out.
const LIGHT_VERBS: &[&str] = &[
    "launch",
    "carry",
    "conduct",
    "claim",
    "stage",
    "mount",
    "begin",
    "start",
    "continue",
    "intensify",
    "escalate",
    "step",
    "lead",
    "perform",
    "execute",
    "commit",
    "perpetrate",
    "resume",
    "impose",
    "lay",
    "wage",
    "unleash",
    "fire",
    "order",
    "announce",
    "undertake",
    "initiate",
    "spearhead",
    "press",
    "renew",
    "expand",
    "have",
    "score",
    "achieve",
    "win",
    "make",
];

impl Deps {
    /// Grammatical subjects (passive subjects included) of the predicate at
    /// coder token `i`, verb or not ("X is part of", "X was backed by").
    pub fn subjects(&self, i: usize) -> Option<Vec<Option<usize>>> {
        let v = self.ptok(i)?;
        let subj = self.parse.subjects(v);
        if subj.is_empty() {
            return None;
        }
        Some(subj.into_iter().map(|h| self.group_of(h)).collect())
    }
}
