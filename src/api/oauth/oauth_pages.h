// The HTML pages of the OAuth authorization flow: sign in and consent, the
// out-of-band code, and errors. Every value put into a page is escaped.
#pragma once

#include <string>
#include <vector>

#include "http/message.h"

namespace atrium::api {

// A button that signs in through the organization's identity provider.
struct SignInProvider {
  std::string label;
  std::string url;  // starts the sign-in and comes back to this page
};

struct AuthorizeForm {
  std::string title;  // the organization's Atrium title
  std::string app_name;
  std::string app_website;
  std::vector<std::string> scopes;
  // Hidden fields carried to the POST, in order.
  std::vector<std::pair<std::string, std::string>> hidden;
  std::string signed_in_as;               // empty: ask for login and password
  std::string login;                      // prefilled after a failed attempt
  std::string error;                      // shown above the form
  std::vector<SignInProvider> providers;  // shown when not signed in
  bool password_sign_in = true;           // false: no login and password fields
};

// An HTML page of the sign-in and authorization flows: never cached, never
// framed, no script.
http::Response HtmlNoStore(int status, std::string body);

std::string RenderAuthorizePage(const AuthorizeForm& form);
std::string RenderCodePage(const std::string& title, const std::string& app_name,
                           const std::string& code);
std::string RenderErrorPage(const std::string& title, const std::string& heading,
                            const std::string& message);

}  // namespace atrium::api
