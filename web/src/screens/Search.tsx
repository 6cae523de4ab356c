// Search results: tabs by kind of post (with their counts), the matching
// fragments highlighted, people and tags on top; tabs for people,
// communities and who knows the words; more as the end of the list comes
// into view (and a button for it).

import { useEffect, useRef, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { ScrollStrip } from "../components/ScrollStrip";
import { Avatar, Empty, ErrorBox, Spinner, Time, displayName, useTitle } from "../components/ui";
import { api } from "../lib/api";
import { navigate, useLocation } from "../lib/router";
import type { Account, Community } from "../lib/types";
import {
  DIRECTORY_TABS,
  SEARCH_TABS,
  countLabel,
  isDirectoryTab,
  queryForKind,
  type DirectoryTab,
  type SearchAnswer,
  type SearchHit,
  type SearchKind,
} from "../lib/search";

const PAGE = 20;

export function SearchScreen() {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const rawKind = query.get("kind");
  const directory: DirectoryTab | null = isDirectoryTab(rawKind) ? rawKind : null;
  const kind = directory ? null : (rawKind as SearchKind | null) || null;
  const sort = query.get("sort") === "recent" ? "recent" : "relevance";
  useTitle(q ? `Search: ${q}` : "Search");
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [counts, setCounts] = useState<SearchAnswer["facets"] | null>(null);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [people, setPeople] = useState<Account[]>([]);
  const [communities, setCommunities] = useState<Community[]>([]);
  const end = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function load(next: SearchAnswer["next"]) {
    setLoading(true);
    setError(null);
    try {
      const params: Record<string, string | number> = directory
        ? { q, type: directory, limit: PAGE }
        : { q: queryForKind(q, kind), sort, limit: PAGE };
      if (next) Object.assign(params, next);
      const a = await api<SearchAnswer>("/api/v1/atrium/search", { query: params });
      setAnswer(a);
      setHits((prev) => (next ? [...prev, ...a.statuses] : a.statuses));
      setPeople((prev) => (next && directory ? [...prev, ...a.accounts] : a.accounts));
      setCommunities((prev) => (next && directory ? [...prev, ...a.communities] : a.communities));
      if (!next && !kind && !directory) setCounts(a.facets);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setHits([]);
    setPeople([]);
    setCommunities([]);
    if (q.trim()) load(null);
  }, [q, rawKind, sort]);

  // Infinite scroll: the next page when the end of the list comes into view.
  useEffect(() => {
    const el = end.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loading && answer?.next) load(answer.next);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [answer, loading]);

  const go = (k: SearchKind | DirectoryTab | null, s = sort) => {
    const params = new URLSearchParams({ q });
    if (k) params.set("kind", k);
    if (s === "recent") params.set("sort", s);
    navigate(`/search?${params}`, true);
  };

  if (!q.trim()) return <Empty icon="search" title="Search" hint={'Type words in the search box: "phrases", -exclude, prefix*, from:@name, kind:blog, community:handle, tag:name.'} />;

  return (
    <section>
      <PageHeader title={directory === "experts" ? `Who knows “${q}”` : `Search: ${q}`} subtitle={counts && !directory ? `${countLabel(counts.total, counts.capped)} posts` : undefined}>
        {!directory && (
          <button type="button" class="btn" onClick={() => go(kind, sort === "recent" ? "relevance" : "recent")}>
            {sort === "recent" ? "Best first" : "Newest first"}
          </button>
        )}
      </PageHeader>
      <ScrollStrip>
        <div class="tabs" role="tablist" aria-label="Kinds of posts">
          {SEARCH_TABS.map((t) => {
            const n = t.kind ? counts?.kinds[t.kind] : counts?.total;
            const on = !directory && kind === t.kind;
            return (
              <button key={t.label} type="button" role="tab" aria-selected={on} class={on ? "tab active" : "tab"} onClick={() => go(t.kind)}>
                {t.label}
                {n !== undefined && <span class="muted"> {countLabel(n, counts?.capped)}</span>}
              </button>
            );
          })}
          {DIRECTORY_TABS.map((t) => (
            <button key={t.tab} type="button" role="tab" aria-selected={directory === t.tab} class={directory === t.tab ? "tab active" : "tab"} onClick={() => go(t.tab)} data-testid={`search-tab-${t.tab}`}>
              {t.label}
            </button>
          ))}
        </div>
      </ScrollStrip>
      {answer && !kind && !directory && (answer.accounts.length > 0 || answer.hashtags.length > 0 || answer.communities.length > 0) && (
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
      {directory && directory !== "communities" && (
        <ul class="search-people" data-testid="search-people">
          {people.map((a) => (
            <li key={a.id} class="card search-person">
              <Avatar account={a} size={36} />
              <a href={`/people/${a.id}`}>{displayName(a)}</a> <span class="muted">@{a.acct}</span>
            </li>
          ))}
        </ul>
      )}
      {directory === "communities" && (
        <ul class="search-people" data-testid="search-communities">
          {communities.map((c) => (
            <li key={c.id} class="card search-person">
              <a href={`/communities/${c.id}`}>{c.name}</a> <span class="muted">{c.handle}</span>
            </li>
          ))}
        </ul>
      )}
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
      {!loading && !error && hits.length === 0 && people.length === 0 && communities.length === 0 && <Empty icon="search" title="Nothing found" hint="Try other words, or fewer of them." />}
      <div ref={end} aria-hidden="true" />
      {!loading && answer?.next && (
        <button type="button" class="btn" onClick={() => load(answer.next)}>
          More results
        </button>
      )}
    </section>
  );
}
