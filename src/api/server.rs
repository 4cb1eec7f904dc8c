//! Serving the API: binding `127.0.0.1:PORT` (and saying who holds the port when it is taken), the HTTP/1.1 loop
//! on tokio, and each request's body read within [`super::MAX_BODY_BYTES`].

use std::convert::Infallible;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{AUTHORIZATION, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use tokio::sync::Semaphore;

use super::{ApiError, MAX_BODY_BYTES, guard, routes, token};
use crate::fetch::{FetchError, Fetcher};
use crate::store::{ClippingId, Library, StoreError};

/// Which program serves the API (said by `GET /api/v1/status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerRole {
    /// The desktop app: a clipping can be opened in its window.
    App,
    /// `cuttings serve`: no window.
    Serve,
}

impl ServerRole {
    /// Its name in the status answer.
    pub fn as_str(self) -> &'static str {
        match self {
            ServerRole::App => "app",
            ServerRole::Serve => "serve",
        }
    }
}

/// Who holds a port the API could not bind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortHolder {
    /// The Cuttings app's own API.
    CuttingsApp,
    /// `cuttings serve`.
    CuttingsServe,
    /// Some other program.
    Other,
}

/// Why the API could not be served.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Another program listens on the port.
    #[error("{}", port_taken_message(*.port, .holder))]
    PortTaken { port: u16, holder: PortHolder },
    /// The port could not be bound for another reason.
    #[error("listening on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    /// The library could not be opened.
    #[error(transparent)]
    Library(#[from] StoreError),
    /// The pairing token could not be made.
    #[error(transparent)]
    Token(#[from] token::TokenError),
    /// The network client for pages and images could not be set up.
    #[error(transparent)]
    Fetch(#[from] FetchError),
}

fn port_taken_message(port: u16, holder: &PortHolder) -> String {
    match holder {
        PortHolder::CuttingsApp => format!(
            "the Cuttings app already serves the clipping API on port {port}: the extension clips through it while \
             the app is open"
        ),
        PortHolder::CuttingsServe => {
            format!("`cuttings serve` already serves the clipping API on port {port}: the extension clips through it")
        }
        PortHolder::Other => format!(
            "port {port} is used by another program; choose another port (`cuttings serve --port N`, or \
             CUTTINGS_API_PORT=N for the app) and set the same port in the extension"
        ),
    }
}

/// Shows a clipping in the app's window; false when there is no such clipping.
type Opener = dyn Fn(ClippingId) -> bool + Send + Sync;

/// Told of each clipping saved, with its title.
type OnSaved = dyn Fn(ClippingId, &str) + Send + Sync;

/// What every request handler shares.
pub struct ApiState {
    /// The library served (its path: the token lives beside it).
    pub(super) library_path: PathBuf,
    /// The server's own connection to it.
    pub(super) library: Mutex<Library>,
    /// For pages clipped by their link and for the images of rendered pages.
    pub(super) fetcher: Fetcher,
    /// Who serves.
    pub(super) role: ServerRole,
    /// The port it listens on (the `Host` it answers to).
    pub(super) port: u16,
    /// Shows a clipping in the app's window; `None` under `cuttings serve`. False when there is no such clipping.
    pub(super) opener: Option<Box<Opener>>,
    /// Called after each clipping is saved (the command line prints it).
    pub(super) on_saved: Option<Box<OnSaved>>,
    /// Clippings prepared at once: extraction and images are the heavy part.
    pub(super) clipping: Semaphore,
}

/// How many clip requests are worked on at once; the others wait their turn.
const CONCURRENT_CLIPS: usize = 2;

/// How long a client may take to send a request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may take to send a request's body (30 MiB on a slow loopback is well within it).
const BODY_TIMEOUT: Duration = Duration::from_secs(60);

impl ApiState {
    /// The state of a server of `library_path` on `port`, opening its own connection to the library and making the
    /// pairing token if there is none yet.
    pub fn new(library_path: &Path, role: ServerRole, port: u16) -> Result<ApiState, ServeError> {
        token::current_or_new(library_path)?;
        Ok(ApiState {
            library_path: library_path.to_path_buf(),
            library: Mutex::new(Library::open(library_path)?),
            fetcher: Fetcher::new()?,
            role,
            port,
            opener: None,
            on_saved: None,
            clipping: Semaphore::new(CONCURRENT_CLIPS),
        })
    }

    /// Lets `POST /api/v1/open` show a clipping (the app's window).
    pub fn with_opener(mut self, opener: impl Fn(ClippingId) -> bool + Send + Sync + 'static) -> ApiState {
        self.opener = Some(Box::new(opener));
        self
    }

    /// Calls `on_saved(id, title)` after each clipping is saved.
    pub fn with_on_saved(mut self, on_saved: impl Fn(ClippingId, &str) + Send + Sync + 'static) -> ApiState {
        self.on_saved = Some(Box::new(on_saved));
        self
    }
}

/// A bound port, ready to serve.
pub struct ApiServer {
    listener: tokio::net::TcpListener,
    port: u16,
}

impl ApiServer {
    /// Binds `127.0.0.1:port` (0: any free port, for tests). A port already taken is [`ServeError::PortTaken`],
    /// saying whether the Cuttings app, `cuttings serve` or another program holds it. Call inside a tokio runtime.
    pub fn bind(port: u16) -> Result<ApiServer, ServeError> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = match std::net::TcpListener::bind(address) {
            Ok(listener) => listener,
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(ServeError::PortTaken { port, holder: probe_port(port) });
            }
            Err(source) => return Err(ServeError::Bind { port, source }),
        };
        let bound = |source| ServeError::Bind { port, source };
        listener.set_nonblocking(true).map_err(bound)?;
        let port = listener.local_addr().map_err(bound)?.port();
        Ok(ApiServer { listener: tokio::net::TcpListener::from_std(listener).map_err(bound)?, port })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves requests until `shutdown` completes. Connections already open finish their request.
    pub async fn run(self, state: Arc<ApiState>, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            let (stream, _) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    // A connection that failed before it was accepted (reset, out of descriptors): go on.
                    Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue; }
                },
                () = &mut shutdown => return,
            };
            let state = state.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| answer(state.clone(), request));
                let _closed = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    }
}

/// Who listens on `127.0.0.1:port`, asked by its status request (a second at most).
pub fn probe_port(port: u16) -> PortHolder {
    let asked = || -> std::io::Result<String> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(1))?;
        stream.set_read_timeout(Some(Duration::from_secs(1)))?;
        write!(stream, "GET /api/v1/status HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n")?;
        let mut answer = Vec::new();
        stream.take(64 * 1024).read_to_end(&mut answer)?;
        Ok(String::from_utf8_lossy(&answer).into_owned())
    };
    let Ok(answer) = asked() else { return PortHolder::Other };
    let body = answer.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
    match serde_json::from_str::<Value>(body) {
        Ok(status) if status["app"] == "cuttings" && status["server"] == "app" => PortHolder::CuttingsApp,
        Ok(status) if status["app"] == "cuttings" => PortHolder::CuttingsServe,
        _ => PortHolder::Other,
    }
}

/// One request's answer, whatever happened: the reply, or the refusal as JSON.
async fn answer(state: Arc<ApiState>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let (status, body) = match route(&state, request).await {
        Ok((status, body)) => (status, body),
        Err(error) => (error.status(), Some(error.body())),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::builder().status(status);
    if status.is_client_error() {
        // A refused request may still be sending its body: the connection is not reused.
        response = response.header(CONNECTION, "close");
    }
    let response = match body {
        Some(body) => response.header(CONTENT_TYPE, "application/json").body(Full::new(Bytes::from(body.to_string()))),
        None => response.body(Full::new(Bytes::new())),
    };
    Ok(response.unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))))
}

/// The checks in order (host, origin, token), then the route.
async fn route(state: &Arc<ApiState>, request: Request<Incoming>) -> Result<(u16, Option<Value>), ApiError> {
    let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
    guard::check_host(header(HOST), state.port)?;
    guard::check_origin(header(ORIGIN))?;
    let presented = guard::bearer(header(AUTHORIZATION)).map(str::to_string);
    let paired = match presented {
        Some(presented) => {
            token::matches(&state.library_path, &presented).map_err(|e| ApiError::Internal(e.to_string()))?
        }
        None => false,
    };
    let path = request.uri().path().trim_end_matches('/').to_string();
    if path == "/api/v1/status" {
        return match request.method().as_str() {
            "GET" => Ok((200, Some(routes::status(state, paired)))),
            _ => Err(ApiError::MethodNotAllowed("GET /api/v1/status")),
        };
    }
    if !paired {
        return Err(ApiError::Unauthorized);
    }
    match (request.method().as_str(), path.as_str()) {
        ("GET", "/api/v1/folders") => routes::folders(state).await,
        ("GET", "/api/v1/tags") => routes::tags(state).await,
        ("POST", "/api/v1/clip") => routes::clip(state, read_body(request).await?).await,
        ("POST", "/api/v1/open") => routes::open(state, read_body(request).await?).await,
        (_, "/api/v1/folders") => Err(ApiError::MethodNotAllowed("GET /api/v1/folders")),
        (_, "/api/v1/tags") => Err(ApiError::MethodNotAllowed("GET /api/v1/tags")),
        (_, "/api/v1/clip") => Err(ApiError::MethodNotAllowed("POST /api/v1/clip")),
        (_, "/api/v1/open") => Err(ApiError::MethodNotAllowed("POST /api/v1/open")),
        _ => Err(ApiError::NotFound(format!("there is no {path} in the Cuttings API (see docs/api.md)"))),
    }
}

/// The whole body, refused past [`MAX_BODY_BYTES`] (by its declared length before any of it is read).
async fn read_body(request: Request<Incoming>) -> Result<Bytes, ApiError> {
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(ApiError::TooLarge);
    }
    let limited = Limited::new(request.into_body(), MAX_BODY_BYTES as usize);
    match tokio::time::timeout(BODY_TIMEOUT, limited.collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => Err(ApiError::TooLarge),
        Ok(Err(error)) => Err(ApiError::bad_request(None, format!("the body could not be read: {error}"))),
        Err(_) => Err(ApiError::bad_request(None, "the body took too long to arrive")),
    }
}
