// "Replying to Maria: What we learned…": the post a reply answers, in one
// line linked to it, from Atrium's `in_reply_to` on the Status (the server
// leaves it null when the reader may not see that post).

import { replyParentPath, statusExcerpt } from "../lib/notificationGroups";
import type { ReplyContext as Context, Status } from "../lib/types";
import { Icon } from "./icons";
import { displayName } from "./ui";

export function ReplyContext({ context }: { context: Context }) {
  const who = displayName(context.account);
  return (
    <p class="reply-context">
      <Icon name="comment" size={14} />{" "}
      <a href={replyParentPath(context)} title={context.excerpt ? `Replying to ${who}: ${context.excerpt}` : `Replying to ${who}`}>
        Replying to <span class="reply-context-who">{who}</span>
        {context.excerpt && (
          <>
            : <em class="reply-context-excerpt">{context.excerpt}</em>
          </>
        )}
      </a>
    </p>
  );
}

/** The reply context of a post at hand (the one a composer answers). */
export function contextOf(s: Status): Context {
  return { id: s.id, excerpt: statusExcerpt(s), atrium: s.atrium ?? null, account: s.account };
}
