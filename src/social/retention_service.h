// RetentionService: how long the organization keeps posts, and the
// background job that deletes what is older.
//
// Policies (set by administrators, each change audited): days for the
// organization's posts, days for direct messages, and per-community
// overrides; "forever" (no limit) is the default and may be set explicitly
// for a community. A post older than the policy covering it is deleted
// through the ordinary deletion (PostingService::Erase: its edits, likes,
// reposts, attachments, search entries, cached feeds go with it) — unless
// a legal hold names its author or its community (store/compliance_store.h):
// held posts are never deleted by retention. A post kept for a hold after
// its deletion (its record and its attachments' files) stays while a hold
// names it; once none does, retention removes it — record and files — when
// it is older than the policy that covered it.
//
// The job (RunOnce, on the background thread) deletes at most a batch per
// call, oldest first, and keeps no state of its own: after a restart it
// goes on from what the store holds. Two nodes running it at once delete
// each post once (the second finds it gone). Each call that deleted
// something appends one audit entry with the counts.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/status.h"
#include "social/audit_log.h"
#include "social/media_service.h"
#include "social/posting_service.h"
#include "social/social_core.h"

namespace atrium {

// The policies in force. nullopt: kept forever.
struct RetentionPolicy {
  std::optional<int> posts_days;
  std::optional<int> direct_days;
  struct CommunityOverride {
    int64_t community_id = 0;
    std::optional<int> days;  // nullopt: forever, whatever the organization's policy
  };
  std::vector<CommunityOverride> communities;  // by community id
};

class RetentionService {
 public:
  // The longest period a policy may name (100 years).
  static constexpr int kMaxDays = 36500;
  // Posts deleted by one RunOnce at most.
  static constexpr int kBatch = 100;

  RetentionService(SocialCore& core, PostingService& posting) : core_(core), posting_(posting) {}
  // Where the attachments' files of kept posts are removed (none: the
  // records go, the files stay).
  void UseMedia(MediaService* media) { media_ = media; }

  Result<RetentionPolicy> Policy();
  // Sets the organization's and the direct messages' periods (each given
  // one: a number of days, or nullopt for forever). 422 for a period
  // outside 1..kMaxDays. Audited ("retention.policy", before and after).
  struct OrganizationChange {
    std::optional<std::optional<int>> posts_days;
    std::optional<std::optional<int>> direct_days;
  };
  Result<RetentionPolicy> SetOrganization(const OrganizationChange& change, const AuditActor& by);
  // Sets one community's override (days, or nullopt for forever), or with
  // `inherit` removes it. 404 for no such community, 422 for a bad period.
  // Audited ("retention.community_policy").
  Result<RetentionPolicy> SetCommunity(int64_t community_id, std::optional<int> days, bool inherit,
                                       const AuditActor& by);

  // Deletes up to kBatch posts older than their policy (none held), and up
  // to kBatch kept posts no hold names any more that are older than theirs
  // (with their files); how many posts it deleted.
  Result<int> RunOnce();
  // Sets the retention queue gauges (base/metrics.h): posts older than
  // their policy not yet deleted (counted up to 100,000), and how long ago
  // the oldest of them fell due.
  Status MeasureBacklog();

 private:
  // Each policy with a limit: scope, community, the time before which a
  // post is older than the period, and the period (ms).
  struct Bound {
    RetentionScope scope;
    int64_t community_id;
    int64_t before_at;
    int64_t period_ms;
  };
  Result<std::vector<Bound>> Bounds(int64_t now);
  // Removes up to kBatch kept posts past their policy; how many.
  Result<int> ForgetKept(const RetentionPolicy& policy, int64_t now);

  SocialCore& core_;
  PostingService& posting_;
  MediaService* media_ = nullptr;
};

}  // namespace atrium
