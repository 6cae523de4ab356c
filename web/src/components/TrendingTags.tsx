// "Trending this week": the tags most people in the organization used in the
// last seven days, as the reader may see them (GET /api/v1/trends/tags).

import { api } from "../lib/api";
import type { Tag } from "../lib/types";
import { useAsync } from "./ui";
import { t } from "../i18n";

/** People who used the tag this week (the history's accounts, summed). */
export function weeklyPeople(tag: Tag): number {
  return tag.history.reduce((n, d) => n + (Number(d.accounts) || 0), 0);
}

export function TrendingTags() {
  const r = useAsync((signal) => api<Tag[]>("/api/v1/trends/tags", { signal, query: { limit: 10 } }), []);
  if (!r.data || r.data.length === 0) return null;
  return (
    <section class="card trending" aria-labelledby="trending-h">
      <h2 id="trending-h">{t("trendingTags.title")}</h2>
      <ol class="trending-list">
        {r.data.map((tag) => {
          const people = weeklyPeople(tag);
          return (
            <li key={tag.name}>
              <a href={`/tags/${encodeURIComponent(tag.name)}`}>#{tag.name}</a>
              <span class="muted">{t("trendingTags.people", { count: people })}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
