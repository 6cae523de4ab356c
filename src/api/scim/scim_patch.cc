#include "api/scim/scim_patch.h"

#include <string>

#include "api/scim/scim_filter.h"
#include "base/text.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

constexpr size_t kMaxOperations = 1000;

enum class Op { kAdd, kReplace, kRemove };

Status Syntax(std::string detail) { return Status::BadRequest("invalidSyntax", std::move(detail)); }

json::value& Set(json::object& base, std::string_view name, json::value v) {
  if (json::value* existing = FindMember(base, name)) {
    *existing = std::move(v);
    return *existing;
  }
  return base[name] = std::move(v);
}

// Elements of a multi-valued attribute are the same when their `value`s
// are (members, emails), or when they are equal.
bool SameElement(const json::value& a, const json::value& b) {
  if (a.is_object() && b.is_object()) {
    const json::value* va = FindMember(a.get_object(), "value");
    const json::value* vb = FindMember(b.get_object(), "value");
    if (va != nullptr && vb != nullptr) return *va == *vb;
  }
  return a == b;
}

void MergeInto(json::object& target, const json::object& value) {
  for (const auto& kv : value) {
    if (kv.value().is_null())
      EraseMember(target, kv.key());
    else
      Set(target, kv.key(), kv.value());
  }
}

// add/replace/remove of attribute `name` of `base` as a whole.
Status ApplyValue(json::object& base, std::string_view name, Op op, const json::value* value) {
  json::value* existing = FindMember(base, name);
  if (op == Op::kRemove) {
    if (existing == nullptr) return Status::Ok();
    if (value != nullptr && !value->is_null() && existing->is_array()) {
      json::array& list = existing->as_array();
      auto listed = [&](const json::value& e) {
        if (!value->is_array()) return SameElement(e, *value);
        for (const json::value& v : value->get_array())
          if (SameElement(e, v)) return true;
        return false;
      };
      for (size_t i = list.size(); i-- > 0;)
        if (listed(list[i])) list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      if (!list.empty()) return Status::Ok();
    }
    EraseMember(base, name);
    return Status::Ok();
  }
  if (value->is_null()) {
    if (op == Op::kReplace) EraseMember(base, name);
    return Status::Ok();
  }
  if (existing == nullptr || existing->is_null()) {
    Set(base, name, *value);
    return Status::Ok();
  }
  if (existing->is_array()) {
    if (op == Op::kReplace) {
      *existing = value->is_array() ? *value : json::array{*value};
      return Status::Ok();
    }
    json::array& list = existing->as_array();
    auto add = [&](const json::value& v) {
      for (const json::value& e : list)
        if (SameElement(e, v)) return;
      list.push_back(v);
    };
    if (value->is_array()) {
      for (const json::value& v : value->get_array()) add(v);
    } else {
      add(*value);
    }
    return Status::Ok();
  }
  if (existing->is_object() && value->is_object()) {
    MergeInto(existing->as_object(), value->get_object());
    return Status::Ok();
  }
  *existing = *value;
  return Status::Ok();
}

// The element a filter of `attr eq "v"` terms describes; false if it is
// not such a filter.
bool Describe(const Filter& f, json::object& element) {
  if (f.kind == Filter::Kind::kAnd)
    return Describe(f.children[0], element) && Describe(f.children[1], element);
  if (f.kind != Filter::Kind::kCompare || f.op != CompareOp::kEq || f.value.is_null() ||
      !f.path.urn.empty() || !f.path.sub.empty())
    return false;
  element[f.path.name] = f.value;
  return true;
}

// add/replace/remove through a value filter: `attr[filter]` or
// `attr[filter].sub`.
Status ApplyFiltered(json::object& base, const PatchPath& p, Op op, const json::value* value) {
  const std::string& sub = p.sub_after_filter;
  json::value* existing = FindMember(base, p.attr.name);
  if (existing != nullptr && !existing->is_array() && !existing->is_null())
    return Status::BadRequest("invalidPath", p.attr.name + " is not multi-valued");
  std::vector<json::object*> matched;
  if (existing != nullptr && existing->is_array())
    for (json::value& e : existing->as_array())
      if (e.is_object() && Matches(*p.filter, e.get_object())) matched.push_back(&e.as_object());

  if (op == Op::kRemove) {
    if (matched.empty()) return Status::Ok();
    json::array& list = existing->as_array();
    if (sub.empty()) {
      for (size_t i = list.size(); i-- > 0;)
        if (list[i].is_object() && Matches(*p.filter, list[i].get_object()))
          list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      if (list.empty()) EraseMember(base, p.attr.name);
    } else {
      for (json::object* e : matched) EraseMember(*e, sub);
    }
    return Status::Ok();
  }

  if (sub.empty() && !value->is_object())
    return Syntax("the value for " + p.attr.name + "[…] must be an object");
  if (matched.empty()) {
    json::object element;
    if (!Describe(*p.filter, element))
      return Status::BadRequest("noTarget", "no value of " + p.attr.name + " matches the filter");
    if (sub.empty()) {
      MergeInto(element, value->get_object());
    } else if (value->is_null()) {
      return Status::Ok();
    } else {
      element[sub] = *value;
    }
    if (existing == nullptr || existing->is_null())
      existing = &Set(base, p.attr.name, json::array());
    existing->as_array().push_back(std::move(element));
    return Status::Ok();
  }
  for (json::object* e : matched) {
    if (sub.empty()) {
      MergeInto(*e, value->get_object());
    } else if (Status s = ApplyValue(*e, sub, op, value); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

// One operation on attribute `p` of `base` (the resource or an extension).
Status ApplyToAttribute(json::object& base, const PatchPath& p, Op op, const json::value* value) {
  if (p.filter) return ApplyFiltered(base, p, op, value);
  if (p.attr.sub.empty()) return ApplyValue(base, p.attr.name, op, value);
  json::value* parent = FindMember(base, p.attr.name);
  if (parent == nullptr || parent->is_null()) {
    if (op == Op::kRemove || value->is_null()) return Status::Ok();
    parent = &Set(base, p.attr.name, json::object());
  }
  if (parent->is_object()) return ApplyValue(parent->as_object(), p.attr.sub, op, value);
  if (parent->is_array()) {
    for (json::value& e : parent->as_array())
      if (e.is_object())
        if (Status s = ApplyValue(e.as_object(), p.attr.sub, op, value); !s.ok()) return s;
    return Status::Ok();
  }
  return Status::BadRequest("invalidPath", p.attr.name + " has no sub-attributes");
}

Status ApplyAt(json::object& resource, const PatchPath& p, Op op, const json::value* value) {
  if (p.attr.IsCore()) return ApplyToAttribute(resource, p, op, value);
  json::value* ext = FindMember(resource, p.attr.urn);
  if (p.attr.name.empty() && op == Op::kRemove) {
    EraseMember(resource, p.attr.urn);
    return Status::Ok();
  }
  if (ext == nullptr || !ext->is_object()) {
    if (op == Op::kRemove) return Status::Ok();
    ext = &Set(resource, p.attr.urn, json::object());
  }
  json::object& base = ext->as_object();
  if (!p.attr.name.empty()) return ApplyToAttribute(base, p, op, value);
  // The whole extension: each of its attributes in turn.
  if (!value->is_object()) return Syntax("the value for " + p.attr.urn + " must be an object");
  for (const auto& kv : value->get_object()) {
    auto inner = ParsePath(kv.key());
    if (!inner.ok()) return inner.status();
    if (!inner->attr.urn.empty())
      return Status::BadRequest("invalidPath",
                                "\"" + std::string(kv.key()) + "\" inside " + p.attr.urn);
    if (Status s = ApplyToAttribute(base, *inner, op, &kv.value()); !s.ok()) return s;
  }
  return Status::Ok();
}

Status ApplyOperation(json::object& resource, const json::object& operation) {
  const json::value* op_name = FindMember(operation, "op");
  if (op_name == nullptr || !op_name->is_string()) return Syntax("each operation needs an \"op\"");
  std::string name = AsciiLower(op_name->get_string());
  Op op;
  if (name == "add") {
    op = Op::kAdd;
  } else if (name == "replace") {
    op = Op::kReplace;
  } else if (name == "remove") {
    op = Op::kRemove;
  } else {
    return Syntax("op must be add, replace or remove, not \"" + std::string(op_name->get_string()) +
                  "\"");
  }
  const json::value* path = FindMember(operation, "path");
  if (path != nullptr && !path->is_null() && !path->is_string())
    return Syntax("path must be a string");
  bool has_path = path != nullptr && path->is_string() && !path->get_string().empty();
  const json::value* value = FindMember(operation, "value");
  if (op != Op::kRemove && value == nullptr) return Syntax(name + " needs a value");

  if (has_path) {
    auto parsed = ParsePath(path->get_string());
    if (!parsed.ok()) return parsed.status();
    return ApplyAt(resource, *parsed, op, value);
  }
  if (op == Op::kRemove) return Status::BadRequest("noTarget", "remove needs a path");
  if (!value->is_object())
    return Syntax(name + " without a path needs an object of attributes as its value");
  for (const auto& kv : value->get_object()) {
    auto parsed = ParsePath(kv.key());
    if (!parsed.ok()) return parsed.status();
    if (Status s = ApplyAt(resource, *parsed, op, &kv.value()); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status ApplyPatch(json::object& resource, const json::value& request) {
  if (!request.is_object()) return Syntax("the body must be a PatchOp object");
  const json::value* ops = FindMember(request.get_object(), "Operations");
  if (ops == nullptr || !ops->is_array() || ops->get_array().empty())
    return Syntax("Operations must be a non-empty array");
  if (ops->get_array().size() > kMaxOperations)
    return Syntax("at most 1000 operations in one request");
  for (const json::value& operation : ops->get_array()) {
    if (!operation.is_object()) return Syntax("each operation must be an object");
    if (Status s = ApplyOperation(resource, operation.get_object()); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace atrium::api::scim
