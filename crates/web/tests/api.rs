//! The API and pages against a real server on loopback: answers, filters, bad requests (unknown
//! ids, malformed filters, huge queries) as 4xx JSON, script in article text shown as text, and
//! SQL injection attempts through every filter answered as plain values.

use annalist_model::{content_hash, Article, Claim, Field, Incident, Relevance, Sentence, Span};
use annalist_store::{ArticleRecord, Store};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;

mod common;
use common::{parse_reply, Reply};

const EVIL: &str = "<script>alert('pwned')</script>";

fn article(id: &str, outlet: &str, title: &str, text: &str) -> Article {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(Sentence { span: Span::new(start, i + 1), paragraph: 0 });
        start = i + 2;
    }
    sentences.push(Sentence { span: Span::new(start, text.len()), paragraph: 0 });
    Article {
        id: id.into(),
        url: Some(format!("https://example.org/{id}")),
        outlet: Some(outlet.into()),
        title: Some(title.into()),
        published: NaiveDate::from_ymd_opt(2024, 1, 4),
        language: Some("en".into()),
        text: text.into(),
        reading: None,
        paragraphs: vec![Span::new(0, text.len())],
        sentences,
        content_hash: content_hash(text.as_bytes()),
    }
}

fn claim(field: Field, value: &str, doc: &Article, sentence: &str) -> Claim {
    let start = doc.text.find(sentence).expect("sentence in text");
    Claim {
        field,
        value: value.into(),
        document: doc.id.clone(),
        outlet: doc.outlet.clone(),
        published: doc.published,
        quote: sentence.into(),
        start,
        end: start + sentence.len(),
    }
}

/// An incident from its JSON form: fields the model gains later (with serde defaults) need no
/// edit here.
fn incident(v: Value) -> Incident {
    serde_json::from_value(v).expect("an incident")
}

struct Server {
    addr: SocketAddr,
    _dir: PathBuf,
}

/// One server for all tests, on a store built here.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("annalist-web-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("t.db");
        let _ = std::fs::remove_file(&db);
        let mut store = Store::open(&db).unwrap();
        let a = article(
            "wire-1",
            "Example Wire",
            "Blasts near shrine in Kerman",
            "Two bombs exploded near the shrine in Kerman on Wednesday. At least 95 people were killed. Officials said 211 were wounded.",
        );
        let b = article(
            "paper-2",
            "Daily Paper",
            &format!("Kerman toll {EVIL}"),
            &format!("The toll rose to 103 killed in Kerman. A reader wrote {EVIL} in the comments. Islamic State claimed the attack."),
        );
        let c = article("copy-3", "Reprint Herald", "Blasts near shrine in Kerman", &a.text);
        let decided = Some(Relevance { reported: true, score: 0.93 });
        // paper-2 tells of a Quetta shooting in passing
        let mut passing = annalist_model::EventFrame::new(
            "paper-2",
            annalist_model::EventType::ArmedAssault,
            Span::new(0, 3),
            Span::new(0, 38),
            "The toll rose to 103 killed in Kerman.",
        );
        passing.telling = annalist_model::Telling::Background;
        for (art, dup, relevance) in [(&a, None, decided), (&b, None, None), (&c, Some("wire-1"), decided)] {
            let frames = if art.id == "paper-2" { vec![passing.clone()] } else { vec![] };
            store
                .save_batch(&[ArticleRecord {
                    article: art.clone(),
                    origin: format!("{}.txt", art.id),
                    duplicate_of: dup.map(str::to_string),
                    sketch: vec![],
                    relevance,
                    frames,
                }])
                .unwrap();
        }
        let claims = vec![
            claim(Field::Killed, "95+", &a, "At least 95 people were killed."),
            claim(Field::Killed, "103", &b, "The toll rose to 103 killed in Kerman."),
            claim(Field::Killed, "95+", &c, "At least 95 people were killed."),
            claim(Field::Wounded, "211", &a, "Officials said 211 were wounded."),
            claim(Field::Perpetrator, "Islamic State (claimed)", &b, "Islamic State claimed the attack."),
            claim(Field::Attribution, "claimed: Islamic State", &b, "Islamic State claimed the attack."),
            claim(Field::Place, format!("Kerman {EVIL}").as_str(), &b, &format!("A reader wrote {EVIL} in the comments.")),
        ];
        let kerman = incident(json!({
            "id": "inc_kerman", "event_type": "bombing", "date_start": "2024-01-03", "date_end": "2024-01-03",
            "country": "IR", "place": "Kerman", "lat": 30.28, "lon": 57.08,
            "perpetrators": [{"name": "Islamic State", "status": "claimed"}],
            "killed": {"low": 95, "high": 103}, "wounded": {"low": 211, "high": 211},
            "sources": ["copy-3", "paper-2", "wire-1"], "independent_sources": 2,
            "claims": claims,
            "conflicts": [{"field": "killed", "note": "sources give 95+ and 103"}],
        }));
        let other = incident(json!({
            "id": "inc_other", "event_type": "armed_assault", "date_start": "2022-10-26", "date_end": "2022-10-26",
            "country": "PK", "place": "Quetta", "lat": 30.18, "lon": 66.99, "perpetrators": [],
            "killed": {"low": 4, "high": 4}, "sources": ["paper-2"], "independent_sources": 1,
            "claims": [], "conflicts": [], "mentioned_in": ["paper-2"],
        }));
        store.replace_incidents(&[kerman, other]).unwrap();
        drop(store);

        Server { addr: spawn_server(&db), _dir: dir }
    })
}

fn spawn_server(db: &std::path::Path) -> SocketAddr {
    common::serve(annalist_web::AppState::open(db, None).unwrap())
}

impl Reply {
    fn json(&self) -> Value {
        assert!(
            self.head.to_ascii_lowercase().contains("content-type: application/json"),
            "not JSON: {}\n{}",
            self.head,
            self.body
        );
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", self.body))
    }
    fn error(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        let v = self.json();
        assert_eq!(v["error"]["status"], status, "{v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
        v
    }
}

fn request(method: &str, path: &str, extra: &str, body: &str) -> Reply {
    request_at(server().addr, method, path, extra, body)
}

fn request_at(addr: SocketAddr, method: &str, path: &str, extra: &str, body: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse_reply(&String::from_utf8(raw).expect("UTF-8 reply"))
}

fn get(path: &str) -> Reply {
    request("GET", path, "", "")
}

fn ids(v: &Value) -> Vec<String> {
    v["incidents"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_ledger_lists_filters_sorts_and_pages() {
    let r = get("/api/incidents");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["total"], 2);
    assert_eq!(ids(&v), ["inc_kerman", "inc_other"], "newest first by default");
    let k = &v["incidents"][0];
    assert_eq!(k["killed"]["low"], 95);
    assert_eq!(k["killed"]["high"], 103);
    assert_eq!(k["conflicts"][0], "killed");
    assert_eq!(k["perpetrators"][0]["actor"], "is");
    assert_eq!(k["sources"], 3);
    assert_eq!(ids(&get("/api/incidents?country=pk").json()), ["inc_other"]);
    assert_eq!(ids(&get("/api/incidents?type=bombing").json()), ["inc_kerman"]);
    assert_eq!(ids(&get("/api/incidents?actor=Islamic%20State").json()), ["inc_kerman"]);
    assert_eq!(ids(&get("/api/incidents?from=2023-01-01").json()), ["inc_kerman"]);
    assert_eq!(ids(&get("/api/incidents?to=2023-01-01").json()), ["inc_other"]);
    assert_eq!(ids(&get("/api/incidents?min_killed=50").json()), ["inc_kerman"]);
    assert_eq!(ids(&get("/api/incidents?q=quetta").json()), ["inc_other"]);
    assert_eq!(ids(&get("/api/incidents?q=tolls%20killing").json()), ["inc_kerman"], "words of a quote, stemmed");
    assert_eq!(ids(&get("/api/incidents?q=claims").json()), ["inc_kerman"], "who claimed it, stemmed");
    assert!(ids(&get("/api/incidents?q=shrine").json()).is_empty(), "a word of the article that no evidence quotes");
    let search = get("/search?q=tolls");
    assert!(search.body.contains("1 incident matches") && search.body.contains("href=\"/incidents/inc_kerman\""));
    assert!(search.body.contains("1 article match"), "the articles still searched");
    assert_eq!(ids(&get("/api/incidents?sort=killed&order=asc").json()), ["inc_other", "inc_kerman"]);
    let page = get("/api/incidents?limit=1&offset=1").json();
    assert_eq!((page["total"].as_u64(), ids(&page)), (Some(2), vec!["inc_other".to_string()]));
}

#[test]
fn an_incident_comes_with_claims_quotes_conflicts_and_sources() {
    let v = get("/api/incidents/inc_kerman").json();
    let killed = v["fields"].as_array().unwrap().iter().find(|f| f["field"] == "killed").unwrap();
    assert_eq!(killed["disputed"], true);
    let quotes: Vec<&str> = killed["claims"].as_array().unwrap().iter().map(|c| c["quote"].as_str().unwrap()).collect();
    assert!(quotes.contains(&"The toll rose to 103 killed in Kerman."), "{quotes:?}");
    assert_eq!(v["sources"].as_array().unwrap().len(), 3);
    assert_eq!(v["related"][0]["id"], "inc_other");
    let d = get("/api/documents/wire-1").json();
    let ev = &d["evidence"][0];
    let (s, e) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
    assert_eq!(&d["text"].as_str().unwrap()[s..e], ev["quote"].as_str().unwrap());
    let a = get("/api/actors/is").json();
    assert_eq!(a["name"], "Islamic State");
    assert!(a["aliases"].as_array().unwrap().iter().any(|x| x == "Daesh"));
    assert_eq!(a["incidents"][0]["id"], "inc_kerman");
    assert_eq!(a["claims"][0]["quote"], "Islamic State claimed the attack.");
    let s = get("/api/search?q=shrine%20kerman").json();
    assert_eq!(s["total"], 2, "the wire story and its copy");
    assert!(s["hits"][0]["snippet"].as_array().unwrap().iter().any(|seg| seg["match"] == true));
    let api = get("/api/openapi.json").json();
    assert!(api["paths"]["/api/incidents"]["get"]["parameters"].is_array());
}

#[test]
fn unknown_ids_and_paths_are_404_json() {
    get("/api/incidents/inc_nope").error(404);
    get("/api/incidents/inc_k").error(404); // no prefix matching in the API
    get("/api/documents/nope").error(404);
    get("/api/actors/nobody-at-all").error(404);
    get("/api/nothing/here").error(404);
    let page = get("/incidents/inc_nope");
    assert_eq!(page.status, 404);
    assert!(page.body.contains("no incident with id"));
    request("POST", "/api/incidents", "", "").error(405);
}

#[test]
fn malformed_filters_are_400_json_naming_the_parameter() {
    for (q, name) in [
        ("country=Iran", "country"),
        ("type=bomb", "type"),
        ("from=2024-13-01", "from"),
        ("to=yesterday", "to"),
        ("min_killed=many", "min_killed"),
        ("min_killed=-3", "min_killed"),
        ("limit=0", "limit"),
        ("limit=5000", "limit"),
        ("offset=x", "offset"),
        ("sort=evil", "sort"),
        ("order=sideways", "order"),
        ("colour=red", "colour"),
        ("q=a&q=b", "q"),
        ("from=2024-02-01&to=2024-01-01", "from"),
    ] {
        let v = get(&format!("/api/incidents?{q}")).error(400);
        assert!(v["error"]["message"].as_str().unwrap().contains(name), "{q}: {v}");
    }
    get("/api/search").error(400);
    get("/api/incidents/inc_kerman?x=1").error(400);
    let page = get("/?country=Iran");
    assert_eq!(page.status, 400);
    assert!(page.head.contains("text/html"));
}

#[test]
fn huge_queries_are_refused_with_json() {
    let long = "a".repeat(300);
    get(&format!("/api/incidents?q={long}")).error(400);
    get(&format!("/api/search?q={long}")).error(400);
    let huge = "k".repeat(20_000);
    get(&format!("/api/incidents?q={huge}")).error(414);
    get(&format!("/api/search?q={huge}")).error(414);
    get(&format!("/api/incidents/{huge}")).error(400);
}

#[test]
fn what_an_article_tells_in_passing_is_shown_on_its_page_and_on_the_incident() {
    let page = get("/documents/paper-2").body;
    assert!(page.contains("<h2>Told in passing</h2>"), "{page}");
    assert!(page.contains("armed_assault · undated · no place"), "{page}");
    assert!(!get("/documents/wire-1").body.contains("Told in passing"));
    let d = get("/api/documents/paper-2").json();
    assert_eq!(d["told_in_passing"][0]["telling"], "background", "{d}");
    assert!(get("/incidents/inc_other").body.contains("told in passing</span>"));
    assert!(!get("/incidents/inc_kerman").body.contains("told in passing</span>"));
}

#[test]
fn a_document_page_shows_the_document_decision() {
    assert!(get("/documents/wire-1").body.contains("Reports an incident (score 0.93)."));
    // stored before the decision existed
    assert!(get("/documents/paper-2").body.contains("Not decided whether it reports an incident"));
}

#[test]
fn script_in_article_text_is_shown_as_text() {
    for path in ["/incidents/inc_kerman", "/documents/paper-2", "/search?q=reader", "/actors/is", "/"] {
        let r = get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(!r.body.contains("<script"), "{path} carries a live script tag");
        assert!(!r.body.contains("alert('pwned')"), "{path} carries the raw payload");
        assert!(r.head.contains("script-src") || r.head.contains("default-src 'none'"), "{path}: no CSP");
    }
    let r = get("/incidents/inc_kerman");
    assert!(r.body.contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"), "the payload shown as text");
    // the API gives the text as it is (JSON-encoded), for clients to escape
    let d = get("/api/documents/paper-2").json();
    assert!(d["text"].as_str().unwrap().contains(EVIL));
}

#[test]
fn sql_injection_through_every_filter_is_a_plain_value() {
    let attacks = [
        "' OR '1'='1",
        "'; DROP TABLE incidents; --",
        "\" OR 1=1 --",
        "%' --",
        "IR' UNION SELECT json FROM incidents --",
    ];
    for a in attacks {
        let e = enc(a);
        for param in ["actor", "q"] {
            let r = get(&format!("/api/incidents?{param}={e}"));
            assert_eq!(r.status, 200, "{param}={a}: {}", r.body);
            assert_eq!(r.json()["total"], 0, "{param}={a}");
        }
        for param in ["country", "type", "from", "to", "min_killed", "sort", "order", "limit", "offset"] {
            get(&format!("/api/incidents?{param}={e}")).error(400);
        }
        let s = get(&format!("/api/search?q={e}"));
        assert_eq!(s.status, 200, "{}", s.body);
        for path in ["incidents", "documents", "actors"] {
            get(&format!("/api/{path}/{e}")).error(404);
        }
    }
    assert_eq!(get("/api/incidents").json()["total"], 2, "the ledger is intact");
}

#[test]
fn pages_render_with_links_and_svg() {
    let ledger = get("/?country=IR");
    assert_eq!(ledger.status, 200);
    assert!(ledger.body.contains("href=\"/incidents/inc_kerman\""));
    assert!(!ledger.body.contains("inc_other\""));
    let page = get("/incidents/inc_kerman");
    assert!(page.body.contains("sources disagree"));
    assert!(page.body.contains("<mark class=\"quote\""));
    assert!(page.body.contains("syndicated cop"), "the copy is folded");
    assert!(
        page.body.contains("id=\"f-attribution\"") && page.body.contains("1 statement of who did it"),
        "the attribution ledger has its own section"
    );
    assert!(page.body.contains("claimed: Islamic State"));
    let map = get("/map");
    assert!(map.body.contains("<svg class=\"map\"") && map.body.contains("data-iso=\"IR\""));
    assert!(map.body.contains("class=\"dot\""));
    let timeline = get("/timeline");
    assert!(timeline.body.contains("<svg class=\"timeline\"") && timeline.body.contains("data-id=\"inc_kerman\""));
    assert_eq!(get("/assets/style.css").status, 200);
    assert_eq!(get("/nowhere").status, 404);
}

#[test]
fn a_cached_answer_is_dropped_when_the_ledger_changes() {
    let dir = std::env::temp_dir().join(format!("annalist-web-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("c.db");
    let _ = std::fs::remove_file(&db);
    let one = |id: &str| {
        incident(json!({
            "id": id, "event_type": "bombing", "date_start": "2024-01-03", "date_end": "2024-01-03",
            "country": "IR", "perpetrators": [], "sources": [], "independent_sources": 0, "claims": [], "conflicts": [],
        }))
    };
    let mut store = Store::open(&db).unwrap();
    store.replace_incidents(&[one("first")]).unwrap();
    let addr = spawn_server(&db);
    let list = || request_at(addr, "GET", "/api/incidents?country=IR", "", "").json();
    assert_eq!(ids(&list()), ["first"]);
    assert_eq!(ids(&list()), ["first"], "answered again (from the cache)");
    // another process re-ingests: the next answer is the new ledger
    store.replace_incidents(&[one("second")]).unwrap();
    assert_eq!(ids(&list()), ["second"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_request_under_a_foreign_host_name_is_refused() {
    // DNS rebinding: evil.example resolving to 127.0.0.1 must not read the ledger
    let addr = server().addr;
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /api/incidents HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n", addr.port())
        .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 421"), "{raw}");
    assert!(raw.contains("\"status\":421"), "{raw}");
    assert_eq!(request_at(addr, "GET", "/api/incidents?limit=1", "", "").status, 200);
}

#[test]
fn ingest_is_refused_unless_enabled() {
    request("POST", "/api/ingest", "Authorization: Bearer x\r\n", "{}").error(403);
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
