// The queue's state in the UI, in one module: the overview the shell answers (counts, jobs, paused, who works it),
// kept fresh from the worker's events (`watchQueue`) and a slow poll (another program may be working the queue),
// and the panel's actions. Components read `overview` and call the methods; the rules are the core's.
import { toBackendError, type Backend, type BackendError } from './backend';
import type { QueueOverview } from './bindings';

/** How often the overview is asked for when no event arrives (another program's worker sends none). */
const POLL_MS = 3000;
/** Events closer together than this make one reload. */
const SETTLE_MS = 150;

export class QueueState {
  overview = $state<QueueOverview | null>(null);
  error = $state<BackendError | null>(null);
  readonly #backend: Backend;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;

  constructor(backend: Backend) {
    this.#backend = backend;
  }

  /** Loads the overview and listens for the worker's events. */
  async open(): Promise<void> {
    await this.refresh();
    try {
      await this.#backend.watchQueue(() => this.soon());
    } catch (thrown) {
      this.error = toBackendError(thrown);
    }
    this.#poll = setInterval(() => void this.refresh(), POLL_MS);
  }

  close(): void {
    clearInterval(this.#poll);
    clearTimeout(this.#timer);
  }

  /** Reloads the overview shortly (events come in bursts). */
  soon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  async refresh(): Promise<void> {
    try {
      this.overview = await this.#backend.queueOverview();
      this.error = null;
    } catch (thrown) {
      this.error = toBackendError(thrown);
    }
  }

  async #act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.error = null;
    } catch (thrown) {
      this.error = toBackendError(thrown);
    }
    await this.refresh();
  }

  setPaused(paused: boolean) {
    return this.#act(() => this.#backend.pauseQueue(paused));
  }
  /** Queues failed jobs again: these, or all failed ones for none. */
  retry(ids: number[] = []) {
    return this.#act(() => this.#backend.retryQueueJobs(ids, false));
  }
  /** Clips the Wayback Machine's copy of a gone page instead. */
  retryArchived(id: number) {
    return this.#act(() => this.#backend.retryQueueJobs([id], true));
  }
  /** Cancels waiting jobs: these, or all waiting ones for none. */
  cancel(ids: number[] = []) {
    return this.#act(() => this.#backend.cancelQueueJobs(ids));
  }
  clear(failed: boolean) {
    return this.#act(() => this.#backend.clearQueue(failed));
  }
}
