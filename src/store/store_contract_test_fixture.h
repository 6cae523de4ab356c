// For tests: StoreContract, the fixture of the store contract tests. Each
// store interface has its own test file beside its header
// (status_store_test.cc, relationship_store_test.cc, …), whose suite derives
// from StoreContract and runs on every backend:
//
//   class StatusStoreContract : public StoreContract {};
//   INSTANTIATE_TEST_SUITE_P(Backends, StatusStoreContract,
//                            ::testing::ValuesIn(TestBackends()), TestBackendParamName());
//
// Each test gets a fresh, migrated store (see store/test_store.h); the
// PostgreSQL runs are skipped (GTEST_SKIP) when ATRIUM_TEST_POSTGRES_URL is
// unset. The helpers write through the store under test and EXPECT each
// write to succeed.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/id.h"
#include "store/test_store.h"

namespace atrium {

class StoreContract : public ::testing::TestWithParam<TestBackend> {
 protected:
  using Ids = std::vector<int64_t>;

  void SetUp() override {
    if (!TestBackendAvailable(GetParam())) GTEST_SKIP() << "ATRIUM_TEST_POSTGRES_URL is not set";
    t_ = std::make_unique<TestStore>(GetParam());
  }

  Store& store() { return t_->store(); }
  AccountStore& accounts() { return t_->store().accounts(); }
  DirectoryStore& directory() { return t_->store().directory(); }
  StatusStore& statuses() { return t_->store().statuses(); }
  RelationshipStore& relationships() { return t_->store().relationships(); }
  NotificationStore& notifications() { return t_->store().notifications(); }
  ListStore& lists() { return t_->store().lists(); }
  MarkerStore& markers() { return t_->store().markers(); }
  CommunityStore& communities() { return t_->store().communities(); }

  // Runs `sql` on the database directly, beside the store (on SQLite, through
  // a connection of its own).
  void ExecDirectly(const std::string& sql) {
    if (GetParam() == TestBackend::kPostgres) {
      t_->ExecPostgres(sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((t_->dir() + "/atrium.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    int rc = sqlite3_exec(db, ("PRAGMA foreign_keys=ON; " + sql).c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  // A page of at most `limit` entries, with the given cursors.
  static PageRequest Page(int limit, int64_t max_id = 0, int64_t since_id = 0, int64_t min_id = 0) {
    PageRequest p;
    p.limit = limit;
    p.max_id = max_id;
    p.since_id = since_id;
    p.min_id = min_id;
    return p;
  }

  // ---------------------------------------------------------------- accounts

  // An account named `username` with `email`, not yet written.
  static Account MakeAccount(IdGenerator& ids, const std::string& username,
                             const std::string& email) {
    Account a;
    a.id = ids.Next();
    a.username = username;
    a.email = email;
    a.display_name = username;
    a.created_at = a.updated_at = NowMillis();
    return a;
  }
  // Creates an active account named `username` (shown as `display_name`, or
  // as its username when that is empty); returns its id.
  int64_t NewAccount(const std::string& username, const std::string& display_name = "") {
    Account a;
    a.id = ids_.Next();
    a.username = username;
    a.display_name = display_name.empty() ? username : display_name;
    a.created_at = a.updated_at = NowMillis();
    Status s = accounts().Create(a);
    EXPECT_TRUE(s.ok()) << username << ": " << s.ToString();
    return a.id;
  }

  // ---------------------------------------------------------------- posts

  // A public (or `visibility`) post by `author`, not yet written.
  StatusRecord NewStatus(int64_t author, Visibility visibility = Visibility::kPublic) {
    StatusRecord s;
    s.id = ids_.Next();
    s.account_id = author;
    s.visibility = visibility;
    s.text = "post " + std::to_string(s.id);
    s.content_html = "<p>" + s.text + "</p>";
    s.language = "en";
    s.created_at = NowMillis();
    return s;
  }
  // Writes `s` with its notifications `notes`; returns its id.
  int64_t Post(const StatusRecord& s, const std::vector<NotificationRecord>& notes = {}) {
    Status st = statuses().Create(s, notes, "");
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s.id;
  }
  int64_t PostBy(int64_t author, Visibility visibility = Visibility::kPublic) {
    return Post(NewStatus(author, visibility));
  }
  int64_t ReplyTo(int64_t author, int64_t parent_id, int64_t parent_author,
                  Visibility visibility = Visibility::kPublic) {
    StatusRecord s = NewStatus(author, visibility);
    s.in_reply_to_id = parent_id;
    s.in_reply_to_account_id = parent_author;
    return Post(s);
  }
  int64_t Repost(int64_t author, int64_t original_id) {
    StatusRecord s = NewStatus(author);
    s.reblog_of_id = original_id;
    s.text.clear();
    return Post(s);
  }
  int64_t Tagged(int64_t author, std::vector<std::string> tags,
                 Visibility visibility = Visibility::kPublic) {
    StatusRecord s = NewStatus(author, visibility);
    s.tags = std::move(tags);
    return Post(s);
  }
  // The post `id`, as the store reads it back (EXPECTed to exist).
  StatusRecord Load(int64_t id) {
    auto s = statuses().Get(id);
    EXPECT_TRUE(s.ok()) << id;
    return s.ok() ? *s : StatusRecord{};
  }

  // ---------------------------------------------------------------- notifications

  // A notification of `type` to `to` from `from`, not yet written; alone in
  // its group unless `group_key` is given.
  NotificationRecord Note(int64_t to, int64_t from, const std::string& type, int64_t status_id = 0,
                          const std::string& group_key = "") {
    NotificationRecord n;
    n.id = ids_.Next();
    n.account_id = to;
    n.from_account_id = from;
    n.type = type;
    n.status_id = status_id;
    n.group_key = group_key.empty() ? "ungrouped-" + std::to_string(n.id) : group_key;
    n.created_at = NowMillis();
    return n;
  }
  // The ids of `account`'s notifications, as NotificationStore::List gives them.
  Ids NotificationIds(int64_t account, const std::vector<std::string>& types = {},
                      const std::vector<std::string>& exclude = {}, PageRequest page = {}) {
    auto list = notifications().List(account, types, exclude, page);
    EXPECT_TRUE(list.ok());
    Ids out;
    if (list.ok())
      for (const auto& n : *list) out.push_back(n.id);
    return out;
  }

  // ---------------------------------------------------------------- relationships

  // `account` follows `target`, not yet written.
  FollowRecord MakeFollow(int64_t account, int64_t target) {
    FollowRecord f;
    f.id = ids_.Next();
    f.account_id = account;
    f.target_id = target;
    f.created_at = NowMillis();
    return f;
  }
  // The ids of the follows of target_id's followers.
  Ids FollowIdsOf(int64_t target_id) {
    return Cursors(relationships().FollowersPage(target_id, PageRequest{0, 0, 0, 40}));
  }

  // ---------------------------------------------------------------- communities

  // Creates a community of `type` owned by `owner`, tagged "data" and
  // "science"; returns its id.
  int64_t NewCommunity(const std::string& handle, CommunityType type, int64_t owner) {
    CommunityRecord c;
    c.id = ids_.Next();
    c.handle = handle;
    c.name = "The " + handle;
    c.description = "About " + handle;
    c.tags = {"data", "science"};
    c.type = type;
    c.created_by = owner;
    c.created_at = c.updated_at = NowMillis();
    CommunityMemberRecord m;
    m.id = ids_.Next();
    m.community_id = c.id;
    m.account_id = owner;
    m.role = kCommunityOwner;
    m.created_at = c.created_at;
    Status st = communities().Create(c, m);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c.id;
  }
  // Writes `account`'s membership of `community` (keeping its row's id).
  void Put(int64_t community, int64_t account, MembershipState state,
           const std::string& role = kCommunityMember) {
    CommunityMemberRecord m;
    auto existing = communities().Membership(community, account);
    m.id = existing.ok() ? existing->id : ids_.Next();
    m.community_id = community;
    m.account_id = account;
    m.state = state;
    m.role = role;
    m.created_at = NowMillis();
    EXPECT_TRUE(communities().PutMembership(m, {}).ok());
  }
  // A public post by `author` in `community` (a comment on `parent` if given).
  int64_t PostIn(int64_t author, int64_t community, int64_t parent = 0, int64_t parent_author = 0) {
    StatusRecord s = NewStatus(author);
    s.community_id = community;
    if (parent) {
      s.in_reply_to_id = parent;
      s.in_reply_to_account_id = parent_author;
    }
    return Post(s);
  }

  // ---------------------------------------------------------------- results

  static Ids Cursors(const Result<std::vector<PageEntry>>& page) {
    Ids out;
    if (page.ok())
      for (const auto& e : *page) out.push_back(e.cursor);
    return out;
  }
  static Ids Listed(const Result<std::vector<PageEntry>>& page) {
    Ids out;
    if (page.ok())
      for (const auto& e : *page) out.push_back(e.id);
    return out;
  }
  // The ids, or {-1} on failure.
  static Ids Value(const Result<Ids>& ids) { return ids.ok() ? *ids : Ids{-1}; }

  std::unique_ptr<TestStore> t_;
  IdGenerator ids_{0};
};

}  // namespace atrium
