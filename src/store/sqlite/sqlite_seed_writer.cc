// The SQLite bulk loader.
//
// How it is fast: while it loads, the one writer connection runs without
// the write-ahead log (journal in memory), without fsync and without
// foreign-key checks, with a 2 GiB page cache; the indexes that are not
// uniqueness constraints are dropped first and built again at the end
// (building an index from sorted data is far cheaper than keeping it up to
// date row by row); each batch is one transaction of reused prepared
// statements; counters are computed by a few GROUP BY statements at the end.
// Finish puts WAL, synchronous=FULL and foreign keys back and checkpoints, so
// the store `atrium serve` opens is the same as one filled through the API.
#include "store/sqlite/sqlite_seed_writer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <unordered_map>
#include <utility>

#include "store/sql/rows.h"
#include "store/sql/sql_util.h"
#include "store/sqlite/sqlite_db.h"

namespace atrium::sqlite {

using sql::Guard;

namespace {

class SqliteSeedWriter : public SeedWriter {
 public:
  explicit SqliteSeedWriter(std::unique_ptr<SqliteDb> db) : owned_(std::move(db)), db_(*owned_) {}
  ~SqliteSeedWriter() override {
    if (!finished_) RestoreSettings();
    db_.Close();
  }

  // Checks that the store is empty and switches to loading.
  Status Start() {
    bool empty = false, in_use = false;
    Status st = Guard([&] {
      db_.Exclusive([&](sql::Connection& c) {
        {
          auto s = c.Prepare("SELECT NOT EXISTS (SELECT 1 FROM accounts)");
          empty = s.Step() && s.Bool(0);
        }
        if (!empty) return;
        {
          auto mode = c.Prepare("PRAGMA journal_mode=MEMORY");
          in_use = !mode.Step() || mode.Text(0) != "memory";
        }
        if (in_use) return;
        c.Exec("PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-2097152");
        // Indexes with SQL of their own (not those behind UNIQUE or PRIMARY
        // KEY constraints, which stay) are dropped and rebuilt by Finish.
        auto list = c.Prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name");
        while (list.Step()) dropped_indexes_.emplace_back(list.Text(0), list.Text(1));
        // (the statement is reset when `list` goes, before the drops below)
      });
      if (!empty || in_use) return;
      db_.Exclusive([&](sql::Connection& c) {
        for (const auto& [name, sql] : dropped_indexes_) c.Exec("DROP INDEX \"" + name + "\"");
      });
    });
    if (!st.ok()) return st;
    if (in_use) {
      finished_ = true;
      return Status::Unavailable("Database in use",
                                 "seeding needs the database to itself; stop what uses it");
    }
    if (!empty) {
      RestoreSettings();
      finished_ = true;
      return Status::Conflict("Store not empty",
                              "seeding needs an empty store; this one holds accounts");
    }
    return Status::Ok();
  }

  Status AddAccounts(const std::vector<Account>& accounts) override {
    return Batch([&](sql::Connection& c) {
      for (const Account& a : accounts) sql::InsertAccountRow(c, a);
    });
  }

  Status AddExpertise(const std::vector<SeedExpertise>& expertise) override {
    return Batch([&](sql::Connection& c) {
      for (const SeedExpertise& e : expertise) {
        int position = 0;
        for (const std::string& tag : e.tags)
          c.Prepare("INSERT INTO expertise (account_id, position, tag) VALUES (?, ?, ?)")
              .BindAll(e.account_id, position++, tag)
              .Run();
      }
    });
  }

  Status AddFollows(const std::vector<FollowRecord>& follows) override {
    return Batch([&](sql::Connection& c) {
      for (const FollowRecord& f : follows)
        sql::InsertFollow(c, f.id, f.account_id, f.target_id, f.show_reblogs, f.notify,
                          f.created_at);
    });
  }

  Status AddConnections(const std::vector<SeedConnection>& connections) override {
    return Batch([&](sql::Connection& c) {
      for (const SeedConnection& k : connections) {
        const char* sql =
            "INSERT INTO connections (id, account_id, other_id, created_at) VALUES (?, ?, ?, ?)";
        c.Prepare(sql).BindAll(k.id, k.account_id, k.other_id, k.created_at).Run();
        c.Prepare(sql).BindAll(k.other_row, k.other_id, k.account_id, k.created_at).Run();
      }
    });
  }

  Status AddCommunities(const std::vector<CommunityRecord>& communities) override {
    return Batch([&](sql::Connection& c) {
      for (const CommunityRecord& r : communities) sql::InsertCommunityRow(c, r);
    });
  }

  Status AddMemberships(const std::vector<CommunityMemberRecord>& memberships) override {
    return Batch([&](sql::Connection& c) {
      for (const CommunityMemberRecord& m : memberships) sql::InsertMemberRow(c, m);
    });
  }

  Status AddStatuses(const std::vector<StatusRecord>& statuses) override {
    return Batch([&](sql::Connection& c) {
      for (const StatusRecord& st : statuses) {
        sql::InsertStatusRow(c, st);
        int position = 0;
        for (int64_t account_id : st.mention_ids)
          c.Prepare(
               "INSERT INTO status_mentions (status_id, account_id, position) VALUES (?, ?, ?)")
              .BindAll(st.id, account_id, position++)
              .Run();
        position = 0;
        for (const std::string& name : st.tags) {
          auto [it, added] = tag_ids_.try_emplace(name, static_cast<int64_t>(tag_ids_.size() + 1));
          if (added)
            c.Prepare("INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)")
                .BindAll(it->second, name, st.created_at)
                .Run();
          c.Prepare("INSERT INTO status_tags (status_id, tag_id, position) VALUES (?, ?, ?)")
              .BindAll(st.id, it->second, position++)
              .Run();
        }
      }
    });
  }

  Status AddFavourites(const std::vector<SeedFavourite>& favourites) override {
    return Batch([&](sql::Connection& c) {
      for (const SeedFavourite& f : favourites)
        c.Prepare("INSERT INTO favourites (id, account_id, status_id) VALUES (?, ?, ?)")
            .BindAll(f.id, f.account_id, f.status_id)
            .Run();
    });
  }

  Status AddNotifications(const std::vector<NotificationRecord>& notifications) override {
    return Batch([&](sql::Connection& c) {
      for (const NotificationRecord& n : notifications) sql::InsertNotification(c, n);
    });
  }

  Status Finish(bool verify) override {
    Status st = Batch([&](sql::Connection& c) {
      for (const auto& [name, sql] : dropped_indexes_) {
        spdlog::debug("seed: building index {}", name);
        c.Exec(sql);
      }
      spdlog::info("seed: computing counters");
      // The rules of ApplyCounters (sql/status_store.cc), all at once: a
      // direct post counts nowhere; a community's posts count neither for
      // their author nor on a post they quote; only public and unlisted
      // replies count on their parent.
      c.Exec(R"sql(
UPDATE statuses SET replies_count = n.count FROM (
  SELECT in_reply_to_id AS id, COUNT(*) AS count FROM statuses
  WHERE in_reply_to_id IS NOT NULL AND visibility IN (0, 1) GROUP BY in_reply_to_id) AS n
WHERE statuses.id = n.id;
UPDATE statuses SET reblogs_count = n.count FROM (
  SELECT reblog_of_id AS id, COUNT(*) AS count FROM statuses
  WHERE reblog_of_id IS NOT NULL AND visibility <> 3 GROUP BY reblog_of_id) AS n
WHERE statuses.id = n.id;
UPDATE statuses SET quotes_count = n.count FROM (
  SELECT quote_of_id AS id, COUNT(*) AS count FROM statuses
  WHERE quote_of_id IS NOT NULL AND visibility <> 3 AND community_id IS NULL
  GROUP BY quote_of_id) AS n
WHERE statuses.id = n.id;
UPDATE statuses SET favourites_count = n.count FROM (
  SELECT status_id AS id, COUNT(*) AS count FROM favourites GROUP BY status_id) AS n
WHERE statuses.id = n.id;
UPDATE accounts SET statuses_count = n.count, last_status_at = n.last FROM (
  SELECT account_id AS id, COUNT(*) AS count, MAX(created_at) AS last FROM statuses
  WHERE visibility <> 3 AND community_id IS NULL GROUP BY account_id) AS n
WHERE accounts.id = n.id;
UPDATE communities SET members_count = n.count FROM (
  SELECT community_id AS id, COUNT(*) AS count FROM community_members
  WHERE state = 0 GROUP BY community_id) AS n
WHERE communities.id = n.id;
)sql");
    });
    if (!st.ok()) return st;
    if (verify) {
      int64_t problems = 0;
      st = Guard([&] {
        db_.Exclusive([&](sql::Connection& c) {
          auto s = c.Prepare("PRAGMA foreign_key_check");
          while (s.Step()) {
            if (problems++ < 10)
              spdlog::error("seed: {} row {} refers to a missing row of {}", s.Text(0), s.Int(1),
                            s.Text(2));
          }
        });
      });
      if (!st.ok()) return st;
      if (problems > 0)
        return Status::Internal("Seed inconsistent",
                                fmt::format("{} rows refer to missing rows", problems));
    }
    RestoreSettings();
    finished_ = true;
    return Status::Ok();
  }

 private:
  // Runs `fn` in one transaction on the writer connection.
  template <typename Fn>
  Status Batch(Fn&& fn) {
    if (finished_) return Status::Internal("Seed finished", "the seed writer was finished");
    return Guard([&] {
      db_.Exclusive([&](sql::Connection& c) {
        c.Exec("BEGIN");
        try {
          fn(c);
          c.Exec("COMMIT");
        } catch (...) {
          sqlite3_exec(Native(c).raw(), "ROLLBACK", nullptr, nullptr, nullptr);
          throw;
        }
      });
    });
  }

  // Back to the settings every other connection of SqliteDb uses.
  void RestoreSettings() {
    Status st = Guard([&] {
      db_.Exclusive([&](sql::Connection& c) {
        c.Exec(
            "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;"
            "PRAGMA journal_mode=WAL");
        sqlite3_wal_checkpoint_v2(Native(c).raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr,
                                  nullptr);
      });
    });
    if (!st.ok()) spdlog::error("seed: cannot restore the store's settings: {}", st.ToString());
  }

  std::unique_ptr<SqliteDb> owned_;
  SqliteDb& db_;
  std::vector<std::pair<std::string, std::string>> dropped_indexes_;
  std::unordered_map<std::string, int64_t> tag_ids_;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<SeedWriter>> OpenSqliteSeedWriter(const std::string& path) {
  std::unique_ptr<SqliteDb> db;
  try {
    db = std::make_unique<SqliteDb>(path, /*readers=*/1);
  } catch (const std::exception& e) {
    return Status::Unavailable("Cannot open the database", e.what());
  }
  auto writer = std::make_unique<SqliteSeedWriter>(std::move(db));
  if (Status st = writer->Start(); !st.ok()) return st;
  return std::unique_ptr<SeedWriter>(std::move(writer));
}

}  // namespace atrium::sqlite
