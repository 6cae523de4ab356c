// MailDigest: what goes into a member's digest — the few posts and blog
// entries of a period, from the people they follow and the communities
// they belong to, that mattered most. They are read through the member's
// home stream (TimelineService::Home), so the visibility policy, blocks and
// mutes decide what may be considered at all, then ranked by
//
//   reactions (likes, reposts, quotes) + 2 x replies
//   + closeness: 4 for the member's management chain, 3 for a
//     connection, 1 for a community they belong to
//   + freshness: up to 2, falling linearly over the period
//
// (replies and reposts themselves are left out; a post is taken once). The
// member's own posts are not in it.
//
// Thread-safe.
#pragma once

#include <vector>

#include "social/social_core.h"
#include "social/timeline_service.h"

namespace atrium {

class MailDigest {
 public:
  MailDigest(SocialCore& core, TimelineService& timelines) : core_(core), timelines_(timelines) {}
  MailDigest(const MailDigest&) = delete;
  MailDigest& operator=(const MailDigest&) = delete;

  // The best posts made in [since, until) that `viewer` may see, best
  // first, at most `cap`; empty when there are none.
  Result<std::vector<VisiblePost>> Posts(const Viewer& viewer, int64_t since, int64_t until,
                                         int cap);

 private:
  SocialCore& core_;
  TimelineService& timelines_;
};

}  // namespace atrium
