// Atrium's search (GET /api/v1/atrium/search): the answer's shape, and the
// query of a tab (a kind of post narrows the query with `kind:`).

import type { Account, Community, Status } from "./types";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";

export interface SearchHit {
  status: Status;
  highlight: string; // escaped HTML, words found in <mark>
  title_highlight: string | null;
}

export interface SearchAnswer {
  statuses: SearchHit[];
  accounts: Account[];
  hashtags: string[];
  communities: Community[];
  facets: {
    total: number;
    // More posts were found than the server counts (1,000): `total` and
    // the counts by kind are of the newest 1,000.
    capped?: boolean;
    kinds: Partial<Record<SearchKind, number>>;
    communities: { id: string | null; count: number }[];
    authors: { id: string; count: number }[];
  };
  next: { offset: number; max_id?: string } | null;
}

/** GET /api/v1/atrium/search/typeahead: a few of each, as the member types. */
export interface TypeaheadAnswer {
  accounts: Account[];
  communities: Community[];
  hashtags: string[];
}

/** One entry of the typeahead's list, in the order shown. */
export type TypeaheadItem =
  | { kind: "account"; account: Account; href: string }
  | { kind: "community"; community: Community; href: string }
  | { kind: "hashtag"; tag: string; href: string }
  | { kind: "experts"; q: string; href: string }
  | { kind: "search"; q: string; href: string };

/** The typeahead's entries for `q`: people, communities, tags, then "who knows" and a plain search. */
export function typeaheadItems(q: string, a: TypeaheadAnswer | null): TypeaheadItem[] {
  const text = q.trim();
  if (!text) return [];
  const items: TypeaheadItem[] = [];
  for (const account of a?.accounts ?? []) items.push({ kind: "account", account, href: `/people/${account.id}` });
  for (const community of a?.communities ?? []) items.push({ kind: "community", community, href: `/communities/${community.id}` });
  for (const tag of a?.hashtags ?? []) items.push({ kind: "hashtag", tag, href: `/tags/${encodeURIComponent(tag)}` });
  items.push({ kind: "experts", q: text, href: `/search?${new URLSearchParams({ q: text, kind: "experts" })}` });
  items.push({ kind: "search", q: text, href: `/search?${new URLSearchParams({ q: text })}` });
  return items;
}

/** Tabs that are not kinds of post: they ask the search for one kind of thing. */
export type DirectoryTab = "people" | "communities" | "experts";
export const DIRECTORY_TABS: { tab: DirectoryTab; label: string }[] = [
  { tab: "people", get label() { return t("searchOptions.tab.people"); } },
  { tab: "communities", get label() { return t("searchOptions.tab.communities"); } },
  { tab: "experts", get label() { return t("searchOptions.tab.experts"); } },
];
export function isDirectoryTab(v: string | null): v is DirectoryTab {
  return v === "people" || v === "communities" || v === "experts";
}

export type SearchKind = "status" | "blog" | "question";
export const SEARCH_TABS: { kind: SearchKind | null; label: string }[] = [
  { kind: null, get label() { return t("searchOptions.kind.all"); } },
  { kind: "status", get label() { return t("searchOptions.kind.status"); } },
  { kind: "blog", get label() { return t("searchOptions.kind.blog"); } },
  { kind: "question", get label() { return t("searchOptions.kind.question"); } },
];

/** The query for a tab: `q` without its own kind: operators, plus the tab's. */
export function queryForKind(q: string, kind: SearchKind | null): string {
  const words = q
    .trim()
    .split(/\s+/)
    .filter((w) => w && !/^kind:/.test(w));
  if (kind) words.push(`kind:${kind}`);
  return words.join(" ");
}

/** Whether a key press should focus the search box ("/" outside a field). */
export function focusesSearch(e: { key: string; target: EventTarget | null; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): boolean {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target as HTMLElement | null;
  if (!t || typeof t.closest !== "function") return true;
  return !t.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
}

// A count of posts found, "1,000+" when the server stopped counting.
export function countLabel(n: number, capped?: boolean): string {
  return `${formatNumber(n)}${capped ? "+" : ""}`;
}
