// SeedWriter: loads a whole synthetic organization into an empty store in
// bulk, for benchmarks (`atrium seed`). Unlike the other store interfaces it
// is not a set of atomic operations: rows go in by large batches, counters
// and indexes are computed once at the end (Finish), and a seed that fails
// midway leaves a store to throw away. Every id is chosen by the caller.
//
// The caller adds accounts first, then anything that refers to them, and
// posts before what refers to posts (favourites, notifications); within a
// kind, any number of batches. Nothing is guaranteed visible to other
// readers before Finish returns OK.
//
// It opens the database itself, like OpenStore, and needs it to itself: no
// Store may be open on it meanwhile. One writer at a time; not for use by
// several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/settings.h"
#include "base/status.h"
#include "store/community_records.h"
#include "store/records.h"
#include "store/social_records.h"

namespace atrium {

struct SeedExpertise {
  int64_t account_id = 0;
  std::vector<std::string> tags;  // normalized, distinct, in the person's order
};

// An established connection: the two rows of `connections`, one per side.
struct SeedConnection {
  int64_t id = 0;         // the row of account_id's side
  int64_t other_row = 0;  // the row of other_id's side
  int64_t account_id = 0;
  int64_t other_id = 0;
  int64_t created_at = 0;
};

struct SeedFavourite {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t status_id = 0;
};

class SeedWriter {
 public:
  virtual ~SeedWriter() = default;

  // Accounts with every field set, password hash included.
  virtual Status AddAccounts(const std::vector<Account>& accounts) = 0;
  virtual Status AddExpertise(const std::vector<SeedExpertise>& expertise) = 0;
  virtual Status AddFollows(const std::vector<FollowRecord>& follows) = 0;
  virtual Status AddConnections(const std::vector<SeedConnection>& connections) = 0;
  // Communities (members_count is computed by Finish) and membership rows.
  virtual Status AddCommunities(const std::vector<CommunityRecord>& communities) = 0;
  virtual Status AddMemberships(const std::vector<CommunityMemberRecord>& memberships) = 0;
  // Posts with their mentions and tags (tags are created as needed). The
  // counters in the records are ignored: Finish computes them.
  virtual Status AddStatuses(const std::vector<StatusRecord>& statuses) = 0;
  virtual Status AddFavourites(const std::vector<SeedFavourite>& favourites) = 0;
  virtual Status AddNotifications(const std::vector<NotificationRecord>& notifications) = 0;

  // Computes every counter from the rows (posts' replies, reposts, likes and
  // quotes; accounts' posts and last post time; communities' members) by the
  // rules the store keeps them by one change at a time, builds the indexes,
  // and makes everything durable. With `verify`, also checks that every
  // reference names an existing row (kInternal if one does not).
  virtual Status Finish(bool verify) = 0;
};

// Opens the bulk loader of the database settings.DatabaseUrl() names, which
// must be migrated and hold no account (kConflict otherwise). Backends
// without one answer kUnavailable.
Result<std::unique_ptr<SeedWriter>> OpenSeedWriter(const Settings& settings);

}  // namespace atrium
