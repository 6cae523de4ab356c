// EventHub: live events (new posts, edits, deletes, notifications) from the
// services that cause them to the open streaming connections that want them.
//
// Subscribers register for stream keys ("user:42", "user:notification:42",
// "public", "public:local", "hashtag:<name>", "list:7", "direct:42",
// "announcements" — the organization's, for every member) and
// receive every event published to any of their keys. An event carries ids
// (and, for a delete, who could see the post: it is gone by then); each
// subscriber renders it for its own viewer, asking the visibility policy
// first — the hub itself knows nothing about who may see what.
//
// Publish calls subscribers synchronously on the publishing thread, so a
// subscriber must be quick (queue the event and return). In process only;
// the cluster build relays events between nodes through Redis.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/social_records.h"

namespace atrium {

struct Event {
  // "update", "delete", "status.update", "notification",
  // "notifications_merged", "conversation"
  std::string name;
  int64_t status_id = 0;  // update, delete, status.update; conversation: the direct post
  int64_t notification_id = 0;
  int64_t recipient_id = 0;  // notification, notifications_merged: who it is for
  int64_t community_id = 0;  // community.left: the community
  // delete: the deleted post as the visibility policy reads it
  // (VisibilityPolicy::Audience), taken when it was deleted, since it is gone
  // by the time the event is sent; for the reposts deleted with it, still
  // the deleted post. A stream sends the delete only to a member this post
  // was visible to, and a delete without it to nobody. Null otherwise.
  std::shared_ptr<const StatusRecord> deleted;
  // announcement, announcement.reaction, announcement.delete: the
  // announcement; announcement.reaction: the reaction's name and how many
  // people now react so.
  int64_t announcement_id = 0;
  std::string reaction;
  int64_t reaction_count = 0;
};

class EventHub {
 public:
  using Callback = std::function<void(const std::string& key, const Event& event)>;

  EventHub() = default;
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Registers a subscriber; returns its token.
  uint64_t Subscribe(Callback callback);
  void AddKey(uint64_t token, const std::string& key);
  void RemoveKey(uint64_t token, const std::string& key);
  // Removes the subscriber. An event already being delivered on another
  // thread may still reach it once; subscribers tolerate that.
  void Unsubscribe(uint64_t token);

  void Publish(const std::string& key, const Event& event);
  bool HasSubscribers(const std::string& key);
  size_t SubscriberCount();

 private:
  struct Subscriber {
    Callback callback;
    std::set<std::string> keys;
  };
  std::mutex mu_;
  uint64_t next_token_ = 1;
  std::unordered_map<uint64_t, std::shared_ptr<Subscriber>> subscribers_;
  std::unordered_map<std::string, std::set<uint64_t>> by_key_;
};

}  // namespace atrium
