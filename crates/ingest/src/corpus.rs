//! Corpora of many documents: JSON Lines, CSV and Parquet, read as streams.
//!
//! One record at a time is held in memory (for Parquet, one row group's
//! pages), each record at most `Options::max_file_bytes` long. A bad record
//! (invalid JSON, invalid UTF-8, wrong number of CSV fields, an unreadable
//! Parquet row group, no text) yields an error naming the file and line or
//! row, and reading goes on with the next record. All three formats turn a
//! record into the same `(key, value)` list and then into a document the
//! same way ([`record_document`]).

use crate::error::{Error, Result};
use crate::{build_document, Format, Given, Options};
use sitrep_model::Document;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// Keys that hold the body text, in order of preference.
const TEXT_KEYS: &[&str] = &["text", "body", "content"];

/// Turn one record's fields into a document.
pub(crate) fn record_document(
    path: &Path,
    line: u64,
    fields: Vec<(String, String)>,
    format: Format,
    opts: &Options,
) -> Result<Document> {
    let mut given = Given::default();
    let mut text: Option<(usize, String, String)> = None;
    for (key, value) in fields {
        let k = key.trim().to_lowercase();
        if let Some(rank) = TEXT_KEYS.iter().position(|t| *t == k) {
            // The preferred non-empty text field is the body; another one is
            // kept as metadata rather than dropped.
            if value.trim().is_empty() {
                continue;
            }
            match &text {
                Some((r, _, _)) if *r <= rank => {
                    given.extra.insert(key, value);
                }
                _ => {
                    if let Some((_, old_key, old)) = text.replace((rank, key, value)) {
                        given.extra.insert(old_key, old);
                    }
                }
            }
            continue;
        }
        let v = value.trim().to_string();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "id" | "doc_id" | "document_id" => given.source_id = Some(v),
            "title" | "headline" => given.title = Some(v),
            "published" | "date" | "published_at" | "pubdate" | "publication_date" => given.published = Some(v),
            "url" | "link" => given.url = Some(v),
            "outlet" | "source" | "publisher" | "site" => given.outlet = Some(v),
            "author" | "authors" | "byline" => given.author = Some(v),
            "language" | "lang" => given.language = Some(v),
            _ => {
                given.extra.insert(key, v);
            }
        }
    }
    let Some((_, _, text)) = text else {
        return Err(Error::BadRecord {
            path: path.to_path_buf(),
            line,
            reason: "no text (expected a non-empty `text`, `body` or `content` field)".into(),
        });
    };
    let display = format!("{}:{line}", path.display());
    let body_format = if crate::looks_like_html(text.as_bytes()) { Format::Html } else { Format::Txt };
    build_document(&display, text, body_format, format, given, opts).map_err(|e| match e {
        Error::Empty { .. } => Error::BadRecord { path: path.to_path_buf(), line, reason: "text is empty".into() },
        other => other,
    })
}

/// JSON value to the string kept in metadata.
fn value_string(v: serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Array(items) if items.iter().all(|i| i.is_string()) => {
            Some(items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join(", "))
        }
        other => Some(other.to_string()),
    }
}

/// Documents from a JSON Lines stream.
pub struct JsonlDocs<R> {
    reader: R,
    path: PathBuf,
    line: u64,
    opts: Options,
    done: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlDocs<R> {
    pub fn new(reader: R, path: PathBuf, opts: Options) -> Self {
        JsonlDocs { reader, path, line: 0, opts, done: false, buf: Vec::new() }
    }

    fn bad(&self, reason: impl Into<String>) -> Error {
        Error::BadRecord { path: self.path.clone(), line: self.line, reason: reason.into() }
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let limit = self.opts.max_file_bytes.max(1);
            let n = match (&mut self.reader).take(limit + 1).read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            if self.buf.len() as u64 > limit && self.buf.last() != Some(&b'\n') {
                // Skip the rest of the oversized line without holding it.
                loop {
                    self.buf.clear();
                    match (&mut self.reader).take(1 << 20).read_until(b'\n', &mut self.buf) {
                        Ok(0) => break,
                        Ok(_) if self.buf.last() == Some(&b'\n') => break,
                        Ok(_) => continue,
                        Err(e) => {
                            self.done = true;
                            return Some(Err(Error::io(&self.path, e)));
                        }
                    }
                }
                return Some(Err(self.bad(format!("line is over the limit of {limit} bytes"))));
            }
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let Ok(s) = std::str::from_utf8(bytes) else {
                return Some(Err(self.bad("not valid UTF-8 (JSON Lines must be UTF-8)")));
            };
            let s = s.trim();
            if s.is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(s) {
                Ok(v) => v,
                Err(e) => {
                    // serde counts lines inside the record; the record's own
                    // line number is what the user needs, plus the column.
                    let msg = e.to_string();
                    let msg = msg.split(" at line ").next().unwrap_or(&msg);
                    return Some(Err(self.bad(format!("not valid JSON at column {}: {msg}", e.column()))));
                }
            };
            let serde_json::Value::Object(map) = value else {
                return Some(Err(self.bad("not a JSON object")));
            };
            let fields = map.into_iter().filter_map(|(k, v)| value_string(v).map(|v| (k, v))).collect();
            return Some(record_document(&self.path, self.line, fields, Format::Jsonl, &self.opts));
        }
    }
}

/// Documents from a CSV stream with a header row.
pub struct CsvDocs {
    reader: csv::Reader<Box<dyn Read + Send>>,
    headers: Vec<String>,
    path: PathBuf,
    opts: Options,
    pending: Option<Error>,
    done: bool,
    record: csv::ByteRecord,
}

impl CsvDocs {
    pub fn new(source: Box<dyn Read + Send>, path: PathBuf, opts: Options) -> Self {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(source);
        let mut pending = None;
        let headers = match reader.byte_headers() {
            Ok(h) => h.iter().map(|f| field_string(f).trim().trim_start_matches('\u{feff}').to_string()).collect(),
            Err(e) => {
                pending = Some(Error::BadRecord {
                    path: path.clone(),
                    line: 1,
                    reason: format!("unreadable header row: {e}"),
                });
                Vec::new()
            }
        };
        let has_text = headers.iter().any(|h: &String| TEXT_KEYS.contains(&h.to_lowercase().as_str()));
        if pending.is_none() && !has_text {
            pending = Some(Error::Unsupported {
                path: path.clone(),
                reason: "the CSV header row names no `text`, `body` or `content` column".into(),
            });
        }
        let done = pending.is_some();
        CsvDocs { reader, headers, path, opts, pending, done, record: csv::ByteRecord::new() }
    }
}

/// A CSV field as text: UTF-8 when valid, else Windows-1252 (spreadsheet
/// exports in Western Europe).
fn field_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

impl Iterator for CsvDocs {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                let fields = self.headers.iter().cloned().zip(self.record.iter().map(field_string)).collect();
                Some(record_document(&self.path, line, fields, Format::Csv, &self.opts))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("expected {expected_len} fields as in the header row, found {len}")
                    }
                    csv::ErrorKind::Io(_) => {
                        self.done = true;
                        format!("cannot read: {e}")
                    }
                    _ => e.to_string(),
                };
                Some(Err(Error::BadRecord { path: self.path.clone(), line, reason }))
            }
        }
    }
}

/// Documents from a Parquet file, one per row.
pub struct ParquetDocs {
    rows: sitrep_columnar::CorpusRows,
    path: PathBuf,
    opts: Options,
}

impl ParquetDocs {
    /// Opens the file; a file that is not Parquet, or whose schema has no
    /// text column, is an error naming it.
    pub fn open(path: &Path, opts: Options) -> Result<Self> {
        let rows = sitrep_columnar::corpus_rows(path).map_err(|e| columnar_error(path, e))?;
        let has_text = rows.column_names().iter().any(|c| TEXT_KEYS.contains(&c.trim().to_lowercase().as_str()));
        if !has_text {
            return Err(Error::Unsupported {
                path: path.to_path_buf(),
                reason: format!(
                    "the Parquet schema names no `text`, `body` or `content` column (it has: {})",
                    rows.column_names().join(", ")
                ),
            });
        }
        Ok(ParquetDocs { rows, path: path.to_path_buf(), opts })
    }
}

/// A columnar error as an ingest error naming the file (and row).
fn columnar_error(path: &Path, e: sitrep_columnar::Error) -> Error {
    use sitrep_columnar::Error as C;
    match e {
        C::BadRow { row, reason, .. } => Error::BadRow { path: path.to_path_buf(), row, reason },
        C::Io { source, .. } => Error::io(path, source),
        C::NotParquet { reason, .. } | C::Schema { reason, .. } => {
            Error::Unsupported { path: path.to_path_buf(), reason }
        }
        other => Error::Unsupported { path: path.to_path_buf(), reason: format!("cannot read Parquet: {other}") },
    }
}

impl Iterator for ParquetDocs {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        let (row, fields) = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(columnar_error(&self.path, e))),
        };
        let size: u64 = fields.iter().map(|(k, v)| (k.len() + v.len()) as u64).sum();
        let limit = self.opts.max_file_bytes;
        let bad = |reason: String| Error::BadRow { path: self.path.clone(), row, reason };
        if size > limit {
            return Some(Err(bad(format!("row is {size} bytes, over the limit of {limit} bytes"))));
        }
        Some(record_document(&self.path, row, fields, Format::Parquet, &self.opts).map_err(|e| match e {
            Error::BadRecord { reason, .. } => bad(reason),
            other => other,
        }))
    }
}
