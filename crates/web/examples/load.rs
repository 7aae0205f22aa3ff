//! Load run for the workbench API: builds a store with N synthetic incidents (10,000 by default),
//! serves it on a loopback port in this process, and drives `GET /api/incidents` from C keep-alive
//! connections for D seconds, printing requests per second and latency percentiles. With `wrk`
//! on the PATH it also runs wrk against the same server, for a second opinion.
//!
//!     cargo run --release -p annalist-web --example load -- [--incidents 10000] [--connections 32] [--seconds 10] [--no-cache]
//!
//! `--no-cache` turns off the server's response cache, so every request runs the store query.
//! `--db PATH` serves an existing store instead (kept): point it at a store that an
//! `annalist ingest` is writing to measure readers beside a writer; non-200 answers are counted.
//!
//! `--idle N` first opens N idle connections that send half a request and then nothing (from
//! loopback addresses 127.0.0.2 and up, 50 each, within the server's per-client cap), holds
//! them through the measured run, then counts how many the server closed (its header-read
//! timeout is 10 s): the figure is the p99 of normal requests beside them. Raise the file limit
//! first (`ulimit -n 30000`).
//!
//! Bounded: loopback only, a fixed duration, a temporary store removed at the end.

use annalist_model::{Claim, EventType, Field, Incident};
use annalist_store::Store;
use chrono::NaiveDate;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const COUNTRIES: [(&str, f64, f64); 8] = [
    ("IR", 32.0, 53.0),
    ("PK", 30.0, 70.0),
    ("AF", 33.0, 65.0),
    ("IQ", 33.0, 44.0),
    ("SY", 35.0, 38.0),
    ("NG", 10.0, 8.0),
    ("ML", 17.0, -4.0),
    ("SO", 6.0, 46.0),
];
const ACTORS: [&str; 5] =
    ["Islamic State", "Islamic State Khorasan Province", "Jaish al-Adl", "Boko Haram", "al-Shabaab"];

/// A small deterministic generator (xorshift), so every run measures the same ledger.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn synthetic(n: usize) -> Vec<Incident> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let types =
        [EventType::Bombing, EventType::ArmedAssault, EventType::Kidnapping, EventType::Arrest, EventType::Airstrike];
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let (country, lat, lon) = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
            let day = first + chrono::Duration::days(rng.below(9000) as i64);
            let killed = rng.below(120);
            let wounded = rng.below(300);
            let docs: Vec<String> = (0..1 + rng.below(4)).map(|k| format!("doc-{i}-{k}")).collect();
            let actor = ACTORS[rng.below(ACTORS.len() as u64) as usize];
            let quote = format!("At least {killed} people were killed and {wounded} wounded in the attack.");
            let claims: Vec<Claim> = docs
                .iter()
                .enumerate()
                .flat_map(|(k, d)| {
                    let k_value = if k == 1 { killed + 3 } else { killed };
                    [
                        Claim {
                            field: Field::Killed,
                            value: k_value.to_string(),
                            document: d.clone(),
                            outlet: Some(format!("Outlet {k}")),
                            published: Some(day),
                            quote: quote.clone(),
                            start: 0,
                            end: quote.len(),
                        },
                        Claim {
                            field: Field::Perpetrator,
                            value: format!("{actor} (claimed)"),
                            document: d.clone(),
                            outlet: Some(format!("Outlet {k}")),
                            published: Some(day),
                            quote: format!("{actor} claimed the attack."),
                            start: 0,
                            end: 10,
                        },
                    ]
                })
                .collect();
            let disputed = docs.len() > 1;
            let incident = serde_json::json!({
                "id": format!("inc_{i:012x}"),
                "event_type": types[rng.below(types.len() as u64) as usize],
                "date_start": day.to_string(),
                "date_end": day.to_string(),
                "country": country,
                "place": format!("Town {}", rng.below(400)),
                "lat": lat + (rng.below(400) as f64 - 200.0) / 100.0,
                "lon": lon + (rng.below(400) as f64 - 200.0) / 100.0,
                "perpetrators": [{"name": actor, "status": "claimed"}],
                "killed": {"low": killed, "high": killed + if disputed { 3 } else { 0 }},
                "wounded": {"low": wounded, "high": wounded},
                "independent_sources": docs.len(),
                "sources": docs,
                "claims": claims,
                "conflicts": if disputed { serde_json::json!([{"field": "killed", "note": "sources differ by 3"}]) } else { serde_json::json!([]) },
            });
            // built from JSON so that fields the model gains later (with defaults) need no edit here
            serde_json::from_value::<Incident>(incident).expect("a synthetic incident")
        })
        .collect()
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name} wants a number")))
        .unwrap_or(default)
}

/// One keep-alive connection sending `path` until `until`; latencies in microseconds.
fn drive(addr: SocketAddr, path: &str, until: Instant) -> (Vec<u32>, usize) {
    let stream = TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).ok();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let mut lat = Vec::with_capacity(100_000);
    let mut errors = 0;
    let mut line = String::new();
    let mut body = Vec::new();
    while Instant::now() < until {
        let t = Instant::now();
        writer.write_all(request.as_bytes()).expect("send");
        let mut len = 0usize;
        line.clear();
        reader.read_line(&mut line).expect("status");
        if !line.starts_with("HTTP/1.1 200") {
            errors += 1;
        }
        loop {
            line.clear();
            reader.read_line(&mut line).expect("header");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        body.resize(len, 0);
        reader.read_exact(&mut body).expect("body");
        lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
    }
    (lat, errors)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn run(addr: SocketAddr, path: &str, connections: usize, seconds: u64) {
    let until = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let handles: Vec<_> = (0..connections)
        .map(|_| {
            let path = path.to_string();
            std::thread::spawn(move || drive(addr, &path, until))
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().unwrap();
        all.extend(l);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort_unstable();
    println!(
        "GET {path}: {} requests in {secs:.1} s from {connections} connections: {:.0} requests/s; latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {errors} non-200",
        all.len(),
        all.len() as f64 / secs,
        percentile(&all, 0.50),
        percentile(&all, 0.90),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
    );
}

fn main() -> anyhow::Result<()> {
    let n = arg("--incidents", 10_000) as usize;
    let connections = arg("--connections", 32) as usize;
    let seconds = arg("--seconds", 10);
    let dir = std::env::temp_dir().join(format!("annalist-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let given = std::env::args().skip_while(|a| a != "--db").nth(1).map(std::path::PathBuf::from);
    let db = given.clone().unwrap_or_else(|| dir.join("load.db"));
    if given.is_none() {
        let t = Instant::now();
        let mut store = Store::open(&db)?;
        store.replace_incidents(&synthetic(n))?;
        println!("stored {n} synthetic incidents in {:.1} s", t.elapsed().as_secs_f64());
    } else {
        println!("serving the store {} as it is", db.display());
    }
    {
        // the store's share of one request, measured alone on this thread
        let store = Store::open(&db)?;
        for (label, q) in [
            ("default page", annalist_store::IncidentQuery { limit: 50, descending: true, ..Default::default() }),
            (
                "country=IR, by killed",
                annalist_store::IncidentQuery {
                    country: Some("IR".into()),
                    sort: annalist_store::IncidentSort::Killed,
                    descending: true,
                    limit: 20,
                    ..Default::default()
                },
            ),
        ] {
            let t = Instant::now();
            let reps = 300;
            for _ in 0..reps {
                std::hint::black_box(store.query_incidents(&q)?);
            }
            println!("store query ({label}): {:.0} µs each", t.elapsed().as_secs_f64() * 1e6 / reps as f64);
        }
    }

    let cache = !std::env::args().any(|a| a == "--no-cache");
    let state = annalist_web::AppState::open_with(&db, None, cache)?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(workers).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            annalist_web::run(listener, state).await.unwrap();
        });
    });
    println!(
        "serving on http://{addr}/ with {workers} worker threads; response cache {}",
        if cache { "on (answers kept until the database changes)" } else { "off (every request queries the store)" }
    );
    let idle = arg("--idle", 0) as usize;
    let held = (idle > 0).then(|| hold_idle(addr, idle));
    // warm up the connection pool and caches
    run(addr, "/api/incidents", connections, 1);
    println!("-- measured");
    run(addr, "/api/incidents", connections, seconds);
    run(addr, "/api/incidents?country=IR&sort=killed&limit=20", connections, seconds.min(5));
    if std::process::Command::new("wrk").arg("--version").output().is_ok() {
        println!("-- wrk -t2 -c{connections} -d{seconds}s --latency http://{addr}/api/incidents");
        let out = std::process::Command::new("wrk")
            .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency"])
            .arg(format!("http://{addr}/api/incidents"))
            .output()?;
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
    if let Some((runtime, streams, opened)) = held {
        let start = Instant::now();
        let closed = runtime.block_on(async {
            let mut closed = 0;
            for mut s in streams {
                use tokio::io::AsyncReadExt;
                let mut buf = [0u8; 64];
                let left = Duration::from_secs(15).saturating_sub(start.elapsed());
                if let Ok(Ok(_)) = tokio::time::timeout(left, s.read(&mut buf)).await {
                    closed += 1;
                }
            }
            closed
        });
        println!("-- idle: {opened} of {idle} opened and held half-sent; {closed} closed by the server (header-read timeout)");
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Opens `n` connections from 127.0.0.2 and up (50 an address), each sending half a request.
fn hold_idle(addr: SocketAddr, n: usize) -> (tokio::runtime::Runtime, Vec<tokio::net::TcpStream>, usize) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let streams = runtime.block_on(async {
        use tokio::io::AsyncWriteExt;
        let mut streams = Vec::with_capacity(n);
        for i in 0..n {
            let source: std::net::IpAddr =
                std::net::Ipv4Addr::new(127, 0, (2 + i / 50 / 250) as u8, (2 + i / 50 % 250) as u8).into();
            let Ok(socket) = tokio::net::TcpSocket::new_v4() else { break };
            if socket.bind(SocketAddr::new(source, 0)).is_err() {
                break;
            }
            let Ok(mut stream) = socket.connect(addr).await else { break };
            let _ = stream.write_all(b"GET /api/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n").await;
            streams.push(stream);
        }
        streams
    });
    let opened = streams.len();
    println!("-- {opened} idle connections held");
    (runtime, streams, opened)
}
