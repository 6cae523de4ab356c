// SearchStore: the full-text indexes of posts, people and communities, the
// names typeahead matches, and the queries over them, the same contract on
// both backends (SQLite FTS5 with the unicode61 tokenizer folding
// diacritics and the trigram tokenizer; PostgreSQL tsvector with unaccent
// and a GIN index, pg_trgm).
//
// People (username, display name, title, department, location, expertise,
// about) and communities (name, handle, description, tags) are indexed
// folded (FoldForSearch), so both backends hold the same words; their
// entries are written in the transaction that creates or changes the
// account, its expertise or the community. The names of people (username
// and display name), communities (handle and name) and hashtags are kept
// for typeahead, matched by any three characters in a row.
//
// The index holds every post but reposts (a repost has no words of its
// own): its title (weighted above the body) and its body (content warning
// and text). It is written in the transaction that creates, edits or
// deletes the post (StatusStore), so it never disagrees with the posts.
//
// A query carries the reader's scope (SearchScope, made by the visibility
// policy) and is filtered by it inside the SQL, before LIMIT and before any
// count: a page is full and a count is honest.
//
// Safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/search_syntax.h"
#include "base/status.h"

namespace atrium {

// The version of the index's format this build writes: a database whose
// index is older (SearchStore::IndexVersion) is reindexed by `atrium serve`
// at start, online. Bump it when what is indexed changes.
inline constexpr int kSearchIndexVersion = 2;

// Relevance (blended with recency) ranks the newest this many matches the
// reader may see, not every match: the cost of a query stays the same
// whether its words are rare or common. A word rarer than this has every
// match ranked (so a strong old match comes first); a common word ranks
// its newest matches, and the older ones follow them, newest first.
inline constexpr int kSearchCandidates = 2000;
// Counts and facets read at most this many matches (the newest the reader
// may see); a query that finds more says so (PostSearchPage::capped).
inline constexpr int kSearchCountCap = 1000;

// Who the reader is, as the store's query needs it to apply the visibility
// rules (VisibilityPolicy::SearchScopeOf makes it; nothing else should).
struct SearchScope {
  int64_t viewer_id = 0;
  std::vector<int64_t> communities;  // sorted: communities whose posts the viewer may read
  std::vector<int64_t> blocked;      // sorted: accounts blocked either way
  std::vector<int64_t> following;    // sorted: accounts whose followers-only posts they see
};

struct PostSearch {
  std::vector<SearchTerm> terms;  // at least one not excluded, or an operator
  SearchScope scope;
  // Operators (see base/search_syntax.h); empty or false: not narrowed.
  std::string from_username;
  bool has_link = false;
  bool has_media = false;
  bool has_poll = false;
  bool is_reply = false;
  bool unanswered = false;
  bool in_library = false;
  int64_t created_before = 0;
  int64_t created_from = 0;
  std::optional<int> kind;  // StatusKind's number
  std::string community_handle;
  std::vector<std::string> tags;
  int64_t community_id = 0;  // the posts of one community only
  int64_t account_id = 0;    // the posts of one author only
  // Order: relevance blended with recency, or newest first. By relevance,
  // the newest `candidates` matches the scope may see are ranked, and the
  // older ones follow them newest first (one order, so pages neither repeat
  // nor skip a post).
  bool recent = false;
  int candidates = kSearchCandidates;
  int64_t max_id = 0;  // only posts older than this (both orders)
  int64_t min_id = 0;  // only posts newer than this
  int limit = 20;
  int offset = 0;
  // Also count the matches and facet them (by kind, community and author):
  // the newest `count_cap` at most.
  bool count = false;
  int count_cap = kSearchCountCap;
};

struct SearchFacet {
  int64_t key = 0;  // the kind's number, the community id or the author id
  int64_t count = 0;
};

struct PostSearchPage {
  std::vector<int64_t> ids;  // in the order asked for
  // With `count`: every match the reader may see (within max_id, min_id),
  // or, when there are more than count_cap (`capped`), count_cap: the
  // facets then count the newest count_cap matches.
  int64_t total = 0;
  bool capped = false;
  std::vector<SearchFacet> kinds;        // with `count`, by count, then key
  std::vector<SearchFacet> communities;  // with `count`: top 10 (0: outside communities)
  std::vector<SearchFacet> authors;      // with `count`: top 10
};

// People by their words, as the reader may see them: active members, not
// blocked either way (VisibilityPolicy::CanSeeAccount).
struct PeopleSearch {
  std::vector<SearchTerm> terms;  // the positive ones are looked for; folded by the store
  SearchScope scope;
  bool names_only = false;  // username and display name only
  bool following = false;   // only the people scope.following holds
  // Who knows it: the words in the expertise only, people with more
  // endorsements of the expertise tags in `endorsed_tags` first.
  bool experts = false;
  std::vector<std::string> endorsed_tags;
  std::string exact_username;  // this username (if it matches) first
  int limit = 20;
  int offset = 0;
};

// Communities by their words (name, handle, description, tags), only those
// the reader may know of: every public or moderated one and every listed
// restricted one; an unlisted restricted one only if the reader is a
// member, invited or asking to join (CommunityService's rule, applied by
// the store; admins find them only as members too).
struct CommunitySearch {
  std::vector<SearchTerm> terms;  // the positive ones are looked for; folded by the store
  SearchScope scope;
  bool names_only = false;  // name and handle only
  int limit = 20;
  int offset = 0;
};

// Typeahead: people, communities and hashtags whose names hold `text`
// (folded) as typed — any three characters in a row, or, shorter, the start
// of a word — a few of each, under the same rules as PeopleSearch,
// CommunitySearch and hashtags (only tags a public post outside restricted
// communities carries).
struct NameSearch {
  std::string text;
  SearchScope scope;
  int limit = 5;  // of each
};

struct NamePage {
  std::vector<int64_t> people;
  std::vector<int64_t> communities;
  std::vector<std::string> tags;  // normalized names
};

// The parts of the index, each rebuilt by ReindexPart.
enum class SearchPart { kPosts, kPeople, kCommunities, kTags };

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // The posts matching `query` that its scope may see.
  virtual Result<PostSearchPage> SearchPosts(const PostSearch& query) = 0;

  // People, communities and names, as the structs above say; ids in the
  // order of relevance (names: by name).
  virtual Result<std::vector<int64_t>> SearchPeople(const PeopleSearch& query) = 0;
  virtual Result<std::vector<int64_t>> SearchCommunities(const CommunitySearch& query) = 0;
  virtual Result<NamePage> SearchNames(const NameSearch& query) = 0;

  // Rewrites the index entries of `part` (posts, accounts, communities or
  // tags) with id > after_id, at most `batch` of them in id order, in one
  // write transaction. Returns the last id rewritten (0 when there were
  // none left).
  virtual Result<int64_t> ReindexPart(SearchPart part, int64_t after_id, int batch) = 0;
  Result<int64_t> ReindexPosts(int64_t after_id, int batch) {
    return ReindexPart(SearchPart::kPosts, after_id, batch);
  }
  // The version of the index's format the database holds (0: never built),
  // and setting it once a reindex is done.
  virtual Result<int> IndexVersion() = 0;
  virtual Status SetIndexVersion(int version) = 0;
  // Merges the post index's pieces, at most about `pages` pages of work in
  // one write transaction; true if it merged something (call again until
  // false). A reindex leaves SQLite's FTS5 index in many pieces whose
  // automatic merging, done a little at every later write, made posting two
  // to three times slower until it ended; merged once, a post adds one
  // small piece. False at once on PostgreSQL, whose GIN index needs none.
  virtual Result<bool> MergePostIndex(int pages) = 0;
  // Posts in the store (for a reindex's progress).
  virtual Result<int64_t> CountPosts() = 0;
  // Rows of `part` in the store (for a reindex's progress).
  virtual Result<int64_t> CountPart(SearchPart part) = 0;
};

}  // namespace atrium
