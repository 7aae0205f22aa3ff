//! Readers while an ingest writes: `annalist serve` (API and pages), `annalist incidents`,
//! `annalist export` and `annalist show` keep answering from the last committed batch, and none
//! fails with "database is locked" (WAL, a busy timeout, no write on a reader's way in).

mod common;

use common::{annalist, ok, scratch, write_corpus};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("the server accepts");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

#[test]
fn readers_answer_while_an_ingest_writes() {
    let n: usize = std::env::var("ANNALIST_CONCURRENT_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let dir = scratch("concurrent");
    let corpus = write_corpus(&dir, n);
    let db = dir.join("c.db");
    let db_arg = db.to_str().unwrap();
    // a first small ingest, so that there is a store to serve
    let first: Vec<String> = (0..30).map(|i| corpus.join(format!("report-{i:05}.txt")).display().to_string()).collect();
    let mut args = vec!["ingest", "--quiet", "--db", db_arg];
    args.extend(first.iter().map(String::as_str));
    ok(&args);
    let some_id = ok(&["export", "--db", db_arg, "--what", "incidents"])
        .lines()
        .next()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .and_then(|v| v["id"].as_str().map(str::to_string))
        .expect("an incident after the first ingest");

    let mut server = Command::new(common::bin())
        .args(["serve", "--db", db_arg, "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));

    let mut ingest = Command::new(common::bin())
        .args(["ingest", "--quiet", "--db", db_arg, corpus.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    let (mut rounds, mut requests, mut commands) = (0, 0, 0);
    let mut seen_counts = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    while ingest.try_wait().unwrap().is_none() {
        for path in [
            "/api/incidents?limit=5",
            "/api/incidents?country=AF&sort=killed",
            "/api/incidents?q=market",
            "/api/search?q=Kabul",
            &format!("/api/incidents/{some_id}"),
            "/",
            "/timeline",
            "/map",
        ] {
            let (status, text) = http_get(addr, path);
            requests += 1;
            if status != 200 || text.contains("locked") {
                failures.push(format!("GET {path}: {status} {}", text.chars().take(300).collect::<String>()));
            }
        }
        for args in [
            vec!["incidents", "--db", db_arg],
            vec!["export", "--db", db_arg, "--what", "incidents"],
            vec!["export", "--db", db_arg, "--what", "documents"],
            vec!["show", "--db", db_arg, &some_id],
        ] {
            let out = annalist(&args);
            commands += 1;
            let stderr = String::from_utf8_lossy(&out.stderr);
            if !out.status.success() || stderr.contains("locked") {
                failures.push(format!("annalist {args:?}: {stderr}"));
            }
            if args.last() == Some(&"documents") {
                seen_counts.insert(String::from_utf8_lossy(&out.stdout).lines().count());
            }
        }
        rounds += 1;
    }
    let status = ingest.wait().unwrap();
    let mut summary = String::new();
    ingest.stdout.take().unwrap().read_to_string(&mut summary).unwrap();
    server.kill().ok();
    server.wait().ok();
    eprintln!(
        "{rounds} rounds in {:.1?} while the ingest ran: {requests} requests, {commands} commands, {} failed; document counts seen: {seen_counts:?}",
        t.elapsed(),
        failures.len()
    );
    assert!(status.success(), "the ingest failed beside the readers");
    assert!(summary.contains(&format!("read {n} documents")), "{summary}");
    assert!(failures.is_empty(), "readers failed during the ingest:\n{}", failures.join("\n"));
    assert!(rounds >= 2, "the ingest ended before the readers could run");
    assert!(seen_counts.len() >= 2, "the readers saw the ingest progress: {seen_counts:?}");
    std::fs::remove_dir_all(&dir).ok();
}
