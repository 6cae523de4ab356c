// Advice rule packs: the organization's posting guidance as data. A pack is
// a JSON document (its format: docs/ADVICE.md) of settings, word lists and
// rules; each rule says which drafts it applies to (visibility, audience,
// replies, communities), what it looks for (word lists with Unicode-aware
// word boundaries, phrases, the whole text or its opening, capitals,
// exclamation marks, lines, length, a link already shared) and what to say,
// per language. Evaluation is pure and local: no text leaves the process.
// Values; safe to share read-only between threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

enum class AdviceSeverity { kInfo, kWarn, kConfirm };
std::string_view AdviceSeverityName(AdviceSeverity s);

// One test a rule makes of a draft.
struct AdviceCondition {
  enum class Kind {
    kWords,          // at least `number` distinct entries occur as whole words
    kWholeText,      // the draft's words (mentions, links left out) are one entry
    kStartsWith,     // the draft opens with an entry
    kMaxWords,       // at most `number` words
    kCaps,           // at least `number` letters, `ratio` of them capitals
    kExclamations,   // at least `number` exclamation marks
    kLines,          // at least `number` lines that are not blank
    kChars,          // at least `number` characters
    kLinkAndChars,   // a link and at least `number` characters
    kThreadReplies,  // a reply to a post with at least `number` replies
    kSharedLink,     // a link someone shared in the last `number` days
  };
  Kind kind = Kind::kWords;
  // Words and phrases; "@name" stands for the pack's list `name`.
  std::vector<std::string> entries;
  int64_t number = 1;
  double ratio = 0;
};

struct AdviceRule {
  std::string id;
  std::string description;
  AdviceSeverity severity = AdviceSeverity::kInfo;
  bool enabled = true;
  // Which drafts: visibilities (empty: any); audience "any" or
  // "organization" (everyone in it may see the post); replies "any",
  // "only", "never" or "to_manager" (a reply to someone in the writer's
  // management chain); community handles (empty: any, or none).
  std::vector<std::string> visibilities;
  std::string audience = "any";
  std::string replies = "any";
  std::vector<std::string> communities;
  // Pack settings that must be set for the rule to apply.
  std::vector<std::string> requires_settings;
  std::vector<AdviceCondition> all;  // every one must hold
  std::vector<AdviceCondition> any;  // and one of these, when there are any
  // The message per language ("en" always); {setting}, {match}, {name},
  // {when} and {url} are filled in.
  std::map<std::string, std::string> message;
};

struct AdvicePack {
  std::map<std::string, std::string> settings;
  std::map<std::string, std::vector<std::string>> lists;
  std::vector<AdviceRule> rules;
  const AdviceRule* Find(std::string_view id) const;
};

// Parses a pack; a clear kInvalidArgument naming the place on any error
// (unknown keys included, so a misspelt key is never silently ignored).
Result<AdvicePack> ParseAdvicePack(std::string_view json);
// The organization's posting guidance, built in (docs/ADVICE.md shows it).
std::string_view DefaultAdvicePackJson();
// `base` with `over` laid on: settings and lists by name, rules by id
// (a rule of `over` with a known id replaces it, others are added).
AdvicePack MergeAdvicePacks(AdvicePack base, const AdvicePack& over);

// What the advisor learned about a draft, for the rules to test.
struct AdviceDraft {
  std::string status;
  std::string title;
  std::string visibility;          // public, unlisted, private, direct
  bool organization_wide = false;  // everyone in the organization may see it
  std::string community_handle;    // empty: not in a community
  bool is_reply = false;
  bool reply_to_manager = false;
  int64_t thread_replies = 0;  // the replies the answered post has
  std::string language = "en";
  // A link of the draft someone shared recently (shared_days < 0: none).
  int64_t shared_days = -1;
  std::string shared_by;
  std::string shared_url;  // the earlier post's address
  int64_t shared_status_id = 0;
  size_t shared_link_begin = 0;  // the link in `status`, bytes
  size_t shared_link_end = 0;
};

// A span of the draft's `status` in UTF-16 code units (as JavaScript
// indexes a string).
struct AdviceSpan {
  size_t start = 0;
  size_t end = 0;
};

struct AdviceItem {
  std::string rule;
  std::string message;
  AdviceSeverity severity = AdviceSeverity::kInfo;
  std::vector<AdviceSpan> spans;
  std::string url;        // where the advice points (the earlier post)
  int64_t status_id = 0;  // the earlier post, for the shared-link rule
};

// The advice `pack` gives on `draft`: one item per enabled rule that
// applies and holds, in the pack's order.
std::vector<AdviceItem> EvaluateAdvice(const AdvicePack& pack, const AdviceDraft& draft);

}  // namespace atrium
