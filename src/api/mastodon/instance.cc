// The instance documents: GET /api/v1/instance, GET /api/v2/instance, and
// nodeinfo 2.0 (/.well-known/nodeinfo, /nodeinfo/2.0); for members, the
// instance's languages, extended description and translation languages.
// What belongs to an open, federated server answers a clear error: sign-up
// (people come from the organization's directory) and the federation's
// peers, activity and domain blocks (the network is the organization's
// alone).
//
// Clients read these before signing in to learn the server's limits, so they
// answer without authentication; but counts of members and posts are the
// organization's own business, and only a signed-in member sees them (an
// anonymous caller sees zeros), as are its rules (an empty list).
#include "api/authenticate.h"
#include "api/mastodon/report_serializer.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "social/media_sniffer.h"
#include "social/pin_limit.h"
#include "social/preference_service.h"

namespace atrium::api {
namespace {

// Mastodon clients gate features on the version; Atrium speaks the 4.3 API.
std::string CompatibleVersion() {
  return std::string("4.3.0 (compatible; Atrium ") + ATRIUM_VERSION + ")";
}

std::string Host(const std::string& base_url) {
  auto scheme = base_url.find("://");
  return scheme == std::string::npos ? base_url : base_url.substr(scheme + 3);
}

std::string StreamingUrl(const std::string& base_url) {
  if (base_url.rfind("https://", 0) == 0) return "wss://" + base_url.substr(8);
  if (base_url.rfind("http://", 0) == 0) return "ws://" + base_url.substr(7);
  return base_url;
}

int64_t MemberCount(ApiContext& ctx, const http::Request& req) {
  if (!Authenticate(ctx, req, "").ok()) return 0;
  auto n = ctx.accounts.CountActive();
  return n.ok() ? *n : 0;
}

int64_t PostCount(ApiContext& ctx, const http::Request& req) {
  if (!Authenticate(ctx, req, "").ok()) return 0;
  auto n = ctx.timelines.CountPosts();
  return n.ok() ? *n : 0;
}

void WriteMediaTypes(JsonWriter& w) {
  w.Key("supported_mime_types").BeginArray();
  for (std::string_view type : AcceptedMediaTypes()) w.String(type);
  w.EndArray();
}

std::string InstanceV1(ApiContext& ctx, const http::Request& req) {
  const std::string base = ctx.settings.BaseUrl();
  JsonWriter w;
  w.BeginObject()
      .Field("uri", Host(base))
      .Field("title", ctx.settings.title)
      .Field("short_description", "The enterprise social network of " + ctx.settings.title)
      .Field("description", "")
      .Field("email", "")
      .Field("version", CompatibleVersion())
      .Key("urls")
      .BeginObject()
      .Field("streaming_api", StreamingUrl(base))
      .EndObject()
      .Key("stats")
      .BeginObject()
      .Field("user_count", MemberCount(ctx, req))
      .Field("status_count", PostCount(ctx, req))
      .Field("domain_count", 0)
      .EndObject()
      .Key("thumbnail")
      .Null()
      .Key("languages")
      .BeginArray()
      .String("en")
      .EndArray()
      .Field("registrations", false)
      .Field("approval_required", false)
      .Field("invites_enabled", false)
      .Key("configuration")
      .BeginObject()
      .Key("accounts")
      .BeginObject()
      .Field("max_featured_tags", 10)
      .Field("max_pinned_statuses", kMaxPinnedStatuses)
      .EndObject()
      .Key("statuses")
      .BeginObject()
      .Field("max_characters", ctx.settings.status_max_chars)
      .Field("max_media_attachments", 4)
      .Field("characters_reserved_per_url", 23)
      .EndObject()
      .Key("media_attachments")
      .BeginObject();
  WriteMediaTypes(w);
  w.Field("image_size_limit", ctx.settings.media_image_max_bytes)
      .Field("image_matrix_limit", ctx.settings.media_image_max_pixels)
      .Field("video_size_limit", ctx.settings.media_video_max_bytes)
      .Field("video_frame_rate_limit", 0)
      .Field("video_matrix_limit", ctx.settings.media_image_max_pixels)
      .EndObject()
      .Key("polls")
      .BeginObject()
      .Field("max_options", kPollMaxOptions)
      .Field("max_characters_per_option", kPollMaxOptionChars)
      .Field("min_expiration", (ctx.settings.poll_min_expiration_ms + 999) / 1000)
      .Field("max_expiration", kPollMaxExpiresInS)
      .EndObject()
      .EndObject()
      .Key("contact_account")
      .Null()
      .Key("rules")
      .Raw(InstanceRulesJson(ctx, Authenticate(ctx, req, "").ok()))
      .EndObject();
  return w.Take();
}

std::string InstanceV2(ApiContext& ctx, const http::Request& req) {
  const std::string base = ctx.settings.BaseUrl();
  JsonWriter w;
  w.BeginObject()
      .Field("domain", Host(base))
      .Field("title", ctx.settings.title)
      .Field("version", CompatibleVersion())
      .Field("source_url", "")
      .Field("description", "The enterprise social network of " + ctx.settings.title)
      .Key("usage")
      .BeginObject()
      .Key("users")
      .BeginObject()
      .Field("active_month", MemberCount(ctx, req))
      .EndObject()
      .EndObject()
      .Key("thumbnail")
      .BeginObject()
      .Field("url", base + "/favicon.png")
      .EndObject()
      .Key("icon")
      .BeginArray()
      .EndArray()
      .Key("languages")
      .BeginArray()
      .String("en")
      .EndArray()
      .Key("configuration")
      .BeginObject()
      .Key("urls")
      .BeginObject()
      .Field("streaming", StreamingUrl(base))
      .Key("status")
      .Null()
      .Key("about")
      .Null()
      .Key("privacy_policy")
      .Null()
      .Key("terms_of_service")
      .Null()
      .EndObject()
      .Key("vapid")
      .BeginObject()
      .Field("public_key", ctx.push->PublicKey())
      .EndObject()
      .Key("accounts")
      .BeginObject()
      .Field("max_display_name_length", 100)
      .Field("max_note_length", 5000)
      .Field("max_featured_tags", 10)
      .Field("max_pinned_statuses", kMaxPinnedStatuses)
      .Field("max_profile_fields", 8)
      .Field("profile_field_name_limit", 255)
      .Field("profile_field_value_limit", 2000)
      .EndObject()
      .Key("statuses")
      .BeginObject()
      .Field("max_characters", ctx.settings.status_max_chars)
      .Field("max_media_attachments", 4)
      .Field("characters_reserved_per_url", 23)
      .EndObject()
      .Key("media_attachments")
      .BeginObject()
      .Field("description_limit", 1500)
      .Field("image_matrix_limit", ctx.settings.media_image_max_pixels)
      .Field("image_size_limit", ctx.settings.media_image_max_bytes);
  WriteMediaTypes(w);
  w.Field("video_frame_rate_limit", 0)
      .Field("video_matrix_limit", ctx.settings.media_image_max_pixels)
      .Field("video_size_limit", ctx.settings.media_video_max_bytes)
      .EndObject()
      .Key("polls")
      .BeginObject()
      .Field("max_options", kPollMaxOptions)
      .Field("max_characters_per_option", kPollMaxOptionChars)
      .Field("min_expiration", (ctx.settings.poll_min_expiration_ms + 999) / 1000)
      .Field("max_expiration", kPollMaxExpiresInS)
      .EndObject()
      .Key("translation")
      .BeginObject()
      .Field("enabled", false)
      .EndObject()
      .Field("limited_federation", true)
      .EndObject()
      .Key("registrations")
      .BeginObject()
      .Field("enabled", false)
      .Field("approval_required", false)
      .Field("reason_required", false)
      .Field("message", "Accounts come from the organization's directory")
      .Key("min_age")
      .Null()
      .Key("url")
      .Null()
      .EndObject()
      .Key("api_versions")
      .BeginObject()
      .Field("mastodon", 2)
      .EndObject()
      .Key("contact")
      .BeginObject()
      .Field("email", "")
      .Key("account")
      .Null()
      .EndObject()
      .Key("rules")
      .Raw(InstanceRulesJson(ctx, Authenticate(ctx, req, "").ok()))
      .EndObject();
  return w.Take();
}

// The languages of /api/v1/instance/languages (a member's default posting
// language is one of them); posts may carry any language code.
std::string LanguagesJson() {
  JsonWriter w;
  w.BeginArray();
  for (const auto& [code, name] : PreferenceService::PostingLanguages())
    w.BeginObject().Field("code", code).Field("name", name).EndObject();
  w.EndArray();
  return w.Take();
}

std::string ExtendedDescriptionJson(ApiContext& ctx) {
  JsonWriter w;
  w.BeginObject()
      .Field("updated_at", FormatIso8601(ctx.started_at))
      .Field("content",
             "<p>The enterprise social network of " + HtmlEscape(ctx.settings.title) + "</p>")
      .EndObject();
  return w.Take();
}

// What a federated, open server has and Atrium has not.
http::Response NotFederated() {
  return ErrorResponse(
      Status::NotFound("Not available",
                       "Atrium is the organization's own network and does not federate: "
                       "there are no other servers, so no peers, activity or domain blocks"));
}

http::Response NoSignUp() {
  return ErrorResponse(
      Status::Forbidden("Sign-up is not available",
                        "Accounts come from the organization's directory; ask an administrator"));
}

}  // namespace

void RegisterInstanceRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/instance/languages",
             Protect(ctx, "", [](http::Request&, const Principal&) {
               return http::Response::Json(200, LanguagesJson());
             }));
  router.Add("GET", "/api/v1/instance/extended_description",
             Protect(ctx, "", [&ctx](http::Request&, const Principal&) {
               return http::Response::Json(200, ExtendedDescriptionJson(ctx));
             }));
  // Atrium translates nothing: no language pairs.
  router.Add("GET", "/api/v1/instance/translation_languages",
             Protect(ctx, "", [](http::Request&, const Principal&) {
               return http::Response::Json(200, "{}");
             }));
  for (const char* path : {"/api/v1/instance/peers", "/api/v1/instance/activity",
                           "/api/v1/instance/domain_blocks", "/api/v1/domain_blocks"})
    router.Add("GET", path,
               Protect(ctx, "", [](http::Request&, const Principal&) { return NotFederated(); }));
  for (const char* method : {"POST", "DELETE"})
    router.Add(method, "/api/v1/domain_blocks",
               Protect(ctx, "", [](http::Request&, const Principal&) { return NotFederated(); }));
  // Anyone may ask (apps offer sign-up before anyone signs in); nobody gets an account.
  router.Add("POST", "/api/v1/accounts", [](http::Request&) { return NoSignUp(); });
  router.Add("GET", "/api/v1/instance", [&ctx](http::Request& req) {
    return http::Response::Json(200, InstanceV1(ctx, req));
  });
  router.Add("GET", "/api/v2/instance", [&ctx](http::Request& req) {
    return http::Response::Json(200, InstanceV2(ctx, req));
  });
  router.Add("GET", "/.well-known/nodeinfo", [&ctx](http::Request&) {
    JsonWriter w;
    w.BeginObject()
        .Key("links")
        .BeginArray()
        .BeginObject()
        .Field("rel", "http://nodeinfo.diaspora.software/ns/schema/2.0")
        .Field("href", ctx.settings.BaseUrl() + "/nodeinfo/2.0")
        .EndObject()
        .EndArray()
        .EndObject();
    return http::Response::Json(200, w.Take());
  });
  router.Add("GET", "/nodeinfo/2.0", [&ctx](http::Request& req) {
    JsonWriter w;
    int64_t members = MemberCount(ctx, req);
    w.BeginObject()
        .Field("version", "2.0")
        .Key("software")
        .BeginObject()
        .Field("name", "atrium")
        .Field("version", ATRIUM_VERSION)
        .EndObject()
        .Key("protocols")
        .BeginArray()
        .EndArray()
        .Key("services")
        .BeginObject()
        .Key("inbound")
        .BeginArray()
        .EndArray()
        .Key("outbound")
        .BeginArray()
        .EndArray()
        .EndObject()
        .Field("openRegistrations", false)
        .Key("usage")
        .BeginObject()
        .Key("users")
        .BeginObject()
        .Field("total", members)
        .Field("activeMonth", members)
        .EndObject()
        .Field("localPosts", PostCount(ctx, req))
        .EndObject()
        .Key("metadata")
        .BeginObject()
        .Field("nodeName", ctx.settings.title)
        .EndObject()
        .EndObject();
    http::Response r = http::Response::Json(200, w.Take());
    r.headers[0].second =
        "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.0#\"";
    return r;
  });
}

}  // namespace atrium::api
