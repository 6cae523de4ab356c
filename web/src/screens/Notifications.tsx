// Notifications, newest first and grouped ("Maria and 3 others liked …"),
// with live arrivals folded in; "Mentions" narrows to mentions and comments.
// What arrived after the reader last looked is marked new until the next
// visit: opening the screen moves the notifications marker.

import { useEffect, useRef, useState } from "preact/hooks";
import { AccountList } from "../components/AccountList";
import { NotificationFilter } from "../components/NotificationFilter";
import { Icon, type IconName } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { StatusCard, profileHref } from "../components/StatusCard";
import { Avatar, Dialog, Empty, ErrorBox, Spinner, Tabs, Time, displayName, useTitle, tParts } from "../components/ui";
import { api, errorMessage, requestPage } from "../lib/api";
import { live } from "../lib/live";
import {
  type GroupedState,
  compareIds,
  emptyGroups,
  groupAction,
  isNew,
  peopleSummary,
  withLive,
  withPage,
} from "../lib/notificationGroups";
import type { Account, GroupedNotifications, Notification, NotificationGroup, Status } from "../lib/types";
import { toast, unread } from "../state";
import { t } from "../i18n";

const icons: Record<string, IconName> = {
  mention: "comment",
  reply: "comment",
  favourite: "heart",
  reblog: "repost",
  quote: "quote",
  follow: "people",
  follow_request: "lock",
  update: "edit",
  status: "bell",
  connection_request: "people",
  connection_accepted: "check",
  answer_accepted: "check",
  "admin.report": "flag",
  report_resolved: "flag",
  moderation_warning: "shield",
};

const moderationAction: Record<string, () => string> = {
  none: () => t("notifications.warningNone"),
  sensitive: () => t("notifications.warningSensitive"),
  silence: () => t("notifications.warningSilence"),
  disable: () => t("notifications.warningDisable"),
  suspend: () => t("notifications.warningDisable"),
};

type Filter = "all" | "mentions";
const filters = (): { id: Filter; label: string }[] => [
  { id: "all", label: t("notifications.filterAll") },
  { id: "mentions", label: t("notifications.filterMentions") },
];
/** Mentions and comments on the reader's posts (Atrium's `reply`). */
const mentionTypes = ["mention", "reply"];

async function markRead(id: string | undefined) {
  if (!id) return;
  try {
    await api("/api/v1/markers", { method: "POST", body: { notifications: { last_read_id: id } } });
    unread.value = 0;
  } catch {
    // The count stays; nothing else depends on it.
  }
}

async function readMarker(): Promise<string | null> {
  try {
    const m = await api<{ notifications?: { last_read_id: string } }>("/api/v1/markers", { query: { timeline: ["notifications"] } });
    return m.notifications?.last_read_id ?? null;
  } catch {
    return null;
  }
}

export function NotificationsScreen() {
  useTitle(t("notifications.title"));
  const [filter, setFilter] = useState<Filter>("all");
  const [state, setState] = useState<GroupedState>(emptyGroups);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  // The marker as it was when the screen opened: what is newer stays marked.
  const lastRead = useRef<string | null | undefined>(undefined);
  const filterRef = useRef<Filter>(filter);
  filterRef.current = filter;

  async function load(url?: string) {
    setLoading(true);
    setError(null);
    try {
      if (lastRead.current === undefined) lastRead.current = await readMarker();
      const r = await requestPage<GroupedNotifications>(
        url ?? "/api/v2/notifications",
        url ? {} : { query: { limit: 30, types: filter === "mentions" ? mentionTypes : undefined } },
      );
      setState((prev) => withPage(prev, r.data, !!url));
      setNext(r.data.notification_groups.length ? r.links.next ?? null : null);
      const newest = r.data.notification_groups[0]?.most_recent_notification_id;
      if (!url && newest && (!lastRead.current || compareIds(newest, lastRead.current) > 0)) markRead(newest);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setState(emptyGroups);
    load();
  }, [filter]);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(
    () =>
      live.onEvent((e) => {
        if (e.stream[0] !== "user") return;
        // Accepted requests (here or on another device) joined the list: read it again.
        if (e.event === "notifications_merged") return loadRef.current();
        if (e.event !== "notification") return;
        const n = e.payload as Notification;
        if (filterRef.current === "mentions" && !mentionTypes.includes(n.type)) return;
        setState((prev) => withLive(prev, n));
        // Seen here, as it arrives (it stays marked new on this visit).
        setTimeout(() => markRead(n.id), 0);
      }),
    [],
  );

  const remove = (key: string) => setState((s) => ({ ...s, groups: s.groups.filter((g) => g.group_key !== key) }));

  return (
    <div class="page">
      <PageHeader title={t("notifications.title")} />
      <Tabs label={t("notifications.which")} tabs={filters()} value={filter} onChange={setFilter} />
      <div class="notifications" aria-busy={loading}>
        {error != null && <ErrorBox error={error} onRetry={() => load()} />}
        {loading && state.groups.length === 0 && <Spinner label={t("notifications.loading")} />}
        {!loading && !error && state.groups.length === 0 &&
          (filter === "mentions" ? (
            <Empty icon="comment" title={t("notifications.noMentions")} hint={t("notifications.noMentionsHint")} />
          ) : (
            <Empty icon="bell" title={t("notifications.nothingNew")} hint={t("notifications.nothingNewHint")} />
          ))}
        <NotificationList state={state} lastReadId={lastRead.current ?? null} onGone={remove} />
        {next && !loading && (
          <div class="load-more">
            <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
              {t("notifications.showOlder")}
            </button>
          </div>
        )}
      </div>
      <NotificationFilter onChanged={() => load()} />
    </div>
  );
}

/** The groups as a list, each marked new when it is newer than `lastReadId`. */
export function NotificationList({
  state,
  lastReadId,
  onGone,
}: {
  state: GroupedState;
  lastReadId: string | null;
  onGone?: (groupKey: string) => void;
}) {
  return (
    <ul class="notification-list" aria-label={t("notifications.title")}>
      {state.groups.map((g) => (
        <NotificationItem
          key={g.group_key}
          group={g}
          accounts={g.sample_account_ids.map((id) => state.accounts[id]).filter((a): a is Account => !!a)}
          status={g.status_id ? state.statuses[g.status_id] : undefined}
          fresh={isNew(g, lastReadId)}
          onGone={() => onGone?.(g.group_key)}
        />
      ))}
    </ul>
  );
}

function NotificationItem({
  group,
  accounts,
  status,
  fresh,
  onGone,
}: {
  group: NotificationGroup;
  accounts: Account[];
  status: Status | undefined;
  fresh: boolean;
  onGone: () => void;
}) {
  const icon = icons[group.type] ?? "bell";
  const { verb, about } = groupAction(group, status);
  const people = peopleSummary(accounts.map(displayName), group.notifications_count);
  const first = accounts[0];
  const [done, setDone] = useState<string | null>(null);
  const [showPeople, setShowPeople] = useState(false);
  async function act(path: string, result: string) {
    try {
      await api(path, { method: "POST", body: {} });
      setDone(result);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <li class={`card notification notification-${group.type} ${fresh ? "notification-new" : ""}`} data-group-key={group.group_key}>
      <div class="notification-head">
        <span class={`notification-icon n-${group.type}`}>
          <Icon name={icon} size={18} />
        </span>
        <span class="notification-avatars" aria-hidden="true">
          {accounts.slice(0, 4).map((a) => (
            <a key={a.id} href={profileHref(a.id)} class="notification-avatar" tabIndex={-1}>
              <Avatar account={a} size={accounts.length > 1 ? 28 : 36} />
            </a>
          ))}
        </span>
        <p class="notification-text">
          {fresh && <span class="new-badge">{t("notifications.new")}</span>}{" "}
          {tParts(
            about ? "notifications.sentenceAbout" : "notifications.sentence",
            {
              people: tParts(people.rest ? "notifications.twoPeople" : "notifications.onePerson", {
                first: first ? (
                  <a href={profileHref(first.id)}>
                    <strong>{people.first}</strong>
                  </a>
                ) : (
                  <strong>{people.first}</strong>
                ),
                rest:
                  group.notifications_count > 2 ? (
                    <button type="button" class="link-button" onClick={() => setShowPeople(true)}>
                      {people.rest}
                    </button>
                  ) : accounts[1] ? (
                    <a href={profileHref(accounts[1].id)}>
                      <strong>{people.rest}</strong>
                    </a>
                  ) : (
                    people.rest
                  ),
              }),
              about: about && (
                <a href={about.href} class="notification-about">
                  {about.quoted ? t("notifications.quoted", { text: about.text }) : about.text}
                </a>
              ),
            },
            { verb },
          )}{" "}
          · {group.latest_page_notification_at && <Time iso={group.latest_page_notification_at} />}
        </p>
      </div>
      {group.type === "follow_request" &&
        first &&
        (done ? (
          <p class="muted">{done}</p>
        ) : (
          <div class="btn-row">
            <button type="button" class="btn btn-primary" onClick={() => act(`/api/v1/follow_requests/${first.id}/authorize`, t("notifications.requestApproved"))}>
              {t("notifications.approve")}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => act(`/api/v1/follow_requests/${first.id}/reject`, t("notifications.requestDeclined"))}>
              {t("notifications.decline")}
            </button>
          </div>
        ))}
      {group.type === "connection_request" &&
        first &&
        (done ? (
          <p class="muted">{done}</p>
        ) : (
          <div class="btn-row">
            <button type="button" class="btn btn-primary" onClick={() => act(`/api/v1/atrium/connections/${first.id}/accept`, t("notifications.connected"))}>
              {t("notifications.accept")}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => act(`/api/v1/atrium/connections/${first.id}/decline`, t("notifications.invitationDeclined"))}>
              {t("notifications.decline")}
            </button>
          </div>
        ))}
      {group.type === "report_resolved" && group.report && (
        <p class="muted">
          {t("notifications.reportResolved", { name: displayName(group.report.target_account) })}
        </p>
      )}
      {group.type === "moderation_warning" && group.moderation_warning && (
        <div class="moderation-warning">
          <p>{moderationAction[group.moderation_warning.action]?.() ?? group.moderation_warning.action}</p>
          {group.moderation_warning.text && <blockquote>{group.moderation_warning.text}</blockquote>}
        </div>
      )}
      {status && (mentionTypes.includes(group.type) || group.type === "quote") && <StatusCard status={status} hideReplyContext onDelete={onGone} />}
      {showPeople && (
        <Dialog
          title={t(about ? "notifications.peopleWhoAbout" : "notifications.peopleWho", { verb, about: about ? (about.quoted ? t("notifications.quoted", { text: about.text }) : about.text) : "" })}
          onClose={() => setShowPeople(false)}
        >
          <GroupPeople groupKey={group.group_key} />
        </Dialog>
      )}
    </li>
  );
}

/** Everyone behind a group (GET /api/v2/notifications/:group_key/accounts). */
function GroupPeople({ groupKey }: { groupKey: string }) {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Account[]>(`/api/v2/notifications/${encodeURIComponent(groupKey)}/accounts`).then(setAccounts, (e) => setError(errorMessage(e)));
  }, [groupKey]);
  if (error) return <p role="alert">{error}</p>;
  if (!accounts) return <Spinner />;
  return <AccountList accounts={accounts} label={t("notifications.people")} />;
}
