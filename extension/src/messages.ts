/**
 * The words the user reads about the app and a clip's outcome, in one place for the popup and the toolbar badge.
 * Text between backticks is a command to type (the popup shows it as code; the badge's tooltip as written).
 */
import type { Failure } from './clip';

/** Nothing answers on the port. */
export const NOT_RUNNING = 'Cuttings is not running. Open the Cuttings app, or run `cuttings serve` in a terminal.';

/** How to get the pairing token. */
export const PAIR_HINT =
  'Paste the pairing token from Cuttings › Settings › Browser extension, or run `cuttings token` in a terminal.';

/** The stored token stopped working. */
export const TOKEN_REPLACED =
  'Cuttings has a new pairing token, so the one this browser had no longer works. Paste the new one to pair again.';

/** The token typed is not the current one. */
export const TOKEN_WRONG = 'That is not the current pairing token. Copy it again from Cuttings and paste it here.';

/** Only web pages can be clipped. */
export const NOT_A_WEB_PAGE = 'Only web pages (http and https addresses) can be clipped.';

/** `open` under `cuttings serve`. */
export const NO_WINDOW = 'Open the Cuttings app to read it.';

/** The clip was saved. */
export function saved(title: string): string {
  return `Saved: ${title}`;
}

/** The address was already in the library. */
export function duplicate(title: string): string {
  return `Already in your library: ${title}`;
}

/** What to tell the user about a failure, in plain words. */
export function failure(failure: Failure, port: number): string {
  switch (failure.kind) {
    case 'not_running':
      return NOT_RUNNING;
    case 'not_cuttings':
      return `Another program answers on port ${port}, not Cuttings. Check the port under Pairing.`;
    case 'unauthorized':
      return TOKEN_REPLACED;
    case 'not_paired':
      return 'Pair the extension with Cuttings first: open it from the toolbar.';
    case 'duplicate':
      return duplicate(failure.body?.existing_title ?? 'this page');
    case 'no_window':
      return NO_WINDOW;
    case 'unreadable':
      return 'The browser does not let extensions read this page (its own pages and the add-on store).';
    case 'no_selection':
      return 'Nothing is selected on the page any more. Select the text again, or clip the whole page.';
    case 'not_web_page':
      return NOT_A_WEB_PAGE;
    case 'unprocessable':
    case 'refused':
      return sentence(failure.message);
    case 'unknown':
      return 'Something went wrong while clipping this page.';
  }
}

/** The server's messages are sentences without the capital; show them as sentences. */
function sentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return 'Cuttings could not save this page.';
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + '.';
}
