//! `cuttings extract`: print the article of a saved page or URL without saving it, or extract a whole list of
//! saved pages in one process, on every core (`--batch`), so a benchmark run can be timed and scored.
//!
//! Reads files only; never writes to the library. Files ending in `.gz` are decompressed first.

use anyhow::{Context, bail};
use clap::Args;
use cuttings::extract::{Article, extract};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use url::Url;

/// Arguments of `cuttings extract`.
#[derive(Args)]
pub struct ExtractArgs {
    /// A saved HTML file (optionally .gz) or a URL
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    pub source: Option<String>,
    /// Address of the saved page, used to make links absolute (default: the file's own file:// URL)
    #[arg(long)]
    pub url: Option<String>,
    /// Print one JSON object with the metadata and the body as text, HTML and Markdown
    #[arg(long, conflicts_with_all = ["text", "markdown"])]
    pub json: bool,
    /// Print the body as plain text (the default)
    #[arg(long, conflicts_with = "markdown")]
    pub text: bool,
    /// Print the body as Markdown
    #[arg(long)]
    pub markdown: bool,
    /// Extract every page of a list (lines `id<TAB>path<TAB>url`) into --out-dir
    #[arg(long, requires = "out_dir")]
    pub batch: Option<PathBuf>,
    /// Where --batch writes `{id}.txt` (or `{id}.json` with --json) and `elapsed_s`
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// How many pages --batch extracts at once (default: one per core)
    #[arg(long, requires = "batch", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// What a single extraction prints.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Json,
    Markdown,
}

impl ExtractArgs {
    fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.markdown {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// Runs `cuttings extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let format = args.format();
    if let (Some(list), Some(out_dir)) = (&args.batch, &args.out_dir) {
        return run_batch(list, out_dir, format, args.threads.map(usize::from));
    }
    let Some(source) = &args.source else { bail!("nothing to extract: give a file, a URL or --batch LIST") };
    let article = if (source.starts_with("http://") || source.starts_with("https://")) && args.url.is_none() {
        let page = cuttings::fetch::fetch_blocking(source)?;
        extract(&page.text, &page.final_url).with_context(|| format!("extracting {}", page.final_url))?
    } else {
        let path = Path::new(source);
        let page_url = page_url(path, args.url.as_deref())?;
        let page = read_page(path)?;
        extract(&page, &page_url).with_context(|| format!("extracting {}", path.display()))?
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(render(&article, format)?.as_bytes())?;
    stdout.write_all(b"\n")?;
    Ok(())
}

/// The URL links are resolved against: `--url`, else the file's own `file://` address.
fn page_url(path: &Path, url: Option<&str>) -> anyhow::Result<Url> {
    match url {
        Some(url) => Url::parse(url).with_context(|| format!("reading --url {url}")),
        None => {
            let absolute = std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))?;
            Url::from_file_path(&absolute)
                .map_err(|()| anyhow::anyhow!("{} cannot be written as a file:// URL; pass --url", path.display()))
        }
    }
}

/// Reads a saved page as text, decompressing `.gz` files and finding the character set.
fn read_page(path: &Path) -> anyhow::Result<String> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let bytes = if path.extension().is_some_and(|ext| ext == "gz") {
        let mut unpacked = Vec::with_capacity(raw.len() * 4);
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut unpacked)
            .with_context(|| format!("decompressing {}", path.display()))?;
        unpacked
    } else {
        raw
    };
    Ok(cuttings::decode::decode_page(&bytes, None).text)
}

/// The article in the chosen output form.
fn render(article: &Article, format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Text => article.text.clone(),
        Format::Markdown => article.markdown.clone(),
        Format::Json => serde_json::to_string_pretty(&serde_json::json!({
            "title": article.title,
            "byline": article.byline,
            "published": article.published,
            "site_name": article.site_name,
            "lang": article.lang,
            "canonical_url": article.canonical_url,
            "lead_image": article.lead_image,
            "excerpt": article.excerpt,
            "word_count": article.word_count,
            "kind": article.kind,
            "confidence": article.confidence,
            "text": article.text,
            "html": article.html,
            "markdown": article.markdown,
        }))?,
    })
}

/// Extracts every page listed in `list` into `out_dir`, on every core, reporting failed pages on stderr (in the
/// list's order) without stopping, then writes the wall time in seconds to `out_dir/elapsed_s`.
fn run_batch(list: &Path, out_dir: &Path, format: Format, threads: Option<usize>) -> anyhow::Result<()> {
    let started = Instant::now();
    let listing = std::fs::read_to_string(list).with_context(|| format!("reading {}", list.display()))?;
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let extension = if matches!(format, Format::Json) { "json" } else { "txt" };
    let lines: Vec<(usize, &str)> = listing.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let outcomes: Vec<anyhow::Result<()>> = pool.install(|| {
        lines
            .par_iter()
            .map(|&(number, line)| {
                let mut fields = line.split('\t');
                let (Some(id), Some(path), url) = (fields.next(), fields.next(), fields.next()) else {
                    bail!("{}:{}: expected id<TAB>path<TAB>url", list.display(), number + 1);
                };
                (|| -> anyhow::Result<()> {
                    let path = Path::new(path);
                    let page_url = page_url(path, url.filter(|u| !u.is_empty()))?;
                    let page = read_page(path)?;
                    let article =
                        extract(&page, &page_url).with_context(|| format!("extracting {}", path.display()))?;
                    let target = out_dir.join(format!("{id}.{extension}"));
                    std::fs::write(&target, render(&article, format)?)
                        .with_context(|| format!("writing {}", target.display()))
                })()
                .with_context(|| format!("page {id}"))
            })
            .collect()
    });
    let failed = outcomes.iter().filter(|outcome| outcome.is_err()).count();
    for error in outcomes.iter().filter_map(|outcome| outcome.as_ref().err()) {
        eprintln!("cuttings: {error:#}");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let elapsed_path = out_dir.join("elapsed_s");
    std::fs::write(&elapsed_path, format!("{elapsed:.3}\n"))
        .with_context(|| format!("writing {}", elapsed_path.display()))?;
    eprintln!("cuttings: {} pages extracted, {failed} failed, in {elapsed:.2} s", outcomes.len() - failed);
    Ok(())
}
