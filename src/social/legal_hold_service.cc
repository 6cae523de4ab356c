#include "social/legal_hold_service.h"

#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium {
namespace {

constexpr size_t kMaxCaseName = 200;

// A hold as the audit log keeps it.
std::string HoldJson(const LegalHoldRecord& h) {
  JsonWriter w;
  w.BeginObject().Field("case_name", h.case_name).Key("account_id").IdOrNull(h.account_id);
  w.Key("community_id").IdOrNull(h.community_id);
  w.Field("released", h.released_at != 0).EndObject();
  return w.Take();
}

}  // namespace

Result<LegalHoldRecord> LegalHoldService::Place(const std::string& case_name, int64_t account_id,
                                                int64_t community_id, const AuditActor& by) {
  if (case_name.empty() || case_name.size() > kMaxCaseName)
    return Status::Unprocessable("Validation failed: a hold needs a case name of 1 to " +
                                 std::to_string(kMaxCaseName) + " characters");
  if ((account_id == 0) == (community_id == 0))
    return Status::Unprocessable(
        "Validation failed: a hold names exactly one of account_id and community_id");
  if (account_id != 0) {
    auto a = core_.store.accounts().Get(account_id);
    if (!a.ok()) return a.status();
  } else if (auto c = core_.store.communities().Get(community_id); !c.ok()) {
    return c.status();
  }
  LegalHoldRecord h;
  h.id = core_.ids.Next();
  h.case_name = case_name;
  h.account_id = account_id;
  h.community_id = community_id;
  h.created_by = by.id;
  h.created_at = NowMillis();
  if (Status s = core_.store.compliance().CreateHold(h); !s.ok()) return s;
  if (Status s =
          AuditLog(core_.store)
              .Record(by, "legal_hold.place", "legal_hold", std::to_string(h.id), "", HoldJson(h));
      !s.ok())
    return s;
  return h;
}

Result<LegalHoldRecord> LegalHoldService::Release(int64_t id, const AuditActor& by) {
  auto before = core_.store.compliance().GetHold(id);
  if (!before.ok()) return before.status();
  auto released = core_.store.compliance().ReleaseHold(id, by.id, NowMillis());
  if (!released.ok()) return released.status();
  if (!*released) return Status::Unprocessable("Validation failed: the hold is already released");
  auto after = core_.store.compliance().GetHold(id);
  if (!after.ok()) return after.status();
  if (Status s = AuditLog(core_.store)
                     .Record(by, "legal_hold.release", "legal_hold", std::to_string(id),
                             HoldJson(*before), HoldJson(*after));
      !s.ok())
    return s;
  return after;
}

Result<std::vector<LegalHoldRecord>> LegalHoldService::List(bool active_only) {
  return core_.store.compliance().Holds(active_only);
}

}  // namespace atrium
