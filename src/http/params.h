// Params: the parameters of a request, from its query string and its body
// (application/json, application/x-www-form-urlencoded or
// multipart/form-data), as one list of name -> text values.
//
// Mastodon clients send the same parameter in any of these forms, so the
// API reads them in one way. JSON is flattened the way Rails reads forms:
// {"a": [1, 2]} becomes a[]=1, a[]=2; {"s": {"p": "x"}} becomes s[p]=x;
// true and false become "true" and "false"; null is left out. An empty
// JSON array has no value to flatten into, so it is remembered by name
// (empty_lists(), GetList): {"media_ids": []} says "none", which is not
// the same as leaving media_ids out. A form says the same with `name[]=`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "http/message.h"

namespace atrium::http {

struct UploadedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

class Params {
 public:
  // Parses the query string and the body. Returns 400 naming the problem for
  // malformed JSON, bad percent-escapes, invalid UTF-8 or a broken multipart
  // body, and 415 for a body of a media type it does not read.
  static Result<Params> Parse(const Request& request);
  // Parses only a query string or a urlencoded form.
  static Result<Params> ParseForm(std::string_view text);

  // The last value named `name`, if any.
  std::optional<std::string> Get(std::string_view name) const;
  // The value, or `fallback` if absent.
  std::string GetOr(std::string_view name, std::string_view fallback) const;
  // Every value of `name[]` (and of plain `name`), in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  // The values of the list `name` (as GetAll) when the request names it at
  // all — by a value of `name` or `name[]`, or as an empty JSON array (then
  // the list is empty); nullopt when the request leaves it out.
  std::optional<std::vector<std::string>> GetList(std::string_view name) const;
  bool Has(std::string_view name) const;
  // A decimal integer from `min` to `max`: nullopt when absent or empty;
  // 422 naming the parameter for anything else (not a number, trailing
  // characters, out of the range, too large for 64 bits).
  Result<std::optional<int64_t>> GetInt(std::string_view name, int64_t min, int64_t max) const;
  // Parses a boolean the way Rails does ("true", "1", "on" ...). Absent:
  // nullopt. Anything else: nullopt too, with *bad set to true.
  std::optional<bool> GetBool(std::string_view name, bool* bad = nullptr) const;
  const std::vector<UploadedFile>& files() const { return files_; }
  const std::vector<std::pair<std::string, std::string>>& all() const { return values_; }
  // The names of the lists sent as empty JSON arrays, flattened like the
  // values' names ("media_ids[]", "s[tags][]"): they have no entry in all().
  const std::vector<std::string>& empty_lists() const { return empty_lists_; }

  void Add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }

 private:
  Status AddForm(std::string_view text);
  Status AddJson(std::string_view text);
  Status AddMultipart(const std::string& body, std::string_view content_type);

  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<UploadedFile> files_;
  std::vector<std::string> empty_lists_;
};

}  // namespace atrium::http
