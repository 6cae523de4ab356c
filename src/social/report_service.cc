#include "social/report_service.h"

#include <algorithm>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "social/post_record_json.h"
#include "social/visibility_policy.h"
#include "store/mail_store.h"

namespace atrium {
namespace {

bool Contains(const std::vector<int64_t>& ids, int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Text of 1 to `max` characters (`optional`: 0 too), valid UTF-8.
bool TextFits(const std::string& text, size_t max, bool optional) {
  if (!IsValidUtf8(text)) return false;
  size_t n = CountCodePoints(text);
  return (optional || n > 0) && n <= max;
}

// A report as the audit log keeps it (never the comment's author: the
// entry's target is the report, whose reporter administrators can read).
std::string ReportStateJson(const ReportRecord& r) {
  JsonWriter w;
  w.BeginObject()
      .Field("target_account_id", std::to_string(r.target_account_id))
      .Field("category", r.category)
      .Key("assigned_account_id")
      .IdOrNull(r.assigned_account_id)
      .Field("resolved", r.action_taken_at != 0)
      .EndObject();
  return w.Take();
}

std::string RuleJson(const RuleRecord& r) {
  JsonWriter w;
  w.BeginObject().Field("text", r.text).Field("hint", r.hint).EndObject();
  return w.Take();
}

bool IsCategory(const std::string& c) {
  return c == "spam" || c == "legal" || c == "violation" || c == "other";
}

bool IsActionType(const std::string& t) {
  return t == "none" || t == "sensitive" || t == "disable" || t == "silence" || t == "suspend";
}

}  // namespace

bool ModerationScope::Covers(const ReportRecord& report) const {
  return site || (report.community_id != 0 && Contains(communities, report.community_id));
}

Result<std::vector<RuleRecord>> ReportService::Rules(bool with_deleted) {
  return core_.store.reports().Rules(with_deleted);
}

Result<RuleRecord> ReportService::AddRule(const std::string& text, const std::string& hint,
                                          const AuditActor& by) {
  if (!TextFits(text, kMaxRuleText, false) || !TextFits(hint, kMaxRuleText, true))
    return Status::Unprocessable("Validation failed: a rule's text is 1 to " +
                                 std::to_string(kMaxRuleText) +
                                 " characters, its hint at most as many");
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  if (rules->size() >= kMaxRules)
    return Status::Unprocessable("Validation failed: at most " + std::to_string(kMaxRules) +
                                 " rules");
  RuleRecord r;
  r.id = core_.ids.Next();
  r.text = text;
  r.hint = hint;
  r.position = rules->empty() ? 1 : rules->back().position + 1;
  r.created_at = r.updated_at = NowMillis();
  if (Status s = core_.store.reports().CreateRule(r); !s.ok()) return s;
  if (Status s = AuditLog(core_.store)
                     .Record(by, "rule.create", "rule", std::to_string(r.id), "", RuleJson(r));
      !s.ok())
    return s;
  return r;
}

Result<RuleRecord> ReportService::UpdateRule(int64_t id, const std::string& text,
                                             const std::string& hint, const AuditActor& by) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto it = std::find_if(rules->begin(), rules->end(), [&](auto& r) { return r.id == id; });
  if (it == rules->end()) return Status::NotFound();
  if (!TextFits(text, kMaxRuleText, false) || !TextFits(hint, kMaxRuleText, true))
    return Status::Unprocessable("Validation failed: a rule's text is 1 to " +
                                 std::to_string(kMaxRuleText) +
                                 " characters, its hint at most as many");
  RuleRecord before = *it;
  RuleRecord r = before;
  r.text = text;
  r.hint = hint;
  r.updated_at = NowMillis();
  if (Status s = core_.store.reports().UpdateRule(r); !s.ok()) return s;
  if (Status s =
          AuditLog(core_.store)
              .Record(by, "rule.update", "rule", std::to_string(id), RuleJson(before), RuleJson(r));
      !s.ok())
    return s;
  return r;
}

Status ReportService::DeleteRule(int64_t id, const AuditActor& by) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto it = std::find_if(rules->begin(), rules->end(), [&](auto& r) { return r.id == id; });
  if (it == rules->end()) return Status::NotFound();
  if (Status s = core_.store.reports().DeleteRule(id, NowMillis()); !s.ok()) return s;
  return AuditLog(core_.store)
      .Record(by, "rule.delete", "rule", std::to_string(id), RuleJson(*it), "");
}

Result<ReportRecord> ReportService::Create(const Account& reporter, const ReportInput& in,
                                           const AuditActor& by) {
  auto target = core_.accounts.Get(in.target_account_id);
  if (!target.ok()) return target.status();
  if (in.target_account_id == reporter.id)
    return Status::Unprocessable("Validation failed: You cannot report yourself");
  ReportRecord r;
  r.category = in.category.empty() ? (in.rule_ids.empty() ? "other" : "violation") : in.category;
  if (!IsCategory(r.category))
    return Status::Unprocessable(
        "Validation failed: Category must be spam, legal, violation or other");
  if (r.category == "violation" && in.rule_ids.empty())
    return Status::Unprocessable("Validation failed: A violation names the rules broken");
  if (r.category != "violation" && !in.rule_ids.empty())
    return Status::Unprocessable("Validation failed: Rules are named only for a violation");
  if (!TextFits(in.comment, kMaxComment, true))
    return Status::Unprocessable("Validation failed: Comment is too long (at most " +
                                 std::to_string(kMaxComment) + " characters)");
  if (in.status_ids.size() > kMaxStatuses)
    return Status::Unprocessable("Validation failed: at most " + std::to_string(kMaxStatuses) +
                                 " posts in one report");
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  for (int64_t id : in.rule_ids) {
    if (std::none_of(rules->begin(), rules->end(), [&](auto& rule) { return rule.id == id; }))
      return Status::Unprocessable("Validation failed: Rule " + std::to_string(id) +
                                   " is not one of the organization's rules");
    if (!Contains(r.rule_ids, id)) r.rule_ids.push_back(id);
  }
  auto viewer = core_.ViewerFor(reporter.id);
  if (!viewer.ok()) return viewer.status();
  std::vector<int64_t> communities;
  for (int64_t id : in.status_ids) {
    auto post = core_.Visible(*viewer, id);
    if (!post.ok() && post.status().code() != Code::kNotFound) return post.status();
    if (!post.ok() || post->status->account_id != in.target_account_id ||
        post->status->reblog_of_id != 0)
      return Status::Unprocessable("Validation failed: Post " + std::to_string(id) +
                                   " is not one of this person's posts you can see");
    if (std::any_of(r.statuses.begin(), r.statuses.end(),
                    [&](auto& s) { return s.status_id == id; }))
      continue;
    r.statuses.push_back({id});
    communities.push_back(post->status->community_id);
  }
  // The report belongs to a community's moderators when every post it
  // names is in that one community.
  if (!communities.empty() && std::all_of(communities.begin(), communities.end(),
                                          [&](int64_t c) { return c == communities.front(); }))
    r.community_id = communities.front();
  r.id = core_.ids.Next();
  r.account_id = reporter.id;
  r.target_account_id = in.target_account_id;
  r.comment = in.comment;
  r.created_at = r.updated_at = NowMillis();
  auto moderators = ModeratorsOf(r);
  if (!moderators.ok()) return moderators.status();
  std::vector<NotificationRecord> notes;
  for (int64_t id : *moderators)
    if (id != reporter.id && id != r.target_account_id)
      notes.push_back(posting_.MakeNotification(id, reporter.id, "admin.report", 0));
  if (Status s = core_.store.reports().CreateReport(r, notes); !s.ok()) return s;
  for (const NotificationRecord& note : notes) core_.fanout.Notified(note);
  if (Status s =
          AuditLog(core_.store)
              .Record(by, "report.create", "report", std::to_string(r.id), "", ReportStateJson(r));
      !s.ok())
    return s;
  return r;
}

Result<std::vector<int64_t>> ReportService::ModeratorsOf(const ReportRecord& report) {
  std::vector<int64_t> out;
  AccountQuery staff;
  staff.status = "active";
  staff.staff = true;
  for (PageRequest page{0, 0, 0, 200};;) {
    auto some = core_.store.accounts().Query(staff, page);
    if (!some.ok()) return some.status();
    for (const Account& a : *some) out.push_back(a.id);
    if (some->size() < static_cast<size_t>(page.limit)) break;
    page.max_id = some->back().id;
  }
  if (report.community_id == 0) return out;
  for (const char* role : {kCommunityOwner, kCommunityModerator}) {
    for (PageRequest page{0, 0, 0, 200};;) {
      auto some = core_.store.communities().Members(report.community_id, MembershipState::kMember,
                                                    role, page);
      if (!some.ok()) return some.status();
      for (const CommunityMemberRecord& m : *some) {
        auto a = core_.accounts.Get(m.account_id);
        if (a.ok() && (*a)->account.active && !Contains(out, m.account_id))
          out.push_back(m.account_id);
      }
      if (some->size() < static_cast<size_t>(page.limit)) break;
      page.max_id = some->back().id;
    }
  }
  return out;
}

Result<ReportRecord> ReportService::NotedReport(const Account& viewer, int64_t notification_id) {
  auto ref = core_.store.reports().NoteRef(notification_id);
  if (!ref.ok()) return ref.status();
  if (ref->report_id == 0) return Status::NotFound();
  auto scope = ScopeOf(viewer);
  if (!scope.ok()) return scope.status();
  return InScope(*scope, ref->report_id);
}

Result<ModerationScope> ReportService::ScopeOf(const Account& actor) {
  ModerationScope scope;
  if (actor.role == kRoleAdmin || actor.role == kRoleModerator) {
    scope.site = true;
    return scope;
  }
  auto memberships = core_.store.communities().MembershipsOf(actor.id);
  if (!memberships.ok()) return memberships.status();
  for (const CommunityMemberRecord& m : *memberships)
    if (m.state == MembershipState::kMember &&
        (m.role == kCommunityOwner || m.role == kCommunityModerator))
      scope.communities.push_back(m.community_id);
  return scope;
}

Result<std::vector<ReportRecord>> ReportService::List(const ModerationScope& scope,
                                                      ReportQuery query, const PageRequest& page) {
  query.all_communities = scope.site;
  query.communities = scope.communities;
  return core_.store.reports().Reports(query, page);
}

Result<ReportRecord> ReportService::InScope(const ModerationScope& scope, int64_t id) {
  auto r = core_.store.reports().GetReport(id);
  if (!r.ok()) return r.status();
  if (!scope.Covers(*r)) return Status::NotFound();
  return r;
}

Result<ReportRecord> ReportService::Get(const ModerationScope& scope, int64_t id) {
  return InScope(scope, id);
}

Status ReportService::Audit(const AuditActor& by, const std::string& action,
                            const ReportRecord& before, const ReportRecord& after) {
  return AuditLog(core_.store)
      .Record(by, action, "report", std::to_string(after.id), ReportStateJson(before),
              ReportStateJson(after));
}

Result<ReportRecord> ReportService::Assign(const Account& actor, const ModerationScope& scope,
                                           int64_t id, bool to_self, const AuditActor& by) {
  auto before = InScope(scope, id);
  if (!before.ok()) return before.status();
  if (Status s = core_.store.reports().Assign(id, to_self ? actor.id : 0, NowMillis()); !s.ok())
    return s;
  auto after = core_.store.reports().GetReport(id);
  if (!after.ok()) return after.status();
  if (Status s = Audit(by, to_self ? "report.assign" : "report.unassign", *before, *after); !s.ok())
    return s;
  return after;
}

Result<ReportRecord> ReportService::Resolve(const Account& actor, const ModerationScope& scope,
                                            int64_t id, bool resolved, const AuditActor& by) {
  auto before = InScope(scope, id);
  if (!before.ok()) return before.status();
  // The reporter hears that their report was handled, from the moderator.
  NotificationRecord note =
      posting_.MakeNotification(before->account_id, actor.id, "report_resolved", 0);
  auto changed = core_.store.reports().SetResolved(id, resolved ? actor.id : 0, NowMillis(),
                                                   resolved ? &note : nullptr);
  if (!changed.ok()) return changed.status();
  auto after = core_.store.reports().GetReport(id);
  if (!after.ok()) return after.status();
  if (!*changed) return after;  // already so: nothing happened, nothing to record
  if (Status s = Audit(by, resolved ? "report.resolve" : "report.reopen", *before, *after); !s.ok())
    return s;
  if (resolved) core_.fanout.Notified(note);
  return after;
}

Result<ReportRecord> ReportService::RemoveStatuses(const Account& actor,
                                                   const ModerationScope& scope, int64_t id,
                                                   const std::vector<int64_t>& status_ids,
                                                   const std::string& reason,
                                                   const AuditActor& by) {
  auto report = InScope(scope, id);
  if (!report.ok()) return report.status();
  if (!TextFits(reason, kMaxComment, false))
    return Status::Unprocessable("Validation failed: A removal needs a reason of 1 to " +
                                 std::to_string(kMaxComment) + " characters");
  std::vector<int64_t> ids;
  for (int64_t sid : status_ids) {
    if (std::none_of(report->statuses.begin(), report->statuses.end(),
                     [&](auto& s) { return s.status_id == sid; }))
      return Status::Unprocessable("Validation failed: Post " + std::to_string(sid) +
                                   " is not one this report names");
  }
  for (const ReportedStatusRecord& s : report->statuses)
    if (s.removed_at == 0 && (status_ids.empty() || Contains(status_ids, s.status_id)))
      ids.push_back(s.status_id);
  for (int64_t sid : ids) {
    auto post = core_.statuses.Get(sid);
    if (!post.ok()) {
      if (post.status().code() == Code::kNotFound) continue;  // gone already (its author)
      return post.status();
    }
    StatusRecord old = **post;
    auto history = core_.store.statuses().History(sid);
    if (!history.ok()) return history.status();
    JsonWriter record;
    WritePostRecord(record, old, *history);
    ReportedStatusRecord removed{sid, NowMillis(), actor.id, reason, record.Take()};
    auto erased = posting_.Erase(old);
    if (!erased.ok()) return erased.status();
    if (Status s = core_.store.reports().MarkRemoved(id, removed); !s.ok()) return s;
    // A community's post: its own moderation log shows the removal too.
    if (old.community_id != 0) {
      ModerationRecord log;
      log.id = core_.ids.Next();
      log.community_id = old.community_id;
      log.actor_id = actor.id;
      log.action = "remove_status";
      log.status_id = sid;
      log.target_account_id = old.account_id;
      log.reason = reason;
      log.created_at = removed.removed_at;
      if (Status s = core_.store.communities().Log(log); !s.ok()) return s;
    }
    JsonWriter before;
    before.BeginObject()
        .Field("account_id", std::to_string(old.account_id))
        .Key("community_id")
        .IdOrNull(old.community_id)
        .Field("text", old.text)
        .EndObject();
    JsonWriter after;
    after.BeginObject().Field("report_id", std::to_string(id)).Field("reason", reason).EndObject();
    if (Status s = AuditLog(core_.store)
                       .Record(by, "report.remove_status", "status", std::to_string(sid),
                               before.Take(), after.Take());
        !s.ok())
      return s;
  }
  return core_.store.reports().GetReport(id);
}

Status ReportService::ActOnAccount(const Account& actor, const ModerationScope& scope,
                                   int64_t target_id, const AccountAction& action,
                                   const AuditActor& by) {
  if (!IsActionType(action.type))
    return Status::Unprocessable(
        "Validation failed: Type must be none, sensitive, disable, silence or suspend");
  auto target = core_.store.accounts().Get(target_id);
  if (!target.ok()) return target.status();
  if (!TextFits(action.text, kMaxComment, true))
    return Status::Unprocessable("Validation failed: Text is too long (at most " +
                                 std::to_string(kMaxComment) + " characters)");
  std::optional<ReportRecord> report;
  if (action.report_id != 0) {
    auto r = InScope(scope, action.report_id);
    if (!r.ok()) return r.status();
    if (r->target_account_id != target_id)
      return Status::Unprocessable("Validation failed: The report is not about this person");
    report = std::move(*r);
  }
  if (!scope.site && (action.type != "none" || !report))
    return Status::Forbidden("This action is not allowed",
                             "A community's moderators warn about reports of their community; "
                             "other actions are the organization's moderators'");
  if (target_id == actor.id)
    return Status::Unprocessable("Validation failed: You cannot act on your own account");
  if (target->role == kRoleAdmin && actor.role != kRoleAdmin && action.type != "none")
    return Status::Forbidden("This action is not allowed",
                             "Only an administrator acts on an administrator's account");
  const int64_t now = NowMillis();
  auto limits = core_.store.reports().Limits(target_id);
  if (!limits.ok()) return limits.status();
  AccountLimitsRecord next = *limits;
  if (action.type == "sensitive" && !next.sensitized_at) next.sensitized_at = now;
  if (action.type == "silence" && !next.silenced_at) next.silenced_at = now;
  if (action.type == "disable" || action.type == "suspend")
    if (Status s = accounts_.Deactivate(target_id, &by); !s.ok()) return s;
  AccountWarningRecord warning;
  warning.id = core_.ids.Next();
  warning.account_id = target_id;
  warning.action = action.type;
  warning.text = action.text;
  warning.report_id = action.report_id;
  warning.created_by = actor.id;
  warning.created_at = now;
  // The person sees what was done and why, from the moderator who acted.
  const bool tell = action.type != "none" || !action.text.empty();
  NotificationRecord note = posting_.MakeNotification(target_id, actor.id, "moderation_warning", 0);
  if (Status s = core_.store.reports().AddWarning(warning, tell ? &note : nullptr, &next); !s.ok())
    return s;
  JsonWriter after;
  after.BeginObject()
      .Field("type", action.type)
      .Field("text", action.text)
      .Key("report_id")
      .IdOrNull(action.report_id)
      .Field("warning_id", std::to_string(warning.id))
      .EndObject();
  if (Status s =
          AuditLog(core_.store)
              .Record(by, "account.action", "account", std::to_string(target_id), "", after.Take());
      !s.ok())
    return s;
  if (tell) core_.fanout.Notified(note);
  if (tell && action.send_email && !core_.settings.smtp_url.empty() && !target->email.empty()) {
    OutboxRecord mail;
    mail.id = core_.ids.Next();
    mail.account_id = target_id;
    mail.kind = kWarningMailKind;
    mail.payload = std::to_string(warning.id);
    mail.next_attempt_at = now;
    mail.created_at = now;
    if (Status s = core_.store.mail().Enqueue(mail); !s.ok()) return s;
  }
  if (report && report->action_taken_at == 0) {
    auto resolved = Resolve(actor, scope, report->id, true, by);
    if (!resolved.ok()) return resolved.status();
  }
  return Status::Ok();
}

Status ReportService::Unlimit(int64_t target_id, const std::string& limit, const AuditActor& by) {
  auto target = core_.store.accounts().Get(target_id);
  if (!target.ok()) return target.status();
  auto limits = core_.store.reports().Limits(target_id);
  if (!limits.ok()) return limits.status();
  AccountLimitsRecord next = *limits;
  if (limit == "sensitive")
    next.sensitized_at = 0;
  else
    next.silenced_at = 0;
  if (Status s = core_.store.reports().SetLimits(target_id, next); !s.ok()) return s;
  return AuditLog(core_.store)
      .Record(by, "account.un" + limit, "account", std::to_string(target_id));
}

Result<AccountLimitsRecord> ReportService::Limits(int64_t account_id) {
  return core_.store.reports().Limits(account_id);
}

Result<std::vector<SocialCore::VisiblePost>> ReportService::ReportedPosts(
    const Viewer& viewer, const ReportRecord& report, bool in_scope) {
  std::vector<SocialCore::VisiblePost> out;
  for (const ReportedStatusRecord& s : report.statuses) {
    if (s.removed_at != 0) continue;
    auto post = core_.statuses.Get(s.status_id);
    if (!post.ok()) {
      if (post.status().code() == Code::kNotFound) continue;
      return post.status();
    }
    if (!VisibilityPolicy::CanSeeReported(viewer, **post, in_scope)) continue;
    out.push_back({*post, nullptr});
  }
  return out;
}

Result<ModerationNoteRef> ReportService::NoteRef(int64_t notification_id) {
  return core_.store.reports().NoteRef(notification_id);
}

Result<ReportRecord> ReportService::OwnReport(int64_t viewer_id, int64_t id) {
  auto r = core_.store.reports().GetReport(id);
  if (!r.ok()) return r.status();
  if (r->account_id != viewer_id) return Status::NotFound();
  return r;
}

Result<AccountWarningRecord> ReportService::OwnWarning(int64_t viewer_id, int64_t id) {
  auto w = core_.store.reports().GetWarning(id);
  if (!w.ok()) return w.status();
  if (w->account_id != viewer_id) return Status::NotFound();
  return w;
}

}  // namespace atrium
