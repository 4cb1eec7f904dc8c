//! The browser extension end to end: the built extension (`extension/dist/chromium`) in a real headless Chromium,
//! driven through chromedriver as a reader would use it, clipping from a subscriber site ([`site`]) to the real
//! `cuttings serve`, then the library itself checked for what was saved.
//!
//! [`Harness::start`] 1. finds Chromium, chromedriver and the built extension, failing with a message naming what
//! to install or build (only `CUTTINGS_SKIP_BROWSER_TESTS=1` skips the test); 2. starts the site, `cuttings serve`
//! on a free port with a new library (one folder made beforehand; the passage goes to a new one typed in the popup) and
//! chromedriver; 3. opens a WebDriver session on Chromium with the extension loaded. The test itself plays the
//! reader: log in, open the popup in a second tab (WebDriver cannot click the toolbar), pair, clip the page, clip
//! it again (the duplicate answer, Save a copy), then clip a selection.
//!
//! Every child process is ended, by its id, when the [`Harness`] drops, whether the test passed or not; the
//! WebDriver session is closed first so that chromedriver ends the Chromium it started.

mod site;

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use cuttings::store::{ClipSource, Clipping, ClippingFilter, Library, SortOrder};
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use serde_json::{Value, json};

use site::{HEADLINE, PARAGRAPHS, Site, WALL};

/// The extension's id, fixed by the public key in its manifest.
const EXTENSION_ID: &str = "kaohbiokcmdbbohijhehcpiaboofkikg";

/// Set to `1` to skip this test where no browser can run; anywhere else a missing piece fails it.
const SKIP_VARIABLE: &str = "CUTTINGS_SKIP_BROWSER_TESTS";

/// How long anything may take to show up: a page, a view of the popup, a clip's outcome.
const APPEAR: Duration = Duration::from_secs(20);

/// How often a condition is looked at while waiting for it.
const POLL: Duration = Duration::from_millis(100);

/// The folder the reader files the clippings in (made in the library before the popup opens).
const FOLDER: &str = "Press/Harbour";

/// The folder the reader types for the passage, which Cuttings makes.
const NEW_FOLDER: &str = "Press/Passages";

/// The tags typed in the popup, and the tags the clipping must have (sorted ignoring case).
const TAGS_TYPED: &str = "harbour, #Council";
const TAGS_SAVED: [&str; 2] = ["Council", "harbour"];

/// The note typed in the popup.
const NOTE: &str = "For the Monday review: **quote the dock workers**.";

#[tokio::test]
async fn a_subscriber_page_built_by_script_is_clipped_through_the_popup_with_its_image() {
    if std::env::var(SKIP_VARIABLE).is_ok_and(|v| v == "1") {
        println!("skipped: {SKIP_VARIABLE}=1 (the extension's end-to-end test needs Chromium and chromedriver)");
        return;
    }
    let started = Instant::now();
    let harness = match Harness::start().await {
        Ok(harness) => harness,
        Err(error) => panic!("{error:#}"),
    };
    let outcome = harness.run(clip_as_a_reader).await;
    if let Err(error) = outcome {
        panic!("{error:#}");
    }
    println!("extension end-to-end test: {:.1} s", started.elapsed().as_secs_f64());
}

/// The reader's session: every step of the extension's use, each checked in the popup and then in the library.
async fn clip_as_a_reader(client: Client, world: World) -> Result<()> {
    let article = world.site.url("/article");

    // 1. Without the session the article is a wall; logging in sets the cookie and sends the reader to the article,
    //    which its script then fills.
    client.goto(&article).await?;
    let shown = client.find(Locator::Css("body")).await?.text().await?;
    ensure!(shown.contains(WALL) && !shown.contains(PARAGRAPHS[0]), "logged out, the wall only: {shown}");
    client.goto(&world.site.url("/login")).await?;
    ensure!(client.current_url().await?.as_str() == article, "the login lands on the article");
    wait_for_script(&client, "return document.body.dataset.ready === 'yes'", "the article's script to run").await?;
    let shown = client.find(Locator::Css("article")).await?.text().await?;
    ensure!(shown.contains(PARAGRAPHS[0]) && !shown.contains(WALL), "logged in, the article shows: {shown}");
    let article_tab = client.window().await?;

    // 2. The popup in a second tab, naming the article's tab by its address; the first time, it asks to pair.
    let popup_tab = client.new_window(true).await?.handle;
    client.switch_to_window(popup_tab.clone()).await?;
    let popup = popup_url(&article);
    client.goto(&popup).await?;
    // The popup looks on the default port first, where nothing (or another library's server) answers.
    if wait_for_view(&client, &["pair", "offline"]).await? == "offline" {
        click(&client, "#change-port").await?;
        wait_for_view(&client, &["pair"]).await?;
    }
    fill(&client, "#pair-port", &world.port.to_string()).await?;
    fill(&client, "#pair-token", &world.token).await?;
    click(&client, "#pair-button").await?;
    wait_for_view(&client, &["clip"]).await?;
    let title = client.find(Locator::Css("#page-title")).await?.text().await?;
    ensure!(title.starts_with(HEADLINE), "the popup names the page: {title:?}");

    // 3. File it, tag it, note it, clip it.
    client.find(Locator::Css("#folder")).await?.select_by_value(FOLDER).await?;
    fill(&client, "#tags", TAGS_TYPED).await?;
    fill(&client, "#note", NOTE).await?;
    screenshot(&client, "form").await?;
    click(&client, "#clip-page").await?;
    let said = wait_for_status(&client, &["Saved"]).await?;
    ensure!(said.contains(HEADLINE) && said.contains("Press › Harbour"), "the popup says where it went: {said}");
    screenshot(&client, "saved").await?;

    let library = Library::open(&world.library)?;
    let clippings = newest_clippings(&library)?;
    ensure!(clippings.len() == 1, "one clipping saved, not {}", clippings.len());
    let first = &clippings[0];
    check_whole_article(first);
    let folder = library.folder_at_path(FOLDER)?;
    ensure!(folder.is_some() && first.summary.folder == folder, "filed in {FOLDER}: {:?}", first.summary.folder);
    ensure!(first.summary.tags == TAGS_SAVED, "tags as typed (cleaned): {:?}", first.summary.tags);
    let notes: Vec<&str> = first.notes.iter().map(|n| n.body.as_str()).collect();
    ensure!(notes == [NOTE], "the note as typed: {notes:?}");
    ensure!(first.html.contains("cuttings-image://"), "the photo is stored with the clipping: {}", first.html);
    let images = library.clipping_images(first.summary.id)?;
    let stored: Vec<_> = images.iter().filter(|image| image.sha256.is_some()).collect();
    ensure!(stored.len() == 1, "one image stored: {images:?}");
    ensure!(stored[0].url == world.site.url("/img/photo.png"), "the article's photo: {}", stored[0].url);
    ensure!(stored[0].media_type.as_deref() == Some("image/png"), "stored as a PNG: {:?}", stored[0].media_type);
    let photo_fetches: Vec<_> = world.site.visits().into_iter().filter(|v| v.path == "/img/photo.png").collect();
    ensure!(
        !photo_fetches.is_empty() && photo_fetches.iter().all(|v| v.logged_in),
        "the photo was fetched by the browser, with the session: {photo_fetches:?}"
    );

    // 4. The same page again: already in the library; Open is offered (no window under `cuttings serve`), and Save a
    //    copy saves a second one. The popup remembers the folder.
    client.goto(&popup).await?;
    wait_for_view(&client, &["clip"]).await?;
    let remembered = client.find(Locator::Css("#folder")).await?.prop("value").await?;
    ensure!(remembered.as_deref() == Some(FOLDER), "the last folder is chosen again: {remembered:?}");
    click(&client, "#clip-page").await?;
    let said = wait_for_status(&client, &["Already in your library"]).await?;
    ensure!(said.contains(HEADLINE), "the duplicate answer names the clipping: {said}");
    ensure!(is_displayed(&client, "#open-clipping").await? && is_displayed(&client, "#save-copy").await?);
    screenshot(&client, "duplicate").await?;
    click(&client, "#open-clipping").await?;
    wait_for_status(&client, &["Already in your library"]).await?;
    wait_until(&client, "the popup to say the app must be open", |client| async move {
        Ok(status_text(&client).await?.contains("Open the Cuttings app to read it"))
    })
    .await?;
    click(&client, "#save-copy").await?;
    wait_for_status(&client, &["Saved"]).await?;
    let clippings = newest_clippings(&Library::open(&world.library)?)?;
    ensure!(clippings.len() == 2, "a copy saved: {} clippings", clippings.len());
    ensure!(clippings[0].summary.id != first.summary.id, "the copy is a clipping of its own");
    check_whole_article(&clippings[0]);

    // 5. A passage selected in the article: Clip selection saves that passage only (as a copy: the address is known).
    client.switch_to_window(article_tab).await?;
    let selected = client
        .execute(
            "const p = document.querySelectorAll('#story p')[1];
             const range = document.createRange();
             range.selectNodeContents(p);
             const selection = window.getSelection();
             selection.removeAllRanges();
             selection.addRange(range);
             return selection.toString();",
            vec![],
        )
        .await?;
    ensure!(selected == json!(PARAGRAPHS[1]), "the passage is selected: {selected}");
    client.switch_to_window(popup_tab).await?;
    client.goto(&popup).await?;
    wait_for_view(&client, &["clip"]).await?;
    ensure!(is_displayed(&client, "#clip-selection").await?, "Clip selection is offered for a selection");
    // Filed in a folder that does not exist yet: typed after "New folder…", made by Cuttings.
    client.find(Locator::Css("#folder")).await?.select_by_label("New folder…").await?;
    ensure!(is_displayed(&client, "#new-folder").await?, "New folder… shows the field for its path");
    client.find(Locator::Css("#new-folder")).await?.send_keys(NEW_FOLDER).await?;
    click(&client, "#clip-selection").await?;
    if wait_for_status(&client, &["Saved", "Already in your library"]).await?.starts_with("Already") {
        click(&client, "#save-copy").await?;
        wait_for_status(&client, &["Saved"]).await?;
    }
    let clippings = newest_clippings(&Library::open(&world.library)?)?;
    ensure!(clippings.len() == 3, "the passage saved: {} clippings", clippings.len());
    let passage = &clippings[0];
    ensure!(passage.text.trim() == PARAGRAPHS[1], "the passage only: {:?}", passage.text);
    ensure!(passage.summary.title == HEADLINE, "the page gives the title: {:?}", passage.summary.title);
    ensure!(passage.source == Some(ClipSource::Browser), "from the browser: {:?}", passage.source);
    let made = Library::open(&world.library)?.folder_at_path(NEW_FOLDER)?;
    ensure!(made.is_some() && passage.summary.folder == made, "filed in the new {NEW_FOLDER}: {made:?}");
    Ok(())
}

/// Checks that a clipping holds the article as the logged-in reader saw it: every paragraph the script built, none
/// of the wall or the page's furniture, with the page's title, remembered as clipped from the browser.
fn check_whole_article(clipping: &Clipping) {
    for paragraph in PARAGRAPHS {
        assert!(clipping.text.contains(paragraph), "the script's paragraph {paragraph:?} is in: {}", clipping.text);
    }
    assert!(!clipping.text.contains(WALL), "no wall in: {}", clipping.text);
    assert!(!clipping.text.contains("All rights reserved"), "no footer in: {}", clipping.text);
    assert_eq!(clipping.summary.title, HEADLINE);
    assert_eq!(clipping.source, Some(ClipSource::Browser));
}

/// Every clipping of the library, newest first.
fn newest_clippings(library: &Library) -> Result<Vec<Clipping>> {
    let summaries = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 100, 0)?;
    Ok(summaries.into_iter().map(|s| library.clipping(s.id)).collect::<Result<_, _>>()?)
}

/// The popup's address, naming the page to clip by its address.
fn popup_url(page: &str) -> String {
    let page: String = url::form_urlencoded::byte_serialize(page.as_bytes()).collect();
    format!("chrome-extension://{EXTENSION_ID}/popup.html?url={page}")
}

/// Replaces the value of the field at `selector` by typing `text` into it.
async fn fill(client: &Client, selector: &str, text: &str) -> Result<()> {
    let field = client.find(Locator::Css(selector)).await.with_context(|| format!("finding {selector}"))?;
    field.clear().await?;
    field.send_keys(text).await.with_context(|| format!("typing into {selector}"))?;
    Ok(())
}

/// Clicks the element at `selector`.
async fn click(client: &Client, selector: &str) -> Result<()> {
    let element = client.find(Locator::Css(selector)).await.with_context(|| format!("finding {selector}"))?;
    element.click().await.with_context(|| format!("clicking {selector}"))
}

/// Whether the element at `selector` is shown.
async fn is_displayed(client: &Client, selector: &str) -> Result<bool> {
    Ok(client.find(Locator::Css(selector)).await?.is_displayed().await?)
}

/// The text of the popup's `#status` ("" while it is hidden).
async fn status_text(client: &Client) -> Result<String> {
    Ok(client.find(Locator::Css("#status")).await?.text().await?)
}

/// Polls `ready` every [`POLL`] until it holds, failing after [`APPEAR`] with `what` was awaited.
async fn wait_until<F, Fut>(client: &Client, what: &str, ready: F) -> Result<()>
where
    F: Fn(Client) -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    let deadline = Instant::now() + APPEAR;
    loop {
        if ready(client.clone()).await? {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("waited {} s for {what}", APPEAR.as_secs());
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the page's `script` returns `true`.
async fn wait_for_script(client: &Client, script: &str, what: &str) -> Result<()> {
    wait_until(client, what, |client| async move { Ok(client.execute(script, vec![]).await? == Value::Bool(true)) })
        .await
}

/// Waits until the popup shows one of `views` (`pair`, `clip`, `offline`, `result`, …) and returns it; fails at
/// once, with the popup's message, when it shows the "not running" view instead.
async fn wait_for_view(client: &Client, views: &[&str]) -> Result<String> {
    let deadline = Instant::now() + APPEAR;
    loop {
        let shown = client.execute("return document.body.dataset.view ?? null", vec![]).await?;
        if let Some(view) = shown.as_str().filter(|shown| views.contains(shown)) {
            return Ok(view.to_string());
        }
        if shown == json!("offline") || Instant::now() > deadline {
            bail!("the popup shows {shown} instead of {views:?}: {:?}", status_text(client).await?);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until `#status` starts with one of `beginnings`, and returns its text; fails, with the last text shown,
/// when it says something else once the clip is over.
async fn wait_for_status(client: &Client, beginnings: &[&str]) -> Result<String> {
    let deadline = Instant::now() + APPEAR;
    loop {
        let text = status_text(client).await?;
        if beginnings.iter().any(|b| text.starts_with(b)) {
            return Ok(text);
        }
        let busy = client.find(Locator::Css("#status.busy")).await.is_ok();
        let view = client.execute("return document.body.dataset.view ?? null", vec![]).await?;
        if (!busy && !text.is_empty() && view != json!("result")) || Instant::now() > deadline {
            bail!("the popup says {text:?} (view {view}), not {beginnings:?}");
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Saves a picture of the popup as `target/e2e-screenshots/extension-NAME.png`.
async fn screenshot(client: &Client, name: &str) -> Result<()> {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).with_context(|| format!("making {}", dir.display()))?;
    let png = client.find(Locator::Css("body")).await?.screenshot().await?;
    let path = dir.join(format!("extension-{name}.png"));
    std::fs::write(&path, png).with_context(|| format!("writing {}", path.display()))
}

/// Cargo's target folder: `CARGO_TARGET_DIR` if set, else `target/` in the repository.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

// ---------------------------------------------------------------------------------------------------------------
// The harness: the site, `cuttings serve`, chromedriver and the WebDriver session.
// ---------------------------------------------------------------------------------------------------------------

/// What the reader's session works with.
struct World {
    /// The subscriber site.
    site: Site,
    /// The library `cuttings serve` serves.
    library: PathBuf,
    /// The API's port.
    port: u16,
    /// The pairing token, as `cuttings token` printed it.
    token: String,
}

/// A child process ended by its id when dropped: SIGTERM first, SIGKILL if it is still there after a few seconds.
/// With `group`, the signal goes to the process group the child leads (chromedriver and the Chromium it started).
struct Process {
    child: Child,
    group: bool,
}

impl Drop for Process {
    fn drop(&mut self) {
        let Ok(pid) = libc::pid_t::try_from(self.child.id()) else { return };
        let target = if self.group { -pid } else { pid };
        // SAFETY: kill(2) on our own child (or the group it leads), not yet waited for, so the id is still ours.
        unsafe { libc::kill(target, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if self.group {
            // SAFETY: as above; whatever of the group is left (a Chromium helper) is ended too.
            unsafe { libc::kill(target, libc::SIGKILL) };
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everything one run started. Fields drop in order: the session first, then chromedriver (and its Chromium),
/// then `cuttings serve`, then the temporary folder.
struct Harness {
    client: Option<Client>,
    _chromedriver: Process,
    _serve: Process,
    world: Option<World>,
    _folder: tempfile::TempDir,
}

impl Harness {
    /// Finds the tools, starts the site, `cuttings serve` and chromedriver, and opens the WebDriver session.
    async fn start() -> Result<Harness> {
        // 1. Everything needed, or a failure that says what to do.
        let chromium = find_program(&["chromium", "chromium-browser"], "apt-get install chromium")?;
        let chromedriver = find_program(&["chromedriver"], "apt-get install chromium-driver")?;
        let extension = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/dist/chromium");
        ensure!(
            extension.join("manifest.json").is_file(),
            "the extension is not built ({} is missing): cd extension && npm ci && npm run build \
             (or set {SKIP_VARIABLE}=1 to skip this test)",
            extension.join("manifest.json").display()
        );
        let extension = extension.canonicalize()?;

        // 2. The site, the served library (with the folder the reader files in), chromedriver.
        let site = Site::start().context("starting the test site")?;
        let folder = tempfile::tempdir()?;
        let library = folder.path().join("library.db");
        Library::open(&library)?.ensure_folder_path(FOLDER)?;
        let port = free_port()?;
        let serve = Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(["serve", "--port", &port.to_string(), "--library"])
            .arg(&library)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting cuttings serve")?;
        let mut serve = Process { child: serve, group: false };
        wait_for_api(&mut serve, port).await?;
        let token =
            Command::new(env!("CARGO_BIN_EXE_cuttings")).arg("token").arg("--library").arg(&library).output()?;
        ensure!(token.status.success(), "cuttings token failed: {}", String::from_utf8_lossy(&token.stderr));
        let token = String::from_utf8(token.stdout)?.trim().to_string();

        let driver_port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={driver_port}"))
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {}", chromedriver.display()))?;
        let mut chromedriver = Process { child: driver, group: true };
        let deadline = Instant::now() + APPEAR;
        while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
            if let Some(status) = chromedriver.child.try_wait()? {
                bail!("chromedriver exited at start ({status})");
            }
            ensure!(Instant::now() < deadline, "chromedriver did not listen on port {driver_port}");
            tokio::time::sleep(POLL).await;
        }

        // 3. Chromium with the extension, in a profile of its own.
        let profile = folder.path().join("chromium-profile");
        let extension = extension.display();
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--load-extension={extension}"),
                    format!("--disable-extensions-except={extension}"),
                    "--window-size=1000,900",
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!("a JSON object literal") };
        let client = ClientBuilder::rustls()?
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .context("starting Chromium through chromedriver")?;
        Ok(Harness {
            client: Some(client),
            _chromedriver: chromedriver,
            _serve: serve,
            world: Some(World { site, library, port, token }),
            _folder: folder,
        })
    }

    /// Runs the test's steps, then closes the WebDriver session (Chromium ends) whatever happened, a panic included,
    /// which is then passed on.
    async fn run<F, Fut>(mut self, steps: F) -> Result<()>
    where
        F: FnOnce(Client, World) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let (Some(client), Some(world)) = (self.client.take(), self.world.take()) else { bail!("run twice") };
        let outcome = AssertUnwindSafe(steps(client.clone(), world)).catch_unwind().await;
        let _ = client.close().await;
        drop(self);
        match outcome {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

/// Waits until `cuttings serve` answers `GET /api/v1/status` on `port`, failing if it exits first.
async fn wait_for_api(serve: &mut Process, port: u16) -> Result<()> {
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/api/v1/status");
    let deadline = Instant::now() + APPEAR;
    loop {
        if let Ok(answer) = http.get(&url).send().await
            && answer.status().is_success()
        {
            let status: Value = serde_json::from_str(&answer.text().await?)?;
            ensure!(status["server"] == json!("serve"), "cuttings serve answers: {status}");
            return Ok(());
        }
        if let Some(status) = serve.child.try_wait()? {
            bail!("cuttings serve exited at start ({status})");
        }
        ensure!(Instant::now() < deadline, "cuttings serve did not answer on port {port}");
        tokio::time::sleep(POLL).await;
    }
}

/// The first of `names` found on `PATH`, or an error saying how to install it.
fn find_program(names: &[&str], install: &str) -> Result<PathBuf> {
    let dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    names.iter().flat_map(|name| dirs.iter().map(move |dir| dir.join(name))).find(|path| path.is_file()).with_context(
        || {
            format!(
                "the extension's end-to-end test needs {}: {install} (or set {SKIP_VARIABLE}=1 to skip it)",
                names[0]
            )
        },
    )
}

/// A TCP port of 127.0.0.1 that nobody listens on right now.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
