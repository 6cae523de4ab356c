// The composer's helpers: who will see a draft, and advice on it.
//   GET  /api/v1/atrium/compose/audience     ?visibility=&community_id=&in_reply_to_id=
//                                            &mentions[]= -> {count, description} (read:statuses)
//   POST /api/v1/atrium/compose/advice       the draft: status, visibility, community_id,
//                                            in_reply_to_id, title, language ->
//                                            [{rule, message, severity, spans}] (write:statuses)
// Administrators (admin:read / admin:write):
//   GET  /api/v1/atrium/admin/advice                 the pack in force: rules, lists, settings
//   PUT  /api/v1/atrium/admin/advice/rules/:id       enabled=true|false
//   DELETE /api/v1/atrium/admin/advice/rules/:id     back to the pack's own
//   PUT  /api/v1/atrium/admin/advice/lists/:name     words (one entry a line)
//   DELETE /api/v1/atrium/admin/advice/lists/:name   back to the pack's own
//   POST /api/v1/atrium/admin/advice/dry_run         pack (JSON text, optional) and a draft
#include <map>

#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/json_writer.h"
#include "base/text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr int64_t kMaxId = INT64_MAX;

// The language the advice speaks: the draft's, else the browser's first.
std::string LanguageOf(const http::Params& p, const Request& req) {
  std::string lang = p.GetOr("language", "");
  if (lang.empty()) {
    std::string_view accept = req.Header("Accept-Language");
    lang = std::string(accept.substr(0, std::min(accept.find_first_of(",;-"), accept.size())));
  }
  lang = AsciiLower(Trim(lang).substr(0, 2));
  return lang.empty() ? "en" : lang;
}

Result<AdviceRequest> DraftOf(const http::Params& p, const Request& req) {
  AdviceRequest d;
  d.status = p.GetOr("status", "");
  d.title = p.GetOr("title", "");
  d.visibility = p.GetOr("visibility", "");
  auto community = p.GetInt("community_id", 1, kMaxId);
  if (!community.ok()) return community.status();
  d.community_id = community->value_or(0);
  auto reply = p.GetInt("in_reply_to_id", 1, kMaxId);
  if (!reply.ok()) return reply.status();
  d.in_reply_to_id = reply->value_or(0);
  d.language = LanguageOf(p, req);
  return d;
}

std::string AdviceJson(const std::vector<AdviceItem>& items) {
  JsonWriter w;
  w.BeginArray();
  for (const AdviceItem& a : items) {
    w.BeginObject()
        .Field("rule", a.rule)
        .Field("message", a.message)
        .Field("severity", std::string(AdviceSeverityName(a.severity)))
        .Key("spans")
        .BeginArray();
    for (const AdviceSpan& s : a.spans)
      w.BeginObject()
          .Field("start", static_cast<int64_t>(s.start))
          .Field("end", static_cast<int64_t>(s.end))
          .EndObject();
    w.EndArray();
    if (!a.url.empty()) w.Field("url", a.url).Key("status_id").Id(a.status_id);
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

Response GetAudience(ApiContext& ctx, Request& req, const Principal& principal) {
  auto p = http::Params::Parse(req);
  if (!p.ok()) return ErrorResponse(p.status());
  if (Status s = OnlyParams(*p, {"visibility", "community_id", "in_reply_to_id", "mentions"});
      !s.ok())
    return ErrorResponse(s);
  AudienceDraft d;
  d.visibility = p->GetOr("visibility", "");
  auto community = p->GetInt("community_id", 1, kMaxId);
  if (!community.ok()) return ErrorResponse(community.status());
  d.community_id = community->value_or(0);
  auto reply = p->GetInt("in_reply_to_id", 1, kMaxId);
  if (!reply.ok()) return ErrorResponse(reply.status());
  d.in_reply_to_id = reply->value_or(0);
  d.mentions = p->GetAll("mentions");
  auto a = ctx.compose->audience.Describe(principal.account, d);
  if (!a.ok()) return ErrorResponse(a.status());
  JsonWriter w;
  w.BeginObject()
      .Field("count", a->count)
      .Field("description", a->description)
      .Field("kind", a->kind)
      .Field("organization", a->organization)
      .Field("community_name", a->community_name)
      .Field("writer_is_member", a->writer_is_member)
      .Field("followers", a->followers)
      .Field("mentioned", a->mentioned)
      .EndObject();
  return Response::Json(200, w.Take());
}

Response PostAdvice(ApiContext& ctx, Request& req, const Principal& principal) {
  auto p = http::Params::Parse(req);
  if (!p.ok()) return ErrorResponse(p.status());
  if (Status s = OnlyParams(
          *p, {"status", "visibility", "community_id", "in_reply_to_id", "title", "language"});
      !s.ok())
    return ErrorResponse(s);
  auto d = DraftOf(*p, req);
  if (!d.ok()) return ErrorResponse(d.status());
  auto items = ctx.compose->advisor.Advise(principal.account, *d);
  if (!items.ok()) return ErrorResponse(items.status());
  return Response::Json(200, AdviceJson(*items));
}

void WriteCondition(JsonWriter& w, const AdviceCondition& c) {
  using K = AdviceCondition::Kind;
  static const std::map<K, const char*> kNames = {{K::kWords, "words"},
                                                  {K::kWholeText, "whole_text"},
                                                  {K::kStartsWith, "starts_with"},
                                                  {K::kMaxWords, "max_words"},
                                                  {K::kCaps, "caps"},
                                                  {K::kExclamations, "exclamations"},
                                                  {K::kLines, "lines"},
                                                  {K::kChars, "chars"},
                                                  {K::kLinkAndChars, "link_and_chars"},
                                                  {K::kThreadReplies, "thread_replies"},
                                                  {K::kSharedLink, "shared_link"}};
  w.BeginObject().Key(kNames.at(c.kind));
  if (c.kind == K::kWords || c.kind == K::kWholeText || c.kind == K::kStartsWith) {
    w.BeginArray();
    for (const std::string& e : c.entries) w.String(e);
    w.EndArray();
    if (c.kind == K::kWords) w.Field("min_hits", c.number);
  } else if (c.kind == K::kCaps) {
    w.BeginObject().Field("min_letters", c.number).Field("ratio", c.ratio).EndObject();
  } else {
    w.Int(c.number);
  }
  w.EndObject();
}

Response GetPack(ApiContext& ctx, Request& req, const Principal&) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request",
                           "GET /api/v1/atrium/admin/advice takes no parameters");
  auto pack = ctx.compose->advisor.Pack();
  if (!pack.ok()) return ErrorResponse(pack.status());
  auto overrides = ctx.compose->advisor.Overrides();
  if (!overrides.ok()) return ErrorResponse(overrides.status());
  auto changed = [&](const char* kind, const std::string& name) {
    for (const AdviceOverride& o : *overrides)
      if (o.kind == kind && o.name == name) return true;
    return false;
  };
  const AdvicePack& pk = **pack;
  JsonWriter w;
  w.BeginObject().Key("settings").BeginObject();
  for (const auto& [k, v] : pk.settings) w.Field(k, v);
  w.EndObject().Key("lists").BeginArray();
  for (const auto& [name, words] : pk.lists) {
    w.BeginObject().Field("name", name).Field("changed", changed("list", name)).Key("words");
    w.BeginArray();
    for (const std::string& x : words) w.String(x);
    w.EndArray().EndObject();
  }
  w.EndArray().Key("rules").BeginArray();
  for (const AdviceRule& r : pk.rules) {
    w.BeginObject()
        .Field("id", r.id)
        .Field("description", r.description)
        .Field("severity", std::string(AdviceSeverityName(r.severity)))
        .Field("enabled", r.enabled)
        .Field("changed", changed("rule", r.id))
        .Key("applies_to")
        .BeginObject()
        .Key("visibilities")
        .BeginArray();
    for (const std::string& v : r.visibilities) w.String(v);
    w.EndArray()
        .Field("audience", r.audience)
        .Field("replies", r.replies)
        .Key("communities")
        .BeginArray();
    for (const std::string& c : r.communities) w.String(c);
    w.EndArray().EndObject().Key("requires").BeginArray();
    for (const std::string& s : r.requires_settings) w.String(s);
    w.EndArray().Key("all").BeginArray();
    for (const AdviceCondition& c : r.all) WriteCondition(w, c);
    w.EndArray().Key("any").BeginArray();
    for (const AdviceCondition& c : r.any) WriteCondition(w, c);
    w.EndArray().Key("message").BeginObject();
    for (const auto& [lang, text] : r.message) w.Field(lang, text);
    w.EndObject().EndObject();
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

Response PutRule(ApiContext& ctx, Request& req, const Principal& principal) {
  auto p = http::Params::Parse(req);
  if (!p.ok()) return ErrorResponse(p.status());
  if (Status s = OnlyParams(*p, {"enabled"}); !s.ok()) return ErrorResponse(s);
  bool bad = false;
  auto enabled = p->GetBool("enabled", &bad);
  if (bad || !enabled)
    return ErrorResponse(Status::Unprocessable("Validation failed: enabled is true or false"));
  Status s = ctx.compose->advisor.SetRuleEnabled(AuditActorOf(principal, req),
                                                 std::string(req.PathParam("id")), *enabled);
  if (!s.ok()) return ErrorResponse(s);
  return GetPack(ctx, req, principal);
}

Response PutList(ApiContext& ctx, Request& req, const Principal& principal) {
  auto p = http::Params::Parse(req);
  if (!p.ok()) return ErrorResponse(p.status());
  if (Status s = OnlyParams(*p, {"words"}); !s.ok()) return ErrorResponse(s);
  auto text = p->Get("words");
  if (!text)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: words (one entry a line) is required"));
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text->size()) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    std::string_view line = Trim(std::string_view(*text).substr(start, end - start));
    if (!line.empty()) words.emplace_back(line);
    start = end + 1;
  }
  Status s = ctx.compose->advisor.SetListWords(AuditActorOf(principal, req),
                                               std::string(req.PathParam("name")), words);
  if (!s.ok()) return ErrorResponse(s);
  return GetPack(ctx, req, principal);
}

Response Reset(ApiContext& ctx, Request& req, const Principal& principal, const char* kind,
               const char* param) {
  if (!req.query.empty() || !req.body.empty())
    return Response::Error(400, "Bad request", "DELETE takes no parameters");
  Status s = ctx.compose->advisor.Reset(AuditActorOf(principal, req), kind,
                                        std::string(req.PathParam(param)));
  if (!s.ok()) return ErrorResponse(s);
  return GetPack(ctx, req, principal);
}

Response DryRun(ApiContext& ctx, Request& req, const Principal& principal) {
  auto p = http::Params::Parse(req);
  if (!p.ok()) return ErrorResponse(p.status());
  if (Status s = OnlyParams(*p, {"pack", "status", "visibility", "community_id", "in_reply_to_id",
                                 "title", "language"});
      !s.ok())
    return ErrorResponse(s);
  auto d = DraftOf(*p, req);
  if (!d.ok()) return ErrorResponse(d.status());
  auto items = ctx.compose->advisor.DryRun(principal.account, p->GetOr("pack", ""), *d);
  if (!items.ok()) return ErrorResponse(items.status());
  return Response::Json(200, AdviceJson(*items));
}

}  // namespace

void RegisterComposeRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/compose/audience",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return GetAudience(ctx, req, p);
             }));
  router.Add("POST", "/api/v1/atrium/compose/advice",
             Protect(ctx, "write:statuses",
                     [&ctx](Request& req, const Principal& p) { return PostAdvice(ctx, req, p); }));
  router.Add("GET", "/api/v1/atrium/admin/advice",
             ProtectAdmin(ctx, "admin:read", [&ctx](Request& req, const Principal& p) {
               return GetPack(ctx, req, p);
             }));
  router.Add("PUT", "/api/v1/atrium/admin/advice/rules/:id",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               return PutRule(ctx, req, p);
             }));
  router.Add("DELETE", "/api/v1/atrium/admin/advice/rules/:id",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               return Reset(ctx, req, p, "rule", "id");
             }));
  router.Add("PUT", "/api/v1/atrium/admin/advice/lists/:name",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               return PutList(ctx, req, p);
             }));
  router.Add("DELETE", "/api/v1/atrium/admin/advice/lists/:name",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               return Reset(ctx, req, p, "list", "name");
             }));
  router.Add("POST", "/api/v1/atrium/admin/advice/dry_run",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               return DryRun(ctx, req, p);
             }));
}

}  // namespace atrium::api
