// "Atom feed": a member's or a community's blog for a feed reader. Complete
// when this tab knows the reader's feed token; otherwise it leads to the
// Settings section where one is created.

import { feedUrl, rememberedFeedToken, type FeedSubject } from "../lib/feeds";
import { Icon } from "./icons";
import { t } from "../i18n";

export function FeedLink({ subject, id }: { subject: FeedSubject; id: string }) {
  const token = rememberedFeedToken();
  if (!token)
    return (
      <a class="feed-link" href="/settings#feeds-h" title={t("feedLink.createToken")}>
        <Icon name="rss" size={14} /> {t("feedLink.label")}
      </a>
    );
  return (
    <a class="feed-link" href={feedUrl(location.origin, token, subject, id)} type="application/atom+xml" rel="alternate noreferrer" title={t("feedLink.subscribe")}>
      <Icon name="rss" size={14} /> {t("feedLink.label")}
    </a>
  );
}
