// Whole-table access on SQLite (see store/table_access.h).
#pragma once

#include <memory>

#include "store/sqlite/sqlite_db.h"
#include "store/table_access.h"

namespace atrium::sqlite {

std::unique_ptr<TableAccess> NewSqliteTableAccess(SqliteDb& db);

}  // namespace atrium::sqlite
