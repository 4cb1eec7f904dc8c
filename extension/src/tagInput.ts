/**
 * The Tags field's autocomplete: a list of known tags under the field that follows what is typed (tags.ts decides
 * what to suggest). Keyboard-usable as an ARIA combobox: Down and Up move through the suggestions, Enter or Tab
 * takes the highlighted one, Escape closes the list; a click takes one too.
 */
import type { Tag } from './api';
import { acceptTag, suggest } from './tags';

/** Wires the autocomplete to a text field and its (empty) list element. */
export class TagInput {
  private known: Tag[] = [];
  private shown: Tag[] = [];
  private active = -1;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
  ) {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    list.setAttribute('role', 'listbox');
    input.addEventListener('input', () => this.refresh());
    input.addEventListener('click', () => this.refresh());
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('blur', () => this.close());
    // mousedown, not click: the field keeps the focus.
    list.addEventListener('mousedown', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option === null) return;
      event.preventDefault();
      this.take(Number(option.dataset.index));
    });
  }

  /** The tags to suggest from. */
  setKnown(tags: Tag[]): void {
    this.known = tags;
  }

  private refresh(): void {
    this.shown = suggest(this.known, this.input.value, this.input.selectionStart ?? this.input.value.length);
    this.active = this.shown.length > 0 ? 0 : -1;
    this.render();
  }

  private close(): void {
    this.shown = [];
    this.active = -1;
    this.render();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.shown.length === 0) {
      if (event.key === 'ArrowDown') this.refresh();
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % this.shown.length;
        break;
      case 'ArrowUp':
        this.active = (this.active - 1 + this.shown.length) % this.shown.length;
        break;
      case 'Enter':
      case 'Tab':
        if (this.active < 0) return;
        this.take(this.active);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    this.render();
  }

  private take(index: number): void {
    const tag = this.shown[index];
    if (tag === undefined) return;
    const next = acceptTag(this.input.value, this.input.selectionStart ?? this.input.value.length, tag.name);
    this.input.value = next.text;
    this.input.setSelectionRange(next.caret, next.caret);
    this.close();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.shown.map((tag, index) => {
        const option = document.createElement('li');
        option.id = `${this.list.id}-${index}`;
        option.setAttribute('role', 'option');
        option.dataset.index = String(index);
        option.setAttribute('aria-selected', String(index === this.active));
        const name = document.createElement('span');
        name.textContent = tag.name;
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = String(tag.count);
        option.append(name, count);
        return option;
      }),
    );
    const open = this.shown.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }
}
