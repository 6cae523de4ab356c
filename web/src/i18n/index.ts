// The web client's language: every string a person reads goes through t(),
// messages are ICU MessageFormat (plurals, selects) in src/i18n/locales/<lng>/,
// and dates, numbers and relative times go through Intl in that language.
//
// English is bundled; other languages load on first use. The language follows
// the browser until the member chooses one in Settings, which is stored on the
// account (`atrium:interface:language` in /api/v1/preferences) and kept in
// localStorage so the next visit starts in it before sign-in answers.
//
// Each file in locales/<lng>/ holds the messages of one part of the client
// under top-level keys named after its components; the files of a language
// are merged into one set. `?lang=xx` in the address tries a language without
// storing it (ar-XB is a right-to-left pseudo-language made from English).

import i18next from "i18next";
import ICU from "i18next-icu";
import { signal } from "@preact/signals";

type Messages = { [key: string]: string | Messages };

/** Languages a person can choose, by BCP 47 tag, named in their own language. */
export const LANGUAGES: readonly { tag: string; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "de", name: "Deutsch" },
  { tag: "ja", name: "日本語" },
];

/** The right-to-left pseudo-language: English text, laid out right to left. */
export const PSEUDO_RTL = "ar-XB";

const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur"]);
const STORAGE_KEY = "atrium.language";

const englishFiles = import.meta.glob<Messages>("./locales/en/*.json", { eager: true, import: "default" });
const otherFiles = import.meta.glob<Messages>(["./locales/*/*.json", "!./locales/en/*.json"], { import: "default" });

function merge(files: Messages[]): Messages {
  const out: Messages = {};
  for (const f of files)
    for (const [k, v] of Object.entries(f)) {
      if (k in out) throw new Error(`The message group "${k}" is defined twice`);
      out[k] = v;
    }
  return out;
}

/** All English messages, merged (exported for the locale checks). */
export const english: Messages = merge(Object.values(englishFiles));

/** A language's merged messages, loaded on first use. */
export async function loadMessages(tag: string): Promise<Messages> {
  if (tag === "en") return english;
  if (tag === PSEUDO_RTL) return pseudo(english);
  const loaders = Object.entries(otherFiles).filter(([path]) => path.startsWith(`./locales/${tag}/`));
  return merge(await Promise.all(loaders.map(([, load]) => load())));
}

// Right-to-left marks around each message, leaving ICU syntax alone: the text
// stays readable while the layout runs right to left.
function pseudo(m: Messages): Messages {
  const out: Messages = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === "string" ? `\u200F${v}\u200F` : pseudo(v);
  return out;
}

/** The language the client speaks now; components that read it re-render when it changes. */
export const language = signal("en");

/** Keys asked for and not found in the current language, as "lng:key" (read by the browser tests). */
export const missingKeys = new Set<string>();

i18next.use(ICU).init({
  lng: "en",
  fallbackLng: "en",
  resources: { en: { translation: english } },
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    missingKeys.add(`${lngs.join(",")}:${key}`);
  },
});
if (typeof window !== "undefined") (window as unknown as { __atriumMissingKeys: Set<string> }).__atriumMissingKeys = missingKeys;

/** The message for key in the current language, with values put in. */
export function t(key: string, values?: Record<string, unknown>): string {
  const lng = language.value; // a component rendering this re-renders on a change of language
  // English stands in for a message the language lacks; the browser tests
  // read what stood in (the locale checks catch it before they run).
  if (lng !== "en" && lng !== PSEUDO_RTL && i18next.getResource(lng, "translation", key) === undefined)
    missingKeys.add(`${lng}:${key}`);
  return i18next.t(key, values as never) as unknown as string;
}

/** Whether the language is written right to left. */
export function isRtl(tag: string): boolean {
  return tag === PSEUDO_RTL || RTL_LANGUAGES.has(tag.split("-")[0].toLowerCase());
}

/** The best of the supported languages for the browser's preferences, or English. */
export function pickLanguage(preferred: readonly string[]): string {
  for (const p of preferred) {
    const exact = LANGUAGES.find((l) => l.tag.toLowerCase() === p.toLowerCase());
    if (exact) return exact.tag;
    const primary = p.split("-")[0].toLowerCase();
    const near = LANGUAGES.find((l) => l.tag.split("-")[0] === primary);
    if (near) return near.tag;
  }
  return "en";
}

function supported(tag: string): boolean {
  return tag === PSEUDO_RTL || LANGUAGES.some((l) => l.tag === tag);
}

/** Switches the client to a language (loading its messages first). */
export async function setLanguage(tag: string): Promise<void> {
  if (!supported(tag)) tag = "en";
  if (!i18next.hasResourceBundle(tag, "translation"))
    i18next.addResourceBundle(tag, "translation", await loadMessages(tag), true, true);
  await i18next.changeLanguage(tag);
  if (typeof document !== "undefined") {
    document.documentElement.lang = tag;
    document.documentElement.dir = isRtl(tag) ? "rtl" : "ltr";
  }
  language.value = tag;
}

/** The member's stored choice ("" when the browser decides). */
export function storedLanguage(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the member's choice for the next visit ("" to follow the browser). */
export function rememberLanguage(tag: string) {
  try {
    if (tag) localStorage.setItem(STORAGE_KEY, tag);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private windows may refuse storage; the account still has the choice.
  }
}

/** The language to start in: ?lang=, the stored choice, then the browser's. */
export function startingLanguage(): string {
  const asked = typeof location !== "undefined" ? new URLSearchParams(location.search).get("lang") : null;
  if (asked && supported(asked)) return asked;
  const stored = storedLanguage();
  if (stored && supported(stored)) return stored;
  return pickLanguage(typeof navigator !== "undefined" ? navigator.languages ?? [navigator.language] : []);
}

/** Applies the account's choice after sign-in ("" or null: follow the browser). */
export async function applyAccountLanguage(tag: string | null | undefined): Promise<void> {
  const asked = typeof location !== "undefined" ? new URLSearchParams(location.search).get("lang") : null;
  if (asked && supported(asked)) return; // an explicit try wins for this visit
  rememberLanguage(tag ?? "");
  const next = tag && supported(tag) ? tag : pickLanguage(navigator.languages ?? [navigator.language]);
  if (next !== language.value) await setLanguage(next);
}
