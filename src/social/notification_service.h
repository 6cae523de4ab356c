// NotificationService: reading a member's notifications. What the store
// holds is filtered on the way out through the same rules as everything
// else: nothing from someone either side of a block, nothing from someone
// whose notifications the member muted, nothing about a post the member may
// no longer see.
//
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "social/social_core.h"

namespace atrium {

// Which notifications to show: of `types` (empty: all), not of
// `exclude_types`, from `from_account_id` only (0: anyone).
struct NotificationFilter {
  std::vector<std::string> types;
  std::vector<std::string> exclude_types;
  int64_t from_account_id = 0;
};

class NotificationService {
 public:
  explicit NotificationService(SocialCore& core) : core_(core) {}
  NotificationService(const NotificationService&) = delete;
  NotificationService& operator=(const NotificationService&) = delete;

  // A page, newest first, of the notifications `filter` lets through.
  Result<std::vector<NotificationRecord>> List(const Viewer& viewer,
                                               const NotificationFilter& filter,
                                               const PageRequest& page);
  Result<NotificationRecord> Get(const Viewer& viewer, int64_t id);
  // The notifications of one group (newest first), filtered likewise.
  Result<std::vector<NotificationRecord>> Group(const Viewer& viewer, const std::string& group_key);
  Status Dismiss(const Viewer& viewer, int64_t id);
  Status DismissGroup(const Viewer& viewer, const std::string& group_key);
  Status Clear(const Viewer& viewer);
  // Notifications newer than the member's notifications marker that
  // `filter` lets through, counting at most `limit`. With `grouped`, counts
  // groups (API v2) rather than notifications.
  Result<int64_t> UnreadCount(const Viewer& viewer, const NotificationFilter& filter, int64_t limit,
                              bool grouped);

  // May the viewer see this notification now?
  bool Shows(const Viewer& viewer, const NotificationRecord& n);

 private:
  SocialCore& core_;
};

}  // namespace atrium
