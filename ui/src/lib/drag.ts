// Dragging clippings onto sidebar folders: the data type and the id list carried by the drag. Pure, unit-tested.

/** The drag data type for clipping ids (a private type, so no other drop target takes it). */
export const CLIPPING_DRAG_TYPE = 'application/x-cuttings-clippings';

/** The ids a drag carries, as written by `dragPayload`; anything else gives none. */
export function draggedIds(payload: string): number[] {
  return payload
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** The drag payload for these ids. */
export function dragPayload(ids: number[]): string {
  return ids.join(',');
}

/** The drag data type for a folder being moved in the sidebar. */
export const FOLDER_DRAG_TYPE = 'application/x-cuttings-folder';
