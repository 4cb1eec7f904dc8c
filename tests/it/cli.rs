//! Integration tests of the `cuttings` command line: the real binary on a temporary library.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary library and a way to run `cuttings` on it.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli { dir: tempfile::tempdir().expect("temporary folder") }
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("library.db")
    }

    /// Runs `cuttings args…` on this library.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cuttings"))
            .args(args)
            .env("CUTTINGS_LIBRARY", self.library())
            .output()
            .expect("cuttings runs")
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "cuttings {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs and expects failure with exactly one line on stderr; returns that line.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "cuttings {args:?} should have failed");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one plain line on stderr, got {stderr:?}");
        stderr.trim_end().to_string()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("--json prints JSON")
    }
}

fn seed_page() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rfa-kim-cliques/page.html")
}

const SEED_URL: &str = "https://www.rfa.org/english/news/korea/cliques-12152016140000.html";

/// Adds the seed page and returns its id.
fn add_seed(cli: &Cli, extra: &[&str]) -> i64 {
    let page = seed_page();
    let mut args = vec!["add", page.to_str().expect("UTF-8 path"), "--url", SEED_URL, "--json"];
    args.extend_from_slice(extra);
    cli.json(&args)["added"].as_i64().expect("id of the new clipping")
}

#[test]
fn add_file_then_list_show_and_search() {
    let cli = Cli::new();
    cli.ok(&["folder", "new", "Politics/Korea"]);
    let id =
        add_seed(&cli, &["--folder", "politics/korea", "--tag", "purge", "--note", "Follow up with the Seoul desk"]);

    let listed = cli.json(&["ls", "--folder", "Politics/Korea", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["site_name"], "Radio Free Asia");
    assert_eq!(listed[0]["tags"][0], "purge");

    let recursive = cli.json(&["ls", "--folder", "Politics", "-r", "--json"]);
    assert_eq!(recursive.as_array().map(Vec::len), Some(1));
    let not_recursive = cli.json(&["ls", "--folder", "Politics", "--json"]);
    assert_eq!(not_recursive.as_array().map(Vec::len), Some(0));

    let shown = cli.ok(&["show", &id.to_string()]);
    assert!(shown.contains("Fears of a purge"), "{shown}");
    assert!(shown.contains("Follow up with the Seoul desk"));
    assert!(!shown.contains("Add comment"));

    let by_note = cli.json(&["search", "Seoul", "desk", "--json"]);
    assert_eq!(by_note[0]["clipping"]["id"], id);
    let by_tag = cli.json(&["search", "tag:purge", "--json"]);
    assert_eq!(by_tag.as_array().map(Vec::len), Some(1));
    let excluded = cli.json(&["search", "Kim -purge", "--json"]);
    assert_eq!(excluded.as_array().map(Vec::len), Some(0), "-purge excludes the only match");
}

#[test]
fn adding_the_same_url_twice_reports_the_existing_clipping() {
    let cli = Cli::new();
    let id = add_seed(&cli, &[]);
    let page = seed_page();
    let tracked = format!("{SEED_URL}?utm_source=twitter#comments");
    let line = cli.fails(&["add", page.to_str().expect("UTF-8 path"), "--url", &tracked]);
    assert!(line.contains("already in the library") && line.contains(&format!("#{id}")), "{line}");
    let second = cli.json(&["add", page.to_str().expect("UTF-8 path"), "--url", &tracked, "--force", "--json"]);
    assert_ne!(second["added"].as_i64(), Some(id));
}

#[test]
fn trash_and_restore_bring_back_folder_tags_and_notes() {
    let cli = Cli::new();
    cli.ok(&["folder", "new", "Archive/2016"]);
    let id = add_seed(&cli, &["--folder", "Archive/2016", "--tag", "korea", "--note", "checked"]);
    cli.ok(&["rm", &id.to_string()]);
    assert_eq!(cli.json(&["ls", "--json"]).as_array().map(Vec::len), Some(0));

    let trash = cli.json(&["trash", "ls", "--json"]);
    let item = trash[0]["id"].as_i64().expect("trash item id");
    cli.ok(&["trash", "restore", &item.to_string()]);
    let back = cli.json(&["ls", "--folder", "Archive/2016", "--json"]);
    assert_eq!(back[0]["id"], id);
    assert_eq!(back[0]["tags"][0], "korea");
    let notes = cli.json(&["note", "ls", &id.to_string(), "--json"]);
    assert_eq!(notes[0]["body"], "checked");
}

#[test]
fn folders_tags_and_notes_round_trip() {
    let cli = Cli::new();
    cli.ok(&["folder", "new", "World/Asia"]);
    cli.ok(&["folder", "new", "Desk"]);
    cli.ok(&["folder", "mv", "Desk", "--to", "World"]);
    cli.ok(&["folder", "rename", "World/Desk", "Newsdesk"]);
    let tree = cli.ok(&["folder", "tree"]);
    assert!(tree.contains("World") && tree.contains("  Asia") && tree.contains("  Newsdesk"), "{tree}");

    let id = add_seed(&cli, &[]).to_string();
    cli.ok(&["tag", "add", "Korea", "purge", "--to", &id]);
    cli.ok(&["tag", "merge", "purge", "korea"]);
    let tags = cli.json(&["tag", "ls", "--json"]);
    assert_eq!(tags.as_array().map(Vec::len), Some(1), "{tags}");
    assert_eq!(tags[0]["count"], 1);

    let note = cli.ok(&["note", "add", &id, "first draft"]);
    let note_id = note.trim().trim_start_matches("added note #").to_string();
    cli.ok(&["note", "edit", &note_id, "second draft"]);
    let notes = cli.json(&["note", "ls", &id, "--json"]);
    assert_eq!(notes[0]["body"], "second draft");

    cli.ok(&["edit", &id, "--title", "Kim warns against cliques"]);
    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["summary"]["title"], "Kim warns against cliques");
}

#[test]
fn errors_are_one_plain_line_with_a_failure_status() {
    let cli = Cli::new();
    let line = cli.fails(&["show", "999"]);
    assert!(line.contains("999"), "{line}");
    let line = cli.fails(&["folder", "mv", "Nowhere", "--top"]);
    assert!(line.contains("no folder Nowhere"), "{line}");
    cli.ok(&["folder", "new", "A/B"]);
    let line = cli.fails(&["folder", "mv", "A", "--to", "A/B"]);
    assert!(!line.is_empty());
    let line = cli.fails(&["folder", "new", "A/B"]);
    assert!(line.contains("already exists"), "{line}");
    let line = cli.fails(&["add", "/no/such/page.html", "--url", SEED_URL]);
    assert!(line.contains("/no/such/page.html"), "{line}");
}

#[test]
fn edit_refuses_an_empty_title_and_trims_the_new_one() {
    let cli = Cli::new();
    let id = add_seed(&cli, &[]).to_string();
    let before = cli.json(&["show", &id, "--json"])["summary"]["title"].clone();
    for blank in ["", "   "] {
        let line = cli.fails(&["edit", &id, "--title", blank]);
        assert!(line.contains("a clipping needs a title"), "{line}");
    }
    assert_eq!(cli.json(&["show", &id, "--json"])["summary"]["title"], before);
    cli.ok(&["edit", &id, "--title", "  Kim warns against cliques  "]);
    assert_eq!(cli.json(&["show", &id, "--json"])["summary"]["title"], "Kim warns against cliques");
}

#[test]
fn tags_given_twice_in_different_spellings_are_one_tag() {
    let cli = Cli::new();
    let id = add_seed(&cli, &["--tag", "#Korea", "--tag", "korea", "--tag", " north   korea "]).to_string();
    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["summary"]["tags"], serde_json::json!(["Korea", "north korea"]));
    // Tagging again in another spelling reuses the library's tag.
    cli.ok(&["tag", "add", "#KOREA", "#Purge", "--to", &id]);
    let tags = cli.json(&["tag", "ls", "--json"]);
    let names: Vec<&str> = tags.as_array().unwrap().iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(names, ["Korea", "north korea", "Purge"]);
}

#[test]
fn add_and_mv_create_a_missing_folder_path_and_say_so() {
    let cli = Cli::new();
    let page = seed_page();
    let page = page.to_str().expect("UTF-8 path");
    let out = cli.ok(&["add", page, "--url", SEED_URL, "--folder", "Politics/Korea", "--no-images"]);
    assert!(out.starts_with("created folder Politics\ncreated folder Politics/Korea\nsaved #"), "{out}");
    assert_eq!(cli.json(&["ls", "--folder", "Politics/Korea", "--json"]).as_array().map(Vec::len), Some(1));
    // The path exists now: nothing is created; with --json the created folders are in the one JSON value.
    let second = cli.json(&["add", page, "--url", SEED_URL, "--force", "--folder", "politics/korea", "--json"]);
    assert_eq!(second["created_folders"], serde_json::json!([]));
    let third = cli.json(&["add", page, "--url", SEED_URL, "--force", "--folder", "Politics/Japan", "--json"]);
    assert_eq!(third["created_folders"], serde_json::json!(["Politics/Japan"]));
    let id = third["added"].to_string();
    let out = cli.ok(&["mv", &id, "--to", "World/Asia"]);
    assert_eq!(out, "created folder World\ncreated folder World/Asia\n");
    assert_eq!(cli.json(&["ls", "--folder", "World/Asia", "--json"])[0]["id"].to_string(), id);
    // Listing names a folder that must exist.
    let line = cli.fails(&["ls", "--folder", "Nowhere/Else"]);
    assert!(line.contains("no folder Nowhere/Else"), "{line}");
    let tree = cli.json(&["folder", "tree", "--json"]);
    assert_eq!(tree.as_array().map(Vec::len), Some(5), "{tree}");
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_left_alone() {
    let cli = Cli::new();
    let garbage = b"this is a text file, not a SQLite database\n".repeat(100);
    std::fs::write(cli.library(), &garbage).expect("write");
    let line = cli.fails(&["ls"]);
    assert!(line.contains("library.db"), "{line}");
    assert_eq!(std::fs::read(cli.library()).expect("read"), garbage);
}

#[test]
fn a_saved_page_is_added_under_the_address_it_declares_unless_one_is_given() {
    let cli = Cli::new();
    let page = seed_page();
    let page = page.to_str().expect("UTF-8 path");
    // The seed page declares its address (canonical link and og:url): no --url needed.
    let added = cli.json(&["add", page, "--json"]);
    let id = added["added"].as_i64().expect("id").to_string();
    assert_eq!(cli.json(&["show", &id, "--json"])["summary"]["url"], SEED_URL);
    // --url overrides what the page declares.
    let added = cli.json(&["add", page, "--url", "https://mirror.example.org/kim", "--force", "--json"]);
    let id = added["added"].as_i64().expect("id").to_string();
    assert_eq!(cli.json(&["show", &id, "--json"])["summary"]["url"], "https://mirror.example.org/kim");

    // A page that declares nothing: one plain line saying what to do.
    let bare = cli.dir.path().join("bare.html");
    std::fs::write(&bare, "<html><head><title>t</title></head><body><p>Some text.</p></body></html>").expect("write");
    let line = cli.fails(&["add", bare.to_str().expect("UTF-8 path")]);
    assert!(line.contains("does not say where it was published") && line.contains("--url"), "{line}");
}

#[test]
fn extract_batch_writes_every_page_on_every_core_and_reports_the_failures_in_order() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let list = dir.join("pages.list");
    let seed = seed_page();
    let url = SEED_URL;
    let missing = dir.join("missing.html");
    let mut lines = vec![format!("missing\t{}\t{url}", missing.display()), "no tabs here".to_string()];
    lines.extend((1..=6).map(|n| format!("page{n}\t{}\t{url}", seed.display())));
    std::fs::write(&list, lines.join("\n")).expect("list written");
    let out_dir = dir.join("out");
    let (list, out) = (list.to_string_lossy().to_string(), out_dir.to_string_lossy().to_string());

    let one_core = cli.run(&["extract", "--batch", &list, "--out-dir", &out, "--threads", "1"]);
    let first: Vec<String> = (1..=6)
        .map(|n| std::fs::read_to_string(out_dir.join(format!("page{n}.txt"))))
        .map(|t| t.expect("a text"))
        .collect();
    let every_core = cli.run(&["extract", "--batch", &list, "--out-dir", &out]);
    for (n, text) in first.iter().enumerate() {
        assert!(text.contains("Kim Jong Un"), "{text}");
        let again = std::fs::read_to_string(out_dir.join(format!("page{}.txt", n + 1))).expect("a text");
        assert_eq!(&again, text, "the same text on one core and on every core");
    }
    for out in [one_core, every_core] {
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 3, "{stderr}");
        assert!(
            lines[0].starts_with("cuttings: page missing: reading ") && lines[0].contains("No such file"),
            "{stderr}"
        );
        assert!(lines[1].ends_with("pages.list:2: expected id<TAB>path<TAB>url"), "{stderr}");
        assert!(lines[2].starts_with("cuttings: 6 pages extracted, 2 failed, in "), "{stderr}");
    }
    let elapsed: f64 =
        std::fs::read_to_string(out_dir.join("elapsed_s")).expect("elapsed_s").trim().parse().expect("seconds");
    assert!(elapsed > 0.0);
    assert!(!out_dir.join("missing.txt").exists());
}
