#include "store/sql/leased_queue.h"

#include <string>

namespace atrium::sql {

std::optional<int64_t> ClaimLeased(Connection& c, std::string_view table, std::string_view owner,
                                   int64_t now, int64_t lease_until) {
  const std::string t(table);
  auto pick = c.Prepare("SELECT id FROM " + t +
                        " WHERE state = 0 AND next_attempt_at <= ? AND lease_until <= ? "
                        "ORDER BY next_attempt_at, id LIMIT 1");
  pick.BindAll(now, now);
  if (!pick.Step()) return std::nullopt;
  int64_t id = pick.Int(0);
  pick.Run();
  auto take = c.Prepare("UPDATE " + t +
                        " SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
                        "WHERE id = ? AND state = 0 AND lease_until <= ?");
  take.BindAll(std::string(owner), lease_until, id, now);
  take.Run();
  if (take.Changes() != 1) return std::nullopt;
  return id;
}

Status FinishLeased(Connection& c, std::string_view table, int64_t id, std::string_view owner,
                    int64_t state, int64_t now) {
  auto s = c.Prepare("UPDATE " + std::string(table) +
                     " SET state = ?, sent_at = ?, lease_owner = '', lease_until = 0 "
                     "WHERE id = ? AND lease_owner = ? AND state = 0");
  s.BindAll(state, now, id, std::string(owner));
  s.Run();
  if (s.Changes() != 1) return Status::NotFound("Lease lost");
  return Status::Ok();
}

Status RetryLeased(Connection& c, std::string_view table, int64_t id, std::string_view owner,
                   std::string_view error, int64_t now, int64_t next_attempt_at, bool give_up,
                   int64_t failed_state) {
  auto s = c.Prepare("UPDATE " + std::string(table) +
                     " SET state = ?, last_error = ?, last_error_at = ?, "
                     "failures = failures + 1, next_attempt_at = ?, lease_owner = '', "
                     "lease_until = 0 WHERE id = ? AND lease_owner = ? AND state = 0");
  s.BindAll(give_up ? failed_state : int64_t{0}, std::string(error), now, next_attempt_at, id,
            std::string(owner));
  s.Run();
  if (s.Changes() != 1) return Status::NotFound("Lease lost");
  return Status::Ok();
}

QueueBacklog LeasedBacklog(Connection& c, std::string_view table) {
  auto s = c.Prepare("SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM " + std::string(table) +
                     " WHERE state = 0");
  QueueBacklog out;
  if (s.Step()) out = {s.Int(0), s.Int(1)};
  return out;
}

}  // namespace atrium::sql
