//! A tiny little-endian binary format with LEB128 integers, used for the
//! model file. Reading never panics: every read is bounds-checked and a
//! truncated or corrupt file gives a [`FormatError`] naming the field.

use thiserror::Error;

/// Why a model file could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FormatError {
    #[error("model file: field `{field}` at byte {offset}: {reason}")]
    Corrupt { field: &'static str, offset: usize, reason: &'static str },
}

#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
    pub fn len(&self) -> usize {
        self.buf.len()
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }
    pub fn error(&self, field: &'static str, reason: &'static str) -> FormatError {
        FormatError::Corrupt { field, offset: self.pos, reason }
    }
    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }
    pub fn take(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.buf.len());
        match end {
            Some(e) => {
                let s = &self.buf[self.pos..e];
                self.pos = e;
                Ok(s)
            }
            None => Err(self.error(field, "unexpected end of data")),
        }
    }
    pub fn u8(&mut self, field: &'static str) -> Result<u8, FormatError> {
        Ok(self.take(1, field)?[0])
    }
    pub fn i16(&mut self, field: &'static str) -> Result<i16, FormatError> {
        let b = self.take(2, field)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
    pub fn f32(&mut self, field: &'static str) -> Result<f32, FormatError> {
        let b = self.take(4, field)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self, field: &'static str) -> Result<u64, FormatError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8(field)?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.error(field, "integer too long"))
    }
    pub fn str(&mut self, field: &'static str) -> Result<&'a str, FormatError> {
        let n = self.u64(field)? as usize;
        let b = self.take(n, field)?;
        std::str::from_utf8(b).map_err(|_| self.error(field, "invalid UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_truncation() {
        let mut w = Writer::default();
        w.u64(0);
        w.u64(300);
        w.u64(u64::MAX);
        w.str("al-Nusra");
        w.i16(-5);
        w.f32(0.25);
        let b = w.into_bytes();
        let mut r = Reader::new(&b);
        assert_eq!(r.u64("a").unwrap(), 0);
        assert_eq!(r.u64("b").unwrap(), 300);
        assert_eq!(r.u64("c").unwrap(), u64::MAX);
        assert_eq!(r.str("d").unwrap(), "al-Nusra");
        assert_eq!(r.i16("e").unwrap(), -5);
        assert_eq!(r.f32("f").unwrap(), 0.25);
        assert!(r.at_end());
        let mut r = Reader::new(&b[..b.len() - 2]);
        let _ = (r.u64("a"), r.u64("b"), r.u64("c"), r.str("d"), r.i16("e"));
        let e = r.f32("f").unwrap_err().to_string();
        assert!(e.contains("`f`"), "{e}");
    }
}
