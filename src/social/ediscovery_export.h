// EDiscoveryExport: everything one person wrote in a period, for legal
// review (`atrium ediscovery export`, docs/COMPLIANCE.md): their posts,
// comments, blog entries, questions and reposts with every earlier version
// (posts.jsonl), the posts they deleted while under a legal hold (in the
// same file, with deleted_at), what they liked (likes.jsonl), the original
// file of every attachment (attachments/), and a manifest (manifest.json)
// with the SHA-256 of every file. Appends one audit entry.
//
// The export reads the store directly, past the visibility policy: it is
// for an administrator on the server, who sees everything by design.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "social/audit_log.h"
#include "social/media_store.h"
#include "store/store.h"

namespace atrium {

struct EDiscoveryCounts {
  int64_t posts = 0;               // live posts written in the period
  int64_t deleted_under_hold = 0;  // deleted by then, kept by a hold
  int64_t likes = 0;
  int64_t attachments = 0;
};

class EDiscoveryExport {
 public:
  EDiscoveryExport(Store& store, const MediaStore& media) : store_(store), media_(media) {}

  // Writes the export of `account_id` for posts created in [from, to) (ms;
  // to 0: until now) into `out_dir`, which must not exist or be empty
  // (400 otherwise). Audited ("ediscovery.export") once written.
  Result<EDiscoveryCounts> ExportPerson(int64_t account_id, int64_t from, int64_t to,
                                        const std::string& out_dir, const AuditActor& by);

 private:
  Store& store_;
  const MediaStore& media_;
};

}  // namespace atrium
