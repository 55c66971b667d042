//! A parsed sentence and the questions the event coder asks of it: who is
//! the subject, the object, the passive agent; which prepositional phrases
//! hang off a verb; how far a noun phrase reaches; what was reported as
//! said, negated or hedged by a modal.
//!
//! Helpers take and return 0-based positions in [`Parse::tokens`];
//! [`Token::head`] alone is CoNLL-U style (1-based, 0 for the root). The
//! helpers look through the constructions that hide roles in news prose:
//! passives ("was attacked by"), relative clauses ("groups that are backed
//! by the US"), shared subjects of coordinated verbs ("seized and held"),
//! controlled subjects ("vowed to retake") and coordinated arguments
//! ("X, Y and Z attacked").

use crate::tags::Upos;
use sitrep_model::Span;

/// Verbs whose infinitive after an object is done by their subject, not the
/// object ("left ECOWAS to form", "joined the alliance to fight").
const SUBJECT_CONTROL: &[&str] = &["leave", "join", "quit", "abandon", "use", "promise", "exit"];
/// Verbs whose object does what their infinitive says: "forced residents to flee".
const OBJECT_CONTROL: &[&str] =
    &["force", "compel", "order", "urge", "ask", "allow", "prompt", "cause", "drive", "persuade", "oblige", "push"];

/// One word of a parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the document text.
    pub span: Span,
    pub form: String,
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: &'static str,
    pub lemma: String,
    /// 1-based head, 0 for the root (as in CoNLL-U).
    pub head: usize,
    /// Universal Dependencies relation, with subtype (`nsubj:pass`).
    pub deprel: &'static str,
}

impl Token {
    /// The relation without its subtype (`nsubj` for `nsubj:pass`).
    pub fn rel(&self) -> &'static str {
        self.deprel.split(':').next().unwrap_or(self.deprel)
    }
}

/// Speech reported in a sentence: `speaker` said `content`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportedSpeech {
    /// The speech verb ("said", "told", "claimed", "according").
    pub verb: usize,
    /// Who spoke (the verb's subjects, or the object of "according to").
    pub speakers: Vec<usize>,
    /// The head of the reported clause.
    pub content: usize,
    /// The byte span of the reported clause.
    pub span: Span,
}

/// A dependency parse of one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    pub tokens: Vec<Token>,
    children: Vec<Vec<usize>>,
}

const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "claim",
    "state",
    "announce",
    "report",
    "add",
    "deny",
    "insist",
    "warn",
    "argue",
    "assert",
    "confirm",
    "note",
    "explain",
    "acknowledge",
    "admit",
    "allege",
    "declare",
    "stress",
    "write",
    "suggest",
    "reiterate",
    "emphasize",
    "emphasise",
    "maintain",
    "accuse",
    "charge",
    "contend",
    "indicate",
    "repeat",
    "answer",
    "reply",
    "respond",
    "tweet",
    "post",
    "testify",
    "predict",
    "vow",
    "promise",
    "threaten",
    "concede",
    "observe",
    "remark",
    "mention",
    "believe",
    "think",
    "know",
    "hope",
    "fear",
    "estimate",
    "conclude",
    "agree",
    "recall",
    "caution",
    "urge",
];

const NEGATORS: &[&str] = &["not", "never", "n't", "no", "neither", "nor"];

impl Parse {
    /// Builds a parse from tokens, repairing heads that point outside the
    /// sentence (they become the root) so the helpers never index out of
    /// bounds.
    pub fn new(mut tokens: Vec<Token>) -> Parse {
        let n = tokens.len();
        for (i, t) in tokens.iter_mut().enumerate() {
            if t.head > n || t.head == i + 1 {
                t.head = 0;
            }
        }
        let mut children = vec![Vec::new(); n];
        for (i, t) in tokens.iter().enumerate() {
            if t.head > 0 {
                children[t.head - 1].push(i);
            }
        }
        Parse { tokens, children }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The byte span from the first to the last token.
    pub fn span(&self) -> Span {
        match (self.tokens.first(), self.tokens.last()) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }

    /// 0-based head of `i`, `None` for the root (or an out-of-range `i`).
    pub fn head_of(&self, i: usize) -> Option<usize> {
        let h = self.tokens.get(i)?.head;
        (h > 0).then(|| h - 1)
    }

    /// The root word(s).
    pub fn roots(&self) -> Vec<usize> {
        (0..self.len()).filter(|i| self.tokens[*i].head == 0).collect()
    }

    /// Dependents of `i`, in sentence order.
    pub fn children(&self, i: usize) -> &[usize] {
        self.children.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Dependents of `i` whose relation (with or without subtype) is `rel`.
    pub fn children_with(&self, i: usize, rels: &[&str]) -> Vec<usize> {
        self.children(i)
            .iter()
            .copied()
            .filter(|c| {
                let t = &self.tokens[*c];
                rels.iter().any(|r| *r == t.deprel || *r == t.rel())
            })
            .collect()
    }

    /// The first token with this lemma, for tests and quick lookups.
    pub fn find_lemma(&self, lemma: &str) -> Option<usize> {
        self.tokens.iter().position(|t| t.lemma == lemma)
    }

    /// The first token with this form.
    pub fn find_form(&self, form: &str) -> Option<usize> {
        self.tokens.iter().position(|t| t.form == form)
    }

    /// Whether `a` is `b` or one of its ancestors.
    pub fn dominates(&self, a: usize, mut b: usize) -> bool {
        for _ in 0..=self.len() {
            if a == b {
                return true;
            }
            match self.head_of(b) {
                Some(h) => b = h,
                None => return false,
            }
        }
        false
    }

    /// The coordination group `i` belongs to (itself, its first conjunct and
    /// all `conj` dependents of that), in sentence order.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        if i >= self.len() {
            return Vec::new();
        }
        let mut first = self.phrase_head(i);
        for _ in 0..self.len() {
            match self.head_of(first) {
                Some(h) if self.tokens[first].rel() == "conj" => first = h,
                _ => break,
            }
        }
        let mut out = vec![first];
        let mut k = 0;
        while k < out.len() {
            let cur = out[k];
            for c in self.children_with(cur, &["conj"]) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The head of the name or compound `i` is part of: "al-Nusra" in
    /// "Jabhat al-Nusra" leads to "Jabhat", "State" in "State Department"
    /// to "Department".
    pub fn phrase_head(&self, i: usize) -> usize {
        let mut cur = i;
        for _ in 0..self.len() {
            match (self.tokens.get(cur), self.head_of(cur)) {
                (Some(t), Some(h)) if matches!(t.rel(), "flat" | "fixed" | "goeswith" | "compound") => cur = h,
                _ => break,
            }
        }
        cur
    }

    fn expand_conj(&self, v: Vec<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        for x in v {
            for c in self.conjuncts(x) {
                if !out.contains(&c) && (c == x || self.tokens[c].rel() == "conj") {
                    out.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// A relative pronoun stands for the noun its clause modifies:
    /// "groups that are backed by the US" -> "groups".
    fn resolve_relative(&self, i: usize) -> usize {
        let t = &self.tokens[i];
        let relative = matches!(t.xpos, "WDT" | "WP" | "WP$") || (t.lemma == "that" && t.upos == Upos::Pron);
        if !relative {
            return i;
        }
        let mut cur = i;
        for _ in 0..self.len() {
            let Some(h) = self.head_of(cur) else { break };
            let ht = &self.tokens[h];
            if ht.deprel == "acl:relcl" || ht.deprel == "advcl:relcl" {
                return self.head_of(h).unwrap_or(i);
            }
            cur = h;
        }
        i
    }

    /// The predicate whose arguments `verb` shares when it has none of its
    /// own: the first conjunct of coordinated verbs, the controller of an
    /// `xcomp`.
    fn argument_donor(&self, verb: usize) -> Option<usize> {
        let t = self.tokens.get(verb)?;
        match t.rel() {
            "conj" | "xcomp" => self.head_of(verb),
            // A participle clause without a subordinator shares its clause's subject ("bombed
            // the sites, launching the strikes from warships"): the main clause's, even where
            // the parse hangs the participle on a reduced relative ("shelled a base used by X,
            // killing 9 civilians").
            "advcl" if t.xpos == "VBG" && self.children_with(verb, &["mark"]).is_empty() => {
                let mut h = self.head_of(verb)?;
                for _ in 0..6 {
                    let ht = &self.tokens[h];
                    if !matches!(ht.rel(), "acl" | "acl:relcl") && matches!(ht.upos, Upos::Verb | Upos::Aux) {
                        break;
                    }
                    h = self.head_of(h)?;
                }
                // "X overran the town, killing 58, a spokesman said": a clause the participle
                // follows, and not the words that report it.
                let reporting =
                    matches!(self.tokens[h].lemma.to_lowercase().as_str(), "say" | "tell" | "add" | "report");
                // ("The village was attacked by X, wounding 20": not the village.)
                (h < verb && !reporting && !self.is_passive(h)).then_some(h)
            }
            // A purpose infinitive after a verb of subject control is done by its clause's
            // subject ("left ECOWAS, together with Burkina Faso, to form a new alliance"); one
            // after a verb of object control is its complement, done by the object ("forced
            // thousands of people to flee").
            "advcl" if self.children_with(verb, &["mark"]).iter().any(|&m| self.tokens[m].xpos == "TO") => {
                self.head_of(verb).filter(|&h| {
                    let lemma = self.tokens[h].lemma.to_lowercase();
                    SUBJECT_CONTROL.contains(&lemma.as_str()) || OBJECT_CONTROL.contains(&lemma.as_str())
                })
            }
            _ => None,
        }
    }

    /// Grammatical subjects of `verb` (including passive subjects),
    /// expanded over coordination, with relative pronouns resolved and
    /// subjects inherited by coordinated and controlled verbs. For a
    /// reduced relative ("fighters backed by Turkey") the modified noun is
    /// the subject.
    pub fn subjects(&self, verb: usize) -> Vec<usize> {
        let mut cur = verb;
        for _ in 0..8 {
            if cur >= self.len() {
                return Vec::new();
            }
            let direct = self.children_with(cur, &["nsubj", "csubj"]);
            if !direct.is_empty() {
                let resolved = direct.into_iter().map(|s| self.resolve_relative(s)).collect();
                return self.expand_conj(resolved);
            }
            let t = &self.tokens[cur];
            if t.deprel == "acl" || (t.deprel == "acl:relcl" && t.xpos == "VBN") {
                return self.head_of(cur).map(|h| self.expand_conj(vec![h])).unwrap_or_default();
            }
            match self.argument_donor(cur) {
                // A verb coordinated with a predicate adjective or noun that has no subject
                // ("condemned the rebel offensive and called on Rwanda", parsed with `offensive`
                // an xcomp and `called` its conjunct) shares the clause's subject, not the
                // object that controls the adjective.
                Some(h)
                    if t.rel() == "conj"
                        && matches!(t.upos, Upos::Verb)
                        && !matches!(self.tokens[h].upos, Upos::Verb | Upos::Aux)
                        && self.tokens[h].rel() == "xcomp"
                        && self.children_with(h, &["nsubj", "csubj"]).is_empty() =>
                {
                    match self.head_of(h) {
                        Some(g) => cur = g,
                        None => return Vec::new(),
                    }
                }
                // An xcomp of a verb with an object is controlled by the
                // object ("forced residents to flee"), unless the verb is one
                // whose subject goes on to act ("left ECOWAS to form a new
                // alliance", "joined the coalition to fight").
                Some(h)
                    if (t.rel() == "xcomp"
                        || t.rel() == "advcl"
                            && OBJECT_CONTROL.contains(&self.tokens[h].lemma.to_lowercase().as_str()))
                        && !self.children_with(h, &["obj"]).is_empty()
                        && !SUBJECT_CONTROL.contains(&self.tokens[h].lemma.to_lowercase().as_str()) =>
                {
                    return self.expand_conj(self.children_with(h, &["obj"]));
                }
                Some(h) => cur = h,
                None => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// Direct and indirect objects of `verb`, expanded over coordination.
    /// Coordinated verbs without an object of their own share the next
    /// conjunct's ("attacked and seized the town").
    pub fn objects(&self, verb: usize) -> Vec<usize> {
        if verb >= self.len() {
            return Vec::new();
        }
        let own = self.children_with(verb, &["obj", "iobj"]);
        if !own.is_empty() {
            return self.expand_conj(own);
        }
        // "attacked and seized the town": the first verb has no object but
        // its conjunct does, and nothing intervenes.
        for c in self.children_with(verb, &["conj"]) {
            let theirs = self.children_with(c, &["obj"]);
            if !theirs.is_empty() && self.children_with(c, &["nsubj"]).is_empty() {
                return self.expand_conj(theirs);
            }
        }
        Vec::new()
    }

    /// Oblique dependents of `verb` with their preposition lemma ("" when
    /// there is none, as in bare temporal nouns). Multiword prepositions are
    /// joined ("according to", "in front of").
    pub fn obliques(&self, verb: usize) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for o in self.children_with(verb, &["obl"]) {
            for c in self.expand_conj(vec![o]) {
                out.push((self.preposition(c).unwrap_or_else(|| self.preposition(o).unwrap_or_default()), c));
            }
        }
        out
    }

    /// The preposition (`case` dependent, with its `fixed` parts) of a
    /// nominal.
    pub fn preposition(&self, nominal: usize) -> Option<String> {
        let case = self.children_with(nominal, &["case"]).into_iter().find(|c| self.tokens[*c].upos != Upos::Part)?;
        let mut words = vec![self.tokens[case].lemma.to_lowercase()];
        for f in self.children_with(case, &["fixed"]) {
            words.push(self.tokens[f].lemma.to_lowercase());
        }
        Some(words.join(" "))
    }

    /// Whether `verb` is passive: a passive auxiliary or subject, or a bare
    /// participle modifying a noun ("a convoy hit by shelling").
    pub fn is_passive(&self, verb: usize) -> bool {
        let Some(t) = self.tokens.get(verb) else {
            return false;
        };
        if !self.children_with(verb, &["aux:pass", "nsubj:pass", "csubj:pass", "obl:agent"]).is_empty() {
            return true;
        }
        if t.xpos == "VBN" && (t.deprel == "acl" || t.deprel == "amod") {
            return true;
        }
        // "The convoy was ambushed": the treebank often tags such
        // participles as adjectives with a copula.
        let participle = t.form.ends_with("ed") || t.form.ends_with("en");
        if participle
            && matches!(t.upos, Upos::Adj | Upos::Verb)
            && self.children_with(verb, &["cop"]).iter().any(|c| self.tokens[*c].lemma == "be")
        {
            return true;
        }
        // A coordinated participle shares the passive ("was attacked and
        // looted").
        t.xpos == "VBN"
            && t.rel() == "conj"
            && self.children_with(verb, &["nsubj", "aux"]).is_empty()
            && self.head_of(verb).is_some_and(|h| self.is_passive(h))
    }

    /// The agents of a passive verb (the `by` phrase), expanded over
    /// coordination; empty when the verb is active or has no agent.
    pub fn passive_agent(&self, verb: usize) -> Vec<usize> {
        if !self.is_passive(verb) {
            return Vec::new();
        }
        let mut agents = self.children_with(verb, &["obl:agent"]);
        if agents.is_empty() {
            agents = self
                .children_with(verb, &["obl"])
                .into_iter()
                .filter(|o| self.preposition(*o).as_deref() == Some("by"))
                .collect();
        }
        if agents.is_empty() && self.tokens[verb].rel() == "conj" {
            if let Some(h) = self.head_of(verb) {
                return self.passive_agent(h);
            }
        }
        self.expand_conj(agents)
    }

    /// Who did it: the passive agent, or the subject of an active verb.
    pub fn agents(&self, verb: usize) -> Vec<usize> {
        if self.is_passive(verb) {
            self.passive_agent(verb)
        } else {
            self.subjects(verb)
        }
    }

    /// To whom or what: the subject of a passive verb, else the objects.
    pub fn patients(&self, verb: usize) -> Vec<usize> {
        if self.is_passive(verb) {
            self.subjects(verb)
        } else {
            self.objects(verb)
        }
    }

    /// Whether `verb` is negated ("did not attack", "never agreed").
    pub fn negated(&self, verb: usize) -> bool {
        self.children(verb).iter().any(|c| {
            let t = &self.tokens[*c];
            matches!(t.rel(), "advmod" | "det" | "cc" | "aux") && NEGATORS.contains(&t.lemma.to_lowercase().as_str())
        })
    }

    /// The modal auxiliary of `verb` ("could", "will", "must"), if any.
    pub fn modal(&self, verb: usize) -> Option<String> {
        self.children_with(verb, &["aux"])
            .into_iter()
            .find(|c| self.tokens[*c].xpos == "MD")
            .map(|c| self.tokens[c].lemma.to_lowercase())
    }

    /// The nearest clause head at or above `i`: a word heading a clause
    /// (root, complement, adverbial, relative or coordinated clause) or a
    /// verb.
    pub fn clause_head(&self, i: usize) -> usize {
        let mut cur = i;
        for _ in 0..=self.len() {
            let Some(t) = self.tokens.get(cur) else {
                return i;
            };
            let clausal = matches!(t.rel(), "root" | "ccomp" | "xcomp" | "advcl" | "acl" | "parataxis" | "csubj")
                || (t.rel() == "conj" && matches!(t.upos, Upos::Verb | Upos::Aux));
            if clausal || (t.upos == Upos::Verb && t.rel() != "amod") {
                return cur;
            }
            match self.head_of(cur) {
                Some(h) => cur = h,
                None => return cur,
            }
        }
        i
    }

    /// Tokens in the subtree of `i`, leaving out the dependents of `i`
    /// itself whose relation is in `exclude` (deeper words are all kept).
    pub fn subtree(&self, i: usize, exclude: &[&str]) -> Vec<usize> {
        let mut out = Vec::new();
        if i >= self.len() {
            return out;
        }
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            out.push(x);
            for c in self.children(x) {
                let t = &self.tokens[*c];
                if x != i || !exclude.iter().any(|e| *e == t.deprel || *e == t.rel()) {
                    stack.push(*c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The byte span of the noun phrase headed by `i`: its subtree without
    /// relative clauses, appositions, coordinated conjuncts, or punctuation
    /// and case markers at its edges. Use [`Parse::np_extent_with`] to
    /// choose.
    pub fn np_extent(&self, i: usize) -> Span {
        self.np_extent_with(i, false)
    }

    /// Like [`Parse::np_extent`]; `with_relative` keeps relative clauses
    /// ("groups that are backed by the US").
    pub fn np_extent_with(&self, i: usize, with_relative: bool) -> Span {
        let mut exclude = vec!["conj", "cc", "appos", "parataxis", "punct", "case", "mark", "dep", "advcl"];
        if !with_relative {
            exclude.extend(["acl:relcl", "acl"]);
        }
        let toks = contiguous_run(self.subtree(i, &exclude), i);
        // Case markers and punctuation at the edges of nested phrases are
        // kept inside but never at the borders.
        let mut a = 0;
        let mut b = toks.len();
        while b > a + 1 && matches!(self.tokens[toks[a]].rel(), "punct" | "case" | "cc") && toks[a] != i {
            a += 1;
        }
        while b > a + 1 && matches!(self.tokens[toks[b - 1]].rel(), "punct" | "case" | "cc") && toks[b - 1] != i {
            b -= 1;
        }
        match (toks[a..b].first(), toks[a..b].last()) {
            (Some(x), Some(y)) => Span::new(self.tokens[*x].span.start, self.tokens[*y].span.end),
            _ => self.tokens.get(i).map(|t| t.span).unwrap_or_default(),
        }
    }

    /// The byte span of the core of the noun phrase headed by `i`: the head
    /// with its determiners, adjectives, numbers, possessors, name parts and
    /// `of` phrases ("the town of Khan Tuman"), but no other prepositional or
    /// clausal modifiers ("a huge offensive" out of "a huge offensive in
    /// South Aleppo on the town of Khan Tuman").
    pub fn np_core(&self, i: usize) -> Span {
        const TOP: &[&str] = &["det", "amod", "nummod", "compound", "flat", "fixed", "goeswith", "nmod:poss"];
        let Some(t) = self.tokens.get(i) else {
            return Span::default();
        };
        let mut toks = vec![i];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for c in self.children(x) {
                let ct = &self.tokens[*c];
                let keep = if x == i {
                    TOP.contains(&ct.deprel)
                        || TOP.contains(&ct.rel())
                        || (ct.rel() == "nmod" && self.preposition(*c).as_deref() == Some("of"))
                } else {
                    !matches!(ct.rel(), "acl" | "appos" | "parataxis")
                };
                if keep {
                    toks.push(*c);
                    stack.push(*c);
                }
            }
        }
        toks.sort_unstable();
        let toks = contiguous_run(toks, i);
        match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => Span::new(self.tokens[*a].span.start, self.tokens[*b].span.end),
            _ => t.span,
        }
    }

    /// The text of [`Parse::np_core`] in `text`.
    pub fn core_text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.np_core(i).slice(text)
    }

    /// Like [`Parse::obliques`], plus the prepositional modifiers of the
    /// verb's objects, where a greedy parser often puts the place and time
    /// of the event ("launched an offensive in South Aleppo on Friday").
    pub fn obliques_wide(&self, verb: usize) -> Vec<(String, usize)> {
        let mut out = self.obliques(verb);
        for o in self.objects(verb) {
            for m in self.children_with(o, &["nmod"]) {
                if let Some(p) = self.preposition(m) {
                    if p != "of" {
                        out.push((p, m));
                    }
                }
            }
        }
        out
    }

    /// Partners named with "with", "alongside", "along with" or "together
    /// with" on a noun phrase: "Jaish al-Fateh with Jabhat al-Nusra and
    /// Ahrar al-Sham in the lead" gives al-Nusra and al-Sham.
    pub fn associates(&self, i: usize) -> Vec<usize> {
        let i = self.phrase_head(i);
        let mut out = Vec::new();
        for m in self.children_with(i, &["nmod", "obl"]) {
            if matches!(
                self.preposition(m).as_deref(),
                Some("with" | "alongside" | "along with" | "together with" | "including")
            ) {
                out.extend(self.expand_conj(vec![m]));
            }
        }
        out
    }

    /// The text of [`Parse::np_extent`] in `text`.
    pub fn np_text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.np_extent(i).slice(text)
    }

    /// The byte span of the whole subtree of `i`.
    pub fn subtree_span(&self, i: usize) -> Span {
        let toks = self.subtree(i, &[]);
        match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => Span::new(self.tokens[*a].span.start, self.tokens[*b].span.end),
            _ => Span::default(),
        }
    }

    /// Reported speech: speech verbs ("said", "told", "claimed") with a
    /// complement clause, "X said" attached as parataxis to what was said,
    /// and "according to X".
    pub fn reported_speech(&self) -> Vec<ReportedSpeech> {
        let mut out = Vec::new();
        for v in 0..self.len() {
            let t = &self.tokens[v];
            let lemma = t.lemma.to_lowercase();
            if t.upos == Upos::Verb && SPEECH_VERBS.contains(&lemma.as_str()) {
                let speakers = self.subjects(v);
                for c in self.children_with(v, &["ccomp"]) {
                    out.push(ReportedSpeech {
                        verb: v,
                        speakers: speakers.clone(),
                        content: c,
                        span: self.clause_span(c),
                    });
                }
                // "The town has fallen, the ministry said."
                if t.rel() == "parataxis" {
                    if let Some(h) = self.head_of(v) {
                        let span = self.clause_span_without(h, v);
                        out.push(ReportedSpeech { verb: v, speakers, content: h, span });
                    }
                }
            }
            // "according to the ministry, ..."
            if lemma == "according" {
                if let Some(obj) = self.head_of(v).filter(|h| self.tokens[*h].rel() == "obl") {
                    if let Some(clause) = self.head_of(obj) {
                        let span = self.clause_span_without(clause, obj);
                        out.push(ReportedSpeech {
                            verb: v,
                            speakers: self.expand_conj(vec![obj]),
                            content: clause,
                            span,
                        });
                    }
                }
            }
        }
        out.sort_by_key(|r| (r.verb, r.content));
        out
    }

    /// The span of a clause without its leading complementizer and edge
    /// punctuation.
    fn clause_span(&self, c: usize) -> Span {
        let mut toks = self.subtree(c, &[]);
        while toks.first().is_some_and(|t| matches!(self.tokens[*t].rel(), "mark" | "punct")) && toks.len() > 1 {
            toks.remove(0);
        }
        while toks.last().is_some_and(|t| self.tokens[*t].rel() == "punct") && toks.len() > 1 {
            toks.pop();
        }
        match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => Span::new(self.tokens[*a].span.start, self.tokens[*b].span.end),
            _ => Span::default(),
        }
    }

    /// The span of clause `c` leaving out the subtree of `skip` (the
    /// attribution) and the punctuation around it.
    fn clause_span_without(&self, c: usize, skip: usize) -> Span {
        let skipped = self.subtree(skip, &[]);
        let mut toks: Vec<usize> = self.subtree(c, &[]).into_iter().filter(|t| !skipped.contains(t)).collect();
        toks = contiguous_run(toks, c);
        while toks.len() > 1 && toks.first().is_some_and(|t| self.tokens[*t].rel() == "punct") {
            toks.remove(0);
        }
        while toks.len() > 1 && toks.last().is_some_and(|t| self.tokens[*t].rel() == "punct") {
            toks.pop();
        }
        match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => Span::new(self.tokens[*a].span.start, self.tokens[*b].span.end),
            _ => Span::default(),
        }
    }

    /// A compact one-line rendering (`form/UPOS<-deprel-headform`), handy in
    /// snapshots and debugging.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let head = if t.head == 0 { "ROOT".to_string() } else { format!("{}", t.head) };
            s.push_str(&format!("{}:{}/{}/{}<-{}:{}", i + 1, t.form, t.upos, t.lemma, t.deprel, head));
        }
        s
    }
}

/// The run of consecutive positions in sorted `toks` that contains `i`: a
/// non-projective dependent would otherwise drag unrelated words in.
fn contiguous_run(toks: Vec<usize>, i: usize) -> Vec<usize> {
    let Some(pos) = toks.iter().position(|t| *t == i) else {
        return toks;
    };
    let mut a = pos;
    while a > 0 && toks[a - 1] + 1 == toks[a] {
        a -= 1;
    }
    let mut b = pos;
    while b + 1 < toks.len() && toks[b] + 1 == toks[b + 1] {
        b += 1;
    }
    toks[a..=b].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a parse from a hand-written tree: (form, upos, xpos, lemma, head, deprel).
    fn tree(rows: &[(&str, Upos, &'static str, &str, usize, &'static str)]) -> (String, Parse) {
        let mut text = String::new();
        let mut toks = Vec::new();
        for (form, upos, xpos, lemma, head, deprel) in rows {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(form);
            toks.push(Token {
                span: Span::new(start, text.len()),
                form: form.to_string(),
                upos: *upos,
                xpos,
                lemma: lemma.to_string(),
                head: *head,
                deprel,
            });
        }
        (text, Parse::new(toks))
    }

    #[test]
    fn passive_with_agent_on_a_hand_built_tree() {
        use Upos::*;
        let (text, p) = tree(&[
            ("A", Det, "DT", "a", 2, "det"),
            ("camp", Noun, "NN", "camp", 7, "nsubj:pass"),
            ("for", Adp, "IN", "for", 5, "case"),
            ("Congolese", Adj, "JJ", "Congolese", 5, "amod"),
            ("refugees", Noun, "NNS", "refugee", 2, "nmod"),
            ("was", Aux, "VBD", "be", 7, "aux:pass"),
            ("attacked", Verb, "VBN", "attack", 0, "root"),
            ("by", Adp, "IN", "by", 10, "case"),
            ("Burundian", Adj, "JJ", "Burundian", 10, "amod"),
            ("militiamen", Noun, "NNS", "militiaman", 7, "obl:agent"),
            (".", Punct, ".", ".", 7, "punct"),
        ]);
        assert!(p.is_passive(6));
        assert_eq!(p.agents(6), vec![9]);
        assert_eq!(p.patients(6), vec![1]);
        assert_eq!(p.np_text(&text, 1), "A camp for Congolese refugees");
        assert_eq!(p.np_text(&text, 9), "Burundian militiamen");
        assert_eq!(p.obliques(6), vec![("by".to_string(), 9)]);
        assert_eq!(p.clause_head(4), 6);
        assert!(!p.negated(6));
    }

    #[test]
    fn relative_pronoun_resolves_to_the_modified_noun() {
        use Upos::*;
        let (_, p) = tree(&[
            ("groups", Noun, "NNS", "group", 7, "nsubj"),
            ("that", Pron, "WDT", "that", 4, "nsubj:pass"),
            ("are", Aux, "VBP", "be", 4, "aux:pass"),
            ("backed", Verb, "VBN", "back", 1, "acl:relcl"),
            ("by", Adp, "IN", "by", 6, "case"),
            ("Washington", Propn, "NNP", "Washington", 4, "obl:agent"),
            ("fought", Verb, "VBD", "fight", 0, "root"),
        ]);
        assert_eq!(p.patients(3), vec![0]);
        assert_eq!(p.agents(3), vec![5]);
        assert_eq!(p.subjects(6), vec![0]);
    }

    #[test]
    fn helpers_tolerate_bad_indices() {
        let p = Parse::new(Vec::new());
        assert!(p.subjects(3).is_empty() && p.objects(3).is_empty() && p.conjuncts(3).is_empty());
        assert_eq!(p.np_extent(5), Span::default());
        assert!(p.reported_speech().is_empty());
    }
}
