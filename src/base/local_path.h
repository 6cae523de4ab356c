// IsLocalPath: whether a `return_to` names a page of this server, so that a
// sign-in never sends the browser elsewhere (an open redirect).
#pragma once

#include <string_view>

namespace atrium {

// True for a path on this server: it starts with one "/" and is not read by
// browsers as another host ("//host", "/\host"); it holds no backslash, no
// control character and no space, is valid UTF-8, and is at most 2048 bytes. An absolute URL
// ("https://host/…", "javascript:…") is not a local path.
bool IsLocalPath(std::string_view path);

}  // namespace atrium
