#include "base/settings.h"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <sstream>

#include "base/mail_kinds.h"
#include "base/mail_message.h"
#include "base/text.h"
#include "base/time_zone.h"

namespace atrium {
namespace {

using Apply = std::function<bool(Settings&, const std::string&)>;

bool ParseInt64(const std::string& v, int64_t* out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && p == v.data() + v.size();
}

Apply Str(std::string Settings::*field) {
  return [field](Settings& s, const std::string& v) {
    s.*field = v;
    return true;
  };
}
Apply Int(int Settings::*field, int64_t min, int64_t max) {
  return [=](Settings& s, const std::string& v) {
    int64_t n;
    if (!ParseInt64(v, &n) || n < min || n > max) return false;
    s.*field = static_cast<int>(n);
    return true;
  };
}
Apply Int64(int64_t Settings::*field, int64_t min, int64_t max) {
  return [=](Settings& s, const std::string& v) {
    int64_t n;
    if (!ParseInt64(v, &n) || n < min || n > max) return false;
    s.*field = n;
    return true;
  };
}
// Milliseconds, or a whole number of seconds, minutes, hours or days with the
// unit's letter after it ("90s", "30m", "12h", "30d").
Apply Duration(int64_t Settings::*field, int64_t max_ms) {
  return [=](Settings& s, const std::string& v) {
    int64_t unit = 1;
    std::string number = v;
    if (!v.empty()) {
      switch (v.back()) {
        case 's':
          unit = 1000;
          break;
        case 'm':
          unit = 60 * 1000;
          break;
        case 'h':
          unit = 60 * 60 * 1000;
          break;
        case 'd':
          unit = 24 * 60 * 60 * 1000;
          break;
      }
      if (unit != 1) number.pop_back();
    }
    int64_t n;
    if (number.empty() || !ParseInt64(number, &n) || n < 0 || n > max_ms / unit) return false;
    s.*field = n * unit;
    return true;
  };
}
Apply Bool(bool Settings::*field) {
  return [=](Settings& s, const std::string& v) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") {
      s.*field = true;
    } else if (v == "false" || v == "0" || v == "no" || v == "off") {
      s.*field = false;
    } else {
      return false;
    }
    return true;
  };
}
bool ApplyListen(Settings& s, const std::string& v) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  int64_t port;
  if (!ParseInt64(v.substr(colon + 1), &port) || port < 0 || port > 65535) return false;
  std::string host = v.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  s.listen_host = host;
  s.listen_port = static_cast<int>(port);
  return true;
}

// "HOST:PORT" like listen, or "" / "off": no metrics listener.
bool ApplyMetricsListen(Settings& s, const std::string& v) {
  if (v.empty() || v == "off") {
    s.metrics_listen_host.clear();
    s.metrics_listen_port = -1;
    return true;
  }
  Settings parsed;
  if (!ApplyListen(parsed, v)) return false;
  s.metrics_listen_host = parsed.listen_host;
  s.metrics_listen_port = parsed.listen_port;
  return true;
}
bool ApplyMetricsToken(Settings& s, const std::string& v) {
  // Long enough not to be guessed, and sendable in a header as it is.
  if (!v.empty() && v.size() < 16) return false;
  for (char c : v)
    if (c <= 0x20 || c >= 0x7f) return false;
  s.metrics_token = v;
  return true;
}
bool ApplyLogFormat(Settings& s, const std::string& v) {
  if (v != "text" && v != "json") return false;
  s.log_format = v;
  return true;
}

bool ApplyLdapUrl(Settings& s, const std::string& v) {
  if (!v.empty() && !v.starts_with("ldap://") && !v.starts_with("ldaps://") &&
      !v.starts_with("ldapi://"))
    return false;
  s.ldap_url = v;
  return true;
}
bool ApplyLdapFilter(Settings& s, const std::string& v) {
  if (v.size() < 2 || v.front() != '(' || v.back() != ')') return false;
  s.ldap_filter = v;
  return true;
}

bool ApplyLocalSignIn(Settings& s, const std::string& v) {
  if (v != "on" && v != "admins" && v != "off") return false;
  s.local_sign_in = v;
  return true;
}

bool ApplySamlIdpMetadata(Settings& s, const std::string& v) {
  if (v.find("://") != std::string::npos && !v.starts_with("https://") && !v.starts_with("http://"))
    return false;
  s.saml_idp_metadata = v;
  return true;
}
bool ApplySamlAttribute(Settings& s, const std::string& v) {
  if (v.empty() || v.size() > 512 || v.find_first_of(" \t\r\n") != std::string::npos) return false;
  s.saml_attribute = v;
  return true;
}
bool ApplySamlMatch(Settings& s, const std::string& v) {
  if (v != "email" && v != "external-id") return false;
  s.saml_match = v;
  return true;
}
bool ApplyButtonLabel(std::string Settings::*field, Settings& s, const std::string& v) {
  if (v.empty() || v.size() > 100) return false;
  s.*field = v;
  return true;
}
// An https:// URL, or http:// on a loopback host (a provider for tests or
// one on the same machine), without a query or fragment.
bool ApplyOidcIssuer(Settings& s, const std::string& v) {
  if (!v.empty()) {
    std::string_view rest;
    if (v.starts_with("https://")) {
      rest = std::string_view(v).substr(8);
    } else if (v.starts_with("http://")) {
      rest = std::string_view(v).substr(7);
      std::string_view host = rest.substr(0, rest.find_first_of("/"));
      if (host.starts_with("["))
        host = host.substr(0, host.find(']') + 1);
      else
        host = host.substr(0, host.find(':'));
      if (host != "localhost" && !host.starts_with("127.") && host != "[::1]") return false;
    } else {
      return false;
    }
    if (rest.empty() || rest.front() == '/' || v.find_first_of("?# \t\r\n") != std::string::npos)
      return false;
  }
  s.oidc_issuer = v;
  return true;
}
bool ApplyOidcScopes(Settings& s, const std::string& v) {
  bool openid = false;
  std::istringstream words(v);
  std::string scope;
  while (words >> scope) {
    for (char c : scope)
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
    openid = openid || scope == "openid";
  }
  if (!openid) return false;
  s.oidc_scopes = v;
  return true;
}
bool ApplyOidcClaim(Settings& s, const std::string& v) {
  if (v != "email" && v != "preferred_username" && v != "upn" && v != "sub") return false;
  s.oidc_claim = v;
  return true;
}
bool ApplyOidcButton(Settings& s, const std::string& v) {
  if (Trim(v).empty() || v.size() > 100) return false;
  s.oidc_button = v;
  return true;
}

bool ApplyRedis(Settings& s, const std::string& v) {
  if (!v.empty() && !v.starts_with("redis://")) return false;
  s.redis = v;
  return true;
}
bool ApplyRedisPrefix(Settings& s, const std::string& v) {
  if (v.empty() || v.size() > 100 || v.find_first_of(" \t\r\n*?[]") != std::string::npos)
    return false;
  s.redis_prefix = v;
  return true;
}

bool ApplyTrustedProxies(Settings& s, const std::string& v) {
  auto networks = ParseIpNetworks(v);
  if (!networks) return false;
  s.trusted_proxies = std::move(*networks);
  return true;
}

bool ApplyFetchAllow(Settings& s, const std::string& v) {
  auto policy = OutboundPolicy::Parse(v, true);
  if (!policy) return false;
  s.fetch_allow = std::move(*policy);
  return true;
}

bool ApplySmtpUrl(Settings& s, const std::string& v) {
  if (!v.empty() && !v.starts_with("smtp://") && !v.starts_with("smtps://")) return false;
  for (unsigned char c : v)
    if (c <= 0x20 || c >= 0x7f) return false;
  s.smtp_url = v;
  return true;
}
bool ApplySmtpStarttls(Settings& s, const std::string& v) {
  if (v != "auto" && v != "required") return false;
  s.smtp_starttls = v;
  return true;
}
bool ApplyMailDigestTime(Settings& s, const std::string& v) {
  auto minute = ParseClockTime(v);
  if (!minute) return false;
  s.mail_digest_time = *minute;
  return true;
}
bool ApplyMailDigestDay(Settings& s, const std::string& v) {
  static const char* days[] = {"sunday",   "monday", "tuesday", "wednesday",
                               "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (v == days[i]) {
      s.mail_digest_day = i;
      return true;
    }
  return false;
}
bool ApplyMailTimeZone(Settings& s, const std::string& v) {
  if (!IsTimeZone(v)) return false;
  s.mail_time_zone = v;
  return true;
}
bool ApplyMailDefaultDigest(Settings& s, const std::string& v) {
  if (v != "daily" && v != "weekly" && v != "off") return false;
  s.mail_default_digest = v;
  return true;
}
bool ApplyMailDefaultNotifications(Settings& s, const std::string& v) {
  if (!IsMailDefaultNotifications(v)) return false;
  s.mail_default_notifications = v;
  return true;
}
bool ApplyMailQuietHours(Settings& s, const std::string& v) {
  if (!v.empty() && !ParseQuietHours(v)) return false;
  s.mail_quiet_hours = v;
  return true;
}
bool ApplyMailFrom(Settings& s, const std::string& v) {
  MailAddress a;
  if (!v.empty() && !ParseMailAddress(v, &a)) return false;
  s.mail_from = v;
  return true;
}
bool ApplyMailReplyTo(Settings& s, const std::string& v) {
  if (!v.empty() && !IsMailAddress(v)) return false;
  s.mail_reply_to = v;
  return true;
}

bool ApplyPushSubject(Settings& s, const std::string& v) {
  bool mailto = v.rfind("mailto:", 0) == 0 && IsMailAddress(v.substr(7));
  bool https = v.rfind("https://", 0) == 0 && v.size() > 8 &&
               v.find_first_of(" \t\r\n") == std::string::npos;
  if (!v.empty() && !mailto && !https) return false;
  s.push_subject = v;
  return true;
}

struct Key {
  const char* name;
  Apply apply;
  const char* expected;
};

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      {"data", Str(&Settings::data_dir), "a folder"},
      {"database", Str(&Settings::database), "a file path or postgres:// URL"},
      {"redis", ApplyRedis, "a redis://[:password@]host[:port][/db] URL"},
      {"redis-prefix", ApplyRedisPrefix, "a name without spaces or *?[]"},
      {"fanout-reclaim", Int64(&Settings::fanout_reclaim_ms, 100, 3600000), "milliseconds"},
      {"background-interval", Duration(&Settings::background_interval_ms, int64_t{86400000}),
       "milliseconds, or a number with s, m, h or d (e.g. 10s)"},
      {"schedule-min-lead", Duration(&Settings::schedule_min_lead_ms, int64_t{86400000}),
       "milliseconds, or a number with s, m, h or d (e.g. 5m)"},
      {"advice-rules", Str(&Settings::advice_rules), "a JSON file (docs/ADVICE.md), or empty"},
      {"trends-refresh", Duration(&Settings::trends_refresh_ms, int64_t{86400000}),
       "milliseconds, or a number with s, m, h or d (e.g. 5m)"},
      {"poll-min-expiration", Duration(&Settings::poll_min_expiration_ms, int64_t{86400000}),
       "milliseconds, or a number with s, m, h or d (e.g. 5m)"},
      {"listen", ApplyListen, "HOST:PORT"},
      {"node-id", Int(&Settings::node_id, 0, 1023), "a number from 0 to 1023"},
      {"threads", Int(&Settings::threads, 0, 256), "a number from 0 to 256"},
      {"write-threads", Int(&Settings::write_threads, 0, 1024), "a number from 0 to 1024"},
      {"home-page-cache", Int64(&Settings::home_page_cache_mb, 0, 1 << 20), "MiB (0: none)"},
      {"list-page-cache", Int64(&Settings::list_page_cache_mb, 0, 1 << 20), "MiB (0: none)"},
      {"max-body", Int64(&Settings::max_body_bytes, 1024, int64_t{1} << 32),
       "bytes, at least 1024"},
      {"max-header", Int64(&Settings::max_header_bytes, 1024, 1 << 20), "bytes, 1024 to 1048576"},
      {"request-timeout", Int64(&Settings::request_timeout_ms, 10, 3600000), "milliseconds"},
      {"idle-timeout", Int64(&Settings::idle_timeout_ms, 10, 3600000), "milliseconds"},
      {"max-connections", Int(&Settings::max_connections, 1, 1000000), "a positive number"},
      {"max-streams-per-member", Int(&Settings::max_streams_per_member, 1, 100000),
       "a number from 1 to 100000"},
      {"max-stream-subscriptions", Int(&Settings::max_stream_subscriptions, 1, 100000),
       "a number from 1 to 100000"},
      {"shutdown-grace", Int64(&Settings::shutdown_grace_ms, 0, 3600000), "milliseconds"},
      {"password-grant", Bool(&Settings::password_grant), "true or false"},
      {"public-url", Str(&Settings::public_url), "a URL"},
      {"title", Str(&Settings::title), "text"},
      {"cookie-secure", Bool(&Settings::cookie_secure), "true or false"},
      {"log-level", Str(&Settings::log_level), "trace, debug, info, warn or error"},
      {"log-format", ApplyLogFormat, "text or json"},
      {"metrics-listen", ApplyMetricsListen, "HOST:PORT, or off"},
      {"metrics-token", ApplyMetricsToken,
       "at least 16 printable characters without spaces, or empty (none)"},
      {"status-max-chars", Int(&Settings::status_max_chars, 1, 1000000), "a positive number"},
      {"signin-free-failures", Int(&Settings::signin_free_failures, 0, 1000000),
       "a number from 0 to 1000000"},
      {"signin-delay", Int64(&Settings::signin_delay_ms, 1, 86400000),
       "milliseconds, 1 to 86400000"},
      {"signin-max-delay", Int64(&Settings::signin_max_delay_ms, 1, 86400000),
       "milliseconds, 1 to 86400000"},
      {"signin-failures-per-address", Int(&Settings::signin_failures_per_address, 1, 1000000),
       "a positive number"},
      {"signin-window", Int64(&Settings::signin_window_ms, 1, int64_t{1} << 40), "milliseconds"},
      {"local-sign-in", ApplyLocalSignIn, "on, admins or off"},
      {"ldap-sign-in", Bool(&Settings::ldap_sign_in), "true or false"},
      {"session-lifetime", Duration(&Settings::session_lifetime_ms, int64_t{3650} * 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 30d); 0: no limit"},
      {"session-idle-timeout",
       Duration(&Settings::session_idle_timeout_ms, int64_t{3650} * 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 8h); 0: none"},
      {"media-image-max-bytes", Int64(&Settings::media_image_max_bytes, 1024, int64_t{1} << 32),
       "bytes, at least 1024"},
      {"media-video-max-bytes", Int64(&Settings::media_video_max_bytes, 1024, int64_t{1} << 32),
       "bytes, at least 1024"},
      {"media-document-max-bytes",
       Int64(&Settings::media_document_max_bytes, 1024, int64_t{1} << 32), "bytes, at least 1024"},
      {"media-image-max-pixels", Int64(&Settings::media_image_max_pixels, 10000, int64_t{1} << 32),
       "pixels, at least 10000"},
      {"media-image-max-source-pixels",
       Int64(&Settings::media_image_max_source_pixels, 10000, int64_t{1} << 32),
       "pixels, at least 10000"},
      {"media-uploads-per-hour", Int(&Settings::media_uploads_per_hour, 1, 1000000),
       "a positive number"},
      {"app-registrations-per-address", Int(&Settings::app_registrations_per_address, 1, 1000000),
       "a positive number"},
      {"trusted-proxies", ApplyTrustedProxies,
       "addresses or networks (CIDR) separated by commas, e.g. 127.0.0.1, 10.0.0.0/8"},
      {"web-root", Str(&Settings::web_root), "a folder"},
      {"fetch-allow", ApplyFetchAllow,
       "host names (or *.domain) and networks (CIDR) separated by commas, e.g. "
       "wiki.corp.example, *.intranet.example, 10.20.0.0/16"},
      {"fetch-public", Bool(&Settings::fetch_public), "true or false"},
      {"fetch-timeout", Duration(&Settings::fetch_timeout_ms, 300000),
       "milliseconds, or a number with s or m (e.g. 10s)"},
      {"fetch-max-bytes", Int64(&Settings::fetch_max_bytes, 1024, int64_t{1} << 30),
       "bytes, at least 1024"},
      {"fetch-max-image-bytes", Int64(&Settings::fetch_max_image_bytes, 1024, int64_t{1} << 30),
       "bytes, at least 1024"},
      {"fetch-max-redirects", Int(&Settings::fetch_max_redirects, 0, 20), "a number from 0 to 20"},
      {"link-previews", Bool(&Settings::link_previews), "true or false"},
      {"feed-poll-interval", Duration(&Settings::feed_poll_ms, int64_t{7} * 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 30m)"},
      {"ldap-url", ApplyLdapUrl, "an ldap://, ldaps:// or ldapi:// URL"},
      {"ldap-bind-dn", Str(&Settings::ldap_bind_dn), "a DN"},
      {"ldap-bind-password", Str(&Settings::ldap_bind_password), "text"},
      {"ldap-bind-password-file", Str(&Settings::ldap_bind_password_file), "a file"},
      {"ldap-base", Str(&Settings::ldap_base), "a DN"},
      {"ldap-filter", ApplyLdapFilter, "an LDAP filter in parentheses"},
      {"ldap-map", Str(&Settings::ldap_map), "field=attribute pairs separated by commas"},
      {"saml-idp-metadata", ApplySamlIdpMetadata, "a file or an https:// (or http://) URL"},
      {"saml-sp-entity-id", Str(&Settings::saml_sp_entity_id), "a URI"},
      {"saml-sp-key-file", Str(&Settings::saml_sp_key_file), "a PEM file"},
      {"saml-sp-cert-file", Str(&Settings::saml_sp_cert_file), "a PEM file"},
      {"saml-attribute", ApplySamlAttribute, "nameid or an attribute name"},
      {"saml-match", ApplySamlMatch, "email or external-id"},
      {"saml-button",
       [](Settings& s, const std::string& v) {
         return ApplyButtonLabel(&Settings::saml_button, s, v);
       },
       "text of 1 to 100 characters"},
      {"oidc-issuer", ApplyOidcIssuer,
       "an https:// URL (http:// only on localhost or 127.0.0.1), without query or fragment"},
      {"oidc-client-id", Str(&Settings::oidc_client_id), "text"},
      {"oidc-client-secret", Str(&Settings::oidc_client_secret), "text"},
      {"oidc-client-secret-file", Str(&Settings::oidc_client_secret_file), "a file"},
      {"oidc-scopes", ApplyOidcScopes, "scopes separated by spaces, including openid"},
      {"oidc-claim", ApplyOidcClaim, "email, preferred_username, upn or sub"},
      {"oidc-button", ApplyOidcButton, "a label of 1 to 100 characters"},
      {"oidc-create-members", Bool(&Settings::oidc_create_members), "true or false"},
      {"smtp-url", ApplySmtpUrl, "an smtp:// or smtps:// URL"},
      {"smtp-starttls", ApplySmtpStarttls, "auto or required"},
      {"smtp-user", Str(&Settings::smtp_user), "text"},
      {"smtp-password-file", Str(&Settings::smtp_password_file), "a file"},
      {"mail-from", ApplyMailFrom, "an address, or Name <address>"},
      {"mail-reply-to", ApplyMailReplyTo, "an address"},
      {"mail-delay", Duration(&Settings::mail_delay_ms, int64_t{7} * 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 15m)"},
      {"mail-poll", Duration(&Settings::mail_poll_ms, 3600000),
       "milliseconds, or a number with s, m, h or d (e.g. 5s)"},
      {"mail-retry", Duration(&Settings::mail_retry_ms, 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 30s)"},
      {"mail-max-attempts", Int(&Settings::mail_max_attempts, 1, 1000), "a number from 1 to 1000"},
      {"push-allow-insecure-loopback", Bool(&Settings::push_allow_insecure_loopback),
       "true or false"},
      {"push-subject", ApplyPushSubject, "a mailto: or https: URL"},
      {"push-retry", Duration(&Settings::push_retry_ms, 86400000),
       "milliseconds, or a number with s, m, h or d (e.g. 30s)"},
      {"push-max-attempts", Int(&Settings::push_max_attempts, 1, 1000), "a number from 1 to 1000"},
      {"mail-digest-time", ApplyMailDigestTime, "a local time HH:MM (e.g. 08:00)"},
      {"mail-digest-day", ApplyMailDigestDay, "a day of the week in English (e.g. monday)"},
      {"mail-digest-size", Int(&Settings::mail_digest_size, 1, 50), "a number from 1 to 50"},
      {"mail-time-zone", ApplyMailTimeZone,
       "a time zone: an IANA name (e.g. Europe/Berlin), UTC or an offset (+01:00)"},
      {"mail-default-digest", ApplyMailDefaultDigest, "daily, weekly or off"},
      {"mail-default-notifications", ApplyMailDefaultNotifications,
       "immediate, digest or never, or per kind: "
       "mention=…,direct=…,follow_request=…,reply=…,answer=…"},
      {"mail-quiet-hours", ApplyMailQuietHours, "HH:MM-HH:MM (e.g. 22:00-07:00), or empty"},
  };
  return keys;
}

}  // namespace

const std::vector<std::string>& SettingKeys() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& k : Keys()) v.push_back(k.name);
    return v;
  }();
  return names;
}

std::string Settings::DatabaseUrl() const {
  if (!database.empty()) return database;
  return data_dir + "/atrium.db";
}

std::string Settings::DatabaseUrlForLog() const {
  std::string url = DatabaseUrl();
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t at = url.find('@', start);
  size_t slash = url.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string Settings::BaseUrl() const {
  if (!public_url.empty()) {
    std::string u = public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  std::string host =
      listen_host.find(':') != std::string::npos ? "[" + listen_host + "]" : listen_host;
  if (host == "0.0.0.0") host = "127.0.0.1";
  return fmt::format("http://{}:{}", host, listen_port);
}

SettingsLayer SettingsFromEnvironment(char** environ) {
  SettingsLayer layer;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("ATRIUM_", 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string key = entry.substr(7, eq - 7);
    if (key == "CONFIG") continue;  // names the file, is not a setting
    for (char& c : key) c = c == '_' ? '-' : static_cast<char>(std::tolower(c));
    layer[key] = entry.substr(eq + 1);
  }
  return layer;
}

Result<SettingsLayer> ParseSettingsFile(const std::string& text) {
  SettingsLayer layer;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = std::string(Trim(line));
    if (line.empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos)
      return Status::BadRequest("invalid_config",
                                fmt::format("line {}: expected `key = value`", number));
    std::string key(Trim(std::string_view(line).substr(0, eq)));
    std::string value(Trim(std::string_view(line).substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    layer[key] = value;
  }
  return layer;
}

Result<Settings> ResolveSettings(const SettingsLayer& flags, const SettingsLayer& env,
                                 const SettingsLayer& file) {
  Settings s;
  const SettingsLayer* layers[] = {&file, &env, &flags};  // lowest precedence first
  const char* sources[] = {"config file", "environment", "command line"};
  for (int i = 0; i < 3; ++i) {
    for (const auto& [key, value] : *layers[i]) {
      const Key* found = nullptr;
      for (const auto& k : Keys())
        if (key == k.name) found = &k;
      if (!found) {
        // The environment is shared with other programs: an ATRIUM_* variable
        // that names no setting is not ours to refuse. Flags and the config
        // file are Atrium's alone, so a typo there is an error.
        if (layers[i] == &env) continue;
        return Status::BadRequest("invalid_config",
                                  fmt::format("unknown setting '{}' in the {}", key, sources[i]));
      }
      if (!found->apply(s, value))
        return Status::BadRequest("invalid_config",
                                  fmt::format("setting '{}' in the {} must be {}, not '{}'", key,
                                              sources[i], found->expected, value));
    }
  }
  return s;
}

}  // namespace atrium
