// The reader's e-mail preferences (GET/PATCH /api/v1/atrium/preferences/email):
// per kind of notification immediate, digest only or never, and how often
// the digest comes. Each change is saved at once.

import { useState } from "preact/hooks";
import { ErrorBox, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import { toast } from "../state";

type EmailPrefs = Record<string, string>;

const KINDS: [string, string][] = [
  ["mention", "Mentions"],
  ["direct", "Direct messages"],
  ["follow_request", "Follow requests and invitations"],
  ["reply", "Replies to your posts"],
  ["answer", "Answers to your questions"],
];
const MODES: [string, string][] = [
  ["immediate", "Right away"],
  ["digest", "In the digest only"],
  ["never", "Never"],
];
const DIGEST: [string, string][] = [
  ["daily", "Daily"],
  ["weekly", "Weekly"],
  ["off", "Off"],
];

export function EmailPreferences() {
  const r = useAsync((signal) => api<EmailPrefs>("/api/v1/atrium/preferences/email", { signal }), []);
  const [busy, setBusy] = useState(false);
  async function change(kind: string, mode: string) {
    setBusy(true);
    try {
      r.set(await api<EmailPrefs>("/api/v1/atrium/preferences/email", { method: "PATCH", body: { [kind]: mode } }));
      toast("E-mail preferences saved");
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  const select = (kind: string, label: string, options: [string, string][]) => (
    <label class="field" key={kind}>
      <span>{label}</span>
      <select name={kind} value={r.data?.[kind]} disabled={busy} onChange={(e) => change(kind, (e.target as HTMLSelectElement).value)}>
        {options.map(([value, text]) => (
          <option value={value} key={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="card form settings-form" aria-labelledby="email-h">
      <h2 id="email-h">E-mail</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : (
        <>
          <p class="muted">Mail about what you have not seen in Atrium within a quarter of an hour.</p>
          {KINDS.map(([kind, label]) => select(kind, label, MODES))}
          {select("digest", "Digest", DIGEST)}
        </>
      )}
    </section>
  );
}
