// Copying and checking an embedded store's database file while a server may
// be using it: the SQLite half of `atrium backup` and `atrium restore` (the
// data folder's half is store/backup.h).
//
// CopyDatabase uses SQLite's online backup API (sqlite3_backup_*) from a
// connection of its own, opened read-only, so it works from another process
// beside `atrium serve`. It first opens a read transaction on the source and
// keeps it until the copy ends: the copy is then exactly the database as of
// that moment, however much is written meanwhile. In WAL mode (the store's
// mode) a reader never blocks a writer, so the server's writes go on at full
// speed; the cost is that the WAL cannot be checkpointed past the copy's
// snapshot until the copy ends, so it grows by what is written meanwhile.
// (Without the held transaction the backup API would start over each time
// another process commits, and might never finish on a busy server.) The
// pages are copied in steps of `pages_per_step`, each step a short call.
//
// Each function opens its own connections and is safe to call from any
// thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace atrium::sqlite {

struct DatabaseCopy {
  int schema_version = 0;  // of the copy (the source's at the snapshot)
  int64_t pages = 0;
  int64_t bytes = 0;
};

struct CopyOptions {
  int pages_per_step = 1024;
  // Called after each step with the pages copied and the total.
  std::function<void(int64_t done, int64_t total)> progress;
};

// Copies the database at `source` into a new file `target` (which must not
// exist), as one consistent snapshot, then turns the copy into a
// self-contained file (rollback journal, no WAL beside it), checks it as
// CheckDatabase does and syncs it to disk. 404 when `source` is missing or
// not a database; 400 when `target` exists; 503 on an I/O error; 500 when
// the copy fails its check. A failed copy leaves no `target` behind.
Result<DatabaseCopy> CopyDatabase(const std::string& source, const std::string& target,
                                  const CopyOptions& options = {});

// Checks the database file at `path` without changing it: `PRAGMA
// integrity_check` and `PRAGMA foreign_key_check` must find nothing, and it
// must be an Atrium store (it has schema_migrations). Returns its schema
// version. 400 (with what was found) when a check fails; 404 when the file
// is missing.
Result<int> CheckDatabase(const std::string& path);

// The newest schema version this build of Atrium knows.
int LatestSchemaVersion();

}  // namespace atrium::sqlite
