#include "social/social_graph.h"

#include <algorithm>

#include "base/clock.h"

namespace atrium {

bool GraphEntry::Contains(const std::vector<int64_t>& sorted, int64_t id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

bool GraphEntry::FollowsAnyTag(const std::vector<std::string>& tags) const {
  if (followed_tags.empty()) return false;
  for (const auto& tag : tags)
    if (std::binary_search(followed_tags.begin(), followed_tags.end(), tag)) return true;
  return false;
}

Result<std::shared_ptr<const GraphEntry>> SocialGraph::Get(int64_t account_id) {
  const int64_t now = NowMillis();
  uint64_t generation = 0;
  std::shared_ptr<const GraphEntry> cached = entries_.WithShard(
      account_id, [&](Entries::Shard& shard) -> std::shared_ptr<const GraphEntry> {
        generation = shard.extra.generation;
        auto it = shard.entries.find(account_id);
        if (it != shard.entries.end() &&
            (it->second->earliest_mute_expiry == 0 || it->second->earliest_mute_expiry > now))
          return it->second;
        return nullptr;
      });
  if (cached) return cached;
  auto& rel = store_.relationships();
  auto entry = std::make_shared<GraphEntry>();
  entry->account_id = account_id;
  auto following = rel.FollowingIds(account_id);
  if (!following.ok()) return following.status();
  auto blocking = rel.BlockingIds(account_id);
  if (!blocking.ok()) return blocking.status();
  auto blocked_by = rel.BlockedByIds(account_id);
  if (!blocked_by.ok()) return blocked_by.status();
  auto muting = rel.MutingIds(account_id, now);
  if (!muting.ok()) return muting.status();
  auto hiding = rel.FollowingHidingReblogs(account_id);
  if (!hiding.ok()) return hiding.status();
  entry->hiding_reblogs = std::move(hiding).value();
  auto lists = store_.lists().OfAccount(account_id);
  if (!lists.ok()) return lists.status();
  for (const ListRecord& list : *lists) {
    if (!list.exclusive) continue;
    auto members = store_.lists().Accounts(list.id);
    if (!members.ok()) return members.status();
    entry->exclusive_list_members.insert(entry->exclusive_list_members.end(), members->begin(),
                                         members->end());
  }
  auto memberships = store_.communities().MembershipsOf(account_id);
  if (!memberships.ok()) return memberships.status();
  for (const auto& m : *memberships)
    if (m.state == MembershipState::kMember) entry->communities.push_back(m.community_id);
  auto tags = store_.tags().Followed(account_id);
  if (!tags.ok()) return tags.status();
  entry->followed_tags = std::move(tags).value();
  std::sort(entry->followed_tags.begin(), entry->followed_tags.end());
  entry->following = std::move(following).value();
  entry->blocking = std::move(blocking).value();
  entry->blocked_by = std::move(blocked_by).value();
  for (const auto& [id, notifications] : *muting) {
    entry->muting.push_back(id);
    if (notifications) entry->muting_notifications.push_back(id);
  }
  for (auto* v : {&entry->following, &entry->blocking, &entry->blocked_by, &entry->muting,
                  &entry->muting_notifications, &entry->hiding_reblogs,
                  &entry->exclusive_list_members, &entry->communities})
    std::sort(v->begin(), v->end());
  // Mute expiry: reload once the earliest expiring mute has passed. The
  // store leaves expired mutes out; we ask it for the next expiry lazily by
  // reloading at most once a minute while any mute exists.
  if (!entry->muting.empty()) entry->earliest_mute_expiry = now + 60 * 1000;
  std::shared_ptr<const GraphEntry> frozen = std::move(entry);
  entries_.WithShard(account_id, [&](Entries::Shard& shard) {
    if (shard.extra.generation == generation) shard.entries[account_id] = frozen;
  });
  return frozen;
}

Result<std::shared_ptr<const std::vector<int64_t>>> SocialGraph::FollowerIds(int64_t account_id) {
  uint64_t generation = 0;
  std::shared_ptr<const std::vector<int64_t>> cached = entries_.WithShard(
      account_id, [&](Entries::Shard& shard) -> std::shared_ptr<const std::vector<int64_t>> {
        generation = shard.extra.generation;
        auto it = shard.extra.followers.find(account_id);
        if (it != shard.extra.followers.end()) return it->second;
        return nullptr;
      });
  if (cached) return cached;
  auto followers = store_.relationships().FollowerIds(account_id);
  if (!followers.ok()) return followers.status();
  std::shared_ptr<const std::vector<int64_t>> frozen =
      std::make_shared<const std::vector<int64_t>>(std::move(followers).value());
  entries_.WithShard(account_id, [&](Entries::Shard& shard) {
    if (shard.extra.generation == generation) shard.extra.followers[account_id] = frozen;
  });
  return frozen;
}

void SocialGraph::Drop(int64_t account_id) {
  entries_.WithShard(account_id, [account_id](Entries::Shard& shard) {
    shard.entries.erase(account_id);
    shard.extra.followers.erase(account_id);
    ++shard.extra.generation;
  });
}

void SocialGraph::Clear() {
  entries_.ForEachShard([](Entries::Shard& shard) {
    shard.entries.clear();
    shard.extra.followers.clear();
    ++shard.extra.generation;
  });
}

}  // namespace atrium
