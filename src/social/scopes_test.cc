#include "social/scopes.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(Scopes, ParentsAllowChildren) {
  std::vector<std::string> read = {"read"};
  EXPECT_TRUE(ScopesAllow(read, "read:statuses"));
  EXPECT_TRUE(ScopesAllow(read, "read"));
  EXPECT_FALSE(ScopesAllow(read, "write:statuses"));
  EXPECT_FALSE(ScopesAllow(read, "readx"));
  EXPECT_TRUE(ScopesAllow({"admin:read"}, "admin:read:accounts"));
  EXPECT_FALSE(ScopesAllow({"admin:read"}, "admin:write:accounts"));
  EXPECT_FALSE(ScopesAllow({"read:statuses"}, "read"));
}

TEST(Scopes, FollowAndProfileSpecialCases) {
  EXPECT_TRUE(ScopesAllow({"follow"}, "write:blocks"));
  EXPECT_TRUE(ScopesAllow({"follow"}, "read:follows"));
  EXPECT_FALSE(ScopesAllow({"follow"}, "read:statuses"));
  EXPECT_TRUE(ScopesAllow({"profile"}, "profile"));
  EXPECT_TRUE(ScopesAllow({"read:accounts"}, "profile"));
  EXPECT_FALSE(ScopesAllow({"profile"}, "read:accounts"));
  EXPECT_FALSE(ScopesAllow({"write"}, "profile"));
}

TEST(Scopes, SplittingAndKnownScopes) {
  EXPECT_EQ(SplitScopes("read  write+follow read"),
            (std::vector<std::string>{"read", "write", "follow"}));
  EXPECT_TRUE(IsKnownScope("write:media"));
  EXPECT_FALSE(IsKnownScope("banana"));
  EXPECT_TRUE(ScopesSubset({"read:statuses", "write"}, {"read", "write", "follow"}));
  EXPECT_FALSE(ScopesSubset({"admin:read"}, {"read", "write"}));
}

}  // namespace
}  // namespace atrium
