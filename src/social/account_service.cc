#include "social/account_service.h"

#include "base/clock.h"
#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/markdown.h"
#include "base/text.h"
#include "social/profile_history.h"

namespace atrium {

FollowApproval FollowApprovalOf(const Account& a) {
  if (a.locked) return FollowApproval::kEveryone;
  return a.approve_management_chain ? FollowApproval::kManagementChain : FollowApproval::kOff;
}

void SetFollowApproval(Account& a, FollowApproval approval) {
  a.locked = approval == FollowApproval::kEveryone;
  a.approve_management_chain = approval == FollowApproval::kManagementChain;
}

const char* FollowApprovalName(FollowApproval approval) {
  switch (approval) {
    case FollowApproval::kEveryone:
      return "everyone";
    case FollowApproval::kManagementChain:
      return "management_chain";
    case FollowApproval::kOff:
      break;
  }
  return "off";
}

std::optional<FollowApproval> ParseFollowApproval(std::string_view name) {
  for (FollowApproval a :
       {FollowApproval::kOff, FollowApproval::kEveryone, FollowApproval::kManagementChain})
    if (name == FollowApprovalName(a)) return a;
  return std::nullopt;
}

Status ValidateUsername(const std::string& username) {
  if (username.empty() || username.size() > 30)
    return Status::Unprocessable("Validation failed: Username must be 1 to 30 characters");
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok)
      return Status::Unprocessable(
          "Validation failed: Username may contain only letters, digits, '_', '.' and '-'");
  }
  if (username.front() == '.' || username.back() == '.' || username.front() == '-')
    return Status::Unprocessable(
        "Validation failed: Username may not start or end with '.' or start with '-'");
  return Status::Ok();
}

Status ValidateEmail(const std::string& email) {
  if (email.empty()) return Status::Ok();
  auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string::npos || email.find(' ') != std::string::npos ||
      !IsValidUtf8(email))
    return Status::Unprocessable("Validation failed: Email is not a valid e-mail address");
  return Status::Ok();
}

Status ValidatePassword(const std::string& password) {
  if (CountCodePoints(password) < 8)
    return Status::Unprocessable("Validation failed: Password must be at least 8 characters");
  if (password.size() > 1024)
    return Status::Unprocessable("Validation failed: Password must be at most 1024 bytes");
  if (!IsValidUtf8(password))
    return Status::Unprocessable("Validation failed: Password is not valid UTF-8");
  return Status::Ok();
}

Result<Account> AccountService::Create(const NewAccount& in) {
  if (Status s = ValidateUsername(in.username); !s.ok()) return s;
  if (Status s = ValidateEmail(in.email); !s.ok()) return s;
  if (!in.password.empty())
    if (Status s = ValidatePassword(in.password); !s.ok()) return s;
  if (!IsValidRole(in.role))
    return Status::Unprocessable("Validation failed: Role must be member, moderator or admin");
  if (!IsValidUtf8(in.display_name) || CountCodePoints(in.display_name) > 100)
    return Status::Unprocessable("Validation failed: Display name must be at most 100 characters");
  if (store_.accounts().FindByUsername(in.username).ok())
    return Status::Unprocessable("Validation failed: Username has already been taken");
  if (!in.email.empty() && store_.accounts().FindByEmail(in.email).ok())
    return Status::Unprocessable("Validation failed: Email has already been taken");
  if (!in.external_id.empty() && store_.directory().FindByExternalId(in.external_id).ok())
    return Status::Unprocessable("Validation failed: External id has already been taken");

  Account a;
  a.id = ids_.Next();
  a.username = in.username;
  a.email = in.email;
  a.display_name = in.display_name.empty() ? in.username : in.display_name;
  a.role = in.role;
  a.locked = in.locked;
  a.external_id = in.external_id;
  a.password_hash = in.password.empty() ? "" : HashPassword(in.password);
  a.created_at = a.updated_at = NowMillis();
  Status s = store_.accounts().Create(a);
  if (s.code() == Code::kConflict)  // lost a race with another create
    return Status::Unprocessable("Validation failed: Username or email has already been taken");
  if (!s.ok()) return s;
  return a;
}

Result<Account> AccountService::FindByLogin(const std::string& login) {
  if (login.find('@') != std::string::npos) return store_.accounts().FindByEmail(login);
  return store_.accounts().FindByUsername(login);
}

namespace {

// An administrator's change to a profile (role, active), in the profile
// history.
Status RecordByAdmin(Store& store, IdGenerator& ids, const AuditActor& by, const Account& before,
                     const Account& after) {
  return ProfileHistory(store, ids)
      .RecordAccount(ProfileActor::Admin(by.id, by.name), before, after);
}

}  // namespace

Result<Account> AccountService::UpdateProfile(int64_t id, const ProfileUpdate& u) {
  auto a = store_.accounts().Get(id);
  if (!a.ok()) return a.status();
  if (u.display_name) {
    if (!IsValidUtf8(*u.display_name) || CountCodePoints(*u.display_name) > 100)
      return Status::Unprocessable(
          "Validation failed: Display name must be at most 100 characters");
    a->display_name = u.display_name->empty() ? a->username : *u.display_name;
  }
  if (u.note) {
    if (!IsValidUtf8(*u.note) || CountCodePoints(*u.note) > 5000)
      return Status::Unprocessable("Validation failed: Note must be at most 5000 characters");
    if (Status s = CheckMarkdown(*u.note, "Note"); !s.ok()) return s;
    a->note = *u.note;
    a->note_html = RenderMarkdown(a->note);  // as the store renders it
  }
  if (u.follow_approval) {
    if (u.locked && *u.locked != (*u.follow_approval == FollowApproval::kEveryone))
      return Status::Unprocessable(
          "Validation failed: locked must be true exactly when follow_approval is everyone");
    SetFollowApproval(*a, *u.follow_approval);
  } else if (u.locked) {
    if (*u.locked)
      SetFollowApproval(*a, FollowApproval::kEveryone);
    else if (a->locked)
      SetFollowApproval(*a, FollowApproval::kOff);
  }
  if (u.pronouns) a->pronouns = *u.pronouns;
  if (u.avatar) a->avatar = *u.avatar;
  if (u.header) a->header = *u.header;
  a->updated_at = NowMillis();
  if (Status s = store_.accounts().Update(*a); !s.ok()) return s;
  Changed(id);
  return a;
}

namespace {

// {"role": role}: the before and after of a role change in the audit log.
std::string RoleJson(const std::string& role) {
  JsonWriter w;
  w.BeginObject().Field("role", role).EndObject();
  return w.Take();
}

}  // namespace

Status AccountService::SetRole(int64_t id, const std::string& role, const AuditActor* by) {
  if (!IsValidRole(role))
    return Status::Unprocessable("Validation failed: Role must be member, moderator or admin");
  auto a = store_.accounts().Get(id);
  if (!a.ok()) return a.status();
  std::optional<AuditEntry> audit;
  if (by)
    audit = NewAuditEntry(*by, "account.role", "account", std::to_string(id), RoleJson(a->role),
                          RoleJson(role));
  const Account before = *a;
  a->role = role;
  a->updated_at = NowMillis();
  Status s = store_.accounts().Update(*a, audit ? &*audit : nullptr);
  Changed(id);
  if (s.ok() && by) s = RecordByAdmin(store_, ids_, *by, before, *a);
  return s;
}

Status AccountService::SetPassword(int64_t id, const std::string& password, const AuditActor* by) {
  if (Status s = ValidatePassword(password); !s.ok()) return s;
  auto a = store_.accounts().Get(id);
  if (!a.ok()) return a.status();
  // Every session ends and every token is revoked, as on deactivation:
  // whoever knew the old password is signed out everywhere.
  Status s = store_.accounts().SetPassword(id, HashPassword(password), NowMillis(), "", 0);
  Changed(id);
  if (s.ok() && by)
    s = AuditLog(store_).Record(*by, "account.reset_password", "account", std::to_string(id));
  return s;
}

Status AccountService::Deactivate(int64_t id, const AuditActor* by) {
  std::optional<AuditEntry> audit;
  std::optional<Account> before;
  if (by) {
    auto a = store_.accounts().Get(id);
    if (!a.ok()) return a.status();
    audit = NewAuditEntry(*by, "account.deactivate", "account", std::to_string(id),
                          a->active ? R"({"active":true})" : R"({"active":false})",
                          R"({"active":false})");
    before = *a;
  }
  Status s = store_.accounts().Deactivate(id, NowMillis(), audit ? &*audit : nullptr);
  Changed(id);
  if (s.ok() && before) {
    Account after = *before;
    after.active = false;
    s = RecordByAdmin(store_, ids_, *by, *before, after);
  }
  return s;
}

Status AccountService::Reactivate(int64_t id, const AuditActor* by) {
  auto a = store_.accounts().Get(id);
  if (!a.ok()) return a.status();
  std::optional<AuditEntry> audit;
  if (by)
    audit = NewAuditEntry(*by, "account.reactivate", "account", std::to_string(id),
                          a->active ? R"({"active":true})" : R"({"active":false})",
                          R"({"active":true})");
  const Account before = *a;
  a->active = true;
  a->updated_at = NowMillis();
  Status s = store_.accounts().Update(*a, audit ? &*audit : nullptr);
  Changed(id);
  if (s.ok() && by) s = RecordByAdmin(store_, ids_, *by, before, *a);
  return s;
}

}  // namespace atrium
