#include "social/retention_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/metrics.h"

namespace atrium {
namespace {

namespace json = boost::json;

constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;

void WriteDays(JsonWriter& w, const char* key, const std::optional<int>& days) {
  w.Key(key);
  if (days)
    w.Int(*days);
  else
    w.Null();
}

// {"posts_days": …, "direct_days": …}: the organization's policy in the
// audit log (null: forever).
std::string OrganizationJson(const RetentionPolicy& p) {
  JsonWriter w;
  w.BeginObject();
  WriteDays(w, "posts_days", p.posts_days);
  WriteDays(w, "direct_days", p.direct_days);
  w.EndObject();
  return w.Take();
}

// {"days": …} or {"inherit": true}: one community's override.
std::string CommunityJson(const RetentionPolicy& p, int64_t community_id) {
  JsonWriter w;
  w.BeginObject();
  auto it = std::find_if(p.communities.begin(), p.communities.end(),
                         [&](const auto& c) { return c.community_id == community_id; });
  if (it == p.communities.end())
    w.Field("inherit", true);
  else
    WriteDays(w, "days", it->days);
  w.EndObject();
  return w.Take();
}

Status CheckDays(const std::optional<int>& days) {
  if (days && (*days < 1 || *days > RetentionService::kMaxDays))
    return Status::Unprocessable("Validation failed: a retention period is 1 to " +
                                 std::to_string(RetentionService::kMaxDays) +
                                 " days, or null for forever");
  return Status::Ok();
}

// Days in the store: 0 is forever.
std::optional<int> FromStore(int days) {
  return days == 0 ? std::nullopt : std::optional<int>(days);
}

}  // namespace

Result<RetentionPolicy> RetentionService::Policy() {
  auto rows = core_.store.compliance().Policies();
  if (!rows.ok()) return rows.status();
  RetentionPolicy p;
  for (const RetentionPolicyRecord& r : *rows) {
    switch (r.scope) {
      case RetentionScope::kOrganization:
        p.posts_days = FromStore(r.days);
        break;
      case RetentionScope::kDirect:
        p.direct_days = FromStore(r.days);
        break;
      case RetentionScope::kCommunity:
        p.communities.push_back({r.community_id, FromStore(r.days)});
        break;
    }
  }
  return p;
}

Result<RetentionPolicy> RetentionService::SetOrganization(const OrganizationChange& change,
                                                          const AuditActor& by) {
  for (const auto& days : {change.posts_days, change.direct_days})
    if (days)
      if (Status s = CheckDays(*days); !s.ok()) return s;
  auto before = Policy();
  if (!before.ok()) return before.status();
  const int64_t now = NowMillis();
  ComplianceStore& store = core_.store.compliance();
  // Forever is no row for the organization and direct messages.
  if (change.posts_days)
    if (Status s = store.SetPolicy(RetentionScope::kOrganization, 0, *change.posts_days, now);
        !s.ok())
      return s;
  if (change.direct_days)
    if (Status s = store.SetPolicy(RetentionScope::kDirect, 0, *change.direct_days, now); !s.ok())
      return s;
  auto after = Policy();
  if (!after.ok()) return after.status();
  if (Status s = AuditLog(core_.store)
                     .Record(by, "retention.policy", "organization", "", OrganizationJson(*before),
                             OrganizationJson(*after));
      !s.ok())
    return s;
  return after;
}

Result<RetentionPolicy> RetentionService::SetCommunity(int64_t community_id,
                                                       std::optional<int> days, bool inherit,
                                                       const AuditActor& by) {
  if (auto c = core_.store.communities().Get(community_id); !c.ok()) return c.status();
  if (Status s = CheckDays(days); !s.ok()) return s;
  auto before = Policy();
  if (!before.ok()) return before.status();
  // A community's "forever" is a row with 0 days (it overrides the
  // organization's limit); inheriting is no row.
  std::optional<int> stored = inherit ? std::nullopt : std::optional<int>(days.value_or(0));
  if (Status s = core_.store.compliance().SetPolicy(RetentionScope::kCommunity, community_id,
                                                    stored, NowMillis());
      !s.ok())
    return s;
  auto after = Policy();
  if (!after.ok()) return after.status();
  if (Status s =
          AuditLog(core_.store)
              .Record(by, "retention.community_policy", "community", std::to_string(community_id),
                      CommunityJson(*before, community_id), CommunityJson(*after, community_id));
      !s.ok())
    return s;
  return after;
}

Result<std::vector<RetentionService::Bound>> RetentionService::Bounds(int64_t now) {
  auto policy = Policy();
  if (!policy.ok()) return policy.status();
  std::vector<Bound> out;
  auto add = [&](RetentionScope scope, int64_t community_id, const std::optional<int>& days) {
    if (!days) return;
    const int64_t period = *days * kDayMs;
    out.push_back({scope, community_id, std::max<int64_t>(0, now - period), period});
  };
  add(RetentionScope::kOrganization, 0, policy->posts_days);
  add(RetentionScope::kDirect, 0, policy->direct_days);
  for (const auto& c : policy->communities) add(RetentionScope::kCommunity, c.community_id, c.days);
  return out;
}

Result<int> RetentionService::RunOnce() {
  auto bounds = Bounds(NowMillis());
  if (!bounds.ok()) return bounds.status();
  int deleted = 0, direct = 0, in_communities = 0;
  for (const Bound& b : *bounds) {
    if (deleted >= kBatch) break;
    auto ids =
        core_.store.compliance().Expired(b.scope, b.community_id, b.before_at, kBatch - deleted);
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) {
      auto post = core_.store.statuses().Get(id);
      if (!post.ok()) {
        if (post.status().code() == Code::kNotFound) continue;  // gone meanwhile
        return post.status();
      }
      auto erased = posting_.Erase(*post);
      if (!erased.ok()) {
        if (erased.status().code() == Code::kNotFound) continue;  // another node took it
        return erased.status();
      }
      ++deleted;
      if (b.scope == RetentionScope::kDirect) ++direct;
      if (post->community_id != 0) ++in_communities;
    }
  }
  auto policy = Policy();
  if (!policy.ok()) return policy.status();
  auto forgotten = ForgetKept(*policy, NowMillis());
  if (!forgotten.ok()) return forgotten.status();
  if (deleted == 0 && *forgotten == 0) return 0;
  if (deleted > 0) Metrics::Get().retention_deleted.Increment(deleted);
  spdlog::info("retention: deleted {} posts older than the policy, {} kept after a hold", deleted,
               *forgotten);
  JsonWriter counts;
  counts.BeginObject()
      .Field("deleted", static_cast<int64_t>(deleted))
      .Field("direct", static_cast<int64_t>(direct))
      .Field("in_communities", static_cast<int64_t>(in_communities))
      .Field("kept_removed", static_cast<int64_t>(*forgotten))
      .EndObject();
  if (Status s = AuditLog(core_.store)
                     .Record(AuditActor::Command("retention"), "retention.run", "organization", "",
                             "", counts.Take());
      !s.ok())
    return s;
  return deleted;
}

Result<int> RetentionService::ForgetKept(const RetentionPolicy& policy, int64_t now) {
  // The period covering a kept post: its community's, the direct
  // messages', or the organization's (nullopt: forever).
  auto period = [&](const json::object& record) -> std::optional<int> {
    if (record.at("visibility").as_string() == "direct") return policy.direct_days;
    if (const json::value* c = record.if_contains("community_id"); c && c->is_string())
      for (const auto& o : policy.communities)
        if (std::to_string(o.community_id) == c->as_string()) return o.days;
    return policy.posts_days;
  };
  bool any = policy.posts_days || policy.direct_days;
  for (const auto& o : policy.communities) any = any || o.days.has_value();
  if (!any) return 0;  // everything is kept forever
  // Every period is a day at least: nothing younger can be past its own.
  const int64_t shortest_before = now - kDayMs;
  int forgotten = 0, scanned = 0;
  for (int64_t after_id = 0; forgotten < kBatch && scanned < 10 * kBatch;) {
    auto kept = core_.store.compliance().KeptNotHeld(shortest_before, after_id, kBatch);
    if (!kept.ok()) return kept.status();
    for (const HeldStatusRecord& k : *kept) {
      ++scanned;
      after_id = k.id;
      boost::system::error_code ec;
      json::value v = json::parse(k.record, ec);
      if (ec || !v.is_object()) continue;
      const std::optional<int> days = period(v.as_object());
      if (!days || k.created_at >= now - *days * kDayMs) continue;
      auto removed = core_.store.compliance().ForgetKept(k.id);
      if (!removed.ok()) return removed.status();
      if (!*removed) continue;  // another node took it
      if (media_) {
        std::vector<MediaRecord> files;
        if (const json::value* a = v.as_object().if_contains("attachments"); a && a->is_array())
          for (const json::value& m : a->as_array())
            if (m.is_object() && m.as_object().if_contains("file") &&
                m.as_object().at("file").is_string()) {
              MediaRecord r;
              r.file_key = std::string(m.as_object().at("file").as_string());
              files.push_back(std::move(r));
            }
        media_->RemoveFiles(files);
      }
      ++forgotten;
    }
    if (kept->size() < static_cast<size_t>(kBatch)) break;
  }
  return forgotten;
}

Status RetentionService::MeasureBacklog() {
  constexpr int64_t kCap = 100000;
  const int64_t now = NowMillis();
  auto bounds = Bounds(now);
  if (!bounds.ok()) return bounds.status();
  int64_t depth = 0, oldest_due = 0;
  for (const Bound& b : *bounds) {
    auto backlog =
        core_.store.compliance().ExpiredBacklog(b.scope, b.community_id, b.before_at, kCap);
    if (!backlog.ok()) return backlog.status();
    depth += backlog->depth;
    if (backlog->depth > 0) {
      const int64_t due = backlog->oldest_at + b.period_ms;  // when it fell due
      if (oldest_due == 0 || due < oldest_due) oldest_due = due;
    }
  }
  Metrics::Get().retention_queue.Set(std::min(depth, kCap), oldest_due, now);
  return Status::Ok();
}

}  // namespace atrium
