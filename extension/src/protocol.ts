/**
 * The one message between the popup and the background script: "clip this tab", answered with the clipping or
 * the failure. The background does the work so that a clip goes on (and shows on the toolbar badge) when the popup
 * closes, which it does as soon as the user clicks elsewhere.
 */
import type { Clipped } from './api';
import type { Failure, TabClip } from './clip';

/** The popup's order. */
export interface ClipTabOrder {
  type: 'cuttings/clip-tab';
  clip: TabClip;
}

/** The background's answer. */
export type ClipTabReply = { ok: true; clipped: Clipped } | { ok: false; failure: Failure };

/** Whether a message is a clip order. */
export function isClipTabOrder(message: unknown): message is ClipTabOrder {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as ClipTabOrder).type === 'cuttings/clip-tab' &&
    typeof (message as ClipTabOrder).clip?.tabId === 'number'
  );
}
