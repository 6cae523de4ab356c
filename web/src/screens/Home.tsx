// The home stream with its filters (and the announcements above it), the
// organization stream (with what is trending this week), tags (followed from
// their page) and bookmarks.

import { useEffect, useState } from "preact/hooks";
import { Composer } from "../components/Composer";
import { ScheduledPosts } from "../components/ScheduledPosts";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { Timeline, announcePosted } from "../components/Timeline";
import { Tabs, useTitle } from "../components/ui";
import { WriteButtons } from "../components/WriteButtons";
import { Announcements } from "../components/Announcements";
import { TagFollowButton } from "../components/TagFollowButton";
import { TrendingTags } from "../components/TrendingTags";
import { api } from "../lib/api";
import type { Account, Community, Status } from "../lib/types";
import { saveHomeSnapshot } from "../lib/offline";
import { me } from "../state";
import { t } from "../i18n";

type Filter = "all" | "updates" | "network" | "communities" | "blogs" | "questions";

const filters = (): { id: Filter; label: string }[] => [
  { id: "all", label: t("home.filterAll") },
  { id: "updates", label: t("home.filterUpdates") },
  { id: "network", label: t("home.filterNetwork") },
  { id: "communities", label: t("home.filterCommunities") },
  { id: "blogs", label: t("home.filterBlogs") },
  { id: "questions", label: t("home.filterQuestions") },
];

/**
 * What the server filters (atrium_kind, atrium_source), so that a sparse
 * filter still fills a page; the same rules, in the client, sort what
 * arrives live.
 */
const serverQuery: Record<Filter, Record<string, string> | undefined> = {
  all: undefined,
  updates: { atrium_source: "updates" },
  network: { atrium_source: "network" },
  communities: { atrium_source: "communities" },
  blogs: { atrium_kind: "blog" },
  questions: { atrium_kind: "question" },
};

const hints = (): Record<Filter, [string, string]> => ({
  all: [t("home.emptyAll"), t("home.emptyAllHint")],
  updates: [t("home.emptyUpdates"), t("home.emptyUpdatesHint")],
  network: [t("home.emptyNetwork"), t("home.emptyNetworkHint")],
  communities: [t("home.emptyCommunities"), t("home.emptyCommunitiesHint")],
  blogs: [t("home.emptyBlogs"), t("home.emptyBlogsHint")],
  questions: [t("home.emptyQuestions"), t("home.emptyQuestionsHint")],
});

/** The ids of the reader's connections (first pages), to sort live posts for "My network". */
function useConnections(enabled: boolean) {
  const [ids, setIds] = useState<Set<string> | null>(null);
  useEffect(() => {
    if (!enabled || ids) return;
    api<Account[]>("/api/v1/atrium/connections", { query: { limit: 80 } }).then(
      (list) => setIds(new Set(list.map((a) => a.id))),
      () => setIds(new Set()),
    );
  }, [enabled]);
  return ids;
}

export function HomeScreen() {
  useTitle(t("home.title"));
  const [filter, setFilter] = useState<Filter>("all");
  const connections = useConnections(filter === "network");
  const myId = me.value?.id;
  const [scheduled, setScheduled] = useState(0);
  // The community chosen in the composer, which "Write a blog entry" and "Ask a question" follow.
  const [composeCommunity, setComposeCommunity] = useState<Community | null>(null);

  const predicate: Record<Filter, ((s: Status) => boolean) | undefined> = {
    all: undefined,
    updates: (s) => !(s.reblog ?? s).community,
    network: (s) => !connections || connections.has((s.reblog ?? s).account.id),
    communities: (s) => !!(s.reblog ?? s).community,
    blogs: (s) => (s.reblog ?? s).atrium?.kind === "blog",
    questions: (s) => (s.reblog ?? s).atrium?.kind === "question",
  };

  return (
    <div class="page">
      <PageHeader title={t("home.title")}>
        <a class="btn btn-secondary btn-small" href="/organization">
          <Icon name="globe" size={16} /> {t("home.organizationStream")}
        </a>
      </PageHeader>
      <Announcements />
      <div class="card composer-card">
        <Composer
          collapsible
          onPosted={(s) => announcePosted(s)}
          onScheduled={() => setScheduled((n) => n + 1)}
          onCommunityChange={setComposeCommunity}
        />
        <WriteButtons communityId={composeCommunity?.id} communityName={composeCommunity?.name} onPosted={(s) => announcePosted(s)} />
        <ScheduledPosts version={scheduled} />
      </div>
      <Tabs label={t("home.filterLabel")} tabs={filters()} value={filter} onChange={setFilter} />
      <Timeline
        key={filter}
        label={t("home.streamLabel")}
        path="/api/v1/timelines/home"
        query={serverQuery[filter]}
        stream={{ stream: "user" }}
        filter={predicate[filter]}
        acceptsOwnPosts
        onLoaded={filter === "all" ? (items) => me.value && saveHomeSnapshot(me.value, items) : undefined}
        emptyTitle={hints()[filter][0]}
        emptyHint={filter === "network" && myId && connections?.size === 0 ? t("home.noConnectionsHint") : hints()[filter][1]}
      />
    </div>
  );
}

export function OrganizationScreen() {
  useTitle(t("home.organization"));
  return (
    <div class="page">
      <PageHeader title={t("home.organization")} subtitle={t("home.organizationSubtitle")} />
      <TrendingTags />
      <Timeline
        label={t("home.organizationStream")}
        path="/api/v1/timelines/public"
        stream={{ stream: "public" }}
        emptyTitle={t("home.organizationEmpty")}
        emptyHint={t("home.organizationEmptyHint")}
      />
    </div>
  );
}

export function TagScreen({ tag }: { tag: string }) {
  useTitle(`#${tag}`);
  return (
    <div class="page">
      <PageHeader title={`#${tag}`} subtitle={t("home.tagSubtitle")}>
        <TagFollowButton tag={tag} />
      </PageHeader>
      <Timeline
        label={t("home.tagLabel", { tag })}
        path={`/api/v1/timelines/tag/${encodeURIComponent(tag)}`}
        stream={{ stream: "hashtag", tag }}
        emptyIcon="hash"
        emptyTitle={t("home.tagEmpty", { tag })}
        emptyHint={t("home.tagEmptyHint")}
      />
    </div>
  );
}

export function BookmarksScreen() {
  useTitle(t("home.bookmarks"));
  return (
    <div class="page">
      <PageHeader title={t("home.bookmarks")} subtitle={t("home.bookmarksSubtitle")} />
      <Timeline
        label={t("home.bookmarks")}
        path="/api/v1/bookmarks"
        emptyIcon="bookmark"
        emptyTitle={t("home.bookmarksEmpty")}
        emptyHint={t("home.bookmarksEmptyHint")}
      />
    </div>
  );
}
