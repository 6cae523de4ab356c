#include "base/durable_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace atrium {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(DurableFile, WritesReplacesAndLeavesNoTemporaryFile) {
  std::string dir = (fs::temp_directory_path() / "atrium-durable-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const fs::path file = fs::path(dir) / "picture.jpg";
  ASSERT_TRUE(WriteFileDurably(file.string(), std::string("first\0bytes", 11)).ok());
  EXPECT_EQ(Read(file), std::string("first\0bytes", 11));
  ASSERT_TRUE(WriteFileDurably(file.string(), "second", /*sync_parent=*/true).ok());
  EXPECT_EQ(Read(file), "second");
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(DurableFile, AMissingFolderIsUnavailableAndLeavesNothing) {
  const fs::path missing = fs::temp_directory_path() / "atrium-durable-missing" / "x" / "f";
  Status s = WriteFileDurably(missing.string(), "bytes");
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_FALSE(fs::exists(missing.string() + ".tmp"));
}

}  // namespace
}  // namespace atrium
