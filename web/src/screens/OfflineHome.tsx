// Offline: the last home page this person read in this browser, read-only
// and clearly marked, until the server can be reached again; and a notice
// on every screen while the connection is gone.

import { useEffect, useState } from "preact/hooks";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Empty, Time, displayName, useTitle, tParts } from "../components/ui";
import type { HomeSnapshot } from "../lib/offline";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

export function OfflineHome({ snapshot }: { snapshot: HomeSnapshot }) {
  useTitle(t("offlineHome.title"));
  return (
    <main id="main" class="main offline-main">
      <div class="page">
        <PageHeader title={t("offlineHome.heading")} />
        <div class="offline-banner card" role="status" data-testid="offline-banner">
          <Icon name="offline" size={18} />
          <p>
            {tParts("offlineHome.banner", {
              when: <time dateTime={snapshot.saved_at}>{formatDateTime(snapshot.saved_at)}</time>,
            })}
          </p>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => location.reload()}>
            {t("common.retry")}
          </button>
        </div>
        {snapshot.statuses.length === 0 ? (
          <Empty icon="comment" title={t("offlineHome.nothingKept")} hint={t("offlineHome.nothingKeptHint")} />
        ) : (
          <section class="feed" aria-label={t("offlineHome.streamLabel")}>
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
                        <bdi class="handle">@{s.account.acct}</bdi>
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
          {t("offlineHome.keptFor", { name: displayName(snapshot.account), acct: snapshot.account.acct })}
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
      <Icon name="offline" size={18} /> {t("offlineHome.notice")}
    </div>
  );
}
