// The store of communities. Same contract as store.h: each method is one
// atomic, durable operation; errors are kNotFound, kConflict, kUnavailable
// or kInternal; implementations are thread-safe.
#pragma once

#include <vector>

#include "base/status.h"
#include "store/community_records.h"
#include "store/social_records.h"

namespace atrium {

class CommunityStore {
 public:
  virtual ~CommunityStore() = default;

  // Inserts the community and its first owner. kConflict for a handle in use.
  virtual Status Create(const CommunityRecord& community, const CommunityMemberRecord& owner) = 0;
  virtual Result<CommunityRecord> Get(int64_t id) = 0;
  virtual Result<CommunityRecord> FindByHandle(std::string_view handle) = 0;
  // Every community (for the in-memory index), in id order.
  virtual Result<std::vector<CommunityRecord>> All() = 0;
  // Communities matching `query`, paged by id, newest first.
  virtual Result<std::vector<CommunityRecord>> Search(const CommunityQuery& query,
                                                      const PageRequest& page) = 0;
  // Writes name, description, tags, type, listed, archived, avatar, banner
  // and updated_at. kConflict if the handle changed to one in use.
  virtual Status Update(const CommunityRecord& community) = 0;
  // Deletes the community with its memberships, pins and moderation record.
  // Its posts must be deleted first (StatusStore::Delete, for the counters).
  virtual Status Delete(int64_t id) = 0;

  // The membership row of (community, account), or kNotFound.
  virtual Result<CommunityMemberRecord> Membership(int64_t community_id, int64_t account_id) = 0;
  // Inserts or replaces the row of (community, account), keeping its id if
  // it existed, and inserts `notifications`, in one transaction;
  // members_count follows.
  virtual Status PutMembership(const CommunityMemberRecord& membership,
                               const std::vector<NotificationRecord>& notifications) = 0;
  // Removes the row (and, for a removal by a moderator, records `log` if its
  // id is not 0). false if there was none.
  virtual Result<bool> RemoveMembership(int64_t community_id, int64_t account_id,
                                        const ModerationRecord& log) = 0;
  // Rows of a community in `state`, with `role` (empty: any), paged by row id.
  virtual Result<std::vector<CommunityMemberRecord>> Members(int64_t community_id,
                                                             MembershipState state,
                                                             const std::string& role,
                                                             const PageRequest& page) = 0;
  // Ids of a community's members proper, unpaged (fan-out).
  virtual Result<std::vector<int64_t>> MemberIds(int64_t community_id) = 0;
  // Every membership row of an account (any state).
  virtual Result<std::vector<CommunityMemberRecord>> MembershipsOf(int64_t account_id) = 0;
  virtual Result<int64_t> CountMembers(int64_t community_id, const std::string& role) = 0;

  // Announcements: pinned posts of a community, newest pin first.
  virtual Result<bool> Pin(int64_t community_id, int64_t status_id, int64_t now) = 0;
  virtual Result<bool> Unpin(int64_t community_id, int64_t status_id) = 0;
  virtual Result<std::vector<int64_t>> Pins(int64_t community_id) = 0;

  virtual Status Log(const ModerationRecord& record) = 0;
  virtual Result<std::vector<ModerationRecord>> ModerationLog(int64_t community_id,
                                                              const PageRequest& page) = 0;
};

}  // namespace atrium
