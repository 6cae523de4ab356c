// EDiscoveryExport: what one person wrote and received, or what was said in
// one community, in a period, for legal review (`atrium ediscovery export`
// and the administrators' export jobs, social/export_job_service.h;
// docs/DEPLOYMENT.md "Retention, legal holds and eDiscovery export").
//
// A person's export: their posts, comments, blog entries, questions and
// reposts with every earlier version (posts.jsonl), the posts they deleted
// while under a legal hold (in the same file, with deleted_at), the direct
// messages they received (direct_received.jsonl), what they liked
// (likes.jsonl). A community's export: every post and comment in it with
// its earlier versions and those deleted under a hold (posts.jsonl), its
// members (members.jsonl) and its moderation log (moderation_log.jsonl).
// Both: every direct message names its participants (author first, then
// the people it was sent to); the original file of every attachment
// (attachments/); and a manifest (manifest.json) with the SHA-256 of every
// file. Appends one audit entry.
//
// The export reads the store directly, past the visibility policy: it is
// for an administrator, who sees everything by design.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "social/audit_log.h"
#include "social/media_store.h"
#include "store/store.h"

namespace atrium {

// What to export: exactly one of account_id and community_id.
struct EDiscoveryRequest {
  int64_t account_id = 0;
  int64_t community_id = 0;
  int64_t from = 0;  // ms, inclusive
  int64_t to = 0;    // ms, exclusive; 0: until now
};

struct EDiscoveryCounts {
  int64_t posts = 0;               // live posts written in the period
  int64_t deleted_under_hold = 0;  // deleted by then, kept by a hold
  int64_t likes = 0;               // a person's
  int64_t direct_received = 0;     // a person's
  int64_t members = 0;             // a community's
  int64_t moderation_actions = 0;  // a community's
  int64_t attachments = 0;
};

class EDiscoveryExport {
 public:
  EDiscoveryExport(Store& store, const MediaStore& media) : store_(store), media_(media) {}

  // Called as the export goes on, with what it has written so far.
  // Returns false to stop the export (it then answers 503).
  using Progress = std::function<bool(const EDiscoveryCounts&)>;

  // Writes the export `request` names into `out_dir`, which must not exist
  // or be empty (400 otherwise). 404 for no such person or community, 400
  // for both or neither, or `from` not before `to`. Audited
  // ("ediscovery.export", target the account or the community) once
  // written.
  Result<EDiscoveryCounts> Export(const EDiscoveryRequest& request, const std::string& out_dir,
                                  const AuditActor& by, const Progress& progress = {});

 private:
  Store& store_;
  const MediaStore& media_;
};

}  // namespace atrium
