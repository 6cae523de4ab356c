// AccountService: creating and administering accounts — the people of the
// organization. Validates what it is given and refuses with 422 naming the
// field. Safe for concurrent use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/id.h"
#include "base/status.h"
#include "social/audit_log.h"
#include "store/store.h"

namespace atrium {

struct NewAccount {
  std::string username;
  std::string email;
  std::string display_name;
  std::string role = kRoleMember;
  std::string password;  // empty: the person cannot sign in with a password
  bool locked = false;
  std::string external_id;  // the identity provider's id; empty: none
};

// The follow-approval setting: whose follows wait for the person's approval
// (as follow requests, like a locked account's in Mastodon). kEveryone is
// Mastodon's `locked`; kManagementChain asks only of the people above the
// person in the org chart (their manager, their manager's manager, ...).
enum class FollowApproval { kOff, kEveryone, kManagementChain };

// The setting as stored in `a` (locked wins over approve_management_chain).
FollowApproval FollowApprovalOf(const Account& a);
// Sets `a`'s locked and approve_management_chain to mean `approval`.
void SetFollowApproval(Account& a, FollowApproval approval);
// "off", "everyone", "management_chain".
const char* FollowApprovalName(FollowApproval approval);
// The setting named `name`; nullopt for any other text.
std::optional<FollowApproval> ParseFollowApproval(std::string_view name);

// Field checks, shared by every way accounts come in. OK or 422 naming the field.
Status ValidateUsername(const std::string& username);
Status ValidateEmail(const std::string& email);
Status ValidatePassword(const std::string& password);

class AccountService {
 public:
  AccountService(Store& store, IdGenerator& ids) : store_(store), ids_(ids) {}
  AccountService(const AccountService&) = delete;
  AccountService& operator=(const AccountService&) = delete;

  // Creates an account. 422 for an invalid or already taken field.
  Result<Account> Create(const NewAccount& input);
  Result<Account> Get(int64_t id) { return store_.accounts().Get(id); }
  // By e-mail address when `login` contains '@', else by username.
  Result<Account> FindByLogin(const std::string& login);
  // Case-insensitive look-ups.
  Result<Account> FindByUsername(std::string_view username) {
    return store_.accounts().FindByUsername(username);
  }
  Result<Account> FindByEmail(std::string_view email) {
    return store_.accounts().FindByEmail(email);
  }
  // Accounts with id > after_id, in id order, at most `limit`.
  Result<std::vector<Account>> List(int64_t after_id, int limit) {
    return store_.accounts().List(after_id, limit);
  }
  // How many people can use Atrium now (active accounts).
  Result<int64_t> CountActive() { return store_.accounts().Count(/*active_only=*/true); }
  // Administration: accounts matching every given filter of `query`, newest
  // first, paged by id; people the directory removed too.
  Result<std::vector<Account>> Query(const AccountQuery& query, const PageRequest& page) {
    return store_.accounts().Query(query, page);
  }

  // What a person may change about themselves; fields left empty stay.
  struct ProfileUpdate {
    std::optional<std::string> display_name;
    std::optional<std::string> note;
    // Mastodon's switch: true is FollowApproval::kEveryone; false turns
    // kEveryone off and leaves kManagementChain (where `locked` is false
    // already). With follow_approval, 422 unless the two agree.
    std::optional<bool> locked;
    std::optional<FollowApproval> follow_approval;
    std::optional<std::string> pronouns;
    std::optional<std::string> avatar;  // a file name from AvatarStore; "" removes it
    std::optional<std::string> header;  // the same, for the header image
  };
  Result<Account> UpdateProfile(int64_t id, const ProfileUpdate& update);

  // The privileged changes below are appended to the audit log, in the
  // change's own transaction, when `by` (who asked) is given.
  Status SetRole(int64_t id, const std::string& role, const AuditActor* by = nullptr);
  // Sets a new password (an administrator's reset, `atrium user
  // reset-password`) and ends every session and token of the account. With
  // `by`, the reset is audited (right after it; never the password).
  Status SetPassword(int64_t id, const std::string& password, const AuditActor* by = nullptr);
  // Deactivation ends the person's sessions and tokens at once; their
  // content stays. Reactivation lets them sign in again.
  Status Deactivate(int64_t id, const AuditActor* by = nullptr);
  Status Reactivate(int64_t id, const AuditActor* by = nullptr);

  // Called with an account's id after any change to it (so caches drop it).
  void SetChangeListener(std::function<void(int64_t)> listener) { changed_ = std::move(listener); }
  // Tells the listener that another service changed the account.
  void NotifyChanged(int64_t id) { Changed(id); }

 private:
  void Changed(int64_t id) {
    if (changed_) changed_(id);
  }

  Store& store_;
  IdGenerator& ids_;
  std::function<void(int64_t)> changed_;
};

}  // namespace atrium
