// ScimTokenService over a real embedded store: a secret shown once, found
// by its hash, refused once revoked.
#include "social/scim_token_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium {
namespace {

TEST(ScimTokenServiceTest, IssueVerifyListRevoke) {
  InitCrypto();
  TestStore t;
  IdGenerator ids{0};
  ScimTokenService tokens(t.store(), ids);

  EXPECT_EQ(tokens.Issue(std::string(201, 'd')).status().code(), Code::kUnprocessable);
  auto issued = tokens.Issue("Entra ID");
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_FALSE(issued->secret.empty());
  EXPECT_NE(issued->record.token_hash, issued->secret);  // only the hash is kept

  auto found = tokens.Verify(issued->secret);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, issued->record.id);
  EXPECT_EQ(tokens.Verify("").status().code(), Code::kUnauthorized);
  EXPECT_EQ(tokens.Verify("not-a-token").status().code(), Code::kUnauthorized);

  auto revoked = tokens.Revoke(issued->record.id);
  ASSERT_TRUE(revoked.ok());
  EXPECT_NE(revoked->revoked_at, 0);
  EXPECT_EQ(tokens.Verify(issued->secret).status().error(),
            "The provisioning token has been revoked");
  EXPECT_EQ(tokens.Revoke(issued->record.id + 1).status().code(), Code::kNotFound);
  auto all = tokens.List();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().description, "Entra ID");
}

}  // namespace
}  // namespace atrium
