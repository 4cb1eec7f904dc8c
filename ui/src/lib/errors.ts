// Every failure code in words: what the user can do about it, and which step of clipping it belongs to. The codes
// are the shell's ErrorCode (generated from src-tauri/src/error.rs) and the UI's own; both switches are exhaustive,
// so a code added in Rust without words here fails `npm run check`. The message itself is the core's and is shown
// as it is; nothing here reads it.
import type { FailureCode } from './backend';

/** Reached only if a code is missing from a switch, which the type checker refuses. */
function unhandled(code: never): string {
  void code;
  return 'Try again.';
}

/** What the user can do about a failure with this code. */
export function adviceFor(code: FailureCode): string {
  switch (code) {
    case 'not_a_library':
      return 'Choose another file with --library PATH or the CUTTINGS_LIBRARY variable.';
    case 'newer_schema':
      return 'Update Cuttings to open it; the file has not been changed.';
    case 'busy':
      return 'Another program is writing to the library. Try again in a moment.';
    case 'in_use':
      return 'Close the other program that has the library open (the Cuttings app?), then try again.';
    case 'read_only':
      return 'The library file cannot be written. Check its permissions.';
    case 'not_found':
      return 'It is no longer there (deleted meanwhile, or the preview expired). Try again.';
    case 'name_taken':
      return 'Choose another name.';
    case 'folder_cycle':
      return 'A folder cannot go inside itself or one of its subfolders.';
    case 'invalid_name':
    case 'empty_text':
      return 'Correct what you typed and try again.';
    case 'title_required':
      return 'Give the clipping a title.';
    case 'invalid_query':
      return 'Check the search: words, "phrases", tag:x, site:x, after:2016-01-01.';
    case 'damaged_page':
    case 'bad_backup':
    case 'sqlite':
      return 'The library may be damaged. Restore a backup if this happens again.';
    case 'quote_not_found':
      return 'Select the passage in the reader again; the text may have changed.';
    case 'quote_ambiguous':
      return 'The passage occurs more than once: select a longer passage.';
    case 'no_data_folder':
      return 'Choose where the library is with --library PATH or the CUTTINGS_LIBRARY variable.';
    case 'io':
      return 'A file could not be read or written. Check the disk and its permissions.';
    case 'bad_url':
      return 'Check the address: it should start with http:// or https://.';
    case 'http_status':
      return 'The site refused the page. Check the address, or save the page from your browser and import the file.';
    case 'timeout':
    case 'network':
      return 'Check your connection and try again.';
    case 'too_large':
    case 'not_a_web_page':
    case 'empty_page':
    case 'redirect_loop':
      return 'This address does not lead to a news page that can be clipped.';
    case 'private_address':
      return 'The page points to an address on a private network, which Cuttings does not visit for a web page.';
    case 'read_file':
    case 'bad_input':
      return 'Choose a web page saved from a browser (.html).';
    case 'no_article':
      return 'This page has no article text (a front page or a list?). Open the article itself.';
    case 'no_address':
      return 'Type the address the article was published at, then read the file again.';
    case 'page_too_complex':
      return 'This page is too large or complex to read. Save just the article from your browser and import it.';
    case 'cancelled':
      return 'Cancelled; nothing was changed.';
    case 'empty':
      return 'There is nothing to export here.';
    case 'target_exists':
      return 'Something with that name is already there, and an export never overwrites. Choose another name.';
    case 'no_parent_folder':
      return 'The folder to save in no longer exists. Choose another place.';
    case 'disk_full':
      return 'The disk is full. Free some space and export again; nothing was left half-written.';
    case 'write':
      return 'The export could not be written there. Check that the folder can be written to, or choose another.';
    case 'layout':
      return 'The PDF could not be laid out. Try Markdown, or fewer clippings, and tell us about it.';
    case 'import_malformed':
      return 'The export could not be read where it says. Check that you chose the right service and the file as the service gave it; nothing was imported.';
    case 'open_failed':
      return 'No program could open it. Open it from your file manager.';
    case 'browser_closed':
      return "Cuttings' browser was closed. Open the page in it again.";
    case 'browser_no_page':
      return "Wait until the page in Cuttings' browser has loaded, then clip it again.";
    case 'internal':
    case 'ipc':
    case 'unknown':
      return 'Try again; if it happens again, restart Cuttings.';
    default:
      return unhandled(code);
  }
}

/** The step of clipping that a failure with this code belongs to. */
export function clipStep(code: FailureCode): string {
  switch (code) {
    case 'bad_url':
      return 'The address';
    case 'http_status':
    case 'timeout':
    case 'network':
    case 'too_large':
    case 'not_a_web_page':
    case 'empty_page':
    case 'redirect_loop':
    case 'private_address':
      return 'Fetching the page';
    case 'no_article':
    case 'page_too_complex':
      return 'Finding the article';
    case 'read_file':
    case 'bad_input':
    case 'no_address':
    case 'import_malformed':
      return 'Reading the file';
    case 'browser_closed':
    case 'browser_no_page':
      return "Reading the page in Cuttings' browser";
    case 'busy':
    case 'in_use':
    case 'read_only':
    case 'name_taken':
    case 'invalid_name':
    case 'title_required':
    case 'empty_text':
    case 'not_found':
    case 'io':
    case 'sqlite':
    case 'damaged_page':
      return 'Saving';
    case 'quote_not_found':
    case 'quote_ambiguous':
    case 'not_a_library':
    case 'newer_schema':
    case 'folder_cycle':
    case 'invalid_query':
    case 'bad_backup':
    case 'no_data_folder':
    case 'cancelled':
    case 'empty':
    case 'target_exists':
    case 'no_parent_folder':
    case 'disk_full':
    case 'write':
    case 'layout':
    case 'open_failed':
    case 'internal':
    case 'ipc':
    case 'unknown':
      return 'Clipping';
    default:
      return unhandled(code);
  }
}
