// The reader's filters (/api/v2/filters): words and phrases whose posts are
// collapsed behind a warning, blurred or hidden, in the places chosen, until
// an end or for good.

import { useState } from "preact/hooks";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import { FILTER_ACTIONS, FILTER_CONTEXTS, FILTER_EXPIRY, emptyFilterForm, filterFormOf, filterRequestBody, type FilterFormValues } from "../lib/filters";
import type { Filter, FilterContext } from "../lib/types";
import { toast } from "../state";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

export function FilterSettings() {
  const r = useAsync((signal) => api<Filter[]>("/api/v2/filters", { signal }), []);
  // The filter being edited; "new" for a new one; null: none.
  const [editing, setEditing] = useState<Filter | "new" | null>(null);

  async function remove(f: Filter) {
    try {
      await api(`/api/v2/filters/${f.id}`, { method: "DELETE" });
      r.set((r.data ?? []).filter((x) => x.id !== f.id));
      toast(t("filterSettings.deleted", { title: f.title }));
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }
  function saved(f: Filter) {
    const list = r.data ?? [];
    r.set(list.some((x) => x.id === f.id) ? list.map((x) => (x.id === f.id ? f : x)) : [...list, f]);
    setEditing(null);
    toast(t("filterSettings.saved", { title: f.title }));
  }

  return (
    <section class="card form settings-form filter-settings" aria-labelledby="filters-h">
      <h2 id="filters-h">{t("filterSettings.title")}</h2>
      <p class="muted">{t("filterSettings.intro")}</p>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length > 0 ? (
        <ul class="filter-list" aria-label={t("filterSettings.yours")}>
          {r.data.map((f) => (
            <li key={f.id} class="filter-item">
              <div>
                <strong>{f.title}</strong>
                <div class="muted">{(f.keywords ?? []).map((k) => k.keyword).join(", ") || t("filterSettings.noKeywords")}</div>
                <div class="muted">
                  {FILTER_ACTIONS.find((a) => a.value === f.filter_action)?.label} · {f.context.map((c) => FILTER_CONTEXTS.find((x) => x.value === c)?.label ?? c).join("; ")}
                  {f.expires_at ? ` · ${t("filterSettings.endsAt", { when: formatDateTime(f.expires_at) })}` : ""}
                </div>
              </div>
              <div class="filter-actions">
                <button type="button" class="btn btn-small btn-secondary" onClick={() => setEditing(f)} aria-label={t("filterSettings.editFilter", { title: f.title })}>
                  {t("filterSettings.edit")}
                </button>
                <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(f)} aria-label={t("filterSettings.deleteFilter", { title: f.title })}>
                  {t("common.delete")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty icon="star" title={t("filterSettings.none")} />
      )}
      {editing ? (
        <FilterForm key={editing === "new" ? "new" : editing.id} filter={editing === "new" ? undefined : editing} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" class="btn btn-secondary" onClick={() => setEditing("new")}>
          {t("filterSettings.add")}
        </button>
      )}
    </section>
  );
}

function FilterForm({ filter, onSaved, onCancel }: { filter?: Filter; onSaved: (f: Filter) => void; onCancel: () => void }) {
  const [f, setF] = useState<FilterFormValues>(filter ? filterFormOf(filter) : emptyFilterForm());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = filterRequestBody(f, filter);
      const out = filter
        ? await api<Filter>(`/api/v2/filters/${filter.id}`, { method: "PUT", body })
        : await api<Filter>("/api/v2/filters", { method: "POST", body });
      onSaved(out);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const toggleContext = (c: FilterContext, on: boolean) => setF({ ...f, context: on ? [...f.context, c] : f.context.filter((x) => x !== c) });
  const setKeyword = (i: number, patch: Partial<FilterFormValues["keywords"][number]>) =>
    setF({ ...f, keywords: f.keywords.map((k, j) => (j === i ? { ...k, ...patch } : k)) });

  return (
    <form class="filter-form" onSubmit={save} aria-label={filter ? t("filterSettings.editFilter", { title: filter.title }) : t("filterSettings.newFilter")}>
      <label class="field">
        <span>{t("filterSettings.filterTitle")}</span>
        <input name="filter-title" required value={f.title} onInput={(e) => setF({ ...f, title: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset class="field">
        <legend>{t("filterSettings.keywords")}</legend>
        {f.keywords.map((k, i) => (
          <div key={k.id ?? `new-${i}`} class="keyword-row">
            <input aria-label={t("filterSettings.keyword", { n: i + 1 })} value={k.keyword} placeholder={t("filterSettings.keywordPlaceholder")} onInput={(e) => setKeyword(i, { keyword: (e.target as HTMLInputElement).value })} />
            <label class="check">
              <input type="checkbox" checked={k.whole_word} onChange={(e) => setKeyword(i, { whole_word: (e.target as HTMLInputElement).checked })} />
              <span>{t("filterSettings.wholeWord")}</span>
            </label>
            <button type="button" class="btn btn-small btn-secondary" aria-label={t("filterSettings.removeKeyword", { n: i + 1 })} onClick={() => setF({ ...f, keywords: f.keywords.filter((_, j) => j !== i) })}>
              {t("filterSettings.remove")}
            </button>
          </div>
        ))}
        <button type="button" class="btn btn-small btn-secondary" onClick={() => setF({ ...f, keywords: [...f.keywords, { keyword: "", whole_word: true }] })}>
          {t("filterSettings.addKeyword")}
        </button>
      </fieldset>
      <fieldset class="field">
        <legend>{t("filterSettings.where")}</legend>
        {FILTER_CONTEXTS.map((c) => (
          <label class="check" key={c.value}>
            <input type="checkbox" name={`context-${c.value}`} checked={f.context.includes(c.value)} onChange={(e) => toggleContext(c.value, (e.target as HTMLInputElement).checked)} />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>{t("filterSettings.action")}</legend>
        {FILTER_ACTIONS.map((a) => (
          <label class="check" key={a.value}>
            <input type="radio" name="filter-action" value={a.value} checked={f.filter_action === a.value} onChange={() => setF({ ...f, filter_action: a.value })} />
            <span>{a.label}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t("filterSettings.ends")}</span>
        <select
          name="filter-expiry"
          value={f.expires_in === null ? "keep" : String(f.expires_in)}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            setF({ ...f, expires_in: v === "keep" ? null : Number(v) });
          }}
        >
          {filter && <option value="keep">{filter.expires_at ? t("filterSettings.keepEnd", { when: formatDateTime(filter.expires_at) }) : t("filterSettings.keepNever")}</option>}
          {FILTER_EXPIRY.map((x) => (
            <option value={String(x.value)} key={x.value}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
      <FormFooter error={error} busy={busy} submit={t("filterSettings.save")} busyLabel={t("filterSettings.saving")} onCancel={onCancel} />
    </form>
  );
}
