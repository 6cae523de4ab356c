#include "social/social_core.h"

#include <unordered_map>

namespace atrium {

SocialCore::SocialCore(Store& s, IdGenerator& i, const Settings& st)
    : store(s),
      ids(i),
      settings(st),
      graph(s),
      communities(s),
      statuses(s),
      accounts(s),
      feeds(),
      events(),
      fanout(s, graph, communities, statuses, feeds, events) {}

Result<Viewer> SocialCore::ViewerFor(int64_t account_id) {
  auto g = graph.Get(account_id);
  if (!g.ok()) return g.status();
  return ViewerWith(account_id, *g);
}

Result<SocialCore::VisiblePost> SocialCore::Visible(const Viewer& viewer, int64_t status_id) {
  auto s = statuses.Get(status_id);
  if (!s.ok()) return s.status();
  VisiblePost out{*s, nullptr};
  if ((*s)->reblog_of_id != 0) {
    auto o = statuses.Get((*s)->reblog_of_id);
    if (o.ok())
      out.original = *o;
    else if (o.status().code() != Code::kNotFound)
      return o.status();
  }
  if (!VisibilityPolicy::CanSee(viewer, *out.status, out.original.get())) return Status::NotFound();
  return out;
}

Result<std::vector<SocialCore::VisiblePost>> SocialCore::VisibleMany(
    const Viewer& viewer, const std::vector<int64_t>& ids_in, bool for_streams) {
  auto loaded = statuses.GetMany(ids_in);
  if (!loaded.ok()) return loaded.status();
  std::vector<int64_t> originals;
  for (const auto& s : *loaded)
    if (s->reblog_of_id != 0) originals.push_back(s->reblog_of_id);
  std::unordered_map<int64_t, StatusPtr> by_id;
  if (!originals.empty()) {
    auto o = statuses.GetMany(originals);
    if (!o.ok()) return o.status();
    for (auto& p : *o) by_id[p->id] = p;
  }
  std::vector<VisiblePost> out;
  out.reserve(loaded->size());
  for (auto& s : *loaded) {
    StatusPtr original;
    if (s->reblog_of_id != 0) {
      auto it = by_id.find(s->reblog_of_id);
      if (it != by_id.end()) original = it->second;
    }
    if (!VisibilityPolicy::CanSee(viewer, *s, original.get())) continue;
    if (for_streams && VisibilityPolicy::HiddenFromStreams(viewer, *s, original.get())) continue;
    out.push_back({std::move(s), std::move(original)});
  }
  return out;
}

}  // namespace atrium
