// ProfileHistory: appends every change to a person's profile to the
// append-only history (store/profile_history_store.h) — by the person, by
// the organization's directory (SCIM, CSV import, LDAP sync) or by an
// administrator — one row per field with its value before and after. The
// services that change profiles call it once the change is stored; the
// eDiscovery export reads it. Cheap to make; safe for concurrent use as the
// store is.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/id.h"
#include "store/directory_records.h"
#include "store/profile_history_store.h"
#include "store/records.h"

namespace atrium {

// Who changes a profile.
struct ProfileActor {
  ProfileActorKind kind = ProfileActorKind::kSelf;
  int64_t account_id = 0;  // the person or the administrator (0: a command)
  std::string source;      // the directory's source and run, or the command

  static ProfileActor Self(int64_t id) { return {ProfileActorKind::kSelf, id, ""}; }
  static ProfileActor Directory(std::string source) {
    return {ProfileActorKind::kDirectory, 0, std::move(source)};
  }
  static ProfileActor Admin(int64_t id, std::string name) {
    return {ProfileActorKind::kAdmin, id, std::move(name)};
  }
};

class ProfileHistory {
 public:
  ProfileHistory(Store& store, IdGenerator& ids);
  ~ProfileHistory();

  // Appends one row for each profile field that differs between `before`
  // and `after` (the same person): name, work information, note, pronouns,
  // follow approval, pictures (their file names), role, active, removed by
  // the directory. Nothing when nothing differs.
  Status RecordAccount(const ProfileActor& actor, const Account& before, const Account& after);
  // Appends one row for the profile fields (`fields`, as a JSON array of
  // {name, value}) if they differ.
  Status RecordFields(const ProfileActor& actor, int64_t account_id,
                      const std::vector<ProfileField>& before,
                      const std::vector<ProfileField>& after);
  // Appends one row for the expertise tags (`expertise`, a JSON array) if
  // they differ.
  Status RecordExpertise(const ProfileActor& actor, int64_t account_id,
                         const std::vector<std::string>& before,
                         const std::vector<std::string>& after);

  // The person's changes with changed_at in [from, to] (0: unbounded),
  // oldest first.
  Result<std::vector<ProfileChangeRecord>> Of(int64_t account_id, int64_t from, int64_t to);

 private:
  struct Change {
    std::string field;
    std::optional<std::string> before, after;
  };
  Status Append(const ProfileActor& actor, int64_t account_id, const std::vector<Change>& changes);

  std::unique_ptr<ProfileHistoryStore> store_;
  IdGenerator& ids_;
};

}  // namespace atrium
