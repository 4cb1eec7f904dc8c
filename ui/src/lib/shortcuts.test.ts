import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; typing: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  typing: false,
  ...extra,
});

describe('shortcutOf', () => {
  it('maps Ctrl or Cmd with N, E, F to clip, export, search, whatever the case', () => {
    expect(shortcutOf(press('n', { ctrlKey: true }), false)).toBe('clip');
    expect(shortcutOf(press('E', { metaKey: true }), false)).toBe('export');
    expect(shortcutOf(press('f', { ctrlKey: true, typing: true }), false)).toBe('search');
    expect(shortcutOf(press('n'), false)).toBeNull();
  });

  it('toggles the help with ? except while typing, and Escape closes it only when open', () => {
    expect(shortcutOf(press('?'), false)).toBe('toggle-help');
    expect(shortcutOf(press('?', { typing: true }), false)).toBeNull();
    expect(shortcutOf(press('Escape'), true)).toBe('close-help');
    expect(shortcutOf(press('Escape'), false)).toBeNull();
  });
});
