// Whole-table access on PostgreSQL (see store/table_access.h).
#pragma once

#include <memory>

#include "store/postgres/pg_db.h"
#include "store/table_access.h"

namespace atrium::pg {

std::unique_ptr<TableAccess> NewPgTableAccess(PgDb& db);

}  // namespace atrium::pg
