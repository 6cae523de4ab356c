#include "api/oauth/oauth_pages.h"

#include <fmt/format.h>

#include "base/text.h"

namespace atrium::api {
namespace {

std::string Page(const std::string& title, const std::string& body) {
  static const char* kStyle = R"css(
:root{color-scheme:light dark;--fg:#1d2430;--muted:#5b6574;--bg:#f4f6fa;--card:#fff;--accent:#2f5bd3;--danger:#b42318;--line:#d6dbe4}
@media (prefers-color-scheme:dark){:root{--fg:#e8ebf1;--muted:#a7b0bf;--bg:#12161d;--card:#1b212b;--accent:#7ea2ff;--danger:#ff8a80;--line:#323b49}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg);display:grid;place-items:center;min-height:100vh;padding:1rem}
main{background:var(--card);border:1px solid var(--line);border-radius:14px;max-width:26rem;width:100%;padding:2rem;box-shadow:0 8px 30px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 .25rem}p{margin:.5rem 0}.muted{color:var(--muted)}.brand{font-weight:700;letter-spacing:.02em;color:var(--accent);margin-bottom:1rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}input[type=text],input[type=password]{width:100%;padding:.65rem .75rem;border:1px solid var(--line);border-radius:8px;font:inherit;background:transparent;color:inherit}
input:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
ul{padding-left:1.2rem}.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{flex:1;padding:.7rem;border-radius:8px;font:inherit;font-weight:600;cursor:pointer;border:1px solid var(--line);background:transparent;color:inherit}
a.provider{display:block;text-align:center;margin-top:1rem;padding:.7rem;border-radius:8px;font-weight:600;text-decoration:none;background:var(--accent);color:#fff}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}.error{color:var(--danger);font-weight:600}code{display:block;font-size:1.1rem;word-break:break-all;padding:.75rem;border:1px dashed var(--line);border-radius:8px;margin:1rem 0;user-select:all}
)css";
  return fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{}</style></"
      "head><body><main>{}</main></body></html>",
      HtmlEscape(title), kStyle, body);
}

}  // namespace

http::Response HtmlNoStore(int status, std::string body) {
  http::Response r = http::Response::Html(status, std::move(body));
  r.Set("Cache-Control", "no-store");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  return r;
}

std::string RenderAuthorizePage(const AuthorizeForm& f) {
  std::string body = fmt::format("<div class=\"brand\">{}</div>", HtmlEscape(f.title));
  body += fmt::format("<h1>Authorize {}</h1>", HtmlEscape(f.app_name));
  if (!f.app_website.empty())
    body += fmt::format("<p class=\"muted\">{}</p>", HtmlEscape(f.app_website));
  body += "<p>This application asks to:</p><ul>";
  for (const auto& s : f.scopes) body += fmt::format("<li><span>{}</span></li>", HtmlEscape(s));
  body += "</ul>";
  if (!f.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(f.error));
  body += "<form method=\"post\" action=\"/oauth/authorize\">";
  for (const auto& [name, value] : f.hidden)
    body += fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", HtmlEscape(name),
                        HtmlEscape(value));
  if (f.signed_in_as.empty() && !f.providers.empty()) {
    // Outside the form: a plain link to the provider, which comes back here.
    std::string links = "<div class=\"providers\">";
    for (const auto& p : f.providers)
      links += fmt::format("<a class=\"provider\" href=\"{}\">{}</a>", HtmlEscape(p.url),
                           HtmlEscape(p.label));
    links += "</div>";
    body.insert(body.rfind("<form "), links);
  }
  if (f.signed_in_as.empty() && !f.password_sign_in) {
    body += "<p class=\"muted\">Sign in above to authorize it.</p>";
  } else if (f.signed_in_as.empty()) {
    body += fmt::format(
        "<label for=\"login\">E-mail or username</label><input type=\"text\" id=\"login\" "
        "name=\"login\" "
        "autocomplete=\"username\" required value=\"{}\" autofocus>"
        "<label for=\"password\">Password</label><input type=\"password\" id=\"password\" "
        "name=\"password\" "
        "autocomplete=\"current-password\" required>",
        HtmlEscape(f.login));
  } else {
    body += fmt::format("<p class=\"muted\">Signed in as <strong>{}</strong></p>",
                        HtmlEscape(f.signed_in_as));
  }
  body +=
      "<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"deny\" "
      "formnovalidate>Deny</button>";
  if (!f.signed_in_as.empty() || f.password_sign_in)
    body +=
        "<button type=\"submit\" name=\"decision\" value=\"approve\" "
        "class=\"primary\">Authorize</button>";
  body += "</div></form>";
  return Page("Authorize " + f.app_name + " · " + f.title, body);
}

std::string RenderCodePage(const std::string& title, const std::string& app_name,
                           const std::string& code) {
  std::string body = fmt::format(
      "<div class=\"brand\">{}</div><h1>Authorization code</h1><p>Copy this code and paste it into "
      "{}:</p><code id=\"authorization-code\">{}</code>",
      HtmlEscape(title), HtmlEscape(app_name), HtmlEscape(code));
  return Page("Authorization code · " + title, body);
}

std::string RenderErrorPage(const std::string& title, const std::string& heading,
                            const std::string& message) {
  std::string body = fmt::format(
      "<div class=\"brand\">{}</div><h1>{}</h1><p class=\"error\" role=\"alert\">{}</p>",
      HtmlEscape(title), HtmlEscape(heading), HtmlEscape(message));
  return Page(heading + " · " + title, body);
}

}  // namespace atrium::api
