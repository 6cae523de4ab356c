// PreferenceService: a member's own settings kept on the account — the
// language of the web client's interface and Mastodon's posting defaults
// (visibility, sensitive media, language), which POST /api/v1/statuses uses
// when a post does not say. Holds no state of its own: cheap to make for a
// request over the store, and safe for concurrent use as the store is.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace atrium {

class Store;
class PreferenceStore;

struct MemberPreferences {
  std::optional<std::string> interface_language;  // a BCP 47 tag; nullopt: the browser's
  std::string posting_visibility = "public";      // public, unlisted or private
  bool posting_sensitive = false;
  std::optional<std::string> posting_language;  // ISO 639-1; nullopt: none
};

// Changes to the posting defaults; what is nullopt stays as it is.
struct PostingDefaultsChange {
  std::optional<std::string> visibility;
  std::optional<bool> sensitive;
  std::optional<std::string> language;  // "" clears
};

class PreferenceService {
 public:
  explicit PreferenceService(Store& store);
  ~PreferenceService();

  // The member's preferences, defaults where nothing is stored.
  Result<MemberPreferences> Of(int64_t account_id);
  // Stores the interface language: a well-formed BCP 47 tag (language of 2-3
  // letters, optional script and region, at most 35 characters; stored in
  // canonical case, "pt-br" as "pt-BR") or "" to follow the browser. Anything
  // else: kUnprocessable naming `language`, nothing changed.
  Result<MemberPreferences> SetInterfaceLanguage(int64_t account_id, std::string_view language);
  // Stores the posting defaults in `change` after checking all of them
  // (kUnprocessable naming the first wrong one, nothing changed).
  Result<MemberPreferences> SetPostingDefaults(int64_t account_id,
                                               const PostingDefaultsChange& change);

  // OK if SetPostingDefaults would take `change`, else what it would answer.
  static Status CheckPostingDefaults(const PostingDefaultsChange& change);
  // `tag` in canonical case if it is a language tag this service takes.
  static std::optional<std::string> CanonicalLanguageTag(std::string_view tag);
  // The languages a post may be written in (ISO 639-1 code, English name),
  // as /api/v1/instance/languages lists them.
  static std::span<const std::pair<const char*, const char*>> PostingLanguages();

 private:
  std::unique_ptr<PreferenceStore> store_;
};

}  // namespace atrium
