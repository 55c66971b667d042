//! Reading Parquet files row by row: document corpora and exchange tables.
//!
//! Rows are read one row group at a time (memory holds one row group's
//! pages, not the file). A row group that cannot be read is reported once,
//! naming its rows, and reading goes on with the next one.

use crate::error::{Error, Result};
use crate::record::{from_cells, Cell};
use crate::schema::Kind;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::{ReaderIter, TreeBuilder};
use parquet::record::{Field, Row};
use serde_json::Value;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"PAR1";

/// Whether bytes start like a Parquet file.
pub fn is_parquet_magic(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// Opens a Parquet file, with a clear error for a file that is not one.
fn open(path: &Path) -> Result<SerializedFileReader<File>> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let not = |reason: String| Error::NotParquet { path: path.to_path_buf(), reason };
    let mut head = [0u8; 4];
    let mut tail = [0u8; 4];
    if len < 12 {
        return Err(not(format!("not a Parquet file (only {len} bytes)")));
    }
    file.read_exact(&mut head).map_err(|e| Error::io(path, e))?;
    if &head != MAGIC {
        return Err(not("not a Parquet file (it does not begin with the PAR1 magic bytes)".into()));
    }
    file.seek(SeekFrom::End(-4)).and_then(|_| file.read_exact(&mut tail)).map_err(|e| Error::io(path, e))?;
    if &tail != MAGIC {
        return Err(not("truncated or incomplete Parquet file (no PAR1 magic bytes at the end)".into()));
    }
    file.seek(SeekFrom::Start(0)).map_err(|e| Error::io(path, e))?;
    match catch_unwind(AssertUnwindSafe(|| SerializedFileReader::new(file))) {
        Ok(Ok(reader)) => Ok(reader),
        Ok(Err(e)) => Err(not(format!("corrupt Parquet file: {e}"))),
        Err(_) => Err(not("corrupt Parquet file (its footer cannot be decoded)".into())),
    }
}

/// The rows of one file, numbered from 1 over the whole file.
struct Rows {
    reader: SerializedFileReader<File>,
    path: PathBuf,
    group: usize,
    iter: Option<ReaderIter>,
    next_row: u64,
    group_end: u64,
}

impl Rows {
    fn new(path: &Path) -> Result<Rows> {
        let reader = open(path)?;
        Ok(Rows { reader, path: path.to_path_buf(), group: 0, iter: None, next_row: 1, group_end: 1 })
    }

    fn column_names(&self) -> Vec<String> {
        let schema = self.reader.metadata().file_metadata().schema_descr_ptr();
        schema.root_schema().get_fields().iter().map(|f| f.name().to_owned()).collect()
    }

    fn skip_group(&mut self, group: usize, reason: impl std::fmt::Display) -> Error {
        let (first, last) = (self.next_row, self.group_end.saturating_sub(1));
        self.iter = None;
        self.next_row = self.group_end;
        Error::BadRow {
            path: self.path.clone(),
            row: first,
            reason: format!("rows {first} to {last} (row group {group}) cannot be read and were skipped: {reason}"),
        }
    }
}

impl Iterator for Rows {
    type Item = Result<(u64, Row)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(iter) = self.iter.as_mut() {
                match catch_unwind(AssertUnwindSafe(|| iter.next())) {
                    Ok(Some(Ok(row))) => {
                        let n = self.next_row;
                        self.next_row += 1;
                        return Some(Ok((n, row)));
                    }
                    Ok(None) => {
                        self.iter = None;
                        self.next_row = self.group_end;
                    }
                    Ok(Some(Err(e))) => return Some(Err(self.skip_group(self.group - 1, e))),
                    Err(_) => return Some(Err(self.skip_group(self.group - 1, "corrupt data"))),
                }
                continue;
            }
            let meta = self.reader.metadata();
            if self.group >= meta.num_row_groups() {
                return None;
            }
            let g = self.group;
            self.group += 1;
            let rows = u64::try_from(meta.row_group(g).num_rows()).unwrap_or(0);
            self.group_end = self.next_row + rows;
            if rows == 0 {
                continue;
            }
            let descr = meta.file_metadata().schema_descr_ptr();
            let reader = &self.reader;
            let built = catch_unwind(AssertUnwindSafe(|| {
                reader.get_row_group(g).and_then(|rg| TreeBuilder::new().as_iter(descr, &*rg))
            }));
            match built {
                Ok(Ok(iter)) => self.iter = Some(iter),
                Ok(Err(e)) => return Some(Err(self.skip_group(g, e))),
                Err(_) => return Some(Err(self.skip_group(g, "corrupt data"))),
            }
        }
    }
}

/// The rows of a Parquet document corpus as `(column, value)` pairs, the
/// way JSON Lines and CSV records are read: every top-level column that is
/// not null, its value as text (numbers and booleans written out, dates as
/// `YYYY-MM-DD`, timestamps as `YYYY-MM-DDTHH:MM:SSZ`, a list of strings
/// joined with `, `, other nested values in Parquet's display form).
pub struct CorpusRows {
    rows: Rows,
}

/// Opens a Parquet document corpus.
pub fn corpus_rows(path: &Path) -> Result<CorpusRows> {
    Ok(CorpusRows { rows: Rows::new(path)? })
}

impl CorpusRows {
    /// The top-level column names of the file's schema.
    pub fn column_names(&self) -> Vec<String> {
        self.rows.column_names()
    }

    /// Rows in the file (from its footer).
    pub fn num_rows(&self) -> u64 {
        u64::try_from(self.rows.reader.metadata().file_metadata().num_rows()).unwrap_or(0)
    }
}

impl Iterator for CorpusRows {
    /// The row number (from 1) and its fields.
    type Item = Result<(u64, Vec<(String, String)>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let (n, row) = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let mut fields = Vec::with_capacity(row.len());
        for (name, field) in row.get_column_iter() {
            match field_text(field) {
                Ok(Some(text)) => fields.push((name.clone(), text)),
                Ok(None) => {}
                Err(reason) => {
                    let path = self.rows.path.clone();
                    return Some(Err(Error::BadRow { path, row: n, reason: format!("column `{name}`: {reason}") }));
                }
            }
        }
        Some(Ok((n, fields)))
    }
}

/// A corpus field as text; `None` for null.
fn field_text(field: &Field) -> Result<Option<String>, String> {
    Ok(Some(match field {
        Field::Null => return Ok(None),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => match std::str::from_utf8(b.data()) {
            Ok(s) => s.to_owned(),
            Err(_) => return Err("bytes that are not UTF-8 text".into()),
        },
        Field::Date(days) => {
            let (y, m, d) = civil_from_days(i64::from(*days));
            format!("{y:04}-{m:02}-{d:02}")
        }
        Field::TimestampMillis(ms) => timestamp(ms.div_euclid(1000)),
        Field::TimestampMicros(us) => timestamp(us.div_euclid(1_000_000)),
        Field::ListInternal(list) if list.elements().iter().all(|e| matches!(e, Field::Str(_) | Field::Null)) => {
            let items: Vec<&str> = list
                .elements()
                .iter()
                .filter_map(|e| if let Field::Str(s) = e { Some(s.as_str()) } else { None })
                .collect();
            if items.is_empty() {
                return Ok(None);
            }
            items.join(", ")
        }
        other => other.to_string(),
    }))
}

fn timestamp(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The exchange records of one table file written by [`crate::TreeWriter`]
/// (the kind is the schema's message name), each with its `kind` key.
pub struct RecordRows {
    rows: Rows,
    kind: Kind,
    /// For each of the kind's columns, its index in the file's rows.
    index: Vec<Option<usize>>,
}

/// Opens one Parquet file of an exchange tree for reading its records back.
pub fn read_records(path: &Path) -> Result<RecordRows> {
    let rows = Rows::new(path)?;
    let schema = rows.reader.metadata().file_metadata().schema_descr_ptr();
    let name = schema.root_schema().name().to_owned();
    let Some(kind) = Kind::from_exchange(&name) else {
        return Err(Error::Schema {
            path: path.to_path_buf(),
            reason: format!("not a sitrep exchange table (its schema is named {name:?})"),
        });
    };
    let names = rows.column_names();
    let index = kind.columns().iter().map(|c| names.iter().position(|n| n == c.name)).collect();
    Ok(RecordRows { rows, kind, index })
}

impl RecordRows {
    pub fn kind(&self) -> Kind {
        self.kind
    }
}

impl Iterator for RecordRows {
    type Item = Result<Value>;

    fn next(&mut self) -> Option<Self::Item> {
        let (_, row) = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let fields: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
        let cells: Vec<Cell> =
            self.index.iter().map(|i| i.and_then(|i| fields.get(i)).map_or(Cell::Null, |f| cell(f))).collect();
        Some(Ok(from_cells(self.kind, &cells)))
    }
}

fn cell(field: &Field) -> Cell {
    match field {
        Field::Null => Cell::Null,
        Field::Str(s) => Cell::Str(s.clone()),
        Field::Bool(b) => Cell::Bool(*b),
        Field::Long(n) => Cell::Int(*n),
        Field::Int(n) => Cell::Int(i64::from(*n)),
        Field::Double(f) => Cell::Float(*f),
        Field::Float(f) => Cell::Float(f64::from(*f)),
        Field::ListInternal(list) => Cell::List(
            list.elements()
                .iter()
                .map(|e| match e {
                    Field::Null => None,
                    Field::Str(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                })
                .collect(),
        ),
        other => Cell::Str(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_timestamps() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(16_927), (2016, 5, 6));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(timestamp(1_462_530_600), "2016-05-06T10:30:00Z");
    }
}
