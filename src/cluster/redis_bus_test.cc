#include "cluster/redis_bus.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(RedisBus, InvalidationsTravelAsOneCharacterPerKind) {
  EXPECT_EQ(EncodeInvalidation("node-1", InvalidationKind::kAccount, 42), "node-1|a|42");
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kGraph, 7), "n|g|7");
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kStatus, 7), "n|s|7");
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kCommunity, 7), "n|c|7");
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kViewerState, 7), "n|v|7");
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kPrincipal, 0), "n|p|0");
}

TEST(RedisBus, DecodeReadsWhatEncodeWrote) {
  for (InvalidationKind kind : {InvalidationKind::kAccount, InvalidationKind::kGraph,
                                InvalidationKind::kStatus, InvalidationKind::kCommunity,
                                InvalidationKind::kViewerState, InvalidationKind::kPrincipal}) {
    const std::string message = EncodeInvalidation("host:123:abcd", kind, 1234567890123);
    std::string_view node;
    InvalidationKind decoded;
    int64_t id = 0;
    ASSERT_TRUE(DecodeInvalidation(message, &node, &decoded, &id)) << message;
    EXPECT_EQ(node, "host:123:abcd");
    EXPECT_EQ(decoded, kind);
    EXPECT_EQ(id, 1234567890123);
  }
}

TEST(RedisBus, DecodeRefusesWhatItCannotRead) {
  std::string_view node;
  InvalidationKind kind;
  int64_t id;
  EXPECT_FALSE(DecodeInvalidation("", &node, &kind, &id));
  EXPECT_FALSE(DecodeInvalidation("node", &node, &kind, &id));
  EXPECT_FALSE(DecodeInvalidation("node|a", &node, &kind, &id));
  EXPECT_FALSE(DecodeInvalidation("node|x|5", &node, &kind, &id));   // an unknown kind
  EXPECT_FALSE(DecodeInvalidation("node|ab|5", &node, &kind, &id));  // two characters
  EXPECT_FALSE(DecodeInvalidation("node|a|", &node, &kind, &id));
  EXPECT_FALSE(DecodeInvalidation("node|a|5x", &node, &kind, &id));
  EXPECT_FALSE(DecodeInvalidation("node|p|5|", &node, &kind, &id));  // an empty ack list
  EXPECT_FALSE(DecodeInvalidation("node|p||ack", &node, &kind, &id));
}

TEST(RedisBus, CredentialsCarryTheListToAcknowledgeOn) {
  const std::string message =
      EncodeInvalidation("n", InvalidationKind::kPrincipal, 42, "atrium:ack:n:7");
  EXPECT_EQ(message, "n|p|42|atrium:ack:n:7");
  std::string_view node, ack;
  InvalidationKind kind;
  int64_t id = 0;
  ASSERT_TRUE(DecodeInvalidation(message, &node, &kind, &id, &ack));
  EXPECT_EQ(node, "n");
  EXPECT_EQ(kind, InvalidationKind::kPrincipal);
  EXPECT_EQ(id, 42);
  EXPECT_EQ(ack, "atrium:ack:n:7");
  ASSERT_TRUE(DecodeInvalidation("n|a|42", &node, &kind, &id, &ack));
  EXPECT_EQ(ack, "");
}

}  // namespace
}  // namespace atrium
