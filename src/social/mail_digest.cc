#include "social/mail_digest.h"

#include <algorithm>
#include <unordered_set>

namespace atrium {
namespace {

// The home stream is read in pages of this size, at most this many.
constexpr int kPageSize = 40;
constexpr int kMaxPages = 10;
// How far up the management chain counts as close.
constexpr int kChainDepth = 10;

}  // namespace

Result<std::vector<VisiblePost>> MailDigest::Posts(const Viewer& viewer, int64_t since,
                                                   int64_t until, int cap) {
  std::vector<VisiblePost> candidates;
  std::unordered_set<int64_t> taken;
  PageRequest page{0, 0, 0, kPageSize};
  page.max_id = IdGenerator::LowestAt(until);
  for (int round = 0; round < kMaxPages; ++round) {
    auto got = timelines_.Home(viewer, page);
    if (!got.ok()) return got.status();
    bool older = false;
    for (const VisiblePost& p : got->posts) {
      if (p.status->id < IdGenerator::LowestAt(since)) older = true;
      // A repost brings nothing new; the original counts when it is shown itself.
      if (p.original || p.status->reblog_of_id != 0) continue;
      const StatusRecord& s = *p.status;
      if (s.in_reply_to_id != 0 || s.account_id == viewer.account_id) continue;
      if (s.created_at < since || s.created_at >= until) continue;
      if (taken.insert(s.id).second) candidates.push_back(p);
    }
    if (older || got->posts.empty() || got->last_cursor == 0) break;
    page.max_id = got->last_cursor;
  }
  if (candidates.empty()) return candidates;

  // Closeness: the management chain and the connections.
  std::unordered_set<int64_t> chain, connections;
  auto me = core_.accounts.Get(viewer.account_id);
  int64_t manager = me.ok() ? (*me)->account.manager_id : 0;
  for (int i = 0; i < kChainDepth && manager != 0 && chain.insert(manager).second; ++i) {
    auto m = core_.accounts.Get(manager);
    manager = m.ok() ? (*m)->account.manager_id : 0;
  }
  auto connected = core_.store.relationships().Connections(viewer.account_id, {0, 0, 0, 500});
  if (connected.ok())
    for (const PageEntry& e : *connected) connections.insert(e.id);

  const double period = std::max<int64_t>(until - since, 1);
  auto score = [&](const StatusRecord& s) {
    double points = static_cast<double>(s.favourites_count + s.reblogs_count + s.quotes_count +
                                        2 * s.replies_count);
    if (chain.count(s.account_id)) points += 4;
    if (connections.count(s.account_id)) points += 3;
    if (s.community_id != 0 && viewer.graph->MemberOf(s.community_id)) points += 1;
    points += 2.0 * static_cast<double>(s.created_at - since) / period;
    return points;
  };
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t i = 0; i < candidates.size(); ++i)
    ranked.emplace_back(score(*candidates[i].status), i);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<VisiblePost> out;
  for (const auto& [points, i] : ranked) {
    if (static_cast<int>(out.size()) >= cap) break;
    out.push_back(candidates[i]);
  }
  return out;
}

}  // namespace atrium
