// The organization's blog entries: the most recent, by tag and by
// community — everyone's, not only of the people the reader follows. The
// list is the server's, read through the visibility policy (a restricted
// community's entries only for its members).

import { PageHeader } from "../components/PageHeader";
import { TagFilter } from "../components/TagFilter";
import { Timeline } from "../components/Timeline";
import { useAsync, useTitle } from "../components/ui";
import { WriteButtons } from "../components/WriteButtons";
import { api } from "../lib/api";
import { placeHref, tagFilter } from "../lib/places";
import { navigate, useLocation } from "../lib/router";
import type { Community } from "../lib/types";
import { t } from "../i18n";

export function BlogsScreen() {
  useTitle(t("blogs.title"));
  const { query } = useLocation();
  const tag = tagFilter(query.get("tag"));
  const communityId = /^\d+$/.test(query.get("community") ?? "") ? query.get("community")! : "";
  const href = (f: { tag?: string; community?: string }) => placeHref("/blogs", { tag, community: communityId, ...f });
  // The reader's communities to choose from, and the one in the address if it is not among them.
  const mine = useAsync((signal) => api<Community[]>("/api/v1/atrium/communities", { query: { mine: true, limit: 40 }, signal }).catch(() => [] as Community[]), []);
  const chosen = useAsync(
    (signal) => (communityId ? api<Community>(`/api/v1/atrium/communities/${communityId}`, { signal }).catch(() => null) : Promise.resolve(null)),
    [communityId],
  );
  const options = [...(mine.data ?? [])];
  if (chosen.data && !options.some((c) => c.id === chosen.data!.id)) options.unshift(chosen.data);

  // Which filters narrow the list, for its label and its empty state.
  const where = { by: tag && communityId ? "both" : tag ? "tag" : communityId ? "community" : "none", tag, community: chosen.data?.name ?? t("blogs.thisCommunity") };
  return (
    <div class="page">
      <PageHeader title={t("blogs.title")} subtitle={t("blogs.subtitle")} />
      <div class="card composer-card">
        <WriteButtons communityId={communityId || undefined} />
      </div>
      <div class="place-filters">
        <TagFilter value={tag} label={t("blogs.filterByTag")} onApply={(t) => navigate(href({ tag: t }))} />
        <label class="field place-community">
          <span>{t("blogs.community")}</span>
          <select value={communityId} onChange={(e) => navigate(href({ community: (e.target as HTMLSelectElement).value }))}>
            <option value="">{t("blogs.allCommunities")}</option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Timeline
        key={`${tag}/${communityId}`}
        label={t("blogs.listLabel", where)}
        path="/api/v1/atrium/blogs"
        query={{ tag: tag || undefined, community_id: communityId || undefined }}
        emptyTitle={t("blogs.emptyTitle", where)}
        emptyHint={t("blogs.emptyHint")}
      />
    </div>
  );
}
