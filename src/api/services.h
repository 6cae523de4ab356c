// Services: everything ApiContext refers to, owned in one place; `serve`
// and the tests build one, and hand its `context` to the endpoints.
#pragma once

#include <memory>
#include <vector>

#include "api/context.h"
#include "api/mastodon/account_json_cache.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/status_json_cache.h"
#include "feed/cluster.h"

namespace atrium::api {

struct Services {
  // `cluster`: what this node shares with the others (cluster mode), or null
  // on one node; outlives this.
  Services(const Settings& settings, Store& store, IdGenerator& ids, Cluster* cluster = nullptr)
      : avatars(settings.data_dir),
        media_files(settings.data_dir),
        accounts(store, ids),
        auth(store, ids, settings),
        social(store, ids, settings, cluster),
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
        media(social, media_files),
        home_pages(social, settings.home_page_cache_mb * (size_t{1} << 20), "home_page"),
        notification_pages(social, settings.list_page_cache_mb * (size_t{1} << 20) / 3,
                           "notification_page"),
        mark_pages(social, settings.list_page_cache_mb * (size_t{1} << 20) / 3, "mark_page"),
        stream_pages(social, settings.list_page_cache_mb * (size_t{1} << 20) / 3, "stream_page"),
        oidc(store, ids, settings, accounts, auth),
        health(store),
        audit(store),
        polls(social, posting),
        scheduled(social, posting, media),
        mail(social, notifications, timelines, search),
        blog_feeds(social, timelines, communities),
        retention(social, posting),
        holds(social),
        exports(social, media_files),
        audience(social),
        advisor(social, audience, audit),
        compose{audience, advisor},
        link_cards(social, media_files),
        feed_imports(social, posting),
        drafts(social, communities),
        filters(social),
        trends(social),
        tags(social, trends),
        announcements(social, audit),
        reports(social, posting, accounts),
        suggestions(social, directory),
        conversations(social),
        push(social, notifications),
        custom_emojis(social, media_files, audit),
        context{settings,      accounts,  auth,          social,    posting,
                relationships, timelines, notifications, directory, communities,
                questions,     lists,     markers,       search,    groups,
                scim_tokens,   avatars,   media,         streams,   status_json,
                home_pages,    oidc,      health,        audit,     0} {
    posting.UseMedia(&media);
    retention.UseMedia(&media);
    context.polls = &polls;
    context.account_json = &account_json;
    context.notification_pages = &notification_pages;
    context.mark_pages = &mark_pages;
    context.stream_pages = &stream_pages;
    context.scheduled = &scheduled;
    context.mail = &mail;
    context.blog_feeds = &blog_feeds;
    context.retention = &retention;
    context.holds = &holds;
    context.exports = &exports;
    context.compose = &compose;
    posting.UseLinkCards(&link_cards);
    context.link_cards = &link_cards;
    context.feed_imports = &feed_imports;
    context.drafts = &drafts;
    context.filters = &filters;
    context.trends = &trends;
    context.tags = &tags;
    context.announcements = &announcements;
    context.reports = &reports;
    context.suggestions = &suggestions;
    context.conversations = &conversations;
    context.push = &push;
    context.custom_emojis = &custom_emojis;
    home_pages.UseCustomEmojis(&custom_emojis);
    notification_pages.UseCustomEmojis(&custom_emojis);
    mark_pages.UseCustomEmojis(&custom_emojis);
    stream_pages.UseCustomEmojis(&custom_emojis);
    auth.UseCache(&social.principals);
    // In a cluster, sign-in failures and app registrations count on every
    // node together.
    for (auto limit : AuthService::kLimits) {
      auto shared =
          social.SharedLimiter(AuthService::LimitName(limit), AuthService::RuleOf(limit, settings));
      if (!shared) continue;
      auth.ShareLimit(limit, shared.get());
      shared_limits.push_back(std::move(shared));
    }
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
  FileMediaStore media_files;
  AccountService accounts;
  AuthService auth;
  std::vector<std::unique_ptr<Limiter>> shared_limits;  // AuthService's, in cluster mode only
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
  MediaService media;
  StreamRegistry streams;
  StatusJsonCache status_json;
  AccountJsonCache account_json;
  FirstPageCache home_pages;
  FirstPageCache notification_pages;
  FirstPageCache mark_pages;
  FirstPageCache stream_pages;
  std::unique_ptr<SamlService> saml;  // see ApiContext::saml
  OidcService oidc;
  HealthService health;
  AuditLog audit;
  PollService polls;
  ScheduledPostService scheduled;
  MailService mail;
  BlogFeedService blog_feeds;
  RetentionService retention;
  LegalHoldService holds;
  ExportJobService exports;
  AudienceService audience;
  ComposeAdvisor advisor;
  ComposeServices compose;
  LinkCardService link_cards;
  FeedImportService feed_imports;
  DraftService drafts;
  FilterService filters;
  TrendsService trends;
  TagService tags;
  AnnouncementService announcements;
  ReportService reports;
  SuggestionService suggestions;
  ConversationService conversations;
  PushService push;
  CustomEmojiService custom_emojis;
  ApiContext context;
};

}  // namespace atrium::api
