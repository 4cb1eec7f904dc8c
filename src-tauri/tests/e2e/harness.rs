//! The end-to-end harness: a private X server, a private tauri-driver, a temporary library and a WebDriver session
//! on the real debug app.
//!
//! [`Desktop::start`] 1. finds the app binary, Xvfb, tauri-driver and WebKitWebDriver, failing with a plain message
//! naming what is missing (the tests never skip); 2. starts Xvfb on a free display and tauri-driver on free ports,
//! keeping both child processes, with a local forward proxy as the app's `ALL_PROXY` ([`start_proxy`]: every
//! request of the app goes through it to the test server on 127.0.0.1, so that a test page can live at a
//! public-looking address such as `http://news.example:PORT/`, as a page from the internet does); 3. waits for the
//! driver to answer. [`Desktop::session`] launches the app on a
//! library with `CUTTINGS_LIBRARY`. Dropping a [`Desktop`] ends exactly the processes it started, through their handles (by id, never by name).

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator};

/// How long the app may take to show an element.
pub const APPEAR: Duration = Duration::from_secs(20);

/// The repository root (one folder above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Cargo's target folder: `CARGO_TARGET_DIR` if set, else `target/` at the repository root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo_root().join("target"))
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

/// A program on `PATH` (or in `~/.cargo/bin`), or a plain error saying how to get it.
fn find_program(name: &str, how_to_get: &str) -> Result<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter()
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .with_context(|| format!("end-to-end tests need {name}, which is not installed: {how_to_get}"))
}

/// Two different TCP ports nobody listens on right now (both held while choosing, so they differ).
fn free_ports() -> Result<(u16, u16)> {
    let first = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    let second = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok((first.local_addr()?.port(), second.local_addr()?.port()))
}

/// A child process that is ended, by its id, when dropped: first asked with SIGTERM (tauri-driver then ends the
/// WebKitWebDriver it started), killed if it is still there after a few seconds.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        if let Ok(pid) = libc::pid_t::try_from(self.0.id()) {
            // SAFETY: kill(2) on the id of our own child, which has not been waited for, so the id is still ours.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.0.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The processes of one end-to-end run: tauri-driver and Xvfb (fields drop in this order: driver first).
pub struct Desktop {
    app: PathBuf,
    driver: Process,
    _xvfb: Process,
    port: u16,
    display: String,
    /// The port the app serves the local clipping API on (`CUTTINGS_API_PORT`): one of its own per run.
    pub api_port: u16,
    /// The app's `XDG_DATA_HOME`: a folder of its own per run, so that Cuttings' browser keeps its profile (cookies)
    /// there and never in the user's.
    data_home: tempfile::TempDir,
}

impl Desktop {
    /// Starts Xvfb and tauri-driver for one test. Fails, with a message naming the missing piece, when the app has
    /// not been built or a tool is missing.
    pub fn start() -> Result<Desktop> {
        Desktop::start_with(&[])
    }

    /// [`Desktop::start`], with `env` added to the app's environment (`CUTTINGS_WAYBACK_URL` for a local fake).
    pub fn start_with(env: &[(&str, &str)]) -> Result<Desktop> {
        // 1. Everything needed, or a clear failure.
        // Cargo builds the app for its own integration tests, with the same features as the tests.
        let app = PathBuf::from(env!("CARGO_BIN_EXE_cuttings-desktop"));
        if !app.is_file() {
            bail!("the desktop app is not built ({} is missing)", app.display());
        }
        let how = "run scripts/dev test, which installs it";
        let xvfb_program = find_program("Xvfb", &format!("apt-get install xvfb, or {how}"))?;
        let driver_program =
            find_program("tauri-driver", &format!("cargo install tauri-driver --version '^2' --locked, or {how}"))?;
        find_program("WebKitWebDriver", &format!("apt-get install webkit2gtk-driver, or {how}"))?;

        // 2. Xvfb on the first display number that is free; the lock file tells us a display is taken.
        let (xvfb, display) = start_xvfb(&xvfb_program)?;
        let (port, native_port) = free_ports()?;
        let (api_port, _) = free_ports()?;
        let proxy = start_proxy()?;
        let data_home = tempfile::tempdir().context("making the app's data folder")?;
        let driver = Command::new(&driver_program)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display)
            .env("ALL_PROXY", &proxy)
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            // GTK's file dialog keeps settings through dconf, which needs a session bus; none runs here.
            .env("GSETTINGS_BACKEND", "memory")
            .env("CUTTINGS_API_PORT", api_port.to_string())
            // The queue never asks the real Wayback Machine for a copy of a test page that failed.
            .env("CUTTINGS_WAYBACK_URL", "off")
            .envs(env.iter().copied())
            .env("XDG_DATA_HOME", data_home.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {}", driver_program.display()))?;
        let mut desktop = Desktop { app, driver: Process(driver), _xvfb: xvfb, port, display, api_port, data_home };

        // 3. Ready when the port accepts connections.
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("tauri-driver did not start listening on port {port} within 20 s");
            }
            if let Some(status) = desktop.driver.0.try_wait()? {
                bail!("tauri-driver exited at start ({status})");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(desktop)
    }

    /// Launches the app on the library at `library` and connects a WebDriver session to it.
    pub async fn session(&self, library: &Path) -> Result<Client> {
        // The driver launches the app with its own environment plus these arguments; `--library` is what
        // `CUTTINGS_LIBRARY` would say, given explicitly so that parallel tests never share a library.
        let capabilities = serde_json::json!({
            "tauri:options": {
                "application": self.app,
                "args": ["--library", library],
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!("a JSON object literal") };
        // tauri-driver accepts connections before the WebKitWebDriver behind it is ready, and then answers a
        // new session with a dropped connection: retry for a while before calling it a failure.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let attempt = ClientBuilder::rustls()
                .context("setting up the WebDriver client")?
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await;
            match attempt {
                Ok(client) => return Ok(client),
                Err(error) if Instant::now() < deadline => {
                    eprintln!("e2e: WebDriver session not started yet ({error}); retrying");
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(error) => return Err(error).context("starting the app through tauri-driver"),
            }
        }
    }
}

impl Desktop {
    /// The app's data folder (`$XDG_DATA_HOME/<identifier>`), where Cuttings' browser keeps its profile.
    pub fn app_data_dir(&self) -> PathBuf {
        self.data_home.path().join("org.cuttings.desktop")
    }

    /// The id of the visible window titled `title`, once it appears (a native window that WebDriver cannot reach).
    pub fn window_titled(&self, title: &str) -> Result<String> {
        let deadline = Instant::now() + APPEAR;
        loop {
            let found = self.xdotool(&["search", "--onlyvisible", "--name", &format!("^{title}$")])?;
            if let Some(window) = found.lines().last().filter(|w| !w.is_empty()) {
                return Ok(window.to_string());
            }
            if Instant::now() > deadline {
                bail!("no window titled {title:?} appeared within {} s", APPEAR.as_secs());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Presses `keys` (xdotool's names: `Return`, `ctrl+shift+s`) in the window titled `title`, as a user would,
    /// through the X server: for windows WebDriver cannot reach. No window manager runs under Xvfb: the window is
    /// given the focus directly.
    pub fn press_in_window(&self, title: &str, keys: &str) -> Result<()> {
        let window = self.window_titled(title)?;
        self.xdotool(&["windowfocus", "--sync", &window])?;
        self.xdotool(&["key", "--clearmodifiers", keys])?;
        Ok(())
    }

    /// Saves a picture of the whole test display as `target/e2e-screenshots/<name>.png` (every window, native ones
    /// too), with ImageMagick's `import`.
    pub fn screenshot_display(&self, name: &str) -> Result<PathBuf> {
        let import = find_program("import", "apt-get install imagemagick")?;
        std::fs::create_dir_all(screenshot_dir())?;
        let path = screenshot_dir().join(format!("{name}.png"));
        let status = Command::new(import)
            .args(["-window", "root"])
            .arg(&path)
            .env("DISPLAY", &self.display)
            .status()
            .context("running import")?;
        anyhow::ensure!(status.success(), "import could not take a picture of the display ({status})");
        Ok(path)
    }

    /// Runs xdotool on the test display; its standard output, trimmed.
    fn xdotool(&self, args: &[&str]) -> Result<String> {
        let xdotool = find_program("xdotool", "apt-get install xdotool, or run scripts/dev test, which installs it")?;
        let output = Command::new(&xdotool)
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .with_context(|| format!("running xdotool {}", args.join(" ")))?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    }

    /// Answers the app's native save dialog titled `title` as a user would: types `path` into its name field and
    /// presses Enter. The dialog is a GTK window outside the webview, which WebDriver cannot reach, so the keys go
    /// through the X server with xdotool. No window manager runs under Xvfb: the dialog is given the focus directly.
    pub fn answer_save_dialog(&self, title: &str, path: &Path) -> Result<()> {
        let run = |args: &[&str]| self.xdotool(args);
        let deadline = Instant::now() + APPEAR;
        let window = loop {
            let found = run(&["search", "--onlyvisible", "--name", &format!("^{title}$")])?;
            if let Some(window) = found.lines().last().filter(|w| !w.is_empty()) {
                break window.to_string();
            }
            if Instant::now() > deadline {
                bail!("no save dialog titled {title:?} appeared within {} s", APPEAR.as_secs());
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        // Type the path as a user would; on a loaded machine GTK may not have focused its name field yet, so a dialog
        // still open a few seconds after Enter gets the same keys again.
        let typed = path.to_str().context("the export path is not UTF-8")?;
        for _attempt in 0..3 {
            std::thread::sleep(Duration::from_millis(500));
            run(&["windowfocus", "--sync", &window])?;
            run(&["key", "--clearmodifiers", "ctrl+a"])?;
            run(&["type", "--delay", "15", typed])?;
            std::thread::sleep(Duration::from_millis(200));
            run(&["key", "Return"])?;
            let closing = Instant::now() + Duration::from_secs(4);
            while Instant::now() < closing {
                if !run(&["search", "--onlyvisible", "--name", &format!("^{title}$")])?.lines().any(|w| w == window) {
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        bail!("the save dialog {title:?} did not take the path {typed}")
    }

    /// Answers the app's native open dialog titled `title` as a user would: opens its location field (Ctrl+L), types
    /// `path` and presses Enter, through the X server with xdotool, as [`Desktop::answer_save_dialog`] does.
    pub fn answer_open_dialog(&self, title: &str, path: &Path) -> Result<()> {
        let window = self.window_titled(title)?;
        let typed = path.to_str().context("the path is not UTF-8")?;
        let still_open = || -> Result<bool> {
            Ok(self
                .xdotool(&["search", "--onlyvisible", "--name", &format!("^{title}$")])?
                .lines()
                .any(|w| w == window))
        };
        for _attempt in 0..3 {
            std::thread::sleep(Duration::from_millis(500));
            self.xdotool(&["windowfocus", "--sync", &window])?;
            self.xdotool(&["key", "--clearmodifiers", "ctrl+l"])?;
            std::thread::sleep(Duration::from_millis(200));
            self.xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
            self.xdotool(&["type", "--delay", "15", typed])?;
            std::thread::sleep(Duration::from_millis(200));
            self.xdotool(&["key", "Return"])?;
            let closing = Instant::now() + Duration::from_secs(4);
            while Instant::now() < closing {
                if !still_open()? {
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        bail!("the open dialog {title:?} did not take the path {typed}")
    }

    /// Puts `text` on the clipboard of the test display: xclip owns the selection and answers requests for it
    /// until dropped. Returns once the text can be read back.
    pub fn copy_to_clipboard(&self, text: &str) -> Result<ClipboardText> {
        let xclip = find_program("xclip", "apt-get install xclip, or run scripts/dev test, which installs it")?;
        // -quiet keeps xclip in the foreground (it would fork otherwise), so that dropping ends it.
        let mut child = Command::new(&xclip)
            .args(["-selection", "clipboard", "-quiet"])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", xclip.display()))?;
        let mut stdin = child.stdin.take().context("xclip has no standard input")?;
        let owner = ClipboardText { _owner: Process(child) };
        stdin.write_all(text.as_bytes()).context("writing to xclip")?;
        drop(stdin);
        let deadline = Instant::now() + APPEAR;
        loop {
            let output = Command::new(&xclip)
                .args(["-selection", "clipboard", "-o"])
                .env("DISPLAY", &self.display)
                .output()
                .context("reading the clipboard back with xclip")?;
            if output.stdout == text.as_bytes() {
                return Ok(owner);
            }
            if Instant::now() > deadline {
                bail!("the clipboard did not take {text:?} within {} s", APPEAR.as_secs());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Text a program holds on the X clipboard of the test display, as when a user copies an address in a browser;
/// the clipboard is given up when this is dropped.
pub struct ClipboardText {
    _owner: Process,
}

/// Starts Xvfb on a free display from :90 up; returns the process and the `DISPLAY` value.
fn start_xvfb(program: &Path) -> Result<(Process, String)> {
    for number in 90..190 {
        if Path::new(&format!("/tmp/.X{number}-lock")).exists() {
            continue;
        }
        let display = format!(":{number}");
        let mut child = Process(
            Command::new(program)
                .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .with_context(|| format!("starting {}", program.display()))?,
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(_status) = child.0.try_wait()? {
                break; // Lost a race for this display: try the next one.
            }
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
                return Ok((child, display));
            }
            if Instant::now() > deadline {
                bail!("Xvfb did not open display {display} within 10 s");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    bail!("no free X display between :90 and :189")
}

/// Ends a session on what its test found: on a failure, first a screenshot named `failure_shot` of how the window
/// looked; then the app is closed. Returns `outcome`.
pub async fn close_after(client: Client, outcome: Result<()>, failure_shot: &str) -> Result<()> {
    if outcome.is_err() {
        let _ = screenshot(&client, failure_shot).await;
    }
    client.close().await?;
    outcome
}

/// Waits for the CSS selector to match and returns the element's text.
pub async fn text_of(client: &Client, css: &str) -> Result<String> {
    let element = client
        .wait()
        .at_most(APPEAR)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?;
    rendered_text(&element).await
}

/// The element's text as rendered (`innerText`). WebKitWebDriver's own "element text" answers "" for text inside a
/// `<button>`, which is where list rows keep theirs.
pub async fn rendered_text(element: &fantoccini::elements::Element) -> Result<String> {
    Ok(element.prop("innerText").await?.unwrap_or_default().trim().to_string())
}

/// Waits until `count` elements match the selector; returns their texts.
pub async fn texts_when(client: &Client, css: &str, count: usize) -> Result<Vec<String>> {
    let deadline = Instant::now() + APPEAR;
    loop {
        let elements = client.find_all(Locator::Css(css)).await?;
        if elements.len() == count {
            let mut texts = Vec::new();
            for element in elements {
                texts.push(rendered_text(&element).await?);
            }
            return Ok(texts);
        }
        if Instant::now() > deadline {
            bail!("expected {count} elements matching {css}, found {}", elements.len());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a screenshot of the window as `target/e2e-screenshots/<name>.png`.
pub async fn screenshot(client: &Client, name: &str) -> Result<PathBuf> {
    let png = client.screenshot().await.context("taking a screenshot")?;
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png)?;
    Ok(path)
}

/// The host name of test pages that play a page from the internet: the app reaches it through the proxy of
/// [`start_proxy`] (it is never resolved), so the core treats it as a public address.
pub const PUBLIC_HOST: &str = "news.example";

/// Starts a forward proxy on 127.0.0.1 for the app (its `ALL_PROXY`) and returns its address. Whatever host a request
/// names, it goes to 127.0.0.1 on the request's port, where the test server listens: plain requests are passed on
/// (their target made origin-form), `CONNECT` is tunnelled (so an https request still reaches the server, which logs
/// its handshake). Runs until the test binary exits.
pub fn start_proxy() -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").context("binding the test proxy")?;
    let address = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || proxy_one(client));
        }
    });
    Ok(address)
}

/// Passes one proxied request on to 127.0.0.1 at the port it names.
fn proxy_one(mut client: TcpStream) {
    use std::io::Read;
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match client.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).to_string();
    let Some((line, rest)) = text.split_once("\r\n") else { return };
    let mut parts = line.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return };
    let (authority, origin_form) = if method == "CONNECT" {
        (target.to_string(), String::new())
    } else {
        let Some(after_scheme) = target.strip_prefix("http://") else { return };
        let (authority, path) = after_scheme.split_at(after_scheme.find('/').unwrap_or(after_scheme.len()));
        (authority.to_string(), if path.is_empty() { "/".to_string() } else { path.to_string() })
    };
    let port = authority.rsplit(':').next().and_then(|p| p.parse::<u16>().ok()).unwrap_or(80);
    let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)) else { return };
    if method == "CONNECT" {
        if client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").is_err() {
            return;
        }
    } else if upstream.write_all(format!("{method} {origin_form} HTTP/1.1\r\n{rest}").as_bytes()).is_err() {
        return;
    }
    let (Ok(mut client_reader), Ok(mut upstream_writer)) = (client.try_clone(), upstream.try_clone()) else { return };
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_reader, &mut upstream_writer);
        let _ = upstream_writer.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut upstream, &mut client);
    let _ = client.shutdown(std::net::Shutdown::Write);
}

/// Paths the test server was asked for, in order.
pub type RequestLog = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// How long the test server keeps `/slow` waiting before it answers (a fetch to cancel).
const SLOW_ANSWER: Duration = Duration::from_secs(30);

/// What the test server logs for a connection that opened with a TLS handshake (an `https://` request).
pub const TLS_HELLO: &str = "<tls handshake>";

/// A local web server for the test: serves `pages` (path → HTML, or a PNG or JPEG image by the path's ending), keeps `/slow` waiting, answers 404 for anything
/// else, and logs every path asked for (and [`TLS_HELLO`] for an https request, which it cannot answer). Runs until the test's runtime ends; listens on 127.0.0.1 only.
pub async fn serve_pages(pages: Vec<(String, Vec<u8>)>) -> Result<(u16, RequestLog)> {
    serve_pages_on(0, pages).await
}

/// [`serve_pages`] on `port` (0 for any free one), for pages that must name their own address.
pub async fn serve_pages_on(port: u16, pages: Vec<(String, Vec<u8>)>) -> Result<(u16, RequestLog)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let port = listener.local_addr()?.port();
    let pages = std::sync::Arc::new(pages);
    let log = RequestLog::default();
    let requests = log.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let pages = pages.clone();
            let requests = requests.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n")
                    && request.first() != Some(&22)
                    && request.len() < 65536
                {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                // A TLS handshake (its first byte is 22): someone asked for an https address on this port. Logged
                // as such, so a test can prove that no https request reached the server.
                if request.first() == Some(&22) {
                    requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(TLS_HELLO.to_string());
                    return;
                }
                let line = String::from_utf8_lossy(&request);
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path.clone());
                if path == "/slow" {
                    tokio::time::sleep(SLOW_ANSWER).await;
                }
                let (status, body): (&str, &[u8]) = match pages.iter().find(|(p, _)| *p == path) {
                    Some((_, body)) => ("200 OK", body),
                    None => ("404 Not Found", b"<html><body><h1>Not found</h1></body></html>"),
                };
                let media_type = match path.rsplit('.').next() {
                    Some("png") if status.starts_with("200") => "image/png",
                    Some("jpg") if status.starts_with("200") => "image/jpeg",
                    _ => "text/html; charset=utf-8",
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Ok((port, log))
}

/// Waits until the article frame matching the selector shows text; returns the text of its document.
pub async fn frame_text(client: &Client, css: &str) -> Result<String> {
    let deadline = Instant::now() + APPEAR;
    loop {
        let text = client
            .execute(
                "const f = document.querySelector(arguments[0]); \
                 return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';",
                vec![serde_json::Value::String(css.to_string())],
            )
            .await?;
        let text = text.as_str().unwrap_or_default().trim().to_string();
        if !text.is_empty() {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("the frame {css} shows no text within {} s", APPEAR.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types `text` into the element matching the selector (after it appears).
pub async fn type_into(client: &Client, css: &str, text: &str) -> Result<()> {
    let element = client
        .wait()
        .at_most(APPEAR)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?;
    element.send_keys(text).await.with_context(|| format!("typing into {css}"))?;
    Ok(())
}

/// Waits until the element matching the selector shows text containing `needle`; returns that text.
pub async fn wait_for_text(client: &Client, css: &str, needle: &str) -> Result<String> {
    let deadline = Instant::now() + APPEAR;
    loop {
        let mut last = String::new();
        for element in client.find_all(Locator::Css(css)).await? {
            last = rendered_text(&element).await?;
            if last.contains(needle) {
                return Ok(last);
            }
        }
        if Instant::now() > deadline {
            bail!("no element matching {css} shows {needle:?} (last seen: {last:?})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
