// SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON document — the
// document GET returns. The caller reads the patched document back as a
// whole resource, so a PATCH is validated and stored exactly like the PUT of
// its result, and every path form works for every attribute alike.
//
// What identity providers send, and how it is read:
// - op names in any case ("Replace", "Add", "remove");
// - add/replace without a path: the value holds attributes by name, dotted
//   sub-attributes ("name.givenName"), value paths, URN-qualified names
//   ("urn:…:enterprise:2.0:User:department") or a whole extension object;
// - a complex value (name, manager) is merged into the existing one,
//   sub-attribute by sub-attribute; a scalar replaces it (Entra ID sends a
//   manager as a bare id);
// - add to a multi-valued attribute appends the values it lacks; replace
//   replaces the list;
// - remove of a multi-valued attribute with a value removes those values
//   only (Entra ID drops group members so); with a value filter
//   (`members[value eq "7"]`) the matching elements; a filter matching
//   nothing removes nothing;
// - add/replace through a value filter that matches nothing creates the
//   element the filter describes, when it is made of `attr eq "v"` terms
//   (`emails[type eq "work"].value` on a person without e-mail); otherwise
//   400 noTarget.
// Read-only attributes (id, meta) are the caller's to check.
#pragma once

#include <boost/json.hpp>

#include "base/status.h"

namespace atrium::api::scim {

// Applies the PatchOp `request` to `resource`. OK, or 400 with error()
// naming the SCIM error type: invalidSyntax (not a PatchOp: no Operations,
// an unknown op, a missing value), invalidPath, noTarget or invalidValue.
// On error `resource` may be partly patched; the caller discards it.
Status ApplyPatch(boost::json::object& resource, const boost::json::value& request);

}  // namespace atrium::api::scim
