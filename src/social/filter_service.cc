#include "social/filter_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/clock.h"
#include "base/text.h"
#include "base/word_match.h"

namespace atrium {
namespace {

constexpr std::string_view kContextNames[] = {"home", "notifications", "public", "thread",
                                              "account"};
constexpr std::string_view kActionNames[] = {"warn", "hide", "blur"};
// The longest end a filter may be given: about ten years.
constexpr int64_t kMaxExpiresInSeconds = 10LL * 366 * 24 * 3600;

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool Has(const std::vector<FilterContext>& contexts, FilterContext c) {
  return std::find(contexts.begin(), contexts.end(), c) != contexts.end();
}

// The text a post is matched by: what a reader sees of it.
std::string Haystack(const StatusRecord& s) {
  std::string out = s.spoiler_text;
  auto add = [&out](const std::string& part) {
    if (part.empty()) return;
    out += '\n';
    out += part;
  };
  add(s.title);
  add(s.text);
  if (s.poll)
    for (const std::string& option : s.poll->options) add(option);
  for (const MediaRecord& m : s.media) add(m.description);
  return out;
}

}  // namespace

std::string_view FilterContextName(FilterContext context) {
  return kContextNames[static_cast<int>(context)];
}

std::optional<FilterContext> ParseFilterContext(std::string_view name) {
  for (size_t i = 0; i < std::size(kContextNames); ++i)
    if (kContextNames[i] == name) return static_cast<FilterContext>(i);
  return std::nullopt;
}

std::string_view FilterActionName(FilterAction action) {
  return kActionNames[static_cast<int>(action)];
}

std::optional<FilterAction> ParseFilterAction(std::string_view name) {
  for (size_t i = 0; i < std::size(kActionNames); ++i)
    if (kActionNames[i] == name) return static_cast<FilterAction>(i);
  return std::nullopt;
}

Result<std::vector<FilterRecord>> FilterService::List(int64_t account) {
  auto rules = core_.filters.Get(account);
  if (!rules.ok()) return rules.status();
  return (*rules)->filters;
}

Result<FilterRecord> FilterService::Get(int64_t account, int64_t id) {
  auto rules = core_.filters.Get(account);
  if (!rules.ok()) return rules.status();
  for (const FilterRecord& f : (*rules)->filters)
    if (f.id == id) return f;
  return Status::NotFound();
}

Status FilterService::CheckKeyword(const std::string& keyword) {
  if (!IsValidUtf8(keyword))
    return Status::Unprocessable("Validation failed: Keyword is not UTF-8");
  if (Blank(keyword)) return Status::Unprocessable("Validation failed: Keyword can't be blank");
  if (CountCodePoints(keyword) > static_cast<size_t>(kMaxKeywordChars))
    return Status::Unprocessable(fmt::format(
        "Validation failed: Keyword is too long (at most {} characters)", kMaxKeywordChars));
  if (FoldPhrase(keyword).empty())
    return Status::Unprocessable(
        "Validation failed: Keyword must contain a letter or a digit (words are matched)");
  return Status::Ok();
}

Status FilterService::Apply(FilterRecord& f, const FilterChange& change) {
  if (change.title) {
    if (!IsValidUtf8(*change.title))
      return Status::Unprocessable("Validation failed: Title is not UTF-8");
    if (Blank(*change.title))
      return Status::Unprocessable("Validation failed: Title can't be blank");
    if (CountCodePoints(*change.title) > static_cast<size_t>(kMaxTitleChars))
      return Status::Unprocessable(fmt::format(
          "Validation failed: Title is too long (at most {} characters)", kMaxTitleChars));
    f.title = *change.title;
  }
  if (change.contexts) {
    std::vector<FilterContext> contexts;
    for (FilterContext c : *change.contexts)
      if (!Has(contexts, c)) contexts.push_back(c);
    if (contexts.empty()) return Status::Unprocessable("Validation failed: Context can't be blank");
    f.contexts = std::move(contexts);
  }
  if (change.action) f.action = *change.action;
  if (change.expires_in) {
    if (*change.expires_in < 0 || *change.expires_in > kMaxExpiresInSeconds)
      return Status::Unprocessable(
          "Validation failed: expires_in must be a number of seconds from 1 to ten years");
    f.expires_at = *change.expires_in == 0 ? 0 : NowMillis() + *change.expires_in * 1000;
  }
  for (const KeywordChange& k : change.keywords) {
    if (k.id == 0) {
      if (k.destroy) continue;
      if (!k.keyword) return Status::Unprocessable("Validation failed: Keyword can't be blank");
      if (Status st = CheckKeyword(*k.keyword); !st.ok()) return st;
      f.keywords.push_back({core_.ids.Next(), *k.keyword, k.whole_word.value_or(true)});
      continue;
    }
    auto it = std::find_if(f.keywords.begin(), f.keywords.end(),
                           [&](const FilterKeywordRecord& r) { return r.id == k.id; });
    if (it == f.keywords.end())
      return Status::Unprocessable(
          fmt::format("Validation failed: keyword {} is not one of this filter's", k.id));
    if (k.destroy) {
      f.keywords.erase(it);
      continue;
    }
    if (k.keyword) {
      if (Status st = CheckKeyword(*k.keyword); !st.ok()) return st;
      it->keyword = *k.keyword;
    }
    if (k.whole_word) it->whole_word = *k.whole_word;
  }
  if (f.keywords.size() > static_cast<size_t>(kMaxRulesPerFilter))
    return Status::Unprocessable(
        fmt::format("Validation failed: a filter has at most {} keywords", kMaxRulesPerFilter));
  return Status::Ok();
}

Result<FilterRecord> FilterService::Create(int64_t account, const FilterChange& change) {
  if (!change.title) return Status::Unprocessable("Validation failed: Title can't be blank");
  if (!change.contexts) return Status::Unprocessable("Validation failed: Context can't be blank");
  auto rules = core_.filters.Get(account);
  if (!rules.ok()) return rules.status();
  if ((*rules)->filters.size() >= static_cast<size_t>(kMaxFilters))
    return Status::Unprocessable(
        fmt::format("Validation failed: a member has at most {} filters", kMaxFilters));
  FilterRecord f;
  f.id = core_.ids.Next();
  f.account_id = account;
  f.created_at = NowMillis();
  if (Status st = Apply(f, change); !st.ok()) return st;
  Status st = core_.store.filters().Create(f);
  core_.filters.Invalidate(account);
  if (!st.ok()) return st;
  return f;
}

Result<FilterRecord> FilterService::Update(int64_t account, int64_t id,
                                           const FilterChange& change) {
  auto f = Get(account, id);
  if (!f.ok()) return f.status();
  if (Status st = Apply(*f, change); !st.ok()) return st;
  Status st = core_.store.filters().Update(*f);
  core_.filters.Invalidate(account);
  if (!st.ok()) return st;
  return f;
}

Status FilterService::Delete(int64_t account, int64_t id) {
  Status st = core_.store.filters().Delete(account, id);
  core_.filters.Invalidate(account);
  return st;
}

Result<FilterService::KeywordRef> FilterService::GetKeyword(int64_t account, int64_t keyword_id) {
  auto rules = core_.filters.Get(account);
  if (!rules.ok()) return rules.status();
  for (const FilterRecord& f : (*rules)->filters)
    for (const FilterKeywordRecord& k : f.keywords)
      if (k.id == keyword_id) return KeywordRef{f, k};
  return Status::NotFound();
}

Result<FilterKeywordRecord> FilterService::AddKeyword(int64_t account, int64_t filter_id,
                                                      const KeywordChange& keyword) {
  FilterChange change;
  KeywordChange add = keyword;
  add.id = 0;
  add.destroy = false;
  change.keywords.push_back(add);
  auto f = Update(account, filter_id, change);
  if (!f.ok()) return f.status();
  return f->keywords.back();
}

Result<FilterKeywordRecord> FilterService::UpdateKeyword(int64_t account, int64_t keyword_id,
                                                         const KeywordChange& keyword) {
  auto ref = GetKeyword(account, keyword_id);
  if (!ref.ok()) return ref.status();
  FilterChange change;
  KeywordChange edit = keyword;
  edit.id = keyword_id;
  edit.destroy = false;
  change.keywords.push_back(edit);
  auto f = Update(account, ref->filter.id, change);
  if (!f.ok()) return f.status();
  for (const FilterKeywordRecord& k : f->keywords)
    if (k.id == keyword_id) return k;
  return Status::NotFound();
}

Status FilterService::DeleteKeyword(int64_t account, int64_t keyword_id) {
  auto ref = GetKeyword(account, keyword_id);
  if (!ref.ok()) return ref.status();
  FilterChange change;
  KeywordChange gone;
  gone.id = keyword_id;
  gone.destroy = true;
  change.keywords.push_back(gone);
  return Update(account, ref->filter.id, change).status();
}

Result<FilterService::StatusRef> FilterService::GetStatus(int64_t account,
                                                          int64_t filter_status_id) {
  auto rules = core_.filters.Get(account);
  if (!rules.ok()) return rules.status();
  for (const FilterRecord& f : (*rules)->filters)
    for (const FilterStatusRecord& s : f.statuses)
      if (s.id == filter_status_id) return StatusRef{f, s};
  return Status::NotFound();
}

Result<FilterStatusRecord> FilterService::AddStatus(const Viewer& viewer, int64_t filter_id,
                                                    int64_t status_id) {
  auto f = Get(viewer.account_id, filter_id);
  if (!f.ok()) return f.status();
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  // A repost is filtered as its original.
  const int64_t target = post->original ? post->original->id : post->status->id;
  for (const FilterStatusRecord& s : f->statuses)
    if (s.status_id == target)
      return Status::Unprocessable("Validation failed: Status has already been taken");
  if (f->statuses.size() >= static_cast<size_t>(kMaxRulesPerFilter))
    return Status::Unprocessable(
        fmt::format("Validation failed: a filter has at most {} posts", kMaxRulesPerFilter));
  FilterStatusRecord added{core_.ids.Next(), target};
  f->statuses.push_back(added);
  Status st = core_.store.filters().Update(*f);
  core_.filters.Invalidate(viewer.account_id);
  if (!st.ok()) return st;
  return added;
}

Status FilterService::DeleteStatus(int64_t account, int64_t filter_status_id) {
  auto ref = GetStatus(account, filter_status_id);
  if (!ref.ok()) return ref.status();
  FilterRecord f = ref->filter;
  std::erase_if(f.statuses, [&](const FilterStatusRecord& s) { return s.id == filter_status_id; });
  Status st = core_.store.filters().Update(f);
  core_.filters.Invalidate(account);
  return st;
}

Status FilterService::MuteThread(const Viewer& viewer, int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  const StatusRecord& s = post->original ? *post->original : *post->status;
  Status st = core_.store.filters().MuteThread(viewer.account_id, core_.ThreadOf(s));
  core_.filters.Invalidate(viewer.account_id);
  return st;
}

Status FilterService::UnmuteThread(const Viewer& viewer, int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  const StatusRecord& s = post->original ? *post->original : *post->status;
  Status st = core_.store.filters().UnmuteThread(viewer.account_id, core_.ThreadOf(s));
  core_.filters.Invalidate(viewer.account_id);
  return st;
}

bool FilterService::Personal(int64_t reader, int64_t now) {
  auto rules = core_.filters.Get(reader);
  // Unknown: treat as personal, so that nothing shared is served for it.
  if (!rules.ok()) return true;
  return (*rules)->AnyFilterAt(now) || !(*rules)->muted_threads.empty();
}

FilterVerdict FilterService::Check(const ReaderFilters& rules, int64_t reader,
                                   FilterContext context, const StatusRecord& post, int64_t now) {
  FilterVerdict out;
  if (!rules.AnyFilterAt(now) || post.account_id == reader) return out;
  std::optional<std::vector<FoldedWord>> words;  // folded once, when a keyword needs it
  std::optional<std::string> joined;
  for (size_t i = 0; i < rules.filters.size(); ++i) {
    const FilterRecord& f = rules.filters[i];
    if (f.expires_at != 0 && f.expires_at <= now) continue;
    if (!Has(f.contexts, context)) continue;
    FilterMatch match;
    match.filter = &f;
    for (const FilterStatusRecord& s : f.statuses)
      if (s.status_id == post.id) match.status_matches.push_back(s.status_id);
    for (size_t k = 0; k < f.keywords.size(); ++k) {
      const FoldedKeyword& folded = rules.folded[i][k];
      if (folded.words.empty()) continue;
      if (!words) {
        words = FoldedWords(Haystack(post));
        joined.emplace();
        for (const FoldedWord& w : *words) *joined += " " + w.folded;
        *joined += " ";
      }
      const bool found = f.keywords[k].whole_word
                             ? !FindPhrase(*words, folded.words).empty()
                             : joined->find(folded.joined) != std::string::npos;
      if (found) match.keyword_matches.push_back(f.keywords[k].keyword);
    }
    if (match.keyword_matches.empty() && match.status_matches.empty()) continue;
    if (f.action == FilterAction::kHide) out.hide = true;
    out.matches.push_back(std::move(match));
  }
  return out;
}

}  // namespace atrium
