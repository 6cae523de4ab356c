#include "base/ip_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "base/text.h"

namespace atrium {
namespace {

constexpr std::array<uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Clears the bits of `address` past the first `prefix_bits`.
IpAddress Masked(IpAddress address, int prefix_bits) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(prefix_bits - 8 * i, 0, 8);
    address.bytes[i] &= static_cast<uint8_t>(0xff00 >> keep);
  }
  return address;
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (auto zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  IpAddress out;
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::copy(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), out.bytes.begin());
    std::memcpy(out.bytes.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.bytes.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool IpAddress::is_v4() const {
  return std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), bytes.begin());
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<IpNetwork> IpNetwork::Parse(std::string_view text) {
  text = Trim(text);
  const size_t slash = text.find('/');
  auto address = IpAddress::Parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  const int family_bits = address->is_v4() ? 32 : 128;
  int bits = family_bits;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
        bits > family_bits)
      return std::nullopt;
  }
  IpNetwork network = Of(*address, bits);
  if (!(network.address == *address)) return std::nullopt;  // bits set past the prefix
  return network;
}

IpNetwork IpNetwork::Of(const IpAddress& address, int prefix_bits) {
  IpNetwork network;
  network.prefix_bits = prefix_bits + (address.is_v4() ? 96 : 0);
  network.address = Masked(address, network.prefix_bits);
  return network;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  return Masked(address, prefix_bits) == this->address;
}

std::string IpNetwork::ToString() const {
  const int bits = address.is_v4() && prefix_bits >= 96 ? prefix_bits - 96 : prefix_bits;
  return address.ToString() + "/" + std::to_string(bits);
}

std::optional<std::vector<IpNetwork>> ParseIpNetworks(std::string_view text) {
  std::vector<IpNetwork> out;
  if (Trim(text).empty()) return out;
  size_t pos = 0;
  while (true) {
    const size_t comma = text.find(',', pos);
    auto network = IpNetwork::Parse(text.substr(pos, comma - pos));
    if (!network) return std::nullopt;
    out.push_back(*network);
    if (comma == std::string_view::npos) return out;
    pos = comma + 1;
  }
}

bool AnyContains(const std::vector<IpNetwork>& networks, const IpAddress& address) {
  for (const IpNetwork& n : networks)
    if (n.Contains(address)) return true;
  return false;
}

}  // namespace atrium
