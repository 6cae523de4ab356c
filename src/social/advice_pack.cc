// Parsing, merging and evaluating advice rule packs (docs/ADVICE.md).
#include "social/advice_pack.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "base/status_text.h"
#include "base/text.h"
#include "base/word_match.h"

namespace atrium {
namespace {

namespace json = boost::json;

Status Invalid(const std::string& where, const std::string& what) {
  return Status::Unprocessable("Validation failed: advice rules: " + where + ": " + what);
}

Status CheckKeys(const json::object& o, const std::set<std::string>& known,
                 const std::string& where) {
  for (const auto& [k, v] : o)
    if (!known.contains(std::string(k)))
      return Invalid(where, "unknown key \"" + std::string(k) + "\"");
  return Status::Ok();
}

Result<std::vector<std::string>> Strings(const json::value& v, const std::string& where) {
  if (!v.is_array()) return Invalid(where, "must be a list of strings");
  std::vector<std::string> out;
  for (const json::value& e : v.as_array()) {
    if (!e.is_string()) return Invalid(where, "must be a list of strings");
    std::string s(e.as_string());
    if (!IsValidUtf8(s) || s.size() > 200)
      return Invalid(where, "an entry is not text of at most 200 bytes");
    out.push_back(std::move(s));
  }
  return out;
}

Result<int64_t> Number(const json::value& v, const std::string& where) {
  if (!v.is_int64() && !v.is_uint64()) return Invalid(where, "must be a whole number");
  const int64_t n = v.is_int64() ? v.as_int64() : static_cast<int64_t>(v.as_uint64());
  if (n < 0 || n > 1000000) return Invalid(where, "must be from 0 to 1000000");
  return n;
}

Result<AdviceCondition> ParseCondition(const json::value& v, const std::string& where) {
  using K = AdviceCondition::Kind;
  if (!v.is_object() || v.as_object().empty()) return Invalid(where, "must be an object");
  const json::object& o = v.as_object();
  AdviceCondition c;
  static const std::map<std::string, K> kLists = {
      {"words", K::kWords}, {"whole_text", K::kWholeText}, {"starts_with", K::kStartsWith}};
  static const std::map<std::string, K> kNumbers = {{"max_words", K::kMaxWords},
                                                    {"exclamations", K::kExclamations},
                                                    {"lines", K::kLines},
                                                    {"chars", K::kChars},
                                                    {"link_and_chars", K::kLinkAndChars},
                                                    {"thread_replies", K::kThreadReplies},
                                                    {"shared_link", K::kSharedLink}};
  const std::string key(o.begin()->key());
  if (auto it = kLists.find(key); it != kLists.end()) {
    if (Status s = CheckKeys(o, {key, "min_hits"}, where); !s.ok()) return s;
    c.kind = it->second;
    auto entries = Strings(o.at(key), where + "." + key);
    if (!entries.ok()) return entries.status();
    if (entries->empty()) return Invalid(where + "." + key, "needs at least one entry");
    c.entries = std::move(*entries);
    if (const json::value* m = o.if_contains("min_hits")) {
      if (c.kind != K::kWords) return Invalid(where, "min_hits goes with words only");
      auto n = Number(*m, where + ".min_hits");
      if (!n.ok()) return n.status();
      c.number = std::max<int64_t>(*n, 1);
    }
    return c;
  }
  if (o.size() != 1) return Invalid(where, "holds one test");
  if (auto it = kNumbers.find(key); it != kNumbers.end()) {
    c.kind = it->second;
    auto n = Number(o.at(key), where + "." + key);
    if (!n.ok()) return n.status();
    c.number = *n;
    return c;
  }
  if (key == "caps") {
    c.kind = K::kCaps;
    const json::value& caps = o.at(key);
    if (!caps.is_object()) return Invalid(where + ".caps", "must be an object");
    if (Status s = CheckKeys(caps.as_object(), {"min_letters", "ratio"}, where + ".caps"); !s.ok())
      return s;
    const json::value* letters = caps.as_object().if_contains("min_letters");
    const json::value* ratio = caps.as_object().if_contains("ratio");
    if (!letters || !ratio) return Invalid(where + ".caps", "needs min_letters and ratio");
    auto n = Number(*letters, where + ".caps.min_letters");
    if (!n.ok()) return n.status();
    c.number = *n;
    if (!ratio->is_number() || ratio->to_number<double>() <= 0 || ratio->to_number<double>() > 1)
      return Invalid(where + ".caps.ratio", "must be a number above 0, at most 1");
    c.ratio = ratio->to_number<double>();
    return c;
  }
  return Invalid(where, "unknown test \"" + key + "\"");
}

Result<std::vector<AdviceCondition>> ParseConditions(const json::value& v,
                                                     const std::string& where) {
  if (!v.is_array()) return Invalid(where, "must be a list of tests");
  std::vector<AdviceCondition> out;
  for (size_t i = 0; i < v.as_array().size(); ++i) {
    auto c = ParseCondition(v.as_array()[i], where + "[" + std::to_string(i) + "]");
    if (!c.ok()) return c.status();
    out.push_back(std::move(*c));
  }
  return out;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<AdviceRule> ParseRule(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Invalid(where, "must be an object");
  const json::object& o = v.as_object();
  if (Status s = CheckKeys(o,
                           {"id", "description", "severity", "enabled", "applies_to", "requires",
                            "all", "any", "message"},
                           where);
      !s.ok())
    return s;
  AdviceRule r;
  const json::value* id = o.if_contains("id");
  if (!id || !id->is_string() || !ValidId(id->as_string()))
    return Invalid(where + ".id", "must be lower-case letters, digits, - or _ (at most 64)");
  r.id = std::string(id->as_string());
  const std::string at = "rule " + r.id;
  if (const json::value* d = o.if_contains("description")) {
    if (!d->is_string()) return Invalid(at + ".description", "must be text");
    r.description = std::string(d->as_string());
  }
  const json::value* sev = o.if_contains("severity");
  if (!sev || !sev->is_string()) return Invalid(at + ".severity", "is info, warn or confirm");
  if (sev->as_string() == "info")
    r.severity = AdviceSeverity::kInfo;
  else if (sev->as_string() == "warn")
    r.severity = AdviceSeverity::kWarn;
  else if (sev->as_string() == "confirm")
    r.severity = AdviceSeverity::kConfirm;
  else
    return Invalid(at + ".severity", "is info, warn or confirm");
  if (const json::value* e = o.if_contains("enabled")) {
    if (!e->is_bool()) return Invalid(at + ".enabled", "is true or false");
    r.enabled = e->as_bool();
  }
  if (const json::value* a = o.if_contains("applies_to")) {
    if (!a->is_object()) return Invalid(at + ".applies_to", "must be an object");
    const json::object& ao = a->as_object();
    if (Status s = CheckKeys(ao, {"visibilities", "audience", "replies", "communities"},
                             at + ".applies_to");
        !s.ok())
      return s;
    if (const json::value* vis = ao.if_contains("visibilities")) {
      auto list = Strings(*vis, at + ".applies_to.visibilities");
      if (!list.ok()) return list.status();
      for (const std::string& x : *list)
        if (x != "public" && x != "unlisted" && x != "private" && x != "direct")
          return Invalid(at + ".applies_to.visibilities",
                         "holds public, unlisted, private or direct");
      r.visibilities = std::move(*list);
    }
    if (const json::value* au = ao.if_contains("audience")) {
      if (!au->is_string() || (au->as_string() != "any" && au->as_string() != "organization"))
        return Invalid(at + ".applies_to.audience", "is any or organization");
      r.audience = std::string(au->as_string());
    }
    if (const json::value* re = ao.if_contains("replies")) {
      static const std::set<std::string> kReplies = {"any", "only", "never", "to_manager"};
      if (!re->is_string() || !kReplies.contains(std::string(re->as_string())))
        return Invalid(at + ".applies_to.replies", "is any, only, never or to_manager");
      r.replies = std::string(re->as_string());
    }
    if (const json::value* co = ao.if_contains("communities")) {
      auto list = Strings(*co, at + ".applies_to.communities");
      if (!list.ok()) return list.status();
      r.communities = std::move(*list);
    }
  }
  if (const json::value* req = o.if_contains("requires")) {
    auto list = Strings(*req, at + ".requires");
    if (!list.ok()) return list.status();
    r.requires_settings = std::move(*list);
  }
  if (const json::value* all = o.if_contains("all")) {
    auto c = ParseConditions(*all, at + ".all");
    if (!c.ok()) return c.status();
    r.all = std::move(*c);
  }
  if (const json::value* any = o.if_contains("any")) {
    auto c = ParseConditions(*any, at + ".any");
    if (!c.ok()) return c.status();
    r.any = std::move(*c);
  }
  if (r.all.empty() && r.any.empty()) return Invalid(at, "needs a test in all or any");
  const json::value* msg = o.if_contains("message");
  if (!msg || !msg->is_object()) return Invalid(at + ".message", "must be an object by language");
  for (const auto& [lang, text] : msg->as_object()) {
    if (!text.is_string() || text.as_string().empty())
      return Invalid(at + ".message." + std::string(lang), "must be text");
    r.message[std::string(lang)] = std::string(text.as_string());
  }
  if (!r.message.contains("en")) return Invalid(at + ".message", "needs an \"en\" message");
  return r;
}

// Every "@list" a rule names must exist.
Status CheckListNames(const AdvicePack& pack) {
  for (const AdviceRule& r : pack.rules)
    for (const auto* conds : {&r.all, &r.any})
      for (const AdviceCondition& c : *conds)
        for (const std::string& e : c.entries)
          if (e.size() > 1 && e[0] == '@' && !pack.lists.contains(e.substr(1)))
            return Invalid("rule " + r.id, "names the list \"" + e.substr(1) + "\", not defined");
  return Status::Ok();
}

}  // namespace

std::string_view AdviceSeverityName(AdviceSeverity s) {
  switch (s) {
    case AdviceSeverity::kInfo:
      return "info";
    case AdviceSeverity::kWarn:
      return "warn";
    case AdviceSeverity::kConfirm:
      return "confirm";
  }
  return "info";
}

const AdviceRule* AdvicePack::Find(std::string_view id) const {
  for (const AdviceRule& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

Result<AdvicePack> ParseAdvicePack(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Invalid("the file", "is not JSON (" + ec.message() + ")");
  if (!v.is_object()) return Invalid("the file", "must be a JSON object");
  const json::object& o = v.as_object();
  if (Status s = CheckKeys(o, {"settings", "lists", "rules"}, "the file"); !s.ok()) return s;
  AdvicePack pack;
  if (const json::value* st = o.if_contains("settings")) {
    if (!st->is_object()) return Invalid("settings", "must be an object");
    for (const auto& [k, val] : st->as_object()) {
      if (!val.is_string()) return Invalid("settings." + std::string(k), "must be text");
      pack.settings[std::string(k)] = std::string(val.as_string());
    }
  }
  if (const json::value* ls = o.if_contains("lists")) {
    if (!ls->is_object()) return Invalid("lists", "must be an object");
    for (const auto& [k, val] : ls->as_object()) {
      if (!ValidId(k)) return Invalid("lists." + std::string(k), "is not a list name");
      auto words = Strings(val, "lists." + std::string(k));
      if (!words.ok()) return words.status();
      pack.lists[std::string(k)] = std::move(*words);
    }
  }
  if (const json::value* rs = o.if_contains("rules")) {
    if (!rs->is_array()) return Invalid("rules", "must be a list");
    std::set<std::string> seen;
    for (size_t i = 0; i < rs->as_array().size(); ++i) {
      auto r = ParseRule(rs->as_array()[i], "rules[" + std::to_string(i) + "]");
      if (!r.ok()) return r.status();
      if (!seen.insert(r->id).second) return Invalid("rule " + r->id, "is defined twice");
      pack.rules.push_back(std::move(*r));
    }
  }
  if (Status s = CheckListNames(pack); !s.ok()) return s;
  return pack;
}

AdvicePack MergeAdvicePacks(AdvicePack base, const AdvicePack& over) {
  for (const auto& [k, v] : over.settings) base.settings[k] = v;
  for (const auto& [k, v] : over.lists) base.lists[k] = v;
  for (const AdviceRule& r : over.rules) {
    auto it = std::find_if(base.rules.begin(), base.rules.end(),
                           [&](const AdviceRule& b) { return b.id == r.id; });
    if (it != base.rules.end())
      *it = r;
    else
      base.rules.push_back(r);
  }
  return base;
}

namespace {

// The draft as the tests read it, worked out once.
struct Text {
  const AdviceDraft& draft;
  std::vector<FoldedWord> words;        // of the status
  std::vector<FoldedWord> title_words;  // of the title
  std::vector<FoldedWord> plain_words;  // of the status, without mentions and links
  ParsedText parsed;
};

std::vector<std::vector<std::string>> Phrases(const AdvicePack& pack,
                                              const std::vector<std::string>& entries,
                                              std::vector<std::string>* shown) {
  std::vector<std::vector<std::string>> out;
  auto add = [&](const std::string& e) {
    auto p = FoldPhrase(e);
    if (p.empty()) return;
    out.push_back(std::move(p));
    shown->push_back(e);
  };
  for (const std::string& e : entries) {
    if (e.size() > 1 && e[0] == '@') {
      auto it = pack.lists.find(e.substr(1));
      if (it != pack.lists.end())
        for (const std::string& w : it->second) add(w);
    } else {
      add(e);
    }
  }
  return out;
}

bool SameWords(const std::vector<FoldedWord>& words, size_t from,
               const std::vector<std::string>& phrase) {
  if (words.size() - from < phrase.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k)
    if (words[from + k].folded != phrase[k]) return false;
  return true;
}

struct Outcome {
  bool holds = false;
  std::vector<std::pair<size_t, size_t>> spans;  // bytes of the status
  std::string match;                             // the first entry found
};

void SpanOfWords(const std::vector<FoldedWord>& words, size_t first, size_t count, Outcome* o) {
  if (count == 0) return;
  o->spans.emplace_back(words[first].begin, words[first + count - 1].end);
}

Outcome Test(const AdvicePack& pack, const AdviceCondition& c, const Text& t) {
  using K = AdviceCondition::Kind;
  Outcome o;
  const std::string& s = t.draft.status;
  switch (c.kind) {
    case K::kWords: {
      std::vector<std::string> shown;
      const auto phrases = Phrases(pack, c.entries, &shown);
      int64_t hits = 0;
      for (size_t i = 0; i < phrases.size(); ++i) {
        const auto at = FindPhrase(t.words, phrases[i]);
        const bool in_title = !FindPhrase(t.title_words, phrases[i]).empty();
        if (at.empty() && !in_title) continue;
        ++hits;
        if (o.match.empty()) o.match = shown[i];
        for (size_t first : at) SpanOfWords(t.words, first, phrases[i].size(), &o);
      }
      o.holds = hits >= c.number;
      break;
    }
    case K::kWholeText:
    case K::kStartsWith: {
      std::vector<std::string> shown;
      const auto phrases = Phrases(pack, c.entries, &shown);
      for (size_t i = 0; i < phrases.size() && !o.holds; ++i) {
        const bool whole = c.kind == K::kWholeText;
        if (whole ? t.plain_words.size() != phrases[i].size()
                  : t.plain_words.size() < phrases[i].size())
          continue;
        if (!SameWords(t.plain_words, 0, phrases[i])) continue;
        o.holds = true;
        o.match = shown[i];
        SpanOfWords(t.plain_words, 0, phrases[i].size(), &o);
      }
      break;
    }
    case K::kMaxWords:
      o.holds = static_cast<int64_t>(t.plain_words.size()) <= c.number;
      break;
    case K::kCaps: {
      LetterCase lc;
      for (const FoldedWord& w : t.plain_words) {
        const LetterCase one =
            CountLetterCase(std::string_view(s).substr(w.begin, w.end - w.begin));
        lc.cased += one.cased;
        lc.upper += one.upper;
      }
      o.holds = lc.cased >= c.number && lc.cased > 0 &&
                static_cast<double>(lc.upper) >= c.ratio * static_cast<double>(lc.cased);
      if (o.holds) o.spans.emplace_back(0, s.size());
      break;
    }
    case K::kExclamations: {
      int64_t n = 0;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '!') {
          ++n;
          o.spans.emplace_back(i, i + 1);
        } else if (s.compare(i, 3, "\xEF\xBC\x81") == 0) {  // full-width
          ++n;
          o.spans.emplace_back(i, i + 3);
        }
      }
      o.holds = n >= c.number;
      break;
    }
    case K::kLines: {
      int64_t n = 0;
      size_t start = 0;
      while (start <= s.size()) {
        size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        if (!Trim(std::string_view(s).substr(start, end - start)).empty()) ++n;
        start = end + 1;
      }
      o.holds = n >= c.number;
      break;
    }
    case K::kChars:
      o.holds = static_cast<int64_t>(CountCodePoints(s)) >= c.number;
      break;
    case K::kLinkAndChars:
      o.holds = !t.parsed.links.empty() && static_cast<int64_t>(CountCodePoints(s)) >= c.number;
      break;
    case K::kThreadReplies:
      o.holds = t.draft.is_reply && t.draft.thread_replies >= c.number;
      break;
    case K::kSharedLink:
      o.holds = t.draft.shared_days >= 0 && t.draft.shared_days <= c.number;
      if (o.holds) o.spans.emplace_back(t.draft.shared_link_begin, t.draft.shared_link_end);
      break;
  }
  return o;
}

bool Applies(const AdvicePack& pack, const AdviceRule& r, const AdviceDraft& d) {
  if (!r.enabled) return false;
  if (!r.visibilities.empty() &&
      std::find(r.visibilities.begin(), r.visibilities.end(), d.visibility) == r.visibilities.end())
    return false;
  if (r.audience == "organization" && !d.organization_wide) return false;
  if (r.replies == "only" && !d.is_reply) return false;
  if (r.replies == "never" && d.is_reply) return false;
  if (r.replies == "to_manager" && !d.reply_to_manager) return false;
  if (!r.communities.empty() &&
      std::none_of(r.communities.begin(), r.communities.end(), [&](const std::string& h) {
        return !d.community_handle.empty() && EqualsIgnoreCase(h, d.community_handle);
      }))
    return false;
  for (const std::string& name : r.requires_settings) {
    auto it = pack.settings.find(name);
    if (it == pack.settings.end() || Trim(it->second).empty()) return false;
  }
  return true;
}

std::string When(int64_t days, const std::string& lang) {
  const std::string n = std::to_string(days);
  if (lang == "de") return days == 0 ? "heute" : days == 1 ? "gestern" : "vor " + n + " Tagen";
  if (lang == "fr")
    return days == 0 ? "aujourd'hui" : days == 1 ? "hier" : "il y a " + n + " jours";
  if (lang == "es") return days == 0 ? "hoy" : days == 1 ? "ayer" : "hace " + n + " días";
  return days == 0 ? "today" : days == 1 ? "yesterday" : n + " days ago";
}

std::string Fill(const std::string& tmpl, const AdvicePack& pack, const AdviceDraft& d,
                 const std::string& match, const std::string& lang) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    const size_t close = open == std::string::npos ? open : tmpl.find('}', open);
    if (close == std::string::npos) {
      out.append(tmpl, i);
      break;
    }
    out.append(tmpl, i, open - i);
    const std::string key = tmpl.substr(open + 1, close - open - 1);
    if (key == "match")
      out += match;
    else if (key == "name")
      out += d.shared_by;
    else if (key == "when")
      out += When(d.shared_days, lang);
    else if (key == "url")
      out += d.shared_url;
    else if (auto it = pack.settings.find(key); it != pack.settings.end())
      out += it->second;
    else
      out.append(tmpl, open, close - open + 1);
    i = close + 1;
  }
  return out;
}

}  // namespace

std::vector<AdviceItem> EvaluateAdvice(const AdvicePack& pack, const AdviceDraft& draft) {
  Text t{draft,
         FoldedWords(draft.status),
         FoldedWords(draft.title),
         {},
         ParseStatusText(draft.status)};
  // Mentions and links are not what a person "says": leave them out of
  // whole-text and opening tests.
  for (const FoldedWord& w : t.words) {
    auto inside = [&](size_t b, size_t e) { return w.begin >= b && w.end <= e; };
    const bool skip =
        std::any_of(t.parsed.mentions.begin(), t.parsed.mentions.end(),
                    [&](const MentionToken& m) { return inside(m.span.begin, m.span.end); }) ||
        std::any_of(t.parsed.links.begin(), t.parsed.links.end(),
                    [&](const LinkToken& l) { return inside(l.span.begin, l.span.end); });
    if (!skip) t.plain_words.push_back(w);
  }
  std::vector<AdviceItem> out;
  for (const AdviceRule& r : pack.rules) {
    if (!Applies(pack, r, draft)) continue;
    std::vector<std::pair<size_t, size_t>> spans;
    std::string match;
    bool holds = true;
    for (const AdviceCondition& c : r.all) {
      Outcome o = Test(pack, c, t);
      if (!o.holds) {
        holds = false;
        break;
      }
      spans.insert(spans.end(), o.spans.begin(), o.spans.end());
      if (match.empty()) match = o.match;
    }
    if (!holds) continue;
    if (!r.any.empty()) {
      bool one = false;
      for (const AdviceCondition& c : r.any) {
        Outcome o = Test(pack, c, t);
        if (!o.holds) continue;
        one = true;
        spans.insert(spans.end(), o.spans.begin(), o.spans.end());
        if (match.empty()) match = o.match;
        break;
      }
      if (!one) continue;
    }
    AdviceItem item;
    item.rule = r.id;
    item.severity = r.severity;
    auto msg = r.message.find(draft.language);
    const std::string lang = msg == r.message.end() ? "en" : draft.language;
    if (msg == r.message.end()) msg = r.message.find("en");
    item.message = Fill(msg->second, pack, draft, match, lang);
    std::sort(spans.begin(), spans.end());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    for (const auto& [b, e] : spans)
      item.spans.push_back(AdviceSpan{Utf16Offset(draft.status, b), Utf16Offset(draft.status, e)});
    for (const AdviceCondition& c : r.all)
      if (c.kind == AdviceCondition::Kind::kSharedLink) {
        item.url = draft.shared_url;
        item.status_id = draft.shared_status_id;
      }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace atrium
