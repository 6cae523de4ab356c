#include "api/web_assets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace atrium::api {
namespace {

namespace fs = std::filesystem;

class WebAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("atrium-web-assets-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "assets");
    Write("index.html", "<!doctype html><title>Atrium</title>");
    Write("assets/app-1a2b3c.js", "console.log('atrium')");
    Write("assets/app-1a2b3c.js.gz", "GZIPPED");
    Write("assets/app-1a2b3c.css", "body{}");
    Write("favicon.svg", "<svg/>");
    Write(".secret", "hidden");
    fs::create_directories(root_.parent_path() / (root_.filename().string() + "-outside"));
    std::ofstream(root_.parent_path() / (root_.filename().string() + "-outside") / "x.txt")
        << "outside";
  }
  void TearDown() override {
    fs::remove_all(root_);
    fs::remove_all(root_.parent_path() / (root_.filename().string() + "-outside"));
  }
  void Write(const std::string& name, const std::string& body) {
    std::ofstream(root_ / name, std::ios::binary) << body;
  }
  http::Response Get(std::string path, std::string accept = "text/html,*/*",
                     std::string encoding = "") {
    http::Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.target = r.path;
    if (!accept.empty()) r.headers.emplace_back("Accept", accept);
    if (!encoding.empty()) r.headers.emplace_back("Accept-Encoding", encoding);
    return ServeWebAsset(root_.string(), r);
  }

  fs::path root_;
};

TEST_F(WebAssetsTest, IndexAtTheRootIsRevalidatedEveryTime) {
  auto r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>Atrium</title>");
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
  EXPECT_FALSE(r.Header("Content-Security-Policy").empty());
}

TEST_F(WebAssetsTest, HashedAssetsAreImmutable) {
  auto r = Get("/assets/app-1a2b3c.css", "text/css,*/*;q=0.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "body{}");
  EXPECT_EQ(r.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
}

TEST_F(WebAssetsTest, OtherFilesAreRevalidated) {
  auto r = Get("/favicon.svg", "image/*");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
}

TEST_F(WebAssetsTest, PrecompressedFileWhenGzipIsAccepted) {
  auto gz = Get("/assets/app-1a2b3c.js", "*/*", "gzip, deflate, br");
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(gz.Header("Vary"), "Accept-Encoding");

  auto plain = Get("/assets/app-1a2b3c.js", "*/*");
  EXPECT_EQ(plain.body, "console.log('atrium')");
  EXPECT_EQ(plain.Header("Content-Encoding"), "");
  EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");

  auto refused = Get("/assets/app-1a2b3c.js", "*/*", "gzip;q=0, identity");
  EXPECT_EQ(refused.body, "console.log('atrium')");
}

TEST_F(WebAssetsTest, ClientRoutesGetTheIndexWhenAPageIsWanted) {
  auto page = Get("/communities/123/members");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><title>Atrium</title>");
  EXPECT_EQ(page.Header("Cache-Control"), "no-cache");

  auto json = Get("/communities/123", "application/json");
  EXPECT_EQ(json.status, 404);
  EXPECT_EQ(json.Header("Content-Type"), "application/json; charset=utf-8");
  auto missing_asset = Get("/assets/gone-000.js", "*/*");
  EXPECT_EQ(missing_asset.status, 404);
}

TEST_F(WebAssetsTest, ServerPathsStayJson404) {
  for (const char* path : {"/api/v1/nothing", "/api", "/oauth/x", "/auth/x", "/scim/v2/x",
                           "/media/avatars/x.png", "/.well-known/x"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << path;
  }
  EXPECT_EQ(Get("/apiary").status, 200);  // a client route that only starts like one
}

TEST_F(WebAssetsTest, NoTraversalAndNoHiddenFiles) {
  std::string outside = "/../" + root_.filename().string() + "-outside/x.txt";
  for (const std::string& path :
       {outside, std::string("/assets/../../x.txt"), std::string("/./index.html"),
        std::string("/.secret"), std::string("/assets\\..\\x")}) {
    auto r = Get(path, "*/*");
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body, "outside") << path;
    EXPECT_NE(r.body, "hidden") << path;
  }
}

TEST_F(WebAssetsTest, UnbuiltClientSaysSo) {
  http::Request r;
  r.method = "GET";
  r.path = "/";
  auto res = ServeWebAsset((root_ / "nowhere").string(), r);
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("not built"), std::string::npos);
}

TEST(WebAssetContentTypeTest, ByExtension) {
  EXPECT_EQ(WebAssetContentType("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(WebAssetContentType("a.woff2"), "font/woff2");
  EXPECT_EQ(WebAssetContentType("a.webmanifest"), "application/manifest+json");
  EXPECT_EQ(WebAssetContentType("README"), "application/octet-stream");
}

}  // namespace
}  // namespace atrium::api
