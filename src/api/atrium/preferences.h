// A member's own settings kept on the account (social/preference_service.h).
#pragma once

#include "api/context.h"
#include "base/json_writer.h"
#include "http/router.h"
#include "social/preference_service.h"

namespace atrium::api {

//   GET   /api/v1/atrium/preferences/interface   {"language": "de" | null} (read:accounts)
//   PATCH /api/v1/atrium/preferences/interface   language = a BCP 47 tag, or "" to follow
//                                                the browser (write:accounts)
void RegisterPreferenceRoutes(http::Router& router, ApiContext& ctx);

// Writes Mastodon's posting:default:* and atrium:interface:language members
// of /api/v1/preferences into the open object of `w`.
void WritePreferenceMembers(JsonWriter& w, const MemberPreferences& p);

}  // namespace atrium::api
