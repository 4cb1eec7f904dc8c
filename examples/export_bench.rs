//! Benchmark of the export (issue 5, section 5): a press-review PDF of 20 and 200 clippings and Markdown of 10,000.
//!
//! `cargo run --example export_bench -- prepare N` builds `target/export-bench/N/` once: a library of N generated
//! clippings of about 1,000 words with three figures each (distinct 1200×800 JPEG photographs of about 200 KB at
//! the default quality 80, saved as files), all in one folder; `--quality Q` makes lighter or heavier photographs
//! in `target/export-bench/N-qQ/`, which the other commands use with `--dir N-qQ`. `cargo run --example export_bench -- pdf N [--take K]` then serves the images from
//! a local HTTP server and exports the first K (default all) clippings as a PDF; `md N` exports all of them as
//! Markdown, downloading the images too. `--no-images` leaves the images out (placeholders in the PDF, links in
//! Markdown); `--hostile` replaces the first figure of every second clipping by a hostile image, in turn an
//! 8000×8000 PNG, an SVG embedding a 30000×30000 PNG, a 1.5 KB `<use>` bomb and an SVG with script (issue 12); `--keep` keeps the export (in the temporary folder) to look at. Each run prints the export's wall time and
//! the process's peak resident memory; run it under `/usr/bin/time -v` for an outside view.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cuttings::export::{
    Collection, ExportControl, HttpImages, ImageSource, LoadedImage, MarkdownOptions, NoImages, Order, PdfOptions,
    Selection, export_markdown, export_pdf,
};
use cuttings::extract::Article;
use cuttings::store::{ClippingId, Library, NewClipping};

/// Paragraphs per clipping (about 125 words each).
const PARAGRAPHS: usize = 8;
/// Figures per clipping.
const FIGURES: usize = 3;
/// Size of each photograph.
const PHOTO: (u32, u32) = (1200, 800);
/// Clippings saved per transaction while preparing.
const BATCH: usize = 1_000;

/// Words the generated prose is made of.
const WORDS: &[&str] = &[
    "council",
    "budget",
    "minister",
    "river",
    "harbour",
    "election",
    "school",
    "hospital",
    "bridge",
    "winter",
    "report",
    "workers",
    "residents",
    "agreed",
    "announced",
    "village",
    "station",
    "market",
    "prices",
    "energy",
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "on",
    "for",
    "with",
    "after",
    "before",
    "said",
    "would",
    "new",
    "old",
    "year",
    "week",
    "city",
    "region",
    "plan",
    "cost",
    "million",
    "families",
    "children",
    "police",
    "court",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: export_bench prepare N [--quality Q] | pdf N [--take K] [--no-images] | md N [--no-images]  \
                 (pdf and md take --dir NAME, --hostile and --keep)";
    let (mode, n) = match (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) {
        (Some(mode), Some(n)) => (mode.as_str(), n),
        _ => anyhow::bail!(usage),
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/export-bench").join(n.to_string());
    // `--dir NAME` picks a library prepared under another name (such as `200-q60` from `prepare 200 --quality 60`).
    let dir = match args.iter().position(|a| a == "--dir").and_then(|i| args.get(i + 1)) {
        Some(name) => dir.with_file_name(name),
        None => dir,
    };
    let flag = |name: &str| args.iter().any(|a| a == name);
    let take = args.iter().position(|a| a == "--take").and_then(|i| args.get(i + 1)).and_then(|k| k.parse().ok());
    match mode {
        "prepare" => {
            let quality =
                args.iter().position(|a| a == "--quality").and_then(|i| args.get(i + 1)).and_then(|q| q.parse().ok());
            let dir = match quality {
                Some(q) => dir.with_file_name(format!("{n}-q{q}")),
                None => dir,
            };
            prepare(&dir, n, quality.unwrap_or(80))
        }
        "pdf" => run(&dir, n, take.unwrap_or(n), true, flag("--no-images"), flag("--hostile"), flag("--keep")),
        "md" => run(&dir, n, n, false, flag("--no-images"), flag("--hostile"), flag("--keep")),
        _ => anyhow::bail!(usage),
    }
}

/// Builds the library and the image files.
fn prepare(dir: &Path, n: usize, quality: u8) -> anyhow::Result<()> {
    let started = Instant::now();
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir.join("images"))?;
    let mut library = Library::open(&dir.join("library.db"))?;
    let folder = library.create_folder(None, "Bench")?;
    // A smooth base picture twice the size of a photograph; each photograph is a different crop of it, brightened
    // differently, so that every file is distinct (as on real pages) but compresses like a photograph.
    let (w, h) = (PHOTO.0 * 2, PHOTO.1 * 2);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut base = image::RgbImage::new(w, h);
    for (x, y, pixel) in base.enumerate_pixels_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % 24) as u32;
        *pixel = image::Rgb([
            ((x * 255 / w + noise) % 256) as u8,
            ((y * 255 / h + noise) % 256) as u8,
            (((x + y) * 127 / (w + h) + noise * 2) % 256) as u8,
        ]);
    }
    let photos = n.min(200) * FIGURES; // beyond 200 clippings the photographs repeat (Markdown only)
    for k in 0..photos {
        let (cx, cy) = ((k as u32 * 37) % PHOTO.0, (k as u32 * 53) % PHOTO.1);
        let mut photo = image::imageops::crop_imm(&base, cx, cy, PHOTO.0, PHOTO.1).to_image();
        image::imageops::colorops::brighten_in_place(&mut photo, (k % 40) as i32 - 20);
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(&photo)?;
        std::fs::write(dir.join("images").join(format!("{k}.jpg")), bytes)?;
    }
    let mut made = 0;
    while made < n {
        let batch: Vec<NewClipping> = (made..n.min(made + BATCH)).map(|i| clipping(i, photos, folder)).collect();
        made += batch.len();
        library.add_clippings(batch)?;
    }
    println!(
        "prepared {n} clippings and {photos} photographs in {} in {:.1} s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Generated clipping `i`, whose figures point at the local server (`{SERVER}` is replaced when serving).
fn clipping(i: usize, photos: usize, folder: cuttings::store::FolderId) -> NewClipping {
    let mut state = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut word = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        WORDS[(state % WORDS.len() as u64) as usize]
    };
    let mut html = String::new();
    let mut text = String::new();
    for p in 0..PARAGRAPHS {
        let sentence: Vec<&str> = (0..125).map(|_| word()).collect();
        let para = format!("{}.", sentence.join(" "));
        html.push_str(&format!("<p>{para}</p>"));
        text.push_str(&para);
        text.push_str("\n\n");
        if p % 3 == 1 && p / 3 < FIGURES {
            let k = (i * FIGURES + p / 3) % photos.max(1);
            html.push_str(&format!(
                "<figure><img src=\"http://bench.invalid/{k}.jpg\" alt=\"Photo {k}\"><figcaption>Photograph {k} of the story.</figcaption></figure>"
            ));
        }
    }
    let title = format!("Story {i}: {} {} {}", word(), word(), word());
    NewClipping {
        url: format!("https://news.example/{i}"),
        article: Article {
            title,
            byline: Some("Ada Writer".into()),
            published: Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            site_name: Some(["The Gazette", "Daily Post", "Morning Star"][i % 3].into()),
            lang: Some("en".into()),
            word_count: (PARAGRAPHS * 125) as u32,
            markdown: cuttings::extract::output::to_markdown(&html),
            html,
            text,
            ..Default::default()
        },
        original_page: Vec::new(),
        folder: Some(folder),
        tags: vec!["bench".into()],
        note: i.is_multiple_of(4).then(|| format!("Note on story {i}: ask the desk.")),
        allow_duplicate: true,
        source: Default::default(),
        saved_at: None,
    }
}

/// Serves `dir/images/<k>.jpg` on a local port; returns the address.
fn serve(dir: &Path) -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let images = dir.join("images");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let images = images.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(k) => head.extend_from_slice(&buf[..k]),
                    }
                }
                let text = String::from_utf8_lossy(&head);
                let path = text.split(' ').nth(1).unwrap_or("/").trim_start_matches('/').to_string();
                let body = std::fs::read(images.join(PathBuf::from(path).file_name().unwrap_or_default()));
                let reply = match body {
                    Ok(body) => [
                        format!("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
                            .into_bytes(),
                        body,
                    ]
                    .concat(),
                    Err(_) => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
                };
                let _ = stream.write_all(&reply);
            });
        }
    });
    Ok(format!("http://{addr}"))
}

/// An image source that sends the generated `http://bench.invalid/` addresses to the local server.
struct Local {
    server: String,
    http: HttpImages,
}

impl ImageSource for Local {
    fn load(&self, src: &str) -> Option<LoadedImage> {
        self.http.load(&src.replace("http://bench.invalid", &self.server))
    }
    fn load_all(&self, srcs: &[String]) -> Vec<Option<LoadedImage>> {
        let local: Vec<String> = srcs.iter().map(|s| s.replace("http://bench.invalid", &self.server)).collect();
        self.http.load_all(&local)
    }
}

/// Hostile images in place of some photographs: the first figure of every second clipping, taking the four
/// hostile images in turn.
struct Hostile<'a> {
    behind: &'a dyn ImageSource,
    images: Vec<Vec<u8>>,
}

impl Hostile<'_> {
    /// The four hostile images (made once; the PNGs take a few seconds).
    fn images() -> Vec<Vec<u8>> {
        use base64::Engine as _;
        let svg = |body: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200">{body}</svg>"#
            )
            .into_bytes()
        };
        let huge = base64::engine::general_purpose::STANDARD.encode(png(30_000, 30_000, false));
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let mut bomb = String::from(r#"<defs><circle id="a" r="1"/>"#);
        for level in 1..ids.len() {
            bomb.push_str(&format!("<g id=\"{}\">", ids[level]));
            bomb.push_str(&format!("<use href=\"#{}\"/>", ids[level - 1]).repeat(10));
            bomb.push_str("</g>");
        }
        bomb.push_str(r##"</defs><use href="#i"/>"##);
        vec![
            png(8000, 8000, true),
            svg(&format!(r#"<image width="400" height="200" href="data:image/png;base64,{huge}"/>"#)),
            svg(&bomb),
            svg(r#"<a href="&#106;avascript:alert(1)"><rect width="400" height="200"/></a>"#),
        ]
    }

    /// The hostile image for `src` (`…/<k>.jpg`), if it is one of those replaced.
    fn replaces(&self, src: &str) -> Option<LoadedImage> {
        let k: usize = src.rsplit('/').next()?.strip_suffix(".jpg")?.parse().ok()?;
        let (clipping, figure) = (k / FIGURES, k % FIGURES);
        (figure == 0 && clipping % 2 == 0).then(|| LoadedImage::new(self.images[clipping / 2 % 4].clone()))
    }
}

impl ImageSource for Hostile<'_> {
    fn load(&self, src: &str) -> Option<LoadedImage> {
        self.replaces(src).or_else(|| self.behind.load(src))
    }
    fn load_all(&self, srcs: &[String]) -> Vec<Option<LoadedImage>> {
        let mut fetched = self.behind.load_all(srcs).into_iter();
        srcs.iter().map(|src| self.replaces(src).or(fetched.next().flatten())).collect()
    }
}

/// A PNG of `width`×`height` that is small on disk: RGB in bands of colour, or grey at one bit per pixel.
fn png(width: u32, height: u32, rgb: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    if rgb {
        encoder.set_color(png::ColorType::Rgb);
    } else {
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
    }
    encoder.set_compression(png::Compression::Fast);
    let Ok(mut writer) = encoder.write_header() else { return out };
    if let Ok(mut stream) = writer.stream_writer() {
        let row: Vec<u8> = if rgb {
            (0..width).flat_map(|x| [30, (x / 32 % 256) as u8, 160]).collect()
        } else {
            vec![0b1010_1010; width.div_ceil(8) as usize]
        };
        for _ in 0..height {
            let _ = stream.write_all(&row);
        }
        let _ = stream.finish();
    }
    drop(writer);
    out
}

/// Exports the first `take` clippings as PDF, or all as Markdown.
fn run(dir: &Path, n: usize, take: usize, pdf: bool, no_images: bool, hostile: bool, keep: bool) -> anyhow::Result<()> {
    let library = Library::open(&dir.join("library.db"))
        .map_err(|e| anyhow::anyhow!("{e}; run `export_bench prepare {n}` first"))?;
    let server = serve(dir)?;
    let local;
    let plain: &dyn ImageSource = if no_images {
        &NoImages
    } else {
        local = Local { server, http: HttpImages::new().ok_or_else(|| anyhow::anyhow!("no downloader"))? };
        &local
    };
    let with_hostile;
    let images: &dyn ImageSource = if hostile {
        with_hostile = Hostile { behind: plain, images: Hostile::images() };
        &with_hostile
    } else {
        plain
    };
    let ids: Vec<ClippingId> = (1..=take as i64).map(ClippingId).collect();
    let out = std::env::temp_dir().join(format!(
        "export-bench-{}-{take}{}",
        std::process::id(),
        if pdf { ".pdf" } else { "" }
    ));
    let started = Instant::now();
    let collection = Collection::gather(&library, &Selection::Ids(ids), Order::Given, Some("Bench review".into()))?;
    let what = if pdf {
        let report = export_pdf(&library, &collection, &PdfOptions::default(), images, &out, ExportControl::silent())?;
        let size = std::fs::metadata(&out)?.len();
        format!(
            "PDF of {} clippings: {} pages, {} images, {} placeholders, {:.1} MB",
            report.clippings,
            report.pages,
            report.images,
            report.placeholders,
            size as f64 / 1e6
        )
    } else {
        let report =
            export_markdown(&library, &collection, &MarkdownOptions::default(), images, &out, ExportControl::silent())?;
        format!(
            "Markdown of {} clippings: {} images saved, {} kept as links",
            report.clippings, report.images_saved, report.images_missing
        )
    };
    let seconds = started.elapsed().as_secs_f64();
    println!("{what}: {seconds:.2} s, peak RSS {} MB", peak_rss_mb());
    if keep {
        println!("kept {}", out.display());
    } else if pdf {
        std::fs::remove_file(&out)?;
    } else {
        std::fs::remove_dir_all(&out)?;
    }
    Ok(())
}

/// Peak resident memory of this process, in MB.
fn peak_rss_mb() -> i64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss / 1024
}
