// Follow or unfollow a hashtag: its public posts then reach (or leave) the
// reader's home stream.

import { useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Tag } from "../lib/types";
import { toast } from "../state";
import { useAsync } from "./ui";
import { t } from "../i18n";

export function TagFollowButton({ tag }: { tag: string }) {
  const r = useAsync((signal) => api<Tag>(`/api/v1/tags/${encodeURIComponent(tag)}`, { signal }), [tag]);
  const [busy, setBusy] = useState(false);
  if (!r.data) return null;
  const following = !!r.data.following;
  async function toggle() {
    setBusy(true);
    try {
      const next = await api<Tag>(`/api/v1/tags/${encodeURIComponent(tag)}/${following ? "unfollow" : "follow"}`, { method: "POST", body: {} });
      r.set(next);
      toast(next.following ? t("tagFollowButton.followed", { tag: next.name }) : t("tagFollowButton.unfollowed", { tag: next.name }));
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class={following ? "btn btn-secondary" : "btn btn-primary"} aria-pressed={following} disabled={busy} onClick={toggle}>
      {following ? t("tagFollowButton.unfollow") : t("tagFollowButton.follow")}
    </button>
  );
}
