// The reader's filters (/api/v2/filters): words and phrases whose posts are
// collapsed behind a warning, blurred or hidden, in the places chosen, until
// an end or for good.

import { useState } from "preact/hooks";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync } from "./ui";
import { api, errorMessage } from "../lib/api";
import { FILTER_ACTIONS, FILTER_CONTEXTS, FILTER_EXPIRY, emptyFilterForm, filterFormOf, filterRequestBody, type FilterFormValues } from "../lib/filters";
import type { Filter, FilterContext } from "../lib/types";
import { toast } from "../state";

export function FilterSettings() {
  const r = useAsync((signal) => api<Filter[]>("/api/v2/filters", { signal }), []);
  // The filter being edited; "new" for a new one; null: none.
  const [editing, setEditing] = useState<Filter | "new" | null>(null);

  async function remove(f: Filter) {
    try {
      await api(`/api/v2/filters/${f.id}`, { method: "DELETE" });
      r.set((r.data ?? []).filter((x) => x.id !== f.id));
      toast(`Filter "${f.title}" deleted`);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }
  function saved(f: Filter) {
    const list = r.data ?? [];
    r.set(list.some((x) => x.id === f.id) ? list.map((x) => (x.id === f.id ? f : x)) : [...list, f]);
    setEditing(null);
    toast(`Filter "${f.title}" saved`);
  }

  return (
    <section class="card form settings-form filter-settings" aria-labelledby="filters-h">
      <h2 id="filters-h">Filters</h2>
      <p class="muted">Posts with these words are collapsed behind a warning, blurred or hidden wherever you choose. Your own posts are never filtered.</p>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length > 0 ? (
        <ul class="filter-list" aria-label="Your filters">
          {r.data.map((f) => (
            <li key={f.id} class="filter-item">
              <div>
                <strong>{f.title}</strong>
                <div class="muted">{(f.keywords ?? []).map((k) => k.keyword).join(", ") || "No keywords"}</div>
                <div class="muted">
                  {FILTER_ACTIONS.find((a) => a.value === f.filter_action)?.label} · {f.context.map((c) => FILTER_CONTEXTS.find((x) => x.value === c)?.label ?? c).join("; ")}
                  {f.expires_at ? ` · ends ${new Date(f.expires_at).toLocaleString()}` : ""}
                </div>
              </div>
              <div class="filter-actions">
                <button type="button" class="btn btn-small btn-secondary" onClick={() => setEditing(f)} aria-label={`Edit filter ${f.title}`}>
                  Edit
                </button>
                <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(f)} aria-label={`Delete filter ${f.title}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty icon="star" title="No filters" />
      )}
      {editing ? (
        <FilterForm key={editing === "new" ? "new" : editing.id} filter={editing === "new" ? undefined : editing} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" class="btn btn-secondary" onClick={() => setEditing("new")}>
          Add a filter
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
    <form class="filter-form" onSubmit={save} aria-label={filter ? `Edit filter ${filter.title}` : "New filter"}>
      <label class="field">
        <span>Title</span>
        <input name="filter-title" required value={f.title} onInput={(e) => setF({ ...f, title: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset class="field">
        <legend>Keywords</legend>
        {f.keywords.map((k, i) => (
          <div key={k.id ?? `new-${i}`} class="keyword-row">
            <input aria-label={`Keyword ${i + 1}`} value={k.keyword} placeholder="word or phrase" onInput={(e) => setKeyword(i, { keyword: (e.target as HTMLInputElement).value })} />
            <label class="check">
              <input type="checkbox" checked={k.whole_word} onChange={(e) => setKeyword(i, { whole_word: (e.target as HTMLInputElement).checked })} />
              <span>Whole word</span>
            </label>
            <button type="button" class="btn btn-small btn-secondary" aria-label={`Remove keyword ${i + 1}`} onClick={() => setF({ ...f, keywords: f.keywords.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" class="btn btn-small btn-secondary" onClick={() => setF({ ...f, keywords: [...f.keywords, { keyword: "", whole_word: true }] })}>
          Add a keyword
        </button>
      </fieldset>
      <fieldset class="field">
        <legend>Where</legend>
        {FILTER_CONTEXTS.map((c) => (
          <label class="check" key={c.value}>
            <input type="checkbox" name={`context-${c.value}`} checked={f.context.includes(c.value)} onChange={(e) => toggleContext(c.value, (e.target as HTMLInputElement).checked)} />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>What happens to a matching post</legend>
        {FILTER_ACTIONS.map((a) => (
          <label class="check" key={a.value}>
            <input type="radio" name="filter-action" value={a.value} checked={f.filter_action === a.value} onChange={() => setF({ ...f, filter_action: a.value })} />
            <span>{a.label}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>Ends</span>
        <select
          name="filter-expiry"
          value={f.expires_in === null ? "keep" : String(f.expires_in)}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            setF({ ...f, expires_in: v === "keep" ? null : Number(v) });
          }}
        >
          {filter && <option value="keep">{filter.expires_at ? `As set (${new Date(filter.expires_at).toLocaleString()})` : "As set (never)"}</option>}
          {FILTER_EXPIRY.map((x) => (
            <option value={String(x.value)} key={x.value}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
      <FormFooter error={error} busy={busy} submit="Save filter" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
