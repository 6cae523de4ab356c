// SearchService: finding people, hashtags and posts for a member, as
// Mastodon's search answers it on a server without a full-text index.
//
//   * People: active members whose username, display name or a word of it
//     starts with the query (a leading '@' and a trailing "@this-server"
//     ignored), as the one rule for people allows (VisibilityPolicy::
//     CanSeeAccount); with `following`, only people the viewer follows.
//   * Hashtags: tags starting with the query (a leading '#' ignored) that a
//     public post carries; a query with a space finds none.
//   * Posts: by their address — a post's URL or permalink on this server
//     pasted into the search box — never by the words in them (yet: post
//     search grows here, behind the same query), and only what
//     VisibilityPolicy::CanSee lets the viewer see.
//
// A query that is an address (contains "://") finds only posts. Paging is
// Mastodon's: `limit` and `offset` (posts by address have one page only).
//
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "social/social_core.h"

namespace atrium {

enum class SearchKind { kAccounts, kHashtags, kStatuses };

struct SearchQuery {
  std::string text;               // trimmed; must not be empty
  std::vector<SearchKind> kinds;  // what to look for; empty: every kind
  bool following = false;         // people: only those the viewer follows
  int limit = 20;
  int offset = 0;
  // The host the request was addressed to: an address on it is this
  // server's, like one on the configured base URL.
  std::string request_host;
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
  // Hashtags only: normalized names, the exact one first, then by name.
  Result<std::vector<std::string>> Hashtags(const std::string& text, int limit, int offset);

  // The id of the post at `address` if it is the address of a post of this
  // server (/@user/ID, /@user/blog/ID-slug, /@user/questions/ID-slug,
  // /statuses/ID, /web/statuses/ID on the base URL's host or on
  // `request_host`), else 0.
  int64_t PostIdFromAddress(const std::string& address, const std::string& request_host) const;

 private:
  SocialCore& core_;
};

}  // namespace atrium
