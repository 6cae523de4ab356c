// /api/v2/media and /api/v1/media/:id (Mastodon's media API), and the
// media files themselves under /media/attachments/<file key>/<variant>,
// served to whoever may see the post they belong to (MediaService::Open).
#include <fmt/format.h>

#include "api/api_helpers.h"
#include "api/mastodon/media_serializer.h"
#include "api/routes.h"
#include "http/byte_range.h"
#include "http/content_disposition.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// A year: a file key names one immutable file.
constexpr const char* kCacheControl = "private, max-age=31536000, immutable";

Response MediaJson(ApiContext& ctx, const Result<MediaRecord>& media, int status = 200) {
  if (!media.ok()) return ErrorResponse(media.status());
  return Response::Json(status, MediaAttachmentJson(*media, ctx.settings.BaseUrl()));
}

// 422 naming the first parameter not among `known`.
Status RefuseUnknown(const http::Params& params, std::initializer_list<std::string_view> known) {
  auto is_known = [&](std::string_view name) {
    return std::find(known.begin(), known.end(), name) != known.end();
  };
  for (const auto& [name, value] : params.all())
    if (!is_known(name))
      return Status::Unprocessable(fmt::format("Validation failed: {} is not supported", name));
  for (const auto& name : params.empty_lists())
    if (!is_known(name))
      return Status::Unprocessable(fmt::format("Validation failed: {} is not supported", name));
  for (const auto& file : params.files())
    if (!is_known(file.field))
      return Status::Unprocessable(
          fmt::format("Validation failed: {} is not supported", file.field));
  return Status::Ok();
}

Response Upload(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = RefuseUnknown(*params, {"file", "description", "focus", "thumbnail"}); !s.ok())
    return ErrorResponse(s);
  const http::UploadedFile* file = nullptr;
  for (const auto& f : params->files()) {
    if (f.field == "thumbnail")
      return ErrorResponse(
          Status::Unprocessable("Validation failed: thumbnail is not supported",
                                "Atrium makes a video's preview from its first frame"));
    if (f.field == "file") file = &f;
  }
  if (file == nullptr)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: file is missing (a multipart/form-data part)"));
  MediaService::UploadInput in;
  in.bytes = file->data;
  in.file_name = file->filename;
  in.description = params->Get("description");
  in.focus = params->Get("focus");
  // Processed at once: 200 (Mastodon's 202 is for media still processing).
  return MediaJson(ctx, ctx.media.Upload(p.account.id, in));
}

Response Update(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = RefuseUnknown(*params, {"description", "focus"}); !s.ok()) return ErrorResponse(s);
  MediaService::Changes changes;
  changes.description = params->Get("description");
  changes.focus = params->Get("focus");
  return MediaJson(ctx, ctx.media.Update(p.account.id, *id, changes));
}

// The file, or the part of it a Range header asks for; 304 when the
// client's copy is current.
Response ServeFile(ApiContext& ctx, Request& req, const Principal& p) {
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto served = ctx.media.Open(*viewer, req.PathParam("key"), req.PathParam("variant"));
  if (!served.ok()) return ErrorResponse(served.status());
  const std::string etag =
      fmt::format("\"{}-{}\"", served->media.file_key, req.PathParam("variant"));
  Response r;
  r.Set("Cache-Control", kCacheControl);
  r.Set("ETag", etag);
  r.Set("Accept-Ranges", "bytes");
  r.Set("X-Content-Type-Options", "nosniff");
  if (req.Header("If-None-Match") == etag) {
    r.status = 304;
    return r;
  }
  const int64_t size = served->file->size();
  http::ByteRange range;
  // If-Range with another validator: the client's part is stale; send all.
  if (auto if_range = req.Header("If-Range"); if_range.empty() || if_range == etag)
    range = http::ParseByteRange(req.Header("Range"), size);
  if (range.kind == http::ByteRange::Kind::kUnsatisfiable) {
    Response refused =
        Response::Error(416, "Range not satisfiable", fmt::format("The file has {} bytes", size));
    refused.Set("Content-Range", fmt::format("bytes */{}", size));
    refused.Set("Cache-Control", kCacheControl);
    return refused;
  }
  auto body = std::make_shared<http::FileBody>();
  body->fd = served->file->fd();
  body->owner = served->file;
  body->offset = 0;
  body->length = size;
  if (range.kind == http::ByteRange::Kind::kPart) {
    r.status = 206;
    body->offset = range.first;
    body->length = range.length();
    r.Set("Content-Range", fmt::format("bytes {}-{}/{}", range.first, range.last, size));
  }
  r.Set("Content-Type", served->content_type);
  r.Set("Content-Disposition", served->download
                                   ? http::AttachmentDisposition(served->media.file_name)
                                   : std::string("inline"));
  r.file = std::move(body);
  return r;
}

}  // namespace

void RegisterMediaRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v2/media",
             Protect(ctx, "write:media",
                     [&ctx](Request& req, const Principal& p) { return Upload(ctx, req, p); }));
  // The version 1 endpoint Mastodon kept for older clients: the same.
  router.Add("POST", "/api/v1/media",
             Protect(ctx, "write:media",
                     [&ctx](Request& req, const Principal& p) { return Upload(ctx, req, p); }));
  router.Add("GET", "/api/v1/media/:id",
             Protect(ctx, "write:media", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               return MediaJson(ctx, ctx.media.GetOwnUnattached(p.account.id, *id));
             }));
  router.Add("PUT", "/api/v1/media/:id",
             Protect(ctx, "write:media",
                     [&ctx](Request& req, const Principal& p) { return Update(ctx, req, p); }));
  router.Add("DELETE", "/api/v1/media/:id",
             Protect(ctx, "write:media", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               if (Status s = ctx.media.Delete(p.account.id, *id); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  // Link preview pictures: members only. A card is shared by every post
  // linking its page and its key is random, so only those shown the card
  // learn where its picture is.
  router.Add("GET", "/media/cards/:key", Protect(ctx, "", [&ctx](Request& req, const Principal&) {
               auto file = ctx.link_cards->Picture(req.PathParam("key"));
               if (!file.ok()) return ErrorResponse(file.status());
               auto body = std::make_shared<http::FileBody>();
               body->fd = (*file)->fd();
               body->owner = *file;
               body->offset = 0;
               body->length = (*file)->size();
               Response r;
               r.Set("Content-Type", "image/jpeg");
               r.Set("Cache-Control", "private, max-age=31536000, immutable");
               r.Set("X-Content-Type-Options", "nosniff");
               r.file = std::move(body);
               return r;
             }));
  // Members only, and only those who may see the post.
  router.Add("GET", "/media/attachments/:key/:variant",
             Protect(ctx, "",
                     [&ctx](Request& req, const Principal& p) { return ServeFile(ctx, req, p); }));
}

}  // namespace atrium::api
