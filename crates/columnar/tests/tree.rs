//! The tree writer and the readers on files they and others write.

use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::{json, Value};
use sitrep_columnar::{corpus_rows, read_records, Error, Kind, Partition, TreeWriter, WriterOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
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

fn document(i: usize) -> Value {
    let outlets = [json!("Beirut Monitor"), json!("Al-Hayat: Weekly/Edition"), Value::Null];
    let published = [json!("2013-02-07"), json!("2016-05"), json!("2016"), Value::Null];
    json!({"kind": "document", "id": format!("doc_{i}"), "path": format!("-:{i}"), "source_id": format!("gen-{i}"),
        "title": if i.is_multiple_of(3) { Value::Null } else { json!(format!("Title {i}")) },
        "outlet": outlets[i % 3], "author": null, "published": published[i % 4], "language": "en", "url": null,
        "format": "jsonl", "primary": i.is_multiple_of(5), "removed": i % 4})
}

fn event(doc: usize, j: usize) -> Value {
    json!({"kind": "event", "id": format!("ev_{doc}_{j}"), "doc": format!("doc_{doc}"), "sentence": "Rebels shelled it.",
        "type": "ASSAULT", "mode": if j.is_multiple_of(2) { json!("military") } else { Value::Null }, "cameo": "190",
        "source": (0..j % 3).map(|k| format!("Actor {k}")).collect::<Vec<_>>(), "target": [],
        "source_ids": (0..j % 3).map(|k| if k == 1 { Value::Null } else { json!(format!("a{k}")) }).collect::<Vec<_>>(),
        "target_ids": [],
        "place": if j.is_multiple_of(2) { Value::Null } else {
            json!({"name": "Daraa", "lat": 32.6189, "lon": 36.1021, "country": "SY", "precision": 1, "gazetteer_id": 170905})
        },
        "date": {"start": "2013-02-02", "end": "2013-02-02", "precision": "day"},
        "modality": "asserted", "reported_by": null,
        "provenance": {"doc": format!("doc_{doc}"), "rule": "event:assault", "sentence_index": j,
            "sentence_span": {"start": 0, "end": 18}, "span": {"start": 7, "end": 14}}})
}

#[test]
fn records_come_back_from_a_partitioned_tree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tree");
    // Tiny limits: many row groups, buffers flushed early, files closed and reopened.
    let opts =
        WriterOptions { row_group_rows: 3, row_group_bytes: 1 << 20, max_buffered_bytes: 4000, max_open_files: 2 };
    let mut w = TreeWriter::create(&root, 4, opts).unwrap();
    let mut written = BTreeSet::new();
    for i in 0..60 {
        let doc = document(i);
        let partition = Partition::of_document(&doc);
        w.write(Kind::Document, &partition, &doc).unwrap();
        written.insert(doc.to_string());
        for j in 0..(i % 4) {
            let e = event(i, j);
            w.write(Kind::Event, &partition, &e).unwrap();
            written.insert(e.to_string());
        }
    }
    let actor = json!({"kind": "actor", "id": "ypg", "name": "People's Protection Units", "type": "group",
        "aliases": ["YPG"], "affiliation": null, "country": "SYR", "cameo": null});
    w.write(Kind::Actor, &Partition::default(), &actor).unwrap();
    written.insert(actor.to_string());
    let summary = w.finish().unwrap();
    assert_eq!(summary.rows[&Kind::Document], 60);
    assert_eq!(summary.rows[&Kind::Actor], 1);

    let all = files(&root);
    assert_eq!(all.len(), summary.files);
    assert!(all.iter().all(|p| p.extension().is_some_and(|e| e == "parquet")), "no temporary files left: {all:?}");
    let rel: Vec<String> = all.iter().map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().into_owned()).collect();
    assert!(rel.contains(&"documents/outlet=Beirut Monitor/year=2013/month=02/part-4.parquet".to_owned()), "{rel:?}");
    assert!(rel.iter().any(|p| p
        .starts_with("events/outlet=Al-Hayat%3A Weekly%2FEdition/year=2016/month=__HIVE_DEFAULT_PARTITION__/part-4")));
    assert!(rel
        .iter()
        .any(|p| p.starts_with("documents/outlet=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/")));
    assert!(rel.iter().any(|p| p.ends_with("/part-4-1.parquet")), "a closed partition continues in a new file");
    assert!(rel.contains(&"actors/part-4.parquet".to_owned()));

    let mut read = BTreeSet::new();
    for f in &all {
        let records = read_records(f).unwrap();
        let kind = records.kind();
        assert_eq!(f.strip_prefix(&root).unwrap().iter().next().unwrap(), kind.dir_name());
        for r in records {
            let r = r.unwrap();
            if kind.is_partitioned() {
                // The record sits in its document's partition.
                let doc_partition = Partition::of_document(&document(
                    r["id"].as_str().unwrap().split('_').nth(1).unwrap().parse().unwrap(),
                ));
                assert!(f.starts_with(root.join(kind.dir_name()).join(doc_partition.relative_dir())), "{f:?}");
            }
            read.insert(r.to_string());
        }
    }
    assert_eq!(read, written);
}

#[test]
fn a_writer_dropped_unfinished_leaves_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let opts = WriterOptions { row_group_rows: 2, ..WriterOptions::default() };
    let mut w = TreeWriter::create(dir.path(), 0, opts).unwrap();
    for i in 0..10 {
        let doc = document(i);
        w.write(Kind::Document, &Partition::of_document(&doc), &doc).unwrap();
    }
    drop(w);
    assert_eq!(files(dir.path()), Vec::<PathBuf>::new());
    let mut w = TreeWriter::create(dir.path(), 0, WriterOptions::default()).unwrap();
    let err = w.write(Kind::Event, &Partition::default(), &json!([1])).unwrap_err();
    assert_eq!(err.to_string(), "a event record must be a JSON object, not an array");
}

/// A corpus as other tools write it: ints, dates, lists, nulls, no UTF-8 annotation.
fn write_corpus(path: &Path, rows: usize) {
    let schema = parse_message_type(
        "message corpus {
            optional int64 id;
            optional binary title (STRING);
            optional int32 published (DATE);
            optional binary text;
            optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
        }",
    )
    .unwrap();
    let props = Arc::new(WriterProperties::builder().set_max_row_group_row_count(Some(4)).build());
    let file = std::fs::File::create(path).unwrap();
    let mut w = SerializedFileWriter::new(file, Arc::new(schema), props).unwrap();
    for chunk in (0..rows).collect::<Vec<_>>().chunks(4) {
        let mut rg = w.next_row_group().unwrap();
        let mut col = 0;
        while let Some(mut c) = rg.next_column().unwrap() {
            let n = chunk.len();
            match col {
                0 => {
                    let v: Vec<i64> = chunk.iter().map(|&i| i as i64).collect();
                    c.typed::<Int64Type>().write_batch(&v, Some(&vec![1; n]), None).unwrap();
                }
                1 => {
                    let defs: Vec<i16> = chunk.iter().map(|&i| i16::from(i % 2 == 0)).collect();
                    let v: Vec<ByteArray> = chunk
                        .iter()
                        .filter(|&&i| i % 2 == 0)
                        .map(|i| ByteArray::from(format!("T{i}").as_str()))
                        .collect();
                    c.typed::<ByteArrayType>().write_batch(&v, Some(&defs), None).unwrap();
                }
                2 => {
                    let v: Vec<i32> = chunk.iter().map(|&i| 16_927 + i as i32).collect();
                    c.typed::<Int32Type>().write_batch(&v, Some(&vec![1; n]), None).unwrap();
                }
                3 => {
                    let v: Vec<ByteArray> =
                        chunk.iter().map(|i| ByteArray::from(format!("Body of report {i}.").as_str())).collect();
                    c.typed::<ByteArrayType>().write_batch(&v, Some(&vec![1; n]), None).unwrap();
                }
                _ => {
                    let (mut v, mut d, mut r) = (Vec::new(), Vec::new(), Vec::new());
                    for &i in chunk {
                        v.push(ByteArray::from("syria"));
                        v.push(ByteArray::from(format!("t{i}").as_str()));
                        d.extend([3, 3]);
                        r.extend([0, 1]);
                    }
                    c.typed::<ByteArrayType>().write_batch(&v, Some(&d), Some(&r)).unwrap();
                }
            }
            c.close().unwrap();
            col += 1;
        }
        rg.close().unwrap();
    }
    w.close().unwrap();
}

#[test]
fn corpus_rows_as_text_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.parquet");
    write_corpus(&path, 10);
    let rows = corpus_rows(&path).unwrap();
    assert_eq!(rows.column_names(), ["id", "title", "published", "text", "tags"]);
    assert_eq!(rows.num_rows(), 10);
    let rows: Vec<_> = rows.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[0],
        (
            1,
            vec![
                ("id".to_owned(), "0".to_owned()),
                ("title".to_owned(), "T0".to_owned()),
                ("published".to_owned(), "2016-05-06".to_owned()),
                ("text".to_owned(), "Body of report 0.".to_owned()),
                ("tags".to_owned(), "syria, t0".to_owned()),
            ]
        )
    );
    assert_eq!(rows[9].0, 10);
    assert!(!rows[9].1.iter().any(|(k, _)| k == "title"), "null columns are left out");
}

#[test]
fn files_that_are_not_parquet_or_are_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.parquet");
    std::fs::write(&text, "id,text\n1,hello there\n").unwrap();
    let err = corpus_rows(&text).err().unwrap();
    assert!(matches!(err, Error::NotParquet { .. }));
    assert!(err.to_string().contains("notes.parquet: not a Parquet file"), "{err}");

    let good = dir.path().join("good.parquet");
    write_corpus(&good, 12);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("truncated.parquet");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let err = corpus_rows(&truncated).err().unwrap();
    assert!(err.to_string().contains("truncated.parquet: truncated or incomplete Parquet file"), "{err}");

    // Damage inside the data pages: never a panic; every row is either read
    // or reported with its row number.
    let data_end =
        bytes.len() - 8 - u32::from_le_bytes(bytes[bytes.len() - 8..bytes.len() - 4].try_into().unwrap()) as usize;
    let mut reported = 0;
    for at in (4..data_end).step_by(7) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0xA5;
        let path = dir.path().join("damaged.parquet");
        std::fs::write(&path, &damaged).unwrap();
        let Ok(rows) = corpus_rows(&path) else { continue };
        let mut last = 0;
        for r in rows {
            let n = match r {
                Ok((n, _)) => n,
                Err(Error::BadRow { row, .. }) => {
                    reported += 1;
                    row
                }
                Err(e) => panic!("unexpected {e}"),
            };
            assert!(n > last && n <= 12, "row numbers increase: {n} after {last}");
            last = n;
        }
    }
    assert!(reported > 0, "some damage is detected");
    let err = read_records(&good).err().unwrap();
    assert!(err.to_string().contains("not a sitrep exchange table"), "{err}");
}
