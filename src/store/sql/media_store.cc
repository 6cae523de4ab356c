// Media rows: one per uploaded file, attached to at most one post.
#include "store/sql/media_store.h"

#include <unordered_map>

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, status_id, position, type, content_type, description, focus_x, "
    "focus_y, width, height, small_width, small_height, size, blurhash, file_key, created_at, "
    "file_name, duration_ms, frame_rate FROM media ";

MediaRecord ReadMedia(const Stmt& s) {
  MediaRecord m;
  m.id = s.Int(0);
  m.account_id = s.Int(1);
  m.status_id = s.IsNull(2) ? 0 : s.Int(2);
  m.position = static_cast<int>(s.Int(3));
  m.type = static_cast<MediaType>(s.Int(4));
  m.content_type = s.Text(5);
  m.description = s.Text(6);
  m.focus_x = static_cast<int>(s.Int(7));
  m.focus_y = static_cast<int>(s.Int(8));
  m.width = static_cast<int>(s.Int(9));
  m.height = static_cast<int>(s.Int(10));
  m.small_width = static_cast<int>(s.Int(11));
  m.small_height = static_cast<int>(s.Int(12));
  m.size = s.Int(13);
  m.blurhash = s.Text(14);
  m.file_key = s.Text(15);
  m.created_at = s.Int(16);
  m.file_name = s.Text(17);
  m.duration_ms = s.Int(18);
  m.frame_rate = s.Text(19);
  return m;
}

}  // namespace

Status SqlMediaAttachmentStore::Create(const MediaRecord& m) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO media (id, account_id, status_id, position, type, content_type, "
        "description, focus_x, focus_y, width, height, small_width, small_height, size, "
        "blurhash, file_key, created_at, file_name, duration_ms, frame_rate) VALUES (?, ?, NULL, "
        "0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.BindAll(m.id, m.account_id, static_cast<int>(m.type), m.content_type, m.description,
              m.focus_x, m.focus_y, m.width, m.height, m.small_width, m.small_height, m.size,
              m.blurhash, m.file_key, m.created_at, m.file_name, m.duration_ms, m.frame_rate);
    s.Run();
    return Status::Ok();
  });
}

Result<MediaRecord> SqlMediaAttachmentStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<MediaRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return Status::NotFound();
    return ReadMedia(s);
  });
}

Result<std::vector<MediaRecord>> SqlMediaAttachmentStore::GetMany(const std::vector<int64_t>& ids) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<MediaRecord>> {
    std::vector<MediaRecord> out;
    ForEachChunk(SortedUnique(ids), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(std::string(kColumns) + "WHERE id IN ");
      q.AddInList(chunk);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadMedia(s)); });
    });
    return out;
  });
}

Result<MediaRecord> SqlMediaAttachmentStore::FindByKey(std::string_view file_key) {
  return ReadResult(db_, [&](Connection& c) -> Result<MediaRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE file_key = ?");
    s.Bind(1, file_key);
    if (!s.Step()) return Status::NotFound();
    return ReadMedia(s);
  });
}

Status SqlMediaAttachmentStore::UpdateDescription(const MediaRecord& m) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("UPDATE media SET description = ?, focus_x = ?, focus_y = ? WHERE id = ?");
    s.BindAll(m.description, m.focus_x, m.focus_y, m.id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<bool> SqlMediaAttachmentStore::DeleteUnattached(int64_t id, int64_t account_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM media WHERE id = ? AND account_id = ? AND status_id IS NULL");
    s.BindAll(id, account_id);
    s.Run();
    return s.Changes() > 0;
  });
}

Result<std::vector<MediaRecord>> SqlMediaAttachmentStore::UnattachedBefore(int64_t before_ms,
                                                                           int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<MediaRecord>> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE status_id IS NULL AND created_at < ? AND NOT EXISTS (SELECT 1 "
                       "FROM scheduled_status_media w WHERE w.media_id = media.id) "
                       "ORDER BY created_at LIMIT ?");
    s.BindAll(before_ms, limit);
    std::vector<MediaRecord> out;
    while (s.Step()) out.push_back(ReadMedia(s));
    return out;
  });
}

void LoadStatusMedia(Connection& c, std::vector<StatusRecord>& statuses) {
  if (statuses.empty()) return;
  auto [by_id, ids] = IndexById(statuses);
  ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
    SqlBuilder q(std::string(kColumns) + "WHERE status_id IN ");
    q.AddInList(chunk).Add(" ORDER BY status_id, position");
    q.ForEachRow(c, [&](const Stmt& s) {
      MediaRecord m = ReadMedia(s);
      by_id[m.status_id]->media.push_back(std::move(m));
    });
  });
}

Status WriteStatusMedia(Connection& c, const StatusRecord& st) {
  // Detach what the post no longer lists, then attach the list in order.
  SqlBuilder keep;
  keep.Add("UPDATE media SET status_id = NULL, position = 0 WHERE status_id = ?", st.id);
  if (!st.media.empty()) {
    std::vector<int64_t> ids;
    for (const auto& m : st.media) ids.push_back(m.id);
    keep.Add(" AND id NOT IN ").AddInList(ids);
  }
  keep.Run(c);
  int position = 0;
  for (const auto& m : st.media) {
    auto s = c.Prepare(
        "UPDATE media SET status_id = ?, position = ? "
        "WHERE id = ? AND account_id = ? AND (status_id IS NULL OR status_id = ?)");
    s.BindAll(st.id, position++, m.id, st.account_id, st.id);
    s.Run();
    if (s.Changes() == 0)
      return Status::Unprocessable(
          "Validation failed: a media attachment cannot be attached",
          "media " + std::to_string(m.id) + " is not the author's or is attached to another post");
  }
  return Status::Ok();
}

}  // namespace atrium::sql
