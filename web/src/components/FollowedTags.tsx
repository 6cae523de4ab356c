// The hashtags the reader follows (GET /api/v1/followed_tags), each with a
// link to its page and a button to stop following it.

import { useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Tag } from "../lib/types";
import { toast } from "../state";
import { Empty, ErrorBox, Spinner, useAsync } from "./ui";
import { t } from "../i18n";

export function FollowedTags() {
  const r = useAsync((signal) => api<Tag[]>("/api/v1/followed_tags", { signal, query: { limit: 200 } }), []);
  const [busy, setBusy] = useState<string | null>(null);
  async function unfollow(tag: Tag) {
    setBusy(tag.name);
    try {
      await api<Tag>(`/api/v1/tags/${encodeURIComponent(tag.name)}/unfollow`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((x) => x.name !== tag.name));
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section class="card followed-tags" aria-labelledby="followed-tags-h">
      <h2 id="followed-tags-h">{t("followedTags.title")}</h2>
      <p class="muted">{t("followedTags.intro")}</p>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {r.data && r.data.length === 0 && <Empty icon="star" title={t("followedTags.none")} hint={t("followedTags.noneHint")} />}
      {r.data && r.data.length > 0 && (
        <ul class="followed-tags-list">
          {r.data.map((tag) => (
            <li key={tag.name}>
              <a href={`/tags/${encodeURIComponent(tag.name)}`}>#{tag.name}</a>
              <button type="button" class="btn btn-secondary btn-small" disabled={busy === tag.name} onClick={() => unfollow(tag)} aria-label={t("followedTags.unfollowTag", { tag: tag.name })}>
                {t("followedTags.unfollow")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
