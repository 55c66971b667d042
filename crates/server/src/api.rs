//! Routes, request checks and the JSON APIs.

use crate::{assets, docview, Pool};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use sitrep_store::{DocQuery, RecordQuery, RecordTable, Store, StoreError};
use std::sync::Arc;

/// Longest query string accepted (bytes); longer requests are refused before any work.
pub const MAX_QUERY: usize = 2048;
/// Longest request path accepted (bytes).
pub const MAX_PATH: usize = 512;
/// Longest value of one query parameter (characters).
pub const MAX_PARAM: usize = 200;
/// Most rows one page may ask for.
pub const MAX_LIMIT: usize = 5000;
/// Largest offset accepted.
pub const MAX_OFFSET: usize = 10_000_000;
const DEFAULT_LIMIT: usize = 100;
/// Relation types drawn in the alliance graph.
pub const GRAPH_TYPES: [&str; 3] = ["member_of", "allied_with", "backed_by"];
/// Most relations the graph reads.
const GRAPH_MAX_RELATIONS: usize = 20_000;

type Shared = Arc<Pool>;

pub(crate) fn routes(pool: Shared) -> Router {
    let page = || get(assets::index);
    Router::new()
        .route("/", page())
        .route("/documents", page())
        .route("/doc/{id}", page())
        .route("/events", page())
        .route("/relations", page())
        .route("/statements", page())
        .route("/timeline", page())
        .route("/graph", page())
        .route("/static/app.js", get(assets::script))
        .route("/static/style.css", get(assets::style))
        .route("/api/stats", get(stats))
        .route("/api/kinds", get(kinds))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/relations", get(relations))
        .route("/api/statements", get(statements))
        .route("/api/graph", get(graph))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(guard))
        .with_state(pool)
}

/// An error answered as `{"error": message}` with a status code.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> ApiError {
        ApiError::bad(format!("bad query string: {}", e.body_text()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// Checks every request before routing and adds the security headers to every answer.
async fn guard(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let refusal = if uri.path().len() > MAX_PATH {
        Some(ApiError::new(StatusCode::URI_TOO_LONG, format!("path longer than {MAX_PATH} bytes")))
    } else if uri.query().is_some_and(|q| q.len() > MAX_QUERY) {
        Some(ApiError::new(StatusCode::URI_TOO_LONG, format!("query string longer than {MAX_QUERY} bytes")))
    } else if !host_allowed(req.headers().get(header::HOST)) {
        // A page on another site that points its own name at 127.0.0.1 (DNS rebinding) must not read the store.
        Some(ApiError::new(StatusCode::FORBIDDEN, "Host header must be localhost or an IP address"))
    } else {
        None
    };
    let mut resp = match refusal {
        Some(e) => e.into_response(),
        None => next.run(req).await,
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// `localhost` (and its subdomains) or a literal IP address, with any port; no header at all is fine.
pub fn host_allowed(host: Option<&HeaderValue>) -> bool {
    let Some(host) = host else { return true };
    let Ok(host) = host.to_str() else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        match rest.split_once(']') {
            Some((v6, _)) => return v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

async fn not_found(req: Request) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, format!("no such page or API: {}", clip(req.uri().path(), 100)))
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "only GET is served")
}

/// Runs a store query on a blocking thread with a pooled connection.
async fn blocking<T: Send + 'static>(
    pool: Shared,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(move || pool.with(f)).await {
        Ok(r) => r,
        Err(_) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the query failed unexpectedly")),
    }
}

/// Every query parameter any API takes; each API reads the ones it knows.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    q: Option<String>,
    doc: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    actor: Option<String>,
    place: Option<String>,
    modality: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    date: Option<String>,
    undated: Option<String>,
    all: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

impl Params {
    fn get(value: &Option<String>, name: &str) -> Result<Option<String>, ApiError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) if v.chars().count() > MAX_PARAM => {
                Err(ApiError::bad(format!("{name}: longer than {MAX_PARAM} characters")))
            }
            Some(v) => Ok(Some(v.to_owned())),
        }
    }
    fn date(value: &Option<String>, name: &str) -> Result<Option<String>, ApiError> {
        let v = Params::get(value, name)?;
        match v {
            Some(d) if !is_iso_date(&d) => Err(ApiError::bad(format!("{name}: expected YYYY, YYYY-MM or YYYY-MM-DD"))),
            v => Ok(v),
        }
    }
    fn flag(value: &Option<String>) -> bool {
        matches!(value.as_deref(), Some("1" | "true" | "yes" | "on"))
    }
    fn number(value: &Option<String>, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(ApiError::bad(format!("{name}: expected a whole number from 0 to {max}"))),
            },
        }
    }
    fn page(&self) -> Result<(usize, usize), ApiError> {
        let limit = Params::number(&self.limit, "limit", DEFAULT_LIMIT, MAX_LIMIT)?;
        let offset = Params::number(&self.offset, "offset", 0, MAX_OFFSET)?;
        Ok((limit, offset))
    }
    fn record_query(&self, table: RecordTable) -> Result<RecordQuery, ApiError> {
        let (limit, offset) = self.page()?;
        let modality = Params::get(&self.modality, "modality")?;
        if let Some(m) = &modality {
            if table == RecordTable::Statements {
                return Err(ApiError::bad("modality: statements have none"));
            }
            if !["asserted", "reported", "negated", "hypothetical"].contains(&m.to_lowercase().as_str()) {
                return Err(ApiError::bad("modality: expected asserted, reported, negated or hypothetical"));
            }
        }
        let place = Params::get(&self.place, "place")?;
        if place.is_some() && table == RecordTable::Relations {
            return Err(ApiError::bad("place: relations have no place (use actor for the object)"));
        }
        let doc = Params::get(&self.doc, "doc")?;
        if let Some(d) = &doc {
            check_id(d)?;
        }
        Ok(RecordQuery {
            doc,
            kinds: Params::get(&self.kind, "type")?.into_iter().collect(),
            actor: Params::get(&self.actor, "actor")?,
            place,
            modality,
            from: Params::date(&self.from, "from")?,
            to: Params::date(&self.to, "to")?,
            text: Params::get(&self.text, "text")?,
            limit,
            offset,
        })
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with digits in place.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 100 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        return Err(ApiError::bad("document id: expected letters, digits, '_' or '-' (at most 100)"));
    }
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

async fn stats(State(pool): State<Shared>) -> ApiResult {
    let counts = blocking(pool.clone(), |s| Ok(s.counts()?)).await?;
    let name = pool.locator.short_name();
    Ok(Json(json!({
        "store": name,
        "documents": counts[0],
        "events": counts[1],
        "relations": counts[2],
        "statements": counts[3],
        "mentions": counts[4],
    })))
}

async fn kinds(State(pool): State<Shared>) -> ApiResult {
    blocking(pool, |s| {
        let list = |t| -> Result<Value, ApiError> {
            let kinds = s.record_kinds(t)?;
            Ok(Value::Array(kinds.into_iter().map(|(k, n)| json!({ "kind": k, "count": n })).collect()))
        };
        Ok(Json(json!({
            "events": list(RecordTable::Events)?,
            "relations": list(RecordTable::Relations)?,
            "statements": list(RecordTable::Statements)?,
        })))
    })
    .await
}

async fn documents(State(pool): State<Shared>, params: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let Query(p) = params?;
    let (limit, offset) = p.page()?;
    let sort = Params::get(&p.sort, "sort")?;
    let by_published = match sort.as_deref() {
        None | Some("ingested") => false,
        Some("published") => true,
        Some(_) => return Err(ApiError::bad("sort: expected ingested or published")),
    };
    let q = DocQuery {
        text: Params::get(&p.q, "q")?,
        include_superseded: Params::flag(&p.all),
        by_published,
        limit,
        offset,
    };
    blocking(pool, move |s| {
        let page = s.search_documents(&q)?;
        Ok(Json(json!({ "total": page.total, "limit": limit, "offset": offset, "documents": page.documents })))
    })
    .await
}

async fn document(State(pool): State<Shared>, Path(id): Path<String>) -> Result<Json<docview::View>, ApiError> {
    check_id(&id)?;
    blocking(pool, move |s| match docview::build(s, &id)? {
        Some(v) => Ok(Json(v)),
        None => Err(ApiError::new(StatusCode::NOT_FOUND, "no such document (or the id prefix is ambiguous)")),
    })
    .await
}

type RecordsResult = Result<Json<RecordsPage>, ApiError>;

async fn records(pool: Shared, table: RecordTable, params: Result<Query<Params>, QueryRejection>) -> RecordsResult {
    let Query(p) = params?;
    let q = p.record_query(table)?;
    let (limit, offset) = (q.limit, q.offset);
    blocking(pool, move |s| {
        let page = s.query_records(table, &q)?;
        let records = page.records.iter().map(|r| docview::raw(r)).collect();
        Ok(Json(RecordsPage { total: page.total, limit, offset, records }))
    })
    .await
}

/// A page of records, each as its stored exchange JSON.
#[derive(serde::Serialize)]
struct RecordsPage {
    total: i64,
    limit: usize,
    offset: usize,
    records: Vec<Box<serde_json::value::RawValue>>,
}

async fn events(State(pool): State<Shared>, params: Result<Query<Params>, QueryRejection>) -> RecordsResult {
    records(pool, RecordTable::Events, params).await
}

async fn relations(State(pool): State<Shared>, params: Result<Query<Params>, QueryRejection>) -> RecordsResult {
    records(pool, RecordTable::Relations, params).await
}

async fn statements(State(pool): State<Shared>, params: Result<Query<Params>, QueryRejection>) -> RecordsResult {
    records(pool, RecordTable::Statements, params).await
}

/// The alliance graph: member_of, allied_with and backed_by relations holding at `date`
/// (all of them when no date is given), merged by (type, subject, object).
async fn graph(State(pool): State<Shared>, params: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let Query(p) = params?;
    let date = Params::date(&p.date, "date")?;
    let undated = Params::flag(&p.undated);
    let actor = Params::get(&p.actor, "actor")?;
    let rows = blocking(pool, move |s| {
        let q = RecordQuery {
            kinds: GRAPH_TYPES.iter().map(|t| t.to_string()).collect(),
            actor,
            limit: GRAPH_MAX_RELATIONS,
            ..RecordQuery::default()
        };
        Ok(s.query_records(RecordTable::Relations, &q)?)
    })
    .await?;
    Ok(Json(crate::docview::graph(&rows.records, date.as_deref(), undated, rows.total)))
}
