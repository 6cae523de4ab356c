#include "http/params.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "base/text.h"

namespace atrium::http {
namespace {

void Flatten(const std::string& name, const boost::json::value& v,
             std::vector<std::pair<std::string, std::string>>& out,
             std::vector<std::string>& empty_lists) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return;
    case boost::json::kind::bool_:
      out.emplace_back(name, v.get_bool() ? "true" : "false");
      return;
    case boost::json::kind::string:
      out.emplace_back(name, std::string(v.get_string()));
      return;
    case boost::json::kind::array:
      if (v.get_array().empty()) empty_lists.push_back(name + "[]");
      for (const auto& e : v.get_array()) Flatten(name + "[]", e, out, empty_lists);
      return;
    case boost::json::kind::object:
      for (const auto& [k, e] : v.get_object())
        Flatten(name.empty() ? std::string(k) : name + "[" + std::string(k) + "]", e, out,
                empty_lists);
      return;
    default:
      out.emplace_back(name, boost::json::serialize(v));
      return;
  }
}

// The value of `key=` in a header like `form-data; name="x"; filename="y"`.
// In a quoted value, \" and \\ stand for " and \ (the quoted-string
// escapes curl sends); any other backslash is itself (a Windows path).
std::string HeaderAttribute(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while ((pos = header.find(key, pos)) != std::string_view::npos) {
    bool starts = pos == 0 || header[pos - 1] == ' ' || header[pos - 1] == ';';
    size_t eq = pos + key.size();
    if (starts && eq < header.size() && header[eq] == '=') {
      std::string_view rest = header.substr(eq + 1);
      if (!rest.empty() && rest.front() == '"') {
        std::string value;
        for (size_t i = 1; i < rest.size() && rest[i] != '"'; ++i) {
          if (rest[i] == '\\' && i + 1 < rest.size() && (rest[i + 1] == '"' || rest[i + 1] == '\\'))
            ++i;
          value.push_back(rest[i]);
        }
        return value;
      }
      auto end = rest.find(';');
      return std::string(Trim(rest.substr(0, end)));
    }
    pos = eq;
  }
  return {};
}

// The file name of a multipart part from its Content-Disposition value:
// `filename*` (RFC 8187, UTF-8) when a client sends one, else `filename`
// with the escapes browsers write (the HTML standard's form encoding turns
// " into %22, CR into %0D and LF into %0A) undone.
std::string PartFileName(std::string_view disposition) {
  std::string extended = HeaderAttribute(disposition, "filename*");
  constexpr std::string_view kUtf8 = "utf-8''";
  if (extended.size() > kUtf8.size() && EqualsIgnoreCase(extended.substr(0, kUtf8.size()), kUtf8)) {
    std::string encoded = extended.substr(kUtf8.size()), decoded;
    // A '+' is itself here, not a form's space.
    for (size_t plus; (plus = encoded.find('+')) != std::string::npos;)
      encoded.replace(plus, 1, "%2B");
    if (FormDecode(encoded, &decoded) && IsValidUtf8(decoded)) return decoded;
  }
  std::string name = HeaderAttribute(disposition, "filename");
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size()) {
      std::string_view code = std::string_view(name).substr(i + 1, 2);
      char c = EqualsIgnoreCase(code, "22")   ? '"'
               : EqualsIgnoreCase(code, "0d") ? '\r'
               : EqualsIgnoreCase(code, "0a") ? '\n'
                                              : '\0';
      if (c != '\0') {
        out.push_back(c);
        i += 2;
        continue;
      }
    }
    out.push_back(name[i]);
  }
  return out;
}

}  // namespace

Result<Params> Params::ParseForm(std::string_view text) {
  Params p;
  Status s = p.AddForm(text);
  if (!s.ok()) return s;
  return p;
}

Result<Params> Params::Parse(const Request& request) {
  Params p;
  Status s = p.AddForm(request.query);
  if (!s.ok()) return s;
  if (request.body.empty()) return p;
  std::string type = request.MediaType();
  if (type == "application/json" || (type.size() > 5 && type.ends_with("+json"))) {
    s = p.AddJson(request.body);
  } else if (type == "application/x-www-form-urlencoded") {
    s = p.AddForm(request.body);
  } else if (type == "multipart/form-data") {
    s = p.AddMultipart(request.body, request.Header("Content-Type"));
  } else {
    s = Status(static_cast<Code>(415), "Unsupported media type",
               "send the body as application/json, application/x-www-form-urlencoded or "
               "multipart/form-data");
  }
  if (!s.ok()) return s;
  return p;
}

Status Params::AddForm(std::string_view text) {
  size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    size_t amp = text.find('&', pos);
    std::string_view pair = text.substr(pos, amp == std::string_view::npos ? text.npos : amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string name, value;
      if (!FormDecode(pair.substr(0, eq), &name) ||
          (eq != std::string_view::npos && !FormDecode(pair.substr(eq + 1), &value)))
        return Status::BadRequest("Invalid parameters", "a parameter has a malformed %-escape");
      if (!IsValidUtf8(name) || !IsValidUtf8(value))
        return Status::BadRequest("Invalid parameters", "a parameter is not valid UTF-8");
      values_.emplace_back(std::move(name), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return Status::Ok();
}

Status Params::AddJson(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec)
    return Status::BadRequest("Invalid JSON",
                              "the request body is not valid JSON: " + ec.message());
  if (!v.is_object())
    return Status::BadRequest("Invalid JSON", "the request body must be a JSON object");
  Flatten("", v, values_, empty_lists_);
  return Status::Ok();
}

Status Params::AddMultipart(const std::string& body, std::string_view content_type) {
  std::string boundary = HeaderAttribute(content_type, "boundary");
  const Status bad =
      Status::BadRequest("Invalid multipart body", "the multipart/form-data body is malformed");
  if (boundary.empty() || boundary.size() > 200) return bad;
  const std::string delim = "--" + boundary;
  size_t pos = body.find(delim);
  if (pos == std::string::npos) return bad;
  while (true) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) return Status::Ok();  // closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) return bad;
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string::npos) return bad;
    std::string_view headers(body.data() + pos, headers_end - pos);
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string::npos) return bad;
    std::string name, filename, type = "text/plain";
    bool has_filename = false;
    size_t line_start = 0;
    while (line_start < headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? headers.npos : line_end - line_start);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string_view hname = Trim(line.substr(0, colon)), hval = Trim(line.substr(colon + 1));
        if (EqualsIgnoreCase(hname, "Content-Disposition")) {
          name = HeaderAttribute(hval, "name");
          has_filename = hval.find("filename=") != std::string_view::npos ||
                         hval.find("filename*=") != std::string_view::npos;
          filename = PartFileName(hval);
        } else if (EqualsIgnoreCase(hname, "Content-Type")) {
          type = std::string(hval);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (name.empty() || !IsValidUtf8(name)) return bad;
    std::string data = body.substr(data_start, next - data_start);
    if (has_filename) {
      files_.push_back({name, filename, type, std::move(data)});
    } else {
      if (!IsValidUtf8(data))
        return Status::BadRequest("Invalid parameters", "a parameter is not valid UTF-8");
      values_.emplace_back(std::move(name), std::move(data));
    }
    pos = next + 2;
  }
}

std::optional<std::string> Params::Get(std::string_view name) const {
  for (auto it = values_.rbegin(); it != values_.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

std::string Params::GetOr(std::string_view name, std::string_view fallback) const {
  auto v = Get(name);
  return v ? *v : std::string(fallback);
}

Result<std::optional<int64_t>> Params::GetInt(std::string_view name, int64_t min,
                                              int64_t max) const {
  auto text = Get(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
    return Status::Unprocessable(
        fmt::format("Validation failed: {} must be a whole number from {} to {}", name, min, max));
  return std::optional<int64_t>(value);
}

std::vector<std::string> Params::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values_)
    if (k == name || (k.size() == name.size() + 2 && k.starts_with(name) && k.ends_with("[]")))
      out.push_back(v);
  return out;
}

std::optional<std::vector<std::string>> Params::GetList(std::string_view name) const {
  const std::string list = std::string(name) + "[]";
  bool named = std::find(empty_lists_.begin(), empty_lists_.end(), list) != empty_lists_.end();
  for (const auto& [k, v] : values_) named = named || k == name || k == list;
  if (!named) return std::nullopt;
  return GetAll(name);
}

bool Params::Has(std::string_view name) const { return Get(name).has_value(); }

std::optional<bool> Params::GetBool(std::string_view name, bool* bad) const {
  auto v = Get(name);
  if (!v) return std::nullopt;
  std::string s = AsciiLower(*v);
  if (s == "true" || s == "1" || s == "on" || s == "t" || s == "yes") return true;
  if (s == "false" || s == "0" || s == "off" || s == "f" || s == "no" || s.empty()) return false;
  if (bad) *bad = true;
  return std::nullopt;
}

}  // namespace atrium::http
