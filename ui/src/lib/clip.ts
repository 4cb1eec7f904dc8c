// Clip dialog logic: which step of clipping failed and what to do, from the error code; tags typed as text; the
// numbers that name fetches. Pure functions, unit-tested. Rules about tags and addresses are the core's: tags are
// only split here (the core drops "#", repeats and blanks), and a saved page's address is found by the core.
import type { FailureCode } from './backend';
import type { BrowserReason } from './bindings';
import { adviceFor, clipStep } from './errors';

/** The step a clip error belongs to and what the user can do about it, from the error's stable code. */
export function clipFailure(code: FailureCode): { step: string; advice: string } {
  return { step: clipStep(code), advice: adviceFor(code) };
}

/** Why the clip dialog offers Cuttings' browser, in words; the reason itself is the core's (`browserWouldHelp`). */
export function browserReasonText(reason: BrowserReason): { why: string; how: string } {
  switch (reason) {
    case 'login':
      return { why: 'This site wants a login.', how: "Log in once in Cuttings' browser: it remembers you." };
    case 'consent_wall':
      return { why: 'This page is a cookie-consent wall.', how: "Answer it once in Cuttings' browser, then clip the article." };
    case 'script':
      return { why: 'This page is built by script.', how: "Cuttings' browser runs its scripts, then you clip what it shows." };
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}

/** The tags typed in a comma-separated field, each trimmed; the core cleans them up when it stores them. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

let lastRequest = 0;

/** A number for a fetch, unique while the app runs, so that it can be cancelled. */
export function nextRequestId(): number {
  lastRequest += 1;
  return lastRequest;
}
