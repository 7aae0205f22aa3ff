//! What the web test binaries share: reading a raw HTTP/1.1 reply as the server sent it.

/// A reply: its status, its head (status line and headers) and its body, de-chunked.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Splits a whole reply read from the socket into status, head and body, joining the chunks
/// of a chunked body.
pub fn parse_reply(text: &str) -> Reply {
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no head in {text:?}"));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut r = rest;
        while let Some((size, tail)) = r.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&tail[..n]);
            r = &tail[n + 2..];
        }
        out
    } else {
        rest.to_string()
    };
    Reply { status, head: head.to_string(), body }
}

/// Serves `state` on a free loopback port from a thread of its own; the address to reach it.
pub fn serve(state: annalist_web::AppState) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            annalist_web::run(listener, state).await.unwrap();
        });
    });
    addr
}
