#include "social/list_service.h"

#include <algorithm>

#include "base/text.h"
#include "feed/feed_cache.h"

namespace atrium {

Result<std::vector<ListRecord>> ListService::Of(int64_t owner_id) {
  return core_.store.lists().OfAccount(owner_id);
}

Result<ListRecord> ListService::Get(int64_t owner_id, int64_t list_id) {
  auto list = core_.store.lists().Get(list_id);
  if (!list.ok()) return list.status();
  if (list->account_id != owner_id) return Status::NotFound();
  return list;
}

Status ListService::Apply(const ListSettings& settings, bool creating, ListRecord& l) {
  if (settings.title) l.title = *settings.title;
  if (creating && settings.title.value_or("").empty())
    return Status::Unprocessable("Validation failed: Title can't be blank");
  if (l.title.empty() || CountCodePoints(l.title) > 200)
    return Status::Unprocessable("Validation failed: Title must be 1 to 200 characters");
  if (settings.replies_policy) {
    const std::string& rp = *settings.replies_policy;
    if (rp != "followed" && rp != "list" && rp != "none")
      return Status::Unprocessable(
          "Validation failed: replies_policy must be followed, list or none");
    l.replies_policy = rp;
  }
  if (settings.exclusive) l.exclusive = *settings.exclusive;
  return Status::Ok();
}

Result<ListRecord> ListService::Create(int64_t owner_id, const ListSettings& settings) {
  ListRecord l;
  l.account_id = owner_id;
  if (Status s = Apply(settings, /*creating=*/true, l); !s.ok()) return s;
  l.id = core_.ids.Next();
  if (Status s = core_.store.lists().Create(l); !s.ok()) return s;
  return l;
}

Result<ListRecord> ListService::Update(const ListRecord& list, const ListSettings& settings) {
  ListRecord l = list;
  if (Status s = Apply(settings, /*creating=*/false, l); !s.ok()) return s;
  if (Status s = core_.store.lists().Update(l); !s.ok()) return s;
  Changed(l);
  return l;
}

Status ListService::Delete(const ListRecord& list) {
  if (Status s = core_.store.lists().Delete(list.id); !s.ok()) return s;
  Changed(list);
  return Status::Ok();
}

Result<std::vector<int64_t>> ListService::Members(const ListRecord& list) {
  return core_.store.lists().Accounts(list.id);
}

Status ListService::AddMembers(const Viewer& owner, const ListRecord& list,
                               const std::vector<int64_t>& account_ids) {
  if (account_ids.empty())
    return Status::Unprocessable("Validation failed: account_ids is required");
  // As Mastodon: only people you follow can be in your lists, once.
  for (int64_t id : account_ids)
    if (!owner.graph || !owner.graph->Follows(id))
      return Status::NotFound("Record not found", "You can add only people you follow");
  auto members = core_.store.lists().Accounts(list.id);
  if (!members.ok()) return members.status();
  for (int64_t id : account_ids)
    if (std::find(members->begin(), members->end(), id) != members->end())
      return Status::Unprocessable("Validation failed: Account has already been taken");
  if (Status s = core_.store.lists().AddAccounts(list.id, account_ids); !s.ok()) return s;
  Changed(list);
  return Status::Ok();
}

Status ListService::RemoveMembers(const ListRecord& list, const std::vector<int64_t>& account_ids) {
  if (Status s = core_.store.lists().RemoveAccounts(list.id, account_ids); !s.ok()) return s;
  Changed(list);
  return Status::Ok();
}

Result<std::vector<ListRecord>> ListService::Containing(int64_t owner_id, int64_t member_id) {
  return core_.store.lists().ContainingAccount(owner_id, member_id);
}

void ListService::Changed(const ListRecord& list) {
  core_.feeds.Evict(ListFeedKey(list.id));
  core_.feeds.Evict(HomeFeedKey(list.account_id));
  core_.graph.Invalidate(list.account_id);
}

}  // namespace atrium
