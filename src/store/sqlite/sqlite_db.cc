#include "store/sqlite/sqlite_db.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/metrics.h"
#include "store/sqlite/search_rank.h"

namespace atrium::sqlite {

static void Check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw SqliteError(sqlite3_extended_errcode(db),
                    fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

sql::DbError::Kind SqliteError::KindOf(int code) {
  int primary = code & 0xff;
  if (primary == SQLITE_CONSTRAINT) return Kind::kConstraint;
  if (primary == SQLITE_BUSY || primary == SQLITE_IOERR || primary == SQLITE_FULL ||
      primary == SQLITE_MISUSE)
    return Kind::kUnavailable;
  return Kind::kOther;
}

void SqliteStatement::Release() {
  if (!cached_) {
    delete this;
    return;
  }
  Reset();
  in_use = false;
}

void SqliteStatement::BindInt(int index, int64_t v) {
  Check(db_, sqlite3_bind_int64(stmt_, index, v), "bind");
}

void SqliteStatement::BindText(int index, std::string_view v) {
  Check(db_,
        sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT),
        "bind");
}

void SqliteStatement::BindNull(int index) { Check(db_, sqlite3_bind_null(stmt_, index), "bind"); }

bool SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Check(db_, rc, "step");
  return false;
}

void SqliteStatement::Run() {
  while (Step()) {
  }
}

std::string SqliteStatement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Connection::Connection(const std::string& path, bool readonly) {
  int flags = SQLITE_OPEN_NOMUTEX |
              (readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, fmt::format("cannot open {}: {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  if (!readonly) {
    Exec("PRAGMA journal_mode=WAL");
  }
  Exec(
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"
      "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824");
  RegisterSearchRank(db_);
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Stmt Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end() || it->second->in_use) {
    sqlite3_stmt* stmt = nullptr;
    Check(db_,
          sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt, nullptr),
          "prepare");
    if (it != cache_.end()) return Stmt(new SqliteStatement(db_, stmt, /*cached=*/false));
    it = cache_
             .emplace(std::string(sql),
                      std::make_unique<SqliteStatement>(db_, stmt, /*cached=*/true))
             .first;
  }
  it->second->in_use = true;
  return Stmt(it->second.get());
}

void Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(db_), msg);
  }
}

SqliteDb::SqliteDb(const std::string& path, int readers) : path_(path), readers_max_(readers) {
  writer_ = std::make_unique<Connection>(path, /*readonly=*/false);
}

SqliteDb::~SqliteDb() { Close(); }

void SqliteDb::Write(const std::function<void(sql::Connection&)>& fn) {
  PendingWrite mine{&fn};
  std::vector<PendingWrite*> batch;
  {
    std::unique_lock lock(queue_mu_);
    pending_.push_back(&mine);
    queue_cv_.wait(lock, [&] { return mine.done || !committing_; });
    if (!mine.done) {
      // Nobody is committing: this writer runs everything waiting, its own
      // closure included.
      committing_ = true;
      const size_t n = std::min(pending_.size(), kMaxBatch);
      batch.assign(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
    }
  }
  if (!batch.empty()) {
    static Histogram& batch_sizes = Metrics::Get().store_group_commit_size.Add({});
    static Histogram& write_seconds =
        Metrics::Get().store_transaction_seconds.Add({{"kind", "write"}});
    const auto started = std::chrono::steady_clock::now();
    RunBatch(batch);
    write_seconds.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    batch_sizes.Observe(static_cast<double>(batch.size()));
    {
      std::lock_guard lock(queue_mu_);
      for (PendingWrite* w : batch) w->done = true;
      committing_ = false;
    }
    queue_cv_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void SqliteDb::RunBatch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard lock(write_mu_);
  sqlite3* db = writer_ ? writer_->raw() : nullptr;
  size_t next = 0;
  while (next < batch.size()) {
    try {
      if (closed_) throw SqliteError(SQLITE_MISUSE, "the database is closed");
      writer_->Prepare("BEGIN IMMEDIATE").Run();
    } catch (...) {
      for (; next < batch.size(); ++next) batch[next]->error = std::current_exception();
      return;
    }
    std::vector<PendingWrite*> in_transaction;
    bool abandoned = false;  // SQLite rolled the whole transaction back
    for (; next < batch.size() && !abandoned; ++next) {
      PendingWrite* w = batch[next];
      try {
        writer_->Prepare("SAVEPOINT atrium_write").Run();
        (*w->fn)(*writer_);
        writer_->Prepare("RELEASE atrium_write").Run();
        in_transaction.push_back(w);
      } catch (...) {
        w->error = std::current_exception();
        if (sqlite3_get_autocommit(db) ||
            sqlite3_exec(db, "ROLLBACK TO atrium_write; RELEASE atrium_write", nullptr, nullptr,
                         nullptr) != SQLITE_OK) {
          sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
          abandoned = true;
        }
      }
    }
    if (abandoned) {
      // The closures before the failing one lost their changes with the
      // transaction: their writers are told so; the rest start a new one.
      const std::exception_ptr lost = std::make_exception_ptr(
          SqliteError(SQLITE_ABORT, "the write was rolled back with a failing write beside it"));
      for (PendingWrite* w : in_transaction) w->error = lost;
      continue;
    }
    try {
      writer_->Prepare("COMMIT").Run();
    } catch (...) {
      const std::exception_ptr failed = std::current_exception();
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      for (PendingWrite* w : in_transaction) w->error = failed;
    }
  }
}

void SqliteDb::Exclusive(const std::function<void(sql::Connection&)>& fn) {
  std::lock_guard lock(write_mu_);
  if (closed_) throw SqliteError(SQLITE_MISUSE, "the database is closed");
  fn(*writer_);
}

void SqliteDb::Read(const std::function<void(sql::Connection&)>& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(pool_mu_);
    if (closed_) throw SqliteError(SQLITE_MISUSE, "the database is closed");
    pool_cv_.wait(lock, [&] { return !idle_readers_.empty() || readers_total_ < readers_max_; });
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    } else {
      ++readers_total_;
    }
  }
  if (!conn) {
    try {
      conn = std::make_unique<Connection>(path_, /*readonly=*/true);
    } catch (...) {
      std::lock_guard lock(pool_mu_);
      --readers_total_;
      pool_cv_.notify_one();
      throw;
    }
  }
  struct Return {
    SqliteDb* db;
    std::unique_ptr<Connection>& conn;
    ~Return() {
      std::lock_guard lock(db->pool_mu_);
      db->idle_readers_.push_back(std::move(conn));
      db->pool_cv_.notify_one();
    }
  } give_back{this, conn};
  fn(*conn);
}

void SqliteDb::ReadTransaction(const std::function<void(sql::Connection&)>& fn) {
  static Histogram& read_seconds = Metrics::Get().store_transaction_seconds.Add({{"kind", "read"}});
  const auto started = std::chrono::steady_clock::now();
  struct Observe {
    std::chrono::steady_clock::time_point started;
    ~Observe() {
      read_seconds.Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
  } observe{started};
  Read([&](sql::Connection& c) {
    c.Prepare("BEGIN").Run();
    try {
      fn(c);
      c.Prepare("COMMIT").Run();
    } catch (...) {
      sqlite3_exec(Native(c).raw(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  });
}

void SqliteDb::Close() {
  std::lock_guard wlock(write_mu_);
  std::lock_guard plock(pool_mu_);
  if (closed_) return;
  closed_ = true;
  idle_readers_.clear();
  if (writer_) {
    sqlite3_wal_checkpoint_v2(writer_->raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr,
                              nullptr);
    writer_.reset();
  }
}

}  // namespace atrium::sqlite
