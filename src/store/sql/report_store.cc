// Reports, rules, warnings and limits.
#include "store/sql/report_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/sql/rows.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kRuleColumns =
    "SELECT id, text, hint, position, created_at, updated_at, deleted_at FROM instance_rules ";

constexpr const char* kReportColumns =
    "SELECT id, account_id, target_account_id, community_id, category, comment, rule_ids, "
    "forwarded, assigned_account_id, action_taken_at, action_taken_by, created_at, updated_at "
    "FROM reports ";

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// The ids of a column written by JoinIds.
std::vector<int64_t> SplitIds(const std::string& text) {
  std::vector<int64_t> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(',', i);
    if (end == std::string::npos) end = text.size();
    out.push_back(std::stoll(text.substr(i, end - i)));
    i = end + 1;
  }
  return out;
}

ReportRecord ReadReport(const Stmt& s) {
  ReportRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.target_account_id = s.Int(2);
  r.community_id = s.Int(3);
  r.category = s.Text(4);
  r.comment = s.Text(5);
  r.rule_ids = SplitIds(s.Text(6));
  r.forwarded = s.Bool(7);
  r.assigned_account_id = s.Int(8);
  r.action_taken_at = s.Int(9);
  r.action_taken_by = s.Int(10);
  r.created_at = s.Int(11);
  r.updated_at = s.Int(12);
  return r;
}

// Fills each report's statuses, in the order they were reported.
void ReadStatuses(Connection& c, std::vector<ReportRecord>& reports) {
  for (ReportRecord& r : reports) {
    auto s = c.Prepare(
        "SELECT status_id, removed_at, removed_by, removal_reason, record FROM report_statuses "
        "WHERE report_id = ? ORDER BY status_id");
    s.BindAll(r.id);
    while (s.Step()) r.statuses.push_back({s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4)});
  }
}

void InsertRef(Connection& c, int64_t notification_id, int64_t report_id, int64_t warning_id) {
  c.Prepare(
       "INSERT INTO moderation_notifications (notification_id, report_id, warning_id) "
       "VALUES (?, ?, ?)")
      .BindAll(notification_id, report_id, warning_id)
      .Run();
}

void WriteLimits(Connection& c, int64_t account_id, const AccountLimitsRecord& l) {
  c.Prepare(
       "INSERT INTO account_limits (account_id, sensitized_at, silenced_at) VALUES (?, ?, ?) "
       "ON CONFLICT (account_id) DO UPDATE SET sensitized_at = excluded.sensitized_at, "
       "silenced_at = excluded.silenced_at")
      .BindAll(account_id, l.sensitized_at, l.silenced_at)
      .Run();
}

// The organization's rules until an administrator changes them: its posting
// guidance (docs/ADVICE.md). Written by the store at the first use of the
// rules, not by a migration, so that a new database stays empty for
// `atrium import`.
struct DefaultRule {
  int64_t id;
  const char* text;
  const char* hint;
};
constexpr DefaultRule kDefaultRules[] = {
    {1, "Keep confidential information with the people who may know it",
     "Confidential material, internal-only documents, customer data and project code names stay "
     "out of posts the whole organization can read."},
    {2, "Speak about clients and partners as you would in front of them",
     "Criticism of a client or partner by name belongs in a conversation with the people who can "
     "act on it, not in a post."},
    {3, "No political campaigning in organization-wide spaces",
     "Calls to vote for or against a party, a candidate or a campaign have no place in "
     "organization-wide posts."},
    {4, "Treat colleagues with respect",
     "No harassment, insults, threats or discrimination; disagree with ideas, not with people."},
    {5, "Keep non-work conversation in the social community",
     "Long conversations about sports, TV and tournaments belong in the organization's social "
     "community."},
};

// Writes the default rules if the table has never held any (a rule an
// administrator removed is kept, marked deleted, so this happens once).
void SeedRules(Connection& c) {
  auto count = c.Prepare("SELECT COUNT(*) FROM instance_rules");
  if (!count.Step() || count.Int(0) != 0) return;
  int position = 0;
  for (const DefaultRule& r : kDefaultRules)
    c.Prepare(
         "INSERT INTO instance_rules (id, text, hint, position, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING")
        .BindAll(r.id, std::string(r.text), std::string(r.hint), static_cast<int64_t>(++position))
        .Run();
}

}  // namespace

Result<std::vector<RuleRecord>> SqlReportStore::Rules(bool with_deleted) {
  bool seeded = false;
  if (Status read = ReadResult(db_,
                               [&](Connection& c) -> Status {
                                 auto s = c.Prepare("SELECT COUNT(*) FROM instance_rules");
                                 seeded = s.Step() && s.Int(0) != 0;
                                 return Status::Ok();
                               });
      !read.ok())
    return read;
  if (!seeded) {
    Status written = WriteResult(db_, [&](Connection& c) -> Status {
      SeedRules(c);
      return Status::Ok();
    });
    if (!written.ok()) return written;
  }
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<RuleRecord>> {
    auto s = c.Prepare(
        std::string(kRuleColumns) +
        (with_deleted ? "ORDER BY position, id" : "WHERE deleted_at = 0 ORDER BY position, id"));
    std::vector<RuleRecord> out;
    while (s.Step())
      out.push_back({s.Int(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3)), s.Int(4), s.Int(5),
                     s.Int(6)});
    return out;
  });
}

Status SqlReportStore::CreateRule(const RuleRecord& rule) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    SeedRules(c);
    c.Prepare(
         "INSERT INTO instance_rules (id, text, hint, position, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?)")
        .BindAll(rule.id, rule.text, rule.hint, static_cast<int64_t>(rule.position),
                 rule.created_at, rule.updated_at)
        .Run();
    return Status::Ok();
  });
}

Status SqlReportStore::UpdateRule(const RuleRecord& rule) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    SeedRules(c);
    auto s = c.Prepare(
        "UPDATE instance_rules SET text = ?, hint = ?, position = ?, updated_at = ? "
        "WHERE id = ? AND deleted_at = 0");
    s.BindAll(rule.text, rule.hint, static_cast<int64_t>(rule.position), rule.updated_at, rule.id);
    s.Run();
    return s.Changes() == 0 ? Status::NotFound() : Status::Ok();
  });
}

Status SqlReportStore::DeleteRule(int64_t id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    SeedRules(c);
    auto s = c.Prepare("UPDATE instance_rules SET deleted_at = ? WHERE id = ? AND deleted_at = 0");
    s.BindAll(now, id);
    s.Run();
    return s.Changes() == 0 ? Status::NotFound() : Status::Ok();
  });
}

Status SqlReportStore::CreateReport(const ReportRecord& r,
                                    const std::vector<NotificationRecord>& notes) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO reports (id, account_id, target_account_id, community_id, category, "
         "comment, rule_ids, forwarded, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .BindAll(r.id, r.account_id, r.target_account_id, r.community_id, r.category, r.comment,
                 JoinIds(r.rule_ids), static_cast<int64_t>(r.forwarded), r.created_at, r.updated_at)
        .Run();
    for (const ReportedStatusRecord& st : r.statuses)
      c.Prepare("INSERT INTO report_statuses (report_id, status_id) VALUES (?, ?)")
          .BindAll(r.id, st.status_id)
          .Run();
    for (const NotificationRecord& note : notes) {
      InsertNotification(c, note);
      InsertRef(c, note.id, r.id, 0);
    }
    return Status::Ok();
  });
}

Result<ReportRecord> SqlReportStore::GetReport(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ReportRecord> {
    auto s = c.Prepare(std::string(kReportColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    std::vector<ReportRecord> one{ReadReport(s)};
    ReadStatuses(c, one);
    return std::move(one.front());
  });
}

Result<std::vector<ReportRecord>> SqlReportStore::Reports(const ReportQuery& query,
                                                          const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ReportRecord>> {
    std::vector<ReportRecord> out;
    if (!query.all_communities && query.communities.empty()) return out;
    SqlBuilder q(kReportColumns);
    q.Add(query.resolved ? "WHERE action_taken_at <> 0" : "WHERE action_taken_at = 0");
    if (query.account_id) q.Add(" AND account_id = ?", query.account_id);
    if (query.target_account_id) q.Add(" AND target_account_id = ?", query.target_account_id);
    if (!query.all_communities) q.Add(" AND community_id IN ").AddInList(query.communities);
    bool reverse = AppendPage(q, "id", page);
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadReport(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    ReadStatuses(c, out);
    return out;
  });
}

Status SqlReportStore::Assign(int64_t id, int64_t assignee, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("UPDATE reports SET assigned_account_id = ?, updated_at = ? WHERE id = ?");
    s.BindAll(assignee, now, id);
    s.Run();
    return s.Changes() == 0 ? Status::NotFound() : Status::Ok();
  });
}

Result<bool> SqlReportStore::SetResolved(int64_t id, int64_t by, int64_t now,
                                         const NotificationRecord* note) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        by != 0 ? "UPDATE reports SET action_taken_at = ?, action_taken_by = ?, updated_at = ? "
                  "WHERE id = ? AND action_taken_at = 0"
                : "UPDATE reports SET action_taken_at = 0, action_taken_by = 0, updated_at = ? "
                  "WHERE id = ? AND action_taken_at <> 0");
    if (by != 0)
      s.BindAll(now, by, now, id);
    else
      s.BindAll(now, id);
    s.Run();
    if (s.Changes() == 0) return false;
    if (note) {
      InsertNotification(c, *note);
      InsertRef(c, note->id, id, 0);
    }
    return true;
  });
}

Status SqlReportStore::MarkRemoved(int64_t report_id, const ReportedStatusRecord& removed) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE report_statuses SET removed_at = ?, removed_by = ?, removal_reason = ?, "
        "record = ? WHERE report_id = ? AND status_id = ?");
    s.BindAll(removed.removed_at, removed.removed_by, removed.removal_reason, removed.record,
              report_id, removed.status_id);
    s.Run();
    return s.Changes() == 0 ? Status::NotFound() : Status::Ok();
  });
}

Status SqlReportStore::AddWarning(const AccountWarningRecord& w, const NotificationRecord* note,
                                  const AccountLimitsRecord* limits) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO account_warnings (id, account_id, action, text, report_id, created_by, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .BindAll(w.id, w.account_id, w.action, w.text, w.report_id, w.created_by, w.created_at)
        .Run();
    if (note) {
      InsertNotification(c, *note);
      InsertRef(c, note->id, 0, w.id);
    }
    if (limits) WriteLimits(c, w.account_id, *limits);
    return Status::Ok();
  });
}

Result<AccountWarningRecord> SqlReportStore::GetWarning(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<AccountWarningRecord> {
    auto s = c.Prepare(
        "SELECT id, account_id, action, text, report_id, created_by, created_at "
        "FROM account_warnings WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return AccountWarningRecord{s.Int(0), s.Int(1), s.Text(2), s.Text(3),
                                s.Int(4), s.Int(5), s.Int(6)};
  });
}

Result<AccountLimitsRecord> SqlReportStore::Limits(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<AccountLimitsRecord> {
    auto s =
        c.Prepare("SELECT sensitized_at, silenced_at FROM account_limits WHERE account_id = ?");
    s.BindAll(account_id);
    AccountLimitsRecord l;
    if (s.Step()) l = {s.Int(0), s.Int(1)};
    return l;
  });
}

Status SqlReportStore::SetLimits(int64_t account_id, const AccountLimitsRecord& limits) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    WriteLimits(c, account_id, limits);
    return Status::Ok();
  });
}

Result<ModerationNoteRef> SqlReportStore::NoteRef(int64_t notification_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ModerationNoteRef> {
    auto s = c.Prepare(
        "SELECT report_id, warning_id FROM moderation_notifications WHERE notification_id = ?");
    s.BindAll(notification_id);
    if (!s.Step()) return Status::NotFound();
    return ModerationNoteRef{s.Int(0), s.Int(1)};
  });
}

}  // namespace atrium::sql
