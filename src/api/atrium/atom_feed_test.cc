// The Atom serializer: escaping, and the elements RFC 4287 requires.
#include "api/atrium/atom_feed.h"

#include <gtest/gtest.h>

#include <memory>

namespace atrium::api {
namespace {

TEST(XmlText, EscapesMarkupAndDropsWhatXmlForbids) {
  EXPECT_EQ(XmlText("a <b> & \"c\" 'd'"), "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(XmlText(std::string("x\x01y\x1f\tz\n\r", 9)), "xy\tz\n\r");
  EXPECT_EQ(XmlText("Zürich — 東京"), "Zürich — 東京");
}

TEST(BlogFeedAtom, AMembersFeed) {
  auto author = std::make_shared<AccountSnapshot>();
  author->account.id = 7;
  author->account.username = "maria";
  author->account.display_name = "Maria <M> Lopez";
  author->account.created_at = 1000;
  auto entry = std::make_shared<StatusRecord>();
  entry->id = 42;
  entry->account_id = 7;
  entry->kind = StatusKind::kBlog;
  entry->title = "Q3 & beyond";
  entry->content_html = "<p>Hello</p>";
  entry->tags = {"planning"};
  entry->created_at = 1764547200000;  // 2025-12-01T00:00:00Z
  entry->edited_at = 1764633600000;   // a day later
  BlogFeed feed;
  feed.author = author;
  feed.authors[7] = author;
  feed.entries.push_back({entry, nullptr});
  const std::string atom = BlogFeedAtom(feed, "https://atrium.example");
  EXPECT_EQ(atom.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                       "xmlns=\"http://www.w3.org/2005/Atom\">",
                       0),
            0u);
  for (const char* part : {
           "<id>https://atrium.example/@maria/blog</id>",
           "<title type=\"text\">Blog of Maria &lt;M&gt; Lopez</title>",
           "<updated>2025-12-02T00:00:00.000Z</updated>",
           "<link rel=\"alternate\" type=\"text/html\" href=\"https://atrium.example/@maria\"/>",
           "<entry>\n<id>https://atrium.example/posts/42</id>\n<title type=\"text\">Q3 &amp; "
           "beyond</title>",
           "<published>2025-12-01T00:00:00.000Z</published>",
           "href=\"https://atrium.example/@maria/blog/42-q3-beyond\"",
           "<name>Maria &lt;M&gt; Lopez</name>\n<uri>https://atrium.example/@maria</uri>",
           "<category term=\"planning\"/>",
           "<content type=\"html\">&lt;p&gt;Hello&lt;/p&gt;</content>",
       })
    EXPECT_NE(atom.find(part), std::string::npos) << part << "\nin\n" << atom;
  EXPECT_EQ(atom.find("<summary"), std::string::npos);  // no content warning
  EXPECT_TRUE(atom.ends_with("</entry>\n</feed>\n"));
}

TEST(BlogFeedAtom, AnEmptyCommunityFeedStillHasItsAuthor) {
  BlogFeed feed;
  feed.community.id = 9;
  feed.community.name = "Skunkworks";
  feed.community.created_at = 1764547200000;
  const std::string atom = BlogFeedAtom(feed, "https://atrium.example");
  EXPECT_NE(atom.find("<id>https://atrium.example/communities/9/blog</id>"), std::string::npos);
  EXPECT_NE(atom.find("<updated>2025-12-01T00:00:00.000Z</updated>"), std::string::npos);
  EXPECT_NE(
      atom.find(
          "<author>\n<name>Skunkworks</name>\n<uri>https://atrium.example/communities/9</uri>"),
      std::string::npos)
      << atom;
  EXPECT_EQ(atom.find("<entry>"), std::string::npos);
}

}  // namespace
}  // namespace atrium::api
