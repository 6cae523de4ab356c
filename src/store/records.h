// Records: the rows the store keeps, as plain values. Shared by every store
// implementation; the layers above work with these and never with SQL.
#pragma once

#include <cstdint>
#include <string>

namespace atrium {

// A person's role in the organization's Atrium.
inline constexpr const char* kRoleMember = "member";
inline constexpr const char* kRoleModerator = "moderator";
inline constexpr const char* kRoleAdmin = "admin";
bool IsValidRole(const std::string& role);

// Filters of the administrators' list of accounts; empty ones match all.
struct AccountQuery {
  std::string status;        // "active" or "disabled"
  bool staff = false;        // admins and moderators only
  std::string role;          // exactly this role
  std::string username;      // prefix, any case
  std::string email;         // prefix, any case
  std::string display_name;  // contained, any case
};

struct Account {
  int64_t id = 0;
  std::string username;  // unique, case-insensitive
  std::string display_name;
  std::string email;  // unique, case-insensitive; may be empty
  std::string role = kRoleMember;
  bool active = true;
  bool locked = false;  // follows need approval
  // While not locked, follows from anyone above the person in the org chart
  // (their management chain) need approval; others go through.
  bool approve_management_chain = false;
  std::string note;  // about, as the person wrote it (Markdown)
  // The note as HTML. The store renders it whenever the account is written
  // (from `note`; what a caller puts here is not stored) and reads it back.
  std::string note_html;
  std::string password_hash;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  // Work contact information from the organization's directory (SCIM, CSV
  // or LDAP). Read-only to the person.
  std::string external_id;  // the identity provider's id; unique when set
  std::string title;
  std::string department;
  int64_t manager_id = 0;  // 0: none
  std::string location;
  std::string phone;
  std::string employee_number;
  std::string cost_center;
  std::string organization;
  std::string division;
  // What the person adds about themselves.
  std::string pronouns;
  std::string avatar;  // file name under the data folder's media/avatars; empty: none
  std::string header;  // file name under media/headers (the profile's header image); empty: none
  // When the directory removed the person (SCIM DELETE): they stay
  // deactivated and their content stays, but provisioning no longer sees
  // them. 0: not removed.
  int64_t removed_at = 0;
  // The person came from the organization's directory (SCIM, CSV import or
  // LDAP sync, through DirectoryService::Provision): their display name is
  // the directory's, not theirs to change.
  bool directory_managed = false;
};

// A browser session. Only the hash of the cookie's secret is stored.
struct Session {
  int64_t id = 0;
  std::string token_hash;
  int64_t account_id = 0;
  int64_t created_at = 0;
  std::string user_agent;
  std::string ip;
  // When it was last used, recorded at most once a minute (AuthService).
  int64_t last_used_at = 0;
};

// A member's personal feed token, the credential in their Atom feed URLs.
// Only the hash of the secret is stored; a member has at most one.
struct FeedTokenRecord {
  int64_t account_id = 0;
  std::string token_hash;
  int64_t created_at = 0;
};

// A registered OAuth client application.
struct OAuthApp {
  int64_t id = 0;
  std::string name;
  std::string website;
  std::string redirect_uris;  // one per line
  std::string scopes;         // space-separated
  std::string client_id;
  std::string client_secret_hash;
  int64_t created_at = 0;
};

// An OAuth access token. account_id is 0 for an app-only token
// (client_credentials grant).
struct AccessToken {
  int64_t id = 0;
  std::string token_hash;
  int64_t app_id = 0;
  int64_t account_id = 0;
  std::string scopes;
  int64_t created_at = 0;
  int64_t revoked_at = 0;
  int64_t code_id = 0;  // the authorization code it was issued for, if any
};

// An authorization code, valid once and briefly.
struct AuthCode {
  int64_t id = 0;
  std::string code_hash;
  int64_t app_id = 0;
  int64_t account_id = 0;
  std::string redirect_uri;
  std::string scopes;
  std::string code_challenge;  // S256 challenge; empty when PKCE was not used
  int64_t expires_at = 0;
  int64_t used_at = 0;
};

// A SAML authentication request Atrium sent to the identity provider and
// has not yet seen answered, bound to the browser that started it.
struct SamlRequest {
  std::string id;            // the AuthnRequest's ID, which the response's InResponseTo names
  std::string browser_hash;  // SHA-256 of the secret in the browser's cookie
  std::string return_to;     // the local path to go to once signed in
  int64_t expires_at = 0;
};

// An OpenID Connect sign-in begun and not yet come back (single-use).
struct OidcRequest {
  std::string state_hash;    // SHA-256 of the state sent to the provider
  std::string browser_hash;  // SHA-256 of the secret in the browser's cookie
  std::string return_to;     // a local path
  int64_t expires_at = 0;
};

// A sign-in through the OpenID provider: its subject and session id.
struct OidcSignIn {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string subject;
  std::string sid;  // "" when the provider gave none
  int64_t created_at = 0;
};

}  // namespace atrium
