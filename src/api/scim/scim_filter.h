// SCIM filters and attribute paths (RFC 7644 §3.4.2.2 and §3.5.2): parsing
// them, and matching a filter against a resource given as its JSON document
// (what GET returns), so one evaluator serves Users and Groups alike.
//
// Supported: an attribute path with an optional schema URN and one
// sub-attribute ("name.givenName", "urn:…:enterprise:2.0:User:department");
// the operators eq ne co sw ew gt ge lt le pr; and, or, not(…) and
// parentheses (and binds tighter than or); value paths
// (`emails[type eq "work"]`) and the form IdPs send,
// `emails[type eq "work"].value eq "x"`: some element matches the bracket
// and its sub-attribute the comparison.
//
// Names and operators are case-insensitive. String comparisons are too,
// except for `id` and `externalId` (caseExact in RFC 7643). A multi-valued
// attribute matches when any of its values does; a complex value without a
// sub-attribute is compared by its `value` (`members eq "7"`).
//
// Parse errors are Status::BadRequest with error() "invalidFilter" (or
// "invalidPath" for ParsePath) and a description naming the problem.
// Values; everything here is thread-safe.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium::api::scim {

// Schema URNs this server knows.
inline constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr std::string_view kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr std::string_view kEnterpriseUserSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// "urn:…:User:name.givenName" is {urn, "name", "givenName"}. `urn` is empty
// or a schema URN; `name` is empty when the path names a whole extension.
struct AttrPath {
  std::string urn;
  std::string name;
  std::string sub;

  // True for a path into the core schema (no URN, or a core URN).
  bool IsCore() const;
};

enum class CompareOp { kEq, kNe, kCo, kSw, kEw, kGt, kGe, kLt, kLe, kPr };

struct Filter {
  enum class Kind { kCompare, kAnd, kOr, kNot, kValuePath };
  Kind kind = Kind::kCompare;
  // kCompare: the attribute; kValuePath: the multi-valued attribute.
  AttrPath path;
  CompareOp op = CompareOp::kEq;  // kCompare
  boost::json::value value;       // kCompare, except kPr
  // kAnd, kOr: two; kNot: one; kValuePath: the bracket's filter and, for
  // `attr[…].sub op value`, that comparison (relative to the element).
  std::vector<Filter> children;
};

// A PATCH path: attrPath, or valuePath with an optional sub-attribute after
// the bracket ("emails[type eq "work"].value").
struct PatchPath {
  AttrPath attr;
  std::optional<Filter> filter;
  std::string sub_after_filter;
};

// Parses a filter. 400 invalidFilter on any error.
Result<Filter> ParseFilter(std::string_view text);

// Parses a PATCH operation's path. 400 invalidPath on any error.
Result<PatchPath> ParsePath(std::string_view text);

// Parses one attribute path ("emails.value", "urn:…:User:manager"); nullopt
// if it is not one.
std::optional<AttrPath> ParseAttrPath(std::string_view text);

// True if `resource` matches `filter`.
bool Matches(const Filter& filter, const boost::json::object& resource);

// The member of `object` named `name`, compared case-insensitively; null if
// absent.
const boost::json::value* FindMember(const boost::json::object& object, std::string_view name);
boost::json::value* FindMember(boost::json::object& object, std::string_view name);
// Erases the member of `object` named `name` (case-insensitive), if any.
void EraseMember(boost::json::object& object, std::string_view name);

// Convenience constructors, for code that rewrites filters.
Filter Compare(AttrPath path, CompareOp op, boost::json::value value);
Filter Either(Filter a, Filter b);

}  // namespace atrium::api::scim
