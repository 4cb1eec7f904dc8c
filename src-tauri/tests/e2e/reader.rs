//! The reader's Highlights panel (issue 17): comments rendered as notes are, a click on a mark in the sandboxed
//! article frame choosing its highlight in the panel, the panel shown and hidden from the reader's tools for every
//! clipping, a search that finds a word only in a highlight's comment saying so in the result list, and the export
//! dialog's options for highlights (a PDF digest, the Markdown's mark style).

use std::path::Path;

use anyhow::{Context, Result, ensure};
use cuttings::clip::Filing;
use cuttings::store::{ClippingId, Library, NewHighlight};
use fantoccini::{Client, Locator};

use crate::harness::{self, Desktop, screenshot, text_of, type_into, wait_for_text};
use crate::{ONE_AT_A_TIME, click, click_in_view, clip, marks_when};

/// The passages highlighted in setup, in reading order, with their comments. The last is far down the article, so
/// that the panel (which scrolls on its own) has to scroll to show it.
const PASSAGES: [(&str, Option<&str>); 6] = [
    ("more than 400 people", Some("Check the **official** figure")),
    ("Drink water regularly", None),
    ("Keep curtains closed", Some("A *good* tip")),
    ("Check on elderly neighbours", None),
    ("Heat exhaustion can turn into heatstroke", Some("Quote this in the review")),
    ("Riverside Community Hall", Some("Ask the **walrus** desk about its opening hours")),
];

/// A library with the heatwave story, highlighted as [`PASSAGES`] says, and a press release without highlights.
fn highlighted_library(path: &Path) -> Result<(ClippingId, ClippingId, Vec<i64>)> {
    let mut library = Library::open(path)?;
    let heatwave = clip(&mut library, "en-lists-blockquote", Filing::default())?;
    let release = clip(&mut library, "en-gov-press-release-dc", Filing::default())?;
    let mut ids = Vec::new();
    for (quote, comment) in PASSAGES {
        let highlight = library
            .add_highlight(
                heatwave,
                &NewHighlight { quote: quote.into(), comment: comment.map(String::from), ..NewHighlight::default() },
            )
            .with_context(|| format!("highlighting {quote:?}"))?;
        ids.push(highlight.selectors.position.map(|_| highlight.id.0).context("placed")?);
    }
    Ok((heatwave, release, ids))
}

/// Opens the clipping `id` from the list.
async fn open_clipping(client: &Client, id: ClippingId) -> Result<()> {
    click(client, &format!("[data-testid=clipping-row][data-clipping-id='{}']", id.0)).await
}

/// Clicks the mark of highlight `id` inside the article frame, as a user would (WebDriver's click on an element of
/// the frame: the engine's own mouse events, no script of the page or of the app).
async fn click_mark(client: &Client, id: i64) -> Result<()> {
    let frame = client.find(Locator::Css("[data-testid=reader-body]")).await?;
    frame.enter_frame().await.context("entering the article frame")?;
    let clicked = async {
        client.find(Locator::Css(&format!("mark[data-highlight-id='{id}']"))).await?.click().await?;
        Ok::<(), anyhow::Error>(())
    }
    .await;
    client.enter_parent_frame().await.context("leaving the article frame")?;
    clicked.with_context(|| format!("clicking the mark of highlight {id}"))
}

/// Waits until the panel's chosen entry is highlight `id`, and checks that the panel shows it (scrolled to it).
async fn chosen_is(client: &Client, id: i64) -> Result<()> {
    let deadline = std::time::Instant::now() + harness::APPEAR;
    loop {
        let seen = client
            .execute(
                "const panel = document.querySelector('[data-testid=highlight-panel]'); \
                 const item = panel && panel.querySelector('[data-testid=highlight-item].chosen'); \
                 if (!item) return null; \
                 const p = panel.getBoundingClientRect(), r = item.getBoundingClientRect(); \
                 return [Number(item.dataset.highlightId), r.top >= p.top - 1 && r.bottom <= p.bottom + 1];",
                vec![],
            )
            .await?;
        if serde_json::from_value::<Option<(i64, bool)>>(seen.clone())? == Some((id, true)) {
            return Ok(());
        }
        ensure!(std::time::Instant::now() < deadline, "the panel's chosen entry is {seen}, not highlight {id} in view");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Where an element is in the window.
#[derive(Debug, serde::Deserialize)]
struct Rect {
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
}

/// Where the Highlights panel and the article frame are.
async fn layout(client: &Client) -> Result<(Rect, Rect)> {
    let rects = client
        .execute(
            "const rect = (css) => { const r = document.querySelector(css).getBoundingClientRect(); \
               return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }; \
             return [rect('[data-testid=highlight-panel]'), rect('[data-testid=reader-body]')];",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(rects)?)
}

/// Whether the Highlights panel is shown.
async fn panel_shown(client: &Client) -> Result<bool> {
    Ok(!client.find_all(Locator::Css("[data-testid=highlight-panel]")).await?.is_empty())
}

async fn run_reader_panel(desktop: &Desktop, library: &Path) -> Result<()> {
    let (heatwave, release, ids) = highlighted_library(library)?;
    let client = desktop.session(library).await?;
    let outcome = async {
        open_clipping(&client, heatwave).await?;
        let marks = marks_when(&client, PASSAGES.len()).await?;
        ensure!(marks[0].2 == "more than 400 people", "{marks:?}");

        // Comments are rendered as notes are: Markdown through the core, sanitised.
        let bold = text_of(&client, "[data-testid=highlight-comment-body] strong").await?;
        ensure!(bold == "official", "{bold}");
        let emphasis = text_of(&client, "[data-highlight-id] [data-testid=highlight-comment-body] em").await?;
        ensure!(emphasis == "good", "{emphasis}");
        let rendered = client.find_all(Locator::Css("[data-testid=highlight-comment-body]")).await?.len();
        ensure!(rendered == 4, "{rendered} comments rendered, not 4");
        // Edit comment shows its Markdown.
        click_in_view(&client, "[data-testid=highlight-comment-edit]").await?;
        let source =
            client.find(Locator::Css("[data-testid=highlight-comment]:not([hidden])")).await?.prop("value").await?;
        ensure!(source.as_deref() == Some("Check the **official** figure"), "{source:?}");
        click_in_view(&client, "[data-testid=reader-title]").await?;

        // A click on a mark in the article chooses its highlight in the panel, which scrolls to it.
        let last = ids[ids.len() - 1];
        click_mark(&client, last).await?;
        chosen_is(&client, last).await?;
        let ringed = client
            .execute(
                "const d = document.querySelector('[data-testid=reader-body]').contentDocument; \
                 return Array.from(d.querySelectorAll('mark[data-chosen]')).map(m => Number(m.dataset.highlightId));",
                vec![],
            )
            .await?;
        ensure!(ringed == serde_json::json!([last]), "the article rings {ringed}, not only highlight {last}");
        let entry = text_of(&client, "[data-testid=highlight-item].chosen").await?;
        ensure!(entry.contains("Riverside Community Hall") && entry.contains("walrus"), "{entry}");
        click_mark(&client, ids[0]).await?;
        chosen_is(&client, ids[0]).await?;
        // Chosen from the panel, then the same mark clicked again: the click counts again.
        click_in_view(&client, &format!("[data-highlight-id='{}'] [data-testid=highlight-go]", ids[3])).await?;
        chosen_is(&client, ids[3]).await?;
        click_mark(&client, ids[0]).await?;
        chosen_is(&client, ids[0]).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        screenshot(&client, "reader-highlights").await?;

        // The reader's tools hide the panel, for every clipping, and show it again.
        click_in_view(&client, "[data-testid=highlight-panel-toggle]").await?;
        ensure!(!panel_shown(&client).await?, "the panel is still shown");
        open_clipping(&client, release).await?;
        wait_for_text(&client, "[data-testid=reader-title]", "Winter safety campaign").await?;
        ensure!(!panel_shown(&client).await?, "the panel came back with another clipping");
        open_clipping(&client, heatwave).await?;
        marks_when(&client, PASSAGES.len()).await?;
        ensure!(!panel_shown(&client).await?, "the panel came back");
        // A click on a mark shows it again, with the highlight chosen.
        click_mark(&client, ids[2]).await?;
        chosen_is(&client, ids[2]).await?;

        // In a reader this narrow (the 1280-pixel window) the panel sits below the tools, above the article; in a
        // wide window it is a column of its own to the right of the article.
        let (panel, article) = layout(&client).await?;
        ensure!(panel.bottom <= article.top, "the panel is not above the article: {panel:?} {article:?}");
        client.set_window_size(1760, 1000).await.context("widening the window")?;
        let deadline = std::time::Instant::now() + harness::APPEAR;
        loop {
            let (panel, article) = layout(&client).await?;
            if panel.left >= article.right && panel.top < article.bottom {
                break;
            }
            ensure!(std::time::Instant::now() < deadline, "no side column: {panel:?} {article:?}");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        screenshot(&client, "reader-highlights-wide").await?;

        // A word only in a highlight's comment is found there, and the result list says so.
        type_into(&client, "[data-testid=search]", "walrus").await?;
        let label = text_of(&client, "[data-testid=clipping-row] [data-testid=found-in]").await?;
        ensure!(label == "in a highlight", "{label}");
        let snippet = text_of(&client, "[data-testid=clipping-row] [data-testid=snippet]").await?;
        ensure!(snippet.contains("Riverside Community Hall") && snippet.contains("walrus"), "{snippet}");
        screenshot(&client, "search-in-a-highlight").await?;

        // The export dialog offers the PDF's digest and the Markdown's mark style, the core's defaults chosen.
        click(&client, "[data-testid=export-open]").await?;
        let digest = client.find(Locator::Css("[data-testid=export-digest]")).await?;
        ensure!(digest.prop("checked").await?.as_deref() == Some("false"), "the digest is not the default");
        click(&client, "[data-testid=export-markdown]").await?;
        let mark = client.find(Locator::Css("[data-testid=export-mark]")).await?;
        ensure!(mark.prop("value").await?.as_deref() == Some("equals"), "==text== is not the default");
        let choices = client
            .execute(
                "return Array.from(document.querySelectorAll('[data-testid=export-mark] option')).map(o => o.text);",
                vec![],
            )
            .await?;
        ensure!(choices == serde_json::json!(["==text==", "<mark>text</mark>"]), "the mark styles offered: {choices}");
        // The driver's screenshot is of the last frame painted: give the dialog one.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        screenshot(&client, "export-markdown-marks").await?;

        Ok(())
    }
    .await;
    harness::close_after(client, outcome, "reader-highlights-failure").await
}

#[tokio::test]
async fn the_highlights_panel_renders_comments_follows_clicks_on_marks_and_search_says_in_a_highlight() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let desktop = Desktop::start()?;
    run_reader_panel(&desktop, &dir.path().join("library.db")).await
}
