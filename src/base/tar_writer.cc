#include "base/tar_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <vector>

namespace atrium {
namespace {

namespace fs = std::filesystem;
constexpr size_t kBlock = 512;

// Writes `value` as `width - 1` octal digits (zero-padded, the highest
// cut off) and a NUL into `field`.
void Octal(char* field, size_t width, uint64_t value) {
  field[width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0; value >>= 3) field[i] = static_cast<char>('0' + (value & 7));
}

// The 512-byte ustar header of a regular file; false if `name` cannot be
// stored.
bool Header(const std::string& name, uint64_t size, int64_t mtime, std::array<char, kBlock>& h) {
  h.fill(0);
  std::string prefix, base = name;
  if (name.size() > 100) {
    // Split at a '/' so that the prefix holds at most 155 bytes and the
    // name at most 100.
    size_t cut = name.rfind('/', 155);
    while (cut != std::string::npos && name.size() - cut - 1 > 100) cut = std::string::npos;
    if (cut == std::string::npos || cut == 0) return false;
    prefix = name.substr(0, cut);
    base = name.substr(cut + 1);
  }
  std::memcpy(h.data(), base.data(), base.size());
  Octal(h.data() + 100, 8, 0644);
  Octal(h.data() + 108, 8, 0);
  Octal(h.data() + 116, 8, 0);
  Octal(h.data() + 124, 12, size);
  Octal(h.data() + 136, 12, static_cast<uint64_t>(std::max<int64_t>(mtime, 0)));
  h[156] = '0';
  std::memcpy(h.data() + 257, "ustar", 6);  // with its NUL
  std::memcpy(h.data() + 263, "00", 2);
  std::memcpy(h.data() + 345, prefix.data(), prefix.size());
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  Octal(h.data() + 148, 7, sum);  // six digits and a NUL, then a space
  h[155] = ' ';
  return true;
}

}  // namespace

Status WriteTar(const fs::path& dir, const std::string& prefix, const fs::path& out,
                int64_t mtime) {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file())
      files.emplace_back(prefix + "/" + fs::relative(it->path(), dir).generic_string(), it->path());
  if (ec) return Status::Unavailable("cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::ofstream tar(out, std::ios::binary | std::ios::trunc);
  if (!tar) return Status::Unavailable("cannot write " + out.string());
  std::array<char, kBlock> header;
  std::vector<char> buffer(1 << 16);
  for (const auto& [name, path] : files) {
    const uint64_t size = fs::file_size(path, ec);
    if (ec) return Status::Unavailable("cannot read " + path.string());
    if (name.size() > 255 || !Header(name, size, mtime, header))
      return Status::BadRequest("Bad request", "a name too long for the archive: " + name);
    tar.write(header.data(), kBlock);
    std::ifstream in(path, std::ios::binary);
    uint64_t copied = 0;
    while (in && copied < size) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      tar.write(buffer.data(), in.gcount());
      copied += static_cast<uint64_t>(in.gcount());
    }
    if (copied != size) return Status::Unavailable("cannot read " + path.string());
    static const std::array<char, kBlock> zeros{};
    if (size % kBlock)
      tar.write(zeros.data(), static_cast<std::streamsize>(kBlock - size % kBlock));
  }
  static const std::array<char, kBlock * 2> end{};
  tar.write(end.data(), end.size());
  tar.close();
  if (!tar) return Status::Unavailable("cannot write " + out.string());
  // On disk before it is announced as done.
  int fd = ::open(out.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Status::Unavailable("cannot flush " + out.string());
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace atrium
