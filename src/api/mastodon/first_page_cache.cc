#include "api/mastodon/first_page_cache.h"

#include <algorithm>

#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "base/clock.h"
#include "base/drop_half.h"
#include "base/metrics.h"
#include "social/filter_service.h"

namespace atrium::api {

FirstPageCache::FirstPageCache(SocialCore& social, size_t max_bytes, const char* name)
    : counters_(Metrics::Get().Cache(name)), social_(social), max_bytes_(max_bytes) {}

bool FirstPageCache::ReadInputs(const Viewer& viewer, FirstPageInputs* out) {
  if (!ReadSharedInputs(viewer, out)) return false;
  auto version = social_.feeds.Version(HomeFeedKey(viewer.account_id));
  if (!version) return false;
  out->feed_version = *version;
  return true;
}

bool FirstPageCache::ReadSharedInputs(const Viewer& viewer, FirstPageInputs* out) {
  if (!enabled()) return false;
  // Counts and stamps first, then what they guard: a change after this
  // point makes the page look older than it is, never newer.
  out->status_changes = social_.statuses.Changes();
  out->account_changes = social_.accounts.Changes();
  out->marks_stamp = social_.viewer_states.Stamp(viewer.account_id);
  out->graph = viewer.graph;
  out->communities = viewer.communities;
  out->emojis = emojis_ ? emojis_->Catalog() : nullptr;
  out->feed_version = 0;
  return true;
}

bool FirstPageCache::StillValid(const CachedFirstPage& page, const FirstPageInputs& now) {
  const FirstPageInputs& then = page.inputs;
  if (then.marks_stamp == 0 || now.marks_stamp != then.marks_stamp) return false;
  if (now.feed_version != then.feed_version) return false;
  if (now.graph != then.graph || now.communities != then.communities) return false;
  if (now.emojis != then.emojis) return false;
  if (NowMillis() >= page.expires_at) return false;
  if (now.status_changes == page.checked_status_changes.load(std::memory_order_acquire) &&
      now.account_changes == page.checked_account_changes.load(std::memory_order_acquire))
    return true;
  // Something changed somewhere: is every snapshot of this page still the
  // current one?
  for (const StatusPtr& s : page.posts)
    if (social_.statuses.Peek(s->id) != s) return false;
  for (const AccountPtr& a : page.accounts)
    if (social_.accounts.Peek(a->account.id) != a) return false;
  page.checked_status_changes.store(now.status_changes, std::memory_order_release);
  page.checked_account_changes.store(now.account_changes, std::memory_order_release);
  return true;
}

CachedFirstPagePtr FirstPageCache::Find(int64_t reader, const std::string& query,
                                        const FirstPageInputs& now) {
  CachedFirstPagePtr page = pages_.WithShard(reader, [reader](Pages::Shard& shard) {
    auto it = shard.entries.find(reader);
    return it == shard.entries.end() ? nullptr : it->second;
  });
  if (!page || page->query != query || !StillValid(*page, now)) {
    counters_.misses.Increment();
    return nullptr;
  }
  counters_.hits.Increment();
  return page;
}

void FirstPageCache::Put(int64_t reader, std::shared_ptr<CachedFirstPage> page) {
  if (!enabled() || page->inputs.marks_stamp == 0) return;
  int64_t expires_at = NowMillis() + social_.accounts.ttl_ms();
  for (const AccountPtr& a : page->accounts)
    expires_at = std::min(expires_at, a->loaded_at + social_.accounts.ttl_ms());
  page->expires_at = expires_at;
  page->checked_status_changes.store(page->inputs.status_changes);
  page->checked_account_changes.store(page->inputs.account_changes);
  const size_t size = page->body->size();
  const size_t per_shard = max_bytes_ / Pages::kShards;
  if (size > per_shard) return;
  pages_.WithShard(reader, [&](Pages::Shard& shard) {
    size_t& bytes = shard.extra.value;
    auto it = shard.entries.find(reader);
    if (it != shard.entries.end()) {
      bytes -= it->second->body->size();
      shard.entries.erase(it);
    }
    if (bytes + size > per_shard) {
      const size_t before = shard.entries.size();
      DropHalf(shard.entries);
      counters_.evictions.Increment(static_cast<double>(before - shard.entries.size()));
      bytes = 0;
      for (const auto& [id, p] : shard.entries) bytes += p->body->size();
    }
    shard.entries.emplace(reader, std::move(page));
    bytes += size;
  });
}

size_t FirstPageCache::BytesForTest() {
  size_t n = 0;
  pages_.ForEachShard([&n](Pages::Shard& shard) { n += shard.extra.value; });
  return n;
}

http::Response CachedResponse(const CachedFirstPage& page) {
  http::Response res = http::Response::Json(200, "");
  res.shared_body = page.body;
  if (!page.link.empty()) res.Set("Link", page.link);
  return res;
}

std::shared_ptr<CachedFirstPage> PageOf(const http::Response& response, std::string query,
                                        FirstPageInputs inputs) {
  auto page = std::make_shared<CachedFirstPage>();
  page->query = std::move(query);
  page->body = response.shared_body;
  page->link = std::string(response.Header("Link"));
  page->inputs = std::move(inputs);
  return page;
}

bool CacheableFirstPage(ApiContext& ctx, const http::Request& req, int64_t reader) {
  if (ctx.filters && ctx.filters->Personal(reader, NowMillis())) return false;
  if (req.query.empty()) return true;
  if (req.query.rfind("limit=", 0) != 0) return false;
  return req.query.find('&') == std::string::npos;
}

http::Response StreamPage(ApiContext& ctx, const http::Request& req, const Viewer& viewer,
                          FilterContext filters, const StreamRead& read,
                          const StreamUnchanged& unchanged) {
  FirstPageCache* cache = ctx.stream_pages;
  FirstPageInputs inputs;
  const bool cacheable = cache && CacheableFirstPage(ctx, req, viewer.account_id) &&
                         cache->ReadSharedInputs(viewer, &inputs);
  std::string key = req.path + "?" + req.query;
  if (cacheable) {
    if (CachedFirstPagePtr cached = cache->Find(viewer.account_id, key, inputs)) {
      auto same = unchanged(cached->source_ids, cached->source_ended);
      if (same.ok() && *same) return CachedResponse(*cached);
    }
  }
  auto page = read();
  if (!page.ok()) return ErrorResponse(page.status());
  Renderer r(ctx, viewer);
  r.ApplyFilters(filters);
  auto json = r.Statuses(page->posts);
  if (!json.ok()) return ErrorResponse(json.status());
  http::Response res = http::Response::Json(200, "");
  AddLinkHeader(res, ctx, req, page->first_cursor, page->last_cursor);
  res.shared_body = std::make_shared<const std::string>(std::move(json).value());
  if (!cacheable) return res;
  auto kept = PageOf(res, std::move(key), std::move(inputs));
  if (!r.Dependencies(&kept->posts, &kept->accounts)) return res;
  kept->posts.insert(kept->posts.end(), page->considered.begin(), page->considered.end());
  kept->source_ids = std::move(page->source_ids);
  kept->source_ended = page->source_ended;
  cache->Put(viewer.account_id, std::move(kept));
  return res;
}

}  // namespace atrium::api
