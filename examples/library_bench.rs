//! Benchmark of the clipping library on a generated library (issue 2, section 5).
//!
//! `cargo run --release --example library_bench -- --clippings 100000` builds (or reuses) a library of generated
//! clippings of about 1,000 words each in 200 folders with 500 tags, then measures the library as saved (what the
//! app and the command line leave, with no manual step): opening it, saving one clipping, listing the first 100 of
//! a folder, ten typical searches (p50 and p95), and a tag filter; and reports the size on disk and the number of
//! full-text index segments. Prints a Markdown report. Options: `--library PATH` (default
//! `target/bench-library/library.db`), `--rebuild`, `--runs N` (timed runs of each search, default 5),
//! `--optimize` (then also runs `Library::optimize`, which neither the app nor the command line calls, and
//! measures the searches again as a secondary table; the library is then no longer as saved, so the next run
//! builds it again).
//!
//! The text is pseudo-English from a 20,000-word Zipf vocabulary plus real topic phrases, so that word
//! frequencies (and thus the work of ranking) resemble real text; one clipping in twenty has a Korean paragraph.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cuttings::extract::Article;
use cuttings::store::{ClippingFilter, FolderId, Library, NewClipping, SortOrder};

/// Words per generated clipping.
const WORDS: usize = 1_000;
/// Distinct generated words.
const VOCABULARY: usize = 20_000;
/// Folders: `DESKS` top-level folders with `SECTIONS` subfolders each (20 × 9 + 20 = 200).
const DESKS: usize = 20;
/// Subfolders of each desk.
const SECTIONS: usize = 9;
/// Distinct tags.
const TAGS: usize = 500;
/// Clippings saved per transaction while building.
const BATCH: usize = 2_000;

/// Topic phrases; each clipping mentions one or two of them a few times.
const TOPICS: &[&str] = &[
    "central bank",
    "interest rates",
    "election campaign",
    "budget deficit",
    "climate summit",
    "trade talks",
    "refugee crisis",
    "housing market",
    "supreme court",
    "oil prices",
    "labour union",
    "tech giants",
    "vaccine rollout",
    "border security",
    "stock market",
    "teacher strike",
    "nuclear talks",
    "tax reform",
    "wildfire season",
    "chip shortage",
    "pension reform",
    "peace agreement",
    "data privacy",
    "energy transition",
    "minimum wage",
    "air pollution",
    "space launch",
    "football league",
    "film festival",
    "drought relief",
];

/// Korean words for the Korean paragraphs.
const KOREAN: &[&str] = &[
    "한국은행이",
    "기준금리를",
    "동결했다",
    "물가",
    "상승률은",
    "둔화되고",
    "있다",
    "정부는",
    "발표했다",
    "서울의",
    "부동산",
    "시장이",
    "수출이",
    "반도체",
    "증가했다",
    "경제",
    "전망이",
    "밝다",
    "국회는",
    "예산안을",
    "통과시켰다",
    "기후",
    "변화에",
    "대응하기",
    "위해",
    "노동자들이",
    "파업을",
    "시작했다",
    "대통령은",
    "회담을",
];

/// Outlets and their hosts.
const OUTLETS: &[(&str, &str)] = &[
    ("The Morning Ledger", "ledger.example.com"),
    ("Daily Courier", "courier.example.net"),
    ("Evening Standard Times", "est.example.org"),
    ("Global Wire", "globalwire.example"),
    ("Harbour Herald", "herald.example.co.uk"),
    ("한겨레 예시", "hani.example.kr"),
    ("The Observer Post", "post.example"),
    ("Metro Bulletin", "bulletin.example.com"),
    ("Northern Gazette", "gazette.example.ca"),
    ("Pacific Tribune", "tribune.example.au"),
];

/// A small deterministic generator (xorshift64*), so every run builds the same library.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The generated vocabulary with Zipf weights.
struct Corpus {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Corpus {
    fn new(rng: &mut Rng) -> Corpus {
        const SYLLABLES: &[&str] = &[
            "ka", "ri", "to", "men", "sa", "lo", "ver", "da", "ni", "po", "tra", "le", "mi", "cor", "an", "el", "su",
            "ba", "ten", "gor", "fi", "un", "pre", "sol", "ma", "dis", "ho", "ve", "ral", "chi", "ne", "qua",
        ];
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::with_capacity(VOCABULARY);
        while words.len() < VOCABULARY {
            let n = 2 + rng.below(3);
            let word: String = (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Corpus { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative[VOCABULARY - 1];
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(VOCABULARY - 1);
        &self.words[i]
    }

    /// The generated clipping number `n`.
    fn clipping(&self, rng: &mut Rng, n: usize, folders: &[FolderId]) -> NewClipping {
        let topics = [TOPICS[rng.below(TOPICS.len())], TOPICS[rng.below(TOPICS.len())]];
        let mut paragraphs = Vec::new();
        let mut words = 0;
        while words < WORDS {
            let mut p: Vec<String> = Vec::with_capacity(110);
            for i in 0..100 {
                if i == 40 && rng.below(3) == 0 {
                    p.push(topics[rng.below(2)].to_string());
                }
                p.push(self.word(rng).to_string());
            }
            words += p.len();
            paragraphs.push(p.join(" ") + ".");
        }
        if n.is_multiple_of(20) {
            let korean: Vec<&str> = (0..60).map(|_| KOREAN[rng.below(KOREAN.len())]).collect();
            paragraphs.insert(1, korean.join(" ") + ".");
        }
        let title_words: Vec<&str> = (0..5).map(|_| self.word(rng)).collect();
        let title = format!("{}: {}", capitalise(topics[0]), title_words.join(" "));
        let text = paragraphs.join("\n\n");
        let html: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        let (outlet, host) = OUTLETS[n % OUTLETS.len()];
        let page = format!(
            "<!doctype html><html><head><meta charset=utf-8><title>{title} | {outlet}</title></head>\
             <body><header>{outlet}</header><article><h1>{title}</h1>{html}</article><footer>©</footer></body></html>"
        );
        let tag_count = 1 + rng.below(3);
        let tags = (0..tag_count).map(|_| format!("tag{}", (rng.unit().powi(2) * TAGS as f64) as usize)).collect();
        let folder = if rng.below(20) == 0 { None } else { Some(folders[rng.below(folders.len())]) };
        let published = format!("{}-{:02}-{:02}", 2015 + rng.below(11), 1 + rng.below(12), 1 + rng.below(28));
        NewClipping {
            url: format!("https://{host}/news/{n}-{}", title_words.join("-")),
            article: Article {
                title,
                byline: Some(format!("Reporter {}", rng.below(300))),
                published: Some(published),
                site_name: Some(outlet.to_string()),
                lang: Some(if n.is_multiple_of(20) { "ko" } else { "en" }.into()),
                canonical_url: None,
                lead_image: Some(format!("https://{host}/img/{n}.jpg")),
                excerpt: Some(paragraphs[0].split_whitespace().take(25).collect::<Vec<_>>().join(" ")),
                word_count: words as u32,
                markdown: text.clone(),
                text,
                html,
                ..Article::default()
            },
            original_page: page.into_bytes(),
            folder,
            tags,
            note: (rng.below(10) == 0).then(|| format!("Follow up on {} with the desk.", topics[1])),
            allow_duplicate: false,
            source: Default::default(),
            saved_at: None,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Options from the command line.
struct Options {
    clippings: usize,
    library: PathBuf,
    rebuild: bool,
    runs: usize,
    optimize: bool,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        clippings: 100_000,
        library: PathBuf::from("target/bench-library/library.db"),
        rebuild: false,
        runs: 5,
        optimize: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--clippings" => o.clippings = args.next().unwrap_or_default().parse()?,
            "--library" => o.library = PathBuf::from(args.next().unwrap_or_default()),
            "--runs" => o.runs = args.next().unwrap_or_default().parse()?,
            "--rebuild" => o.rebuild = true,
            "--optimize" => o.optimize = true,
            other => {
                anyhow::bail!(
                    "unknown option {other}; use --clippings N, --library PATH, --runs N, --rebuild, --optimize"
                )
            }
        }
    }
    Ok(o)
}

/// Milliseconds, two decimals.
fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// The `q`-quantile (0..=1) of some durations (nearest rank).
fn quantile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn size_on_disk(path: &std::path::Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let corpus = Corpus::new(&mut rng);

    // 1. Build the library, unless one with enough clippings is already there.
    let existing = Library::open(&o.library)
        .ok()
        .map(|l| l.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 1, o.clippings as u32 - 1))
        .and_then(Result::ok)
        .is_some_and(|page| !page.is_empty());
    // A library optimised by an earlier `--optimize` run is not as saved any more.
    let optimized_marker = PathBuf::from(format!("{}.optimized", o.library.display()));
    if o.rebuild || !existing || optimized_marker.exists() {
        for suffix in ["", "-wal", "-shm", ".optimized"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", o.library.display()));
        }
        let started = Instant::now();
        let mut library = Library::open(&o.library)?;
        let mut folders = Vec::new();
        for d in 0..DESKS {
            let desk = library.create_folder(None, &format!("Desk {d}"))?;
            folders.push(desk);
            for s in 0..SECTIONS {
                folders.push(library.create_folder(Some(desk), &format!("Section {d}.{s}"))?);
            }
        }
        let mut made = 0;
        while made < o.clippings {
            let n = BATCH.min(o.clippings - made);
            let batch: Vec<NewClipping> = (made..made + n).map(|i| corpus.clipping(&mut rng, i, &folders)).collect();
            library.add_clippings(batch)?;
            made += n;
            if made % 10_000 == 0 || made == o.clippings {
                eprintln!("built {made} clippings in {:.0} s", started.elapsed().as_secs_f64());
            }
        }
        drop(library);
        eprintln!("build took {:.1} s", started.elapsed().as_secs_f64());
    }
    let mut report = Vec::new();
    report.push(format!("Library: {} clippings, {} on disk", o.clippings, human(size_on_disk(&o.library))));
    report.push(format!("Load average before measuring: {}", load_average()));

    // 2. Open.
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let library = Library::open(&o.library)?;
        opens.push(t.elapsed());
        drop(library);
    }
    let mut library = Library::open(&o.library)?;
    report.push(format!(
        "| open | p50 {} ms | max {} ms | bar 200 ms |",
        ms(quantile(&opens, 0.5)),
        ms(quantile(&opens, 1.0))
    ));

    // 3. Save one clipping (each its own transaction).
    let folders = library.folder_tree()?;
    let folder_ids: Vec<FolderId> = folders.iter().map(|f| f.id).collect();
    let mut saves = Vec::new();
    for i in 0..200 {
        let mut new = corpus.clipping(&mut rng, 10_000_000 + i, &folder_ids);
        // A fresh URL on every run, so that a reused library does not report these as duplicates.
        new.url = format!("{}?run={}", new.url, std::process::id());
        let t = Instant::now();
        library.add_clipping(new)?;
        saves.push(t.elapsed());
    }
    report.push(format!(
        "| save one clipping | p50 {} ms | p95 {} ms | bar 5 ms | p90 {} ms, p99 {} ms |",
        ms(quantile(&saves, 0.5)),
        ms(quantile(&saves, 0.95)),
        ms(quantile(&saves, 0.9)),
        ms(quantile(&saves, 0.99)),
    ));

    // 4. List the first 100 of a folder.
    let section =
        folders.iter().find(|f| f.parent.is_some()).map(|f| f.id).ok_or_else(|| anyhow::anyhow!("no folders"))?;
    let desk = folders[0].id;
    let mut list = Vec::new();
    let mut list_deep = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let page = library.list_clippings(
            &ClippingFilter::Folder { id: section, include_subfolders: false },
            SortOrder::SavedNewest,
            100,
            0,
        )?;
        list.push(t.elapsed());
        std::hint::black_box(page);
        let t = Instant::now();
        library.list_clippings(
            &ClippingFilter::Folder { id: desk, include_subfolders: true },
            SortOrder::SavedNewest,
            100,
            0,
        )?;
        list_deep.push(t.elapsed());
    }
    report.push(format!(
        "| list first 100 of a folder | p50 {} ms | p95 {} ms | bar 10 ms |",
        ms(quantile(&list, 0.5)),
        ms(quantile(&list, 0.95))
    ));
    report.push(format!(
        "| list first 100 of a desk with its 9 subfolders | p50 {} ms | p95 {} ms | bar 10 ms |",
        ms(quantile(&list_deep, 0.5)),
        ms(quantile(&list_deep, 0.95))
    ));

    // 5. Ten typical searches, 20 hits each (a page of results), with snippets.
    let rare = corpus.words[4_000].clone();
    let mid = corpus.words[600].clone();
    let searches = [
        "\"central bank\"".to_string(),
        "election".to_string(),
        rare.clone(),
        format!("{mid} budget"),
        "refug*".to_string(),
        "\"interest rates\" -housing".to_string(),
        "climate tag:tag7".to_string(),
        "\"oil prices\" folder:\"desk 3\" after:2020-01-01".to_string(),
        "기준금리".to_string(),
        "물가 site:ledger.example.com".to_string(),
    ];
    let (words, trigrams) = library.index_segments()?;
    report.push(String::new());
    report.push(format!("Searches as saved (no manual step; index segments: {words} words, {trigrams} trigrams):"));
    search_table(&library, &searches, o.runs, &mut report)?;

    // 6. Tag filter: a list and a search of one tag.
    let mut tag_list = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        library.list_clippings(&ClippingFilter::Tag("tag3".into()), SortOrder::SavedNewest, 100, 0)?;
        tag_list.push(t.elapsed());
    }
    let tagged = library.tags()?.into_iter().find(|t| t.name == "tag3").map_or(0, |t| t.count);
    report.push(String::new());
    report.push(format!(
        "| tag filter (list first 100 of tag3, {tagged} clippings) | p50 {} ms | p95 {} ms |",
        ms(quantile(&tag_list, 0.5)),
        ms(quantile(&tag_list, 0.95))
    ));
    let t = Instant::now();
    let tag_counts = library.tags()?.len();
    report.push(format!("| all {tag_counts} tags with counts | {} ms | |", ms(t.elapsed())));

    // 7. Secondary, on request: after a manual optimize, which neither the app nor the command line runs.
    if o.optimize {
        std::fs::write(&optimized_marker, b"optimized by library_bench --optimize; the next run rebuilds\n")?;
        let t = Instant::now();
        library.optimize()?;
        report.push(String::new());
        report.push(format!(
            "Secondary: after a manual `Library::optimize` (FTS5 optimize + PRAGMA optimize, took {:.1} s; not \
             what users get):",
            t.elapsed().as_secs_f64()
        ));
        search_table(&library, &searches, o.runs, &mut report)?;
    }

    println!("{}", report.join("\n"));
    Ok(())
}

/// Runs each search `runs` times and adds a table of its timings to the report.
fn search_table(library: &Library, searches: &[String], runs: usize, report: &mut Vec<String>) -> anyhow::Result<()> {
    let mut all = Vec::new();
    report.push(String::new());
    report.push("| search | hits (of 20) | p50 ms | p95 ms |".into());
    report.push("|---|---|---|---|".into());
    for query in searches {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            hits = library.search(query, 20)?.len();
            times.push(t.elapsed());
        }
        report.push(format!("| `{query}` | {hits} | {} | {} |", ms(quantile(&times, 0.5)), ms(quantile(&times, 0.95))));
        all.extend(times);
    }
    report.push(format!(
        "| **all searches** | | **{}** | **{}** (bar 20) |",
        ms(quantile(&all, 0.5)),
        ms(quantile(&all, 0.95))
    ));
    Ok(())
}

/// The machine's load averages over 1, 5 and 15 minutes, as `/proc/loadavg` gives them ("?" elsewhere).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn human(bytes: u64) -> String {
    format!("{:.2} GiB ({bytes} bytes)", bytes as f64 / (1u64 << 30) as f64)
}
