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
#pragma once

#include <memory>

#include "social/community_registry.h"
#include "social/social_graph.h"
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

class VisibilityPolicy {
 public:
  // May `viewer` see `status` itself (for a repost: the wrapper only)?
  static bool CanSee(const Viewer& viewer, const StatusRecord& status);
  // May `viewer` see `status`, and, if it is a repost, `original`?
  // `original` must be given for a repost; a repost whose original is gone
  // (nullptr) is not visible.
  static bool CanSee(const Viewer& viewer, const StatusRecord& status,
                     const StatusRecord* original);
  // Should `status` (with `original` for a repost) be left out of the
  // viewer's streams because of a mute?
  static bool HiddenFromStreams(const Viewer& viewer, const StatusRecord& status,
                                const StatusRecord* original);
};

}  // namespace atrium
