import { describe, expect, it } from 'vitest';
import { dragPayload, draggedIds } from './drag';

describe('drag payload', () => {
  it('round-trips ids and ignores junk', () => {
    expect(draggedIds(dragPayload([3, 14, 15]))).toEqual([3, 14, 15]);
    expect(draggedIds('7, x, -1, 2.5, ')).toEqual([7]);
    expect(draggedIds('')).toEqual([]);
  });
});
