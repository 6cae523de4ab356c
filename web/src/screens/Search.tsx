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
  isDirectoryTab,
  queryForKind,
  type DirectoryTab,
  type SearchAnswer,
  type SearchHit,
  type SearchKind,
} from "../lib/search";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";

/** A count in the reader's language, "+" when the server stopped counting. */
const countLabel = (n: number, capped?: boolean) => t("search.count", { n: formatNumber(n), capped: capped ? "yes" : "no" });

const kindTab: Record<SearchKind | "all", () => string> = {
  all: () => t("search.tabAll"),
  status: () => t("search.tabUpdates"),
  blog: () => t("search.tabBlogs"),
  question: () => t("search.tabQuestions"),
};
const directoryTab: Record<DirectoryTab, () => string> = {
  people: () => t("search.tabPeople"),
  communities: () => t("search.tabCommunities"),
  experts: () => t("search.tabExperts"),
};

const PAGE = 20;

export function SearchScreen() {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const rawKind = query.get("kind");
  const directory: DirectoryTab | null = isDirectoryTab(rawKind) ? rawKind : null;
  const kind = directory ? null : (rawKind as SearchKind | null) || null;
  const sort = query.get("sort") === "recent" ? "recent" : "relevance";
  useTitle(q ? t("search.titleFor", { q }) : t("search.title"));
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

  if (!q.trim()) return <Empty icon="search" title={t("search.title")} hint={t("search.syntaxHint")} />;

  return (
    <section>
      <PageHeader
        title={directory === "experts" ? t("search.whoKnows", { q }) : t("search.titleFor", { q })}
        subtitle={counts && !directory ? t("search.postsCount", { count: counts.total, n: countLabel(counts.total, counts.capped) }) : undefined}
      >
        {!directory && (
          <button type="button" class="btn" onClick={() => go(kind, sort === "recent" ? "relevance" : "recent")}>
            {sort === "recent" ? t("search.bestFirst") : t("search.newestFirst")}
          </button>
        )}
      </PageHeader>
      <ScrollStrip>
        <div class="tabs" role="tablist" aria-label={t("search.kindsOfPosts")}>
          {SEARCH_TABS.map((tab) => {
            const n = tab.kind ? counts?.kinds[tab.kind] : counts?.total;
            const on = !directory && kind === tab.kind;
            return (
              <button key={tab.kind ?? "all"} type="button" role="tab" aria-selected={on} class={on ? "tab active" : "tab"} onClick={() => go(tab.kind)}>
                {kindTab[tab.kind ?? "all"]()}
                {n !== undefined && <span class="muted"> {countLabel(n, counts?.capped)}</span>}
              </button>
            );
          })}
          {DIRECTORY_TABS.map((tab) => (
            <button key={tab.tab} type="button" role="tab" aria-selected={directory === tab.tab} class={directory === tab.tab ? "tab active" : "tab"} onClick={() => go(tab.tab)} data-testid={`search-tab-${tab.tab}`}>
              {directoryTab[tab.tab]()}
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
          {answer.hashtags.map((tag) => (
            <a key={tag} href={`/tags/${encodeURIComponent(tag)}`} class="chip">
              #{tag}
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
              <a href={`/people/${a.id}`}>{displayName(a)}</a> <bdi class="muted">@{a.acct}</bdi>
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
      {loading && <Spinner label={t("search.searching")} />}
      {!loading && !error && hits.length === 0 && people.length === 0 && communities.length === 0 && <Empty icon="search" title={t("search.nothingFound")} hint={t("search.nothingFoundHint")} />}
      <div ref={end} aria-hidden="true" />
      {!loading && answer?.next && (
        <button type="button" class="btn" onClick={() => load(answer.next)}>
          {t("search.moreResults")}
        </button>
      )}
    </section>
  );
}
