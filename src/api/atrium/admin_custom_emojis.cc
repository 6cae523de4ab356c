// Custom emoji for administrators (an Atrium route; members read them at
// /api/v1/custom_emojis). Each change is recorded in the audit log.
//   GET    /api/v1/atrium/admin/custom_emojis      every one, with its id
//   POST   /api/v1/atrium/admin/custom_emojis      multipart: shortcode, image (PNG,
//                                                  GIF or WebP), category,
//                                                  visible_in_picker -> the emoji
//   PATCH  /api/v1/atrium/admin/custom_emojis/:id  category, visible_in_picker
//   DELETE /api/v1/atrium/admin/custom_emojis/:id  removes it and its picture
#include "api/api_helpers.h"
#include "api/mastodon/custom_emoji_serializer.h"
#include "api/routes.h"
#include "base/clock.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// The CustomEmoji entity with Atrium's id and dates.
void WriteAdminEmoji(JsonWriter& w, const CustomEmojiRecord& e, const std::string& base) {
  w.BeginObject()
      .Field("id", std::to_string(e.id))
      .Field("shortcode", e.shortcode)
      .Field("url", CustomEmojiUrl(e, "original", base))
      .Field("static_url", CustomEmojiUrl(e, "static", base))
      .Field("visible_in_picker", e.visible_in_picker);
  w.Key("category");
  if (e.category.empty())
    w.Null();
  else
    w.String(e.category);
  w.Field("width", e.width)
      .Field("height", e.height)
      .Field("created_at", FormatIso8601(e.created_at))
      .Field("updated_at", FormatIso8601(e.updated_at))
      .EndObject();
}

Response Answer(ApiContext& ctx, const Result<CustomEmojiRecord>& e) {
  if (!e.ok()) return ErrorResponse(e.status());
  JsonWriter w;
  WriteAdminEmoji(w, *e, ctx.settings.BaseUrl());
  return Response::Json(200, w.Take());
}

Response List(ApiContext& ctx, Request& req, const Principal&) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  CustomEmojiCatalogPtr catalog = ctx.custom_emojis->Catalog();
  const std::string base = ctx.settings.BaseUrl();
  JsonWriter w;
  w.BeginArray();
  for (const auto& e : catalog->all()) WriteAdminEmoji(w, e, base);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Add(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"shortcode", "category", "visible_in_picker"}); !s.ok())
    return ErrorResponse(s);
  const http::UploadedFile* image = nullptr;
  for (const auto& f : params->files()) {
    if (f.field != "image")
      return ErrorResponse(Status::Unprocessable(
          "Unsupported parameter", "this endpoint does not take the file " + f.field));
    image = &f;
  }
  CustomEmojiInput in;
  in.shortcode = params->GetOr("shortcode", "");
  in.category = params->GetOr("category", "");
  bool bad = false;
  in.visible_in_picker = BoolParam(*params, "visible_in_picker", &bad).value_or(true);
  if (bad)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: visible_in_picker must be a boolean"));
  if (image != nullptr) in.picture = image->data;
  return Answer(ctx, ctx.custom_emojis->Add(AuditActorOf(p, req), in));
}

Response Change(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"category", "visible_in_picker"}); !s.ok())
    return ErrorResponse(s);
  if (!params->files().empty())
    return ErrorResponse(Status::Unprocessable(
        "Unsupported parameter", "a picture cannot be replaced: remove the emoji and add it anew"));
  CustomEmojiChanges changes;
  changes.category = params->Get("category");
  bool bad = false;
  changes.visible_in_picker = BoolParam(*params, "visible_in_picker", &bad);
  if (bad)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: visible_in_picker must be a boolean"));
  return Answer(ctx, ctx.custom_emojis->Update(AuditActorOf(p, req), *id, changes));
}

Response Remove(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status s = ctx.custom_emojis->Remove(AuditActorOf(p, req), *id); !s.ok())
    return ErrorResponse(s);
  return Response::Json(200, "{}");
}

template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Admin(ApiContext& ctx, const char* scope) {
  return ProtectAdmin(ctx, scope,
                      [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterAdminCustomEmojiRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/admin/custom_emojis", Admin<List>(ctx, "admin:read"));
  router.Add("POST", "/api/v1/atrium/admin/custom_emojis", Admin<Add>(ctx, "admin:write"));
  router.Add("PATCH", "/api/v1/atrium/admin/custom_emojis/:id", Admin<Change>(ctx, "admin:write"));
  router.Add("DELETE", "/api/v1/atrium/admin/custom_emojis/:id", Admin<Remove>(ctx, "admin:write"));
}

}  // namespace atrium::api
