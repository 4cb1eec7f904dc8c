//! The clipping queue against a crowd of misbehaving sites: 429s with `Retry-After`, 500s, time-outs, dead hosts
//! and gone pages, with a worker process killed (`kill -9`) midway and started again. Every good page must be saved
//! exactly once with the saved time it was queued with, every failure listed, and nothing left behind.
//!
//! The sites are one local server acting as a forward proxy for `siteN.example` hosts (the fetcher is given it as
//! its proxy, so names are never resolved), misbehaving by the page's number. The worker runs in a child process:
//! this test binary started again on `worker_child`, which works the queue with short waits and exits when done.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use cuttings::queue::{QueueSettings, QueueWorker, RunControl, RunScope};
use cuttings::store::{JobFilter, JobState, Library, NewJob};

/// Pages in the big run: 1,000 in CI, where the test binary is a debug build; `CUTTINGS_QUEUE_PAGES=5000` for the
/// figures of docs/benchmarks.md.
fn pages() -> usize {
    std::env::var("CUTTINGS_QUEUE_PAGES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000)
}
/// Hosts they are spread over.
const HOSTS: usize = 50;

/// How page `i` misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Behaviour {
    /// Answers at once.
    Good,
    /// 429 with `Retry-After: 1` on the first request, then the page.
    RateLimitedOnce,
    /// 500 on the first request, then the page.
    ServerErrorOnce,
    /// Holds the first request past the fetcher's time limit, then the page.
    SlowOnce,
    /// 500 every time: fails after three tries.
    AlwaysBroken,
    /// 404: gone, and the Wayback Machine has no copy.
    Gone,
    /// Its host closes every connection without answering: fails after three tries.
    DeadHost,
}

fn behaviour(i: usize) -> Behaviour {
    // Spread over the hosts by a hash of the page's number, not by its remainder (which would pile one kind of
    // misbehaviour on a few hosts, and make those hosts' politeness the length of the whole run).
    let roll = (i as u64).wrapping_mul(2_654_435_761) % 1000;
    match roll {
        _ if host_of(i).starts_with("dead") => Behaviour::DeadHost,
        0..10 => Behaviour::AlwaysBroken,
        10..20 => Behaviour::Gone,
        20..25 => Behaviour::SlowOnce,
        25..75 => Behaviour::RateLimitedOnce,
        75..125 => Behaviour::ServerErrorOnce,
        _ => Behaviour::Good,
    }
}

/// Host 0 of every 25 is dead.
fn host_of(i: usize) -> String {
    let host = i % HOSTS;
    if host.is_multiple_of(25) { format!("dead{host}.example") } else { format!("site{host}.example") }
}

fn url_of(i: usize) -> String {
    format!("http://{}/news/{i}", host_of(i))
}

/// The saved time queued with page `i`: one minute apart from 2019-03-02 on.
fn saved_at_of(i: usize) -> String {
    let t = time::macros::datetime!(2019-03-02 08:00 UTC) + Duration::from_secs(60 * i as u64);
    cuttings::store::timestamp(t)
}

fn page(i: usize) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story {i}</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Story {i}</h1><p class=\"byline\">By Reporter {i}</p>\
         <p>The council met on day {i} to weigh the budget for the coming year, and its members spoke at length.</p>\
         <p>Paragraph two of story {i} says what the vote means for schools, roads and the harbour's repairs.</p>\
         </article></body></html>"
    )
}

/// The misbehaving sites: a forward proxy that answers for every `*.example` host itself.
struct Sites {
    port: u16,
    /// Requests per path, and 200s per path.
    seen: Arc<Mutex<HashMap<String, (u32, u32)>>>,
}

impl Sites {
    fn start() -> Sites {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the sites' port");
        let port = listener.local_addr().expect("its address").port();
        let seen: Arc<Mutex<HashMap<String, (u32, u32)>>> = Arc::default();
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                thread::spawn(move || answer(stream, &log));
            }
        });
        Sites { port, seen }
    }

    fn proxy(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn served_ok(&self, path: &str) -> u32 {
        self.seen.lock().map(|s| s.get(path).map_or(0, |(_, ok)| *ok)).unwrap_or(0)
    }
}

fn answer(mut stream: TcpStream, seen: &Mutex<HashMap<String, (u32, u32)>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).to_string();
    let target = text.split(' ').nth(1).unwrap_or_default().to_string();
    let Ok(url) = url::Url::parse(&target) else { return };
    let host = url.host_str().unwrap_or_default().to_string();
    if host.starts_with("dead") {
        return; // closes without a word
    }
    let key = format!("{host}{}", url.path());
    let tries = {
        let mut seen = seen.lock().expect("the sites' log");
        let entry = seen.entry(key.clone()).or_default();
        entry.0 += 1;
        entry.0
    };
    let i: usize = url.path().rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let reply = |status: &str, extra: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let response = match (behaviour(i), tries) {
        _ if i == usize::MAX => reply("404 Not Found", "", ""),
        (Behaviour::RateLimitedOnce, 1) => reply("429 Too Many Requests", "Retry-After: 1\r\n", "slow down"),
        (Behaviour::ServerErrorOnce, 1) | (Behaviour::AlwaysBroken, _) => {
            reply("500 Internal Server Error", "", "oops")
        }
        (Behaviour::SlowOnce, 1) => {
            thread::sleep(Duration::from_secs(3));
            reply("200 OK", "", &page(i))
        }
        (Behaviour::Gone, _) => reply("404 Not Found", "", "gone"),
        _ => {
            if let Ok(mut seen) = seen.lock() {
                seen.entry(key).or_default().1 += 1;
            }
            reply("200 OK", "", &page(i))
        }
    };
    let _ = stream.write_all(response.as_bytes());
}

/// The settings of the child worker: the polite rules with short waits (`CUTTINGS_QUEUE_HOST_INTERVAL_MS` sets the
/// time between two requests to a host: 1000, the default of real use, shows a run held back by politeness).
fn test_settings() -> QueueSettings {
    let interval = std::env::var("CUTTINGS_QUEUE_HOST_INTERVAL_MS").ok().and_then(|ms| ms.parse().ok()).unwrap_or(20);
    QueueSettings {
        concurrency: 4,
        per_host_interval: Duration::from_millis(interval),
        max_tries: 3,
        backoff: Duration::from_millis(200),
        max_wait: Duration::from_secs(5),
        download_images: false,
        wayback: None,
    }
}

/// The worker process: started by the tests below with `CUTTINGS_QUEUE_CHILD` set to the library's path and
/// `CUTTINGS_QUEUE_PROXY` to the sites; works the queue until it is empty and prints its peak memory.
#[test]
#[ignore = "the worker process of queue tests; runs only when they start it"]
fn worker_child() {
    let (Ok(library), Ok(proxy)) = (std::env::var("CUTTINGS_QUEUE_CHILD"), std::env::var("CUTTINGS_QUEUE_PROXY"))
    else {
        return;
    };
    let limits = cuttings::fetch::FetchLimits {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        ..cuttings::fetch::FetchLimits::default()
    };
    let proxy = url::Url::parse(&proxy).expect("the proxy's address");
    let fetcher = cuttings::fetch::Fetcher::with_proxy(limits, &proxy, None).expect("a fetcher");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async {
        let mut worker =
            QueueWorker::take(library.as_ref(), fetcher, test_settings()).expect("the queue").expect("no other worker");
        let control = RunControl::default();
        let t0 = Instant::now();
        let trace = std::env::var("CUTTINGS_QUEUE_TRACE").is_ok();
        worker
            .run(RunScope::UntilDone(None), &control, &mut |event| {
                if trace {
                    match event {
                        cuttings::queue::QueueEvent::Started(job) => {
                            eprintln!("{:>8.3} start {} try {}", t0.elapsed().as_secs_f64(), job.url, job.tries)
                        }
                        cuttings::queue::QueueEvent::Finished(job) => eprintln!(
                            "{:>8.3} end {} {:?} {:?}",
                            t0.elapsed().as_secs_f64(),
                            job.url,
                            job.state,
                            job.error_code
                        ),
                    }
                }
            })
            .await
            .expect("the run");
    });
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or("VmHWM: unknown");
    println!("worker peak memory {peak}");
}

fn start_worker(library: &std::path::Path, sites: &Sites) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "queue::worker_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env("CUTTINGS_QUEUE_CHILD", library)
        .env("CUTTINGS_QUEUE_PROXY", sites.proxy())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("start the worker process")
}

#[test]
fn a_thousand_addresses_survive_a_kill_and_are_each_saved_once() {
    let sites = Sites::start();
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("library.db");
    let mut library = Library::open(&path).expect("a library");
    let jobs: Vec<NewJob> = (0..pages())
        .map(|i| NewJob {
            url: url_of(i),
            saved_at: Some(saved_at_of(i)),
            tags: vec!["morning".into()],
            ..NewJob::default()
        })
        .collect();
    let report = library.enqueue("many addresses", &jobs).expect("queued");
    assert_eq!(report.queued, pages() as u64);
    // Queueing the same addresses again queues nothing.
    let again = library.enqueue("again", &jobs[..10]).expect("queued again");
    assert_eq!((again.queued, again.already_queued), (0, 10));

    // Killed when about a third is done.
    let started = Instant::now();
    let mut worker = start_worker(&path, &sites);
    loop {
        let counts = library.queue_counts(None).expect("counts");
        if counts.done >= (pages() / 3) as u64 {
            break;
        }
        assert!(worker.try_wait().expect("the worker").is_none(), "the worker ended before it was killed");
        assert!(started.elapsed() < Duration::from_secs(600), "the worker is too slow: {counts:?}");
        thread::sleep(Duration::from_millis(50));
    }
    worker.kill().expect("kill -9 the worker");
    worker.wait().expect("the killed worker");
    let at_kill = library.queue_counts(None).expect("counts");
    assert!(at_kill.pending() > 0, "the worker finished before it was killed: {at_kill:?}");

    // Started again, it goes on where it stopped.
    let output = start_worker(&path, &sites).wait_with_output().expect("the second worker");
    assert!(output.status.success(), "the second worker failed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    if let Some(line) = stdout.lines().find(|l| l.contains("worker peak memory")) {
        eprintln!("{line} (after {} s in all)", started.elapsed().as_secs());
    }

    let counts = library.queue_counts(None).expect("counts");
    assert_eq!(counts.pending(), 0, "{counts:?}");
    let good: Vec<usize> = (0..pages())
        .filter(|&i| !matches!(behaviour(i), Behaviour::AlwaysBroken | Behaviour::Gone | Behaviour::DeadHost))
        .collect();
    assert_eq!(counts.done, good.len() as u64, "{counts:?}");
    assert_eq!(counts.failed, (pages() - good.len()) as u64, "{counts:?}");

    // Every good page saved exactly once, with its saved time and tag.
    let all = library
        .list_clippings(&cuttings::store::ClippingFilter::All, cuttings::store::SortOrder::SavedNewest, u32::MAX, 0)
        .expect("the clippings");
    assert_eq!(all.len(), good.len());
    let by_url: HashMap<&str, &cuttings::store::ClippingSummary> = all.iter().map(|c| (c.url.as_str(), c)).collect();
    assert_eq!(by_url.len(), all.len(), "an address was saved twice");
    for &i in &good {
        let clipping = by_url.get(url_of(i).as_str()).unwrap_or_else(|| panic!("page {i} was not saved"));
        assert_eq!(clipping.title, format!("Story {i}"));
        assert_eq!(clipping.saved_at, saved_at_of(i), "page {i} lost its saved time");
        assert_eq!(clipping.tags, ["morning"]);
        assert!(sites.served_ok(&format!("{}/news/{i}", host_of(i))) >= 1);
    }

    // Every failure listed, with its reason in words.
    let failed = library
        .queue_jobs(&JobFilter { states: vec![JobState::Failed], ..JobFilter::default() }, pages())
        .expect("failed jobs");
    let failed_urls: HashSet<&str> = failed.iter().map(|j| j.url.as_str()).collect();
    for i in (0..pages()).filter(|i| !good.contains(i)) {
        assert!(failed_urls.contains(url_of(i).as_str()), "page {i} is not listed as failed");
    }
    for job in &failed {
        let message = job.error_message.as_deref().unwrap_or_default();
        match behaviour(job.url.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(0)) {
            Behaviour::Gone => {
                assert!(message.contains("404"), "{message}");
                assert_eq!(job.tries, 1, "a gone page is not tried again");
            }
            Behaviour::AlwaysBroken => {
                assert!(message.contains("500"), "{message}");
                assert_eq!(job.tries, 3);
            }
            _ => assert!(job.tries >= 3, "{job:?}"),
        }
    }
}
