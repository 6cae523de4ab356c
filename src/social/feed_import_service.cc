#include "social/feed_import_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/clock.h"
#include "base/feed_parser.h"
#include "base/link_page.h"
#include "base/metrics.h"
#include "base/safe_fetch.h"
#include "base/text.h"

namespace atrium {
namespace {

constexpr int64_t kClaimMs = 5 * 60 * 1000;         // a worker's hold on a feed
constexpr int64_t kMaxWaitMs = 24LL * 3600 * 1000;  // the longest wait after errors
constexpr size_t kTitleChars = 200;

int64_t WaitAfter(int64_t interval_ms, int failures) {
  int64_t wait = interval_ms;
  for (int i = 0; i < failures && wait < kMaxWaitMs; ++i) wait *= 2;
  return std::min(wait, std::max(interval_ms, kMaxWaitMs));
}

// `text` valid UTF-8 or "".
std::string Clean(const std::string& text) { return IsValidUtf8(text) ? text : ""; }

}  // namespace

Result<FeedSubscriptionRecord> FeedImportService::Connect(const Account& member,
                                                          const std::string& url,
                                                          const std::string& visibility) {
  const std::string trimmed(Trim(url));
  if (trimmed.empty()) return Status::Unprocessable("Validation failed: url is required");
  if (trimmed.size() > kMaxUrlBytes || ResolveHttpUrl(trimmed, trimmed).empty())
    return Status::Unprocessable("Validation failed: url must be an http:// or https:// URL");
  Visibility v = Visibility::kPublic;
  if (!visibility.empty()) {
    auto parsed = ParseVisibility(visibility);
    if (!parsed || *parsed == Visibility::kDirect)
      return Status::Unprocessable(
          "Validation failed: visibility must be public, unlisted or private");
    v = *parsed;
  }
  auto existing = core_.store.feeds().List(member.id);
  if (!existing.ok()) return existing.status();
  if (existing->size() >= static_cast<size_t>(kMaxFeedsPerMember))
    return Status::Unprocessable("Validation failed: at most " +
                                 std::to_string(kMaxFeedsPerMember) + " feeds per member");
  FeedSubscriptionRecord feed;
  feed.id = core_.ids.Next();
  feed.account_id = member.id;
  feed.url = trimmed;
  feed.visibility = v;
  feed.created_at = NowMillis();
  feed.next_poll_at = feed.created_at;
  if (Status st = core_.store.feeds().Create(feed); !st.ok()) return st;
  return feed;
}

Result<std::vector<FeedSubscriptionRecord>> FeedImportService::List(const Account& member) {
  return core_.store.feeds().List(member.id);
}

Status FeedImportService::Disconnect(const Account& member, int64_t id) {
  return core_.store.feeds().Delete(member.id, id);
}

Result<int> FeedImportService::PollDue(int limit) {
  int done = 0;
  while (done < limit) {
    const int64_t now = NowMillis();
    auto feed = core_.store.feeds().ClaimDue(now, now + kClaimMs);
    if (!feed.ok()) {
      UpdateGauges();
      return feed.status();
    }
    if (!*feed) break;
    Read(std::move(**feed));
    ++done;
  }
  UpdateGauges();
  return done;
}

void FeedImportService::UpdateGauges() {
  const int64_t now = NowMillis();
  auto due = core_.store.feeds().DueStats(now);
  if (!due.ok()) return;
  Metrics& m = Metrics::Get();
  m.feed_import_queue_depth.Set(static_cast<double>(due->first));
  m.feed_import_queue_oldest_age_seconds.Set(
      due->second ? std::max<int64_t>(0, now - due->second) / 1e3 : 0.0);
}

void FeedImportService::Read(FeedSubscriptionRecord feed) {
  const Settings& s = core_.settings;
  const int64_t now = NowMillis();
  feed.last_polled_at = now;
  auto fail = [&](const std::string& error) {
    ++feed.failures;
    feed.last_error = error;
    feed.next_poll_at = now + WaitAfter(s.feed_poll_ms, feed.failures);
    if (Status st = core_.store.feeds().Polled(feed); !st.ok() && st.code() != Code::kNotFound)
      spdlog::warn("feed {}: {}", feed.id, st.ToString());
  };
  SafeFetchRequest request;
  request.url = feed.url;
  request.accept =
      "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
      "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";
  request.timeout_ms = s.fetch_timeout_ms;
  request.max_bytes = s.fetch_max_bytes;
  request.max_redirects = s.fetch_max_redirects;
  if (!feed.etag.empty()) request.headers.emplace_back("If-None-Match", feed.etag);
  if (!feed.last_modified.empty())
    request.headers.emplace_back("If-Modified-Since", feed.last_modified);
  auto answer = SafeFetch(request, s.Outbound());
  if (!answer.ok()) return fail(answer.status().ToString());
  if (answer->status == 304) {
    feed.failures = 0;
    feed.last_error.clear();
    feed.next_poll_at = now + s.feed_poll_ms;
    (void)core_.store.feeds().Polled(feed);
    return;
  }
  if (answer->status != 200)
    return fail("the feed answered HTTP " + std::to_string(answer->status));
  auto parsed = ParseFeed(answer->body, answer->final_url);
  if (!parsed.ok()) return fail(parsed.status().description());

  // Every entry is recorded as seen before any post is made of it.
  std::vector<const FeedItem*> fresh;  // newest first, as feeds list them
  for (const FeedItem& e : parsed->entries) {
    auto first = core_.store.feeds().MarkSeen(feed.id, e.key.substr(0, 1024), now);
    if (!first.ok()) return fail(first.status().ToString());
    if (*first) fresh.push_back(&e);
  }
  const size_t keep = feed.primed ? static_cast<size_t>(kMaxPostsPerReading) : 1;
  if (fresh.size() > keep) fresh.resize(keep);
  std::reverse(fresh.begin(), fresh.end());  // the oldest first
  for (const FeedItem* e : fresh) {
    const int64_t id = Post(feed, *e);
    if (id) (void)core_.store.feeds().SetEntryStatus(feed.id, e->key.substr(0, 1024), id);
  }
  feed.title = Excerpt(Clean(parsed->title), kTitleChars);
  feed.etag = answer->etag.size() <= 512 ? answer->etag : "";
  feed.last_modified = answer->last_modified.size() <= 128 ? answer->last_modified : "";
  feed.primed = true;
  feed.failures = 0;
  feed.last_error.clear();
  feed.next_poll_at = now + s.feed_poll_ms;
  if (Status st = core_.store.feeds().Polled(feed); !st.ok() && st.code() != Code::kNotFound)
    spdlog::warn("feed {}: {}", feed.id, st.ToString());
}

int64_t FeedImportService::Post(const FeedSubscriptionRecord& feed, const FeedItem& entry) {
  auto author = core_.accounts.Get(feed.account_id);
  if (!author.ok() || !(*author)->account.active) return 0;
  const std::string title = Excerpt(Clean(entry.title), kTitleChars);
  const std::string excerpt = Excerpt(Clean(entry.summary), kExcerptChars);
  PostInput in;
  if (!title.empty()) in.text = title + "\n\n";
  if (!excerpt.empty() && excerpt != title) in.text += excerpt + "\n\n";
  in.text += entry.link;
  in.visibility = VisibilityName(feed.visibility);
  auto posted = posting_.Post((*author)->account, in);
  if (!posted.ok()) {
    spdlog::warn("feed {}: posting {}: {}", feed.id, entry.link, posted.status().ToString());
    return 0;
  }
  return posted->id;
}

}  // namespace atrium
