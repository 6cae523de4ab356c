#include "api/web_assets.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

namespace atrium::api {
namespace {

namespace fs = std::filesystem;

// Path prefixes that belong to the server: never answered with the client.
constexpr std::array<std::string_view, 6> kServerPrefixes = {"/api",  "/oauth", "/auth",
                                                             "/scim", "/media", "/.well-known"};

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";
constexpr const char* kPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

bool UnderPrefix(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

bool IsServerPath(std::string_view path) {
  for (std::string_view prefix : kServerPrefixes)
    if (UnderPrefix(path, prefix)) return true;
  return false;
}

// The path relative to the root, or nullopt when a segment is empty-named
// ("." or ".."), hidden, or holds a character no file of ours has.
std::optional<std::string> SafeRelative(std::string_view path) {
  std::string out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(pos, end - pos);
    pos = end + 1;
    if (seg.empty()) continue;
    if (seg[0] == '.') return std::nullopt;  // ".", "..", hidden files
    for (char c : seg)
      if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    if (!out.empty()) out += '/';
    out += seg;
  }
  return out;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

// Whether Accept-Encoding allows gzip (present and not "q=0").
bool AcceptsGzip(std::string_view accept) {
  size_t pos = 0;
  while (pos < accept.size()) {
    size_t end = accept.find(',', pos);
    if (end == std::string_view::npos) end = accept.size();
    std::string_view item = accept.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (!http::EqualsIgnoreCase(coding, "gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view q = item.substr(semi + 1);
    while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
    return !(q.starts_with("q=0") && q.find_first_not_of("q=0.") == std::string_view::npos);
  }
  return false;
}

http::Response FileResponse(const fs::path& file, std::string_view name,
                            const http::Request& request, const char* cache_control) {
  http::Response r;
  bool gzip = false;
  std::optional<std::string> body;
  fs::path gz = file;
  gz += ".gz";
  std::error_code ec;
  bool has_gz = fs::is_regular_file(gz, ec);
  if (has_gz && AcceptsGzip(request.Header("Accept-Encoding"))) {
    body = ReadFile(gz);
    gzip = body.has_value();
  }
  if (!body) body = ReadFile(file);
  if (!body) return http::Response::Error(404, "Not found", "No route matches " + request.path);
  r.body = std::move(*body);
  r.Set("Content-Type", std::string(WebAssetContentType(name)));
  r.Set("Cache-Control", cache_control);
  r.Set("X-Content-Type-Options", "nosniff");
  if (gzip) r.Set("Content-Encoding", "gzip");
  if (has_gz) r.Set("Vary", "Accept-Encoding");
  return r;
}

}  // namespace

std::string_view WebAssetContentType(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes)
    if (name.ends_with(ext)) return type;
  return "application/octet-stream";
}

http::Response ServeWebAsset(const std::string& root, const http::Request& request) {
  const std::string& path = request.path;
  auto not_found = [&] {
    return http::Response::Error(404, "Not found", "No route matches " + path);
  };
  if (IsServerPath(path)) return not_found();
  auto rel = SafeRelative(path);
  if (!rel) return not_found();
  if (*rel == "index.html") rel->clear();
  const fs::path base(root);
  if (!rel->empty()) {
    fs::path file = base / *rel;
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
      bool hashed = rel->starts_with("assets/");
      return FileResponse(file, *rel, request, hashed ? kImmutable : kRevalidate);
    }
  }
  // The client's own routes: its page, for whoever asks for a page.
  if (!rel->empty() && request.Header("Accept").find("text/html") == std::string_view::npos)
    return not_found();
  http::Response page = FileResponse(base / "index.html", "index.html", request, kRevalidate);
  if (page.status != 200)
    return http::Response::Error(404, "Not found",
                                 "The web client is not built: " + root + "/index.html is missing");
  page.Set("Content-Security-Policy", kPolicy);
  page.Set("Referrer-Policy", "same-origin");
  return page;
}

void RegisterWebAssets(http::Router& router, ApiContext& ctx) {
  router.SetFallback([root = ctx.settings.web_root](http::Request& request) {
    return ServeWebAsset(root, request);
  });
}

}  // namespace atrium::api
