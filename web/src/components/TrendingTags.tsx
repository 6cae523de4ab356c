// "Trending this week": the tags most people in the organization used in the
// last seven days, as the reader may see them (GET /api/v1/trends/tags).

import { api } from "../lib/api";
import type { Tag } from "../lib/types";
import { useAsync } from "./ui";

/** People who used the tag this week (the history's accounts, summed). */
export function weeklyPeople(tag: Tag): number {
  return tag.history.reduce((n, d) => n + (Number(d.accounts) || 0), 0);
}

export function TrendingTags() {
  const r = useAsync((signal) => api<Tag[]>("/api/v1/trends/tags", { signal, query: { limit: 10 } }), []);
  if (!r.data || r.data.length === 0) return null;
  return (
    <section class="card trending" aria-labelledby="trending-h">
      <h2 id="trending-h">Trending this week</h2>
      <ol class="trending-list">
        {r.data.map((t) => {
          const people = weeklyPeople(t);
          return (
            <li key={t.name}>
              <a href={`/tags/${encodeURIComponent(t.name)}`}>#{t.name}</a>
              <span class="muted">
                {people} {people === 1 ? "person" : "people"}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
