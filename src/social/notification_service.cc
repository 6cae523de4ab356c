#include "social/notification_service.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "base/clock.h"

namespace atrium {

namespace {

constexpr int64_t kNewAccountMillis = int64_t{30} * 24 * 3600 * 1000;

// Types a policy may keep aside: what someone else chose to do to the
// member. Not what follows from the member's own doing (an accepted answer,
// an accepted invitation, an edit of a post they interacted with, a poll).
bool Filterable(const std::string& type) {
  return type == "mention" || type == "reply" || type == "favourite" || type == "reblog" ||
         type == "quote" || type == "follow" || type == "follow_request" ||
         type == "connection_request";
}

bool ValidAction(const std::string& a) { return a == "accept" || a == "filter" || a == "drop"; }

}  // namespace

bool NotificationService::Visible(const Viewer& viewer, const NotificationRecord& n,
                                  std::vector<StatusPtr>* seen) {
  if (n.account_id != viewer.account_id) return false;
  if (viewer.graph->BlockedEitherWay(n.from_account_id)) return false;
  if (viewer.graph->MutesNotificationsOf(n.from_account_id)) return false;
  if (n.status_id != 0) {
    auto post = core_.Visible(viewer, n.status_id, seen);
    if (!post.ok()) return false;
  }
  return true;
}

// Whether `p` lets every notification through (no member is limited by a
// moderator, so for_limited_accounts never applies).
static bool AcceptsAll(const NotificationPolicyRecord& p) {
  return p.for_not_following == "accept" && p.for_not_followers == "accept" &&
         p.for_new_accounts == "accept" && p.for_private_mentions == "accept";
}

Result<NotificationService::PolicyState> NotificationService::LoadPolicy(const Viewer& viewer) {
  auto policy = core_.store.notifications().Policy(viewer.account_id);
  if (!policy.ok()) return policy.status();
  PolicyState state;
  state.policy = std::move(policy).value();
  state.accepts_all = AcceptsAll(state.policy);
  if (state.accepts_all) return state;
  auto accepted = core_.store.notifications().AcceptedSenders(viewer.account_id);
  if (!accepted.ok()) return accepted.status();
  state.accepted = std::move(accepted).value();
  std::sort(state.accepted.begin(), state.accepted.end());
  return state;
}

NotificationService::Action NotificationService::ActionFor(const Viewer& viewer,
                                                           const PolicyState& state,
                                                           const NotificationRecord& n) {
  if (state.accepts_all || !Filterable(n.type)) return Action::kAccept;
  if (std::binary_search(state.accepted.begin(), state.accepted.end(), n.from_account_id))
    return Action::kAccept;
  Action action = Action::kAccept;
  auto apply = [&](const std::string& rule) {
    if (rule == "drop")
      action = Action::kDrop;
    else if (rule == "filter" && action == Action::kAccept)
      action = Action::kFilter;
  };
  const auto& p = state.policy;
  const bool following = viewer.graph->Follows(n.from_account_id);
  if (!following) apply(p.for_not_following);
  if (p.for_not_followers != "accept") {
    auto sender = core_.graph.Get(n.from_account_id);
    if (!sender.ok() || !(*sender)->Follows(viewer.account_id)) apply(p.for_not_followers);
  }
  if (p.for_new_accounts != "accept") {
    auto sender = core_.accounts.Get(n.from_account_id);
    if (sender.ok() && (*sender)->account.created_at > NowMillis() - kNewAccountMillis)
      apply(p.for_new_accounts);
  }
  // A private mention from someone the member does not follow, unless it
  // answers the member's own post.
  if (p.for_private_mentions != "accept" && n.type == "mention" && n.status_id && !following) {
    auto post = core_.Visible(viewer, n.status_id);
    if (post.ok() && post->status->visibility == Visibility::kDirect &&
        post->status->in_reply_to_account_id != viewer.account_id)
      apply(p.for_private_mentions);
  }
  return action;
}

bool NotificationService::Shows(const Viewer& viewer, const NotificationRecord& n) {
  if (!Visible(viewer, n)) return false;
  auto state = LoadPolicy(viewer);
  return state.ok() && ActionFor(viewer, *state, n) == Action::kAccept;
}

Result<std::vector<NotificationRecord>> NotificationService::List(const Viewer& viewer,
                                                                  const NotificationFilter& filter,
                                                                  const PageRequest& page,
                                                                  ReadTrace* trace) {
  auto state = LoadPolicy(viewer);
  if (!state.ok()) return state.status();
  if (trace) *trace = ReadTrace{{}, false, state->accepts_all, {}};
  std::vector<NotificationRecord> out;
  PageRequest p = page;
  // A filter on who caused them is applied here, so read more per round.
  if (filter.from_account_id) p.limit = std::max(p.limit, 80);
  for (int round = 0; round < 5 && static_cast<int>(out.size()) < page.limit; ++round) {
    auto batch =
        core_.store.notifications().List(viewer.account_id, filter.types, filter.exclude_types, p);
    if (!batch.ok()) return batch.status();
    if (trace)
      for (const auto& n : *batch) trace->ids.push_back(n.id);
    if (static_cast<int>(batch->size()) < p.limit && trace) trace->ended = true;
    if (batch->empty()) break;
    for (auto& n : *batch)
      if ((!filter.from_account_id || n.from_account_id == filter.from_account_id) &&
          Passes(viewer, *state, n, trace ? &trace->seen : nullptr))
        out.push_back(std::move(n));
    if (static_cast<int>(batch->size()) < p.limit) break;
    if (page.min_id != 0)
      p.min_id = batch->front().id;
    else
      p.max_id = batch->back().id;
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  if (static_cast<int>(out.size()) > page.limit) {
    if (page.min_id != 0)
      out.erase(out.begin(), out.end() - page.limit);
    else
      out.resize(static_cast<size_t>(page.limit));
  }
  return out;
}

Result<bool> NotificationService::Unchanged(const Viewer& viewer, const std::vector<int64_t>& ids,
                                            bool ended) {
  // One more than was read: a first page that reached the end changes when
  // an older notification appears.
  // The policy in the same read: a page kept under accept-all is shown
  // again only while the policy still accepts all.
  auto now = core_.store.notifications().NewestIdsAndPolicy(viewer.account_id,
                                                            static_cast<int64_t>(ids.size()) + 1);
  if (!now.ok()) return now.status();
  const std::vector<int64_t>& newest = now->ids;
  if (newest.size() < ids.size() || !std::equal(ids.begin(), ids.end(), newest.begin()))
    return false;
  if (ended && newest.size() > ids.size()) return false;
  return AcceptsAll(now->policy);
}

Result<NotificationRecord> NotificationService::Get(const Viewer& viewer, int64_t id) {
  auto n = core_.store.notifications().Get(viewer.account_id, id);
  if (!n.ok()) return n.status();
  if (!Shows(viewer, *n)) return Status::NotFound();
  return n;
}

Result<std::vector<NotificationRecord>> NotificationService::Group(const Viewer& viewer,
                                                                   const std::string& group_key) {
  auto all = core_.store.notifications().Group(viewer.account_id, group_key);
  if (!all.ok()) return all.status();
  auto state = LoadPolicy(viewer);
  if (!state.ok()) return state.status();
  std::vector<NotificationRecord> out;
  for (auto& n : *all)
    if (Passes(viewer, *state, n)) out.push_back(std::move(n));
  if (out.empty()) return Status::NotFound();
  return out;
}

Status NotificationService::Dismiss(const Viewer& viewer, int64_t id) {
  return core_.store.notifications().Dismiss(viewer.account_id, id);
}

Status NotificationService::DismissGroup(const Viewer& viewer, const std::string& group_key) {
  return core_.store.notifications().DismissGroup(viewer.account_id, group_key);
}

Status NotificationService::Clear(const Viewer& viewer) {
  return core_.store.notifications().Clear(viewer.account_id);
}

Result<int64_t> NotificationService::UnreadCount(const Viewer& viewer,
                                                 const NotificationFilter& filter, int64_t limit,
                                                 bool grouped) {
  auto markers = core_.store.markers().Get(viewer.account_id, {"notifications"});
  if (!markers.ok()) return markers.status();
  int64_t after = markers->empty() ? 0 : markers->front().last_read_id;
  auto state = LoadPolicy(viewer);
  if (!state.ok()) return state.status();
  // Count what the member would see, not what the store holds.
  PageRequest page{0, 0, after, 200};
  int64_t count = 0;
  std::set<std::string> groups;
  while (count < limit) {
    auto batch = core_.store.notifications().List(viewer.account_id, filter.types,
                                                  filter.exclude_types, page);
    if (!batch.ok()) return batch.status();
    for (const auto& n : *batch) {
      if (filter.from_account_id && n.from_account_id != filter.from_account_id) continue;
      if (!Passes(viewer, *state, n)) continue;
      if (grouped && !groups.insert(n.group_key).second) continue;
      ++count;
    }
    if (static_cast<int>(batch->size()) < page.limit) break;
    page.min_id = batch->front().id;
  }
  return std::min(count, limit);
}

Result<std::vector<int64_t>> NotificationService::GroupAccounts(const Viewer& viewer,
                                                                const std::string& group_key) {
  auto group = Group(viewer, group_key);
  if (!group.ok()) return group.status();
  std::vector<int64_t> out;
  for (const auto& n : *group)
    if (std::find(out.begin(), out.end(), n.from_account_id) == out.end())
      out.push_back(n.from_account_id);
  return out;
}

Result<NotificationPolicyRecord> NotificationService::Policy(const Viewer& viewer) {
  return core_.store.notifications().Policy(viewer.account_id);
}

Result<NotificationPolicyRecord> NotificationService::UpdatePolicy(
    const Viewer& viewer, const NotificationPolicyChange& change) {
  auto policy = core_.store.notifications().Policy(viewer.account_id);
  if (!policy.ok()) return policy.status();
  NotificationPolicyRecord p = std::move(policy).value();
  const std::pair<const std::optional<std::string>*, std::string*> fields[] = {
      {&change.for_not_following, &p.for_not_following},
      {&change.for_not_followers, &p.for_not_followers},
      {&change.for_new_accounts, &p.for_new_accounts},
      {&change.for_private_mentions, &p.for_private_mentions},
      {&change.for_limited_accounts, &p.for_limited_accounts}};
  const char* names[] = {"for_not_following", "for_not_followers", "for_new_accounts",
                         "for_private_mentions", "for_limited_accounts"};
  for (size_t i = 0; i < std::size(fields); ++i) {
    const auto& [given, field] = fields[i];
    if (!*given) continue;
    if (!ValidAction(**given))
      return Status::Unprocessable(std::string("Validation failed: ") + names[i] +
                                   " must be accept, filter or drop");
    *field = **given;
  }
  if (Status s = core_.store.notifications().SetPolicy(viewer.account_id, p, NowMillis()); !s.ok())
    return s;
  return p;
}

Result<std::vector<NotificationRequestInfo>> NotificationService::AllRequests(
    const Viewer& viewer) {
  auto state = LoadPolicy(viewer);
  if (!state.ok()) return state.status();
  std::vector<NotificationRequestInfo> out;
  if (state->accepts_all) return out;
  std::unordered_map<int64_t, size_t> by_sender;
  PageRequest page{0, 0, 0, 200};
  for (int read = 0; read < kRequestScan; read += page.limit) {
    auto batch = core_.store.notifications().List(viewer.account_id, {}, {}, page);
    if (!batch.ok()) return batch.status();
    for (const auto& n : *batch) {
      if (!Visible(viewer, n) || ActionFor(viewer, *state, n) != Action::kFilter) continue;
      auto [it, added] = by_sender.try_emplace(n.from_account_id, out.size());
      if (added) {
        NotificationRequestInfo r;
        r.id = n.id;
        r.from_account_id = n.from_account_id;
        r.updated_at = n.created_at;
        r.last_status_id = n.status_id;
        out.push_back(r);
      }
      NotificationRequestInfo& r = out[it->second];
      ++r.notifications_count;
      r.created_at = n.created_at;  // read newest first: the last one seen is the oldest
      if (!r.last_status_id) r.last_status_id = n.status_id;
      r.notification_ids.push_back(n.id);
    }
    if (static_cast<int>(batch->size()) < page.limit) break;
    page.max_id = batch->back().id;
  }
  return out;
}

Result<NotificationPolicySummary> NotificationService::Summary(const Viewer& viewer) {
  auto all = AllRequests(viewer);
  if (!all.ok()) return all.status();
  NotificationPolicySummary summary;
  summary.pending_requests_count = std::min<int64_t>(static_cast<int64_t>(all->size()), 100);
  for (const auto& r : *all) summary.pending_notifications_count += r.notifications_count;
  return summary;
}

Result<std::vector<NotificationRequestInfo>> NotificationService::Requests(
    const Viewer& viewer, const PageRequest& page) {
  auto all = AllRequests(viewer);
  if (!all.ok()) return all.status();
  std::vector<NotificationRequestInfo> in_range;
  for (auto& r : *all) {
    if (page.max_id && r.id >= page.max_id) continue;
    if (page.since_id && r.id <= page.since_id) continue;
    if (page.min_id && r.id <= page.min_id) continue;
    in_range.push_back(std::move(r));
  }
  const size_t limit = static_cast<size_t>(std::max(page.limit, 1));
  if (in_range.size() > limit) {
    // min_id pages forward: the oldest of those newer than it.
    if (page.min_id)
      in_range.erase(in_range.begin(), in_range.end() - static_cast<ptrdiff_t>(limit));
    else
      in_range.resize(limit);
  }
  return in_range;
}

Result<NotificationRequestInfo> NotificationService::Request(const Viewer& viewer, int64_t id) {
  auto all = AllRequests(viewer);
  if (!all.ok()) return all.status();
  for (auto& r : *all)
    if (std::find(r.notification_ids.begin(), r.notification_ids.end(), id) !=
        r.notification_ids.end())
      return std::move(r);
  return Status::NotFound();
}

Status NotificationService::AcceptRequests(const Viewer& viewer, const std::vector<int64_t>& ids) {
  auto all = AllRequests(viewer);
  if (!all.ok()) return all.status();
  std::vector<int64_t> senders;
  for (const auto& r : *all)
    for (int64_t id : ids)
      if (std::find(r.notification_ids.begin(), r.notification_ids.end(), id) !=
          r.notification_ids.end()) {
        senders.push_back(r.from_account_id);
        break;
      }
  if (senders.empty()) return Status::Ok();
  Status s = core_.store.notifications().AcceptSenders(viewer.account_id, senders, NowMillis());
  // The policy is applied as notifications are read: they are merged now.
  if (s.ok()) core_.fanout.NotificationsMerged(viewer.account_id);
  return s;
}

Status NotificationService::DismissRequests(const Viewer& viewer, const std::vector<int64_t>& ids) {
  auto all = AllRequests(viewer);
  if (!all.ok()) return all.status();
  std::vector<int64_t> dismissed;
  for (const auto& r : *all)
    for (int64_t id : ids)
      if (std::find(r.notification_ids.begin(), r.notification_ids.end(), id) !=
          r.notification_ids.end()) {
        dismissed.insert(dismissed.end(), r.notification_ids.begin(), r.notification_ids.end());
        break;
      }
  return core_.store.notifications().DismissMany(viewer.account_id, dismissed);
}

}  // namespace atrium
