// Tags the client has seen (in posts it loaded, in profiles' expertise and
// communities), for #tag suggestions: the API has no tag search yet.

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
