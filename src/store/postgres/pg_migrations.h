// The PostgreSQL store's schema, as an ordered list of migrations. A migration
// is never edited once released; changes come as a new one at the end.
#pragma once

#include <vector>

namespace atrium::pg {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace atrium::pg
