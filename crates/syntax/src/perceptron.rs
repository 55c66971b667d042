//! Averaged multi-class perceptron: a sparse trainer and a frozen, compact
//! weight table for prediction.
//!
//! Training keeps integer weights (perceptron updates are +-1) and, per
//! weight, the sum of `time * update`, so the average over all training
//! instances is exact and costs nothing until the end (the usual lazy
//! averaging trick). The frozen table keeps only weights that survive
//! pruning, in one open-addressing array keyed by the 32-bit feature hash.

use crate::binfmt::{FormatError, Reader, Writer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes; hashing them again is waste.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: i32,
    /// Sum of `time * delta` over all updates of this weight.
    u: i64,
}

/// A sparse averaged perceptron under training.
pub struct Trainer {
    n_classes: usize,
    map: KeyMap<u32, Vec<Entry>>,
    time: i64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer { n_classes, map: KeyMap::default(), time: 0 }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the current (not averaged) weights of `feats` into `scores`.
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for e in row {
                    scores[usize::from(e.class)] += e.w as f32;
                }
            }
        }
    }

    /// Counts one training instance; call once per prediction made.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from `guess` to `truth` for every feature.
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for f in feats {
            let row = self.map.entry(*f).or_default();
            bump(row, truth as u16, 1, self.time);
            bump(row, guess as u16, -1, self.time);
        }
    }

    /// The averaged weights, dropping those whose magnitude is below
    /// `min_abs` (in units of one update averaged over training).
    pub fn average(&self, min_abs: f32) -> Weights {
        let t = self.time.max(1) as f64;
        let mut items: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(self.map.len());
        for (k, row) in &self.map {
            let mut kept: Vec<(u8, f32)> = row
                .iter()
                .map(|e| (e.class as u8, (f64::from(e.w) - e.u as f64 / t) as f32))
                .filter(|(_, v)| v.abs() >= min_abs && *v != 0.0)
                .collect();
            if !kept.is_empty() {
                kept.sort_by_key(|(c, _)| *c);
                items.push((*k, kept));
            }
        }
        Weights::build(self.n_classes, items)
    }
}

fn bump(row: &mut Vec<Entry>, class: u16, delta: i32, time: i64) {
    if let Some(e) = row.iter_mut().find(|e| e.class == class) {
        e.w += delta;
        e.u += time * i64::from(delta);
    } else {
        row.push(Entry { class, w: delta, u: time * i64::from(delta) });
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u32,
    start: u32,
    len: u32,
}

/// Frozen weights: feature key -> sparse row of (class, weight).
#[derive(Clone, Debug)]
pub struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    classes: Vec<u8>,
    values: Vec<f32>,
    n_features: usize,
}

impl Weights {
    fn build(n_classes: usize, mut items: Vec<(u32, Vec<(u8, f32)>)>) -> Weights {
        items.sort_by_key(|(k, _)| *k);
        let cap = (items.len() + items.len() / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        let mut classes = Vec::new();
        let mut values = Vec::new();
        for (k, row) in &items {
            let mut i = slot_of(*k, mask);
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key: *k, start: classes.len() as u32, len: row.len() as u32 };
            for (c, v) in row {
                classes.push(*c);
                values.push(*v);
            }
        }
        Weights { n_classes, mask, slots, classes, values, n_features: items.len() }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    pub fn n_weights(&self) -> usize {
        self.values.len()
    }

    /// Sets `scores` to the sum of the rows of `feats`.
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            self.add(*f, scores);
        }
    }

    #[inline]
    fn add(&self, key: u32, scores: &mut [f32]) {
        let mut i = slot_of(key, self.mask);
        loop {
            let s = self.slots[i];
            if s.key == key {
                let (a, b) = (s.start as usize, (s.start + s.len) as usize);
                for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                    if let Some(x) = scores.get_mut(usize::from(*c)) {
                        *x += *v;
                    }
                }
                return;
            }
            if s.key == 0 {
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Writes keys delta-coded and weights quantised to 16 bits with one
    /// scale for the whole table: the model shrinks to a few bytes per
    /// weight and accuracy does not move measurably.
    pub fn write(&self, w: &mut Writer) {
        let mut rows: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        rows.sort_by_key(|s| s.key);
        let max = self.values.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-9);
        let scale = max / 32767.0;
        w.u64(self.n_classes as u64);
        w.u64(rows.len() as u64);
        w.f32(scale);
        let mut prev = 0u32;
        for s in rows {
            w.u64(u64::from(s.key - prev));
            prev = s.key;
            w.u64(u64::from(s.len));
            let (a, b) = (s.start as usize, (s.start + s.len) as usize);
            for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                w.u8(*c);
                w.i16((v / scale).round().clamp(-32767.0, 32767.0) as i16);
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, FormatError> {
        let n_classes = r.u64("weights.classes")? as usize;
        let n = r.u64("weights.features")? as usize;
        let scale = r.f32("weights.scale")?;
        let mut items = Vec::with_capacity(n.min(1 << 24));
        let mut key = 0u32;
        for _ in 0..n {
            let delta = r.u64("weights.key")?;
            key = key.wrapping_add(delta as u32);
            let len = r.u64("weights.row")? as usize;
            let mut row = Vec::with_capacity(len.min(256));
            for _ in 0..len {
                let c = r.u8("weights.class")?;
                if usize::from(c) >= n_classes {
                    return Err(r.error("weights.class", "class out of range"));
                }
                let q = r.i16("weights.value")?;
                row.push((c, f32::from(q) * scale));
            }
            items.push((key, row));
        }
        Ok(Weights::build(n_classes, items))
    }
}

#[inline]
fn slot_of(key: u32, mask: usize) -> usize {
    (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20) as usize & mask
}

/// Index of the highest score among classes allowed by `ok`; ties go to the
/// lowest index so predictions are deterministic.
#[inline]
pub fn argmax_where(scores: &[f32], ok: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in scores.iter().enumerate() {
        if ok(i) && best.is_none_or(|(_, b)| *s > b) {
            best = Some((i, *s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_a_round_trip() {
        // Two features that each point to one class, plus a shared bias.
        let data = [(vec![1u32, 10], 0usize), (vec![2u32, 10], 1), (vec![3u32, 10], 2)];
        let mut t = Trainer::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let g = argmax_where(&scores, |_| true).unwrap_or(0);
                t.update(f, *y, g);
                t.tick();
            }
        }
        let w = t.average(0.0);
        let mut buf = Writer::default();
        w.write(&mut buf);
        let bytes = buf.into_bytes();
        let w2 = Weights::read(&mut Reader::new(&bytes)).unwrap();
        for (f, y) in &data {
            w2.score(f, &mut scores);
            assert_eq!(argmax_where(&scores, |_| true), Some(*y));
        }
        assert_eq!(w2.n_features(), w.n_features());
    }
}
