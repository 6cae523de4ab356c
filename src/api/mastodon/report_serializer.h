// How reports look on the wire: Mastodon's Rule, Report (what a reporter
// sees of their own report), Admin::Report (the moderators' view),
// Admin::Account and AccountWarning.
#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "base/json_writer.h"

namespace atrium::api {

// A Rule entity, and a JSON array of them.
std::string RuleJson(const RuleRecord& rule);
std::string RulesJson(const std::vector<RuleRecord>& rules);
// The rules in force as a JSON array, for a member (`member`); "[]" for a
// caller who is not signed in.
std::string InstanceRulesJson(ApiContext& ctx, bool member);
// The Report entity of `report` for its reporter `viewer`.
Result<std::string> ReportJson(ApiContext& ctx, const Viewer& viewer, const ReportRecord& report);
// The Admin::Report entity of `report` for a moderator `viewer` whose
// scope covers it.
Result<std::string> AdminReportJson(ApiContext& ctx, const Viewer& viewer,
                                    const ReportRecord& report);
// The Admin::Account entity of person `id` (api/mastodon/admin_accounts.cc).
Result<std::string> AdminAccountJson(ApiContext& ctx, int64_t id);
// The AccountWarning entity of `warning`, for the person warned.
Result<std::string> AccountWarningJson(ApiContext& ctx, const Viewer& viewer,
                                       const AccountWarningRecord& warning);

}  // namespace atrium::api
