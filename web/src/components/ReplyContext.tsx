// "Replying to Maria: What we learned…": the post a reply answers, in one
// line linked to it, from Atrium's `in_reply_to` on the Status (the server
// leaves it null when the reader may not see that post).

import { replyParentPath, statusExcerpt } from "../lib/notificationGroups";
import type { ReplyContext as Context, Status } from "../lib/types";
import { Icon } from "./icons";
import { displayName, tParts } from "./ui";
import { t } from "../i18n";

export function ReplyContext({ context }: { context: Context }) {
  const who = displayName(context.account);
  return (
    <p class="reply-context">
      <Icon name="comment" size={14} />{" "}
      <a
        href={replyParentPath(context)}
        title={context.excerpt ? t("replyContext.replyingToPost", { who, excerpt: context.excerpt }) : t("replyContext.replyingTo", { who })}
      >
        {context.excerpt
          ? tParts("replyContext.replyingToPost", {
              who: <span class="reply-context-who">{who}</span>,
              excerpt: <em class="reply-context-excerpt">{context.excerpt}</em>,
            })
          : tParts("replyContext.replyingTo", { who: <span class="reply-context-who">{who}</span> })}
      </a>
    </p>
  );
}

/** The reply context of a post at hand (the one a composer answers). */
export function contextOf(s: Status): Context {
  return { id: s.id, excerpt: statusExcerpt(s), atrium: s.atrium ?? null, account: s.account };
}
