// DirectoryService: people as the organization's directory describes them —
// provisioning (SCIM, CSV, LDAP all come through here), the org chart, and
// what people add to their profiles: links, expertise, endorsements.
//
// Directory fields (kDirectoryOwnedFields: title, department, manager,
// location, phone, e-mail, employee number, ...; the display name of a
// person who came from a directory, Account::directory_managed) are written
// only through Provision; people cannot change them (UpdateOwnProfile
// refuses with 422 naming the field).
// A manager that would make a cycle, or a new manager who is deactivated or
// removed (CheckCanManage), is refused with 422.
//
// Thread-safe.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/id.h"
#include "base/status.h"
#include "social/account_service.h"
#include "social/avatar_store.h"
#include "social/visibility_policy.h"
#include "store/store.h"

namespace atrium {

// One person as a directory sends them. Fields left nullopt are not
// touched on an update (SCIM PATCH); an empty string clears a field.
struct DirectoryEntry {
  std::string external_id;              // the directory's id; may be empty
  std::optional<std::string> username;  // required to create
  std::optional<std::string> email;
  std::optional<std::string> display_name;
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> location;
  std::optional<std::string> phone;
  std::optional<std::string> employee_number;
  std::optional<std::string> cost_center;
  std::optional<std::string> organization;
  std::optional<std::string> division;
  // The manager, by Atrium account id, by external id or by username, as the
  // directory names them. An empty string removes the manager.
  std::optional<std::string> manager;
  std::optional<bool> active;
  // Who sends the entry, as the profile history names it: a SCIM request
  // ("scim request <id>") or an import's command, source and run ("atrium
  // import-directory people.csv run <start>").
  std::string source;
};

// The profile fields the organization's directory owns, as the API names
// them: written only through Provision, read-only to the person. The one
// definition every check uses.
inline constexpr std::array<std::string_view, 13> kDirectoryOwnedFields = {
    "title",    "department", "manager",         "manager_id",  "location",
    "phone",    "email",      "employee_number", "cost_center", "organization",
    "division", "username",   "external_id"};

// 422 naming the first directory-owned field (in kDirectoryOwnedFields'
// order) among `named`, else OK.
Status RefuseDirectoryOwnedFields(const std::vector<std::string>& named);

// An expertise tag of a person as a viewer sees it.
struct ExpertiseView {
  std::string tag;
  int64_t endorsements = 0;
  bool endorsed_by_viewer = false;
};

struct ProvisionResult {
  Account account;
  bool created = false;
  bool changed = false;  // false: the entry matched what was there
};

// The chain of managers above `account_id` in the org chart, nearest first:
// people the directory removed are skipped, a loop or 100 steps end it.
// 404 for an unknown account.
Result<std::vector<int64_t>> ManagementChainOf(AccountStore& accounts, int64_t account_id);

class DirectoryService {
 public:
  // `avatars` keeps profile pictures (UpdateOwnProfile replaces them);
  // without it, uploading one fails.
  DirectoryService(Store& store, IdGenerator& ids, AccountService& accounts,
                   AvatarStore* avatars = nullptr)
      : store_(store), ids_(ids), accounts_(accounts), avatars_(avatars) {}
  DirectoryService(const DirectoryService&) = delete;
  DirectoryService& operator=(const DirectoryService&) = delete;

  // Creates the person (by `username`) or updates `existing_id` (0: look up
  // by external id, then by username), and marks them directory_managed.
  // Deactivation (active=false) ends sessions and tokens at once;
  // reactivation lets the person sign in again. 422 for invalid fields, a
  // manager that does not exist or would make a cycle, a new manager who
  // may not manage (CheckCanManage; the manager the person already has may
  // stay); 409 for a username, e-mail or external id that another account
  // has.
  Result<ProvisionResult> Provision(const DirectoryEntry& entry, int64_t existing_id = 0);

  // May `manager` become someone's manager? 422 naming them if they are
  // deactivated or the directory removed them. The one rule for every
  // source: Provision applies it, DirectoryImport checks its rows with it
  // before writing anything.
  static Status CheckCanManage(const Account& manager);

  // The directory removed the person (SCIM DELETE): deactivates them (their
  // content stays), forgets their external id and marks them removed, so
  // provisioning answers 404 for them from then on.
  Status Remove(int64_t account_id);

  // The chain of managers above a person, nearest first.
  Result<std::vector<int64_t>> ManagementChain(int64_t account_id);
  Result<std::vector<int64_t>> DirectReports(int64_t account_id);
  // People with the same manager (not the person), by display name.
  Result<std::vector<int64_t>> Peers(int64_t account_id);

  // What a person may change about themselves. Naming a directory field
  // (title, department, ...) is refused with 422 naming it.
  struct OwnProfile {
    // Every parameter the person sent, by name: a directory-owned field
    // among them is refused, and so is a picture sent as text.
    std::vector<std::string> named;
    // Uploaded images as (form field, bytes): "avatar" replaces the profile
    // picture, "header" the header image (the old file is deleted once the
    // change is stored; the new one if it is not).
    std::vector<std::pair<std::string, std::string>> images;
    // Refused with 422 for a person the directory manages, unless it is the
    // name they already have.
    std::optional<std::string> display_name;
    std::optional<std::string> note;
    std::optional<std::string> pronouns;
    std::optional<bool> locked;
    std::optional<FollowApproval> follow_approval;
    std::optional<std::vector<ProfileField>> fields;
    std::optional<std::vector<std::string>> expertise;
  };
  Result<Account> UpdateOwnProfile(int64_t account_id, const OwnProfile& profile);
  // Removes the person's avatar or header image (kAvatar or kHeader), file
  // and all; nothing to remove is fine.
  Result<Account> RemoveOwnPicture(int64_t account_id, PictureKind kind);

  // The person's expertise tags in their order, with endorsement counts and
  // whether `viewer_id` endorsed each.
  Result<std::vector<ExpertiseView>> Expertise(int64_t account_id, int64_t viewer_id);
  // Who endorsed `account_id` for `tag` (normalized here). Like the org
  // chart's walks, the ids of everyone; what a viewer is shown of them is
  // VisibilityPolicy::VisibleAccounts.
  Result<std::vector<int64_t>> Endorsers(int64_t account_id, const std::string& tag);
  // People matching every given field of `query` (active ones), likewise.
  Result<std::vector<int64_t>> SearchPeople(const PeopleQuery& query);
  // Up to 40 active people listing `tag` (a leading '#' ignored), most
  // endorsed first, as `viewer` may see them.
  Result<std::vector<ExpertRecord>> WhoKnows(const Viewer& viewer, std::string tag);
  // The person the directory knows by `external_id`.
  Result<Account> FindByExternalId(const std::string& external_id) {
    return store_.directory().FindByExternalId(external_id);
  }

  Result<bool> Endorse(const Account& endorser, int64_t account_id, const std::string& tag);
  Result<bool> Unendorse(const Account& endorser, int64_t account_id, const std::string& tag);

 private:
  Result<int64_t> ResolveManager(const std::string& ref);
  Status CheckNoCycle(int64_t account_id, int64_t manager_id);
  // The files of an update's new avatar and header image, already saved.
  struct NewPictures {
    std::optional<std::string> avatar;
    std::optional<std::string> header;
  };
  // UpdateOwnProfile's checks and writes but for the pictures, saved before.
  Result<Account> UpdateOwnFields(const Account& account, const OwnProfile& profile,
                                  const NewPictures& pictures);
  // Deletes the files of pictures whose change was not stored.
  void DropPictures(const NewPictures& pictures);

  Store& store_;
  IdGenerator& ids_;
  AccountService& accounts_;
  AvatarStore* avatars_;
};

}  // namespace atrium
