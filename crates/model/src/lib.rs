//! The data types that flow through sitrep.
//!
//! Every stage of the pipeline reads and produces the types defined here:
//! `Document -> Paragraph/Sentence -> Mention -> Event/Relation/Statement`.
//! A key design decision is that every record carries byte spans into
//! [`Document::text`], the decoded text of the document as it was read, so any
//! fact can be shown in the sentence it came from. Stages never rewrite that
//! text; boilerplate is not deleted but marked with [`Removed`] spans.
//!
//! The exchange records (`kind = "document" | "actor" | "event" | "relation" |
//! "statement"`) are defined by the project's export contract; the structs here
//! serialize to exactly those keys (plus a few extra keys consumers ignore).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers, or "" when it is out of bounds or not on a
    /// character boundary (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A calendar date known to a given precision. `year` is `None` when the text
/// gives a day and month but no year can be inferred (never guessed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub const fn ymd(year: i16, month: u8, day: u8) -> PartialDate {
        PartialDate { year: Some(year), month: Some(month), day: Some(day) }
    }
    pub const fn ym(year: i16, month: u8) -> PartialDate {
        PartialDate { year: Some(year), month: Some(month), day: None }
    }
    pub const fn y(year: i16) -> PartialDate {
        PartialDate { year: Some(year), month: None, day: None }
    }
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and `--MM-DD` (year unknown).
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("--") {
            let (m, d) = rest.split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            return valid_md(m, d).then_some(PartialDate { year: None, month: Some(m), day: Some(d) });
        }
        let mut parts = s.splitn(3, '-');
        let year: i16 = parts.next()?.parse().ok()?;
        let month: Option<u8> = match parts.next() {
            Some(m) => Some(m.parse().ok()?),
            None => None,
        };
        let day: Option<u8> = match parts.next() {
            Some(d) => Some(d.get(..2).unwrap_or(d).parse().ok()?),
            None => None,
        };
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if !valid_md(m, d) {
                return None;
            }
        }
        Some(PartialDate { year: Some(year), month, day })
    }
}

fn valid_md(m: u8, d: u8) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => f.write_str(""),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Hour,
    Day,
    Month,
    Year,
}

/// A date interval with its precision, as exported (`{"start","end","precision"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: String,
    pub end: String,
    pub precision: DatePrecision,
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

/// What a document is, as far as metadata goes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Where it was read from (file path, `-` for stdin, `file.jsonl:12` for a corpus line).
    pub path: String,
    /// The `id` the input corpus gave this document.
    pub source_id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    /// ISO 639-1 code of the body language, `und` when undetermined.
    pub language: String,
    /// Input format: txt, md, html, jsonl, csv.
    pub format: String,
    /// Marked as a primary source (transcript, official statement).
    pub primary: bool,
    /// Other keys the input carried, kept verbatim.
    pub extra: BTreeMap<String, String>,
}

/// Why a span of text was set aside as boilerplate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub span: Span,
    /// A short machine-readable reason: `disclaimer`, `copyright`, `share-bar`,
    /// `image-credit`, `link-only`, `continue-reading`, `byline`, `dateline`, `navigation`, ...
    pub reason: String,
}

/// A document as sitrep stores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the normalized text (see `sitrep-ingest`).
    pub id: String,
    pub meta: DocMeta,
    /// The decoded text every span points into. For HTML it is the text the
    /// main-content extractor produced, one block per paragraph.
    pub text: String,
    /// Spans of `text` recognised as boilerplate or metadata, in order, not overlapping.
    pub removed: Vec<Removed>,
}

/// The kind of a paragraph-level unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Text,
    Heading,
    ListItem,
    /// A transcript turn: `MR TONER: ...`, `QUESTION: ...`, `Q ...`.
    Turn,
    /// A block quote (Markdown `>` or HTML `<blockquote>`).
    Quote,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub index: usize,
    pub span: Span,
    pub kind: ParagraphKind,
    /// For a transcript turn, the speaker label as written (`MR TONER`, `Q`).
    pub speaker_label: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub paragraph: usize,
    pub span: Span,
}

/// A document cut into paragraphs and sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segmentation {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

// ---------------------------------------------------------------------------
// Actors and mentions
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Group,
    Coalition,
    State,
    Organization,
    Person,
    Population,
    Agreement,
}

impl ActorType {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorType::Group => "group",
            ActorType::Coalition => "coalition",
            ActorType::State => "state",
            ActorType::Organization => "organization",
            ActorType::Person => "person",
            ActorType::Population => "population",
            ActorType::Agreement => "agreement",
        }
    }
}

/// The exchange `actor` record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ActorType,
    pub aliases: Vec<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub cameo: Option<String>,
}

/// A stretch of text that names an actor, resolved or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// Resolved actor id, or `None` for a provisional (unknown) actor.
    pub actor: Option<String>,
    /// Canonical name when resolved, else the surface form.
    pub name: String,
    /// Which rule resolved it: `alias`, `short-form`, `title`, `demonym`,
    /// `generic`, `coalition-anaphor`, `unknown-candidate`, ...
    pub rule: String,
    /// A sector qualifier such as `military`, `government`, `air force`.
    pub sector: Option<String>,
}

// ---------------------------------------------------------------------------
// Coded records
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Reported,
    Negated,
    Hypothetical,
}

/// The exchange `place` object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// 1 the named place itself, 2 an enclosing or nearby place, 3 region or country only.
    pub precision: u8,
    /// Gazetteer id when resolved (GeoNames id).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub gazetteer_id: Option<u64>,
}

/// Where a record was read from, shared by events, relations and statements.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Document id.
    pub doc: String,
    /// Sentence index within the document.
    pub sentence_index: usize,
    /// Byte span of the sentence in the document text.
    pub sentence_span: Span,
    /// Byte span of the trigger or quote.
    pub span: Span,
    /// Which pattern or rule produced the record.
    pub rule: String,
}

/// The exchange `event` record, PLOVER-typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub doc: String,
    pub sentence: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub place: Option<Place>,
    pub date: Option<DateRange>,
    pub modality: Modality,
    pub reported_by: Option<String>,
    /// Actor ids parallel to `source`/`target` where resolved (extra key).
    #[serde(default)]
    pub source_ids: Vec<Option<String>>,
    #[serde(default)]
    pub target_ids: Vec<Option<String>>,
    pub provenance: Provenance,
    /// Diagnostics such as a weekday that does not match the date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<String>,
}

/// The exchange `relation` record: a state that holds over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    pub doc: String,
    pub sentence: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub object: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub modality: Modality,
    pub reported_by: Option<String>,
    #[serde(default)]
    pub subject_id: Option<String>,
    #[serde(default)]
    pub object_id: Option<String>,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<String>,
}

/// The verification of a quote against primary sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    /// exact, altered, truncated, not_found
    pub status: String,
    pub primary_doc: Option<String>,
    pub similarity: f64,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// insert, delete, replace
    pub op: String,
    pub quoted: String,
    pub primary: String,
}

/// The exchange `statement` record: words attributed to a speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    pub doc: String,
    pub speaker: String,
    /// Actor id of the speaker when resolved (extra key).
    #[serde(default)]
    pub speaker_id: Option<String>,
    pub role: Option<String>,
    pub date: Option<String>,
    pub venue: Option<String>,
    pub text: String,
    /// direct (quoted words), turn (transcript answer), question (a journalist's transcript turn),
    /// block (block quote), reported (indirect speech)
    #[serde(default)]
    pub form: String,
    pub verification: Option<Verification>,
    pub provenance: Provenance,
}

/// Stable short ids for records: a hex digest of the parts.
pub fn record_id(prefix: &str, parts: &[&str]) -> String {
    // FNV-1a 64: deterministic across runs and platforms, no dependency.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.as_bytes().iter().chain(std::iter::once(&0xffu8)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{prefix}_{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip() {
        for s in ["2016", "2016-05", "2016-05-08", "--05-03"] {
            assert_eq!(PartialDate::parse_iso(s).unwrap().to_string(), s);
        }
        assert_eq!(PartialDate::parse_iso("2016-13"), None);
        assert_eq!(PartialDate::parse_iso("2016-02-32"), None);
        assert_eq!(PartialDate::parse_iso("x"), None);
    }

    #[test]
    fn span_slice_never_panics() {
        let t = "Khān Ṭūmān";
        assert_eq!(Span::new(0, 2).slice(t), "K\u{68}");
        assert_eq!(Span::new(2, 3).slice(t), "");
        assert_eq!(Span::new(5, 500).slice(t), "");
    }

    #[test]
    fn record_ids_are_stable() {
        assert_eq!(record_id("ev", &["a", "b"]), record_id("ev", &["a", "b"]));
        assert_ne!(record_id("ev", &["ab", ""]), record_id("ev", &["a", "b"]));
    }
}
