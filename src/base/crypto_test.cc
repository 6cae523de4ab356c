#include "base/crypto.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
};

TEST_F(CryptoTest, PasswordsHashWithArgon2idAndVerify) {
  std::string hash = HashPassword("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", hash));
  EXPECT_FALSE(VerifyPassword("", hash));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(hash, HashPassword("correct horse battery"));
}

TEST_F(CryptoTest, VerifyRejectsGarbageHashes) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "plaintext"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$broken"));
}

TEST_F(CryptoTest, RandomTokensAreUrlSafeAndDistinct) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST_F(CryptoTest, DigestsMatchKnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 7636 Appendix B.
  EXPECT_EQ(Sha256Base64Url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_F(CryptoTest, Base64UrlRoundTrips) {
  std::string out;
  ASSERT_TRUE(DecodeBase64Url(EncodeBase64Url(std::string("\0\xff\x10hello", 8)), &out));
  EXPECT_EQ(out, std::string("\0\xff\x10hello", 8));
  EXPECT_FALSE(DecodeBase64Url("not base64!", &out));
}

TEST_F(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace atrium
