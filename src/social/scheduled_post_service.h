// ScheduledPostService: posts written now and published later. A member
// schedules a post (at least kMinLeadMs ahead, as Mastodon), lists, moves
// and cancels their scheduled posts; PublishDue, called by the background
// worker of `atrium serve` on every node, publishes what fell due through
// PostingService, as an ordinary post written at that moment.
//
// Published once: a node claims a due post in the store before publishing
// it (see ScheduledStatusStore), and publishes it with an idempotency key of
// its own, so that a node dying between publishing and removing it leaves a
// post the next claim finds instead of a second copy. Posts that fell due
// while no server ran are published by the first PublishDue after a start.
//
// Errors: 404 for a scheduled post that is not the member's, 422 naming
// the problem for invalid input. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "social/media_service.h"
#include "social/posting_service.h"
#include "social/social_core.h"
#include "store/scheduled_status_store.h"

namespace atrium {

// A scheduled post as a member sees it.
struct ScheduledPost {
  int64_t id = 0;
  int64_t scheduled_at = 0;
  // The post's parameters as Mastodon shows them (the `params` object).
  std::string params_json;
  std::vector<MediaRecord> media;
};

class ScheduledPostService {
 public:
  // Mastodon's rule: at most this many waiting per member. How far ahead a
  // post must be is the `schedule-min-lead` setting (5 minutes, as Mastodon).
  static constexpr int64_t kMaxPerAccount = 300;
  // How long a node holds a claimed post before another may take it.
  static constexpr int64_t kClaimLeaseMs = 2 * 60 * 1000;

  // `posting` and `media` outlive this; `clock` decides what is due.
  ScheduledPostService(SocialCore& core, PostingService& posting, MediaService& media,
                       const Clock& clock = Clock::System())
      : core_(core), posting_(posting), media_(media), clock_(clock) {}
  ScheduledPostService(const ScheduledPostService&) = delete;
  ScheduledPostService& operator=(const ScheduledPostService&) = delete;

  // Keeps `input` to be posted by `author` at `scheduled_at` (ms): 422 when
  // that is less than `schedule-min-lead` ahead, when the post would be refused now
  // (text, visibility, attachments), or when kMaxPerAccount wait already.
  // `application_id`: the OAuth app asking (0: none).
  Result<ScheduledPost> Schedule(const Account& author, const PostInput& input,
                                 int64_t scheduled_at, int64_t application_id);
  Result<ScheduledPost> Get(const Account& author, int64_t id);
  // The author's scheduled posts, newest first.
  Result<std::vector<ScheduledPost>> List(const Account& author, const PageRequest& page);
  // Moves a scheduled post (the same rule as Schedule for the time).
  Result<ScheduledPost> Reschedule(const Account& author, int64_t id, int64_t scheduled_at);
  Status Cancel(const Account& author, int64_t id);

  // Publishes every post due now that this call claims; returns how many
  // it published. A post that can no longer be published (its author left,
  // what it answers is gone) is dropped; one that fails for a passing
  // reason (the database unavailable) is tried again once its claim ends.
  Result<int> PublishDue();
  // Sets the scheduled-posts queue gauges (base/metrics.h) from the store:
  // posts due and not yet published, and how long the oldest has been due.
  Status MeasureBacklog();

 private:
  Status CheckTime(int64_t scheduled_at) const;
  Result<ScheduledPost> Present(const ScheduledStatusRecord& record);

  SocialCore& core_;
  PostingService& posting_;
  MediaService& media_;
  const Clock& clock_;
};

// The parameters of a scheduled post as Mastodon's `params` object (JSON),
// and back. Exposed for tests.
std::string ScheduledParamsJson(const PostInput& input, int64_t application_id);
Result<PostInput> PostInputFromScheduledParams(const std::string& json);

}  // namespace atrium
