// SuggestionService: colleagues a member might follow and does not yet —
// their management chain, their team (peers with the same manager, and
// their direct reports), and people followed by those they follow — and
// the suggestions they dismissed, which never come back.
//
// Never suggested: the member themselves, anyone they follow or asked to
// follow, anyone on either side of a block with them or whom they mute,
// deactivated people, and anyone they dismissed.
//
// Thread-safe.
#pragma once

#include <vector>

#include "social/directory_service.h"
#include "social/social_core.h"

namespace atrium {

// Why someone is suggested.
enum class SuggestionReason {
  kManagementChain,     // a manager above the member
  kTeam,                // same manager, or a direct report
  kFollowedByFollowed,  // followed by people the member follows
};

struct Suggestion {
  int64_t account_id = 0;
  std::vector<SuggestionReason> reasons;  // in the order above, each once
};

class SuggestionService {
 public:
  // The most suggestions one call returns.
  static constexpr int kMaxLimit = 80;

  SuggestionService(SocialCore& core, DirectoryService& directory)
      : core_(core), directory_(directory) {}
  SuggestionService(const SuggestionService&) = delete;
  SuggestionService& operator=(const SuggestionService&) = delete;

  // At most `limit` suggestions for the viewer: the management chain
  // (nearest manager first), then the team (by display name), then people
  // followed by more of the viewer's follows first.
  Result<std::vector<Suggestion>> For(const Viewer& viewer, int limit);
  // Never suggests `account_id` to the viewer again. Dismissing someone
  // unknown or never suggested is no error (as Mastodon).
  Status Dismiss(const Viewer& viewer, int64_t account_id);

 private:
  SocialCore& core_;
  DirectoryService& directory_;
};

}  // namespace atrium
