import { describe, expect, it } from 'vitest';
import { BackendError, RAW_ARGS_HEADER, makeBackend, toBackendError } from './backend';

describe('backend wrapper', () => {
  it('passes command names and arguments through', async () => {
    const calls: unknown[][] = [];
    const backend = makeBackend(async <T>(command: string, args?: unknown, options?: unknown) => {
      calls.push(options === undefined ? [command, args] : [command, args, options]);
      return [] as T;
    });
    await backend.listClippings({ source: { kind: 'inbox' }, sort: 'saved', offset: 0, limit: 100 });
    await backend.clipping(7);
    expect(calls).toEqual([
      ['list_clippings', { request: { source: { kind: 'inbox' }, sort: 'saved', offset: 0, limit: 100 } }],
      ['clipping', { id: 7 }],
    ]);
  });

  it('sends a saved page as raw bytes, its request number and address in a header', async () => {
    const calls: unknown[][] = [];
    const backend = makeBackend(async <T>(command: string, args?: unknown, options?: unknown) => {
      calls.push([command, args, options]);
      return {} as T;
    });
    const page = new Uint8Array([60, 112]);
    await backend.preparePage(page, ' https://news.example/a?b=1&c=2 ', 9);
    // No address: the core reads the one the page declares.
    await backend.preparePage(page, '', 10);
    expect(calls).toEqual([
      ['prepare_page', page, { headers: { [RAW_ARGS_HEADER]: 'request=9&url=https%3A%2F%2Fnews.example%2Fa%3Fb%3D1%26c%3D2' } }],
      ['prepare_page', page, { headers: { [RAW_ARGS_HEADER]: 'request=10' } }],
    ]);
    // The very bytes, not a JSON array of numbers.
    expect(calls[0]![1]).toBe(page);
  });

  it('refuses a page over the size limit before sending it', async () => {
    let sent = 0;
    const backend = makeBackend(async <T>() => {
      sent++;
      return {} as T;
    });
    const error = await backend.preparePage(new Uint8Array(25_000_000), '', 1).catch((e: unknown) => e);
    expect((error as BackendError).code).toBe('too_large');
    expect((error as BackendError).message).toBe('the saved page is 25 MB; pages up to 20 MB can be clipped');
    expect(sent).toBe(0);
  });

  it('gives long commands a progress channel that reaches the caller', async () => {
    const seen: unknown[] = [];
    const made: ((message: unknown) => void)[] = [];
    const backend = makeBackend(
      async <T>(command: string, raw?: unknown) => {
        const args = raw as Record<string, unknown> | undefined;
        expect(command).toBe('export');
        expect(args?.request).toMatchObject({ request: 4, format: 'pdf' });
        expect(args?.onProgress).toBe('channel-0');
        made[0]!({ step: 'images', done: 1, total: 2 });
        return { path: '/tmp/r.pdf' } as T;
      },
      <T>(onmessage: (message: T) => void) => {
        made.push(onmessage as (message: unknown) => void);
        return `channel-${made.length - 1}`;
      },
    );
    const request = {
      request: 4,
      source: { kind: 'tag' as const, name: 'wire' },
      format: 'pdf' as const,
      order: 'published' as const,
      title: null,
      grouping: 'none' as const,
      combined: false,
      digest: false,
      mark: 'equals' as const,
      target: '/tmp/r.pdf',
    };
    const done = await backend.exportClippings(request, (progress) => seen.push(progress));
    expect(done.path).toBe('/tmp/r.pdf');
    expect(seen).toEqual([{ step: 'images', done: 1, total: 2 }]);
  });

  it('hands the shell a channel on which it says the library changed elsewhere', async () => {
    const made: ((message: unknown) => void)[] = [];
    let changes = 0;
    const backend = makeBackend(
      async <T>(command: string, raw?: unknown) => {
        const args = raw as Record<string, unknown> | undefined;
        expect(command).toBe('watch_library');
        expect(args?.onChange).toBe('channel-0');
        return undefined as T;
      },
      <T>(onmessage: (message: T) => void) => {
        made.push(onmessage as (message: unknown) => void);
        return `channel-${made.length - 1}`;
      },
    );
    await backend.watchLibrary(() => changes++);
    made[0]!(null);
    made[0]!(null);
    expect(changes).toBe(2);
  });

  it('throws a typed error carrying the command error code', async () => {
    const backend = makeBackend(async () => {
      throw { code: 'not_found', message: 'no clipping with id 7' };
    });
    const error = await backend.clipping(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).code).toBe('not_found');
    expect((error as BackendError).message).toBe('no clipping with id 7');
  });

  it('gives anything else an ipc or unknown code', () => {
    expect(toBackendError('command clipping not found').code).toBe('ipc');
    expect(toBackendError(new Error('boom')).code).toBe('ipc');
    expect(toBackendError(undefined).code).toBe('unknown');
  });
});
