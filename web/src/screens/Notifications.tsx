// Notifications, newest first, with live arrivals; opening the screen marks them read.

import { useEffect, useState } from "preact/hooks";
import { Icon, type IconName } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { StatusCard, profileHref } from "../components/StatusCard";
import { Avatar, Empty, ErrorBox, Spinner, Time, displayName, useTitle } from "../components/ui";
import { api, errorMessage, requestPage } from "../lib/api";
import { live } from "../lib/live";
import type { Notification } from "../lib/types";
import { toast, unread } from "../state";

const describe: Record<string, [IconName, string]> = {
  mention: ["comment", "mentioned you"],
  reply: ["comment", "commented on your post"],
  favourite: ["heart", "liked your post"],
  reblog: ["repost", "reposted your post"],
  quote: ["quote", "quoted your post"],
  follow: ["people", "followed you"],
  follow_request: ["lock", "asked to follow you"],
  update: ["edit", "edited a post you interacted with"],
  status: ["bell", "posted"],
  connection_request: ["people", "invited you to connect"],
  connection_accepted: ["check", "accepted your invitation to connect"],
  answer_accepted: ["check", "accepted your answer"],
  report_resolved: ["flag", "resolved your report"],
  moderation_warning: ["shield", "sent you a moderation notice"],
};

const moderationAction: Record<string, string> = {
  none: "A moderator sent you a warning.",
  sensitive: "A moderator marked your attachments as sensitive.",
  silence: "A moderator made your account read-only: you can read, but not post.",
  disable: "A moderator deactivated your account.",
  suspend: "A moderator deactivated your account.",
};

async function markRead(id: string | undefined) {
  if (!id) return;
  try {
    await api("/api/v1/markers", { method: "POST", body: { notifications: { last_read_id: id } } });
    unread.value = 0;
  } catch {
    // The count stays; nothing else depends on it.
  }
}

export function NotificationsScreen() {
  useTitle("Notifications");
  const [items, setItems] = useState<Notification[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function load(url?: string) {
    setLoading(true);
    setError(null);
    try {
      const r = await requestPage<Notification[]>(url ?? "/api/v1/notifications", url ? {} : { query: { limit: 30 } });
      setItems((prev) => (url ? [...prev, ...r.data] : r.data));
      setNext(r.data.length ? r.links.next ?? null : null);
      if (!url) markRead(r.data[0]?.id);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    load();
    return live.onEvent((e) => {
      if (e.stream[0] !== "user" || e.event !== "notification") return;
      const n = e.payload as Notification;
      setItems((prev) => (prev.some((x) => x.id === n.id) ? prev : [n, ...prev]));
      // Seen here, as it arrives.
      setTimeout(() => markRead(n.id), 0);
    });
  }, []);

  return (
    <div class="page">
      <PageHeader title="Notifications" />
      <div class="notifications" aria-busy={loading}>
        {error != null && <ErrorBox error={error} onRetry={() => load()} />}
        {loading && items.length === 0 && <Spinner label="Loading notifications…" />}
        {!loading && !error && items.length === 0 && (
          <Empty icon="bell" title="Nothing new" hint="When colleagues mention you, comment, like, follow or invite you, it shows here." />
        )}
        <ul class="notification-list" aria-label="Notifications">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} onGone={() => setItems((l) => l.filter((x) => x.id !== n.id))} />
          ))}
        </ul>
        {next && !loading && (
          <div class="load-more">
            <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
              Show older notifications
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function NotificationItem({ n, onGone }: { n: Notification; onGone: () => void }) {
  const [icon, text] = describe[n.type] ?? ["bell", n.type.replace(/_/g, " ")];
  const [done, setDone] = useState<string | null>(null);
  async function act(path: string, result: string) {
    try {
      await api(path, { method: "POST", body: {} });
      setDone(result);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <li class={`card notification notification-${n.type}`}>
      <div class="notification-head">
        <span class={`notification-icon n-${n.type}`}>
          <Icon name={icon} size={18} />
        </span>
        <a href={profileHref(n.account.id)} class="notification-avatar" tabIndex={-1} aria-hidden="true">
          <Avatar account={n.account} size={36} />
        </a>
        <p>
          <a href={profileHref(n.account.id)}>
            <strong>{displayName(n.account)}</strong>
          </a>{" "}
          {text} · <Time iso={n.created_at} />
        </p>
      </div>
      {n.type === "follow_request" &&
        (done ? (
          <p class="muted">{done}</p>
        ) : (
          <div class="btn-row">
            <button type="button" class="btn btn-primary" onClick={() => act(`/api/v1/follow_requests/${n.account.id}/authorize`, "Request approved")}>
              Approve
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => act(`/api/v1/follow_requests/${n.account.id}/reject`, "Request declined")}>
              Decline
            </button>
          </div>
        ))}
      {n.type === "connection_request" &&
        (done ? (
          <p class="muted">{done}</p>
        ) : (
          <div class="btn-row">
            <button type="button" class="btn btn-primary" onClick={() => act(`/api/v1/atrium/connections/${n.account.id}/accept`, "You are connected")}>
              Accept
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => act(`/api/v1/atrium/connections/${n.account.id}/decline`, "Invitation declined")}>
              Decline
            </button>
          </div>
        ))}
      {n.type === "report_resolved" && n.report && (
        <p class="muted">
          Your report about {displayName(n.report.target_account)} was handled by the moderators. Thank you.
        </p>
      )}
      {n.type === "moderation_warning" && n.moderation_warning && (
        <div class="moderation-warning">
          <p>{moderationAction[n.moderation_warning.action] ?? n.moderation_warning.action}</p>
          {n.moderation_warning.text && <blockquote>{n.moderation_warning.text}</blockquote>}
        </div>
      )}
      {n.status && <StatusCard status={n.status} compact={n.type !== "mention" && n.type !== "reply"} onDelete={onGone} />}
    </li>
  );
}
