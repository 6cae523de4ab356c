// How many posts a member may pin to their profile: Mastodon's limit, which
// /api/v1/instance and /api/v2/instance advertise as
// accounts.max_pinned_statuses and PostingService::Pin enforces.
#pragma once

namespace atrium {

inline constexpr int kMaxPinnedStatuses = 5;

}  // namespace atrium
