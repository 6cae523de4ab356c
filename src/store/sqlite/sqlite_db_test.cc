#include "store/sqlite/sqlite_db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/test_store.h"

namespace atrium::sqlite {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("atrium-sqlite-db-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<SqliteDb>((dir_ / "test.db").string());
    db_->Exclusive(
        [](sql::Connection& c) { c.Exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"); });
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The row `k` as a reader sees it (committed data only).
  bool Committed(int64_t k) {
    bool found = false;
    db_->Read([&](sql::Connection& c) {
      auto s = c.Prepare("SELECT 1 FROM t WHERE k = ?");
      s.Bind(1, k);
      found = s.Step();
    });
    return found;
  }
  int64_t Count() {
    int64_t n = 0;
    db_->Read([&](sql::Connection& c) {
      auto s = c.Prepare("SELECT COUNT(*) FROM t");
      if (s.Step()) n = s.Int(0);
    });
    return n;
  }
  void Insert(sql::Connection& c, int64_t k) {
    c.Prepare("INSERT INTO t (k, v) VALUES (?, 'x')").Bind(1, k).Run();
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(SqliteDbTest, EveryConcurrentWriteIsCommittedBeforeItsCallerReturns) {
  constexpr int kThreads = 8, kWrites = 50;
  std::atomic<int> unseen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const int64_t k = t * 1000 + i;
        db_->Write([&](sql::Connection& c) { Insert(c, k); });
        if (!Committed(k)) ++unseen;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(unseen.load(), 0);
  EXPECT_EQ(Count(), kThreads * kWrites);
}

TEST_F(SqliteDbTest, AFailingWriteInABatchRollsBackOnlyItself) {
  // The first writer holds the transaction open until the others are
  // waiting, so that they are committed together.
  constexpr int kWaiting = 6;
  std::latch holding(1), started(kWaiting), release(1);
  std::thread first([&] {
    db_->Write([&](sql::Connection& c) {
      Insert(c, 1);
      holding.count_down();
      release.wait();
    });
  });
  holding.wait();
  std::atomic<int> thrown{0};
  std::vector<std::thread> others;
  for (int t = 0; t < kWaiting; ++t)
    others.emplace_back([&, t] {
      started.count_down();
      try {
        db_->Write([&](sql::Connection& c) {
          Insert(c, 100 + t);
          if (t == 2) {
            Insert(c, 200);
            throw std::runtime_error("refused");
          }
          if (t == 4) Insert(c, 1);  // a constraint error: the row exists
        });
      } catch (const std::runtime_error& e) {
        ++thrown;
        if (t == 2) {
          EXPECT_STREQ(e.what(), "refused");
        }
        if (t == 4) {
          EXPECT_TRUE(dynamic_cast<const SqliteError*>(&e) != nullptr);
        }
      }
    });
  started.wait();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let them queue
  release.count_down();
  first.join();
  for (auto& th : others) th.join();

  EXPECT_EQ(thrown.load(), 2);
  EXPECT_TRUE(Committed(1));
  for (int t = 0; t < kWaiting; ++t) EXPECT_EQ(Committed(100 + t), t != 2 && t != 4) << t;
  EXPECT_FALSE(Committed(200));
  EXPECT_EQ(Count(), 1 + kWaiting - 2);
}

TEST_F(SqliteDbTest, AFailingWriteAloneRollsBackAndTheNextCommits) {
  EXPECT_THROW(db_->Write([&](sql::Connection& c) {
    Insert(c, 7);
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  EXPECT_FALSE(Committed(7));
  db_->Write([&](sql::Connection& c) { Insert(c, 8); });
  EXPECT_TRUE(Committed(8));
}

TEST_F(SqliteDbTest, WritingToAClosedDatabaseThrows) {
  db_->Close();
  EXPECT_THROW(db_->Write([&](sql::Connection& c) { Insert(c, 1); }), SqliteError);
}

TEST(SqliteDbStatements, TheSameSqlMayBeBorrowedTwiceAtOnce) {
  TestStore t;  // only for its temporary folder
  sqlite::SqliteDb db(t.dir() + "/nested.db");
  db.Write([](sql::Connection& c) {
    c.Exec("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3)");
  });
  int64_t pairs = 0;
  db.Read([&](sql::Connection& c) {
    std::string sql = "SELECT v FROM n ORDER BY v";  // built at run time
    auto outer = c.Prepare(sql);
    while (outer.Step()) {
      auto inner = c.Prepare(std::string("SELECT v FROM n ORDER BY v"));
      while (inner.Step()) pairs += outer.Int(0) * 10 + inner.Int(0);
    }
  });
  // (1+2+3)*10*3 + (1+2+3)*3
  EXPECT_EQ(pairs, 198);
}

}  // namespace
}  // namespace atrium::sqlite
