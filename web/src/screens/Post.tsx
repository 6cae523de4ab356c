// A post with its thread: what it answers above, the comments below as a tree.

import { useState } from "preact/hooks";
import { Composer } from "../components/Composer";
import { PageHeader } from "../components/PageHeader";
import { StatusCard } from "../components/StatusCard";
import { ErrorBox, Spinner, useAsync, useTitle } from "../components/ui";
import { ApiError, api } from "../lib/api";
import { rememberStatuses } from "../lib/knownTags";
import { navigate } from "../lib/router";
import { threadOrder } from "../lib/thread";
import type { Status } from "../lib/types";
import { NotFound } from "./NotFound";

interface Thread {
  status: Status;
  ancestors: Status[];
  descendants: Status[];
}

export function PostScreen({ id }: { id: string }) {
  useTitle("Post");
  const [replyTo, setReplyTo] = useState<Status | null>(null);
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

  if (thread.loading && !thread.data) return <Spinner label="Loading the post…" />;
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
  const comments = threadOrder(status.id, descendants);
  const target = replyTo ?? status;

  return (
    <div class="page">
      <PageHeader title="Post" subtitle={status.community ? `In ${status.community.name}` : undefined} />
      {ancestors.length > 0 && (
        <div class="ancestors" aria-label="Earlier in the thread">
          {ancestors.map((a) => (
            <StatusCard key={a.id} status={a} onChange={replace} onDelete={removed} />
          ))}
        </div>
      )}
      <StatusCard status={status} focused onChange={replace} onDelete={removed} />
      <section class="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading" class="section-title">
          {comments.length === 0 ? "Comments" : comments.length === 1 ? "1 comment" : `${comments.length} comments`}
        </h2>
        <div class="card composer-card">
          {replyTo && (
            <p class="replying">
              Replying to {replyTo.account.display_name || replyTo.account.username}{" "}
              <button type="button" class="btn btn-small btn-secondary" onClick={() => setReplyTo(null)}>
                Reply to the post instead
              </button>
            </p>
          )}
          <Composer
            key={target.id}
            replyTo={target}
            autoFocus={!!replyTo}
            onPosted={() => {
              setReplyTo(null);
              thread.reload();
            }}
          />
        </div>
        {comments.length === 0 && <p class="muted empty-inline">No comments yet. Start the conversation.</p>}
        <div class="thread">
          {comments.map(({ status: c, depth }) => (
            <div key={c.id} class="comment">
              <StatusCard status={c} depth={depth} onChange={replace} onDelete={removed} />
              <button
                type="button"
                class="btn btn-small btn-ghost reply-btn"
                style={{ marginLeft: `${Math.min(depth, 4) * 1.25 + 0.5}rem` }}
                onClick={() => setReplyTo(c)}
              >
                Reply to {c.account.display_name || c.account.username}
              </button>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
