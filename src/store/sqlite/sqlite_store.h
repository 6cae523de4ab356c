// SqliteStore: the embedded store, every store interface on one SQLite file.
// Safe for concurrent use from many threads (see SqliteDb).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace atrium::sqlite {

class SqliteDb;

// Opens or creates the database file at `path`. Does not migrate.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace atrium::sqlite
