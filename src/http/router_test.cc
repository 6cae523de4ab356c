#include "http/router.h"

#include <gtest/gtest.h>

namespace atrium::http {
namespace {

Response Text(std::string s) { return Response::Json(200, std::move(s)); }

TEST(Router, MatchesLiteralsBeforeParams) {
  Router r;
  r.Add("GET", "/api/v1/accounts/:id", [](Request& q) { return Text("id=" + q.PathParam("id")); });
  r.Add("GET", "/api/v1/accounts/verify_credentials", [](Request&) { return Text("self"); });
  r.Add("GET", "/api/v1/accounts/:id/statuses",
        [](Request& q) { return Text("statuses of " + q.PathParam("id")); });
  Request a{.method = "GET", .path = "/api/v1/accounts/42"};
  EXPECT_EQ(r.Handle(a).body, "id=42");
  Request b{.method = "GET", .path = "/api/v1/accounts/verify_credentials"};
  EXPECT_EQ(r.Handle(b).body, "self");
  Request c{.method = "GET", .path = "/api/v1/accounts/7/statuses"};
  EXPECT_EQ(r.Handle(c).body, "statuses of 7");
}

TEST(Router, RefusesASecondNameForTheSameParameter) {
  Router r;
  r.Add("GET", "/api/v2/filters/:id", [](Request& q) { return Text(q.PathParam("id")); });
  r.Add("PUT", "/api/v2/filters/:id", [](Request& q) { return Text(q.PathParam("id")); });
  EXPECT_THROW(r.Add("GET", "/api/v2/filters/:filter_id/keywords",
                     [](Request& q) { return Text(q.PathParam("filter_id")); }),
               std::logic_error);
  // The same name deeper down is fine.
  r.Add("GET", "/api/v2/filters/:id/keywords", [](Request& q) { return Text(q.PathParam("id")); });
  Request k{.method = "GET", .path = "/api/v2/filters/9/keywords"};
  EXPECT_EQ(r.Handle(k).body, "9");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Router r;
  r.Add("GET", "/health", [](Request&) { return Text("ok"); });
  r.Add("POST", "/health", [](Request&) { return Text("posted"); });
  Request missing{.method = "GET", .path = "/nope"};
  Response m = r.Handle(missing);
  EXPECT_EQ(m.status, 404);
  EXPECT_EQ(m.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(m.body.find("\"error\""), std::string::npos);
  Request wrong{.method = "DELETE", .path = "/health"};
  Response w = r.Handle(wrong);
  EXPECT_EQ(w.status, 405);
  EXPECT_EQ(w.Header("Allow"), "GET, POST");
  Request head{.method = "HEAD", .path = "/health"};
  EXPECT_EQ(r.Handle(head).status, 200);
}

}  // namespace
}  // namespace atrium::http
