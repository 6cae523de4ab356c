#include "social/directory_service.h"

#include <algorithm>
#include <unordered_set>

#include "base/clock.h"
#include "base/status_text.h"
#include "base/text.h"
#include "social/profile_history.h"

namespace atrium {
namespace {

constexpr size_t kMaxFieldChars = 500;
constexpr size_t kMaxProfileFields = 8;
constexpr size_t kMaxExpertise = 30;

Status CheckText(const std::optional<std::string>& v, const char* name,
                 size_t max_chars = kMaxFieldChars) {
  if (!v) return Status::Ok();
  if (!IsValidUtf8(*v) || CountCodePoints(*v) > max_chars)
    return Status::Unprocessable(std::string("Validation failed: ") + name + " must be at most " +
                                 std::to_string(max_chars) + " characters of text");
  return Status::Ok();
}

// Sets `field` from `v` if given; returns true if that changed it.
bool Apply(std::string& field, const std::optional<std::string>& v) {
  if (!v || field == *v) return false;
  field = *v;
  return true;
}

}  // namespace

Status RefuseDirectoryOwnedFields(const std::vector<std::string>& named) {
  for (std::string_view field : kDirectoryOwnedFields)
    if (std::find(named.begin(), named.end(), field) != named.end())
      return Status::Unprocessable(
          "Validation failed: " + std::string(field) +
          " comes from the organization's directory and cannot be changed here");
  return Status::Ok();
}

Status DirectoryService::CheckCanManage(const Account& manager) {
  if (manager.removed_at != 0)
    return Status::Unprocessable("Validation failed: manager @" + manager.username +
                                 " was removed from the directory and cannot manage anyone");
  if (!manager.active)
    return Status::Unprocessable("Validation failed: manager @" + manager.username +
                                 " is deactivated and cannot manage anyone");
  return Status::Ok();
}

Result<int64_t> DirectoryService::ResolveManager(const std::string& ref) {
  if (auto id = ParseId(ref)) {
    auto a = store_.accounts().Get(*id);
    if (a.ok()) return a->id;
  }
  auto by_external = store_.directory().FindByExternalId(ref);
  if (by_external.ok()) return by_external->id;
  auto by_username = store_.accounts().FindByUsername(ref);
  if (by_username.ok()) return by_username->id;
  return Status::Unprocessable("Validation failed: manager " + ref + " is not a known person");
}

Status DirectoryService::CheckNoCycle(int64_t account_id, int64_t manager_id) {
  if (manager_id == 0) return Status::Ok();
  if (manager_id == account_id)
    return Status::Unprocessable("Validation failed: a person cannot be their own manager");
  std::unordered_set<int64_t> seen{account_id};
  int64_t at = manager_id;
  while (at != 0) {
    if (!seen.insert(at).second)
      return Status::Unprocessable(
          "Validation failed: this manager would make a cycle in the management chain");
    auto a = store_.accounts().Get(at);
    if (!a.ok()) break;
    at = a->manager_id;
  }
  return Status::Ok();
}

Result<ProvisionResult> DirectoryService::Provision(const DirectoryEntry& e, int64_t existing_id) {
  for (auto [v, name] : {std::pair{&e.title, "title"},
                         {&e.department, "department"},
                         {&e.location, "location"},
                         {&e.phone, "phone"},
                         {&e.employee_number, "employee number"},
                         {&e.cost_center, "cost center"},
                         {&e.organization, "organization"},
                         {&e.division, "division"}})
    if (Status s = CheckText(*v, name); !s.ok()) return s;
  if (Status s = CheckText(e.display_name, "display name", 100); !s.ok()) return s;
  if (e.external_id.size() > 500 || !IsValidUtf8(e.external_id))
    return Status::Unprocessable(
        "Validation failed: external id must be at most 500 bytes of text");

  Result<Account> found = Status::NotFound();
  if (existing_id != 0) {
    found = store_.accounts().Get(existing_id);
    if (!found.ok()) return found.status();
  } else {
    if (!e.external_id.empty()) found = store_.directory().FindByExternalId(e.external_id);
    if (!found.ok() && e.username) found = store_.accounts().FindByUsername(*e.username);
    if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
  }

  // Resolve the manager before writing anything, so a bad reference
  // changes nothing. A new manager must be able to manage; a manager who is
  // already the person's stays theirs whatever became of them.
  std::optional<int64_t> manager_id;
  if (e.manager) {
    manager_id = 0;
    if (!e.manager->empty()) {
      auto m = ResolveManager(*e.manager);
      if (!m.ok()) return m.status();
      manager_id = *m;
      if (!found.ok() || found->manager_id != *m) {
        auto manager = store_.accounts().Get(*m);
        if (!manager.ok()) return manager.status();
        if (Status s = CheckCanManage(*manager); !s.ok()) return s;
      }
    }
    if (found.ok())
      if (Status s = CheckNoCycle(found->id, *manager_id); !s.ok()) return s;
  }
  if (!found.ok()) {
    if (e.email)
      if (Status s = ValidateEmail(*e.email); !s.ok()) return s;
  }

  ProvisionResult out;
  Account a;
  if (found.ok()) {
    a = std::move(found).value();
  } else {
    if (!e.username || e.username->empty())
      return Status::Unprocessable("Validation failed: userName is required to create a person");
    NewAccount n;
    n.username = *e.username;
    n.email = e.email.value_or("");
    n.display_name = e.display_name.value_or("");
    auto made = accounts_.Create(n);
    if (!made.ok()) {
      if (made.status().description().empty() &&
          made.status().error().find("taken") != std::string::npos)
        return Status::Conflict(made.status().error());
      return made.status();
    }
    a = std::move(made).value();
    out.created = true;
  }

  const Account before = a;
  bool changed = false;
  if (!a.directory_managed) {  // from now on the directory owns their name
    a.directory_managed = true;
    changed = true;
  }
  if (e.username && *e.username != a.username) {
    if (Status s = ValidateUsername(*e.username); !s.ok()) return s;
    auto other = store_.accounts().FindByUsername(*e.username);
    if (other.ok() && other->id != a.id) return Status::Conflict("userName is already taken");
    a.username = *e.username;
    changed = true;
  }
  if (e.email && *e.email != a.email) {
    if (Status s = ValidateEmail(*e.email); !s.ok()) return s;
    if (!e.email->empty()) {
      auto other = store_.accounts().FindByEmail(*e.email);
      if (other.ok() && other->id != a.id)
        return Status::Conflict("E-mail address is already taken");
    }
    a.email = *e.email;
    changed = true;
  }
  if (!e.external_id.empty() && e.external_id != a.external_id) {
    auto other = store_.directory().FindByExternalId(e.external_id);
    if (other.ok() && other->id != a.id) return Status::Conflict("externalId is already taken");
    a.external_id = e.external_id;
    changed = true;
  }
  if (e.display_name && !e.display_name->empty()) changed |= Apply(a.display_name, e.display_name);
  changed |= Apply(a.title, e.title);
  changed |= Apply(a.department, e.department);
  changed |= Apply(a.location, e.location);
  changed |= Apply(a.phone, e.phone);
  changed |= Apply(a.employee_number, e.employee_number);
  changed |= Apply(a.cost_center, e.cost_center);
  changed |= Apply(a.organization, e.organization);
  changed |= Apply(a.division, e.division);
  if (manager_id && *manager_id != a.manager_id) {
    a.manager_id = *manager_id;
    changed = true;
  }
  if (changed) {
    a.updated_at = std::max(NowMillis(), before.updated_at + 1);
    if (Status s = store_.accounts().Update(a); !s.ok()) return s;
    accounts_.NotifyChanged(a.id);
  }
  if (e.active && *e.active != a.active) {
    Status s = *e.active ? accounts_.Reactivate(a.id) : accounts_.Deactivate(a.id);
    if (!s.ok()) return s;
    changed = true;
  }
  auto fresh = store_.accounts().Get(a.id);
  if (!fresh.ok()) return fresh.status();
  if (changed)
    if (Status s =
            ProfileHistory(store_, ids_)
                .RecordAccount(ProfileActor::Directory(e.source.empty() ? "directory" : e.source),
                               before, *fresh);
        !s.ok())
      return s;
  out.account = std::move(fresh).value();
  out.changed = changed || out.created;
  return out;
}

Result<std::vector<int64_t>> ManagementChainOf(AccountStore& accounts, int64_t account_id) {
  std::vector<int64_t> chain;
  std::unordered_set<int64_t> seen{account_id};
  auto a = accounts.Get(account_id);
  if (!a.ok()) return a.status();
  int64_t at = a->manager_id;
  while (at != 0 && seen.insert(at).second && chain.size() < 100) {
    auto m = accounts.Get(at);
    if (!m.ok()) break;
    if (m->removed_at == 0) chain.push_back(m->id);  // someone the directory removed is skipped
    at = m->manager_id;
  }
  return chain;
}

Result<std::vector<int64_t>> DirectoryService::ManagementChain(int64_t account_id) {
  return ManagementChainOf(store_.accounts(), account_id);
}

Result<std::vector<int64_t>> DirectoryService::DirectReports(int64_t account_id) {
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  return store_.directory().DirectReports(account_id);
}

Result<std::vector<int64_t>> DirectoryService::Peers(int64_t account_id) {
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  if (a->manager_id == 0) return std::vector<int64_t>{};
  auto all = store_.directory().DirectReports(a->manager_id);
  if (!all.ok()) return all.status();
  all->erase(std::remove(all->begin(), all->end(), account_id), all->end());
  return all;
}

Result<Account> DirectoryService::UpdateOwnProfile(int64_t account_id, const OwnProfile& p) {
  if (Status s = RefuseDirectoryOwnedFields(p.named); !s.ok()) return s;
  for (const char* picture : {"avatar", "header"})
    if (std::find(p.named.begin(), p.named.end(), picture) != p.named.end())
      return Status::Unprocessable(std::string("Validation failed: ") + picture +
                                   " must be an uploaded image (multipart/form-data)");
  for (const auto& [field, bytes] : p.images)
    if ((field != "avatar" && field != "header") ||
        std::count_if(p.images.begin(), p.images.end(),
                      [&](const auto& i) { return i.first == field; }) > 1)
      return Status::Unprocessable(
          "Validation failed: only one avatar and one header image can be uploaded");
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  // The new pictures' files, once saved; dropped again if nothing changes.
  NewPictures saved;
  for (const auto& [field, bytes] : p.images) {
    if (avatars_ == nullptr) return Status::Internal("No avatar store");
    const bool header = field == "header";
    auto name =
        avatars_->Save(account_id, bytes, header ? PictureKind::kHeader : PictureKind::kAvatar);
    if (!name.ok()) {
      DropPictures(saved);
      return name.status();
    }
    (header ? saved.header : saved.avatar) = *name;
  }
  auto updated = UpdateOwnFields(*a, p, saved);
  if (!updated.ok()) {
    DropPictures(saved);
    return updated.status();
  }
  if (saved.avatar && !a->avatar.empty()) avatars_->Delete(a->avatar);
  if (saved.header && !a->header.empty()) avatars_->Delete(a->header, PictureKind::kHeader);
  return updated;
}

void DirectoryService::DropPictures(const NewPictures& pictures) {
  if (avatars_ == nullptr) return;
  if (pictures.avatar) avatars_->Delete(*pictures.avatar);
  if (pictures.header) avatars_->Delete(*pictures.header, PictureKind::kHeader);
}

Result<Account> DirectoryService::RemoveOwnPicture(int64_t account_id, PictureKind kind) {
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  const std::string old = kind == PictureKind::kHeader ? a->header : a->avatar;
  if (old.empty()) return a;
  AccountService::ProfileUpdate u;
  (kind == PictureKind::kHeader ? u.header : u.avatar) = "";
  auto updated = accounts_.UpdateProfile(account_id, u);
  if (!updated.ok()) return updated.status();
  if (avatars_ != nullptr) avatars_->Delete(old, kind);
  if (Status s =
          ProfileHistory(store_, ids_).RecordAccount(ProfileActor::Self(account_id), *a, *updated);
      !s.ok())
    return s;
  return updated;
}

Result<Account> DirectoryService::UpdateOwnFields(const Account& a, const OwnProfile& p,
                                                  const NewPictures& pictures) {
  const int64_t account_id = a.id;
  if (p.display_name && a.directory_managed && *p.display_name != a.display_name)
    return Status::Unprocessable(
        "Validation failed: display_name comes from the organization's directory and cannot be "
        "changed here");
  if (Status s = CheckText(p.pronouns, "pronouns", 40); !s.ok()) return s;
  std::vector<ProfileField> fields;
  if (p.fields) {
    if (p.fields->size() > kMaxProfileFields)
      return Status::Unprocessable("Validation failed: at most 8 profile fields");
    for (const auto& f : *p.fields) {
      if (!IsValidUtf8(f.name) || !IsValidUtf8(f.value) || CountCodePoints(f.name) > 255 ||
          CountCodePoints(f.value) > 2000)
        return Status::Unprocessable("Validation failed: a profile field is too long");
      if (f.name.empty() && f.value.empty()) continue;
      fields.push_back(f);
    }
  }
  std::vector<std::string> tags;
  if (p.expertise) {
    for (const auto& raw : *p.expertise) {
      std::string t = raw;
      if (!t.empty() && t[0] == '#') t.erase(0, 1);
      if (t.empty()) continue;
      auto parsed = ParseStatusText("#" + t);
      if (parsed.hashtags.size() != 1 || parsed.hashtags[0].name != t)
        return Status::Unprocessable("Validation failed: expertise '" + raw +
                                     "' is not a valid tag");
      std::string name = NormalizeHashtag(t);
      if (std::find(tags.begin(), tags.end(), name) == tags.end()) tags.push_back(name);
      // Refused as soon as there are too many: a request may send a million.
      if (tags.size() > kMaxExpertise)
        return Status::Unprocessable("Validation failed: at most 30 expertise tags");
    }
  }
  AccountService::ProfileUpdate u;
  u.display_name = p.display_name;
  u.note = p.note;
  u.locked = p.locked;
  u.follow_approval = p.follow_approval;
  u.pronouns = p.pronouns;
  u.avatar = pictures.avatar;
  u.header = pictures.header;
  std::vector<ProfileField> old_fields;
  if (p.fields) {
    auto old = store_.directory().Fields(account_id);
    if (!old.ok()) return old.status();
    old_fields = std::move(old).value();
  }
  std::vector<std::string> old_tags;
  if (p.expertise) {
    auto old = store_.directory().Expertise(account_id);
    if (!old.ok()) return old.status();
    for (const auto& e : *old) old_tags.push_back(e.tag);
  }
  auto updated = accounts_.UpdateProfile(account_id, u);
  if (!updated.ok()) return updated.status();
  if (p.fields)
    if (Status s = store_.directory().SetFields(account_id, fields); !s.ok()) return s;
  if (p.expertise)
    if (Status s = store_.directory().SetExpertise(account_id, tags); !s.ok()) return s;
  if (p.fields || p.expertise) accounts_.NotifyChanged(account_id);
  ProfileHistory history(store_, ids_);
  const ProfileActor self = ProfileActor::Self(account_id);
  if (Status s = history.RecordAccount(self, a, *updated); !s.ok()) return s;
  if (p.fields)
    if (Status s = history.RecordFields(self, account_id, old_fields, fields); !s.ok()) return s;
  if (p.expertise)
    if (Status s = history.RecordExpertise(self, account_id, old_tags, tags); !s.ok()) return s;
  return updated;
}

Result<std::vector<ExpertiseView>> DirectoryService::Expertise(int64_t account_id,
                                                               int64_t viewer_id) {
  auto expertise = store_.directory().Expertise(account_id);
  if (!expertise.ok()) return expertise.status();
  std::vector<ExpertiseView> out;
  for (const auto& e : *expertise) {
    auto endorsers = store_.directory().Endorsers(account_id, e.tag);
    bool mine = endorsers.ok() &&
                std::find(endorsers->begin(), endorsers->end(), viewer_id) != endorsers->end();
    out.push_back({e.tag, e.endorsements, mine});
  }
  return out;
}

Result<std::vector<int64_t>> DirectoryService::Endorsers(int64_t account_id,
                                                         const std::string& tag) {
  return store_.directory().Endorsers(account_id, NormalizeHashtag(tag));
}

Result<std::vector<int64_t>> DirectoryService::SearchPeople(const PeopleQuery& query) {
  auto found = store_.directory().SearchPeople(query);
  if (!found.ok()) return found.status();
  std::vector<int64_t> ids;
  for (const auto& a : *found) ids.push_back(a.id);
  return ids;
}

Result<std::vector<ExpertRecord>> DirectoryService::WhoKnows(const Viewer& viewer,
                                                             std::string tag) {
  if (!tag.empty() && tag[0] == '#') tag.erase(0, 1);
  auto experts = store_.directory().WhoKnows(NormalizeHashtag(tag), 40, 0);
  if (!experts.ok()) return experts.status();
  std::vector<ExpertRecord> out;
  for (const auto& e : *experts)
    if (VisibilityPolicy::CanSeeAccount(viewer, e.account_id)) out.push_back(e);
  return out;
}

Result<bool> DirectoryService::Endorse(const Account& endorser, int64_t account_id,
                                       const std::string& tag) {
  if (endorser.id == account_id)
    return Status::Unprocessable("Validation failed: you cannot endorse yourself");
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  auto rel = store_.relationships().Relationships(endorser.id, {account_id}, NowMillis());
  if (!rel.ok()) return rel.status();
  if (!rel->empty() && (rel->front().blocking || rel->front().blocked_by))
    return Status::Forbidden("This action is not allowed", "A block is in place");
  auto r = store_.directory().Endorse(endorser.id, account_id, NormalizeHashtag(tag), NowMillis());
  if (!r.ok() && r.status().code() == Code::kNotFound)
    return Status::Unprocessable("Validation failed: " + a->username +
                                 " does not list expertise in " + tag);
  return r;
}

Result<bool> DirectoryService::Unendorse(const Account& endorser, int64_t account_id,
                                         const std::string& tag) {
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  return store_.directory().Unendorse(endorser.id, account_id, NormalizeHashtag(tag));
}

}  // namespace atrium

namespace atrium {

Status DirectoryService::Remove(int64_t account_id) {
  auto a = store_.accounts().Get(account_id);
  if (!a.ok()) return a.status();
  if (a->removed_at != 0) return Status::NotFound();
  const Account before = *a;
  if (a->active)
    if (Status s = accounts_.Deactivate(account_id); !s.ok()) return s;
  auto fresh = store_.accounts().Get(account_id);
  if (!fresh.ok()) return fresh.status();
  fresh->external_id.clear();
  fresh->removed_at = NowMillis();
  fresh->updated_at = fresh->removed_at;
  if (Status s = store_.accounts().Update(*fresh); !s.ok()) return s;
  accounts_.NotifyChanged(account_id);
  // Only SCIM removes people (DELETE /scim/v2/Users/:id).
  return ProfileHistory(store_, ids_)
      .RecordAccount(ProfileActor::Directory("scim"), before, *fresh);
}

}  // namespace atrium
