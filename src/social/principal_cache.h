// PrincipalCache: who a session cookie or an access token stands for, so
// that authenticating a request needs no store read while nothing changed.
//
// Keyed by the credential's hash (a session's and a token's apart); only
// principals of a member (not app-only tokens) are kept. Whatever ends or
// changes someone's access calls Invalidate(account) after writing the
// store: signing out, revoking a token, deactivating or reactivating,
// changing a role or a profile (AccountService's changes); that drops every
// credential of that person here and, in cluster mode, on every other node,
// so the next request reads the store again. InvalidateAll does the same
// for everyone (a reused authorization code revokes tokens whose owner the
// caller does not know). A load that started before a drop is not kept.
//
// Changes made by another process (the `atrium user` commands, a directory
// import beside a running server) are announced by OutsideChanges: a line
// appended to a file in the data folder, which Find looks at first (one
// stat(2)), and in cluster mode the same invalidation as a node's. As a last
// resort (a command on another machine without --redis), entries are kept
// at most `ttl_ms`.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/sharded_map.h"
#include "social/principal.h"

namespace atrium {

class PrincipalCache {
 public:
  explicit PrincipalCache(int64_t ttl_ms = 2000, size_t capacity = 200000)
      : ttl_ms_(ttl_ms), per_shard_(capacity / Entries::kShards + 1) {}
  ~PrincipalCache();
  PrincipalCache(const PrincipalCache&) = delete;
  PrincipalCache& operator=(const PrincipalCache&) = delete;

  // Watches `path` (OutsideChanges): when it has grown since the last look,
  // everything here is dropped and `on_change` called. Set before serving.
  void WatchFile(std::string path, std::function<void()> on_change);

  // The principal cached for `key`, unless it expired.
  PrincipalPtr Find(const std::string& key);
  // The generation to pass to Put; read it before loading from the store.
  uint64_t Generation();
  // Keeps a member's principal, unless something was dropped since
  // `generation` was read.
  void Put(const std::string& key, PrincipalPtr principal, uint64_t generation);

  // Drops every credential of `account_id` here and, in cluster mode, on
  // every other node.
  void Invalidate(int64_t account_id) {
    Drop(account_id);
    if (on_invalidate_) on_invalidate_(account_id);
  }
  // The same for every account.
  void InvalidateAll() {
    Clear();
    if (on_invalidate_) on_invalidate_(kEveryone);
  }
  // Drops here only (another node's change); kEveryone drops everything.
  void Drop(int64_t account_id);
  void Clear();
  // Called by Invalidate (with the account id) and InvalidateAll (with
  // kEveryone); set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }
  static constexpr int64_t kEveryone = 0;

 private:
  struct Entry {
    PrincipalPtr principal;
    int64_t loaded_at = 0;
  };
  using Entries = ShardedMap<std::string, Entry, 16>;
  void CheckWatchedFile();
  int64_t WatchedSize();
  // Erases an entry of `shard` (its lock held) and counts it out.
  void Erase(Entries::Shard& shard, Entries::Map::iterator it);

  const int64_t ttl_ms_;
  const size_t per_shard_;
  std::atomic<uint64_t> generation_{0};
  std::mutex counts_mu_;  // for per_account_ (entries per account); after a shard's lock
  std::unordered_map<int64_t, size_t> per_account_;
  std::function<void(int64_t)> on_invalidate_;
  std::string watched_path_;
  std::function<void()> on_watched_change_;
  std::atomic<int64_t> watched_size_{-1};  // -1: absent
  // The watched file, open (created if absent), so that each lookup costs
  // one fstat rather than a path walk; reopened if the file is removed.
  std::atomic<int> watched_fd_{-1};
  std::atomic<int64_t> last_check_ms_{0};
  std::mutex reopen_mu_;
  Entries entries_;
};

}  // namespace atrium
