// SqlStore: every store interface of store.h over one sql::Database, with
// each query written once for both backends (see database.h and
// dialect.h). A backend derives from it and adds what is truly its own:
// the schema (migrations and their runner) and table access for export and
// import. Safe for concurrent use from many threads, as its Database is.
#pragma once

#include <memory>

#include "store/sql/database.h"
#include "store/store.h"

namespace atrium::sql {

class SqlStore : public Store {
 public:
  ~SqlStore() override;

  AccountStore& accounts() override { return *accounts_; }
  AuthStore& auth() override { return *auth_; }
  StatusStore& statuses() override { return *statuses_; }
  RelationshipStore& relationships() override { return *relationships_; }
  NotificationStore& notifications() override { return *notifications_; }
  ListStore& lists() override { return *lists_; }
  MarkerStore& markers() override { return *markers_; }
  DirectoryStore& directory() override { return *directory_; }
  CommunityStore& communities() override { return *communities_; }
  SearchStore& search() override { return *search_; }
  MediaAttachmentStore& media() override { return *media_; }
  AuditStore& audit() override { return *audit_; }
  PollStore& polls() override { return *polls_; }
  ScheduledStatusStore& scheduled_statuses() override { return *scheduled_statuses_; }
  MailStore& mail() override { return *mail_; }
  ComplianceStore& compliance() override { return *compliance_; }
  ReportStore& reports() override { return *reports_; }
  ComposeStore& compose() override { return *compose_; }
  LinkCardStore& link_cards() override { return *link_cards_; }
  FeedStore& feeds() override { return *feeds_; }
  DraftStore& drafts() override { return *drafts_; }
  FilterStore& filters() override { return *filters_; }
  TagStore& tags() override { return *tags_; }
  AnnouncementStore& announcements() override { return *announcements_; }
  ConversationStore& conversations() override { return *conversations_; }
  PushStore& push() override { return *push_; }
  CustomEmojiStore& custom_emojis() override { return *custom_emojis_; }

  // OK if the database answers and holds LatestSchemaVersion().
  Status CheckReady() override;
  // Closes the database (a backend may flush first). Idempotent.
  void Close() override;

  // The database under `store`, for the stores opened beside Store's own
  // (OpenPreferenceStore, OpenProfileHistoryStore); kept by `store`.
  static Database& DatabaseOf(Store& store);

 protected:
  explicit SqlStore(std::unique_ptr<Database> db);
  Database& db() { return *db_; }
  // The error Migrate returns for a database written by a newer Atrium.
  Status TooNew(int version) const;

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<AuthStore> auth_;
  std::unique_ptr<StatusStore> statuses_;
  std::unique_ptr<RelationshipStore> relationships_;
  std::unique_ptr<NotificationStore> notifications_;
  std::unique_ptr<ListStore> lists_;
  std::unique_ptr<MarkerStore> markers_;
  std::unique_ptr<DirectoryStore> directory_;
  std::unique_ptr<CommunityStore> communities_;
  std::unique_ptr<SearchStore> search_;
  std::unique_ptr<MediaAttachmentStore> media_;
  std::unique_ptr<AuditStore> audit_;
  std::unique_ptr<PollStore> polls_;
  std::unique_ptr<ScheduledStatusStore> scheduled_statuses_;
  std::unique_ptr<MailStore> mail_;
  std::unique_ptr<ComplianceStore> compliance_;
  std::unique_ptr<ReportStore> reports_;
  std::unique_ptr<ComposeStore> compose_;
  std::unique_ptr<LinkCardStore> link_cards_;
  std::unique_ptr<FeedStore> feeds_;
  std::unique_ptr<DraftStore> drafts_;
  std::unique_ptr<FilterStore> filters_;
  std::unique_ptr<TagStore> tags_;
  std::unique_ptr<AnnouncementStore> announcements_;
  std::unique_ptr<ConversationStore> conversations_;
  std::unique_ptr<PushStore> push_;
  std::unique_ptr<CustomEmojiStore> custom_emojis_;
};

}  // namespace atrium::sql
