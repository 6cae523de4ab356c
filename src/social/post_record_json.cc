#include "social/post_record_json.h"

#include "base/clock.h"

namespace atrium {

void WritePostRecord(JsonWriter& w, const StatusRecord& p,
                     const std::vector<StatusEditRecord>& edits) {
  const char* what = p.reblog_of_id     ? "repost"
                     : p.in_reply_to_id ? "comment"
                                        : StatusKindName(p.kind);
  w.BeginObject()
      .Field("id", std::to_string(p.id))
      .Field("type", what)
      .Field("account_id", std::to_string(p.account_id))
      .Key("community_id")
      .IdOrNull(p.community_id)
      .Key("in_reply_to_id")
      .IdOrNull(p.in_reply_to_id)
      .Key("reblog_of_id")
      .IdOrNull(p.reblog_of_id)
      .Field("visibility", VisibilityName(p.visibility))
      .Field("created_at", FormatIso8601(p.created_at))
      .Key("edited_at");
  if (p.edited_at)
    w.String(FormatIso8601(p.edited_at));
  else
    w.Null();
  w.Field("title", p.title)
      .Field("text", p.text)
      .Field("spoiler_text", p.spoiler_text)
      .Field("language", p.language)
      .Key("mentions")
      .BeginArray();
  for (int64_t id : p.mention_ids) w.String(std::to_string(id));
  w.EndArray().Key("edits").BeginArray();
  for (const StatusEditRecord& e : edits)
    w.BeginObject()
        .Field("written_at", FormatIso8601(e.created_at))
        .Field("title", e.title)
        .Field("text", e.text)
        .Field("spoiler_text", e.spoiler_text)
        .EndObject();
  w.EndArray().Key("attachments").BeginArray();
  for (const MediaRecord& m : p.media)
    w.BeginObject()
        .Field("id", std::to_string(m.id))
        .Field("content_type", m.content_type)
        .Field("file_name", m.file_name)
        .Field("description", m.description)
        .Field("size", m.size)
        .Field("file", m.file_key)
        .EndObject();
  w.EndArray().EndObject();
}

}  // namespace atrium
