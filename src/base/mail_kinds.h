// The kinds of notification mail and the organization's default mode for
// each (the setting mail-default-notifications: one mode for every kind, or
// "reply=digest,answer=never" per kind, the kinds not named immediate).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atrium {

// In the order they are shown.
const std::vector<std::string>& MailKinds();

// Whether `value` is a valid mail-default-notifications.
bool IsMailDefaultNotifications(std::string_view value);

// The default mode ("immediate", "digest" or "never") of `kind` under the
// setting `value` (valid).
std::string MailDefaultFor(std::string_view value, std::string_view kind);

}  // namespace atrium
