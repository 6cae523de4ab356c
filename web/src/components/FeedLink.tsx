// "Atom feed": a member's or a community's blog for a feed reader. Complete
// when this tab knows the reader's feed token; otherwise it leads to the
// Settings section where one is created.

import { feedUrl, rememberedFeedToken, type FeedSubject } from "../lib/feeds";
import { Icon } from "./icons";

export function FeedLink({ subject, id }: { subject: FeedSubject; id: string }) {
  const token = rememberedFeedToken();
  if (!token)
    return (
      <a class="feed-link" href="/settings#feeds-h" title="Create a feed token in Settings to subscribe in a feed reader">
        <Icon name="rss" size={14} /> Blog feed
      </a>
    );
  return (
    <a class="feed-link" href={feedUrl(location.origin, token, subject, id)} type="application/atom+xml" rel="alternate noreferrer" title="Subscribe to the blog in a feed reader">
      <Icon name="rss" size={14} /> Blog feed
    </a>
  );
}
