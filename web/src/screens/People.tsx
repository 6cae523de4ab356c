// People search over the directory: name, title, department, location, expertise.

import { useEffect, useState } from "preact/hooks";
import { AccountList } from "../components/AccountList";
import { PageHeader } from "../components/PageHeader";
import { PeopleSuggestions } from "../components/PeopleSuggestions";
import { Empty, ErrorBox, Spinner, useTitle } from "../components/ui";
import { api } from "../lib/api";
import { navigate, useLocation } from "../lib/router";
import type { Account } from "../lib/types";
import { t } from "../i18n";

const PAGE = 20;
const keys = ["q", "title", "department", "location", "expertise"] as const;
type Key = (typeof keys)[number];

export function PeopleScreen() {
  useTitle(t("people.title"));
  const { query } = useLocation();
  const initial = Object.fromEntries(keys.map((k) => [k, query.get(k) ?? ""])) as Record<Key, string>;
  const [form, setForm] = useState(initial);
  const [applied, setApplied] = useState(initial);
  const [results, setResults] = useState<Account[]>([]);
  const [offset, setOffset] = useState(0);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function search(params: Record<Key, string>, from: number) {
    setLoading(true);
    setError(null);
    try {
      const list = await api<Account[]>("/api/v1/atrium/directory", { query: { ...params, limit: PAGE, offset: from } });
      setResults((prev) => (from === 0 ? list : [...prev, ...list]));
      setMore(list.length === PAGE);
      setOffset(from + list.length);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    search(applied, 0);
  }, [JSON.stringify(applied)]);

  // Search as the name is typed, after a short pause.
  useEffect(() => {
    if (form.q === applied.q) return;
    const t = setTimeout(() => apply(form), 300);
    return () => clearTimeout(t);
  }, [form.q]);

  function apply(next: Record<Key, string>) {
    setApplied(next);
    const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
    navigate(`/people${qs ? "?" + qs : ""}`, true);
  }

  const set = (k: Key) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const filtered = keys.some((k) => applied[k]);

  return (
    <div class="page">
      <PageHeader title={t("people.title")} subtitle={t("people.subtitle")} />
      <form
        class="card search-card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply(form);
        }}
      >
        <label class="field field-search">
          <span class="sr-only">{t("people.name")}</span>
          <input type="search" placeholder={t("people.searchByName")} value={form.q} onInput={set("q")} aria-label={t("people.searchByName")} />
        </label>
        <details class="filters" open={!!(applied.title || applied.department || applied.location || applied.expertise)}>
          <summary>{t("people.moreFilters")}</summary>
          <div class="filter-grid">
            <label class="field">
              <span>{t("people.filterTitle")}</span>
              <input value={form.title} onInput={set("title")} />
            </label>
            <label class="field">
              <span>{t("people.department")}</span>
              <input value={form.department} onInput={set("department")} />
            </label>
            <label class="field">
              <span>{t("people.location")}</span>
              <input value={form.location} onInput={set("location")} />
            </label>
            <label class="field">
              <span>{t("people.expertise")}</span>
              <input value={form.expertise} onInput={set("expertise")} />
            </label>
          </div>
          <button type="submit" class="btn btn-primary">
            {t("people.search")}
          </button>
        </details>
      </form>
      {!filtered && <PeopleSuggestions />}
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} onRetry={() => search(applied, 0)} />}
        {loading && results.length === 0 && <Spinner label={t("people.searching")} />}
        {!loading && !error && results.length === 0 && (
          <Empty icon="people" title={filtered ? t("people.nobodyMatches") : t("people.nobodyYet")} hint={filtered ? t("people.nobodyMatchesHint") : t("people.nobodyYetHint")} />
        )}
        {results.length > 0 && <AccountList accounts={results} label={t("people.title")} />}
        {more && !loading && (
          <div class="load-more">
            <button type="button" class="btn btn-secondary" onClick={() => search(applied, offset)}>
              {t("people.showMore")}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
