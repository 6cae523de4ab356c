#include "store/media_files.h"

#include <algorithm>
#include <system_error>

namespace atrium {
namespace fs = std::filesystem;

Result<std::vector<fs::path>> MediaFilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (it->path().extension() == ".tmp") continue;
    out.push_back(it->path().lexically_relative(dir));
  }
  if (ec)
    return Status::Unavailable("Cannot read the media folder", dir.string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace atrium
