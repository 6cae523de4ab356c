// IpAddress and IpNetwork: IPv4 and IPv6 addresses and networks (CIDR), as
// the `trusted-proxies` setting names them and as client addresses are
// compared with them. An IPv4 address is kept as its IPv4-mapped IPv6 form
// (::ffff:a.b.c.d), so "10.0.0.1" and "::ffff:10.0.0.1" are one address and
// an IPv4 network matches both. Values; safe to copy.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atrium {

struct IpAddress {
  std::array<uint8_t, 16> bytes{};

  // "192.0.2.7", "2001:db8::1", "::ffff:192.0.2.7" (an IPv6 zone such as
  // "%eth0" is ignored); nullopt for anything else (no brackets, no port).
  static std::optional<IpAddress> Parse(std::string_view text);
  // True for an IPv4 (IPv4-mapped) address.
  bool is_v4() const;
  // Dotted for IPv4, RFC 5952 for IPv6 ("2001:db8::1").
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

struct IpNetwork {
  IpAddress address;    // with the bits past the prefix cleared
  int prefix_bits = 0;  // of the 128-bit form (an IPv4 /8 is 104)

  // "10.0.0.0/8", "2001:db8::/32", or one address ("127.0.0.1", "::1": all
  // its bits); nullopt for anything else, including a prefix longer than
  // the address or bits set past it ("10.0.0.1/8").
  static std::optional<IpNetwork> Parse(std::string_view text);
  // The network of `prefix_bits` (of the address's own family: 0-32 for
  // IPv4, 0-128 for IPv6) that holds `address`.
  static IpNetwork Of(const IpAddress& address, int prefix_bits);
  bool Contains(const IpAddress& address) const;
  // "10.0.0.0/8", "2001:db8::/32".
  std::string ToString() const;
};

// A comma-separated list of networks ("127.0.0.1, 10.0.0.0/8, fd00::/8";
// spaces allowed, empty entries not); nullopt if any entry is not one. An
// empty or blank text is the empty list.
std::optional<std::vector<IpNetwork>> ParseIpNetworks(std::string_view text);

// True if one of `networks` contains `address`.
bool AnyContains(const std::vector<IpNetwork>& networks, const IpAddress& address);

}  // namespace atrium
