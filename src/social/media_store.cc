#include "social/media_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/durable_file.h"

namespace atrium {
namespace fs = std::filesystem;
namespace {

// Letters, digits, '-' and '_' only: a key or variant never leaves its folder.
bool PlainName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

}  // namespace

MediaFile::~MediaFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> MediaFile::Read(int64_t offset, int64_t length) const {
  std::string out;
  out.resize(static_cast<size_t>(std::max<int64_t>(0, length)));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done,
                        static_cast<off_t>(offset + static_cast<int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Unavailable("Cannot read the file", std::strerror(errno));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

std::string FileMediaStore::FolderOf(std::string_view key) const {
  if (!PlainName(key) || key.size() < 4) return "";
  // Two levels of fan-out keep folders small.
  return dir_ + "/" + std::string(key.substr(0, 2)) + "/" + std::string(key);
}

Status FileMediaStore::Put(std::string_view key, std::string_view variant, std::string_view bytes) {
  std::string folder = FolderOf(key);
  if (folder.empty() || !PlainName(variant))
    return Status::Internal("Cannot store the file", "not a media key");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return Status::Unavailable("Cannot store the file", ec.message());
  // A new folder's name survives a crash too.
  return WriteFileDurably(folder + "/" + std::string(variant), bytes, /*sync_parent=*/true);
}

Result<std::shared_ptr<MediaFile>> FileMediaStore::Open(std::string_view key,
                                                        std::string_view variant) const {
  std::string folder = FolderOf(key);
  if (folder.empty() || !PlainName(variant)) return Status::NotFound();
  const std::string path = folder + "/" + std::string(variant);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Status::NotFound();
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::NotFound();
  }
  const int64_t modified_ms =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
  return std::make_shared<MediaFile>(fd, static_cast<int64_t>(st.st_size), modified_ms);
}

void FileMediaStore::Remove(std::string_view key) {
  std::string folder = FolderOf(key);
  if (folder.empty()) return;
  std::error_code ec;
  fs::remove_all(folder, ec);
}

}  // namespace atrium
