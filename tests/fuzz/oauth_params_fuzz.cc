// The parameters of an OAuth request (authorize, token, revoke, app
// registration): a form body, then its scopes read as the provider reads
// them.
#include "fuzz_util.h"
#include "http/params.h"
#include "social/scopes.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto params = http::Params::ParseForm(fuzz::Text(data, size));
  if (!params.ok()) return 0;
  for (const char* name : {"client_id", "client_secret", "redirect_uri", "redirect_uris",
                           "grant_type", "code", "code_verifier", "code_challenge",
                           "code_challenge_method", "response_type", "state", "token"})
    (void)params->Get(name);
  std::vector<std::string> requested = SplitScopes(params->GetOr("scope", ""));
  std::vector<std::string> granted = SplitScopes(params->GetOr("scopes", "read"));
  for (const auto& scope : requested) {
    (void)IsKnownScope(scope);
    (void)ScopesAllow(granted, scope);
  }
  (void)ScopesSubset(requested, granted);
  (void)JoinScopes(requested);
  return 0;
}
