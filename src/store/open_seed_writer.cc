#include "store/database_url.h"
#include "store/seed_writer.h"
#include "store/sqlite/sqlite_seed_writer.h"

namespace atrium {

Result<std::unique_ptr<SeedWriter>> OpenSeedWriter(const Settings& settings) {
  auto target = ParseDatabaseUrl(settings.DatabaseUrl());
  if (!target.ok()) return target.status();
  if (target->postgres)
    return Status::Unavailable("No bulk loader",
                               "this build of Atrium cannot seed a PostgreSQL store yet");
  return sqlite::OpenSqliteSeedWriter(target->sqlite_path);
}

}  // namespace atrium
