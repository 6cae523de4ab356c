#include "cluster/redis_queue.h"

#include <spdlog/spdlog.h>

#include "base/clock.h"

namespace atrium {

namespace {

constexpr const char* kGroup = "fanout";

std::string Str(const redisReply* r) {
  return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS)
             ? std::string(r->str, r->len)
             : std::string();
}

// [[id, [field, value, ...]], ...] -> items (entries deleted meanwhile are nil)
void CollectEntries(const redisReply* entries, std::vector<FanOutQueue::Item>* out) {
  if (!entries || entries->type != REDIS_REPLY_ARRAY) return;
  for (size_t i = 0; i < entries->elements; ++i) {
    const redisReply* e = entries->element[i];
    if (e->type != REDIS_REPLY_ARRAY || e->elements != 2) continue;
    FanOutQueue::Item item{Str(e->element[0]), ""};
    const redisReply* fields = e->element[1];
    if (fields->type == REDIS_REPLY_ARRAY)
      for (size_t f = 0; f + 1 < fields->elements; f += 2)
        if (Str(fields->element[f]) == "job") item.payload = Str(fields->element[f + 1]);
    out->push_back(std::move(item));
  }
}

}  // namespace

RedisFanOutQueue::RedisFanOutQueue(RedisClient& redis, std::string prefix, std::string consumer,
                                   int64_t reclaim_ms)
    : redis_(redis),
      stream_(std::move(prefix) + ":fanout"),
      consumer_(std::move(consumer)),
      reclaim_ms_(reclaim_ms) {}

Status RedisFanOutQueue::Prepare() {
  auto r = redis_.Command({"XGROUP", "CREATE", stream_, kGroup, "$", "MKSTREAM"});
  if (!r.ok() && r.status().description().rfind("BUSYGROUP", 0) != 0) return r.status();
  return Status::Ok();
}

Status RedisFanOutQueue::Add(const std::string& payload) {
  auto r = redis_.Command({"XADD", stream_, "MAXLEN", "~", "100000", "*", "job", payload});
  if (!r.ok() && r.status().description().rfind("NOGROUP", 0) == 0) {
    // The stream was removed (a FLUSHALL): make it again.
    if (Status s = Prepare(); !s.ok()) return s;
    r = redis_.Command({"XADD", stream_, "MAXLEN", "~", "100000", "*", "job", payload});
  }
  return r.ok() ? Status::Ok() : r.status();
}

Result<std::vector<FanOutQueue::Item>> RedisFanOutQueue::Take(int max, int block_ms) {
  std::vector<Item> out;
  // Jobs a dead node left behind, now and then.
  bool claim = false;
  {
    std::lock_guard lock(mu_);
    int64_t now = NowMillis();
    if (now - last_claim_ms_ >= std::min<int64_t>(reclaim_ms_ / 2, 2000) + 1) {
      last_claim_ms_ = now;
      claim = true;
    }
  }
  if (claim) {
    auto r = redis_.Command({"XAUTOCLAIM", stream_, kGroup, consumer_, std::to_string(reclaim_ms_),
                             "0-0", "COUNT", std::to_string(max)});
    if (!r.ok()) {
      if (r.status().description().find("NOGROUP") != std::string::npos) (void)Prepare();
      return r.status();
    }
    const redisReply* reply = r->get();
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements >= 2)
      CollectEntries(reply->element[1], &out);
    if (!out.empty()) {
      spdlog::info("took over {} fan-out job(s) another node left unfinished", out.size());
      return out;
    }
  }
  auto r = redis_.Command({"XREADGROUP", "GROUP", kGroup, consumer_, "COUNT", std::to_string(max),
                           "BLOCK", std::to_string(block_ms), "STREAMS", stream_, ">"});
  if (!r.ok()) {
    if (r.status().description().find("NOGROUP") != std::string::npos) (void)Prepare();
    return r.status();
  }
  const redisReply* reply = r->get();
  if (reply->type != REDIS_REPLY_ARRAY) return out;  // nil: nothing new
  for (size_t i = 0; i < reply->elements; ++i) {
    const redisReply* s = reply->element[i];
    if (s->type == REDIS_REPLY_ARRAY && s->elements == 2) CollectEntries(s->element[1], &out);
  }
  return out;
}

void RedisFanOutQueue::Done(const std::string& id) {
  // Acknowledged entries stay in the stream until it is trimmed (MAXLEN).
  (void)redis_.Command({"XACK", stream_, kGroup, id});
}

Result<bool> RedisFanOutQueue::Idle() {
  auto r = redis_.Command({"XINFO", "GROUPS", stream_});
  if (!r.ok()) return r.status();
  const redisReply* reply = r->get();
  for (size_t g = 0; g < reply->elements; ++g) {
    const redisReply* group = reply->element[g];
    bool ours = false;
    long long pending = 0, lag = 0;
    for (size_t f = 0; f + 1 < group->elements; f += 2) {
      std::string name = Str(group->element[f]);
      const redisReply* v = group->element[f + 1];
      if (name == "name") ours = Str(v) == kGroup;
      if (name == "pending" && v->type == REDIS_REPLY_INTEGER) pending = v->integer;
      if (name == "lag" && v->type == REDIS_REPLY_INTEGER) lag = v->integer;
    }
    if (ours) return pending == 0 && lag == 0;
  }
  return true;
}

}  // namespace atrium
