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
  const AuditActor by{7, "ada", "req-1"};

  EXPECT_EQ(tokens.Issue(std::string(201, 'd'), by).status().code(), Code::kUnprocessable);
  auto issued = tokens.Issue("Entra ID", by);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_FALSE(issued->secret.empty());
  EXPECT_NE(issued->record.token_hash, issued->secret);  // only the hash is kept

  auto found = tokens.Verify(issued->secret);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, issued->record.id);
  EXPECT_EQ(tokens.Verify("").status().code(), Code::kUnauthorized);
  EXPECT_EQ(tokens.Verify("not-a-token").status().code(), Code::kUnauthorized);

  auto revoked = tokens.Revoke(issued->record.id, by);
  ASSERT_TRUE(revoked.ok());
  EXPECT_NE(revoked->revoked_at, 0);
  EXPECT_EQ(tokens.Verify(issued->secret).status().error(),
            "The provisioning token has been revoked");
  EXPECT_EQ(tokens.Revoke(issued->record.id + 1, by).status().code(), Code::kNotFound);
  auto all = tokens.List();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().description, "Entra ID");

  // Issuing and revoking were audited, without the secret; the refused
  // attempts were not.
  auto audited = t.store().audit().Chain(0, 10);
  ASSERT_TRUE(audited.ok());
  ASSERT_EQ(audited->size(), 2u);
  EXPECT_EQ((*audited)[0].action, "scim_token.issue");
  EXPECT_EQ((*audited)[0].target_id, std::to_string(issued->record.id));
  EXPECT_EQ((*audited)[0].actor, "ada");
  EXPECT_EQ((*audited)[0].request_id, "req-1");
  EXPECT_EQ((*audited)[1].action, "scim_token.revoke");
  for (const AuditEntry& e : *audited) {
    EXPECT_EQ(e.after.find(issued->secret), std::string::npos);
    EXPECT_EQ(e.after.find(issued->record.token_hash), std::string::npos);
  }
}

}  // namespace
}  // namespace atrium
