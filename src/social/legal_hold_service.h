// LegalHoldService: legal holds an administrator places on a person or a
// community, with a case name, until released. While a hold names a
// post's author or community, retention never deletes the post, and a
// deletion (by its author, a moderator, or with its community) hides it
// from every member as usual but keeps it, as it was, for eDiscovery
// (PostingService::Erase asks Holds; store/compliance_store.h keeps it).
// Placing and releasing are audited.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "social/audit_log.h"
#include "social/social_core.h"

namespace atrium {

class LegalHoldService {
 public:
  explicit LegalHoldService(SocialCore& core) : core_(core) {}

  // Places a hold on the person `account_id` or the community
  // `community_id` (exactly one of them not 0). 422 for no case name (or
  // one over 200 characters) or not exactly one target, 404 for a target
  // that does not exist. Audited ("legal_hold.place").
  Result<LegalHoldRecord> Place(const std::string& case_name, int64_t account_id,
                                int64_t community_id, const AuditActor& by);
  // Releases hold `id`: 404 if none, 422 if already released. Audited
  // ("legal_hold.release").
  Result<LegalHoldRecord> Release(int64_t id, const AuditActor& by);
  // Holds, newest first (only those in force when `active_only`).
  Result<std::vector<LegalHoldRecord>> List(bool active_only);

 private:
  SocialCore& core_;
};

}  // namespace atrium
