//! Deterministic hashing for feature keys.
//!
//! Features are never materialised as strings: a feature is the hash of a
//! template number and a few integer atoms (word hashes, tag ids, labels).
//! The hashes must be identical on every platform and across runs, because
//! the trained model stores them, so nothing here uses `std`'s randomised
//! hasher.

/// FNV-1a over the bytes of `s`, finished with a mixer so that short words
/// spread over the whole 64-bit range.
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

/// FNV-1a over `bytes`, finished with [`fmix`].
#[inline]
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = BytesHasher::new();
    h.write(bytes);
    h.finish()
}

/// [`bytes_hash`] fed piece by piece, for strings that are never built:
/// the hash of the pieces is that of their concatenation.
#[derive(Clone, Copy, Debug)]
pub struct BytesHasher(u64);

impl BytesHasher {
    #[inline]
    pub fn new() -> BytesHasher {
        BytesHasher(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    pub fn write_char(&mut self, c: char) {
        self.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    #[inline]
    pub fn finish(&self) -> u64 {
        fmix(self.0)
    }
}

impl Default for BytesHasher {
    fn default() -> Self {
        BytesHasher::new()
    }
}

/// The murmur3 64-bit finaliser: a cheap bijective mixer.
#[inline]
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Combines a running hash with one more atom (order-sensitive).
#[inline]
pub fn combine(h: u64, atom: u64) -> u64 {
    fmix(h.rotate_left(5) ^ atom.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature key from a template number and up to three atoms. Keys are 32
/// bits: with a few million distinct features, collisions are rare enough
/// not to matter, and the model file is half the size. Zero marks an empty
/// slot in the weight table, so it is never produced.
#[inline]
pub fn feat(template: u32, a: u64, b: u64, c: u64) -> u32 {
    let h = combine(combine(combine(u64::from(template) + 1, a), b), c);
    let k = (h >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_order_sensitive() {
        assert_eq!(str_hash("Aleppo"), str_hash("Aleppo"));
        assert_ne!(str_hash("Aleppo"), str_hash("aleppo"));
        assert_ne!(feat(1, 2, 3, 0), feat(1, 3, 2, 0));
        assert_ne!(feat(1, 2, 3, 0), feat(2, 2, 3, 0));
        // Pinned so that a change of hash function cannot silently
        // invalidate the shipped model.
        assert_eq!(str_hash("Aleppo"), 0x5b05660cdc3e26a9);
        assert_eq!(feat(3, 1, 2, 0), 2942179192);
        let mut h = BytesHasher::new();
        h.write(b"Ale");
        h.write_char('p');
        h.write(b"po");
        assert_eq!(h.finish(), str_hash("Aleppo"));
    }
}
