// ApiContext: what every endpoint may use. Built once at start by `serve`;
// the members outlive every request.
#pragma once

#include <cstdint>

#include "base/id.h"
#include "base/settings.h"
#include "social/account_service.h"
#include "social/auth_service.h"
#include "store/store.h"

namespace atrium::api {

struct ApiContext {
  const Settings& settings;
  Store& store;
  IdGenerator& ids;
  AccountService& accounts;
  AuthService& auth;
  int64_t started_at = 0;
};

}  // namespace atrium::api
