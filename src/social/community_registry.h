// CommunityRegistry: every community, in memory, for the visibility policy.
// Deciding whether a post is visible needs its community's type on every
// read, so the registry keeps an immutable snapshot of all communities
// (thousands at most; a few hundred bytes each) that readers share without
// locking; a change replaces the snapshot (copy on write — changes to
// communities are rare next to reads).
//
// Loaded by Load() at start; the community service calls Put/Erase after each
// committed change. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/status.h"
#include "store/store.h"

namespace atrium {

class CommunityIndex {
 public:
  // The community, or nullptr if there is none with this id.
  const CommunityRecord* Find(int64_t id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second.get();
  }
  size_t size() const { return by_id_.size(); }
  // Calls fn(const CommunityRecord&) for every community, in no order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const auto& [id, community] : by_id_) fn(*community);
  }

 private:
  friend class CommunityRegistry;
  std::unordered_map<int64_t, std::shared_ptr<const CommunityRecord>> by_id_;
};

class CommunityRegistry {
 public:
  explicit CommunityRegistry(Store& store);
  CommunityRegistry(const CommunityRegistry&) = delete;
  CommunityRegistry& operator=(const CommunityRegistry&) = delete;

  // Reads every community from the store.
  Status Load();
  std::shared_ptr<const CommunityIndex> Snapshot() const;
  void Put(const CommunityRecord& community);
  void Erase(int64_t id);
  // Called by Put and Erase (cluster mode: the other nodes Load again); set
  // once, before serving.
  void OnChange(std::function<void(int64_t)> fn) { on_change_ = std::move(fn); }

 private:
  std::function<void(int64_t)> on_change_;
  Store& store_;
  mutable std::mutex mu_;  // guards snapshot_ (the pointer, not what it points to)
  std::shared_ptr<const CommunityIndex> snapshot_;
};

}  // namespace atrium
