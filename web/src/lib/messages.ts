// Direct conversations (the Messages screen): who a conversation is with,
// the one-line preview of its last message, the messages of its thread, and
// the list kept up to date from the direct stream.

import type { Account, Conversation, Status } from "./types";
import { t } from "../i18n";

/** "Ana Lopez, Ben Ng and 2 others"; "Only you" for a note to oneself. */
export function conversationTitle(accounts: Pick<Account, "display_name" | "username">[]): string {
  const names = accounts.map((a) => a.display_name || a.username);
  if (names.length === 0) return t("conversationTitles.onlyYou");
  if (names.length === 1) return names[0];
  if (names.length === 2) return t("conversationTitles.two", { first: names[0], second: names[1] });
  if (names.length === 3) return t("conversationTitles.three", { first: names[0], second: names[1], third: names[2] });
  return t("conversationTitles.more", { first: names[0], second: names[1], count: names.length - 2 });
}

/** The text of a post's HTML on one line, without the @mentions it opens with, cut to `max` characters. */
export function messagePreview(html: string, max = 120): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const text = (doc.body.textContent ?? "").replace(/\s+/g, " ").trim();
  const body = text.replace(/^(@[\w.@-]+\s*)+/, "").trim() || text;
  return body.length > max ? `${body.slice(0, max - 1).trimEnd()}…` : body;
}

/** The mentions a message to these people opens with: "@ana @ben ". */
export function mentionPrefix(accounts: Pick<Account, "acct">[]): string {
  return accounts.map((a) => `@${a.acct} `).join("");
}

/** Everyone a direct post is among: its author and the people it mentions. */
function peopleOf(s: Status): Set<string> {
  return new Set([s.account.id, ...s.mentions.map((m) => m.id)]);
}

/**
 * The messages of a conversation, oldest first, from its thread as the
 * reader sees it (GET /api/v1/statuses/:id/context around its last post):
 * the direct posts among the conversation's people. Where someone is not
 * shown to the reader (a block), the thread's direct posts.
 */
export function conversationMessages(conversation: Conversation, meId: string, thread: Status[]): Status[] {
  const direct = thread.filter((s) => s.visibility === "direct");
  const people = new Set([meId, ...conversation.accounts.map((a) => a.id)]);
  const same = direct.filter((s) => {
    const p = peopleOf(s);
    return p.size === people.size && [...p].every((id) => people.has(id));
  });
  const lastId = conversation.last_status?.id;
  const chosen = lastId && !same.some((s) => s.id === lastId) ? direct : same;
  const seen = new Set<string>();
  return chosen
    .filter((s) => !seen.has(s.id) && !!seen.add(s.id))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
}

/** The list with `c` in it (new or changed), newest last message first. */
export function upsertConversation(list: Conversation[], c: Conversation): Conversation[] {
  const rest = list.filter((x) => x.id !== c.id);
  const key = (x: Conversation) => BigInt(x.last_status?.id ?? "0");
  return [c, ...rest].sort((a, b) => (key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0));
}
