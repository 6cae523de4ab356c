#include "store/seed_writer.h"
#include "store/sqlite/sqlite_seed_writer.h"

namespace atrium {

Result<std::unique_ptr<SeedWriter>> OpenSeedWriter(const Settings& settings) {
  std::string url = settings.DatabaseUrl();
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
    return Status::Unavailable("No bulk loader",
                               "this build of Atrium cannot seed a PostgreSQL store yet");
  if (url.rfind("sqlite://", 0) == 0) url = url.substr(9);
  if (url.find("://") != std::string::npos)
    return Status::BadRequest("Unsupported database",
                              "expected a file path or a postgres:// URL: " + url);
  return sqlite::OpenSqliteSeedWriter(url);
}

}  // namespace atrium
