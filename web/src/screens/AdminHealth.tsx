// The admin health page: the figures of GET /api/v1/atrium/admin/health
// (members active today, posts in the last hour, queues, open streams, the
// last warnings and errors, version and uptime), refreshed every 15 s.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { ErrorBox, Spinner, useTitle } from "../components/ui";
import { api } from "../lib/api";
import type { AdminHealth, BackgroundQueue } from "../lib/types";
import { isAdmin, me } from "../state";
import { NotFound } from "./NotFound";
import { formatDateTime, formatNumber } from "../i18n/format";
import { t } from "../i18n";

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? t("adminHealth.daysHours", { d, h }) : h > 0 ? t("adminHealth.hoursMinutes", { h, m }) : t("adminHealth.minutes", { m });
}

// "3 (oldest 2 min)" for a queue with items waiting, "0" for an empty one.
function queued(q: BackgroundQueue): string {
  if (q.depth === 0) return formatNumber(0);
  return t("adminHealth.queued", { depth: formatNumber(q.depth), age: uptime(q.oldest_age_seconds) });
}

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div class="health-figure">
      <dt class="muted">{label}</dt>
      <dd>{typeof value === "number" ? formatNumber(value) : value}</dd>
    </div>
  );
}

export function AdminHealthScreen() {
  useTitle(t("adminHealth.title"));
  const [health, setHealth] = useState<AdminHealth | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load() {
    try {
      setHealth(await api<AdminHealth>("/api/v1/atrium/admin/health"));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }

  useEffect(() => {
    load();
    const timer = setInterval(load, 15000);
    return () => clearInterval(timer);
  }, []);

  if (!isAdmin(me.value)) return <NotFound />;

  return (
    <div class="page">
      <PageHeader title={t("adminHealth.title")} subtitle={t("adminHealth.subtitle")}>
        <a href="/admin" class="btn btn-secondary">
          {t("adminHealth.members")}
        </a>
      </PageHeader>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!health && !error && <Spinner label={t("adminHealth.loading")} />}
      {health && (
        <>
          <div class="card">
            <dl class="health-figures">
              <Figure label={t("adminHealth.membersActiveToday")} value={health.members_active_today} />
              <Figure label={t("adminHealth.postsLastHour")} value={health.posts_last_hour} />
              <Figure label={t("adminHealth.authorsLastHour")} value={health.authors_last_hour} />
              <Figure label={t("adminHealth.fanoutQueued")} value={health.queues.fanout.queued} />
              <Figure label={t("adminHealth.fanoutRunning")} value={health.queues.fanout.running} />
              <Figure label={t("adminHealth.scheduledDue")} value={queued(health.queues.scheduled_posts)} />
              <Figure label={t("adminHealth.mailWaiting")} value={queued(health.queues.mail)} />
              <Figure label={t("adminHealth.retentionBacklog")} value={queued(health.queues.retention)} />
              <Figure label={t("adminHealth.openConnections")} value={health.open_connections} />
              <Figure label={t("adminHealth.liveStreams")} value={health.open_streams.sse + health.open_streams.websocket} />
              <Figure label={t("adminHealth.version")} value={health.version} />
              <Figure label={t("adminHealth.upFor")} value={uptime(health.uptime_seconds)} />
            </dl>
          </div>
          <div class="card list-card">
            <h2>{t("adminHealth.lastErrors")}</h2>
            {health.last_errors.length === 0 ? (
              <p class="muted">{t("adminHealth.noErrors")}</p>
            ) : (
              <ul class="health-errors">
                {health.last_errors.map((e, i) => (
                  <li key={i}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time> <strong>{e.level}</strong> <code>{e.message}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </div>
  );
}
