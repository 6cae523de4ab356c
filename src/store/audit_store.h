// The audit log: an append-only record of what people with power did (role
// changes, deactivations, moderators' deletions, token issuance, directory
// imports, report actions …), each entry hash-chained to the one before it
// so that `atrium audit verify` proves no entry was edited or removed.
//
// The chain: entry n (n = 1, 2, …) stores prev_hash = the hash of entry n-1
// ("" for the first) and hash = SHA-256 (hex) of AuditCanonical(entry),
// which covers every field but the hash itself, prev_hash included. The
// store also keeps the chain's head (the last seq and hash), so removing
// the newest entries is noticed too. Appends are serialized by the store
// (the head row is taken for update inside the appending transaction), so
// the chain never forks, on one node or many.
//
// No interface here edits or deletes an entry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

struct AuditEntry {
  int64_t seq = 0;          // position in the chain, from 1; set by Append
  int64_t created_at = 0;   // milliseconds since the epoch
  int64_t actor_id = 0;     // the account that acted; 0 for a command run on the server
  std::string actor;        // their username then, or the command ("atrium import-directory")
  std::string action;       // what was done, "<object>.<verb>": "account.role", "status.delete"
  std::string target_type;  // "account", "status", "community", "scim_token", "oauth_token",
                            // "directory", "report" …; "" when there is none
  std::string target_id;    // the target's id (as text), or ""
  std::string request_id;   // the HTTP request's id, or "" for a command
  std::string before;       // a JSON object: what the target was, or ""
  std::string after;        // a JSON object: what it became (or the run's summary), or ""
  std::string prev_hash;    // set by Append
  std::string hash;         // set by Append
};

// The fields of `entry` that its hash covers, as one JSON object in a fixed
// order (every field but `hash`; before and after as strings).
std::string AuditCanonical(const AuditEntry& entry);
// SHA-256 (lower-case hex) of AuditCanonical(entry).
std::string AuditHash(const AuditEntry& entry);
// One line of `atrium audit export`: AuditCanonical with the hash added.
std::string AuditJsonLine(const AuditEntry& entry);

// Filters of the audit log; empty or 0 fields do not filter.
struct AuditQuery {
  int64_t actor_id = 0;
  std::string target_type;
  std::string target_id;
  std::string action;
  int64_t from = 0;  // created_at >= from (ms)
  int64_t to = 0;    // created_at < to (ms)
};

// The chain's head as the store recorded it: the last seq (0 when empty)
// and its hash.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// Safe for concurrent use from many threads and processes.
class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends `entry` (created_at and the rest filled in by the caller) at the
  // head of the chain, in its own transaction, durable when OK; returns it
  // with seq, prev_hash and hash set.
  virtual Result<AuditEntry> Append(const AuditEntry& entry) = 0;
  // Entries matching `query`, newest first, paged by seq (max_id, since_id,
  // min_id are seqs).
  virtual Result<std::vector<AuditEntry>> Query(const AuditQuery& query,
                                                const PageRequest& page) = 0;
  // Entries with seq > after_seq, oldest first, at most `limit`: the chain
  // as stored, for verification and export.
  virtual Result<std::vector<AuditEntry>> Chain(int64_t after_seq, int limit) = 0;
  virtual Result<AuditHead> Head() = 0;
};

}  // namespace atrium
