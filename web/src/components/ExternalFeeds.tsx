// The reader's external blogs (/api/v1/atrium/external_feeds): the RSS or
// Atom feeds Atrium reads for them. Each new entry becomes their post with
// its title, a short excerpt and the link — link, don't repost.

import { useState } from "preact/hooks";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import type { ExternalFeed, Visibility } from "../lib/types";
import { toast } from "../state";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

const VISIBILITIES: Visibility[] = ["public", "unlisted", "private"];

export function ExternalFeeds() {
  const r = useAsync((signal) => api<ExternalFeed[]>("/api/v1/atrium/external_feeds", { signal }), []);
  const [url, setUrl] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("public");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function connect(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const feed = await api<ExternalFeed>("/api/v1/atrium/external_feeds", { method: "POST", body: { url, visibility } });
      r.set([...(r.data ?? []), feed]);
      setUrl("");
      toast(t("externalFeeds.connected"));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function disconnect(feed: ExternalFeed) {
    try {
      await api(`/api/v1/atrium/external_feeds/${feed.id}`, { method: "DELETE" });
      r.set((r.data ?? []).filter((f) => f.id !== feed.id));
      toast(t("externalFeeds.disconnected"));
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card form settings-form" aria-labelledby="feeds-h">
      <h2 id="feeds-h">{t("externalFeeds.title")}</h2>
      <p class="muted">
        {t("externalFeeds.intro")}
      </p>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length > 0 ? (
        <ul class="feed-list">
          {r.data.map((f) => (
            <li key={f.id} class="feed-item">
              <div>
                <strong>{f.title || f.url}</strong>
                <div class="muted">{f.url}</div>
                <div class="muted">
                  {f.last_error ? t("externalFeeds.error", { error: f.last_error }) : f.last_polled_at ? t("externalFeeds.read", { when: formatDateTime(f.last_polled_at) }) : t("externalFeeds.notRead")}
                </div>
              </div>
              <button type="button" class="button" onClick={() => disconnect(f)} aria-label={t("externalFeeds.disconnectFeed", { name: f.title || f.url })}>
                {t("externalFeeds.disconnect")}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty icon="rss" title={t("externalFeeds.none")} />
      )}
      <form onSubmit={connect}>
        <label class="field">
          <span>{t("externalFeeds.address")}</span>
          <input type="url" name="feed-url" required placeholder={t("externalFeeds.addressPlaceholder")} value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>{t("externalFeeds.audience")}</span>
          <select name="feed-visibility" value={visibility} onChange={(e) => setVisibility((e.target as HTMLSelectElement).value as Visibility)}>
            {VISIBILITIES.map((value) => (
              <option value={value} key={value}>
                {t(`externalFeeds.visibility.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <FormFooter error={error} busy={busy} submit={t("externalFeeds.connect")} busyLabel={t("externalFeeds.connecting")} />
      </form>
    </section>
  );
}
