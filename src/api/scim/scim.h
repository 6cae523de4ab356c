// The SCIM 2.0 service (RFC 7643, RFC 7644) at /scim/v2, through which an
// identity provider (Microsoft Entra ID, Okta) provisions the organization's
// people and groups. This header holds what the resource files share: the
// provisioning-token gate, SCIM responses and errors, request bodies, list
// parameters and ListResponse.
//
// Every SCIM response is application/scim+json; errors carry the SCIM
// error schema with `status` as a string and, for 400 and 409, a scimType.
// Request bodies may be application/scim+json or application/json.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.h"
#include "api/scim/scim_filter.h"
#include "http/message.h"
#include "http/router.h"

namespace atrium::api::scim {

inline constexpr std::string_view kScimMediaType = "application/scim+json";
inline constexpr std::string_view kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
inline constexpr std::string_view kListResponseSchema =
    "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kScimPath = "/scim/v2";

inline constexpr int kDefaultCount = 100;
inline constexpr int kMaxCount = 200;

// `body` as a SCIM response.
http::Response ScimJson(int status, const boost::json::value& body);

// A SCIM error (RFC 7644 §3.12) for a Status from any layer: 400 with
// error() naming a SCIM error type (invalidFilter, invalidSyntax, …) keeps
// it; the domain's 422 becomes 400 invalidValue; 409 is uniqueness.
http::Response ScimError(const Status& status);

// The absolute URL of a resource: "<base>/scim/v2/Users/7".
std::string ResourceUrl(const ApiContext& ctx, std::string_view type, int64_t id);

// meta of a resource (RFC 7643 §3.1).
boost::json::object Meta(const ApiContext& ctx, std::string_view type, int64_t id,
                         int64_t created_at, int64_t updated_at);

using ScimHandler = std::function<http::Response(http::Request&)>;

// Wraps a handler so that it runs only for a live provisioning token
// (Authorization: Bearer); 401 otherwise.
http::Handler ProtectScim(ApiContext& ctx, ScimHandler handler);

using ScimRoute = http::Response (*)(ApiContext&, http::Request&);
// Adds a route whose handler runs behind ProtectScim.
void AddScimRoute(http::Router& router, ApiContext& ctx, const char* method,
                  const std::string& path, ScimRoute handler);

// 400 mutability unless the document's id is absent or `id` (RFC 7643
// §3.1: id is read-only).
Status CheckIdUnchanged(const boost::json::object& document, int64_t id);

// The request's JSON object. 400 invalidSyntax for malformed JSON, a body
// that is not an object, or a media type other than SCIM's or JSON.
Result<boost::json::object> ReadBody(const http::Request& request);

// The string member `name` of `object`: "" if absent or null, 400
// invalidSyntax if it is not a string.
Result<std::string> StringMember(const boost::json::object& object, std::string_view name);

// Which attributes to return (RFC 7644 §3.4.2.5).
struct Projection {
  std::vector<AttrPath> attributes;
  std::vector<AttrPath> excluded;
};

// The query of a list request (RFC 7644 §3.4.2).
struct ListQuery {
  std::optional<Filter> filter;
  int64_t start_index = 1;    // 1-based; values below 1 read as 1
  int count = kDefaultCount;  // 0 to kMaxCount
  Projection projection;
};

// attributes and excludedAttributes of the query string. 400 invalidValue
// for a name that is not an attribute path.
Result<Projection> ReadProjection(const http::Request& request);
// filter, startIndex, count, attributes, excludedAttributes. 400
// invalidFilter or invalidValue.
Result<ListQuery> ReadListQuery(const http::Request& request);

// Leaves out of `resource` what the projection excludes; id and schemas stay.
void Project(boost::json::object& resource, const Projection& projection);

// A ListResponse of one page of `total` matches.
http::Response ListResponse(int64_t total, const ListQuery& query, boost::json::array resources);

// The 1-based position window of a page, for collecting matches in order.
struct PageWindow {
  explicit PageWindow(const ListQuery& q)
      : first(q.start_index), last(q.start_index + q.count - 1) {}
  // Counts one more match; true if it falls on the page.
  bool Take() {
    ++seen;
    return seen >= first && seen <= last;
  }
  int64_t first, last, seen = 0;
};

// Each resource file registers its own routes under /scim/v2.
void RegisterScimMetaRoutes(http::Router& router, ApiContext& ctx);
void RegisterScimUserRoutes(http::Router& router, ApiContext& ctx);
void RegisterScimGroupRoutes(http::Router& router, ApiContext& ctx);

}  // namespace atrium::api::scim
