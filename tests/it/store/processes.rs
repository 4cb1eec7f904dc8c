//! Real processes on one library: two writers at once, and a writer killed while saving.
//!
//! The children are this test binary run again on the ignored test [`child_role`], with the role and the library
//! path in environment variables; a child reports on stdout in lines starting with [`REPORT`].

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use cuttings::store::{AddOutcome, ClippingFilter, ClippingId, Library, SortOrder, StoreError};

use super::new_clipping;
use crate::util::temp_library;

/// Environment variable naming the child's role.
const ROLE: &str = "CUTTINGS_TEST_STORE_ROLE";
/// Environment variable holding the child's library path.
const LIBRARY: &str = "CUTTINGS_TEST_STORE_PATH";
/// Marks the lines a child reports on (libtest may print its own text before it on the same line).
const REPORT: &str = "store-child: ";
/// Clippings each concurrent writer saves.
const WRITES: usize = 40;

/// A command that runs this test binary as a child in `role` on the library at `path`.
fn child(role: &str, path: &Path) -> Command {
    let exe = std::env::current_exe().expect("path of the test binary");
    let mut command = Command::new(exe);
    command
        .args(["store::processes::child_role", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(LIBRARY, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    command
}

/// Runs a child role to its end (as user `uid` if given) and returns its report lines, joined.
pub fn run_role(role: &str, path: &Path, uid: Option<u32>) -> String {
    let mut command = child(role, path);
    if role == "default_path" {
        command.env_remove("CUTTINGS_LIBRARY");
        if !path.as_os_str().is_empty() {
            command.env("CUTTINGS_LIBRARY", path);
        }
    }
    if let Some(uid) = uid {
        command.uid(uid).gid(uid);
    }
    let output = command.output().expect("run the child test binary");
    assert!(output.status.success(), "child {role} failed: {output:?}");
    reports(&String::from_utf8_lossy(&output.stdout)).join("\n")
}

/// The report lines in a child's output, without their prefix.
fn reports(stdout: &str) -> Vec<String> {
    stdout.lines().filter_map(|l| l.split_once(REPORT)).map(|(_, report)| report.to_string()).collect()
}

/// The body of the child processes; does nothing unless run by a parent test with [`ROLE`] set.
#[test]
#[ignore = "child-process role, started by the other tests of this module"]
fn child_role() {
    let Ok(role) = std::env::var(ROLE) else { return };
    let path = PathBuf::from(std::env::var_os(LIBRARY).unwrap_or_default());
    match role.as_str() {
        "open" => match Library::open(&path) {
            Ok(_) => println!("{REPORT}opened"),
            Err(e) => println!("{REPORT}{}: {e}", e.code()),
        },
        "hold" => {
            // Keeps the library open (as the desktop app does) until the parent closes our stdin.
            let library = Library::open(&path).expect("open the library");
            println!("{REPORT}opened");
            let _ = std::io::stdin().read_line(&mut String::new());
            drop(library);
        }
        "default_path" => match cuttings::store::default_library_path() {
            Ok(p) => println!("{REPORT}{}", p.display()),
            Err(e) => println!("{REPORT}{}: {e}", e.code()),
        },
        "writer" => {
            let pid = std::process::id();
            let (mut added, mut busy) = (0, 0);
            for i in 0..WRITES {
                let outcome = Library::open(&path).and_then(|mut library| {
                    let mut new = new_clipping(
                        &format!("https://example.com/{pid}/{i}"),
                        &format!("Writer {pid} story {i}"),
                        &"concurrent words in a long body of text ".repeat(200),
                    );
                    new.tags = vec![format!("writer{pid}")];
                    library.add_clipping(new)
                });
                match outcome {
                    Ok(AddOutcome::Added(_)) => added += 1,
                    Err(StoreError::Busy) => busy += 1,
                    other => panic!("writer {pid}: unexpected {other:?}"),
                }
            }
            println!("{REPORT}added {added} busy {busy}");
        }
        "saver" => {
            let mut library = Library::open(&path).expect("open the library");
            for i in 0.. {
                let mut new = new_clipping(
                    &format!("https://example.com/saved/{i}"),
                    &format!("Saved story {i}"),
                    &format!("marker{i} {}", "a long body that takes a while to index ".repeat(2000)),
                );
                new.original_page = format!("page {i} {}", "<p>bytes</p>".repeat(20_000)).into_bytes();
                new.tags = vec!["first".into(), format!("tag{i}")];
                new.note = Some(format!("note for {i}"));
                library.add_clipping(new).expect("save");
                println!("{REPORT}saved {i}");
            }
        }
        other => panic!("unknown child role {other}"),
    }
}

/// Starts a child that holds the library at `path` open, and returns once it has opened it.
pub fn hold_open(path: &Path) -> std::process::Child {
    let mut holder = child("hold", path).stdin(Stdio::piped()).spawn().expect("start the holder");
    let stdout = holder.stdout.take().expect("holder's stdout");
    let mut lines = BufReader::new(stdout).lines();
    let opened = lines.by_ref().map_while(Result::ok).any(|line| line.contains(REPORT));
    assert!(opened, "the holder did not open the library");
    // Read the rest (libtest's own lines) so that the holder never writes into a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    holder
}

#[test]
fn two_processes_writing_at_once_both_succeed_or_get_busy() {
    let (dir, library) = temp_library();
    let path = dir.path().join("library.db");
    let children: Vec<_> = (0..2).map(|_| child("writer", &path).spawn().expect("start a writer")).collect();
    let mut total_added = 0;
    for child in children {
        let output = child.wait_with_output().expect("wait for a writer");
        assert!(output.status.success(), "writer failed: {output:?}");
        let report = reports(&String::from_utf8_lossy(&output.stdout)).join("");
        let numbers: Vec<usize> = report.split_whitespace().filter_map(|w| w.parse().ok()).collect();
        assert_eq!(numbers.len(), 2, "report {report:?}");
        assert_eq!(numbers[0] + numbers[1], WRITES, "report {report:?}");
        total_added += numbers[0];
    }
    assert_eq!(library.integrity_check().unwrap(), "ok");
    let all = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 1000, 0).unwrap();
    assert_eq!(all.len(), total_added);
    assert!(total_added > 0);
    for summary in &all {
        assert_eq!(summary.tags.len(), 1, "{summary:?}");
    }
}

#[test]
fn a_process_killed_while_saving_leaves_only_complete_clippings() {
    let (dir, library) = temp_library();
    let path = dir.path().join("library.db");
    drop(library);
    let mut saver = child("saver", &path).spawn().expect("start the saver");
    let stdout = saver.stdout.take().expect("saver's stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut saved = 0;
    while saved < 8 {
        match lines.next() {
            Some(Ok(line)) if line.contains(REPORT) => saved += 1,
            Some(Ok(_)) => {}
            other => panic!("saver stopped early: {other:?}"),
        }
    }
    // Kill it somewhere inside a later save.
    std::thread::sleep(Duration::from_millis(37));
    saver.kill().expect("SIGKILL the saver");
    saver.wait().expect("reap the saver");

    let library = Library::open(&path).expect("reopen after the kill");
    assert_eq!(library.integrity_check().unwrap(), "ok");
    let all = library.list_clippings(&ClippingFilter::All, SortOrder::SavedNewest, 10_000, 0).unwrap();
    assert!(all.len() >= saved, "only {} of {saved} reported saves are there", all.len());
    for summary in &all {
        let clipping = library.clipping(summary.id).unwrap();
        let n = summary.title.trim_start_matches("Saved story ");
        assert_eq!(clipping.notes.len(), 1, "{n}");
        assert_eq!(clipping.notes[0].body, format!("note for {n}"));
        assert_eq!(summary.tags, vec!["first".to_string(), format!("tag{n}")]);
        assert!(clipping.text.starts_with(&format!("marker{n} ")));
        let page = library.original_page(summary.id).unwrap();
        assert!(page.starts_with(format!("page {n} ").as_bytes()));
        let hits = library.search(&format!("marker{n}"), 5).unwrap();
        assert_eq!(hits.iter().map(|h| h.clipping.id).collect::<Vec<ClippingId>>(), vec![summary.id]);
    }
}
