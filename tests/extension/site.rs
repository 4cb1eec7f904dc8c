//! The subscriber site the extension clips from: a small HTTP/1.1 server on 127.0.0.1 (one thread per connection)
//! that plays a newspaper with a login. `/login` sets an HttpOnly session cookie and redirects to the article;
//! `/article` shows only a "Subscribe to read" wall without it, and with it a page whose paragraphs a script builds
//! after load from `/article/text` (so the HTML as served never holds the article's text), around the article's
//! photo, `/img/photo.png`, which answers 403 without the cookie. Only a browser with the session sees the whole
//! article.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// The session cookie's value (what `/login` sets and every other route checks).
const SESSION: &str = "reader-4711";

/// The article's headline.
pub const HEADLINE: &str = "Harbour deal signed after night of talks";

/// The paragraphs the page's script puts in the article; only `/article/text` serves them, to a logged-in reader.
pub const PARAGRAPHS: [&str; 4] = [
    "The city council and the port authority signed the harbour agreement shortly before dawn on Tuesday, \
     ending eleven hours of talks in the old customs house.",
    "Under the deal, three new quays will be built along the northern shore, and the ferry terminal will move \
     to the eastern basin by the end of next year.",
    "Dock workers, who had threatened to strike, said the agreement kept every job at the container terminal \
     and added two hundred more for the construction.",
    "Opposition members called the price too high and asked for the full contract to be published before the \
     council votes on the budget in March.",
];

/// What a reader without the session sees at `/article`: the wall, and not one sentence of the article.
pub const WALL: &str = "Subscribe to read";

/// The logged-in page: the article's frame, filled by its script after load. The text is not in this HTML.
const ARTICLE_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour deal signed after night of talks | The Northern Courier</title>
<meta name="author" content="Maria Lindqvist">
<meta property="og:site_name" content="The Northern Courier">
</head>
<body>
<nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a> <a href="/logout">Log out</a></nav>
<main>
<article>
<h1>Harbour deal signed after night of talks</h1>
<p class="byline">By Maria Lindqvist</p>
<div id="story">
<figure><img src="/img/photo.png" width="160" height="96" alt="The northern shore at dawn">
<figcaption>The northern shore, where the new quays will be built.</figcaption></figure>
</div>
</article>
</main>
<footer>© The Northern Courier. All rights reserved.</footer>
<script>
window.addEventListener('load', async () => {
  const response = await fetch('/article/text', { credentials: 'same-origin' });
  const paragraphs = await response.json();
  // Two paragraphs above the photo, the rest below it.
  const photo = document.querySelector('#story figure');
  paragraphs.forEach((text, i) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (i < 2) photo.before(p);
    else photo.parentElement.append(p);
  });
  document.body.dataset.ready = 'yes';
});
</script>
</body>
</html>
"#;

/// The page without the session: a teaser headline and the wall.
const WALL_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harbour deal signed after night of talks | The Northern Courier</title></head>
<body>
<main><h1>Harbour deal signed after night of talks</h1>
<div class="paywall"><p>Subscribe to read this article: our reporting is paid for by our readers.</p>
<p><a href="/login">Log in</a> or <a href="/subscribe">subscribe from 4 € a month</a>.</p></div></main>
</body>
</html>
"#;

/// One request the site received.
#[derive(Debug, Clone)]
pub struct Visit {
    /// The request target.
    pub path: String,
    /// Whether it carried the session cookie.
    pub logged_in: bool,
}

/// The running site; it serves until the test binary exits.
pub struct Site {
    addr: SocketAddr,
    visits: Arc<Mutex<Vec<Visit>>>,
}

impl Site {
    /// Starts the site on a free port of 127.0.0.1.
    pub fn start() -> std::io::Result<Site> {
        assert!(
            PARAGRAPHS.iter().all(|p| !ARTICLE_PAGE.contains(&p[..40])),
            "the article's text must only come from its script"
        );
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let photo = Arc::new(photo_png());
        let visits = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&visits);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (photo, log) = (Arc::clone(&photo), Arc::clone(&log));
                thread::spawn(move || answer(stream, &photo, &log));
            }
        });
        Ok(Site { addr, visits })
    }

    /// The absolute address of `path` on the site.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far, in order.
    pub fn visits(&self) -> Vec<Visit> {
        self.visits.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

/// Answers one connection (one request, then the connection closes).
fn answer(mut stream: TcpStream, photo: &[u8], log: &Mutex<Vec<Visit>>) {
    let Some((path, cookie)) = read_head(&mut stream) else { return };
    let logged_in = cookie.split(';').any(|c| c.trim() == format!("session={SESSION}"));
    if let Ok(mut log) = log.lock() {
        log.push(Visit { path: path.clone(), logged_in });
    }
    let html = "text/html; charset=utf-8";
    let forbidden = || response(403, "text/plain", &[], b"Subscribers only");
    let reply = match path.as_str() {
        "/login" => {
            let cookie = format!("session={SESSION}; Path=/; HttpOnly; SameSite=Lax");
            response(302, html, &[("Set-Cookie", &cookie), ("Location", "/article")], b"")
        }
        "/article" if logged_in => response(200, html, &[], ARTICLE_PAGE.as_bytes()),
        "/article" => response(200, html, &[], WALL_PAGE.as_bytes()),
        "/article/text" if logged_in => {
            let json = serde_json::to_vec(&PARAGRAPHS).unwrap_or_default();
            response(200, "application/json", &[], &json)
        }
        "/img/photo.png" if logged_in => response(200, "image/png", &[], photo),
        "/article/text" | "/img/photo.png" => forbidden(),
        _ => response(404, "text/plain", &[], b"Not found"),
    };
    let _ = stream.write_all(&reply);
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// A whole HTTP/1.1 response that closes the connection.
fn response(status: u16, content_type: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        302 => "Found",
        403 => "Forbidden",
        _ => "Not Found",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Cache-Control: no-store\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    [head.into_bytes(), body.to_vec()].concat()
}

/// Reads a request head: its target and its `Cookie` header ("" without one).
fn read_head(stream: &mut TcpStream) -> Option<(String, String)> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let cookie = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("cookie"))
        .map(|(_, value)| value.trim().to_string())
        .unwrap_or_default();
    Some((path, cookie))
}

/// The article's photo: a real 160×96 PNG (a sky-to-sea gradient), big enough that no extractor takes it for a
/// tracking pixel.
fn photo_png() -> Vec<u8> {
    let (width, height) = (160u32, 96u32);
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let sea = y > height / 2;
            let shade = (x * 255 / width) as u8;
            let rgb = if sea { [20, 60, shade] } else { [200, shade, 230] };
            pixels.extend_from_slice(&rgb);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&pixels));
    assert!(written.is_ok(), "encoding the test photo: {written:?}");
    out
}
