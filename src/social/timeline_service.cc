#include "social/timeline_service.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace atrium {
namespace {

constexpr int kMaxRounds = 5;
constexpr size_t kMaxAncestors = 40;
constexpr size_t kMaxDescendants = 1000;
// Entries read per round when most of them may be filtered out by kind.
constexpr int kFilteredRoundSize = 100;

StatusKind KindOf(const VisiblePost& post) {
  return (post.original ? post.original : post.status)->kind;
}

}  // namespace

template <typename Fetch>
Result<PostPage> TimelineService::Collect(const Viewer& viewer, const PageRequest& page,
                                          bool for_streams, Fetch fetch, const Keep& keep) {
  // fetch(PageRequest) -> Result<std::vector<PageEntry>>, newest first.
  PostPage out;
  PageRequest p = page;
  if (keep) p.limit = std::max(p.limit, kFilteredRoundSize);
  std::vector<std::pair<int64_t, VisiblePost>> found;  // cursor, post
  for (int round = 0; round < kMaxRounds && static_cast<int>(found.size()) < page.limit; ++round) {
    auto entries = fetch(p);
    if (!entries.ok()) return entries.status();
    if (entries->empty()) {
      out.source_ended = true;
      break;
    }
    std::vector<int64_t> ids;
    std::unordered_map<int64_t, int64_t> cursor_of;
    for (const PageEntry& e : *entries) {
      ids.push_back(e.id);
      cursor_of[e.id] = e.cursor;
      out.source_ids.push_back(e.id);
    }
    auto visible = core_.VisibleMany(viewer, ids, for_streams, &out.considered);
    if (!visible.ok()) return visible.status();
    for (auto& v : *visible)
      if (!keep || keep(v)) found.emplace_back(cursor_of[v.status->id], std::move(v));
    if (static_cast<int>(entries->size()) < p.limit) {  // the source is exhausted
      out.source_ended = true;
      break;
    }
    // Continue past what we read, in the direction of the request.
    if (page.min_id != 0) {
      p.min_id = entries->front().cursor;
    } else {
      p.max_id = entries->back().cursor;
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  if (static_cast<int>(found.size()) > page.limit) {
    if (page.min_id != 0)  // keep the ones nearest min_id
      found.erase(found.begin(), found.end() - page.limit);
    else
      found.resize(static_cast<size_t>(page.limit));
  }
  for (auto& [cursor, post] : found) out.posts.push_back(std::move(post));
  if (!found.empty()) {
    out.first_cursor = found.front().first;
    out.last_cursor = found.back().first;
  }
  return out;
}

static Result<std::vector<PageEntry>> AsEntries(Result<std::vector<int64_t>> ids) {
  if (!ids.ok()) return ids.status();
  std::vector<PageEntry> out;
  out.reserve(ids->size());
  for (int64_t id : *ids) out.push_back({id, id});
  return out;
}

// Does the source read by `fetch` (newest first, by post id) begin with
// exactly `ids` and, when `ended`, hold nothing after them? Collect reads
// a first page in rounds that each go on past the last id read, so the
// ids it read are the source's first ids.size(); one read of that many
// (one more when the source ended there) says whether they still are.
template <typename Fetch>
static Result<bool> SameNewest(Fetch fetch, const std::vector<int64_t>& ids, bool ended) {
  if (ids.empty() && !ended) return false;
  PageRequest p;
  p.limit = static_cast<int>(ids.size()) + (ended ? 1 : 0);
  Result<std::vector<int64_t>> now = fetch(p);
  if (!now.ok()) return now.status();
  return *now == ids;
}

Status TimelineService::RebuildHome(const Viewer& viewer) {
  const size_t cap = 400;
  // The candidates' ids, from indexes alone: the followees' and the
  // reader's own newest posts, their communities', the tags they follow,
  // and what mentions them.
  std::vector<int64_t> authors = viewer.graph->following;
  authors.push_back(viewer.account_id);
  auto recent = core_.store.statuses().RecentIdsByAuthors(authors, 0, static_cast<int>(cap * 2));
  if (!recent.ok()) return recent.status();
  auto mentioning = core_.store.statuses().RecentMentioning(viewer.account_id, 0, 100);
  if (!mentioning.ok()) return mentioning.status();
  auto in_communities = core_.store.statuses().RecentIdsInCommunities(viewer.graph->communities, 0,
                                                                      static_cast<int>(cap));
  if (!in_communities.ok()) return in_communities.status();
  std::vector<int64_t> ids = std::move(recent).value();
  ids.insert(ids.end(), in_communities->begin(), in_communities->end());
  ids.insert(ids.end(), mentioning->begin(), mentioning->end());
  if (!viewer.graph->followed_tags.empty()) {
    // The public posts of the tags followed (the policy decides below).
    auto tagged = core_.store.statuses().TagTimeline(viewer.graph->followed_tags, {}, {},
                                                     PageRequest{0, 0, 0, static_cast<int>(cap)});
    if (!tagged.ok()) return tagged.status();
    ids.insert(ids.end(), tagged->begin(), tagged->end());
  }
  std::sort(ids.begin(), ids.end(), std::greater<>());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // Only the newest candidates are read whole: half again the feed's cap,
  // and twice as many while too few of them belong in the feed.
  std::vector<FeedEntry> entries;
  for (size_t take = std::min(ids.size(), cap + cap / 2);; take = std::min(ids.size(), take * 2)) {
    auto built = HomeEntries(viewer, {ids.begin(), ids.begin() + static_cast<ptrdiff_t>(take)});
    if (!built.ok()) return built.status();
    entries = std::move(built).value();
    if (entries.size() >= cap || take == ids.size()) break;
  }
  return core_.feeds.Put(HomeFeedKey(viewer.account_id), std::move(entries));
}

// What the home rule needs of each of `ids` that exists: the cached post
// where there is one, else its routing fields from the store (tags only
// when `with_tags`). These partial records never enter the cache; the
// posts a page shows are loaded whole when it is rendered.
static Result<std::vector<StatusPtr>> RoutingOf(SocialCore& core, const std::vector<int64_t>& ids,
                                                bool with_tags) {
  std::vector<StatusPtr> out;
  std::vector<int64_t> misses;
  out.reserve(ids.size());
  for (int64_t id : ids) {
    if (StatusPtr cached = core.statuses.Peek(id))
      out.push_back(std::move(cached));
    else
      misses.push_back(id);
  }
  if (misses.empty()) return out;
  auto read = core.store.statuses().GetRouting(misses, with_tags);
  if (!read.ok()) return read.status();
  for (StatusRecord& r : *read) out.push_back(std::make_shared<const StatusRecord>(std::move(r)));
  return out;
}

Result<std::vector<FeedEntry>> TimelineService::HomeEntries(const Viewer& viewer,
                                                            const std::vector<int64_t>& ids) {
  // Tags matter only to a reader who follows some (ByFollowedTag).
  const bool with_tags = !viewer.graph->followed_tags.empty();
  auto posts = RoutingOf(core_, ids, with_tags);
  if (!posts.ok()) return posts.status();
  std::vector<int64_t> originals;
  for (const auto& s : *posts)
    if (s->reblog_of_id) originals.push_back(s->reblog_of_id);
  std::unordered_map<int64_t, StatusPtr> by_id;
  if (!originals.empty()) {
    auto o = RoutingOf(core_, originals, false);  // a repost reaches no one by tag
    if (!o.ok()) return o.status();
    for (auto& p : *o) by_id[p->id] = p;
  }
  // Oldest first, so that repost de-duplication keeps the earliest, as
  // pushing them one by one would.
  std::sort(posts->begin(), posts->end(),
            [](const StatusPtr& a, const StatusPtr& b) { return a->id < b->id; });
  std::vector<FeedEntry> entries;
  std::unordered_set<int64_t> shown;  // originals and plain posts already in
  for (const auto& s : *posts) {
    const StatusRecord* original = nullptr;
    if (s->reblog_of_id) {
      auto it = by_id.find(s->reblog_of_id);
      if (it == by_id.end()) continue;
      original = it->second.get();
    }
    if (!FanOutService::BelongsInHome(viewer, *s, original)) continue;
    int64_t key = s->reblog_of_id ? s->reblog_of_id : s->id;
    if (s->reblog_of_id && shown.count(key)) continue;
    shown.insert(key);
    entries.push_back({s->id, s->reblog_of_id});
  }
  return entries;
}

TimelineService::Keep TimelineService::KindIs(std::optional<StatusKind> kind) {
  if (!kind) return {};
  return [k = *kind](const VisiblePost& v) { return KindOf(v) == k; };
}

TimelineService::Keep TimelineService::WithMedia(Keep keep) {
  return [keep = std::move(keep)](const VisiblePost& v) {
    const StatusPtr& shown = v.original ? v.original : v.status;
    return !shown->media.empty() && (!keep || keep(v));
  };
}

Result<PostPage> TimelineService::Home(const Viewer& viewer, const PageRequest& page,
                                       const HomeFilter& filter) {
  Keep keep;
  if (filter.any()) {
    std::unordered_set<int64_t> network;
    if (filter.source == HomeFilter::Source::kNetwork) {
      // The reader's connections (mutual), all of them.
      PageRequest p{0, 0, 0, 500};
      for (int round = 0; round < 40; ++round) {
        auto entries = core_.store.relationships().Connections(viewer.account_id, p);
        if (!entries.ok()) return entries.status();
        for (const PageEntry& e : *entries) network.insert(e.id);
        if (entries->size() < static_cast<size_t>(p.limit)) break;
        p.max_id = entries->back().cursor;
      }
    }
    keep = [filter, network = std::move(network), &viewer](const VisiblePost& v) {
      const StatusRecord& shown = *(v.original ? v.original : v.status);
      if (filter.kind && shown.kind != *filter.kind) return false;
      switch (filter.source) {
        case HomeFilter::Source::kAll:
          return true;
        case HomeFilter::Source::kUpdates:
          return shown.community_id == 0;
        case HomeFilter::Source::kNetwork:
          return network.count(shown.account_id) > 0;
        case HomeFilter::Source::kCommunities:
          return shown.community_id != 0 && viewer.graph->MemberOf(shown.community_id);
      }
      return true;
    };
  }
  const std::string key = HomeFeedKey(viewer.account_id);
  auto warm = core_.feeds.IsWarm(key);
  if (!warm.ok()) return warm.status();
  if (!*warm)
    if (Status s = RebuildHome(viewer); !s.ok()) return s;
  return Collect(
      viewer, page, true,
      [&](const PageRequest& p) -> Result<std::vector<PageEntry>> {
        std::vector<FeedEntry> entries;
        auto read = core_.feeds.Read(key, p, &entries);
        if (!read.ok()) return read.status();
        if (!*read) {
          if (Status s = RebuildHome(viewer); !s.ok()) return s;
          read = core_.feeds.Read(key, p, &entries);
          if (!read.ok()) return read.status();
        }
        std::vector<PageEntry> out;
        for (const auto& e : entries) out.push_back({e.id, e.id});
        return out;
      },
      keep);
}

Result<PostPage> TimelineService::Public(const Viewer& viewer, const PageRequest& page,
                                         std::optional<StatusKind> kind, bool only_media) {
  if (kind && *kind != StatusKind::kStatus) {
    // The organization stream's blog entries or questions: those of kind,
    // as public as the stream's posts.
    StatusStore::KindFilter filter;
    filter.kind = *kind;
    return Collect(viewer, page, true, [&](const PageRequest& p) -> Result<std::vector<PageEntry>> {
      auto ids = core_.store.statuses().ByKind(filter, p);
      if (!ids.ok()) return ids.status();
      auto posts = core_.statuses.GetMany(*ids);
      if (!posts.ok()) return posts.status();
      std::unordered_set<int64_t> shown;
      for (const auto& s : *posts)
        if (s->visibility == Visibility::kPublic) shown.insert(s->id);
      std::vector<PageEntry> out;
      for (int64_t id : *ids) out.push_back({id, shown.count(id) ? id : 0});
      return out;
    });
  }
  Keep keep = KindIs(kind);
  if (only_media) keep = WithMedia(std::move(keep));
  return Collect(
      viewer, page, true,
      [&](const PageRequest& p) { return AsEntries(core_.store.statuses().PublicTimeline(p)); },
      keep);
}

Result<PostPage> TimelineService::Kind(const Viewer& viewer, const StatusStore::KindFilter& filter,
                                       const PageRequest& page) {
  if (filter.account_id != 0 && !VisibilityPolicy::CanSeeAccount(viewer, filter.account_id))
    return PostPage{};
  return Collect(viewer, page, filter.account_id == 0, [&](const PageRequest& p) {
    return AsEntries(core_.store.statuses().ByKind(filter, p));
  });
}

Result<PostPage> TimelineService::Tag(const Viewer& viewer, const std::vector<std::string>& any,
                                      const std::vector<std::string>& all,
                                      const std::vector<std::string>& none, const PageRequest& page,
                                      bool only_media) {
  return Collect(
      viewer, page, true,
      [&](const PageRequest& p) {
        return AsEntries(core_.store.statuses().TagTimeline(any, all, none, p));
      },
      only_media ? WithMedia({}) : Keep{});
}

Result<PostPage> TimelineService::Link(const Viewer& viewer, const std::string& url,
                                       const PageRequest& page) {
  return Collect(viewer, page, true, [&](const PageRequest& p) {
    return AsEntries(core_.store.statuses().LinkTimeline(url, p));
  });
}

Result<PostPage> TimelineService::Account(const Viewer& viewer, int64_t account_id,
                                          const StatusStore::AuthorFilter& filter,
                                          const PageRequest& page) {
  if (!VisibilityPolicy::CanSeeAccount(viewer, account_id)) return PostPage{};
  return Collect(viewer, page, false, [&](const PageRequest& p) {
    return AsEntries(core_.store.statuses().ByAuthor(account_id, filter, p));
  });
}

Status TimelineService::RebuildList(const Viewer& viewer, const ListRecord& list) {
  auto members = core_.store.lists().Accounts(list.id);
  if (!members.ok()) return members.status();
  std::vector<FeedEntry> entries;
  if (!members->empty()) {
    auto recent = core_.store.statuses().RecentByAuthors(*members, 0, 400);
    if (!recent.ok()) return recent.status();
    for (const auto& s : *recent) {
      if (s.in_reply_to_account_id != 0 && s.in_reply_to_account_id != s.account_id) {
        if (list.replies_policy == "none") continue;
        bool in_list =
            std::find(members->begin(), members->end(), s.in_reply_to_account_id) != members->end();
        if (list.replies_policy == "list" && !in_list) continue;
        if (list.replies_policy == "followed" && !viewer.graph->Follows(s.in_reply_to_account_id) &&
            s.in_reply_to_account_id != viewer.account_id)
          continue;
      }
      entries.push_back({s.id, s.reblog_of_id});
    }
  }
  return core_.feeds.Put(ListFeedKey(list.id), std::move(entries));
}

Result<PostPage> TimelineService::List(const Viewer& viewer, int64_t list_id,
                                       const PageRequest& page) {
  auto list = core_.store.lists().Get(list_id);
  if (!list.ok()) return list.status();
  if (list->account_id != viewer.account_id) return Status::NotFound();
  const std::string key = ListFeedKey(list_id);
  auto warm = core_.feeds.IsWarm(key);
  if (!warm.ok()) return warm.status();
  if (!*warm)
    if (Status s = RebuildList(viewer, *list); !s.ok()) return s;
  return Collect(viewer, page, true, [&](const PageRequest& p) -> Result<std::vector<PageEntry>> {
    std::vector<FeedEntry> entries;
    auto read = core_.feeds.Read(key, p, &entries);
    if (!read.ok()) return read.status();
    if (!*read) {
      if (Status s = RebuildList(viewer, *list); !s.ok()) return s;
      read = core_.feeds.Read(key, p, &entries);
      if (!read.ok()) return read.status();
    }
    std::vector<PageEntry> out;
    for (const auto& e : entries) out.push_back({e.id, e.id});
    return out;
  });
}

Result<PostPage> TimelineService::Community(const Viewer& viewer, int64_t community_id,
                                            const PageRequest& page) {
  return Collect(viewer, page, true, [&](const PageRequest& p) {
    return AsEntries(core_.store.statuses().CommunityTimeline(community_id, p));
  });
}

Result<bool> TimelineService::AccountUnchanged(int64_t account_id,
                                               const StatusStore::AuthorFilter& filter,
                                               const std::vector<int64_t>& ids, bool ended) {
  return SameNewest(
      [&](const PageRequest& p) { return core_.store.statuses().ByAuthor(account_id, filter, p); },
      ids, ended);
}

Result<bool> TimelineService::CommunityUnchanged(int64_t community_id,
                                                 const std::vector<int64_t>& ids, bool ended) {
  return SameNewest(
      [&](const PageRequest& p) {
        return core_.store.statuses().CommunityTimeline(community_id, p);
      },
      ids, ended);
}

Result<bool> TimelineService::TagUnchanged(const std::vector<std::string>& any,
                                           const std::vector<std::string>& all,
                                           const std::vector<std::string>& none,
                                           const std::vector<int64_t>& ids, bool ended) {
  return SameNewest(
      [&](const PageRequest& p) { return core_.store.statuses().TagTimeline(any, all, none, p); },
      ids, ended);
}

Result<PostPage> TimelineService::Bookmarks(const Viewer& viewer, const PageRequest& page) {
  return Collect(viewer, page, false, [&](const PageRequest& p) {
    return core_.store.statuses().Bookmarks(viewer.account_id, p);
  });
}

Result<PostPage> TimelineService::Favourites(const Viewer& viewer, const PageRequest& page) {
  return Collect(viewer, page, false, [&](const PageRequest& p) {
    return core_.store.statuses().Favourites(viewer.account_id, p);
  });
}

Result<TimelineService::Context> TimelineService::ContextOf(const Viewer& viewer,
                                                            int64_t status_id) {
  auto root = core_.Visible(viewer, status_id);
  if (!root.ok()) return root.status();
  Context out;
  const StatusRecord& start = root->original ? *root->original : *root->status;
  // Ancestors: up the reply chain; a missing or invisible one ends it.
  int64_t parent = start.in_reply_to_id;
  while (parent != 0 && out.ancestors.size() < kMaxAncestors) {
    auto p = core_.Visible(viewer, parent);
    if (!p.ok()) break;
    parent = p->status->in_reply_to_id;
    out.ancestors.push_back(std::move(p).value());
  }
  std::reverse(out.ancestors.begin(), out.ancestors.end());
  // Descendants: depth-first, children oldest first; an invisible reply
  // hides the replies under it too.
  std::function<Status(int64_t, int)> walk = [&](int64_t id, int depth) -> Status {
    if (depth > 40 || out.descendants.size() >= kMaxDescendants) return Status::Ok();
    auto children = core_.store.statuses().Replies(id);
    if (!children.ok()) return children.status();
    auto visible = core_.VisibleMany(viewer, *children, false);
    if (!visible.ok()) return visible.status();
    for (auto& v : *visible) {
      int64_t child = v.status->id;
      out.descendants.push_back(std::move(v));
      if (Status s = walk(child, depth + 1); !s.ok()) return s;
    }
    return Status::Ok();
  };
  if (Status s = walk(start.id, 0); !s.ok()) return s;
  return out;
}

static Result<AccountPage> FilterPeople(const Viewer& viewer,
                                        Result<std::vector<PageEntry>> entries) {
  if (!entries.ok()) return entries.status();
  return VisibilityPolicy::VisiblePeople(viewer, *entries);
}

Result<AccountPage> TimelineService::FavouritedBy(const Viewer& viewer, int64_t status_id,
                                                  const PageRequest& page) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  int64_t id = post->original ? post->original->id : post->status->id;
  return FilterPeople(viewer, core_.store.statuses().FavouritedBy(id, page));
}

Result<AccountPage> TimelineService::RebloggedBy(const Viewer& viewer, int64_t status_id,
                                                 const PageRequest& page) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  int64_t id = post->original ? post->original->id : post->status->id;
  return FilterPeople(viewer, core_.store.statuses().RebloggedBy(id, page));
}

Result<PostPage> TimelineService::Quotes(const Viewer& viewer, int64_t status_id,
                                         const PageRequest& page) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  const int64_t id = post->original ? post->original->id : post->status->id;
  return Collect(viewer, page, false,
                 [&](const PageRequest& p) { return core_.store.statuses().QuotesOf(id, p); });
}

Result<TimelineService::History> TimelineService::EditHistory(const Viewer& viewer,
                                                              int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  auto edits = core_.store.statuses().History(status_id);
  if (!edits.ok()) return edits.status();
  return History{std::move(post).value(), std::move(edits).value()};
}

}  // namespace atrium
