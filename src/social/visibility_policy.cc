#include "social/visibility_policy.h"

#include <algorithm>
#include <iterator>

namespace atrium {

static bool Mentions(const StatusRecord& s, int64_t account_id) {
  return std::find(s.mention_ids.begin(), s.mention_ids.end(), account_id) != s.mention_ids.end();
}

bool VisibilityPolicy::CanSee(const Viewer& viewer, const StatusRecord& s) {
  if (s.community_id != 0) {
    // The community decides, not the post's own visibility (which only
    // labels it for apps): its members, or every member if not restricted.
    const CommunityRecord* c =
        viewer.communities ? viewer.communities->Find(s.community_id) : nullptr;
    if (c == nullptr) return false;
    if (c->type == CommunityType::kRestricted && !(viewer.graph && viewer.graph->MemberOf(c->id)))
      return false;
    if (s.account_id == viewer.account_id) return true;
    return viewer.graph && !viewer.graph->BlockedEitherWay(s.account_id);
  }
  if (s.account_id == viewer.account_id) return true;
  if (!viewer.graph || viewer.graph->BlockedEitherWay(s.account_id)) return false;
  switch (s.visibility) {
    case Visibility::kPublic:
    case Visibility::kUnlisted:
      return true;
    case Visibility::kPrivate:
      return viewer.graph->Follows(s.account_id) || Mentions(s, viewer.account_id);
    case Visibility::kDirect:
      return Mentions(s, viewer.account_id);
  }
  return false;
}

bool VisibilityPolicy::CanSee(const Viewer& viewer, const StatusRecord& s,
                              const StatusRecord* original) {
  if (!CanSee(viewer, s)) return false;
  if (s.reblog_of_id == 0) return true;
  return original != nullptr && CanSee(viewer, *original);
}

StatusRecord VisibilityPolicy::Audience(const StatusRecord& s) {
  StatusRecord out;
  out.id = s.id;
  out.account_id = s.account_id;
  out.community_id = s.community_id;
  out.visibility = s.visibility;
  out.reblog_of_id = s.reblog_of_id;
  out.mention_ids = s.mention_ids;
  return out;
}

SearchScope VisibilityPolicy::SearchScopeOf(const Viewer& viewer) {
  SearchScope scope;
  scope.viewer_id = viewer.account_id;
  if (viewer.communities) {
    viewer.communities->ForEach([&](const CommunityRecord& c) {
      if (c.type != CommunityType::kRestricted || (viewer.graph && viewer.graph->MemberOf(c.id)))
        scope.communities.push_back(c.id);
    });
    std::sort(scope.communities.begin(), scope.communities.end());
  }
  if (viewer.graph) {
    const GraphEntry& g = *viewer.graph;
    std::set_union(g.blocking.begin(), g.blocking.end(), g.blocked_by.begin(), g.blocked_by.end(),
                   std::back_inserter(scope.blocked));
    scope.blocked.erase(std::unique(scope.blocked.begin(), scope.blocked.end()),
                        scope.blocked.end());
    scope.following = g.following;
  }
  return scope;
}

bool VisibilityPolicy::CanSeeAccount(const Viewer& viewer, int64_t account_id) {
  if (account_id == viewer.account_id) return true;
  return viewer.graph && !viewer.graph->BlockedEitherWay(account_id);
}

ProfileView VisibilityPolicy::ProfileViewOf(const Viewer& viewer, int64_t account_id) {
  return CanSeeAccount(viewer, account_id) ? ProfileView::kFull : ProfileView::kOrgChart;
}

std::vector<int64_t> VisibilityPolicy::VisibleAccounts(const Viewer& viewer,
                                                       const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  out.reserve(ids.size());
  for (int64_t id : ids)
    if (CanSeeAccount(viewer, id)) out.push_back(id);
  return out;
}

AccountPage VisibilityPolicy::VisiblePeople(const Viewer& viewer,
                                            const std::vector<PageEntry>& entries) {
  AccountPage out;
  if (!entries.empty()) {
    out.first_cursor = entries.front().cursor;
    out.last_cursor = entries.back().cursor;
  }
  for (const PageEntry& e : entries)
    if (CanSeeAccount(viewer, e.id)) out.account_ids.push_back(e.id);
  return out;
}

bool VisibilityPolicy::HiddenFromStreams(const Viewer& viewer, const StatusRecord& s,
                                         const StatusRecord* original) {
  if (!viewer.graph) return false;
  if (s.account_id != viewer.account_id && viewer.graph->Mutes(s.account_id)) return true;
  if (original && original->account_id != viewer.account_id &&
      viewer.graph->Mutes(original->account_id))
    return true;
  return false;
}

bool VisibilityPolicy::CanSeeReported(const Viewer& viewer, const StatusRecord& status,
                                      bool report_in_scope) {
  return report_in_scope || CanSee(viewer, status);
}

}  // namespace atrium
