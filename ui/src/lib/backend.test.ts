import { describe, expect, it } from 'vitest';
import { BackendError, makeBackend, toBackendError } from './backend';

describe('backend wrapper', () => {
  it('passes command names and arguments through', async () => {
    const calls: [string, unknown][] = [];
    const backend = makeBackend(async <T>(command: string, args?: Record<string, unknown>) => {
      calls.push([command, args]);
      return [] as T;
    });
    await backend.listClippings({ source: { kind: 'inbox' }, sort: 'saved', offset: 0, limit: 100 });
    await backend.clipping(7);
    expect(calls).toEqual([
      ['list_clippings', { request: { source: { kind: 'inbox' }, sort: 'saved', offset: 0, limit: 100 } }],
      ['clipping', { id: 7 }],
    ]);
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
