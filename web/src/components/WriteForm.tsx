// Writing or editing a blog entry or a question: a title, a Markdown body
// and tags, in a dialog.

import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { PostKind, Status } from "../lib/types";
import { Dialog, FormFooter } from "./ui";

interface Props {
  kind: PostKind;
  /** Post it in this community. */
  communityId?: string;
  /** Edit this post instead of writing a new one. */
  editing?: Status;
  onClose: () => void;
  onDone: (s: Status) => void;
}

const words = {
  blog: { title: "Write a blog entry", edit: "Edit the blog entry", body: "Body (Markdown)", submit: "Publish", hint: "Headings, lists, code and links in Markdown; images from elsewhere show as links. #tags in the text tag the entry." },
  question: { title: "Ask a question", edit: "Edit the question", body: "Details (optional, Markdown)", submit: "Ask", hint: "Colleagues answer with replies; you can accept the answer that helped." },
};

export const TITLE_MAX = 200;

export function WriteForm({ kind, communityId, editing, onClose, onDone }: Props) {
  const w = words[kind];
  const [title, setTitle] = useState(editing?.atrium?.title ?? "");
  const [body, setBody] = useState("");
  const [tags, setTags] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!editing) return;
    api<{ text: string }>(`/api/v1/statuses/${editing.id}/source`).then(
      (src) => setBody(src.text),
      (e) => setError(errorMessage(e)),
    );
  }, [editing?.id]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const base = kind === "blog" ? "/api/v1/atrium/blogs" : "/api/v1/atrium/questions";
    const tagList = tags.split(/[\s,]+/).map((t) => t.replace(/^#/, "")).filter(Boolean);
    try {
      const s = editing
        ? await api<Status>(`${base}/${editing.id}`, { method: "PUT", body: { title, body, ...(tagList.length ? { tags: tagList } : {}) } })
        : await api<Status>(base, { method: "POST", body: { title, body, tags: tagList, community_id: communityId } });
      onDone(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={editing ? w.edit : w.title} onClose={onClose} wide>
      <form class="form" onSubmit={submit}>
        <label class="field">
          <span>Title</span>
          <input required maxLength={TITLE_MAX} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} autoFocus />
        </label>
        <div class="field">
          <label for={`write-${kind}-body`}>
            <span>{w.body}</span>
          </label>
          <textarea
            id={`write-${kind}-body`}
            rows={kind === "blog" ? 12 : 5}
            required={kind === "blog"}
            value={body}
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
            aria-describedby={`write-${kind}-hint`}
          />
          <small id={`write-${kind}-hint`} class="muted">
            {w.hint}
          </small>
        </div>
        {!editing && (
          <label class="field">
            <span>Tags</span>
            <input value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} placeholder="planning, design" />
          </label>
        )}
        <FormFooter error={error} busy={busy} submit={editing ? "Save" : w.submit} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
