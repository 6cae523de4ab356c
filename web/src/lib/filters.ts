// Filters: what the filters screen sends, and how a filtered post is shown.

import type { Filter, FilterAction, FilterContext, Status } from "./types";
import { t } from "../i18n";

export const FILTER_CONTEXTS: { value: FilterContext; label: string }[] = [
  { value: "home", get label() { return t("filters.context.home"); } },
  { value: "notifications", get label() { return t("filters.context.notifications"); } },
  { value: "public", get label() { return t("filters.context.public"); } },
  { value: "thread", get label() { return t("filters.context.thread"); } },
  { value: "account", get label() { return t("filters.context.account"); } },
];

export const FILTER_ACTIONS: { value: FilterAction; label: string }[] = [
  { value: "warn", get label() { return t("filters.action.warn"); } },
  { value: "blur", get label() { return t("filters.action.blur"); } },
  { value: "hide", get label() { return t("filters.action.hide"); } },
];

/** The choices of when a filter ends, in seconds (0: never). */
export const FILTER_EXPIRY: { value: number; label: string }[] = [
  { value: 0, get label() { return t("filters.expiry.never"); } },
  { value: 1800, get label() { return t("filters.expiry.halfHour"); } },
  { value: 3600, get label() { return t("filters.expiry.hour"); } },
  { value: 86400, get label() { return t("filters.expiry.day"); } },
  { value: 604800, get label() { return t("filters.expiry.week"); } },
];

export interface KeywordRow {
  id?: string;
  keyword: string;
  whole_word: boolean;
}

export interface FilterFormValues {
  title: string;
  context: FilterContext[];
  filter_action: FilterAction;
  /** Seconds from now; 0: never; null: keep the filter's end as it is. */
  expires_in: number | null;
  keywords: KeywordRow[];
}

export function emptyFilterForm(): FilterFormValues {
  return { title: "", context: ["home", "public", "thread"], filter_action: "warn", expires_in: 0, keywords: [{ keyword: "", whole_word: true }] };
}

export function filterFormOf(f: Filter): FilterFormValues {
  return {
    title: f.title,
    context: [...f.context],
    filter_action: f.filter_action,
    expires_in: null,
    keywords: (f.keywords ?? []).map((k) => ({ id: k.id, keyword: k.keyword, whole_word: k.whole_word })),
  };
}

/**
 * The body of POST or PUT /api/v2/filters: blank new keywords are left out,
 * and (editing `before`) the keywords removed from the form are destroyed.
 */
export function filterRequestBody(form: FilterFormValues, before?: Filter): Record<string, unknown> {
  const kept = form.keywords.filter((k) => k.id || k.keyword.trim() !== "");
  const attrs: Record<string, unknown>[] = kept.map((k) => (k.id ? { id: k.id, keyword: k.keyword, whole_word: k.whole_word } : { keyword: k.keyword, whole_word: k.whole_word }));
  for (const old of before?.keywords ?? []) if (!kept.some((k) => k.id === old.id)) attrs.push({ id: old.id, _destroy: true });
  const body: Record<string, unknown> = { title: form.title, context: form.context, filter_action: form.filter_action, keywords_attributes: attrs };
  if (form.expires_in !== null) body.expires_in = form.expires_in === 0 ? "" : form.expires_in;
  return body;
}

/** The titles of the filters of `action` a post (for a repost, its original) matched. */
function matchedTitles(status: Status, action: FilterAction): string[] {
  const shown = status.reblog ?? status;
  const results = shown.filtered?.length ? shown.filtered : (status.filtered ?? []);
  return results.filter((r) => r.filter.filter_action === action).map((r) => r.filter.title);
}

/** The titles of the `warn` filters a post matched: shown collapsed when any. */
export function warningTitles(status: Status): string[] {
  return matchedTitles(status, "warn");
}

/** The titles of the `blur` filters a post matched: its pictures (or its text) shown blurred when any. */
export function blurTitles(status: Status): string[] {
  return matchedTitles(status, "blur");
}
