#include "base/local_path.h"

#include <gtest/gtest.h>

#include <string>

namespace atrium {
namespace {

TEST(LocalPath, PathsOnThisServerAreLocal) {
  EXPECT_TRUE(IsLocalPath("/"));
  EXPECT_TRUE(IsLocalPath("/home"));
  EXPECT_TRUE(IsLocalPath("/oauth/authorize?client_id=abc&redirect_uri=x%3A%2F%2Fy&scope=read"));
  EXPECT_TRUE(IsLocalPath("/@alice/123#replies"));
  EXPECT_TRUE(IsLocalPath(std::string(2048, '/').replace(1, 2047, 2047, 'a')));
}

TEST(LocalPath, OtherHostsAndOddPathsAreNot) {
  EXPECT_FALSE(IsLocalPath(""));
  EXPECT_FALSE(IsLocalPath("home"));
  EXPECT_FALSE(IsLocalPath("//evil.example"));
  EXPECT_FALSE(IsLocalPath("///evil.example"));
  EXPECT_FALSE(IsLocalPath("/\\evil.example"));
  EXPECT_FALSE(IsLocalPath("/a\\b"));
  EXPECT_FALSE(IsLocalPath("https://evil.example/"));
  EXPECT_FALSE(IsLocalPath("javascript:alert(1)"));
  EXPECT_FALSE(IsLocalPath("/a b"));
  EXPECT_FALSE(IsLocalPath("/a\tb"));
  EXPECT_FALSE(IsLocalPath("/\t/evil.example"));
  EXPECT_FALSE(IsLocalPath(std::string("/a\0b", 4)));
  EXPECT_FALSE(IsLocalPath("/a\x7f"));
  EXPECT_FALSE(IsLocalPath("/" + std::string(2048, 'a')));
}

}  // namespace
}  // namespace atrium
