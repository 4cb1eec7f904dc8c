//! Shared helpers of the integration tests.

// ---------------------------------------------------------------------------------------------------------------
// Local HTTP test server (used by the fetch tests).
//
// A hand-written HTTP/1.1 server on 127.0.0.1 (port 0), one thread per connection, so that a test can make it
// misbehave at will: never answer, lie about the content type, stream 200 MB, trickle bytes, redirect in circles.
// It records every request and how every streamed body ended. Tests never touch the internet.
// ---------------------------------------------------------------------------------------------------------------

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The most request-head bytes the test server reads before giving up on a client.
const MAX_REQUEST_HEAD: usize = 64 * 1024;

/// How long a silent route holds a connection open at most, so a broken test cannot hang forever.
const SILENT_HOLD: Duration = Duration::from_secs(60);

/// What the test server sends for one path.
#[derive(Clone)]
pub enum Reply {
    /// These exact bytes (status line, headers, body), then the connection closes.
    Raw(Vec<u8>),
    /// Reads the request and never answers; holds the connection until the client hangs up.
    Silent,
    /// The first reply to the first request for the path, the second to the second, …; the last one repeats.
    Sequence(Vec<Reply>),
    /// The head (status line and headers, without the blank line), then `total` bytes of `filler` in chunks of
    /// `chunk` bytes with `pause` between chunks, stopping early when the client hangs up.
    Stream { head: String, filler: u8, total: u64, chunk: usize, pause: Duration },
}

impl Reply {
    /// A complete response with the given status, headers and body (`Content-Length` and `Connection: close` added).
    pub fn page(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
        let body = body.into();
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason_phrase(status));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
        Reply::Raw([head.into_bytes(), body].concat())
    }

    /// A 200 response with the given content type and body.
    pub fn typed(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::page(200, &[("Content-Type", content_type)], body)
    }

    /// A 200 UTF-8 HTML page.
    pub fn html(body: &str) -> Reply {
        Reply::typed("text/html; charset=utf-8", body)
    }

    /// A redirect with the given status to `location` (absolute or relative, sent as is).
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::page(status, &[("Location", location)], "")
    }
}

/// The usual reason phrase of a status the tests use.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}

/// A request as the test server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The request target (`/path?query`).
    pub path: String,
    /// The headers, names lowercased.
    pub headers: Vec<(String, String)>,
}

impl RecordedRequest {
    /// The value of header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// How a [`Reply::Stream`] ended.
#[derive(Debug, Clone, Copy)]
pub struct StreamOutcome {
    /// Body bytes the server managed to hand to the kernel.
    pub bytes_written: u64,
    /// Whether a write failed because the client had closed the connection.
    pub cut_off_by_client: bool,
}

/// What the server saw.
#[derive(Debug, Default)]
struct ServerLog {
    requests: Vec<RecordedRequest>,
    streams: Vec<StreamOutcome>,
}

/// A running test server; it lives until the test binary exits.
pub struct TestServer {
    addr: SocketAddr,
    log: Arc<Mutex<ServerLog>>,
}

impl TestServer {
    /// Starts a server answering each path in `routes` (exact match on the path, query included) with its reply;
    /// any other path gets a 404.
    pub fn start(routes: Vec<(&str, Reply)>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local test port");
        let addr = listener.local_addr().expect("local address of the test listener");
        let routes: Arc<Vec<(String, Reply)>> =
            Arc::new(routes.into_iter().map(|(path, reply)| (path.to_string(), reply)).collect());
        let log = Arc::new(Mutex::new(ServerLog::default()));
        let server_log = Arc::clone(&log);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (routes, log) = (Arc::clone(&routes), Arc::clone(&server_log));
                thread::spawn(move || serve(stream, &routes, &log));
            }
        });
        TestServer { addr, log }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.log.lock().map(|log| log.requests.clone()).unwrap_or_default()
    }

    /// Waits up to `limit` for the first streamed body to end, and tells how it ended.
    pub fn wait_for_stream_end(&self, limit: Duration) -> Option<StreamOutcome> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(outcome) = self.log.lock().ok().and_then(|log| log.streams.first().copied()) {
                return Some(outcome);
            }
            thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

/// Answers one connection.
fn serve(mut stream: TcpStream, routes: &[(String, Reply)], log: &Mutex<ServerLog>) {
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    let reply = routes.iter().find(|(path, _)| *path == request.path).map(|(_, reply)| reply.clone());
    let mut earlier = 0;
    if let Ok(mut log) = log.lock() {
        earlier = log.requests.iter().filter(|r| r.path == request.path).count();
        log.requests.push(request);
    }
    let reply = match reply {
        Some(Reply::Sequence(replies)) => replies.get(earlier).or(replies.last()).cloned(),
        other => other,
    };
    match reply {
        None => {
            let Reply::Raw(bytes) = Reply::page(404, &[("Content-Type", "text/html")], "<h1>Not Found</h1>") else {
                return;
            };
            let _ = stream.write_all(&bytes);
        }
        Some(Reply::Sequence(_)) => {}
        Some(Reply::Raw(bytes)) => {
            let _ = stream.write_all(&bytes);
        }
        Some(Reply::Silent) => {
            // Read (and discard) until the client gives up: a 0-byte read or an error means it hung up.
            let _ = stream.set_read_timeout(Some(SILENT_HOLD));
            let mut buf = [0u8; 1024];
            while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
        }
        Some(Reply::Stream { head, filler, total, chunk, pause }) => {
            let outcome = stream_body(&mut stream, &head, filler, total, chunk, pause);
            if let Ok(mut log) = log.lock() {
                log.streams.push(outcome);
            }
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Writes a head and a long body, noting whether the client cut it off.
fn stream_body(
    stream: &mut TcpStream,
    head: &str,
    filler: u8,
    total: u64,
    chunk: usize,
    pause: Duration,
) -> StreamOutcome {
    let mut outcome = StreamOutcome { bytes_written: 0, cut_off_by_client: false };
    if stream.write_all(format!("{head}\r\n\r\n").as_bytes()).is_err() {
        outcome.cut_off_by_client = true;
        return outcome;
    }
    let block = vec![filler; chunk];
    while outcome.bytes_written < total {
        let n = chunk.min((total - outcome.bytes_written) as usize);
        if stream.write_all(&block[..n]).is_err() {
            outcome.cut_off_by_client = true;
            return outcome;
        }
        outcome.bytes_written += n as u64;
        if !pause.is_zero() {
            thread::sleep(pause);
        }
    }
    outcome
}

/// Reads a request head and parses its target and headers.
fn read_request(stream: &mut TcpStream) -> Option<RecordedRequest> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || head.len() > MAX_REQUEST_HEAD {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Some(RecordedRequest { path, headers })
}

/// A local port nothing listens on (bound, then released), for connection-refused tests.
pub fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local test port");
    let addr = listener.local_addr().expect("local address of the test listener");
    drop(listener);
    format!("http://{addr}/")
}

/// A local HTTP forward proxy that makes public-looking hosts (`news.example`) out of local test servers, so that a
/// test can play a page from the internet: the fetcher (given the proxy) never resolves the name and judges the
/// address as written, as behind a corporate proxy. Requests for hosts it was not told about get a 502. Records
/// `host + target` of every request it receives.
pub struct TestProxy {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl TestProxy {
    /// Starts a proxy forwarding requests for each host name in `hosts` to its test server.
    pub fn start(hosts: Vec<(&str, &TestServer)>) -> TestProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local proxy port");
        let addr = listener.local_addr().expect("local address of the proxy");
        let hosts: Arc<Vec<(String, SocketAddr)>> =
            Arc::new(hosts.into_iter().map(|(name, server)| (name.to_ascii_lowercase(), server.addr)).collect());
        let log = Arc::new(Mutex::new(Vec::new()));
        let proxy_log = Arc::clone(&log);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (hosts, log) = (Arc::clone(&hosts), Arc::clone(&proxy_log));
                thread::spawn(move || forward(stream, &hosts, &log));
            }
        });
        TestProxy { addr, log }
    }

    /// The proxy's address, as `ALL_PROXY` or [`cuttings::fetch::Fetcher::with_proxy`] take it.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}", self.addr)).expect("the proxy's URL")
    }

    /// Every `http://host/target` the proxy was asked for, in order.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }

    /// A fetcher that goes through this proxy, with limits short enough for tests.
    pub fn fetcher(&self) -> cuttings::fetch::Fetcher {
        let limits = cuttings::fetch::FetchLimits {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            ..cuttings::fetch::FetchLimits::default()
        };
        cuttings::fetch::Fetcher::with_proxy(limits, &self.url(), None).expect("a fetcher behind the test proxy")
    }
}

/// Forwards one proxied request (absolute-form target) to the test server of its host, and its answer back.
fn forward(mut client: TcpStream, hosts: &[(String, SocketAddr)], log: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match client.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > MAX_REQUEST_HEAD {
            return;
        }
    }
    let text = String::from_utf8_lossy(&head).to_string();
    let Some((request_line, rest)) = text.split_once("\r\n") else { return };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return };
    if let Ok(mut log) = log.lock() {
        log.push(target.to_string());
    }
    let Ok(url) = url::Url::parse(target) else { return };
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let Some((_, server)) = hosts.iter().find(|(name, _)| *name == host) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    };
    let origin_form = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let Ok(mut upstream) = TcpStream::connect(server) else { return };
    let request = format!("{method} {origin_form} HTTP/1.1\r\n{rest}");
    if upstream.write_all(request.as_bytes()).is_err() {
        return;
    }
    // The test server closes every connection after its answer: copy until it does.
    let _ = std::io::copy(&mut upstream, &mut client);
    let _ = client.shutdown(std::net::Shutdown::Write);
}

// ---------------------------------------------------------------------------------------------------------------
// End of the local HTTP test server.
// ---------------------------------------------------------------------------------------------------------------

// ---- Store helpers (owned by the store branch; other helpers go in their own block) ----

/// A fresh, empty library in its own temporary folder. Keep the folder alive as long as the library.
#[allow(dead_code)]
pub fn temp_library() -> (tempfile::TempDir, cuttings::store::Library) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = cuttings::store::Library::open(&dir.path().join("library.db")).expect("open a new library");
    (dir, library)
}

/// Runs `cuttings args…` on the library at `library`.
pub fn cuttings(library: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cuttings"))
        .args(args)
        .env("CUTTINGS_LIBRARY", library)
        .output()
        .expect("cuttings runs")
}
