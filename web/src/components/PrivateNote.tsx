// Your private note on a person (Mastodon's account note): shown on their
// profile to you alone, edited in place, saved with POST
// /api/v1/accounts/:id/note; the server's answer replaces what is shown.

import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Relationship } from "../lib/types";
import { t } from "../i18n";

/** The longest note the server keeps (characters). */
export const NOTE_MAX = 2000;

export function PrivateNote({ accountId, name }: { accountId: string; name: string }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  useEffect(() => {
    const ctrl = new AbortController();
    setSaved(null);
    api<Relationship[]>("/api/v1/accounts/relationships", { query: { id: [accountId] }, signal: ctrl.signal }).then(
      (rels) => {
        const note = rels[0]?.note ?? "";
        setSaved(note);
        setText(note);
      },
      (e) => !ctrl.signal.aborted && setError(errorMessage(e)),
    );
    return () => ctrl.abort();
  }, [accountId]);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const rel = await api<Relationship>(`/api/v1/accounts/${accountId}/note`, { method: "POST", body: { comment: text.trim() } });
      setSaved(rel.note ?? "");
      setText(rel.note ?? "");
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (saved === null) return error ? <p class="muted">{error}</p> : null;
  const tooLong = [...text].length > NOTE_MAX;
  return (
    <section class="card side-card private-note" aria-labelledby="private-note-h">
      <h2 id="private-note-h">{t("privateNote.title")}</h2>
      <p class="muted private-note-hint">{t("privateNote.onlyYou")}</p>
      {editing ? (
        <form onSubmit={save}>
          <label class="field">
            <span class="sr-only">{t("privateNote.label", { name })}</span>
            <textarea rows={4} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} aria-invalid={tooLong} />
          </label>
          {tooLong && <p class="form-error">{t("privateNote.tooLong", { max: NOTE_MAX })}</p>}
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <div class="btn-row">
            <button type="submit" class="btn btn-primary" disabled={busy || tooLong}>
              {t("privateNote.save")}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                setText(saved);
                setEditing(false);
                setError("");
              }}
            >
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          {saved ? <p class="private-note-text">{saved}</p> : <p class="muted">{t("privateNote.none", { name })}</p>}
          <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
            {saved ? t("privateNote.edit") : t("privateNote.add")}
          </button>
        </>
      )}
    </section>
  );
}
