//! Hive-style partitions: `outlet=<outlet>/year=<yyyy>/month=<mm>`.

use serde_json::Value;
use std::path::PathBuf;

/// The directory value Hive, Spark and Trino read as a null partition value.
pub const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Escaped partition values longer than this are cut and suffixed with a
/// hash of the whole value, so that a path segment stays well under the 255
/// bytes file systems allow.
const MAX_VALUE_BYTES: usize = 160;

/// Where a document's records land: its outlet and the year and month of
/// its publication date (each `None` when unknown).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Partition {
    pub outlet: Option<String>,
    pub year: Option<u16>,
    pub month: Option<u8>,
}

impl Partition {
    /// The partition of an exchange `document` record (its `outlet` and
    /// `published` keys; `published` is an ISO date such as `2016-05-06`,
    /// `2016-05` or `2016`).
    pub fn of_document(doc: &Value) -> Partition {
        let outlet = doc.get("outlet").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let (year, month) = doc.get("published").and_then(Value::as_str).map_or((None, None), year_month);
        Partition { outlet: outlet.map(str::to_owned), year, month }
    }

    /// The partition directory relative to a table's directory.
    pub fn relative_dir(&self) -> PathBuf {
        let outlet = self.outlet.as_deref().map_or_else(|| DEFAULT_PARTITION.to_owned(), escape_value);
        let year = self.year.map_or_else(|| DEFAULT_PARTITION.to_owned(), |y| format!("{y:04}"));
        let month = self.month.map_or_else(|| DEFAULT_PARTITION.to_owned(), |m| format!("{m:02}"));
        PathBuf::from(format!("outlet={outlet}")).join(format!("year={year}")).join(format!("month={month}"))
    }
}

/// Year and month of an ISO date string (`YYYY`, `YYYY-MM`, `YYYY-MM-DD...`).
fn year_month(date: &str) -> (Option<u16>, Option<u8>) {
    let mut parts = date.trim().splitn(3, '-');
    let year = parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<u16>().ok())
        .filter(|&y| y > 0);
    let month = year
        .and(parts.next())
        .map(|m| m.get(..2).unwrap_or(m))
        .and_then(|m| (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit())).then(|| m.parse::<u8>().ok()).flatten());
    (year, month.filter(|m| (1..=12).contains(m)))
}

/// Escapes a partition value the way Hive does (`%` and two upper-case hex
/// digits for control characters and `"#%'*/:=?\{[]^` and DEL), so that
/// Hive, Spark and Trino read the original value back. An empty value is the
/// default partition.
pub fn escape_value(value: &str) -> String {
    if value.is_empty() {
        return DEFAULT_PARTITION.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if needs_escape(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    if out.len() <= MAX_VALUE_BYTES {
        return out;
    }
    // Cut at a character boundary, not inside an escape.
    let mut cut = MAX_VALUE_BYTES;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(p) = out[..cut].rfind('%').filter(|&p| p + 3 > cut) {
        cut = p;
    }
    format!("{}~{:016x}", &out[..cut], fnv1a(value.as_bytes()))
}

fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{01}'
            ..='\u{1F}'
                | '"'
                | '#'
                | '%'
                | '\''
                | '*'
                | '/'
                | ':'
                | '='
                | '?'
                | '\\'
                | '\u{7F}'
                | '{'
                | '['
                | ']'
                | '^'
    ) || c == '\0'
}

/// Inverse of [`escape_value`] for values that were not cut (`%XX` back to
/// the character; the default partition to `None`).
pub fn unescape_value(segment: &str) -> Option<String> {
    if segment == DEFAULT_PARTITION {
        return None;
    }
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn partitions_of_documents() {
        let p = Partition::of_document(&json!({"outlet": "Beirut Monitor", "published": "2013-02-07"}));
        assert_eq!(p.relative_dir(), PathBuf::from("outlet=Beirut Monitor/year=2013/month=02"));
        let p = Partition::of_document(&json!({"outlet": null, "published": "2016"}));
        assert_eq!(
            p.relative_dir(),
            PathBuf::from("outlet=__HIVE_DEFAULT_PARTITION__/year=2016/month=__HIVE_DEFAULT_PARTITION__")
        );
        let p = Partition::of_document(&json!({"outlet": "  ", "published": "May 2016"}));
        assert_eq!(p, Partition::default());
        assert_eq!(Partition::of_document(&json!({"published": "2016-13"})).month, None);
        assert_eq!(Partition::of_document(&json!({"published": "2016-05"})).month, Some(5));
        assert_eq!(Partition::of_document(&json!({"published": "2016-05-06T10:00:00Z"})).month, Some(5));
    }

    #[test]
    fn unsafe_characters_are_escaped_as_hive_does() {
        assert_eq!(escape_value("a/b"), "a%2Fb");
        assert_eq!(escape_value("Al-Hayat: \"news\" 100%"), "Al-Hayat%3A %22news%22 100%25");
        assert_eq!(escape_value("x=y?z#[1]^{2}*'\\"), "x%3Dy%3Fz%23%5B1%5D%5E%7B2}%2A%27%5C");
        assert_eq!(escape_value("tab\there\u{7f}"), "tab%09here%7F");
        assert_eq!(escape_value("Al-Jazeera عربي"), "Al-Jazeera عربي");
        assert_eq!(escape_value(""), DEFAULT_PARTITION);
        for v in ["a/b", "Al-Hayat: \"news\" 100%", "x=y?z#[1]^{2}", "..", "é/ü"] {
            assert_eq!(unescape_value(&escape_value(v)).as_deref(), Some(v));
        }
    }

    #[test]
    fn long_values_are_cut_with_a_hash() {
        let long = "/".repeat(300);
        let a = escape_value(&long);
        assert!(a.len() < 200, "{}", a.len());
        assert!(!a.contains('/'));
        let b = escape_value(&format!("{long}x"));
        assert_ne!(a, b, "different values stay apart");
        let wide = "ü".repeat(200);
        assert!(escape_value(&wide).len() < 200);
    }
}
