#include "base/ip_address.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

bool In(const char* network, const char* address) {
  auto n = IpNetwork::Parse(network);
  auto a = IpAddress::Parse(address);
  EXPECT_TRUE(n) << network;
  EXPECT_TRUE(a) << address;
  return n && a && n->Contains(*a);
}

TEST(IpAddress, ParsesBothFamiliesIntoOneCanonicalForm) {
  EXPECT_EQ(IpAddress::Parse("192.0.2.7")->ToString(), "192.0.2.7");
  EXPECT_EQ(IpAddress::Parse("::ffff:192.0.2.7")->ToString(), "192.0.2.7");
  EXPECT_EQ(*IpAddress::Parse("::ffff:192.0.2.7"), *IpAddress::Parse("192.0.2.7"));
  EXPECT_EQ(IpAddress::Parse("2001:0DB8:0:0:0:0:0:1")->ToString(), "2001:db8::1");
  EXPECT_EQ(IpAddress::Parse("fe80::1%eth0")->ToString(), "fe80::1");
  EXPECT_TRUE(IpAddress::Parse("10.0.0.1")->is_v4());
  EXPECT_FALSE(IpAddress::Parse("::1")->is_v4());
  for (const char* bad : {"", "localhost", "10.0.0", "10.0.0.256", "10.0.0.1:80", "[::1]", "::1::2",
                          "1.2.3.4/8", " 10.0.0.1", "2001:db8::g"})
    EXPECT_FALSE(IpAddress::Parse(bad)) << bad;
}

TEST(IpNetwork, MatchesIpv4Networks) {
  EXPECT_TRUE(In("10.0.0.0/8", "10.255.1.2"));
  EXPECT_FALSE(In("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(In("192.168.4.0/22", "192.168.7.255"));
  EXPECT_FALSE(In("192.168.4.0/22", "192.168.8.0"));
  EXPECT_TRUE(In("127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(In("127.0.0.1", "127.0.0.2"));
  EXPECT_TRUE(In("0.0.0.0/0", "203.0.113.9"));
  EXPECT_FALSE(In("0.0.0.0/0", "2001:db8::1")) << "an IPv4 network holds no IPv6 address";
  EXPECT_TRUE(In("10.0.0.0/8", "::ffff:10.1.2.3")) << "IPv4-mapped, as a dual-stack socket says";
}

TEST(IpNetwork, MatchesIpv6Networks) {
  EXPECT_TRUE(In("2001:db8::/32", "2001:db8:ffff::1"));
  EXPECT_FALSE(In("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(In("fd00::/8", "fdab:1::1"));
  EXPECT_TRUE(In("2001:db8::/63", "2001:db8:0:1:ffff::1"));
  EXPECT_FALSE(IpNetwork::Parse("2001:db8:0:1::/63")) << "a bit set past the prefix";
  EXPECT_FALSE(In("2001:db8:0:2::/63", "2001:db8:0:1::1"));
  EXPECT_TRUE(In("::1", "::1"));
  EXPECT_FALSE(In("::1", "127.0.0.1"));
  EXPECT_TRUE(In("::/0", "2001:db8::1"));
}

TEST(IpNetwork, RefusesWhatIsNotANetwork) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.1/8",
                          "2001:db8::/129", "2001:db8::1/32", "/8", "example.com/8"})
    EXPECT_FALSE(IpNetwork::Parse(bad)) << bad;
  EXPECT_EQ(IpNetwork::Parse(" 10.0.0.0/8 ")->ToString(), "10.0.0.0/8");
  EXPECT_EQ(IpNetwork::Parse("2001:db8::/32")->ToString(), "2001:db8::/32");
  EXPECT_EQ(IpNetwork::Of(*IpAddress::Parse("2001:db8:1:2:3:4:5:6"), 64).ToString(),
            "2001:db8:1:2::/64");
}

TEST(IpNetwork, ParsesCommaSeparatedLists) {
  auto list = ParseIpNetworks("127.0.0.1, 10.0.0.0/8,fd00::/8 ");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_TRUE(AnyContains(*list, *IpAddress::Parse("10.9.9.9")));
  EXPECT_TRUE(AnyContains(*list, *IpAddress::Parse("fd12::1")));
  EXPECT_FALSE(AnyContains(*list, *IpAddress::Parse("192.0.2.1")));
  EXPECT_TRUE(ParseIpNetworks("")->empty());
  EXPECT_TRUE(ParseIpNetworks("  ")->empty());
  EXPECT_FALSE(ParseIpNetworks("127.0.0.1,"));
  EXPECT_FALSE(ParseIpNetworks("127.0.0.1,,10.0.0.0/8"));
  EXPECT_FALSE(ParseIpNetworks("127.0.0.1 10.0.0.1"));
  EXPECT_FALSE(ParseIpNetworks("proxy.internal"));
}

}  // namespace
}  // namespace atrium
