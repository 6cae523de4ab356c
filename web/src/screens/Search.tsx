// Search results: tabs by kind of post (with their counts), the matching
// fragments highlighted, people and tags on top, more on demand.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Empty, ErrorBox, Spinner, Time, displayName, useTitle } from "../components/ui";
import { api } from "../lib/api";
import { navigate, useLocation } from "../lib/router";
import { SEARCH_TABS, queryForKind, type SearchAnswer, type SearchHit, type SearchKind } from "../lib/search";

const PAGE = 20;

export function SearchScreen() {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const kind = (query.get("kind") as SearchKind | null) || null;
  const sort = query.get("sort") === "recent" ? "recent" : "relevance";
  useTitle(q ? `Search: ${q}` : "Search");
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [counts, setCounts] = useState<SearchAnswer["facets"] | null>(null);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function load(next: SearchAnswer["next"]) {
    setLoading(true);
    setError(null);
    try {
      const params: Record<string, string | number> = { q: queryForKind(q, kind), sort, limit: PAGE };
      if (next) Object.assign(params, { offset: next.offset, max_id: next.max_id });
      const a = await api<SearchAnswer>("/api/v1/atrium/search", { query: params });
      setAnswer(a);
      setHits((prev) => (next ? [...prev, ...a.statuses] : a.statuses));
      if (!next && !kind) setCounts(a.facets);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setHits([]);
    if (q.trim()) load(null);
  }, [q, kind, sort]);

  const go = (k: SearchKind | null, s = sort) => {
    const params = new URLSearchParams({ q });
    if (k) params.set("kind", k);
    if (s === "recent") params.set("sort", s);
    navigate(`/search?${params}`, true);
  };

  if (!q.trim()) return <Empty icon="search" title="Search" hint={'Type words in the search box: "phrases", -exclude, prefix*, from:@name, kind:blog, community:handle, tag:name.'} />;

  return (
    <section>
      <PageHeader title={`Search: ${q}`} subtitle={counts ? `${counts.total} posts` : undefined}>
        <button type="button" class="btn" onClick={() => go(kind, sort === "recent" ? "relevance" : "recent")}>
          {sort === "recent" ? "Best first" : "Newest first"}
        </button>
      </PageHeader>
      <div class="tabs" role="tablist" aria-label="Kinds of posts">
        {SEARCH_TABS.map((t) => {
          const n = t.kind ? counts?.kinds[t.kind] : counts?.total;
          return (
            <button key={t.label} type="button" role="tab" aria-selected={kind === t.kind} class={kind === t.kind ? "tab active" : "tab"} onClick={() => go(t.kind)}>
              {t.label}
              {n !== undefined && <span class="muted"> {n}</span>}
            </button>
          );
        })}
      </div>
      {answer && !kind && (answer.accounts.length > 0 || answer.hashtags.length > 0 || answer.communities.length > 0) && (
        <div class="search-extras">
          {answer.accounts.map((a) => (
            <a key={a.id} href={`/people/${a.id}`} class="chip">
              <Avatar account={a} size={24} /> {displayName(a)}
            </a>
          ))}
          {answer.communities.map((c) => (
            <a key={c.id} href={`/communities/${c.id}`} class="chip">
              {c.name}
            </a>
          ))}
          {answer.hashtags.map((t) => (
            <a key={t} href={`/tags/${encodeURIComponent(t)}`} class="chip">
              #{t}
            </a>
          ))}
        </div>
      )}
      {error ? <ErrorBox error={error} onRetry={() => load(null)} /> : null}
      <ol class="search-results" data-testid="search-results">
        {hits.map((h) => (
          <li key={h.status.id} class="card search-hit">
            <a href={`/posts/${h.status.id}`} class="search-hit-link">
              {h.title_highlight && <strong class="search-title" dangerouslySetInnerHTML={{ __html: h.title_highlight }} />}
              <span class="search-fragment" dangerouslySetInnerHTML={{ __html: h.highlight }} />
            </a>
            <span class="muted">
              {displayName(h.status.account)} · <Time iso={h.status.created_at} />
              {h.status.community ? ` · ${h.status.community.name}` : ""}
            </span>
          </li>
        ))}
      </ol>
      {loading && <Spinner label="Searching…" />}
      {!loading && !error && hits.length === 0 && <Empty icon="search" title="Nothing found" hint="Try other words, or fewer of them." />}
      {!loading && answer?.next && (
        <button type="button" class="btn" onClick={() => load(answer.next)}>
          More results
        </button>
      )}
    </section>
  );
}
