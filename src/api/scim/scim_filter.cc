// A recursive-descent parser over a small token list. Filters come from
// query strings an identity provider writes, so they are short; nesting is
// bounded (kMaxDepth) so that a hostile filter cannot exhaust the stack.
#include "api/scim/scim_filter.h"

#include <algorithm>

#include "base/text.h"
#include "http/message.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

constexpr int kMaxDepth = 32;
constexpr size_t kMaxFilterBytes = 8192;

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && http::EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ATTRNAME = ALPHA *(ALPHA / DIGIT / "-" / "_"), and "$ref".
bool IsAttrName(std::string_view s) {
  if (s == "$ref") return true;
  if (s.empty() || !IsAlpha(s.front())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsAlpha(c) || IsDigit(c) || c == '-' || c == '_'; });
}

bool IsWordChar(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '$' ||
         c == '+';
}

struct Token {
  enum Kind { kWord, kString, kOpenParen, kCloseParen, kOpenBracket, kCloseBracket, kEnd };
  Kind kind = kEnd;
  std::string text;   // a word as written; a string decoded
  size_t offset = 0;  // where it starts, for messages
};

Status Invalid(std::string detail) {
  return Status::BadRequest("invalidFilter", std::move(detail));
}

Result<std::vector<Token>> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    Token t;
    t.offset = i;
    if (c == '(' || c == ')' || c == '[' || c == ']') {
      t.kind = c == '('   ? Token::kOpenParen
               : c == ')' ? Token::kCloseParen
               : c == '[' ? Token::kOpenBracket
                          : Token::kCloseBracket;
      ++i;
    } else if (c == '"') {
      size_t end = i + 1;
      while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
      if (end >= s.size())
        return Invalid("unterminated string starting at position " + std::to_string(i));
      // A SCIM string is a JSON string: let the JSON parser decode it.
      boost::system::error_code ec;
      json::value v = json::parse(s.substr(i, end - i + 1), ec);
      if (ec || !v.is_string()) return Invalid("invalid string at position " + std::to_string(i));
      t.kind = Token::kString;
      t.text = std::string(v.get_string());
      i = end + 1;
    } else if (IsWordChar(c)) {
      size_t end = i;
      while (end < s.size() && IsWordChar(s[end])) ++end;
      t.kind = Token::kWord;
      t.text = std::string(s.substr(i, end - i));
      i = end;
    } else {
      return Invalid(std::string("unexpected character '") + c + "' at position " +
                     std::to_string(i));
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.offset = s.size();
  out.push_back(end);
  return out;
}

std::optional<CompareOp> OperatorNamed(std::string_view word) {
  static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
      {"eq", CompareOp::kEq}, {"ne", CompareOp::kNe}, {"co", CompareOp::kCo},
      {"sw", CompareOp::kSw}, {"ew", CompareOp::kEw}, {"gt", CompareOp::kGt},
      {"ge", CompareOp::kGe}, {"lt", CompareOp::kLt}, {"le", CompareOp::kLe},
      {"pr", CompareOp::kPr}};
  for (const auto& [name, op] : kOps)
    if (http::EqualsIgnoreCase(word, name)) return op;
  return std::nullopt;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Filter> Or(int depth, bool in_bracket) {
    auto left = And(depth, in_bracket);
    if (!left.ok()) return left;
    Filter f = std::move(left).value();
    while (PeekWord("or")) {
      ++pos_;
      auto right = And(depth, in_bracket);
      if (!right.ok()) return right;
      f = Either(std::move(f), std::move(right).value());
    }
    return f;
  }

  Result<AttrPath> Path() {
    const Token& t = Next();
    if (t.kind != Token::kWord) return Invalid("expected an attribute " + At(t));
    auto path = ParseAttrPath(t.text);
    if (!path) return Invalid("'" + t.text + "' is not an attribute path");
    return std::move(*path);
  }

  // ".sub" right after a closing bracket, or "" if none follows.
  Result<std::string> SubAfterBracket() {
    const Token& t = Peek();
    if (t.kind != Token::kWord || t.text.empty() || t.text.front() != '.') return std::string();
    ++pos_;
    std::string sub = t.text.substr(1);
    if (!IsAttrName(sub)) return Invalid("'" + sub + "' is not a sub-attribute name");
    return sub;
  }

  Status Expect(Token::Kind kind, const char* what) {
    const Token& t = Next();
    if (t.kind != kind) return Invalid(std::string("expected ") + what + " " + At(t));
    return Status::Ok();
  }

  bool AtEnd() const { return Peek().kind == Token::kEnd; }
  const Token& Peek() const { return tokens_[pos_]; }

 private:
  Result<Filter> And(int depth, bool in_bracket) {
    auto left = Unary(depth, in_bracket);
    if (!left.ok()) return left;
    Filter f = std::move(left).value();
    while (PeekWord("and")) {
      ++pos_;
      auto right = Unary(depth, in_bracket);
      if (!right.ok()) return right;
      Filter both;
      both.kind = Filter::Kind::kAnd;
      both.children.push_back(std::move(f));
      both.children.push_back(std::move(right).value());
      f = std::move(both);
    }
    return f;
  }

  Result<Filter> Unary(int depth, bool in_bracket) {
    if (depth > kMaxDepth) return Invalid("the filter is nested too deeply");
    const Token& t = Peek();
    bool is_not = t.kind == Token::kWord && http::EqualsIgnoreCase(t.text, "not") &&
                  tokens_[pos_ + 1].kind == Token::kOpenParen;
    if (is_not) ++pos_;
    if (Peek().kind == Token::kOpenParen) {
      ++pos_;
      auto inner = Or(depth + 1, in_bracket);
      if (!inner.ok()) return inner;
      if (Status s = Expect(Token::kCloseParen, "')'"); !s.ok()) return s;
      if (!is_not) return inner;
      Filter f;
      f.kind = Filter::Kind::kNot;
      f.children.push_back(std::move(inner).value());
      return f;
    }
    if (t.kind != Token::kWord) return Invalid("expected an attribute " + At(t));
    return Expression(depth, in_bracket);
  }

  // attrPath op value | attrPath pr | attrPath[filter] [.sub op value]
  Result<Filter> Expression(int depth, bool in_bracket) {
    auto path = Path();
    if (!path.ok()) return path.status();
    if (Peek().kind != Token::kOpenBracket) return Comparison(std::move(path).value());
    if (in_bracket) return Invalid("value paths cannot be nested " + At(Peek()));
    if (!path->sub.empty())
      return Invalid("a value path needs a multi-valued attribute, not " + path->sub);
    ++pos_;
    auto inner = Or(depth + 1, true);
    if (!inner.ok()) return inner;
    if (Status s = Expect(Token::kCloseBracket, "']'"); !s.ok()) return s;
    Filter f;
    f.kind = Filter::Kind::kValuePath;
    f.path = std::move(path).value();
    f.children.push_back(std::move(inner).value());
    auto sub = SubAfterBracket();
    if (!sub.ok()) return sub.status();
    if (!sub->empty()) {
      auto then = Comparison(AttrPath{"", std::move(sub).value(), ""});
      if (!then.ok()) return then;
      f.children.push_back(std::move(then).value());
    }
    return f;
  }

  Result<Filter> Comparison(AttrPath path) {
    const Token& op_token = Next();
    auto op = op_token.kind == Token::kWord ? OperatorNamed(op_token.text) : std::nullopt;
    if (!op)
      return Invalid("expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) " +
                     At(op_token));
    if (*op == CompareOp::kPr) return Compare(std::move(path), *op, nullptr);
    const Token& v = Next();
    if (v.kind == Token::kString) return Compare(std::move(path), *op, json::string(v.text));
    if (v.kind == Token::kWord) {
      if (http::EqualsIgnoreCase(v.text, "true")) return Compare(std::move(path), *op, true);
      if (http::EqualsIgnoreCase(v.text, "false")) return Compare(std::move(path), *op, false);
      if (http::EqualsIgnoreCase(v.text, "null")) return Compare(std::move(path), *op, nullptr);
      boost::system::error_code ec;
      json::value n = json::parse(v.text, ec);
      if (!ec && n.is_number()) return Compare(std::move(path), *op, std::move(n));
    }
    return Invalid("expected a value (a quoted string, a number, true, false or null) " + At(v));
  }

  bool PeekWord(std::string_view word) const {
    return Peek().kind == Token::kWord && http::EqualsIgnoreCase(Peek().text, word);
  }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (t.kind != Token::kEnd) ++pos_;
    return t;
  }
  static std::string At(const Token& t) {
    if (t.kind == Token::kEnd) return "at the end";
    return "at position " + std::to_string(t.offset);
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// The values `path` names in `resource`, multi-valued attributes flattened.
std::vector<const json::value*> Resolve(const json::object& resource, const AttrPath& path) {
  const json::object* base = &resource;
  if (!path.IsCore()) {
    const json::value* ext = FindMember(resource, path.urn);
    if (ext == nullptr || !ext->is_object()) return {};
    if (path.name.empty()) return {ext};
    base = &ext->get_object();
  } else if (path.name.empty()) {
    return {};
  }
  const json::value* v = FindMember(*base, path.name);
  if (v == nullptr) return {};
  std::vector<const json::value*> top;
  if (v->is_array()) {
    for (const json::value& e : v->get_array()) top.push_back(&e);
  } else {
    top.push_back(v);
  }
  if (path.sub.empty()) return top;
  std::vector<const json::value*> out;
  for (const json::value* e : top) {
    if (!e->is_object()) continue;
    const json::value* s = FindMember(e->get_object(), path.sub);
    if (s == nullptr) continue;
    if (s->is_array()) {
      for (const json::value& x : s->get_array()) out.push_back(&x);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

bool IsPresent(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return false;
    case json::kind::string:
      return !v.get_string().empty();
    case json::kind::array:
      return !v.get_array().empty();
    case json::kind::object:
      return !v.get_object().empty();
    default:
      return true;
  }
}

template <typename T>
bool Ordered(const T& a, CompareOp op, const T& b) {
  switch (op) {
    case CompareOp::kEq:
      return a == b;
    case CompareOp::kGt:
      return a > b;
    case CompareOp::kGe:
      return a >= b;
    case CompareOp::kLt:
      return a < b;
    case CompareOp::kLe:
      return a <= b;
    default:
      return false;
  }
}

// One value against the operand; `op` is not kNe or kPr.
bool CompareValue(const json::value& actual, CompareOp op, const json::value& operand,
                  bool case_exact) {
  const json::value* a = &actual;
  if (a->is_object()) {
    a = FindMember(a->get_object(), "value");
    if (a == nullptr) return false;
  }
  if (a->is_string() && operand.is_string()) {
    std::string x(a->get_string()), y(operand.get_string());
    if (!case_exact) {
      x = AsciiLower(x);
      y = AsciiLower(y);
    }
    switch (op) {
      case CompareOp::kCo:
        return x.find(y) != std::string::npos;
      case CompareOp::kSw:
        return x.starts_with(y);
      case CompareOp::kEw:
        return x.ends_with(y);
      default:
        return Ordered(x, op, y);
    }
  }
  if (a->is_number() && operand.is_number())
    return Ordered(a->to_number<double>(), op, operand.to_number<double>());
  if (a->is_bool() && operand.is_bool())
    return op == CompareOp::kEq && a->get_bool() == operand.get_bool();
  return false;
}

bool IsCaseExact(const AttrPath& path) {
  return path.IsCore() && path.sub.empty() &&
         (http::EqualsIgnoreCase(path.name, "id") ||
          http::EqualsIgnoreCase(path.name, "externalId"));
}

bool MatchesCompare(const Filter& f, const json::object& resource) {
  std::vector<const json::value*> values = Resolve(resource, f.path);
  auto any = [&](auto pred) {
    return std::any_of(values.begin(), values.end(),
                       [&](const json::value* v) { return pred(*v); });
  };
  if (f.op == CompareOp::kPr) return any(IsPresent);
  if (f.value.is_null()) {
    if (f.op == CompareOp::kEq) return !any(IsPresent);
    if (f.op == CompareOp::kNe) return any(IsPresent);
    return false;
  }
  bool exact = IsCaseExact(f.path);
  if (f.op == CompareOp::kNe)
    return !any(
        [&](const json::value& v) { return CompareValue(v, CompareOp::kEq, f.value, exact); });
  return any([&](const json::value& v) { return CompareValue(v, f.op, f.value, exact); });
}

}  // namespace

bool AttrPath::IsCore() const {
  return urn.empty() || http::EqualsIgnoreCase(urn, kUserSchema) ||
         http::EqualsIgnoreCase(urn, kGroupSchema);
}

std::optional<AttrPath> ParseAttrPath(std::string_view text) {
  AttrPath path;
  std::string_view rest = text;
  bool known = false;
  for (std::string_view urn : {kUserSchema, kGroupSchema, kEnterpriseUserSchema}) {
    if (!IStartsWith(text, urn)) continue;
    if (text.size() == urn.size()) {
      if (urn != kEnterpriseUserSchema) return std::nullopt;  // a core schema is not an attribute
      path.urn = std::string(urn);
      return path;
    }
    if (text[urn.size()] != ':') continue;
    path.urn = std::string(urn);
    rest = text.substr(urn.size() + 1);
    known = true;
    break;
  }
  if (!known && IStartsWith(text, "urn:")) {
    size_t colon = text.rfind(':');
    path.urn = std::string(text.substr(0, colon));
    rest = text.substr(colon + 1);
  }
  size_t dot = rest.find('.');
  path.name = std::string(rest.substr(0, dot));
  if (dot != std::string_view::npos) {
    path.sub = std::string(rest.substr(dot + 1));
    if (!IsAttrName(path.sub)) return std::nullopt;
  }
  if (!IsAttrName(path.name)) return std::nullopt;
  return path;
}

Result<Filter> ParseFilter(std::string_view text) {
  if (text.size() > kMaxFilterBytes) return Invalid("the filter is too long");
  auto tokens = Lex(text);
  if (!tokens.ok()) return tokens.status();
  if (tokens->size() == 1) return Invalid("the filter is empty");
  Parser parser(std::move(tokens).value());
  auto f = parser.Or(0, false);
  if (!f.ok()) return f;
  if (!parser.AtEnd())
    return Invalid("unexpected text at position " + std::to_string(parser.Peek().offset));
  return f;
}

Result<PatchPath> ParsePath(std::string_view text) {
  auto invalid_path = [&](const Status& s) {
    return Status::BadRequest("invalidPath",
                              "invalid path \"" + std::string(text) + "\": " + s.description());
  };
  if (text.size() > kMaxFilterBytes) return invalid_path(Invalid("it is too long"));
  auto tokens = Lex(text);
  if (!tokens.ok()) return invalid_path(tokens.status());
  Parser parser(std::move(tokens).value());
  auto attr = parser.Path();
  if (!attr.ok()) return invalid_path(attr.status());
  PatchPath out;
  out.attr = std::move(attr).value();
  if (parser.Peek().kind == Token::kOpenBracket) {
    if (!out.attr.sub.empty() || out.attr.name.empty())
      return invalid_path(Invalid("a value filter needs a multi-valued attribute"));
    if (Status s = parser.Expect(Token::kOpenBracket, "'['"); !s.ok()) return invalid_path(s);
    auto filter = parser.Or(1, true);
    if (!filter.ok()) return invalid_path(filter.status());
    if (Status s = parser.Expect(Token::kCloseBracket, "']'"); !s.ok()) return invalid_path(s);
    out.filter = std::move(filter).value();
    auto sub = parser.SubAfterBracket();
    if (!sub.ok()) return invalid_path(sub.status());
    out.sub_after_filter = std::move(sub).value();
  }
  if (!parser.AtEnd())
    return invalid_path(
        Invalid("unexpected text at position " + std::to_string(parser.Peek().offset)));
  return out;
}

bool Matches(const Filter& f, const json::object& resource) {
  switch (f.kind) {
    case Filter::Kind::kAnd:
      return Matches(f.children[0], resource) && Matches(f.children[1], resource);
    case Filter::Kind::kOr:
      return Matches(f.children[0], resource) || Matches(f.children[1], resource);
    case Filter::Kind::kNot:
      return !Matches(f.children[0], resource);
    case Filter::Kind::kCompare:
      return MatchesCompare(f, resource);
    case Filter::Kind::kValuePath: {
      AttrPath attr{f.path.urn, f.path.name, ""};
      for (const json::value* v : Resolve(resource, attr)) {
        if (!v->is_object()) continue;
        const json::object& element = v->get_object();
        if (Matches(f.children[0], element) &&
            (f.children.size() < 2 || Matches(f.children[1], element)))
          return true;
      }
      return false;
    }
  }
  return false;
}

const json::value* FindMember(const json::object& object, std::string_view name) {
  if (auto it = object.find(name); it != object.end()) return &it->value();
  for (const auto& kv : object)
    if (http::EqualsIgnoreCase(kv.key(), name)) return &kv.value();
  return nullptr;
}

json::value* FindMember(json::object& object, std::string_view name) {
  return const_cast<json::value*>(FindMember(static_cast<const json::object&>(object), name));
}

void EraseMember(json::object& object, std::string_view name) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (http::EqualsIgnoreCase(it->key(), name)) {
      object.erase(it);
      return;
    }
  }
}

Filter Compare(AttrPath path, CompareOp op, json::value value) {
  Filter f;
  f.kind = Filter::Kind::kCompare;
  f.path = std::move(path);
  f.op = op;
  f.value = std::move(value);
  return f;
}

Filter Either(Filter a, Filter b) {
  Filter f;
  f.kind = Filter::Kind::kOr;
  f.children.push_back(std::move(a));
  f.children.push_back(std::move(b));
  return f;
}

}  // namespace atrium::api::scim
