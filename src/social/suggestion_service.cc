#include "social/suggestion_service.h"

#include <algorithm>
#include <unordered_set>

#include "base/clock.h"

namespace atrium {

Result<std::vector<Suggestion>> SuggestionService::For(const Viewer& viewer, int limit) {
  limit = std::clamp(limit, 0, kMaxLimit);
  std::vector<Suggestion> candidates;
  auto add = [&](int64_t id, SuggestionReason reason) {
    auto it = std::find_if(candidates.begin(), candidates.end(),
                           [id](const Suggestion& s) { return s.account_id == id; });
    if (it == candidates.end()) {
      candidates.push_back({id, {reason}});
    } else if (std::find(it->reasons.begin(), it->reasons.end(), reason) == it->reasons.end()) {
      it->reasons.push_back(reason);
    }
  };
  auto chain = directory_.ManagementChain(viewer.account_id);
  if (!chain.ok()) return chain.status();
  for (int64_t id : *chain) add(id, SuggestionReason::kManagementChain);
  auto peers = directory_.Peers(viewer.account_id);
  if (!peers.ok()) return peers.status();
  auto reports = directory_.DirectReports(viewer.account_id);
  if (!reports.ok()) return reports.status();
  for (const auto* team : {&*peers, &*reports})
    for (int64_t id : *team) add(id, SuggestionReason::kTeam);
  // Enough of them that the rules below leave `limit`.
  auto followed = core_.store.relationships().FollowedByFollowed(viewer.account_id, limit + 100);
  if (!followed.ok()) return followed.status();
  for (const auto& [id, count] : *followed) add(id, SuggestionReason::kFollowedByFollowed);

  auto dismissed = core_.store.relationships().DismissedSuggestions(viewer.account_id);
  if (!dismissed.ok()) return dismissed.status();
  const std::unordered_set<int64_t> gone(dismissed->begin(), dismissed->end());
  std::vector<int64_t> ids;
  for (const Suggestion& s : candidates) ids.push_back(s.account_id);
  auto accounts = core_.accounts.GetMany(ids);
  if (!accounts.ok()) return accounts.status();
  auto relations = core_.store.relationships().Relationships(viewer.account_id, ids, NowMillis());
  if (!relations.ok()) return relations.status();
  std::unordered_set<int64_t> requested;
  for (const RelationshipRecord& r : *relations)
    if (r.requested) requested.insert(r.target_id);

  const GraphEntry& graph = *viewer.graph;
  std::vector<Suggestion> out;
  for (Suggestion& s : candidates) {
    if (static_cast<int>(out.size()) >= limit) break;
    const int64_t id = s.account_id;
    auto account = accounts->find(id);
    if (id == viewer.account_id || account == accounts->end() || !account->second->account.active ||
        graph.Follows(id) || graph.BlockedEitherWay(id) || graph.Mutes(id) || gone.contains(id) ||
        requested.contains(id))
      continue;
    out.push_back(std::move(s));
  }
  return out;
}

Status SuggestionService::Dismiss(const Viewer& viewer, int64_t account_id) {
  if (account_id == viewer.account_id) return Status::Ok();
  if (!core_.store.accounts().Get(account_id).ok()) return Status::Ok();
  return core_.store.relationships().DismissSuggestion(viewer.account_id, account_id, NowMillis());
}

}  // namespace atrium
