#include "base/safe_fetch.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

TEST(SafeFetch, PublicAddresses) {
  for (const char* a : {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "1.1.1.1"})
    EXPECT_TRUE(IsPublicAddress(Ip(a))) << a;
  for (const char* a : {"127.0.0.1",
                        "127.8.9.10",
                        "10.1.2.3",
                        "172.16.0.1",
                        "172.31.255.255",
                        "192.168.1.1",
                        "169.254.169.254",
                        "169.254.1.1",
                        "100.64.0.1",
                        "0.0.0.0",
                        "224.0.0.1",
                        "255.255.255.255",
                        "192.0.2.1",
                        "198.18.0.1",
                        "::1",
                        "::",
                        "fe80::1",
                        "fd00::1",
                        "fc00::1",
                        "ff02::1",
                        "64:ff9b::7f00:1",
                        "2002:7f00:1::",
                        "::127.0.0.1",
                        "::ffff:127.0.0.1",
                        "::ffff:10.0.0.1",
                        "2001:db8::1",
                        "fd00:ec2::254"})
    EXPECT_FALSE(IsPublicAddress(Ip(a))) << a;
}

TEST(SafeFetch, MetadataAddresses) {
  for (const char* a : {"169.254.169.254", "::ffff:169.254.169.254", "fd00:ec2::254",
                        "100.100.100.200", "168.63.129.16", "169.254.170.2"})
    EXPECT_TRUE(IsMetadataAddress(Ip(a))) << a;
  EXPECT_FALSE(IsMetadataAddress(Ip("10.0.0.1")));
}

TEST(SafeFetch, ParsePolicy) {
  auto p = OutboundPolicy::Parse("wiki.Corp.example, *.intranet.example, 10.20.0.0/16, fd12::/16",
                                 false);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->hosts, (std::vector<std::string>{"wiki.corp.example", "*.intranet.example"}));
  ASSERT_EQ(p->networks.size(), 2u);
  EXPECT_FALSE(p->public_addresses);
  EXPECT_TRUE(OutboundPolicy::Parse("", true));
  EXPECT_TRUE(OutboundPolicy::Parse("  ", true));
  for (const char* bad : {"not a host", "a,,b", "10.0.0.1/8", "http://wiki", "wiki/x", "*", "*.",
                          "a..b", "-", "wiki,"})
    EXPECT_FALSE(OutboundPolicy::Parse(bad, true)) << bad;
}

TEST(SafeFetch, Refusals) {
  auto p = *OutboundPolicy::Parse("wiki.corp.example, *.intranet.example, 10.20.0.0/16", true);
  // Public: allowed while fetch-public is on.
  EXPECT_EQ(p.Refusal("example.com", Ip("93.184.216.34")), "");
  // Listed networks: any host.
  EXPECT_EQ(p.Refusal("anything", Ip("10.20.3.4")), "");
  EXPECT_NE(p.Refusal("anything", Ip("10.21.3.4")), "");
  // Listed names: their private addresses, not loopback, link-local or metadata.
  EXPECT_EQ(p.Refusal("wiki.corp.example", Ip("10.9.9.9")), "");
  EXPECT_EQ(p.Refusal("WIKI.corp.example", Ip("192.168.0.5")), "");
  EXPECT_EQ(p.Refusal("docs.intranet.example", Ip("172.16.5.5")), "");
  EXPECT_NE(p.Refusal("intranet.example", Ip("172.16.5.5")), "") << "*. is subdomains only";
  EXPECT_NE(p.Refusal("evilintranet.example", Ip("172.16.5.5")), "");
  EXPECT_NE(p.Refusal("wiki.corp.example", Ip("127.0.0.1")), "");
  EXPECT_NE(p.Refusal("wiki.corp.example", Ip("169.254.169.254")), "");
  EXPECT_NE(p.Refusal("wiki.corp.example", Ip("fe80::1")), "");
  // Unlisted private and loopback.
  EXPECT_NE(p.Refusal("localhost", Ip("127.0.0.1")), "");
  EXPECT_NE(p.Refusal("x", Ip("::1")), "");
  EXPECT_NE(p.Refusal("x", Ip("::ffff:127.0.0.1")), "");
  // Metadata: never, even inside a listed network.
  auto wide = *OutboundPolicy::Parse("169.254.0.0/16, 127.0.0.1", true);
  EXPECT_EQ(wide.Refusal("x", Ip("169.254.1.1")), "");
  EXPECT_EQ(wide.Refusal("x", Ip("127.0.0.1")), "");
  EXPECT_NE(wide.Refusal("x", Ip("169.254.169.254")), "");
  // fetch-public off.
  auto closed = *OutboundPolicy::Parse("", false);
  EXPECT_NE(closed.Refusal("example.com", Ip("93.184.216.34")), "");
}

TEST(SafeFetch, RefusedBeforeAnyConnection) {
  OutboundPolicy p;
  for (const char* url :
       {"http://127.0.0.1:1/", "http://[::1]:1/", "http://169.254.169.254/", "http://0.0.0.0:1/",
        "http://[::ffff:127.0.0.1]:1/", "http://[fd00:ec2::254]/", "http://2130706433:1/"}) {
    auto r = SafeFetch({.url = url, .timeout_ms = 2000}, p);
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_TRUE(r.status().code() == Code::kForbidden || r.status().code() == Code::kBadRequest)
        << url << " " << r.status().ToString();
  }
  for (const char* url : {"ftp://example.com/", "file:///etc/passwd", "gopher://x/",
                          "http://user:pw@example.com/", "not a url"}) {
    auto r = SafeFetch({.url = url}, p);
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.status().code(), Code::kBadRequest) << url;
  }
}

}  // namespace
}  // namespace atrium
