#include "store/postgres/pg_db.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "base/metrics.h"

namespace atrium::pg {
namespace {

constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;

// A transaction that lost a serialization conflict runs again, at most this
// many times in all, after a random pause that doubles with each attempt up
// to kMaxPauseMs: twenty posts at once by one author conflict on the same
// rows, and a fixed short pause let the same losers collide again until
// they gave up.
constexpr int kMaxAttempts = 20;
constexpr int kMaxPauseMs = 200;

// libpq's messages span lines ("…failed: …\n\tIs the server running…");
// logs and the command line want one.
std::string OneLine(std::string_view message) {
  std::string out;
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

sql::DbError::Kind PgError::KindOf(const std::string& sqlstate, bool connection_lost) {
  auto starts = [&](const char* prefix) { return sqlstate.rfind(prefix, 0) == 0; };
  if (starts("23")) return Kind::kConstraint;
  if (connection_lost || starts("08") || starts("53") || starts("57P") || IsRetryable(sqlstate) ||
      sqlstate == "25006")
    return Kind::kUnavailable;
  return Kind::kOther;
}

std::string ToDollarPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    int number = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
      number = number * 10 + (sql[j++] - '0');
    if (j == i + 1) number = highest + 1;  // a bare '?' is the next number, as in SQLite
    highest = std::max(highest, number);
    out += '$';
    out += std::to_string(number);
    i = j - 1;
  }
  if (count) *count = highest;
  return out;
}

// ---------------------------------------------------------------- PgStatement

PgStatement::~PgStatement() {
  if (result_) PQclear(result_);
}

void PgStatement::Set(int index, std::optional<std::string> value, Oid type) {
  if (index < 1) throw PgError("", false, "parameter numbers start at 1");
  size_t i = static_cast<size_t>(index - 1);
  if (values_.size() <= i) {
    values_.resize(i + 1);
    types_.resize(i + 1, 0);
  }
  values_[i] = std::move(value);
  types_[i] = type;
}

void PgStatement::BindInt(int index, int64_t v) { Set(index, std::to_string(v), kInt8Oid); }

void PgStatement::BindText(int index, std::string_view v) { Set(index, std::string(v), kTextOid); }

void PgStatement::BindNull(int index) { Set(index, std::nullopt, 0); }

void PgStatement::Execute() {
  if (result_) return;
  result_ = conn_->Execute(sql_, types_, values_);
  row_ = -1;
}

bool PgStatement::Step() {
  Execute();
  if (row_ < PQntuples(result_)) ++row_;
  return row_ < PQntuples(result_);
}

void PgStatement::Run() { Execute(); }

int PgStatement::Changes() const {
  if (!result_) return 0;
  return std::atoi(PQcmdTuples(result_));
}

int64_t PgStatement::Int(int col) const {
  if (IsNull(col)) return 0;
  const char* v = PQgetvalue(result_, row_, col);
  if (v[0] == 't' && v[1] == 0) return 1;  // a boolean
  if (v[0] == 'f' && v[1] == 0) return 0;
  return std::strtoll(v, nullptr, 10);
}

std::string PgStatement::Text(int col) const {
  if (IsNull(col)) return {};
  return std::string(PQgetvalue(result_, row_, col),
                     static_cast<size_t>(PQgetlength(result_, row_, col)));
}

bool PgStatement::IsNull(int col) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || col >= PQnfields(result_))
    throw PgError("", false, "no such row or column: " + sql_);
  return PQgetisnull(result_, row_, col);
}

// ---------------------------------------------------------------- Connection

Connection::Connection(const std::string& url) {
  // Defaults first: the URL's own settings, expanded from dbname, win.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "atrium", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn_) throw PgError("", true, "cannot allocate a PostgreSQL connection");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = OneLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("08001", true, message);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::Throw(PGresult* result, const char* what) {
  std::string sqlstate;
  std::string message;
  if (result) {
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = s;
    message = PQresultErrorMessage(result);
    PQclear(result);
  }
  if (message.empty()) message = PQerrorMessage(conn_);
  throw PgError(sqlstate, broken(), fmt::format("{}: {}", what, OneLine(message)));
}

void Connection::Exec(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(r, "exec");
  PQclear(r);
}

PGresult* Connection::ExecRows(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(r, "exec");
  return r;
}

void Connection::CopyIn(const std::string& copy_sql, std::string_view data) {
  PGresult* r = PQexec(conn_, copy_sql.c_str());
  if (PQresultStatus(r) != PGRES_COPY_IN) Throw(r, "copy");
  PQclear(r);
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(conn_, nullptr) != 1)
    Throw(nullptr, "copy");
  bool failed = false;
  PGresult* failure = nullptr;
  while (PGresult* end = PQgetResult(conn_)) {
    if (PQresultStatus(end) != PGRES_COMMAND_OK && !failed) {
      failed = true;
      failure = end;
    } else {
      PQclear(end);
    }
  }
  if (failed) Throw(failure, "copy");
}

PGresult* Connection::Execute(const std::string& sql, const std::vector<Oid>& types,
                              const std::vector<std::optional<std::string>>& values) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    int count = 0;
    std::string text = ToDollarPlaceholders(sql, &count);
    std::vector<Oid> param_types(static_cast<size_t>(count), 0);
    for (size_t i = 0; i < types.size() && i < param_types.size(); ++i) param_types[i] = types[i];
    std::string name = "atrium_" + std::to_string(prepared_.size());
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), count, param_types.data());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Throw(r, "prepare");
    PQclear(r);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(v ? v->c_str() : nullptr);
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                               params.data(), nullptr, nullptr, 0);
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Throw(r, "query");
  return r;
}

bool Connection::Healthy() {
  if (broken()) return false;
  // Reads whatever the server sent while the connection was idle: on a
  // shutdown, its goodbye and the closed socket mark the connection bad.
  if (!PQconsumeInput(conn_)) return false;
  return !broken() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

// ---------------------------------------------------------------- PgDb

PgDb::PgDb(std::string url, int max_connections)
    : url_(std::move(url)), max_(std::max(1, max_connections)) {
  idle_.push_back(std::make_unique<Connection>(url_));
  total_ = 1;
}

PgDb::~PgDb() { Close(); }

std::unique_ptr<Connection> PgDb::Acquire() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return closed_ || !idle_.empty() || total_ < max_; });
    if (closed_) throw PgError("", true, "the database is closed");
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      if (conn->Healthy()) return conn;
      conn.reset();
      lock.lock();
      --total_;
      continue;
    }
    ++total_;
    lock.unlock();
    try {
      return std::make_unique<Connection>(url_);
    } catch (...) {
      lock.lock();
      --total_;
      cv_.notify_one();
      throw;
    }
  }
}

void PgDb::Release(std::unique_ptr<Connection> conn) {
  bool reusable = !conn->broken() && PQtransactionStatus(conn->raw()) == PQTRANS_IDLE;
  std::lock_guard lock(mu_);
  if (reusable && !closed_) {
    idle_.push_back(std::move(conn));
  } else {
    conn.reset();
    --total_;
  }
  cv_.notify_one();
}

void PgDb::Run(const char* begin, const std::function<void(sql::Connection&)>& fn) {
  thread_local std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    std::unique_ptr<Connection> conn = Acquire();
    bool committing = false;
    auto end_transaction = [&] {
      if (!conn->broken() && PQtransactionStatus(conn->raw()) != PQTRANS_IDLE) {
        PQclear(PQexec(conn->raw(), "ROLLBACK"));
      }
    };
    try {
      if (begin) conn->Exec(begin);
      fn(*conn);
      if (begin) {
        committing = true;
        conn->Exec("COMMIT");
      }
      Release(std::move(conn));
      return;
    } catch (const PgError& e) {
      bool lost = e.connection_lost() || conn->broken();
      end_transaction();
      Release(std::move(conn));
      if (e.IsRetryable() && attempt < kMaxAttempts) {
        const int ceiling = std::min(kMaxPauseMs, 2 << std::min(attempt, 10));
        std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter() % ceiling));
        continue;
      }
      // A connection that died before COMMIT was sent left nothing behind:
      // once, on a new connection (the server may be back).
      if (lost && !committing && attempt == 1) continue;
      throw;
    } catch (...) {
      end_transaction();
      Release(std::move(conn));
      throw;
    }
  }
}

namespace {

// Observes the time from its making to its end in `histogram`.
struct TimeTransaction {
  Histogram& histogram;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  ~TimeTransaction() {
    histogram.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
};

}  // namespace

void PgDb::Write(const std::function<void(sql::Connection&)>& fn) {
  static Histogram& seconds = Metrics::Get().store_transaction_seconds.Add({{"kind", "write"}});
  TimeTransaction timed{seconds};
  Run("BEGIN ISOLATION LEVEL SERIALIZABLE", fn);
}

void PgDb::Read(const std::function<void(sql::Connection&)>& fn) { Run(nullptr, fn); }

void PgDb::ReadTransaction(const std::function<void(sql::Connection&)>& fn) {
  static Histogram& seconds = Metrics::Get().store_transaction_seconds.Add({{"kind", "read"}});
  TimeTransaction timed{seconds};
  Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
}

void PgDb::Exclusive(const std::function<void(sql::Connection&)>& fn) {
  std::unique_ptr<Connection> conn = Acquire();
  try {
    fn(*conn);
  } catch (...) {
    if (!conn->broken() && PQtransactionStatus(conn->raw()) != PQTRANS_IDLE)
      PQclear(PQexec(conn->raw(), "ROLLBACK"));
    Release(std::move(conn));
    throw;
  }
  Release(std::move(conn));
}

void PgDb::Close() {
  std::lock_guard lock(mu_);
  if (closed_) return;
  closed_ = true;
  total_ -= static_cast<int>(idle_.size());
  idle_.clear();
  cv_.notify_all();
}

}  // namespace atrium::pg
