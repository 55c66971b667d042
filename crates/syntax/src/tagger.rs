//! Part-of-speech tagging: a greedy left-to-right averaged perceptron that
//! predicts a (UPOS, XPOS) pair per word.
//!
//! The design follows Honnibal's well-known tagger (word, affix, shape and
//! previous-tag features; a tag dictionary for frequent unambiguous words),
//! with one addition that matters for web and news text: the *ambiguity
//! class* of the current and next words (the set of tags the word took in
//! training), which lets a greedy tagger look ahead without a second pass.

use crate::binfmt::{FormatError, Reader, Writer};
use crate::hash::{bytes_hash, combine, feat, str_hash, BytesHasher};
use crate::perceptron::{argmax_where, KeyMap, Trainer, Weights};
use crate::tags::{intern, Upos};
use std::collections::HashMap;

/// One tag the tagger can predict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagClass {
    pub upos: Upos,
    pub xpos: &'static str,
}

/// Per-word atoms computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordAtoms {
    pub norm: u64,
    pub exact: u64,
    pub suf1: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    pub pre1: u64,
    pub pre2: u64,
    pub pre3: u64,
    pub shape: u64,
}

/// Lower-cases and maps every digit to `0`, so that "2016" and "1999" share
/// statistics, and caps very long tokens (URLs) whose tail says nothing.
pub fn normalize_form(form: &str) -> String {
    let mut s = String::with_capacity(form.len());
    for (i, c) in form.chars().enumerate() {
        if i >= 40 {
            break;
        }
        if c.is_ascii_digit() {
            s.push('0');
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s
}

/// The word shape of `form`: upper case letters become `X`, lower case
/// `x`, digits `d`, anything else stays, and runs of one kind are cut to
/// two (`Aleppo` -> `Xxx`, `7:00` -> `d:dd`).
fn shape_chars(form: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = ' ';
    let mut run = 0;
    form.chars().filter_map(move |c| {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                return None;
            }
        } else {
            run = 0;
            last = k;
        }
        Some(k)
    })
}

/// Per-word atoms. Affixes and the shape are hashed from slices of the
/// normalised form and from the shape's characters, without building
/// strings: this runs for every word of every sentence.
pub(crate) fn word_atoms(form: &str) -> WordAtoms {
    let norm = normalize_form(form);
    let n = norm.chars().count();
    // Byte offset of the char with index `k` (the end for k >= n).
    let at = |k: usize| norm.char_indices().nth(k).map_or(norm.len(), |(i, _)| i);
    let affix = |tag: u64, a: usize, b: usize| -> u64 { combine(tag, bytes_hash(&norm.as_bytes()[at(a)..at(b)])) };
    let mut shape = BytesHasher::new();
    shape_chars(form).for_each(|c| shape.write_char(c));
    WordAtoms {
        norm: str_hash(&norm),
        exact: combine(7, str_hash(form)),
        suf1: affix(1, n.saturating_sub(1), n),
        suf2: affix(2, n.saturating_sub(2), n),
        suf3: affix(3, n.saturating_sub(3), n),
        suf4: affix(4, n.saturating_sub(4), n),
        pre1: affix(5, 0, n.min(1)),
        pre2: affix(6, 0, n.min(2)),
        pre3: affix(8, 0, n.min(3)),
        shape: combine(9, shape.finish()),
    }
}

fn aux_hashes() -> &'static [u64] {
    use std::sync::OnceLock;
    static H: OnceLock<Vec<u64>> = OnceLock::new();
    H.get_or_init(|| {
        [
            "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "has", "have", "had", "'ve",
            "'d", "having", "get", "got", "gets", "getting", "gotten",
        ]
        .iter()
        .map(|f| str_hash(f))
        .collect()
    })
}

const START: u64 = 0x5741_5254_0000_0001;
const START2: u64 = 0x5741_5254_0000_0002;
const END: u64 = 0x454e_4400_0000_0001;
const END2: u64 = 0x454e_4400_0000_0002;
const NO_AMBIG: u64 = 0x4e4f_4e45_0000_0003;

/// The trained tagger.
#[derive(Clone, Debug)]
pub struct Tagger {
    weights: Weights,
    classes: Vec<TagClass>,
    /// Exact form hash -> class, for frequent words that always take one tag.
    tagdict: KeyMap<u64, u16>,
    /// Normalised form hash -> hash of the set of classes it was seen with.
    ambig: KeyMap<u64, u64>,
}

/// Features of word `i`; `p1` and `p2` are the classes given to the two
/// previous words (`u16::MAX` and `u16::MAX - 1` before the sentence).
fn features(w: &[WordAtoms], amb: &[u64], i: usize, p1: u16, p2: u16, first_cap: bool, out: &mut Vec<u32>) {
    out.clear();
    let at = |j: isize| -> u64 {
        if j < 0 {
            if j == -1 {
                START
            } else {
                START2
            }
        } else if j as usize >= w.len() {
            if j as usize == w.len() {
                END
            } else {
                END2
            }
        } else {
            w[j as usize].norm
        }
    };
    let suf3 = |j: isize| -> u64 {
        if j < 0 || j as usize >= w.len() {
            at(j)
        } else {
            w[j as usize].suf3
        }
    };
    let amb_at = |j: usize| -> u64 { amb.get(j).copied().unwrap_or(END) };
    // The nearest auxiliary among the three previous words separates
    // "shelled" (past tense) from "was shelled" / "has shelled" (participle).
    let aux = aux_hashes();
    let aux_near = (1..=3).filter_map(|k| i.checked_sub(k)).map(|j| w[j].norm).find(|h| aux.contains(h)).unwrap_or(0);
    let ii = i as isize;
    let c = &w[i];
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    out.extend_from_slice(&[
        feat(0, 0, 0, 0),
        feat(1, c.norm, 0, 0),
        feat(2, c.suf3, 0, 0),
        feat(3, c.suf2, 0, 0),
        feat(4, c.pre1, 0, 0),
        feat(5, c.shape, 0, 0),
        feat(6, p1, 0, 0),
        feat(7, p2, 0, 0),
        feat(8, p1, p2, 0),
        feat(9, p1, c.norm, 0),
        feat(10, at(ii - 1), 0, 0),
        feat(11, suf3(ii - 1), 0, 0),
        feat(12, at(ii - 2), 0, 0),
        feat(13, at(ii + 1), 0, 0),
        feat(14, suf3(ii + 1), 0, 0),
        feat(15, at(ii + 2), 0, 0),
        feat(16, amb_at(i + 1), 0, 0),
        feat(17, amb_at(i + 2), 0, 0),
        feat(18, amb_at(i), 0, 0),
        feat(19, at(ii - 1), c.norm, 0),
        feat(20, c.norm, at(ii + 1), 0),
        feat(21, c.suf4, 0, 0),
        feat(22, c.pre3, 0, 0),
        feat(23, c.shape, p1, 0),
        feat(24, u64::from(first_cap), c.shape, 0),
        feat(25, c.exact, 0, 0),
        feat(26, p1, amb_at(i + 1), 0),
        feat(27, c.suf1, 0, 0),
        feat(28, c.pre2, 0, 0),
        feat(29, amb_at(i), amb_at(i + 1), 0),
        feat(30, p1, amb_at(i), 0),
        feat(31, c.suf3, amb_at(i + 1), 0),
        feat(32, aux_near, c.suf2, 0),
        feat(33, p1, c.suf3, 0),
        feat(34, c.norm, amb_at(i + 1), 0),
        feat(35, aux_near, p1, c.suf3),
    ]);
}

impl Tagger {
    pub fn classes(&self) -> &[TagClass] {
        &self.classes
    }

    pub fn n_weights(&self) -> usize {
        self.weights.n_weights()
    }

    fn ambig_of(&self, w: &[WordAtoms]) -> Vec<u64> {
        w.iter().map(|a| self.ambig.get(&a.norm).copied().unwrap_or(NO_AMBIG)).collect()
    }

    /// Tags a sentence given as word forms; returns one class index per word.
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        let atoms: Vec<WordAtoms> = forms.iter().map(|f| word_atoms(f)).collect();
        self.tag_atoms(forms, &atoms)
    }

    pub(crate) fn tag_atoms(&self, forms: &[&str], atoms: &[WordAtoms]) -> Vec<u16> {
        let amb = self.ambig_of(atoms);
        let mut out = Vec::with_capacity(forms.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0f32; self.classes.len()];
        let (mut p1, mut p2) = (u16::MAX, u16::MAX - 1);
        for i in 0..forms.len() {
            let cls = if let Some(c) = self.tagdict.get(&atoms[i].exact) {
                *c
            } else {
                let first_cap = i == 0 && forms[i].chars().next().is_some_and(char::is_uppercase);
                features(atoms, &amb, i, p1, p2, first_cap, &mut feats);
                self.weights.score(&feats, &mut scores);
                argmax_where(&scores, |_| true).unwrap_or(0) as u16
            };
            out.push(cls);
            p2 = p1;
            p1 = cls;
        }
        out
    }

    pub fn write(&self, w: &mut Writer) {
        w.u64(self.classes.len() as u64);
        for c in &self.classes {
            w.str(c.upos.as_str());
            w.str(c.xpos);
        }
        let mut td: Vec<(u64, u16)> = self.tagdict.iter().map(|(k, v)| (*k, *v)).collect();
        td.sort_unstable();
        w.u64(td.len() as u64);
        for (k, v) in td {
            w.bytes(&k.to_le_bytes());
            w.u64(u64::from(v));
        }
        let mut am: Vec<(u64, u64)> = self.ambig.iter().map(|(k, v)| (*k, *v)).collect();
        am.sort_unstable();
        // Ambiguity classes repeat a lot: store each distinct one once.
        let mut distinct: Vec<u64> = am.iter().map(|(_, v)| *v).collect();
        distinct.sort_unstable();
        distinct.dedup();
        w.u64(distinct.len() as u64);
        for d in &distinct {
            w.bytes(&d.to_le_bytes());
        }
        w.u64(am.len() as u64);
        for (k, v) in am {
            w.bytes(&k.to_le_bytes());
            w.u64(distinct.binary_search(&v).unwrap_or(0) as u64);
        }
        self.weights.write(w);
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Tagger, FormatError> {
        let n = r.u64("tagger.classes")? as usize;
        let mut classes = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            let u = r.str("tagger.upos")?;
            let upos = Upos::parse(u).ok_or_else(|| r.error("tagger.upos", "unknown UPOS"))?;
            let xpos = intern(r.str("tagger.xpos")?);
            classes.push(TagClass { upos, xpos });
        }
        let u64le = |r: &mut Reader<'_>, f: &'static str| -> Result<u64, FormatError> {
            let b = r.take(8, f)?;
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            Ok(u64::from_le_bytes(a))
        };
        let m = r.u64("tagger.tagdict")? as usize;
        let mut tagdict = KeyMap::default();
        for _ in 0..m {
            let k = u64le(r, "tagger.tagdict.key")?;
            let v = r.u64("tagger.tagdict.class")? as usize;
            if v >= n {
                return Err(r.error("tagger.tagdict.class", "class out of range"));
            }
            tagdict.insert(k, v as u16);
        }
        let d = r.u64("tagger.ambig.classes")? as usize;
        let mut distinct = Vec::with_capacity(d.min(1 << 20));
        for _ in 0..d {
            distinct.push(u64le(r, "tagger.ambig.class")?);
        }
        let m = r.u64("tagger.ambig")? as usize;
        let mut ambig = KeyMap::default();
        for _ in 0..m {
            let k = u64le(r, "tagger.ambig.key")?;
            let v = r.u64("tagger.ambig.index")? as usize;
            let v = *distinct.get(v).ok_or_else(|| r.error("tagger.ambig.index", "index out of range"))?;
            ambig.insert(k, v);
        }
        let weights = Weights::read(r)?;
        if weights.n_classes() != n {
            return Err(r.error("tagger.weights", "class count differs from the tag set"));
        }
        Ok(Tagger { weights, classes, tagdict, ambig })
    }
}

/// A training sentence for the tagger: forms and gold (UPOS, XPOS) pairs.
pub struct TagExample {
    pub forms: Vec<String>,
    pub tags: Vec<(String, String)>,
}

/// Options for [`train_tagger`].
#[derive(Clone, Debug)]
pub struct TagTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    pub prune: f32,
    pub verbose: bool,
}

/// A small deterministic generator for shuffling (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Trains a tagger; when `dev` is given, keeps the epoch that scored best
/// on it. Returns the tagger and its dev accuracy (UPOS+XPOS pair).
pub fn train_tagger(train: &[TagExample], dev: &[TagExample], opt: &TagTrainOptions) -> (Tagger, f64) {
    // The tag set, in order of first appearance for determinism.
    let mut index: HashMap<(String, String), u16> = HashMap::new();
    let mut classes = Vec::new();
    for ex in train {
        for (u, x) in &ex.tags {
            if let std::collections::hash_map::Entry::Vacant(e) = index.entry((u.clone(), x.clone())) {
                e.insert(classes.len() as u16);
                classes.push(TagClass { upos: Upos::parse(u).unwrap_or(Upos::X), xpos: intern(x) });
            }
        }
    }
    let class_of = |u: &str, x: &str| index.get(&(u.to_string(), x.to_string())).copied();

    // Tag dictionary and ambiguity classes.
    let mut exact_counts: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    let mut norm_counts: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    for ex in train {
        for (f, (u, x)) in ex.forms.iter().zip(&ex.tags) {
            let Some(c) = class_of(u, x) else { continue };
            let a = word_atoms(f);
            *exact_counts.entry(a.exact).or_default().entry(c).or_default() += 1;
            *norm_counts.entry(a.norm).or_default().entry(c).or_default() += 1;
        }
    }
    let mut tagdict = KeyMap::default();
    for (k, m) in &exact_counts {
        let total: u32 = m.values().sum();
        let (best, n) =
            m.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))).map(|(c, n)| (*c, *n)).unwrap_or((0, 0));
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
            tagdict.insert(*k, best);
        }
    }
    let mut ambig = KeyMap::default();
    for (k, m) in &norm_counts {
        let total: u32 = m.values().sum();
        if total < 2 {
            continue;
        }
        // Tags seen fewer than 3% of the time are noise for this purpose.
        let mut set: Vec<u16> = m.iter().filter(|(_, n)| **n * 33 >= total).map(|(c, _)| *c).collect();
        set.sort_unstable();
        let h = set.iter().fold(0xa5a5_u64, |h, c| combine(h, u64::from(*c)));
        ambig.insert(*k, h);
    }

    let mut model = Tagger { weights: Weights::empty(classes.len()), classes, tagdict, ambig };
    let n_classes = model.classes.len();
    let prepared: Vec<Prepared> = train
        .iter()
        .map(|ex| {
            let atoms: Vec<WordAtoms> = ex.forms.iter().map(|f| word_atoms(f)).collect();
            let amb = model.ambig_of(&atoms);
            let gold: Vec<u16> = ex.tags.iter().map(|(u, x)| class_of(u, x).unwrap_or(0)).collect();
            let caps: Vec<bool> = ex
                .forms
                .iter()
                .enumerate()
                .map(|(i, f)| i == 0 && f.chars().next().is_some_and(char::is_uppercase))
                .collect();
            (atoms, amb, gold, caps)
        })
        .collect();

    let mut trainer = Trainer::new(n_classes);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = Rng::new(opt.seed);
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0f32; n_classes];
    let mut best: Option<(f64, Weights)> = None;
    for epoch in 0..opt.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (atoms, amb, gold, caps) = &prepared[si];
            let (mut p1, mut p2) = (u16::MAX, u16::MAX - 1);
            for i in 0..atoms.len() {
                let guess = if let Some(c) = model.tagdict.get(&atoms[i].exact) {
                    *c
                } else {
                    features(atoms, amb, i, p1, p2, caps[i], &mut feats);
                    trainer.score(&feats, &mut scores);
                    let g = argmax_where(&scores, |_| true).unwrap_or(0);
                    trainer.update(&feats, usize::from(gold[i]), g);
                    trainer.tick();
                    g as u16
                };
                right += usize::from(guess == gold[i]);
                total += 1;
                p2 = p1;
                p1 = guess;
            }
        }
        model.weights = match trainer.average(opt.prune) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("tagger epoch {}: {e}; keeping the best earlier epoch", epoch + 1);
                break;
            }
        };
        let dev_acc = if dev.is_empty() { right as f64 / total.max(1) as f64 } else { tag_accuracy(&model, dev) };
        if opt.verbose {
            eprintln!(
                "tagger epoch {}: train {:.4} dev {:.4} ({} features)",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                dev_acc,
                model.weights.n_features()
            );
        }
        if best.as_ref().is_none_or(|(b, _)| dev_acc > *b) {
            best = Some((dev_acc, model.weights.clone()));
        }
    }
    let acc = match best {
        Some((a, w)) => {
            model.weights = w;
            a
        }
        None => 0.0,
    };
    (model, acc)
}

/// A training sentence ready for the trainer: atoms, ambiguity classes,
/// gold classes and sentence-initial capitalisation flags.
type Prepared = (Vec<WordAtoms>, Vec<u64>, Vec<u16>, Vec<bool>);

/// Accuracy of the (UPOS, XPOS) pair on examples.
pub fn tag_accuracy(model: &Tagger, data: &[TagExample]) -> f64 {
    let (mut right, mut total) = (0usize, 0usize);
    for ex in data {
        let forms: Vec<&str> = ex.forms.iter().map(String::as_str).collect();
        let pred = model.tag(&forms);
        for (p, (u, x)) in pred.iter().zip(&ex.tags) {
            let c = model.classes[usize::from(*p)];
            right += usize::from(c.upos.as_str() == u && c.xpos == x);
            total += 1;
        }
    }
    right as f64 / total.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_and_shapes() {
        assert_eq!(normalize_form("May-2016"), "may-0000");
        let shape = |f: &str| shape_chars(f).collect::<String>();
        assert_eq!(shape("Aleppo"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("7:00"), "d:dd");
    }

    /// The atoms as first written, building every affix and the shape as
    /// a string: the model's feature keys depend on these exact hashes.
    fn word_atoms_with_strings(form: &str) -> WordAtoms {
        let norm = normalize_form(form);
        let chars: Vec<char> = norm.chars().collect();
        let n = chars.len();
        let affix = |tag: u64, a: usize, b: usize| combine(tag, str_hash(&chars[a..b].iter().collect::<String>()));
        WordAtoms {
            norm: str_hash(&norm),
            exact: combine(7, str_hash(form)),
            suf1: affix(1, n.saturating_sub(1), n),
            suf2: affix(2, n.saturating_sub(2), n),
            suf3: affix(3, n.saturating_sub(3), n),
            suf4: affix(4, n.saturating_sub(4), n),
            pre1: affix(5, 0, n.min(1)),
            pre2: affix(6, 0, n.min(2)),
            pre3: affix(8, 0, n.min(3)),
            shape: combine(9, str_hash(&shape_chars(form).collect::<String>())),
        }
    }

    fn same_atoms(a: &WordAtoms, b: &WordAtoms) -> bool {
        let key = |w: &WordAtoms| [w.norm, w.exact, w.suf1, w.suf2, w.suf3, w.suf4, w.pre1, w.pre2, w.pre3, w.shape];
        key(a) == key(b)
    }

    #[test]
    fn atoms_hash_affixes_like_strings() {
        for f in [
            "",
            "a",
            "al-Nusra",
            "U.S.",
            "2016",
            "Ğaza",
            "Şam'da",
            "日本語です",
            "https://example.org/a/very/long/path/that/goes/on",
        ] {
            assert!(same_atoms(&word_atoms(f), &word_atoms_with_strings(f)), "{f}");
        }
    }

    proptest::proptest! {
        #[test]
        fn atoms_hash_affixes_like_strings_for_any_form(f in "\\PC{0,50}") {
            proptest::prop_assert!(same_atoms(&word_atoms(&f), &word_atoms_with_strings(&f)));
        }
    }

    #[test]
    fn learns_a_toy_tag_set() {
        let ex = |s: &str, t: &str| TagExample {
            forms: s.split(' ').map(str::to_string).collect(),
            tags: t
                .split(' ')
                .map(|p| {
                    let (u, x) = p.split_once('_').unwrap();
                    (u.to_string(), x.to_string())
                })
                .collect(),
        };
        let data = vec![
            ex("rebels attacked the town", "NOUN_NNS VERB_VBD DET_DT NOUN_NN"),
            ex("troops shelled the village", "NOUN_NNS VERB_VBD DET_DT NOUN_NN"),
            ex("militias seized the airport", "NOUN_NNS VERB_VBD DET_DT NOUN_NN"),
        ];
        let opt = TagTrainOptions { epochs: 5, seed: 1, prune: 0.0, verbose: false };
        let (model, acc) = train_tagger(&data, &[], &opt);
        assert!(acc > 0.5);
        let mut w = Writer::default();
        model.write(&mut w);
        let bytes = w.into_bytes();
        let back = Tagger::read(&mut Reader::new(&bytes)).unwrap();
        let tags = back.tag(&["rebels", "shelled", "the", "airport"]);
        let names: Vec<&str> = tags.iter().map(|t| back.classes()[usize::from(*t)].xpos).collect();
        assert_eq!(names, ["NNS", "VBD", "DT", "NN"]);
    }
}
