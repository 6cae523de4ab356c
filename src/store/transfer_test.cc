// Export and import between every pair of backends: values that are hard to
// carry (text that looks like COPY's escapes, NULL beside empty text, the
// extremes of int64, a manager who comes after their report), a target
// that is not empty, and an export changed after it was written.
#include "store/transfer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <utility>

#include "store/test_store.h"

namespace atrium {
namespace {

namespace fs = std::filesystem;

using BackendPair = std::pair<TestBackend, TestBackend>;

class Transfer : public ::testing::TestWithParam<BackendPair> {
 protected:
  void SetUp() override {
    if (!TestBackendAvailable(GetParam().first) || !TestBackendAvailable(GetParam().second))
      GTEST_SKIP() << "ATRIUM_TEST_POSTGRES_URL is not set";
    from_ = std::make_unique<TestStore>(GetParam().first);
    to_ = std::make_unique<TestStore>(GetParam().second);
    export_dir_ = fs::path(from_->dir()) / "export";
  }

  Account MakeAccount(int64_t id, const std::string& name) {
    Account a;
    a.id = id;
    a.username = name;
    a.display_name = name;
    a.email = name + "@example.com";
    a.created_at = a.updated_at = 1000 + id;
    return a;
  }

  std::unique_ptr<TestStore> from_, to_;
  fs::path export_dir_;
};

std::string PairName(const ::testing::TestParamInfo<BackendPair>& info) {
  return std::string(TestBackendName(info.param.first)) + "To" + TestBackendName(info.param.second);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, Transfer,
    ::testing::Values(BackendPair{TestBackend::kSqlite, TestBackend::kPostgres},
                      BackendPair{TestBackend::kPostgres, TestBackend::kSqlite},
                      BackendPair{TestBackend::kSqlite, TestBackend::kSqlite}),
    PairName);

TEST_P(Transfer, EveryValueArrivesAsItWas) {
  Store& src = from_->store();
  // The report first, the manager later: loaded before their manager exists.
  Account report = MakeAccount(10, "report");
  report.note = "\\N is not NULL; tab\there, new line\nand \\. alone, back\\slash, ünï 🎉";
  report.title = "";  // empty, not NULL
  ASSERT_TRUE(src.accounts().Create(report).ok());
  Account boss = MakeAccount(20, "boss");
  boss.email = "";  // stored as NULL
  boss.created_at = INT64_MAX;
  boss.updated_at = INT64_MIN;
  ASSERT_TRUE(src.accounts().Create(boss).ok());
  report.manager_id = 20;
  ASSERT_TRUE(src.accounts().Update(report).ok());
  ASSERT_TRUE(src.directory().SetExpertise(10, {"databases", "c++"}).ok());
  ASSERT_TRUE(src.directory().Endorse(20, 10, "databases", 5).ok());
  fs::create_directories(fs::path(from_->dir()) / "media" / "avatars");
  std::ofstream(fs::path(from_->dir()) / "media" / "avatars" / "10-a.png") << "picture";

  auto exported = ExportStore(src, fs::path(from_->dir()) / "media", export_dir_);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_EQ(exported->media_files, 1);

  auto imported = ImportStore(to_->store(), export_dir_, fs::path(to_->dir()) / "media");
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();

  auto r = to_->store().accounts().Get(10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->note, report.note);
  EXPECT_EQ(r->title, "");
  EXPECT_EQ(r->manager_id, 20);
  auto b = to_->store().accounts().Get(20);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->email, "");
  EXPECT_EQ(b->created_at, INT64_MAX);
  EXPECT_EQ(b->updated_at, INT64_MIN);
  auto endorsers = to_->store().directory().Endorsers(10, "databases");
  ASSERT_TRUE(endorsers.ok());
  EXPECT_EQ(*endorsers, std::vector<int64_t>{20});
  std::ifstream copied(fs::path(to_->dir()) / "media" / "avatars" / "10-a.png");
  std::stringstream bytes;
  bytes << copied.rdbuf();
  EXPECT_EQ(bytes.str(), "picture");

  // Both stores now summarize alike, table by table (over the columns both
  // backends have).
  auto a = SummarizeStore(src), c = SummarizeStore(to_->store());
  ASSERT_TRUE(a.ok() && c.ok());
  ASSERT_EQ(a->tables.size(), c->tables.size());
  for (size_t i = 0; i < a->tables.size(); ++i) {
    EXPECT_EQ(a->tables[i].name, c->tables[i].name);
    EXPECT_EQ(a->tables[i].rows, c->tables[i].rows) << a->tables[i].name;
    if (a->tables[i].columns == c->tables[i].columns) {
      EXPECT_EQ(a->tables[i].digest, c->tables[i].digest) << a->tables[i].name;
    }
  }

  // The target numbers new rows after the imported ones (endorsements is an
  // identity-numbered table on PostgreSQL).
  ASSERT_TRUE(to_->store().directory().SetExpertise(20, {"leadership"}).ok());
  auto again = to_->store().directory().Endorse(10, 20, "leadership", 6);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again);
}

TEST_P(Transfer, RefusesATargetThatHoldsData) {
  ASSERT_TRUE(from_->store().accounts().Create(MakeAccount(1, "ann")).ok());
  ASSERT_TRUE(to_->store().accounts().Create(MakeAccount(2, "bob")).ok());
  ASSERT_TRUE(ExportStore(from_->store(), fs::path(from_->dir()) / "media", export_dir_).ok());
  auto imported = ImportStore(to_->store(), export_dir_, fs::path(to_->dir()) / "media");
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), Code::kBadRequest);
  EXPECT_FALSE(to_->store().accounts().Get(1).ok());
  EXPECT_TRUE(to_->store().accounts().Get(2).ok());
}

TEST_P(Transfer, AChangedExportLoadsNothing) {
  for (int i = 1; i <= 3; ++i)
    ASSERT_TRUE(from_->store().accounts().Create(MakeAccount(i, "p" + std::to_string(i))).ok());
  ASSERT_TRUE(ExportStore(from_->store(), fs::path(from_->dir()) / "media", export_dir_).ok());
  // The accounts file loads (its rows are valid) but no longer matches the
  // manifest: the import must not commit the rows it did load.
  const fs::path file = export_dir_ / "tables" / "accounts.jsonl";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  in.close();
  std::string changed = text.str();
  changed.replace(changed.find("p1@example.com"), 14, "p9@example.com");
  std::ofstream(file, std::ios::trunc) << changed;

  auto imported = ImportStore(to_->store(), export_dir_, fs::path(to_->dir()) / "media");
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), Code::kBadRequest);
  EXPECT_NE(imported.status().ToString().find("changed or cut short"), std::string::npos)
      << imported.status().ToString();
  auto count = to_->store().accounts().Count(false);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_P(Transfer, RefusesAFolderThatHoldsFiles) {
  fs::create_directories(export_dir_);
  std::ofstream(export_dir_ / "notes.txt") << "mine";
  auto exported = ExportStore(from_->store(), fs::path(from_->dir()) / "media", export_dir_);
  ASSERT_FALSE(exported.ok());
  EXPECT_EQ(exported.status().code(), Code::kBadRequest);
  EXPECT_FALSE(fs::exists(export_dir_ / "manifest.json"));
}

}  // namespace
}  // namespace atrium
