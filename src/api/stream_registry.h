// StreamRegistry: the open live streams, checked on a timer so that a
// stream whose member was deactivated or whose token was revoked by any
// process (the `atrium user` commands included) closes within one period,
// even if no event comes along to notice it.
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
  std::thread thread_;
};

}  // namespace atrium::api
