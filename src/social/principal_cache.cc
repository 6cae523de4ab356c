#include "social/principal_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"

namespace atrium {

void PrincipalCache::Erase(Entries::Shard& shard, Entries::Map::iterator it) {
  const int64_t account_id = it->second.principal->account.id;
  shard.entries.erase(it);
  std::lock_guard lock(counts_mu_);
  auto c = per_account_.find(account_id);
  if (c != per_account_.end() && --c->second == 0) per_account_.erase(c);
}

namespace {

int64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : -1;
}

}  // namespace

PrincipalCache::~PrincipalCache() {
  if (int fd = watched_fd_.load(); fd >= 0) ::close(fd);
}

void PrincipalCache::WatchFile(std::string path, std::function<void()> on_change) {
  // Created here if absent (commands append to it), so it can be held open.
  int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  watched_fd_ = fd;
  watched_size_ = FileSize(path);
  watched_path_ = std::move(path);
  on_watched_change_ = std::move(on_change);
}

int64_t PrincipalCache::WatchedSize() {
  struct stat st;
  int fd = watched_fd_.load();
  if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_nlink > 0) return static_cast<int64_t>(st.st_size);
  // Removed (or never opened): look the path up, and hold the new file.
  std::lock_guard lock(reopen_mu_);
  const int64_t size = FileSize(watched_path_);
  if (size >= 0) {
    int fresh = ::open(watched_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fresh >= 0) {
      int old = watched_fd_.exchange(fresh);
      // The old descriptor may be in another thread's fstat: keep it open
      // (one per removal of the file, which does not happen in normal use).
      (void)old;
    }
  }
  return size;
}

void PrincipalCache::CheckWatchedFile() {
  if (watched_path_.empty()) return;
  // Once a millisecond at most (a system call per request was 2% of a
  // cached home page): a command's change is seen by every request that
  // starts in a later millisecond than its write.
  const int64_t ms = NowMillis();
  if (last_check_ms_.load(std::memory_order_relaxed) == ms) return;
  last_check_ms_.store(ms, std::memory_order_relaxed);
  const int64_t now = WatchedSize();
  if (now == watched_size_.load()) return;
  // Forgotten before the new size is recorded: no thread that sees the new
  // size finds an entry from before the change (several may clear; harmless).
  Clear();
  if (on_watched_change_) on_watched_change_();
  watched_size_ = now;
}

PrincipalPtr PrincipalCache::Find(const std::string& key) {
  CheckWatchedFile();
  return entries_.WithShard(key, [&](Entries::Shard& shard) -> PrincipalPtr {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return nullptr;
    if (NowMillis() - it->second.loaded_at >= ttl_ms_) {
      Erase(shard, it);
      return nullptr;
    }
    return it->second.principal;
  });
}

uint64_t PrincipalCache::Generation() { return generation_.load(); }

void PrincipalCache::Put(const std::string& key, PrincipalPtr principal, uint64_t generation) {
  if (!principal->has_account()) return;
  const int64_t account_id = principal->account.id;
  entries_.WithShard(key, [&](Entries::Shard& shard) {
    if (generation_.load() != generation) return;
    if (auto old = shard.entries.find(key); old != shard.entries.end()) Erase(shard, old);
    if (shard.entries.size() >= per_shard_) {
      for (size_t drop = shard.entries.size() / 2; drop > 0; --drop)
        Erase(shard, shard.entries.begin());
    }
    auto it = shard.entries.emplace(key, Entry{std::move(principal), NowMillis()}).first;
    {
      std::lock_guard counts(counts_mu_);
      ++per_account_[account_id];
    }
    // Drop bumps the generation, then looks for the account's entries: if it
    // looked before they were counted, the generation has moved by now.
    if (generation_.load() != generation) Erase(shard, it);
  });
}

void PrincipalCache::Drop(int64_t account_id) {
  if (account_id == kEveryone) {
    Clear();
    return;
  }
  ++generation_;
  {
    std::lock_guard lock(counts_mu_);
    if (!per_account_.count(account_id)) return;
  }
  entries_.ForEachShard([&](Entries::Shard& shard) {
    for (auto it = shard.entries.begin(); it != shard.entries.end();) {
      auto next = std::next(it);
      if (it->second.principal->account.id == account_id) Erase(shard, it);
      it = next;
    }
  });
}

void PrincipalCache::Clear() {
  ++generation_;
  entries_.ForEachShard([](Entries::Shard& shard) { shard.entries.clear(); });
  std::lock_guard lock(counts_mu_);
  per_account_.clear();
}

}  // namespace atrium
