#include "http/client_address.h"

#include <gtest/gtest.h>

namespace atrium::http {
namespace {

Request WithForwardedFor(std::vector<std::string> values) {
  Request r;
  r.headers.emplace_back("Host", "atrium.example");
  for (auto& v : values) r.headers.emplace_back("X-Forwarded-For", std::move(v));
  return r;
}

std::vector<IpNetwork> Trusted(const char* list) { return *ParseIpNetworks(list); }

TEST(ClientAddress, WithoutTrustedProxiesIsThePeer) {
  const Request forged = WithForwardedFor({"198.51.100.1"});
  EXPECT_EQ(ClientAddress("203.0.113.9", forged, {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress("::ffff:203.0.113.9", forged, {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress("2001:db8::1", forged, {}), "2001:db8::1");
}

TEST(ClientAddress, FromAnUntrustedPeerIgnoresForwardedFor) {
  EXPECT_EQ(ClientAddress("203.0.113.9", WithForwardedFor({"198.51.100.1"}),
                          Trusted("127.0.0.1, 10.0.0.0/8")),
            "203.0.113.9");
}

TEST(ClientAddress, FromATrustedPeerIsTheRightMostUntrustedAddress) {
  const auto trusted = Trusted("127.0.0.1, 10.0.0.0/8, fd00::/8");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({"198.51.100.1"}), trusted),
            "198.51.100.1");
  // The client wrote "1.2.3.4" itself; the proxies appended the rest.
  EXPECT_EQ(
      ClientAddress("10.0.0.2", WithForwardedFor({"1.2.3.4, 198.51.100.1, 10.0.0.3"}), trusted),
      "198.51.100.1");
  // Several fields are one list, in order.
  EXPECT_EQ(
      ClientAddress("10.0.0.2", WithForwardedFor({"1.2.3.4", "198.51.100.1", "10.0.0.3"}), trusted),
      "198.51.100.1");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", WithForwardedFor({"2001:db8::7"}), trusted),
            "2001:db8::7");
  EXPECT_EQ(ClientAddress("fd00::1", WithForwardedFor({"[2001:db8::7]:4431"}), trusted),
            "2001:db8::7");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({" 198.51.100.1:5555 "}), trusted),
            "198.51.100.1");
}

TEST(ClientAddress, AllTrustedOrNothingForwardedIsTheLastHop) {
  const auto trusted = Trusted("127.0.0.1, 10.0.0.0/8");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({"10.0.0.5, 10.0.0.6"}), trusted),
            "10.0.0.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({}), trusted), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({""}), trusted), "127.0.0.1");
}

TEST(ClientAddress, AnEntryThatIsNoAddressStopsAtTheProxyThatPassedItOn) {
  const auto trusted = Trusted("127.0.0.1, 10.0.0.0/8");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({"unknown, 10.0.0.4"}), trusted),
            "10.0.0.4");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({"198.51.100.1, , 10.0.0.4"}), trusted),
            "10.0.0.4");
  EXPECT_EQ(ClientAddress("127.0.0.1", WithForwardedFor({"<script>"}), trusted), "127.0.0.1");
}

}  // namespace
}  // namespace atrium::http
