// Under the composer: who will be able to see the post (a number and
// words, from the server's count under the one visibility rule) and the
// organization's advice on the draft, asked for as the writer pauses.
// Advice never blocks: a "confirm" item only asks for one more click before
// posting (the composer holds that click).

import { useEffect, useState } from "preact/hooks";
import { api } from "../lib/api";
import { audienceSentence, mentionedUsernames, type AdviceItem, type Audience } from "../lib/compose";
import { t } from "../i18n";

interface Props {
  text: string;
  title?: string;
  visibility: string;
  communityId: string;
  replyToId?: string;
  /** The advice now shown, for the composer's extra click on "confirm". */
  onAdvice?: (items: AdviceItem[]) => void;
}

/** How long the writer pauses before advice is asked for. */
export const ADVICE_PAUSE_MS = 600;

export function ComposeGuidance({ text, title, visibility, communityId, replyToId, onAdvice }: Props) {
  const [audience, setAudience] = useState<Audience | null>(null);
  const [advice, setAdvice] = useState<AdviceItem[]>([]);
  const mentions = mentionedUsernames(text).join(" ");

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      const query: Record<string, string | string[]> = {};
      if (communityId) query.community_id = communityId;
      else if (visibility) query.visibility = visibility;
      if (replyToId) query.in_reply_to_id = replyToId;
      if (mentions) query.mentions = mentions.split(" ");
      api<Audience>("/api/v1/atrium/compose/audience", { query, signal: ctrl.signal }).then(setAudience, () => {});
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [visibility, communityId, replyToId, mentions]);

  useEffect(() => {
    if (!text.trim() && !title?.trim()) {
      setAdvice([]);
      onAdvice?.([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      const body: Record<string, string> = { status: text };
      if (title) body.title = title;
      if (communityId) body.community_id = communityId;
      else if (visibility) body.visibility = visibility;
      if (replyToId) body.in_reply_to_id = replyToId;
      api<AdviceItem[]>("/api/v1/atrium/compose/advice", { method: "POST", body, signal: ctrl.signal }).then(
        (items) => {
          setAdvice(items);
          onAdvice?.(items);
        },
        () => {},
      );
    }, ADVICE_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, title, visibility, communityId, replyToId]);

  return (
    <div class="compose-guidance">
      {audience && (
        <p class="compose-audience" aria-live="polite" data-count={audience.count}>
          <span class="muted">{t("composeGuidance.audience")} </span>
          {audienceSentence(audience)}
        </p>
      )}
      {advice.length > 0 && (
        <ul class="compose-advice" aria-label={t("composeGuidance.advice")} aria-live="polite">
          {advice.map((a) => (
            <li key={a.rule} class={`advice advice-${a.severity}`} data-rule={a.rule}>
              {a.message}
              {a.url && (
                <>
                  {" "}
                  <a href={a.url}>{t("composeGuidance.openConversation")}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
