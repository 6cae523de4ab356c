#include "store/backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <system_error>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/json_writer.h"
#include "store/database_url.h"
#include "store/media_files.h"
#include "store/sqlite/sqlite_backup.h"

namespace atrium {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormatName = "atrium-backup";
constexpr const char* kMediaFolder = "media";
constexpr size_t kCopyBuffer = 1 << 20;

std::string ErrnoText(int err) { return std::generic_category().message(err); }

Status IoError(const std::string& what, const fs::path& path, int err) {
  return Status::Unavailable(what, path.string() + ": " + ErrnoText(err));
}

Status Damaged(std::string detail) {
  return Status::BadRequest("Backup damaged", std::move(detail));
}

// The SQLite file `settings` name; 400 for a PostgreSQL (or other) URL.
Result<std::string> EmbeddedDatabasePath(const Settings& settings, const char* command) {
  auto target = ParseDatabaseUrl(settings.DatabaseUrl());
  if (!target.ok()) return target.status();
  if (target->postgres)
    return Status::BadRequest(
        "Not the embedded store",
        fmt::format("`atrium {}` works on the embedded SQLite store; this installation's store "
                    "is PostgreSQL ({}). Back it up with PostgreSQL's tools (pg_dump -Fc, or "
                    "pg_basebackup with WAL archiving) and copy the data folder's media "
                    "folder: see docs/DEPLOYMENT.md, \"Backups\"",
                    command, settings.DatabaseUrlForLog()));
  return target->sqlite_path;
}

Status SyncPath(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("Cannot sync", path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : IoError("Cannot sync", path, err);
}

std::string HexOf(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.resize(n * 2);
  return hex;
}

struct Copied {
  int64_t bytes = 0;
  std::string sha256;
  bool vanished = false;  // the source was gone when opened
};

// Reads `from` once, writing it to `to` (a new file, synced) unless `to` is
// empty, and hashes what it read.
Result<Copied> CopyAndHash(const fs::path& from, const fs::path& to) {
  Copied out;
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    if (errno == ENOENT) {
      out.vanished = true;
      return out;
    }
    return IoError("Cannot read", from, errno);
  }
  int fd = -1;
  if (!to.empty()) {
    fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      int err = errno;
      ::close(in);
      return IoError("Cannot write", to, err);
    }
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::string buf(kCopyBuffer, '\0');
  Status st;
  while (st.ok()) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) st = IoError("Cannot read", from, errno);
    if (n <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    out.bytes += n;
    for (ssize_t done = 0; fd >= 0 && done < n && st.ok();) {
      ssize_t w = ::write(fd, buf.data() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) st = IoError("Cannot write", to, errno);
      done += std::max<ssize_t>(w, 0);
    }
  }
  ::close(in);
  if (fd >= 0) {
    if (st.ok() && ::fsync(fd) != 0) st = IoError("Cannot sync", to, errno);
    ::close(fd);
  }
  if (!st.ok()) return st;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  out.sha256 = HexOf(digest, sizeof digest);
  return out;
}

// Creates `dir` and its missing parents, syncing each parent that gained an
// entry.
Status MakeDirectories(const fs::path& dir) {
  if (dir.empty()) return Status::Ok();
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return Status::Ok();
  if (Status st = MakeDirectories(dir.parent_path()); !st.ok()) return st;
  if (!fs::create_directory(dir, ec) && ec)
    return Status::Unavailable("Cannot create a folder", dir.string() + ": " + ec.message());
  return SyncPath(dir.parent_path().empty() ? fs::path(".") : dir.parent_path());
}

// Whether `inner` is `outer` or inside it (after resolving links and `..`).
bool IsInside(const fs::path& inner, const fs::path& outer) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(inner, ec), b = fs::weakly_canonical(outer, ec);
  auto rel = a.lexically_relative(b);
  return !rel.empty() && *rel.begin() != "..";
}

bool IsEmptyDirectory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

// A path from a manifest that stays inside the backup: relative, no `..`,
// and either the database or under media/.
bool IsSafeBackupPath(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos ||
      p.find('\0') != std::string::npos)
    return false;
  fs::path path(p);
  for (const fs::path& part : path)
    if (part.empty() || part == "." || part == "..") return false;
  if (p == kBackupDatabaseFile) return true;
  return p.rfind(std::string(kMediaFolder) + "/", 0) == 0 && p.size() > 6;
}

std::string ManifestJson(const BackupManifest& m) {
  JsonWriter w;
  w.BeginObject()
      .Field("format", kFormatName)
      .Field("format_version", m.format_version)
      .Field("atrium_version", m.atrium_version)
      .Field("created_at", m.created_at)
      .Field("schema_version", m.schema_version)
      .Key("files")
      .BeginArray();
  for (const BackupFile& f : m.files)
    w.BeginObject()
        .Field("path", f.path)
        .Field("bytes", f.bytes)
        .Field("sha256", f.sha256)
        .EndObject();
  w.EndArray().EndObject();
  return w.Take();
}

// Writes the manifest last, whole or not at all, and syncs it and `dir`.
Status WriteManifest(const fs::path& dir, const BackupManifest& m) {
  const fs::path tmp = dir / "manifest.json.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << ManifestJson(m) << '\n';
    out.close();
    if (!out) return Status::Unavailable("Cannot write the manifest", tmp.string());
  }
  if (Status st = SyncPath(tmp); !st.ok()) return st;
  std::error_code ec;
  fs::rename(tmp, dir / "manifest.json", ec);
  if (ec) return Status::Unavailable("Cannot write the manifest", ec.message());
  return SyncPath(dir);
}

// Puts `staged` where `target` is: a rename when there is no target, else
// an atomic exchange (two renames where the file system has no exchange).
// Returns where the target's previous contents now are ("" if it had
// none). On failure `staged` and `target` are as they were.
Result<fs::path> SwapIntoPlace(const fs::path& staged, const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    fs::rename(staged, target, ec);
    if (ec) return Status::Unavailable("Cannot put the restored folder in place", ec.message());
    return fs::path();
  }
  const bool had_files = !IsEmptyDirectory(target);
  std::string stamp = FormatIso8601(NowMillis());  // 2025-01-31T12:00:00.000Z
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':' || c == '.'; });
  const fs::path aside =
      target.parent_path() / fmt::format("{}.replaced-{}", target.filename().string(), stamp);
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    // `staged` now holds what the target held: the restore is done.
    if (!had_files) {
      fs::remove(staged, ec);
      return fs::path();
    }
    fs::rename(staged, aside, ec);
    return ec ? staged : aside;
  }
  if (errno != EINVAL && errno != ENOSYS)
    return IoError("Cannot put the restored folder in place", target, errno);
  fs::rename(target, aside, ec);
  if (ec) return Status::Unavailable("Cannot move the data folder aside", ec.message());
  fs::rename(staged, target, ec);
  if (ec) {
    std::error_code back;
    fs::rename(aside, target, back);
    return Status::Unavailable("Cannot put the restored folder in place", ec.message());
  }
  if (had_files) return aside;
  fs::remove(aside, ec);
  return fs::path();
}

}  // namespace

Result<BackupManifest> ReadBackupManifest(const fs::path& dir) {
  std::ifstream in(dir / "manifest.json", std::ios::binary);
  if (!in)
    return Status::BadRequest(
        "Not a backup",
        dir.string() +
            " has no manifest.json: it is not an Atrium backup, or one that did not "
            "finish");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return Damaged("manifest.json is not a JSON object");
  const auto& o = v.as_object();
  auto str = [](const boost::json::object& obj, const char* key) -> std::optional<std::string> {
    auto* x = obj.if_contains(key);
    if (!x || !x->is_string()) return std::nullopt;
    return std::string(x->as_string());
  };
  auto num = [](const boost::json::object& obj, const char* key) -> std::optional<int64_t> {
    auto* x = obj.if_contains(key);
    if (x && x->is_int64()) return x->as_int64();
    return std::nullopt;
  };
  if (str(o, "format") != kFormatName)
    return Status::BadRequest("Not a backup", "manifest.json is not an Atrium backup's");
  if (num(o, "format_version") != kBackupFormatVersion)
    return Status::BadRequest(
        "Unsupported backup",
        fmt::format("the backup's format version is not {}: restore it with the Atrium that "
                    "made it",
                    kBackupFormatVersion));
  BackupManifest m;
  m.atrium_version = str(o, "atrium_version").value_or("");
  m.created_at = str(o, "created_at").value_or("");
  auto schema = num(o, "schema_version");
  if (!schema || *schema <= 0 || *schema > INT32_MAX)
    return Damaged("manifest.json lacks the schema version");
  m.schema_version = static_cast<int>(*schema);
  const auto* files = o.if_contains("files");
  if (!files || !files->is_array()) return Damaged("manifest.json lacks its list of files");
  std::set<std::string> seen;
  for (const auto& fv : files->as_array()) {
    if (!fv.is_object()) return Damaged("a file in manifest.json is not an object");
    const auto& fo = fv.as_object();
    BackupFile f;
    auto path = str(fo, "path");
    auto sha = str(fo, "sha256");
    auto bytes = num(fo, "bytes");
    if (!path || !sha || !bytes || *bytes < 0 || sha->size() != 64 ||
        sha->find_first_not_of("0123456789abcdef") != std::string::npos)
      return Damaged("a file in manifest.json lacks its path, size or SHA-256");
    if (!IsSafeBackupPath(*path) || !seen.insert(*path).second)
      return Damaged("manifest.json names a file twice or outside the backup: " + *path);
    f.path = *path;
    f.bytes = *bytes;
    f.sha256 = *sha;
    m.files.push_back(std::move(f));
  }
  if (!seen.count(kBackupDatabaseFile))
    return Damaged(fmt::format("manifest.json does not list {}", kBackupDatabaseFile));
  return m;
}

Result<BackupManifest> BackUpDataFolder(const Settings& settings, const fs::path& out_dir,
                                        const BackupProgress& progress) {
  auto db_path = EmbeddedDatabasePath(settings, "backup");
  if (!db_path.ok()) return db_path.status();
  const fs::path data_dir = settings.data_dir;
  std::error_code ec;
  if (IsInside(out_dir, data_dir))
    return Status::BadRequest("Backup folder inside the data folder",
                              out_dir.string() + " is inside " + data_dir.string() +
                                  "; name a folder elsewhere (ideally on another disk)");
  if (fs::exists(out_dir, ec) && !IsEmptyDirectory(out_dir))
    return Status::BadRequest("Backup folder not empty",
                              out_dir.string() + " already holds files; name a new folder");
  if (Status st = MakeDirectories(out_dir); !st.ok()) return st;

  BackupManifest m;
  m.atrium_version = ATRIUM_VERSION;
  m.created_at = FormatIso8601(NowMillis());
  const fs::path db_copy = out_dir / kBackupDatabaseFile;
  sqlite::CopyOptions copy_options;
  auto copied_db = sqlite::CopyDatabase(*db_path, db_copy, copy_options);
  if (!copied_db.ok()) return copied_db.status();
  m.schema_version = copied_db->schema_version;
  auto db_hash = CopyAndHash(db_copy, fs::path());
  if (!db_hash.ok()) return db_hash.status();
  m.files.push_back({kBackupDatabaseFile, db_hash->bytes, db_hash->sha256});
  if (progress)
    progress(fmt::format("database: {} pages, {} bytes, schema version {}", copied_db->pages,
                         db_hash->bytes, m.schema_version));

  const fs::path media = data_dir / kMediaFolder;
  auto files = MediaFilesUnder(media);
  if (!files.ok()) return files.status();
  int64_t media_bytes = 0;
  std::set<fs::path> folders;
  for (const fs::path& rel : *files) {
    const fs::path to = out_dir / kMediaFolder / rel;
    if (Status st = MakeDirectories(to.parent_path()); !st.ok()) return st;
    auto copied = CopyAndHash(media / rel, to);
    if (!copied.ok()) return copied.status();
    if (copied->vanished) continue;  // deleted since it was listed (see backup.h)
    folders.insert(to.parent_path());
    media_bytes += copied->bytes;
    m.files.push_back(
        {(fs::path(kMediaFolder) / rel).generic_string(), copied->bytes, copied->sha256});
  }
  for (const fs::path& folder : folders)
    if (Status st = SyncPath(folder); !st.ok()) return st;
  if (progress) progress(fmt::format("media: {} files, {} bytes", m.files.size() - 1, media_bytes));
  if (Status st = WriteManifest(out_dir, m); !st.ok()) return st;
  return m;
}

Result<RestoreResult> RestoreDataFolder(const Settings& settings, const fs::path& from_dir,
                                        bool force, const BackupProgress& progress) {
  auto db_path = EmbeddedDatabasePath(settings, "restore");
  if (!db_path.ok()) return db_path.status();
  fs::path target = fs::absolute(settings.data_dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  std::error_code ec;
  if (fs::weakly_canonical(*db_path, ec) != fs::weakly_canonical(target / kBackupDatabaseFile, ec))
    return Status::BadRequest(
        "Separate database file",
        fmt::format("`atrium restore` puts the database at {}; leave the `database` setting "
                    "unset (it names {})",
                    (target / kBackupDatabaseFile).string(), *db_path));
  auto manifest = ReadBackupManifest(from_dir);
  if (!manifest.ok()) return manifest.status();
  const int latest = sqlite::LatestSchemaVersion();
  if (manifest->schema_version > latest)
    return Status::BadRequest(
        "Backup too new",
        fmt::format("the backup has schema version {}, and this Atrium knows versions up to "
                    "{}: restore it with the Atrium that made it ({}) or a newer one",
                    manifest->schema_version, latest, manifest->atrium_version));
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    return Status::BadRequest("Data folder is a file", target.string() + " is not a folder");
  if (fs::exists(target, ec) && !IsEmptyDirectory(target) && !force)
    return Status::BadRequest(
        "Data folder not empty",
        target.string() +
            " already holds files; restore into a new folder, or pass --force to replace it "
            "(its files are then moved aside, beside it)");
  if (IsInside(from_dir, target) || IsInside(target, from_dir))
    return Status::BadRequest("Backup inside the data folder",
                              "the backup and the data folder must not contain one another");

  // Everything is built in a folder beside the target, then swapped in.
  if (Status st = MakeDirectories(target.parent_path()); !st.ok()) return st;
  const fs::path staged =
      target.parent_path() / ("." + target.filename().string() + ".restoring-" + RandomToken(6));
  auto abandon = [&](Status st) -> Result<RestoreResult> {
    fs::remove_all(staged, ec);
    return st;
  };
  if (!fs::create_directory(staged, ec))
    return Status::Unavailable("Cannot create a folder", staged.string() + ": " + ec.message());
  std::set<fs::path> folders{staged};
  for (const BackupFile& f : manifest->files) {
    const fs::path to = staged / f.path;
    if (Status st = MakeDirectories(to.parent_path()); !st.ok()) return abandon(st);
    folders.insert(to.parent_path());
    auto copied = CopyAndHash(from_dir / f.path, to);
    if (!copied.ok()) return abandon(copied.status());
    if (copied->vanished) return abandon(Damaged("the backup lacks " + f.path));
    if (copied->bytes != f.bytes || copied->sha256 != f.sha256)
      return abandon(Damaged(fmt::format(
          "{} holds {} bytes with SHA-256 {}, and the manifest says {} bytes with SHA-256 {}: "
          "the file was changed or damaged since the backup",
          f.path, copied->bytes, copied->sha256, f.bytes, f.sha256)));
  }
  auto version = sqlite::CheckDatabase((staged / kBackupDatabaseFile).string());
  if (!version.ok()) return abandon(Damaged(version.status().description()));
  if (*version != manifest->schema_version)
    return abandon(Damaged(fmt::format("the database has schema version {}, the manifest says {}",
                                       *version, manifest->schema_version)));
  for (const fs::path& folder : folders)
    if (Status st = SyncPath(folder); !st.ok()) return abandon(st);
  if (progress)
    progress(fmt::format("checked {} files and the database (schema version {})",
                         manifest->files.size(), *version));

  auto replaced = SwapIntoPlace(staged, target);
  if (!replaced.ok()) return abandon(replaced.status());
  if (Status st = SyncPath(target.parent_path()); !st.ok()) return st;
  return RestoreResult{std::move(manifest).value(), std::move(replaced).value()};
}

}  // namespace atrium
