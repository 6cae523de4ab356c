#include "base/http_fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace atrium {
namespace {

struct Sink {
  std::string* body;
  int64_t max_bytes;
  bool too_large = false;
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (static_cast<int64_t>(sink->body->size() + n) > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, n);
  return n;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Result<FetchResponse> HttpFetch(const FetchRequest& request) {
  if (!request.url.starts_with("https://") && !request.url.starts_with("http://"))
    return Status::BadRequest("invalid_url", "only http and https URLs are fetched");
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return Status::Unavailable("fetch_failed", "libcurl could not start a request");
  FetchResponse response;
  Sink sink{&response.body, request.max_bytes};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Atrium");
  std::unique_ptr<curl_slist, ListFree> headers;
  auto add = [&headers](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  add("Accept: application/json");
  for (const auto& [name, value] : request.headers) add(name + ": " + value);
  if (!request.body.empty()) {
    add("Content-Type: " + request.content_type);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  CURLcode rc = curl_easy_perform(c);
  if (sink.too_large)
    return Status::Unavailable("fetch_failed", request.url + " answered more than " +
                                                   std::to_string(request.max_bytes) + " bytes");
  if (rc != CURLE_OK)
    return Status::Unavailable("fetch_failed", request.url + ": " + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace atrium
