// InvalidationKind: which cache an invalidation is about, when one node
// tells the others (in cluster mode) that an entry it changed is stale.
// Each kind names the cache that drops the id it comes with.
//
// On the wire (RedisBus) a kind travels as one character; the encoding is
// RedisBus's own (EncodeInvalidationKind / DecodeInvalidationKind), the only
// place that knows it.
#pragma once

#include <cstdint>

namespace atrium {

enum class InvalidationKind : uint8_t {
  kAccount,      // AccountCache: an account and its counts
  kGraph,        // SocialGraph: whom an account follows, blocks, mutes …
  kStatus,       // StatusCache: a post
  kCommunity,    // CommunityRegistry: the communities (the id is informative)
  kViewerState,  // ViewerStateCache: a reader's marks on posts
  kPrincipal,    // PrincipalCache: an account's credentials (0: everyone's)
  kFilters,      // FilterCache: a reader's filters and muted threads
};

}  // namespace atrium
