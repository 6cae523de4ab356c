// A post with its thread: what it answers above, the comments below as a
// tree. Blog entries and questions open here too, at their permalinks: a
// question's answers come with the accepted one first and, for those who
// may decide, "Accept answer".

import { useEffect, useState } from "preact/hooks";
import { Composer } from "../components/Composer";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { ReplyContext, contextOf } from "../components/ReplyContext";
import { StatusCard } from "../components/StatusCard";
import { ErrorBox, Spinner, useAsync, useTitle } from "../components/ui";
import { WriteForm } from "../components/WriteForm";
import { ApiError, api, errorMessage, post as apiPost } from "../lib/api";
import { answersInOrder, idOfSlug, mayAccept } from "../lib/kinds";
import { rememberStatuses } from "../lib/knownTags";
import { navigate } from "../lib/router";
import { threadOrder } from "../lib/thread";
import type { Community, Status } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";
import { t } from "../i18n";

interface Thread {
  status: Status;
  ancestors: Status[];
  descendants: Status[];
}

/** A blog entry at its permalink, /@acct/blog/<id>-<slug>. */
export function BlogScreen({ acct, slug }: { acct: string; slug: string }) {
  const found = useAsync(
    (signal) => api<Status>("/api/v1/atrium/blogs/lookup", { query: { acct, slug }, signal }),
    [acct, slug],
  );
  if (found.loading && !found.data) return <Spinner label={t("post.loadingBlog")} />;
  if (found.error instanceof ApiError && found.error.status === 404) return <NotFound what="blog entry" />;
  if (found.error || !found.data) return <ErrorBox error={found.error} onRetry={found.reload} />;
  return <PostScreen id={found.data.id} />;
}

/** A question at its permalink, /@acct/questions/<id>-<slug>. */
export function QuestionScreen({ slug }: { slug: string }) {
  const id = idOfSlug(slug);
  if (!id) return <NotFound what="question" />;
  return <PostScreen id={id} />;
}

/** The reader's role in a community (for deciding a question's answer), if any. */
function useCommunityRole(communityId: string | undefined) {
  const [role, setRole] = useState<string | null>(null);
  useEffect(() => {
    setRole(null);
    if (!communityId) return;
    api<Community>(`/api/v1/atrium/communities/${communityId}`).then(
      (c) => setRole(c.role),
      () => setRole(null),
    );
  }, [communityId]);
  return role;
}

export function PostScreen({ id }: { id: string }) {
  const [replyTo, setReplyTo] = useState<Status | null>(null);
  const [editing, setEditing] = useState(false);
  const thread = useAsync<Thread>(
    async (signal) => {
      const [status, ctx] = await Promise.all([
        api<Status>(`/api/v1/statuses/${id}`, { signal }),
        api<{ ancestors: Status[]; descendants: Status[] }>(`/api/v1/statuses/${id}/context`, { signal }),
      ]);
      rememberStatuses([status, ...ctx.ancestors, ...ctx.descendants]);
      return { status, ...ctx };
    },
    [id],
  );
  const kindRef = thread.data?.status.atrium;
  useTitle(kindRef?.title ?? t("post.title"));
  const communityRole = useCommunityRole(kindRef?.kind === "question" ? thread.data?.status.community?.id : undefined);

  if (thread.loading && !thread.data) return <Spinner label={t("post.loading")} />;
  if (thread.error instanceof ApiError && thread.error.status === 404) return <NotFound what="post" />;
  if (thread.error || !thread.data) return <ErrorBox error={thread.error} onRetry={thread.reload} />;
  const { status, ancestors, descendants } = thread.data;
  const replace = (s: Status) =>
    thread.set({
      status: status.id === s.id ? s : status,
      ancestors: ancestors.map((x) => (x.id === s.id ? s : x)),
      descendants: descendants.map((x) => (x.id === s.id ? s : x)),
    });
  const removed = (gone: string) => {
    if (gone === status.id) navigate("/", true);
    else thread.reload();
  };
  const question = status.atrium?.kind === "question";
  const accepted = status.atrium?.accepted_answer_id ?? null;
  const comments = question ? answersInOrder(status.id, accepted, descendants) : threadOrder(status.id, descendants);
  const target = replyTo ?? status;
  const deciding = question && mayAccept(status, me.value?.id, isAdmin(me.value), communityRole);
  const kindName = question ? t("post.kindQuestion") : t("post.kindBlog");
  const where = status.community ? t("post.inCommunity", { community: status.community.name }) : undefined;
  const heading = status.atrium ? status.atrium.title : t("post.title");
  const subtitle = status.atrium ? (where ? `${kindName} · ${where}` : kindName) : where;

  async function decide(answerId: string | null) {
    try {
      const q = answerId
        ? await apiPost<Status>(`/api/v1/atrium/questions/${status.id}/accept`, { status_id: answerId })
        : await apiPost<Status>(`/api/v1/atrium/questions/${status.id}/unaccept`);
      replace(q);
      toast(answerId ? t("post.answerAccepted") : t("post.acceptedCleared"));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  return (
    <div class="page">
      <PageHeader title={heading} subtitle={subtitle}>
        {status.atrium && status.account.id === me.value?.id && (
          <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
            <Icon name="edit" size={16} /> {t("post.edit")}
          </button>
        )}
      </PageHeader>
      {editing && status.atrium && (
        <WriteForm
          kind={status.atrium.kind}
          editing={status}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            thread.reload();
          }}
        />
      )}
      {ancestors.length > 0 && (
        <div class="ancestors" aria-label={t("post.earlier")}>
          {ancestors.map((a) => (
            <StatusCard key={a.id} status={a} onChange={replace} onDelete={removed} hideReplyContext />
          ))}
        </div>
      )}
      <StatusCard status={status} focused onChange={replace} onDelete={removed} />
      <section class="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading" class="section-title">
          {question ? t("post.answersCount", { count: comments.length }) : t("post.commentsCount", { count: comments.length })}
        </h2>
        <div class="card composer-card">
          <div class="replying">
            <ReplyContext context={contextOf(target)} />
            {replyTo && (
              <button type="button" class="btn btn-small btn-secondary" onClick={() => setReplyTo(null)}>
                {t("post.replyToPostInstead")}
              </button>
            )}
          </div>
          <Composer
            key={target.id}
            replyTo={target}
            placeholder={question && target.id === status.id ? t("post.writeAnswer") : undefined}
            autoFocus={!!replyTo}
            onPosted={() => {
              setReplyTo(null);
              thread.reload();
            }}
          />
        </div>
        {comments.length === 0 && (
          <p class="muted empty-inline">{question ? t("post.noAnswers") : t("post.noComments")}</p>
        )}
        <div class="thread">
          {comments.map(({ status: c, depth }) => (
            <div key={c.id} class={`comment ${c.id === accepted ? "accepted-answer" : ""}`}>
              {c.id === accepted && (
                <p class="accepted-label">
                  <Icon name="check" size={16} /> {t("post.acceptedAnswer")}
                </p>
              )}
              <StatusCard status={c} depth={depth} onChange={replace} onDelete={removed} hideReplyContext />
              {deciding && depth === 0 && c.in_reply_to_id === status.id && (
                <button
                  type="button"
                  class="btn btn-small btn-secondary reply-btn"
                  onClick={() => decide(c.id === accepted ? null : c.id)}
                >
                  {c.id === accepted ? t("post.clearAccepted") : t("post.acceptAnswer")}
                </button>
              )}
              <button
                type="button"
                class="btn btn-small btn-ghost reply-btn"
                style={{ marginInlineStart: `${Math.min(depth, 4) * 1.25 + 0.5}rem` }}
                onClick={() => setReplyTo(c)}
              >
                {t("post.replyTo", { name: c.account.display_name || c.account.username })}
              </button>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
