// Compliance: the organization's retention policies, legal holds, and the
// posts deleted while under a hold (kept for eDiscovery, seen by nobody).
//
// What "held" means, in every query below: an active hold (released_at 0)
// names the post's author or the post's community.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// Which posts a retention policy covers.
enum class RetentionScope {
  kOrganization = 0,  // every post outside direct messages and overridden communities
  kDirect = 1,        // direct messages
  kCommunity = 2,     // one community's posts (overrides kOrganization)
};

struct RetentionPolicyRecord {
  RetentionScope scope = RetentionScope::kOrganization;
  int64_t community_id = 0;  // kCommunity only
  int days = 0;              // 0: kept forever
  int64_t updated_at = 0;
};

struct LegalHoldRecord {
  int64_t id = 0;
  std::string case_name;
  int64_t account_id = 0;    // the person held, or 0
  int64_t community_id = 0;  // the community held, or 0
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t released_by = 0;
  int64_t released_at = 0;  // 0 while the hold is in force
};

// A post deleted while held, as it was (record: JSON written and read by
// the service).
struct HeldStatusRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t community_id = 0;
  int64_t created_at = 0;
  int64_t deleted_at = 0;
  std::string record;
};

// Every method is one transaction. Safe for concurrent use.
class ComplianceStore {
 public:
  virtual ~ComplianceStore() = default;

  // Every policy set (no row: kept forever), organization first.
  virtual Result<std::vector<RetentionPolicyRecord>> Policies() = 0;
  // Sets (days given) or removes (nullopt) one policy.
  virtual Status SetPolicy(RetentionScope scope, int64_t community_id, std::optional<int> days,
                           int64_t now) = 0;

  // Ids of posts the policy `scope`/`community_id` covers created before
  // `before_at` (ms: older than the period), none held, oldest first, at most
  // `limit`. kOrganization leaves out direct messages and the posts of
  // communities with a policy of their own.
  virtual Result<std::vector<int64_t>> Expired(RetentionScope scope, int64_t community_id,
                                               int64_t before_at, int limit) = 0;
  // How many posts Expired would name (counted up to `cap`), and the
  // created_at of the oldest (0: none).
  virtual Result<QueueBacklog> ExpiredBacklog(RetentionScope scope, int64_t community_id,
                                              int64_t before_at, int64_t cap) = 0;

  // Inserts `hold` (id set).
  virtual Status CreateHold(const LegalHoldRecord& hold) = 0;
  // kNotFound if no hold `id`.
  virtual Result<LegalHoldRecord> GetHold(int64_t id) = 0;
  // Holds, newest first; only those in force when `active_only`.
  virtual Result<std::vector<LegalHoldRecord>> Holds(bool active_only) = 0;
  // Releases hold `id` if still in force: true if this call released it.
  virtual Result<bool> ReleaseHold(int64_t id, int64_t by, int64_t now) = 0;
  // Whether an active hold names `account_id` or (when not 0) `community_id`.
  virtual Result<bool> IsHeld(int64_t account_id, int64_t community_id) = 0;

  // Keeps a held post being deleted (OK if already kept).
  virtual Status KeepHeld(const HeldStatusRecord& status) = 0;
  // The kept posts of `account_id` created in [from, to) (ms; to 0:
  // unbounded), oldest first.
  virtual Result<std::vector<HeldStatusRecord>> HeldBy(int64_t account_id, int64_t from,
                                                       int64_t to) = 0;
};

}  // namespace atrium
