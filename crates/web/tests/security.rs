//! The server's guards against a hostile client: the write endpoint behind its token (body read
//! only after the token is checked, never past the limit), configurable request limits, markup
//! and SQL sent through the filters of every page answered as plain values, never a 500.

use annalist_model::{content_hash, Article, Incident, Sentence, Span};
use annalist_store::{ArticleRecord, Store};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex, OnceLock};

mod common;
use common::{parse_reply, Reply};

const TOKEN: &str = "s3cret-token";
const MAX_BODY: usize = 4096;
const MAX_QUERY: usize = 1000;
const EVIL: &str = "<script>alert('pwned')</script>";

struct Server {
    addr: SocketAddr,
    /// The bodies the ingest hook was called with.
    posted: Arc<Mutex<Vec<Vec<u8>>>>,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        // the limits are read once per process, before the first router is built
        std::env::set_var(annalist_web::ENV_MAX_BODY, MAX_BODY.to_string());
        std::env::set_var(annalist_web::ENV_MAX_QUERY, MAX_QUERY.to_string());
        let dir = std::env::temp_dir().join(format!("annalist-web-security-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("s.db");
        let _ = std::fs::remove_file(&db);
        let mut store = Store::open(&db).unwrap();
        let text = format!("A bomb exploded in Kerman. Someone wrote {EVIL} here.");
        let article = Article {
            id: "evil-doc".into(),
            url: Some("javascript:alert(1)".into()),
            outlet: Some(format!("Outlet {EVIL}")),
            title: Some(format!("Title {EVIL}")),
            published: chrono::NaiveDate::from_ymd_opt(2024, 1, 4),
            language: Some("en".into()),
            paragraphs: vec![Span::new(0, text.len())],
            sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph: 0 }],
            content_hash: content_hash(text.as_bytes()),
            text,
            reading: None,
        };
        store
            .save_batch(&[ArticleRecord {
                article,
                origin: "evil.txt".into(),
                duplicate_of: None,
                sketch: vec![],
                relevance: None,
                frames: vec![],
            }])
            .unwrap();
        let inc: Incident = serde_json::from_value(json!({
            "id": "inc_evil", "event_type": "bombing", "date_start": "2024-01-03", "date_end": "2024-01-03",
            "country": "IR", "place": format!("Kerman {EVIL}"), "lat": 30.28, "lon": 57.08,
            "perpetrators": [{"name": format!("Group {EVIL}"), "status": "claimed"}],
            "killed": {"low": 3, "high": 3}, "sources": ["evil-doc"], "independent_sources": 1,
            "claims": [], "conflicts": [],
        }))
        .unwrap();
        store.replace_incidents(&[inc]).unwrap();
        drop(store);

        let posted = Arc::new(Mutex::new(Vec::new()));
        let seen = posted.clone();
        let ingest = annalist_web::Ingest {
            token: TOKEN.into(),
            run: Arc::new(move |_db: &std::path::Path, body: &[u8]| {
                seen.lock().unwrap().push(body.to_vec());
                Ok("1 document read".to_string())
            }),
        };
        let addr = common::serve(annalist_web::AppState::open(&db, Some(ingest)).unwrap());
        Server { addr, posted }
    })
}

impl Reply {
    fn error(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.head.to_ascii_lowercase().contains("application/json"), "{}", self.head);
        let v: Value = serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body));
        assert_eq!(v["error"]["status"], status);
        v
    }
}

fn request(method: &str, path: &str, extra: &str, body: &[u8]) -> Reply {
    let addr = server().addr;
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    // the server may answer and close before the whole body is sent (refused early)
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse_reply(&String::from_utf8_lossy(&raw))
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn posted_count() -> usize {
    server().posted.lock().unwrap().len()
}

#[test]
fn ingest_needs_the_exact_bearer_token_and_a_body_within_the_limit() {
    let line = br#"{"id":"x","text":"A bomb exploded."}"#;
    let before = posted_count();
    request("POST", "/api/ingest", "", line).error(401);
    request("POST", "/api/ingest", "Authorization: Bearer wrong\r\n", line).error(401);
    request("POST", "/api/ingest", &format!("Authorization: bearer {TOKEN}\r\n"), line).error(401);
    request("POST", "/api/ingest", &format!("Authorization: Bearer {TOKEN}x\r\n"), line).error(401);
    request("POST", "/api/ingest", &format!("Authorization: Basic {TOKEN}\r\n"), line).error(401);
    // over the limit: refused with a clear message, with the token or without (then unread)
    let big = vec![b'a'; MAX_BODY + 1];
    let e = request("POST", "/api/ingest", &format!("Authorization: Bearer {TOKEN}\r\n"), &big).error(413);
    let message = e["error"]["message"].as_str().unwrap();
    assert!(message.contains(&MAX_BODY.to_string()) && message.contains("ANNALIST_MAX_BODY_BYTES"), "{message}");
    request("POST", "/api/ingest", "", &big).error(401);
    assert_eq!(posted_count(), before, "the hook ran for a refused request");
    let ok = request("POST", "/api/ingest", &format!("Authorization: Bearer {TOKEN}\r\n"), line);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(server().posted.lock().unwrap().iter().any(|b| b == line));
    // exactly at the limit is accepted
    let at = vec![b' '; MAX_BODY];
    assert_eq!(request("POST", "/api/ingest", &format!("Authorization: Bearer {TOKEN}\r\n"), &at).status, 200);
    // no other method writes
    for method in ["PUT", "DELETE", "PATCH"] {
        let r = request(method, "/api/ingest", &format!("Authorization: Bearer {TOKEN}\r\n"), line);
        assert!(r.status == 405 || r.status == 404, "{method}: {}", r.status);
    }
    assert_eq!(request("POST", "/api/incidents", "", b"").status, 405);
}

#[test]
fn the_query_length_limit_comes_from_the_environment() {
    let at = format!("q={}", "a".repeat(MAX_QUERY - 2));
    assert_eq!(request("GET", &format!("/api/search?{at}"), "", b"").status, 400, "q over 200 chars: 400, not 414");
    let over = format!("q={}", "a".repeat(MAX_QUERY - 1));
    let e = request("GET", &format!("/api/incidents?{over}"), "", b"").error(414);
    assert!(e["error"]["message"].as_str().unwrap().contains(&MAX_QUERY.to_string()));
    assert_eq!(request("GET", &format!("/?{over}"), "", b"").status, 414);
}

#[test]
fn markup_in_stored_fields_and_in_the_query_is_shown_as_text_on_every_page() {
    let e = enc(EVIL);
    let pages = [
        "/".to_string(),
        "/incidents/inc_evil".into(),
        "/documents/evil-doc".into(),
        "/timeline".into(),
        "/map".into(),
        format!("/search?q={e}"),
        "/search?q=Kerman".to_string(),
        format!("/?actor={e}"),
        format!("/?q={e}"),
        format!("/?country={e}"),
        format!("/timeline?type={e}"),
        format!("/map?from={e}"),
        format!("/actors/{e}"),
        format!("/documents/{e}"),
        format!("/incidents/{e}"),
        format!("/nowhere/{e}"),
    ];
    for path in pages {
        let r = request("GET", &path, "", b"");
        assert!(r.status < 500, "{path}: {}", r.status);
        assert!(!r.body.contains("<script"), "{path} carries a live script tag:\n{}", r.body);
        assert!(!r.body.contains("alert('pwned')"), "{path} carries the raw payload");
        assert!(!r.body.contains("href=\"javascript:"), "{path} links to javascript:");
    }
}

#[test]
fn sql_sent_through_every_filter_of_every_route_is_a_plain_value() {
    let attacks = [
        "' OR '1'='1",
        "'; DROP TABLE incidents; --",
        "\" OR 1=1 --",
        "%' --",
        "IR' UNION SELECT json FROM incidents --",
        "kerman\" OR \"",
        "*",
        "NEAR(a b)",
        "a AND OR NOT",
        "\\",
        "\0",
    ];
    let filters = ["country", "type", "actor", "from", "to", "min_killed", "q", "sort", "order", "limit", "offset"];
    for a in attacks {
        let e = enc(a);
        for route in ["/api/incidents", "/", "/timeline", "/map"] {
            for f in filters {
                let r = request("GET", &format!("{route}?{f}={e}"), "", b"");
                assert!(r.status == 200 || r.status == 400, "{route}?{f}={a}: {} {}", r.status, r.body);
            }
        }
        for route in ["/api/search", "/search"] {
            for f in ["q", "limit", "offset"] {
                let r = request("GET", &format!("{route}?{f}={e}"), "", b"");
                assert!(r.status == 200 || r.status == 400, "{route}?{f}={a}: {} {}", r.status, r.body);
            }
        }
    }
    let ledger = request("GET", "/api/incidents", "", b"");
    assert!(ledger.body.contains("\"total\":1"), "the ledger is intact: {}", ledger.body);
}
