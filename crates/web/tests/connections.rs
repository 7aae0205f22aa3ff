//! The server closes a connection that does not finish its request's headers in time (and one
//! kept alive idle that long), and closes unread a client's connection past its cap, while
//! answering others.

use annalist_web::{serve_connections, AppState, ConnectionLimits};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn spawn(limits: ConnectionLimits) -> (SocketAddr, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("annalist-conn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("c.db");
    annalist_store::Store::open(&db).unwrap();
    let app = annalist_web::router(AppState::open(&db, None).unwrap());
    // a runtime of its own on a thread, as `annalist serve` runs
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let listener = runtime.block_on(async { tokio::net::TcpListener::from_std(listener) }).unwrap();
        runtime.block_on(serve_connections(listener, app, limits)).unwrap();
    });
    (addr, dir)
}

/// Whether the server closed `s` within `wait` (a read that ends or fails).
fn closed_within(s: &mut TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 256];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn slow_and_surplus_connections_are_closed_and_others_answered() {
    let limits = ConnectionLimits { header_read: Duration::from_millis(400), per_client: 2 };
    let (addr, dir) = spawn(limits);
    let half = b"GET /api/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    let mut a = TcpStream::connect(addr).unwrap();
    a.write_all(half).unwrap();
    let mut b = TcpStream::connect(addr).unwrap();
    b.write_all(half).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    // a third from the same client is over the cap
    let mut c = TcpStream::connect(addr).unwrap();
    assert!(closed_within(&mut c, Duration::from_millis(300)), "the surplus connection is closed");
    // the half-sent ones are closed by the header-read timeout
    let t = Instant::now();
    assert!(closed_within(&mut a, Duration::from_secs(3)) && closed_within(&mut b, Duration::from_secs(3)));
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    // then a whole request is answered, and the kept-alive connection closed once idle
    std::thread::sleep(Duration::from_millis(50));
    let mut d = TcpStream::connect(addr).unwrap();
    d.write_all(b"GET /api/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    d.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut buf = [0u8; 64];
    let n = d.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&buf[..n]));
    assert!(closed_within(&mut d, Duration::from_secs(3)), "an idle kept-alive connection is closed");
    std::fs::remove_dir_all(&dir).ok();
}
