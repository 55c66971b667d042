//! The store: one SQLite file (or, with the `postgres` feature, one PostgreSQL
//! database shared by several writers) holding documents, their segmentation,
//! actor mentions and every coded record, with provenance to the sentence.
//!
//! A key design decision is that a document and everything derived from it
//! are written in the same transaction ([`Batch`]), so an interrupted ingest
//! (Ctrl-C, `kill -9`, power loss) leaves either the whole document or none of
//! it. The database runs in WAL mode, so readers (`sitrep export`, the web UI)
//! can query while an ingest writes.
//!
//! Records are stored twice over: the full exchange record as JSON (what is
//! exported, byte for byte) and a few indexed columns used for filtering.
//! The schema is versioned with `PRAGMA user_version` and migrated forward on open.
//!
//! ```no_run
//! let mut store = sitrep_store::Store::open(std::path::Path::new("sitrep.db")).unwrap();
//! println!("{} documents", store.count_documents().unwrap());
//! ```
//!
//! With the `postgres` feature a [`Locator`] may also be a `postgres://` URL: the same schema and
//! migrations (a version row in `sitrep_schema` instead of `user_version`), the same operations with
//! the same results in the same order, and several processes may write at once (see `pg.rs`).

// Without the `postgres` feature the backend matches below have one arm; they stay matches so that
// the feature only adds arms.
#![cfg_attr(not(feature = "postgres"), allow(clippy::infallible_destructuring_match))]

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sitrep_model::{DocMeta, Document, Event, Mention, PartialDate, Relation, Removed, Segmentation, Statement};
use std::path::{Path, PathBuf};

mod browse;
mod locator;
#[cfg(feature = "postgres")]
mod pg;
pub use browse::{DocPage, DocQuery, RecordPage, RecordQuery};
pub use locator::Locator;

/// Errors of the store. Messages name the database file (a PostgreSQL URL with its password masked).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open store {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A store that must exist (reading commands, the web UI) does not.
    #[error("no store at {store} (run `sitrep ingest` first or pass --db)")]
    Missing { store: String },
    /// A `postgres://` locator given to a build without the `postgres` feature.
    #[error(
        "{store} is a PostgreSQL store, but this sitrep was built without PostgreSQL support \
         (build it with `cargo build --release --features postgres`)"
    )]
    NoPostgres { store: String },
    /// The PostgreSQL server refused the connection, or the database cannot hold a store.
    #[cfg(feature = "postgres")]
    #[error("cannot open store {store}: {reason}")]
    PgOpen { store: String, reason: String },
    /// A statement failed on PostgreSQL; the message carries the server's reason.
    #[cfg(feature = "postgres")]
    #[error("store query failed: {}", pg::describe(.0))]
    Postgres(postgres::Error),
    /// A value this backend cannot store (PostgreSQL text holds no NUL character). Nothing of the
    /// document was written; the batch goes on.
    #[error("document {path}: {field} {reason}")]
    Unstorable { path: String, field: String, reason: String },
    /// The PostgreSQL connection was asked for while it was busy (a callback of a streaming read used
    /// the store in a way that needs the connection itself).
    #[error("store connection is busy: {0}")]
    Busy(&'static str),
    #[error("store {path} has schema version {found}, newer than this sitrep understands ({supported})")]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("store query failed: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("corrupt record in store ({what}): {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Each entry moves the schema from version `i` to `i + 1`. The PostgreSQL backend has the same
/// steps in the same order (`pg::MIGRATIONS`, checked at compile time to be as many).
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, segmentation, mentions, coded records.
    r#"
    CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        path        TEXT NOT NULL,
        version_key TEXT NOT NULL,
        version     INTEGER NOT NULL,
        current     INTEGER NOT NULL DEFAULT 1,
        source_id   TEXT,
        title       TEXT,
        outlet      TEXT,
        author      TEXT,
        published   TEXT,
        url         TEXT,
        language    TEXT NOT NULL,
        format      TEXT NOT NULL,
        is_primary  INTEGER NOT NULL DEFAULT 0,
        extra       TEXT NOT NULL DEFAULT '{}',
        text        TEXT NOT NULL,
        removed     TEXT NOT NULL DEFAULT '[]',
        ingested_seq INTEGER NOT NULL
    );
    CREATE INDEX documents_version_key ON documents(version_key, version);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE segmentation (
        doc  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        json TEXT NOT NULL
    );
    CREATE TABLE mentions (
        doc    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        actor  TEXT,
        name   TEXT NOT NULL,
        rule   TEXT NOT NULL,
        sector TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc);
    CREATE INDEX mentions_actor ON mentions(actor);
    CREATE TABLE events (
        id         TEXT PRIMARY KEY,
        doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type       TEXT NOT NULL,
        date_start TEXT,
        place      TEXT,
        json       TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_type ON events(type, date_start);
    CREATE TABLE relations (
        id      TEXT PRIMARY KEY,
        doc     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type    TEXT NOT NULL,
        subject TEXT NOT NULL,
        object  TEXT NOT NULL,
        start   TEXT,
        end     TEXT,
        json    TEXT NOT NULL
    );
    CREATE INDEX relations_doc ON relations(doc);
    CREATE INDEX relations_type ON relations(type);
    CREATE TABLE statements (
        id      TEXT PRIMARY KEY,
        doc     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        date    TEXT,
        json    TEXT NOT NULL
    );
    CREATE INDEX statements_doc ON statements(doc);
    CREATE INDEX statements_speaker ON statements(speaker, date);
    "#,
    // 2: the ingest order is read for every insert (max + 1) and every
    // listing; without an index each insert scanned the whole table.
    r#"
    CREATE INDEX documents_seq ON documents(ingested_seq);
    "#,
    // 3: record ids and the segmentation's document are unique indexes, no longer primary keys, so
    // that a bulk load can drop them with the other secondary indexes and build them once at the end
    // (`Store::defer_indexes`): random hash keys put one by one into B-trees larger than the page
    // cache rewrote a page per key (23 GB written for a 1.4 GB store). Rows keep their order.
    r#"
    CREATE TABLE segmentation_v3 (
        doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        json TEXT NOT NULL
    );
    INSERT INTO segmentation_v3 (doc, json) SELECT doc, json FROM segmentation ORDER BY rowid;
    DROP TABLE segmentation;
    ALTER TABLE segmentation_v3 RENAME TO segmentation;
    CREATE UNIQUE INDEX segmentation_doc ON segmentation(doc);

    CREATE TABLE events_v3 (
        id         TEXT NOT NULL,
        doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type       TEXT NOT NULL,
        date_start TEXT,
        place      TEXT,
        json       TEXT NOT NULL
    );
    INSERT INTO events_v3 (id, doc, type, date_start, place, json)
        SELECT id, doc, type, date_start, place, json FROM events ORDER BY rowid;
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;
    CREATE UNIQUE INDEX events_id ON events(id);
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_type ON events(type, date_start);

    CREATE TABLE relations_v3 (
        id      TEXT NOT NULL,
        doc     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type    TEXT NOT NULL,
        subject TEXT NOT NULL,
        object  TEXT NOT NULL,
        start   TEXT,
        end     TEXT,
        json    TEXT NOT NULL
    );
    INSERT INTO relations_v3 (id, doc, type, subject, object, start, end, json)
        SELECT id, doc, type, subject, object, start, end, json FROM relations ORDER BY rowid;
    DROP TABLE relations;
    ALTER TABLE relations_v3 RENAME TO relations;
    CREATE UNIQUE INDEX relations_id ON relations(id);
    CREATE INDEX relations_doc ON relations(doc);
    CREATE INDEX relations_type ON relations(type);

    CREATE TABLE statements_v3 (
        id      TEXT NOT NULL,
        doc     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        date    TEXT,
        json    TEXT NOT NULL
    );
    INSERT INTO statements_v3 (id, doc, speaker, date, json)
        SELECT id, doc, speaker, date, json FROM statements ORDER BY rowid;
    DROP TABLE statements;
    ALTER TABLE statements_v3 RENAME TO statements;
    CREATE UNIQUE INDEX statements_id ON statements(id);
    CREATE INDEX statements_doc ON statements(doc);
    CREATE INDEX statements_speaker ON statements(speaker, date);
    "#,
];

/// A secondary index a bulk load may drop and build once at the end ([`Store::defer_indexes`]).
pub(crate) struct DeferrableIndex {
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static str,
    pub unique: bool,
}

impl DeferrableIndex {
    pub(crate) fn create_sql(&self) -> String {
        let unique = if self.unique { "UNIQUE " } else { "" };
        format!("CREATE {unique}INDEX IF NOT EXISTS {} ON {}({})", self.name, self.table, self.columns)
    }
}

/// Every index of the schema except the three each put reads (the document id, its version key and
/// the ingest order), as the migrations create them (a test holds the two lists together).
pub(crate) const DEFERRABLE_INDEXES: &[DeferrableIndex] = &[
    DeferrableIndex { name: "documents_published", table: "documents", columns: "published", unique: false },
    DeferrableIndex { name: "segmentation_doc", table: "segmentation", columns: "doc", unique: true },
    DeferrableIndex { name: "mentions_doc", table: "mentions", columns: "doc", unique: false },
    DeferrableIndex { name: "mentions_actor", table: "mentions", columns: "actor", unique: false },
    DeferrableIndex { name: "events_id", table: "events", columns: "id", unique: true },
    DeferrableIndex { name: "events_doc", table: "events", columns: "doc", unique: false },
    DeferrableIndex { name: "events_type", table: "events", columns: "type, date_start", unique: false },
    DeferrableIndex { name: "relations_id", table: "relations", columns: "id", unique: true },
    DeferrableIndex { name: "relations_doc", table: "relations", columns: "doc", unique: false },
    DeferrableIndex { name: "relations_type", table: "relations", columns: "type", unique: false },
    DeferrableIndex { name: "statements_id", table: "statements", columns: "id", unique: true },
    DeferrableIndex { name: "statements_doc", table: "statements", columns: "doc", unique: false },
    DeferrableIndex { name: "statements_speaker", table: "statements", columns: "speaker, date", unique: false },
];

/// Bytes a store grows by per byte of input text (measured on a generated news flow: 1.36 GB for
/// 200 MB), for [`Store::defer_indexes`]'s estimate of what an ingest adds.
const STORE_BYTES_PER_INPUT_BYTE: u64 = 6;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A document with everything the pipeline derived from it.
#[derive(Clone, Debug, Default)]
pub struct Coded {
    pub segmentation: Segmentation,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub statements: Vec<Statement>,
}

/// What happened to a document handed to [`Batch::put`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PutOutcome {
    /// Stored as a new document (`version` 1) or a new version of a changed input.
    Stored { version: i64 },
    /// The same content is already stored: nothing written.
    Unchanged,
}

/// Filters shared by the listing commands. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub doc: Option<String>,
    pub kind: Option<String>,
    /// Matches any actor name or id appearing in the JSON record (case-insensitive substring).
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub limit: Option<usize>,
}

/// A stored document summary for listings.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: String,
    pub version: i64,
    pub current: bool,
    pub events: i64,
    pub relations: i64,
    pub statements: i64,
}

/// (name, count, documents, first document, first start) of a provisional actor.
pub(crate) type UnknownRow = (String, i64, i64, String, i64);

/// A provisional (unknown) actor name with its count and an example.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnknownActor {
    pub name: String,
    pub count: i64,
    pub documents: i64,
    pub example_doc: String,
    pub example_sentence: String,
}

/// One open store. `Store` is `Send` but not `Sync`: one thread at a time, like a connection.
pub struct Store {
    conn: Conn,
    path: PathBuf,
}

/// The backend of a [`Store`]. Without the `postgres` feature there is one variant and every
/// dispatch below compiles to the SQLite code alone.
enum Conn {
    Sqlite(Connection),
    #[cfg(feature = "postgres")]
    Postgres(Box<pg::PgStore>),
}

/// The SQLite connection of `$store`, or an early `return` of what the PostgreSQL backend `$pg`
/// answers with `$e`.
macro_rules! sqlite_or {
    ($store:expr, $pg:ident => $e:expr) => {
        match &$store.conn {
            crate::Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            crate::Conn::Postgres($pg) => return $e,
        }
    };
}
pub(crate) use sqlite_or;

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates it to the current schema.
    /// `path` may also be a `postgres://` URL (see [`Locator`]).
    pub fn open(path: &Path) -> Result<Store> {
        Locator::from_path(path).open()
    }

    /// Opens the SQLite store at `path`, creating it if needed.
    fn open_sqlite(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.to_owned(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(open_err)?;
        // WAL lets readers work while an ingest writes; NORMAL sync is durable
        // at each commit point under WAL apart from the last transactions on
        // power loss, which never leaves a half-written document.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        // A bulk ingest inserts into several indexed tables at once: with
        // SQLite's 2 MB default page cache their pages were evicted and
        // re-read all the time, and the WAL was copied back into the database
        // every 4 MB, rewriting the same index pages again and again. 32 MB of
        // cache and a 32 MB WAL between checkpoints cut the writer's time.
        conn.pragma_update(None, "cache_size", -32_768).map_err(open_err)?;
        conn.pragma_update(None, "wal_autocheckpoint", 8_192).map_err(open_err)?;
        let mut store = Store { conn: Conn::Sqlite(conn), path: path.to_owned() };
        store.migrate()?;
        store.ensure_indexes()?;
        Ok(store)
    }

    /// An in-memory store, for tests and the stateless shard mode.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn: Conn::Sqlite(conn), path: PathBuf::from(":memory:") };
        store.migrate()?;
        Ok(store)
    }

    /// The SQLite connection of an SQLite store.
    fn sqlite(&self) -> Option<&Connection> {
        match &self.conn {
            Conn::Sqlite(c) => Some(c),
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) => None,
        }
    }

    /// The SQLite file, or the PostgreSQL URL with its password masked.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self) -> Result<()> {
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Conn::Postgres(pg) => return pg.migrate(&self.path),
        };
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: self.path.clone(), found, supported: SCHEMA_VERSION });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        // Steps that rebuild a table copy its rows: with foreign keys on, dropping the old table
        // would first delete its rows one by one (SQLite's own advice for schema changes).
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let migrated = (|| {
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                let tx = conn.transaction()?;
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
                tx.commit()?;
            }
            Ok(())
        })();
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrated
    }

    /// Prepares a bulk load of about `input_bytes` of text: when the store is empty, or the input
    /// is expected to add at least as much as the store holds, drops the secondary indexes
    /// ([`DEFERRABLE_INDEXES`]), so that the load appends rows and [`Store::ensure_indexes`]
    /// builds each index once, sorted, at the end. Answers whether it did. Records stay correct
    /// without the indexes (queries meanwhile scan), and a load cut short loses no index for
    /// good: opening the store for writing builds what is missing. PostgreSQL keeps its indexes.
    pub fn defer_indexes(&mut self, input_bytes: u64) -> Result<bool> {
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) => return Ok(false),
        };
        let empty = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| r.get::<_, bool>(0))?;
        let stored_bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        if !empty && input_bytes.saturating_mul(STORE_BYTES_PER_INPUT_BYTE) < stored_bytes {
            return Ok(false);
        }
        let tx = conn.transaction()?;
        for index in DEFERRABLE_INDEXES {
            tx.execute_batch(&format!("DROP INDEX IF EXISTS {}", index.name))?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// Builds the secondary indexes that are missing (after [`Store::defer_indexes`], or a bulk load
    /// that was cut short); answers how many. Should a unique index find a repeated record id, the
    /// later record stands, as a put under the index would have left it.
    pub fn ensure_indexes(&mut self) -> Result<usize> {
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) => return Ok(0),
        };
        let present: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'index'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let missing: Vec<&DeferrableIndex> =
            DEFERRABLE_INDEXES.iter().filter(|i| !present.iter().any(|p| p == i.name)).collect();
        if missing.is_empty() {
            return Ok(0);
        }
        // SQLite's sorter keeps as much in memory as the page cache may hold; with a small cache it
        // spills sorted runs to temporary files and merges them, which measured as fast (9 MB
        // instead of 87 MB for four indexes over a 1.4 GB store).
        // The sort may use helper threads: the build runs when the load is over and the cores are
        // free (22% faster with two on a 200 MB news flow's store).
        let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) as i64;
        conn.pragma_update(None, "cache_size", -4_096)?;
        conn.pragma_update(None, "threads", threads)?;
        let built = Self::build_indexes(conn, &missing);
        conn.pragma_update(None, "threads", 0)?;
        conn.pragma_update(None, "cache_size", cache)?;
        built
    }

    /// Builds `missing` ([`Store::ensure_indexes`]), one transaction each.
    fn build_indexes(conn: &mut Connection, missing: &[&DeferrableIndex]) -> Result<usize> {
        let mut built = 0;
        for index in missing {
            let tx = conn.transaction()?;
            if let Err(err) = tx.execute_batch(&index.create_sql()) {
                let repeated = matches!(&err, rusqlite::Error::SqliteFailure(e, _)
                    if e.code == rusqlite::ErrorCode::ConstraintViolation);
                if !(index.unique && repeated) {
                    return Err(err.into());
                }
                tx.execute_batch(&format!(
                    "DELETE FROM {t} WHERE rowid NOT IN (SELECT max(rowid) FROM {t} GROUP BY {c})",
                    t = index.table,
                    c = index.columns
                ))?;
                tx.execute_batch(&index.create_sql())?;
            }
            tx.commit()?;
            built += 1;
        }
        Ok(built)
    }

    pub fn schema_version(&self) -> Result<i64> {
        let conn = sqlite_or!(self, pg => pg.schema_version());
        Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Starts a write batch: everything put in it becomes visible at once on [`Batch::commit`].
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        match &mut self.conn {
            Conn::Sqlite(c) => Ok(Batch { tx: Tx::Sqlite(c.transaction()?) }),
            #[cfg(feature = "postgres")]
            Conn::Postgres(pg) => Ok(Batch { tx: Tx::Postgres(pg.batch()?) }),
        }
    }

    pub fn count_documents(&self) -> Result<i64> {
        let conn = sqlite_or!(self, pg => pg.count_documents());
        Ok(conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    /// Counts of (documents, events, relations, statements, mentions).
    pub fn counts(&self) -> Result<[i64; 5]> {
        let conn = sqlite_or!(self, pg => pg.counts());
        let mut out = [0; 5];
        for (i, t) in ["documents", "events", "relations", "statements", "mentions"].iter().enumerate() {
            out[i] = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
        }
        Ok(out)
    }

    pub fn has_document(&self, id: &str) -> Result<bool> {
        let conn = sqlite_or!(self, pg => pg.has_document(id));
        // Asked for every document an ingest reads: the statement is prepared once.
        let mut stmt = conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(stmt.query_row([id], |_| Ok(())).optional()?.is_some())
    }

    /// Loads one document by id or unique id prefix.
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        let conn = sqlite_or!(self, pg => pg.document(id));
        let sql = format!("{DOC_SELECT} WHERE id = ?1 OR id LIKE ?2 ESCAPE '\\' ORDER BY id LIMIT 2");
        let mut stmt = conn.prepare(&sql)?;
        let like = format!("{}%", escape_like(id));
        let docs: Vec<Document> = stmt
            .query_map(params![id, like], row_to_doc)?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        Ok(if docs.len() == 1 { docs.into_iter().next() } else { docs.into_iter().find(|d| d.id == id) })
    }

    /// Streams documents in ingest order; `current_only` skips superseded versions.
    /// On PostgreSQL the walk reads one snapshot (a read-only repeatable-read transaction), as on
    /// SQLite, and `f` may query the store.
    pub fn for_each_document(&self, current_only: bool, mut f: impl FnMut(Document) -> Result<()>) -> Result<()> {
        let conn = sqlite_or!(self, pg => pg.for_each_document(current_only, &mut f));
        let sql = format!("{DOC_SELECT} {} ORDER BY ingested_seq", if current_only { "WHERE current = 1" } else { "" });
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(row_to_doc(row)??)?;
        }
        Ok(())
    }

    /// Document ids in ingest order (all versions or current only).
    pub fn document_ids(&self, current_only: bool) -> Result<Vec<String>> {
        let conn = sqlite_or!(self, pg => pg.document_ids(current_only));
        let sql = format!(
            "SELECT id FROM documents {} ORDER BY ingested_seq",
            if current_only { "WHERE current = 1" } else { "" }
        );
        let mut stmt = conn.prepare(&sql)?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Summaries of the first `limit` documents in ingest order.
    pub fn documents(&self, limit: usize) -> Result<Vec<DocSummary>> {
        let conn = sqlite_or!(self, pg => pg.documents(limit));
        let mut stmt =
            conn.prepare(&format!("{DOC_SUMMARY_SELECT} FROM documents d ORDER BY d.ingested_seq LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], doc_summary)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn segmentation(&self, doc: &str) -> Result<Segmentation> {
        let conn = sqlite_or!(self, pg => pg.segmentation(doc));
        let json: Option<String> =
            conn.query_row("SELECT json FROM segmentation WHERE doc = ?1", [doc], |r| r.get(0)).optional()?;
        match json {
            None => Ok(Segmentation::default()),
            Some(j) => parse_json(&j, "segmentation"),
        }
    }

    /// The mentions of one document by start offset, ties in the order they were written.
    pub fn mentions(&self, doc: &str) -> Result<Vec<Mention>> {
        let conn = sqlite_or!(self, pg => pg.mentions(doc));
        let mut stmt = conn.prepare(
            "SELECT start, end, actor, name, rule, sector FROM mentions WHERE doc = ?1 ORDER BY start, rowid",
        )?;
        let rows = stmt.query_map([doc], |r| {
            Ok(Mention {
                span: sitrep_model::Span::new(r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize),
                actor: r.get(2)?,
                name: r.get(3)?,
                rule: r.get(4)?,
                sector: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Distinct resolved actor ids mentioned or used anywhere in the store, sorted.
    pub fn actor_ids_in_use(&self) -> Result<Vec<String>> {
        let conn = sqlite_or!(self, pg => pg.actor_ids_in_use());
        let mut stmt = conn.prepare("SELECT DISTINCT actor FROM mentions WHERE actor IS NOT NULL ORDER BY actor")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Events matching `filter`, in document then text order.
    pub fn events(&self, filter: &Filter) -> Result<Vec<Event>> {
        self.records("events", "date_start", filter)
    }

    pub fn relations(&self, filter: &Filter) -> Result<Vec<Relation>> {
        self.records("relations", "start", filter)
    }

    pub fn statements(&self, filter: &Filter) -> Result<Vec<Statement>> {
        self.records("statements", "date", filter)
    }

    fn records<T: serde::de::DeserializeOwned>(&self, table: &str, date_col: &str, f: &Filter) -> Result<Vec<T>> {
        let conn = sqlite_or!(self, pg => pg.records(table, date_col, f));
        // Only bound parameters carry user input; table and column names are constants.
        let mut sql = format!("SELECT t.json FROM {table} t JOIN documents d ON d.id = t.doc WHERE d.current = 1");
        let mut args: Vec<String> = Vec::new();
        // Appends a condition whose `?` placeholders are numbered in order.
        let mut cond = |template: &str, values: Vec<String>, sql: &mut String| {
            let mut out = String::new();
            for (i, part) in template.split('?').enumerate() {
                if i > 0 {
                    out.push_str(&format!("?{}", args.len() + i));
                }
                out.push_str(part);
            }
            args.extend(values);
            sql.push_str(" AND ");
            sql.push_str(&out);
        };
        if let Some(d) = &f.doc {
            cond("(t.doc = ? OR t.doc LIKE ? ESCAPE '\\')", vec![d.clone(), format!("{}%", escape_like(d))], &mut sql);
        }
        if let Some(k) = &f.kind {
            let col = if table == "statements" { "json_extract(t.json, '$.form')" } else { "t.type" };
            cond(&format!("lower({col}) = lower(?)"), vec![k.clone()], &mut sql);
        }
        if let Some(a) = &f.actor {
            cond("lower(t.json) LIKE ? ESCAPE '\\'", vec![format!("%{}%", escape_like(&a.to_lowercase()))], &mut sql);
        }
        if let Some(p) = &f.place {
            cond(
                "lower(json_extract(t.json, '$.place.name')) LIKE ? ESCAPE '\\'",
                vec![format!("%{}%", escape_like(&p.to_lowercase()))],
                &mut sql,
            );
        }
        if let Some(from) = &f.from {
            cond(&format!("t.{date_col} >= ?"), vec![from.clone()], &mut sql);
        }
        if let Some(to) = &f.to {
            // "2016-05" as an upper bound includes every day of May.
            cond(&format!("t.{date_col} <= ?"), vec![format!("{to}\u{10ffff}")], &mut sql);
        }
        if let Some(text) = &f.text {
            cond(
                "lower(json_extract(t.json, '$.text')) LIKE ? ESCAPE '\\'",
                vec![format!("%{}%", escape_like(&text.to_lowercase()))],
                &mut sql,
            );
        }
        sql.push_str(" ORDER BY d.ingested_seq, json_extract(t.json, '$.provenance.span.start'), t.id");
        if let Some(limit) = f.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(parse_json(&row?, table)?);
        }
        Ok(out)
    }

    /// Streams every record of one document of the given table as raw JSON.
    pub fn for_each_record_json(
        &self,
        table: RecordTable,
        doc: &str,
        mut f: impl FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        let conn = sqlite_or!(self, pg => pg.for_each_record_json(table, doc, &mut f));
        let sql = format!(
            "SELECT json FROM {} WHERE doc = ?1 ORDER BY json_extract(json, '$.provenance.span.start'), id",
            table.name()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([doc])?;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            f(&json)?;
        }
        Ok(())
    }

    /// Provisional actors (mentions without an actor id), most frequent first.
    pub fn unknown_actors(&self, limit: usize) -> Result<Vec<UnknownActor>> {
        let rows = self.unknown_actor_rows(limit)?;
        let mut out = Vec::new();
        for (name, count, documents, doc, start) in rows {
            let example_sentence = self.sentence_at(&doc, start as usize)?.unwrap_or_default();
            out.push(UnknownActor { name, count, documents, example_doc: doc, example_sentence });
        }
        Ok(out)
    }

    /// (name, count, documents, first document, first start) of the provisional actors.
    fn unknown_actor_rows(&self, limit: usize) -> Result<Vec<UnknownRow>> {
        let conn = sqlite_or!(self, pg => pg.unknown_actor_rows(limit));
        let mut stmt = conn.prepare(
            "SELECT m.name, count(*), count(DISTINCT m.doc), min(m.doc), min(m.start)
             FROM mentions m JOIN documents d ON d.id = m.doc
             WHERE m.actor IS NULL AND d.current = 1
             GROUP BY m.name ORDER BY count(*) DESC, m.name LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get::<_, i64>(4)?))
            })?
            .collect::<rusqlite::Result<Vec<UnknownRow>>>()?;
        Ok(rows)
    }

    /// The text of the sentence containing byte offset `at` of document `doc`.
    pub fn sentence_at(&self, doc: &str, at: usize) -> Result<Option<String>> {
        let seg = self.segmentation(doc)?;
        let Some(s) = seg.sentences.iter().find(|s| s.span.start <= at && at < s.span.end) else {
            return Ok(None);
        };
        let conn = sqlite_or!(self, pg => pg.text_slice(doc, s.span.start, s.span.len()));
        let text: Option<String> = conn
            .query_row(
                "SELECT substr(CAST(text AS BLOB), ?2, ?3) FROM documents WHERE id = ?1",
                params![doc, s.span.start as i64 + 1, s.span.len() as i64],
                |r| {
                    let v: Vec<u8> = r.get(0)?;
                    Ok(String::from_utf8_lossy(&v).into_owned())
                },
            )
            .optional()?;
        Ok(text)
    }

    /// Rewrites the verification of stored statements (after `sitrep verify-quotes`).
    pub fn update_statements(&mut self, statements: &[Statement]) -> Result<()> {
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Conn::Postgres(pg) => return pg.update_statements(statements),
        };
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare("UPDATE statements SET json = ?2 WHERE id = ?1")?;
            for s in statements {
                stmt.execute(params![s.id, to_json(s)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The columns of a [`DocSummary`] over `documents d`, in [`doc_summary`]'s order.
pub(crate) const DOC_SUMMARY_SELECT: &str = "SELECT d.id, d.path, d.title, d.outlet, d.published, d.language, \
    d.version, d.current, (SELECT count(*) FROM events e WHERE e.doc = d.id), \
    (SELECT count(*) FROM relations r WHERE r.doc = d.id), (SELECT count(*) FROM statements s WHERE s.doc = d.id)";

/// Reads a row selected by [`DOC_SUMMARY_SELECT`].
pub(crate) fn doc_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        published: r.get(4)?,
        language: r.get(5)?,
        version: r.get(6)?,
        current: r.get::<_, i64>(7)? != 0,
        events: r.get(8)?,
        relations: r.get(9)?,
        statements: r.get(10)?,
    })
}

/// The record tables, for [`Store::for_each_record_json`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordTable {
    Events,
    Relations,
    Statements,
}

impl RecordTable {
    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordTable::Events => "events",
            RecordTable::Relations => "relations",
            RecordTable::Statements => "statements",
        }
    }
}

/// A write transaction. Dropping it without [`Batch::commit`] rolls everything back.
pub struct Batch<'c> {
    tx: Tx<'c>,
}

/// The transaction of a [`Batch`], per backend.
enum Tx<'c> {
    Sqlite(Transaction<'c>),
    #[cfg(feature = "postgres")]
    Postgres(pg::PgBatch<'c>),
}

/// The SQLite transaction of `$batch`, or an early `return` of what the PostgreSQL batch `$pg`
/// answers with `$e`.
macro_rules! sqlite_tx_or {
    ($batch:expr, $pg:ident => $e:expr) => {
        match &$batch.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres($pg) => return $e,
        }
    };
}

impl Batch<'_> {
    /// Stores a document and its derived records, unless the same content is
    /// already stored. An input whose version key (source id, else path) is
    /// already stored with other content becomes a new version; the previous
    /// version is kept, marked not current.
    ///
    /// On PostgreSQL, writers of the same input are kept apart by a lock on its version key held to
    /// the end of the batch, so versions never repeat; a concurrent writer of the same content makes
    /// this put [`PutOutcome::Unchanged`]. A value PostgreSQL cannot store is
    /// [`StoreError::Unstorable`], with nothing of the document written.
    pub fn put(&self, doc: &Document, coded: &Coded) -> Result<PutOutcome> {
        let tx = sqlite_tx_or!(self, pg => pg.put(doc, coded));
        let exists = tx
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .query_row([&doc.id], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            return Ok(PutOutcome::Unchanged);
        }
        let key = version_key(&doc.meta);
        let last: Option<i64> = tx
            .prepare_cached("SELECT max(version) FROM documents WHERE version_key = ?1")?
            .query_row([&key], |r| r.get(0))?;
        let version = last.unwrap_or(0) + 1;
        if last.is_some() {
            tx.execute("UPDATE documents SET current = 0 WHERE version_key = ?1", [&key])?;
        }
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(ingested_seq), 0) + 1 FROM documents")?
            .query_row([], |r| r.get(0))?;
        let m = &doc.meta;
        tx.prepare_cached(
            "INSERT INTO documents (id, path, version_key, version, current, source_id, title, outlet, author,
                published, url, language, format, is_primary, extra, text, removed, ingested_seq)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            doc.id,
            m.path,
            key,
            version,
            m.source_id,
            m.title,
            m.outlet,
            m.author,
            m.published.map(|d| d.to_string()),
            m.url,
            m.language,
            m.format,
            m.primary,
            to_json(&m.extra),
            doc.text,
            to_json(&doc.removed),
            seq
        ])?;
        write_derived(tx, &doc.id, coded)?;
        Ok(PutOutcome::Stored { version })
    }

    /// Replaces everything derived from a stored document (`sitrep recode`).
    pub fn replace_derived(&self, doc: &str, coded: &Coded) -> Result<()> {
        let tx = sqlite_tx_or!(self, pg => pg.replace_derived(doc, coded));
        for t in ["segmentation", "mentions", "events", "relations", "statements"] {
            tx.execute(&format!("DELETE FROM {t} WHERE doc = ?1"), [doc])?;
        }
        write_derived(tx, doc, coded)
    }

    pub fn commit(self) -> Result<()> {
        match self.tx {
            Tx::Sqlite(tx) => Ok(tx.commit()?),
            #[cfg(feature = "postgres")]
            Tx::Postgres(pg) => pg.commit(),
        }
    }
}

/// Writes everything derived from document `doc` (the SQLite side of [`Batch::put`]).
fn write_derived(tx: &Transaction<'_>, doc: &str, c: &Coded) -> Result<()> {
    tx.prepare_cached("INSERT INTO segmentation (doc, json) VALUES (?1, ?2)")?
        .execute(params![doc, to_json(&c.segmentation)])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO mentions (doc, start, end, actor, name, rule, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for mention in &c.mentions {
        stmt.execute(params![
            doc,
            mention.span.start as i64,
            mention.span.end as i64,
            mention.actor,
            mention.name,
            mention.rule,
            mention.sector
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO events (id, doc, type, date_start, place, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for e in last_of_each_id(&c.events, |e| &e.id) {
        stmt.execute(params![
            e.id,
            doc,
            e.kind,
            e.date.as_ref().map(|d| d.start.clone()),
            e.place.as_ref().map(|p| p.name.clone()),
            to_json(e)
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO relations (id, doc, type, subject, object, start, end, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in last_of_each_id(&c.relations, |r| &r.id) {
        stmt.execute(params![r.id, doc, r.kind, r.subject, r.object, r.start, r.end, to_json(r)])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO statements (id, doc, speaker, date, json) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in last_of_each_id(&c.statements, |s| &s.id) {
        stmt.execute(params![s.id, doc, s.speaker, s.date, to_json(s)])?;
    }
    Ok(())
}

/// The records to write, in order, without those a later record of the same id replaces: what
/// `INSERT OR REPLACE` leaves under the unique index on ids, also while a bulk load has dropped it.
fn last_of_each_id<T>(records: &[T], id: impl Fn(&T) -> &str) -> impl Iterator<Item = &T> {
    let mut replaced = vec![false; records.len()];
    if records.len() > 1 {
        let mut seen = std::collections::HashSet::with_capacity(records.len());
        for (i, r) in records.iter().enumerate().rev() {
            replaced[i] = !seen.insert(id(r));
        }
    }
    records.iter().zip(replaced).filter(|(_, replaced)| !replaced).map(|(r, _)| r)
}

/// Versions are tracked per input: the corpus id when the input gave one, else the path.
pub(crate) fn version_key(m: &DocMeta) -> String {
    match &m.source_id {
        Some(id) => format!("id:{id}"),
        None => format!("path:{}", m.path),
    }
}

pub(crate) const DOC_SELECT: &str =
    "SELECT id, path, source_id, title, outlet, author, published, url, language, format,
    is_primary, extra, text, removed FROM documents";

fn row_to_doc(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Document>> {
    let published: Option<String> = r.get(6)?;
    let extra: String = r.get(11)?;
    let removed: String = r.get(13)?;
    let extra = match parse_json(&extra, "document metadata") {
        Ok(e) => e,
        Err(e) => return Ok(Err(e)),
    };
    let removed: Vec<Removed> = match parse_json(&removed, "removed spans") {
        Ok(e) => e,
        Err(e) => return Ok(Err(e)),
    };
    let meta = DocMeta {
        path: r.get(1)?,
        source_id: r.get(2)?,
        title: r.get(3)?,
        outlet: r.get(4)?,
        author: r.get(5)?,
        published: published.as_deref().and_then(PartialDate::parse_iso),
        url: r.get(7)?,
        language: r.get(8)?,
        format: r.get(9)?,
        primary: r.get::<_, i64>(10)? != 0,
        extra,
    };
    Ok(Ok(Document { id: r.get(0)?, meta, text: r.get(12)?, removed }))
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> String {
    // Serializing our own plain data types cannot fail (no maps with non-string keys).
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|source| StoreError::Json { what: what.to_owned(), source })
}

pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests;
