#include "social/scheduled_post_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "base/json_writer.h"
#include "base/metrics.h"

namespace atrium {
namespace {

namespace json = boost::json;

// An id as Mastodon writes one in params: a string, or null for none.
void IdOrNull(JsonWriter& w, std::string_view key, int64_t id) {
  w.Key(key);
  if (id == 0)
    w.Null();
  else
    w.String(std::to_string(id));
}

void StringOrNull(JsonWriter& w, std::string_view key, const std::string& v) {
  w.Key(key);
  if (v.empty())
    w.Null();
  else
    w.String(v);
}

int64_t IdIn(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return 0;
  const std::string text(v->as_string());
  try {
    return std::stoll(text);
  } catch (...) {
    return 0;
  }
}

std::string StringIn(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string ScheduledParamsJson(const PostInput& in, int64_t application_id) {
  JsonWriter w;
  w.BeginObject().Field("text", in.text);
  StringOrNull(w, "spoiler_text", in.spoiler_text);
  StringOrNull(w, "visibility", in.visibility);
  StringOrNull(w, "language", in.language);
  w.Field("sensitive", in.sensitive);
  IdOrNull(w, "in_reply_to_id", in.in_reply_to_id);
  IdOrNull(w, "quoted_status_id", in.quoted_status_id);
  IdOrNull(w, "community_id", in.community_id);
  w.Key("media_ids");
  if (in.media_ids.empty()) {
    w.Null();
  } else {
    w.BeginArray();
    for (int64_t id : in.media_ids) w.String(std::to_string(id));
    w.EndArray();
  }
  w.Key("poll");
  if (!in.poll) {
    w.Null();
  } else {
    // As Mastodon keeps it: expires_in counts from publication.
    w.BeginObject().Key("options").BeginArray();
    for (const auto& option : in.poll->options) w.String(option);
    w.EndArray()
        .Field("expires_in", in.poll->expires_in_s)
        .Field("multiple", in.poll->multiple)
        .Field("hide_totals", in.poll->hide_totals)
        .EndObject();
  }
  StringOrNull(w, "idempotency", in.idempotency_key);
  w.Key("scheduled_at").Null();
  w.Key("application_id");
  if (application_id == 0)
    w.Null();
  else
    w.Int(application_id);
  w.Field("with_rate_limit", false);
  w.EndObject();
  return w.Take();
}

Result<PostInput> PostInputFromScheduledParams(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Status::Internal("A scheduled post's parameters are unreadable");
  const json::object& o = v.as_object();
  PostInput in;
  in.text = StringIn(o, "text");
  in.spoiler_text = StringIn(o, "spoiler_text");
  in.visibility = StringIn(o, "visibility");
  in.language = StringIn(o, "language");
  if (const json::value* s = o.if_contains("sensitive"); s && s->is_bool())
    in.sensitive = s->as_bool();
  in.in_reply_to_id = IdIn(o, "in_reply_to_id");
  in.quoted_status_id = IdIn(o, "quoted_status_id");
  in.community_id = IdIn(o, "community_id");
  if (const json::value* m = o.if_contains("media_ids"); m && m->is_array())
    for (const json::value& id : m->as_array()) {
      if (!id.is_string()) continue;
      try {
        in.media_ids.push_back(std::stoll(std::string(id.as_string())));
      } catch (...) {
      }
    }
  if (const json::value* p = o.if_contains("poll"); p && p->is_object()) {
    const json::object& po = p->as_object();
    PollInput poll;
    if (const json::value* opts = po.if_contains("options"); opts && opts->is_array())
      for (const json::value& option : opts->as_array())
        if (option.is_string()) poll.options.emplace_back(option.as_string());
    if (const json::value* e = po.if_contains("expires_in"); e && e->is_int64())
      poll.expires_in_s = e->as_int64();
    for (auto [key, out] : {std::pair<const char*, bool*>{"multiple", &poll.multiple},
                            {"hide_totals", &poll.hide_totals}})
      if (const json::value* b = po.if_contains(key); b && b->is_bool()) *out = b->as_bool();
    in.poll = std::move(poll);
  }
  in.idempotency_key = StringIn(o, "idempotency");
  return in;
}

Status ScheduledPostService::CheckTime(int64_t scheduled_at) const {
  const int64_t lead = core_.settings.schedule_min_lead_ms;
  if (scheduled_at < clock_.NowMillis() + lead)
    return Status::Unprocessable(
        "Validation failed: Scheduled at The scheduled date must be in the future",
        fmt::format("scheduled_at must be at least {} seconds ahead", lead / 1000));
  return Status::Ok();
}

Result<ScheduledPost> ScheduledPostService::Present(const ScheduledStatusRecord& record) {
  ScheduledPost out;
  out.id = record.id;
  out.scheduled_at = record.scheduled_at;
  out.params_json = record.params;
  if (!record.media_ids.empty()) {
    auto media = core_.store.media().GetMany(record.media_ids);
    if (!media.ok()) return media.status();
    for (int64_t id : record.media_ids)
      for (const MediaRecord& m : *media)
        if (m.id == id) out.media.push_back(m);
  }
  return out;
}

Result<ScheduledPost> ScheduledPostService::Schedule(const Account& author, const PostInput& in,
                                                     int64_t scheduled_at, int64_t application_id) {
  if (Status st = CheckTime(scheduled_at); !st.ok()) return st;
  if (in.kind != StatusKind::kStatus)
    return Status::Unprocessable("Validation failed: Only statuses may be scheduled");
  if (Status st = posting_.Validate(in); !st.ok()) return st;
  if (!in.media_ids.empty()) {
    auto media = media_.ForPost(author.id, 0, in.media_ids);
    if (!media.ok()) return media.status();
  }
  auto count = core_.store.scheduled_statuses().Count(author.id);
  if (!count.ok()) return count.status();
  if (*count >= kMaxPerAccount)
    return Status::Unprocessable(fmt::format(
        "Validation failed: You have already scheduled the maximum of {} posts", kMaxPerAccount));
  ScheduledStatusRecord r;
  r.id = core_.ids.Next();
  r.account_id = author.id;
  r.application_id = application_id;
  r.scheduled_at = scheduled_at;
  r.created_at = clock_.NowMillis();
  r.params = ScheduledParamsJson(in, application_id);
  r.media_ids = in.media_ids;
  if (Status st = core_.store.scheduled_statuses().Create(r); !st.ok()) return st;
  return Present(r);
}

Result<ScheduledPost> ScheduledPostService::Get(const Account& author, int64_t id) {
  auto r = core_.store.scheduled_statuses().Get(author.id, id);
  if (!r.ok()) return r.status();
  return Present(*r);
}

Result<std::vector<ScheduledPost>> ScheduledPostService::List(const Account& author,
                                                              const PageRequest& page) {
  auto rows = core_.store.scheduled_statuses().List(author.id, page);
  if (!rows.ok()) return rows.status();
  std::vector<ScheduledPost> out;
  for (const auto& r : *rows) {
    auto p = Present(r);
    if (!p.ok()) return p.status();
    out.push_back(std::move(*p));
  }
  return out;
}

Result<ScheduledPost> ScheduledPostService::Reschedule(const Account& author, int64_t id,
                                                       int64_t scheduled_at) {
  if (Status st = CheckTime(scheduled_at); !st.ok()) return st;
  if (Status st = core_.store.scheduled_statuses().Reschedule(author.id, id, scheduled_at);
      !st.ok())
    return st;
  return Get(author, id);
}

Status ScheduledPostService::Cancel(const Account& author, int64_t id) {
  return core_.store.scheduled_statuses().Delete(author.id, id);
}

Result<int> ScheduledPostService::PublishDue() {
  ScheduledStatusStore& store = core_.store.scheduled_statuses();
  int published = 0;
  for (;;) {
    const int64_t now = clock_.NowMillis();
    auto due = store.Due(now, 100);
    if (!due.ok()) return due.status();
    if (due->empty()) return published;
    int claimed = 0;
    for (const ScheduledStatusRecord& r : *due) {
      auto claim = store.Claim(r.id, now, now + kClaimLeaseMs);
      if (!claim.ok()) return claim.status();
      if (!*claim) continue;  // another node has it
      ++claimed;
      auto in = PostInputFromScheduledParams(r.params);
      auto author = core_.store.accounts().Get(r.account_id);
      Result<StatusRecord> posted = Status::NotFound();
      if (in.ok() && author.ok() && author->active) {
        in->idempotency_key = fmt::format("scheduled-{}", r.id);
        in->media_ids = r.media_ids;
        posted = posting_.Post(*author, *in);
      } else if (!in.ok()) {
        posted = in.status();
      }
      if (!posted.ok()) {
        const Code code = posted.status().code();
        if (code == Code::kUnavailable || code == Code::kInternal) {
          spdlog::warn("scheduled post {}: {} (tried again later)", r.id,
                       posted.status().ToString());
          continue;
        }
        spdlog::info("scheduled post {} dropped: {}", r.id, posted.status().ToString());
        Metrics::Get().scheduled_posts_failed.Increment();
      } else {
        ++published;
        Metrics::Get().scheduled_posts_published.Increment();
      }
      if (Status st = store.Remove(r.id); !st.ok()) return st;
    }
    if (claimed == 0) return published;
  }
}

Status ScheduledPostService::MeasureBacklog() {
  const int64_t now = clock_.NowMillis();
  auto backlog = core_.store.scheduled_statuses().Backlog(now);
  if (!backlog.ok()) return backlog.status();
  Metrics::Get().scheduled_posts_queue.Set(backlog->depth, backlog->oldest_at, now);
  return Status::Ok();
}

}  // namespace atrium
