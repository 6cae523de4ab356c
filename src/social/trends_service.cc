#include "social/trends_service.h"

#include <algorithm>
#include <map>

#include "base/clock.h"
#include "base/id.h"

namespace atrium {
namespace {

constexpr int64_t kDayMs = 86400 * 1000;
constexpr int kDays = 7;
// Trending posts kept per class: more than a reader pages through.
constexpr int kPostsPerClass = 100;

}  // namespace

TrendsService::TrendsService(SocialCore& core) : core_(core) {}

Result<TrendsService::SnapshotPtr> TrendsService::SnapshotOf(int64_t community_id) {
  const int64_t now = NowMillis();
  {
    std::lock_guard lock(mu_);
    auto it = snapshots_.find(community_id);
    if (it != snapshots_.end() && now - it->second->computed_at < core_.settings.trends_refresh_ms)
      return it->second;
  }
  // Counted outside the lock: two readers may count the same class at
  // once, and the later result is kept.
  const int64_t today = now / kDayMs;
  const int64_t since_id = IdGenerator::LowestAt((today - kDays + 1) * kDayMs);
  const TrendScope scope{community_id};
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->computed_at = now;
  snapshot->today = today;
  TagStore& tags = core_.store.tags();
  auto tag_uses = tags.TagUses(scope, since_id);
  if (!tag_uses.ok()) return tag_uses.status();
  snapshot->tags = std::move(tag_uses).value();
  auto link_uses = tags.LinkUses(scope, since_id);
  if (!link_uses.ok()) return link_uses.status();
  snapshot->links = std::move(link_uses).value();
  auto posts = tags.TopPosts(scope, since_id, kPostsPerClass);
  if (!posts.ok()) return posts.status();
  snapshot->posts = std::move(posts).value();
  SnapshotPtr frozen = std::move(snapshot);
  std::lock_guard lock(mu_);
  snapshots_[community_id] = frozen;
  return frozen;
}

Result<std::vector<TrendsService::SnapshotPtr>> TrendsService::SnapshotsFor(const Viewer& viewer) {
  std::vector<SnapshotPtr> out;
  auto org = SnapshotOf(0);
  if (!org.ok()) return org.status();
  out.push_back(*org);
  if (viewer.graph && viewer.communities) {
    for (int64_t id : viewer.graph->communities) {
      const CommunityRecord* c = viewer.communities->Find(id);
      if (!c || c->type != CommunityType::kRestricted) continue;
      auto s = SnapshotOf(id);
      if (!s.ok()) return s.status();
      out.push_back(*s);
    }
  }
  return out;
}

std::vector<Trend> TrendsService::Rank(const std::vector<SnapshotPtr>& snapshots,
                                       std::vector<DailyUse> Snapshot::*uses, int64_t today) {
  struct Sum {
    std::vector<DayCount> days = std::vector<DayCount>(kDays);
    int64_t accounts = 0;
    int64_t uses = 0;
  };
  std::map<std::string, Sum> sums;
  for (const auto& snapshot : snapshots)
    for (const DailyUse& u : (*snapshot).*uses) {
      const int64_t age = today - u.day;
      if (age < 0 || age >= kDays) continue;
      Sum& sum = sums[u.key];
      sum.days[age].uses += u.uses;
      sum.days[age].accounts += u.accounts;
      sum.accounts += u.accounts;
      sum.uses += u.uses;
    }
  std::vector<std::pair<const std::string*, Sum*>> ranked;
  for (auto& [key, sum] : sums) ranked.emplace_back(&key, &sum);
  // Most people first, then most posts, then by name.
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second->accounts != b.second->accounts) return a.second->accounts > b.second->accounts;
    return a.second->uses > b.second->uses;
  });
  std::vector<Trend> out;
  for (auto& [key, sum] : ranked) {
    Trend t{*key, std::move(sum->days)};
    for (int i = 0; i < kDays; ++i) t.history[i].day = (today - i) * 86400;
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

template <typename T>
std::vector<T> Slice(std::vector<T> all, int offset, int limit) {
  if (offset >= static_cast<int>(all.size())) return {};
  all.erase(all.begin(), all.begin() + offset);
  if (static_cast<int>(all.size()) > limit) all.resize(static_cast<size_t>(limit));
  return all;
}

}  // namespace

Result<std::vector<Trend>> TrendsService::Tags(const Viewer& viewer, int offset, int limit) {
  auto snapshots = SnapshotsFor(viewer);
  if (!snapshots.ok()) return snapshots.status();
  return Slice(Rank(*snapshots, &Snapshot::tags, (*snapshots)[0]->today), offset, limit);
}

Result<std::vector<DayCount>> TrendsService::TagHistory(const Viewer& viewer,
                                                        const std::string& name) {
  auto snapshots = SnapshotsFor(viewer);
  if (!snapshots.ok()) return snapshots.status();
  const int64_t today = (*snapshots)[0]->today;
  for (Trend& t : Rank(*snapshots, &Snapshot::tags, today))
    if (t.key == name) return std::move(t.history);
  std::vector<DayCount> none(kDays);
  for (int i = 0; i < kDays; ++i) none[i].day = (today - i) * 86400;
  return none;
}

Result<std::vector<TrendingLink>> TrendsService::Links(const Viewer& viewer, int offset,
                                                       int limit) {
  auto snapshots = SnapshotsFor(viewer);
  if (!snapshots.ok()) return snapshots.status();
  std::vector<TrendingLink> out;
  int skipped = 0;
  for (Trend& t : Rank(*snapshots, &Snapshot::links, (*snapshots)[0]->today)) {
    if (static_cast<int>(out.size()) >= limit) break;
    auto cached = core_.store.link_cards().Find(t.key);
    if (!cached.ok() || !cached->card) continue;  // no card (any more)
    if (skipped++ < offset) continue;
    out.push_back({*cached->card, std::move(t.history)});
  }
  return out;
}

Result<std::vector<SocialCore::VisiblePost>> TrendsService::Statuses(const Viewer& viewer,
                                                                     int offset, int limit) {
  auto snapshots = SnapshotsFor(viewer);
  if (!snapshots.ok()) return snapshots.status();
  std::vector<ScoredPost> posts;
  for (const auto& s : *snapshots) posts.insert(posts.end(), s->posts.begin(), s->posts.end());
  std::sort(posts.begin(), posts.end(), [](const ScoredPost& a, const ScoredPost& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  });
  std::vector<int64_t> ids;
  for (const auto& p : posts) ids.push_back(p.id);
  // The policy per reader: blocks and mutes as in every stream.
  auto visible = core_.VisibleMany(viewer, ids, true);
  if (!visible.ok()) return visible.status();
  return Slice(std::move(visible).value(), offset, limit);
}

}  // namespace atrium
