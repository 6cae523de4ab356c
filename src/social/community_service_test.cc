// CommunityService: what a community's settings may be, and what is derived
// from them when they are written.
#include <string>
#include <vector>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class CommunityServiceTest : public SocialTest {
 protected:
  CommunityInput Input(const std::string& handle) {
    CommunityInput in;
    in.handle = handle;
    in.name = "The " + handle;
    return in;
  }
};

TEST_F(CommunityServiceTest, TheDescriptionIsRenderedOnceWhenWritten) {
  CommunityInput in = Input("makers");
  in.description = "We **make** things";
  auto made = communities_.Create(P("ann"), in);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->community.description_html, "<p>We <strong>make</strong> things</p>\n");
  const int64_t id = made->community.id;
  EXPECT_EQ(communities_.Get(P("ben"), id)->community.description_html,
            "<p>We <strong>make</strong> things</p>\n");
  CommunityInput change;
  change.description = "_Fixing_ now";
  auto changed = communities_.Update(P("ann"), id, change, std::nullopt);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->community.description_html, "<p><em>Fixing</em> now</p>\n");
  EXPECT_EQ(communities_.Get(P("ben"), id)->community.description_html,
            "<p><em>Fixing</em> now</p>\n");
  EXPECT_EQ(t_.store().communities().Get(id)->description_html, "<p><em>Fixing</em> now</p>\n");
}

// Refused at the eleventh distinct tag, not after de-duplicating all of them
// (which took minutes for a request of a few megabytes).
TEST_F(CommunityServiceTest, TooManyTagsAreRefusedWithoutReadingThemAll) {
  CommunityInput in = Input("tagged");
  std::vector<std::string> tags;
  for (int i = 0; i < 300000; ++i) tags.push_back("t" + std::to_string(i));
  in.tags = std::move(tags);
  auto made = communities_.Create(P("ann"), in);
  EXPECT_EQ(made.status().code(), Code::kUnprocessable);
  EXPECT_EQ(t_.store().communities().FindByHandle("tagged").status().code(), Code::kNotFound);
  CommunityInput ten = Input("tagged");
  ten.tags = std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "a", "#b"};
  auto ok = communities_.Create(P("ann"), ten);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->community.tags.size(), 10u);
}

}  // namespace
}  // namespace atrium
