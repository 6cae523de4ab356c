#include "api/mastodon/report_serializer.h"

#include <algorithm>

#include "api/mastodon/renderer.h"
#include "base/clock.h"

namespace atrium::api {
namespace {

void WriteIds(JsonWriter& w, const std::vector<int64_t>& ids) {
  w.BeginArray();
  for (int64_t id : ids) w.String(std::to_string(id));
  w.EndArray();
}

void WriteTimeOrNull(JsonWriter& w, int64_t ms) {
  if (ms)
    w.String(FormatIso8601(ms));
  else
    w.Null();
}

std::vector<int64_t> StatusIds(const ReportRecord& r) {
  std::vector<int64_t> ids;
  for (const ReportedStatusRecord& s : r.statuses) ids.push_back(s.status_id);
  return ids;
}

// Fields Report and Admin::Report share, up to created_at.
void WriteReportHead(JsonWriter& w, const ReportRecord& r) {
  w.Field("id", std::to_string(r.id))
      .Field("action_taken", r.action_taken_at != 0)
      .Key("action_taken_at");
  WriteTimeOrNull(w, r.action_taken_at);
  w.Field("category", r.category)
      .Field("comment", r.comment)
      .Field("forwarded", r.forwarded)
      .Field("created_at", FormatIso8601(r.created_at));
}

// An Admin::Account, or null for `id` 0.
Status WriteAdminAccountOrNull(JsonWriter& w, ApiContext& ctx, int64_t id) {
  if (id == 0) {
    w.Null();
    return Status::Ok();
  }
  auto json = AdminAccountJson(ctx, id);
  if (!json.ok()) return json.status();
  w.Raw(*json);
  return Status::Ok();
}

}  // namespace

std::string RuleJson(const RuleRecord& r) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(r.id))
      .Field("text", r.text)
      .Field("hint", r.hint)
      .EndObject();
  return w.Take();
}

std::string RulesJson(const std::vector<RuleRecord>& rules) {
  JsonWriter w;
  w.BeginArray();
  for (const RuleRecord& r : rules) w.Raw(RuleJson(r));
  w.EndArray();
  return w.Take();
}

std::string InstanceRulesJson(ApiContext& ctx, bool member) {
  if (!member) return "[]";
  auto rules = ctx.reports->Rules();
  return rules.ok() ? RulesJson(*rules) : "[]";
}

Result<std::string> ReportJson(ApiContext& ctx, const Viewer& viewer, const ReportRecord& r) {
  Renderer renderer(ctx, viewer);
  auto target = renderer.Account(r.target_account_id);
  if (!target.ok()) return target.status();
  JsonWriter w;
  w.BeginObject();
  WriteReportHead(w, r);
  w.Key("status_ids");
  if (r.statuses.empty())
    w.Null();
  else
    WriteIds(w, StatusIds(r));
  w.Key("rule_ids");
  if (r.rule_ids.empty())
    w.Null();
  else
    WriteIds(w, r.rule_ids);
  w.Key("target_account").Raw(*target).EndObject();
  return w.Take();
}

Result<std::string> AdminReportJson(ApiContext& ctx, const Viewer& viewer, const ReportRecord& r) {
  auto posts = ctx.reports->ReportedPosts(viewer, r, /*in_scope=*/true);
  if (!posts.ok()) return posts.status();
  Renderer renderer(ctx, viewer);
  auto statuses = renderer.Statuses(*posts);
  if (!statuses.ok()) return statuses.status();
  auto rules = ctx.reports->Rules(/*with_deleted=*/true);
  if (!rules.ok()) return rules.status();
  std::vector<RuleRecord> cited;
  for (const RuleRecord& rule : *rules)
    if (std::find(r.rule_ids.begin(), r.rule_ids.end(), rule.id) != r.rule_ids.end())
      cited.push_back(rule);
  JsonWriter w;
  w.BeginObject();
  WriteReportHead(w, r);
  w.Field("updated_at", FormatIso8601(r.updated_at));
  for (auto [key, id] :
       {std::pair{"account", r.account_id}, std::pair{"target_account", r.target_account_id},
        std::pair{"assigned_account", r.assigned_account_id},
        std::pair{"action_taken_by_account", r.action_taken_by}}) {
    w.Key(key);
    if (Status s = WriteAdminAccountOrNull(w, ctx, id); !s.ok()) return s;
  }
  w.Key("statuses").Raw(*statuses);
  w.Key("rules").Raw(RulesJson(cited));
  // Atrium: the community whose moderators handle it, and the reported
  // posts moderators removed, with the reason and the post as it was.
  w.Key("community_id").IdOrNull(r.community_id);
  w.Key("removed_statuses").BeginArray();
  for (const ReportedStatusRecord& s : r.statuses) {
    if (s.removed_at == 0) continue;
    w.BeginObject()
        .Field("id", std::to_string(s.status_id))
        .Field("removed_at", FormatIso8601(s.removed_at))
        .Field("removed_by", std::to_string(s.removed_by))
        .Field("reason", s.removal_reason)
        .Key("record")
        .Raw(s.record.empty() ? "null" : s.record)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

Result<std::string> AccountWarningJson(ApiContext& ctx, const Viewer& viewer,
                                       const AccountWarningRecord& warning) {
  Renderer renderer(ctx, viewer);
  auto target = renderer.Account(warning.account_id);
  if (!target.ok()) return target.status();
  std::vector<int64_t> status_ids;
  if (warning.report_id != 0) {
    auto report = ctx.reports->Get(ModerationScope{true, {}}, warning.report_id);
    if (report.ok()) status_ids = StatusIds(*report);
  }
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(warning.id))
      .Field("action", warning.action)
      .Field("text", warning.text)
      .Key("status_ids");
  WriteIds(w, status_ids);
  w.Key("target_account").Raw(*target);
  w.Key("appeal").Null().Field("created_at", FormatIso8601(warning.created_at)).EndObject();
  return w.Take();
}

}  // namespace atrium::api
