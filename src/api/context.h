// ApiContext: what every endpoint may use. Built once at start by `serve`
// (as part of Services, api/services.h); the members outlive every request.
#pragma once

#include <cstdint>
#include <memory>

#include "api/stream_registry.h"
#include "base/id.h"
#include "base/settings.h"
#include "social/account_service.h"
#include "social/auth_service.h"
#include "social/avatar_store.h"
#include "social/community_service.h"
#include "social/directory_service.h"
#include "social/notification_service.h"
#include "social/posting_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"
#include "store/store.h"

namespace atrium::api {

// The Mastodon API's caches (api/mastodon): ApiContext holds references
// only, so this header needs no more than their names, and theirs may
// include it.
class HomePageCache;
class StatusJsonCache;

struct ApiContext {
  const Settings& settings;
  Store& store;
  IdGenerator& ids;
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
  AvatarStore& avatars;
  StreamRegistry& streams;
  StatusJsonCache& status_json;
  HomePageCache& home_pages;
  int64_t started_at = 0;
};

}  // namespace atrium::api
