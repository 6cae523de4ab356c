#include "http/stream.h"

#include "base/json_writer.h"
#include "http/message.h"

namespace atrium::http {

namespace {

// True if the comma-separated header value `list` holds `token`
// (case-insensitive, surrounding spaces and tabs ignored).
bool HasToken(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (EqualsIgnoreCase(item, token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// True if any header named `name` holds `token`; a header may be repeated.
bool AnyHeaderHasToken(const Request& request, std::string_view name, std::string_view token) {
  for (const auto& [k, v] : request.headers)
    if (EqualsIgnoreCase(k, name) && HasToken(v, token)) return true;
  return false;
}

}  // namespace

bool IsWebSocketUpgrade(const Request& request) {
  return AnyHeaderHasToken(request, "Connection", "upgrade") &&
         AnyHeaderHasToken(request, "Upgrade", "websocket");
}

std::string FormatSseEvent(std::string_view event, std::string_view payload) {
  std::string out;
  out.reserve(event.size() + payload.size() + 16);
  if (!event.empty()) {
    out.append("event: ");
    for (char c : event)
      if (c != '\n' && c != '\r') out.push_back(c);
    out.push_back('\n');
  }
  // A line ends at CRLF, LF or CR; each line becomes its own "data:" field,
  // which the client joins back with LF.
  size_t i = 0;
  while (true) {
    size_t end = payload.find_first_of("\r\n", i);
    out.append("data: ");
    out.append(payload.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    out.push_back('\n');
    if (end == std::string_view::npos) break;
    i = end + 1;
    if (payload[end] == '\r' && i < payload.size() && payload[i] == '\n') ++i;
  }
  out.push_back('\n');
  return out;
}

std::string FormatWebSocketEvent(std::string_view event, std::string_view payload,
                                 const std::vector<std::string>& streams) {
  JsonWriter w;
  w.BeginObject().Key("stream").BeginArray();
  for (const auto& s : streams) w.String(s);
  w.EndArray().Field("event", event).Field("payload", payload).EndObject();
  return w.Take();
}

}  // namespace atrium::http
