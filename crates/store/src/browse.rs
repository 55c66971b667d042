//! Read-only queries for browsing a store page by page (the web UI).
//!
//! Everything here only reads. User input reaches SQL as bound parameters;
//! table and column names come from constants.

use crate::{
    doc_summary, escape_like, sqlite_or, Conn, DocSummary, Locator, RecordTable, Result, Store, StoreError,
    DOC_SUMMARY_SELECT,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// A page of the document list. `text` matches title, outlet, author, path, id or body (case-insensitive
/// for ASCII).
#[derive(Clone, Debug, Default)]
pub struct DocQuery {
    pub text: Option<String>,
    /// Also list versions superseded by a later ingest of the same input.
    pub include_superseded: bool,
    /// Newest publication date first instead of ingest order.
    pub by_published: bool,
    pub limit: usize,
    pub offset: usize,
}

/// One page of documents and how many match in all.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DocPage {
    pub total: i64,
    pub documents: Vec<DocSummary>,
}

/// Filters for one record table. Empty fields do not filter; a filter that does not apply to the
/// table (a place for relations, a modality for statements) is an error of the caller and is ignored.
#[derive(Clone, Debug, Default)]
pub struct RecordQuery {
    /// Document id or unique prefix; records of superseded versions are listed only with it.
    pub doc: Option<String>,
    /// Event types, relation types or statement forms (any of them; case-insensitive).
    pub kinds: Vec<String>,
    /// Substring of a source, target, subject, object or speaker name or actor id, or of `reported_by`.
    pub actor: Option<String>,
    /// Substring of the event place name or the statement venue.
    pub place: Option<String>,
    /// asserted, reported, negated, hypothetical (events and relations).
    pub modality: Option<String>,
    /// Records whose date interval overlaps `[from, to]`; `to` = `2016-05` includes all of May.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Substring of the sentence (events, relations) or of the quoted text (statements).
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One page of records as their stored exchange JSON, and how many match in all.
#[derive(Clone, Debug)]
pub struct RecordPage {
    pub total: i64,
    pub records: Vec<String>,
}

/// Sorts after every date string with the same prefix ("2016-05" + this >= "2016-05-31").
pub(crate) const DATE_MAX: char = '\u{10ffff}';

impl Store {
    /// Opens an existing store for reading only: a missing file is an error (never created), an older
    /// schema is migrated first, then the connection refuses writes (`PRAGMA query_only`; on
    /// PostgreSQL `default_transaction_read_only`). `path` may also be a `postgres://` URL.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        Locator::from_path(path).open_for_reading()
    }

    pub(crate) fn open_sqlite_for_reading(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.to_owned(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        let mut store = Store { conn: Conn::Sqlite(conn), path: path.to_owned() };
        store.migrate()?;
        if let Some(conn) = store.sqlite() {
            conn.pragma_update(None, "query_only", "ON").map_err(open_err)?;
        }
        Ok(store)
    }

    /// Documents matching `q`, one page, with the total count.
    pub fn search_documents(&self, q: &DocQuery) -> Result<DocPage> {
        let conn = sqlite_or!(self, pg => pg.search_documents(q));
        let mut sql = String::from(" FROM documents d WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        if !q.include_superseded {
            sql.push_str(" AND d.current = 1");
        }
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let like = format!("%{}%", escape_like(text.trim()));
            sql.push_str(" AND (");
            for (i, col) in ["d.title", "d.outlet", "d.author", "d.path", "d.id", "d.text"].iter().enumerate() {
                if i > 0 {
                    sql.push_str(" OR ");
                }
                sql.push_str(&format!("{col} LIKE ? ESCAPE '\\'"));
                args.push(Value::Text(like.clone()));
            }
            sql.push(')');
        }
        let total: i64 =
            conn.query_row(&format!("SELECT count(*){sql}"), rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let order = if q.by_published {
            " ORDER BY d.published IS NULL, d.published DESC, d.ingested_seq"
        } else {
            " ORDER BY d.ingested_seq"
        };
        let page_sql = format!("{DOC_SUMMARY_SELECT}{sql}{order} LIMIT ? OFFSET ?");
        args.push(Value::Integer(q.limit.min(i64::MAX as usize) as i64));
        args.push(Value::Integer(q.offset.min(i64::MAX as usize) as i64));
        let mut stmt = conn.prepare(&page_sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), doc_summary)?;
        Ok(DocPage { total, documents: rows.collect::<rusqlite::Result<Vec<_>>>()? })
    }

    /// Records of one table matching `q`, one page ordered by date (undated last), then document and
    /// text order, with the total count.
    pub fn query_records(&self, table: RecordTable, q: &RecordQuery) -> Result<RecordPage> {
        let conn = sqlite_or!(self, pg => pg.query_records(table, q));
        let mut w = Where::default();
        let name = table.name();
        match &q.doc {
            Some(d) => w.cond("(t.doc = ? OR t.doc LIKE ? ESCAPE '\\')", [d.clone(), format!("{}%", escape_like(d))]),
            None => w.cond("d.current = 1", []),
        }
        let kinds: Vec<String> = q.kinds.iter().map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect();
        if !kinds.is_empty() {
            let col = if table == RecordTable::Statements { "json_extract(t.json, '$.form')" } else { "t.type" };
            let marks = vec!["?"; kinds.len()].join(", ");
            w.cond(&format!("lower({col}) IN ({marks})"), kinds);
        }
        if let Some(a) = nonblank(&q.actor) {
            let like = format!("%{}%", escape_like(a));
            let any = |path: &str| {
                format!("EXISTS (SELECT 1 FROM json_each(t.json, '{path}') WHERE value LIKE ? ESCAPE '\\')")
            };
            let one = |path: &str| format!("json_extract(t.json, '{path}') LIKE ? ESCAPE '\\'");
            let parts: Vec<String> = match table {
                RecordTable::Events => vec![
                    any("$.source"),
                    any("$.target"),
                    any("$.source_ids"),
                    any("$.target_ids"),
                    one("$.reported_by"),
                ],
                RecordTable::Relations => vec![
                    one("$.subject"),
                    one("$.object"),
                    one("$.subject_id"),
                    one("$.object_id"),
                    one("$.reported_by"),
                ],
                RecordTable::Statements => vec![one("$.speaker"), one("$.speaker_id"), one("$.role")],
            };
            let n = parts.len();
            w.cond(&format!("({})", parts.join(" OR ")), vec![like; n]);
        }
        if let Some(p) = nonblank(&q.place) {
            let col = match table {
                RecordTable::Events => Some("t.place"),
                RecordTable::Statements => Some("json_extract(t.json, '$.venue')"),
                RecordTable::Relations => None,
            };
            if let Some(col) = col {
                w.cond(&format!("{col} LIKE ? ESCAPE '\\'"), [format!("%{}%", escape_like(p))]);
            }
        }
        if let Some(m) = nonblank(&q.modality) {
            if table != RecordTable::Statements {
                w.cond("json_extract(t.json, '$.modality') = lower(?)", [m.to_owned()]);
            }
        }
        // (first, last) date of the record as SQL expressions.
        let (first, last) = match table {
            RecordTable::Events => ("t.date_start", "coalesce(json_extract(t.json, '$.date.end'), t.date_start)"),
            RecordTable::Relations => ("t.start", "t.end"),
            RecordTable::Statements => ("t.date", "t.date"),
        };
        let (from, to) = (nonblank(&q.from), nonblank(&q.to));
        if from.is_some() || to.is_some() {
            if table == RecordTable::Relations {
                // An open interval holds from its start or until its end; undated relations never match.
                w.cond("coalesce(t.start, t.end) IS NOT NULL", []);
                if let Some(to) = to {
                    w.cond("(t.start IS NULL OR t.start <= ?)", [format!("{to}{DATE_MAX}")]);
                }
                if let Some(from) = from {
                    w.cond(&format!("(t.end IS NULL OR t.end || '{DATE_MAX}' >= ?)"), [from.to_owned()]);
                }
            } else {
                w.cond(&format!("{first} IS NOT NULL"), []);
                if let Some(to) = to {
                    w.cond(&format!("{first} <= ?"), [format!("{to}{DATE_MAX}")]);
                }
                if let Some(from) = from {
                    w.cond(&format!("{last} || '{DATE_MAX}' >= ?"), [from.to_owned()]);
                }
            }
        }
        if let Some(text) = nonblank(&q.text) {
            let path = if table == RecordTable::Statements { "$.text" } else { "$.sentence" };
            w.cond(&format!("json_extract(t.json, '{path}') LIKE ? ESCAPE '\\'"), [format!("%{}%", escape_like(text))]);
        }
        let from_sql = format!(" FROM {name} t JOIN documents d ON d.id = t.doc WHERE {}", w.sql);
        let total: i64 =
            conn.query_row(&format!("SELECT count(*){from_sql}"), rusqlite::params_from_iter(w.args.iter()), |r| {
                r.get(0)
            })?;
        let date = if table == RecordTable::Relations { "coalesce(t.start, t.end)" } else { first };
        let sql = format!(
            "SELECT t.json{from_sql} ORDER BY {date} IS NULL, {date}, d.ingested_seq,
                json_extract(t.json, '$.provenance.span.start'), t.id LIMIT ? OFFSET ?"
        );
        let mut args = w.args;
        args.push(Value::Integer(q.limit.min(i64::MAX as usize) as i64));
        args.push(Value::Integer(q.offset.min(i64::MAX as usize) as i64));
        let mut stmt = conn.prepare(&sql)?;
        let records = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(RecordPage { total, records })
    }

    /// The event types, relation types or statement forms of current documents, with their counts,
    /// most frequent first.
    pub fn record_kinds(&self, table: RecordTable) -> Result<Vec<(String, i64)>> {
        let conn = sqlite_or!(self, pg => pg.record_kinds(table));
        let col = if table == RecordTable::Statements { "json_extract(t.json, '$.form')" } else { "t.type" };
        let sql = format!(
            "SELECT {col} AS k, count(*) FROM {} t JOIN documents d ON d.id = t.doc
             WHERE d.current = 1 AND k IS NOT NULL GROUP BY k ORDER BY count(*) DESC, k",
            table.name()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

pub(crate) fn nonblank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A conjunction of conditions with anonymous `?` parameters, bound in order of appearance.
#[derive(Default)]
struct Where {
    sql: String,
    args: Vec<Value>,
}

impl Where {
    fn cond(&mut self, sql: &str, args: impl IntoIterator<Item = String>) {
        if !self.sql.is_empty() {
            self.sql.push_str(" AND ");
        }
        self.sql.push_str(sql);
        self.args.extend(args.into_iter().map(Value::Text));
    }
}
