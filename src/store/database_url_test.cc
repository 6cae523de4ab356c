// ParseDatabaseUrl: the one reading of a database URL.
#include "store/database_url.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(DatabaseUrl, PostgresSqliteAndNothingElse) {
  for (const char* url : {"postgres://atrium@db/atrium", "postgresql://db:5432/atrium"}) {
    auto t = ParseDatabaseUrl(url);
    ASSERT_TRUE(t.ok()) << url;
    EXPECT_TRUE(t->postgres) << url;
    EXPECT_EQ(t->url, url);
  }
  auto file = ParseDatabaseUrl("var/atrium.db");
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file->postgres);
  EXPECT_EQ(file->sqlite_path, "var/atrium.db");
  auto prefixed = ParseDatabaseUrl("sqlite:///srv/atrium/atrium.db");
  ASSERT_TRUE(prefixed.ok());
  EXPECT_FALSE(prefixed->postgres);
  EXPECT_EQ(prefixed->sqlite_path, "/srv/atrium/atrium.db");
  for (const char* url : {"mysql://db/atrium", "sqlite://mysql://x", "POSTGRES-ish://x"}) {
    auto bad = ParseDatabaseUrl(url);
    ASSERT_FALSE(bad.ok()) << url;
    EXPECT_EQ(bad.status().code(), Code::kBadRequest) << url;
  }
}

}  // namespace
}  // namespace atrium
