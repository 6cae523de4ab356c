// The organization's custom emoji (custom_emojis).
#include "store/sql/custom_emoji_store.h"

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, shortcode, category, visible_in_picker, file_key, content_type, width, height, "
    "created_by, created_at, updated_at FROM custom_emojis ";

CustomEmojiRecord ReadEmoji(const Stmt& s) {
  CustomEmojiRecord r;
  r.id = s.Int(0);
  r.shortcode = s.Text(1);
  r.category = s.Text(2);
  r.visible_in_picker = s.Bool(3);
  r.file_key = s.Text(4);
  r.content_type = s.Text(5);
  r.width = static_cast<int>(s.Int(6));
  r.height = static_cast<int>(s.Int(7));
  r.created_by = s.Int(8);
  r.created_at = s.Int(9);
  r.updated_at = s.Int(10);
  return r;
}

}  // namespace

Status SqlCustomEmojiStore::Create(const CustomEmojiRecord& e) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto taken = c.Prepare("SELECT 1 FROM custom_emojis WHERE shortcode = ?");
    taken.BindAll(e.shortcode);
    if (taken.Step())
      return Status::Unprocessable("Validation failed: Shortcode has already been taken");
    c.Prepare(
         "INSERT INTO custom_emojis (id, shortcode, category, visible_in_picker, file_key, "
         "content_type, width, height, created_by, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .BindAll(e.id, e.shortcode, e.category, static_cast<int64_t>(e.visible_in_picker),
                 e.file_key, e.content_type, static_cast<int64_t>(e.width),
                 static_cast<int64_t>(e.height), e.created_by, e.created_at, e.updated_at)
        .Run();
    return Status::Ok();
  });
}

Status SqlCustomEmojiStore::Update(const CustomEmojiRecord& e) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE custom_emojis SET category = ?, visible_in_picker = ?, updated_at = ? "
        "WHERE id = ?");
    s.BindAll(e.category, static_cast<int64_t>(e.visible_in_picker), e.updated_at, e.id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Status SqlCustomEmojiStore::Delete(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM custom_emojis WHERE id = ?");
    s.BindAll(id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<CustomEmojiRecord> SqlCustomEmojiStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<CustomEmojiRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return ReadEmoji(s);
  });
}

Result<std::vector<CustomEmojiRecord>> SqlCustomEmojiStore::All() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<CustomEmojiRecord>> {
    auto s = c.Prepare(std::string(kColumns) + "ORDER BY shortcode");
    std::vector<CustomEmojiRecord> out;
    while (s.Step()) out.push_back(ReadEmoji(s));
    return out;
  });
}

}  // namespace atrium::sql
