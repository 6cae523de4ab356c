#include "http/message.h"

#include "base/json_writer.h"
#include "base/text.h"

namespace atrium::http {

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return {};
}

const std::string& Request::PathParam(std::string_view name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

std::string Request::MediaType() const {
  std::string_view ct = Header("Content-Type");
  auto semi = ct.find(';');
  if (semi != std::string_view::npos) ct = ct.substr(0, semi);
  while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
  return AsciiLower(ct);
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return {};
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::Error(int status, std::string_view error, std::string_view description) {
  JsonWriter w;
  w.BeginObject().Field("error", error);
  if (!description.empty()) w.Field("error_description", description);
  w.EndObject();
  return Json(status, w.Take());
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.Set("Location", std::move(location));
  return r;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

bool DecodeRequestTarget(std::string_view target, std::string* path, std::string* query) {
  if (target.empty() || target[0] != '/') return false;
  const size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  query->assign(q == std::string_view::npos ? std::string_view() : target.substr(q + 1));
  path->clear();
  for (size_t i = 0; i < raw_path.size(); ++i) {
    if (raw_path[i] != '%') {
      *path += raw_path[i];
      continue;
    }
    std::string one;
    if (i + 2 >= raw_path.size() || !FormDecode(raw_path.substr(i, 3), &one)) return false;
    *path += one;
    i += 2;
  }
  return IsValidUtf8(*path);
}

}  // namespace atrium::http
