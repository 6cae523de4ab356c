// Questions and blogs as places of their own: the filters of the Questions
// and Blogs pages as the server reads them, and a blog entry's summary in
// streams.

import type { Status } from "./types";
import { t } from "../i18n";

/** Where a question stands, as GET /api/v1/atrium/questions?state= reads it. */
export type QuestionState = "open" | "unanswered" | "answered" | "all";

export const questionStates: { id: QuestionState; label: string; hint: string }[] = [
  { id: "open", get label() { return t("places.state.open"); }, get hint() { return t("places.stateHint.open"); } },
  { id: "unanswered", get label() { return t("places.state.unanswered"); }, get hint() { return t("places.stateHint.unanswered"); } },
  { id: "answered", get label() { return t("places.state.answered"); }, get hint() { return t("places.stateHint.answered"); } },
  { id: "all", get label() { return t("places.state.all"); }, get hint() { return t("places.stateHint.all"); } },
];

/** The state in a page's address (?state=), open when absent or unknown. */
export function questionStateOf(value: string | null): QuestionState {
  return questionStates.some((s) => s.id === value) ? (value as QuestionState) : "open";
}

/** A tag as typed ("#Rust ", "rust") as the server's tag filter takes it; "" for none. */
export function tagFilter(value: string | null | undefined): string {
  return (value ?? "").trim().replace(/^#+/, "").trim();
}

/** The address of a place with its filters, leaving out the empty ones and the defaults. */
export function placeHref(path: string, filters: Record<string, string | undefined>, defaults: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v && v !== defaults[k]) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** How long a blog entry's summary in a stream may be, in characters. */
export const SUMMARY_LENGTH = 280;

/**
 * A blog entry's summary for streams: the text of its body (without the
 * title paragraph the server puts first), cut at a word before `max`
 * characters. `truncated` says whether there is more to read.
 */
export function blogSummary(html: string, max = SUMMARY_LENGTH): { text: string; truncated: boolean } {
  const doc = new DOMParser().parseFromString(html || "", "text/html");
  doc.querySelectorAll("p.atrium-title").forEach((p) => p.remove());
  // Block ends become spaces so that paragraphs do not run together.
  doc.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, tr, br").forEach((el) => el.append(" "));
  const text = (doc.body.textContent ?? "").replace(/\s+/g, " ").trim();
  const chars = Array.from(text);
  if (chars.length <= max) return { text, truncated: false };
  let cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  if (space > max / 2) cut = cut.slice(0, space);
  return { text: cut.replace(/[\s.,;:!?-]+$/, "") + "…", truncated: true };
}

/** Is this post (the original of a repost) a blog entry? */
export function isBlogEntry(s: Status): boolean {
  return (s.reblog ?? s).atrium?.kind === "blog";
}
