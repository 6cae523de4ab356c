#include "http/params.h"

#include <gtest/gtest.h>

namespace atrium::http {
namespace {

Request WithBody(std::string type, std::string body, std::string query = "") {
  Request r;
  r.method = "POST";
  r.query = std::move(query);
  r.headers = {{"Content-Type", std::move(type)}};
  r.body = std::move(body);
  return r;
}

TEST(Params, QueryAndFormAndArrays) {
  auto p = Params::Parse(
      WithBody("application/x-www-form-urlencoded", "a=1&ids%5B%5D=2&ids[]=3&b=x+y", "q=%C3%A9"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("q"), "é");
  EXPECT_EQ(p->Get("a"), "1");
  EXPECT_EQ(p->GetAll("ids"), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(p->Get("b"), "x y");
  EXPECT_FALSE(p->Get("missing"));
}

TEST(Params, JsonIsFlattenedLikeRailsForms) {
  auto p =
      Params::Parse(WithBody("application/json; charset=utf-8",
                             R"({"s":"x","n":5,"t":true,"z":null,"a":["1","2"],"o":{"k":"v"}})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("s"), "x");
  EXPECT_EQ(p->Get("n"), "5");
  EXPECT_EQ(p->GetBool("t"), true);
  EXPECT_FALSE(p->Has("z"));
  EXPECT_EQ(p->GetAll("a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(p->Get("o[k]"), "v");
}

TEST(Params, MalformedBodiesAreRejectedWithAReason) {
  auto bad_json = Params::Parse(WithBody("application/json", "{bad"));
  ASSERT_FALSE(bad_json.ok());
  EXPECT_EQ(bad_json.status().http_status(), 400);
  EXPECT_NE(bad_json.status().error().find("JSON"), std::string::npos);
  EXPECT_EQ(Params::Parse(WithBody("application/json", "[1]")).status().http_status(), 400);
  EXPECT_EQ(
      Params::Parse(WithBody("application/x-www-form-urlencoded", "a=%zz")).status().http_status(),
      400);
  EXPECT_EQ(
      Params::Parse(WithBody("application/x-www-form-urlencoded", "a=%ff")).status().http_status(),
      400);
  EXPECT_EQ(Params::Parse(WithBody("text/plain", "hello")).status().http_status(), 415);
  EXPECT_EQ(
      Params::Parse(WithBody("multipart/form-data; boundary=xx", "garbage")).status().http_status(),
      400);
}

TEST(Params, MultipartFieldsAndFiles) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\nhello world\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: "
      "image/png\r\n\r\n"
      "\x89PNG\r\n--XyZ--\r\n";
  auto p = Params::Parse(WithBody("multipart/form-data; boundary=XyZ", body));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->Get("status"), "hello world");
  ASSERT_EQ(p->files().size(), 1u);
  EXPECT_EQ(p->files()[0].filename, "a.png");
  EXPECT_EQ(p->files()[0].content_type, "image/png");
  EXPECT_EQ(p->files()[0].data, "\x89PNG");
}

TEST(Params, Booleans) {
  auto p = Params::ParseForm("a=true&b=0&c=maybe");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->GetBool("a"), true);
  EXPECT_EQ(p->GetBool("b"), false);
  bool bad = false;
  EXPECT_FALSE(p->GetBool("c", &bad));
  EXPECT_TRUE(bad);
}

TEST(Params, WholeNumbersWithinARange) {
  auto p = Params::ParseForm(
      "a=42&b=&c=-1&d=11&e=9223372036854775807&f=99999999999999999999&g=1e3&h=7x&i=%2B5");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->GetInt("a", 0, 100).value(), std::optional<int64_t>(42));
  EXPECT_EQ(p->GetInt("b", 0, 100).value(), std::nullopt);
  EXPECT_EQ(p->GetInt("missing", 0, 100).value(), std::nullopt);
  EXPECT_EQ(p->GetInt("c", -1, 10).value(), std::optional<int64_t>(-1));
  for (const char* name : {"c", "d", "e", "f", "g", "h", "i"}) {
    auto v = p->GetInt(name, 0, 10);
    ASSERT_FALSE(v.ok()) << name;
    EXPECT_EQ(v.status().code(), Code::kUnprocessable) << name;
    EXPECT_NE(v.status().ToString().find(std::string(name) + " must be a whole number"),
              std::string::npos)
        << v.status().ToString();
  }
}

}  // namespace
}  // namespace atrium::http
