// Backing up and restoring an embedded installation's data folder while it
// is served: `atrium backup --out DIR` and `atrium restore --from DIR`.
//
// A backup folder:
//   atrium.db       the SQLite database as of one moment (see
//                   sqlite/sqlite_backup.h), a self-contained file
//   media/…         the data folder's media files (avatars), copied after
//                   the database
//   manifest.json   format, Atrium's version, the time, the schema version
//                   and every file above with its size and SHA-256; written
//                   last and synced, so a folder without it is a backup that
//                   did not finish
//
// Media files are never changed once written (a new avatar is a new file),
// so copying them after the database gives every file the database names,
// except one deleted in between (an avatar replaced during the backup): that
// person then shows no picture once restored.
//
// A restore checks everything before it changes anything: the manifest, each
// file's size and SHA-256 as it is copied, the database's integrity and a
// schema version this binary can serve. It builds the new data folder beside
// the target and puts it in place with one rename (an atomic exchange when
// the target exists), so a failed restore leaves the target as it was.
//
// Both run in a process of their own; the store they copy may be in use by a
// server. PostgreSQL installations are backed up with PostgreSQL's tools
// (docs/DEPLOYMENT.md): both functions refuse a `database` that is not a
// SQLite file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/settings.h"
#include "base/status.h"

namespace atrium {

inline constexpr int kBackupFormatVersion = 1;
// The database's name in a backup folder and in a data folder.
inline constexpr const char* kBackupDatabaseFile = "atrium.db";

struct BackupFile {
  std::string path;  // relative to the backup folder, '/'-separated
  int64_t bytes = 0;
  std::string sha256;  // lowercase hexadecimal
};

struct BackupManifest {
  int format_version = kBackupFormatVersion;
  std::string atrium_version;
  std::string created_at;  // ISO 8601, UTC
  int schema_version = 0;
  std::vector<BackupFile> files;  // the database first, then media files by path
};

struct RestoreResult {
  BackupManifest manifest;
  // Where the target's previous contents were moved (only with `force` and
  // a target that held files), else empty.
  std::filesystem::path replaced;
};

// Called with a line of progress for a person watching.
using BackupProgress = std::function<void(const std::string& line)>;

// Backs up the embedded store and media files of the installation `settings`
// describe into `out_dir`, which must be missing or empty and outside the
// data folder. 400 for a PostgreSQL store or an unusable `out_dir`; 404 when
// there is no database; 503 on an I/O error. On failure `out_dir` holds no
// manifest.
Result<BackupManifest> BackUpDataFolder(const Settings& settings,
                                        const std::filesystem::path& out_dir,
                                        const BackupProgress& progress = {});

// Restores the backup in `from_dir` as the data folder `settings.data_dir`
// (the database as atrium.db in it). The target must be missing or empty
// unless `force`, with which its present contents are moved aside beside it
// (RestoreResult::replaced). 400, with nothing changed, for a PostgreSQL or
// separate database setting, an incomplete or damaged backup, a schema newer
// than this binary's, or a non-empty target without `force`.
Result<RestoreResult> RestoreDataFolder(const Settings& settings,
                                        const std::filesystem::path& from_dir, bool force,
                                        const BackupProgress& progress = {});

// Reads and checks `dir`/manifest.json (not the files it lists).
Result<BackupManifest> ReadBackupManifest(const std::filesystem::path& dir);

}  // namespace atrium
