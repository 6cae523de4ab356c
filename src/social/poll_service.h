// PollService: the polls of posts — what a new poll may be, the counts a
// viewer sees, voting, and announcing each poll's end to its voters and its
// author. A poll is read and voted on only by those who may see its post
// (the visibility policy, through SocialCore::Visible).
//
// A poll is written with its post (PostingService::Post, PostInput::poll);
// its options never change. It ends at its expiry: from then on nobody votes,
// every count is shown, and the background worker of `serve` (EndDue)
// sends the `poll` notifications, once in a cluster.
//
// Errors: 404 for a post that does not exist, that the actor may not see, or
// that has no poll; 422 for a vote the poll does not take, naming why.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "social/social_core.h"
#include "store/poll_store.h"

namespace atrium {

class PostingService;

// A poll as a client asks for it.
struct PollInput {
  std::vector<std::string> options;
  int64_t expires_in_s = 0;  // seconds from publication
  bool multiple = false;
  bool hide_totals = false;
};

// The limits of a poll, advertised by /api/v1/instance (as Mastodon's; the
// shortest run is the setting poll-min-expiration).
inline constexpr int kPollMaxOptions = 4;
inline constexpr int kPollMaxOptionChars = 50;
inline constexpr int64_t kPollMaxExpiresInS = 2629746;

// The poll `input` makes when published at `now_ms`: 422 naming the problem
// (too few or too many options, an option blank, too long or repeated, an
// expiry shorter than `min_expiration_ms` or longer than the limit).
Result<PollRecord> MakePoll(const PollInput& input, int64_t now_ms, int64_t min_expiration_ms);

class PollService {
 public:
  PollService(SocialCore& core, PostingService& posting) : core_(core), posting_(posting) {}
  PollService(const PollService&) = delete;
  PollService& operator=(const PollService&) = delete;

  // The visible post `status_id` that has a poll (404 otherwise).
  Result<SocialCore::VisiblePost> Get(const Viewer& viewer, int64_t status_id);
  // The tallies of the polls among `status_ids` for `viewer` (posts without
  // a poll are left out). One store read.
  Result<std::unordered_map<int64_t, PollTally>> Tallies(const Viewer& viewer,
                                                         const std::vector<int64_t>& status_ids);
  // `actor` votes for `choices` (positions) on the poll of `status_id` and
  // gets the post back. 422 when the poll has ended, when the actor voted
  // already or is the author, for no choice, a choice out of range or repeated, or several
  // on a single-choice poll.
  Result<SocialCore::VisiblePost> Vote(const Account& actor, int64_t status_id,
                                       const std::vector<int64_t>& choices);
  // Announces the polls that ended by now: a `poll` notification to each
  // voter who may still see the post, and to the author. Returns how many
  // polls this call announced (each poll is announced by one call in a
  // cluster).
  Result<int> EndDue(int limit = 100);

 private:
  SocialCore& core_;
  PostingService& posting_;
};

}  // namespace atrium
