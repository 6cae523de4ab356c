// Moderation: members' reports of people and posts, the organization's
// rules that reports cite, the warnings moderators give people and the
// limits they place on them, and what a moderation notification is about.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// One of the organization's rules (Mastodon's Rule). deleted_at: removed
// by an administrator (0: in force).
struct RuleRecord {
  int64_t id = 0;
  std::string text;
  std::string hint;
  int position = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t deleted_at = 0;
};

// A post a report names; removed_at not 0 once a moderator removed it,
// with the reason and the post as it was (record: JSON).
struct ReportedStatusRecord {
  int64_t status_id = 0;
  int64_t removed_at = 0;
  int64_t removed_by = 0;
  std::string removal_reason;
  std::string record;
};

struct ReportRecord {
  int64_t id = 0;
  int64_t account_id = 0;         // the reporter
  int64_t target_account_id = 0;  // the person reported
  int64_t community_id = 0;       // the one community of every reported post, or 0
  std::string category;           // spam, legal, violation, other
  std::string comment;
  std::vector<int64_t> rule_ids;
  bool forwarded = false;
  int64_t assigned_account_id = 0;
  int64_t action_taken_at = 0;  // 0: unresolved
  int64_t action_taken_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<ReportedStatusRecord> statuses;  // in the order reported
};

// Which reports to list: resolved or not, by reporter and target (0:
// any), and in which communities (`all_communities`, or only reports whose
// community_id is among `communities`).
struct ReportQuery {
  bool resolved = false;
  int64_t account_id = 0;
  int64_t target_account_id = 0;
  bool all_communities = true;
  std::vector<int64_t> communities;
};

// A moderator's action on a person (Mastodon's AccountWarning).
struct AccountWarningRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string action;  // none, sensitive, disable, silence, suspend
  std::string text;
  int64_t report_id = 0;
  int64_t created_by = 0;
  int64_t created_at = 0;
};

// Limits on a person (0: not in force).
struct AccountLimitsRecord {
  int64_t sensitized_at = 0;
  int64_t silenced_at = 0;
};

// What a moderation notification is about (0: not that).
struct ModerationNoteRef {
  int64_t report_id = 0;
  int64_t warning_id = 0;
};

// Every method is one transaction. Safe for concurrent use.
class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Rules in their order; removed ones too when `with_deleted`.
  virtual Result<std::vector<RuleRecord>> Rules(bool with_deleted) = 0;
  // Inserts `rule` (id set).
  virtual Status CreateRule(const RuleRecord& rule) = 0;
  // Writes the text, hint and position of rule `rule.id`; kNotFound if no
  // such rule is in force.
  virtual Status UpdateRule(const RuleRecord& rule) = 0;
  // Marks rule `id` removed; kNotFound if none in force.
  virtual Status DeleteRule(int64_t id, int64_t now) = 0;

  // Inserts `report` with its statuses (ids set) and, in the same
  // transaction, the moderators' notifications `notes` (each about it).
  virtual Status CreateReport(const ReportRecord& report,
                              const std::vector<NotificationRecord>& notes) = 0;
  // kNotFound if no report `id`.
  virtual Result<ReportRecord> GetReport(int64_t id) = 0;
  // Reports matching `query`, newest first, paged by id.
  virtual Result<std::vector<ReportRecord>> Reports(const ReportQuery& query,
                                                    const PageRequest& page) = 0;
  // Sets the report's assignee (0: none). kNotFound if no report.
  virtual Status Assign(int64_t id, int64_t assignee, int64_t now) = 0;
  // Resolves (by not 0) or reopens (by 0) the report; when resolving with
  // `note`, writes the reporter's notification and what it is about in the
  // same transaction. Returns false if the report already was so.
  virtual Result<bool> SetResolved(int64_t id, int64_t by, int64_t now,
                                   const NotificationRecord* note) = 0;
  // Records that a reported post was removed (the report's row for it).
  virtual Status MarkRemoved(int64_t report_id, const ReportedStatusRecord& removed) = 0;

  // Inserts the warning and, when `note`, the warned person's
  // notification, in one transaction; `limits` (when not null) replace the
  // person's limits in it too.
  virtual Status AddWarning(const AccountWarningRecord& warning, const NotificationRecord* note,
                            const AccountLimitsRecord* limits) = 0;
  // kNotFound if no warning `id`.
  virtual Result<AccountWarningRecord> GetWarning(int64_t id) = 0;
  // The person's limits (all 0 when none).
  virtual Result<AccountLimitsRecord> Limits(int64_t account_id) = 0;
  virtual Status SetLimits(int64_t account_id, const AccountLimitsRecord& limits) = 0;
  // What notification `notification_id` is about (kNotFound: not a
  // moderation notification).
  virtual Result<ModerationNoteRef> NoteRef(int64_t notification_id) = 0;
};

}  // namespace atrium
