#include "base/url_fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <mutex>

namespace atrium {
namespace {

struct Body {
  std::string text;
  size_t max_bytes;
  bool too_large = false;
};

size_t Append(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  size_t n = size * count;
  if (body->text.size() + n > body->max_bytes) {
    body->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  body->text.append(data, n);
  return n;
}

}  // namespace

Result<std::string> FetchUrl(const std::string& url, int64_t timeout_ms, size_t max_bytes) {
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    return Status::BadRequest("invalid_url", "only http:// and https:// URLs can be fetched");
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Unavailable("cannot start an HTTP client");
  Body body{"", max_bytes};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Atrium");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (body.too_large)
    return Status::Unavailable("unavailable",
                               fmt::format("{} sent more than {} bytes", url, max_bytes));
  if (rc != CURLE_OK)
    return Status::Unavailable("unavailable",
                               fmt::format("cannot fetch {}: {}", url, curl_easy_strerror(rc)));
  if (status != 200)
    return Status::Unavailable("unavailable",
                               fmt::format("{} answered with status {}", url, status));
  return std::move(body.text);
}

}  // namespace atrium
