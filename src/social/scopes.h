// OAuth scopes, as Mastodon defines them: top-level scopes (read, write,
// push, follow, profile, admin:read, admin:write) and their sub-scopes
// (read:statuses, admin:write:accounts, ...). A granted scope allows a
// required one if they are equal or the granted one is its parent; the
// deprecated `follow` allows the follow, block and mute sub-scopes of read
// and write; `read:accounts` (and so `read`) allows what `profile` allows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atrium {

// Splits a space- (or '+'-) separated scope string, dropping duplicates.
std::vector<std::string> SplitScopes(std::string_view scopes);
std::string JoinScopes(const std::vector<std::string>& scopes);

// True if `scope` is a scope Atrium knows.
bool IsKnownScope(std::string_view scope);

// True if every scope of `requested` is allowed by some scope of `granted`.
bool ScopesAllow(const std::vector<std::string>& granted, std::string_view required);
bool ScopesSubset(const std::vector<std::string>& requested,
                  const std::vector<std::string>& granted);

// Every scope, for the authorization server metadata.
const std::vector<std::string>& AllScopes();

}  // namespace atrium
