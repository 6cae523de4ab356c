// StreamRegistry: the open live streams, checked on a timer so that a
// stream whose member was deactivated or whose token was revoked by any
// process (the `atrium user` commands included) closes within one period,
// even if no event comes along to notice it. It also counts each member's
// open streams (Claim), so that one member cannot hold more than the
// `max-streams-per-member` setting allows — on this node: in a cluster each
// node counts its own.
//
// Thread-safe. Owns one background thread, stopped by Stop() or the
// destructor.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace atrium::api {

class StreamRegistry {
 public:
  // Something that can say whether it may go on, and close itself.
  class Entry {
   public:
    virtual ~Entry() = default;
    // Checks the member and their credentials; closes the stream if they no
    // longer hold.
    virtual void Revalidate() = 0;
  };

  explicit StreamRegistry(int64_t period_ms = 10000);
  StreamRegistry(const StreamRegistry&) = delete;
  StreamRegistry& operator=(const StreamRegistry&) = delete;
  ~StreamRegistry();

  // One of a member's open streams, counted from Claim until destroyed.
  // Destroying it frees the slot; it may outlive the registry.
  class Slot {
   public:
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    friend class StreamRegistry;
    struct Counts;
    Slot(std::shared_ptr<Counts> counts, int64_t account_id)
        : counts_(std::move(counts)), account_id_(account_id) {}
    const std::shared_ptr<Counts> counts_;
    const int64_t account_id_;
  };

  // Claims one of the `limit` streams `account_id` may have open at once;
  // null when they hold them all already. O(1).
  std::unique_ptr<Slot> Claim(int64_t account_id, int limit);
  // The streams `account_id` holds a slot for.
  int OpenStreams(int64_t account_id);

  uint64_t Add(std::weak_ptr<Entry> entry);
  void Remove(uint64_t token);
  size_t size();
  // Revalidates every open stream now (the timer does this every period).
  void RevalidateAll();
  void Stop();

 private:
  void Run();

  const int64_t period_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  uint64_t next_ = 1;
  std::unordered_map<uint64_t, std::weak_ptr<Entry>> entries_;
  const std::shared_ptr<Slot::Counts> counts_;
  std::thread thread_;
};

}  // namespace atrium::api
