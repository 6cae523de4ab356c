// The files of a media folder (the data folder's media/, or its copy in an
// export or a backup), as the commands that copy them list them.
#pragma once

#include <filesystem>
#include <vector>

#include "base/status.h"

namespace atrium {

// Every regular file under `dir`, as paths relative to it, sorted; leaves
// out symbolic links and the `.tmp` files a writer has not finished (a
// media file is written as NAME.tmp, then renamed). A missing `dir` has no
// files; 503 when it cannot be read.
Result<std::vector<std::filesystem::path>> MediaFilesUnder(const std::filesystem::path& dir);

}  // namespace atrium
