#include "social/export_job_service.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/metrics.h"
#include "base/process_name.h"
#include "base/tar_writer.h"
#include "social/ediscovery_export.h"

namespace atrium {
namespace {

namespace fs = std::filesystem;

// Progress is written to the store at most this often (and at the end).
constexpr int64_t kProgressEveryMs = 500;

std::string CountsJson(const EDiscoveryCounts& c, bool person) {
  JsonWriter w;
  w.BeginObject().Field("posts", c.posts).Field("deleted_under_hold", c.deleted_under_hold);
  if (person)
    w.Field("direct_received", c.direct_received).Field("likes", c.likes);
  else
    w.Field("members", c.members).Field("moderation_actions", c.moderation_actions);
  w.Field("attachments", c.attachments).EndObject();
  return w.Take();
}

// The job as the audit log keeps it.
std::string JobJson(const ExportJobRecord& j) {
  JsonWriter w;
  w.BeginObject().Key("account_id").IdOrNull(j.account_id);
  w.Key("community_id").IdOrNull(j.community_id);
  w.Field("from", FormatIso8601(j.from)).Key("to");
  if (j.to)
    w.String(FormatIso8601(j.to));
  else
    w.Null();
  w.EndObject();
  return w.Take();
}

// SHA-256 of the file at `path` (hex), or empty if it cannot be read.
std::string FileSha256(const fs::path& path) {
  std::string bytes;
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return "";
  char buf[1 << 16];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return Sha256Hex(bytes);
}

}  // namespace

ExportJobService::ExportJobService(SocialCore& core, const MediaStore& media)
    : core_(core), media_(media), owner_(ProcessName(core.settings.node_id)) {}

std::string ExportJobService::Folder() const {
  return (fs::path(core_.settings.data_dir) / "exports").string();
}

Result<ExportJob> ExportJobService::WithName(ExportJobRecord record) {
  ExportJob job{std::move(record), ""};
  if (auto a = core_.accounts.Get(job.record.requested_by); a.ok())
    job.requested_by_name = (*a)->account.username;
  return job;
}

Result<ExportJob> ExportJobService::Start(int64_t account_id, int64_t community_id, int64_t from,
                                          int64_t to, const AuditActor& by) {
  if ((account_id == 0) == (community_id == 0))
    return Status::Unprocessable(
        "Validation failed: an export names exactly one of account_id and community_id");
  if (from < 0 || to < 0 || (to != 0 && from >= to))
    return Status::Unprocessable("Validation failed: from must be before to");
  if (account_id != 0) {
    if (auto a = core_.store.accounts().Get(account_id); !a.ok()) return a.status();
  } else if (auto c = core_.store.communities().Get(community_id); !c.ok()) {
    return c.status();
  }
  ExportJobRecord j;
  j.id = core_.ids.Next();
  j.requested_by = by.id;
  j.account_id = account_id;
  j.community_id = community_id;
  j.from = from;
  j.to = to;
  j.created_at = NowMillis();
  if (Status s = core_.store.compliance().CreateExport(j); !s.ok()) return s;
  if (Status s = AuditLog(core_.store)
                     .Record(by, "ediscovery.export_start", "ediscovery_export",
                             std::to_string(j.id), "", JobJson(j));
      !s.ok())
    return s;
  return WithName(std::move(j));
}

Result<ExportJob> ExportJobService::Get(int64_t id) {
  auto j = core_.store.compliance().GetExport(id);
  if (!j.ok()) return j.status();
  return WithName(std::move(*j));
}

Result<std::vector<ExportJob>> ExportJobService::List(const PageRequest& page) {
  auto rows = core_.store.compliance().Exports(page);
  if (!rows.ok()) return rows.status();
  std::vector<ExportJob> out;
  for (ExportJobRecord& r : *rows) {
    auto j = WithName(std::move(r));
    if (!j.ok()) return j.status();
    out.push_back(std::move(*j));
  }
  return out;
}

Result<ExportDownload> ExportJobService::Download(int64_t id, const AuditActor& by) {
  auto j = core_.store.compliance().GetExport(id);
  if (!j.ok()) return j.status();
  if (j->state != ExportState::kDone)
    return Status::Conflict(j->state == ExportState::kFailed ? "The export failed"
                                                             : "The export is not ready yet");
  const fs::path file = fs::path(Folder()) / (std::to_string(id) + ".tar");
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound("The export's file is not on this server");
  ExportDownload out;
  out.fd = std::shared_ptr<const int>(new int(fd), [](const int* p) {
    ::close(*p);
    delete p;
  });
  out.size = j->file_bytes;
  std::string who;
  if (j->account_id) {
    auto a = core_.store.accounts().Get(j->account_id);
    who = a.ok() ? a->username : std::to_string(j->account_id);
  } else {
    auto c = core_.store.communities().Get(j->community_id);
    who = c.ok() ? c->handle : std::to_string(j->community_id);
  }
  out.file_name = "ediscovery-" + who + "-" + std::to_string(id) + ".tar";
  JsonWriter after;
  after.BeginObject().Field("sha256", j->file_sha256).Field("bytes", j->file_bytes).EndObject();
  if (Status s = AuditLog(core_.store)
                     .Record(by, "ediscovery.export_download", "ediscovery_export",
                             std::to_string(id), "", after.Take());
      !s.ok())
    return s;
  return out;
}

Result<bool> ExportJobService::RunOnce() {
  ComplianceStore& store = core_.store.compliance();
  auto claimed = store.ClaimExport(owner_, NowMillis(), NowMillis() + kLeaseMs);
  if (!claimed.ok()) return claimed.status();
  if (!*claimed) return false;
  ExportJobRecord job = std::move(**claimed);
  const fs::path folder(Folder());
  const fs::path work = folder / (std::to_string(job.id) + ".work");
  const fs::path archive = folder / (std::to_string(job.id) + ".tar");
  const fs::path partial = folder / (std::to_string(job.id) + ".tar.part");
  // A run cut short before left its folder: start again from nothing.
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::remove(partial, ec);
  fs::create_directories(folder, ec);
  spdlog::info("eDiscovery export {}: started (attempt {})", job.id, job.attempts);

  AuditActor by{job.requested_by, "", ""};
  if (auto a = core_.accounts.Get(job.requested_by); a.ok()) by.name = (*a)->account.username;
  EDiscoveryRequest request{job.account_id, job.community_id, job.from, job.to};
  const bool person = job.account_id != 0;
  int64_t last_write = 0;
  bool lease_lost = false;
  auto progress = [&](const EDiscoveryCounts& c) {
    const int64_t now = NowMillis();
    if (now - last_write < kProgressEveryMs) return true;
    last_write = now;
    if (!store.ExportProgress(job.id, owner_, CountsJson(c, person), now + kLeaseMs).ok()) {
      lease_lost = true;  // another node took the job over
      return false;
    }
    return true;
  };
  auto counts = EDiscoveryExport(core_.store, media_).Export(request, work.string(), by, progress);
  if (lease_lost) {
    fs::remove_all(work, ec);
    return true;
  }
  job.finished_at = NowMillis();
  if (counts.ok()) {
    const std::string prefix = "ediscovery-" + std::to_string(job.id);
    Status packed = WriteTar(work, prefix, partial, job.finished_at / 1000);
    if (packed.ok()) {
      fs::rename(partial, archive, ec);
      if (ec) packed = Status::Unavailable("cannot write " + archive.string());
    }
    if (packed.ok()) {
      job.state = ExportState::kDone;
      job.progress = CountsJson(*counts, person);
      job.file_bytes = static_cast<int64_t>(fs::file_size(archive, ec));
      job.file_sha256 = FileSha256(archive);
    } else {
      job.state = ExportState::kFailed;
      job.error = packed.description().empty() ? packed.error() : packed.description();
    }
  } else {
    job.state = ExportState::kFailed;
    job.error = counts.status().description().empty() ? counts.status().error()
                                                      : counts.status().description();
  }
  fs::remove_all(work, ec);
  if (Status s = store.FinishExport(job, owner_); !s.ok()) {
    spdlog::warn("eDiscovery export {}: {}", job.id, s.ToString());
    return true;
  }
  if (job.state == ExportState::kDone)
    spdlog::info("eDiscovery export {}: done, {} bytes", job.id, job.file_bytes);
  else
    spdlog::warn("eDiscovery export {}: failed: {}", job.id, job.error);
  return true;
}

Status ExportJobService::MeasureBacklog() {
  auto backlog = core_.store.compliance().ExportBacklog();
  if (!backlog.ok()) return backlog.status();
  Metrics::Get().ediscovery_exports_queue.Set(backlog->depth, backlog->oldest_at, NowMillis());
  return Status::Ok();
}

}  // namespace atrium
