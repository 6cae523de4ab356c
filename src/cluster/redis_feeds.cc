#include "cluster/redis_feeds.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

namespace atrium {

std::string PaddedId(int64_t id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(id));
  return buf;
}

namespace {

std::string Member(const FeedEntry& e) {
  return PaddedId(e.id) + ":" + std::to_string(e.reblog_of);
}

bool ParseMember(const char* s, size_t n, FeedEntry* e) {
  if (n < 22 || s[20] != ':') return false;
  e->id = std::strtoll(std::string(s, 20).c_str(), nullptr, 10);
  e->reblog_of = std::strtoll(std::string(s + 21, n - 21).c_str(), nullptr, 10);
  return true;
}

// KEYS: feed, warm. ARGV: ttl, members...
constexpr const char* kPut = R"(
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 500 do
  local args = {}
  for j = i, math.min(i + 499, #ARGV) do
    args[#args + 1] = 0
    args[#args + 1] = ARGV[j]
  end
  redis.call('ZADD', KEYS[1], unpack(args))
end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
if #ARGV > 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1
)";

// KEYS: feed, warm. ARGV: member, padded id, reblog_of, padded reblog_of, cap.
constexpr const char* kPush = R"(
local ttl = redis.call('PTTL', KEYS[2])
if ttl == -2 then return 0 end
local id = ARGV[2]
if #redis.call('ZRANGEBYLEX', KEYS[1], '[' .. id .. ':', '[' .. id .. ';', 'LIMIT', 0, 1) > 0 then
  return 0
end
if ARGV[3] ~= '0' then
  for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    if string.sub(m, 1, 20) == ARGV[4] or string.sub(m, 22) == ARGV[3] then return 0 end
  end
end
redis.call('ZADD', KEYS[1], 0, ARGV[1])
local n = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[5])
if n > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - cap - 1) end
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
)";

// KEYS: feed. ARGV: padded id, id.
constexpr const char* kRemove = R"(
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(m, 1, 20) == ARGV[1] or string.sub(m, 22) == ARGV[2] then
    redis.call('ZREM', KEYS[1], m)
  end
end
return 1
)";

// KEYS: feed, warm. ARGV: ttl, reverse (1/0), max, min, limit.
// nil: cold. Else the members in the order asked for.
constexpr const char* kRead = R"(
if redis.call('EXISTS', KEYS[2]) == 0 then return false end
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  return redis.call('ZREVRANGEBYLEX', KEYS[1], ARGV[3], ARGV[4], 'LIMIT', 0, ARGV[5])
end
return redis.call('ZRANGEBYLEX', KEYS[1], ARGV[4], ARGV[3], 'LIMIT', 0, ARGV[5])
)";

}  // namespace

Status RedisFeeds::ColdAll() {
  // The warm markers go; the feeds themselves are replaced on rebuild (and
  // expire meanwhile).
  std::string cursor = "0";
  do {
    auto r = redis_.Command({"SCAN", cursor, "MATCH", prefix_ + ":warm:*", "COUNT", "1000"});
    if (!r.ok()) return r.status();
    const redisReply* reply = r->get();
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2)
      return Status::Internal("unexpected SCAN reply");
    cursor.assign(reply->element[0]->str, reply->element[0]->len);
    const redisReply* keys = reply->element[1];
    if (keys->elements > 0) {
      std::vector<std::string> del = {"DEL"};
      for (size_t i = 0; i < keys->elements; ++i)
        del.emplace_back(keys->element[i]->str, keys->element[i]->len);
      auto d = redis_.Command(del);
      if (!d.ok()) return d.status();
    }
  } while (cursor != "0");
  return Status::Ok();
}

Status RedisFeeds::Recover() {
  if (!redis_.LostWrites()) return Status::Ok();
  std::lock_guard lock(recover_mu_);
  if (!redis_.LostWrites()) return Status::Ok();
  redis_.ClearLostWrites();
  if (Status s = ColdAll(); !s.ok()) {
    // Still away: stay marked (the failed command marked it again).
    return s.code() == Code::kUnavailable ? s : Status::Unavailable("Redis", s.ToString());
  }
  spdlog::info("Redis is back; every feed is cold and rebuilds from the store");
  return Status::Ok();
}

Result<bool> RedisFeeds::IsWarm(const std::string& key) {
  if (Status s = Recover(); !s.ok()) return s;
  auto r = redis_.Command({"EXISTS", WarmKey(key)});
  if (!r.ok()) return r.status();
  return (*r)->integer > 0;
}

Status RedisFeeds::Put(const std::string& key, std::vector<FeedEntry> entries) {
  if (Status s = Recover(); !s.ok()) return s;
  std::sort(entries.begin(), entries.end(),
            [](const FeedEntry& a, const FeedEntry& b) { return a.id > b.id; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const FeedEntry& a, const FeedEntry& b) { return a.id == b.id; }),
                entries.end());
  if (entries.size() > cap_) entries.resize(cap_);
  std::vector<std::string> args = {"EVAL",       kPut,         "2",
                                   FeedKey(key), WarmKey(key), std::to_string(ttl_s_)};
  for (const auto& e : entries) args.push_back(Member(e));
  auto r = redis_.Command(args);
  return r.ok() ? Status::Ok() : r.status();
}

bool RedisFeeds::Push(const std::string& key, const FeedEntry& entry) {
  if (!Recover().ok()) return false;
  auto r = redis_.Command({"EVAL", kPush, "2", FeedKey(key), WarmKey(key), Member(entry),
                           PaddedId(entry.id), std::to_string(entry.reblog_of),
                           PaddedId(entry.reblog_of), std::to_string(cap_)});
  if (!r.ok()) {
    if (r.status().code() != Code::kUnavailable)
      spdlog::error("feed push: {}", r.status().ToString());
    return false;
  }
  return (*r)->integer == 1;
}

void RedisFeeds::Remove(int64_t id, const std::vector<std::string>& keys) {
  if (!Recover().ok()) return;
  for (const auto& key : keys) {
    auto r = redis_.Command({"EVAL", kRemove, "1", FeedKey(key), PaddedId(id), std::to_string(id)});
    if (!r.ok()) return;  // unavailable: marked, every feed goes cold on recovery
  }
}

Result<bool> RedisFeeds::Read(const std::string& key, const PageRequest& page,
                              std::vector<FeedEntry>* out) {
  out->clear();
  if (Status s = Recover(); !s.ok()) return s;
  const int limit = std::max(0, page.limit);
  if (limit == 0) {
    auto warm = IsWarm(key);
    return warm;
  }
  const std::string max = page.max_id != 0 ? "(" + PaddedId(page.max_id) : "+";
  std::string min = "-";
  bool reverse = true;
  if (page.min_id != 0) {
    min = "[" + PaddedId(page.min_id + 1);
    reverse = false;  // the entries just above min_id, oldest first
  } else if (page.since_id != 0) {
    min = "[" + PaddedId(page.since_id + 1);
  }
  auto r = redis_.Command({"EVAL", kRead, "2", FeedKey(key), WarmKey(key), std::to_string(ttl_s_),
                           reverse ? "1" : "0", max, min, std::to_string(limit)});
  if (!r.ok())
    return r.status().code() == Code::kUnavailable
               ? r.status()
               : Status::Unavailable("feed read", r.status().ToString());
  const redisReply* reply = r->get();
  if (reply->type == REDIS_REPLY_NIL) return false;
  if (reply->type != REDIS_REPLY_ARRAY) return Status::Internal("unexpected feed reply");
  for (size_t i = 0; i < reply->elements; ++i) {
    FeedEntry e;
    if (ParseMember(reply->element[i]->str, reply->element[i]->len, &e)) out->push_back(e);
  }
  if (!reverse) std::reverse(out->begin(), out->end());
  return true;
}

void RedisFeeds::Evict(const std::string& key) {
  if (!Recover().ok()) return;
  // The marker first: a reader that sees no marker rebuilds the whole feed.
  (void)redis_.Command({"DEL", WarmKey(key), FeedKey(key)});
}

}  // namespace atrium
