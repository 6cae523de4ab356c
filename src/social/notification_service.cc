#include "social/notification_service.h"

#include <algorithm>
#include <set>

namespace atrium {

bool NotificationService::Shows(const Viewer& viewer, const NotificationRecord& n) {
  if (n.account_id != viewer.account_id) return false;
  if (viewer.graph->BlockedEitherWay(n.from_account_id)) return false;
  if (viewer.graph->MutesNotificationsOf(n.from_account_id)) return false;
  if (n.status_id != 0) {
    auto post = core_.Visible(viewer, n.status_id);
    if (!post.ok()) return false;
  }
  return true;
}

Result<std::vector<NotificationRecord>> NotificationService::List(const Viewer& viewer,
                                                                  const NotificationFilter& filter,
                                                                  const PageRequest& page) {
  std::vector<NotificationRecord> out;
  PageRequest p = page;
  // A filter on who caused them is applied here, so read more per round.
  if (filter.from_account_id) p.limit = std::max(p.limit, 80);
  for (int round = 0; round < 5 && static_cast<int>(out.size()) < page.limit; ++round) {
    auto batch =
        core_.store.notifications().List(viewer.account_id, filter.types, filter.exclude_types, p);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    for (auto& n : *batch)
      if ((!filter.from_account_id || n.from_account_id == filter.from_account_id) &&
          Shows(viewer, n))
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
  std::vector<NotificationRecord> out;
  for (auto& n : *all)
    if (Shows(viewer, n)) out.push_back(std::move(n));
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
      if (!Shows(viewer, n)) continue;
      if (grouped && !groups.insert(n.group_key).second) continue;
      ++count;
    }
    if (static_cast<int>(batch->size()) < page.limit) break;
    page.min_id = batch->front().id;
  }
  return std::min(count, limit);
}

}  // namespace atrium
