//! The local clipping API over real HTTP on 127.0.0.1: a server on a free port with a real library, asked with raw
//! requests (so that every header is as a browser or an attacker would send it), and each refusal of `docs/api.md`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use cuttings::api::{self, ApiServer, ApiState, PortHolder, ServeError, ServerRole};
use cuttings::store::{ClipSource, ClippingId, Library};
use serde_json::{Value, json};

use crate::util::{Reply, TestServer};

/// A served library: the port, the token, and the folder that holds it.
struct Served {
    port: u16,
    token: String,
    folder: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Served {
    /// Serves a new library as `cuttings serve` does, on a free port, on a runtime of its own.
    fn start(role: ServerRole) -> Served {
        let folder = tempfile::tempdir().unwrap();
        let library = folder.path().join("library.db");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, port) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let server = ApiServer::bind(0).unwrap();
                let mut state = ApiState::new(&library, role, server.port()).unwrap();
                if role == ServerRole::App {
                    state = state.with_opener(|id| id == ClippingId(1));
                }
                ready.send(server.port()).unwrap();
                server.run(Arc::new(state), async { stopped.await.unwrap_or(()) }).await;
            });
        });
        let port = port.recv().unwrap();
        let token = api::token::current(&folder.path().join("library.db")).unwrap().expect("made when serving");
        Served { port, token, folder, _stop: stop }
    }

    fn library_path(&self) -> std::path::PathBuf {
        self.folder.path().join("library.db")
    }

    /// Sends `method path` with `headers` and `body`; the `Host` is the server's own unless a header gives one.
    /// Returns the status and the JSON body (`Null` when empty).
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, Value) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer (and close) before the whole body is sent: a refused upload.
        let _ = stream.write_all(body);
        read_answer(stream)
    }

    /// A request with the pairing token.
    fn authorised(&self, method: &str, path: &str, body: &Value) -> (u16, Value) {
        let bearer = format!("Bearer {}", self.token);
        let body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
        self.send(method, path, &[("Authorization", &bearer), ("Content-Type", "application/json")], &body)
    }
}

/// A page as a browser renders it: the article only there after its script ran, with an image.
fn rendered_page(url: &str) -> Value {
    json!({
        "url": url,
        "title": "Harbour grows | The Daily",
        "html": "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour grows | The Daily</title>\
            <meta name=\"author\" content=\"Ann Berg\"><meta property=\"og:site_name\" content=\"The Daily\"></head>\
            <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Harbour grows</h1>\
            <p>The harbour is growing fast this year, with three new quays being built along the northern shore.</p>\
            <p>Officials said the work would be finished by spring, bringing more ships and more jobs to town.</p>\
            <p id=\"later\">Added by script: subscribers read this paragraph after logging in.</p>\
            <img src=\"https://news.example/quay.png\" alt=\"The new quay\"></article></body></html>",
        "folder": "Politics/Korea",
        "tags": ["korea", "#Ports", "ports"],
        "note": "  for Monday  ",
        // A 1×1 PNG: the browser fetched it with the reader's session.
        "images": [{"url": "https://news.example/quay.png",
            "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}]
    })
}

#[test]
fn status_says_who_serves_and_whether_the_token_is_right() {
    let served = Served::start(ServerRole::Serve);
    let (status, body) = served.send("GET", "/api/v1/status", &[], b"");
    assert_eq!(status, 200);
    assert_eq!(
        (body["app"].as_str(), body["server"].as_str(), body["paired"].as_bool()),
        (Some("cuttings"), Some("serve"), Some(false))
    );
    let (_, body) = served.authorised("GET", "/api/v1/status", &Value::Null);
    assert_eq!(body["paired"], json!(true));
}

#[test]
fn a_rendered_page_is_clipped_filed_and_kept_with_the_browsers_image() {
    let served = Served::start(ServerRole::Serve);
    let (status, body) = served.authorised("POST", "/api/v1/clip", &rendered_page("https://news.example/harbour"));
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["title"], json!("Harbour grows"));
    assert_eq!(body["kind"], json!("article"));
    let id = ClippingId(body["id"].as_i64().unwrap());

    let library = Library::open(&served.library_path()).unwrap();
    let clipping = library.clipping(id).unwrap();
    assert!(clipping.text.contains("Added by script"), "the rendered text is kept: {}", clipping.text);
    assert!(!clipping.text.contains("Home"), "navigation is not: {}", clipping.text);
    assert_eq!(clipping.source, Some(ClipSource::Browser));
    assert_eq!(clipping.summary.byline.as_deref(), Some("Ann Berg"));
    assert_eq!(clipping.summary.tags, ["korea", "Ports"], "tags cleaned as everywhere");
    assert_eq!(clipping.notes[0].body, "for Monday");
    assert!(clipping.html.contains("cuttings-image://"), "the browser's image is stored: {}", clipping.html);
    let folder = library.folder_at_path("Politics/Korea").unwrap();
    assert_eq!(clipping.summary.folder, folder);
    let shown = crate::util::cuttings(&served.library_path(), &["show", &id.to_string()]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("https://news.example/harbour (clipped from your browser)"), "{shown}");

    let (status, body) = served.authorised("GET", "/api/v1/folders", &Value::Null);
    assert_eq!(status, 200);
    let paths: Vec<&str> = body["folders"].as_array().unwrap().iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["Politics", "Politics/Korea"]);
    let (_, body) = served.authorised("GET", "/api/v1/tags", &Value::Null);
    assert_eq!(body["tags"], json!([{"name": "korea", "count": 1}, {"name": "Ports", "count": 1}]));
}

#[test]
fn a_duplicate_answers_with_the_existing_clipping_unless_forced() {
    let served = Served::start(ServerRole::Serve);
    let page = rendered_page("https://news.example/harbour");
    let (_, first) = served.authorised("POST", "/api/v1/clip", &page);
    let (status, body) = served.authorised("POST", "/api/v1/clip", &page);
    assert_eq!(status, 409);
    assert_eq!((body["error"].as_str(), body["existing_id"].clone()), (Some("duplicate"), first["id"].clone()));
    assert_eq!(body["existing_title"], json!("Harbour grows"));
    let mut forced = page.clone();
    forced["force"] = json!(true);
    let (status, body) = served.authorised("POST", "/api/v1/clip", &forced);
    assert_eq!(status, 201);
    assert_ne!(body["id"], first["id"]);
}

#[test]
fn a_selection_is_the_body_and_the_page_gives_the_rest() {
    let served = Served::start(ServerRole::Serve);
    let mut page = rendered_page("https://news.example/harbour");
    page["selection_html"] = json!("<p>Officials said the work would be finished by spring, bringing more ships.</p>");
    let (status, body) = served.authorised("POST", "/api/v1/clip", &page);
    assert_eq!(status, 201, "{body}");
    let library = Library::open(&served.library_path()).unwrap();
    let clipping = library.clipping(ClippingId(body["id"].as_i64().unwrap())).unwrap();
    assert!(clipping.text.starts_with("Officials said"), "{}", clipping.text);
    assert!(!clipping.text.contains("northern shore"), "{}", clipping.text);
    assert_eq!(clipping.summary.title, "Harbour grows");
}

#[test]
fn a_link_is_fetched_only_from_public_addresses() {
    let page = TestServer::start(vec![("/", Reply::html("<html><body><p>Router admin</p></body></html>"))]);
    let served = Served::start(ServerRole::Serve);
    let (status, body) = served.authorised("POST", "/api/v1/clip", &json!({"url": page.url("/")}));
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], json!("private_address"), "{body}");
    assert!(page.requests().is_empty(), "nothing reached the private address");
}

#[test]
fn open_shows_the_clipping_in_the_window_or_says_there_is_none() {
    let app = Served::start(ServerRole::App);
    assert_eq!(app.authorised("POST", "/api/v1/open", &json!({"id": 1})).0, 204);
    let (status, body) = app.authorised("POST", "/api/v1/open", &json!({"id": 7}));
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
    let (status, body) = app.authorised("POST", "/api/v1/open", &json!({"id": "seven"}));
    assert_eq!((status, body["field"].as_str()), (400, Some("id")));
    let serve = Served::start(ServerRole::Serve);
    let (status, body) = serve.authorised("POST", "/api/v1/open", &json!({"id": 1}));
    assert_eq!((status, body["error"].as_str()), (503, Some("no_window")));
}

#[test]
fn every_refusal_is_plain_json_and_never_shows_the_token() {
    let served = Served::start(ServerRole::Serve);
    let bearer = format!("Bearer {}", served.token);
    let page = rendered_page("https://news.example/harbour").to_string();
    // What, the headers, the request, and the status and code it gets.
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str, u16, &'a str);
    let cases: Vec<Case> = vec![
        ("no token", vec![], "GET", "/api/v1/folders", 401, "unauthorized"),
        ("wrong token", vec![("Authorization", "Bearer 0000")], "GET", "/api/v1/folders", 401, "unauthorized"),
        (
            "web page",
            vec![("Authorization", &bearer), ("Origin", "https://news.example")],
            "POST",
            "/api/v1/clip",
            403,
            "forbidden_origin",
        ),
        (
            "rebinding",
            vec![("Authorization", &bearer), ("Host", "rebind.example:41521")],
            "GET",
            "/api/v1/status",
            403,
            "bad_host",
        ),
        ("unknown", vec![("Authorization", &bearer)], "GET", "/api/v1/nothing", 404, "not_found"),
        ("method", vec![("Authorization", &bearer)], "GET", "/api/v1/clip", 405, "method_not_allowed"),
        ("declared too large", vec![("Authorization", &bearer)], "POST", "/api/v1/clip", 413, "too_large"),
    ];
    for (what, headers, method, path, want_status, want_code) in cases {
        let body: &[u8] = if what == "web page" { page.as_bytes() } else { b"" };
        let (status, answer) = if what == "declared too large" {
            too_large_declared(&served)
        } else {
            served.send(method, path, &headers, body)
        };
        assert_eq!((status, answer["error"].as_str()), (want_status, Some(want_code)), "{what}: {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {answer}");
        assert!(!answer.to_string().contains(&served.token), "{what}: the token never shows");
    }
    // A body that is larger than it says it is, sent whole.
    let huge = vec![b'x'; (api::MAX_BODY_BYTES + 1024) as usize];
    let (status, answer) = served.send("POST", "/api/v1/clip", &[("Authorization", &bearer)], &huge);
    assert_eq!((status, answer["error"].as_str()), (413, Some("too_large")));
    // Malformed bodies name their field.
    for (body, field) in [
        (json!({"html": "<p>x</p>"}), Some("url")),
        (json!({"url": "https://a.example/", "tags": "a, b"}), Some("tags")),
        (json!({"url": "https://a.example/", "images": [{"url": "https://a.example/i.png"}]}), Some("images")),
    ] {
        let (status, answer) = served.authorised("POST", "/api/v1/clip", &body);
        assert_eq!((status, answer["field"].as_str()), (400, field), "{answer}");
    }
    let (status, answer) = served.send("POST", "/api/v1/clip", &[("Authorization", &bearer)], b"{not json");
    assert_eq!((status, answer["error"].as_str()), (400, Some("bad_request")));
}

/// A request that declares a body over the limit, refused before any of it is sent.
fn too_large_declared(served: &Served) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let head = format!(
        "POST /api/v1/clip HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n",
        served.port,
        served.token,
        api::MAX_BODY_BYTES + 1
    );
    stream.write_all(head.as_bytes()).unwrap();
    read_answer(stream)
}

/// The status and JSON body (`Null` when empty) of the answer on `stream`, read to its end.
fn read_answer(mut stream: TcpStream) -> (u16, Value) {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn a_new_token_stops_the_old_one_at_once() {
    let served = Served::start(ServerRole::Serve);
    assert_eq!(served.authorised("GET", "/api/v1/tags", &Value::Null).0, 200);
    let output = crate::util::cuttings(&served.library_path(), &["token", "--new"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let new = String::from_utf8(output.stdout).unwrap().trim().to_string();
    assert_ne!(new, served.token);
    assert_eq!(served.authorised("GET", "/api/v1/tags", &Value::Null).0, 401, "the old token stopped working");
    let bearer = format!("Bearer {new}");
    assert_eq!(served.send("GET", "/api/v1/tags", &[("Authorization", &bearer)], b"").0, 200);
    let printed = crate::util::cuttings(&served.library_path(), &["token"]);
    assert_eq!(String::from_utf8(printed.stdout).unwrap().trim(), new, "`cuttings token` prints the current one");
}

#[test]
fn a_second_server_on_the_port_says_who_holds_it() {
    let served = Served::start(ServerRole::App);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let refused = runtime.block_on(async { ApiServer::bind(served.port).err() });
    match refused {
        Some(ServeError::PortTaken { holder: PortHolder::CuttingsApp, .. }) => {}
        other => panic!("expected the app to hold the port, got {other:?}"),
    }
    let output = crate::util::cuttings(&served.library_path(), &["serve", "--port", &served.port.to_string()]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("the Cuttings app already serves the clipping API"), "{said}");
}
