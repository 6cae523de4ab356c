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
  EXPECT_EQ(EncodeInvalidation("n", InvalidationKind::kFilters, 7), "n|f|7");
}

TEST(RedisBus, DecodeReadsWhatEncodeWrote) {
  for (InvalidationKind kind :
       {InvalidationKind::kAccount, InvalidationKind::kGraph, InvalidationKind::kStatus,
        InvalidationKind::kCommunity, InvalidationKind::kViewerState, InvalidationKind::kPrincipal,
        InvalidationKind::kFilters}) {
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

TEST(RedisBus, EventsTravelWithTheirIds) {
  Event e{"notification", 11, 22, 33, 44};
  const std::string message = EncodeEvent("user:notification:33", e);
  EXPECT_EQ(message, "user:notification:33\tnotification\t11\t22\t33\t44");
  std::string key;
  Event decoded;
  ASSERT_TRUE(DecodeEvent(message, &key, &decoded));
  EXPECT_EQ(key, "user:notification:33");
  EXPECT_EQ(decoded.name, "notification");
  EXPECT_EQ(decoded.status_id, 11);
  EXPECT_EQ(decoded.notification_id, 22);
  EXPECT_EQ(decoded.recipient_id, 33);
  EXPECT_EQ(decoded.community_id, 44);
  EXPECT_EQ(decoded.deleted, nullptr);
}

// A delete reaches the other nodes with the deleted post's audience, so that
// their streams check their members against it as this node's do.
TEST(RedisBus, ADeleteTravelsWithWhoCouldSeeThePost) {
  auto post = std::make_shared<StatusRecord>();
  post->id = 100;
  post->account_id = 7;
  post->community_id = 9;
  post->visibility = Visibility::kPrivate;
  post->reblog_of_id = 0;
  post->mention_ids = {3, 5};
  Event e{"delete", 101, 0, 0, 0, post};
  const std::string message = EncodeEvent("user:3", e);
  EXPECT_EQ(message, "user:3\tdelete\t101\t0\t0\t0\t100\t7\t9\t2\t0\t3,5");
  std::string key;
  Event decoded;
  ASSERT_TRUE(DecodeEvent(message, &key, &decoded));
  EXPECT_EQ(decoded.name, "delete");
  EXPECT_EQ(decoded.status_id, 101);
  ASSERT_NE(decoded.deleted, nullptr);
  EXPECT_EQ(decoded.deleted->id, 100);
  EXPECT_EQ(decoded.deleted->account_id, 7);
  EXPECT_EQ(decoded.deleted->community_id, 9);
  EXPECT_EQ(decoded.deleted->visibility, Visibility::kPrivate);
  EXPECT_EQ(decoded.deleted->mention_ids, (std::vector<int64_t>{3, 5}));

  post->mention_ids.clear();
  post->visibility = Visibility::kDirect;
  ASSERT_TRUE(DecodeEvent(EncodeEvent("user:3", e), &key, &decoded));
  ASSERT_NE(decoded.deleted, nullptr);
  EXPECT_EQ(decoded.deleted->visibility, Visibility::kDirect);
  EXPECT_TRUE(decoded.deleted->mention_ids.empty());
}

// An announcement's events reach the other nodes with the announcement and,
// for a reaction, its name and count.
TEST(RedisBus, AnAnnouncementEventTravelsWithItsReaction) {
  Event e{"announcement.reaction"};
  e.announcement_id = 77;
  e.reaction = "\xF0\x9F\x91\x8D";  // thumbs up
  e.reaction_count = 3;
  const std::string message = EncodeEvent("announcements", e);
  EXPECT_EQ(message, "announcements\tannouncement.reaction\t0\t0\t0\t0\t77\t\xF0\x9F\x91\x8D\t3");
  std::string key;
  Event decoded;
  ASSERT_TRUE(DecodeEvent(message, &key, &decoded));
  EXPECT_EQ(key, "announcements");
  EXPECT_EQ(decoded.name, "announcement.reaction");
  EXPECT_EQ(decoded.announcement_id, 77);
  EXPECT_EQ(decoded.reaction, e.reaction);
  EXPECT_EQ(decoded.reaction_count, 3);
  EXPECT_EQ(decoded.deleted, nullptr);
  EXPECT_FALSE(DecodeEvent("announcements\tannouncement\t0\t0\t0\t0\t0\t\t0", &key, &decoded));
  EXPECT_FALSE(DecodeEvent("announcements\tannouncement\t0\t0\t0\t0\t7\t\tx", &key, &decoded));
}

TEST(RedisBus, DecodeRefusesAnEventItCannotRead) {
  std::string key;
  Event e;
  EXPECT_FALSE(DecodeEvent("", &key, &e));
  EXPECT_FALSE(DecodeEvent("user:1\tupdate\t1\t0\t0", &key, &e));      // a field short
  EXPECT_FALSE(DecodeEvent("user:1\tupdate\t1x\t0\t0\t0", &key, &e));  // not a number
  EXPECT_FALSE(DecodeEvent("user:1\tdelete\t1\t0\t0\t0\t1\t2\t0\t9\t0\t", &key, &e));
  EXPECT_FALSE(DecodeEvent("user:1\tdelete\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3,", &key, &e));
  EXPECT_FALSE(DecodeEvent("user:1\tdelete\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3,,4", &key, &e));
  EXPECT_FALSE(DecodeEvent("user:1\tdelete\t1\t0\t0\t0\t1\t2\t0\t1\t0", &key, &e));
}

}  // namespace
}  // namespace atrium
