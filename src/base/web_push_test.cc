#include "base/web_push.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "base/jose.h"

namespace atrium {
namespace {

std::string Raw(std::string_view b64) {
  std::string out;
  EXPECT_TRUE(DecodeBase64Url(b64, &out)) << b64;
  return out;
}

// RFC 8291, Appendix A: every input fixed, so the message is known to the
// byte.
constexpr const char* kUaPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr const char* kAuth = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr const char* kAsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr const char* kAsPublic =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
constexpr const char* kSalt = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr const char* kMessage =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6T"
    "lzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4"
    "a-fN";

TEST(WebPush, EncryptsTheRfc8291Example) {
  PushEncryptionSeed seed{{kAsPublic, kAsPrivate}, Raw(kSalt)};
  auto body = EncryptWebPush("When I grow up, I want to be a watermelon", kUaPublic, kAuth, seed);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(EncodeBase64Url(*body), kMessage);
}

TEST(WebPush, FreshSaltAndKeyEachMessage) {
  auto a = EncryptWebPush("hello", kUaPublic, kAuth);
  auto b = EncryptWebPush("hello", kUaPublic, kAuth);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 16u + 4 + 1 + 65 + 5 + 1 + 16);
  EXPECT_NE(a->substr(0, 16), b->substr(0, 16));
  EXPECT_NE(a->substr(21, 65), b->substr(21, 65));
  // Padded standard base64 reads as well.
  std::string auth_std = std::string(kAuth) + "==";
  EXPECT_TRUE(EncryptWebPush("hello", kUaPublic, auth_std).ok());
}

TEST(WebPush, RefusesBadKeysAndTooLargeMessages) {
  EXPECT_EQ(CheckPushKeys("not a key", kAuth).code(), Code::kUnprocessable);
  // A point off the curve: the example's point with its last byte changed.
  std::string off = Raw(kUaPublic);
  off.back() ^= 1;
  EXPECT_EQ(CheckPushKeys(EncodeBase64Url(off), kAuth).code(), Code::kUnprocessable);
  EXPECT_EQ(CheckPushKeys(kUaPublic, "c2hvcnQ").code(), Code::kUnprocessable);
  EXPECT_TRUE(CheckPushKeys(kUaPublic, kAuth).ok());
  EXPECT_TRUE(EncryptWebPush(std::string(3993, 'x'), kUaPublic, kAuth).ok());
  EXPECT_EQ(EncryptWebPush(std::string(3994, 'x'), kUaPublic, kAuth).status().code(),
            Code::kPayloadTooLarge);
}

TEST(WebPush, KeysRoundTrip) {
  auto keys = GenerateVapidKeys();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(Raw(keys->public_key).size(), 65u);
  EXPECT_EQ(Raw(keys->public_key)[0], '\x04');
  EXPECT_EQ(Raw(keys->private_key).size(), 32u);
  auto back = DecodeVapidKeys(EncodeVapidKeys(*keys));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->public_key, keys->public_key);
  EXPECT_EQ(back->private_key, keys->private_key);
  // Another key's public half does not pair with this private key.
  auto other = GenerateVapidKeys();
  EXPECT_FALSE(DecodeVapidKeys(keys->private_key + "." + other->public_key).ok());
  EXPECT_FALSE(DecodeVapidKeys("nonsense").ok());
}

TEST(WebPush, VapidTokenVerifiesWithThePublicKey) {
  auto keys = GenerateVapidKeys();
  ASSERT_TRUE(keys.ok());
  auto header = VapidAuthorization("https://push.example.net:8443/send/abc?x=1",
                                   "mailto:admin@example.com", 1'900'000'000, *keys);
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  ASSERT_EQ(header->rfind("vapid t=", 0), 0u);
  size_t comma = header->find(", k=");
  ASSERT_NE(comma, std::string::npos);
  EXPECT_EQ(header->substr(comma + 4), keys->public_key);
  auto jwt = ParseJwt(header->substr(8, comma - 8));
  ASSERT_TRUE(jwt.ok());
  EXPECT_EQ(jwt->alg, "ES256");
  EXPECT_EQ(jwt->StringClaim("aud"), "https://push.example.net:8443");
  EXPECT_EQ(jwt->StringClaim("sub"), "mailto:admin@example.com");
  EXPECT_EQ(jwt->claims.at("exp").as_int64(), 1'900'000'000);
  std::string point = Raw(keys->public_key);
  std::string jwks = R"({"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","x":")" +
                     EncodeBase64Url(point.substr(1, 32)) + R"(","y":")" +
                     EncodeBase64Url(point.substr(33, 32)) + R"("}]})";
  auto set = ParseJwks(jwks);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_TRUE(VerifyJwtSignature(*jwt, *set).ok());
  // Signed by another key: refused.
  auto other = GenerateVapidKeys();
  auto forged = VapidAuthorization("https://push.example.net/", "mailto:a@b.c", 1, *other);
  auto forged_jwt = ParseJwt(forged->substr(8, forged->find(", k=") - 8));
  EXPECT_FALSE(VerifyJwtSignature(*forged_jwt, *set).ok());
  EXPECT_FALSE(VapidAuthorization("ftp://x/", "mailto:a@b.c", 1, *keys).ok());
}

}  // namespace
}  // namespace atrium
