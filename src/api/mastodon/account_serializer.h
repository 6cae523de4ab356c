// How an account looks on the wire: Mastodon's Account and CredentialAccount.
// One place, so every endpoint shows a person the same way.
#pragma once

#include <string>

#include "base/json_writer.h"
#include "store/records.h"

namespace atrium::api {

// Writes a Mastodon Account entity. `base_url` makes the absolute URLs.
void WriteAccount(JsonWriter& w, const Account& account, const std::string& base_url);

// Writes a CredentialAccount: the Account plus `source` and `role`, for the
// person themselves.
void WriteCredentialAccount(JsonWriter& w, const Account& account, const std::string& base_url);

std::string AccountJson(const Account& account, const std::string& base_url);
std::string CredentialAccountJson(const Account& account, const std::string& base_url);

// Plain text to Mastodon-style HTML: escaped, paragraphs on blank lines,
// <br> on single line breaks.
std::string PlainTextToHtml(const std::string& text);

}  // namespace atrium::api
