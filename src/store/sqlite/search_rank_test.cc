#include "store/sqlite/search_rank.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace atrium::sqlite {
namespace {

// An in-memory database with a two-column FTS5 table like search_posts.
class SearchRankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    RegisterSearchRank(db_);
    Exec("CREATE VIRTUAL TABLE p USING fts5(title, body)");
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"", "thanks for the quick update"},
        {"Quarterly update", "thanks team, the update is out"},
        {"", "thanks thanks thanks"},
        {"", "a much longer post that says thanks once among many other words about planning"},
        {"Planning", "planning the offsite with the team"},
        {"", "nothing to see here"},
        {"", "quick quick update update"},
    };
    for (const auto& [title, body] : rows) {
      sqlite3_stmt* s = nullptr;
      ASSERT_EQ(
          sqlite3_prepare_v2(db_, "INSERT INTO p (title, body) VALUES (?, ?)", -1, &s, nullptr),
          SQLITE_OK);
      sqlite3_bind_text(s, 1, title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 2, body.c_str(), -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
      sqlite3_finalize(s);
    }
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
  }
  int64_t Count(const std::string& match) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_, "SELECT count(*) FROM p WHERE p MATCH ?", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
  }
  // (rowid, -bm25, atrium_bm25) of every row `match` finds, atrium_bm25
  // given `counts` after the weights.
  std::vector<std::tuple<int64_t, double, double>> Scores(const std::string& match,
                                                          const std::vector<int64_t>& counts) {
    std::string sql = "SELECT rowid, -bm25(p, 4.0, 1.0), atrium_bm25(p, 4.0, 1.0";
    for (size_t i = 0; i < counts.size(); ++i) sql += ", ?";
    sql += ") FROM p WHERE p MATCH ? ORDER BY rowid";
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    int i = 0;
    for (int64_t c : counts) sqlite3_bind_int64(s, ++i, c);
    sqlite3_bind_text(s, ++i, match.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::tuple<int64_t, double, double>> out;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      out.emplace_back(sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1),
                       sqlite3_column_double(s, 2));
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(s);
    return out;
  }
  void ExpectSameAsBm25(const std::vector<std::tuple<int64_t, double, double>>& scores) {
    ASSERT_FALSE(scores.empty());
    for (const auto& [row, bm25, ours] : scores) {
      EXPECT_GT(ours, 0) << "row " << row;
      EXPECT_NEAR(ours, bm25, 1e-9 * std::abs(bm25)) << "row " << row;
    }
  }

  sqlite3* db_ = nullptr;
};

TEST_F(SearchRankTest, GivenEachPhrasesCountItScoresAsFts5Bm25) {
  ExpectSameAsBm25(Scores("\"thanks\"", {Count("\"thanks\"")}));
  ExpectSameAsBm25(Scores("\"update\"", {Count("\"update\"")}));
  ExpectSameAsBm25(
      Scores("(\"thanks\" AND \"update\")", {Count("\"thanks\""), Count("\"update\"")}));
  ExpectSameAsBm25(Scores("(\"quick update\")", {Count("\"quick update\"")}));
  ExpectSameAsBm25(Scores("(\"plan\" *)", {Count("\"plan\" *")}));
  // An excluded phrase is in none of the rows found: its count changes nothing.
  ExpectSameAsBm25(Scores("(\"thanks\") NOT \"team\"", {Count("\"thanks\""), 0}));
}

TEST_F(SearchRankTest, ItUsesTheCountsItIsGiven) {
  // A phrase said to be rarer weighs more: the same rows, higher scores.
  const auto exact = Scores("\"thanks\"", {Count("\"thanks\"")});
  const auto rarer = Scores("\"thanks\"", {1});
  ASSERT_EQ(exact.size(), rarer.size());
  for (size_t i = 0; i < exact.size(); ++i)
    EXPECT_GT(std::get<2>(rarer[i]), std::get<2>(exact[i]) * 1.5);
}

TEST_F(SearchRankTest, WithoutOneCountPerPhraseItCountsThemItself) {
  ExpectSameAsBm25(Scores("(\"thanks\" AND \"update\")", {}));
  ExpectSameAsBm25(Scores("(\"thanks\" AND \"update\")", {7}));
  ExpectSameAsBm25(Scores("\"thanks\"", {}));
}

TEST_F(SearchRankTest, WithoutAWeightPerColumnItIsAnError) {
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db_, "SELECT atrium_bm25(p, 4.0) FROM p WHERE p MATCH 'thanks'", -1,
                               &s, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_step(s), SQLITE_ERROR);
  EXPECT_NE(std::string(sqlite3_errmsg(db_)).find("one weight per column"), std::string::npos);
  sqlite3_finalize(s);
}

}  // namespace
}  // namespace atrium::sqlite
