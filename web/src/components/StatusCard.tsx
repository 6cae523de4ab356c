// One post as a card: who, when, where, what, and what the reader may do with it.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { del, errorMessage, post as apiPost, api } from "../lib/api";
import { blurTitles, warningTitles } from "../lib/filters";
import { postPath } from "../lib/kinds";
import type { Status, StatusEdit } from "../lib/types";
import { me, toast } from "../state";
import { BlogSummary, BlogTags } from "./BlogSummary";
import { Composer, composerPlace } from "./Composer";
import { EmojiText } from "./EmojiText";
import { emojifyHtml } from "../lib/emoji";
import { clearDraft } from "../lib/drafts";
import { FilterBlur } from "./FilterBlur";
import { FilteredPost } from "./FilteredPost";
import { Icon } from "./icons";
import { LinkCard } from "./LinkCard";
import { MediaGallery } from "./MediaGallery";
import { PollView } from "./PollView";
import { ReplyContext } from "./ReplyContext";
import { ReportDialog } from "./ReportDialog";
import { Avatar, Dialog, Spinner, Time, displayName } from "./ui";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";

const visibilityLabel = (v: string) => t(`statusCard.visibility.${v}`);

export function profileHref(id: string) {
  return `/people/${id}`;
}
export function postHref(id: string) {
  return `/posts/${id}`;
}

interface Props {
  status: Status;
  onChange?: (s: Status) => void;
  onDelete?: (id: string) => void;
  /** The post a thread is about: larger text, no link to itself. */
  focused?: boolean;
  /** Inside a quote: no actions. */
  compact?: boolean;
  /** Reply depth in a thread. */
  depth?: number;
  /** In a thread, where the post replied to is on screen: no "Replying to" line. */
  hideReplyContext?: boolean;
}

export function StatusCard({ status, onChange, onDelete, focused, compact, depth = 0, hideReplyContext }: Props) {
  const shown = status.reblog ?? status;
  const mine = me.value?.id === shown.account.id;
  const [dialog, setDialog] = useState<null | "quote" | "edit" | "history" | "delete" | "report">(null);
  // The quote or edit dialog holds text not yet posted or saved: closing it asks first.
  const [dialogUnsaved, setDialogUnsaved] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [unblurred, setUnblurred] = useState(false);
  const headingId = `post-${status.id}-by`;

  async function toggle(action: "favourite" | "reblog" | "bookmark", on: boolean) {
    setBusy(action);
    try {
      const res = await apiPost<Status>(`/api/v1/statuses/${shown.id}/${on ? "" : "un"}${action}`);
      // A reblog answers the reblog wrapper; the original is inside it.
      const updated = action === "reblog" && res.reblog ? res.reblog : res;
      onChange?.(status.reblog ? { ...status, reblog: updated } : updated);
      if (action === "reblog" && on) toast(t("statusCard.reposted"));
      if (action === "bookmark") toast(on ? t("statusCard.bookmarked") : t("statusCard.unbookmarked"));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy("delete");
    try {
      await del(`/api/v1/statuses/${shown.id}`);
      setDialog(null);
      toast(t("statusCard.deleted"));
      onDelete?.(shown.id);
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(null);
    }
  }

  const canShare = shown.visibility === "public" || shown.visibility === "unlisted" || (mine && shown.visibility === "private");
  const canQuote = shown.visibility === "public" || shown.visibility === "unlisted";
  const warnings = focused || compact ? [] : warningTitles(status);
  if (warnings.length > 0 && !revealed) return <FilteredPost titles={warnings} statusId={shown.id} onShow={() => setRevealed(true)} />;
  // A blur filter covers the pictures and videos, or the text of a post without them.
  const blurs = focused || compact || unblurred ? [] : blurTitles(status);
  const hasMedia = !!shown.media_attachments && shown.media_attachments.length > 0;
  const blur = (part: "media" | "text", content: ComponentChildren) =>
    blurs.length > 0 && (part === "media") === hasMedia ? (
      <FilterBlur titles={blurs} onShow={() => setUnblurred(true)}>
        {content}
      </FilterBlur>
    ) : (
      content
    );

  return (
    <article
      class={`status ${compact ? "status-compact" : "card"} ${focused ? "status-focused" : ""}`}
      aria-labelledby={headingId}
      style={depth ? { marginLeft: `${Math.min(depth, 4) * 1.25}rem` } : undefined}
      data-status-id={shown.id}
    >
      {status.reblog && (
        <p class="status-context">
          <Icon name="repost" size={16} /> <a href={profileHref(status.account.id)}>{displayName(status.account)}</a> {t("statusCard.repostedBy")}
        </p>
      )}
      {shown.in_reply_to && !compact && !focused && !hideReplyContext && <ReplyContext context={shown.in_reply_to} />}
      <header class="status-head">
        <a href={profileHref(shown.account.id)} class="status-avatar" tabIndex={-1} aria-hidden="true">
          <Avatar account={shown.account} size={compact ? 32 : 44} />
        </a>
        <div class="status-who">
          <h3 id={headingId} class="status-name">
            <a href={profileHref(shown.account.id)}>
              <EmojiText text={displayName(shown.account)} emojis={shown.account.emojis} />
            </a>
          </h3>
          <p class="status-meta">
            <span class="handle">@{shown.account.acct}</span>
            <span aria-hidden="true"> · </span>
            <a href={postPath(shown)} class="status-time">
              <Time iso={shown.created_at} />
            </a>
            {shown.edited_at && <span class="edited"> · {t("statusCard.edited")}</span>}
            {shown.visibility !== "public" && (
              <span class="visibility" title={visibilityLabel(shown.visibility)}>
                {" "}
                · <Icon name="lock" size={14} label={visibilityLabel(shown.visibility)} />
              </span>
            )}
          </p>
        </div>
        {shown.community && (
          <a class="chip" href={`/communities/${shown.community.id}`}>
            <Icon name="community" size={14} /> {shown.community.name}
          </a>
        )}
      </header>
      {shown.atrium && (
        <div class="status-kind">
          <span class={`kind-badge kind-${shown.atrium.kind}`}>{shown.atrium.kind === "blog" ? t("statusCard.blogEntry") : t("statusCard.question")}</span>
          {shown.atrium.kind === "question" && shown.atrium.accepted_answer_id && <span class="kind-badge kind-answered">{t("statusCard.answered")}</span>}
          {!focused && (
            <p class="status-title">
              <a href={postPath(shown)}>{shown.atrium.title}</a>
            </p>
          )}
        </div>
      )}
      {blur(
        "text",
        shown.spoiler_text ? (
          <Spoiler status={shown} />
        ) : shown.atrium?.kind === "blog" && !focused ? (
          <BlogSummary status={shown} />
        ) : (
          <div class="status-content" dangerouslySetInnerHTML={{ __html: emojifyHtml(shown.content, shown.emojis) }} />
        ),
      )}
      {shown.atrium?.kind === "blog" && (focused || shown.spoiler_text) && <BlogTags status={shown} />}
      {hasMedia && blur("media", <MediaGallery media={shown.media_attachments!} />)}
      {shown.poll && (
        <PollView
          poll={shown.poll}
          onChange={(p) => {
            const updated = { ...shown, poll: p };
            onChange?.(status.reblog ? { ...status, reblog: updated } : updated);
          }}
        />
      )}
      {shown.card && !(shown.media_attachments && shown.media_attachments.length > 0) && <LinkCard card={shown.card} />}
      {shown.quote && (
        <div class="status-quote">
          {shown.quote.quoted_status && shown.quote.state === "accepted" ? (
            <StatusCard status={shown.quote.quoted_status} compact />
          ) : (
            <p class="muted">{t("statusCard.quoteUnavailable")}</p>
          )}
        </div>
      )}
      {!compact && (
        <div class="status-actions" role="group" aria-label={t("statusCard.actions")}>
          <a class="action" href={postPath(shown)} data-tip={t("statusCard.comment")}>
            <Icon name="comment" />
            <span class="sr-only">{t("statusCard.comment")}</span> <Count n={shown.replies_count} />
          </a>
          <button
            type="button"
            class={`action ${shown.reblogged ? "on repost" : ""}`}
            aria-pressed={!!shown.reblogged}
            disabled={!canShare || busy === "reblog"}
            onClick={() => toggle("reblog", !shown.reblogged)}
            data-tip={shown.reblogged ? t("statusCard.undoRepost") : t("statusCard.repost")}
          >
            <Icon name="repost" />
            <span class="sr-only">{t("statusCard.repost")}</span> <Count n={shown.reblogs_count} />
          </button>
          <button type="button" class="action" aria-label={t("statusCard.quote")} disabled={!canQuote} onClick={() => setDialog("quote")}>
            <Icon name="quote" />
          </button>
          <button
            type="button"
            class={`action ${shown.favourited ? "on like" : ""}`}
            aria-pressed={!!shown.favourited}
            disabled={busy === "favourite"}
            onClick={() => toggle("favourite", !shown.favourited)}
            data-tip={shown.favourited ? t("statusCard.unlike") : t("statusCard.like")}
          >
            <Icon name="heart" />
            <span class="sr-only">{t("statusCard.like")}</span> <Count n={shown.favourites_count} />
          </button>
          <button
            type="button"
            class={`action ${shown.bookmarked ? "on" : ""}`}
            aria-pressed={!!shown.bookmarked}
            aria-label={t("statusCard.bookmark")}
            disabled={busy === "bookmark"}
            onClick={() => toggle("bookmark", !shown.bookmarked)}
          >
            <Icon name="bookmark" />
          </button>
          <span class="spacer" />
          {shown.edited_at && (
            <button type="button" class="action" aria-label={t("statusCard.editHistory")} onClick={() => setDialog("history")}>
              <Icon name="history" />
            </button>
          )}
          {!mine && me.value && (
            <button type="button" class="action" aria-label={t("statusCard.report")} onClick={() => setDialog("report")}>
              <Icon name="flag" />
            </button>
          )}
          {mine && (
            <>
              <button type="button" class="action" aria-label={t("statusCard.edit")} onClick={() => setDialog("edit")}>
                <Icon name="edit" />
              </button>
              <button type="button" class="action danger" aria-label={t("common.delete")} onClick={() => setDialog("delete")}>
                <Icon name="trash" />
              </button>
            </>
          )}
        </div>
      )}
      {dialog === "quote" && (
        <Dialog title={t("statusCard.quoteTitle")} onClose={() => setDialog(null)} unsaved={dialogUnsaved} onDiscard={() => clearDraft(composerPlace({ quote: shown })!)}>
          <Composer
            quote={shown}
            autoFocus
            onUnsavedChange={setDialogUnsaved}
            onPosted={() => {
              setDialog(null);
              toast(t("statusCard.quotePosted"));
            }}
          />
        </Dialog>
      )}
      {dialog === "edit" && (
        <Dialog title={t("statusCard.editTitle")} onClose={() => setDialog(null)} unsaved={dialogUnsaved}>
          <Composer
            editing={shown}
            autoFocus
            onUnsavedChange={setDialogUnsaved}
            onPosted={(s) => {
              setDialog(null);
              onChange?.(status.reblog ? { ...status, reblog: s } : s);
              toast(t("statusCard.updated"));
            }}
          />
        </Dialog>
      )}
      {dialog === "history" && (
        <Dialog title={t("statusCard.editHistory")} onClose={() => setDialog(null)} wide>
          <History id={shown.id} />
        </Dialog>
      )}
      {dialog === "report" && <ReportDialog account={shown.account} status={shown} onClose={() => setDialog(null)} />}
      {dialog === "delete" && (
        <Dialog title={t("statusCard.deleteTitle")} onClose={() => setDialog(null)}>
          <p>
            {shown.in_reply_to_id
              ? shown.replies_count > 0
                ? t("statusCard.deleteCommentWithReplies")
                : t("statusCard.deleteComment")
              : shown.replies_count > 0
                ? t("statusCard.deletePostWithComments", { count: shown.replies_count })
                : t("statusCard.deletePost")}
          </p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
            <button type="button" class="btn btn-danger" disabled={busy === "delete"} onClick={remove}>
              {busy === "delete" ? t("statusCard.deleting") : t("common.delete")}
            </button>
          </div>
        </Dialog>
      )}
    </article>
  );
}

function Count({ n }: { n: number }) {
  return n ? <span>{formatNumber(n)}</span> : null;
}

function Spoiler({ status }: { status: Status }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="spoiler">
      <p>
        <strong>{status.spoiler_text}</strong>{" "}
        <button type="button" class="btn btn-small btn-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t("statusCard.showLess") : t("statusCard.showMore")}
        </button>
      </p>
      {open && <div class="status-content" dangerouslySetInnerHTML={{ __html: emojifyHtml(status.content, status.emojis) }} />}
    </div>
  );
}

function History({ id }: { id: string }) {
  const [edits, setEdits] = useState<StatusEdit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useState(() => {
    api<StatusEdit[]>(`/api/v1/statuses/${id}/history`).then(
      (e) => setEdits([...e].reverse()),
      (e) => setError(errorMessage(e)),
    );
  });
  if (error) return <p role="alert">{error}</p>;
  if (!edits) return <Spinner />;
  return (
    <ol class="history">
      {edits.map((e, i) => (
        <li key={i}>
          <p class="muted">
            {i === 0 ? t("statusCard.currentVersion") : i === edits.length - 1 ? t("statusCard.original") : t("statusCard.editedVersion")} · <Time iso={e.created_at} />
          </p>
          {e.spoiler_text && <p><strong>{e.spoiler_text}</strong></p>}
          <div class="status-content" dangerouslySetInnerHTML={{ __html: e.content }} />
        </li>
      ))}
    </ol>
  );
}
