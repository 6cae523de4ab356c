#include "base/status_text.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/text.h"

namespace atrium {
namespace {

std::vector<std::string> Mentions(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : ParseStatusText(text).mentions) out.push_back(m.username);
  return out;
}

std::vector<std::string> Hashtags(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& h : ParseStatusText(text).hashtags) out.push_back(h.name);
  return out;
}

std::vector<std::string> Links(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& l : ParseStatusText(text).links) out.push_back(l.url);
  return out;
}

using Names = std::vector<std::string>;

std::string Substr(std::string_view text, TextSpan span) {
  return std::string(text.substr(span.begin, span.end - span.begin));
}

// Checks what every parse must satisfy: spans in bounds, in order, not
// overlapping across kinds, and the token fields are the text they cover.
void ExpectWellFormed(std::string_view text, const ParsedText& parsed) {
  std::vector<TextSpan> spans;
  for (const auto& m : parsed.mentions) {
    ASSERT_LE(m.span.end, text.size());
    EXPECT_EQ(Substr(text, m.span), "@" + m.username);
    spans.push_back(m.span);
  }
  for (const auto& h : parsed.hashtags) {
    ASSERT_LE(h.span.end, text.size());
    EXPECT_EQ(Substr(text, h.span), "#" + h.name);
    spans.push_back(h.span);
  }
  for (const auto& l : parsed.links) {
    ASSERT_LE(l.span.end, text.size());
    EXPECT_EQ(Substr(text, l.span), l.url);
    spans.push_back(l.span);
  }
  std::sort(spans.begin(), spans.end(),
            [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_LT(spans[i].begin, spans[i].end);
    if (i > 0) {
      EXPECT_LE(spans[i - 1].end, spans[i].begin) << "overlapping tokens";
    }
  }
}

// ---- Mentions ---------------------------------------------------------------------

TEST(StatusTextMention, FindsUsernameAndSpan) {
  std::string text = "hi @alice.";
  ParsedText parsed = ParseStatusText(text);
  ASSERT_EQ(parsed.mentions.size(), 1u);
  EXPECT_EQ(parsed.mentions[0].username, "alice");
  EXPECT_EQ(parsed.mentions[0].span.begin, 3u);
  EXPECT_EQ(parsed.mentions[0].span.end, 9u);
  EXPECT_TRUE(parsed.hashtags.empty());
  EXPECT_TRUE(parsed.links.empty());

  EXPECT_EQ(Mentions("@alice"), Names{"alice"});
  EXPECT_EQ(Mentions("(@alice)"), Names{"alice"});
  EXPECT_EQ(Mentions("@Alice says hi"), Names{"Alice"});  // as written
  EXPECT_EQ(Mentions("@alice, @bob: and @carol!"), (Names{"alice", "bob", "carol"}));
  EXPECT_EQ(Mentions("@alice's post"), Names{"alice"});
  EXPECT_EQ(Mentions("line\n@alice"), Names{"alice"});
  EXPECT_EQ(Mentions("「@alice」"), Names{"alice"});
  EXPECT_EQ(Mentions("🎉@alice"), Names{"alice"});  // an emoji is not a word character
  EXPECT_EQ(Mentions("#@alice"), Names{"alice"});
}

TEST(StatusTextMention, UsernameGrammar) {
  EXPECT_EQ(Mentions("@alice_1 @bob.smith @c-d @_x @9"),
            (Names{"alice_1", "bob.smith", "c-d", "_x", "9"}));
  EXPECT_EQ(Mentions("@alice-"), Names{"alice"});  // no trailing '-'
  EXPECT_EQ(Mentions("@a.b."), Names{"a.b"});      // no trailing '.'
  EXPECT_EQ(Mentions("@a.b..."), Names{"a.b"});
  EXPECT_EQ(Mentions("@a..b"), Names{"a..b"});
  EXPECT_EQ(Mentions("@alice/posts"), Names{"alice"});
  EXPECT_TRUE(Mentions("@.alice").empty());
  EXPECT_TRUE(Mentions("@-alice").empty());
  EXPECT_TRUE(Mentions("@ alice").empty());
  EXPECT_TRUE(Mentions("@").empty());
  EXPECT_TRUE(Mentions("a @").empty());
}

TEST(StatusTextMention, AtMostThirtyCharacters) {
  std::string thirty(30, 'a');
  EXPECT_EQ(Mentions("@" + thirty), Names{thirty});
  EXPECT_EQ(Mentions("@" + thirty + "."), Names{thirty});
  EXPECT_TRUE(Mentions("@" + thirty + "b").empty());  // not cut short: not a mention at all
  EXPECT_TRUE(Mentions("@" + thirty + "-b").empty());
}

TEST(StatusTextMention, WhatMayComeBefore) {
  EXPECT_TRUE(Mentions("email@example.com").empty());
  EXPECT_TRUE(Mentions("a/@alice").empty());
  EXPECT_TRUE(Mentions("?user=@alice").empty());
  EXPECT_TRUE(Mentions("@@alice").empty());
  EXPECT_TRUE(Mentions("end.@alice").empty());  // '.' inside a word
  EXPECT_EQ(Mentions("...@alice"), Names{"alice"});
  EXPECT_EQ(Mentions(".@alice"), Names{"alice"});
  EXPECT_TRUE(Mentions("x_@alice").empty());
  EXPECT_TRUE(Mentions("café@alice").empty());  // non-ASCII letters are word characters
  EXPECT_TRUE(Mentions("日本@alice").empty());
}

TEST(StatusTextMention, RemoteFormsAreNotMentions) {
  // Atrium is one organization: "@alice@domain" names no local account, so
  // neither "alice" nor "domain" is taken for a mention.
  EXPECT_TRUE(Mentions("@alice@example.com").empty());
  EXPECT_TRUE(Mentions("hi @alice@example.com!").empty());
  EXPECT_TRUE(Mentions("@alice@").empty());
  EXPECT_TRUE(Mentions("@alice@bob").empty());
  EXPECT_EQ(Mentions("@alice @bob@example.com"), Names{"alice"});
}

TEST(StatusTextMention, WhatMayComeAfter) {
  EXPECT_TRUE(Mentions("@josé").empty());        // the start of a longer Latin word
  EXPECT_TRUE(Mentions("@jose\u0301").empty());  // combining accent
  EXPECT_TRUE(Mentions("@alice://x").empty());
  EXPECT_EQ(Mentions("@alice日本"), Names{"alice"});  // other scripts may follow directly
  EXPECT_EQ(Mentions("@alice🎉"), Names{"alice"});
  EXPECT_EQ(Mentions("@alice#tag"), Names{"alice"});
  EXPECT_TRUE(Hashtags("@alice#tag").empty());  // '#' after a word character
}

// ---- Hashtags ---------------------------------------------------------------------

TEST(StatusTextHashtag, Examples) {
  EXPECT_EQ(Hashtags("#café"), Names{"café"});
  EXPECT_EQ(Hashtags("#日本語"), Names{"日本語"});
  EXPECT_EQ(Hashtags("#Привет мир"), Names{"Привет"});
  EXPECT_EQ(Hashtags("#tag."), Names{"tag"});
  EXPECT_EQ(Hashtags("#tag_1"), Names{"tag_1"});
  EXPECT_EQ(Hashtags("(#x)"), Names{"x"});
  EXPECT_TRUE(Hashtags("C#").empty());
  EXPECT_TRUE(Hashtags("C# is a language").empty());
  EXPECT_TRUE(Hashtags("#123").empty());
  EXPECT_EQ(Hashtags("#a-b"), Names{"a"});

  std::string text = "émoji #fun🎉";
  ParsedText parsed = ParseStatusText(text);
  ASSERT_EQ(parsed.hashtags.size(), 1u);
  EXPECT_EQ(parsed.hashtags[0].name, "fun");
  EXPECT_EQ(parsed.hashtags[0].span.begin, 7u);  // "émoji " is 7 bytes
  EXPECT_EQ(parsed.hashtags[0].span.end, 11u);
}

TEST(StatusTextHashtag, WhatMayComeBefore) {
  EXPECT_TRUE(Hashtags("&#39;").empty());
  EXPECT_TRUE(Hashtags("a#b").empty());
  EXPECT_TRUE(Hashtags("1#b").empty());
  EXPECT_TRUE(Hashtags("_#b").empty());
  EXPECT_TRUE(Hashtags("日本#tag").empty());
  EXPECT_EQ(Hashtags("#tag#other"), Names{"tag"});
  EXPECT_EQ(Hashtags("🎉#tag"), Names{"tag"});
  EXPECT_EQ(Hashtags("x.#tag"), Names{"tag"});
  EXPECT_EQ(Hashtags("##tag"), Names{"tag"});
  EXPECT_EQ(Hashtags("one #two\n#three\t#four"), (Names{"two", "three", "four"}));
}

TEST(StatusTextHashtag, Characters) {
  EXPECT_EQ(Hashtags("#1a"), Names{"1a"});
  EXPECT_EQ(Hashtags("#_"), Names{"_"});  // '_' is not a digit
  EXPECT_EQ(Hashtags("#2024年"), Names{"2024年"});
  EXPECT_EQ(Hashtags("#cafe\u0301 ok"), Names{"cafe\u0301"});  // combining mark
  EXPECT_EQ(Hashtags("#Ελλάδα!"), Names{"Ελλάδα"});
  EXPECT_EQ(Hashtags("#עברית"), Names{"עברית"});
  EXPECT_EQ(Hashtags("#한국어"), Names{"한국어"});
  EXPECT_TRUE(Hashtags("#").empty());
  EXPECT_TRUE(Hashtags("# tag").empty());
  EXPECT_TRUE(Hashtags("#.tag").empty());
  EXPECT_TRUE(Hashtags("#🎉").empty());
  // Each of these ends a tag.
  for (const char* end :
       {"\u00A0",     "\u00B7",     "\u00BF",     "\u00D7", "\u00F7", "\u2014", "\u201D", "\u200D",
        "\u2192",     "\u2764",     "\u2BFF",     "\u3001", "\u3002", "\u300C", "\uFE10", "\uFE30",
        "\uFF01",     "\uFF0C",     "\uFF1A",     "\uFF20", "\uFF3B", "\uFF40", "\uFF5B", "\uFF65",
        "\U0001F000", "\U0001F389", "\U0001FAFF", "-",      "'",      "/",      "&",      ")"}) {
    EXPECT_EQ(Hashtags(std::string("#x") + end + "y"), Names{"x"}) << end;
  }
  // And these just outside the ranges do not.
  for (const char* inside : {"\u00C0", "\u00FF", "\u2070", "\u218F", "\u2C00", "\u3040", "\uFE0F",
                             "\uFF10", "\uFF21", "\uFF41", "\uFF66", "\U0001FB00"}) {
    EXPECT_EQ(Hashtags(std::string("#x") + inside + "y"), Names{std::string("x") + inside + "y"})
        << inside;
  }
}

TEST(StatusTextHashtag, AtMostOneHundredCharacters) {
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "é";  // characters, not bytes
  EXPECT_EQ(Hashtags("#" + hundred), Names{hundred});
  EXPECT_EQ(Hashtags("#" + hundred + "!"), Names{hundred});
  EXPECT_TRUE(Hashtags("#" + hundred + "é").empty());
  EXPECT_TRUE(Hashtags("#" + std::string(101, 'a')).empty());
}

// ---- Links ------------------------------------------------------------------------

TEST(StatusTextLink, FindsUrlAndSpan) {
  std::string text = "see https://example.com/path.";
  ParsedText parsed = ParseStatusText(text);
  ASSERT_EQ(parsed.links.size(), 1u);
  EXPECT_EQ(parsed.links[0].url, "https://example.com/path");
  EXPECT_EQ(parsed.links[0].span.begin, 4u);
  EXPECT_EQ(parsed.links[0].span.end, text.size() - 1);

  EXPECT_EQ(Links("http://x.com"), Names{"http://x.com"});
  EXPECT_EQ(Links("HTTPS://Example.COM/A"), Names{"HTTPS://Example.COM/A"});
  EXPECT_EQ(Links("Http://x.com"), Names{"Http://x.com"});
  EXPECT_EQ(Links("a https://a.com b http://b.org/x c"),
            (Names{"https://a.com", "http://b.org/x"}));
  EXPECT_EQ(Links("https://x.com/a?b=1&c=2#frag"), Names{"https://x.com/a?b=1&c=2#frag"});
  EXPECT_EQ(Links("https://[::1]:8080/"), Names{"https://[::1]:8080/"});
}

TEST(StatusTextLink, TrailingPunctuationIsNotPartOfTheUrl) {
  for (const char* end : {".", ",", ";", ":", "!", "?", "'", "\"", "?!", "...", ".\"", "\u201D",
                          "\u2019", "\u00BB", "\u2026", "\u3002", "\u300D", "\uFF01"}) {
    EXPECT_EQ(Links(std::string("https://x.com/a") + end), Names{"https://x.com/a"}) << end;
  }
  EXPECT_EQ(Links("https://x.com/a.html"), Names{"https://x.com/a.html"});
  EXPECT_EQ(Links("https://x.com/a?b"), Names{"https://x.com/a?b"});
  EXPECT_EQ(Links("“https://x.com”"), Names{"https://x.com"});
  EXPECT_EQ(Links("'https://x.com/it's'"), Names{"https://x.com/it's"});
}

TEST(StatusTextLink, Parentheses) {
  EXPECT_EQ(Links("(see https://x.com)"), Names{"https://x.com"});
  EXPECT_EQ(Links("(https://x.com/a)."), Names{"https://x.com/a"});
  EXPECT_EQ(Links("https://en.wikipedia.org/wiki/Foo_(bar)"),
            Names{"https://en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(Links("(see https://en.wikipedia.org/wiki/Foo_(bar))."),
            Names{"https://en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(Links("https://x.com/a))"), Names{"https://x.com/a"});
  EXPECT_EQ(Links("https://x.com/(a))"), Names{"https://x.com/(a)"});
  EXPECT_EQ(Links("https://x.com/a)b"), Names{"https://x.com/a)b"});  // only trailing ones
}

TEST(StatusTextLink, WhereUrlsEnd) {
  EXPECT_EQ(Links("<https://x.com>"), Names{"https://x.com"});
  EXPECT_EQ(Links("https://x.com/a\tb"), Names{"https://x.com/a"});
  EXPECT_EQ(Links("https://x.com/a\nb"), Names{"https://x.com/a"});
  EXPECT_EQ(Links("https://x.com/a\u3000b"), Names{"https://x.com/a"});  // ideographic space
  EXPECT_EQ(Links("https://x.com/a\u00A0b"), Names{"https://x.com/a"});  // no-break space
  EXPECT_EQ(Links("https://例え.jp/パス。"), Names{"https://例え.jp/パス"});
  EXPECT_EQ(Links("https://x.com/\"onmouseover=\"x"), Names{"https://x.com/\"onmouseover=\"x"});
}

TEST(StatusTextLink, OnlyHttpAndHttps) {
  EXPECT_TRUE(Links("javascript:alert(1)").empty());
  EXPECT_TRUE(Links("data:text/html,<script>").empty());
  EXPECT_TRUE(Links("ftp://x.com").empty());
  EXPECT_TRUE(Links("mailto:a@b.c").empty());
  EXPECT_TRUE(Links("http:x.com").empty());
  EXPECT_TRUE(Links("https:/x.com").empty());
  EXPECT_TRUE(Links("https://").empty());
  EXPECT_TRUE(Links("https:// x").empty());
  EXPECT_TRUE(Links("https://.").empty());
  EXPECT_TRUE(Links("https://\"><b>").empty());
  EXPECT_TRUE(Links("xhttps://x.com").empty());  // inside a word
  EXPECT_TRUE(Links("2http://x.com").empty());
  EXPECT_EQ(Links("(https://x.com"), Names{"https://x.com"});
  EXPECT_EQ(Links("see:https://x.com"), Names{"https://x.com"});
}

TEST(StatusTextLink, MentionsAndHashtagsInsideLinkArePartOfIt) {
  std::string text = "https://x.com/@alice/1#top and https://x.com/tags/#news?q=@bob";
  ParsedText parsed = ParseStatusText(text);
  EXPECT_TRUE(parsed.mentions.empty());
  EXPECT_TRUE(parsed.hashtags.empty());
  ASSERT_EQ(parsed.links.size(), 2u);
  EXPECT_EQ(parsed.links[0].url, "https://x.com/@alice/1#top");
  EXPECT_EQ(parsed.links[1].url, "https://x.com/tags/#news?q=@bob");

  // "@https://…" is a link, not a mention of "https".
  parsed = ParseStatusText("@https://x.com");
  EXPECT_TRUE(parsed.mentions.empty());
  EXPECT_EQ(parsed.links.size(), 1u);
}

// ---- Mixed ------------------------------------------------------------------------

TEST(StatusTextParse, MixedInOrder) {
  std::string text = "Hi @alice, see https://x.com/#tag and #News!\n@bob #日本";
  ParsedText parsed = ParseStatusText(text);
  ExpectWellFormed(text, parsed);
  EXPECT_EQ(Mentions(text), (Names{"alice", "bob"}));
  EXPECT_EQ(Hashtags(text), (Names{"News", "日本"}));
  EXPECT_EQ(Links(text), Names{"https://x.com/#tag"});
  EXPECT_EQ(Substr(text, parsed.hashtags[1].span), "#日本");
}

TEST(StatusTextParse, EmptyAndPlain) {
  ParsedText parsed = ParseStatusText("");
  EXPECT_TRUE(parsed.mentions.empty() && parsed.hashtags.empty() && parsed.links.empty());
  parsed = ParseStatusText("nothing to see here: a@ # @ http:// é 日本");
  EXPECT_TRUE(parsed.mentions.empty() && parsed.hashtags.empty() && parsed.links.empty());
}

// ---- Normalization ----------------------------------------------------------------

TEST(StatusTextNormalize, CaseFolds) {
  EXPECT_EQ(NormalizeHashtag("Café"), "café");
  EXPECT_EQ(NormalizeHashtag("CAFÉ"), "café");
  EXPECT_EQ(NormalizeHashtag("café"), "café");
  EXPECT_EQ(NormalizeHashtag("ПРИВЕТ"), "привет");
  EXPECT_EQ(NormalizeHashtag("Ёлка"), "ёлка");
  EXPECT_EQ(NormalizeHashtag("İstanbul"), "istanbul");
  EXPECT_EQ(NormalizeHashtag("ŁÓDŹ"), "łódź");
  EXPECT_EQ(NormalizeHashtag("ΆΘΗΝΑ"), "άθηνα");
  // Final sigma folds like any sigma, so capitals and small letters meet.
  EXPECT_EQ(NormalizeHashtag("ΟΔΟΣ"), NormalizeHashtag("οδος"));
  EXPECT_EQ(NormalizeHashtag("Tag_1"), "tag_1");
}

TEST(StatusTextNormalize, LeavesOtherScriptsAlone) {
  EXPECT_EQ(NormalizeHashtag("日本語"), "日本語");
  EXPECT_EQ(NormalizeHashtag("한국어"), "한국어");
  EXPECT_EQ(NormalizeHashtag("ß"), "ß");
  EXPECT_EQ(NormalizeHashtag("ǅǄ"), "dždž");  // NFKC splits the digraphs; then they fold
  EXPECT_EQ(NormalizeHashtag("ԱԲ"), "ԱԲ");    // Armenian too
  EXPECT_EQ(NormalizeHashtag("ÀÉ×Ø"), "àé×ø");
  EXPECT_EQ(NormalizeHashtag(""), "");
}

// Long Unicode literals, which clang-format cannot split stably.
// clang-format off
TEST(StatusTextNormalize, WholeTables) {
  // Expected strings from Python's unicodedata.normalize("NFKC", s).lower()
  // (so Ĳ is "ij", Ŀ is "l·" and Ϲ is "σ").
  EXPECT_EQ(NormalizeHashtag("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(NormalizeHashtag("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"), "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ");
  EXPECT_EQ(NormalizeHashtag("ĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"),
            "āăąćĉċčďđēĕėęěĝğġģĥħĩīĭįijĵķĺļľl·łńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷÿźżž");
  EXPECT_EQ(NormalizeHashtag("ͰͲͶͿΆΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫϏϘϚϜϞϠϢϤϦϨϪϬϮϴϷϹϺϽ"
                             "Ͼ"
                             "Ͽ"),
            "ͱͳͷϳάέήίόύώαβγδεζηθικλμνξοπρστυφχψωϊϋϗϙϛϝϟϡϣϥϧϩϫϭϯθϸσϻͻͼͽ");
  EXPECT_EQ(
      NormalizeHashtag(
          "ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯѠѢѤѦѨѪѬѮѰѲѴѶѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶ"
          "ҸҺҼҾӀӁӃӅӇӉӋӍӐӒӔӖӘӚӜӞӠӢӤӦӨӪӬӮӰӲӴӶӸӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪ"
          "Ԭ"
          "Ԯ"),
      "ѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяѡѣѥѧѩѫѭѯѱѳѵѷѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵ"
      "ҷҹһҽҿӏӂӄӆӈӊӌӎӑӓӕӗәӛӝӟӡӣӥӧөӫӭӯӱӳӵӷӹӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫ"
      "ԭ"
      "ԯ");
}

// clang-format on

std::string Utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(StatusTextNormalize, IdempotentOverEveryCodePoint) {
  // Normalizing twice changes nothing more, and always gives valid UTF-8.
  // Beyond the folding tables (U+0530 on), a code point that NFKC leaves
  // alone is left alone.
  for (uint32_t cp = 1; cp < 0x30000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string once = NormalizeHashtag(Utf8(cp));
    ASSERT_TRUE(IsValidUtf8(once)) << std::hex << cp;
    ASSERT_EQ(NormalizeHashtag(once), once) << std::hex << cp;
    if (cp >= 0x530 && CountCodePoints(once) == 1 && once != Utf8(cp)) {
      // Changed: only because NFKC maps it to something else.
      utf8proc_uint8_t* nfkc =
          utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(Utf8(cp).c_str()));
      ASSERT_NE(nfkc, nullptr);
      std::string composed = reinterpret_cast<const char*>(nfkc);
      std::free(nfkc);
      ASSERT_NE(composed, Utf8(cp)) << std::hex << cp;
    }
  }
}

TEST(StatusTextNormalize, MalformedInputIsCopied) {
  EXPECT_EQ(NormalizeHashtag("CAF\xC3"), "caf\xC3");
  EXPECT_EQ(NormalizeHashtag("\xFF"
                             "A"),
            "\xFF"
            "a");
}

// ---- Rendering --------------------------------------------------------------------

const char kBase[] = "https://atrium.example";

std::optional<MentionTarget> Directory(std::string_view username) {
  std::string lower = AsciiLower(username);
  if (lower == "alice") return MentionTarget{"https://atrium.example/@alice", "alice"};
  if (lower == "bob.smith") return MentionTarget{"https://atrium.example/@bob.smith", "bob.smith"};
  return std::nullopt;
}

std::string Render(std::string_view text) {
  return RenderStatusHtml(text, ParseStatusText(text), Directory, kBase);
}

TEST(StatusTextRender, EmptyAndPlain) {
  EXPECT_EQ(Render(""), "");
  EXPECT_EQ(Render(" \n\t\r\n "), "");
  EXPECT_EQ(Render("hello"), "<p>hello</p>");
  EXPECT_EQ(Render("  hello world \n"), "<p>hello world</p>");  // stripped, as Mastodon does
  EXPECT_EQ(Render("日本語 😀"), "<p>日本語 😀</p>");
}

TEST(StatusTextRender, EscapesEverything) {
  EXPECT_EQ(Render("<b>bold</b> & 'x' \"y\""),
            "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &#39;x&#39; &quot;y&quot;</p>");
  EXPECT_EQ(Render("&lt;b&gt;"), "<p>&amp;lt;b&amp;gt;</p>");
}

TEST(StatusTextRender, ParagraphsAndLineBreaks) {
  EXPECT_EQ(Render("a\nb"), "<p>a<br />b</p>");
  EXPECT_EQ(Render("a\nb\nc"), "<p>a<br />b<br />c</p>");
  EXPECT_EQ(Render("a\n\nb"), "<p>a</p><p>b</p>");
  EXPECT_EQ(Render("a\n\n\n\nb"), "<p>a</p><p>b</p>");
  EXPECT_EQ(Render("a\r\nb"), "<p>a<br />b</p>");
  EXPECT_EQ(Render("a\r\n\r\nb"), "<p>a</p><p>b</p>");
  EXPECT_EQ(Render("a\rb"), "<p>a<br />b</p>");
  EXPECT_EQ(Render("a\r\rb"), "<p>a</p><p>b</p>");
  EXPECT_EQ(Render("\n\na\n\n"), "<p>a</p>");
  // As in Rails' simple_format, a line of spaces is not a blank line.
  EXPECT_EQ(Render("a\n \nb"), "<p>a<br /> <br />b</p>");
  EXPECT_EQ(Render("one\ntwo\n\nthree"), "<p>one<br />two</p><p>three</p>");
}

TEST(StatusTextRender, Mentions) {
  EXPECT_EQ(
      Render("hi @alice."),
      "<p>hi <span class=\"h-card\" translate=\"no\"><a href=\"https://atrium.example/@alice\" "
      "class=\"u-url mention\">@<span>alice</span></a></span>.</p>");
  // The resolver sees the name as written; the link shows the canonical one.
  std::string seen;
  auto resolver = [&seen](std::string_view username) -> std::optional<MentionTarget> {
    seen = std::string(username);
    return Directory(username);
  };
  std::string text = "@ALICE";
  EXPECT_EQ(RenderStatusHtml(text, ParseStatusText(text), resolver, kBase),
            "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://atrium.example/@alice\" "
            "class=\"u-url mention\">@<span>alice</span></a></span></p>");
  EXPECT_EQ(seen, "ALICE");
}

TEST(StatusTextRender, ResolvesEachUsernameOnce) {
  std::vector<std::string> asked;
  auto resolver = [&asked](std::string_view username) {
    asked.emplace_back(username);
    return Directory(username);
  };
  std::string text = "@alice @bob @alice @Alice @bob";
  std::string html = RenderStatusHtml(text, ParseStatusText(text), resolver, kBase);
  EXPECT_EQ(asked, (Names{"alice", "bob", "Alice"}));
  size_t links = 0;
  for (size_t at = html.find("u-url mention"); at != std::string::npos;
       at = html.find("u-url mention", at + 1))
    ++links;
  EXPECT_EQ(links, 3u);
  EXPECT_NE(html.find(" @bob "), std::string::npos);
}

TEST(StatusTextRender, UnresolvedMentionsStayText) {
  EXPECT_EQ(Render("hi @nobody"), "<p>hi @nobody</p>");
  std::string text = "@alice";
  EXPECT_EQ(RenderStatusHtml(text, ParseStatusText(text), MentionResolver(), kBase),
            "<p>@alice</p>");
  EXPECT_EQ(Render("@alice@example.com"), "<p>@alice@example.com</p>");
}

TEST(StatusTextRender, ResolverOutputIsEscaped) {
  auto hostile = [](std::string_view) -> std::optional<MentionTarget> {
    return MentionTarget{"https://x/\"><script>", "<b>"};
  };
  std::string text = "@alice";
  EXPECT_EQ(
      RenderStatusHtml(text, ParseStatusText(text), hostile, kBase),
      "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://x/&quot;&gt;&lt;script&gt;\" "
      "class=\"u-url mention\">@<span>&lt;b&gt;</span></a></span></p>");
}

TEST(StatusTextRender, Hashtags) {
  EXPECT_EQ(Render("#Café"),
            "<p><a href=\"https://atrium.example/tags/caf%C3%A9\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>Café</span></a></p>");
  EXPECT_EQ(Render("I like #News."),
            "<p>I like <a href=\"https://atrium.example/tags/news\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>News</span></a>.</p>");
  std::string text = "#x";
  EXPECT_EQ(RenderStatusHtml(text, ParseStatusText(text), Directory, "https://a.example/"),
            "<p><a href=\"https://a.example/tags/x\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>x</span></a></p>");
  EXPECT_EQ(Render("C# &#39;"), "<p>C# &amp;#39;</p>");
}

TEST(StatusTextRender, Links) {
  EXPECT_EQ(Render("https://example.com/path"),
            "<p><a href=\"https://example.com/path\" target=\"_blank\" rel=\"nofollow noopener "
            "noreferrer\" translate=\"no\"><span class=\"invisible\">https://</span><span "
            "class=\"\">example.com/path</span><span class=\"invisible\"></span></a></p>");
  // "www." is hidden with the scheme, as Mastodon does.
  EXPECT_EQ(Render("see http://www.example.com."),
            "<p>see <a href=\"http://www.example.com\" target=\"_blank\" rel=\"nofollow noopener "
            "noreferrer\" translate=\"no\"><span class=\"invisible\">http://www.</span><span "
            "class=\"\">example.com</span><span class=\"invisible\"></span></a>.</p>");
  // The href is escaped for an attribute.
  EXPECT_EQ(Render("https://x.com/?a=1&b=2"),
            "<p><a href=\"https://x.com/?a=1&amp;b=2\" target=\"_blank\" rel=\"nofollow noopener "
            "noreferrer\" translate=\"no\"><span class=\"invisible\">https://</span><span "
            "class=\"\">x.com/?a=1&amp;b=2</span><span class=\"invisible\"></span></a></p>");
}

TEST(StatusTextRender, LongLinksAreShortened) {
  std::string rest = "example.com/a/very/long/path/that/goes/on";  // 41 characters
  EXPECT_EQ(Render("https://" + rest),
            "<p><a href=\"https://" + rest +
                "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" translate=\"no\"><span "
                "class=\"invisible\">https://</span><span class=\"ellipsis\">" +
                rest.substr(0, 30) + "</span><span class=\"invisible\">" + rest.substr(30) +
                "</span></a></p>");
  // Exactly 30 characters: shown whole.
  std::string thirty = "example.com/" + std::string(18, 'x');
  EXPECT_NE(Render("https://" + thirty)
                .find("<span class=\"\">" + thirty + "</span><span class=\"invisible\"></span>"),
            std::string::npos);
  // Counted in characters, never cutting one in half.
  std::string wide = "例え.jp/";  // 6 characters
  for (int i = 0; i < 30; ++i) wide += "パ";
  std::string first30 = "例え.jp/";
  for (int i = 0; i < 24; ++i) first30 += "パ";
  std::string html = Render("https://" + wide);
  EXPECT_NE(html.find("<span class=\"ellipsis\">" + first30 + "</span><span class=\"invisible\">" +
                      "パパパパパパ</span>"),
            std::string::npos)
      << html;
}

TEST(StatusTextRender, Together) {
  EXPECT_EQ(
      Render("Hi @alice!\n\nRead https://x.com #News\n@bob.smith"),
      "<p>Hi <span class=\"h-card\" translate=\"no\"><a href=\"https://atrium.example/@alice\" "
      "class=\"u-url mention\">@<span>alice</span></a></span>!</p><p>Read <a "
      "href=\"https://x.com\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" "
      "translate=\"no\"><span class=\"invisible\">https://</span><span "
      "class=\"\">x.com</span><span class=\"invisible\"></span></a> <a "
      "href=\"https://atrium.example/tags/news\" class=\"mention hashtag\" "
      "rel=\"tag\">#<span>News</span></a><br /><span class=\"h-card\" translate=\"no\"><a "
      "href=\"https://atrium.example/@bob.smith\" class=\"u-url "
      "mention\">@<span>bob.smith</span></a></span></p>");
}

TEST(StatusTextRender, IgnoresTokensThatDoNotFit) {
  std::string text = "hello world";
  ParsedText parsed;
  parsed.hashtags.push_back({{6, 100}, "world"});           // past the end
  parsed.hashtags.push_back({{3, 3}, "empty"});             // empty span
  parsed.links.push_back({{0, 5}, "javascript:alert(1)"});  // not http(s)
  parsed.mentions.push_back({{2, 4}, "alice"});             // overlaps the link
  EXPECT_EQ(RenderStatusHtml(text, parsed, Directory, kBase), "<p>hello world</p>");
}

// Removes every tag the renderer itself emits, collecting the hrefs; what
// remains must contain no markup at all.
std::string StripRendererTags(std::string_view html, std::vector<std::string>* hrefs) {
  static const std::vector<std::string_view> kFixed = {"<p>",
                                                       "</p>",
                                                       "<br />",
                                                       "<span class=\"h-card\" translate=\"no\">",
                                                       "<span>",
                                                       "</span>",
                                                       "</a>",
                                                       "<span class=\"invisible\">",
                                                       "<span class=\"ellipsis\">",
                                                       "<span class=\"\">"};
  static const std::vector<std::string_view> kAfterHref = {
      "\" class=\"u-url mention\">", "\" class=\"mention hashtag\" rel=\"tag\">",
      "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" translate=\"no\">"};
  constexpr std::string_view kHref = "<a href=\"";
  std::string rest;
  size_t i = 0;
  while (i < html.size()) {
    std::string_view tail = html.substr(i);
    size_t matched = 0;
    for (std::string_view tag : kFixed)
      if (tail.starts_with(tag)) matched = tag.size();
    if (matched == 0 && tail.starts_with(kHref)) {
      size_t quote = tail.find_first_of("\"<>", kHref.size());
      if (quote != std::string_view::npos && tail[quote] == '"') {
        for (std::string_view after : kAfterHref) {
          if (tail.substr(quote).starts_with(after)) {
            hrefs->emplace_back(tail.substr(kHref.size(), quote - kHref.size()));
            matched = quote + after.size();
          }
        }
      }
    }
    if (matched > 0) {
      i += matched;
    } else {
      rest += html[i++];
    }
  }
  return rest;
}

TEST(StatusTextSecurity, TagStripperKnowsTheRendererTags) {
  std::vector<std::string> hrefs;
  EXPECT_EQ(StripRendererTags(
                Render("@alice #x https://x.com/" + std::string(40, 'a') + "\n\nb\nc"), &hrefs),
            "@alice #x https://x.com/" + std::string(40, 'a') + "bc");
  EXPECT_EQ(hrefs.size(), 3u);
  EXPECT_EQ(StripRendererTags("<b>x</b><a href=\"y\" onclick=\"z\">", &hrefs),
            "<b>x</b><a href=\"y\" onclick=\"z\">");
}

void ExpectSafeHtml(const std::string& html) {
  std::vector<std::string> hrefs;
  std::string rest = StripRendererTags(html, &hrefs);
  EXPECT_EQ(rest.find('<'), std::string::npos) << html;
  EXPECT_EQ(rest.find('>'), std::string::npos) << html;
  EXPECT_EQ(rest.find('"'), std::string::npos) << html;
  EXPECT_EQ(rest.find('\''), std::string::npos) << html;
  for (const std::string& href : hrefs) {
    std::string scheme = AsciiLower(href.substr(0, 8));
    EXPECT_TRUE(scheme.starts_with("https://") || scheme.starts_with("http://")) << href;
  }
}

TEST(StatusTextSecurity, HostileInput) {
  std::string text =
      "<script>alert(1)</script> \"><img src=x onerror=alert(1)> javascript:alert(1)\n"
      "https://evil.example/\"onmouseover=\"alert(1)\" https://x.com/<script>alert(1)</script>\n\n"
      "<a href=\"javascript:alert(1)\">@alice</a> #tag<svg/onload=alert(1)> "
      "data:text/html,<script>alert(1)</script> '><iframe src=javascript:alert(1)> "
      "https://x.com/'onclick='alert(1) @alice\"><b> #x\"y";
  ParsedText parsed = ParseStatusText(text);
  ExpectWellFormed(text, parsed);
  std::string html = RenderStatusHtml(text, parsed, Directory, kBase);
  ExpectSafeHtml(html);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://evil.example/&quot;onmouseover=&quot;alert(1)\""),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos);
  // The mentions and hashtags were still found and linked.
  EXPECT_NE(html.find("@<span>alice</span>"), std::string::npos);
  EXPECT_NE(html.find("#<span>tag</span>"), std::string::npos);

  // A hostile base URL and resolver are escaped too.
  auto hostile = [](std::string_view) -> std::optional<MentionTarget> {
    return MentionTarget{"https://x/\"><script>", "\"><img onerror=x>"};
  };
  html = RenderStatusHtml(text, parsed, hostile, "https://a\"><script>");
  ExpectSafeHtml(html);
}

// ---- Robustness -------------------------------------------------------------------

// Runs the parser and renderer on a copy of `text` in a buffer of exactly its
// size, so AddressSanitizer catches any read past the end.
void ParseAndRenderExactly(const std::string& text) {
  auto buffer = std::make_unique<char[]>(text.size() ? text.size() : 1);
  std::memcpy(buffer.get(), text.data(), text.size());
  std::string_view view(buffer.get(), text.size());
  ParsedText parsed = ParseStatusText(view);
  ExpectWellFormed(view, parsed);
  std::string html = RenderStatusHtml(view, parsed, Directory, kBase);
  ExpectSafeHtml(html);
  for (const auto& h : parsed.hashtags) NormalizeHashtag(h.name);
}

TEST(StatusTextRobustness, TruncatedUtf8NeverReadsPastTheEnd) {
  for (const char* text : {"\xC3", "\xE6\x97", "\xF0\x9F\x8E", "#caf\xC3", "#\xE6", "#x\xF0\x9F",
                           "@alice\xE6\x97", "\xC3@alice", "\xE6\x97#tag", "a\xF0@b",
                           "https://x.com/\xF0\x9F", "https://\xE6", "https://x\xE2\x80", "\x80#a",
                           "\x80\x80\x80@a", "\xBF#a", "#\xC3\xA9\xC3", "https://x.com)\xE2\x80"}) {
    SCOPED_TRACE(text);
    ParseAndRenderExactly(text);
  }
  ParseAndRenderExactly("");
}

TEST(StatusTextRobustness, RandomInputs) {
  const std::vector<std::string> pieces = {
      "@", "#",  "h",     "ttps://", "http://", "HTTPS://", "a",      "Z",      "9",      "_",
      "-", ".",  ",",     "é",       "日",      "🎉",        "\u00B7", "\u3000", "\u201D", "(",
      ")", "\n", "\r",    " ",       "\t",      "<",        ">",      "\"",     "'",      "&",
      "/", "=",  "x.com", "alice",   ":",       "\xC3",     "\x80"};
  std::mt19937 rng(20240611);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int i = 0; i < n; ++i)
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    SCOPED_TRACE(text);
    ParseAndRenderExactly(text);
    if (HasFatalFailure() || HasNonfatalFailure()) return;
  }
}

TEST(StatusTextRobustness, LinearTimeOnPathologicalInput) {
  const size_t n = 256 * 1024;
  auto repeat = [n](std::string_view unit) {
    std::string s;
    while (s.size() < n) s += unit;
    return s;
  };
  std::vector<std::string> inputs = {repeat("@"),
                                     repeat("#"),
                                     repeat("@a"),
                                     repeat("a@"),
                                     repeat("#1"),
                                     repeat("@a."),
                                     repeat("a.@"),
                                     repeat("h"),
                                     repeat("http:/"),
                                     repeat("https://"),
                                     repeat("é#"),
                                     repeat("#é"),
                                     repeat("\n"),
                                     repeat("\r\n\n"),
                                     repeat("<&>\"'"),
                                     "@" + repeat("a"),
                                     "#" + repeat("é"),
                                     "@" + repeat("a") + "@",
                                     "https://x" + repeat(")"),
                                     repeat("(") + "https://x.com" + repeat(")"),
                                     "https://x" + repeat("."),
                                     "https://x" + repeat("\u201D"),
                                     repeat("@" + std::string(40, 'a') + " "),
                                     repeat("#" + std::string(120, 'a') + " "),
                                     repeat("https://x.com/@a#b "),
                                     repeat("@alice #tag ")};
  auto start = std::chrono::steady_clock::now();
  size_t tokens = 0;
  for (const std::string& text : inputs) {
    ParsedText parsed = ParseStatusText(text);
    tokens += parsed.mentions.size() + parsed.hashtags.size() + parsed.links.size();
    RenderStatusHtml(text, parsed, Directory, kBase);
  }
  EXPECT_GT(tokens, 0u);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);  // quadratic behaviour would take hours
}

}  // namespace
}  // namespace atrium

namespace atrium {
namespace {

TEST(StatusTextNormalize, ComposesBeforeFolding) {
  // NFD and NFC spellings are one tag; so are full-width and ligature forms.
  EXPECT_EQ(NormalizeHashtag("cafe\u0301"), NormalizeHashtag("café"));
  EXPECT_EQ(NormalizeHashtag("CAFE\u0301"), "café");
  EXPECT_EQ(NormalizeHashtag("\uFF34\uFF45\uFF53\uFF54"), "test");  // full-width "Ｔｅｓｔ"
  EXPECT_EQ(NormalizeHashtag("\uFB01sh"), "fish");                  // "ﬁ" ligature
  EXPECT_EQ(NormalizeHashtag("日本語"), "日本語");
}

}  // namespace
}  // namespace atrium
