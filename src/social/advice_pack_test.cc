#include "social/advice_pack.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

std::vector<std::string> Rules(const AdvicePack& pack, const AdviceDraft& d) {
  std::vector<std::string> out;
  for (const AdviceItem& a : EvaluateAdvice(pack, d)) out.push_back(a.rule);
  return out;
}

TEST(AdvicePack, TheBuiltInPackParsesWithEveryRule) {
  auto pack = ParseAdvicePack(DefaultAdvicePackJson());
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  std::vector<std::string> ids;
  for (const AdviceRule& r : pack->rules) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"agreement-only", "praise-for-manager",
                                           "build-on-the-point", "social-community",
                                           "client-criticism", "politics", "long-paste",
                                           "confidential", "writing-in-anger", "shared-link"}));
}

TEST(AdvicePack, RefusesWhatItDoesNotKnowNamingThePlace) {
  auto bad = [](std::string_view json) {
    auto p = ParseAdvicePack(json);
    EXPECT_FALSE(p.ok()) << json;
    return p.ok() ? std::string() : p.status().error();
  };
  EXPECT_NE(bad("[]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(bad(R"({"rulez": []})").find("unknown key \"rulez\""), std::string::npos);
  EXPECT_NE(bad(R"({"rules": [{"id": "x", "severity": "loud", "all": [{"chars": 1}],
                                "message": {"en": "m"}}]})")
                .find("rule x.severity"),
            std::string::npos);
  EXPECT_NE(bad(R"({"rules": [{"id": "x", "severity": "info", "all": [{"words": ["@nope"]}],
                                "message": {"en": "m"}}]})")
                .find("\"nope\""),
            std::string::npos);
  EXPECT_NE(bad(R"({"rules": [{"id": "x", "severity": "info", "all": [{"chars": 1}],
                                "message": {"de": "m"}}]})")
                .find("\"en\""),
            std::string::npos);
  EXPECT_NE(bad(R"({"rules": [{"id": "x", "severity": "info", "all": [{"smell": 1}],
                                "message": {"en": "m"}}]})")
                .find("unknown test \"smell\""),
            std::string::npos);
}

TEST(AdvicePack, AnOrganizationPackReplacesAndAddsRules) {
  auto base = ParseAdvicePack(DefaultAdvicePackJson());
  auto org = ParseAdvicePack(R"({
    "lists": {"code_names": ["Blue Bird"]},
    "rules": [{"id": "politics", "severity": "info", "enabled": false, "all": [{"chars": 1}],
               "message": {"en": "off"}},
              {"id": "dates", "severity": "warn", "all": [{"words": ["launch date"]}],
               "message": {"en": "Dates: {match}"}}]})");
  ASSERT_TRUE(base.ok() && org.ok());
  const AdvicePack pack = MergeAdvicePacks(*base, *org);
  EXPECT_EQ(pack.rules.size(), base->rules.size() + 1);
  AdviceDraft d;
  d.status = "vote for the blue bird LAUNCH DATE";
  d.visibility = "public";
  d.organization_wide = true;
  EXPECT_EQ(Rules(pack, d), (std::vector<std::string>{"confidential", "dates"}));
  const auto items = EvaluateAdvice(pack, d);
  EXPECT_EQ(items[1].message, "Dates: launch date");
  ASSERT_EQ(items[1].spans.size(), 1u);
  EXPECT_EQ(items[1].spans[0].start, 23u);
  EXPECT_EQ(items[1].spans[0].end, 34u);
  d.organization_wide = false;
  d.visibility = "private";
  EXPECT_EQ(Rules(pack, d), (std::vector<std::string>{"dates"}));
}

TEST(AdvicePack, SharedLinkSaysWhoAndWhenInTheWritersLanguage) {
  auto pack = ParseAdvicePack(DefaultAdvicePackJson());
  ASSERT_TRUE(pack.ok());
  AdviceDraft d;
  d.status = "see https://wiki.example.com/x";
  d.shared_days = 2;
  d.shared_by = "Maria";
  d.shared_url = "http://atrium.example.com/@maria/1";
  d.shared_status_id = 1;
  d.shared_link_begin = 4;
  d.shared_link_end = d.status.size();
  auto items = EvaluateAdvice(*pack, d);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].message, "Maria shared this 2 days ago — add to that conversation?");
  EXPECT_EQ(items[0].url, d.shared_url);
  d.language = "de";
  d.shared_days = 1;
  EXPECT_EQ(EvaluateAdvice(*pack, d)[0].message,
            "Maria hat das gestern geteilt — dort weiterdiskutieren?");
  d.shared_days = 31;
  EXPECT_TRUE(EvaluateAdvice(*pack, d).empty());
}

}  // namespace
}  // namespace atrium
