// The Store's own contract (its schema and readiness), on every backend (see
// store/store_contract_test_fixture.h). SQLite-only and PostgreSQL-only
// behaviours are in sqlite/sqlite_store_test.cc and postgres/pg_store_test.cc.
#include <gtest/gtest.h>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class StoreSchemaContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, StoreSchemaContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(StoreSchemaContract, MigratesToLatestAndIsReady) {
  TestStore& t = *t_;
  auto v = t.store().SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, t.store().LatestSchemaVersion());
  EXPECT_TRUE(t.store().CheckReady().ok());
  // Migrating again is a no-op.
  EXPECT_TRUE(t.store().Migrate().ok());
  EXPECT_EQ(*t.store().SchemaVersion(), t.store().LatestSchemaVersion());
}

}  // namespace
}  // namespace atrium
