// Announcements for administrators: publish now or at a later time, edit,
// withdraw (/api/v1/atrium/admin/announcements; every change is audited).

import { useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { Announcement } from "../lib/types";
import { toast } from "../state";
import { formatDateTime } from "../i18n/format";
import { t } from "../i18n";

const PATH = "/api/v1/atrium/admin/announcements";

/** "2030-01-02T09:30" (a datetime-local value, local time) as ISO 8601, or undefined. */
function isoOf(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** An ISO time as a datetime-local value in local time. */
function localOf(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Draft {
  text: string;
  scheduled: string;
  starts: string;
  ends: string;
  allDay: boolean;
}

const empty: Draft = { text: "", scheduled: "", starts: "", ends: "", allDay: false };

export function AdminAnnouncementsScreen() {
  useTitle(t("adminAnnouncements.title"));
  const r = useAsync((signal) => api<Announcement[]>(PATH, { signal }), []);
  const [draft, setDraft] = useState<Draft>(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { text: draft.text, scheduled_at: isoOf(draft.scheduled), starts_at: isoOf(draft.starts), ends_at: isoOf(draft.ends), all_day: draft.allDay };
    try {
      await api<Announcement>(editing ? `${PATH}/${editing}` : PATH, { method: editing ? "PUT" : "POST", body });
      toast(editing ? t("adminAnnouncements.saved") : draft.scheduled ? t("adminAnnouncements.scheduled") : t("adminAnnouncements.published"));
      setDraft(empty);
      setEditing(null);
      r.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function withdraw(a: Announcement) {
    if (!confirm(t("adminAnnouncements.withdrawConfirm"))) return;
    try {
      await api(`${PATH}/${a.id}`, { method: "DELETE" });
      toast(t("adminAnnouncements.withdrawn"));
      r.reload();
    } catch (err) {
      toast(errorMessage(err));
    }
  }
  function edit(a: Announcement) {
    setEditing(a.id);
    setDraft({ text: a.text ?? "", scheduled: a.scheduled ? localOf(a.published_at) : "", starts: localOf(a.starts_at), ends: localOf(a.ends_at), allDay: a.all_day });
  }
  const set = (k: keyof Draft) => (e: Event) => {
    const input = e.target as HTMLInputElement;
    setDraft({ ...draft, [k]: input.type === "checkbox" ? input.checked : input.value });
  };

  return (
    <div class="page">
      <PageHeader title={t("adminAnnouncements.title")} subtitle={t("adminAnnouncements.subtitle")} />
      <form class="card form" onSubmit={save} aria-labelledby="announce-h">
        <h2 id="announce-h">{editing ? t("adminAnnouncements.editHeading") : t("adminAnnouncements.newHeading")}</h2>
        <label class="field">
          <span>{t("adminAnnouncements.text")}</span>
          <textarea required rows={4} maxLength={10000} value={draft.text} onInput={set("text")} />
        </label>
        <label class="field">
          <span>{t("adminAnnouncements.publishAt")}</span>
          <input type="datetime-local" value={draft.scheduled} onInput={set("scheduled")} />
        </label>
        <label class="field">
          <span>{t("adminAnnouncements.starts")}</span>
          <input type="datetime-local" value={draft.starts} onInput={set("starts")} />
        </label>
        <label class="field">
          <span>{t("adminAnnouncements.ends")}</span>
          <input type="datetime-local" value={draft.ends} onInput={set("ends")} />
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.allDay} onChange={set("allDay")} /> {t("adminAnnouncements.allDay")}
        </label>
        <FormFooter error={error} busy={busy} submit={editing ? t("common.save") : draft.scheduled ? t("adminAnnouncements.schedule") : t("adminAnnouncements.publish")} busyLabel={t("adminAnnouncements.saving")} onCancel={editing ? () => (setEditing(null), setDraft(empty)) : undefined} />
      </form>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {r.data && r.data.length === 0 && <Empty icon="bell" title={t("adminAnnouncements.empty")} hint={t("adminAnnouncements.emptyHint")} />}
      {r.data && r.data.length > 0 && (
        <ul class="admin-announcements">
          {r.data.map((a) => (
            <li key={a.id} class="card">
              <div class="announcement-content" dangerouslySetInnerHTML={{ __html: a.content }} />
              <p class="muted">
                {a.scheduled ? t("adminAnnouncements.scheduledFor", { date: formatDateTime(a.published_at) }) : t("adminAnnouncements.publishedAt", { date: formatDateTime(a.published_at) })}
                {a.ends_at ? ` · ${t("adminAnnouncements.shownUntil", { date: formatDateTime(a.ends_at) })}` : ""} · {t("adminAnnouncements.reactions", { count: a.reactions.reduce((n, x) => n + x.count, 0) })}
              </p>
              <div class="row-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={() => edit(a)}>
                  {t("adminAnnouncements.edit")}
                </button>
                <button type="button" class="btn btn-secondary btn-small" onClick={() => withdraw(a)}>
                  {t("adminAnnouncements.withdraw")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
