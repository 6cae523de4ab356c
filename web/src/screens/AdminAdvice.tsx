// The advice rules in force (GET /api/v1/atrium/admin/advice): each rule
// switched on or off, each word list edited (one word or phrase a line),
// and a dry run of the pack on sample text. See docs/ADVICE.md.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { ErrorBox, Spinner, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { AdviceItem } from "../lib/compose";
import { isAdmin, me } from "../state";
import { NotFound } from "./NotFound";
import { t } from "../i18n";

interface AdvicePack {
  settings: Record<string, string>;
  lists: { name: string; words: string[]; changed: boolean }[];
  rules: { id: string; description: string; severity: string; enabled: boolean; changed: boolean }[];
}

function ListEditor({ list, onSaved }: { list: AdvicePack["lists"][number]; onSaved: (p: AdvicePack) => void }) {
  const [text, setText] = useState(list.words.join("\n"));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(list.words.join("\n")), [list.words.join("\n")]);
  async function save(e: Event) {
    e.preventDefault();
    try {
      onSaved(await api<AdvicePack>(`/api/v1/atrium/admin/advice/lists/${list.name}`, { method: "PUT", body: { words: text } }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  async function reset() {
    try {
      onSaved(await api<AdvicePack>(`/api/v1/atrium/admin/advice/lists/${list.name}`, { method: "DELETE" }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <form class="advice-list" onSubmit={save}>
      <label>
        <strong>{list.name}</strong> {list.changed && <span class="muted">{t("adminAdvice.changedHere")}</span>}
        <textarea rows={4} value={text} aria-label={t("adminAdvice.wordsOf", { name: list.name })} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && <p class="form-error">{error}</p>}
      <button type="submit" class="btn btn-small">
        {t("adminAdvice.saveList", { name: list.name })}
      </button>{" "}
      {list.changed && (
        <button type="button" class="btn btn-small" onClick={reset}>
          {t("adminAdvice.resetList")}
        </button>
      )}
    </form>
  );
}

export function AdminAdviceScreen() {
  useTitle(t("adminAdvice.title"));
  const [pack, setPack] = useState<AdvicePack | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sample, setSample] = useState("");
  const [result, setResult] = useState<AdviceItem[] | null>(null);
  const [dryError, setDryError] = useState<string | null>(null);

  async function load() {
    try {
      setPack(await api<AdvicePack>("/api/v1/atrium/admin/advice"));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, []);

  if (!isAdmin(me.value)) return <NotFound />;

  async function toggle(id: string, enabled: boolean) {
    try {
      setPack(await api<AdvicePack>(`/api/v1/atrium/admin/advice/rules/${id}`, { method: "PUT", body: { enabled } }));
    } catch (e) {
      setError(e);
    }
  }

  async function dryRun(e: Event) {
    e.preventDefault();
    try {
      setResult(await api<AdviceItem[]>("/api/v1/atrium/admin/advice/dry_run", { method: "POST", body: { status: sample, visibility: "public" } }));
      setDryError(null);
    } catch (err) {
      setDryError(errorMessage(err));
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("adminAdvice.title")} subtitle={t("adminAdvice.subtitle")}>
        <a href="/admin" class="btn btn-secondary">
          {t("adminAdvice.members")}
        </a>
      </PageHeader>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!pack && !error && <Spinner label={t("adminAdvice.loading")} />}
      {pack && (
        <>
          <div class="card list-card">
            <h2>{t("adminAdvice.rules")}</h2>
            <ul class="advice-rules">
              {pack.rules.map((r) => (
                <li key={r.id}>
                  <label>
                    <input type="checkbox" checked={r.enabled} aria-label={t("adminAdvice.rule", { id: r.id })} onChange={(e) => toggle(r.id, (e.target as HTMLInputElement).checked)} />{" "}
                    <strong>{r.id}</strong> <span class="muted">{t("adminAdvice.severity", { severity: r.severity })}</span> — {r.description}
                  </label>
                </li>
              ))}
            </ul>
          </div>
          <div class="card list-card">
            <h2>{t("adminAdvice.wordLists")}</h2>
            {pack.lists.map((l) => (
              <ListEditor key={l.name} list={l} onSaved={setPack} />
            ))}
          </div>
          <form class="card list-card" onSubmit={dryRun}>
            <h2>{t("adminAdvice.tryRules")}</h2>
            <textarea rows={3} value={sample} aria-label={t("adminAdvice.sample")} placeholder={t("adminAdvice.samplePlaceholder")} onInput={(e) => setSample((e.target as HTMLTextAreaElement).value)} />
            <button type="submit" class="btn">
              {t("adminAdvice.try")}
            </button>
            {dryError && <p class="form-error">{dryError}</p>}
            {result && (
              <ul class="compose-advice" aria-label={t("adminAdvice.result")}>
                {result.length === 0 && <li class="muted">{t("adminAdvice.noAdvice")}</li>}
                {result.map((a) => (
                  <li key={a.rule} class={`advice advice-${a.severity}`}>
                    <strong>{a.rule}</strong>: {a.message}
                  </li>
                ))}
              </ul>
            )}
          </form>
        </>
      )}
    </div>
  );
}
