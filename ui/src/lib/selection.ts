// Multi-selection in the clipping list: click, Ctrl/Cmd-click (toggle) and Shift-click (range from the anchor),
// and arrow-key movement. Pure functions over row ids, unit-tested.

/** The selected ids and the anchor a Shift-click extends from. */
export interface Selection {
  ids: number[];
  anchor: number | null;
}

/** The selection after a click on `id` with the given modifiers, over rows in display order. */
export function clickSelect(
  current: Selection,
  order: number[],
  id: number,
  modifiers: { toggle: boolean; range: boolean },
): Selection {
  if (modifiers.range && current.anchor !== null) {
    const from = order.indexOf(current.anchor);
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const [a, b] = from <= to ? [from, to] : [to, from];
      return { ids: order.slice(a, b + 1), anchor: current.anchor };
    }
  }
  if (modifiers.toggle) {
    const ids = current.ids.includes(id) ? current.ids.filter((x) => x !== id) : [...current.ids, id];
    return { ids, anchor: id };
  }
  return { ids: [id], anchor: id };
}

/** The row id one step up (-1) or down (+1) from the anchor, staying within the list; null for an empty list. */
export function step(order: number[], anchor: number | null, direction: -1 | 1): number | null {
  if (order.length === 0) return null;
  const at = anchor === null ? -1 : order.indexOf(anchor);
  if (at < 0) return order[direction === 1 ? 0 : order.length - 1] ?? null;
  return order[Math.min(order.length - 1, Math.max(0, at + direction))] ?? null;
}
