#include "base/job_worker.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(JobWorker, RetryWaitsDoubleUpToTheCap) {
  EXPECT_EQ(RetryBackoffMs(1, 1000, 60000), 1000);
  EXPECT_EQ(RetryBackoffMs(2, 1000, 60000), 2000);
  EXPECT_EQ(RetryBackoffMs(3, 1000, 60000), 4000);
  EXPECT_EQ(RetryBackoffMs(7, 1000, 60000), 60000);
  EXPECT_EQ(RetryBackoffMs(500, 1000, 60000), 60000);
}

TEST(JobWorker, LeaseOwnersDiffer) {
  EXPECT_NE(LeaseOwnerName(1), LeaseOwnerName(1));
  EXPECT_NE(LeaseOwnerName(1).find(":1:"), std::string::npos);
}

}  // namespace
}  // namespace atrium
