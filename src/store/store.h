// The store: every persistent thing Atrium keeps, behind interfaces that an
// embedded (SQLite) and a PostgreSQL implementation both fulfil. Code above
// src/store/ sees only these interfaces and never knows which backend runs.
//
// Each method is one atomic operation: it either happens entirely and is
// durable when the method returns OK, or does not happen at all. Errors come
// back as Status: kNotFound, kConflict (a uniqueness rule), kUnavailable (the
// database cannot be reached) or kInternal.
//
// Implementations are safe for concurrent use from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/settings.h"
#include "base/status.h"
#include "store/announcement_store.h"
#include "store/audit_store.h"
#include "store/community_store.h"
#include "store/compliance_store.h"
#include "store/compose_store.h"
#include "store/conversation_store.h"
#include "store/custom_emoji_store.h"
#include "store/directory_records.h"
#include "store/draft_store.h"
#include "store/feed_store.h"
#include "store/filter_store.h"
#include "store/link_card_store.h"
#include "store/mail_store.h"
#include "store/poll_store.h"
#include "store/push_store.h"
#include "store/records.h"
#include "store/report_store.h"
#include "store/scheduled_status_store.h"
#include "store/search_store.h"
#include "store/social_store.h"
#include "store/table_access.h"
#include "store/tag_store.h"

namespace atrium {

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // Inserts `account` (its id already set). kConflict if the username or
  // e-mail is taken.
  virtual Status Create(const Account& account) = 0;
  virtual Result<Account> Get(int64_t id) = 0;
  // Case-insensitive look-ups.
  virtual Result<Account> FindByUsername(std::string_view username) = 0;
  virtual Result<Account> FindByEmail(std::string_view email) = 0;
  // Accounts with id > after_id, in id order, at most `limit`.
  virtual Result<std::vector<Account>> List(int64_t after_id, int limit) = 0;
  // Writes every mutable field of `account` (matched by id). kNotFound if absent.
  // `audit`, when given, is appended to the audit log in the same
  // transaction (its seq and hashes set).
  virtual Status Update(const Account& account, AuditEntry* audit = nullptr) = 0;
  virtual Result<int64_t> Count(bool active_only) = 0;
  // Administration (the health page): active accounts that used a browser
  // session at or after `since_ms` or wrote a post with an id at or above
  // `since_id`. Reads every session: not for a hot path.
  virtual Result<int64_t> CountActiveSince(int64_t since_ms, int64_t since_id) = 0;
  // Active accounts whose username, display name or a word of it starts
  // with `query` (case-insensitive), an exact username first, then by
  // username. For people search and mention suggestions.
  virtual Result<std::vector<Account>> Search(std::string_view query, int limit, int offset) = 0;
  // Administration: accounts matching every given filter of `query`,
  // newest first, paged by id. Removed (by the directory) accounts too.
  virtual Result<std::vector<Account>> Query(const AccountQuery& query,
                                             const PageRequest& page) = 0;
  // Deactivates an account and, in the same transaction, ends its sessions
  // and revokes its tokens (its feed token too); `audit` as for Update.
  virtual Status Deactivate(int64_t id, int64_t now, AuditEntry* audit = nullptr) = 0;
  // Sets the account's password hash and, in the same transaction, ends its
  // sessions and revokes its tokens, except the session whose token hash is
  // `keep_session_hash` and the token `keep_token_id` (the request of a
  // person changing their own password; empty and 0 keep none).
  virtual Status SetPassword(int64_t id, const std::string& password_hash, int64_t now,
                             std::string_view keep_session_hash, int64_t keep_token_id) = 0;
};

// The directory: org chart, profiles, expertise, provisioning.
class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual Result<Account> FindByExternalId(std::string_view external_id) = 0;
  // Ids of the people whose manager is `manager_id`, active ones only, by
  // display name.
  virtual Result<std::vector<int64_t>> DirectReports(int64_t manager_id) = 0;
  // People matching every given field of `query`, active ones only.
  virtual Result<std::vector<Account>> SearchPeople(const PeopleQuery& query) = 0;

  // A person's expertise tags in their order, with endorsement counts.
  virtual Result<std::vector<ExpertiseRecord>> Expertise(int64_t account_id) = 0;
  // Replaces the tags (normalized, de-duplicated by the caller); endorsements
  // of tags that are dropped are removed with them.
  virtual Status SetExpertise(int64_t account_id, const std::vector<std::string>& tags) = 0;
  virtual Result<std::vector<ProfileField>> Fields(int64_t account_id) = 0;
  virtual Status SetFields(int64_t account_id, const std::vector<ProfileField>& fields) = 0;
  // endorser endorses account for tag. kNotFound if the account does not
  // list the tag; false if already endorsed.
  virtual Result<bool> Endorse(int64_t endorser_id, int64_t account_id, const std::string& tag,
                               int64_t now) = 0;
  virtual Result<bool> Unendorse(int64_t endorser_id, int64_t account_id,
                                 const std::string& tag) = 0;
  // Who endorsed `account_id` for `tag`.
  virtual Result<std::vector<int64_t>> Endorsers(int64_t account_id, const std::string& tag) = 0;
  // Active people listing `tag` (exact, normalized), most endorsed first.
  virtual Result<std::vector<ExpertRecord>> WhoKnows(const std::string& tag, int limit,
                                                     int offset) = 0;

  virtual Status CreateScimToken(const ScimTokenRecord& token) = 0;
  virtual Result<ScimTokenRecord> FindScimToken(std::string_view token_hash) = 0;
  virtual Result<std::vector<ScimTokenRecord>> ScimTokens() = 0;
  virtual Status RevokeScimToken(int64_t id, int64_t now) = 0;

  virtual Status CreateGroup(const GroupRecord& group) = 0;
  virtual Result<GroupRecord> GetGroup(int64_t id) = 0;
  // Groups by display name (exact, case-insensitive) or all when empty,
  // ordered by id.
  virtual Result<std::vector<GroupRecord>> Groups(std::string_view display_name, int limit,
                                                  int offset) = 0;
  virtual Result<int64_t> CountGroups(std::string_view display_name) = 0;
  // Replaces the group's name, external id and members.
  virtual Status UpdateGroup(const GroupRecord& group) = 0;
  virtual Status DeleteGroup(int64_t id) = 0;
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<Session> FindSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // Records that the session was used at `now`, unless its use was already
  // recorded after `not_before` (by this node or another): one write a
  // minute at most, however many nodes serve the session. OK when there is
  // no such session.
  virtual Status TouchSession(std::string_view token_hash, int64_t now, int64_t not_before) = 0;

  virtual Status CreateApp(const OAuthApp& app) = 0;
  virtual Result<OAuthApp> FindAppByClientId(std::string_view client_id) = 0;
  virtual Result<OAuthApp> GetApp(int64_t id) = 0;

  virtual Status CreateToken(const AccessToken& token) = 0;
  // The token with this hash, revoked or not; the caller checks revoked_at.
  virtual Result<AccessToken> FindToken(std::string_view token_hash) = 0;
  virtual Status RevokeToken(int64_t token_id, int64_t now) = 0;

  virtual Status CreateCode(const AuthCode& code) = 0;
  // Marks the code used and returns it as it was before. If it was already
  // used, revokes every token issued for it (RFC 6749 §4.1.2) and returns
  // kConflict; kNotFound if there is no such code.
  virtual Result<AuthCode> ConsumeCode(std::string_view code_hash, int64_t now) = 0;

  // SAML sign-in, kept in the store so any node of a cluster can finish
  // what another began.
  virtual Status CreateSamlRequest(const SamlRequest& request) = 0;
  // Removes the request and returns it: kNotFound if there is none, or it
  // expired by `now` (a request is answered once).
  virtual Result<SamlRequest> ConsumeSamlRequest(std::string_view id, int64_t now) = 0;
  // Remembers an assertion id until `expires_at`: true the first time,
  // false if it is remembered already (a replay). Forgets the ids and
  // requests that expired by `now`.
  virtual Result<bool> RememberSamlAssertion(std::string_view id, int64_t expires_at,
                                             int64_t now) = 0;
  // Keeps a pending OpenID Connect sign-in, dropping those expired by `now`.
  virtual Status CreateOidcRequest(const OidcRequest& request, int64_t now) = 0;
  // Removes the pending sign-in with this state hash and returns it as it
  // was (expired or not: the caller checks); kNotFound if there is none, or
  // it was already taken (each is taken once, on every node).
  virtual Result<OidcRequest> TakeOidcRequest(std::string_view state_hash) = 0;
  // Remembers a sign-in through the OpenID provider.
  virtual Status RecordOidcSignIn(const OidcSignIn& sign_in) = 0;
  // The accounts that signed in through the provider as `subject` (when not
  // empty) or in its session `sid` (when not empty).
  virtual Result<std::vector<int64_t>> OidcAccounts(std::string_view subject,
                                                    std::string_view sid) = 0;
  // Ends every session of the account and revokes every token, in one
  // transaction; kNotFound for no such account.
  virtual Status EndAllSessions(int64_t account_id, int64_t now) = 0;

  // Personal feed tokens, one per account. Stores `token`, replacing the
  // account's previous one.
  virtual Status SetFeedToken(const FeedTokenRecord& token) = 0;
  // The token with this hash; kNotFound if there is none.
  virtual Result<FeedTokenRecord> FindFeedToken(std::string_view token_hash) = 0;
  // The account's token; kNotFound if it has none.
  virtual Result<FeedTokenRecord> FeedTokenOf(int64_t account_id) = 0;
  // Removes the account's token: true if it had one.
  virtual Result<bool> DeleteFeedToken(int64_t account_id) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual AccountStore& accounts() = 0;
  virtual AuthStore& auth() = 0;
  virtual StatusStore& statuses() = 0;
  virtual RelationshipStore& relationships() = 0;
  virtual NotificationStore& notifications() = 0;
  virtual ListStore& lists() = 0;
  virtual MarkerStore& markers() = 0;
  virtual DirectoryStore& directory() = 0;
  virtual CommunityStore& communities() = 0;
  // The full-text index of posts.
  virtual SearchStore& search() = 0;
  virtual MediaAttachmentStore& media() = 0;
  // The hash-chained audit log of privileged actions.
  virtual AuditStore& audit() = 0;
  // Votes on polls and the end of each poll.
  virtual PollStore& polls() = 0;
  // Posts waiting for their time.
  virtual ScheduledStatusStore& scheduled_statuses() = 0;
  // The outbox and what e-mail needs besides.
  virtual MailStore& mail() = 0;
  // Retention policies, legal holds, posts kept under hold.
  virtual ComplianceStore& compliance() = 0;
  // Reports, the organization's rules, warnings and limits on people.
  virtual ReportStore& reports() = 0;
  // What the composer's audience and advice read.
  virtual ComposeStore& compose() = 0;
  // Preview cards of links and the queue of posts waiting for theirs.
  virtual LinkCardStore& link_cards() = 0;
  // Members' connected blog feeds and the entries seen of them.
  virtual FeedStore& feeds() = 0;
  // Members' unpublished blog entries.
  virtual DraftStore& drafts() = 0;
  // Members' filters and muted threads.
  virtual FilterStore& filters() = 0;
  // Followed and featured tags, and the counts org trends are made of.
  virtual TagStore& tags() = 0;
  // The organization's announcements, their dismissals and reactions.
  virtual AnnouncementStore& announcements() = 0;
  // Members' direct conversations.
  virtual ConversationStore& conversations() = 0;
  // Push subscriptions and the deliveries waiting to go.
  virtual PushStore& push() = 0;
  // The organization's custom emoji.
  virtual CustomEmojiStore& custom_emojis() = 0;
  // Every table as plain rows, for export and import (store/transfer.h).
  virtual TableAccess& tables() = 0;

  // The schema version this build knows, and the one the database holds.
  virtual int LatestSchemaVersion() const = 0;
  virtual Result<int> SchemaVersion() = 0;
  // Applies the migrations the database lacks, each in its own transaction.
  // Fails without changing anything if the database was written by a newer
  // version of Atrium.
  virtual Status Migrate() = 0;
  // OK if the database answers and its schema is current.
  virtual Status CheckReady() = 0;
  // Flushes and closes; further calls fail. Idempotent.
  virtual void Close() = 0;
};

// Opens the store named by settings.DatabaseUrl(): a postgres:// URL or a
// SQLite file path (its folder is created if missing). Does not migrate.
Result<std::unique_ptr<Store>> OpenStore(const Settings& settings);

}  // namespace atrium
