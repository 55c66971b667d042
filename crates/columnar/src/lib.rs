//! sitrep-columnar: exchange records as Parquet, and Parquet corpora in.
//!
//! [`TreeWriter`] writes the exchange records (documents, events,
//! relations, statements, actors) as a Hive-partitioned tree of Parquet
//! files, one table per kind:
//!
//! ```text
//! <root>/events/outlet=Beirut Monitor/year=2013/month=02/part-0.parquet
//! <root>/documents/outlet=__HIVE_DEFAULT_PARTITION__/year=2016/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet
//! <root>/actors/part-0.parquet
//! ```
//!
//! Records are partitioned by their document's outlet and the year and
//! month it was published ([`Partition`]); Spark, Hive, Trino and DuckDB
//! read the tree with partition discovery. Each kind has one flat schema
//! ([`Kind::columns`]) that mirrors the exchange JSON keys: nested objects
//! are flattened (`place_name`, `place_lat`, ..., `provenance_span_start`),
//! lists of names are Parquet `LIST`s of strings, and what fits no column
//! is kept in `extra_json`, so [`read_records`] gives back the records
//! that were written.
//!
//! [`corpus_rows`] reads a Parquet corpus of documents (one row per
//! document) as `(column, value)` pairs, the shape in which `sitrep-ingest`
//! reads JSON Lines and CSV records.
//!
//! ```
//! use serde_json::json;
//! use sitrep_columnar::{read_records, Kind, Partition, TreeWriter, WriterOptions};
//! let dir = tempfile::tempdir().unwrap();
//! let doc = json!({"kind": "document", "id": "doc_1", "outlet": "Aleppo Monitor", "published": "2016-05-06"});
//! let mut w = TreeWriter::create(dir.path(), 7, WriterOptions::default()).unwrap();
//! w.write(Kind::Document, &Partition::of_document(&doc), &doc).unwrap();
//! w.finish().unwrap();
//! let file = dir.path().join("documents/outlet=Aleppo Monitor/year=2016/month=05/part-7.parquet");
//! let back: Vec<_> = read_records(&file).unwrap().collect::<Result<_, _>>().unwrap();
//! assert_eq!(back[0]["id"], "doc_1");
//! assert_eq!(back[0]["title"], serde_json::Value::Null);
//! ```

mod error;
mod partition;
mod reader;
mod record;
mod schema;
mod writer;

pub use error::{Error, Result};
pub use partition::{escape_value, unescape_value, Partition, DEFAULT_PARTITION};
pub use reader::{corpus_rows, is_parquet_magic, read_records, CorpusRows, RecordRows};
pub use schema::{Column, ColumnType, Kind, EXTRA_JSON};
pub use writer::{Summary, TreeWriter, WriterOptions};
