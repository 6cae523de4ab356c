// Settings: how an `atrium` process is configured.
//
// Every setting has a key ("listen", "max-body", ...). A value is taken from,
// in order of precedence: a command-line flag (--listen), an environment
// variable (ATRIUM_LISTEN), the config file (`listen = 127.0.0.1:8080`), and
// finally the built-in default. The config file is named by --config or
// ATRIUM_CONFIG; it holds `key = value` lines, with `#` starting a comment.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/ip_address.h"
#include "base/safe_fetch.h"
#include "base/status.h"

namespace atrium {

struct Settings {
  std::string data_dir = "./var";
  std::string database;  // empty: sqlite file in data_dir
  std::string redis;     // empty: in-process feeds and events (one node)
  // The names of this installation's keys and channels in Redis (several
  // installations may share one Redis; the nodes of one share the prefix).
  std::string redis_prefix = "atrium";
  // Cluster mode: a fan-out job a node took but did not finish in this
  // long (it died) is taken over by another node.
  int64_t fanout_reclaim_ms = 10000;
  // The background worker of `serve` (scheduled posts) looks for due work
  // this often, and once at start.
  int64_t background_interval_ms = 10000;
  // A scheduled post must be at least this far ahead (Mastodon: 5 minutes).
  int64_t schedule_min_lead_ms = 5 * 60 * 1000;
  // The organization's advice rule pack (a JSON file, docs/ADVICE.md), laid
  // over the built-in posting guidance; empty: the built-in pack alone.
  std::string advice_rules;
  // Org trends (tags, posts, links of the week) are counted again at most
  // this often, once per visibility class (the organization, each
  // restricted community); in between every reader is answered from them.
  int64_t trends_refresh_ms = 5 * 60 * 1000;
  // A poll runs at least this long (Mastodon: 5 minutes).
  int64_t poll_min_expiration_ms = 5 * 60 * 1000;
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int node_id = 0;
  int threads = 0;         // 0: one per core
  int write_threads = 32;  // requests that change something run on these (0: on `threads`)
  // Memory for each reader's rendered first home page (FirstPageCache); 0: none.
  int64_t home_page_cache_mb = 256;
  // Memory for readers' rendered first pages of notifications (v1 or v2)
  // and of their likes and bookmarks (FirstPageCache), half each; 0: none.
  int64_t list_page_cache_mb = 512;
  int64_t max_body_bytes = 1 << 20;
  int64_t max_header_bytes = 16 << 10;
  int64_t request_timeout_ms = 15000;
  int64_t idle_timeout_ms = 60000;
  int max_connections = 10000;
  // Live streams (SSE and WebSocket together) one member may have open at
  // once on a node (more: 429), and stream subscriptions (hashtag, list,
  // community…) within one WebSocket (more: an error message).
  int max_streams_per_member = 32;
  int max_stream_subscriptions = 100;
  int64_t shutdown_grace_ms = 10000;
  bool password_grant = true;
  std::string public_url;  // empty: http://<listen>
  std::string title = "Atrium";
  bool cookie_secure = false;
  std::string log_level = "info";
  // "text" (time, level, message) or "json" (one object a line, for a log
  // pipeline); base/log_sink.h.
  std::string log_format = "text";
  // GET /metrics (docs/OPERATIONS.md): served on a listener of its own at
  // metrics_listen_host:metrics_listen_port (port -1: none), and on the main
  // listener only to requests bearing metrics_token (empty: never).
  std::string metrics_listen_host;
  int metrics_listen_port = -1;
  std::string metrics_token;
  int status_max_chars = 5000;
  // Sign-in: failures of one account from one client address cost nothing
  // up to signin_free_failures; each further one makes that pair wait,
  // signin_delay_ms the first time, twice as long each next time, at most
  // signin_max_delay_ms. One address may fail signin_failures_per_address
  // times within signin_window_ms, whatever the accounts.
  int signin_free_failures = 3;
  int64_t signin_delay_ms = 1000;
  int64_t signin_max_delay_ms = 15 * 60 * 1000;
  int signin_failures_per_address = 20;
  int64_t signin_window_ms = 15 * 60 * 1000;
  // Who may sign in with a password Atrium keeps: "on" (everyone who has
  // one), "admins" (administrators only: the break-glass account, where
  // people sign in through the organization's identity provider) or "off".
  std::string local_sign_in = "on";
  // Sign in with the directory password: the password form's login is
  // looked up in the directory the ldap-* settings name, and the password
  // checked by binding as the entry found (social/ldap_sign_in.h).
  bool ldap_sign_in = false;
  // A browser session ends this long after sign-in (0: never), and when it
  // has not been used for longer than session_idle_timeout_ms (0: never).
  int64_t session_lifetime_ms = int64_t{30} * 24 * 60 * 60 * 1000;
  int64_t session_idle_timeout_ms = 0;
  // Media uploads (POST /api/v2/media): the largest file of each type, in
  // bytes (more: 413); images above media_image_max_source_pixels (as
  // their header declares) are refused, those above media_image_max_pixels
  // stored scaled down; uploads one member may make per hour (more: 429).
  int64_t media_image_max_bytes = 16 << 20;
  int64_t media_video_max_bytes = 40 << 20;
  int64_t media_document_max_bytes = 16 << 20;
  int64_t media_image_max_pixels = 16'000'000;
  int64_t media_image_max_source_pixels = 64'000'000;
  int media_uploads_per_hour = 120;
  // POST /api/v1/apps: registrations per client address per hour.
  int app_registrations_per_address = 30;
  // The proxies whose X-Forwarded-For is believed (empty: none); see
  // http/client_address.h.
  std::vector<IpNetwork> trusted_proxies;

  // Outgoing requests to what members link to (base/safe_fetch.h): link
  // previews and blog feeds. `fetch-allow` lists the intranet hosts and
  // networks that may be fetched (its public_addresses is not used);
  // `fetch-public` says whether public addresses may. Outbound() is the two
  // together.
  OutboundPolicy fetch_allow;
  bool fetch_public = true;
  int64_t fetch_timeout_ms = 10000;         // one fetch, redirects included
  int64_t fetch_max_bytes = 2 << 20;        // a page, a feed, an oEmbed answer
  int64_t fetch_max_image_bytes = 8 << 20;  // a preview card's picture
  int fetch_max_redirects = 3;
  bool link_previews = true;  // off: posts get no preview cards
  // A connected blog feed is read this often (more rarely after errors:
  // doubling, at most a day).
  int64_t feed_poll_ms = 30 * 60 * 1000;
  OutboundPolicy Outbound() const {
    OutboundPolicy p = fetch_allow;
    p.public_addresses = fetch_public;
    return p;
  }
  std::string web_root = "web/dist";  // the built web client (relative: to the working folder)

  // `atrium sync-ldap`: where the directory is and what to read from it.
  std::string ldap_url;            // ldap://, ldaps:// or ldapi://; empty: not configured
  std::string ldap_bind_dn;        // empty: an anonymous bind
  std::string ldap_bind_password;  // prefer ldap_bind_password_file: flags are visible in ps
  std::string
      ldap_bind_password_file;  // a file holding the password (one trailing newline ignored)
  std::string ldap_base;        // the search base
  std::string ldap_filter = "(objectClass=inetOrgPerson)";
  // field=attribute pairs, the fields being import-directory's columns.
  std::string ldap_map =
      "username=uid,email=mail,display_name=cn,title=title,department=departmentNumber,"
      "manager=manager,location=l,phone=telephoneNumber,employee_number=employeeNumber,"
      "external_id=entryUUID";

  // SAML 2.0 sign-in (social/saml_service.h). Configured when
  // saml_idp_metadata is set: the identity provider's metadata, a file or an
  // http(s) URL read at start.
  std::string saml_idp_metadata;
  std::string saml_sp_entity_id;  // empty: <public URL>/auth/saml/metadata
  // A PEM key and certificate: AuthnRequests are signed with the key and the
  // certificate is published in the metadata. Both or neither.
  std::string saml_sp_key_file;
  std::string saml_sp_cert_file;
  // What names the person: "nameid" (the assertion's NameID) or the name of
  // an attribute (e.g. "email", "upn" or a claim URI); its value is matched
  // to a member's e-mail, or with saml_match "external-id" to the directory's
  // externalId (SCIM).
  std::string saml_attribute = "nameid";
  std::string saml_match = "email";
  std::string saml_button = "Sign in with SAML";  // the sign-in button's label
  // Sign-in through an OpenID Connect provider (off while oidc_issuer is
  // empty). The client secret: prefer oidc_client_secret_file, since flags
  // are visible in ps.
  std::string oidc_issuer;  // https:// (http:// only on a loopback host)
  std::string oidc_client_id;
  std::string oidc_client_secret;
  std::string oidc_client_secret_file;  // one trailing newline ignored
  std::string oidc_scopes = "openid profile email";
  // The claim that names the person: email, preferred_username or upn
  // (matched as a sign-in name: an e-mail address or a username), or sub
  // (matched to the directory's external id).
  std::string oidc_claim = "email";
  std::string oidc_button = "Sign in with your organization";
  bool oidc_create_members = false;  // unknown people become members from the claims

  // E-mail (social/mail_service.h). Off while smtp_url is empty.
  std::string smtp_url;                // smtp://host[:port] (STARTTLS when offered) or smtps://
  std::string smtp_starttls = "auto";  // "required": refuse to send over an unencrypted smtp://
  std::string smtp_user;               // empty: no authentication
  std::string smtp_password_file;      // a file holding the password (one trailing newline ignored)
  std::string mail_from;               // the From address: Name <address> or address
  std::string mail_reply_to;           // an address; empty: none
  // A notification is mailed only if still unread this long after it came.
  int64_t mail_delay_ms = 15 * 60 * 1000;
  // How often the mail worker looks for notifications to mail and messages to send.
  int64_t mail_poll_ms = 5000;
  // A failed attempt is retried after mail_retry_ms, twice as long after
  // each further failure (at most an hour); after mail_max_attempts the
  // message is given up.
  int64_t mail_retry_ms = 30000;
  int mail_max_attempts = 10;
  // The digest: at mail_digest_time (minutes after local midnight) in each
  // member's time zone, weekly on mail_digest_day (0 Sunday .. 6 Saturday),
  // at most mail_digest_size posts.
  int mail_digest_time = 8 * 60;
  int mail_digest_day = 1;
  int mail_digest_size = 10;
  // Organization defaults for what a member has not chosen: their time zone
  // (base/time_zone.h), the digest (daily, weekly or off), each kind of
  // notification mail (immediate, digest or never) and quiet hours
  // ("22:00-07:00", local; empty: none).
  std::string mail_time_zone = "UTC";
  std::string mail_default_digest = "weekly";
  std::string mail_default_notifications = "immediate";
  std::string mail_quiet_hours;

  // Web Push (social/push_service.h). Push endpoints must be https; with
  // push_allow_insecure_loopback an http:// endpoint on a loopback address
  // is taken too (tests and local development). push_subject is the VAPID
  // contact a push service may write to (mailto: or https:; empty: the base
  // URL). A failed delivery is retried after push_retry_ms, doubling (at
  // most an hour), and given up after push_max_attempts.
  bool push_allow_insecure_loopback = false;
  std::string push_subject;
  int64_t push_retry_ms = 30000;
  int push_max_attempts = 8;

  // The SQLite file path or the database URL to open.
  std::string DatabaseUrl() const;
  // DatabaseUrl() fit for a log: a password in the URL ("//user:secret@")
  // is shown as "***".
  std::string DatabaseUrlForLog() const;
  // The absolute base URL for links (Link headers, redirects).
  std::string BaseUrl() const;
};

// One layer of raw key -> value settings.
using SettingsLayer = std::map<std::string, std::string>;

// The ATRIUM_* variables of `environ`, as keys ("ATRIUM_MAX_BODY" -> "max-body").
SettingsLayer SettingsFromEnvironment(char** environ);

// Parses config-file text. Fails on a line that is not `key = value`.
Result<SettingsLayer> ParseSettingsFile(const std::string& text);

// Resolves the layers (flags over env over file over defaults) into Settings.
// Fails naming the key on a value of the wrong form, or on an unknown key in
// the flags or the file (unknown ATRIUM_* environment variables are ignored).
Result<Settings> ResolveSettings(const SettingsLayer& flags, const SettingsLayer& env,
                                 const SettingsLayer& file);

// The names of every key, for help text and validation.
const std::vector<std::string>& SettingKeys();

}  // namespace atrium
