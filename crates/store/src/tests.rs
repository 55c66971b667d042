use super::*;
use sitrep_model::{Modality, Paragraph, ParagraphKind, Provenance, Sentence, Span};

fn doc(id: &str, path: &str, text: &str) -> Document {
    Document {
        id: id.to_owned(),
        meta: DocMeta {
            path: path.to_owned(),
            language: "en".to_owned(),
            format: "txt".to_owned(),
            published: PartialDate::parse_iso("2016-05-08"),
            ..DocMeta::default()
        },
        text: text.to_owned(),
        removed: vec![],
    }
}

fn coded(doc_id: &str, text: &str) -> Coded {
    let span = Span::new(0, text.len());
    Coded {
        segmentation: Segmentation {
            paragraphs: vec![Paragraph { index: 0, span, kind: ParagraphKind::Text, speaker_label: None }],
            sentences: vec![Sentence { index: 0, paragraph: 0, span }],
        },
        mentions: vec![
            Mention {
                span: Span::new(0, 6),
                actor: Some("russia".into()),
                name: "Russia".into(),
                rule: "alias".into(),
                sector: None,
            },
            Mention {
                span: Span::new(20, 34),
                actor: None,
                name: "Liwa al-Example".into(),
                rule: "unknown-candidate".into(),
                sector: None,
            },
        ],
        events: vec![Event {
            id: format!("ev_{doc_id}"),
            doc: doc_id.to_owned(),
            sentence: text.to_owned(),
            kind: "ASSAULT".into(),
            mode: Some("aerial".into()),
            cameo: Some("195".into()),
            source: vec!["Russia".into()],
            target: vec!["Liwa al-Example".into()],
            place: None,
            date: None,
            modality: Modality::Asserted,
            reported_by: None,
            source_ids: vec![Some("russia".into())],
            target_ids: vec![None],
            provenance: Provenance { doc: doc_id.to_owned(), sentence_span: span, ..Provenance::default() },
            diagnostics: vec![],
        }],
        relations: vec![],
        statements: vec![],
    }
}

const TEXT: &str = "Russia bombed the  Liwa al-Example positions.";

#[test]
fn put_is_idempotent_and_versions_changed_inputs() {
    let mut store = Store::open_in_memory().unwrap();
    let b = store.batch().unwrap();
    assert_eq!(b.put(&doc("doc_a", "x.txt", TEXT), &coded("doc_a", TEXT)).unwrap(), PutOutcome::Stored { version: 1 });
    assert_eq!(b.put(&doc("doc_a", "y.txt", TEXT), &coded("doc_a", TEXT)).unwrap(), PutOutcome::Unchanged);
    b.commit().unwrap();
    let b = store.batch().unwrap();
    assert_eq!(b.put(&doc("doc_b", "x.txt", TEXT), &coded("doc_b", TEXT)).unwrap(), PutOutcome::Stored { version: 2 });
    b.commit().unwrap();
    assert_eq!(store.count_documents().unwrap(), 2);
    assert_eq!(store.document_ids(true).unwrap(), vec!["doc_b".to_owned()]);
    assert_eq!(store.document_ids(false).unwrap().len(), 2);
    // Only the current version's records are listed.
    assert_eq!(store.events(&Filter::default()).unwrap().len(), 1);
}

#[test]
fn uncommitted_batch_leaves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    {
        let b = store.batch().unwrap();
        b.put(&doc("doc_a", "x.txt", TEXT), &coded("doc_a", TEXT)).unwrap();
        // Dropped without commit, as when an ingest is interrupted.
    }
    assert_eq!(store.counts().unwrap(), [0, 0, 0, 0, 0]);
}

#[test]
fn round_trips_documents_and_records() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("doc_a", "x.txt", TEXT);
    let c = coded("doc_a", TEXT);
    let b = store.batch().unwrap();
    b.put(&d, &c).unwrap();
    b.commit().unwrap();
    assert_eq!(store.document("doc_a").unwrap().unwrap(), d);
    assert_eq!(store.document("doc_").unwrap().unwrap(), d, "unique prefix");
    assert_eq!(store.segmentation("doc_a").unwrap(), c.segmentation);
    assert_eq!(store.mentions("doc_a").unwrap(), c.mentions);
    assert_eq!(store.events(&Filter::default()).unwrap(), c.events);
    let unknown = store.unknown_actors(10).unwrap();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].name, "Liwa al-Example");
    assert_eq!(unknown[0].example_sentence, TEXT);
}

#[test]
fn filters_use_bound_parameters() {
    let mut store = Store::open_in_memory().unwrap();
    let b = store.batch().unwrap();
    b.put(&doc("doc_a", "x.txt", TEXT), &coded("doc_a", TEXT)).unwrap();
    b.commit().unwrap();
    let hostile = Filter { actor: Some("'; DROP TABLE events; --".into()), ..Filter::default() };
    assert!(store.events(&hostile).unwrap().is_empty());
    assert_eq!(store.events(&Filter { actor: Some("RUSSIA".into()), ..Filter::default() }).unwrap().len(), 1);
    assert_eq!(store.events(&Filter { kind: Some("assault".into()), ..Filter::default() }).unwrap().len(), 1);
    assert!(store.events(&Filter { kind: Some("AGREE".into()), ..Filter::default() }).unwrap().is_empty());
    assert_eq!(store.counts().unwrap()[1], 1);
}

#[test]
fn reopening_a_file_store_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).unwrap();
        let b = store.batch().unwrap();
        b.put(&doc("doc_a", "x.txt", TEXT), &coded("doc_a", TEXT)).unwrap();
        b.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.count_documents().unwrap(), 1);
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("schema version 99"), "{err}");
}

#[test]
fn an_older_store_is_migrated_forward_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        // A store as the first schema version created it.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    {
        let mut store = Store::open(&path).unwrap();
        let b = store.batch().unwrap();
        b.put(&doc("doc_a", "x.txt", TEXT), &coded("doc_a", TEXT)).unwrap();
        b.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.count_documents().unwrap(), 1);
    let conn = store.sqlite().unwrap();
    let indexed: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'documents_seq'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(indexed, 1);
}

/// The names and SQL of the store's indexes, whitespace collapsed.
fn indexes(store: &Store) -> Vec<(String, String)> {
    let conn = store.sqlite().unwrap();
    let mut stmt =
        conn.prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap();
    rows.map(|r| r.unwrap()).map(|(n, sql)| (n, sql.split_whitespace().collect::<Vec<_>>().join(" "))).collect()
}

#[test]
fn deferrable_indexes_are_the_schemas_secondary_indexes() {
    let store = Store::open_in_memory().unwrap();
    let kept = ["documents_seq", "documents_version_key", "sqlite_autoindex_documents_1"];
    let schema = indexes(&store);
    let secondary: Vec<&(String, String)> = schema.iter().filter(|(n, _)| !kept.contains(&n.as_str())).collect();
    assert_eq!(secondary.len(), DEFERRABLE_INDEXES.len(), "{schema:?}");
    for (name, sql) in secondary {
        let index = DEFERRABLE_INDEXES.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{name} deferrable"));
        assert_eq!(index.create_sql().replace(" IF NOT EXISTS", ""), *sql);
    }
}

#[test]
fn a_bulk_load_builds_its_indexes_at_the_end_with_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    let all = indexes(&store);
    assert!(store.defer_indexes(0).unwrap(), "an empty store defers");
    assert_eq!(indexes(&store).len(), all.len() - DEFERRABLE_INDEXES.len());
    let b = store.batch().unwrap();
    for id in ["doc_a", "doc_b"] {
        let outcome = b.put(&doc(id, &format!("{id}.txt"), TEXT), &coded(id, TEXT)).unwrap();
        assert_eq!(outcome, PutOutcome::Stored { version: 1 });
    }
    b.commit().unwrap();
    // Records are found while the indexes are away.
    assert_eq!(store.events(&Filter { doc: Some("doc_a".into()), ..Filter::default() }).unwrap().len(), 1);
    assert_eq!(store.ensure_indexes().unwrap(), DEFERRABLE_INDEXES.len());
    assert_eq!(indexes(&store), all);
    assert_eq!(store.ensure_indexes().unwrap(), 0);
    assert_eq!(store.counts().unwrap(), [2, 2, 0, 0, 4]);
    assert_eq!(store.mentions("doc_b").unwrap(), coded("doc_b", TEXT).mentions);

    // A store that holds much more than the input keeps its indexes.
    assert!(!store.defer_indexes(1).unwrap());
    assert_eq!(indexes(&store), all);

    // A load cut short: opening the store for writing builds what is missing.
    assert!(store.defer_indexes(u64::MAX).unwrap());
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(indexes(&store), all);
}

#[test]
fn a_repeated_record_id_keeps_the_later_record_with_or_without_the_index() {
    let mut c = coded("doc_a", TEXT);
    let mut later = c.events[0].clone();
    later.kind = "COERCE".into();
    c.events.push(later);
    for deferred in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        assert!(store.defer_indexes(0).unwrap());
        if !deferred {
            store.ensure_indexes().unwrap();
        }
        let b = store.batch().unwrap();
        b.put(&doc("doc_a", "x.txt", TEXT), &c).unwrap();
        // Another document's record with the same id (a hash collision) replaces it too.
        let mut other = coded("doc_b", TEXT);
        other.events[0].id = c.events[0].id.clone();
        other.events[0].kind = "PROTEST".into();
        b.put(&doc("doc_b", "y.txt", TEXT), &other).unwrap();
        b.commit().unwrap();
        store.ensure_indexes().unwrap();
        let events = store.events(&Filter::default()).unwrap();
        assert_eq!(events.len(), 1, "deferred {deferred}");
        assert_eq!(events[0].kind, "PROTEST", "deferred {deferred}");
    }
}

#[test]
fn a_version_2_store_moves_its_records_to_unique_id_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(MIGRATIONS[1]).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, path, version_key, version, language, format, text, ingested_seq)
                 VALUES ('doc_a', 'x.txt', 'path:x.txt', 1, 'en', 'txt', 'Russia bombed.', 1);
             INSERT INTO segmentation (doc, json) VALUES ('doc_a', '{\"paragraphs\":[],\"sentences\":[]}');
             INSERT INTO events (id, doc, type, json) VALUES ('ev_2', 'doc_a', 'ASSAULT', '{\"id\":\"ev_2\"}');
             INSERT INTO events (id, doc, type, json) VALUES ('ev_1', 'doc_a', 'ASSAULT', '{\"id\":\"ev_1\"}');
             INSERT INTO relations (id, doc, type, subject, object, json) VALUES ('rel_1', 'doc_a', 'controls', 'a', 'b', '{}');
             INSERT INTO statements (id, doc, speaker, json) VALUES ('stmt_1', 'doc_a', 'X', '{}');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = store.sqlite().unwrap();
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM events ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(ids, ["ev_2", "ev_1"], "rows keep their order");
    assert_eq!(store.counts().unwrap(), [1, 2, 1, 1, 0]);
    let duplicate = conn.execute("INSERT INTO events (id, doc, type, json) VALUES ('ev_1', 'doc_a', 'X', '{}')", []);
    assert!(duplicate.is_err(), "record ids stay unique");
    let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1, "foreign keys are on again after the migration");
    let names: Vec<String> = indexes(&store).into_iter().map(|(n, _)| n).collect();
    for index in DEFERRABLE_INDEXES {
        assert!(names.iter().any(|n| n == index.name), "{} after migration: {names:?}", index.name);
    }
}
