// Keyboard shortcuts of the whole client: which key does what, and whether
// a key press is one at all. None fires while the reader types in a field,
// holds a modifier (the browser's and the system's own shortcuts), or has a
// dialog open.

import { t } from "../i18n";

export type ShortcutAction = "search" | "new-post" | "next-post" | "previous-post" | "help";

export const SHORTCUTS: { key: string; action: ShortcutAction; label: string }[] = [
  { key: "/", action: "search", get label() { return t("shortcuts.search"); } },
  { key: "n", action: "new-post", get label() { return t("shortcuts.newPost"); } },
  { key: "j", action: "next-post", get label() { return t("shortcuts.nextPost"); } },
  { key: "k", action: "previous-post", get label() { return t("shortcuts.previousPost"); } },
  { key: "?", action: "help", get label() { return t("shortcuts.help"); } },
];

export interface KeyPress {
  key: string;
  target: EventTarget | null;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
}

/** Whether the element takes typed text (a field, an editable region) or sits in an open dialog. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  if (!t || typeof t.closest !== "function") return false;
  if (t.isContentEditable) return true;
  return !!t.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='textbox'], dialog[open]");
}

/**
 * The action a key press asks for, or null. The search key ("/") is
 * answered by the search box itself; it is listed here for the help.
 */
export function shortcutFor(e: KeyPress): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return null;
  if (isTypingTarget(e.target)) return null;
  const found = SHORTCUTS.find((s) => s.key === e.key);
  return found && found.action !== "search" ? found.action : null;
}

/**
 * The index of the post to move to among `count` posts, from the one at
 * `current` (-1: none yet) — or null at either end. `first` is the first
 * post below the top of the screen, used when none is chosen yet.
 */
export function nextPostIndex(count: number, current: number, direction: 1 | -1, first = 0): number | null {
  if (count === 0) return null;
  if (current < 0) return direction === 1 ? Math.min(Math.max(first, 0), count - 1) : first > 0 ? first - 1 : null;
  const next = current + direction;
  return next < 0 || next >= count ? null : next;
}
