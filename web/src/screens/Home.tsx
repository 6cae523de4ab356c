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

type Filter = "all" | "updates" | "network" | "communities" | "blogs" | "questions";

const filters: { id: Filter; label: string }[] = [
  { id: "all", label: "Everything" },
  { id: "updates", label: "Status updates" },
  { id: "network", label: "My network" },
  { id: "communities", label: "My communities" },
  { id: "blogs", label: "Blogs" },
  { id: "questions", label: "Questions" },
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

const hints: Record<Filter, [string, string]> = {
  all: ["Your home stream is quiet", "Follow colleagues from People or join communities, and their posts arrive here."],
  updates: ["No status updates yet", "Status updates are posts made outside communities by you and the people you follow."],
  network: ["Nothing from your network yet", "Connect with colleagues on their profiles; their posts show here."],
  communities: ["Nothing from your communities yet", "Join communities to see their posts here."],
  blogs: ["No blog entries yet", "Blog entries by the people you follow and your communities show here. Write one with “Write a blog entry”."],
  questions: ["No questions yet", "Questions from the people you follow and your communities show here. Ask one with “Ask a question”."],
};

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
  useTitle("Home");
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
      <PageHeader title="Home">
        <a class="btn btn-secondary btn-small" href="/organization">
          <Icon name="globe" size={16} /> Organization stream
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
      <Tabs label="Filter the home stream" tabs={filters} value={filter} onChange={setFilter} />
      <Timeline
        key={filter}
        label="Home stream"
        path="/api/v1/timelines/home"
        query={serverQuery[filter]}
        stream={{ stream: "user" }}
        filter={predicate[filter]}
        acceptsOwnPosts
        onLoaded={filter === "all" ? (items) => me.value && saveHomeSnapshot(me.value, items) : undefined}
        emptyTitle={hints[filter][0]}
        emptyHint={filter === "network" && myId && connections?.size === 0 ? "You have no connections yet. Connect with colleagues on their profiles." : hints[filter][1]}
      />
    </div>
  );
}

export function OrganizationScreen() {
  useTitle("Organization");
  return (
    <div class="page">
      <PageHeader title="Organization" subtitle="Public posts from everyone in the organization, newest first." />
      <TrendingTags />
      <Timeline
        label="Organization stream"
        path="/api/v1/timelines/public"
        stream={{ stream: "public" }}
        emptyTitle="No public posts yet"
        emptyHint="Posts shared with everyone appear here. Write the first one from Home."
      />
    </div>
  );
}

export function TagScreen({ tag }: { tag: string }) {
  useTitle(`#${tag}`);
  return (
    <div class="page">
      <PageHeader title={`#${tag}`} subtitle="Posts with this tag">
        <TagFollowButton tag={tag} />
      </PageHeader>
      <Timeline
        label={`Posts tagged ${tag}`}
        path={`/api/v1/timelines/tag/${encodeURIComponent(tag)}`}
        stream={{ stream: "hashtag", tag }}
        emptyIcon="hash"
        emptyTitle={`No posts with #${tag} yet`}
        emptyHint="Add the tag to a post to start the conversation."
      />
    </div>
  );
}

export function BookmarksScreen() {
  useTitle("Bookmarks");
  return (
    <div class="page">
      <PageHeader title="Bookmarks" subtitle="Posts you saved for later. Only you see this list." />
      <Timeline
        label="Bookmarks"
        path="/api/v1/bookmarks"
        emptyIcon="bookmark"
        emptyTitle="No bookmarks yet"
        emptyHint="Use the bookmark button on a post to keep it here."
      />
    </div>
  );
}
