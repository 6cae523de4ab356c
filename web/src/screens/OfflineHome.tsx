// Offline: the last home page this person read in this browser, read-only
// and clearly marked, until the server can be reached again; and a notice
// on every screen while the connection is gone.

import { useEffect, useState } from "preact/hooks";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Empty, Time, displayName, useTitle } from "../components/ui";
import type { HomeSnapshot } from "../lib/offline";

export function OfflineHome({ snapshot }: { snapshot: HomeSnapshot }) {
  useTitle("Offline");
  const saved = new Date(snapshot.saved_at);
  return (
    <main id="main" class="main offline-main">
      <div class="page">
        <PageHeader title="Home (offline)" />
        <div class="offline-banner card" role="status" data-testid="offline-banner">
          <Icon name="offline" size={18} />
          <p>
            You are offline. This is your home stream as it was on{" "}
            <time dateTime={snapshot.saved_at}>{saved.toLocaleString()}</time>, read-only: nothing can be posted, liked or
            opened until Atrium can be reached again.
          </p>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => location.reload()}>
            Try again
          </button>
        </div>
        {snapshot.statuses.length === 0 ? (
          <Empty icon="comment" title="Nothing was kept" hint="Your home stream was empty when you last read it." />
        ) : (
          <section class="feed" aria-label="Home stream (offline copy)">
            {snapshot.statuses.map((item) => {
              const s = item.reblog ?? item;
              const headingId = `offline-${item.id}`;
              return (
                <article key={item.id} class="status card status-offline" aria-labelledby={headingId}>
                  <header class="status-head">
                    <Avatar account={s.account} size={44} />
                    <div class="status-who">
                      <h3 id={headingId} class="status-name">
                        {displayName(s.account)}
                      </h3>
                      <p class="status-meta">
                        <span class="handle">@{s.account.acct}</span>
                        <span aria-hidden="true"> · </span>
                        <Time iso={s.created_at} />
                      </p>
                    </div>
                  </header>
                  {s.spoiler_text ? (
                    <p class="status-content">{s.spoiler_text}</p>
                  ) : (
                    <div class="status-content" dangerouslySetInnerHTML={{ __html: s.content }} />
                  )}
                </article>
              );
            })}
          </section>
        )}
        <p class="muted offline-who">
          Kept for {displayName(snapshot.account)} (@{snapshot.account.acct}) in this browser; signing out removes it.
        </p>
      </div>
    </main>
  );
}

/** A notice while the browser has no connection, on every screen. */
export function OfflineNotice() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  if (online) return null;
  return (
    <div class="offline-notice" role="status" data-testid="offline-notice">
      <Icon name="offline" size={18} /> You are offline. What you see may be out of date, and nothing can be sent until the connection is back.
    </div>
  );
}
