// Blog entries and questions in the client: their kind, their permalinks,
// and the order a question's answers are shown in.

import { threadOrder } from "./thread";
import type { PostKind, Status } from "./types";

/** The kind of a post (of the original, for a repost); null for a status update. */
export function kindOf(s: Status): PostKind | null {
  return (s.reblog ?? s).atrium?.kind ?? null;
}

/** Where a post opens in the client: a blog entry's or question's permalink, else /posts/:id. */
export function postPath(s: Status): string {
  const permalink = s.atrium?.permalink;
  if (permalink) {
    try {
      return new URL(permalink, "http://x").pathname;
    } catch {
      // fall through
    }
  }
  return `/posts/${s.id}`;
}

/** The post id a permalink slug starts with ("123-title" or "123"), or null. */
export function idOfSlug(slug: string): string | null {
  const m = /^(\d+)(?:-|$)/.exec(slug);
  return m ? m[1] : null;
}

/**
 * A question's answers in thread order, the accepted one (with the replies
 * under it) first.
 */
export function answersInOrder(questionId: string, acceptedId: string | null | undefined, descendants: Status[]) {
  const order = threadOrder(questionId, descendants);
  if (!acceptedId) return order;
  const start = order.findIndex((x) => x.status.id === acceptedId && x.depth === 0);
  if (start < 0) return order;
  let end = start + 1;
  while (end < order.length && order[end].depth > 0) end++;
  return [...order.slice(start, end), ...order.slice(0, start), ...order.slice(end)];
}

/**
 * May the reader accept an answer to `question`? Its author, an admin, and
 * for a question in a community, the community's owners and moderators.
 */
export function mayAccept(question: Status, readerId: string | undefined, isAdmin: boolean, communityRole?: string | null): boolean {
  if (!readerId) return false;
  if (question.account.id === readerId || isAdmin) return true;
  return !!question.community && (communityRole === "owner" || communityRole === "moderator");
}
