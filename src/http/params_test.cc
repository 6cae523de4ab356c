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

TEST(Params, AnEmptyJsonArrayIsAnEmptyListNotAnAbsentOne) {
  auto p = Params::Parse(
      WithBody("application/json", R"({"media_ids":[],"o":{"tags":[]},"full":["1"],"z":null})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->GetList("media_ids"), std::vector<std::string>{});
  EXPECT_EQ(p->GetList("o[tags]"), std::vector<std::string>{});
  EXPECT_EQ(p->GetList("full"), std::vector<std::string>{"1"});
  EXPECT_EQ(p->GetList("z"), std::nullopt);
  EXPECT_EQ(p->GetList("absent"), std::nullopt);
  EXPECT_EQ(p->empty_lists(), (std::vector<std::string>{"media_ids[]", "o[tags][]"}));
  EXPECT_TRUE(p->all().size() == 1 && p->all()[0].first == "full[]");
  // A form names a list with name[] (an empty value) or a value of it.
  auto form = Params::Parse(WithBody("application/x-www-form-urlencoded", "a%5B%5D=&b=2"));
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->GetList("a"), std::vector<std::string>{""});
  EXPECT_EQ(form->GetList("b"), std::vector<std::string>{"2"});
  EXPECT_EQ(form->GetList("c"), std::nullopt);
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

TEST(Params, MultipartFileNamesAsTheClientMeantThem) {
  auto name_of = [](const std::string& disposition) {
    std::string body = "--b\r\nContent-Disposition: form-data; name=\"file\"; " + disposition +
                       "\r\n\r\nx\r\n--b--\r\n";
    auto p = Params::Parse(WithBody("multipart/form-data; boundary=b", body));
    EXPECT_TRUE(p.ok());
    return p.ok() && p->files().size() == 1 ? p->files()[0].filename : std::string("?");
  };
  // Browsers (the HTML standard): " as %22, CR and LF as %0D and %0A.
  EXPECT_EQ(name_of(R"(filename="Board %22final%22 plan.pdf")"), "Board \"final\" plan.pdf");
  EXPECT_EQ(name_of(R"(filename="a%0d%0Ab.txt")"), "a\r\nb.txt");
  EXPECT_EQ(name_of(R"(filename="100%25.txt")"), "100%25.txt");
  // curl: quoted-string escapes; a lone backslash stays (a Windows path).
  EXPECT_EQ(name_of(R"(filename="say \"hi\" \\o/.txt")"), R"(say "hi" \o/.txt)");
  EXPECT_EQ(name_of(R"(filename="C:\Users\ann\notes.txt")"), R"(C:\Users\ann\notes.txt)");
  // RFC 8187's filename* wins over the fallback.
  EXPECT_EQ(name_of(R"(filename="Gr__e.csv"; filename*=UTF-8''Gr%C3%B6%C3%9Fe+1.csv)"),
            "Größe+1.csv");
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
