// Atrium's search (GET /api/v1/atrium/search): the answer's shape, and the
// query of a tab (a kind of post narrows the query with `kind:`).

import type { Account, Community, Status } from "./types";

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
    kinds: Partial<Record<SearchKind, number>>;
    communities: { id: string | null; count: number }[];
    authors: { id: string; count: number }[];
  };
  next: { offset: number; max_id: string } | null;
}

export type SearchKind = "status" | "blog" | "question";
export const SEARCH_TABS: { kind: SearchKind | null; label: string }[] = [
  { kind: null, label: "All" },
  { kind: "status", label: "Updates" },
  { kind: "blog", label: "Blog entries" },
  { kind: "question", label: "Questions" },
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
