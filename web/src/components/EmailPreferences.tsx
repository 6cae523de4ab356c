// The reader's e-mail preferences (GET/PATCH /api/v1/atrium/preferences/email):
// per kind of notification immediate, digest only or never, how often the
// digest comes and in which time zone, and quiet hours. Each change is saved
// at once. "Preview the digest" shows what it would hold now
// (GET /api/v1/atrium/email/digest).

import { useState } from "preact/hooks";
import { ErrorBox, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import type { Status } from "../lib/types";
import { toast } from "../state";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

type EmailPrefs = Record<string, string | null>;

const browserZone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
})();

const plain = (html: string) => new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";

// Each choice with its words, read when shown (in the current language).
const KINDS: [string, () => string][] = [
  ["mention", () => t("emailPreferences.kind.mention")],
  ["direct", () => t("emailPreferences.kind.direct")],
  ["follow_request", () => t("emailPreferences.kind.followRequest")],
  ["reply", () => t("emailPreferences.kind.reply")],
  ["answer", () => t("emailPreferences.kind.answer")],
];
const MODES: [string, () => string][] = [
  ["immediate", () => t("emailPreferences.mode.immediate")],
  ["digest", () => t("emailPreferences.mode.digest")],
  ["never", () => t("emailPreferences.mode.never")],
];
const DIGEST: [string, () => string][] = [
  ["daily", () => t("emailPreferences.digestEvery.daily")],
  ["weekly", () => t("emailPreferences.digestEvery.weekly")],
  ["off", () => t("emailPreferences.digestEvery.off")],
];

export function EmailPreferences() {
  const r = useAsync((signal) => api<EmailPrefs>("/api/v1/atrium/preferences/email", { signal }), []);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Status[] | null>(null);
  const [previewing, setPreviewing] = useState(false);
  async function showPreview() {
    setPreviewing(true);
    try {
      setPreview(await api<Status[]>("/api/v1/atrium/email/digest"));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setPreviewing(false);
    }
  }
  async function change(kind: string, mode: string) {
    // Shown at once (a controlled checkbox or select would otherwise spring
    // back until the server answers); the server's answer replaces it, and a
    // refusal brings back what is saved.
    const before = r.data;
    if (before) r.set({ ...before, [kind]: mode });
    setBusy(true);
    try {
      r.set(await api<EmailPrefs>("/api/v1/atrium/preferences/email", { method: "PATCH", body: { [kind]: mode } }));
      toast(t("emailPreferences.saved"));
    } catch (e) {
      if (before) r.set(before);
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  const select = (kind: string, label: string, options: [string, () => string][]) => (
    <label class="field" key={kind}>
      <span>{label}</span>
      <select name={kind} value={r.data?.[kind] ?? ""} disabled={busy} onChange={(e) => change(kind, (e.target as HTMLSelectElement).value)}>
        {options.map(([value, text]) => (
          <option value={value} key={value}>
            {text()}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="card form settings-form" aria-labelledby="email-h">
      <h2 id="email-h">{t("emailPreferences.title")}</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : (
        <>
          <p class="muted">{t("emailPreferences.intro")}</p>
          {KINDS.map(([kind, label]) => select(kind, label(), MODES))}
          {select("digest", t("emailPreferences.digest"), DIGEST)}
          {r.data?.next_digest_at && (
            <p class="muted" data-testid="next-digest">
              {t("emailPreferences.nextDigest", { when: formatDateTime(r.data.next_digest_at) })}
            </p>
          )}
          {select(
            "time_zone",
            t("emailPreferences.timeZone"),
            [...new Set([r.data?.time_zone ?? "UTC", browserZone, "UTC"])].map((z) => [z, () => z] as [string, () => string]),
          )}
          <QuietHours value={r.data?.quiet_hours ?? ""} disabled={busy} onChange={(v) => change("quiet_hours", v)} />
          <div class="digest-preview">
            <button type="button" class="btn" disabled={previewing} onClick={showPreview}>
              {t("emailPreferences.preview")}
            </button>
            {preview &&
              (preview.length === 0 ? (
                <p class="muted" data-testid="digest-preview">{t("emailPreferences.previewEmpty", { digestOnly: t("emailPreferences.mode.digest") })}</p>
              ) : (
                <ol data-testid="digest-preview">
                  {preview.map((s) => (
                    <li key={s.id}>
                      <strong>{s.account.display_name || s.account.username}</strong>: {plain(s.content).slice(0, 200)}
                    </li>
                  ))}
                </ol>
              ))}
          </div>
        </>
      )}
    </section>
  );
}

// Quiet hours: no mail between two local times (it waits until they end).
function QuietHours({ value, disabled, onChange }: { value: string; disabled: boolean; onChange: (v: string) => void }) {
  const [from, to] = value ? value.split("-") : ["22:00", "07:00"];
  return (
    <fieldset class="field quiet-hours">
      <legend>{t("emailPreferences.quietHours")}</legend>
      <label>
        <input type="checkbox" name="quiet_hours_on" checked={!!value} disabled={disabled} onChange={(e) => onChange((e.target as HTMLInputElement).checked ? `${from}-${to}` : "")} /> {t("emailPreferences.noMail")}
      </label>{" "}
      <label>
        {t("emailPreferences.from")} <input type="time" name="quiet_from" value={from} disabled={disabled || !value} onChange={(e) => onChange(`${(e.target as HTMLInputElement).value}-${to}`)} />
      </label>{" "}
      <label>
        {t("emailPreferences.to")} <input type="time" name="quiet_to" value={to} disabled={disabled || !value} onChange={(e) => onChange(`${from}-${(e.target as HTMLInputElement).value}`)} />
      </label>
    </fieldset>
  );
}
