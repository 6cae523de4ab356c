// Backing up a data folder whose store is open, and restoring it: the same
// rows and media files come back; a damaged, incomplete or too new backup
// and a target that holds files are refused with nothing changed.
#include "store/backup.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_db.h"
#include "store/test_store.h"
#include "store/transfer.h"

namespace atrium {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Replaces the first `from` in `p` by `to`.
void Edit(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = ReadAll(p);
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  WriteAll(p, text.replace(at, from.size(), to));
}

class Backup : public ::testing::Test {
 protected:
  void SetUp() override {
    Store& store = source_.store();
    for (int64_t id = 1; id <= 30; ++id) {
      Account a;
      a.id = id;
      a.username = "person" + std::to_string(id);
      a.display_name = "Person " + std::to_string(id);
      a.email = a.username + "@example.com";
      a.created_at = a.updated_at = 1000 + id;
      ASSERT_TRUE(store.accounts().Create(a).ok());
    }
    ASSERT_TRUE(store.directory().SetExpertise(1, {"databases", "backups"}).ok());
    ASSERT_TRUE(store.directory().Endorse(2, 1, "databases", 5).ok());
    media_ = fs::path(source_.dir()) / "media" / "avatars";
    fs::create_directories(media_);
    WriteAll(media_ / "1-abc.png", "\x89PNG picture of person 1");
    WriteAll(media_ / "2-def.jpg", std::string(70000, 'j'));
    WriteAll(media_ / "3-ghi.png.tmp", "half written");
    backup_ = fs::path(work_.dir()) / "backup";
    target_ = fs::path(work_.dir()) / "restored";
  }

  Settings TargetSettings() const {
    Settings s;
    s.data_dir = target_.string();
    return s;
  }

  // Backs up the source (its store open, as while serving) into backup_.
  void BackUp(BackupManifest* out = nullptr) {
    auto m = BackUpDataFolder(source_.settings(), backup_);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    if (out) *out = *m;
  }

  // Restores into the target; on success, checks nothing more.
  Result<RestoreResult> Restore(bool force = false) {
    return RestoreDataFolder(TargetSettings(), backup_, force);
  }

  void ExpectRefused(const Result<RestoreResult>& r, const std::string& error) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kBadRequest);
    EXPECT_EQ(r.status().error(), error) << r.status().description();
  }

  // The target's files, or empty when it does not exist.
  std::vector<std::string> TargetFiles() const {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(target_, ec)) return out;
    for (auto& e : fs::recursive_directory_iterator(target_))
      out.push_back(e.path().lexically_relative(target_).generic_string());
    std::sort(out.begin(), out.end());
    return out;
  }

  // Nothing was left beside the target by a refused restore.
  void ExpectNothingBeside() const {
    for (auto& e : fs::directory_iterator(work_.dir()))
      EXPECT_EQ(e.path().filename().string().find(".restored.restoring"), std::string::npos)
          << e.path();
  }

  TestStore source_;
  TestStore work_;  // a folder to back up into and restore into
  fs::path media_, backup_, target_;
};

TEST_F(Backup, RestoreGivesBackEveryRowAndMediaFile) {
  BackupManifest m;
  ASSERT_NO_FATAL_FAILURE(BackUp(&m));
  EXPECT_EQ(m.schema_version, source_.store().LatestSchemaVersion());
  EXPECT_EQ(m.atrium_version, ATRIUM_VERSION);
  // The database, then the finished media files; each with its size and hash.
  ASSERT_EQ(m.files.size(), 3u);
  EXPECT_EQ(m.files[0].path, "atrium.db");
  EXPECT_EQ(m.files[1].path, "media/avatars/1-abc.png");
  EXPECT_EQ(m.files[2].path, "media/avatars/2-def.jpg");
  for (const BackupFile& f : m.files) {
    std::string bytes = ReadAll(backup_ / f.path);
    EXPECT_EQ(f.bytes, static_cast<int64_t>(bytes.size())) << f.path;
    EXPECT_EQ(f.sha256, Sha256Hex(bytes)) << f.path;
  }
  auto read = ReadBackupManifest(backup_);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->files.size(), 3u);
  EXPECT_EQ(read->files[2].sha256, m.files[2].sha256);

  auto restored = Restore();
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_TRUE(restored->replaced.empty());
  EXPECT_EQ(TargetFiles(),
            (std::vector<std::string>{"atrium.db", "media", "media/avatars",
                                      "media/avatars/1-abc.png", "media/avatars/2-def.jpg"}));
  EXPECT_EQ(ReadAll(target_ / "media/avatars/2-def.jpg"), std::string(70000, 'j'));

  // Every table holds the same rows as the source.
  auto opened = OpenStore(TargetSettings());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto a = SummarizeStore(source_.store()), b = SummarizeStore(**opened);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->tables.size(), b->tables.size());
  for (size_t i = 0; i < a->tables.size(); ++i) {
    EXPECT_EQ(a->tables[i].name, b->tables[i].name);
    EXPECT_EQ(a->tables[i].rows, b->tables[i].rows) << a->tables[i].name;
    EXPECT_EQ(a->tables[i].digest, b->tables[i].digest) << a->tables[i].name;
  }
  auto person = (*opened)->accounts().Get(30);
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->display_name, "Person 30");
}

TEST_F(Backup, RefusesAFolderThatHoldsFilesAndAPostgresStore) {
  fs::create_directories(backup_);
  WriteAll(backup_ / "notes.txt", "mine");
  auto busy = BackUpDataFolder(source_.settings(), backup_);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().error(), "Backup folder not empty");
  EXPECT_EQ(ReadAll(backup_ / "notes.txt"), "mine");

  auto inside = BackUpDataFolder(source_.settings(), fs::path(source_.dir()) / "backups" / "b");
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().error(), "Backup folder inside the data folder");

  Settings pg = source_.settings();
  pg.database = "postgres://atrium:secret@db.example.com/atrium";
  auto refused = BackUpDataFolder(pg, fs::path(work_.dir()) / "pg-backup");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kBadRequest);
  EXPECT_NE(refused.status().description().find("docs/DEPLOYMENT.md"), std::string::npos);
  EXPECT_EQ(refused.status().description().find("secret"), std::string::npos);
  EXPECT_FALSE(fs::exists(fs::path(work_.dir()) / "pg-backup"));
}

TEST_F(Backup, RestoreRefusesAChangedFile) {
  ASSERT_NO_FATAL_FAILURE(BackUp());
  // One byte of a media file changed, its size kept.
  std::string bytes = ReadAll(backup_ / "media/avatars/2-def.jpg");
  ASSERT_EQ(bytes.size(), 70000u);
  bytes[35000] = 'k';
  WriteAll(backup_ / "media/avatars/2-def.jpg", bytes);
  auto r = Restore();
  ExpectRefused(r, "Backup damaged");
  EXPECT_NE(r.status().description().find("media/avatars/2-def.jpg"), std::string::npos);
  EXPECT_TRUE(TargetFiles().empty());
  ExpectNothingBeside();
}

TEST_F(Backup, RestoreRefusesADamagedDatabaseEvenWithAMatchingManifest) {
  BackupManifest m;
  ASSERT_NO_FATAL_FAILURE(BackUp(&m));
  // An index of the database declared on another column than its entries
  // are, and the manifest made to agree: only the integrity check can tell.
  {
    sqlite::Connection db((backup_ / "atrium.db").string(), /*readonly=*/false);
    db.Exec(
        "PRAGMA journal_mode=DELETE; PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = "
        "replace(sql, '(title', '(username') WHERE name = 'accounts_title'");
  }
  std::string db = ReadAll(backup_ / "atrium.db");
  Edit(backup_ / "manifest.json",
       fmt::format("\"bytes\":{},\"sha256\":\"{}\"", m.files[0].bytes, m.files[0].sha256),
       fmt::format("\"bytes\":{},\"sha256\":\"{}\"", db.size(), Sha256Hex(db)));
  auto r = Restore();
  ExpectRefused(r, "Backup damaged");
  EXPECT_NE(r.status().description().find("integrity_check"), std::string::npos)
      << r.status().description();
  EXPECT_TRUE(TargetFiles().empty());
  ExpectNothingBeside();
}

TEST_F(Backup, RestoreRefusesAMissingFileAnIncompleteBackupAndANewerSchema) {
  ASSERT_NO_FATAL_FAILURE(BackUp());
  fs::rename(backup_ / "media/avatars/1-abc.png", fs::path(work_.dir()) / "moved.png");
  ExpectRefused(Restore(), "Backup damaged");
  fs::rename(fs::path(work_.dir()) / "moved.png", backup_ / "media/avatars/1-abc.png");

  const int latest = sqlite::LatestSchemaVersion();
  Edit(backup_ / "manifest.json", "\"schema_version\":" + std::to_string(latest),
       "\"schema_version\":" + std::to_string(latest + 1));
  ExpectRefused(Restore(), "Backup too new");

  Edit(backup_ / "manifest.json", "\"path\":\"media/avatars/1-abc.png\"",
       "\"path\":\"media/../../outside.png\"");
  ExpectRefused(Restore(), "Backup damaged");

  fs::remove(backup_ / "manifest.json");
  ExpectRefused(Restore(), "Not a backup");
  EXPECT_TRUE(TargetFiles().empty());
  ExpectNothingBeside();
}

TEST_F(Backup, RestoreReplacesAFolderThatHoldsFilesOnlyWithForce) {
  ASSERT_NO_FATAL_FAILURE(BackUp());
  fs::create_directories(target_);
  WriteAll(target_ / "atrium.db", "the present store");
  ExpectRefused(Restore(), "Data folder not empty");
  EXPECT_EQ(TargetFiles(), std::vector<std::string>{"atrium.db"});
  EXPECT_EQ(ReadAll(target_ / "atrium.db"), "the present store");

  auto forced = Restore(/*force=*/true);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  ASSERT_FALSE(forced->replaced.empty());
  EXPECT_EQ(ReadAll(forced->replaced / "atrium.db"), "the present store");
  EXPECT_TRUE(sqlite::CheckDatabase((target_ / "atrium.db").string()).ok());
  EXPECT_EQ(TargetFiles().size(), 5u);

  // An empty folder is no obstacle, and nothing is set aside for it.
  fs::path empty = fs::path(work_.dir()) / "empty";
  fs::create_directories(empty);
  Settings s;
  s.data_dir = empty.string();
  auto into_empty = RestoreDataFolder(s, backup_, false);
  ASSERT_TRUE(into_empty.ok()) << into_empty.status().ToString();
  EXPECT_TRUE(into_empty->replaced.empty());
  EXPECT_TRUE(fs::exists(empty / "atrium.db"));
}

}  // namespace
}  // namespace atrium
