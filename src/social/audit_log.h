// AuditLog: the record of what people with power did, over the store's
// hash-chained audit log (store/audit_store.h). Services append an entry
// for each privileged action (in the action's own transaction where the
// store method takes one: NewAuditEntry, then the store method; otherwise
// Record, right after the action and before it is acknowledged); Verify
// walks the chain; Query and Export read it. Later features (retention
// runs, legal holds, exports) append through Record too.
//
// Nothing here edits or removes an entry. Safe for concurrent use.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

// Who acted, and in which request: a signed-in person (id, username and the
// HTTP request's id), or a command run on the server (id 0, the command's
// name, no request).
struct AuditActor {
  int64_t id = 0;
  std::string name;
  std::string request_id;

  static AuditActor Command(std::string name) { return {0, std::move(name), ""}; }
};

// An entry for `action` by `actor` on (target_type, target_id), dated now;
// `before` and `after` are JSON objects or "".
AuditEntry NewAuditEntry(const AuditActor& actor, std::string action, std::string target_type,
                         std::string target_id, std::string before = {}, std::string after = {});

// A bound of an audit time range (API and command line alike): ISO 8601,
// UTC. A `from` is inclusive; a `to` (end = true) is exclusive, except that
// a date alone takes in that whole day. nullopt when not ISO 8601.
std::optional<int64_t> ParseAuditTime(std::string_view text, bool end);

class AuditLog {
 public:
  explicit AuditLog(Store& store) : store_(store) {}
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends an entry in its own transaction; durable when OK.
  Status Record(const AuditActor& actor, std::string action, std::string target_type,
                std::string target_id, std::string before = {}, std::string after = {});

  // Entries matching `query`, newest first, paged by seq.
  Result<std::vector<AuditEntry>> Query(const AuditQuery& query, const PageRequest& page);

  // The outcome of walking the chain: `checked` entries were read; when the
  // chain is broken, `bad_seq` names the first entry found wrong (or
  // missing) and `problem` says how.
  struct Verification {
    int64_t checked = 0;
    int64_t bad_seq = 0;
    std::string problem;
    bool ok() const { return problem.empty(); }
  };
  // Recomputes every entry's hash, checks that each names its predecessor's
  // hash, that no seq is skipped, and that the last entry is the head the
  // store recorded. An error Status only when the store cannot be read.
  Result<Verification> Verify();

  // Calls `fn` with each entry created in [from, to) (ms; 0: unbounded), in
  // chain order.
  Status Export(int64_t from, int64_t to, const std::function<void(const AuditEntry&)>& fn);

 private:
  Store& store_;
};

}  // namespace atrium
