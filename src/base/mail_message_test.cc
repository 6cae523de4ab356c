#include "base/mail_message.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace atrium {
namespace {

MailMessage Sample() {
  MailMessage m;
  m.from = {"Atrium", "atrium@example.com"};
  m.to = {"Bob Example", "bob@example.com"};
  m.reply_to = "help@example.com";
  m.subject = "alice mentioned you";
  m.message_id = "42.mail@example.com";
  m.date_ms = 1796578200000;  // 2026-12-06T17:30:00Z
  m.list_id = "notifications.example.com";
  m.unsubscribe_url = "https://example.com/api/v1/atrium/email/unsubscribe/1.mention.abc";
  m.text = "plain text";
  m.html = "<p>html</p>";
  return m;
}

// The header block: everything before the first empty line.
std::string Headers(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n"));
}

// Each header line (continuations joined) of a header block.
std::vector<std::string> HeaderLines(const std::string& headers) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < headers.size()) {
    size_t end = headers.find("\r\n", start);
    if (end == std::string::npos) end = headers.size();
    std::string line = headers.substr(start, end - start);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty())
      out.back() += line;
    else
      out.push_back(line);
    start = end + 2;
  }
  return out;
}

TEST(MailMessage, HeadersAndBothParts) {
  InitCrypto();
  auto built = BuildMailMessage(Sample());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::string h = Headers(*built);
  EXPECT_EQ(HeaderLines(h), (std::vector<std::string>{
                                "Date: Sun, 06 Dec 2026 17:30:00 +0000",
                                "From: \"Atrium\" <atrium@example.com>",
                                "To: \"Bob Example\" <bob@example.com>",
                                "Reply-To: <help@example.com>",
                                "Subject: alice mentioned you",
                                "Message-ID: <42.mail@example.com>",
                                "List-Id: <notifications.example.com>",
                                "List-Unsubscribe: <https://example.com/api/v1/atrium/email/"
                                "unsubscribe/1.mention.abc>",
                                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                                "Auto-Submitted: auto-generated",
                                "MIME-Version: 1.0",
                                "Content-Type: multipart/alternative; boundary=\"=_atrium_" +
                                    Sha256Hex("42.mail@example.com").substr(0, 24) + "\"",
                            }));
  EXPECT_NE(built->find("Content-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n" +
                        EncodeBase64("plain text") + "\r\n"),
            std::string::npos);
  EXPECT_NE(built->find("Content-Type: text/html; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n" +
                        EncodeBase64("<p>html</p>") + "\r\n"),
            std::string::npos);
  EXPECT_TRUE(built->ends_with("--\r\n"));
}

TEST(MailMessage, NoUnsubscribeHeadersWithoutALink) {
  MailMessage m = Sample();
  m.unsubscribe_url.clear();
  auto built = BuildMailMessage(m);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->find("List-Unsubscribe"), std::string::npos);
}

TEST(MailMessage, EncodesWhatIsNotPlainAscii) {
  EXPECT_EQ(EncodeHeaderValue("plain words"), "plain words");
  EXPECT_EQ(EncodeHeaderValue("Grüße"), "=?UTF-8?B?" + EncodeBase64("Grüße") + "?=");
  // Text that looks like an encoded word is encoded, not passed through.
  EXPECT_EQ(EncodeHeaderValue("=?UTF-8?B?x?="),
            "=?UTF-8?B?" + EncodeBase64("=?UTF-8?B?x?=") + "?=");
  // Long values are split into words of at most 75 characters, never
  // inside a character.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "é";
  std::string encoded = EncodeHeaderValue(long_text);
  std::string joined;
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word =
        encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    ASSERT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
    std::string b64 = word.substr(10, word.size() - 12);
    std::string bytes;
    // Each word decodes to whole characters.
    ASSERT_EQ(EncodeBase64(std::string(b64.size() / 4 * 3, 'x')).size(), b64.size());
    joined += b64;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_FALSE(joined.empty());
}

TEST(MailMessage, NoValueAddsAHeader) {
  MailMessage m = Sample();
  m.subject = "hello\r\nBcc: everyone@example.com";
  m.to.name = "Bob\r\nX-Injected: 1";
  m.from.name = "Atrium\"\r\nX-Other: 2";
  auto built = BuildMailMessage(m);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  for (const std::string& line : HeaderLines(Headers(*built))) {
    EXPECT_FALSE(line.starts_with("Bcc")) << line;
    EXPECT_FALSE(line.starts_with("X-")) << line;
  }
  EXPECT_NE(Headers(*built).find("Subject: hello  Bcc: everyone@example.com"), std::string::npos);
  EXPECT_NE(Headers(*built).find("From: \"Atrium\\\"  X-Other: 2\" <atrium@example.com>"),
            std::string::npos);
  // A list id is a token: one with a line break (or a space) is refused.
  m.list_id = "list.example.com\r\nX-List: 3";
  EXPECT_EQ(BuildMailMessage(m).status().code(), Code::kBadRequest);
}

TEST(MailMessage, RefusesMalformedAddressesAndLinks) {
  for (const char* bad : {"", "bob", "@example.com", "bob@", "bob@example.com\r\nBcc: x@y",
                          "bob <bob@example.com>", "a,b@example.com", "b\"ob@example.com"}) {
    EXPECT_FALSE(IsMailAddress(bad)) << bad;
    MailMessage m = Sample();
    m.to.address = bad;
    EXPECT_EQ(BuildMailMessage(m).status().code(), Code::kBadRequest) << bad;
  }
  EXPECT_TRUE(IsMailAddress("first.last+tag@sub.example.com"));
  MailMessage m = Sample();
  m.unsubscribe_url = "https://example.com/x>\r\nBcc: x@example.com";
  EXPECT_EQ(BuildMailMessage(m).status().code(), Code::kBadRequest);
  m = Sample();
  m.unsubscribe_url = "javascript:alert(1)";
  EXPECT_EQ(BuildMailMessage(m).status().code(), Code::kBadRequest);
  m = Sample();
  m.message_id = "42>\r\nX: y@example.com";
  EXPECT_EQ(BuildMailMessage(m).status().code(), Code::kBadRequest);
}

TEST(MailMessage, ParsesSenderSettings) {
  MailAddress a;
  ASSERT_TRUE(ParseMailAddress("Atrium <atrium@example.com>", &a));
  EXPECT_EQ(a.name, "Atrium");
  EXPECT_EQ(a.address, "atrium@example.com");
  ASSERT_TRUE(ParseMailAddress("\"Atrium, Inc\" <atrium@example.com>", &a));
  EXPECT_EQ(a.name, "Atrium, Inc");
  ASSERT_TRUE(ParseMailAddress("atrium@example.com", &a));
  EXPECT_EQ(a.name, "");
  EXPECT_FALSE(ParseMailAddress("Atrium <atrium>", &a));
  EXPECT_FALSE(ParseMailAddress("Atrium <atrium@example.com", &a));
}

TEST(MailMessage, DateIsRfc5322) {
  EXPECT_EQ(MailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(MailDate(1796578200000), "Sun, 06 Dec 2026 17:30:00 +0000");
}

}  // namespace
}  // namespace atrium
