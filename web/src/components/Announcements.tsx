// The organization's announcements that the reader has not dismissed, shown
// above the home stream (GET /api/v1/announcements; dismissing marks one
// read for the reader on every device).

import { useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Announcement } from "../lib/types";
import { toast } from "../state";
import { useAsync } from "./ui";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

function when(a: Announcement): string | null {
  if (!a.starts_at) return null;
  const opts: Intl.DateTimeFormatOptions = a.all_day ? { dateStyle: "medium", timeZone: "UTC" } : { dateStyle: "medium", timeStyle: "short" };
  const start = formatDateTime(a.starts_at, opts);
  if (!a.ends_at) return start;
  return t("announcements.range", { start, end: formatDateTime(a.ends_at, opts) });
}

export function Announcements() {
  const r = useAsync((signal) => api<Announcement[]>("/api/v1/announcements", { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  const shown = (r.data ?? []).filter((a) => !a.read);
  if (shown.length === 0) return null;
  async function dismiss(a: Announcement) {
    setBusy(a.id);
    try {
      await api(`/api/v1/announcements/${a.id}/dismiss`, { method: "POST", body: {} });
      r.set((r.data ?? []).map((x) => (x.id === a.id ? { ...x, read: true } : x)));
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section class="announcements" aria-label={t("announcements.title")}>
      {shown.map((a) => {
        const time = when(a);
        return (
          <article key={a.id} class="card announcement" aria-label={t("announcements.one")}>
            {/* The server renders and sanitizes the Markdown. */}
            <div class="announcement-content" dangerouslySetInnerHTML={{ __html: a.content }} />
            {time && <p class="muted announcement-time">{time}</p>}
            <button type="button" class="btn btn-secondary btn-small" disabled={busy === a.id} onClick={() => dismiss(a)}>
              {t("announcements.dismiss")}
            </button>
          </article>
        );
      })}
    </section>
  );
}
