// RedisBus: what the nodes of a cluster tell each other over Redis pub/sub.
//
//   <prefix>:events      live events (see EncodeEvent). A node publishes
//                        every event here and delivers none locally: its
//                        own come back through its subscription like
//                        everyone else's, so each subscriber receives an
//                        event exactly once.
//   <prefix>:invalidate  "<node>|<kind>|<id>[|<ack>]": a node's cache entry
//                        went stale (an InvalidationKind, one character on
//                        the wire: see EncodeInvalidation). The other nodes
//                        drop theirs; the sender already did, and skips its
//                        own message.
//   <ack>                for credentials (kPrincipal) only: a list each
//                        other node pushes to once it has dropped them, and
//                        the sender waits for (BLPOP, as many as PUBLISH
//                        reached, a second at most each), so that a
//                        revocation or a password change answered on one
//                        node is refused on every node at once.
//
// One subscriber connection and thread per node. When it loses Redis it
// reconnects by itself, and then tells the owner (on_resubscribed) that
// messages may have been missed, so that the caches start over.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "cluster/redis_client.h"
#include "feed/feeds.h"
#include "feed/invalidation.h"

namespace atrium {

// An invalidation as published: "<node>|<kind>|<id>", the kind one
// character (a account, g social graph, s post, c community, v a reader's
// marks, p credentials). These two are the only place that knows the
// characters. Decode returns false for a message it cannot read (a kind
// from a newer node included), which the receiver ignores.
// `ack`, when not empty, is the list the receivers acknowledge on.
std::string EncodeInvalidation(std::string_view node, InvalidationKind kind, int64_t id,
                               std::string_view ack = {});
bool DecodeInvalidation(std::string_view message, std::string_view* node, InvalidationKind* kind,
                        int64_t* id, std::string_view* ack = nullptr);

// An event as published on <prefix>:events: "<key>\t<name>\t<status_id>\t
// <notification_id>\t<recipient_id>\t<community_id>", and for a delete six
// more fields, the deleted post's audience (Event::deleted): "\t<id>\t
// <author>\t<community>\t<visibility>\t<reblog_of_id>\t<mention ids,
// comma-separated>". Decode returns false for a message it cannot read,
// which the receiver ignores.
std::string EncodeEvent(const std::string& key, const Event& event);
bool DecodeEvent(const std::string& message, std::string* key, Event* event);

class RedisBus final : public Events {
 public:
  using InvalidateFn = std::function<void(InvalidationKind kind, int64_t id)>;
  RedisBus(RedisClient& redis, std::string prefix);
  ~RedisBus() override;
  RedisBus(const RedisBus&) = delete;
  RedisBus& operator=(const RedisBus&) = delete;

  // Set before Start.
  void OnInvalidate(InvalidateFn fn) { on_invalidate_ = std::move(fn); }
  void OnResubscribed(std::function<void()> fn) { on_resubscribed_ = std::move(fn); }
  // Subscribes (waiting until Redis confirms) and starts the reader thread.
  Status Start();
  void Stop();

  // Events.
  uint64_t Subscribe(Callback callback) override { return hub_.Subscribe(std::move(callback)); }
  void AddKey(uint64_t token, const std::string& key) override { hub_.AddKey(token, key); }
  void RemoveKey(uint64_t token, const std::string& key) override { hub_.RemoveKey(token, key); }
  void Unsubscribe(uint64_t token) override { hub_.Unsubscribe(token); }
  void Publish(const std::string& key, const Event& event) override;
  // Subscribers may be on other nodes: always true.
  bool MayHaveSubscribers(const std::string&) override { return true; }

  // Tells the other nodes that an entry is stale.
  void Invalidate(InvalidationKind kind, int64_t id);
  const std::string& node() const { return node_; }

 private:
  Status SubscribeOn(redisContext* c);
  void Run(RedisContext c);
  void Handle(const std::string& channel, const std::string& message);

  RedisClient& redis_;
  const std::string prefix_;
  const std::string events_channel_;
  const std::string invalidate_channel_;
  const std::string node_;         // this process, unique in the cluster
  std::atomic<uint64_t> acks_{0};  // numbers this node's acknowledgement lists
  EventHub hub_;
  InvalidateFn on_invalidate_;
  std::function<void()> on_resubscribed_;
  std::atomic<bool> stopping_{false};
  std::mutex conn_mu_;
  redisContext* conn_ = nullptr;  // the reader's, for Stop to interrupt
  std::thread reader_;
};

}  // namespace atrium
