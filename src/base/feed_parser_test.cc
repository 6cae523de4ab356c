#include "base/feed_parser.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(FeedParser, Rss2) {
  auto f = ParseFeed(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Ana's blog</title>
<item><title>Second</title><link>/posts/2</link><guid isPermaLink="false">id-2</guid>
<description><![CDATA[<p>Summary <b>two</b></p>]]></description>
<content:encoded><![CDATA[<p>The whole article</p>]]></content:encoded></item>
<item><title>First</title><link>https://blog.example/posts/1</link></item>
<item><title>No link</title></item>
</channel></rss>)",
                     "https://blog.example/feed.xml");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "Ana's blog");
  ASSERT_EQ(f->entries.size(), 2u);
  EXPECT_EQ(f->entries[0].key, "id-2");
  EXPECT_EQ(f->entries[0].link, "https://blog.example/posts/2");
  EXPECT_EQ(f->entries[0].title, "Second");
  EXPECT_EQ(f->entries[0].summary, "Summary two");
  EXPECT_EQ(f->entries[1].key, "https://blog.example/posts/1");
}

TEST(FeedParser, Atom) {
  auto f = ParseFeed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Notes</title>
<entry><id>tag:x,2026:1</id><title type="html">A &amp;amp; B</title>
<link rel="edit" href="/edit/1"/><link href="/notes/1"/>
<content type="html">&lt;p&gt;Content only&lt;/p&gt;</content></entry></feed>)",
                     "https://ben.example/atom.xml");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "Notes");
  ASSERT_EQ(f->entries.size(), 1u);
  EXPECT_EQ(f->entries[0].key, "tag:x,2026:1");
  EXPECT_EQ(f->entries[0].link, "https://ben.example/notes/1");
  EXPECT_EQ(f->entries[0].title, "A & B");
  EXPECT_EQ(f->entries[0].summary, "Content only");
}

TEST(FeedParser, Refusals) {
  EXPECT_FALSE(ParseFeed("", "https://x/").ok());
  EXPECT_FALSE(ParseFeed("<html><body>not a feed</body></html>", "https://x/").ok());
  EXPECT_FALSE(ParseFeed("<rss><channel>", "https://x/").ok());
  // Entities: refused, never expanded (billion laughs, external files).
  EXPECT_FALSE(
      ParseFeed(R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>
<rss><channel><title>&b;</title></channel></rss>)",
                "https://x/")
          .ok());
  EXPECT_FALSE(
      ParseFeed(R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&x;</title></channel></rss>)",
                "https://x/")
          .ok());
}

}  // namespace
}  // namespace atrium
