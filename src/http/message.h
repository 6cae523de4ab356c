// Request and Response: HTTP messages as plain values, free of Beast types,
// so the layers above the transport compile fast and test without sockets.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/text.h"  // EqualsIgnoreCase, for header names

namespace atrium::http {

// Header names compare without case: base/text.h's EqualsIgnoreCase, also
// as http::EqualsIgnoreCase.
using ::atrium::EqualsIgnoreCase;

struct StreamHandler;
class RouteMetrics;

// A region of an open file sent as a response's body, from the kernel's
// page cache to the socket without a copy (sendfile). `owner` keeps `fd`
// open until the response is sent.
struct FileBody {
  int fd = -1;
  int64_t offset = 0;
  int64_t length = 0;
  std::shared_ptr<const void> owner;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_addr;
  std::string request_id;
  // Values of ":name" segments of the matched route.
  std::map<std::string, std::string, std::less<>> path_params;
  // The route that answers (set by the Router): its template names the
  // request in metrics and logs. Null until routed.
  RouteMetrics* route = nullptr;
  // The member the request was authenticated as (0: none yet), for the log.
  int64_t member_id = 0;

  // The first header named `name` (case-insensitive), or "".
  std::string_view Header(std::string_view name) const;
  // The value of ":name" in the route, or "".
  const std::string& PathParam(std::string_view name) const;
  // "application/json" from "application/json; charset=utf-8", lower-cased.
  std::string MediaType() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Bytes shared with a cache, sent instead of `body` when set (no copy).
  std::shared_ptr<const std::string> shared_body;
  // A file region sent instead of `body` when set; Content-Length is its length.
  std::shared_ptr<const FileBody> file;
  bool close = false;  // close the connection after sending
  // Set to keep the connection open as an SSE or WebSocket stream (stream.h).
  std::shared_ptr<StreamHandler> stream;

  // Adds a header; several with one name are allowed (Set-Cookie).
  Response& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string_view Header(std::string_view name) const;
  // The bytes to send: `shared_body` if set, else `body`.
  std::string_view Body() const { return shared_body ? *shared_body : body; }

  static Response Json(int status, std::string body);
  static Response Html(int status, std::string body);
  // Mastodon's error shape: {"error": "...", "error_description": "..."}.
  static Response Error(int status, std::string_view error, std::string_view description = {});
  static Response Redirect(std::string location, int status = 302);
};

// Splits an origin-form request target ("/a%20b?x=1") into its
// percent-decoded path ("/a b") and raw query ("x=1"). False, leaving
// *path and *query unspecified, when the target does not start with '/', a
// percent-escape is malformed, or the decoded path is not valid UTF-8. '+'
// is literal in a path.
bool DecodeRequestTarget(std::string_view target, std::string* path, std::string* query);

// The standard reason phrase for a status code ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace atrium::http
