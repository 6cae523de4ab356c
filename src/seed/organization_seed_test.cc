#include "seed/organization_seed.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/test_store.h"

namespace atrium::seed {
namespace {

// Passes every batch on to a real writer and keeps a copy.
class RecordingWriter : public SeedWriter {
 public:
  explicit RecordingWriter(SeedWriter& inner) : inner_(inner) {}
  Status AddAccounts(const std::vector<Account>& v) override {
    Append(accounts, v);
    return inner_.AddAccounts(v);
  }
  Status AddExpertise(const std::vector<SeedExpertise>& v) override {
    Append(expertise, v);
    return inner_.AddExpertise(v);
  }
  Status AddFollows(const std::vector<FollowRecord>& v) override {
    Append(follows, v);
    return inner_.AddFollows(v);
  }
  Status AddConnections(const std::vector<SeedConnection>& v) override {
    Append(connections, v);
    return inner_.AddConnections(v);
  }
  Status AddCommunities(const std::vector<CommunityRecord>& v) override {
    Append(communities, v);
    return inner_.AddCommunities(v);
  }
  Status AddMemberships(const std::vector<CommunityMemberRecord>& v) override {
    Append(memberships, v);
    return inner_.AddMemberships(v);
  }
  Status AddStatuses(const std::vector<StatusRecord>& v) override {
    Append(statuses, v);
    return inner_.AddStatuses(v);
  }
  Status AddFavourites(const std::vector<SeedFavourite>& v) override {
    Append(favourites, v);
    return inner_.AddFavourites(v);
  }
  Status AddNotifications(const std::vector<NotificationRecord>& v) override {
    Append(notifications, v);
    return inner_.AddNotifications(v);
  }
  Status Finish(bool verify) override { return inner_.Finish(verify); }

  std::vector<Account> accounts;
  std::vector<SeedExpertise> expertise;
  std::vector<FollowRecord> follows;
  std::vector<SeedConnection> connections;
  std::vector<CommunityRecord> communities;
  std::vector<CommunityMemberRecord> memberships;
  std::vector<StatusRecord> statuses;
  std::vector<SeedFavourite> favourites;
  std::vector<NotificationRecord> notifications;

 private:
  template <typename T>
  static void Append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }
  SeedWriter& inner_;
};

// A seed writer on the test store's database, which is closed meanwhile;
// Reopen() the store after the writer is gone.
std::unique_ptr<SeedWriter> WriterFor(TestStore& t) {
  t.store().Close();
  auto w = OpenSeedWriter(t.settings());
  if (!w.ok()) throw std::runtime_error(w.status().ToString());
  return std::move(w).value();
}

SeedOptions Options(int64_t members, int posts, uint64_t seed = 7) {
  SeedOptions o;
  o.members = members;
  o.posts_per_member = posts;
  o.seed = seed;
  o.password_hash = "not-a-real-hash";
  return o;
}

TEST(OrganizationSeed, SameSeedSameOrganizationOtherSeedAnother) {
  TestStore a, b, c;
  auto ra = SeedOrganization(*WriterFor(a), Options(400, 10), true);
  auto rb = SeedOrganization(*WriterFor(b), Options(400, 10), true);
  auto rc = SeedOrganization(*WriterFor(c), Options(400, 10, 8), true);
  a.Reopen();
  b.Reopen();
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  ASSERT_TRUE(rb.ok() && rc.ok());
  EXPECT_EQ(ra->digest, rb->digest);
  EXPECT_EQ(ra->statuses, rb->statuses);
  EXPECT_EQ(ra->favourites, rb->favourites);
  EXPECT_EQ(ra->ceo_id, rb->ceo_id);
  EXPECT_NE(ra->digest, rc->digest);
  // The stores agree too, row for row where it is cheap to look.
  auto la = a.store().accounts().List(0, 1000);
  auto lb = b.store().accounts().List(0, 1000);
  ASSERT_TRUE(la.ok() && lb.ok());
  ASSERT_EQ(la->size(), 400u);
  ASSERT_EQ(la->size(), lb->size());
  for (size_t i = 0; i < la->size(); ++i) {
    EXPECT_EQ((*la)[i].id, (*lb)[i].id);
    EXPECT_EQ((*la)[i].username, (*lb)[i].username);
    EXPECT_EQ((*la)[i].manager_id, (*lb)[i].manager_id);
  }
  EXPECT_EQ(*a.store().statuses().CountAll(), ra->statuses);
}

TEST(OrganizationSeed, RefusesAStoreThatHoldsAccounts) {
  TestStore t;
  ASSERT_TRUE(SeedOrganization(*WriterFor(t), Options(50, 1), false).ok());
  auto again = OpenSeedWriter(t.settings());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kConflict);
  // Nor one that something else has open.
  t.Reopen();
  TestStore empty;
  auto busy = OpenSeedWriter(empty.settings());
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), Code::kUnavailable);
}

// Every table, index and trigger of a closed SQLite store, one per line.
std::string SchemaOf(TestStore& t) {
  t.store().Close();
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2((t.dir() + "/atrium.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
                       "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
                       -1, &s, nullptr);
    while (s && sqlite3_step(s) == SQLITE_ROW)
      for (int i = 0; i < 3; ++i)
        out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, i))) +
               (i == 2 ? "\n" : " ");
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  t.Reopen();
  return out;
}

// The bulk loader drops the indexes and builds them again: what it leaves
// has the schema the migrations make, the latest index included.
TEST(OrganizationSeed, LeavesTheSchemaTheMigrationsMake) {
  TestStore seeded, migrated;
  ASSERT_TRUE(SeedOrganization(*WriterFor(seeded), Options(50, 2), false).ok());
  seeded.Reopen();
  const std::string schema = SchemaOf(seeded);
  EXPECT_EQ(schema, SchemaOf(migrated));
  EXPECT_NE(schema.find("CREATE INDEX follows_target ON follows(target_id, id, account_id)"),
            std::string::npos)
      << schema;
}

TEST(OrganizationSeed, HasTheShapeItPromises) {
  TestStore t;
  auto inner = WriterFor(t);
  RecordingWriter w(*inner);
  const int64_t n = 3000;
  auto r = SeedOrganization(w, Options(n, 20), true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  inner.reset();
  t.Reopen();
  ASSERT_EQ(static_cast<int64_t>(w.accounts.size()), n);

  // A hierarchy: one person without a manager, everyone else's manager
  // exists and comes before them; spans of 4 to 12.
  std::map<int64_t, int> reports;
  std::set<int64_t> ids;
  for (const Account& a : w.accounts) {
    ids.insert(a.id);
    if (a.manager_id != 0) {
      EXPECT_TRUE(ids.count(a.manager_id)) << a.username;
      ++reports[a.manager_id];
    } else {
      EXPECT_EQ(a.id, r->ceo_id);
    }
    EXPECT_FALSE(a.department.empty());
    EXPECT_FALSE(a.title.empty());
  }
  for (const auto& [manager, count] : reports) EXPECT_LE(count, 12);
  EXPECT_GE(r->max_level, 4);

  // Follows: distinct, never oneself; the chief executive followed by
  // about 30% of the organization, and a heavy tail.
  std::set<std::pair<int64_t, int64_t>> pairs;
  std::map<int64_t, int64_t> followers;
  for (const FollowRecord& f : w.follows) {
    EXPECT_NE(f.account_id, f.target_id);
    EXPECT_TRUE(pairs.insert({f.account_id, f.target_id}).second);
    ++followers[f.target_id];
  }
  EXPECT_EQ(followers[r->ceo_id], r->ceo_followers);
  EXPECT_GT(r->ceo_followers, n * 25 / 100);
  EXPECT_LT(r->ceo_followers, n * 40 / 100);
  auto counts = t.store().relationships().Counts(r->ceo_id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->followers, r->ceo_followers);
  std::vector<int64_t> sorted;
  for (const auto& [id, c] : followers) sorted.push_back(c);
  std::sort(sorted.rbegin(), sorted.rend());
  const int64_t median = sorted[sorted.size() / 2];
  EXPECT_GT(sorted[1], median * 10);  // the most followed after the CEO

  // Connections join people who follow each other.
  for (const SeedConnection& c : w.connections) {
    EXPECT_TRUE(pairs.count({c.account_id, c.other_id}));
    EXPECT_TRUE(pairs.count({c.other_id, c.account_id}));
  }
  ASSERT_FALSE(w.connections.empty());

  // Communities of every type, sizes falling off.
  std::map<int64_t, int64_t> sizes;
  std::set<CommunityType> types;
  for (const auto& c : w.communities) types.insert(c.type);
  for (const auto& m : w.memberships) ++sizes[m.community_id];
  EXPECT_EQ(types.size(), 3u);
  EXPECT_EQ(sizes[w.communities[0].id], n / 5);
  EXPECT_LT(sizes[w.communities[9].id], n / 5 / 5);

  // Posts: ids time-ordered, about 20 a person, of every kind.
  ASSERT_EQ(static_cast<int64_t>(w.statuses.size()), n * 20);
  int replies = 0, reposts = 0, in_communities = 0, mentions = 0, tagged = 0;
  std::map<Visibility, int> visibilities;
  for (size_t i = 1; i < w.statuses.size(); ++i) ASSERT_LT(w.statuses[i - 1].id, w.statuses[i].id);
  for (const auto& s : w.statuses) {
    replies += s.in_reply_to_id != 0;
    reposts += s.reblog_of_id != 0;
    in_communities += s.community_id != 0;
    mentions += !s.mention_ids.empty();
    tagged += !s.tags.empty();
    ++visibilities[s.visibility];
    if (s.reblog_of_id == 0) {
      EXPECT_FALSE(s.content_html.empty());
    }
  }
  const int total = static_cast<int>(w.statuses.size());
  EXPECT_GT(replies, total / 10);
  EXPECT_GT(reposts, total / 25);
  EXPECT_GT(in_communities, total / 20);
  EXPECT_GT(mentions, total / 10);
  EXPECT_GT(tagged, total / 5);
  EXPECT_EQ(visibilities.size(), 4u);
  EXPECT_GT(w.favourites.size(), w.statuses.size());
  EXPECT_GT(w.notifications.size(), w.favourites.size());
}

// The counters Finish computes in bulk equal those the store keeps when the
// same rows arrive one change at a time through its ordinary methods.
TEST(OrganizationSeed, BulkCountersMatchOneAtATime) {
  TestStore bulk, single;
  auto inner = WriterFor(bulk);
  RecordingWriter w(*inner);
  auto r = SeedOrganization(w, Options(120, 8), true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  inner.reset();
  bulk.Reopen();

  Store& s = single.store();
  for (const Account& a : w.accounts) ASSERT_TRUE(s.accounts().Create(a).ok());
  for (const FollowRecord& f : w.follows) ASSERT_TRUE(s.relationships().Follow(f, {}).ok());
  std::map<int64_t, const CommunityMemberRecord*> owner;
  for (const auto& m : w.memberships)
    if (m.role == kCommunityOwner) owner[m.community_id] = &m;
  for (const auto& c : w.communities) ASSERT_TRUE(s.communities().Create(c, *owner[c.id]).ok());
  for (const auto& m : w.memberships)
    if (m.role != kCommunityOwner) {
      ASSERT_TRUE(s.communities().PutMembership(m, {}).ok());
    }
  for (const auto& st : w.statuses) ASSERT_TRUE(s.statuses().Create(st, {}, "").ok());
  for (const auto& f : w.favourites)
    ASSERT_TRUE(s.statuses().Favourite(f.id, f.account_id, f.status_id, {}).ok());

  for (const auto& st : w.statuses) {
    auto x = bulk.store().statuses().Get(st.id);
    auto y = s.statuses().Get(st.id);
    ASSERT_TRUE(x.ok() && y.ok());
    EXPECT_EQ(x->replies_count, y->replies_count) << st.id;
    EXPECT_EQ(x->reblogs_count, y->reblogs_count) << st.id;
    EXPECT_EQ(x->favourites_count, y->favourites_count) << st.id;
    EXPECT_EQ(x->quotes_count, y->quotes_count) << st.id;
    EXPECT_EQ(x->mention_ids, y->mention_ids);
    EXPECT_EQ(x->tags, y->tags);
  }
  for (const Account& a : w.accounts) {
    auto x = bulk.store().statuses().Stats(a.id);
    auto y = s.statuses().Stats(a.id);
    ASSERT_TRUE(x.ok() && y.ok());
    EXPECT_EQ(x->statuses_count, y->statuses_count);
    EXPECT_EQ(x->last_status_at, y->last_status_at);
    auto fx = bulk.store().relationships().Counts(a.id);
    auto fy = s.relationships().Counts(a.id);
    EXPECT_EQ(fx->followers, fy->followers);
    EXPECT_EQ(fx->following, fy->following);
  }
  for (const auto& c : w.communities) {
    auto x = bulk.store().communities().Get(c.id);
    auto y = s.communities().Get(c.id);
    ASSERT_TRUE(x.ok() && y.ok());
    EXPECT_EQ(x->members_count, y->members_count);
  }
  // The bulk store works as any other afterwards: indexes are back (a
  // timeline query answers) and writes go through.
  auto home = bulk.store().statuses().RecentByAuthors({r->ceo_id}, 0, 5);
  ASSERT_TRUE(home.ok());
  auto page = bulk.store().statuses().PublicTimeline(PageRequest{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->size(), 20u);
}

}  // namespace
}  // namespace atrium::seed
