// RedisClient: a small pool of synchronous hiredis connections to one Redis
// server, for cluster mode.
//
// A command that fails on the connection (Redis down, a timeout) returns
// kUnavailable and drops that connection; the next command connects again,
// so a node recovers by itself when Redis returns. Every such failure is
// remembered (LostWrites) so that the caches built on Redis can make
// themselves consistent again once it is back.
//
// Thread-safe.
#pragma once

#include <hiredis/hiredis.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;
  std::string password;
  int db = 0;
  std::string ForLog() const {
    return host + ":" + std::to_string(port) + (db != 0 ? "/" + std::to_string(db) : "");
  }
};

// redis://[[user]:password@]host[:port][/db]
Result<RedisAddress> ParseRedisUrl(const std::string& url);

struct ReplyDeleter {
  void operator()(redisReply* r) const {
    if (r) freeReplyObject(r);
  }
};
using RedisReply = std::unique_ptr<redisReply, ReplyDeleter>;

struct ContextDeleter {
  void operator()(redisContext* c) const {
    if (c) redisFree(c);
  }
};
using RedisContext = std::unique_ptr<redisContext, ContextDeleter>;

class RedisClient {
 public:
  RedisClient(RedisAddress address, int timeout_ms = 3000)
      : address_(std::move(address)), timeout_ms_(timeout_ms) {}
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command. An error reply is kInternal (the connection stays).
  Result<RedisReply> Command(const std::vector<std::string>& args);
  // A new connection of its own (authenticated, database selected), for a
  // subscriber or a blocking reader. timeout_ms 0: no read timeout.
  Result<RedisContext> Connect(int timeout_ms);

  // True once a command has failed on the connection since the last
  // ClearLostWrites.
  bool LostWrites() const { return lost_.load(); }
  void ClearLostWrites() { lost_.store(false); }
  const RedisAddress& address() const { return address_; }

 private:
  RedisAddress address_;
  const int timeout_ms_;
  std::mutex mu_;
  std::vector<RedisContext> idle_;
  std::atomic<bool> lost_{false};
};

// Runs a command on a connection of one's own: nullptr and a message on failure.
Result<RedisReply> RedisCommandOn(redisContext* c, const std::vector<std::string>& args);

}  // namespace atrium
