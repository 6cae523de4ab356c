#include "cluster/redis_bus.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <sstream>

namespace atrium {

namespace {

std::string NewNodeName() {
  char host[64] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(getpid()) + "-" +
         std::to_string(randombytes_uniform(1000000));
}

// One decimal number, all of `digits`.
bool ParseNumber(std::string_view digits, int64_t* out) {
  if (digits.empty()) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
  return ec == std::errc() && end == digits.data() + digits.size();
}

}  // namespace

std::string EncodeEvent(const std::string& key, const Event& e) {
  std::string out = key + "\t" + e.name + "\t" + std::to_string(e.status_id) + "\t" +
                    std::to_string(e.notification_id) + "\t" + std::to_string(e.recipient_id) +
                    "\t" + std::to_string(e.community_id);
  // An announcement's event: three fields more (a reaction's name is one
  // emoji, never a tab). A delete's post: six more.
  if (e.announcement_id != 0)
    out += "\t" + std::to_string(e.announcement_id) + "\t" + e.reaction + "\t" +
           std::to_string(e.reaction_count);
  else if (const StatusRecord* d = e.deleted.get()) {
    out += "\t" + std::to_string(d->id) + "\t" + std::to_string(d->account_id) + "\t" +
           std::to_string(d->community_id) + "\t" +
           std::to_string(static_cast<int>(d->visibility)) + "\t" +
           std::to_string(d->reblog_of_id) + "\t";
    for (size_t i = 0; i < d->mention_ids.size(); ++i) {
      if (i) out += ",";
      out += std::to_string(d->mention_ids[i]);
    }
  }
  return out;
}

bool DecodeEvent(const std::string& m, std::string* key, Event* e) {
  std::vector<std::string_view> f;
  std::string_view rest = m;
  while (true) {
    size_t tab = rest.find('\t');
    f.push_back(rest.substr(0, tab));
    if (tab == std::string_view::npos) break;
    rest.remove_prefix(tab + 1);
  }
  if (f.size() != 6 && f.size() != 9 && f.size() != 12) return false;
  Event out;
  out.name = std::string(f[1]);
  if (!ParseNumber(f[2], &out.status_id) || !ParseNumber(f[3], &out.notification_id) ||
      !ParseNumber(f[4], &out.recipient_id) || !ParseNumber(f[5], &out.community_id))
    return false;
  if (f.size() == 9) {
    if (!ParseNumber(f[6], &out.announcement_id) || out.announcement_id == 0 ||
        !ParseNumber(f[8], &out.reaction_count))
      return false;
    out.reaction = std::string(f[7]);
  }
  if (f.size() == 12) {
    auto d = std::make_shared<StatusRecord>();
    int64_t visibility = 0;
    if (!ParseNumber(f[6], &d->id) || !ParseNumber(f[7], &d->account_id) ||
        !ParseNumber(f[8], &d->community_id) || !ParseNumber(f[9], &visibility) ||
        !ParseNumber(f[10], &d->reblog_of_id))
      return false;
    if (visibility < static_cast<int>(Visibility::kPublic) ||
        visibility > static_cast<int>(Visibility::kDirect))
      return false;
    d->visibility = static_cast<Visibility>(visibility);
    for (std::string_view ids = f[11]; !ids.empty();) {
      size_t comma = ids.find(',');
      int64_t id = 0;
      if (!ParseNumber(ids.substr(0, comma), &id)) return false;
      d->mention_ids.push_back(id);
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
      if (ids.empty()) return false;  // a trailing comma
    }
    out.deleted = std::move(d);
  }
  *key = std::string(f[0]);
  *e = std::move(out);
  return true;
}

namespace {

struct KindCode {
  InvalidationKind kind;
  char code;
};
constexpr KindCode kKindCodes[] = {
    {InvalidationKind::kAccount, 'a'},     {InvalidationKind::kGraph, 'g'},
    {InvalidationKind::kStatus, 's'},      {InvalidationKind::kCommunity, 'c'},
    {InvalidationKind::kViewerState, 'v'}, {InvalidationKind::kPrincipal, 'p'},
    {InvalidationKind::kFilters, 'f'},
};

}  // namespace

std::string EncodeInvalidation(std::string_view node, InvalidationKind kind, int64_t id,
                               std::string_view ack) {
  char code = '?';
  for (const KindCode& k : kKindCodes)
    if (k.kind == kind) code = k.code;
  std::string out(node);
  out += '|';
  out += code;
  out += '|';
  out += std::to_string(id);
  if (!ack.empty()) {
    out += '|';
    out += ack;
  }
  return out;
}

bool DecodeInvalidation(std::string_view message, std::string_view* node, InvalidationKind* kind,
                        int64_t* id, std::string_view* ack) {
  const size_t a = message.find('|');
  if (a == std::string_view::npos || a + 2 >= message.size() || message[a + 2] != '|') return false;
  const KindCode* found = nullptr;
  for (const KindCode& k : kKindCodes)
    if (k.code == message[a + 1]) found = &k;
  if (!found) return false;
  std::string_view digits = message.substr(a + 3);
  std::string_view rest;
  if (const size_t bar = digits.find('|'); bar != std::string_view::npos) {
    rest = digits.substr(bar + 1);
    digits = digits.substr(0, bar);
    if (rest.empty()) return false;
  }
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *id);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return false;
  *node = message.substr(0, a);
  *kind = found->kind;
  if (ack) *ack = rest;
  return true;
}

RedisBus::RedisBus(RedisClient& redis, std::string prefix)
    : redis_(redis),
      prefix_(std::move(prefix)),
      events_channel_(prefix_ + ":events"),
      invalidate_channel_(prefix_ + ":invalidate"),
      node_(NewNodeName()) {}

RedisBus::~RedisBus() { Stop(); }

Status RedisBus::SubscribeOn(redisContext* c) {
  // Two confirmations, one a channel; the first message may follow them.
  if (redisAppendCommand(c, "SUBSCRIBE %b %b", events_channel_.data(), events_channel_.size(),
                         invalidate_channel_.data(), invalidate_channel_.size()) != REDIS_OK)
    return Status::Unavailable("Redis is unavailable", c->errstr);
  for (int i = 0; i < 2; ++i) {
    void* raw = nullptr;
    if (redisGetReply(c, &raw) != REDIS_OK || !raw)
      return Status::Unavailable("Redis is unavailable", c->errstr);
    RedisReply reply(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ERROR)
      return Status::Internal("Redis refused SUBSCRIBE", std::string(reply->str, reply->len));
  }
  return Status::Ok();
}

Status RedisBus::Start() {
  auto c = redis_.Connect(3000);
  if (!c.ok()) return c.status();
  if (Status s = SubscribeOn(c->get()); !s.ok()) return s;
  redisSetTimeout(c->get(), timeval{0, 0});  // a subscriber waits as long as it takes
  reader_ = std::thread([this, conn = std::move(c).value()]() mutable { Run(std::move(conn)); });
  return Status::Ok();
}

void RedisBus::Stop() {
  if (stopping_.exchange(true)) return;
  {
    std::lock_guard lock(conn_mu_);
    if (conn_) shutdown(conn_->fd, SHUT_RDWR);  // wakes the reader
  }
  if (reader_.joinable()) reader_.join();
}

void RedisBus::Run(RedisContext c) {
  bool resubscribed = false;
  while (!stopping_) {
    if (!c) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      if (stopping_) break;
      auto made = redis_.Connect(3000);
      if (!made.ok()) continue;
      if (!SubscribeOn(made->get()).ok()) continue;
      redisSetTimeout(made->get(), timeval{0, 0});
      c = std::move(made).value();
      resubscribed = true;
      spdlog::info("Redis is back; listening to the other nodes again");
    }
    {
      std::lock_guard lock(conn_mu_);
      conn_ = c.get();
    }
    if (resubscribed) {
      resubscribed = false;
      if (on_resubscribed_) on_resubscribed_();
    }
    void* raw = nullptr;
    if (stopping_) break;
    if (redisGetReply(c.get(), &raw) != REDIS_OK || !raw) {
      if (!stopping_) spdlog::warn("lost the Redis subscription: {}", c->errstr);
      {
        std::lock_guard lock(conn_mu_);
        conn_ = nullptr;
      }
      c.reset();
      continue;
    }
    RedisReply reply(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 &&
        reply->element[0]->type == REDIS_REPLY_STRING &&
        std::string_view(reply->element[0]->str, reply->element[0]->len) == "message") {
      Handle(std::string(reply->element[1]->str, reply->element[1]->len),
             std::string(reply->element[2]->str, reply->element[2]->len));
    }
  }
  std::lock_guard lock(conn_mu_);
  conn_ = nullptr;
}

void RedisBus::Handle(const std::string& channel, const std::string& message) {
  if (channel == events_channel_) {
    std::string key;
    Event e;
    if (DecodeEvent(message, &key, &e)) hub_.Publish(key, e);
    return;
  }
  std::string_view node;
  InvalidationKind kind;
  int64_t id;
  std::string_view ack;
  if (!DecodeInvalidation(message, &node, &kind, &id, &ack)) return;
  if (node == node_) return;  // our own
  if (on_invalidate_) on_invalidate_(kind, id);
  if (!ack.empty()) {
    // Dropped: the sender may answer its request now.
    auto pushed = redis_.Command({"RPUSH", std::string(ack), "1"});
    if (pushed.ok()) (void)redis_.Command({"EXPIRE", std::string(ack), "10"});
  }
}

void RedisBus::Publish(const std::string& key, const Event& event) {
  auto r = redis_.Command({"PUBLISH", events_channel_, EncodeEvent(key, event)});
  if (!r.ok())
    spdlog::warn("event {} on {} not published: {}", event.name, key, r.status().ToString());
}

void RedisBus::Invalidate(InvalidationKind kind, int64_t id) {
  // Credentials are waited for: every other node has dropped them before
  // this returns (a second at most for each).
  std::string ack;
  if (kind == InvalidationKind::kPrincipal)
    ack = prefix_ + ":ack:" + node_ + ":" + std::to_string(++acks_);
  const std::string message = EncodeInvalidation(node_, kind, id, ack);
  auto r = redis_.Command({"PUBLISH", invalidate_channel_, message});
  // Lost: the other nodes' subscriptions were lost too, and they start over
  // on reconnecting (or, if only this node lost Redis, the TTLs and the
  // next change catch up; see docs/DEPLOYMENT.md).
  if (!r.ok()) {
    spdlog::warn("invalidation {} not published: {}", message, r.status().ToString());
    return;
  }
  if (ack.empty() || (*r)->type != REDIS_REPLY_INTEGER) return;
  // PUBLISH counts every subscriber, this node's own included.
  for (long long others = (*r)->integer - 1; others > 0; --others) {
    auto popped = redis_.Command({"BLPOP", ack, "1"});
    if (!popped.ok() || (*popped)->type != REDIS_REPLY_ARRAY) {
      spdlog::warn("invalidation {}: {} node(s) did not acknowledge within a second", message,
                   others);
      break;
    }
  }
  (void)redis_.Command({"DEL", ack});
}

}  // namespace atrium
