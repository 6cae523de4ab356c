#include "api/mastodon/tag_serializer.h"

#include "base/clock.h"
#include "base/text.h"

namespace atrium::api {

void WriteHistory(JsonWriter& w, const std::vector<DayCount>& history) {
  w.BeginArray();
  for (const DayCount& d : history)
    w.BeginObject()
        .Field("day", std::to_string(d.day))
        .Field("uses", std::to_string(d.uses))
        .Field("accounts", std::to_string(d.accounts))
        .EndObject();
  w.EndArray();
}

void WriteTag(JsonWriter& w, const std::string& base_url, const std::string& name,
              const std::vector<DayCount>& history, const TagView* mine) {
  w.BeginObject()
      .Field("name", name)
      .Field("url", base_url + "/tags/" + UrlEncode(name))
      .Key("history");
  WriteHistory(w, history);
  if (mine) w.Field("following", mine->following).Field("featuring", mine->featuring);
  w.EndObject();
}

void WriteFeaturedTag(JsonWriter& w, const std::string& base_url, const std::string& username,
                      const FeaturedTagRecord& f) {
  w.BeginObject()
      .Field("id", std::to_string(f.tag.id))
      .Field("name", f.tag.name)
      .Field("url", base_url + "/@" + username + "/tagged/" + UrlEncode(f.tag.name))
      .Field("statuses_count", f.statuses_count)
      .Key("last_status_at");
  if (f.last_status_at != 0)
    w.String(FormatIso8601(f.last_status_at).substr(0, 10));
  else
    w.Null();
  w.EndObject();
}

}  // namespace atrium::api
