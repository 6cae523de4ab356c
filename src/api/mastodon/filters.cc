// /api/v2/filters (filters with their keywords and posts) and the v1 shim
// /api/v1/filters (one v1 filter per keyword), as Mastodon answers them.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "api/api_helpers.h"
#include "api/mastodon/filter_serializer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr std::string_view kKeywordsAttributes = "keywords_attributes[";

// A boolean as Rails reads one; nullopt with *bad for anything else.
std::optional<bool> ReadBool(const std::string& value, bool* bad) {
  http::Params one;
  one.Add("b", value);
  return one.GetBool("b", bad);
}

Status BadBool(std::string_view name) {
  return Status::Unprocessable(fmt::format("Validation failed: {} must be a boolean", name));
}

// Reads one field of a keyword (keyword, whole_word, id or _destroy) into
// `k`; `unknown` is the answer for any other field. Every way a keyword is
// sent (the v2 keyword routes, the v1 filter's phrase, keywords_attributes
// flattened or as JSON objects) comes through here.
Status ApplyKeywordField(std::string_view field, const std::string& value, KeywordChange* k,
                         const Status& unknown) {
  bool bad = false;
  if (field == "keyword") {
    k->keyword = value;
  } else if (field == "whole_word") {
    k->whole_word = ReadBool(value, &bad);
    if (bad) return BadBool("whole_word");
  } else if (field == "_destroy") {
    k->destroy = ReadBool(value, &bad).value_or(false);
    if (bad) return BadBool("_destroy");
  } else if (field == "id") {
    auto id = ParseId(value);
    if (!id) return Status::Unprocessable("Validation failed: a keyword's id is not an id");
    k->id = *id;
  } else {
    return unknown;
  }
  return Status::Ok();
}

// The fields a filter takes (title, context, filter_action, expires_in),
// each only when the request names it; `required`: title and context must be
// there (creating).
Status ReadFilterFields(const http::Params& params, bool required, FilterChange* out) {
  if (auto title = params.Get("title"))
    out->title = *title;
  else if (required)
    return Status::Unprocessable("Validation failed: Title can't be blank");
  if (auto names = params.GetList("context")) {
    std::vector<FilterContext> contexts;
    for (const std::string& name : *names) {
      auto c = ParseFilterContext(name);
      if (!c)
        return Status::Unprocessable(fmt::format(
            "Validation failed: Context {} is not one of home, notifications, public, thread, "
            "account",
            name));
      contexts.push_back(*c);
    }
    out->contexts = std::move(contexts);
  } else if (required) {
    return Status::Unprocessable("Validation failed: Context can't be blank");
  }
  if (auto action = params.Get("filter_action")) {
    auto a = ParseFilterAction(*action);
    if (!a)
      return Status::Unprocessable("Validation failed: filter_action must be warn, hide or blur");
    out->action = *a;
  }
  if (params.Has("expires_in")) {
    // Empty: no end.
    if (params.GetOr("expires_in", "").empty()) {
      out->expires_in = 0;
    } else {
      auto seconds = params.GetInt("expires_in", 1, int64_t{1} << 40);
      if (!seconds.ok()) return seconds.status();
      out->expires_in = **seconds;
    }
  }
  return Status::Ok();
}

// keywords_attributes[][keyword|whole_word|id|_destroy] (or with an index
// between the first brackets), as Rails groups them.
Status ReadKeywordAttributes(const http::Params& params, std::vector<KeywordChange>* out) {
  std::map<std::string, size_t> by_index;
  for (const auto& [name, value] : params.all()) {
    if (!name.starts_with(kKeywordsAttributes)) continue;
    std::string_view rest = std::string_view(name).substr(kKeywordsAttributes.size());
    const size_t close = rest.find(']');
    if (close == std::string_view::npos || rest.size() < close + 3 || rest[close + 1] != '[' ||
        rest.back() != ']')
      return UnsupportedParameter(name);
    const std::string index(rest.substr(0, close));
    const std::string field(rest.substr(close + 2, rest.size() - close - 3));
    if (field != "keyword" && field != "whole_word" && field != "id" && field != "_destroy")
      return UnsupportedParameter(name);
    KeywordChange* k = nullptr;
    if (!index.empty()) {
      auto [it, added] = by_index.emplace(index, out->size());
      if (added) out->emplace_back();
      k = &(*out)[it->second];
    } else {
      // A field already given starts the next keyword.
      const bool seen = !out->empty() && ((field == "keyword" && out->back().keyword) ||
                                          (field == "whole_word" && out->back().whole_word) ||
                                          (field == "id" && out->back().id != 0));
      if (out->empty() || seen) out->emplace_back();
      k = &out->back();
    }
    if (Status st = ApplyKeywordField(field, value, k, UnsupportedParameter(name)); !st.ok())
      return st;
  }
  return Status::Ok();
}

// keywords_attributes from a JSON body, where each keyword is an object of
// its own (flattened parameters no longer say where one ends): true if the
// body is JSON and names them.
Result<bool> ReadJsonKeywordAttributes(const Request& req, std::vector<KeywordChange>* out) {
  const std::string type = req.MediaType();
  if (type != "application/json" && !(type.size() > 5 && type.ends_with("+json"))) return false;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) return false;  // Params::Parse has answered it
  const boost::json::value* attrs = v.as_object().if_contains("keywords_attributes");
  if (!attrs || attrs->is_null()) return false;
  std::vector<const boost::json::value*> items;
  if (attrs->is_array()) {
    for (const auto& item : attrs->as_array()) items.push_back(&item);
  } else if (attrs->is_object()) {
    for (const auto& [key, item] : attrs->as_object()) items.push_back(&item);
  } else {
    return Status::Unprocessable(
        "Validation failed: keywords_attributes must be a list of keywords");
  }
  for (const boost::json::value* item : items) {
    if (!item->is_object())
      return Status::Unprocessable("Validation failed: each of keywords_attributes is an object");
    KeywordChange k;
    for (const auto& [key, value] : item->as_object()) {
      if (value.is_null()) continue;
      std::string text;
      if (value.is_string())
        text = std::string(value.as_string());
      else if (value.is_bool())
        text = value.as_bool() ? "true" : "false";
      else if (value.is_int64())
        text = std::to_string(value.as_int64());
      else if (value.is_uint64())
        text = std::to_string(value.as_uint64());
      else
        return Status::Unprocessable(fmt::format(
            "Validation failed: keywords_attributes {} is not a value", std::string(key)));
      if (Status st = ApplyKeywordField(
              key, text, &k,
              UnsupportedParameter("keywords_attributes[][" + std::string(key) + "]"));
          !st.ok())
        return st;
    }
    out->push_back(std::move(k));
  }
  return true;
}

// Only these parameters (and keywords_attributes[…] where `keywords`).
Status OnlyFilterParams(const http::Params& params, std::initializer_list<std::string_view> allowed,
                        bool keywords) {
  http::Params rest;
  for (const auto& [name, value] : params.all())
    if (!(keywords && name.starts_with(kKeywordsAttributes))) rest.Add(name, value);
  if (Status st = OnlyParams(rest, allowed); !st.ok()) return st;
  for (const auto& name : params.empty_lists())
    if (name != "context[]" && !(keywords && name.starts_with(kKeywordsAttributes)))
      return UnsupportedParameter(name);
  return Status::Ok();
}

Response FilterJson(const Result<FilterRecord>& f) {
  if (!f.ok()) return ErrorResponse(f.status());
  JsonWriter w;
  WriteFilter(w, *f, true);
  return Response::Json(200, w.Take());
}

Response Empty(const Status& st) {
  if (!st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

// --- /api/v2/filters ---

Response ListFilters(ApiContext& ctx, Request&, const Principal& p) {
  auto filters = ctx.filters->List(p.account.id);
  if (!filters.ok()) return ErrorResponse(filters.status());
  JsonWriter w;
  w.BeginArray();
  for (const FilterRecord& f : *filters) WriteFilter(w, f, true);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response ShowFilter(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return FilterJson(ctx.filters->Get(p.account.id, *id));
}

Result<FilterChange> ReadFilterChange(const Request& req, bool creating) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status st =
          OnlyFilterParams(*params, {"title", "context", "filter_action", "expires_in"}, true);
      !st.ok())
    return st;
  FilterChange change;
  if (Status st = ReadFilterFields(*params, creating, &change); !st.ok()) return st;
  auto json = ReadJsonKeywordAttributes(req, &change.keywords);
  if (!json.ok()) return json.status();
  if (!*json)
    if (Status st = ReadKeywordAttributes(*params, &change.keywords); !st.ok()) return st;
  return change;
}

Response CreateFilter(ApiContext& ctx, Request& req, const Principal& p) {
  auto change = ReadFilterChange(req, true);
  if (!change.ok()) return ErrorResponse(change.status());
  return FilterJson(ctx.filters->Create(p.account.id, *change));
}

Response UpdateFilter(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto change = ReadFilterChange(req, false);
  if (!change.ok()) return ErrorResponse(change.status());
  return FilterJson(ctx.filters->Update(p.account.id, *id, *change));
}

Response DeleteFilter(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return Empty(ctx.filters->Delete(p.account.id, *id));
}

// --- keywords ---

Result<KeywordChange> ReadKeyword(const Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status st = OnlyParams(*params, {"keyword", "whole_word"}); !st.ok()) return st;
  KeywordChange k;
  for (const char* field : {"keyword", "whole_word"})
    if (auto value = params->Get(field))
      if (Status st = ApplyKeywordField(field, *value, &k, Status::Ok()); !st.ok()) return st;
  return k;
}

Response KeywordJson(const Result<FilterKeywordRecord>& k) {
  if (!k.ok()) return ErrorResponse(k.status());
  JsonWriter w;
  WriteFilterKeyword(w, *k);
  return Response::Json(200, w.Take());
}

Response ListKeywords(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto f = ctx.filters->Get(p.account.id, *id);
  if (!f.ok()) return ErrorResponse(f.status());
  JsonWriter w;
  w.BeginArray();
  for (const FilterKeywordRecord& k : f->keywords) WriteFilterKeyword(w, k);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response AddKeyword(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto k = ReadKeyword(req);
  if (!k.ok()) return ErrorResponse(k.status());
  // The filter must be theirs before anything else is judged.
  if (auto f = ctx.filters->Get(p.account.id, *id); !f.ok()) return ErrorResponse(f.status());
  return KeywordJson(ctx.filters->AddKeyword(p.account.id, *id, *k));
}

Response ShowKeyword(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto ref = ctx.filters->GetKeyword(p.account.id, *id);
  if (!ref.ok()) return ErrorResponse(ref.status());
  return KeywordJson(ref->keyword);
}

Response UpdateKeyword(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto k = ReadKeyword(req);
  if (!k.ok()) return ErrorResponse(k.status());
  return KeywordJson(ctx.filters->UpdateKeyword(p.account.id, *id, *k));
}

Response DeleteKeyword(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return Empty(ctx.filters->DeleteKeyword(p.account.id, *id));
}

// --- filtered posts ---

Response FilterStatusJson(const Result<FilterStatusRecord>& s) {
  if (!s.ok()) return ErrorResponse(s.status());
  JsonWriter w;
  WriteFilterStatus(w, *s);
  return Response::Json(200, w.Take());
}

Response ListStatuses(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto f = ctx.filters->Get(p.account.id, *id);
  if (!f.ok()) return ErrorResponse(f.status());
  JsonWriter w;
  w.BeginArray();
  for (const FilterStatusRecord& s : f->statuses) WriteFilterStatus(w, s);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response AddStatus(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"status_id"}); !st.ok()) return ErrorResponse(st);
  if (auto f = ctx.filters->Get(p.account.id, *id); !f.ok()) return ErrorResponse(f.status());
  auto status_id = ParseId(params->GetOr("status_id", ""));
  if (!status_id)
    return ErrorResponse(Status::Unprocessable("Validation failed: status_id must be a post's id"));
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return FilterStatusJson(ctx.filters->AddStatus(*viewer, *id, *status_id));
}

Response ShowStatus(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto ref = ctx.filters->GetStatus(p.account.id, *id);
  if (!ref.ok()) return ErrorResponse(ref.status());
  return FilterStatusJson(ref->status);
}

Response DeleteStatus(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return Empty(ctx.filters->DeleteStatus(p.account.id, *id));
}

// --- /api/v1/filters: each keyword a filter of its own ---

Response V1Json(const FilterRecord& f, const FilterKeywordRecord& k) {
  JsonWriter w;
  WriteV1Filter(w, f, k);
  return Response::Json(200, w.Take());
}

// The v1 parameters as a change of the filter and of its keyword.
Status ReadV1(const Request& req, bool creating, FilterChange* filter, KeywordChange* keyword) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status st = OnlyFilterParams(
          *params, {"phrase", "context", "irreversible", "whole_word", "expires_in"}, false);
      !st.ok())
    return st;
  // The phrase is the keyword.
  for (auto [param, field] : {std::pair{"phrase", "keyword"}, {"whole_word", "whole_word"}})
    if (auto value = params->Get(param))
      if (Status st = ApplyKeywordField(field, *value, keyword, Status::Ok()); !st.ok()) return st;
  if (creating && !keyword->keyword)
    return Status::Unprocessable("Validation failed: Phrase can't be blank");
  if (keyword->keyword) filter->title = *keyword->keyword;
  bool bad = false;
  if (auto hide = params->GetBool("irreversible", &bad))
    filter->action = *hide ? FilterAction::kHide : FilterAction::kWarn;
  if (bad) return BadBool("irreversible");
  if (creating && !filter->action) filter->action = FilterAction::kWarn;
  if (Status st = ReadFilterFields(*params, false, filter); !st.ok()) return st;
  if (creating && !filter->contexts)
    return Status::Unprocessable("Validation failed: Context can't be blank");
  return Status::Ok();
}

Response V1List(ApiContext& ctx, Request&, const Principal& p) {
  auto filters = ctx.filters->List(p.account.id);
  if (!filters.ok()) return ErrorResponse(filters.status());
  JsonWriter w;
  w.BeginArray();
  for (const FilterRecord& f : *filters)
    for (const FilterKeywordRecord& k : f.keywords) WriteV1Filter(w, f, k);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response V1Show(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto ref = ctx.filters->GetKeyword(p.account.id, *id);
  if (!ref.ok()) return ErrorResponse(ref.status());
  return V1Json(ref->filter, ref->keyword);
}

Response V1Create(ApiContext& ctx, Request& req, const Principal& p) {
  FilterChange change;
  KeywordChange keyword;
  if (Status st = ReadV1(req, true, &change, &keyword); !st.ok()) return ErrorResponse(st);
  change.keywords.push_back(keyword);
  auto f = ctx.filters->Create(p.account.id, change);
  if (!f.ok()) return ErrorResponse(f.status());
  return V1Json(*f, f->keywords.front());
}

Response V1Update(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto ref = ctx.filters->GetKeyword(p.account.id, *id);
  if (!ref.ok()) return ErrorResponse(ref.status());
  FilterChange change;
  KeywordChange keyword;
  if (Status st = ReadV1(req, false, &change, &keyword); !st.ok()) return ErrorResponse(st);
  // The phrase names the keyword; the filter keeps its own title.
  change.title.reset();
  keyword.id = *id;
  change.keywords.push_back(keyword);
  auto f = ctx.filters->Update(p.account.id, ref->filter.id, change);
  if (!f.ok()) return ErrorResponse(f.status());
  for (const FilterKeywordRecord& k : f->keywords)
    if (k.id == *id) return V1Json(*f, k);
  return ErrorResponse(Status::NotFound());
}

Response V1Delete(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto ref = ctx.filters->GetKeyword(p.account.id, *id);
  if (!ref.ok()) return ErrorResponse(ref.status());
  // The filter's last rule: the filter goes with it.
  if (ref->filter.keywords.size() == 1 && ref->filter.statuses.empty())
    return Empty(ctx.filters->Delete(p.account.id, ref->filter.id));
  return Empty(ctx.filters->DeleteKeyword(p.account.id, *id));
}

}  // namespace

void RegisterFilterRoutes(http::Router& router, ApiContext& ctx) {
  auto handle = [&ctx](const char* scope, Response (*fn)(ApiContext&, Request&, const Principal&)) {
    return Protect(ctx, scope,
                   [&ctx, fn](Request& req, const Principal& p) { return fn(ctx, req, p); });
  };
  router.Add("GET", "/api/v2/filters", handle("read:filters", ListFilters));
  router.Add("POST", "/api/v2/filters", handle("write:filters", CreateFilter));
  router.Add("GET", "/api/v2/filters/:id", handle("read:filters", ShowFilter));
  router.Add("PUT", "/api/v2/filters/:id", handle("write:filters", UpdateFilter));
  router.Add("DELETE", "/api/v2/filters/:id", handle("write:filters", DeleteFilter));
  router.Add("GET", "/api/v2/filters/:id/keywords", handle("read:filters", ListKeywords));
  router.Add("POST", "/api/v2/filters/:id/keywords", handle("write:filters", AddKeyword));
  router.Add("GET", "/api/v2/filters/keywords/:id", handle("read:filters", ShowKeyword));
  router.Add("PUT", "/api/v2/filters/keywords/:id", handle("write:filters", UpdateKeyword));
  router.Add("DELETE", "/api/v2/filters/keywords/:id", handle("write:filters", DeleteKeyword));
  router.Add("GET", "/api/v2/filters/:id/statuses", handle("read:filters", ListStatuses));
  router.Add("POST", "/api/v2/filters/:id/statuses", handle("write:filters", AddStatus));
  router.Add("GET", "/api/v2/filters/statuses/:id", handle("read:filters", ShowStatus));
  router.Add("DELETE", "/api/v2/filters/statuses/:id", handle("write:filters", DeleteStatus));
  router.Add("GET", "/api/v1/filters", handle("read:filters", V1List));
  router.Add("POST", "/api/v1/filters", handle("write:filters", V1Create));
  router.Add("GET", "/api/v1/filters/:id", handle("read:filters", V1Show));
  router.Add("PUT", "/api/v1/filters/:id", handle("write:filters", V1Update));
  router.Add("DELETE", "/api/v1/filters/:id", handle("write:filters", V1Delete));
}

}  // namespace atrium::api
