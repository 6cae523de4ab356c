#include "social/profile_history.h"

#include "base/clock.h"
#include "base/json_writer.h"
#include "social/account_service.h"

namespace atrium {
namespace {

// A picture as the history keeps it: its file under the data folder's
// media/ (never the bytes), or nullopt for none.
std::optional<std::string> Picture(const std::string& folder, const std::string& name) {
  if (name.empty()) return std::nullopt;
  return "media/" + folder + "/" + name;
}

std::string FieldsJson(const std::vector<ProfileField>& fields) {
  JsonWriter w;
  w.BeginArray();
  for (const auto& f : fields)
    w.BeginObject().Field("name", f.name).Field("value", f.value).EndObject();
  w.EndArray();
  return w.Take();
}

std::string TagsJson(const std::vector<std::string>& tags) {
  JsonWriter w;
  w.BeginArray();
  for (const auto& t : tags) w.String(t);
  w.EndArray();
  return w.Take();
}

}  // namespace

ProfileHistory::ProfileHistory(Store& store, IdGenerator& ids)
    : store_(OpenProfileHistoryStore(store)), ids_(ids) {}
ProfileHistory::~ProfileHistory() = default;

Status ProfileHistory::Append(const ProfileActor& actor, int64_t account_id,
                              const std::vector<Change>& changes) {
  std::vector<ProfileChangeRecord> rows;
  const int64_t now = NowMillis();
  for (const auto& c : changes) {
    if (c.before == c.after) continue;
    ProfileChangeRecord r;
    r.id = ids_.Next();
    r.account_id = account_id;
    r.changed_at = now;
    r.actor_kind = actor.kind;
    r.actor_account_id = actor.account_id;
    r.actor_source = actor.source;
    r.field = c.field;
    r.before = c.before;
    r.after = c.after;
    rows.push_back(std::move(r));
  }
  return store_->Append(rows);
}

Status ProfileHistory::RecordAccount(const ProfileActor& actor, const Account& before,
                                     const Account& after) {
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  auto id = [](int64_t v) { return v == 0 ? std::optional<std::string>() : std::to_string(v); };
  std::vector<Change> changes = {
      {"username", before.username, after.username},
      {"display_name", before.display_name, after.display_name},
      {"email", before.email, after.email},
      {"external_id", before.external_id, after.external_id},
      {"title", before.title, after.title},
      {"department", before.department, after.department},
      {"manager_id", id(before.manager_id), id(after.manager_id)},
      {"location", before.location, after.location},
      {"phone", before.phone, after.phone},
      {"employee_number", before.employee_number, after.employee_number},
      {"cost_center", before.cost_center, after.cost_center},
      {"organization", before.organization, after.organization},
      {"division", before.division, after.division},
      {"note", before.note, after.note},
      {"pronouns", before.pronouns, after.pronouns},
      {"follow_approval", FollowApprovalName(FollowApprovalOf(before)),
       FollowApprovalName(FollowApprovalOf(after))},
      {"avatar", Picture("avatars", before.avatar), Picture("avatars", after.avatar)},
      {"header", Picture("headers", before.header), Picture("headers", after.header)},
      {"role", before.role, after.role},
      {"active", flag(before.active), flag(after.active)},
      {"removed", flag(before.removed_at != 0), flag(after.removed_at != 0)},
  };
  return Append(actor, after.id, changes);
}

Status ProfileHistory::RecordFields(const ProfileActor& actor, int64_t account_id,
                                    const std::vector<ProfileField>& before,
                                    const std::vector<ProfileField>& after) {
  return Append(actor, account_id, {{"fields", FieldsJson(before), FieldsJson(after)}});
}

Status ProfileHistory::RecordExpertise(const ProfileActor& actor, int64_t account_id,
                                       const std::vector<std::string>& before,
                                       const std::vector<std::string>& after) {
  return Append(actor, account_id, {{"expertise", TagsJson(before), TagsJson(after)}});
}

Result<std::vector<ProfileChangeRecord>> ProfileHistory::Of(int64_t account_id, int64_t from,
                                                            int64_t to) {
  return store_->Of(account_id, from, to);
}

}  // namespace atrium
