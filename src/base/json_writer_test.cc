#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace atrium {
namespace {

TEST(JsonWriter, WritesNestedStructuresWithCommas) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::string("1"))
      .Key("ids")
      .BeginArray()
      .Id(7)
      .IdOrNull(0)
      .EndArray();
  w.Key("o").BeginObject().Field("b", true).Field("n", int64_t{-3}).EndObject();
  w.Key("empty").BeginArray().EndArray().Key("raw").Raw(R"({"x":1})").EndObject();
  EXPECT_EQ(w.str(),
            R"({"id":"1","ids":["7",null],"o":{"b":true,"n":-3},"empty":[],"raw":{"x":1}})");
}

TEST(JsonWriter, EscapesStringsSoTheyParseBack) {
  std::string nasty = "quote\" back\\ nl\n tab\t ctl\x01 <tag> ünï 😀";
  JsonWriter w;
  w.BeginObject().Field("s", nasty).EndObject();
  auto v = boost::json::parse(w.str());
  EXPECT_EQ(v.at("s").as_string(), nasty);
  EXPECT_NE(w.str().find("\\u0001"), std::string::npos);
}

}  // namespace
}  // namespace atrium

namespace atrium {
namespace {

TEST(JsonWriter, RawMembersSpliceFragments) {
  JsonWriter part;
  part.BeginObject().Field("a", int64_t{1}).Field("b", std::string("x")).EndObject();
  std::string members = part.TakeMembers();
  EXPECT_EQ(members, R"("a":1,"b":"x")");
  JsonWriter w;
  w.BeginObject()
      .Field("first", true)
      .RawMembers(members)
      .RawMembers("")
      .Field("last", false)
      .EndObject();
  EXPECT_EQ(w.str(), R"({"first":true,"a":1,"b":"x","last":false})");
  JsonWriter starts;
  starts.BeginObject().RawMembers(members).Field("c", int64_t{2}).EndObject();
  EXPECT_EQ(starts.str(), R"({"a":1,"b":"x","c":2})");
}

}  // namespace
}  // namespace atrium
