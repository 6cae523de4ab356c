// MailDigest: what goes into a member's digest. The heart of it is the few
// posts and blog entries of a period, from the people they follow and the
// communities they belong to, that mattered most. They are read through the
// member's home stream (TimelineService::Home), so the visibility policy,
// blocks and mutes decide what may be considered at all, then ranked by
//
//   reactions (likes, reposts, quotes) + 2 x replies
//   + closeness: 4 for the member's management chain, 3 for a
//     connection, 1 for a community they belong to
//   + freshness: up to 2, falling linearly over the period
//
// (replies and reposts themselves are left out; a post is taken once). The
// member's own posts are not in it. Beside them a digest holds:
//  - "for you": the member's notifications of the kinds they asked to
//    receive in the digest only (chosen by MailService);
//  - "you might know the answer": open questions of the period tagged with
//    one of the member's expertise tags, found through search (so through
//    the visibility policy), their own and those already among the posts
//    left out;
//  - new members of the member's communities;
//  - the reach of the member's own posts of the period.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "social/search_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"

namespace atrium {

// How far the member's own top-level posts of the period went.
struct DigestReach {
  int64_t posts = 0;
  int64_t favourites = 0;
  int64_t replies = 0;
  int64_t reblogs = 0;
};

// What a digest holds as it is queued: ids only, every item read again
// through the visibility policy when the digest is sent.
struct DigestContent {
  std::vector<int64_t> posts;          // best first
  std::vector<int64_t> notifications;  // the member's own
  std::vector<int64_t> questions;
  std::vector<std::pair<int64_t, int64_t>> members;  // (community, account) who joined
  DigestReach reach;

  // Posts, notifications or questions make a digest worth sending; new
  // members and the reach only come along with them.
  bool WorthSending() const {
    return !posts.empty() || !notifications.empty() || !questions.empty();
  }
};

// The outbox payload of a digest and back. A payload of post ids alone (as
// digests were queued before the other sections) reads as posts; parts that
// do not parse are left out.
std::string EncodeDigest(const DigestContent& content);
DigestContent DecodeDigest(std::string_view payload);

class MailDigest {
 public:
  MailDigest(SocialCore& core, TimelineService& timelines, SearchService& search)
      : core_(core), timelines_(timelines), search_(search) {}
  MailDigest(const MailDigest&) = delete;
  MailDigest& operator=(const MailDigest&) = delete;

  // The best posts made in [since, until) that `viewer` may see, best
  // first, at most `cap`; empty when there are none.
  Result<std::vector<VisiblePost>> Posts(const Viewer& viewer, int64_t since, int64_t until,
                                         int cap);
  // Open questions (no accepted answer) asked in [since, until) and tagged
  // with one of the viewer's expertise tags, newest first, at most `cap`;
  // not the viewer's own nor any of `taken`.
  Result<std::vector<VisiblePost>> Questions(const Viewer& viewer, int64_t since, int64_t until,
                                             const std::vector<int64_t>& taken, int cap);
  // Who joined the viewer's communities in [since, until), newest first, at
  // most `cap`: (community, account) pairs, never the viewer.
  Result<std::vector<std::pair<int64_t, int64_t>>> NewMembers(const Viewer& viewer, int64_t since,
                                                              int64_t until, int cap);
  // The viewer's own top-level posts of [since, until) and their reactions.
  Result<DigestReach> Reach(const Viewer& viewer, int64_t since, int64_t until);

 private:
  SocialCore& core_;
  TimelineService& timelines_;
  SearchService& search_;
};

}  // namespace atrium
