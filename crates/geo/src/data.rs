//! The gazetteer: entries decoded from the embedded data file and an index
//! from folded name keys to entries.
//!
//! The data file (`data/gazetteer.tsv.z`, built by `tools/build_gazetteer.py`)
//! is zlib-compressed TSV; see the crate README for its columns. It is
//! decoded once per process, on first use, because decoding and indexing
//! 174,000 entries takes a noticeable fraction of a second.

use crate::fold::{key_hash, name_key, name_key_with, FoldCache};
use std::sync::OnceLock;

static EMBEDDED: &[u8] = include_bytes!("../data/gazetteer.tsv.z");

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Country,
    /// A first-level administrative division (governorate, province, state, oblast).
    Admin1,
    /// A hand-listed region or terrain feature (plain, valley, heights).
    Region,
    /// A populated place.
    City,
}

/// Index of an entry in its [`Gazetteer`].
pub type EntryId = u32;

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: EntryId,
    pub kind: EntryKind,
    /// GeoNames id, when the entry comes from GeoNames with one.
    pub geonames_id: Option<u64>,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// GeoNames first-level division code within the country (`09` is Aleppo in SY).
    pub admin1: String,
    pub population: u64,
    /// Precision an exact mention of this entry has (1 for a place, 2 or 3 for areas).
    pub precision: u8,
    /// Alternate names, `|`-separated.
    alternates: String,
    /// For a country, the ISO codes of its neighbours, comma-separated.
    neighbours: String,
}

impl Entry {
    pub fn alternates(&self) -> impl Iterator<Item = &str> {
        self.alternates.split('|').filter(|s| !s.is_empty())
    }
    pub fn neighbours(&self) -> impl Iterator<Item = &str> {
        self.neighbours.split(',').filter(|s| s.len() == 2)
    }
}

/// Set in an index row whose key is an alternate name, not the entry's own name.
pub(crate) const ALT_BIT: u32 = 1 << 31;

/// Something wrong in a gazetteer data line; loading skips the line and keeps going.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataIssue {
    /// 1-based line number in the decompressed TSV.
    pub line: usize,
    pub message: String,
}

/// A set of places with a folded-name index.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// (key hash, entry) sorted by hash, one row per distinct (name key,
    /// entry); [`ALT_BIT`] marks keys that come only from alternate names.
    index: Vec<(u64, EntryId)>,
    /// One bit per value of the top [`FILTER_BITS`] bits of the key hashes in
    /// `index`: most n-grams of a text are in no key, and a clear bit says so
    /// without a binary search over the whole index.
    filter: Vec<u64>,
    /// Where the rows of each value of the top [`DIR_BITS`] bits of the key
    /// hash start in `index` (one more entry for the end), so a look-up
    /// searches a few rows instead of the whole index.
    dir: Vec<u32>,
    /// Most tokens in any indexed key, to bound n-gram lookups.
    pub(crate) max_tokens: usize,
    /// Problems found while loading.
    pub issues: Vec<DataIssue>,
    countries: Vec<(String, EntryId)>,
}

impl Gazetteer {
    /// The gazetteer compiled into the crate, decoded on first use.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let raw = miniz_oxide::inflate::decompress_to_vec_zlib(EMBEDDED).unwrap_or_default();
            Gazetteer::from_tsv(&String::from_utf8_lossy(&raw))
        })
    }

    /// Builds a gazetteer from the TSV format described in the README. Lines
    /// that do not parse are skipped and reported in [`Gazetteer::issues`].
    pub fn from_tsv(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            match parse_line(line, g.entries.len() as EntryId) {
                Ok(e) => g.entries.push(e),
                Err(message) => g.issues.push(DataIssue { line: n + 1, message }),
            }
        }
        g.build_index();
        g
    }

    fn build_index(&mut self) {
        // Folding every name and alternate is most of the start-up time:
        // the entries are split over the cores (the index is sorted after,
        // so the result does not depend on the split).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = self.entries.len().div_ceil(threads).max(1);
        let parts: Vec<(Vec<(u64, EntryId)>, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .entries
                .chunks(chunk)
                .map(|part| (part, std::thread::Builder::new().spawn_scoped(scope, move || index_rows(part))))
                .collect();
            handles
                .into_iter()
                .map(|(part, h)| match h {
                    Ok(h) => h.join().unwrap_or_else(|_| index_rows(part)),
                    Err(_) => index_rows(part),
                })
                .collect()
        });
        let mut index = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut max_tokens = 1;
        for (rows, tokens) in parts {
            index.extend(rows);
            max_tokens = max_tokens.max(tokens);
        }
        for e in &self.entries {
            if e.kind == EntryKind::Country {
                self.countries.push((e.country.clone(), e.id));
            }
        }
        index.sort_unstable();
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for (h, _) in &index {
            let bit = filter_bit(*h);
            filter[bit >> 6] |= 1 << (bit & 63);
        }
        self.filter = filter;
        let mut dir = Vec::with_capacity((1 << DIR_BITS) + 1);
        let mut at = 0;
        for bucket in 0..=(1u64 << DIR_BITS) {
            while at < index.len() && index[at].0 >> (64 - DIR_BITS) < bucket {
                at += 1;
            }
            dir.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        self.dir = dir;
        self.index = index;
        self.max_tokens = max_tokens.min(8);
        self.countries.sort();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, iso: &str) -> Option<&Entry> {
        let i = self.countries.binary_search_by(|(c, _)| c.as_str().cmp(iso)).ok()?;
        self.entry(self.countries[i].1)
    }

    pub(crate) fn ids_for_hash(&self, h: u64) -> &[(u64, EntryId)] {
        let bit = filter_bit(h);
        if self.filter.get(bit >> 6).is_some_and(|w| w & (1 << (bit & 63)) == 0) {
            return &[];
        }
        let bucket = (h >> (64 - DIR_BITS)) as usize;
        let rows = match (self.dir.get(bucket), self.dir.get(bucket + 1)) {
            (Some(&a), Some(&b)) => self.index.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &self.index[..],
        };
        let lo = rows.partition_point(|(k, _)| *k < h);
        let hi = rows[lo..].partition_point(|(k, _)| *k == h) + lo;
        &rows[lo..hi]
    }

    /// All entries one of whose names folds to the same key as `name`,
    /// countries first, then regions, divisions and places, larger first.
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let key = name_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<&Entry> =
            self.ids_for_hash(key_hash(&key)).iter().filter_map(|(_, id)| self.entry(*id & !ALT_BIT)).collect();
        out.sort_by(|a, b| a.kind.cmp(&b.kind).then(b.population.cmp(&a.population)).then(a.id.cmp(&b.id)));
        out
    }
}

/// The index rows of some entries, and the most tokens in any of their keys.
fn index_rows(entries: &[Entry]) -> (Vec<(u64, EntryId)>, usize) {
    let mut index = Vec::with_capacity(entries.len() * 3);
    let mut max_tokens = 1;
    let mut cache = FoldCache::default();
    for e in entries {
        let primary = name_key_with(&e.name, &mut cache);
        let keys: Vec<String> =
            e.alternates().map(|a| name_key_with(a, &mut cache)).filter(|k| !k.is_empty() && *k != primary).collect();
        // Case forms from other languages ("Kievu", "Kievom" beside "Kiev")
        // name nothing a report writes and collide with other places (Kivu).
        let inflections: Vec<bool> =
            keys.iter().map(|k| inflected(k, &primary) || keys.iter().any(|b| b != k && inflected(k, b))).collect();
        let mut keys: Vec<String> = keys.into_iter().zip(inflections).filter(|(_, x)| !x).map(|(k, _)| k).collect();
        keys.sort_unstable();
        keys.dedup();
        if !primary.is_empty() {
            max_tokens = max_tokens.max(primary.split(' ').count());
            index.push((key_hash(&primary), e.id));
        }
        for k in keys {
            max_tokens = max_tokens.max(k.split(' ').count());
            index.push((key_hash(&k), e.id | ALT_BIT));
        }
    }
    (index, max_tokens)
}

/// Whether an alternate name's key is the primary name's key plus a short
/// ending: a case form from another language ("Kievu", "Kievom" for Kyiv).
fn inflected(alt: &str, base: &str) -> bool {
    // Folded endings: -a, -i/-e, -u/-o, -um/-om, -us/-os, -as, -is.
    const ENDINGS: &[&str] = &["a", "i", "u", "um", "us", "as", "is"];
    base.len() >= 3 && !alt.contains(' ') && alt.strip_prefix(base).is_some_and(|end| ENDINGS.contains(&end))
}

/// Bits of the key hash that address the lookup filter (2^22 bits, 512 KB).
const FILTER_BITS: u32 = 22;

/// Bits of the key hash that address the index directory (2^16 buckets).
const DIR_BITS: u32 = 16;

fn filter_bit(h: u64) -> usize {
    (h >> (64 - FILTER_BITS)) as usize
}

fn parse_line(line: &str, id: EntryId) -> Result<Entry, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 10 {
        return Err(format!("expected at least 10 tab-separated fields, found {}", f.len()));
    }
    let kind = match f[0] {
        "C" => EntryKind::Country,
        "A" => EntryKind::Admin1,
        "R" => EntryKind::Region,
        "P" => EntryKind::City,
        k => return Err(format!("unknown kind {k:?} in field 1")),
    };
    let gid: u64 = f[1].parse().map_err(|_| format!("field 2 (gid) is not a number: {:?}", f[1]))?;
    let lat: f64 = f[3].parse().map_err(|_| format!("field 4 (lat) is not a number: {:?}", f[3]))?;
    let lon: f64 = f[4].parse().map_err(|_| format!("field 5 (lon) is not a number: {:?}", f[4]))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    let population: u64 = f[7].parse().unwrap_or(0);
    let default_precision = match kind {
        EntryKind::City => 1,
        EntryKind::Region => 2,
        EntryKind::Admin1 | EntryKind::Country => 3,
    };
    let precision = f[8].parse().ok().filter(|p| (1..=3).contains(p)).unwrap_or(default_precision);
    if f[2].is_empty() {
        return Err("field 3 (name) is empty".to_string());
    }
    Ok(Entry {
        id,
        kind,
        geonames_id: (gid > 0).then_some(gid),
        name: f[2].to_string(),
        lat,
        lon,
        country: f[5].to_string(),
        admin1: f[6].to_string(),
        population,
        precision,
        alternates: f[9].to_string(),
        neighbours: f.get(10).map(|s| s.to_string()).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The directory-guided look-up finds exactly the rows a search of the
    /// whole index finds: every key of the embedded gazetteer, keys at the
    /// bucket edges and keys that are in no entry.
    #[test]
    fn directory_look_ups_equal_a_whole_index_search() {
        let g = Gazetteer::embedded();
        assert_eq!(g.dir.len(), (1 << DIR_BITS) + 1);
        let whole = |h: u64| {
            let lo = g.index.partition_point(|(k, _)| *k < h);
            let hi = g.index.partition_point(|(k, _)| *k <= h);
            &g.index[lo..hi]
        };
        let mut keys: Vec<u64> = g.index.iter().map(|(k, _)| *k).collect();
        keys.dedup();
        assert!(keys.len() > 1000, "the embedded gazetteer has its index");
        let mut probes = keys.clone();
        probes.extend([0, 1, u64::MAX, u64::MAX - 1, 1 << (64 - DIR_BITS), (1 << (64 - DIR_BITS)) - 1]);
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            probes.push(x);
        }
        for h in probes {
            // The filter may say "absent" early; it must never hide a key.
            assert_eq!(g.ids_for_hash(h), whole(h), "hash {h:#x}");
        }
        for k in keys {
            assert!(!g.ids_for_hash(k).is_empty(), "key {k:#x} is found");
        }
    }
}
