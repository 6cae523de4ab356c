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

class NotificationService {
 public:
  explicit NotificationService(SocialCore& core) : core_(core) {}
  NotificationService(const NotificationService&) = delete;
  NotificationService& operator=(const NotificationService&) = delete;

  // A page, newest first, of `types` (empty: all) except `exclude_types`.
  Result<std::vector<NotificationRecord>> List(const Viewer& viewer, const std::vector<std::string>& types,
                                               const std::vector<std::string>& exclude_types,
                                               const PageRequest& page);
  Result<NotificationRecord> Get(const Viewer& viewer, int64_t id);
  // The notifications of one group (newest first), filtered likewise.
  Result<std::vector<NotificationRecord>> Group(const Viewer& viewer, const std::string& group_key);
  Status Dismiss(const Viewer& viewer, int64_t id);
  Status DismissGroup(const Viewer& viewer, const std::string& group_key);
  Status Clear(const Viewer& viewer);
  // Notifications newer than the member's notifications marker, counting at
  // most `limit`.
  Result<int64_t> UnreadCount(const Viewer& viewer, int64_t limit);

  // May the viewer see this notification now?
  bool Shows(const Viewer& viewer, const NotificationRecord& n);

 private:
  SocialCore& core_;
};

}  // namespace atrium
