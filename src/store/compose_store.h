// ComposeStore: what the composer's audience line and advice read from the
// store — the ids of active members (counted against), the organization's
// changes to its advice rule pack, and recent posts carrying a link. Safe
// for concurrent use, as every store is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

// An administrator's change to the advice rule pack: kind "rule" (name: a
// rule id) or "list" (name: a word list), the value as JSON text.
struct AdviceOverride {
  std::string kind;
  std::string name;
  std::string value;
  int64_t updated_by = 0;
  int64_t updated_at = 0;  // ms
};

// A post that carries a link: who wrote it, when.
struct LinkedPost {
  int64_t status_id = 0;
  int64_t account_id = 0;
};

class ComposeStore {
 public:
  virtual ~ComposeStore() = default;
  // Every active account's id, ascending. One index scan: O(members).
  virtual Result<std::vector<int64_t>> ActiveAccountIds() = 0;
  // Every override, by kind then name.
  virtual Result<std::vector<AdviceOverride>> AdviceOverrides() = 0;
  // Writes (or replaces) one override.
  virtual Status SetAdviceOverride(const AdviceOverride& o) = 0;
  // Removes one override (the pack's own value counts again); OK if absent.
  virtual Status ClearAdviceOverride(std::string_view kind, std::string_view name) = 0;
  // Posts (not reposts) with an id at or above `since_id` whose text holds
  // `link` (compared without case), newest first, at most `limit`. Reads
  // the id range only: a month of posts at most.
  virtual Result<std::vector<LinkedPost>> PostsWithLink(std::string_view link, int64_t since_id,
                                                        int limit) = 0;
};

}  // namespace atrium
