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
