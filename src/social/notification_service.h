// NotificationService: reading a member's notifications. What the store
// holds is filtered on the way out through the same rules as everything
// else: nothing from someone either side of a block, nothing from someone
// whose notifications the member muted, nothing about a post the member may
// no longer see, nothing the member's notification policy filters or drops.
//
// The policy (Mastodon's NotificationPolicy) is applied as notifications
// are read, so changing it applies to those already received too. What it
// filters waits in notification requests, one per sender, among the
// member's kRequestScan most recent notifications; accepting a request
// lets that sender's notifications through from then on, dismissing it
// removes the notifications it held.
//
// Thread-safe.
#pragma once

#include <optional>
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

// A member's notifications that the policy keeps aside from one sender.
struct NotificationRequestInfo {
  int64_t id = 0;  // the newest of them (any of their ids names the request)
  int64_t from_account_id = 0;
  int64_t notifications_count = 0;
  int64_t created_at = 0;      // the oldest of them
  int64_t updated_at = 0;      // the newest of them
  int64_t last_status_id = 0;  // the newest post among them (0: none)
  std::vector<int64_t> notification_ids;
};

// A change to a policy: the fields given, each "accept", "filter" or "drop".
struct NotificationPolicyChange {
  std::optional<std::string> for_not_following;
  std::optional<std::string> for_not_followers;
  std::optional<std::string> for_new_accounts;
  std::optional<std::string> for_private_mentions;
  std::optional<std::string> for_limited_accounts;
};

struct NotificationPolicySummary {
  int64_t pending_requests_count = 0;  // at most 100, as Mastodon
  int64_t pending_notifications_count = 0;
};

class NotificationService {
 public:
  explicit NotificationService(SocialCore& core) : core_(core) {}
  NotificationService(const NotificationService&) = delete;
  NotificationService& operator=(const NotificationService&) = delete;

  // What a page was made from (List's `trace`): the ids of every
  // notification read, newest first, whether the member's notifications
  // ended there, whether the policy let every sender through, and the posts
  // looked at.
  struct ReadTrace {
    std::vector<int64_t> ids;
    bool ended = false;
    bool accepts_all = false;
    std::vector<StatusPtr> seen;
  };

  // A page, newest first, of the notifications `filter` lets through. With
  // `trace`, what it was made from.
  Result<std::vector<NotificationRecord>> List(const Viewer& viewer,
                                               const NotificationFilter& filter,
                                               const PageRequest& page, ReadTrace* trace = nullptr);
  // Would a first page without filter read now the same notifications as
  // the one `ids` and `ended` (of a ReadTrace) were read for, with a policy
  // that still lets everyone through? Two reads: the newest ids from the
  // index, and the policy. Notifications never change once written, so the
  // same ids are the same rows; the posts and people are the caller's to
  // check.
  Result<bool> Unchanged(const Viewer& viewer, const std::vector<int64_t>& ids, bool ended);
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

  // The people behind one group's notifications, newest first, each once.
  Result<std::vector<int64_t>> GroupAccounts(const Viewer& viewer, const std::string& group_key);

  Result<NotificationPolicyRecord> Policy(const Viewer& viewer);
  // 422 naming the field for a value other than accept, filter or drop;
  // nothing is changed then.
  Result<NotificationPolicyRecord> UpdatePolicy(const Viewer& viewer,
                                                const NotificationPolicyChange& change);
  Result<NotificationPolicySummary> Summary(const Viewer& viewer);

  // Pending requests, newest first, paged by their ids.
  Result<std::vector<NotificationRequestInfo>> Requests(const Viewer& viewer,
                                                        const PageRequest& page);
  // The request that notification `id` belongs to; kNotFound if none.
  Result<NotificationRequestInfo> Request(const Viewer& viewer, int64_t id);
  // Accept or dismiss the requests these notification ids belong to; ids
  // that name no pending request are ignored.
  Status AcceptRequests(const Viewer& viewer, const std::vector<int64_t>& ids);
  Status DismissRequests(const Viewer& viewer, const std::vector<int64_t>& ids);

  // How many of a member's most recent notifications requests are made from.
  static constexpr int kRequestScan = 2000;

 private:
  enum class Action { kAccept, kFilter, kDrop };
  // A member's policy with the senders they accepted.
  struct PolicyState {
    NotificationPolicyRecord policy;
    std::vector<int64_t> accepted;  // sorted
    bool accepts_all = true;        // every field "accept": nothing to check
  };
  Result<PolicyState> LoadPolicy(const Viewer& viewer);
  // Blocks, mutes and the post's visibility (the policy not considered).
  // With `seen`, the posts looked at are appended to it.
  bool Visible(const Viewer& viewer, const NotificationRecord& n,
               std::vector<StatusPtr>* seen = nullptr);
  Action ActionFor(const Viewer& viewer, const PolicyState& state, const NotificationRecord& n);
  bool Passes(const Viewer& viewer, const PolicyState& state, const NotificationRecord& n,
              std::vector<StatusPtr>* seen = nullptr) {
    return Visible(viewer, n, seen) && ActionFor(viewer, state, n) == Action::kAccept;
  }
  // Every pending request, newest first.
  Result<std::vector<NotificationRequestInfo>> AllRequests(const Viewer& viewer);

  SocialCore& core_;
};

}  // namespace atrium
