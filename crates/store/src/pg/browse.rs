//! `browse.rs` on PostgreSQL: the same pages, filters and order, condition for condition.

use super::{clamp, doc_summary, like, PgStore, JSONB, SPAN_START};
use crate::browse::{nonblank, DATE_MAX};
use crate::{escape_like, DocPage, DocQuery, RecordPage, RecordQuery, RecordTable, Result, DOC_SUMMARY_SELECT};
use postgres::types::ToSql;

/// A conjunction of conditions whose text parameters are numbered `$1`, `$2`, ... in order.
#[derive(Default)]
pub(super) struct Where {
    sql: String,
    args: Vec<String>,
}

impl Where {
    /// Adds a text parameter and returns its placeholder.
    pub(super) fn param(&mut self, value: String) -> String {
        self.args.push(value);
        format!("${}::text", self.args.len())
    }

    pub(super) fn cond(&mut self, sql: &str) {
        if !self.sql.is_empty() {
            self.sql.push_str(" AND ");
        }
        self.sql.push_str(sql);
    }

    pub(super) fn sql(&self) -> &str {
        if self.sql.is_empty() {
            "TRUE"
        } else {
            &self.sql
        }
    }

    pub(super) fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
    }
}

impl PgStore {
    pub(crate) fn search_documents(&self, q: &DocQuery) -> Result<DocPage> {
        let mut w = Where::default();
        if !q.include_superseded {
            w.cond("d.current = 1");
        }
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            let p = w.param(format!("%{}%", escape_like(text.trim())));
            let any: Vec<String> =
                ["d.title", "d.outlet", "d.author", "d.path", "d.id", "d.text"].iter().map(|c| like(c, &p)).collect();
            w.cond(&format!("({})", any.join(" OR ")));
        }
        let params = w.params();
        let total: i64 = self
            .client()?
            .query_one(&format!("SELECT count(*) FROM documents d WHERE {}", w.sql()), &params)?
            .try_get(0)?;
        let order = if q.by_published {
            r#"d.published IS NULL, d.published COLLATE "C" DESC, d.ingested_seq"#
        } else {
            "d.ingested_seq"
        };
        let n = params.len();
        let sql = format!(
            "{DOC_SUMMARY_SELECT} FROM documents d WHERE {} ORDER BY {order} LIMIT ${} OFFSET ${}",
            w.sql(),
            n + 1,
            n + 2
        );
        let (limit, offset) = (clamp(q.limit), clamp(q.offset));
        let mut params = params;
        params.push(&limit);
        params.push(&offset);
        let documents = self.query(&sql, &params)?.iter().map(doc_summary).collect::<Result<Vec<_>>>()?;
        Ok(DocPage { total, documents })
    }

    pub(crate) fn query_records(&self, table: RecordTable, q: &RecordQuery) -> Result<RecordPage> {
        let mut w = Where::default();
        match &q.doc {
            Some(d) => {
                let (exact, prefix) = (w.param(d.clone()), w.param(format!("{}%", escape_like(d))));
                w.cond(&format!("(t.doc = {exact} OR {})", like("t.doc", &prefix)));
            }
            None => w.cond("d.current = 1"),
        }
        let kinds: Vec<String> = q.kinds.iter().map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect();
        if !kinds.is_empty() {
            let col = if table == RecordTable::Statements { "x.j ->> 'form'" } else { "t.type" };
            let marks: Vec<String> = kinds.into_iter().map(|k| w.param(k)).collect();
            w.cond(&format!("lower(({col}) COLLATE \"C\") IN ({})", marks.join(", ")));
        }
        if let Some(a) = nonblank(&q.actor) {
            let p = w.param(format!("%{}%", escape_like(a)));
            // Any element of an array (SQLite's json_each: the values of an object, a scalar itself).
            let any = |key: &str| {
                let v = format!("x.j -> '{key}'");
                format!(
                    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE jsonb_typeof({v}) WHEN 'array' THEN {v} \
                     WHEN 'object' THEN (SELECT jsonb_agg(o.value) FROM jsonb_each({v}) o) ELSE jsonb_build_array({v}) END) \
                     AS e(value) WHERE {})",
                    like("e.value", &p)
                )
            };
            let one = |key: &str| like(&format!("x.j ->> '{key}'"), &p);
            let parts: Vec<String> = match table {
                RecordTable::Events => {
                    vec![any("source"), any("target"), any("source_ids"), any("target_ids"), one("reported_by")]
                }
                RecordTable::Relations => {
                    vec![one("subject"), one("object"), one("subject_id"), one("object_id"), one("reported_by")]
                }
                RecordTable::Statements => vec![one("speaker"), one("speaker_id"), one("role")],
            };
            w.cond(&format!("({})", parts.join(" OR ")));
        }
        if let Some(place) = nonblank(&q.place) {
            let col = match table {
                RecordTable::Events => Some("t.place"),
                RecordTable::Statements => Some("x.j ->> 'venue'"),
                RecordTable::Relations => None,
            };
            if let Some(col) = col {
                let p = w.param(format!("%{}%", escape_like(place)));
                w.cond(&like(col, &p));
            }
        }
        if let Some(m) = nonblank(&q.modality) {
            if table != RecordTable::Statements {
                let p = w.param(m.to_owned());
                w.cond(&format!("(x.j ->> 'modality') = lower({p} COLLATE \"C\")"));
            }
        }
        // (first, last) date of the record as SQL expressions.
        let (first, last) = match table {
            RecordTable::Events => ("t.date_start", "coalesce(x.j #>> '{date,end}', t.date_start)"),
            RecordTable::Relations => ("t.start", r#"t."end""#),
            RecordTable::Statements => ("t.date", "t.date"),
        };
        let (from, to) = (nonblank(&q.from), nonblank(&q.to));
        if from.is_some() || to.is_some() {
            if table == RecordTable::Relations {
                // An open interval holds from its start or until its end; undated relations never match.
                w.cond(r#"coalesce(t.start, t."end") IS NOT NULL"#);
                if let Some(to) = to {
                    let p = w.param(format!("{to}{DATE_MAX}"));
                    w.cond(&format!("(t.start IS NULL OR t.start COLLATE \"C\" <= {p})"));
                }
                if let Some(from) = from {
                    let p = w.param(from.to_owned());
                    w.cond(&format!("(t.\"end\" IS NULL OR (t.\"end\" || '{DATE_MAX}') COLLATE \"C\" >= {p})"));
                }
            } else {
                w.cond(&format!("{first} IS NOT NULL"));
                if let Some(to) = to {
                    let p = w.param(format!("{to}{DATE_MAX}"));
                    w.cond(&format!("{first} COLLATE \"C\" <= {p}"));
                }
                if let Some(from) = from {
                    let p = w.param(from.to_owned());
                    w.cond(&format!("({last} || '{DATE_MAX}') COLLATE \"C\" >= {p}"));
                }
            }
        }
        if let Some(text) = nonblank(&q.text) {
            let key = if table == RecordTable::Statements { "text" } else { "sentence" };
            let p = w.param(format!("%{}%", escape_like(text)));
            w.cond(&like(&format!("x.j ->> '{key}'"), &p));
        }
        let from_sql = format!(" FROM {} t JOIN documents d ON d.id = t.doc {JSONB} WHERE {}", table.name(), w.sql());
        let params = w.params();
        let total: i64 = self.client()?.query_one(&format!("SELECT count(*){from_sql}"), &params)?.try_get(0)?;
        let date = if table == RecordTable::Relations { r#"coalesce(t.start, t."end")"# } else { first };
        let n = params.len();
        let sql = format!(
            "SELECT t.json{from_sql} ORDER BY {date} IS NULL, {date} COLLATE \"C\" NULLS FIRST, d.ingested_seq,
                {SPAN_START} NULLS FIRST, t.id COLLATE \"C\" LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let (limit, offset) = (clamp(q.limit), clamp(q.offset));
        let mut params = params;
        params.push(&limit);
        params.push(&offset);
        let records = super::strings(&self.query(&sql, &params)?)?;
        Ok(RecordPage { total, records })
    }

    pub(crate) fn record_kinds(&self, table: RecordTable) -> Result<Vec<(String, i64)>> {
        let col = if table == RecordTable::Statements { "t.json::jsonb ->> 'form'" } else { "t.type" };
        let sql = format!(
            r#"SELECT k, count(*) FROM (
                 SELECT ({col}) COLLATE "C" AS k FROM {} t JOIN documents d ON d.id = t.doc WHERE d.current = 1
               ) s WHERE k IS NOT NULL GROUP BY k ORDER BY count(*) DESC, k"#,
            table.name()
        );
        self.query(&sql, &[])?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }
}
