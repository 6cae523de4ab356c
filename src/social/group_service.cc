#include "social/group_service.h"

#include <algorithm>

#include "base/clock.h"
#include "base/text.h"

namespace atrium {

Result<GroupRecord> GroupService::Get(int64_t id) { return store_.directory().GetGroup(id); }

Result<std::vector<GroupRecord>> GroupService::List(std::string_view display_name, int limit,
                                                    int offset) {
  return store_.directory().Groups(display_name, limit, offset);
}

Result<int64_t> GroupService::Count(std::string_view display_name) {
  return store_.directory().CountGroups(display_name);
}

Status GroupService::CheckNewMembers(const std::vector<int64_t>& members,
                                     const std::vector<int64_t>& before) {
  for (int64_t id : members) {
    if (std::find(before.begin(), before.end(), id) != before.end()) continue;
    auto a = store_.accounts().Get(id);
    if (a.ok() && a->removed_at == 0) continue;
    if (!a.ok() && a.status().code() != Code::kNotFound) return a.status();
    return Status::BadRequest("invalidValue",
                              "members: there is no person with id " + std::to_string(id));
  }
  return Status::Ok();
}

Status GroupService::CheckNameFree(const std::string& name, int64_t self) {
  auto same = store_.directory().Groups(name, 2, 0);
  if (!same.ok()) return same.status();
  for (const GroupRecord& g : *same)
    if (g.id != self) return Status::Conflict("A group named " + name + " already exists");
  return Status::Ok();
}

Result<GroupRecord> GroupService::Create(const GroupInput& in) {
  std::lock_guard lock(writes_);
  if (Status s = CheckNewMembers(in.member_ids, {}); !s.ok()) return s;
  if (Status s = CheckNameFree(in.display_name, 0); !s.ok()) return s;
  GroupRecord g;
  g.id = ids_.Next();
  g.display_name = in.display_name;
  g.external_id = in.external_id;
  g.member_ids = in.member_ids;
  g.created_at = g.updated_at = NowMillis();
  if (Status s = store_.directory().CreateGroup(g); !s.ok()) return s;
  return g;
}

Result<GroupRecord> GroupService::Change(int64_t id, const Edit& edit) {
  std::lock_guard lock(writes_);
  auto g = store_.directory().GetGroup(id);
  if (!g.ok()) return g.status();
  auto in = edit(*g);
  if (!in.ok()) return in.status();
  if (Status s = CheckNewMembers(in->member_ids, g->member_ids); !s.ok()) return s;
  if (AsciiLower(in->display_name) != AsciiLower(g->display_name))
    if (Status s = CheckNameFree(in->display_name, g->id); !s.ok()) return s;
  g->display_name = in->display_name;
  g->external_id = in->external_id;
  g->member_ids = in->member_ids;
  g->updated_at = std::max(NowMillis(), g->updated_at + 1);
  if (Status s = store_.directory().UpdateGroup(*g); !s.ok()) return s;
  return g;
}

Status GroupService::Delete(int64_t id) {
  std::lock_guard lock(writes_);
  if (auto g = store_.directory().GetGroup(id); !g.ok()) return g.status();
  return store_.directory().DeleteGroup(id);
}

}  // namespace atrium
