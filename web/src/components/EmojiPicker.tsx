// The composer's picker of the organization's custom emoji: a button that
// opens a small grid (those administrators left visible in the picker),
// with a filter. Keyboard: the arrow keys, Home and End move between emoji,
// Enter or Space picks one, Escape closes and returns to the button.

import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../lib/api";
import type { CustomEmoji } from "../lib/types";
import { t } from "../i18n";

let loaded: Promise<CustomEmoji[]> | null = null;

/** The organization's emoji, read once per page (again after a failure). */
export function loadCustomEmojis(): Promise<CustomEmoji[]> {
  if (!loaded) {
    loaded = api<CustomEmoji[]>("/api/v1/custom_emojis").then(
      (all) => (Array.isArray(all) ? all : []),
      () => {
        loaded = null;
        return [];
      },
    );
  }
  return loaded;
}

/** Forgets the emoji read (after an administrator changed them). */
export function forgetCustomEmojis() {
  loaded = null;
}

const COLUMNS = 8;

export function EmojiPicker({ onPick }: { onPick: (shortcode: string) => void }) {
  const [emojis, setEmojis] = useState<CustomEmoji[]>([]);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const trigger = useRef<HTMLButtonElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const filterBox = useRef<HTMLInputElement>(null);
  // Opened, the filter has the focus (the keyboard goes on from there).
  useEffect(() => {
    if (open) filterBox.current?.focus();
  }, [open]);
  useEffect(() => {
    let live = true;
    loadCustomEmojis().then((all) => live && setEmojis(all.filter((e) => e.visible_in_picker)));
    return () => {
      live = false;
    };
  }, []);
  if (emojis.length === 0) return null;
  const q = filter.trim().toLowerCase();
  const shown = q ? emojis.filter((e) => e.shortcode.toLowerCase().includes(q) || (e.category ?? "").toLowerCase().includes(q)) : emojis;

  function close() {
    setOpen(false);
    setFilter("");
    trigger.current?.focus();
  }
  function pick(e: CustomEmoji) {
    onPick(e.shortcode);
    setOpen(false);
    setFilter("");
  }
  function buttons(): HTMLButtonElement[] {
    return Array.from(grid.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
  }
  function onGridKey(e: KeyboardEvent) {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + COLUMNS, ArrowUp: at - COLUMNS, Home: 0, End: all.length - 1 };
    if (!(e.key in to)) return;
    e.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, to[e.key]))]?.focus();
  }

  return (
    <span class="emoji-picker">
      <button
        ref={trigger}
        type="button"
        class="btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={t("emojiPicker.insert")}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t("emojiPicker.button")}
      </button>
      {open && (
        <div
          class="emoji-picker-panel card"
          role="dialog"
          aria-label={t("emojiPicker.panel")}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <input
            type="search"
            class="emoji-picker-filter"
            placeholder={t("emojiPicker.find")}
            aria-label={t("emojiPicker.find")}
            ref={filterBox}
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                buttons()[0]?.focus();
              } else if (e.key === "Enter") {
                e.preventDefault();
                if (shown[0]) pick(shown[0]);
              }
            }}
          />
          <div ref={grid} class="emoji-picker-grid" role="group" aria-label={t("emojiPicker.grid")} onKeyDown={onGridKey}>
            {shown.map((e) => (
              <button key={e.shortcode} type="button" class="emoji-picker-item" title={`:${e.shortcode}:`} aria-label={`:${e.shortcode}:`} onClick={() => pick(e)}>
                <img src={e.url} alt="" class="custom-emoji" />
              </button>
            ))}
            {shown.length === 0 && <p class="muted">{t("emojiPicker.noMatch")}</p>}
          </div>
        </div>
      )}
    </span>
  );
}
