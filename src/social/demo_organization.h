// The demo organization `atrium serve --demo` creates in an empty store, so
// that a newcomer has people to sign in as.
#pragma once

#include <ostream>

#include "base/status.h"
#include "social/account_service.h"

namespace atrium {

// The demo password every demo account gets.
inline constexpr const char* kDemoPassword = "atrium-demo";

// Creates the demo people unless the store already has accounts. Writes how
// to sign in to `out`. OK if it created them or there were accounts already.
Status CreateDemoOrganization(Store& store, AccountService& accounts, std::ostream& out);

}  // namespace atrium
