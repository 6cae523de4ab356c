// The member's scheduled posts: each with its time, which can be changed,
// and a button to cancel it. Shown under the composer while any wait.

import { useEffect, useState } from "preact/hooks";
import { api, del, errorMessage, put } from "../lib/api";
import { fromLocalInput, scheduleProblem, toLocalInput } from "../lib/schedule";
import type { ScheduledStatus } from "../lib/types";
import { t } from "../i18n";

interface Props {
  /** Changes whenever a post was scheduled, to read the list again. */
  version: number;
}

export function ScheduledPosts({ version }: Props) {
  const [list, setList] = useState<ScheduledStatus[]>([]);
  const [error, setError] = useState<string | null>(null);

  function load() {
    api<ScheduledStatus[]>("/api/v1/scheduled_statuses?limit=40").then(setList, (e) => setError(errorMessage(e)));
  }
  useEffect(load, [version]);

  if (list.length === 0 && !error) return null;
  return (
    <section class="scheduled-posts" aria-label={t("scheduledPosts.title")}>
      <h2 class="scheduled-title">{t("scheduledPosts.title")}</h2>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {list.map((s) => (
          <ScheduledItem
            key={s.id}
            item={s}
            onChanged={(changed) => setList((l) => l.map((x) => (x.id === changed.id ? changed : x)))}
            onCancelled={() => setList((l) => l.filter((x) => x.id !== s.id))}
          />
        ))}
      </ul>
    </section>
  );
}

function ScheduledItem({ item, onChanged, onCancelled }: { item: ScheduledStatus; onChanged: (s: ScheduledStatus) => void; onCancelled: () => void }) {
  const [when, setWhen] = useState(toLocalInput(new Date(item.scheduled_at).getTime()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = when !== toLocalInput(new Date(item.scheduled_at).getTime());

  async function save() {
    const iso = fromLocalInput(when);
    const problem = scheduleProblem(iso, Date.now());
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onChanged(await put<ScheduledStatus>(`/api/v1/scheduled_statuses/${item.id}`, { scheduled_at: iso }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await del(`/api/v1/scheduled_statuses/${item.id}`);
      onCancelled();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <li class="scheduled-item">
      <p class="scheduled-text">{item.params.text}</p>
      {item.media_attachments.length > 0 && <p class="muted">{t("scheduledPosts.pictures", { count: item.media_attachments.length })}</p>}
      <div class="scheduled-bar">
        <label>
          <span class="sr-only">{t("scheduledPosts.publishAt")}</span>
          <input type="datetime-local" value={when} aria-label={t("scheduledPosts.publishAt")} onInput={(e) => setWhen((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" class="btn btn-small" disabled={busy || !changed} onClick={save}>
          {t("scheduledPosts.changeTime")}
        </button>
        <button type="button" class="btn btn-small" disabled={busy} onClick={cancel} aria-label={t("scheduledPosts.cancelLabel")}>
          {t("scheduledPosts.cancel")}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
