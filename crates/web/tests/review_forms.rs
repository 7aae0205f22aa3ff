//! Reviews from the workbench: refused without `--allow-review`; with it, only after a sign-in
//! with the token, and only from a form bearing the session's CSRF token; the review reaches the
//! hook with the signed-in author and the form's fields.

use annalist_model::Incident;
use annalist_store::Store;
use serde_json::json;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};

mod common;
use common::{parse_reply, serve, Reply};

const TOKEN: &str = "review-token";

fn store(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("annalist-web-review-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("r.db");
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db).unwrap();
    let inc: Incident = serde_json::from_value(json!({
        "id": "inc_one", "event_type": "bombing", "date_start": "2024-01-03", "date_end": "2024-01-03",
        "country": "IR", "place": "Kerman", "lat": 30.28, "lon": 57.08, "perpetrators": [],
        "killed": {"low": 3, "high": 3}, "sources": ["doc-a", "doc-b"], "independent_sources": 2,
        "claims": [], "conflicts": [],
    }))
    .unwrap();
    store.replace_incidents(&[inc]).unwrap();
    db
}

fn request(addr: SocketAddr, method: &str, path: &str, extra: &str, body: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse_reply(&String::from_utf8_lossy(&raw))
}

#[test]
fn a_read_only_workbench_takes_no_review() {
    let addr = serve(annalist_web::AppState::open(&store("ro"), None).unwrap());
    assert_eq!(request(addr, "GET", "/review/login", "", "").status, 403);
    assert_eq!(request(addr, "POST", "/review/login", "", &format!("token={TOKEN}&author=ana")).status, 403);
    assert_eq!(request(addr, "POST", "/incidents/inc_one/review", "", "action=mark").status, 403);
    let page = request(addr, "GET", "/incidents/inc_one", "", "");
    assert!(!page.body.contains("Sign in to review") && !page.body.contains("form-set"), "{}", page.body);
}

#[test]
fn a_review_needs_the_token_sign_in_and_the_sessions_csrf_token() {
    let seen: Arc<Mutex<Vec<annalist_review::Request>>> = Arc::default();
    let hook = seen.clone();
    let review = annalist_web::Review {
        token: TOKEN.into(),
        run: Arc::new(move |_db: &std::path::Path, req: annalist_review::Request| {
            hook.lock().unwrap().push(req.clone());
            Ok(annalist_review::Outcome { message: "ok".into(), incident: req.incident })
        }),
    };
    let addr = serve(annalist_web::AppState::open(&store("rw"), None).unwrap().with_review(review));
    assert!(request(addr, "GET", "/incidents/inc_one", "", "").body.contains("Sign in to review"));
    assert_eq!(request(addr, "POST", "/incidents/inc_one/review", "", "action=mark").status, 403, "not signed in");
    assert_eq!(request(addr, "POST", "/review/login", "", "token=wrong&author=ana").status, 401);
    let signed = request(addr, "POST", "/review/login", "", &format!("token={TOKEN}&author=ana"));
    assert_eq!(signed.status, 303);
    let cookie_line = signed.head.lines().find(|l| l.to_ascii_lowercase().starts_with("set-cookie:")).unwrap();
    assert!(cookie_line.contains("HttpOnly") && cookie_line.contains("SameSite=Strict"), "{cookie_line}");
    let cookie = cookie_line.split_once(':').unwrap().1.split(';').next().unwrap().trim().to_string();
    let with_cookie = format!("Cookie: {cookie}\r\n");
    let page = request(addr, "GET", "/incidents/inc_one", &with_cookie, "");
    assert!(page.body.contains("id=\"form-split\"") && page.body.contains("value=\"doc-b\""), "{}", page.body);
    let csrf = page.body.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let forged = request(addr, "POST", "/incidents/inc_one/review", &with_cookie, "csrf=0000&action=mark");
    assert_eq!(forged.status, 403, "a form without the session's token is refused");
    let other_session = "Cookie: annalist_review=guess\r\n";
    assert_eq!(
        request(addr, "POST", "/incidents/inc_one/review", other_session, &format!("csrf={csrf}&action=mark")).status,
        403
    );
    assert!(seen.lock().unwrap().is_empty());
    let body = format!("csrf={csrf}&action=set&field=killed&value=4-5&note=coroner");
    let done = request(addr, "POST", "/incidents/inc_one/review", &with_cookie, &body);
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.head.contains("/incidents/inc_one"), "{}", done.head);
    let split = format!("csrf={csrf}&action=split&documents=doc-b");
    assert_eq!(request(addr, "POST", "/incidents/inc_one/review", &with_cookie, &split).status, 303);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!((seen[0].author.as_str(), seen[0].action.as_str()), ("ana", "set"));
    assert_eq!(
        (seen[0].field.as_deref(), seen[0].value.as_deref(), seen[0].note.as_deref()),
        (Some("killed"), Some("4-5"), Some("coroner"))
    );
    assert_eq!(seen[1].documents, ["doc-b"]);
}
