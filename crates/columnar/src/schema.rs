//! One flat Parquet schema per exchange record kind.
//!
//! Each column is a path into the exchange JSON object (`["place", "lat"]`
//! becomes `place_lat`) and a type. Nested objects are flattened; the first
//! column under an object is its marker: the object is null when that column
//! is null (`place_name`, `date_start`, `provenance_doc`,
//! `verification_status`). Lists of names are standard three-level Parquet
//! `LIST`s of strings. Anything the schema does not name, or a value that
//! does not fit its column's type, is kept verbatim in the `extra_json`
//! column, so a record read back is the record written.

use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;
use std::fmt::Write as _;
use std::sync::Arc;

/// The exchange record kinds that have a Parquet table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Document,
    Event,
    Relation,
    Statement,
    Actor,
}

impl Kind {
    /// Every kind, in the order an export writes them.
    pub const ALL: [Kind; 5] = [Kind::Document, Kind::Event, Kind::Relation, Kind::Statement, Kind::Actor];

    /// The kind an exchange record's `kind` key names.
    pub fn from_exchange(kind: &str) -> Option<Kind> {
        Some(match kind {
            "document" => Kind::Document,
            "event" => Kind::Event,
            "relation" => Kind::Relation,
            "statement" => Kind::Statement,
            "actor" => Kind::Actor,
            _ => return None,
        })
    }

    /// The exchange `kind` value (also the Parquet schema's message name).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Event => "event",
            Kind::Relation => "relation",
            Kind::Statement => "statement",
            Kind::Actor => "actor",
        }
    }

    /// The directory of this kind's table under a tree's root.
    pub fn dir_name(self) -> &'static str {
        match self {
            Kind::Document => "documents",
            Kind::Event => "events",
            Kind::Relation => "relations",
            Kind::Statement => "statements",
            Kind::Actor => "actors",
        }
    }

    /// Whether records of this kind are partitioned by their document's
    /// outlet and publication month (actors belong to no document).
    pub fn is_partitioned(self) -> bool {
        self != Kind::Actor
    }

    /// The columns of this kind's table, `extra_json` last.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Document => DOCUMENT,
            Kind::Event => EVENT,
            Kind::Relation => RELATION,
            Kind::Statement => STATEMENT,
            Kind::Actor => ACTOR,
        }
    }

    /// The Parquet schema of this kind's table.
    pub fn schema(self) -> Arc<Type> {
        let mut text = format!("message {} {{\n", self.as_str());
        for c in self.columns() {
            let _ = match c.ty {
                ColumnType::Str | ColumnType::Json => writeln!(text, "  optional binary {} (STRING);", c.name),
                ColumnType::Int => writeln!(text, "  optional int64 {};", c.name),
                ColumnType::Float => writeln!(text, "  optional double {};", c.name),
                ColumnType::Bool => writeln!(text, "  optional boolean {};", c.name),
                ColumnType::StrList => writeln!(
                    text,
                    "  optional group {} (LIST) {{ repeated group list {{ optional binary element (STRING); }} }}",
                    c.name
                ),
            };
        }
        text.push('}');
        // The text is built from the static tables above, which the tests
        // parse for every kind.
        Arc::new(parse_message_type(&text).expect("the built-in schemas parse"))
    }
}

/// The type of one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 string.
    Str,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
    Bool,
    /// A list of strings (elements may be null).
    StrList,
    /// Any JSON value, as its JSON text.
    Json,
}

/// One column of a kind's table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The column name: the path joined with `_`.
    pub name: &'static str,
    /// Where the value sits in the exchange JSON object; empty for `extra_json`.
    pub path: &'static [&'static str],
    pub ty: ColumnType,
    /// The key is left out of the JSON object when null (fields the
    /// exchange writes only when set, like `diagnostics`).
    pub omit_null: bool,
}

const fn col(name: &'static str, path: &'static [&'static str], ty: ColumnType) -> Column {
    Column { name, path, ty, omit_null: false }
}

const fn opt(name: &'static str, path: &'static [&'static str], ty: ColumnType) -> Column {
    Column { name, path, ty, omit_null: true }
}

/// The name of the column that holds what no other column does.
pub const EXTRA_JSON: &str = "extra_json";

use ColumnType::{Bool, Float, Int, Json, Str, StrList};

const EXTRA: Column = col(EXTRA_JSON, &[], Json);

const DOCUMENT: &[Column] = &[
    col("id", &["id"], Str),
    col("path", &["path"], Str),
    col("source_id", &["source_id"], Str),
    col("title", &["title"], Str),
    col("outlet", &["outlet"], Str),
    col("author", &["author"], Str),
    col("published", &["published"], Str),
    col("language", &["language"], Str),
    col("url", &["url"], Str),
    col("format", &["format"], Str),
    col("primary", &["primary"], Bool),
    col("removed", &["removed"], Int),
    EXTRA,
];

const PROVENANCE_DOC: Column = col("provenance_doc", &["provenance", "doc"], Str);
const PROVENANCE_SENTENCE_INDEX: Column = col("provenance_sentence_index", &["provenance", "sentence_index"], Int);
const PROVENANCE_SENTENCE_START: Column =
    col("provenance_sentence_span_start", &["provenance", "sentence_span", "start"], Int);
const PROVENANCE_SENTENCE_END: Column =
    col("provenance_sentence_span_end", &["provenance", "sentence_span", "end"], Int);
const PROVENANCE_SPAN_START: Column = col("provenance_span_start", &["provenance", "span", "start"], Int);
const PROVENANCE_SPAN_END: Column = col("provenance_span_end", &["provenance", "span", "end"], Int);
const PROVENANCE_RULE: Column = col("provenance_rule", &["provenance", "rule"], Str);
const DIAGNOSTICS: Column = opt("diagnostics", &["diagnostics"], StrList);

const EVENT: &[Column] = &[
    col("id", &["id"], Str),
    col("doc", &["doc"], Str),
    col("type", &["type"], Str),
    col("mode", &["mode"], Str),
    col("cameo", &["cameo"], Str),
    col("source", &["source"], StrList),
    col("target", &["target"], StrList),
    col("source_ids", &["source_ids"], StrList),
    col("target_ids", &["target_ids"], StrList),
    col("place_name", &["place", "name"], Str),
    col("place_lat", &["place", "lat"], Float),
    col("place_lon", &["place", "lon"], Float),
    col("place_country", &["place", "country"], Str),
    col("place_precision", &["place", "precision"], Int),
    opt("place_gazetteer_id", &["place", "gazetteer_id"], Int),
    col("date_start", &["date", "start"], Str),
    col("date_end", &["date", "end"], Str),
    col("date_precision", &["date", "precision"], Str),
    col("modality", &["modality"], Str),
    col("reported_by", &["reported_by"], Str),
    col("sentence", &["sentence"], Str),
    PROVENANCE_DOC,
    PROVENANCE_SENTENCE_INDEX,
    PROVENANCE_SENTENCE_START,
    PROVENANCE_SENTENCE_END,
    PROVENANCE_SPAN_START,
    PROVENANCE_SPAN_END,
    PROVENANCE_RULE,
    DIAGNOSTICS,
    EXTRA,
];

const RELATION: &[Column] = &[
    col("id", &["id"], Str),
    col("doc", &["doc"], Str),
    col("type", &["type"], Str),
    col("subject", &["subject"], Str),
    col("object", &["object"], Str),
    col("subject_id", &["subject_id"], Str),
    col("object_id", &["object_id"], Str),
    col("start", &["start"], Str),
    col("end", &["end"], Str),
    col("modality", &["modality"], Str),
    col("reported_by", &["reported_by"], Str),
    col("sentence", &["sentence"], Str),
    PROVENANCE_DOC,
    PROVENANCE_SENTENCE_INDEX,
    PROVENANCE_SENTENCE_START,
    PROVENANCE_SENTENCE_END,
    PROVENANCE_SPAN_START,
    PROVENANCE_SPAN_END,
    PROVENANCE_RULE,
    DIAGNOSTICS,
    EXTRA,
];

const STATEMENT: &[Column] = &[
    col("id", &["id"], Str),
    col("doc", &["doc"], Str),
    col("speaker", &["speaker"], Str),
    col("speaker_id", &["speaker_id"], Str),
    col("role", &["role"], Str),
    col("date", &["date"], Str),
    col("venue", &["venue"], Str),
    col("form", &["form"], Str),
    col("text", &["text"], Str),
    col("verification_status", &["verification", "status"], Str),
    col("verification_primary_doc", &["verification", "primary_doc"], Str),
    col("verification_similarity", &["verification", "similarity"], Float),
    col("verification_edits_json", &["verification", "edits"], Json),
    PROVENANCE_DOC,
    PROVENANCE_SENTENCE_INDEX,
    PROVENANCE_SENTENCE_START,
    PROVENANCE_SENTENCE_END,
    PROVENANCE_SPAN_START,
    PROVENANCE_SPAN_END,
    PROVENANCE_RULE,
    EXTRA,
];

const ACTOR: &[Column] = &[
    col("id", &["id"], Str),
    col("name", &["name"], Str),
    col("type", &["type"], Str),
    col("aliases", &["aliases"], StrList),
    col("affiliation", &["affiliation"], Str),
    col("country", &["country"], Str),
    col("cameo", &["cameo"], Str),
    EXTRA,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_parses_and_names_match_paths() {
        for kind in Kind::ALL {
            let schema = kind.schema();
            assert_eq!(schema.name(), kind.as_str());
            assert_eq!(schema.get_fields().len(), kind.columns().len());
            assert_eq!(kind.columns().last().map(|c| c.name), Some(EXTRA_JSON));
            for c in kind.columns() {
                if c.name == EXTRA_JSON {
                    continue;
                }
                let joined = c.path.join("_");
                assert!(c.name == joined || c.name == format!("{joined}_json"), "{} vs {joined}", c.name);
            }
            let mut names: Vec<_> = kind.columns().iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), kind.columns().len(), "{kind:?} has duplicate columns");
            assert_eq!(Kind::from_exchange(kind.as_str()), Some(kind));
        }
    }
}
