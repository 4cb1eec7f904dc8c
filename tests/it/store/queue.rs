//! The queue's jobs in the library: queueing (duplicates, folders, notes for clippings already there), claiming,
//! finishing in the same transaction as the save, failing and retrying, cancelling and clearing.

use cuttings::store::{AddOutcome, JobFailure, JobFilter, JobState, Library, NewJob, QueueJobId};

use super::{add, new_clipping};

fn job(url: &str) -> NewJob {
    NewJob { url: url.into(), ..NewJob::default() }
}

fn open() -> (tempfile::TempDir, Library) {
    crate::util::temp_library()
}

#[test]
fn an_address_already_in_the_library_is_a_duplicate_and_gets_the_new_note() {
    let (_dir, mut library) = open();
    let existing = add(&mut library, new_clipping("https://news.example/a", "A", "Text of a."));
    let note = "> a highlighted passage\n\nmy comment";
    let jobs = [
        NewJob { note: Some(note.into()), ..job("https://news.example/a?utm_source=feed") },
        job("https://news.example/b"),
        job("https://news.example/b"),
    ];
    let report = library.enqueue("three", &jobs).expect("queued");
    assert_eq!(report.queued, 1);
    assert_eq!(report.already_queued, 1, "the same address twice in a batch is queued once");
    assert_eq!(report.already_in_library, vec![("https://news.example/a?utm_source=feed".to_string(), existing)]);
    let notes = library.notes(existing).expect("notes");
    assert_eq!(notes.iter().filter(|n| n.body == note).count(), 1);
    // Importing the same highlights again adds no second note.
    library.enqueue("again", &jobs[..1]).expect("queued again");
    assert_eq!(library.notes(existing).expect("notes").iter().filter(|n| n.body == note).count(), 1);
    let counts = library.queue_counts(None).expect("counts");
    assert_eq!((counts.queued, counts.duplicate), (1, 2));
}

#[test]
fn subfolders_are_made_when_queued_and_a_failed_batch_makes_none() {
    let (_dir, mut library) = open();
    let jobs = [
        NewJob { subfolders: vec!["Imported".into(), "News/Asia".into()], ..job("https://news.example/a") },
        NewJob { subfolders: vec!["Imported".into(), "News/Asia".into()], ..job("https://news.example/b") },
    ];
    let report = library.enqueue("import", &jobs).expect("queued");
    assert_eq!(report.created_folders, ["Imported", "Imported/News/Asia"]);
    let queued = library.queue_jobs(&JobFilter::default(), 10).expect("jobs");
    assert!(queued.iter().all(|j| j.folder.is_some() && j.folder == queued[0].folder));

    // A name the library refuses fails the whole batch: no folder, no job.
    let bad = [
        NewJob { subfolders: vec!["Fine".into()], ..job("https://news.example/c") },
        NewJob { subfolders: vec!["x".repeat(300)], ..job("https://news.example/d") },
    ];
    assert!(library.enqueue("bad", &bad).is_err());
    assert_eq!(library.folder_at_path("Fine").expect("lookup"), None);
    assert_eq!(library.queue_counts(None).expect("counts").total(), 2);
}

#[test]
fn a_job_is_claimed_once_and_finished_with_its_clipping_in_one_step() {
    let (_dir, mut library) = open();
    let saved_at = "2019-03-02T08:00:00.000Z";
    let jobs =
        [NewJob { saved_at: Some(saved_at.into()), tags: vec!["morning".into()], ..job("https://news.example/a") }];
    library.enqueue("one", &jobs).expect("queued");
    let due = library.due_jobs("9999-01-01T00:00:00.000Z", &[], 10).expect("due");
    assert_eq!(due.len(), 1);
    let id = due[0].id;
    assert!(library.start_job(id).expect("claimed"));
    assert!(!library.start_job(id).expect("claimed twice"), "a running job cannot be claimed again");
    assert!(library.due_jobs("9999-01-01T00:00:00.000Z", &[], 10).expect("due").is_empty());

    let mut new = new_clipping("https://news.example/a", "A", "Text.");
    new.saved_at = Some(saved_at.into());
    let AddOutcome::Added(clipping) = library.finish_job(id, new.clone(), &[]).expect("finished") else {
        panic!("not added")
    };
    let done = library.queue_job(id).expect("the job");
    assert_eq!((done.state, done.clipping), (JobState::Done, Some(clipping)));
    assert_eq!(library.clipping(clipping).expect("clipping").summary.saved_at, saved_at);
    // A finished job cannot be finished again (nothing saved twice).
    assert!(library.finish_job(id, new, &[]).is_err());
}

#[test]
fn a_future_or_malformed_saved_time_is_taken_as_now() {
    let (_dir, mut library) = open();
    let mut future = new_clipping("https://news.example/f", "F", "Text.");
    future.saved_at = Some("2999-01-01T00:00:00Z".into());
    let mut junk = new_clipping("https://news.example/j", "J", "Text.");
    junk.saved_at = Some("yesterday".into());
    let mut offset = new_clipping("https://news.example/o", "O", "Text.");
    offset.saved_at = Some("2019-03-02T10:00:00+02:00".into());
    let today = cuttings::store::timestamp(time::OffsetDateTime::now_utc())[..10].to_string();
    for (new, expected) in [(future, today.clone()), (junk, today), (offset, "2019-03-02T08:00:00.000Z".to_string())] {
        let id = add(&mut library, new);
        let saved = library.clipping(id).expect("clipping").summary.saved_at;
        assert!(saved.starts_with(&expected), "{saved} should start with {expected}");
    }
}

#[test]
fn failures_wait_retry_and_fail_then_can_be_retried_cancelled_and_cleared() {
    let (_dir, mut library) = open();
    library.enqueue("two", &[job("https://news.example/a"), job("https://news.example/b")]).expect("queued");
    let (a, b) = (QueueJobId(1), QueueJobId(2));
    assert!(library.start_job(a).expect("claimed"));
    let later = JobFailure {
        code: "http_status".into(),
        message: "the server answered 503".into(),
        retry_at: Some("2999-01-01T00:00:00.000Z".into()),
        archived_copy: None,
    };
    library.fail_job(a, &later).expect("failed once");
    let waiting = library.queue_job(a).expect("job");
    assert_eq!((waiting.state, waiting.tries), (JobState::Queued, 1));
    assert_eq!(library.next_due_time().expect("next"), None, "job b is due now");
    let due = library.due_jobs("2026-01-01T00:00:00.000Z", &[], 10).expect("due");
    assert_eq!(due.iter().map(|j| j.id).collect::<Vec<_>>(), [b], "a waiting job is not due");

    let gone = JobFailure {
        code: "http_status".into(),
        message: "the server answered 404 Not Found".into(),
        retry_at: None,
        archived_copy: Some("http://web.archive.org/web/20190302000000id_/https://news.example/a".into()),
    };
    library.start_job(a).expect("claim");
    library.fail_job(a, &gone).expect("failed for good");
    assert_eq!(library.queue_job(a).expect("job").state, JobState::Failed);

    assert_eq!(library.cancel_jobs(&JobFilter::default()).expect("cancelled"), 1, "only b was queued");
    assert_eq!(library.retry_jobs(&JobFilter::default(), true).expect("retried"), 1);
    let again = library.queue_job(a).expect("job");
    assert_eq!((again.state, again.tries, again.use_archived_copy), (JobState::Queued, 0, true));

    library.start_job(a).expect("claim");
    library.requeue_running().expect("requeued");
    assert_eq!(library.queue_job(a).expect("job").state, JobState::Queued, "a dead worker's job goes back");
    assert_eq!(library.clear_finished_jobs(false).expect("cleared"), 1, "the cancelled job");
    assert_eq!(library.queue_counts(None).expect("counts").total(), 1);
}

#[test]
fn a_job_whose_folder_went_to_the_trash_is_filed_in_the_inbox() {
    let (_dir, mut library) = open();
    let jobs = [NewJob { subfolders: vec!["Monday".into()], ..job("https://news.example/a") }];
    library.enqueue("one", &jobs).expect("queued");
    let queued = library.queue_job(QueueJobId(1)).expect("the job");
    let folder = queued.folder.expect("filed in Monday");
    library.delete_folder(folder).expect("Monday to the trash");
    assert!(library.start_job(queued.id).expect("claimed"));
    let mut new = new_clipping("https://news.example/a", "A", "Text.");
    new.folder = Some(folder);
    let AddOutcome::Added(id) = library.finish_job(queued.id, new, &[]).expect("finished") else { panic!("not added") };
    assert_eq!(library.clipping(id).expect("clipping").summary.folder, None);
}

#[test]
fn an_imports_highlights_become_highlights_where_the_text_has_them_and_a_note_where_not() {
    use cuttings::store::JobHighlight;
    let (_dir, mut library) = open();
    let passages = vec![
        JobHighlight { quote: "budget  passed".into(), comment: Some("key vote".into()) },
        JobHighlight { quote: "a sentence this copy lost".into(), comment: None },
    ];
    // Queued, clipped, saved: its passages go with it.
    library
        .enqueue("import", &[NewJob { highlights: passages.clone(), ..job("https://news.example/a") }])
        .expect("queued");
    assert!(library.start_job(QueueJobId(1)).expect("claimed"));
    let new = new_clipping("https://news.example/a", "A", "The budget passed on Monday.");
    let AddOutcome::Added(id) = library.finish_job(QueueJobId(1), new, &[]).expect("finished") else {
        panic!("not added")
    };
    let highlights = library.highlights(id).expect("highlights");
    assert_eq!(highlights.len(), 1);
    assert_eq!(
        (highlights[0].selectors.exact.as_str(), highlights[0].comment.as_deref()),
        ("budget passed", Some("key vote"))
    );
    let notes = library.notes(id).expect("notes");
    assert!(notes.iter().any(|n| n.body.contains("> a sentence this copy lost")), "{notes:?}");
    assert_eq!(library.search("has:highlights", 5).expect("search").len(), 1);

    // The same export again: already in the library, nothing doubled.
    library.enqueue("again", &[NewJob { highlights: passages, ..job("https://news.example/a") }]).expect("queued");
    assert_eq!(library.highlights(id).expect("highlights").len(), 1);
    assert_eq!(library.notes(id).expect("notes").len(), 1);
}
