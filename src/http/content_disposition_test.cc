#include "http/content_disposition.h"

#include <gtest/gtest.h>

namespace atrium::http {
namespace {

TEST(ContentDisposition, PlainName) {
  EXPECT_EQ(AttachmentDisposition("policy.pdf"),
            "attachment; filename=\"policy.pdf\"; filename*=UTF-8''policy.pdf");
}

TEST(ContentDisposition, QuotesBackslashesAndNonAsciiEscaped) {
  EXPECT_EQ(AttachmentDisposition("a \"b\"\\c.pdf"),
            "attachment; filename=\"a _b__c.pdf\"; filename*=UTF-8''a%20%22b%22%5Cc.pdf");
  EXPECT_EQ(AttachmentDisposition("Größe.csv"),
            "attachment; filename=\"Gr__e.csv\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe.csv");
  // A line break can never split the header.
  EXPECT_EQ(AttachmentDisposition("a\r\nSet-Cookie: x"),
            "attachment; filename=\"a__Set-Cookie: x\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x");
}

}  // namespace
}  // namespace atrium::http
