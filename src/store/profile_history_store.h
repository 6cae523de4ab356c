// ProfileHistoryStore: every change to a person's profile, append-only —
// who changed which field from what to what, and when. Nothing changes or
// removes a row (so a person under legal hold keeps their whole history);
// the eDiscovery export reads it. Every method is one transaction; safe for
// concurrent use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

class Store;

// Who made a profile change.
enum class ProfileActorKind {
  kSelf,       // the person, through their own profile
  kDirectory,  // the organization's directory (SCIM, CSV import, LDAP sync)
  kAdmin,      // an administrator
};

struct ProfileChangeRecord {
  int64_t id = 0;  // time-ordered
  int64_t account_id = 0;
  int64_t changed_at = 0;  // ms since the epoch
  ProfileActorKind actor_kind = ProfileActorKind::kSelf;
  int64_t actor_account_id = 0;       // the person or the admin; 0 for the directory
  std::string actor_source;           // the directory's source and run ("scim", "csv:<run>")
  std::string field;                  // e.g. display_name, note, title, avatar
  std::optional<std::string> before;  // nullopt: unset
  std::optional<std::string> after;   // nullopt: removed
};

class ProfileHistoryStore {
 public:
  virtual ~ProfileHistoryStore() = default;
  // Appends `changes` (ids set) in one transaction.
  virtual Status Append(const std::vector<ProfileChangeRecord>& changes) = 0;
  // The person's changes with changed_at in [from, to] (0: unbounded), oldest
  // first.
  virtual Result<std::vector<ProfileChangeRecord>> Of(int64_t account_id, int64_t from,
                                                      int64_t to) = 0;
};

// The profile history of `store` (an SQL store: SQLite or PostgreSQL). The
// result refers to `store`, which must outlive it; cheap to make.
std::unique_ptr<ProfileHistoryStore> OpenProfileHistoryStore(Store& store);

// The wire and column name of `kind`: self, directory, admin.
const char* ProfileActorKindName(ProfileActorKind kind);

}  // namespace atrium
