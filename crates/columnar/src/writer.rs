//! The partitioned tree writer.

use crate::error::{Error, Result};
use crate::partition::Partition;
use crate::record::{to_cells, Cell};
use crate::schema::{ColumnType, Kind};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Limits that keep a writer's memory and open files bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriterOptions {
    /// Rows per row group (a partition's buffer is written out when full).
    pub row_group_rows: usize,
    /// Approximate bytes per row group.
    pub row_group_bytes: usize,
    /// Approximate bytes buffered over all partitions; past it the largest
    /// buffer is written out as a (smaller) row group.
    pub max_buffered_bytes: usize,
    /// Files open at once; past it the least recently written file is
    /// completed, and its partition's next rows start a new file.
    pub max_open_files: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            row_group_rows: 16_384,
            row_group_bytes: 64 << 20,
            max_buffered_bytes: 256 << 20,
            max_open_files: 128,
        }
    }
}

/// What a finished writer wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Parquet files written.
    pub files: usize,
    /// Rows written per kind.
    pub rows: BTreeMap<Kind, u64>,
}

/// Writes exchange records into a Hive-partitioned tree of Parquet files:
/// `<root>/<kind>/outlet=<outlet>/year=<yyyy>/month=<mm>/<part>.parquet`
/// (actors, which belong to no document: `<root>/actors/<part>.parquet`).
///
/// Records are buffered per partition and written as row groups of bounded
/// size. Files are written under hidden temporary names (`.<part>...tmp`,
/// which Spark, Hive and Trino skip) and renamed into place by
/// [`TreeWriter::finish`]; a writer dropped without finishing removes its
/// temporary files. Several writers with different `part` names can write
/// into one tree at once; a writer re-run with the same `part` replaces its
/// earlier files.
pub struct TreeWriter {
    root: PathBuf,
    part: String,
    opts: WriterOptions,
    props: Arc<WriterProperties>,
    tables: BTreeMap<(Kind, Partition), Table>,
    buffered: usize,
    open_files: usize,
    clock: u64,
    /// Completed files under their temporary names: (temporary, final).
    done: Vec<(PathBuf, PathBuf)>,
    summary: Summary,
    finished: bool,
}

#[derive(Default)]
struct Table {
    columns: Vec<Vec<Cell>>,
    rows: usize,
    bytes: usize,
    file: Option<OpenFile>,
    files: u32,
    last_used: u64,
}

struct OpenFile {
    writer: SerializedFileWriter<BufWriter<File>>,
    tmp: PathBuf,
    dest: PathBuf,
}

impl TreeWriter {
    /// A writer into `root` whose files are named `part-<part>.parquet`
    /// (`part-<part>-<k>.parquet` for a partition's further files). Creates
    /// `root` and one directory per kind.
    pub fn create(root: &Path, part: u32, opts: WriterOptions) -> Result<TreeWriter> {
        for kind in Kind::ALL {
            let dir = root.join(kind.dir_name());
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("sitrep {}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(TreeWriter {
            root: root.to_path_buf(),
            part: format!("part-{part}"),
            opts,
            props: Arc::new(props),
            tables: BTreeMap::new(),
            buffered: 0,
            open_files: 0,
            clock: 0,
            done: Vec::new(),
            summary: Summary::default(),
            finished: false,
        })
    }

    /// Adds one exchange record (a JSON object; its `kind` key, if any, is
    /// not stored) to the partition of its document. `partition` is ignored
    /// for actors.
    pub fn write(&mut self, kind: Kind, partition: &Partition, record: &Value) -> Result<()> {
        let Value::Object(map) = record else {
            return Err(Error::NotARecord { kind: kind.as_str(), found: type_name(record) });
        };
        let key = (kind, if kind.is_partitioned() { partition.clone() } else { Partition::default() });
        let cells = to_cells(kind, map);
        let weight: usize = cells.iter().map(Cell::weight).sum();
        let table = self.tables.entry(key.clone()).or_default();
        if table.columns.is_empty() {
            table.columns = vec![Vec::new(); kind.columns().len()];
        }
        for (column, cell) in table.columns.iter_mut().zip(cells) {
            column.push(cell);
        }
        table.rows += 1;
        table.bytes += weight;
        self.buffered += weight;
        *self.summary.rows.entry(kind).or_default() += 1;
        if table.rows >= self.opts.row_group_rows.max(1) || table.bytes >= self.opts.row_group_bytes {
            self.flush(&key)?;
        }
        while self.buffered > self.opts.max_buffered_bytes {
            let largest = self.tables.iter().filter(|(_, t)| t.rows > 0).max_by_key(|(_, t)| t.bytes);
            let Some((key, _)) = largest.map(|(k, t)| (k.clone(), t.bytes)) else { break };
            self.flush(&key)?;
        }
        Ok(())
    }

    /// Writes the buffered rows of one partition as a row group.
    fn flush(&mut self, key: &(Kind, Partition)) -> Result<()> {
        if self.tables.get(key).is_none_or(|t| t.rows == 0) {
            return Ok(());
        }
        if self.tables.get(key).is_some_and(|t| t.file.is_none()) {
            if self.open_files >= self.opts.max_open_files.max(1) {
                self.close_least_recent()?;
            }
            let file = self.open(key)?;
            if let Some(t) = self.tables.get_mut(key) {
                t.file = Some(file);
            }
            self.open_files += 1;
        }
        self.clock += 1;
        let Some(table) = self.tables.get_mut(key) else { return Ok(()) };
        table.last_used = self.clock;
        let Some(file) = table.file.as_mut() else { return Ok(()) };
        write_row_group(&mut file.writer, key.0, &table.columns).map_err(|e| Error::parquet(&file.tmp, e))?;
        for column in &mut table.columns {
            column.clear();
        }
        self.buffered -= table.bytes.min(self.buffered);
        table.rows = 0;
        table.bytes = 0;
        Ok(())
    }

    fn open(&mut self, key: &(Kind, Partition)) -> Result<OpenFile> {
        let (kind, partition) = key;
        let mut dir = self.root.join(kind.dir_name());
        if kind.is_partitioned() {
            dir.push(partition.relative_dir());
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let n = self.tables.get(key).map_or(0, |t| t.files);
        let name = if n == 0 { format!("{}.parquet", self.part) } else { format!("{}-{n}.parquet", self.part) };
        let dest = dir.join(&name);
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let writer =
            SerializedFileWriter::new(BufWriter::with_capacity(1 << 20, file), kind.schema(), self.props.clone())
                .map_err(|e| Error::parquet(&tmp, e));
        match writer {
            Ok(writer) => Ok(OpenFile { writer, tmp, dest }),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// Completes the file that was written to longest ago.
    fn close_least_recent(&mut self) -> Result<()> {
        let oldest = self.tables.iter().filter(|(_, t)| t.file.is_some()).min_by_key(|(_, t)| t.last_used);
        let Some(key) = oldest.map(|(k, _)| k.clone()) else { return Ok(()) };
        self.close(&key)
    }

    /// Writes out a partition's buffer and completes its open file.
    fn close(&mut self, key: &(Kind, Partition)) -> Result<()> {
        self.flush(key)?;
        let Some(table) = self.tables.get_mut(key) else { return Ok(()) };
        let Some(file) = table.file.take() else { return Ok(()) };
        table.files += 1;
        self.open_files -= 1;
        let OpenFile { writer, tmp, dest } = file;
        let result = (|| {
            let buf = writer.into_inner().map_err(|e| Error::parquet(&tmp, e))?;
            buf.into_inner().map(drop).map_err(|e| Error::io(&tmp, e.into_error()))
        })();
        // Completed or not, the temporary file is removed by finish or drop.
        self.done.push((tmp, dest));
        result
    }

    /// Writes out every buffer, completes every file and renames the files
    /// into place. Returns what was written.
    pub fn finish(mut self) -> Result<Summary> {
        let keys: Vec<_> = self.tables.keys().cloned().collect();
        for key in &keys {
            self.flush(key)?;
        }
        for key in &keys {
            self.close(key)?;
        }
        sync_all(&self.done)?;
        for (tmp, dest) in std::mem::take(&mut self.done) {
            if let Err(e) = std::fs::rename(&tmp, &dest) {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::io(&dest, e));
            }
            self.summary.files += 1;
        }
        self.finished = true;
        Ok(std::mem::take(&mut self.summary))
    }
}

impl Drop for TreeWriter {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        for table in self.tables.values_mut() {
            if let Some(file) = table.file.take() {
                let tmp = file.tmp.clone();
                drop(file);
                let _ = std::fs::remove_file(tmp);
            }
        }
        for (tmp, _) in &self.done {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Flushes the completed files to disk before they are renamed into
/// place, several at a time (the file system batches concurrent syncs).
fn sync_all(files: &[(PathBuf, PathBuf)]) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get()).clamp(4, 16);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let handle = scope.spawn(move || -> Result<()> {
                    for (tmp, _) in part {
                        File::open(tmp).and_then(|f| f.sync_all()).map_err(|e| Error::io(tmp, e))?;
                    }
                    Ok(())
                });
                (part[0].0.as_path(), handle)
            })
            .collect();
        handles.into_iter().try_for_each(|(first, h)| {
            h.join().unwrap_or_else(|_| Err(Error::io(first, std::io::Error::other("syncing failed"))))
        })
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Writes one row group from column-major cells (every top-level column is
/// optional: definition level 1 = set; lists: 0 null, 1 empty, 2 null
/// element, 3 element).
fn write_row_group(
    writer: &mut SerializedFileWriter<BufWriter<File>>,
    kind: Kind,
    columns: &[Vec<Cell>],
) -> parquet::errors::Result<()> {
    let mut rg = writer.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column()? {
        let (Some(spec), Some(cells)) = (kind.columns().get(i), columns.get(i)) else {
            return Err(parquet::errors::ParquetError::General(format!("no data for column {i}")));
        };
        let defs: Vec<i16> = match spec.ty {
            ColumnType::StrList => Vec::new(),
            _ => cells.iter().map(|c| i16::from(*c != Cell::Null)).collect(),
        };
        match spec.ty {
            ColumnType::Str | ColumnType::Json => {
                let values: Vec<ByteArray> = cells
                    .iter()
                    .filter_map(|c| match c {
                        Cell::Str(s) => Some(ByteArray::from(s.as_str())),
                        _ => None,
                    })
                    .collect();
                col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None)?;
            }
            ColumnType::Int => {
                let values: Vec<i64> =
                    cells.iter().filter_map(|c| if let Cell::Int(n) = c { Some(*n) } else { None }).collect();
                col.typed::<Int64Type>().write_batch(&values, Some(&defs), None)?;
            }
            ColumnType::Float => {
                let values: Vec<f64> =
                    cells.iter().filter_map(|c| if let Cell::Float(f) = c { Some(*f) } else { None }).collect();
                col.typed::<DoubleType>().write_batch(&values, Some(&defs), None)?;
            }
            ColumnType::Bool => {
                let values: Vec<bool> =
                    cells.iter().filter_map(|c| if let Cell::Bool(b) = c { Some(*b) } else { None }).collect();
                col.typed::<BoolType>().write_batch(&values, Some(&defs), None)?;
            }
            ColumnType::StrList => {
                let (mut values, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
                for cell in cells {
                    match cell {
                        Cell::List(items) if !items.is_empty() => {
                            for (j, item) in items.iter().enumerate() {
                                reps.push(i16::from(j > 0));
                                match item {
                                    Some(s) => {
                                        defs.push(3);
                                        values.push(ByteArray::from(s.as_str()));
                                    }
                                    None => defs.push(2),
                                }
                            }
                        }
                        Cell::List(_) => {
                            defs.push(1);
                            reps.push(0);
                        }
                        _ => {
                            defs.push(0);
                            reps.push(0);
                        }
                    }
                }
                col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), Some(&reps))?;
            }
        }
        col.close()?;
        i += 1;
    }
    rg.close()?;
    Ok(())
}
