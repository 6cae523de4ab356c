// Writing or editing a blog entry or a question: a title, a Markdown body
// and tags, in a dialog. What is written is kept as a draft on this device
// until it is published, and closing the dialog with unpublished text asks
// first. A blog entry may also be saved as a draft on the server
// (/api/v1/atrium/drafts), to be continued on another device: the dialog
// offers the drafts kept there.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import { clearDraft, loadDraft, saveDraft, useUnsavedText } from "../lib/drafts";
import type { BlogDraft, PostKind, Status } from "../lib/types";
import { toast } from "../state";
import { Dialog, FormFooter, tParts } from "./ui";
import { t } from "../i18n";
import { formatDateTime, relativeTime } from "../i18n/format";

interface Props {
  kind: PostKind;
  /** Post it in this community. */
  communityId?: string;
  /** The community's name, to say where it goes. */
  communityName?: string;
  /** Edit this post instead of writing a new one. */
  editing?: Status;
  onClose: () => void;
  onDone: (s: Status) => void;
}

// The form's words for a kind: writeForm.<kind>.{title, edit, body, submit, hint}.
const words = (kind: PostKind) => ({
  title: t(`writeForm.${kind}.title`),
  edit: t(`writeForm.${kind}.edit`),
  body: t(`writeForm.${kind}.body`),
  submit: t(`writeForm.${kind}.submit`),
  hint: t(`writeForm.${kind}.hint`),
});

export const TITLE_MAX = 200;
const DRAFTS = "/api/v1/atrium/drafts";

/** What is kept on this device of an unpublished entry or question. */
export interface WriteDraft {
  title: string;
  body: string;
  tags: string;
  /** The server draft it continues, if any. */
  serverId?: string;
  communityId?: string;
}

/** The draft place of the writing form: the kind and where it is posted. */
export function writePlace(kind: PostKind, communityId?: string): string {
  return `${kind}:${communityId || "own"}`;
}

function splitTags(tags: string): string[] {
  return tags
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#/, ""))
    .filter(Boolean);
}

export function WriteForm({ kind, communityId, communityName, editing, onClose, onDone }: Props) {
  const w = words(kind);
  const place = editing ? null : writePlace(kind, communityId);
  const [saved] = useState(() => (place ? loadDraft<WriteDraft>(place) : null));
  const [title, setTitle] = useState(editing?.atrium?.title ?? saved?.title ?? "");
  const [body, setBody] = useState(saved?.body ?? "");
  const [tags, setTags] = useState(saved?.tags ?? "");
  const [serverId, setServerId] = useState<string | undefined>(saved?.serverId);
  const [target, setTarget] = useState<string | undefined>(saved?.communityId ?? communityId);
  // What the fields held when last loaded or saved: unchanged text is not "unsaved".
  const [baseline, setBaseline] = useState(() => (editing ? { title: editing.atrium?.title ?? "", body: "", tags: "" } : { title: "", body: "", tags: "" }));
  const [serverDrafts, setServerDrafts] = useState<BlogDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [savingDraft, setSavingDraft] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<(() => void) | null>(null);
  const owner = useRef({});
  const changed = title !== baseline.title || body !== baseline.body || tags !== baseline.tags;
  const unsaved = changed && (title.trim() !== "" || body.trim() !== "" || tags.trim() !== "" || !!editing);
  useUnsavedText(owner.current, unsaved);

  useEffect(() => {
    if (!editing) return;
    api<{ text: string }>(`/api/v1/statuses/${editing.id}/source`).then(
      (src) => {
        setBody(src.text);
        setBaseline((b) => ({ ...b, body: src.text }));
      },
      (e) => setError(errorMessage(e)),
    );
  }, [editing?.id]);

  useEffect(() => {
    if (editing || kind !== "blog") return;
    api<BlogDraft[]>(DRAFTS).then(setServerDrafts, () => setServerDrafts([]));
  }, [editing?.id, kind]);

  useEffect(() => {
    if (!place) return;
    if (title.trim() || body.trim() || tags.trim()) saveDraft<WriteDraft>(place, { title, body, tags, serverId, communityId: target });
    else clearDraft(place);
  }, [place, title, body, tags, serverId, target]);

  function continueDraft(d: BlogDraft) {
    const joined = d.tags.join(", ");
    setTitle(d.title);
    setBody(d.body);
    setTags(joined);
    setServerId(d.id);
    setTarget(d.community_id ?? undefined);
    setBaseline({ title: d.title, body: d.body, tags: joined });
    setError(null);
  }

  async function saveToServer() {
    setSavingDraft(true);
    setError(null);
    const draft = { title, body, tags: splitTags(tags), ...(target ? { community_id: target } : {}) };
    try {
      const d = serverId
        ? await api<BlogDraft>(`${DRAFTS}/${serverId}`, { method: "PUT", body: draft })
        : await api<BlogDraft>(DRAFTS, { method: "POST", body: draft });
      setServerId(d.id);
      setBaseline({ title, body, tags });
      setServerDrafts((list) => [d, ...list.filter((x) => x.id !== d.id)]);
      toast(t("writeForm.draftSaved"));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSavingDraft(false);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const base = kind === "blog" ? "/api/v1/atrium/blogs" : "/api/v1/atrium/questions";
    const tagList = splitTags(tags);
    try {
      const s = editing
        ? await api<Status>(`${base}/${editing.id}`, { method: "PUT", body: { title, body, ...(tagList.length ? { tags: tagList } : {}) } })
        : await api<Status>(base, { method: "POST", body: { title, body, tags: tagList, community_id: target } });
      if (place) clearDraft(place);
      if (serverId) api(`${DRAFTS}/${serverId}`, { method: "DELETE" }).catch(() => {});
      setBaseline({ title, body, tags });
      onDone(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const others = serverDrafts.filter((d) => d.id !== serverId).slice(0, 5);

  return (
    <Dialog
      title={editing ? w.edit : w.title}
      onClose={onClose}
      wide
      unsaved={unsaved}
      closeRef={closeRef}
      onDiscard={() => {
        if (place) clearDraft(place);
      }}
    >
      <form class="form" onSubmit={submit}>
        {others.length > 0 && (
          <section class="server-drafts" aria-label={t("writeForm.savedDrafts")}>
            <p class="muted">{t("writeForm.continueIntro")}</p>
            <ul>
              {others.map((d) => (
                <li key={d.id}>
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => continueDraft(d)}>
                    {t("writeForm.continue", { title: d.title || d.body.slice(0, 40) || t("writeForm.untitled") })}
                  </button>{" "}
                  <time class="muted" dateTime={d.updated_at} title={formatDateTime(d.updated_at)}>
                    {t("writeForm.savedAt", { when: relativeTime(d.updated_at) })}
                  </time>
                </li>
              ))}
            </ul>
          </section>
        )}
        {!editing && target && (
          <p class="muted write-where">
            {target === communityId && communityName ? tParts("writeForm.inCommunity", { name: <strong>{communityName}</strong> }) : t("writeForm.inDraftCommunity")}
          </p>
        )}
        <label class="field">
          <span>{t("writeForm.titleLabel")}</span>
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
            <span>{t("writeForm.tags")}</span>
            <input value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} placeholder={t("writeForm.tagsPlaceholder")} />
          </label>
        )}
        {!editing && kind === "blog" && (
          <div class="row-start">
            <button type="button" class="btn btn-secondary btn-small" disabled={savingDraft || (!title.trim() && !body.trim())} onClick={saveToServer}>
              {savingDraft ? t("writeForm.saving") : serverId ? t("writeForm.updateDraft") : t("writeForm.saveDraft")}
            </button>
            <span class="muted"> {t("writeForm.draftsHint")}</span>
          </div>
        )}
        <FormFooter error={error} busy={busy} submit={editing ? t("common.save") : w.submit} busyLabel={t("writeForm.saving")} onCancel={() => closeRef.current?.()} />
      </form>
    </Dialog>
  );
}
