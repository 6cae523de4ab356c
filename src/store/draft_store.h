// DraftStore: blog entries a member has started and not yet published,
// kept on the server so that writing can go on from another device. A
// draft belongs to one member; every method takes the owner and never
// reads or changes another member's draft.
// Every method is one transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

struct DraftRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string title;
  std::string body;               // Markdown, as written
  std::vector<std::string> tags;  // as written, without '#'
  int64_t community_id = 0;       // 0: the member's own blog
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class DraftStore {
 public:
  virtual ~DraftStore() = default;
  // Inserts `draft` (id set) unless its owner already has `max_per_member`
  // drafts: then kUnprocessable and nothing is written.
  virtual Status Create(const DraftRecord& draft, int max_per_member) = 0;
  // The member's drafts, the most recently changed first.
  virtual Result<std::vector<DraftRecord>> List(int64_t account_id) = 0;
  // The member's draft `id`; kNotFound if none (or another's).
  virtual Result<DraftRecord> Get(int64_t account_id, int64_t id) = 0;
  // Replaces title, body, tags, community_id and updated_at of the member's
  // draft `draft.id`; kNotFound if none (or another's).
  virtual Status Update(const DraftRecord& draft) = 0;
  // Removes the member's draft `id`; kNotFound if none (or another's).
  virtual Status Delete(int64_t account_id, int64_t id) = 0;
};

}  // namespace atrium
