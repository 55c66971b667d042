//! Parquet in and out through the `sitrep` binary: the exported tree holds
//! the JSON Lines export's records, shards write into one tree, and Parquet
//! corpora ingest like JSON Lines.

use assert_cmd::Command;
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::Value;
use sitrep_columnar::{read_records, Partition};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn sitrep(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sitrep").unwrap();
    cmd.current_dir(dir).env_remove("SITREP_DB");
    cmd
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// The first `n` documents of a generated corpus, plus two with outlets
/// that need escaping in a partition path and one with no outlet or date.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let full = dir.join("full.jsonl");
    run(sitrep(dir).args(["gen-corpus", "--size-mb", "1", "--seed", "11", "--out"]).arg(&full));
    let mut lines: Vec<String> = std::fs::read_to_string(&full).unwrap().lines().take(n).map(str::to_owned).collect();
    lines.push(
        r#"{"id": "odd-1", "outlet": "Al-Hayat: Weekly/Edition 100%", "published": "2016-05-06", "text": "Rebel factions led by Jaish al-Fateh captured the village of Khan Tuman south of Aleppo on Friday."}"#
            .into(),
    );
    lines.push(
        r#"{"id": "odd-2", "text": "Russian and Syrian jets struck rebel-held districts of eastern Aleppo overnight, residents said."}"#
            .into(),
    );
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn parquet_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every record of a Parquet tree, with the file it was read from.
fn tree_records(root: &Path) -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    for f in parquet_files(root) {
        assert!(f.extension().is_some_and(|e| e == "parquet"), "only complete Parquet files: {f:?}");
        for r in read_records(&f).unwrap() {
            out.push((f.clone(), r.unwrap()));
        }
    }
    out
}

fn jsonl_records(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn as_set(records: impl IntoIterator<Item = Value>) -> BTreeSet<String> {
    records.into_iter().map(|r| r.to_string()).collect()
}

#[test]
fn the_parquet_tree_holds_the_json_lines_records() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 40);
    run(sitrep(dir.path()).args(["ingest", "--quiet"]).arg(&corpus).arg(examples()));
    let jsonl = jsonl_records(&run(sitrep(dir.path()).args(["export", "--format", "jsonl"])));
    let out = sitrep(dir.path()).args(["export", "--format", "parquet", "--out", "tree"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Parquet files"));
    let root = dir.path().join("tree");

    // Record for record the same, each kind in its table.
    let tree = tree_records(&root);
    assert_eq!(tree.len(), jsonl.len(), "one row per JSON Lines record");
    assert_eq!(as_set(tree.iter().map(|(_, r)| r.clone())), as_set(jsonl.clone()));
    let kinds: BTreeSet<&str> = jsonl.iter().filter_map(|r| r["kind"].as_str()).collect();
    assert_eq!(kinds, ["actor", "document", "event", "relation", "statement"].into_iter().collect());

    // Each record sits in its document's partition.
    let partitions: BTreeMap<String, Partition> = jsonl
        .iter()
        .filter(|r| r["kind"] == "document")
        .map(|d| (d["id"].as_str().unwrap().to_owned(), Partition::of_document(d)))
        .collect();
    for (file, r) in &tree {
        let rel = file.strip_prefix(&root).unwrap();
        let table = rel.iter().next().unwrap().to_string_lossy().into_owned();
        assert_eq!(table, format!("{}s", r["kind"].as_str().unwrap()));
        if r["kind"] == "actor" {
            assert_eq!(rel, Path::new("actors/part-0.parquet"));
            continue;
        }
        let doc = if r["kind"] == "document" { &r["id"] } else { &r["doc"] };
        let want = Path::new(&table).join(partitions[doc.as_str().unwrap()].relative_dir()).join("part-0.parquet");
        assert_eq!(rel, want);
    }
    let rel: Vec<String> =
        parquet_files(&root).iter().map(|f| f.strip_prefix(&root).unwrap().to_string_lossy().into_owned()).collect();
    assert!(
        rel.contains(&"documents/outlet=Al-Hayat%3A Weekly%2FEdition 100%25/year=2016/month=05/part-0.parquet".into())
    );
    assert!(rel.contains(
        &"documents/outlet=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet"
            .into()
    ));

    // Read with the parquet crate alone: row counts, and names as lists of strings.
    let events_file = parquet_files(&root.join("events")).into_iter().next().unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&events_file).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let source = schema.root_schema().get_fields().iter().find(|f| f.name() == "source").unwrap().clone();
    assert_eq!(source.get_basic_info().converted_type(), parquet::basic::ConvertedType::LIST);
    let rows: i64 = ["documents", "events", "relations", "statements", "actors"]
        .iter()
        .flat_map(|k| parquet_files(&root.join(k)))
        .map(|f| {
            SerializedFileReader::new(std::fs::File::open(f).unwrap()).unwrap().metadata().file_metadata().num_rows()
        })
        .sum();
    assert_eq!(rows as usize, jsonl.len());
}

#[test]
fn the_export_directory_is_replaced_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    run(sitrep(dir.path()).args(["ingest", "--quiet"]).arg(examples()));
    let out = sitrep(dir.path()).args(["export", "--format", "parquet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--out is required");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out DIR"));

    std::fs::create_dir(dir.path().join("tree")).unwrap();
    std::fs::write(dir.path().join("tree/notes.txt"), "mine").unwrap();
    let out = sitrep(dir.path()).args(["export", "--format", "parquet", "--out", "tree"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty (pass --force"), "{out:?}");
    assert!(dir.path().join("tree/notes.txt").exists(), "left alone");

    run(sitrep(dir.path()).args(["export", "--format", "parquet", "--force", "--out", "tree"]));
    assert!(!dir.path().join("tree/notes.txt").exists(), "replaced");
    assert!(dir.path().join("tree/documents").is_dir());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "no staging left: {names:?}");

    // An empty directory is filled.
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    run(sitrep(dir.path()).args(["export", "--format", "parquet", "--out", "empty"]));
    assert_eq!(tree_records(&dir.path().join("empty")).len(), tree_records(&dir.path().join("tree")).len());
}

#[test]
fn shards_write_their_parts_into_one_tree() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 24);
    let lines: Vec<String> = std::fs::read_to_string(&corpus).unwrap().lines().map(str::to_owned).collect();
    let mut expected = BTreeSet::new();
    for (i, shard) in lines.chunks(lines.len().div_ceil(2)).enumerate() {
        let text = shard.join("\n") + "\n";
        // The same shard as JSON Lines on standard output...
        let records = jsonl_records(&run(sitrep(dir.path()).arg("code").write_stdin(text.clone())));
        expected.extend(as_set(records));
        // ...and into the shared tree.
        let out = sitrep(dir.path())
            .args(["code", "--parquet-out", "tree", "--part", &i.to_string()])
            .write_stdin(text)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "nothing on standard output");
    }
    let root = dir.path().join("tree");
    let tree = tree_records(&root);
    assert_eq!(as_set(tree.iter().map(|(_, r)| r.clone())), expected);
    let names: BTreeSet<String> =
        tree.iter().map(|(f, _)| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["part-0.parquet".to_owned(), "part-1.parquet".to_owned()].into_iter().collect());
    assert!(root.join("actors/part-0.parquet").exists() && root.join("actors/part-1.parquet").exists());

    // A re-run of a shard replaces its files.
    let before = tree.len();
    let shard0 = lines[..lines.len().div_ceil(2)].join("\n") + "\n";
    run(sitrep(dir.path()).args(["code", "--parquet-out", "tree", "--part", "0"]).write_stdin(shard0));
    assert_eq!(tree_records(&root).len(), before);

    let out = sitrep(dir.path()).args(["code", "--part", "3"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--part needs --parquet-out");
}

/// A corpus as a Parquet table of string columns, `per_group` rows a row group.
fn jsonl_to_parquet(jsonl: &Path, out: &Path, per_group: usize) {
    let objects: Vec<serde_json::Map<String, Value>> =
        std::fs::read_to_string(jsonl).unwrap().lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let mut columns: Vec<String> = objects.iter().flat_map(|o| o.keys().cloned()).collect();
    columns.sort();
    columns.dedup();
    let fields: String = columns.iter().map(|c| format!("optional binary {c} (STRING); ")).collect();
    let schema = Arc::new(parse_message_type(&format!("message corpus {{ {fields} }}")).unwrap());
    let file = std::fs::File::create(out).unwrap();
    let mut w = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::default())).unwrap();
    for group in objects.chunks(per_group) {
        let mut rg = w.next_row_group().unwrap();
        let mut i = 0;
        while let Some(mut col) = rg.next_column().unwrap() {
            let cells: Vec<Option<String>> = group
                .iter()
                .map(|o| match o.get(&columns[i]) {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(other) => Some(other.to_string()),
                })
                .collect();
            let defs: Vec<i16> = cells.iter().map(|c| i16::from(c.is_some())).collect();
            let values: Vec<ByteArray> = cells.iter().flatten().map(|s| ByteArray::from(s.as_str())).collect();
            col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None).unwrap();
            col.close().unwrap();
            i += 1;
        }
        rg.close().unwrap();
    }
    w.close().unwrap();
}

/// An export's records with where each document was read from taken out.
fn export_without_paths(dir: &Path, db: &str) -> BTreeSet<String> {
    let mut records = jsonl_records(&run(sitrep(dir).args(["export", "--db", db])));
    for r in &mut records {
        if let Some(map) = r.as_object_mut().filter(|m| m["kind"] == "document") {
            map.remove("path");
            map.remove("format");
        }
    }
    as_set(records)
}

#[test]
fn a_parquet_corpus_ingests_like_its_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 30);
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    jsonl_to_parquet(&corpus, &inputs.join("a_corpus.parquet"), 7);
    let good = std::fs::read(inputs.join("a_corpus.parquet")).unwrap();
    std::fs::write(inputs.join("b_truncated.parquet"), &good[..good.len() / 3]).unwrap();
    std::fs::write(inputs.join("c_not.parquet"), "id,text\n1,Rebels shelled the town.\n").unwrap();

    run(sitrep(dir.path()).args(["ingest", "--quiet", "--db", "jsonl.db"]).arg(&corpus));
    let out = sitrep(dir.path()).args(["ingest", "--db", "parquet.db", "in"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "some inputs rejected: {err}");
    assert!(err.contains("b_truncated.parquet: unsupported input: truncated or incomplete Parquet file"), "{err}");
    assert!(err.contains("c_not.parquet: unsupported input: not a Parquet file"), "{err}");
    assert!(err.contains("32 stored"), "{err}");

    assert_eq!(export_without_paths(dir.path(), "parquet.db"), export_without_paths(dir.path(), "jsonl.db"));
    let docs = jsonl_records(&run(sitrep(dir.path()).args(["export", "--db", "parquet.db"])));
    let first = docs.iter().find(|r| r["kind"] == "document").unwrap();
    assert!(first["path"].as_str().unwrap().ends_with("a_corpus.parquet:1"), "{first}");
    assert_eq!(first["format"], "parquet");
}
