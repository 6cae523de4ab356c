// VisibilityPolicy: THE rule for who may see a post. Every read path —
// streams, permalinks, context, notifications, live events, search, lists of
// who liked or reposted — asks it; nothing decides visibility on its own.
//
//   * A post in a community: in a restricted one, only the community's
//     members, on every path — not even its author once they have left; in
//     a public or moderated one, every member. The post's own visibility
//     only labels it for apps. Blocks still apply. A post whose community
//     is gone (or unknown to the viewer) is not visible.
//   * A member always sees their own posts.
//   * If the viewer blocks the author or the author blocks the viewer,
//     neither sees the other's posts, anywhere.
//   * public and unlisted: every member.
//   * private: the author's followers and the people mentioned.
//   * direct: the people mentioned.
//   * A repost is visible only if the original is visible too.
//
// Muting is not visibility: a muted person's posts stay reachable by
// permalink but are left out of the muter's streams (HiddenFromStreams).
//
// And THE rule for who may see a person (CanSeeAccount), on every path that
// finds people — lists of followers, search, the directory search, experts
// and endorsers, community members, who liked a post: everyone but those on
// either side of a block with the viewer. Viewers always see themselves.
//
// What a block means for a person's profile (ProfileViewOf): the org chart
// is a fact of the organization, so a person is still shown where the
// organization places them — as someone's manager, in a management chain,
// among reports and peers, at their own id, in the list of whom the viewer
// blocks — but on either side of a block only as the organization knows
// them (ProfileView::kOrgChart), never with what is personal.
#pragma once

#include <memory>
#include <vector>

#include "social/community_registry.h"
#include "social/social_graph.h"
#include "store/search_store.h"
#include "store/social_records.h"

namespace atrium {

// The member asking to read.
struct Viewer {
  int64_t account_id = 0;
  std::shared_ptr<const GraphEntry> graph;  // never null for a real viewer
  // Every community (SocialCore::ViewerFor fills it); without it no post in
  // a community is visible.
  std::shared_ptr<const CommunityIndex> communities;
};

// A page of people as a viewer is shown it: the ids the policy lets them
// see, and the cursors of the page as read (Link headers page on those).
struct AccountPage {
  std::vector<int64_t> account_ids;
  int64_t first_cursor = 0;
  int64_t last_cursor = 0;
};

// What of a person a viewer is shown.
enum class ProfileView {
  // Everything the person and the directory publish.
  kFull,
  // Only their place in the organization: name, username, avatar, title,
  // department, organization, division and manager. Not what is personal:
  // about, pronouns, profile items, expertise, contact details (e-mail,
  // phone, location), employee number, cost center, counts and activity.
  kOrgChart,
};

class VisibilityPolicy {
 public:
  // How much of the person `account_id` `viewer` is shown wherever they are
  // shown: kOrgChart on either side of a block (or for a viewer without a
  // graph), kFull otherwise and always for the viewer themselves.
  static ProfileView ProfileViewOf(const Viewer& viewer, int64_t account_id);
  // May `viewer` see the person `account_id` (their account, in any list of
  // people)? False on either side of a block; true for the viewer themselves.
  static bool CanSeeAccount(const Viewer& viewer, int64_t account_id);
  // The people among `ids` the viewer may see, in order.
  static std::vector<int64_t> VisibleAccounts(const Viewer& viewer,
                                              const std::vector<int64_t>& ids);
  // A page of people read from the store (`entries`), as the viewer may see it.
  static AccountPage VisiblePeople(const Viewer& viewer, const std::vector<PageEntry>& entries);

  // May `viewer` see `status` itself (for a repost: the wrapper only)?
  static bool CanSee(const Viewer& viewer, const StatusRecord& status);
  // May `viewer` see `status`, and, if it is a repost, `original`?
  // `original` must be given for a repost; a repost whose original is gone
  // (nullptr) is not visible.
  static bool CanSee(const Viewer& viewer, const StatusRecord& status,
                     const StatusRecord* original);
  // May `viewer` see `status`, a post named by a report? Besides CanSee, a
  // moderator handling the report (`report_in_scope`: the report is in
  // their moderation scope, ReportService decides) sees it, whoever it was
  // written for: the reporter saw it, and the moderator must judge it.
  static bool CanSeeReported(const Viewer& viewer, const StatusRecord& status,
                             bool report_in_scope);
  // What this policy reads of `status` — its id, author, community,
  // visibility, mentions and the post it reposts — and nothing else. A
  // delete event carries it: once the post is gone, CanSee on it still says
  // who could see the post.
  static StatusRecord Audience(const StatusRecord& status);
  // The rules of CanSee as a value a store query applies itself (search,
  // where filtering after a LIMIT would leave pages short and counts
  // wrong): the communities whose posts `viewer` may read (every one but
  // the restricted ones they are not a member of), the accounts blocked
  // either way, those they follow (followers-only posts) and their own id
  // (their own posts, and posts mentioning them). The store also leaves out
  // deactivated authors. Every post the store returns under this scope must
  // still pass CanSee (search checks it again).
  static SearchScope SearchScopeOf(const Viewer& viewer);
  // Should `status` (with `original` for a repost) be left out of the
  // viewer's streams because of a mute?
  static bool HiddenFromStreams(const Viewer& viewer, const StatusRecord& status,
                                const StatusRecord* original);
};

}  // namespace atrium
