// The window's keyboard shortcuts: which command a key press asks for. Pure, unit-tested; App.svelte runs the
// command and components/ShortcutsHelp.svelte lists them.

/** What a shortcut asks the window to do. */
export type Shortcut = 'clip' | 'export' | 'search' | 'toggle-help' | 'close-help';

/** The parts of a key press that decide the shortcut. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Whether the key was typed into a text field (then `?` is a character, not a shortcut). */
  typing: boolean;
}

/** The shortcut a key press asks for, or null; `helpOpen` says whether the shortcuts panel is shown. */
export function shortcutOf(press: KeyPress, helpOpen: boolean): Shortcut | null {
  const command = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  if (command && key === 'n') return 'clip';
  if (command && key === 'e') return 'export';
  if (command && key === 'f') return 'search';
  if (press.key === '?' && !press.typing) return 'toggle-help';
  if (press.key === 'Escape' && helpOpen) return 'close-help';
  return null;
}

/** Whether an event's target is a text field, where keys are text. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    typeof HTMLElement !== 'undefined' &&
    (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
  );
}
