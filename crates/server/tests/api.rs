//! The web UI's APIs over a small store written here, driven through the router without a socket.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use sitrep_model::{
    DatePrecision, DateRange, DocMeta, Document, Event, Mention, Modality, Paragraph, ParagraphKind, PartialDate,
    Provenance, Relation, Removed, Segmentation, Sentence, Span, Statement,
};
use sitrep_store::{Coded, Store};
use tower::ServiceExt;

const HOSTILE: &str = "<script>alert(\"pwned\")</script><img src=x onerror='alert(1)'>";

/// A document with a removed title, two paragraphs and a share bar, and one record of each kind.
fn fixture() -> (Document, Coded) {
    let text = format!(
        "Strike near Tal Rifaat\n\nRussian jets struck {HOSTILE} positions near Tal Rifaat on 3 May 2016. \
         Liwa al-Example joined Jaish al-Fateh in May 2016.\n\n\"We won't stop & we won't <b>wait</b>,\" \
         said the commander.\n\nShare this article"
    );
    let find = |needle: &str| {
        let start = text.find(needle).expect("needle in fixture");
        Span::new(start, start + needle.len())
    };
    let p1 = Span::new(find("Russian").start, find("May 2016.\n").start + "May 2016.".len());
    let s1 = Span::new(p1.start, find("2016. Liwa").start + 5);
    let s2 = Span::new(find("Liwa").start, p1.end);
    let p2 = Span::new(find("\"We").start, find("commander.").end);
    let doc_id = "doc_00000000000000aa".to_owned();
    let prov = |sentence_index, sentence_span, span, rule: &str| Provenance {
        doc: doc_id.clone(),
        sentence_index,
        sentence_span,
        span,
        rule: rule.to_owned(),
    };
    let mention = |needle: &str, actor: Option<&str>, name: &str| Mention {
        span: find(needle),
        actor: actor.map(str::to_owned),
        name: name.to_owned(),
        rule: if actor.is_some() { "alias" } else { "unknown-candidate" }.to_owned(),
        sector: None,
    };
    let doc = Document {
        id: doc_id.clone(),
        meta: DocMeta {
            path: "fixtures/strike.txt".into(),
            title: Some(format!("Strike {HOSTILE}")),
            outlet: Some("Test Wire".into()),
            published: PartialDate::parse_iso("2016-05-04"),
            language: "en".into(),
            format: "txt".into(),
            ..DocMeta::default()
        },
        text: text.clone(),
        removed: vec![
            Removed { span: find("Strike near Tal Rifaat"), reason: "title".into() },
            Removed { span: find("Share this article"), reason: "share-bar".into() },
        ],
    };
    let coded = Coded {
        segmentation: Segmentation {
            paragraphs: vec![
                Paragraph { index: 0, span: p1, kind: ParagraphKind::Text, speaker_label: None },
                Paragraph { index: 1, span: p2, kind: ParagraphKind::Text, speaker_label: None },
            ],
            sentences: vec![
                Sentence { index: 0, paragraph: 0, span: s1 },
                Sentence { index: 1, paragraph: 0, span: s2 },
                Sentence { index: 2, paragraph: 1, span: p2 },
            ],
        },
        mentions: vec![
            mention("Russian", Some("russia"), "Russia"),
            mention("Liwa al-Example", None, "Liwa al-Example"),
            mention("Jaish al-Fateh", Some("jaish_al_fateh"), "Jaish al-Fateh"),
        ],
        events: vec![Event {
            id: "ev_1".into(),
            doc: doc_id.clone(),
            sentence: s1.slice(&text).to_owned(),
            kind: "ASSAULT".into(),
            mode: Some("aerial".into()),
            cameo: Some("195".into()),
            source: vec!["Russia".into()],
            target: vec![],
            place: None,
            date: Some(DateRange {
                start: "2016-05-03".into(),
                end: "2016-05-03".into(),
                precision: DatePrecision::Day,
            }),
            modality: Modality::Asserted,
            reported_by: None,
            source_ids: vec![Some("russia".into())],
            target_ids: vec![],
            provenance: prov(0, s1, find("struck"), "event:assault.strike"),
            diagnostics: vec![],
        }],
        relations: vec![Relation {
            id: "rel_1".into(),
            doc: doc_id.clone(),
            sentence: s2.slice(&text).to_owned(),
            kind: "member_of".into(),
            subject: "Liwa al-Example".into(),
            object: "Jaish al-Fateh".into(),
            start: Some("2016-05".into()),
            end: None,
            modality: Modality::Asserted,
            reported_by: None,
            subject_id: None,
            object_id: Some("jaish_al_fateh".into()),
            provenance: prov(1, s2, find("joined"), "relation:member_of.join"),
            diagnostics: vec![],
        }],
        statements: vec![Statement {
            id: "stmt_1".into(),
            doc: doc_id.clone(),
            speaker: "the commander".into(),
            speaker_id: None,
            role: None,
            date: Some("2016-05-04".into()),
            venue: None,
            text: "We won't stop & we won't <b>wait</b>,".into(),
            form: "direct".into(),
            verification: None,
            provenance: prov(2, p2, find("We won't stop & we won't <b>wait</b>,"), "said-quote"),
        }],
    };
    (doc, coded)
}

fn app() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ui.db");
    let mut store = Store::open(&db).unwrap();
    let (doc, coded) = fixture();
    let batch = store.batch().unwrap();
    batch.put(&doc, &coded).unwrap();
    batch.commit().unwrap();
    drop(store);
    let router = sitrep_server::router(&db).unwrap();
    (dir, router)
}

struct Answer {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = axum::body::to_bytes(resp.into_body(), 50 << 20).await.unwrap();
    Answer { status, content_type, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn documents_are_listed_and_searched() {
    let (_dir, app) = app();
    let a = get(&app, "/api/documents").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["documents"][0]["outlet"], "Test Wire");
    assert_eq!(v["documents"][0]["events"], 1);
    assert_eq!(v["documents"][0]["relations"], 1);
    assert_eq!(v["documents"][0]["statements"], 1);
    assert_eq!(get(&app, "/api/documents?q=tal%20rifaat").await.json()["total"], 1);
    assert_eq!(get(&app, "/api/documents?q=Test+Wire&sort=published").await.json()["total"], 1);
    assert_eq!(get(&app, "/api/documents?q=nowhere").await.json()["total"], 0);
    // LIKE wildcards in the search are literal characters.
    assert_eq!(get(&app, "/api/documents?q=%25").await.json()["total"], 0);
    let stats = get(&app, "/api/stats").await.json();
    assert_eq!((stats["documents"].as_i64(), stats["mentions"].as_i64()), (Some(1), Some(3)));
}

#[tokio::test]
async fn hostile_text_is_returned_as_data_never_as_markup() {
    let (_dir, app) = app();
    let a = get(&app, "/api/documents/doc_00000000000000aa").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.content_type, "application/json");
    assert_eq!(a.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    let csp = a.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let v = a.json();
    // The title and the text come back verbatim as JSON strings: the page puts them in text nodes.
    assert_eq!(v["document"]["title"].as_str().unwrap(), format!("Strike {HOSTILE}"));
    let mut body_text = String::new();
    for block in v["blocks"].as_array().unwrap() {
        for piece in block["pieces"].as_array().unwrap() {
            body_text.push_str(piece["t"].as_str().unwrap());
        }
    }
    assert!(body_text.contains(HOSTILE), "{body_text}");
    assert!(body_text.contains("won't <b>wait</b>"));
    assert_eq!(v["statements"][0]["record"]["text"], "We won't stop & we won't <b>wait</b>,");
    assert_eq!(v["statements"][0]["span_text"], "We won't stop & we won't <b>wait</b>,");

    // The HTML shell is the same for every page and carries no document data at all.
    for page in ["/", "/doc/doc_00000000000000aa", "/events?actor=%3Cscript%3E"] {
        let html = get(&app, page).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.content_type.starts_with("text/html"));
        assert!(!html.body.contains("pwned") && !html.body.contains("Tal Rifaat"), "{page}");
        assert!(!html.body.contains("<script>"), "no inline script in {page}");
    }
    // The script never assigns markup.
    let js = get(&app, "/static/app.js").await.body;
    assert!(!js.contains(".innerHTML") && !js.contains("outerHTML") && !js.contains("insertAdjacentHTML"));

    // Hostile text in a request is echoed, if at all, inside JSON.
    let e = get(&app, "/api/%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(e.status, StatusCode::NOT_FOUND);
    assert_eq!(e.content_type, "application/json");
    assert!(e.json()["error"].is_string());
}

#[tokio::test]
async fn document_view_marks_mentions_records_and_boilerplate() {
    let (_dir, app) = app();
    // A unique prefix finds the document too.
    let v = get(&app, "/api/documents/doc_0000").await.json();
    let blocks = v["blocks"].as_array().unwrap();
    let kinds: Vec<&str> = blocks.iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["removed", "paragraph", "paragraph", "removed"]);
    assert_eq!(blocks[0]["reason"], "title");
    assert_eq!(blocks[3]["reason"], "share-bar");
    let marks = v["marks"].as_array().unwrap();
    // The piece "struck" carries the event trigger and the event sentence, and belongs to sentence 0.
    let struck = blocks[1]["pieces"].as_array().unwrap().iter().find(|p| p["t"] == "struck").expect("struck piece");
    assert_eq!(struck["s"], 0);
    let roles: Vec<(String, String)> = struck["m"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let m = &marks[i.as_u64().unwrap() as usize];
            (m["kind"].as_str().unwrap().to_owned(), m["role"].as_str().unwrap().to_owned())
        })
        .collect();
    assert!(roles.contains(&("event".into(), "trigger".into())), "{roles:?}");
    assert!(roles.contains(&("event".into(), "sentence".into())), "{roles:?}");
    let russian = blocks[1]["pieces"].as_array().unwrap().iter().find(|p| p["t"] == "Russian").unwrap();
    let m = &marks[russian["m"][0].as_u64().unwrap() as usize];
    assert_eq!((m["kind"].as_str(), m["index"].as_u64()), (Some("mention"), Some(0)));
    assert_eq!(v["mentions"][1]["actor"], Value::Null);
    // Records keep their stored key order and carry their provenance text.
    assert_eq!(v["events"][0]["span_text"], "struck");
    assert!(v["relations"][0]["sentence_text"].as_str().unwrap().starts_with("Liwa al-Example joined"));
    let raw = get(&app, "/api/documents/doc_00000000000000aa").await.body;
    let rec = raw.find("\"record\":{\"id\":\"ev_1\",\"doc\"");
    assert!(rec.is_some(), "exchange key order kept");

    let missing = get(&app, "/api/documents/doc_ffff").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"].as_str().unwrap().contains("no such document"));
    let bad = get(&app, "/api/documents/doc%27%20OR%201=1").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn record_tables_filter() {
    let (_dir, app) = app();
    let total = |uri: &'static str| {
        let app = app.clone();
        async move {
            let a = get(&app, uri).await;
            assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
            a.json()["total"].as_i64().unwrap()
        }
    };
    assert_eq!(total("/api/events").await, 1);
    assert_eq!(total("/api/events?actor=russia").await, 1);
    assert_eq!(total("/api/events?actor=Fateh").await, 0, "the actor filter reads actors, not the sentence");
    assert_eq!(total("/api/events?type=assault&modality=asserted").await, 1);
    assert_eq!(total("/api/events?type=PROTEST").await, 0);
    assert_eq!(total("/api/events?from=2016-05-03&to=2016-05-03").await, 1);
    assert_eq!(total("/api/events?from=2016-05-04").await, 0);
    assert_eq!(total("/api/events?to=2016-05").await, 1);
    assert_eq!(total("/api/events?text=TAL+RIFAAT").await, 1);
    assert_eq!(total("/api/events?doc=doc_0000").await, 1);
    assert_eq!(total("/api/relations?actor=jaish_al_fateh&type=member_of").await, 1);
    assert_eq!(total("/api/relations?from=2016-06").await, 1, "an open interval holds after its start");
    assert_eq!(total("/api/relations?to=2016-04").await, 0);
    assert_eq!(total("/api/statements?actor=commander&type=direct").await, 1);
    assert_eq!(total("/api/statements?text=%3Cb%3Ewait").await, 1);
    assert_eq!(total("/api/statements?text=%25").await, 0);
    let page = get(&app, "/api/events?limit=1&offset=1").await.json();
    assert_eq!((page["total"].as_i64(), page["records"].as_array().map(Vec::len)), (Some(1), Some(0)));
    let kinds = get(&app, "/api/kinds").await.json();
    assert_eq!(kinds["events"][0]["kind"], "ASSAULT");
    assert_eq!(kinds["statements"][0]["kind"], "direct");
}

#[tokio::test]
async fn alliance_graph_holds_at_a_date() {
    let (_dir, app) = app();
    let g = get(&app, "/api/graph?date=2016-05-10").await.json();
    assert_eq!(g["edges"].as_array().unwrap().len(), 1);
    assert_eq!(g["edges"][0]["type"], "member_of");
    assert_eq!(g["edges"][0]["target"], "jaish_al_fateh");
    assert_eq!(g["edges"][0]["source"], "name:Liwa al-Example");
    assert_eq!(g["edges"][0]["records"][0]["sentence_index"], 1);
    assert_eq!(g["range"]["min"], "2016-05");
    assert_eq!(g["nodes"].as_array().unwrap().len(), 2);
    let before = get(&app, "/api/graph?date=2016-04-30").await.json();
    assert_eq!(before["edges"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let (_dir, app) = app();
    let check = |a: &Answer, status: StatusCode| {
        assert_eq!(a.status, status, "{}", a.body);
        assert_eq!(a.content_type, "application/json");
        assert!(a.json()["error"].as_str().is_some_and(|m| !m.is_empty()));
    };
    check(&get(&app, "/api/events?from=May").await, StatusCode::BAD_REQUEST);
    check(&get(&app, "/api/events?limit=999999").await, StatusCode::BAD_REQUEST);
    check(&get(&app, "/api/events?limit=-1").await, StatusCode::BAD_REQUEST);
    check(&get(&app, "/api/events?modality=certain").await, StatusCode::BAD_REQUEST);
    check(&get(&app, "/api/relations?place=Aleppo").await, StatusCode::BAD_REQUEST);
    check(&get(&app, "/api/events?actor=a&actor=b").await, StatusCode::BAD_REQUEST);
    let long_param = format!("/api/events?actor={}", "x".repeat(300));
    check(&get(&app, &long_param).await, StatusCode::BAD_REQUEST);
    let long_query = format!("/api/events?text={}", "y".repeat(5000));
    check(&get(&app, &long_query).await, StatusCode::URI_TOO_LONG);
    check(&get(&app, "/api/nothing").await, StatusCode::NOT_FOUND);
    let post = Request::post("/api/events").header(header::HOST, "localhost:8080").body(Body::from("x")).unwrap();
    check(&send(&app, post).await, StatusCode::METHOD_NOT_ALLOWED);
    // A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) is refused.
    let rebound = Request::get("/api/documents").header(header::HOST, "evil.example:8080").body(Body::empty()).unwrap();
    check(&send(&app, rebound).await, StatusCode::FORBIDDEN);
    for host in ["localhost:8080", "127.0.0.1", "[::1]:8080"] {
        let ok = Request::get("/api/stats").header(header::HOST, host).body(Body::empty()).unwrap();
        assert_eq!(send(&app, ok).await.status, StatusCode::OK, "{host}");
    }
}

#[test]
fn a_missing_store_is_an_error_not_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("absent.db");
    let err = sitrep_server::router(&db).expect_err("refused");
    assert!(err.to_string().contains("no store"), "{err}");
    assert!(!db.exists());
}

#[test]
fn serves_on_a_real_socket() {
    use std::io::{Read, Write};
    let (dir, _) = app();
    let server = sitrep_server::Server::bind(&dir.path().join("ui.db"), "127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(stream, "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"documents\":1"), "{answer}");
}
