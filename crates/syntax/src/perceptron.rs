//! Averaged multi-class perceptron: a sparse trainer and a frozen, compact
//! weight table for prediction.
//!
//! Training keeps integer weights (perceptron updates are +-1) and, per
//! weight, the sum of `time * update`, so the average over all training
//! instances is exact and costs nothing until the end (the usual lazy
//! averaging trick). The frozen table ([`Weights`]) keeps only weights that
//! survive pruning, in a layout built for fast scoring: one open-addressing
//! array of (32-bit feature hash, row reference), dense rows for frequent
//! features, packed sparse rows for the rest, 16-bit weights with one scale,
//! and prefetching of all the rows of a prediction before adding them.

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
    pub fn average(&self, min_abs: f32) -> Result<Weights, TableTooLarge> {
        let t = self.time.max(1) as f64;
        let mut rows = Rows::default();
        for (k, row) in &self.map {
            let start = rows.entries.len();
            rows.entries.extend(
                row.iter()
                    .map(|e| (e.class as u8, (f64::from(e.w) - e.u as f64 / t) as f32))
                    .filter(|(_, v)| v.abs() >= min_abs && *v != 0.0),
            );
            if rows.entries.len() > start {
                rows.entries[start..].sort_by_key(|(c, _)| *c);
                rows.keys.push((*k, start, rows.entries.len() - start));
            }
        }
        let put = |v: f32, out: &mut Vec<u8>| out.extend_from_slice(&v.to_le_bytes());
        Weights::build::<f32, 4>(self.n_classes, Values::F32, rows, put)
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

/// Rows with at least this many weights are stored dense: a weight for
/// every class, zero where the row has none. They belong to the frequent
/// features (in the English model about 6,000 of the parser's half million
/// features take more than half of all lookups): kept together, most
/// frequent first, they stay in cache, and adding one is a straight loop
/// the compiler vectorises where a sparse row is a scatter of single adds.
const DENSE_MIN: usize = 24;

/// An empty slot's row, and a key that is not in the table.
const NO_ROW: u32 = u32::MAX;

/// Marks a row reference as the index of a dense row; without it a
/// reference is the byte offset of a sparse row.
const DENSE: u32 = 1 << 31;

/// Feature keys looked up per batch of prefetches in [`Weights::score`].
const BATCH: usize = 128;

/// A slot of an open-addressing table: a feature key (0 = empty) and the
/// reference of its row.
#[derive(Clone, Copy, Debug)]
struct Slot {
    key: u32,
    row: u32,
}

const EMPTY: Slot = Slot { key: 0, row: NO_ROW };

/// Feature key -> row reference, linear probing. Eight slots share a
/// cache line.
#[derive(Clone, Debug)]
struct Table {
    mask: usize,
    slots: Vec<Slot>,
}

impl Table {
    /// A table for `n` keys, at most 2/3 full.
    fn new(n: usize) -> Table {
        let cap = (n + n / 2).next_power_of_two().max(16);
        Table { mask: cap - 1, slots: vec![EMPTY; cap] }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20) as usize & self.mask
    }

    /// Inserts a key that is not 0 and not yet in the table.
    fn insert(&mut self, key: u32, row: u32) {
        let mut i = self.home(key);
        while self.slots[i].key != 0 {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot { key, row };
    }

    /// The row of `key`, or [`NO_ROW`]. There is always an empty slot, so
    /// the probe ends.
    #[inline(always)]
    fn get(&self, key: u32) -> u32 {
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.key == key || s.key == 0 {
                return s.row;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn filled(&self) -> impl Iterator<Item = Slot> + '_ {
        self.slots.iter().copied().filter(|s| s.key != 0)
    }
}

/// How the weights are stored.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Values {
    /// Exact 32-bit floats: weights fresh from training.
    F32,
    /// 16-bit integers times one scale for the whole table, as in the model
    /// file. A row adds its integers to integer sums; a score is its sum
    /// times the scale, rounded once. The rows take half the memory of
    /// floats, and integer sums need no conversion per weight.
    Q16(f32),
}

/// Rows for [`Weights::build`]: (key, start, length) into `entries`, each
/// row sorted by class.
struct Rows<V> {
    keys: Vec<(u32, usize, usize)>,
    entries: Vec<(u8, V)>,
}

impl<V> Default for Rows<V> {
    fn default() -> Self {
        Rows { keys: Vec::new(), entries: Vec::new() }
    }
}

/// Frozen weights: feature key -> row of (class, weight).
///
/// Scoring is bound by cache misses, so the layout is about cache lines:
/// a slot of `table` holds only the key and a row reference, either the
/// index of a dense row in `dense` (`n_classes` weights each) or the byte
/// offset of a sparse row in `sparse` (`len: u16`, `len` class bytes, then
/// `len` weights). Both kinds of row are stored longest (most frequent)
/// first. Weights are little-endian `i16` ([`Values::Q16`], a model read
/// from a file) or `f32` ([`Values::F32`], fresh from training).
#[derive(Clone, Debug)]
pub struct Weights {
    n_classes: usize,
    values: Values,
    table: Table,
    dense: Vec<u8>,
    /// Per dense row, a bitmask of the classes it has weights for (only
    /// [`Weights::write`] needs it: zeros are not all absent weights).
    present: Vec<u8>,
    sparse: Vec<u8>,
    n_features: usize,
    n_weights: usize,
}

/// The weight table does not fit the 31-bit row references or a row has
/// more than 65,535 weights.
#[derive(Clone, Copy, Debug)]
pub struct TableTooLarge;

impl std::fmt::Display for TableTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("weight table too large")
    }
}

impl std::error::Error for TableTooLarge {}

impl Weights {
    /// Builds the tables. `put` appends one weight's `W` bytes (all zero
    /// bytes must mean 0). A key that occurs twice keeps its first row, as
    /// lookups always did; key 0 marks an empty slot and is never looked up.
    fn build<V: Copy, const W: usize>(
        n_classes: usize,
        values: Values,
        rows: Rows<V>,
        put: fn(V, &mut Vec<u8>),
    ) -> Result<Weights, TableTooLarge> {
        let Rows { mut keys, entries } = rows;
        keys.sort_by_key(|(k, _, _)| *k);
        keys.dedup_by_key(|(k, _, _)| *k);
        keys.retain(|(k, _, _)| *k != 0);
        let row = |(_, start, len): &(u32, usize, usize)| &entries[*start..*start + *len];
        let dense_ok =
            |r: &[(u8, V)]| n_classes <= 256 && r.len() >= DENSE_MIN && r.windows(2).all(|p| p[0].0 < p[1].0);
        let (mut dense_keys, mut sparse_keys): (Vec<_>, Vec<_>) = keys.iter().partition(|k| dense_ok(row(k)));
        // Longest (most frequent) rows first, so that the rows in use are close.
        dense_keys.sort_by_key(|(_, _, len)| std::cmp::Reverse(*len));
        sparse_keys.sort_by_key(|(_, _, len)| std::cmp::Reverse(*len));

        let mut table = Table::new(keys.len());
        let stride = n_classes * W;
        let mask_len = n_classes.div_ceil(8);
        let mut dense = vec![0u8; dense_keys.len() * stride];
        let mut present = vec![0u8; dense_keys.len() * mask_len];
        let mut one = Vec::with_capacity(W);
        for (i, k) in dense_keys.iter().enumerate() {
            let at = u32::try_from(i).ok().filter(|i| *i < DENSE - 1).ok_or(TableTooLarge)?;
            for (c, v) in row(k) {
                let c = usize::from(*c);
                one.clear();
                put(*v, &mut one);
                dense[i * stride + c * W..i * stride + (c + 1) * W].copy_from_slice(&one);
                present[i * mask_len + c / 8] |= 1 << (c % 8);
            }
            table.insert(k.0, DENSE | at);
        }

        let mut sparse = Vec::new();
        for k in &sparse_keys {
            let r = row(k);
            let at = u32::try_from(sparse.len()).ok().filter(|a| *a < DENSE).ok_or(TableTooLarge)?;
            let len = u16::try_from(r.len()).map_err(|_| TableTooLarge)?;
            sparse.extend_from_slice(&len.to_le_bytes());
            sparse.extend(r.iter().map(|(c, _)| *c));
            for (_, v) in r {
                put(*v, &mut sparse);
            }
            table.insert(k.0, at);
        }
        let n_weights = keys.iter().map(|(_, _, len)| len).sum();
        Ok(Weights { n_classes, values, table, dense, present, sparse, n_features: keys.len(), n_weights })
    }

    /// The same table without its weak features: a feature is kept when
    /// at least one of its weights reaches `floor` in magnitude (decoded, in
    /// units of one perceptron update). Most of a parser's hashed features
    /// were seen a few times in training and carry only small weights; the
    /// table's size, and so the cache misses of every prediction, is mostly
    /// theirs. Kept features keep their rows exactly, so a floor of 0 gives
    /// the same scores.
    pub fn without_weak_features(&self, floor: f32) -> Weights {
        let decode = |b: &[u8]| match self.values {
            Values::F32 => f32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            Values::Q16(scale) => f32::from(i16::from_le_bytes([b[0], b[1]])) * scale,
        };
        let mut rows = Rows::<[u8; 4]>::default();
        for slot in self.table.filled() {
            let row = self.entries(slot.row);
            if !row.iter().any(|(_, v)| decode(v).abs() >= floor) {
                continue;
            }
            let start = rows.entries.len();
            rows.entries.extend(row.iter().map(|(c, v)| {
                let mut b = [0u8; 4];
                b[..v.len()].copy_from_slice(v);
                (*c, b)
            }));
            rows.keys.push((slot.key, start, row.len()));
        }
        let built = match self.values {
            Values::F32 => {
                Weights::build::<[u8; 4], 4>(self.n_classes, self.values, rows, |b, out| out.extend_from_slice(&b))
            }
            Values::Q16(_) => {
                Weights::build::<[u8; 4], 2>(self.n_classes, self.values, rows, |b, out| out.extend_from_slice(&b[..2]))
            }
        };
        // A subset of a table that was built fits the same references.
        built.unwrap_or_else(|_| self.clone())
    }

    /// A table with no features: every score is zero.
    pub fn empty(n_classes: usize) -> Weights {
        Weights {
            n_classes,
            values: Values::F32,
            table: Table::new(0),
            dense: Vec::new(),
            present: Vec::new(),
            sparse: Vec::new(),
            n_features: 0,
            n_weights: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    pub fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Sets `scores` to the sum of the rows of `feats` (classes past the end
    /// of `scores` are ignored).
    ///
    /// A feature that is not in cache costs a miss on its slot and another
    /// on its row. Looked up one after the other, those misses would wait
    /// for each other; instead the slots of a whole batch of features are
    /// prefetched first, then resolved to rows (prefetching each row), and
    /// only then are the rows added, in feature order, so that the float
    /// sums of training weights are exactly those of a plain loop (the
    /// integer sums of a model file's do not depend on the order).
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            unsafe { self.score_avx2(feats, scores) };
            return;
        }
        self.score_any(feats, scores);
    }

    /// [`Weights::score`] compiled for AVX2: the dense rows are added a
    /// register of classes at a time. Same operations in the same order, so
    /// the same sums (no fused multiply-add).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, feats: &[u32], scores: &mut [f32]) {
        self.score_any(feats, scores);
    }

    #[inline(always)]
    fn score_any(&self, feats: &[u32], scores: &mut [f32]) {
        match self.values {
            Values::F32 => {
                let mut acc = [0f32; 256];
                self.sum_rows::<4, f32>(feats, &mut acc);
                let n = scores.len().min(acc.len());
                scores[..n].copy_from_slice(&acc[..n]);
                scores[n..].iter_mut().for_each(|s| *s = 0.0);
            }
            Values::Q16(scale) => {
                // The quantised weights are summed as integers, exactly (81
                // features of at most 32,767 stay far below 2^24, so the
                // conversion is exact too), and scaled once: the score is
                // the true sum rounded once, whatever the order of the rows.
                let mut acc = [0i32; 256];
                self.sum_rows::<2, i32>(feats, &mut acc);
                let n = scores.len().min(acc.len());
                for (s, a) in scores[..n].iter_mut().zip(&acc[..n]) {
                    *s = *a as f32 * scale;
                }
                scores[n..].iter_mut().for_each(|s| *s = 0.0);
            }
        }
    }

    /// Adds the rows of `feats` into `acc`, in feature order.
    #[inline(always)]
    fn sum_rows<const W: usize, A: Acc>(&self, feats: &[u32], acc: &mut [A; 256]) {
        let stride = self.n_classes * W;
        let mut found = [NO_ROW; BATCH];
        for batch in feats.chunks(BATCH) {
            for f in batch {
                prefetch(&self.table.slots[self.table.home(*f)]);
            }
            for (r, f) in found.iter_mut().zip(batch) {
                *r = self.find(*f, stride);
            }
            for r in &found[..batch.len()] {
                self.add_row::<W, A>(*r, acc, stride);
            }
        }
    }

    /// The row of key `f`, prefetched, or [`NO_ROW`].
    #[inline(always)]
    fn find(&self, f: u32, stride: usize) -> u32 {
        let r = self.table.get(f);
        let row = if r == NO_ROW {
            None
        } else if r & DENSE != 0 {
            self.dense.get((r & !DENSE) as usize * stride)
        } else {
            self.sparse.get(r as usize)
        };
        if let Some(b) = row {
            prefetch(b);
        }
        r
    }

    /// Adds row `r` (if not [`NO_ROW`]) to `acc`.
    #[inline(always)]
    fn add_row<const W: usize, A: Acc>(&self, r: u32, acc: &mut [A; 256], stride: usize) {
        if r == NO_ROW {
            return;
        }
        if r & DENSE != 0 {
            let at = (r & !DENSE) as usize * stride;
            for (a, v) in acc.iter_mut().zip(self.dense[at..at + stride].chunks_exact(W)) {
                a.add(v);
            }
        } else {
            let at = r as usize;
            let len = usize::from(u16::from_le_bytes([self.sparse[at], self.sparse[at + 1]]));
            let (classes, values) = self.sparse[at + 2..].split_at(len);
            for (c, v) in classes.iter().zip(values[..len * W].chunks_exact(W)) {
                acc[usize::from(*c)].add(v);
            }
        }
    }

    /// The (class, weight bytes) of row `r`.
    fn entries(&self, r: u32) -> Vec<(u8, &[u8])> {
        let w = match self.values {
            Values::F32 => 4,
            Values::Q16(_) => 2,
        };
        if r & DENSE != 0 {
            let i = (r & !DENSE) as usize;
            let (stride, mask_len) = (self.n_classes * w, self.n_classes.div_ceil(8));
            let row = &self.dense[i * stride..(i + 1) * stride];
            let present = &self.present[i * mask_len..(i + 1) * mask_len];
            (0..self.n_classes)
                .filter(|c| present[c / 8] & (1 << (c % 8)) != 0)
                .map(|c| (c as u8, &row[c * w..(c + 1) * w]))
                .collect()
        } else {
            let at = r as usize;
            let len = usize::from(u16::from_le_bytes([self.sparse[at], self.sparse[at + 1]]));
            let (classes, values) = self.sparse[at + 2..].split_at(len);
            classes.iter().copied().zip(values[..len * w].chunks_exact(w)).collect()
        }
    }

    /// Writes keys delta-coded and weights quantised to 16 bits with one
    /// scale for the whole table: the model shrinks to a few bytes per
    /// weight and accuracy does not move measurably. A table read from a
    /// file is written back unchanged.
    pub fn write(&self, w: &mut Writer) {
        let mut keyed: Vec<Slot> = self.table.filled().collect();
        keyed.sort_by_key(|s| s.key);
        let as_f32 = |b: &[u8]| f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let scale = match self.values {
            Values::Q16(scale) => scale,
            Values::F32 => {
                let max = keyed
                    .iter()
                    .flat_map(|s| self.entries(s.row))
                    .fold(0f32, |m, (_, v)| m.max(as_f32(v).abs()))
                    .max(1e-9);
                max / 32767.0
            }
        };
        w.u64(self.n_classes as u64);
        w.u64(keyed.len() as u64);
        w.f32(scale);
        let mut prev = 0u32;
        for s in keyed {
            w.u64(u64::from(s.key - prev));
            prev = s.key;
            let row = self.entries(s.row);
            w.u64(row.len() as u64);
            for (c, v) in row {
                w.u8(c);
                w.i16(match self.values {
                    Values::Q16(_) => i16::from_le_bytes([v[0], v[1]]),
                    Values::F32 => (as_f32(v) / scale).round().clamp(-32767.0, 32767.0) as i16,
                });
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, FormatError> {
        let n_classes = r.u64("weights.classes")? as usize;
        let n = r.u64("weights.features")? as usize;
        let scale = r.f32("weights.scale")?;
        if !scale.is_finite() {
            return Err(r.error("weights.scale", "not a finite number"));
        }
        let mut rows = Rows { keys: Vec::with_capacity(n.min(1 << 24)), entries: Vec::new() };
        let mut key = 0u32;
        for _ in 0..n {
            let delta = r.u64("weights.key")?;
            key = key.wrapping_add(delta as u32);
            let len = r.u64("weights.row")? as usize;
            let start = rows.entries.len();
            for _ in 0..len {
                let c = r.u8("weights.class")?;
                if usize::from(c) >= n_classes {
                    return Err(r.error("weights.class", "class out of range"));
                }
                rows.entries.push((c, r.i16("weights.value")?));
            }
            rows.keys.push((key, start, len));
        }
        let put = |q: i16, out: &mut Vec<u8>| out.extend_from_slice(&q.to_le_bytes());
        Weights::build::<i16, 2>(n_classes, Values::Q16(scale), rows, put)
            .map_err(|_| r.error("weights", "weight table too large"))
    }
}

/// A score accumulator: `f32` for the float weights of training (4 bytes
/// each), `i32` for the quantised weights of a model file (2 bytes each).
trait Acc: Copy {
    fn add(&mut self, b: &[u8]);
}

impl Acc for f32 {
    #[inline(always)]
    fn add(&mut self, b: &[u8]) {
        *self += f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    }
}

impl Acc for i32 {
    #[inline(always)]
    fn add(&mut self, b: &[u8]) {
        *self += i32::from(i16::from_le_bytes([b[0], b[1]]));
    }
}

/// Asks the CPU to start loading the cache line of `x`; a hint only.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault; `x` is a valid
    // reference anyway.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
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
        let Ok(w) = t.average(0.0) else { panic!("a tiny table fits") };
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

    #[test]
    fn weak_features_go_and_the_others_keep_their_rows() {
        let mut g = Gen(0xf100);
        let (n_classes, scale) = (45, 0.000_731_f32);
        let (bytes, rows) = random_table(&mut g, n_classes, scale);
        let w = Weights::read(&mut Reader::new(&bytes)).unwrap();
        let floor = 2.0;
        let strong = |row: &[(u8, i16)]| row.iter().any(|(_, q)| (f32::from(*q) * scale).abs() >= floor);
        let kept: Vec<&(u32, Vec<(u8, i16)>)> = rows.iter().filter(|(_, r)| strong(r)).collect();
        assert!(!kept.is_empty() && kept.len() < rows.len(), "the floor splits the table");
        let pruned = w.without_weak_features(floor);
        assert_eq!(pruned.n_features(), kept.len());
        assert_eq!(pruned.n_weights(), kept.iter().map(|(_, r)| r.len()).sum::<usize>());
        // Every feature alone: a kept one scores exactly as before, a
        // dropped one scores nothing.
        let (mut before, mut after) = (vec![0f32; n_classes], vec![0f32; n_classes]);
        for (k, row) in &rows {
            w.score(&[*k], &mut before);
            pruned.score(&[*k], &mut after);
            if strong(row) {
                assert_eq!(before, after, "feature {k}");
            } else {
                assert!(after.iter().all(|s| *s == 0.0), "feature {k}");
            }
        }
        // No floor, no change; pruning twice is pruning once.
        let mut a = Writer::default();
        w.without_weak_features(0.0).write(&mut a);
        assert!(a.into_bytes() == bytes);
        let (mut once, mut twice) = (Writer::default(), Writer::default());
        pruned.write(&mut once);
        pruned.without_weak_features(floor).write(&mut twice);
        assert!(once.into_bytes() == twice.into_bytes());
    }

    /// A small deterministic generator (xorshift64*).
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// (key, (class, quantised weight)) rows.
    type TestRows = Vec<(u32, Vec<(u8, i16)>)>;

    /// A model-file weight table with rows of every length (so both dense
    /// and sparse rows), and the rows themselves.
    fn random_table(g: &mut Gen, n_classes: usize, scale: f32) -> (Vec<u8>, TestRows) {
        let mut keys: Vec<u32> = (0..400).map(|_| g.next() as u32 | 1).collect();
        keys.sort_unstable();
        keys.dedup();
        let rows: TestRows = keys
            .iter()
            .map(|k| {
                let len = 1 + g.below(n_classes as u64) as usize;
                let mut classes: Vec<u8> = (0..n_classes as u8).collect();
                for i in (1..classes.len()).rev() {
                    classes.swap(i, g.below(i as u64 + 1) as usize);
                }
                classes.truncate(len);
                classes.sort_unstable();
                // Some weights quantise to 0 and must survive a round trip.
                (*k, classes.into_iter().map(|c| (c, (g.below(9) as i16 - 4) * g.below(8000) as i16)).collect())
            })
            .collect();
        let mut w = Writer::default();
        w.u64(n_classes as u64);
        w.u64(rows.len() as u64);
        w.f32(scale);
        let mut prev = 0;
        for (k, row) in &rows {
            w.u64(u64::from(k - prev));
            prev = *k;
            w.u64(row.len() as u64);
            for (c, q) in row {
                w.u8(*c);
                w.i16(*q);
            }
        }
        (w.into_bytes(), rows)
    }

    #[test]
    fn scores_are_the_exact_sums_scaled_once_and_the_table_round_trips() {
        let mut g = Gen(0x5eed);
        let (n_classes, scale) = (45, 0.000_731_f32);
        let (bytes, rows) = random_table(&mut g, n_classes, scale);
        let w = Weights::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(w.n_features(), rows.len());
        assert_eq!(w.n_weights(), rows.iter().map(|(_, r)| r.len()).sum::<usize>());
        assert!(!w.dense.is_empty() && !w.sparse.is_empty(), "both kinds of row are exercised");
        let mut out = Writer::default();
        w.write(&mut out);
        assert!(out.into_bytes() == bytes, "a table read from a file is written back unchanged");

        for trial in 0..300 {
            // Known keys (some twice), unknown keys and the empty-slot key 0.
            let feats: Vec<u32> = (0..1 + g.below(150))
                .map(|_| match g.below(10) {
                    0 => g.next() as u32,
                    1 => 0,
                    _ => rows[g.below(rows.len() as u64) as usize].0,
                })
                .collect();
            let len = [n_classes, n_classes - 7, n_classes + 3][trial % 3];
            let mut sums = vec![0i64; len];
            for f in &feats {
                if let Some((_, row)) = rows.iter().find(|(k, _)| k == f) {
                    for (c, q) in row {
                        if let Some(s) = sums.get_mut(usize::from(*c)) {
                            *s += i64::from(*q);
                        }
                    }
                }
            }
            let want: Vec<f32> = sums.iter().map(|s| *s as f32 * scale).collect();
            let mut got = vec![f32::NAN; len];
            w.score(&feats, &mut got);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "trial {trial}");
            // The portable code (what runs without AVX2) agrees too.
            w.score_any(&feats, &mut got);
            assert_eq!(bits(&got), bits(&want), "trial {trial}, portable");
        }
    }

    #[test]
    fn bad_tables_give_errors() {
        let mut g = Gen(7);
        let (bytes, _) = random_table(&mut g, 12, 0.5);
        for cut in [0, 1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(Weights::read(&mut Reader::new(&bytes[..cut])).is_err(), "cut at {cut}");
        }
        let (bytes, _) = random_table(&mut g, 12, f32::NAN);
        let e = Weights::read(&mut Reader::new(&bytes)).unwrap_err().to_string();
        assert!(e.contains("weights.scale"), "{e}");
    }
}
