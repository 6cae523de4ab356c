// The hashtags the reader follows (GET /api/v1/followed_tags), each with a
// link to its page and a button to stop following it.

import { useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Tag } from "../lib/types";
import { toast } from "../state";
import { Empty, ErrorBox, Spinner, useAsync } from "./ui";

export function FollowedTags() {
  const r = useAsync((signal) => api<Tag[]>("/api/v1/followed_tags", { signal, query: { limit: 200 } }), []);
  const [busy, setBusy] = useState<string | null>(null);
  async function unfollow(tag: Tag) {
    setBusy(tag.name);
    try {
      await api<Tag>(`/api/v1/tags/${encodeURIComponent(tag.name)}/unfollow`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((t) => t.name !== tag.name));
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section class="card followed-tags" aria-labelledby="followed-tags-h">
      <h2 id="followed-tags-h">Followed tags</h2>
      <p class="muted">Posts with these tags reach your home stream, from anyone in the organization.</p>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {r.data && r.data.length === 0 && <Empty icon="star" title="You follow no tags" hint="Open a tag from a post and choose Follow." />}
      {r.data && r.data.length > 0 && (
        <ul class="followed-tags-list">
          {r.data.map((t) => (
            <li key={t.name}>
              <a href={`/tags/${encodeURIComponent(t.name)}`}>#{t.name}</a>
              <button type="button" class="btn btn-secondary btn-small" disabled={busy === t.name} onClick={() => unfollow(t)} aria-label={`Unfollow #${t.name}`}>
                Unfollow
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
