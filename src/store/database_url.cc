#include "store/database_url.h"

namespace atrium {

Result<DatabaseTarget> ParseDatabaseUrl(const std::string& url) {
  DatabaseTarget t;
  t.url = url;
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    t.postgres = true;
    return t;
  }
  std::string path = url.starts_with("sqlite://") ? url.substr(9) : url;
  if (path.find("://") != std::string::npos)
    return Status::BadRequest("Unsupported database",
                              "expected a file path or a postgres:// URL: " + path);
  t.sqlite_path = std::move(path);
  return t;
}

}  // namespace atrium
