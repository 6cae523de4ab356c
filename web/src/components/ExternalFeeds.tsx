// The reader's external blogs (/api/v1/atrium/external_feeds): the RSS or
// Atom feeds Atrium reads for them. Each new entry becomes their post with
// its title, a short excerpt and the link — link, don't repost.

import { useState } from "preact/hooks";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import type { ExternalFeed, Visibility } from "../lib/types";
import { toast } from "../state";

const VISIBILITIES: [Visibility, string][] = [
  ["public", "Everyone in the organization"],
  ["unlisted", "Everyone, but not in the organization stream"],
  ["private", "Your followers"],
];

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
      toast("Blog connected. Its newest entry will appear as your post shortly.");
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
      toast("Blog disconnected. Posts made from it stay.");
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card form settings-form" aria-labelledby="feeds-h">
      <h2 id="feeds-h">Your external blog</h2>
      <p class="muted">
        Connect your blog's RSS or Atom feed: each new entry appears as your post with its title, a short excerpt and a link to it. The article itself stays on
        your blog.
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
                  {f.last_error ? `Could not be read: ${f.last_error}` : f.last_polled_at ? `Read ${new Date(f.last_polled_at).toLocaleString()}` : "Not read yet"}
                </div>
              </div>
              <button type="button" class="button" onClick={() => disconnect(f)} aria-label={`Disconnect ${f.title || f.url}`}>
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty icon="rss" title="No blog connected" />
      )}
      <form onSubmit={connect}>
        <label class="field">
          <span>Feed address</span>
          <input type="url" name="feed-url" required placeholder="https://blog.example.com/feed.xml" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>Who sees the posts</span>
          <select name="feed-visibility" value={visibility} onChange={(e) => setVisibility((e.target as HTMLSelectElement).value as Visibility)}>
            {VISIBILITIES.map(([value, text]) => (
              <option value={value} key={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <FormFooter error={error} busy={busy} submit="Connect" busyLabel="Connecting…" />
      </form>
    </section>
  );
}
