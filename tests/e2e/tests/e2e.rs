//! End-to-end tests of the desktop app: the real debug binary, driven over WebDriver (tauri-driver and
//! WebKitWebDriver) under a private Xvfb, on temporary libraries made with the core API.
//!
//! Needs `cargo build -p cuttings-desktop` first, and Xvfb, tauri-driver and WebKitWebDriver installed
//! (`scripts/dev test` does both). A missing piece fails the test with a message naming it: nothing is skipped.
//! Screenshots land in `target/e2e-screenshots/`.

mod harness;

use std::path::Path;

use anyhow::{Context, Result, ensure};
use cuttings::clip::{Filing, WholePage, prepare_file};
use cuttings::store::{AddOutcome, ClippingId, Library};
use fantoccini::{Client, Locator};
use harness::{Desktop, screenshot, text_of, texts_when};

/// One end-to-end run at a time: each starts its own X server and app, and two at once only slow both down.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A fixture page and the address it was served from (from its expected.json).
fn fixture(name: &str) -> Result<(std::path::PathBuf, String)> {
    let dir = harness::repo_root().join("tests/fixtures").join(name);
    let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json"))?)?;
    let url = expected["url"].as_str().context("expected.json has no url")?.to_string();
    Ok((dir.join("page.html"), url))
}

/// Clips a fixture page into `library`, filed as asked; returns its id.
fn clip(library: &mut Library, name: &str, filing: Filing) -> Result<ClippingId> {
    let (page, url) = fixture(name)?;
    let prepared = prepare_file(&page, &url, WholePage::Refuse)?;
    match library.add_clipping(prepared.into_new_clipping(filing))? {
        AddOutcome::Added(id) => Ok(id),
        AddOutcome::Duplicate { existing } => anyhow::bail!("{name} is already clipped as {}", existing.id),
    }
}

/// A library with three clippings: one in Politics/Korea tagged "korea", two in the Inbox.
fn sample_library(path: &Path) -> Result<()> {
    let mut library = Library::open(path)?;
    let politics = library.create_folder(None, "Politics")?;
    let korea = library.create_folder(Some(politics), "Korea")?;
    let filed = Filing { folder: Some(korea), tags: vec!["korea".into()], ..Filing::default() };
    clip(&mut library, "rfa-kim-cliques", filed)?;
    clip(&mut library, "en-lists-blockquote", Filing::default())?;
    clip(&mut library, "en-gov-press-release-dc", Filing::default())?;
    Ok(())
}

async fn click(client: &Client, css: &str) -> Result<()> {
    client
        .wait()
        .at_most(harness::APPEAR)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?
        .click()
        .await
        .with_context(|| format!("clicking {css}"))?;
    Ok(())
}

/// Waits until the list heading reads `expected`.
async fn heading_is(client: &Client, expected: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + harness::APPEAR;
    loop {
        let heading = text_of(client, "[data-testid=list-heading]").await?;
        if heading == expected {
            return Ok(());
        }
        ensure!(std::time::Instant::now() < deadline, "the list heading reads {heading:?}, not {expected:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn run_main_window(client: &Client) -> Result<()> {
    // The list opens on all clippings, newest first.
    let titles = texts_when(client, "[data-testid=clipping-row] .title", 3).await?;
    ensure!(titles.iter().any(|t| t.contains("Kim Warns Against")), "{titles:?}");
    let outlets = texts_when(client, "[data-testid=clipping-row] .outlet", 3).await?;
    ensure!(outlets.iter().any(|o| o == "Radio Free Asia"), "{outlets:?}");

    // The sidebar shows the top folder, the tag with its count, Inbox and Trash.
    let sidebar = text_of(client, "[data-testid=sidebar]").await?;
    for expected in ["All clippings", "Inbox", "Politics", "#korea", "Trash"] {
        ensure!(sidebar.contains(expected), "sidebar lacks {expected:?}: {sidebar}");
    }

    // Expanding Politics shows Korea; selecting Korea lists only its clipping, with its date.
    click(client, "[role=treeitem] .twisty").await?;
    let folders = texts_when(client, "[data-testid=folder] .name", 2).await?;
    ensure!(folders == ["Politics", "Korea"], "{:?}", folders);
    click(client, "[role=treeitem]:nth-child(2) [data-testid=folder]").await?;
    heading_is(client, "Korea").await?;
    let rows = texts_when(client, "[data-testid=clipping-row]", 1).await?;
    ensure!(rows[0].contains("15 Dec 2016"), "{rows:?}");

    // The reader shows the sanitised article.
    click(client, "[data-testid=clipping-row]").await?;
    let title = text_of(client, "[data-testid=reader-title]").await?;
    ensure!(title.contains("Kim Warns Against"), "{title}");
    let body = text_of(client, "[data-testid=reader-body]").await?;
    ensure!(body.contains("Yanggang provincial party chairman"), "{body}");
    ensure!(!body.contains("Add comment"), "the comment form leaked into the article: {body}");
    screenshot(client, "main").await?;

    // A link in the article does not navigate the window.
    let before = client.current_url().await?;
    click(client, "[data-testid=reader-original]").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let after = client.current_url().await?;
    ensure!(after == before, "clicking a link navigated the app window to {after}");
    ensure!(before.scheme() == "tauri" || before.host_str() == Some("tauri.localhost"), "{before}");

    // The tag lists its clipping; the Inbox the two unfiled ones.
    click(client, "[data-testid=tag]").await?;
    heading_is(client, "#korea").await?;
    texts_when(client, "[data-testid=clipping-row]", 1).await?;
    click(client, "[data-testid=place-inbox]").await?;
    texts_when(client, "[data-testid=clipping-row]", 2).await?;
    click(client, "[data-testid=place-trash]").await?;
    heading_is(client, "Trash").await?;
    Ok(())
}

#[tokio::test]
async fn main_window_shows_folders_tags_list_and_reader() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let library = dir.path().join("library.db");
    sample_library(&library)?;
    let desktop = Desktop::start()?;
    let client = desktop.session(&library).await?;
    let outcome = run_main_window(&client).await;
    if outcome.is_err() {
        let _ = screenshot(&client, "main-failure").await;
    }
    client.close().await?;
    outcome
}

#[tokio::test]
async fn empty_library_shows_how_to_start() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let desktop = Desktop::start()?;
    let client = desktop.session(&dir.path().join("new.db")).await?;
    let outcome = async {
        let text = text_of(&client, "[data-testid=list-empty]").await?;
        assert!(text.contains("Your library is empty"), "{text}");
        assert!(text.contains("cuttings add"), "{text}");
        Ok(())
    }
    .await;
    client.close().await?;
    outcome
}

#[tokio::test]
async fn a_file_that_is_not_a_library_is_named_in_plain_words() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "shopping list: bread, milk, and a long enough line to fill an SQLite header page")?;
    let desktop = Desktop::start()?;
    let client = desktop.session(&path).await?;
    let outcome = async {
        let text = text_of(&client, "[data-testid=open-error]").await?;
        assert!(text.contains("cannot open the library"), "{text}");
        assert!(text.contains("notes.txt"), "{text}");
        assert!(text.contains("not a Cuttings library"), "{text}");
        Ok(())
    }
    .await;
    client.close().await?;
    // The file was not touched.
    assert!(std::fs::read_to_string(&path)?.starts_with("shopping list"));
    outcome
}
