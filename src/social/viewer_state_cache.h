// ViewerStateCache: each reader's own marks on posts — liked, reposted,
// bookmarked, pinned — as the store knows them, so that rendering a page of
// posts needs no store query once the reader has seen those posts.
//
// An entry belongs to one reader and maps post ids to their marks, the
// unmarked ones included (a page is mostly posts the reader never touched).
// Only the reader changes their own marks, and every service that does —
// like, repost, bookmark, pin and their undoing, deleting a post — calls
// Invalidate(reader) after writing the store, which drops the whole entry
// here and, in cluster mode, on every other node. A load that started before
// a drop is not kept. Bounded: at most `per_reader` posts per reader (the
// entry starts over when full) and `capacity` readers (a shard over its
// share drops half its readers).
//
// A post made after the reader's entry was read cannot carry a mark of
// theirs while the entry lives (marking it would have dropped the entry), so
// new posts — most of what a busy stream shows for the first time — need no
// query: their marks are known to be none.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "base/sharded_map.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

class ViewerStateCache {
 public:
  using StateMap = std::unordered_map<int64_t, StatusViewerState>;
  explicit ViewerStateCache(Store& store, size_t capacity = 200000, size_t per_reader = 2000)
      : store_(store), per_shard_(capacity / Readers::kShards + 1), per_reader_(per_reader) {}
  ViewerStateCache(const ViewerStateCache&) = delete;
  ViewerStateCache& operator=(const ViewerStateCache&) = delete;

  // The marks of `reader` on each of `status_ids` (every id is in the map);
  // what is not cached is read from the store in one batch.
  Result<StateMap> Get(int64_t reader, const std::vector<int64_t>& status_ids);
  // Taken before `reader` writes a new post, for NewPostWritten.
  uint64_t Ticket(int64_t reader);
  // `reader` has just written the new post `status_id`. Nobody can have
  // marked it yet (a mark needs its id, which leaves the service only after
  // this), so it is recorded unmarked in the reader's entry, if there is
  // one, and rendering it for its author reads nothing from the store.
  // Skipped if an entry of the shard was dropped since `ticket`.
  void NewPostWritten(int64_t reader, int64_t status_id, uint64_t ticket);
  // Drops the reader's entry here and, in cluster mode, on every other node.
  void Invalidate(int64_t reader) {
    Drop(reader);
    if (on_invalidate_) on_invalidate_(reader);
  }
  // Drops the reader's entry here only (another node changed it).
  void Drop(int64_t reader);
  // A number naming the reader's current entry, or 0 if there is none. It
  // changes whenever the entry is dropped (a change of mark) and made anew,
  // so whatever was rendered from the marks of entry S is still right while
  // Stamp returns S. Read it before reading the marks.
  uint64_t Stamp(int64_t reader);
  // Drops every entry here (after missing another node's invalidations).
  void Clear();
  // How far apart the clocks that number posts may be: one node's clock
  // may only step back a little (the default); several nodes' clocks may
  // differ more. Set once, before serving.
  static constexpr int64_t kClusterClockSkewMs = 30000;
  void SetClockSkew(int64_t ms) { clock_skew_ms_ = ms; }
  // Called by Invalidate; set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }

 private:
  struct Reader {
    StateMap marks;
    uint64_t stamp = 0;
    // When the marks it holds were read: since then the reader changed
    // none (a change drops the entry), so a post made after it carries
    // none of theirs either (allowing for clock_skew_ms_).
    int64_t as_of_ms = 0;
  };
  using Readers = ShardedMap<int64_t, Reader, 64, ShardGeneration>;

  Store& store_;
  const size_t per_shard_;
  const size_t per_reader_;
  std::function<void(int64_t)> on_invalidate_;
  std::atomic<uint64_t> next_stamp_{0};
  int64_t clock_skew_ms_ = 1000;
  Readers readers_;
};

}  // namespace atrium
