import { describe, expect, it } from 'vitest';
import { rowWindow } from './virtual';

describe('rowWindow', () => {
  it('renders the rows in view plus the margin, and spacers for the rest', () => {
    const w = rowWindow(0, 800, 80, 10_000, 5);
    expect(w).toEqual({ start: 0, end: 16, padTop: 0, padBottom: (10_000 - 16) * 80 });
  });

  it('keeps the total height whatever the scroll position', () => {
    for (const top of [0, 12_345, 400_000, 799_200, 900_000]) {
      const w = rowWindow(top, 700, 80, 10_000);
      expect(w.padTop + (w.end - w.start) * 80 + w.padBottom).toBe(800_000);
      expect(w.end - w.start).toBeLessThanOrEqual(30);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });

  it('handles empty and short lists', () => {
    expect(rowWindow(0, 500, 80, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 500, 80, 3)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});
