// The reader's colour theme: light, dark, or following the system
// (`prefers-color-scheme`). The choice is kept in this browser's local
// storage; the resolved theme is set as `data-theme` on <html>, where the
// stylesheet's custom properties pick it up, so every screen follows.

import { signal } from "@preact/signals";
import { t } from "../i18n";

export type ThemeChoice = "light" | "dark" | "system";
export type Theme = "light" | "dark";

export const THEME_KEY = "atrium.theme";
export const THEME_CHOICES: { id: ThemeChoice; label: string; hint: string }[] = [
  { id: "system", get label() { return t("theme.system"); }, get hint() { return t("theme.systemHint"); } },
  { id: "light", get label() { return t("theme.light"); }, get hint() { return t("theme.lightHint"); } },
  { id: "dark", get label() { return t("theme.dark"); }, get hint() { return t("theme.darkHint"); } },
];

/** The stored choice; "system" when none is stored, storage is unavailable or the value is unknown. */
export function loadThemeChoice(storage: Pick<Storage, "getItem"> | null | undefined): ThemeChoice {
  let v: string | null = null;
  try {
    v = storage?.getItem(THEME_KEY) ?? null;
  } catch {
    v = null;
  }
  return v === "light" || v === "dark" || v === "system" ? v : "system";
}

/** Keeps the choice; "system" removes the stored value. Storage errors are ignored (the choice lasts the visit). */
export function saveThemeChoice(storage: Pick<Storage, "setItem" | "removeItem"> | null | undefined, choice: ThemeChoice) {
  try {
    if (choice === "system") storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, choice);
  } catch {
    // Private windows may refuse storage.
  }
}

/** The theme a choice means, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === "system") return systemPrefersDark ? "dark" : "light";
  return choice;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function darkQuery(): MediaQueryList | null {
  return typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
}

export const themeChoice = signal<ThemeChoice>("system");
export const theme = signal<Theme>("light");

function apply() {
  theme.value = resolveTheme(themeChoice.value, darkQuery()?.matches ?? false);
  const root = document.documentElement;
  root.dataset.theme = theme.value;
  root.style.colorScheme = theme.value;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (meta) meta.content = theme.value === "dark" ? "#151924" : "#3347c4";
}

/**
 * Reads the stored choice, applies it, and follows system changes while the
 * choice is "system" and other tabs' changes of the choice. Answers a
 * function that stops following.
 */
export function startTheme(): () => void {
  themeChoice.value = loadThemeChoice(safeStorage());
  apply();
  const q = darkQuery();
  const onSystem = () => {
    if (themeChoice.value === "system") apply();
  };
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_KEY && e.key !== null) return;
    themeChoice.value = loadThemeChoice(safeStorage());
    apply();
  };
  q?.addEventListener?.("change", onSystem);
  window.addEventListener("storage", onStorage);
  return () => {
    q?.removeEventListener?.("change", onSystem);
    window.removeEventListener("storage", onStorage);
  };
}

/** Changes the choice, keeps it, and applies it at once. */
export function chooseTheme(choice: ThemeChoice) {
  themeChoice.value = choice;
  saveThemeChoice(safeStorage(), choice);
  apply();
}
