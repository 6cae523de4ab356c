// HttpFetch: small outgoing HTTP requests to another server (an identity
// provider's discovery document, keys and token endpoint), on libcurl.
//
// Blocking: call it off the I/O threads. Only http:// and https:// URLs;
// redirects are not followed; the whole request is bounded by a timeout and
// the answer by a size. TLS certificates are verified against the system's
// trust store. Safe for concurrent use (each call has its own handle).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace atrium {

struct FetchRequest {
  std::string url;
  // Empty: GET. Otherwise POST with this body, as `content_type`.
  std::string body;
  std::string content_type = "application/x-www-form-urlencoded";
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t timeout_ms = 10000;
  int64_t connect_timeout_ms = 5000;
  int64_t max_bytes = 1 << 20;
};

struct FetchResponse {
  int status = 0;
  std::string body;
};

// Sends the request and returns the answer, whatever its status. 503
// unavailable when the server cannot be reached, does not answer in time, or
// answers more than max_bytes; 400 for a URL that is not http(s).
Result<FetchResponse> HttpFetch(const FetchRequest& request);

}  // namespace atrium
