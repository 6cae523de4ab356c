// For tests: a fresh, migrated store that is removed when the TestStore goes
// away — an embedded store in a temporary folder, or a PostgreSQL store in a
// schema of its own in the database named by ATRIUM_TEST_POSTGRES_URL (so
// tests running at once do not meet). The temporary folder exists for both,
// as the data folder.
//
// Store contract tests run against every backend: a value-parameterized
// fixture over TestBackends(), skipping PostgreSQL (GTEST_SKIP) only when
// ATRIUM_TEST_POSTGRES_URL is unset. `make unit` always sets it.
#pragma once

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/settings.h"
#include "store/store.h"

namespace atrium {

enum class TestBackend { kSqlite, kPostgres };

inline std::vector<TestBackend> TestBackends() {
  return {TestBackend::kSqlite, TestBackend::kPostgres};
}
inline const char* TestBackendName(TestBackend b) {
  return b == TestBackend::kSqlite ? "Sqlite" : "Postgres";
}
inline std::ostream& operator<<(std::ostream& out, TestBackend b) {
  return out << TestBackendName(b);
}
// For INSTANTIATE_TEST_SUITE_P: names the tests …/Sqlite and …/Postgres.
struct TestBackendParamName {
  template <typename Info>
  std::string operator()(const Info& info) const {
    return TestBackendName(info.param);
  }
};

// The PostgreSQL database tests may use, or "" when none is configured.
inline std::string TestPostgresUrl() {
  const char* url = getenv("ATRIUM_TEST_POSTGRES_URL");
  return url ? url : "";
}
// Whether tests can run on `backend` here.
inline bool TestBackendAvailable(TestBackend backend) {
  return backend == TestBackend::kSqlite || !TestPostgresUrl().empty();
}

class TestStore {
 public:
  explicit TestStore(TestBackend backend = TestBackend::kSqlite) : backend_(backend) {
    char tmpl[] = "/tmp/atrium-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    settings_.data_dir = dir_;
    if (backend == TestBackend::kPostgres) {
      static std::atomic<int> counter{0};
      schema_ = "atrium_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
      ExecAdmin("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
      std::string url = TestPostgresUrl();
      url += url.find('?') == std::string::npos ? '?' : '&';
      // The schema's name also names the connections (application_name),
      // so a test can find its own store's connections on the server.
      settings_.database =
          url + "options=-csearch_path%3D" + schema_ + "&application_name=" + schema_;
    }
    auto s = OpenStore(settings_);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(s).value();
    if (Status m = store_->Migrate(); !m.ok()) throw std::runtime_error(m.ToString());
  }
  ~TestStore() {
    store_.reset();
    if (!schema_.empty()) {
      try {
        ExecAdmin("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      } catch (...) {
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  Store& store() { return *store_; }
  Settings& settings() { return settings_; }
  const std::string& dir() const { return dir_; }
  TestBackend backend() const { return backend_; }
  // The PostgreSQL schema holding this store's tables ("" for SQLite).
  const std::string& schema() const { return schema_; }
  // Closes and reopens the store (without migrating).
  void Reopen() {
    store_.reset();
    auto s = OpenStore(settings_);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(s).value();
  }
  // Runs `sql` on the PostgreSQL test database (as a superuser), outside the store, with this
  // store's schema first in the search path. Throws on failure.
  void ExecPostgres(const std::string& sql) const {
    ExecAdmin("SET search_path TO " + schema_ + "; " + sql);
  }

 private:
  static void ExecAdmin(const std::string& sql) {
    PGconn* conn = PQconnectdb(TestPostgresUrl().c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PQsetNoticeProcessor(
          conn, [](void*, const char*) {}, nullptr);
      PGresult* r = PQexec(conn, sql.c_str());
      if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        error = PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error("PostgreSQL test database: " + error);
  }

  TestBackend backend_;
  std::string dir_;
  std::string schema_;
  Settings settings_;
  std::unique_ptr<Store> store_;
};

}  // namespace atrium
