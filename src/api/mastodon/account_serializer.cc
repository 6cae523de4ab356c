#include "api/mastodon/account_serializer.h"

#include <iterator>

#include "api/mastodon/custom_emoji_serializer.h"
#include "base/clock.h"
#include "base/text.h"
#include "social/account_service.h"

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

// A profile item's value as HTML: escaped, and a link if it is one.
static std::string FieldValueHtml(const std::string& value) {
  if (value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0) {
    if (value.find_first_of(" \t\n\"<>") == std::string::npos) {
      std::string shown = value.substr(value.find("://") + 3);
      return "<a href=\"" + HtmlEscape(value) +
             "\" target=\"_blank\" rel=\"nofollow noopener noreferrer me\">" + HtmlEscape(shown) +
             "</a>";
    }
  }
  return HtmlEscape(value);
}

static void WriteAccountFields(JsonWriter& w, const AccountSnapshot& snap,
                               const std::string& base_url, ProfileView view,
                               const CustomEmojiCatalog* emojis) {
  const Account& a = snap.account;
  const bool full = view == ProfileView::kFull;
  const std::string url = base_url + "/@" + a.username;
  const std::string avatar = a.avatar.empty() ? base_url + "/avatars/original/missing.png"
                                              : base_url + "/media/avatars/" + a.avatar;
  // The header image is the person's own addition: not in the org chart's view.
  const std::string header = a.header.empty() || !full ? base_url + "/headers/original/missing.png"
                                                       : base_url + "/media/headers/" + a.header;
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
      .Field("note", full ? a.note_html : std::string())
      .Field("url", url)
      .Field("uri", url)
      .Field("avatar", avatar)
      .Field("avatar_static", avatar)
      .Field("header", header)
      .Field("header_static", header)
      .Field("followers_count", full ? snap.followers_count : 0)
      .Field("following_count", full ? snap.following_count : 0)
      .Field("statuses_count", full ? snap.statuses_count : 0);
  if (full && snap.last_status_at)
    w.Field("last_status_at", FormatDate(snap.last_status_at));
  else
    w.Key("last_status_at").Null();
  w.Field("hide_collections", false);
  w.Field("noindex", true);
  if (emojis != nullptr && !emojis->all().empty())
    WriteEmojisUsed(w, emojis, AccountEmojiShortcodes(a, full), base_url);
  else
    w.Key("emojis").BeginArray().EndArray();
  w.Key("roles").BeginArray().EndArray();
  // Mastodon apps show `fields` on a profile: the work information from the
  // directory first, then the person's own items (links rendered as links).
  // The org chart's view has the title and department only.
  w.Key("fields").BeginArray();
  const std::pair<const char*, const std::string*> work[] = {{"Title", &a.title},
                                                             {"Department", &a.department},
                                                             {"Location", &a.location},
                                                             {"Phone", &a.phone}};
  const size_t shown_work = full ? std::size(work) : 2;
  for (size_t i = 0; i < shown_work; ++i) {
    const auto& [name, value] = work[i];
    if (!value->empty())
      w.BeginObject()
          .Field("name", name)
          .Field("value", HtmlEscape(*value))
          .Key("verified_at")
          .Null()
          .EndObject();
  }
  if (full)
    for (const auto& f : snap.fields)
      w.BeginObject()
          .Field("name", f.name)
          .Field("value", FieldValueHtml(f.value))
          .Key("verified_at")
          .Null()
          .EndObject();
  w.EndArray();
  if (!a.active) w.Field("suspended", true);
}

void WriteAccount(JsonWriter& w, const AccountSnapshot& a, const std::string& base_url,
                  ProfileView view, const CustomEmojiCatalog* emojis) {
  w.BeginObject();
  WriteAccountFields(w, a, base_url, view, emojis);
  w.EndObject();
}

static void WriteRole(JsonWriter& w, const std::string& role) {
  // Mastodon's permission bits: 1 administrator, 0x10 manage reports, 0x400 manage users.
  int id = role == kRoleAdmin ? 3 : role == kRoleModerator ? 1 : -99;
  int permissions = role == kRoleAdmin ? 1 : role == kRoleModerator ? (0x10 | 0x400) : 0;
  std::string name = role == kRoleAdmin ? "Admin" : role == kRoleModerator ? "Moderator" : "";
  w.Key("role")
      .BeginObject()
      .Field("id", std::to_string(id))
      .Field("name", name)
      .Field("permissions", std::to_string(permissions))
      .Field("color", "")
      .Field("highlighted", role != kRoleMember)
      .EndObject();
}

void WriteCredentialAccount(JsonWriter& w, const AccountSnapshot& snap,
                            int64_t follow_requests_count, const std::string& base_url,
                            const CustomEmojiCatalog* emojis, const MemberPreferences* prefs) {
  const Account& a = snap.account;
  const MemberPreferences defaults;
  if (prefs == nullptr) prefs = &defaults;
  w.BeginObject();
  WriteAccountFields(w, snap, base_url, ProfileView::kFull, emojis);
  w.Key("source")
      .BeginObject()
      .Field("privacy", prefs->posting_visibility)
      .Field("sensitive", prefs->posting_sensitive)
      .Field("language", prefs->posting_language.value_or(""))
      .Field("note", a.note)
      .Key("fields")
      .BeginArray();
  for (const auto& f : snap.fields)
    w.BeginObject()
        .Field("name", f.name)
        .Field("value", f.value)
        .Key("verified_at")
        .Null()
        .EndObject();
  w.EndArray()
      .Field("follow_requests_count", follow_requests_count)
      .Field("follow_approval", FollowApprovalName(FollowApprovalOf(a)))
      .Field("hide_collections", false)
      .Field("discoverable", true)
      .Field("indexable", false)
      .Field("quote_policy", "public")
      .EndObject();
  WriteRole(w, a.role);
  w.EndObject();
}

std::string AccountJson(const AccountSnapshot& account, const std::string& base_url,
                        ProfileView view, const CustomEmojiCatalog* emojis) {
  JsonWriter w;
  WriteAccount(w, account, base_url, view, emojis);
  return w.Take();
}

void WriteRelationship(JsonWriter& w, const RelationshipRecord& r) {
  w.BeginObject()
      .Field("id", std::to_string(r.target_id))
      .Field("following", r.following)
      .Field("showing_reblogs", r.showing_reblogs)
      .Field("notifying", r.notifying)
      .Field("followed_by", r.followed_by)
      .Field("blocking", r.blocking)
      .Field("blocked_by", r.blocked_by)
      .Field("muting", r.muting)
      .Field("muting_notifications", r.muting_notifications);
  if (r.muting_expires_at)
    w.Field("muting_expires_at", FormatIso8601(r.muting_expires_at));
  else
    w.Key("muting_expires_at").Null();
  w.Field("requested", r.requested)
      .Field("requested_by", r.requested_by)
      .Field("domain_blocking", false)
      .Field("endorsed", r.endorsed)
      .Field("note", r.note)
      .Field("connected", r.connected)
      .Field("connection_requested", r.connection_requested)
      .Field("connection_requested_by", r.connection_requested_by)
      .EndObject();
}

}  // namespace atrium::api
