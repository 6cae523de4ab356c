// JsonWriter: writes JSON text straight into a string, with no document
// object in between. Entities on hot paths (statuses, accounts) are written
// with it once and their bytes cached.
//
// Usage: w.BeginObject().Field("id", IdString(7)).Key("tags").BeginArray()...
// The writer inserts commas; the caller keeps objects and arrays balanced.
// Strings must be valid UTF-8 (validated where input enters the system).
// Not thread-safe; one writer per thread of work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atrium {

// Appends `s` to `out` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view s);

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(256); }

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view v);
  JsonWriter& Int(int64_t v);
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // An id: a decimal string, as Mastodon sends ids.
  JsonWriter& Id(int64_t v);
  // An id, or null when `v` is 0.
  JsonWriter& IdOrNull(int64_t v);
  // Text that is already JSON (a cached entity), inserted as one value.
  JsonWriter& Raw(std::string_view json);
  // Members already written as JSON ("a":1,"b":2, without braces), added to
  // the object being written. Empty `members` adds nothing.
  JsonWriter& RawMembers(std::string_view members);
  // The members written so far into a top-level object begun with
  // BeginObject(), without its braces; for building RawMembers fragments.
  std::string TakeMembers();
  // A string, or null when empty.
  JsonWriter& StringOrNull(std::string_view v);

  template <typename T>
  JsonWriter& Field(std::string_view key, const T& v) {
    Key(key);
    return Value(v);
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Value(std::string_view v) { return String(v); }
  JsonWriter& Value(const std::string& v) { return String(v); }
  JsonWriter& Value(const char* v) { return String(v); }
  JsonWriter& Value(bool v) { return Bool(v); }
  JsonWriter& Value(int v) { return Int(v); }
  JsonWriter& Value(int64_t v) { return Int(v); }
  JsonWriter& Value(double v) { return Double(v); }

  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void BeforeValue();

  std::string out_;
  // Bit i set: the container at depth i already has an element.
  uint64_t has_element_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace atrium
