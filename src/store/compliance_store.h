// Compliance: the organization's retention policies, legal holds, and the
// posts deleted while under a hold (kept for eDiscovery, seen by nobody).
//
// What "held" means, in every query below: an active hold (released_at 0)
// names the post's author or the post's community.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

enum class ExportState { kQueued = 0, kRunning = 1, kDone = 2, kFailed = 3 };

// An administrator's eDiscovery export job (social/export_job_service.h).
struct ExportJobRecord {
  int64_t id = 0;
  int64_t requested_by = 0;
  int64_t account_id = 0;    // a person's export, or
  int64_t community_id = 0;  // a community's
  int64_t from = 0;          // ms, inclusive
  int64_t to = 0;            // ms, exclusive; 0: until the job ran
  ExportState state = ExportState::kQueued;
  std::string progress;  // what was written so far, as JSON counts (the service's)
  std::string error;     // kFailed: why
  int64_t attempts = 0;  // runs begun
  int64_t file_bytes = 0;
  std::string file_sha256;
  int64_t created_at = 0;
  int64_t started_at = 0;
  int64_t finished_at = 0;
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

  // Kept posts (KeepHeld) that no active hold names any more, created
  // before `before_at`, with id > `after_id`, by id, at most `limit`: what
  // retention may now remove.
  virtual Result<std::vector<HeldStatusRecord>> KeptNotHeld(int64_t before_at, int64_t after_id,
                                                            int limit) = 0;
  // Forgets kept post `id`: true if this call removed it.
  virtual Result<bool> ForgetKept(int64_t id) = 0;

  // Export jobs. Inserts `job` (id set, queued).
  virtual Status CreateExport(const ExportJobRecord& job) = 0;
  // kNotFound if no job `id`.
  virtual Result<ExportJobRecord> GetExport(int64_t id) = 0;
  // Jobs, newest first, paged by id.
  virtual Result<std::vector<ExportJobRecord>> Exports(const PageRequest& page) = 0;
  // Takes the oldest job queued, or running under a lease that ran out (its
  // node died), leasing it to `owner` until `lease_until`, marking it
  // running and counting the attempt; nullopt when there is none.
  virtual Result<std::optional<ExportJobRecord>> ClaimExport(std::string_view owner, int64_t now,
                                                             int64_t lease_until) = 0;
  // Records progress of a job `owner` holds and extends its lease.
  // kNotFound if the lease was lost.
  virtual Status ExportProgress(int64_t id, std::string_view owner, std::string_view progress,
                                int64_t lease_until) = 0;
  // Ends a job `owner` holds: done (with the file's size and SHA-256 and the
  // final progress) or failed (with `error`). kNotFound if the lease was lost.
  virtual Status FinishExport(const ExportJobRecord& job, std::string_view owner) = 0;
  // Jobs not finished (queued or running) and the created_at of the oldest.
  virtual Result<QueueBacklog> ExportBacklog() = 0;

  // Keeps a held post being deleted (OK if already kept).
  virtual Status KeepHeld(const HeldStatusRecord& status) = 0;
  // The kept posts of `account_id` created in [from, to) (ms; to 0:
  // unbounded), oldest first.
  virtual Result<std::vector<HeldStatusRecord>> HeldBy(int64_t account_id, int64_t from,
                                                       int64_t to) = 0;
  // The kept posts of community `community_id` created in [from, to),
  // oldest first.
  virtual Result<std::vector<HeldStatusRecord>> HeldIn(int64_t community_id, int64_t from,
                                                       int64_t to) = 0;
};

}  // namespace atrium
