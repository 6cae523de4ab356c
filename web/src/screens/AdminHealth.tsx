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

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

// "3 (oldest 2 min)" for a queue with items waiting, "0" for an empty one.
function queued(q: BackgroundQueue): string {
  if (q.depth === 0) return "0";
  return `${q.depth.toLocaleString()} (oldest ${uptime(q.oldest_age_seconds)})`;
}

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div class="health-figure">
      <dt class="muted">{label}</dt>
      <dd>{typeof value === "number" ? value.toLocaleString() : value}</dd>
    </div>
  );
}

export function AdminHealthScreen() {
  useTitle("Health");
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
    const t = setInterval(load, 15000);
    return () => clearInterval(t);
  }, []);

  if (!isAdmin(me.value)) return <NotFound />;

  return (
    <div class="page">
      <PageHeader title="Health" subtitle="How this Atrium node is doing right now.">
        <a href="/admin" class="btn btn-secondary">
          Members
        </a>
      </PageHeader>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!health && !error && <Spinner label="Reading the figures…" />}
      {health && (
        <>
          <div class="card">
            <dl class="health-figures">
              <Figure label="Members active today" value={health.members_active_today} />
              <Figure label="Posts in the last hour" value={health.posts_last_hour} />
              <Figure label="Authors in the last hour" value={health.authors_last_hour} />
              <Figure label="Fan-out jobs queued" value={health.queues.fanout.queued} />
              <Figure label="Fan-out jobs running" value={health.queues.fanout.running} />
              <Figure label="Scheduled posts due" value={queued(health.queues.scheduled_posts)} />
              <Figure label="Mail waiting" value={queued(health.queues.mail)} />
              <Figure label="Retention backlog" value={queued(health.queues.retention)} />
              <Figure label="Open connections" value={health.open_connections} />
              <Figure label="Live streams" value={health.open_streams.sse + health.open_streams.websocket} />
              <Figure label="Version" value={health.version} />
              <Figure label="Up for" value={uptime(health.uptime_seconds)} />
            </dl>
          </div>
          <div class="card list-card">
            <h2>Last warnings and errors</h2>
            {health.last_errors.length === 0 ? (
              <p class="muted">None since the node started.</p>
            ) : (
              <ul class="health-errors">
                {health.last_errors.map((e, i) => (
                  <li key={i}>
                    <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{e.level}</strong> <code>{e.message}</code>
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
