// Principal: the authenticated party of a request, as AuthService finds it
// from a session cookie or an access token. A value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "store/records.h"

namespace atrium {

struct Principal {
  Account account;  // id 0 for an app-only token
  int64_t app_id = 0;
  int64_t token_id = 0;
  std::vector<std::string> scopes;
  bool via_session = false;
  std::string session_token_hash;
  std::string csrf_token;  // for sessions only
  // For sessions only: when it began, and when its use was last recorded.
  int64_t session_created_at = 0;
  int64_t session_last_used_at = 0;

  bool has_account() const { return account.id != 0; }
};

// A principal shared, unchanged, by the cache and the requests it serves.
using PrincipalPtr = std::shared_ptr<const Principal>;

}  // namespace atrium
