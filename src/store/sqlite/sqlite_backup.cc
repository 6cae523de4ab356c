#include "store/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <utility>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_migrations.h"

namespace atrium::sqlite {
namespace fs = std::filesystem;
namespace {

// A BUSY or LOCKED step is tried again after this long, this many times.
constexpr auto kBusyPause = std::chrono::milliseconds(20);
constexpr int kBusyRetries = 500;

// How many of integrity_check's findings an error message quotes.
constexpr int kProblemsShown = 20;

// For integrity_check's "NULL value in TABLE.COLUMN", the table and column.
// SQLite 3.40 reports such a line for every row of a WITHOUT ROWID table
// whose NOT NULL column follows the key's columns, wrongly; CheckDatabase
// therefore asks the table itself whether the column holds a NULL.
std::optional<std::pair<std::string, std::string>> NullReport(const std::string& line) {
  static constexpr std::string_view kPrefix = "NULL value in ";
  if (line.rfind(kPrefix, 0) != 0) return std::nullopt;
  const size_t dot = line.rfind('.');
  if (dot == std::string::npos || dot < kPrefix.size()) return std::nullopt;
  return std::pair(line.substr(kPrefix.size(), dot - kPrefix.size()), line.substr(dot + 1));
}

std::string QuoteName(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int SchemaVersionOf(Connection& db) {
  auto has = db.Prepare(
      "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!has.Step() || has.Int(0) == 0) return 0;
  auto s = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return s.Step() ? static_cast<int>(s.Int(0)) : 0;
}

Status SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    int err = errno;
    if (fd >= 0) ::close(fd);
    return Status::Unavailable("Cannot sync the database copy",
                               path + ": " + std::generic_category().message(err));
  }
  ::close(fd);
  return Status::Ok();
}

// Runs the online backup from `src` (inside its read transaction) into
// `dest`, in steps. Throws SqliteError.
void RunBackup(Connection& src, sqlite3* dest, const CopyOptions& options, DatabaseCopy& out) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", src.raw(), "main");
  if (!backup) throw SqliteError(sqlite3_extended_errcode(dest), sqlite3_errmsg(dest));
  int rc = SQLITE_OK;
  int busy = 0;
  while (true) {
    rc = sqlite3_backup_step(backup, std::max(1, options.pages_per_step));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (++busy > kBusyRetries) break;
      std::this_thread::sleep_for(kBusyPause);
      continue;
    }
    busy = 0;
    const int total = sqlite3_backup_pagecount(backup);
    if (options.progress) options.progress(total - sqlite3_backup_remaining(backup), total);
    if (rc != SQLITE_OK) break;
  }
  out.pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw SqliteError(rc, fmt::format("backup step: {}", sqlite3_errstr(rc)));
  int finished = sqlite3_errcode(dest);
  if (finished != SQLITE_OK) throw SqliteError(finished, sqlite3_errmsg(dest));
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> CheckDatabase(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return Status::NotFound("No database", path + " is missing or not a file");
  try {
    Connection db(path, /*readonly=*/true);
    std::string problems;
    int count = 0;
    std::set<std::pair<std::string, std::string>> null_reports;
    {
      auto check = db.Prepare("PRAGMA integrity_check(2147483647)");
      while (check.Step()) {
        std::string line = check.Text(0);
        if (line == "ok") continue;
        if (auto column = NullReport(line)) {
          null_reports.insert(*column);
          continue;
        }
        if (count++ < kProblemsShown) problems += (count > 1 ? "; " : "") + line;
      }
    }
    for (const auto& [table, column] : null_reports) {
      // typeof(), not IS NULL, which the planner knows a NOT NULL column is not.
      auto nulls = db.Prepare(fmt::format("SELECT 1 FROM {} WHERE typeof({}) = 'null' LIMIT 1",
                                          QuoteName(table), QuoteName(column)));
      if (nulls.Step() && count++ < kProblemsShown)
        problems += (count > 1 ? "; " : "") + ("NULL value in " + table + "." + column);
    }
    if (count > 0)
      return Status::BadRequest(
          "Database damaged",
          fmt::format("{} fails PRAGMA integrity_check ({} findings): {}", path, count, problems));
    {
      auto fk = db.Prepare("PRAGMA foreign_key_check");
      if (fk.Step())
        return Status::BadRequest(
            "Database damaged",
            fmt::format("{} fails PRAGMA foreign_key_check: a row of {} refers to a missing row "
                        "of {}",
                        path, fk.Text(0), fk.Text(2)));
    }
    const int version = SchemaVersionOf(db);
    if (version <= 0)
      return Status::BadRequest("Not an Atrium database",
                                path + " holds no schema_migrations table");
    return version;
  } catch (const SqliteError& e) {
    return Status::BadRequest("Database damaged", path + " cannot be read: " + e.what());
  }
}

Result<DatabaseCopy> CopyDatabase(const std::string& source, const std::string& target,
                                  const CopyOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec))
    return Status::NotFound("No database", source + " is missing or not a file");
  if (fs::exists(target, ec)) return Status::BadRequest("Copy exists", target + " exists already");
  DatabaseCopy out;
  sqlite3* dest = nullptr;
  auto fail = [&](Status st) -> Result<DatabaseCopy> {
    if (dest) sqlite3_close_v2(dest);
    dest = nullptr;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(target + suffix, ec);
    return st;
  };
  try {
    Connection src(source, /*readonly=*/true);
    // The snapshot: a read transaction held until the copy is done.
    src.Exec("BEGIN");
    src.Prepare("SELECT COUNT(*) FROM sqlite_schema").Step();
    if (sqlite3_open_v2(target.c_str(), &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
      return fail(Status::Unavailable("Cannot create the database copy",
                                      target + ": " + sqlite3_errmsg(dest)));
    RunBackup(src, dest, options, out);
    src.Exec("COMMIT");
    // The copy's header says WAL, as its source's does: make it one file.
    char* err = nullptr;
    if (sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "journal_mode";
      sqlite3_free(err);
      return fail(Status::Unavailable("Cannot finish the database copy", target + ": " + msg));
    }
    sqlite3_close_v2(dest);
    dest = nullptr;
  } catch (const SqliteError& e) {
    if ((e.code() & 0xff) == SQLITE_NOTADB)
      return fail(Status::NotFound("No database", source + " is not a SQLite database"));
    return fail(Status::Unavailable("Cannot copy the database", e.what()));
  }
  auto version = CheckDatabase(target);
  if (!version.ok())
    return fail(
        Status::Internal("The database copy fails its check", version.status().description()));
  out.schema_version = *version;
  out.bytes = static_cast<int64_t>(fs::file_size(target, ec));
  if (Status st = SyncFile(target); !st.ok()) return fail(st);
  return out;
}

}  // namespace atrium::sqlite
