// A SCIM PatchOp request body applied to a User resource.
#include <boost/json.hpp>

#include "api/scim/scim_patch.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  boost::system::error_code ec;
  boost::json::value request = boost::json::parse(fuzz::Text(data, size), ec);
  if (ec) return 0;
  boost::json::object resource = boost::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "7", "userName": "ada", "active": true,
    "name": {"givenName": "Ada", "familyName": "Lovelace"},
    "emails": [{"value": "ada@example.com", "type": "work"}],
    "members": [{"value": "1"}, {"value": "2"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Engineering"}
  })")
                                     .as_object();
  (void)api::scim::ApplyPatch(resource, request);
  return 0;
}
