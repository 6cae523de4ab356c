// LinkCardStore: preview cards of links, the card each post shows, and the
// durable queue of posts waiting for theirs.
//
// The queue is worked by the background worker of every node: Claim takes
// the due job no live claim holds (one write transaction, so one node gets
// it), the worker fetches, then Finish removes it or Retry puts it back for
// later. A node that dies holding a job leaves it to be claimed again once
// the claim has run out. A deleted post takes its job and card link with
// it (foreign keys). Every method is one transaction; safe for concurrent
// use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

struct LinkCardJob {
  int64_t status_id = 0;
  std::string url;
  int64_t created_at = 0;
  int attempts = 0;  // begun, this one included
};

// What is kept of a link: a card, or that it has none (as of fetched_at).
struct CachedLinkCard {
  std::optional<LinkCardRecord> card;
  int64_t fetched_at = 0;
};

struct LinkCardQueueStats {
  int64_t depth = 0;
  int64_t oldest_created_at = 0;  // 0: empty
};

class LinkCardStore {
 public:
  virtual ~LinkCardStore() = default;
  // Queues `status_id`'s card from `url`, due at once. A post already
  // queued keeps its job.
  virtual Status Enqueue(int64_t status_id, const std::string& url, int64_t now) = 0;
  // Claims the job due soonest (next_attempt_at <= now, no claim past now)
  // until `until`, counting the attempt; nullopt when none is due.
  virtual Result<std::optional<LinkCardJob>> Claim(int64_t now, int64_t until) = 0;
  // Removes the job of `status_id` (done, or given up).
  virtual Status Finish(int64_t status_id) = 0;
  // Puts the job back, due at `next_attempt_at`, recording `error`.
  virtual Status Retry(int64_t status_id, const std::string& error, int64_t next_attempt_at) = 0;
  virtual Result<LinkCardQueueStats> QueueStats() = 0;

  // What is kept of `url`; kNotFound if it was never fetched.
  virtual Result<CachedLinkCard> Find(const std::string& url) = 0;
  // Keeps `url`'s card (or that it has none, with `error`), replacing what
  // was kept.
  virtual Status Save(const std::string& url, const std::optional<LinkCardRecord>& card,
                      const std::string& error, int64_t now) = 0;
  // Makes `url`'s card the card of `status_id` (kept even while `url` has none).
  virtual Status Attach(int64_t status_id, const std::string& url) = 0;
  // Takes `status_id`'s card off it and drops its queued job, if any (an
  // edit that removed or changed its link).
  virtual Status Detach(int64_t status_id) = 0;
};

}  // namespace atrium
