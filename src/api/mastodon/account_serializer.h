// How people look on the wire: Mastodon's Account, CredentialAccount and
// Relationship entities. One place, so every endpoint shows a person the
// same way.
#pragma once

#include <string>

#include "base/json_writer.h"
#include "social/account_cache.h"
#include "social/custom_emoji_service.h"
#include "social/preference_service.h"
#include "social/visibility_policy.h"
#include "store/social_records.h"

namespace atrium::api {

// Writes a Mastodon Account entity. `base_url` makes the absolute URLs.
// `view` is what the viewer may be shown (VisibilityPolicy::ProfileViewOf):
// kOrgChart keeps the name, avatar and the Title and Department items and
// writes an empty note, no other items, zero counts and no last post.
// `emojis`: the custom emoji its `emojis` lists those of the name and note
// from (none without it).
void WriteAccount(JsonWriter& w, const AccountSnapshot& account, const std::string& base_url,
                  ProfileView view = ProfileView::kFull,
                  const CustomEmojiCatalog* emojis = nullptr);

// Writes a CredentialAccount: the Account plus `source` and `role`, for the
// person themselves; `source` holds their posting defaults (`prefs`; the
// defaults' defaults without it).
void WriteCredentialAccount(JsonWriter& w, const AccountSnapshot& account,
                            int64_t follow_requests_count, const std::string& base_url,
                            const CustomEmojiCatalog* emojis = nullptr,
                            const MemberPreferences* prefs = nullptr);

std::string AccountJson(const AccountSnapshot& account, const std::string& base_url,
                        ProfileView view = ProfileView::kFull,
                        const CustomEmojiCatalog* emojis = nullptr);

// Writes a Relationship entity (with Atrium's connection fields).
void WriteRelationship(JsonWriter& w, const RelationshipRecord& r);

// Plain text to Mastodon-style HTML: escaped, paragraphs on blank lines,
// <br> on single line breaks.
std::string PlainTextToHtml(const std::string& text);

}  // namespace atrium::api
