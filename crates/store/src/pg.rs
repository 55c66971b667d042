//! The PostgreSQL backend (feature `postgres`): the same tables, migrations and operations as the
//! SQLite code in `lib.rs` and `browse.rs`, with the same results in the same order.
//!
//! The SQL is written per backend, not translated. What keeps the answers equal:
//! - every text column is `COLLATE "C"`, and every comparison, `lower()`, `LIKE`, `min()` and
//!   `ORDER BY` on text says `COLLATE "C"` as well (values from JSON and parameters carry the
//!   database's collation otherwise): bytes are compared and only ASCII is case-folded, as in SQLite;
//!   SQLite's `LIKE` ignores ASCII case, so every `LIKE` here compares `lower()` of both sides;
//! - records keep their exchange JSON as the exact TEXT SQLite keeps (exports are byte-identical);
//!   queries cast it to `jsonb` where they look inside;
//! - SQLite sorts NULL first, so does every `ORDER BY` here (`NULLS FIRST`);
//! - a mention's `ord`, its position in its document's list, stands for SQLite's rowid.
//!
//! Several processes may write at once. The ingest order comes from a sequence; a transaction-level
//! advisory lock per version key (source id or path) keeps two writers of the same input from both
//! taking `max(version) + 1`; a document id inserted by a concurrent batch makes the later insert do
//! nothing (`ON CONFLICT (id) DO NOTHING`), which is [`PutOutcome::Unchanged`], not an error.
//! Migrations run under an advisory lock too, so two processes opening an empty database agree.

use crate::locator::{mask_url, Mode};
use crate::{
    escape_like, parse_json, to_json, version_key, Coded, Conn, DocSummary, Document, Filter, Mention, PutOutcome,
    RecordTable, Result, Segmentation, Statement, Store, StoreError, UnknownRow, DOC_SELECT, DOC_SUMMARY_SELECT,
    SCHEMA_VERSION,
};
use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row, Transaction};
use sitrep_model::{DocMeta, PartialDate, Removed};
use std::cell::{Cell, RefCell, RefMut};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod browse;

/// The steps of `crate::MIGRATIONS` for PostgreSQL: version `i` to `i + 1`, one transaction each.
/// Types adapted (BIGINT, `"end"` quoted, text `COLLATE "C"`); JSON stays TEXT. Tables that SQLite
/// gives a rowid get what stands for it: a sequence for the ingest order, `ord` for mentions.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, segmentation, mentions, coded records.
    r#"
    CREATE SEQUENCE documents_ingested_seq;
    CREATE TABLE documents (
        id          TEXT COLLATE "C" PRIMARY KEY,
        path        TEXT COLLATE "C" NOT NULL,
        version_key TEXT COLLATE "C" NOT NULL,
        version     BIGINT NOT NULL,
        current     BIGINT NOT NULL DEFAULT 1,
        source_id   TEXT COLLATE "C",
        title       TEXT COLLATE "C",
        outlet      TEXT COLLATE "C",
        author      TEXT COLLATE "C",
        published   TEXT COLLATE "C",
        url         TEXT COLLATE "C",
        language    TEXT COLLATE "C" NOT NULL,
        format      TEXT COLLATE "C" NOT NULL,
        is_primary  BIGINT NOT NULL DEFAULT 0,
        extra       TEXT COLLATE "C" NOT NULL DEFAULT '{}',
        text        TEXT COLLATE "C" NOT NULL,
        removed     TEXT COLLATE "C" NOT NULL DEFAULT '[]',
        ingested_seq BIGINT NOT NULL
    );
    CREATE INDEX documents_version_key ON documents(version_key, version);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE segmentation (
        doc  TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        json TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE mentions (
        doc    TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord    BIGINT NOT NULL,
        start  BIGINT NOT NULL,
        "end"  BIGINT NOT NULL,
        actor  TEXT COLLATE "C",
        name   TEXT COLLATE "C" NOT NULL,
        rule   TEXT COLLATE "C" NOT NULL,
        sector TEXT COLLATE "C"
    );
    CREATE INDEX mentions_doc ON mentions(doc);
    CREATE INDEX mentions_actor ON mentions(actor);
    CREATE TABLE events (
        id         TEXT COLLATE "C" PRIMARY KEY,
        doc        TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type       TEXT COLLATE "C" NOT NULL,
        date_start TEXT COLLATE "C",
        place      TEXT COLLATE "C",
        json       TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_type ON events(type, date_start);
    CREATE TABLE relations (
        id      TEXT COLLATE "C" PRIMARY KEY,
        doc     TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type    TEXT COLLATE "C" NOT NULL,
        subject TEXT COLLATE "C" NOT NULL,
        object  TEXT COLLATE "C" NOT NULL,
        start   TEXT COLLATE "C",
        "end"   TEXT COLLATE "C",
        json    TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX relations_doc ON relations(doc);
    CREATE INDEX relations_type ON relations(type);
    CREATE TABLE statements (
        id      TEXT COLLATE "C" PRIMARY KEY,
        doc     TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT COLLATE "C" NOT NULL,
        date    TEXT COLLATE "C",
        json    TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX statements_doc ON statements(doc);
    CREATE INDEX statements_speaker ON statements(speaker, date);
    "#,
    // 2: the index on the ingest order.
    r#"
    CREATE INDEX documents_seq ON documents(ingested_seq);
    "#,
    // 3: record ids and the segmentation's document are unique indexes, no longer primary keys, as
    // on SQLite (where a bulk load drops and rebuilds them; PostgreSQL keeps its indexes).
    r#"
    ALTER TABLE segmentation DROP CONSTRAINT segmentation_pkey;
    ALTER TABLE segmentation ALTER COLUMN doc SET NOT NULL;
    CREATE UNIQUE INDEX segmentation_doc ON segmentation(doc);
    ALTER TABLE events DROP CONSTRAINT events_pkey;
    ALTER TABLE events ALTER COLUMN id SET NOT NULL;
    CREATE UNIQUE INDEX events_id ON events(id);
    ALTER TABLE relations DROP CONSTRAINT relations_pkey;
    ALTER TABLE relations ALTER COLUMN id SET NOT NULL;
    CREATE UNIQUE INDEX relations_id ON relations(id);
    ALTER TABLE statements DROP CONSTRAINT statements_pkey;
    ALTER TABLE statements ALTER COLUMN id SET NOT NULL;
    CREATE UNIQUE INDEX statements_id ON statements(id);
    "#,
];

const _: () = assert!(MIGRATIONS.len() == crate::MIGRATIONS.len(), "one PostgreSQL step per SQLite migration");

/// The table holding the schema version (one row), PostgreSQL's `PRAGMA user_version`.
const VERSION_TABLE: &str = "sitrep_schema";

/// The `LIKE` escape character of `escape_like`, in a form that does not depend on
/// `standard_conforming_strings`.
const ESCAPE: &str = r"ESCAPE E'\\'";

/// Documents fetched per round trip by [`PgStore::for_each_document`].
const FETCH_ROWS: usize = 64;

/// `lower(expr) LIKE lower(param)` comparing bytes and folding ASCII only: SQLite's `LIKE`.
pub(crate) fn like(expr: &str, param: &str) -> String {
    format!("lower(({expr}) COLLATE \"C\") LIKE lower({param} COLLATE \"C\") {ESCAPE}")
}

/// A stable 64-bit key for `pg_advisory_xact_lock` (FNV-1a).
fn lock_key(what: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in what.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// The server's reason for a failure, on one line where it has one.
pub(crate) fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
        if let Some(detail) = db.detail() {
            s.push_str(": ");
            s.push_str(detail);
        }
        return s;
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        StoreError::Postgres(e)
    }
}

/// One connection to a PostgreSQL store.
pub(crate) struct PgStore {
    /// `Store`'s reads take `&self`; the client needs `&mut`. Borrowed for one statement at a time,
    /// never across a caller's callback.
    client: RefCell<Client>,
    /// The write statements, prepared once per connection.
    prepared: RefCell<HashMap<&'static str, postgres::Statement>>,
    /// Nesting depth of [`PgStore::in_snapshot`].
    snapshot: Cell<u32>,
    /// Numbers the cursors of nested document walks.
    cursors: Cell<u64>,
}

/// Connects to the store at `url` (see [`Locator`](crate::Locator)).
pub(crate) fn open(url: &str, mode: Mode) -> Result<Store> {
    let name = mask_url(url);
    let open_err = |reason: String| StoreError::PgOpen { store: name.clone(), reason };
    let mut config: Config = url.parse().map_err(|e| open_err(describe(&e)))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(30));
    }
    if config.get_application_name().is_none() {
        config.application_name("sitrep");
    }
    let mut client = config.connect(NoTls).map_err(|e| open_err(describe(&e)))?;
    let encoding: String = client
        .query_one("SELECT current_setting('server_encoding')", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| open_err(describe(&e)))?;
    if encoding != "UTF8" {
        return Err(open_err(format!(
            "the database's encoding is {encoding}; a store needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0)"
        )));
    }
    let mut pg = PgStore {
        client: RefCell::new(client),
        prepared: RefCell::new(HashMap::new()),
        snapshot: Cell::new(0),
        cursors: Cell::new(0),
    };
    if mode != Mode::Create && !has_version_table(pg.client.get_mut())? {
        return Err(StoreError::Missing { store: name });
    }
    let mut store = Store { conn: Conn::Postgres(Box::new(pg)), path: PathBuf::from(&name) };
    store.migrate()?;
    if mode == Mode::Reading {
        if let Conn::Postgres(pg) = &mut store.conn {
            pg.client.get_mut().batch_execute("SET default_transaction_read_only = on")?;
        }
    }
    Ok(store)
}

fn has_version_table(client: &mut Client) -> Result<bool> {
    let row = client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&VERSION_TABLE])?;
    Ok(row.try_get(0)?)
}

fn read_version(client: &mut impl postgres::GenericClient) -> Result<i64> {
    let row = client.query_one(&format!("SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}"), &[])?;
    Ok(row.try_get(0)?)
}

impl PgStore {
    fn client(&self) -> Result<RefMut<'_, Client>> {
        self.client.try_borrow_mut().map_err(|_| StoreError::Busy("a callback used the store during a read"))
    }

    /// Applies the missing migrations, each in its own transaction under an advisory lock; refuses a
    /// store newer than this build. A current store is only read (no lock, no write).
    pub(crate) fn migrate(&mut self, path: &Path) -> Result<()> {
        let too_new = |found| StoreError::TooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION };
        let client = self.client.get_mut();
        let found = if has_version_table(client)? { read_version(client)? } else { 0 };
        if found > SCHEMA_VERSION {
            return Err(too_new(found));
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        loop {
            let mut tx = client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key("sitrep: schema migration")])?;
            tx.batch_execute(&format!("CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version BIGINT NOT NULL)"))?;
            // Read again under the lock: another process may have migrated meanwhile.
            let found = read_version(&mut tx)?;
            if found > SCHEMA_VERSION {
                return Err(too_new(found));
            }
            if found == SCHEMA_VERSION {
                tx.commit()?;
                return Ok(());
            }
            tx.batch_execute(MIGRATIONS[found as usize])?;
            tx.execute(&format!("DELETE FROM {VERSION_TABLE}"), &[])?;
            tx.execute(&format!("INSERT INTO {VERSION_TABLE} (version) VALUES ($1)"), &[&(found + 1)])?;
            tx.commit()?;
        }
    }

    pub(crate) fn schema_version(&self) -> Result<i64> {
        read_version(&mut *self.client()?)
    }

    /// Runs `f` inside one read-only repeatable-read transaction (unless already inside one), so a
    /// walk and the queries its callback makes see one snapshot, as on SQLite.
    fn in_snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let depth = self.snapshot.get();
        if depth == 0 {
            self.client()?.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        }
        self.snapshot.set(depth + 1);
        let out = f();
        self.snapshot.set(depth);
        if depth > 0 {
            return out;
        }
        let end = self.client()?.batch_execute(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = out?;
        end?;
        Ok(value)
    }

    fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        Ok(self.client()?.query(sql, params)?)
    }

    fn query_opt(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        Ok(self.client()?.query_opt(sql, params)?)
    }

    pub(crate) fn count_documents(&self) -> Result<i64> {
        Ok(self.client()?.query_one("SELECT count(*) FROM documents", &[])?.try_get(0)?)
    }

    pub(crate) fn counts(&self) -> Result<[i64; 5]> {
        let row = self.client()?.query_one(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
                (SELECT count(*) FROM relations), (SELECT count(*) FROM statements), (SELECT count(*) FROM mentions)",
            &[],
        )?;
        let mut out = [0; 5];
        for (i, n) in out.iter_mut().enumerate() {
            *n = row.try_get(i)?;
        }
        Ok(out)
    }

    pub(crate) fn has_document(&self, id: &str) -> Result<bool> {
        Ok(self.query_opt("SELECT 1 FROM documents WHERE id = $1", &[&id])?.is_some())
    }

    pub(crate) fn document(&self, id: &str) -> Result<Option<Document>> {
        let sql = format!("{DOC_SELECT} WHERE id = $1 OR {} ORDER BY id COLLATE \"C\" LIMIT 2", like("id", "$2::text"));
        let like_id = format!("{}%", escape_like(id));
        let docs = self.query(&sql, &[&id, &like_id])?.iter().map(row_to_doc).collect::<Result<Vec<_>>>()?;
        Ok(if docs.len() == 1 { docs.into_iter().next() } else { docs.into_iter().find(|d| d.id == id) })
    }

    pub(crate) fn for_each_document(
        &self,
        current_only: bool,
        f: &mut dyn FnMut(Document) -> Result<()>,
    ) -> Result<()> {
        self.in_snapshot(|| {
            let n = self.cursors.get();
            self.cursors.set(n + 1);
            let cursor = format!("sitrep_documents_{n}");
            let filter = if current_only { "WHERE current = 1" } else { "" };
            self.client()?.batch_execute(&format!(
                "DECLARE {cursor} NO SCROLL CURSOR FOR {DOC_SELECT} {filter} ORDER BY ingested_seq"
            ))?;
            loop {
                // The rows are fetched before `f` runs: `f` may query the store itself.
                let rows = self.query(&format!("FETCH {FETCH_ROWS} FROM {cursor}"), &[])?;
                if rows.is_empty() {
                    break;
                }
                for row in &rows {
                    f(row_to_doc(row)?)?;
                }
            }
            self.client()?.batch_execute(&format!("CLOSE {cursor}"))?;
            Ok(())
        })
    }

    pub(crate) fn document_ids(&self, current_only: bool) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT id FROM documents {} ORDER BY ingested_seq",
            if current_only { "WHERE current = 1" } else { "" }
        );
        strings(&self.query(&sql, &[])?)
    }

    pub(crate) fn documents(&self, limit: usize) -> Result<Vec<DocSummary>> {
        let sql = format!("{DOC_SUMMARY_SELECT} FROM documents d ORDER BY d.ingested_seq LIMIT $1");
        self.query(&sql, &[&clamp(limit)])?.iter().map(doc_summary).collect()
    }

    pub(crate) fn segmentation(&self, doc: &str) -> Result<Segmentation> {
        match self.query_opt("SELECT json FROM segmentation WHERE doc = $1", &[&doc])? {
            None => Ok(Segmentation::default()),
            Some(row) => parse_json(&row.try_get::<_, String>(0)?, "segmentation"),
        }
    }

    pub(crate) fn mentions(&self, doc: &str) -> Result<Vec<Mention>> {
        let rows = self.query(
            r#"SELECT start, "end", actor, name, rule, sector FROM mentions WHERE doc = $1 ORDER BY start, ord"#,
            &[&doc],
        )?;
        rows.iter()
            .map(|r| {
                Ok(Mention {
                    span: sitrep_model::Span::new(r.try_get::<_, i64>(0)? as usize, r.try_get::<_, i64>(1)? as usize),
                    actor: r.try_get(2)?,
                    name: r.try_get(3)?,
                    rule: r.try_get(4)?,
                    sector: r.try_get(5)?,
                })
            })
            .collect()
    }

    pub(crate) fn actor_ids_in_use(&self) -> Result<Vec<String>> {
        strings(
            &self
                .query(r#"SELECT DISTINCT actor COLLATE "C" FROM mentions WHERE actor IS NOT NULL ORDER BY 1"#, &[])?,
        )
    }

    /// [`Store::events`] and its siblings: the conditions of `Store::records`, one for one.
    pub(crate) fn records<T: serde::de::DeserializeOwned>(
        &self,
        table: &str,
        date_col: &str,
        f: &Filter,
    ) -> Result<Vec<T>> {
        let mut w = browse::Where::default();
        w.cond("d.current = 1");
        if let Some(d) = &f.doc {
            let (exact, prefix) = (w.param(d.clone()), w.param(format!("{}%", escape_like(d))));
            w.cond(&format!("(t.doc = {exact} OR {})", like("t.doc", &prefix)));
        }
        if let Some(k) = &f.kind {
            let col = if table == "statements" { "x.j ->> 'form'" } else { "t.type" };
            let p = w.param(k.clone());
            w.cond(&format!("lower(({col}) COLLATE \"C\") = lower({p} COLLATE \"C\")"));
        }
        if let Some(a) = &f.actor {
            let p = w.param(format!("%{}%", escape_like(&a.to_lowercase())));
            w.cond(&like("t.json", &p));
        }
        if let Some(place) = &f.place {
            let p = w.param(format!("%{}%", escape_like(&place.to_lowercase())));
            w.cond(&like("x.j #>> '{place,name}'", &p));
        }
        if let Some(from) = &f.from {
            let p = w.param(from.clone());
            w.cond(&format!("t.{date_col} COLLATE \"C\" >= {p}"));
        }
        if let Some(to) = &f.to {
            // "2016-05" as an upper bound includes every day of May.
            let p = w.param(format!("{to}{}", crate::browse::DATE_MAX));
            w.cond(&format!("t.{date_col} COLLATE \"C\" <= {p}"));
        }
        if let Some(text) = &f.text {
            let p = w.param(format!("%{}%", escape_like(&text.to_lowercase())));
            w.cond(&like("x.j ->> 'text'", &p));
        }
        let mut sql = format!(
            "SELECT t.json FROM {table} t JOIN documents d ON d.id = t.doc {JSONB} WHERE {} \
             ORDER BY d.ingested_seq, {SPAN_START} NULLS FIRST, t.id COLLATE \"C\"",
            w.sql()
        );
        let limit = f.limit.map(clamp);
        let mut params = w.params();
        if let Some(limit) = &limit {
            sql.push_str(&format!(" LIMIT ${}", params.len() + 1));
            params.push(limit);
        }
        let rows = self.query(&sql, &params)?;
        rows.iter().map(|r| parse_json(&r.try_get::<_, String>(0)?, table)).collect()
    }

    pub(crate) fn for_each_record_json(
        &self,
        table: RecordTable,
        doc: &str,
        f: &mut dyn FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT t.json FROM {} t {JSONB} WHERE t.doc = $1 ORDER BY {SPAN_START} NULLS FIRST, t.id COLLATE \"C\"",
            table.name()
        );
        // Fetched before `f` runs: `f` may query the store itself.
        for json in strings(&self.query(&sql, &[&doc])?)? {
            f(&json)?;
        }
        Ok(())
    }

    pub(crate) fn unknown_actor_rows(&self, limit: usize) -> Result<Vec<UnknownRow>> {
        let rows = self.query(
            r#"SELECT m.name, count(*), count(DISTINCT m.doc), min(m.doc COLLATE "C"), min(m.start)
             FROM mentions m JOIN documents d ON d.id = m.doc
             WHERE m.actor IS NULL AND d.current = 1
             GROUP BY m.name ORDER BY count(*) DESC, m.name COLLATE "C" LIMIT $1"#,
            &[&clamp(limit)],
        )?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?))).collect()
    }

    /// Bytes `start..start + len` of a document's UTF-8 text (lossy at cut characters), as SQLite's
    /// `substr(CAST(text AS BLOB), ...)`.
    pub(crate) fn text_slice(&self, doc: &str, start: usize, len: usize) -> Result<Option<String>> {
        let from = i32::try_from(start.saturating_add(1)).unwrap_or(i32::MAX);
        let len = i32::try_from(len).unwrap_or(i32::MAX);
        let row = self.query_opt(
            "SELECT substring(convert_to(text, 'UTF8') FROM $2 FOR $3) FROM documents WHERE id = $1",
            &[&doc, &from, &len],
        )?;
        match row {
            None => Ok(None),
            Some(r) => Ok(Some(String::from_utf8_lossy(&r.try_get::<_, Vec<u8>>(0)?).into_owned())),
        }
    }

    pub(crate) fn update_statements(&mut self, statements: &[Statement]) -> Result<()> {
        let mut tx = self.client.get_mut().transaction()?;
        let stmt = tx.prepare("UPDATE statements SET json = $2 WHERE id = $1")?;
        for s in statements {
            tx.execute(&stmt, &[&s.id, &to_json(s)])?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn batch(&mut self) -> Result<PgBatch<'_>> {
        let PgStore { client, prepared, .. } = self;
        let tx = client.get_mut().transaction()?;
        Ok(PgBatch { tx: RefCell::new(tx), prepared })
    }
}

/// The jsonb of a record `t`, as `x.j`.
const JSONB: &str = "CROSS JOIN LATERAL (SELECT t.json::jsonb AS j) x";
/// The start of a record's span (SQLite: `json_extract(t.json, '$.provenance.span.start')`).
const SPAN_START: &str = "(x.j #>> '{provenance,span,start}')::numeric";

fn clamp(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn strings(rows: &[Row]) -> Result<Vec<String>> {
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

/// Reads a row selected by `DOC_SUMMARY_SELECT`.
pub(crate) fn doc_summary(r: &Row) -> Result<DocSummary> {
    Ok(DocSummary {
        id: r.try_get(0)?,
        path: r.try_get(1)?,
        title: r.try_get(2)?,
        outlet: r.try_get(3)?,
        published: r.try_get(4)?,
        language: r.try_get(5)?,
        version: r.try_get(6)?,
        current: r.try_get::<_, i64>(7)? != 0,
        events: r.try_get(8)?,
        relations: r.try_get(9)?,
        statements: r.try_get(10)?,
    })
}

/// Reads a row selected by `DOC_SELECT`.
fn row_to_doc(r: &Row) -> Result<Document> {
    let published: Option<String> = r.try_get(6)?;
    let extra = parse_json(r.try_get(11)?, "document metadata")?;
    let removed: Vec<Removed> = parse_json(r.try_get(13)?, "removed spans")?;
    let meta = DocMeta {
        path: r.try_get(1)?,
        source_id: r.try_get(2)?,
        title: r.try_get(3)?,
        outlet: r.try_get(4)?,
        author: r.try_get(5)?,
        published: published.as_deref().and_then(PartialDate::parse_iso),
        url: r.try_get(7)?,
        language: r.try_get(8)?,
        format: r.try_get(9)?,
        primary: r.try_get::<_, i64>(10)? != 0,
        extra,
    };
    Ok(Document { id: r.try_get(0)?, meta, text: r.try_get(12)?, removed })
}

/// A write batch on PostgreSQL: one transaction.
pub(crate) struct PgBatch<'c> {
    /// `Batch`'s methods take `&self`; the transaction needs `&mut`.
    tx: RefCell<Transaction<'c>>,
    prepared: &'c RefCell<HashMap<&'static str, postgres::Statement>>,
}

const SQL_EXISTS: &str = "SELECT 1 FROM documents WHERE id = $1";
const SQL_LOCK: &str = "SELECT pg_advisory_xact_lock($1)";
const SQL_LAST_VERSION: &str = "SELECT max(version) FROM documents WHERE version_key = $1";
const SQL_INSERT_DOCUMENT: &str = "INSERT INTO documents (id, path, version_key, version, current, source_id,
        title, outlet, author, published, url, language, format, is_primary, extra, text, removed, ingested_seq)
    VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
        nextval('documents_ingested_seq'))
    ON CONFLICT (id) DO NOTHING";
const SQL_SUPERSEDE: &str = "UPDATE documents SET current = 0 WHERE version_key = $1 AND id <> $2";
const SQL_INSERT_SEGMENTATION: &str = "INSERT INTO segmentation (doc, json) VALUES ($1, $2)";
const SQL_INSERT_MENTIONS: &str = r#"INSERT INTO mentions (doc, ord, start, "end", actor, name, rule, sector)
    SELECT $1, u.ord - 1, u.s, u.e, u.a, u.n, u.r, u.sec
    FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
        WITH ORDINALITY AS u(s, e, a, n, r, sec, ord)"#;
// Record ids are unique within one statement (see `Records::push`), so `DO UPDATE` is SQLite's
// `INSERT OR REPLACE`.
const SQL_INSERT_EVENTS: &str = "INSERT INTO events (id, doc, type, date_start, place, json)
    SELECT u.id, $1, u.ty, u.ds, u.pl, u.js FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
        AS u(id, ty, ds, pl, js)
    ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, type = EXCLUDED.type, date_start = EXCLUDED.date_start,
        place = EXCLUDED.place, json = EXCLUDED.json";
const SQL_INSERT_RELATIONS: &str = r#"INSERT INTO relations (id, doc, type, subject, object, start, "end", json)
    SELECT u.id, $1, u.ty, u.su, u.ob, u.st, u.en, u.js
    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS u(id, ty, su, ob, st, en, js)
    ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, type = EXCLUDED.type, subject = EXCLUDED.subject,
        object = EXCLUDED.object, start = EXCLUDED.start, "end" = EXCLUDED."end", json = EXCLUDED.json"#;
const SQL_INSERT_STATEMENTS: &str = "INSERT INTO statements (id, doc, speaker, date, json)
    SELECT u.id, $1, u.sp, u.da, u.js FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
        AS u(id, sp, da, js)
    ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, speaker = EXCLUDED.speaker, date = EXCLUDED.date,
        json = EXCLUDED.json";

impl<'c> PgBatch<'c> {
    fn tx(&self) -> Result<RefMut<'_, Transaction<'c>>> {
        self.tx.try_borrow_mut().map_err(|_| StoreError::Busy("the batch is in use"))
    }

    /// The prepared statement for `sql` (prepared on first use, kept for the connection).
    fn stmt(&self, tx: &mut Transaction<'_>, sql: &'static str) -> Result<postgres::Statement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = tx.prepare(sql)?;
        self.prepared.borrow_mut().insert(sql, s.clone());
        Ok(s)
    }

    pub(crate) fn put(&self, doc: &Document, coded: &Coded) -> Result<PutOutcome> {
        // Everything is checked before anything is written: a rejected document leaves no trace.
        check_document(doc)?;
        let derived = Derived::new(coded, &doc.meta.path)?;
        let mut tx = self.tx()?;
        let exists = self.stmt(&mut tx, SQL_EXISTS)?;
        if tx.query_opt(&exists, &[&doc.id])?.is_some() {
            return Ok(PutOutcome::Unchanged);
        }
        let key = version_key(&doc.meta);
        let lock = self.stmt(&mut tx, SQL_LOCK)?;
        tx.execute(&lock, &[&lock_key(&format!("sitrep: version key {key}"))])?;
        // A writer of the same input that held the lock has committed by now.
        if tx.query_opt(&exists, &[&doc.id])?.is_some() {
            return Ok(PutOutcome::Unchanged);
        }
        let last_version = self.stmt(&mut tx, SQL_LAST_VERSION)?;
        let last: Option<i64> = tx.query_one(&last_version, &[&key])?.try_get(0)?;
        let version = last.unwrap_or(0) + 1;
        let m = &doc.meta;
        let insert = self.stmt(&mut tx, SQL_INSERT_DOCUMENT)?;
        let inserted = tx.execute(
            &insert,
            &[
                &doc.id,
                &m.path,
                &key,
                &version,
                &m.source_id,
                &m.title,
                &m.outlet,
                &m.author,
                &m.published.map(|d| d.to_string()),
                &m.url,
                &m.language,
                &m.format,
                &i64::from(m.primary),
                &to_json(&m.extra),
                &doc.text,
                &to_json(&doc.removed),
            ],
        )?;
        if inserted == 0 {
            // The same content under another version key, committed by a concurrent batch.
            return Ok(PutOutcome::Unchanged);
        }
        if last.is_some() {
            let supersede = self.stmt(&mut tx, SQL_SUPERSEDE)?;
            tx.execute(&supersede, &[&key, &doc.id])?;
        }
        self.write_derived(&mut tx, &doc.id, &derived)?;
        Ok(PutOutcome::Stored { version })
    }

    pub(crate) fn replace_derived(&self, doc: &str, coded: &Coded) -> Result<()> {
        let derived = Derived::new(coded, doc)?;
        let mut tx = self.tx()?;
        for t in ["segmentation", "mentions", "events", "relations", "statements"] {
            tx.execute(&format!("DELETE FROM {t} WHERE doc = $1"), &[&doc])?;
        }
        self.write_derived(&mut tx, doc, &derived)
    }

    fn write_derived(&self, tx: &mut Transaction<'_>, doc: &str, d: &Derived) -> Result<()> {
        let stmt = self.stmt(tx, SQL_INSERT_SEGMENTATION)?;
        tx.execute(&stmt, &[&doc, &d.segmentation])?;
        let m = &d.mentions;
        if !m.start.is_empty() {
            let stmt = self.stmt(tx, SQL_INSERT_MENTIONS)?;
            tx.execute(&stmt, &[&doc, &m.start, &m.end, &m.actor, &m.name, &m.rule, &m.sector])?;
        }
        for (records, sql) in [
            (&d.events, SQL_INSERT_EVENTS),
            (&d.relations, SQL_INSERT_RELATIONS),
            (&d.statements, SQL_INSERT_STATEMENTS),
        ] {
            if records.ids.is_empty() {
                continue;
            }
            let stmt = self.stmt(tx, sql)?;
            let mut params: Vec<&(dyn ToSql + Sync)> = vec![&doc, &records.ids];
            params.extend(records.columns.iter().map(|c| c as &(dyn ToSql + Sync)));
            params.push(&records.json);
            tx.execute(&stmt, &params)?;
        }
        Ok(())
    }

    pub(crate) fn commit(self) -> Result<()> {
        Ok(self.tx.into_inner().commit()?)
    }
}

/// Refuses a document PostgreSQL cannot hold: text has no NUL character there.
fn check_document(doc: &Document) -> Result<()> {
    let m = &doc.meta;
    let fields: [(&str, Option<&str>); 10] = [
        ("id", Some(&doc.id)),
        ("path", Some(&m.path)),
        ("source id", m.source_id.as_deref()),
        ("title", m.title.as_deref()),
        ("outlet", m.outlet.as_deref()),
        ("author", m.author.as_deref()),
        ("url", m.url.as_deref()),
        ("language", Some(&m.language)),
        ("format", Some(&m.format)),
        ("text", Some(&doc.text)),
    ];
    for (field, value) in fields {
        if let Some(at) = value.and_then(|v| v.find('\0')) {
            return Err(nul_error(&m.path, field, Some(at)));
        }
    }
    Ok(())
}

fn nul_error(path: &str, field: &str, at: Option<usize>) -> StoreError {
    let reason = match at {
        Some(at) => format!("contains a NUL character (byte {at}), which PostgreSQL text cannot hold"),
        None => "contains a NUL character (\\u0000), which PostgreSQL cannot read in JSON".to_owned(),
    };
    StoreError::Unstorable { path: path.to_owned(), field: field.to_owned(), reason }
}

/// Whether serialized JSON holds the escape `\u0000` (not a literal backslash before "u0000").
fn json_has_nul(json: &str) -> bool {
    let bytes = json.as_bytes();
    let mut from = 0;
    while let Some(i) = json[from..].find("u0000").map(|i| i + from) {
        let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 1 {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Everything derived from one document, as the columns of the multi-row inserts.
struct Derived {
    segmentation: String,
    mentions: MentionColumns,
    events: Records,
    relations: Records,
    statements: Records,
}

#[derive(Default)]
struct MentionColumns {
    start: Vec<i64>,
    end: Vec<i64>,
    actor: Vec<Option<String>>,
    name: Vec<String>,
    rule: Vec<String>,
    sector: Vec<Option<String>>,
}

/// Rows of one record table: ids, the indexed text columns, the JSON.
struct Records {
    ids: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
    json: Vec<String>,
    /// Row of each id: a repeated id replaces the earlier row, as SQLite's `INSERT OR REPLACE`.
    index: HashMap<String, usize>,
}

impl Records {
    fn new(columns: usize) -> Records {
        Records { ids: Vec::new(), columns: vec![Vec::new(); columns], json: Vec::new(), index: HashMap::new() }
    }

    fn push(&mut self, path: &str, what: &str, id: &str, values: Vec<Option<String>>, json: String) -> Result<()> {
        if id.contains('\0') || values.iter().flatten().any(|v| v.contains('\0')) || json_has_nul(&json) {
            return Err(nul_error(path, &format!("{what} {id}"), None));
        }
        match self.index.get(id) {
            Some(&row) => {
                for (column, value) in self.columns.iter_mut().zip(values) {
                    column[row] = value;
                }
                self.json[row] = json;
            }
            None => {
                self.index.insert(id.to_owned(), self.ids.len());
                self.ids.push(id.to_owned());
                for (column, value) in self.columns.iter_mut().zip(values) {
                    column.push(value);
                }
                self.json.push(json);
            }
        }
        Ok(())
    }
}

impl Derived {
    /// Serializes and checks `c`; `path` names the document in errors.
    fn new(c: &Coded, path: &str) -> Result<Derived> {
        let mut mentions = MentionColumns::default();
        for m in &c.mentions {
            let texts = [Some(&m.name), Some(&m.rule), m.actor.as_ref(), m.sector.as_ref()];
            if texts.iter().flatten().any(|t| t.contains('\0')) {
                return Err(nul_error(path, &format!("mention {:?}", m.name), None));
            }
            mentions.start.push(m.span.start as i64);
            mentions.end.push(m.span.end as i64);
            mentions.actor.push(m.actor.clone());
            mentions.name.push(m.name.clone());
            mentions.rule.push(m.rule.clone());
            mentions.sector.push(m.sector.clone());
        }
        let mut events = Records::new(3);
        for e in &c.events {
            let values = vec![
                Some(e.kind.clone()),
                e.date.as_ref().map(|d| d.start.clone()),
                e.place.as_ref().map(|p| p.name.clone()),
            ];
            events.push(path, "event", &e.id, values, to_json(e))?;
        }
        let mut relations = Records::new(5);
        for r in &c.relations {
            let values = vec![
                Some(r.kind.clone()),
                Some(r.subject.clone()),
                Some(r.object.clone()),
                r.start.clone(),
                r.end.clone(),
            ];
            relations.push(path, "relation", &r.id, values, to_json(r))?;
        }
        let mut statements = Records::new(2);
        for s in &c.statements {
            statements.push(path, "statement", &s.id, vec![Some(s.speaker.clone()), s.date.clone()], to_json(s))?;
        }
        Ok(Derived { segmentation: to_json(&c.segmentation), mentions, events, relations, statements })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nul_escapes_in_json_only() {
        assert!(json_has_nul(r#"{"text":"a\u0000b"}"#));
        assert!(!json_has_nul(r#"{"text":"a\\u0000b"}"#), "a literal backslash before u0000");
        assert!(json_has_nul(r#"{"text":"a\\\u0000b"}"#));
        assert!(!json_has_nul(r#"{"text":"u0000"}"#));
    }

    #[test]
    fn lock_keys_are_stable() {
        assert_eq!(lock_key(""), 0xcbf2_9ce4_8422_2325_u64 as i64);
        assert_ne!(lock_key("path:a.txt"), lock_key("path:b.txt"));
    }
}
