#include "cluster/redis_client.h"

#include <spdlog/spdlog.h>

#include <charconv>

namespace atrium {

Result<RedisAddress> ParseRedisUrl(const std::string& url) {
  auto bad = [&](const std::string& why) {
    return Status::BadRequest(
        "bad redis URL",
        "\"" + url + "\": " + why + " (expected redis://[:password@]host[:port][/db])");
  };
  const std::string scheme = "redis://";
  if (url.rfind(scheme, 0) != 0) return bad("it does not start with redis://");
  std::string rest = url.substr(scheme.size());
  RedisAddress a;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = cred.find(':');
    if (colon == std::string::npos) {
      a.password = cred;
    } else {
      a.user = cred.substr(0, colon);
      a.password = cred.substr(colon + 1);
    }
  }
  std::string hostport = rest;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    hostport = rest.substr(0, slash);
    std::string db = rest.substr(slash + 1);
    if (!db.empty()) {
      auto [p, ec] = std::from_chars(db.data(), db.data() + db.size(), a.db);
      if (ec != std::errc() || p != db.data() + db.size() || a.db < 0)
        return bad("the database is not a number");
    }
  }
  if (auto colon = hostport.rfind(':'); colon != std::string::npos) {
    std::string port = hostport.substr(colon + 1);
    hostport = hostport.substr(0, colon);
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
    if (ec != std::errc() || p != port.data() + port.size() || a.port <= 0 || a.port > 65535)
      return bad("the port is not a number from 1 to 65535");
  }
  if (hostport.size() >= 2 && hostport.front() == '[' && hostport.back() == ']')
    hostport = hostport.substr(1, hostport.size() - 2);
  if (hostport.empty()) return bad("there is no host");
  a.host = hostport;
  return a;
}

Result<RedisReply> RedisCommandOn(redisContext* c, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  RedisReply reply(static_cast<redisReply*>(
      redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data())));
  if (!reply) return Status::Unavailable("Redis is unavailable", c->errstr);
  if (reply->type == REDIS_REPLY_ERROR)
    return Status::Internal("Redis error", std::string(reply->str, reply->len));
  return reply;
}

Result<RedisContext> RedisClient::Connect(int timeout_ms) {
  timeval tv{timeout_ms_ / 1000, (timeout_ms_ % 1000) * 1000};
  RedisContext c(redisConnectWithTimeout(address_.host.c_str(), address_.port, tv));
  if (!c) return Status::Unavailable("Redis is unavailable", "out of memory");
  if (c->err)
    return Status::Unavailable("Redis is unavailable",
                               "cannot connect to " + address_.ForLog() + ": " + c->errstr);
  if (timeout_ms > 0) {
    timeval rt{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    redisSetTimeout(c.get(), rt);
  } else {
    redisSetTimeout(c.get(), timeval{0, 0});
  }
  if (!address_.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!address_.user.empty()) auth.push_back(address_.user);
    auth.push_back(address_.password);
    auto r = RedisCommandOn(c.get(), auth);
    if (!r.ok()) return r.status();
  }
  if (address_.db != 0) {
    auto r = RedisCommandOn(c.get(), {"SELECT", std::to_string(address_.db)});
    if (!r.ok()) return r.status();
  }
  return c;
}

Result<RedisReply> RedisClient::Command(const std::vector<std::string>& args) {
  RedisContext c;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!c) {
    auto made = Connect(timeout_ms_);
    if (!made.ok()) {
      lost_.store(true);
      return made.status();
    }
    c = std::move(made).value();
  }
  auto r = RedisCommandOn(c.get(), args);
  if (!r.ok() && r.status().code() == Code::kUnavailable) {
    lost_.store(true);
    spdlog::warn("Redis command {} failed: {}", args.empty() ? "" : args[0], r.status().ToString());
    return r.status();  // the connection is dropped
  }
  std::lock_guard lock(mu_);
  if (idle_.size() < 32) idle_.push_back(std::move(c));
  return r;
}

}  // namespace atrium
