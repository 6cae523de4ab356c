// DropHalf: how the bounded caches make room. A cache shard that reached its
// share of the capacity drops half its entries, whichever the map lists
// first (no recency is kept: a dropped entry is simply loaded again).
#pragma once

#include <cstddef>

namespace atrium {

// Erases half of `map`'s entries (rounded down). O(size / 2).
template <typename Map>
void DropHalf(Map& map) {
  size_t drop = map.size() / 2;
  for (auto it = map.begin(); it != map.end() && drop > 0; --drop) it = map.erase(it);
}

}  // namespace atrium
