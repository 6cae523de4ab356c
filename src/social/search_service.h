// SearchService: finding people, hashtags and posts for a member, as
// Mastodon's search answers it on a server without a full-text index.
//
//   * People: active members with a word of their name, title,
//     department, location, expertise or about starting with each word of
//     the query (a leading '@' and a trailing "@this-server" ignored), an
//     exact username first, from the store's index of people, as the one
//     rule for people allows (VisibilityPolicy::CanSeeAccount, inside the
//     query and again after); with `following`, only people the viewer
//     follows. Experts ("who knows X"): people whose expertise holds the
//     words, those with more endorsements of the matching tags first.
//   * Communities: by name, handle, description and tags, only those the
//     viewer may know of (CommunitySearch in store/search_store.h).
//   * Typeahead: people, communities and hashtags whose names hold what is
//     typed, a few of each.
//   * Hashtags: tags starting with the query (a leading '#' ignored) that a
//     public post carries; a query with a space finds none.
//   * Posts: by their address — a post's URL or permalink on this server
//     pasted into the search box — or by their words (Posts): the search
//     language of base/search_syntax.h over the store's full-text index,
//     every kind of post (status updates, comments, blog entries,
//     questions and answers), ranked by relevance blended with recency
//     (over the newest kSearchCandidates matches, the older ones after
//     them) or newest first, with highlights. The viewer's scope
//     (VisibilityPolicy::SearchScopeOf) filters inside the store's query,
//     so pages are full and counts honest; each post found is checked
//     again with VisibilityPolicy::CanSee, which never drops one while the
//     two agree (guard_drops counts those it would).
//
// A query that is an address (contains "://") finds only posts. Paging is
// Mastodon's: `limit` and `offset` (posts by address have one page only).
//
// The index behind Posts is the store's (SQLite FTS5 or PostgreSQL
// tsvector); an organization larger than one PostgreSQL would put another
// engine (OpenSearch) behind the same PostQuery and PostResults.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "base/search_syntax.h"
#include "social/social_core.h"

namespace atrium {

enum class SearchKind { kAccounts, kHashtags, kStatuses };

struct SearchQuery {
  std::string text;               // trimmed; must not be empty
  std::vector<SearchKind> kinds;  // what to look for; empty: every kind
  bool following = false;         // people: only those the viewer follows
  int limit = 20;
  int offset = 0;
  // Posts by words: only those older than max_id / newer than min_id, only
  // the author account_id's (0: anyone's).
  int64_t max_id = 0;
  int64_t min_id = 0;
  int64_t account_id = 0;
  // The host the request was addressed to: an address on it is this
  // server's, like one on the configured base URL.
  std::string request_host;
};

// Posts by their words.
struct PostQuery {
  std::string text;     // the search language (base/search_syntax.h)
  bool recent = false;  // newest first, not by relevance
  int limit = 20;
  int offset = 0;
  int64_t max_id = 0;
  int64_t min_id = 0;
  int64_t account_id = 0;  // only this author's posts; 0: anyone's
  bool count = false;      // also the total and the facets
};

struct PostHit {
  SocialCore::VisiblePost post;
  std::string title_highlight;  // escaped HTML, words found in <mark>; "" without a title
  std::string highlight;        // escaped HTML fragment of the text, words found in <mark>
};

struct PostResults {
  std::vector<PostHit> hits;
  // With `count`: every post found that the viewer may see, by kind
  // ("status", "blog", "question"), community (0: none) and author; when
  // there are more than kSearchCountCap (`capped`), the newest
  // kSearchCountCap of them.
  int64_t total = 0;
  bool capped = false;
  std::vector<std::pair<std::string, int64_t>> kinds;
  std::vector<SearchFacet> communities;
  std::vector<SearchFacet> authors;
};

// People or communities by their words.
struct DirectoryQuery {
  std::string text;
  bool experts = false;  // people: who knows it (expertise, endorsements first)
  int limit = 20;
  int offset = 0;
};

struct SearchResult {
  std::vector<int64_t> account_ids;
  std::vector<std::string> hashtags;  // normalized names
  std::vector<SocialCore::VisiblePost> statuses;
};

class SearchService {
 public:
  explicit SearchService(SocialCore& core) : core_(core) {}
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  // Everything `query` finds for `viewer`, of the kinds it asks for.
  Result<SearchResult> Search(const Viewer& viewer, const SearchQuery& query);

  // People only (also GET /api/v1/accounts/search): ids in the store's
  // order (an exact username first, then by username).
  Result<std::vector<int64_t>> Accounts(const Viewer& viewer, std::string text, int limit,
                                        int offset, bool following);
  // People by their words (or experts), as `viewer` may see them; ids in
  // order of relevance (experts: endorsements first).
  Result<std::vector<int64_t>> People(const Viewer& viewer, const DirectoryQuery& query);
  // Communities by their words that `viewer` may know of, by relevance.
  Result<std::vector<int64_t>> Communities(const Viewer& viewer, const DirectoryQuery& query);
  // Typeahead: at most `limit` people, communities and hashtags each.
  Result<NamePage> Typeahead(const Viewer& viewer, const std::string& text, int limit);

  // Posts by their words, as `viewer` may see them. 422 for a query the
  // search language refuses, or one with nothing to find (only exclusions).
  Result<PostResults> Posts(const Viewer& viewer, const PostQuery& query);

  // Rewrites the whole index of `index` (posts, then people, communities
  // and hashtags), in batches of one write transaction each, beside a
  // serving process; calls progress(what, rows done, rows in all) after
  // each batch ("posts", "people", "communities", "hashtags") and stops
  // (kUnavailable) when it returns false; records the index's version only
  // when every part is done, so an interrupted reindex is done again.
  static Status Reindex(SearchStore& index,
                        const std::function<bool(std::string_view, int64_t, int64_t)>& progress);
  // True if the store's index is of this build's version.
  static Result<bool> IndexCurrent(SearchStore& index);

  // Posts the store's scoped query returned that CanSee then refused: 0
  // while the scope and the policy agree.
  int64_t guard_drops() const { return guard_drops_.load(); }

  // Hashtags only: normalized names, the exact one first, then by name.
  Result<std::vector<std::string>> Hashtags(const std::string& text, int limit, int offset);

  // The id of the post at `address` if it is the address of a post of this
  // server (/@user/ID, /@user/blog/ID-slug, /@user/questions/ID-slug,
  // /statuses/ID, /web/statuses/ID on the base URL's host or on
  // `request_host`), else 0.
  int64_t PostIdFromAddress(const std::string& address, const std::string& request_host) const;

 private:
  SocialCore& core_;
  std::atomic<int64_t> guard_drops_{0};
};

}  // namespace atrium
