// The web client: the files of the built client (web/dist, the `web-root`
// setting) served as they are, for every GET that no API route matches.
//
// - /assets/* (names carrying a content hash) may be cached for a year;
//   index.html and other files are revalidated on every use (no-cache).
// - A file with a precompressed sibling (app.js.gz, made by the build) is
//   sent compressed when the request's Accept-Encoding allows gzip.
// - A path that names no file gets index.html when the request accepts
//   text/html, so the client's own routes survive a reload; otherwise, and
//   always under /api, /oauth, /auth, /scim, /media and /.well-known, the
//   usual JSON 404.
// - Paths with "." or ".." segments or hidden names are never served.
//
// The files need no sign-in: the client shows its own sign-in screen, and
// everything it then loads goes through the API's gate.
#pragma once

#include <string>
#include <string_view>

#include "api/context.h"
#include "http/message.h"
#include "http/router.h"

namespace atrium::api {

// Answers a GET or HEAD for `request.path` from the folder `root`.
http::Response ServeWebAsset(const std::string& root, const http::Request& request);

// The Content-Type for a file name, by its extension.
std::string_view WebAssetContentType(std::string_view name);

// Serves the web client as the router's fallback.
void RegisterWebAssets(http::Router& router, ApiContext& ctx);

}  // namespace atrium::api
