#include "api/routes.h"

#include "api/atrium/preferences.h"
#include "api/web_assets.h"

namespace atrium::api {

void RegisterAllRoutes(http::Router& router, ApiContext& ctx) {
  RegisterHealthRoutes(router, ctx);
  RegisterMetricsRoutes(router, ctx);
  RegisterAdminHealthRoutes(router, ctx);
  RegisterOAuthRoutes(router, ctx);
  RegisterSessionRoutes(router, ctx);
  RegisterSamlRoutes(router, ctx);
  RegisterOidcRoutes(router, ctx);
  RegisterInstanceRoutes(router, ctx);
  RegisterAccountRoutes(router, ctx);
  RegisterProfileDirectoryRoutes(router, ctx);
  RegisterSuggestionRoutes(router, ctx);
  RegisterAdminRoutes(router, ctx);
  RegisterReportRoutes(router, ctx);
  RegisterStatusRoutes(router, ctx);
  RegisterScheduledStatusRoutes(router, ctx);
  RegisterFilterRoutes(router, ctx);
  RegisterPollRoutes(router, ctx);
  RegisterConversationRoutes(router, ctx);
  RegisterMediaRoutes(router, ctx);
  RegisterTimelineRoutes(router, ctx);
  RegisterSearchRoutes(router, ctx);
  RegisterAtriumSearchRoutes(router, ctx);
  RegisterNotificationRoutes(router, ctx);
  RegisterListAndMarkerRoutes(router, ctx);
  RegisterConnectionRoutes(router, ctx);
  RegisterCommunityRoutes(router, ctx);
  RegisterBlogRoutes(router, ctx);
  RegisterBlogFeedRoutes(router, ctx);
  RegisterQuestionRoutes(router, ctx);
  RegisterStreamingRoutes(router, ctx);
  RegisterDirectoryRoutes(router, ctx);
  RegisterScimRoutes(router, ctx);
  RegisterScimTokenRoutes(router, ctx);
  RegisterAuditRoutes(router, ctx);
  RegisterComplianceRoutes(router, ctx);
  RegisterEmailRoutes(router, ctx);
  RegisterPreferenceRoutes(router, ctx);
  RegisterComposeRoutes(router, ctx);
  RegisterExternalFeedRoutes(router, ctx);
  RegisterDraftRoutes(router, ctx);
  RegisterTagRoutes(router, ctx);
  RegisterTrendRoutes(router, ctx);
  RegisterAnnouncementRoutes(router, ctx);
  RegisterAdminAnnouncementRoutes(router, ctx);
  RegisterPushRoutes(router, ctx);
  RegisterCustomEmojiRoutes(router, ctx);
  RegisterAdminCustomEmojiRoutes(router, ctx);
  RegisterWebAssets(router, ctx);  // every other GET: the web client
}

}  // namespace atrium::api
