// TimelineService: every stream of posts a member reads — home, the
// organization stream, tags, a person's posts, lists, bookmarks and likes —
// and a post's thread. Each goes through the visibility policy; the streams
// (not profiles or permalinks) also leave out muted people.
//
// Home and list streams are read from the feed cache; a cold feed is
// rebuilt from the store first by the same rule fan-out uses
// (FanOutService::BelongsInHome). The others page through the store.
//
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "social/social_core.h"

namespace atrium {

using VisiblePost = SocialCore::VisiblePost;

// A page of posts and, for lists whose cursor is not the post id (likes,
// bookmarks), the cursors of the first and last entries.
struct PostPage {
  std::vector<VisiblePost> posts;
  int64_t first_cursor = 0;
  int64_t last_cursor = 0;
  // Every post the page was decided from, shown or left out by the policy
  // (and the originals of reposts): while none of them changes, nor the
  // reader's graph, nor the source, the same request gives the same posts.
  std::vector<StatusPtr> considered;
  // The ids read from the source, newest first, and whether the source
  // ended there. For a first page read by post id (a person's posts, a
  // community's, a tag's), *Unchanged below says whether they are still
  // the source's newest.
  std::vector<int64_t> source_ids;
  bool source_ended = false;
};

// Atrium's home filters: which of the home stream's posts to show.
struct HomeFilter {
  // Only posts of this kind (for a repost, its original's kind).
  std::optional<StatusKind> kind;
  enum class Source {
    kAll,
    kUpdates,      // posts outside communities
    kNetwork,      // by people the reader is connected with (a repost: its original's author)
    kCommunities,  // in the reader's communities
  };
  Source source = Source::kAll;
  bool any() const { return kind.has_value() || source != Source::kAll; }
};

class TimelineService {
 public:
  explicit TimelineService(SocialCore& core) : core_(core) {}
  TimelineService(const TimelineService&) = delete;
  TimelineService& operator=(const TimelineService&) = delete;

  // Home (narrowed by `filter`) and the organization stream; with `kind`,
  // only posts of that kind (for a repost, its original's kind).
  Result<PostPage> Home(const Viewer& viewer, const PageRequest& page,
                        const HomeFilter& filter = {});
  // `only_media`: only posts with attachments.
  Result<PostPage> Public(const Viewer& viewer, const PageRequest& page,
                          std::optional<StatusKind> kind = std::nullopt, bool only_media = false);
  // Blog entries or questions matching `filter` that the viewer may see
  // (the caller checks a community filter's community is readable). Muted
  // people are left out unless the list is of one author.
  Result<PostPage> Kind(const Viewer& viewer, const StatusStore::KindFilter& filter,
                        const PageRequest& page);
  // `only_media`: only posts with attachments.
  Result<PostPage> Tag(const Viewer& viewer, const std::vector<std::string>& any,
                       const std::vector<std::string>& all, const std::vector<std::string>& none,
                       const PageRequest& page, bool only_media = false);
  // The posts sharing a link (see StatusStore::LinkTimeline).
  Result<PostPage> Link(const Viewer& viewer, const std::string& url, const PageRequest& page);
  Result<PostPage> Account(const Viewer& viewer, int64_t account_id,
                           const StatusStore::AuthorFilter& filter, const PageRequest& page);
  // 404 unless the list belongs to the viewer.
  Result<PostPage> List(const Viewer& viewer, int64_t list_id, const PageRequest& page);
  // A community's stream (the caller checks the viewer may read it; the
  // policy filters each post too).
  Result<PostPage> Community(const Viewer& viewer, int64_t community_id, const PageRequest& page);
  // Whether the source of a first page of Account, Community or Tag (with
  // the same arguments, without only_media) still begins with exactly
  // `ids` (PostPage::source_ids) and, when `ended`, holds nothing after
  // them: one read of as many ids from the same index. While it does, and
  // no post looked at, no account written, nor the reader's graph or marks
  // changed, the page is the same.
  Result<bool> AccountUnchanged(int64_t account_id, const StatusStore::AuthorFilter& filter,
                                const std::vector<int64_t>& ids, bool ended);
  Result<bool> CommunityUnchanged(int64_t community_id, const std::vector<int64_t>& ids,
                                  bool ended);
  Result<bool> TagUnchanged(const std::vector<std::string>& any,
                            const std::vector<std::string>& all,
                            const std::vector<std::string>& none, const std::vector<int64_t>& ids,
                            bool ended);
  Result<PostPage> Bookmarks(const Viewer& viewer, const PageRequest& page);
  Result<PostPage> Favourites(const Viewer& viewer, const PageRequest& page);

  struct Context {
    std::vector<VisiblePost> ancestors;    // oldest first
    std::vector<VisiblePost> descendants;  // in thread order
  };
  Result<Context> ContextOf(const Viewer& viewer, int64_t status_id);

  // A post the viewer may see and its earlier versions, oldest first; 404
  // if it does not exist or the viewer may not see it.
  struct History {
    VisiblePost post;
    std::vector<StatusEditRecord> edits;
  };
  Result<History> EditHistory(const Viewer& viewer, int64_t status_id);

  // How many posts there are (the instance's statistics).
  Result<int64_t> CountPosts() { return core_.store.statuses().CountAll(); }

  // Who liked / reposted a post the viewer may see (people either side of a
  // block with the viewer are left out).
  Result<AccountPage> FavouritedBy(const Viewer& viewer, int64_t status_id,
                                   const PageRequest& page);
  Result<AccountPage> RebloggedBy(const Viewer& viewer, int64_t status_id, const PageRequest& page);
  // The posts quoting the post `status_id` (404 unless the viewer may see
  // it) that the viewer may see, newest first.
  Result<PostPage> Quotes(const Viewer& viewer, int64_t status_id, const PageRequest& page);

  // Builds the viewer's home feed from the store into the feed cache.
  Status RebuildHome(const Viewer& viewer);

 private:
  // The home feed's entries among the posts `ids`: those that belong in
  // it (FanOutService::BelongsInHome), one entry for a post and its
  // reposts (the earliest).
  Result<std::vector<FeedEntry>> HomeEntries(const Viewer& viewer, const std::vector<int64_t>& ids);
  // Which visible posts a filtered stream keeps; empty: all.
  using Keep = std::function<bool(const VisiblePost&)>;
  // Reads pages of ids from `fetch` until `page.limit` visible posts are
  // found or the source runs dry (bounded), filtering through the policy.
  // With `keep`, posts it refuses are dropped (and the source is read in
  // larger pages, as most of it may be dropped).
  template <typename Fetch>
  Result<PostPage> Collect(const Viewer& viewer, const PageRequest& page, bool for_streams,
                           Fetch fetch, const Keep& keep = {});
  static Keep KindIs(std::optional<StatusKind> kind);
  // What `keep` keeps (all if empty) that has attachments (a repost: its
  // original's).
  static Keep WithMedia(Keep keep);
  Status RebuildList(const Viewer& viewer, const ListRecord& list);

  SocialCore& core_;
};

}  // namespace atrium
