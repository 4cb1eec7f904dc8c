import { describe, expect, it } from 'vitest';
import { enqueueText, fileNameOf, jobStateLabel, pendingJobs, queueProgress, readAsOf, workerNotice } from './queue';

const counts = { queued: 2, running: 1, done: 4, duplicate: 1, failed: 2, cancelled: 5 };

describe('queue progress', () => {
  it('counts saved and already-there as done, leaves cancelled out of the bar', () => {
    const progress = queueProgress(counts);
    expect(progress).toMatchObject({ done: 5, failed: 2, left: 3, total: 10, donePercent: 50, failedPercent: 20 });
  });

  it('is empty with no jobs', () => {
    const empty = { queued: 0, running: 0, done: 0, duplicate: 0, failed: 0, cancelled: 0 };
    expect(queueProgress(empty)).toMatchObject({ total: 0, donePercent: 0, failedPercent: 0 });
    expect(pendingJobs(empty)).toBe(0);
    expect(pendingJobs(null)).toBe(0);
  });

  it('badges the jobs still to run', () => {
    expect(pendingJobs(counts)).toBe(3);
  });
});

describe('queue words', () => {
  it('says what queueing did', () => {
    expect(enqueueText({ queued: 3, alreadyInLibrary: 0, alreadyQueued: 0, createdFolders: [] })).toBe('3 queued');
    expect(enqueueText({ queued: 2, alreadyInLibrary: 1, alreadyQueued: 1, createdFolders: [] })).toBe(
      '2 queued, 1 already in the library, 1 already waiting in the queue',
    );
  });

  it('words states and workers', () => {
    expect(jobStateLabel('duplicate')).toBe('Already in the library');
    expect(workerNotice('running')).toBeNull();
    expect(workerNotice('otherProgram')).toContain('Another program');
    expect(workerNotice({ failed: 'locked' })).toContain('locked');
  });
});

describe('import choices', () => {
  it('turns the read/archived choice into what the shell takes', () => {
    expect(readAsOf('tag', ' read ')).toEqual({ kind: 'tag', name: 'read' });
    expect(readAsOf('folder', 'Archive/Read')).toEqual({ kind: 'folder', path: 'Archive/Read' });
    expect(readAsOf('tag', '  ')).toEqual({ kind: 'nothing' });
    expect(readAsOf('nothing', 'read')).toEqual({ kind: 'nothing' });
  });

  it('shows a file by its name', () => {
    expect(fileNameOf('/home/me/Downloads/pocket.zip')).toBe('pocket.zip');
    expect(fileNameOf('C:\\Users\\me\\pocket.zip')).toBe('pocket.zip');
  });
});
