// ListService: a member's lists — people they follow, grouped into a stream
// of their own (Mastodon's lists). Owns the rules: only the owner sees or
// changes a list (anyone else gets 404, as if it did not exist); a title of
// 1 to 200 characters; replies_policy followed, list or none; only people
// the owner follows can be added, each once. A change to a list's members
// or exclusivity drops its feed, the owner's home feed (an exclusive list
// keeps its members out of it) and the owner's graph entry, so each is
// rebuilt by the same rule on its next read.
//
// Errors: 404 for a list that is not the owner's (or a person not followed,
// as Mastodon answers), 422 naming the invalid field.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "social/social_core.h"
#include "store/social_records.h"

namespace atrium {

// What a create or an update sets; fields left nullopt stay as they are
// (on create: the defaults, replies_policy "list", not exclusive).
struct ListSettings {
  std::optional<std::string> title;
  std::optional<std::string> replies_policy;
  std::optional<bool> exclusive;
};

class ListService {
 public:
  explicit ListService(SocialCore& core) : core_(core) {}
  ListService(const ListService&) = delete;
  ListService& operator=(const ListService&) = delete;

  // The owner's lists.
  Result<std::vector<ListRecord>> Of(int64_t owner_id);
  // The owner's list `list_id`; 404 if it does not exist or is someone else's.
  Result<ListRecord> Get(int64_t owner_id, int64_t list_id);
  // Creates a list for `owner_id`. 422 if the title is missing or invalid.
  Result<ListRecord> Create(int64_t owner_id, const ListSettings& settings);
  // Applies `settings` to `list` (as Get returned it) and stores it.
  Result<ListRecord> Update(const ListRecord& list, const ListSettings& settings);
  Status Delete(const ListRecord& list);

  // The members' ids, in the store's order.
  Result<std::vector<int64_t>> Members(const ListRecord& list);
  // Adds people to the owner's list. 422 if `account_ids` is empty or one is
  // already a member; 404 if the owner does not follow one of them.
  Status AddMembers(const Viewer& owner, const ListRecord& list,
                    const std::vector<int64_t>& account_ids);
  Status RemoveMembers(const ListRecord& list, const std::vector<int64_t>& account_ids);
  // The owner's lists that contain `member_id`.
  Result<std::vector<ListRecord>> Containing(int64_t owner_id, int64_t member_id);

 private:
  // Validates and applies `settings` to `list`.
  static Status Apply(const ListSettings& settings, bool creating, ListRecord& list);
  // Feeds and graph entry built from the list are rebuilt on next read.
  void Changed(const ListRecord& list);

  SocialCore& core_;
};

}  // namespace atrium
