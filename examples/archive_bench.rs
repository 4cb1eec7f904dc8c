//! Benchmark of saving clippings with their images (issue 6, section 6).
//!
//! `cargo run --release --example archive_bench -- [--clippings 50] [--image-kib 100]` starts a local HTTP server
//! (on 127.0.0.1, in this process) serving an article page with 10 images of about `--image-kib` KiB each (every
//! clipping gets its own 10 images), then saves `--clippings` clippings the way `cuttings add` does: fetch the page,
//! extract it, download the 10 images (4 at a time), save clipping and images in one transaction. Reports the save
//! time (p50, p95; the whole pipeline and the store part alone) and the library size per clipping (database plus
//! image files). Prints a Markdown report.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use cuttings::archive::ImageLimits;
use cuttings::clip::{self, Filing, WholePage};
use cuttings::fetch::Fetcher;
use cuttings::store::Library;

/// Images per article.
const IMAGES: usize = 10;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| -> anyhow::Result<usize> {
        Ok(args
            .iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(|n| n.parse())
            .transpose()?
            .unwrap_or(default))
    };
    let clippings = arg("--clippings", 50)?;
    let image_bytes = arg("--image-kib", 100)? * 1024;
    let addr = serve(image_bytes)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let fetcher = Fetcher::new()?;
    let (mut whole, mut downloads, mut stores) = (Vec::new(), Vec::new(), Vec::new());
    let mut stored_images = 0;
    for n in 0..clippings {
        let start = Instant::now();
        let mut prepared = runtime.block_on(clip::prepare_url(
            &fetcher,
            &format!("http://{addr}/story/{n}"),
            WholePage::Refuse,
            Default::default(),
        ))?;
        let before_images = Instant::now();
        let images = runtime.block_on(prepared.download_images(&fetcher, &ImageLimits::default(), &|_, _| {}));
        let before_store = Instant::now();
        library.add_clipping_with_images(prepared.into_new_clipping(Filing::default()), &images)?;
        let end = Instant::now();
        stored_images += images.iter().filter(|i| i.sha256().is_some()).count();
        whole.push(end - start);
        downloads.push(before_store - before_images);
        stores.push(end - before_store);
    }
    drop(library);
    let db = file_size(&path) + file_size(&path.with_extension("db-wal"));
    let files = folder_size(&cuttings::store::files_folder(&path));
    println!("# Saving clippings with images\n");
    println!("{clippings} clippings, each with {IMAGES} images of {} KiB from a local server:\n", image_bytes / 1024);
    println!("- images stored: {stored_images} of {}", clippings * IMAGES);
    println!("- whole save (fetch page, extract, download 10 images, store): {}", percentiles(&mut whole));
    println!("- of which downloading the 10 images: {}", percentiles(&mut downloads));
    println!("- of which storing (image files written and fsynced, one transaction): {}", percentiles(&mut stores));
    println!(
        "- library size per clipping: {:.1} KiB ({:.1} KiB database + {:.1} KiB image files)",
        (db + files) as f64 / 1024.0 / clippings as f64,
        db as f64 / 1024.0 / clippings as f64,
        files as f64 / 1024.0 / clippings as f64
    );
    Ok(())
}

/// Serves `/story/N` (an article with 10 images) and `/img/N/K.jpg` (a JPEG-signed body of `image_bytes` bytes,
/// distinct per N and K) on a local port, one thread per connection.
fn serve(image_bytes: usize) -> anyhow::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, image_bytes));
        }
    });
    Ok(addr)
}

fn answer(mut stream: std::net::TcpStream, image_bytes: usize) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&head);
    let path = request.split(' ').nth(1).unwrap_or("/").to_string();
    let (content_type, body) = if let Some(n) = path.strip_prefix("/story/") {
        ("text/html; charset=utf-8", page(n).into_bytes())
    } else {
        ("image/jpeg", image(&path, image_bytes))
    };
    let _ = stream.write_all(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    let _ = stream.write_all(&body);
}

fn page(n: &str) -> String {
    let prose = "The harbour authority said on Tuesday that the new quay would open in the spring, after two years \
                 of work, and that it expected traffic to double within five years, according to its annual report. ";
    let mut body = String::new();
    for k in 0..IMAGES {
        body.push_str(&format!(
            "<p>{prose}{prose}</p><figure><img src=\"/img/{n}/{k}.jpg\" alt=\"Photo {k}\"></figure>"
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=en><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>{body}</article></body></html>"
    )
}

/// Pseudo-random bytes behind a JPEG signature (photos do not compress, and neither do these).
fn image(path: &str, size: usize) -> Vec<u8> {
    let mut state =
        path.bytes().fold(0x9e37_79b9_7f4a_7c15u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let mut bytes = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".to_vec();
    while bytes.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn folder_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| if e.path().is_dir() { folder_size(&e.path()) } else { file_size(&e.path()) })
        .sum()
}

fn percentiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    format!("p50 {:.1} ms, p95 {:.1} ms", at(0.5), at(0.95))
}
