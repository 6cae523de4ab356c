// Grouped notifications (Mastodon's API v2) as the notification list keeps
// them: the groups of the pages read, the people and posts they name, a live
// notification folded into its group, and what each group says in words.

import { postPath } from "./kinds";
import { t } from "../i18n";
import type { Account, GroupedNotifications, Notification, NotificationGroup, ReplyContext, Status } from "./types";

export interface GroupedState {
  groups: NotificationGroup[];
  accounts: Record<string, Account>;
  statuses: Record<string, Status>;
}

export const emptyGroups: GroupedState = { groups: [], accounts: {}, statuses: {} };

/** Types the server groups (favourite and reblog per post, follow per day). */
const groupable = new Set(["favourite", "reblog", "follow"]);

/** The state with a page of results added: after what is there (`append`), or instead of it. */
export function withPage(state: GroupedState, page: GroupedNotifications, append: boolean): GroupedState {
  const accounts = { ...(append ? state.accounts : {}) };
  for (const a of page.accounts) accounts[a.id] = a;
  const statuses = { ...(append ? state.statuses : {}) };
  for (const s of page.statuses) statuses[s.id] = s;
  const groups = append ? [...state.groups, ...page.notification_groups] : page.notification_groups;
  return { groups, accounts, statuses };
}

/**
 * The state with a live notification (API v1 shape) folded in: into its group
 * at the top when the type is grouped and the group is on screen, else as a
 * group of its own. A notification already shown changes nothing.
 */
export function withLive(state: GroupedState, n: Notification): GroupedState {
  if (state.groups.some((g) => g.most_recent_notification_id === n.id)) return state;
  const accounts = { ...state.accounts, [n.account.id]: n.account };
  const statuses = n.status ? { ...state.statuses, [n.status.id]: n.status } : state.statuses;
  const key = groupable.has(n.type) && n.group_key ? n.group_key : `ungrouped-${n.id}`;
  const existing = state.groups.find((g) => g.group_key === key);
  const group: NotificationGroup = existing
    ? {
        ...existing,
        notifications_count: existing.notifications_count + 1,
        most_recent_notification_id: n.id,
        page_max_id: n.id,
        latest_page_notification_at: n.created_at,
        sample_account_ids: [n.account.id, ...existing.sample_account_ids.filter((id) => id !== n.account.id)].slice(0, 8),
      }
    : {
        group_key: key,
        notifications_count: 1,
        type: n.type,
        most_recent_notification_id: n.id,
        page_min_id: n.id,
        page_max_id: n.id,
        latest_page_notification_at: n.created_at,
        sample_account_ids: [n.account.id],
        status_id: n.status?.id ?? null,
      };
  return { accounts, statuses, groups: [group, ...state.groups.filter((g) => g.group_key !== key)] };
}

/** Is this group newer than what the reader had seen (the notifications marker)? */
export function isNew(group: NotificationGroup, lastReadId: string | null): boolean {
  if (!lastReadId) return true;
  return compareIds(group.most_recent_notification_id, lastReadId) > 0;
}

/** Compares two decimal ids as numbers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A post in one line: its title, its content warning, or the start of its text. */
export function statusExcerpt(s: Status, max = 80): string {
  const shown = s.reblog ?? s;
  const text = shown.atrium?.title || shown.spoiler_text || textOf(shown.content);
  return cut(text, max);
}

function textOf(html: string): string {
  if (typeof DOMParser !== "undefined") {
    // Paragraphs and line breaks read as spaces.
    const doc = new DOMParser().parseFromString(html.replace(/<(br|\/p)\b[^>]*>/gi, " $&"), "text/html");
    return (doc.body.textContent ?? "").replace(/\s+/g, " ").trim();
  }
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let head = chars.slice(0, max - 1).join("");
  const space = head.lastIndexOf(" ");
  if (space > head.length / 2) head = head.slice(0, space);
  return head.replace(/[\s,.]+$/, "") + "…";
}

/** The web client's path of the post a reply answers (its permalink for a blog entry or question). */
export function replyParentPath(c: ReplyContext): string {
  return postPath({ id: c.id, atrium: c.atrium } as Status);
}

/**
 * What a group says after the people: the verb and the post it is about,
 * in one line ("liked", "What we learned…"), with where that post opens.
 * `about` is the post's excerpt in quotes, or "your post" when it has no text.
 */
export interface GroupAction {
  verb: string;
  about?: { text: string; quoted: boolean; href: string };
}

export function groupAction(group: NotificationGroup, status: Status | undefined): GroupAction {
  const count = group.notifications_count;
  const yourPost = () => t("notificationGroups.yourPost");
  const own = (verb: string, withoutPost: string): GroupAction => {
    if (!status) return { verb: t(`notificationGroups.${withoutPost}`, { count }) };
    const text = statusExcerpt(status);
    return { verb: t(`notificationGroups.${verb}`, { count }), about: { text: text || yourPost(), quoted: !!text, href: postPath(status.reblog ?? status) } };
  };
  const parent = (verb: string, fallback: string): GroupAction => {
    const c = status?.in_reply_to;
    if (!c) return { verb: t(`notificationGroups.${fallback}`, { count }) };
    return { verb: t(`notificationGroups.${verb}`, { count }), about: { text: c.excerpt || yourPost(), quoted: !!c.excerpt, href: replyParentPath(c) } };
  };
  const plain = (verb: string): GroupAction => ({ verb: t(`notificationGroups.${verb}`, { count }) });
  switch (group.type) {
    case "favourite":
      return own("liked", "likedYourPost");
    case "reblog":
      return own("reposted", "repostedYourPost");
    case "update":
      return own("edited", "editedInteracted");
    case "status":
      return own("posted", "postedSomething");
    case "poll":
      return own("pollEnded", "pollEndedWithoutPost");
    case "quote": {
      const quoted = status?.quote?.quoted_status;
      if (!quoted) return plain("quotedYourPost");
      const text = statusExcerpt(quoted);
      return { verb: t("notificationGroups.quoted", { count }), about: { text: text || yourPost(), quoted: !!text, href: postPath(quoted) } };
    }
    case "reply":
      return parent("commentedOn", "commentedOnYourPost");
    case "mention":
      return parent("mentionedYouOn", "mentionedYou");
    case "answer_accepted":
      return parent("acceptedAnswerTo", "acceptedAnswer");
    case "follow":
      return plain("followedYou");
    case "follow_request":
      return plain("askedToFollow");
    case "connection_request":
      return plain("invitedToConnect");
    case "connection_accepted":
      return plain("acceptedConnection");
    case "admin.report":
      return plain("filedReport");
    case "report_resolved":
      return plain("resolvedReport");
    case "moderation_warning":
      return plain("moderationWarning");
    default:
      return { verb: group.type.replace(/_/g, " ") };
  }
}

/**
 * Who, in words: "Maria", "Maria and Ken", "Maria and 3 others". `count` is
 * how many acted (the group's notifications); `names` the first of them.
 */
export function peopleSummary(names: string[], count: number): { first: string; rest: string | null } {
  const first = names[0] ?? t("notificationGroups.someone");
  const others = Math.max(count, names.length) - 1;
  if (others <= 0) return { first, rest: null };
  if (others === 1 && names[1]) return { first, rest: names[1] };
  return { first, rest: t("notificationGroups.others", { count: others }) };
}
