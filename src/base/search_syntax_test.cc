#include "base/search_syntax.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(SearchSyntax, WordsPhrasesExclusionsAndPrefixes) {
  auto p = ParseSearch("  roadmap \"next quarter\" -draft -\"old plan\" road*  ");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->terms.size(), 5u);
  EXPECT_EQ(p->terms[0].text, "roadmap");
  EXPECT_FALSE(p->terms[0].phrase);
  EXPECT_EQ(p->terms[1].text, "next quarter");
  EXPECT_TRUE(p->terms[1].phrase);
  EXPECT_TRUE(p->terms[2].exclude);
  EXPECT_EQ(p->terms[2].text, "draft");
  EXPECT_TRUE(p->terms[3].exclude && p->terms[3].phrase);
  EXPECT_EQ(p->terms[4].text, "road");
  EXPECT_TRUE(p->terms[4].prefix);
  EXPECT_EQ(p->PositiveTerms(), 3u);
  EXPECT_FALSE(p->HasOperators());
  // Punctuation alone is no term; an unclosed quote closes at the end.
  auto q = ParseSearch("!!! - \"open ended");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->terms.size(), 1u);
  EXPECT_EQ(q->terms[0].text, "open ended");
}

TEST(SearchSyntax, Operators) {
  auto p = ParseSearch(
      "from:@sam@atrium.example has:link has:media has:poll is:reply is:unanswered in:library "
      "during:2024-02-29 kind:blog community:@design tag:#Launch https://example.com/a:b");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->from, "sam");
  EXPECT_TRUE(p->has_link && p->has_media && p->has_poll);
  EXPECT_TRUE(p->is_reply && p->is_unanswered && p->in_library);
  EXPECT_EQ(p->created_from, 1709164800000);  // 2024-02-29T00:00:00Z
  EXPECT_EQ(p->created_before, 1709164800000 + 86400000);
  EXPECT_EQ(p->kind, "blog");
  EXPECT_EQ(p->community, "design");
  EXPECT_EQ(p->tags, std::vector<std::string>{"launch"});
  ASSERT_EQ(p->terms.size(), 1u);  // the address stays a word
  EXPECT_EQ(ParseSearch("before:2024-01-01")->created_before, 1704067200000);
  EXPECT_EQ(ParseSearch("after:2024-01-01")->created_from, 1704067200000 + 86400000);
}

TEST(SearchSyntax, RefusesUnknownOperatorsAndBadValues) {
  for (const char* q :
       {"colour:red", "has:video", "is:read", "in:trash", "kind:poll", "before:2024-13-01",
        "during:2023-02-29", "after:yesterday", "-from:sam", "from:@", "tag:###"}) {
    auto p = ParseSearch(q);
    ASSERT_FALSE(p.ok()) << q;
    EXPECT_EQ(p.status().code(), Code::kUnprocessable) << q;
  }
  std::string many;
  for (int i = 0; i <= static_cast<int>(kMaxSearchTerms); ++i)
    many += "w" + std::to_string(i) + " ";
  EXPECT_FALSE(ParseSearch(many).ok());
  // Not operators: upper case, digits, an empty value, a time of day.
  EXPECT_TRUE(ParseSearch("Note:this 10:30 re: x").ok());
}

TEST(SearchSyntax, TokensFoldAndSpaceOutCjk) {
  auto t = SearchTokens("Café-Zürich 東京x ÅNGSTRÖM");
  std::vector<std::string> folded;
  for (const auto& tok : t) folded.push_back(tok.folded);
  EXPECT_EQ(folded, (std::vector<std::string>{"cafe", "zurich", "東", "京", "x", "angstrom"}));
  EXPECT_EQ(SpaceOutCjk("a東京b"), "a 東  京 b");
}

TEST(SearchSyntax, HighlightsAreEscapedWithTheWordsMarked) {
  std::vector<SearchTerm> terms = {{"cafe"}, {"scr", false, true}, {"secret", false, false, true}};
  EXPECT_EQ(HighlightSearch("<b>Café</b> & script secret", terms),
            "&lt;b&gt;<mark>Café</mark>&lt;/b&gt; &amp; <mark>script</mark> secret");
  // A long text: a window around the first match, cut at words, marked "…".
  std::string text(300, 'a');
  text += " the cafe ";
  text += std::string(300, 'b');
  std::string h = HighlightSearch(text, terms, 100);
  EXPECT_EQ(h.rfind("…", 0), 0u);
  EXPECT_NE(h.find("<mark>cafe</mark>"), std::string::npos);
  EXPECT_LT(h.size(), 140u);
  EXPECT_EQ(HighlightSearch("nothing here", terms), "nothing here");
}

}  // namespace
}  // namespace atrium
