// The member's notification filter (Mastodon's notification policy) and what
// it kept aside: one request per person, to accept (their notifications come
// through from then on) or dismiss (what they sent is removed).

import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, patch, post } from "../lib/api";
import type { Account, Status } from "../lib/types";
import { toast } from "../state";
import { Avatar, displayName } from "./ui";
import { t } from "../i18n";

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

// The policy's fields; their labels are notificationFilter.<field> messages.
const fields: (keyof Omit<Policy, "summary">)[] = ["for_not_following", "for_not_followers", "for_new_accounts", "for_private_mentions"];
const actions: Action[] = ["accept", "filter", "drop"];

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
        {t("notificationFilter.title")}
      </h2>
      <div class="notification-filter-fields">
        {fields.map((f) => (
          <label key={f}>
            <span>{t(`notificationFilter.${f}`)}</span>
            <select value={policy[f]} onChange={(e) => change(f, (e.target as HTMLSelectElement).value as Action)}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`notificationFilter.action.${a}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {requests.length > 0 && (
        <ul class="account-list" aria-label={t("notificationFilter.keptAside")}>
          {requests.map((r) => (
            <li key={r.id} class="account-row">
              <span class="account-link">
                <Avatar account={r.account} size={32} />
                <span class="account-text">
                  <strong>{displayName(r.account)}</strong>
                  <span class="muted">{t("notificationFilter.keptAsideCount", { count: Number(r.notifications_count) })}</span>
                </span>
              </span>
              <span class="account-actions">
                <button type="button" class="btn btn-small btn-primary" onClick={() => answer(r, "accept")}>
                  {t("notificationFilter.accept")}
                </button>
                <button type="button" class="btn btn-small btn-secondary" onClick={() => answer(r, "dismiss")}>
                  {t("notificationFilter.dismiss")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
