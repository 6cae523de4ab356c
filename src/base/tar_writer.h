// WriteTar: a folder as one POSIX ustar archive (what `tar -xf` reads), for
// the downloads Atrium makes of a folder it wrote (eDiscovery exports).
// Regular files only, in name order; names up to 255 bytes. Pure function
// of the folder's contents; safe from any thread.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"

namespace atrium {

// Writes every regular file under `dir` into the archive `out` (created or
// replaced, flushed to disk), each named `prefix` + "/" + its path under
// `dir`, dated `mtime` (Unix seconds). 400 for a name over 255 bytes or
// one that cannot be split into ustar's 155 + 100; 503 when a file cannot
// be read or the archive cannot be written.
Status WriteTar(const std::filesystem::path& dir, const std::string& prefix,
                const std::filesystem::path& out, int64_t mtime);

}  // namespace atrium
