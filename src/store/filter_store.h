// Filters and muted threads: what a member chose not to see or hear.
//
// A filter belongs to one member: a title, the places it applies to
// (contexts), what it does to a post it matches (action), an optional end,
// and what it matches — keywords (each whole-word or not) and particular
// posts. A muted thread is the first post of a conversation whose
// notifications the member no longer wants.
//
// The store keeps them as they are written; validation, limits and matching
// are FilterService's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

// Where a filter applies (Mastodon's filter contexts).
enum class FilterContext : uint8_t { kHome, kNotifications, kPublic, kThread, kAccount };
// What a filter does to a post it matches.
enum class FilterAction : uint8_t { kWarn, kHide, kBlur };

struct FilterKeywordRecord {
  int64_t id = 0;
  std::string keyword;
  bool whole_word = true;
};

struct FilterStatusRecord {
  int64_t id = 0;
  int64_t status_id = 0;
};

struct FilterRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string title;
  std::vector<FilterContext> contexts;  // not empty, each once
  FilterAction action = FilterAction::kWarn;
  int64_t expires_at = 0;  // ms; 0: never
  int64_t created_at = 0;
  std::vector<FilterKeywordRecord> keywords;  // in the order added
  std::vector<FilterStatusRecord> statuses;   // in the order added
};

// Every method is one transaction. Safe for concurrent use.
class FilterStore {
 public:
  virtual ~FilterStore() = default;
  // Every filter of `account_id` (expired ones too), oldest first, with
  // their keywords and posts.
  virtual Result<std::vector<FilterRecord>> List(int64_t account_id) = 0;
  // Inserts `filter` (ids set) with its keywords and posts.
  virtual Status Create(const FilterRecord& filter) = 0;
  // Replaces the filter `filter.id` of `filter.account_id` — its fields,
  // keywords and posts — by `filter`; kNotFound if there is none.
  virtual Status Update(const FilterRecord& filter) = 0;
  // Deletes `account_id`'s filter `id`; kNotFound if there is none.
  virtual Status Delete(int64_t account_id, int64_t id) = 0;

  // The first posts of the threads `account_id` muted.
  virtual Result<std::vector<int64_t>> MutedThreads(int64_t account_id) = 0;
  // Mutes (or unmutes) the thread starting at `thread_id` for `account_id`;
  // doing it twice changes nothing.
  virtual Status MuteThread(int64_t account_id, int64_t thread_id) = 0;
  virtual Status UnmuteThread(int64_t account_id, int64_t thread_id) = 0;
};

}  // namespace atrium
