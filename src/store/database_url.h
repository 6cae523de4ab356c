// Which store a database URL names: PostgreSQL (postgres:// or postgresql://)
// or the embedded SQLite file (a path, or sqlite://path). One reading for
// everything that opens a store: the server, the bulk loader, the backup.
#pragma once

#include <string>

#include "base/status.h"

namespace atrium {

struct DatabaseTarget {
  bool postgres = false;
  std::string url;          // as given
  std::string sqlite_path;  // the file, when !postgres
};

// 400 "Unsupported database" for any other scheme.
Result<DatabaseTarget> ParseDatabaseUrl(const std::string& url);

}  // namespace atrium
