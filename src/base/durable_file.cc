#include "base/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace atrium {
namespace {

Status Failed(const char* what) {
  return Status::Unavailable("Cannot store the file",
                             std::string(what) + ": " + std::strerror(errno));
}

Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Failed("write");
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SyncFolder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Failed("open folder");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Failed("fsync folder");
  return Status::Ok();
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Status WriteFileDurably(const std::string& path, std::string_view bytes, bool sync_parent) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Failed("open");
  Status s = WriteAll(fd, bytes);
  if (s.ok() && ::fsync(fd) != 0) s = Failed("fsync");
  ::close(fd);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = Failed("rename");
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  const std::string folder = FolderOf(path);
  if (Status synced = SyncFolder(folder); !synced.ok()) return synced;
  return sync_parent ? SyncFolder(FolderOf(folder)) : Status::Ok();
}

}  // namespace atrium
