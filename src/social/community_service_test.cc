// CommunityService: what a community's settings may be, what is derived from
// them when they are written, and what a handle that cannot be had tells.
#include <string>
#include <vector>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class CommunityServiceTest : public SocialTest {
 protected:
  static CommunityInput Input(const std::string& handle) {
    CommunityInput in;
    in.handle = handle;
    in.name = "The " + handle;
    return in;
  }
  static CommunityInput Input(const std::string& handle, const std::string& type, bool listed) {
    CommunityInput in = Input(handle);
    in.type = type;
    in.listed = listed;
    return in;
  }
  // How many communities `name` belongs to.
  int64_t CountOf(const char* name) {
    CommunityQuery q;
    q.member_id = P(name).id;
    PageRequest page;
    page.limit = 80;
    auto mine = communities_.Browse(P(name), q, page);
    EXPECT_TRUE(mine.ok());
    return mine.ok() ? static_cast<int64_t>(mine->size()) : -1;
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

TEST_F(CommunityServiceTest, AHandleThatCannotBeHadAnswersTheSameWhateverHoldsIt) {
  ASSERT_TRUE(communities_.Create(P("ann"), Input("open_t", "public", true)).ok());
  ASSERT_TRUE(communities_.Create(P("ann"), Input("secret_t", "restricted", false)).ok());
  // ben may know the public one, not the secret one.
  EXPECT_TRUE(communities_.FindByHandle(P("ben"), "open_t").ok());
  EXPECT_EQ(communities_.FindByHandle(P("ben"), "secret_t").status().code(), Code::kNotFound);

  const int64_t before = CountOf("ben");
  const struct {
    const char* handle;
    const char* why;
  } cases[] = {
      {"open_t", "in use by a community ben may know"},
      {"SECRET_T", "in use by a community ben may not know (in another case)"},
      {"secret_t", "in use by a community ben may not know"},
      {"everyone", "reserved"},
      {"Admin", "reserved, in another case"},
  };
  for (const auto& c : cases) {
    auto r = communities_.Create(P("ben"), Input(c.handle, "public", true));
    ASSERT_FALSE(r.ok()) << c.why;
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << c.why;
    EXPECT_EQ(r.status().error(), "Validation failed: Handle is unavailable") << c.why;
    EXPECT_EQ(r.status().description(), "") << c.why;
  }
  EXPECT_EQ(CountOf("ben"), before);
  // A handle that is free is had.
  EXPECT_TRUE(communities_.Create(P("ben"), Input("bens_t", "public", true)).ok());
  EXPECT_EQ(CountOf("ben"), before + 1);
}

// The reader's snapshot answers as the store does: open and members' own
// communities readable; a restricted one 403 to whoever knows it, 404 to
// whoever may not; a member who leaves may no longer read it.
TEST_F(CommunityServiceTest, ReadableFromTheViewerAnswersAsTheStoreDoes) {
  auto open = communities_.Create(P("ann"), Input("open_r", "public", true));
  auto closed = communities_.Create(P("ann"), Input("closed_r", "restricted", true));
  auto secret = communities_.Create(P("ann"), Input("secret_r", "restricted", false));
  ASSERT_TRUE(open.ok() && closed.ok() && secret.ok());
  ASSERT_TRUE(communities_.Invite(P("ann"), secret->community.id, P("ben").id).ok());
  ASSERT_TRUE(communities_.Join(P("ben"), secret->community.id).ok());
  const int64_t ids[] = {open->community.id, closed->community.id, secret->community.id, 12345};
  auto same = [&](const char* who) {
    for (int64_t id : ids) {
      Status stored = communities_.CheckReadable(P(who), id);
      Status viewed = communities_.CheckReadable(V(who), P(who), id);
      EXPECT_EQ(viewed.code(), stored.code()) << who << " reading " << id;
    }
  };
  for (const char* who : {"ann", "ben", "cat"}) same(who);
  EXPECT_TRUE(communities_.CheckReadable(V("ben"), P("ben"), secret->community.id).ok());
  EXPECT_EQ(communities_.CheckReadable(V("cat"), P("cat"), closed->community.id).code(),
            Code::kForbidden);
  EXPECT_EQ(communities_.CheckReadable(V("cat"), P("cat"), secret->community.id).code(),
            Code::kNotFound);
  ASSERT_TRUE(communities_.Leave(P("ben"), secret->community.id).ok());
  same("ben");
  EXPECT_FALSE(communities_.CheckReadable(V("ben"), P("ben"), secret->community.id).ok());
}

}  // namespace
}  // namespace atrium
