#include "base/local_path.h"

#include "base/text.h"

namespace atrium {

bool IsLocalPath(std::string_view path) {
  if (path.empty() || path.size() > 2048 || path.front() != '/') return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  for (unsigned char c : path)
    if (c <= 0x20 || c == 0x7f || c == '\\') return false;
  return IsValidUtf8(path);
}

}  // namespace atrium
