#include "api/mastodon/filter_serializer.h"

#include "base/clock.h"

namespace atrium::api {
namespace {

void WriteContexts(JsonWriter& w, const FilterRecord& f) {
  w.Key("context").BeginArray();
  for (FilterContext c : f.contexts) w.String(FilterContextName(c));
  w.EndArray();
}

void WriteExpiry(JsonWriter& w, const FilterRecord& f) {
  w.Key("expires_at");
  if (f.expires_at)
    w.String(FormatIso8601(f.expires_at));
  else
    w.Null();
}

}  // namespace

void WriteFilterKeyword(JsonWriter& w, const FilterKeywordRecord& k) {
  w.BeginObject()
      .Field("id", std::to_string(k.id))
      .Field("keyword", k.keyword)
      .Field("whole_word", k.whole_word)
      .EndObject();
}

void WriteFilterStatus(JsonWriter& w, const FilterStatusRecord& s) {
  w.BeginObject()
      .Field("id", std::to_string(s.id))
      .Field("status_id", std::to_string(s.status_id))
      .EndObject();
}

void WriteFilter(JsonWriter& w, const FilterRecord& f, bool rules) {
  w.BeginObject().Field("id", std::to_string(f.id)).Field("title", f.title);
  WriteContexts(w, f);
  WriteExpiry(w, f);
  w.Field("filter_action", FilterActionName(f.action));
  if (rules) {
    w.Key("keywords").BeginArray();
    for (const FilterKeywordRecord& k : f.keywords) WriteFilterKeyword(w, k);
    w.EndArray().Key("statuses").BeginArray();
    for (const FilterStatusRecord& s : f.statuses) WriteFilterStatus(w, s);
    w.EndArray();
  }
  w.EndObject();
}

void WriteFilterResult(JsonWriter& w, const FilterMatch& m) {
  w.BeginObject().Key("filter");
  WriteFilter(w, *m.filter, false);
  w.Key("keyword_matches");
  if (m.keyword_matches.empty()) {
    w.Null();
  } else {
    w.BeginArray();
    for (const std::string& k : m.keyword_matches) w.String(k);
    w.EndArray();
  }
  w.Key("status_matches");
  if (m.status_matches.empty()) {
    w.Null();
  } else {
    w.BeginArray();
    for (int64_t id : m.status_matches) w.String(std::to_string(id));
    w.EndArray();
  }
  w.EndObject();
}

void WriteV1Filter(JsonWriter& w, const FilterRecord& f, const FilterKeywordRecord& k) {
  w.BeginObject().Field("id", std::to_string(k.id)).Field("phrase", k.keyword);
  WriteContexts(w, f);
  w.Field("whole_word", k.whole_word);
  WriteExpiry(w, f);
  w.Field("irreversible", f.action == FilterAction::kHide).EndObject();
}

}  // namespace atrium::api
