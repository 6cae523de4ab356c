#include "api/mastodon/account_serializer.h"

#include "base/clock.h"
#include "base/text.h"

namespace atrium::api {

std::string PlainTextToHtml(const std::string& text) {
  if (text.empty()) return "";
  std::string out = "<p>";
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "\n\n") == 0) {
      out += "</p><p>";
      while (i < text.size() && text[i] == '\n') ++i;
      continue;
    }
    if (text[i] == '\n') {
      out += "<br />";
    } else if (text[i] != '\r') {
      out += HtmlEscape(std::string_view(&text[i], 1));
    }
    ++i;
  }
  out += "</p>";
  return out;
}

static void WriteAccountFields(JsonWriter& w, const Account& a, const std::string& base_url) {
  const std::string url = base_url + "/@" + a.username;
  const std::string avatar = base_url + "/avatars/original/missing.png";
  const std::string header = base_url + "/headers/original/missing.png";
  w.Field("id", std::to_string(a.id))
      .Field("username", a.username)
      .Field("acct", a.username)
      .Field("display_name", a.display_name)
      .Field("locked", a.locked)
      .Field("bot", false)
      .Field("discoverable", true)
      .Field("indexable", false)
      .Field("group", false)
      .Field("created_at", FormatIso8601(a.created_at))
      .Field("note", PlainTextToHtml(a.note))
      .Field("url", url)
      .Field("uri", url)
      .Field("avatar", avatar)
      .Field("avatar_static", avatar)
      .Field("header", header)
      .Field("header_static", header)
      .Field("followers_count", 0)
      .Field("following_count", 0)
      .Field("statuses_count", 0);
  w.Key("last_status_at").Null();
  w.Field("hide_collections", false);
  w.Field("noindex", true);
  w.Key("emojis").BeginArray().EndArray();
  w.Key("roles").BeginArray().EndArray();
  w.Key("fields").BeginArray().EndArray();
  if (!a.active) w.Field("suspended", true);
}

void WriteAccount(JsonWriter& w, const Account& a, const std::string& base_url) {
  w.BeginObject();
  WriteAccountFields(w, a, base_url);
  w.EndObject();
}

static void WriteRole(JsonWriter& w, const std::string& role) {
  // Mastodon's permission bits: 1 administrator, 0x10 manage reports, 0x400 manage users.
  int id = role == kRoleAdmin ? 3 : role == kRoleModerator ? 1 : -99;
  int permissions = role == kRoleAdmin ? 1 : role == kRoleModerator ? (0x10 | 0x400) : 0;
  std::string name = role == kRoleAdmin ? "Admin" : role == kRoleModerator ? "Moderator" : "";
  w.Key("role").BeginObject()
      .Field("id", std::to_string(id))
      .Field("name", name)
      .Field("permissions", std::to_string(permissions))
      .Field("color", "")
      .Field("highlighted", role != kRoleMember)
      .EndObject();
}

void WriteCredentialAccount(JsonWriter& w, const Account& a, const std::string& base_url) {
  w.BeginObject();
  WriteAccountFields(w, a, base_url);
  w.Key("source").BeginObject()
      .Field("privacy", "public")
      .Field("sensitive", false)
      .Field("language", "")
      .Field("note", a.note)
      .Key("fields").BeginArray().EndArray()
      .Field("follow_requests_count", 0)
      .Field("hide_collections", false)
      .Field("discoverable", true)
      .Field("indexable", false)
      .Field("quote_policy", "public")
      .EndObject();
  WriteRole(w, a.role);
  w.EndObject();
}

std::string AccountJson(const Account& account, const std::string& base_url) {
  JsonWriter w;
  WriteAccount(w, account, base_url);
  return w.Take();
}

std::string CredentialAccountJson(const Account& account, const std::string& base_url) {
  JsonWriter w;
  WriteCredentialAccount(w, account, base_url);
  return w.Take();
}

}  // namespace atrium::api
