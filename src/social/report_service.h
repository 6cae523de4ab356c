// ReportService: members report a person (and some of their posts) to the
// moderators, citing the organization's rules; moderators work the queue —
// assign, resolve, reopen, remove the reported posts with a reason — and act
// on the person (a warning they see, sensitive media, a read-only limit,
// deactivation). Every moderator's step is appended to the audit log.
//
// Who moderates what (ModerationScope): site administrators and moderators
// every report; a community's owners and moderators the reports whose posts
// are all in their community, and nothing else. A report outside the
// scope is answered as if it did not exist (404).
//
// The reporter is notified when their report is resolved; the person
// reported never learns who reported them (their warning names the
// moderator who acted, never the report's author).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "social/account_service.h"
#include "social/audit_log.h"
#include "social/posting_service.h"
#include "social/social_core.h"
#include "store/report_store.h"

namespace atrium {

// The reports a moderator handles: all (`site`) or those of `communities`.
struct ModerationScope {
  bool site = false;
  std::vector<int64_t> communities;
  bool Any() const { return site || !communities.empty(); }
  bool Covers(const ReportRecord& report) const;
};

struct ReportInput {
  int64_t target_account_id = 0;
  std::vector<int64_t> status_ids;
  std::string comment;
  std::string category;  // empty: violation with rule_ids, other without
  std::vector<int64_t> rule_ids;
};

// Mastodon's account actions, with the meanings Atrium gives them
// (docs/API.md).
struct AccountAction {
  std::string type;  // none, sensitive, disable, silence, suspend
  int64_t report_id = 0;
  std::string text;  // the warning the person sees
  // Also e-mail the warning to the person (through the mail outbox, when
  // mail is configured and they have an address).
  bool send_email = false;
};

class ReportService {
 public:
  static constexpr size_t kMaxComment = 1000;
  static constexpr size_t kMaxStatuses = 50;
  static constexpr size_t kMaxRuleText = 300;
  static constexpr size_t kMaxRules = 50;

  ReportService(SocialCore& core, PostingService& posting, AccountService& accounts)
      : core_(core), posting_(posting), accounts_(accounts) {}
  ReportService(const ReportService&) = delete;
  ReportService& operator=(const ReportService&) = delete;

  // The rules in force, in order (and removed ones, for reports citing them).
  Result<std::vector<RuleRecord>> Rules(bool with_deleted = false);
  // Administrators edit the rules: 422 for an empty or over-long text or
  // hint, 404 for no rule `id`. Audited ("rule.create", "rule.update",
  // "rule.delete").
  Result<RuleRecord> AddRule(const std::string& text, const std::string& hint,
                             const AuditActor& by);
  Result<RuleRecord> UpdateRule(int64_t id, const std::string& text, const std::string& hint,
                                const AuditActor& by);
  Status DeleteRule(int64_t id, const AuditActor& by);

  // Files a report by `reporter`. 404 for a person who does not exist; 422
  // for reporting oneself, a post the reporter cannot see or not written by
  // the person, a category not spam/legal/violation/other, rules that are
  // not in force or given outside "violation", a violation without rules,
  // or a comment over kMaxComment characters. Audited ("report.create").
  // Everyone whose scope covers the new report (but the reporter and the
  // person reported) is notified ("admin.report", from the reporter).
  Result<ReportRecord> Create(const Account& reporter, const ReportInput& input,
                              const AuditActor& by);

  // What `actor` moderates.
  Result<ModerationScope> ScopeOf(const Account& actor);
  // Reports in `scope` matching `query`, newest first.
  Result<std::vector<ReportRecord>> List(const ModerationScope& scope, ReportQuery query,
                                         const PageRequest& page);
  // Report `id` if in `scope` (404 otherwise).
  Result<ReportRecord> Get(const ModerationScope& scope, int64_t id);
  // The queue's steps, each audited ("report.assign", "report.unassign",
  // "report.resolve", "report.reopen"). Resolving notifies the reporter
  // ("report_resolved"). 404 outside `scope`.
  Result<ReportRecord> Assign(const Account& actor, const ModerationScope& scope, int64_t id,
                              bool to_self, const AuditActor& by);
  Result<ReportRecord> Resolve(const Account& actor, const ModerationScope& scope, int64_t id,
                               bool resolved, const AuditActor& by);
  // Removes the report's posts `status_ids` (all not yet removed when
  // empty), keeping each as it was with `reason` in the report. 422 for a
  // post the report does not name, an empty or over-long reason. Audited
  // ("report.remove_status", one per post).
  Result<ReportRecord> RemoveStatuses(const Account& actor, const ModerationScope& scope,
                                      int64_t id, const std::vector<int64_t>& status_ids,
                                      const std::string& reason, const AuditActor& by);
  // Acts on the person `target_id`: site moderators any action; a
  // community's moderators only "none" (a warning) about a report in their
  // scope (403 otherwise). 422 for an unknown type, acting on oneself, or a
  // report that is not about the person; 404 for no such person or report.
  // A warning is given (and notified, "moderation_warning") when `text` is
  // not empty or the action is not "none"; with `send_email` it is also
  // queued as an e-mail to the person. Resolves the report when given.
  // Audited ("account.action").
  Status ActOnAccount(const Account& actor, const ModerationScope& scope, int64_t target_id,
                      const AccountAction& action, const AuditActor& by);
  // Lifts a limit ("sensitive" or "silence") from the person. Audited.
  Status Unlimit(int64_t target_id, const std::string& limit, const AuditActor& by);
  Result<AccountLimitsRecord> Limits(int64_t account_id);

  // The report's posts that still exist, as `viewer` (whose scope covers
  // the report when `in_scope`) may see them, in the report's order.
  Result<std::vector<SocialCore::VisiblePost>> ReportedPosts(const Viewer& viewer,
                                                             const ReportRecord& report,
                                                             bool in_scope);

  // What a moderation notification of `viewer_id` is about: their own
  // report (as its reporter) or a warning given to them. 404 otherwise.
  Result<ModerationNoteRef> NoteRef(int64_t notification_id);
  // The report an "admin.report" notification of `viewer` is about, while
  // their scope still covers it (404 otherwise).
  Result<ReportRecord> NotedReport(const Account& viewer, int64_t notification_id);
  // Report `id`, for its reporter only (404 for anyone else).
  Result<ReportRecord> OwnReport(int64_t viewer_id, int64_t id);
  // Warning `id`, for the person warned only (404 for anyone else).
  Result<AccountWarningRecord> OwnWarning(int64_t viewer_id, int64_t id);

 private:
  // Active members whose scope covers `report`: site administrators and
  // moderators, and the owners and moderators of its community.
  Result<std::vector<int64_t>> ModeratorsOf(const ReportRecord& report);
  Result<ReportRecord> InScope(const ModerationScope& scope, int64_t id);
  Status Audit(const AuditActor& by, const std::string& action, const ReportRecord& before,
               const ReportRecord& after);

  SocialCore& core_;
  PostingService& posting_;
  AccountService& accounts_;
};

}  // namespace atrium
