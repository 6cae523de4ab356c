// The whole HTTP API: every route of every resource, registered on a router.
#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "base/json_writer.h"
#include "http/router.h"

namespace atrium::api {

// Each resource file registers its own routes.
void RegisterHealthRoutes(http::Router& router, ApiContext& ctx);
void RegisterOAuthRoutes(http::Router& router, ApiContext& ctx);
void RegisterSessionRoutes(http::Router& router, ApiContext& ctx);
void RegisterSamlRoutes(http::Router& router, ApiContext& ctx);
// Sign-in through the organization's OpenID Connect provider, at /auth/oidc,
// and the sign-in choices at /auth/providers.
void RegisterOidcRoutes(http::Router& router, ApiContext& ctx);
// The paths whose GET handlers wait on another server (an identity
// provider): the server runs them on its writers' pool, off the I/O threads.
const std::vector<std::string>& BlockingPaths();
void RegisterInstanceRoutes(http::Router& router, ApiContext& ctx);
void RegisterAccountRoutes(http::Router& router, ApiContext& ctx);
// /api/v1/directory (mastodon/profile_directory.cc) and follow suggestions
// (mastodon/suggestions.cc).
void RegisterProfileDirectoryRoutes(http::Router& router, ApiContext& ctx);
void RegisterSuggestionRoutes(http::Router& router, ApiContext& ctx);
void RegisterAdminRoutes(http::Router& router, ApiContext& ctx);
// Reports, the moderators' queue and the organization's rules
// (api/mastodon/reports.cc).
void RegisterReportRoutes(http::Router& router, ApiContext& ctx);
void RegisterStatusRoutes(http::Router& router, ApiContext& ctx);
void RegisterScheduledStatusRoutes(http::Router& router, ApiContext& ctx);
void RegisterFilterRoutes(http::Router& router, ApiContext& ctx);
void RegisterPollRoutes(http::Router& router, ApiContext& ctx);
// /api/v1/conversations: direct conversations (list, mark read, remove).
void RegisterConversationRoutes(http::Router& router, ApiContext& ctx);
void RegisterMediaRoutes(http::Router& router, ApiContext& ctx);
// The organization's custom emoji for members (api/mastodon/custom_emojis.cc)
// and for administrators (api/atrium/admin_custom_emojis.cc).
void RegisterCustomEmojiRoutes(http::Router& router, ApiContext& ctx);
void RegisterAdminCustomEmojiRoutes(http::Router& router, ApiContext& ctx);
void RegisterTimelineRoutes(http::Router& router, ApiContext& ctx);
void RegisterSearchRoutes(http::Router& router, ApiContext& ctx);
void RegisterAtriumSearchRoutes(http::Router& router, ApiContext& ctx);
void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx);
void RegisterListAndMarkerRoutes(http::Router& router, ApiContext& ctx);
void RegisterConnectionRoutes(http::Router& router, ApiContext& ctx);
void RegisterCommunityRoutes(http::Router& router, ApiContext& ctx);
void RegisterBlogRoutes(http::Router& router, ApiContext& ctx);
void RegisterQuestionRoutes(http::Router& router, ApiContext& ctx);
void RegisterStreamingRoutes(http::Router& router, ApiContext& ctx);
void RegisterDirectoryRoutes(http::Router& router, ApiContext& ctx);
// SCIM 2.0 for identity providers, at /scim/v2 (src/api/scim/).
void RegisterScimRoutes(http::Router& router, ApiContext& ctx);
// Provisioning tokens for SCIM, at /api/v1/admin/scim_tokens.
void RegisterScimTokenRoutes(http::Router& router, ApiContext& ctx);
// GET /metrics on the main listener, only with the `metrics-token` as the
// bearer token (404 when no token is set, 401 without it).
void RegisterMetricsRoutes(http::Router& router, ApiContext& ctx);
// The routes of the `metrics-listen` listener: GET /metrics, no token.
void RegisterMetricsListenerRoutes(http::Router& router);
// GET /api/v1/atrium/admin/health: the figures of the admin health page.
void RegisterAdminHealthRoutes(http::Router& router, ApiContext& ctx);
// The audit log, read-only, at /api/v1/atrium/admin/audit.
void RegisterAuditRoutes(http::Router& router, ApiContext& ctx);
// Retention policies and legal holds (api/atrium/compliance.cc).
void RegisterComplianceRoutes(http::Router& router, ApiContext& ctx);

// E-mail preferences, one-click unsubscribe and the outbox for administrators
// (src/api/atrium/email.cc).
void RegisterEmailRoutes(http::Router& router, ApiContext& ctx);
// The composer: audience and advice; the advice rules for administrators.
void RegisterComposeRoutes(http::Router& router, ApiContext& ctx);
// The outbox's state as members of an open JSON object (/ready and the admin API).
void WriteMailStats(JsonWriter& w, const OutboxStats& stats);

// Personal feed tokens and the Atom feeds of members' and communities' blog
// entries, which take a feed token instead of a session
// (src/api/atrium/blog_feeds.cc).
void RegisterBlogFeedRoutes(http::Router& router, ApiContext& ctx);
// A member's connected external blogs (RSS/Atom), at /api/v1/atrium/external_feeds.
void RegisterExternalFeedRoutes(http::Router& router, ApiContext& ctx);
// A member's blog drafts kept on the server, at /api/v1/atrium/drafts.
void RegisterDraftRoutes(http::Router& router, ApiContext& ctx);

// Hashtags followed and featured (api/mastodon/tags.cc), org trends
// (api/mastodon/trends.cc), announcements for members
// (api/mastodon/announcements.cc) and for administrators
// (api/atrium/admin_announcements.cc).
void RegisterTagRoutes(http::Router& router, ApiContext& ctx);
void RegisterTrendRoutes(http::Router& router, ApiContext& ctx);
void RegisterAnnouncementRoutes(http::Router& router, ApiContext& ctx);
void RegisterAdminAnnouncementRoutes(http::Router& router, ApiContext& ctx);
// The Web Push subscription of a token or session (api/mastodon/push.cc).
void RegisterPushRoutes(http::Router& router, ApiContext& ctx);

// All of the above but the metrics listener's.
void RegisterAllRoutes(http::Router& router, ApiContext& ctx);

}  // namespace atrium::api
