// X-Forwarded-For fields (every input line after the first) behind the
// proxies the first line names as `trusted-proxies`: the client is always
// an address in canonical form, and the peer when no proxy is trusted.
#include "base/ip_address.h"
#include "fuzz_util.h"
#include "http/client_address.h"
#include "http/message.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  const size_t first = text.find('\n');
  auto trusted = ParseIpNetworks(text.substr(0, first));
  http::Request req;
  size_t start = first == std::string_view::npos ? text.size() + 1 : first + 1;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    req.headers.emplace_back("X-Forwarded-For", std::string(text.substr(start, end - start)));
    start = end + 1;
  }
  // Every proxy trusted when the first line is not a list: the walk goes furthest.
  const std::vector<IpNetwork> networks =
      trusted ? *trusted
              : std::vector<IpNetwork>{*IpNetwork::Parse("::/0"), *IpNetwork::Parse("0.0.0.0/0")};
  for (const char* peer : {"127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1"}) {
    const std::string client = http::ClientAddress(peer, req, networks);
    auto parsed = IpAddress::Parse(client);
    fuzz::Require(parsed.has_value(), "the client is an address");
    fuzz::Require(parsed->ToString() == client, "the client is in canonical form");
    if (networks.empty())
      fuzz::Require(client == IpAddress::Parse(peer)->ToString(),
                    "without trusted proxies the client is the peer");
  }
  return 0;
}
