// An account's row on SQLite, shared by the account and directory stores:
// the columns every account query selects and how such a row becomes an
// Account. Absent optional values (e-mail, external id, manager) are NULL in
// the database and empty or 0 in the record.
#pragma once

#include "store/records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// The columns of `accounts` that ReadAccount reads, in its order, for
// "SELECT <kAccountColumns> FROM accounts …" (unqualified names).
extern const char* const kAccountColumns;

// The Account in the current row of `s`, selected with kAccountColumns first.
Account ReadAccount(const Stmt& s);

}  // namespace atrium::sql
