//! Many clippings at once from the command line, end to end: the real `cuttings` binary, a temporary library, and
//! local sites behind a local proxy (`ALL_PROXY`), so that public-looking hosts such as `news.example` are served
//! here. `cuttings add URL URL…` and `--from-file`, `cuttings import` (a Pocket export), `cuttings queue`, and the
//! Wayback Machine's copy of a gone page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{Reply, TestProxy, TestServer};

fn article(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>The harbour board met on Monday and weighed the cost of the new quay, which \
         the city has argued about for years.</p><p>Its members voted to go on with the work in the spring, \
         after a long debate about the budget.</p></article></body></html>"
    )
}

/// A temporary library, the sites, and `cuttings` run against them.
struct Desk {
    dir: tempfile::TempDir,
    proxy: TestProxy,
    _sites: Vec<TestServer>,
}

impl Desk {
    fn new(news: Vec<(&str, Reply)>, archive: Vec<(&str, Reply)>) -> Desk {
        let news = TestServer::start(news);
        let archive = TestServer::start(archive);
        let proxy = TestProxy::start(vec![("news.example", &news), ("archive.example", &archive)]);
        Desk { dir: tempfile::tempdir().expect("temporary folder"), proxy, _sites: vec![news, archive] }
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("library.db")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cuttings"));
        command
            .args(args)
            .env("CUTTINGS_LIBRARY", self.library())
            .env("ALL_PROXY", self.proxy.url().as_str())
            .env("CUTTINGS_WAYBACK_URL", "http://archive.example/");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("cuttings runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "cuttings {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("--json prints JSON")
    }

    fn clippings(&self) -> Vec<serde_json::Value> {
        self.json(&["ls", "--json"]).as_array().cloned().expect("a list")
    }
}

fn titles(clippings: &[serde_json::Value]) -> Vec<String> {
    let mut titles: Vec<String> =
        clippings.iter().map(|c| c["title"].as_str().unwrap_or_default().to_string()).collect();
    titles.sort();
    titles
}

#[test]
fn several_addresses_are_queued_clipped_and_never_clipped_twice() {
    let desk = Desk::new(
        vec![
            ("/a", Reply::html(&article("Quay A"))),
            ("/b", Reply::html(&article("Quay B"))),
            ("/c", Reply::html(&article("Quay C"))),
        ],
        vec![],
    );
    let out = desk.ok(&[
        "add",
        "http://news.example/a",
        "http://news.example/b",
        "http://news.example/c",
        "--folder",
        "Press/Monday",
        "--tag",
        "harbour",
    ]);
    assert!(out.contains("created folder Press/Monday"), "{out}");
    assert!(out.contains("saved 3, already in the library 0, failed 0"), "{out}");
    let clippings = desk.clippings();
    assert_eq!(titles(&clippings), ["Quay A", "Quay B", "Quay C"]);
    assert!(clippings.iter().all(|c| c["tags"] == serde_json::json!(["harbour"])));

    // The same addresses again: reported, not saved.
    let again = desk.ok(&["add", "http://news.example/a", "http://news.example/b"]);
    assert!(again.contains("already in the library as #"), "{again}");
    assert!(again.contains("saved 0"), "{again}");
    assert_eq!(desk.clippings().len(), 3);

    // --url, --force and --whole-page are for one page.
    let refused = desk.run(&["add", "http://news.example/a", "http://news.example/b", "--force"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a list of addresses is queued"));
}

#[test]
fn the_links_in_any_text_on_standard_input_are_clipped() {
    let desk =
        Desk::new(vec![("/a", Reply::html(&article("Quay A"))), ("/b", Reply::html(&article("Quay B")))], vec![]);
    let mut child = desk
        .command(&["add", "--from-file", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cuttings runs");
    let text = "Morning coverage:\n- http://news.example/a (front page),\n- see also <http://news.example/b>.\n";
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("written");
    let out = child.wait_with_output().expect("cuttings ends");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(outcome["counts"]["done"], 2, "{outcome}");
    assert_eq!(titles(&desk.clippings()), ["Quay A", "Quay B"]);

    let nothing = desk.run(&["add", "--from-file", "/dev/null"]);
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no web address found"));
}

/// A Pocket export: two CSV parts and annotations, zipped.
fn pocket_zip(dir: &Path, first_part: &str) -> PathBuf {
    let files: [(&str, &str); 3] = [
        ("part_000000.csv", first_part),
        ("part_000001.csv", "title,url,time_added,tags,status\nQuay C,http://news.example/c,1490000200,,unread\n"),
        (
            "annotations/part_000000.json",
            r#"[{"url":"http://news.example/a","title":"Quay A","highlights":[{"quote":"voted to go on","created_at":1700000000}]}]"#,
        ),
    ];
    let path = dir.join("pocket.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).expect("zip file"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        writer.start_file(name, options).expect("zip entry");
        writer.write_all(text.as_bytes()).expect("zip entry written");
    }
    writer.finish().expect("zip finished");
    path
}

#[test]
fn a_pocket_export_comes_in_with_its_tags_folders_times_and_highlights() {
    let desk = Desk::new(
        vec![
            ("/a", Reply::html(&article("Quay A"))),
            ("/b", Reply::html(&article("Quay B"))),
            ("/c", Reply::html(&article("Quay C"))),
        ],
        vec![],
    );
    let zip = pocket_zip(
        desk.dir.path(),
        "title,url,time_added,tags,status\n\
         Quay A,http://news.example/a,1490000000,ports|economy,unread\n\
         Quay B,http://news.example/b,1490000100,ports,archive\n\
         Bookmarklet,javascript:void(0),1490000150,,unread\n",
    );
    let zip = zip.to_str().expect("UTF-8 path");

    // The preview imports nothing.
    let preview = desk.json(&["import", "pocket", zip, "--folder", "Imported/Pocket", "--dry-run", "--json"]);
    assert_eq!(preview["items"], 3, "{preview}");
    assert_eq!(preview["highlights"], 1);
    assert_eq!(preview["skipped_not_web"], 1);
    assert_eq!(preview["folders"], serde_json::json!(["Imported/Pocket"]));
    assert_eq!(preview["tags"], serde_json::json!(["economy", "ports", "read"]));
    assert!(desk.clippings().is_empty());
    assert!(desk.json(&["queue", "ls", "--json"]).as_array().is_some_and(Vec::is_empty));

    let out = desk.ok(&["import", "pocket", zip, "--folder", "Imported/Pocket"]);
    assert!(out.contains("Pocket import of"), "{out}");
    assert!(out.contains("saved 3"), "{out}");
    let clippings = desk.json(&["ls", "--folder", "Imported/Pocket", "--json"]);
    let clippings = clippings.as_array().expect("a list");
    assert_eq!(titles(clippings), ["Quay A", "Quay B", "Quay C"]);
    let by_title = |title: &str| clippings.iter().find(|c| c["title"] == title).expect("the clipping").clone();
    assert_eq!(by_title("Quay A")["saved_at"], "2017-03-20T08:53:20.000Z", "Pocket's time_added is kept");
    assert_eq!(by_title("Quay A")["tags"], serde_json::json!(["economy", "ports"]));
    assert_eq!(by_title("Quay B")["tags"], serde_json::json!(["ports", "read"]), "archived items get the read tag");
    let id = by_title("Quay A")["id"].as_i64().expect("an id").to_string();
    let highlights = desk.ok(&["highlight", "ls", &id]);
    assert!(highlights.contains("yellow \"voted to go on\""), "Pocket's highlight is a highlight: {highlights}");

    // Importing again brings nothing new.
    let again = desk.ok(&["import", "pocket", zip, "--folder", "Imported/Pocket"]);
    assert!(again.contains("already in the library or the queue: 3"), "{again}");
    assert_eq!(desk.clippings().len(), 3);
}

#[test]
fn a_malformed_export_names_the_file_and_line_and_imports_nothing() {
    let desk = Desk::new(vec![], vec![]);
    let zip = pocket_zip(
        desk.dir.path(),
        "title,url,time_added,tags,status\nQuay A,http://news.example/a,1490000000,,unread\nQuay B,http://news.example/b,yesterday,,unread\n",
    );
    let out = desk.run(&["import", "pocket", zip.to_str().expect("UTF-8 path"), "--folder", "Imported"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("part_000000.csv, line 3"), "{stderr}");
    assert!(stderr.contains("yesterday"), "{stderr}");
    assert!(desk.json(&["queue", "ls", "--json"]).as_array().is_some_and(Vec::is_empty));
    assert!(desk.ok(&["folder", "tree"]).trim().is_empty() || !desk.ok(&["folder", "tree"]).contains("Imported"));
}

#[test]
fn a_gone_page_is_clipped_from_the_wayback_machine_when_asked() {
    let gone = "http://news.example/gone";
    let available = format!(
        r#"{{"url":"{gone}","archived_snapshots":{{"closest":{{"status":"200","available":true,"url":"http://archive.example/web/20190302101500/{gone}","timestamp":"20190302101500"}}}}}}"#
    );
    let desk = Desk::new(
        vec![("/gone", Reply::page(404, &[], "gone")), ("/ok", Reply::html(&article("Quay OK")))],
        vec![
            ("/wayback/available?url=http%3A%2F%2Fnews.example%2Fgone", Reply::typed("application/json", available)),
            ("/web/20190302101500id_/http://news.example/gone", Reply::html(&article("Quay, as archived"))),
        ],
    );
    let out = desk.ok(&["add", gone, "http://news.example/ok"]);
    assert!(out.contains("saved 1, already in the library 0, failed 1"), "{out}");
    assert!(out.contains("404"), "{out}");
    assert!(out.contains("cuttings queue retry --wayback"), "the copy is offered: {out}");

    let retried = desk.ok(&["queue", "retry", "--wayback"]);
    assert!(retried.starts_with("1 gone pages queued again"), "{retried}");
    let run = desk.ok(&["queue", "run"]);
    assert!(run.contains("saved 2"), "{run}");
    let archived = desk.clippings().into_iter().find(|c| c["title"] == "Quay, as archived").expect("the archived copy");
    assert_eq!(archived["url"], gone, "filed under the page's own address");
    let shown = desk.ok(&["show", &archived["id"].to_string()]);
    assert!(shown.contains("Internet Archive's copy of 2019-03-02"), "{shown}");
}
