import { describe, expect, it } from 'vitest';
import { clickSelect, step } from './selection';

const order = [10, 11, 12, 13, 14];

describe('clickSelect', () => {
  it('selects one row on a plain click', () => {
    expect(clickSelect({ ids: [10, 11], anchor: 10 }, order, 13, { toggle: false, range: false })).toEqual({
      ids: [13],
      anchor: 13,
    });
  });

  it('toggles with Ctrl and selects a range with Shift, either direction', () => {
    const one = clickSelect({ ids: [], anchor: null }, order, 11, { toggle: false, range: false });
    const two = clickSelect(one, order, 13, { toggle: true, range: false });
    expect(two.ids).toEqual([11, 13]);
    expect(clickSelect(two, order, 11, { toggle: true, range: false }).ids).toEqual([13]);
    expect(clickSelect(one, order, 14, { toggle: false, range: true }).ids).toEqual([11, 12, 13, 14]);
    expect(clickSelect({ ids: [13], anchor: 13 }, order, 10, { toggle: false, range: true }).ids).toEqual([
      10, 11, 12, 13,
    ]);
  });
});

describe('step', () => {
  it('moves within the list and stops at its ends', () => {
    expect(step(order, 12, 1)).toBe(13);
    expect(step(order, 14, 1)).toBe(14);
    expect(step(order, 10, -1)).toBe(10);
    expect(step(order, null, 1)).toBe(10);
    expect(step([], null, 1)).toBeNull();
  });
});
