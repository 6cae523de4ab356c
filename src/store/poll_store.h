// Polls: the votes on the polls of posts and the end of each poll. A poll
// itself is written and read with its post (StatusRecord::poll, by
// StatusStore); this store keeps what changes: who voted for what, the
// counts, and whether the poll's end was announced.
//
// Announcing once in a cluster: a node Ends a poll with a conditional
// UPDATE that only the first node's call makes, in the transaction that
// writes the `poll` notifications.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// The votes on one poll, and one viewer's own.
struct PollTally {
  std::vector<int64_t> votes;  // per option, in order
  int64_t voters_count = 0;
  bool voted = false;          // the viewer voted
  std::vector<int> own_votes;  // the viewer's choices (positions), ascending
};

// Every method is one transaction. Safe for concurrent use.
class PollStore {
 public:
  virtual ~PollStore() = default;
  // The tallies of the polls of `status_ids` (ids without a poll are left
  // out), with `viewer_id`'s votes. Three queries, whatever the number of ids.
  virtual Result<std::unordered_map<int64_t, PollTally>> Tallies(
      const std::vector<int64_t>& status_ids, int64_t viewer_id) = 0;
  // Records `account_id`'s vote for `choices` (distinct positions of
  // existing options, checked by the caller) and counts it. kConflict if
  // the account voted on this poll already; kNotFound if there is no poll.
  virtual Status Vote(int64_t status_id, int64_t account_id, const std::vector<int>& choices,
                      int64_t now) = 0;
  // The people who voted on the poll of `status_id`.
  virtual Result<std::vector<int64_t>> Voters(int64_t status_id) = 0;
  // Polls that ended by `now` and whose end was not announced, earliest
  // first, at most `limit`: their post ids.
  virtual Result<std::vector<int64_t>> Ended(int64_t now, int limit) = 0;
  // Marks the end of the poll of `status_id` announced and inserts
  // `notifications`, in one transaction: true for the one caller whose
  // call did it, false (nothing written) if it was announced already.
  virtual Result<bool> End(int64_t status_id,
                           const std::vector<NotificationRecord>& notifications) = 0;
};

}  // namespace atrium
