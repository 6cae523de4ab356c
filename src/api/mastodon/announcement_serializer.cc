#include "api/mastodon/announcement_serializer.h"

#include "base/clock.h"

namespace atrium::api {
namespace {

void TimeOrNull(JsonWriter& w, const char* key, int64_t millis) {
  w.Key(key);
  if (millis != 0)
    w.String(FormatIso8601(millis));
  else
    w.Null();
}

}  // namespace

void WriteAnnouncement(JsonWriter& w, const AnnouncementView& v, bool for_admin, int64_t now) {
  const AnnouncementRecord& a = v.announcement;
  w.BeginObject().Field("id", std::to_string(a.id)).Field("content", a.content_html);
  TimeOrNull(w, "starts_at", a.starts_at);
  TimeOrNull(w, "ends_at", a.ends_at);
  w.Field("all_day", a.all_day)
      .Field("published", a.published_at <= (now != 0 ? now : NowMillis()))
      .Field("published_at", FormatIso8601(a.published_at))
      .Field("updated_at", FormatIso8601(a.updated_at))
      .Field("read", v.read);
  w.Key("mentions").BeginArray().EndArray();
  w.Key("statuses").BeginArray().EndArray();
  w.Key("tags").BeginArray().EndArray();
  w.Key("emojis").BeginArray().EndArray();
  w.Key("reactions").BeginArray();
  for (const auto& r : v.reactions)
    w.BeginObject().Field("name", r.name).Field("count", r.count).Field("me", r.me).EndObject();
  w.EndArray();
  if (for_admin) w.Field("text", a.text).Field("scheduled", a.published_at > now);
  w.EndObject();
}

}  // namespace atrium::api
