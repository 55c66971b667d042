//! Parquet corpora read like JSON Lines: the same rows give the same
//! documents; bad rows and files are named and the rest goes on.

use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use sitrep_ingest::{discover, read_input, Error, Format, Input, Options};
use sitrep_model::Document;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A cell of a test table: a string or a list of strings.
#[derive(Clone)]
enum Cell {
    Str(String),
    List(Vec<String>),
}

/// A Parquet file of optional string (or, where `lists` says, list of
/// string) columns, `per_group` rows a row group.
fn write_table(path: &Path, columns: &[(String, bool)], rows: &[Vec<Option<Cell>>], per_group: usize) {
    let fields: String = columns
        .iter()
        .map(|(c, list)| match list {
            false => format!("optional binary {c} (STRING); "),
            true => {
                format!("optional group {c} (LIST) {{ repeated group list {{ optional binary element (STRING); }} }} ")
            }
        })
        .collect();
    let schema = Arc::new(parse_message_type(&format!("message corpus {{ {fields} }}")).unwrap());
    let mut w =
        SerializedFileWriter::new(std::fs::File::create(path).unwrap(), schema, Arc::new(WriterProperties::default()))
            .unwrap();
    for group in rows.chunks(per_group) {
        let mut rg = w.next_row_group().unwrap();
        let mut i = 0;
        while let Some(mut col) = rg.next_column().unwrap() {
            let (mut values, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
            for row in group {
                match &row[i] {
                    None => {
                        defs.push(0);
                        reps.push(0);
                    }
                    Some(Cell::Str(s)) => {
                        values.push(ByteArray::from(s.as_str()));
                        defs.push(if columns[i].1 { 3 } else { 1 });
                        reps.push(0);
                    }
                    Some(Cell::List(items)) => {
                        for (j, item) in items.iter().enumerate() {
                            values.push(ByteArray::from(item.as_str()));
                            defs.push(3);
                            reps.push(i16::from(j > 0));
                        }
                    }
                }
            }
            let reps = columns[i].1.then_some(reps.as_slice());
            col.typed::<ByteArrayType>().write_batch(&values, Some(&defs), reps).unwrap();
            col.close().unwrap();
            i += 1;
        }
        rg.close().unwrap();
    }
    w.close().unwrap();
}

fn strings(columns: &[&str]) -> Vec<(String, bool)> {
    columns.iter().map(|c| (c.to_string(), false)).collect()
}

/// The JSON Lines test corpus's valid lines as a Parquet table (arrays as lists).
fn corpus_as_parquet(path: &Path, per_group: usize) {
    use serde_json::Value;
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus.jsonl")).unwrap();
    let objects: Vec<serde_json::Map<String, Value>> =
        text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let mut columns: Vec<(String, bool)> =
        objects.iter().flat_map(|o| o.iter().map(|(k, v)| (k.clone(), v.is_array()))).collect();
    columns.sort();
    columns.dedup();
    let rows: Vec<Vec<Option<Cell>>> = objects
        .iter()
        .map(|o| {
            columns
                .iter()
                .map(|(c, _)| match o.get(c) {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(Cell::Str(s.clone())),
                    Some(Value::Array(items)) => {
                        Some(Cell::List(items.iter().map(|i| i.as_str().unwrap_or_default().to_owned()).collect()))
                    }
                    Some(other) => Some(Cell::Str(other.to_string())),
                })
                .collect()
        })
        .collect();
    write_table(path, &columns, &rows, per_group);
}

fn read(path: &Path) -> Vec<Result<Document, Error>> {
    let input = Input { path: path.to_path_buf(), size: 0, format: Format::from_path(path) };
    read_input(&input, &Options::default()).collect()
}

/// A document without where it was read from.
fn comparable(mut d: Document) -> Document {
    d.meta.path.clear();
    d.meta.format.clear();
    d
}

#[test]
fn a_parquet_corpus_gives_the_documents_of_the_same_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("corpus.parquet");
    corpus_as_parquet(&pq, 2);
    let jsonl: Vec<Document> = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus.jsonl"))
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let from_parquet = read(&pq);
    let docs: Vec<Document> = from_parquet.iter().filter_map(|d| d.as_ref().ok().cloned()).collect();
    assert!(docs.len() >= 2, "{from_parquet:?}");
    assert_eq!(docs[0].meta.path, format!("{}:1", pq.display()));
    assert_eq!(docs[0].meta.format, "parquet");
    assert_eq!(
        docs.into_iter().map(comparable).collect::<Vec<_>>(),
        jsonl.into_iter().map(comparable).collect::<Vec<_>>()
    );
    // The row without text is named by its row number; the rows after it were read.
    let errors: Vec<String> = from_parquet.iter().filter_map(|d| d.as_ref().err().map(|e| e.to_string())).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("corpus.parquet: row 3: no text"), "{errors:?}");
}

#[test]
fn directories_find_parquet_files_and_damaged_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    corpus_as_parquet(&d.join("a_good.parquet"), 8);
    let good = std::fs::read(d.join("a_good.parquet")).unwrap();
    std::fs::write(d.join("b_truncated.parquet"), &good[..good.len() - 20]).unwrap();
    std::fs::write(d.join("c_text.parquet"), "id,text\n1,Rebels shelled the town.\n").unwrap();
    write_table(
        &d.join("d_no_text.parquet"),
        &strings(&["id", "title"]),
        &[vec![Some(Cell::Str("1".into())), None]],
        1,
    );
    // Named explicitly without an extension: sniffed from its first bytes.
    std::fs::copy(d.join("a_good.parquet"), d.join("e_noext")).unwrap();

    let mut stored = 0;
    let mut errors = Vec::new();
    let inputs: Vec<PathBuf> = vec![d.to_path_buf()];
    for input in discover(&inputs) {
        let input = input.unwrap();
        assert!(input.path.ends_with("e_noext") || input.format == Some(Format::Parquet), "{input:?}");
        for doc in read_input(&input, &Options::default()) {
            match doc {
                Ok(_) => stored += 1,
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    assert_eq!(stored, 2 * 3, "the good file and its copy: {errors:?}");
    let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
    assert!(has("b_truncated.parquet: unsupported input: truncated or incomplete Parquet file"), "{errors:?}");
    assert!(has("c_text.parquet: unsupported input: not a Parquet file"), "{errors:?}");
    assert!(has("d_no_text.parquet: unsupported input: the Parquet schema names no `text`"), "{errors:?}");

    // Standard input cannot hold a Parquet corpus.
    let stdin = Input { path: PathBuf::from("-"), size: 0, format: None };
    let opts = Options { format: Some(Format::Parquet), ..Options::default() };
    let err = read_input(&stdin, &opts).next().unwrap().unwrap_err();
    assert!(err.to_string().contains("cannot be read from standard input"), "{err}");
}

#[test]
fn oversized_rows_are_refused_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.parquet");
    let rows: Vec<Vec<Option<Cell>>> = [
        "Rebels shelled the town of Daraa on Monday, activists said.".to_owned(),
        "x".repeat(5000),
        "Government forces retook the village on Tuesday.".to_owned(),
    ]
    .into_iter()
    .map(|t| vec![Some(Cell::Str(t))])
    .collect();
    write_table(&path, &strings(&["text"]), &rows, 10);
    let input = Input { path: path.clone(), size: 0, format: Some(Format::Parquet) };
    let out: Vec<_> = read_input(&input, &Options { max_file_bytes: 1000, ..Options::default() }).collect();
    assert_eq!(out.len(), 3);
    assert!(out[0].is_ok() && out[2].is_ok());
    let err = out[1].as_ref().unwrap_err();
    assert!(err.to_string().contains("big.parquet: row 2: row is 5004 bytes, over the limit"), "{err}");
    assert_eq!(err.line(), Some(2));
}
