//! Labelled dependency parsing: a greedy arc-eager transition system scored
//! by an averaged perceptron over hashed features, trained with the dynamic
//! oracle of Goldberg and Nivre (2012) so that it learns to recover from its
//! own mistakes.
//!
//! Words are numbered from 1; 0 is the artificial root, which sits at the
//! bottom of the stack and is never popped. When the buffer runs out, words
//! left on the stack without a head are attached to the root; if that makes
//! several roots, all but the first become `parataxis` of it, so the output
//! is always a single tree.

use crate::binfmt::{FormatError, Reader, Writer};
use crate::hash::{combine, feat};
use crate::perceptron::{argmax_where, Trainer, Weights};
use crate::tagger::Rng;
use crate::tags::intern;

const NONE: u32 = u32::MAX;
const NO_LABEL: u16 = u16::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

// LEFT-ARC with label l is action 2 + 2l, RIGHT-ARC is 3 + 2l.

/// The parser state: stack, buffer front and the arcs built so far, with
/// the child summaries the features read. Words are 1..=n and the root is
/// n + 1, the last item of the buffer (Ballesteros and Nivre's "root at the
/// end"), so attaching to the root is decided last, with the whole
/// sentence seen, instead of first.
struct State {
    n: usize,
    root: usize,
    stack: Vec<u32>,
    on_stack: Vec<bool>,
    b: usize,
    head: Vec<u32>,
    label: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 2;
        State {
            n,
            root: n + 1,
            stack: Vec::with_capacity(n),
            on_stack: vec![false; m],
            b: 1,
            head: vec![NONE; m],
            label: vec![NO_LABEL; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().map(|x| *x as usize)
    }

    fn done(&self) -> bool {
        self.b >= self.root && self.stack.is_empty()
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u16) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            // Left children arrive right to left, so each is the new leftmost.
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// `root_label` is the index of the `root` relation, the only one
    /// allowed (and required) on arcs from the root.
    fn valid(&self, a: usize, root_label: usize) -> bool {
        let s0 = self.s0();
        let word_b = self.b <= self.n;
        match a {
            SHIFT => word_b,
            REDUCE => s0.is_some_and(|s| self.head[s] != NONE),
            _ => {
                let l = (a - 2) / 2;
                let Some(s) = s0 else { return false };
                if a.is_multiple_of(2) {
                    self.head[s] == NONE && (self.b == self.root) == (l == root_label)
                } else {
                    word_b && l != root_label
                }
            }
        }
    }

    /// [`State::valid`] for every action at once: the checks depend only
    /// on the kind of action and on whether its label is the root's.
    fn valid_actions(&self, root_label: usize) -> ValidActions {
        let s0 = self.s0();
        let word_b = self.b <= self.n;
        let s0_free = s0.is_some_and(|s| self.head[s] == NONE);
        let at_root = self.b == self.root;
        ValidActions {
            shift: word_b,
            reduce: s0.is_some_and(|s| self.head[s] != NONE),
            left_root: s0_free && at_root,
            left_other: s0_free && !at_root,
            right: s0.is_some() && word_b,
            root_label,
        }
    }

    fn apply(&mut self, a: usize) {
        let b = self.b;
        match a {
            SHIFT => {
                self.stack.push(b as u32);
                self.on_stack[b] = true;
                self.b += 1;
            }
            REDUCE => {
                if let Some(s) = self.stack.pop() {
                    self.on_stack[s as usize] = false;
                }
            }
            _ => {
                let l = ((a - 2) / 2) as u16;
                let Some(s0) = self.s0() else { return };
                if a.is_multiple_of(2) {
                    self.add_arc(b, s0, l);
                    self.stack.pop();
                    self.on_stack[s0] = false;
                } else {
                    self.add_arc(s0, b, l);
                    self.stack.push(b as u32);
                    self.on_stack[b] = true;
                    self.b += 1;
                }
            }
        }
    }

    /// Costs of SHIFT, REDUCE, LEFT-ARC and RIGHT-ARC ignoring labels: the
    /// number of gold arcs each would make unreachable (`gh` gives gold
    /// heads with the root as n + 1). Exact for projective trees.
    fn costs(&self, gh: &[u32]) -> [u32; 4] {
        let b = self.b;
        let n = self.n;
        let mut c = [0u32; 4];
        let unheaded_children_on_stack = |x: usize| {
            self.stack.iter().filter(|k| self.head[**k as usize] == NONE && gh[**k as usize] as usize == x).count()
                as u32
        };
        if b <= n {
            // SHIFT: b loses a head and dependents on the stack.
            let hb = gh[b] as usize;
            c[0] = u32::from(self.on_stack[hb]) + unheaded_children_on_stack(b);
            // RIGHT-ARC from s0: b loses any other head still reachable
            // and its dependents on the stack.
            if let Some(s0) = self.s0() {
                c[3] = u32::from(hb != s0 && (hb > b || self.on_stack[hb])) + unheaded_children_on_stack(b);
            }
        }
        if let Some(s0) = self.s0() {
            let deps_in_buffer = (b..=n).filter(|&k| gh[k] as usize == s0).count() as u32;
            // LEFT-ARC: s0 loses its dependents in the buffer and any head
            // in the buffer other than b.
            let hs = gh[s0] as usize;
            c[2] = u32::from(hs != b && hs > b) + deps_in_buffer;
            // REDUCE: s0 loses its dependents in the buffer.
            c[1] = deps_in_buffer;
        }
        c
    }

    fn cost(&self, base: &[u32; 4], a: usize, gh: &[u32], gl: &[u16]) -> u32 {
        match a {
            SHIFT => base[0],
            REDUCE => base[1],
            _ => {
                let l = ((a - 2) / 2) as u16;
                let Some(s0) = self.s0() else { return u32::MAX };
                if a.is_multiple_of(2) {
                    base[2] + u32::from(gh[s0] as usize == self.b && gl[s0] != l)
                } else {
                    base[3] + u32::from(gh[self.b] as usize == s0 && gl[self.b] != l)
                }
            }
        }
    }
}

/// Which actions are valid in a state (see [`State::valid_actions`]).
struct ValidActions {
    shift: bool,
    reduce: bool,
    left_root: bool,
    left_other: bool,
    right: bool,
    root_label: usize,
}

impl ValidActions {
    /// Whether exactly one action is allowed, with `n_labels` labels (one
    /// of them the root's).
    fn only(&self, n_labels: usize) -> bool {
        let others = n_labels.saturating_sub(1);
        let n = usize::from(self.shift)
            + usize::from(self.reduce)
            + usize::from(self.left_root)
            + usize::from(self.left_other) * others
            + usize::from(self.right) * others;
        n == 1
    }

    #[inline]
    fn allows(&self, a: usize) -> bool {
        match a {
            SHIFT => self.shift,
            REDUCE => self.reduce,
            _ => {
                let is_root = (a - 2) / 2 == self.root_label;
                if a.is_multiple_of(2) {
                    if is_root {
                        self.left_root
                    } else {
                        self.left_other
                    }
                } else {
                    self.right && !is_root
                }
            }
        }
    }
}

const W_NONE: u64 = 0x4e4f_4e45_0000_0001;
const W_ROOT: u64 = 0x524f_4f54_0000_0001;
const P_NONE: u64 = 0x4e4f_4e45_0000_0002;
const P_ROOT: u64 = 0x524f_4f54_0000_0002;
const L_NONE: u64 = 0x4e4f_4e45_0000_0003;

/// Word and tag atoms for positions 1..=n and the root at n + 1.
pub(crate) struct Atoms {
    pub w: Vec<u64>,
    pub p: Vec<u64>,
}

impl Atoms {
    pub fn new(words: &[u64], tags: &[u16]) -> Atoms {
        let mut w = Vec::with_capacity(words.len() + 2);
        let mut p = Vec::with_capacity(words.len() + 2);
        w.push(W_NONE);
        p.push(P_NONE);
        w.extend_from_slice(words);
        p.extend(tags.iter().map(|t| combine(0x7a67, u64::from(*t))));
        w.push(W_ROOT);
        p.push(P_ROOT);
        Atoms { w, p }
    }
}

#[inline]
fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

fn features(s: &State, x: &Atoms, out: &mut Vec<u32>) {
    out.clear();
    let w = |i: u32| if i == NONE { W_NONE } else { x.w[i as usize] };
    let p = |i: u32| if i == NONE { P_NONE } else { x.p[i as usize] };
    let lab = |i: u32| {
        if i == NONE || s.label[i as usize] == NO_LABEL {
            L_NONE
        } else {
            u64::from(s.label[i as usize])
        }
    };
    let at = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let s0 = s.s0().map_or(NONE, |x| x as u32);
    let s1 = if s.stack.len() >= 2 { s.stack[s.stack.len() - 2] } else { NONE };
    let opt = |i: usize| if i <= s.root { i as u32 } else { NONE };
    let n0 = opt(s.b);
    let n1 = opt(s.b + 1);
    let n2 = opt(s.b + 2);
    let s0h = at(&s.head, s0);
    let s0h2 = at(&s.head, s0h);
    let s0l = at(&s.l1, s0);
    let s0l2 = at(&s.l2, s0);
    let s0r = at(&s.r1, s0);
    let s0r2 = at(&s.r2, s0);
    let n0l = at(&s.l1, n0);
    let n0l2 = at(&s.l2, n0);

    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let s0wp = combine(s0w, s0p);
    let n0wp = combine(n0w, n0p);
    let d = if n0 == NONE || s0 == NONE { 0 } else { dist_bucket(n0 as usize - s0 as usize) };
    let vr = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(s.nr[i as usize])
        }
    };
    let vl = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(s.nl[i as usize])
        }
    };
    let sr = |i: u32| {
        if i == NONE {
            1 << 63
        } else {
            s.rset[i as usize]
        }
    };
    let sl = |i: u32| {
        if i == NONE {
            1 << 63
        } else {
            s.lset[i as usize]
        }
    };
    let root_busy = u64::from(s.nl[s.root] > 0);

    out.extend_from_slice(&[
        feat(1, s0wp, 0, 0),
        feat(2, s0w, 0, 0),
        feat(3, s0p, 0, 0),
        feat(4, n0wp, 0, 0),
        feat(5, n0w, 0, 0),
        feat(6, n0p, 0, 0),
        feat(7, n1w, n1p, 0),
        feat(8, n1w, 0, 0),
        feat(9, n1p, 0, 0),
        feat(10, n2w, n2p, 0),
        feat(11, n2w, 0, 0),
        feat(12, n2p, 0, 0),
        feat(13, s0wp, n0wp, 0),
        feat(14, s0wp, n0w, 0),
        feat(15, s0w, n0wp, 0),
        feat(16, s0wp, n0p, 0),
        feat(17, s0p, n0wp, 0),
        feat(18, s0w, n0w, 0),
        feat(19, s0p, n0p, 0),
        feat(20, n0p, n1p, 0),
        feat(21, n0p, n1p, n2p),
        feat(22, s0p, n0p, n1p),
        feat(23, p(s0h), s0p, n0p),
        feat(24, s0p, p(s0l), n0p),
        feat(25, s0p, p(s0r), n0p),
        feat(26, s0p, n0p, p(n0l)),
        feat(27, s0w, d, 0),
        feat(28, s0p, d, 0),
        feat(29, n0w, d, 0),
        feat(30, n0p, d, 0),
        feat(31, s0w, n0w, d),
        feat(32, s0p, n0p, d),
        feat(33, s0w, vr(s0), 0),
        feat(34, s0p, vr(s0), 0),
        feat(35, s0w, vl(s0), 0),
        feat(36, s0p, vl(s0), 0),
        feat(37, n0w, vl(n0), 0),
        feat(38, n0p, vl(n0), 0),
        feat(39, w(s0h), 0, 0),
        feat(40, p(s0h), 0, 0),
        feat(41, lab(s0), 0, 0),
        feat(42, w(s0l), 0, 0),
        feat(43, p(s0l), 0, 0),
        feat(44, lab(s0l), 0, 0),
        feat(45, w(s0r), 0, 0),
        feat(46, p(s0r), 0, 0),
        feat(47, lab(s0r), 0, 0),
        feat(48, w(n0l), 0, 0),
        feat(49, p(n0l), 0, 0),
        feat(50, lab(n0l), 0, 0),
        feat(51, w(s0h2), 0, 0),
        feat(52, p(s0h2), 0, 0),
        feat(53, lab(s0h), 0, 0),
        feat(54, w(s0l2), 0, 0),
        feat(55, p(s0l2), 0, 0),
        feat(56, lab(s0l2), 0, 0),
        feat(57, w(s0r2), 0, 0),
        feat(58, p(s0r2), 0, 0),
        feat(59, lab(s0r2), 0, 0),
        feat(60, w(n0l2), 0, 0),
        feat(61, p(n0l2), 0, 0),
        feat(62, lab(n0l2), 0, 0),
        feat(63, s0p, p(s0l), p(s0l2)),
        feat(64, s0p, p(s0r), p(s0r2)),
        feat(65, s0p, p(s0h), p(s0h2)),
        feat(66, n0p, p(n0l), p(n0l2)),
        feat(67, s0w, sr(s0), 0),
        feat(68, s0p, sr(s0), 0),
        feat(69, s0w, sl(s0), 0),
        feat(70, s0p, sl(s0), 0),
        feat(71, n0w, sl(n0), 0),
        feat(72, n0p, sl(n0), 0),
        feat(73, w(s1), 0, 0),
        feat(74, p(s1), 0, 0),
        feat(75, p(s1), s0p, n0p),
        feat(76, w(s1), s0w, 0),
        feat(77, root_busy, s0p, n0p),
        feat(81, u64::from(s.b == s.root), s0p, lab(s0)),
        feat(78, 0, 0, 0),
        feat(79, s0p, lab(s0), n0p),
        feat(80, p(s1), lab(s1), s0p),
    ]);
}

/// The trained parser.
#[derive(Clone, Debug)]
pub struct DepParser {
    weights: Weights,
    labels: Vec<&'static str>,
    root: usize,
    parataxis: u16,
}

/// A parser's output for one sentence: 1-based heads (0 = root) and labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arcs {
    pub heads: Vec<usize>,
    pub labels: Vec<&'static str>,
}

impl DepParser {
    pub fn labels(&self) -> &[&'static str] {
        &self.labels
    }

    /// This parser without the features whose weights all stay below
    /// `floor` (see [`Weights::without_weak_features`]).
    pub fn without_weak_features(&self, floor: f32) -> DepParser {
        DepParser {
            weights: self.weights.without_weak_features(floor),
            labels: self.labels.clone(),
            root: self.root,
            parataxis: self.parataxis,
        }
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    pub fn n_weights(&self) -> usize {
        self.weights.n_weights()
    }

    /// Parses a sentence given per-word hashes of the normalised forms and
    /// tagger class ids.
    pub fn parse(&self, words: &[u64], tags: &[u16]) -> Arcs {
        let n = words.len().min(tags.len());
        let x = Atoms::new(&words[..n], &tags[..n]);
        let mut s = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.weights.n_classes()];
        let n_labels = scores.len().saturating_sub(2) / 2;
        while !s.done() {
            let valid = s.valid_actions(self.root);
            // One action allowed (an empty stack, the words at the root):
            // the argmax over it needs no scores.
            let a = match valid.only(n_labels) {
                true => (0..scores.len()).find(|a| valid.allows(*a)).unwrap_or(SHIFT),
                false => {
                    features(&s, &x, &mut feats);
                    self.weights.score(&feats, &mut scores);
                    argmax_where(&scores, |a| valid.allows(a)).unwrap_or(SHIFT)
                }
            };
            s.apply(a);
        }
        self.finish(&s)
    }

    fn finish(&self, s: &State) -> Arcs {
        let n = s.n;
        let root_label = self.labels.get(self.root).copied().unwrap_or("root");
        // Words on the root: normally one. If the parser made several, the
        // one heading the largest subtree stays root and the others become
        // its parataxis, so the output is always a single tree.
        let on_root: Vec<usize> = (1..=n).filter(|i| s.head[*i] == NONE || s.head[*i] as usize == s.root).collect();
        let mut size = vec![1usize; n + 2];
        for i in 1..=n {
            let mut cur = i;
            for _ in 0..n {
                let h = s.head[cur];
                if h == NONE || h as usize >= s.root {
                    break;
                }
                cur = h as usize;
                size[cur] += 1;
            }
        }
        let main = on_root.iter().copied().max_by_key(|i| (size[*i], std::cmp::Reverse(*i)));
        let mut heads = vec![0usize; n];
        let mut labels = vec![root_label; n];
        for i in 1..=n {
            let (h, l) = if on_root.contains(&i) {
                if Some(i) == main {
                    (0, root_label)
                } else {
                    (main.unwrap_or(0), self.labels.get(usize::from(self.parataxis)).copied().unwrap_or("parataxis"))
                }
            } else {
                (s.head[i] as usize, self.labels.get(usize::from(s.label[i])).copied().unwrap_or("dep"))
            };
            heads[i - 1] = h;
            labels[i - 1] = l;
        }
        Arcs { heads, labels }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u64(self.labels.len() as u64);
        for l in &self.labels {
            w.str(l);
        }
        self.weights.write(w);
    }

    pub fn read(r: &mut Reader<'_>) -> Result<DepParser, FormatError> {
        let n = r.u64("parser.labels")? as usize;
        if n == 0 || n > 127 {
            return Err(r.error("parser.labels", "label count out of range"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(intern(r.str("parser.label")?));
        }
        let weights = Weights::read(r)?;
        if weights.n_classes() != 2 + 2 * n {
            return Err(r.error("parser.weights", "action count differs from the label set"));
        }
        DepParser::assemble(weights, labels).ok_or_else(|| r.error("parser.labels", "no `root` label"))
    }

    fn assemble(weights: Weights, labels: Vec<&'static str>) -> Option<DepParser> {
        let root = labels.iter().position(|l| *l == "root")?;
        let parataxis = labels.iter().position(|l| *l == "parataxis").unwrap_or(root) as u16;
        Some(DepParser { weights, labels, root, parataxis })
    }
}

/// A training sentence: word hashes, tagger classes, gold heads and labels.
pub struct ParseExample {
    pub words: Vec<u64>,
    pub tags: Vec<u16>,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// Options for [`train_parser`].
#[derive(Clone, Debug)]
pub struct ParseTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// From this epoch on (0-based), follow the model's own prediction with
    /// probability `explore_p` instead of the oracle's.
    pub explore_from: usize,
    pub explore_p: f64,
    pub prune: f32,
    pub verbose: bool,
}

/// Unlabelled and labelled attachment over examples.
pub fn attachment(model: &DepParser, data: &[ParseExample]) -> (f64, f64) {
    let (mut u, mut l, mut t) = (0usize, 0usize, 0usize);
    for ex in data {
        let arcs = model.parse(&ex.words, &ex.tags);
        for i in 0..ex.heads.len() {
            t += 1;
            if arcs.heads[i] == ex.heads[i] {
                u += 1;
                l += usize::from(arcs.labels[i] == ex.labels[i]);
            }
        }
    }
    let t = t.max(1) as f64;
    (u as f64 / t, l as f64 / t)
}

/// Trains the parser; keeps the epoch with the best labelled attachment on
/// `dev` (or the last when `dev` is empty). Returns it with its dev (UAS, LAS).
pub fn train_parser(train: &[ParseExample], dev: &[ParseExample], opt: &ParseTrainOptions) -> (DepParser, (f64, f64)) {
    let mut labels: Vec<&'static str> = vec!["root"];
    for ex in train {
        for l in &ex.labels {
            if !labels.contains(&l.as_str()) {
                labels.push(intern(l));
            }
        }
    }
    if labels.len() > 127 {
        labels.truncate(127);
    }
    let root = 0usize;
    let label_id = |l: &str| labels.iter().position(|x| *x == l).unwrap_or(root) as u16;
    let gold: Vec<(Vec<u32>, Vec<u16>)> = train
        .iter()
        .map(|ex| {
            let n = ex.heads.len();
            let mut gh = vec![0u32];
            let mut gl = vec![NO_LABEL];
            gh.extend(ex.heads.iter().map(|h| if *h == 0 { n as u32 + 1 } else { *h as u32 }));
            gl.extend(ex.labels.iter().map(|l| label_id(l)));
            gh.push(0);
            gl.push(NO_LABEL);
            (gh, gl)
        })
        .collect();
    let n_actions = 2 + 2 * labels.len();
    let mut trainer = Trainer::new(n_actions);
    let mut rng = Rng::new(opt.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; n_actions];
    let mut best: Option<(DepParser, (f64, f64))> = None;
    for epoch in 0..opt.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let ex = &train[si];
            let (gh, gl) = &gold[si];
            let n = ex.words.len();
            if n == 0 || gh[1..=n].iter().any(|h| *h as usize > n + 1) {
                continue;
            }
            let x = Atoms::new(&ex.words, &ex.tags);
            let mut s = State::new(n);
            while !s.done() {
                features(&s, &x, &mut feats);
                trainer.score(&feats, &mut scores);
                let guess = argmax_where(&scores, |a| s.valid(a, root)).unwrap_or(SHIFT);
                let base = s.costs(gh);
                let mut min = u32::MAX;
                for a in 0..n_actions {
                    if s.valid(a, root) {
                        min = min.min(s.cost(&base, a, gh, gl));
                    }
                }
                let zero = |a: usize| s.valid(a, root) && s.cost(&base, a, gh, gl) == min;
                let best_gold = argmax_where(&scores, zero).unwrap_or(guess);
                if !zero(guess) {
                    trainer.update(&feats, best_gold, guess);
                } else {
                    right += 1;
                }
                total += 1;
                trainer.tick();
                let follow = if epoch >= opt.explore_from && (rng.next() % 1000) as f64 / 1000.0 < opt.explore_p {
                    guess
                } else {
                    best_gold
                };
                s.apply(follow);
            }
        }
        let weights = match trainer.average(opt.prune) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("parser epoch {}: {e}; keeping the best earlier epoch", epoch + 1);
                break;
            }
        };
        let model = match DepParser::assemble(weights, labels.clone()) {
            Some(m) => m,
            None => break,
        };
        let score = if dev.is_empty() { (0.0, right as f64 / total.max(1) as f64) } else { attachment(&model, dev) };
        if opt.verbose {
            eprintln!(
                "parser epoch {}: train transitions {:.4} dev UAS {:.4} LAS {:.4} ({} features, {} weights)",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                score.0,
                score.1,
                model.weights.n_features(),
                model.weights.n_weights()
            );
        }
        if best.as_ref().is_none_or(|(_, b)| score.1 >= b.1) {
            best = Some((model, score));
        }
    }
    match best {
        Some(b) => b,
        None => {
            let m = DepParser::assemble(Weights::empty(n_actions), labels).unwrap_or_else(unreachable_parser);
            (m, (0.0, 0.0))
        }
    }
}

fn unreachable_parser() -> DepParser {
    DepParser { weights: Weights::empty(4), labels: vec!["root"], root: 0, parataxis: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::str_hash;

    fn toy() -> Vec<ParseExample> {
        // "rebels attacked the town" / "troops shelled a village" ...
        let mk = |s: &str, tags: &[u16], heads: &[usize], labels: &[&str]| ParseExample {
            words: s.split(' ').map(str_hash).collect(),
            tags: tags.to_vec(),
            heads: heads.to_vec(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
        };
        vec![
            mk("rebels attacked the town", &[0, 1, 2, 0], &[2, 0, 4, 2], &["nsubj", "root", "det", "obj"]),
            mk("troops shelled a village", &[0, 1, 2, 0], &[2, 0, 4, 2], &["nsubj", "root", "det", "obj"]),
            mk("the army retreated", &[2, 0, 1], &[2, 3, 0], &["det", "nsubj", "root"]),
        ]
    }

    #[test]
    fn oracle_costs_are_zero_along_the_gold_path() {
        for ex in toy() {
            let n = ex.words.len();
            let mut gh = vec![0u32];
            gh.extend(ex.heads.iter().map(|h| if *h == 0 { n as u32 + 1 } else { *h as u32 }));
            gh.push(0);
            let mut gl = vec![0u16; n + 2];
            for (i, h) in ex.heads.iter().enumerate() {
                gl[i + 1] = u16::from(*h == 0);
            }
            // Following a zero-cost transition from every state must end
            // in exactly the gold tree.
            let mut s = State::new(n);
            while !s.done() {
                for root_label in 0..3 {
                    let valid = s.valid_actions(root_label);
                    for a in 0..2 + 2 * 3 {
                        assert_eq!(valid.allows(a), s.valid(a, root_label), "action {a}");
                    }
                }
                let base = s.costs(&gh);
                let a = (0..2 + 2 * 3).find(|a| {
                    s.valid(*a, 1)
                        && s.cost(&base, *a, &gh, &gl) == 0
                        && (*a < 2 || (*a - 2) / 2 == if s.b == s.root && *a % 2 == 0 { 1 } else { 0 })
                });
                let a = a.expect("a zero-cost transition");
                s.apply(a);
            }
            assert_eq!(&s.head[1..=n], &gh[1..=n]);
        }
    }

    #[test]
    fn learns_toy_trees_and_round_trips() {
        let data = toy();
        let opt = ParseTrainOptions { epochs: 8, seed: 3, explore_from: 2, explore_p: 0.9, prune: 0.0, verbose: false };
        let (m, (_, las)) = train_parser(&data, &data, &opt);
        assert!(las > 0.99, "las {las}");
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let back = DepParser::read(&mut Reader::new(&bytes)).unwrap();
        let arcs = back.parse(&data[0].words, &data[0].tags);
        assert_eq!(arcs.heads, data[0].heads);
        assert_eq!(arcs.labels, ["nsubj", "root", "det", "obj"]);
    }

    #[test]
    fn always_returns_one_tree() {
        let data = toy();
        let opt = ParseTrainOptions { epochs: 1, seed: 3, explore_from: 2, explore_p: 0.9, prune: 0.0, verbose: false };
        let (m, _) = train_parser(&data, &[], &opt);
        for n in 0..12 {
            let words: Vec<u64> = (0..n).map(|i| i as u64 * 77).collect();
            let tags: Vec<u16> = (0..n).map(|i| (i % 3) as u16).collect();
            let arcs = m.parse(&words, &tags);
            assert_eq!(arcs.heads.len(), n);
            assert_eq!(arcs.heads.iter().filter(|h| **h == 0).count(), usize::from(n > 0));
            for (i, h) in arcs.heads.iter().enumerate() {
                // No self-loops and no cycles: walking up always reaches 0.
                let mut cur = i + 1;
                let mut steps = 0;
                while cur != 0 && steps <= n {
                    cur = arcs.heads[cur - 1];
                    steps += 1;
                }
                assert_eq!(cur, 0, "word {} head {h} in {:?}", i + 1, arcs.heads);
            }
        }
    }
}
