// For tests: SocialTest, the fixture of the domain services' tests. Each
// service has its own test file beside it (posting_service_test.cc,
// timeline_service_test.cc, …), whose suite derives from SocialTest:
//
//   class PostingServiceTest : public SocialTest {};
//
// Each test gets a fresh embedded store (see store/test_store.h), the
// services over one SocialCore, and four members: ann, ben, cat and dan.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/crypto.h"
#include "social/account_service.h"
#include "social/community_service.h"
#include "social/posting_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"
#include "store/test_store.h"

namespace atrium {

class SocialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (const char* name : {"ann", "ben", "cat", "dan"}) {
      auto a = accounts_.Create({name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
    }
  }
  // The member named `name` (ann, ben, cat or dan).
  Account& P(const char* name) { return people_[name]; }
  // That member as a reader.
  Viewer V(const char* name) {
    auto v = core_.ViewerFor(P(name).id);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  // Posts `text` as `who` through PostingService (EXPECTed to succeed).
  StatusRecord Post(const char* who, const std::string& text, const std::string& visibility = "",
                    int64_t reply_to = 0) {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    in.in_reply_to_id = reply_to;
    auto s = posting_.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : StatusRecord{};
  }
  // The ids on the first page of `who`'s home stream, once fan-out is done.
  std::vector<int64_t> Home(const char* who) {
    core_.fanout.Drain();
    auto page = timelines_.Home(V(who), {0, 0, 0, 40});
    EXPECT_TRUE(page.ok());
    std::vector<int64_t> ids;
    for (const auto& p : page->posts) ids.push_back(p.status->id);
    return ids;
  }
  // Whether `who` may read post `id`.
  bool Sees(const char* who, int64_t id) { return core_.Visible(V(who), id).ok(); }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  SocialCore core_{t_.store(), ids_, t_.settings()};
  PostingService posting_{core_};
  RelationshipService relationships_{core_};
  TimelineService timelines_{core_};
  CommunityService communities_{core_, posting_};
  QuestionService questions_{core_, posting_, communities_};
  std::map<std::string, Account> people_;
};

}  // namespace atrium
