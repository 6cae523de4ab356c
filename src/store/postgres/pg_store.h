// PgStore: every store interface on a PostgreSQL database, for one node or
// many sharing the database. Safe for concurrent use from many threads (see
// PgDb).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace atrium::pg {

// The most connections one process opens to the database by default.
inline constexpr int kDefaultMaxConnections = 16;

// Connects to the database at `url` (postgres://user:password@host:port/db)
// and checks that it answers: kUnavailable with the server's reason (down,
// wrong credentials, no such database) otherwise. Does not migrate.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 int max_connections = kDefaultMaxConnections);

}  // namespace atrium::pg
