// ExportJobService: eDiscovery exports as administrators' jobs — started
// through the admin API, run by the background worker, kept as one archive
// in the data folder, downloaded by administrators (docs/API.md "eDiscovery
// export jobs").
//
// Durable: a job is a row in the store (ComplianceStore's export jobs)
// before Start answers. The worker of one node claims it with a lease that
// its progress renews; a node killed mid-export leaves a lease that runs
// out, and the next worker to claim the job (any node) starts it again from
// the beginning in a fresh folder. The archive (exports/<id>.tar: the
// export's folder, social/ediscovery_export.h) is written and flushed
// before the job is marked done; its SHA-256 and size are kept with it.
//
// Starting, every download and the export itself (as the administrator who
// asked) are appended to the audit log.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "social/audit_log.h"
#include "social/media_store.h"
#include "social/social_core.h"
#include "store/compliance_store.h"

namespace atrium {

// An export job and what its export wrote so far (JSON counts, "{}" before
// it started).
struct ExportJob {
  ExportJobRecord record;
  std::string requested_by_name;  // username of the administrator who asked
};

// An archive opened for download.
struct ExportDownload {
  std::shared_ptr<const int> fd;  // closed when the last owner lets go
  int64_t size = 0;
  std::string file_name;  // "ediscovery-<who>-<id>.tar"
};

class ExportJobService {
 public:
  // A running job's lease; renewed at every step of its progress.
  static constexpr int64_t kLeaseMs = 60 * 1000;

  ExportJobService(SocialCore& core, const MediaStore& media);
  ExportJobService(const ExportJobService&) = delete;
  ExportJobService& operator=(const ExportJobService&) = delete;

  // Queues an export of person `account_id` or community `community_id`
  // (exactly one; 422 otherwise, 404 if it does not exist) of what was
  // written in [from, to) (ms; to 0: until the job runs; 422 for from not
  // before to). Audited ("ediscovery.export_start").
  Result<ExportJob> Start(int64_t account_id, int64_t community_id, int64_t from, int64_t to,
                          const AuditActor& by);
  // 404 if no job `id`.
  Result<ExportJob> Get(int64_t id);
  // Jobs, newest first.
  Result<std::vector<ExportJob>> List(const PageRequest& page);
  // Opens job `id`'s archive: 404 for no such job, 409 while it is not done
  // (or failed), 404 when this node's data folder lacks the file. Audited
  // ("ediscovery.export_download").
  Result<ExportDownload> Download(int64_t id, const AuditActor& by);

  // Runs the oldest job waiting (or whose node died), if any: whether one
  // ran. For the background worker.
  Result<bool> RunOnce();
  // Sets the export queue gauges (base/metrics.h).
  Status MeasureBacklog();

 private:
  Result<ExportJob> WithName(ExportJobRecord record);
  std::string Folder() const;

  SocialCore& core_;
  const MediaStore& media_;
  const std::string owner_;  // this process's name on leases
};

}  // namespace atrium
