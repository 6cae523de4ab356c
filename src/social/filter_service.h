// FilterService: a member's filters (Mastodon's filters, API v2 and the v1
// shim) and muted threads — writing them, and deciding what they do to a
// post shown in one place (a context).
//
// A filter matches a post by one of its keywords (case-insensitive over the
// post's text, spoiler text, title, poll options and media descriptions;
// whole-word keywords as whole words, word_match.h) or by naming the post.
// A reader's filters never apply to the reader's own posts. An expired
// filter does nothing. Matching reads the reader's snapshot in FilterCache;
// every write here invalidates it.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "social/social_core.h"

namespace atrium {

// Mastodon's names of contexts and actions, and back (nullopt: unknown).
std::string_view FilterContextName(FilterContext context);
std::optional<FilterContext> ParseFilterContext(std::string_view name);
std::string_view FilterActionName(FilterAction action);
std::optional<FilterAction> ParseFilterAction(std::string_view name);

// One keyword to add (id 0), change or remove (destroy).
struct KeywordChange {
  int64_t id = 0;
  std::optional<std::string> keyword;
  std::optional<bool> whole_word;
  bool destroy = false;
};

// What to set on a filter: each field left nullopt stays as it is (on
// creation, title and contexts are required).
struct FilterChange {
  std::optional<std::string> title;
  std::optional<std::vector<FilterContext>> contexts;
  std::optional<FilterAction> action;
  // Seconds from now until the filter ends; 0: never (clears an end).
  std::optional<int64_t> expires_in;
  std::vector<KeywordChange> keywords;
};

// What one filter matched in a post.
struct FilterMatch {
  const FilterRecord* filter = nullptr;  // in the snapshot the verdict came from
  std::vector<std::string> keyword_matches;
  std::vector<int64_t> status_matches;
};

// What a reader's filters do to one post in one context.
struct FilterVerdict {
  bool hide = false;                 // a matching filter hides it
  std::vector<FilterMatch> matches;  // every matching filter, hiding ones too
};

class FilterService {
 public:
  static constexpr int kMaxFilters = 100;
  static constexpr int kMaxRulesPerFilter = 200;  // keywords and posts each
  static constexpr int kMaxTitleChars = 200;
  static constexpr int kMaxKeywordChars = 200;

  explicit FilterService(SocialCore& core) : core_(core) {}
  FilterService(const FilterService&) = delete;
  FilterService& operator=(const FilterService&) = delete;

  // The member's filters, oldest first; one of them (kNotFound if not theirs).
  Result<std::vector<FilterRecord>> List(int64_t account);
  Result<FilterRecord> Get(int64_t account, int64_t id);
  // Creates or changes a filter; 422 naming the problem (nothing written)
  // for a blank or long title, no contexts, a bad keyword, an unknown
  // keyword id, too many filters or keywords.
  Result<FilterRecord> Create(int64_t account, const FilterChange& change);
  Result<FilterRecord> Update(int64_t account, int64_t id, const FilterChange& change);
  Status Delete(int64_t account, int64_t id);

  // A keyword and the filter it belongs to, by the keyword's id.
  struct KeywordRef {
    FilterRecord filter;
    FilterKeywordRecord keyword;
  };
  Result<KeywordRef> GetKeyword(int64_t account, int64_t keyword_id);
  Result<FilterKeywordRecord> AddKeyword(int64_t account, int64_t filter_id,
                                         const KeywordChange& keyword);
  Result<FilterKeywordRecord> UpdateKeyword(int64_t account, int64_t keyword_id,
                                            const KeywordChange& change);
  Status DeleteKeyword(int64_t account, int64_t keyword_id);

  // A filtered post by its entry's id, and the filter it is in.
  struct StatusRef {
    FilterRecord filter;
    FilterStatusRecord status;
  };
  Result<StatusRef> GetStatus(int64_t account, int64_t filter_status_id);
  // Adds a post the viewer may see (else kNotFound) to a filter of theirs;
  // 422 if the filter names it already.
  Result<FilterStatusRecord> AddStatus(const Viewer& viewer, int64_t filter_id, int64_t status_id);
  Status DeleteStatus(int64_t account, int64_t filter_status_id);

  // Mutes (unmutes) the thread of a post the viewer may see (else
  // kNotFound): no notification about a post of that thread is made for
  // them. Repeating either changes nothing.
  Status MuteThread(const Viewer& viewer, int64_t status_id);
  Status UnmuteThread(const Viewer& viewer, int64_t status_id);

  // The reader's snapshot (FilterCache).
  Result<ReaderFiltersPtr> Rules(int64_t reader) { return core_.filters.Get(reader); }
  // Does the reader have anything that changes how posts are shown to them
  // at `now`: a filter not yet expired, or a muted thread?
  bool Personal(int64_t reader, int64_t now);
  // What `rules` (the reader `reader`'s) do in `context` at `now` to `post`
  // (for a repost, its original).
  static FilterVerdict Check(const ReaderFilters& rules, int64_t reader, FilterContext context,
                             const StatusRecord& post, int64_t now);

 private:
  // Applies `change` to `filter` and checks the result.
  Status Apply(FilterRecord& filter, const FilterChange& change);
  Status CheckKeyword(const std::string& keyword);
  SocialCore& core_;
};

}  // namespace atrium
