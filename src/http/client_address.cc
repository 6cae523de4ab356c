#include "http/client_address.h"

#include "base/text.h"

namespace atrium::http {
namespace {

// One X-Forwarded-For entry as an address: "192.0.2.7", "2001:db8::1", and
// the forms some proxies write, "192.0.2.7:5411", "[2001:db8::1]" and
// "[2001:db8::1]:5411".
std::optional<IpAddress> ForwardedAddress(std::string_view entry) {
  entry = Trim(entry);
  if (!entry.empty() && entry.front() == '[') {
    const size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return IpAddress::Parse(entry.substr(1, close - 1));
  }
  const size_t colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos)
    entry = entry.substr(0, colon);  // IPv4 with a port
  return IpAddress::Parse(entry);
}

}  // namespace

std::string ClientAddress(std::string_view peer, const Request& request,
                          const std::vector<IpNetwork>& trusted_proxies) {
  auto hop = IpAddress::Parse(peer);
  if (!hop) return std::string(peer);
  if (trusted_proxies.empty() || !AnyContains(trusted_proxies, *hop)) return hop->ToString();
  // Every X-Forwarded-For field, in order, as one list.
  std::string forwarded;
  for (const auto& [name, value] : request.headers) {
    if (!EqualsIgnoreCase(name, "X-Forwarded-For")) continue;
    if (!forwarded.empty()) forwarded += ',';
    forwarded += value;
  }
  // From the right: past each trusted proxy to the address it was sent by.
  std::string_view rest = forwarded;
  while (!Trim(rest).empty() && AnyContains(trusted_proxies, *hop)) {
    const size_t comma = rest.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    auto previous = ForwardedAddress(entry);
    if (!previous) break;
    hop = previous;
  }
  return hop->ToString();
}

}  // namespace atrium::http
