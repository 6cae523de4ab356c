// A SCIM filter (?filter=…) and a PATCH path, as identity providers send
// them; a parsed filter is matched against a User resource.
#include <boost/json.hpp>

#include "api/scim/scim_filter.h"
#include "fuzz_util.h"

using namespace atrium;

namespace {

const boost::json::object& Resource() {
  static const boost::json::object resource = boost::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "7", "userName": "ada", "externalId": "E-7", "active": true,
    "name": {"givenName": "Ada", "familyName": "Lovelace"},
    "emails": [{"value": "ada@example.com", "type": "work", "primary": true}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
      {"department": "Engineering", "manager": {"value": "3"}},
    "meta": {"created": "2026-01-01T00:00:00Z"}
  })")
                                                  .as_object();
  return resource;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  auto filter = api::scim::ParseFilter(text);
  if (filter.ok()) (void)api::scim::Matches(*filter, Resource());
  (void)api::scim::ParsePath(text);
  (void)api::scim::ParseAttrPath(text);
  return 0;
}
