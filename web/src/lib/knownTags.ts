// Tags the client has seen (in posts it loaded, in profiles' expertise and
// communities), for #tag suggestions at once, before the organization's
// tags arrive from the search (/api/v2/search?type=hashtags).

import type { Status } from "./types";

const counts = new Map<string, number>();

export function rememberTags(tags: string[]) {
  for (const t of tags) {
    const k = t.toLowerCase();
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
}

export function rememberStatuses(list: Status[]) {
  for (const s of list) {
    const shown = s.reblog ?? s;
    rememberTags(shown.tags.map((t) => t.name));
    if (shown.quote?.quoted_status) rememberTags(shown.quote.quoted_status.tags.map((t) => t.name));
  }
}

/** Tags starting with `prefix`, most seen first. */
export function suggestTags(prefix: string, limit = 6): string[] {
  const p = prefix.toLowerCase();
  return [...counts.entries()]
    .filter(([t]) => t.startsWith(p) && t !== p)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([t]) => t);
}

/**
 * The suggestions for `prefix` once the search answered: the organization's
 * tags first (the search puts the exact one first), then tags seen here that
 * it did not list; the prefix itself and repeats left out.
 */
export function mergeTagSuggestions(searched: string[], seen: string[], prefix: string, limit = 6): string[] {
  const p = prefix.toLowerCase();
  const out: string[] = [];
  for (const t of [...searched, ...seen]) {
    const k = t.toLowerCase();
    if (k === p || !k.startsWith(p) || out.includes(k)) continue;
    out.push(k);
    if (out.length === limit) break;
  }
  return out;
}
