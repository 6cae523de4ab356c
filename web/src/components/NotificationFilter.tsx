// The member's notification filter (Mastodon's notification policy) and what
// it kept aside: one request per person, to accept (their notifications come
// through from then on) or dismiss (what they sent is removed).

import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, patch, post } from "../lib/api";
import type { Account, Status } from "../lib/types";
import { toast } from "../state";
import { Avatar, displayName } from "./ui";

type Action = "accept" | "filter" | "drop";
interface Policy {
  for_not_following: Action;
  for_not_followers: Action;
  for_new_accounts: Action;
  for_private_mentions: Action;
  summary: { pending_requests_count: number; pending_notifications_count: number };
}
interface Request {
  id: string;
  notifications_count: string;
  account: Account;
  last_status?: Status;
}

const fields: { key: keyof Omit<Policy, "summary">; label: string }[] = [
  { key: "for_not_following", label: "From people you don't follow" },
  { key: "for_not_followers", label: "From people who don't follow you" },
  { key: "for_new_accounts", label: "From people who joined in the last 30 days" },
  { key: "for_private_mentions", label: "Private mentions from people you don't follow" },
];
const actionLabel: Record<Action, string> = { accept: "Show", filter: "Keep aside", drop: "Hide" };

export function NotificationFilter({ onChanged }: { onChanged?: () => void }) {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [requests, setRequests] = useState<Request[]>([]);

  async function load() {
    try {
      const p = await api<Policy>("/api/v2/notifications/policy");
      setPolicy(p);
      setRequests(p.summary.pending_requests_count > 0 ? await api<Request[]>("/api/v1/notifications/requests") : []);
    } catch {
      // The filter is optional; the list above works without it.
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function change(key: string, value: Action) {
    try {
      setPolicy(await patch<Policy>("/api/v2/notifications/policy", { [key]: value }));
      await load();
      onChanged?.();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  async function answer(r: Request, how: "accept" | "dismiss") {
    try {
      await post(`/api/v1/notifications/requests/${r.id}/${how}`);
      await load();
      if (how === "accept") onChanged?.();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  if (!policy) return null;
  return (
    <section class="card notification-filter" aria-labelledby="notification-filter-heading">
      <h2 id="notification-filter-heading" class="section-title">
        Notification filter
      </h2>
      <div class="notification-filter-fields">
        {fields.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <select value={policy[f.key]} onChange={(e) => change(f.key, (e.target as HTMLSelectElement).value as Action)}>
              {(Object.keys(actionLabel) as Action[]).map((a) => (
                <option key={a} value={a}>
                  {actionLabel[a]}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {requests.length > 0 && (
        <ul class="account-list" aria-label="Kept aside">
          {requests.map((r) => (
            <li key={r.id} class="account-row">
              <span class="account-link">
                <Avatar account={r.account} size={32} />
                <span class="account-text">
                  <strong>{displayName(r.account)}</strong>
                  <span class="muted">{r.notifications_count === "1" ? "1 notification" : `${r.notifications_count} notifications`} kept aside</span>
                </span>
              </span>
              <span class="account-actions">
                <button type="button" class="btn btn-small btn-primary" onClick={() => answer(r, "accept")}>
                  Accept
                </button>
                <button type="button" class="btn btn-small btn-secondary" onClick={() => answer(r, "dismiss")}>
                  Dismiss
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
