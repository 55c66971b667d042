//! The PostgreSQL backend against a real server, compared with the SQLite backend on the same data.
//!
//! Built only with `--features postgres`. The server comes from `SITREP_TEST_POSTGRES`, a URL whose
//! user may create databases (`postgres://postgres@127.0.0.1:5432/postgres`); without it every test
//! prints why it is skipped and passes. Each test works in a fresh database of its own, dropped at
//! the end, so the tests run in parallel.

use postgres::NoTls;
use sitrep_model::{
    DatePrecision, DateRange, DocMeta, Document, Event, Mention, Modality, Paragraph, ParagraphKind, PartialDate,
    Place, Provenance, Relation, Removed, Segmentation, Sentence, Span, Statement, Verification,
};
use sitrep_store::{
    Coded, DocQuery, Filter, Locator, PutOutcome, RecordQuery, RecordTable, Store, StoreError, SCHEMA_VERSION,
};
use std::fmt::Debug;
use std::io::Write;
use std::sync::{mpsc, Arc, Barrier};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A database per test
// ---------------------------------------------------------------------------------------------

/// A fresh database on the test server, dropped with this value.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl TestDb {
    /// `None` (with the reason printed) when no test server is configured.
    fn new(test: &str) -> Option<TestDb> {
        let Ok(admin) = std::env::var("SITREP_TEST_POSTGRES") else {
            // Written past the test harness's capture so the skip shows in the output.
            let _ = writeln!(
                std::io::stderr(),
                "postgres test {test} skipped: SITREP_TEST_POSTGRES is not set (a postgres:// URL of a user who may create databases)"
            );
            return None;
        };
        let name = format!("sitrep_test_{test}_{}", std::process::id());
        let mut client = postgres::Client::connect(&admin, NoTls).expect("the test server (SITREP_TEST_POSTGRES)");
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
        // A linguistic default collation where the server has ICU (PostgreSQL 15+): "a" < "B" < "b",
        // punctuation ignored, Unicode case folding. The store must still compare bytes and fold ASCII
        // only, as SQLite does.
        let icu =
            format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        if client.batch_execute(&icu).is_err() {
            client.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")).unwrap();
        }
        let url = with_dbname(&admin, &name);
        Some(TestDb { admin, name, url })
    }

    fn locator(&self) -> Locator {
        Locator::parse(&self.url)
    }

    fn open(&self) -> Store {
        self.locator().open().unwrap()
    }

    /// A plain client on the test database, to look behind the store.
    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, NoTls).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// `url` with its database name replaced.
fn with_dbname(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let (main, query) = match rest.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (rest, None),
    };
    let host_from = main.rfind('@').map_or(0, |at| at + 1);
    let authority = match main[host_from..].find('/') {
        Some(slash) => &main[..host_from + slash],
        None => main,
    };
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Test data: documents with non-ASCII text, ties, open intervals, hostile characters
// ---------------------------------------------------------------------------------------------

fn doc(id: &str, path: &str, text: &str) -> Document {
    Document {
        id: id.to_owned(),
        meta: DocMeta {
            path: path.to_owned(),
            language: "en".to_owned(),
            format: "txt".to_owned(),
            ..DocMeta::default()
        },
        text: text.to_owned(),
        removed: vec![],
    }
}

/// Sentences cut at ". ", the first one at a byte inside a multi-byte character when there is one.
fn segmentation(text: &str) -> Segmentation {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(Sentence { index: sentences.len(), paragraph: 0, span: Span::new(start, i + 1) });
        start = i + 2;
    }
    if start < text.len() {
        sentences.push(Sentence { index: sentences.len(), paragraph: 0, span: Span::new(start, text.len()) });
    }
    if let Some(first) = sentences.first_mut() {
        if let Some((i, _)) = text.char_indices().find(|(_, c)| c.len_utf8() > 1) {
            if i + 1 < first.span.end {
                first.span = Span::new(first.span.start, i + 1);
            }
        }
    }
    Segmentation {
        paragraphs: vec![Paragraph {
            index: 0,
            span: Span::new(0, text.len()),
            kind: ParagraphKind::Text,
            speaker_label: None,
        }],
        sentences,
    }
}

fn prov(doc: &str, start: usize, end: usize) -> Provenance {
    Provenance {
        doc: doc.to_owned(),
        sentence_index: 0,
        sentence_span: Span::new(start, end),
        span: Span::new(start, end),
        rule: "test".to_owned(),
    }
}

fn mention(start: usize, end: usize, actor: Option<&str>, name: &str) -> Mention {
    Mention {
        span: Span::new(start, end),
        actor: actor.map(str::to_owned),
        name: name.to_owned(),
        rule: if actor.is_some() { "alias" } else { "unknown-candidate" }.to_owned(),
        sector: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    doc: &str,
    n: usize,
    kind: &str,
    source: &[&str],
    date: Option<(&str, &str)>,
    place: Option<&str>,
    modality: Modality,
    start: usize,
) -> Event {
    Event {
        id: format!("ev_{doc}_{n}"),
        doc: doc.to_owned(),
        sentence: format!("Sentence {n} of {doc}: 100% of aid_convoys, back\\slash, O'Brien"),
        kind: kind.to_owned(),
        mode: None,
        cameo: Some("190".to_owned()),
        source: source.iter().map(|s| s.to_string()).collect(),
        target: vec!["Ünited Front".to_owned()],
        place: place.map(|name| Place {
            name: name.to_owned(),
            lat: Some(36.2),
            lon: Some(37.15),
            country: Some("SY".to_owned()),
            precision: 3,
            gazetteer_id: None,
        }),
        date: date.map(|(s, e)| DateRange { start: s.to_owned(), end: e.to_owned(), precision: DatePrecision::Day }),
        modality,
        reported_by: if n.is_multiple_of(2) { Some("SOHR".to_owned()) } else { None },
        source_ids: source.iter().map(|s| if s.starts_with('R') { Some("russia".to_owned()) } else { None }).collect(),
        target_ids: vec![None],
        provenance: prov(doc, start, start + 5),
        diagnostics: vec![],
    }
}

fn relation(doc: &str, n: usize, kind: &str, start: Option<&str>, end: Option<&str>) -> Relation {
    Relation {
        id: format!("rel_{doc}_{n}"),
        doc: doc.to_owned(),
        sentence: format!("Relation {n}"),
        kind: kind.to_owned(),
        subject: if n.is_multiple_of(2) { "Jabhat al-Nusra" } else { "ÖSTERREICH" }.to_owned(),
        object: "al-Qaeda".to_owned(),
        start: start.map(str::to_owned),
        end: end.map(str::to_owned),
        modality: Modality::Asserted,
        reported_by: None,
        subject_id: Some("nusra".to_owned()),
        object_id: None,
        provenance: prov(doc, n * 3, n * 3 + 4),
        diagnostics: vec![],
    }
}

fn statement(doc: &str, n: usize, form: &str, date: Option<&str>, text: &str) -> Statement {
    Statement {
        id: format!("st_{doc}_{n}"),
        doc: doc.to_owned(),
        speaker: if n.is_multiple_of(2) { "Sergei Lavrov" } else { "Staffan de Mistura" }.to_owned(),
        speaker_id: None,
        role: Some("foreign minister".to_owned()),
        date: date.map(str::to_owned),
        venue: if n.is_multiple_of(2) { Some("Genève".to_owned()) } else { None },
        text: text.to_owned(),
        form: form.to_owned(),
        verification: None,
        provenance: prov(doc, n, n + 10),
    }
}

const TEXTS: [&str; 5] = [
    "Russia bombed the Liwa al-Example positions near Aleppo. Österreich's envoy said 100% of aid_convoys stopped. Ḥalab burned.",
    "Ünited Front fighters attacked Idlib, O'Brien said. A back\\slash and 50% _under_ scores. DOC upper case.",
    "The wire reported ÖSTERREICH and Österreich talks in Genève. Nothing else happened.",
    "Russia bombed the Liwa al-Example positions near Aleppo again. A second version of the same input.",
    "Éclair of a rolled back batch. Never stored.",
];

/// The documents and what was derived from them.
fn corpus() -> Vec<(Document, Coded)> {
    let mut out = Vec::new();
    for (i, text) in TEXTS.iter().enumerate() {
        let id = format!("doc_{i}{}", ["a", "b", "c", "d", "e"][i]);
        // Doc 3 is a changed version of doc 0's input.
        let path = if i == 0 || i == 3 { "reports/a.txt".to_owned() } else { format!("reports/{i}.txt") };
        let mut d = doc(&id, &path, text);
        match i {
            0 => {
                d.meta.title = Some("Strikes near Aleppo".to_owned());
                d.meta.outlet = Some("Reuters".to_owned());
                d.meta.published = PartialDate::parse_iso("2016-05-08");
                d.meta.extra.insert("lang_note".to_owned(), "ünïcode \"quoted\"".to_owned());
            }
            1 => {
                d.meta.outlet = Some("AFP".to_owned());
                d.meta.author = Some("O'Brien".to_owned());
                d.removed = vec![Removed { span: Span::new(0, 5), reason: "boilerplate".to_owned() }];
            }
            2 => {
                d.meta.source_id = Some("wire-1".to_owned());
                d.meta.title = Some("ÖSTERREICH talks".to_owned());
                d.meta.published = PartialDate::parse_iso("2016-05");
                d.meta.primary = true;
            }
            3 => {
                d.meta.title = Some("strikes near aleppo (update)".to_owned());
                d.meta.published = PartialDate::parse_iso("2016-05-09");
                d.meta.url = Some("https://example.invalid/a?x=1&y=%20".to_owned());
            }
            _ => {}
        }
        let n = text.len();
        let coded = Coded {
            segmentation: segmentation(text),
            mentions: vec![
                mention(0, 6, Some("russia"), "Russia"),
                mention(0, 6, None, "Russia Today"), // same start as the first: order as written
                mention(18, 34.min(n), None, "Liwa al-Example"),
                mention(10, 14, None, if i % 2 == 0 { "Ünited Front" } else { "ünited front" }),
                mention(20.min(n), 24.min(n), Some(if i == 2 { "austria" } else { "syria" }), "Österreich"),
            ],
            events: vec![
                event(
                    &id,
                    0,
                    "ASSAULT",
                    &["Russia"],
                    Some(("2016-05-08", "2016-05-08")),
                    Some("Aleppo"),
                    Modality::Asserted,
                    0,
                ),
                event(
                    &id,
                    1,
                    "assault",
                    &["ÖSTERREICH", "Russia"],
                    Some(("2016-05", "2016-05-31")),
                    Some("Ḥalab"),
                    Modality::Reported,
                    0,
                ),
                event(&id, 2, "PROTEST", &["österreich"], None, None, Modality::Negated, 7),
                event(
                    &id,
                    3,
                    "AID",
                    &["O'Brien"],
                    Some(("2015-12-31", "2016-01-02")),
                    Some("100% _camp_"),
                    Modality::Hypothetical,
                    3,
                ),
                // The same id again: the later record replaces the earlier, as INSERT OR REPLACE does.
                event(
                    &id,
                    3,
                    "AID",
                    &["O'Brien", "back\\slash"],
                    Some(("2016-01-01", "2016-01-01")),
                    Some("Idlib"),
                    Modality::Asserted,
                    3,
                ),
            ],
            relations: vec![
                relation(&id, 0, "allied_with", Some("2015-09"), Some("2016-02")),
                relation(&id, 1, "member_of", Some("2016-05-08"), None),
                relation(&id, 2, "backed_by", None, Some("2016-01")),
                relation(&id, 3, "allied_with", None, None),
            ],
            statements: vec![
                statement(&id, 0, "quote", Some("2016-05-08"), "We will continue, 100% sure."),
                statement(&id, 1, "question", None, "What about aid_convoys and back\\slash?"),
                statement(&id, 2, "Reported", Some("2016-05"), "They said O'Brien was 'there'."),
            ],
        };
        out.push((d, coded));
    }
    out
}

/// Writes the corpus as an ingest would: two batches, one re-put, one rolled-back batch, a recode
/// and a quote verification. Returns every outcome.
fn fill(store: &mut Store) -> Vec<PutOutcome> {
    let c = corpus();
    let mut outcomes = Vec::new();
    let b = store.batch().unwrap();
    for (d, coded) in &c[..3] {
        outcomes.push(b.put(d, coded).unwrap());
    }
    outcomes.push(b.put(&c[0].0, &c[0].1).unwrap()); // the same content again in one batch
    b.commit().unwrap();
    let b = store.batch().unwrap();
    outcomes.push(b.put(&c[3].0, &c[3].1).unwrap()); // a new version of doc 0's input
    outcomes.push(b.put(&c[1].0, &c[1].1).unwrap()); // re-ingest
    b.commit().unwrap();
    {
        let b = store.batch().unwrap();
        outcomes.push(b.put(&c[4].0, &c[4].1).unwrap());
        // Dropped without commit.
    }
    let b = store.batch().unwrap();
    let mut recoded = c[2].1.clone();
    recoded.events.truncate(1);
    recoded.mentions.reverse();
    b.replace_derived(&c[2].0.id, &recoded).unwrap();
    b.commit().unwrap();
    let mut verified = store.statements(&Filter::default()).unwrap();
    for s in &mut verified {
        s.verification = Some(Verification {
            status: "verified".to_owned(),
            primary_doc: Some("doc_2c".to_owned()),
            similarity: 0.97,
            edits: vec![],
        });
    }
    verified.truncate(2);
    store.update_statements(&verified).unwrap();
    outcomes
}

/// Asserts both stores answer `f` the same.
fn same<T: PartialEq + Debug>(sqlite: &Store, pg: &Store, what: &str, f: impl Fn(&Store) -> T) {
    assert_eq!(f(sqlite), f(pg), "{what}: SQLite (left) and PostgreSQL (right) differ");
}

fn json<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Values of the filters, hostile ones included (quotes, LIKE wildcards, backslashes, SQL).
const HOSTILE: [&str; 9] = ["'", "%", "_", "\\", "'; DROP TABLE events; --", "100%", "aid_", "back\\slash", "O'Brien"];

fn filters() -> Vec<Filter> {
    let mut out = vec![Filter::default()];
    let some = |s: &str| Some(s.to_owned());
    for d in ["doc_0a", "doc_1", "DOC_", "doc", "%", "_", "\\", "nope"] {
        out.push(Filter { doc: some(d), ..Filter::default() });
    }
    for k in ["assault", "ASSAULT", "protest", "quote", "QUESTION", "reported", "allied_with", "ä"] {
        out.push(Filter { kind: some(k), ..Filter::default() });
    }
    for a in ["russia", "RUSSIA", "österreich", "ÖSTERREICH", "Österreich", "ünited", "sohr", "lavrov"]
        .into_iter()
        .chain(HOSTILE)
    {
        out.push(Filter { actor: some(a), ..Filter::default() });
    }
    for p in ["aleppo", "ALEPPO", "ḥalab", "Ḥ", "camp", "genève"].into_iter().chain(HOSTILE) {
        out.push(Filter { place: some(p), ..Filter::default() });
    }
    for d in ["2016", "2016-05", "2016-05-08", "2016-05-09", "2015-12-31", "2017", "\u{10ffff}", ""]
        .into_iter()
        .chain(HOSTILE)
    {
        out.push(Filter { from: some(d), ..Filter::default() });
        out.push(Filter { to: some(d), ..Filter::default() });
        out.push(Filter { from: some(d), to: some(d), ..Filter::default() });
    }
    for t in ["continue", "CONTINUE", "sure", "aid_convoys"].into_iter().chain(HOSTILE) {
        out.push(Filter { text: some(t), ..Filter::default() });
    }
    for limit in [0, 1, 3, 1000] {
        out.push(Filter { limit: Some(limit), ..Filter::default() });
        out.push(Filter { actor: some("russia"), from: some("2016"), limit: Some(limit), ..Filter::default() });
    }
    out
}

fn doc_queries() -> Vec<DocQuery> {
    let mut out = Vec::new();
    for text in [None, Some("aleppo"), Some("ALEPPO"), Some("österreich"), Some("Ö"), Some("reuters"), Some("  ")]
        .into_iter()
        .chain(HOSTILE.iter().map(|h| Some(*h)))
    {
        for include_superseded in [false, true] {
            for by_published in [false, true] {
                for (limit, offset) in [(100, 0), (1, 0), (1, 1), (2, 1), (0, 0), (5, 10)] {
                    out.push(DocQuery {
                        text: text.map(str::to_owned),
                        include_superseded,
                        by_published,
                        limit,
                        offset,
                    });
                }
            }
        }
    }
    out
}

fn record_queries() -> Vec<RecordQuery> {
    let page = RecordQuery { limit: 100, ..RecordQuery::default() };
    let some = |s: &str| Some(s.to_owned());
    let mut out = vec![page.clone()];
    for d in ["doc_0a", "doc_3", "DOC", "%", "_", "\\", "doc_4e"] {
        out.push(RecordQuery { doc: some(d), ..page.clone() });
    }
    for kinds in [
        vec!["assault"],
        vec!["ASSAULT", " protest "],
        vec!["quote", "Question"],
        vec!["allied_with"],
        vec!["", " "],
        vec!["%"],
    ] {
        out.push(RecordQuery { kinds: kinds.into_iter().map(str::to_owned).collect(), ..page.clone() });
    }
    for a in ["russia", "RUSSIA", "österreich", "ÖSTERREICH", "ünited", "sohr", "nusra", "lavrov", "minister"]
        .into_iter()
        .chain(HOSTILE)
    {
        out.push(RecordQuery { actor: some(a), ..page.clone() });
    }
    for p in ["aleppo", "ALEPPO", "ḥalab", "genève", "GEN"].into_iter().chain(HOSTILE) {
        out.push(RecordQuery { place: some(p), ..page.clone() });
    }
    for m in ["asserted", "Reported", "NEGATED", "x"].into_iter().chain(HOSTILE) {
        out.push(RecordQuery { modality: some(m), ..page.clone() });
    }
    for d in ["2016", "2016-01", "2016-05", "2016-05-08", "2015-09", "2015", "2017", " "].into_iter().chain(HOSTILE) {
        out.push(RecordQuery { from: some(d), ..page.clone() });
        out.push(RecordQuery { to: some(d), ..page.clone() });
        out.push(RecordQuery { from: some(d), to: some(d), ..page.clone() });
        out.push(RecordQuery { from: some("2016-01"), to: some(d), ..page.clone() });
    }
    for t in ["sentence 1", "SENTENCE", "sure", "continue"].into_iter().chain(HOSTILE) {
        out.push(RecordQuery { text: some(t), ..page.clone() });
    }
    for (limit, offset) in [(0, 0), (1, 0), (2, 3), (3, 100)] {
        out.push(RecordQuery { limit, offset, ..RecordQuery::default() });
        out.push(RecordQuery { actor: some("russia"), from: some("2016"), limit, offset, ..RecordQuery::default() });
    }
    out
}

const TABLES: [RecordTable; 3] = [RecordTable::Events, RecordTable::Relations, RecordTable::Statements];

/// Every read of `Store` and browse.rs, compared between the two stores.
fn compare_reads(sqlite: &Store, pg: &Store) {
    same(sqlite, pg, "counts", |s| s.counts().unwrap());
    same(sqlite, pg, "count_documents", |s| s.count_documents().unwrap());
    same(sqlite, pg, "schema_version", |s| s.schema_version().unwrap());
    let all_ids = sqlite.document_ids(false).unwrap();
    assert!(all_ids.len() >= 4, "{all_ids:?}");
    for current_only in [false, true] {
        same(sqlite, pg, "document_ids", |s| s.document_ids(current_only).unwrap());
        same(sqlite, pg, "for_each_document", |s| {
            let mut docs = Vec::new();
            s.for_each_document(current_only, |d| {
                // The callback reads the store, as the export does.
                let events = s.events(&Filter { doc: Some(d.id.clone()), ..Filter::default() })?;
                docs.push((d, events.len()));
                Ok(())
            })
            .unwrap();
            docs
        });
    }
    for limit in [0, 1, 3, 100] {
        same(sqlite, pg, "documents", |s| json(s.documents(limit).unwrap()));
    }
    for id in all_ids.iter().map(String::as_str).chain(["doc_", "doc_0", "DOC_1", "%", "_", "\\", "nope", "doc_4e"]) {
        same(sqlite, pg, &format!("has_document {id}"), |s| s.has_document(id).unwrap());
        same(sqlite, pg, &format!("document {id}"), |s| s.document(id).unwrap());
        same(sqlite, pg, &format!("segmentation {id}"), |s| s.segmentation(id).unwrap());
        same(sqlite, pg, &format!("mentions {id}"), |s| s.mentions(id).unwrap());
        for table in TABLES {
            same(sqlite, pg, &format!("for_each_record_json {table:?} {id}"), |s| {
                let mut out = Vec::new();
                s.for_each_record_json(table, id, |j| {
                    out.push(j.to_owned());
                    Ok(())
                })
                .unwrap();
                out
            });
        }
    }
    // Every byte offset, cut characters included.
    for (i, text) in TEXTS.iter().enumerate().take(4) {
        let id = &all_ids[i.min(all_ids.len() - 1)];
        for at in 0..=text.len() + 1 {
            same(sqlite, pg, &format!("sentence_at {id} {at}"), |s| s.sentence_at(id, at).unwrap());
        }
    }
    same(sqlite, pg, "actor_ids_in_use", |s| s.actor_ids_in_use().unwrap());
    for limit in [0, 1, 2, 100] {
        same(sqlite, pg, "unknown_actors", |s| json(s.unknown_actors(limit).unwrap()));
    }
    for f in filters() {
        same(sqlite, pg, &format!("events {f:?}"), |s| s.events(&f).unwrap());
        same(sqlite, pg, &format!("relations {f:?}"), |s| s.relations(&f).unwrap());
        same(sqlite, pg, &format!("statements {f:?}"), |s| s.statements(&f).unwrap());
    }
    for q in doc_queries() {
        same(sqlite, pg, &format!("search_documents {q:?}"), |s| json(s.search_documents(&q).unwrap()));
    }
    for table in TABLES {
        same(sqlite, pg, &format!("record_kinds {table:?}"), |s| s.record_kinds(table).unwrap());
        for q in record_queries() {
            same(sqlite, pg, &format!("query_records {table:?} {q:?}"), |s| {
                let page = s.query_records(table, &q).unwrap();
                (page.total, page.records)
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn migrations_on_an_empty_database_and_reopen() {
    let Some(db) = TestDb::new("migrate") else { return };
    // Reading commands never create a store.
    let missing = db.locator().open_existing().err().expect("no tables yet").to_string();
    assert!(missing.starts_with("no store at postgres://"), "{missing}");
    assert!(matches!(db.locator().open_for_reading(), Err(StoreError::Missing { .. })));

    // Two processes opening the empty database at once agree on one migration.
    let opened: Vec<_> = (0..2)
        .map(|_| {
            let locator = db.locator();
            std::thread::spawn(move || locator.open().map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for t in opened {
        assert_eq!(t.join().unwrap().unwrap(), SCHEMA_VERSION);
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap(), [0; 5]);
    drop(store);
    let mut client = db.client();
    let versions: Vec<i64> =
        client.query("SELECT version FROM sitrep_schema", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(versions, vec![SCHEMA_VERSION]);

    // A store of schema version 1 is migrated forward with its data.
    {
        let mut store = db.open();
        let (d, c) = &corpus()[0];
        let b = store.batch().unwrap();
        b.put(d, c).unwrap();
        b.commit().unwrap();
    }
    let counts = db.open().counts().unwrap();
    // Undo steps 3 (record ids as primary keys again) and 2.
    let mut undo = String::from("DROP INDEX documents_seq;");
    for (table, key) in [("segmentation", "doc"), ("events", "id"), ("relations", "id"), ("statements", "id")] {
        undo += &format!("DROP INDEX {table}_{key}; ALTER TABLE {table} ADD PRIMARY KEY ({key});");
    }
    client.batch_execute(&format!("{undo} UPDATE sitrep_schema SET version = 1")).unwrap();
    let store = db.locator().open_existing().unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap(), counts);
    for index in ["documents_seq", "segmentation_doc", "events_id", "relations_id", "statements_id"] {
        let indexed: i64 =
            client.query_one("SELECT count(*) FROM pg_indexes WHERE indexname = $1", &[&index]).unwrap().get(0);
        assert_eq!(indexed, 1, "{index}");
    }
    let keys: i64 = client
        .query_one("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'documents'", &[])
        .unwrap()
        .get(0);
    assert_eq!(keys, 0, "record ids are unique indexes, not primary keys");
    drop(store);

    // A newer store is refused with the same error as SQLite.
    client.batch_execute("UPDATE sitrep_schema SET version = 99").unwrap();
    let pg_err = db.locator().open().err().expect("refused").to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let sqlite_err = Store::open(&path).err().expect("refused").to_string();
    let masked = db.locator().to_string();
    assert_eq!(pg_err.replace(&masked, "STORE"), sqlite_err.replace(&path.display().to_string(), "STORE"));
    assert!(pg_err.contains("schema version 99"), "{pg_err}");
}

#[test]
fn every_operation_matches_sqlite() {
    let Some(db) = TestDb::new("same_answers") else { return };
    let mut sqlite = Store::open_in_memory().unwrap();
    let mut pg = db.open();
    let outcomes = fill(&mut sqlite);
    assert_eq!(fill(&mut pg), outcomes);
    assert_eq!(
        outcomes,
        vec![
            PutOutcome::Stored { version: 1 },
            PutOutcome::Stored { version: 1 },
            PutOutcome::Stored { version: 1 },
            PutOutcome::Unchanged,
            PutOutcome::Stored { version: 2 },
            PutOutcome::Unchanged,
            PutOutcome::Stored { version: 1 },
        ]
    );
    compare_reads(&sqlite, &pg);
    // The JSON is kept byte for byte.
    let mut client = db.client();
    let stored: String = client.query_one("SELECT json FROM events WHERE id = 'ev_doc_0a_1'", &[]).unwrap().get(0);
    let mut from_sqlite = Vec::new();
    sqlite
        .for_each_record_json(RecordTable::Events, "doc_0a", |j| {
            from_sqlite.push(j.to_owned());
            Ok(())
        })
        .unwrap();
    assert!(from_sqlite.contains(&stored));
    // The password never shows; the path is the masked URL.
    assert_eq!(pg.path().display().to_string(), db.locator().to_string());

    // A read-only connection answers the same and refuses writes.
    let reader = db.locator().open_for_reading().unwrap();
    compare_reads(&sqlite, &reader);
    let mut reader = reader;
    let b = reader.batch().unwrap();
    let (d, c) = &corpus()[4];
    let err = b.put(d, c).expect_err("read-only").to_string();
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn reingest_is_unchanged_and_a_changed_input_is_a_new_version() {
    let Some(db) = TestDb::new("versions") else { return };
    let mut store = db.open();
    let c = corpus();
    let put = |store: &mut Store, d: &Document, coded: &Coded| {
        let b = store.batch().unwrap();
        let out = b.put(d, coded).unwrap();
        b.commit().unwrap();
        out
    };
    assert_eq!(put(&mut store, &c[0].0, &c[0].1), PutOutcome::Stored { version: 1 });
    assert_eq!(put(&mut store, &c[0].0, &c[0].1), PutOutcome::Unchanged);
    assert_eq!(store.count_documents().unwrap(), 1);
    // Doc 3 is changed content of doc 0's input (same path).
    assert_eq!(put(&mut store, &c[3].0, &c[3].1), PutOutcome::Stored { version: 2 });
    assert_eq!(store.document_ids(true).unwrap(), vec!["doc_3d".to_owned()]);
    assert_eq!(store.document_ids(false).unwrap(), vec!["doc_0a".to_owned(), "doc_3d".to_owned()]);
    let docs = store.documents(10).unwrap();
    assert_eq!((docs[0].version, docs[0].current), (1, false));
    assert_eq!((docs[1].version, docs[1].current), (2, true));
    // Only the current version's records are listed.
    assert!(store.events(&Filter::default()).unwrap().iter().all(|e| e.doc == "doc_3d"));
    assert_eq!(put(&mut store, &c[3].0, &c[3].1), PutOutcome::Unchanged);
}

#[test]
fn a_rolled_back_batch_leaves_nothing() {
    let Some(db) = TestDb::new("rollback") else { return };
    let mut store = db.open();
    {
        let b = store.batch().unwrap();
        for (d, c) in &corpus()[..3] {
            b.put(d, c).unwrap();
        }
        // Dropped without commit, as when an ingest is interrupted.
    }
    assert_eq!(store.counts().unwrap(), [0; 5]);
    // The connection is usable afterwards, and the sequence gaps do not matter.
    let b = store.batch().unwrap();
    let (d, c) = &corpus()[1];
    assert_eq!(b.put(d, c).unwrap(), PutOutcome::Stored { version: 1 });
    b.commit().unwrap();
    assert_eq!(store.count_documents().unwrap(), 1);
}

#[test]
fn a_value_postgres_cannot_hold_is_refused_and_the_batch_goes_on() {
    let Some(db) = TestDb::new("nul") else { return };
    let mut store = db.open();
    let (mut bad, c) = corpus()[0].clone();
    bad.text = "Russia bombed\0 the positions.".to_owned();
    bad.meta.path = "corpus.jsonl:7".to_owned();
    let b = store.batch().unwrap();
    let err = b.put(&bad, &c).expect_err("refused");
    assert!(matches!(err, StoreError::Unstorable { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("corpus.jsonl:7") && msg.contains("text") && msg.contains("NUL"), "{msg}");
    let (good, c1) = &corpus()[1];
    assert_eq!(b.put(good, c1).unwrap(), PutOutcome::Stored { version: 1 });
    b.commit().unwrap();
    assert_eq!(store.document_ids(false).unwrap(), vec![good.id.clone()]);
}

#[test]
fn concurrent_writers_get_distinct_versions_and_no_duplicates() {
    let Some(db) = TestDb::new("concurrent") else { return };
    const ROUNDS: usize = 8;
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = (0..2)
        .map(|t| {
            let (locator, barrier) = (db.locator(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = locator.open().unwrap();
                barrier.wait();
                let mut outcomes = Vec::new();
                for round in 0..ROUNDS {
                    let (_, c) = &corpus()[round % 4];
                    let b = store.batch().unwrap();
                    // The same document in both threads.
                    let same = doc(&format!("same_{round}"), &format!("same/{round}.txt"), "The same text.");
                    outcomes.push(("same", b.put(&same, c).unwrap()));
                    // A new version of one shared input, other content in each thread and round.
                    let changed = doc(&format!("changed_{t}_{round}"), "shared.txt", &format!("Text {t} {round}."));
                    outcomes.push(("changed", b.put(&changed, c).unwrap()));
                    // A document of this thread only.
                    let own = doc(&format!("own_{t}_{round}"), &format!("own/{t}/{round}.txt"), "Own text.");
                    outcomes.push(("own", b.put(&own, c).unwrap()));
                    b.commit().unwrap();
                }
                outcomes
            })
        })
        .collect();
    let outcomes: Vec<(&str, PutOutcome)> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let count = |kind: &str, outcome: &PutOutcome| outcomes.iter().filter(|(k, o)| *k == kind && o == outcome).count();
    assert_eq!(count("same", &PutOutcome::Stored { version: 1 }), ROUNDS, "{outcomes:?}");
    assert_eq!(count("same", &PutOutcome::Unchanged), ROUNDS, "{outcomes:?}");
    assert_eq!(count("own", &PutOutcome::Stored { version: 1 }), 2 * ROUNDS);
    let mut versions: Vec<i64> = outcomes
        .iter()
        .filter(|(k, _)| *k == "changed")
        .map(|(_, o)| match o {
            PutOutcome::Stored { version } => *version,
            PutOutcome::Unchanged => panic!("changed content is never unchanged"),
        })
        .collect();
    versions.sort_unstable();
    assert_eq!(versions, (1..=2 * ROUNDS as i64).collect::<Vec<_>>(), "each version once");

    let store = db.open();
    assert_eq!(store.count_documents().unwrap(), (ROUNDS + 2 * ROUNDS + 2 * ROUNDS) as i64);
    let mut client = db.client();
    let row = client
        .query_one(
            "SELECT count(*), count(DISTINCT ingested_seq), count(DISTINCT (version_key, version)),
                count(*) FILTER (WHERE version_key = 'path:shared.txt' AND current = 1)
             FROM documents",
            &[],
        )
        .unwrap();
    let (n, seqs, versions, current): (i64, i64, i64, i64) = (row.get(0), row.get(1), row.get(2), row.get(3));
    assert_eq!((seqs, versions, current), (n, n, 1));
    // The current version of the shared input is its highest.
    let current_version: i64 = client
        .query_one("SELECT version FROM documents WHERE version_key = 'path:shared.txt' AND current = 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(current_version, 2 * ROUNDS as i64);
}

#[test]
fn a_concurrent_insert_of_the_same_content_is_unchanged() {
    let Some(db) = TestDb::new("same_content") else { return };
    drop(db.open());
    let (_, c) = corpus()[0].clone();
    let (started, wait_started) = mpsc::channel();
    let first = {
        let (locator, c) = (db.locator(), c.clone());
        std::thread::spawn(move || {
            let mut store = locator.open().unwrap();
            let b = store.batch().unwrap();
            let out = b.put(&doc("doc_x", "first/x.txt", "The same text."), &c).unwrap();
            started.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            b.commit().unwrap();
            out
        })
    };
    wait_started.recv().unwrap();
    // The same content under another path: the insert waits for the first batch, then does nothing.
    let mut store = db.open();
    let b = store.batch().unwrap();
    let t = Instant::now();
    let out = b.put(&doc("doc_x", "second/x.txt", "The same text."), &c).unwrap();
    let waited = t.elapsed();
    b.commit().unwrap();
    assert_eq!(first.join().unwrap(), PutOutcome::Stored { version: 1 });
    assert_eq!(out, PutOutcome::Unchanged);
    assert!(waited >= Duration::from_millis(100), "the second insert waited for the first ({waited:?})");
    assert_eq!(store.count_documents().unwrap(), 1);
    assert_eq!(store.document("doc_x").unwrap().unwrap().meta.path, "first/x.txt");
}

#[test]
fn hostile_filters_are_bound_parameters() {
    let Some(db) = TestDb::new("hostile") else { return };
    let mut sqlite = Store::open_in_memory().unwrap();
    let mut pg = db.open();
    fill(&mut sqlite);
    fill(&mut pg);
    let before = pg.counts().unwrap();
    for h in HOSTILE.iter().chain(&["\"", "$1", "E'\\\\'", "%_%", "\u{10ffff}", "' OR '1'='1"]) {
        let s = Some(h.to_string());
        let f = Filter {
            doc: None,
            kind: s.clone(),
            actor: s.clone(),
            place: s.clone(),
            from: None,
            to: None,
            text: s.clone(),
            limit: None,
        };
        same(&sqlite, &pg, &format!("events {h}"), |st| st.events(&f).unwrap());
        for one in [
            Filter { doc: s.clone(), ..Filter::default() },
            Filter { actor: s.clone(), ..Filter::default() },
            Filter { text: s.clone(), ..Filter::default() },
            Filter { from: s.clone(), to: s.clone(), ..Filter::default() },
        ] {
            same(&sqlite, &pg, &format!("statements {one:?}"), |st| st.statements(&one).unwrap());
        }
        let q = RecordQuery {
            doc: s.clone(),
            kinds: vec![h.to_string()],
            actor: s.clone(),
            place: s.clone(),
            modality: s.clone(),
            from: s.clone(),
            to: s.clone(),
            text: s.clone(),
            limit: 10,
            offset: 0,
        };
        for table in TABLES {
            same(&sqlite, &pg, &format!("query_records {table:?} {h}"), |st| {
                let p = st.query_records(table, &q).unwrap();
                (p.total, p.records)
            });
        }
        let dq = DocQuery { text: s.clone(), include_superseded: true, by_published: true, limit: 10, offset: 0 };
        same(&sqlite, &pg, &format!("search_documents {h}"), |st| json(st.search_documents(&dq).unwrap()));
        same(&sqlite, &pg, &format!("document {h}"), |st| st.document(h).unwrap());
    }
    // The literal characters match only themselves.
    let pct = pg.statements(&Filter { text: Some("100%".into()), ..Filter::default() }).unwrap();
    assert!(!pct.is_empty() && pct.iter().all(|s| s.text.contains("100%")), "{pct:?}");
    let under = pg.statements(&Filter { text: Some("aid_".into()), ..Filter::default() }).unwrap();
    assert!(under.iter().all(|s| s.text.contains("aid_")), "{under:?}");
    assert_eq!(pg.counts().unwrap(), before, "nothing was written or dropped");
}
