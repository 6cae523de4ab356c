// ApiContext: what every endpoint may use. Built once at start by `serve`
// (as part of Services, api/services.h); the members outlive every request.
// It holds services, not the store: handlers parse, call a service, render.
#pragma once

#include <cstdint>
#include <memory>

#include "api/stream_registry.h"
#include "base/id.h"
#include "base/settings.h"
#include "social/account_service.h"
#include "social/announcement_service.h"
#include "social/audit_log.h"
#include "social/auth_service.h"
#include "social/avatar_store.h"
#include "social/blog_feed_service.h"
#include "social/community_service.h"
#include "social/compose_advisor.h"
#include "social/conversation_service.h"
#include "social/custom_emoji_service.h"
#include "social/directory_service.h"
#include "social/draft_service.h"
#include "social/export_job_service.h"
#include "social/feed_import_service.h"
#include "social/filter_service.h"
#include "social/group_service.h"
#include "social/health_service.h"
#include "social/legal_hold_service.h"
#include "social/link_card_service.h"
#include "social/list_service.h"
#include "social/mail_service.h"
#include "social/marker_service.h"
#include "social/media_service.h"
#include "social/notification_service.h"
#include "social/oidc_service.h"
#include "social/poll_service.h"
#include "social/posting_service.h"
#include "social/push_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"
#include "social/report_service.h"
#include "social/retention_service.h"
#include "social/saml_service.h"
#include "social/scheduled_post_service.h"
#include "social/scim_token_service.h"
#include "social/search_service.h"
#include "social/social_core.h"
#include "social/suggestion_service.h"
#include "social/tag_service.h"
#include "social/timeline_service.h"
#include "social/trends_service.h"
#include "store/store.h"

namespace atrium::api {

// The Mastodon API's caches (api/mastodon): ApiContext holds references
// only, so this header needs no more than their names, and theirs may
// include it.
class AccountJsonCache;
class FirstPageCache;
class StatusJsonCache;

// The composer's helpers: who will see a draft, and advice on it.
struct ComposeServices {
  AudienceService& audience;
  ComposeAdvisor& advisor;
};

struct ApiContext {
  const Settings& settings;
  AccountService& accounts;
  AuthService& auth;
  SocialCore& social;
  PostingService& posting;
  RelationshipService& relationships;
  TimelineService& timelines;
  NotificationService& notifications;
  DirectoryService& directory;
  CommunityService& communities;
  QuestionService& questions;
  ListService& lists;
  MarkerService& markers;
  SearchService& search;
  GroupService& groups;
  ScimTokenService& scim_tokens;
  AvatarStore& avatars;
  MediaService& media;
  StreamRegistry& streams;
  StatusJsonCache& status_json;
  FirstPageCache& home_pages;
  OidcService& oidc;
  HealthService& health;
  AuditLog& audit;
  int64_t started_at = 0;
  // SAML sign-in, when the saml-* settings configure it (`serve` opens it
  // before the routes are registered); null otherwise.
  SamlService* saml = nullptr;
  // Polls: tallies, votes (set by Services).
  PollService* polls = nullptr;
  // People's Account JSON, shared by every viewer (set by Services; the
  // renderer writes them afresh without it).
  AccountJsonCache* account_json = nullptr;
  // Each reader's first page of notifications, of their likes or
  // bookmarks, and of the last stream read by post id (a person's posts, a
  // community's, a tag's) (set by Services).
  FirstPageCache* notification_pages = nullptr;
  FirstPageCache* mark_pages = nullptr;
  FirstPageCache* stream_pages = nullptr;
  // Posts waiting for their time (set by Services).
  ScheduledPostService* scheduled = nullptr;
  // E-mail: preferences, unsubscribe links, the outbox's state (Services
  // sets it; never null when serving).
  MailService* mail = nullptr;
  // Feed tokens and the Atom feeds of blogs (Services sets it; never null
  // when serving).
  BlogFeedService* blog_feeds = nullptr;
  // Retention policies and legal holds (Services sets them; never null
  // when serving).
  RetentionService* retention = nullptr;
  ExportJobService* exports = nullptr;
  LegalHoldService* holds = nullptr;
  // The composer's audience and advice (Services sets it; never null when
  // serving).
  ComposeServices* compose = nullptr;
  // Link preview cards and members' connected blog feeds (set by Services;
  // never null when serving).
  LinkCardService* link_cards = nullptr;
  FeedImportService* feed_imports = nullptr;
  // Members' blog drafts (set by Services; never null when serving).
  DraftService* drafts = nullptr;
  // Members' filters and muted threads (set by Services; never null when
  // serving).
  FilterService* filters = nullptr;
  // Followed and featured tags, org trends, announcements (set by Services;
  // never null when serving).
  TagService* tags = nullptr;
  TrendsService* trends = nullptr;
  AnnouncementService* announcements = nullptr;
  // Reports, the organization's rules and moderators' actions on people
  // (set by Services; never null when serving).
  ReportService* reports = nullptr;
  // Follow suggestions (set by Services; never null when serving).
  SuggestionService* suggestions = nullptr;
  // Members' direct conversations (set by Services; never null when serving).
  ConversationService* conversations = nullptr;
  // Web Push subscriptions and the VAPID key (set by Services; never null
  // when serving).
  PushService* push = nullptr;
  // The organization's custom emoji (set by Services; never null when
  // serving).
  CustomEmojiService* custom_emojis = nullptr;
};

}  // namespace atrium::api
