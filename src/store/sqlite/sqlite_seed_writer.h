// The SQLite bulk loader behind Store::OpenSeedWriter (see store/seed_writer.h).
#pragma once

#include <memory>
#include <string>

#include "store/seed_writer.h"

namespace atrium::sqlite {

// Opens the SQLite file at `path` (migrated, no other connection open) for
// a bulk load. kConflict if it holds any account.
Result<std::unique_ptr<SeedWriter>> OpenSqliteSeedWriter(const std::string& path);

}  // namespace atrium::sqlite
