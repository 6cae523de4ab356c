// CommunityService over a real embedded store: what creating a community
// with a handle that cannot be had tells the creator.
#include "social/community_service.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "base/crypto.h"
#include "social/account_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class CommunityServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (const char* name : {"olivia", "pete"}) {
      auto a = accounts_.Create({name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
    }
  }
  Account& P(const char* name) { return people_[name]; }
  static CommunityInput Input(const std::string& handle, const std::string& type, bool listed) {
    CommunityInput in;
    in.handle = handle;
    in.name = "Name of " + handle;
    in.type = type;
    in.listed = listed;
    return in;
  }
  int64_t CountOf(const char* name) {
    CommunityQuery q;
    q.member_id = P(name).id;
    PageRequest page;
    page.limit = 80;
    auto mine = communities_.Browse(P(name), q, page);
    EXPECT_TRUE(mine.ok());
    return mine.ok() ? static_cast<int64_t>(mine->size()) : -1;
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  SocialCore core_{t_.store(), ids_, t_.settings()};
  PostingService posting_{core_};
  CommunityService communities_{core_, posting_};
  std::map<std::string, Account> people_;
};

TEST_F(CommunityServiceTest, AHandleThatCannotBeHadAnswersTheSameWhateverHoldsIt) {
  ASSERT_TRUE(communities_.Create(P("olivia"), Input("open_t", "public", true)).ok());
  ASSERT_TRUE(communities_.Create(P("olivia"), Input("secret_t", "restricted", false)).ok());
  // pete may know the public one, not the secret one.
  EXPECT_TRUE(communities_.FindByHandle(P("pete"), "open_t").ok());
  EXPECT_EQ(communities_.FindByHandle(P("pete"), "secret_t").status().code(), Code::kNotFound);

  const int64_t before = CountOf("pete");
  const struct {
    const char* handle;
    const char* why;
  } cases[] = {
      {"open_t", "in use by a community pete may know"},
      {"SECRET_T", "in use by a community pete may not know (in another case)"},
      {"secret_t", "in use by a community pete may not know"},
      {"everyone", "reserved"},
      {"Admin", "reserved, in another case"},
  };
  for (const auto& c : cases) {
    auto r = communities_.Create(P("pete"), Input(c.handle, "public", true));
    ASSERT_FALSE(r.ok()) << c.why;
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << c.why;
    EXPECT_EQ(r.status().error(), "Validation failed: Handle is unavailable") << c.why;
    EXPECT_EQ(r.status().description(), "") << c.why;
  }
  EXPECT_EQ(CountOf("pete"), before);
  // A handle that is free is had.
  EXPECT_TRUE(communities_.Create(P("pete"), Input("petes_t", "public", true)).ok());
  EXPECT_EQ(CountOf("pete"), before + 1);
}

}  // namespace
}  // namespace atrium
