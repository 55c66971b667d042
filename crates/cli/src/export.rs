//! `sitrep export`: stream the store out in the exchange format, CSV, GeoJSON
//! or a partitioned Parquet tree.
//!
//! Export walks documents one at a time and writes each record as soon as it
//! is read, so memory stays bounded whatever the store's size. Output to a
//! file is written to a temporary file next to it and renamed at the end, so
//! a failed export never leaves a truncated file under the requested name;
//! a Parquet tree is built in a temporary directory next to `--out` and
//! renamed into place when complete. JSON Lines and Parquet walk the store
//! with one function ([`for_each_exchange`]), so they carry the same records.

use crate::{DbArgs, EngineArgs};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde_json::{json, Value};
use sitrep_model::{Document, Event, Relation, Statement};
use sitrep_store::{RecordTable, Store};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// The exchange format: one JSON object per line with "kind".
    Jsonl,
    /// One table of one record kind (see --kind).
    Csv,
    /// Events with coordinates as a GeoJSON FeatureCollection.
    Geojson,
    /// A directory tree (--out) of Parquet tables, one per record kind,
    /// partitioned Hive-style by outlet and publication year and month.
    Parquet,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Kind {
    Documents,
    Events,
    Relations,
    Statements,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Record kind for CSV output.
    #[arg(long, value_enum, default_value_t = Kind::Events)]
    pub kind: Kind,
    /// Output file (default: standard output); for Parquet, the directory
    /// of the tree (required).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Parquet: replace a non-empty --out directory (only once the new tree
    /// is complete).
    #[arg(long)]
    pub force: bool,
    /// Include superseded versions of changed documents.
    #[arg(long)]
    pub all_versions: bool,
    /// Also export journalists' questions and floor-managing turns ("Let me
    /// finish.") as statements; they are always kept in the store.
    #[arg(long)]
    pub all_statements: bool,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.format == Format::Parquet {
        let Some(dir) = &args.out else {
            eprintln!("sitrep: error: --format parquet writes a directory tree: give it with --out DIR");
            return Ok(ExitCode::from(2));
        };
        let store = args.db.open_existing()?;
        return write_parquet(&args, &store, dir);
    }
    let store = args.db.open_existing()?;
    match &args.out {
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            write_all(&args, &store, &mut w)?;
            w.flush()?;
        }
        Some(path) => atomic_write(path, |w| write_all(&args, &store, w))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes through a temporary file in the same directory, then renames it into place.
pub fn atomic_write(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::new(file);
        f(&mut w)?;
        w.flush()?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_all(args: &ExportArgs, store: &Store, w: &mut dyn Write) -> Result<()> {
    match args.format {
        Format::Jsonl => write_jsonl(args, store, w),
        Format::Csv => write_csv(args, store, w),
        Format::Geojson => write_geojson(args, store, w),
        Format::Parquet => anyhow::bail!("Parquet is written to a directory (--out DIR)"),
    }
}

/// The exchange `document` record.
pub fn document_record(d: &Document) -> Value {
    let m = &d.meta;
    json!({
        "kind": "document",
        "id": d.id,
        "path": m.path,
        "source_id": m.source_id,
        "title": m.title,
        "outlet": m.outlet,
        "author": m.author,
        "published": m.published.map(|p| p.to_string()),
        "language": m.language,
        "url": m.url,
        "format": m.format,
        "primary": m.primary,
        "removed": d.removed.len(),
    })
}

/// Prefixes a stored record's JSON object with its `kind` without re-parsing it.
fn with_kind(kind: &str, json: &str) -> String {
    match json.strip_prefix('{') {
        Some(rest) if rest.trim_start().starts_with('}') => format!("{{\"kind\":\"{kind}\"}}"),
        Some(rest) => format!("{{\"kind\":\"{kind}\",{rest}"),
        None => json.to_owned(),
    }
}

/// One item of the exchange export, in export order.
pub enum Exchange<'a> {
    /// A document (its exchange record is [`document_record`]); its records follow.
    Document(&'a Document),
    /// An event, relation or statement of the last document: the kind and
    /// the stored exchange JSON (without `kind`).
    Record(&'static str, &'a str),
}

/// Walks the store in exchange-export order: documents in ingest order
/// (current versions unless `all_versions`), each followed by its events,
/// relations and statements (substantive statements unless
/// `all_statements`). Every exchange format is written from this walk.
pub fn for_each_exchange(
    store: &Store,
    all_versions: bool,
    all_statements: bool,
    mut f: impl FnMut(Exchange<'_>) -> Result<()>,
) -> Result<()> {
    // The store calls back with its own error type: a writer's error is
    // kept here and the walk stopped.
    let mut failed: Option<anyhow::Error> = None;
    let mut call = |item: Exchange<'_>| -> Result<(), sitrep_store::StoreError> {
        f(item).map_err(|e| {
            failed = Some(e);
            sitrep_store::StoreError::Io(std::io::Error::other("export stopped"))
        })
    };
    let walked = store.for_each_document(!all_versions, |doc| {
        call(Exchange::Document(&doc))?;
        for (table, kind) in [
            (RecordTable::Events, "event"),
            (RecordTable::Relations, "relation"),
            (RecordTable::Statements, "statement"),
        ] {
            store.for_each_record_json(table, &doc.id, |json| {
                if table == RecordTable::Statements && !all_statements && !substantive(json) {
                    return Ok(());
                }
                call(Exchange::Record(kind, json))
            })?;
        }
        Ok(())
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(walked?),
    }
}

/// The exchange `actor` records of the actors the store's records use.
fn actor_records(args: &ExportArgs, store: &Store) -> Result<Vec<Value>> {
    let engine = args.engine.engine()?;
    let mut out = Vec::new();
    for id in store.actor_ids_in_use()? {
        if let Some(rec) = engine.actor_record(&id) {
            let mut v = serde_json::to_value(&rec)?;
            if let Value::Object(map) = &mut v {
                map.insert("kind".into(), "actor".into());
            }
            out.push(v);
        }
    }
    Ok(out)
}

fn write_jsonl(args: &ExportArgs, store: &Store, w: &mut dyn Write) -> Result<()> {
    for_each_exchange(store, args.all_versions, args.all_statements, |item| {
        match item {
            Exchange::Document(doc) => writeln!(w, "{}", document_record(doc))?,
            Exchange::Record(kind, json) => writeln!(w, "{}", with_kind(kind, json))?,
        }
        Ok(())
    })?;
    for actor in actor_records(args, store)? {
        writeln!(w, "{actor}")?;
    }
    Ok(())
}

/// The partitioned Parquet tree of the export, built next to `dir` and
/// renamed into place when complete.
fn write_parquet(args: &ExportArgs, store: &Store, dir: &Path) -> Result<ExitCode> {
    use sitrep_columnar::{Kind as K, Partition, TreeWriter, WriterOptions};
    if dir.is_file() {
        anyhow::bail!("{} is a file; --format parquet writes a directory", dir.display());
    }
    let existing = dir.is_dir();
    let empty =
        !existing || std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?.next().is_none();
    if !empty && !args.force {
        anyhow::bail!("{} is not empty (pass --force to replace it)", dir.display());
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let staging = parent.join(format!(".{name}.tmp{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    let built = (|| -> Result<sitrep_columnar::Summary> {
        let mut writer = TreeWriter::create(&staging, 0, WriterOptions::default())?;
        let mut partition = Partition::default();
        for_each_exchange(store, args.all_versions, args.all_statements, |item| {
            match item {
                Exchange::Document(doc) => {
                    let record = document_record(doc);
                    partition = Partition::of_document(&record);
                    writer.write(K::Document, &partition, &record)?;
                }
                Exchange::Record(kind, json) => {
                    let record: Value = serde_json::from_str(json).with_context(|| format!("corrupt {kind} record"))?;
                    let kind = K::from_exchange(kind).with_context(|| format!("no Parquet table for {kind}"))?;
                    writer.write(kind, &partition, &record)?;
                }
            }
            Ok(())
        })?;
        for actor in actor_records(args, store)? {
            writer.write(K::Actor, &Partition::default(), &actor)?;
        }
        Ok(writer.finish()?)
    })();
    let summary = match built.and_then(|s| replace_dir(&staging, dir, existing).map(|()| s)) {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let rows: Vec<String> = summary.rows.iter().map(|(k, n)| format!("{n} {}", k.dir_name())).collect();
    eprintln!("sitrep: wrote {} Parquet files ({}) -> {}", summary.files, rows.join(", "), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// Moves the complete tree `staging` to `dir`, replacing what is there.
fn replace_dir(staging: &Path, dir: &Path, existing: bool) -> Result<()> {
    if !existing {
        return std::fs::rename(staging, dir).with_context(|| format!("cannot write {}", dir.display()));
    }
    let old = staging.with_file_name(format!(
        "{}.old",
        staging.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    std::fs::rename(dir, &old).with_context(|| format!("cannot replace {}", dir.display()))?;
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(e).with_context(|| format!("cannot write {}", dir.display()));
    }
    std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove the old tree {}", old.display()))
}

/// Whether a stored statement belongs in the exchange export by default.
fn substantive(json: &str) -> bool {
    serde_json::from_str::<Statement>(json).map_or(true, |s| sitrep_statements::is_substantive(&s))
}

fn write_csv(args: &ExportArgs, store: &Store, w: &mut dyn Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let join = |v: &[String]| v.join("; ");
    match args.kind {
        Kind::Documents => {
            out.write_record(["id", "path", "source_id", "title", "outlet", "author", "published", "language"])?;
            let mut rows = Vec::new();
            store.for_each_document(!args.all_versions, |d| {
                let m = &d.meta;
                rows.push([
                    d.id.clone(),
                    m.path.clone(),
                    m.source_id.clone().unwrap_or_default(),
                    m.title.clone().unwrap_or_default(),
                    m.outlet.clone().unwrap_or_default(),
                    m.author.clone().unwrap_or_default(),
                    m.published.map(|p| p.to_string()).unwrap_or_default(),
                    m.language.clone(),
                ]);
                Ok(())
            })?;
            for r in rows {
                out.write_record(&r)?;
            }
        }
        Kind::Events => {
            out.write_record([
                "id",
                "doc",
                "type",
                "mode",
                "cameo",
                "source",
                "target",
                "place",
                "lat",
                "lon",
                "country",
                "geo_precision",
                "date_start",
                "date_end",
                "date_precision",
                "modality",
                "reported_by",
                "sentence",
            ])?;
            for_each::<Event>(store, RecordTable::Events, args.all_versions, |e| {
                let p = e.place.as_ref();
                let d = e.date.as_ref();
                out.write_record([
                    e.id.clone(),
                    e.doc.clone(),
                    e.kind.clone(),
                    e.mode.clone().unwrap_or_default(),
                    e.cameo.clone().unwrap_or_default(),
                    join(&e.source),
                    join(&e.target),
                    p.map(|p| p.name.clone()).unwrap_or_default(),
                    p.and_then(|p| p.lat).map(|v| v.to_string()).unwrap_or_default(),
                    p.and_then(|p| p.lon).map(|v| v.to_string()).unwrap_or_default(),
                    p.and_then(|p| p.country.clone()).unwrap_or_default(),
                    p.map(|p| p.precision.to_string()).unwrap_or_default(),
                    d.map(|d| d.start.clone()).unwrap_or_default(),
                    d.map(|d| d.end.clone()).unwrap_or_default(),
                    d.map(|d| format!("{:?}", d.precision).to_lowercase()).unwrap_or_default(),
                    format!("{:?}", e.modality).to_lowercase(),
                    e.reported_by.clone().unwrap_or_default(),
                    e.sentence.clone(),
                ])?;
                Ok(())
            })?;
        }
        Kind::Relations => {
            out.write_record([
                "id",
                "doc",
                "type",
                "subject",
                "object",
                "start",
                "end",
                "modality",
                "reported_by",
                "sentence",
            ])?;
            for_each::<Relation>(store, RecordTable::Relations, args.all_versions, |r| {
                out.write_record([
                    r.id.clone(),
                    r.doc.clone(),
                    r.kind.clone(),
                    r.subject.clone(),
                    r.object.clone(),
                    r.start.clone().unwrap_or_default(),
                    r.end.clone().unwrap_or_default(),
                    format!("{:?}", r.modality).to_lowercase(),
                    r.reported_by.clone().unwrap_or_default(),
                    r.sentence.clone(),
                ])?;
                Ok(())
            })?;
        }
        Kind::Statements => {
            out.write_record(["id", "doc", "speaker", "role", "date", "venue", "form", "verification", "text"])?;
            for_each::<Statement>(store, RecordTable::Statements, args.all_versions, |s| {
                if !args.all_statements && !sitrep_statements::is_substantive(&s) {
                    return Ok(());
                }
                out.write_record([
                    s.id.clone(),
                    s.doc.clone(),
                    s.speaker.clone(),
                    s.role.clone().unwrap_or_default(),
                    s.date.clone().unwrap_or_default(),
                    s.venue.clone().unwrap_or_default(),
                    s.form.clone(),
                    s.verification.as_ref().map(|v| v.status.clone()).unwrap_or_default(),
                    s.text.clone(),
                ])?;
                Ok(())
            })?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Calls `f` on every stored record of one table, document by document.
fn for_each<T: serde::de::DeserializeOwned>(
    store: &Store,
    table: RecordTable,
    all_versions: bool,
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    for doc in store.document_ids(!all_versions)? {
        let mut records = Vec::new();
        store.for_each_record_json(table, &doc, |json| {
            records.push(json.to_owned());
            Ok(())
        })?;
        for json in records {
            let rec: T = serde_json::from_str(&json).with_context(|| format!("corrupt record in document {doc}"))?;
            f(rec)?;
        }
    }
    Ok(())
}

fn write_geojson(args: &ExportArgs, store: &Store, w: &mut dyn Write) -> Result<()> {
    write!(w, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut first = true;
    for_each::<Event>(store, RecordTable::Events, args.all_versions, |e| {
        let Some(place) = &e.place else { return Ok(()) };
        let (Some(lat), Some(lon)) = (place.lat, place.lon) else { return Ok(()) };
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": e.id, "doc": e.doc, "type": e.kind, "mode": e.mode, "source": e.source,
                "target": e.target, "place": place.name, "geo_precision": place.precision,
                "date": e.date.as_ref().map(|d| d.start.clone()), "modality": e.modality,
                "reported_by": e.reported_by, "sentence": e.sentence,
            }
        });
        if !first {
            write!(w, ",")?;
        }
        first = false;
        write!(w, "\n{}", serde_json::to_string(&feature)?)?;
        Ok(())
    })?;
    writeln!(w, "\n]}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::with_kind;

    #[test]
    fn kind_is_prefixed() {
        assert_eq!(with_kind("event", r#"{"id":"x"}"#), r#"{"kind":"event","id":"x"}"#);
        assert_eq!(with_kind("event", "{}"), r#"{"kind":"event"}"#);
    }
}
