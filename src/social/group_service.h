// GroupService: named groups of people as the organization's directory
// keeps them (SCIM Groups). Members are people (account ids), never
// groups; a group's display name is unique (case-insensitive); a person
// being added must exist and not have been removed by the directory.
//
// The store replaces a group's members in one write, so the changes this
// service makes are serialized in the process: two concurrent changes
// (Entra ID sends member changes in batches) never lose one another's
// members. Several processes changing groups at once would need per-member
// writes (see ARCHITECTURE.md, Known gaps).
//
// Errors: 404 for an unknown group; 400 (title "invalidValue") for a member
// that is no one; 409 for a name another group has.
//
// Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/id.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

// The complete new state of a group.
struct GroupInput {
  std::string display_name;
  std::string external_id;
  std::vector<int64_t> member_ids;  // de-duplicated by the caller
};

class GroupService {
 public:
  GroupService(Store& store, IdGenerator& ids) : store_(store), ids_(ids) {}
  GroupService(const GroupService&) = delete;
  GroupService& operator=(const GroupService&) = delete;

  Result<GroupRecord> Get(int64_t id);
  // Groups named `display_name` (exact, case-insensitive), or all when it is
  // empty, in id order.
  Result<std::vector<GroupRecord>> List(std::string_view display_name, int limit, int offset);
  Result<int64_t> Count(std::string_view display_name);

  Result<GroupRecord> Create(const GroupInput& input);
  // What a change makes of the group as it is now (or an error, which
  // changes nothing).
  using Edit = std::function<Result<GroupInput>(const GroupRecord& current)>;
  // Loads group `id`, applies `edit` and stores the result, with no other
  // change to groups in between. The group as stored.
  Result<GroupRecord> Change(int64_t id, const Edit& edit);
  Status Delete(int64_t id);

 private:
  // Members being added (not in `before`) must be people provisioning sees.
  Status CheckNewMembers(const std::vector<int64_t>& members, const std::vector<int64_t>& before);
  // No group but `self` is named `name`.
  Status CheckNameFree(const std::string& name, int64_t self);

  Store& store_;
  IdGenerator& ids_;
  std::mutex writes_;  // held from a change's read to its write
};

}  // namespace atrium
