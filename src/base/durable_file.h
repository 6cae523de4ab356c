// WriteFileDurably: a whole file written so that it survives a crash or a
// power cut once the call returns, and is never seen half written.
//
// The bytes go to `<path>.tmp`, which is fsync'ed and renamed over `path`;
// then the folder is fsync'ed (so the new name survives too), and with
// `sync_parent` the folder's parent (for a folder just created). Safe for
// concurrent use on different paths.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

// Writes `bytes` as the file `path`, whose folder exists. OK once the file
// and its name are on disk; 503 naming the reason otherwise, and then no
// file (nor temporary file) is left behind.
Status WriteFileDurably(const std::string& path, std::string_view bytes, bool sync_parent = false);

}  // namespace atrium
