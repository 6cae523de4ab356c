// FetchUrl: one HTTP(S) GET with libcurl, for documents Atrium reads from
// elsewhere at start (an identity provider's metadata).
//
// Safe for concurrent use (each call has its own handle; libcurl's global
// initialization happens once, on the first call).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace atrium {

// The body of `url` (http:// or https://; certificates are verified),
// following at most 3 redirects. 400 for another scheme; 503 naming the
// reason when the server cannot be reached, answers with a status other
// than 200, takes longer than `timeout_ms`, or sends more than `max_bytes`.
Result<std::string> FetchUrl(const std::string& url, int64_t timeout_ms = 10000,
                             size_t max_bytes = 4 << 20);

}  // namespace atrium
