// `atrium doctor`: checks what a running Atrium depends on and prints one
// line per check, `ok`, `warn`, `skip` or `FAIL`, the part checked and why:
//
//   ok    store: SQLite /var/lib/atrium/atrium.db, schema 15 (current), integrity ok
//   FAIL  redis: redis://127.0.0.1:6390: cannot connect (Connection refused)
//
// The checks change nothing: the store is opened read-only (SQLite) or only
// read (PostgreSQL), nothing is migrated, no file is written. What they
// cover: the settings, the data folder (exists, writable, not open to every
// user) and the free disk of it and of its media folder, the store (schema
// version current; on SQLite `PRAGMA integrity_check`), Redis (PING) when
// `redis` is set, the OpenID provider's discovery document and signing keys
// when `oidc-issuer` is set, the SAML identity provider's metadata when
// `saml-idp-metadata` is set, and the web client's folder.
#pragma once

#include <iosfwd>
#include <string>

#include "base/settings.h"

namespace atrium {

// Runs every check for `settings` (read from `config_file`, empty: none),
// printing a line each to `out`. Returns the exit code: 0 when nothing
// failed (warnings allowed), 1 otherwise.
int RunDoctor(const Settings& settings, const std::string& config_file, std::ostream& out);

// The line printed when the settings themselves cannot be read.
void PrintSettingsFailure(const std::string& why, std::ostream& out);

}  // namespace atrium
