// FeedImportService: "link, don't repost" — a member connects their
// external blog's RSS or Atom feed, and each new entry becomes their post:
// the entry's title, a short excerpt of its summary and the link to it,
// never the copied article.
//
// Feeds are read by the background worker of `serve` (PollDue), each
// claimed in the store so one node reads it, every `feed-poll-interval`,
// politely: the answer's ETag and Last-Modified are sent back
// (If-None-Match, If-Modified-Since) and a 304 costs nothing; after an
// error the wait doubles (at most a day). Fetches go through SafeFetch under
// the installation's outbound policy. Every entry seen is recorded in the
// store by its id (or link) before its post is written, so no entry is
// posted twice, across restarts and nodes (a crash between the two loses
// that one post rather than doubling it). The first reading of a feed posts
// only its newest entry and takes the older ones as read; a reading posts
// at most kMaxPostsPerReading new entries (the newest), taking the rest as
// read.
//
// Safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/feed_parser.h"
#include "base/status.h"
#include "social/posting_service.h"
#include "social/social_core.h"

namespace atrium {

class FeedImportService {
 public:
  static constexpr int kMaxFeedsPerMember = 10;
  static constexpr int kMaxPostsPerReading = 5;
  static constexpr size_t kMaxUrlBytes = 2048;
  static constexpr size_t kExcerptChars = 280;

  FeedImportService(SocialCore& core, PostingService& posting) : core_(core), posting_(posting) {}
  FeedImportService(const FeedImportService&) = delete;
  FeedImportService& operator=(const FeedImportService&) = delete;

  // Connects the feed at `url` for `member`, its posts of `visibility`
  // ("public", "unlisted" or "private"; empty: public); read first at once
  // (by the worker). 422 for a URL that is not http(s) or too long, another
  // visibility, or more than kMaxFeedsPerMember feeds; 409 if connected already.
  Result<FeedSubscriptionRecord> Connect(const Account& member, const std::string& url,
                                         const std::string& visibility);
  Result<std::vector<FeedSubscriptionRecord>> List(const Account& member);
  // Disconnects the member's feed `id` (their posts made from it stay);
  // kNotFound if they have none such.
  Status Disconnect(const Account& member, int64_t id);

  // Reads the due feeds until none is due or `limit` were read; returns how
  // many were read. Also refreshes the queue's gauges.
  Result<int> PollDue(int limit);

 private:
  // Reads one claimed feed and records the outcome.
  void Read(FeedSubscriptionRecord feed);
  // Makes the post of `entry` for `feed`'s member; its id, or 0.
  int64_t Post(const FeedSubscriptionRecord& feed, const FeedItem& entry);
  void UpdateGauges();

  SocialCore& core_;
  PostingService& posting_;
};

}  // namespace atrium
