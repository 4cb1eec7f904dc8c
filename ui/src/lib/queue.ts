// The queue panel's and import dialog's words and figures, from what the shell answers: the progress of the
// queue, a job's state in words, what queueing did, an import's read/archived choice as the shell takes it. Pure
// functions, unit-tested. What is queued, retried or skipped is the core's rule; nothing here decides it.
import type { EnqueueSummary, ImportReadAs, QueueJobState, QueueTally, QueueWorkerState } from './bindings';

/** The queue's progress: finished (saved or already there), failed, and still to do, with their shares of the bar
 *  in percent. Cancelled jobs are left out of the bar. */
export interface QueueProgress {
  done: number;
  failed: number;
  left: number;
  total: number;
  donePercent: number;
  failedPercent: number;
}

export function queueProgress(counts: QueueTally): QueueProgress {
  const done = counts.done + counts.duplicate;
  const failed = counts.failed;
  const left = counts.queued + counts.running;
  const total = done + failed + left;
  const percent = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
  return { done, failed, left, total, donePercent: percent(done), failedPercent: percent(failed) };
}

/** Jobs still to run: the badge on the toolbar's queue button. */
export function pendingJobs(counts: QueueTally | null | undefined): number {
  return counts ? counts.queued + counts.running : 0;
}

/** A job's state in words. */
export function jobStateLabel(state: QueueJobState): string {
  switch (state) {
    case 'queued':
      return 'Waiting';
    case 'running':
      return 'Clipping…';
    case 'done':
      return 'Saved';
    case 'duplicate':
      return 'Already in the library';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

/** Who works the queue, in words; null when this window does. */
export function workerNotice(worker: QueueWorkerState): string | null {
  if (worker === 'running') return null;
  if (worker === 'starting') return 'Starting the queue…';
  if (worker === 'otherProgram')
    return 'Another program (cuttings queue run, or another window) is clipping the queue; this window shows its progress.';
  return `This window cannot work the queue: ${worker.failed}`;
}

/** What queueing did, in one line: "3 queued, 1 already in the library". */
export function enqueueText(summary: EnqueueSummary): string {
  const parts = [`${summary.queued} queued`];
  if (summary.alreadyInLibrary > 0) parts.push(`${summary.alreadyInLibrary} already in the library`);
  if (summary.alreadyQueued > 0) parts.push(`${summary.alreadyQueued} already waiting in the queue`);
  return parts.join(', ');
}

/** What read or archived items become, as the import dialog's choice and its text field. */
export type ReadAsChoice = 'tag' | 'folder' | 'nothing';

/** The choice as the shell takes it; an empty name or path means nothing. */
export function readAsOf(choice: ReadAsChoice, text: string): ImportReadAs {
  const value = text.trim();
  if (choice === 'tag' && value !== '') return { kind: 'tag', name: value };
  if (choice === 'folder' && value !== '') return { kind: 'folder', path: value };
  return { kind: 'nothing' };
}

/** A file's name from its path, for showing. */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
