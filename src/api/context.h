// ApiContext: what every endpoint may use. Built once at start by `serve`;
// the members outlive every request. It holds services, not the store:
// handlers parse, call a service, render.
#pragma once

#include <cstdint>
#include <memory>

#include "api/mastodon/home_page_cache.h"
#include "api/mastodon/status_json_cache.h"
#include "api/stream_registry.h"
#include "base/id.h"
#include "base/settings.h"
#include "social/account_service.h"
#include "social/auth_service.h"
#include "social/avatar_store.h"
#include "social/community_service.h"
#include "social/directory_service.h"
#include "social/group_service.h"
#include "social/list_service.h"
#include "social/marker_service.h"
#include "social/notification_service.h"
#include "social/posting_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"
#include "social/scim_token_service.h"
#include "social/search_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"
#include "store/store.h"

namespace atrium::api {

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
  StreamRegistry& streams;
  StatusJsonCache& status_json;
  HomePageCache& home_pages;
  int64_t started_at = 0;
};

// Everything ApiContext refers to, owned in one place: `serve` and the
// tests build one of these.
struct Services {
  Services(const Settings& settings, Store& store, IdGenerator& ids)
      : avatars(settings.data_dir),
        accounts(store, ids),
        auth(store, ids, settings),
        social(store, ids, settings),
        posting(social),
        relationships(social),
        timelines(social),
        notifications(social),
        directory(store, ids, accounts, &avatars),
        communities(social, posting, &avatars),
        questions(social, posting, communities),
        lists(social),
        markers(store),
        search(social),
        groups(store, ids),
        scim_tokens(store, ids),
        home_pages(social, settings.home_page_cache_mb * (size_t{1} << 20)),
        context{settings,    accounts,      auth,      social,      posting,   relationships,
                timelines,   notifications, directory, communities, questions, lists,
                markers,     search,        groups,    scim_tokens, avatars,   streams,
                status_json, home_pages,    0} {
    auth.UseCache(&social.principals);
    // In a cluster, sign-in failures count on every node together.
    signin_per_account = social.SharedLimiter(
        "signin-account", settings.signin_failures_per_account, settings.signin_window_ms);
    signin_per_address = social.SharedLimiter(
        "signin-address", settings.signin_failures_per_address, settings.signin_window_ms);
    if (signin_per_account && signin_per_address)
      auth.ShareLimits(signin_per_account.get(), signin_per_address.get());
    accounts.SetChangeListener([this](int64_t id) {
      social.accounts.Invalidate(id);
      social.graph.Invalidate(id);
      social.principals.Invalidate(id);  // a deactivation or a new role counts at once
      // Open streams of the account re-check it now (a deactivation ends them).
      social.events.Publish("control:" + std::to_string(id), Event{"account.changed", 0, 0, id});
    });
  }
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  AvatarStore avatars;  // before the services that keep pictures in it
  AccountService accounts;
  AuthService auth;
  std::unique_ptr<Limiter> signin_per_account, signin_per_address;  // cluster mode only
  SocialCore social;
  PostingService posting;
  RelationshipService relationships;
  TimelineService timelines;
  NotificationService notifications;
  DirectoryService directory;
  CommunityService communities;
  QuestionService questions;
  ListService lists;
  MarkerService markers;
  SearchService search;
  GroupService groups;
  ScimTokenService scim_tokens;
  StreamRegistry streams;
  StatusJsonCache status_json;
  HomePageCache home_pages;
  ApiContext context;
};

}  // namespace atrium::api
